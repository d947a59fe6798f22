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
            StoreError::NotFound { entity, id } => {
                PageError::NotFound(format!("There is no {entity} {id}."))
            }
            StoreError::Conflict(m) => PageError::Conflict(m),
            StoreError::Rule(r) => PageError::BadRequest(r.to_string()),
            StoreError::Transition(t) => PageError::BadRequest(t.to_string()),
            StoreError::Backend(e) => PageError::Internal(anyhow::anyhow!(e)),
            StoreError::Crypto(e) => PageError::Internal(anyhow::anyhow!(e)),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, title) = match &self {
            PageError::SignIn => return Redirect::to("/login").into_response(),
            PageError::SecondFactor => return Redirect::to("/login/code").into_response(),
            PageError::TooManyRequests(_) => (StatusCode::TOO_MANY_REQUESTS, "Too many attempts"),
            PageError::Forbidden(_) => (StatusCode::FORBIDDEN, "Not allowed"),
            PageError::NotFound(_) => (StatusCode::NOT_FOUND, "Not found"),
            PageError::BadRequest(_) => (StatusCode::UNPROCESSABLE_ENTITY, "Cannot do that"),
            PageError::Conflict(_) => (StatusCode::CONFLICT, "Conflict"),
            PageError::Internal(e) => {
                tracing::error!(error = ?e, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong")
            }
        };
        let message = match &self {
            PageError::Internal(_) => {
                "The request could not be completed. Nothing was half-saved; please try again."
                    .to_string()
            }
            PageError::TooManyRequests(m) => m.clone(),
            other => other.to_string(),
        };
        let body = crate::views::ErrorPage {
            title,
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
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable code: unauthorized, forbidden, not_found, invalid, conflict, internal.
    pub error: &'static str,
    pub message: String,
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
        let (status, code) = match &self {
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            ApiError::Internal(e) => {
                tracing::error!(error = ?e, "API request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
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
                error: code,
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
