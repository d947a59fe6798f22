//! The JSON API under `/api/v1`, for integrations and scripts. Bearer tokens only (made with
//! `corridor token create`); the OpenAPI document at `/api/openapi.json` is generated from
//! these handlers.

mod audit;
mod cases;
pub(crate) mod contract;
mod documents;
pub(crate) mod extract;
mod idempotency;
mod inquiries;
mod people;
mod referrals;
mod search;
mod sitrep;
mod split;
mod triage;
mod workflow;

use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use inquiries::{InquiryInput, InvalidInput};

use crate::{ApiError, AppState};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Corridor API",
        description = "Case coordination for crisis task forces: take in inquiries, follow cases.",
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    tags((name = "inquiries", description = "Requests for help, kept verbatim"),
         (name = "triage", description = "Inquiries waiting for a case: create one or attach"),
         (name = "cases", description = "The unit of work, with one owner"),
         (name = "people", description = "People built from records; possible matches; merges"),
         (name = "workflow", description = "Deadlines and escalation, notifications, notes and tasks, pathways, bulk actions"),
         (name = "referrals", description = "Referrals to partner organizations; replies to requesters"),
         (name = "partner", description = "For partner organizations' tokens: their own referrals only"),
         (name = "documents", description = "Scans of tazkiras, passports and letters on people and cases: type read from the bytes, metadata removed, sealed, scanned for malware"),
         (name = "search", description = "Find anyone: people, cases and requests from one line"),
         (name = "reports", description = "The situation report: counts, never names"),
         (name = "audit", description = "The hash-chained audit trail, for auditors"))
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document of the API, finished (see `contract`), as served at
/// `/api/openapi.json`.
pub fn document(openapi: &utoipa::openapi::OpenApi) -> serde_json::Value {
    let mut doc = serde_json::to_value(openapi).unwrap_or_default();
    contract::finish(&mut doc);
    doc
}

/// One page of a list the store hands over whole (organizations, referrals): cut here, so that
/// every list of the API pages the same way.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    /// How many there are in all.
    pub total: i64,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// Longest page of a list.
const MAX_PAGE: u32 = 500;

fn page_of<T>(
    all: Vec<T>,
    limit: Option<u32>,
    after: Option<&str>,
) -> Result<ListPage<T>, ApiError> {
    let limit = limit.unwrap_or(100).clamp(1, MAX_PAGE) as usize;
    // The cursor is a position; it is opaque to clients so that it may become a key later.
    let start = match after {
        None => 0,
        Some(a) => a
            .strip_prefix('p')
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or_else(|| ApiError::Invalid("after is not a valid cursor".into()))?,
    };
    let total = all.len();
    let items: Vec<T> = all.into_iter().skip(start).take(limit).collect();
    let end = start.saturating_add(items.len());
    Ok(ListPage {
        next: (end < total).then(|| format!("p{end}")),
        total: i64::try_from(total).unwrap_or(i64::MAX),
        items,
    })
}

/// The `after` cursor of a list request.
fn cursor(after: Option<&str>) -> Result<Option<corridor_store::Cursor>, crate::ApiError> {
    after
        .map(|a| {
            corridor_store::Cursor::decode(a)
                .ok_or_else(|| crate::ApiError::Invalid("after is not a valid cursor".into()))
        })
        .transpose()
}

/// The API's routes, with the Idempotency-Key layer over the creating ones (it keeps the keys
/// in `app`'s store).
pub(crate) fn router(app: &AppState) -> OpenApiRouter<AppState> {
    // Uploads of documents take files of several megabytes: a body limit of their own (the
    // server's document limits), every other operation the small one.
    let upload_limit = document_body_limit(&app.config.documents);
    let routes = core_routes().layer(crate::security::body_limit()).merge(
        document_routes()
            .layer(axum::extract::DefaultBodyLimit::max(upload_limit))
            .layer(tower_http::limit::RequestBodyLimitLayer::new(upload_limit)),
    );
    // The operations that take an Idempotency-Key, found by their ids in the document the
    // routes produce, so that the middleware and the document cannot disagree.
    let mut creating = std::collections::HashMap::new();
    for (path, item) in &routes.get_openapi().paths.paths {
        for (method, op) in [
            (axum::http::Method::POST, &item.post),
            (axum::http::Method::PUT, &item.put),
        ] {
            let Some(id) = op.as_ref().and_then(|op| op.operation_id.as_deref()) else {
                continue;
            };
            if contract::operation(id).is_some_and(|(_, creates)| creates) {
                let keeping = if id == "create_inquiries" {
                    idempotency::Keeping::Store
                } else {
                    idempotency::Keeping::Here
                };
                creating.insert((method, path.clone()), keeping);
            }
        }
    }
    routes.route_layer(axum::middleware::from_fn_with_state(
        idempotency::Idempotency::new(creating, app.clone()),
        idempotency::middleware,
    ))
}

/// The largest body of a request that carries documents: every file allowed at its largest,
/// and room for the form around them.
pub(crate) fn document_body_limit(limits: &corridor_documents::Limits) -> usize {
    limits
        .max_bytes
        .saturating_mul(limits.max_files.max(1))
        .saturating_add(64 * 1024)
}

/// The API's routes, from which the document is generated (the server's router builds the
/// same from its two parts, each with its body limit).
#[cfg(test)]
pub(crate) fn routes() -> OpenApiRouter<AppState> {
    core_routes().merge(document_routes())
}

/// The operations on documents.
fn document_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(documents::attach_person, documents::list_person))
        .routes(routes!(documents::attach_case, documents::list_case))
        .routes(routes!(documents::content))
}

/// Every operation but those on documents.
fn core_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(inquiries::create, inquiries::list))
        .routes(routes!(triage::triage))
        .routes(routes!(triage::suggestions))
        .routes(routes!(cases::list))
        .routes(routes!(cases::needing_owner))
        .routes(routes!(workflow::overdue))
        .routes(routes!(workflow::bulk_assign))
        .routes(routes!(workflow::bulk_status))
        .routes(routes!(workflow::add_note))
        .routes(routes!(workflow::add_task))
        .routes(routes!(workflow::task_done))
        .routes(routes!(workflow::my_tasks))
        .routes(routes!(workflow::notifications))
        .routes(routes!(workflow::mark_read))
        .routes(routes!(workflow::pathways, workflow::set_pathway))
        .routes(routes!(workflow::add_evidence))
        .routes(routes!(workflow::pathway_counts))
        .routes(routes!(workflow::overdue_counts))
        .routes(routes!(workflow::run_escalations))
        .routes(routes!(cases::get))
        .routes(routes!(cases::override_priority))
        .routes(routes!(cases::assign))
        .routes(routes!(cases::change_status))
        .routes(routes!(split::split))
        .routes(routes!(split::join))
        .routes(routes!(people::list_reviews))
        .routes(routes!(people::decide_review))
        .routes(routes!(people::get_person))
        .routes(routes!(people::merge))
        .routes(routes!(people::undo_merge))
        .routes(routes!(people::detach))
        // --- referrals, partners and replies ---
        .routes(routes!(referrals::create_org, referrals::list_orgs))
        .routes(routes!(referrals::refer))
        .routes(routes!(referrals::bulk_refer))
        .routes(routes!(referrals::list))
        .routes(routes!(referrals::declined_mine))
        .routes(routes!(referrals::get))
        .routes(routes!(referrals::act))
        .routes(routes!(referrals::noted))
        .routes(routes!(referrals::export))
        .routes(routes!(referrals::reply, referrals::replies))
        .routes(routes!(referrals::bulk_reply))
        .routes(routes!(referrals::set_language))
        .routes(routes!(referrals::partner_list))
        .routes(routes!(referrals::partner_get))
        .routes(routes!(referrals::partner_document))
        .routes(routes!(referrals::partner_act))
        .routes(routes!(search::search))
        .routes(routes!(sitrep::get))
        .routes(routes!(audit::list))
}
