//! Spreadsheets (CSV and XLSX) into inquiries: one inquiry per row, its raw row kept verbatim,
//! rows sharing a household key grouped into one household.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use chrono::Utc;
use corridor_domain::{Channel, NewInquiry, PersonDetails, Sex};
use corridor_store::Submission;
use rayon::prelude::*;

use crate::columns::{ColumnMap, Field, Mapping};
use crate::decode::decode_text;
use crate::{FileRefused, Limits, Origin, Parsed, Refusal, content_key, truncate_chars};

/// A sheet read into cells, before its columns are interpreted.
#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<TableRow>,
    pub content_type: &'static str,
}

#[derive(Debug, Clone)]
pub struct TableRow {
    /// As a spreadsheet program numbers it: the header is row 1.
    pub number: u64,
    pub cells: Vec<String>,
    /// The row as it arrived: the CSV line(s) verbatim, or the XLSX cells as JSON.
    pub raw: String,
}

/// Where rows come from and what they belong to.
#[derive(Debug, Clone)]
pub struct SheetOptions<'a> {
    pub origin: &'a Origin,
    pub mapping: Option<&'a Mapping>,
    pub limits: &'a Limits,
    pub channel: Channel,
    /// The message a spreadsheet was attached to.
    pub parent_key: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    Csv,
    Xlsx,
}

/// Which kind of spreadsheet `name` holds, from its content first and its name second.
pub fn sheet_kind(name: &str, bytes: &[u8]) -> Option<SheetKind> {
    let lower = name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".xlsx") {
        Some(SheetKind::Xlsx)
    } else if [".csv", ".tsv", ".txt"].iter().any(|e| lower.ends_with(e)) {
        Some(SheetKind::Csv)
    } else {
        None
    }
}

/// Reads and interprets a whole spreadsheet. A file that cannot be read at all is refused as a
/// whole; otherwise every row is either a submission or a located refusal.
pub fn parse_sheet(name: &str, bytes: &[u8], opts: &SheetOptions) -> Result<Parsed, FileRefused> {
    if bytes.len() as u64 > opts.limits.max_file_bytes {
        return Err(FileRefused::new(
            name,
            format!(
                "the file is {} bytes; the limit is {} (--max-file-bytes)",
                bytes.len(),
                opts.limits.max_file_bytes
            ),
        ));
    }
    let table = match sheet_kind(name, bytes) {
        Some(SheetKind::Xlsx) => read_xlsx(name, bytes, opts.limits)?,
        Some(SheetKind::Csv) => read_csv(name, bytes)?,
        None if bytes.starts_with(b"\xD0\xCF\x11\xE0") => {
            return Err(FileRefused::new(
                name,
                "this is an old Excel .xls file; save it as .xlsx or CSV and send that",
            ));
        }
        None => {
            return Err(FileRefused::new(
                name,
                "not a spreadsheet Corridor reads (CSV or XLSX)",
            ));
        }
    };
    Ok(rows_to_submissions(name, table, opts))
}

/// Guesses the delimiter from the header line: Excel writes semicolons in some locales and
/// tabs in its "Unicode text" export.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .filter(|d| first.bytes().any(|b| b == *d))
        .unwrap_or(b',')
}

pub fn read_csv(name: &str, bytes: &[u8]) -> Result<Table, FileRefused> {
    let decoded = decode_text(bytes).map_err(|r| FileRefused::new(name, r))?;
    let text = decoded.text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| FileRefused::new(name, format!("row {}: cannot be read: {e}", i + 1)))?;
        let start = record.position().map(|p| p.byte() as usize).unwrap_or(0);
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        records.push((start, line, record));
    }
    let Some((_, _, header)) = records.first() else {
        return Err(FileRefused::new(name, "the file is empty"));
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut rows = Vec::with_capacity(records.len());
    for (i, (start, line, record)) in records.iter().enumerate().skip(1) {
        let end = records.get(i + 1).map(|(s, _, _)| *s).unwrap_or(text.len());
        let raw = text
            .get(*start..end)
            .unwrap_or("")
            .trim_end_matches(['\r', '\n'])
            .to_string();
        let _ = line;
        rows.push(TableRow {
            number: i as u64 + 1,
            cells: record.iter().map(str::to_string).collect(),
            raw,
        });
    }
    Ok(Table {
        headers,
        rows,
        content_type: "text/csv",
    })
}

/// Refuses archives that expand beyond the limits before any XML parser sees them. The sizes
/// an archive declares can lie, so what counts is what actually comes out.
fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable XLSX file (its zip structure is broken: {e})"))?;
    if archive.len() > 10_000 {
        return Err("the XLSX holds more than 10,000 parts".into());
    }
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let mut part = archive
            .by_index(i)
            .map_err(|e| format!("part {i} of the XLSX cannot be read: {e}"))?;
        let compressed = part.compressed_size().max(1);
        let part_name = part
            .name()
            .map(|n| n.chars().take(100).collect::<String>())
            .unwrap_or_default();
        let mut expanded: u64 = 0;
        loop {
            let n = part
                .read(&mut buf)
                .map_err(|e| format!("part {part_name} of the XLSX cannot be read: {e}"))?;
            if n == 0 {
                break;
            }
            expanded += n as u64;
            total += n as u64;
            if total > limits.max_unzipped_bytes {
                return Err(format!(
                    "the XLSX expands to more than {} bytes (--max-unzipped-bytes); refused as a possible zip bomb",
                    limits.max_unzipped_bytes
                ));
            }
            if expanded > 1024 * 1024 && expanded / compressed > limits.max_zip_ratio {
                return Err(format!(
                    "part {part_name} of the XLSX expands more than {}-fold; refused as a zip bomb",
                    limits.max_zip_ratio
                ));
            }
        }
    }
    Ok(())
}

pub fn read_xlsx(name: &str, bytes: &[u8], limits: &Limits) -> Result<Table, FileRefused> {
    check_zip(bytes, limits).map_err(|r| FileRefused::new(name, r))?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| FileRefused::new(name, format!("not a readable XLSX workbook: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| FileRefused::new(name, "the workbook has no sheets"))?
        .map_err(|e| FileRefused::new(name, format!("the first sheet cannot be read: {e}")))?;
    let first_row = range.start().map(|(r, _)| r as u64).unwrap_or(0);
    let mut rows_iter = range.rows();
    let Some(header) = rows_iter.next() else {
        return Err(FileRefused::new(name, "the first sheet is empty"));
    };
    let headers: Vec<String> = header
        .iter()
        .map(|c| cell_text(c).trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for (i, cells) in rows_iter.enumerate() {
        let cells: Vec<String> = cells.iter().map(cell_text).collect();
        let raw: serde_json::Map<String, serde_json::Value> = headers
            .iter()
            .zip(&cells)
            .filter(|(_, v)| !v.is_empty())
            .map(|(h, v)| (h.clone(), serde_json::Value::String(v.clone())))
            .collect();
        rows.push(TableRow {
            number: first_row + i as u64 + 2,
            cells,
            raw: serde_json::Value::Object(raw).to_string(),
        });
    }
    Ok(Table {
        headers,
        rows,
        content_type: "application/json",
    })
}

/// Cells as text the way the sender sees them: whole numbers without ".0" (phone and tazkira
/// numbers are often typed as numbers), dates as ISO dates.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#ERROR:{e:?}"),
    }
}

/// Excel stores dates as days since 30 December 1899 (counting a 29 February 1900 that never
/// was, which this epoch absorbs for every date after it).
fn excel_date(serial: f64) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date");
    match epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64)) {
        Some(d) if serial.is_finite() => d.to_string(),
        _ => serial.to_string(),
    }
}

/// Interprets each row; the good rows become submissions, the bad ones located refusals.
pub fn rows_to_submissions(name: &str, table: Table, opts: &SheetOptions) -> Parsed {
    let mut parsed = Parsed::default();
    let map = ColumnMap::recognize(&table.headers, opts.mapping);
    if !map.names_people() {
        parsed.refusals.push(Refusal {
            file: name.to_string(),
            row: Some(1),
            column: None,
            reason: format!(
                "no column names a person; the header row should have columns such as given_name, full_name, national_id or phone (found: {}). A mapping file (--map) can name other columns.",
                truncate_chars(&table.headers.join(", "), 300)
            ),
        });
        return parsed;
    }
    let limit = opts.limits.max_rows;
    let header_line = table.headers.join(",");
    let content_type = table.content_type;
    let headers = &table.headers;
    // Rows are independent: they are interpreted in parallel, and collected in file order.
    // Per row: nothing (blank), a submission with its warnings, or a refusal.
    type Outcome = Option<Result<(Submission, Vec<Refusal>), Refusal>>;
    let outcomes: Vec<Outcome> = table
        .rows
        .into_par_iter()
        .enumerate()
        .map(|(index, row)| {
            if row.cells.iter().all(|c| c.trim().is_empty()) {
                return None;
            }
            let refuse = |column: Option<&str>, reason: String| Refusal {
                file: name.to_string(),
                row: Some(row.number),
                column: column.map(str::to_string),
                reason,
            };
            if index >= limit {
                return Some(Err(refuse(
                    None,
                    format!("the file has more than {limit} rows (--max-rows); rows after that are refused"),
                )));
            }
            Some(match interpret(headers, &map, &row, opts, content_type == "text/csv") {
                Ok((person, household, warnings)) => {
                    let key = canonical_key(headers, &map, &row.cells, opts);
                    // The inquiry itself says what to check, where clerks see it first.
                    let subject = if warnings.is_empty() {
                        format!("{name}, row {}", row.number)
                    } else {
                        let columns: Vec<&str> = warnings
                            .iter()
                            .map(|(c, _)| c.as_deref().unwrap_or("a field"))
                            .collect();
                        format!(
                            "{name}, row {} (to check: {})",
                            row.number,
                            columns.join(", ")
                        )
                    };
                    let warnings = warnings
                        .into_iter()
                        .map(|(column, reason)| refuse(column.as_deref(), reason))
                        .collect();
                    let inquiry = NewInquiry {
                        channel: opts.channel,
                        requester: opts.origin.requester.clone(),
                        received_at: Utc::now(),
                        subject: truncate_chars(&subject, 300),
                        category: opts.origin.category,
                        raw_payload: if content_type == "text/csv" {
                            format!("{header_line}\n{}", row.raw)
                        } else {
                            row.raw
                        },
                        content_type: content_type.to_string(),
                        household_label: household.clone(),
                        people: vec![person],
                        idempotency_key: Some(key),
                        matches: Vec::new(),
                    };
                    Ok((
                        Submission {
                            inquiry,
                            household_key: household.map(|h| format!("{name}\u{1f}{h}")),
                            parent_key: opts.parent_key.clone(),
                            status_code_hash: None,
                            acknowledge_to: None,
                            acknowledge_language: None,
                            join_case: None,
                        },
                        warnings,
                    ))
                }
                Err((column, reason)) => Err(refuse(column.as_deref(), reason)),
            })
        })
        .collect();
    for outcome in outcomes.into_iter().flatten() {
        match outcome {
            Ok((s, warnings)) => {
                parsed.submissions.push(s);
                parsed.warnings.extend(warnings);
            }
            Err(r) => parsed.refusals.push(r),
        }
    }
    parsed
}

/// A column (when there is one) and what is wrong in it.
type RowError = (Option<String>, String);

/// A row read: the person, the household key, and the fields left out for a clerk to fix.
type Interpreted = (PersonDetails, Option<String>, Vec<RowError>);

/// Reads one row. Only what cannot be read at all (cells beyond the header, an unclosed
/// quote) or names nobody refuses it: a family is never dropped for a fixable field. An
/// unreadable date or email is kept as written; a field too long to file or a spreadsheet
/// error is left out of the person's details (it stays verbatim in the stored row); each is
/// returned as a warning.
fn interpret(
    headers: &[String],
    map: &ColumnMap,
    row: &TableRow,
    opts: &SheetOptions,
    csv: bool,
) -> Result<Interpreted, RowError> {
    if row.cells.len() > headers.len()
        && row.cells[headers.len()..]
            .iter()
            .any(|c| !c.trim().is_empty())
    {
        return Err((
            None,
            format!(
                "the row has {} cells but the header has {} columns (a stray delimiter or an unclosed quote?)",
                row.cells.len(),
                headers.len()
            ),
        ));
    }
    // A quote opened and never closed swallows every line after it into one field: the row
    // cannot be told apart from the rest of the file. (Closed quotes come in pairs, escaped
    // ones doubled.)
    if csv && row.raw.matches('"').count() % 2 == 1 && row.cells.iter().any(|c| c.contains('\n')) {
        let longest = row
            .cells
            .iter()
            .max_by_key(|c| c.len())
            .map_or(0, |c| c.lines().count());
        return Err((
            None,
            format!(
                "a quote is opened and never closed: one field runs on over {longest} lines to the end of the file"
            ),
        ));
    }
    let mut person = PersonDetails::default();
    let mut household = None;
    let mut warnings: Vec<RowError> = Vec::new();
    for (i, cell) in row.cells.iter().enumerate() {
        let header = headers.get(i).map(String::as_str).unwrap_or("");
        let column = || {
            Some(if header.is_empty() {
                format!("#{}", i + 1)
            } else {
                header.to_string()
            })
        };
        if cell.chars().count() > opts.limits.max_field_chars {
            warnings.push((
                column(),
                format!(
                    "the field is {} characters long, over the limit of {} (--max-field-chars): left out of the person's details, kept in the row as received",
                    cell.chars().count(),
                    opts.limits.max_field_chars
                ),
            ));
            continue;
        }
        if cell.starts_with("#ERROR:") {
            warnings.push((
                column(),
                "the cell holds a spreadsheet error, not a value: left out".into(),
            ));
            continue;
        }
        let value = cell.trim();
        if value.is_empty() {
            continue;
        }
        let Some(field) = map.fields.get(i).copied().flatten() else {
            continue;
        };
        let v = Some(value.to_string());
        match field {
            Field::RecordId | Field::Notes => {}
            Field::GivenName => person.given_name = v,
            Field::FamilyName => person.family_name = v,
            Field::FullName => person.full_name = v,
            Field::FatherName => person.father_name = v,
            // An unreadable date or email is kept as written, like at every other door: the
            // one validation flags it wherever the person is shown, and matching ignores it.
            Field::DateOfBirth => {
                if let Some(reason) = crate::validate::date_of_birth(value) {
                    warnings.push((
                        column(),
                        format!("{value:?} is {reason}: kept as written and flagged"),
                    ));
                }
                person.date_of_birth = v;
            }
            // A sex the list writes some other way is left out, and said so: the row is kept.
            Field::Sex => {
                if let Some(reason) = crate::validate::sex(value) {
                    warnings.push((column(), format!("{value:?} is {reason}: left out")));
                }
                person.sex = Sex::parse_lenient(value);
            }
            Field::NationalId | Field::Passport => {
                if let Some(reason) = crate::validate::document_number(value) {
                    warnings.push((
                        column(),
                        format!("{value:?} is {reason}: kept as written and flagged"),
                    ));
                }
                if field == Field::NationalId {
                    person.national_id = v;
                } else {
                    person.passport = v;
                }
            }
            Field::Phone => {
                if let Some(reason) = crate::validate::phone(value) {
                    warnings.push((
                        column(),
                        format!("{value:?} is {reason}: kept as written and flagged"),
                    ));
                }
                person.phone = v;
            }
            Field::Email => {
                if let Some(reason) = crate::validate::email(value) {
                    warnings.push((
                        column(),
                        format!("{value:?} is {reason}: kept as written and flagged"),
                    ));
                }
                person.email = v;
            }
            Field::Address => person.address = v,
            Field::Province => person.province = v,
            Field::Household => household = v,
            Field::Needs => person.needs = v,
        }
    }
    let person = person.tidy();
    if person.is_blank() {
        return Err((
            None,
            "the row names nobody: no name, document number, phone or email".into(),
        ));
    }
    Ok((person, household, warnings))
}

/// The row's content, independent of column order and of which file it came in.
fn canonical_key(
    headers: &[String],
    map: &ColumnMap,
    cells: &[String],
    opts: &SheetOptions,
) -> String {
    let mut parts: Vec<String> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.trim().is_empty())
        .map(|(i, c)| {
            let label = match map.fields.get(i).copied().flatten() {
                Some(f) => f.name().to_string(),
                None => format!(
                    "~{}",
                    crate::columns::fold(headers.get(i).map(String::as_str).unwrap_or(""))
                ),
            };
            format!("{label}={}", c.trim())
        })
        .collect();
    parts.sort();
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    content_key("row", &opts.origin.requester, &refs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::is_age;

    /// Each value the one validation questions is listed by row and column, and the row is
    /// kept: a phone without enough digits, a document number that is a word, a sex written
    /// another way (left out), a date later than today.
    #[test]
    fn rows_with_values_to_check_are_kept_and_listed_where_they_are() {
        let origin = crate::Origin {
            requester: corridor_domain::NewRequester {
                kind: corridor_domain::RequesterKind::Ngo,
                name: "Synthetic NGO".into(),
                organization: None,
                email: None,
                phone: None,
            },
            category: corridor_domain::CaseCategory::Medical,
            source: "test list".into(),
        };
        let limits = crate::Limits::default();
        let opts = SheetOptions {
            origin: &origin,
            mapping: None,
            limits: &limits,
            channel: Channel::Spreadsheet,
            parent_key: None,
        };
        let csv = "given_name,family_name,phone,tazkira,sex,date_of_birth\n\
                   Wahid,Testzai,12345,none,unknown,2999-01-01\n\
                   Nadia,Testzai,+93 70 123 4567,1398-0105-23456,F,1990\n";
        let parsed = parse_sheet("list.csv", csv.as_bytes(), &opts).unwrap();
        assert_eq!(parsed.submissions.len(), 2, "{:?}", parsed.refusals);
        assert!(parsed.refusals.is_empty(), "{:?}", parsed.refusals);
        let mut found: Vec<(u64, String)> = parsed
            .warnings
            .iter()
            .map(|w| (w.row.unwrap(), w.column.clone().unwrap()))
            .collect();
        found.sort();
        let columns: Vec<&str> = found.iter().map(|(_, c)| c.as_str()).collect();
        assert!(found.iter().all(|(row, _)| *row == 2), "{found:?}");
        for column in ["phone", "tazkira", "sex", "date_of_birth"] {
            assert!(
                columns.iter().any(|c| c.contains(column)),
                "{column} not listed: {:?}",
                parsed.warnings
            );
        }
        let wahid = &parsed.submissions[0].inquiry.people[0];
        assert_eq!(wahid.phone.as_deref(), Some("12345"), "kept as written");
        assert_eq!(wahid.sex, None, "left out");
    }

    #[test]
    fn ages_are_not_refused_as_dates() {
        for age in ["34 years", "~24", "age 42", "1 yrs", "~0"] {
            assert!(is_age(age), "{age}");
        }
        for not in ["137", "1990", "31/02/1990", "years", "200 years"] {
            assert!(!is_age(not), "{not}");
        }
    }
}
