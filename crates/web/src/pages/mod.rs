//! Server-rendered pages for staff. Every state-changing form carries the session's CSRF token.

mod cases;
mod desk;
mod inquiries;
mod people;
pub(crate) mod public;
pub(crate) mod referrals;
mod session;
mod sitrep;
pub(crate) use sitrep::may_see_sitrep;
mod triage;
mod upload;
mod workflow;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(session::home))
        .route("/login", get(session::login_form).post(session::login))
        .route("/logout", post(session::logout))
        .route("/static/app.css", get(session::stylesheet))
        .route("/static/sitrep.css", get(sitrep::stylesheet))
        .route("/dashboard", get(sitrep::dashboard))
        .route("/sitrep", get(sitrep::page))
        .route("/sitrep.csv", get(sitrep::csv))
        .route("/cases", get(cases::list))
        .route("/cases/mine", get(cases::mine))
        .route("/cases/unowned", get(cases::unowned))
        .route("/cases/overdue", get(cases::overdue))
        .route("/cases/bulk", post(workflow::bulk))
        .route("/cases/{id}/notes", post(workflow::add_note))
        .route("/cases/{id}/tasks", post(workflow::add_task))
        .route("/tasks/mine", get(workflow::my_tasks))
        .route("/tasks/{id}/done", post(workflow::task_done))
        .route("/notifications", get(workflow::notifications))
        .route("/notifications/read", post(workflow::mark_read))
        .route("/pathways", post(workflow::set_pathway))
        .route("/pathways/evidence", post(workflow::add_evidence))
        .route("/teams/{id}/board", get(cases::team_board))
        .route("/cases/{id}", get(cases::show))
        .route("/cases/{id}/priority", post(cases::override_priority))
        .route("/cases/{id}/assign", post(cases::assign))
        .route("/cases/{id}/status", post(cases::change_status))
        // --- referrals, partners and replies ---
        .route("/cases/bulk", get(referrals::bulk_form))
        .route("/cases/bulk/refer", post(referrals::bulk_refer))
        .route("/cases/bulk/reply", post(referrals::bulk_reply))
        .route("/cases/{id}/refer", post(referrals::refer))
        .route("/cases/{id}/reply", post(referrals::reply))
        .route(
            "/cases/{id}/requesters/{requester}/language",
            post(referrals::set_language),
        )
        .route("/referrals", get(referrals::list))
        .route("/referrals/{id}", get(referrals::show))
        .route("/referrals/{id}/action", post(referrals::act))
        .route("/referrals/{id}/noted", post(referrals::noted))
        .route("/referrals/{id}/export", get(referrals::export))
        .route("/replies/templates", get(referrals::templates))
        .route("/orgs", get(referrals::orgs).post(referrals::add_org))
        .route("/partner", get(referrals::partner_list))
        .route("/partner/referrals/{id}", get(referrals::partner_show))
        .route(
            "/partner/referrals/{id}/action",
            post(referrals::partner_act),
        )
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
        .route("/request", get(public::request_form).post(public::request))
        .route("/status", get(public::status_form).post(public::status))
}

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
