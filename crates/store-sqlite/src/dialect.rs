//! What differs on SQLite, for the code shared with PostgreSQL (`crates/store/sql`): the
//! types, how times and code lists are stored, how the schema's refusals read, and how a
//! write transaction takes the lock.

use chrono::{DateTime, Utc};
use corridor_store::Refusal;

pub(crate) const BACKEND: &str = "sqlite";

pub(crate) type Db = sqlx::Sqlite;
pub(crate) type Conn = sqlx::SqliteConnection;
pub(crate) type DbPool = sqlx::SqlitePool;
pub(crate) type DbRow = sqlx::sqlite::SqliteRow;

/// Times are stored as integer microseconds since the epoch (UTC).
pub(crate) type Time = i64;

pub(crate) fn time(t: DateTime<Utc>) -> Time {
    t.timestamp_micros()
}

pub(crate) fn from_time(t: Time) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t).unwrap_or_default()
}

/// One second as SQL adds it to a stored time: `t + n * ONE_SECOND` for `n` seconds.
/// Times are integer microseconds, so a second is a million of them.
pub(crate) const ONE_SECOND: &str = "1000000";

/// A list of codes (a team's categories) is stored as one comma-separated text.
pub(crate) type Codes = String;

pub(crate) fn codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Codes {
    codes.into_iter().collect::<Vec<_>>().join(",")
}

pub(crate) fn from_codes(codes: Codes) -> Vec<String> {
    codes
        .split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// The schema's triggers refuse a write that breaks a rule with `RAISE(ABORT, 'corridor: …')`
/// (migrations/0004_ownership.sql); the text after the prefix names the rule. Another text is a
/// failure, not a refusal.
pub(crate) fn broken_rule(d: &dyn sqlx::error::DatabaseError) -> Option<Refusal> {
    match d.message().strip_prefix("corridor: ")? {
        "an open case must always have an owner and a team" => Some(Refusal::CaseWithoutOwner),
        "a closed case must have an outcome" => Some(Refusal::ClosedWithoutOutcome),
        _ => None,
    }
}

/// A list of ids bound as one value, for [`in_ids!`]: a JSON array, read with `json_each`.
pub(crate) type Ids = String;

pub(crate) fn ids(ids: &[i64]) -> Ids {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

/// `IN` a list of ids bound as parameter `$n` (see [`ids`]), as SQL text:
/// `concat!("… WHERE id ", in_ids!(2))`. One parameter however long the list.
macro_rules! in_ids {
    ($n:literal) => {
        concat!("IN (SELECT value FROM json_each($", stringify!($n), "))")
    };
}
pub(crate) use in_ids;

/// For the rest of the write transaction, foreign keys are checked at commit rather than per
/// statement, so that rows referring to each other can go in table by table (intake, a copy).
pub(crate) const DEFER_FOREIGN_KEYS: &str = "PRAGMA defer_foreign_keys = ON";

/// The highest id `table` has used, as SQL text: `last_id!("cases")`. Under the write lock, ids
/// above it are free to be written explicitly.
macro_rules! last_id {
    ($table:literal) => {
        concat!("SELECT COALESCE(MAX(id), 0) FROM ", $table)
    };
}
pub(crate) use last_id;

/// The statement that moves `table`'s id generator past the ids written explicitly into it:
/// none, as a rowid continues after the largest present.
pub(crate) fn move_id_generator(_table: &str) -> Option<String> {
    None
}

/// What follows a text parameter bound for a JSON column: SQLite keeps JSON as text.
pub(crate) const JSON_FROM_TEXT: &str = "";

/// How a write transaction on a pool begins: `IMMEDIATE` takes the write lock at once, so a
/// writer waits (up to the busy time-out) rather than failing halfway when another process
/// is writing.
pub(crate) const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// The function giving where a text first occurs in another, `STRPOS(haystack, needle)`
/// (1-based, 0 if absent): `instr` on SQLite, which has no `strpos`.
pub(crate) const STRPOS: &str = "instr";

/// Row locks for a queue read that servers take turns at: none needed, as the claim runs in
/// the write transaction, which already holds the whole database (see `outbox::claim`).
macro_rules! skip_locked {
    () => {
        ""
    };
}
pub(crate) use skip_locked;

/// A JSON text bound as parameter `$n`, for a JSON column: SQLite keeps JSON as TEXT, so the
/// text goes in as it is.
macro_rules! json_param {
    ($n:literal) => {
        concat!("$", stringify!($n))
    };
}
pub(crate) use json_param;

/// The UTC day number (days since 1970-01-01) of a stored time, as SQL: integer
/// microseconds divided by a day's worth.
pub(crate) fn day_number(column: &str) -> String {
    format!("({column} / 86400000000)")
}

/// Whether the store's `read` and `write` pools are one pool: SQLite reads through a pool of its own beside the single writer.
pub(crate) const ONE_POOL: bool = false;

/// The transaction appending an audit event, as SQL (see `audit`): SQLite commits one
/// transaction at a time, in the order of the ids they draw, so none is needed.
macro_rules! current_xid {
    () => {
        "0"
    };
}
pub(crate) use current_xid;

/// The order audit events are sealed in: the order of their ids, which is the order their
/// transactions committed in (one writer at a time).
macro_rules! seal_order {
    () => {
        "id"
    };
}
pub(crate) use seal_order;

/// Every committed event may be sealed: the sealer writes, so no other transaction is running.
pub(crate) const SEAL_FRONTIER: &str = "SELECT 9223372036854775807";

/// Where sealing "everything committed until now" ends: the frontier is never below it.
pub(crate) const SEAL_HORIZON: &str = "SELECT 9223372036854775807";

/// Never needed: the frontier is always past the horizon.
pub(crate) const SEAL_PAUSE: &str = "SELECT ''";
