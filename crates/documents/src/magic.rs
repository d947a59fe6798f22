//! A file's type from its first bytes (magic numbers), never from its name or the type a
//! client declared: a `.pdf` that is really a program is refused as what it is.

/// The types Corridor accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Jpeg,
    Png,
    Pdf,
    /// HEIC/HEIF, as phones save photos: stored converted to JPEG.
    Heic,
}

/// What an accepted file is, or (Err) the plain-words name of what it is instead.
pub fn detect(bytes: &[u8]) -> Result<Detected, &'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Detected::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Detected::Png);
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(Detected::Pdf);
    }
    // ISO base media: a box size, then `ftyp` and the major brand.
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return match &bytes[8..12] {
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1" => {
                Ok(Detected::Heic)
            }
            b"avif" | b"avis" => Err("an AVIF image"),
            _ => Err("a video"),
        };
    }
    Err(name_of_other(bytes))
}

/// A name for a refused file, so that the refusal can say what was sent.
fn name_of_other(bytes: &[u8]) -> &'static str {
    let starts = |m: &[u8]| bytes.starts_with(m);
    if bytes.is_empty() {
        "an empty file"
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        "a GIF image"
    } else if bytes.len() >= 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" {
        "a WebP image"
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        "a TIFF image"
    } else if starts(b"BM") {
        "a BMP image"
    } else if starts(b"PK\x03\x04") {
        "a ZIP archive or an office document"
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "an old office document"
    } else if starts(b"MZ") || starts(b"\x7fELF") {
        "a program"
    } else if starts(b"<") || bytes.iter().take(512).all(|b| b.is_ascii()) {
        "a text file"
    } else {
        "a file of an unknown type"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(detect(b"\xFF\xD8\xFF\xE0rest"), Ok(Detected::Jpeg));
        assert_eq!(detect(b"\x89PNG\r\n\x1a\nrest"), Ok(Detected::Png));
        assert_eq!(detect(b"%PDF-1.7\n"), Ok(Detected::Pdf));
        assert_eq!(
            detect(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"),
            Ok(Detected::Heic)
        );
        assert_eq!(detect(b"MZ\x90\0 a .pdf in name only"), Err("a program"));
        assert_eq!(detect(b"GIF89a..."), Err("a GIF image"));
        assert_eq!(detect(b""), Err("an empty file"));
        assert_eq!(detect(b"hello"), Err("a text file"));
    }
}
