use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::response::Redirect;
use corridor_domain::{
    CaseCategory, CaseId, CaseOutcome, CaseStatus, Pathway, Priority, TeamId, UserId,
};
use corridor_store::workflow::pathway_filter;
use corridor_store::{CaseFilter, CaseSort, Cursor, PageRequest};
use serde::Deserialize;

use super::given;
use crate::auth::Staff;
use crate::views::{
    self, CasePage, CaseRow, CasesPage, Choice, HistoryRow, InquiryRow, Nav, OverrideView,
    PersonRow,
};
use crate::{AppState, PageError};

const PAGE_SIZE: u32 = 50;

/// The list's filters as they travel in the query string: ids and codes only, never names.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct CaseQuery {
    status: Option<String>,
    category: Option<String>,
    priority: Option<String>,
    owner: Option<String>,
    team: Option<String>,
    open: Option<String>,
    needs_owner: Option<String>,
    overdue: Option<String>,
    pathway: Option<String>,
    step: Option<String>,
    sort: Option<String>,
    after: Option<String>,
    // The situation report's lists.
    opened_from: Option<String>,
    opened_before: Option<String>,
    closed_from: Option<String>,
    closed_before: Option<String>,
    outcome: Option<String>,
    /// Set after a bulk action: how many cases it changed.
    changed: Option<String>,
}

fn instant(
    field: &str,
    value: &Option<String>,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, PageError> {
    given(value)
        .map(|v| crate::sitrep::parse_instant(field, v).map_err(PageError::BadRequest))
        .transpose()
}

fn parse<T: std::str::FromStr>(field: &str, value: &Option<String>) -> Result<Option<T>, PageError>
where
    T::Err: std::fmt::Display,
{
    given(value)
        .map(|v| {
            v.parse::<T>()
                .map_err(|e| PageError::BadRequest(format!("The {field} filter is not valid: {e}")))
        })
        .transpose()
}

impl CaseQuery {
    fn filter(&self) -> Result<CaseFilter, PageError> {
        Ok(CaseFilter {
            status: parse::<CaseStatus>("status", &self.status)?,
            category: parse::<CaseCategory>("category", &self.category)?,
            priority: parse::<Priority>("priority", &self.priority)?,
            owner: parse::<i64>("owner", &self.owner)?.map(UserId),
            team: parse::<i64>("team", &self.team)?.map(TeamId),
            open_only: given(&self.open).is_some(),
            needs_owner: given(&self.needs_owner).is_some(),
            overdue: given(&self.overdue).is_some(),
            pathway: parse::<Pathway>("pathway", &self.pathway)?,
            pathway_step: match (
                parse::<Pathway>("pathway", &self.pathway)?,
                given(&self.step),
            ) {
                (Some(p), step) => pathway_filter(p, step)
                    .map_err(|e| PageError::BadRequest(e.to_string()))?
                    .map(str::to_string),
                (None, Some(_)) => {
                    return Err(PageError::BadRequest(crate::t("refuse-choose-pathway")));
                }
                (None, None) => None,
            },
            sort: match given(&self.sort) {
                Some("priority") => CaseSort::Priority,
                _ => CaseSort::Newest,
            },
            opened_from: instant("opened_from", &self.opened_from)?,
            opened_before: instant("opened_before", &self.opened_before)?,
            closed_from: instant("closed_from", &self.closed_from)?,
            closed_before: instant("closed_before", &self.closed_before)?,
            outcome: parse::<CaseOutcome>("outcome", &self.outcome)?,
            visible_to: None,
        })
    }

    /// The same filters, continuing after `cursor`.
    fn next_page(&self, cursor: Cursor) -> String {
        let mut parts: Vec<String> = [
            ("status", &self.status),
            ("category", &self.category),
            ("priority", &self.priority),
            ("owner", &self.owner),
            ("team", &self.team),
            ("open", &self.open),
            ("needs_owner", &self.needs_owner),
            ("overdue", &self.overdue),
            ("pathway", &self.pathway),
            ("step", &self.step),
            ("sort", &self.sort),
            ("opened_from", &self.opened_from),
            ("opened_before", &self.opened_before),
            ("closed_from", &self.closed_from),
            ("closed_before", &self.closed_before),
            ("outcome", &self.outcome),
        ]
        .into_iter()
        .filter_map(|(k, v)| given(v).map(|v| format!("{k}={v}")))
        .collect();
        parts.push(format!("after={}", cursor.encode()));
        parts.join("&")
    }
}

fn require_cases(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_view_cases() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-cases")))
    }
}

pub(crate) async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<CaseQuery>,
) -> Result<CasesPage, PageError> {
    let intro = parse::<u64>("changed", &q.changed)?
        .map(|n| format!("Done: {n} case(s) changed, each recorded in its history."));
    render_list(&state, &staff, q, crate::t("nav-cases"), intro, "cases").await
}

/// The signed-in user's open cases, most urgent first.
pub(crate) async fn mine(
    State(state): State<AppState>,
    staff: Staff,
    Query(mut q): Query<CaseQuery>,
) -> Result<CasesPage, PageError> {
    q.owner = Some(staff.user.id.0.to_string());
    q.open = Some("1".into());
    q.sort.get_or_insert_with(|| "priority".into());
    let intro = Some(crate::t("cases-mine-intro"));
    let mut page = render_list(&state, &staff, q, crate::t("nav-mine"), intro, "mine").await?;
    page.declined = super::referrals::declined_for(&state, &staff).await?;
    Ok(page)
}

/// Open cases whose owner was deactivated: the work nobody is doing, for leads to hand out.
pub(crate) async fn unowned(
    State(state): State<AppState>,
    staff: Staff,
    Query(mut q): Query<CaseQuery>,
) -> Result<CasesPage, PageError> {
    q.needs_owner = Some("1".into());
    q.sort.get_or_insert_with(|| "priority".into());
    let intro = Some(crate::t("cases-unowned-intro"));
    render_list(&state, &staff, q, crate::t("nav-unowned"), intro, "unowned").await
}

/// Open cases past a deadline, most urgent first (filter by team with `?team=`).
pub(crate) async fn overdue(
    State(state): State<AppState>,
    staff: Staff,
    Query(mut q): Query<CaseQuery>,
) -> Result<CasesPage, PageError> {
    q.overdue = Some("1".into());
    q.sort.get_or_insert_with(|| "priority".into());
    let intro = Some(
        "Open cases past their first-response or next-action deadline. Team leads are told \
         once per deadline, in the app and by email."
            .to_string(),
    );
    render_list(&state, &staff, q, crate::t("nav-overdue"), intro, "overdue").await
}

/// A team's board: its open cases, most urgent first.
pub(crate) async fn team_board(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(mut q): Query<CaseQuery>,
) -> Result<CasesPage, PageError> {
    let teams = state.store.list_teams().await?;
    let team = teams
        .iter()
        .find(|t| t.id.0 == id)
        .ok_or_else(|| PageError::NotFound(crate::t1("not-found-team", "n", id)))?;
    q.team = Some(id.to_string());
    q.open = Some("1".into());
    q.sort.get_or_insert_with(|| "priority".into());
    let overdue = state
        .store
        .overdue_counts(chrono::Utc::now())
        .await?
        .into_iter()
        .find(|c| c.team_id == team.id);
    let mut intro = match team.lead_id {
        Some(_) => crate::t("cases-team-intro"),
        None => crate::t("cases-team-no-lead-intro"),
    };
    // What is late comes first on a lead's board.
    match overdue {
        Some(o) => intro.push_str(&format!(
            " Overdue now: {} case(s) ({} waiting for a first response, {} for the next action).",
            o.cases, o.first_response, o.next_action
        )),
        None => intro.push_str(" Nothing is overdue."),
    }
    let intro = Some(intro);
    let heading = format!("{} board", team.name);
    render_list(&state, &staff, q, heading, intro, "cases").await
}

async fn render_list(
    state: &AppState,
    staff: &Staff,
    q: CaseQuery,
    heading: String,
    intro: Option<String>,
    active: &'static str,
) -> Result<CasesPage, PageError> {
    require_cases(staff)?;
    let mut filter = q.filter()?;
    // Case officers see their own and their team's cases only, in the query itself.
    filter.visible_to = staff.scope().case_list();
    let after = match given(&q.after) {
        Some(c) => Some(
            Cursor::decode(c).ok_or_else(|| PageError::BadRequest(crate::t("refuse-page-link")))?,
        ),
        None => None,
    };
    let page = state
        .store
        .list_cases(&filter, PageRequest::after(PAGE_SIZE, after))
        .await?;
    let users = state.store.list_users().await?;
    let teams = state.store.list_teams().await?;
    Ok(CasesPage {
        nav: Nav::new(staff, active),
        heading,
        intro,
        rows: page.items.iter().map(CaseRow::from).collect(),
        total: page.total,
        statuses: views::status_choices(filter.status),
        categories: views::category_choices(filter.category),
        priorities: views::priority_choices(filter.priority),
        owners: views::owner_choices(&users, filter.owner.map(|o| o.0)),
        teams: teams
            .iter()
            .map(|t| Choice {
                value: t.id.0.to_string(),
                label: t.name.clone(),
                selected: filter.team == Some(t.id),
            })
            .collect(),
        open_only: filter.open_only,
        needs_owner: filter.needs_owner,
        overdue: filter.overdue,
        pathways: Choice::list(
            Pathway::ALL,
            filter.pathway,
            |p| p.as_str().into(),
            crate::terms::term,
        ),
        step: filter.pathway_step.clone().unwrap_or_default(),
        can_manage: staff.user.role.can_manage_cases(),
        outcomes: Choice::list(
            CaseOutcome::ALL,
            None,
            |o| o.as_str().into(),
            crate::terms::term,
        ),
        all_statuses: views::status_choices(None),
        sort_priority: filter.sort == CaseSort::Priority,
        next: page.next.map(|c| q.next_page(c)),
        declined: Vec::new(),
    })
}

#[derive(Deserialize)]
pub(crate) struct Done {
    done: Option<String>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<CasePage, PageError> {
    case_page(&state, &staff, id, done).await
}

/// A refused action on a case answers with the case page, the reason on top and what was
/// typed still in its form, rather than a page of its own that loses both. Anything but a
/// refusal (no access, no such case, an expired form) is answered as before.
pub(crate) async fn refused_on_case(
    state: &AppState,
    staff: &Staff,
    case: i64,
    section: &'static str,
    error: PageError,
    mut values: std::collections::BTreeMap<String, String>,
) -> Result<axum::response::Response, PageError> {
    let message = match error {
        PageError::BadRequest(m) | PageError::Conflict(m) => m,
        other => return Err(other),
    };
    values.remove("csrf");
    let mut page = case_page(state, staff, case, Done { done: None }).await?;
    page.refused = Some(views::Refused {
        message,
        section,
        values,
    });
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The case page as it stands, for a refusal to be shown on it.
pub(crate) async fn page_for(
    state: &AppState,
    staff: &Staff,
    id: i64,
) -> Result<CasePage, PageError> {
    case_page(state, staff, id, Done { done: None }).await
}

async fn case_page(
    state: &AppState,
    staff: &Staff,
    id: i64,
    done: Done,
) -> Result<CasePage, PageError> {
    require_cases(staff)?;
    crate::access::page_object(
        state,
        staff.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let case = state
        .store
        .get_case(CaseId(id), &staff.actor())
        .await?
        .ok_or_else(|| PageError::NotFound(crate::t1("not-found-case", "n", id)))?;
    let users = state.store.list_users().await?;
    let teams = state.store.list_teams().await?;
    let partner_work = super::referrals::case_section(state, staff, &case).await?;
    let documents = crate::documents::DocumentsPanel::load(
        state,
        corridor_store::documents::DocumentOwner::Case(CaseId(id)),
        staff.user.role.can_manage_cases(),
        done.done.as_deref(),
    )
    .await?;
    let conversation = super::conversation::case_conversation(state, staff, &case).await?;
    let s = &case.summary;
    let d = s.deadlines;
    let now = chrono::Utc::now();
    Ok(CasePage {
        documents,
        nav: Nav::new(staff, "cases"),
        case: CaseRow::from(s),
        household: case.household.as_ref().map(|h| match &h.label {
            Some(l) => format!("{l} (H-{})", h.id),
            None => format!("H-{}", h.id),
        }),
        people: case.people.iter().map(PersonRow::from).collect(),
        inquiries: case.inquiries.iter().map(InquiryRow::from).collect(),
        requesters: case
            .requesters
            .iter()
            .map(|r| (r.name.clone(), crate::terms::term(r.kind)))
            .collect(),
        history: case.history.iter().map(HistoryRow::from).collect(),
        can_manage: staff.user.role.can_manage_cases(),
        owners: views::owner_choices(&users, Some(s.owner_id.0)),
        teams: teams
            .iter()
            .map(|t| Choice {
                value: t.id.0.to_string(),
                label: t.name.clone(),
                selected: false,
            })
            .collect(),
        next_statuses: s
            .status
            .next()
            .iter()
            .map(|n| Choice {
                value: n.as_str().into(),
                label: crate::terms::term(n),
                selected: false,
            })
            .collect(),
        outcomes: Choice::list(
            CaseOutcome::ALL,
            None,
            |o| o.as_str().into(),
            crate::terms::term,
        ),
        priorities: views::priority_choices(Some(s.priority)),
        closure: case
            .closure
            .as_ref()
            .map(|c| (crate::terms::term(c.outcome), c.reason.clone())),
        priority_override: case.priority_override.as_ref().map(|o| OverrideView {
            assessed: crate::terms::term(o.assessed),
            by: o.by_name.clone(),
            at: views::when(o.at),
            reason: o.reason.clone(),
        }),
        first_response: match (d.first_responded_at, d.first_response_due_at) {
            (Some(at), _) => crate::t1("deadline-met", "when", views::when(at)),
            (None, Some(due)) if due < now => {
                crate::t1("deadline-overdue", "when", views::when(due))
            }
            (None, Some(due)) => crate::t1("deadline-due", "when", views::when(due)),
            (None, None) => crate::t("deadline-not-set"),
        },
        next_action: match d.next_action_due_at {
            Some(due) if due < now => crate::t1("deadline-overdue", "when", views::when(due)),
            Some(due) => crate::t1("deadline-due", "when", views::when(due)),
            None => crate::t("deadline-none-closed"),
        },
        notes: case.notes.iter().map(views::NoteView::from).collect(),
        tasks: case.tasks.iter().map(views::TaskView::from).collect(),
        pathways: case
            .pathways
            .iter()
            .map(|p| {
                let name = case
                    .people
                    .iter()
                    .find(|x| x.id == p.person_id)
                    .map(|x| x.details.display_name())
                    .unwrap_or_default();
                views::PathwayView::new(p, name)
            })
            .collect(),
        all_pathways: Choice::list(
            Pathway::ALL,
            None,
            |p| p.as_str().into(),
            crate::terms::term,
        ),
        evidence_kinds: Choice::list(
            corridor_domain::EvidenceKind::ALL,
            None,
            |k| k.as_str().into(),
            crate::terms::term,
        ),
        person_choices: case
            .people
            .iter()
            .map(|p| Choice {
                value: p.id.0.to_string(),
                label: format!("P-{} {}", p.id, p.details.display_name()),
                selected: false,
            })
            .collect(),
        notice: match done.done.as_deref() {
            Some("note") => Some(crate::t("done-note")),
            Some("task") => Some(crate::t("done-task")),
            Some("task_done") => Some(crate::t("done-task-done")),
            Some("pathway") => Some(crate::t("done-pathway")),
            Some("evidence") => Some(crate::t("done-evidence")),
            Some("assigned") => Some(crate::t("done-assigned")),
            Some("moved") => Some(crate::t("done-split")),
            Some("status") => Some(crate::t("done-status")),
            Some("priority") => Some(crate::t("done-priority")),
            Some("triaged") => Some(crate::t("done-triaged")),
            Some("referred") => Some(crate::t("done-referred")),
            Some("replied") => Some(crate::t("done-replied")),
            Some("language") => Some(crate::t("done-language")),
            Some("blocked") => Some(crate::t("msg-done-blocked")),
            Some("unblocked") => Some(crate::t("msg-done-unblocked")),
            _ => None,
        },
        partner_work,
        conversation,
        refused: None,
    })
}

fn require_manage(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-change")))
    }
}

#[derive(Deserialize)]
pub(crate) struct AssignForm {
    csrf: String,
    owner: Option<String>,
    team: Option<String>,
    reason: Option<String>,
}

pub(crate) async fn assign(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<AssignForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_manage(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    // A case is handed over, never left without an owner.
    let owner: i64 = given(&form.owner)
        .and_then(|o| o.parse().ok())
        .ok_or_else(|| PageError::BadRequest(crate::t("refuse-owner-needed")))?;
    let team = parse::<i64>("team", &form.team)?.map(TeamId);
    state
        .store
        .assign_case(
            CaseId(id),
            UserId(owner),
            team,
            given(&form.reason),
            &staff.actor(),
        )
        .await?;
    Ok(Redirect::to(&format!("/cases/{id}?done=assigned")))
}

#[derive(Deserialize)]
pub(crate) struct StatusForm {
    csrf: String,
    status: String,
    outcome: Option<String>,
    reason: Option<String>,
}

pub(crate) async fn change_status(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<StatusForm>,
) -> Result<axum::response::Response, PageError> {
    let typed = [
        ("status", form.status.clone()),
        ("outcome", form.outcome.clone().unwrap_or_default()),
        ("reason", form.reason.clone().unwrap_or_default()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    match change_status_to(&state, &staff, id, form).await {
        Ok(r) => Ok(r.into_response()),
        Err(e) => refused_on_case(&state, &staff, id, "status", e, typed).await,
    }
}

async fn change_status_to(
    state: &AppState,
    staff: &Staff,
    id: i64,
    form: StatusForm,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_manage(staff)?;
    crate::access::page_object(
        state,
        staff.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let to: CaseStatus = form
        .status
        .parse()
        .map_err(|e: corridor_domain::ParseEnumError| PageError::BadRequest(e.to_string()))?;
    let outcome = parse::<CaseOutcome>("outcome", &form.outcome)?;
    state
        .store
        .change_case_status(CaseId(id), to, given(&form.reason), outcome, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!("/cases/{id}?done=status")))
}

#[derive(Deserialize)]
pub(crate) struct PriorityForm {
    csrf: String,
    priority: String,
    reason: Option<String>,
}

pub(crate) async fn override_priority(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<PriorityForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_manage(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let priority: Priority = form
        .priority
        .parse()
        .map_err(|e: corridor_domain::ParseEnumError| PageError::BadRequest(e.to_string()))?;
    state
        .store
        .override_priority(
            CaseId(id),
            priority,
            given(&form.reason).unwrap_or_default(),
            &staff.actor(),
        )
        .await?;
    Ok(Redirect::to(&format!("/cases/{id}?done=priority")))
}
