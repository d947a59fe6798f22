//! Case lists, case pages, ownership and workflow.

use chrono::{DateTime, Utc};
use corridor_domain::{
    Case, CaseDeadlines, CaseId, CaseOutcome, CaseStatus, CaseSummary, Closure, Household,
    HouseholdId, PersonDetails, Priority, PriorityOverride, TeamId, UserId,
};
use corridor_store::Refusal;
use corridor_store::crypto::{Cipher, Field};
use corridor_store::{
    Actor, AuditAction, CaseFilter, CaseSort, Cursor, NewAuditEvent, Page, PageRequest, Result,
    StoreError, Totals,
};
use sqlx::{AssertSqlSafe, QueryBuilder, Row};

use crate::dialect::{self, Conn, Db, DbPool, DbRow};
use crate::{audit, db_err, intake, missing, people, rows, users, workflow};

const SUMMARY_SELECT: &str = "SELECT c.id, c.category, c.status, c.priority, c.owner_id, c.team_id,
        c.created_at, c.updated_at, c.first_response_due_at, c.first_responded_at,
        c.next_action_due_at, u.display_name AS owner_name, u.active AS owner_active,
        t.name AS team_name,
        (SELECT pr.details FROM person_records pr WHERE pr.person_id = c.principal_person_id
         ORDER BY pr.id LIMIT 1) AS principal,
        (SELECT COUNT(*) FROM case_persons cp WHERE cp.case_id = c.id) AS people_count,
        (SELECT COUNT(*) FROM case_inquiries ci WHERE ci.case_id = c.id) AS inquiry_count
 FROM cases c
 JOIN users u ON u.id = c.owner_id
 JOIN teams t ON t.id = c.team_id";

fn summary_row(row: &DbRow, cipher: &Cipher) -> Result<CaseSummary> {
    let principal = rows::open_opt(cipher, Field::PersonDetails, row, "principal")?;
    let title = match principal {
        Some(json) => serde_json::from_str::<PersonDetails>(&json)
            .map_err(db_err)?
            .display_name(),
        None => "(no person recorded)".to_string(),
    };
    Ok(CaseSummary {
        id: CaseId(row.try_get("id").map_err(db_err)?),
        category: rows::code(row.try_get::<&str, _>("category").map_err(db_err)?)?,
        status: rows::code(row.try_get::<&str, _>("status").map_err(db_err)?)?,
        priority: rows::priority_from_rank(row.try_get("priority").map_err(db_err)?),
        owner_id: UserId(row.try_get("owner_id").map_err(db_err)?),
        owner_name: row.try_get("owner_name").map_err(db_err)?,
        owner_active: row.try_get::<bool, _>("owner_active").map_err(db_err)?,
        team_id: TeamId(row.try_get("team_id").map_err(db_err)?),
        team_name: row.try_get("team_name").map_err(db_err)?,
        title,
        people_count: row.try_get("people_count").map_err(db_err)?,
        inquiry_count: row.try_get("inquiry_count").map_err(db_err)?,
        created_at: rows::time(row, "created_at")?,
        updated_at: rows::time(row, "updated_at")?,
        deadlines: CaseDeadlines {
            first_response_due_at: rows::time_opt(row, "first_response_due_at")?,
            first_responded_at: rows::time_opt(row, "first_responded_at")?,
            next_action_due_at: rows::time_opt(row, "next_action_due_at")?,
        },
    })
}

fn push_filter(q: &mut QueryBuilder<Db>, at: DateTime<Utc>, f: &CaseFilter) {
    q.push(" WHERE 1 = 1");
    if let Some(s) = f.status {
        q.push(" AND c.status = ").push_bind(s.as_str());
    }
    // `is_open = TRUE`, not a bare `is_open`: SQLite searches the `cases_open` index only for
    // an equality (a bare column is a full scan there).
    if f.open_only {
        q.push(" AND c.is_open = TRUE");
    }
    if f.needs_owner {
        q.push(" AND c.is_open = TRUE AND c.owner_id IN (SELECT id FROM users WHERE NOT active)");
    }
    if let Some(o) = f.owner {
        q.push(" AND c.owner_id = ").push_bind(o.0);
    }
    if let Some(t) = f.team {
        q.push(" AND c.team_id = ").push_bind(t.0);
    }
    if let Some(scope) = f.visible_to {
        q.push(" AND (c.owner_id = ")
            .push_bind(scope.user.0)
            .push(" OR c.team_id = ")
            .push_bind(scope.team.map(|t| t.0).unwrap_or(-1))
            .push(")");
    }
    if let Some(c) = f.category {
        q.push(" AND c.category = ").push_bind(c.as_str());
    }
    if let Some(p) = f.priority {
        q.push(" AND c.priority = ")
            .push_bind(rows::priority_rank(p));
    } // The situation report's lists.
    if let Some(t) = f.opened_from {
        q.push(" AND c.created_at >= ").push_bind(dialect::time(t));
    }
    if let Some(t) = f.opened_before {
        q.push(" AND c.created_at < ").push_bind(dialect::time(t));
    }
    if let Some(t) = f.closed_from {
        q.push(" AND c.closed_at >= ").push_bind(dialect::time(t));
    }
    if let Some(t) = f.closed_before {
        q.push(" AND c.closed_at < ").push_bind(dialect::time(t));
    }
    if let Some(o) = f.outcome {
        q.push(" AND c.outcome = ").push_bind(o.as_str());
    }
    if f.overdue {
        let now = dialect::time(at);
        q.push(" AND c.is_open = TRUE AND ((c.first_responded_at IS NULL AND c.first_response_due_at < ")
            .push_bind(now)
            .push(") OR c.next_action_due_at < ")
            .push_bind(now)
            .push(")");
    }
    if let Some(p) = f.pathway {
        q.push(
            " AND c.id IN (SELECT cp.case_id FROM case_persons cp JOIN person_pathways pp
                           ON pp.person_id = cp.person_id WHERE pp.pathway = ",
        )
        .push_bind(p.as_str());
        if let Some(step) = &f.pathway_step {
            q.push(" AND pp.step = ").push_bind(step.clone());
        }
        q.push(")");
    }
}

pub(crate) async fn list(
    pool: &DbPool,
    at: DateTime<Utc>,
    cipher: &Cipher,
    filter: &CaseFilter,
    page: PageRequest,
) -> Result<Page<CaseSummary>> {
    let mut q = QueryBuilder::<Db>::new(SUMMARY_SELECT);
    push_filter(&mut q, at, filter);
    if let Some(after) = page.after {
        match filter.sort {
            CaseSort::Newest => {
                q.push(" AND c.id < ").push_bind(after.id);
            }
            CaseSort::Priority => {
                q.push(" AND (c.priority > ")
                    .push_bind(after.rank)
                    .push(" OR (c.priority = ")
                    .push_bind(after.rank)
                    .push(" AND c.id > ")
                    .push_bind(after.id)
                    .push("))");
            }
        }
    }
    q.push(match filter.sort {
        CaseSort::Newest => " ORDER BY c.id DESC",
        CaseSort::Priority => " ORDER BY c.priority ASC, c.id ASC",
    });
    q.push(" LIMIT ").push_bind(page.limit as i64 + 1);
    let rows = q.build().fetch_all(pool).await.map_err(db_err)?;
    let mut items = rows
        .iter()
        .map(|r| summary_row(r, cipher))
        .collect::<Result<Vec<_>>>()?;
    let next = if items.len() > page.limit as usize {
        items.truncate(page.limit as usize);
        items.last().map(|c| Cursor {
            rank: match filter.sort {
                CaseSort::Newest => 0,
                CaseSort::Priority => rows::priority_rank(c.priority),
            },
            id: c.id.0,
        })
    } else {
        None
    };
    let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*) FROM cases c");
    push_filter(&mut count, at, filter);
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
    Ok(Page { items, total, next })
}

pub(crate) async fn summary(pool: &DbPool, cipher: &Cipher, id: CaseId) -> Result<CaseSummary> {
    let row = sqlx::query(AssertSqlSafe(format!("{SUMMARY_SELECT} WHERE c.id = $1")))
        .bind(id.0)
        .fetch_optional(pool)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("case", id.0))?;
    summary_row(&row, cipher)
}

pub(crate) async fn get(pool: &DbPool, cipher: &Cipher, id: CaseId) -> Result<Option<Case>> {
    let summary = match summary(pool, cipher, id).await {
        Ok(s) => s,
        Err(StoreError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    let extra = sqlx::query(
        "SELECT household_id, outcome, outcome_reason, assessed_priority, priority,
                priority_reason, priority_set_by, priority_set_at
         FROM cases WHERE id = $1",
    )
    .bind(id.0)
    .fetch_one(pool)
    .await
    .map_err(db_err)?;
    let household_id: Option<i64> = extra.try_get("household_id").map_err(db_err)?;
    let closure = match extra
        .try_get::<Option<&str>, _>("outcome")
        .map_err(db_err)?
    {
        Some(code) => Some(Closure {
            outcome: rows::code::<CaseOutcome>(code)?,
            reason: rows::open_opt(cipher, Field::CaseOutcomeReason, &extra, "outcome_reason")?
                .unwrap_or_default(),
        }),
        None => None,
    };
    let priority_override = match extra
        .try_get::<Option<i64>, _>("assessed_priority")
        .map_err(db_err)?
    {
        Some(assessed) => Some(PriorityOverride {
            priority: rows::priority_from_rank(extra.try_get("priority").map_err(db_err)?),
            assessed: rows::priority_from_rank(assessed),
            reason: rows::open_opt(cipher, Field::CasePriorityReason, &extra, "priority_reason")?
                .unwrap_or_default(),
            by_name: extra
                .try_get::<Option<String>, _>("priority_set_by")
                .map_err(db_err)?
                .unwrap_or_default(),
            at: rows::time_opt(&extra, "priority_set_at")?.unwrap_or_default(),
        }),
        None => None,
    };
    let household = match household_id {
        Some(h) => {
            let label: Option<String> =
                sqlx::query_scalar("SELECT label FROM households WHERE id = $1")
                    .bind(h)
                    .fetch_one(pool)
                    .await
                    .map_err(db_err)?;
            Some(Household {
                id: HouseholdId(h),
                label: cipher.open_opt(Field::HouseholdLabel, label.as_deref())?,
            })
        }
        None => None,
    };
    let mut conn = pool.acquire().await.map_err(db_err)?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM case_persons WHERE case_id = $1 ORDER BY person_id",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    // The principal applicant first, then the others in the order they became known.
    let principal: Option<i64> =
        sqlx::query_scalar("SELECT principal_person_id FROM cases WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?;
    let mut ids = ids;
    if let Some(p) = principal
        && let Some(at) = ids.iter().position(|x| *x == p)
    {
        ids.remove(at);
        ids.insert(0, p);
    }
    let people = people::load(&mut conn, cipher, &ids).await?;
    let people_ids = ids.clone();
    drop(conn);
    let inquiries = sqlx::query(
        "SELECT i.id, i.reference, i.channel, i.received_at, i.subject, i.category, i.case_id,
                r.kind AS requester_kind, r.name AS requester_name,
                (SELECT COUNT(*) FROM person_records pr WHERE pr.inquiry_id = i.id) AS people_count
         FROM inquiries i JOIN requesters r ON r.id = i.requester_id
         JOIN case_inquiries ci ON ci.inquiry_id = i.id
         WHERE ci.case_id = $1 ORDER BY i.received_at",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await
    .map_err(db_err)?
    .iter()
    .map(|r| intake::summary(r, cipher))
    .collect::<Result<Vec<_>>>()?;
    let mut requesters = sqlx::query(
        "SELECT DISTINCT r.* FROM requesters r JOIN inquiries i ON i.requester_id = r.id
         JOIN case_inquiries ci ON ci.inquiry_id = i.id
         WHERE ci.case_id = $1",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await
    .map_err(db_err)?
    .iter()
    .map(|r| rows::requester(r, cipher))
    .collect::<Result<Vec<_>>>()?;
    // Names are sealed, so the database cannot order by them.
    requesters.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.0.cmp(&b.id.0)));
    // Views are audited too, but the case's history shows what happened to it, not who looked.
    let history = sqlx::query(
        "SELECT * FROM audit_events WHERE entity = 'case' AND entity_id = $1
         AND action NOT LIKE '%.viewed' ORDER BY id DESC LIMIT 500",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await
    .map_err(db_err)?
    .iter()
    .map(rows::audit_event)
    .collect::<Result<Vec<_>>>()?;
    let notes = workflow::case_notes(pool, cipher, id).await?;
    let tasks = workflow::case_tasks(pool, cipher, id).await?;
    let pathways = workflow::pathways_of(pool, cipher, &people_ids).await?;
    Ok(Some(Case {
        notes,
        tasks,
        pathways,
        summary,
        household,
        people,
        inquiries,
        requesters,
        closure,
        priority_override,
        history,
    }))
}

async fn current(conn: &mut Conn, id: CaseId) -> Result<(CaseStatus, i64, i64)> {
    let row = sqlx::query("SELECT status, owner_id, team_id FROM cases WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("case", id.0))?;
    Ok((
        rows::code(row.try_get::<&str, _>("status").map_err(db_err)?)?,
        row.try_get("owner_id").map_err(db_err)?,
        row.try_get("team_id").map_err(db_err)?,
    ))
}

/// Free text never enters the audit trail: the trail is kept for ever (a purge cannot touch
/// it) and read by auditors who need no personal data. A reason given for a change is kept as
/// a note on the case, sealed and purged like every note, and the trail points to it.
pub(crate) async fn with_reason(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    case: CaseId,
    mut detail: String,
    reason: Option<&str>,
    actor: &Actor,
) -> Result<String> {
    if let Some(r) = reason.map(str::trim).filter(|r| !r.is_empty()) {
        let body = corridor_store::protection::reason_note(&detail, r);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO case_notes (case_id, author_id, author_name, body, contact, created_at)
             VALUES ($1, $2, $3, $4, FALSE, $5) RETURNING id",
        )
        .bind(case.0)
        .bind(actor.user_id.map(|u| u.0))
        .bind(&actor.name)
        .bind(cipher.seal(Field::NoteBody, &body))
        .bind(dialect::time(at))
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
        detail.push_str(&format!("; reason in note {id}"));
    }
    Ok(detail)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn assign(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    id: CaseId,
    owner: UserId,
    team: Option<TeamId>,
    reason: Option<&str>,
    actor: &Actor,
) -> Result<()> {
    let (_, old_owner, old_team) = current(conn, id).await?;
    let new_owner = users::active_user(conn, owner).await?;
    // A partner organization's user never sees cases, so never owns one.
    if new_owner.role == corridor_domain::Role::Partner {
        return Err(Refusal::PartnerCannotOwn {
            username: new_owner.username.to_string(),
        }
        .into());
    }
    let team = team.or(new_owner.team_id).unwrap_or(TeamId(old_team));
    let team_name: String = sqlx::query_scalar("SELECT name FROM teams WHERE id = $1")
        .bind(team.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("team", team.0))?;
    let old_owner_name: String = sqlx::query_scalar("SELECT username FROM users WHERE id = $1")
        .bind(old_owner)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
    sqlx::query("UPDATE cases SET owner_id = $1, team_id = $2, updated_at = $3 WHERE id = $4")
        .bind(owner.0)
        .bind(team.0)
        .bind(dialect::time(at))
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    let mut detail = format!("owner {} → {}", old_owner_name, new_owner.username);
    if team.0 != old_team {
        detail.push_str(&format!("; team → {team_name}"));
    }
    let detail = with_reason(conn, at, cipher, id, detail, reason, actor).await?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(AuditAction::CaseAssigned, "case", id.0, detail),
    )
    .await
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn change_status(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    id: CaseId,
    to: CaseStatus,
    reason: Option<&str>,
    outcome: Option<CaseOutcome>,
    actor: &Actor,
) -> Result<()> {
    let (from, _, _) = current(conn, id).await?;
    from.transition(to, reason, outcome)?;
    // The outcome belongs to the closing; a reopened case has none until it closes again (the
    // history keeps the earlier one).
    let reason_kept = outcome.and(reason.map(str::trim));
    sqlx::query(
        "UPDATE cases SET status = $1, is_open = $2, outcome = $3, outcome_reason = $4,
                          updated_at = $5
         WHERE id = $6",
    )
    .bind(to.as_str())
    .bind(to.is_open())
    .bind(outcome.map(|o| o.as_str()))
    .bind(cipher.seal_opt(Field::CaseOutcomeReason, reason_kept))
    .bind(dialect::time(at))
    .bind(id.0)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    // Leaving new/triaged is the first response; any move restarts the next-action clock (and
    // a closed case has none).
    workflow::acted(
        conn,
        at,
        id,
        !matches!(to, CaseStatus::New | CaseStatus::Triaged),
    )
    .await?;
    let mut detail = format!("{} → {}", from.label(), to.label());
    if let Some(o) = outcome {
        detail.push_str(&format!("; outcome: {}", o.as_str()));
    }
    let detail = with_reason(conn, at, cipher, id, detail, reason, actor).await?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(AuditAction::CaseStatusChanged, "case", id.0, detail),
    )
    .await
}

pub(crate) async fn override_priority(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    id: CaseId,
    priority: Priority,
    reason: &str,
    actor: &Actor,
) -> Result<()> {
    let reason = corridor_store::triage::check_override_reason(reason)?;
    let row = sqlx::query("SELECT priority, assessed_priority FROM cases WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("case", id.0))?;
    let before = rows::priority_from_rank(row.try_get("priority").map_err(db_err)?);
    let assessed: i64 = row
        .try_get::<Option<i64>, _>("assessed_priority")
        .map_err(db_err)?
        .unwrap_or(rows::priority_rank(before));
    let now = dialect::time(at);
    sqlx::query(
        "UPDATE cases SET priority = $1, assessed_priority = $2, priority_reason = $3,
                          priority_set_by = $4, priority_set_at = $5, updated_at = $5
         WHERE id = $6",
    )
    .bind(rows::priority_rank(priority))
    .bind(assessed)
    .bind(cipher.seal(Field::CasePriorityReason, reason))
    .bind(&actor.name)
    .bind(now)
    .bind(id.0)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    workflow::refresh_deadlines(conn, id).await?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::CasePriorityOverridden,
            "case",
            id.0,
            format!(
                "{} → {} (assessed {}); reason recorded on the case",
                before.label(),
                priority.label(),
                rows::priority_from_rank(assessed).label()
            ),
        ),
    )
    .await
}

pub(crate) async fn totals(pool: &DbPool) -> Result<Totals> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM inquiries) AS inquiries,
                (SELECT COUNT(*) FROM inquiries WHERE case_id IS NULL) AS untriaged,
                (SELECT COUNT(*) FROM persons WHERE merged_into IS NULL) AS people,
                (SELECT COUNT(*) FROM match_reviews WHERE status = 'pending') AS pending_reviews,
                (SELECT COUNT(*) FROM households) AS households,
                (SELECT COUNT(*) FROM cases) AS cases,
                (SELECT COUNT(*) FROM cases WHERE is_open = TRUE) AS open_cases,
                (SELECT COUNT(*) FROM users) AS users",
    )
    .fetch_one(pool)
    .await
    .map_err(db_err)?;
    let get = |c: &str| row.try_get::<i64, _>(c).map_err(db_err);
    Ok(Totals {
        inquiries: get("inquiries")?,
        pending_reviews: get("pending_reviews")?,
        untriaged_inquiries: get("untriaged")?,
        people: get("people")?,
        households: get("households")?,
        cases: get("cases")?,
        open_cases: get("open_cases")?,
        users: get("users")?,
    })
}

/// The summaries of the cases that exist among `ids`, in the order given.
pub(crate) async fn summaries(
    pool: &DbPool,
    cipher: &Cipher,
    ids: &[CaseId],
) -> Result<Vec<CaseSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let raw: Vec<i64> = ids.iter().map(|c| c.0).collect();
    let rows = sqlx::query(AssertSqlSafe(format!(
        "{SUMMARY_SELECT} WHERE c.id {}",
        dialect::in_ids!(1)
    )))
    .bind(dialect::ids(&raw))
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    let mut found = rows
        .iter()
        .map(|r| summary_row(r, cipher))
        .collect::<Result<Vec<_>>>()?;
    found.sort_by_key(|c| ids.iter().position(|i| *i == c.id));
    Ok(found)
}

/// Splitting and joining cases (see `CaseStore::move_people`). The caller's transaction
/// holds the write lock, as for every change that adds cases or households.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn move_people(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    from: CaseId,
    people: &[corridor_domain::PersonId],
    to: Option<CaseId>,
    reason: &str,
    actor: &Actor,
) -> Result<corridor_store::CaseMove> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Refusal::MoveWithoutReason.into());
    }
    let mut moving: Vec<i64> = people.iter().map(|p| p.0).collect();
    moving.sort_unstable();
    moving.dedup();
    if moving.is_empty() {
        return Err(Refusal::NobodyToMove.into());
    }
    let (status, _, _) = current(conn, from).await?;
    if !status.is_open() {
        return Err(Refusal::CaseClosed { case: from.0 }.into());
    }
    let on_case = case_people(conn, from).await?;
    if let Some(p) = moving.iter().find(|p| !on_case.contains(p)) {
        return Err(Refusal::PersonNotOnCase {
            person: *p,
            case: from,
        }
        .into());
    }
    let now = dialect::time(at);
    let (to, opened) = match to {
        Some(to) if to == from => return Err(Refusal::MoveWithinCase { case: from.0 }.into()),
        Some(to) => {
            let (status, _, _) = current(conn, to).await?;
            if !status.is_open() {
                // Moving people back into the case a join emptied undoes the join.
                change_status(
                    conn,
                    at,
                    cipher,
                    to,
                    CaseStatus::Reopened,
                    Some(&format!("people moved back from C-{}", from.0)),
                    None,
                    actor,
                )
                .await?;
            }
            (to, false)
        }
        None => {
            // A split: the people moved are a family of their own.
            let household: i64 = sqlx::query_scalar(
                "INSERT INTO households (label, created_at) VALUES (NULL, $1) RETURNING id",
            )
            .bind(now)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?;
            let case: i64 = sqlx::query_scalar(
                "INSERT INTO cases (category, status, is_open, priority, owner_id, team_id,
                                    household_id, principal_person_id, created_at, updated_at)
                 SELECT category, $1, TRUE, priority, owner_id, team_id, $2, $3, $4, $4
                 FROM cases WHERE id = $5 RETURNING id",
            )
            .bind(CaseStatus::Triaged.as_str())
            .bind(household)
            .bind(moving[0])
            .bind(now)
            .bind(from.0)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?;
            audit::append(
                conn,
                at,
                actor,
                &NewAuditEvent::new(
                    AuditAction::CaseCreated,
                    "case",
                    case,
                    format!("split from C-{}", from.0),
                ),
            )
            .await?;
            (CaseId(case), true)
        }
    };
    let household: Option<i64> = sqlx::query_scalar("SELECT household_id FROM cases WHERE id = $1")
        .bind(to.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
    for p in &moving {
        sqlx::query("DELETE FROM case_persons WHERE case_id = $1 AND person_id = $2")
            .bind(from.0)
            .bind(p)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO case_persons (case_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(to.0)
        .bind(p)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
        if household.is_some() {
            sqlx::query("UPDATE persons SET household_id = $1, updated_at = $2 WHERE id = $3")
                .bind(household)
                .bind(now)
                .bind(p)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
        }
    }
    // The requests about the people moved now feed `to`; those about nobody left on `from`
    // stop feeding it (and answer with `to`).
    let left = case_people(conn, from).await?;
    let mut inquiries: Vec<corridor_domain::InquiryId> = Vec::new();
    let fed: Vec<i64> = sqlx::query_scalar(
        "SELECT inquiry_id FROM case_inquiries WHERE case_id = $1 ORDER BY inquiry_id",
    )
    .bind(from.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    for inquiry in fed {
        let about: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT person_id FROM person_records WHERE inquiry_id = $1",
        )
        .bind(inquiry)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)?;
        if !about.iter().any(|p| moving.binary_search(p).is_ok()) {
            continue;
        }
        sqlx::query(
            "INSERT INTO case_inquiries (case_id, inquiry_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(to.0)
        .bind(inquiry)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
        inquiries.push(corridor_domain::InquiryId(inquiry));
        if !about.iter().any(|p| left.contains(p)) {
            sqlx::query("DELETE FROM case_inquiries WHERE case_id = $1 AND inquiry_id = $2")
                .bind(from.0)
                .bind(inquiry)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
            sqlx::query("UPDATE inquiries SET case_id = $1 WHERE id = $2 AND case_id = $3")
                .bind(to.0)
                .bind(inquiry)
                .bind(from.0)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
        }
    }
    // Each case's principal stays on it.
    for case in [from, to] {
        let people = case_people(conn, case).await?;
        sqlx::query(
            "UPDATE cases SET updated_at = $1,
                 principal_person_id = CASE WHEN principal_person_id IN
                     (SELECT person_id FROM case_persons WHERE case_id = $2)
                     THEN principal_person_id ELSE $3 END
             WHERE id = $2",
        )
        .bind(now)
        .bind(case.0)
        .bind(people.first().copied())
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    }
    let who = moving
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let requests = inquiries
        .iter()
        .map(|i| i.0.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let out = if requests.is_empty() {
        format!("people {who} moved to C-{}", to.0)
    } else {
        format!(
            "people {who} moved to C-{}; inquiries {requests} feed it",
            to.0
        )
    };
    let detail = with_reason(conn, at, cipher, from, out, Some(reason), actor).await?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(AuditAction::CasePeopleMoved, "case", from.0, detail),
    )
    .await?;
    let into = format!("people {who} moved here from C-{}", from.0);
    let detail = with_reason(conn, at, cipher, to, into, Some(reason), actor).await?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(AuditAction::CasePeopleMoved, "case", to.0, detail),
    )
    .await?;
    let closed_from = left.is_empty();
    if closed_from {
        change_status(
            conn,
            at,
            cipher,
            from,
            CaseStatus::Closed,
            Some(&format!("all its people moved to C-{}", to.0)),
            Some(CaseOutcome::Duplicate),
            actor,
        )
        .await?;
    }
    Ok(corridor_store::CaseMove {
        from,
        to,
        opened,
        people: moving.into_iter().map(corridor_domain::PersonId).collect(),
        inquiries,
        closed_from,
    })
}

/// The people on a case, by id.
async fn case_people(conn: &mut Conn, case: CaseId) -> Result<Vec<i64>> {
    sqlx::query_scalar("SELECT person_id FROM case_persons WHERE case_id = $1 ORDER BY person_id")
        .bind(case.0)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)
}
