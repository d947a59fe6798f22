//! The bulk intake path: thousands of inquiries in one transaction with a handful of
//! statements per few hundred rows, instead of a dozen statements per row.
//!
//! The caller's transaction holds the write lock (see `audit`), which every transaction that
//! adds inquiries, people, households or cases takes first. So ids are assigned here from the
//! current maxima (and the tables' sequences moved past them afterwards) instead of read back
//! one row at a time, and foreign keys are checked at commit (`SET CONSTRAINTS ALL DEFERRED`)
//! so the rows can go in table by table.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseId, InquiryId, NewRequester, PersonDetails, Priority, ReferenceNumber, Team,
};
use corridor_store::{Actor, NewAuditEvent, RecordedInquiry, Result, StoreError, Submission};
use sqlx::{PgConnection, Postgres, QueryBuilder, Row};

use crate::{audit, db_err, intake, rows, users};

/// Rows per multi-row INSERT: well under PostgreSQL's limit of 65,535 bound values, and a
/// fixed size so the statement is prepared once and reused.
const CHUNK: usize = 400;

struct NewRow<'a> {
    sub: &'a Submission,
    id: i64,
    reference: ReferenceNumber,
    requester_id: i64,
    people: Vec<PersonDetails>,
    person_ids: Vec<i64>,
    household_id: Option<i64>,
    case_id: Option<i64>,
    parent_id: Option<i64>,
}

pub(crate) async fn take_in(
    conn: &mut PgConnection,
    mut subs: Vec<Submission>,
    source: &str,
    actor: &Actor,
) -> Result<Vec<RecordedInquiry>> {
    // The people move out of the submissions rather than being copied (bulk imports carry
    // hundreds of thousands).
    let mut people_of: Vec<Vec<PersonDetails>> = subs
        .iter_mut()
        .map(|s| std::mem::take(&mut s.inquiry.people))
        .collect();
    let subs = subs;
    let now = audit::now();
    sqlx::query("SET CONSTRAINTS ALL DEFERRED")
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;

    // Which keys (own and parents') are stored already.
    let mut wanted: Vec<&str> = Vec::new();
    for s in &subs {
        wanted.extend(s.inquiry.idempotency_key.as_deref());
        wanted.extend(s.parent_key.as_deref());
    }
    let known = existing_keys(conn, &wanted).await?;

    let teams = {
        let rows = sqlx::query("SELECT * FROM teams")
            .fetch_all(&mut *conn)
            .await
            .map_err(db_err)?;
        rows.iter().map(rows::team).collect::<Result<Vec<_>>>()?
    };

    let mut next_inquiry = max_id(conn, "inquiries").await?;
    let mut next_person = max_id(conn, "persons").await?;
    let mut next_household = max_id(conn, "households").await?;
    let mut next_case = max_id(conn, "cases").await?;
    let first_inquiry = next_inquiry + 1;
    let first_case = next_case + 1;

    // Decide, in order, which submissions are new; a key seen earlier in the batch is a repeat.
    enum Outcome {
        Present(RecordedInquiry),
        New(usize),
        Repeat(usize),
    }
    let mut outcomes = Vec::with_capacity(subs.len());
    let mut fresh: Vec<NewRow> = Vec::new();
    let mut batch_keys: HashMap<&str, usize> = HashMap::new();
    let mut requesters: HashMap<String, i64> = HashMap::new();
    for (position, sub) in subs.iter().enumerate() {
        if let Some(key) = sub.inquiry.idempotency_key.as_deref() {
            if let Some(found) = known.get(key) {
                let mut found = found.clone();
                found.already_present = true;
                outcomes.push(Outcome::Present(found));
                continue;
            }
            if let Some(&index) = batch_keys.get(key) {
                outcomes.push(Outcome::Repeat(index));
                continue;
            }
            batch_keys.insert(key, fresh.len());
        }
        let requester_id = match requesters.get(&requester_key(&sub.inquiry.requester)?) {
            Some(id) => *id,
            None => {
                let id = intake::upsert_requester(conn, &sub.inquiry.requester, now).await?;
                requesters.insert(requester_key(&sub.inquiry.requester)?, id);
                id
            }
        };
        next_inquiry += 1;
        let people: Vec<PersonDetails> = std::mem::take(&mut people_of[position])
            .into_iter()
            .map(PersonDetails::tidy)
            .filter(|p| !p.is_blank())
            .collect();
        outcomes.push(Outcome::New(fresh.len()));
        fresh.push(NewRow {
            sub,
            id: next_inquiry,
            // Placeholder until the batch's references are drawn below.
            reference: ReferenceNumber::random(&mut rand::thread_rng()),
            requester_id,
            people,
            person_ids: Vec::new(),
            household_id: None,
            case_id: None,
            parent_id: None,
        });
    }
    draw_references(conn, &mut fresh).await?;

    // Parents: stored before, or earlier in this batch.
    for i in 0..fresh.len() {
        if let Some(parent) = fresh[i].sub.parent_key.as_deref() {
            let id = match known.get(parent) {
                Some(r) => r.id.0,
                None => match batch_keys.get(parent) {
                    Some(&j) if j < i => fresh[j].id,
                    _ => {
                        return Err(StoreError::Rule(
                            "an attachment's message must be stored before it".into(),
                        ));
                    }
                },
            };
            fresh[i].parent_id = Some(id);
        }
    }

    // Households and cases: one per household key, else one per inquiry.
    let mut households: Vec<(i64, Option<String>)> = Vec::new();
    let mut cases: Vec<CaseRow> = Vec::new();
    let mut by_household: HashMap<&str, (i64, Option<i64>)> = HashMap::new();
    let mut owners: HashSet<i64> = HashSet::new();
    for row in fresh.iter_mut() {
        for _ in &row.people {
            next_person += 1;
            row.person_ids.push(next_person);
        }
        let key = row.sub.household_key.as_deref();
        if let Some((household, case)) = key.and_then(|k| by_household.get(k)) {
            row.household_id = Some(*household);
            row.case_id = *case;
            if let Some(case) = case {
                let c = cases.iter_mut().rev().find(|c| c.id == *case);
                if let Some(c) = c {
                    c.persons.extend(row.person_ids.iter().copied());
                    c.people.extend(row.people.iter().cloned());
                }
            }
            continue;
        }
        let label = row.sub.inquiry.household_label.clone();
        if key.is_some() || row.people.len() > 1 || label.is_some() {
            next_household += 1;
            households.push((next_household, label));
            row.household_id = Some(next_household);
        }
        if let Some(team) = Team::route(&teams, row.sub.inquiry.category) {
            let owner = team.lead_id.expect("routed teams have a lead");
            // The lead must still be an active user; checked once per lead per batch.
            if owners.insert(owner.0) {
                users::active_user(conn, owner).await?;
            }
            next_case += 1;
            cases.push(CaseRow {
                id: next_case,
                category: row.sub.inquiry.category,
                owner: owner.0,
                team: team.id.0,
                household: row.household_id,
                persons: row.person_ids.clone(),
                people: row.people.clone(),
                created_at: row.sub.inquiry.received_at.min(now),
            });
            row.case_id = Some(next_case);
        }
        if let Some(k) = key {
            by_household.insert(k, (row.household_id.unwrap_or_default(), row.case_id));
        }
    }

    insert_households(conn, &households, now).await?;
    insert_cases(conn, &cases, now).await?;
    insert_inquiries(conn, &fresh, now).await?;
    insert_people(conn, &fresh, now).await?;
    insert_outbox(conn, &fresh, now).await?;
    if !fresh.is_empty() {
        advance_sequence(conn, "inquiries").await?;
        advance_sequence(conn, "persons").await?;
        advance_sequence(conn, "person_records").await?;
    }
    if !households.is_empty() {
        advance_sequence(conn, "households").await?;
    }
    if !cases.is_empty() {
        advance_sequence(conn, "cases").await?;
    }

    if !subs.is_empty() {
        let present = subs.len() - fresh.len();
        let mut detail = format!(
            "{} inquiries stored from {}",
            fresh.len(),
            source_label(source)
        );
        if !fresh.is_empty() {
            detail.push_str(&format!(" (inquiries {first_inquiry}-{next_inquiry})"));
        }
        if present > 0 {
            detail.push_str(&format!("; {present} already present"));
        }
        if !cases.is_empty() {
            detail.push_str(&format!(
                "; {} cases opened (cases {first_case}-{next_case})",
                cases.len()
            ));
        }
        let entity_id = if fresh.is_empty() { 0 } else { first_inquiry };
        audit::append(
            conn,
            actor,
            &NewAuditEvent::new("intake.batch", "inquiry", entity_id, detail),
        )
        .await?;
    }

    // Answers in the order of the submissions.
    Ok(outcomes
        .into_iter()
        .map(|o| match o {
            Outcome::Present(r) => r,
            Outcome::New(i) => recorded(&fresh[i], false),
            Outcome::Repeat(i) => recorded(&fresh[i], true),
        })
        .collect())
}

/// Sources are typed by staff (a list's name); keep the audit trail to one short line.
fn source_label(source: &str) -> String {
    let s: String = source
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    if s.is_empty() { "intake".into() } else { s }
}

fn recorded(row: &NewRow, already_present: bool) -> RecordedInquiry {
    RecordedInquiry {
        id: InquiryId(row.id),
        reference: row.reference.clone(),
        case_id: row.case_id.map(CaseId),
        already_present,
    }
}

struct CaseRow {
    id: i64,
    category: corridor_domain::CaseCategory,
    owner: i64,
    team: i64,
    household: Option<i64>,
    persons: Vec<i64>,
    people: Vec<PersonDetails>,
    created_at: DateTime<Utc>,
}

/// The highest id in use or handed out by the table's sequence: ids above it are free while
/// the write lock is held.
async fn max_id(conn: &mut PgConnection, table: &'static str) -> Result<i64> {
    let sql = match table {
        "inquiries" => {
            "SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM inquiries),
                    COALESCE(pg_sequence_last_value(pg_get_serial_sequence('inquiries', 'id')::regclass), 0))"
        }
        "persons" => {
            "SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM persons),
                    COALESCE(pg_sequence_last_value(pg_get_serial_sequence('persons', 'id')::regclass), 0))"
        }
        "households" => {
            "SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM households),
                    COALESCE(pg_sequence_last_value(pg_get_serial_sequence('households', 'id')::regclass), 0))"
        }
        "person_records" => {
            "SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM person_records),
                    COALESCE(pg_sequence_last_value(pg_get_serial_sequence('person_records', 'id')::regclass), 0))"
        }
        _ => {
            "SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM cases),
                    COALESCE(pg_sequence_last_value(pg_get_serial_sequence('cases', 'id')::regclass), 0))"
        }
    };
    sqlx::query_scalar(sql)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)
}

/// Moves the table's sequence past the ids assigned here, so that rows added the ordinary way
/// (`record_inquiry`, on this server or another) do not collide with them.
async fn advance_sequence(conn: &mut PgConnection, table: &'static str) -> Result<()> {
    let sql = match table {
        "inquiries" => {
            "SELECT setval(pg_get_serial_sequence('inquiries', 'id'), MAX(id)) FROM inquiries HAVING MAX(id) IS NOT NULL"
        }
        "persons" => {
            "SELECT setval(pg_get_serial_sequence('persons', 'id'), MAX(id)) FROM persons HAVING MAX(id) IS NOT NULL"
        }
        "households" => {
            "SELECT setval(pg_get_serial_sequence('households', 'id'), MAX(id)) FROM households HAVING MAX(id) IS NOT NULL"
        }
        "person_records" => {
            "SELECT setval(pg_get_serial_sequence('person_records', 'id'), MAX(id)) FROM person_records HAVING MAX(id) IS NOT NULL"
        }
        _ => {
            "SELECT setval(pg_get_serial_sequence('cases', 'id'), MAX(id)) FROM cases HAVING MAX(id) IS NOT NULL"
        }
    };
    sqlx::query(sql).execute(&mut *conn).await.map_err(db_err)?;
    Ok(())
}

async fn existing_keys(
    conn: &mut PgConnection,
    keys: &[&str],
) -> Result<HashMap<String, RecordedInquiry>> {
    let mut found = HashMap::new();
    for chunk in keys.chunks(CHUNK) {
        let mut q = QueryBuilder::<Postgres>::new(
            "SELECT id, reference, case_id, idempotency_key FROM inquiries WHERE idempotency_key IN (",
        );
        let mut list = q.separated(", ");
        for k in chunk {
            list.push_bind(*k);
        }
        q.push(")");
        for row in q.build().fetch_all(&mut *conn).await.map_err(db_err)? {
            let key: String = row.try_get("idempotency_key").map_err(db_err)?;
            found.insert(
                key,
                RecordedInquiry {
                    id: InquiryId(row.try_get("id").map_err(db_err)?),
                    reference: row
                        .try_get::<&str, _>("reference")
                        .map_err(db_err)?
                        .parse()
                        .map_err(db_err)?,
                    case_id: row
                        .try_get::<Option<i64>, _>("case_id")
                        .map_err(db_err)?
                        .map(CaseId),
                    already_present: true,
                },
            );
        }
    }
    Ok(found)
}

/// Random references, checked against the table a few hundred at a time; the rare collision
/// (with the table or within the batch) is drawn again.
async fn draw_references(conn: &mut PgConnection, rows: &mut [NewRow<'_>]) -> Result<()> {
    let mut pending: Vec<usize> = (0..rows.len()).collect();
    let mut used: HashSet<String> = HashSet::with_capacity(rows.len());
    for _ in 0..8 {
        if pending.is_empty() {
            return Ok(());
        }
        {
            let mut rng = rand::thread_rng();
            for &i in &pending {
                rows[i].reference = ReferenceNumber::random(&mut rng);
            }
        }
        let mut taken: HashSet<String> = HashSet::new();
        for chunk in pending.chunks(CHUNK) {
            let mut q = QueryBuilder::<Postgres>::new(
                "SELECT reference FROM inquiries WHERE reference IN (",
            );
            let mut list = q.separated(", ");
            for &i in chunk {
                list.push_bind(rows[i].reference.as_str().to_string());
            }
            q.push(")");
            for r in q.build().fetch_all(&mut *conn).await.map_err(db_err)? {
                taken.insert(r.try_get("reference").map_err(db_err)?);
            }
        }
        pending.retain(|&i| {
            let r = rows[i].reference.as_str();
            taken.contains(r) || !used.insert(r.to_string())
        });
    }
    if pending.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Conflict(
            "could not find free reference numbers".into(),
        ))
    }
}

fn requester_key(r: &NewRequester) -> Result<String> {
    let name = r.name.trim();
    if name.is_empty() {
        return Err(StoreError::Rule("a requester needs a name".into()));
    }
    Ok(format!(
        "{}|{}|{}",
        r.kind.as_str(),
        name.to_lowercase(),
        r.email.as_deref().unwrap_or("").trim().to_lowercase()
    ))
}

async fn insert_households(
    conn: &mut PgConnection,
    households: &[(i64, Option<String>)],
    now: DateTime<Utc>,
) -> Result<()> {
    for chunk in households.chunks(CHUNK) {
        let mut q =
            QueryBuilder::<Postgres>::new("INSERT INTO households (id, label, created_at) ");
        q.push_values(chunk, |mut b, (id, label)| {
            b.push_bind(*id).push_bind(label.as_deref()).push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

async fn insert_cases(
    conn: &mut PgConnection,
    cases: &[CaseRow],
    now: DateTime<Utc>,
) -> Result<()> {
    for chunk in cases.chunks(CHUNK) {
        let mut q = QueryBuilder::<Postgres>::new(
            "INSERT INTO cases (id, category, status, is_open, priority, owner_id, team_id,
                                household_id, principal_person_id, created_at, updated_at) ",
        );
        q.push_values(chunk, |mut b, c| {
            let priority = Priority::assess(c.category, &c.people);
            b.push_bind(c.id)
                .push_bind(c.category.as_str())
                .push_bind("new")
                .push_bind(true)
                .push_bind(rows::priority_rank(priority))
                .push_bind(c.owner)
                .push_bind(c.team)
                .push_bind(c.household)
                .push_bind(c.persons.first().copied())
                .push_bind(c.created_at)
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    let links: Vec<(i64, i64)> = cases
        .iter()
        .flat_map(|c| c.persons.iter().map(move |p| (c.id, *p)))
        .collect();
    for chunk in links.chunks(CHUNK) {
        let mut q = QueryBuilder::<Postgres>::new("INSERT INTO case_persons (case_id, person_id) ");
        q.push_values(chunk, |mut b, (c, p)| {
            b.push_bind(*c).push_bind(*p);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

async fn insert_inquiries(
    conn: &mut PgConnection,
    rows: &[NewRow<'_>],
    now: DateTime<Utc>,
) -> Result<()> {
    for chunk in rows.chunks(CHUNK) {
        let mut q = QueryBuilder::<Postgres>::new(
            "INSERT INTO inquiries (id, reference, channel, requester_id, received_at, stored_at,
                subject, category, content_type, raw_payload, household_label, case_id,
                idempotency_key, parent_id, status_code_hash) ",
        );
        q.push_values(chunk, |mut b, r| {
            let i = &r.sub.inquiry;
            b.push_bind(r.id)
                .push_bind(r.reference.as_str())
                .push_bind(i.channel.as_str())
                .push_bind(r.requester_id)
                .push_bind(i.received_at)
                .push_bind(now)
                .push_bind(i.subject.as_str())
                .push_bind(i.category.as_str())
                .push_bind(i.content_type.as_str())
                .push_bind(i.raw_payload.as_str())
                .push_bind(i.household_label.as_deref())
                .push_bind(r.case_id)
                .push_bind(i.idempotency_key.as_deref())
                .push_bind(r.parent_id)
                .push_bind(r.sub.status_code_hash.as_deref());
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

async fn insert_people(
    conn: &mut PgConnection,
    rows: &[NewRow<'_>],
    now: DateTime<Utc>,
) -> Result<()> {
    // Each person described is a new person with one record: the record keeps the details as
    // written. (Matching these against people already known is the matcher's job, online or
    // through `corridor link`; bulk intake does not block on it.)
    let mut people: Vec<(i64, Option<i64>, i64, String, i64)> = Vec::new();
    for r in rows {
        for (position, (p, id)) in r.people.iter().zip(&r.person_ids).enumerate() {
            let details = serde_json::to_string(p).map_err(db_err)?;
            people.push((*id, r.household_id, r.id, details, position as i64));
        }
    }
    let mut next_record = max_id(conn, "person_records").await?;
    for chunk in people.chunks(CHUNK) {
        let mut q = QueryBuilder::<Postgres>::new(
            "INSERT INTO persons (id, household_id, source_inquiry_id, created_at, updated_at) ",
        );
        q.push_values(chunk, |mut b, (id, household, inquiry, _, _)| {
            b.push_bind(*id)
                .push_bind(*household)
                .push_bind(*inquiry)
                .push_bind(now)
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
        let mut q = QueryBuilder::<Postgres>::new(
            "INSERT INTO person_records (id, person_id, first_person_id, inquiry_id, position, details, created_at) ",
        );
        q.push_values(chunk, |mut b, (id, _, inquiry, details, position)| {
            next_record += 1;
            b.push_bind(next_record)
                .push_bind(*id)
                .push_bind(*id)
                .push_bind(*inquiry)
                .push_bind(*position)
                .push_bind(details.as_str())
                .push_unseparated("::jsonb")
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

async fn insert_outbox(
    conn: &mut PgConnection,
    rows: &[NewRow<'_>],
    now: DateTime<Utc>,
) -> Result<()> {
    let due: Vec<(i64, &str)> = rows
        .iter()
        .filter_map(|r| {
            r.sub
                .acknowledge_to
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| (r.id, a))
        })
        .collect();
    for chunk in due.chunks(CHUNK) {
        let mut q = QueryBuilder::<Postgres>::new(
            "INSERT INTO outbox (inquiry_id, kind, to_address, created_at, next_attempt_at) ",
        );
        q.push_values(chunk, |mut b, (inquiry, to)| {
            b.push_bind(*inquiry)
                .push_bind("acknowledgement")
                .push_bind(*to)
                .push_bind(now)
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}
