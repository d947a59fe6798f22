//! Documents: scans of tazkiras, passports, letters, attached to a person, a case or an
//! inquiry — what storage keeps of them and how their bytes are sealed.
//!
//! Envelope encryption: every document has a data key of its own (32 random bytes) that seals
//! its content, chunk by chunk, with XChaCha20-Poly1305; the data key itself is stored sealed
//! by the database's key ([`Field::DocumentKey`]). Rotation (`corridor keys rotate`) reseals the
//! small wrapped key only, never megabytes of content, and `keys destroy` makes every document
//! unreadable with everything else. Each chunk's associated data names its position and the
//! number of chunks, so chunks cannot be reordered, dropped or appended unnoticed, and a chunk
//! of one document does not open under another's key.
//!
//! The pipeline that decides what may be stored (type from the bytes, metadata stripped,
//! thumbnail) is `corridor-documents`; storage takes its result as it is.

use std::fmt;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use corridor_domain::{CaseId, InquiryId, PersonId};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::{Cipher, CryptoError, Field};

/// A document's id.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(transparent)]
pub struct DocumentId(pub i64);

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

macro_rules! codes {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $code:literal,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $code)] $variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

codes! {
    /// What a document is, as the person attaching it says.
    DocumentKind {
        /// The Afghan national identity document.
        Tazkira => "tazkira",
        Passport => "passport",
        /// A Chief of Mission letter.
        ComLetter => "com_letter",
        /// Proof of employment with a US agency or contractor.
        EmploymentProof => "employment_proof",
        /// USCIS form I-797.
        I797 => "i797",
        /// A UNHCR registration slip.
        UnhcrSlip => "unhcr_slip",
        Photo => "photo",
        Other => "other",
    }
}

codes! {
    /// The type of a stored document, as read from its bytes (never from its name or the
    /// type a client declared). HEIC photos are stored converted to JPEG.
    MediaType {
        Jpeg => "image/jpeg",
        Png => "image/png",
        Pdf => "application/pdf",
    }
}

codes! {
    /// Whether the malware scanner has seen a document. A document not yet scanned, when a
    /// scanner is configured, is held: not downloaded, not shared.
    ScanState {
        NotScanned => "not_scanned",
        Clean => "clean",
        Infected => "infected",
    }
}

impl MediaType {
    pub fn is_image(self) -> bool {
        matches!(self, MediaType::Jpeg | MediaType::Png)
    }

    /// The file name extension for a download.
    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Jpeg => "jpg",
            MediaType::Png => "png",
            MediaType::Pdf => "pdf",
        }
    }
}

/// The record a document belongs to, which decides who may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentOwner {
    Person(PersonId),
    Case(CaseId),
    Inquiry(InquiryId),
}

impl DocumentOwner {
    /// The object whose access rules a document follows.
    pub fn scope(self) -> crate::ScopedObject {
        match self {
            DocumentOwner::Person(p) => crate::ScopedObject::Person(p),
            DocumentOwner::Case(c) => crate::ScopedObject::Case(c),
            DocumentOwner::Inquiry(i) => crate::ScopedObject::Inquiry(i),
        }
    }

    /// "case 12": what the audit trail names.
    pub fn describe(self) -> String {
        match self {
            DocumentOwner::Person(p) => format!("person {p}"),
            DocumentOwner::Case(c) => format!("case {c}"),
            DocumentOwner::Inquiry(i) => format!("inquiry {i}"),
        }
    }
}

/// A document to store: the pipeline's output, ready to seal.
#[derive(Clone)]
pub struct NewDocument {
    pub owner: DocumentOwner,
    pub kind: DocumentKind,
    pub media_type: MediaType,
    /// The content as it will be served: metadata stripped, HEIC converted.
    pub content: Vec<u8>,
    pub thumbnail: Option<Vec<u8>>,
    pub scan: ScanState,
}

impl fmt::Debug for NewDocument {
    // Never the bytes: a log line must not hold a scan of a passport.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewDocument")
            .field("owner", &self.owner)
            .field("kind", &self.kind)
            .field("media_type", &self.media_type)
            .field("size", &self.content.len())
            .finish_non_exhaustive()
    }
}

/// A stored document, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Document {
    pub id: DocumentId,
    #[serde(skip)]
    pub owner: DocumentOwner,
    pub kind: DocumentKind,
    /// The type read from the file's bytes.
    #[schema(example = "application/pdf")]
    pub media_type: MediaType,
    /// Bytes, as stored (after metadata was removed).
    pub size: i64,
    pub scan: ScanState,
    pub has_thumbnail: bool,
    pub added_at: DateTime<Utc>,
}

/// What [`DocumentStore::add_document`](crate::DocumentStore::add_document) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedDocument {
    pub document: Document,
    /// The same file was stored for this owner already: that document is returned and
    /// nothing new was stored.
    pub already_present: bool,
}

/// How a document's content is read: for the audit trail, a view in the browser and a
/// download are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentRead {
    View,
    Download,
    Thumbnail,
}

/// The size of a sealed chunk's plaintext: a 2 MB scan is eight rows.
pub const CHUNK_SIZE: usize = 256 * 1024;

/// What the database's key hashes a document's content under, so that equal files of one
/// owner are found without the database learning anything of the content.
const CONTENT_PURPOSE: &str = "document content";

/// The keyed hash that finds an identical file of the same owner (per-case dedupe).
pub fn content_key(c: &Cipher, owner: DocumentOwner, sha256_hex: &str) -> String {
    c.blind(
        CONTENT_PURPOSE,
        &format!("{}:{sha256_hex}", owner.describe()),
    )
}

/// SHA-256 of a content, hex.
pub fn sha256_hex(content: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(content))
}

/// A document's content sealed under its own data key.
pub struct SealedContent {
    /// The data key, sealed under the database's key ([`Field::DocumentKey`]).
    pub wrapped_key: String,
    pub chunks: Vec<Vec<u8>>,
    pub thumbnail: Option<Vec<u8>>,
}

/// A document's data key, opened.
pub struct DocumentKey(Zeroizing<[u8; 32]>);

impl DocumentKey {
    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&*self.0).into())
    }

    /// Opens the wrapped key of a stored document.
    pub fn unwrap(c: &Cipher, wrapped: &str) -> Result<DocumentKey, CryptoError> {
        let text = Zeroizing::new(c.open(Field::DocumentKey, wrapped)?);
        let bytes = Zeroizing::new(
            hex::decode(text.as_bytes()).map_err(|_| CryptoError::Corrupt("a document's key"))?,
        );
        let mut raw = Zeroizing::new([0u8; 32]);
        if bytes.len() != 32 {
            return Err(CryptoError::Corrupt("a document's key"));
        }
        raw.copy_from_slice(&bytes);
        Ok(DocumentKey(raw))
    }

    /// Opens chunk `seq` of `count`.
    pub fn open_chunk(
        &self,
        seq: usize,
        count: usize,
        sealed: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        open(&self.cipher(), &chunk_aad(seq, count), sealed)
    }

    pub fn open_thumbnail(&self, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        open(&self.cipher(), THUMBNAIL_AAD, sealed)
    }
}

const THUMBNAIL_AAD: &[u8] = b"corridor document thumbnail";

fn chunk_aad(seq: usize, count: usize) -> Vec<u8> {
    format!("corridor document chunk {seq} of {count}").into_bytes()
}

fn seal_with(cipher: &XChaCha20Poly1305, aad: &[u8], plain: &[u8]) -> Vec<u8> {
    let mut nonce = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad })
        .expect("sealing in memory cannot fail");
    let mut out = Vec::with_capacity(24 + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

fn open(cipher: &XChaCha20Poly1305, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    if sealed.len() < 24 {
        return Err(CryptoError::Corrupt("a document"));
    }
    let (nonce, body) = sealed.split_at(24);
    cipher
        .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad })
        .map_err(|_| CryptoError::Corrupt("a document"))
}

/// Seals a content and its thumbnail under a fresh data key, wrapped by the database's key.
pub fn seal_content(c: &Cipher, content: &[u8], thumbnail: Option<&[u8]>) -> SealedContent {
    let mut raw = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(&mut *raw);
    let key = DocumentKey(raw);
    let cipher = key.cipher();
    // An empty file is one empty chunk, so that every document has at least one.
    let pieces: Vec<&[u8]> = if content.is_empty() {
        vec![&[]]
    } else {
        content.chunks(CHUNK_SIZE).collect()
    };
    let count = pieces.len();
    let chunks = pieces
        .iter()
        .enumerate()
        .map(|(seq, piece)| seal_with(&cipher, &chunk_aad(seq, count), piece))
        .collect();
    let wrapped_key = c.seal(Field::DocumentKey, &Zeroizing::new(hex::encode(*key.0)));
    SealedContent {
        wrapped_key,
        chunks,
        thumbnail: thumbnail.map(|t| seal_with(&cipher, THUMBNAIL_AAD, t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::KeySource;

    fn cipher() -> Cipher {
        Cipher::for_database(&KeySource::ephemeral(), &[])
            .unwrap()
            .0
    }

    #[test]
    fn content_seals_in_chunks_and_opens_in_order_only() {
        let c = cipher();
        let content: Vec<u8> = (0..(CHUNK_SIZE * 2 + 10))
            .map(|i| (i % 251) as u8)
            .collect();
        let sealed = seal_content(&c, &content, Some(b"thumb"));
        assert_eq!(sealed.chunks.len(), 3);
        assert!(!sealed.wrapped_key.contains(&hex::encode(&content[..16])));
        let key = DocumentKey::unwrap(&c, &sealed.wrapped_key).unwrap();
        let mut back = Vec::new();
        for (seq, chunk) in sealed.chunks.iter().enumerate() {
            back.extend(key.open_chunk(seq, 3, chunk).unwrap());
        }
        assert_eq!(back, content);
        assert_eq!(
            key.open_thumbnail(sealed.thumbnail.as_ref().unwrap())
                .unwrap(),
            b"thumb"
        );
        // Swapped, or counted short (a chunk dropped): refused.
        assert!(key.open_chunk(1, 3, &sealed.chunks[0]).is_err());
        assert!(key.open_chunk(0, 2, &sealed.chunks[0]).is_err());
        // Another document's key does not open it.
        let other = seal_content(&c, b"x", None);
        let other_key = DocumentKey::unwrap(&c, &other.wrapped_key).unwrap();
        assert!(other_key.open_chunk(0, 3, &sealed.chunks[0]).is_err());
    }

    #[test]
    fn content_keys_are_per_owner() {
        let c = cipher();
        let h = sha256_hex(b"same file");
        let a = content_key(&c, DocumentOwner::Case(CaseId(1)), &h);
        assert_eq!(a, content_key(&c, DocumentOwner::Case(CaseId(1)), &h));
        assert_ne!(a, content_key(&c, DocumentOwner::Case(CaseId(2)), &h));
        assert_ne!(a, content_key(&c, DocumentOwner::Person(PersonId(1)), &h));
    }

    #[test]
    fn codes_read_back() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(
            serde_json::to_string(&DocumentKind::ComLetter).unwrap(),
            "\"com_letter\""
        );
    }
}
