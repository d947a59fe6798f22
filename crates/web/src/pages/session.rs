use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use corridor_store::{Actor, NewAuditEvent, NewSession};
use serde::Deserialize;

use crate::auth::{self, SESSION_COOKIE, SignedIn};
use crate::views::LoginPage;
use crate::{AppState, PageError};

pub(crate) async fn home(SignedIn(staff): SignedIn) -> Redirect {
    if staff.user.role == corridor_domain::Role::Partner {
        Redirect::to("/partner")
    } else if super::sitrep::may_see_sitrep(staff.user.role) {
        // Leads and administrators start from the situation of the whole task force.
        Redirect::to("/dashboard")
    } else if staff.user.role.can_view_cases() {
        Redirect::to("/cases?open=1&sort=priority")
    } else {
        Redirect::to("/inquiries")
    }
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

/// One message for an unknown user and a wrong password, so that the form cannot be used to
/// find out who has an account.
const SIGN_IN_FAILED: &str = "That username and password do not match an active account.";

pub(crate) async fn login(
    State(state): State<AppState>,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let found = state.store.user_credentials(&form.username).await?;
    let password = form.password;
    let verified = match found {
        Some((user, hash)) if user.active => {
            let ok = tokio::task::spawn_blocking(move || auth::verify_password(&hash, &password))
                .await
                .map_err(|e| PageError::Internal(e.into()))?;
            ok.then_some(user)
        }
        _ => {
            // Spend the same time as a real check, so timing does not reveal unknown users.
            tokio::task::spawn_blocking(move || {
                auth::verify_password(dummy_hash(), &password);
            })
            .await
            .map_err(|e| PageError::Internal(e.into()))?;
            None
        }
    };
    let Some(user) = verified else {
        return Ok(LoginPage {
            error: Some(SIGN_IN_FAILED.into()),
            username: form.username,
        }
        .into_response());
    };
    let token = auth::random_secret();
    state
        .store
        .create_session(NewSession {
            token_hash: auth::secret_hash(&token),
            user_id: user.id,
            csrf_token: auth::random_secret(),
            expires_at: Utc::now() + Duration::hours(state.config.session_hours),
        })
        .await?;
    state
        .store
        .audit(
            NewAuditEvent::new("user.signed_in", "user", user.id.0, ""),
            &Actor::user(user.id, &user.username, None),
        )
        .await?;
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}");
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|e| PageError::Internal(e.into()))?,
    );
    Ok(response)
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
    SignedIn(staff): SignedIn,
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
            NewAuditEvent::new("user.signed_out", "user", staff.user.id.0, ""),
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
