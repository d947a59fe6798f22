//! One file from anywhere (the API, a page, the public form, an email's attachment, a file in
//! a ZIP) to a stored document: the pipeline off the async threads, the ClamAV scan when one
//! is configured, then storage. Every surface goes through here, so a file is held to the same
//! rules whichever way it came.

use corridor_store::documents::{
    AddedDocument, DocumentKind, DocumentOwner, NewDocument, ScanState,
};
use corridor_store::{Actor, StoreError, prelude::*};

use crate::clamd::{ClamdAddr, Verdict};
use crate::pipeline::{Limits, Prepared, Refused, prepare};

/// How documents are taken: the limits and the scanner, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub limits: Limits,
    pub clamd: Option<ClamdAddr>,
}

/// Why a file did not become a document.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{0}")]
    Refused(#[from] Refused),
    #[error("the malware scanner found {0} in the file: it was not stored")]
    Infected(String),
    #[error("the file could not be processed ({0})")]
    Failed(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IngestError {
    /// A refusal of the file itself (as opposed to a database failure, which is not the
    /// file's fault and is worth retrying).
    pub fn is_refusal(&self) -> bool {
        !matches!(self, IngestError::Store(_))
    }
}

/// A file that passed the checks and the scan, ready to store.
#[derive(Debug)]
pub struct Checked {
    pub prepared: Prepared,
    pub scan: ScanState,
}

/// Checks, cleans and scans one file, storing nothing: the public form checks every file
/// before it stores the request, so that a refused file sends the form back with nothing
/// stored. Malware is refused; a file clamd could not scan (clamd down) passes as
/// `not_scanned`, to be held until the rescan.
pub async fn check(settings: &Settings, bytes: Vec<u8>) -> Result<Checked, IngestError> {
    let limits = settings.limits;
    let prepared = tokio::task::spawn_blocking(move || prepare(&bytes, &limits))
        .await
        .map_err(|e| IngestError::Failed(e.to_string()))??;
    let scan = match &settings.clamd {
        None => ScanState::NotScanned,
        Some(addr) => match crate::clamd::scan(addr, &prepared.content).await {
            Ok(Verdict::Clean) => ScanState::Clean,
            Ok(Verdict::Infected(name)) => {
                tracing::warn!(signature = %name, "a document was refused: malware");
                return Err(IngestError::Infected(name));
            }
            Err(e) => {
                tracing::warn!(error = %e, "a document is held until clamd can scan it");
                ScanState::NotScanned
            }
        },
    };
    Ok(Checked { prepared, scan })
}

/// Stores a checked file as a document of `owner`.
pub async fn store_checked(
    store: &dyn Store,
    owner: DocumentOwner,
    kind: DocumentKind,
    checked: Checked,
    actor: &Actor,
) -> Result<AddedDocument, StoreError> {
    store
        .add_document(
            NewDocument {
                owner,
                kind,
                media_type: checked.prepared.media_type,
                content: checked.prepared.content,
                thumbnail: checked.prepared.thumbnail,
                scan: checked.scan,
            },
            actor,
        )
        .await
}

/// Checks, cleans, scans and stores one file. A file the scanner finds malware in is refused
/// and not stored; one it could not scan (clamd down) is stored held, for the rescan.
pub async fn ingest(
    store: &dyn Store,
    settings: &Settings,
    owner: DocumentOwner,
    kind: DocumentKind,
    bytes: Vec<u8>,
    actor: &Actor,
) -> Result<AddedDocument, IngestError> {
    let checked = check(settings, bytes).await?;
    Ok(store_checked(store, owner, kind, checked, actor).await?)
}
