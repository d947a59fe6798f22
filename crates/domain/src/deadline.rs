//! Deadlines: how long a case may wait for its first response and between actions. The policy
//! lives here, as a table of priority times with caps for the categories where people cannot
//! wait, so that every backend, page and report reads the same numbers.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::{CaseCategory, ParseEnumError, Priority};

/// The two clocks a case runs on.
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
pub enum DeadlineKind {
    /// Until somebody first acts on the case: a status change out of new/triaged, a reply to
    /// a requester, or a note marked as contact with the applicant.
    FirstResponse,
    /// Until the next action: restarted by every status change, note and completed task.
    NextAction,
}

impl DeadlineKind {
    pub const ALL: &'static [DeadlineKind] =
        &[DeadlineKind::FirstResponse, DeadlineKind::NextAction];

    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::FirstResponse => "first_response",
            DeadlineKind::NextAction => "next_action",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DeadlineKind::FirstResponse => "first response",
            DeadlineKind::NextAction => "next action",
        }
    }
}

impl fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DeadlineKind {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DeadlineKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| ParseEnumError {
                kind: "deadline kind",
                value: s.to_string(),
                expected: "first_response, next_action".into(),
            })
    }
}

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// The time allowed for each clock, in seconds. Priority sets the base; a category cap then
/// shortens it where the category itself means people are exposed, whatever the priority
/// (a medical case lowered to "low" by hand still gets a first response within a day).
pub fn allowed_seconds(kind: DeadlineKind, category: CaseCategory, priority: Priority) -> i64 {
    let base = match (kind, priority) {
        (DeadlineKind::FirstResponse, Priority::Critical) => 4 * HOUR,
        (DeadlineKind::FirstResponse, Priority::High) => 24 * HOUR,
        (DeadlineKind::FirstResponse, Priority::Normal) => 3 * DAY,
        (DeadlineKind::FirstResponse, Priority::Low) => 7 * DAY,
        (DeadlineKind::NextAction, Priority::Critical) => DAY,
        (DeadlineKind::NextAction, Priority::High) => 3 * DAY,
        (DeadlineKind::NextAction, Priority::Normal) => 7 * DAY,
        (DeadlineKind::NextAction, Priority::Low) => 14 * DAY,
    };
    let cap = match (kind, category) {
        (DeadlineKind::FirstResponse, CaseCategory::Medical) => Some(DAY),
        (DeadlineKind::FirstResponse, CaseCategory::BorderCrossing) => Some(12 * HOUR),
        (DeadlineKind::FirstResponse, CaseCategory::Protection) => Some(DAY),
        (DeadlineKind::NextAction, CaseCategory::Medical) => Some(3 * DAY),
        (DeadlineKind::NextAction, CaseCategory::BorderCrossing) => Some(2 * DAY),
        _ => None,
    };
    cap.map_or(base, |c| base.min(c))
}

pub fn allowed(kind: DeadlineKind, category: CaseCategory, priority: Priority) -> Duration {
    Duration::seconds(allowed_seconds(kind, category, priority))
}

/// A case's clocks as stored on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CaseDeadlines {
    pub first_response_due_at: Option<DateTime<Utc>>,
    /// When the first response happened; the first-response clock stops then.
    pub first_responded_at: Option<DateTime<Utc>>,
    /// None once the case is resolved or closed.
    pub next_action_due_at: Option<DateTime<Utc>>,
}

impl CaseDeadlines {
    /// The clocks that have run out at `now`, with the time each was due.
    pub fn overdue(&self, now: DateTime<Utc>) -> Vec<(DeadlineKind, DateTime<Utc>)> {
        let mut out = Vec::new();
        if self.first_responded_at.is_none()
            && let Some(due) = self.first_response_due_at
            && due < now
        {
            out.push((DeadlineKind::FirstResponse, due));
        }
        if let Some(due) = self.next_action_due_at
            && due < now
        {
            out.push((DeadlineKind::NextAction, due));
        }
        out
    }

    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        !self.overdue(now).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DeadlineKind::*;

    #[test]
    fn more_urgent_cases_get_shorter_deadlines() {
        for kind in DeadlineKind::ALL {
            let times: Vec<i64> = Priority::ALL
                .iter()
                .map(|p| allowed_seconds(*kind, CaseCategory::Visa, *p))
                .collect();
            assert!(times.windows(2).all(|w| w[0] < w[1]), "{kind}: {times:?}");
        }
        assert_eq!(
            allowed(FirstResponse, CaseCategory::Visa, Priority::Critical),
            Duration::hours(4)
        );
        assert_eq!(
            allowed(FirstResponse, CaseCategory::Other, Priority::Low),
            Duration::days(7)
        );
    }

    #[test]
    fn exposed_categories_are_capped_whatever_the_priority() {
        assert_eq!(
            allowed(FirstResponse, CaseCategory::Medical, Priority::Low),
            Duration::days(1)
        );
        assert_eq!(
            allowed(
                FirstResponse,
                CaseCategory::BorderCrossing,
                Priority::Normal
            ),
            Duration::hours(12)
        );
        // A cap never lengthens a deadline.
        assert_eq!(
            allowed(FirstResponse, CaseCategory::Medical, Priority::Critical),
            Duration::hours(4)
        );
    }

    #[test]
    fn only_unmet_clocks_in_the_past_are_overdue() {
        let now = Utc::now();
        let d = CaseDeadlines {
            first_response_due_at: Some(now - Duration::hours(1)),
            first_responded_at: None,
            next_action_due_at: Some(now + Duration::hours(1)),
        };
        assert_eq!(
            d.overdue(now),
            vec![(FirstResponse, now - Duration::hours(1))]
        );
        let met = CaseDeadlines {
            first_responded_at: Some(now - Duration::hours(2)),
            ..d
        };
        assert!(!met.is_overdue(now));
        let closed = CaseDeadlines::default();
        assert!(!closed.is_overdue(now));
        assert_eq!(
            "next_action".parse::<DeadlineKind>().unwrap(),
            DeadlineKind::NextAction
        );
    }
}
