//! The WhatsApp Business Cloud API's webhook: the verification handshake (`GET` with
//! `hub.mode=subscribe`, `hub.verify_token` and `hub.challenge`), and the notifications
//! (`POST`), each signed with the app secret (`X-Hub-Signature-256: sha256=<HMAC-SHA256 of the
//! raw body>`). Text, image and document messages become messages like SMS; statuses move
//! outgoing messages (sent, delivered, read, failed). Meta's documented payloads are what the
//! tests send: these machines cannot reach WhatsApp itself.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::routing::get;
use chrono::{DateTime, Utc};
use corridor_domain::{InquiryId, MessageChannel, MessageState};
use corridor_store::Actor;
use corridor_store::documents::{DocumentKind, DocumentOwner};
use corridor_store::messages::{IncomingText, MessageRef, TextOutcome};
use hmac::{KeyInit as _, Mac};
use serde::Deserialize;

use super::{ChannelError, intent_of, new_status_code, secret_matches};
use crate::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/channels/whatsapp", get(verify).post(notify))
}

#[derive(Deserialize)]
struct Handshake {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

/// Meta checks the webhook by asking it to repeat a challenge, given the token set in the
/// app's dashboard.
async fn verify(
    State(state): State<AppState>,
    Query(h): Query<Handshake>,
) -> Result<String, ChannelError> {
    let cfg = state.config.whatsapp.as_ref().ok_or(ChannelError::Off)?;
    if h.mode.as_deref() != Some("subscribe")
        || !secret_matches(h.verify_token.as_deref().unwrap_or(""), &cfg.verify_token)
    {
        return Err(ChannelError::Forbidden);
    }
    h.challenge
        .filter(|c| c.len() <= 200)
        .ok_or(ChannelError::BadRequest("hub.challenge is missing"))
}

/// Whether `header` (`sha256=<hex>`) is the HMAC-SHA256 of `body` under `secret`, compared in
/// constant time.
pub fn signature_matches(secret: &str, body: &[u8], header: Option<&str>) -> bool {
    let Some(hex_sig) = header.and_then(|h| h.strip_prefix("sha256=")) else {
        return false;
    };
    let Ok(given) = hex::decode(hex_sig.trim()) else {
        return false;
    };
    let mut mac =
        hmac::Hmac::<sha2_11::Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body);
    !secret.is_empty() && mac.verify_slice(&given).is_ok()
}

#[derive(Deserialize)]
struct Notification {
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    #[serde(default)]
    value: Value,
}

#[derive(Deserialize, Default)]
struct Value {
    #[serde(default)]
    messages: Vec<serde_json::Value>,
    #[serde(default)]
    statuses: Vec<Status>,
}

#[derive(Deserialize)]
struct Status {
    id: String,
    status: String,
}

#[derive(Deserialize)]
struct Message {
    from: String,
    id: String,
    timestamp: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    text: Option<TextBody>,
    image: Option<Media>,
    document: Option<Media>,
}

#[derive(Deserialize)]
struct TextBody {
    body: String,
}

#[derive(Deserialize)]
struct Media {
    id: String,
    caption: Option<String>,
    filename: Option<String>,
    mime_type: Option<String>,
}

/// What a message says, as kept: the text, or for a photo or document what it is, its caption
/// and WhatsApp's media id (the file itself stays with WhatsApp until fetched; see
/// docs/messages.md).
fn text_of(m: &Message) -> Option<String> {
    let media = |what: &str, media: &Media| {
        let mut s = format!("[{what}");
        if let Some(name) = &media.filename {
            s.push_str(&format!(" {name}"));
        }
        if let Some(mime) = &media.mime_type {
            s.push_str(&format!(" ({mime})"));
        }
        s.push_str(&format!(", WhatsApp media {}]", media.id));
        if let Some(caption) = &media.caption {
            s.push_str(&format!("\n{caption}"));
        }
        s
    };
    match m.kind.as_str() {
        "text" => m.text.as_ref().map(|t| t.body.clone()),
        "image" => m.image.as_ref().map(|i| media("photo", i)),
        "document" => m.document.as_ref().map(|d| media("document", d)),
        _ => None,
    }
}

/// The media id of a photo or document, and the kind of document it becomes.
fn media_of(m: &Message) -> Option<(String, DocumentKind)> {
    match m.kind.as_str() {
        "image" => m
            .image
            .as_ref()
            .map(|i| (i.id.clone(), DocumentKind::Photo)),
        "document" => m
            .document
            .as_ref()
            .map(|d| (d.id.clone(), DocumentKind::Other)),
        _ => None,
    }
}

/// Downloads one media file and takes it through the documents pipeline (type check, metadata
/// stripped, malware scan) onto the request. A failure is logged by ids only: the message
/// keeps WhatsApp's media id for staff to fetch by hand.
async fn keep_media(
    state: &AppState,
    source: &super::GraphMedia,
    inquiry: InquiryId,
    message_id: i64,
    media_id: &str,
    kind: DocumentKind,
) {
    let http = corridor_intake::kannel::client();
    let max = state.config.documents.max_bytes;
    let kept = match corridor_intake::whatsapp::download_media(
        &http,
        &source.graph_url,
        &source.access_token,
        media_id,
        max,
    )
    .await
    {
        Ok(bytes) => crate::documents::attach(
            state,
            DocumentOwner::Inquiry(inquiry),
            kind,
            bytes,
            &Actor::system("whatsapp"),
        )
        .await
        .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    match kept {
        Ok(added) => tracing::info!(
            message_id,
            document_id = %added.document.id,
            "WhatsApp media kept as a document"
        ),
        Err(error) => tracing::warn!(message_id, %error, "WhatsApp media not kept"),
    }
}

async fn notify(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<&'static str, ChannelError> {
    let cfg = state.config.whatsapp.as_ref().ok_or(ChannelError::Off)?;
    let signature = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok());
    if !signature_matches(&cfg.app_secret, &body, signature) {
        return Err(ChannelError::Forbidden);
    }
    let note: Notification = serde_json::from_slice(&body)
        .map_err(|_| ChannelError::BadRequest("not a WhatsApp notification"))?;
    let actor = Actor::system("whatsapp");
    for value in note
        .entry
        .into_iter()
        .flat_map(|e| e.changes)
        .map(|c| c.value)
    {
        for raw in value.messages {
            // A message type we do not take (a reaction, a location) is acknowledged and left.
            let Ok(m) = serde_json::from_value::<Message>(raw.clone()) else {
                continue;
            };
            let Some(text) = text_of(&m) else {
                tracing::info!(kind = %m.kind, "WhatsApp message of a kind not taken in");
                continue;
            };
            let received_at = m
                .timestamp
                .as_deref()
                .and_then(|t| t.parse::<i64>().ok())
                .and_then(|t| DateTime::from_timestamp(t, 0))
                .filter(|t| *t <= Utc::now())
                .unwrap_or_else(Utc::now);
            let message = IncomingText {
                channel: MessageChannel::WhatsApp,
                // WhatsApp gives numbers without the plus.
                from: format!("+{}", m.from.trim_start_matches('+')),
                intent: intent_of(&text),
                text,
                external_id: Some(m.id.chars().take(200).collect()),
                received_at,
                category: cfg.category,
                requester_kind: cfg.requester_kind,
                raw: raw.to_string(),
                content_type: "application/json".into(),
                acknowledge: cfg.acknowledge,
                limit: cfg.limit,
                status_code: if cfg.acknowledge {
                    new_status_code()
                } else {
                    None
                },
            };
            let received = state.store.receive_text(message, &actor).await?;
            tracing::info!(
                message_id = received.message_id,
                "WhatsApp message received"
            );
            // A photo or document that opened a request is fetched and kept as a document of
            // it, after Meta has its answer (a download may take seconds).
            if let (Some((media_id, kind)), Some(source), TextOutcome::Request(r)) =
                (media_of(&m), &cfg.media, &received.outcome)
                && !r.already_present
            {
                let (state, source, inquiry) = (state.clone(), source.clone(), r.id);
                let message_id = received.message_id;
                tokio::spawn(async move {
                    keep_media(&state, &source, inquiry, message_id, &media_id, kind).await
                });
            }
        }
        for s in value.statuses {
            let to = match s.status.as_str() {
                "sent" => MessageState::Sent,
                "delivered" | "read" => MessageState::Delivered,
                "failed" => MessageState::Failed,
                _ => continue,
            };
            state
                .store
                .text_delivery(MessageRef::External(MessageChannel::WhatsApp, s.id), to)
                .await?;
        }
    }
    Ok("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_hmac_of_the_raw_body() {
        // HMAC-SHA256("It's a Secret to Everybody", "Hello, World!"), as GitHub documents the
        // same scheme.
        let sig = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assert!(signature_matches(
            "It's a Secret to Everybody",
            b"Hello, World!",
            Some(sig)
        ));
        assert!(!signature_matches(
            "another secret",
            b"Hello, World!",
            Some(sig)
        ));
        assert!(!signature_matches(
            "It's a Secret to Everybody",
            b"Hello, World!",
            None
        ));
    }
}
