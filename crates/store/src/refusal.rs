//! Every rule storage refuses to break, as one vocabulary. The web layer turns a refusal into a
//! message and a status code; tests match the variant, not the words. The words are what a
//! user reads, so they name cases and people by their numbers and never by name.

use corridor_domain::{CaseId, ReferralError, StepError, TransitionError};

/// A rule that a change would break. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    // --- cases and ownership --------------------------------------------------------------
    /// The database's own rule (SQLite trigger, PostgreSQL constraint) as much as the app's.
    #[error("an open case must always have an owner and a team")]
    CaseWithoutOwner,
    #[error("a closed case must have an outcome")]
    ClosedWithoutOutcome,
    #[error("{username} is a partner user and cannot own cases")]
    PartnerCannotOwn { username: String },
    #[error("user {username} is not active")]
    UserInactive { username: String },
    #[error("overriding the priority needs a reason")]
    PriorityWithoutReason,
    #[error("no team with a lead takes {category} cases: choose a team and an owner")]
    NoTeamFor { category: &'static str },
    #[error("team {team} has no lead to own the case: choose an owner")]
    TeamWithoutLead { team: String },

    // --- triage -----------------------------------------------------------------------------
    #[error("choose at least one inquiry to triage")]
    NothingToTriage,
    #[error("inquiry {inquiry} is named twice")]
    InquiryNamedTwice { inquiry: i64 },
    #[error("case C-{case} is closed: reopen it first or create a new case")]
    CaseClosed { case: i64 },

    // --- splitting and joining cases -------------------------------------------------------
    #[error("choose at least one person to move")]
    NobodyToMove,
    #[error("people are moved to another case, not to the one they are on (C-{case})")]
    MoveWithinCase { case: i64 },
    #[error("say why the people are moved")]
    MoveWithoutReason,

    // --- bulk actions -----------------------------------------------------------------------
    #[error("choose at least one case")]
    NoCaseChosen,
    #[error("case C-{case} is named twice")]
    CaseNamedTwice { case: CaseId },
    #[error("case C-{case} does not exist")]
    NoSuchCase { case: CaseId },
    /// One case of a bulk action refused it; nothing of the batch was written.
    #[error("case C-{case} refused, nothing was changed: {refused}")]
    InBulk { case: CaseId, refused: Box<Refusal> },
    /// A status change the workflow does not allow, inside a bulk action.
    #[error(transparent)]
    Transition(#[from] TransitionError),

    // --- people and matching ------------------------------------------------------------------
    #[error("people are merged in a cycle")]
    MergeCycle,
    #[error("person {person} is merged in a cycle")]
    PersonInMergeCycle { person: i64 },
    #[error("one of these people was already merged into someone else")]
    AlreadyMerged,
    #[error("a person cannot be merged into themself")]
    MergeIntoSelf,
    #[error("person {kept} was merged again since; undo that merge first")]
    MergedAgainSince { kept: i64 },
    #[error("person {person} was merged into person {live}; detach the record from there")]
    DetachFromMerged { person: i64, live: i64 },
    #[error(
        "record {record} is the only record of person {person}: there is nothing to detach it from"
    )]
    OnlyRecord { record: i64, person: i64 },
    #[error(
        "a record merge {merge} moved was detached from person {kept} since; merge that person \
         back before undoing the merge"
    )]
    DetachedSinceMerge { merge: i64, kept: i64 },

    // --- intake -------------------------------------------------------------------------------
    #[error("an attachment's message must be stored before it")]
    AttachmentBeforeMessage,
    #[error("a requester needs a name")]
    RequesterWithoutName,

    // --- notes, tasks, pathways, notifications ------------------------------------------------
    #[error("the {what} is empty")]
    EmptyText { what: String },
    #[error("the {what} is longer than {max} characters")]
    TextTooLong { what: String, max: usize },
    #[error("the {what} contains control characters")]
    ControlCharacters { what: String },
    #[error("{value:?} is not an email address")]
    NotAnEmail { value: String },
    #[error("a notification needs a short kind")]
    NotificationKind,
    #[error("{0:?} is not a language code")]
    Language(String),
    #[error("task {task} is already {}", if *.done { "done" } else { "open" })]
    TaskAlready { task: i64, done: bool },
    #[error(transparent)]
    Step(#[from] StepError),
    #[error("person P-{person} was merged into P-{into}: record the pathway there")]
    PathwayOnMerged { person: i64, into: i64 },
    #[error("evidence needs a reference (a case or registration number) or a note")]
    EvidenceWithoutContent,
    #[error("P-{person} is not on the {pathway} pathway: set its step first")]
    NotOnPathway { person: i64, pathway: &'static str },
    /// Evidence points only to a document of the person or of a case they are on.
    #[error(
        "document_id: document {document} is not a document of P-{person} or of a case they are on"
    )]
    EvidenceDocumentElsewhere { document: i64, person: i64 },

    // --- referrals ------------------------------------------------------------------------------
    #[error("an organization needs a name of at most 200 characters")]
    OrgName,
    #[error("a referral needs a reason")]
    ReferralWithoutReason,
    #[error("choose at least one field to share with the partner")]
    NoFieldShared,
    #[error("sharing a message needs the message")]
    MessageNotChosen,
    #[error("choose at least one person to refer")]
    NoPersonChosen,
    #[error("a partner user must belong to an organization")]
    PartnerWithoutOrg,
    #[error("case {case} is {status}; only open cases are referred")]
    ReferOnlyOpen { case: CaseId, status: &'static str },
    #[error("person {person} is not on case {case}")]
    PersonNotOnCase { person: i64, case: CaseId },
    /// Only the documents of the case, its people and its inquiries may be shared with it.
    #[error(
        "documents: document {document} is not a document of case C-{case}, its people or its inquiries"
    )]
    DocumentNotOnCase { document: i64, case: CaseId },
    /// A document the malware scanner has not found clean is held: not shared.
    #[error(
        "documents: document {document} has not been found clean by the malware scanner, so it cannot be shared"
    )]
    DocumentHeld { document: i64 },
    #[error(transparent)]
    Referral(#[from] ReferralError),
    #[error("referral {referral} does not exist or was not declined")]
    NotDeclined { referral: i64 },

    // --- reports ----------------------------------------------------------------------------------
    #[error("the period starts ({from}) after it ends ({to})")]
    PeriodReversed {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    #[error("a report covers at most {max} days")]
    PeriodTooLong { max: i64 },
    #[error("the period starts ({from}) after today ({today})")]
    PeriodInFuture {
        from: chrono::NaiveDate,
        today: chrono::NaiveDate,
    },
    #[error("give either a date or a period (from, to), not both")]
    DateAndPeriod,
    #[error("the case is open: only a closed or resolved case has a closing time")]
    OpenCaseClosingTime,
    #[error("a case closes after it was opened and not in the future")]
    ClosingTimeOutOfRange,

    // --- operations ------------------------------------------------------------------------------
    #[error("the backup path must be valid UTF-8")]
    BackupPathNotUtf8,
    /// A copy between databases met a value the target column cannot take.
    #[error("a {kind} column cannot hold {value}")]
    ColumnCannotHold { kind: String, value: String },
    #[error("{what} is not available on the {backend} backend yet")]
    Unsupported {
        what: &'static str,
        backend: &'static str,
    },
}

impl Refusal {
    /// The refusal of one case of a bulk action, or the refusal itself for another case.
    pub fn in_bulk(case: CaseId, refused: Refusal) -> Refusal {
        Refusal::InBulk {
            case,
            refused: Box::new(refused),
        }
    }
}
