//! The durable outbox of acknowledgements (by email; texts are claimed through the same
//! statement, see `messages`), and the applicant's status lookup.

use chrono::{DateTime, Utc};
use corridor_domain::{CaseId, CaseStatus, InquiryId, PublicStatus, ReferenceNumber};
use corridor_store::crypto::{Cipher, Field};
use corridor_store::{EscalationMail, OutboxCounts, OutboxMessage, Result};
use rand::RngCore;
use sqlx::Row;

use crate::dialect::{self, Conn, DbPool, skip_locked};
use crate::{db_err, rows};

/// Claims up to `limit` due messages of `channel` ("email", "sms", "whatsapp") for `lease`,
/// in one statement. Where it runs differs by
/// database (each backend's `claim_outbox_here`): PostgreSQL runs it outside the write lock
/// (it appends nothing to the audit trail) and locks the due rows with `FOR UPDATE SKIP
/// LOCKED` ([`skip_locked!`]), so servers claiming at the same moment each take rows the others
/// did not, and none waits for another; SQLite runs it in a write transaction, whose single
/// writer makes select-then-update safe.
pub(crate) async fn claim(
    conn: &mut Conn,
    c: &Cipher,
    now: DateTime<Utc>,
    lease: chrono::Duration,
    limit: u32,
    channel: &str,
) -> Result<Vec<OutboxMessage>> {
    let mut token = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut token);
    let token: String = token.iter().map(|b| format!("{b:02x}")).collect();
    // SQLite's RETURNING reads only the updated table, not the tables of the FROM clause: the
    // reference and the escalation come from subqueries.
    let rows = sqlx::query(concat!(
        "WITH due AS (
             SELECT id FROM outbox
             WHERE sent_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= $3
               AND (claimed_until IS NULL OR claimed_until < $3) AND channel = $5
             ORDER BY next_attempt_at, id
             LIMIT $4",
        skip_locked!(),
        ")
         UPDATE outbox SET claim = $1, claimed_until = $2, attempts = outbox.attempts + 1
         FROM due
         WHERE outbox.id = due.id
         RETURNING outbox.id, outbox.inquiry_id, outbox.to_address,
                   CAST(outbox.attempts AS INTEGER) AS attempts, outbox.kind,
                   (SELECT i.reference FROM inquiries i WHERE i.id = outbox.inquiry_id)
                     AS reference,
                   (SELECT e.case_id FROM escalations e WHERE e.id = outbox.escalation_id)
                     AS esc_case,
                   (SELECT e.kind FROM escalations e WHERE e.id = outbox.escalation_id)
                     AS esc_kind,
                   (SELECT e.due_at FROM escalations e WHERE e.id = outbox.escalation_id)
                     AS esc_due",
    ))
    .bind(&token)
    .bind(dialect::time(now + lease))
    .bind(dialect::time(now))
    .bind(limit as i64)
    .bind(channel)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    let mut out = rows
        .iter()
        .map(|r| {
            Ok(OutboxMessage {
                id: r.try_get("id").map_err(db_err)?,
                inquiry_id: InquiryId(r.try_get("inquiry_id").map_err(db_err)?),
                reference: r
                    .try_get::<&str, _>("reference")
                    .map_err(db_err)?
                    .parse::<ReferenceNumber>()
                    .map_err(db_err)?,
                to: rows::open(c, Field::OutboxAddress, r, "to_address")?,
                kind: r.try_get("kind").map_err(db_err)?,
                attempts: r.try_get("attempts").map_err(db_err)?,
                claim: token.clone(),
                escalation: match r.try_get::<Option<i64>, _>("esc_case").map_err(db_err)? {
                    Some(case) => Some(EscalationMail {
                        case_id: CaseId(case),
                        kind: rows::code(r.try_get::<&str, _>("esc_kind").map_err(db_err)?)?,
                        due_at: rows::time(r, "esc_due")?,
                    }),
                    None => None,
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;
    out.sort_by_key(|m| m.id);
    Ok(out)
}

/// Marks a claimed message sent, on the caller's connection (a text's message changes in the
/// same transaction).
pub(crate) async fn sent(conn: &mut Conn, id: i64, claim: &str, at: DateTime<Utc>) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE outbox SET sent_at = $1, claim = NULL, claimed_until = NULL, last_error = NULL
         WHERE id = $2 AND claim = $3 AND sent_at IS NULL",
    )
    .bind(dialect::time(at))
    .bind(id)
    .bind(claim)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn failed(
    conn: &mut Conn,
    at: DateTime<Utc>,
    id: i64,
    claim: &str,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<bool> {
    let error: String = error.chars().take(500).collect();
    let done = sqlx::query(
        "UPDATE outbox SET claim = NULL, claimed_until = NULL, last_error = $1,
             next_attempt_at = COALESCE($2, next_attempt_at),
             abandoned_at = CASE WHEN $2 IS NULL THEN $3 ELSE NULL END
         WHERE id = $4 AND claim = $5 AND sent_at IS NULL",
    )
    .bind(error)
    .bind(retry_at.map(dialect::time))
    .bind(dialect::time(at))
    .bind(id)
    .bind(claim)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn counts(pool: &DbPool) -> Result<OutboxCounts> {
    let row = sqlx::query(
        "SELECT COUNT(*) FILTER (WHERE sent_at IS NULL AND abandoned_at IS NULL) AS pending,
                COUNT(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
                COUNT(*) FILTER (WHERE abandoned_at IS NOT NULL) AS abandoned
         FROM outbox",
    )
    .fetch_one(pool)
    .await
    .map_err(db_err)?;
    Ok(OutboxCounts {
        pending: row.try_get("pending").map_err(db_err)?,
        sent: row.try_get("sent").map_err(db_err)?,
        abandoned: row.try_get("abandoned").map_err(db_err)?,
    })
}

pub(crate) async fn public_status(
    pool: &DbPool,
    reference: &ReferenceNumber,
    code_hash: &str,
) -> Result<Option<PublicStatus>> {
    let row = sqlx::query(
        "SELECT i.status_code_hash, c.status FROM inquiries i
         LEFT JOIN cases c ON c.id = i.case_id WHERE i.reference = $1",
    )
    .bind(reference.as_str())
    .fetch_optional(pool)
    .await
    .map_err(db_err)?;
    let Some(row) = row else { return Ok(None) };
    let stored: Option<String> = row.try_get("status_code_hash").map_err(db_err)?;
    let Some(stored) = stored else {
        return Ok(None);
    };
    if !constant_time_eq(stored.as_bytes(), code_hash.as_bytes()) {
        return Ok(None);
    }
    let status: Option<CaseStatus> = row
        .try_get::<Option<&str>, _>("status")
        .map_err(db_err)?
        .map(rows::code)
        .transpose()?;
    Ok(Some(PublicStatus::of(status)))
}

/// Compares without stopping at the first difference, so timing does not reveal how much of
/// a guessed code was right.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(crate) async fn parent(pool: &DbPool, id: InquiryId) -> Result<Option<InquiryId>> {
    let parent: Option<Option<i64>> =
        sqlx::query_scalar("SELECT parent_id FROM inquiries WHERE id = $1")
            .bind(id.0)
            .fetch_optional(pool)
            .await
            .map_err(db_err)?;
    Ok(parent.flatten().map(InquiryId))
}
