//! Triage: what happens to an inquiry that arrived while no team could take it. The choices are
//! checked here once, so both backends (and every page and API call) decide the same way.

use corridor_domain::{CaseCategory, CaseId, InquiryId, Team, TeamId, UserId};
use serde::{Deserialize, Serialize};

use crate::Refusal;
use crate::{Result, StoreError};

/// What to do with the inquiries being triaged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Triage {
    /// A new case for each inquiry, with the inquiry's category. `team` defaults to the named
    /// owner's team, else to the team routing picks for the category; `owner` to the team's
    /// lead.
    NewCases {
        team: Option<TeamId>,
        owner: Option<UserId>,
    },
    /// Every inquiry joins this open case, with its people.
    Attach { case: CaseId },
}

/// The team and owner a new case from triage gets. The owner still has to be an active user,
/// which only the backend can check.
pub fn home_for(
    teams: &[Team],
    category: CaseCategory,
    team: Option<TeamId>,
    owner: Option<UserId>,
) -> Result<(TeamId, UserId)> {
    let team = match team {
        Some(id) => teams
            .iter()
            .find(|t| t.id == id)
            .ok_or_else(|| StoreError::not_found("team", id))?,
        None => Team::route(teams, category).ok_or(Refusal::NoTeamFor {
            category: category.as_str(),
        })?,
    };
    // Every open case has an owner from the moment it exists, so a team without a lead needs
    // someone named.
    let owner = owner
        .or(team.lead_id)
        .ok_or_else(|| Refusal::TeamWithoutLead {
            team: team.name.clone(),
        })?;
    Ok((team.id, owner))
}

/// Refuses an empty request and the same inquiry twice, before anything is written.
pub fn check_inquiries(inquiries: &[InquiryId]) -> Result<()> {
    if inquiries.is_empty() {
        return Err(Refusal::NothingToTriage.into());
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(dup) = inquiries.iter().find(|i| !seen.insert(**i)) {
        return Err(Refusal::InquiryNamedTwice { inquiry: dup.0 }.into());
    }
    Ok(())
}

/// A manual priority must say why, because the next person will ask.
pub fn check_override_reason(reason: &str) -> Result<&str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Refusal::PriorityWithoutReason.into());
    }
    Ok(reason)
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
    fn a_new_case_goes_to_the_chosen_team_and_its_lead_unless_an_owner_is_named() {
        let teams = [team(1, None, &[]), team(2, Some(20), &[CaseCategory::Visa])];
        assert_eq!(
            home_for(&teams, CaseCategory::Visa, None, None).unwrap(),
            (TeamId(2), UserId(20))
        );
        assert_eq!(
            home_for(
                &teams,
                CaseCategory::Medical,
                Some(TeamId(1)),
                Some(UserId(7))
            )
            .unwrap(),
            (TeamId(1), UserId(7))
        );
        let leaderless = home_for(&teams, CaseCategory::Medical, Some(TeamId(1)), None);
        assert!(
            matches!(&leaderless, Err(StoreError::Rule(Refusal::TeamWithoutLead { team }))
                if team == "t1"),
            "{leaderless:?}"
        );
        let unrouted = home_for(&teams, CaseCategory::Medical, None, None);
        assert!(matches!(
            unrouted,
            Err(StoreError::Rule(Refusal::NoTeamFor {
                category: "medical"
            }))
        ));
        let missing = home_for(&teams, CaseCategory::Medical, Some(TeamId(9)), None);
        assert!(matches!(missing, Err(StoreError::NotFound { .. })));
    }

    #[test]
    fn requests_are_checked_before_anything_is_written() {
        assert!(matches!(
            check_inquiries(&[]),
            Err(StoreError::Rule(Refusal::NothingToTriage))
        ));
        assert!(matches!(
            check_inquiries(&[InquiryId(1), InquiryId(1)]),
            Err(StoreError::Rule(Refusal::InquiryNamedTwice { inquiry: 1 }))
        ));
        assert!(check_inquiries(&[InquiryId(1), InquiryId(2)]).is_ok());
        assert!(matches!(
            check_override_reason("  "),
            Err(StoreError::Rule(Refusal::PriorityWithoutReason))
        ));
        assert_eq!(
            check_override_reason(" escalated by the consul ").unwrap(),
            "escalated by the consul"
        );
    }
}
