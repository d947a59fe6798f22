//! The audit trail's seal on PostgreSQL, seen by raw SQL: appending takes no lock, so events
//! commit in any order; the sealer chains only events of transactions older than every one
//! still running, so an event committed late is sealed after everything sealed before it; a
//! sealed event passed off as unsealed breaks the chain; the unsealed tail is the window.

use corridor_store::crypto::KeySource;
use corridor_store::prelude::*;
use corridor_store::{Actor, AuditAction, NewAuditEvent};
use corridor_store_postgres::testdb::TestDatabase;
use corridor_store_postgres::{PgSettings, PostgresStore};

async fn open(db: &TestDatabase) -> (PostgresStore, sqlx::PgPool) {
    let store = PostgresStore::open(db.url(), &PgSettings::default(), &KeySource::ephemeral())
        .await
        .unwrap();
    let raw = sqlx::PgPool::connect(db.url()).await.unwrap();
    (store, raw)
}

async fn signed_in(store: &PostgresStore, detail: &str) {
    store
        .audit(
            NewAuditEvent::new(AuditAction::UserSignedIn, "user", 1, detail),
            &Actor::system("test"),
        )
        .await
        .unwrap();
}

async fn seal_seq(raw: &sqlx::PgPool, detail: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT seal_seq FROM audit_events WHERE detail = $1")
        .bind(detail)
        .fetch_one(raw)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_event_committed_late_is_sealed_after_the_ones_sealed_before_it() {
    let Some(db) = TestDatabase::create("audit_committed_late").await else {
        return;
    };
    let (store, raw) = open(&db).await;
    assert!(store.verify_audit_chain().await.unwrap().is_ok());
    // A transaction appends an event and is still running...
    let mut slow = raw.begin().await.unwrap();
    sqlx::query(
        "INSERT INTO audit_events (at, actor_name, action, entity, entity_id, detail, prev_hash, hash, xid)
         VALUES (now(), 'system:test', 'user.signed_in', 'user', 1, 'older', '', '',
                 pg_current_xact_id()::text::bigint)",
    )
    .execute(&mut *slow)
    .await
    .unwrap();
    // ...while a younger one appends and commits.
    signed_in(&store, "younger").await;
    assert_eq!(
        store.seal_audit().await.unwrap(),
        0,
        "nothing younger than a running transaction is sealed"
    );
    assert_eq!(seal_seq(&raw, "younger").await, None);
    slow.commit().await.unwrap();
    let events = store
        .verify_audit_chain()
        .await
        .unwrap()
        .expect("chain verifies");
    let (older, younger) = (
        seal_seq(&raw, "older").await.unwrap(),
        seal_seq(&raw, "younger").await.unwrap(),
    );
    assert_eq!(
        younger,
        older + 1,
        "sealed in the order of their transactions"
    );
    assert_eq!(events as i64, younger);
    assert_eq!(store.audit_unsealed().await.unwrap(), (0, None));
}

#[tokio::test]
async fn appending_waits_for_no_writer() {
    let Some(db) = TestDatabase::create("audit_append_no_lock").await else {
        return;
    };
    let (store, raw) = open(&db).await;
    // A transaction holding the write lock every change takes (as a long intake would).
    let mut writer = raw.begin().await.unwrap();
    // The key of `dialect::WRITE_LOCK`: "CORRIDOR".
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(0x434f_5252_4944_4f52_i64)
        .execute(&mut *writer)
        .await
        .unwrap();
    // A read recorded meanwhile is not held up: appending takes no lock.
    signed_in(&store, "read while writing").await;
    writer.rollback().await.unwrap();
    assert!(store.verify_audit_chain().await.unwrap().is_ok());
    assert!(seal_seq(&raw, "read while writing").await.is_some());
}

#[tokio::test]
async fn a_sealed_event_passed_off_as_unsealed_breaks_the_chain() {
    let Some(db) = TestDatabase::create("audit_passed_off").await else {
        return;
    };
    let (store, raw) = open(&db).await;
    for detail in ["one", "two", "three"] {
        signed_in(&store, detail).await;
    }
    assert!(store.verify_audit_chain().await.unwrap().is_ok());
    sqlx::query(
        "UPDATE audit_events SET detail = 'rewritten', hash = '', prev_hash = '', seal_seq = NULL
         WHERE detail = 'two'",
    )
    .execute(&raw)
    .await
    .unwrap();
    let three: i64 = sqlx::query_scalar("SELECT id FROM audit_events WHERE detail = 'three'")
        .fetch_one(&raw)
        .await
        .unwrap();
    let broken = store.verify_audit_chain().await.unwrap().unwrap_err();
    assert_eq!(broken.event_id, three, "{broken:?}");
}
