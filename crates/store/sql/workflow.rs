//! Deadlines and escalation, notifications, notes and tasks, pathways and bulk actions. The
//! rules are `corridor_store::workflow`'s and the domain's; this only writes them.

use std::sync::LazyLock;

use chrono::{DateTime, Duration, Utc};
use corridor_domain::{
    CaseId, CaseNote, CaseOutcome, CaseStatus, CaseTask, DeadlineKind, Escalation, Notification,
    OverdueCount, Pathway, PathwayChange, PathwayCount, PathwayEvidence, PersonId, PersonPathway,
    TeamId, UserId, mentions,
};
use corridor_store::Refusal;
use corridor_store::crypto::{Cipher, Field};
use corridor_store::workflow::{
    VERIFICATION_DAYS, allowed_seconds_sql, bulk_refusal, check_bulk, check_email, check_optional,
    check_text, escalation_text, mention_text, step_error, task_text, verification_tasks,
};
use corridor_store::{Actor, AuditAction, NewAuditEvent, NewEvidence, NewTask, Result};
use sqlx::{AssertSqlSafe, Row};

use crate::dialect::{self, Conn, DbPool, DbRow, in_ids};
use crate::{audit, cases, db_err, documents, missing, rows, users};

/// Sets the clocks of one case (`WHERE c.id = $1`) or of every open case without them.
static REFRESH: LazyLock<String> = LazyLock::new(|| {
    format!(
        "UPDATE cases AS c SET
            first_response_due_at = c.created_at + {fr} * {second},
            last_action_at = COALESCE(c.last_action_at, c.created_at),
            next_action_due_at = CASE WHEN c.is_open = TRUE
                THEN COALESCE(c.last_action_at, c.created_at) + {na} * {second} END",
        fr = allowed_seconds_sql(DeadlineKind::FirstResponse, "c.category", "c.priority"),
        na = allowed_seconds_sql(DeadlineKind::NextAction, "c.category", "c.priority"),
        second = dialect::ONE_SECOND,
    )
});

/// Gives every open case that has no clocks yet its clocks: run after every write that makes
/// cases (intake, triage) and before escalating, so cases from before deadlines existed get
/// them too.
pub(crate) async fn fill_deadlines(conn: &mut Conn) -> Result<()> {
    sqlx::query(AssertSqlSafe(format!(
        "{} WHERE c.is_open = TRUE AND c.next_action_due_at IS NULL",
        *REFRESH
    )))
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Recomputes one case's clocks from its category, priority and last action (after a
/// priority change, a status change, or an action).
pub(crate) async fn refresh_deadlines(conn: &mut Conn, id: CaseId) -> Result<()> {
    sqlx::query(AssertSqlSafe(format!("{} WHERE c.id = $1", *REFRESH)))
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Something was done on the case: the next-action clock restarts, and `first_response`
/// meets the first-response clock if it was still running.
pub(crate) async fn acted(
    conn: &mut Conn,
    at: DateTime<Utc>,
    id: CaseId,
    first_response: bool,
) -> Result<()> {
    let now = dialect::time(at);
    sqlx::query(
        "UPDATE cases SET last_action_at = $1,
             first_responded_at = CASE WHEN $2 THEN COALESCE(first_responded_at, $1)
                                       ELSE first_responded_at END
         WHERE id = $3",
    )
    .bind(now)
    .bind(first_response)
    .bind(id.0)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    refresh_deadlines(conn, id).await
}

// --- users' email ---------------------------------------------------------------------------

pub(crate) async fn set_email(
    conn: &mut Conn,
    at: DateTime<Utc>,
    user: UserId,
    email: Option<&str>,
    actor: &Actor,
) -> Result<()> {
    let email = check_email(email)?;
    let done = sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
        .bind(&email)
        .bind(user.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    if done.rows_affected() == 0 {
        return Err(missing("user", user.0));
    }
    // The address itself is a staff member's contact detail: the audit says only that it changed.
    let what = if email.is_some() { "set" } else { "cleared" };
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::UserEmailChanged,
            "user",
            user.0,
            format!("email {what}"),
        ),
    )
    .await
}

pub(crate) async fn email(pool: &DbPool, user: UserId) -> Result<Option<String>> {
    let found: Option<Option<String>> = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user.0)
        .fetch_optional(pool)
        .await
        .map_err(db_err)?;
    found.ok_or_else(|| missing("user", user.0))
}

// --- notifications --------------------------------------------------------------------------

pub(crate) async fn notify(
    conn: &mut Conn,
    at: DateTime<Utc>,
    user: UserId,
    kind: &str,
    case: Option<CaseId>,
    text: &str,
) -> Result<i64> {
    let text = check_text("notification", text)?;
    let kind = kind.trim();
    if kind.is_empty() || kind.len() > 64 {
        return Err(Refusal::NotificationKind.into());
    }
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
        .bind(user.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
    exists.ok_or_else(|| missing("user", user.0))?;
    sqlx::query_scalar(
        "INSERT INTO notifications (user_id, kind, case_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(user.0)
    .bind(kind)
    .bind(case.map(|c| c.0))
    .bind(text)
    .bind(dialect::time(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)
}

fn notification(r: &DbRow) -> Result<Notification> {
    Ok(Notification {
        id: r.try_get("id").map_err(db_err)?,
        user_id: UserId(r.try_get("user_id").map_err(db_err)?),
        kind: r.try_get("kind").map_err(db_err)?,
        case_id: r
            .try_get::<Option<i64>, _>("case_id")
            .map_err(db_err)?
            .map(CaseId),
        text: r.try_get("body").map_err(db_err)?,
        created_at: rows::time(r, "created_at")?,
        read_at: rows::time_opt(r, "read_at")?,
    })
}

pub(crate) async fn notifications(
    pool: &DbPool,
    user: UserId,
    unread_only: bool,
    limit: u32,
) -> Result<Vec<Notification>> {
    sqlx::query(
        "SELECT * FROM notifications WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)
         ORDER BY id DESC LIMIT $3",
    )
    .bind(user.0)
    .bind(unread_only)
    .bind(limit.clamp(1, 1000) as i64)
    .fetch_all(pool)
    .await
    .map_err(db_err)?
    .iter()
    .map(notification)
    .collect()
}

pub(crate) async fn unread(pool: &DbPool, user: UserId) -> Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user.0)
        .fetch_one(pool)
        .await
        .map_err(db_err)
}

pub(crate) async fn mark_read(
    conn: &mut Conn,
    at: DateTime<Utc>,
    user: UserId,
    ids: Option<&[i64]>,
) -> Result<u64> {
    let now = dialect::time(at);
    let done = match ids {
        None => {
            sqlx::query(
                "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
            )
            .bind(now)
            .bind(user.0)
            .execute(&mut *conn)
            .await
        }
        // Ids of other users' notifications change nothing: the count says what was marked.
        Some(ids) => {
            sqlx::query(concat!(
                "UPDATE notifications SET read_at = $1
             WHERE user_id = $2 AND read_at IS NULL AND id ",
                in_ids!(3)
            ))
            .bind(now)
            .bind(user.0)
            .bind(dialect::ids(ids))
            .execute(&mut *conn)
            .await
        }
    };
    Ok(done.map_err(db_err)?.rows_affected())
}

// --- escalation -----------------------------------------------------------------------------

pub(crate) async fn escalate(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    now: DateTime<Utc>,
) -> Result<Vec<Escalation>> {
    fill_deadlines(conn).await?;
    let judged = dialect::time(now);
    // The lead hears about it; where the team has no active lead, the owner does.
    let due = sqlx::query(
        "WITH d AS (
             SELECT c.id, 'first_response' AS kind, c.first_response_due_at AS due_at,
                    c.team_id, c.owner_id
             FROM cases c
             WHERE c.is_open = TRUE AND c.first_responded_at IS NULL AND c.first_response_due_at < $1
             UNION ALL
             SELECT c.id, 'next_action', c.next_action_due_at, c.team_id, c.owner_id
             FROM cases c WHERE c.is_open = TRUE AND c.next_action_due_at < $1)
         SELECT d.id, d.kind, d.due_at,
                CASE WHEN lu.active THEN t.lead_id ELSE d.owner_id END AS to_user,
                (SELECT email FROM users u
                 WHERE u.id = CASE WHEN lu.active THEN t.lead_id ELSE d.owner_id END) AS email,
                (SELECT MIN(i.id) FROM inquiries i WHERE i.case_id = d.id) AS inquiry_id
         FROM d JOIN teams t ON t.id = d.team_id LEFT JOIN users lu ON lu.id = t.lead_id
         WHERE NOT EXISTS (SELECT 1 FROM escalations e
                           WHERE e.case_id = d.id AND e.kind = d.kind AND e.due_at = d.due_at)
         ORDER BY d.due_at, d.id, d.kind",
    )
    .bind(judged)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    let mut out = Vec::new();
    let system = Actor::system("escalation");
    // The email goes out now, whatever moment is being escalated.
    let sent_from = dialect::time(at);
    for r in &due {
        let case = CaseId(r.try_get("id").map_err(db_err)?);
        let kind: DeadlineKind = rows::code(r.try_get::<&str, _>("kind").map_err(db_err)?)?;
        let due_at = rows::time(r, "due_at")?;
        let to = UserId(r.try_get("to_user").map_err(db_err)?);
        let email: Option<String> = r.try_get("email").map_err(db_err)?;
        let inquiry: Option<i64> = r.try_get("inquiry_id").map_err(db_err)?;
        // The unique key decides: another server that got here first leaves nothing to insert.
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO escalations (case_id, kind, due_at, notified_user_id, emailed,
                                      escalated_at)
             VALUES ($1, $2, $3, $4, FALSE, $5) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(case.0)
        .bind(kind.as_str())
        .bind(dialect::time(due_at))
        .bind(to.0)
        .bind(judged)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
        let Some(id) = id else { continue };
        let text = escalation_text(case, kind, due_at);
        let notification = notify(conn, at, to, "escalation", Some(case), &text).await?;
        let emailed = match (&email, inquiry) {
            (Some(address), Some(inquiry)) => {
                sqlx::query(
                    "INSERT INTO outbox (inquiry_id, kind, to_address, created_at,
                                         next_attempt_at, escalation_id)
                     VALUES ($1, 'escalation', $2, $3, $4, $5)",
                )
                .bind(inquiry)
                .bind(cipher.seal(Field::OutboxAddress, address))
                .bind(sent_from)
                .bind(sent_from)
                .bind(id)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
                true
            }
            _ => false,
        };
        sqlx::query("UPDATE escalations SET notification_id = $1, emailed = $2 WHERE id = $3")
            .bind(notification)
            .bind(emailed)
            .bind(id)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
        audit::append(
            conn,
            at,
            &system,
            &NewAuditEvent::new(
                AuditAction::CaseEscalated,
                "case",
                case.0,
                format!(
                    "{} overdue; user {} notified{}",
                    kind.as_str(),
                    to.0,
                    if emailed { " and emailed" } else { "" }
                ),
            ),
        )
        .await?;
        out.push(Escalation {
            id,
            case_id: case,
            kind,
            due_at,
            notified_user: to,
            emailed,
            escalated_at: now,
        });
    }
    Ok(out)
}

pub(crate) async fn overdue_counts(pool: &DbPool, now: DateTime<Utc>) -> Result<Vec<OverdueCount>> {
    sqlx::query(
        "SELECT t.id, t.name,
                SUM(CASE WHEN c.first_responded_at IS NULL AND c.first_response_due_at < $1
                         THEN 1 ELSE 0 END) AS fr,
                SUM(CASE WHEN c.next_action_due_at < $1 THEN 1 ELSE 0 END) AS na,
                COUNT(*) AS cases
         FROM cases c JOIN teams t ON t.id = c.team_id
         WHERE c.is_open = TRUE AND ((c.first_responded_at IS NULL AND c.first_response_due_at < $1)
                                  OR c.next_action_due_at < $1)
         GROUP BY t.id, t.name ORDER BY t.name",
    )
    .bind(dialect::time(now))
    .fetch_all(pool)
    .await
    .map_err(db_err)?
    .iter()
    .map(|r| {
        Ok(OverdueCount {
            team_id: TeamId(r.try_get("id").map_err(db_err)?),
            team_name: r.try_get("name").map_err(db_err)?,
            cases: r.try_get("cases").map_err(db_err)?,
            first_response: r.try_get("fr").map_err(db_err)?,
            next_action: r.try_get("na").map_err(db_err)?,
        })
    })
    .collect()
}

// --- notes and tasks ------------------------------------------------------------------------

async fn case_exists(conn: &mut Conn, case: CaseId) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM cases WHERE id = $1")
        .bind(case.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
    found.map(|_| ()).ok_or_else(|| missing("case", case.0))
}

/// Notifies every active user mentioned in `text`, except the writer. Unknown names are
/// ignored: a mention is a courtesy, not an address.
async fn notify_mentions(
    conn: &mut Conn,
    at: DateTime<Utc>,
    text: &str,
    case: CaseId,
    in_what: &str,
    actor: &Actor,
) -> Result<()> {
    for name in mentions(text) {
        let user: Option<i64> =
            sqlx::query_scalar("SELECT id FROM users WHERE username = $1 AND active")
                .bind(&name)
                .fetch_optional(&mut *conn)
                .await
                .map_err(db_err)?;
        if let Some(u) = user
            && Some(UserId(u)) != actor.user_id
        {
            notify(
                conn,
                at,
                UserId(u),
                "mention",
                Some(case),
                &mention_text(&actor.name, case, in_what),
            )
            .await?;
        }
    }
    Ok(())
}

fn note(r: &DbRow, cipher: &Cipher) -> Result<CaseNote> {
    Ok(CaseNote {
        id: r.try_get("id").map_err(db_err)?,
        case_id: CaseId(r.try_get("case_id").map_err(db_err)?),
        author_id: r
            .try_get::<Option<i64>, _>("author_id")
            .map_err(db_err)?
            .map(UserId),
        author_name: r.try_get("author_name").map_err(db_err)?,
        body: rows::open(cipher, Field::NoteBody, r, "body")?,
        contact: r.try_get::<bool, _>("contact").map_err(db_err)?,
        created_at: rows::time(r, "created_at")?,
    })
}

pub(crate) async fn add_note(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    case: CaseId,
    body: &str,
    contact: bool,
    actor: &Actor,
) -> Result<CaseNote> {
    let body = check_text("note", body)?;
    case_exists(conn, case).await?;
    let row = sqlx::query(
        "INSERT INTO case_notes (case_id, author_id, author_name, body, contact, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *",
    )
    .bind(case.0)
    .bind(actor.user_id.map(|u| u.0))
    .bind(&actor.name)
    .bind(cipher.seal(Field::NoteBody, body))
    .bind(contact)
    .bind(dialect::time(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    let n = note(&row, cipher)?;
    acted(conn, at, case, contact).await?;
    notify_mentions(conn, at, body, case, "note", actor).await?;
    // The note's text is personal data: the audit names the note, not what it says.
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::CaseNoteAdded,
            "case",
            case.0,
            format!("note {}{}", n.id, if contact { " (contact)" } else { "" }),
        ),
    )
    .await?;
    Ok(n)
}

const TASK_SELECT: &str = "SELECT k.*, u.display_name AS assignee_name FROM case_tasks k
     LEFT JOIN users u ON u.id = k.assignee_id";

fn task(r: &DbRow, cipher: &Cipher) -> Result<CaseTask> {
    Ok(CaseTask {
        id: r.try_get("id").map_err(db_err)?,
        case_id: CaseId(r.try_get("case_id").map_err(db_err)?),
        body: rows::open(cipher, Field::TaskBody, r, "body")?,
        assignee_id: r
            .try_get::<Option<i64>, _>("assignee_id")
            .map_err(db_err)?
            .map(UserId),
        assignee_name: r.try_get("assignee_name").map_err(db_err)?,
        due_at: rows::time_opt(r, "due_at")?,
        created_by: r.try_get("created_by").map_err(db_err)?,
        created_at: rows::time(r, "created_at")?,
        done_at: rows::time_opt(r, "done_at")?,
        done_by: r.try_get("done_by").map_err(db_err)?,
    })
}

async fn get_task(conn: &mut Conn, cipher: &Cipher, id: i64) -> Result<CaseTask> {
    let row = sqlx::query(AssertSqlSafe(format!("{TASK_SELECT} WHERE k.id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("task", id))?;
    task(&row, cipher)
}

#[allow(clippy::too_many_arguments)]
async fn insert_task(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    case: CaseId,
    body: &str,
    assignee: Option<UserId>,
    due_at: Option<DateTime<Utc>>,
    actor: &Actor,
) -> Result<CaseTask> {
    if let Some(a) = assignee {
        users::active_user(conn, a).await?;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO case_tasks (case_id, body, assignee_id, due_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(case.0)
    .bind(cipher.seal(Field::TaskBody, body))
    .bind(assignee.map(|a| a.0))
    .bind(due_at.map(dialect::time))
    .bind(&actor.name)
    .bind(dialect::time(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    if let Some(a) = assignee
        && Some(a) != actor.user_id
    {
        notify(
            conn,
            at,
            a,
            "task_assigned",
            Some(case),
            &task_text(&actor.name, case),
        )
        .await?;
    }
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::CaseTaskAdded,
            "case",
            case.0,
            match assignee {
                Some(a) => format!("task {id} for user {}", a.0),
                None => format!("task {id}"),
            },
        ),
    )
    .await?;
    get_task(conn, cipher, id).await
}

pub(crate) async fn add_task(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    case: CaseId,
    new: NewTask,
    actor: &Actor,
) -> Result<CaseTask> {
    let body = check_text("task", &new.body)?;
    case_exists(conn, case).await?;
    let t = insert_task(
        conn,
        at,
        cipher,
        case,
        body,
        new.assignee,
        new.due_at,
        actor,
    )
    .await?;
    notify_mentions(conn, at, body, case, "task", actor).await?;
    Ok(t)
}

pub(crate) async fn set_task_done(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    id: i64,
    done: bool,
    actor: &Actor,
) -> Result<CaseTask> {
    let before = get_task(conn, cipher, id).await?;
    if before.done_at.is_some() == done {
        return Err(Refusal::TaskAlready { task: id, done }.into());
    }
    let now = dialect::time(at);
    sqlx::query("UPDATE case_tasks SET done_at = $1, done_by = $2 WHERE id = $3")
        .bind(done.then_some(now))
        .bind(done.then_some(actor.name.as_str()))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    if done {
        acted(conn, at, before.case_id, false).await?;
    }
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            if done {
                AuditAction::CaseTaskDone
            } else {
                AuditAction::CaseTaskReopened
            },
            "case",
            before.case_id.0,
            format!("task {id}"),
        ),
    )
    .await?;
    get_task(conn, cipher, id).await
}

pub(crate) async fn tasks_for(
    pool: &DbPool,
    cipher: &Cipher,
    user: UserId,
    include_done: bool,
) -> Result<Vec<CaseTask>> {
    sqlx::query(AssertSqlSafe(format!(
        "{TASK_SELECT} WHERE k.assignee_id = $1 AND ($2 OR k.done_at IS NULL)
         ORDER BY k.done_at IS NOT NULL, k.due_at IS NULL, k.due_at, k.id LIMIT 5000"
    )))
    .bind(user.0)
    .bind(include_done)
    .fetch_all(pool)
    .await
    .map_err(db_err)?
    .iter()
    .map(|r| task(r, cipher))
    .collect()
}

pub(crate) async fn case_notes(
    pool: &DbPool,
    cipher: &Cipher,
    case: CaseId,
) -> Result<Vec<CaseNote>> {
    sqlx::query("SELECT * FROM case_notes WHERE case_id = $1 ORDER BY id DESC")
        .bind(case.0)
        .fetch_all(pool)
        .await
        .map_err(db_err)?
        .iter()
        .map(|r| note(r, cipher))
        .collect()
}

pub(crate) async fn case_tasks(
    pool: &DbPool,
    cipher: &Cipher,
    case: CaseId,
) -> Result<Vec<CaseTask>> {
    sqlx::query(AssertSqlSafe(format!(
        "{TASK_SELECT} WHERE k.case_id = $1
         ORDER BY k.done_at IS NOT NULL, k.due_at IS NULL, k.due_at, k.id"
    )))
    .bind(case.0)
    .fetch_all(pool)
    .await
    .map_err(db_err)?
    .iter()
    .map(|r| task(r, cipher))
    .collect()
}

// --- pathways -------------------------------------------------------------------------------

async fn load_pathways(
    conn: &mut Conn,
    cipher: &Cipher,
    people: &[i64],
) -> Result<Vec<PersonPathway>> {
    let mut out = Vec::new();
    for p in people {
        let rows = sqlx::query("SELECT * FROM person_pathways WHERE person_id = $1 ORDER BY id")
            .bind(p)
            .fetch_all(&mut *conn)
            .await
            .map_err(db_err)?;
        for r in &rows {
            let id: i64 = r.try_get("id").map_err(db_err)?;
            let evidence =
                sqlx::query("SELECT * FROM pathway_evidence WHERE pathway_id = $1 ORDER BY id")
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db_err)?
                    .iter()
                    .map(|e| {
                        Ok(PathwayEvidence {
                            id: e.try_get("id").map_err(db_err)?,
                            kind: rows::code(e.try_get::<&str, _>("kind").map_err(db_err)?)?,
                            reference: rows::open_opt(
                                cipher,
                                Field::EvidenceReference,
                                e,
                                "reference",
                            )?,
                            note: rows::open_opt(cipher, Field::EvidenceNote, e, "note")?,
                            document_id: e.try_get("document_id").map_err(db_err)?,
                            added_by: e.try_get("added_by").map_err(db_err)?,
                            added_at: rows::time(e, "added_at")?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
            let history =
                sqlx::query("SELECT * FROM pathway_changes WHERE pathway_id = $1 ORDER BY id DESC")
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db_err)?
                    .iter()
                    .map(|h| {
                        Ok(PathwayChange {
                            from_step: h.try_get("from_step").map_err(db_err)?,
                            to_step: h.try_get("to_step").map_err(db_err)?,
                            note: rows::open_opt(cipher, Field::PathwayChangeNote, h, "note")?,
                            by: h.try_get("actor").map_err(db_err)?,
                            at: rows::time(h, "at")?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
            out.push(PersonPathway {
                id,
                person_id: PersonId(*p),
                pathway: rows::code(r.try_get::<&str, _>("pathway").map_err(db_err)?)?,
                step: r.try_get("step").map_err(db_err)?,
                updated_at: rows::time(r, "updated_at")?,
                evidence,
                history,
            });
        }
    }
    Ok(out)
}

pub(crate) async fn pathways_of(
    pool: &DbPool,
    cipher: &Cipher,
    people: &[i64],
) -> Result<Vec<PersonPathway>> {
    let mut conn = pool.acquire().await.map_err(db_err)?;
    load_pathways(&mut conn, cipher, people).await
}

/// The person a pathway is recorded on: merged people live on in the one they were merged into.
async fn live_person(conn: &mut Conn, person: PersonId) -> Result<i64> {
    let merged: Option<Option<i64>> =
        sqlx::query_scalar("SELECT merged_into FROM persons WHERE id = $1")
            .bind(person.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?;
    match merged.ok_or_else(|| missing("person", person.0))? {
        Some(into) => Err(Refusal::PathwayOnMerged {
            person: person.0,
            into,
        }
        .into()),
        None => Ok(person.0),
    }
}

// The trait method's six arguments, and the connection and cipher it runs with.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn set_step(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    person: PersonId,
    pathway: Pathway,
    step: &str,
    note: Option<&str>,
    case: Option<CaseId>,
    actor: &Actor,
) -> Result<PersonPathway> {
    let p = live_person(conn, person).await?;
    let note = check_optional("note", note, 2000)?;
    let existing =
        sqlx::query("SELECT id, step FROM person_pathways WHERE person_id = $1 AND pathway = $2")
            .bind(p)
            .bind(pathway.as_str())
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?;
    let from: Option<(i64, String)> = match &existing {
        Some(r) => Some((
            r.try_get("id").map_err(db_err)?,
            r.try_get("step").map_err(db_err)?,
        )),
        None => None,
    };
    let to = pathway
        .check_move(from.as_ref().map(|f| f.1.as_str()), step, note.as_deref())
        .map_err(step_error)?;
    let now = dialect::time(at);
    let id = match &from {
        Some((id, _)) => {
            sqlx::query("UPDATE person_pathways SET step = $1, updated_at = $2 WHERE id = $3")
                .bind(to.code)
                .bind(now)
                .bind(id)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
            *id
        }
        None => sqlx::query_scalar(
            "INSERT INTO person_pathways (person_id, pathway, step, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(p)
        .bind(pathway.as_str())
        .bind(to.code)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?,
    };
    sqlx::query(
        "INSERT INTO pathway_changes (pathway_id, from_step, to_step, note, actor, at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(from.as_ref().map(|f| f.1.as_str()))
    .bind(to.code)
    .bind(cipher.seal_opt(Field::PathwayChangeNote, note.as_deref()))
    .bind(&actor.name)
    .bind(now)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::PersonPathwayStep,
            "person",
            p,
            format!(
                "{}: {} → {}",
                pathway.as_str(),
                from.as_ref().map_or("(new)", |f| f.1.as_str()),
                to.code
            ),
        ),
    )
    .await?;
    if from.is_none() && pathway == Pathway::ClaimedNoRecord {
        let cases: Vec<(i64, i64)> = match case {
            Some(c) => {
                let owner: i64 = sqlx::query_scalar("SELECT owner_id FROM cases WHERE id = $1")
                    .bind(c.0)
                    .fetch_optional(&mut *conn)
                    .await
                    .map_err(db_err)?
                    .ok_or_else(|| missing("case", c.0))?;
                vec![(c.0, owner)]
            }
            None => sqlx::query_as(
                "SELECT c.id, c.owner_id FROM cases c JOIN case_persons cp ON cp.case_id = c.id
                 WHERE cp.person_id = $1 AND c.is_open = TRUE ORDER BY c.id",
            )
            .bind(p)
            .fetch_all(&mut *conn)
            .await
            .map_err(db_err)?,
        };
        let due = at + Duration::days(VERIFICATION_DAYS);
        for (c, owner) in cases {
            for text in verification_tasks(p) {
                insert_task(
                    conn,
                    at,
                    cipher,
                    CaseId(c),
                    &text,
                    Some(UserId(owner)),
                    Some(due),
                    actor,
                )
                .await?;
            }
        }
    }
    Ok(load_pathways(conn, cipher, &[p])
        .await?
        .into_iter()
        .find(|x| x.id == id)
        .expect("the pathway was just written"))
}

pub(crate) async fn add_evidence(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    person: PersonId,
    pathway: Pathway,
    ev: NewEvidence,
    actor: &Actor,
) -> Result<PersonPathway> {
    let p = live_person(conn, person).await?;
    let reference = check_optional("reference", ev.reference.as_deref(), 200)?;
    let note = check_optional("note", ev.note.as_deref(), 2000)?;
    if reference.is_none() && note.is_none() {
        return Err(Refusal::EvidenceWithoutContent.into());
    }
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM person_pathways WHERE person_id = $1 AND pathway = $2")
            .bind(p)
            .bind(pathway.as_str())
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?
            .ok_or(Refusal::NotOnPathway {
                person: p,
                pathway: pathway.label(),
            })?;
    if let Some(d) = ev.document
        && !documents::of_person_or_their_case(conn, d, p).await?
    {
        return Err(Refusal::EvidenceDocumentElsewhere {
            document: d.0,
            person: p,
        }
        .into());
    }
    sqlx::query(
        "INSERT INTO pathway_evidence (pathway_id, kind, reference, note, document_id, added_by,
                                       added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(ev.kind.as_str())
    .bind(cipher.seal_opt(Field::EvidenceReference, reference.as_deref()))
    .bind(cipher.seal_opt(Field::EvidenceNote, note.as_deref()))
    .bind(ev.document.map(|d| d.0))
    .bind(&actor.name)
    .bind(dialect::time(at))
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::PersonPathwayEvidence,
            "person",
            p,
            match ev.document {
                Some(d) => format!(
                    "{}: {} added, backed by document {d}",
                    pathway.as_str(),
                    ev.kind.as_str()
                ),
                None => format!("{}: {} added", pathway.as_str(), ev.kind.as_str()),
            },
        ),
    )
    .await?;
    Ok(load_pathways(conn, cipher, &[p])
        .await?
        .into_iter()
        .find(|x| x.id == id)
        .expect("the pathway exists"))
}

pub(crate) async fn pathway_counts(pool: &DbPool) -> Result<Vec<PathwayCount>> {
    sqlx::query(
        "SELECT pp.pathway, pp.step, COUNT(*) AS people FROM person_pathways pp
         JOIN persons p ON p.id = pp.person_id WHERE p.merged_into IS NULL
         GROUP BY pp.pathway, pp.step ORDER BY pp.pathway, pp.step",
    )
    .fetch_all(pool)
    .await
    .map_err(db_err)?
    .iter()
    .map(|r| {
        Ok(PathwayCount {
            pathway: rows::code(r.try_get::<&str, _>("pathway").map_err(db_err)?)?,
            step: r.try_get("step").map_err(db_err)?,
            people: r.try_get("people").map_err(db_err)?,
        })
    })
    .collect()
}

// --- bulk -----------------------------------------------------------------------------------

#[allow(clippy::too_many_arguments)]
pub(crate) async fn bulk_assign(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    ids: &[CaseId],
    owner: UserId,
    team: Option<TeamId>,
    reason: Option<&str>,
    actor: &Actor,
) -> Result<u64> {
    check_bulk(ids)?;
    for id in ids {
        cases::assign(conn, at, cipher, *id, owner, team, reason, actor)
            .await
            .map_err(|e| bulk_refusal(*id, e))?;
    }
    Ok(ids.len() as u64)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn bulk_status(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    ids: &[CaseId],
    to: CaseStatus,
    reason: Option<&str>,
    outcome: Option<CaseOutcome>,
    actor: &Actor,
) -> Result<u64> {
    check_bulk(ids)?;
    for id in ids {
        cases::change_status(conn, at, cipher, *id, to, reason, outcome, actor)
            .await
            .map_err(|e| bulk_refusal(*id, e))?;
    }
    Ok(ids.len() as u64)
}
