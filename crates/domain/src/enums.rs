//! Closed vocabularies, each with a stable snake_case code (stored in databases and sent over the
//! API) and a human label (shown on pages).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid {kind}; expected one of: {expected}")]
pub struct ParseEnumError {
    pub kind: &'static str,
    pub value: String,
    pub expected: String,
}

/// Declares an enum with its code and label for each variant, and the conversions every
/// vocabulary needs. Parsing accepts the code, the label, and either with spaces, hyphens or
/// capitals, because the values arrive from spreadsheets typed by hand.
macro_rules! vocabulary {
    ($(#[doc = $doc:literal])* $name:ident, $kind:literal { $($variant:ident => $code:literal, $label:literal;)* }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $code)] $variant,)* }

        // Written by hand rather than derived: the derive cannot see a `serde(rename)` whose
        // value comes from a macro argument and would list the Rust variant names, which the
        // server neither sends nor accepts.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                let description = [$($doc.trim(),)* "Values:", $(concat!("`", $code, "` (", $label, ")"),)*]
                    .join(" ");
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code,)*]))
                    .description(Some(description))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ParseEnumError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = fold(s);
                $(
                    if wanted == fold($code) || wanted == fold($label) {
                        return Ok($name::$variant);
                    }
                )*
                Err(ParseEnumError {
                    kind: $kind,
                    value: s.to_string(),
                    expected: [$($code,)*].join(", "),
                })
            }
        }
    };
}

pub(crate) use vocabulary;

pub(crate) fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .filter_map(|c| match c {
            ' ' | '-' | '_' | '/' => None,
            c => Some(c.to_ascii_lowercase()),
        })
        .collect()
}

vocabulary!(
    /// How an inquiry reached the task force.
    Channel, "channel" {
        WebForm => "web_form", "Web form";
        Api => "api", "API";
        Email => "email", "Email";
        Spreadsheet => "spreadsheet", "Spreadsheet";
        WalkIn => "walk_in", "Walk-in";
        Phone => "phone", "Phone";
        StaffForm => "staff_form", "Staff intake form";
        Sms => "sms", "SMS";
        WhatsApp => "whatsapp", "WhatsApp";
    }
);

vocabulary!(
    /// Who asked. Replies and reports are broken down by this.
    RequesterKind, "requester kind" {
        StateOffice => "state_office", "Government office";
        Agency => "agency", "Other agency";
        InternationalOrg => "international_org", "International organization";
        Ngo => "ngo", "NGO";
        Sponsor => "sponsor", "Sponsor";
        Congressional => "congressional", "Congressional office";
        Applicant => "self", "The person themself";
    }
);

vocabulary!(
    /// What kind of help a case is about; it decides which team a new case goes to.
    CaseCategory, "category" {
        Evacuation => "evacuation", "Evacuation";
        BorderCrossing => "border_crossing", "Border crossing";
        Visa => "visa", "Visa";
        RefugeeReferral => "refugee_referral", "Refugee referral";
        Medical => "medical", "Medical";
        Protection => "protection", "Protection";
        Other => "other", "Other";
    }
);

vocabulary!(
    /// What a user may do. Need-to-know by default: only staff roles see cases.
    Role, "role" {
        Admin => "admin", "Administrator";
        Lead => "lead", "Task force lead";
        CaseOfficer => "case_officer", "Case officer";
        IntakeClerk => "intake_clerk", "Intake clerk";
        Partner => "partner", "Partner user";
        Auditor => "auditor", "Auditor";
    }
);

vocabulary!(
    Sex, "sex" {
        Female => "female", "F";
        Male => "male", "M";
        Other => "other", "X";
    }
);

impl Role {
    /// May see case lists, case pages and the people on them.
    pub fn can_view_cases(self) -> bool {
        matches!(self, Role::Admin | Role::Lead | Role::CaseOfficer)
    }

    /// May assign owners and move cases through their workflow.
    pub fn can_manage_cases(self) -> bool {
        matches!(self, Role::Admin | Role::Lead | Role::CaseOfficer)
    }

    /// May turn an inquiry waiting in the triage queue into a case, or put it on one.
    pub fn can_triage(self) -> bool {
        self.can_manage_cases()
    }

    /// May take in requests (forms, imports, API) and see the inquiry list.
    pub fn can_take_intake(self) -> bool {
        matches!(
            self,
            Role::Admin | Role::Lead | Role::CaseOfficer | Role::IntakeClerk
        )
    }

    /// May create users and teams.
    pub fn can_administer(self) -> bool {
        matches!(self, Role::Admin)
    }
}

impl Sex {
    /// Parses the way lists write it; anything unrecognised is absent rather than an error,
    /// because a wrong sex column must not cost a person their inquiry.
    pub fn parse_lenient(s: &str) -> Option<Sex> {
        match fold(s).as_str() {
            "f" | "female" | "woman" | "girl" | "زن" => Some(Sex::Female),
            "m" | "male" | "man" | "boy" | "مرد" => Some(Sex::Male),
            "x" | "other" => Some(Sex::Other),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_lists_the_wire_values() {
        let schema =
            serde_json::to_value(<RequesterKind as utoipa::PartialSchema>::schema()).unwrap();
        let values: Vec<&str> = schema["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let wire: Vec<String> = RequesterKind::ALL
            .iter()
            .map(|k| {
                serde_json::to_value(k)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(values, wire);
        assert!(values.contains(&"self"), "{values:?}");
        assert_eq!(schema["type"], "string");
    }

    #[test]
    fn codes_round_trip_and_labels_parse() {
        for c in Channel::ALL {
            assert_eq!(c.as_str().parse::<Channel>().unwrap(), *c);
            assert_eq!(c.label().parse::<Channel>().unwrap(), *c);
        }
        assert_eq!("Walk In".parse::<Channel>().unwrap(), Channel::WalkIn);
        assert_eq!(
            "Border-Crossing".parse::<CaseCategory>().unwrap(),
            CaseCategory::BorderCrossing
        );
        assert_eq!(
            "self".parse::<RequesterKind>().unwrap(),
            RequesterKind::Applicant
        );
    }

    #[test]
    fn json_uses_the_stable_codes() {
        assert_eq!(
            serde_json::to_string(&RequesterKind::Applicant).unwrap(),
            "\"self\""
        );
        assert_eq!(
            serde_json::from_str::<Channel>("\"walk_in\"").unwrap(),
            Channel::WalkIn
        );
    }

    #[test]
    fn unknown_value_names_the_choices() {
        let err = "telegram".parse::<Channel>().unwrap_err();
        assert_eq!(err.kind, "channel");
        assert!(err.to_string().contains("walk_in"), "{err}");
    }

    #[test]
    fn only_staff_roles_see_cases() {
        assert!(Role::CaseOfficer.can_view_cases());
        assert!(!Role::IntakeClerk.can_view_cases());
        assert!(!Role::Partner.can_view_cases());
        assert!(!Role::Auditor.can_manage_cases());
        assert!(Role::IntakeClerk.can_take_intake());
    }

    #[test]
    fn sex_is_lenient() {
        assert_eq!(Sex::parse_lenient(" f "), Some(Sex::Female));
        assert_eq!(Sex::parse_lenient("Male"), Some(Sex::Male));
        assert_eq!(Sex::parse_lenient("unknown"), None);
    }
}

vocabulary!(
    /// An eligibility pathway a person may be on; several can be in play for one person. The
    /// steps of each, and the order they go in, are in `pathway`.
    Pathway, "pathway" {
        Siv => "siv", "Special Immigrant Visa (SIV)";
        RefugeeP1 => "refugee_p1", "Refugee referral P-1";
        RefugeeP2 => "refugee_p2", "Refugee referral P-2";
        HumanitarianParole => "humanitarian_parole", "Humanitarian parole";
        UnhcrRegistration => "unhcr_registration", "UNHCR registration";
        ClaimedNoRecord => "claimed_no_record", "Claims eligibility, no record found";
    }
);

vocabulary!(
    /// The kind of document held as evidence for a pathway step.
    EvidenceKind, "evidence kind" {
        ComApprovalLetter => "com_approval_letter", "Chief of Mission approval letter";
        ComApplication => "com_application", "Chief of Mission application";
        I360Receipt => "i360_receipt", "I-360 receipt notice";
        NvcCaseNumber => "nvc_case_number", "NVC case number";
        InterviewLetter => "interview_letter", "Interview appointment letter";
        Visa => "visa", "Visa";
        ReferralLetter => "referral_letter", "Referral letter";
        ParoleDecision => "parole_decision", "Parole decision";
        UnhcrRegistration => "unhcr_registration", "UNHCR registration number";
        EmploymentRecord => "employment_record", "Employment record";
        IdentityDocument => "identity_document", "Identity document";
        Other => "other", "Other";
    }
);
