//! Triage: inquiries that waited in the queue become cases, or join open ones. The choices
//! are `corridor_store::triage`'s; this only writes them.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseCategory, CaseId, CaseStatus, CaseSummary, InquiryId, PersonDetails, Priority,
};
use corridor_store::Refusal;
use corridor_store::crypto::Cipher;
use corridor_store::triage::{check_inquiries, home_for};
use corridor_store::{Actor, AuditAction, NewAuditEvent, Result, StoreError, Triage};
use sqlx::Row;

use crate::dialect::{self, Conn, DbPool};
use crate::{audit, cases, db_err, missing, rows, users};

/// An inquiry waiting for triage, with the people its records became.
struct Waiting {
    id: InquiryId,
    reference: String,
    category: CaseCategory,
    /// (person, the record's details), in the order the inquiry named them.
    people: Vec<(i64, PersonDetails)>,
}

async fn waiting(conn: &mut Conn, cipher: &Cipher, id: InquiryId) -> Result<Waiting> {
    let row = sqlx::query("SELECT reference, category, case_id FROM inquiries WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("inquiry", id.0))?;
    let reference: String = row.try_get("reference").map_err(db_err)?;
    if let Some(case) = row.try_get::<Option<i64>, _>("case_id").map_err(db_err)? {
        return Err(StoreError::Conflict(format!(
            "inquiry {reference} is already on case C-{case}"
        )));
    }
    let people = sqlx::query(
        "SELECT person_id, details FROM person_records WHERE inquiry_id = $1
         ORDER BY position, id",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?
    .iter()
    .map(|r| {
        Ok((
            r.try_get::<i64, _>("person_id").map_err(db_err)?,
            rows::open_details(cipher, r, "details")?,
        ))
    })
    .collect::<Result<Vec<_>>>()?;
    Ok(Waiting {
        id,
        reference,
        category: rows::code(row.try_get::<&str, _>("category").map_err(db_err)?)?,
        people,
    })
}

pub(crate) async fn triage(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    inquiries: &[InquiryId],
    triage: &Triage,
    actor: &Actor,
) -> Result<Vec<CaseId>> {
    check_inquiries(inquiries)?;
    let teams = users::list_teams_in(conn).await?;
    let mut out = Vec::with_capacity(inquiries.len());
    for id in inquiries {
        let w = waiting(conn, cipher, *id).await?;
        let case = match triage {
            Triage::NewCases { team, owner } => {
                // A named owner without a team brings the case to their team, as assignment does.
                let owners_team = match (team, owner) {
                    (None, Some(o)) => users::active_user(conn, *o).await?.team_id,
                    _ => None,
                };
                let (team, owner) = home_for(&teams, w.category, team.or(owners_team), *owner)?;
                let owner = users::active_user(conn, owner).await?;
                new_case(conn, at, &w, team.0, owner.id.0, actor).await?
            }
            Triage::Attach { case } => attach(conn, at, &w, *case, actor).await?,
        };
        sqlx::query("UPDATE inquiries SET case_id = $1 WHERE id = $2")
            .bind(case.0)
            .bind(w.id.0)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO case_inquiries (case_id, inquiry_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(case.0)
        .bind(w.id.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
        audit::append(
            conn,
            at,
            actor,
            &NewAuditEvent::new(
                AuditAction::InquiryTriaged,
                "inquiry",
                w.id.0,
                format!("onto case C-{}", case.0),
            ),
        )
        .await?;
        out.push(case);
    }
    Ok(out)
}

async fn new_case(
    conn: &mut Conn,
    at: DateTime<Utc>,
    w: &Waiting,
    team: i64,
    owner: i64,
    actor: &Actor,
) -> Result<CaseId> {
    let details: Vec<PersonDetails> = w.people.iter().map(|(_, d)| d.clone()).collect();
    let priority = Priority::assess(w.category, &details);
    let person_ids: BTreeSet<i64> = w.people.iter().map(|(p, _)| *p).collect();
    let mut household = None;
    for p in &person_ids {
        household = sqlx::query_scalar("SELECT household_id FROM persons WHERE id = $1")
            .bind(p)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?;
        if household.is_some() {
            break;
        }
    }
    let household: Option<i64> = household;
    // A person triaged by hand has been looked at: the case starts triaged, not new.
    let case: i64 = sqlx::query_scalar(
        "INSERT INTO cases (category, status, is_open, priority, owner_id, team_id, household_id,
                            principal_person_id, created_at, updated_at)
         VALUES ($1, $2, TRUE, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(w.category.as_str())
    .bind(CaseStatus::Triaged.as_str())
    .bind(rows::priority_rank(priority))
    .bind(owner)
    .bind(team)
    .bind(household)
    .bind(w.people.first().map(|(p, _)| *p))
    .bind(dialect::time(at))
    .bind(dialect::time(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    add_people(conn, case, &person_ids).await?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::CaseCreated,
            "case",
            case,
            format!(
                "from triage of inquiry {}; category {}; owner user {owner}; team {team}",
                w.reference,
                w.category.as_str()
            ),
        ),
    )
    .await?;
    Ok(CaseId(case))
}

async fn attach(
    conn: &mut Conn,
    at: DateTime<Utc>,
    w: &Waiting,
    case: CaseId,
    actor: &Actor,
) -> Result<CaseId> {
    let open: bool = sqlx::query_scalar("SELECT is_open FROM cases WHERE id = $1")
        .bind(case.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("case", case.0))?;
    if !open {
        return Err(Refusal::CaseClosed { case: case.0 }.into());
    }
    let person_ids: BTreeSet<i64> = w.people.iter().map(|(p, _)| *p).collect();
    add_people(conn, case.0, &person_ids).await?;
    sqlx::query("UPDATE cases SET updated_at = $1 WHERE id = $2")
        .bind(dialect::time(at))
        .bind(case.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::CaseInquiryAttached,
            "case",
            case.0,
            format!(
                "inquiry {} with {} people, from triage",
                w.reference,
                person_ids.len()
            ),
        ),
    )
    .await?;
    Ok(case)
}

async fn add_people(conn: &mut Conn, case: i64, people: &BTreeSet<i64>) -> Result<()> {
    for p in people {
        sqlx::query(
            "INSERT INTO case_persons (case_id, person_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
        )
        .bind(case)
        .bind(p)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    }
    Ok(())
}

/// Open cases of the inquiry's people first, then of others in their households.
pub(crate) async fn suggestions(
    pool: &DbPool,
    cipher: &Cipher,
    id: InquiryId,
) -> Result<Vec<CaseSummary>> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM inquiries WHERE id = $1")
        .bind(id.0)
        .fetch_optional(pool)
        .await
        .map_err(db_err)?;
    exists.ok_or_else(|| missing("inquiry", id.0))?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "WITH mine AS (SELECT DISTINCT person_id FROM person_records WHERE inquiry_id = $1),
              kin AS (SELECT p.id FROM persons p
                      WHERE p.household_id IN (SELECT household_id FROM persons
                                               WHERE id IN (SELECT person_id FROM mine))
                        AND p.merged_into IS NULL)
         SELECT c.id FROM cases c
         WHERE c.is_open = TRUE AND c.id IN (
             SELECT case_id FROM case_persons WHERE person_id IN (SELECT person_id FROM mine)
             UNION SELECT case_id FROM case_persons WHERE person_id IN (SELECT id FROM kin))
         ORDER BY (c.id IN (SELECT case_id FROM case_persons
                            WHERE person_id IN (SELECT person_id FROM mine))) DESC, c.id DESC",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    let mut out = Vec::with_capacity(ids.len());
    for c in ids {
        out.push(cases::summary(pool, cipher, CaseId(c)).await?);
    }
    Ok(out)
}
