//! The auditors' view of the audit trail: who did what, to which object, when and from where.
//! It holds ids, actions and addresses, never applicants' personal data.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use chrono::{DateTime, NaiveDate, Utc};
use corridor_store::AuditFilter;
use serde::Deserialize;

use super::given;
use crate::auth::Staff;
use crate::views::Nav;
use crate::{AppState, PageError};

const PAGE_SIZE: u32 = 100;

/// The filters as typed, kept to fill the form again.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct AuditQuery {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub entity: String,
    #[serde(default)]
    pub entity_id: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub until: String,
    pub before: Option<i64>,
}

/// A day (`2026-01-31`, midnight UTC) or an RFC 3339 time.
pub(crate) fn parse_time(field: &str, s: &str) -> Result<Option<DateTime<Utc>>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| Some(t.and_utc()))
        .ok_or_else(|| format!("{field} must be a day like 2026-01-31 or an RFC 3339 time"))
}

impl AuditQuery {
    pub(crate) fn filter(&self) -> Result<AuditFilter, String> {
        let text = |s: &String| given(&Some(s.clone())).map(str::to_string);
        Ok(AuditFilter {
            actor: text(&self.actor),
            action: text(&self.action),
            entity: text(&self.entity),
            entity_id: match self.entity_id.trim() {
                "" => None,
                id => Some(
                    id.parse()
                        .map_err(|_| "the id must be a number".to_string())?,
                ),
            },
            from: parse_time("from", &self.from)?,
            until: parse_time("until", &self.until)?,
            before: self.before,
        })
    }

    fn next(&self, before: i64) -> String {
        let enc = |s: &str| {
            s.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b':' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        };
        format!(
            "actor={}&action={}&entity={}&entity_id={}&from={}&until={}&before={before}",
            enc(&self.actor),
            enc(&self.action),
            enc(&self.entity),
            enc(&self.entity_id),
            enc(&self.from),
            enc(&self.until)
        )
    }
}

pub(crate) struct EventRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub ip: String,
    pub action: String,
    pub object: String,
    pub detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
pub(crate) struct AuditPage {
    pub nav: Nav,
    pub q: AuditQuery,
    pub rows: Vec<EventRow>,
    pub next: Option<String>,
}

pub(crate) fn require_audit(staff: &Staff) -> Result<(), PageError> {
    if crate::access::can_read_audit(staff.user.role) {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-audit")))
    }
}

pub(crate) async fn view(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<AuditQuery>,
) -> Result<AuditPage, PageError> {
    require_audit(&staff)?;
    let filter = q.filter().map_err(PageError::BadRequest)?;
    let events = state.store.search_audit(&filter, PAGE_SIZE).await?;
    let next = (events.len() as u32 == PAGE_SIZE)
        .then(|| events.last().map(|e| q.next(e.id)))
        .flatten();
    Ok(AuditPage {
        nav: Nav::new(&staff, "audit"),
        rows: events
            .into_iter()
            .map(|e| EventRow {
                id: e.id,
                at: e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                actor: e.actor_name,
                ip: e.ip.unwrap_or_default(),
                action: e.action,
                object: format!("{} {}", e.entity, e.entity_id),
                detail: e.detail,
            })
            .collect(),
        q,
        next,
    })
}
