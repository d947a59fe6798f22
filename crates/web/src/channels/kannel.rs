//! Kannel's smsbox: an `sms-service` whose `get-url` calls
//! `/channels/sms/kannel?secret=…&from=%p&to=%P&text=%a&id=%I&ts=%t` for every incoming SMS,
//! and the `dlr-url` Corridor gives with each SMS it sends, which Kannel calls with `%d` (the
//! report's type) as the message moves. See docs/messages.md for the configuration.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::get;
use chrono::{NaiveDateTime, Utc};
use corridor_domain::{MessageChannel, MessageState};
use corridor_store::Actor;
use corridor_store::messages::{IncomingText, MessageRef, TextOutcome, kannel_dlr_state};

use super::{ChannelError, intent_of, new_status_code, secret_matches};
use crate::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/channels/sms/kannel", get(incoming))
        .route("/channels/sms/kannel/dlr", get(delivery_report))
}

/// The query's pairs, decoded; Kannel's `%a` is the text URL-encoded as UTF-8 (smsbox decodes
/// UCS-2 messages to UTF-8 with `mo-recode`).
fn pairs(raw: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect()
}

fn get_param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The request verbatim as kept with the inquiry: the query string without the secret.
fn without_secret(raw: &str) -> String {
    raw.split('&')
        .filter(|p| !p.starts_with("secret="))
        .collect::<Vec<_>>()
        .join("&")
}

async fn incoming(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<&'static str, ChannelError> {
    let Some(cfg) = state.config.sms.as_ref() else {
        return Err(ChannelError::Off);
    };
    let raw = raw.unwrap_or_default();
    let pairs = pairs(&raw);
    if !secret_matches(
        get_param(&pairs, "secret").unwrap_or(""),
        &cfg.kannel_secret,
    ) {
        return Err(ChannelError::Forbidden);
    }
    let from = get_param(&pairs, "from")
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .ok_or(ChannelError::BadRequest("from (%p) is missing"))?;
    let text = get_param(&pairs, "text").unwrap_or("");
    if text.chars().count() > 10_000 {
        return Err(ChannelError::BadRequest("text too long"));
    }
    // Kannel's %t: "2021-08-20 14:03:09" in the gateway's time (run it on UTC).
    let received_at = get_param(&pairs, "ts")
        .and_then(|t| NaiveDateTime::parse_from_str(t.trim(), "%Y-%m-%d %H:%M:%S").ok())
        .map(|t| t.and_utc())
        .filter(|t| *t <= Utc::now())
        .unwrap_or_else(Utc::now);
    let message = IncomingText {
        channel: MessageChannel::Sms,
        from: from.to_string(),
        text: text.to_string(),
        external_id: get_param(&pairs, "id")
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .map(|i| i.chars().take(200).collect()),
        received_at,
        intent: intent_of(text),
        category: cfg.category,
        requester_kind: cfg.requester_kind,
        raw: without_secret(&raw),
        content_type: "application/x-www-form-urlencoded".into(),
        acknowledge: cfg.acknowledge,
        limit: cfg.limit,
        status_code: if cfg.acknowledge {
            new_status_code()
        } else {
            None
        },
    };
    let received = state
        .store
        .receive_text(message, &Actor::system("sms"))
        .await?;
    let outcome = match &received.outcome {
        TextOutcome::Request(r) if r.already_present => "repeat",
        TextOutcome::Request(_) => "request",
        TextOutcome::OptedOut => "opted_out",
        TextOutcome::OptedIn => "opted_in",
        TextOutcome::Status(_) => "status",
        TextOutcome::Blocked => "blocked",
        TextOutcome::RateLimited => "rate_limited",
        TextOutcome::Repeat => "repeat",
    };
    tracing::info!(message_id = received.message_id, outcome, "SMS received");
    // An empty answer: smsbox would send a non-empty body back to the phone as a reply.
    Ok("")
}

async fn delivery_report(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<&'static str, ChannelError> {
    let Some(cfg) = state.config.sms.as_ref() else {
        return Err(ChannelError::Off);
    };
    let pairs = pairs(&raw.unwrap_or_default());
    if !secret_matches(
        get_param(&pairs, "secret").unwrap_or(""),
        &cfg.kannel_secret,
    ) {
        return Err(ChannelError::Forbidden);
    }
    let id: i64 = get_param(&pairs, "id")
        .and_then(|i| i.parse().ok())
        .ok_or(ChannelError::BadRequest("id is missing"))?;
    let code: u32 = get_param(&pairs, "status")
        .and_then(|s| s.parse().ok())
        .ok_or(ChannelError::BadRequest("status (%d) is missing"))?;
    // Buffered (4) and intermediate reports change nothing.
    if let Some(to) = kannel_dlr_state(code) {
        let moved = state.store.text_delivery(MessageRef::Id(id), to).await?;
        tracing::info!(message_id = id, report = code, moved, "SMS delivery report");
        if moved && to == MessageState::Failed {
            tracing::warn!(message_id = id, "SMS not delivered");
        }
    }
    Ok("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_not_kept_with_the_request() {
        assert_eq!(
            without_secret("secret=abc&from=%2B93&text=hi"),
            "from=%2B93&text=hi"
        );
    }
}
