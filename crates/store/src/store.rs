use async_trait::async_trait;
use chrono::{DateTime, Utc};
use corridor_domain::{
    AuditEvent, Case, CaseCategory, CaseId, CaseNote, CaseOutcome, CaseStatus, CaseSummary,
    CaseTask, DisplayName, Escalation, Inquiry, InquiryId, InquirySummary, MatchReview, MergeId,
    NewInquiry, Notification, OverdueCount, Pathway, PathwayCount, PersonDetails, PersonFile,
    PersonId, PersonPathway, Priority, PublicStatus, RecordId, ReferenceNumber, ReviewId,
    ReviewStatus, Role, Team, TeamId, User, UserId, Username,
};
use corridor_domain::{
    CaseReply, DeclinedReferral, Language, OrgId, PartnerOrg, Referral, ReferralAction, ReferralId,
    RequesterId,
};

use crate::crypto::{Cipher, Field};
use crate::documents::{
    AddedDocument, Document, DocumentId, DocumentOwner, DocumentRead, NewDocument, ScanState,
};
use crate::idempotency::{KeyClaim, KeyReservation};
use crate::protection::{PurgeReport, SealedCount};
use crate::referrals::{NewOrg, NewReferral, ReferralActor, ReferralFilter, ReplyRequest};
use crate::transfer::{Row, Table, TableCounts, Value};
use crate::{
    Actor, CaseFilter, ChainBreak, InquiryFilter, NewAuditEvent, NewEvidence, NewTask, Page,
    PageRequest, Result, Triage,
};
use crate::{ApiTokenListing, AuditFilter, ObjectScope, ScopedObject, TotpState};

#[derive(Debug, Clone)]
pub struct NewTeam {
    pub name: String,
    pub categories: Vec<CaseCategory>,
    pub lead_id: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: Username,
    pub display_name: DisplayName,
    pub role: Role,
    pub team_id: Option<TeamId>,
    /// An argon2id PHC string; storage never sees a password.
    pub password_hash: String,
}

/// A browser session. Only the hash of the cookie's token is stored, so a copy of the
/// database does not let anyone sign in.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token_hash: String,
    pub user_id: UserId,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
    /// A session unused for this long ends, whatever its absolute expiry.
    pub idle_timeout: chrono::Duration,
}

#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub user: User,
    pub csrf_token: String,
    /// When the user last gave their second factor in this session; None while the session
    /// only has the password (it may then do nothing but give the code).
    pub factor_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub user_id: UserId,
    pub name: String,
    pub token_hash: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub scopes: Vec<crate::TokenScope>,
}

#[derive(Debug, Clone)]
pub struct ApiTokenInfo {
    pub id: i64,
    pub user: User,
    pub name: String,
    pub scopes: Vec<crate::TokenScope>,
}

/// What intake gets back for an inquiry: the reference to give the requester, and whether it
/// was new or a retry of one already stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedInquiry {
    pub id: InquiryId,
    pub reference: ReferenceNumber,
    pub case_id: Option<CaseId>,
    pub already_present: bool,
}

/// One inquiry handed to [`IntakeStore::take_in`], with what intake knows beyond the inquiry
/// itself.
#[derive(Debug, Clone)]
pub struct Submission {
    pub inquiry: NewInquiry,
    /// Submissions of one batch that share this key are one household: their people share a
    /// household and the inquiries share one case (spreadsheet rows of one family). The key
    /// means nothing outside its batch.
    pub household_key: Option<String>,
    /// The idempotency key of the inquiry this one arrived inside (a spreadsheet attached to
    /// an email); it must be stored earlier in the same batch or before.
    pub parent_key: Option<String>,
    /// The SHA-256 (hex) of the secret code given to the requester for the status lookup. The
    /// code itself is never stored.
    pub status_code_hash: Option<String>,
    /// Where to send the acknowledgement with the reference number. It is queued in the
    /// outbox in the same transaction as the inquiry, and only when the inquiry is new.
    pub acknowledge_to: Option<String>,
    /// The language the acknowledgement is written in; without one, it is written in every
    /// language Corridor answers in.
    pub acknowledge_language: Option<corridor_domain::Language>,
    /// An open case the inquiry joins when none of its people is known: the case of the
    /// family whose phone number a text message came from. The caller checks it is open.
    pub join_case: Option<CaseId>,
}

impl Submission {
    pub fn new(inquiry: NewInquiry) -> Self {
        Submission {
            inquiry,
            household_key: None,
            parent_key: None,
            status_code_hash: None,
            acknowledge_to: None,
            acknowledge_language: None,
            join_case: None,
        }
    }
}

/// An acknowledgement waiting in the outbox, claimed by one sender until `claimed_until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub inquiry_id: InquiryId,
    pub reference: ReferenceNumber,
    pub to: String,
    /// What to send: "acknowledgement", or a reply written by `corridor_domain::outbox_kind`.
    pub kind: String,
    /// Attempts so far, including the one this claim is for.
    pub attempts: i32,
    /// The claim's token: only its holder may mark the message sent or failed.
    pub claim: String,
    /// Set when the message is an escalation to a team lead rather than an acknowledgement.
    pub escalation: Option<EscalationMail>,
}

/// What an escalation email says: the case and the clock, nothing about the people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationMail {
    pub case_id: CaseId,
    pub kind: corridor_domain::DeadlineKind,
    pub due_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sent: i64,
    pub abandoned: i64,
}

/// The intake-channel methods have defaults that refuse, so a backend can be built before it
/// implements them; it passes `conformance_suite!(intake: ...)` once it does.
fn unsupported(backend: &'static str, what: &'static str) -> crate::StoreError {
    crate::Refusal::Unsupported { what, backend }.into()
}

/// Counts for the front page and the health of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub inquiries: i64,
    pub pending_reviews: i64,
    pub untriaged_inquiries: i64,
    pub people: i64,
    pub households: i64,
    pub cases: i64,
    pub open_cases: i64,
    pub users: i64,
}

/// What [`CaseStore::move_people`] did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CaseMove {
    pub from: CaseId,
    pub to: CaseId,
    /// Whether `to` was opened by this move (a split).
    pub opened: bool,
    pub people: Vec<PersonId>,
    /// The requests that now feed `to`.
    pub inquiries: Vec<corridor_domain::InquiryId>,
    /// Whether `from` was left with nobody and closed.
    pub closed_from: bool,
}

/// One record of a member of a household (see [`PeopleStore::household_records`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HouseholdRecord {
    pub household: corridor_domain::HouseholdId,
    pub person: PersonId,
    pub record: RecordId,
}

/// A person as a search shows them (see [`PeopleStore::people_for_search`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PersonHit {
    pub person: PersonId,
    /// Consolidated from the person's records.
    pub details: PersonDetails,
    /// Their cases not purged, newest first.
    pub cases: Vec<CaseId>,
    /// The latest inquiry that mentions them.
    pub latest_inquiry: Option<(InquiryId, ReferenceNumber, DateTime<Utc>)>,
}

/// See [`IntakeStore::intake_lock`]: whatever the backend needs to keep alive while the lock is
/// held.
pub struct IntakeLock(#[allow(dead_code)] Option<Box<dyn Send>>);

impl IntakeLock {
    pub fn none() -> Self {
        IntakeLock(None)
    }

    pub fn holding(guard: impl Send + 'static) -> Self {
        IntakeLock(Some(Box::new(guard)))
    }
}

/// Everything Corridor keeps: every capability below at once, which is what the app holds
/// (`Arc<dyn Store>`). Implementations must make each method atomic: a call either happens
/// whole, with its audit events, or not at all.
///
/// It is implemented for every type that implements all the capabilities, so a backend
/// implements those and nothing more. The methods are the capabilities': import them with
/// `use corridor_store::prelude::*;` to call them on a concrete store.
pub trait Store:
    StoreBase
    + SecurityStore
    + OutboxStore
    + IntakeStore
    + CaseStore
    + PeopleStore
    + AuditStore
    + ReportStore
    + WorkflowStore
    + ReferralStore
    + TransferStore
    + ProtectionStore
    + DocumentStore
    + MessageStore
    + MatchingStore
{
}

impl<T> Store for T where
    T: StoreBase
        + SecurityStore
        + OutboxStore
        + IntakeStore
        + CaseStore
        + PeopleStore
        + AuditStore
        + ReportStore
        + WorkflowStore
        + ReferralStore
        + TransferStore
        + ProtectionStore
        + DocumentStore
        + MessageStore
        + MatchingStore
{
}

/// What every capability shares: which database this is and whether it answers. The other
/// traits build on it, so a default can name the backend that does not offer it yet.
#[async_trait]
pub trait StoreBase: Send + Sync + 'static {
    /// "sqlite" or "postgres", for the health check and logs.
    fn backend(&self) -> &'static str;

    /// Succeeds when the database answers.
    async fn ping(&self) -> Result<()>;

    /// The connection pools as they are now, for the metrics: a pool waiting on its busy
    /// connections is where a slow server spends its time.
    fn pools(&self) -> Vec<PoolState>;
}

/// One connection pool of a store: how many connections it holds and how many sit idle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolState {
    /// "write" or "read" (PostgreSQL serves both from one pool, named "write").
    pub name: &'static str,
    pub open: u32,
    pub idle: u32,
}

/// Users and what guards their access: teams, users and their roles and passwords, browser
/// sessions, API tokens, the second factor (TOTP), the sign-in lockout, and the scope check
/// routes make before they read an object.
#[async_trait]
pub trait SecurityStore: StoreBase {
    // --- teams and users -------------------------------------------------------------------

    async fn create_team(&self, team: NewTeam, actor: &Actor) -> Result<Team>;

    async fn set_team_lead(&self, team: TeamId, lead: UserId, actor: &Actor) -> Result<Team>;

    async fn list_teams(&self) -> Result<Vec<Team>>;

    /// Refuses a username that is taken with `Conflict`.
    async fn create_user(&self, user: NewUser, actor: &Actor) -> Result<User>;

    /// Sets (or with `None` clears) the language a user's pages are in: an interface
    /// language code (`en`, `prs`, `ps`, `ur`), up to 8 letters; anything else is refused.
    async fn set_user_language(
        &self,
        user: UserId,
        language: Option<&str>,
        actor: &Actor,
    ) -> Result<()>;

    async fn user_language(&self, user: UserId) -> Result<Option<String>>;

    /// Deactivates (or reactivates) a user. A deactivated user cannot sign in and cannot be
    /// given cases; the open cases they own keep them as owner and show in the "needs an
    /// owner" list (`CaseFilter::needs_owner`) until a lead hands them out.
    async fn set_user_active(&self, id: UserId, active: bool, actor: &Actor) -> Result<User>;

    async fn get_user(&self, id: UserId) -> Result<Option<User>>;

    async fn list_users(&self) -> Result<Vec<User>>;

    /// The user and their password hash, for signing in.
    async fn user_credentials(&self, username: &str) -> Result<Option<(User, String)>>;

    // --- sessions and API tokens -----------------------------------------------------------

    async fn create_session(&self, session: NewSession) -> Result<()>;

    /// The session's user, if the session exists, has not expired and the user is active.
    async fn session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<SessionInfo>>;

    async fn delete_session(&self, token_hash: &str) -> Result<()>;

    async fn create_api_token(&self, token: NewApiToken, actor: &Actor) -> Result<i64>;

    /// The token's user, if the token exists, is not revoked or expired and the user is active.
    async fn api_token(&self, token_hash: &str, now: DateTime<Utc>)
    -> Result<Option<ApiTokenInfo>>;

    // --- second factor, lockout, roles, passwords, revocation, scope ------------------------

    /// Stores (or with `None` removes) a user's TOTP factor. Removing it also ends the user's
    /// sessions, so the next sign-in enrolls a new one. Audited without the secret.
    async fn set_totp(&self, user: UserId, state: Option<TotpState>, actor: &Actor) -> Result<()>;

    async fn totp(&self, user: UserId) -> Result<Option<TotpState>>;

    /// Accepts the TOTP time step `step` for `user` only when it is later than every step
    /// accepted before, atomically: a code cannot be used twice, not even by two servers.
    async fn claim_totp_step(&self, user: UserId, step: i64) -> Result<bool>;

    /// Records that the session's user gave their second factor at `at`.
    async fn session_factor_verified(&self, token_hash: &str, at: DateTime<Utc>) -> Result<()>;

    /// Ends every session of the user ("sign out everywhere"); returns how many there were.
    async fn end_user_sessions(&self, user: UserId) -> Result<u64>;

    /// Until when sign-in is refused for the user after too many failures, if it is now.
    async fn sign_in_locked_until(
        &self,
        user: UserId,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>>;

    /// Counts a failed sign-in; at `max_failures` in a row the account is locked for
    /// `lock_for` (audited as `user.locked_out`) and the count starts again. Returns the lock's
    /// end when this failure locked it.
    async fn record_sign_in_failure(
        &self,
        user: UserId,
        now: DateTime<Utc>,
        max_failures: u32,
        lock_for: chrono::Duration,
        actor: &Actor,
    ) -> Result<Option<DateTime<Utc>>>;

    async fn clear_sign_in_failures(&self, user: UserId) -> Result<()>;

    /// Changes a user's role and ends their sessions. Audited.
    async fn set_user_role(&self, id: UserId, role: Role, actor: &Actor) -> Result<User>;

    /// Replaces a user's password hash, clears a lockout and ends their sessions. Audited.
    async fn set_password_hash(
        &self,
        id: UserId,
        password_hash: String,
        actor: &Actor,
    ) -> Result<()>;

    /// API tokens, newest first, of one user or of everyone.
    async fn list_api_tokens(&self, user: Option<UserId>) -> Result<Vec<ApiTokenListing>>;

    /// Revokes a token for good. Audited; revoking a revoked token changes nothing.
    async fn revoke_api_token(&self, id: i64, actor: &Actor) -> Result<()>;

    /// The cases (owners and teams) an object is on, and whether it waits in triage; None
    /// when the object does not exist. Routes check it before they read the object.
    async fn object_scope(&self, object: ScopedObject) -> Result<Option<ObjectScope>>;

    // --- API Idempotency-Keys (see `crate::idempotency`) ------------------------------------

    /// Reserves `user`'s `key` for the request whose fingerprint (a hash of method, path and
    /// body) is `fingerprint`, or says what holds it: the same request running or done, or
    /// another request. Atomic: of requests with one key arriving at once, on any server, one
    /// gets `New`. A key older than [`keep_keys_for`](crate::idempotency::keep_keys_for) is
    /// free again; expired keys are deleted here. Not audited: the operation that runs is.
    async fn claim_idempotency_key(
        &self,
        user: UserId,
        key: &str,
        fingerprint: &[u8],
    ) -> Result<KeyClaim>;

    /// Records the answer of a reserved key's request (sealed): its retries are given it. With
    /// `None` the request is recorded as done without its answer.
    async fn complete_idempotency_key(
        &self,
        reservation: KeyReservation,
        status: u16,
        answer: Option<&str>,
    ) -> Result<()>;

    /// Frees a reserved key whose request was refused or failed, so that its retry is decided
    /// afresh.
    async fn release_idempotency_key(&self, reservation: KeyReservation) -> Result<()>;
}

/// The outbox: emails (acknowledgements, replies, escalations) queued in the transaction that
/// decided to send them, claimed and sent by a sender outside any transaction. The methods
/// have defaults that refuse, so a backend can be built before it implements them; it passes
/// `conformance_suite!(intake: ...)` once it does.
#[async_trait]
pub trait OutboxStore: StoreBase {
    /// Claims up to `limit` acknowledgements that are due (never sent, next attempt at or
    /// before `now`, not claimed by anyone else unless that claim has lapsed) for `lease`.
    /// Backends with several servers must let concurrent claimers take disjoint messages
    /// (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>> {
        let _ = (now, lease, limit);
        Err(unsupported(self.backend(), "the outbox"))
    }

    /// Marks a claimed message sent; returns false (and changes nothing) when the claim is no
    /// longer held.
    async fn outbox_sent(&self, id: i64, claim: &str, at: DateTime<Utc>) -> Result<bool> {
        let _ = (id, claim, at);
        Err(unsupported(self.backend(), "the outbox"))
    }

    /// Records a failed attempt and when to try again; `retry_at = None` gives up for good.
    async fn outbox_failed(
        &self,
        id: i64,
        claim: &str,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        let _ = (id, claim, error, retry_at);
        Err(unsupported(self.backend(), "the outbox"))
    }

    /// How many acknowledgements are queued, sent and abandoned, for health and tests.
    async fn outbox_counts(&self) -> Result<OutboxCounts> {
        Err(unsupported(self.backend(), "the outbox"))
    }
}

/// Intake: inquiries taken in from every channel (stored verbatim, matched, routed), read
/// back, and looked up by requesters with their status code; and the lock that keeps two
/// servers from taking in the same new person at once.
#[async_trait]
pub trait IntakeStore: StoreBase {
    /// Stores one inquiry verbatim with its requester and people, and routes it (see
    /// [`IntakeStore::take_in`]). A repeated idempotency key returns the first inquiry unchanged.
    async fn record_inquiry(&self, inquiry: NewInquiry, actor: &Actor) -> Result<RecordedInquiry> {
        let mut recorded = self.record_inquiries(vec![inquiry], actor).await?;
        Ok(recorded.remove(0))
    }

    /// The same for many inquiries in one transaction: all are stored or none.
    async fn record_inquiries(
        &self,
        inquiries: Vec<NewInquiry>,
        actor: &Actor,
    ) -> Result<Vec<RecordedInquiry>> {
        let source = match inquiries.first() {
            Some(i) if inquiries.iter().all(|j| j.channel == i.channel) => i.channel.to_string(),
            _ => "intake".to_string(),
        };
        let subs = inquiries.into_iter().map(Submission::new).collect();
        self.take_in(subs, &source, actor).await
    }

    /// The intake path of every channel: stores every submission in one transaction, all or
    /// none, verbatim with its requester and people, with one audit event for the batch naming
    /// `source` and the counts. Submissions whose idempotency key is already stored (or appears
    /// earlier in the batch) come back `already_present` and change nothing.
    ///
    /// People follow matching's verdicts (`NewInquiry::matches`): a sure match adds a record
    /// to the known person (or to one described earlier in the batch) and the inquiry joins
    /// that person's open case and household; a possible match becomes a review. Otherwise
    /// each inquiry (or each household key of the batch) gets a new case owned by the lead of
    /// the team for its category, or, where no team takes the category, waits in the triage
    /// queue. The rules are [`crate::intake_plan`]'s; backends only write the plan.
    async fn take_in(
        &self,
        submissions: Vec<Submission>,
        source: &str,
        actor: &Actor,
    ) -> Result<Vec<RecordedInquiry>>;

    /// The inquiry another one arrived inside (see [`Submission::parent_key`]).
    async fn inquiry_parent(&self, id: InquiryId) -> Result<Option<InquiryId>> {
        let _ = id;
        Err(unsupported(self.backend(), "attachment links"))
    }

    /// The coarse status of the inquiry with this reference, only when `code_hash` matches the
    /// one stored with it. A wrong code and an unknown reference look the same: `None`.
    async fn public_status(
        &self,
        reference: &ReferenceNumber,
        code_hash: &str,
    ) -> Result<Option<PublicStatus>> {
        let _ = (reference, code_hash);
        Err(unsupported(self.backend(), "the status lookup"))
    }

    async fn list_inquiries(
        &self,
        filter: &InquiryFilter,
        page: PageRequest,
    ) -> Result<Page<InquirySummary>>;

    /// The inquiry with this reference, whatever case it is on; for search, whose caller
    /// scopes and audits it.
    async fn inquiry_by_reference(
        &self,
        reference: &ReferenceNumber,
    ) -> Result<Option<InquirySummary>>;

    /// Requesters whose phone or email is `contact` (a phone in any format: numbers are
    /// compared in E.164), at most `limit`, most recently heard from first, each with their
    /// requests newest first. Purged requesters and requests of purged cases are left out.
    /// For search, whose caller scopes and audits it.
    async fn requesters_by_contact(
        &self,
        contact: &crate::contact::Contact,
        limit: u32,
    ) -> Result<Vec<crate::contact::RequesterHit>>;

    /// Reading an inquiry shows personal data, so it is audited.
    async fn get_inquiry(&self, id: InquiryId, actor: &Actor) -> Result<Option<Inquiry>>;

    // --- several servers -------------------------------------------------------------------

    /// Held while an inquiry's people are matched against everyone known and then stored, so
    /// that two servers taking in the same new person at the same moment cannot both miss each
    /// other and open two cases. Released when dropped. The default holds nothing, which is
    /// enough where a single process writes (the matcher serialises intake within a process).
    async fn intake_lock(&self) -> Result<IntakeLock> {
        Ok(IntakeLock::none())
    }
}

/// Cases and triage: listing and reading cases, giving them an owner, moving them through
/// their workflow, overriding their priority, one by one or in bulk; and triaging the
/// inquiries that wait for a case.
#[async_trait]
pub trait CaseStore: StoreBase {
    /// Moves people, and the requests about them, from one open case to another (`to`), or to
    /// a new case of the same category, owner and team and a new household (`None`: a split);
    /// for what automation got wrong. A request about people on both sides feeds both cases.
    /// A case left with nobody closes as a duplicate, and moving people back into it reopens
    /// it, so a move is undone by moving the same people back. The reason is kept as a note
    /// on both cases; each case's history records the move. Refused unless the people are all
    /// on `from`.
    async fn move_people(
        &self,
        from: CaseId,
        people: &[PersonId],
        to: Option<CaseId>,
        reason: &str,
        actor: &Actor,
    ) -> Result<CaseMove>;

    async fn list_cases(&self, filter: &CaseFilter, page: PageRequest)
    -> Result<Page<CaseSummary>>;

    /// The summaries of these cases (those that exist), in the order given; for search and
    /// the "already known" check, whose callers scope and audit them.
    async fn case_summaries(&self, ids: &[CaseId]) -> Result<Vec<CaseSummary>>;

    /// Reading a case shows personal data, so it is audited.
    async fn get_case(&self, id: CaseId, actor: &Actor) -> Result<Option<Case>>;

    /// Gives the case to `owner`, and to `team` when given (otherwise the owner's team, or the
    /// case's current one). The owner must be an active user.
    async fn assign_case(
        &self,
        id: CaseId,
        owner: UserId,
        team: Option<TeamId>,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<CaseSummary>;

    /// Moves a case through its workflow; the domain's rules decide what is allowed (closing
    /// takes an outcome and a reason, kept on the case).
    async fn change_case_status(
        &self,
        id: CaseId,
        to: CaseStatus,
        reason: Option<&str>,
        outcome: Option<CaseOutcome>,
        actor: &Actor,
    ) -> Result<CaseSummary>;

    /// Sets the case's priority by hand. The reason is required; the assessed priority stays
    /// on record beside it. Audited with who and why.
    async fn override_priority(
        &self,
        id: CaseId,
        priority: Priority,
        reason: &str,
        actor: &Actor,
    ) -> Result<CaseSummary>;

    // --- triage ----------------------------------------------------------------------------

    /// Open cases an inquiry waiting for triage probably belongs on: those of its people, then
    /// those of other people in their households, each case once.
    async fn triage_suggestions(&self, inquiry: InquiryId) -> Result<Vec<CaseSummary>>;

    /// Triages inquiries waiting in the queue, all in one transaction: each gets a new case or
    /// joins an open one (see [`Triage`]). Returns each inquiry's case, in the order given.
    /// An inquiry already on a case is refused with `Conflict`, and then none is triaged.
    async fn triage_inquiries(
        &self,
        inquiries: &[InquiryId],
        triage: &Triage,
        actor: &Actor,
    ) -> Result<Vec<CaseId>>;

    // --- bulk ------------------------------------------------------------------------------

    /// Assigns every case to `owner` (and `team`) in one transaction: all or none. A refusal
    /// names the case and why. Each change is audited. Returns the number of cases changed.
    async fn bulk_assign(
        &self,
        cases: &[CaseId],
        owner: UserId,
        team: Option<TeamId>,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<u64>;

    /// Moves every case to `to` in one transaction, by the workflow's rules: all or none.
    async fn bulk_change_status(
        &self,
        cases: &[CaseId],
        to: CaseStatus,
        reason: Option<&str>,
        outcome: Option<CaseOutcome>,
        actor: &Actor,
    ) -> Result<u64>;
}

/// People and matching: the person records the matching index is built from, people's files,
/// merges and their undoing, detaching a record, households, and the review of possible
/// matches.
#[async_trait]
pub trait PeopleStore: StoreBase {
    /// Person records with ids above `after`, oldest first, each with the person it belongs to
    /// now. Records are only ever added, so this is how a matching index is built at start and
    /// kept current with what other servers wrote.
    async fn person_records_after(
        &self,
        after: RecordId,
        limit: u32,
    ) -> Result<Vec<(RecordId, PersonId, PersonDetails)>>;

    /// The person each of these records belongs to now (after any merges).
    async fn record_owners(&self, records: &[RecordId]) -> Result<Vec<(RecordId, PersonId)>>;

    /// What a search shows of these people, in the order given: people merged away and
    /// people whose every record was purged are left out (the matching index in memory may
    /// still hold their records). Not audited here: the search is, once.
    async fn people_for_search(&self, people: &[PersonId]) -> Result<Vec<PersonHit>>;

    /// Everything about one person, with the source of every field. Audited.
    async fn get_person(&self, id: PersonId, actor: &Actor) -> Result<Option<PersonFile>>;

    /// Merges `merged` into `kept`: its records and case memberships move to `kept`. Undoable.
    async fn merge_persons(
        &self,
        kept: PersonId,
        merged: PersonId,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<MergeId>;

    /// Undoes a merge exactly: the records and case memberships that moved go back.
    async fn undo_merge(&self, merge: MergeId, actor: &Actor) -> Result<()>;

    /// Detaches one record from `person` into a new person of its own: the undo for a sure
    /// match made at intake, or for a record that ended up on the wrong person. The new
    /// person's fields come from that record alone, and `person`'s no longer include it. The
    /// new person joins the case of the record's inquiry and the household of the others that
    /// inquiry describes; `person` leaves that case unless another of their records is on it.
    /// Refused (`Rule`) when it is the person's only record or the person was merged away;
    /// `NotFound` when the record is not `person`'s. Audited. Returns the new person. (The
    /// matching index needs no telling: it holds records, and asks whose they are at each
    /// match.) Undone by merging the new person back.
    async fn detach_record(
        &self,
        person: PersonId,
        record: RecordId,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<PersonId>;

    /// Every record of every person (not merged away) in the households of these people, for
    /// pairing up the members of a family that arrives again (see
    /// `corridor_matching::MatchIndex::pair_households`). People in no household add nothing.
    async fn household_records(&self, people: &[PersonId]) -> Result<Vec<HouseholdRecord>>;

    /// Pairs for review with this status, oldest first.
    async fn list_reviews(
        &self,
        status: ReviewStatus,
        page: PageRequest,
    ) -> Result<Page<MatchReview>>;

    async fn get_review(&self, id: ReviewId) -> Result<Option<MatchReview>>;

    /// Records a reviewer's decision; "same" merges the record's person into the candidate.
    async fn decide_review(&self, id: ReviewId, same: bool, actor: &Actor) -> Result<MatchReview>;
}

/// The audit trail: a hash chain every change appends to in its own transaction. Appending
/// here is for what changes nothing else (a sign-in, a read); listing, verifying, searching.
#[async_trait]
pub trait AuditStore: StoreBase {
    /// Records something that changed nothing else, such as a sign-in or a read.
    async fn audit(&self, event: NewAuditEvent, actor: &Actor) -> Result<()>;

    /// Most recent first, optionally for one entity.
    async fn audit_events(
        &self,
        entity: Option<(&str, i64)>,
        limit: u32,
    ) -> Result<Vec<AuditEvent>>;

    /// Seals what can be sealed (see [`seal_audit`](Self::seal_audit)), then recomputes the
    /// whole sealed chain; returns how many events fit, or the first that does not.
    async fn verify_audit_chain(&self) -> Result<Result<u64, ChainBreak>>;

    /// Chains the events appended since the last seal into the trail, in order, and returns
    /// how many. Appending takes no lock; sealing is done by one sealer at a time (every
    /// server runs one in the background, any may). Until sealed, an event is in the trail
    /// but not yet under its hashes.
    async fn seal_audit(&self) -> Result<u64>;

    /// Events not sealed yet, and when the oldest of them was appended: how far the seal lags.
    async fn audit_unsealed(&self) -> Result<(u64, Option<chrono::DateTime<chrono::Utc>>)>;

    /// Audit events matching `filter`, newest first, at most `limit`.
    async fn search_audit(&self, filter: &AuditFilter, limit: u32) -> Result<Vec<AuditEvent>>;
}

/// Figures for reports and the front page, computed in the database without reading names.
#[async_trait]
pub trait ReportStore: StoreBase {
    async fn totals(&self) -> Result<Totals>;

    /// The raw aggregates of the situation report for `period` (see [`crate::sitrep`]),
    /// computed in the database. Reads no names; the caller authorizes and audits the view.
    async fn sitrep_figures(
        &self,
        period: &crate::sitrep::SitrepPeriod,
    ) -> Result<crate::sitrep::SitrepFigures>;
}

/// The work on cases over time: deadlines and their escalation (with the addresses
/// escalations go to), in-app notifications, notes, tasks, and people's pathways.
#[async_trait]
pub trait WorkflowStore: StoreBase {
    // --- deadlines and escalation ----------------------------------------------------------

    /// Sets (or with `None` clears) the address escalations for this user are emailed to.
    async fn set_user_email(&self, user: UserId, email: Option<&str>, actor: &Actor) -> Result<()>;

    async fn user_email(&self, user: UserId) -> Result<Option<String>>;

    /// Escalates every deadline that ran out before `now` and was not escalated yet: one
    /// escalation row per (case, clock, due time), inserted in the same transaction as an
    /// in-app notification to the team lead (the owner when the team has no lead) and, when
    /// that user has an email address, an email in the outbox. Safe to run on several servers
    /// at once: the unique row decides, so each deadline is escalated exactly once.
    async fn escalate_overdue(&self, now: DateTime<Utc>) -> Result<Vec<Escalation>>;

    /// Open cases past a deadline at `now`, per team (teams with none are left out).
    async fn overdue_counts(&self, now: DateTime<Utc>) -> Result<Vec<OverdueCount>>;

    // --- notifications ---------------------------------------------------------------------

    /// Tells a user something in the app. `text` must not hold personal data (ids, references
    /// and what happened only): it is listed and may be emailed. Other features (referrals,
    /// replies) call this too.
    async fn notify(
        &self,
        user: UserId,
        kind: &str,
        case: Option<CaseId>,
        text: &str,
    ) -> Result<i64>;

    /// Newest first.
    async fn notifications(
        &self,
        user: UserId,
        unread_only: bool,
        limit: u32,
    ) -> Result<Vec<Notification>>;

    async fn unread_notifications(&self, user: UserId) -> Result<i64>;

    /// Marks the user's notifications read (only these ids, or all); returns how many changed.
    async fn mark_notifications_read(&self, user: UserId, ids: Option<&[i64]>) -> Result<u64>;

    // --- notes and tasks -------------------------------------------------------------------

    /// Adds a note; a note marked `contact` is the case's first response. `@username` mentions
    /// notify those users. Restarts the next-action clock.
    async fn add_case_note(
        &self,
        case: CaseId,
        body: &str,
        contact: bool,
        actor: &Actor,
    ) -> Result<CaseNote>;

    /// Adds a task; its assignee and anyone mentioned are notified.
    async fn add_case_task(&self, case: CaseId, task: NewTask, actor: &Actor) -> Result<CaseTask>;

    /// Marks a task done (restarting the case's next-action clock) or not done again.
    async fn set_task_done(&self, task: i64, done: bool, actor: &Actor) -> Result<CaseTask>;

    /// A user's tasks, open ones first by due date. Task texts are personal data: audited.
    async fn tasks_for(
        &self,
        user: UserId,
        include_done: bool,
        actor: &Actor,
    ) -> Result<Vec<CaseTask>>;

    // --- pathways --------------------------------------------------------------------------

    /// Puts a person on a pathway or moves them to another step of it (the domain's step rules
    /// decide; a correction needs a note). Recorded in the pathway's history with who and when.
    /// A new "claims eligibility, no record found" pathway adds verification tasks to `case`
    /// (or to each of the person's open cases when none is given).
    async fn set_pathway_step(
        &self,
        person: PersonId,
        pathway: Pathway,
        step: &str,
        note: Option<&str>,
        case: Option<CaseId>,
        actor: &Actor,
    ) -> Result<PersonPathway>;

    async fn add_pathway_evidence(
        &self,
        person: PersonId,
        pathway: Pathway,
        evidence: NewEvidence,
        actor: &Actor,
    ) -> Result<PersonPathway>;

    /// A person's pathways with evidence and history. Audited.
    async fn person_pathways(&self, person: PersonId, actor: &Actor) -> Result<Vec<PersonPathway>>;

    /// People (not merged away) per pathway and step, for reports.
    async fn pathway_counts(&self) -> Result<Vec<PathwayCount>>;
}

/// Referrals and replies: partner organizations and their users, referrals of cases to them
/// with what each shared, requesters' languages, and replies to requesters.
#[async_trait]
pub trait ReferralStore: StoreBase {
    /// Adds a partner organization. A name already used is refused with `Conflict`.
    async fn create_org(&self, org: NewOrg, actor: &Actor) -> Result<PartnerOrg>;

    async fn list_orgs(&self) -> Result<Vec<PartnerOrg>>;

    /// Creates a user who belongs to a partner organization. `create_user` refuses the
    /// partner role, so that no partner user exists without an organization.
    async fn create_partner_user(&self, user: NewUser, org: OrgId, actor: &Actor) -> Result<User>;

    /// The organization a partner user belongs to; `None` for everyone else.
    async fn user_org(&self, user: UserId) -> Result<Option<PartnerOrg>>;

    /// Refers each case to `referral.org` sharing only the chosen people and fields, all in
    /// one transaction: every case is referred or none. Each referral keeps a snapshot of
    /// exactly what it shared. A case whose workflow allows it moves to waiting on a partner.
    /// Closed or resolved cases are refused.
    async fn refer_cases(
        &self,
        cases: &[CaseId],
        referral: &NewReferral,
        actor: &Actor,
    ) -> Result<Vec<ReferralId>>;

    /// Referrals matching `filter`, newest first, with `overdue` worked out as of `now`. A
    /// partner sees only its own organization's referrals whatever the filter says; a
    /// partner's listing is audited.
    async fn list_referrals(
        &self,
        filter: &ReferralFilter,
        who: &ReferralActor,
        now: DateTime<Utc>,
        actor: &Actor,
    ) -> Result<Vec<Referral>>;

    /// One referral, audited. A partner asking for another organization's referral gets
    /// `None`, exactly as if it did not exist.
    async fn get_referral(
        &self,
        id: ReferralId,
        who: &ReferralActor,
        actor: &Actor,
    ) -> Result<Option<Referral>>;

    /// Moves a referral (see `ReferralState::apply`). A partner moves only its own
    /// organization's referrals (others are `NotFound`); staff acting for a partner are
    /// recorded as "recorded by <staff> on behalf of <org>". A decline sends a case that waits
    /// on a partner back to in progress, and flags it for its owner until acknowledged.
    async fn update_referral(
        &self,
        id: ReferralId,
        action: &ReferralAction,
        who: &ReferralActor,
        actor: &Actor,
    ) -> Result<Referral>;

    /// Declined referrals on the open cases `owner` owns that they have not yet taken note of.
    async fn declined_for_owner(&self, owner: UserId) -> Result<Vec<DeclinedReferral>>;

    /// The owner (or anyone managing the case) takes note of a declined referral; the flag
    /// goes away.
    async fn acknowledge_decline(&self, id: ReferralId, actor: &Actor) -> Result<()>;

    /// Sets the language a requester is answered in.
    async fn set_requester_language(
        &self,
        requester: RequesterId,
        language: Language,
        actor: &Actor,
    ) -> Result<()>;

    /// Each requester's language (English unless set), for requesters of this case.
    async fn requester_languages(&self, case: CaseId) -> Result<Vec<(RequesterId, Language)>>;

    /// Answers every requester who asked about each case, all in one transaction: by email
    /// through the outbox where they wrote by email, otherwise a logged entry for staff to
    /// deliver by phone or in person. Every reply is logged on its case (no message text).
    async fn reply_to_requesters(
        &self,
        cases: &[CaseId],
        reply: ReplyRequest,
        actor: &Actor,
    ) -> Result<Vec<CaseReply>>;

    /// The replies logged on a case, newest first.
    async fn case_replies(&self, case: CaseId) -> Result<Vec<CaseReply>>;
}

/// Moving everything between backends (see [`crate::transfer`]).
#[async_trait]
pub trait TransferStore: StoreBase {
    /// Up to `limit` rows of `table` whose key comes after `after`, in key order, with their
    /// columns in the order of the table's description.
    async fn export_rows(
        &self,
        table: &'static Table,
        after: Option<&[Value]>,
        limit: u32,
    ) -> Result<Vec<Row>>;

    /// Copies every row of `source` into this store, ids and audit hashes included, in one
    /// transaction. Refuses with `Conflict` unless this store is empty. Returns the rows copied
    /// per table.
    async fn import_from(&self, source: &dyn Store) -> Result<TableCounts>;

    /// Rows per table, for checking a copy.
    async fn table_counts(&self) -> Result<TableCounts>;
}

/// Protection at rest (see [`crate::crypto`] and [`crate::protection`]): the cipher, resealing
/// under the current key, what is sealed under which key, and the purge of old closed cases.
#[async_trait]
pub trait ProtectionStore: StoreBase {
    /// The cipher this store seals personal data with.
    fn cipher(&self) -> &Cipher;

    /// Seals under the current data key up to `limit` values of `field` that are not under it
    /// (left in clear by an older version, or sealed under an older key). A value is replaced
    /// only if it is unchanged since it was read, so nothing written meanwhile is lost. For the
    /// requester's name it also turns a lookup key left in clear into a keyed hash. Returns how
    /// many values changed; 0 means the field is done.
    async fn reseal(&self, field: Field, limit: u32) -> Result<u64>;

    /// Values per sealed field and key.
    async fn sealed_counts(&self) -> Result<Vec<SealedCount>>;

    /// Whether a sweep has sealed every value an older version left in clear (the mark set by
    /// [`mark_leftovers_sealed`](ProtectionStore::mark_leftovers_sealed)).
    async fn leftovers_sealed(&self) -> Result<bool>;

    /// Marks that every value an older version left in clear is sealed: this version writes
    /// none, so later starts need not look for them again.
    async fn mark_leftovers_sealed(&self) -> Result<()>;

    /// Records the check values of the keys the cipher holds now, and marks those it no longer
    /// holds as retired (after a rotation).
    async fn record_keys(&self) -> Result<()>;

    /// Once per database (a mark records it): replaces the places an older version kept in
    /// clear as typed with the gazetteer's name of the place they mention, or nothing. Returns
    /// how many records changed.
    async fn coarsen_places(&self) -> Result<u64>;

    /// Once per database (a mark records it): keeps the keyed hashes of the phones and emails
    /// of requesters stored before they were kept (see [`crate::contact`]), so that search
    /// finds them too, and likewise the phones of people's records stored before theirs were
    /// (a text from a family member's number joins the family's case; its own mark). Returns
    /// how many requesters and records with a phone were looked at.
    async fn index_requester_contacts(&self) -> Result<u64>;

    /// Destroys the personal data of cases closed before `closed_before` (not purged yet): their
    /// inquiries' subjects, messages and household labels, the records of people that came
    /// with them, their notes, tasks, reasons, outbox addresses and referral snapshots, and
    /// requesters left with nothing kept. Ids, dates, codes and the audit trail stay (the
    /// trail holds no personal data), so figures and `audit verify` still hold. One
    /// transaction; audited per case.
    async fn purge_closed_cases(
        &self,
        closed_before: DateTime<Utc>,
        actor: &Actor,
    ) -> Result<PurgeReport>;
}

/// Documents attached to people, cases and inquiries (see `crate::documents`): stored sealed,
/// read only through an audited call. Callers authorize by the owner first
/// ([`DocumentOwner::scope`]).
#[async_trait]
pub trait DocumentStore: StoreBase {
    /// Stores a document, sealed; an identical file of the same owner is not stored twice (the
    /// one stored is returned, `already_present`). Refuses an owner that does not exist (or a
    /// purged case) with `NotFound`.
    async fn add_document(&self, doc: NewDocument, actor: &Actor) -> Result<AddedDocument>;

    /// The documents of one person, case or inquiry, oldest first.
    async fn documents_of(&self, owner: DocumentOwner) -> Result<Vec<Document>>;

    /// One document's description (not its content): for the authorization of a read.
    async fn get_document(&self, id: DocumentId) -> Result<Option<Document>>;

    /// A document's content, or its thumbnail (None when it has none), opened; the read is
    /// audited in the same transaction.
    async fn read_document(
        &self,
        id: DocumentId,
        how: DocumentRead,
        actor: &Actor,
    ) -> Result<Option<Vec<u8>>>;

    /// Records the malware scanner's verdict.
    async fn set_document_scan(
        &self,
        id: DocumentId,
        state: ScanState,
        actor: &Actor,
    ) -> Result<Document>;

    /// Documents the scanner has not seen yet, oldest first.
    async fn documents_not_scanned(&self, limit: u32) -> Result<Vec<DocumentId>>;
}

/// Text messages (SMS through Kannel, WhatsApp; see [`crate::messages`]): taking one in (a
/// request, an opt-out, a status query), the outgoing ones the outbox sends, delivery reports,
/// the conversation on a case, and blocked numbers.
/// What matching keeps between runs (see [`crate::index_snapshot`]): the index's snapshot,
/// sealed, so that a server starts from it rather than normalizing every known person again,
/// and the parameters last estimated, so that it does not estimate them again.
#[async_trait]
pub trait MatchingStore: StoreBase {
    /// Replaces any stored snapshot with this one (the bytes of
    /// `corridor_matching::MatchIndex::to_snapshot`, holding every record up to
    /// `last_record`), sealed under a data key of its own.
    async fn save_index_snapshot(
        &self,
        bytes: &[u8],
        last_record: RecordId,
        records: i64,
        actor: &Actor,
    ) -> Result<()>;

    /// The stored snapshot, opened, or `None` when there is none. Fails when it does not open
    /// (its key destroyed, or a chunk altered): the caller builds the index instead.
    async fn index_snapshot(&self) -> Result<Option<crate::index_snapshot::IndexSnapshot>>;

    /// Deletes every stored snapshot; returns how many there were.
    async fn drop_index_snapshots(&self) -> Result<u64>;

    /// Keeps the matching parameters estimated over `records` records (a model as JSON).
    async fn save_matching_model(&self, model: &str, records: i64) -> Result<()>;

    /// The parameters last kept, if any.
    async fn matching_model(&self) -> Result<Option<crate::index_snapshot::StoredModel>>;
}

#[async_trait]
pub trait MessageStore: StoreBase {
    /// Stores an incoming message (number and text sealed) and acts on it, in one transaction:
    /// a request becomes an inquiry like an email does, joining the open case of the family
    /// whose requester wrote from this number (in any format) or opening one as routing
    /// decides, and its acknowledgement with the reference is queued on the same channel; an
    /// opt-out or opt-in is recorded; a status query with a matching code is answered; a
    /// blocked number's message, or one over the number's rate limit, is only kept. A repeated
    /// gateway id changes nothing. Audited without the number or the text.
    async fn receive_text(
        &self,
        text: crate::messages::IncomingText,
        actor: &Actor,
    ) -> Result<crate::messages::ReceivedText>;

    /// Claims due outgoing texts of `channel` from the outbox for `lease` (as
    /// [`OutboxStore::claim_outbox`] does for email).
    async fn claim_texts(
        &self,
        channel: corridor_domain::MessageChannel,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<crate::messages::OutgoingText>>;

    /// Marks a claimed text handed to the gateway (with the gateway's id when it gives one);
    /// false when the claim is no longer held.
    async fn text_sent(
        &self,
        outbox_id: i64,
        claim: &str,
        external_id: Option<&str>,
    ) -> Result<bool>;

    /// Records a failed attempt and when to try again; `retry_at = None` gives up, and the
    /// message is `failed`, or `withheld` when it was not sent because the number opted out or
    /// was blocked.
    async fn text_failed(
        &self,
        outbox_id: i64,
        claim: &str,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        withheld: bool,
    ) -> Result<bool>;

    /// A delivery report for an outgoing message, by our id (Kannel's `dlr-url`) or the
    /// gateway's (`external`, WhatsApp's statuses). Reports only move a message forward (see
    /// `MessageState::may_become`); returns whether it changed.
    async fn text_delivery(
        &self,
        message: crate::messages::MessageRef,
        state: corridor_domain::MessageState,
    ) -> Result<bool>;

    /// Every message of the case's requests, oldest first. Texts are personal data: audited.
    async fn case_messages(
        &self,
        case: CaseId,
        actor: &Actor,
    ) -> Result<Vec<corridor_domain::ConversationMessage>>;

    /// Blocks a number (any format): its messages are kept but open nothing, and nothing is
    /// sent to it. Audited without the number.
    async fn block_number(&self, number: &str, reason: &str, actor: &Actor) -> Result<()>;

    /// Unblocks a number; false when it was not blocked.
    async fn unblock_number(&self, number: &str, actor: &Actor) -> Result<bool>;

    /// Whether a number is blocked, and whether it opted out.
    async fn number_standing(&self, number: &str) -> Result<(bool, bool)>;
}

/// A door for the demo and the tests only, outside [`Store`] so that nothing in production can
/// rewrite history: the demo replays three weeks of work and the report's tests need cases
/// that closed on known days. Whoever needs it holds a `dyn Backdating`, which is a `Store`
/// as well.
#[async_trait]
pub trait Backdating: Store {
    /// Records when a case that is no longer open stopped being open, for loading history that
    /// happened elsewhere or earlier (the demo replays three weeks of work). Refused for an open
    /// case, or a time before the case was opened or in the future. Audited.
    async fn set_case_closed_at(&self, id: CaseId, at: DateTime<Utc>, actor: &Actor) -> Result<()>;
}
