//! What the audit trail says happened, as one vocabulary: every event's action is one of
//! these, so that a search of the trail by action finds every event of its kind, and a new kind
//! of event is added here, once, before anything can record it.

use std::fmt;

use corridor_domain::ReferralState;

macro_rules! actions {
    ($($variant:ident => $code:literal;)*) => {
        /// An audit event's action, stored as its code (`case.assigned`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum AuditAction { $($variant,)* }

        impl AuditAction {
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(AuditAction::$variant => $code,)* }
            }
        }
    };
}

actions! {
        CaseAssigned => "case.assigned";
        CaseClosedAtSet => "case.closed_at_set";
        CaseCreated => "case.created";
        CaseEscalated => "case.escalated";
        CaseExported => "case.exported";
        CaseInquiryAdded => "case.inquiry_added";
        CaseInquiryAttached => "case.inquiry_attached";
        CaseMessagesViewed => "case.messages_viewed";
        CaseNoteAdded => "case.note_added";
        CasePeopleMerged => "case.people_merged";
        CasePeopleMoved => "case.people_moved";
        CasePeopleUnmerged => "case.people_unmerged";
        CasePersonDetached => "case.person_detached";
        CasePriorityOverridden => "case.priority_overridden";
        CasePurged => "case.purged";
        CaseReferralAccepted => "case.referral_accepted";
        CaseReferralAcknowledged => "case.referral_acknowledged";
        CaseReferralCompleted => "case.referral_completed";
        CaseReferralDeclineNoted => "case.referral_decline_noted";
        CaseReferralDeclined => "case.referral_declined";
        CaseReferralWithdrawn => "case.referral_withdrawn";
        CaseReferred => "case.referred";
        CaseReplied => "case.replied";
        CaseStatusChanged => "case.status_changed";
        CaseTaskAdded => "case.task_added";
        CaseTaskDone => "case.task_done";
        CaseTaskReopened => "case.task_reopened";
        CaseViewed => "case.viewed";

        CasesExported => "cases.exported";

        DocumentAttached => "document.attached";
        DocumentDownloaded => "document.downloaded";
        DocumentRefused => "document.refused";
        DocumentScanned => "document.scanned";
        DocumentViewed => "document.viewed";

        IndexSnapshotWritten => "index.snapshot_written";

        InquiryTriaged => "inquiry.triaged";
        InquiryViewed => "inquiry.viewed";

        IntakeBatch => "intake.batch";

        KeysRotated => "keys.rotated";

        MessageOptedIn => "message.opted_in";
        MessageOptedOut => "message.opted_out";
        MessageReceived => "message.received";

        NumberBlocked => "number.blocked";
        NumberUnblocked => "number.unblocked";

        OrgCreated => "org.created";

        PersonCreatedByDetach => "person.created_by_detach";
        PersonMerged => "person.merged";
        PersonPathwayEvidence => "person.pathway_evidence";
        PersonPathwayStep => "person.pathway_step";
        PersonPathwaysViewed => "person.pathways_viewed";
        PersonRecordDetached => "person.record_detached";
        PersonUnmerged => "person.unmerged";
        PersonViewed => "person.viewed";

        ReferralAccepted => "referral.accepted";
        ReferralAcknowledged => "referral.acknowledged";
        ReferralCompleted => "referral.completed";
        ReferralDeclined => "referral.declined";
        ReferralExported => "referral.exported";
        ReferralListed => "referral.listed";
        ReferralSent => "referral.sent";
        ReferralViewed => "referral.viewed";
        ReferralWithdrawn => "referral.withdrawn";

        RequesterLanguageSet => "requester.language_set";

        ReviewDecided => "review.decided";

        SearchRun => "search.run";

        SitrepViewed => "sitrep.viewed";

        TeamCreated => "team.created";
        TeamLeadSet => "team.lead_set";

        TokenCreated => "token.created";
        TokenRevoked => "token.revoked";

        UserCodeFailed => "user.code_failed";
        UserCreated => "user.created";
        UserDeactivated => "user.deactivated";
        UserEmailChanged => "user.email_changed";
        UserLanguageSet => "user.language_set";
        UserLockedOut => "user.locked_out";
        UserOrgSet => "user.org_set";
        UserPasswordAccepted => "user.password_accepted";
        UserPasswordChanged => "user.password_changed";
        UserReactivated => "user.reactivated";
        UserRoleChanged => "user.role_changed";
        UserSignInFailed => "user.sign_in_failed";
        UserSignedIn => "user.signed_in";
        UserSignedOut => "user.signed_out";
        UserTasksViewed => "user.tasks_viewed";
        UserTotpConfirmed => "user.totp_confirmed";
        UserTotpReset => "user.totp_reset";
        UserTotpStarted => "user.totp_started";
}

impl AuditAction {
    /// A referral moved to `to`: the event on the referral and the one on its case.
    pub fn referral_moved(to: ReferralState) -> (AuditAction, AuditAction) {
        match to {
            ReferralState::Sent => (AuditAction::ReferralSent, AuditAction::CaseReferred),
            ReferralState::Acknowledged => (
                AuditAction::ReferralAcknowledged,
                AuditAction::CaseReferralAcknowledged,
            ),
            ReferralState::Accepted => (
                AuditAction::ReferralAccepted,
                AuditAction::CaseReferralAccepted,
            ),
            ReferralState::Declined => (
                AuditAction::ReferralDeclined,
                AuditAction::CaseReferralDeclined,
            ),
            ReferralState::Completed => (
                AuditAction::ReferralCompleted,
                AuditAction::CaseReferralCompleted,
            ),
            ReferralState::Withdrawn => (
                AuditAction::ReferralWithdrawn,
                AuditAction::CaseReferralWithdrawn,
            ),
        }
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_name_an_entity_and_what_happened() {
        let mut seen = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            assert!(seen.insert(a.as_str()), "{a} twice");
            let (entity, what) = a.as_str().split_once('.').expect("entity.what");
            assert!(!entity.is_empty() && !what.is_empty());
        }
    }

    #[test]
    fn a_referral_move_names_the_referral_and_the_case() {
        let (on_referral, on_case) = AuditAction::referral_moved(ReferralState::Declined);
        assert_eq!(on_referral.as_str(), "referral.declined");
        assert_eq!(on_case.as_str(), "case.referral_declined");
    }
}
