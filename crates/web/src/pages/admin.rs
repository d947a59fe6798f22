//! Administrators' page of users: roles and second factors. Both changes sign the user out
//! everywhere and need a fresh code of the administrator's own second factor.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Redirect;
use corridor_domain::{Role, UserId};
use serde::Deserialize;

use crate::auth::Staff;
use crate::views::{Choice, Nav};
use crate::{AppState, PageError};

fn require_admin(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_administer() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-admin")))
    }
}

pub(crate) struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub role_code: &'static str,
    pub active: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "users.html")]
pub(crate) struct UsersPage {
    pub nav: Nav,
    pub rows: Vec<UserRow>,
    pub roles: Vec<Choice>,
    pub notice: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct Done {
    done: Option<String>,
}

pub(crate) async fn users(
    State(state): State<AppState>,
    staff: Staff,
    Query(done): Query<Done>,
) -> Result<UsersPage, PageError> {
    require_admin(&staff)?;
    let users = state.store.list_users().await?;
    Ok(UsersPage {
        nav: Nav::new(&staff, "admin"),
        rows: users
            .iter()
            .map(|u| UserRow {
                id: u.id.0,
                username: u.username.clone(),
                display_name: u.display_name.clone(),
                role: crate::terms::term(u.role),
                role_code: u.role.as_str(),
                active: u.active,
            })
            .collect(),
        roles: Choice::list(Role::ALL, None, |r| r.as_str().into(), crate::terms::term),
        notice: match done.done.as_deref() {
            Some("role") => Some(crate::t("done-role")),
            Some("2fa") => Some(crate::t("done-2fa-reset")),
            _ => None,
        },
    })
}

#[derive(Deserialize)]
pub(crate) struct RoleForm {
    csrf: String,
    role: String,
    code: String,
}

pub(crate) async fn set_role(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<RoleForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_admin(&staff)?;
    let role: Role = form
        .role
        .parse()
        .map_err(|e: corridor_domain::ParseEnumError| PageError::BadRequest(e.to_string()))?;
    super::second_factor::require_fresh_code(&state, &staff, &form.code).await?;
    state
        .store
        .set_user_role(UserId(id), role, &staff.actor())
        .await?;
    Ok(Redirect::to("/admin/users?done=role"))
}

#[derive(Deserialize)]
pub(crate) struct CodeForm {
    csrf: String,
    code: String,
}

pub(crate) async fn reset_second_factor(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<CodeForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_admin(&staff)?;
    super::second_factor::require_fresh_code(&state, &staff, &form.code).await?;
    state
        .store
        .set_totp(UserId(id), None, &staff.actor())
        .await?;
    Ok(Redirect::to("/admin/users?done=2fa"))
}
