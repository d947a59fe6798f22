//! The domain's values (statuses, pathways, channels, roles, …) as readers see them: each
//! value's message is `<kind>-<code>` in the catalogs, so that a page never shows an internal
//! code or the English label the domain keeps for the API documentation and the CSV files.

use corridor_domain::{
    CaseCategory, CaseOutcome, CaseStatus, Channel, DeadlineKind, EvidenceKind, Language, OrgKind,
    Pathway, Priority, ReferralState, ReplyDelivery, ReplyTemplate, RequesterKind, ReviewStatus,
    Role, Sex, ShareField,
};

/// A value with a message of its own in every catalog.
pub trait Term: Copy {
    /// The message id's prefix.
    const KIND: &'static str;
    fn code(self) -> &'static str;
}

macro_rules! terms {
    ($($ty:ty => $kind:literal,)*) => {
        $(impl Term for $ty {
            const KIND: &'static str = $kind;
            fn code(self) -> &'static str {
                self.as_str()
            }
        })*

        /// Every value of every kind, as message ids (for the completeness test).
        #[cfg(test)]
        pub(crate) fn all_ids() -> Vec<String> {
            let mut ids = vec![];
            $(ids.extend(<$ty>::ALL.iter().map(|v| id(*v)));)*
            ids.extend([ReviewStatus::Pending, ReviewStatus::Same, ReviewStatus::Different].map(id));
            ids.extend(
                [ReplyDelivery::EmailQueued, ReplyDelivery::ToDeliverByPhone, ReplyDelivery::ToDeliverInPerson]
                    .map(id),
            );
            for p in Pathway::ALL {
                ids.extend(p.steps().iter().map(|s| format!("step-{}", s.code)));
            }
            ids
        }
    };
}

terms! {
    Channel => "channel",
    RequesterKind => "requester-kind",
    CaseCategory => "category",
    Role => "role",
    Sex => "sex",
    CaseStatus => "case-status",
    Priority => "priority",
    CaseOutcome => "outcome",
    Pathway => "pathway",
    EvidenceKind => "evidence",
    OrgKind => "org-kind",
    ReferralState => "referral-state",
    ShareField => "share-field",
    Language => "reply-language",
    ReplyTemplate => "reply-template",
    DeadlineKind => "deadline-kind",
}

// These two have no list of every value in the domain; the test names them.
impl Term for ReviewStatus {
    const KIND: &'static str = "review-status";
    fn code(self) -> &'static str {
        self.as_str()
    }
}

impl Term for ReplyDelivery {
    const KIND: &'static str = "delivery";
    fn code(self) -> &'static str {
        self.as_str()
    }
}

fn id<T: Term>(v: T) -> String {
    format!("{}-{}", T::KIND, v.code())
}

/// A value in the reader's language.
pub fn term<T: Term>(v: T) -> String {
    crate::t(&id(v))
}

/// A pathway's step (the codes are shared between pathways where the words are).
pub fn step(code: &str) -> String {
    crate::t(&format!("step-{code}"))
}

/// A value given by its code, for lists built from stored codes (the situation report's
/// breakdowns); a code the kind does not know is shown as it is.
pub fn by_code<T: Term + std::str::FromStr>(code: &str) -> Option<String> {
    code.parse::<T>().ok().map(term)
}

/// Why the matcher thinks a person may be the one searched for: "tazkira exact", in words.
pub fn agreement(a: &crate::search::Agreement) -> String {
    format!(
        "{} {}",
        crate::t(&format!("match-field-{}", a.field)),
        crate::t(&format!("match-level-{}", a.level))
    )
}

/// The matcher's fields and levels, as `search` names them (for the completeness test).
#[cfg(test)]
pub(crate) const MATCH_FIELDS: [&str; 11] = [
    "given_name",
    "family_name",
    "father_name",
    "date_of_birth",
    "sex",
    "tazkira",
    "passport",
    "phone",
    "email",
    "address",
    "province",
];
#[cfg(test)]
pub(crate) const MATCH_LEVELS: [&str; 5] = ["exact", "close", "partial", "different", "missing"];

/// So that a value met in a list (`for s in CaseStatus::ALL`) can be named as it is.
impl<T: Term> Term for &T {
    const KIND: &'static str = T::KIND;
    fn code(self) -> &'static str {
        (*self).code()
    }
}
