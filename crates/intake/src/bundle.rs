//! ZIP archives that are not spreadsheets: a ZIP attached to an email (its files become
//! documents of the message's inquiry) and a ZIP given to the import (its emails, mailboxes
//! and spreadsheets are imported as if given one by one). Read within the same limits as an
//! XLSX: what counts is what actually comes out, not the sizes the archive declares.

use std::io::{Cursor, Read};

use crate::Limits;

/// Most files taken from one archive.
pub const MAX_MEMBERS: usize = 1_000;

/// One file of an archive.
pub struct Member {
    /// Its path in the archive.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Member {
    // Never the bytes: they may be a scan of a passport.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Member")
            .field("size", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

/// Whether a file is a ZIP archive to open as a bundle: named `.zip`, or a ZIP that is not an
/// office file (an XLSX is a ZIP too, and is read as a spreadsheet).
pub fn is_bundle(name: &str, bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") && !bytes.starts_with(b"PK\x05\x06") {
        return false;
    }
    if name.to_lowercase().ends_with(".zip") {
        return true;
    }
    match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive.index_for_name("[Content_Types].xml").is_none(),
        Err(_) => false,
    }
}

/// Whether a ZIP is an XLSX workbook (and not a Word or PowerPoint file, which are ZIPs too).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map(|a| a.index_for_name("xl/workbook.xml").is_some())
        .unwrap_or(false)
}

/// The files of an archive, in its order, directories and the clutter archivers add
/// (`__MACOSX/`, `.DS_Store`) left out. Refused whole, with the reason, if it cannot be read,
/// holds too many files or expands beyond the limits (a zip bomb).
pub fn members(bytes: &[u8], limits: &Limits) -> Result<Vec<Member>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("the ZIP archive cannot be read ({e})"))?;
    if archive.len() > MAX_MEMBERS {
        return Err(format!(
            "the ZIP archive holds {} files; at most {MAX_MEMBERS} are read",
            archive.len()
        ));
    }
    let mut out = Vec::new();
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let mut file = archive
            .by_index(i)
            .map_err(|e| format!("file {} of the ZIP archive cannot be read ({e})", i + 1))?;
        if file.is_dir() {
            continue;
        }
        let name = file.name().unwrap_or_default().to_string();
        let base = name.rsplit('/').next().unwrap_or_default();
        if name.starts_with("__MACOSX/") || base.starts_with('.') || base.is_empty() {
            continue;
        }
        if file.encrypted() {
            return Err(format!(
                "file {} of the ZIP archive is encrypted: send it without a password",
                i + 1
            ));
        }
        let compressed = file.compressed_size().max(1);
        let mut content = Vec::new();
        loop {
            let n = file
                .read(&mut buf)
                .map_err(|e| format!("file {} of the ZIP archive cannot be read ({e})", i + 1))?;
            if n == 0 {
                break;
            }
            content.extend_from_slice(&buf[..n]);
            total += n as u64;
            if total > limits.max_unzipped_bytes {
                return Err(format!(
                    "the ZIP archive expands to more than {} bytes (--max-unzipped-bytes); refused as a possible zip bomb",
                    limits.max_unzipped_bytes
                ));
            }
            let expanded = content.len() as u64;
            if expanded > 1024 * 1024 && expanded / compressed > limits.max_zip_ratio {
                return Err(format!(
                    "file {} of the ZIP archive expands more than {}-fold; refused as a zip bomb",
                    i + 1,
                    limits.max_zip_ratio
                ));
            }
        }
        out.push(Member {
            name: name.chars().take(200).collect(),
            bytes: content,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        for (name, bytes) in files {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn members_come_out_in_order_without_clutter() {
        let z = zip_of(&[
            ("scans/tazkira.jpg", b"one"),
            ("__MACOSX/scans/._tazkira.jpg", b"junk"),
            ("scans/.DS_Store", b"junk"),
            ("letter.pdf", b"two"),
        ]);
        assert!(is_bundle("papers.zip", &z));
        assert!(
            is_bundle("attachment", &z),
            "a plain ZIP, whatever its name"
        );
        assert!(!is_xlsx(&z));
        let m = members(&z, &Limits::default()).unwrap();
        let names: Vec<_> = m.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["scans/tazkira.jpg", "letter.pdf"]);
        assert_eq!(m[1].bytes, b"two");
    }

    #[test]
    fn a_zip_bomb_is_refused_by_what_comes_out() {
        let z = zip_of(&[("zeros.pdf", &vec![0u8; 4 * 1024 * 1024])]);
        let e = members(&z, &Limits::default()).unwrap_err();
        assert!(e.contains("zip bomb"), "{e}");
        let small = Limits {
            max_unzipped_bytes: 10,
            ..Limits::default()
        };
        let e = members(&zip_of(&[("a.pdf", b"0123456789abc")]), &small).unwrap_err();
        assert!(e.contains("--max-unzipped-bytes"), "{e}");
        assert!(members(b"PK\x03\x04 broken", &Limits::default()).is_err());
        assert!(!is_bundle("x.zip", b"%PDF-1.4"));
    }
}
