//! Who may see what: the role decides which kinds of pages and calls a user may use, the data
//! scope (see [`corridor_store::DataScope`]) which objects. Every route that shows or changes
//! a case, person, inquiry, review or merge calls [`page_object`] or [`api_object`] with the
//! object before it reads it, so a guessed id outside the user's scope answers exactly like an
//! id that does not exist (no IDOR, and no way to learn which ids exist).

use corridor_domain::Role;
use corridor_store::{DataScope, ScopedObject};

use crate::{ApiError, AppState, PageError};

/// May read the audit trail: auditors, and administrators who answer for the system. The
/// trail holds ids, actions and addresses, never applicants' personal data.
pub fn can_read_audit(role: Role) -> bool {
    matches!(role, Role::Auditor | Role::Admin)
}

/// May review possible matches and merge or unmerge people: leads and administrators.
pub fn can_review(role: Role) -> bool {
    matches!(role, Role::Lead | Role::Admin)
}

/// May export lists of people and cases: leads only.
pub fn can_export(role: Role) -> bool {
    matches!(role, Role::Lead)
}

fn describe(object: ScopedObject) -> String {
    match object {
        ScopedObject::Case(id) => format!("case C-{id}"),
        ScopedObject::Person(id) => format!("person P-{id}"),
        ScopedObject::Inquiry(id) => format!("inquiry {id}"),
        ScopedObject::Review(id) => format!("possible match {id}"),
        ScopedObject::Merge(id) => format!("merge {id}"),
        ScopedObject::Referral(id) => format!("referral {id}"),
        ScopedObject::Task(id) => format!("task {id}"),
    }
}

async fn allowed(
    state: &AppState,
    scope: DataScope,
    object: ScopedObject,
) -> Result<bool, corridor_store::StoreError> {
    if scope == DataScope::Nothing {
        return Ok(false);
    }
    Ok(state
        .store
        .object_scope(object)
        .await?
        .is_some_and(|o| scope.allows(&o)))
}

/// The first of `objects` outside the user's scope, if any.
async fn first_refused(
    state: &AppState,
    scope: DataScope,
    // A list rather than an iterator: a borrowing iterator held across the awaits below would
    // keep the handlers' futures from being Send.
    objects: Vec<ScopedObject>,
) -> Result<Option<ScopedObject>, corridor_store::StoreError> {
    for object in objects {
        if !allowed(state, scope, object).await? {
            return Ok(Some(object));
        }
    }
    Ok(None)
}

/// A refused object answers exactly like one that does not exist.
fn page_refusal(object: Option<ScopedObject>) -> Result<(), PageError> {
    match object {
        None => Ok(()),
        Some(o) => Err(PageError::NotFound(not_found_in_words(o))),
    }
}

/// The words a page uses for an object that is not there, in the reader's language: the same
/// as the handlers' own "not found", so that a refusal cannot be told apart from absence.
pub(crate) fn not_found_in_words(object: ScopedObject) -> String {
    let (id, n) = match object {
        ScopedObject::Case(n) => ("not-found-case", n.to_string()),
        ScopedObject::Person(n) => ("not-found-person", n.to_string()),
        ScopedObject::Inquiry(n) => ("not-found-inquiry", n.to_string()),
        ScopedObject::Review(n) => ("not-found-review", n.to_string()),
        ScopedObject::Merge(n) => ("not-found-merge", n.to_string()),
        ScopedObject::Referral(n) => ("not-found-referral", n.to_string()),
        ScopedObject::Task(n) => ("not-found-task", n.to_string()),
    };
    crate::t1(id, "n", n)
}

fn api_refusal(object: Option<ScopedObject>) -> Result<(), ApiError> {
    match object {
        None => Ok(()),
        Some(o) => Err(ApiError::NotFound(format!(
            "{} does not exist",
            describe(o)
        ))),
    }
}

/// Refuses (as "not found") an object outside the user's scope.
pub(crate) async fn page_object(
    state: &AppState,
    scope: DataScope,
    object: ScopedObject,
) -> Result<(), PageError> {
    page_refusal(first_refused(state, scope, vec![object]).await?)
}

/// The same for the API.
pub(crate) async fn api_object(
    state: &AppState,
    scope: DataScope,
    object: ScopedObject,
) -> Result<(), ApiError> {
    api_refusal(first_refused(state, scope, vec![object]).await?)
}

/// Refuses (as "not found") a selection of cases of which any is outside the user's scope:
/// bulk actions act on all of them or none.
pub(crate) async fn page_cases(
    state: &AppState,
    scope: DataScope,
    cases: &[corridor_domain::CaseId],
) -> Result<(), PageError> {
    page_refusal(
        first_refused(
            state,
            scope,
            cases.iter().map(|c| ScopedObject::Case(*c)).collect(),
        )
        .await?,
    )
}

/// The same for the API.
pub(crate) async fn api_cases(
    state: &AppState,
    scope: DataScope,
    cases: &[corridor_domain::CaseId],
) -> Result<(), ApiError> {
    api_refusal(
        first_refused(
            state,
            scope,
            cases.iter().map(|c| ScopedObject::Case(*c)).collect(),
        )
        .await?,
    )
}

/// Keeps the referrals on cases the user may see: a case officer's list holds only their own
/// and their team's cases' referrals.
pub(crate) async fn visible_referrals(
    state: &AppState,
    scope: DataScope,
    referrals: Vec<corridor_domain::Referral>,
) -> Result<Vec<corridor_domain::Referral>, corridor_store::StoreError> {
    let mut kept = Vec::with_capacity(referrals.len());
    for r in referrals {
        if allowed(state, scope, ScopedObject::Case(r.case_id)).await? {
            kept.push(r);
        }
    }
    Ok(kept)
}

/// Keeps the cases of a list made by a query that knows no scope (triage suggestions).
pub(crate) fn visible_cases(
    scope: DataScope,
    cases: Vec<corridor_domain::CaseSummary>,
) -> Vec<corridor_domain::CaseSummary> {
    cases
        .into_iter()
        .filter(|c| {
            scope.allows(&corridor_store::ObjectScope {
                cases: vec![corridor_store::CaseHolder {
                    owner: c.owner_id,
                    team: c.team_id,
                }],
                in_triage_queue: false,
            })
        })
        .collect()
}

/// Triage takes inquiries from the queue the user can see, and attaches only to a case the
/// user can see.
async fn triage_allowed(
    state: &AppState,
    scope: DataScope,
    inquiries: &[corridor_domain::InquiryId],
    how: &corridor_store::Triage,
) -> Result<Option<ScopedObject>, corridor_store::StoreError> {
    let attach = match how {
        corridor_store::Triage::Attach { case } => Some(ScopedObject::Case(*case)),
        _ => None,
    };
    let objects = inquiries
        .iter()
        .map(|i| ScopedObject::Inquiry(*i))
        .chain(attach)
        .collect();
    first_refused(state, scope, objects).await
}

pub(crate) async fn triage_allowed_page(
    state: &AppState,
    scope: DataScope,
    inquiries: &[corridor_domain::InquiryId],
    how: &corridor_store::Triage,
) -> Result<(), PageError> {
    page_refusal(triage_allowed(state, scope, inquiries, how).await?)
}

pub(crate) async fn triage_allowed_api(
    state: &AppState,
    scope: DataScope,
    inquiries: &[corridor_domain::InquiryId],
    how: &corridor_store::Triage,
) -> Result<(), ApiError> {
    api_refusal(triage_allowed(state, scope, inquiries, how).await?)
}
