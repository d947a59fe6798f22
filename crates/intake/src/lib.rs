//! Corridor's intake: raw input from every channel turned into inquiries ready to store, or
//! into refusals that say where and why (file, row, column, reason).
//!
//! The parsers ([`sheet`], [`mail`]) are pure: bytes in, submissions and refusals out. I/O
//! lives at the edges: [`import`] reads files and writes through the store, [`mailbox`] polls
//! IMAP and [`sender`] delivers acknowledgements over SMTP; [`texts`] sends text messages
//! through [`kannel`] (SMS) and [`whatsapp`].

pub mod attachments;
pub mod bundle;
pub mod cells;
pub mod columns;
pub mod decode;
pub mod import;
pub mod kannel;
pub mod limits;
pub mod mail;
pub mod mailbox;
pub mod matcher;
pub mod sender;
pub mod sheet;
pub mod texts;
pub mod validate;
pub mod whatsapp;

use corridor_domain::{CaseCategory, NewRequester};
use corridor_store::Submission;
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use limits::Limits;

/// Why one row or message could not be taken in, and where it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub file: String,
    /// 1-based, counting the header row as row 1 (as a spreadsheet program shows it).
    pub row: Option<u64>,
    pub column: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A whole input that cannot be read at all (as opposed to one bad row in it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {reason}")]
pub struct FileRefused {
    pub file: String,
    pub reason: String,
}

impl FileRefused {
    pub fn new(file: &str, reason: impl Into<String>) -> Self {
        FileRefused {
            file: file.to_string(),
            reason: reason.into(),
        }
    }
}

impl From<FileRefused> for Refusal {
    fn from(e: FileRefused) -> Self {
        Refusal {
            file: e.file,
            row: None,
            column: None,
            reason: e.reason,
        }
    }
}

/// Who sent a list and how to file its rows; the same for every row of an import.
#[derive(Debug, Clone)]
pub struct Origin {
    pub requester: NewRequester,
    pub category: CaseCategory,
    /// The name of the source for the audit trail ("Veterans coalition list 3").
    pub source: String,
}

/// What a parser makes of one input: the submissions to store, in order, the refusals, and
/// the warnings.
#[derive(Debug, Default)]
pub struct Parsed {
    pub submissions: Vec<Submission>,
    pub refusals: Vec<Refusal>,
    /// Rows stored all the same, with a field a clerk should look at: a date of birth that
    /// cannot be read or an email address that is not one (kept as written, and flagged by
    /// [`validate`] wherever the person is shown), a field too long to file (left out of the
    /// person's details, kept verbatim in the row as received).
    pub warnings: Vec<Refusal>,
    /// Files that came with a message (its attachments, the files of a ZIP attached to it), to
    /// become documents of the message's inquiry once it is stored ([`attachments`]).
    pub attachments: Vec<attachments::AttachedFile>,
}

impl Parsed {
    pub fn extend(&mut self, other: Parsed) {
        self.submissions.extend(other.submissions);
        self.refusals.extend(other.refusals);
        self.warnings.extend(other.warnings);
        self.attachments.extend(other.attachments);
    }
}

/// A stable content key: the same content from the same requester always gives the same key,
/// so taking it in again finds the first one instead of storing a copy.
pub(crate) fn content_key(kind: &str, requester: &NewRequester, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(requester.kind.as_str());
    h.update([0x1e]);
    h.update(requester.name.trim().to_lowercase());
    h.update([0x1e]);
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1f]);
    }
    format!("{kind}:{}", hex::encode(&h.finalize()[..20]))
}

/// Chars, not bytes: Perso-Arabic text takes two bytes a letter.
pub(crate) fn truncate_chars(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
