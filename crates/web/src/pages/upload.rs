//! The staff upload page: the same import as `corridor import`, through the browser.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use corridor_domain::{CaseCategory, NewRequester, RequesterKind};
use corridor_intake::import::{ImportOptions, ImportSummary, parse_input, store_parsed};
use corridor_intake::{Origin, Parsed};

use crate::auth::Staff;
use crate::views::{Choice, Nav};
use crate::{AppState, PageError};

/// Refusals listed on the page; the rest are counted.
const SHOWN_REFUSALS: usize = 500;

pub struct RefusalRow {
    pub file: String,
    pub row: String,
    pub column: String,
    pub reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "upload.html")]
pub struct UploadPage {
    pub nav: Nav,
    pub kinds: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub error: Option<String>,
    pub summary: Option<ImportSummary>,
    pub refusals: Vec<RefusalRow>,
    /// Rows stored with a field left out, for the clerk to fix.
    pub warnings: Vec<RefusalRow>,
}

fn rows(list: &[corridor_intake::Refusal]) -> Vec<RefusalRow> {
    list.iter()
        .take(SHOWN_REFUSALS)
        .map(|r| RefusalRow {
            file: r.file.clone(),
            row: r.row.map(|n| n.to_string()).unwrap_or_default(),
            column: r.column.clone().unwrap_or_default(),
            reason: r.reason.clone(),
        })
        .collect()
}

fn page(staff: &Staff, error: Option<String>, summary: Option<ImportSummary>) -> UploadPage {
    let refusals = summary
        .as_ref()
        .map(|s| {
            // Refused attachments are listed with the refused rows, by the message they
            // came with.
            let all: Vec<_> = s
                .refusals
                .iter()
                .chain(&s.document_refusals)
                .cloned()
                .collect();
            rows(&all)
        })
        .unwrap_or_default();
    let warnings = summary
        .as_ref()
        .map(|s| rows(&s.warnings))
        .unwrap_or_default();
    UploadPage {
        nav: Nav::new(staff, "upload"),
        kinds: Choice::list(
            RequesterKind::ALL,
            Some(RequesterKind::Ngo),
            |c| c.as_str().into(),
            crate::terms::term,
        ),
        categories: Choice::list(
            CaseCategory::ALL,
            Some(CaseCategory::Other),
            |c| c.as_str().into(),
            crate::terms::term,
        ),
        error,
        summary,
        refusals,
        warnings,
    }
}

fn require_intake(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_take_intake() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-intake")))
    }
}

pub(crate) async fn form(staff: Staff) -> Result<UploadPage, PageError> {
    require_intake(&staff)?;
    Ok(page(&staff, None, None))
}

pub(crate) async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    require_intake(&staff)?;
    let mut csrf_ok = false;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut requester = String::new();
    let mut kind = RequesterKind::Ngo;
    let mut category = CaseCategory::Other;
    let mut source = String::new();
    let bad = |e: axum::extract::multipart::MultipartError| {
        PageError::BadRequest(format!("the upload could not be read: {}", e.body_text()))
    };
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            // Files before the CSRF field are not trusted: the form puts the token first.
            if !csrf_ok {
                return Err(PageError::Forbidden(
                    "the form's security token is missing".into(),
                ));
            }
            let file_name = field.file_name().unwrap_or("upload").to_string();
            let bytes = field.bytes().await.map_err(bad)?;
            if !bytes.is_empty() {
                files.push((file_name, bytes.to_vec()));
            }
            continue;
        }
        let value = field.text().await.map_err(bad)?;
        match name.as_str() {
            "csrf" => {
                staff.check_csrf(&value)?;
                csrf_ok = true;
            }
            "requester" => requester = value.trim().to_string(),
            "requester_kind" => kind = value.parse().unwrap_or(RequesterKind::Ngo),
            "category" => category = value.parse().unwrap_or(CaseCategory::Other),
            "source" => source = value.trim().to_string(),
            _ => {}
        }
    }
    if !csrf_ok {
        return Err(PageError::Forbidden(
            "the form's security token is missing".into(),
        ));
    }
    if files.is_empty() {
        return Ok(page(&staff, Some("Choose at least one file.".into()), None).into_response());
    }
    if requester.is_empty() {
        return Ok(page(&staff, Some("Say who sent the list.".into()), None).into_response());
    }
    if source.is_empty() {
        source = files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ");
    }
    let mut opts = ImportOptions::new(Origin {
        requester: NewRequester {
            kind,
            name: requester,
            organization: None,
            email: None,
            phone: None,
        },
        category,
        source,
    });
    opts.limits = state.config.limits.clone();
    opts.documents = crate::documents::settings(&state);
    let parse_opts = opts.clone();
    let parsed = tokio::task::spawn_blocking(move || {
        let mut all = Parsed::default();
        for (name, bytes) in &files {
            all.extend(parse_input(name, bytes, &parse_opts));
        }
        all
    })
    .await
    .map_err(|e| PageError::Internal(e.into()))?;
    let actor = staff.actor();
    let summary = state
        .intake(|matcher, store| async move {
            store_parsed(store.as_ref(), &matcher, parsed, &opts, &actor, |_, _| {}).await
        })
        .await?;
    Ok(page(&staff, None, Some(summary)).into_response())
}
