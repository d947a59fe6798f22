//! The walk-in desk: one keyboard-fast form for people who come in person (Tab through the
//! fields, Enter or Alt+S to save), answered by a printable receipt with the reference.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use corridor_domain::{CaseCategory, Channel, NewRequester, PersonDetails, RequesterKind, Sex};
use corridor_store::Submission;

use super::public::{code_hash, new_status_code, normalize_code};
use crate::api::InquiryInput;
use crate::auth::Staff;
use crate::search::CaseChoice;
use crate::views::{Choice, Nav};
use crate::{AppState, PageError};

#[derive(Template, WebTemplate)]
#[template(path = "desk.html")]
pub struct DeskPage {
    pub nav: Nav,
    pub code: String,
    pub categories: Vec<Choice>,
    pub error: Option<String>,
    /// What was typed, kept when the form comes back after a check.
    pub values: BTreeMap<String, String>,
    /// After "check": the known people this person may be (None: not checked).
    pub known: Option<Vec<crate::search::PersonResult>>,
}

impl DeskPage {
    fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "receipt.html")]
pub struct Receipt {
    pub reference: String,
    pub code: String,
    pub when: String,
}

fn page(staff: &Staff, error: Option<String>) -> DeskPage {
    DeskPage {
        nav: Nav::new(staff, "desk"),
        code: new_status_code(),
        categories: Choice::list(
            CaseCategory::ALL,
            Some(CaseCategory::Evacuation),
            |c| c.as_str().into(),
            |c| c.label().into(),
        ),
        error,
        values: BTreeMap::new(),
        known: None,
    }
}

/// The form again as typed (the same status code, so the receipt matches), with what the
/// check found.
fn checked(
    staff: &Staff,
    fields: BTreeMap<String, String>,
    known: Option<Vec<crate::search::PersonResult>>,
    error: Option<String>,
) -> DeskPage {
    let mut p = page(staff, error);
    if let Some(code) = fields.get("code").filter(|c| !c.trim().is_empty()) {
        p.code = code.clone();
    }
    let category = fields.get("category").and_then(|c| c.parse().ok());
    p.categories = Choice::list(
        CaseCategory::ALL,
        category.or(Some(CaseCategory::Evacuation)),
        |c| c.as_str().into(),
        |c| c.label().into(),
    );
    p.values = fields;
    p.known = known;
    p
}

fn require_intake(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_take_intake() {
        Ok(())
    } else {
        Err(PageError::Forbidden(
            "Your role does not give access to intake.".into(),
        ))
    }
}

pub(crate) async fn form(staff: Staff) -> Result<DeskPage, PageError> {
    require_intake(&staff)?;
    Ok(page(&staff, None))
}

/// "Fatima, wife, 1992" → a family member; the order is name, relationship, birth.
fn family_member(line: &str) -> PersonDetails {
    let mut parts = line.split([',', ';']).map(str::trim);
    PersonDetails {
        full_name: parts.next().map(str::to_string),
        relationship: parts.next().map(str::to_string),
        date_of_birth: parts.next().map(str::to_string),
        ..Default::default()
    }
    .tidy()
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    staff: Staff,
    Form(mut fields): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    staff.check_csrf(fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    require_intake(&staff)?;
    fields.remove("csrf");
    // "Add this request to C-…" after a check: the case is not part of what was asked.
    let attach = fields.remove("attach_case");
    let get = |k: &str| {
        fields
            .get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let Some(code) = get("code").as_deref().and_then(normalize_code) else {
        return Ok(page(
            &staff,
            Some("The form expired; please enter it again.".into()),
        )
        .into_response());
    };
    let principal = PersonDetails {
        given_name: get("given_name"),
        family_name: get("family_name"),
        father_name: get("father_name"),
        date_of_birth: get("date_of_birth"),
        sex: get("sex").and_then(|s| Sex::parse_lenient(&s)),
        national_id: get("national_id"),
        passport: get("passport"),
        phone: get("phone"),
        email: get("email"),
        relationship: Some("principal".into()),
        needs: get("needs"),
        ..Default::default()
    }
    .tidy();
    if principal.is_blank() {
        return Ok(checked(
            &staff,
            fields,
            None,
            Some("Enter at least a name, a document number or a phone.".into()),
        )
        .into_response());
    }
    // "Check" looks for the person among those known before anything is saved, so the clerk
    // can tell the family which case they are on instead of opening a second one.
    if fields.contains_key("check") {
        fields.remove("check");
        let known = crate::search::already_known(
            state.store.as_ref(),
            &state.matcher,
            &principal,
            staff.scope(),
            &staff.actor(),
        )
        .await?;
        return Ok(checked(&staff, fields, Some(known), None).into_response());
    }
    let mut people = vec![principal.clone()];
    people.extend(
        get("family")
            .unwrap_or_default()
            .lines()
            .map(family_member)
            .filter(|p| !p.is_blank()),
    );
    let input = InquiryInput {
        category: get("category")
            .and_then(|c| c.parse().ok())
            .unwrap_or(CaseCategory::Other),
        subject: "Walk-in at the desk".into(),
        body: get("needs"),
        requester: NewRequester {
            kind: RequesterKind::Applicant,
            name: principal.display_name(),
            organization: None,
            email: principal.email.clone(),
            phone: principal.phone.clone(),
        },
        household: None,
        people,
        received_at: None,
    };
    fields.remove("code");
    fields.retain(|_, v| !v.trim().is_empty());
    let raw = serde_json::to_string_pretty(&fields).map_err(|e| PageError::Internal(e.into()))?;
    let hash = code_hash(&code);
    let inquiry = match input.into_new_inquiry(
        Channel::WalkIn,
        raw,
        "application/json",
        Some(format!("desk:{}", &hash[..32])),
    ) {
        Ok(i) => i,
        Err(e) => return Ok(page(&staff, Some(e.to_string())).into_response()),
    };
    // The clerk chose the known case: only if the check still finds it, now.
    let chosen = match crate::search::case_choice(
        state.store.as_ref(),
        &state.matcher,
        &inquiry.people,
        attach.as_deref(),
        staff.scope(),
        &staff.actor(),
    )
    .await?
    {
        CaseChoice::Nothing => Vec::new(),
        CaseChoice::Known(person, known) => vec![(0, person, known)],
        CaseChoice::Refused => {
            return Ok(checked(&staff, fields, None, Some(NOT_CHOSEN.into())).into_response());
        }
    };
    let received = inquiry.received_at;
    let mut submission = Submission::new(inquiry);
    submission.status_code_hash = Some(hash);
    submission.acknowledge_to = principal.email.clone();
    let recorded = state
        .matcher
        .take_in_known(
            state.store.as_ref(),
            vec![submission],
            &chosen,
            "walk-in desk",
            &staff.actor(),
        )
        .await?
        .remove(0);
    let code = fields_code(&code);
    Ok(Receipt {
        reference: recorded.reference.to_string(),
        code,
        when: received.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
    .into_response())
}

/// Said when the case chosen after a check is no longer one the request can join.
pub(crate) const NOT_CHOSEN: &str = "That case is not the one open case of anyone this request may be about any more. Nothing was saved: check again and choose from the list.";

fn fields_code(c: &str) -> String {
    format!("{}-{}-{}-{}", &c[..4], &c[4..8], &c[8..12], &c[12..])
}
