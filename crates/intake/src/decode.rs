//! Text files as they come: UTF-8 with or without a byte-order mark, UTF-16 from Excel's
//! "Unicode text" export, and Windows-1256 from older Arabic-script Windows machines.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1256};

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
    if let Ok(d) = utf8(bytes) {
        return Ok(d);
    }
    // Not UTF-8: the usual other encoding of Dari and Pashto lists. Windows-1256 maps every
    // byte, so the check for binary content below is what refuses garbage.
    let (text, _) = WINDOWS_1256.decode_without_bom_handling(bytes);
    checked(text.into_owned(), WINDOWS_1256.name())
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
        let (cp1256, _, _) = WINDOWS_1256.encode(dari);
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

    #[test]
    fn binary_garbage_is_refused() {
        let garbage: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let err = decode_text(&garbage).unwrap_err();
        assert!(err.contains("binary"), "{err}");
    }
}
