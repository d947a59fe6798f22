//! The JSON API under `/api/v1`, for integrations and scripts. Bearer tokens only (made with
//! `corridor token create`); the OpenAPI document at `/api/openapi.json` is generated from
//! these handlers.

mod audit;
mod cases;
mod inquiries;
mod people;
mod triage;

use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use inquiries::{InquiryInput, InvalidInput};

use crate::AppState;

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

/// The `after` cursor of a list request.
fn cursor(after: Option<&str>) -> Result<Option<corridor_store::Cursor>, crate::ApiError> {
    after
        .map(|a| {
            corridor_store::Cursor::decode(a)
                .ok_or_else(|| crate::ApiError::Invalid("after is not a valid cursor".into()))
        })
        .transpose()
}

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(inquiries::create, inquiries::list))
        .routes(routes!(triage::triage))
        .routes(routes!(triage::suggestions))
        .routes(routes!(cases::list))
        .routes(routes!(cases::needing_owner))
        .routes(routes!(cases::get))
        .routes(routes!(cases::override_priority))
        .routes(routes!(cases::assign))
        .routes(routes!(cases::change_status))
        .routes(routes!(people::list_reviews))
        .routes(routes!(people::decide_review))
        .routes(routes!(people::get_person))
        .routes(routes!(people::merge))
        .routes(routes!(people::undo_merge))
        .routes(routes!(audit::list))
}
