//! The second step of signing in: the TOTP code, or enrolling one at the first sign-in. Also
//! the check sensitive actions make when they ask for a fresh code.

use std::net::IpAddr;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use corridor_domain::User;
use corridor_store::{Actor, AuditAction, NewAuditEvent, TotpState};
use serde::Deserialize;

use crate::auth::{PendingStaff, Staff};
use crate::totp;
use crate::{AppState, PageError};

/// The name authenticator apps show for the account.
const ISSUER: &str = "Corridor";

pub(crate) struct Enroll {
    pub secret: String,
    pub uri: String,
    /// The URI as a QR code, an inline SVG document (empty if it could not be made).
    pub qr_svg: String,
}

pub(crate) fn qr_svg(uri: &str) -> String {
    qrcode::QrCode::new(uri.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(200, 200)
                .dark_color(qrcode::render::svg::Color("#000000"))
                .light_color(qrcode::render::svg::Color("#ffffff"))
                .build()
        })
        // Inline in HTML the XML declaration has no place; the <svg> element is the image.
        .map(|svg| {
            svg.find("<svg")
                .map(|at| svg[at..].to_string())
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

#[derive(Template, WebTemplate)]
#[template(path = "code.html")]
pub(crate) struct CodePage {
    pub error: Option<String>,
    pub enroll: Option<Enroll>,
    pub csrf: String,
}

async fn page(
    state: &AppState,
    pending: &PendingStaff,
    error: Option<String>,
) -> Result<CodePage, PageError> {
    let current = state.store.totp(pending.user.id).await?;
    let enroll = match current {
        Some(TotpState {
            confirmed: true, ..
        }) => None,
        // An unconfirmed secret is shown again, so reloading the page does not invalidate
        // what the user already scanned.
        Some(TotpState { secret, .. }) => Some(secret),
        None => {
            let secret = totp::new_secret();
            state
                .store
                .set_totp(
                    pending.user.id,
                    Some(TotpState {
                        secret: secret.clone(),
                        confirmed: false,
                    }),
                    &pending.actor(),
                )
                .await?;
            Some(secret)
        }
    };
    Ok(CodePage {
        error,
        enroll: enroll.map(|secret| {
            let uri = totp::otpauth_uri(ISSUER, &pending.user.username, &secret);
            Enroll {
                qr_svg: qr_svg(&uri),
                uri,
                secret,
            }
        }),
        csrf: pending.csrf_token.clone(),
    })
}

pub(crate) async fn form(
    State(state): State<AppState>,
    pending: PendingStaff,
) -> Result<Response, PageError> {
    if pending.factor_at.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    Ok(page(&state, &pending, None).await?.into_response())
}

#[derive(Deserialize)]
pub(crate) struct CodeForm {
    csrf: String,
    code: String,
}

/// One message for a wrong code, a used code and a locked account.
pub(crate) fn limit(state: &AppState, ip: &Option<String>) -> Result<(), PageError> {
    if let Some(addr) = ip.as_deref().and_then(|i| i.parse::<IpAddr>().ok())
        && !state
            .limiter
            .allow("sign_in", addr, state.config.sign_ins_per_window)
    {
        return Err(PageError::TooManyRequests(crate::t(
            "refuse-too-many-sign-ins",
        )));
    }
    Ok(())
}

/// Checks a TOTP code of `user` and uses it up. A wrong code counts towards the lockout like
/// a wrong password. Returns false for a wrong, replayed or locked-out attempt.
pub(crate) async fn check_code(
    state: &AppState,
    user: &User,
    actor: &Actor,
    code: &str,
) -> Result<bool, PageError> {
    let now = Utc::now();
    let locked = state
        .store
        .sign_in_locked_until(user.id, now)
        .await?
        .is_some();
    let current = state.store.totp(user.id).await?;
    let step = current
        .as_ref()
        .and_then(|t| totp::matching_step(&t.secret, code, totp::step_of(now.timestamp())));
    let accepted = match (locked, current, step) {
        (false, Some(t), Some(step)) => {
            if !t.confirmed {
                state
                    .store
                    .set_totp(
                        user.id,
                        Some(TotpState {
                            secret: t.secret,
                            confirmed: true,
                        }),
                        actor,
                    )
                    .await?;
            }
            state.store.claim_totp_step(user.id, step).await?
        }
        _ => false,
    };
    if accepted {
        state.store.clear_sign_in_failures(user.id).await?;
    } else {
        if !locked {
            state
                .store
                .record_sign_in_failure(
                    user.id,
                    now,
                    state.config.max_sign_in_failures,
                    Duration::minutes(state.config.lockout_minutes),
                    actor,
                )
                .await?;
        }
        state
            .store
            .audit(
                NewAuditEvent::new(
                    AuditAction::UserCodeFailed,
                    "user",
                    user.id.0,
                    if locked {
                        "account locked"
                    } else {
                        "wrong or used code"
                    },
                ),
                actor,
            )
            .await?;
    }
    Ok(accepted)
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    pending: PendingStaff,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    pending.check_csrf(&form.csrf)?;
    if pending.factor_at.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    limit(&state, &pending.ip)?;
    if !check_code(&state, &pending.user, &pending.actor(), &form.code).await? {
        return Ok(page(&state, &pending, Some(crate::t("code-failed")))
            .await?
            .into_response());
    }
    // A new session id (and CSRF token) once both factors are given: an id planted or seen
    // before sign-in (session fixation) is worth nothing afterwards.
    let token = super::session::new_session(&state, pending.user.id).await?;
    state
        .store
        .session_factor_verified(&crate::auth::secret_hash(&token), Utc::now())
        .await?;
    state.store.delete_session(&pending.token_hash).await?;
    state
        .store
        .audit(
            NewAuditEvent::new(AuditAction::UserSignedIn, "user", pending.user.id.0, ""),
            &pending.actor(),
        )
        .await?;
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().insert(
        axum::http::header::SET_COOKIE,
        super::session::session_cookie(&state, &token)?,
    );
    Ok(response)
}

/// For sensitive actions (exports, role changes): the form carries a fresh code, checked and
/// used up here, so a session left open on an unattended screen cannot do them.
pub(crate) async fn require_fresh_code(
    state: &AppState,
    staff: &Staff,
    code: &str,
) -> Result<(), PageError> {
    limit(state, &staff.ip)?;
    if check_code(state, &staff.user, &staff.actor(), code).await? {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-fresh-code")))
    }
}
