use super::extract::Json;
use super::extract::{Path, Query};
use axum::extract::State;
use corridor_domain::{
    Case, CaseCategory, CaseId, CaseOutcome, CaseStatus, CaseSummary, Pathway, Priority, TeamId,
    UserId,
};
use corridor_store::workflow::pathway_filter;
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
    /// Only open cases whose owner was deactivated.
    #[serde(default)]
    needs_owner: bool,
    /// Only open cases past a deadline now.
    #[serde(default)]
    overdue: bool,
    /// Only cases with a person on this pathway.
    pathway: Option<Pathway>,
    /// With `pathway`: only at this step of it.
    step: Option<String>,
    /// `newest` (default) or `priority` (most urgent first).
    sort: Option<String>,
    /// Opened at or after: `YYYY-MM-DD` (start of that UTC day) or RFC 3339.
    opened_from: Option<String>,
    /// Opened before.
    opened_before: Option<String>,
    /// Closed or resolved at or after (cases not open now).
    closed_from: Option<String>,
    /// Closed or resolved before.
    closed_before: Option<String>,
    /// Closed with this outcome.
    outcome: Option<CaseOutcome>,
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
        needs_owner: q.needs_owner,
        overdue: q.overdue,
        pathway: q.pathway,
        pathway_step: match (q.pathway, q.step.as_deref()) {
            (Some(p), step) => pathway_filter(p, step)?.map(str::to_string),
            (None, Some(_)) => {
                return Err(ApiError::Invalid(
                    "step needs the pathway it belongs to".into(),
                ));
            }
            (None, None) => None,
        },
        sort,
        opened_from: super::inquiries::instant("opened_from", q.opened_from.as_deref())?,
        opened_before: super::inquiries::instant("opened_before", q.opened_before.as_deref())?,
        closed_from: super::inquiries::instant("closed_from", q.closed_from.as_deref())?,
        closed_before: super::inquiries::instant("closed_before", q.closed_before.as_deref())?,
        outcome: q.outcome,
        visible_to: caller.scope().case_list(),
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

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct PageQuery {
    /// Page size, at most 500.
    limit: Option<u32>,
    /// The `next` cursor of the previous page.
    after: Option<String>,
}

/// Open cases nobody is working: their owner was deactivated. Most urgent first.
#[utoipa::path(
    operation_id = "cases_needing_owner", get, path = "/cases/unowned", tag = "cases",
    params(PageQuery),
    responses((status = 200, body = CasePage), (status = 401, body = crate::error::ErrorBody))
)]
pub(crate) async fn needing_owner(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<PageQuery>,
) -> Result<Json<CasePage>, ApiError> {
    require_cases(&caller)?;
    let after = super::cursor(q.after.as_deref())?;
    let filter = CaseFilter {
        needs_owner: true,
        sort: CaseSort::Priority,
        visible_to: caller.scope().case_list(),
        ..Default::default()
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
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    state
        .store
        .get_case(CaseId(id), &caller.actor())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("case {id} does not exist")))
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"owner_id": 7, "reason": "Dari speaker needed"}))]
pub struct AssignRequest {
    /// Required: a case always has an owner, so it can be handed over but never left empty.
    #[serde(default)]
    #[schema(required = true, value_type = UserId)]
    pub owner_id: Option<UserId>,
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
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let owner = req.owner_id.ok_or_else(|| {
        ApiError::Invalid("a case must always have an owner: give owner_id".into())
    })?;
    let summary = state
        .store
        .assign_case(
            CaseId(id),
            owner,
            req.team_id,
            req.reason.as_deref(),
            &caller.actor(),
        )
        .await?;
    Ok(Json(summary))
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"status": "closed", "reason": "Family crossed at Torkham", "outcome": "evacuated"}))]
pub struct StatusRequest {
    pub status: CaseStatus,
    /// Required to close or reopen.
    #[serde(default)]
    pub reason: Option<String>,
    /// Required to close, and only then: how the case ended.
    #[serde(default)]
    pub outcome: Option<CaseOutcome>,
}

/// Move a case through its workflow.
#[utoipa::path(
    operation_id = "change_case_status", post, path = "/cases/{id}/status", tag = "cases",
    params(("id" = i64, Path, description = "Case id")),
    request_body = StatusRequest,
    responses((status = 200, body = CaseSummary), (status = 404, body = crate::error::ErrorBody),
              (status = 422, description = "Not an allowed move, or closing without an outcome", body = crate::error::ErrorBody))
)]
pub(crate) async fn change_status(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<StatusRequest>,
) -> Result<Json<CaseSummary>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let summary = state
        .store
        .change_case_status(
            CaseId(id),
            req.status,
            req.reason.as_deref(),
            req.outcome,
            &caller.actor(),
        )
        .await?;
    Ok(Json(summary))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PriorityRequest {
    pub priority: Priority,
    /// Required: why the assessed priority does not fit.
    pub reason: String,
}

/// Set the case's priority by hand. The assessed priority stays on the case
/// (`priority_override.assessed`); audited with who and why.
#[utoipa::path(
    operation_id = "override_case_priority", post, path = "/cases/{id}/priority", tag = "cases",
    params(("id" = i64, Path, description = "Case id")),
    request_body(content = PriorityRequest, example = json!({"priority": "critical", "reason": "the family has received threats"})),
    responses((status = 200, body = CaseSummary), (status = 404, body = crate::error::ErrorBody),
              (status = 422, description = "No reason given", body = crate::error::ErrorBody))
)]
pub(crate) async fn override_priority(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<PriorityRequest>,
) -> Result<Json<CaseSummary>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let summary = state
        .store
        .override_priority(CaseId(id), req.priority, &req.reason, &caller.actor())
        .await?;
    Ok(Json(summary))
}
