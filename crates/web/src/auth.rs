//! Passwords, sessions and API tokens.
//!
//! Secrets never reach the database in the clear: passwords are argon2id hashes, and session
//! cookies and API tokens are random 256-bit values stored only as SHA-256 hashes (a fast hash
//! is enough for values with that much entropy).

use std::net::SocketAddr;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use base64::Engine;
use chrono::Utc;
use corridor_domain::{PartnerOrg, Password, Role, User};
use corridor_store::Actor;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{ApiError, AppState, PageError};

pub const SESSION_COOKIE: &str = "corridor_session";
/// API tokens carry a prefix so that a leaked one is recognisable in a scanner or a paste.
const TOKEN_PREFIX: &str = "cor_";

pub fn hash_password(password: &Password) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing the password failed: {e}"))
}

pub fn verify_password(hash: &str, candidate: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(candidate.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A fresh random secret, URL-safe.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A new API token: the value to hand to the user once, and the hash to store.
pub fn new_api_token() -> (String, String) {
    let token = format!("{TOKEN_PREFIX}{}", random_secret());
    let hash = secret_hash(&token);
    (token, hash)
}

fn client_ip(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A signed-in member of staff, from the session cookie.
#[derive(Debug, Clone)]
pub struct Staff {
    pub user: User,
    pub csrf_token: String,
    pub ip: Option<String>,
    /// Unread notifications, for the count in the navigation bar.
    pub unread: i64,
}

impl Staff {
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, &self.user.username, self.ip.clone())
    }

    /// Refuses a state-changing form whose CSRF token is not this session's.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), PageError> {
        let a = secret_hash(submitted);
        let b = secret_hash(&self.csrf_token);
        // Comparing hashes keeps the comparison's timing independent of the secret.
        if a == b {
            Ok(())
        } else {
            Err(PageError::Forbidden(
                "This form has expired. Go back, reload the page and try again.".into(),
            ))
        }
    }
}

/// The signed-in user of the request's session, whatever their role.
async fn session_user(parts: &Parts, state: &AppState) -> Result<Staff, PageError> {
    let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
        return Err(PageError::SignIn);
    };
    let session = state
        .store
        .session(&secret_hash(token), Utc::now())
        .await?
        .ok_or(PageError::SignIn)?;
    let unread = state.store.unread_notifications(session.user.id).await?;
    Ok(Staff {
        user: session.user,
        csrf_token: session.csrf_token,
        ip: client_ip(parts),
        unread,
    })
}

/// Partner users work for another organization: every staff page is closed to them unless it
/// says otherwise (deny by default). They have the partner view.
impl FromRequestParts<AppState> for Staff {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let staff = session_user(parts, state).await?;
        if staff.user.role == Role::Partner {
            return Err(PageError::Forbidden(
                "Partner accounts see only the referrals to their organization, at /partner."
                    .into(),
            ));
        }
        Ok(staff)
    }
}

/// Anyone signed in, partners included: only for signing out and the landing redirect.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Staff);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        session_user(parts, state).await.map(SignedIn)
    }
}

/// A signed-in partner user and their organization.
#[derive(Debug, Clone)]
pub struct PartnerUser {
    pub staff: Staff,
    pub org: PartnerOrg,
}

impl PartnerUser {
    pub fn actor(&self) -> Actor {
        self.staff.actor()
    }
}

impl FromRequestParts<AppState> for PartnerUser {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let staff = session_user(parts, state).await?;
        if staff.user.role != Role::Partner {
            return Err(PageError::Forbidden(
                "The partner view is for partner organizations' accounts.".into(),
            ));
        }
        let org = state
            .store
            .user_org(staff.user.id)
            .await?
            .ok_or_else(|| PageError::Forbidden("This account has no organization.".into()))?;
        Ok(PartnerUser { staff, org })
    }
}

/// The session token from the request's cookie, for signing out.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE).map(str::to_string)
}

/// An API client, from its bearer token.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    pub user: User,
    pub ip: Option<String>,
}

impl ApiCaller {
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, &self.user.username, self.ip.clone())
    }
}

async fn bearer_user(parts: &Parts, state: &AppState) -> Result<ApiCaller, ApiError> {
    let token = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(ApiError::Unauthorized)?;
    let info = state
        .store
        .api_token(&secret_hash(token), Utc::now())
        .await?
        .ok_or(ApiError::Unauthorized)?;
    Ok(ApiCaller {
        user: info.user,
        ip: client_ip(parts),
    })
}

/// Partner tokens reach only the partner routes (deny by default).
impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = bearer_user(parts, state).await?;
        if caller.user.role == Role::Partner {
            return Err(ApiError::Forbidden(
                "partner tokens reach only /api/v1/partner routes".into(),
            ));
        }
        Ok(caller)
    }
}

/// An API client acting for a partner organization.
#[derive(Debug, Clone)]
pub struct PartnerCaller {
    pub caller: ApiCaller,
    pub org: PartnerOrg,
}

impl FromRequestParts<AppState> for PartnerCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = bearer_user(parts, state).await?;
        if caller.user.role != Role::Partner {
            return Err(ApiError::Forbidden(
                "the partner routes are for partner organizations' tokens".into(),
            ));
        }
        let org = state
            .store
            .user_org(caller.user.id)
            .await?
            .ok_or_else(|| ApiError::Forbidden("this account has no organization".into()))?;
        Ok(PartnerCaller { caller, org })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() {
        let p = Password::parse("a long synthetic passphrase").unwrap();
        let h = hash_password(&p).unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "a long synthetic passphrase"));
        assert!(!verify_password(&h, "a long synthetic passphrasE"));
        assert!(!verify_password("not a hash", "anything"));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, ha) = new_api_token();
        let (b, _) = new_api_token();
        assert_ne!(a, b);
        assert!(a.starts_with("cor_"));
        assert_eq!(ha, secret_hash(&a));
        assert!(!ha.contains(&a));
    }
}
