//! Conversions between PostgreSQL rows and domain types.

use corridor_domain::{
    AuditEvent, CaseCategory, ParseEnumError, Priority, Requester, RequesterId, Role, Team, TeamId,
    User, UserId,
};
use corridor_store::StoreError;
use corridor_store::crypto::{Cipher, Field};
use sqlx::Row;
use sqlx::postgres::PgRow;

pub(crate) fn db_err(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    let e: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    // The schema's constraints refuse writes that break a rule (an open case without an
    // owner): those are refusals the app can explain, not failures.
    if let Some(sqlx::Error::Database(d)) = e.downcast_ref::<sqlx::Error>()
        && let Some(rule) = broken_rule(d.as_ref())
    {
        return StoreError::Rule(rule.to_string());
    }
    StoreError::Backend(e)
}

fn broken_rule(d: &dyn sqlx::error::DatabaseError) -> Option<&'static str> {
    const NO_OWNER: &str = "an open case must always have an owner and a team";
    match (d.code().as_deref(), d.constraint(), d.table()) {
        (_, Some("cases_open_have_owner"), _) => Some(NO_OWNER),
        (_, Some("cases_closed_have_outcome"), _) => Some("a closed case must have an outcome"),
        // NOT NULL on the owner and team columns fires before the named check.
        (Some("23502"), _, Some("cases")) => Some(NO_OWNER),
        _ => None,
    }
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

pub(crate) fn categories_to_codes(c: &[CaseCategory]) -> Vec<String> {
    c.iter().map(|c| c.as_str().to_string()).collect()
}

pub(crate) fn user(row: &PgRow) -> Result<User, StoreError> {
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

pub(crate) fn team(row: &PgRow) -> Result<Team, StoreError> {
    let categories: Vec<String> = row.try_get("categories").map_err(db_err)?;
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

pub(crate) fn requester(row: &PgRow, c: &Cipher) -> Result<Requester, StoreError> {
    Ok(Requester {
        id: RequesterId(row.try_get("id").map_err(db_err)?),
        kind: code(row.try_get::<&str, _>("kind").map_err(db_err)?)?,
        name: open(c, Field::RequesterName, row, "name")?,
        organization: row.try_get("organization").map_err(db_err)?,
        email: open_opt(c, Field::RequesterEmail, row, "email")?,
    })
}

/// Reads a sealed column and opens it.
pub(crate) fn open(c: &Cipher, field: Field, row: &PgRow, col: &str) -> Result<String, StoreError> {
    Ok(c.open(field, row.try_get::<&str, _>(col).map_err(db_err)?)?)
}

/// Reads a sealed column that may be NULL and opens it.
pub(crate) fn open_opt(
    c: &Cipher,
    field: Field,
    row: &PgRow,
    col: &str,
) -> Result<Option<String>, StoreError> {
    Ok(c.open_opt(field, row.try_get::<Option<&str>, _>(col).map_err(db_err)?)?)
}

/// Seals a person's details (as JSON) for `person_records.details`, with the coarse place
/// that stays in clear beside them for the situation report.
pub(crate) fn seal_details(
    c: &Cipher,
    details: &corridor_domain::PersonDetails,
) -> Result<(String, Option<String>), StoreError> {
    let json = serde_json::to_string(details).map_err(db_err)?;
    let place = corridor_store::protection::place_of(details).map(str::to_string);
    Ok((c.seal(Field::PersonDetails, &json), place))
}

/// Opens `person_records.details`.
pub(crate) fn open_details(
    c: &Cipher,
    row: &PgRow,
    col: &str,
) -> Result<corridor_domain::PersonDetails, StoreError> {
    let json = open(c, Field::PersonDetails, row, col)?;
    serde_json::from_str(&json).map_err(db_err)
}

pub(crate) fn audit_event(row: &PgRow) -> Result<AuditEvent, StoreError> {
    Ok(AuditEvent {
        id: row.try_get("id").map_err(db_err)?,
        at: row.try_get("at").map_err(db_err)?,
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
