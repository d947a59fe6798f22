//! Normalization of the raw fields people type into lists: names, dates of birth,
//! phones and identity documents. Every function here is pure.

pub mod date;
pub mod document;
pub mod name;
pub mod phone;
pub(crate) mod table;

/// Maps Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to ASCII; other chars pass.
pub(crate) fn ascii_digit(c: char) -> char {
    match c {
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        _ => c,
    }
}

pub(crate) fn ascii_digits(s: &str) -> String {
    s.chars().map(ascii_digit).collect()
}
