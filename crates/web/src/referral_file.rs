//! Signed referral files, for partners who are not on Corridor.
//!
//! A file holds the referral's shared snapshot and metadata as JSON text (`payload`) and an
//! Ed25519 signature over exactly those bytes, so that any change to the file — a name, a
//! date, a field added — makes the signature fail. The signing key is made on first use and
//! kept in a file beside the database (or where the operator says), never in the database
//! and never in the repository; the partner checks a file with the public key alone.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use corridor_domain::{Referral, ReferralSnapshot, ReferralState, ShareField, SharedDocument};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "corridor-referral/1";

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("the signing key file {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the signing key file {0} does not hold a key")]
    BadKey(PathBuf),
    #[error("not a Corridor referral file: {0}")]
    Malformed(String),
    #[error("the public key is not valid: {0}")]
    BadPublicKey(String),
    #[error("the signature does not match: the file was changed or signed with another key")]
    BadSignature,
}

/// What a referral file carries: what was shared and the metadata a partner needs to answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReferralExport {
    pub referral_id: i64,
    pub organization: String,
    pub state: ReferralState,
    pub reason: String,
    pub sent_by: String,
    pub sent_at: DateTime<Utc>,
    pub respond_by: DateTime<Utc>,
    pub fields: Vec<ShareField>,
    pub shared: ReferralSnapshot,
    pub exported_by: String,
    pub exported_at: DateTime<Utc>,
}

impl ReferralExport {
    /// Only the shared snapshot and the referral's own metadata: never the case's other data.
    pub fn of(r: &Referral, exported_by: &str) -> ReferralExport {
        ReferralExport {
            referral_id: r.id.0,
            organization: r.org_name.clone(),
            state: r.state,
            reason: r.reason.clone(),
            sent_by: r.sent_by_name.clone(),
            sent_at: r.sent_at,
            respond_by: r.respond_by,
            fields: r.fields.clone(),
            shared: r.snapshot.clone(),
            exported_by: exported_by.to_string(),
            exported_at: Utc::now(),
        }
    }
}

/// The file as written.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SignedReferral {
    pub format: String,
    /// The signer's public key, hex; a convenience only: verification uses the key the
    /// partner was given separately, so a forger cannot swap both.
    pub public_key: String,
    /// The `ReferralExport` as JSON text: the exact bytes signed.
    pub payload: String,
    /// Ed25519 signature of `payload`, hex.
    pub signature: String,
}

/// The signing key at `path`, made (readable by its owner only) when there is none yet.
pub fn load_or_create_key(path: &Path) -> Result<SigningKey, FileError> {
    let io = |source| FileError::Io {
        path: path.to_path_buf(),
        source,
    };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let bytes = hex::decode(text.trim()).map_err(|_| FileError::BadKey(path.into()))?;
            let secret: [u8; 32] = bytes
                .try_into()
                .map_err(|_| FileError::BadKey(path.into()))?;
            Ok(SigningKey::from_bytes(&secret))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = SigningKey::generate(&mut rand::rngs::OsRng);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(path).map_err(io)?;
            file.write_all(hex::encode(key.to_bytes()).as_bytes())
                .and_then(|_| file.sync_all())
                .map_err(io)?;
            Ok(key)
        }
        Err(e) => Err(io(e)),
    }
}

pub fn public_key_hex(key: &SigningKey) -> String {
    hex::encode(key.verifying_key().to_bytes())
}

pub fn parse_public_key(hex_text: &str) -> Result<VerifyingKey, FileError> {
    let bytes = hex::decode(hex_text.trim()).map_err(|e| FileError::BadPublicKey(e.to_string()))?;
    let bytes: [u8; 32] = bytes
        .try_into()
        .map_err(|_| FileError::BadPublicKey("expected 32 bytes".into()))?;
    VerifyingKey::from_bytes(&bytes).map_err(|e| FileError::BadPublicKey(e.to_string()))
}

pub fn sign(key: &SigningKey, export: &ReferralExport) -> SignedReferral {
    let payload = serde_json::to_string_pretty(export).expect("exports serialize");
    let signature = key.sign(payload.as_bytes());
    SignedReferral {
        format: FORMAT.into(),
        public_key: public_key_hex(key),
        payload,
        signature: hex::encode(signature.to_bytes()),
    }
}

/// Checks a file's signature with `key` and returns what it carries.
pub fn verify(file_text: &str, key: &VerifyingKey) -> Result<ReferralExport, FileError> {
    let file: SignedReferral =
        serde_json::from_str(file_text).map_err(|e| FileError::Malformed(e.to_string()))?;
    if file.format != FORMAT {
        return Err(FileError::Malformed(format!(
            "format {:?}, expected {FORMAT}",
            file.format
        )));
    }
    let sig = hex::decode(&file.signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b))
        .ok_or(FileError::BadSignature)?;
    key.verify(file.payload.as_bytes(), &sig)
        .map_err(|_| FileError::BadSignature)?;
    serde_json::from_str(&file.payload).map_err(|e| FileError::Malformed(e.to_string()))
}

/// The directory the shared documents are written to, beside the file: `referral-R-7.json`
/// has `referral-R-7.files/`.
pub fn files_dir(export_file: &Path) -> PathBuf {
    let stem = export_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "referral".into());
    export_file.with_file_name(format!("{stem}.files"))
}

/// A shared document's file name in that directory: its SHA-256 and the extension of its type,
/// so that the name itself says nothing about the person.
pub fn document_file_name(d: &SharedDocument) -> String {
    let ext = corridor_store::documents::MediaType::parse(&d.content_type)
        .map_or("bin", |m| m.extension());
    format!("{}.{ext}", d.sha256)
}

/// What is wrong with one file beside a referral file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    #[error("document {id}: {name} is missing")]
    Missing { id: i64, name: String },
    #[error("document {id}: {name} could not be read: {why}")]
    Unreadable { id: i64, name: String, why: String },
    #[error(
        "document {id}: {name} was changed (the signed file says {size} bytes, SHA-256 {sha256}; it has {found_size} bytes, SHA-256 {found_sha256})"
    )]
    Changed {
        id: i64,
        name: String,
        size: i64,
        sha256: String,
        found_size: i64,
        found_sha256: String,
    },
}

/// Checks every document the (verified) export names against the file beside it in `dir`:
/// same size and SHA-256 as signed. Returns the problems, none when all match.
pub fn check_files(export: &ReferralExport, dir: &Path) -> Vec<FileProblem> {
    let mut problems = Vec::new();
    for d in &export.shared.documents {
        let name = document_file_name(d);
        let bytes = match std::fs::read(dir.join(&name)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(FileProblem::Missing { id: d.id, name });
                continue;
            }
            Err(e) => {
                problems.push(FileProblem::Unreadable {
                    id: d.id,
                    name,
                    why: e.to_string(),
                });
                continue;
            }
        };
        let found_sha256 = corridor_store::documents::sha256_hex(&bytes);
        let found_size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        if found_sha256 != d.sha256 || found_size != d.size {
            problems.push(FileProblem::Changed {
                id: d.id,
                name,
                size: d.size,
                sha256: d.sha256.clone(),
                found_size,
                found_sha256,
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn export() -> ReferralExport {
        ReferralExport {
            referral_id: 7,
            organization: "Synthetic NGO".into(),
            state: ReferralState::Sent,
            reason: "assessment".into(),
            sent_by: "lead".into(),
            sent_at: Utc::now(),
            respond_by: Utc::now(),
            fields: vec![ShareField::Names],
            shared: ReferralSnapshot::default(),
            exported_by: "lead".into(),
            exported_at: Utc::now(),
        }
    }

    #[test]
    fn a_signed_file_verifies_and_a_changed_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("referral.key");
        let key = load_or_create_key(&path).unwrap();
        // The same key comes back from the file.
        assert_eq!(
            load_or_create_key(&path).unwrap().to_bytes(),
            key.to_bytes()
        );
        let text = serde_json::to_string(&sign(&key, &export())).unwrap();
        let public = parse_public_key(&public_key_hex(&key)).unwrap();
        assert_eq!(verify(&text, &public).unwrap().referral_id, 7);
        let tampered = text.replace("Synthetic NGO", "Synthetic NGX");
        assert!(matches!(
            verify(&tampered, &public),
            Err(FileError::BadSignature)
        ));
        let other = SigningKey::generate(&mut rand::rngs::OsRng).verifying_key();
        assert!(verify(&text, &other).is_err());
    }

    #[test]
    fn files_beside_are_checked_against_the_signed_hashes() {
        let dir = tempfile::tempdir().unwrap();
        let content = b"%PDF-1.4 synthetic".to_vec();
        let mut e = export();
        e.shared.documents.push(SharedDocument {
            id: 3,
            kind: "passport".into(),
            content_type: "application/pdf".into(),
            size: content.len() as i64,
            sha256: corridor_store::documents::sha256_hex(&content),
            file_name: None,
        });
        let file = dir.path().join("referral-R-7.json");
        let files = files_dir(&file);
        assert_eq!(files, dir.path().join("referral-R-7.files"));
        std::fs::create_dir(&files).unwrap();
        let name = document_file_name(&e.shared.documents[0]);
        assert!(name.ends_with(".pdf"));
        assert!(matches!(
            check_files(&e, &files)[..],
            [FileProblem::Missing { id: 3, .. }]
        ));
        std::fs::write(files.join(&name), &content).unwrap();
        assert!(check_files(&e, &files).is_empty());
        std::fs::write(files.join(&name), b"%PDF-1.4 synthetiX").unwrap();
        assert!(matches!(
            check_files(&e, &files)[..],
            [FileProblem::Changed { id: 3, .. }]
        ));
    }
}
