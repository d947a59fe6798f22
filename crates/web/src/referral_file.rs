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
use corridor_domain::{Referral, ReferralSnapshot, ReferralState, ShareField};
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
}
