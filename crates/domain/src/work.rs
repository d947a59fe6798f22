//! The day-to-day work on a case: notes, tasks, notifications, pathways and escalations, as
//! storage hands them back.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{CaseId, DeadlineKind, EvidenceKind, Pathway, PersonId, TeamId, UserId};

/// Something a user should look at. The text never holds personal data (ids, references and
/// what happened only), because it is shown in lists and sent on by email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Notification {
    pub id: i64,
    pub user_id: UserId,
    /// `escalation`, `mention`, `task_assigned`, … (a code, for filtering and icons).
    pub kind: String,
    pub case_id: Option<CaseId>,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// A free-text note on a case. Its text is personal data: never logged, read only with the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CaseNote {
    pub id: i64,
    pub case_id: CaseId,
    pub author_id: Option<UserId>,
    pub author_name: String,
    pub body: String,
    /// The note records contact with the applicant or requester, which is a first response.
    pub contact: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CaseTask {
    pub id: i64,
    pub case_id: CaseId,
    pub body: String,
    pub assignee_id: Option<UserId>,
    pub assignee_name: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    pub done_by: Option<String>,
}

impl CaseTask {
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.done_at.is_none() && self.due_at.is_some_and(|d| d < now)
    }
}

/// Evidence held for a pathway: which document, its reference (a case or registration
/// number) and a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PathwayEvidence {
    pub id: i64,
    pub kind: EvidenceKind,
    pub reference: Option<String>,
    pub note: Option<String>,
    /// The document that backs it, when one was given and has not been purged since.
    #[serde(default)]
    pub document_id: Option<i64>,
    pub added_by: String,
    pub added_at: DateTime<Utc>,
}

/// One change of step, for the pathway's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PathwayChange {
    pub from_step: Option<String>,
    pub to_step: String,
    pub note: Option<String>,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A pathway in play for one person, where it stands and what backs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PersonPathway {
    pub id: i64,
    pub person_id: PersonId,
    pub pathway: Pathway,
    pub step: String,
    pub updated_at: DateTime<Utc>,
    pub evidence: Vec<PathwayEvidence>,
    /// Newest first.
    pub history: Vec<PathwayChange>,
}

/// People on a pathway at a step, for reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PathwayCount {
    pub pathway: Pathway,
    pub step: String,
    pub people: i64,
}

/// Open cases past a deadline, per team, for the team lead and reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OverdueCount {
    pub team_id: TeamId,
    pub team_name: String,
    /// Cases overdue on either clock (each case once).
    pub cases: i64,
    pub first_response: i64,
    pub next_action: i64,
}

/// One escalation of one deadline of one case: there is exactly one per (case, kind, due time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Escalation {
    pub id: i64,
    pub case_id: CaseId,
    pub kind: DeadlineKind,
    pub due_at: DateTime<Utc>,
    /// The team lead told (the owner when the team has no lead).
    pub notified_user: UserId,
    /// Whether an email was queued (the user has an address on file).
    pub emailed: bool,
    pub escalated_at: DateTime<Utc>,
}

/// The `@username` mentions in a text, each once, lower-cased, in order. A username is what
/// `Username` allows: letters, digits, `.`, `_`, `-`. An address like `a@b.org` is not a mention.
pub fn mentions(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i] == '@' && (i == 0 || !ok(chars[i - 1]));
        if starts {
            let mut j = i + 1;
            while j < chars.len() && ok(chars[j]) {
                j += 1;
            }
            let name: String = chars[i + 1..j].iter().collect::<String>();
            // A sentence's full stop is not part of the name.
            let name = name.trim_end_matches(['.', '-']).to_ascii_lowercase();
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_found_once_and_addresses_are_not_mentions() {
        assert_eq!(
            mentions("@lead please call; cc @Officer.two and @lead. Mail x@example.org"),
            vec!["lead".to_string(), "officer.two".to_string()]
        );
        assert!(mentions("no one here @ all").is_empty());
    }
}
