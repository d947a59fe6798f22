//! `GET /api/v1/sitrep`: the situation report as JSON, for leads' and administrators' tokens.

use super::extract::Json;
use super::extract::Query;
use axum::extract::State;
use chrono::{NaiveDate, Utc};
use corridor_store::{AuditAction, NewAuditEvent};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::ApiCaller;
use crate::sitrep::{self, Audience};
use crate::{ApiError, AppState};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SitrepQuery {
    /// One day, `YYYY-MM-DD` (UTC).
    date: Option<NaiveDate>,
    /// The first day of a period.
    from: Option<NaiveDate>,
    /// The last day of a period (default today). Without any date: the last 21 days.
    to: Option<NaiveDate>,
    /// `internal` (default, exact figures) or `external` (counts from 1 to below the
    /// threshold become the string "<N").
    audience: Option<String>,
    /// The small-count threshold for `external` (default 5).
    threshold: Option<i64>,
}

/// The situation report for a day or a period: inquiries by channel and requester kind, the
/// distinct people and households they concern, open cases by status, category, priority, team
/// and age, unowned cases, people by place and at border crossings, closures by outcome, and
/// the daily inflow, closures and backlog. Counts only, never names. Leads and administrators.
#[utoipa::path(
    operation_id = "sitrep", get, path = "/sitrep", tag = "reports", params(SitrepQuery),
    responses(
        (status = 200, description = "The report. With `audience=external`, counts from 1 to below the threshold are the string \"<N\" instead of a number, and `small_counts_below` gives N.", body = corridor_store::sitrep::SituationReport),
        (status = 401, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<SitrepQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    if !crate::pages::may_see_sitrep(caller.user.role) {
        return Err(ApiError::Forbidden(
            "the situation report is for leads and administrators".into(),
        ));
    }
    let period = sitrep::period(q.date, q.from, q.to, 21, Utc::now())?;
    let audience = match q.audience.as_deref() {
        None | Some("internal") => Audience::Internal,
        Some("external") => Audience::External {
            threshold: q.threshold.unwrap_or(sitrep::DEFAULT_THRESHOLD).max(1),
        },
        Some(other) => {
            return Err(ApiError::Invalid(format!(
                "audience {other:?} is not internal or external"
            )));
        }
    };
    let report = sitrep::report(state.store.as_ref(), &period).await?;
    state
        .store
        .audit(
            NewAuditEvent::new(
                AuditAction::SitrepViewed,
                "sitrep",
                0,
                format!(
                    "api {}..{} {}",
                    period.from,
                    period.to,
                    if audience.is_external() {
                        "external"
                    } else {
                        "internal"
                    }
                ),
            ),
            &caller.actor(),
        )
        .await?;
    Ok(Json(sitrep::to_json(&report, audience)))
}
