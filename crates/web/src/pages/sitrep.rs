//! The lead's dashboard and the situation report pages. Leads and administrators only; every
//! view is audited (which period, which format, for whom), never with a name in it.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use corridor_domain::Role;
use corridor_store::sitrep::SitrepPeriod;
use corridor_store::{AuditAction, NewAuditEvent};
use serde::Deserialize;

use super::given;
use crate::auth::Staff;
use crate::sitrep::{self, Audience, SitrepPage};
use crate::views::Nav;
use crate::{AppState, PageError};

/// The dashboard's period when none is chosen: the last three weeks.
pub(crate) const DASHBOARD_DAYS: i64 = 21;

/// Who sees the report: those who answer for the whole task force.
pub(crate) fn may_see_sitrep(role: Role) -> bool {
    matches!(role, Role::Lead | Role::Admin)
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct SitrepQuery {
    date: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// `external` for figures meant to leave the task force.
    audience: Option<String>,
    /// The small-count threshold for external figures (default 5).
    threshold: Option<String>,
}

fn date(field: &str, v: &Option<String>) -> Result<Option<NaiveDate>, PageError> {
    given(v)
        .map(|s| {
            s.parse::<NaiveDate>()
                .map_err(|_| PageError::BadRequest(crate::t1("refuse-date-field", "field", field)))
        })
        .transpose()
}

impl SitrepQuery {
    fn period(&self) -> Result<SitrepPeriod, PageError> {
        Ok(sitrep::period(
            date("date", &self.date)?,
            date("from", &self.from)?,
            date("to", &self.to)?,
            DASHBOARD_DAYS,
            Utc::now(),
        )?)
    }

    fn audience(&self) -> Result<Audience, PageError> {
        match given(&self.audience) {
            None | Some("internal") => Ok(Audience::Internal),
            Some("external") => {
                let threshold = match given(&self.threshold) {
                    None => sitrep::DEFAULT_THRESHOLD,
                    Some(t) => t
                        .parse::<i64>()
                        .ok()
                        .filter(|t| *t >= 1)
                        .ok_or_else(|| PageError::BadRequest(crate::t("refuse-threshold")))?,
                };
                Ok(Audience::External { threshold })
            }
            Some(_) => Err(PageError::BadRequest(crate::t("refuse-audience"))),
        }
    }
}

async fn load(
    state: &AppState,
    staff: &Staff,
    q: &SitrepQuery,
    view: &str,
) -> Result<(corridor_store::sitrep::SituationReport, Audience), PageError> {
    if !may_see_sitrep(staff.user.role) {
        return Err(PageError::Forbidden(crate::t("refuse-role-sitrep")));
    }
    let period = q.period()?;
    let audience = q.audience()?;
    let report = sitrep::report(state.store.as_ref(), &period).await?;
    let detail = format!(
        "{view} {}..{} {}",
        period.from,
        period.to,
        if audience.is_external() {
            "external"
        } else {
            "internal"
        }
    );
    state
        .store
        .audit(
            NewAuditEvent::new(AuditAction::SitrepViewed, "sitrep", 0, detail),
            &staff.actor(),
        )
        .await?;
    Ok((report, audience))
}

fn html(page: SitrepPage) -> Result<Response, PageError> {
    let body = page
        .render()
        .map_err(|e| PageError::Internal(anyhow::anyhow!(e)))?;
    Ok(Html(body).into_response())
}

pub(crate) async fn dashboard(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<SitrepQuery>,
) -> Result<Response, PageError> {
    let (report, audience) = load(&state, &staff, &q, "dashboard").await?;
    let nav = Nav::new(&staff, "dashboard");
    html(SitrepPage::new(
        &report,
        audience,
        &crate::t("nav-dashboard"),
        Some(nav),
        true,
    ))
}

pub(crate) async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<SitrepQuery>,
) -> Result<Response, PageError> {
    let (report, audience) = load(&state, &staff, &q, "page").await?;
    let nav = Nav::new(&staff, "sitrep");
    let links = !audience.is_external();
    html(SitrepPage::new(
        &report,
        audience,
        &crate::t("sitrep-title"),
        Some(nav),
        links,
    ))
}

pub(crate) async fn csv(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<SitrepQuery>,
) -> Result<Response, PageError> {
    let (report, audience) = load(&state, &staff, &q, "csv").await?;
    let name = format!("sitrep-{}-{}.csv", report.from, report.to);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        sitrep::to_csv(&report, audience),
    )
        .into_response())
}

pub(crate) async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        sitrep::CSS,
    )
}
