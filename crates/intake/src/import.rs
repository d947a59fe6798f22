//! The import: files in, inquiries stored, a summary and a report of refusals out. Shared by
//! `corridor import` and the staff upload page.

use std::collections::HashMap;
use std::path::Path;

use crate::matcher::Matcher;
use corridor_domain::{Channel, ReferenceNumber, RequesterKind};
use corridor_store::prelude::*;
use corridor_store::{Actor, StoreError, Submission};
use serde::Serialize;

use crate::attachments::{inquiries_by_key, store_attachments};
use crate::bundle;
use crate::columns::Mapping;
use crate::mail::{MailOptions, parse_mbox, parse_message};
use crate::sheet::{SheetOptions, parse_sheet};
use crate::{FileRefused, Limits, Origin, Parsed, Refusal};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub origin: Origin,
    pub mapping: Option<Mapping>,
    pub limits: Limits,
    /// Inquiries per transaction: each batch is committed (durably) before the next begins, so
    /// an interrupted import keeps whole batches and a rerun stores only the rest.
    pub batch_size: usize,
    /// Queue acknowledgements to the senders of imported emails.
    pub acknowledge_email: bool,
    /// How the attachments of imported emails become documents (limits, ClamAV).
    pub documents: corridor_documents::Settings,
}

impl ImportOptions {
    pub fn new(origin: Origin) -> Self {
        ImportOptions {
            origin,
            mapping: None,
            limits: Limits::default(),
            batch_size: 20_000,
            acknowledge_email: true,
            documents: corridor_documents::Settings::default(),
        }
    }
}

/// What happened to an import; `rows == stored + refused + already_present`. Rows with a
/// warning are among the stored (or already present) ones.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportSummary {
    pub rows: u64,
    pub stored: u64,
    pub refused: u64,
    pub already_present: u64,
    /// Rows taken in with a field for a clerk to fix (see [`Parsed::warnings`]).
    pub warned: u64,
    /// Attachments of emails stored as documents of their inquiries.
    pub documents: u64,
    /// Attachments refused, each recorded on its inquiry too (they are not rows: `refused`
    /// does not count them).
    #[serde(skip)]
    pub document_refusals: Vec<Refusal>,
    #[serde(skip)]
    pub refusals: Vec<Refusal>,
    #[serde(skip)]
    pub warnings: Vec<Refusal>,
    /// The reference of every row or message taken in (new or already present), in order.
    #[serde(skip)]
    pub references: Vec<ReferenceNumber>,
}

/// Parses one input of any kind Corridor reads, by its name and content.
pub fn parse_input(name: &str, bytes: &[u8], opts: &ImportOptions) -> Parsed {
    let lower = name.to_lowercase();
    let mail = MailOptions {
        category: opts.origin.category,
        requester_kind: opts.origin.requester.kind,
        mapping: opts.mapping.as_ref(),
        limits: &opts.limits,
        acknowledge: opts.acknowledge_email,
    };
    if bundle::is_bundle(name, bytes) {
        return parse_bundle(name, bytes, opts);
    }
    let result = if lower.ends_with(".eml") {
        if bytes.len() > opts.limits.max_message_bytes {
            Err(FileRefused::new(
                name,
                format!(
                    "the message is {} bytes; the limit is {} (--max-message-bytes)",
                    bytes.len(),
                    opts.limits.max_message_bytes
                ),
            ))
        } else {
            Ok(parse_message(name, bytes, &mail))
        }
    } else if lower.ends_with(".mbox") || lower.ends_with(".mbx") {
        parse_mbox(name, bytes, &mail)
    } else {
        let sheet = SheetOptions {
            origin: &opts.origin,
            mapping: opts.mapping.as_ref(),
            limits: &opts.limits,
            channel: Channel::Spreadsheet,
            parent_key: None,
        };
        parse_sheet(name, bytes, &sheet)
    };
    match result {
        Ok(parsed) => parsed,
        Err(e) => Parsed {
            refusals: vec![e.into()],
            ..Default::default()
        },
    }
}

/// A ZIP archive given to the import: every email, mailbox and spreadsheet in it is imported
/// as if given alone (so the attachments of its emails become documents of their inquiries).
/// A loose file that is none of those (a scan on its own) has no inquiry to belong to: it is
/// refused, by name, for a clerk to attach where it belongs.
fn parse_bundle(name: &str, bytes: &[u8], opts: &ImportOptions) -> Parsed {
    let members = match bundle::members(bytes, &opts.limits) {
        Ok(m) => m,
        Err(why) => {
            return Parsed {
                refusals: vec![FileRefused::new(name, why).into()],
                ..Default::default()
            };
        }
    };
    let mut parsed = Parsed::default();
    for member in members {
        let label = format!("{name} / {}", member.name);
        let lower = member.name.to_lowercase();
        let known = [".eml", ".mbox", ".mbx", ".csv", ".tsv", ".txt", ".xlsx"]
            .iter()
            .any(|e| lower.ends_with(e));
        if bundle::is_bundle(&member.name, &member.bytes) {
            parsed.refusals.push(
                FileRefused::new(&label, "a ZIP archive inside a ZIP archive is not opened").into(),
            );
        } else if known {
            parsed.extend(parse_input(&label, &member.bytes, opts));
        } else {
            parsed.refusals.push(
                FileRefused::new(
                    &label,
                    "not an email (.eml), a mailbox (.mbox) or a spreadsheet: a document on its \
                     own belongs to no inquiry; attach it on the case or person page",
                )
                .into(),
            );
        }
    }
    parsed
}

/// Reads a file from disk within the size limit and parses it.
pub fn parse_path(path: &Path, opts: &ImportOptions) -> Parsed {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let refused = |reason: String| Parsed {
        refusals: vec![FileRefused::new(&name, reason).into()],
        ..Default::default()
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > opts.limits.max_file_bytes => {
            return refused(format!(
                "the file is {} bytes; the limit is {} (--max-file-bytes)",
                m.len(),
                opts.limits.max_file_bytes
            ));
        }
        Ok(m) if !m.is_file() => return refused("not a file".into()),
        Ok(_) => {}
        Err(e) => return refused(format!("cannot be opened: {e}")),
    }
    match std::fs::read(path) {
        Ok(bytes) => parse_input(&name, &bytes, opts),
        Err(e) => refused(format!("cannot be read: {e}")),
    }
}

/// Stores what was parsed, batch by batch, calling `progress(done, total)` after each commit.
/// Rows of one household always go in the same batch.
pub async fn store_parsed(
    store: &dyn Store,
    matcher: &Matcher,
    parsed: Parsed,
    opts: &ImportOptions,
    actor: &Actor,
    mut progress: impl FnMut(u64, u64),
) -> Result<ImportSummary, StoreError> {
    let mut summary = ImportSummary {
        refused: parsed.refusals.len() as u64,
        refusals: parsed.refusals,
        warned: parsed
            .warnings
            .iter()
            .map(|w| (&w.file, w.row))
            .collect::<std::collections::HashSet<_>>()
            .len() as u64,
        warnings: parsed.warnings,
        ..Default::default()
    };
    let mut attachments = parsed.attachments;
    let batches = batches(parsed.submissions, opts.batch_size);
    let total: u64 = batches.iter().map(|g| g.len() as u64).sum();
    summary.rows = total + summary.refused;
    let mut done = 0;
    for batch in batches {
        let n = batch.len() as u64;
        // Only the keys of messages with attachments: a list of 20,000 rows copies nothing.
        let keys: Vec<Option<String>> = batch
            .iter()
            .map(|s| {
                s.inquiry
                    .idempotency_key
                    .clone()
                    .filter(|k| attachments.iter().any(|a| &a.parent_key == k))
            })
            .collect();
        let recorded = matcher
            .take_in(store, batch, &opts.origin.source, actor)
            .await?;
        // The batch is committed: its emails' attachments become documents of their
        // inquiries. A refused attachment is recorded on its inquiry and in the report.
        let inquiries = inquiries_by_key(&keys, &recorded);
        let stored =
            store_attachments(store, &opts.documents, &inquiries, &mut attachments, actor).await?;
        summary.documents += stored.stored;
        summary.document_refusals.extend(stored.refusals);
        for r in recorded {
            if r.already_present {
                summary.already_present += 1;
            } else {
                summary.stored += 1;
            }
            summary.references.push(r.reference);
        }
        done += n;
        progress(done, total);
    }
    Ok(summary)
}

/// The transactions of an import: about `size` submissions each, in the order of the file,
/// never splitting a household.
pub fn batches(subs: Vec<Submission>, size: usize) -> Vec<Vec<Submission>> {
    let mut out: Vec<Vec<Submission>> = Vec::new();
    let mut batch: Vec<Submission> = Vec::new();
    for group in group_households(subs) {
        batch.extend(group);
        if batch.len() >= size.max(1) {
            out.push(std::mem::take(&mut batch));
        }
    }
    if !batch.is_empty() {
        out.push(batch);
    }
    out
}

/// Keeps the first-seen order, but brings each household's rows together.
fn group_households(subs: Vec<Submission>) -> Vec<Vec<Submission>> {
    let mut groups: Vec<Vec<Submission>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for s in subs {
        match s.household_key.clone() {
            Some(k) => match index.get(&k) {
                Some(&i) => groups[i].push(s),
                None => {
                    index.insert(k, groups.len());
                    groups.push(vec![s]);
                }
            },
            None => groups.push(vec![s]),
        }
    }
    groups
}

/// The refused rows, for the sender to fix and send again, then the rows stored with a
/// warning, for a clerk to check: `file,row,column,reason,outcome` with `outcome` either
/// `refused` or `stored, check`. Reasons quote what the file held, so every cell is
/// neutralized against formulas.
pub fn report_csv(refusals: &[Refusal], warnings: &[Refusal]) -> Vec<u8> {
    let mut w = crate::cells::SafeCsv::in_memory();
    let _ = w.write_record(["file", "row", "column", "reason", "outcome"]);
    let rows = refusals
        .iter()
        .map(|r| (r, "refused"))
        .chain(warnings.iter().map(|r| (r, "stored, check")));
    for (r, outcome) in rows {
        let _ = w.write_record([
            r.file.as_str(),
            &r.row.map(|n| n.to_string()).unwrap_or_default(),
            r.column.as_deref().unwrap_or(""),
            r.reason.as_str(),
            outcome,
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// A requester kind for lists whose sender is not said: most lists come from NGOs.
pub fn default_requester_kind() -> RequesterKind {
    RequesterKind::Ngo
}
