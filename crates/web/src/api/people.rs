use super::extract::Json;
use super::extract::{Path, Query};
use axum::extract::State;
use corridor_domain::{
    MatchReview, MergeId, PersonFile, PersonId, RecordId, ReviewId, ReviewStatus,
};
use corridor_store::PageRequest;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::ApiError;
use crate::AppState;
use crate::auth::ApiCaller;

fn require_manage(caller: &ApiCaller) -> Result<(), ApiError> {
    if caller.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token's user cannot see or change people's records".into(),
        ))
    }
}

/// Possible matches and merges join records across the organization: leads and
/// administrators only.
fn require_review(caller: &ApiCaller) -> Result<(), ApiError> {
    if crate::access::can_review(caller.user.role) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "only task force leads review possible matches and merge people".into(),
        ))
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ReviewQuery {
    /// pending (default), same or different.
    status: Option<ReviewStatus>,
    limit: Option<u32>,
    after: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewPage {
    pub items: Vec<MatchReview>,
    pub total: i64,
    pub next: Option<String>,
}

/// Pairs the matcher was unsure about, oldest first.
#[utoipa::path(
    operation_id = "list_reviews", get, path = "/reviews", tag = "people", params(ReviewQuery),
    responses((status = 200, body = ReviewPage), (status = 401, body = crate::error::ErrorBody))
)]
pub(crate) async fn list_reviews(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<ReviewQuery>,
) -> Result<Json<ReviewPage>, ApiError> {
    require_review(&caller)?;
    let after = super::cursor(q.after.as_deref())?;
    let page = state
        .store
        .list_reviews(
            q.status.unwrap_or(ReviewStatus::Pending),
            PageRequest::after(q.limit.unwrap_or(50), after),
        )
        .await?;
    Ok(Json(ReviewPage {
        items: page.items,
        total: page.total,
        next: page.next.map(|c| c.encode()),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Decision {
    /// True: the same person (the two are merged). False: different people.
    pub same: bool,
}

/// Decide a possible match.
#[utoipa::path(
    operation_id = "decide_review", post, path = "/reviews/{id}/decision", tag = "people",
    params(("id" = i64, Path, description = "Review id")), request_body(content = Decision, example = json!({"same": true})),
    responses((status = 200, body = MatchReview), (status = 404, body = crate::error::ErrorBody),
              (status = 409, description = "Decided already", body = crate::error::ErrorBody))
)]
pub(crate) async fn decide_review(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(d): Json<Decision>,
) -> Result<Json<MatchReview>, ApiError> {
    require_review(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Review(ReviewId(id)),
    )
    .await?;
    Ok(Json(
        state
            .store
            .decide_review(ReviewId(id), d.same, &caller.actor())
            .await?,
    ))
}

/// One person with every record, the source of every field, their cases and merges. Audited.
#[utoipa::path(
    operation_id = "get_person", get, path = "/persons/{id}", tag = "people",
    params(("id" = i64, Path, description = "Person id")),
    responses((status = 200, body = PersonFile), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn get_person(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<PersonFile>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Person(PersonId(id)),
    )
    .await?;
    state
        .store
        .get_person(PersonId(id), &caller.actor())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("person {id} does not exist")))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeRequest {
    /// The person merged into this one.
    pub merged_id: PersonId,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Merged {
    pub merge_id: MergeId,
}

/// Merge another person into this one; undo with `/merges/{id}/undo`.
#[utoipa::path(
    operation_id = "merge_person", post, path = "/persons/{id}/merge", tag = "people",
    params(("id" = i64, Path, description = "The person kept")), request_body(content = MergeRequest, example = json!({"merged_id": 42, "reason": "review 17"})),
    responses((status = 200, body = Merged), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn merge(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<MergeRequest>,
) -> Result<Json<Merged>, ApiError> {
    require_review(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Person(PersonId(id)),
    )
    .await?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Person(req.merged_id),
    )
    .await?;
    let merge_id = state
        .store
        .merge_persons(
            PersonId(id),
            req.merged_id,
            req.reason.as_deref(),
            &caller.actor(),
        )
        .await?;
    Ok(Json(Merged { merge_id }))
}

/// Undo a merge: records and case memberships return exactly.
#[utoipa::path(
    operation_id = "undo_merge", post, path = "/merges/{id}/undo", tag = "people",
    params(("id" = i64, Path, description = "Merge id")),
    responses((status = 204, description = "Undone"), (status = 404, body = crate::error::ErrorBody),
              (status = 409, description = "Undone already", body = crate::error::ErrorBody))
)]
pub(crate) async fn undo_merge(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<axum::http::StatusCode, ApiError> {
    require_review(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Merge(MergeId(id)),
    )
    .await?;
    state.store.undo_merge(MergeId(id), &caller.actor()).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DetachRequest {
    /// One of this person's records (see `records` of `GET /persons/{id}`) that is someone
    /// else.
    pub record_id: RecordId,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Detached {
    /// The new person the record now belongs to.
    pub person_id: PersonId,
}

/// Detach one record from this person into a new person of its own: the undo for a sure
/// match. The new person joins the case of the record's inquiry; this person leaves it unless
/// another of their records is on it. Merge the new person back to undo.
#[utoipa::path(
    operation_id = "detach_record", post, path = "/persons/{id}/detach", tag = "people",
    params(("id" = i64, Path, description = "The person the record is on now")),
    request_body(content = DetachRequest, example = json!({"record_id": 1093, "reason": "a different person of the same name"})),
    responses((status = 200, body = Detached), (status = 404, body = crate::error::ErrorBody),
              (status = 422, description = "The person's only record, or a person merged away",
               body = crate::error::ErrorBody))
)]
pub(crate) async fn detach(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<DetachRequest>,
) -> Result<Json<Detached>, ApiError> {
    require_review(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Person(PersonId(id)),
    )
    .await?;
    let person_id = state
        .store
        .detach_record(
            PersonId(id),
            req.record_id,
            req.reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty()),
            &caller.actor(),
        )
        .await?;
    Ok(Json(Detached { person_id }))
}
