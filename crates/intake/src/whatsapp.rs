//! Sending WhatsApp messages through the Business Cloud API: `POST
//! {graph_url}/{phone_number_id}/messages` with the access token. WhatsApp's rule decides the
//! form: free text only within 24 hours of the person's last message; after that, only a
//! template approved in Meta's dashboard, in the person's language, with the reference number
//! as its one parameter. The Graph API's address is configured, so the tests point it at a
//! local stand-in.

use chrono::Utc;
use corridor_domain::{Language, parse_outbox_kind, whatsapp_free_text_allowed};
use corridor_store::messages::OutgoingText;
use serde_json::json;

use crate::kannel::GatewayError;

#[derive(Debug, Clone)]
pub struct WhatsAppConfig {
    /// e.g. `https://graph.facebook.com/v21.0`.
    pub graph_url: String,
    pub phone_number_id: String,
    pub access_token: String,
    /// Templates are named `<prefix><what>`: `corridor_acknowledgement`, `corridor_status`,
    /// `corridor_progress`, `corridor_documents_needed`, `corridor_referral_made`,
    /// `corridor_case_closed`.
    pub template_prefix: String,
}

/// WhatsApp's code of the language a template was approved in.
fn template_language(l: Language) -> &'static str {
    match l {
        Language::English => "en",
        // Dari is written as Persian.
        Language::Dari => "fa",
        Language::Pashto => "ps",
        Language::Urdu => "ur",
    }
}

/// The request body for one text: free text inside the 24-hour window, a template outside it.
pub fn body(
    cfg: &WhatsAppConfig,
    t: &OutgoingText,
    now: chrono::DateTime<Utc>,
) -> serde_json::Value {
    let to = t.to.trim_start_matches('+');
    if whatsapp_free_text_allowed(t.last_incoming_at, now) {
        return json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to,
            "type": "text",
            "text": { "preview_url": false, "body": t.text },
        });
    }
    let what = match parse_outbox_kind(&t.kind) {
        Some((template, _)) => template.as_str().to_string(),
        None => t.kind.clone(),
    };
    json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": "template",
        "template": {
            "name": format!("{}{what}", cfg.template_prefix),
            "language": { "code": template_language(t.language) },
            "components": [{
                "type": "body",
                "parameters": [{ "type": "text", "text": t.reference.as_str() }],
            }],
        },
    })
}

/// Why a media file could not be fetched from the Graph API.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("the Graph API could not be reached: {0}")]
    Unreachable(String),
    #[error("the Graph API answered {0}")]
    Refused(u16),
    #[error("the Graph API's answer about the media is not as documented")]
    Malformed,
    #[error("the media file is larger than {0} bytes")]
    TooLarge(usize),
    #[error("the media file's SHA-256 is not the one WhatsApp gave")]
    Corrupt,
}

/// What the Graph API says about a media id (`GET {graph_url}/{media_id}`).
#[derive(serde::Deserialize)]
struct MediaUrl {
    url: String,
    #[serde(default)]
    sha256: Option<String>,
}

/// Fetches a photo or document a person sent, as Meta documents it: `GET {graph_url}/{media_id}`
/// with the access token gives a short-lived URL (and the file's SHA-256), and `GET` of that
/// URL, with the token again, the bytes. A file over `max_bytes` is refused as soon as it
/// shows; one whose SHA-256 differs from WhatsApp's is refused.
pub async fn download_media(
    http: &reqwest::Client,
    graph_url: &str,
    access_token: &str,
    media_id: &str,
    max_bytes: usize,
) -> Result<Vec<u8>, MediaError> {
    use sha2::Digest;
    let unreachable = |e: reqwest::Error| MediaError::Unreachable(e.without_url().to_string());
    // The id comes from the webhook: only digits are a media id.
    if media_id.is_empty() || !media_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(MediaError::Malformed);
    }
    let answer = http
        .get(format!("{}/{media_id}", graph_url.trim_end_matches('/')))
        .bearer_auth(access_token)
        .send()
        .await
        .map_err(unreachable)?;
    if !answer.status().is_success() {
        return Err(MediaError::Refused(answer.status().as_u16()));
    }
    let about: MediaUrl = answer.json().await.map_err(|_| MediaError::Malformed)?;
    let mut file = http
        .get(&about.url)
        .bearer_auth(access_token)
        .send()
        .await
        .map_err(unreachable)?;
    if !file.status().is_success() {
        return Err(MediaError::Refused(file.status().as_u16()));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = file.chunk().await.map_err(unreachable)? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > max_bytes {
            return Err(MediaError::TooLarge(max_bytes));
        }
    }
    if let Some(expected) = about.sha256.filter(|h| h.len() == 64) {
        let got = hex::encode(sha2::Sha256::digest(&bytes));
        if !got.eq_ignore_ascii_case(&expected) {
            return Err(MediaError::Corrupt);
        }
    }
    Ok(bytes)
}

/// Sends one message; returns WhatsApp's id of it (`wamid…`), which its statuses name. A
/// refusal (4xx but 429) is permanent; throttling, 5xx and network failures are retried.
pub async fn send(
    http: &reqwest::Client,
    cfg: &WhatsAppConfig,
    t: &OutgoingText,
) -> Result<Option<String>, GatewayError> {
    let url = format!(
        "{}/{}/messages",
        cfg.graph_url.trim_end_matches('/'),
        cfg.phone_number_id
    );
    let answer = http
        .post(url)
        .bearer_auth(&cfg.access_token)
        .json(&body(cfg, t, Utc::now()))
        .send()
        .await
        .map_err(|e| GatewayError {
            message: format!("Graph API unreachable: {}", e.without_url()),
            permanent: false,
        })?;
    let status = answer.status();
    let said: serde_json::Value = answer.json().await.unwrap_or_default();
    if status.is_success() {
        return Ok(said["messages"][0]["id"].as_str().map(str::to_string));
    }
    // Meta's error object names the problem (code, message), not the person.
    let error: String = said["error"]["message"]
        .as_str()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    Err(GatewayError {
        message: format!("Graph API answered {status}: {error}"),
        permanent: status.is_client_error() && status.as_u16() != 429,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use corridor_domain::{MessageChannel, ReferenceNumber};

    fn text(last: Option<chrono::Duration>, kind: &str) -> OutgoingText {
        OutgoingText {
            outbox_id: 1,
            message_id: 2,
            channel: MessageChannel::WhatsApp,
            to: "+93701234567".into(),
            text: "Your request".into(),
            kind: kind.into(),
            reference: "CR-7K3MA-9QXPB".parse::<ReferenceNumber>().unwrap(),
            attempts: 1,
            claim: "c".into(),
            withheld: false,
            last_incoming_at: last.map(|d| Utc::now() - d),
            language: Language::Dari,
        }
    }

    #[test]
    fn free_text_inside_the_window_a_template_in_their_language_outside_it() {
        let cfg = WhatsAppConfig {
            graph_url: "http://127.0.0.1:1".into(),
            phone_number_id: "1".into(),
            access_token: "t".into(),
            template_prefix: "corridor_".into(),
        };
        let inside = body(
            &cfg,
            &text(Some(chrono::Duration::hours(2)), "acknowledgement"),
            Utc::now(),
        );
        assert_eq!(inside["type"], "text");
        assert_eq!(inside["to"], "93701234567");
        assert_eq!(inside["text"]["body"], "Your request");
        let outside = body(
            &cfg,
            &text(Some(chrono::Duration::hours(30)), "reply:case_closed:prs"),
            Utc::now(),
        );
        assert_eq!(outside["type"], "template");
        assert_eq!(outside["template"]["name"], "corridor_case_closed");
        assert_eq!(outside["template"]["language"]["code"], "fa");
        assert_eq!(
            outside["template"]["components"][0]["parameters"][0]["text"],
            "CR-7K3MA-9QXPB"
        );
    }
}
