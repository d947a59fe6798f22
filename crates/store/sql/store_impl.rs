//! The [`Store`] implementation (every capability trait, and [`Backdating`]), written once for
//! both databases: each method opens what it needs (a read, a write transaction) and calls the
//! module that holds its queries. The
//! including crate provides `DbStore` (with `read` and `write` pools, and `cipher`), its
//! `begin` (a write transaction under the database's own lock) and the few hooks whose
//! behaviour differs by database (`claim_outbox_here`, `lock_intake`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use corridor_domain::{
    AuditEvent, Case, CaseId, CaseNote, CaseOutcome, CaseStatus, CaseSummary, CaseTask, Escalation,
    Inquiry, InquiryId, InquirySummary, MatchReview, MergeId, Notification, OverdueCount, Pathway,
    PathwayCount, PersonDetails, PersonFile, PersonId, PersonPathway, Priority, PublicStatus,
    RecordId, ReferenceNumber, ReviewId, ReviewStatus, Team, TeamId, User, UserId,
};
use corridor_domain::{
    CaseReply, DeclinedReferral, Language, OrgId, PartnerOrg, Referral, ReferralAction, ReferralId,
    RequesterId,
};
use corridor_store::crypto::{Cipher, Field};
use corridor_store::documents::{
    AddedDocument, Document, DocumentId, DocumentOwner, DocumentRead, NewDocument, ScanState,
};
use corridor_store::idempotency::{KeyClaim, KeyReservation};
use corridor_store::prelude::*;
use corridor_store::protection::{LEFTOVERS_SEALED, PurgeReport, SealedCount};
use corridor_store::referrals::{NewOrg, NewReferral, ReferralActor, ReferralFilter, ReplyRequest};
use corridor_store::transfer::{Row, Table, TableCounts, Value};
use corridor_store::{
    Actor, ApiTokenInfo, AuditAction, Backdating, CaseFilter, CaseMove, ChainBreak, InquiryFilter,
    IntakeLock, NewApiToken, NewAuditEvent, NewEvidence, NewSession, NewTask, NewTeam, NewUser,
    OutboxCounts, OutboxMessage, Page, PageRequest, PoolState, RecordedInquiry, Result,
    SessionInfo, StoreError, Submission, Totals, Triage,
};

use crate::{DbStore, dialect};
use crate::{
    audit, bulk, cases, db_err, detach, documents, households, idempotency, index_snapshot, intake,
    messages, outbox, people, protection, referrals, security, sitrep, transfer, triage, users,
    workflow,
};

impl DbStore {
    /// The time a change is stamped with: read once per change, right after its write
    /// transaction begins (so stamps follow commit order), and passed down to every row and
    /// audit event it writes.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

#[async_trait]
impl StoreBase for DbStore {
    fn backend(&self) -> &'static str {
        dialect::BACKEND
    }

    fn pools(&self) -> Vec<PoolState> {
        let state = |name, pool: &dialect::DbPool| PoolState {
            name,
            open: pool.size(),
            idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
        };
        let mut pools = vec![state("write", &self.write)];
        if !dialect::ONE_POOL {
            pools.push(state("read", &self.read));
        }
        pools
    }

    #[tracing::instrument(skip_all)]
    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1")
            .execute(&self.read)
            .await
            .map_err(db_err)?;
        Ok(())
    }
}

#[async_trait]
impl SecurityStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn create_team(&self, team: NewTeam, actor: &Actor) -> Result<Team> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let created = users::create_team(&mut tx, now, team, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(created)
    }

    #[tracing::instrument(skip_all)]
    async fn set_team_lead(&self, team: TeamId, lead: UserId, actor: &Actor) -> Result<Team> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let updated = users::set_team_lead(&mut tx, now, team, lead, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(updated)
    }

    #[tracing::instrument(skip_all)]
    async fn list_teams(&self) -> Result<Vec<Team>> {
        users::list_teams(&self.read).await
    }

    #[tracing::instrument(skip_all)]
    async fn set_user_language(
        &self,
        user: UserId,
        language: Option<&str>,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        users::set_language(&mut tx, now, user, language, actor).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn user_language(&self, user: UserId) -> Result<Option<String>> {
        users::language(&self.read, user).await
    }

    #[tracing::instrument(skip_all)]
    async fn create_user(&self, user: NewUser, actor: &Actor) -> Result<User> {
        corridor_store::referrals::refuse_partner_without_org(&user)?;
        let mut tx = self.begin().await?;
        let now = self.now();
        let created = users::create_user(&mut tx, now, user, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(created)
    }

    #[tracing::instrument(skip_all)]
    async fn set_user_active(&self, id: UserId, active: bool, actor: &Actor) -> Result<User> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let user = users::set_active(&mut tx, now, id, active, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(user)
    }

    #[tracing::instrument(skip_all)]
    async fn get_user(&self, id: UserId) -> Result<Option<User>> {
        users::get_user(&self.read, id).await
    }

    #[tracing::instrument(skip_all)]
    async fn list_users(&self) -> Result<Vec<User>> {
        users::list_users(&self.read).await
    }

    #[tracing::instrument(skip_all)]
    async fn user_credentials(&self, username: &str) -> Result<Option<(User, String)>> {
        users::user_credentials(&self.read, username).await
    }

    #[tracing::instrument(skip_all)]
    async fn create_session(&self, session: NewSession) -> Result<()> {
        let now = self.now();
        users::create_session(&self.write, now, session).await
    }

    #[tracing::instrument(skip_all)]
    async fn session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<SessionInfo>> {
        users::session(&self.read, &self.write, token_hash, now).await
    }

    #[tracing::instrument(skip_all)]
    async fn delete_session(&self, token_hash: &str) -> Result<()> {
        users::delete_session(&self.write, token_hash).await
    }

    #[tracing::instrument(skip_all)]
    async fn create_api_token(&self, token: NewApiToken, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let id = users::create_api_token(&mut tx, now, token, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    async fn api_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<ApiTokenInfo>> {
        users::api_token(&self.read, token_hash, now).await
    }

    #[tracing::instrument(skip_all)]
    async fn set_totp(
        &self,
        user: UserId,
        state: Option<corridor_store::TotpState>,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        security::set_totp(&mut tx, now, &self.cipher, user, state, actor).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn totp(&self, user: UserId) -> Result<Option<corridor_store::TotpState>> {
        security::totp(&self.read, &self.cipher, user).await
    }

    #[tracing::instrument(skip_all)]
    async fn claim_totp_step(&self, user: UserId, step: i64) -> Result<bool> {
        security::claim_totp_step(&self.write, user, step).await
    }

    #[tracing::instrument(skip_all)]
    async fn session_factor_verified(&self, token_hash: &str, at: DateTime<Utc>) -> Result<()> {
        security::session_factor_verified(&self.write, token_hash, at).await
    }

    #[tracing::instrument(skip_all)]
    async fn end_user_sessions(&self, user: UserId) -> Result<u64> {
        security::end_user_sessions(&self.write, user).await
    }

    #[tracing::instrument(skip_all)]
    async fn sign_in_locked_until(
        &self,
        user: UserId,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        security::sign_in_locked_until(&self.read, user, now).await
    }

    #[tracing::instrument(skip_all)]
    async fn record_sign_in_failure(
        &self,
        user: UserId,
        now: DateTime<Utc>,
        max_failures: u32,
        lock_for: chrono::Duration,
        actor: &Actor,
    ) -> Result<Option<DateTime<Utc>>> {
        let mut tx = self.begin().await?;
        let locked = security::record_sign_in_failure(
            &mut tx,
            self.now(),
            user,
            now,
            max_failures,
            lock_for,
            actor,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(locked)
    }

    #[tracing::instrument(skip_all)]
    async fn clear_sign_in_failures(&self, user: UserId) -> Result<()> {
        security::clear_sign_in_failures(&self.write, user).await
    }

    #[tracing::instrument(skip_all)]
    async fn set_user_role(
        &self,
        id: UserId,
        role: corridor_domain::Role,
        actor: &Actor,
    ) -> Result<User> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let user = security::set_user_role(&mut tx, now, id, role, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(user)
    }

    #[tracing::instrument(skip_all)]
    async fn set_password_hash(
        &self,
        id: UserId,
        password_hash: String,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        security::set_password_hash(&mut tx, now, id, password_hash, actor).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn list_api_tokens(
        &self,
        user: Option<UserId>,
    ) -> Result<Vec<corridor_store::ApiTokenListing>> {
        security::list_api_tokens(&self.read, user).await
    }

    #[tracing::instrument(skip_all)]
    async fn revoke_api_token(&self, id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        security::revoke_api_token(&mut tx, now, id, actor).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn object_scope(
        &self,
        object: corridor_store::ScopedObject,
    ) -> Result<Option<corridor_store::ObjectScope>> {
        security::object_scope(&self.read, object).await
    }

    #[tracing::instrument(skip_all)]
    async fn claim_idempotency_key(
        &self,
        user: UserId,
        key: &str,
        fingerprint: &[u8],
    ) -> Result<KeyClaim> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let claim = idempotency::claim(&mut tx, now, &self.cipher, user, key, fingerprint).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(claim)
    }

    #[tracing::instrument(skip_all)]
    async fn complete_idempotency_key(
        &self,
        reservation: KeyReservation,
        status: u16,
        answer: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        idempotency::complete(&mut tx, now, &self.cipher, reservation, status, answer).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn release_idempotency_key(&self, reservation: KeyReservation) -> Result<()> {
        let mut tx = self.begin().await?;
        idempotency::release(&mut tx, reservation).await?;
        tx.commit().await.map_err(db_err)
    }
}

#[async_trait]
impl OutboxStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>> {
        self.claim_outbox_here(now, lease, limit, "email").await
    }

    #[tracing::instrument(skip_all)]
    async fn outbox_sent(&self, id: i64, claim: &str, at: DateTime<Utc>) -> Result<bool> {
        let mut conn = self.write.acquire().await.map_err(db_err)?;
        outbox::sent(&mut conn, id, claim, at).await
    }

    #[tracing::instrument(skip_all)]
    async fn outbox_failed(
        &self,
        id: i64,
        claim: &str,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        let now = self.now();
        let mut conn = self.write.acquire().await.map_err(db_err)?;
        outbox::failed(&mut conn, now, id, claim, error, retry_at).await
    }

    #[tracing::instrument(skip_all)]
    async fn outbox_counts(&self) -> Result<OutboxCounts> {
        outbox::counts(&self.read).await
    }
}

#[async_trait]
impl MessageStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn receive_text(
        &self,
        text: corridor_store::messages::IncomingText,
        actor: &Actor,
    ) -> Result<corridor_store::messages::ReceivedText> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let received = messages::receive(&mut tx, now, &self.cipher, text, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(received)
    }

    #[tracing::instrument(skip_all)]
    async fn claim_texts(
        &self,
        channel: corridor_domain::MessageChannel,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<corridor_store::messages::OutgoingText>> {
        let claimed = self
            .claim_outbox_here(now, lease, limit, channel.as_str())
            .await?;
        messages::outgoing(&self.read, &self.cipher, channel, claimed).await
    }

    #[tracing::instrument(skip_all)]
    async fn text_sent(
        &self,
        outbox_id: i64,
        claim: &str,
        external_id: Option<&str>,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let done = messages::sent(&mut tx, now, outbox_id, claim, external_id).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(done)
    }

    #[tracing::instrument(skip_all)]
    async fn text_failed(
        &self,
        outbox_id: i64,
        claim: &str,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        withheld: bool,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let done =
            messages::failed(&mut tx, now, outbox_id, claim, error, retry_at, withheld).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(done)
    }

    #[tracing::instrument(skip_all)]
    async fn text_delivery(
        &self,
        message: corridor_store::messages::MessageRef,
        state: corridor_domain::MessageState,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let done = messages::delivery(&mut tx, now, &message, state).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(done)
    }

    #[tracing::instrument(skip_all)]
    async fn case_messages(
        &self,
        case: CaseId,
        actor: &Actor,
    ) -> Result<Vec<corridor_domain::ConversationMessage>> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let found = messages::of_case(&mut tx, &self.cipher, case).await?;
        if !found.is_empty() {
            let e = NewAuditEvent::new(
                AuditAction::CaseMessagesViewed,
                "case",
                case.0,
                format!("{} messages", found.len()),
            );
            audit::append(&mut tx, now, actor, &e).await?;
        }
        tx.commit().await.map_err(db_err)?;
        Ok(found)
    }

    #[tracing::instrument(skip_all)]
    async fn block_number(&self, number: &str, reason: &str, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        messages::block(&mut tx, now, &self.cipher, number, reason, actor).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn unblock_number(&self, number: &str, actor: &Actor) -> Result<bool> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let done = messages::unblock(&mut tx, now, &self.cipher, number, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(done)
    }

    #[tracing::instrument(skip_all)]
    async fn number_standing(&self, number: &str) -> Result<(bool, bool)> {
        messages::number_standing(&self.read, &self.cipher, number).await
    }
}

#[async_trait]
impl IntakeStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn take_in(
        &self,
        submissions: Vec<Submission>,
        source: &str,
        actor: &Actor,
    ) -> Result<Vec<RecordedInquiry>> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let recorded =
            bulk::take_in(&mut tx, now, &self.cipher, submissions, source, actor).await?;
        workflow::fill_deadlines(&mut tx).await?;
        let t = std::time::Instant::now();
        tx.commit().await.map_err(db_err)?;
        tracing::debug!(
            backend = dialect::BACKEND,
            commit_ms = t.elapsed().as_millis() as u64,
            "intake committed"
        );
        Ok(recorded)
    }

    #[tracing::instrument(skip_all)]
    async fn inquiry_parent(&self, id: InquiryId) -> Result<Option<InquiryId>> {
        outbox::parent(&self.read, id).await
    }

    #[tracing::instrument(skip_all)]
    async fn public_status(
        &self,
        reference: &ReferenceNumber,
        code_hash: &str,
    ) -> Result<Option<PublicStatus>> {
        outbox::public_status(&self.read, reference, code_hash).await
    }

    #[tracing::instrument(skip_all)]
    async fn list_inquiries(
        &self,
        filter: &InquiryFilter,
        page: PageRequest,
    ) -> Result<Page<InquirySummary>> {
        intake::list(&self.read, &self.cipher, filter, page).await
    }

    #[tracing::instrument(skip_all)]
    async fn inquiry_by_reference(
        &self,
        reference: &ReferenceNumber,
    ) -> Result<Option<InquirySummary>> {
        intake::by_reference(&self.read, &self.cipher, reference).await
    }

    #[tracing::instrument(skip_all)]
    async fn requesters_by_contact(
        &self,
        contact: &corridor_store::contact::Contact,
        limit: u32,
    ) -> Result<Vec<corridor_store::contact::RequesterHit>> {
        intake::requesters_by_contact(&self.read, &self.cipher, contact, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn get_inquiry(&self, id: InquiryId, actor: &Actor) -> Result<Option<Inquiry>> {
        let found = intake::get(&self.read, &self.cipher, id).await?;
        if found.is_some() {
            self.audit(
                NewAuditEvent::new(AuditAction::InquiryViewed, "inquiry", id.0, ""),
                actor,
            )
            .await?;
        }
        Ok(found)
    }

    #[tracing::instrument(skip_all)]
    async fn intake_lock(&self) -> Result<IntakeLock> {
        self.lock_intake().await
    }
}

#[async_trait]
impl CaseStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn move_people(
        &self,
        from: CaseId,
        people: &[PersonId],
        to: Option<CaseId>,
        reason: &str,
        actor: &Actor,
    ) -> Result<CaseMove> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let moved =
            cases::move_people(&mut tx, now, &self.cipher, from, people, to, reason, actor).await?;
        workflow::fill_deadlines(&mut tx).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(moved)
    }

    #[tracing::instrument(skip_all)]
    async fn list_cases(
        &self,
        filter: &CaseFilter,
        page: PageRequest,
    ) -> Result<Page<CaseSummary>> {
        let now = self.now();
        cases::list(&self.read, now, &self.cipher, filter, page).await
    }

    #[tracing::instrument(skip_all)]
    async fn case_summaries(&self, ids: &[CaseId]) -> Result<Vec<CaseSummary>> {
        cases::summaries(&self.read, &self.cipher, ids).await
    }

    #[tracing::instrument(skip_all)]
    async fn get_case(&self, id: CaseId, actor: &Actor) -> Result<Option<Case>> {
        let found = cases::get(&self.read, &self.cipher, id).await?;
        if found.is_some() {
            self.audit(
                NewAuditEvent::new(AuditAction::CaseViewed, "case", id.0, ""),
                actor,
            )
            .await?;
        }
        Ok(found)
    }

    #[tracing::instrument(skip_all)]
    async fn assign_case(
        &self,
        id: CaseId,
        owner: UserId,
        team: Option<TeamId>,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<CaseSummary> {
        let mut tx = self.begin().await?;
        let now = self.now();
        cases::assign(&mut tx, now, &self.cipher, id, owner, team, reason, actor).await?;
        tx.commit().await.map_err(db_err)?;
        cases::summary(&self.write, &self.cipher, id).await
    }

    #[tracing::instrument(skip_all)]
    async fn change_case_status(
        &self,
        id: CaseId,
        to: CaseStatus,
        reason: Option<&str>,
        outcome: Option<CaseOutcome>,
        actor: &Actor,
    ) -> Result<CaseSummary> {
        let mut tx = self.begin().await?;
        let now = self.now();
        cases::change_status(&mut tx, now, &self.cipher, id, to, reason, outcome, actor).await?;
        tx.commit().await.map_err(db_err)?;
        cases::summary(&self.write, &self.cipher, id).await
    }

    #[tracing::instrument(skip_all)]
    async fn override_priority(
        &self,
        id: CaseId,
        priority: Priority,
        reason: &str,
        actor: &Actor,
    ) -> Result<CaseSummary> {
        let mut tx = self.begin().await?;
        let now = self.now();
        cases::override_priority(&mut tx, now, &self.cipher, id, priority, reason, actor).await?;
        tx.commit().await.map_err(db_err)?;
        cases::summary(&self.write, &self.cipher, id).await
    }

    #[tracing::instrument(skip_all)]
    async fn triage_suggestions(&self, inquiry: InquiryId) -> Result<Vec<CaseSummary>> {
        triage::suggestions(&self.read, &self.cipher, inquiry).await
    }

    #[tracing::instrument(skip_all)]
    async fn triage_inquiries(
        &self,
        inquiries: &[InquiryId],
        how: &Triage,
        actor: &Actor,
    ) -> Result<Vec<CaseId>> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let cases = triage::triage(&mut tx, now, &self.cipher, inquiries, how, actor).await?;
        workflow::fill_deadlines(&mut tx).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(cases)
    }

    #[tracing::instrument(skip_all)]
    async fn bulk_assign(
        &self,
        cases: &[CaseId],
        owner: UserId,
        team: Option<TeamId>,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<u64> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let n = workflow::bulk_assign(
            &mut tx,
            now,
            &self.cipher,
            cases,
            owner,
            team,
            reason,
            actor,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(n)
    }

    #[tracing::instrument(skip_all)]
    async fn bulk_change_status(
        &self,
        cases: &[CaseId],
        to: CaseStatus,
        reason: Option<&str>,
        outcome: Option<CaseOutcome>,
        actor: &Actor,
    ) -> Result<u64> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let n = workflow::bulk_status(
            &mut tx,
            now,
            &self.cipher,
            cases,
            to,
            reason,
            outcome,
            actor,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(n)
    }
}

#[async_trait]
impl PeopleStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn person_records_after(
        &self,
        after: RecordId,
        limit: u32,
    ) -> Result<Vec<(RecordId, PersonId, PersonDetails)>> {
        let mut conn = self.read.acquire().await.map_err(db_err)?;
        people::records_after(&mut conn, &self.cipher, after, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn people_for_search(
        &self,
        people: &[PersonId],
    ) -> Result<Vec<corridor_store::PersonHit>> {
        let mut conn = self.read.acquire().await.map_err(db_err)?;
        people::for_search(&mut conn, &self.cipher, people).await
    }

    #[tracing::instrument(skip_all)]
    async fn record_owners(&self, records: &[RecordId]) -> Result<Vec<(RecordId, PersonId)>> {
        let mut conn = self.read.acquire().await.map_err(db_err)?;
        people::record_owners(&mut conn, records).await
    }

    #[tracing::instrument(skip_all)]
    async fn get_person(&self, id: PersonId, actor: &Actor) -> Result<Option<PersonFile>> {
        let mut conn = self.read.acquire().await.map_err(db_err)?;
        let found = people::file(&mut conn, &self.cipher, id).await?;
        drop(conn);
        if found.is_some() {
            self.audit(
                NewAuditEvent::new(AuditAction::PersonViewed, "person", id.0, ""),
                actor,
            )
            .await?;
        }
        Ok(found)
    }

    #[tracing::instrument(skip_all)]
    async fn merge_persons(
        &self,
        kept: PersonId,
        merged: PersonId,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<MergeId> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let id = people::merge(&mut tx, now, kept, merged, reason, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    async fn undo_merge(&self, merge: MergeId, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        people::undo_merge(&mut tx, now, merge, actor).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn detach_record(
        &self,
        person: PersonId,
        record: RecordId,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<PersonId> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let new = detach::detach(&mut tx, now, person, record, reason, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(new)
    }

    #[tracing::instrument(skip_all)]
    async fn household_records(
        &self,
        people: &[PersonId],
    ) -> Result<Vec<corridor_store::HouseholdRecord>> {
        let mut conn = self.read.acquire().await.map_err(db_err)?;
        households::household_records(&mut conn, people).await
    }

    #[tracing::instrument(skip_all)]
    async fn list_reviews(
        &self,
        status: ReviewStatus,
        page: PageRequest,
    ) -> Result<Page<MatchReview>> {
        let mut conn = self.read.acquire().await.map_err(db_err)?;
        people::list_reviews(&mut conn, &self.cipher, status, page).await
    }

    #[tracing::instrument(skip_all)]
    async fn get_review(&self, id: ReviewId) -> Result<Option<MatchReview>> {
        let mut conn = self.read.acquire().await.map_err(db_err)?;
        people::get_review(&mut conn, &self.cipher, id).await
    }

    #[tracing::instrument(skip_all)]
    async fn decide_review(&self, id: ReviewId, same: bool, actor: &Actor) -> Result<MatchReview> {
        let mut tx = self.begin().await?;
        let now = self.now();
        people::decide(&mut tx, now, &self.cipher, id, same, actor).await?;
        tx.commit().await.map_err(db_err)?;
        let mut conn = self.write.acquire().await.map_err(db_err)?;
        people::get_review(&mut conn, &self.cipher, id)
            .await?
            .ok_or_else(|| missing("review", id.0))
    }
}

#[async_trait]
impl AuditStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn audit(&self, event: NewAuditEvent, actor: &Actor) -> Result<()> {
        // Appending needs no write lock of its own (see `audit`): a read recorded does not
        // wait for the writers.
        let mut tx = self.begin_append().await?;
        let now = self.now();
        audit::append(&mut tx, now, actor, &event).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn audit_events(
        &self,
        entity: Option<(&str, i64)>,
        limit: u32,
    ) -> Result<Vec<AuditEvent>> {
        audit::list(&self.read, entity, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn verify_audit_chain(&self) -> Result<std::result::Result<u64, ChainBreak>> {
        // Everything committed before this call is checked: a transaction of another server
        // (or, on PostgreSQL, of any database of the cluster) still running holds the seal
        // back for a moment; up to about 30 s is waited for.
        audit::seal_until_now(&self.write, || self.seal_audit(), 3_000).await?;
        audit::verify(&self.read).await
    }

    #[tracing::instrument(skip_all)]
    async fn seal_audit(&self) -> Result<u64> {
        let mut sealed = 0;
        loop {
            let mut tx = self.begin_seal().await?;
            let n = audit::seal(&mut tx).await?;
            tx.commit().await.map_err(db_err)?;
            sealed += n;
            if n < audit::SEAL_CHUNK as u64 {
                return Ok(sealed);
            }
        }
    }

    #[tracing::instrument(skip_all)]
    async fn audit_unsealed(&self) -> Result<(u64, Option<chrono::DateTime<chrono::Utc>>)> {
        audit::unsealed(&self.read).await
    }

    #[tracing::instrument(skip_all)]
    async fn search_audit(
        &self,
        filter: &corridor_store::AuditFilter,
        limit: u32,
    ) -> Result<Vec<AuditEvent>> {
        security::search_audit(&self.read, filter, limit).await
    }
}

#[async_trait]
impl ReportStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn totals(&self) -> Result<Totals> {
        cases::totals(&self.read).await
    }

    #[tracing::instrument(skip_all)]
    async fn sitrep_figures(
        &self,
        period: &corridor_store::sitrep::SitrepPeriod,
    ) -> Result<corridor_store::sitrep::SitrepFigures> {
        sitrep::figures(&self.read, period).await
    }
}

#[async_trait]
impl Backdating for DbStore {
    #[tracing::instrument(skip_all)]
    async fn set_case_closed_at(&self, id: CaseId, at: DateTime<Utc>, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        sitrep::set_closed_at(&mut tx, now, id, at, actor).await?;
        tx.commit().await.map_err(db_err)
    }
}

#[async_trait]
impl WorkflowStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn set_user_email(&self, user: UserId, email: Option<&str>, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        workflow::set_email(&mut tx, now, user, email, actor).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn user_email(&self, user: UserId) -> Result<Option<String>> {
        workflow::email(&self.read, user).await
    }

    #[tracing::instrument(skip_all)]
    async fn escalate_overdue(&self, now: DateTime<Utc>) -> Result<Vec<Escalation>> {
        let mut tx = self.begin().await?;
        let done = workflow::escalate(&mut tx, self.now(), &self.cipher, now).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(done)
    }

    #[tracing::instrument(skip_all)]
    async fn overdue_counts(&self, now: DateTime<Utc>) -> Result<Vec<OverdueCount>> {
        workflow::overdue_counts(&self.read, now).await
    }

    #[tracing::instrument(skip_all)]
    async fn notify(
        &self,
        user: UserId,
        kind: &str,
        case: Option<CaseId>,
        text: &str,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let id = workflow::notify(&mut tx, now, user, kind, case, text).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    async fn notifications(
        &self,
        user: UserId,
        unread_only: bool,
        limit: u32,
    ) -> Result<Vec<Notification>> {
        workflow::notifications(&self.read, user, unread_only, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn unread_notifications(&self, user: UserId) -> Result<i64> {
        workflow::unread(&self.read, user).await
    }

    #[tracing::instrument(skip_all)]
    async fn mark_notifications_read(&self, user: UserId, ids: Option<&[i64]>) -> Result<u64> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let n = workflow::mark_read(&mut tx, now, user, ids).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(n)
    }

    #[tracing::instrument(skip_all)]
    async fn add_case_note(
        &self,
        case: CaseId,
        body: &str,
        contact: bool,
        actor: &Actor,
    ) -> Result<CaseNote> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let n = workflow::add_note(&mut tx, now, &self.cipher, case, body, contact, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(n)
    }

    #[tracing::instrument(skip_all)]
    async fn add_case_task(&self, case: CaseId, task: NewTask, actor: &Actor) -> Result<CaseTask> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let t = workflow::add_task(&mut tx, now, &self.cipher, case, task, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(t)
    }

    #[tracing::instrument(skip_all)]
    async fn set_task_done(&self, task: i64, done: bool, actor: &Actor) -> Result<CaseTask> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let t = workflow::set_task_done(&mut tx, now, &self.cipher, task, done, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(t)
    }

    #[tracing::instrument(skip_all)]
    async fn tasks_for(
        &self,
        user: UserId,
        include_done: bool,
        actor: &Actor,
    ) -> Result<Vec<CaseTask>> {
        let tasks = workflow::tasks_for(&self.read, &self.cipher, user, include_done).await?;
        self.audit(
            NewAuditEvent::new(AuditAction::UserTasksViewed, "user", user.0, ""),
            actor,
        )
        .await?;
        Ok(tasks)
    }

    #[tracing::instrument(skip_all)]
    async fn set_pathway_step(
        &self,
        person: PersonId,
        pathway: Pathway,
        step: &str,
        note: Option<&str>,
        case: Option<CaseId>,
        actor: &Actor,
    ) -> Result<PersonPathway> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let p = workflow::set_step(
            &mut tx,
            now,
            &self.cipher,
            person,
            pathway,
            step,
            note,
            case,
            actor,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(p)
    }

    #[tracing::instrument(skip_all)]
    async fn add_pathway_evidence(
        &self,
        person: PersonId,
        pathway: Pathway,
        evidence: NewEvidence,
        actor: &Actor,
    ) -> Result<PersonPathway> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let p =
            workflow::add_evidence(&mut tx, now, &self.cipher, person, pathway, evidence, actor)
                .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(p)
    }

    #[tracing::instrument(skip_all)]
    async fn person_pathways(&self, person: PersonId, actor: &Actor) -> Result<Vec<PersonPathway>> {
        let found = workflow::pathways_of(&self.read, &self.cipher, &[person.0]).await?;
        self.audit(
            NewAuditEvent::new(AuditAction::PersonPathwaysViewed, "person", person.0, ""),
            actor,
        )
        .await?;
        Ok(found)
    }

    #[tracing::instrument(skip_all)]
    async fn pathway_counts(&self) -> Result<Vec<PathwayCount>> {
        workflow::pathway_counts(&self.read).await
    }
}

#[async_trait]
impl ReferralStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn create_org(&self, org: NewOrg, actor: &Actor) -> Result<PartnerOrg> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let created = referrals::create_org(&mut tx, now, org, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(created)
    }

    #[tracing::instrument(skip_all)]
    async fn list_orgs(&self) -> Result<Vec<PartnerOrg>> {
        referrals::list_orgs(&self.read).await
    }

    #[tracing::instrument(skip_all)]
    async fn create_partner_user(&self, user: NewUser, org: OrgId, actor: &Actor) -> Result<User> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let created = referrals::create_partner_user(&mut tx, now, user, org, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(created)
    }

    #[tracing::instrument(skip_all)]
    async fn user_org(&self, user: UserId) -> Result<Option<PartnerOrg>> {
        referrals::user_org(&self.read, user).await
    }

    #[tracing::instrument(skip_all)]
    async fn refer_cases(
        &self,
        cases: &[CaseId],
        referral: &NewReferral,
        actor: &Actor,
    ) -> Result<Vec<ReferralId>> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let ids =
            referrals::refer_cases(&mut tx, now, &self.cipher, cases, referral, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(ids)
    }

    #[tracing::instrument(skip_all)]
    async fn list_referrals(
        &self,
        filter: &ReferralFilter,
        who: &ReferralActor,
        now: DateTime<Utc>,
        actor: &Actor,
    ) -> Result<Vec<Referral>> {
        let list = referrals::list_referrals(&self.read, &self.cipher, filter, who, now).await?;
        // Only a partner's listing is recorded, so only it takes the write lock.
        if matches!(who, ReferralActor::Partner(_)) {
            let mut tx = self.begin().await?;
            referrals::audit_listing(&mut tx, self.now(), who, list.len(), actor).await?;
            tx.commit().await.map_err(db_err)?;
        }
        Ok(list)
    }

    #[tracing::instrument(skip_all)]
    async fn get_referral(
        &self,
        id: ReferralId,
        who: &ReferralActor,
        actor: &Actor,
    ) -> Result<Option<Referral>> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let found = referrals::get_referral(&mut tx, now, &self.cipher, id, who, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(found)
    }

    #[tracing::instrument(skip_all)]
    async fn update_referral(
        &self,
        id: ReferralId,
        action: &ReferralAction,
        who: &ReferralActor,
        actor: &Actor,
    ) -> Result<Referral> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let updated =
            referrals::update_referral(&mut tx, now, &self.cipher, id, action, who, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(updated)
    }

    #[tracing::instrument(skip_all)]
    async fn declined_for_owner(&self, owner: UserId) -> Result<Vec<DeclinedReferral>> {
        referrals::declined_for_owner(&self.read, &self.cipher, owner).await
    }

    #[tracing::instrument(skip_all)]
    async fn acknowledge_decline(&self, id: ReferralId, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        referrals::acknowledge_decline(&mut tx, now, id, actor).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn set_requester_language(
        &self,
        requester: RequesterId,
        language: Language,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        referrals::set_requester_language(&mut tx, now, requester, language, actor).await?;
        tx.commit().await.map_err(db_err)
    }

    #[tracing::instrument(skip_all)]
    async fn requester_languages(&self, case: CaseId) -> Result<Vec<(RequesterId, Language)>> {
        referrals::requester_languages(&self.read, case).await
    }

    #[tracing::instrument(skip_all)]
    async fn reply_to_requesters(
        &self,
        cases: &[CaseId],
        reply: ReplyRequest,
        actor: &Actor,
    ) -> Result<Vec<CaseReply>> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let replies =
            referrals::reply_to_requesters(&mut tx, now, &self.cipher, cases, reply, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(replies)
    }

    #[tracing::instrument(skip_all)]
    async fn case_replies(&self, case: CaseId) -> Result<Vec<CaseReply>> {
        referrals::case_replies(&self.read, &self.cipher, case).await
    }
}

#[async_trait]
impl TransferStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn export_rows(
        &self,
        table: &'static Table,
        after: Option<&[Value]>,
        limit: u32,
    ) -> Result<Vec<Row>> {
        transfer::export_rows(&self.read, table, after, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn import_from(&self, source: &dyn Store) -> Result<TableCounts> {
        corridor_store::protection::same_keys(&self.cipher, source.cipher())?;
        let mut tx = self.begin().await?;
        let counts = transfer::import(&mut tx, source).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(counts)
    }

    #[tracing::instrument(skip_all)]
    async fn table_counts(&self) -> Result<TableCounts> {
        transfer::table_counts(&self.read).await
    }
}

#[async_trait]
impl ProtectionStore for DbStore {
    fn cipher(&self) -> &Cipher {
        &self.cipher
    }

    #[tracing::instrument(skip_all)]
    async fn reseal(&self, field: Field, limit: u32) -> Result<u64> {
        protection::reseal(&self.write, &self.cipher, field, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn sealed_counts(&self) -> Result<Vec<SealedCount>> {
        protection::sealed_counts(&self.read).await
    }

    #[tracing::instrument(skip_all)]
    async fn leftovers_sealed(&self) -> Result<bool> {
        protection::has_mark(&self.read, LEFTOVERS_SEALED).await
    }

    #[tracing::instrument(skip_all)]
    async fn mark_leftovers_sealed(&self) -> Result<()> {
        let now = self.now();
        protection::set_mark(&self.write, now, LEFTOVERS_SEALED).await
    }

    #[tracing::instrument(skip_all)]
    async fn coarsen_places(&self) -> Result<u64> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let n = protection::coarsen_places(&mut tx, now).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(n)
    }

    #[tracing::instrument(skip_all)]
    async fn index_requester_contacts(&self) -> Result<u64> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let n = protection::index_requester_contacts(&mut tx, now, &self.cipher).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(n)
    }

    #[tracing::instrument(skip_all)]
    async fn record_keys(&self) -> Result<()> {
        let now = self.now();
        protection::record_keys(&self.write, now, &self.cipher).await
    }

    #[tracing::instrument(skip_all)]
    async fn purge_closed_cases(
        &self,
        closed_before: DateTime<Utc>,
        actor: &Actor,
    ) -> Result<PurgeReport> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let report =
            protection::purge_closed_cases(&mut tx, now, &self.cipher, closed_before, actor)
                .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(report)
    }
}

#[async_trait]
impl DocumentStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn add_document(&self, doc: NewDocument, actor: &Actor) -> Result<AddedDocument> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let added = documents::add(&mut tx, now, &self.cipher, doc, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(added)
    }

    #[tracing::instrument(skip_all)]
    async fn documents_of(&self, owner: DocumentOwner) -> Result<Vec<Document>> {
        documents::of_owner(&self.read, owner).await
    }

    #[tracing::instrument(skip_all)]
    async fn get_document(&self, id: DocumentId) -> Result<Option<Document>> {
        documents::get(&self.read, id).await
    }

    #[tracing::instrument(skip_all)]
    async fn read_document(
        &self,
        id: DocumentId,
        how: DocumentRead,
        actor: &Actor,
    ) -> Result<Option<Vec<u8>>> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let content = documents::read(&mut tx, now, &self.cipher, id, how, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(content)
    }

    #[tracing::instrument(skip_all)]
    async fn set_document_scan(
        &self,
        id: DocumentId,
        state: ScanState,
        actor: &Actor,
    ) -> Result<Document> {
        let mut tx = self.begin().await?;
        let now = self.now();
        let doc = documents::set_scan(&mut tx, now, id, state, actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(doc)
    }

    #[tracing::instrument(skip_all)]
    async fn documents_not_scanned(&self, limit: u32) -> Result<Vec<DocumentId>> {
        documents::not_scanned(&self.read, limit).await
    }
}

#[async_trait]
impl MatchingStore for DbStore {
    #[tracing::instrument(skip_all)]
    async fn save_index_snapshot(
        &self,
        bytes: &[u8],
        last_record: RecordId,
        records: i64,
        actor: &Actor,
    ) -> Result<()> {
        // Sealed before the write lock is taken: it is the slow part.
        let sealed =
            corridor_store::index_snapshot::seal(&self.cipher, bytes, last_record, records);
        let mut tx = self.begin().await?;
        let now = self.now();
        index_snapshot::save(&mut tx, now, &sealed, bytes.len(), actor).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    async fn index_snapshot(
        &self,
    ) -> Result<Option<corridor_store::index_snapshot::IndexSnapshot>> {
        index_snapshot::load(&self.read, &self.cipher).await
    }

    #[tracing::instrument(skip_all)]
    async fn drop_index_snapshots(&self) -> Result<u64> {
        let mut tx = self.begin().await?;
        let n = index_snapshot::drop_all(&mut tx).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(n)
    }

    #[tracing::instrument(skip_all)]
    async fn save_matching_model(&self, model: &str, records: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = self.now();
        index_snapshot::save_model(&mut tx, now, model, records).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    async fn matching_model(&self) -> Result<Option<corridor_store::index_snapshot::StoredModel>> {
        index_snapshot::model(&self.read).await
    }
}

/// Maps a store error for a missing row when the id came from the caller.
pub(crate) fn missing(entity: &'static str, id: i64) -> StoreError {
    StoreError::not_found(entity, id)
}
