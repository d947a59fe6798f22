//! Exports of lists with personal data: leads only, with a fresh second factor, audited, and
//! marked inside the file with who made it and when.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use corridor_store::{AuditAction, CaseFilter, CaseSort, NewAuditEvent, PageRequest};
use serde::Deserialize;

use crate::auth::Staff;
use crate::views::Nav;
use crate::{AppState, PageError};

fn require_export(staff: &Staff) -> Result<(), PageError> {
    if crate::access::can_export(staff.user.role) {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-export")))
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "export.html")]
pub(crate) struct ExportPage {
    pub nav: Nav,
}

pub(crate) async fn form(staff: Staff) -> Result<ExportPage, PageError> {
    require_export(&staff)?;
    Ok(ExportPage {
        nav: Nav::new(&staff, "export"),
    })
}

#[derive(Deserialize)]
pub(crate) struct ExportForm {
    csrf: String,
    code: String,
    open: Option<String>,
}

pub(crate) async fn cases(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<ExportForm>,
) -> Result<Response, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_export(&staff)?;
    super::second_factor::require_fresh_code(&state, &staff, &form.code).await?;
    let open_only = super::given(&form.open).is_some();
    let filter = CaseFilter {
        open_only,
        sort: CaseSort::Newest,
        visible_to: staff.scope().case_list(),
        ..Default::default()
    };
    let now = Utc::now();
    // Names and titles are typed by requesters: neutralized, so none opens as a formula.
    let mut out = corridor_intake::cells::SafeCsv::in_memory();
    let mut rows = 0u64;
    let mut after = None;
    loop {
        let page = state
            .store
            .list_cases(&filter, PageRequest::after(500, after))
            .await?;
        for c in &page.items {
            out.write_record([
                format!("C-{}", c.id),
                c.status.as_str().to_string(),
                c.category.as_str().to_string(),
                c.priority.as_str().to_string(),
                c.owner_name.clone(),
                c.team_name.clone(),
                c.title.clone(),
                c.people_count.to_string(),
                c.created_at.to_rfc3339(),
                c.updated_at.to_rfc3339(),
            ])
            .map_err(|e| PageError::Internal(e.into()))?;
            rows += 1;
        }
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let body = out
        .into_inner()
        .map_err(|e| PageError::Internal(anyhow::anyhow!("{e}")))?;
    state
        .store
        .audit(
            NewAuditEvent::new(
                AuditAction::CasesExported,
                "user",
                staff.user.id.0,
                format!(
                    "CSV of {rows} cases ({})",
                    if open_only { "open only" } else { "all" }
                ),
            ),
            &staff.actor(),
        )
        .await?;
    // The mark travels with the file: whoever finds a copy can tell whose it was.
    let mut file = format!(
        "# Corridor export of cases by {} at {} UTC. Personal data: keep it encrypted, share it only with people who need it, delete it when done.\n",
        staff.user.username,
        now.format("%Y-%m-%d %H:%M:%S")
    )
    .into_bytes();
    file.extend_from_slice(
        b"case,status,category,priority,owner,team,principal_person,people,created_at,updated_at\n",
    );
    file.extend_from_slice(&body);
    let mut response = file.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    let name = format!(
        "attachment; filename=\"corridor-cases-{}.csv\"",
        now.format("%Y%m%d-%H%M%S")
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&name).map_err(|e| PageError::Internal(e.into()))?,
    );
    Ok(response)
}
