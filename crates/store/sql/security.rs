//! Second factors, sign-in lockout, role and password changes, token listing and revoking,
//! the data scope of objects and the audit trail's search.

use chrono::{DateTime, Duration, Utc};
use corridor_domain::{AuditEvent, Role, TeamId, User, UserId};
use corridor_store::crypto::{Cipher, Field};
use corridor_store::{
    Actor, ApiTokenListing, AuditAction, AuditFilter, CaseHolder, NewAuditEvent, ObjectScope,
    Result, ScopedObject, TokenScope, TotpState,
};
use sqlx::{QueryBuilder, Row};

use crate::dialect::{self, Conn, Db, DbPool};
use crate::{audit, db_err, missing, rows};

async fn user_row(conn: &mut Conn, id: UserId) -> Result<User> {
    let row = sqlx::query(
        "SELECT id, username, display_name, role, team_id, active FROM users WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?
    .ok_or_else(|| missing("user", id.0))?;
    rows::user(&row)
}

async fn end_sessions_in(conn: &mut Conn, user: UserId) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?
        .rows_affected())
}

pub(crate) async fn set_totp(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    user: UserId,
    state: Option<TotpState>,
    actor: &Actor,
) -> Result<()> {
    user_row(conn, user).await?;
    let action = match &state {
        Some(s) => {
            sqlx::query(
                "UPDATE users SET totp_secret = $1, totp_confirmed = $2, totp_last_step = NULL WHERE id = $3",
            )
            .bind(c.seal(Field::TotpSecret, &s.secret))
            .bind(s.confirmed)
            .bind(user.0)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
            if s.confirmed {
                AuditAction::UserTotpConfirmed
            } else {
                AuditAction::UserTotpStarted
            }
        }
        None => {
            sqlx::query(
                "UPDATE users SET totp_secret = NULL, totp_confirmed = FALSE, totp_last_step = NULL WHERE id = $1",
            )
            .bind(user.0)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
            end_sessions_in(conn, user).await?;
            AuditAction::UserTotpReset
        }
    };
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(action, "user", user.0, ""),
    )
    .await
}

/// Confirming keeps the step that proved the code, so that code cannot be used again.
pub(crate) async fn totp(pool: &DbPool, c: &Cipher, user: UserId) -> Result<Option<TotpState>> {
    let row = sqlx::query("SELECT totp_secret, totp_confirmed FROM users WHERE id = $1")
        .bind(user.0)
        .fetch_optional(pool)
        .await
        .map_err(db_err)?;
    let Some(row) = row else { return Ok(None) };
    let secret = rows::open_opt(c, Field::TotpSecret, &row, "totp_secret")?;
    let confirmed: bool = row.try_get("totp_confirmed").map_err(db_err)?;
    Ok(secret.map(|secret| TotpState { secret, confirmed }))
}

pub(crate) async fn claim_totp_step(pool: &DbPool, user: UserId, step: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $3)",
    )
    .bind(step)
    .bind(user.0)
    .bind(step)
    .execute(pool)
    .await
    .map_err(db_err)?;
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn session_factor_verified(
    pool: &DbPool,
    token_hash: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query("UPDATE sessions SET factor_at = $1 WHERE token_hash = $2")
        .bind(dialect::time(at))
        .bind(token_hash)
        .execute(pool)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub(crate) async fn end_user_sessions(pool: &DbPool, user: UserId) -> Result<u64> {
    let mut conn = pool.acquire().await.map_err(db_err)?;
    end_sessions_in(&mut conn, user).await
}

pub(crate) async fn sign_in_locked_until(
    pool: &DbPool,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let until: Option<Option<dialect::Time>> =
        sqlx::query_scalar("SELECT locked_until FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_optional(pool)
            .await
            .map_err(db_err)?;
    Ok(until
        .flatten()
        .map(dialect::from_time)
        .filter(|until| *until > now))
}

pub(crate) async fn record_sign_in_failure(
    conn: &mut Conn,
    at: DateTime<Utc>,
    user: UserId,
    now: DateTime<Utc>,
    max_failures: u32,
    lock_for: Duration,
    actor: &Actor,
) -> Result<Option<DateTime<Utc>>> {
    let failures: i64 = sqlx::query_scalar(
        "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1 RETURNING failed_sign_ins",
    )
    .bind(user.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?
    .ok_or_else(|| missing("user", user.0))?;
    if failures < i64::from(max_failures.max(1)) {
        return Ok(None);
    }
    // Stored times keep microseconds: the time reported is the one a later read gives back.
    let until =
        DateTime::from_timestamp_micros((now + lock_for).timestamp_micros()).unwrap_or_default();
    sqlx::query("UPDATE users SET failed_sign_ins = 0, locked_until = $1 WHERE id = $2")
        .bind(dialect::time(until))
        .bind(user.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::UserLockedOut,
            "user",
            user.0,
            format!("{failures} failed sign-ins in a row; locked until {until}"),
        ),
    )
    .await?;
    Ok(Some(until))
}

pub(crate) async fn clear_sign_in_failures(pool: &DbPool, user: UserId) -> Result<()> {
    sqlx::query(
        "UPDATE users SET failed_sign_ins = 0, locked_until = NULL
         WHERE id = $1 AND (failed_sign_ins <> 0 OR locked_until IS NOT NULL)",
    )
    .bind(user.0)
    .execute(pool)
    .await
    .map_err(db_err)?;
    Ok(())
}

pub(crate) async fn set_user_role(
    conn: &mut Conn,
    at: DateTime<Utc>,
    id: UserId,
    role: Role,
    actor: &Actor,
) -> Result<User> {
    let mut user = user_row(conn, id).await?;
    if user.role == role {
        return Ok(user);
    }
    sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
        .bind(role.as_str())
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    let ended = end_sessions_in(conn, id).await?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::UserRoleChanged,
            "user",
            id.0,
            format!("role {} → {role}; {ended} sessions ended", user.role),
        ),
    )
    .await?;
    user.role = role;
    Ok(user)
}

pub(crate) async fn set_password_hash(
    conn: &mut Conn,
    at: DateTime<Utc>,
    id: UserId,
    hash: String,
    actor: &Actor,
) -> Result<()> {
    user_row(conn, id).await?;
    sqlx::query(
        "UPDATE users SET password_hash = $1, failed_sign_ins = 0, locked_until = NULL WHERE id = $2",
    )
    .bind(&hash)
    .bind(id.0)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    let ended = end_sessions_in(conn, id).await?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::UserPasswordChanged,
            "user",
            id.0,
            format!("{ended} sessions ended"),
        ),
    )
    .await
}

pub(crate) async fn list_api_tokens(
    pool: &DbPool,
    user: Option<UserId>,
) -> Result<Vec<ApiTokenListing>> {
    let rows = sqlx::query(
        "SELECT t.id, t.user_id, u.username, t.name, t.scopes, t.created_at, t.expires_at, t.revoked_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE CAST($1 AS BIGINT) IS NULL OR t.user_id = $2 ORDER BY t.id DESC",
    )
    .bind(user.map(|u| u.0))
    .bind(user.map(|u| u.0))
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    rows.iter()
        .map(|r| {
            Ok(ApiTokenListing {
                id: r.try_get("id").map_err(db_err)?,
                user_id: UserId(r.try_get("user_id").map_err(db_err)?),
                username: r.try_get("username").map_err(db_err)?,
                name: r.try_get("name").map_err(db_err)?,
                scopes: TokenScope::split(r.try_get("scopes").map_err(db_err)?),
                created_at: rows::time(r, "created_at")?,
                expires_at: rows::time_opt(r, "expires_at")?,
                revoked_at: rows::time_opt(r, "revoked_at")?,
            })
        })
        .collect()
}

pub(crate) async fn revoke_api_token(
    conn: &mut Conn,
    at: DateTime<Utc>,
    id: i64,
    actor: &Actor,
) -> Result<()> {
    let row = sqlx::query("SELECT user_id, revoked_at FROM api_tokens WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("API token", id))?;
    let user: i64 = row.try_get("user_id").map_err(db_err)?;
    if rows::time_opt(&row, "revoked_at")?.is_some() {
        return Ok(());
    }
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2")
        .bind(dialect::time(at))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::TokenRevoked,
            "user",
            user,
            format!("API token {id}"),
        ),
    )
    .await
}

async fn person_scope(pool: &DbPool, person: i64, scope: &mut ObjectScope) -> Result<bool> {
    let merged_into: Option<Option<i64>> =
        sqlx::query_scalar("SELECT merged_into FROM persons WHERE id = $1")
            .bind(person)
            .fetch_optional(pool)
            .await
            .map_err(db_err)?;
    let Some(merged_into) = merged_into else {
        return Ok(false);
    };
    // A merged person's cases moved to the person it was merged into.
    for p in std::iter::once(person).chain(merged_into) {
        let rows = sqlx::query(
            "SELECT c.owner_id, c.team_id FROM case_persons cp JOIN cases c ON c.id = cp.case_id
             WHERE cp.person_id = $1",
        )
        .bind(p)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        for r in rows {
            scope.cases.push(CaseHolder {
                owner: UserId(r.try_get("owner_id").map_err(db_err)?),
                team: TeamId(r.try_get("team_id").map_err(db_err)?),
            });
        }
        let waiting: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM person_records pr JOIN inquiries i ON i.id = pr.inquiry_id
                            WHERE pr.person_id = $1 AND i.case_id IS NULL)",
        )
        .bind(p)
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
        scope.in_triage_queue |= waiting;
    }
    Ok(true)
}

pub(crate) async fn object_scope(
    pool: &DbPool,
    object: ScopedObject,
) -> Result<Option<ObjectScope>> {
    let mut scope = ObjectScope::default();
    match object {
        ScopedObject::Case(id) => {
            let Some(r) = sqlx::query("SELECT owner_id, team_id FROM cases WHERE id = $1")
                .bind(id.0)
                .fetch_optional(pool)
                .await
                .map_err(db_err)?
            else {
                return Ok(None);
            };
            scope.cases.push(CaseHolder {
                owner: UserId(r.try_get("owner_id").map_err(db_err)?),
                team: TeamId(r.try_get("team_id").map_err(db_err)?),
            });
        }
        ScopedObject::Referral(corridor_domain::ReferralId(id)) | ScopedObject::Task(id) => {
            // A task's assignee may see and complete it, whoever owns the case.
            let sql = if matches!(object, ScopedObject::Referral(_)) {
                "SELECT c.owner_id, c.team_id, CAST(NULL AS BIGINT) AS assignee_id FROM referrals x
                 JOIN cases c ON c.id = x.case_id WHERE x.id = $1"
            } else {
                "SELECT c.owner_id, c.team_id, x.assignee_id FROM case_tasks x
                 JOIN cases c ON c.id = x.case_id WHERE x.id = $1"
            };
            let Some(r) = sqlx::query(sql)
                .bind(id)
                .fetch_optional(pool)
                .await
                .map_err(db_err)?
            else {
                return Ok(None);
            };
            let team = TeamId(r.try_get("team_id").map_err(db_err)?);
            scope.cases.push(CaseHolder {
                owner: UserId(r.try_get("owner_id").map_err(db_err)?),
                team,
            });
            if let Some(assignee) = r.try_get::<Option<i64>, _>("assignee_id").map_err(db_err)? {
                scope.cases.push(CaseHolder {
                    owner: UserId(assignee),
                    team,
                });
            }
        }
        ScopedObject::Inquiry(id) => {
            // A request naming several families feeds several cases: whoever holds any of
            // them may read it.
            let rows = sqlx::query(
                "SELECT c.owner_id, c.team_id FROM inquiries i
                 LEFT JOIN case_inquiries ci ON ci.inquiry_id = i.id
                 LEFT JOIN cases c ON c.id = ci.case_id WHERE i.id = $1",
            )
            .bind(id.0)
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
            if rows.is_empty() {
                return Ok(None);
            }
            for r in &rows {
                if let Some(owner) = r.try_get::<Option<i64>, _>("owner_id").map_err(db_err)? {
                    scope.cases.push(CaseHolder {
                        owner: UserId(owner),
                        team: TeamId(r.try_get("team_id").map_err(db_err)?),
                    });
                }
            }
            scope.in_triage_queue = scope.cases.is_empty();
        }
        ScopedObject::Person(id) => {
            if !person_scope(pool, id.0, &mut scope).await? {
                return Ok(None);
            }
        }
        ScopedObject::Review(id) => {
            let Some(r) = sqlx::query(
                "SELECT r.candidate_id, pr.person_id FROM match_reviews r
                 JOIN person_records pr ON pr.id = r.record_id WHERE r.id = $1",
            )
            .bind(id.0)
            .fetch_optional(pool)
            .await
            .map_err(db_err)?
            else {
                return Ok(None);
            };
            for col in ["candidate_id", "person_id"] {
                person_scope(pool, r.try_get(col).map_err(db_err)?, &mut scope).await?;
            }
        }
        ScopedObject::Merge(id) => {
            let Some(r) = sqlx::query("SELECT kept_id, merged_id FROM person_merges WHERE id = $1")
                .bind(id.0)
                .fetch_optional(pool)
                .await
                .map_err(db_err)?
            else {
                return Ok(None);
            };
            for col in ["kept_id", "merged_id"] {
                person_scope(pool, r.try_get(col).map_err(db_err)?, &mut scope).await?;
            }
        }
    }
    Ok(Some(scope))
}

pub(crate) async fn search_audit(
    pool: &DbPool,
    f: &AuditFilter,
    limit: u32,
) -> Result<Vec<AuditEvent>> {
    let mut q = QueryBuilder::<Db>::new("SELECT * FROM audit_events WHERE 1 = 1");
    if let Some(a) = &f.actor {
        q.push(" AND actor_name = ").push_bind(a.clone());
    }
    if let Some(a) = &f.action {
        q.push(" AND action = ").push_bind(a.clone());
    }
    if let Some(e) = &f.entity {
        q.push(" AND entity = ").push_bind(e.clone());
    }
    if let Some(id) = f.entity_id {
        q.push(" AND entity_id = ").push_bind(id);
    }
    if let Some(t) = f.from {
        q.push(" AND at >= ").push_bind(dialect::time(t));
    }
    if let Some(t) = f.until {
        q.push(" AND at < ").push_bind(dialect::time(t));
    }
    if let Some(b) = f.before {
        q.push(" AND id < ").push_bind(b);
    }
    q.push(" ORDER BY id DESC LIMIT ")
        .push_bind(i64::from(limit.min(1000)));
    let rows = q.build().fetch_all(pool).await.map_err(db_err)?;
    rows.iter().map(rows::audit_event).collect()
}
