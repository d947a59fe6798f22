//! The audit trail for auditors' tools.

use super::extract::Json;
use super::extract::Query;
use axum::extract::State;
use corridor_domain::AuditEvent;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::ApiCaller;
use crate::pages::audit::parse_time;
use crate::{ApiError, AppState};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AuditQuery {
    /// Username of who acted (exact).
    actor: Option<String>,
    /// Action code, e.g. `case.viewed` (exact).
    action: Option<String>,
    /// Kind of object, e.g. `case`, `person`, `user`.
    entity: Option<String>,
    entity_id: Option<i64>,
    /// From this day (`2026-01-31`) or RFC 3339 time, inclusive.
    from: Option<String>,
    /// Until this day or time, exclusive.
    until: Option<String>,
    /// The `next` of the previous page.
    before: Option<i64>,
    /// Page size, at most 1000.
    limit: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEvent>,
    /// Pass as `before` for older events; absent on the last page.
    pub next: Option<i64>,
}

/// Audit events, newest first: who did what to which object, when and from which address.
/// Auditors and administrators only.
#[utoipa::path(
    operation_id = "list_audit_events", get, path = "/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = AuditPage), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    if !crate::access::can_read_audit(caller.user.role) {
        return Err(ApiError::Forbidden(
            "only auditors and administrators read the audit trail".into(),
        ));
    }
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    let filter = corridor_store::AuditFilter {
        actor: q.actor,
        action: q.action,
        entity: q.entity,
        entity_id: q.entity_id,
        from: parse_time("from", q.from.as_deref().unwrap_or("")).map_err(ApiError::Invalid)?,
        until: parse_time("until", q.until.as_deref().unwrap_or("")).map_err(ApiError::Invalid)?,
        before: q.before,
    };
    let items = state.store.search_audit(&filter, limit).await?;
    let next = (items.len() as u32 == limit)
        .then(|| items.last().map(|e| e.id))
        .flatten();
    Ok(Json(AuditPage { items, next }))
}
