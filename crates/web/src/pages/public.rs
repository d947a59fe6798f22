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
            title: "Please wait",
            message: "Too many requests came from your connection. Please wait ten minutes and try again.",
        },
    )
        .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "public_message.html")]
pub struct PublicMessage {
    pub title: &'static str,
    pub message: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "request.html")]
pub struct RequestPage {
    pub code: String,
    pub categories: Vec<Choice>,
    pub error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "request_done.html")]
pub struct RequestDone {
    pub reference: String,
    pub code: String,
    pub acknowledged: bool,
    pub again: bool,
}

fn request_page(code: String, error: Option<String>) -> RequestPage {
    RequestPage {
        code,
        categories: Choice::list(
            CaseCategory::ALL,
            Some(CaseCategory::Evacuation),
            |c| c.as_str().into(),
            |c| c.label().into(),
        ),
        error,
    }
}

pub(crate) async fn request_form() -> RequestPage {
    // The code is made now and sent back with the form, so that a form submitted twice on a
    // flaky link is one request with one code.
    request_page(new_status_code(), None)
}

pub(crate) async fn request(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    if !state
        .limiter
        .allow("request", ip, state.config.public_requests_per_window)
    {
        return Ok(too_many());
    }
    let shown_code = fields.get("code").cloned().unwrap_or_default();
    let request = match read_request(fields) {
        Ok(r) => r,
        Err(FormProblem::Expired) => {
            return Ok(request_page(
                new_status_code(),
                Some("The form expired; please fill it in again.".into()),
            )
            .into_response());
        }
        Err(FormProblem::Invalid(message)) => {
            return Ok(request_page(shown_code, Some(message)).into_response());
        }
    };
    let PublicRequest {
        inquiry,
        code,
        code_hash: hash,
        email,
    } = request;
    let mut submission = Submission::new(inquiry);
    submission.status_code_hash = Some(hash);
    submission.acknowledge_to = email.clone();
    let recorded = state
        .matcher
        .take_in(
            state.store.as_ref(),
            vec![submission],
            "public form",
            &Actor::system("public-form"),
        )
        .await?
        .remove(0);
    Ok(RequestDone {
        reference: recorded.reference.to_string(),
        code: format_code(&code),
        acknowledged: email.is_some(),
        again: recorded.already_present,
    }
    .into_response())
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
    /// Something the applicant can fix, in words they can act on.
    Invalid(String),
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
    let invalid = |m: &str| Err(FormProblem::Invalid(m.into()));
    let person = PersonDetails {
        given_name: get("given_name"),
        family_name: get("family_name"),
        father_name: get("father_name"),
        date_of_birth: get("date_of_birth"),
        sex: get("sex").and_then(|s| Sex::parse_lenient(&s)),
        phone: get("phone"),
        location: get("location"),
        needs: get("needs"),
        ..Default::default()
    };
    let for_self = get("who").as_deref() != Some("sponsor");
    let requester_name = get("your_name").or_else(|| for_self.then(|| person.display_name()));
    let email = get("your_email");
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
        people: if person.is_blank() {
            vec![]
        } else {
            vec![person]
        },
        received_at: None,
    };
    if input.people.is_empty() {
        return invalid("Please give at least the name of the person who needs help.");
    }
    if input.requester.name.trim().is_empty() {
        return invalid("Please give your name.");
    }
    // The requester is here to correct their own address, so it is asked again rather than
    // kept and flagged as an applicant's would be.
    if let Some(e) = &email
        && corridor_intake::validate::email(e).is_some()
    {
        return invalid("That email address does not look right.");
    }
    // What was submitted is kept verbatim, without the code (only its hash is stored).
    fields.remove("code");
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
        Err(e) => return Err(FormProblem::Invalid(e.to_string())),
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
    pub status: Option<&'static str>,
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
        status: found.map(|s| s.label()),
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
