//! Deadlines and escalation, notifications, notes and tasks, pathways, bulk actions and the
//! counts reports read.

use super::extract::Json;
use super::extract::{Path, Query};
use axum::extract::State;
use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseId, CaseNote, CaseOutcome, CaseStatus, CaseTask, Escalation, EvidenceKind, Notification,
    OverdueCount, Pathway, PathwayCount, PersonId, PersonPathway, Role, TeamId, UserId,
};
use corridor_store::{CaseFilter, CaseSort, NewEvidence, NewTask, PageRequest};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::cases::CasePage;
use crate::auth::ApiCaller;
use crate::{ApiError, AppState};

fn require_cases(caller: &ApiCaller) -> Result<(), ApiError> {
    if caller.user.role.can_view_cases() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token's user cannot see cases".into(),
        ))
    }
}

fn require_manage(caller: &ApiCaller) -> Result<(), ApiError> {
    if caller.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token's user cannot change cases".into(),
        ))
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct OverdueQuery {
    /// Only this team's cases.
    team: Option<i64>,
    /// Page size, at most 500.
    limit: Option<u32>,
    /// The `next` cursor of the previous page.
    after: Option<String>,
}

/// Open cases past their first-response or next-action deadline, most urgent first.
#[utoipa::path(
    operation_id = "overdue_cases", get, path = "/cases/overdue", tag = "workflow",
    params(OverdueQuery),
    responses((status = 200, body = CasePage), (status = 401, body = crate::error::ErrorBody))
)]
pub(crate) async fn overdue(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<OverdueQuery>,
) -> Result<Json<CasePage>, ApiError> {
    require_cases(&caller)?;
    let after = super::cursor(q.after.as_deref())?;
    let filter = CaseFilter {
        overdue: true,
        team: q.team.map(TeamId),
        sort: CaseSort::Priority,
        ..Default::default()
    };
    let page = state
        .store
        .list_cases(&filter, PageRequest::after(q.limit.unwrap_or(50), after))
        .await?;
    Ok(Json(CasePage {
        items: page.items,
        total: page.total,
        next: page.next.map(|c| c.encode()),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkAssignRequest {
    /// Every case to hand over; all change or none.
    pub case_ids: Vec<CaseId>,
    /// Required: an open case always has an owner.
    #[serde(default)]
    #[schema(required = true, value_type = UserId)]
    pub owner_id: Option<UserId>,
    /// Defaults to the new owner's team.
    #[serde(default)]
    pub team_id: Option<TeamId>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BulkResult {
    /// How many cases changed (all of those named).
    pub changed: u64,
}

/// Assign many cases at once, in one transaction: all or none. A refusal (422) names the case
/// and why; nothing changed then.
#[utoipa::path(
    operation_id = "bulk_assign_cases", post, path = "/cases/bulk/assign", tag = "workflow",
    request_body(content = BulkAssignRequest, example = json!({"case_ids": [12, 15], "owner_id": 4, "reason": "shared out"})),
    responses((status = 200, body = BulkResult),
              (status = 422, description = "A case refused; nothing changed", body = crate::error::ErrorBody))
)]
pub(crate) async fn bulk_assign(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(req): Json<BulkAssignRequest>,
) -> Result<Json<BulkResult>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_cases(&state, caller.scope(), &req.case_ids).await?;
    let owner = req.owner_id.ok_or_else(|| {
        ApiError::Invalid("a case must always have an owner: give owner_id".into())
    })?;
    let changed = state
        .store
        .bulk_assign(
            &req.case_ids,
            owner,
            req.team_id,
            req.reason.as_deref(),
            &caller.actor(),
        )
        .await?;
    Ok(Json(BulkResult { changed }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkStatusRequest {
    pub case_ids: Vec<CaseId>,
    pub status: CaseStatus,
    /// Required to close or reopen.
    #[serde(default)]
    pub reason: Option<String>,
    /// Required to close, and only then.
    #[serde(default)]
    pub outcome: Option<CaseOutcome>,
}

/// Move many cases through the workflow at once, in one transaction: all or none.
#[utoipa::path(
    operation_id = "bulk_change_case_status", post, path = "/cases/bulk/status", tag = "workflow",
    request_body(content = BulkStatusRequest, example = json!({"case_ids": [12, 15], "status": "in_progress"})),
    responses((status = 200, body = BulkResult),
              (status = 422, description = "A case refused; nothing changed", body = crate::error::ErrorBody))
)]
pub(crate) async fn bulk_status(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(req): Json<BulkStatusRequest>,
) -> Result<Json<BulkResult>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_cases(&state, caller.scope(), &req.case_ids).await?;
    let changed = state
        .store
        .bulk_change_status(
            &req.case_ids,
            req.status,
            req.reason.as_deref(),
            req.outcome,
            &caller.actor(),
        )
        .await?;
    Ok(Json(BulkResult { changed }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"body": "Spoke with the applicant's brother; @dana to call back", "contact": true}))]
pub struct NoteRequest {
    /// Free text; `@username` notifies that colleague. Not blank; at most 20,000
    /// characters.
    #[schema(min_length = 1, max_length = 20000)]
    pub body: String,
    /// Contact with the applicant or requester: meets the first-response deadline.
    #[serde(default)]
    pub contact: bool,
}

/// Add a note to a case. Notes come back with the case (`GET /cases/{id}`, audited).
#[utoipa::path(
    operation_id = "add_case_note", post, path = "/cases/{id}/notes", tag = "workflow",
    params(("id" = i64, Path, description = "Case id")),
    request_body = NoteRequest,
    responses((status = 200, body = CaseNote), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn add_note(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<NoteRequest>,
) -> Result<Json<CaseNote>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    Ok(Json(
        state
            .store
            .add_case_note(CaseId(id), &req.body, req.contact, &caller.actor())
            .await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"body": "Ask the family for the I-360 receipt", "due_at": "2026-09-01T12:00:00Z"}))]
pub struct TaskRequest {
    /// Not blank; at most 20,000 characters.
    #[schema(min_length = 1, max_length = 20000)]
    pub body: String,
    #[serde(default)]
    pub assignee_id: Option<UserId>,
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
}

/// Add a task to a case; the assignee and anyone mentioned are notified.
#[utoipa::path(
    operation_id = "add_case_task", post, path = "/cases/{id}/tasks", tag = "workflow",
    params(("id" = i64, Path, description = "Case id")),
    request_body = TaskRequest,
    responses((status = 200, body = CaseTask), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn add_task(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<TaskRequest>,
) -> Result<Json<CaseTask>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let task = NewTask {
        body: req.body,
        assignee: req.assignee_id,
        due_at: req.due_at,
    };
    Ok(Json(
        state
            .store
            .add_case_task(CaseId(id), task, &caller.actor())
            .await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TaskDoneRequest {
    /// True to mark done, false to reopen.
    pub done: bool,
}

/// Mark a task done, or reopen it.
#[utoipa::path(
    operation_id = "set_task_done", post, path = "/tasks/{id}/done", tag = "workflow",
    params(("id" = i64, Path, description = "Task id")),
    request_body(content = TaskDoneRequest, example = json!({"done": true})),
    responses((status = 200, body = CaseTask), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn task_done(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<TaskDoneRequest>,
) -> Result<Json<CaseTask>, ApiError> {
    require_cases(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Task(id),
    )
    .await?;
    Ok(Json(
        state
            .store
            .set_task_done(id, req.done, &caller.actor())
            .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct MineQuery {
    /// Include done tasks.
    #[serde(default)]
    all: bool,
    /// Page size, 1 to 500 (default 100; values outside are brought into range).
    limit: Option<u32>,
    /// The `next` of the previous page.
    after: Option<String>,
}

/// The caller's tasks, open ones first by due date. Audited.
#[utoipa::path(
    operation_id = "my_tasks", get, path = "/tasks/mine", tag = "workflow", params(MineQuery),
    responses((status = 200, body = super::ListPage<CaseTask>))
)]
pub(crate) async fn my_tasks(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<MineQuery>,
) -> Result<Json<super::ListPage<CaseTask>>, ApiError> {
    require_cases(&caller)?;
    let tasks = state
        .store
        .tasks_for(caller.user.id, q.all, &caller.actor())
        .await?;
    Ok(Json(super::page_of(tasks, q.limit, q.after.as_deref())?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct NotificationsQuery {
    #[serde(default)]
    unread: bool,
    /// Page size, 1 to 500 (default 100; values outside are brought into range).
    limit: Option<u32>,
    /// The `next` of the previous page.
    after: Option<String>,
}

/// Notifications are kept for the newest this many of a user; older ones are not listed.
const NOTIFICATIONS_LISTED: u32 = 1000;

/// The caller's notifications (the newest 1,000), newest first.
#[utoipa::path(
    operation_id = "list_notifications", get, path = "/notifications", tag = "workflow",
    params(NotificationsQuery), responses((status = 200, body = super::ListPage<Notification>))
)]
pub(crate) async fn notifications(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<NotificationsQuery>,
) -> Result<Json<super::ListPage<Notification>>, ApiError> {
    let all = state
        .store
        .notifications(caller.user.id, q.unread, NOTIFICATIONS_LISTED)
        .await?;
    Ok(Json(super::page_of(all, q.limit, q.after.as_deref())?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReadRequest {
    /// These notifications; absent marks all of the caller's read.
    #[serde(default)]
    pub ids: Option<Vec<i64>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadResult {
    pub marked: u64,
}

/// Mark the caller's notifications read.
#[utoipa::path(
    operation_id = "mark_notifications_read", post, path = "/notifications/read", tag = "workflow",
    request_body(content = ReadRequest, example = json!({"ids": [101, 102]})), responses((status = 200, body = ReadResult))
)]
pub(crate) async fn mark_read(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(req): Json<ReadRequest>,
) -> Result<Json<ReadResult>, ApiError> {
    // An empty list names no notification; it must not fall through to "all of them".
    if req.ids.as_ref().is_some_and(Vec::is_empty) {
        return Ok(Json(ReadResult { marked: 0 }));
    }
    let marked = state
        .store
        .mark_notifications_read(caller.user.id, req.ids.as_deref())
        .await?;
    Ok(Json(ReadResult { marked }))
}

/// A person's pathways with evidence and history. Audited.
#[utoipa::path(
    operation_id = "person_pathways", get, path = "/persons/{id}/pathways", tag = "workflow",
    params(("id" = i64, Path, description = "Person id")),
    responses((status = 200, body = Vec<PersonPathway>))
)]
pub(crate) async fn pathways(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<PersonPathway>>, ApiError> {
    require_cases(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Person(PersonId(id)),
    )
    .await?;
    Ok(Json(
        state
            .store
            .person_pathways(PersonId(id), &caller.actor())
            .await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PathwayRequest {
    pub pathway: Pathway,
    /// A step of the pathway; defaults to its first step.
    #[serde(default)]
    pub step: Option<String>,
    /// Required to go back a step or leave a final one. At most 2,000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
    /// Where verification tasks of a "claimed_no_record" pathway go (default: the person's
    /// open cases).
    #[serde(default)]
    pub case_id: Option<CaseId>,
}

/// Put a person on a pathway, or move them to another step of it.
#[utoipa::path(
    operation_id = "set_pathway_step", post, path = "/persons/{id}/pathways", tag = "workflow",
    params(("id" = i64, Path, description = "Person id")),
    request_body(content = PathwayRequest, example = json!({"pathway": "siv", "step": "com_approved", "case_id": 12})),
    responses((status = 200, body = PersonPathway), (status = 404, body = crate::error::ErrorBody),
              (status = 422, description = "Not a step of the pathway, or a correction without a note", body = crate::error::ErrorBody))
)]
pub(crate) async fn set_pathway(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Json(req): Json<PathwayRequest>,
) -> Result<Json<PersonPathway>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Person(PersonId(id)),
    )
    .await?;
    let step = req
        .step
        .unwrap_or_else(|| req.pathway.first_step().code.to_string());
    Ok(Json(
        state
            .store
            .set_pathway_step(
                PersonId(id),
                req.pathway,
                &step,
                req.note.as_deref(),
                req.case_id,
                &caller.actor(),
            )
            .await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EvidenceRequest {
    pub kind: EvidenceKind,
    /// A case, registration or document number. At most 200 characters.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub reference: Option<String>,
    /// At most 2,000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
    /// A document of the person, or of a case they are on, that backs the evidence (its id).
    #[serde(default)]
    pub document_id: Option<corridor_store::documents::DocumentId>,
}

/// Record evidence held for a person's pathway.
#[utoipa::path(
    operation_id = "add_pathway_evidence", post, path = "/persons/{id}/pathways/{pathway}/evidence",
    tag = "workflow",
    params(("id" = i64, Path, description = "Person id"),
           ("pathway" = Pathway, Path, description = "The pathway")),
    request_body(content = EvidenceRequest, example = json!({"kind": "com_approval_letter", "reference": "COM-2026-0001", "note": "seen in the original", "document_id": 7})),
    responses((status = 200, body = PersonPathway), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn add_evidence(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((id, pathway)): Path<(i64, Pathway)>,
    Json(req): Json<EvidenceRequest>,
) -> Result<Json<PersonPathway>, ApiError> {
    require_manage(&caller)?;
    crate::access::api_object(
        &state,
        caller.scope(),
        corridor_store::ScopedObject::Person(PersonId(id)),
    )
    .await?;
    Ok(Json(
        state
            .store
            .add_pathway_evidence(
                PersonId(id),
                pathway,
                NewEvidence {
                    document: req.document_id,
                    kind: req.kind,
                    reference: req.reference,
                    note: req.note,
                },
                &caller.actor(),
            )
            .await?,
    ))
}

/// People per pathway and step.
#[utoipa::path(
    operation_id = "pathway_counts", get, path = "/reports/pathways", tag = "workflow",
    responses((status = 200, body = Vec<PathwayCount>))
)]
pub(crate) async fn pathway_counts(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<PathwayCount>>, ApiError> {
    require_cases(&caller)?;
    Ok(Json(state.store.pathway_counts().await?))
}

/// Overdue open cases per team, now.
#[utoipa::path(
    operation_id = "overdue_counts", get, path = "/reports/overdue", tag = "workflow",
    responses((status = 200, body = Vec<OverdueCount>))
)]
pub(crate) async fn overdue_counts(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<OverdueCount>>, ApiError> {
    require_cases(&caller)?;
    Ok(Json(state.store.overdue_counts(Utc::now()).await?))
}

/// Escalate what is overdue now (what `corridor serve` does periodically). Each deadline is
/// escalated once however often this runs. Leads and administrators only.
#[utoipa::path(
    operation_id = "run_escalations", post, path = "/escalations/run", tag = "workflow",
    responses((status = 200, body = Vec<Escalation>), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn run_escalations(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<Escalation>>, ApiError> {
    if !matches!(caller.user.role, Role::Admin | Role::Lead) {
        return Err(ApiError::Forbidden(
            "only leads and administrators run escalations".into(),
        ));
    }
    Ok(Json(state.store.escalate_overdue(Utc::now()).await?))
}
