//! Documents on the case and person pages: the upload form's target, and a document's view
//! (sandboxed, inline), download and thumbnail. Reads are authorized like the record the
//! document belongs to, and audited.

use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use corridor_domain::{CaseId, PersonId};
use corridor_store::documents::{DocumentId, DocumentOwner, DocumentRead};

use crate::auth::Staff;
use crate::documents::{self, DocumentError};
use crate::{AppState, PageError};

/// The document routes of the pages, with a body limit of their own for the uploads.
pub(crate) fn router(max_bytes: usize) -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/documents", post(attach_case))
        .route("/persons/{id}/documents", post(attach_person))
        // The forms that may carry files: the public request form and the desk.
        .route("/request", post(super::public::request))
        .route("/desk", post(super::desk::submit))
        .layer(axum::extract::DefaultBodyLimit::max(max_bytes))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(max_bytes))
        .route("/documents/{id}", get(view))
        .route("/documents/{id}/download", get(download))
        .route("/documents/{id}/thumbnail", get(thumbnail))
}

fn require_manage(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(PageError::Forbidden(
            "Your role does not give access to documents.".into(),
        ))
    }
}

/// A refusal in the reader's words: the pipeline's own message, which names the limit or the
/// type that was sent, follows a sentence from the catalog.
fn refusal_text(e: &DocumentError) -> String {
    format!("{} {e}.", crate::t("document-refused"))
}

async fn attach(
    state: &AppState,
    staff: &Staff,
    owner: DocumentOwner,
    multipart: Multipart,
) -> Result<Response, PageError> {
    require_manage(staff)?;
    crate::access::page_object(state, staff.scope(), owner.scope()).await?;
    let limits = corridor_documents::Limits {
        max_files: 1,
        ..state.config.documents
    };
    let back = match owner {
        DocumentOwner::Case(c) => format!("/cases/{c}"),
        DocumentOwner::Person(p) => format!("/persons/{p}"),
        DocumentOwner::Inquiry(i) => format!("/inquiries/{i}"),
    };
    let mut kind_typed = String::new();
    let result = async {
        let mut upload = documents::read_upload(multipart, &limits).await?;
        let csrf = upload.fields.get("csrf").cloned().unwrap_or_default();
        kind_typed = upload.fields.get("kind").cloned().unwrap_or_default();
        Ok::<_, DocumentError>((csrf, upload.fields.remove("kind"), upload.files.pop()))
    }
    .await;
    let outcome = match result {
        Ok((csrf, kind, file)) => {
            staff.check_csrf(&csrf)?;
            match (documents::kind(kind.as_deref()), file) {
                (Err(e), _) => Err(e),
                (_, None) => Err(DocumentError::NoFile),
                (Ok(kind), Some(file)) => {
                    documents::attach(state, owner, kind, file, &staff.actor()).await
                }
            }
        }
        // The body could not be read whole (too large): the form's token is not known, but
        // nothing was stored either; the page says why.
        Err(e) => Err(e),
    };
    match outcome {
        Ok(added) => {
            let done = if added.already_present {
                "document-present"
            } else {
                "document"
            };
            Ok(Redirect::to(&format!("{back}?done={done}#documents")).into_response())
        }
        Err(DocumentError::Store(e)) => Err(e.into()),
        Err(e) => refused(state, staff, owner, refusal_text(&e), kind_typed).await,
    }
}

/// The page the form was on, the refusal in its documents section and the kind still chosen.
async fn refused(
    state: &AppState,
    staff: &Staff,
    owner: DocumentOwner,
    message: String,
    kind: String,
) -> Result<Response, PageError> {
    let refusal = Some((message, kind));
    let page = match owner {
        DocumentOwner::Case(c) => {
            let mut page = super::cases::page_for(state, staff, c.0).await?;
            page.documents.refused = refusal;
            page.into_response()
        }
        DocumentOwner::Person(p) => {
            let mut page = super::people::page_for(state, staff, p.0).await?;
            page.documents.refused = refusal;
            page.into_response()
        }
        DocumentOwner::Inquiry(i) => {
            return Err(PageError::NotFound(format!("There is no inquiry {i}.")));
        }
    };
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub(crate) async fn attach_case(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, PageError> {
    attach(&state, &staff, DocumentOwner::Case(CaseId(id)), multipart).await
}

pub(crate) async fn attach_person(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, PageError> {
    attach(
        &state,
        &staff,
        DocumentOwner::Person(PersonId(id)),
        multipart,
    )
    .await
}

async fn read(
    state: &AppState,
    staff: &Staff,
    id: i64,
    how: DocumentRead,
) -> Result<Response, PageError> {
    require_manage(staff)?;
    let missing = || PageError::NotFound(format!("There is no document {id}."));
    let doc = documents::find(state, DocumentId(id))
        .await?
        .ok_or_else(missing)?;
    crate::access::page_object(state, staff.scope(), doc.owner.scope())
        .await
        .map_err(|_| missing())?;
    match documents::open(state, &doc, how, &staff.actor()).await {
        Ok(Some(bytes)) => Ok(documents::serve(&doc, bytes, how)),
        Ok(None) => Err(missing()),
        Err(DocumentError::Store(e)) => Err(e.into()),
        Err(e) => Err(PageError::Conflict(e.to_string())),
    }
}

pub(crate) async fn view(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    read(&state, &staff, id, DocumentRead::View).await
}

pub(crate) async fn download(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    read(&state, &staff, id, DocumentRead::Download).await
}

pub(crate) async fn thumbnail(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    read(&state, &staff, id, DocumentRead::Thumbnail).await
}
