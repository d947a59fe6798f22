//! Protection at rest as the database itself shows it: what a stolen copy of the PostgreSQL
//! database holds, key checks at open, sweeps and purges seen by raw SQL.

use std::sync::Arc;

use chrono::{Duration, Utc};
use corridor_domain::{
    CaseCategory, CaseId, CaseOutcome, CaseStatus, Channel, EvidenceKind, NewInquiry, NewRequester,
    OrgKind, Pathway, PersonDetails, Priority, ReplyTemplate, RequesterKind, ShareField, User,
};
use corridor_store::conformance::lead_and_team;
use corridor_store::crypto::{Field, KeySource, Keyring};
use corridor_store::idempotency::KeyClaim;
use corridor_store::intake_plan::stored_requester_key;
use corridor_store::prelude::*;
use corridor_store::protection::{PURGED, reseal_all};
use corridor_store::{Actor, NewEvidence, NewOrg, NewReferral, NewTask, ReplyRequest, TotpState};
use corridor_store_postgres::testdb::TestDatabase;
use corridor_store_postgres::{OpenError, PgSettings, PostgresStore};
use sqlx::PgPool;

fn system() -> Actor {
    Actor::system("test")
}

async fn open(db: &TestDatabase, keys: &KeySource) -> PostgresStore {
    PostgresStore::open(db.url(), &PgSettings::default(), keys)
        .await
        .unwrap()
}

/// A synthetic person whose name and phone must never be readable in the database.
fn zarghuna() -> NewInquiry {
    NewInquiry {
        channel: Channel::Email,
        requester: NewRequester {
            kind: RequesterKind::Sponsor,
            name: "Zarghuna Testkhel".into(),
            organization: None,
            email: Some("zarghuna.testkhel@example.org".into()),
            phone: Some("+93 70 555 0199".into()),
        },
        received_at: Utc::now(),
        subject: "Please help Zarghuna Testkhel".into(),
        category: CaseCategory::Evacuation,
        raw_payload: "Zarghuna Testkhel, +93 70 555 0199, waiting at Torkham".into(),
        content_type: "text/plain".into(),
        household_label: Some("Zarghuna Testkhel and children".into()),
        people: vec![PersonDetails {
            given_name: Some("Zarghuna".into()),
            family_name: Some("Testkhel".into()),
            phone: Some("+93 70 555 0199".into()),
            location: Some(" Torkham ".into()),
            needs: Some("Zarghuna needs insulin".into()),
            ..Default::default()
        }],
        idempotency_key: None,
        matches: Vec::new(),
    }
}

/// Every text-like column of every table, as (table, column).
async fn text_columns(pool: &PgPool) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'
           AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

/// The places in the database where any of `needles` can be read in clear.
async fn readable(pool: &PgPool, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in text_columns(pool).await {
        for needle in needles {
            let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM {table} WHERE {column}::text ILIKE '%' || $1 || '%'"
            )))
            .bind(*needle)
            .fetch_one(pool)
            .await
            .unwrap();
            if n > 0 {
                found.push(format!("{table}.{column} holds {needle:?} {n} times"));
            }
        }
    }
    found
}

const NEEDLES: [&str; 3] = ["Zarghuna", "5550199", "555 0199"];

/// Records the person and works the case through every kind of free text there is.
async fn worked_case(store: &dyn Store, lead: &User) -> CaseId {
    let as_lead = Actor::user(lead.id, "lead", None);
    let recorded = store.record_inquiry(zarghuna(), &system()).await.unwrap();
    let case = recorded.case_id.expect("a team takes every category");
    let person = store
        .get_case(case, &as_lead)
        .await
        .unwrap()
        .unwrap()
        .people[0]
        .id;
    store
        .add_case_note(case, "Called Zarghuna on +93 70 555 0199", true, &as_lead)
        .await
        .unwrap();
    store
        .add_case_task(
            case,
            NewTask {
                body: "Ask Zarghuna Testkhel for the tazkira".into(),
                assignee: None,
                due_at: None,
            },
            &as_lead,
        )
        .await
        .unwrap();
    store
        .set_pathway_step(
            person,
            Pathway::Siv,
            "com_approved",
            Some("Zarghuna's letter seen"),
            Some(case),
            &as_lead,
        )
        .await
        .unwrap();
    store
        .add_pathway_evidence(
            person,
            Pathway::Siv,
            NewEvidence {
                document: None,
                kind: EvidenceKind::ComApprovalLetter,
                reference: Some("COM-Zarghuna-5550199".into()),
                note: Some("Zarghuna brought it".into()),
            },
            &as_lead,
        )
        .await
        .unwrap();
    store
        // Reasons also go into the audit trail, which is not sealed: none names her here.
        .override_priority(case, Priority::Critical, "at risk, see notes", &as_lead)
        .await
        .unwrap();
    let org = store
        .create_org(
            NewOrg {
                name: "Synthetic Partner".into(),
                kind: OrgKind::Ngo,
                contact_email: None,
            },
            &system(),
        )
        .await
        .unwrap();
    store
        .refer_cases(
            &[case],
            &NewReferral {
                documents: Vec::new(),
                scan_required: false,
                org: org.id,
                people: None,
                fields: vec![
                    ShareField::Names,
                    ShareField::Phones,
                    ShareField::Location,
                    ShareField::Message,
                ],
                message: Some("Zarghuna asks for a call".into()),
                reason: "Zarghuna needs medical care".into(),
                respond_by: Utc::now() + Duration::days(3),
            },
            &as_lead,
        )
        .await
        .unwrap();
    store
        .reply_to_requesters(
            &[case],
            ReplyRequest {
                template: ReplyTemplate::Progress,
            },
            &as_lead,
        )
        .await
        .unwrap();
    // A retried API request is answered from what the first one answered, kept a day.
    let KeyClaim::New(reserved) = store
        .claim_idempotency_key(lead.id, "zarghuna-note", &[9; 32])
        .await
        .unwrap()
    else {
        panic!("a fresh key is reserved");
    };
    store
        .complete_idempotency_key(
            reserved,
            201,
            Some(r#"{"body":"Called Zarghuna on +93 70 555 0199"}"#),
        )
        .await
        .unwrap();
    store
        .set_totp(
            lead.id,
            Some(TotpState {
                secret: "JBSWY3DPEHPK3PXP".into(),
                confirmed: true,
            }),
            &system(),
        )
        .await
        .unwrap();
    case
}

#[tokio::test]
async fn a_stolen_database_holds_no_name_or_phone_and_the_store_still_reads_them() {
    let Some(db) = TestDatabase::create("a_stolen_database_holds_no_name_or_phone").await else {
        return;
    };
    let store = open(&db, &KeySource::ephemeral()).await;
    let lead = lead_and_team(&store).await;
    let case = worked_case(&store, &lead).await;

    assert_eq!(readable(store.pool(), &NEEDLES).await, Vec::<String>::new());
    let secret_in_clear: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE totp_secret LIKE '%JBSWY3DP%'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(
        secret_in_clear, 0,
        "the second factor's secret is sealed too"
    );
    // The place stays countable, and holds nothing but the place.
    let places: Vec<Option<String>> = sqlx::query_scalar("SELECT place FROM person_records")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(places, vec![Some("Torkham crossing".to_string())]);

    // Through the store everything reads as it was written.
    let as_lead = Actor::user(lead.id, "lead", None);
    let found = store.get_case(case, &as_lead).await.unwrap().unwrap();
    assert_eq!(found.summary.title, "Zarghuna Testkhel");
    assert_eq!(
        found.people[0].details.phone.as_deref(),
        Some("+93 70 555 0199")
    );
    assert_eq!(found.requesters[0].name, "Zarghuna Testkhel");
    assert_eq!(found.notes[0].body, "Called Zarghuna on +93 70 555 0199");
    assert_eq!(found.tasks[0].body, "Ask Zarghuna Testkhel for the tazkira");
    assert_eq!(
        found.pathways[0].evidence[0].reference.as_deref(),
        Some("COM-Zarghuna-5550199")
    );
    assert_eq!(
        found.household.unwrap().label.as_deref(),
        Some("Zarghuna Testkhel and children")
    );
    let inquiry = store
        .get_inquiry(found.inquiries[0].id, &as_lead)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        inquiry.raw_payload,
        "Zarghuna Testkhel, +93 70 555 0199, waiting at Torkham"
    );
    assert_eq!(inquiry.summary.subject, "Please help Zarghuna Testkhel");
    assert_eq!(
        inquiry.requester.email.as_deref(),
        Some("zarghuna.testkhel@example.org")
    );
    let claimed = store
        .claim_outbox(Utc::now(), Duration::minutes(5), 10)
        .await
        .unwrap();
    assert!(
        claimed
            .iter()
            .all(|m| m.to == "zarghuna.testkhel@example.org"),
        "{claimed:?}"
    );
    assert!(!claimed.is_empty());
    assert_eq!(
        store.totp(lead.id).await.unwrap().unwrap().secret,
        "JBSWY3DPEHPK3PXP"
    );
    assert_eq!(
        store
            .claim_idempotency_key(lead.id, "zarghuna-note", &[9; 32])
            .await
            .unwrap(),
        KeyClaim::Done {
            status: 201,
            answer: Some(r#"{"body":"Called Zarghuna on +93 70 555 0199"}"#.into())
        }
    );
    // The situation report still counts people by place.
    let now = Utc::now();
    let period = corridor_store::sitrep::SitrepPeriod::new(
        now.date_naive() - Duration::days(7),
        now.date_naive(),
        now,
    )
    .unwrap();
    let sitrep = store.sitrep_figures(&period).await.unwrap();
    assert_eq!(
        sitrep.people_by_raw_location,
        vec![(Some("Torkham crossing".to_string()), 1)]
    );
    // The same requester asking again is found by the keyed hash.
    let again = store.record_inquiry(zarghuna(), &system()).await.unwrap();
    let requester_of = |id: i64| {
        sqlx::query_scalar::<_, i64>("SELECT requester_id FROM inquiries WHERE id = $1")
            .bind(id)
            .fetch_one(store.pool())
    };
    assert_eq!(
        requester_of(again.id.0).await.unwrap(),
        requester_of(found.inquiries[0].id.0).await.unwrap()
    );
}

#[tokio::test]
async fn a_database_opened_with_another_key_file_is_refused() {
    let Some(db) = TestDatabase::create("a_database_opened_with_another_key_file").await else {
        return;
    };
    let keys = KeySource::ephemeral();
    let store = open(&db, &keys).await;
    lead_and_team(&store).await;
    store.close().await;
    match PostgresStore::open(db.url(), &PgSettings::default(), &KeySource::ephemeral()).await {
        Err(OpenError::Keys(e)) => assert!(e.to_string().contains("key"), "{e}"),
        Err(e) => panic!("refused for another reason: {e}"),
        Ok(_) => panic!("a database opened under keys it was not sealed with"),
    }
    // The right keys still open it, and record nothing new.
    let again = open(&db, &keys).await;
    let recorded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM data_keys")
        .fetch_one(again.pool())
        .await
        .unwrap();
    assert_eq!(recorded, 2, "the index key and one data key");
}

#[tokio::test]
async fn values_left_in_clear_are_sealed_by_the_sweep_and_a_rotation_reseals_everything() {
    let Some(db) = TestDatabase::create("values_left_in_clear_are_sealed").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("corridor.data-key");
    let keys = KeySource::File(key_file.clone());
    let store = open(&db, &keys).await;
    let lead = lead_and_team(&store).await;
    let case = worked_case(&store, &lead).await;
    // As an older version wrote them: in clear, with the lookup key spelling out the name.
    sqlx::query(
        "UPDATE requesters SET name = 'Zarghuna Testkhel', email = NULL,
             dedupe_key = 'sponsor|zarghuna testkhel|'",
    )
    .execute(store.pool())
    .await
    .unwrap();
    sqlx::query("UPDATE case_notes SET body = 'Zarghuna in clear'")
        .execute(store.pool())
        .await
        .unwrap();
    let clear = |counts: &[corridor_store::protection::SealedCount]| {
        counts
            .iter()
            .filter(|c| c.key == "clear")
            .map(|c| (c.table, c.column, c.values))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        clear(&store.sealed_counts().await.unwrap()),
        vec![("requesters", "name", 1), ("case_notes", "body", 1)]
    );
    assert!(!readable(store.pool(), &["Zarghuna"]).await.is_empty());

    let swept = reseal_all(&store, |_, _| {}).await.unwrap();
    assert!(swept >= 2, "{swept}");
    assert_eq!(readable(store.pool(), &NEEDLES).await, Vec::<String>::new());
    assert!(clear(&store.sealed_counts().await.unwrap()).is_empty());
    assert_eq!(
        reseal_all(&store, |_, _| {}).await.unwrap(),
        0,
        "nothing left"
    );
    let key: String = sqlx::query_scalar("SELECT dedupe_key FROM requesters")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let expected = stored_requester_key(
        store.cipher(),
        &NewRequester {
            kind: RequesterKind::Sponsor,
            name: "Zarghuna Testkhel".into(),
            organization: None,
            email: None,
            phone: None,
        },
    )
    .unwrap();
    assert_eq!(key, expected);

    // `corridor keys rotate`: a new key, everything resealed under it, the old one retired.
    let old = store.cipher().current_key_id();
    let mut ring = Keyring::read(&key_file).unwrap();
    let new = ring.add_key();
    ring.write(&key_file).unwrap();
    store.cipher().reload();
    assert!(reseal_all(&store, |_, _| {}).await.unwrap() > 10);
    let counts = store.sealed_counts().await.unwrap();
    assert!(counts.iter().all(|c| c.key == new), "{counts:?}");
    ring.retire_old_keys();
    ring.write(&key_file).unwrap();
    store.cipher().reload();
    store.record_keys().await.unwrap();
    let retired: Vec<String> =
        sqlx::query_scalar("SELECT id FROM data_keys WHERE retired_at IS NOT NULL")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(retired, vec![old]);
    let found = store
        .get_case(case, &Actor::user(lead.id, "lead", None))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.notes[0].body, "Zarghuna in clear");
    assert_eq!(
        found.people[0].details.given_name.as_deref(),
        Some("Zarghuna")
    );
    // A server started later with the rotated key file opens the database.
    drop(open(&db, &keys).await);
}

#[tokio::test]
async fn a_purge_destroys_what_closed_cases_held_and_keeps_figures_and_the_trail() {
    let Some(db) = TestDatabase::create("a_purge_destroys_what_closed_cases_held").await else {
        return;
    };
    let store = Arc::new(open(&db, &KeySource::ephemeral()).await);
    let lead = lead_and_team(&*store).await;
    let as_lead = Actor::user(lead.id, "lead", None);
    let case = worked_case(&*store, &lead).await;
    let kept = store
        .record_inquiry(
            NewInquiry {
                requester: NewRequester {
                    name: "Synthetic Other Sponsor".into(),
                    email: None,
                    phone: None,
                    ..zarghuna().requester
                },
                subject: "Another family".into(),
                raw_payload: "Another family".into(),
                household_label: None,
                people: vec![PersonDetails {
                    given_name: Some("Synthetic".into()),
                    location: Some("Quetta".into()),
                    ..Default::default()
                }],
                ..zarghuna()
            },
            &system(),
        )
        .await
        .unwrap();
    // Nothing closed yet: nothing purged.
    let none = store
        .purge_closed_cases(Utc::now(), &system())
        .await
        .unwrap();
    assert_eq!(none.cases, 0);

    store
        .change_case_status(
            case,
            CaseStatus::Closed,
            Some("left for Germany"),
            Some(CaseOutcome::Evacuated),
            &as_lead,
        )
        .await
        .unwrap();
    // Closed within the retention period: kept.
    let kept_still = store
        .purge_closed_cases(Utc::now() - Duration::days(1), &system())
        .await
        .unwrap();
    assert_eq!(kept_still.cases, 0);
    let report = store
        .purge_closed_cases(Utc::now() + Duration::seconds(1), &system())
        .await
        .unwrap();
    assert_eq!(report.cases, 1);
    assert_eq!(report.inquiries, 1);
    assert_eq!(report.records, 1);
    assert_eq!(
        report.requesters, 1,
        "the other sponsor still asks about a case"
    );

    // Gone from the database, sealed or not: the store reads the purged text.
    let found = store.get_case(case, &as_lead).await.unwrap().unwrap();
    assert_eq!(found.people[0].details, PersonDetails::default());
    assert_eq!(found.notes[0].body, PURGED);
    assert_eq!(found.tasks[0].body, PURGED);
    assert_eq!(found.closure.as_ref().unwrap().reason, PURGED);
    assert_eq!(found.requesters[0].name, PURGED);
    assert_eq!(found.requesters[0].email, None);
    assert!(found.household.unwrap().label.is_none());
    assert_eq!(
        found.pathways[0].evidence[0].reference.as_deref(),
        Some(PURGED)
    );
    let inquiry = store
        .get_inquiry(found.inquiries[0].id, &as_lead)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(inquiry.summary.subject, PURGED);
    assert_eq!(inquiry.raw_payload, "");
    let referrals = store
        .list_referrals(
            &corridor_store::ReferralFilter::default(),
            &corridor_store::ReferralActor::Staff,
            Utc::now(),
            &as_lead,
        )
        .await
        .unwrap();
    assert!(referrals[0].snapshot.people.is_empty());
    assert_eq!(referrals[0].reason, PURGED);
    let secrets_left: Vec<String> = {
        let open = |s: String| store.cipher().open(Field::OutboxAddress, &s).unwrap();
        sqlx::query_scalar::<_, String>("SELECT to_address FROM outbox")
            .fetch_all(store.pool())
            .await
            .unwrap()
            .into_iter()
            .map(open)
            .filter(|a| a != PURGED)
            .collect()
    };
    assert_eq!(secrets_left, Vec::<String>::new());
    // The case that is still open keeps everything.
    let other = store.get_case(kept.case_id.unwrap(), &as_lead).await;
    assert!(other.unwrap().is_some());

    // Counts, ids and the trail stay; the trail holds the purge, without personal data.
    assert_eq!(store.totals().await.unwrap().cases, 2);
    assert!(store.verify_audit_chain().await.unwrap().is_ok());
    let purged: Vec<String> = sqlx::query_scalar(
        "SELECT detail FROM audit_events WHERE action = 'case.purged' AND entity_id = $1",
    )
    .bind(case.0)
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert_eq!(purged.len(), 1);
    assert!(!purged[0].contains("Zarghuna"));
    // A sweep after the purge ends: purged requesters keep their key naming nobody.
    assert!(reseal_all(&*store, |_, _| {}).await.unwrap() < 5);
    assert_eq!(reseal_all(&*store, |_, _| {}).await.unwrap(), 0);
    // Purged once only.
    let again = store
        .purge_closed_cases(Utc::now(), &system())
        .await
        .unwrap();
    assert_eq!(again.cases, 0);
}

#[tokio::test]
async fn a_copy_between_databases_with_different_key_files_is_refused() {
    let (Some(from_db), Some(to_db)) = (
        TestDatabase::create("a_copy_with_different_key_files (from)").await,
        TestDatabase::create("a_copy_with_different_key_files (to)").await,
    ) else {
        return;
    };
    let from = open(&from_db, &KeySource::ephemeral()).await;
    lead_and_team(&from).await;
    from.record_inquiry(zarghuna(), &system()).await.unwrap();
    let to = open(&to_db, &KeySource::ephemeral()).await;
    match to.import_from(&from).await {
        Err(corridor_store::StoreError::Crypto(e)) => {
            assert!(e.to_string().contains("same key file"), "{e}")
        }
        other => panic!("a copy nothing in could be read was made: {other:?}"),
    }
    assert_eq!(to.totals().await.unwrap().inquiries, 0);
}
