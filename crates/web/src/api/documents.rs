//! Documents through the API: attach to a person or a case (multipart: `kind` and `file`),
//! list them, fetch one's content. Authorized like the record they belong to; every read of
//! content is audited.

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use corridor_documents::Refused;
use corridor_domain::{CaseId, PersonId};
use corridor_store::documents::{
    Document, DocumentId, DocumentKind, DocumentOwner, DocumentRead, MediaType, ScanState,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::extract::{Json, Path};
use crate::documents::{self, DocumentError};
use crate::{ApiError, AppState, auth::ApiCaller};

impl From<DocumentError> for ApiError {
    fn from(e: DocumentError) -> Self {
        let message = e.to_string();
        match e {
            DocumentError::Refused(Refused::TooLarge { .. } | Refused::TooMany { .. }) => {
                ApiError::FileTooLarge(message)
            }
            DocumentError::Refused(Refused::Unsupported { .. } | Refused::HeicUnavailable) => {
                ApiError::FileType(message)
            }
            // A multipart body whose parts cannot be read (a header multer refuses) is read as
            // far as the form goes, then refused like a form without a usable file.
            DocumentError::Refused(_)
            | DocumentError::NoFile
            | DocumentError::UnknownKind(..)
            | DocumentError::Infected(_)
            | DocumentError::Multipart(_) => ApiError::Invalid(message),
            DocumentError::Held(_) => ApiError::Conflict(message),
            DocumentError::Store(e) => e.into(),
        }
    }
}

fn require_manage(caller: &ApiCaller) -> Result<(), ApiError> {
    if caller.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token's user cannot see or attach documents".into(),
        ))
    }
}

/// What an upload is: multipart/form-data with these two parts.
#[derive(ToSchema)]
#[allow(dead_code)] // Read by hand from the multipart body; here for the document.
pub struct DocumentUpload {
    /// What the document is.
    kind: DocumentKind,
    /// The file: JPEG, PNG, HEIC (stored as JPEG) or PDF, at most 10 MB unless the server says
    /// otherwise. Its type is read from its bytes; metadata (EXIF, GPS, XMP) is removed from
    /// images before anything is stored.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// A stored document.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentAnswer {
    pub id: DocumentId,
    pub kind: DocumentKind,
    #[schema(example = "application/pdf")]
    pub media_type: MediaType,
    /// Bytes, as stored.
    pub size: i64,
    /// not_scanned, clean or infected. A server with a malware scanner serves a document only
    /// once it is clean.
    pub scan: ScanState,
    pub has_thumbnail: bool,
    pub added_at: chrono::DateTime<chrono::Utc>,
    /// True when the same file was stored for this record already: that document is returned
    /// and nothing new was stored (so a retried upload stores nothing twice).
    pub already_present: bool,
}

impl DocumentAnswer {
    fn new(d: Document, already_present: bool) -> Self {
        DocumentAnswer {
            id: d.id,
            kind: d.kind,
            media_type: d.media_type,
            size: d.size,
            scan: d.scan,
            has_thumbnail: d.has_thumbnail,
            added_at: d.added_at,
            already_present,
        }
    }
}

/// The documents of a record, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentList {
    pub items: Vec<DocumentAnswer>,
}

async fn upload(
    state: &AppState,
    caller: &ApiCaller,
    owner: DocumentOwner,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    require_manage(caller)?;
    crate::access::api_object(state, caller.scope(), owner.scope()).await?;
    let limits = corridor_documents::Limits {
        max_files: 1,
        ..state.config.documents
    };
    let mut upload = documents::read_upload(multipart, &limits).await?;
    let kind = documents::kind(upload.fields.get("kind").map(String::as_str))?;
    let file = upload.files.pop().ok_or(DocumentError::NoFile)?;
    let added = documents::attach(state, owner, kind, file, &caller.actor()).await?;
    let status = if added.already_present {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::CREATED
    };
    Ok((
        status,
        Json(DocumentAnswer::new(added.document, added.already_present)),
    )
        .into_response())
}

async fn list(
    state: &AppState,
    caller: &ApiCaller,
    owner: DocumentOwner,
) -> Result<Json<DocumentList>, ApiError> {
    require_manage(caller)?;
    crate::access::api_object(state, caller.scope(), owner.scope()).await?;
    let docs = state.store.documents_of(owner).await?;
    Ok(Json(DocumentList {
        items: docs
            .into_iter()
            .map(|d| DocumentAnswer::new(d, false))
            .collect(),
    }))
}

/// Attach a document to a person.
#[utoipa::path(
    operation_id = "attach_person_document", post, path = "/persons/{id}/documents", tag = "documents",
    params(("id" = i64, Path, description = "Person id")),
    request_body(content = DocumentUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored", body = DocumentAnswer),
        (status = 200, description = "The same file was stored for this person already", body = DocumentAnswer),
        (status = 404, body = crate::error::ErrorBody),
        (status = 413, description = "The file is larger than the server accepts", body = crate::error::ErrorBody),
        (status = 415, description = "Not a JPEG, PNG, HEIC or PDF file (read from its bytes)", body = crate::error::ErrorBody),
        (status = 422, description = "No file, an unknown kind, a damaged image, or malware found", body = crate::error::ErrorBody))
)]
pub(crate) async fn attach_person(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    upload(
        &state,
        &caller,
        DocumentOwner::Person(PersonId(id)),
        multipart,
    )
    .await
}

/// The documents of a person.
#[utoipa::path(
    operation_id = "list_person_documents", get, path = "/persons/{id}/documents", tag = "documents",
    params(("id" = i64, Path, description = "Person id")),
    responses((status = 200, body = DocumentList), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn list_person(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<DocumentList>, ApiError> {
    list(&state, &caller, DocumentOwner::Person(PersonId(id))).await
}

/// Attach a document to a case.
#[utoipa::path(
    operation_id = "attach_case_document", post, path = "/cases/{id}/documents", tag = "documents",
    params(("id" = i64, Path, description = "Case id")),
    request_body(content = DocumentUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored", body = DocumentAnswer),
        (status = 200, description = "The same file was stored for this case already", body = DocumentAnswer),
        (status = 404, body = crate::error::ErrorBody),
        (status = 413, description = "The file is larger than the server accepts", body = crate::error::ErrorBody),
        (status = 415, description = "Not a JPEG, PNG, HEIC or PDF file (read from its bytes)", body = crate::error::ErrorBody),
        (status = 422, description = "No file, an unknown kind, a damaged image, or malware found", body = crate::error::ErrorBody))
)]
pub(crate) async fn attach_case(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    upload(&state, &caller, DocumentOwner::Case(CaseId(id)), multipart).await
}

/// The documents of a case.
#[utoipa::path(
    operation_id = "list_case_documents", get, path = "/cases/{id}/documents", tag = "documents",
    params(("id" = i64, Path, description = "Case id")),
    responses((status = 200, body = DocumentList), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn list_case(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<DocumentList>, ApiError> {
    list(&state, &caller, DocumentOwner::Case(CaseId(id))).await
}

/// The stored file, as an attachment (`Content-Disposition: attachment`, `nosniff`). Audited.
/// A document the malware scanner has not passed yet is refused with 409.
#[utoipa::path(
    operation_id = "document_content", get, path = "/documents/{id}/content", tag = "documents",
    params(("id" = i64, Path, description = "Document id")),
    responses(
        (status = 200, description = "The file, with its type read from its bytes",
         content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"))),
        (status = 404, body = crate::error::ErrorBody),
        (status = 409, description = "Not yet scanned for malware, or quarantined", body = crate::error::ErrorBody))
)]
pub(crate) async fn content(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    require_manage(&caller)?;
    let missing = || ApiError::NotFound(format!("document {id} does not exist"));
    let doc = documents::find(&state, DocumentId(id))
        .await?
        .ok_or_else(missing)?;
    // A document outside the caller's scope answers as one that does not exist.
    crate::access::api_object(&state, caller.scope(), doc.owner.scope())
        .await
        .map_err(|_| missing())?;
    let bytes = documents::open(&state, &doc, DocumentRead::Download, &caller.actor())
        .await?
        .ok_or_else(missing)?;
    Ok(documents::serve(&doc, bytes, DocumentRead::Download))
}
