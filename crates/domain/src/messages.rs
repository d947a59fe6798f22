//! Text messages (SMS through Kannel, WhatsApp): what a person's text asks for (to stop
//! messages, to start them again, the status of a request, or help), the short texts sent back,
//! and the rules of the channels (how SMS encodes a text, WhatsApp's 24-hour window).
//!
//! The texts sent are kept here, like the templated replies, so that a translation is reviewed
//! like code. They carry no personal data: a reference number and a coarse status at most.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::fold;
use crate::{Language, ParseEnumError, PublicStatus, ReferenceNumber};

crate::enums::vocabulary!(
    /// The network a text message came or goes by.
    MessageChannel, "message channel" {
        Sms => "sms", "SMS";
        WhatsApp => "whatsapp", "WhatsApp";
    }
);

crate::enums::vocabulary!(
    /// Whether a message came from a person or went to them.
    MessageDirection, "message direction" {
        Incoming => "in", "Received";
        Outgoing => "out", "Sent";
    }
);

crate::enums::vocabulary!(
    /// Where a message stands. Incoming messages are `received` (taken in as a request) or say
    /// why they were not (`opted_out`, `opted_in`, `status_query`, `blocked`, `rate_limited`);
    /// outgoing ones go `queued` → `sent` (the gateway took it) → `delivered` (the phone
    /// confirmed), or end `failed`, or `withheld` when the number opted out or was blocked
    /// before it went.
    MessageState, "message state" {
        Received => "received", "Received";
        OptedOut => "opted_out", "Opted out";
        OptedIn => "opted_in", "Opted in again";
        StatusQuery => "status_query", "Status asked";
        Blocked => "blocked", "Number blocked";
        RateLimited => "rate_limited", "Too many messages";
        Queued => "queued", "Queued";
        Sent => "sent", "Sent";
        Delivered => "delivered", "Delivered";
        Failed => "failed", "Failed";
        Withheld => "withheld", "Not sent (opted out or blocked)";
    }
);

impl MessageState {
    /// Whether a delivery report may move an outgoing message from `self` to `to`: reports
    /// arrive out of order (the network's "delivered" can come before the gateway's "accepted"),
    /// and a later, weaker report must not undo a stronger one.
    pub fn may_become(self, to: MessageState) -> bool {
        use MessageState::*;
        let rank = |s: MessageState| match s {
            Queued => 0,
            Sent => 1,
            Failed => 2,
            Delivered => 3,
            _ => -1,
        };
        rank(self) >= 0 && rank(to) > rank(self)
    }
}

/// What an incoming text asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextIntent {
    /// No more messages to this number (STOP and its words in Dari, Pashto and Urdu).
    OptOut,
    /// Messages again after an opt-out (START).
    OptIn,
    /// A reference number and the secret code given with it: the coarse status is answered.
    /// The code is as typed; the caller normalizes and hashes it.
    Status {
        reference: ReferenceNumber,
        code: String,
    },
    /// Anything else: a request, taken in like an email.
    Request,
}

/// Whole-message opt-out words, by the language they are in (the confirmation answers in
/// it). English as carriers use them; Dari, Pashto and Urdu as people write "stop", "cancel",
/// "enough". Compared after [`fold_text`]; a word two languages share counts for the first.
/// (The non-English words were chosen with native speakers' usage in mind but are worth a
/// review by one.)
const OPT_OUT: &[(Language, &[&str])] = &[
    (
        Language::English,
        &[
            "stop",
            "stopall",
            "stop all",
            "unsubscribe",
            "cancel",
            "end",
            "quit",
            "opt out",
            "optout",
        ],
    ),
    (
        Language::Dari,
        &["توقف", "لغو", "بس کن", "بس کنید", "دیگر نفرستید"],
    ),
    (
        Language::Pashto,
        &["ودرېږه", "ودریږه", "بند", "بس", "مه لېږئ", "مه لیږئ"],
    ),
    (
        Language::Urdu,
        &["بند کرو", "بند کریں", "روکو", "روکیں", "رکو", "مت بھیجیں"],
    ),
];

/// Whole-message words that undo an opt-out, by language.
const OPT_IN: &[(Language, &[&str])] = &[
    (Language::English, &["start", "unstop", "yes"]),
    (Language::Dari, &["شروع"]),
    (Language::Pashto, &["پیل"]),
    (Language::Urdu, &["شروع کریں"]),
];

/// The language of the word when the whole text is one of `words`.
fn word_language(words: &[(Language, &[&str])], folded: &str) -> Option<Language> {
    words
        .iter()
        .find(|(_, ws)| ws.iter().any(|w| fold_text(w) == folded))
        .map(|(l, _)| *l)
}

/// The language of an opt-out or opt-in word (None for any other text): the confirmation is
/// written in it.
pub fn consent_word_language(text: &str) -> Option<Language> {
    let folded = fold_text(text);
    word_language(OPT_OUT, &folded).or_else(|| word_language(OPT_IN, &folded))
}

/// The answer to STOP, sent once (in the language of the word), with how to undo it.
pub fn text_opted_out(language: Language) -> &'static str {
    match language {
        Language::English => "You will get no more messages from us. Text START to get them again.",
        Language::Dari => "دیگر از ما پیامی دریافت نمی‌کنید. برای دریافت دوباره، START بفرستید.",
        Language::Pashto => {
            "نور به زموږ پیغامونه تاسو ته نه درځي. د بیا ترلاسه کولو لپاره START ولېږئ."
        }
        Language::Urdu => {
            "آپ کو ہماری طرف سے مزید پیغامات نہیں آئیں گے۔ دوبارہ پیغامات کے لیے START بھیجیں۔"
        }
    }
}

/// The answer to START after STOP.
pub fn text_opted_in(language: Language) -> &'static str {
    match language {
        Language::English => "Messages from us are on again. Text STOP to end them.",
        Language::Dari => "پیام‌های ما دوباره فعال شد. برای توقف، STOP بفرستید.",
        Language::Pashto => "زموږ پیغامونه بیا پیل شول. د بندولو لپاره STOP ولېږئ.",
        Language::Urdu => "ہمارے پیغامات دوبارہ شروع ہو گئے ہیں۔ بند کرنے کے لیے STOP بھیجیں۔",
    }
}

/// Lower case, Arabic letter forms folded onto the Persian ones (ي→ی, ك→ک), joiners, tatweel
/// and punctuation dropped, spaces collapsed: how two spellings of one word meet.
pub fn fold_text(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            'ە' => 'ه',
            c => c,
        })
        .filter(|c| {
            !matches!(
                c,
                '\u{200c}' | '\u{200d}' | '\u{0640}' | '\u{200f}' | '\u{200e}'
            )
        })
        .map(|c| {
            if c.is_alphanumeric() || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .to_lowercase();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl TextIntent {
    pub fn of(text: &str) -> TextIntent {
        let folded = fold_text(text);
        if word_language(OPT_OUT, &folded).is_some() {
            return TextIntent::OptOut;
        }
        if word_language(OPT_IN, &folded).is_some() {
            return TextIntent::OptIn;
        }
        // "CR-7K3MA-9QXPB ABCD-EFGH-JKMN-PQRS", perhaps with "status" before it: the
        // reference's 12 symbols and the code's 16, whatever the spacing and dashes.
        let compact: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let compact = compact.strip_prefix("STATUS").unwrap_or(&compact);
        if compact.len() == 28
            && compact.starts_with("CR")
            && let Ok(reference) = compact[..12].parse::<ReferenceNumber>()
        {
            return TextIntent::Status {
                reference,
                code: compact[12..].to_string(),
            };
        }
        TextIntent::Request
    }
}

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// The acknowledgement of a request that came by text: the reference, in English, Dari and
/// Pashto (the person's language is not known yet), short enough for three SMS in UCS-2.
pub fn text_acknowledgement(reference: &ReferenceNumber) -> String {
    let r = reference.as_str();
    format!(
        "Received. Your reference: {r}. Quote it when you write or call.\n\
         رسید. شمارهٔ مراجعه: {FSI}{r}{PDI}\n\
         ترلاسه شوه. د مراجعې شمېره: {FSI}{r}{PDI}\n\
         STOP = no more messages"
    )
}

/// The acknowledgement with the secret code that, texted back with the reference, answers
/// with the request's status (see [`TextIntent::Status`]): four SMS in UCS-2 at most.
pub fn text_acknowledgement_with_code(reference: &ReferenceNumber, code: &str) -> String {
    let r = reference.as_str();
    format!(
        "Received. Reference: {r} Code: {code}\n\
         Text both to learn the status. Keep the code secret.\n\
         رسید. شمارهٔ مراجعه: {FSI}{r}{PDI} رمز: {FSI}{code}{PDI}\n\
         ترلاسه شوه. شمېره: {FSI}{r}{PDI} کوډ: {FSI}{code}{PDI}\n\
         STOP = no more messages"
    )
}

/// The answer to a status query: the coarse status only, as the status page shows it.
pub fn text_status(reference: &ReferenceNumber, status: PublicStatus) -> String {
    let r = reference.as_str();
    let (dari, pashto) = match status {
        PublicStatus::Received => ("دریافت شده", "ترلاسه شوې"),
        PublicStatus::UnderReview => ("در حال بررسی", "تر کتنې لاندې"),
        PublicStatus::Referred => ("به سازمان همکار راجع شده", "همکارې ادارې ته لېږل شوې"),
        PublicStatus::Closed => ("بسته شده", "تړل شوې"),
    };
    format!(
        "{r}: {}.\n{FSI}{r}{PDI}: {dari}\n{FSI}{r}{PDI}: {pashto}",
        status.label()
    )
}

/// How an SMS carries a text: GSM 7-bit when every character is in the GSM default alphabet,
/// otherwise UCS-2 (Dari, Pashto, Urdu). Kannel's `coding` parameter: 0 or 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsCoding {
    Gsm7,
    Ucs2,
}

/// The GSM 03.38 default alphabet (without its extension table, whose characters count
/// double: a text using them is sent as UCS-2, which is always safe).
const GSM7: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

impl SmsCoding {
    pub fn of(text: &str) -> SmsCoding {
        if text.chars().all(|c| GSM7.contains(c)) {
            SmsCoding::Gsm7
        } else {
            SmsCoding::Ucs2
        }
    }

    /// Kannel's `coding` value.
    pub fn kannel(self) -> u8 {
        match self {
            SmsCoding::Gsm7 => 0,
            SmsCoding::Ucs2 => 2,
        }
    }

    /// How many SMS the text takes: one holds 160 GSM characters or 70 UTF-16 units; parts
    /// of a long message hold 153 or 67 (the rest is the header that joins them).
    pub fn parts(self, text: &str) -> usize {
        let (single, part, n) = match self {
            SmsCoding::Gsm7 => (160, 153, text.chars().count()),
            SmsCoding::Ucs2 => (70, 67, text.encode_utf16().count()),
        };
        if n <= single { 1 } else { n.div_ceil(part) }
    }
}

/// WhatsApp's rule: free text only within 24 hours of the person's last message; after that,
/// only an approved template.
pub fn whatsapp_free_text_allowed(
    last_incoming: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    last_incoming.is_some_and(|at| now - at < chrono::Duration::hours(24))
}

/// One message of a conversation as staff see it on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConversationMessage {
    pub id: i64,
    pub channel: MessageChannel,
    pub direction: MessageDirection,
    pub state: MessageState,
    /// The number in E.164.
    #[schema(max_length = 20)]
    pub number: String,
    #[schema(max_length = 4000)]
    pub text: String,
    pub inquiry_id: Option<crate::InquiryId>,
    pub reference: Option<ReferenceNumber>,
    pub at: DateTime<Utc>,
    pub state_at: DateTime<Utc>,
    /// The number is blocked now (its messages open nothing, nothing is sent to it).
    #[serde(default)]
    pub number_blocked: bool,
    /// The number said STOP and not START since.
    #[serde(default)]
    pub number_opted_out: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_in_four_languages_opt_out() {
        for w in [
            "STOP",
            " stop. ",
            "Unsubscribe",
            "توقف",
            "لغو",
            "ودرېږه",
            "بند",
            "بند کریں",
            "روکیں",
            "بس کن",
            "بند كريں",
        ] {
            assert_eq!(TextIntent::of(w), TextIntent::OptOut, "{w}");
        }
        for w in ["please stop sending my brother away", "بند نیست", "start"] {
            assert_ne!(TextIntent::of(w), TextIntent::OptOut, "{w}");
        }
        assert_eq!(TextIntent::of("START"), TextIntent::OptIn);
        assert_eq!(TextIntent::of("شروع"), TextIntent::OptIn);
    }

    #[test]
    fn consent_words_say_their_language() {
        assert_eq!(consent_word_language(" Stop "), Some(Language::English));
        assert_eq!(consent_word_language("توقف"), Some(Language::Dari));
        assert_eq!(consent_word_language("ودرېږه"), Some(Language::Pashto));
        assert_eq!(consent_word_language("بند کریں"), Some(Language::Urdu));
        assert_eq!(consent_word_language("پیل"), Some(Language::Pashto));
        assert_eq!(consent_word_language("help us"), None);
        assert!(text_opted_out(Language::Dari).contains("START"));
        assert!(text_opted_in(Language::Urdu).contains("STOP"));
    }

    #[test]
    fn a_reference_and_code_ask_for_the_status() {
        let r = ReferenceNumber::random(&mut rand::thread_rng());
        for text in [
            format!("{r} ABCD-EFGH-JKMN-PQRS"),
            format!("status {} abcdefghjkmnpqrs", r.as_str().to_lowercase()),
        ] {
            assert_eq!(
                TextIntent::of(&text),
                TextIntent::Status {
                    reference: r.clone(),
                    code: "ABCDEFGHJKMNPQRS".into()
                },
                "{text}"
            );
        }
        assert_eq!(TextIntent::of(r.as_str()), TextIntent::Request);
        assert_eq!(
            TextIntent::of("My family is at Torkham, 5 people"),
            TextIntent::Request
        );
    }

    #[test]
    fn dari_goes_as_ucs2_and_long_texts_take_several_parts() {
        assert_eq!(SmsCoding::of("Hello, world"), SmsCoding::Gsm7);
        assert_eq!(SmsCoding::of("سلام"), SmsCoding::Ucs2);
        assert_eq!(SmsCoding::Gsm7.parts(&"a".repeat(160)), 1);
        assert_eq!(SmsCoding::Gsm7.parts(&"a".repeat(161)), 2);
        assert_eq!(SmsCoding::Ucs2.parts(&"س".repeat(70)), 1);
        assert_eq!(SmsCoding::Ucs2.parts(&"س".repeat(135)), 3);
        let ack = text_acknowledgement(&ReferenceNumber::random(&mut rand::thread_rng()));
        assert_eq!(SmsCoding::of(&ack), SmsCoding::Ucs2);
        assert!(
            SmsCoding::Ucs2.parts(&ack) <= 3,
            "{}",
            ack.encode_utf16().count()
        );
        let with_code = text_acknowledgement_with_code(
            &ReferenceNumber::random(&mut rand::thread_rng()),
            "ABCD-EFGH-JKMN-PQRS",
        );
        assert!(
            SmsCoding::Ucs2.parts(&with_code) <= 4,
            "{}",
            with_code.encode_utf16().count()
        );
    }

    #[test]
    fn delivery_reports_only_move_forward() {
        use MessageState::*;
        assert!(Queued.may_become(Sent));
        assert!(Sent.may_become(Delivered));
        assert!(!Delivered.may_become(Sent));
        assert!(!Received.may_become(Delivered));
    }

    #[test]
    fn free_text_on_whatsapp_within_a_day_only() {
        let now = Utc::now();
        assert!(whatsapp_free_text_allowed(
            Some(now - chrono::Duration::hours(23)),
            now
        ));
        assert!(!whatsapp_free_text_allowed(
            Some(now - chrono::Duration::hours(25)),
            now
        ));
        assert!(!whatsapp_free_text_allowed(None, now));
    }
}
