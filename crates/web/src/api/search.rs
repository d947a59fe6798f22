//! `GET /api/v1/search`: find anyone from one line (see [`crate::search`]).

use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::ApiCaller;
use crate::search::{self, SearchResults};
use crate::{ApiError, AppState};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SearchQuery {
    /// A request reference (CR-XXXXX-XXXXX, any case, dashes optional), a case number (C-123
    /// or 123), a person number (P-45), a phone in any format, a tazkira, passport or email,
    /// or a name in Latin or Perso-Arabic script with an optional father's name ("s/o",
    /// "ولد"), birth year and province. Required (optional here only so that a caller who
    /// may not search hears that first).
    #[param(min_length = 1, max_length = 200)]
    q: Option<String>,
    /// People at most (default 10, at most 50).
    #[param(minimum = 1, maximum = 50)]
    limit: Option<usize>,
}

/// Find people, cases and requests from one line, best first. People are ranked by the
/// matcher's score with the fields that agreed; each result says whether the caller may open
/// it (a case officer sees that a person is known and which team holds their case, and opens
/// only cases in their scope). Not for partners or auditors. Audited with the kind of query
/// and the number of results, never the query itself.
#[utoipa::path(
    operation_id = "search", get, path = "/search", tag = "search", params(SearchQuery),
    responses(
        (status = 200, body = SearchResults),
        (status = 401, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody),
        (status = 422, description = "An empty or overlong query", body = crate::error::ErrorBody))
)]
pub(crate) async fn search(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<SearchQuery>,
) -> Result<Json<SearchResults>, ApiError> {
    if !search::may_search(caller.user.role) {
        return Err(ApiError::Forbidden(
            "this token's user cannot search people and cases".into(),
        ));
    }
    let results = search::search(
        state.store.as_ref(),
        &state.matcher,
        q.q.as_deref().unwrap_or_default(),
        q.limit.unwrap_or(search::DEFAULT_LIMIT),
        caller.scope(),
        &caller.actor(),
    )
    .await?;
    Ok(Json(results))
}
