//! Pages anyone may use without an account: the request form and the status lookup. They are
//! small plain HTML (a few kilobytes, no script) for phones on slow, metered links.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use corridor_domain::{CaseCategory, Channel, PersonDetails, ReferenceNumber, RequesterKind, Sex};
use corridor_store::{Actor, Submission};
use rand::Rng;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::api::InquiryInput;
use crate::forms::{FieldProblem, FormState, Problem, Row, person_problems};
use crate::views::Choice;
use crate::{AppState, PageError};

const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A secret code for the status lookup: 16 symbols (80 random bits), read aloud in groups.
pub(crate) fn new_status_code() -> String {
    let mut rng = rand::thread_rng();
    let body: String = (0..16)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..32)] as char)
        .collect();
    format!(
        "{}-{}-{}-{}",
        &body[..4],
        &body[4..8],
        &body[8..12],
        &body[12..]
    )
}

/// The code as typed (any case, with or without dashes, O for 0) in its one canonical form;
/// None when it cannot be a code at all.
pub(crate) fn normalize_code(s: &str) -> Option<String> {
    let body: String = s
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    (body.len() == 16 && body.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(body)
}

/// Only the hash is stored, so a copy of the database does not reveal anyone's code.
pub(crate) fn code_hash(normalized: &str) -> String {
    hex::encode(Sha256::digest(format!("corridor-status-code:{normalized}")))
}

/// The client's address, for rate limiting; unknown (in-process tests) counts as one client.
pub(crate) struct ClientIp(IpAddr);

impl axum::extract::FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            crate::auth::client_ip(parts, state)
                .and_then(|ip| ip.parse().ok())
                .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        ))
    }
}

fn too_many() -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        PublicMessage {
            title: crate::t("wait-title"),
            message: crate::t("wait-message"),
        },
    )
        .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "public_message.html")]
pub struct PublicMessage {
    pub title: String,
    pub message: String,
}

/// Rows the form shows at first: the person and three of their family, enough for most
/// families without script; "add more people" sends the form back with more.
pub(crate) const FIRST_ROWS: usize = 4;
/// Rows one form may carry; a larger group is a list for the staff's import.
pub(crate) const MAX_ROWS: usize = 20;
/// The relationships offered for family rows (stored as written here, in English, so that
/// staff and matching read them the same whatever the applicant's language).
pub(crate) const RELATIONSHIPS: [&str; 5] = ["spouse", "child", "parent", "sibling", "other"];

#[derive(Template, WebTemplate)]
#[template(path = "request.html")]
pub struct RequestPage {
    pub code: String,
    /// The files the form takes: megabytes each, and how many.
    pub max_mb: usize,
    pub max_files: usize,
    pub categories: Vec<Choice>,
    pub form: FormState,
    pub rows: Vec<Row>,
    /// The form came back: the values were kept, and this says why it came back.
    pub expired: bool,
}

impl RequestPage {
    /// Each relationship with its words in the reader's language.
    fn relationships(&self) -> Vec<(&'static str, String)> {
        RELATIONSHIPS
            .iter()
            .map(|&r| (r, crate::t(&format!("relationship-{r}"))))
            .collect()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "request_done.html")]
pub struct RequestDone {
    pub reference: String,
    pub code: String,
    pub acknowledged: bool,
    pub again: bool,
    pub people: usize,
}

fn request_page(
    code: String,
    form: FormState,
    rows: usize,
    limits: &corridor_documents::Limits,
) -> RequestPage {
    let category = form.values.get("category").and_then(|c| c.parse().ok());
    RequestPage {
        code,
        max_mb: limits.max_bytes / (1024 * 1024),
        max_files: limits.max_files,
        categories: Choice::list(
            CaseCategory::ALL,
            category.or(Some(CaseCategory::Evacuation)),
            |c| c.as_str().into(),
            |c| crate::t(&format!("category-{}", c.as_str())),
        ),
        form,
        rows: (0..rows).map(Row).collect(),
        expired: false,
    }
}

pub(crate) async fn request_form(State(state): State<AppState>) -> RequestPage {
    // The code is made now and sent back with the form, so that a form submitted twice on a
    // flaky link is one request with one code.
    request_page(
        new_status_code(),
        FormState::default(),
        FIRST_ROWS,
        &state.config.documents,
    )
}

/// How many person rows the sent form had (at least the rows that carry a value).
fn rows_sent(fields: &BTreeMap<String, String>) -> usize {
    let said = fields
        .get("rows")
        .and_then(|r| r.trim().parse::<usize>().ok())
        .unwrap_or(FIRST_ROWS);
    let used = (1..MAX_ROWS)
        .rev()
        .find(|&i| {
            fields
                .iter()
                .any(|(k, v)| k.ends_with(&format!("_{i}")) && !v.trim().is_empty())
        })
        .map_or(1, |i| i + 1);
    said.max(used).clamp(FIRST_ROWS, MAX_ROWS)
}

pub(crate) async fn request(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    form: crate::documents::FormWithFiles,
) -> Result<Response, PageError> {
    let crate::documents::FormWithFiles {
        fields,
        files,
        refused,
    } = form;
    let rows = rows_sent(&fields);
    // "Add more people" only shows the form again, longer, with everything kept.
    if fields.contains_key("more") {
        let code = fields.get("code").cloned().unwrap_or_else(new_status_code);
        let mut fields = fields;
        fields.remove("more");
        let rows = (rows + 2).min(MAX_ROWS);
        return Ok(request_page(
            code,
            FormState::new(fields, vec![]),
            rows,
            &state.config.documents,
        )
        .into_response());
    }
    if !state
        .limiter
        .allow("request", ip, state.config.public_requests_per_window)
    {
        return Ok(too_many());
    }
    let shown_code = fields.get("code").cloned().unwrap_or_default();
    // The files are checked (type, size, metadata removed, malware) before anything is
    // stored: a refused file sends the form back with everything typed kept, and says why.
    let checked = crate::documents::check_files(&state, files, refused).await;
    let file_problem = match &checked {
        Err(crate::documents::DocumentError::Store(_)) | Ok(_) => None,
        Err(e) => Some(FieldProblem::new(
            "files",
            crate::documents::file_problem(e),
        )),
    };
    let request = match read_request(fields.clone()) {
        Ok(r) => match file_problem {
            None => r,
            Some(p) => {
                let page = request_page(
                    shown_code,
                    FormState::new(fields, vec![p]),
                    rows,
                    &state.config.documents,
                );
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
        },
        Err(FormProblem::Expired) => {
            let mut page = request_page(
                new_status_code(),
                FormState::new(fields, vec![]),
                rows,
                &state.config.documents,
            );
            page.expired = true;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(FormProblem::Invalid(mut problems)) => {
            problems.extend(file_problem);
            let page = request_page(
                shown_code,
                FormState::new(fields, problems),
                rows,
                &state.config.documents,
            );
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let checked = match checked {
        Ok(c) => c,
        Err(crate::documents::DocumentError::Store(e)) => return Err(e.into()),
        Err(_) => Vec::new(),
    };
    let PublicRequest {
        inquiry,
        code,
        code_hash: hash,
        email,
    } = request;
    let people = inquiry.people.len();
    let mut submission = Submission::new(inquiry);
    submission.status_code_hash = Some(hash);
    submission.acknowledge_to = email.clone();
    // The acknowledgement is written in the language the form was read in.
    submission.acknowledge_language = Some(crate::i18n::lang().reply_language());
    let recorded = state
        .intake(|matcher, store| async move {
            let actor = Actor::system("public-form");
            matcher
                .take_in(store.as_ref(), vec![submission], "public form", &actor)
                .await
        })
        .await?
        .remove(0);
    // The files become documents of the request (sent twice, they are stored once).
    crate::documents::store_files(
        &state,
        corridor_store::documents::DocumentOwner::Inquiry(recorded.id),
        checked,
        &Actor::system("public-form"),
    )
    .await?;
    if !recorded.already_present {
        answer_in_their_language(&state, recorded.case_id).await?;
    }
    Ok(RequestDone {
        reference: recorded.reference.to_string(),
        code: format_code(&code),
        acknowledged: email.is_some(),
        again: recorded.already_present,
        people,
    }
    .into_response())
}

/// A request sent in Dari, Pashto or Urdu is answered in it: the language the form was read in
/// becomes the requester's reply language, when the case is the request's own (one requester).
pub(crate) async fn answer_in_their_language(
    state: &AppState,
    case: Option<corridor_domain::CaseId>,
) -> Result<(), PageError> {
    let language = crate::i18n::lang().reply_language();
    let Some(case) = case else { return Ok(()) };
    if language == corridor_domain::Language::English {
        return Ok(());
    }
    if let [(requester, _)] = state.store.requester_languages(case).await?.as_slice() {
        state
            .store
            .set_requester_language(*requester, language, &Actor::system("public-form"))
            .await?;
    }
    Ok(())
}

/// A public request read from the form, checked and ready to store.
pub struct PublicRequest {
    pub inquiry: corridor_domain::NewInquiry,
    /// The status code, normalized; only its hash is stored.
    pub code: String,
    pub code_hash: String,
    pub email: Option<String>,
}

/// Why a public form was sent back.
#[derive(Debug, PartialEq, Eq)]
pub enum FormProblem {
    /// The code the form was issued with is missing or malformed.
    Expired,
    /// Things the applicant can fix, each beside its field.
    Invalid(Vec<FieldProblem>),
}

/// The fields of a person's row that make it a person (the relationship alone, a select left
/// at its first choice, does not).
const PERSON_FIELDS: [&str; 8] = [
    "given_name",
    "family_name",
    "father_name",
    "date_of_birth",
    "sex",
    "national_id",
    "phone",
    "location",
];

/// One person's row of the public form; None when nothing was typed on it.
fn person_on_row(get: &impl Fn(&str) -> Option<String>, row: Row) -> Option<PersonDetails> {
    let f = |field: &str| get(&row.name(field));
    if PERSON_FIELDS.iter().all(|field| f(field).is_none()) {
        return None;
    }
    Some(PersonDetails {
        given_name: f("given_name"),
        family_name: f("family_name"),
        father_name: f("father_name"),
        date_of_birth: f("date_of_birth"),
        sex: f("sex").and_then(|s| Sex::parse_lenient(&s)),
        national_id: f("national_id"),
        phone: f("phone"),
        location: f("location"),
        relationship: if row.principal() {
            Some("principal".into())
        } else {
            f("relationship")
        },
        ..Default::default()
    })
}

/// Reads the public form's fields. Pure (no storage), so that the fuzzer and the handler
/// exercise the same code on whatever a browser, or an attacker, sends.
pub fn read_request(mut fields: BTreeMap<String, String>) -> Result<PublicRequest, FormProblem> {
    let get = |k: &str| {
        fields
            .get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let Some(code) = get("code").as_deref().and_then(normalize_code) else {
        return Err(FormProblem::Expired);
    };
    let mut problems = Vec::new();
    let mut people = Vec::new();
    for row in (0..MAX_ROWS).map(Row) {
        if let Some(sex) = get(&row.name("sex"))
            && Sex::parse_lenient(&sex).is_none()
        {
            problems.push(FieldProblem::new(row.name("sex"), Problem::Sex));
        }
        let Some(person) = person_on_row(&get, row) else {
            continue;
        };
        if person.given_name.is_none() && person.family_name.is_none() {
            let problem = if row.principal() {
                Problem::NameNeeded
            } else {
                Problem::RowWithoutName
            };
            problems.push(FieldProblem::new(row.name("given_name"), problem));
        }
        problems.extend(person_problems(&person, row));
        people.push(person);
    }
    // The first row is the person the request is about; family rows alone are not a request.
    if people.first().and_then(|p| p.relationship.as_deref()) != Some("principal") {
        problems.insert(0, FieldProblem::new("given_name", Problem::NameNeeded));
    }
    // The principal's needs are the request's own words.
    if let Some(first) = people.first_mut() {
        first.needs = get("needs");
    }
    let for_self = get("who").as_deref() != Some("sponsor");
    let requester_name = get("your_name").or_else(|| {
        for_self
            .then(|| people.first().map(|p| p.display_name()))
            .flatten()
    });
    if requester_name
        .as_deref()
        .is_none_or(|n| n.trim().is_empty())
    {
        problems.push(FieldProblem::new("your_name", Problem::YourName));
    }
    let email = get("your_email");
    // The requester is here to correct their own address, so it is asked again rather than
    // kept and flagged as an applicant's would be.
    if let Some(e) = &email
        && corridor_intake::validate::email(e).is_some()
    {
        problems.push(FieldProblem::new("your_email", Problem::Email));
    }
    // A date that cannot be read is asked about once; the applicant may keep it as written.
    if get("keep_as_written").is_some() {
        problems.retain(|p| !p.problem.confirmable());
    }
    if !problems.is_empty() {
        return Err(FormProblem::Invalid(problems));
    }
    let input = InquiryInput {
        category: get("category")
            .and_then(|c| c.parse().ok())
            .unwrap_or(CaseCategory::Other),
        subject: "Request through the public form".into(),
        body: get("needs"),
        requester: corridor_domain::NewRequester {
            kind: if for_self {
                RequesterKind::Applicant
            } else {
                RequesterKind::Sponsor
            },
            name: requester_name.unwrap_or_default(),
            organization: None,
            email: email.clone(),
            phone: get("your_phone"),
        },
        household: None,
        people,
        received_at: None,
    };
    // What was submitted is kept verbatim, without the code (only its hash is stored) and
    // without the form's own bookkeeping.
    for own in ["code", "rows", "keep_as_written"] {
        fields.remove(own);
    }
    fields.retain(|_, v| !v.trim().is_empty());
    // A map of strings always serializes.
    let raw = serde_json::to_string_pretty(&fields).unwrap_or_default();
    let hash = code_hash(&code);
    let inquiry = match input.into_new_inquiry(
        Channel::WebForm,
        raw,
        "application/json",
        Some(format!("public:{}", &hash[..32])),
    ) {
        Ok(i) => i,
        // Only lengths are left to fail here; the form's maxlength keeps browsers within them.
        Err(_) => {
            return Err(FormProblem::Invalid(vec![FieldProblem::new(
                "needs",
                Problem::TooLong,
            )]));
        }
    };
    Ok(PublicRequest {
        inquiry,
        code,
        code_hash: hash,
        email,
    })
}

fn format_code(c: &str) -> String {
    format!("{}-{}-{}-{}", &c[..4], &c[4..8], &c[8..12], &c[12..])
}

#[derive(Template, WebTemplate)]
#[template(path = "status.html")]
pub struct StatusPage {
    pub status: Option<String>,
    pub not_found: bool,
}

pub(crate) async fn status_form() -> StatusPage {
    StatusPage {
        status: None,
        not_found: false,
    }
}

#[derive(Deserialize)]
pub(crate) struct StatusQuery {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    code: String,
}

pub(crate) async fn status(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Form(q): Form<StatusQuery>,
) -> Result<Response, PageError> {
    if !state
        .limiter
        .allow("status", ip, state.config.status_lookups_per_window)
    {
        return Ok(too_many());
    }
    let reference = q.reference.parse::<ReferenceNumber>().ok();
    let code = normalize_code(&q.code);
    // Every failure — malformed reference, wrong code, unknown reference — gives the same page,
    // so the lookup cannot be used to learn which references exist.
    let found = match (reference, code) {
        (Some(r), Some(c)) => state.store.public_status(&r, &code_hash(&c)).await?,
        _ => None,
    };
    Ok(StatusPage {
        status: found.map(|s| crate::t(&format!("public-status-{}", s.label().replace(' ', "_")))),
        not_found: found.is_none(),
    }
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_the_way_people_type_them() {
        let code = new_status_code();
        let n = normalize_code(&code).unwrap();
        assert_eq!(
            normalize_code(&code.to_lowercase().replace('-', " ")),
            Some(n.clone())
        );
        assert_eq!(format_code(&n), code);
        assert_eq!(normalize_code("ABCD"), None);
        assert_ne!(code_hash(&n), n);
    }
}
