//! Group commit against a real SQLite store: calls arriving while the writer is busy are
//! matched and stored together in one transaction, each answered with its own inquiry; one
//! that cannot be stored fails alone; idempotency keys and matching within the group hold.

use std::sync::Arc;

use corridor_domain::{
    CaseCategory, Channel, NewInquiry, NewRequester, PersonDetails, RequesterKind, Sex,
};
use corridor_intake::matcher::Matcher;
use corridor_store::prelude::*;
use corridor_store::{
    Actor, InquiryFilter, PageRequest, RecordedInquiry, Refusal, Result, StoreError, Submission,
};
use corridor_store_sqlite::SqliteStore;

struct Fresh {
    store: Arc<SqliteStore>,
    matcher: Arc<Matcher>,
    _dir: tempfile::TempDir,
}

async fn fresh() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(
        dir.path().join("corridor.db").to_str().unwrap(),
        &corridor_store::crypto::KeySource::ephemeral(),
    )
    .await
    .unwrap();
    let matcher = Matcher::load(&store).await.unwrap();
    Fresh {
        store: Arc::new(store),
        matcher: Arc::new(matcher),
        _dir: dir,
    }
}

/// Someone with a tazkira number of their own: intake is sure of them whatever the spelling.
fn someone(n: usize) -> PersonDetails {
    PersonDetails {
        given_name: Some(format!("Synthetic{n}")),
        family_name: Some("Ahmadzai".into()),
        father_name: Some(format!("Father{n}")),
        date_of_birth: Some(format!("19{:02}-03-12", 50 + n % 50)),
        national_id: Some(format!("1400-0101-{:05}", 10_000 + n)),
        sex: Some(Sex::Male),
        ..Default::default()
    }
}

fn about(n: usize, people: Vec<PersonDetails>) -> NewInquiry {
    NewInquiry {
        channel: Channel::Api,
        requester: NewRequester {
            kind: RequesterKind::Ngo,
            name: format!("Synthetic NGO {n}"),
            organization: None,
            email: None,
            phone: None,
        },
        received_at: chrono::Utc::now(),
        subject: format!("Synthetic request {n}"),
        category: CaseCategory::Evacuation,
        raw_payload: "raw".into(),
        content_type: "text/plain".into(),
        household_label: None,
        people,
        idempotency_key: None,
        matches: Vec::new(),
    }
}

impl Fresh {
    /// Runs every call side by side while the writer is held, so that all of them are queued
    /// before the first is written, then lets them go; their answers in order.
    async fn together(&self, calls: Vec<Submission>) -> Vec<Result<Vec<RecordedInquiry>>> {
        let count = calls.len();
        let held = self.matcher.hold_writer().await;
        let tasks: Vec<_> = calls
            .into_iter()
            .map(|sub| {
                let (store, matcher) = (self.store.clone(), self.matcher.clone());
                tokio::spawn(async move {
                    matcher
                        .take_in(store.as_ref(), vec![sub], "api", &Actor::system("test"))
                        .await
                })
            })
            .collect();
        while self.matcher.queued() < count {
            tokio::task::yield_now().await;
        }
        drop(held);
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        answers
    }

    async fn stored(&self) -> i64 {
        self.store
            .list_inquiries(&InquiryFilter::default(), PageRequest::first(1))
            .await
            .unwrap()
            .total
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_waiting_together_are_written_in_one_transaction() {
    let t = fresh().await;
    let calls = (0..40)
        .map(|n| Submission::new(about(n, vec![someone(n)])))
        .collect();
    let answers = t.together(calls).await;
    let ids: std::collections::HashSet<_> = answers
        .iter()
        .map(|a| {
            let recorded = a.as_ref().expect("stored");
            assert_eq!(recorded.len(), 1, "one answer per call");
            assert!(!recorded[0].already_present);
            recorded[0].id
        })
        .collect();
    assert_eq!(ids.len(), 40, "each call has an inquiry of its own");
    assert_eq!(t.stored().await, 40);
    assert_eq!(t.matcher.batches_written(), 1, "one transaction for all");
    let events = t.store.verify_audit_chain().await.unwrap();
    assert!(events.is_ok(), "the audit chain holds: {events:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_call_that_cannot_be_stored_fails_alone() {
    let t = fresh().await;
    let mut calls: Vec<Submission> = (0..10)
        .map(|n| Submission::new(about(n, vec![someone(n)])))
        .collect();
    // An attachment whose message was never stored: refused.
    calls[4].parent_key = Some("no such message".into());
    let answers = t.together(calls).await;
    for (n, answer) in answers.iter().enumerate() {
        if n == 4 {
            assert!(
                matches!(
                    answer,
                    Err(StoreError::Rule(Refusal::AttachmentBeforeMessage))
                ),
                "{answer:?}"
            );
        } else {
            assert!(answer.is_ok(), "call {n}: {answer:?}");
        }
    }
    assert_eq!(t.stored().await, 9, "the others are stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_in_the_same_group_is_the_same_inquiry() {
    let t = fresh().await;
    let mut first = about(1, vec![someone(1)]);
    first.idempotency_key = Some("key-1".into());
    let retry = first.clone();
    let answers = t
        .together(vec![Submission::new(first), Submission::new(retry)])
        .await;
    let a = &answers[0].as_ref().unwrap()[0];
    let b = &answers[1].as_ref().unwrap()[0];
    assert_eq!(a.id, b.id);
    assert!(!a.already_present && b.already_present);
    assert_eq!(t.stored().await, 1);
    // And after the group, a retry finds it stored.
    let mut again = about(1, vec![someone(1)]);
    again.idempotency_key = Some("key-1".into());
    let later = t.together(vec![Submission::new(again)]).await;
    assert_eq!(later[0].as_ref().unwrap()[0].id, a.id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_person_twice_in_one_group_is_one_person() {
    let t = fresh().await;
    let mut again = someone(7);
    again.given_name = Some("Synthetik7".into());
    let answers = t
        .together(vec![
            Submission::new(about(1, vec![someone(7)])),
            Submission::new(about(2, vec![again])),
        ])
        .await;
    let people = |a: &Result<Vec<RecordedInquiry>>| {
        let id = a.as_ref().unwrap()[0].id;
        let store = t.store.clone();
        async move {
            store
                .get_inquiry(id, &Actor::system("test"))
                .await
                .unwrap()
                .unwrap()
                .people
        }
    };
    assert_eq!(t.matcher.batches_written(), 1);
    assert_eq!(
        people(&answers[0]).await,
        people(&answers[1]).await,
        "the second call matched the first, written in the same transaction"
    );
}
