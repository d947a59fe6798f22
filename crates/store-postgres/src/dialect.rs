//! What differs on PostgreSQL, for the code shared with SQLite (`crates/store/sql`): the
//! types, how times and code lists are stored, how the schema's refusals read, and how a
//! write transaction takes the lock.

use chrono::{DateTime, Utc};
use corridor_store::Refusal;

pub(crate) const BACKEND: &str = "postgres";

pub(crate) type Db = sqlx::Postgres;
pub(crate) type Conn = sqlx::PgConnection;
pub(crate) type DbPool = sqlx::PgPool;
pub(crate) type DbRow = sqlx::postgres::PgRow;

/// Times are `timestamptz`, which keeps microseconds.
pub(crate) type Time = DateTime<Utc>;

pub(crate) fn time(t: DateTime<Utc>) -> Time {
    t
}

pub(crate) fn from_time(t: Time) -> DateTime<Utc> {
    t
}

/// One second as SQL adds it to a stored time: `t + n * ONE_SECOND` for `n` seconds.
/// Times are `timestamptz`, to which an `interval` adds.
pub(crate) const ONE_SECOND: &str = "interval '1 second'";

/// A list of codes (a team's categories) is a `text[]`.
pub(crate) type Codes = Vec<String>;

pub(crate) fn codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Codes {
    codes.into_iter().map(str::to_string).collect()
}

pub(crate) fn from_codes(codes: Codes) -> Vec<String> {
    codes
}

/// The schema's named constraints refuse a write that breaks a rule.
pub(crate) fn broken_rule(d: &dyn sqlx::error::DatabaseError) -> Option<Refusal> {
    match (d.code().as_deref(), d.constraint(), d.table()) {
        (_, Some("cases_open_have_owner"), _) => Some(Refusal::CaseWithoutOwner),
        (_, Some("cases_closed_have_outcome"), _) => Some(Refusal::ClosedWithoutOutcome),
        // NOT NULL on the owner and team columns fires before the named check.
        (Some("23502"), _, Some("cases")) => Some(Refusal::CaseWithoutOwner),
        _ => None,
    }
}

/// A list of ids bound as one value, for [`in_ids!`]: a `bigint[]`.
pub(crate) type Ids = Vec<i64>;

pub(crate) fn ids(ids: &[i64]) -> Ids {
    ids.to_vec()
}

/// `IN` a list of ids bound as parameter `$n` (see [`ids`]), as SQL text:
/// `concat!("… WHERE id ", in_ids!(2))`. One parameter however long the list.
macro_rules! in_ids {
    ($n:literal) => {
        concat!("= ANY($", stringify!($n), ")")
    };
}
pub(crate) use in_ids;

/// For the rest of the write transaction, foreign keys are checked at commit rather than per
/// statement, so that rows referring to each other can go in table by table (intake, a copy).
pub(crate) const DEFER_FOREIGN_KEYS: &str = "SET CONSTRAINTS ALL DEFERRED";

/// The highest id `table` has used or its sequence has handed out (to a transaction that may
/// since have rolled back), as SQL text: `last_id!("cases")`. Under the write lock, ids above
/// it are free to be written explicitly.
macro_rules! last_id {
    ($table:literal) => {
        concat!(
            "SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM ",
            $table,
            "), COALESCE(pg_sequence_last_value(pg_get_serial_sequence('",
            $table,
            "', 'id')::regclass), 0))"
        )
    };
}
pub(crate) use last_id;

/// The statement that moves `table`'s id sequence past the ids written explicitly into it, so
/// that rows added the ordinary way (on this server or another) do not collide with them. The
/// sequence is left "called", so that [`last_id!`] still sees the value it was moved to.
pub(crate) fn move_id_generator(table: &str) -> Option<String> {
    Some(format!(
        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table} HAVING MAX(id) IS NOT NULL"
    ))
}

/// What follows a text parameter bound for a JSON column: PostgreSQL will not put `text` in a
/// `jsonb` column without a cast.
pub(crate) const JSON_FROM_TEXT: &str = "::jsonb";

/// The advisory lock key every transaction changing data takes first: "CORRIDOR". Ids drawn
/// from the tables' maxima (see `bulk`) and rules checked before writing rely on it. The audit
/// trail no longer does (see `audit`): appending takes no lock.
pub(crate) const WRITE_LOCK: i64 = 0x434f_5252_4944_4f52;
/// The advisory lock key of intake matching (see `IntakeStore::intake_lock`). Always taken
/// before the write lock, never after, so the two cannot deadlock.
pub(crate) const INTAKE_LOCK: i64 = WRITE_LOCK + 1;

/// How a write transaction on a pool begins: rows lock as they are written, so a plain
/// `BEGIN` will do (SQLite needs `BEGIN IMMEDIATE`).
pub(crate) const BEGIN_WRITE: &str = "BEGIN";

/// The function giving where a text first occurs in another, `STRPOS(haystack, needle)`
/// (1-based, 0 if absent): `strpos` on PostgreSQL, which has no `instr`.
pub(crate) const STRPOS: &str = "strpos";

/// A JSON value bound as parameter `$n`, for a column the schema keeps as JSON: `jsonb` here,
/// which does not take bound text without a cast. (SQLite keeps JSON as `TEXT`.)
macro_rules! json_param {
    ($n:literal) => {
        concat!("CAST($", stringify!($n), " AS JSONB)")
    };
}
pub(crate) use json_param;

/// Row locks for a queue read that servers take turns at: each takes the rows the others have
/// not locked, and none waits for another (see `outbox::claim`, which runs outside the write
/// lock).
macro_rules! skip_locked {
    () => {
        " FOR UPDATE SKIP LOCKED"
    };
}
pub(crate) use skip_locked;

/// The UTC day number (days since 1970-01-01) of a stored time, as SQL.
pub(crate) fn day_number(column: &str) -> String {
    format!("CAST(floor(extract(epoch FROM {column}) / 86400) AS BIGINT)")
}

/// Whether the store's `read` and `write` pools are one pool: PostgreSQL reads and writes through one pool (`read` and `write` are the same).
pub(crate) const ONE_POOL: bool = true;

/// The transaction appending an audit event, as SQL (see `audit`): its 64-bit id, which
/// orders it for the sealer.
macro_rules! current_xid {
    () => {
        "pg_current_xact_id()::text::bigint"
    };
}
pub(crate) use current_xid;

/// The order audit events are sealed in: by the transaction that appended them, which commit
/// in any order; only transactions older than every one still running are sealed (see
/// [`SEAL_FRONTIER`]).
macro_rules! seal_order {
    () => {
        "xid, id"
    };
}
pub(crate) use seal_order;

/// The oldest transaction still running (or the next to start): events of transactions below
/// it are all committed or gone, so no event can still appear before them in the chain.
pub(crate) const SEAL_FRONTIER: &str =
    "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

/// The advisory lock key of the audit sealer: one sealer at a time across all servers. Only
/// the sealer takes it; appending takes no lock.
pub(crate) const SEAL_LOCK: i64 = WRITE_LOCK + 2;

/// The first transaction id not yet handed out: every event committed before this moment
/// belongs to a transaction below it (see `verify_audit_chain`, which seals up to it).
pub(crate) const SEAL_HORIZON: &str =
    "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint";

/// A short pause while transactions older than [`SEAL_HORIZON`] finish.
pub(crate) const SEAL_PAUSE: &str = "SELECT pg_sleep(0.01)::text";
