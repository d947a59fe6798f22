//! What only PostgreSQL has to show: several servers (here, several stores with pools of their
//! own) writing to one database at once, and moving a SQLite task force onto PostgreSQL.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::Utc;
use corridor_domain::{
    CaseCategory, Channel, NewInquiry, NewRequester, PersonDetails, RequesterKind,
};
use corridor_store::Refusal;
use corridor_store::conformance::lead_and_team;
use corridor_store::crypto::KeySource;
use corridor_store::prelude::*;
use corridor_store::{Actor, InquiryFilter, PageRequest, Submission};
use corridor_store_postgres::testdb::TestDatabase;
use corridor_store_postgres::{PgSettings, PostgresStore, schema_refusal};
use corridor_store_sqlite::SqliteStore;

fn system() -> Actor {
    Actor::system("test")
}

fn inquiry(n: usize, key: Option<String>) -> NewInquiry {
    NewInquiry {
        channel: Channel::Api,
        requester: NewRequester {
            kind: RequesterKind::Ngo,
            name: format!("Synthetic NGO {}", n % 3),
            organization: None,
            email: None,
            phone: None,
        },
        received_at: Utc::now(),
        subject: format!("Synthetic request {n}"),
        category: CaseCategory::Evacuation,
        raw_payload: format!("request {n}"),
        content_type: "text/plain".into(),
        household_label: None,
        people: vec![PersonDetails {
            given_name: Some(format!("Person{n}")),
            ..Default::default()
        }],
        idempotency_key: key,
        matches: Vec::new(),
    }
}

#[tokio::test]
async fn two_servers_writing_at_once_lose_and_double_nothing() {
    let Some(db) = TestDatabase::create("two_servers_writing_at_once").await else {
        return;
    };
    // Two servers on one database share its key file.
    let keys = KeySource::ephemeral();
    let settings = PgSettings {
        max_connections: 4,
        ..Default::default()
    };
    let a: Arc<dyn Store> = Arc::new(
        PostgresStore::open(db.url(), &settings, &keys)
            .await
            .unwrap(),
    );
    let b: Arc<dyn Store> = Arc::new(
        PostgresStore::open(db.url(), &settings, &keys)
            .await
            .unwrap(),
    );
    lead_and_team(a.as_ref()).await;

    // Eight writers, half on each server. Every request is sent twice with the same
    // idempotency key, once to each server, as a client retrying through a load balancer would.
    const PER_WRITER: usize = 15;
    let mut tasks = tokio::task::JoinSet::new();
    for writer in 0..8 {
        let (first, second) = if writer % 2 == 0 {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        tasks.spawn(async move {
            let mut refs = Vec::new();
            let actor = system();
            for i in 0..PER_WRITER {
                let n = writer * 100 + i;
                let key = Some(format!("writer-{writer}-{i}"));
                let one = first.record_inquiry(inquiry(n, key.clone()), &actor);
                let two = second.record_inquiry(inquiry(n, key), &actor);
                let (one, two) = tokio::join!(one, two);
                let (one, two) = (one.unwrap(), two.unwrap());
                assert_eq!(one.id, two.id, "a retry must return the first inquiry");
                assert_ne!(one.already_present, two.already_present);
                refs.push(one.reference.to_string());
            }
            refs
        });
    }
    let mut references = HashSet::new();
    while let Some(refs) = tasks.join_next().await {
        for r in refs.unwrap() {
            assert!(references.insert(r), "a reference number was given twice");
        }
    }
    assert_eq!(references.len(), 8 * PER_WRITER);

    let listed = b
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(500))
        .await
        .unwrap();
    assert_eq!(listed.total, (8 * PER_WRITER) as i64);
    let totals = a.totals().await.unwrap();
    assert_eq!(
        totals.cases,
        (8 * PER_WRITER) as i64,
        "one case per inquiry"
    );
    assert_eq!(totals.people, (8 * PER_WRITER) as i64);
    // user, team, and per inquiry "received" and "case created": nothing forked or went missing.
    let events = a
        .verify_audit_chain()
        .await
        .unwrap()
        .expect("chain verifies");
    assert_eq!(events, 2 + 2 * (8 * PER_WRITER) as u64);
}

/// Bulk intake on one server and single inquiries on the other, interleaved: the ids bulk
/// intake assigns itself must not collide with the ones the database hands out.
#[tokio::test]
async fn bulk_and_single_intake_share_the_ids() {
    let Some(db) = TestDatabase::create("bulk_and_single_intake_share_the_ids").await else {
        return;
    };
    // Two servers on one database share its key file.
    let keys = KeySource::ephemeral();
    let settings = PgSettings {
        max_connections: 4,
        ..Default::default()
    };
    let a = PostgresStore::open(db.url(), &settings, &keys)
        .await
        .unwrap();
    let b = PostgresStore::open(db.url(), &settings, &keys)
        .await
        .unwrap();
    lead_and_team(&a).await;
    let mut ids = HashSet::new();
    for round in 0..3 {
        let batch: Vec<Submission> = (0..5)
            .map(|i| Submission::new(inquiry(round * 100 + i, Some(format!("bulk-{round}-{i}")))))
            .collect();
        for r in a.take_in(batch, "test", &system()).await.unwrap() {
            assert!(ids.insert(r.id), "inquiry id given twice");
        }
        let single = b
            .record_inquiry(inquiry(round * 100 + 50, None), &system())
            .await
            .unwrap();
        assert!(ids.insert(single.id), "inquiry id given twice");
    }
    let totals = a.totals().await.unwrap();
    assert_eq!(
        (totals.inquiries, totals.cases, totals.people),
        (18, 18, 18)
    );
    a.verify_audit_chain()
        .await
        .unwrap()
        .expect("chain verifies");
}

/// Two servers sending acknowledgements from one outbox: claiming at the same moment, each
/// message goes to exactly one of them.
#[tokio::test]
async fn two_servers_claim_disjoint_outbox_messages() {
    let Some(db) = TestDatabase::create("two_servers_claim_disjoint_outbox_messages").await else {
        return;
    };
    // Two servers on one database share its key file.
    let keys = KeySource::ephemeral();
    let settings = PgSettings {
        max_connections: 4,
        ..Default::default()
    };
    let a: Arc<dyn Store> = Arc::new(
        PostgresStore::open(db.url(), &settings, &keys)
            .await
            .unwrap(),
    );
    let b: Arc<dyn Store> = Arc::new(
        PostgresStore::open(db.url(), &settings, &keys)
            .await
            .unwrap(),
    );
    lead_and_team(a.as_ref()).await;

    const MESSAGES: usize = 300;
    let batch: Vec<Submission> = (0..MESSAGES)
        .map(|n| {
            let mut s = Submission::new(inquiry(n, Some(format!("ack-{n}"))));
            s.acknowledge_to = Some(format!("requester{n}@example.org"));
            s
        })
        .collect();
    let stored = a.take_in(batch, "test", &system()).await.unwrap();
    assert_eq!(a.outbox_counts().await.unwrap().pending, MESSAGES as i64);

    // Three senders per server, each claiming small batches until nothing is left.
    let now = Utc::now();
    let mut tasks = tokio::task::JoinSet::new();
    for sender in 0..6 {
        let store = if sender % 2 == 0 {
            a.clone()
        } else {
            b.clone()
        };
        tasks.spawn(async move {
            let mut mine = Vec::new();
            loop {
                let claimed = store
                    .claim_outbox(now, chrono::Duration::minutes(5), 7)
                    .await
                    .unwrap();
                if claimed.is_empty() {
                    return mine;
                }
                for m in claimed {
                    assert_eq!(m.attempts, 1, "claimed again while the claim held");
                    assert!(store.outbox_sent(m.id, &m.claim, now).await.unwrap());
                    mine.push((m.id, m.inquiry_id));
                }
            }
        });
    }
    let mut seen = HashSet::new();
    let mut per_sender = Vec::new();
    while let Some(mine) = tasks.join_next().await {
        let mine = mine.unwrap();
        per_sender.push(mine.len());
        for (id, _) in &mine {
            assert!(seen.insert(*id), "message {id} claimed by two senders");
        }
    }
    assert_eq!(
        seen.len(),
        MESSAGES,
        "every message claimed: {per_sender:?}"
    );
    let counts = b.outbox_counts().await.unwrap();
    assert_eq!(
        (counts.pending, counts.sent, counts.abandoned),
        (0, MESSAGES as i64, 0)
    );
    assert_eq!(stored.len(), MESSAGES);
}

#[tokio::test]
async fn a_sqlite_task_force_moves_to_postgres_and_back() {
    let Some(db) = TestDatabase::create("a_sqlite_task_force_moves_to_postgres").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // `corridor copy` opens the target with the source's key file: values stay sealed.
    let keys = KeySource::ephemeral();
    let sqlite = SqliteStore::open(dir.path().join("from.db").to_str().unwrap(), &keys)
        .await
        .unwrap();
    lead_and_team(&sqlite).await;
    let batch = (0..300)
        .map(|n| inquiry(n, Some(format!("k{n}"))))
        .collect();
    sqlite.record_inquiries(batch, &system()).await.unwrap();

    let pg = PostgresStore::open(db.url(), &PgSettings::default(), &keys)
        .await
        .unwrap();
    let copied = pg.import_from(&sqlite).await.unwrap();
    assert_eq!(copied, sqlite.table_counts().await.unwrap());
    assert_eq!(pg.table_counts().await.unwrap(), copied);
    let events = sqlite.verify_audit_chain().await.unwrap().unwrap();
    assert_eq!(pg.verify_audit_chain().await.unwrap(), Ok(events));

    // And back again, for a task force that scales down.
    let back = SqliteStore::open(dir.path().join("back.db").to_str().unwrap(), &keys)
        .await
        .unwrap();
    assert_eq!(back.import_from(&pg).await.unwrap(), copied);
    assert_eq!(back.verify_audit_chain().await.unwrap(), Ok(events));
    assert_eq!(back.totals().await.unwrap(), sqlite.totals().await.unwrap());
}

/// `corridor copy` moves the tables described in `corridor_store::transfer`; a table the
/// migrations add without a description there would be left behind silently.
#[tokio::test]
async fn every_table_is_described_for_copying() {
    let Some(db) = TestDatabase::create("every_table_is_described_for_copying").await else {
        return;
    };
    let store = PostgresStore::open(db.url(), &PgSettings::default(), &KeySource::ephemeral())
        .await
        .unwrap();
    let mut tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    let mut described: Vec<String> = corridor_store::transfer::TABLES
        .iter()
        .map(|t| t.name.to_string())
        .chain(
            corridor_store::transfer::NOT_COPIED
                .iter()
                .map(|t| t.to_string()),
        )
        .collect();
    tables.sort();
    described.sort();
    assert_eq!(tables, described);
}

/// The rules hold whatever writes to the database, not only through the store: an open case
/// cannot lose its owner, and a case cannot be closed without an outcome.
#[tokio::test]
async fn the_schema_refuses_an_ownerless_open_case_and_an_outcomeless_close() {
    let Some(db) = TestDatabase::create("schema_refuses_ownerless_cases").await else {
        return;
    };
    let store = PostgresStore::open(db.url(), &PgSettings::default(), &KeySource::ephemeral())
        .await
        .unwrap();
    lead_and_team(&store).await;
    let case = store
        .record_inquiry(inquiry(1, None), &system())
        .await
        .unwrap()
        .case_id
        .unwrap();
    let pool = store.pool();
    let ownerless = sqlx::query("UPDATE cases SET owner_id = NULL WHERE id = $1")
        .bind(case.0)
        .execute(pool)
        .await
        .unwrap_err();
    assert_eq!(
        schema_refusal(&ownerless),
        Some(Refusal::CaseWithoutOwner),
        "{ownerless}"
    );
    let check = sqlx::query("UPDATE cases SET status = 'closed', is_open = false WHERE id = $1")
        .bind(case.0)
        .execute(pool)
        .await
        .unwrap_err();
    assert_eq!(
        schema_refusal(&check),
        Some(Refusal::ClosedWithoutOutcome),
        "{check}"
    );
    let owner: i64 = sqlx::query_scalar("SELECT owner_id FROM cases WHERE id = $1")
        .bind(case.0)
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(owner > 0);
}
