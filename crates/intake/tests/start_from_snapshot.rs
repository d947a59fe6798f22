//! A server starting from the matching index's snapshot matches exactly as one that built the
//! index from every record, with the parameters kept from the last estimate; a snapshot that
//! is stale or unreadable is not used.

use corridor_domain::{CaseCategory, NewRequester, RequesterKind};
use corridor_intake::Origin;
use corridor_intake::import::{ImportOptions, parse_input};
use corridor_intake::matcher::{IndexOrigin, Matcher};
use corridor_store::prelude::*;
use corridor_store::{Actor, Submission};
use corridor_store_sqlite::SqliteStore;

/// Synthetic rows `from..from + n` of the scenario generator's stream, as an import parses them.
fn rows(from: usize, n: usize) -> Vec<Submission> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(corridor_scenario::SyntheticRecord::COLUMNS)
        .unwrap();
    for r in corridor_scenario::records(11, from + n).skip(from) {
        w.write_record(r.values()).unwrap();
    }
    let opts = ImportOptions::new(Origin {
        requester: NewRequester {
            kind: RequesterKind::Ngo,
            name: "Synthetic coalition".into(),
            organization: None,
            email: None,
            phone: None,
        },
        category: CaseCategory::Evacuation,
        source: "test".into(),
    });
    parse_input(&format!("rows{from}.csv"), &w.into_inner().unwrap(), &opts).submissions
}

async fn take_in(store: &SqliteStore, matcher: &Matcher, subs: Vec<Submission>) {
    for batch in corridor_intake::import::batches(subs, 1_000) {
        matcher
            .take_in(store, batch, "test", &Actor::system("test"))
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_start_from_the_snapshot_matches_as_a_start_from_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(
        dir.path().join("corridor.db").to_str().unwrap(),
        &corridor_store::crypto::KeySource::ephemeral(),
    )
    .await
    .unwrap();
    let actor = Actor::system("test");
    let first = Matcher::load(&store).await.unwrap();
    assert_eq!(first.origin(), IndexOrigin::Built);
    // Nothing known, nothing written.
    assert_eq!(first.save_snapshot(&store, &actor).await.unwrap(), None);
    // Enough records for the parameters to be estimated (and kept) at the next build.
    take_in(&store, &first, rows(0, 2_400)).await;
    let built = Matcher::load(&store).await.unwrap();
    assert_eq!(built.origin(), IndexOrigin::Built);
    let model = store
        .matching_model()
        .await
        .unwrap()
        .expect("parameters kept");
    assert!(model.records >= 2_000, "{}", model.records);
    assert!(built.save_snapshot(&store, &actor).await.unwrap().is_some());
    // Written once: nothing new since.
    assert_eq!(built.save_snapshot(&store, &actor).await.unwrap(), None);

    // Records stored after the snapshot are caught up from the store.
    take_in(&store, &built, rows(2_400, 300)).await;
    let from_snapshot = Matcher::load(&store).await.unwrap();
    assert_eq!(from_snapshot.origin(), IndexOrigin::Snapshot);
    let rebuilt = Matcher::build(&store).await.unwrap();
    assert_eq!(from_snapshot.len(), rebuilt.len());
    assert_eq!(from_snapshot.len(), built.len());
    // The parameters were not estimated again: the kept ones are the ones used.
    assert_eq!(store.matching_model().await.unwrap(), Some(model));

    // The same people arriving get the same verdicts from both.
    let mut a = rows(2_700, 400);
    let mut b = a.clone();
    from_snapshot.annotate(&store, &mut a).await.unwrap();
    rebuilt.annotate(&store, &mut b).await.unwrap();
    let verdicts = |subs: &[Submission]| -> Vec<_> {
        subs.iter().map(|s| s.inquiry.matches.clone()).collect()
    };
    assert_eq!(verdicts(&a), verdicts(&b));
    let sure = a
        .iter()
        .flat_map(|s| &s.inquiry.matches)
        .filter(|m| m.same_as.is_some())
        .count();
    assert!(sure > 20, "the probes match known people: {sure}");

    // A purge deletes the snapshot: the next start builds.
    store.drop_index_snapshots().await.unwrap();
    assert_eq!(
        Matcher::load(&store).await.unwrap().origin(),
        IndexOrigin::Built
    );
}
