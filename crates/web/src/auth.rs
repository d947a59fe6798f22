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
use axum::http::{HeaderMap, Method, header};
use base64::Engine;
use chrono::Utc;
use corridor_domain::{PartnerOrg, Password, Role, User};
use corridor_store::{Actor, DataScope, TokenScope};
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

/// The client's address: the connection's peer, or behind a reverse proxy that the
/// configuration trusts, the last address the proxy appended to `X-Forwarded-For` (earlier
/// entries come from the client and may be forged).
pub(crate) fn client_ip(parts: &Parts, state: &AppState) -> Option<String> {
    if state.config.trust_forwarded_for
        && let Some(ip) = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| !v.is_empty())
            .and_then(|v| v.parse::<std::net::IpAddr>().ok())
    {
        return Some(ip.to_string());
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

/// The client's address, for audit events and rate limits.
pub struct ClientIp(pub Option<String>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts, state)))
    }
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

/// A signed-in member of staff, from the session cookie: password and second factor given.
#[derive(Debug, Clone)]
pub struct Staff {
    pub user: User,
    pub csrf_token: String,
    pub ip: Option<String>,
    /// When the second factor was last given in this session.
    pub factor_at: chrono::DateTime<Utc>,
    /// Unread notifications, for the count in the navigation bar.
    pub unread: i64,
}

impl Staff {
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, &self.user.username, self.ip.clone())
    }

    /// Refuses a state-changing form whose CSRF token is not this session's.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), PageError> {
        check_csrf(&self.csrf_token, submitted)
    }

    /// The user's data scope (see [`DataScope`]).
    pub fn scope(&self) -> DataScope {
        DataScope::of(self.user.role, self.user.id, self.user.team_id)
    }
}

fn check_csrf(expected: &str, submitted: &str) -> Result<(), PageError> {
    let a = secret_hash(submitted);
    let b = secret_hash(expected);
    // Comparing hashes keeps the comparison's timing independent of the secret.
    if a == b {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-form-expired")))
    }
}

/// A session that has the password but not yet the second factor: it may only give the code
/// (or enroll one).
#[derive(Debug, Clone)]
pub struct PendingStaff {
    pub user: User,
    pub csrf_token: String,
    pub ip: Option<String>,
    pub token_hash: String,
    pub factor_at: Option<chrono::DateTime<Utc>>,
}

impl PendingStaff {
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, &self.user.username, self.ip.clone())
    }

    pub fn check_csrf(&self, submitted: &str) -> Result<(), PageError> {
        check_csrf(&self.csrf_token, submitted)
    }
}

impl FromRequestParts<AppState> for PendingStaff {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(PageError::SignIn);
        };
        let token_hash = secret_hash(token);
        let session = state
            .store
            .session(&token_hash, Utc::now())
            .await?
            .ok_or(PageError::SignIn)?;
        Ok(PendingStaff {
            user: session.user,
            csrf_token: session.csrf_token,
            ip: client_ip(parts, state),
            token_hash,
            factor_at: session.factor_at,
        })
    }
}

/// The signed-in user of the request's session, whatever their role, once they have given
/// the second factor.
async fn session_user(parts: &mut Parts, state: &AppState) -> Result<Staff, PageError> {
    let pending = PendingStaff::from_request_parts(parts, state).await?;
    let Some(factor_at) = pending.factor_at else {
        return Err(PageError::SecondFactor);
    };
    let unread = state.store.unread_notifications(pending.user.id).await?;
    Ok(Staff {
        user: pending.user,
        csrf_token: pending.csrf_token,
        ip: pending.ip,
        factor_at,
        unread,
    })
}

/// Staff pages: partner accounts are refused here, whatever the route (deny by default).
impl FromRequestParts<AppState> for Staff {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let staff = session_user(parts, state).await?;
        if staff.user.role == Role::Partner {
            return Err(PageError::Forbidden(crate::t("refuse-partner-only")));
        }
        Ok(staff)
    }
}

/// Anyone signed in, partners included: only for the landing redirect.
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
            return Err(PageError::Forbidden(crate::t("refuse-partner-view")));
        }
        let org = state
            .store
            .user_org(staff.user.id)
            .await?
            .ok_or_else(|| PageError::Forbidden(crate::t("refuse-no-org")))?;
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
    pub scopes: Vec<TokenScope>,
}

impl ApiCaller {
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, &self.user.username, self.ip.clone())
    }

    /// The token's user's data scope (see [`DataScope`]).
    pub fn scope(&self) -> DataScope {
        DataScope::of(self.user.role, self.user.id, self.user.team_id)
    }
}

/// What a token's scopes allow, decided for every API request in one place so that no route
/// can forget it: reading needs `read`, changing needs `write`, and an `intake` token may only
/// submit inquiries. The OpenAPI document states each operation's scopes by asking this rule
/// (`api::contract`).
pub(crate) fn scopes_allow(scopes: &[TokenScope], method: &Method, path: &str) -> bool {
    let submits_inquiry =
        *method == Method::POST && path.trim_end_matches('/') == "/api/v1/inquiries";
    if submits_inquiry
        && (scopes.contains(&TokenScope::Intake) || scopes.contains(&TokenScope::Write))
    {
        return true;
    }
    if matches!(*method, Method::GET | Method::HEAD) {
        scopes.contains(&TokenScope::Read)
    } else {
        scopes.contains(&TokenScope::Write)
    }
}

/// The caller of an API request, from its bearer token, within the token's scopes. The
/// Idempotency-Key layer asks too: keys are each user's own.
pub(crate) async fn bearer_user(parts: &Parts, state: &AppState) -> Result<ApiCaller, ApiError> {
    let token = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        // The scheme name is case-insensitive (RFC 9110, section 11.1).
        .and_then(|v| v.trim_start().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty())
        .ok_or(ApiError::Unauthorized)?;
    let info = state
        .store
        .api_token(&secret_hash(token), Utc::now())
        .await?
        .ok_or(ApiError::Unauthorized)?;
    // Inside the nested API router the path has lost its /api/v1 prefix; the original
    // one is what the scope rule names.
    let path = parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map(|u| u.0.path().to_string())
        .unwrap_or_else(|| parts.uri.path().to_string());
    if !scopes_allow(&info.scopes, &parts.method, &path) {
        return Err(ApiError::Forbidden(format!(
            "this token's scopes ({}) do not allow this request",
            TokenScope::join(&info.scopes)
        )));
    }
    Ok(ApiCaller {
        user: info.user,
        ip: client_ip(parts, state),
        scopes: info.scopes,
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

/// A partner organization's API client and its organization.
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

    #[test]
    fn scopes_decide_what_a_token_may_do() {
        use TokenScope::*;
        let post = Method::POST;
        let get = Method::GET;
        assert!(scopes_allow(&[Intake], &post, "/api/v1/inquiries"));
        assert!(!scopes_allow(&[Intake], &get, "/api/v1/inquiries"));
        assert!(!scopes_allow(&[Intake], &post, "/api/v1/cases/1/assign"));
        assert!(scopes_allow(&[Read], &get, "/api/v1/cases"));
        assert!(!scopes_allow(&[Read], &post, "/api/v1/cases/1/assign"));
        assert!(!scopes_allow(&[Read], &post, "/api/v1/inquiries"));
        assert!(scopes_allow(&[Write], &post, "/api/v1/cases/1/assign"));
        assert!(!scopes_allow(&[], &get, "/api/v1/cases"));
    }
}
