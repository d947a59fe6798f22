//! Field-by-field comparison of two prepared records into graded levels.

use crate::normalize::date::{BirthDate, DatePrecision};
use crate::record::Prepared;
use crate::util::{NONE, Vocab};

/// The fields compared, in the order of a comparison vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Field {
    GivenName,
    FamilyName,
    FatherName,
    DateOfBirth,
    Sex,
    NationalId,
    Passport,
    Phone,
    Email,
    Address,
    Province,
}

pub const FIELDS: [Field; NF] = [
    Field::GivenName,
    Field::FamilyName,
    Field::FatherName,
    Field::DateOfBirth,
    Field::Sex,
    Field::NationalId,
    Field::Passport,
    Field::Phone,
    Field::Email,
    Field::Address,
    Field::Province,
];

pub const NF: usize = 11;
pub const NL: usize = 5;

/// How well one field agrees. For dates: Exact = same day; Close = same year where one
/// side has no real day (year only, placeholder 1 January, overlapping Solar Hijri
/// years); Partial = one or two years apart or a single-part typo; Different otherwise.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Level {
    Missing = 0,
    Different = 1,
    Partial = 2,
    Close = 3,
    Exact = 4,
}

impl Level {
    pub(crate) fn from_u8(v: u8) -> Level {
        match v {
            1 => Level::Different,
            2 => Level::Partial,
            3 => Level::Close,
            4 => Level::Exact,
            _ => Level::Missing,
        }
    }
}

pub(crate) type Pattern = [u8; NF];

pub(crate) fn pack(p: &Pattern) -> u64 {
    p.iter()
        .enumerate()
        .fold(0u64, |acc, (i, &l)| acc | ((l as u64) << (i * 3)))
}

pub(crate) fn unpack(v: u64) -> Pattern {
    let mut p = [0u8; NF];
    for (i, l) in p.iter_mut().enumerate() {
        *l = ((v >> (i * 3)) & 7) as u8;
    }
    p
}

/// Similarity of two interned name keys, memoized per thread: the same common names
/// meet again and again across millions of pairs.
fn token_sim<V: Vocab>(v: &V, a: u32, b: u32) -> f64 {
    if a == b {
        return 1.0;
    }
    if !(v.shared(a) && v.shared(b)) {
        return token_sim_uncached(v, a, b);
    }
    const SLOTS: usize = 1 << 16;
    thread_local! {
        static CACHE: std::cell::RefCell<Vec<(u64, u64, f32)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let (x, y) = (a.min(b), a.max(b));
    let pair = (x as u64) << 32 | y as u64;
    let generation = v.generation();
    let slot = (crate::util::mix(&[pair, generation]) as usize) & (SLOTS - 1);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_empty() {
            c.resize(SLOTS, (u64::MAX, 0, 0.0));
        }
        let e = c[slot];
        if e.0 == pair && e.1 == generation {
            return e.2 as f64;
        }
        let s = token_sim_uncached(v, x, y);
        c[slot] = (pair, generation, s as f32);
        s
    })
}

/// Keys of different names that look alike to string similarity (حسن / حسین,
/// سعید / سید): never "close".
/// محمود / محمد share a consonant skeleton too.
const DISTINCT: &[(&str, &str)] = &[
    ("hasan", "hasajn"),
    ("hasana", "hasajna"),
    ("sad", "sajd"),
    ("mahmad", "mahamad"),
    ("mahmadi", "mahamadi"),
];

fn token_sim_uncached<V: Vocab>(v: &V, a: u32, b: u32) -> f64 {
    let (x, y) = (v.str(a), v.str(b));
    if DISTINCT
        .iter()
        .any(|&(p, q)| (x == p && y == q) || (x == q && y == p))
    {
        return 0.3;
    }
    // Spellings the public name table lists for one Arabic-script name (Daoud, Dawood).
    if crate::normalize::table::TABLE.same_name(x, y) {
        return 0.95;
    }
    let (sa, sb) = (v.skeleton(a), v.skeleton(b));
    // Equal consonant skeletons: the same name with vowels written differently or not at
    // all (Perso-Arabic script); short skeletons say too little to count.
    if sa == sb && sa != NONE && v.str(sa).len() >= 3 {
        return 0.95;
    }
    let (x, y) = (v.str(a), v.str(b));
    let s = crate::util::jaro_winkler(x, y);
    // Jaro forgives transposed first letters (Ahmad/Hamad); names rarely differ there.
    if x.as_bytes().first() != y.as_bytes().first() {
        s * 0.85
    } else {
        s
    }
}

/// Similarity of two name-token sets: mean of the best match of each token of the
/// shorter side, and whether the shorter side is contained exactly in the longer one.
fn set_sim<V: Vocab>(v: &V, a: &[u32], b: &[u32]) -> (f64, bool) {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut total = 0.0;
    let mut contained = true;
    for &t in short {
        let mut best: f64 = 0.0;
        for &u in long {
            let s = token_sim(v, t, u);
            if s > best {
                best = s;
            }
            if best >= 1.0 {
                break;
            }
        }
        if best < 1.0 {
            contained = false;
        }
        total += best;
    }
    (total / short.len() as f64, contained)
}

/// Name parts so common that sharing one says nothing (brothers Mohammad Ahmad and
/// Mohammad Mahmood share "Mohammad"; Ahmad Khan and Mahmood Khan share "Khan").
const COMMON_PARTS: &[&str] = &[
    "mahamad", "abd", "kal", "nar", "sajd", "mar", "xan", "jan", "sha", "ahmad",
];

fn shares_a_rare_part<V: Vocab>(v: &V, a: &[u32], b: &[u32], not: &[u32]) -> bool {
    a.iter()
        .any(|t| b.contains(t) && !not.contains(t) && !COMMON_PARTS.contains(&v.str(*t)))
}

/// Similarity of the letters of two names joined without spaces: 1 for the same letters
/// split into parts differently ("Bibi Shabnam" and "Bibishabnam", "Omar Shah" and
/// "Omarshah"), Jaro-Winkler otherwise. Names of one short part are left out (a
/// single-part name meeting a longer one is what `set_sim` judges).
fn joined_sim<V: Vocab>(v: &V, a: &[u32], b: &[u32]) -> f64 {
    let mut x = [0u8; 64];
    let mut y = [0u8; 64];
    let fill = |ids: &[u32], buf: &mut [u8; 64]| -> usize {
        let mut n = 0;
        for &t in ids {
            for c in v.str(t).bytes().filter(|&c| c != b' ') {
                if n < 64 {
                    buf[n] = c;
                    n += 1;
                }
            }
        }
        n
    };
    let (nx, ny) = (fill(a, &mut x), fill(b, &mut y));
    if nx.min(ny) < 6 {
        return if x[..nx] == y[..ny] { 1.0 } else { 0.0 };
    }
    if x[..nx] == y[..ny] {
        return 1.0;
    }
    // ASCII keys by construction.
    let (sx, sy) = (
        std::str::from_utf8(&x[..nx]).unwrap_or(""),
        std::str::from_utf8(&y[..ny]).unwrap_or(""),
    );
    crate::util::jaro_winkler(sx, sy)
}

fn name_level<V: Vocab>(v: &V, a: &[u32], a_full: u32, b: &[u32], b_full: u32) -> u8 {
    name_level_but(v, a, a_full, b, b_full, &[])
}

/// `name_level`, where sharing a part in `not` (a family name guessed from the end of a
/// full name, which a father and his daughter share) does not make names alike.
fn name_level_but<V: Vocab>(
    v: &V,
    a: &[u32],
    a_full: u32,
    b: &[u32],
    b_full: u32,
    not: &[u32],
) -> u8 {
    if a.is_empty() || b.is_empty() {
        return Level::Missing as u8;
    }
    if a_full == b_full {
        return Level::Exact as u8;
    }
    let (s, contained) = set_sim(v, a, b);
    if s >= 0.999 && a.len() == b.len() {
        return Level::Exact as u8;
    }
    if contained || s >= 0.92 {
        return Level::Close as u8;
    }
    // Parts split differently: compare the letters joined ("Bibi Shabnam" /
    // "Bibishabnam", "Ba Ba Fatama" / "Baba Fatma" from بی بی فاطمه).
    let joined = if a.len() != b.len() {
        joined_sim(v, a, b)
    } else {
        0.0
    };
    if joined >= 0.93 {
        Level::Close as u8
    } else if s >= 0.82 || joined >= 0.88 || shares_a_rare_part(v, a, b, not) {
        Level::Partial as u8
    } else {
        Level::Different as u8
    }
}

fn real_month(d: &BirthDate) -> Option<u8> {
    match d.precision {
        DatePrecision::Exact | DatePrecision::YearMonth | DatePrecision::SolarHijri => d.month,
        DatePrecision::YearOnly | DatePrecision::Placeholder => None,
    }
}

fn dob_level(a: &Option<BirthDate>, b: &Option<BirthDate>) -> u8 {
    let (Some(a), Some(b)) = (a, b) else {
        return Level::Missing as u8;
    };
    let (a0, a1) = a.year_range();
    let (b0, b1) = b.year_range();
    let overlap = a0 <= b1 && b0 <= a1;
    let gap = if overlap { 0 } else { (a0 - b1).max(b0 - a1) };
    if gap > 2 {
        return Level::Different as u8;
    }
    if gap > 0 {
        return Level::Partial as u8;
    }
    if !(a.has_day() && b.has_day()) {
        // Same year; months count only when both are real (not a placeholder).
        return match (real_month(a), real_month(b)) {
            (Some(x), Some(y)) if x != y && a.year == b.year => Level::Partial as u8,
            _ => Level::Close as u8,
        };
    }
    if a.year == b.year && a.month == b.month && a.day == b.day {
        return Level::Exact as u8;
    }
    // Both full dates: one part off (or day and month swapped) reads as a typo.
    let same = [a.year == b.year, a.month == b.month, a.day == b.day];
    // Day and month swapped: one list wrote month/day, the other day/month ("11/10/1982"
    // for 10 November); the same date read two ways, not a different one.
    let swapped = a.year == b.year && a.month == b.day && a.day == b.month;
    if swapped {
        return Level::Close as u8;
    }
    if same.iter().filter(|&&x| x).count() == 2 {
        Level::Partial as u8
    } else {
        Level::Different as u8
    }
}

fn small_edit(a: &str, b: &str) -> bool {
    crate::util::within_one_edit(a.as_bytes(), b.as_bytes())
}

/// Decimal digits of a number into a stack buffer.
fn digits(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    while n > 0 && i > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    &buf[i..]
}

/// Paper tazkiras are canonical "volume/page/record"; lists often cite only the record
/// number, which then agrees partly.
pub(crate) fn tazkira_level(a: &Option<Box<str>>, b: &Option<Box<str>>) -> u8 {
    if let (Some(x), Some(y)) = (a, b) {
        // A bare record number ("6923", the last part of a paper tazkira) is shared by
        // many people across volumes: agreement on it is a hint, not an identity.
        if x == y && !is_specific_tazkira(x) {
            return Level::Close as u8;
        }
        let (px, py) = (x.contains('/'), y.contains('/'));
        if px != py {
            let (paper, digits) = if px { (x, y) } else { (y, x) };
            if paper.bytes().filter(|&c| c != b'/').eq(digits.bytes()) {
                return Level::Exact as u8;
            }
            return if paper.rsplit('/').next() == Some(&**digits) {
                Level::Close as u8
            } else {
                Level::Different as u8
            };
        }
    }
    id_level(a, b)
}

/// Whether two records carry different numbers of one kind of personal document, both
/// complete: two passports, or two full tazkiras (not a bare record number, which many people
/// share across volumes), more than a typo apart. Such records are two people unless a person
/// decides otherwise: a score, however high, does not make them one.
/// `decide` says which kinds (tazkira, passport) the data show to be reliable enough for
/// that ([`crate::Model::documents_decide`]).
pub(crate) fn documents_contradict(a: &Prepared, b: &Prepared, decide: [bool; 2]) -> bool {
    let different = Level::Different as u8;
    let tazkiras = decide[0]
        && matches!((&a.tazkira, &b.tazkira), (Some(x), Some(y))
        if is_specific_tazkira(x) && is_specific_tazkira(y))
        && tazkira_level(&a.tazkira, &b.tazkira) == different;
    tazkiras || (decide[1] && passport_level(&a.passport, &b.passport) == different)
}

/// A full paper tazkira (volume/page/record) or an electronic number: one person's.
pub(crate) fn is_specific_tazkira(t: &str) -> bool {
    t.contains('/') || t.len() >= 7
}

pub(crate) fn id_level(a: &Option<Box<str>>, b: &Option<Box<str>>) -> u8 {
    match (a, b) {
        (Some(a), Some(b)) if a == b => Level::Exact as u8,
        (Some(a), Some(b)) if small_edit(a, b) => Level::Close as u8,
        (Some(_), Some(_)) => Level::Different as u8,
        _ => Level::Missing as u8,
    }
}

/// The number of a passport without its letter prefix ("P05782994" → "05782994"): lists
/// drop the prefix as often as they keep it.
pub(crate) fn passport_number(p: &str) -> &str {
    let digits = p.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    if digits.len() >= 6 { digits } else { p }
}

pub(crate) fn passport_level(a: &Option<Box<str>>, b: &Option<Box<str>>) -> u8 {
    let (Some(x), Some(y)) = (a, b) else {
        return Level::Missing as u8;
    };
    let (nx, ny) = (passport_number(x), passport_number(y));
    let prefix_agrees = nx.len() == x.len()
        || ny.len() == y.len()
        || x[..x.len() - nx.len()] == y[..y.len() - ny.len()];
    if x == y || (nx == ny && prefix_agrees) {
        Level::Exact as u8
    } else if small_edit(nx, ny) || small_edit(x, y) {
        Level::Close as u8
    } else {
        Level::Different as u8
    }
}

fn phone_level(a: [u64; 2], b: [u64; 2]) -> u8 {
    let mut best = Level::Missing as u8;
    for &x in a.iter().filter(|&&x| x != 0) {
        for &y in b.iter().filter(|&&y| y != 0) {
            let l = if x == y {
                Level::Exact as u8
            } else if crate::util::within_one_edit(digits(x, &mut [0; 20]), digits(y, &mut [0; 20]))
            {
                Level::Close as u8
            } else {
                Level::Different as u8
            };
            best = best.max(l);
        }
    }
    best
}

fn email_level(a: &Option<Box<str>>, b: &Option<Box<str>>) -> u8 {
    match (a, b) {
        (Some(a), Some(b)) if a == b => Level::Exact as u8,
        (Some(a), Some(b)) => {
            let la = a.split('@').next().unwrap_or("");
            let lb = b.split('@').next().unwrap_or("");
            if la == lb || small_edit(a, b) {
                Level::Close as u8
            } else {
                Level::Different as u8
            }
        }
        _ => Level::Missing as u8,
    }
}

/// Whether two address words are one word as typed twice: equal, or (words of letters)
/// alike to Jaro-Winkler, or (numbers of four or more digits, such as postcodes) one typo
/// apart. Short numbers (house numbers) must be equal.
fn address_words_alike<V: Vocab>(v: &V, a: u32, b: u32) -> bool {
    if a == b {
        return true;
    }
    let (x, y) = (v.str(a), v.str(b));
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    match (digits(x), digits(y)) {
        (true, true) => x.len() >= 4 && y.len() >= 4 && small_edit(x, y),
        (false, false) => x.len().min(y.len()) >= 4 && token_sim(v, a, b) >= 0.9,
        _ => false,
    }
}

/// Addresses as sets of words (common words such as "street" left out): Exact when the
/// same words, Close when at least half agree, Partial when some do. Words typed with a
/// typo ("rosetta vlilage", "wilxon") count as agreeing, each once.
fn address_level<V: Vocab>(v: &V, a: &[u32], b: &[u32]) -> u8 {
    if a.is_empty() || b.is_empty() {
        return Level::Missing as u8;
    }
    // Both sorted and deduplicated.
    let (mut i, mut j, mut common) = (0, 0, 0);
    let (mut only_a, mut only_b) = ([0u32; 8], [0u32; 8]);
    let (mut na, mut nb) = (0, 0);
    while i < a.len() || j < b.len() {
        let ord = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match ord {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                only_a[na] = a[i];
                na += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                only_b[nb] = b[j];
                nb += 1;
                j += 1;
            }
        }
    }
    let exact_union = a.len() + b.len() - common;
    if common == exact_union {
        return Level::Exact as u8;
    }
    // Words left on each side that agree with a typo, each used once.
    let mut used = [false; 8];
    let mut fuzzy = 0;
    for &x in &only_a[..na] {
        if let Some(k) = (0..nb).find(|&k| !used[k] && address_words_alike(v, x, only_b[k])) {
            used[k] = true;
            fuzzy += 1;
        }
    }
    let common = common + fuzzy;
    let union = a.len() + b.len() - common;
    let jac = common as f64 / union as f64;
    if jac >= 0.5 {
        Level::Close as u8
    } else if common > 0 {
        Level::Partial as u8
    } else {
        Level::Different as u8
    }
}

/// Provinces are spelled freely (Kandahar/Kandhar, Herat/Hirat): near-equal keys agree.
fn province_level<V: Vocab>(v: &V, a: u32, b: u32) -> u8 {
    if a == NONE || b == NONE {
        Level::Missing as u8
    } else if a == b || token_sim(v, a, b) >= 0.9 {
        Level::Exact as u8
    } else {
        Level::Different as u8
    }
}

fn concat8<'a>(x: &[u32], y: &[u32], buf: &'a mut [u32; 8]) -> &'a [u32] {
    let n = (x.len() + y.len()).min(8);
    for (slot, v) in buf.iter_mut().zip(x.iter().chain(y.iter())) {
        *slot = *v;
    }
    &buf[..n]
}

fn concat<'a>(x: &[u32], y: &[u32], buf: &'a mut [u32; 32]) -> &'a [u32] {
    let n = (x.len() + y.len()).min(32);
    for (slot, v) in buf.iter_mut().zip(x.iter().chain(y.iter())) {
        *slot = *v;
    }
    &buf[..n]
}

/// Compares two records field by field.
pub(crate) fn compare<V: Vocab>(v: &V, a: &Prepared, b: &Prepared) -> Pattern {
    let mut not = [0u32; 8];
    let not = concat8(&a.family_alt, &b.family_alt, &mut not);
    let mut given = name_level_but(v, &a.given, a.given_full, &b.given, b.given_full, not);
    let mut family = name_level(v, &a.family, a.family_full, &b.family, b.family_full);
    if family < Level::Close as u8 && (a.family_alt_full != NONE || b.family_alt_full != NONE) {
        // Either side's alternative family name (from its full name) may be the real one.
        let fa = [
            (&a.family, a.family_full),
            (&a.family_alt, a.family_alt_full),
        ];
        let fb = [
            (&b.family, b.family_full),
            (&b.family_alt, b.family_alt_full),
        ];
        for (x, xf) in fa {
            for (y, yf) in fb {
                if xf != NONE && yf != NONE {
                    family = family.max(name_level(v, x, xf, y, yf));
                }
            }
        }
    }
    if given < Level::Close as u8 && given != Level::Missing as u8 {
        // Given and family names swapped between columns, or a full name typed into the
        // given-name column: compare all name tokens together.
        let (mut buf_a, mut buf_b) = ([0u32; 32], [0u32; 32]);
        let all_a = concat(&a.given, &a.family, &mut buf_a);
        let all_b = concat(&b.given, &b.family, &mut buf_b);
        let (s, contained) = set_sim(v, all_a, all_b);
        // Swapped, each part alike (محمد هاشم جبارخیل / "Jabarkhil, Mohammad Hashim").
        if all_a.len() == all_b.len() && s >= 0.92 && all_a.len() >= 2 {
            given = Level::Close as u8;
            if family != Level::Missing as u8 {
                family = Level::Close as u8;
            }
        } else if contained && all_a.len().min(all_b.len()) >= 2 {
            given = Level::Close as u8;
        } else if contained && given == Level::Different as u8 {
            // "Hashim" against given "Kareemi", family "Hashim": columns mixed up, or not.
            given = Level::Partial as u8;
        }
    }
    if family == Level::Different as u8
        && (a.family_full == b.father_full || b.family_full == a.father_full)
    {
        // The father's name written in the family-name column.
        family = Level::Partial as u8;
    }
    let father = name_level(v, &a.father, a.father_full, &b.father, b.father_full);
    let sex = match (a.sex, b.sex) {
        (0, _) | (_, 0) => Level::Missing as u8,
        (x, y) if x == y => Level::Exact as u8,
        _ => Level::Different as u8,
    };
    [
        given,
        family,
        father,
        dob_level(&a.dob, &b.dob),
        sex,
        tazkira_level(&a.tazkira, &b.tazkira),
        passport_level(&a.passport, &b.passport),
        phone_level(a.phone, b.phone),
        email_level(&a.email, &b.email),
        address_level(v, &a.address, &b.address),
        province_level(v, a.province, b.province),
    ]
}
