//! The database's own durable commit rate, for `bench/load`: single-row `INSERT`s, each its
//! own transaction, committed with the settings the store commits with. It is the yardstick
//! intake throughput is compared with, measured in the same run on the same disk, so that the
//! ratio holds on any machine. Not used by the store itself.

use std::time::{Duration, Instant};

use corridor_store::Result;

use crate::db_err;
use crate::dialect::DbPool;

/// About as large as one audit event or one person record.
const PAYLOAD: &str = "a synthetic row of about the size of one audit event or person record, \
                       so that each commit writes a page like intake does .................";

/// Commits one writer makes in `time`, one row at a time, in a scratch table created and
/// dropped here. One writer: SQLite takes one at a time anyway, and it is what a request
/// waiting for its own commit sees.
pub(crate) async fn commit_rate(pool: &DbPool, time: Duration) -> Result<u64> {
    sqlx::query("DROP TABLE IF EXISTS corridor_commit_bench")
        .execute(pool)
        .await
        .map_err(db_err)?;
    sqlx::query(
        "CREATE TABLE corridor_commit_bench (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)",
    )
    .execute(pool)
    .await
    .map_err(db_err)?;
    let until = Instant::now() + time;
    let mut n: i64 = 0;
    while Instant::now() < until {
        // A statement outside a transaction is a transaction of its own.
        sqlx::query("INSERT INTO corridor_commit_bench (id, payload) VALUES ($1, $2)")
            .bind(n)
            .bind(PAYLOAD)
            .execute(pool)
            .await
            .map_err(db_err)?;
        n += 1;
    }
    sqlx::query("DROP TABLE corridor_commit_bench")
        .execute(pool)
        .await
        .map_err(db_err)?;
    Ok(n as u64)
}
