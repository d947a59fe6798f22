//! What storage hands back: the records people look at.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    CaseCategory, CaseId, CaseStatus, Channel, HouseholdId, InquiryId, PersonDetails, PersonId,
    Priority, ReferenceNumber, RequesterId, RequesterKind, Role, TeamId, UserId,
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

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Person {
    pub id: PersonId,
    pub household_id: Option<HouseholdId>,
    pub details: PersonDetails,
    /// The inquiry this person's details came from.
    pub source_inquiry_id: Option<InquiryId>,
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
    pub team_id: TeamId,
    pub team_name: String,
    /// Who the case is about, for staff who are allowed to see it.
    pub title: String,
    pub people_count: i64,
    pub inquiry_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
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
    pub history: Vec<AuditEvent>,
}

/// One recorded change or read. `hash` chains it to the event before it, so that editing or
/// deleting history breaks the chain.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AuditEvent {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<UserId>,
    pub actor_name: String,
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
