//! Server-rendered pages for staff. Every state-changing form carries the session's CSRF token.

mod cases;
mod inquiries;
mod people;
mod session;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(session::home))
        .route("/login", get(session::login_form).post(session::login))
        .route("/logout", post(session::logout))
        .route("/static/app.css", get(session::stylesheet))
        .route("/cases", get(cases::list))
        .route("/cases/{id}", get(cases::show))
        .route("/cases/{id}/assign", post(cases::assign))
        .route("/cases/{id}/status", post(cases::change_status))
        .route("/inquiries", get(inquiries::list))
        .route("/inquiries/{id}", get(inquiries::show))
        .route("/intake/new", get(inquiries::intake_form))
        .route("/intake", post(inquiries::intake))
        .route("/reviews", get(people::reviews))
        .route("/reviews/{id}", get(people::review))
        .route("/reviews/{id}/decision", post(people::decide))
        .route("/persons/{id}", get(people::person))
        .route("/merges/{id}/undo", post(people::undo_merge))
}

/// Empty form fields arrive as empty strings; they mean "not given".
pub(crate) fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}
