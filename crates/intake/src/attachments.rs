//! An email's attachments as documents of its inquiry. The parser ([`crate::mail`]) sets each
//! file aside with the key of its message; once the message's inquiry is stored, every file
//! goes through the document pipeline ([`corridor_documents::ingest`]: type from the bytes,
//! metadata stripped, ClamAV, the size and count limits) like a file attached on a page.
//!
//! A file that is refused is recorded on the inquiry with its reason (a `document.refused`
//! event the inquiry page shows); the message itself is never lost: its raw MIME is stored
//! with the inquiry whatever becomes of its attachments.

use std::collections::HashMap;

use corridor_documents::{IngestError, Settings};
use corridor_store::documents::{DocumentKind, DocumentOwner};
use corridor_store::prelude::*;
use corridor_store::{Actor, AuditAction, NewAuditEvent, RecordedInquiry, StoreError, Submission};

/// A file that came with a message, waiting for the message's inquiry.
pub struct AttachedFile {
    /// The idempotency key of the message's inquiry.
    pub parent_key: String,
    /// The message, as refusals name it ("mails.mbox message 3", "INBOX uid 42").
    pub source: String,
    /// Where it was, without its name (a file name can name a person): "attachment 2",
    /// "attachment 3, file 4 of the ZIP".
    pub place: String,
    /// The file, or why it could not even be taken out of the message (a broken ZIP).
    pub content: Result<Vec<u8>, String>,
}

impl std::fmt::Debug for AttachedFile {
    // Never the bytes: they may be a scan of a passport.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttachedFile")
            .field("place", &self.place)
            .field("size", &self.content.as_ref().map(Vec::len))
            .finish_non_exhaustive()
    }
}

/// What became of the attachments of a batch.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AttachmentSummary {
    /// Stored as documents (or found stored already: a message taken in again).
    pub stored: u64,
    /// Refused, each recorded on its inquiry with the reason, and listed here for the
    /// import's report.
    pub refusals: Vec<crate::Refusal>,
}

/// The inquiry of each key, from what `take_in` answered for submissions with these keys (in
/// the order of the submissions).
pub fn inquiries_by_key(
    keys: &[Option<String>],
    recorded: &[RecordedInquiry],
) -> HashMap<String, RecordedInquiry> {
    keys.iter()
        .zip(recorded)
        .filter_map(|(k, r)| k.clone().map(|k| (k, r.clone())))
        .collect()
}

/// The keys of submissions, for [`inquiries_by_key`].
pub fn keys_of(subs: &[Submission]) -> Vec<Option<String>> {
    subs.iter()
        .map(|s| s.inquiry.idempotency_key.clone())
        .collect()
}

/// Stores the files of messages whose inquiries are in `inquiries`; the others stay in
/// `files` (their message is in a later batch). At most `settings.limits.max_files` files of
/// one message become documents; the rest are refused for their number.
pub async fn store_attachments(
    store: &dyn Store,
    settings: &Settings,
    inquiries: &HashMap<String, RecordedInquiry>,
    files: &mut Vec<AttachedFile>,
    actor: &Actor,
) -> Result<AttachmentSummary, StoreError> {
    let mut summary = AttachmentSummary::default();
    let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(files)
        .into_iter()
        .partition(|f| inquiries.contains_key(&f.parent_key));
    *files = rest;
    let mut per_message: HashMap<String, usize> = HashMap::new();
    for file in mine {
        let inquiry = &inquiries[&file.parent_key];
        let seen = per_message.entry(file.parent_key.clone()).or_default();
        *seen += 1;
        let outcome = match file.content {
            Err(why) => Err(why),
            Ok(_) if *seen > settings.limits.max_files => Err(format!(
                "too many files: at most {} of one message become documents",
                settings.limits.max_files
            )),
            Ok(bytes) => match corridor_documents::ingest(
                store,
                settings,
                DocumentOwner::Inquiry(inquiry.id),
                DocumentKind::Other,
                bytes,
                actor,
            )
            .await
            {
                Ok(_) => Ok(()),
                Err(IngestError::Store(e)) => return Err(e),
                Err(e) => Err(e.to_string()),
            },
        };
        match outcome {
            Ok(()) => summary.stored += 1,
            Err(reason) => {
                summary.refusals.push(crate::Refusal {
                    file: format!("{}, {}", file.source, file.place),
                    row: None,
                    column: None,
                    reason: reason.clone(),
                });
                // A message taken in again had its refusals recorded the first time.
                if !inquiry.already_present {
                    store
                        .audit(
                            NewAuditEvent::new(
                                AuditAction::DocumentRefused,
                                "inquiry",
                                inquiry.id.0,
                                format!("{}: {reason}", file.place),
                            ),
                            actor,
                        )
                        .await?;
                }
            }
        }
    }
    Ok(summary)
}
