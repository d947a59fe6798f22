//! Triage from the pages: one inquiry from its page (a new case, or attach to a suggested or
//! named case), or many at once from the queue (`/inquiries?untriaged=1`).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Redirect;
use corridor_domain::{CaseId, InquiryId, TeamId, UserId};
use corridor_store::Triage;
use serde::Deserialize;

use super::given;
use crate::auth::Staff;
use crate::{AppState, PageError};

fn require_triage(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_triage() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-triage")))
    }
}

fn id_of(field: &str, value: Option<&str>) -> Result<Option<i64>, PageError> {
    value
        .map(|v| {
            v.trim_start_matches(['C', 'c', '-'])
                .parse::<i64>()
                .map_err(|_| PageError::BadRequest(format!("The {field} is not valid.")))
        })
        .transpose()
}

fn new_cases(team: Option<&str>, owner: Option<&str>) -> Result<Triage, PageError> {
    Ok(Triage::NewCases {
        team: id_of("team", team)?.map(TeamId),
        owner: id_of("owner", owner)?.map(UserId),
    })
}

#[derive(Deserialize)]
pub(crate) struct OneForm {
    csrf: String,
    action: String,
    team: Option<String>,
    owner: Option<String>,
    case: Option<String>,
}

pub(crate) async fn one(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<OneForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_triage(&staff)?;
    let how = match form.action.as_str() {
        "new_case" => new_cases(given(&form.team), given(&form.owner))?,
        "attach" => Triage::Attach {
            case: CaseId(
                id_of("case number", given(&form.case))?
                    .ok_or_else(|| PageError::BadRequest(crate::t("refuse-give-case")))?,
            ),
        },
        other => {
            return Err(PageError::BadRequest(format!(
                "{other:?} is not a triage action."
            )));
        }
    };
    crate::access::triage_allowed_page(&state, staff.scope(), &[InquiryId(id)], &how).await?;
    let cases = state
        .store
        .triage_inquiries(&[InquiryId(id)], &how, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!("/cases/{}?done=triaged", cases[0].0)))
}

/// The queue's form: repeated `inquiry` fields (the ticked rows), a team and an owner.
pub(crate) async fn bulk(
    State(state): State<AppState>,
    staff: Staff,
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
    require_triage(&staff)?;
    let inquiries = fields
        .iter()
        .filter(|(k, _)| k == "inquiry")
        .map(|(_, v)| {
            v.trim()
                .parse::<i64>()
                .map(InquiryId)
                .map_err(|_| PageError::BadRequest(crate::t("refuse-inquiry-invalid")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if inquiries.is_empty() {
        return Err(PageError::BadRequest(crate::t("refuse-tick-inquiries")));
    }
    let how = new_cases(field("team"), field("owner"))?;
    crate::access::triage_allowed_page(&state, staff.scope(), &inquiries, &how).await?;
    let cases = state
        .store
        .triage_inquiries(&inquiries, &how, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!(
        "/inquiries?untriaged=1&triaged={}",
        cases.len()
    )))
}
