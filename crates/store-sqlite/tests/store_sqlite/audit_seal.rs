//! The audit trail's unsealed tail, seen by raw SQL: events wait unsealed until the sealer
//! chains them; a sealed event passed off as unsealed, to be rewritten, breaks the chain; an
//! event edited before it was sealed is not caught (the window the README describes).

use corridor_store::crypto::KeySource;
use corridor_store::prelude::*;
use corridor_store::{Actor, AuditAction, NewAuditEvent};
use corridor_store_sqlite::SqliteStore;

struct Fresh {
    store: SqliteStore,
    raw: sqlx::SqlitePool,
    _dir: tempfile::TempDir,
}

async fn fresh() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corridor.db");
    let db = db.to_str().unwrap();
    let store = SqliteStore::open(db, &KeySource::ephemeral())
        .await
        .unwrap();
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{db}"))
        .await
        .unwrap();
    Fresh {
        store,
        raw,
        _dir: dir,
    }
}

async fn signed_in(store: &SqliteStore, who: i64) {
    store
        .audit(
            NewAuditEvent::new(AuditAction::UserSignedIn, "user", who, ""),
            &Actor::system("test"),
        )
        .await
        .unwrap();
}

/// The ids of the events, oldest first.
async fn ids(raw: &sqlx::SqlitePool) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM audit_events ORDER BY id")
        .fetch_all(raw)
        .await
        .unwrap()
}

#[tokio::test]
async fn events_wait_unsealed_until_the_sealer_chains_them() {
    let t = fresh().await;
    let (before, _) = t.store.audit_unsealed().await.unwrap();
    for who in 1..=3 {
        signed_in(&t.store, who).await;
    }
    let (waiting, oldest) = t.store.audit_unsealed().await.unwrap();
    assert_eq!(waiting, before + 3);
    assert!(oldest.is_some());
    assert_eq!(t.store.seal_audit().await.unwrap(), waiting);
    assert_eq!(t.store.audit_unsealed().await.unwrap(), (0, None));
    let events = ids(&t.raw).await.len() as u64;
    assert_eq!(t.store.verify_audit_chain().await.unwrap(), Ok(events));
    // Sealed again, nothing changes.
    assert_eq!(t.store.seal_audit().await.unwrap(), 0);
}

#[tokio::test]
async fn a_sealed_event_passed_off_as_unsealed_breaks_the_chain() {
    let t = fresh().await;
    for who in 1..=3 {
        signed_in(&t.store, who).await;
    }
    assert!(t.store.verify_audit_chain().await.unwrap().is_ok());
    let ids = ids(&t.raw).await;
    let (victim, next) = (ids[ids.len() - 2], ids[ids.len() - 1]);
    // Somebody with the file rewrites an event and takes its seal off, hoping the sealer will
    // seal the new text as if it had just been appended.
    sqlx::query(
        "UPDATE audit_events SET detail = 'rewritten', hash = '', prev_hash = '', seal_seq = NULL
         WHERE id = $1",
    )
    .bind(victim)
    .execute(&t.raw)
    .await
    .unwrap();
    let broken = t.store.verify_audit_chain().await.unwrap().unwrap_err();
    assert_eq!(broken.event_id, next, "{broken:?}");
}

#[tokio::test]
async fn a_renumbered_seal_breaks_the_chain() {
    let t = fresh().await;
    for who in 1..=3 {
        signed_in(&t.store, who).await;
    }
    assert!(t.store.verify_audit_chain().await.unwrap().is_ok());
    let last = *ids(&t.raw).await.last().unwrap();
    // Deleting the event before the last and closing the gap in the numbering.
    sqlx::query("DELETE FROM audit_events WHERE id = $1")
        .bind(last - 1)
        .execute(&t.raw)
        .await
        .unwrap();
    sqlx::query("UPDATE audit_events SET seal_seq = seal_seq - 1 WHERE id = $1")
        .bind(last)
        .execute(&t.raw)
        .await
        .unwrap();
    let broken = t.store.verify_audit_chain().await.unwrap().unwrap_err();
    assert_eq!(broken.event_id, last, "{broken:?}");
    assert!(broken.reason.contains("removed"), "{broken:?}");
}

/// What the seal cannot protect: an event edited in the moment between its commit and its
/// seal is sealed as edited. The background sealer keeps that moment to a fraction of a second.
#[tokio::test]
async fn an_event_edited_before_it_is_sealed_is_not_caught() {
    let t = fresh().await;
    signed_in(&t.store, 1).await;
    let last = *ids(&t.raw).await.last().unwrap();
    sqlx::query("UPDATE audit_events SET detail = 'edited while unsealed' WHERE id = $1")
        .bind(last)
        .execute(&t.raw)
        .await
        .unwrap();
    assert!(t.store.verify_audit_chain().await.unwrap().is_ok());
    let detail: String = sqlx::query_scalar("SELECT detail FROM audit_events WHERE id = $1")
        .bind(last)
        .fetch_one(&t.raw)
        .await
        .unwrap();
    assert_eq!(detail, "edited while unsealed");
    // Once sealed, the same edit is caught.
    sqlx::query("UPDATE audit_events SET detail = 'edited after' WHERE id = $1")
        .bind(last)
        .execute(&t.raw)
        .await
        .unwrap();
    let broken = t.store.verify_audit_chain().await.unwrap().unwrap_err();
    assert_eq!(broken.event_id, last);
}
