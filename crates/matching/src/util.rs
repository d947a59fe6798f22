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

/// A per-thread table of the results of a pure function of a string.
pub(crate) type MemoCell<T> = std::cell::RefCell<FxMap<Box<str>, T>>;

/// Entries a memo table holds before it is emptied: enough for the spellings of a million
/// records' names, small enough that a long-running server's threads stay small.
const MEMO_CAPACITY: usize = 1 << 16;

/// `f(key)`, worked out once per key and thread. The same few thousand spellings of
/// names, dates and places come back in every list, and normalizing them (folding,
/// transliteration, phonetic keys) is most of the cost of preparing a record.
pub(crate) fn memo<T: Clone>(
    cell: &'static std::thread::LocalKey<MemoCell<T>>,
    key: &str,
    f: impl FnOnce(&str) -> T,
) -> T {
    cell.with(|table| {
        if let Some(hit) = table.borrow().get(key) {
            return hit.clone();
        }
        // Computed with the table released: `f` may call the same memo again.
        let value = f(key);
        let mut table = table.borrow_mut();
        if table.len() >= MEMO_CAPACITY {
            table.clear();
        }
        table.insert(key.into(), value.clone());
        value
    })
}

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
#[derive(Clone)]
pub(crate) struct Interner {
    /// Distinguishes interners in the similarity cache (ids mean different strings in
    /// different interners; an id never changes meaning within one).
    generation: u64,
    ids: FxMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
    /// Interned id of each string's consonant skeleton.
    skeletons: Vec<u32>,
}

pub(crate) const NONE: u32 = u32::MAX;

static NEXT_GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Default for Interner {
    fn default() -> Self {
        Interner {
            generation: NEXT_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ids: FxMap::default(),
            strings: Vec::new(),
            skeletons: Vec::new(),
        }
    }
}

impl Interner {
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.push(s);
        // One level only: a skeleton is taken as its own skeleton. Skeletons are not always a
        // fixed point, and fuzzing found a string whose chain of skeletons never ended (the
        // recursion this replaces ran out of memory).
        let sk = crate::normalize::name::skeleton(s);
        if sk != s {
            let sk_id = match self.ids.get(sk.as_str()) {
                Some(&known) => known,
                None => self.push(&sk),
            };
            self.skeletons[id as usize] = sk_id;
        }
        id
    }

    /// Adds a string that is its own skeleton.
    fn push(&mut self, s: &str) -> u32 {
        let id = self.strings.len() as u32;
        self.ids.insert(s.into(), id);
        self.strings.push(s.into());
        self.skeletons.push(id);
        id
    }

    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }

    /// Every string in id order with its skeleton's id (for a snapshot of the index).
    pub(crate) fn parts(&self) -> (&[Box<str>], &[u32]) {
        (&self.strings, &self.skeletons)
    }

    /// An interner holding exactly these strings under these ids, as [`Interner::parts`]
    /// gave them. `None` when a skeleton names no string or a string comes twice.
    pub(crate) fn from_parts(strings: Vec<Box<str>>, skeletons: Vec<u32>) -> Option<Interner> {
        if strings.len() != skeletons.len()
            || skeletons.iter().any(|&s| s as usize >= strings.len())
        {
            return None;
        }
        let mut ids = FxMap::default();
        ids.reserve(strings.len());
        for (i, s) in strings.iter().enumerate() {
            if ids.insert(s.clone(), i as u32).is_some() {
                return None;
            }
        }
        Some(Interner {
            ids,
            strings,
            skeletons,
            ..Interner::default()
        })
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
    /// Identity of the shared interner, and whether an id belongs to it (not to a query).
    fn generation(&self) -> u64;
    fn shared(&self, id: u32) -> bool;
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
    fn generation(&self) -> u64 {
        self.generation
    }
    fn shared(&self, _id: u32) -> bool {
        true
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
    fn generation(&self) -> u64 {
        self.base.generation
    }
    fn shared(&self, id: u32) -> bool {
        (id as usize) < self.base.len()
    }
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
        // One level only, as in `Interner::intern`.
        let sk = crate::normalize::name::skeleton(s);
        if sk != s {
            let sk_id = match self.base.get(&sk) {
                Some(known) => known,
                None => match self.extra.iter().position(|(e, _)| **e == *sk) {
                    Some(p) => (n + p) as u32,
                    None => {
                        let sk_id = (n + self.extra.len()) as u32;
                        self.extra.push((sk.as_str().into(), sk_id));
                        sk_id
                    }
                },
            };
            self.extra[id as usize - n].1 = sk_id;
        }
        id
    }
}

/// Jaro-Winkler similarity without allocation (names are short ASCII keys); longer
/// strings fall back to strsim. Same definition as strsim's.
#[allow(clippy::needless_range_loop)] // j indexes both b and the bit mask
pub(crate) fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > 64 || b.len() > 64 {
        return strsim::jaro_winkler(&String::from_utf8_lossy(a), &String::from_utf8_lossy(b));
    }
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used: u64 = 0;
    let mut a_used: u64 = 0;
    let mut matches = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if b_used & (1 << j) == 0 && b[j] == ca {
                b_used |= 1 << j;
                a_used |= 1 << i;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        if a_used & (1 << i) == 0 {
            continue;
        }
        while b_used & (1 << j) == 0 {
            j += 1;
        }
        if ca != b[j] {
            transpositions += 1;
        }
        j += 1;
    }
    let m = matches as f64;
    let jaro =
        (m / a.len() as f64 + m / b.len() as f64 + (m - (transpositions / 2) as f64) / m) / 3.0;
    let prefix = a
        .iter()
        .zip(b.iter())
        .take(4)
        .take_while(|(x, y)| x == y)
        .count() as f64;
    jaro + 0.1 * prefix * (1.0 - jaro)
}

/// True when the byte strings differ by at most one substitution, insertion, deletion
/// or transposition of neighbours (a typo).
pub(crate) fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let i = long
        .iter()
        .zip(short.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if long.len() == short.len() {
        long[i + 1..] == short[i + 1..]
            || (i + 1 < long.len()
                && long[i] == short[i + 1]
                && long[i + 1] == short[i]
                && long[i + 2..] == short[i + 2..])
    } else {
        long[i + 1..] == short[i..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaro_winkler_agrees_with_strsim() {
        for (a, b) in [
            ("mahamad", "mahmad"),
            ("ahmad", "hamad"),
            ("najabala", "najab"),
            ("x", "y"),
            ("martha", "marhta"),
            ("abc", "abc"),
        ] {
            assert!(
                (jaro_winkler(a, b) - strsim::jaro_winkler(a, b)).abs() < 1e-9,
                "{a} {b}"
            );
        }
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit(b"1399010112345", b"1399010112346"));
        assert!(within_one_edit(b"P01234567", b"P0123457"));
        assert!(within_one_edit(b"P01234567", b"P01235467"));
        assert!(!within_one_edit(b"P01234567", b"P01254763"));
    }
}
