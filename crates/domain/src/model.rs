//! What storage hands back: the records people look at.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    CaseCategory, CaseDeadlines, CaseId, CaseNote, CaseOutcome, CaseStatus, CaseTask, Channel,
    HouseholdId, InquiryId, MergeId, PersonDetails, PersonId, PersonPathway, Priority, RecordId,
    ReferenceNumber, RequesterId, RequesterKind, ReviewId, Role, TeamId, UserId,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub team_id: Option<TeamId>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    /// The lead owns new cases routed to the team until they hand them out.
    pub lead_id: Option<UserId>,
    /// Categories of new cases that are routed to this team.
    pub categories: Vec<CaseCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Requester {
    pub id: RequesterId,
    pub kind: RequesterKind,
    pub name: String,
    pub organization: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InquirySummary {
    pub id: InquiryId,
    pub reference: ReferenceNumber,
    pub channel: Channel,
    pub requester_kind: RequesterKind,
    pub requester_name: String,
    pub received_at: DateTime<Utc>,
    pub subject: String,
    pub category: CaseCategory,
    /// The case it was triaged into; none while it waits for triage.
    pub case_id: Option<CaseId>,
    pub people_count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Inquiry {
    #[serde(flatten)]
    pub summary: InquirySummary,
    pub requester: Requester,
    pub content_type: String,
    pub raw_payload: String,
    pub people: Vec<PersonId>,
}

/// One human being, as every record that mentions them describes them together.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Person {
    pub id: PersonId,
    pub household_id: Option<HouseholdId>,
    /// The consolidated view: each field from the earliest record that gave it.
    pub details: PersonDetails,
    /// The inquiry that first mentioned this person.
    pub source_inquiry_id: Option<InquiryId>,
    /// How many records (mentions in inquiries) make up this person.
    pub record_count: i64,
}

/// One inquiry's description of a person, kept as it was written.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PersonRecord {
    pub id: RecordId,
    pub person_id: PersonId,
    pub inquiry_id: InquiryId,
    pub reference: ReferenceNumber,
    pub received_at: DateTime<Utc>,
    pub requester_name: String,
    pub details: PersonDetails,
}

/// Where a field of the consolidated view came from.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FieldSource {
    pub field: String,
    pub value: String,
    pub inquiry_id: InquiryId,
    pub reference: ReferenceNumber,
}

/// A merge of two people into one, which can be undone.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Merge {
    pub id: MergeId,
    pub kept_id: PersonId,
    pub merged_id: PersonId,
    pub records_moved: i64,
    pub at: DateTime<Utc>,
    pub undone: bool,
}

/// Everything known about one person, with the provenance of every field.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PersonFile {
    pub person: Person,
    pub records: Vec<PersonRecord>,
    pub sources: Vec<FieldSource>,
    pub cases: Vec<CaseId>,
    /// Merges into or out of this person, newest first.
    pub merges: Vec<Merge>,
    /// Set when this person was merged into another.
    pub merged_into: Option<PersonId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Pending,
    /// Decided to be the same person: the two were merged.
    Same,
    /// Decided to be different people.
    Different,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Pending => "pending",
            ReviewStatus::Same => "same",
            ReviewStatus::Different => "different",
        }
    }
}

/// A pair the matcher was unsure about: a new record and a known person it may be.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MatchReview {
    pub id: ReviewId,
    pub status: ReviewStatus,
    pub probability: f64,
    /// JSON from the matcher: which fields agreed and how much each counted.
    pub evidence: String,
    pub record: PersonRecord,
    /// The person the new record now belongs to (its own, unless already merged).
    pub record_person: PersonId,
    pub candidate: PersonId,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Household {
    pub id: HouseholdId,
    pub label: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CaseSummary {
    pub id: CaseId,
    pub category: CaseCategory,
    pub status: CaseStatus,
    pub priority: Priority,
    pub owner_id: UserId,
    pub owner_name: String,
    /// False when the owner was deactivated: the case needs a new owner.
    pub owner_active: bool,
    pub team_id: TeamId,
    pub team_name: String,
    /// Who the case is about, for staff who are allowed to see it.
    pub title: String,
    pub people_count: i64,
    pub inquiry_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The first-response and next-action clocks (see `deadline`).
    pub deadlines: CaseDeadlines,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Case {
    #[serde(flatten)]
    pub summary: CaseSummary,
    pub household: Option<Household>,
    pub people: Vec<Person>,
    pub inquiries: Vec<InquirySummary>,
    /// Every requester who asked about this case's people, once each.
    pub requesters: Vec<Requester>,
    /// How the case ended, once it is closed.
    pub closure: Option<Closure>,
    /// A priority set by hand, with who set it and why; `summary.priority` is then this one.
    pub priority_override: Option<PriorityOverride>,
    pub history: Vec<AuditEvent>,
    /// Newest first.
    pub notes: Vec<CaseNote>,
    /// Open tasks first, then by due date.
    pub tasks: Vec<CaseTask>,
    /// The pathways in play for the case's people.
    pub pathways: Vec<PersonPathway>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Closure {
    pub outcome: CaseOutcome,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PriorityOverride {
    pub priority: Priority,
    /// What `Priority::assess` made of the case's records, which the override replaced.
    pub assessed: Priority,
    pub reason: String,
    pub by_name: String,
    pub at: DateTime<Utc>,
}

/// One recorded change or read. `hash` chains it to the event before it, so that editing or
/// deleting history breaks the chain.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AuditEvent {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<UserId>,
    pub actor_name: String,
    /// The client address the action came from, when it came over the network.
    pub ip: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    /// What changed, in words; never contains an applicant's personal data.
    pub detail: String,
    pub hash: String,
}

impl Team {
    /// The team a new case of `category` goes to: one that names the category, else a catch-all
    /// team (one with no categories). Only teams with a lead qualify, because the lead owns the
    /// case until it is handed out; with none, the inquiry waits in triage.
    pub fn route(teams: &[Team], category: CaseCategory) -> Option<&Team> {
        let led = || teams.iter().filter(|t| t.lead_id.is_some());
        led()
            .find(|t| t.categories.contains(&category))
            .or_else(|| led().find(|t| t.categories.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(id: i64, lead: Option<i64>, categories: &[CaseCategory]) -> Team {
        Team {
            id: TeamId(id),
            name: format!("t{id}"),
            lead_id: lead.map(UserId),
            categories: categories.to_vec(),
        }
    }

    #[test]
    fn cases_route_to_the_team_for_their_category_or_the_catch_all() {
        let teams = [
            team(1, Some(10), &[]),
            team(2, Some(20), &[CaseCategory::Medical]),
            team(3, None, &[CaseCategory::Visa]),
        ];
        assert_eq!(
            Team::route(&teams, CaseCategory::Medical).unwrap().id,
            TeamId(2)
        );
        // The visa team has no lead yet, so visa cases go to the catch-all team.
        assert_eq!(
            Team::route(&teams, CaseCategory::Visa).unwrap().id,
            TeamId(1)
        );
        assert!(Team::route(&teams[2..], CaseCategory::Visa).is_none());
    }
}
