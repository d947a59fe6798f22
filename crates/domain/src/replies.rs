//! Templated replies to requesters, in English, Dari and Pashto.
//!
//! The texts are kept here, in the repository, so that a translation is reviewed like code.
//! They never carry personal data: only the inquiry's reference number, which the requester
//! already has. In the right-to-left languages the (Latin) reference is wrapped in Unicode
//! isolates so that it keeps its own direction inside the sentence.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::ParseEnumError;
use crate::enums::fold;

crate::enums::vocabulary!(
    /// The language a requester is answered in.
    Language, "language" {
        English => "en", "English";
        Dari => "prs", "Dari";
        Pashto => "ps", "Pashto";
        Urdu => "ur", "Urdu";
    }
);

crate::enums::vocabulary!(
    /// What a reply says.
    ReplyTemplate, "reply template" {
        Progress => "progress", "Acknowledgement of progress";
        DocumentsNeeded => "documents_needed", "Request for documents";
        ReferralMade => "referral_made", "Referral made";
        CaseClosed => "case_closed", "Case closed";
    }
);

impl Language {
    /// Dari, Pashto and Urdu are written right to left.
    pub fn is_rtl(self) -> bool {
        !matches!(self, Language::English)
    }

    /// For HTML: `dir` attribute value.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// The name of the language in itself, for pickers.
    pub fn endonym(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Dari => "دری",
            Language::Pashto => "پښتو",
            Language::Urdu => "اردو",
        }
    }
}

/// A rendered reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReplyText {
    pub subject: String,
    pub body: String,
}

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// A text with `{ref}` replaced by the reference number, isolated in right-to-left text so
/// that it keeps its own direction.
fn fill(language: Language, subject: &str, body: &str, reference: &str) -> ReplyText {
    let reference = if language.is_rtl() {
        format!("{FSI}{reference}{PDI}")
    } else {
        reference.to_string()
    };
    ReplyText {
        subject: subject.replace("{ref}", &reference),
        body: body.replace("{ref}", &reference),
    }
}

impl ReplyTemplate {
    /// The subject and body, with `{ref}` replaced by the reference number.
    pub fn render(self, language: Language, reference: &str) -> ReplyText {
        let (subject, body) = self.text(language);
        fill(language, subject, body, reference)
    }

    fn text(self, language: Language) -> (&'static str, &'static str) {
        use Language::*;
        use ReplyTemplate::*;
        match (self, language) {
            (Progress, English) => (
                "Update on your request {ref}",
                "We are writing about your request {ref}. Our team is working on it. \
                 We will contact you again when there is news.\n\n\
                 Please quote the reference number whenever you write or call.",
            ),
            (Progress, Dari) => (
                "معلومات تازه درباره درخواست شما {ref}",
                "ما در مورد درخواست شما به شماره {ref} به شما می‌نویسیم. تیم ما روی درخواست شما کار می‌کند. \
                 هر وقت خبر تازه‌ای باشد، دوباره با شما تماس می‌گیریم.\n\n\
                 لطفاً هنگام نوشتن یا تماس گرفتن، این شماره را ذکر کنید.",
            ),
            (Progress, Pashto) => (
                "ستاسو د غوښتنې {ref} په اړه تازه معلومات",
                "موږ تاسو ته ستاسو د غوښتنې {ref} په اړه لیکو. زموږ ټیم ستاسو په غوښتنه کار کوي. \
                 کله چې نوی خبر وي، بیا به له تاسو سره اړیکه ونیسو.\n\n\
                 مهرباني وکړئ کله چې لیکئ یا زنګ وهئ، دا شمېره یاده کړئ.",
            ),
            (Progress, Urdu) => (
                "آپ کی درخواست {ref} کے بارے میں تازہ معلومات",
                "ہم آپ کو آپ کی درخواست {ref} کے بارے میں لکھ رہے ہیں۔ ہماری ٹیم اس پر کام کر رہی ہے۔ \
                 جب کوئی نئی خبر ہو گی تو ہم آپ سے دوبارہ رابطہ کریں گے۔\n\n\
                 براہ کرم لکھتے یا فون کرتے وقت یہ حوالہ نمبر ضرور بتائیں۔",
            ),
            (DocumentsNeeded, English) => (
                "Documents needed for your request {ref}",
                "To continue with your request {ref}, we need copies of the identity documents \
                 of the people named in it.\n\n\
                 Please do not send documents in reply to this message: a case officer will \
                 contact you about a safe way to share them.",
            ),
            (DocumentsNeeded, Dari) => (
                "درخواست اسناد برای درخواست شما {ref}",
                "برای ادامه رسیدگی به درخواست شما به شماره {ref}، به کاپی اسناد هویتی افرادی که در آن نام برده شده‌اند نیاز داریم.\n\n\
                 لطفاً اسناد را در پاسخ به این پیام نفرستید؛ یک مسئول پرونده درباره یک راه امن برای فرستادن آن‌ها با شما تماس خواهد گرفت.",
            ),
            (DocumentsNeeded, Pashto) => (
                "ستاسو د غوښتنې {ref} لپاره اسناد ته اړتیا ده",
                "ستاسو د غوښتنې {ref} د پرمخ وړلو لپاره، موږ په دې کې د یادو شویو کسانو د پېژندنې د اسنادو کاپي ته اړتیا لرو.\n\n\
                 مهرباني وکړئ اسناد د دې پیغام په ځواب کې مه لېږئ؛ د قضیې یو مسؤل به د یوې خوندي لارې په اړه له تاسو سره اړیکه ونیسي.",
            ),
            (DocumentsNeeded, Urdu) => (
                "آپ کی درخواست {ref} کے لیے دستاویزات درکار ہیں",
                "آپ کی درخواست {ref} پر کام جاری رکھنے کے لیے ہمیں اس میں درج لوگوں کی شناختی دستاویزات کی نقول درکار ہیں۔\n\n\
                 براہ کرم اس پیغام کے جواب میں دستاویزات نہ بھیجیں؛ ایک کیس افسر انہیں محفوظ طریقے سے بھیجنے کے بارے میں آپ سے رابطہ کرے گا۔",
            ),
            (ReferralMade, English) => (
                "Your request {ref} has been referred to a partner",
                "Your request {ref} has been referred to a partner organization that can help. \
                 They may contact you directly.\n\n\
                 Please quote the reference number whenever you write or call us.",
            ),
            (ReferralMade, Dari) => (
                "درخواست شما {ref} به یک سازمان همکار راجع شد",
                "درخواست شما به شماره {ref} به یک سازمان همکار که می‌تواند کمک کند، راجع شده است. \
                 ممکن است آن سازمان مستقیماً با شما تماس بگیرد.\n\n\
                 لطفاً هنگام نوشتن یا تماس گرفتن با ما، این شماره را ذکر کنید.",
            ),
            (ReferralMade, Pashto) => (
                "ستاسو غوښتنه {ref} یوې همکارې ادارې ته ولېږل شوه",
                "ستاسو غوښتنه {ref} یوې همکارې ادارې ته چې مرسته کولی شي، ولېږل شوه. \
                 کېدای شي دا اداره مستقیم له تاسو سره اړیکه ونیسي.\n\n\
                 مهرباني وکړئ کله چې موږ ته لیکئ یا زنګ وهئ، دا شمېره یاده کړئ.",
            ),
            (ReferralMade, Urdu) => (
                "آپ کی درخواست {ref} ایک شراکت دار ادارے کو بھیج دی گئی ہے",
                "آپ کی درخواست {ref} ایک ایسے شراکت دار ادارے کو بھیج دی گئی ہے جو مدد کر سکتا ہے۔ \
                 وہ ادارہ براہ راست آپ سے رابطہ کر سکتا ہے۔\n\n\
                 براہ کرم ہمیں لکھتے یا فون کرتے وقت یہ حوالہ نمبر ضرور بتائیں۔",
            ),
            (CaseClosed, English) => (
                "Your request {ref} is closed",
                "Our work on your request {ref} is finished and the case has been closed.\n\n\
                 If you need more help, please contact us again and quote this reference number.",
            ),
            (CaseClosed, Dari) => (
                "پرونده درخواست شما {ref} بسته شد",
                "کار ما روی درخواست شما به شماره {ref} به پایان رسیده و پرونده بسته شده است.\n\n\
                 اگر به کمک بیشتر نیاز دارید، لطفاً دوباره با ما تماس بگیرید و این شماره را ذکر کنید.",
            ),
            (CaseClosed, Pashto) => (
                "ستاسو د غوښتنې {ref} قضیه وتړل شوه",
                "ستاسو د غوښتنې {ref} په اړه زموږ کار پای ته ورسېد او قضیه وتړل شوه.\n\n\
                 که نورې مرستې ته اړتیا لرئ، مهرباني وکړئ بیا له موږ سره اړیکه ونیسئ او دا شمېره یاده کړئ.",
            ),
            (CaseClosed, Urdu) => (
                "آپ کی درخواست {ref} بند کر دی گئی ہے",
                "آپ کی درخواست {ref} پر ہمارا کام مکمل ہو گیا ہے اور کیس بند کر دیا گیا ہے۔\n\n\
                 اگر آپ کو مزید مدد چاہیے تو براہ کرم ہم سے دوبارہ رابطہ کریں اور یہ حوالہ نمبر بتائیں۔",
            ),
        }
    }
}

/// How a reply reaches a requester: through the channel they used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReplyDelivery {
    /// Queued in the outbox to the requester's email address.
    EmailQueued,
    /// Logged for a member of staff to read out by phone.
    ToDeliverByPhone,
    /// Logged for a member of staff to give in person.
    ToDeliverInPerson,
    /// Queued in the outbox as an SMS to the number the requester wrote from.
    SmsQueued,
    /// Queued in the outbox as a WhatsApp message to the number the requester wrote from.
    WhatsappQueued,
}

impl ReplyDelivery {
    pub fn as_str(self) -> &'static str {
        match self {
            ReplyDelivery::EmailQueued => "email_queued",
            ReplyDelivery::ToDeliverByPhone => "to_deliver_by_phone",
            ReplyDelivery::ToDeliverInPerson => "to_deliver_in_person",
            ReplyDelivery::SmsQueued => "sms_queued",
            ReplyDelivery::WhatsappQueued => "whatsapp_queued",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReplyDelivery::EmailQueued => "email queued",
            ReplyDelivery::ToDeliverByPhone => "to deliver by phone",
            ReplyDelivery::ToDeliverInPerson => "to deliver in person",
            ReplyDelivery::SmsQueued => "SMS queued",
            ReplyDelivery::WhatsappQueued => "WhatsApp queued",
        }
    }

    /// The channel the requester used decides how they are answered; email goes out by
    /// email only when there is an address to send to, a text message only when the number
    /// it came from is known (`has_number`).
    pub fn for_channel(
        channel: crate::Channel,
        has_email: bool,
        has_number: bool,
    ) -> ReplyDelivery {
        use crate::Channel::*;
        match channel {
            Sms if has_number => ReplyDelivery::SmsQueued,
            WhatsApp if has_number => ReplyDelivery::WhatsappQueued,
            Email | WebForm | Api | Spreadsheet if has_email => ReplyDelivery::EmailQueued,
            Phone => ReplyDelivery::ToDeliverByPhone,
            WalkIn | StaffForm => ReplyDelivery::ToDeliverInPerson,
            // An email-like channel without an address: someone has to call.
            _ => ReplyDelivery::ToDeliverByPhone,
        }
    }
}

impl FromStr for ReplyDelivery {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            ReplyDelivery::EmailQueued,
            ReplyDelivery::ToDeliverByPhone,
            ReplyDelivery::ToDeliverInPerson,
            ReplyDelivery::SmsQueued,
            ReplyDelivery::WhatsappQueued,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
        .ok_or_else(|| ParseEnumError {
            kind: "reply delivery",
            value: s.to_string(),
            expected: "email_queued, to_deliver_by_phone, to_deliver_in_person, sms_queued, \
                       whatsapp_queued"
                .into(),
        })
    }
}

/// The outbox kind of an emailed reply: `reply:<template>:<language>`, so the sender knows
/// what to write without the outbox holding any text.
pub fn outbox_kind(template: ReplyTemplate, language: Language) -> String {
    format!("reply:{}:{}", template.as_str(), language.as_str())
}

/// The outbox kind of an acknowledgement in the requester's language:
/// `acknowledgement:<language>`. A plain `acknowledgement` (language unknown, as for mail
/// and imported lists) is written in every language at once.
pub fn acknowledgement_kind(language: Language) -> String {
    format!("acknowledgement:{}", language.as_str())
}

/// The language of an outbox kind written by [`acknowledgement_kind`].
pub fn parse_acknowledgement_kind(kind: &str) -> Option<Language> {
    kind.strip_prefix("acknowledgement:")?.parse().ok()
}

/// The acknowledgement of a new request, in one language, with the reference number.
pub fn acknowledgement(language: Language, reference: &str) -> ReplyText {
    let (subject, body) = match language {
        Language::English => (
            "Request received: {ref}",
            "We have received your request.\n\n\
             Reference number: {ref}\n\n\
             Please quote this reference number whenever you write or call about this request.\n\
             Do not reply with documents or personal details unless a case officer asks for them.",
        ),
        Language::Dari => (
            "درخواست رسید: {ref}",
            "درخواست شما به ما رسید.\n\n\
             شمارهٔ مراجعه: {ref}\n\n\
             لطفاً هر وقت دربارهٔ این درخواست می‌نویسید یا زنگ می‌زنید، این شماره را بگویید.\n\
             تا وقتی یک مسئول پرونده نخواسته، اسناد یا معلومات شخصی نفرستید.",
        ),
        Language::Pashto => (
            "غوښتنه ترلاسه شوه: {ref}",
            "ستاسو غوښتنه موږ ته راورسېده.\n\n\
             د مراجعې شمېره: {ref}\n\n\
             مهرباني وکړئ هر کله چې د دې غوښتنې په اړه لیکئ یا زنګ وهئ، دا شمېره یاده کړئ.\n\
             تر هغه چې د قضیې یو مسؤل غوښتي نه وي، اسناد یا شخصي معلومات مه لېږئ.",
        ),
        Language::Urdu => (
            "درخواست موصول ہوئی: {ref}",
            "ہمیں آپ کی درخواست مل گئی ہے۔\n\n\
             حوالہ نمبر: {ref}\n\n\
             براہ کرم اس درخواست کے بارے میں لکھتے یا فون کرتے وقت یہ حوالہ نمبر ضرور بتائیں۔\n\
             جب تک کوئی کیس افسر نہ کہے، دستاویزات یا ذاتی معلومات نہ بھیجیں۔",
        ),
    };
    fill(language, subject, body, reference)
}

/// The template and language of an outbox kind written by [`outbox_kind`].
pub fn parse_outbox_kind(kind: &str) -> Option<(ReplyTemplate, Language)> {
    let rest = kind.strip_prefix("reply:")?;
    let (t, l) = rest.split_once(':')?;
    Some((t.parse().ok()?, l.parse().ok()?))
}

impl fmt::Display for ReplyDelivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One reply to one requester, as logged on the case. The message itself is not kept: the
/// template and language say what it was.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CaseReply {
    pub id: crate::ReplyId,
    pub case_id: crate::CaseId,
    pub requester_id: crate::RequesterId,
    pub requester_name: String,
    pub template: ReplyTemplate,
    pub language: Language,
    pub channel: crate::Channel,
    pub delivery: ReplyDelivery,
    pub by_name: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Channel;

    fn is_perso_arabic(s: &str) -> bool {
        s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    }

    #[test]
    fn every_template_exists_in_every_language_and_names_the_reference() {
        for t in ReplyTemplate::ALL {
            for l in Language::ALL {
                let r = t.render(*l, "CR-TEST-1");
                assert!(r.body.contains("CR-TEST-1"), "{t:?} {l:?}");
                assert!(r.subject.contains("CR-TEST-1"), "{t:?} {l:?}");
                assert!(!r.body.contains("{ref}"));
                assert_eq!(is_perso_arabic(&r.body), l.is_rtl(), "{t:?} {l:?}");
            }
        }
    }

    #[test]
    fn the_reference_keeps_its_direction_in_rtl_text() {
        let r = ReplyTemplate::Progress.render(Language::Pashto, "CR-1");
        assert!(r.body.contains("\u{2068}CR-1\u{2069}"));
        let r = ReplyTemplate::Progress.render(Language::English, "CR-1");
        assert!(!r.body.contains('\u{2068}'));
    }

    #[test]
    fn replies_follow_the_channel_used() {
        assert_eq!(
            ReplyDelivery::for_channel(Channel::Email, true, false),
            ReplyDelivery::EmailQueued
        );
        assert_eq!(
            ReplyDelivery::for_channel(Channel::WalkIn, true, false),
            ReplyDelivery::ToDeliverInPerson
        );
        assert_eq!(
            ReplyDelivery::for_channel(Channel::Phone, true, false),
            ReplyDelivery::ToDeliverByPhone
        );
        assert_eq!(
            ReplyDelivery::for_channel(Channel::Email, false, false),
            ReplyDelivery::ToDeliverByPhone
        );
    }

    #[test]
    fn outbox_kinds_round_trip() {
        let k = outbox_kind(ReplyTemplate::CaseClosed, Language::Dari);
        assert_eq!(
            parse_outbox_kind(&k),
            Some((ReplyTemplate::CaseClosed, Language::Dari))
        );
        assert_eq!(parse_outbox_kind("acknowledgement"), None);
        for l in Language::ALL {
            assert_eq!(
                parse_acknowledgement_kind(&acknowledgement_kind(*l)),
                Some(*l)
            );
            let ack = acknowledgement(*l, "CR-TEST-2");
            assert!(ack.subject.contains("CR-TEST-2") && ack.body.contains("CR-TEST-2"));
            assert_eq!(is_perso_arabic(&ack.body), l.is_rtl(), "{l:?}");
        }
        assert_eq!(parse_acknowledgement_kind("acknowledgement"), None);
        assert_eq!("Dari".parse::<Language>().unwrap(), Language::Dari);
    }
}
