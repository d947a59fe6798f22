//! Filters and keyset paging. Paging by cursor rather than offset keeps page 5,000 of a
//! 100,000-case list as fast as page 1.

use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseCategory, CaseOutcome, CaseStatus, Channel, Pathway, Priority, RequesterKind, TeamId,
    UserId,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    /// Most recently opened first.
    #[default]
    Newest,
    /// Most urgent first, and within a priority the one waiting longest first.
    Priority,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFilter {
    pub status: Option<CaseStatus>,
    /// Only cases somebody still has to act on.
    pub open_only: bool,
    pub owner: Option<UserId>,
    pub team: Option<TeamId>,
    pub category: Option<CaseCategory>,
    pub priority: Option<Priority>,
    /// Only open cases whose owner was deactivated: work nobody is doing.
    pub needs_owner: bool,
    /// Only open cases past a deadline now (first response not met in time, or next action).
    pub overdue: bool,
    /// Only cases with a person on this pathway (at `pathway_step`, when given).
    pub pathway: Option<Pathway>,
    pub pathway_step: Option<String>,
    pub sort: CaseSort,
    // --- situation report: the lists behind its figures ---
    /// Opened at or after this instant.
    pub opened_from: Option<DateTime<Utc>>,
    /// Opened before this instant.
    pub opened_before: Option<DateTime<Utc>>,
    /// Stopped being open (closed or resolved) at or after this instant, and is not open now.
    pub closed_from: Option<DateTime<Utc>>,
    pub closed_before: Option<DateTime<Utc>>,
    pub outcome: Option<CaseOutcome>,
    /// Only cases this case officer may see (own and own team's); None = no restriction.
    pub visible_to: Option<crate::CaseScope>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryFilter {
    pub channel: Option<Channel>,
    /// Only inquiries not yet on a case.
    pub untriaged: bool,
    // --- situation report: the lists behind its figures ---
    /// Received at or after this instant.
    pub received_from: Option<DateTime<Utc>>,
    /// Received before this instant.
    pub received_before: Option<DateTime<Utc>>,
    pub requester_kind: Option<RequesterKind>,
    /// Only inquiries waiting in triage or on a case in this scope; None = no restriction.
    pub visible_to: Option<crate::CaseScope>,
}

/// Where the next page starts: the sort rank and id of the last row of this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub rank: i64,
    pub id: i64,
}

impl Cursor {
    /// Cursors travel in URLs as `rank.id`.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.rank, self.id)
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        let (rank, id) = s.split_once('.')?;
        Some(Cursor {
            rank: rank.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u32,
    pub after: Option<Cursor>,
}

impl PageRequest {
    pub const MAX_LIMIT: u32 = 500;

    pub fn first(limit: u32) -> Self {
        PageRequest {
            limit: limit.clamp(1, Self::MAX_LIMIT),
            after: None,
        }
    }

    pub fn after(limit: u32, cursor: Option<Cursor>) -> Self {
        PageRequest {
            limit: limit.clamp(1, Self::MAX_LIMIT),
            after: cursor,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many rows match the filter in all.
    pub total: i64,
    /// Present when there are more rows after this page.
    pub next: Option<Cursor>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let c = Cursor { rank: 2, id: 4711 };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        assert_eq!(Cursor::decode("x.1"), None);
        assert_eq!(Cursor::decode("12"), None);
    }

    #[test]
    fn page_size_is_bounded() {
        assert_eq!(PageRequest::first(0).limit, 1);
        assert_eq!(PageRequest::first(1_000_000).limit, PageRequest::MAX_LIMIT);
    }
}
