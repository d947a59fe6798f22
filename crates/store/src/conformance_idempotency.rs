//! Conformance checks of the API's Idempotency-Keys, written once for every backend (see
//! [`crate::conformance`]).

use chrono::Duration;
use corridor_domain::Role;

use crate::conformance::{staffed, user};
use crate::crypto::Field;
use crate::idempotency::KeyClaim;
use crate::{Clock, Store};

const REFERRAL: [u8; 32] = [1; 32];
const OTHER: [u8; 32] = [2; 32];
/// An answer as the API gives it, naming a person: it must be sealed at rest.
const ANSWER: &str = r#"{"id":7,"body":"Called Synthetic Keyzai back"}"#;

pub async fn idempotency_keys_reserve_answer_and_refuse(store: &dyn Store) {
    let (team, lead, _, _) = staffed(store).await;
    let officer = user(store, "keyofficer", Role::CaseOfficer, Some(team.id)).await;

    let KeyClaim::New(first) = store
        .claim_idempotency_key(lead.id, "retry-1", &REFERRAL)
        .await
        .unwrap()
    else {
        panic!("a fresh key is reserved");
    };
    // While it runs: the same request waits its turn, another one is refused.
    assert_eq!(
        store
            .claim_idempotency_key(lead.id, "retry-1", &REFERRAL)
            .await
            .unwrap(),
        KeyClaim::Running
    );
    assert_eq!(
        store
            .claim_idempotency_key(lead.id, "retry-1", &OTHER)
            .await
            .unwrap(),
        KeyClaim::Mismatch
    );
    // Keys are each user's own.
    assert!(matches!(
        store
            .claim_idempotency_key(officer.id, "retry-1", &OTHER)
            .await
            .unwrap(),
        KeyClaim::New(_)
    ));

    store
        .complete_idempotency_key(first, 201, Some(ANSWER))
        .await
        .unwrap();
    let done = KeyClaim::Done {
        status: 201,
        answer: Some(ANSWER.to_string()),
    };
    for _ in 0..2 {
        assert_eq!(
            store
                .claim_idempotency_key(lead.id, "retry-1", &REFERRAL)
                .await
                .unwrap(),
            done,
            "every retry gets the first answer"
        );
    }
    assert_eq!(
        store
            .claim_idempotency_key(lead.id, "retry-1", &OTHER)
            .await
            .unwrap(),
        KeyClaim::Mismatch
    );
    // Completing twice (a late duplicate) changes nothing.
    store
        .complete_idempotency_key(first, 500, Some("{}"))
        .await
        .unwrap();
    assert_eq!(
        store
            .claim_idempotency_key(lead.id, "retry-1", &REFERRAL)
            .await
            .unwrap(),
        done
    );

    // The answer is sealed under the current key, and nothing is left for a sweep.
    let current = store.cipher().current_key_id();
    let answers: Vec<_> = store
        .sealed_counts()
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.table == "api_idempotency")
        .collect();
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert_eq!(answers[0].key, current);
    assert_eq!(store.reseal(Field::ApiAnswer, 100).await.unwrap(), 0);

    // A refused request frees its key: the retry, even with another body, is decided afresh.
    let KeyClaim::New(refused) = store
        .claim_idempotency_key(lead.id, "retry-2", &REFERRAL)
        .await
        .unwrap()
    else {
        panic!("a fresh key is reserved");
    };
    store.release_idempotency_key(refused).await.unwrap();
    let KeyClaim::New(unkept) = store
        .claim_idempotency_key(lead.id, "retry-2", &OTHER)
        .await
        .unwrap()
    else {
        panic!("a released key is free");
    };
    // Done without its answer: a retry is told so rather than run again.
    store
        .complete_idempotency_key(unkept, 200, None)
        .await
        .unwrap();
    assert_eq!(
        store
            .claim_idempotency_key(lead.id, "retry-2", &OTHER)
            .await
            .unwrap(),
        KeyClaim::Done {
            status: 200,
            answer: None
        }
    );
    // Releasing a request that is done does not free its key.
    store.release_idempotency_key(unkept).await.unwrap();
    assert!(matches!(
        store
            .claim_idempotency_key(lead.id, "retry-2", &OTHER)
            .await
            .unwrap(),
        KeyClaim::Done { .. }
    ));
}

/// Of requests with one key arriving at once, exactly one runs.
pub async fn idempotency_keys_admit_one_of_many_at_once(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let claim = || store.claim_idempotency_key(lead.id, "together", &REFERRAL);
    let (a, b, c, d) = tokio::join!(claim(), claim(), claim(), claim());
    let claims = [a.unwrap(), b.unwrap(), c.unwrap(), d.unwrap()];
    let new = claims
        .iter()
        .filter(|c| matches!(c, KeyClaim::New(_)))
        .count();
    assert_eq!(new, 1, "{claims:?}");
    assert!(
        claims
            .iter()
            .all(|c| matches!(c, KeyClaim::New(_) | KeyClaim::Running)),
        "{claims:?}"
    );
}

/// `clock` is the manual clock the store was opened with.
pub async fn idempotency_keys_expire_after_a_day(store: &dyn Store, clock: &Clock) {
    let (_, lead, _, _) = staffed(store).await;
    let KeyClaim::New(first) = store
        .claim_idempotency_key(lead.id, "daily", &REFERRAL)
        .await
        .unwrap()
    else {
        panic!("a fresh key is reserved");
    };
    store
        .complete_idempotency_key(first, 201, Some(ANSWER))
        .await
        .unwrap();
    clock.advance(Duration::hours(23));
    assert!(matches!(
        store
            .claim_idempotency_key(lead.id, "daily", &REFERRAL)
            .await
            .unwrap(),
        KeyClaim::Done { .. }
    ));
    // A day after the first request the key is free, whatever it was used for, and the old
    // answer is gone from the database.
    clock.advance(Duration::hours(2));
    assert!(matches!(
        store
            .claim_idempotency_key(lead.id, "daily", &OTHER)
            .await
            .unwrap(),
        KeyClaim::New(_)
    ));
    let answers: i64 = store
        .sealed_counts()
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.table == "api_idempotency")
        .map(|c| c.values)
        .sum();
    assert_eq!(answers, 0, "the expired answer was deleted");
}
