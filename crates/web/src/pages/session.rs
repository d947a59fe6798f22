use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use corridor_store::{Actor, AuditAction, NewAuditEvent, NewSession};
use serde::Deserialize;

use crate::auth::{self, ClientIp, PendingStaff, SESSION_COOKIE, SignedIn};
use crate::views::LoginPage;
use crate::{AppState, PageError};

pub(crate) async fn home(SignedIn(staff): SignedIn) -> Redirect {
    use corridor_domain::Role;
    Redirect::to(match staff.user.role {
        // Leads and administrators start from the situation of the whole task force.
        Role::Admin | Role::Lead => "/dashboard",
        Role::CaseOfficer => "/cases?open=1&sort=priority",
        Role::IntakeClerk => "/inquiries",
        Role::Auditor => "/audit",
        Role::Partner => "/partner",
    })
}

pub(crate) async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
}

/// Vazirmatn (OFL, static/fonts/OFL.txt), its Arabic-script part only: phones often lack the
/// Pashto letters (ټ ډ ړ ږ ښ ګ ڼ ې ۍ). The version is in the name, so it may be kept a year.
pub(crate) async fn font() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "font/woff2"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        &include_bytes!("../../static/fonts/vazirmatn-nl-33.0.3.woff2")[..],
    )
}

pub(crate) async fn login_form() -> LoginPage {
    LoginPage {
        error: None,
        username: String::new(),
    }
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    username: String,
    password: String,
}

pub(crate) async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    super::second_factor::limit(&state, &ip)?;
    let now = Utc::now();
    let found = state
        .store
        .user_credentials(&form.username)
        .await?
        .filter(|(user, _)| user.active);
    let locked = match &found {
        Some((user, _)) => state
            .store
            .sign_in_locked_until(user.id, now)
            .await?
            .is_some(),
        None => false,
    };
    // The password is checked in every case, against a dummy hash for an unknown user, so
    // that the time taken does not tell which case it was.
    let hash = found.as_ref().map(|(_, hash)| hash.clone());
    let password = form.password;
    // Argon2 is deliberately slow: it runs on a blocking thread, the dummy hash's first
    // making included, so that no request waits behind a password check.
    let matches = tokio::task::spawn_blocking(move || match hash {
        Some(hash) => auth::verify_password(&hash, &password),
        None => auth::verify_password(dummy_hash(), &password),
    })
    .await
    .map_err(|e| PageError::Internal(e.into()))?;
    let user = match found {
        Some((user, _)) if matches && !locked => user,
        other => {
            let (entity_id, detail, actor) = match &other {
                Some((user, _)) => {
                    let actor = Actor::user(user.id, &user.username, ip.clone());
                    if !locked {
                        state
                            .store
                            .record_sign_in_failure(
                                user.id,
                                now,
                                state.config.max_sign_in_failures,
                                Duration::minutes(state.config.lockout_minutes),
                                &actor,
                            )
                            .await?;
                    }
                    let detail = if locked {
                        "account locked"
                    } else {
                        "wrong password"
                    };
                    (user.id.0, detail, actor)
                }
                // The typed name is not recorded: people type passwords into the wrong box.
                None => (
                    0,
                    "unknown or inactive account",
                    Actor {
                        user_id: None,
                        name: "anonymous".into(),
                        ip: ip.clone(),
                    },
                ),
            };
            state
                .store
                .audit(
                    NewAuditEvent::new(AuditAction::UserSignInFailed, "user", entity_id, detail),
                    &actor,
                )
                .await?;
            return Ok(LoginPage {
                // One message for an unknown user, a wrong password and a locked account, so
                // that the form cannot tell who has an account or whose account is locked.
                error: Some(crate::t("login-failed")),
                username: form.username,
            }
            .into_response());
        }
    };
    state.store.clear_sign_in_failures(user.id).await?;
    let token = new_session(&state, user.id).await?;
    state
        .store
        .audit(
            NewAuditEvent::new(AuditAction::UserPasswordAccepted, "user", user.id.0, ""),
            &Actor::user(user.id, &user.username, ip),
        )
        .await?;
    // The session can do nothing but give the second factor until it has.
    let mut response = Redirect::to("/login/code").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&state, &token)?);
    // The user's own language wins over the browser's from here on: it goes in the cookie.
    if let Some(v) = state
        .store
        .user_language(user.id)
        .await?
        .and_then(|code| crate::i18n::Lang::from_code(&code))
        .and_then(|l| crate::i18n::cookie_header(l, state.config.secure_cookies))
    {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// A new session of `user` (made at the password; the second factor marks it later).
pub(crate) async fn new_session(
    state: &AppState,
    user: corridor_domain::UserId,
) -> Result<String, PageError> {
    let token = auth::random_secret();
    let now = Utc::now();
    state
        .store
        .create_session(NewSession {
            token_hash: auth::secret_hash(&token),
            user_id: user,
            csrf_token: auth::random_secret(),
            expires_at: now + Duration::hours(state.config.session_hours),
            idle_timeout: Duration::minutes(state.config.idle_minutes),
        })
        .await?;
    Ok(token)
}

/// The cookie that carries a session's token.
pub(crate) fn session_cookie(state: &AppState, token: &str) -> Result<HeaderValue, PageError> {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}");
    HeaderValue::from_str(&cookie).map_err(|e| PageError::Internal(e.into()))
}

/// A hash of a random secret, made once, used to keep failed sign-ins as slow as real ones.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let secret = corridor_domain::Password::parse(&auth::random_secret())
            .expect("random secrets are long");
        auth::hash_password(&secret).unwrap_or_default()
    })
}

#[derive(Deserialize)]
pub(crate) struct LogoutForm {
    csrf: String,
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    staff: PendingStaff,
    headers: axum::http::HeaderMap,
    Form(form): Form<LogoutForm>,
) -> Result<Response, PageError> {
    staff.check_csrf(&form.csrf)?;
    if let Some(token) = auth::session_token(&headers) {
        state
            .store
            .delete_session(&auth::secret_hash(&token))
            .await?;
    }
    state
        .store
        .audit(
            NewAuditEvent::new(AuditAction::UserSignedOut, "user", staff.user.id.0, ""),
            &staff.actor(),
        )
        .await?;
    let mut response = Redirect::to("/login").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("corridor_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
    );
    Ok(response)
}
