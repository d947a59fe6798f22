//! Conversions between database rows and domain types, and the mapping of database errors.

use chrono::{DateTime, Utc};
use corridor_domain::{
    AuditEvent, CaseCategory, ParseEnumError, PersonDetails, Priority, Requester, RequesterId,
    Role, Team, TeamId, User, UserId,
};
use corridor_store::StoreError;
use corridor_store::crypto::{Cipher, Field};
use sqlx::Row;

use crate::dialect::{self, DbRow};

pub(crate) fn db_err(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    let e: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    // The schema refuses writes that break a rule (an open case without an owner): those are
    // refusals the app can explain, not failures.
    if let Some(sqlx::Error::Database(d)) = e.downcast_ref::<sqlx::Error>()
        && let Some(refused) = dialect::broken_rule(d.as_ref())
    {
        return StoreError::Rule(refused);
    }
    StoreError::Backend(e)
}

/// A code in the database that the domain no longer knows is corruption, not user error.
pub(crate) fn code<T: std::str::FromStr<Err = ParseEnumError>>(s: &str) -> Result<T, StoreError> {
    s.parse().map_err(db_err)
}

/// A point in time, as the database stores it.
pub(crate) fn time(row: &DbRow, col: &str) -> Result<DateTime<Utc>, StoreError> {
    Ok(dialect::from_time(row.try_get(col).map_err(db_err)?))
}

/// A point in time that may be NULL.
pub(crate) fn time_opt(row: &DbRow, col: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
    Ok(row
        .try_get::<Option<dialect::Time>, _>(col)
        .map_err(db_err)?
        .map(dialect::from_time))
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

/// A team's categories, as the database stores a list of codes.
pub(crate) fn categories(c: &[CaseCategory]) -> dialect::Codes {
    dialect::codes(c.iter().map(|c| c.as_str()))
}

pub(crate) fn user(row: &DbRow) -> Result<User, StoreError> {
    Ok(User {
        id: UserId(row.try_get("id").map_err(db_err)?),
        username: row.try_get("username").map_err(db_err)?,
        display_name: row.try_get("display_name").map_err(db_err)?,
        role: code::<Role>(row.try_get::<&str, _>("role").map_err(db_err)?)?,
        team_id: row
            .try_get::<Option<i64>, _>("team_id")
            .map_err(db_err)?
            .map(TeamId),
        active: row.try_get("active").map_err(db_err)?,
    })
}

pub(crate) fn team(row: &DbRow) -> Result<Team, StoreError> {
    let categories = dialect::from_codes(row.try_get("categories").map_err(db_err)?);
    Ok(Team {
        id: TeamId(row.try_get("id").map_err(db_err)?),
        name: row.try_get("name").map_err(db_err)?,
        lead_id: row
            .try_get::<Option<i64>, _>("lead_id")
            .map_err(db_err)?
            .map(UserId),
        categories: categories
            .iter()
            .map(|c| code::<CaseCategory>(c))
            .collect::<Result<_, _>>()?,
    })
}

pub(crate) fn requester(row: &DbRow, c: &Cipher) -> Result<Requester, StoreError> {
    Ok(Requester {
        id: RequesterId(row.try_get("id").map_err(db_err)?),
        kind: code(row.try_get::<&str, _>("kind").map_err(db_err)?)?,
        name: open(c, Field::RequesterName, row, "name")?,
        organization: row.try_get("organization").map_err(db_err)?,
        email: open_opt(c, Field::RequesterEmail, row, "email")?,
    })
}

/// Reads a sealed column and opens it.
pub(crate) fn open(c: &Cipher, field: Field, row: &DbRow, col: &str) -> Result<String, StoreError> {
    Ok(c.open(field, row.try_get::<&str, _>(col).map_err(db_err)?)?)
}

/// Reads a sealed column that may be NULL and opens it.
pub(crate) fn open_opt(
    c: &Cipher,
    field: Field,
    row: &DbRow,
    col: &str,
) -> Result<Option<String>, StoreError> {
    Ok(c.open_opt(field, row.try_get::<Option<&str>, _>(col).map_err(db_err)?)?)
}

/// Seals a person's details (as JSON) for `person_records.details`, with the coarse place
/// that stays in clear beside them for the situation report.
pub(crate) fn seal_details(
    c: &Cipher,
    details: &PersonDetails,
) -> Result<(String, Option<String>), StoreError> {
    let json = zeroize::Zeroizing::new(serde_json::to_string(details).map_err(db_err)?);
    let place = corridor_store::protection::place_of(details).map(str::to_string);
    Ok((c.seal(Field::PersonDetails, &json), place))
}

/// Opens `person_records.details`.
pub(crate) fn open_details(
    c: &Cipher,
    row: &DbRow,
    col: &str,
) -> Result<PersonDetails, StoreError> {
    let json = zeroize::Zeroizing::new(open(c, Field::PersonDetails, row, col)?);
    serde_json::from_str(&json).map_err(db_err)
}

pub(crate) fn audit_event(row: &DbRow) -> Result<AuditEvent, StoreError> {
    Ok(AuditEvent {
        id: row.try_get("id").map_err(db_err)?,
        at: time(row, "at")?,
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
