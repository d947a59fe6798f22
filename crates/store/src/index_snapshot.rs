//! The matching index's snapshot: what a server writes so that the next one starts from it
//! instead of normalizing every known person again (see `corridor_intake::matcher`).
//!
//! The snapshot holds every known person's normalized names, birth date, documents and phones,
//! so it is sealed like a document: a data key of its own seals the bytes chunk by chunk with
//! XChaCha20-Poly1305, and that key is stored sealed by the database's key
//! ([`Field::IndexSnapshotKey`]). `corridor keys rotate` reseals the small key only, `keys
//! destroy` makes the snapshot unreadable with everything else, and a purge deletes it (the
//! purged people are in it). Each chunk's associated data names its position, the number of
//! chunks and the snapshot's last record, so chunks cannot be reordered, dropped, or moved to
//! another snapshot unnoticed.
//!
//! The matching parameters are kept apart, in clear ([`StoredModel`]): they are a few hundred
//! probabilities about fields, nothing about anyone, and survive a purge, so that a start
//! after one rebuilds the index without estimating them again.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use corridor_domain::RecordId;
use rand::RngCore;
use zeroize::Zeroizing;

use crate::crypto::{Cipher, CryptoError, Field};

/// Bytes per sealed chunk: large enough that a million records are a few dozen rows, small
/// enough that no row nears a database's limit on one value.
pub const CHUNK_SIZE: usize = 8 << 20;

/// A snapshot as stored: its data key sealed under the database's key, its content sealed
/// chunk by chunk under that data key.
pub struct SealedSnapshot {
    /// The highest person record id the snapshot holds: a server reading it catches up
    /// from the records after it.
    pub last_record: RecordId,
    /// Live records in the snapshot.
    pub records: i64,
    pub wrapped_key: String,
    pub chunks: Vec<Vec<u8>>,
}

/// A snapshot opened: the index's bytes (see `corridor_matching::MatchIndex::to_snapshot`).
pub struct IndexSnapshot {
    pub last_record: RecordId,
    pub records: i64,
    pub written_at: DateTime<Utc>,
    pub bytes: Zeroizing<Vec<u8>>,
}

/// The matching parameters last estimated, and over how many records.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredModel {
    /// `corridor_matching::Model` as JSON.
    pub model: String,
    pub records: i64,
    pub trained_at: DateTime<Utc>,
}

fn chunk_aad(seq: usize, count: usize, last_record: RecordId) -> Vec<u8> {
    format!(
        "corridor index snapshot chunk {seq} of {count} up to record {}",
        last_record.0
    )
    .into_bytes()
}

/// Seals a snapshot's bytes under a fresh data key, wrapped by the database's key.
pub fn seal(c: &Cipher, bytes: &[u8], last_record: RecordId, records: i64) -> SealedSnapshot {
    let mut raw = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(&mut *raw);
    let cipher = XChaCha20Poly1305::new((&*raw).into());
    let pieces: Vec<&[u8]> = if bytes.is_empty() {
        vec![&[]]
    } else {
        bytes.chunks(CHUNK_SIZE).collect()
    };
    let count = pieces.len();
    let chunks = pieces
        .iter()
        .enumerate()
        .map(|(seq, piece)| {
            let mut nonce = [0u8; 24];
            rand::thread_rng().fill_bytes(&mut nonce);
            let aad = chunk_aad(seq, count, last_record);
            let sealed = cipher
                .encrypt(
                    XNonce::from_slice(&nonce),
                    Payload {
                        msg: piece,
                        aad: &aad,
                    },
                )
                .expect("sealing in memory cannot fail");
            let mut out = Vec::with_capacity(24 + sealed.len());
            out.extend_from_slice(&nonce);
            out.extend_from_slice(&sealed);
            out
        })
        .collect();
    let wrapped_key = c.seal(Field::IndexSnapshotKey, &Zeroizing::new(hex::encode(*raw)));
    SealedSnapshot {
        last_record,
        records,
        wrapped_key,
        chunks,
    }
}

const WHAT: &str = "the matching index's snapshot";

/// Opens a stored snapshot: its wrapped key, then every chunk in order.
pub fn open(
    c: &Cipher,
    wrapped_key: &str,
    last_record: RecordId,
    chunks: &[Vec<u8>],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let text = Zeroizing::new(c.open(Field::IndexSnapshotKey, wrapped_key)?);
    let raw = Zeroizing::new(hex::decode(text.as_bytes()).map_err(|_| CryptoError::Corrupt(WHAT))?);
    if raw.len() != 32 {
        return Err(CryptoError::Corrupt(WHAT));
    }
    let cipher = XChaCha20Poly1305::new(raw.as_slice().into());
    let count = chunks.len();
    let mut out = Zeroizing::new(Vec::with_capacity(count * CHUNK_SIZE));
    for (seq, sealed) in chunks.iter().enumerate() {
        if sealed.len() < 24 {
            return Err(CryptoError::Corrupt(WHAT));
        }
        let (nonce, body) = sealed.split_at(24);
        let aad = chunk_aad(seq, count, last_record);
        let plain = Zeroizing::new(
            cipher
                .decrypt(
                    XNonce::from_slice(nonce),
                    Payload {
                        msg: body,
                        aad: &aad,
                    },
                )
                .map_err(|_| CryptoError::Corrupt(WHAT))?,
        );
        out.extend_from_slice(&plain);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::KeySource;

    #[test]
    fn a_snapshot_opens_whole_and_only_whole() {
        let c = Cipher::for_database(&KeySource::ephemeral(), &[])
            .expect("cipher")
            .0;
        let bytes: Vec<u8> = (0..(CHUNK_SIZE * 2 + 5)).map(|i| (i % 251) as u8).collect();
        let s = seal(&c, &bytes, RecordId(42), 3);
        assert_eq!(s.chunks.len(), 3);
        let opened = open(&c, &s.wrapped_key, RecordId(42), &s.chunks).expect("opens");
        assert_eq!(&*opened, &bytes);
        // Another last record, a chunk dropped, two chunks swapped: none opens.
        assert!(open(&c, &s.wrapped_key, RecordId(43), &s.chunks).is_err());
        assert!(open(&c, &s.wrapped_key, RecordId(42), &s.chunks[..2]).is_err());
        let mut swapped = s.chunks.clone();
        swapped.swap(0, 1);
        assert!(open(&c, &s.wrapped_key, RecordId(42), &swapped).is_err());
        // Nothing of the content shows in what is stored.
        assert!(!s.wrapped_key.contains(&hex::encode(&bytes[..8])));
    }
}
