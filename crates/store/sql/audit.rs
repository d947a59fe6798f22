//! Appending to, sealing and checking the hash-chained audit trail.
//!
//! Appending reads nothing: each write transaction inserts its events unsealed (no hash yet),
//! stamped with the transaction that wrote them, so that writers on any number of servers never
//! wait for one another to append. A sealer ([`seal`]) then chains the events in order, one
//! sealer at a time (on SQLite the single writer, on PostgreSQL a lock only the sealer takes):
//! each event gets its place in the chain (`seal_seq`), the hash of the event before it and its
//! own hash over both. Every server runs one in the background, and verifying seals first.
//!
//! The order is one no event can still join in the middle of: on SQLite, where transactions
//! commit one at a time, the order of ids; on PostgreSQL, only events of transactions older
//! than every transaction still running (`pg_snapshot_xmin`) are sealed, in the order of their
//! transaction ids, so an event committed late is sealed after everything sealed before it.

use chrono::{DateTime, Utc};
use corridor_domain::AuditEvent;
use corridor_store::{Actor, ChainBreak, ChainVerifier, GENESIS_HASH, NewAuditEvent, Result};
use sqlx::{QueryBuilder, Row};

use crate::dialect::{self, Conn, Db, DbPool, current_xid, seal_order};
use crate::{db_err, rows};

/// Events sealed per transaction at most: a long backlog is sealed in several.
pub(crate) const SEAL_CHUNK: i64 = 5_000;

/// Appends one event, stamped `at` (the store's clock, read when the change began), unsealed.
/// Must run inside the write transaction of the change it records, so that the change and its
/// record commit together.
pub(crate) async fn append(
    conn: &mut Conn,
    at: DateTime<Utc>,
    actor: &Actor,
    event: &NewAuditEvent,
) -> Result<()> {
    append_many(conn, at, actor, std::slice::from_ref(event)).await
}

/// Appends many events in a few statements (a batch's events, in order); the same rules as
/// [`append`].
pub(crate) async fn append_many(
    conn: &mut Conn,
    at: DateTime<Utc>,
    actor: &Actor,
    events: &[NewAuditEvent],
) -> Result<()> {
    // Eight values a row: well under either database's limit on bound values.
    for chunk in events.chunks(500) {
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO audit_events (at, actor_id, actor_name, ip, action, entity, entity_id, detail, prev_hash, hash, xid) ",
        );
        q.push_values(chunk, |mut b, e| {
            b.push_bind(dialect::time(at))
                .push_bind(actor.user_id.map(|u| u.0))
                .push_bind(actor.name.as_str())
                .push_bind(actor.ip.as_deref())
                .push_bind(e.action.as_str())
                .push_bind(e.entity)
                .push_bind(e.entity_id)
                .push_bind(e.detail.as_str())
                .push("''")
                .push("''")
                .push(current_xid!());
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

/// Chains up to [`SEAL_CHUNK`] of the events appended since the last seal, in order; returns
/// how many. Must run in a transaction that holds the seal lock (see `seal_audit`).
pub(crate) async fn seal(conn: &mut Conn) -> Result<u64> {
    let frontier: i64 = sqlx::query_scalar(dialect::SEAL_FRONTIER)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
    let rows = sqlx::query(concat!(
        "SELECT * FROM audit_events WHERE hash = '' AND xid < $1 ORDER BY ",
        seal_order!(),
        " LIMIT $2"
    ))
    .bind(frontier)
    .bind(SEAL_CHUNK)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    if rows.is_empty() {
        return Ok(0);
    }
    let last = sqlx::query(
        "SELECT hash, seal_seq FROM audit_events WHERE seal_seq IS NOT NULL ORDER BY seal_seq DESC LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    let (mut prev, mut seq) = match last {
        Some(row) => (
            row.try_get::<String, _>("hash").map_err(db_err)?,
            row.try_get::<i64, _>("seal_seq").map_err(db_err)?,
        ),
        None => (GENESIS_HASH.to_string(), 0),
    };
    let mut seals: Vec<(i64, String, String, i64)> = Vec::with_capacity(rows.len());
    for row in &rows {
        let e = rows::audit_event(row)?;
        let hash = corridor_store::chain_hash(
            &prev,
            e.at,
            e.actor_id,
            &e.actor_name,
            e.ip.as_deref(),
            &e.action,
            &e.entity,
            e.entity_id,
            &e.detail,
        );
        seq += 1;
        seals.push((e.id, std::mem::replace(&mut prev, hash.clone()), hash, seq));
    }
    // Four values a row; the rows are joined by id.
    for chunk in seals.chunks(500) {
        let mut q = QueryBuilder::<Db>::new(
            "UPDATE audit_events SET prev_hash = v.column2, hash = v.column3, seal_seq = v.column4 FROM (",
        );
        q.push_values(chunk, |mut b, (id, prev, hash, seq)| {
            b.push_bind(*id)
                .push_bind(prev.as_str())
                .push_bind(hash.as_str())
                .push_bind(*seq);
        });
        q.push(") AS v WHERE audit_events.id = v.column1");
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(seals.len() as u64)
}

/// Seals with [`seal`] until every event committed before the call is sealed: on PostgreSQL,
/// until transactions that were running at the call have finished (at most about
/// `patience`); events of a transaction still running after that stay unsealed.
pub(crate) async fn seal_until_now<F, Fut>(
    pool: &DbPool,
    mut seal_all: F,
    patience: u32,
) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<u64>>,
{
    let horizon: i64 = sqlx::query_scalar(dialect::SEAL_HORIZON)
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
    for _ in 0..patience.max(1) {
        let frontier: i64 = sqlx::query_scalar(dialect::SEAL_FRONTIER)
            .fetch_one(pool)
            .await
            .map_err(db_err)?;
        seal_all().await?;
        if frontier >= horizon {
            return Ok(());
        }
        let _: String = sqlx::query_scalar(dialect::SEAL_PAUSE)
            .fetch_one(pool)
            .await
            .map_err(db_err)?;
    }
    Ok(())
}

/// Events not sealed yet, and when the oldest of them was appended: how far the seal lags.
pub(crate) async fn unsealed(pool: &DbPool) -> Result<(u64, Option<DateTime<Utc>>)> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE hash = ''")
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
    let oldest = sqlx::query("SELECT at FROM audit_events WHERE hash = '' ORDER BY id LIMIT 1")
        .fetch_optional(pool)
        .await
        .map_err(db_err)?
        .map(|row| rows::time(&row, "at"))
        .transpose()?;
    Ok((count as u64, oldest))
}

pub(crate) async fn list(
    pool: &DbPool,
    entity: Option<(&str, i64)>,
    limit: u32,
) -> Result<Vec<AuditEvent>> {
    let rows = match entity {
        Some((kind, id)) => {
            sqlx::query(
                "SELECT * FROM audit_events WHERE entity = $1 AND entity_id = $2 ORDER BY id DESC LIMIT $3",
            )
            .bind(kind)
            .bind(id)
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await
        }
        None => {
            sqlx::query("SELECT * FROM audit_events ORDER BY id DESC LIMIT $1")
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await
        }
    }
    .map_err(db_err)?;
    rows.iter().map(rows::audit_event).collect()
}

/// Walks the sealed events in chain order; the first that does not fit, or how many fit and the
/// last hash (what to write down to notice later that the newest events were cut off).
pub(crate) async fn verify(pool: &DbPool) -> Result<std::result::Result<u64, ChainBreak>> {
    // Read in chunks so that a long trail never has to fit in memory at once.
    const CHUNK: i64 = 5_000;
    let mut chain = ChainVerifier::default();
    let mut seq = 0i64;
    loop {
        let rows = sqlx::query(
            "SELECT * FROM audit_events WHERE seal_seq > $1 ORDER BY seal_seq LIMIT $2",
        )
        .bind(seq)
        .bind(CHUNK)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        if rows.is_empty() {
            return Ok(Ok(chain.count()));
        }
        for row in &rows {
            let event: AuditEvent = rows::audit_event(row)?;
            let stored_prev: String = row.try_get("prev_hash").map_err(db_err)?;
            let next: i64 = row.try_get("seal_seq").map_err(db_err)?;
            if next != seq + 1 || event.hash.is_empty() {
                return Ok(Err(ChainBreak {
                    event_id: event.id,
                    reason: "its place in the sealed chain was changed (a seal was removed or renumbered)"
                        .into(),
                }));
            }
            seq = next;
            if let Err(broken) = chain.check(&event, &stored_prev, event.ip.as_deref()) {
                return Ok(Err(broken));
            }
        }
    }
}
