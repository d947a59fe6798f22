//! Never lose one: the real server is killed with SIGKILL in the middle of a stream of API
//! requests while an import runs beside it. After a restart every reference number that was
//! acknowledged is there, no inquiry is half-written, and rerunning the import completes it
//! without duplicates.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{Server, ok, serve};
use sqlx::Connection;

fn big_list(path: &Path, rows: usize) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        w,
        "record_id,given_name,father_name,date_of_birth,phone,household"
    )
    .unwrap();
    for i in 0..rows {
        writeln!(
            w,
            "R{i},Person{i},Father{i},19{:02},070{:07},H{}",
            i % 90 + 10,
            i,
            i / 3
        )
        .unwrap();
    }
}

#[tokio::test]
async fn sigkill_mid_stream_loses_no_acknowledged_inquiry_and_leaves_none_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let mut add = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .args([
            "user",
            "add",
            "--username",
            "admin",
            "--name",
            "Admin",
            "--role",
            "admin",
            "--password-stdin",
            "--db",
        ])
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(b"an operator passphrase\n")
        .unwrap();
    assert!(add.wait().unwrap().success());
    let db_path = db.to_str().unwrap();
    ok(
        db_path,
        &["team", "add", "--name", "Intake", "--lead", "admin"],
    );
    let token = ok(
        db_path,
        &["token", "create", "--user", "admin", "--name", "crash"],
    )
    .trim()
    .to_string();
    let list = dir.path().join("list.csv");
    const ROWS: usize = 9_000;
    big_list(&list, ROWS);

    let (mut server, base) = serve(db_path);
    let import = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .args([
            "import",
            "--json",
            "--batch-size",
            "1000",
            "--requester",
            "Crash coalition",
            "--db",
        ])
        .arg(&db)
        .arg(&list)
        .env("CORRIDOR_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut import = Server(import);

    // Stream requests from two clients until the server dies; keep what was acknowledged.
    let stream = |client_no: usize| {
        let base = base.clone();
        let token = token.clone();
        tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap();
            let mut acknowledged = Vec::new();
            for i in 0.. {
                let body = serde_json::json!({
                    "category": "evacuation", "subject": format!("stream {client_no}-{i}"),
                    "requester": {"kind": "ngo", "name": "Streaming NGO"},
                    "household": format!("family {client_no}-{i}"),
                    "people": [{"given_name": format!("A{client_no}x{i}")}, {"given_name": format!("B{client_no}x{i}")}]
                });
                let sent = client
                    .post(format!("{base}/api/v1/inquiries"))
                    .bearer_auth(&token)
                    .header("Idempotency-Key", format!("crash-{client_no}-{i}"))
                    .json(&body)
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status() == 201 => {
                        let v: serde_json::Value = match r.json().await {
                            Ok(v) => v,
                            Err(_) => break,
                        };
                        acknowledged.push(v["reference"].as_str().unwrap().to_string());
                    }
                    Ok(r) => panic!("unexpected status {}", r.status()),
                    Err(_) => break,
                }
            }
            acknowledged
        })
    };
    let streams = [stream(1), stream(2)];
    tokio::time::sleep(Duration::from_millis(2500)).await;
    // SIGKILL: no shutdown handler runs, no buffer is flushed.
    server.0.kill().unwrap();
    server.0.wait().unwrap();
    let _ = import.0.kill();
    let _ = import.0.wait();
    let mut acknowledged = Vec::new();
    for s in streams {
        acknowledged.extend(s.await.unwrap());
    }
    assert!(
        acknowledged.len() > 5,
        "the stream barely ran: {}",
        acknowledged.len()
    );

    // Restart: the server comes back on the same file.
    let (_server, base) = serve(db_path);
    let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);

    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let fk: Vec<(String, i64)> =
        sqlx::query_as("SELECT \"table\", rowid FROM pragma_foreign_key_check")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert!(fk.is_empty(), "dangling references: {fk:?}");
    for reference in &acknowledged {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM inquiries WHERE reference = ?")
            .bind(reference)
            .fetch_optional(&mut conn)
            .await
            .unwrap();
        assert!(found.is_some(), "acknowledged {reference} was lost");
    }
    // No half-written inquiry: every API inquiry has both its people and its case, every
    // imported row its person and its case.
    let half: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM inquiries i
         WHERE i.case_id IS NULL
            OR (SELECT COUNT(*) FROM person_records p WHERE p.inquiry_id = i.id)
               <> CASE i.channel WHEN 'api' THEN 2 ELSE 1 END",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(half, 0, "half-written inquiries found");
    let imported_before: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM inquiries WHERE channel = 'spreadsheet'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    // Batches are whole households (three rows each here): a batch is committed entirely or not.
    assert_eq!(
        imported_before % 3,
        0,
        "a household was split: {imported_before}"
    );
    drop(conn);

    // The interrupted import, run again, stores exactly the rest.
    let out = ok(
        db_path,
        &[
            "import",
            "--json",
            "--batch-size",
            "1000",
            "--requester",
            "Crash coalition",
            list.to_str().unwrap(),
        ],
    );
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["rows"].as_u64().unwrap() as usize, ROWS);
    assert_eq!(v["refused"], 0);
    assert_eq!(
        v["already_present"].as_i64().unwrap(),
        imported_before,
        "the rows committed before the kill are recognized"
    );
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let imported: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM inquiries WHERE channel = 'spreadsheet'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(imported as usize, ROWS);
    let verify = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .args(["audit", "verify", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}
