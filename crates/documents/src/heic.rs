//! HEIC to JPEG with libheif's `heif-convert` (Debian: libheif-examples), the one step of the
//! pipeline that runs a program: no Rust crate decodes HEIC without linking libheif.

use std::process::Command;

use crate::pipeline::Refused;

/// The program, overridable for a machine that has it elsewhere.
fn program() -> String {
    std::env::var("CORRIDOR_HEIF_CONVERT").unwrap_or_else(|_| "heif-convert".into())
}

/// Converts a HEIC file to a JPEG (the primary image; metadata is removed afterwards with
/// every other JPEG's).
pub(crate) fn to_jpeg(bytes: &[u8]) -> Result<Vec<u8>, Refused> {
    let dir = tempfile::tempdir().map_err(|e| Refused::Unreadable(e.to_string()))?;
    let input = dir.path().join("in.heic");
    let output = dir.path().join("out.jpg");
    std::fs::write(&input, bytes).map_err(|e| Refused::Unreadable(e.to_string()))?;
    let run = Command::new(program())
        .arg("-q")
        .arg("95")
        .arg(&input)
        .arg(&output)
        .output();
    let run = match run {
        Ok(run) => run,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Refused::HeicUnavailable),
        Err(e) => return Err(Refused::Unreadable(e.to_string())),
    };
    if !run.status.success() {
        return Err(Refused::Unreadable(
            "the HEIC photo could not be converted (it may be damaged)".into(),
        ));
    }
    // Some versions write `out-1.jpg` … for files holding several images: the first is the
    // primary one.
    let first = dir.path().join("out-1.jpg");
    let path = if output.exists() { output } else { first };
    std::fs::read(&path).map_err(|_| {
        Refused::Unreadable("the HEIC photo could not be converted (no image in it)".into())
    })
}
