//! Teams, users, sessions and API tokens.
//!
//! Writes that are audited run in the caller's write transaction (see each store's `begin`).

use chrono::{DateTime, Duration, Utc};
use corridor_domain::{Team, TeamId, User, UserId};
use corridor_store::Refusal;
use corridor_store::{
    Actor, ApiTokenInfo, AuditAction, NewApiToken, NewAuditEvent, NewSession, NewTeam, NewUser,
    Result, SessionInfo, StoreError, TokenScope,
};
use sqlx::Row;

use crate::dialect::{self, Conn, DbPool};
use crate::{audit, db_err, missing, rows};

/// A session's last-seen time is refreshed at most this often, so that reading pages does not
/// turn every request into a write.
const TOUCH_EVERY: Duration = Duration::seconds(60);

fn unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

pub(crate) async fn create_team(
    conn: &mut Conn,
    at: DateTime<Utc>,
    team: NewTeam,
    actor: &Actor,
) -> Result<Team> {
    if let Some(lead) = team.lead_id {
        active_user(conn, lead).await?;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO teams (name, categories, lead_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(team.name.trim())
    .bind(rows::categories(&team.categories))
    .bind(team.lead_id.map(|u| u.0))
    .bind(dialect::time(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if unique_violation(&e) {
            StoreError::Conflict(format!("a team named {:?} exists already", team.name.trim()))
        } else {
            db_err(e)
        }
    })?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::TeamCreated,
            "team",
            id,
            format!("name {}", team.name.trim()),
        ),
    )
    .await?;
    get_team(conn, TeamId(id)).await
}

async fn get_team(conn: &mut Conn, id: TeamId) -> Result<Team> {
    let row = sqlx::query("SELECT * FROM teams WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("team", id.0))?;
    rows::team(&row)
}

pub(crate) async fn set_team_lead(
    conn: &mut Conn,
    at: DateTime<Utc>,
    team: TeamId,
    lead: UserId,
    actor: &Actor,
) -> Result<Team> {
    get_team(conn, team).await?;
    active_user(conn, lead).await?;
    sqlx::query("UPDATE teams SET lead_id = $1 WHERE id = $2")
        .bind(lead.0)
        .bind(team.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::TeamLeadSet,
            "team",
            team.0,
            format!("lead user {lead}"),
        ),
    )
    .await?;
    get_team(conn, team).await
}

pub(crate) async fn list_teams(pool: &DbPool) -> Result<Vec<Team>> {
    let rows = sqlx::query("SELECT * FROM teams ORDER BY name")
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
    rows.iter().map(rows::team).collect()
}

/// The teams as this transaction sees them.
pub(crate) async fn list_teams_in(conn: &mut Conn) -> Result<Vec<Team>> {
    let rows = sqlx::query("SELECT * FROM teams ORDER BY name")
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)?;
    rows.iter().map(rows::team).collect()
}

/// Deactivating a lead also takes them off the teams they lead, so that new inquiries wait in
/// triage instead of going to someone who will never see them.
pub(crate) async fn set_active(
    conn: &mut Conn,
    at: DateTime<Utc>,
    id: UserId,
    active: bool,
    actor: &Actor,
) -> Result<User> {
    let row = sqlx::query(
        "SELECT id, username, display_name, role, team_id, active FROM users WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?
    .ok_or_else(|| missing("user", id.0))?;
    let mut user = rows::user(&row)?;
    if user.active == active {
        return Ok(user);
    }
    sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
        .bind(active)
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    let detail = if active {
        "reactivated".to_string()
    } else {
        let led: Vec<String> =
            sqlx::query_scalar("UPDATE teams SET lead_id = NULL WHERE lead_id = $1 RETURNING name")
                .bind(id.0)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_err)?;
        let open: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE owner_id = $1 AND is_open = TRUE")
                .bind(id.0)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?;
        let mut d = format!("deactivated; {open} open cases need a new owner");
        if !led.is_empty() {
            d.push_str(&format!("; no longer lead of {}", led.join(", ")));
        }
        d
    };
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            if active {
                AuditAction::UserReactivated
            } else {
                AuditAction::UserDeactivated
            },
            "user",
            id.0,
            detail,
        ),
    )
    .await?;
    user.active = active;
    Ok(user)
}

/// The user, refusing one that does not exist or is no longer active: work must not be handed
/// to someone who cannot do it.
pub(crate) async fn active_user(conn: &mut Conn, id: UserId) -> Result<User> {
    let row = sqlx::query(
        "SELECT id, username, display_name, role, team_id, active FROM users WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?
    .ok_or_else(|| missing("user", id.0))?;
    let user = rows::user(&row)?;
    if !user.active {
        return Err(Refusal::UserInactive {
            username: user.username.to_string(),
        }
        .into());
    }
    Ok(user)
}

pub(crate) async fn create_user(
    conn: &mut Conn,
    at: DateTime<Utc>,
    user: NewUser,
    actor: &Actor,
) -> Result<User> {
    if let Some(team) = user.team_id {
        get_team(conn, team).await?;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, role, team_id, password_hash, active, created_at)
         VALUES ($1, $2, $3, $4, $5, TRUE, $6) RETURNING id",
    )
    .bind(user.username.as_str())
    .bind(user.display_name.as_str())
    .bind(user.role.as_str())
    .bind(user.team_id.map(|t| t.0))
    .bind(&user.password_hash)
    .bind(dialect::time(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if unique_violation(&e) {
            StoreError::Conflict(format!("the username {} is taken", user.username))
        } else {
            db_err(e)
        }
    })?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::UserCreated,
            "user",
            id,
            format!("username {}, role {}", user.username, user.role),
        ),
    )
    .await?;
    active_user(conn, UserId(id)).await
}

pub(crate) async fn get_user(pool: &DbPool, id: UserId) -> Result<Option<User>> {
    sqlx::query("SELECT id, username, display_name, role, team_id, active FROM users WHERE id = $1")
        .bind(id.0)
        .fetch_optional(pool)
        .await
        .map_err(db_err)?
        .as_ref()
        .map(rows::user)
        .transpose()
}

pub(crate) async fn list_users(pool: &DbPool) -> Result<Vec<User>> {
    let rows = sqlx::query(
        "SELECT id, username, display_name, role, team_id, active FROM users ORDER BY display_name",
    )
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    rows.iter().map(rows::user).collect()
}

pub(crate) async fn user_credentials(
    pool: &DbPool,
    username: &str,
) -> Result<Option<(User, String)>> {
    let Some(row) = sqlx::query(
        "SELECT id, username, display_name, role, team_id, active, password_hash FROM users WHERE username = $1",
    )
    .bind(username.trim().to_lowercase())
    .fetch_optional(pool)
    .await
    .map_err(db_err)?
    else {
        return Ok(None);
    };
    Ok(Some((
        rows::user(&row)?,
        row.try_get("password_hash").map_err(db_err)?,
    )))
}

pub(crate) async fn create_session(pool: &DbPool, at: DateTime<Utc>, s: NewSession) -> Result<()> {
    let now = dialect::time(at);
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, idle_seconds)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&s.token_hash)
    .bind(s.user_id.0)
    .bind(&s.csrf_token)
    .bind(now)
    .bind(now)
    .bind(dialect::time(s.expires_at))
    .bind(s.idle_timeout.num_seconds().max(1))
    .execute(pool)
    .await
    .map_err(db_err)?;
    Ok(())
}

pub(crate) async fn session(
    read: &DbPool,
    write: &DbPool,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<SessionInfo>> {
    let Some(row) = sqlx::query(
        "SELECT u.id, u.username, u.display_name, u.role, u.team_id, u.active,
                s.csrf_token, s.last_seen_at, s.expires_at, s.idle_seconds, s.factor_at
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(read)
    .await
    .map_err(db_err)?
    else {
        return Ok(None);
    };
    let user = rows::user(&row)?;
    let last_seen = rows::time(&row, "last_seen_at")?;
    let expires = rows::time(&row, "expires_at")?;
    let idle: i64 = row.try_get("idle_seconds").map_err(db_err)?;
    // An idle time too long to represent never runs out, rather than panicking.
    let idle = Duration::try_seconds(idle).unwrap_or(Duration::MAX);
    if !user.active || now >= expires || now - last_seen >= idle {
        delete_session(write, token_hash).await?;
        return Ok(None);
    }
    if now - last_seen >= TOUCH_EVERY {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(dialect::time(now))
            .bind(token_hash)
            .execute(write)
            .await
            .map_err(db_err)?;
    }
    Ok(Some(SessionInfo {
        user,
        csrf_token: row.try_get("csrf_token").map_err(db_err)?,
        factor_at: rows::time_opt(&row, "factor_at")?,
    }))
}

pub(crate) async fn delete_session(pool: &DbPool, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub(crate) async fn create_api_token(
    conn: &mut Conn,
    at: DateTime<Utc>,
    token: NewApiToken,
    actor: &Actor,
) -> Result<i64> {
    active_user(conn, token.user_id).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at, scopes)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(token.user_id.0)
    .bind(&token.name)
    .bind(&token.token_hash)
    .bind(dialect::time(at))
    .bind(token.expires_at.map(dialect::time))
    .bind(TokenScope::join(&token.scopes))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::TokenCreated,
            "user",
            token.user_id.0,
            format!(
                "API token {id} ({}), scopes {}",
                token.name,
                TokenScope::join(&token.scopes)
            ),
        ),
    )
    .await?;
    Ok(id)
}

pub(crate) async fn api_token(
    pool: &DbPool,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<ApiTokenInfo>> {
    let Some(row) = sqlx::query(
        "SELECT u.id, u.username, u.display_name, u.role, u.team_id, u.active,
                t.id AS token_id, t.name AS token_name, t.expires_at, t.revoked_at, t.scopes
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await
    .map_err(db_err)?
    else {
        return Ok(None);
    };
    let user = rows::user(&row)?;
    let expires = rows::time_opt(&row, "expires_at")?;
    let revoked = rows::time_opt(&row, "revoked_at")?;
    if !user.active || revoked.is_some() || expires.is_some_and(|e| now >= e) {
        return Ok(None);
    }
    Ok(Some(ApiTokenInfo {
        id: row.try_get("token_id").map_err(db_err)?,
        name: row.try_get("token_name").map_err(db_err)?,
        scopes: TokenScope::split(row.try_get("scopes").map_err(db_err)?),
        user,
    }))
}

// --- the language of a user's pages ---------------------------------------------------------

pub(crate) async fn set_language(
    conn: &mut Conn,
    at: DateTime<Utc>,
    user: UserId,
    language: Option<&str>,
    actor: &Actor,
) -> Result<()> {
    let language = language.map(str::trim).filter(|l| !l.is_empty());
    // A code, never free text: the column is read back into a cookie and a page's `lang`.
    if let Some(l) = language
        && (l.len() > 8 || !l.chars().all(|c| c.is_ascii_lowercase()))
    {
        return Err(StoreError::Rule(Refusal::Language(l.to_string())));
    }
    let done = sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
        .bind(language)
        .bind(user.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    if done.rows_affected() == 0 {
        return Err(missing("user", user.0));
    }
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::UserLanguageSet,
            "user",
            user.0,
            format!("language {}", language.unwrap_or("cleared")),
        ),
    )
    .await
}

pub(crate) async fn language(pool: &DbPool, user: UserId) -> Result<Option<String>> {
    let found: Option<Option<String>> =
        sqlx::query_scalar("SELECT language FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_optional(pool)
            .await
            .map_err(db_err)?;
    found.ok_or_else(|| missing("user", user.0))
}
