use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Redirect;
use corridor_domain::{CaseCategory, CaseId, CaseStatus, Priority, TeamId, UserId};
use corridor_store::{CaseFilter, CaseSort, Cursor, PageRequest};
use serde::Deserialize;

use super::given;
use crate::auth::Staff;
use crate::views::{
    self, CasePage, CaseRow, CasesPage, Choice, HistoryRow, InquiryRow, Nav, PersonRow,
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
    sort: Option<String>,
    after: Option<String>,
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
            sort: match given(&self.sort) {
                Some("priority") => CaseSort::Priority,
                _ => CaseSort::Newest,
            },
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
            ("sort", &self.sort),
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
        Err(PageError::Forbidden(
            "Your role does not give access to cases.".into(),
        ))
    }
}

pub(crate) async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<CaseQuery>,
) -> Result<CasesPage, PageError> {
    require_cases(&staff)?;
    let filter = q.filter()?;
    let after = match given(&q.after) {
        Some(c) => Some(
            Cursor::decode(c)
                .ok_or_else(|| PageError::BadRequest("That page link is not valid.".into()))?,
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
        nav: Nav::new(&staff, "cases"),
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
        sort_priority: filter.sort == CaseSort::Priority,
        next: page.next.map(|c| q.next_page(c)),
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
    require_cases(&staff)?;
    let case = state
        .store
        .get_case(CaseId(id), &staff.actor())
        .await?
        .ok_or_else(|| PageError::NotFound(format!("There is no case C-{id}.")))?;
    let users = state.store.list_users().await?;
    let teams = state.store.list_teams().await?;
    let s = &case.summary;
    Ok(CasePage {
        nav: Nav::new(&staff, "cases"),
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
            .map(|r| (r.name.clone(), r.kind.label()))
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
                label: n.label().into(),
                selected: false,
            })
            .collect(),
        notice: match done.done.as_deref() {
            Some("assigned") => Some("The case was reassigned.".into()),
            Some("status") => Some("The status was changed.".into()),
            _ => None,
        },
    })
}

fn require_manage(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(PageError::Forbidden(
            "Your role cannot change cases.".into(),
        ))
    }
}

#[derive(Deserialize)]
pub(crate) struct AssignForm {
    csrf: String,
    owner: String,
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
    let owner: i64 = form
        .owner
        .trim()
        .parse()
        .map_err(|_| PageError::BadRequest("Choose an owner.".into()))?;
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
    reason: Option<String>,
}

pub(crate) async fn change_status(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<StatusForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_manage(&staff)?;
    let to: CaseStatus = form
        .status
        .parse()
        .map_err(|e: corridor_domain::ParseEnumError| PageError::BadRequest(e.to_string()))?;
    state
        .store
        .change_case_status(CaseId(id), to, given(&form.reason), &staff.actor())
        .await?;
    Ok(Redirect::to(&format!("/cases/{id}?done=status")))
}
