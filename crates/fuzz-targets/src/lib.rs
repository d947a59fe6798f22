//! What the fuzzer feeds. Each function takes arbitrary bytes and runs one of Corridor's
//! parsers of untrusted input on them; none may panic, hang or allocate without bound.
//!
//! The cargo-fuzz targets in `fuzz/` call these, and `tests/corpus.rs` replays the kept
//! corpus (`fuzz/corpus/<target>/`) through them on every test run, so an input that once
//! found a bug keeps guarding against it without a fuzzer installed.

use std::collections::BTreeMap;

use corridor_domain::{CaseCategory, Channel, NewRequester, RequesterKind};
use corridor_intake::mail::{MailOptions, parse_mbox, parse_message};
use corridor_intake::sheet::{SheetOptions, parse_sheet};
use corridor_intake::{Limits, Origin};
use corridor_matching::Record;
use corridor_matching::normalize::{date, document, name, phone};

/// One fuzz target: bytes in, nothing out (it panics on a bug).
pub type Target = fn(&[u8]);

/// Every target, by the name its corpus directory and cargo-fuzz binary carry.
pub const TARGETS: &[(&str, Target)] = &[
    ("csv", csv),
    ("xlsx", xlsx),
    ("email", email),
    ("mbox", mbox),
    ("dates", dates),
    ("names", names),
    ("public_form", public_form),
];

/// Limits small enough that a fuzz input cannot spend seconds on one case, but with the
/// same checks the real ones make.
fn limits() -> Limits {
    Limits {
        max_file_bytes: 1 << 20,
        max_rows: 1_000,
        max_field_chars: 1_000,
        max_message_bytes: 1 << 20,
        max_unzipped_bytes: 8 << 20,
        max_zip_ratio: 200,
    }
}

fn origin() -> Origin {
    Origin {
        requester: NewRequester {
            kind: RequesterKind::Sponsor,
            name: "Fuzz list".into(),
            organization: None,
            email: None,
            phone: None,
        },
        category: CaseCategory::Evacuation,
        source: "fuzz".into(),
    }
}

fn sheet(name: &str, data: &[u8]) {
    let (origin, limits) = (origin(), limits());
    let opts = SheetOptions {
        origin: &origin,
        mapping: None,
        limits: &limits,
        channel: Channel::Spreadsheet,
        parent_key: None,
    };
    if let Ok(parsed) = parse_sheet(name, data, &opts) {
        // A refusal points at a row as a spreadsheet program numbers it, from 1.
        for refusal in &parsed.refusals {
            assert_ne!(refusal.row, Some(0), "a refusal names row 0");
        }
    }
}

/// A CSV file as `corridor import` reads it (encoding detection, delimiter, header mapping).
pub fn csv(data: &[u8]) {
    sheet("fuzz.csv", data);
}

/// An XLSX workbook (a zip of XML): the zip-bomb limits apply.
pub fn xlsx(data: &[u8]) {
    sheet("fuzz.xlsx", data);
}

fn mail_opts(limits: &Limits) -> MailOptions<'_> {
    MailOptions {
        category: CaseCategory::Evacuation,
        requester_kind: RequesterKind::Sponsor,
        mapping: None,
        limits,
        acknowledge: true,
    }
}

/// One email message (MIME, attachments, encodings).
pub fn email(data: &[u8]) {
    let limits = limits();
    let _ = corridor_intake::mail::message_key(data);
    let _ = parse_message("fuzz.eml", data, &mail_opts(&limits));
}

/// An mbox file of many messages.
pub fn mbox(data: &[u8]) {
    let limits = limits();
    let _ = parse_mbox("fuzz.mbox", data, &mail_opts(&limits));
}

/// Dates of birth in every calendar and order, phones and document numbers.
pub fn dates(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for line in text.lines().take(64) {
        let _ = date::parse_dob(line);
        let _ = phone::normalize(line);
        let _ = document::tazkira(line);
        let _ = document::passport(line);
        let _ = document::email(line);
    }
}

/// Names in Latin and Perso-Arabic script, and two records built from the input compared
/// field by field (normalization, blocking keys and scoring end to end).
pub fn names(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let folded = name::fold(text);
    let key = name::key(text);
    let _ = name::skeleton(&key);
    let _ = name::tokens(text);
    let _ = name::is_placeholder(text);
    let _ = name::split_full_name(text);
    // Folding is what every comparison relies on: folding twice must change nothing.
    assert_eq!(name::fold(&folded), folded, "fold is not idempotent");

    let mut fields = text.split('|').map(|s| Some(s.to_string()));
    let mut next = || fields.next().flatten();
    let mut record = |id: &str| Record {
        id: id.into(),
        full_name: next(),
        given_name: next(),
        family_name: next(),
        father_name: next(),
        date_of_birth: next(),
        sex: next(),
        national_id: next(),
        passport: next(),
        phone: next(),
        email: next(),
        address: next(),
        province: next(),
        household: None,
    };
    let a = record("a");
    let b = record("b");
    let (weight, _, _) = corridor_matching::explain(&a, &b, &Default::default());
    assert!(!weight.is_nan(), "a comparison weighed NaN");
}

/// The public request form, as url-encoded fields from anyone on the internet.
pub fn public_form(data: &[u8]) {
    let Ok(fields) = serde_urlencoded::from_bytes::<BTreeMap<String, String>>(data) else {
        return;
    };
    let _ = corridor_web::public_form::read_request(fields);
}
