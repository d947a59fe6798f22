//! What differs on PostgreSQL, for the code shared with SQLite (`crates/store/sql`): the
//! types, how times and code lists are stored, how the schema's refusals read, and how a
//! write transaction takes the lock.

use chrono::{DateTime, Utc};

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

/// A list of codes (a team's categories) is a `text[]`.
pub(crate) type Codes = Vec<String>;

pub(crate) fn codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Codes {
    codes.into_iter().map(str::to_string).collect()
}

pub(crate) fn from_codes(codes: Codes) -> Vec<String> {
    codes
}

/// The schema's named constraints refuse a write that breaks a rule.
pub(crate) fn broken_rule(d: &dyn sqlx::error::DatabaseError) -> Option<String> {
    const NO_OWNER: &str = "an open case must always have an owner and a team";
    let rule = match (d.code().as_deref(), d.constraint(), d.table()) {
        (_, Some("cases_open_have_owner"), _) => NO_OWNER,
        (_, Some("cases_closed_have_outcome"), _) => "a closed case must have an outcome",
        // NOT NULL on the owner and team columns fires before the named check.
        (Some("23502"), _, Some("cases")) => NO_OWNER,
        _ => return None,
    };
    Some(rule.to_string())
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

/// Row locks for a read that is about to be updated, so that servers side by side wait for
/// each other.
macro_rules! for_update {
    () => {
        " FOR UPDATE"
    };
}
pub(crate) use for_update;

/// Row locks for a queue read that servers take turns at: each takes the rows the others have
/// not locked, and none waits for another (see `outbox::claim`, which runs outside the write
/// lock).
macro_rules! skip_locked {
    () => {
        " FOR UPDATE SKIP LOCKED"
    };
}
pub(crate) use skip_locked;

/// A JSON text bound as parameter `$n`, for a `jsonb` column: the text parameter needs the
/// cast, as PostgreSQL does not turn `text` into `jsonb` on its own.
macro_rules! json_param {
    ($n:literal) => {
        concat!("CAST($", stringify!($n), " AS jsonb)")
    };
}
pub(crate) use json_param;

/// The UTC day number (days since 1970-01-01) of a stored time, as SQL.
pub(crate) fn day_number(column: &str) -> String {
    format!("CAST(floor(extract(epoch FROM {column}) / 86400) AS BIGINT)")
}
