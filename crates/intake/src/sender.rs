//! Delivering acknowledgements from the outbox over SMTP.
//!
//! A sender claims due messages for a lease, sends each, and marks it sent with the claim it
//! holds. A claim that lapses (the server died mid-send) lets another sender retry; to keep
//! such a rare resend from looking like a second message, every attempt carries the same
//! Message-ID, derived from the outbox row. Permanent SMTP refusals (5xx) are given up at once;
//! temporary ones and connection failures are retried with exponential backoff.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use corridor_store::prelude::*;
use corridor_store::{OutboxMessage, StoreError};
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// The From address of acknowledgements.
    pub from: String,
    pub username: Option<String>,
    pub password: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SenderConfig {
    /// How long a claim lasts; longer than one SMTP conversation takes.
    pub lease: Duration,
    /// Messages claimed at a time.
    pub batch: u32,
    /// How often to look for due messages.
    pub poll_every: Duration,
    /// The first retry waits this long, each later one twice as long (at most an hour).
    pub first_backoff: Duration,
    /// After this many attempts a message is given up.
    pub max_attempts: i32,
    /// Where Corridor is reached (`https://corridor.example.org`), for the link in escalation
    /// emails; without it they name the path only.
    pub link_base: Option<String>,
}

impl Default for SenderConfig {
    fn default() -> Self {
        SenderConfig {
            lease: Duration::from_secs(120),
            batch: 20,
            poll_every: Duration::from_secs(5),
            first_backoff: Duration::from_secs(30),
            max_attempts: 10,
            link_base: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SenderError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("invalid SMTP configuration: {0}")]
    Config(String),
}

/// What one round did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retrying: usize,
    pub abandoned: usize,
}

impl Round {
    /// Counts a failed attempt: retrying when it has a `retry_at`, given up otherwise.
    pub(crate) fn failed(&mut self, retry_at: Option<chrono::DateTime<Utc>>) {
        if retry_at.is_some() {
            self.retrying += 1;
        } else {
            self.abandoned += 1;
        }
    }
}

pub fn transport(cfg: &SmtpConfig) -> AsyncSmtpTransport<Tokio1Executor> {
    // Plain SMTP to a relay the operator runs (on loopback or a private network); the relay
    // does TLS onwards.
    let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.host)
        .port(cfg.port)
        .timeout(Some(Duration::from_secs(30)));
    if let (Some(u), Some(p)) = (&cfg.username, &cfg.password) {
        b = b.credentials(lettre::transport::smtp::authentication::Credentials::new(
            u.clone(),
            p.clone(),
        ));
    }
    b.build()
}

/// An escalation to a team lead: the case number, the clock and a link. Nothing about the
/// people: email leaves the task force's systems.
fn compose_escalation(
    cfg: &SmtpConfig,
    m: &OutboxMessage,
    e: &corridor_store::EscalationMail,
    link_base: Option<&str>,
) -> Result<Message, String> {
    let domain = cfg.from.rsplit('@').next().unwrap_or("corridor.invalid");
    let path = format!("/cases/{}", e.case_id);
    let link = match link_base {
        Some(base) => format!("{}{path}", base.trim_end_matches('/')),
        None => format!("{path} in Corridor"),
    };
    let body = format!(
        "Case C-{c} is overdue for its {k} (due {due} UTC).\n\n\
         Open it: {link}\n\n\
         This message names no one on purpose; the case is in Corridor.\n",
        c = e.case_id,
        k = e.kind.label(),
        due = e.due_at.format("%Y-%m-%d %H:%M"),
    );
    Message::builder()
        .from(cfg.from.parse().map_err(|e| format!("From address: {e}"))?)
        .to(m
            .to
            .parse()
            .map_err(|e| format!("recipient address: {e}"))?)
        .subject(format!(
            "Overdue: case C-{} ({})",
            e.case_id,
            e.kind.label()
        ))
        .message_id(Some(format!("<escalation-{}@{domain}>", m.id)))
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())
}

/// The subject and body of an outbox message: a reply in the requester's language when the
/// kind names one, otherwise the acknowledgement with the reference number.
fn content(m: &OutboxMessage) -> (String, String, &'static str) {
    if let Some((template, language)) = corridor_domain::parse_outbox_kind(&m.kind) {
        let text = template.render(language, m.reference.as_str());
        return (text.subject, text.body, "reply");
    }
    if let Some(language) = corridor_domain::parse_acknowledgement_kind(&m.kind) {
        let text = corridor_domain::acknowledgement(language, m.reference.as_str());
        return (text.subject, text.body, "ack");
    }
    // Who the acknowledgement goes to is known, their language not (mail, imported lists), so
    // it says the same in English, Dari and Pashto. The reference is isolated in the
    // right-to-left parts so that it keeps its own direction.
    let isolated = format!("\u{2068}{}\u{2069}", m.reference);
    let body = format!(
        "We have received your request.\n\n\
         Reference number: {r}\n\n\
         Please quote this reference number whenever you write or call about this request.\n\
         Do not reply with documents or personal details unless a case officer asks for them.\n\
         \n---\n\n\
         درخواست شما به ما رسید.\n\n\
         شمارهٔ مراجعه: {i}\n\n\
         لطفاً هر وقت دربارهٔ این درخواست می‌نویسید یا زنگ می‌زنید، این شماره را بگویید.\n\
         تا وقتی یک مسئول پرونده نخواسته، اسناد یا معلومات شخصی نفرستید.\n\
         \n---\n\n\
         ستاسو غوښتنه موږ ته راورسېده.\n\n\
         د مراجعې شمېره: {i}\n\n\
         مهرباني وکړئ هر کله چې د دې غوښتنې په اړه لیکئ یا زنګ وهئ، دا شمېره یاده کړئ.\n\
         تر هغه چې د قضیې یو مسؤل غوښتي نه وي، اسناد یا شخصي معلومات مه لېږئ.\n",
        r = m.reference,
        i = isolated,
    );
    (
        format!(
            "Request received: {} · درخواست رسید · غوښتنه ترلاسه شوه",
            m.reference
        ),
        body,
        "ack",
    )
}

fn compose(
    cfg: &SmtpConfig,
    m: &OutboxMessage,
    link_base: Option<&str>,
) -> Result<Message, String> {
    if let Some(e) = &m.escalation {
        return compose_escalation(cfg, m, e, link_base);
    }
    let domain = cfg.from.rsplit('@').next().unwrap_or("corridor.invalid");
    let (subject, body, id_prefix) = content(m);
    Message::builder()
        .from(cfg.from.parse().map_err(|e| format!("From address: {e}"))?)
        .to(m
            .to
            .parse()
            .map_err(|e| format!("recipient address: {e}"))?)
        .subject(subject)
        .message_id(Some(format!(
            "<{id_prefix}-{}.{}@{domain}>",
            m.id, m.reference
        )))
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())
}

/// When to try a failed message again; None gives it up (a permanent refusal, or the last
/// attempt).
pub(crate) fn retry_at(
    cfg: &SenderConfig,
    attempts: i32,
    permanent: bool,
) -> Option<chrono::DateTime<Utc>> {
    let give_up = permanent || attempts >= cfg.max_attempts;
    (!give_up).then(|| Utc::now() + backoff(cfg, attempts))
}

fn backoff(cfg: &SenderConfig, attempts: i32) -> chrono::Duration {
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1).clamp(0, 16) as u32);
    let wait = cfg
        .first_backoff
        .saturating_mul(factor)
        .min(Duration::from_secs(3600));
    chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1))
}

/// Claims and sends what is due once.
pub async fn send_due(
    store: &dyn Store,
    smtp: &SmtpConfig,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    cfg: &SenderConfig,
) -> Result<Round, SenderError> {
    let lease =
        chrono::Duration::from_std(cfg.lease).map_err(|e| SenderError::Config(e.to_string()))?;
    let claimed = store.claim_outbox(Utc::now(), lease, cfg.batch).await?;
    let mut round = Round::default();
    for m in claimed {
        let outcome = match compose(smtp, &m, cfg.link_base.as_deref()) {
            Err(e) => Err((e, true)),
            Ok(message) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| (e.to_string(), e.is_permanent())),
        };
        match outcome {
            Ok(()) => {
                store.outbox_sent(m.id, &m.claim, Utc::now()).await?;
                tracing::info!(outbox_id = m.id, "acknowledgement sent");
                round.sent += 1;
            }
            Err((error, permanent)) => {
                let retry_at = retry_at(cfg, m.attempts, permanent);
                store
                    .outbox_failed(m.id, &m.claim, &error, retry_at)
                    .await?;
                // The error text can contain the address, so only the id and the kind are logged.
                tracing::warn!(
                    outbox_id = m.id,
                    attempts = m.attempts,
                    permanent,
                    "acknowledgement not sent"
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
    smtp: SmtpConfig,
    cfg: SenderConfig,
    stop: impl std::future::Future<Output = ()>,
) {
    let transport = transport(&smtp);
    rounds(cfg.poll_every, stop, || {
        send_due(store.as_ref(), &smtp, &transport, &cfg)
    })
    .await
}

/// Runs `round` every `poll_every` until `stop` resolves, and again at once while rounds find
/// work (a backlog drains without waiting between batches).
pub(crate) async fn rounds<F, R>(
    poll_every: Duration,
    stop: impl std::future::Future<Output = ()>,
    mut round: F,
) where
    F: FnMut() -> R,
    R: std::future::Future<Output = Result<Round, SenderError>>,
{
    tokio::pin!(stop);
    loop {
        match round().await {
            Ok(r) if r.sent + r.retrying + r.abandoned > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "outbox round failed"),
        }
        tokio::select! {
            _ = &mut stop => return,
            _ = tokio::time::sleep(poll_every) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corridor_domain::{CaseId, DeadlineKind, InquiryId, Language, ReplyTemplate, outbox_kind};
    use corridor_store::EscalationMail;

    #[test]
    fn an_escalation_email_names_the_case_and_links_to_it_only() {
        let smtp = SmtpConfig {
            host: "127.0.0.1".into(),
            port: 25,
            from: "corridor@taskforce.example".into(),
            username: None,
            password: None,
        };
        let m = OutboxMessage {
            id: 7,
            inquiry_id: InquiryId(3),
            reference: corridor_domain::ReferenceNumber::random(&mut rand::thread_rng()),
            to: "lead@example.org".into(),
            kind: "escalation".into(),
            attempts: 1,
            claim: "c".into(),
            escalation: Some(EscalationMail {
                case_id: CaseId(42),
                kind: DeadlineKind::FirstResponse,
                due_at: Utc::now(),
            }),
        };
        let message = compose(&smtp, &m, Some("https://corridor.example.org/")).unwrap();
        let text = String::from_utf8(message.formatted()).unwrap();
        assert!(
            text.contains("Subject: Overdue: case C-42 (first response)"),
            "{text}"
        );
        assert!(
            text.contains("https://corridor.example.org/cases/42"),
            "{text}"
        );
        // The inquiry's reference is the requester's, not the lead's business.
        assert!(!text.contains(&m.reference.to_string()), "{text}");
    }

    fn message(kind: &str) -> OutboxMessage {
        OutboxMessage {
            id: 1,
            inquiry_id: InquiryId(1),
            reference: corridor_domain::ReferenceNumber::random(&mut rand::thread_rng()),
            to: "sponsor@example.org".into(),
            kind: kind.into(),
            attempts: 1,
            claim: "c".into(),
            escalation: None,
        }
    }

    #[test]
    fn replies_are_written_in_the_requesters_language() {
        let m = message(&outbox_kind(ReplyTemplate::ReferralMade, Language::Dari));
        let (subject, body, prefix) = content(&m);
        assert_eq!(prefix, "reply");
        assert!(subject.contains(m.reference.as_str()));
        assert!(body.contains("سازمان همکار"), "{body}");
        let ack = message("acknowledgement");
        let (subject, body, prefix) = content(&ack);
        assert_eq!(prefix, "ack");
        assert!(subject.starts_with("Request received"));
        // The acknowledgement, before anyone knows the requester's language, reads in
        // English, Dari and Pashto, each with the reference.
        assert!(body.contains("We have received your request"), "{body}");
        assert!(body.contains("درخواست شما به ما رسید"), "{body}");
        assert!(body.contains("ستاسو غوښتنه موږ ته راورسېده"), "{body}");
        assert_eq!(body.matches(ack.reference.as_str()).count(), 3, "{body}");
        // A request sent from a page read in Urdu is acknowledged in Urdu only.
        let ack = message(&corridor_domain::acknowledgement_kind(Language::Urdu));
        let (subject, body, prefix) = content(&ack);
        assert_eq!(prefix, "ack");
        assert!(subject.contains(ack.reference.as_str()), "{subject}");
        assert!(body.contains("ہمیں آپ کی درخواست مل گئی ہے"), "{body}");
        assert!(!body.contains("We have received"), "{body}");
    }
}
