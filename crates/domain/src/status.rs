//! The case workflow. The rules live here, not in a page or a query, so that every way into
//! Corridor (web, API, bulk actions) moves cases the same way.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::ParseEnumError;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    New,
    Triaged,
    InProgress,
    WaitingApplicant,
    WaitingPartner,
    Resolved,
    Closed,
    Reopened,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a case cannot go from {from} to {to}")]
    NotAllowed { from: CaseStatus, to: CaseStatus },
    #[error("moving a case to {to} needs a reason")]
    ReasonRequired { to: CaseStatus },
    #[error("closing a case needs an outcome: one of {expected}")]
    OutcomeRequired { expected: String },
    #[error("an outcome is given only when closing a case, not when moving it to {to}")]
    OutcomeOnlyWhenClosing { to: CaseStatus },
}

/// How a case ended. Closing requires one, so that the task force can count what happened to
/// the people it was asked about rather than read it out of free text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaseOutcome {
    Evacuated,
    VisaIssued,
    ReferredElsewhere,
    ResolvedLocally,
    NoLongerNeeded,
    Ineligible,
    Unreachable,
    Duplicate,
    Other,
}

impl CaseOutcome {
    pub const ALL: &'static [CaseOutcome] = &[
        CaseOutcome::Evacuated,
        CaseOutcome::VisaIssued,
        CaseOutcome::ReferredElsewhere,
        CaseOutcome::ResolvedLocally,
        CaseOutcome::NoLongerNeeded,
        CaseOutcome::Ineligible,
        CaseOutcome::Unreachable,
        CaseOutcome::Duplicate,
        CaseOutcome::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseOutcome::Evacuated => "evacuated",
            CaseOutcome::VisaIssued => "visa_issued",
            CaseOutcome::ReferredElsewhere => "referred_elsewhere",
            CaseOutcome::ResolvedLocally => "resolved_locally",
            CaseOutcome::NoLongerNeeded => "no_longer_needed",
            CaseOutcome::Ineligible => "ineligible",
            CaseOutcome::Unreachable => "unreachable",
            CaseOutcome::Duplicate => "duplicate",
            CaseOutcome::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CaseOutcome::Evacuated => "Evacuated",
            CaseOutcome::VisaIssued => "Visa issued",
            CaseOutcome::ReferredElsewhere => "Referred elsewhere",
            CaseOutcome::ResolvedLocally => "Resolved locally",
            CaseOutcome::NoLongerNeeded => "No longer needed",
            CaseOutcome::Ineligible => "Ineligible",
            CaseOutcome::Unreachable => "Unreachable",
            CaseOutcome::Duplicate => "Duplicate",
            CaseOutcome::Other => "Other",
        }
    }

    fn expected() -> String {
        CaseOutcome::ALL
            .iter()
            .map(|o| o.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for CaseOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CaseOutcome {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        CaseOutcome::ALL
            .iter()
            .copied()
            .find(|o| o.as_str() == wanted)
            .ok_or_else(|| ParseEnumError {
                kind: "outcome",
                value: s.to_string(),
                expected: CaseOutcome::expected(),
            })
    }
}

impl CaseStatus {
    pub const ALL: &'static [CaseStatus] = &[
        CaseStatus::New,
        CaseStatus::Triaged,
        CaseStatus::InProgress,
        CaseStatus::WaitingApplicant,
        CaseStatus::WaitingPartner,
        CaseStatus::Resolved,
        CaseStatus::Closed,
        CaseStatus::Reopened,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::New => "new",
            CaseStatus::Triaged => "triaged",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::WaitingApplicant => "waiting_applicant",
            CaseStatus::WaitingPartner => "waiting_partner",
            CaseStatus::Resolved => "resolved",
            CaseStatus::Closed => "closed",
            CaseStatus::Reopened => "reopened",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::New => "New",
            CaseStatus::Triaged => "Triaged",
            CaseStatus::InProgress => "In progress",
            CaseStatus::WaitingApplicant => "Waiting on applicant",
            CaseStatus::WaitingPartner => "Waiting on partner",
            CaseStatus::Resolved => "Resolved",
            CaseStatus::Closed => "Closed",
            CaseStatus::Reopened => "Reopened",
        }
    }

    /// Open cases are the ones somebody still has to act on.
    pub fn is_open(self) -> bool {
        !matches!(self, CaseStatus::Resolved | CaseStatus::Closed)
    }

    /// The statuses a case may move to from this one.
    pub fn next(self) -> &'static [CaseStatus] {
        use CaseStatus::*;
        match self {
            New => &[Triaged, InProgress, Closed],
            Triaged | Reopened => &[
                InProgress,
                WaitingApplicant,
                WaitingPartner,
                Resolved,
                Closed,
            ],
            InProgress => &[WaitingApplicant, WaitingPartner, Resolved, Closed],
            WaitingApplicant | WaitingPartner => &[InProgress, Resolved, Closed],
            Resolved => &[Closed, Reopened],
            Closed => &[Reopened],
        }
    }

    /// Checks a move. Closing and reopening need a reason, because someone will later ask why;
    /// closing also needs an outcome, and only closing takes one.
    pub fn transition(
        self,
        to: CaseStatus,
        reason: Option<&str>,
        outcome: Option<CaseOutcome>,
    ) -> Result<(), TransitionError> {
        if !self.next().contains(&to) {
            return Err(TransitionError::NotAllowed { from: self, to });
        }
        let has_reason = reason.is_some_and(|r| !r.trim().is_empty());
        if matches!(to, CaseStatus::Closed | CaseStatus::Reopened) && !has_reason {
            return Err(TransitionError::ReasonRequired { to });
        }
        if to == CaseStatus::Closed && outcome.is_none() {
            return Err(TransitionError::OutcomeRequired {
                expected: CaseOutcome::expected(),
            });
        }
        if to != CaseStatus::Closed && outcome.is_some() {
            return Err(TransitionError::OutcomeOnlyWhenClosing { to });
        }
        Ok(())
    }
}

impl fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CaseStatus {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        CaseStatus::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == wanted || c.label().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ParseEnumError {
                kind: "status",
                value: s.to_string(),
                expected: CaseStatus::ALL
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::CaseStatus::*;
    use super::*;

    #[test]
    fn ordinary_work_moves_forward() {
        assert!(New.transition(Triaged, None, None).is_ok());
        assert!(Triaged.transition(InProgress, None, None).is_ok());
        assert!(InProgress.transition(WaitingPartner, None, None).is_ok());
        assert!(WaitingPartner.transition(Resolved, None, None).is_ok());
    }

    #[test]
    fn closed_cases_only_reopen() {
        assert_eq!(
            Closed.transition(InProgress, None, None),
            Err(TransitionError::NotAllowed {
                from: Closed,
                to: InProgress
            })
        );
        assert!(
            Closed
                .transition(Reopened, Some("family called again"), None)
                .is_ok()
        );
    }

    #[test]
    fn closing_and_reopening_need_a_reason() {
        assert_eq!(
            InProgress.transition(Closed, Some("  "), Some(CaseOutcome::Evacuated)),
            Err(TransitionError::ReasonRequired { to: Closed })
        );
        assert_eq!(
            Closed.transition(Reopened, None, None),
            Err(TransitionError::ReasonRequired { to: Reopened })
        );
        assert!(
            InProgress
                .transition(
                    Closed,
                    Some("crossed at Torkham"),
                    Some(CaseOutcome::Evacuated)
                )
                .is_ok()
        );
    }

    #[test]
    fn closing_needs_an_outcome_and_only_closing_takes_one() {
        let refused = InProgress.transition(Closed, Some("family is safe"), None);
        assert!(
            matches!(refused, Err(TransitionError::OutcomeRequired { ref expected })
                if expected.contains("visa_issued") && expected.contains("unreachable")),
            "{refused:?}"
        );
        assert_eq!(
            Triaged.transition(InProgress, None, Some(CaseOutcome::Other)),
            Err(TransitionError::OutcomeOnlyWhenClosing { to: InProgress })
        );
        // A resolved case is closed with its outcome too.
        assert!(
            Resolved
                .transition(Closed, Some("confirmed"), Some(CaseOutcome::VisaIssued))
                .is_ok()
        );
    }

    #[test]
    fn every_outcome_parses_from_its_code() {
        for o in CaseOutcome::ALL {
            assert_eq!(o.as_str().parse::<CaseOutcome>().unwrap(), *o);
        }
        assert_eq!(
            "Visa issued".parse::<CaseOutcome>().unwrap(),
            CaseOutcome::VisaIssued
        );
        assert!("vanished".parse::<CaseOutcome>().is_err());
    }

    #[test]
    fn every_status_parses_from_code_and_label() {
        for s in CaseStatus::ALL {
            assert_eq!(s.as_str().parse::<CaseStatus>().unwrap(), *s);
            assert_eq!(s.label().parse::<CaseStatus>().unwrap(), *s);
        }
        assert!("lost".parse::<CaseStatus>().is_err());
        assert!(New.is_open() && !Resolved.is_open() && !Closed.is_open());
    }
}
