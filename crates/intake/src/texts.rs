//! Delivering text messages from the outbox: the same claims, leases and backoff as the email
//! sender (see [`crate::sender`]), one channel per sender. A text whose number opted out or
//! was blocked after it was queued is withheld, not sent. Logs carry ids, never a number or a
//! text.

use std::sync::Arc;

use chrono::Utc;
use corridor_domain::MessageChannel;
use corridor_store::prelude::*;

use crate::kannel::{self, KannelConfig};
use crate::sender::{Round, SenderConfig, SenderError, retry_at, rounds};
use crate::whatsapp::{self, WhatsAppConfig};

/// Where a channel's texts go.
#[derive(Debug, Clone)]
pub enum Gateway {
    Kannel(KannelConfig),
    WhatsApp(WhatsAppConfig),
}

impl Gateway {
    pub fn channel(&self) -> MessageChannel {
        match self {
            Gateway::Kannel(_) => MessageChannel::Sms,
            Gateway::WhatsApp(_) => MessageChannel::WhatsApp,
        }
    }
}

/// Claims and sends the channel's due texts once.
pub async fn send_due(
    store: &dyn Store,
    http: &reqwest::Client,
    gateway: &Gateway,
    cfg: &SenderConfig,
) -> Result<Round, SenderError> {
    let lease =
        chrono::Duration::from_std(cfg.lease).map_err(|e| SenderError::Config(e.to_string()))?;
    let claimed = store
        .claim_texts(gateway.channel(), Utc::now(), lease, cfg.batch)
        .await?;
    let mut round = Round::default();
    for t in claimed {
        if t.withheld {
            store
                .text_failed(t.outbox_id, &t.claim, "opted out or blocked", None, true)
                .await?;
            tracing::info!(message_id = t.message_id, "text withheld");
            round.abandoned += 1;
            continue;
        }
        let outcome = match gateway {
            Gateway::Kannel(k) => kannel::send(http, k, &t).await.map(|()| None),
            Gateway::WhatsApp(w) => whatsapp::send(http, w, &t).await,
        };
        match outcome {
            Ok(external_id) => {
                store
                    .text_sent(t.outbox_id, &t.claim, external_id.as_deref())
                    .await?;
                tracing::info!(message_id = t.message_id, channel = %t.channel, "text sent");
                round.sent += 1;
            }
            Err(e) => {
                let retry_at = retry_at(cfg, t.attempts, e.permanent);
                store
                    .text_failed(t.outbox_id, &t.claim, &e.message, retry_at, false)
                    .await?;
                tracing::warn!(
                    message_id = t.message_id,
                    attempts = t.attempts,
                    permanent = e.permanent,
                    error = %e.message,
                    "text not sent"
                );
                round.failed(retry_at);
            }
        }
    }
    Ok(round)
}

/// Runs until `stop` resolves.
pub async fn run(
    store: Arc<dyn Store>,
    gateway: Gateway,
    cfg: SenderConfig,
    stop: impl std::future::Future<Output = ()>,
) {
    let http = kannel::client();
    rounds(cfg.poll_every, stop, || {
        send_due(store.as_ref(), &http, &gateway, &cfg)
    })
    .await
}
