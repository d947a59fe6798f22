//! Text messages (SMS, WhatsApp) as storage sees them: what comes in and what it became, what
//! goes out through the outbox, and the rules that decide an incoming message's fate before any
//! SQL runs (see [`MessageStore`](crate::MessageStore)).
//!
//! Numbers are personal data: each is sealed where it is kept, and found again through a keyed
//! hash of its E.164 form ([`number_key`]), so that "+93 70 123 4567" and "0093701234567" are
//! one number for opt-outs, blocks, rate limits and matching.

use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseCategory, Language, MessageChannel, MessageState, PublicStatus, ReferenceNumber,
    RequesterKind,
};

use crate::RecordedInquiry;
use crate::contact::Contact;
use crate::crypto::Cipher;

/// The number in its canonical form: E.164 when it reads as a phone number, otherwise as the
/// gateway gave it, trimmed (an alphanumeric sender such as a network's name).
pub fn canonical_number(raw: &str) -> String {
    corridor_matching::normalize::phone::normalize(raw).unwrap_or_else(|_| raw.trim().to_string())
}

/// The keyed hash under which a number's messages, opt-out and block are found.
pub fn number_key(cipher: &Cipher, raw: &str) -> String {
    cipher.blind("message-number", &canonical_number(raw))
}

/// The key of the number among requesters' contacts (see [`crate::contact`]), for finding the
/// family a number belongs to.
pub fn contact_key(cipher: &Cipher, raw: &str) -> Option<String> {
    Contact::Phone(raw.to_string()).key(cipher)
}

/// How many messages one number may send before the rest are kept without opening anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max: u32,
    pub per: chrono::Duration,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            max: 20,
            per: chrono::Duration::hours(1),
        }
    }
}

/// What the web layer read from the text before storing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncomingIntent {
    Request,
    OptOut,
    OptIn,
    /// A status query; `code_hash` as the status page computes it.
    Status {
        reference: ReferenceNumber,
        code_hash: String,
    },
}

/// One text message as a gateway handed it over.
#[derive(Debug, Clone)]
pub struct IncomingText {
    pub channel: MessageChannel,
    /// The sender's number as the gateway spelled it.
    pub from: String,
    pub text: String,
    /// The gateway's id of the message: a repeated delivery with the same id is the same
    /// message.
    pub external_id: Option<String>,
    pub received_at: DateTime<Utc>,
    pub intent: IncomingIntent,
    /// The category and requester kind of the inquiry a request opens.
    pub category: CaseCategory,
    pub requester_kind: RequesterKind,
    /// The request verbatim as it arrived (the gateway's query string or JSON).
    pub raw: String,
    pub content_type: String,
    /// Whether a request is acknowledged on the same channel with its reference number.
    pub acknowledge: bool,
    pub limit: RateLimit,
    /// The secret code a new request gets (sent with its acknowledgement; only its hash is
    /// kept with the request), so that texting the reference and the code answers with the
    /// status. None: the acknowledgement carries the reference only.
    pub status_code: Option<NewStatusCode>,
}

/// A request's secret status code, made by the web layer as the public form makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStatusCode {
    /// As the person is shown it, e.g. `ABCD-EFGH-JKMN-PQRS`.
    pub shown: String,
    /// As the status page hashes it (kept in `inquiries.status_code_hash`).
    pub hash: String,
}

/// The outbox kind of the confirmation of STOP: the only text sent to an opted-out number.
pub const OPT_OUT_CONFIRMATION: &str = "opted-out";
/// The outbox kind of the confirmation of START.
pub const OPT_IN_CONFIRMATION: &str = "opted-in";

/// What became of an incoming message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextOutcome {
    /// Taken in as a request (or, when `already_present`, the same message again).
    Request(RecordedInquiry),
    /// The number opted out; nothing more is sent to it.
    OptedOut,
    OptedIn,
    /// A status query answered (`Some`) or not recognised (`None`: a wrong code and an unknown
    /// reference look the same, and it is then taken in as a request instead).
    Status(PublicStatus),
    /// Kept, and nothing else: the number is blocked.
    Blocked,
    /// Kept, and nothing else: the number sent more than its limit.
    RateLimited,
    /// The same message (same gateway id) was stored before; nothing changed.
    Repeat,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedText {
    pub message_id: i64,
    pub outcome: TextOutcome,
}

/// An outgoing text claimed from the outbox (see
/// [`MessageStore::claim_texts`](crate::MessageStore::claim_texts)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingText {
    pub outbox_id: i64,
    pub message_id: i64,
    pub channel: MessageChannel,
    /// E.164 (or as the person's gateway spelled it).
    pub to: String,
    pub text: String,
    /// The outbox kind: "acknowledgement", "status", or a reply written by
    /// `corridor_domain::outbox_kind` (the template and language a WhatsApp template needs).
    pub kind: String,
    pub reference: ReferenceNumber,
    pub attempts: i32,
    pub claim: String,
    /// The number opted out or was blocked since the text was queued: it is not sent.
    pub withheld: bool,
    /// When the number last wrote on this channel (WhatsApp's 24-hour rule).
    pub last_incoming_at: Option<DateTime<Utc>>,
    /// The requester's language, for a WhatsApp template.
    pub language: Language,
}

/// Which outgoing message a delivery report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageRef {
    /// Our id, which Kannel's `dlr-url` carries back.
    Id(i64),
    /// The gateway's id of the message (a WhatsApp `wamid`).
    External(corridor_domain::MessageChannel, String),
}

/// Gateway delivery reports as Kannel numbers them (`%d` of `dlr-url`): 1 delivered to the
/// phone, 2 failed at the phone, 4 buffered, 8 accepted by the network (SMSC), 16 refused by
/// the network.
pub fn kannel_dlr_state(code: u32) -> Option<MessageState> {
    match code {
        1 => Some(MessageState::Delivered),
        2 | 16 => Some(MessageState::Failed),
        8 => Some(MessageState::Sent),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_in_any_format_is_one_number() {
        let a = canonical_number("+93 70 123 4567");
        assert_eq!(a, canonical_number("0093701234567"));
        assert_eq!(a, canonical_number("+93-70-123-4567"));
        assert_eq!(canonical_number(" MTN "), "MTN");
    }

    #[test]
    fn kannel_reports_map_onto_states() {
        assert_eq!(kannel_dlr_state(1), Some(MessageState::Delivered));
        assert_eq!(kannel_dlr_state(8), Some(MessageState::Sent));
        assert_eq!(kannel_dlr_state(16), Some(MessageState::Failed));
        assert_eq!(kannel_dlr_state(4), None);
    }
}
