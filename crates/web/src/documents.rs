//! Documents as every web surface takes and serves them (the API, the case and person pages):
//! reading a multipart upload within the limits, the pipeline off the async threads, the
//! ClamAV scan, the rule that holds a document not yet scanned, and the response that serves
//! one (attachment, `nosniff`, or a sandboxed inline view).

use axum::body::Body;
use axum::extract::Multipart;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use corridor_documents::{IngestError, Refused, Verdict};
use corridor_store::documents::{
    AddedDocument, Document, DocumentId, DocumentKind, DocumentOwner, DocumentRead, ScanState,
};
use corridor_store::{Actor, StoreError};

use crate::AppState;

/// Why a document was not taken or not served.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DocumentError {
    #[error("{0}")]
    Refused(#[from] Refused),
    #[error("no file was sent: send the document in the field named \"file\"")]
    NoFile,
    #[error("{0:?} is not a kind of document: give one of {1}")]
    UnknownKind(String, String),
    #[error("the upload could not be read: {0}")]
    Multipart(String),
    #[error("the malware scanner found {0} in the file: it was not stored")]
    Infected(String),
    #[error("{0}")]
    Held(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One upload as read from a multipart body: its files and its other (text) fields.
#[derive(Debug, Default)]
pub(crate) struct Upload {
    pub files: Vec<Vec<u8>>,
    pub fields: std::collections::BTreeMap<String, String>,
}

/// The longest text field of an upload form (a kind, a CSRF token).
const MAX_TEXT_FIELD: usize = 1024;

/// Reads a multipart upload: every part named `file` (or `files`) is a file, the others text.
/// A file over the size limit, or more files than allowed, is refused as soon as it shows.
pub(crate) async fn read_upload(
    mut multipart: Multipart,
    limits: &corridor_documents::Limits,
) -> Result<Upload, DocumentError> {
    let bad = |e: axum::extract::multipart::MultipartError| DocumentError::Multipart(e.body_text());
    let mut upload = Upload::default();
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" || name == "files" {
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(bad)? {
                bytes.extend_from_slice(&chunk);
                if bytes.len() > limits.max_bytes {
                    return Err(Refused::TooLarge {
                        size: bytes.len(),
                        max: limits.max_bytes,
                    }
                    .into());
                }
            }
            // A form's empty file input sends a part with no name and no bytes: nothing chosen.
            if bytes.is_empty() && field_was_empty(&field) {
                continue;
            }
            if upload.files.len() == limits.max_files {
                return Err(Refused::TooMany {
                    max: limits.max_files,
                }
                .into());
            }
            upload.files.push(bytes);
        } else {
            let mut text = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(bad)? {
                text.extend_from_slice(&chunk);
                if text.len() > MAX_TEXT_FIELD {
                    return Err(DocumentError::Multipart(format!(
                        "the field {name} is too long"
                    )));
                }
            }
            let text = String::from_utf8(text)
                .map_err(|_| DocumentError::Multipart(format!("the field {name} is not text")))?;
            upload.fields.insert(name, text);
        }
    }
    Ok(upload)
}

fn field_was_empty(field: &axum::extract::multipart::Field<'_>) -> bool {
    field.file_name().is_none_or(str::is_empty)
}

/// A page form that may carry files (the public request form, the desk): sent as
/// `multipart/form-data` by the page, or urlencoded by a client without files. A file that is
/// too large or one too many does not lose the form: the fields are kept (the page puts the
/// file input last, so every field has been read before it) and `refused` says why.
pub(crate) struct FormWithFiles {
    pub fields: std::collections::BTreeMap<String, String>,
    pub files: Vec<Vec<u8>>,
    pub refused: Option<DocumentError>,
}

impl axum::extract::FromRequest<AppState> for FormWithFiles {
    type Rejection = Response;

    async fn from_request(
        req: axum::extract::Request,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("multipart/form-data"));
        if !multipart {
            let axum::Form(fields) =
                axum::Form::<std::collections::BTreeMap<String, String>>::from_request(req, state)
                    .await
                    .map_err(IntoResponse::into_response)?;
            return Ok(FormWithFiles {
                fields,
                files: Vec::new(),
                refused: None,
            });
        }
        let multipart = Multipart::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(read_form(multipart, &state.config.documents).await)
    }
}

/// Reads a multipart form to the end: a file over the limits is drained and refused, not
/// kept, and reading goes on, so every field arrives.
async fn read_form(mut multipart: Multipart, limits: &corridor_documents::Limits) -> FormWithFiles {
    let mut form = FormWithFiles {
        fields: Default::default(),
        files: Vec::new(),
        refused: None,
    };
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            // The body broke off or passed the body limit: what was read is kept.
            Err(e) => {
                form.refused
                    .get_or_insert(DocumentError::Multipart(e.body_text()));
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_string();
        let is_file = name == "file" || name == "files";
        let empty_input = field_was_empty(&field);
        let mut bytes = Vec::new();
        let mut too_large = false;
        let mut broken = false;
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    let max = if is_file {
                        limits.max_bytes
                    } else {
                        MAX_TEXT_FIELD
                    };
                    if bytes.len() + chunk.len() > max {
                        too_large = true;
                        bytes.clear();
                    } else if !too_large {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    form.refused
                        .get_or_insert(DocumentError::Multipart(e.body_text()));
                    broken = true;
                    break;
                }
            }
        }
        if broken {
            break;
        }
        if !is_file {
            if !too_large && let Ok(text) = String::from_utf8(bytes) {
                form.fields.insert(name, text);
            }
            continue;
        }
        if too_large {
            form.refused
                .get_or_insert(DocumentError::Refused(Refused::TooLarge {
                    size: limits.max_bytes + 1,
                    max: limits.max_bytes,
                }));
        } else if bytes.is_empty() && empty_input {
            // A file input left empty: nothing chosen.
        } else if form.files.len() == limits.max_files {
            form.refused
                .get_or_insert(DocumentError::Refused(Refused::TooMany {
                    max: limits.max_files,
                }));
        } else {
            form.files.push(bytes);
        }
    }
    form
}

/// The problem to show beside a form's file input, for a file refused.
pub(crate) fn file_problem(e: &DocumentError) -> crate::forms::Problem {
    use crate::forms::Problem;
    match e {
        DocumentError::Refused(Refused::TooLarge { .. }) => Problem::FileTooLarge,
        DocumentError::Refused(Refused::TooMany { .. }) => Problem::FileTooMany,
        DocumentError::Refused(Refused::Unsupported { .. } | Refused::HeicUnavailable) => {
            Problem::FileType
        }
        DocumentError::Infected(_) => Problem::FileMalware,
        // A body cut off by the size limit reads as a file too large.
        DocumentError::Multipart(_) => Problem::FileTooLarge,
        _ => Problem::FileUnreadable,
    }
}

/// Checks the files of a form before anything is stored; the first refusal, if any.
pub(crate) async fn check_files(
    state: &AppState,
    files: Vec<Vec<u8>>,
    refused: Option<DocumentError>,
) -> Result<Vec<corridor_documents::Checked>, DocumentError> {
    if let Some(e) = refused {
        return Err(e);
    }
    let settings = settings(state);
    let mut out = Vec::with_capacity(files.len());
    for bytes in files {
        out.push(
            corridor_documents::check(&settings, bytes)
                .await
                .map_err(ingest_error)?,
        );
    }
    Ok(out)
}

/// Stores the checked files of a form as documents of `owner`.
pub(crate) async fn store_files(
    state: &AppState,
    owner: DocumentOwner,
    files: Vec<corridor_documents::Checked>,
    actor: &Actor,
) -> Result<(), StoreError> {
    for f in files {
        corridor_documents::store_checked(
            state.store.as_ref(),
            owner,
            DocumentKind::Other,
            f,
            actor,
        )
        .await?;
    }
    Ok(())
}

fn ingest_error(e: IngestError) -> DocumentError {
    match e {
        IngestError::Refused(r) => DocumentError::Refused(r),
        IngestError::Infected(name) => DocumentError::Infected(name),
        IngestError::Failed(why) => {
            DocumentError::Multipart(format!("the file could not be processed ({why})"))
        }
        IngestError::Store(e) => DocumentError::Store(e),
    }
}

/// The kind named in an upload.
pub(crate) fn kind(code: Option<&str>) -> Result<DocumentKind, DocumentError> {
    let code = code.map(str::trim).unwrap_or("");
    DocumentKind::parse(code).ok_or_else(|| {
        DocumentError::UnknownKind(
            code.to_string(),
            DocumentKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        )
    })
}

/// Checks, cleans, scans and stores one file (through [`corridor_documents::ingest`], as
/// email attachments and the files of a ZIP are).
pub(crate) async fn attach(
    state: &AppState,
    owner: DocumentOwner,
    kind: DocumentKind,
    bytes: Vec<u8>,
    actor: &Actor,
) -> Result<AddedDocument, DocumentError> {
    corridor_documents::ingest(
        state.store.as_ref(),
        &settings(state),
        owner,
        kind,
        bytes,
        actor,
    )
    .await
    .map_err(ingest_error)
}

/// The server's document settings, as the pipeline takes them.
pub(crate) fn settings(state: &AppState) -> corridor_documents::Settings {
    corridor_documents::Settings {
        limits: state.config.documents,
        clamd: state.config.clamd.clone(),
    }
}

/// Why a document may not be served or shared now, if it may not.
pub(crate) fn held(state: &AppState, doc: &Document) -> Option<&'static str> {
    match doc.scan {
        ScanState::Infected => {
            Some("the malware scanner found malware in this document: it is quarantined")
        }
        ScanState::NotScanned if state.config.clamd.is_some() => {
            Some("this document has not been scanned for malware yet: try again in a minute")
        }
        _ => None,
    }
}

/// Opens a document's content for `how`, refusing one that is held (thumbnails of held
/// documents are not shown either).
pub(crate) async fn open(
    state: &AppState,
    doc: &Document,
    how: DocumentRead,
    actor: &Actor,
) -> Result<Option<Vec<u8>>, DocumentError> {
    if let Some(why) = held(state, doc) {
        return Err(DocumentError::Held(why.into()));
    }
    Ok(state.store.read_document(doc.id, how, actor).await?)
}

/// The response that serves a document: a download (`attachment`) or a view in the browser
/// under a CSP sandbox (no script, no form, no same-origin access: a PDF or an image crafted
/// to attack the reader gets nothing of the session). Never cached, never sniffed.
pub(crate) fn serve(doc: &Document, content: Vec<u8>, how: DocumentRead) -> Response {
    let (media_type, name) = match how {
        DocumentRead::Thumbnail => ("image/jpeg", format!("document-{}-thumbnail.jpg", doc.id)),
        _ => (
            doc.media_type.as_str(),
            format!("document-{}.{}", doc.id, doc.media_type.extension()),
        ),
    };
    let disposition = match how {
        DocumentRead::Download => format!("attachment; filename=\"{name}\""),
        _ => format!("inline; filename=\"{name}\""),
    };
    let mut response = (StatusCode::OK, Body::from(content)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, private"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; \
             object-src 'self'; frame-ancestors 'self'",
        ),
    );
    response
}

/// The document `id` if it exists, with the object whose access rules it follows.
pub(crate) async fn find(state: &AppState, id: DocumentId) -> Result<Option<Document>, StoreError> {
    state.store.get_document(id).await
}

/// Rescans documents left "not scanned" (clamd was down when they came), every minute, until
/// `stop`. The content is read as the scanner, which the audit trail records.
pub async fn rescan(state: AppState, stop: impl std::future::Future<Output = ()>) {
    let Some(addr) = state.config.clamd.clone() else {
        return;
    };
    let actor = Actor::system("malware scan");
    let run = async {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            let pending = match state.store.documents_not_scanned(100).await {
                Ok(p) => p,
                Err(e) => {
                    tracing::warn!(error = %e, "documents to rescan could not be listed");
                    continue;
                }
            };
            for id in pending {
                let Ok(Some(content)) = state
                    .store
                    .read_document(id, DocumentRead::Download, &actor)
                    .await
                else {
                    continue;
                };
                let state_now = match corridor_documents::clamd::scan(&addr, &content).await {
                    Ok(Verdict::Clean) => ScanState::Clean,
                    Ok(Verdict::Infected(_)) => ScanState::Infected,
                    Err(e) => {
                        tracing::warn!(error = %e, "clamd is still unreachable");
                        break;
                    }
                };
                if let Err(e) = state.store.set_document_scan(id, state_now, &actor).await {
                    tracing::warn!(error = %e, "a scan result could not be recorded");
                }
            }
        }
    };
    tokio::select! {
        () = run => {}
        () = stop => {}
    }
}

/// A document as the case and person pages list it.
pub struct DocumentRow {
    pub id: i64,
    pub kind: String,
    pub media_type: &'static str,
    pub size: String,
    pub added: String,
    pub scan: String,
    pub thumbnail: bool,
    pub held: bool,
}

impl DocumentRow {
    pub(crate) fn new(state: &AppState, doc: &Document) -> DocumentRow {
        let held = held(state, doc).is_some();
        DocumentRow {
            id: doc.id.0,
            kind: kind_label(doc.kind),
            media_type: match doc.media_type {
                corridor_store::documents::MediaType::Pdf => "PDF",
                corridor_store::documents::MediaType::Jpeg => "JPEG",
                corridor_store::documents::MediaType::Png => "PNG",
            },
            size: human_size(doc.size),
            added: crate::views::when(doc.added_at),
            scan: crate::t(match doc.scan {
                ScanState::Clean => "document-scan-clean",
                ScanState::Infected => "document-scan-infected",
                ScanState::NotScanned if held => "document-scan-pending",
                ScanState::NotScanned => "document-scan-none",
            }),
            thumbnail: doc.has_thumbnail && !held,
            held,
        }
    }
}

pub(crate) fn kind_label(kind: DocumentKind) -> String {
    crate::t(&format!(
        "document-kind-{}",
        kind.as_str().replace('_', "-")
    ))
}

fn human_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

/// The documents section of a case or person page (`documents_panel.html`).
pub struct DocumentsPanel {
    /// Shown to those who may see documents (the roles that manage cases) only.
    pub visible: bool,
    /// Where the upload form posts: `/cases/12/documents`; none on an inquiry, whose
    /// documents are the ones that came with it.
    pub action: Option<String>,
    pub rows: Vec<DocumentRow>,
    pub kinds: Vec<crate::views::Choice>,
    pub max_mb: usize,
    /// A document was just stored (or found stored already).
    pub notice: Option<String>,
    /// Why the last upload was refused, and the kind that was chosen.
    pub refused: Option<(String, String)>,
}

impl DocumentsPanel {
    /// The kind chosen in a refused upload, to choose it again.
    pub fn typed_kind(&self) -> &str {
        self.refused.as_ref().map(|(_, k)| k.as_str()).unwrap_or("")
    }

    /// The panel of `owner` for a reader who may (`visible`) see documents; `done` is the
    /// page's `?done=`.
    pub(crate) async fn load(
        state: &AppState,
        owner: DocumentOwner,
        visible: bool,
        done: Option<&str>,
    ) -> Result<DocumentsPanel, StoreError> {
        let docs = if visible {
            state.store.documents_of(owner).await?
        } else {
            Vec::new()
        };
        let action = match owner {
            DocumentOwner::Case(c) => Some(format!("/cases/{c}/documents")),
            DocumentOwner::Person(p) => Some(format!("/persons/{p}/documents")),
            DocumentOwner::Inquiry(_) => None,
        };
        Ok(DocumentsPanel {
            action,
            rows: docs.iter().map(|d| DocumentRow::new(state, d)).collect(),
            kinds: DocumentKind::ALL
                .iter()
                .map(|k| crate::views::Choice {
                    value: k.as_str().into(),
                    label: kind_label(*k),
                    selected: false,
                })
                .collect(),
            visible,
            max_mb: state.config.documents.max_bytes / (1024 * 1024),
            notice: match done {
                Some("document") => Some(crate::t("document-added")),
                Some("document-present") => Some(crate::t("document-already-present")),
                _ => None,
            },
            refused: None,
        })
    }
}
