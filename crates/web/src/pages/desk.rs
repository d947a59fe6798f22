//! The walk-in desk: one keyboard-fast form for people who come in person (Tab through the
//! fields; Enter saves nothing), a confirmation of what will be stored, and a printable
//! receipt in the person's language with the reference, the status address and its QR code.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use corridor_domain::{CaseCategory, Channel, NewRequester, PersonDetails, RequesterKind, Sex};
use corridor_store::Submission;

use super::public::{code_hash, new_status_code, normalize_code};
use crate::api::InquiryInput;
use crate::auth::Staff;
use crate::forms::{FieldProblem, FormState, Problem, Row, person_problems};
use crate::i18n::Lang;
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
    /// What was typed, kept when the form comes back, and what needs another look.
    pub form: FormState,
    /// After "check": the known people this person may be (None: not checked).
    pub known: Option<Vec<crate::search::PersonResult>>,
    pub languages: Vec<Choice>,
}

/// The step between the form and the receipt: what will be stored, read back to the person,
/// with every value carried in hidden fields.
#[derive(Template, WebTemplate)]
#[template(path = "desk_confirm.html")]
pub struct DeskConfirm {
    pub nav: Nav,
    pub form: FormState,
    /// (label, value) as they will be stored.
    pub facts: Vec<(String, String)>,
    pub family: Vec<String>,
    /// The files the save takes (the person's papers, scanned or photographed at the desk).
    pub max_mb: usize,
    pub max_files: usize,
}

#[derive(Template)]
#[template(path = "receipt.html")]
pub struct Receipt {
    pub reference: String,
    pub code: String,
    pub when: String,
    /// The full address of the status page, printed and as a QR code.
    pub status_url: String,
    pub qr_svg: String,
}

fn language_choices(selected: Option<Lang>) -> Vec<Choice> {
    // Replies and the receipt exist in every language of the interface.
    Lang::ALL
        .iter()
        .map(|&l| Choice {
            value: l.code().into(),
            label: l.endonym().into(),
            selected: Some(l) == selected,
        })
        .collect()
}

fn page(staff: &Staff, error: Option<String>) -> DeskPage {
    DeskPage {
        nav: Nav::new(staff, "desk"),
        code: new_status_code(),
        categories: Choice::list(
            CaseCategory::ALL,
            Some(CaseCategory::Evacuation),
            |c| c.as_str().into(),
            |c| crate::t(&format!("category-{}", c.as_str())),
        ),
        error,
        form: FormState::default(),
        known: None,
        languages: language_choices(Some(crate::i18n::lang())),
    }
}

/// The form again as typed (the same status code, so the receipt matches), with what the
/// check found and what needs another look.
fn checked(
    staff: &Staff,
    fields: BTreeMap<String, String>,
    known: Option<Vec<crate::search::PersonResult>>,
    problems: Vec<FieldProblem>,
) -> DeskPage {
    let mut p = page(staff, None);
    if let Some(code) = fields.get("code").filter(|c| !c.trim().is_empty()) {
        p.code = code.clone();
    }
    let category = fields.get("category").and_then(|c| c.parse().ok());
    p.categories = Choice::list(
        CaseCategory::ALL,
        category.or(Some(CaseCategory::Evacuation)),
        |c| c.as_str().into(),
        |c| crate::t(&format!("category-{}", c.as_str())),
    );
    if let Some(l) = fields.get("language").and_then(|l| Lang::from_code(l)) {
        p.languages = language_choices(Some(l));
    }
    p.form = FormState::new(fields, problems);
    p.known = known;
    p
}

fn require_intake(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_take_intake() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-intake")))
    }
}

pub(crate) async fn form(staff: Staff) -> Result<DeskPage, PageError> {
    require_intake(&staff)?;
    Ok(page(&staff, None))
}

/// "Fatima, wife, 1992" → a family member; the order is name, relationship, birth.
fn family_member(line: &str) -> PersonDetails {
    let mut parts = line.split([',', ';', '،', '؛']).map(str::trim);
    PersonDetails {
        full_name: parts.next().map(str::to_string),
        relationship: parts.next().map(str::to_string),
        date_of_birth: parts.next().map(str::to_string),
        ..Default::default()
    }
    .tidy()
}

/// The form's fields read as the people they describe, and what the clerk must fix (the
/// same validation every door uses) or may confirm (a date it cannot read).
fn read_desk(
    get: &impl Fn(&str) -> Option<String>,
) -> (PersonDetails, Vec<PersonDetails>, Vec<FieldProblem>) {
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
    let mut problems = person_problems(&principal, Row(0));
    if get("sex").is_some() && principal.sex.is_none() {
        problems.push(FieldProblem::new("sex", Problem::Sex));
    }
    let family: Vec<PersonDetails> = get("family")
        .unwrap_or_default()
        .lines()
        .map(family_member)
        .filter(|p| !p.is_blank())
        .collect();
    // The family is one box: each kind of problem in it is named once, beside it.
    for member in &family {
        for found in person_problems(member, Row(0)) {
            problems.push(FieldProblem::new("family", found.problem));
        }
    }
    let blank = PersonDetails {
        relationship: None,
        ..principal.clone()
    }
    .is_blank();
    if blank {
        problems.insert(0, FieldProblem::new("given_name", Problem::NameNeeded));
    }
    (principal, family, problems)
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    staff: Staff,
    headers: axum::http::HeaderMap,
    form: crate::documents::FormWithFiles,
) -> Result<Response, PageError> {
    let crate::documents::FormWithFiles {
        mut fields,
        files,
        refused,
    } = form;
    staff.check_csrf(fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    require_intake(&staff)?;
    fields.remove("csrf");
    let sent = fields.clone();
    let get = |k: &str| {
        sent.get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let Some(code) = get("code").as_deref().and_then(normalize_code) else {
        let mut p = checked(&staff, fields, None, vec![]);
        p.code = new_status_code();
        p.error = Some(crate::t("form-expired"));
        return Ok(p.into_response());
    };
    let (principal, family, problems) = read_desk(&get);
    let step = ["check", "change", "save"]
        .into_iter()
        .find(|s| fields.contains_key(*s))
        .unwrap_or("review");
    for s in ["check", "change", "save", "review"] {
        fields.remove(s);
    }
    // What must be fixed sends the form back; a date it cannot read is shown on the
    // confirmation, where saving it as written is the clerk's decision.
    let must_fix: Vec<FieldProblem> = problems
        .iter()
        .filter(|p| !p.problem.confirmable())
        .cloned()
        .collect();
    if step == "change" || (!must_fix.is_empty() && step != "check") {
        return Ok(checked(&staff, fields, None, must_fix).into_response());
    }
    // "Check" looks for the person among those known before anything is saved, so the clerk
    // can tell the family which case they are on instead of opening a second one.
    if step == "check" {
        let known = crate::search::already_known(
            state.store.as_ref(),
            &state.matcher,
            &principal,
            staff.scope(),
            &staff.actor(),
        )
        .await?;
        return Ok(checked(&staff, fields, Some(known), problems).into_response());
    }
    let limits = &state.config.documents;
    if step == "review" {
        return Ok(confirm(&staff, fields, &principal, &family, problems, limits).into_response());
    }
    // The papers chosen on the confirmation are checked before anything is saved: a refused
    // file shows the confirmation again, saying why, with everything typed kept.
    let papers = match crate::documents::check_files(&state, files, refused).await {
        Ok(p) => p,
        Err(crate::documents::DocumentError::Store(e)) => return Err(e.into()),
        Err(e) => {
            let mut problems = problems;
            problems.push(FieldProblem::new(
                "files",
                crate::documents::file_problem(&e),
            ));
            let page = confirm(&staff, fields, &principal, &family, problems, limits);
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    // "Add this request to C-…" after a check, carried through the confirmation: the case
    // is not part of what was asked.
    let attach = fields.remove("attach_case");
    let language = get("language")
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or(Lang::En);
    let mut people = vec![principal.clone()];
    people.extend(family);
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
        Err(_) => {
            let problems = vec![FieldProblem::new("needs", Problem::TooLong)];
            return Ok(checked(&staff, fields, None, problems).into_response());
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
        CaseChoice::Known(person, known) => vec![(0, person, known)],
        CaseChoice::Refused => {
            let mut p = checked(&staff, fields, None, vec![]);
            p.error = Some(crate::t("desk-not-chosen"));
            return Ok(p.into_response());
        }
    };
    let received = inquiry.received_at;
    let mut submission = Submission::new(inquiry);
    submission.status_code_hash = Some(hash);
    submission.acknowledge_to = principal.email.clone();
    submission.acknowledge_language = Some(language.reply_language());
    let actor = staff.actor();
    let recorded = state
        .intake(|matcher, store| async move {
            matcher
                .take_in_known(
                    store.as_ref(),
                    vec![submission],
                    &chosen,
                    "walk-in desk",
                    &actor,
                )
                .await
        })
        .await?
        .remove(0);
    crate::documents::store_files(
        &state,
        corridor_store::documents::DocumentOwner::Inquiry(recorded.id),
        papers,
        &staff.actor(),
    )
    .await?;
    if !recorded.already_present {
        crate::i18n::with_lang_async(language, async {
            super::public::answer_in_their_language(&state, recorded.case_id).await
        })
        .await?;
    }
    let status_url = format!("{}/status", public_base(&state, &headers));
    let receipt = Receipt {
        reference: recorded.reference.to_string(),
        code: fields_code(&code),
        when: String::new(),
        qr_svg: super::second_factor::qr_svg(&status_url),
        status_url,
    };
    // The receipt is for the person, in their language, whatever the clerk reads.
    let html = crate::i18n::with_lang(language, || {
        askama::Template::render(&Receipt {
            when: crate::i18n::when(received),
            ..receipt
        })
    })
    .map_err(|e| PageError::Internal(e.into()))?;
    Ok(axum::response::Html(html).into_response())
}

/// Where the public reaches Corridor: the configured public address, else the address this
/// request came to (fine on a desk inside the office network).
pub(crate) fn public_base(state: &AppState, headers: &axum::http::HeaderMap) -> String {
    if let Some(base) = &state.config.public_url {
        return base.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

fn confirm(
    staff: &Staff,
    fields: BTreeMap<String, String>,
    principal: &PersonDetails,
    family: &[PersonDetails],
    problems: Vec<FieldProblem>,
    limits: &corridor_documents::Limits,
) -> DeskConfirm {
    let label_of = |field: &str| match field {
        "given_name" => crate::t("field-given-name"),
        "family_name" => crate::t("field-family-name"),
        "father_name" => crate::t("field-father-name"),
        "date_of_birth" => crate::t("desk-born"),
        "sex" => crate::t("field-sex"),
        "national_id" => crate::t("field-tazkira"),
        "passport" => crate::t("field-passport"),
        "phone" => crate::t("field-phone"),
        "email" => crate::t("desk-email"),
        "category" => crate::t("desk-need"),
        "language" => crate::t("desk-requester-language"),
        _ => crate::t("desk-notes"),
    };
    let mut facts = Vec::new();
    for field in [
        "given_name",
        "family_name",
        "father_name",
        "date_of_birth",
        "national_id",
        "passport",
        "phone",
        "email",
    ] {
        if let Some(v) = fields.get(field).filter(|v| !v.trim().is_empty()) {
            facts.push((label_of(field), v.trim().to_string()));
        }
    }
    if let Some(sex) = principal.sex {
        facts.push((label_of("sex"), crate::t(&format!("sex-{}", sex.as_str()))));
    }
    if let Some(c) = fields
        .get("category")
        .and_then(|c| c.parse::<CaseCategory>().ok())
    {
        facts.push((
            label_of("category"),
            crate::t(&format!("category-{}", c.as_str())),
        ));
    }
    if let Some(l) = fields.get("language").and_then(|l| Lang::from_code(l)) {
        facts.push((label_of("language"), l.endonym().to_string()));
    }
    if let Some(n) = &principal.needs {
        facts.push((label_of("needs"), n.clone()));
    }
    let family = family
        .iter()
        .map(|p| {
            [
                p.full_name.as_deref(),
                p.relationship.as_deref(),
                p.date_of_birth.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
        })
        .collect();
    DeskConfirm {
        nav: Nav::new(staff, "desk"),
        form: FormState::new(fields, problems),
        facts,
        family,
        max_mb: limits.max_bytes / (1024 * 1024),
        max_files: limits.max_files,
    }
}

fn fields_code(c: &str) -> String {
    format!("{}-{}-{}-{}", &c[..4], &c[4..8], &c[8..12], &c[12..])
}
