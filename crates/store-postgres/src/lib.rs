//! Corridor on PostgreSQL, for several app servers on one database.
//!
//! Every server keeps its own connection pool. Write transactions that change data first take
//! one transaction-scoped advisory lock (ids drawn from the tables' maxima, rules checked
//! before writing). The audit trail needs no lock to append to: its chain is computed
//! afterwards by one sealer at a time (see `audit`), so a transaction that only records an
//! event (a read, a sign-in) takes none. Uniqueness (reference numbers,
//! idempotency keys, usernames, requesters) is left to unique constraints with `ON CONFLICT`,
//! which hold across servers where a check-then-insert would not.

#[path = "../../store/sql/mod.rs"]
mod sql;
// The shared queries, as if declared here: `crate::rows`, `crate::audit`, ...
use sql::*;
mod dialect;

#[cfg(feature = "testing")]
pub mod testdb;

use std::time::Duration;

use chrono::{DateTime, Utc};
use corridor_store::Refusal;
use corridor_store::crypto::{Cipher, CryptoError, KeySource};
use corridor_store::{Clock, IntakeLock, OutboxMessage, Result, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres, Transaction};

pub(crate) use rows::db_err;

/// The rule a write broke when the schema itself refused it (a named constraint), as the store reports
/// it; `None` for any other error. For writes made beside the store, such as the schema tests'.
pub fn schema_refusal(e: &sqlx::Error) -> Option<Refusal> {
    match e {
        sqlx::Error::Database(d) => dialect::broken_rule(d.as_ref()),
        _ => None,
    }
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How one server uses the database.
#[derive(Debug, Clone)]
pub struct PgSettings {
    /// Connections this server keeps open at most. With several servers, their sum must stay
    /// below the database's `max_connections`.
    pub max_connections: u32,
    /// Any statement running longer is cancelled, so that a runaway query cannot hold a
    /// connection (or the write lock) indefinitely. Waiting for the write lock counts too.
    pub statement_timeout: Duration,
    /// How long a request waits for a free connection before failing.
    pub acquire_timeout: Duration,
}

impl Default for PgSettings {
    fn default() -> Self {
        PgSettings {
            max_connections: 10,
            statement_timeout: Duration::from_secs(30),
            acquire_timeout: Duration::from_secs(30),
        }
    }
}

/// Failing to open the database, before there is a store to talk to.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("invalid PostgreSQL URL: {0}")]
    Url(#[source] sqlx::Error),
    #[error("cannot connect to PostgreSQL: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("cannot bring the schema up to date: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    /// The key file is missing, unreadable, or belongs to another database.
    #[error(transparent)]
    Keys(#[from] CryptoError),
    #[error("cannot record the data keys: {0}")]
    RecordKeys(#[source] sqlx::Error),
}

impl From<OpenError> for StoreError {
    fn from(e: OpenError) -> Self {
        match e {
            OpenError::Keys(e) => StoreError::Crypto(e),
            e => StoreError::backend(e),
        }
    }
}

#[derive(Clone)]
pub struct PostgresStore {
    /// One pool serves reads and writes (`read` and `write` are the same pool): the shared
    /// code says which each call needs, as on SQLite.
    write: PgPool,
    read: PgPool,
    cipher: Cipher,
    clock: Clock,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user@host:port/database`) and brings the schema up to
    /// date. Servers starting at once are safe: migrations run under sqlx's own advisory lock.
    /// The keys are checked against those the database recorded, so that a wrong or missing
    /// key file is refused here rather than value by value later.
    pub async fn open(
        url: &str,
        settings: &PgSettings,
        keys: &KeySource,
    ) -> std::result::Result<Self, OpenError> {
        let options: PgConnectOptions = url.parse().map_err(OpenError::Url)?;
        let options = options.application_name("corridor").options([(
            "statement_timeout",
            format!("{}ms", settings.statement_timeout.as_millis()),
        )]);
        let pool = PgPoolOptions::new()
            .max_connections(settings.max_connections.max(1))
            .acquire_timeout(settings.acquire_timeout)
            .connect_with(options)
            .await
            .map_err(OpenError::Connect)?;
        MIGRATOR.run(&pool).await.map_err(OpenError::Migrate)?;
        let clock = Clock::system();
        let cipher =
            protection::open_cipher(&pool, clock.now(), keys, OpenError::RecordKeys).await?;
        Ok(PostgresStore {
            read: pool.clone(),
            write: pool,
            cipher,
            clock,
        })
    }

    /// A write transaction holding the write lock until it commits or rolls back.
    async fn begin(&self) -> Result<Transaction<'static, Postgres>> {
        let mut tx = self.write.begin().await.map_err(db_err)?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(dialect::WRITE_LOCK)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        Ok(tx)
    }

    /// A transaction that only appends audit events (a read or a sign-in recorded): appending
    /// needs no lock (see `audit`), so it does not wait for the writers holding the write lock.
    async fn begin_append(&self) -> Result<Transaction<'static, Postgres>> {
        self.write.begin().await.map_err(db_err)
    }

    /// The audit sealer's transaction, holding the lock only sealers take, so that two servers
    /// never seal at once.
    async fn begin_seal(&self) -> Result<Transaction<'static, Postgres>> {
        let mut tx = self.write.begin().await.map_err(db_err)?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(dialect::SEAL_LOCK)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        Ok(tx)
    }

    /// The same store reading its time from `clock`: tests set the moment a change happens
    /// (a case closed long ago, a deadline just passed) instead of waiting for it.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub async fn close(&self) {
        self.write.close().await;
    }

    /// The pool, for backend-specific work such as claiming background jobs.
    pub fn pool(&self) -> &PgPool {
        &self.write
    }
}

/// The store the shared `Store` implementation is written for.
pub(crate) type DbStore = PostgresStore;

impl PostgresStore {
    /// Not under the write lock: claims append nothing to the audit trail, and
    /// `FOR UPDATE SKIP LOCKED` lets several servers claim side by side.
    async fn claim_outbox_here(
        &self,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: u32,
        channel: &str,
    ) -> Result<Vec<OutboxMessage>> {
        let mut conn = self.write.acquire().await.map_err(db_err)?;
        outbox::claim(&mut conn, &self.cipher, now, lease, limit, channel).await
    }

    /// A transaction-scoped lock on a connection of its own: dropping the guard rolls the
    /// transaction back, which releases the lock even if the request is abandoned midway.
    async fn lock_intake(&self) -> Result<IntakeLock> {
        let mut tx = self.write.begin().await.map_err(db_err)?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(dialect::INTAKE_LOCK)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        Ok(IntakeLock::holding(tx))
    }
}

/// Single-row durable commits one writer makes in `time` on the database at `url` (see
/// `bench/load`), in a scratch table dropped afterwards, with the server's own durability
/// settings (`synchronous_commit` as configured).
pub async fn commit_rate(url: &str, time: Duration) -> Result<u64> {
    let options: PgConnectOptions = url.parse().map_err(db_err)?;
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(options.application_name("corridor-commit-bench"))
        .await
        .map_err(db_err)?;
    let commits = commit_bench::commit_rate(&pool, time).await;
    pool.close().await;
    commits
}

/// Maps a store error for a missing row when the id came from the caller.
pub(crate) fn missing(entity: &'static str, id: i64) -> StoreError {
    StoreError::not_found(entity, id)
}
