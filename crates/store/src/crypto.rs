//! Field-level encryption at rest, and keyed hashes for the lookup keys beside it.
//!
//! Every column that can hold a person's name, document number, phone, email, address or free
//! text is stored sealed with XChaCha20-Poly1305 (random 24-byte nonces, so no nonce
//! bookkeeping across servers) under a data key that lives in a key file outside the database.
//! A stolen database file, WAL or backup without that file is unreadable, and destroying the
//! key file (every copy of it) makes every copy of the database unreadable.
//!
//! A sealed value is text, so columns keep their types on both backends:
//! `enc1:<key id>:<base64 of nonce ‖ ciphertext>`. The key id lets several keys coexist while
//! `corridor keys rotate` re-encrypts, and the field's name is the associated data, so a value
//! copied into another column does not open.
//!
//! Lookup keys that must be compared in SQL (the requester's dedupe key) are HMAC-SHA256 under
//! a separate index key from the same file: equal inputs give equal keys, but the database
//! alone cannot confirm a guessed name.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{KeyInit as _, Mac};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// The prefix of every sealed value; anything else in a sealed column is left from before
/// encryption existed and is sealed by the next sweep.
pub const SEALED_PREFIX: &str = "enc1:";
const FILE_FORMAT: &str = "corridor-data-key/1";
/// How often a running server looks at the key file for a rotation made by another process.
const RELOAD_EVERY_SECS: i64 = 2;

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("the data key file {path} cannot be read: {reason}")]
    KeyFile { path: String, reason: String },
    #[error(
        "a value is sealed under data key {0}, which the key file does not hold: \
         was the key file replaced, or the key destroyed?"
    )]
    UnknownKey(String),
    #[error("a sealed value in {0} does not open: it was altered, or sealed under another key")]
    Corrupt(&'static str),
    #[error("{0}")]
    WrongKey(String),
}

/// The columns sealed at rest. The table and column name the place for sweeps (sealing what
/// was left in clear, re-encrypting on rotation); the field's name is the associated data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    RequesterName,
    RequesterEmail,
    RequesterPhone,
    HouseholdLabel,
    PersonDetails,
    InquirySubject,
    InquiryPayload,
    InquiryHouseholdLabel,
    ReviewEvidence,
    OutboxAddress,
    CaseOutcomeReason,
    CasePriorityReason,
    NoteBody,
    TaskBody,
    PathwayChangeNote,
    EvidenceReference,
    EvidenceNote,
    ReferralSnapshot,
    ReferralReason,
    ReferralDeclineReason,
    ReferralResultNote,
    TotpSecret,
    /// The answer to an API request kept for its retries (see `crate::idempotency`): it may
    /// repeat anything the request created, a note or a name.
    ApiAnswer,
    /// A document's own data key (see `crate::documents`): the content is sealed under it,
    /// so rotating or destroying the database's key covers documents by this column alone.
    DocumentKey,
    /// The phone number a text message came from or went to.
    MessageNumber,
    /// What a text message said.
    MessageBody,
    /// The data key of the matching index's snapshot (see `crate::index_snapshot`): the
    /// snapshot holds every known person's normalized name, birth date, documents and phones,
    /// sealed under this key, so rotating or destroying the database's key covers it.
    IndexSnapshotKey,
}

impl Field {
    pub const ALL: [Field; 27] = [
        Field::RequesterName,
        Field::RequesterEmail,
        Field::RequesterPhone,
        Field::HouseholdLabel,
        Field::PersonDetails,
        Field::InquirySubject,
        Field::InquiryPayload,
        Field::InquiryHouseholdLabel,
        Field::ReviewEvidence,
        Field::OutboxAddress,
        Field::CaseOutcomeReason,
        Field::CasePriorityReason,
        Field::NoteBody,
        Field::TaskBody,
        Field::PathwayChangeNote,
        Field::EvidenceReference,
        Field::EvidenceNote,
        Field::ReferralSnapshot,
        Field::ReferralReason,
        Field::ReferralDeclineReason,
        Field::ReferralResultNote,
        Field::TotpSecret,
        Field::ApiAnswer,
        Field::DocumentKey,
        Field::MessageNumber,
        Field::MessageBody,
        Field::IndexSnapshotKey,
    ];

    /// (table, column) of the field; every sealed table has an integer `id` key.
    pub fn place(self) -> (&'static str, &'static str) {
        match self {
            Field::RequesterName => ("requesters", "name"),
            Field::RequesterEmail => ("requesters", "email"),
            Field::RequesterPhone => ("requesters", "phone"),
            Field::HouseholdLabel => ("households", "label"),
            Field::PersonDetails => ("person_records", "details"),
            Field::InquirySubject => ("inquiries", "subject"),
            Field::InquiryPayload => ("inquiries", "raw_payload"),
            Field::InquiryHouseholdLabel => ("inquiries", "household_label"),
            Field::ReviewEvidence => ("match_reviews", "evidence"),
            Field::OutboxAddress => ("outbox", "to_address"),
            Field::CaseOutcomeReason => ("cases", "outcome_reason"),
            Field::CasePriorityReason => ("cases", "priority_reason"),
            Field::NoteBody => ("case_notes", "body"),
            Field::TaskBody => ("case_tasks", "body"),
            Field::PathwayChangeNote => ("pathway_changes", "note"),
            Field::EvidenceReference => ("pathway_evidence", "reference"),
            Field::EvidenceNote => ("pathway_evidence", "note"),
            Field::ReferralSnapshot => ("referrals", "snapshot"),
            Field::ReferralReason => ("referrals", "reason"),
            Field::ReferralDeclineReason => ("referrals", "decline_reason"),
            Field::ReferralResultNote => ("referrals", "result_note"),
            Field::TotpSecret => ("users", "totp_secret"),
            Field::ApiAnswer => ("api_idempotency", "answer"),
            Field::DocumentKey => ("documents", "data_key"),
            Field::MessageNumber => ("messages", "number"),
            Field::MessageBody => ("messages", "body"),
            Field::IndexSnapshotKey => ("index_snapshots", "data_key"),
        }
    }

    fn aad(self) -> String {
        let (table, column) = self.place();
        format!("{table}.{column}")
    }

    fn label(self) -> &'static str {
        // Leaked into error messages only: names the column, never the value.
        match self.place() {
            ("requesters", _) => "a requester",
            ("person_records", _) => "a person's record",
            ("inquiries", _) => "an inquiry",
            ("users", _) => "a user's second factor",
            ("referrals", _) => "a referral",
            ("api_idempotency", _) => "an API answer kept for retries",
            ("documents", _) => "a document",
            ("messages", _) => "a text message",
            ("index_snapshots", _) => "the matching index's snapshot",
            _ => "a case's notes or history",
        }
    }
}

#[derive(Serialize, Deserialize)]
struct KeyFileContent {
    format: String,
    /// The HMAC key for lookup keys; unchanged by rotation, so lookups keep working.
    index_key: String,
    /// Data keys, oldest first; the last is the one new values are sealed under.
    keys: Vec<KeyFileEntry>,
}

#[derive(Serialize, Deserialize, Clone)]
struct KeyFileEntry {
    id: String,
    created_at: String,
    key: String,
}

struct DataKey {
    id: String,
    created_at: String,
    cipher: XChaCha20Poly1305,
    raw: Zeroizing<[u8; 32]>,
}

/// The keys of one key file, in memory.
pub struct Keyring {
    index_key: Zeroizing<[u8; 32]>,
    keys: Vec<DataKey>,
}

impl Keyring {
    /// A new keyring with one fresh data key and a fresh index key.
    pub fn generate() -> Keyring {
        let mut index_key = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(&mut *index_key);
        let mut ring = Keyring {
            index_key,
            keys: Vec::new(),
        };
        ring.add_key();
        ring
    }

    /// Adds a new data key and makes it the current one; returns its id.
    pub fn add_key(&mut self) -> String {
        let mut raw = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(&mut *raw);
        let mut id_bytes = [0u8; 4];
        rand::rngs::OsRng.fill_bytes(&mut id_bytes);
        let id = format!("k{}", hex::encode(id_bytes));
        // A note for the operator in the key file, not a stamp in the database: the system
        // clock, through the one place storage reads it.
        let created_at = crate::Clock::system()
            .now()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        self.keys.push(DataKey {
            cipher: XChaCha20Poly1305::new((&*raw).into()),
            id: id.clone(),
            created_at,
            raw,
        });
        id
    }

    /// Drops every data key but the current one (after a rotation has re-encrypted all).
    pub fn retire_old_keys(&mut self) -> Vec<String> {
        let keep = self.keys.len().saturating_sub(1);
        self.keys.drain(..keep).map(|k| k.id).collect()
    }

    pub fn current_id(&self) -> &str {
        &self.current().id
    }

    pub fn key_ids(&self) -> Vec<String> {
        self.keys.iter().map(|k| k.id.clone()).collect()
    }

    fn current(&self) -> &DataKey {
        self.keys.last().expect("a keyring always holds a key")
    }

    fn find(&self, id: &str) -> Option<&DataKey> {
        self.keys.iter().find(|k| k.id == id)
    }

    /// A value derived from a key that shows which key a database was sealed with, without
    /// revealing it: recorded in the database, compared when the store opens.
    pub fn check_value(&self, id: &str) -> Option<String> {
        let key = if id == INDEX_KEY_ID {
            &*self.index_key
        } else {
            &*self.find(id)?.raw
        };
        Some(hmac_hex(key, b"corridor key check"))
    }

    pub fn read(path: &Path) -> Result<Keyring, CryptoError> {
        let bad = |reason: String| CryptoError::KeyFile {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
        let content: KeyFileContent = serde_json::from_str(&text)
            .map_err(|e| bad(format!("not a Corridor key file ({e})")))?;
        if content.format != FILE_FORMAT {
            return Err(bad(format!("unknown format {:?}", content.format)));
        }
        let decode = |what: &str, b64: &str| -> Result<Zeroizing<[u8; 32]>, CryptoError> {
            let bytes = Zeroizing::new(
                B64.decode(b64.trim_end_matches('='))
                    .map_err(|_| bad(format!("{what} is not base64")))?,
            );
            let mut out = Zeroizing::new([0u8; 32]);
            if bytes.len() != 32 {
                return Err(bad(format!("{what} is not 32 bytes")));
            }
            out.copy_from_slice(&bytes);
            Ok(out)
        };
        let index_key = decode("the index key", &content.index_key)?;
        let mut keys = Vec::new();
        for entry in &content.keys {
            let raw = decode(&format!("data key {}", entry.id), &entry.key)?;
            keys.push(DataKey {
                cipher: XChaCha20Poly1305::new((&*raw).into()),
                id: entry.id.clone(),
                created_at: entry.created_at.clone(),
                raw,
            });
        }
        if keys.is_empty() {
            return Err(bad("it holds no data key".into()));
        }
        Ok(Keyring { index_key, keys })
    }

    /// Writes the key file readable by its owner only, replacing any file atomically so that a
    /// crash mid-write leaves the old keys, not half of the new ones.
    pub fn write(&self, path: &Path) -> Result<(), CryptoError> {
        let bad = |reason: String| CryptoError::KeyFile {
            path: path.display().to_string(),
            reason,
        };
        let content = KeyFileContent {
            format: FILE_FORMAT.into(),
            index_key: B64.encode(*self.index_key),
            keys: self
                .keys
                .iter()
                .map(|k| KeyFileEntry {
                    id: k.id.clone(),
                    created_at: k.created_at.clone(),
                    key: B64.encode(*k.raw),
                })
                .collect(),
        };
        let text = Zeroizing::new(serde_json::to_string_pretty(&content).expect("serializable"));
        let tmp = path.with_extension("key-new");
        write_private(&tmp, text.as_bytes()).map_err(|e| bad(e.to_string()))?;
        std::fs::rename(&tmp, path).map_err(|e| bad(e.to_string()))?;
        Ok(())
    }
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

/// The id under which the index key's check value is recorded.
pub const INDEX_KEY_ID: &str = "index";

fn hmac_hex(key: &[u8], data: &[u8]) -> String {
    let mut mac = hmac::Hmac::<sha2_11::Sha256>::new_from_slice(key).expect("any key length");
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}

/// Where a store's keys come from.
#[derive(Clone)]
pub enum KeySource {
    /// A key file: created with fresh keys when it is missing and the database holds no sealed
    /// data yet; reread when another process rotates it.
    File(PathBuf),
    /// Keys held in memory only (tests, one-off tools).
    Memory(Arc<Keyring>),
}

impl KeySource {
    /// A key file beside a SQLite database (`<db>.data-key`), the default when none is named.
    pub fn beside(db: &str) -> KeySource {
        KeySource::File(key_file_beside(db))
    }

    pub fn ephemeral() -> KeySource {
        KeySource::Memory(Arc::new(Keyring::generate()))
    }
}

/// The path of the key file beside a SQLite database: `<db>.data-key`.
pub fn key_file_beside(db: &str) -> PathBuf {
    let file = db
        .strip_prefix("sqlite://")
        .or_else(|| db.strip_prefix("sqlite:"))
        .unwrap_or(db);
    PathBuf::from(format!("{file}.data-key"))
}

/// A data key recorded in the database: its id and check value.
#[derive(Debug, Clone)]
pub struct RecordedKey {
    pub id: String,
    pub check_value: String,
}

/// The sealing and hashing a store does with its keys. Cheap to clone.
#[derive(Clone)]
pub struct Cipher {
    inner: Arc<CipherInner>,
}

struct CipherInner {
    ring: RwLock<Arc<Keyring>>,
    file: Option<PathBuf>,
    file_stamp: AtomicI64,
    checked_at: AtomicI64,
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// What tells a rewritten key file from the one read: its modification time, and (a rotation
/// writes a new file and renames it into place) its inode, for file systems with coarse times.
fn file_stamp(path: &Path) -> i64 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    let time = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta) as i64;
    #[cfg(not(unix))]
    let inode = 0;
    time ^ inode.rotate_left(32) ^ meta.len() as i64
}

impl Cipher {
    /// Opens the keys for a database that has recorded `recorded` keys (none when it is new or
    /// predates encryption). Returns the cipher, and the keys the database must now record.
    pub fn for_database(
        source: &KeySource,
        recorded: &[RecordedKey],
    ) -> Result<(Cipher, Vec<RecordedKey>), CryptoError> {
        let (ring, file) = match source {
            KeySource::Memory(ring) => (ring.clone(), None),
            KeySource::File(path) if path.exists() => (Arc::new(Keyring::read(path)?), Some(path)),
            KeySource::File(path) => {
                if let Some(k) = recorded.iter().find(|k| k.id != INDEX_KEY_ID) {
                    return Err(CryptoError::WrongKey(format!(
                        "this database is sealed under data key {}, but the key file {} does \
                         not exist: name it with --data-key (CORRIDOR_DATA_KEY). If the key was \
                         destroyed, the data cannot be recovered.",
                        k.id,
                        path.display()
                    )));
                }
                let ring = Keyring::generate();
                ring.write(path)?;
                (Arc::new(ring), Some(path))
            }
        };
        let mut missing = Vec::new();
        let mut known_one = recorded.is_empty();
        for key in recorded {
            match ring.check_value(&key.id) {
                Some(check) if check == key.check_value && key.id != INDEX_KEY_ID => {
                    known_one = true;
                }
                Some(check) if check == key.check_value => {}
                Some(_) => {
                    return Err(CryptoError::WrongKey(format!(
                        "the key file does not belong to this database: its key {} differs \
                         from the one the database was sealed with",
                        key.id
                    )));
                }
                None if key.id == INDEX_KEY_ID => unreachable!("every keyring has an index key"),
                None => {}
            }
        }
        if !known_one {
            let ids: Vec<&str> = recorded
                .iter()
                .filter(|k| k.id != INDEX_KEY_ID)
                .map(|k| k.id.as_str())
                .collect();
            return Err(CryptoError::WrongKey(format!(
                "the key file holds none of the keys this database was sealed with ({})",
                ids.join(", ")
            )));
        }
        for id in std::iter::once(INDEX_KEY_ID.to_string()).chain(ring.key_ids()) {
            if !recorded.iter().any(|k| k.id == id) {
                missing.push(RecordedKey {
                    check_value: ring.check_value(&id).expect("own key"),
                    id,
                });
            }
        }
        let cipher = Cipher {
            inner: Arc::new(CipherInner {
                file_stamp: AtomicI64::new(file.map(|p| file_stamp(p)).unwrap_or(0)),
                file: file.cloned(),
                ring: RwLock::new(ring),
                checked_at: AtomicI64::new(now_secs()),
            }),
        };
        Ok((cipher, missing))
    }

    fn ring(&self) -> Arc<Keyring> {
        self.maybe_reload(false);
        self.inner.ring.read().expect("not poisoned").clone()
    }

    /// Rereads the key file when it changed (a rotation by another process), at most every
    /// couple of seconds unless forced; a file that no longer reads keeps the keys in memory.
    fn maybe_reload(&self, force: bool) -> bool {
        let Some(path) = &self.inner.file else {
            return false;
        };
        let now = now_secs();
        if !force && now - self.inner.checked_at.load(Ordering::Relaxed) < RELOAD_EVERY_SECS {
            return false;
        }
        self.inner.checked_at.store(now, Ordering::Relaxed);
        let stamp = file_stamp(path);
        if stamp == self.inner.file_stamp.load(Ordering::Relaxed) {
            return false;
        }
        match Keyring::read(path) {
            Ok(ring) => {
                *self.inner.ring.write().expect("not poisoned") = Arc::new(ring);
                self.inner.file_stamp.store(stamp, Ordering::Relaxed);
                true
            }
            Err(_) => false,
        }
    }

    /// The key new values are sealed under now.
    pub fn current_key_id(&self) -> String {
        self.ring().current_id().to_string()
    }

    /// Every key held, oldest first.
    pub fn key_ids(&self) -> Vec<String> {
        self.ring().key_ids()
    }

    /// Check values for every key held (to record in the database after a rotation).
    pub fn recorded_keys(&self) -> Vec<RecordedKey> {
        let ring = self.ring();
        std::iter::once(INDEX_KEY_ID.to_string())
            .chain(ring.key_ids())
            .map(|id| RecordedKey {
                check_value: ring.check_value(&id).expect("own key"),
                id,
            })
            .collect()
    }

    /// Picks up a key file changed by `corridor keys rotate` now rather than within seconds.
    pub fn reload(&self) -> bool {
        self.maybe_reload(true)
    }

    pub fn seal(&self, field: Field, plain: &str) -> String {
        let ring = self.ring();
        let key = ring.current();
        // A CSPRNG per thread, seeded from the OS: a system call per value would cost intake
        // a third of its speed. 192-bit random nonces do not repeat in practice.
        let mut nonce = [0u8; 24];
        rand::thread_rng().fill_bytes(&mut nonce);
        let aad = field.aad();
        let sealed = key
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .expect("sealing in memory cannot fail");
        let mut out = Vec::with_capacity(24 + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        format!("{SEALED_PREFIX}{}:{}", key.id, B64.encode(out))
    }

    pub fn seal_opt(&self, field: Field, plain: Option<&str>) -> Option<String> {
        plain.map(|p| self.seal(field, p))
    }

    /// Opens a sealed value. A value without the sealed prefix was written before encryption
    /// existed and is returned as it is (the next sweep seals it).
    pub fn open(&self, field: Field, stored: &str) -> Result<String, CryptoError> {
        let Some(rest) = stored.strip_prefix(SEALED_PREFIX) else {
            return Ok(stored.to_string());
        };
        let (id, body) = rest
            .split_once(':')
            .ok_or(CryptoError::Corrupt(field.label()))?;
        let mut ring = self.ring();
        if ring.find(id).is_none() && self.maybe_reload(true) {
            ring = self.ring();
        }
        let key = ring
            .find(id)
            .ok_or_else(|| CryptoError::UnknownKey(id.to_string()))?;
        let bytes = B64
            .decode(body)
            .map_err(|_| CryptoError::Corrupt(field.label()))?;
        if bytes.len() < 24 {
            return Err(CryptoError::Corrupt(field.label()));
        }
        let (nonce, sealed) = bytes.split_at(24);
        let aad = field.aad();
        let plain = key
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| CryptoError::Corrupt(field.label()))?;
        String::from_utf8(plain).map_err(|_| CryptoError::Corrupt(field.label()))
    }

    pub fn open_opt(
        &self,
        field: Field,
        stored: Option<&str>,
    ) -> Result<Option<String>, CryptoError> {
        stored.map(|s| self.open(field, s)).transpose()
    }

    /// True when a stored value is sealed under the current key (nothing for a sweep to do).
    pub fn is_current(&self, stored: &str) -> bool {
        let ring = self.ring();
        stored
            .strip_prefix(SEALED_PREFIX)
            .and_then(|rest| rest.split_once(':'))
            .is_some_and(|(id, _)| id == ring.current_id())
    }

    /// Re-seals a stored value under the current key (sealing it if it was left in clear).
    pub fn reseal(&self, field: Field, stored: &str) -> Result<String, CryptoError> {
        let plain = Zeroizing::new(self.open(field, stored)?);
        Ok(self.seal(field, &plain))
    }

    /// A keyed hash for a lookup key compared in SQL. `purpose` keeps hashes of different
    /// kinds of value apart.
    pub fn blind(&self, purpose: &str, value: &str) -> String {
        let ring = self.ring();
        let mut data = Vec::with_capacity(purpose.len() + 1 + value.len());
        data.extend_from_slice(purpose.as_bytes());
        data.push(0);
        data.extend_from_slice(value.as_bytes());
        format!("h1:{}", &hmac_hex(&*ring.index_key, &data)[..40])
    }

    /// The key file this cipher reads, if any.
    pub fn key_file(&self) -> Option<&Path> {
        self.inner.file.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cipher() -> Cipher {
        Cipher::for_database(&KeySource::ephemeral(), &[])
            .unwrap()
            .0
    }

    #[test]
    fn sealed_values_open_and_show_nothing_of_the_plaintext() {
        let c = cipher();
        let sealed = c.seal(Field::PersonDetails, "Najibullah Ahmadzai +93701234567");
        assert!(sealed.starts_with(SEALED_PREFIX));
        assert!(!sealed.contains("Najib"));
        assert!(!sealed.contains("701234567"));
        assert_eq!(
            c.open(Field::PersonDetails, &sealed).unwrap(),
            "Najibullah Ahmadzai +93701234567"
        );
        // Random nonces: the same value seals differently each time.
        assert_ne!(
            sealed,
            c.seal(Field::PersonDetails, "Najibullah Ahmadzai +93701234567")
        );
    }

    #[test]
    fn a_value_moved_to_another_column_or_altered_does_not_open() {
        let c = cipher();
        let sealed = c.seal(Field::RequesterName, "Fatima");
        assert!(matches!(
            c.open(Field::NoteBody, &sealed),
            Err(CryptoError::Corrupt(_))
        ));
        let mut tampered = sealed.clone().into_bytes();
        let last = tampered.len() - 2;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert!(c.open(Field::RequesterName, &tampered).is_err());
    }

    #[test]
    fn another_keyring_cannot_open_and_hashes_differ() {
        let (a, b) = (cipher(), cipher());
        let sealed = a.seal(Field::NoteBody, "call back");
        assert!(matches!(
            b.open(Field::NoteBody, &sealed),
            Err(CryptoError::UnknownKey(_))
        ));
        assert_eq!(a.blind("requester", "x"), a.blind("requester", "x"));
        assert_ne!(a.blind("requester", "x"), a.blind("other", "x"));
        assert_ne!(a.blind("requester", "x"), b.blind("requester", "x"));
    }

    #[test]
    fn a_key_file_is_created_for_a_new_database_and_refused_for_another() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.data-key");
        let (c, record) = Cipher::for_database(&KeySource::File(path.clone()), &[]).unwrap();
        assert!(path.exists());
        assert_eq!(record.len(), 2, "the index key and one data key");
        let sealed = c.seal(Field::NoteBody, "note");
        // Reopened with what the database recorded: same keys, nothing new to record.
        let (c2, more) = Cipher::for_database(&KeySource::File(path.clone()), &record).unwrap();
        assert!(more.is_empty());
        assert_eq!(c2.open(Field::NoteBody, &sealed).unwrap(), "note");
        // The key file gone: refused, naming the key, and no new key made up.
        std::fs::remove_file(&path).unwrap();
        let err = Cipher::for_database(&KeySource::File(path.clone()), &record)
            .err()
            .unwrap();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(!path.exists());
        // Another database's key file: refused.
        Keyring::generate().write(&path).unwrap();
        let err = Cipher::for_database(&KeySource::File(path.clone()), &record)
            .err()
            .unwrap();
        assert!(err.to_string().contains("does not belong"), "{err}");
    }

    #[test]
    fn a_rotation_by_another_process_is_picked_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.data-key");
        let (server, _) = Cipher::for_database(&KeySource::File(path.clone()), &[]).unwrap();
        let old = server.seal(Field::NoteBody, "before");
        // `corridor keys rotate` in another process: adds a key, reseals, retires the old one.
        let mut ring = Keyring::read(&path).unwrap();
        let new_id = ring.add_key();
        ring.write(&path).unwrap();
        let (tool, _) = Cipher::for_database(&KeySource::File(path.clone()), &[]).unwrap();
        let resealed = tool.reseal(Field::NoteBody, &old).unwrap();
        assert!(tool.is_current(&resealed));
        // The server opens what the tool sealed under the key it did not know yet.
        assert_eq!(server.open(Field::NoteBody, &resealed).unwrap(), "before");
        assert_eq!(server.current_key_id(), new_id);
        assert!(server.seal(Field::NoteBody, "after").contains(&new_id));
    }

    #[test]
    fn values_from_before_encryption_open_as_they_are_and_reseal() {
        let c = cipher();
        assert_eq!(c.open(Field::NoteBody, "plain note").unwrap(), "plain note");
        assert!(!c.is_current("plain note"));
        let sealed = c.reseal(Field::NoteBody, "plain note").unwrap();
        assert!(c.is_current(&sealed));
    }
}
