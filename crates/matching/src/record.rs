//! Raw person records as they arrive, and their prepared (normalized, interned) form.

use crate::normalize::date::{BirthDate, parse_dob};
use crate::normalize::{document, name, phone};
use crate::util::{MemoCell, NONE, Vocab, memo};

/// One person record as submitted: raw strings, any of which may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub id: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub full_name: Option<String>,
    pub father_name: Option<String>,
    pub date_of_birth: Option<String>,
    pub sex: Option<String>,
    pub national_id: Option<String>,
    pub passport: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub province: Option<String>,
    /// Household (family) key, local to the list the record comes from: records of one
    /// list sharing it are one family. Keys of different lists are unrelated. Used by
    /// batch runs to link family members through a member known to be the same person
    /// (see `dedupe`); not compared as a field.
    #[serde(default)]
    pub household: Option<String>,
}

/// Normalized strings of one record, computed without shared state (so in parallel).
#[derive(Debug, Clone, Default)]
pub(crate) struct Normalized {
    pub given: Vec<String>,
    pub family: Vec<String>,
    pub family_alt: Vec<String>,
    pub father: Vec<String>,
    pub dob: Option<BirthDate>,
    pub sex: u8,
    pub tazkira: Option<String>,
    pub passport: Option<String>,
    pub phone: [u64; 2],
    pub email: Option<String>,
    pub address: Vec<String>,
    pub province: Option<String>,
}

/// A date of birth for comparison: as `parse_dob` reads it, or, for "yyyymmdd" digits
/// whose month cannot be one (19561309), with day and month swapped: one list wrote
/// yyyyddmm. Only for matching; what the app accepts as a date is `parse_dob`'s.
fn dob_for_matching(s: &str) -> Option<BirthDate> {
    if let Ok(d) = parse_dob(s) {
        return Some(d);
    }
    let b = s.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        let swapped = format!("{}{}{}", &s[..4], &s[6..], &s[4..6]);
        return parse_dob(&swapped).ok();
    }
    None
}

fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A name field that holds a name (not "LNU", "unknown", "-").
fn present_name(s: &Option<String>) -> Option<&str> {
    present(s).filter(|s| !name::is_placeholder(s))
}

fn parse_sex(s: &str) -> u8 {
    match name::fold(s).as_str() {
        "m" | "male" | "man" | "boy" | "mard" | "h" => 1,
        "f" | "female" | "woman" | "girl" | "zan" | "w" => 2,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_meet_their_spellings_and_towns() {
        for s in ["Balkh", "BALKH PROVINCE", "Mazar-e-Sharif", "مزار شریف"] {
            assert_eq!(province_key(s), province_key("balkh"), "{s}");
        }
        for s in ["Kabul", "KBL", "Kabol", "کابل"] {
            assert_eq!(province_key(s), province_key("kabul"), "{s}");
        }
        assert_ne!(province_key("Kandahar"), province_key("Kabul"));
    }
}

/// E.164 digits as a number, 0 when unusable. For matching (not for storage) an
/// 11-digit national number starting 03 is read as Pakistani: no Afghan number has that
/// shape, and Afghans in Pakistan write their local numbers so.
fn phone_number(s: &str) -> u64 {
    if let Ok(p) = phone::normalize(s) {
        return p[1..].parse().unwrap_or(0);
    }
    let digits: String = crate::normalize::ascii_digits(s)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    match digits.strip_prefix('0') {
        Some(rest) if digits.len() == 11 && rest.starts_with('3') => {
            format!("92{rest}").parse().unwrap_or(0)
        }
        _ => 0,
    }
}

/// An email for comparison: the canonical address, the address inside "Name <a@b.org>",
/// or else the text as written (lowercase, no spaces), which still compares with the
/// other side rather than counting as missing.
fn email_value(s: &str) -> String {
    if let Ok(e) = document::email(s) {
        return e;
    }
    if let Some(inner) = s.split_once('<').and_then(|(_, r)| r.split_once('>'))
        && let Ok(e) = document::email(inner.0)
    {
        return e;
    }
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// Words every address has; they say nothing about which address it is.
const ADDRESS_NOISE: &[&str] = &[
    "house",
    "home",
    "street",
    "st",
    "road",
    "rd",
    "near",
    "mosque",
    "masjid",
    "with",
    "relatives",
    "relative",
    "in",
    "at",
    "guest",
    "hotel",
    "afghanistan",
    "pakistan",
    "province",
    "district",
    "village",
    "camp",
    "city",
    "area",
    "the",
    "of",
    "no",
    "number",
    "waiting",
    "gate",
    "behind",
    "opposite",
    "next",
    "to",
    "and",
    "apartment",
    "flat",
    "block",
];

fn address_tokens(s: &str) -> Vec<String> {
    thread_local!(static ADDRESSES: MemoCell<Vec<String>> = MemoCell::default());
    memo(&ADDRESSES, s, address_tokens_uncached)
}

fn address_tokens_uncached(s: &str) -> Vec<String> {
    let kept: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !ADDRESS_NOISE.contains(&w.to_lowercase().as_str()))
        .collect();
    // Not through the name memo: addresses are mostly unique and would crowd names out.
    name::tokens_uncached(&kept.join(" "))
}

/// Province names, their other spellings and their main towns (lists name either).
const PROVINCES: &[(&str, &[&str])] = &[
    ("kabul", &["kabol", "kbl", "کابل"]),
    ("kandahar", &["kandhar", "qandahar", "قندهار", "کندهار"]),
    ("herat", &["hirat", "هرات"]),
    (
        "balkh",
        &[
            "mazar",
            "mazar e sharif",
            "mazar i sharif",
            "mazar-e-sharif",
            "mazar-i-sharif",
            "بلخ",
            "مزار شریف",
        ],
    ),
    (
        "nangarhar",
        &["nangahar", "ningarhar", "jalalabad", "ننگرهار", "جلال آباد"],
    ),
    ("kunduz", &["kondoz", "qunduz", "kundoz", "کندز"]),
    ("bamyan", &["bamian", "بامیان"]),
    ("daykundi", &["daikondi", "daikundi", "nili", "دایکندی"]),
    (
        "jawzjan",
        &["jowzjan", "sheberghan", "shibirghan", "جوزجان"],
    ),
    (
        "helmand",
        &["hilmand", "lashkar gah", "lashkargah", "هلمند"],
    ),
    ("ghazni", &["غزنی"]),
    ("faryab", &["maimana", "maymana", "فاریاب"]),
    ("parwan", &["parvan", "charikar", "پروان"]),
    ("takhar", &["taloqan", "تخار"]),
    (
        "baghlan",
        &["pul e khumri", "pul-e-khumri", "pol e khomri", "بغلان"],
    ),
    ("paktia", &["paktiya", "gardez", "پکتیا"]),
    ("badakhshan", &["faizabad", "fayzabad", "بدخشان"]),
    ("logar", &["pul e alam", "لوگر"]),
    ("laghman", &["lagman", "mehtarlam", "لغمان"]),
    ("khost", &["khowst", "خوست"]),
    ("wardak", &["maidan wardak", "maidan shahr", "وردک"]),
    ("kapisa", &["mahmud raqi", "کاپیسا"]),
    ("panjshir", &["panjsher", "پنجشیر"]),
    ("samangan", &["aybak", "سمنگان"]),
    ("sar e pol", &["sar-e pol", "sari pul", "سرپل"]),
    ("badghis", &["qala e naw", "بادغیس"]),
    ("ghor", &["chaghcharan", "غور"]),
    ("farah", &["فراه"]),
    ("nimroz", &["zaranj", "نیمروز"]),
    ("zabul", &["qalat", "زابل"]),
    ("uruzgan", &["oruzgan", "tarinkot", "ارزگان"]),
    ("paktika", &["sharana", "پکتیکا"]),
    ("kunar", &["asadabad", "کنر"]),
    ("nuristan", &["nooristan", "parun", "نورستان"]),
];

/// Matching key of a province: the key of its canonical name when the text names a
/// province, one of its spellings or its main town ("Mazar-e-Sharif" → Balkh);
/// "Province"/"Wilayat" words are dropped.
/// Whether the text names a province or its main town (for reading a search line).
pub(crate) fn is_province(s: &str) -> bool {
    let k = province_key(s);
    PROVINCES.iter().any(|(canon, _)| name::key(canon) == k)
}

fn province_key(s: &str) -> String {
    thread_local!(static PROVINCES_SEEN: MemoCell<String> = MemoCell::default());
    memo(&PROVINCES_SEEN, s, province_key_uncached)
}

fn province_key_uncached(s: &str) -> String {
    static MAP: std::sync::OnceLock<std::collections::HashMap<String, String>> =
        std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for (canon, others) in PROVINCES {
            let k = name::key(canon);
            m.insert(k.clone(), k.clone());
            for o in *others {
                m.insert(name::key(o), k.clone());
            }
        }
        m
    });
    let folded = name::fold(s);
    let words: Vec<&str> = folded
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "province" | "wilayat" | "velayat" | "city" | "afghanistan" | "pakistan"
            )
        })
        .collect();
    let k = name::key(&words.join(" "));
    map.get(&k).cloned().unwrap_or(k)
}

/// Up to two phone numbers from one field ("+92 324 8604803; +93 76 719 8583").
fn phone_numbers(s: &str) -> [u64; 2] {
    let mut out = [0u64; 2];
    let mut n = 0;
    for part in s.split([';', ',', '/', '|']).flat_map(|p| p.split(" or ")) {
        let v = phone_number(part);
        if v != 0 && n < 2 && !out.contains(&v) {
            out[n] = v;
            n += 1;
        }
    }
    out
}

impl Normalized {
    pub(crate) fn from_record(r: &Record) -> Normalized {
        let full = present_name(&r.full_name).map(name::split_full_name);
        let mut given_raw = present_name(&r.given_name).map(str::to_string);
        let mut father_raw = present_name(&r.father_name).map(str::to_string);
        // "X s/o Y" typed into the given-name column.
        if let Some(g) = &given_raw {
            let sp = name::split_full_name(g);
            if sp.father.is_some() || sp.spouse.is_some() {
                if father_raw.is_none() {
                    father_raw = sp.father;
                }
                given_raw = Some(match sp.family {
                    Some(f) => format!("{} {f}", sp.given),
                    None => sp.given,
                });
            }
        }
        let family_raw = present_name(&r.family_name).map(str::to_string);
        // "Mohammad Daud s/o Yousef", "Mohammad Daud": unless a family column or the
        // "Family, Given" form says otherwise, the whole head of a full name is the given
        // name and its last part only a possible family name (family_alt).
        let mut family_raw = family_raw;
        if given_raw.is_none() && present(&r.given_name).is_some() {
            // "FNU" (first name unknown) with the one name in the family column: that is
            // the given name.
            given_raw = family_raw.take();
        }
        // Only "Family, Given" names the family explicitly; otherwise the last part of a
        // full name is a guess (Afghan given names have two parts as often as not).
        let comma_form = present_name(&r.full_name).is_some_and(|f| f.contains(','));
        let given_from_full = given_raw.is_none();
        let (given_raw, family_raw, full_family, father_raw, marked) = match full {
            Some(sp) => {
                let marked = sp.father.is_some()
                    || sp.spouse.is_some()
                    || (!comma_form && family_raw.is_none());
                let head = match (&sp.family, marked) {
                    (Some(f), true) => format!("{} {f}", sp.given),
                    _ => sp.given,
                };
                (
                    given_raw.or(Some(head).filter(|g| !g.trim().is_empty())),
                    family_raw,
                    sp.family,
                    father_raw.or(sp.father),
                    marked,
                )
            }
            None => (given_raw, family_raw, None, father_raw, false),
        };
        let toks = |s: Option<String>| s.map(|s| name::tokens(&s)).unwrap_or_default();
        let mut given = toks(given_raw);
        let father = toks(father_raw);
        // "Ibrahimshah Muhammad Ismail" in a full-name field with "Muhammad Ismail" as the
        // father: the name followed by the father's, as on a tazkira, without "s/o".
        if given_from_full
            && !father.is_empty()
            && given.len() > father.len()
            && given.ends_with(&father)
        {
            given.truncate(given.len() - father.len());
        }
        let mut family = toks(family_raw);
        // The father's name copied into the family-name column is not a family name, nor
        // is the given name repeated there (a habit for people with one name).
        if !family.is_empty() && (family == father || family == given) {
            family.clear();
        }
        let mut full_family = toks(full_family);
        // A full name that only repeats the given-name column ("Mohammad Haidar" in both)
        // holds no family name: its last part belongs to the given name.
        if !marked && full_family.iter().all(|t| given.contains(t)) {
            full_family.clear();
        }
        if marked && family.is_empty() {
            return Normalized {
                given,
                family,
                family_alt: full_family,
                father,
                ..Normalized::other_fields(r)
            };
        }
        // A family name in the full name that the family column does not have (that
        // column may hold the father's name) is kept as an alternative.
        let family_alt = if family.is_empty() || family == full_family {
            if family.is_empty() {
                family = full_family;
            }
            Vec::new()
        } else {
            full_family
        };
        Normalized {
            given,
            family,
            family_alt,
            father,
            ..Normalized::other_fields(r)
        }
    }

    /// Everything but the names.
    fn other_fields(r: &Record) -> Normalized {
        let mut address = present(&r.address).map(address_tokens).unwrap_or_default();
        if address.is_empty()
            && let Some(raw) = present(&r.address)
        {
            // Only common words ("near the mosque") or no letters the name key keeps: still
            // an address, compared as written rather than reported missing.
            address = name::tokens(raw);
            if address.is_empty() {
                address.push(raw.to_lowercase());
            }
        }
        address.sort();
        address.dedup();
        Normalized {
            given: Vec::new(),
            family: Vec::new(),
            family_alt: Vec::new(),
            father: Vec::new(),
            dob: present(&r.date_of_birth).and_then(dob_for_matching),
            sex: present(&r.sex).map(parse_sex).unwrap_or(0),
            tazkira: present(&r.national_id).and_then(|t| document::tazkira(t).ok()),
            passport: present(&r.passport).and_then(|p| document::passport(p).ok()),
            phone: present(&r.phone).map(phone_numbers).unwrap_or([0, 0]),
            email: present(&r.email).map(email_value),
            address,
            province: present(&r.province)
                .map(province_key)
                .filter(|p| !p.is_empty()),
        }
    }
}

/// Up to N ids stored inline: comparing a pair then touches two records, not a dozen
/// heap blocks. Longer lists keep their first N (names rarely have more than four parts).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ids<const N: usize> {
    ids: [u32; N],
    len: u8,
}

impl<const N: usize> std::ops::Deref for Ids<N> {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.ids[..self.len as usize]
    }
}

impl<const N: usize> FromIterator<u32> for Ids<N> {
    fn from_iter<I: IntoIterator<Item = u32>>(iter: I) -> Self {
        let mut out = Ids {
            ids: [0; N],
            len: 0,
        };
        for id in iter.into_iter().take(N) {
            out.ids[out.len as usize] = id;
            out.len += 1;
        }
        out
    }
}

/// A record ready for comparison: name keys interned, identifiers canonical.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub given: Ids<4>,
    pub family: Ids<4>,
    /// Family name from the full-name field when it differs from the family column.
    pub family_alt: Ids<4>,
    pub family_alt_full: u32,
    pub father: Ids<4>,
    /// Interned id of the whole key (tokens joined), NONE when empty.
    pub given_full: u32,
    pub family_full: u32,
    pub father_full: u32,
    pub dob: Option<BirthDate>,
    pub sex: u8,
    pub tazkira: Option<Box<str>>,
    pub passport: Option<Box<str>>,
    /// Up to two phones as E.164 digits; 0 = none.
    pub phone: [u64; 2],
    pub email: Option<Box<str>>,
    pub address: Ids<8>,
    pub province: u32,
}

impl Prepared {
    pub(crate) fn from_normalized<V: Vocab>(n: &Normalized, vocab: &mut V) -> Prepared {
        let mut ids = |v: &[String]| -> (Ids<4>, u32) {
            if v.is_empty() {
                return (Ids::from_iter([]), NONE);
            }
            let toks: Ids<4> = v.iter().map(|t| vocab.intern(t)).collect();
            let full = if v.len() == 1 {
                toks[0]
            } else {
                vocab.intern(&v.join(" "))
            };
            (toks, full)
        };
        let (given, given_full) = ids(&n.given);
        let (family, family_full) = ids(&n.family);
        let (father, father_full) = ids(&n.father);
        let (family_alt, family_alt_full) = ids(&n.family_alt);
        Prepared {
            given,
            family,
            family_alt,
            family_alt_full,
            father,
            given_full,
            family_full,
            father_full,
            dob: n.dob,
            sex: n.sex,
            tazkira: n.tazkira.as_deref().map(Into::into),
            passport: n.passport.as_deref().map(Into::into),
            phone: n.phone,
            email: n.email.as_deref().map(Into::into),
            address: {
                // Sorted ids: the address comparison merges two sorted lists.
                let mut a: Vec<u32> = n.address.iter().map(|t| vocab.intern(t)).collect();
                a.sort_unstable();
                a.dedup();
                a.into_iter().collect()
            },
            province: n
                .province
                .as_deref()
                .map(|p| vocab.intern(p))
                .unwrap_or(NONE),
        }
    }
}
