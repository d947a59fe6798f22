use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use corridor_domain::{
    CaseCategory, Channel, InquiryId, NewRequester, PersonDetails, RequesterKind, Sex,
};
use corridor_store::{Cursor, InquiryFilter, PageRequest};
use serde::Deserialize;

use super::given;
use crate::api::InquiryInput;
use crate::auth::Staff;
use crate::forms::{FieldProblem, Problem};
use crate::search::CaseChoice;
use crate::views::{
    self, CaseRow, Choice, InquiriesPage, InquiryPage, InquiryRow, IntakePage, Nav, PersonSlot,
};
use crate::{AppState, PageError};

const PAGE_SIZE: u32 = 50;
/// Rows for people on the staff intake form; larger lists come by spreadsheet.
const PERSON_SLOTS: usize = 6;

fn require_intake(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_take_intake() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-intake")))
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct InquiryQuery {
    channel: Option<String>,
    untriaged: Option<String>,
    after: Option<String>,
    stored: Option<String>,
    triaged: Option<String>,
    // The situation report's lists.
    received_from: Option<String>,
    received_before: Option<String>,
    requester_kind: Option<String>,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<InquiryQuery>,
) -> Result<InquiriesPage, PageError> {
    require_intake(&staff)?;
    let channel = given(&q.channel)
        .map(|c| c.parse::<Channel>())
        .transpose()
        .map_err(|e| PageError::BadRequest(e.to_string()))?;
    let instant = |field: &str, v: &Option<String>| {
        given(v)
            .map(|v| crate::sitrep::parse_instant(field, v).map_err(PageError::BadRequest))
            .transpose()
    };
    let filter = InquiryFilter {
        channel,
        untriaged: given(&q.untriaged).is_some(),
        received_from: instant("received_from", &q.received_from)?,
        received_before: instant("received_before", &q.received_before)?,
        requester_kind: given(&q.requester_kind)
            .map(|k| k.parse::<corridor_domain::RequesterKind>())
            .transpose()
            .map_err(|e| PageError::BadRequest(e.to_string()))?,
        // Clerks see the triage queue; case officers also their own and team's inquiries.
        visible_to: staff.scope().case_list(),
    };
    let after = given(&q.after).and_then(Cursor::decode);
    let page = state
        .store
        .list_inquiries(&filter, PageRequest::after(PAGE_SIZE, after))
        .await?;
    let next = page.next.map(|c| {
        let mut parts = Vec::new();
        if let Some(ch) = channel {
            parts.push(format!("channel={ch}"));
        }
        if filter.untriaged {
            parts.push("untriaged=1".into());
        }
        for (k, v) in [
            ("received_from", &q.received_from),
            ("received_before", &q.received_before),
            ("requester_kind", &q.requester_kind),
        ] {
            if let Some(v) = given(v) {
                parts.push(format!("{k}={v}"));
            }
        }
        parts.push(format!("after={}", c.encode()));
        parts.join("&")
    });
    let can_triage = filter.untriaged && staff.user.role.can_triage();
    let (teams, owners) = if can_triage {
        let teams = state.store.list_teams().await?;
        let users = state.store.list_users().await?;
        (
            views::team_choices(&teams, None),
            views::owner_choices(&users, None),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let stored = given(&q.stored)
        .and_then(|r| r.parse::<corridor_domain::ReferenceNumber>().ok())
        .map(|r| crate::t1("done-stored", "reference", r));
    let triaged = given(&q.triaged)
        .and_then(|n| n.parse::<u64>().ok())
        .map(|n| crate::tn("done-triaged-n", "count", n as i64));
    Ok(InquiriesPage {
        nav: Nav::new(
            &staff,
            if filter.untriaged {
                "triage"
            } else {
                "inquiries"
            },
        ),
        rows: page.items.iter().map(InquiryRow::from).collect(),
        total: page.total,
        channels: Choice::list(
            Channel::ALL,
            channel,
            |c| c.as_str().into(),
            crate::terms::term,
        ),
        untriaged: filter.untriaged,
        can_triage,
        teams,
        owners,
        next,
        notice: stored.or(triaged),
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<InquiryPage, PageError> {
    require_intake(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Inquiry(InquiryId(id)),
    )
    .await?;
    let inquiry = state
        .store
        .get_inquiry(InquiryId(id), &staff.actor())
        .await?
        .ok_or_else(|| PageError::NotFound(crate::t("refuse-no-inquiry")))?;
    let can_triage = inquiry.summary.case_id.is_none() && staff.user.role.can_triage();
    let known = if can_triage {
        known_for_triage(&state, &staff, &inquiry.people).await?
    } else {
        Vec::new()
    };
    let (suggestions, teams, owners) = if can_triage {
        let suggestions = crate::access::visible_cases(
            staff.scope(),
            state.store.triage_suggestions(InquiryId(id)).await?,
        );
        let teams = state.store.list_teams().await?;
        let users = state.store.list_users().await?;
        (
            suggestions.iter().map(CaseRow::from).collect(),
            views::team_choices(&teams, None),
            views::owner_choices(&users, None),
        )
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let may_see_documents = staff.user.role.can_manage_cases();
    let documents = crate::documents::DocumentsPanel::load(
        &state,
        corridor_store::documents::DocumentOwner::Inquiry(InquiryId(id)),
        may_see_documents,
        None,
    )
    .await?;
    let refused_attachments = if may_see_documents {
        state
            .store
            .audit_events(Some(("inquiry", id)), 200)
            .await?
            .into_iter()
            .filter(|e| e.action == corridor_store::AuditAction::DocumentRefused.as_str())
            .rev()
            .map(|e| e.detail)
            .collect()
    } else {
        Vec::new()
    };
    Ok(InquiryPage {
        documents,
        refused_attachments,
        nav: Nav::new(&staff, "inquiries"),
        row: InquiryRow::from(&inquiry.summary),
        requester_kind: crate::terms::term(inquiry.requester.kind),
        requester: inquiry.requester,
        content_type: inquiry.content_type,
        raw_payload: inquiry.raw_payload,
        can_triage,
        suggestions,
        known,
        teams,
        owners,
    })
}

/// The triage page's check: for each of the inquiry's people, the known people they may be
/// (themselves left out), so the officer attaches the inquiry to the case that already
/// exists instead of opening a second one. Audited like the desk's check.
async fn known_for_triage(
    state: &AppState,
    staff: &Staff,
    people: &[corridor_domain::PersonId],
) -> Result<Vec<crate::search::PersonResult>, PageError> {
    // Read for matching only; the inquiry's own read (audited) already showed these people.
    let own = state.store.people_for_search(people).await?;
    let mut known: Vec<crate::search::PersonResult> = Vec::new();
    for person in &own {
        for p in crate::search::already_known_as(
            state.store.as_ref(),
            &state.matcher,
            &person.details,
            people,
            staff.scope(),
            &staff.actor(),
            "triage check",
        )
        .await?
        {
            if !known.iter().any(|k| k.id == p.id) {
                known.push(p);
            }
        }
    }
    Ok(known)
}

fn intake_page(staff: &Staff, error: Option<String>) -> IntakePage {
    IntakePage {
        nav: Nav::new(staff, "intake"),
        channels: Choice::list(
            Channel::ALL,
            Some(Channel::StaffForm),
            |c| c.as_str().into(),
            crate::terms::term,
        ),
        kinds: Choice::list(
            RequesterKind::ALL,
            Some(RequesterKind::Applicant),
            |c| c.as_str().into(),
            crate::terms::term,
        ),
        categories: Choice::list(
            CaseCategory::ALL,
            Some(CaseCategory::Evacuation),
            |c| c.as_str().into(),
            crate::terms::term,
        ),
        slots: (0..PERSON_SLOTS)
            .map(|index| PersonSlot { index })
            .collect(),
        error,
        values: BTreeMap::new(),
        known: None,
        problems: Vec::new(),
    }
}

/// The form again as typed, with its choices kept.
fn intake_again(
    staff: &Staff,
    fields: BTreeMap<String, String>,
    known: Option<Vec<crate::search::PersonResult>>,
    error: Option<String>,
) -> IntakePage {
    let mut page = intake_page(staff, error);
    let chosen = |choices: &mut Vec<crate::views::Choice>, key: &str| {
        if let Some(v) = fields.get(key) {
            for c in choices.iter_mut() {
                c.selected = &c.value == v;
            }
        }
    };
    chosen(&mut page.channels, "channel");
    chosen(&mut page.kinds, "requester_kind");
    chosen(&mut page.categories, "category");
    page.values = fields;
    page.known = known;
    page
}

pub(crate) async fn intake_form(staff: Staff) -> Result<IntakePage, PageError> {
    require_intake(&staff)?;
    Ok(intake_page(&staff, None))
}

/// The people rows of the form that hold anything.
fn people_from_form(fields: &BTreeMap<String, String>) -> Vec<PersonDetails> {
    let get = |k: &str| {
        fields
            .get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    (0..PERSON_SLOTS)
        .map(|i| {
            let f = |name: &str| get(&format!("p{i}_{name}"));
            PersonDetails {
                given_name: f("given_name"),
                family_name: f("family_name"),
                father_name: f("father_name"),
                date_of_birth: f("date_of_birth"),
                sex: f("sex").and_then(|s| Sex::parse_lenient(&s)),
                national_id: f("national_id"),
                passport: f("passport"),
                phone: f("phone"),
                location: f("location"),
                relationship: f("relationship"),
                needs: f("needs"),
                ..PersonDetails::default()
            }
        })
        .filter(|p| !p.is_blank())
        .collect()
}

/// Reads the form into the same input the API takes, so both are checked by one set of rules.
fn input_from_form(fields: &BTreeMap<String, String>) -> Result<(Channel, InquiryInput), String> {
    let get = |k: &str| {
        fields
            .get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let channel = get("channel")
        .unwrap_or_else(|| "staff_form".into())
        .parse::<Channel>()
        .map_err(|e| e.to_string())?;
    let people = people_from_form(fields);
    let input = InquiryInput {
        category: get("category")
            .unwrap_or_default()
            .parse()
            .map_err(|e: corridor_domain::ParseEnumError| e.to_string())?,
        subject: get("subject").unwrap_or_default(),
        body: get("body"),
        requester: NewRequester {
            kind: get("requester_kind")
                .unwrap_or_default()
                .parse()
                .map_err(|e: corridor_domain::ParseEnumError| e.to_string())?,
            name: get("requester_name").unwrap_or_default(),
            organization: get("requester_organization"),
            email: get("requester_email"),
            phone: get("requester_phone"),
        },
        household: get("household"),
        people,
        received_at: None,
    };
    Ok((channel, input))
}

pub(crate) async fn intake(
    State(state): State<AppState>,
    staff: Staff,
    Form(mut fields): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    staff.check_csrf(fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    require_intake(&staff)?;
    fields.remove("csrf");
    // "Add this request to C-…" after a check: the case is not part of what was asked.
    let attach = fields.remove("attach_case");
    // "Check" looks for the form's people among those known before anything is saved (the
    // request's own fields need not be filled in yet).
    if fields.remove("check").is_some() {
        let mut known: Vec<crate::search::PersonResult> = Vec::new();
        for person in &people_from_form(&fields) {
            for p in crate::search::already_known(
                state.store.as_ref(),
                &state.matcher,
                person,
                staff.scope(),
                &staff.actor(),
            )
            .await?
            {
                if !known.iter().any(|k| k.id == p.id) {
                    known.push(p);
                }
            }
        }
        return Ok(intake_again(&staff, fields, Some(known), None).into_response());
    }
    let (channel, input) = match input_from_form(&fields) {
        Ok(parsed) => parsed,
        Err(e) => return Ok(intake_again(&staff, fields, None, Some(e)).into_response()),
    };
    // The checks every door shares, each beside its field; a date it cannot read may be
    // saved as written once the clerk has looked again (it is kept and flagged).
    let mut problems = Vec::new();
    if input
        .requester
        .email
        .as_deref()
        .is_some_and(|e| corridor_intake::validate::email(e).is_some())
    {
        problems.push(FieldProblem::new("requester_email", Problem::Email));
    }
    for i in 0..PERSON_SLOTS {
        let f = |name: &str| {
            fields
                .get(&format!("p{i}_{name}"))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let person = PersonDetails {
            date_of_birth: f("date_of_birth"),
            ..PersonDetails::default()
        };
        problems.extend(crate::forms::person_problems_named(&person, |field| {
            format!("p{i}_{field}")
        }));
    }
    if fields.contains_key("keep_as_written") {
        problems.retain(|p| !p.problem.confirmable());
    }
    if !problems.is_empty() {
        fields.remove("keep_as_written");
        let mut page = intake_again(&staff, fields, None, None);
        page.problems = problems;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    fields.remove("keep_as_written");
    // The form as submitted, minus empty fields, is what is kept verbatim.
    fields.retain(|_, v| !v.trim().is_empty());
    let raw = serde_json::to_string_pretty(&fields).map_err(|e| PageError::Internal(e.into()))?;
    let inquiry = match input.into_new_inquiry(channel, raw, "application/json", None) {
        Ok(i) => i,
        // What is left to fail here: a required field left empty, or a length (the form's
        // maxlength keeps browsers within those).
        Err(_) => {
            let empty = |k: &str| fields.get(k).is_none_or(|v| v.trim().is_empty());
            let problems: Vec<FieldProblem> = ["subject", "requester_name"]
                .into_iter()
                .filter(|k| empty(k))
                .map(|k| FieldProblem::new(k, Problem::Required))
                .collect();
            let problems = if problems.is_empty() {
                vec![FieldProblem::new("body", Problem::TooLong)]
            } else {
                problems
            };
            let mut page = intake_again(&staff, fields, None, None);
            page.problems = problems;
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
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
        CaseChoice::Known(person, known) => vec![(person, known)],
        CaseChoice::Refused => {
            let again = intake_again(&staff, fields, None, Some(crate::t("desk-not-chosen")));
            return Ok(again.into_response());
        }
    };
    let actor = staff.actor();
    let recorded = state
        .intake(|matcher, store| async move {
            matcher
                .record_known(store.as_ref(), inquiry, &chosen, &actor)
                .await
        })
        .await?;
    Ok(Redirect::to(&format!("/inquiries?stored={}", recorded.reference)).into_response())
}
