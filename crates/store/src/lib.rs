//! The storage seam. Everything Corridor keeps goes through [`Store`]; each database has its
//! own crate implementing it with its own migrations, and all of them pass the same
//! [`conformance`] suite, so the app never knows which one it talks to.

mod audit;
mod audit_action;
pub mod clock;
pub mod contact;
pub mod crypto;
pub mod detach;
pub mod documents;
mod error;
pub mod households;
pub mod idempotency;
pub mod index_snapshot;
pub mod intake_plan;
pub mod messages;
pub mod protection;
mod query;
pub mod referrals;
mod refusal;
pub mod security;
pub mod sitrep;
mod store;
pub mod transfer;
pub mod triage;
pub mod workflow;

#[cfg(feature = "conformance")]
pub mod conformance;
#[cfg(feature = "conformance")]
pub mod conformance_clock;
#[cfg(feature = "conformance")]
pub mod conformance_detach;
#[cfg(feature = "conformance")]
pub mod conformance_documents;
#[cfg(feature = "conformance")]
pub mod conformance_households;
#[cfg(feature = "conformance")]
pub mod conformance_idempotency;
#[cfg(feature = "conformance")]
pub mod conformance_matching;
#[cfg(feature = "conformance")]
pub mod conformance_messages;
#[cfg(feature = "conformance")]
pub mod conformance_protection;
#[cfg(feature = "conformance")]
pub mod conformance_referrals;
#[cfg(feature = "conformance")]
pub mod conformance_security;
#[cfg(feature = "conformance")]
pub mod conformance_sitrep;
#[cfg(feature = "conformance")]
pub mod conformance_workflow;

pub use audit::{
    Actor, ChainBreak, ChainVerifier, GENESIS_HASH, NewAuditEvent, chain_hash, chain_links,
};
pub use audit_action::AuditAction;
pub use clock::Clock;
pub use error::StoreError;
pub use query::{CaseFilter, CaseSort, Cursor, InquiryFilter, Page, PageRequest};
pub use referrals::{NewOrg, NewReferral, ReferralActor, ReferralFilter, ReplyRequest};
pub use refusal::Refusal;
pub use security::{
    ApiTokenListing, AuditFilter, CaseHolder, CaseScope, DataScope, ObjectScope, ScopedObject,
    TokenScope, TotpState,
};
pub use store::{
    ApiTokenInfo, AuditStore, Backdating, CaseMove, CaseStore, DocumentStore, EscalationMail,
    HouseholdRecord, IntakeLock, IntakeStore, MatchingStore, MessageStore, NewApiToken, NewSession,
    NewTeam, NewUser, OutboxCounts, OutboxMessage, OutboxStore, PeopleStore, PersonHit, PoolState,
    ProtectionStore, RecordedInquiry, ReferralStore, ReportStore, SecurityStore, SessionInfo,
    Store, StoreBase, Submission, Totals, TransferStore, WorkflowStore,
};
pub use triage::Triage;
pub use workflow::{NewEvidence, NewTask};

/// The storage traits in one line: `use corridor_store::prelude::*;` brings every capability
/// into scope, so their methods can be called on a concrete store as on a `dyn Store`.
/// [`Backdating`] is left out on purpose: only the demo and the tests name it.
pub mod prelude {
    pub use crate::store::{
        AuditStore, CaseStore, DocumentStore, IntakeStore, MatchingStore, MessageStore,
        OutboxStore, PeopleStore, ProtectionStore, ReferralStore, ReportStore, SecurityStore,
        Store, StoreBase, TransferStore, WorkflowStore,
    };
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
