//! What the referral, partner and reply methods of [`crate::Store`] take and give, and the
//! rules both backends share.

use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseId, Language, OrgId, OrgKind, PersonId, ReferralState, ReplyTemplate, ShareField,
};
use serde::{Deserialize, Serialize};

use crate::Refusal;
use crate::StoreError;

#[derive(Debug, Clone)]
pub struct NewOrg {
    pub name: String,
    pub kind: OrgKind,
    pub contact_email: Option<String>,
}

impl NewOrg {
    /// Trims and checks the name and address; a bad one is refused before anything is written.
    pub fn checked(mut self) -> Result<NewOrg, StoreError> {
        self.name = self.name.trim().to_string();
        if self.name.is_empty() || self.name.chars().count() > 200 {
            return Err(Refusal::OrgName.into());
        }
        self.contact_email = self
            .contact_email
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty());
        if let Some(e) = &self.contact_email
            && (!e.contains('@') || e.len() > 254 || e.chars().any(char::is_whitespace))
        {
            return Err(Refusal::NotAnEmail { value: e.clone() }.into());
        }
        Ok(self)
    }
}

/// A referral to send, the same for every case of a bulk referral.
#[derive(Debug, Clone)]
pub struct NewReferral {
    pub org: OrgId,
    /// The people on the case to share; `None` shares every person on each case. Given
    /// people who are not on a case are refused.
    pub people: Option<Vec<PersonId>>,
    /// The minimum the partner needs; nothing else about the people is shared.
    pub fields: Vec<ShareField>,
    pub message: Option<String>,
    /// Why the case is referred (kept with the referral, shown to the partner).
    pub reason: String,
    pub respond_by: DateTime<Utc>,
    /// Documents of the case, its people or its inquiries to share; the snapshot names them
    /// with their hashes and the partner may download these and no others. A document of
    /// anything else is refused, and so is one the scanner has not found clean.
    pub documents: Vec<crate::documents::DocumentId>,
    /// A malware scanner is configured: a document not yet scanned is held, not shared (an
    /// infected one never is).
    pub scan_required: bool,
}

impl NewReferral {
    pub fn check(&self) -> Result<(), StoreError> {
        if self.reason.trim().is_empty() {
            return Err(Refusal::ReferralWithoutReason.into());
        }
        if self.fields.is_empty() {
            return Err(Refusal::NoFieldShared.into());
        }
        if self.fields.contains(&ShareField::Message)
            && self.message.as_deref().is_none_or(|m| m.trim().is_empty())
        {
            return Err(Refusal::MessageNotChosen.into());
        }
        if self.people.as_ref().is_some_and(|p| p.is_empty()) {
            return Err(Refusal::NoPersonChosen.into());
        }
        Ok(())
    }
}

/// Which referrals a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralFilter {
    pub org: Option<OrgId>,
    pub state: Option<ReferralState>,
    pub case: Option<CaseId>,
    /// Only referrals past their respond-by time with no answer yet.
    pub overdue_only: bool,
}

/// Who is acting on a referral, as storage checks it.
#[derive(Debug, Clone)]
pub enum ReferralActor {
    /// A partner user of this organization: sees and moves only its own referrals.
    Partner(OrgId),
    /// Staff: withdraws, or records a partner's answer by hand ("on behalf of").
    Staff,
}

/// One bulk reply: a template, answered to every requester of each case in its language.
#[derive(Debug, Clone, Copy)]
pub struct ReplyRequest {
    pub template: ReplyTemplate,
}

/// A requester's language when none is recorded.
pub const DEFAULT_LANGUAGE: Language = Language::English;

/// `create_user` refuses the partner role: a partner user is made with
/// `create_partner_user`, which gives them their organization in the same transaction.
pub fn refuse_partner_without_org(user: &crate::NewUser) -> Result<(), StoreError> {
    if user.role == corridor_domain::Role::Partner {
        return Err(Refusal::PartnerWithoutOrg.into());
    }
    Ok(())
}
