//! Emails (single `.eml` files, `.mbox` mailboxes, messages fetched over IMAP) into inquiries:
//! each message one inquiry with its raw MIME verbatim; a spreadsheet attached to it becomes
//! rows linked to the message, and every other attachment (every file of an attached ZIP) a
//! document of its inquiry ([`crate::attachments`]).

use chrono::{DateTime, Utc};
use corridor_domain::{CaseCategory, Channel, NewInquiry, NewRequester, RequesterKind};
use corridor_store::Submission;
use mail_parser::{MessageParser, MimeHeaders};
use sha2::{Digest, Sha256};

use crate::attachments::AttachedFile;
use crate::bundle;
use crate::columns::Mapping;
use crate::sheet::{SheetOptions, parse_sheet, sheet_kind};
use crate::{FileRefused, Limits, Origin, Parsed, Refusal, truncate_chars};

/// How to file messages: who sends them is read from each message.
#[derive(Debug, Clone)]
pub struct MailOptions<'a> {
    pub category: CaseCategory,
    /// The kind of requester a sender is taken to be.
    pub requester_kind: RequesterKind,
    pub mapping: Option<&'a Mapping>,
    pub limits: &'a Limits,
    /// Queue an acknowledgement to the sender of each new message.
    pub acknowledge: bool,
}

/// The key that makes a message seen twice (in two mailboxes, or fetched again) one inquiry.
pub fn message_key(raw: &[u8]) -> String {
    let parsed = MessageParser::default().parse_headers(raw);
    match parsed.as_ref().and_then(|m| m.message_id()) {
        Some(id) if !id.trim().is_empty() => {
            format!(
                "email:<{}>",
                id.trim().trim_matches(['<', '>']).to_lowercase()
            )
        }
        _ => format!("email-sha256:{}", hex::encode(Sha256::digest(raw))),
    }
}

/// One message, labelled `label` in refusals (a file name, or "INBOX uid 42").
pub fn parse_message(label: &str, raw: &[u8], opts: &MailOptions) -> Parsed {
    let mut parsed = Parsed::default();
    let refuse = |reason: String| Refusal {
        file: label.to_string(),
        row: None,
        column: None,
        reason,
    };
    if raw.len() > opts.limits.max_message_bytes {
        parsed.refusals.push(refuse(format!(
            "the message is {} bytes; the limit is {} (--max-message-bytes)",
            raw.len(),
            opts.limits.max_message_bytes
        )));
        return parsed;
    }
    let Some(message) = MessageParser::default().parse(raw) else {
        parsed.refusals.push(refuse(
            "not an email message: it has no readable headers".into(),
        ));
        return parsed;
    };
    let has_headers =
        message.from().is_some() || message.message_id().is_some() || message.subject().is_some();
    if !has_headers {
        parsed.refusals.push(refuse(
            "not an email message: no From, Subject or Message-ID header".into(),
        ));
        return parsed;
    }
    let sender = message
        .reply_to()
        .and_then(|a| a.first())
        .or_else(|| message.from().and_then(|a| a.first()));
    let email = sender
        .and_then(|a| a.address())
        .map(str::trim)
        .filter(|a| a.contains('@') && !a.contains(char::is_whitespace))
        .map(|a| truncate_chars(a, 254));
    let from = message.from().and_then(|a| a.first());
    let name = from
        .and_then(|a| a.name())
        .or_else(|| from.and_then(|a| a.address()))
        .map(|n| truncate_chars(n.trim(), 200))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Unknown sender".to_string());
    let requester = NewRequester {
        kind: opts.requester_kind,
        name,
        organization: None,
        email: email.clone(),
        phone: None,
    };
    let received_at = message
        .date()
        .and_then(|d| DateTime::<Utc>::from_timestamp(d.to_timestamp(), 0))
        .filter(|d| *d <= Utc::now())
        .unwrap_or_else(Utc::now);
    let key = message_key(raw);
    // Raw MIME is kept byte for byte; the rare message that is not UTF-8 (8-bit bodies in a
    // legacy charset) is kept as base64 of its bytes rather than lossily converted.
    let (raw_payload, content_type) = match std::str::from_utf8(raw) {
        Ok(s) => (s.to_string(), "message/rfc822"),
        Err(_) => (base64(raw), "message/rfc822;encoding=base64"),
    };
    let subject = message
        .subject()
        .map(|s| truncate_chars(s.trim(), 300))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "(no subject)".into());
    parsed.submissions.push(Submission {
        inquiry: NewInquiry {
            channel: Channel::Email,
            requester: requester.clone(),
            received_at,
            subject,
            category: opts.category,
            raw_payload,
            content_type: content_type.into(),
            household_label: None,
            people: Vec::new(),
            idempotency_key: Some(key.clone()),
            matches: Vec::new(),
        },
        household_key: None,
        parent_key: None,
        status_code_hash: None,
        acknowledge_to: email.filter(|_| opts.acknowledge),
        acknowledge_language: None,
        join_case: None,
    });
    let origin = Origin {
        requester,
        category: opts.category,
        source: label.to_string(),
    };
    let sheet = |label: String, bytes: &[u8], parsed: &mut Parsed| {
        let sheet_opts = SheetOptions {
            origin: &origin,
            mapping: opts.mapping,
            limits: opts.limits,
            channel: Channel::Spreadsheet,
            parent_key: Some(key.clone()),
        };
        match parse_sheet(&label, bytes, &sheet_opts) {
            Ok(rows) => parsed.extend(rows),
            Err(e) => parsed.refusals.push(e.into()),
        }
    };
    // Every other attachment (and every file of an attached ZIP) is set aside to become a
    // document of this message's inquiry once it is stored (`attachments`). A spreadsheet
    // becomes rows linked to the message.
    let file = |place: String, content: Result<Vec<u8>, String>| AttachedFile {
        parent_key: key.clone(),
        source: label.to_string(),
        place,
        content,
    };
    for (n, part) in message.attachments().enumerate() {
        let name = part
            .attachment_name()
            .map(|s| truncate_chars(s, 120))
            .unwrap_or_else(|| format!("attachment {}", n + 1));
        let bytes = part.contents();
        let place = format!("attachment {}", n + 1);
        if bundle::is_bundle(&name, bytes) {
            match bundle::members(bytes, opts.limits) {
                Err(why) => parsed.attachments.push(file(place, Err(why))),
                Ok(members) => {
                    for (m, member) in members.into_iter().enumerate() {
                        let place = format!("{place}, file {} of the ZIP", m + 1);
                        if is_sheet(&member.name, &member.bytes) {
                            sheet(
                                format!("{label} / {name} / {}", member.name),
                                &member.bytes,
                                &mut parsed,
                            );
                        } else if bundle::is_bundle(&member.name, &member.bytes) {
                            parsed.attachments.push(file(
                                place,
                                Err("a ZIP archive inside a ZIP archive is not opened".into()),
                            ));
                        } else {
                            parsed.attachments.push(file(place, Ok(member.bytes)));
                        }
                    }
                }
            }
        } else if is_sheet(&name, bytes) {
            sheet(format!("{label} / {name}"), bytes, &mut parsed);
        } else {
            parsed.attachments.push(file(place, Ok(bytes.to_vec())));
        }
    }
    parsed
}

/// An `.mbox` mailbox: every message in it.
pub fn parse_mbox(label: &str, bytes: &[u8], opts: &MailOptions) -> Result<Parsed, FileRefused> {
    if bytes.len() as u64 > opts.limits.max_file_bytes {
        return Err(FileRefused::new(
            label,
            format!(
                "the mailbox is {} bytes; the limit is {} (--max-file-bytes)",
                bytes.len(),
                opts.limits.max_file_bytes
            ),
        ));
    }
    if !bytes.starts_with(b"From ") {
        return Err(FileRefused::new(
            label,
            "not an mbox mailbox: it does not start with a \"From \" line",
        ));
    }
    let mut parsed = Parsed::default();
    for (n, message) in mail_parser::mailbox::mbox::MessageIterator::new(bytes).enumerate() {
        let message = message.map_err(|e| {
            FileRefused::new(label, format!("message {} cannot be read: {e}", n + 1))
        })?;
        parsed.extend(parse_message(
            &format!("{label} message {}", n + 1),
            message.contents(),
            opts,
        ));
    }
    Ok(parsed)
}

/// A spreadsheet attached to a message: a CSV by its name, an XLSX by its name or its
/// content (a Word file is a ZIP too, and is not one).
fn is_sheet(name: &str, bytes: &[u8]) -> bool {
    match sheet_kind(name, bytes) {
        None => false,
        Some(_) if bytes.starts_with(b"PK") => {
            bundle::is_xlsx(bytes) || name.to_lowercase().ends_with(".xlsx")
        }
        Some(_) => true,
    }
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"M"), "TQ==");
    }

    #[test]
    fn message_ids_are_compared_without_brackets_or_case() {
        let a = b"Message-ID: <ABC@example.org>\r\nSubject: x\r\n\r\nbody";
        let b = b"Message-ID: abc@example.org\r\nSubject: y\r\n\r\nother";
        assert_eq!(message_key(a), message_key(b));
        assert!(message_key(b"Subject: none\r\n\r\nx").starts_with("email-sha256:"));
    }
}
