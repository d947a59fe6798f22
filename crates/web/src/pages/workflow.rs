//! Pages of the workflow slice: bulk actions on the case list, notes and tasks on a case,
//! pathways of its people, "My tasks" and notifications.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Redirect;
use chrono::{NaiveDate, TimeZone, Utc};
use corridor_domain::{
    CaseId, CaseOutcome, CaseStatus, EvidenceKind, Pathway, PersonId, TeamId, UserId,
};
use corridor_store::{NewEvidence, NewTask};
use serde::Deserialize;

use super::given;
use crate::auth::Staff;
use crate::views::{Nav, NotificationsPage, TaskView, TasksPage};
use crate::{AppState, PageError};

fn require_manage(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-change")))
    }
}

fn require_cases(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_view_cases() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-cases")))
    }
}

fn parse<T: std::str::FromStr>(field: &str, value: Option<&str>) -> Result<Option<T>, PageError>
where
    T::Err: std::fmt::Display,
{
    value
        .map(|v| {
            v.parse::<T>()
                .map_err(|e| PageError::BadRequest(format!("The {field} is not valid: {e}")))
        })
        .transpose()
}

/// The case list's bulk form: repeated `case` fields (the ticked rows) and one action.
pub(crate) async fn bulk(
    State(state): State<AppState>,
    staff: Staff,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Redirect, PageError> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    staff.check_csrf(field("csrf").unwrap_or(""))?;
    require_manage(&staff)?;
    let cases = fields
        .iter()
        .filter(|(k, _)| k == "case")
        .map(|(_, v)| {
            v.trim()
                .parse::<i64>()
                .map(CaseId)
                .map_err(|_| PageError::BadRequest(crate::t("refuse-case-invalid")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if cases.is_empty() {
        return Err(PageError::BadRequest(crate::t("refuse-tick-cases")));
    }
    crate::access::page_cases(&state, staff.scope(), &cases).await?;
    let actor = staff.actor();
    let changed = match field("action") {
        Some("assign") => {
            let owner = parse::<i64>("owner", field("owner"))?
                .ok_or_else(|| PageError::BadRequest(crate::t("refuse-owner-needed")))?;
            let team = parse::<i64>("team", field("team"))?.map(TeamId);
            state
                .store
                .bulk_assign(&cases, UserId(owner), team, field("reason"), &actor)
                .await?
        }
        Some("status") => {
            let to = parse::<CaseStatus>("status", field("status"))?
                .ok_or_else(|| PageError::BadRequest(crate::t("refuse-choose-status")))?;
            let outcome = parse::<CaseOutcome>("outcome", field("outcome"))?;
            state
                .store
                .bulk_change_status(&cases, to, field("reason"), outcome, &actor)
                .await?
        }
        _ => {
            return Err(PageError::BadRequest(crate::t("refuse-choose-action")));
        }
    };
    Ok(Redirect::to(&format!("/cases?open=1&changed={changed}")))
}

#[derive(Deserialize)]
pub(crate) struct NoteForm {
    csrf: String,
    body: String,
    contact: Option<String>,
}

pub(crate) async fn add_note(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<NoteForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_manage(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    state
        .store
        .add_case_note(
            CaseId(id),
            &form.body,
            given(&form.contact).is_some(),
            &staff.actor(),
        )
        .await?;
    Ok(Redirect::to(&format!("/cases/{id}?done=note#notes")))
}

/// A due date from a date field: the end of that day, UTC.
fn due_date(value: Option<&str>) -> Result<Option<chrono::DateTime<Utc>>, PageError> {
    value
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(23, 59, 0))
                .map(|t| Utc.from_utc_datetime(&t))
                .ok_or_else(|| PageError::BadRequest(crate::t1("refuse-due-date", "value", v)))
        })
        .transpose()
}

#[derive(Deserialize)]
pub(crate) struct TaskForm {
    csrf: String,
    body: String,
    assignee: Option<String>,
    due: Option<String>,
}

pub(crate) async fn add_task(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<TaskForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_manage(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let task = NewTask {
        body: form.body.clone(),
        assignee: parse::<i64>("assignee", given(&form.assignee))?.map(UserId),
        due_at: due_date(given(&form.due))?,
    };
    state
        .store
        .add_case_task(CaseId(id), task, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!("/cases/{id}?done=task#tasks")))
}

#[derive(Deserialize)]
pub(crate) struct DoneForm {
    csrf: String,
    done: String,
    /// Where to go back to: "mine" for My tasks, else the case.
    back: Option<String>,
}

pub(crate) async fn task_done(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<DoneForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_cases(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Task(id),
    )
    .await?;
    let task = state
        .store
        .set_task_done(id, form.done == "1", &staff.actor())
        .await?;
    Ok(Redirect::to(&match given(&form.back) {
        Some("mine") => "/tasks/mine".to_string(),
        _ => format!("/cases/{}?done=task_done#tasks", task.case_id),
    }))
}

#[derive(Deserialize)]
pub(crate) struct TasksQuery {
    all: Option<String>,
}

pub(crate) async fn my_tasks(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<TasksQuery>,
) -> Result<TasksPage, PageError> {
    require_cases(&staff)?;
    let include_done = given(&q.all).is_some();
    let tasks = state
        .store
        .tasks_for(staff.user.id, include_done, &staff.actor())
        .await?;
    Ok(TasksPage {
        nav: Nav::new(&staff, "tasks"),
        tasks: tasks.iter().map(TaskView::from).collect(),
        include_done,
    })
}

pub(crate) async fn notifications(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<NotificationsPage, PageError> {
    let items = state.store.notifications(staff.user.id, false, 200).await?;
    Ok(NotificationsPage {
        nav: Nav::new(&staff, "notifications"),
        groups: crate::views::NotificationGroup::group(&items),
    })
}

/// Marks notifications read: the ticked ones (`ticked`, with an `id` for each), or all of them
/// (`all`, or a form with neither, as older pages send).
pub(crate) async fn mark_read(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Redirect, PageError> {
    let one = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    staff.check_csrf(one("csrf").unwrap_or(""))?;
    // One box per notification (`id`), and one per group of them (`group`: their ids).
    let ids = form
        .iter()
        .filter(|(n, _)| n == "id" || n == "group")
        .flat_map(|(_, v)| v.split(','))
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            v.trim()
                .parse::<i64>()
                .map_err(|_| PageError::BadRequest(crate::t("refuse-notification-invalid")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let all = one("all").is_some() || (one("ticked").is_none() && ids.is_empty());
    // Ticking nothing and asking for the ticked ones marks nothing, never everything.
    if all || !ids.is_empty() {
        state
            .store
            .mark_notifications_read(staff.user.id, (!all).then_some(ids.as_slice()))
            .await?;
    }
    Ok(Redirect::to("/notifications"))
}

#[derive(Deserialize)]
pub(crate) struct PathwayForm {
    csrf: String,
    person: Option<String>,
    pathway: String,
    step: Option<String>,
    note: Option<String>,
    /// The case page the form was on: verification tasks go there, and so does the answer.
    case: Option<String>,
}

fn back_to(case: Option<i64>, person: i64, done: &str) -> Redirect {
    match case {
        Some(c) => Redirect::to(&format!("/cases/{c}?done={done}#pathways")),
        None => Redirect::to(&format!("/persons/{person}")),
    }
}

pub(crate) async fn set_pathway(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<PathwayForm>,
) -> Result<axum::response::Response, PageError> {
    let case = given(&form.case).and_then(|c| c.parse::<i64>().ok());
    let typed = [
        ("person", form.person.clone()),
        ("pathway", Some(form.pathway.clone())),
        ("step", form.step.clone()),
        ("note", form.note.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.unwrap_or_default()))
    .collect();
    match (set_pathway_step(&state, &staff, form).await, case) {
        (Ok(r), _) => Ok(axum::response::IntoResponse::into_response(r)),
        // From the case page, the answer is the case page.
        (Err(e), Some(case)) => {
            super::cases::refused_on_case(&state, &staff, case, "pathway", e, typed).await
        }
        (Err(e), None) => Err(e),
    }
}

async fn set_pathway_step(
    state: &AppState,
    staff: &Staff,
    form: PathwayForm,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_manage(staff)?;
    let person = parse::<i64>("person", given(&form.person))?
        .ok_or_else(|| PageError::BadRequest(crate::t("refuse-choose-person")))?;
    crate::access::page_object(
        state,
        staff.scope(),
        corridor_store::ScopedObject::Person(PersonId(person)),
    )
    .await?;
    let pathway: Pathway = form
        .pathway
        .parse()
        .map_err(|e: corridor_domain::ParseEnumError| PageError::BadRequest(e.to_string()))?;
    let case = parse::<i64>("case", given(&form.case))?;
    let step = given(&form.step).unwrap_or(pathway.first_step().code);
    state
        .store
        .set_pathway_step(
            PersonId(person),
            pathway,
            step,
            given(&form.note),
            case.map(CaseId),
            &staff.actor(),
        )
        .await?;
    Ok(back_to(case, person, "pathway"))
}

#[derive(Deserialize)]
pub(crate) struct EvidenceForm {
    csrf: String,
    person: String,
    pathway: String,
    kind: String,
    reference: Option<String>,
    note: Option<String>,
    case: Option<String>,
    /// A document of the person (or of a case they are on) that backs the evidence.
    document: Option<String>,
}

pub(crate) async fn add_evidence(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<EvidenceForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_manage(&staff)?;
    let person = parse::<i64>("person", Some(form.person.trim()))?.unwrap_or_default();
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Person(PersonId(person)),
    )
    .await?;
    let pathway: Pathway = form
        .pathway
        .parse()
        .map_err(|e: corridor_domain::ParseEnumError| PageError::BadRequest(e.to_string()))?;
    let kind: EvidenceKind = form
        .kind
        .parse()
        .map_err(|e: corridor_domain::ParseEnumError| PageError::BadRequest(e.to_string()))?;
    let case = parse::<i64>("case", given(&form.case))?;
    let document = parse::<i64>("document", given(&form.document))?;
    state
        .store
        .add_pathway_evidence(
            PersonId(person),
            pathway,
            NewEvidence {
                document: document.map(corridor_store::documents::DocumentId),
                kind,
                reference: given(&form.reference).map(str::to_string),
                note: given(&form.note).map(str::to_string),
            },
            &staff.actor(),
        )
        .await?;
    Ok(back_to(case, person, "evidence"))
}
