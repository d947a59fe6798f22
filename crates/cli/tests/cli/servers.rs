//! Several `corridor serve` processes on one PostgreSQL database behave as one system:
//! requests alternate between them, and nothing is lost, doubled or out of order; an
//! Idempotency-Key holds across servers and restarts (on SQLite too).
//! Runs when `CORRIDOR_TEST_POSTGRES_URL` names a server; otherwise says it was skipped.

use std::collections::HashSet;
use std::process::Command;

use crate::common::{Server, ok_env, serve_env};
use corridor_store_postgres::testdb::TestDatabase;
use serde_json::{Value, json};

/// The data key file of a test database: every process on one database reads the same one, as
/// every server of a task force must.
fn key_for(db: &str) -> std::path::PathBuf {
    static DIR: std::sync::LazyLock<tempfile::TempDir> =
        std::sync::LazyLock::new(|| tempfile::tempdir().unwrap());
    let name: String = db
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    DIR.path().join(format!("{name}.data-key"))
}

fn ok(db: &str, args: &[&str]) -> String {
    ok_env(db, args, &[("CORRIDOR_DATA_KEY", key_for(db).as_os_str())])
}

fn serve(db: &str) -> (Server, String) {
    serve_env(
        db,
        &["--db-pool-size", "4"],
        &[("CORRIDOR_DATA_KEY", key_for(db).as_os_str())],
    )
}

/// Users, a catch-all team and a token, made with the command line.
fn staffed(db: &str) -> String {
    ok(
        db,
        &[
            "user",
            "add",
            "--username",
            "lead",
            "--name",
            "Task Force Lead",
            "--role",
            "lead",
        ],
    );
    ok(
        db,
        &["team", "add", "--name", "Everything", "--lead", "lead"],
    );
    ok(
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
            "Everything",
        ],
    );
    ok(
        db,
        &["token", "create", "--user", "lead", "--name", "servers"],
    )
    .trim()
    .to_string()
}

fn request(n: usize) -> Value {
    json!({
        "category": "border_crossing", "subject": format!("Synthetic request {n}"),
        "requester": {"kind": "ngo", "name": format!("Synthetic NGO {}", n % 4)},
        "people": [{"given_name": format!("Synthetic{n}"), "family_name": "Testperson",
                    "date_of_birth": format!("19{:02}-01-15", 50 + n % 40)}]
    })
}

#[tokio::test]
async fn two_servers_on_one_database_are_one_system() {
    let Some(pg) = TestDatabase::create("two_servers_on_one_database_are_one_system").await else {
        return;
    };
    let db = pg.url();
    let token = staffed(db);
    let (_a, a) = serve(db);
    let (_b, b) = serve(db);
    let servers = [a.clone(), b.clone()];
    let client = reqwest::Client::new();

    // Forty requests at once, alternating servers; each is retried on the other server with the
    // same Idempotency-Key, as a client behind a load balancer would after a time-out.
    const N: usize = 40;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..N {
        let (client, token) = (client.clone(), token.clone());
        let (first, retry) = (servers[n % 2].clone(), servers[(n + 1) % 2].clone());
        tasks.spawn(async move {
            let send = |base: String| {
                client
                    .post(format!("{base}/api/v1/inquiries"))
                    .bearer_auth(&token)
                    .header("Idempotency-Key", format!("req-{n}"))
                    .json(&request(n))
                    .send()
            };
            let (one, two) = tokio::join!(send(first), send(retry));
            let (one, two) = (one.unwrap(), two.unwrap());
            let mut statuses = [one.status().as_u16(), two.status().as_u16()];
            statuses.sort();
            assert_eq!(statuses, [200, 201], "one stores, the retry finds it");
            let (one, two): (Value, Value) = (one.json().await.unwrap(), two.json().await.unwrap());
            assert_eq!(one["reference"], two["reference"]);
            one
        });
    }
    let mut created = Vec::new();
    while let Some(r) = tasks.join_next().await {
        created.push(r.unwrap());
    }
    let references: HashSet<_> = created.iter().map(|c| c["reference"].clone()).collect();
    assert_eq!(references.len(), N, "every request has its own reference");

    // Work the cases, alternating servers: hand each to the officer, then start it.
    let cases: Value = client
        .get(format!("{a}/api/v1/cases?limit=1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cases["total"], N);
    let officer_id = {
        let out = ok(db, &["user", "list"]);
        out.lines()
            .find(|l| l.contains("officer") && l.contains("case_officer"))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|id| id.trim_start_matches('#').parse::<i64>().ok())
            .unwrap_or_else(|| panic!("no officer id in {out}"))
    };
    for (i, c) in created.iter().enumerate() {
        let case = c["case_id"].as_i64().expect("every request opened a case");
        let r = client
            .post(format!("{}/api/v1/cases/{case}/assign", servers[i % 2]))
            .bearer_auth(&token)
            .json(&json!({"owner_id": officer_id, "reason": "shared out"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        let r = client
            .post(format!(
                "{}/api/v1/cases/{case}/status",
                servers[(i + 1) % 2]
            ))
            .bearer_auth(&token)
            .json(&json!({"status": "in_progress"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    }
    // Either server sees all of it.
    for base in &servers {
        let page: Value = client
            .get(format!(
                "{base}/api/v1/cases?status=in_progress&owner={officer_id}&limit=100"
            ))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(page["total"], N);
        let inquiries: Value = client
            .get(format!("{base}/api/v1/inquiries?limit=100"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(inquiries["total"], N, "nothing doubled by the retries");
    }

    // A person taken in on one server is recognised when asked about on the other.
    let first: Value = client
        .post(format!("{a}/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "evacuation", "subject": "Family at the border",
            "requester": {"kind": "sponsor", "name": "A former supervisor"},
            "people": [{"given_name": "Mohammad Nabi", "family_name": "Ahmadzai", "father_name": "Abdul Wahid",
                        "date_of_birth": "1985-03-14", "national_id": "1398-0105-23456", "phone": "+93 70 123 4567"}]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let second: Value = client
        .post(format!("{b}/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "evacuation", "subject": "Please help",
            "requester": {"kind": "congressional", "name": "Office of a Representative"},
            "people": [{"full_name": "Muhammad Nabi s/o Abdul Wahid", "family_name": "Ahmadzay",
                        "date_of_birth": "14/03/1985", "national_id": "139801052345 6", "phone": "0701234567"}]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        first["case_id"], second["case_id"],
        "the second server matched the person the first one stored"
    );

    let verified = ok(db, &["audit", "verify"]);
    assert!(verified.contains("intact"), "{verified}");
}

/// SIGTERM while requests are in flight: every request either gets its answer or is refused
/// before it starts, and what was acknowledged is exactly what is stored.
#[cfg(unix)]
#[tokio::test]
async fn a_stopping_server_finishes_what_it_started() {
    let Some(pg) = TestDatabase::create("a_stopping_server_finishes_what_it_started").await else {
        return;
    };
    let db = pg.url();
    let token = staffed(db);
    let (mut server, base) = serve(db);
    let client = reqwest::Client::new();
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..30 {
        let (client, token, base) = (client.clone(), token.clone(), base.clone());
        tasks.spawn(async move {
            client
                .post(format!("{base}/api/v1/inquiries"))
                .bearer_auth(&token)
                .json(&request(n))
                .send()
                .await
                .map(|r| r.status().as_u16())
        });
    }
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let pid = server.0.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let mut acknowledged = 0;
    while let Some(r) = tasks.join_next().await {
        match r.unwrap() {
            Ok(201) => acknowledged += 1,
            Ok(other) => panic!("unexpected status {other}"),
            // Refused before it started: the client knows it was not taken.
            Err(e) => assert!(e.is_connect() || e.is_request(), "{e}"),
        }
    }
    eprintln!("{acknowledged} of 30 acknowledged before the stop");
    let status = server.0.wait().unwrap();
    assert!(status.success(), "a graceful stop exits 0, got {status}");
    let (_again, base) = serve(db);
    let stored: Value = client
        .get(format!("{base}/api/v1/inquiries?limit=1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stored["total"], acknowledged);
}

/// The same new family asked about through both servers at the same moment: both requests
/// must end on one case, not on two that each server opened without seeing the other's.
#[tokio::test]
async fn the_same_new_person_at_both_servers_at_once_is_one_case() {
    let Some(pg) = TestDatabase::create("the_same_new_person_at_both_servers_at_once").await else {
        return;
    };
    let db = pg.url();
    let token = staffed(db);
    let (_a, a) = serve(db);
    let (_b, b) = serve(db);
    let client = reqwest::Client::new();
    let send = |base: &str, requester: &str, n: usize| {
        client
            .post(format!("{base}/api/v1/inquiries"))
            .bearer_auth(&token)
            .json(&json!({
                "category": "evacuation", "subject": "Please help",
                "requester": {"kind": "sponsor", "name": requester},
                "people": [{"given_name": format!("Khalid{}", ["a", "b", "c", "d", "e", "f"][n]),
                            "family_name": "Hotakzai", "father_name": format!("Rahmatullah{n}"),
                            "date_of_birth": format!("19{}-02-0{}", 70 + n, 1 + n),
                            "national_id": format!("1400-0{n}11-3344{n}"),
                            "phone": format!("+93 79 555 00{n}{n}")}]
            }))
            .send()
    };
    for n in 0..6 {
        let (one, two) = tokio::join!(send(&a, "A sponsor", n), send(&b, "Another sponsor", n));
        let one: Value = one.unwrap().json().await.unwrap();
        let two: Value = two.unwrap().json().await.unwrap();
        assert_eq!(
            one["case_id"], two["case_id"],
            "person {n} was taken in twice at once and got two cases"
        );
    }
}

/// Refers a case with an Idempotency-Key on one of two servers on `db`, retries it on the
/// other and after a restart, and checks that it was referred once; the same key with another
/// body is refused.
async fn a_retried_referral_is_referred_once(db: &str) {
    let token = staffed(db);
    let client = reqwest::Client::new();
    let (first_server, a) = serve(db);
    let (_second_server, b) = serve(db);
    let created: Value = client
        .post(format!("{a}/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&request(1))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let case = created["case_id"]
        .as_i64()
        .expect("the request opened a case");
    let org: Value = client
        .post(format!("{a}/api/v1/orgs"))
        .bearer_auth(&token)
        .json(&json!({"name": "Synthetic Partner NGO", "kind": "ngo"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let org = org["id"].as_i64().expect("the organization was created");
    let refer = |base: &str, key: &str, reason: &str| {
        client
            .post(format!("{base}/api/v1/cases/{case}/referrals"))
            .bearer_auth(&token)
            .header("Idempotency-Key", key)
            .json(&json!({"org": org, "fields": ["names"], "reason": reason}))
            .send()
    };

    let first = refer(&a, "refer-once", "medical evacuation").await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    // The retry reaches the other server: the first answer, nothing referred again.
    let again = refer(&b, "refer-once", "medical evacuation").await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    // After a restart of the first server, the same.
    drop(first_server);
    let (_restarted, a) = serve(db);
    let again = refer(&a, "refer-once", "medical evacuation").await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    // The key with another body is refused, by any server.
    for base in [&a, &b] {
        let other = refer(base, "refer-once", "something else").await.unwrap();
        assert_eq!(other.status(), 422, "{}", other.text().await.unwrap());
    }
    // A server that stopped between reserving a key and recording the answer (a crash, a
    // time-out) leaves the key running: the retry is not run again, and is told to check.
    let first_key = refer(&a, "refer-stopped", "security").await.unwrap();
    assert_eq!(first_key.status(), 201);
    stop_between_reserving_and_answering(db).await;
    let stopped = refer(&b, "refer-stopped", "security").await.unwrap();
    assert_eq!(stopped.status(), 409);
    let said: Value = stopped.json().await.unwrap();
    assert!(
        said["message"].as_str().unwrap().contains("took effect"),
        "{said}"
    );
    // One request sent to both servers at once: referred once, the copy told to wait or
    // given the first answer.
    let (one, two) = tokio::join!(
        refer(&a, "refer-together", "protection"),
        refer(&b, "refer-together", "protection")
    );
    let mut statuses = [
        one.unwrap().status().as_u16(),
        two.unwrap().status().as_u16(),
    ];
    statuses.sort();
    assert!(
        statuses == [201, 201] || statuses == [201, 409],
        "{statuses:?}"
    );

    let referrals: Value = client
        .get(format!("{b}/api/v1/referrals?case={case}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        referrals["items"].as_array().unwrap().len(),
        3,
        "one referral per key: {referrals}"
    );
    assert_eq!(
        referrals["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["id"] == first["referrals"][0])
            .count(),
        1,
        "the first answer names the referral stored: {referrals}"
    );
}

/// What the database holds after a server stopped between reserving a key and recording its
/// answer: the last key done is running again, without an answer.
async fn stop_between_reserving_and_answering(db: &str) {
    use sqlx::Connection;
    let sql = "UPDATE api_idempotency SET state = 'running', status = NULL, answer = NULL, \
               done_at = NULL WHERE id = (SELECT MAX(id) FROM api_idempotency)";
    if db.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(db).await.unwrap();
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    } else {
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{db}"))
            .await
            .unwrap();
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
}

#[tokio::test]
async fn an_idempotency_key_holds_across_servers_and_restarts_on_postgres() {
    let Some(pg) = TestDatabase::create("an_idempotency_key_holds_across_servers").await else {
        return;
    };
    a_retried_referral_is_referred_once(pg.url()).await;
}

#[tokio::test]
async fn an_idempotency_key_holds_across_restarts_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corridor.db");
    a_retried_referral_is_referred_once(db.to_str().unwrap()).await;
}
