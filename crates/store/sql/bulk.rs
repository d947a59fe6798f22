//! The intake path: a batch of submissions written with a handful of statements per few
//! hundred rows, instead of a dozen statements per row. What to write is decided by
//! [`corridor_store::intake_plan`]; this module reads what the plan needs and writes it.
//!
//! The caller's transaction holds the write lock (see `audit`), which every transaction that
//! adds inquiries, people, households or cases takes first (on SQLite, `BEGIN IMMEDIATE` makes
//! it the only writer). So the plan's ids (numbered from the current maxima) are free, the
//! tables' id generators are moved past them afterwards where the database needs it
//! (PostgreSQL's sequences), and foreign keys are checked at commit
//! ([`dialect::DEFER_FOREIGN_KEYS`]) so the rows can go in table by table.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use corridor_domain::{CaseId, HouseholdId, InquiryId, NewRequester, PersonId};
use corridor_store::Refusal;
use corridor_store::contact::{contact_keys, person_phone_key, person_phone_keys};
use corridor_store::crypto::{Cipher, Field};
use corridor_store::intake_plan::{
    Holder, IntakeContext, IntakePlan, KnownPerson, LastIds, stored_requester_key,
};
use corridor_store::{Actor, RecordedInquiry, Result, StoreError, Submission};
use sqlx::{AssertSqlSafe, QueryBuilder, Row};

use crate::dialect::{self, Conn, Db, last_id};
use crate::{audit, db_err, rows, users};

/// Rows per multi-row INSERT: well under the limit on bound values (SQLite 32,766, PostgreSQL
/// 65,535), and a fixed size so the statement is prepared once and reused.
const CHUNK: usize = 400;

pub(crate) async fn take_in(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    subs: Vec<Submission>,
    source: &str,
    actor: &Actor,
) -> Result<Vec<RecordedInquiry>> {
    if subs.is_empty() {
        return Ok(Vec::new());
    }
    let t = std::time::Instant::now();
    sqlx::query(dialect::DEFER_FOREIGN_KEYS)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    let ctx = IntakeContext {
        existing: existing_keys(conn, &IntakeContext::keys_of(&subs)).await?,
        teams: {
            let rows = sqlx::query("SELECT * FROM teams")
                .fetch_all(&mut *conn)
                .await
                .map_err(db_err)?;
            rows.iter().map(rows::team).collect::<Result<Vec<_>>>()?
        },
        known: known_people(conn, &IntakeContext::people_of(&subs)).await?,
        keyed: holders(
            conn,
            Index::HouseholdKeys,
            IntakeContext::family_keys_of(&subs)
                .into_iter()
                .map(|k| (household_key(cipher, &k), k))
                .collect(),
        )
        .await?,
        phoned: holders(
            conn,
            Index::PersonContacts,
            IntakeContext::phones_of(&subs)
                .into_iter()
                .map(|p| (person_phone_key(cipher, &p), p))
                .collect(),
        )
        .await?,
        last: LastIds {
            inquiry: max_id(conn, "inquiries").await?,
            person: max_id(conn, "persons").await?,
            record: max_id(conn, "person_records").await?,
            household: max_id(conn, "households").await?,
            case: max_id(conn, "cases").await?,
        },
        now: at,
    };
    let read = t.elapsed();
    let mut plan = IntakePlan::new(subs, ctx, source)?;
    let planned = t.elapsed();
    for owner in &plan.owners {
        users::active_user(conn, *owner).await?;
    }
    let mut requester_ids = Vec::with_capacity(plan.requesters.len());
    let now = dialect::time(plan.now);
    for r in &plan.requesters {
        requester_ids.push(upsert_requester(conn, cipher, r, now).await?);
    }
    draw_references(conn, &mut plan).await?;
    let drawn = t.elapsed();

    insert_households(conn, cipher, &plan, now).await?;
    insert_cases(conn, &plan, now).await?;
    insert_inquiries(conn, cipher, &plan, &requester_ids, now).await?;
    insert_people(conn, cipher, &plan, now).await?;
    insert_links(conn, cipher, &plan, &actor.name, now).await?;
    for (table, written) in [
        ("inquiries", plan.inquiries.len()),
        ("persons", plan.persons.len()),
        ("person_records", plan.records.len()),
        ("households", plan.households.len()),
        ("cases", plan.cases.len()),
    ] {
        if written > 0 {
            move_id_generator(conn, table).await?;
        }
    }
    audit::append_many(conn, at, actor, &plan.audit_events()).await?;
    tracing::debug!(
        backend = dialect::BACKEND,
        read_ms = read.as_millis() as u64,
        plan_ms = (planned - read).as_millis() as u64,
        references_ms = (drawn - planned).as_millis() as u64,
        insert_ms = (t.elapsed() - drawn).as_millis() as u64,
        "intake"
    );
    Ok(plan.answers())
}

/// The highest id in use (or, on PostgreSQL, handed out by the table's sequence): ids above it
/// are free while the write lock is held.
async fn max_id(conn: &mut Conn, table: &'static str) -> Result<i64> {
    // One static text per table, so that each statement is prepared once.
    let sql = match table {
        "inquiries" => last_id!("inquiries"),
        "persons" => last_id!("persons"),
        "households" => last_id!("households"),
        "person_records" => last_id!("person_records"),
        _ => last_id!("cases"),
    };
    sqlx::query_scalar(sql)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)
}

/// Moves the table's id generator past the ids assigned here, so that rows added the ordinary
/// way (`record_inquiry`, on this server or another) do not collide with them.
async fn move_id_generator(conn: &mut Conn, table: &'static str) -> Result<()> {
    if let Some(sql) = dialect::move_id_generator(table) {
        sqlx::query(AssertSqlSafe(sql))
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
    }
    Ok(())
}

/// The people matching named, followed through merges, with their household and oldest open
/// case; a few statements per few hundred people.
async fn known_people(conn: &mut Conn, ids: &[PersonId]) -> Result<HashMap<PersonId, KnownPerson>> {
    let mut out = HashMap::new();
    // named -> current, walked one merge step per round (merge chains are short; the bound
    // guards against a cycle written by hand into the file).
    let mut current: Vec<(PersonId, i64)> = ids.iter().map(|p| (*p, p.0)).collect();
    let mut live: Vec<(PersonId, i64, Option<i64>)> = Vec::new();
    for _ in 0..64 {
        if current.is_empty() {
            break;
        }
        let mut rows: HashMap<i64, (Option<i64>, Option<i64>)> = HashMap::new();
        let wanted: Vec<i64> = current.iter().map(|(_, c)| *c).collect();
        for chunk in wanted.chunks(CHUNK) {
            let mut q = QueryBuilder::<Db>::new(
                "SELECT id, merged_into, household_id FROM persons WHERE id IN (",
            );
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            q.push(")");
            for row in q.build().fetch_all(&mut *conn).await.map_err(db_err)? {
                rows.insert(
                    row.try_get("id").map_err(db_err)?,
                    (
                        row.try_get("merged_into").map_err(db_err)?,
                        row.try_get("household_id").map_err(db_err)?,
                    ),
                );
            }
        }
        let mut next = Vec::new();
        for (named, at) in current {
            match rows.get(&at) {
                None => {}
                Some((Some(into), _)) => next.push((named, *into)),
                Some((None, household)) => live.push((named, at, *household)),
            }
        }
        current = next;
    }
    if !current.is_empty() {
        return Err(Refusal::MergeCycle.into());
    }
    let mut open: HashMap<i64, i64> = HashMap::new();
    let people: Vec<i64> = live.iter().map(|(_, p, _)| *p).collect();
    for chunk in people.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new(
            "SELECT cp.person_id, MIN(c.id) AS case_id FROM case_persons cp
             JOIN cases c ON c.id = cp.case_id
             WHERE c.is_open = TRUE AND cp.person_id IN (",
        );
        let mut list = q.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        q.push(") GROUP BY cp.person_id");
        for row in q.build().fetch_all(&mut *conn).await.map_err(db_err)? {
            open.insert(
                row.try_get("person_id").map_err(db_err)?,
                row.try_get("case_id").map_err(db_err)?,
            );
        }
    }
    // Each open case's people, and its principal.
    let mut sizes: HashMap<i64, (usize, Option<i64>)> = HashMap::new();
    let cases: Vec<i64> = {
        let mut c: Vec<i64> = open.values().copied().collect();
        c.sort_unstable();
        c.dedup();
        c
    };
    for chunk in cases.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new(
            "SELECT cp.case_id, c.principal_person_id, COUNT(*) AS people FROM case_persons cp
             JOIN cases c ON c.id = cp.case_id WHERE cp.case_id IN (",
        );
        let mut list = q.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        q.push(") GROUP BY cp.case_id, c.principal_person_id");
        for row in q.build().fetch_all(&mut *conn).await.map_err(db_err)? {
            sizes.insert(
                row.try_get("case_id").map_err(db_err)?,
                (
                    row.try_get::<i64, _>("people").map_err(db_err)? as usize,
                    row.try_get("principal_person_id").map_err(db_err)?,
                ),
            );
        }
    }
    for (named, person, household) in live {
        let open_case = open.get(&person).copied();
        out.insert(
            named,
            KnownPerson {
                live: PersonId(person),
                household: household.map(HouseholdId),
                open_case: open_case.map(CaseId),
                open_case_people: open_case.and_then(|c| sizes.get(&c)).map_or(0, |s| s.0),
                heads_open_case: open_case
                    .and_then(|c| sizes.get(&c))
                    .is_some_and(|s| s.1 == Some(person)),
            },
        );
    }
    Ok(out)
}

/// The stored lookup key of a requester's household key (see `household_keys`).
fn household_key(cipher: &Cipher, family_key: &str) -> String {
    cipher.blind("household-key", family_key)
}

/// The two blind indexes over people's records that intake looks families up in.
#[derive(Clone, Copy)]
enum Index {
    HouseholdKeys,
    PersonContacts,
}

/// The people with an open case stored under each lookup key: `keys` maps each stored (keyed
/// hash) form to the plain one the plan knows. Each person once, with their oldest open case.
async fn holders(
    conn: &mut Conn,
    index: Index,
    keys: HashMap<String, String>,
) -> Result<HashMap<String, Vec<Holder>>> {
    let mut out: HashMap<String, Vec<Holder>> = HashMap::new();
    let hashed: Vec<&String> = keys.keys().collect();
    for chunk in hashed.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new(match index {
            Index::HouseholdKeys => {
                "SELECT ix.household_key AS lookup, p.id AS person_id, p.household_id,
                        MIN(c.id) AS case_id
                 FROM household_keys ix"
            }
            Index::PersonContacts => {
                "SELECT ix.contact_key AS lookup, p.id AS person_id, p.household_id,
                        MIN(c.id) AS case_id
                 FROM person_contacts ix"
            }
        });
        q.push(
            " JOIN person_records pr ON pr.id = ix.record_id
              JOIN persons p ON p.id = pr.person_id
              JOIN case_persons cp ON cp.person_id = p.id
              JOIN cases c ON c.id = cp.case_id
              WHERE c.is_open = TRUE AND ix.",
        );
        q.push(match index {
            Index::HouseholdKeys => "household_key",
            Index::PersonContacts => "contact_key",
        });
        q.push(" IN (");
        let mut list = q.separated(", ");
        for k in chunk {
            list.push_bind(k.as_str());
        }
        q.push(") GROUP BY lookup, p.id, p.household_id");
        for row in q.build().fetch_all(&mut *conn).await.map_err(db_err)? {
            let lookup: String = row.try_get("lookup").map_err(db_err)?;
            let Some(plain) = keys.get(&lookup) else {
                continue;
            };
            out.entry(plain.clone()).or_default().push(Holder {
                case: row.try_get("case_id").map_err(db_err)?,
                household: row.try_get("household_id").map_err(db_err)?,
                person: row.try_get("person_id").map_err(db_err)?,
            });
        }
    }
    // In a stable order, so that the plan does not depend on the database's.
    for list in out.values_mut() {
        list.sort_by_key(|h| (h.case, h.person));
    }
    Ok(out)
}

async fn existing_keys(conn: &mut Conn, keys: &[&str]) -> Result<HashMap<String, RecordedInquiry>> {
    let mut found = HashMap::new();
    for chunk in keys.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new(
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
/// is drawn again.
async fn draw_references(conn: &mut Conn, plan: &mut IntakePlan) -> Result<()> {
    let mut pending: Vec<usize> = (0..plan.inquiries.len()).collect();
    for _ in 0..8 {
        if pending.is_empty() {
            return Ok(());
        }
        plan.draw_references(&pending);
        let mut taken: Vec<usize> = Vec::new();
        for chunk in pending.chunks(CHUNK) {
            let mut q =
                QueryBuilder::<Db>::new("SELECT reference FROM inquiries WHERE reference IN (");
            let mut list = q.separated(", ");
            for &i in chunk {
                list.push_bind(plan.reference(i).to_string());
            }
            q.push(")");
            let used: Vec<String> = q
                .build_query_scalar()
                .fetch_all(&mut *conn)
                .await
                .map_err(db_err)?;
            taken.extend(
                chunk
                    .iter()
                    .copied()
                    .filter(|&i| used.iter().any(|u| u == plan.reference(i))),
            );
        }
        pending = taken;
    }
    if pending.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Conflict(
            "could not find free reference numbers".into(),
        ))
    }
}

async fn upsert_requester(
    conn: &mut Conn,
    cipher: &Cipher,
    r: &NewRequester,
    now: dialect::Time,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO requesters (kind, name, organization, email, phone, dedupe_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (dedupe_key) DO UPDATE SET
             organization = COALESCE(excluded.organization, requesters.organization),
             phone = COALESCE(excluded.phone, requesters.phone)
         RETURNING id",
    )
    .bind(r.kind.as_str())
    .bind(cipher.seal(Field::RequesterName, r.name.trim()))
    .bind(r.organization.as_deref())
    .bind(cipher.seal_opt(Field::RequesterEmail, r.email.as_deref()))
    .bind(cipher.seal_opt(Field::RequesterPhone, r.phone.as_deref()))
    .bind(stored_requester_key(cipher, r)?)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    // Every contact ever given stays findable (the row above keeps only the latest phone).
    for key in contact_keys(cipher, r.phone.as_deref(), r.email.as_deref()) {
        sqlx::query(
            "INSERT INTO requester_contacts (requester_id, contact_key) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(key)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    }
    Ok(id)
}

async fn insert_households(
    conn: &mut Conn,
    cipher: &Cipher,
    plan: &IntakePlan,
    now: dialect::Time,
) -> Result<()> {
    for chunk in plan.households.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new("INSERT INTO households (id, label, created_at) ");
        q.push_values(chunk, |mut b, (id, label)| {
            b.push_bind(*id)
                .push_bind(cipher.seal_opt(Field::HouseholdLabel, label.as_deref()))
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

async fn insert_cases(conn: &mut Conn, plan: &IntakePlan, now: dialect::Time) -> Result<()> {
    for chunk in plan.cases.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO cases (id, category, status, is_open, priority, owner_id, team_id,
                                household_id, principal_person_id, created_at, updated_at) ",
        );
        q.push_values(chunk, |mut b, c| {
            b.push_bind(c.id)
                .push_bind(c.category.as_str())
                .push_bind("new")
                .push_bind(true)
                .push_bind(rows::priority_rank(c.priority))
                .push_bind(c.owner.0)
                .push_bind(c.team.0)
                .push_bind(c.household_id)
                .push_bind(c.principal_person_id)
                .push_bind(dialect::time(c.created_at))
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    // One statement per priority level: a case's priority only ever rises here, and a
    // manual priority stays (the assessed one beside it rises instead).
    for level in corridor_domain::Priority::ALL {
        let ids: Vec<i64> = plan
            .touched_cases
            .iter()
            .filter(|(_, p)| p == level)
            .map(|(id, _)| *id)
            .collect();
        let rank = rows::priority_rank(*level);
        for chunk in ids.chunks(CHUNK) {
            let mut q = QueryBuilder::<Db>::new("UPDATE cases SET updated_at = ");
            // The smaller of two ranks, written out: SQLite has no LEAST, PostgreSQL no
            // two-argument MIN. A NULL assessed priority stays NULL (`NULL > rank` is not true).
            q.push_bind(now)
                .push(", priority = CASE WHEN assessed_priority IS NULL AND priority > ")
                .push_bind(rank)
                .push(" THEN ")
                .push_bind(rank)
                .push(" ELSE priority END, assessed_priority = CASE WHEN assessed_priority > ")
                .push_bind(rank)
                .push(" THEN ")
                .push_bind(rank)
                .push(" ELSE assessed_priority END WHERE id IN (");
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            q.push(")");
            q.build().execute(&mut *conn).await.map_err(db_err)?;
        }
    }
    Ok(())
}

async fn insert_inquiries(
    conn: &mut Conn,
    cipher: &Cipher,
    plan: &IntakePlan,
    requester_ids: &[i64],
    now: dialect::Time,
) -> Result<()> {
    for chunk in plan.inquiries.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO inquiries (id, reference, channel, requester_id, received_at, stored_at,
                subject, category, content_type, raw_payload, household_label, case_id,
                idempotency_key, parent_id, status_code_hash) ",
        );
        q.push_values(chunk, |mut b, r| {
            let i = &r.submission.inquiry;
            b.push_bind(r.id)
                .push_bind(r.reference.as_ref().map(|x| x.as_str()))
                .push_bind(i.channel.as_str())
                .push_bind(requester_ids[r.requester])
                .push_bind(dialect::time(i.received_at))
                .push_bind(now)
                .push_bind(cipher.seal(Field::InquirySubject, &i.subject))
                .push_bind(i.category.as_str())
                .push_bind(i.content_type.as_str())
                .push_bind(cipher.seal(Field::InquiryPayload, &i.raw_payload))
                .push_bind(
                    cipher.seal_opt(Field::InquiryHouseholdLabel, i.household_label.as_deref()),
                )
                .push_bind(r.case_id)
                .push_bind(i.idempotency_key.as_deref())
                .push_bind(r.parent_id)
                .push_bind(r.submission.status_code_hash.as_deref());
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

async fn insert_people(
    conn: &mut Conn,
    cipher: &Cipher,
    plan: &IntakePlan,
    now: dialect::Time,
) -> Result<()> {
    for chunk in plan.persons.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO persons (id, household_id, source_inquiry_id, created_at, updated_at) ",
        );
        q.push_values(chunk, |mut b, p| {
            b.push_bind(p.id)
                .push_bind(p.household_id)
                .push_bind(p.source_inquiry_id)
                .push_bind(now)
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    for chunk in plan.records.chunks(CHUNK) {
        let details = chunk
            .iter()
            .map(|r| rows::seal_details(cipher, &r.details))
            .collect::<Result<Vec<_>>>()?;
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO person_records (id, person_id, first_person_id, inquiry_id, position, details, place, created_at) ",
        );
        q.push_values(chunk.iter().zip(details), |mut b, (r, (details, place))| {
            b.push_bind(r.id)
                .push_bind(r.person_id)
                .push_bind(r.person_id)
                .push_bind(r.inquiry_id)
                .push_bind(r.position)
                .push_bind(details)
                .push_bind(place)
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    // A person's phones are findable (a text from a family member joins the family's case).
    let contacts: Vec<(i64, String)> = plan
        .records
        .iter()
        .flat_map(|r| {
            person_phone_keys(cipher, r.details.phone.as_deref())
                .into_iter()
                .map(move |k| (r.id, k))
        })
        .collect();
    for chunk in contacts.chunks(CHUNK) {
        let mut q =
            QueryBuilder::<Db>::new("INSERT INTO person_contacts (record_id, contact_key) ");
        q.push_values(chunk, |mut b, (record, key)| {
            b.push_bind(*record).push_bind(key);
        });
        q.push(" ON CONFLICT DO NOTHING");
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    // The requester's household key for each person, findable by their later requests.
    let keys: Vec<(i64, String)> = plan
        .records
        .iter()
        .filter_map(|r| Some((r.id, household_key(cipher, r.household_key.as_deref()?))))
        .collect();
    for chunk in keys.chunks(CHUNK) {
        let mut q =
            QueryBuilder::<Db>::new("INSERT INTO household_keys (record_id, household_key) ");
        q.push_values(chunk, |mut b, (record, key)| {
            b.push_bind(*record).push_bind(key);
        });
        q.push(" ON CONFLICT DO NOTHING");
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

/// People onto cases, inquiries onto the cases they feed, tasks to check families that may
/// be one, reviews of possible matches, and acknowledgements to send.
async fn insert_links(
    conn: &mut Conn,
    cipher: &Cipher,
    plan: &IntakePlan,
    actor_name: &str,
    now: dialect::Time,
) -> Result<()> {
    for chunk in plan.case_persons.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new("INSERT INTO case_persons (case_id, person_id) ");
        q.push_values(chunk, |mut b, (c, p)| {
            b.push_bind(*c).push_bind(*p);
        });
        q.push(" ON CONFLICT DO NOTHING");
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    let fed: Vec<(i64, i64)> = plan
        .inquiries
        .iter()
        .flat_map(|q| q.cases.iter().map(move |c| (*c, q.id)))
        .collect();
    for chunk in fed.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new("INSERT INTO case_inquiries (case_id, inquiry_id) ");
        q.push_values(chunk, |mut b, (c, i)| {
            b.push_bind(*c).push_bind(*i);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    for chunk in plan.household_checks().chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO case_tasks (case_id, body, created_by, created_at) ",
        );
        q.push_values(chunk, |mut b, (case, body)| {
            b.push_bind(*case)
                .push_bind(cipher.seal(Field::TaskBody, body))
                .push_bind(actor_name)
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    for chunk in plan.reviews.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO match_reviews (record_id, candidate_id, probability, evidence, status, created_at) ",
        );
        q.push_values(chunk, |mut b, r| {
            b.push_bind(r.record_id)
                .push_bind(r.candidate_id)
                .push_bind(r.probability)
                .push_bind(cipher.seal(Field::ReviewEvidence, &r.evidence))
                .push_bind("pending")
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    for chunk in plan.outbox.chunks(CHUNK) {
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO outbox (inquiry_id, kind, to_address, created_at, next_attempt_at) ",
        );
        q.push_values(chunk, |mut b, (inquiry, kind, to)| {
            b.push_bind(*inquiry)
                .push_bind(kind.as_str())
                .push_bind(cipher.seal(Field::OutboxAddress, to))
                .push_bind(now)
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}
