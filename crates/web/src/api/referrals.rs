//! Referrals, partner organizations and replies over the API. Staff routes take staff tokens;
//! the `/partner/...` routes take only partner tokens and see only their organization's
//! referrals (every other route refuses a partner token: see `auth`).

use super::extract::Json;
use super::extract::{Path, Query};
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use corridor_domain::{
    CaseId, CaseReply, DeclinedReferral, Language, OrgId, OrgKind, PartnerOrg, PersonId, Referral,
    ReferralAction, ReferralId, ReferralSnapshot, ReferralState, ReplyTemplate, RequesterId,
    ShareField,
};
use corridor_store::{NewOrg, NewReferral, ReferralActor, ReferralFilter, ReplyRequest};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ApiCaller, PartnerCaller};
use crate::pages::referrals::{DEFAULT_RESPOND_DAYS, ExportError, signed_export};
use crate::referral_file::SignedReferral;
use crate::{ApiError, AppState};

fn require_cases(caller: &ApiCaller) -> Result<(), ApiError> {
    if caller.user.role.can_view_cases() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token's user cannot see cases or referrals".into(),
        ))
    }
}

fn require_manage(caller: &ApiCaller) -> Result<(), ApiError> {
    if caller.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token's user cannot refer cases or answer requesters".into(),
        ))
    }
}

fn require_admin(caller: &ApiCaller) -> Result<(), ApiError> {
    if matches!(
        caller.user.role,
        corridor_domain::Role::Admin | corridor_domain::Role::Lead
    ) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "only administrators and leads add partner organizations".into(),
        ))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OrgInput {
    /// Not blank; unique.
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    pub kind: OrgKind,
    #[schema(max_length = 254)]
    pub contact_email: Option<String>,
}

/// Add a partner organization.
#[utoipa::path(
    operation_id = "create_org", post, path = "/orgs", tag = "referrals", request_body(content = OrgInput, example = json!({"name": "Example Relief NGO", "kind": "ngo", "contact_email": "referrals@relief.example.org"})),
    responses((status = 201, body = PartnerOrg), (status = 409, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn create_org(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(input): Json<OrgInput>,
) -> Result<(StatusCode, Json<PartnerOrg>), ApiError> {
    require_admin(&caller)?;
    let org = state
        .store
        .create_org(
            NewOrg {
                name: input.name,
                kind: input.kind,
                contact_email: input.contact_email,
            },
            &caller.actor(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(org)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct PageQuery {
    /// Page size, 1 to 500 (default 100; values outside are brought into range).
    limit: Option<u32>,
    /// The `next` of the previous page.
    after: Option<String>,
}

/// List partner organizations.
#[utoipa::path(
    operation_id = "list_orgs", get, path = "/orgs", tag = "referrals", params(PageQuery),
    responses((status = 200, body = super::ListPage<PartnerOrg>))
)]
pub(crate) async fn list_orgs(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<PageQuery>,
) -> Result<Json<super::ListPage<PartnerOrg>>, ApiError> {
    require_cases(&caller)?;
    Ok(Json(super::page_of(
        state.store.list_orgs().await?,
        q.limit,
        q.after.as_deref(),
    )?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "org": 1, "fields": ["names", "dates_of_birth", "category"],
    "reason": "Medical evacuation needs a partner's clinic", "message": "Please confirm by phone."
}))]
pub struct ReferralInput {
    pub org: OrgId,
    /// People on the case to share; absent: everyone on the case.
    pub people: Option<Vec<PersonId>>,
    /// The minimum to share; nothing else about the people leaves.
    pub fields: Vec<ShareField>,
    /// A message for the partner, shared when `fields` has `message`.
    #[schema(max_length = 20000)]
    pub message: Option<String>,
    /// Why the case is referred. Not blank.
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
    /// When the partner should answer by; default five days from now.
    pub respond_by: Option<DateTime<Utc>>,
    /// Documents of the case, its people or its inquiries to share (ids). Each must have
    /// passed the malware scan (when one is configured); the partner sees and downloads
    /// these and no other.
    #[serde(default)]
    pub documents: Vec<corridor_store::documents::DocumentId>,
}

/// The longest reason of a referral, and the longest message to a partner, in characters.
const MAX_REASON: usize = 2_000;
const MAX_MESSAGE: usize = 20_000;

impl ReferralInput {
    /// Refuses a reason or a message longer than the document says.
    fn into_new(self, state: &AppState) -> Result<NewReferral, ApiError> {
        if self.reason.chars().count() > MAX_REASON {
            return Err(ApiError::Invalid(format!(
                "reason: at most {MAX_REASON} characters"
            )));
        }
        if self
            .message
            .as_ref()
            .is_some_and(|m| m.chars().count() > MAX_MESSAGE)
        {
            return Err(ApiError::Invalid(format!(
                "message: at most {MAX_MESSAGE} characters"
            )));
        }
        Ok(NewReferral {
            org: self.org,
            people: self.people,
            fields: self.fields,
            message: self.message,
            reason: self.reason,
            respond_by: self
                .respond_by
                .unwrap_or_else(|| Utc::now() + Duration::days(DEFAULT_RESPOND_DAYS)),
            documents: self.documents,
            scan_required: state.config.clamd.is_some(),
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Referred {
    pub referrals: Vec<ReferralId>,
}

/// Refer a case to a partner organization, sharing only the chosen people and fields.
#[utoipa::path(
    operation_id = "refer_case", post, path = "/cases/{id}/referrals", tag = "referrals",
    params(("id" = i64, Path, description = "Case id")), request_body = ReferralInput,
    responses((status = 201, body = Referred), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn refer(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(input): Json<ReferralInput>,
) -> Result<(StatusCode, Json<Referred>), ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let referrals = state
        .store
        .refer_cases(&[CaseId(id)], &input.into_new(&state)?, &caller.actor())
        .await?;
    Ok((StatusCode::CREATED, Json(Referred { referrals })))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkReferralInput {
    pub cases: Vec<CaseId>,
    #[serde(flatten)]
    pub referral: ReferralInput,
}

/// Refer many cases at once, in one transaction: all are referred or none.
#[utoipa::path(
    operation_id = "refer_cases", post, path = "/referrals/bulk", tag = "referrals",
    request_body(content = BulkReferralInput, example = json!({"cases": [12, 15], "org": 3, "fields": ["names", "phones"], "reason": "medical evacuation", "respond_by": "2026-09-05T12:00:00Z"})),
    responses((status = 201, body = Referred), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn bulk_refer(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(mut input): Json<BulkReferralInput>,
) -> Result<(StatusCode, Json<Referred>), ApiError> {
    require_manage(&caller)?;
    crate::access::api_cases(&state, caller.scope(), &input.cases).await?;
    if input.cases.is_empty() {
        return Err(ApiError::Invalid("cases is empty".into()));
    }
    // People are chosen per case; a bulk referral shares everyone on each case.
    input.referral.people = None;
    let referrals = state
        .store
        .refer_cases(
            &input.cases,
            &input.referral.into_new(&state)?,
            &caller.actor(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Referred { referrals })))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ReferralQuery {
    org: Option<i64>,
    state: Option<ReferralState>,
    case: Option<i64>,
    /// Only referrals past respond-by without an answer.
    #[serde(default)]
    overdue: bool,
    /// Page size, 1 to 500 (default 100; values outside are brought into range).
    limit: Option<u32>,
    /// The `next` of the previous page.
    after: Option<String>,
}

/// List referrals (staff).
#[utoipa::path(
    operation_id = "list_referrals", get, path = "/referrals", tag = "referrals",
    params(ReferralQuery), responses((status = 200, body = super::ListPage<Referral>))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<ReferralQuery>,
) -> Result<Json<super::ListPage<Referral>>, ApiError> {
    require_cases(&caller)?;
    let filter = ReferralFilter {
        org: q.org.map(OrgId),
        state: q.state,
        case: q.case.map(CaseId),
        overdue_only: q.overdue,
    };
    let list = state
        .store
        .list_referrals(&filter, &ReferralActor::Staff, Utc::now(), &caller.actor())
        .await?;
    Ok(Json(super::page_of(
        crate::access::visible_referrals(&state, caller.scope(), list).await?,
        q.limit,
        q.after.as_deref(),
    )?))
}

/// One referral (staff).
#[utoipa::path(
    operation_id = "get_referral", get, path = "/referrals/{id}", tag = "referrals",
    params(("id" = i64, Path, description = "Referral id")),
    responses((status = 200, body = Referral), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Referral>, ApiError> {
    require_cases(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Referral(ReferralId(id)),
    )
    .await?;
    state
        .store
        .get_referral(ReferralId(id), &ReferralActor::Staff, &caller.actor())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("referral {id} does not exist")))
}

/// Withdraw a referral, or record a partner's answer by hand (recorded as "on behalf of").
#[utoipa::path(
    operation_id = "update_referral", post, path = "/referrals/{id}/action", tag = "referrals",
    params(("id" = i64, Path, description = "Referral id")),
    request_body(content = ReferralAction, example = json!({"action": "decline", "reason": "outside our area"})),
    responses((status = 200, body = Referral), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn act(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(action): Json<ReferralAction>,
) -> Result<Json<Referral>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Referral(ReferralId(id)),
    )
    .await?;
    Ok(Json(
        state
            .store
            .update_referral(
                ReferralId(id),
                &action,
                &ReferralActor::Staff,
                &caller.actor(),
            )
            .await?,
    ))
}

/// The owner takes note of a declined referral.
#[utoipa::path(
    operation_id = "note_declined_referral", post, path = "/referrals/{id}/noted",
    tag = "referrals", params(("id" = i64, Path, description = "Referral id")),
    responses((status = 204), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn noted(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Referral(ReferralId(id)),
    )
    .await?;
    state
        .store
        .acknowledge_decline(ReferralId(id), &caller.actor())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Declined referrals on the caller's open cases, not yet taken note of.
#[utoipa::path(
    operation_id = "my_declined_referrals", get, path = "/referrals/declined/mine",
    tag = "referrals", params(PageQuery),
    responses((status = 200, body = super::ListPage<DeclinedReferral>))
)]
pub(crate) async fn declined_mine(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<PageQuery>,
) -> Result<Json<super::ListPage<DeclinedReferral>>, ApiError> {
    require_cases(&caller)?;
    Ok(Json(super::page_of(
        state.store.declined_for_owner(caller.user.id).await?,
        q.limit,
        q.after.as_deref(),
    )?))
}

/// A signed file of the referral (its shared snapshot and metadata), for a partner not on
/// Corridor. Audited.
#[utoipa::path(
    operation_id = "export_referral", get, path = "/referrals/{id}/export", tag = "referrals",
    params(("id" = i64, Path, description = "Referral id")),
    responses((status = 200, body = SignedReferral), (status = 404, body = crate::error::ErrorBody),
              (status = 409, description = "This server has no referral signing key configured", body = crate::error::ErrorBody))
)]
pub(crate) async fn export(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<SignedReferral>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Referral(ReferralId(id)),
    )
    .await?;
    signed_export(&state, ReferralId(id), &caller.actor())
        .await
        .map(Json)
        .map_err(|e| match e {
            ExportError::Api(a) => a,
            ExportError::Page(crate::PageError::NotFound(m)) => ApiError::NotFound(m),
            ExportError::Page(p) => ApiError::Internal(anyhow::anyhow!(p.to_string())),
        })
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReplyInput {
    pub template: ReplyTemplate,
}

/// Answer every requester who asked about the case, each through the channel they used and
/// in their language. Every reply is logged on the case.
#[utoipa::path(
    operation_id = "reply_to_requesters", post, path = "/cases/{id}/replies", tag = "referrals",
    params(("id" = i64, Path, description = "Case id")), request_body(content = ReplyInput, example = json!({"template": "progress"})),
    responses((status = 201, body = Vec<CaseReply>), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn reply(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(input): Json<ReplyInput>,
) -> Result<(StatusCode, Json<Vec<CaseReply>>), ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let replies = state
        .store
        .reply_to_requesters(
            &[CaseId(id)],
            ReplyRequest {
                template: input.template,
            },
            &caller.actor(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(replies)))
}

/// The replies logged on a case.
#[utoipa::path(
    operation_id = "case_replies", get, path = "/cases/{id}/replies", tag = "referrals",
    params(("id" = i64, Path, description = "Case id"), PageQuery),
    responses((status = 200, body = super::ListPage<CaseReply>))
)]
pub(crate) async fn replies(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Json<super::ListPage<CaseReply>>, ApiError> {
    require_cases(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    Ok(Json(super::page_of(
        state.store.case_replies(CaseId(id)).await?,
        q.limit,
        q.after.as_deref(),
    )?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkReplyInput {
    pub cases: Vec<CaseId>,
    pub template: ReplyTemplate,
}

/// Reply on many cases at once, in one transaction.
#[utoipa::path(
    operation_id = "reply_on_cases", post, path = "/replies/bulk", tag = "referrals",
    request_body(content = BulkReplyInput, example = json!({"cases": [12, 15], "template": "documents_needed"})),
    responses((status = 201, body = Vec<CaseReply>), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn bulk_reply(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(input): Json<BulkReplyInput>,
) -> Result<(StatusCode, Json<Vec<CaseReply>>), ApiError> {
    require_manage(&caller)?;
    crate::access::api_cases(&state, caller.scope(), &input.cases).await?;
    if input.cases.is_empty() {
        return Err(ApiError::Invalid("cases is empty".into()));
    }
    let replies = state
        .store
        .reply_to_requesters(
            &input.cases,
            ReplyRequest {
                template: input.template,
            },
            &caller.actor(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(replies)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LanguageInput {
    pub language: Language,
}

/// Set the language a requester is answered in.
#[utoipa::path(
    operation_id = "set_requester_language", put, path = "/requesters/{id}/language",
    tag = "referrals", params(("id" = i64, Path, description = "Requester id")),
    request_body(content = LanguageInput, example = json!({"language": "prs"})),
    responses((status = 204), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn set_language(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(input): Json<LanguageInput>,
) -> Result<StatusCode, ApiError> {
    require_manage(&caller)?;
    // A requester id says nothing about whose cases they asked about, so only those who see
    // every case (leads, administrators) set it here; officers use the case's page.
    if !crate::access::can_review(caller.user.role) {
        return Err(ApiError::Forbidden(
            "set a requester's language from the case page".into(),
        ));
    }
    state
        .store
        .set_requester_language(RequesterId(id), input.language, &caller.actor())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// --- the partner's routes -------------------------------------------------------------------

/// A referral as its partner sees it: what was shared, why, and where it stands. No case
/// number or other internal detail.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerReferral {
    pub id: ReferralId,
    pub state: ReferralState,
    pub reason: String,
    pub sent_at: DateTime<Utc>,
    pub respond_by: DateTime<Utc>,
    pub overdue: bool,
    pub fields: Vec<ShareField>,
    pub shared: ReferralSnapshot,
    pub decline_reason: Option<String>,
    pub result_note: Option<String>,
}

impl From<Referral> for PartnerReferral {
    fn from(r: Referral) -> Self {
        PartnerReferral {
            id: r.id,
            state: r.state,
            reason: r.reason,
            sent_at: r.sent_at,
            respond_by: r.respond_by,
            overdue: r.overdue,
            fields: r.fields,
            shared: r.snapshot,
            decline_reason: r.decline_reason,
            result_note: r.result_note,
        }
    }
}

/// The referrals to the caller's organization. Audited.
#[utoipa::path(
    operation_id = "partner_referrals", get, path = "/partner/referrals", tag = "partner",
    params(PageQuery),
    responses((status = 200, body = super::ListPage<PartnerReferral>), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn partner_list(
    State(state): State<AppState>,
    partner: PartnerCaller,
    Query(q): Query<PageQuery>,
) -> Result<Json<super::ListPage<PartnerReferral>>, ApiError> {
    let list = state
        .store
        .list_referrals(
            &ReferralFilter::default(),
            &ReferralActor::Partner(partner.org.id),
            Utc::now(),
            &partner.caller.actor(),
        )
        .await?;
    Ok(Json(super::page_of(
        list.into_iter().map(PartnerReferral::from).collect(),
        q.limit,
        q.after.as_deref(),
    )?))
}

/// A document the referral shares, as a file (`Content-Disposition: attachment`, `nosniff`).
/// Authorized by the referral's snapshot: a document it does not name, even one of the same
/// case, is 404. Audited like every download.
#[utoipa::path(
    operation_id = "partner_referral_document", get,
    path = "/partner/referrals/{id}/documents/{document}", tag = "partner",
    params(("id" = i64, Path, description = "Referral id"),
           ("document" = i64, Path, description = "A document id the referral's `shared.documents` names")),
    responses(
        (status = 200, description = "The file, with its type read from its bytes",
         content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"))),
        (status = 404, body = crate::error::ErrorBody),
        (status = 409, description = "Quarantined by the malware scanner since it was shared", body = crate::error::ErrorBody))
)]
pub(crate) async fn partner_document(
    State(state): State<AppState>,
    partner: PartnerCaller,
    Path((id, document)): Path<(i64, i64)>,
) -> Result<axum::response::Response, ApiError> {
    use corridor_store::documents::{DocumentId, DocumentRead};
    let missing = || ApiError::NotFound(format!("referral {id} shares no document {document}"));
    let r = referral_to(&state, &partner, id).await?;
    if !r.snapshot.documents.iter().any(|d| d.id == document) {
        return Err(missing());
    }
    let doc = crate::documents::find(&state, DocumentId(document))
        .await?
        .ok_or_else(missing)?;
    let bytes = crate::documents::open(
        &state,
        &doc,
        DocumentRead::Download,
        &partner.caller.actor(),
    )
    .await?
    .ok_or_else(missing)?;
    Ok(crate::documents::serve(&doc, bytes, DocumentRead::Download))
}

/// One referral to the caller's organization. Audited; another organization's is 404.
#[utoipa::path(
    operation_id = "partner_referral", get, path = "/partner/referrals/{id}", tag = "partner",
    params(("id" = i64, Path, description = "Referral id")),
    responses((status = 200, body = PartnerReferral), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn partner_get(
    State(state): State<AppState>,
    partner: PartnerCaller,
    Path(id): Path<i64>,
) -> Result<Json<PartnerReferral>, ApiError> {
    Ok(Json(referral_to(&state, &partner, id).await?.into()))
}

/// A referral to the caller's organization (read audited); another organization's is 404.
async fn referral_to(
    state: &AppState,
    partner: &PartnerCaller,
    id: i64,
) -> Result<Referral, ApiError> {
    state
        .store
        .get_referral(
            ReferralId(id),
            &ReferralActor::Partner(partner.org.id),
            &partner.caller.actor(),
        )
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("referral {id} does not exist")))
}

/// Acknowledge, accept, decline (with a reason) or complete (with the result) a referral to
/// the caller's organization.
#[utoipa::path(
    operation_id = "partner_update_referral", post, path = "/partner/referrals/{id}/action",
    tag = "partner", params(("id" = i64, Path, description = "Referral id")),
    request_body(content = ReferralAction, example = json!({"action": "accept"})),
    responses((status = 200, body = PartnerReferral), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn partner_act(
    State(state): State<AppState>,
    partner: PartnerCaller,
    Path(id): Path<i64>,
    Json(action): Json<ReferralAction>,
) -> Result<Json<PartnerReferral>, ApiError> {
    let r = state
        .store
        .update_referral(
            ReferralId(id),
            &action,
            &ReferralActor::Partner(partner.org.id),
            &partner.caller.actor(),
        )
        .await?;
    Ok(Json(r.into()))
}
