//! The real `corridor` binary, as an operator uses it: create the first users and a token,
//! start the server, talk to it, check the audit trail.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::{corridor, ok, serve, serve_with};

use corridor_store_postgres::testdb::TestDatabase;
use serde_json::{Value, json};

#[tokio::test]
async fn first_administrator_token_and_api_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corridor.db");
    let db = db.to_str().unwrap();

    // The first administrator, with a password read from standard input.
    let mut add = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .args([
            "user",
            "add",
            "--db",
            db,
            "--username",
            "admin",
            "--name",
            "First Admin",
            "--role",
            "admin",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(b"an operator passphrase\n")
        .unwrap();
    let out = add.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("Password"),
        "a given password is not echoed"
    );

    // A weak password is refused with the rule, and nothing is created.
    let mut weak = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .args([
            "user",
            "add",
            "--db",
            db,
            "--username",
            "weak",
            "--name",
            "Weak",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    weak.stdin.take().unwrap().write_all(b"short\n").unwrap();
    let out = weak.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 12 characters"));

    ok(
        db,
        &["team", "add", "--name", "Consular", "--lead", "admin"],
    );
    let generated = ok(
        db,
        &[
            "user",
            "add",
            "--username",
            "officer",
            "--name",
            "Case Officer",
            "--role",
            "case_officer",
            "--team",
            "Consular",
        ],
    );
    assert!(generated.contains("Password (shown once): "), "{generated}");
    let token = ok(
        db,
        &[
            "token",
            "create",
            "--user",
            "admin",
            "--name",
            "integration",
        ],
    )
    .trim()
    .to_string();
    assert!(token.starts_with("cor_"));
    let users = ok(db, &["user", "list"]);
    assert!(users.contains("officer") && users.contains("case_officer"));

    let (_server, base) = serve(db);
    let client = reqwest::Client::new();
    assert_eq!(
        client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let created: Value = client
        .post(format!("{base}/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "evacuation", "subject": "Family in Kabul",
            "requester": {"kind": "sponsor", "name": "A Former Supervisor"},
            "people": [{"given_name": "Fatima", "father_name": "Ghulam Sakhi"}]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(created["reference"].as_str().unwrap().starts_with("CR-"));
    let case: Value = client
        .get(format!("{base}/api/v1/cases/{}", created["case_id"]))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(case["owner_name"], "First Admin");
    assert_eq!(case["team_name"], "Consular");

    let verified = ok(db, &["audit", "verify"]);
    assert!(verified.contains("intact"), "{verified}");
}

#[tokio::test]
async fn audit_verify_names_the_first_edited_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corridor.db");
    let db = db.to_str().unwrap();
    ok(db, &["team", "add", "--name", "A"]);
    ok(db, &["team", "add", "--name", "B"]);
    ok(db, &["team", "add", "--name", "C"]);
    assert!(ok(db, &["audit", "verify"]).contains("3 events verified"));

    // Somebody with access to the file rewrites history.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{db}"))
        .await
        .unwrap();
    sqlx::query("UPDATE audit_events SET detail = 'name Z' WHERE id = 2")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let out = corridor(db, &["audit", "verify"]);
    assert!(
        !out.status.success(),
        "a tampered trail must fail verification"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("event 2") && err.contains("edited"), "{err}");
}

/// The same operator story on PostgreSQL: every command takes the URL.
#[tokio::test]
async fn every_command_accepts_a_postgres_url() {
    let Some(pg) = TestDatabase::create("every_command_accepts_a_postgres_url").await else {
        return;
    };
    let db = pg.url();
    assert!(ok(db, &["migrate"]).contains("(postgres)"));
    ok(
        db,
        &[
            "user",
            "add",
            "--username",
            "admin",
            "--name",
            "First Admin",
            "--role",
            "admin",
        ],
    );
    ok(
        db,
        &["team", "add", "--name", "Consular", "--lead", "admin"],
    );
    assert!(ok(db, &["team", "list"]).contains("Consular"));
    let token = ok(
        db,
        &[
            "token",
            "create",
            "--user",
            "admin",
            "--name",
            "integration",
        ],
    )
    .trim()
    .to_string();

    let (_server, base) = serve(db);
    let client = reqwest::Client::new();
    let created: Value = client
        .post(format!("{base}/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "evacuation", "subject": "Family in Kabul",
            "requester": {"kind": "sponsor", "name": "A Former Supervisor"},
            "people": [{"given_name": "Fatima", "father_name": "Ghulam Sakhi"}]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(created["reference"].as_str().unwrap().starts_with("CR-"));
    let case: Value = client
        .get(format!("{base}/api/v1/cases/{}", created["case_id"]))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(case["team_name"], "Consular");
    assert!(ok(db, &["audit", "verify"]).contains("intact"));
}

#[tokio::test]
async fn backup_while_serving_then_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corridor.db");
    let db = db.to_str().unwrap();
    ok(
        db,
        &[
            "user",
            "add",
            "--username",
            "admin",
            "--name",
            "First Admin",
        ],
    );
    ok(
        db,
        &["team", "add", "--name", "Consular", "--lead", "admin"],
    );
    let token = ok(db, &["token", "create", "--user", "admin", "--name", "t"])
        .trim()
        .to_string();
    let (server, base) = serve(db);
    let client = reqwest::Client::new();
    let inquire = |n: usize| {
        client
            .post(format!("{base}/api/v1/inquiries"))
            .bearer_auth(&token)
            .json(&json!({
                "category": "visa", "subject": format!("Request {n}"),
                "requester": {"kind": "ngo", "name": "Synthetic NGO"},
                "people": [{"given_name": format!("Person{n}")}]
            }))
            .send()
    };
    for n in 0..5 {
        assert_eq!(inquire(n).await.unwrap().status(), 201);
    }

    // Online: the server keeps running and taking requests during the backup.
    let backup = dir.path().join("backup.db");
    let backup = backup.to_str().unwrap();
    let writes = tokio::spawn({
        let client = client.clone();
        let (base, token) = (base.clone(), token.clone());
        async move {
            for n in 5..25 {
                let r = client
                    .post(format!("{base}/api/v1/inquiries"))
                    .bearer_auth(&token)
                    .json(&json!({
                        "category": "visa", "subject": format!("Request {n}"),
                        "requester": {"kind": "ngo", "name": "Synthetic NGO"},
                        "people": [{"given_name": format!("Person{n}")}]
                    }))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 201);
            }
        }
    });
    let out = ok(db, &["backup", "--to", backup]);
    writes.await.unwrap();
    assert!(
        out.contains("integrity ok") && out.contains("audit chain intact"),
        "{out}"
    );
    let backed_up: usize = out
        .lines()
        .find(|l| l.trim_start().starts_with("inquiries "))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!((5..=25).contains(&backed_up), "{out}");

    // A backup never overwrites, and a database with data is not replaced without --force.
    assert!(!corridor(db, &["backup", "--to", backup]).status.success());
    drop(server);
    let refused = corridor(db, &["restore", "--from", backup]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert!(ok(db, &["restore", "--from", backup, "--force"]).contains("Restored"));
    let (_server, base) = serve(db);
    let listed: Value = client
        .get(format!("{base}/api/v1/inquiries?limit=100"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["total"], backed_up);
    assert!(ok(db, &["audit", "verify"]).contains("intact"));

    // Into a new file, no --force is needed; the backup opens only with its data key.
    let fresh = dir.path().join("fresh.db");
    let keyless = corridor(fresh.to_str().unwrap(), &["restore", "--from", backup]);
    assert!(!keyless.status.success());
    assert!(String::from_utf8_lossy(&keyless.stderr).contains("--data-key"));
    assert!(!fresh.exists(), "nothing was restored without the key");
    ok(
        fresh.to_str().unwrap(),
        &[
            "restore",
            "--from",
            backup,
            "--data-key",
            &format!("{db}.data-key"),
        ],
    );
}

/// A task force that outgrew its SQLite file moves to PostgreSQL and carries on there.
#[tokio::test]
async fn copy_from_sqlite_to_postgres() {
    let Some(pg) = TestDatabase::create("copy_from_sqlite_to_postgres").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corridor.db");
    let file = file.to_str().unwrap();
    ok(file, &["demo", "--seed", "7"]);
    let token = ok(
        file,
        &["token", "create", "--user", "lead", "--name", "moved"],
    )
    .trim()
    .to_string();

    let out = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .args([
            "copy",
            "--from",
            &format!("sqlite://{file}"),
            "--to",
            pg.url(),
        ])
        .env("CORRIDOR_LOG", "warn")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("rows per table match") && stdout.contains("audit chain intact"),
        "{stdout}"
    );

    // The token made on the file signs in on PostgreSQL; the same cases are there.
    let (_a, sqlite_base) = serve(file);
    // The copy stays sealed under the file's data key: the PostgreSQL server reads that key.
    let (_b, pg_base) = serve_with(pg.url(), &["--data-key", &format!("{file}.data-key")]);
    let client = reqwest::Client::new();
    let mut pages = Vec::new();
    for base in [&sqlite_base, &pg_base] {
        let page: Value = client
            .get(format!("{base}/api/v1/cases?sort=priority&limit=50"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        pages.push(page);
    }
    assert!(pages[0]["total"].as_i64().unwrap() > 100);
    assert_eq!(pages[0], pages[1]);

    // A second copy would overwrite: refused.
    let again = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .args(["copy", "--from", file, "--to", pg.url()])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

#[tokio::test]
async fn a_newcomer_loads_the_demo_signs_in_and_reassigns_a_case() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let out = ok(db, &["demo", "--households", "40", "--inquiries", "150"]);
    assert!(out.contains("Demo loaded:"), "{out}");
    let password = out
        .lines()
        .find(|l| l.trim_start().starts_with("lead "))
        .and_then(|l| l.split_whitespace().last())
        .unwrap_or_else(|| panic!("no lead account printed: {out}"))
        .to_string();
    let again = ok(db, &["demo"]);
    assert!(again.contains("was not loaded again"), "{again}");

    let (_server, base) = serve(db);
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = browser
        .post(format!("{base}/login"))
        .form(&[("username", "lead"), ("password", password.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "the printed demo password signs in");
    // Then the second factor, with the secret printed under the password.
    let secret = out
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("lead "))
        .nth(1)
        .and_then(|l| l.split_whitespace().last())
        .unwrap_or_else(|| panic!("no TOTP secret printed for lead: {out}"))
        .to_string();
    let form = browser
        .get(format!("{base}/login/code"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = form
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let code = corridor_web::totp::code(&secret, corridor_web::totp::current_step()).unwrap();
    let r = browser
        .post(format!("{base}/login/code"))
        .form(&[("csrf", csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        303,
        "the printed TOTP secret gives the second factor"
    );
    let cases = browser
        .get(format!("{base}/cases"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The first case in the list (the menu also links to /cases/mine and /cases/unowned).
    let first = cases
        .split("href=\"/cases/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|id| id.parse::<i64>().is_ok())
        .expect("the demo has cases")
        .to_string();
    let page = browser
        .get(format!("{base}/cases/{first}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    // Hand the case to the demo case officer.
    let officer = page
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("Sam Okafor"))
        .and_then(|o| o.split('"').next())
        .unwrap()
        .to_string();
    let r = browser
        .post(format!("{base}/cases/{first}/assign"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("owner", officer.as_str()),
            ("team", ""),
            ("reason", "demo walk-through"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let page = browser
        .get(format!("{base}/cases/{first}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("reason in note"),
        "the reassignment is in the history"
    );
    assert!(
        page.contains("demo walk-through"),
        "its reason is a note on the case"
    );
}

#[tokio::test]
async fn a_deactivated_user_leaves_their_cases_for_a_lead_to_hand_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corridor.db");
    let db = db.to_str().unwrap();
    for (user, role) in [("dana", "lead"), ("admin", "admin")] {
        ok(
            db,
            &[
                "user",
                "add",
                "--username",
                user,
                "--name",
                "Synthetic Person",
                "--role",
                role,
            ],
        );
    }
    ok(db, &["team", "add", "--name", "Consular", "--lead", "dana"]);
    let token = ok(db, &["token", "create", "--user", "admin", "--name", "t"])
        .trim()
        .to_string();
    {
        let (_server, base) = serve(db);
        let created: Value = reqwest::Client::new()
            .post(format!("{base}/api/v1/inquiries"))
            .bearer_auth(&token)
            .json(&json!({
                "category": "visa", "subject": "SIV applicant",
                "requester": {"kind": "sponsor", "name": "A Former Supervisor"},
                "people": [{"given_name": "Synthetic"}]
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(created["case_id"].is_i64(), "{created}");
    }
    let out = ok(db, &["user", "deactivate", "dana"]);
    assert!(
        out.contains("Deactivated dana. 1 open cases they own now show under \"Needs an owner\""),
        "{out}"
    );
    assert!(ok(db, &["user", "list"]).contains("(inactive)"));
    // The team no longer has a lead, so new inquiries wait in triage.
    assert!(ok(db, &["team", "list"]).contains("lead -"));
    let (_server, base) = serve(db);
    let unowned: Value = reqwest::Client::new()
        .get(format!("{base}/api/v1/cases/unowned"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(unowned["total"], 1, "{unowned}");
    assert!(
        corridor(db, &["user", "deactivate", "nobody"])
            .status
            .code()
            .is_some_and(|c| c != 0)
    );
    assert!(ok(db, &["user", "reactivate", "dana"]).contains("Reactivated dana."));
}

/// After a copy the target opens only with the source's data key: the copy says which file
/// and prints the command that serves it, and a server started without it says where it
/// looked (an absolute path, whatever the working directory).
#[test]
fn a_copy_names_its_key_and_a_server_without_it_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_corridor"))
            .current_dir(dir.path())
            .args(args)
            .env("CORRIDOR_LOG", "warn")
            .output()
            .unwrap()
    };
    let demo = run(&[
        "demo",
        "--db",
        "source.db",
        "--households",
        "10",
        "--inquiries",
        "20",
    ]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let copy = run(&["copy", "--from", "source.db", "--to", "target.db"]);
    assert!(
        copy.status.success(),
        "{}",
        String::from_utf8_lossy(&copy.stderr)
    );
    let said = String::from_utf8(copy.stdout).unwrap();
    let key = dir.path().join("source.db.data-key");
    assert!(said.contains(&key.display().to_string()), "{said}");
    let command = said
        .lines()
        .find_map(|l| l.trim().strip_prefix("corridor serve "))
        .unwrap_or_else(|| panic!("no serve command in {said}"));
    assert_eq!(
        command,
        format!("--db target.db --data-key {}", key.display())
    );

    let keyless = run(&["serve", "--db", "target.db", "--addr", "127.0.0.1:0"]);
    assert!(!keyless.status.success());
    let err = String::from_utf8_lossy(&keyless.stderr);
    let looked = dir.path().join("target.db.data-key");
    assert!(
        err.contains(&looked.display().to_string()) && err.contains("--data-key"),
        "{err}"
    );

    // The printed command serves the copy.
    let args: Vec<&str> = command.split_whitespace().collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(dir.path())
        .arg("serve")
        .args(&args)
        .args(["--addr", "127.0.0.1:0"])
        .env("CORRIDOR_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let _server = crate::common::Server(child);
    assert!(line.contains("Corridor is serving"), "{line}");
}
