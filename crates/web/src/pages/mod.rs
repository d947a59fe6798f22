//! Server-rendered pages for staff. Every state-changing form carries the session's CSRF token.

mod admin;
pub(crate) mod audit;
mod cases;
mod desk;
mod export;
mod inquiries;
mod people;
pub(crate) mod public;
mod second_factor;
mod session;
mod triage;
mod upload;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(session::home))
        .route("/login", get(session::login_form).post(session::login))
        .route(
            "/login/code",
            get(second_factor::form).post(second_factor::submit),
        )
        .route("/logout", post(session::logout))
        .route("/static/app.css", get(session::stylesheet))
        .route("/cases", get(cases::list))
        .route("/cases/mine", get(cases::mine))
        .route("/cases/unowned", get(cases::unowned))
        .route("/teams/{id}/board", get(cases::team_board))
        .route("/cases/{id}", get(cases::show))
        .route("/cases/{id}/priority", post(cases::override_priority))
        .route("/cases/{id}/assign", post(cases::assign))
        .route("/cases/{id}/status", post(cases::change_status))
        .route("/inquiries", get(inquiries::list))
        .route("/inquiries/triage", post(triage::bulk))
        .route("/inquiries/{id}", get(inquiries::show))
        .route("/inquiries/{id}/triage", post(triage::one))
        .route("/intake/new", get(inquiries::intake_form))
        .route("/intake", post(inquiries::intake))
        .route("/reviews", get(people::reviews))
        .route("/reviews/{id}", get(people::review))
        .route("/reviews/{id}/decision", post(people::decide))
        .route("/persons/{id}", get(people::person))
        .route("/merges/{id}/undo", post(people::undo_merge))
        .route("/desk", get(desk::form).post(desk::submit))
        .route("/audit", get(audit::view))
        .route("/export", get(export::form))
        .route("/export/cases", post(export::cases))
        .route("/admin/users", get(admin::users))
        .route("/admin/users/{id}/role", post(admin::set_role))
        .route(
            "/admin/users/{id}/reset-2fa",
            post(admin::reset_second_factor),
        )
        .route("/request", get(public::request_form).post(public::request))
        .route("/status", get(public::status_form).post(public::status))
}

/// Every page route as (method, path), for the route × role × scope matrix test, which fails
/// when a route exists that it does not list. Keep it next to the router: a route added above
/// goes here too.
pub const PAGE_ROUTES: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/login/code"),
    ("POST", "/login/code"),
    ("POST", "/logout"),
    ("GET", "/static/app.css"),
    ("GET", "/cases"),
    ("GET", "/cases/mine"),
    ("GET", "/cases/unowned"),
    ("GET", "/teams/{id}/board"),
    ("GET", "/cases/{id}"),
    ("POST", "/cases/{id}/priority"),
    ("POST", "/cases/{id}/assign"),
    ("POST", "/cases/{id}/status"),
    ("GET", "/inquiries"),
    ("POST", "/inquiries/triage"),
    ("GET", "/inquiries/{id}"),
    ("POST", "/inquiries/{id}/triage"),
    ("GET", "/intake/new"),
    ("POST", "/intake"),
    ("GET", "/reviews"),
    ("GET", "/reviews/{id}"),
    ("POST", "/reviews/{id}/decision"),
    ("GET", "/persons/{id}"),
    ("POST", "/merges/{id}/undo"),
    ("GET", "/desk"),
    ("POST", "/desk"),
    ("GET", "/audit"),
    ("GET", "/export"),
    ("POST", "/export/cases"),
    ("GET", "/admin/users"),
    ("POST", "/admin/users/{id}/role"),
    ("POST", "/admin/users/{id}/reset-2fa"),
    ("GET", "/request"),
    ("POST", "/request"),
    ("GET", "/status"),
    ("POST", "/status"),
    ("GET", "/intake/upload"),
    ("POST", "/intake/upload"),
    ("GET", "/healthz"),
    ("GET", "/api/openapi.json"),
];

/// The upload page takes whole spreadsheets, so it gets a body limit of its own.
pub(crate) fn upload_router(max_bytes: usize) -> Router<AppState> {
    Router::new()
        .route("/intake/upload", get(upload::form).post(upload::upload))
        .layer(axum::extract::DefaultBodyLimit::max(max_bytes))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(max_bytes))
}

/// Empty form fields arrive as empty strings; they mean "not given".
pub(crate) fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}
