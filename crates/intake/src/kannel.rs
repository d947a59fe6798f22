//! Sending SMS through Kannel's smsbox: its `sendsms` HTTP interface, with the text in UTF-8
//! and the coding Kannel must use on the air (GSM 7-bit, or UCS-2 for Dari, Pashto, Urdu), and
//! a `dlr-url` that brings the message's delivery reports back to Corridor.
//!
//! Kannel splits a long text into parts joined by a header on the phone; the `sendsms-user`
//! must allow it (`max-messages`, see docs/messages.md).

use std::time::Duration;

use corridor_domain::SmsCoding;
use corridor_store::messages::OutgoingText;

#[derive(Debug, Clone)]
pub struct KannelConfig {
    /// smsbox's sendsms address, e.g. `http://127.0.0.1:13013/cgi-bin/sendsms`.
    pub sendsms_url: String,
    pub username: String,
    pub password: String,
    /// The sender shown on the phone (a short code or number); Kannel's own default when None.
    pub from: Option<String>,
    /// Where Kannel reaches Corridor for delivery reports, e.g. `http://127.0.0.1:8080`; no
    /// reports are asked for without it.
    pub callback_base: Option<String>,
    /// The secret the delivery reports must carry (the same as incoming messages').
    pub secret: String,
}

/// Why a text was not handed over, and whether trying again can help.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct GatewayError {
    pub message: String,
    pub permanent: bool,
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTP client without TLS settings builds")
}

/// The sendsms address for one text (the query carries the credentials, as Kannel wants).
pub fn sendsms_url(cfg: &KannelConfig, t: &OutgoingText) -> String {
    let coding = SmsCoding::of(&t.text);
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("username", &cfg.username)
        .append_pair("password", &cfg.password)
        .append_pair("to", &t.to)
        .append_pair("text", &t.text)
        .append_pair("charset", "UTF-8")
        .append_pair("coding", &coding.kannel().to_string());
    if let Some(from) = &cfg.from {
        q.append_pair("from", from);
    }
    if let Some(base) = &cfg.callback_base {
        // Kannel fills in %d (the report's type) when it calls back.
        let dlr = format!(
            "{}/channels/sms/kannel/dlr?secret={}&id={}&status=%d",
            base.trim_end_matches('/'),
            form_urlencoded::byte_serialize(cfg.secret.as_bytes()).collect::<String>(),
            t.message_id
        );
        // 1 delivered, 2 failed, 8 accepted by the network, 16 refused by it.
        q.append_pair("dlr-mask", "27").append_pair("dlr-url", &dlr);
    }
    let sep = if cfg.sendsms_url.contains('?') {
        '&'
    } else {
        '?'
    };
    format!("{}{sep}{}", cfg.sendsms_url, q.finish())
}

/// Hands one text to smsbox. "0: Accepted for delivery" (202) and "3: Queued for later
/// delivery" are success; a refusal of the request itself (4xx: wrong user, bad number) is
/// permanent; anything else (smsbox down, 5xx) is worth retrying.
pub async fn send(
    http: &reqwest::Client,
    cfg: &KannelConfig,
    t: &OutgoingText,
) -> Result<(), GatewayError> {
    let answer = http
        .get(sendsms_url(cfg, t))
        .send()
        .await
        .map_err(|e| GatewayError {
            // Without the URL: it holds the password, the number and the text.
            message: format!("smsbox unreachable: {}", e.without_url()),
            permanent: false,
        })?;
    let status = answer.status();
    let body = answer.text().await.unwrap_or_default();
    let said: String = body.trim().chars().take(200).collect();
    if status.is_success() {
        return Ok(());
    }
    Err(GatewayError {
        message: format!("smsbox answered {status}: {said}"),
        permanent: status.is_client_error(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use corridor_domain::{Language, ReferenceNumber};

    #[test]
    fn dari_goes_as_ucs2_with_a_report_address() {
        let cfg = KannelConfig {
            sendsms_url: "http://127.0.0.1:13013/cgi-bin/sendsms".into(),
            username: "corridor".into(),
            password: "pw".into(),
            from: Some("4040".into()),
            callback_base: Some("http://127.0.0.1:8080/".into()),
            secret: "s&t".into(),
        };
        let t = OutgoingText {
            outbox_id: 1,
            message_id: 42,
            channel: corridor_domain::MessageChannel::Sms,
            to: "+93701234567".into(),
            text: "سلام".into(),
            kind: "acknowledgement".into(),
            reference: ReferenceNumber::random(&mut rand::thread_rng()),
            attempts: 1,
            claim: "c".into(),
            withheld: false,
            last_incoming_at: None,
            language: Language::Dari,
        };
        let url = sendsms_url(&cfg, &t);
        assert!(url.contains("coding=2"), "{url}");
        assert!(url.contains("charset=UTF-8"), "{url}");
        assert!(url.contains("to=%2B93701234567"), "{url}");
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(url.split_once('?').unwrap().1.as_bytes())
                .into_owned()
                .collect();
        let dlr = &pairs.iter().find(|(k, _)| k == "dlr-url").unwrap().1;
        assert_eq!(
            dlr,
            "http://127.0.0.1:8080/channels/sms/kannel/dlr?secret=s%26t&id=42&status=%d"
        );
        let text = &pairs.iter().find(|(k, _)| k == "text").unwrap().1;
        assert_eq!(text, "سلام");
    }
}
