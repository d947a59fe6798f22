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
