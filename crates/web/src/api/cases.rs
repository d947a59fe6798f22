use axum::Json;
use axum::extract::{Path, Query, State};
use corridor_domain::{
    Case, CaseCategory, CaseId, CaseStatus, CaseSummary, Priority, TeamId, UserId,
};
use corridor_store::{CaseFilter, CaseSort, PageRequest};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::ApiError;
use crate::AppState;
use crate::auth::ApiCaller;

fn require_cases(caller: &ApiCaller) -> Result<(), ApiError> {
    if caller.user.role.can_view_cases() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token's user cannot see cases".into(),
        ))
    }
}

fn require_manage(caller: &ApiCaller) -> Result<(), ApiError> {
    if caller.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token's user cannot change cases".into(),
        ))
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    status: Option<CaseStatus>,
    category: Option<CaseCategory>,
    priority: Option<Priority>,
    owner: Option<i64>,
    team: Option<i64>,
    /// Only cases still open.
    #[serde(default)]
    open: bool,
    /// `newest` (default) or `priority` (most urgent first).
    sort: Option<String>,
    /// Page size, at most 500.
    limit: Option<u32>,
    /// The `next` cursor of the previous page.
    after: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CasePage {
    pub items: Vec<CaseSummary>,
    pub total: i64,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// List cases with filters.
#[utoipa::path(
    operation_id = "list_cases", get, path = "/cases", tag = "cases", params(ListQuery),
    responses((status = 200, body = CasePage), (status = 401, body = crate::error::ErrorBody))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<ListQuery>,
) -> Result<Json<CasePage>, ApiError> {
    require_cases(&caller)?;
    let sort = match q.sort.as_deref() {
        None | Some("newest") => CaseSort::Newest,
        Some("priority") => CaseSort::Priority,
        Some(other) => {
            return Err(ApiError::Invalid(format!(
                "sort {other:?} is not known; use newest or priority"
            )));
        }
    };
    let after = super::cursor(q.after.as_deref())?;
    let filter = CaseFilter {
        status: q.status,
        open_only: q.open,
        owner: q.owner.map(UserId),
        team: q.team.map(TeamId),
        category: q.category,
        priority: q.priority,
        sort,
    };
    let page = state
        .store
        .list_cases(&filter, PageRequest::after(q.limit.unwrap_or(50), after))
        .await?;
    Ok(Json(CasePage {
        items: page.items,
        total: page.total,
        next: page.next.map(|c| c.encode()),
    }))
}

/// One case with its people, household, inquiries, requesters and history. Audited.
#[utoipa::path(
    operation_id = "get_case", get, path = "/cases/{id}", tag = "cases",
    params(("id" = i64, Path, description = "Case id")),
    responses((status = 200, body = Case), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Case>, ApiError> {
    require_cases(&caller)?;
    state
        .store
        .get_case(CaseId(id), &caller.actor())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("case {id} does not exist")))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignRequest {
    pub owner_id: UserId,
    /// Defaults to the new owner's team.
    #[serde(default)]
    pub team_id: Option<TeamId>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// Give a case to a new owner (and team).
#[utoipa::path(
    operation_id = "assign_case", post, path = "/cases/{id}/assign", tag = "cases",
    params(("id" = i64, Path, description = "Case id")),
    request_body = AssignRequest,
    responses((status = 200, body = CaseSummary), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn assign(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<AssignRequest>,
) -> Result<Json<CaseSummary>, ApiError> {
    require_manage(&caller)?;
    let summary = state
        .store
        .assign_case(
            CaseId(id),
            req.owner_id,
            req.team_id,
            req.reason.as_deref(),
            &caller.actor(),
        )
        .await?;
    Ok(Json(summary))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusRequest {
    pub status: CaseStatus,
    /// Required to close or reopen.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Move a case through its workflow.
#[utoipa::path(
    operation_id = "change_case_status", post, path = "/cases/{id}/status", tag = "cases",
    params(("id" = i64, Path, description = "Case id")),
    request_body = StatusRequest,
    responses((status = 200, body = CaseSummary), (status = 404, body = crate::error::ErrorBody),
              (status = 422, description = "Not an allowed move", body = crate::error::ErrorBody))
)]
pub(crate) async fn change_status(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<StatusRequest>,
) -> Result<Json<CaseSummary>, ApiError> {
    require_manage(&caller)?;
    let summary = state
        .store
        .change_case_status(
            CaseId(id),
            req.status,
            req.reason.as_deref(),
            &caller.actor(),
        )
        .await?;
    Ok(Json(summary))
}
