//! Shared machinery of batch linking and the online index: preparing records, blocking
//! keys, term frequencies.

use crate::compare::{is_specific_tazkira, passport_number};
use crate::normalize::date::DatePrecision;
use crate::record::{Normalized, Prepared, Record};
use crate::util::{Interner, NONE, Vocab, hash_str, mix};
use rayon::prelude::*;

/// Reports progress of long steps (the CLI draws bars with it). All methods may be
/// called from several threads.
pub trait Progress: Sync {
    fn stage(&self, _name: &str, _total: u64) {}
    fn inc(&self, _n: u64) {}
    fn finish(&self) {}
}

/// Progress that reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Blocking rules; each record yields at most one key per rule (two for Solar Hijri years).
#[derive(Clone, Copy)]
#[repr(u64)]
enum Rule {
    GivenYear = 1,
    Phone,
    Tazkira,
    Passport,
    Email,
    FatherFamily,
    GivenFamily,
    GivenFather,
    FamilyDay,
    FatherYear,
    GivenDay,
    // Given name + province was tried: a fifth of all pairs for a hundredth of the recall.
    GivenFamilyYear,
    GivenYearProvince,
    /// Full birth date (day and month in either order) and province: records whose names
    /// are both typed with errors, or missing, meet on when and where.
    DayProvince,
    /// A personal number with one digit left out (each position in turn): numbers with
    /// one digit changed or two neighbours swapped share a key. (Adding the whole number,
    /// so that a number with a digit lost meets it, cost 0.0008 F1 on the benchmark at
    /// 100,000 records: such pairs were mostly different people.)
    TazkiraTypo,
}

/// Largest block a rule's key may form before it is skipped as unspecific: personal
/// identifiers are shared by few records (a household's phone); name-based keys of common
/// names by many, and their pairs would mostly be different people.
pub(crate) fn block_cap(key: u64, max_block: usize) -> usize {
    match key >> 59 {
        2..=5 => max_block,
        _ => (max_block / 4).max(2),
    }
}

/// The rule sits in the top 5 bits so blocks can be attributed to rules when tuning.
fn key(r: Rule, a: u64, b: u64) -> u64 {
    (mix(&[r as u64, a, b]) >> 5) | ((r as u64) << 59)
}

/// Order-free hash of the given and family name parts (the family-name alternative is
/// already part of the given name when it is set).
fn name_bag(p: &Prepared) -> u64 {
    let mut ids: Vec<u32> = p.given.iter().chain(p.family.iter()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let parts: Vec<u64> = ids.into_iter().map(u64::from).collect();
    mix(&parts)
}

/// The keys of a record with a given name that depend on its birth year.
fn given_year_keys(p: &Prepared, y: i32, out: &mut Vec<u64>) {
    out.push(key(Rule::GivenYear, p.given_full as u64, y as u64));
    // Narrower keys for common names, whose broad blocks overflow the cap.
    if p.family_full != NONE || p.family_alt_full != NONE {
        out.push(key(Rule::GivenFamilyYear, name_bag(p), y as u64));
    }
    if p.province != NONE {
        let gp = (p.given_full as u64) << 32 | p.province as u64;
        out.push(key(Rule::GivenYearProvince, gp, y as u64));
    }
}

fn father_year_key(p: &Prepared, y: i32, out: &mut Vec<u64>) {
    out.push(key(Rule::FatherYear, p.father_full as u64, y as u64));
}

/// For a search without a birth year: the year keys of every year in `years`, so that a
/// name alone meets the records that block on name and year.
pub(crate) fn year_probe_keys(
    p: &Prepared,
    years: std::ops::RangeInclusive<i32>,
    out: &mut Vec<u64>,
) {
    if p.dob.is_some() {
        return;
    }
    for y in years {
        if p.given_full != NONE {
            given_year_keys(p, y, out);
        }
        if p.father_full != NONE {
            father_year_key(p, y, out);
        }
    }
}

/// Blocking keys of a record: records sharing any key are compared.
pub(crate) fn block_keys<V: Vocab>(_v: &V, p: &Prepared, out: &mut Vec<u64>) {
    out.clear();
    let years: Vec<i32> = match p.dob {
        Some(d) => {
            let (a, b) = d.year_range();
            (a..=b).collect()
        }
        None => Vec::new(),
    };
    let real_day = p
        .dob
        .filter(|d| d.has_day() && d.precision != DatePrecision::Placeholder);
    let day_key = real_day.map(|d| {
        (d.year as u64) << 16 | (d.month.unwrap_or(0) as u64) << 8 | d.day.unwrap_or(0) as u64
    });
    if p.given_full != NONE {
        for &y in &years {
            given_year_keys(p, y, out);
        }
        if let Some(d) = day_key {
            out.push(key(Rule::GivenDay, p.given[0] as u64, d));
        }
        // All name parts as a bag: swapped given/family columns and a full name split
        // differently ("Aisha Alokozai" as one given name, or given plus family) meet.
        // One part alone is what the year and day rules are for: a block of everyone
        // called "Shabnam" would be mostly different people.
        if p.given.len() + p.family.len() >= 2 {
            out.push(key(Rule::GivenFamily, name_bag(p), 0));
        }
        if p.father_full != NONE {
            out.push(key(
                Rule::GivenFather,
                p.given_full as u64,
                p.father_full as u64,
            ));
        }
    }
    for &ph in p.phone.iter().filter(|&&ph| ph != 0) {
        out.push(key(Rule::Phone, ph, 0));
    }
    if let Some(t) = p.tazkira.as_deref().filter(|t| is_specific_tazkira(t)) {
        // A paper tazkira "371/12/903" is also written "37112903": one key for both.
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        out.push(key(Rule::Tazkira, hash_str(&digits), 0));
        let mut shorter = String::with_capacity(digits.len());
        for skip in 0..digits.len() {
            shorter.clear();
            shorter.push_str(&digits[..skip]);
            shorter.push_str(&digits[skip + 1..]);
            out.push(key(Rule::TazkiraTypo, hash_str(&shorter), 0));
        }
    }
    if let Some(t) = &p.passport {
        out.push(key(Rule::Passport, hash_str(passport_number(t)), 0));
    }
    if let Some(t) = &p.email {
        out.push(key(Rule::Email, hash_str(t), 0));
    }
    if p.father_full != NONE {
        if p.family_full != NONE {
            out.push(key(
                Rule::FatherFamily,
                p.father_full as u64,
                p.family_full as u64,
            ));
        }
        for &y in &years {
            father_year_key(p, y, out);
        }
    }
    if let (Some(d), true) = (day_key, p.family_full != NONE) {
        out.push(key(Rule::FamilyDay, p.family_full as u64, d));
    }
    if let (Some(d), true) = (real_day, p.province != NONE) {
        let (m, day) = (d.month.unwrap_or(0), d.day.unwrap_or(0));
        let either = (d.year as u64) << 16 | (m.min(day) as u64) << 8 | m.max(day) as u64;
        out.push(key(Rule::DayProvince, either, p.province as u64));
    }
    out.sort_unstable();
    out.dedup();
}

/// Records prepared for batch work.
pub(crate) struct Prepped {
    pub vocab: Interner,
    pub recs: Vec<Prepared>,
    /// Per name field (given, family, father): count per interned full key.
    pub tf: [Vec<u32>; 3],
}

pub(crate) fn full_ids(p: &Prepared) -> [u32; 3] {
    [p.given_full, p.family_full, p.father_full]
}

pub(crate) fn count_tf(tf: &mut [Vec<u32>; 3], p: &Prepared, vocab_len: usize) {
    for (f, id) in full_ids(p).into_iter().enumerate() {
        if id != NONE {
            if tf[f].len() < vocab_len {
                tf[f].resize(vocab_len, 0);
            }
            tf[f][id as usize] += 1;
        }
    }
}

/// P(two random records agree exactly), per name field, from the value counts.
pub(crate) fn random_exact_name(tf: &[Vec<u32>; 3]) -> [f64; 3] {
    let mut out = [0.0; 3];
    for (f, counts) in tf.iter().enumerate() {
        let n: f64 = counts.iter().map(|&c| c as f64).sum();
        if n > 0.0 {
            out[f] = counts
                .iter()
                .map(|&c| (c as f64 / n).powi(2))
                .sum::<f64>()
                .max(1e-6);
        } else {
            out[f] = 0.01;
        }
    }
    out
}

pub(crate) fn prepare_all(records: &[&Record], progress: &dyn Progress) -> Prepped {
    progress.stage("normalizing", records.len() as u64);
    let normalized: Vec<Normalized> = records
        .par_iter()
        .map(|r| {
            let n = Normalized::from_record(r);
            progress.inc(1);
            n
        })
        .collect();
    progress.finish();
    progress.stage("interning", 0);
    let mut vocab = Interner::default();
    let recs: Vec<Prepared> = normalized
        .iter()
        .map(|n| Prepared::from_normalized(n, &mut vocab))
        .collect();
    let mut tf: [Vec<u32>; 3] = Default::default();
    for p in &recs {
        count_tf(&mut tf, p, vocab.len());
    }
    progress.finish();
    Prepped { vocab, recs, tf }
}
