//! Types of the security part of storage: second factors, sign-in lockout, scoped API tokens,
//! data scope of objects and the audit trail's search.

use chrono::{DateTime, Utc};
use corridor_domain::{CaseId, InquiryId, MergeId, PersonId, ReviewId, Role, TeamId, UserId};
use serde::{Deserialize, Serialize};

/// A user's TOTP second factor as stored. The secret is the shared key (base32 text);
/// `confirmed` is false between enrollment and the first code that proves the user has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpState {
    pub secret: String,
    pub confirmed: bool,
}

/// What an API token may do. `Read` reads, `Write` changes cases, people and reviews (and
/// reads), `Intake` only submits inquiries: the token given to a partner's form or a bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenScope {
    Read,
    Write,
    Intake,
}

impl TokenScope {
    pub const ALL: [TokenScope; 3] = [TokenScope::Read, TokenScope::Write, TokenScope::Intake];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
            TokenScope::Intake => "intake",
        }
    }

    pub fn parse(s: &str) -> Option<TokenScope> {
        TokenScope::ALL.into_iter().find(|t| t.as_str() == s.trim())
    }

    /// Scopes as stored: comma-separated codes.
    pub fn join(scopes: &[TokenScope]) -> String {
        scopes
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Unknown codes are dropped: a token never gains a power by a typo in the database.
    pub fn split(s: &str) -> Vec<TokenScope> {
        s.split(',').filter_map(TokenScope::parse).collect()
    }
}

/// One API token as listed for an administrator: never the token or its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiTokenListing {
    pub id: i64,
    pub user_id: UserId,
    pub username: String,
    pub name: String,
    pub scopes: Vec<TokenScope>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// An object a route shows or changes, to find which cases decide who may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopedObject {
    Case(CaseId),
    Person(PersonId),
    Inquiry(InquiryId),
    Review(ReviewId),
    Merge(MergeId),
    /// A referral: decided by its case.
    Referral(corridor_domain::ReferralId),
    /// A task: decided by its case.
    Task(i64),
}

/// The owner and team of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseHolder {
    pub owner: UserId,
    pub team: TeamId,
}

/// Where an object lives for access decisions: the cases it is on, and whether it is (on) an
/// inquiry still waiting in the triage queue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectScope {
    pub cases: Vec<CaseHolder>,
    pub in_triage_queue: bool,
}

/// The cases a case officer may see: those they own and those of their team. Applied to
/// lists by the storage query itself, so a page never holds rows it must not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseScope {
    pub user: UserId,
    pub team: Option<TeamId>,
}

impl CaseScope {
    pub fn covers(&self, holder: &CaseHolder) -> bool {
        holder.owner == self.user || Some(holder.team) == self.team
    }
}

/// The data scope of a role (see the README's "Security" section).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataScope {
    /// Every case, person and inquiry of the organization.
    Organization,
    /// Own and own team's cases, their people and inquiries, and the triage queue.
    Team(CaseScope),
    /// Inquiries waiting in the triage queue, nothing on a case.
    TriageQueue,
    /// No case, person or inquiry at all.
    Nothing,
}

impl DataScope {
    pub fn of(role: Role, user: UserId, team: Option<TeamId>) -> DataScope {
        match role {
            Role::Admin | Role::Lead => DataScope::Organization,
            Role::CaseOfficer => DataScope::Team(CaseScope { user, team }),
            Role::IntakeClerk => DataScope::TriageQueue,
            Role::Partner | Role::Auditor => DataScope::Nothing,
        }
    }

    /// Whether an object that lives in `scope` may be seen.
    pub fn allows(&self, scope: &ObjectScope) -> bool {
        match self {
            DataScope::Organization => true,
            // Waiting in triage opens an object only while it is on no case at all: a person
            // on a waiting inquiry who is also on another team's case stays that team's.
            DataScope::Team(s) => {
                scope.cases.iter().any(|c| s.covers(c))
                    || (scope.in_triage_queue && scope.cases.is_empty())
            }
            DataScope::TriageQueue => scope.in_triage_queue && scope.cases.is_empty(),
            DataScope::Nothing => false,
        }
    }

    /// The restriction to put on case lists, or None for all of them.
    pub fn case_list(&self) -> Option<CaseScope> {
        match self {
            DataScope::Organization => None,
            DataScope::Team(s) => Some(*s),
            // A user id that is never an owner and no team: an empty list.
            DataScope::TriageQueue | DataScope::Nothing => Some(CaseScope {
                user: UserId(-1),
                team: None,
            }),
        }
    }
}

/// Filters of the audit trail's search. Text filters match exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Only events with ids below this one: the next page of a newest-first list.
    pub before: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_decide_by_the_cases_an_object_is_on() {
        let me = UserId(1);
        let mine = TeamId(1);
        let officer = DataScope::of(Role::CaseOfficer, me, Some(mine));
        let on = |owner, team| ObjectScope {
            cases: vec![CaseHolder {
                owner: UserId(owner),
                team: TeamId(team),
            }],
            in_triage_queue: false,
        };
        assert!(officer.allows(&on(1, 2)), "own case in another team");
        assert!(officer.allows(&on(2, 1)), "team's case");
        assert!(!officer.allows(&on(2, 2)), "another team's case");
        let waiting = ObjectScope {
            cases: vec![],
            in_triage_queue: true,
        };
        assert!(officer.allows(&waiting));
        let waiting_but_elsewhere = ObjectScope {
            in_triage_queue: true,
            ..on(2, 2)
        };
        assert!(!officer.allows(&waiting_but_elsewhere));
        let clerk = DataScope::of(Role::IntakeClerk, me, Some(mine));
        assert!(clerk.allows(&waiting) && !clerk.allows(&on(1, 1)));
        for role in [Role::Partner, Role::Auditor] {
            let s = DataScope::of(role, me, Some(mine));
            assert!(!s.allows(&waiting) && !s.allows(&on(1, 1)));
        }
        assert!(DataScope::of(Role::Lead, me, None).allows(&on(9, 9)));
        assert_eq!(
            DataScope::of(Role::Admin, me, None).case_list(),
            None,
            "no restriction on lists"
        );
    }
}
