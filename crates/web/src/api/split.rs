//! Splitting and joining cases: putting right what automation got wrong (two families on one
//! case, one family on two). People move with the requests about them; every move is in both
//! cases' history, its reason a note on both, and it is undone by the reverse move.

use super::extract::{Json, Path};
use axum::extract::State;
use corridor_domain::{CaseId, PersonId};
use corridor_store::{CaseMove, ScopedObject};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::ApiError;
use crate::AppState;
use crate::auth::ApiCaller;

fn require_manage(caller: &ApiCaller) -> Result<(), ApiError> {
    if caller.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token's user cannot change cases".into(),
        ))
    }
}

/// Checked before the other case is looked at, so a bad request says what is wrong with it.
fn require_reason(reason: &str) -> Result<(), ApiError> {
    if reason.trim().is_empty() {
        Err(ApiError::Invalid(
            "say why the people are moved: give reason".into(),
        ))
    } else {
        Ok(())
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"person_ids": [41, 42], "reason": "A second family on the same list"}))]
pub struct SplitRequest {
    /// The people to move; each must be on the case.
    pub person_ids: Vec<PersonId>,
    /// The case to move them into (a join). Without it they get a new case of the same
    /// category, owner and team.
    #[serde(default)]
    pub into_case_id: Option<CaseId>,
    /// Required: kept as a note on both cases.
    pub reason: String,
}

/// Move people, and the requests about them, out of a case: to a new case (a split) or into
/// another one. A case left with nobody closes as a duplicate; moving people back into it
/// reopens it.
#[utoipa::path(
    operation_id = "split_case", post, path = "/cases/{id}/split", tag = "cases",
    params(("id" = i64, Path, description = "The case the people are on")),
    request_body = SplitRequest,
    responses((status = 200, body = CaseMove), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn split(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<SplitRequest>,
) -> Result<Json<CaseMove>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(&state, caller.scope(), ScopedObject::Case(CaseId(id))).await?;
    require_reason(&req.reason)?;
    if let Some(into) = req.into_case_id {
        crate::access::api_object(&state, caller.scope(), ScopedObject::Case(into)).await?;
    }
    let moved = state
        .store
        .move_people(
            CaseId(id),
            &req.person_ids,
            req.into_case_id,
            &req.reason,
            &caller.actor(),
        )
        .await?;
    Ok(Json(moved))
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"from_case_id": 17, "reason": "The same family, asked about twice"}))]
pub struct JoinRequest {
    /// The case whose people come into this one.
    pub from_case_id: CaseId,
    /// Who comes; everyone on that case when left out (the emptied case then closes as a
    /// duplicate).
    #[serde(default)]
    pub person_ids: Option<Vec<PersonId>>,
    /// Required: kept as a note on both cases.
    pub reason: String,
}

/// Bring people of another case, and the requests about them, into this one.
#[utoipa::path(
    operation_id = "join_case", post, path = "/cases/{id}/join", tag = "cases",
    params(("id" = i64, Path, description = "The case the people join")),
    request_body = JoinRequest,
    responses((status = 200, body = CaseMove), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn join(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<JoinRequest>,
) -> Result<Json<CaseMove>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(&state, caller.scope(), ScopedObject::Case(CaseId(id))).await?;
    crate::access::api_object(&state, caller.scope(), ScopedObject::Case(req.from_case_id)).await?;
    let people = match req.person_ids {
        Some(people) => people,
        None => state
            .store
            .get_case(req.from_case_id, &caller.actor())
            .await?
            .ok_or_else(|| {
                ApiError::NotFound(format!("case {} does not exist", req.from_case_id.0))
            })?
            .people
            .iter()
            .map(|p| p.id)
            .collect(),
    };
    let moved = state
        .store
        .move_people(
            req.from_case_id,
            &people,
            Some(CaseId(id)),
            &req.reason,
            &caller.actor(),
        )
        .await?;
    Ok(Json(moved))
}
