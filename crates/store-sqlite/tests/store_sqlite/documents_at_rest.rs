//! A document at rest: its bytes are nowhere in the database file or its WAL, a key rotation
//! reseals it (by its wrapped key) and it still opens, the key file gone it does not, and a
//! purge of its closed case removes it.

use chrono::Utc;
use corridor_domain::{CaseCategory, CaseOutcome, CaseStatus};
use corridor_store::Actor;
use corridor_store::conformance::{inquiry, lead_and_team};
use corridor_store::conformance_documents::{pdf, synthetic_content};
use corridor_store::crypto::{Field, KeySource, Keyring};
use corridor_store::documents::{DocumentOwner, DocumentRead};
use corridor_store::prelude::*;
use corridor_store::protection::reseal_all;
use corridor_store_sqlite::SqliteStore;

/// Whether any of 64 `window`-byte pieces spread over `needle` (its start, its end and
/// between) occurs in the file at `path` (absent: no).
fn holds_any_of(path: &std::path::Path, needle: &[u8], window: usize) -> bool {
    let Ok(hay) = std::fs::read(path) else {
        return false;
    };
    let last = needle.len().saturating_sub(window);
    (0..64)
        .map(|i| last * i / 63)
        .any(|at| memchr::memmem::find(&hay, &needle[at..at + window]).is_some())
}

#[tokio::test]
async fn a_document_is_sealed_in_the_file_and_wal_rotated_and_purged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("at-rest.db");
    let db = path.to_str().unwrap();
    let wal = dir.path().join("at-rest.db-wal");
    let sys = Actor::system("test");
    let store = SqliteStore::open(db, &KeySource::beside(db)).await.unwrap();
    lead_and_team(&store).await;
    let case = store
        .record_inquiry(
            inquiry(CaseCategory::Evacuation, &["Synthetic Testzai"]),
            &sys,
        )
        .await
        .unwrap()
        .case_id
        .unwrap();
    let content = synthetic_content("Synthetic passport scan of Testzai, no. P0000000; ");
    let thumbnail = b"thumbnail of Synthetic Testzai's passport".repeat(20);
    let mut doc = pdf(DocumentOwner::Case(case), content.clone());
    doc.thumbnail = Some(thumbnail.clone());
    let id = store.add_document(doc, &sys).await.unwrap().document.id;
    assert_eq!(
        store
            .read_document(id, DocumentRead::Download, &sys)
            .await
            .unwrap()
            .unwrap(),
        content
    );

    // Nothing of the content or the thumbnail, not even 24 bytes of it, in the database file
    // or the WAL (where the write still is: the store is open and nothing checkpointed it
    // away). The test would find them: the marker is in the content hundreds of times over.
    assert!(wal.exists(), "the write is in the WAL");
    for file in [&path, &wal] {
        assert!(!holds_any_of(file, &content, 24), "{}", file.display());
        assert!(!holds_any_of(file, &thumbnail, 24), "{}", file.display());
        assert!(!holds_any_of(file, b"Testzai", 7), "{}", file.display());
    }
    // The check itself finds what is there: the document's kind is in clear.
    assert!(holds_any_of(&wal, b"com_letter", 10) || holds_any_of(&path, b"com_letter", 10));

    // `corridor keys rotate`: a new key, every sealed value resealed (the document by its
    // wrapped key), and the document still opens.
    let key_file = corridor_store::crypto::key_file_beside(db);
    let mut ring = Keyring::read(&key_file).unwrap();
    let new = ring.add_key();
    ring.write(&key_file).unwrap();
    assert!(store.cipher().reload());
    store.record_keys().await.unwrap();
    reseal_all(&store, |_, _| {}).await.unwrap();
    let (table, column) = Field::DocumentKey.place();
    let counts = store.sealed_counts().await.unwrap();
    let keys: Vec<_> = counts
        .iter()
        .filter(|c| c.table == table && c.column == column)
        .collect();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].key, new);
    let mut ring = Keyring::read(&key_file).unwrap();
    ring.retire_old_keys();
    ring.write(&key_file).unwrap();
    store.cipher().reload();
    assert_eq!(
        store
            .read_document(id, DocumentRead::Download, &sys)
            .await
            .unwrap()
            .unwrap(),
        content
    );
    store.close().await;

    // `keys destroy`: without the key file the database does not open, documents included.
    let kept = std::fs::read(&key_file).unwrap();
    std::fs::remove_file(&key_file).unwrap();
    assert!(SqliteStore::open(db, &KeySource::beside(db)).await.is_err());
    std::fs::write(&key_file, kept).unwrap();

    // The case closed and purged: the document is gone.
    let store = SqliteStore::open(db, &KeySource::beside(db)).await.unwrap();
    store
        .change_case_status(case, CaseStatus::InProgress, None, None, &sys)
        .await
        .unwrap();
    store
        .change_case_status(
            case,
            CaseStatus::Closed,
            Some("evacuated"),
            Some(CaseOutcome::Evacuated),
            &sys,
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let report = store.purge_closed_cases(Utc::now(), &sys).await.unwrap();
    assert_eq!(report.documents, 1);
    assert!(store.get_document(id).await.unwrap().is_none());
    store.close().await;
}
