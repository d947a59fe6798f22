//! Conformance checks for what matching keeps between runs: the index's snapshot, sealed,
//! replaced by the next, deleted by a purge; the parameters, kept through one — written once
//! for every backend (see [`crate::conformance`]).

use chrono::Utc;
use corridor_domain::{CaseOutcome, CaseStatus, RecordId};

use crate::AuditFilter;
use crate::conformance_referrals::{case_in_progress, lead, system};
use crate::crypto::Field;
use crate::index_snapshot::CHUNK_SIZE;
use crate::prelude::*;

/// Bytes no index writes: two chunks and a bit, with a marker a test can look for.
fn synthetic_snapshot(marker: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(CHUNK_SIZE + 200);
    while bytes.len() < CHUNK_SIZE + 100 {
        bytes.extend_from_slice(marker.as_bytes());
    }
    bytes
}

pub async fn index_snapshots_are_sealed_replaced_and_purged(store: &dyn Store) {
    let sys = system();
    assert!(store.index_snapshot().await.unwrap().is_none());
    assert!(store.matching_model().await.unwrap().is_none());

    let first = synthetic_snapshot("Synthetic Testzai 1990 ");
    store
        .save_index_snapshot(&first, RecordId(5), 3, &sys)
        .await
        .unwrap();
    let read = store.index_snapshot().await.unwrap().expect("stored");
    assert_eq!((read.last_record, read.records), (RecordId(5), 3));
    assert!(*read.bytes == first, "the snapshot reads back whole");

    // The next replaces it: one snapshot at a time.
    let second = synthetic_snapshot("Synthetic Testzai 1991 ");
    store
        .save_index_snapshot(&second, RecordId(9), 4, &sys)
        .await
        .unwrap();
    let read = store.index_snapshot().await.unwrap().expect("stored");
    assert_eq!(read.last_record, RecordId(9));
    assert!(*read.bytes == second);

    // Sealed under the current key, counted with every other sealed column (so `keys rotate`
    // reseals its key), and a reseal leaves it readable.
    let current = store.cipher().current_key_id();
    let counts = store.sealed_counts().await.unwrap();
    let key = counts
        .iter()
        .find(|c| (c.table, c.column) == ("index_snapshots", "data_key"))
        .expect("the snapshot's key is a sealed column");
    assert_eq!((key.values, key.key.as_str()), (1, current.as_str()));
    assert_eq!(store.reseal(Field::IndexSnapshotKey, 100).await.unwrap(), 0);
    assert!(store.index_snapshot().await.unwrap().is_some());

    // Each write is in the trail, by counts alone.
    let events = store
        .search_audit(
            &AuditFilter {
                entity: Some("index_snapshot".into()),
                ..AuditFilter::default()
            },
            10,
        )
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e.action == "index.snapshot_written"));
    assert!(events.iter().all(|e| !e.detail.contains("Testzai")));

    // The parameters are kept, and the last kept wins.
    store.save_matching_model("{\"a\":1}", 10).await.unwrap();
    store.save_matching_model("{\"a\":2}", 20).await.unwrap();
    let model = store.matching_model().await.unwrap().expect("kept");
    assert_eq!((model.model.as_str(), model.records), ("{\"a\":2}", 20));

    // A purge deletes the snapshot (the purged people are in it), not the parameters.
    lead(store).await;
    let case = case_in_progress(store).await;
    store
        .change_case_status(
            case,
            CaseStatus::Closed,
            Some("family evacuated to a third country"),
            Some(CaseOutcome::Evacuated),
            &sys,
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let report = store.purge_closed_cases(Utc::now(), &sys).await.unwrap();
    assert_eq!(report.cases, 1);
    assert!(store.index_snapshot().await.unwrap().is_none());
    assert!(store.matching_model().await.unwrap().is_some());

    // Dropping when there is nothing is nothing.
    assert_eq!(store.drop_index_snapshots().await.unwrap(), 0);
    store
        .save_index_snapshot(&first, RecordId(5), 3, &sys)
        .await
        .unwrap();
    assert_eq!(store.drop_index_snapshots().await.unwrap(), 1);
    assert!(store.index_snapshot().await.unwrap().is_none());
}
