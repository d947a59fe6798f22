//! Conversions between SQLite rows and domain types.

use chrono::{DateTime, Utc};
use corridor_domain::{
    AuditEvent, CaseCategory, ParseEnumError, PersonDetails, Priority, Requester, RequesterId,
    Role, Team, TeamId, User, UserId,
};
use corridor_store::StoreError;
use corridor_store::crypto::{Cipher, Field};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

pub(crate) fn micros(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

pub(crate) fn from_micros(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us).unwrap_or_default()
}

pub(crate) fn db_err(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    let e: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    // The schema's triggers refuse writes that break a rule (an open case without an owner):
    // those are refusals the app can explain, not failures.
    if let Some(sqlx::Error::Database(d)) = e.downcast_ref::<sqlx::Error>()
        && let Some(rule) = d.message().strip_prefix("corridor: ")
    {
        return StoreError::Rule(rule.to_string());
    }
    StoreError::Backend(e)
}

/// A code in the database that the domain no longer knows is corruption, not user error.
pub(crate) fn code<T: std::str::FromStr<Err = ParseEnumError>>(s: &str) -> Result<T, StoreError> {
    s.parse().map_err(db_err)
}

pub(crate) fn priority_rank(p: Priority) -> i64 {
    Priority::ALL.iter().position(|x| *x == p).unwrap_or(2) as i64
}

pub(crate) fn priority_from_rank(rank: i64) -> Priority {
    Priority::ALL
        .get(rank as usize)
        .copied()
        .unwrap_or(Priority::Normal)
}

pub(crate) fn categories_to_text(c: &[CaseCategory]) -> String {
    c.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")
}

pub(crate) fn categories_from_text(s: &str) -> Result<Vec<CaseCategory>, StoreError> {
    s.split(',')
        .filter(|c| !c.is_empty())
        .map(code::<CaseCategory>)
        .collect()
}

pub(crate) fn user(row: &SqliteRow) -> Result<User, StoreError> {
    Ok(User {
        id: UserId(row.try_get("id").map_err(db_err)?),
        username: row.try_get("username").map_err(db_err)?,
        display_name: row.try_get("display_name").map_err(db_err)?,
        role: code::<Role>(row.try_get::<&str, _>("role").map_err(db_err)?)?,
        team_id: row
            .try_get::<Option<i64>, _>("team_id")
            .map_err(db_err)?
            .map(TeamId),
        active: row.try_get::<i64, _>("active").map_err(db_err)? != 0,
    })
}

pub(crate) fn team(row: &SqliteRow) -> Result<Team, StoreError> {
    Ok(Team {
        id: TeamId(row.try_get("id").map_err(db_err)?),
        name: row.try_get("name").map_err(db_err)?,
        lead_id: row
            .try_get::<Option<i64>, _>("lead_id")
            .map_err(db_err)?
            .map(UserId),
        categories: categories_from_text(row.try_get("categories").map_err(db_err)?)?,
    })
}

/// Opens a sealed column of a row.
pub(crate) fn sealed(
    row: &SqliteRow,
    column: &str,
    cipher: &Cipher,
    field: Field,
) -> Result<String, StoreError> {
    Ok(cipher.open(field, row.try_get(column).map_err(db_err)?)?)
}

/// Opens a sealed column of a row that may be NULL.
pub(crate) fn sealed_opt(
    row: &SqliteRow,
    column: &str,
    cipher: &Cipher,
    field: Field,
) -> Result<Option<String>, StoreError> {
    Ok(cipher.open_opt(field, row.try_get(column).map_err(db_err)?)?)
}

/// A person record's sealed details.
pub(crate) fn details(
    row: &SqliteRow,
    column: &str,
    cipher: &Cipher,
) -> Result<PersonDetails, StoreError> {
    let json = zeroize::Zeroizing::new(sealed(row, column, cipher, Field::PersonDetails)?);
    serde_json::from_str(&json).map_err(db_err)
}

pub(crate) fn requester(row: &SqliteRow, cipher: &Cipher) -> Result<Requester, StoreError> {
    Ok(Requester {
        id: RequesterId(row.try_get("id").map_err(db_err)?),
        kind: code(row.try_get::<&str, _>("kind").map_err(db_err)?)?,
        name: sealed(row, "name", cipher, Field::RequesterName)?,
        organization: row.try_get("organization").map_err(db_err)?,
        email: sealed_opt(row, "email", cipher, Field::RequesterEmail)?,
    })
}

pub(crate) fn audit_event(row: &SqliteRow) -> Result<AuditEvent, StoreError> {
    Ok(AuditEvent {
        id: row.try_get("id").map_err(db_err)?,
        at: from_micros(row.try_get("at").map_err(db_err)?),
        actor_id: row
            .try_get::<Option<i64>, _>("actor_id")
            .map_err(db_err)?
            .map(UserId),
        actor_name: row.try_get("actor_name").map_err(db_err)?,
        ip: row.try_get("ip").map_err(db_err)?,
        action: row.try_get("action").map_err(db_err)?,
        entity: row.try_get("entity").map_err(db_err)?,
        entity_id: row.try_get("entity_id").map_err(db_err)?,
        detail: row.try_get("detail").map_err(db_err)?,
        hash: row.try_get("hash").map_err(db_err)?,
    })
}
