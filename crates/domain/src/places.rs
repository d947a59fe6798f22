//! The gazetteer: the coarse places Corridor may keep in clear beside a sealed record (a city,
//! a province, a border crossing), so that the situation report can count people by place
//! without opening a record. What a person typed ("at my uncle's house behind the mosque,
//! Kabul") is sealed with the rest of their details; only the gazetteer's name of the place
//! it mentions ("Kabul") is kept in clear, and nothing at all when it mentions none.

/// How specific a place is: a text naming several keeps the most specific.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Country,
    Province,
    City,
    /// "At the border", without naming which crossing.
    Border,
    Crossing,
}

/// A place: the name kept in clear, and the spellings that name it (Latin spellings as lists
/// write them, Dari/Pashto script, main towns standing for their province).
struct Place {
    name: &'static str,
    kind: Kind,
    spellings: &'static [&'static str],
}

const fn place(name: &'static str, kind: Kind, spellings: &'static [&'static str]) -> Place {
    Place {
        name,
        kind,
        spellings,
    }
}

use Kind::{Border, City, Country, Crossing, Province};

/// The places of this crisis: Afghanistan's provinces and main cities, the border crossings,
/// and the cities of the neighbouring and transit countries where people wait. A deployment for
/// another crisis extends this list; a place missing from it is simply not kept in clear.
const PLACES: &[Place] = &[
    // Cities first where a city and its province share a name: the city is more specific.
    place("Kabul", City, &["kabul", "kabol", "kbl", "کابل"]),
    place(
        "Kandahar",
        City,
        &["kandahar", "kandhar", "qandahar", "قندهار", "کندهار"],
    ),
    place("Herat", City, &["herat", "hirat", "هرات"]),
    place(
        "Mazar-e-Sharif",
        City,
        // Not "mazar" alone: it is also the word for a shrine.
        &[
            "mazar e sharif",
            "mazar i sharif",
            "mazari sharif",
            "مزار شریف",
        ],
    ),
    place(
        "Jalalabad",
        City,
        &["jalalabad", "jalal abad", "جلال آباد", "جلال اباد"],
    ),
    place(
        "Kunduz",
        City,
        &["kunduz", "kondoz", "qunduz", "kundoz", "کندز"],
    ),
    place("Ghazni", City, &["ghazni", "ghazna", "غزنی"]),
    place("Bamyan", City, &["bamyan", "bamian", "بامیان"]),
    place(
        "Lashkar Gah",
        City,
        &["lashkar gah", "lashkargah", "لشکرگاه"],
    ),
    place("Khost", City, &["khost", "khowst", "خوست"]),
    place("Faizabad", City, &["faizabad", "fayzabad", "فیض آباد"]),
    place(
        "Pul-e-Khumri",
        City,
        &["pul e khumri", "pol e khomri", "پلخمری"],
    ),
    place("Sheberghan", City, &["sheberghan", "shibirghan", "شبرغان"]),
    place("Maimana", City, &["maimana", "maymana", "میمنه"]),
    place("Charikar", City, &["charikar", "چاریکار"]),
    place("Taloqan", City, &["taloqan", "taluqan", "تالقان"]),
    place("Gardez", City, &["gardez", "gardiz", "گردیز"]),
    place("Nili", City, &["nili"]),
    place("Balkh", Province, &["balkh", "بلخ"]),
    place(
        "Nangarhar",
        Province,
        &["nangarhar", "nangahar", "ningarhar", "ننگرهار"],
    ),
    place("Helmand", Province, &["helmand", "hilmand", "هلمند"]),
    place(
        "Daykundi",
        Province,
        &["daykundi", "daikondi", "daikundi", "دایکندی"],
    ),
    place("Jawzjan", Province, &["jawzjan", "jowzjan", "جوزجان"]),
    place("Faryab", Province, &["faryab", "فاریاب"]),
    place("Parwan", Province, &["parwan", "parvan", "پروان"]),
    place("Takhar", Province, &["takhar", "تخار"]),
    place("Baghlan", Province, &["baghlan", "بغلان"]),
    place("Paktia", Province, &["paktia", "paktiya", "پکتیا"]),
    place("Badakhshan", Province, &["badakhshan", "بدخشان"]),
    place("Logar", Province, &["logar", "لوگر"]),
    place("Laghman", Province, &["laghman", "lagman", "لغمان"]),
    place("Wardak", Province, &["wardak", "maidan wardak", "وردک"]),
    place("Kapisa", Province, &["kapisa", "کاپیسا"]),
    place("Panjshir", Province, &["panjshir", "panjsher", "پنجشیر"]),
    place("Samangan", Province, &["samangan", "aybak", "سمنگان"]),
    place(
        "Sar-e Pol",
        Province,
        &["sar e pol", "sari pul", "sar e pul", "سرپل"],
    ),
    place("Badghis", Province, &["badghis", "بادغیس"]),
    place("Ghor", Province, &["ghor", "chaghcharan", "غور"]),
    place("Farah", Province, &["farah", "فراه"]),
    place(
        "Nimroz",
        Province,
        &["nimroz", "nimruz", "zaranj", "نیمروز"],
    ),
    place("Zabul", Province, &["zabul", "qalat", "زابل"]),
    place(
        "Uruzgan",
        Province,
        &["uruzgan", "oruzgan", "tarinkot", "ارزگان"],
    ),
    place("Paktika", Province, &["paktika", "sharana", "پکتیکا"]),
    place("Kunar", Province, &["kunar", "asadabad", "کنر"]),
    place("Nuristan", Province, &["nuristan", "nooristan", "نورستان"]),
    // The crossings people are sent to or wait at.
    place("Torkham crossing", Crossing, &["torkham", "تورخم"]),
    place(
        "Spin Boldak–Chaman crossing",
        Crossing,
        // Not "چمن" alone: it is also the word for a meadow.
        &["spin boldak", "spin buldak", "chaman", "سپین بولدک"],
    ),
    place(
        "Islam Qala crossing",
        Crossing,
        &["islam qala", "islam qalah", "اسلام قلعه"],
    ),
    place(
        "Hairatan crossing",
        Crossing,
        &["hairatan", "hayratan", "حیرتان"],
    ),
    place(
        "Sher Khan Bandar crossing",
        Crossing,
        &["sher khan bandar", "shir khan", "شیرخان بندر"],
    ),
    place(
        "Ghulam Khan crossing",
        Crossing,
        &["ghulam khan", "غلام خان"],
    ),
    place(
        "Kabul airport",
        Crossing,
        &[
            "kabul airport",
            "hkia",
            "hamid karzai international",
            "میدان هوایی کابل",
        ],
    ),
    place(
        "Border crossing",
        Border,
        &["border", "crossing", "مرز", "سرحد"],
    ),
    // Where people wait beyond the borders.
    place(
        "Peshawar",
        City,
        &["peshawar", "pesháwar", "پشاور", "پېښور"],
    ),
    place("Islamabad", City, &["islamabad", "اسلام آباد"]),
    place("Rawalpindi", City, &["rawalpindi", "pindi", "راولپندی"]),
    place("Quetta", City, &["quetta", "کویته"]),
    place("Karachi", City, &["karachi", "کراچی"]),
    place("Lahore", City, &["lahore", "لاهور"]),
    place("Mashhad", City, &["mashhad", "mashad", "مشهد"]),
    place("Tehran", City, &["tehran", "teheran", "تهران"]),
    place("Zahedan", City, &["zahedan", "زاهدان"]),
    place("Dushanbe", City, &["dushanbe", "دوشنبه"]),
    place("Tashkent", City, &["tashkent", "تاشکند"]),
    place("Termez", City, &["termez", "ترمذ"]),
    place("Doha", City, &["doha", "دوحه"]),
    place("Abu Dhabi", City, &["abu dhabi", "ابوظبی"]),
    place("Istanbul", City, &["istanbul", "استانبول"]),
    place("Pakistan", Country, &["pakistan", "پاکستان"]),
    place("Iran", Country, &["iran", "ایران"]),
    place("Tajikistan", Country, &["tajikistan", "تاجیکستان"]),
    place("Uzbekistan", Country, &["uzbekistan", "ازبکستان"]),
    place("Qatar", Country, &["qatar", "قطر"]),
    place("Afghanistan", Country, &["afghanistan", "افغانستان"]),
];

/// The gazetteer's name of the place a free text mentions, the most specific one when it
/// mentions several (a named crossing, then "the border", a city, a province, a country; the
/// first mentioned among equals); `None` when it mentions none. Spellings match whole words, in
/// either script, whatever the case, hyphens or punctuation.
pub fn coarse_place(text: &str) -> Option<&'static str> {
    let words = words(text);
    if words.is_empty() {
        return None;
    }
    let mut best: Option<(Kind, usize, &'static str)> = None;
    for (p, wanted) in folded_spellings() {
        if let Some(at) = find(&words, wanted) {
            let better = match best {
                None => true,
                Some((kind, first, _)) => p.kind > kind || (p.kind == kind && at < first),
            };
            if better {
                best = Some((p.kind, at, p.name));
            }
        }
    }
    best.map(|(_, _, name)| name)
}

/// Whether `name` is a name the gazetteer gives (what may be kept in clear).
pub fn is_coarse_place(name: &str) -> bool {
    PLACES.iter().any(|p| p.name == name)
}

/// Every spelling's words, folded once: intake calls [`coarse_place`] for each record stored.
fn folded_spellings() -> &'static [(&'static Place, Vec<String>)] {
    static FOLDED: std::sync::OnceLock<Vec<(&'static Place, Vec<String>)>> =
        std::sync::OnceLock::new();
    FOLDED.get_or_init(|| {
        PLACES
            .iter()
            .flat_map(|p| p.spellings.iter().map(move |s| (p, words(s))))
            .collect()
    })
}

/// Where the words of `wanted` occur in a row in `words`.
fn find(words: &[String], wanted: &[String]) -> Option<usize> {
    if wanted.is_empty() || wanted.len() > words.len() {
        return None;
    }
    words.windows(wanted.len()).position(|w| w == wanted)
}

/// The words of a text, folded: lower case, Arabic letter variants to the Persian ones, short
/// vowels and the zero-width non-joiner dropped, anything but letters and digits a separator.
fn words(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ي' | 'ى' => folded.push('ی'),
            'ك' => folded.push('ک'),
            'ة' => folded.push('ه'),
            'أ' | 'إ' | 'آ' => folded.push('ا'),
            'á' | 'à' | 'â' => folded.push('a'),
            'é' | 'è' | 'ê' => folded.push('e'),
            '\u{064B}'..='\u{065F}' | '\u{0670}' => {}
            // The non-joiner sits inside a word ("پل‌خمری"): not a separator.
            '\u{200C}' => {}
            c if c.is_alphanumeric() => folded.push(c),
            _ => folded.push(' '),
        }
    }
    folded.split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_text_location_keeps_only_the_place_it_names() {
        for (typed, kept) in [
            (
                "at my uncle Wahidullah's house behind Pulikhishti mosque, Kabul",
                Some("Kabul"),
            ),
            ("KABUL", Some("Kabul")),
            ("Mazar-e-Sharif, Balkh province", Some("Mazar-e-Sharif")),
            ("Balkh", Some("Balkh")),
            (
                "waiting at Torkham, near Jalalabad",
                Some("Torkham crossing"),
            ),
            ("Board Bazaar, Peshawar, Pakistan", Some("Peshawar")),
            ("خانه کاکایم، پشت مسجد پل خشتی، کابل", Some("Kabul")),
            ("كابل", Some("Kabul")),
            ("in hiding", None),
            ("Street 4, House 17", None),
            ("", None),
            // Whole words only: a name that contains a place is not that place.
            ("Doharty farm", None),
        ] {
            assert_eq!(coarse_place(typed), kept, "{typed:?}");
        }
    }

    #[test]
    fn every_kept_name_is_a_gazetteer_name() {
        for p in PLACES {
            assert!(is_coarse_place(p.name));
            assert!(!p.spellings.is_empty(), "{}", p.name);
            // A place's own name finds it (or a more specific place of that name).
            assert!(coarse_place(p.name).is_some(), "{}", p.name);
        }
        assert!(!is_coarse_place("behind the mosque, Kabul"));
    }
}
