//! Referrals to partner organizations: who may move a referral where, and what a referral
//! shares. The rules live here so that the partner view, staff recording an answer by hand and
//! bulk referral all move referrals the same way.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::enums::fold;

use crate::{CaseCategory, CaseId, ParseEnumError, PersonDetails};

macro_rules! referral_id {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map($name)
            }
        }
    )*};
}

referral_id!(OrgId, ReferralId, ReplyId);

crate::enums::vocabulary!(
    /// What kind of organization a partner is.
    OrgKind, "organization kind" {
        UnAgency => "un_agency", "UN agency";
        Ngo => "ngo", "NGO";
        Government => "government", "Government";
        Other => "other", "Other";
    }
);

crate::enums::vocabulary!(
    /// Where a referral stands.
    ReferralState, "referral state" {
        Sent => "sent", "Sent";
        Acknowledged => "acknowledged", "Acknowledged";
        Accepted => "accepted", "Accepted";
        Declined => "declined", "Declined";
        Completed => "completed", "Completed";
        Withdrawn => "withdrawn", "Withdrawn";
    }
);

crate::enums::vocabulary!(
    /// The fields a sender may choose to share. Nothing else about a person ever leaves.
    ShareField, "shared field" {
        Names => "names", "Names";
        DatesOfBirth => "dates_of_birth", "Dates of birth";
        Phones => "phones", "Phone numbers";
        DocumentNumbers => "document_numbers", "Document numbers";
        Location => "location", "Location";
        Category => "category", "Category";
        Message => "message", "A message";
    }
);

/// Who is moving a referral: the partner organization itself, or staff (the sender's side,
/// which withdraws, and records a partner's answer by hand for partners not on Corridor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralSide {
    Partner,
    Staff,
}

/// A change to a referral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ReferralAction {
    Acknowledge,
    Accept,
    Decline { reason: String },
    Complete { note: String },
    Withdraw { reason: Option<String> },
}

impl ReferralAction {
    pub fn target(&self) -> ReferralState {
        match self {
            ReferralAction::Acknowledge => ReferralState::Acknowledged,
            ReferralAction::Accept => ReferralState::Accepted,
            ReferralAction::Decline { .. } => ReferralState::Declined,
            ReferralAction::Complete { .. } => ReferralState::Completed,
            ReferralAction::Withdraw { .. } => ReferralState::Withdrawn,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferralError {
    #[error("a referral cannot go from {from} to {to}")]
    NotAllowed {
        from: ReferralState,
        to: ReferralState,
    },
    #[error("declining a referral needs a reason")]
    ReasonRequired,
    #[error("completing a referral needs a note on the result")]
    ResultRequired,
    #[error("only the sending side can withdraw a referral")]
    OnlySenderWithdraws,
}

impl ReferralState {
    /// The states a referral may move to from this one. Accepting or declining straight from
    /// "sent" is allowed: an answer implies the referral was received.
    pub fn next(self) -> &'static [ReferralState] {
        use ReferralState::*;
        match self {
            Sent => &[Acknowledged, Accepted, Declined, Withdrawn],
            Acknowledged => &[Accepted, Declined, Withdrawn],
            Accepted => &[Completed, Withdrawn],
            Declined | Completed | Withdrawn => &[],
        }
    }

    /// Still waiting for the partner's answer: these become overdue after the respond-by time.
    pub fn awaits_answer(self) -> bool {
        matches!(self, ReferralState::Sent | ReferralState::Acknowledged)
    }

    /// The partner still has the case in hand (the case waits on a partner).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            ReferralState::Sent | ReferralState::Acknowledged | ReferralState::Accepted
        )
    }

    /// Checks an action against the workflow and the side taking it.
    pub fn apply(self, action: &ReferralAction, side: ReferralSide) -> Result<(), ReferralError> {
        let to = action.target();
        if to == ReferralState::Withdrawn && side == ReferralSide::Partner {
            return Err(ReferralError::OnlySenderWithdraws);
        }
        if !self.next().contains(&to) {
            return Err(ReferralError::NotAllowed { from: self, to });
        }
        match action {
            ReferralAction::Decline { reason } if reason.trim().is_empty() => {
                Err(ReferralError::ReasonRequired)
            }
            ReferralAction::Complete { note } if note.trim().is_empty() => {
                Err(ReferralError::ResultRequired)
            }
            _ => Ok(()),
        }
    }

    pub fn is_overdue(self, respond_by: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.awaits_answer() && respond_by < now
    }
}

/// One person as a referral shares them: only the chosen fields, the rest absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SharedPerson {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub document_numbers: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// Exactly what a referral shared, frozen when it was sent: later edits to the people on the
/// case never reach the partner.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReferralSnapshot {
    pub people: Vec<SharedPerson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<CaseCategory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The documents the sender chose to share; the partner sees and downloads these only.
    /// Left out when none, so that snapshots (and signed files) made before documents could
    /// be shared read and verify as they did.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub documents: Vec<SharedDocument>,
}

/// A document a referral shares, as frozen when it was sent: the hash lets a partner holding
/// a signed file check the file beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SharedDocument {
    /// The document's id on the sending server.
    pub id: i64,
    /// What the document is: tazkira, passport, com_letter, employment_proof, i797,
    /// unhcr_slip, photo or other.
    pub kind: String,
    /// The type read from its bytes: image/jpeg, image/png or application/pdf.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// The original file name, when one is kept (none is, today: names can say too much).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub file_name: Option<String>,
}

impl ReferralSnapshot {
    /// Takes from each person only the fields chosen.
    pub fn take(
        people: &[PersonDetails],
        fields: &[ShareField],
        category: CaseCategory,
        message: Option<&str>,
    ) -> ReferralSnapshot {
        let has = |f: ShareField| fields.contains(&f);
        let people = people
            .iter()
            .map(|p| SharedPerson {
                name: has(ShareField::Names).then(|| p.display_name()),
                date_of_birth: if has(ShareField::DatesOfBirth) {
                    p.date_of_birth.clone()
                } else {
                    None
                },
                phone: if has(ShareField::Phones) {
                    p.phone.clone()
                } else {
                    None
                },
                document_numbers: if has(ShareField::DocumentNumbers) {
                    [&p.passport, &p.national_id]
                        .into_iter()
                        .flatten()
                        .cloned()
                        .collect()
                } else {
                    Vec::new()
                },
                location: if has(ShareField::Location) {
                    p.location.clone().or_else(|| p.province.clone())
                } else {
                    None
                },
            })
            .collect();
        ReferralSnapshot {
            people,
            category: has(ShareField::Category).then_some(category),
            message: if has(ShareField::Message) {
                message
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(str::to_string)
            } else {
                None
            },
            documents: Vec::new(),
        }
    }
}

/// A partner organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PartnerOrg {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub contact_email: Option<String>,
}

/// A referral with what it shared and where it stands.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Referral {
    pub id: ReferralId,
    pub case_id: CaseId,
    pub org_id: OrgId,
    pub org_name: String,
    pub state: ReferralState,
    pub fields: Vec<ShareField>,
    pub snapshot: ReferralSnapshot,
    /// Why the sender referred the case.
    pub reason: String,
    pub sent_by_name: String,
    pub sent_at: DateTime<Utc>,
    pub respond_by: DateTime<Utc>,
    pub decline_reason: Option<String>,
    pub result_note: Option<String>,
    /// Set when the last answer was recorded by staff for a partner not on Corridor.
    pub recorded_by: Option<String>,
    pub updated_at: DateTime<Utc>,
    /// Past respond-by with no answer yet, as of the read.
    pub overdue: bool,
    /// For a declined referral: whether the case's owner has taken note of it.
    pub decline_seen: bool,
}

/// A case with a declined referral its owner has not yet taken note of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DeclinedReferral {
    pub case_id: CaseId,
    pub referral_id: ReferralId,
    pub org_name: String,
    pub decline_reason: String,
}

#[cfg(test)]
mod tests {
    use super::ReferralState::*;
    use super::*;

    fn decline(r: &str) -> ReferralAction {
        ReferralAction::Decline { reason: r.into() }
    }

    #[test]
    fn a_referral_moves_from_sent_to_an_answer_to_completion() {
        let p = ReferralSide::Partner;
        assert!(Sent.apply(&ReferralAction::Acknowledge, p).is_ok());
        assert!(Acknowledged.apply(&ReferralAction::Accept, p).is_ok());
        assert!(
            Accepted
                .apply(
                    &ReferralAction::Complete {
                        note: "registered".into()
                    },
                    p
                )
                .is_ok()
        );
        assert!(Acknowledged.apply(&decline("no capacity"), p).is_ok());
    }

    #[test]
    fn answers_and_finished_referrals_do_not_move_backwards() {
        let p = ReferralSide::Partner;
        assert_eq!(
            Declined.apply(&ReferralAction::Accept, p),
            Err(ReferralError::NotAllowed {
                from: Declined,
                to: Accepted
            })
        );
        assert!(Completed.apply(&ReferralAction::Acknowledge, p).is_err());
        assert!(Accepted.apply(&ReferralAction::Acknowledge, p).is_err());
        // Completing needs an accepted referral.
        assert!(
            Sent.apply(&ReferralAction::Complete { note: "x".into() }, p)
                .is_err()
        );
    }

    #[test]
    fn declining_needs_a_reason_and_completing_a_result() {
        let p = ReferralSide::Partner;
        assert_eq!(
            Sent.apply(&decline("  "), p),
            Err(ReferralError::ReasonRequired)
        );
        assert_eq!(
            Accepted.apply(&ReferralAction::Complete { note: "".into() }, p),
            Err(ReferralError::ResultRequired)
        );
    }

    #[test]
    fn only_the_sender_withdraws() {
        let w = ReferralAction::Withdraw { reason: None };
        assert_eq!(
            Sent.apply(&w, ReferralSide::Partner),
            Err(ReferralError::OnlySenderWithdraws)
        );
        assert!(Sent.apply(&w, ReferralSide::Staff).is_ok());
        assert!(Declined.apply(&w, ReferralSide::Staff).is_err());
    }

    #[test]
    fn overdue_only_while_waiting_for_an_answer() {
        let now = Utc::now();
        let past = now - chrono::Duration::hours(1);
        assert!(Sent.is_overdue(past, now));
        assert!(Acknowledged.is_overdue(past, now));
        assert!(!Accepted.is_overdue(past, now));
        assert!(!Sent.is_overdue(now + chrono::Duration::hours(1), now));
    }

    #[test]
    fn a_snapshot_holds_only_the_chosen_fields() {
        let person = PersonDetails {
            given_name: Some("Synthetic".into()),
            family_name: Some("Testzai".into()),
            date_of_birth: Some("1990-01-01".into()),
            phone: Some("+93 700 000 000".into()),
            passport: Some("P000000".into()),
            location: Some("Kabul".into()),
            needs: Some("medical".into()),
            ..Default::default()
        };
        let s = ReferralSnapshot::take(
            &[person],
            &[ShareField::Names, ShareField::Location],
            CaseCategory::Medical,
            Some("please call"),
        );
        assert_eq!(s.people[0].name.as_deref(), Some("Synthetic Testzai"));
        assert_eq!(s.people[0].location.as_deref(), Some("Kabul"));
        assert!(s.people[0].phone.is_none() && s.people[0].date_of_birth.is_none());
        assert!(s.people[0].document_numbers.is_empty());
        assert!(s.category.is_none() && s.message.is_none());
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("P000000") && !json.contains("medical"));
        // No documents shared: the snapshot reads as one made before documents existed.
        assert!(!json.contains("documents"));
        let old: ReferralSnapshot = serde_json::from_str(r#"{"people":[]}"#).unwrap();
        assert!(old.documents.is_empty());
    }

    #[test]
    fn vocabularies_parse() {
        assert_eq!("un agency".parse::<OrgKind>().unwrap(), OrgKind::UnAgency);
        assert_eq!(
            "dates_of_birth".parse::<ShareField>().unwrap(),
            ShareField::DatesOfBirth
        );
        assert!("everything".parse::<ShareField>().is_err());
        let _: Result<ReferralState, ParseEnumError> = "sent".parse();
    }
}
