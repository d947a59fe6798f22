//! The embedded default: Corridor on a single SQLite file.
//!
//! Writes go through one connection, in `BEGIN IMMEDIATE` transactions with a busy time-out, so
//! concurrent requests queue instead of failing with "database is locked" (and another process,
//! such as an import run beside the server, waits its turn). Reads use a small pool of their
//! own; WAL lets them run while a write is in progress. `synchronous=FULL` makes an
//! acknowledged write survive a power cut, which matters because intake acknowledges only
//! what is stored.

#[path = "../../store/sql/mod.rs"]
mod sql;
// The shared queries, as if declared here: `crate::rows`, `crate::audit`, ...
use sql::*;
mod dialect;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use corridor_store::Refusal;
use corridor_store::crypto::{Cipher, KeySource};
use corridor_store::transfer::TableCounts;
use corridor_store::{ChainBreak, Clock, IntakeLock, OutboxMessage, Result, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

pub(crate) use rows::db_err;

/// The rule a write broke when the schema itself refused it (a trigger), as the store reports
/// it; `None` for any other error. For writes made beside the store, such as the schema tests'.
pub fn schema_refusal(e: &sqlx::Error) -> Option<Refusal> {
    match e {
        sqlx::Error::Database(d) => dialect::broken_rule(d.as_ref()),
        _ => None,
    }
}

/// Whether a connection handed back to the pool can serve the next transaction. When a commit
/// fails because the disk is full, SQLite rolls the transaction back itself, sqlx's own rollback
/// then finds none and fails, and sqlx still counts the transaction as open: every later `BEGIN`
/// on that connection is refused until a restart. Such a connection is closed instead, and the
/// pool opens a fresh one.
async fn still_usable(conn: &mut sqlx::SqliteConnection) -> sqlx::Result<bool> {
    use sqlx::Connection;
    // The ping waits for the rollback sqlx queued when the transaction was dropped.
    conn.ping().await?;
    Ok(!conn.is_in_transaction())
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How every connection to the file at `path` is set up: the durability and the caches.
fn connect_options(path: &str) -> Result<SqliteConnectOptions> {
    Ok(SqliteConnectOptions::from_str(&format!("sqlite://{path}"))
        .map_err(db_err)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(30))
        .foreign_keys(true)
        // Bulk intake inserts into indexes on random keys (references, content keys): with
        // SQLite's default 2 MB cache every batch spills pages to disk and reads them back.
        // The cache is a ceiling, allocated as used.
        .pragma("cache_size", "-65536")
        // Multi-row inserts keep a statement journal; in memory it costs no file I/O.
        .pragma("temp_store", "memory")
        // A purged or resealed value is overwritten on disk, not left in a free page.
        .pragma("secure_delete", "on"))
}

/// Single-row durable commits one writer makes in `time` (see `bench/load`), in a scratch
/// file beside `location` (same disk) opened with the store's settings; the file is removed
/// afterwards.
pub async fn commit_rate(location: &str, time: Duration) -> Result<u64> {
    let path = location
        .strip_prefix("sqlite://")
        .or_else(|| location.strip_prefix("sqlite:"))
        .unwrap_or(location);
    let scratch = format!("{path}.commit-bench");
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(connect_options(&scratch)?)
        .await
        .map_err(db_err)?;
    let commits = commit_bench::commit_rate(&pool, time).await;
    pool.close().await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{scratch}{suffix}"));
    }
    commits
}

#[derive(Clone)]
pub struct SqliteStore {
    write: SqlitePool,
    read: SqlitePool,
    cipher: Cipher,
    clock: Clock,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `location` — a path, `sqlite://path` or
    /// `sqlite:path` — and brings its schema up to date. Personal data is sealed with the keys
    /// from `keys`; a key file that does not belong to the database is refused here.
    pub async fn open(location: &str, keys: &KeySource) -> Result<SqliteStore> {
        let path = location
            .strip_prefix("sqlite://")
            .or_else(|| location.strip_prefix("sqlite:"))
            .unwrap_or(location);
        let options = connect_options(path)?;
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(60))
            .after_release(|conn, _| Box::pin(still_usable(conn)))
            .connect_with(options.clone())
            .await
            .map_err(db_err)?;
        MIGRATOR.run(&write).await.map_err(db_err)?;
        // Refreshes the planner's statistics where they are missing or stale, so that filtered
        // case lists pick the right index on a database that grew since it was last opened.
        sqlx::query("PRAGMA optimize=0x10002")
            .execute(&write)
            .await
            .map_err(db_err)?;
        let clock = Clock::system();
        let cipher = protection::open_cipher(&write, clock.now(), keys, db_err).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await
            .map_err(db_err)?;
        Ok(SqliteStore {
            write,
            read,
            cipher,
            clock,
        })
    }

    /// A write transaction that takes the write lock at once, so it waits (up to the busy
    /// time-out) rather than failing halfway when another process is writing.
    async fn begin(&self) -> Result<Transaction<'static, Sqlite>> {
        self.write
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(db_err)
    }

    /// A transaction that only appends audit events: on SQLite a write like any other.
    async fn begin_append(&self) -> Result<Transaction<'static, Sqlite>> {
        self.begin().await
    }

    /// The audit sealer's transaction: the single writer is the sealer's lock.
    async fn begin_seal(&self) -> Result<Transaction<'static, Sqlite>> {
        self.begin().await
    }

    /// The same store reading its time from `clock`: tests set the moment a change happens
    /// (a case closed long ago, a deadline just passed) instead of waiting for it.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }

    /// Writes a consistent copy of the database to `dest` (which must not exist) while the
    /// database stays open, and returns the rows per table the copy holds. Writers — in this
    /// process and in others — wait while the copy is made, so that the counts are exactly
    /// those of the copy.
    pub async fn backup_to(&self, dest: &Path) -> Result<TableCounts> {
        if dest.exists() {
            return Err(StoreError::Conflict(format!(
                "{} exists already; a backup never overwrites a file",
                dest.display()
            )));
        }
        let dest = dest
            .to_str()
            .ok_or(StoreError::Rule(Refusal::BackupPathNotUtf8))?;
        let hold = self.begin().await?;
        let counts = transfer::table_counts(&self.read).await?;
        // VACUUM INTO cannot run inside a transaction, so it runs on a reader, which sees
        // everything committed before the write lock was taken.
        sqlx::query("VACUUM INTO ?")
            .bind(dest)
            .execute(&self.read)
            .await
            .map_err(db_err)?;
        hold.rollback().await.map_err(db_err)?;
        Ok(counts)
    }

    /// Checks a database file without changing it: SQLite's integrity check, the rows per
    /// table and the audit chain. For backups before they are trusted or restored.
    pub async fn check_file(path: &Path) -> Result<FileCheck> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .immutable(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .map_err(db_err)?;
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&pool)
            .await
            .map_err(db_err)?;
        // A file from before encryption existed has no table of keys, and no keys.
        let has_keys: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'data_keys')",
        )
        .fetch_one(&pool)
        .await
        .map_err(db_err)?;
        let data_keys = if has_keys {
            protection::recorded_keys(&pool).await.map_err(db_err)?
        } else {
            Vec::new()
        };
        let check = FileCheck {
            integrity: integrity.join("; "),
            counts: transfer::table_counts(&pool).await?,
            audit_chain: audit::verify(&pool).await?,
            data_keys,
        };
        pool.close().await;
        Ok(check)
    }
}

/// What [`SqliteStore::check_file`] found.
#[derive(Debug, Clone)]
pub struct FileCheck {
    /// "ok", or SQLite's list of problems.
    pub integrity: String,
    pub counts: TableCounts,
    /// The number of events verified, or the first break.
    pub audit_chain: std::result::Result<u64, ChainBreak>,
    /// The data keys the file was sealed with (none for a file from before encryption).
    pub data_keys: Vec<corridor_store::crypto::RecordedKey>,
}

impl FileCheck {
    pub fn is_ok(&self) -> bool {
        self.integrity == "ok" && self.audit_chain.is_ok()
    }
}

/// The store the shared `Store` implementation is written for.
pub(crate) type DbStore = SqliteStore;

impl SqliteStore {
    /// One writer at a time holds the database, so a claim is an ordinary write transaction.
    async fn claim_outbox_here(
        &self,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: u32,
        channel: &str,
    ) -> Result<Vec<OutboxMessage>> {
        let mut tx = self.begin().await?;
        let claimed = outbox::claim(&mut tx, &self.cipher, now, lease, limit, channel).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(claimed)
    }

    /// The single writer already serializes intake; nothing more to hold.
    async fn lock_intake(&self) -> Result<IntakeLock> {
        Ok(IntakeLock::none())
    }
}

/// Maps a store error for a missing row when the id came from the caller.
pub(crate) fn missing(entity: &'static str, id: i64) -> StoreError {
    StoreError::not_found(entity, id)
}
