//! A database made by the release before the storage rework opens and migrates without loss.
//! That release's schema is migrations 0001–0011; the rework added 0012, which only rebuilds the
//! open-case partial indexes on the condition the shared SQL now writes, 0013 added the
//! table of API Idempotency-Keys and 0015 the requesters' contact keys (filled for older
//! requesters by the start-up sweep). The test fills a file, takes it back to the release's
//! schema, and opens it with this code.

use corridor_domain::{
    CaseCategory, Channel, NewInquiry, NewRequester, PersonDetails, RequesterKind,
};
use corridor_store::conformance::lead_and_team;
use corridor_store::crypto::KeySource;
use corridor_store::prelude::*;
use corridor_store::{Actor, Submission};
use corridor_store_sqlite::SqliteStore;

fn inquiry(n: usize) -> Submission {
    let mut s = Submission::new(NewInquiry {
        channel: Channel::Api,
        requester: NewRequester {
            kind: RequesterKind::Sponsor,
            name: format!("Synthetic Sponsor {n}"),
            organization: None,
            email: Some(format!("sponsor{n}@example.org")),
            phone: None,
        },
        received_at: chrono::Utc::now(),
        subject: format!("Synthetic family {n}"),
        category: CaseCategory::Evacuation,
        raw_payload: format!("please help family {n}"),
        content_type: "text/plain".into(),
        household_label: Some(format!("Household {n}")),
        people: vec![
            PersonDetails {
                given_name: Some(format!("Synthetic{n}")),
                family_name: Some("Testzai".into()),
                phone: Some(format!("+93 70 000 {n:04}")),
                ..Default::default()
            },
            PersonDetails {
                given_name: Some(format!("Child{n}")),
                family_name: Some("Testzai".into()),
                ..Default::default()
            },
        ],
        idempotency_key: Some(format!("upgrade-{n}")),
        matches: Vec::new(),
    });
    s.household_key = Some(format!("h{n}"));
    s
}

/// The last release's definitions of the indexes migration 0012 rebuilds, without the tables
/// migrations 0013 to 0016, 0020, 0023 and 0025 add (0014 fills its table from `inquiries.case_id`
/// when it runs again), the columns 0018 and 0020 add and the audit sealer's columns 0022 adds
/// (it numbers the events chained so far when it runs again), and the evidence's document
/// link 0024 adds (a column with a foreign key is not dropped in SQLite: the table is rebuilt).
const RELEASE_INDEXES: &str = "
    DROP TABLE household_keys;
    ALTER TABLE pathway_evidence RENAME TO pathway_evidence_0024;
    CREATE TABLE pathway_evidence (
        id          INTEGER PRIMARY KEY,
        pathway_id  INTEGER NOT NULL REFERENCES person_pathways(id),
        kind        TEXT NOT NULL,
        reference   TEXT,
        note        TEXT,
        added_by    TEXT NOT NULL,
        added_at    INTEGER NOT NULL
    );
    INSERT INTO pathway_evidence
        SELECT id, pathway_id, kind, reference, note, added_by, added_at FROM pathway_evidence_0024;
    DROP TABLE pathway_evidence_0024;
    CREATE INDEX pathway_evidence_pathway ON pathway_evidence(pathway_id, id);
    DROP TABLE matching_model;
    DROP TABLE index_snapshot_chunks;
    DROP TABLE index_snapshots;
    DROP INDEX audit_sealed;
    DROP INDEX audit_unsealed;
    ALTER TABLE audit_events DROP COLUMN seal_seq;
    ALTER TABLE audit_events DROP COLUMN xid;
    DROP INDEX messages_unattached;
    ALTER TABLE messages DROP COLUMN purged_at;
    DROP TABLE person_contacts;
    ALTER TABLE users DROP COLUMN language;
    DROP TABLE document_chunks;
    DROP TABLE documents;
    DROP TABLE blocked_numbers;
    DROP TABLE message_opt_outs;
    DROP TABLE messages;
    DROP INDEX outbox_due_channel;
    ALTER TABLE outbox DROP COLUMN channel;
    DROP TABLE api_idempotency;
    DROP TABLE requester_contacts;
    DROP INDEX cases_deadlines_unset;
    DROP INDEX cases_next_action_due;
    DROP INDEX cases_first_response_due;
    CREATE INDEX cases_deadlines_unset ON cases(id) WHERE is_open = 1 AND next_action_due_at IS NULL;
    CREATE INDEX cases_next_action_due ON cases(next_action_due_at) WHERE is_open = 1;
    CREATE INDEX cases_first_response_due ON cases(first_response_due_at)
        WHERE is_open = 1 AND first_responded_at IS NULL;
    DROP TABLE case_inquiries;
    DELETE FROM _sqlx_migrations WHERE version > 11;";

#[tokio::test]
async fn a_database_of_the_last_release_opens_and_migrates_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release.db");
    let db = path.to_str().unwrap();
    let system = Actor::system("test");
    let store = SqliteStore::open(db, &KeySource::beside(db)).await.unwrap();
    lead_and_team(&store).await;
    let recorded = store
        .take_in((0..40).map(inquiry).collect(), "upgrade test", &system)
        .await
        .unwrap();
    let case = recorded[7].case_id.unwrap();
    let counts = store.table_counts().await.unwrap();
    let case_before = store.get_case(case, &system).await.unwrap().unwrap();
    // The last release chained every event as it was written.
    store.seal_audit().await.unwrap();
    store.close().await;

    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{db}"))
        .await
        .unwrap();
    sqlx::raw_sql(RELEASE_INDEXES).execute(&raw).await.unwrap();
    raw.close().await;

    let store = SqliteStore::open(db, &KeySource::beside(db)).await.unwrap();
    // What `corridor serve` does at start: the release's requesters become findable by email,
    // and the phones on its people's records (one each) findable for incoming texts.
    assert_eq!(store.index_requester_contacts().await.unwrap(), 40 + 40);
    let after = store.table_counts().await.unwrap();
    // Opening the case again records one more audit event; everything else is as it was,
    // but for the requesters' household keys (0025): they are not indexed for records stored
    // before, so a request about such a family finds it by its people and phones only.
    let case_after = store.get_case(case, &system).await.unwrap().unwrap();
    assert_eq!(json(&case_after.summary), json(&case_before.summary));
    assert_eq!(json(&case_after.people), json(&case_before.people));
    assert_eq!(json(&case_after.requesters), json(&case_before.requesters));
    assert_eq!(counts.len(), after.len());
    for ((table, rows), (table_after, rows_after)) in counts.iter().zip(&after) {
        assert_eq!(table, table_after);
        match *table {
            "audit_events" => {}
            "household_keys" => assert_eq!(*rows_after, 0),
            _ => assert_eq!(rows, rows_after, "{table}"),
        }
    }
    assert!(store.verify_audit_chain().await.unwrap().is_ok());
    store.close().await;

    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{db}"))
        .await
        .unwrap();
    let index: String =
        sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE name = 'cases_next_action_due'")
            .fetch_one(&raw)
            .await
            .unwrap();
    assert!(index.contains("is_open = TRUE"), "{index}");
}

/// Domain values compared through their JSON form (not all of them derive `PartialEq`).
fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap()
}
