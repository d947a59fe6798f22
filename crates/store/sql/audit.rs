//! Appending to and checking the hash-chained audit trail.
//!
//! Each append reads the last hash and writes the next event, so two transactions doing that at
//! once would both chain onto the same event and fork the chain. Appends therefore run only
//! inside a write transaction, which holds the database's write lock: on SQLite the single
//! writer, on PostgreSQL a transaction-scoped advisory lock that every write transaction takes
//! first (see `PostgresStore::begin`), so that appends happen one after another across all
//! servers and ids are drawn in chain order.

use chrono::{DateTime, Utc};
use corridor_domain::AuditEvent;
use corridor_store::{
    Actor, ChainBreak, ChainVerifier, GENESIS_HASH, NewAuditEvent, Result, chain_hash, chain_links,
};
use sqlx::{QueryBuilder, Row};

use crate::dialect::{self, Conn, Db, DbPool};
use crate::{db_err, rows};

/// The hash of the last event, or the genesis hash on an empty trail.
async fn last_hash(conn: &mut Conn) -> Result<String> {
    let prev: Option<String> =
        sqlx::query_scalar("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?;
    Ok(prev.unwrap_or_else(|| GENESIS_HASH.to_string()))
}

/// Appends one event, stamped `at` (the store's clock, read when the change began). Must run
/// inside the write transaction of the change it records, so the change and its record commit
/// together, and the transaction's write lock keeps the chain linear.
pub(crate) async fn append(
    conn: &mut Conn,
    at: DateTime<Utc>,
    actor: &Actor,
    event: &NewAuditEvent,
) -> Result<()> {
    let prev = last_hash(conn).await?;
    // The store's clock keeps microseconds, as both databases store them, so the hash covers
    // exactly what will be read back.
    let hash = chain_hash(
        &prev,
        at,
        actor.user_id,
        &actor.name,
        actor.ip.as_deref(),
        event.action.as_str(),
        event.entity,
        event.entity_id,
        &event.detail,
    );
    sqlx::query(
        "INSERT INTO audit_events (at, actor_id, actor_name, ip, action, entity, entity_id, detail, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(dialect::time(at))
    .bind(actor.user_id.map(|u| u.0))
    .bind(&actor.name)
    .bind(actor.ip.as_deref())
    .bind(event.action.as_str())
    .bind(event.entity)
    .bind(event.entity_id)
    .bind(&event.detail)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Appends many events in a few statements (a batch's events, in order), hashing the chain in
/// memory; the same rules as [`append`].
pub(crate) async fn append_many(
    conn: &mut Conn,
    at: DateTime<Utc>,
    actor: &Actor,
    events: &[NewAuditEvent],
) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let prev = last_hash(conn).await?;
    let links = chain_links(&prev, at, actor, events);
    let rows: Vec<(&NewAuditEvent, &(String, String))> = events.iter().zip(&links).collect();
    // Ten values a row: well under either database's limit on bound values.
    for chunk in rows.chunks(500) {
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO audit_events (at, actor_id, actor_name, ip, action, entity, entity_id, detail, prev_hash, hash) ",
        );
        q.push_values(chunk, |mut b, (e, (prev, hash))| {
            b.push_bind(dialect::time(at))
                .push_bind(actor.user_id.map(|u| u.0))
                .push_bind(actor.name.as_str())
                .push_bind(actor.ip.as_deref())
                .push_bind(e.action.as_str())
                .push_bind(e.entity)
                .push_bind(e.entity_id)
                .push_bind(e.detail.as_str())
                .push_bind(prev.as_str())
                .push_bind(hash.as_str());
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
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

pub(crate) async fn verify(pool: &DbPool) -> Result<std::result::Result<u64, ChainBreak>> {
    // Read in chunks by id so that a long trail never has to fit in memory at once.
    const CHUNK: i64 = 5_000;
    let mut chain = ChainVerifier::default();
    loop {
        let rows = sqlx::query("SELECT * FROM audit_events WHERE id > $1 ORDER BY id LIMIT $2")
            .bind(chain.last_id())
            .bind(CHUNK)
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
        if rows.is_empty() {
            return Ok(Ok(chain.count()));
        }
        for row in &rows {
            let event = rows::audit_event(row)?;
            let stored_prev: String = row.try_get("prev_hash").map_err(db_err)?;
            let ip: Option<String> = row.try_get("ip").map_err(db_err)?;
            if let Err(broken) = chain.check(&event, &stored_prev, ip.as_deref()) {
                return Ok(Err(broken));
            }
        }
    }
}
