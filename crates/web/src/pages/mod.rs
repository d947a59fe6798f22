//! Server-rendered pages for staff. Every state-changing form carries the session's CSRF token.

mod admin;
pub(crate) mod audit;
mod cases;
pub(crate) mod conversation;
mod desk;
mod documents;
mod export;
mod inquiries;
mod people;
pub(crate) mod public;
pub(crate) mod referrals;
mod search;
mod second_factor;
mod session;
mod sitrep;
mod split;
pub(crate) use sitrep::may_see_sitrep;
mod triage;
mod upload;
mod workflow;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

/// Declares every page route once: the router is built from this table and the same table is
/// exported as [`PAGE_ROUTES`] for the route × role × scope matrix test (crates/web/tests/
/// matrix.rs), which fails when a route here is missing from its own table. So a new page
/// goes in this table, never in a `.route(...)` of its own.
macro_rules! page_routes {
    ($($method:ident $path:literal => $handler:expr;)*) => {
        /// Every page route as (method, path); see `page_routes!`.
        pub const PAGE_ROUTES: &[(&str, &str)] = &[
            $((stringify!($method), $path),)*
            // Built in `upload_router` and in `crate::app`.
            ("get", "/intake/upload"),
            ("post", "/intake/upload"),
            // Built in `documents::router`, with the body limit of files.
            ("post", "/cases/{id}/documents"),
            ("post", "/persons/{id}/documents"),
            ("get", "/documents/{id}"),
            ("get", "/documents/{id}/download"),
            ("get", "/documents/{id}/thumbnail"),
            ("post", "/request"),
            ("post", "/desk"),
            ("get", "/healthz"),
            ("get", "/api/openapi.json"),
        ];

        pub(crate) fn router() -> Router<AppState> {
            Router::new()$(.route($path, $method($handler)))*
        }
    };
}

page_routes! {
    get "/" => session::home;
    get "/login" => session::login_form;
    post "/login" => session::login;
    get "/login/code" => second_factor::form;
    post "/login/code" => second_factor::submit;
    post "/logout" => session::logout;
    get "/static/app.css" => session::stylesheet;
    get "/static/fonts/vazirmatn-nl-33.0.3.woff2" => session::font;
    get "/cases" => cases::list;
    get "/cases/mine" => cases::mine;
    get "/cases/unowned" => cases::unowned;
    get "/teams/{id}/board" => cases::team_board;
    get "/cases/{id}" => cases::show;
    post "/cases/{id}/priority" => cases::override_priority;
    post "/cases/{id}/assign" => cases::assign;
    post "/cases/{id}/split" => split::split;
    post "/cases/{id}/status" => cases::change_status;
    get "/inquiries" => inquiries::list;
    post "/inquiries/triage" => triage::bulk;
    get "/inquiries/{id}" => inquiries::show;
    post "/inquiries/{id}/triage" => triage::one;
    get "/intake/new" => inquiries::intake_form;
    post "/intake" => inquiries::intake;
    get "/reviews" => people::reviews;
    get "/reviews/{id}" => people::review;
    post "/reviews/{id}/decision" => people::decide;
    get "/persons/{id}" => people::person;
    post "/merges/{id}/undo" => people::undo_merge;
    post "/persons/{id}/detach" => people::detach;
    get "/desk" => desk::form;
    get "/search" => search::page;
    get "/audit" => audit::view;
    get "/export" => export::form;
    post "/export/cases" => export::cases;
    get "/admin/users" => admin::users;
    post "/admin/users/{id}/role" => admin::set_role;
    post "/admin/users/{id}/reset-2fa" => admin::reset_second_factor;
    // Situation report, workflow, referrals, partners and replies.
    get "/static/sitrep.css" => sitrep::stylesheet;
    get "/dashboard" => sitrep::dashboard;
    get "/sitrep" => sitrep::page;
    get "/sitrep.csv" => sitrep::csv;
    get "/cases/overdue" => cases::overdue;
    post "/cases/bulk" => workflow::bulk;
    post "/cases/{id}/notes" => workflow::add_note;
    post "/cases/{id}/tasks" => workflow::add_task;
    get "/tasks/mine" => workflow::my_tasks;
    post "/tasks/{id}/done" => workflow::task_done;
    get "/notifications" => workflow::notifications;
    post "/notifications/read" => workflow::mark_read;
    post "/pathways" => workflow::set_pathway;
    post "/pathways/evidence" => workflow::add_evidence;
    get "/cases/bulk" => referrals::bulk_form;
    post "/cases/bulk/refer" => referrals::bulk_refer;
    post "/cases/bulk/reply" => referrals::bulk_reply;
    post "/cases/{id}/refer" => referrals::refer;
    post "/cases/{id}/reply" => referrals::reply;
    post "/cases/{id}/requesters/{requester}/language" => referrals::set_language;
    post "/cases/{id}/numbers/block" => conversation::block;
    post "/cases/{id}/numbers/unblock" => conversation::unblock;
    get "/referrals" => referrals::list;
    get "/referrals/{id}" => referrals::show;
    post "/referrals/{id}/action" => referrals::act;
    post "/referrals/{id}/noted" => referrals::noted;
    get "/referrals/{id}/export" => referrals::export;
    get "/replies/templates" => referrals::templates;
    get "/orgs" => referrals::orgs;
    post "/orgs" => referrals::add_org;
    get "/partner" => referrals::partner_list;
    get "/partner/referrals/{id}" => referrals::partner_show;
    post "/partner/referrals/{id}/action" => referrals::partner_act;
    get "/partner/referrals/{id}/documents/{doc}" => referrals::partner_document;
    get "/request" => public::request_form;
    get "/status" => public::status_form;
    post "/status" => public::status;
}

/// The documents' uploads take files of megabytes: a body limit of their own.
pub(crate) fn documents_router(max_bytes: usize) -> Router<AppState> {
    documents::router(max_bytes)
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
