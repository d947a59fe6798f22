//! What an applicant may learn about their own request: a coarse status and nothing else.
//! Staff detail (owner, team, notes, which partner) must never leak through the lookup, so
//! the mapping from the case workflow lives here, in one place.

use serde::{Deserialize, Serialize};

use crate::CaseStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicStatus {
    Received,
    UnderReview,
    Referred,
    Closed,
}

impl PublicStatus {
    /// The status an applicant sees for an inquiry on `case` (none while it waits for triage).
    pub fn of(case: Option<CaseStatus>) -> PublicStatus {
        match case {
            None | Some(CaseStatus::New) => PublicStatus::Received,
            Some(
                CaseStatus::Triaged
                | CaseStatus::InProgress
                | CaseStatus::WaitingApplicant
                | CaseStatus::Reopened,
            ) => PublicStatus::UnderReview,
            Some(CaseStatus::WaitingPartner) => PublicStatus::Referred,
            Some(CaseStatus::Resolved | CaseStatus::Closed) => PublicStatus::Closed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PublicStatus::Received => "received",
            PublicStatus::UnderReview => "under review",
            PublicStatus::Referred => "referred",
            PublicStatus::Closed => "closed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_statuses_collapse_to_four_public_ones() {
        assert_eq!(PublicStatus::of(None), PublicStatus::Received);
        assert_eq!(
            PublicStatus::of(Some(CaseStatus::InProgress)),
            PublicStatus::UnderReview
        );
        assert_eq!(
            PublicStatus::of(Some(CaseStatus::WaitingPartner)),
            PublicStatus::Referred
        );
        assert_eq!(
            PublicStatus::of(Some(CaseStatus::Resolved)),
            PublicStatus::Closed
        );
    }
}
