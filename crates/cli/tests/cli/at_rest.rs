//! Nothing readable from a stolen database: a scenario (the demo surge, an imported list and
//! a request through the API) is stored, and while the server still has the database open,
//! the database file and its write-ahead log are searched for every name, phone number,
//! document number and email of the synthetic people. Then the data key is rotated under the
//! running server, and finally destroyed.

use crate::common::{corridor, ok, serve};

use corridor_scenario::{ScenarioConfig, SyntheticRecord};
use serde_json::{Value, json};

const SEED: u64 = 777;

/// What would identify a person, as written and, for phones and documents, as bare digits
/// (the form a normalizer would store). Short fragments are left out: they occur by chance.
fn identifying(r: &SyntheticRecord) -> Vec<String> {
    let mut out: Vec<String> = [
        &r.full_name,
        &r.father_name,
        &r.national_id,
        &r.passport,
        &r.phone,
        &r.email,
    ]
    .into_iter()
    .map(|s| s.trim().to_string())
    .collect();
    for s in [&r.phone, &r.national_id] {
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 9 {
            // A national number without country or trunk prefix ("701234567"). Shorter runs
            // of digits turn up by chance in the hex of hashes and the base64 of sealed values.
            out.push(digits[digits.len() - 9..].to_string());
        }
    }
    out.retain(|s| s.chars().count() >= 7);
    out
}

/// Every secret found in the bytes of the database's files, with the file it was found in.
fn found_in_files(db: &str, secrets: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for suffix in ["", "-wal", "-journal"] {
        let path = format!("{db}{suffix}");
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for s in secrets {
            if let Some(at) = text.find(&s.to_lowercase()) {
                // With what surrounds it, to tell a leak from a chance match.
                let mut start = at.saturating_sub(40);
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let around: String = text[start..]
                    .chars()
                    .take(s.len() + 80)
                    .filter(|c| !c.is_control())
                    .collect();
                found.push(format!("{s:?} in {path}: …{around}…"));
            }
        }
    }
    found
}

/// The demo's administrator and their TOTP secret, from what `corridor demo` printed.
fn admin_secret(printed: &str) -> String {
    let lines: Vec<&str> = printed.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("admin "))
        .expect("the demo prints the admin sign-in");
    lines[at + 1]
        .split_whitespace()
        .last()
        .expect("the TOTP secret follows")
        .to_string()
}

fn fresh_code(secret: &str) -> String {
    corridor_web::totp::code(secret, corridor_web::totp::current_step()).unwrap()
}

#[tokio::test]
async fn a_stolen_database_file_and_wal_hold_no_personal_data_and_the_key_rotates_live() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corridor.db");
    let db = db.to_str().unwrap();

    let demo = ok(
        db,
        &[
            "demo",
            "--seed",
            &SEED.to_string(),
            "--households",
            "80",
            "--inquiries",
            "250",
        ],
    );
    let admin = admin_secret(&demo);
    let scenario = corridor_scenario::generate(&ScenarioConfig {
        seed: SEED,
        households: 80,
        inquiries: 250,
        ..ScenarioConfig::demo()
    });
    let mut secrets: Vec<String> = scenario.records().flat_map(identifying).collect();

    let other = corridor_scenario::generate(&ScenarioConfig {
        seed: SEED + 1,
        households: 20,
        inquiries: 40,
        ..ScenarioConfig::demo()
    });
    let csv_path = dir.path().join("list.csv");
    let mut csv = String::from("Full name,Father's name,Date of birth,Tazkira,Phone,Email\n");
    for r in other.records() {
        csv += &format!(
            "\"{}\",\"{}\",\"{}\",\"{}\",\"{}\",\"{}\"\n",
            r.full_name, r.father_name, r.date_of_birth, r.national_id, r.phone, r.email
        );
        secrets.extend(identifying(r));
    }
    std::fs::write(&csv_path, csv).unwrap();
    ok(
        db,
        &[
            "import",
            csv_path.to_str().unwrap(),
            "--requester",
            "Veterans coalition",
            "--requester-kind",
            "ngo",
            "--category",
            "evacuation",
        ],
    );
    assert!(secrets.len() > 500, "{} secrets to look for", secrets.len());

    let token = ok(
        db,
        &["token", "create", "--user", "lead", "--name", "at-rest"],
    );
    let token = token.trim().to_string();
    let (_server, base) = serve(db);
    // No kept-alive connections: the test scans files for many seconds between requests,
    // longer than the server keeps an idle connection open (`--header-timeout`), and a
    // blocked test runtime would not notice the server closing it before reusing it.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let created: Value = client
        .post(format!("{base}/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "medical", "subject": "Dialysis for Zarghuna Wardakzai",
            "requester": {"kind": "sponsor", "name": "Pemberton Ashgrove-Lyle",
                          "email": "p.ashgrove@example.org", "phone": "+1 202 555 0147"},
            "people": [{"given_name": "Zarghuna", "family_name": "Wardakzai",
                        "father_name": "Ghulam Sakhizada", "phone": "+93 70 864 2931",
                        "national_id": "1399-0417-55310", "passport": "P07731942",
                        "address": "Karte Se, Street 4, House 17",
                        "location": "at my uncle Wahidullah's house behind Pulikhishti mosque, Kabul"}]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    secrets.extend(
        [
            "Zarghuna",
            "Wardakzai",
            "Ghulam Sakhizada",
            "Pemberton Ashgrove-Lyle",
            "p.ashgrove@example.org",
            "708642931",
            "2025550147",
            "1399-0417-55310",
            "P07731942",
            "Karte Se, Street 4",
            // Where the person is now, typed as people write it: only "Kabul" is kept in clear.
            "Wahidullah",
            "Pulikhishti",
        ]
        .map(String::from),
    );
    let case_id = created["case_id"]
        .as_i64()
        .expect("the inquiry made a case");
    let case_url = format!("{base}/api/v1/cases/{case_id}");
    let read = |client: reqwest::Client, token: String, url: String| async move {
        client
            .get(url)
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };

    // The server has the database open, so its write-ahead log is there to be stolen too.
    assert!(std::path::Path::new(&format!("{db}-wal")).exists());
    let found = found_in_files(db, &secrets);
    assert!(found.is_empty(), "in clear on disk: {found:?}");
    // Yet everything reads back through the application.
    let case = read(client.clone(), token.clone(), case_url.clone()).await;
    assert!(
        case.contains("Zarghuna") && case.contains("+93 70 864 2931"),
        "{case}"
    );

    // Rotation while the server keeps serving: refused without the administrator's code...
    let refused = corridor(db, &["keys", "rotate", "--as", "admin", "--code", "000000"]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("code is wrong"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let before = ok(db, &["keys", "status"]);
    let old_key = before
        .lines()
        .find_map(|l| l.strip_prefix("Current data key: "))
        .unwrap()
        .to_string();
    let code = fresh_code(&admin);
    let rotated = ok(db, &["keys", "rotate", "--as", "admin", "--code", &code]);
    assert!(rotated.contains("Rotated to data key"), "{rotated}");
    let after = ok(db, &["keys", "status"]);
    let new_key = after
        .lines()
        .find_map(|l| l.strip_prefix("Current data key: "))
        .unwrap()
        .to_string();
    assert_ne!(new_key, old_key);
    assert!(!after.contains(&old_key), "the old key is gone: {after}");
    assert!(!after.contains(" clear"), "nothing in clear: {after}");
    // The running server reads what was resealed under the key it did not start with, and
    // what it writes now is sealed under the new key.
    let case = read(client.clone(), token.clone(), case_url.clone()).await;
    assert!(case.contains("Zarghuna"), "{case}");
    // With an Idempotency-Key: the answer kept for its retries repeats the note, and is
    // searched for on disk like everything else.
    let note = client
        .post(format!("{case_url}/notes"))
        .bearer_auth(&token)
        .header("Idempotency-Key", "note-after-rotation")
        .json(&json!({"body": "Spoke with Zarghuna's brother", "contact": true}))
        .send()
        .await
        .unwrap();
    assert!(note.status().is_success(), "{}", note.text().await.unwrap());
    let status = ok(db, &["keys", "status"]);
    assert!(
        status
            .lines()
            .filter(|l| l.contains(" under "))
            .all(|l| l.ends_with(&new_key)),
        "{status}"
    );
    let audit = ok(db, &["audit", "verify"]);
    assert!(
        audit.contains("intact") || audit.contains("verified"),
        "{audit}"
    );
    let found = found_in_files(db, &secrets);
    assert!(
        found.is_empty(),
        "in clear on disk after rotation: {found:?}"
    );

    // Emergency destruction: without the key file nothing opens the database any more.
    drop(_server);
    let refused = corridor(db, &["keys", "destroy", "--confirm", "yes"]);
    assert!(!refused.status.success());
    ok(
        db,
        &["keys", "destroy", "--confirm", "destroy all personal data"],
    );
    assert!(!std::path::Path::new(&format!("{db}.data-key")).exists());
    let found = found_in_files(db, &secrets);
    assert!(found.is_empty(), "readable after destruction: {found:?}");
    let gone = corridor(db, &["migrate"]);
    assert!(!gone.status.success());
    let why = String::from_utf8_lossy(&gone.stderr);
    assert!(why.contains("cannot be recovered"), "{why}");
}

#[tokio::test]
async fn values_an_older_version_left_in_clear_are_sealed_at_the_first_start_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("upgraded.db");
    let db = db.to_str().unwrap();
    let list = dir.path().join("list.csv");
    std::fs::write(
        &list,
        "record_id,given_name,family_name,phone\nr1,Synthetic,Clearzai,0700000001\n",
    )
    .unwrap();
    ok(
        db,
        &[
            "import",
            "--requester",
            "Upgrade test",
            list.to_str().unwrap(),
        ],
    );

    // What a database from before encryption holds: a value in clear, and no mark.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{db}"))
        .await
        .unwrap();
    let leave_in_clear = || {
        sqlx::query("UPDATE inquiries SET subject = 'Left in clear' WHERE id = 1").execute(&pool)
    };
    leave_in_clear().await.unwrap();
    // An older version kept the location as typed beside the sealed record.
    sqlx::query(
        "UPDATE person_records SET place = 'at my uncle''s house behind the mosque, Kabul'",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("DELETE FROM protection_marks")
        .execute(&pool)
        .await
        .unwrap();
    let subject = || sqlx::query_scalar::<_, String>("SELECT subject FROM inquiries WHERE id = 1");

    let out = corridor(db, &["migrate"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("Sealed 1 values"), "{said}");
    let sealed = subject().fetch_one(&pool).await.unwrap();
    assert!(sealed.starts_with("enc1:"), "{sealed}");
    assert!(said.contains("Kept only the place name"), "{said}");
    let places: Vec<Option<String>> = sqlx::query_scalar("SELECT place FROM person_records")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(places, vec![Some("Kabul".to_string())]);

    // Later starts do not scan again: this version never writes in clear, so what is put
    // there behind its back stays as it is, and nothing is said.
    leave_in_clear().await.unwrap();
    let out = corridor(db, &["migrate"]);
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Sealed"));
    assert_eq!(subject().fetch_one(&pool).await.unwrap(), "Left in clear");
    pool.close().await;
}
