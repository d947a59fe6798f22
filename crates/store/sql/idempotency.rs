//! The API's Idempotency-Keys (see `corridor_store::idempotency`): one row per user and key,
//! reserved (`running`) before the operation runs and holding its sealed answer once it is
//! `done`. The unique (user, key) row decides between requests arriving at once, on one
//! server or several.

use chrono::{DateTime, Utc};
use corridor_domain::UserId;
use corridor_store::Result;
use corridor_store::crypto::{Cipher, Field};
use corridor_store::idempotency::{KeyClaim, KeyReservation, keep_keys_for};
use sqlx::Row;

use crate::db_err;
use crate::dialect::{self, Conn};

/// What the keyed hashes of this table are for, so that they match no other hash.
const KEY_PURPOSE: &str = "api idempotency key";
const REQUEST_PURPOSE: &str = "api idempotency request";

/// The caller's transaction holds the write lock; `at` is its time.
pub(crate) async fn claim(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    user: UserId,
    key: &str,
    fingerprint: &[u8],
) -> Result<KeyClaim> {
    let key_hash = c.blind(KEY_PURPOSE, key);
    let fingerprint: String = fingerprint.iter().map(|b| format!("{b:02x}")).collect();
    let request_hash = c.blind(REQUEST_PURPOSE, &fingerprint);
    // Cleaning up on write: every expired key goes, this one's included, so that a key older
    // than a day is free again (by the index on `created_at`, so cheap when there is none).
    sqlx::query("DELETE FROM api_idempotency WHERE created_at < $1")
        .bind(dialect::time(at - keep_keys_for()))
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    // Write transactions hold the database's write lock (SQLite's one writer, PostgreSQL's
    // advisory lock across servers): of requests with one key, the first inserts and the
    // others find its row below. The unique (user, key) holds it even without the lock.
    let reserved: Option<i64> = sqlx::query_scalar(
        "INSERT INTO api_idempotency (user_id, key_hash, request_hash, state, created_at)
         VALUES ($1, $2, $3, 'running', $4)
         ON CONFLICT (user_id, key_hash) DO NOTHING
         RETURNING id",
    )
    .bind(user.0)
    .bind(&key_hash)
    .bind(&request_hash)
    .bind(dialect::time(at))
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    if let Some(id) = reserved {
        return Ok(KeyClaim::New(KeyReservation(id)));
    }
    let row = sqlx::query(
        "SELECT request_hash, state, status, answer FROM api_idempotency
         WHERE user_id = $1 AND key_hash = $2",
    )
    .bind(user.0)
    .bind(&key_hash)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    // Gone between the insert and the read: only a purge of the whole table could do that;
    // the request is told to retry rather than run unreserved.
    let Some(row) = row else {
        return Ok(KeyClaim::Running);
    };
    let held: String = row.try_get("request_hash").map_err(db_err)?;
    if held != request_hash {
        return Ok(KeyClaim::Mismatch);
    }
    let state: String = row.try_get("state").map_err(db_err)?;
    if state != "done" {
        return Ok(KeyClaim::Running);
    }
    let status: Option<i64> = row.try_get("status").map_err(db_err)?;
    let answer: Option<String> = row.try_get("answer").map_err(db_err)?;
    Ok(KeyClaim::Done {
        status: status.and_then(|s| u16::try_from(s).ok()).unwrap_or(200),
        answer: c.open_opt(Field::ApiAnswer, answer.as_deref())?,
    })
}

/// Records the answer of a reservation still running (a reservation expired meanwhile is left
/// as it is: its key belongs to whoever claimed it since).
pub(crate) async fn complete(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    reservation: KeyReservation,
    status: u16,
    answer: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "UPDATE api_idempotency SET state = 'done', status = $1, answer = $2, done_at = $3
         WHERE id = $4 AND state = 'running'",
    )
    .bind(i64::from(status))
    .bind(c.seal_opt(Field::ApiAnswer, answer))
    .bind(dialect::time(at))
    .bind(reservation.0)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Frees a reservation still running.
pub(crate) async fn release(conn: &mut Conn, reservation: KeyReservation) -> Result<()> {
    sqlx::query("DELETE FROM api_idempotency WHERE id = $1 AND state = 'running'")
        .bind(reservation.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(())
}
