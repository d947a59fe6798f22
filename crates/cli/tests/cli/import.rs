//! `corridor import` as an operator uses it: real files in, the JSON summary and the report of
//! refused rows out, and the database holding exactly the good rows. Every person is invented.

use corridor_store::crypto::{Cipher, Field, KeySource};
use std::io::Write;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use sqlx::Connection;

fn import(db: &Path, args: &[&str]) -> Value {
    let (ok, v) = import_status(db, args);
    assert!(ok, "corridor import {args:?} failed: {v}");
    v
}

/// Runs an import; returns whether it exited 0, and its JSON summary.
fn import_status(db: &Path, args: &[&str]) -> (bool, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .arg("import")
        .args(args)
        .args(["--json", "--db"])
        .arg(db)
        .env("CORRIDOR_LOG", "warn")
        .output()
        .expect("the corridor binary runs");
    let text = String::from_utf8(out.stdout).unwrap();
    let v: Value = serde_json::from_str(text.trim()).unwrap_or_else(|e| {
        panic!(
            "not one JSON object ({e}): {text} {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 9, "{v}");
    for k in [
        "rows",
        "stored",
        "refused",
        "already_present",
        "warned",
        "documents",
        "documents_refused",
        "report",
        "unreadable_files",
    ] {
        assert!(v.get(k).is_some(), "{k} missing from {v}");
    }
    assert_eq!(
        v["rows"].as_u64().unwrap(),
        v["stored"].as_u64().unwrap()
            + v["refused"].as_u64().unwrap()
            + v["already_present"].as_u64().unwrap()
    );
    (out.status.success(), v)
}

fn counts(v: &Value) -> (u64, u64, u64, u64) {
    (
        v["rows"].as_u64().unwrap(),
        v["stored"].as_u64().unwrap(),
        v["refused"].as_u64().unwrap(),
        v["already_present"].as_u64().unwrap(),
    )
}

fn report(v: &Value) -> Vec<Vec<String>> {
    let path = v["report"].as_str().unwrap();
    let mut r = csv::Reader::from_path(path).expect("the report exists");
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

async fn query_i64(db: &Path, sql: &'static str) -> i64 {
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
}

async fn query_strings(db: &Path, sql: &'static str) -> Vec<String> {
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    sqlx::query_scalar(sql).fetch_all(&mut conn).await.unwrap()
}

/// The values of a sealed column, opened with the database's data key (beside it): on disk
/// they are ciphertext.
async fn query_opened(db: &Path, sql: &'static str, field: Field) -> Vec<String> {
    let keys = KeySource::beside(db.to_str().unwrap());
    let (cipher, _) = Cipher::for_database(&keys, &[]).unwrap();
    query_strings(db, sql)
        .await
        .iter()
        .map(|v| {
            assert!(v.starts_with("enc1:"), "sealed on disk");
            cipher.open(field, v).unwrap()
        })
        .collect()
}

#[tokio::test]
async fn csv_rows_are_stored_or_refused_with_row_column_and_reason_and_a_reimport_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let file = dir.path().join("coalition list.csv");
    let text = "\u{feff}First Name,Father Name,DOB,Tazkira No.,Mobile,Email,Household,Notes\n\
        Najibullah,Abdul Wahid,1990-03-01,1401-0101-12345,0701234567,,H-7,interpreter\n\
        Fatima,Ghulam,1375,,0701234567,,H-7,wife\n\
        Sohail,Karim,31/02/1990,,0799000111,,,\n\
        Zarghona,Rahim,1988,,,not-an-email,,\n\
        ,,,,,,,just a note\n\
        Omid,Hamid,1992,,0788000222,,,\n";
    std::fs::write(&file, text).unwrap();
    let first = import(
        &db,
        &[
            file.to_str().unwrap(),
            "--source",
            "Coalition list 3",
            "--requester",
            "Veterans coalition",
        ],
    );
    // Rows 4 and 5 name people: stored, with their unreadable date and broken email
    // listed for a clerk; only row 6, which names nobody, is refused.
    assert_eq!(counts(&first), (6, 5, 1, 0), "{first}");
    assert_eq!(first["warned"], 2, "{first}");
    let listed = report(&first);
    assert_eq!(listed.len(), 3);
    let row4 = listed.iter().find(|r| r[1] == "4").expect("row 4 listed");
    assert_eq!(row4[2], "DOB");
    assert!(row4[3].contains("does not exist"), "{row4:?}");
    assert_eq!(row4[4], "stored, check");
    let row5 = listed.iter().find(|r| r[1] == "5").expect("row 5 listed");
    assert_eq!(row5[2], "Email");
    assert_eq!(row5[4], "stored, check");
    assert!(
        listed
            .iter()
            .any(|r| r[1] == "6" && r[3].contains("names nobody") && r[4] == "refused")
    );
    assert!(listed[0][0].contains("coalition list.csv"));

    assert_eq!(query_i64(&db, "SELECT COUNT(*) FROM inquiries").await, 5);
    // The two rows of household H-7 are one household.
    assert_eq!(query_i64(&db, "SELECT COUNT(*) FROM households").await, 1);
    assert_eq!(
        query_i64(
            &db,
            "SELECT COUNT(*) FROM persons WHERE household_id IS NOT NULL"
        )
        .await,
        2
    );
    // The raw row is kept verbatim, with its header.
    let raws = query_opened(
        &db,
        "SELECT raw_payload FROM inquiries ORDER BY id",
        Field::InquiryPayload,
    )
    .await;
    assert!(
        raws[0].ends_with(
            "Najibullah,Abdul Wahid,1990-03-01,1401-0101-12345,0701234567,,H-7,interpreter"
        ),
        "{}",
        raws[0]
    );
    assert_eq!(
        query_i64(
            &db,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'intake.batch'"
        )
        .await,
        1
    );

    // The same file again, even renamed: nothing new, and it says so.
    let renamed = dir.path().join("list-again.csv");
    std::fs::copy(&file, &renamed).unwrap();
    let again = import(
        &db,
        &[
            renamed.to_str().unwrap(),
            "--requester",
            "Veterans coalition",
        ],
    );
    assert_eq!(counts(&again), (6, 0, 1, 5), "{again}");
    assert_eq!(query_i64(&db, "SELECT COUNT(*) FROM inquiries").await, 5);
}

/// A messy sponsor list once lost a third of its families: 60 rows for a date "31/02/1990",
/// 48 for a date of birth "unknown", 45 for notes over 1,000 characters. Every row that names
/// a person is stored; the fields to fix are listed as warnings and named on the inquiry.
#[tokio::test]
async fn no_family_is_dropped_for_a_fixable_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("messy.db");
    let story = "We left Kabul in August and have moved between relatives since. ".repeat(80);
    assert!(story.chars().count() > 5_000);
    let mut text = String::from("Full name,Father name,DOB,Email,Notes\n");
    for i in 0..30 {
        let (dob, email, notes) = match i % 5 {
            0 => ("31/02/1990", "", "short"),
            1 => ("unknown", "", ""),
            2 => ("1990", "", story.as_str()),
            3 => ("1985", "sponsor at example dot org", ""),
            _ => ("1992-04-01", "ok@example.org", "fine"),
        };
        text += &format!("Person{i} Sadat,Father{i},{dob},{email},\"{notes}\"\n");
    }
    let file = dir.path().join("sponsors.csv");
    std::fs::write(&file, text).unwrap();
    let v = import(&db, &[file.to_str().unwrap(), "--requester", "Sponsors"]);
    assert_eq!(counts(&v), (30, 30, 0, 0), "{v}");
    assert_eq!(v["warned"], 18, "{v}");
    let listed = report(&v);
    assert_eq!(listed.len(), 18, "{listed:?}");
    assert!(listed.iter().all(|r| r[4] == "stored, check"), "{listed:?}");
    let by_column = |c: &str| listed.iter().filter(|r| r[2] == c).count();
    assert_eq!(
        (by_column("DOB"), by_column("Email")),
        (12, 6),
        "{listed:?}"
    );
    assert!(listed.iter().any(|r| r[3].contains("31/02/1990")));
    // The inquiry says what to check; the row is kept verbatim, story included.
    let subjects = query_opened(
        &db,
        "SELECT subject FROM inquiries ORDER BY id",
        Field::InquirySubject,
    )
    .await;
    assert!(subjects[0].contains("to check: DOB"), "{}", subjects[0]);
    let raws = query_opened(
        &db,
        "SELECT raw_payload FROM inquiries ORDER BY id",
        Field::InquiryPayload,
    )
    .await;
    assert!(raws[0].contains("31/02/1990"), "{}", raws[0]);
    assert!(raws[2].contains(&story), "the story is kept whole");
    // The unreadable date and email stay in the person's details as written, for the one
    // validation to flag wherever the person is shown.
    let details = query_opened(
        &db,
        "SELECT details FROM person_records ORDER BY id",
        Field::PersonDetails,
    )
    .await;
    assert!(details[0].contains("31/02/1990"), "{}", details[0]);
    assert!(
        details[3].contains("sponsor at example dot org"),
        "{}",
        details[3]
    );
}

#[tokio::test]
async fn people_on_several_lists_and_twice_on_one_list_are_one_person_on_one_case() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    // A team whose lead owns the cases the lists open.
    for args in [
        &[
            "user",
            "add",
            "--username",
            "lead",
            "--name",
            "Team Lead",
            "--role",
            "lead",
        ][..],
        &["team", "add", "--name", "Intake", "--lead", "lead"][..],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_corridor"))
            .current_dir(crate::common::scratch())
            .args(args)
            .arg("--db")
            .arg(&db)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let sponsor = dir.path().join("sponsor.csv");
    std::fs::write(
        &sponsor,
        "record_id,given_name,family_name,father_name,date_of_birth,passport,phone\n\
         s1,Najibullah,Ahmadzai,Abdul Wahid,1990-03-01,P01234567,+93 70 123 4567\n\
         s2,Zarghona,Stanikzai,Rahim,1985-07-12,P07654321,+93 79 900 0111\n\
         s3,Zarghuna,Stanekzai,Rahim,1985-07-12,P07654321,0799000111\n",
    )
    .unwrap();
    let first = import(
        &db,
        &[sponsor.to_str().unwrap(), "--requester", "A sponsor"],
    );
    assert_eq!(counts(&first), (3, 3, 0, 0), "{first}");
    // Zarghona is on the sponsor's list twice, spelled two ways: one person, one case.
    assert_eq!(query_i64(&db, "SELECT COUNT(*) FROM persons").await, 2);
    assert_eq!(query_i64(&db, "SELECT COUNT(*) FROM cases").await, 2);

    let office = dir.path().join("office.csv");
    std::fs::write(
        &office,
        "Full Name,Father Name,DOB,Passport,Mobile\n\
         Najib Ullah Ahmadzai,Abdul Wahed,01/03/1990,P01234567,0701234567\n\
         Mohammad Karim Hotak,Gul,1979,,0788000222\n",
    )
    .unwrap();
    let second = import(
        &db,
        &[
            office.to_str().unwrap(),
            "--requester",
            "A congressional office",
            "--requester-kind",
            "congressional",
        ],
    );
    assert_eq!(counts(&second), (2, 2, 0, 0), "{second}");
    // Najibullah was known from the sponsor's list: the office's row joins him and his case.
    assert_eq!(query_i64(&db, "SELECT COUNT(*) FROM persons").await, 3);
    assert_eq!(query_i64(&db, "SELECT COUNT(*) FROM cases").await, 3);
    assert_eq!(
        query_i64(
            &db,
            "SELECT COUNT(DISTINCT r.kind) FROM inquiries i
             JOIN requesters r ON r.id = i.requester_id
             JOIN person_records pr ON pr.inquiry_id = i.id
             WHERE pr.person_id = (SELECT person_id FROM person_records WHERE id = 1)"
        )
        .await,
        2,
        "both requesters asked about the same person"
    );
    assert_eq!(
        query_i64(
            &db,
            "SELECT COUNT(DISTINCT case_id) FROM inquiries WHERE id IN (1, 4)"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn encodings_found_in_the_wild_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let text = "given_name,father_name,province\nاحمد,محمود,کابل\n";
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(text);
    let a = dir.path().join("cp1256.csv");
    std::fs::write(&a, &cp1256).unwrap();
    let b = dir.path().join("utf16.txt");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "given_name\tfather_name\nنجیب\tعبدالواحد\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(&b, &utf16).unwrap();
    let v = import(
        &db,
        &[
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--requester",
            "Kabul office",
        ],
    );
    assert_eq!(counts(&v), (2, 2, 0, 0), "{v}");
    let details = query_opened(
        &db,
        "SELECT details FROM person_records ORDER BY id",
        Field::PersonDetails,
    )
    .await;
    assert!(
        details[0].contains("احمد") && details[0].contains("کابل"),
        "{}",
        details[0]
    );
    assert!(details[1].contains("عبدالواحد"), "{}", details[1]);
}

/// A UTF-8 list of Dari names with one stray byte from a Western machine was once read whole
/// as Windows-1256: 51 rows of mojibake reported as stored. Now the file is refused, naming
/// the line, nothing is stored, and the import exits non-zero; a good file beside it is read.
#[tokio::test]
async fn one_stray_byte_refuses_the_file_naming_the_line_instead_of_garbling_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut bytes = b"given_name,father_name,province,needs\n".to_vec();
    for i in 0..51 {
        if i == 20 {
            bytes.extend_from_slice(b"Ahmad,Karim,Herat,caf\xE9 owner asks for help\n");
        }
        bytes.extend_from_slice(format!("احمد{i},غلام سخی,کابل,\n").as_bytes());
    }
    let damaged = dir.path().join("sponsor list.csv");
    std::fs::write(&damaged, &bytes).unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "given_name,father_name\nنجیب,عبدالواحد\n").unwrap();
    let (ok, v) = import_status(
        &db,
        &[
            damaged.to_str().unwrap(),
            good.to_str().unwrap(),
            "--requester",
            "Sponsors",
        ],
    );
    assert!(!ok, "a file that could not be read fails the import: {v}");
    assert_eq!(v["stored"], 1, "{v}");
    let refused = report(&v);
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0][0].contains("sponsor list.csv"));
    assert!(
        refused[0][3].contains("line 22 is not valid UTF-8"),
        "{}",
        refused[0][3]
    );
    let details = query_opened(
        &db,
        "SELECT details FROM person_records ORDER BY id",
        Field::PersonDetails,
    )
    .await;
    assert_eq!(details.len(), 1);
    assert!(details[0].contains("عبدالواحد"), "{}", details[0]);
}

#[tokio::test]
async fn malformed_files_are_refused_clearly_never_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    // Binary garbage named like a spreadsheet.
    let garbage = dir.path().join("garbage.csv");
    let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&garbage, &bytes).unwrap();
    // A quote opened and never closed swallows the rest of the file.
    let quoting = dir.path().join("quoting.csv");
    let mut q = String::from("given_name,needs\nLaila,\"medical\n");
    for i in 0..200 {
        q.push_str(&format!(
            "Person{i},needs {i} and more words to make it long\n"
        ));
    }
    std::fs::write(&quoting, q).unwrap();
    // An XLSX that is really a zip bomb: one part of 300 MB of zeros.
    let bomb = dir.path().join("bomb.xlsx");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..300 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    assert!(std::fs::metadata(&bomb).unwrap().len() < 2_000_000);
    // Not a zip at all, but named .xlsx.
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, b"PK\x03\x04 this is not really a zip").unwrap();
    // An email that is not one.
    let eml = dir.path().join("noise.eml");
    std::fs::write(&eml, &bytes[..400]).unwrap();

    let (ok, v) = import_status(
        &db,
        &[
            garbage.to_str().unwrap(),
            quoting.to_str().unwrap(),
            bomb.to_str().unwrap(),
            fake.to_str().unwrap(),
            eml.to_str().unwrap(),
        ],
    );
    assert!(!ok, "an import of unreadable files exits non-zero: {v}");
    let unreadable = v["unreadable_files"].as_array().unwrap();
    for file in ["garbage.csv", "bomb.xlsx", "fake.xlsx", "noise.eml"] {
        assert!(
            unreadable
                .iter()
                .any(|u| u.as_str().unwrap().ends_with(file)),
            "{file} not listed as unreadable: {v}"
        );
    }
    let refused = report(&v);
    let reason = |file: &str| {
        refused
            .iter()
            .find(|r| r[0].contains(file))
            .unwrap_or_else(|| panic!("{file} not refused: {refused:?}"))[3]
            .clone()
    };
    assert!(reason("garbage.csv").contains("binary"));
    assert!(
        reason("quoting.csv").contains("quote"),
        "{}",
        reason("quoting.csv")
    );
    assert!(
        reason("bomb.xlsx").contains("zip bomb"),
        "{}",
        reason("bomb.xlsx")
    );
    assert!(
        reason("fake.xlsx").contains("XLSX"),
        "{}",
        reason("fake.xlsx")
    );
    assert!(
        reason("noise.eml").contains("not an email"),
        "{}",
        reason("noise.eml")
    );
    assert_eq!(v["stored"], 0, "{v}");
}

#[tokio::test]
async fn xlsx_with_numbers_and_dates_a_mapping_file_and_limits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = dir.path().join("sponsor.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Nom", "Prénom du père", "Mobile", "DOB"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let names = ["Parwana", "Wahid", "Hamid", "Nadia"];
    for (r, n) in names.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *n).unwrap();
        sheet.write_string(r, 1, "Rahmatullah").unwrap();
        sheet.write_number(r, 2, 93701234500.0 + r as f64).unwrap();
        sheet.write_number(r, 3, 1990.0).unwrap();
    }
    book.save(&file).unwrap();
    let map = dir.path().join("map.txt");
    std::fs::write(
        &map,
        "# our columns\nNom = given_name\nPrénom du père = father_name\n",
    )
    .unwrap();
    let v = import(
        &db,
        &[
            file.to_str().unwrap(),
            "--map",
            map.to_str().unwrap(),
            "--max-rows",
            "3",
            "--requester",
            "A sponsor",
            "--requester-kind",
            "sponsor",
        ],
    );
    assert_eq!(counts(&v), (4, 3, 1, 0), "{v}");
    assert!(report(&v)[0][3].contains("--max-rows"));
    let details = query_opened(
        &db,
        "SELECT details FROM person_records ORDER BY id",
        Field::PersonDetails,
    )
    .await;
    assert!(
        details[0].contains("\"given_name\":\"Parwana\""),
        "{}",
        details[0]
    );
    assert!(
        details[0].contains("\"father_name\":\"Rahmatullah\""),
        "{}",
        details[0]
    );
    // A phone typed as a number is its digits, not 9.37e10.
    assert!(
        details[0].contains("\"phone\":\"93701234501\""),
        "{}",
        details[0]
    );
}

fn message(id: &str, from: &str, subject: &str, attachment: Option<(&str, &str)>) -> String {
    let mut m = format!(
        "From: {from}\r\nTo: intake@taskforce.example\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\nDate: Mon, 23 Aug 2021 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    );
    match attachment {
        None => m.push_str("Content-Type: text/plain; charset=utf-8\r\n\r\nPlease help my family at Torkham.\r\n"),
        Some((name, body)) => m.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nThe list is attached.\r\n--b1\r\nContent-Type: text/csv; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\r\n{body}\r\n--b1--\r\n"
        )),
    }
    m
}

#[tokio::test]
async fn emails_and_mailboxes_each_message_once_with_attached_rows_linked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let with_list = message(
        "list-1@ngo.example",
        "Relief NGO <lists@ngo.example>",
        "Families at Chaman",
        Some((
            "families.csv",
            "given_name,father_name,household\r\nLaila,Karim,F1\r\nYusuf,Karim,F1\r\n",
        )),
    );
    let plain = message(
        "plea-9@mail.example",
        "A Sponsor <sponsor@mail.example>",
        "Please help",
        None,
    );
    let eml = dir.path().join("list.eml");
    std::fs::write(&eml, &with_list).unwrap();
    let mbox = dir.path().join("inbox.mbox");
    // The mailbox holds the same list message again, and another one.
    std::fs::write(
        &mbox,
        format!(
            "From lists@ngo.example Mon Aug 23 10:00:00 2021\n{}\nFrom sponsor@mail.example Mon Aug 23 11:00:00 2021\n{}\n",
            with_list.replace("\r\n", "\n"),
            plain.replace("\r\n", "\n")
        ),
    )
    .unwrap();
    let v = import(&db, &[eml.to_str().unwrap()]);
    assert_eq!(counts(&v), (3, 3, 0, 0), "{v}");
    let v = import(&db, &[mbox.to_str().unwrap()]);
    assert_eq!(counts(&v), (4, 1, 0, 3), "{v}");
    assert_eq!(
        query_i64(
            &db,
            "SELECT COUNT(*) FROM inquiries WHERE channel = 'email'"
        )
        .await,
        2
    );
    // The attached rows point at their message, and the message is kept verbatim.
    assert_eq!(
        query_i64(
            &db,
            "SELECT COUNT(*) FROM inquiries r JOIN inquiries m ON m.id = r.parent_id
             WHERE r.channel = 'spreadsheet' AND m.idempotency_key = 'email:<list-1@ngo.example>'"
        )
        .await,
        2
    );
    let raw = query_opened(
        &db,
        "SELECT raw_payload FROM inquiries WHERE channel = 'email' ORDER BY id",
        Field::InquiryPayload,
    )
    .await;
    assert_eq!(raw[0], with_list);
    // Each new message from an address is acknowledged once, through the outbox.
    let queued = query_opened(
        &db,
        "SELECT to_address FROM outbox ORDER BY id",
        Field::OutboxAddress,
    )
    .await;
    assert_eq!(queued, vec!["lists@ngo.example", "sponsor@mail.example"]);
}
