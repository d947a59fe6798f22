//! Small building blocks: a fast non-cryptographic hasher and a string interner.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (rustc's hasher): fast for the short keys used here. Not DoS-resistant, which
/// is fine: keys come from records already admitted, never from an attacker's choice of
/// hash table layout.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let mut last = [0u8; 8];
        let rem = chunks.remainder();
        last[..rem.len()].copy_from_slice(rem);
        self.add(u64::from_le_bytes(last) ^ rem.len() as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// Mixes several u64 parts into one blocking key (splitmix64 finalizer per step).
pub(crate) fn mix(parts: &[u64]) -> u64 {
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15;
    for &p in parts {
        h ^= p;
        h = h.wrapping_add(0x9E37_79B9_7F4A_7C15);
        h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        h ^= h >> 31;
    }
    h
}

pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    mix(&[h.finish()])
}

/// Interns name keys so records hold 4-byte ids instead of strings.
#[derive(Default, Clone)]
pub(crate) struct Interner {
    ids: FxMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
    /// Interned id of each string's consonant skeleton.
    skeletons: Vec<u32>,
}

pub(crate) const NONE: u32 = u32::MAX;

impl Interner {
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.ids.insert(s.into(), id);
        self.strings.push(s.into());
        self.skeletons.push(NONE);
        let sk = crate::normalize::name::skeleton(s);
        let sk_id = if sk == s { id } else { self.intern(&sk) };
        self.skeletons[id as usize] = sk_id;
        id
    }

    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }

    pub(crate) fn str(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }

    pub(crate) fn skeleton(&self, id: u32) -> u32 {
        self.skeletons[id as usize]
    }
}

/// Read access to interned strings, shared by the index's interner and a query overlay.
pub(crate) trait Vocab {
    fn str(&self, id: u32) -> &str;
    fn skeleton(&self, id: u32) -> u32;
    fn intern(&mut self, s: &str) -> u32;
}

impl Vocab for Interner {
    fn str(&self, id: u32) -> &str {
        Interner::str(self, id)
    }
    fn skeleton(&self, id: u32) -> u32 {
        Interner::skeleton(self, id)
    }
    fn intern(&mut self, s: &str) -> u32 {
        Interner::intern(self, s)
    }
}

/// A read-only interner extended with the strings of one query, so a query never
/// mutates the shared index.
pub(crate) struct Overlay<'a> {
    base: &'a Interner,
    extra: Vec<(Box<str>, u32)>,
}

impl<'a> Overlay<'a> {
    pub(crate) fn new(base: &'a Interner) -> Self {
        Overlay {
            base,
            extra: Vec::new(),
        }
    }
}

impl Vocab for Overlay<'_> {
    fn str(&self, id: u32) -> &str {
        let n = self.base.len();
        if (id as usize) < n {
            self.base.str(id)
        } else {
            &self.extra[id as usize - n].0
        }
    }
    fn skeleton(&self, id: u32) -> u32 {
        let n = self.base.len();
        if (id as usize) < n {
            self.base.skeleton(id)
        } else {
            self.extra[id as usize - n].1
        }
    }
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(id) = self.base.get(s) {
            return id;
        }
        let n = self.base.len();
        if let Some(p) = self.extra.iter().position(|(e, _)| &**e == s) {
            return (n + p) as u32;
        }
        let id = (n + self.extra.len()) as u32;
        self.extra.push((s.into(), id));
        let sk = crate::normalize::name::skeleton(s);
        if sk != s {
            let sk_id = self.intern(&sk);
            self.extra[id as usize - n].1 = sk_id;
        }
        id
    }
}
