//! An email's attachments become documents of its inquiry, through the same pipeline as a file
//! attached on a page: fetched from a real Dovecot by `corridor serve`, scanned by a real
//! clamd, and taken from a real ZIP by `corridor import`. A refused attachment is recorded on
//! the inquiry with its reason; the message itself is always kept.

use std::io::Write;
use std::time::{Duration, Instant};

use corridor_documents::testing::{eicar, gps_tagged_photo, photo, png, start_clamd};
use corridor_store::Actor;
use corridor_store::crypto::KeySource;
use corridor_store::documents::{DocumentOwner, DocumentRead, MediaType};
use corridor_store::prelude::*;
use corridor_store_sqlite::SqliteStore;
use sqlx::Connection;

use crate::common::{ok, serve_with};
use crate::mail::dovecot;

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Title (Synthetic COM letter) >> endobj\ntrailer <<>>\n%%EOF\n";
/// The start of a Windows program: refused whatever it is called.
const PROGRAM: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0synthetic program";

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for j in 0..4 {
            out.push(if j <= chunk.len() {
                T[(n >> (18 - 6 * j) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    for (name, bytes) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
    out.into_inner()
}

/// A message with these attachments (name, type, bytes), base64 as mail clients send them.
fn message_with(id: &str, files: &[(&str, &str, Vec<u8>)]) -> String {
    let mut m = format!(
        "From: A Sponsor <sponsor@mail.example>\r\nTo: intake@taskforce.example\r\nSubject: Papers of the family\r\n\
         Message-ID: <{id}>\r\nDate: Tue, 24 Aug 2021 09:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n\
         The scans of their papers are attached.\r\n"
    );
    for (name, ty, bytes) in files {
        m.push_str(&format!(
            "--b1\r\nContent-Type: {ty}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            base64(bytes)
        ));
    }
    m.push_str("--b1--\r\n");
    m
}

/// The attachments every test sends: a GPS-tagged photo, a PDF, a program named as a PDF, and
/// a ZIP holding a PNG, a list of names and another program.
fn papers() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let png = png(64, 48);
    let zip = zip_of(&[
        ("scans/slip.png", &png),
        (
            "scans/family.csv",
            b"given_name,father_name\r\nLaila,Karim\r\nYusuf,Karim\r\n",
        ),
        ("scans/setup.exe", PROGRAM),
    ]);
    vec![
        ("photo.jpg", "image/jpeg", gps_tagged_photo()),
        ("com-letter.pdf", "application/pdf", PDF.to_vec()),
        ("letter.pdf", "application/pdf", PROGRAM.to_vec()),
        ("papers.zip", "application/zip", zip),
    ]
}

async fn inquiry_id(db: &str, key: &str) -> Option<i64> {
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{db}"))
        .await
        .ok()?;
    sqlx::query_scalar("SELECT id FROM inquiries WHERE idempotency_key = ?")
        .bind(key)
        .fetch_optional(&mut conn)
        .await
        .ok()?
}

async fn refusals(db: &str, inquiry: i64) -> Vec<String> {
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{db}"))
        .await
        .unwrap();
    sqlx::query_scalar(
        "SELECT detail FROM audit_events WHERE action = 'document.refused' \
         AND entity = 'inquiry' AND entity_id = ? ORDER BY id",
    )
    .bind(inquiry)
    .fetch_all(&mut conn)
    .await
    .unwrap()
}

/// The documents of an inquiry, with the content of each, read as the server would.
async fn documents(db: &str, inquiry: i64) -> Vec<(MediaType, Vec<u8>)> {
    let store = SqliteStore::open(db, &KeySource::beside(db)).await.unwrap();
    let docs = store
        .documents_of(DocumentOwner::Inquiry(corridor_domain::InquiryId(inquiry)))
        .await
        .unwrap();
    let mut out = Vec::new();
    for d in docs {
        let content = store
            .read_document(d.id, DocumentRead::Download, &Actor::system("test"))
            .await
            .unwrap()
            .unwrap();
        out.push((d.media_type, content));
    }
    out
}

/// What every test checks of the message's documents: the photo, the PDF and the ZIP's PNG
/// stored (the photo without its GPS position), the programs refused with the reason.
fn check_papers(docs: &[(MediaType, Vec<u8>)], refused: &[String]) {
    let mut types: Vec<_> = docs.iter().map(|(t, _)| *t).collect();
    types.sort_by_key(|t| t.as_str());
    assert_eq!(
        types,
        [MediaType::Pdf, MediaType::Jpeg, MediaType::Png],
        "the photo, the letter and the ZIP's scan are documents"
    );
    let (_, jpeg) = docs.iter().find(|(t, _)| *t == MediaType::Jpeg).unwrap();
    let find = |needle: &[u8]| jpeg.windows(needle.len()).any(|w| w == needle);
    assert!(!find(b"Exif\0\0"), "EXIF removed from the email's photo");
    assert!(
        !find(b"GPSLatitude") && !find(b"Synthetic Phone"),
        "XMP removed"
    );
    assert!(jpeg.starts_with(&[0xFF, 0xD8]), "still a JPEG");
    let (_, pdf) = docs.iter().find(|(t, _)| *t == MediaType::Pdf).unwrap();
    assert_eq!(pdf, PDF);
    assert!(
        refused
            .iter()
            .any(|r| r.starts_with("attachment 3:") && r.contains("a program")),
        "{refused:?}"
    );
    assert!(
        refused
            .iter()
            .any(|r| r.starts_with("attachment 4, file 3 of the ZIP:") && r.contains("a program")),
        "{refused:?}"
    );
    // No file name in the trail: a name can name a person.
    assert!(
        refused
            .iter()
            .all(|r| !r.contains("letter.pdf") && !r.contains("setup.exe"))
    );
}

#[tokio::test]
async fn serve_stores_an_emails_attachments_as_documents_of_its_inquiry() {
    let clamd = start_clamd();
    let dir = tempfile::tempdir().unwrap();
    let mut files = papers();
    let mut carrier = b"%PDF-1.4\n".to_vec();
    carrier.extend(eicar());
    files.push(("invoice.pdf", "application/pdf", carrier));
    let message = message_with("docs-1@mail.example", &files);
    let messages = vec![message.clone()];
    let (_imap, imap_port, _maildir) = dovecot(dir.path(), &messages);
    let db = dir.path().join("corridor.db");
    let db = db.to_str().unwrap();
    let port = imap_port.to_string();
    let mut args = vec![
        "--imap-host",
        "127.0.0.1",
        "--imap-port",
        &port,
        "--imap-user",
        "intake",
        "--imap-password",
        "synthetic-secret",
        "--imap-poll-secs",
        "1",
        // Six files come with the message; the default of five would refuse the sixth for
        // its number before the scanner saw it.
        "--document-max-files",
        "10",
    ];
    let clamd_addr = clamd.as_ref().map(|c| c.addr.to_string());
    if let Some(a) = &clamd_addr {
        args.extend(["--clamd", a.as_str()]);
    }
    let (_server, _) = serve_with(db, &args);

    let key = "email:<docs-1@mail.example>";
    let expected_refusals = if clamd.is_some() { 3 } else { 2 };
    let start = Instant::now();
    let inquiry = loop {
        if let Some(id) = inquiry_id(db, key).await
            && refusals(db, id).await.len() >= expected_refusals
        {
            break id;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the message's attachments were not taken in"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    // A few more polls: nothing is stored or refused twice.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let refused = refusals(db, inquiry).await;
    assert_eq!(refused.len(), expected_refusals, "{refused:?}");
    let docs = documents(db, inquiry).await;
    check_papers(&docs, &refused);
    if clamd.is_some() {
        assert!(
            refused
                .iter()
                .any(|r| r.starts_with("attachment 5:") && r.contains("malware scanner found")),
            "{refused:?}"
        );
    }

    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{db}"))
        .await
        .unwrap();
    let rows: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM inquiries WHERE channel = 'spreadsheet' AND parent_id = ?",
    )
    .bind(inquiry)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(
        rows, 2,
        "the list inside the ZIP became rows linked to the message"
    );
    // The message is kept whole, attachments and all, whatever became of them.
    let raw: String = sqlx::query_scalar("SELECT raw_payload FROM inquiries WHERE id = ?")
        .bind(inquiry)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let (cipher, _) =
        corridor_store::crypto::Cipher::for_database(&KeySource::beside(db), &[]).unwrap();
    let raw = cipher
        .open(corridor_store::crypto::Field::InquiryPayload, &raw)
        .unwrap();
    assert_eq!(raw, message);
}

#[tokio::test]
async fn import_of_a_zip_takes_its_emails_attachments_and_refuses_a_loose_scan() {
    let dir = tempfile::tempdir().unwrap();
    let message = message_with("docs-2@mail.example", &papers());
    let bundle = zip_of(&[
        ("mail/family.eml", message.as_bytes()),
        ("mail/stray-scan.jpg", &photo(32, 32)),
    ]);
    let file = dir.path().join("mailbox-export.zip");
    std::fs::write(&file, bundle).unwrap();
    let report = dir.path().join("report.csv");
    let db = dir.path().join("corridor.db");
    let db = db.to_str().unwrap();
    let out = ok(
        db,
        &[
            "import",
            file.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
            "--json",
        ],
    );
    let summary: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(summary["documents"], 3, "{summary}");
    assert_eq!(summary["documents_refused"], 2, "{summary}");
    let inquiry = inquiry_id(db, "email:<docs-2@mail.example>").await.unwrap();
    let refused = refusals(db, inquiry).await;
    check_papers(&documents(db, inquiry).await, &refused);
    let report = std::fs::read_to_string(&report).unwrap();
    assert!(
        report.contains("mailbox-export.zip / mail/stray-scan.jpg")
            && report.contains("belongs to no inquiry"),
        "{report}"
    );
    assert!(report.contains("a program"), "{report}");

    // The same ZIP again: nothing stored twice, nothing refused twice on the inquiry.
    let out = ok(
        db,
        &[
            "import",
            file.to_str().unwrap(),
            "--report",
            dir.path().join("again.csv").to_str().unwrap(),
            "--json",
        ],
    );
    let again: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(again["already_present"], 3, "{again}");
    assert_eq!(documents(db, inquiry).await.len(), 3);
    assert_eq!(refusals(db, inquiry).await.len(), 2);
}
