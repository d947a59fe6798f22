//! Email end to end against real servers on loopback: Dovecot (IMAP) filled with synthetic
//! messages, and aiosmtpd (SMTP) recording what it receives into a maildir. `corridor serve`
//! polls the one and acknowledges through the other. `.ci/run` installs both from Debian's
//! packages; without them these tests fail and say so.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

// The mail servers run as children killed when dropped, as `corridor serve` does.
use crate::common::{Server as Proc, free_port, serve_with, wait_for_port};
use sqlx::Connection;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Dovecot in a temporary directory on a free port, with `messages` in the user's inbox.
pub(crate) fn dovecot(dir: &Path, messages: &[String]) -> (Proc, u16, PathBuf) {
    let binary = Path::new("/usr/sbin/dovecot");
    assert!(
        binary.exists(),
        "Dovecot is not installed (/usr/sbin/dovecot missing); `.ci/run` installs it with \
         `apt-get install dovecot-imapd`"
    );
    let port = free_port();
    let root = dir.join("dovecot");
    let maildir = root.join("home/intake/Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    std::fs::create_dir_all(root.join("run")).unwrap();
    std::fs::create_dir_all(root.join("state")).unwrap();
    for (i, m) in messages.iter().enumerate() {
        std::fs::write(maildir.join("new").join(format!("{i}.test:2,")), m).unwrap();
    }
    std::fs::write(
        root.join("passwd"),
        "intake:{PLAIN}synthetic-secret::::::\n",
    )
    .unwrap();
    let (uid, gid) = if is_root() {
        let status = Command::new("chown")
            .args(["-R", "65534:65534"])
            .arg(root.join("home"))
            .status()
            .unwrap();
        assert!(status.success());
        // Dovecot's processes need to reach the home directory through the temp dirs.
        let _ = Command::new("chmod").args(["755"]).arg(dir).status();
        ("65534".to_string(), "65534".to_string())
    } else {
        let id = |flag: &str| {
            String::from_utf8(Command::new("id").arg(flag).output().unwrap().stdout)
                .unwrap()
                .trim()
                .to_string()
        };
        (id("-u"), id("-g"))
    };
    let r = root.display();
    let config = format!(
        "base_dir = {r}/run\nstate_dir = {r}/state\nlog_path = {r}/dovecot.log\n\
         info_log_path = {r}/dovecot.log\nprotocols = imap\nlisten = 127.0.0.1\nssl = no\n\
         disable_plaintext_auth = no\nauth_mechanisms = plain login\nfirst_valid_uid = 1\n\
         passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN {r}/passwd\n}}\n\
         userdb {{\n  driver = static\n  args = uid={uid} gid={gid} home={r}/home/%u\n}}\n\
         mail_location = maildir:~/Maildir\n\
         service imap-login {{\n  chroot =\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n  inet_listener imaps {{\n    port = 0\n  }}\n}}\n\
         service anvil {{\n  chroot =\n}}\n"
    );
    std::fs::write(root.join("dovecot.conf"), config).unwrap();
    let child = Command::new(binary)
        .arg("-F")
        .arg("-c")
        .arg(root.join("dovecot.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("Dovecot starts");
    let proc = Proc(child);
    wait_for_port(port, "Dovecot", &root.join("dovecot.log"));
    (proc, port, maildir)
}

/// aiosmtpd writing every message it accepts into a maildir.
fn smtp_sink(dir: &Path, port: u16) -> (Proc, PathBuf) {
    let python = Path::new("/usr/bin/python3");
    let available = python.exists()
        && Command::new(python)
            .args(["-c", "import aiosmtpd"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
    assert!(
        available,
        "aiosmtpd is not installed for /usr/bin/python3; `.ci/run` installs it with \
         `apt-get install python3-aiosmtpd`"
    );
    let maildir = dir.join("sent");
    let log = dir.join("smtp.log");
    let child = Command::new(python)
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("aiosmtpd starts");
    let proc = Proc(child);
    wait_for_port(port, "aiosmtpd", &log);
    (proc, maildir)
}

fn received(maildir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["new", "cur"] {
        if let Ok(entries) = std::fs::read_dir(maildir.join(sub)) {
            for e in entries.flatten() {
                out.push(std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
    }
    out
}

fn message(id: &str, from: &str, subject: &str, attachment: Option<&str>) -> String {
    let head = format!(
        "From: {from}\r\nTo: intake@taskforce.example\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\nDate: Tue, 24 Aug 2021 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    );
    match attachment {
        None => format!(
            "{head}Content-Type: text/plain; charset=utf-8\r\n\r\nMy brother is at the Torkham crossing.\r\n"
        ),
        Some(csv) => format!(
            "{head}Content-Type: multipart/mixed; boundary=\"xx\"\r\n\r\n--xx\r\nContent-Type: text/plain\r\n\r\nOur list.\r\n--xx\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=\"list.csv\"\r\n\r\n{csv}\r\n--xx--\r\n"
        ),
    }
}

#[tokio::test]
async fn serve_takes_in_an_imap_mailbox_and_acknowledges_each_new_request_once_over_smtp() {
    let dir = tempfile::tempdir().unwrap();
    let plea = message(
        "plea-1@mail.example",
        "A Sponsor <sponsor@mail.example>",
        "Please help",
        None,
    );
    let messages = vec![
        plea.clone(),
        // The same message delivered twice (forwarded to two addresses that land here).
        plea,
        message(
            "plea-2@mail.example",
            "Relative <relative@mail.example>",
            "My family",
            None,
        ),
        message(
            "list-3@ngo.example",
            "Relief NGO <lists@ngo.example>",
            "Families",
            Some("given_name,father_name\r\nLaila,Karim\r\nYusuf,Karim"),
        ),
    ];
    let (_imap, imap_port, maildir) = dovecot(dir.path(), &messages);
    let smtp_port = free_port();
    let (_smtp, sent) = smtp_sink(dir.path(), smtp_port);
    let db = dir.path().join("corridor.db");
    let args: Vec<String> = [
        "--imap-host",
        "127.0.0.1",
        "--imap-port",
        &imap_port.to_string(),
        "--imap-user",
        "intake",
        "--imap-password",
        "synthetic-secret",
        "--imap-poll-secs",
        "1",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &smtp_port.to_string(),
        "--smtp-from",
        "intake@taskforce.example",
        "--smtp-poll-secs",
        "1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_server, _) = serve_with(db.to_str().unwrap(), &args);

    let start = Instant::now();
    while received(&sent).len() < 3 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "only {} acknowledgements arrived",
            received(&sent).len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // A few more polls and sender rounds: nothing is taken in or sent twice.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let acks = received(&sent);
    assert_eq!(acks.len(), 3, "acknowledgements sent twice?");

    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let emails: Vec<(String, String)> = sqlx::query_as(
        "SELECT reference, idempotency_key FROM inquiries WHERE channel = 'email' ORDER BY id",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(emails.len(), 3, "one inquiry per Message-ID: {emails:?}");
    let rows: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM inquiries WHERE channel = 'spreadsheet' AND parent_id IS NOT NULL",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(
        rows, 2,
        "the attached list's rows are linked to their message"
    );
    for (reference, _) in &emails {
        assert_eq!(
            acks.iter()
                .filter(|a| a.contains(reference.as_str()))
                .count(),
            1,
            "{reference} acknowledged exactly once"
        );
    }
    assert!(acks.iter().any(|a| a.contains("To: sponsor@mail.example")));
    let raw: String = sqlx::query_scalar(
        "SELECT raw_payload FROM inquiries WHERE idempotency_key = 'email:<plea-2@mail.example>'",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    // Sealed on disk; opened with the data key beside the database.
    let (cipher, _) = corridor_store::crypto::Cipher::for_database(
        &corridor_store::crypto::KeySource::beside(db.to_str().unwrap()),
        &[],
    )
    .unwrap();
    let raw = cipher
        .open(corridor_store::crypto::Field::InquiryPayload, &raw)
        .unwrap();
    assert_eq!(raw, messages[2], "the raw MIME is kept verbatim");
    // Taken-in messages are marked seen in the mailbox.
    let seen = std::fs::read_dir(maildir.join("cur"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(":2,S"))
        .count();
    assert_eq!(seen, 4);
}

#[tokio::test]
async fn acknowledgements_wait_for_the_relay_and_are_sent_once_it_answers() {
    use corridor_intake::sender::{SenderConfig, SmtpConfig, send_due, transport};
    use corridor_store::prelude::*;
    use corridor_store::{Actor, Submission};

    let dir = tempfile::tempdir().unwrap();
    let store = corridor_store_sqlite::SqliteStore::open(
        dir.path().join("s.db").to_str().unwrap(),
        &corridor_store::crypto::KeySource::ephemeral(),
    )
    .await
    .unwrap();
    let inquiry = corridor_domain::NewInquiry {
        channel: corridor_domain::Channel::WebForm,
        requester: corridor_domain::NewRequester {
            kind: corridor_domain::RequesterKind::Applicant,
            name: "Synthetic Applicant".into(),
            organization: None,
            email: Some("applicant@mail.example".into()),
            phone: None,
        },
        received_at: chrono::Utc::now(),
        subject: "help".into(),
        category: corridor_domain::CaseCategory::Other,
        raw_payload: "{}".into(),
        content_type: "application/json".into(),
        household_label: None,
        people: vec![],
        idempotency_key: Some("t:1".into()),
        matches: Vec::new(),
    };
    let mut s = Submission::new(inquiry);
    s.acknowledge_to = Some("applicant@mail.example".into());
    let recorded = store
        .take_in(vec![s], "test", &Actor::system("test"))
        .await
        .unwrap();

    let port = free_port();
    let smtp = SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        from: "intake@taskforce.example".into(),
        username: None,
        password: None,
    };
    let cfg = SenderConfig {
        first_backoff: Duration::from_millis(0),
        ..SenderConfig::default()
    };
    let t = transport(&smtp);
    // Nobody listens yet: the attempt fails and is scheduled again, not lost.
    let round = send_due(&store, &smtp, &t, &cfg).await.unwrap();
    assert_eq!((round.sent, round.retrying), (0, 1));
    let (_sink, sent) = smtp_sink(dir.path(), port);
    let round = send_due(&store, &smtp, &t, &cfg).await.unwrap();
    assert_eq!(round.sent, 1);
    let round = send_due(&store, &smtp, &t, &cfg).await.unwrap();
    assert_eq!(round.sent, 0, "nothing is sent twice");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let acks = received(&sent);
    assert_eq!(acks.len(), 1);
    assert!(acks[0].contains(recorded[0].reference.as_str()));
    assert!(acks[0].contains("Message-ID: <ack-1."), "{}", acks[0]);
    let counts = store.outbox_counts().await.unwrap();
    assert_eq!((counts.pending, counts.sent), (0, 1));
}
