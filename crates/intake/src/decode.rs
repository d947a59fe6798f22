//! Text files as they come: UTF-8 with or without a byte-order mark, UTF-16 from Excel's
//! "Unicode text" export, and the legacy encodings of older Windows machines (Windows-1256
//! for Dari and Pashto lists above all).
//!
//! The encoding is decided once per file, and a file is read only when all of it decodes
//! cleanly in that encoding. A file that is UTF-8 but for a stray byte is refused, naming the
//! line: read as a legacy encoding instead, every Dari name in it would be stored as mojibake
//! and reported as stored. A file in no recognizable encoding is refused the same way.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// The text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes `bytes`, or says why they are not text.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { UTF_16LE } else { UTF_16BE };
        let (text, _, bad) = enc.decode(bytes);
        if bad {
            return Err(format!("the file says it is {} but is not", enc.name()));
        }
        return checked(text.into_owned(), enc.name());
    }
    // UTF-16 without a mark: every other byte of Latin text is zero.
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let zeros_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if sample.len() >= 4 && (zeros_odd * 3 > sample.len() || zeros_even * 3 > sample.len()) {
        let enc = if zeros_odd > zeros_even {
            UTF_16LE
        } else {
            UTF_16BE
        };
        let (text, bad) = enc.decode_without_bom_handling(bytes);
        if !bad {
            return checked(text.into_owned(), enc.name());
        }
    }
    let tally = utf8_tally(bytes);
    if tally.invalid == 0 {
        return utf8(bytes);
    }
    // Mostly well-formed UTF-8 (more multi-byte characters than broken sequences; a legacy
    // file forms a UTF-8 sequence only by accident, now and then): a damaged UTF-8 file.
    // Read in any other encoding it would be mojibake from the first line to the last.
    if tally.valid_multibyte > tally.invalid {
        return Err(format!(
            "line {} is not valid UTF-8 although the rest of the file is ({} bad byte sequence{} \
             in all): the file was damaged or pieced together from files in different \
             encodings. Save it again as UTF-8 (in Excel: CSV UTF-8) and import it again; \
             nothing of it was stored",
            line_of(bytes, tally.first_invalid),
            tally.invalid,
            if tally.invalid == 1 { "" } else { "s" },
        ));
    }
    legacy(bytes)
}

/// A legacy single- or multi-byte encoding, as Firefox's detector (chardetng) judges it from
/// the whole file. The deployment's region (Afghanistan's `af`: Arabic-script encodings) is
/// the tie-breaker when the bytes could be either.
fn legacy(bytes: &[u8]) -> Result<Decoded, String> {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc: &'static Encoding = detector.guess(Some(b"af"), Utf8Detection::Deny);
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => checked(text.into_owned(), enc.name()),
        None => Err(format!(
            "line {} cannot be read: the file is not UTF-8, and not {} (the nearest other \
             encoding) either. Save it again as UTF-8 (in Excel: CSV UTF-8) and import it \
             again; nothing of it was stored",
            first_bad_line(enc, bytes),
            enc.name()
        )),
    }
}

/// How much of `bytes` is well-formed UTF-8.
struct Utf8Tally {
    /// Characters of two bytes or more that decoded.
    valid_multibyte: usize,
    /// Byte sequences that did not.
    invalid: usize,
    /// Where the first of those is.
    first_invalid: usize,
}

fn utf8_tally(bytes: &[u8]) -> Utf8Tally {
    let mut tally = Utf8Tally {
        valid_multibyte: 0,
        invalid: 0,
        first_invalid: 0,
    };
    let mut at = 0;
    while at < bytes.len() {
        let (good, bad_len) = match std::str::from_utf8(&bytes[at..]) {
            Ok(s) => (s, None),
            Err(e) => (
                // The prefix up to `valid_up_to` is valid UTF-8 by definition.
                std::str::from_utf8(&bytes[at..at + e.valid_up_to()]).unwrap_or(""),
                // No error length: the file ends inside a character.
                Some(e.error_len().unwrap_or(bytes.len() - at - e.valid_up_to())),
            ),
        };
        tally.valid_multibyte += good.chars().filter(|c| !c.is_ascii()).count();
        at += good.len();
        match bad_len {
            Some(n) => {
                if tally.invalid == 0 {
                    tally.first_invalid = at;
                }
                tally.invalid += 1;
                at += n.max(1);
            }
            None => break,
        }
    }
    tally
}

/// The 1-based line of the byte at `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The first line that does not decode in `enc` (line ends are ASCII in every encoding the
/// detector names).
fn first_bad_line(enc: &'static Encoding, bytes: &[u8]) -> usize {
    bytes
        .split(|b| *b == b'\n')
        .position(|line| {
            enc.decode_without_bom_handling_and_without_replacement(line)
                .is_none()
        })
        .map_or(1, |i| i + 1)
}

fn utf8(bytes: &[u8]) -> Result<Decoded, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => checked(s.to_string(), "UTF-8"),
        Err(e) => Err(format!("not valid UTF-8 at byte {}", e.valid_up_to())),
    }
}

/// Control characters other than tabs and line ends mean a binary file, not a text export.
fn checked(text: String, encoding: &'static str) -> Result<Decoded, String> {
    let controls = text
        .chars()
        .take(65_536)
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .count();
    if controls > 0 {
        return Err(format!(
            "this is not a text spreadsheet: it holds binary data ({controls} control characters)"
        ));
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_encoding_found_in_the_wild() {
        // Windows-1256 has the Arabic yeh (ي), not the Persian one (ی): lists typed on it use it.
        let dari = "نام,ولايت\nاحمد,کابل\n";
        assert_eq!(decode_text(dari.as_bytes()).unwrap().text, dari);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(b"given_name\nAhmad\n");
        assert_eq!(decode_text(&bom).unwrap().text, "given_name\nAhmad\n");
        let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(dari);
        let d = decode_text(&cp1256).unwrap();
        assert_eq!(d.text, dari);
        assert_eq!(d.encoding, "windows-1256");
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        for u in dari.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&utf16).unwrap().text, dari);
        let bare: Vec<u8> = "given_name\nAhmad\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode_text(&bare).unwrap().text, "given_name\nAhmad\n");
    }

    /// The sponsor list that came in as 51 rows of mojibake: UTF-8 Dari names and one stray
    /// Windows-1252 byte in a note.
    #[test]
    fn one_stray_byte_in_utf8_refuses_the_file_naming_its_line() {
        let mut file = String::from("Full name,Father's name,Province,Note\n");
        for i in 0..51 {
            file += &format!("احمد {i} رحیمی,غلام سخی,کابل,\n");
        }
        let mut bytes = file.into_bytes();
        // Line 18 gets a "café" typed on a Western machine: é as the single byte 0xE9.
        let at = bytes
            .split(|b| *b == b'\n')
            .take(17)
            .map(|l| l.len() + 1)
            .sum::<usize>();
        let tail = bytes.split_off(at);
        bytes.extend_from_slice(b"Ahmad,x,Herat,caf\xE9 owner\n");
        bytes.extend_from_slice(&tail);
        let err = decode_text(&bytes).unwrap_err();
        assert!(err.contains("line 18 is not valid UTF-8"), "{err}");
    }

    /// A long Windows-1256 list forms a valid UTF-8 sequence now and then (an Arabic letter
    /// followed by گ or ک); it is still read as the legacy file it is.
    #[test]
    fn a_long_windows_1256_list_is_read_as_one() {
        let mut dari = String::from("نام,نام پدر,ولايت\n");
        for i in 0..200 {
            dari += &format!("گلالي {i} چکري,پاينده گل,کابل\n");
            dari += "ژاله اکبري,سرگل,ننگرهار\n";
        }
        let (cp1256, _, bad) = encoding_rs::WINDOWS_1256.encode(&dari);
        assert!(!bad);
        let d = decode_text(&cp1256).unwrap();
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, dari);
    }

    #[test]
    fn a_western_legacy_file_is_read_as_one() {
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("name,city\nJosé Müller,Köln\n");
        let d = decode_text(&latin).unwrap();
        assert_eq!(d.text, "name,city\nJosé Müller,Köln\n");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn binary_garbage_is_refused() {
        let garbage: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let err = decode_text(&garbage).unwrap_err();
        assert!(err.contains("binary"), "{err}");
    }
}
