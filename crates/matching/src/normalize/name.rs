//! Person names: folding, Perso-Arabic transliteration, a canonical matching key that
//! collapses the usual transliteration variants, and splitting of "X s/o Y" full names.

use crate::util::{MemoCell, memo};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A full name split into parts. Strings keep the spelling of the input (trimmed).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct SplitName {
    pub given: String,
    pub family: Option<String>,
    pub father: Option<String>,
    /// The husband's name of "Maryam w/o Qasim": it names someone else, and is not her
    /// father's name, so it is kept apart rather than compared as one.
    pub spouse: Option<String>,
}

/// Whole Perso-Arabic words whose Latin spelling is settled by usage; letter-by-letter
/// transliteration cannot recover the short vowels that the script does not write.
/// Keys are in folded form (ی, ک, ه, bare alef).
const ARABIC_WORDS: &[(&str, &str)] = &[
    ("محمد", "mohammad"),
    ("احمد", "ahmad"),
    ("محمود", "mahmood"),
    ("حامد", "hamid"),
    ("حمید", "hamid"),
    ("علی", "ali"),
    ("حسن", "hasan"),
    ("حسین", "hussain"),
    ("فاطمه", "fatima"),
    ("زهرا", "zahra"),
    ("مریم", "maryam"),
    ("عایشه", "aisha"),
    ("خدیجه", "khadija"),
    ("زینب", "zainab"),
    ("رحمن", "rahman"),
    ("رحمان", "rahman"),
    ("رحیم", "rahim"),
    ("رحمت", "rahmat"),
    ("کریم", "karim"),
    ("عبد", "abd"),
    ("نجیب", "najib"),
    ("یوسف", "yousuf"),
    ("یعقوب", "yaqub"),
    ("ابراهیم", "ibrahim"),
    ("اسماعیل", "ismail"),
    ("اسحاق", "ishaq"),
    ("عمر", "omar"),
    ("عثمان", "usman"),
    ("نور", "noor"),
    ("گل", "gul"),
    ("خان", "khan"),
    ("جان", "jan"),
    ("شاه", "shah"),
    ("بی", "bi"),
    ("ولی", "wali"),
    ("امین", "amin"),
    ("جمال", "jamal"),
    ("کمال", "kamal"),
    ("ناصر", "nasir"),
    ("نصیر", "nasir"),
    ("بشیر", "bashir"),
    ("نذیر", "nazir"),
    ("شریف", "sharif"),
    ("سید", "sayed"),
    ("قادر", "qadir"),
    ("وحید", "wahid"),
    ("واحد", "wahid"),
    ("رشید", "rashid"),
    ("مجید", "majid"),
    ("سلیمان", "sulaiman"),
    ("داود", "dawood"),
    ("موسی", "musa"),
    ("عیسی", "isa"),
    ("یحیی", "yahya"),
    ("مصطفی", "mustafa"),
    ("مرتضی", "murtaza"),
    ("هارون", "haroon"),
    ("همایون", "humayun"),
    ("ظاهر", "zahir"),
    ("طاهر", "tahir"),
    ("شکریه", "shukria"),
    ("پروین", "parwin"),
    ("نسرین", "nasrin"),
    ("ملالی", "malalai"),
    ("ملاله", "malala"),
    ("فریده", "farida"),
    ("حبیب", "habib"),
    ("حفیظ", "hafiz"),
    ("لطیف", "latif"),
    ("جلیل", "jalil"),
    ("خلیل", "khalil"),
    ("عزیز", "aziz"),
    ("کبیر", "kabir"),
    ("صابر", "sabir"),
    ("صدیق", "siddiq"),
    ("فرید", "farid"),
    ("فرهاد", "farhad"),
    ("جاوید", "javid"),
    ("سمیع", "sami"),
    ("شفیق", "shafiq"),
    ("رفیع", "rafi"),
    ("ضیا", "zia"),
    ("حکیم", "hakim"),
    ("قاسم", "qasim"),
    ("هاشم", "hashim"),
    ("اکبر", "akbar"),
    ("اصغر", "asghar"),
    ("جعفر", "jafar"),
    ("صالح", "saleh"),
    ("منصور", "mansoor"),
    ("مسعود", "masood"),
    ("سعید", "saeed"),
    ("عارف", "arif"),
    ("آرش", "arash"),
    ("ذبیح", "zabih"),
    ("فضل", "fazl"),
    ("سیف", "saif"),
    ("عطا", "ata"),
    ("امان", "aman"),
    ("شیر", "sher"),
    ("دوست", "dost"),
    ("مینا", "mina"),
    ("لیلا", "laila"),
    ("لیلی", "laila"),
    ("سارا", "sara"),
    ("سلیمه", "salima"),
    ("حلیمه", "halima"),
    ("آمنه", "amina"),
    ("امنه", "amina"),
    ("رقیه", "ruqia"),
    ("سکینه", "sakina"),
    ("گلالی", "gulalai"),
    ("نازیه", "nazia"),
    ("وژمه", "wazhma"),
    ("هوسی", "hosai"),
    ("کاکڑ", "kakar"),
    ("کاکر", "kakar"),
    ("پوپلزی", "popalzai"),
    ("درانی", "durrani"),
    ("هزاره", "hazara"),
    ("صافی", "safi"),
    ("نیازی", "niazi"),
    ("یوسفزی", "yousufzai"),
    ("احمدزی", "ahmadzai"),
    ("محمدزی", "mohammadzai"),
    ("وردک", "wardak"),
    ("مومند", "momand"),
    ("شینواری", "shinwari"),
    ("ستانکزی", "stanikzai"),
    ("کرزی", "karzai"),
    ("غنی", "ghani"),
    ("نوری", "noori"),
    ("رحیمی", "rahimi"),
    ("کریمی", "karimi"),
    ("احمدی", "ahmadi"),
    ("محمدی", "mohammadi"),
    ("حیدری", "haidari"),
    ("حسینی", "hussaini"),
    ("امیری", "amiri"),
    ("رسولی", "rasuli"),
    ("رسول", "rasul"),
    ("حیدر", "haidar"),
    ("امیر", "amir"),
    ("غلام", "ghulam"),
    ("میر", "mir"),
    ("جواد", "jawad"),
    ("هاشم", "hashim"),
    ("نادر", "nadir"),
    ("انور", "anwar"),
    ("هدایت", "hedayat"),
    ("عنایت", "inayat"),
    ("حکمت", "hekmat"),
    ("نعمت", "nemat"),
    ("ظاهر", "zahir"),
    ("بهار", "bahar"),
];

fn arabic_word(w: &str) -> Option<&'static str> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| ARABIC_WORDS.iter().copied().collect())
        .get(w)
        .copied()
}

/// Folds letter variants of Arabic, Persian and Pashto to one form each.
fn fold_arabic_letter(c: char) -> Option<char> {
    Some(match c {
        'ي' | 'ى' | 'ی' | 'ې' | 'ۍ' | 'ے' => 'ی',
        'ك' | 'ک' => 'ک',
        'ة' | 'ۀ' | 'ھ' | 'ہ' => 'ه',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        'ئ' => 'ی',
        'ګ' | 'گ' => 'گ',
        // tatweel and the hamza letter carry no sound a Latin spelling keeps
        'ـ' | 'ء' => return None,
        _ => c,
    })
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

fn is_long_vowel_letter(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ی')
}

/// Letter-by-letter transliteration of one folded Perso-Arabic word. و and ی are read as
/// consonants at the start of a word or before a vowel letter, as vowels elsewhere.
fn transliterate_letters(chars: &[char]) -> String {
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let at_start = i == 0;
        let s: &str = match c {
            'ا' => "a",
            'ب' => "b",
            'پ' => "p",
            'ت' | 'ط' | 'ټ' | 'ٹ' => "t",
            'ث' | 'س' | 'ص' | 'څ' => "s",
            'ج' => "j",
            'چ' => "ch",
            'ح' => "h",
            'خ' => "kh",
            'د' | 'ډ' | 'ڈ' => "d",
            'ذ' | 'ز' | 'ض' | 'ظ' | 'ځ' => "z",
            'ر' | 'ړ' | 'ڑ' => "r",
            'ژ' | 'ږ' => "zh",
            'ش' | 'ښ' => "sh",
            'ع' if at_start || next.is_some_and(|n| !is_long_vowel_letter(n)) => "a",
            'ع' => "",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ک' => "k",
            'گ' => "g",
            'ل' => "l",
            'م' => "m",
            'ن' | 'ڼ' | 'ں' => "n",
            'و' => {
                if at_start || next.is_some_and(is_long_vowel_letter) {
                    "w"
                } else {
                    "u"
                }
            }
            'ه' => {
                if i + 1 == chars.len() && i > 0 {
                    "a"
                } else {
                    "h"
                }
            }
            'ی' => {
                if at_start || next.is_some_and(|n| n == 'ا' || n == 'و') {
                    "y"
                } else {
                    "i"
                }
            }
            _ => "",
        };
        out.push_str(s);
    }
    out
}

/// Transliterates one folded Perso-Arabic word, using the dictionary for whole words and
/// for the pieces of common compounds (عبدال…, …الله, ال…).
fn transliterate_word(w: &str) -> String {
    if let Some(l) = arabic_word(w) {
        return l.to_string();
    }
    // Then the spelling most people with this name use (public name table).
    if let Some(l) = super::table::TABLE.latin(w) {
        return l.to_string();
    }
    if let Some(rest) = w.strip_prefix("عبدال").filter(|r| r.chars().count() >= 2) {
        if rest == "له" || rest == "ه" {
            return "abdullah".into();
        }
        return format!("abdul {}", transliterate_word(rest));
    }
    if let Some(head) = w.strip_suffix("الله").filter(|h| !h.is_empty()) {
        return format!("{} ullah", transliterate_word(head));
    }
    if w == "الله" {
        return "ullah".into();
    }
    if let Some(rest) = w.strip_prefix("ال").filter(|r| r.chars().count() >= 3) {
        return transliterate_word(rest);
    }
    if let Some(head) = w.strip_suffix("زی").filter(|h| h.chars().count() >= 2) {
        return format!("{}zai", transliterate_word(head));
    }
    let chars: Vec<char> = w.chars().collect();
    transliterate_letters(&chars)
}

/// Folds a name for display-independent comparison: NFKC, no diacritics or harakat, Arabic
/// and Persian letter variants unified, Perso-Arabic transliterated to Latin, other scripts
/// through any_ascii, lowercase ASCII words separated by single spaces.
pub fn fold(s: &str) -> String {
    thread_local!(static FOLDED: MemoCell<String> = MemoCell::default());
    memo(&FOLDED, s, fold_uncached)
}

fn fold_uncached(s: &str) -> String {
    if s.is_ascii() {
        // Fast path (most Latin input): no normalization or transliteration needed.
        let mut out = String::with_capacity(s.len());
        let mut pending_space = false;
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(b.to_ascii_lowercase() as char);
            } else if !matches!(b, b'\'' | b'`') {
                pending_space = true;
            }
        }
        return out;
    }
    // NFKC first (presentation forms, ligatures), then NFD so marks can be dropped.
    let decomposed: Vec<char> = s.nfkc().collect::<String>().nfd().collect();
    let mut words: Vec<String> = Vec::new();
    let mut arabic = String::new();
    let mut latin = String::new();

    fn flush_arabic(arabic: &mut String, words: &mut Vec<String>) {
        if !arabic.is_empty() {
            let recomposed: String = arabic.nfc().collect();
            words.push(transliterate_word(&recomposed));
            arabic.clear();
        }
    }
    fn flush_latin(latin: &mut String, words: &mut Vec<String>) {
        if !latin.is_empty() {
            words.push(std::mem::take(latin));
        }
    }

    for c in decomposed {
        if is_combining_mark(c) {
            continue;
        }
        if is_arabic_letter(c)
            && !c.is_ascii_digit()
            && !matches!(
                c,
                '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066B}'..='\u{066D}' | '\u{06D4}'
            )
        {
            if c.is_numeric() {
                flush_arabic(&mut arabic, &mut words);
                latin.push(super::ascii_digit(c));
                continue;
            }
            flush_latin(&mut latin, &mut words);
            if let Some(f) = fold_arabic_letter(c) {
                arabic.push(f);
            }
            continue;
        }
        flush_arabic(&mut arabic, &mut words);
        // Apostrophes inside words (Sa'id, O'Brien) are not separators.
        if matches!(c, '\'' | '’' | '`' | 'ʻ' | 'ʼ' | 'ʿ' | 'ʾ') {
            continue;
        }
        if c.is_alphanumeric() {
            if c.is_ascii() {
                latin.push(c.to_ascii_lowercase());
            } else {
                for a in any_ascii::any_ascii_char(c).chars() {
                    if a.is_ascii_alphanumeric() {
                        latin.push(a.to_ascii_lowercase());
                    } else {
                        flush_latin(&mut latin, &mut words);
                    }
                }
            }
        } else {
            flush_latin(&mut latin, &mut words);
        }
    }
    flush_arabic(&mut arabic, &mut words);
    flush_latin(&mut latin, &mut words);
    let joined = words.join(" ");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Placeholders lists put where a name is unknown ("LNU" = last name unknown).
const UNKNOWN: &[&str] = &[
    "lnu", "fnu", "unknown", "unk", "na", "n a", "none", "nil", "null", "nn", "x", "xx", "xxx",
];

/// True when a name field holds a placeholder for "unknown" rather than a name.
pub fn is_placeholder(s: &str) -> bool {
    // Every placeholder is short; folding (and transliterating) a real name to find out
    // costs more than the rest of its normalization.
    if s.chars().filter(|c| c.is_alphanumeric()).count() > 12 {
        return false;
    }
    let f = fold(s);
    f.is_empty() || UNKNOWN.contains(&f.as_str())
}

/// Titles and honorifics that lists add or leave out at will.
const DROPPED: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "eng", "engr", "haji", "hajji", "alhaj", "alhaji", "prof",
];

/// Suffix words that belong to the preceding name (Najib Ullah, Ahmad Zai, Siraj Uddin).
const JOIN_TO_PREVIOUS: &[&str] = &[
    "ullah", "ulla", "ulah", "ollah", "olah", "allah", "alla", "ullha", "zai", "zay", "zaee",
    "zaey", "zei", "uddin", "udin", "eddin", "uddeen", "addin", "aldin", "adin", "udeen",
];

/// Articles that appear between a prefix and a name (Abd al-Rahman, Siraj ud Din).
const ARTICLES: &[&str] = &[
    "al", "el", "ul", "ol", "ud", "ad", "ed", "ar", "ur", "as", "us", "an", "at", "az",
];

const ABD_PREFIXES: &[&str] = &[
    "abdul", "abdel", "abdal", "abdol", "abdur", "abdor", "abdus", "abdu", "abd",
];

/// Whole-token spellings that rules cannot reach (abbreviations mostly).
fn token_alias(t: &str) -> &str {
    match t {
        "mohd" | "muhd" | "mhd" | "md" | "mohd." | "mohamd" | "mohmd" | "mhmd" => "muhammad",
        "abdulla" | "abdollah" | "abdalla" | "abdallah" | "abdulah" => "abdullah",
        // Distinct names that vowel folding would merge with Hassan, Hassani and Saeed;
        // the j (absent from their spellings) keeps their keys apart.
        "hussain" | "husain" | "hussein" | "husein" | "hossein" | "hosein" | "husayn"
        | "hussayn" => "husajn",
        "hussaini" | "husaini" | "husseini" | "huseini" | "hosseini" | "hoseini" => "husajni",
        "sayed" | "sayyed" | "sayyid" | "sayid" | "syed" | "seyed" | "sayyad" => "sajd",
        _ if is_hussain(t, "n") => "husajn",
        _ if is_hussain(t, "ni") || is_hussain(t, "ny") => "husajni",
        _ => t,
    }
}

/// Hussain in any spelling (Hosain, Husayn, Hossein, …): hus/hos, then a vowel run with
/// an i, y or e, then the ending. Hassan/Hasan start with "has" and stay out.
fn is_hussain(t: &str, ending: &str) -> bool {
    let Some(rest) = t.strip_prefix("hus").or_else(|| t.strip_prefix("hos")) else {
        return false;
    };
    let Some(mid) = rest.trim_start_matches('s').strip_suffix(ending) else {
        return false;
    };
    !mid.is_empty()
        && mid.len() <= 3
        && mid.chars().all(|c| "aeiouy".contains(c))
        && mid.chars().any(|c| "iye".contains(c))
}

/// Splits an "abdul…" token into the canonical "abd" and the rest, unless it is Abdullah.
fn strip_abd(t: &str) -> Option<&str> {
    for p in ABD_PREFIXES {
        if let Some(rest) = t.strip_prefix(p)
            && rest.len() >= 3
            && !rest.starts_with("lah")
            && !rest.starts_with("llah")
            && rest != "la"
        {
            return Some(rest);
        }
    }
    None
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Phonetic key of one ASCII token: digraphs and interchangeable consonants unified,
/// every run of vowels reduced to one "a", doubled letters single, a final h after a
/// vowel dropped. Mohammad/Muhammad/Mohammed → "mahamad", Yousuf/Yusuf/Yousef → "yasaf".
fn phonetic(t: &str) -> String {
    let b = t.as_bytes();
    let mut mapped: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let n = b.get(i + 1).copied();
        match (c, n) {
            (b'p', Some(b'h')) => {
                mapped.push(b'f');
                i += 2;
                continue;
            }
            (b'k', Some(b'h')) => {
                mapped.push(b'x');
                i += 2;
                continue;
            }
            // غ and ق sound alike in Dari: Ghasem, Qasim and Kasim are one name.
            // g/gh/q/k: Ghulam and Gulam, Qasim and Kasim and Ghasem.
            (b'g', Some(b'h')) => {
                mapped.push(b'k');
                i += 2;
                continue;
            }
            (b't', Some(b'h')) | (b'd', Some(b'h')) | (b'z', Some(b'h')) => {
                mapped.push(c);
                i += 2;
                continue;
            }
            (b'c', Some(b'k')) => {
                mapped.push(b'k');
                i += 2;
                continue;
            }
            _ => {}
        }
        let m = match c {
            b'g' => b'k',
            b'q' | b'c' => {
                if c == b'c' && n == Some(b'h') {
                    b'c'
                } else {
                    b'k'
                }
            }
            b'w' | b'v' => b'v',
            b'y' => {
                let prev_vowel = mapped.last().is_some_and(|&p| p == b'a');
                let next_vowel = n.is_some_and(is_vowel);
                if (mapped.is_empty() || !prev_vowel) && next_vowel {
                    b'y'
                } else {
                    b'a'
                }
            }
            c if is_vowel(c) => b'a',
            c => c,
        };
        mapped.push(m);
        i += 1;
    }
    if mapped.len() > 2 && mapped.last() == Some(&b'h') && mapped[mapped.len() - 2] == b'a' {
        mapped.pop();
    }
    mapped.dedup();
    // ASCII by construction.
    String::from_utf8(mapped).unwrap_or_default()
}

/// Name tokens of a folded name after joining particles (Najib Ullah → najibullah,
/// Abd al-Rahman → abdrahman) and dropping titles; still spelled, not yet keyed.
fn units(folded: &str) -> Vec<String> {
    let words: Vec<&str> = folded
        .split_whitespace()
        .filter(|w| !DROPPED.contains(w))
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = token_alias(words[i]);
        if JOIN_TO_PREVIOUS.contains(&w) && !out.is_empty() {
            if let Some(l) = out.last_mut() {
                l.push_str(w);
            }
            i += 1;
            continue;
        }
        // "ud din", "al din" after a name → one unit with it.
        if ARTICLES.contains(&w) && words.get(i + 1) == Some(&"din") && !out.is_empty() {
            if let Some(l) = out.last_mut() {
                l.push_str("uddin");
            }
            i += 2;
            continue;
        }
        if ABD_PREFIXES.contains(&w) {
            let mut j = i + 1;
            while j < words.len() && ARTICLES.contains(&words[j]) {
                j += 1;
            }
            if j < words.len() {
                let next = token_alias(words[j]);
                if next == "allah"
                    || next == "ullah"
                    || next == "ulla"
                    || next == "lah"
                    || next == "llah"
                {
                    out.push("abdullah".into());
                } else {
                    out.push(format!("abd{next}"));
                }
                i = j + 1;
                continue;
            }
            out.push("abd".into());
            i += 1;
            continue;
        }
        if let Some(rest) = strip_abd(w) {
            out.push(format!("abd{rest}"));
            i += 1;
            continue;
        }
        // a lone article before a name (al-Hashimi) is not part of it
        if (w == "al" || w == "el") && i + 1 < words.len() {
            i += 1;
            continue;
        }
        out.push(w.to_string());
        i += 1;
    }
    out
}

/// The name's units as folded text ("Abdul Qadir Mohammad Wali" → "abdul qadir",
/// "mohammad wali"): for reading a search line several ways.
pub(crate) fn folded_units(s: &str) -> Vec<String> {
    units(&fold(s))
}

/// Matching keys of the name's units, in order. Empty for a name with no letters.
pub fn tokens(s: &str) -> Vec<String> {
    thread_local!(static TOKENS: MemoCell<Vec<String>> = MemoCell::default());
    memo(&TOKENS, s, tokens_uncached)
}

pub(crate) fn tokens_uncached(s: &str) -> Vec<String> {
    // The fold is not looked up or kept apart: `tokens` keeps the whole result, and addresses
    // (see `record::address_tokens`) would only crowd the fold table.
    units(&fold_uncached(s))
        .iter()
        .map(|u| {
            if u.bytes().all(|b| b.is_ascii_digit()) {
                u.clone()
            } else {
                phonetic(token_alias(u))
            }
        })
        .filter(|k| !k.is_empty())
        .collect()
}

/// Canonical matching key: the keys of the name's units joined by single spaces.
pub fn key(s: &str) -> String {
    tokens(s).join(" ")
}

/// Consonant skeleton of a key: what survives when a script leaves short vowels unwritten.
pub fn skeleton(key: &str) -> String {
    // A leading vowel stays: it is written in both scripts (the alef of احمد), and without
    // it Ahmad and Hamid would share "hmd".
    key.bytes()
        .enumerate()
        .filter(|&(i, b)| (b != b'a' || i == 0) && b != b' ')
        .map(|(_, b)| char::from(b))
        .collect()
}

const FATHER_MARKERS: &[&[&str]] = &[
    &["s/o"],
    &["d/o"],
    &["s.o"],
    &["d.o"],
    &["s/o."],
    &["son", "of"],
    &["daughter", "of"],
    &["bin"],
    &["binti"],
    &["bint"],
    &["ibn"],
    &["walad"],
    &["wald"],
    &["walade"],
    &["walad-e"],
    &["valad"],
    &["فرزند"],
    &["ولد"],
    &["بن"],
    &["بنت"],
];

/// Markers of a married woman's husband ("Maryam w/o Qasim", "wife of").
const SPOUSE_MARKERS: &[&[&str]] = &[
    &["w/o"],
    &["w.o"],
    &["w/o."],
    &["wife", "of"],
    &["زوجه"],
    &["همسر"],
];

/// Splits a single full-name field. "Najibullah Ahmadzai s/o Abdul Wahid" gives given
/// "Najibullah", family "Ahmadzai", father "Abdul Wahid". Without a marker the last name
/// unit is taken as the family name when there are two or more units; compound given
/// names (Abdul Rahman, Najib Ullah) stay together.
pub fn split_full_name(s: &str) -> SplitName {
    thread_local!(static SPLITS: MemoCell<SplitName> = MemoCell::default());
    memo(&SPLITS, s, split_uncached)
}

fn split_uncached(s: &str) -> SplitName {
    // Each comma below may cost two recursive calls. Real names carry one or two; further
    // commas are read as spaces, so that a garbled or hostile field (found by fuzzing: 30
    // commas took minutes) costs at most a handful of calls.
    if s.matches(',').count() > 2 {
        let mut seen = 0;
        let fewer: String = s
            .chars()
            .map(|c| {
                if c == ',' {
                    seen += 1;
                    if seen > 2 {
                        return ' ';
                    }
                }
                c
            })
            .collect();
        return split_full_name(&fewer);
    }
    // "Family, Given" (list exports sorted by family name), unless the comma only
    // precedes a father marker ("Najib, s/o Wahid").
    if let Some((family, given)) = s.split_once(',') {
        let (f, g) = (family.trim(), given.trim());
        let rest = split_full_name(g);
        let marker_after =
            (rest.father.is_some() || rest.spouse.is_some()) && rest.given.is_empty();
        if !f.is_empty()
            && !g.is_empty()
            && f.split_whitespace().count() <= 3
            && !marker_after
            && rest.father.is_none()
            && rest.spouse.is_none()
        {
            return SplitName {
                given: g.to_string(),
                family: Some(f.to_string()),
                father: None,
                spouse: None,
            };
        }
        if !marker_after {
            let joined = format!("{f} {g}");
            return split_full_name(&joined);
        }
    }
    let raw: Vec<&str> = s.split_whitespace().collect();
    let lower: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
    let mut cut: Option<(usize, usize, bool)> = None;
    'outer: for i in 0..lower.len() {
        let markers = FATHER_MARKERS
            .iter()
            .map(|m| (m, false))
            .chain(SPOUSE_MARKERS.iter().map(|m| (m, true)));
        for (m, spouse) in markers {
            if i + m.len() <= lower.len()
                && m.iter()
                    .enumerate()
                    .all(|(k, w)| lower[i + k].trim_end_matches([',', ':']) == *w)
            {
                cut = Some((i, i + m.len(), spouse));
                break 'outer;
            }
        }
    }
    let (head, tail, is_spouse) = match cut {
        Some((a, b, spouse)) => {
            let tail = raw[b..].join(" ");
            let tail = tail
                .trim_matches(|c: char| c == ',' || c.is_whitespace())
                .to_string();
            (&raw[..a], (!tail.is_empty()).then_some(tail), spouse)
        }
        None => (&raw[..], None, false),
    };
    let (father, spouse) = if is_spouse {
        (None, tail)
    } else {
        (tail, None)
    };
    // Group raw words into units the same way the key does, to keep compounds whole.
    let mut groups: Vec<Vec<&str>> = Vec::new();
    let mut i = 0;
    while i < head.len() {
        let f = fold(head[i]);
        let first = f.split_whitespace().next().unwrap_or("");
        let joins = JOIN_TO_PREVIOUS.contains(&first)
            || (ARTICLES.contains(&first) && i + 1 < head.len() && fold(head[i + 1]) == "din")
            || first == "din";
        let prev_is_abd = groups.last().is_some_and(|g| {
            let last = fold(g[g.len() - 1]);
            ABD_PREFIXES.contains(&last.as_str())
                || ARTICLES.contains(&last.as_str()) && g.len() > 1
        });
        if (joins || prev_is_abd) && !groups.is_empty() {
            if let Some(g) = groups.last_mut() {
                g.push(head[i]);
            }
        } else {
            groups.push(vec![head[i]]);
        }
        i += 1;
    }
    let strings: Vec<String> = groups
        .iter()
        .map(|g| g.join(" ").trim_matches(',').to_string())
        .collect();
    match strings.len() {
        0 => SplitName {
            given: String::new(),
            family: None,
            father,
            spouse,
        },
        1 => SplitName {
            given: strings[0].clone(),
            family: None,
            father,
            spouse,
        },
        n => SplitName {
            given: strings[..n - 1].join(" "),
            family: Some(strings[n - 1].clone()),
            father,
            spouse,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_commas_are_split_at_once() {
        // Fuzzing found this shape taking minutes (two recursive calls per comma).
        let name = format!("Gul{} Ahmad Rahimi s/o Karim", ",".repeat(60));
        let split = split_full_name(&name);
        assert_eq!(split.father.as_deref(), Some("Karim"));
        assert!(split.given.starts_with("Gul"), "{split:?}");
        // One or two commas keep their meaning.
        let split = split_full_name("Rahimi, Gul Ahmad");
        assert_eq!(
            (split.given.as_str(), split.family.as_deref()),
            ("Gul Ahmad", Some("Rahimi"))
        );
    }

    fn same(variants: &[&str]) {
        let k = key(variants[0]);
        for v in variants {
            assert_eq!(key(v), k, "{v} should meet {}", variants[0]);
        }
    }

    #[test]
    fn mohammad_variants_meet() {
        same(&[
            "Mohammad",
            "Muhammad",
            "Mohammed",
            "Mohamad",
            "Mohd",
            "MOHAMMAD",
            "Muhammed",
            "محمد",
            "مُحَمَّد",
        ]);
    }

    #[test]
    fn ullah_variants_meet() {
        same(&[
            "Najibullah",
            "Najib Ullah",
            "Najibulla",
            "Najib-ullah",
            "نجیب الله",
            "نجیب‌الله",
        ]);
    }

    #[test]
    fn abdul_variants_meet() {
        same(&[
            "Abdul Rahman",
            "Abdulrahman",
            "Abd al-Rahman",
            "Abdurrahman",
            "Abd-ur-Rahman",
            "عبدالرحمن",
        ]);
        same(&["Abdullah", "Abdulla", "Abd Allah", "Abdollah"]);
        assert_ne!(key("Abdullah"), key("Abdul Rahman"));
    }

    #[test]
    fn yousuf_variants_meet() {
        same(&["Yousuf", "Yusuf", "Yousef", "Yosef", "یوسف"]);
    }

    #[test]
    fn zai_variants_meet() {
        same(&["Ahmadzai", "Ahmadzay", "Ahmad Zai", "Ahmed-zai", "احمدزی"]);
    }

    #[test]
    fn consonant_and_vowel_variants_meet() {
        same(&["Qasim", "Kasim", "Qaseem", "Ghasem"]);
        same(&["Ghulam", "Gholam", "Gulam", "غلام"]);
        same(&["Fatima", "Fatema", "Fatimah", "Fatemeh", "فاطمه", "فاطمة"]);
        same(&["Wahid", "Vahid", "Waheed"]);
        same(&["Noor", "Nur", "Noorr"]);
        same(&["Siraj ud Din", "Sirajuddin", "Siraj-ud-Din", "Siraj Uddin"]);
    }

    #[test]
    fn hassan_and_hussain_are_different_names() {
        same(&[
            "Hussain", "Husain", "Hussein", "Hossein", "Hosain", "Husayn", "حسین",
        ]);
        same(&["Hussaini", "Hosseini", "حسینی"]);
        same(&["Hassan", "Hasan", "حسن"]);
        assert_ne!(key("Hassan"), key("Hussain"));
        assert_ne!(key("Sayed"), key("Saeed"));
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(key("Ahmad"), key("Hamid"));
        assert_ne!(key("Mahmood"), key("Mohammad"));
        assert_ne!(key("Karim"), key("Rahim"));
        assert_ne!(key("Ali"), key("Omar"));
    }

    #[test]
    fn fold_strips_marks_and_unifies_letters() {
        assert_eq!(fold("José  Núñez"), "jose nunez");
        assert_eq!(fold("علي"), fold("علی"));
        assert_eq!(fold("كريم"), fold("کریم"));
        assert_eq!(fold("مـــحمد"), "mohammad");
        assert_eq!(fold("O'Brien-Smith"), "obrien smith");
        assert_eq!(fold("Mr. Ahmad, KHAN"), "mr ahmad khan");
    }

    #[test]
    fn unknown_arabic_words_keep_their_consonants() {
        // A name outside the dictionary still meets its Latin form by skeleton.
        assert_eq!(skeleton(&key("زرمینه")), skeleton(&key("Zarmina")));
        // Ahmad and Hamid share their consonants but not their first letter.
        assert_ne!(skeleton(&key("Ahmad")), skeleton(&key("Hamid")));
    }

    #[test]
    fn placeholders_are_not_names() {
        assert!(is_placeholder("LNU"));
        assert!(is_placeholder(" N/A "));
        assert!(is_placeholder("-"));
        assert!(!is_placeholder("Nasir"));
    }

    #[test]
    fn titles_are_dropped() {
        assert_eq!(key("Haji Mohammad Khan"), key("Mohammad Khan"));
    }

    #[test]
    fn tokens_are_per_unit() {
        assert_eq!(tokens("Najib Ullah Ahmad Zai").len(), 2);
        assert_eq!(tokens("").len(), 0);
    }

    #[test]
    fn split_son_of() {
        let s = split_full_name("Najibullah Ahmadzai s/o Abdul Wahid");
        assert_eq!(s.given, "Najibullah");
        assert_eq!(s.family.as_deref(), Some("Ahmadzai"));
        assert_eq!(s.father.as_deref(), Some("Abdul Wahid"));

        let s = split_full_name("Fatima d/o Mohammad Karim");
        assert_eq!(s.given, "Fatima");
        assert_eq!(s.family, None);
        assert_eq!(s.father.as_deref(), Some("Mohammad Karim"));

        let s = split_full_name("Abdul Rahman son of Gul Ahmad");
        assert_eq!(s.given, "Abdul Rahman");
        assert_eq!(s.father.as_deref(), Some("Gul Ahmad"));

        for m in ["bin", "walad", "binti"] {
            let s = split_full_name(&format!("Zainab {m} Yusuf"));
            assert_eq!(s.given, "Zainab");
            assert_eq!(s.father.as_deref(), Some("Yusuf"), "{m}");
        }
        // A husband is not a father.
        for m in ["w/o", "wife of"] {
            let s = split_full_name(&format!("Maryam {m} Qasim"));
            assert_eq!(s.given, "Maryam", "{m}");
            assert_eq!(s.father, None, "{m}");
            assert_eq!(s.spouse.as_deref(), Some("Qasim"), "{m}");
        }
    }

    #[test]
    fn split_family_comma_given() {
        let s = split_full_name("Hakimi, Inayatullah");
        assert_eq!(s.given, "Inayatullah");
        assert_eq!(s.family.as_deref(), Some("Hakimi"));
        let s = split_full_name("Barak Zai, Zainab");
        assert_eq!(s.given, "Zainab");
        assert_eq!(s.family.as_deref(), Some("Barak Zai"));
        let s = split_full_name("Najib Ahmadzai, s/o Wahid");
        assert_eq!(s.given, "Najib");
        assert_eq!(s.father.as_deref(), Some("Wahid"));
    }

    #[test]
    fn split_without_marker() {
        let s = split_full_name("Abdul Rahman Karimi");
        assert_eq!(s.given, "Abdul Rahman");
        assert_eq!(s.family.as_deref(), Some("Karimi"));
        let s = split_full_name("Najib Ullah");
        assert_eq!(s.given, "Najib Ullah");
        assert_eq!(s.family, None);
        let s = split_full_name("Ahmad Zai");
        assert_eq!(s.given, "Ahmad Zai");
    }
}
