//! Corridor's domain model: the types every other crate speaks, parsed at the edge into
//! newtypes so that an invalid value cannot travel further than the request that carried it.
//! No I/O lives here.

mod deadline;
mod enums;
mod ids;
mod intake;
mod messages;
mod model;
mod pathway;
pub mod places;
mod priority;
mod public;
mod reference;
mod referral;
mod replies;
mod status;
mod text;
mod work;

pub use deadline::{
    CaseDeadlines, DeadlineKind, allowed as deadline_allowed, allowed_seconds as deadline_seconds,
};
pub use enums::{
    CaseCategory, Channel, EvidenceKind, ParseEnumError, Pathway, RequesterKind, Role, Sex,
};
pub use ids::{
    CaseId, HouseholdId, InquiryId, MergeId, PersonId, RecordId, RequesterId, ReviewId, TeamId,
    UserId,
};
pub use intake::{NewInquiry, NewRequester, PersonDetails, PersonMatch, PersonRef, PossibleMatch};
pub use messages::{
    ConversationMessage, MessageChannel, MessageDirection, MessageState, SmsCoding, TextIntent,
    consent_word_language, fold_text, text_acknowledgement, text_acknowledgement_with_code,
    text_opted_in, text_opted_out, text_status, whatsapp_free_text_allowed,
};
pub use model::{
    AuditEvent, Case, CaseSummary, Closure, FieldSource, Household, Inquiry, InquirySummary,
    MatchReview, Merge, Person, PersonFile, PersonRecord, PriorityOverride, Requester,
    ReviewStatus, Team, User,
};
pub use pathway::{Step, StepError};
pub use priority::Priority;
pub use public::PublicStatus;
pub use reference::{ParseReferenceError, ReferenceNumber};
pub use referral::{
    DeclinedReferral, OrgId, OrgKind, PartnerOrg, Referral, ReferralAction, ReferralError,
    ReferralId, ReferralSide, ReferralSnapshot, ReferralState, ReplyId, ShareField, SharedDocument,
    SharedPerson,
};
pub use replies::{
    CaseReply, Language, ReplyDelivery, ReplyTemplate, ReplyText, acknowledgement,
    acknowledgement_kind, outbox_kind, parse_acknowledgement_kind, parse_outbox_kind,
};
pub use status::{CaseOutcome, CaseStatus, TransitionError};
pub use text::{BoundedText, DisplayName, Password, TextError, Username};
pub use work::{
    CaseNote, CaseTask, Escalation, Notification, OverdueCount, PathwayChange, PathwayCount,
    PathwayEvidence, PersonPathway, mentions,
};
