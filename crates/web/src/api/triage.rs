//! Triage over the API: what to do with inquiries that wait in the queue
//! (`GET /inquiries?untriaged=true`).

use super::extract::Json;
use super::extract::Path;
use axum::extract::State;
use corridor_domain::{CaseId, CaseSummary, InquiryId, TeamId, UserId};
use corridor_store::Triage;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ApiError;
use crate::AppState;
use crate::auth::ApiCaller;

fn require_triage(caller: &ApiCaller) -> Result<(), ApiError> {
    if caller.user.role.can_triage() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token's user cannot triage inquiries".into(),
        ))
    }
}

/// Open cases the inquiry probably belongs on: those of its people, then those of other people
/// in their households.
#[utoipa::path(
    operation_id = "triage_suggestions", get, path = "/inquiries/{id}/suggestions",
    tag = "triage", params(("id" = i64, Path, description = "Inquiry id")),
    responses((status = 200, body = Vec<CaseSummary>), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn suggestions(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<CaseSummary>>, ApiError> {
    require_triage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Inquiry(InquiryId(id)),
    )
    .await?;
    Ok(Json(crate::access::visible_cases(
        caller.scope(),
        state.store.triage_suggestions(InquiryId(id)).await?,
    )))
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TriageAction {
    /// A new case for each inquiry, with the inquiry's category.
    NewCase,
    /// Every inquiry joins `case_id`, an open case.
    Attach,
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"inquiry_ids": [12, 13], "action": "new_case"}))]
pub struct TriageRequest {
    /// One inquiry, or many for bulk triage: all are triaged or none.
    pub inquiry_ids: Vec<InquiryId>,
    pub action: TriageAction,
    /// For `new_case`: the team; by default the owner's team, else the one routing picks for
    /// each inquiry's category.
    #[serde(default)]
    pub team_id: Option<TeamId>,
    /// For `new_case`: the owner; by default the team's lead.
    #[serde(default)]
    pub owner_id: Option<UserId>,
    /// For `attach`: the open case.
    #[serde(default)]
    pub case_id: Option<CaseId>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Triaged {
    pub inquiry_id: InquiryId,
    pub case_id: CaseId,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TriageResult {
    /// Each inquiry's case, in the order given.
    pub triaged: Vec<Triaged>,
}

/// Triage inquiries from the queue: create a case for each, or attach them to an open case.
/// One transaction: an inquiry already on a case (409) or a team with nobody to own the case
/// (422) refuses the whole request.
#[utoipa::path(
    operation_id = "triage_inquiries", post, path = "/inquiries/triage", tag = "triage",
    request_body = TriageRequest,
    responses((status = 200, body = TriageResult),
              (status = 404, body = crate::error::ErrorBody),
              (status = 409, description = "An inquiry is already on a case", body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn triage(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(req): Json<TriageRequest>,
) -> Result<Json<TriageResult>, ApiError> {
    require_triage(&caller)?;
    let how = match (req.action, req.case_id) {
        (TriageAction::NewCase, None) => Triage::NewCases {
            team: req.team_id,
            owner: req.owner_id,
        },
        (TriageAction::Attach, Some(case)) => Triage::Attach { case },
        (TriageAction::NewCase, Some(_)) => {
            return Err(ApiError::Invalid(
                "case_id goes with action attach, not new_case".into(),
            ));
        }
        (TriageAction::Attach, None) => {
            return Err(ApiError::Invalid("action attach needs a case_id".into()));
        }
    };
    crate::access::triage_allowed_api(&state, caller.scope(), &req.inquiry_ids, &how).await?;
    let cases = state
        .store
        .triage_inquiries(&req.inquiry_ids, &how, &caller.actor())
        .await?;
    Ok(Json(TriageResult {
        triaged: req
            .inquiry_ids
            .iter()
            .zip(cases)
            .map(|(i, c)| Triaged {
                inquiry_id: *i,
                case_id: c,
            })
            .collect(),
    }))
}
