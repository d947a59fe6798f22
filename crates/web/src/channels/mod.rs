//! The text-message gateways' doors into Corridor: Kannel's smsbox calls `/channels/sms/kannel`
//! for every SMS and `/channels/sms/kannel/dlr` for every delivery report (see `kannel`).
//! WhatsApp's Cloud API calls `/channels/whatsapp` (see `whatsapp`). Each channel is off (404)
//! unless configured. Numbers and texts are personal data: nothing
//! here logs them.

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use corridor_domain::{CaseCategory, RequesterKind, TextIntent};
use corridor_store::StoreError;
use corridor_store::messages::{IncomingIntent, NewStatusCode, RateLimit};

use crate::AppState;

mod kannel;
mod whatsapp;

pub use whatsapp::signature_matches;

/// How incoming SMS from Kannel are taken in.
#[derive(Debug, Clone)]
pub struct SmsInbound {
    /// The secret Kannel's `get-url` and `dlr-url` carry (`secret=`); a request without it is
    /// refused with 403.
    pub kannel_secret: String,
    /// The category and requester kind of the requests texts open.
    pub category: CaseCategory,
    pub requester_kind: RequesterKind,
    /// Messages one number may send before the rest are only kept.
    pub limit: RateLimit,
    /// Acknowledge each new request with its reference number by SMS.
    pub acknowledge: bool,
}

/// How WhatsApp Business Cloud API notifications are taken in.
#[derive(Debug, Clone)]
pub struct WhatsAppInbound {
    /// The token set in Meta's dashboard for the webhook's verification handshake.
    pub verify_token: String,
    /// The app secret every notification is signed with (`X-Hub-Signature-256`).
    pub app_secret: String,
    pub category: CaseCategory,
    pub requester_kind: RequesterKind,
    pub limit: RateLimit,
    pub acknowledge: bool,
    /// Where photos and documents people send are fetched from, to be kept as documents of
    /// the request they open (None: only WhatsApp's media id is kept).
    pub media: Option<GraphMedia>,
}

/// The Graph API as the media download reaches it.
#[derive(Debug, Clone)]
pub struct GraphMedia {
    /// e.g. `https://graph.facebook.com/v21.0`.
    pub graph_url: String,
    pub access_token: String,
}

/// The one error type of the gateways' doors: plain text, since a gateway reads the status.
#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    #[error("this channel is not configured")]
    Off,
    #[error("wrong secret")]
    Forbidden,
    #[error("{0}")]
    BadRequest(&'static str),
    #[error("internal error")]
    Store(#[from] StoreError),
}

impl IntoResponse for ChannelError {
    fn into_response(self) -> Response {
        let status = match &self {
            ChannelError::Off => StatusCode::NOT_FOUND,
            ChannelError::Forbidden => StatusCode::FORBIDDEN,
            ChannelError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ChannelError::Store(e) => {
                // The store's error names no number or text; the gateway retries.
                tracing::error!(error = %e, "text message not stored");
                StatusCode::SERVICE_UNAVAILABLE
            }
        };
        (status, format!("{self}\n")).into_response()
    }
}

/// Compares without stopping at the first difference, so timing reveals nothing of the secret.
fn secret_matches(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    !expected.is_empty()
        && a.len() == b.len()
        && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// What a text asks for, with a status query's code hashed as the status page hashes it; a code
/// that cannot be one makes the text an ordinary request.
fn intent_of(text: &str) -> IncomingIntent {
    match TextIntent::of(text) {
        TextIntent::OptOut => IncomingIntent::OptOut,
        TextIntent::OptIn => IncomingIntent::OptIn,
        TextIntent::Status { reference, code } => {
            match crate::pages::public::normalize_code(&code) {
                Some(code) => IncomingIntent::Status {
                    reference,
                    code_hash: crate::pages::public::code_hash(&code),
                },
                None => IncomingIntent::Request,
            }
        }
        TextIntent::Request => IncomingIntent::Request,
    }
}

/// A new request's secret status code, made and hashed as the public form makes them: it goes
/// out with the acknowledgement, and only its hash is kept.
fn new_status_code() -> Option<NewStatusCode> {
    let shown = crate::pages::public::new_status_code();
    let normalized = crate::pages::public::normalize_code(&shown)?;
    Some(NewStatusCode {
        hash: crate::pages::public::code_hash(&normalized),
        shown,
    })
}

pub(crate) fn router() -> Router<AppState> {
    kannel::router().merge(whatsapp::router())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(secret_matches("s3cret", "s3cret"));
        assert!(!secret_matches("s3cre", "s3cret"));
        assert!(!secret_matches("", ""));
    }
}
