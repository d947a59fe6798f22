//! Storing inquiries verbatim and routing them onto cases.

use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseId, Inquiry, InquiryId, InquirySummary, NewInquiry, NewRequester, PersonDetails, PersonId,
    PersonMatch, Priority, ReferenceNumber, Team,
};
use corridor_store::{
    Actor, Cursor, InquiryFilter, NewAuditEvent, Page, PageRequest, RecordedInquiry, Result,
    StoreError,
};
use sqlx::postgres::PgRow;
use sqlx::{AssertSqlSafe, PgConnection, PgPool, Postgres, QueryBuilder, Row};

use crate::{audit, db_err, people, rows, users};

/// Stores every inquiry of the batch inside the caller's transaction.
pub(crate) async fn record(
    conn: &mut PgConnection,
    inquiries: Vec<NewInquiry>,
    actor: &Actor,
) -> Result<Vec<RecordedInquiry>> {
    let teams = {
        let rows = sqlx::query("SELECT * FROM teams")
            .fetch_all(&mut *conn)
            .await
            .map_err(db_err)?;
        rows.iter().map(rows::team).collect::<Result<Vec<_>>>()?
    };
    let mut out = Vec::with_capacity(inquiries.len());
    for inquiry in inquiries {
        out.push(record_one(conn, inquiry, &teams, actor).await?);
    }
    Ok(out)
}

async fn record_one(
    conn: &mut PgConnection,
    inquiry: NewInquiry,
    teams: &[Team],
    actor: &Actor,
) -> Result<RecordedInquiry> {
    if let Some(key) = inquiry.idempotency_key.as_deref()
        && let Some(found) = by_idempotency_key(conn, key).await?
    {
        return Ok(found);
    }
    let now = audit::now();
    let requester_id = upsert_requester(conn, &inquiry.requester, now).await?;
    // The unique constraints decide: a reference another inquiry holds is drawn again, and an
    // idempotency key stored meanwhile (by another server, say) returns that first inquiry.
    let mut stored = None;
    for _ in 0..8 {
        let candidate = ReferenceNumber::random(&mut rand::thread_rng());
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO inquiries (reference, channel, requester_id, received_at, stored_at, subject,
                                    category, content_type, raw_payload, household_label, idempotency_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(candidate.as_str())
        .bind(inquiry.channel.as_str())
        .bind(requester_id)
        .bind(inquiry.received_at)
        .bind(now)
        .bind(&inquiry.subject)
        .bind(inquiry.category.as_str())
        .bind(&inquiry.content_type)
        .bind(&inquiry.raw_payload)
        .bind(inquiry.household_label.as_deref())
        .bind(inquiry.idempotency_key.as_deref())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
        if let Some(id) = id {
            stored = Some((id, candidate));
            break;
        }
        if let Some(key) = inquiry.idempotency_key.as_deref()
            && let Some(found) = by_idempotency_key(conn, key).await?
        {
            return Ok(found);
        }
    }
    let Some((inquiry_id, reference)) = stored else {
        return Err(StoreError::Conflict(
            "could not find a free reference number".into(),
        ));
    };

    // Keep each person's matching verdict beside them while blank entries are dropped.
    let entries: Vec<(PersonDetails, PersonMatch)> = inquiry
        .people
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, p)| {
            (
                p.tidy(),
                inquiry.matches.get(i).cloned().unwrap_or_default(),
            )
        })
        .filter(|(p, _)| !p.is_blank())
        .collect();
    let people: Vec<PersonDetails> = entries.iter().map(|(p, _)| p.clone()).collect();

    // People matching recognised already, as they are now (following merges).
    let mut known: Vec<Option<i64>> = Vec::with_capacity(entries.len());
    for (_, m) in &entries {
        known.push(match m.same_as {
            Some(p) => people::live_person(conn, p.0).await?,
            None => None,
        });
    }
    let household_id = {
        let mut existing = None;
        for p in known.iter().flatten() {
            existing = sqlx::query_scalar::<_, Option<i64>>(
                "SELECT household_id FROM persons WHERE id = $1",
            )
            .bind(p)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?;
            if existing.is_some() {
                break;
            }
        }
        match existing {
            Some(h) => Some(h),
            None if people.len() > 1 || inquiry.household_label.is_some() => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO households (label, created_at) VALUES ($1, $2) RETURNING id",
                )
                .bind(inquiry.household_label.as_deref())
                .bind(now)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?;
                Some(id)
            }
            None => None,
        }
    };
    let mut person_ids = Vec::with_capacity(people.len());
    let mut reviews = 0usize;
    for (position, ((person, verdict), known)) in entries.iter().zip(&known).enumerate() {
        let person_id = match known {
            Some(id) => *id,
            None => sqlx::query_scalar(
                "INSERT INTO persons (household_id, source_inquiry_id, created_at, updated_at)
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(household_id)
            .bind(inquiry_id)
            .bind(now)
            .bind(now)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?,
        };
        let record_id: i64 = sqlx::query_scalar(
            "INSERT INTO person_records (person_id, first_person_id, inquiry_id, position, details, created_at)
             VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id",
        )
        .bind(person_id)
        .bind(person_id)
        .bind(inquiry_id)
        .bind(position as i64)
        .bind(serde_json::to_string(person).map_err(db_err)?)
        .bind(now)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
        if known.is_none() {
            for possible in &verdict.possible {
                if let Some(candidate) = people::live_person(conn, possible.person_id.0).await? {
                    sqlx::query(
                        "INSERT INTO match_reviews (record_id, candidate_id, probability, evidence, status, created_at)
                         VALUES ($1, $2, $3, $4, 'pending', $5)",
                    )
                    .bind(record_id)
                    .bind(candidate)
                    .bind(possible.probability)
                    .bind(&possible.evidence)
                    .bind(now)
                    .execute(&mut *conn)
                    .await
                    .map_err(db_err)?;
                    reviews += 1;
                }
            }
        }
        person_ids.push(PersonId(person_id));
    }
    let recognised = known.iter().flatten().count();
    audit::append(
        conn,
        actor,
        &NewAuditEvent::new(
            "inquiry.received",
            "inquiry",
            inquiry_id,
            format!(
                "{} via {}, {} people ({recognised} already known, {reviews} possible matches to review)",
                reference,
                inquiry.channel,
                person_ids.len()
            ),
        ),
    )
    .await?;

    // A request about people who already have an open case joins that case, so that the
    // family asked about ten times is still one case with one owner.
    let mut open_case = None;
    for p in known.iter().flatten() {
        open_case = sqlx::query_scalar::<_, i64>(
            "SELECT c.id FROM cases c JOIN case_persons cp ON cp.case_id = c.id
             WHERE cp.person_id = $1 AND c.is_open ORDER BY c.id LIMIT 1",
        )
        .bind(p)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
        if open_case.is_some() {
            break;
        }
    }
    let case_id = if let Some(case_id) = open_case {
        for person in &person_ids {
            sqlx::query("INSERT INTO case_persons (case_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(case_id)
                .bind(person.0)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
        }
        sqlx::query("UPDATE inquiries SET case_id = $1 WHERE id = $2")
            .bind(case_id)
            .bind(inquiry_id)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
        sqlx::query("UPDATE cases SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(case_id)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
        audit::append(
            conn,
            actor,
            &NewAuditEvent::new(
                "case.inquiry_added",
                "case",
                case_id,
                format!("inquiry {reference} is about people already on this case"),
            ),
        )
        .await?;
        Some(CaseId(case_id))
    } else {
        match Team::route(teams, inquiry.category) {
            Some(team) => {
                let owner = team.lead_id.expect("routed teams have a lead");
                let owner_user = users::active_user(conn, owner).await?;
                let priority = Priority::assess(inquiry.category, &people);
                let case_id: i64 = sqlx::query_scalar(
                    "INSERT INTO cases (category, status, is_open, priority, owner_id, team_id,
                                        household_id, principal_person_id, created_at, updated_at)
                     VALUES ($1, 'new', true, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(inquiry.category.as_str())
                .bind(rows::priority_rank(priority))
                .bind(owner.0)
                .bind(team.id.0)
                .bind(household_id)
                .bind(person_ids.first().map(|p| p.0))
                // The case is as old as the request that opened it: waiting counts from then.
                .bind(inquiry.received_at.min(now))
                .bind(now)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?;
                for person in &person_ids {
                    sqlx::query(
                        "INSERT INTO case_persons (case_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    )
                    .bind(case_id)
                    .bind(person.0)
                    .execute(&mut *conn)
                    .await
                    .map_err(db_err)?;
                }
                sqlx::query("UPDATE inquiries SET case_id = $1 WHERE id = $2")
                    .bind(case_id)
                    .bind(inquiry_id)
                    .execute(&mut *conn)
                    .await
                    .map_err(db_err)?;
                audit::append(
                    conn,
                    actor,
                    &NewAuditEvent::new(
                        "case.created",
                        "case",
                        case_id,
                        format!(
                            "from inquiry {reference}; {} priority; owner {}, team {}",
                            priority, owner_user.username, team.name
                        ),
                    ),
                )
                .await?;
                Some(CaseId(case_id))
            }
            None => None,
        }
    };
    Ok(RecordedInquiry {
        id: InquiryId(inquiry_id),
        reference,
        case_id,
        already_present: false,
    })
}

pub(crate) async fn upsert_requester(
    conn: &mut PgConnection,
    r: &NewRequester,
    now: DateTime<Utc>,
) -> Result<i64> {
    let name = r.name.trim();
    if name.is_empty() {
        return Err(StoreError::Rule("a requester needs a name".into()));
    }
    let key = format!(
        "{}|{}|{}",
        r.kind.as_str(),
        name.to_lowercase(),
        r.email.as_deref().unwrap_or("").trim().to_lowercase()
    );
    sqlx::query_scalar(
        "INSERT INTO requesters (kind, name, organization, email, phone, dedupe_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (dedupe_key) DO UPDATE SET
             organization = COALESCE(excluded.organization, requesters.organization),
             phone = COALESCE(excluded.phone, requesters.phone)
         RETURNING id",
    )
    .bind(r.kind.as_str())
    .bind(name)
    .bind(r.organization.as_deref())
    .bind(r.email.as_deref())
    .bind(r.phone.as_deref())
    .bind(key)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)
}

async fn by_idempotency_key(conn: &mut PgConnection, key: &str) -> Result<Option<RecordedInquiry>> {
    let Some(row) =
        sqlx::query("SELECT id, reference, case_id FROM inquiries WHERE idempotency_key = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?
    else {
        return Ok(None);
    };
    Ok(Some(RecordedInquiry {
        id: InquiryId(row.try_get("id").map_err(db_err)?),
        reference: reference(&row)?,
        case_id: row
            .try_get::<Option<i64>, _>("case_id")
            .map_err(db_err)?
            .map(CaseId),
        already_present: true,
    }))
}

fn reference(row: &PgRow) -> Result<ReferenceNumber> {
    row.try_get::<&str, _>("reference")
        .map_err(db_err)?
        .parse()
        .map_err(db_err)
}

const SUMMARY_SELECT: &str =
    "SELECT i.id, i.reference, i.channel, i.received_at, i.subject, i.category, i.case_id,
        r.kind AS requester_kind, r.name AS requester_name,
        (SELECT COUNT(*) FROM person_records pr WHERE pr.inquiry_id = i.id) AS people_count
 FROM inquiries i JOIN requesters r ON r.id = i.requester_id";

pub(crate) fn summary(row: &PgRow) -> Result<InquirySummary> {
    Ok(InquirySummary {
        id: InquiryId(row.try_get("id").map_err(db_err)?),
        reference: reference(row)?,
        channel: rows::code(row.try_get::<&str, _>("channel").map_err(db_err)?)?,
        requester_kind: rows::code(row.try_get::<&str, _>("requester_kind").map_err(db_err)?)?,
        requester_name: row.try_get("requester_name").map_err(db_err)?,
        received_at: row.try_get("received_at").map_err(db_err)?,
        subject: row.try_get("subject").map_err(db_err)?,
        category: rows::code(row.try_get::<&str, _>("category").map_err(db_err)?)?,
        case_id: row
            .try_get::<Option<i64>, _>("case_id")
            .map_err(db_err)?
            .map(CaseId),
        people_count: row.try_get("people_count").map_err(db_err)?,
    })
}

fn push_filter(q: &mut QueryBuilder<Postgres>, filter: &InquiryFilter) {
    q.push(" WHERE 1 = 1");
    if let Some(channel) = filter.channel {
        q.push(" AND i.channel = ").push_bind(channel.as_str());
    }
    if filter.untriaged {
        q.push(" AND i.case_id IS NULL");
    }
}

pub(crate) async fn list(
    pool: &PgPool,
    filter: &InquiryFilter,
    page: PageRequest,
) -> Result<Page<InquirySummary>> {
    let mut q = QueryBuilder::<Postgres>::new(SUMMARY_SELECT);
    push_filter(&mut q, filter);
    if let Some(after) = page.after {
        q.push(" AND i.id < ").push_bind(after.id);
    }
    q.push(" ORDER BY i.id DESC LIMIT ")
        .push_bind(page.limit as i64 + 1);
    let rows = q.build().fetch_all(pool).await.map_err(db_err)?;
    let mut items = rows.iter().map(summary).collect::<Result<Vec<_>>>()?;
    let next = if items.len() > page.limit as usize {
        items.truncate(page.limit as usize);
        items.last().map(|i| Cursor {
            rank: 0,
            id: i.id.0,
        })
    } else {
        None
    };
    let mut count = QueryBuilder::<Postgres>::new("SELECT COUNT(*) FROM inquiries i");
    push_filter(&mut count, filter);
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
    Ok(Page { items, total, next })
}

pub(crate) async fn get(pool: &PgPool, id: InquiryId) -> Result<Option<Inquiry>> {
    let Some(row) = sqlx::query(AssertSqlSafe(format!("{SUMMARY_SELECT} WHERE i.id = $1")))
        .bind(id.0)
        .fetch_optional(pool)
        .await
        .map_err(db_err)?
    else {
        return Ok(None);
    };
    let summary = summary(&row)?;
    let detail = sqlx::query(
        "SELECT i.content_type, i.raw_payload, r.* FROM inquiries i
         JOIN requesters r ON r.id = i.requester_id WHERE i.id = $1",
    )
    .bind(id.0)
    .fetch_one(pool)
    .await
    .map_err(db_err)?;
    let people: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM person_records WHERE inquiry_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    Ok(Some(Inquiry {
        summary,
        requester: rows::requester(&detail)?,
        content_type: detail.try_get("content_type").map_err(db_err)?,
        raw_payload: detail.try_get("raw_payload").map_err(db_err)?,
        people: people.into_iter().map(PersonId).collect(),
    }))
}
