//! The operator's security commands: scoped tokens listed and revoked, second factors reset,
//! roles changed, and a trail with a deleted event refusing to verify.

use crate::common::{corridor, ok};

#[tokio::test]
async fn tokens_second_factors_and_roles_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corridor.db");
    let db = db.to_str().unwrap();
    ok(
        db,
        &[
            "user",
            "add",
            "--username",
            "ops",
            "--name",
            "Ops",
            "--role",
            "lead",
        ],
    );
    let token = ok(
        db,
        &[
            "token", "create", "--user", "ops", "--name", "form", "--scope", "intake",
        ],
    );
    assert!(token.trim().starts_with("cor_"));
    let listed = ok(db, &["token", "list"]);
    assert!(
        listed.contains("form") && listed.contains("intake"),
        "{listed}"
    );
    assert!(
        listed.contains("expires "),
        "tokens expire by default: {listed}"
    );
    assert!(
        !listed.contains(token.trim()),
        "the token itself is never shown"
    );
    let id = listed.split_whitespace().next().unwrap().to_string();
    ok(db, &["token", "revoke", &id]);
    assert!(ok(db, &["token", "list", "--user", "ops"]).contains("revoked"));
    let bad = corridor(
        db,
        &["token", "create", "--user", "ops", "--scope", "everything"],
    );
    assert!(!bad.status.success());

    assert!(ok(db, &["user", "reset-2fa", "ops"]).contains("removed"));
    assert!(ok(db, &["user", "role", "ops", "auditor"]).contains("Auditor"));
    assert!(ok(db, &["user", "list"]).contains("auditor"));
    assert!(ok(db, &["audit", "verify"]).contains("intact"));

    // Deleting an event breaks the chain at the event after the gap.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{db}"))
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_events WHERE action = 'token.revoked'")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let out = corridor(db, &["audit", "verify"]);
    assert!(
        !out.status.success(),
        "a trail with a deleted event must fail"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("event "));
}

/// A data key or a referral signing key in the repository is the habit that leaks real keys
/// (a test once left `crates/cli/corridor-data.key` behind and it was committed). Outside a git
/// checkout (a source tarball) there is nothing to check.
#[test]
fn no_key_file_is_tracked_in_git() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let Ok(out) = std::process::Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(&root)
        .output()
    else {
        assert!(std::env::var_os("CI").is_none(), "git is needed in CI");
        return;
    };
    if !out.status.success() {
        return;
    }
    let tracked: Vec<String> = out
        .stdout
        .split(|b| *b == 0)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            name.ends_with(".key") || name.ends_with(".data-key") || name.ends_with(".pem")
        })
        .collect();
    assert!(
        tracked.is_empty(),
        "key files are tracked in git; remove them and rotate the keys: {tracked:?}"
    );
}

/// A client holding hundreds of idle connections once ran the server out of file descriptors
/// and `/healthz` stopped answering. With a file descriptor limit far below the number of
/// idle connections, the server still answers: it serves a bounded number of connections and
/// closes those that send no request.
#[tokio::test]
async fn idle_connections_cannot_exhaust_the_servers_file_descriptors() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fd.db");
    let mut child = std::process::Command::new("sh")
        .current_dir(crate::common::scratch())
        .args([
            "-c",
            "ulimit -n 128 && exec \"$0\" \"$@\"",
            env!("CARGO_BIN_EXE_corridor"),
            "serve",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
            "--max-connections",
            "32",
            "--header-timeout",
            "1",
        ])
        .env("CORRIDOR_LOG", "error")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _server = crate::common::Server(child);
    let base = line
        .split("http://")
        .nth(1)
        .map(|rest| rest.trim().trim_end_matches('/').to_string())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let mut idle = Vec::new();
    for _ in 0..200 {
        idle.push(tokio::net::TcpStream::connect(&base).await.unwrap());
    }
    // The guard only keeps a broken server from hanging the test run.
    let r = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(180))
        .build()
        .unwrap()
        .get(format!("http://{base}/healthz"))
        .send()
        .await
        .expect("the health check answers despite 200 idle connections");
    assert_eq!(r.status(), 200);
}
