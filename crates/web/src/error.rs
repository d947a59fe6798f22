//! One error type per HTTP surface: pages answer with a readable page (or send the visitor to
//! sign in), the API with JSON. Internal errors are logged and shown as a generic failure, so
//! that no database detail, and no personal data inside it, reaches a response.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use corridor_store::StoreError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("sign in first")]
    SignIn,
    #[error("give your second factor first")]
    SecondFactor,
    #[error("too many attempts")]
    TooManyRequests(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { entity, id } => PageError::NotFound(crate::t1(
                "not-found-thing",
                "what",
                format!("{entity} {id}"),
            )),
            StoreError::Conflict(m) => PageError::Conflict(m),
            StoreError::Rule(corridor_store::Refusal::ClosedWithoutOutcome) => {
                PageError::BadRequest(crate::t("refused-outcome-required"))
            }
            StoreError::Rule(corridor_store::Refusal::Transition(t))
            | StoreError::Transition(t) => PageError::BadRequest(transition_in_words(&t)),
            StoreError::Rule(r) => PageError::BadRequest(refusal_in_words(&r)),
            StoreError::Backend(e) => PageError::Internal(anyhow::anyhow!(e)),
            StoreError::Crypto(e) => PageError::Internal(anyhow::anyhow!(e)),
        }
    }
}

/// A rule the store refused by, in the reader's language: the refusals people meet on the
/// case, triage, split and referral forms; the rarer ones (merge cycles, malformed imports)
/// keep the store's English.
fn refusal_in_words(r: &corridor_store::Refusal) -> String {
    use corridor_store::Refusal::*;
    match r {
        CaseWithoutOwner => crate::t("refuse-owner-needed"),
        ClosedWithoutOutcome => crate::t("refused-outcome-required"),
        PartnerCannotOwn { username } => crate::t1("rule-partner-cannot-own", "name", username),
        UserInactive { username } => crate::t1("rule-user-inactive", "name", username),
        PriorityWithoutReason => crate::t("rule-priority-reason"),
        TeamWithoutLead { team } => crate::t1("rule-team-without-lead", "team", team),
        NothingToTriage => crate::t("refuse-tick-inquiries"),
        CaseClosed { case } => crate::t1("rule-case-closed", "n", case),
        NobodyToMove => crate::t("rule-nobody-to-move"),
        MoveWithinCase { case } => crate::t1("rule-move-within-case", "n", case),
        MoveWithoutReason => crate::t("refuse-split-reason"),
        NoCaseChosen => crate::t("refuse-choose-case"),
        NoSuchCase { case } => crate::t1("not-found-case", "n", case),
        InBulk { case, refused } => {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("n", case.to_string());
            args.set("why", refusal_in_words(refused));
            crate::i18n::lang().message("rule-in-bulk", Some(&args))
        }
        Transition(t) => transition_in_words(t),
        ReferralWithoutReason => crate::t("rule-referral-reason"),
        NoFieldShared => crate::t("rule-no-field-shared"),
        NoPersonChosen => crate::t("rule-no-person-chosen"),
        EvidenceWithoutContent => crate::t("rule-evidence-content"),
        DocumentNotOnCase { document, case } => {
            crate::t2("rule-document-not-on-case", "doc", document, "n", case)
        }
        DocumentHeld { document } => crate::t1("rule-document-held", "doc", document),
        EvidenceDocumentElsewhere { document, .. } => {
            crate::t1("rule-evidence-document", "doc", document)
        }
        other => other.to_string(),
    }
}

/// A status change the workflow refused, in the reader's words: the statuses by their labels,
/// never the list of outcome codes the API gives.
fn transition_in_words(t: &corridor_domain::TransitionError) -> String {
    use corridor_domain::TransitionError::*;
    match t {
        NotAllowed { from, to } => {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("from", crate::terms::term(*from));
            args.set("to", crate::terms::term(*to));
            crate::i18n::lang().message("refused-not-allowed", Some(&args))
        }
        ReasonRequired { to } => {
            crate::t1("refused-reason-required", "to", crate::terms::term(*to))
        }
        OutcomeRequired { .. } => crate::t("refused-outcome-required"),
        OutcomeOnlyWhenClosing { .. } => crate::t("refused-outcome-only-closing"),
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, title) = match &self {
            PageError::SignIn => return Redirect::to("/login").into_response(),
            PageError::SecondFactor => return Redirect::to("/login/code").into_response(),
            PageError::TooManyRequests(_) => {
                (StatusCode::TOO_MANY_REQUESTS, crate::t("error-too-many"))
            }
            PageError::Forbidden(_) => (StatusCode::FORBIDDEN, crate::t("error-not-allowed")),
            PageError::NotFound(_) => (StatusCode::NOT_FOUND, crate::t("error-not-found")),
            PageError::BadRequest(_) => {
                (StatusCode::UNPROCESSABLE_ENTITY, crate::t("error-cannot"))
            }
            PageError::Conflict(_) => (StatusCode::CONFLICT, crate::t("error-conflict")),
            PageError::Internal(e) => {
                tracing::error!(error = ?e, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    crate::t("error-internal"),
                )
            }
        };
        let message = match &self {
            PageError::Internal(_) => crate::t("error-internal-message"),
            PageError::TooManyRequests(m) => m.clone(),
            other => other.to_string(),
        };
        let body = crate::views::ErrorPage {
            title: &title,
            message: &message,
            request_id: crate::observe::current_request_id(),
        };
        (
            status,
            Html(askama::Template::render(&body).unwrap_or_default()),
        )
            .into_response()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request could not be read: malformed JSON, a path or query value of the wrong type.
    #[error("{0}")]
    BadRequest(String),
    #[error("a valid bearer token is required")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the body is larger than this server accepts")]
    TooLarge,
    #[error("the body must be JSON, sent with Content-Type: application/json")]
    UnsupportedMediaType,
    /// A document over the size or count limit, with the limit in words.
    #[error("{0}")]
    FileTooLarge(String),
    /// A document of a type that is not accepted, saying what it was.
    #[error("{0}")]
    FileType(String),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

/// Every API response that is not a success has this body, whatever failed.
#[derive(Debug, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"error": "not_found", "message": "case 42 does not exist"}))]
pub struct ErrorBody {
    /// A stable code, for programs.
    #[schema(value_type = String, example = "invalid")]
    pub error: std::borrow::Cow<'static, str>,
    /// What went wrong, in words, for people.
    pub message: String,
}

impl ErrorBody {
    /// The stable codes, with the status each is sent with.
    pub const CODES: &'static [(u16, &'static str)] = &[
        (400, "bad_request"),
        (401, "unauthorized"),
        (403, "forbidden"),
        (404, "not_found"),
        (405, "method_not_allowed"),
        (408, "timeout"),
        (409, "conflict"),
        (413, "too_large"),
        (415, "unsupported_media_type"),
        (422, "invalid"),
        (429, "too_many_requests"),
        (500, "internal"),
        (503, "unavailable"),
    ];

    /// The code for a status; `error` for a status no route sends on purpose.
    pub fn code_for(status: StatusCode) -> &'static str {
        Self::CODES
            .iter()
            .find(|(s, _)| *s == status.as_u16())
            .map(|(_, c)| *c)
            .unwrap_or("error")
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { entity, id } => {
                ApiError::NotFound(format!("{entity} {id} does not exist"))
            }
            StoreError::Conflict(m) => ApiError::Conflict(m),
            StoreError::Rule(r) => ApiError::Invalid(r.to_string()),
            StoreError::Transition(t) => ApiError::Invalid(t.to_string()),
            StoreError::Backend(e) => ApiError::Internal(anyhow::anyhow!(e)),
            StoreError::Crypto(e) => ApiError::Internal(anyhow::anyhow!(e)),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType | ApiError::FileType(_) => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            ApiError::FileTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Internal(e) => {
                tracing::error!(error = ?e, "API request failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let message = match &self {
            ApiError::Internal(_) => {
                "the request could not be completed; nothing was stored".to_string()
            }
            other => other.to_string(),
        };
        let mut response = (
            status,
            Json(ErrorBody {
                error: ErrorBody::code_for(status).into(),
                message,
            }),
        )
            .into_response();
        if matches!(self, ApiError::Unauthorized) {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// The safety net under the API's own errors: whatever answers an `/api/` request with an
/// error that is not JSON (the router's 404 and 405, the body limit, a timeout) is rewritten to
/// the documented error body, keeping its status and headers. The plain-text body is dropped:
/// it is written for people reading logs, and may echo what was sent.
pub(crate) async fn api_errors_as_json(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    if !is_api || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    if crate::api::extract::is_json(response.headers()) {
        return response;
    }
    let message = match status {
        StatusCode::NOT_FOUND => "there is no such API operation; see /api/openapi.json",
        StatusCode::METHOD_NOT_ALLOWED => {
            "this operation does not take that method; see the Allow header"
        }
        StatusCode::PAYLOAD_TOO_LARGE => "the body is larger than this server accepts",
        StatusCode::REQUEST_TIMEOUT => "the request took too long and was stopped",
        StatusCode::SERVICE_UNAVAILABLE => "the service cannot answer now; try again shortly",
        s if s.is_server_error() => "the request could not be completed",
        _ => "the request was refused",
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    parts.headers.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    let body = ErrorBody {
        error: ErrorBody::code_for(status).into(),
        message: message.to_string(),
    };
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    Response::from_parts(parts, axum::body::Body::from(bytes))
}
