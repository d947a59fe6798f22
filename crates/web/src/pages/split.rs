//! The case page's split and join form (`case_split.html`): ticked people, and the requests
//! about them, move to a new case or into another one (see `CaseStore::move_people`).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Redirect;
use corridor_domain::{CaseId, PersonId};
use corridor_store::ScopedObject;

use crate::auth::Staff;
use crate::{AppState, PageError};

/// Repeated `person` fields (the ticked people), `into` (a case number, "C-12" or "12"; empty
/// for a new case) and `reason`.
pub(crate) async fn split(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Redirect, PageError> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    staff.check_csrf(field("csrf").unwrap_or(""))?;
    if !staff.user.role.can_manage_cases() {
        return Err(PageError::Forbidden(crate::t("refuse-role-change")));
    }
    crate::access::page_object(&state, staff.scope(), ScopedObject::Case(CaseId(id))).await?;
    let reason =
        field("reason").ok_or_else(|| PageError::BadRequest(crate::t("refuse-split-reason")))?;
    let people = fields
        .iter()
        .filter(|(k, _)| k == "person")
        .map(|(_, v)| {
            v.trim()
                .parse::<i64>()
                .map(PersonId)
                .map_err(|_| PageError::BadRequest(crate::t("refuse-person-invalid")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let into = match field("into") {
        None => None,
        Some(v) => Some(
            v.trim_start_matches(['C', 'c', '-'])
                .parse::<i64>()
                .map(CaseId)
                .map_err(|_| {
                    PageError::BadRequest(crate::t1("refuse-not-case-number", "value", v))
                })?,
        ),
    };
    if let Some(into) = into {
        crate::access::page_object(&state, staff.scope(), ScopedObject::Case(into)).await?;
    }
    let moved = state
        .store
        .move_people(CaseId(id), &people, into, reason, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!("/cases/{}?done=moved", moved.to.0)))
}
