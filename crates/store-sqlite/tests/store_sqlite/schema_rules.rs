//! The rules hold whatever writes to the file, not only through the store (another tool, a
//! hand-made repair): an open case cannot lose its owner or team, and a case cannot be closed
//! without an outcome.

use corridor_domain::{
    CaseCategory, Channel, NewInquiry, NewRequester, PersonDetails, RequesterKind,
};
use corridor_store::Actor;
use corridor_store::Refusal;
use corridor_store::conformance::lead_and_team;
use corridor_store::crypto::KeySource;
use corridor_store::prelude::*;
use corridor_store_sqlite::{SqliteStore, schema_refusal};

#[tokio::test]
async fn the_schema_refuses_an_ownerless_open_case_and_an_outcomeless_close() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.db");
    let store = SqliteStore::open(path.to_str().unwrap(), &KeySource::ephemeral())
        .await
        .unwrap();
    let system = Actor::system("test");
    lead_and_team(&store).await;
    let case = store
        .record_inquiry(
            NewInquiry {
                channel: Channel::Api,
                requester: NewRequester {
                    kind: RequesterKind::Ngo,
                    name: "Synthetic NGO".into(),
                    organization: None,
                    email: None,
                    phone: None,
                },
                received_at: chrono::Utc::now(),
                subject: "Synthetic request".into(),
                category: CaseCategory::Evacuation,
                raw_payload: "request".into(),
                content_type: "text/plain".into(),
                household_label: None,
                people: vec![PersonDetails {
                    given_name: Some("Synthetic".into()),
                    ..Default::default()
                }],
                idempotency_key: None,
                matches: Vec::new(),
            },
            &system,
        )
        .await
        .unwrap()
        .case_id
        .unwrap();
    store.close().await;

    // Another writer on the same file, without the store.
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    for update in [
        "UPDATE cases SET owner_id = NULL WHERE id = ?",
        "UPDATE cases SET team_id = NULL WHERE id = ?",
    ] {
        let refused = sqlx::query(update)
            .bind(case.0)
            .execute(&raw)
            .await
            .unwrap_err();
        assert_eq!(
            schema_refusal(&refused),
            Some(Refusal::CaseWithoutOwner),
            "{refused}"
        );
    }
    let refused = sqlx::query("UPDATE cases SET status = 'closed', is_open = 0 WHERE id = ?")
        .bind(case.0)
        .execute(&raw)
        .await
        .unwrap_err();
    assert_eq!(
        schema_refusal(&refused),
        Some(Refusal::ClosedWithoutOutcome),
        "{refused}"
    );
    sqlx::query(
        "UPDATE cases SET status = 'closed', is_open = 0, outcome = 'duplicate',
                          outcome_reason = 'asked twice' WHERE id = ?",
    )
    .bind(case.0)
    .execute(&raw)
    .await
    .unwrap();
}
