//! How one requester writes one person: spelling habits, column habits, formats and mistakes.

use chrono::{Datelike, NaiveDate};
use rand::Rng;

use crate::hijri::to_solar_hijri;
use crate::names::PROVINCES;
use crate::util::*;
use crate::world::{Name, NameRef, at_border, in_pakistan};
use crate::{SyntheticRecord, TruePerson};

/// A requester's habits. Most choices are drawn per record; spelling choices are hashed from
/// `seed` so that one requester spells one name the same way every time.
#[derive(Clone, Debug)]
pub(crate) struct Style {
    pub seed: u64,
    /// Probability that a name part uses this requester's own (non-canonical) spelling.
    pub variant: f64,
    /// Per-record spelling drift (a different variant or a q/k, ee/i, ou/u style change).
    pub noise: f64,
    pub typo: f64,
    pub perso: f64,
    pub father_in_family: f64,
    pub full_only: f64,
    pub swap: f64,
    /// US-government habit for people with one name: FNU/LNU or the name in both columns.
    pub fnu: f64,
    pub upper: bool,
    pub date_fmt: u8,
    pub dob_missing: f64,
    pub phone_fmt: u8,
    pub sex_fmt: u8,
    pub father_known: f64,
    pub id_known: f64,
    pub passport_known: f64,
    pub email_known: f64,
    pub phone_known: f64,
    pub address_known: f64,
    pub full_name_col: bool,
}

impl Style {
    pub fn for_kind(rng: &mut R, kind: &str) -> Style {
        let seed: u64 = rng.r#gen();
        let mut s = Style {
            seed,
            variant: rng.gen_range(0.15..0.45),
            noise: rng.gen_range(0.03..0.1),
            typo: rng.gen_range(0.01..0.05),
            perso: 0.03,
            father_in_family: 0.0,
            full_only: 0.0,
            swap: rng.gen_range(0.0..0.04),
            fnu: 0.0,
            upper: false,
            date_fmt: rng.gen_range(0..6),
            dob_missing: rng.gen_range(0.1..0.3),
            phone_fmt: rng.gen_range(0..8),
            sex_fmt: rng.gen_range(0..4),
            father_known: 0.6,
            id_known: 0.5,
            passport_known: 0.5,
            email_known: 0.5,
            phone_known: 0.8,
            address_known: 0.5,
            full_name_col: chance(rng, 0.5),
        };
        match kind {
            "state_office" | "agency" | "congressional" => {
                s.upper = chance(rng, 0.4);
                s.fnu = if kind == "congressional" { 0.05 } else { 0.25 };
                s.date_fmt = weighted(rng, &[(0, 4), (6, 3), (5, 2), (3, 1)]);
                s.father_known = 0.35;
                s.id_known = 0.3;
                s.passport_known = 0.7;
                s.perso = 0.0;
                s.full_only = if kind == "congressional" { 0.2 } else { 0.05 };
            }
            "international_org" => {
                s.upper = chance(rng, 0.5);
                s.date_fmt = weighted(rng, &[(1, 4), (0, 2), (3, 1)]);
                s.father_known = 0.9;
                s.id_known = 0.7;
                s.perso = 0.05;
                s.father_in_family = 0.3;
                s.address_known = 0.8;
            }
            "ngo" => {
                s.date_fmt = weighted(rng, &[(1, 3), (2, 2), (0, 2), (3, 2), (4, 1)]);
                s.father_known = 0.8;
                s.id_known = 0.6;
                s.perso = if chance(rng, 0.3) { 0.3 } else { 0.06 };
                s.father_in_family = if chance(rng, 0.5) { 0.6 } else { 0.1 };
                s.full_only = if chance(rng, 0.2) { 0.8 } else { 0.0 };
                s.address_known = 0.7;
            }
            "sponsor" => {
                s.father_known = 0.25;
                s.id_known = 0.15;
                s.passport_known = 0.3;
                s.dob_missing = rng.gen_range(0.3..0.7);
                s.full_only = 0.35;
                s.address_known = 0.3;
                s.perso = 0.01;
            }
            _ => {
                // The applicants themselves: their own script, tazkira dates, local phone formats.
                s.perso = 0.35;
                s.variant = rng.gen_range(0.3..0.7);
                s.date_fmt = weighted(rng, &[(7, 3), (8, 2), (1, 2), (3, 2), (0, 1)]);
                s.phone_fmt = weighted(rng, &[(1, 5), (4, 2), (0, 2), (2, 1)]);
                s.father_known = 0.9;
                s.id_known = 0.85;
                s.passport_known = 0.6;
                s.email_known = 0.8;
                s.phone_known = 0.97;
                s.address_known = 0.8;
                s.father_in_family = 0.15;
                s.full_only = 0.1;
                s.typo = rng.gen_range(0.02..0.07);
            }
        }
        s
    }
}

fn part_latin(rng: &mut R, st: &Style, p: NameRef) -> &'static str {
    let lat = p.tok().lat;
    let n = lat.len();
    if n == 1 {
        return lat[0];
    }
    let h = mix(st.seed ^ p.key().wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut i = if unit(h) < st.variant {
        1 + (h >> 40) as usize % (n - 1)
    } else {
        0
    };
    if chance(rng, st.noise) {
        i = rng.gen_range(0..n);
    }
    lat[i]
}

/// Generic transliteration drift on an already chosen spelling.
fn drift(rng: &mut R, s: &str) -> String {
    const RULES: &[(&str, &str)] = &[
        ("q", "k"),
        ("ee", "i"),
        ("i", "ee"),
        ("ou", "u"),
        ("oo", "u"),
        ("u", "oo"),
        ("mm", "m"),
        ("ss", "s"),
        ("ullah", "ulla"),
        ("kh", "x"),
        ("gh", "g"),
        ("ai", "ay"),
        ("w", "v"),
        ("ah", "a"),
    ];
    if !s.is_ascii() {
        return s.to_string();
    }
    let lower = s.to_lowercase();
    let applicable: Vec<&(&str, &str)> = RULES
        .iter()
        .filter(|(a, _)| lower[1..].contains(a))
        .collect();
    if applicable.is_empty() || s.len() < 3 {
        return s.to_string();
    }
    let (a, b) = applicable[rng.gen_range(0..applicable.len())];
    // Replace one occurrence after the first letter, keeping the capital.
    let pos = 1 + lower[1..].find(a).unwrap_or(0);
    if !s.is_char_boundary(pos) || !s.is_char_boundary(pos + a.len()) {
        return s.to_string();
    }
    format!("{}{}{}", &s[..pos], b, &s[pos + a.len()..])
}

pub(crate) fn name_latin(rng: &mut R, st: &Style, name: &Name) -> String {
    let parts = name.parts();
    let mut out = String::with_capacity(24);
    let join_tight = parts.len() == 2 && chance(rng, 0.07);
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            out.push_str(if join_tight { "" } else { " " });
        }
        let s = part_latin(rng, st, *p);
        if join_tight && k > 0 {
            out.push_str(&s.to_lowercase());
        } else {
            out.push_str(s);
        }
    }
    if chance(rng, st.noise * 0.5) {
        out = drift(rng, &out);
    }
    if chance(rng, st.typo) {
        out = typo(rng, &out);
    }
    if st.upper {
        out = out.to_uppercase();
    } else if chance(rng, 0.02) {
        out = out.to_lowercase();
    }
    out
}

fn family_latin(rng: &mut R, st: &Style, f: NameRef) -> String {
    name_latin(rng, st, &Name::one(f))
}

fn fa_variant(rng: &mut R, st: &Style, s: String) -> String {
    let mut s = s;
    // An Arabic keyboard writes ي and ك; some write ة for a final ه; -الله is written joined or apart.
    if unit(mix(st.seed ^ 0xA11)) < 0.3 {
        s = s.replace('ی', "ي").replace('ک', "ك");
    }
    if chance(rng, 0.2) {
        s = s.replace(" الله", "الله");
    }
    if s.ends_with('ه') && chance(rng, 0.15) {
        s.pop();
        s.push('ة');
    }
    if chance(rng, st.typo * 0.5) {
        s = typo(rng, &s);
    }
    s
}

fn name_fa(rng: &mut R, st: &Style, name: &Name) -> String {
    fa_variant(rng, st, name.fa())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(crate) fn render_dob(rng: &mut R, st: &Style, p: &TruePerson, perso: bool) -> String {
    if chance(rng, st.dob_missing) {
        return String::new();
    }
    let d = p.dob;
    if chance(rng, 0.04) {
        // An age instead of a date, as of the surge.
        let age = 2021 - d.year() - if d.ordinal() > 232 { 1 } else { 0 };
        return match rng.gen_range(0..4) {
            0 => format!("{age} years"),
            1 => format!("age {age}"),
            2 => format!("~{age}"),
            _ => format!("{age} yrs"),
        };
    }
    let mut fmt = if chance(rng, 0.15) {
        rng.gen_range(0..9)
    } else {
        st.date_fmt
    };
    if perso && chance(rng, 0.6) {
        fmt = if chance(rng, 0.5) { 7 } else { 8 };
    }
    let s = if !p.dob_exact {
        // Only the year is known: year only, a 1 January placeholder, an age, or a Solar Hijri year.
        let (sy, _, _) = to_solar_hijri(NaiveDate::from_ymd_opt(d.year(), 7, 1).expect("date"));
        match fmt {
            7 | 8 => sy.to_string(),
            3 => d.year().to_string(),
            6 => format!("01/01/{}", d.year()),
            _ => match rng.gen_range(0..5) {
                0 => format!("1 January {}", d.year()),
                1 => format!("{}-01-01", d.year()),
                2 => format!("01/01/{}", d.year()),
                3 => d.year().to_string(),
                _ => format!("{} (approx.)", d.year()),
            },
        }
    } else {
        match fmt {
            0 => d.format("%Y-%m-%d").to_string(),
            1 => d.format("%d/%m/%Y").to_string(),
            2 => d.format("%d.%m.%Y").to_string(),
            3 => d.year().to_string(),
            4 => format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()),
            5 => d.format("%d-%b-%Y").to_string().to_uppercase(),
            6 => d.format("%m/%d/%Y").to_string(),
            7 => {
                let (y, _, _) = to_solar_hijri(d);
                y.to_string()
            }
            _ => {
                let (y, m, dd) = to_solar_hijri(d);
                format!("{y}/{m:02}/{dd:02}")
            }
        }
    };
    let s = if chance(rng, st.typo * 0.5) {
        typo(rng, &s)
    } else {
        s
    };
    if perso && chance(rng, 0.4) && !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        persian_digits(&s)
    } else {
        s
    }
}

pub(crate) fn render_phone(rng: &mut R, st: &Style, e164: &str, perso: bool) -> String {
    let fmt = if chance(rng, 0.2) {
        rng.gen_range(0..8)
    } else {
        st.phone_fmt
    };
    let (cc, nat) = e164[1..].split_at(2);
    let s = if cc == "93" {
        let (a, rest) = nat.split_at(2);
        let (b, c) = rest.split_at(3);
        match fmt {
            0 => format!("+93 {a} {b} {c}"),
            1 => format!("0{nat}"),
            2 => format!("0093{nat}"),
            3 => format!("+93{nat}"),
            4 => format!("0{a} {b} {c}"),
            5 => format!("93{nat}"),
            6 => format!("(+93) {nat}"),
            _ => format!("0{a}-{b}-{c}"),
        }
    } else {
        let (a, b) = nat.split_at(3);
        match fmt {
            0 | 6 => format!("+92 {a} {b}"),
            1 | 4 => format!("0{a}-{b}"),
            2 => format!("0092{nat}"),
            3 | 5 => format!("+92{nat}"),
            _ => format!("0{nat}"),
        }
    };
    let s = if chance(rng, st.typo * 0.7) {
        typo(rng, &s)
    } else {
        s
    };
    if perso && chance(rng, 0.3) {
        persian_digits(&s)
    } else {
        s
    }
}

fn render_tazkira(rng: &mut R, st: &Style, t: &str) -> String {
    let s = if t.contains('-') {
        match rng.gen_range(0..5) {
            0 | 1 => t.to_string(),
            2 => t.replace('-', ""),
            3 => t.replace('-', " "),
            _ => format!("e-Tazkira {t}"),
        }
    } else {
        let mut it = t.split('/');
        let (v, p, r) = (
            it.next().unwrap_or(""),
            it.next().unwrap_or(""),
            it.next().unwrap_or(""),
        );
        match rng.gen_range(0..6) {
            0 | 1 => t.to_string(),
            2 => format!("{v}-{p}-{r}"),
            3 => format!("J{v} P{p} R{r}"),
            4 => format!("Jild {v}, Safha {p}, Sabt {r}"),
            _ => r.to_string(),
        }
    };
    if chance(rng, st.typo) {
        typo(rng, &s)
    } else {
        s
    }
}

fn render_passport(rng: &mut R, st: &Style, p: &str) -> String {
    let s = match rng.gen_range(0..6) {
        0 => p.to_lowercase(),
        1 => format!("{} {}", &p[..1], &p[1..]),
        2 => p[1..].to_string(),
        _ => p.to_string(),
    };
    if chance(rng, st.typo) {
        typo(rng, &s)
    } else {
        s
    }
}

fn render_province(rng: &mut R, st: &Style, province: &str, perso: bool) -> String {
    let Some(entry) = PROVINCES.iter().find(|p| p.0 == province) else {
        return province.to_string();
    };
    if perso && chance(rng, 0.5) {
        return match province {
            "Kabul" => "کابل",
            "Kandahar" => "کندهار",
            "Herat" => "هرات",
            "Balkh" => "بلخ",
            "Nangarhar" => "ننگرهار",
            "Kunduz" => "کندز",
            "Ghazni" => "غزنی",
            "Bamyan" => "بامیان",
            _ => entry.0,
        }
        .to_string();
    }
    let h = mix(st.seed ^ 0x9707 ^ province.len() as u64);
    let i = if unit(h) < 0.3 {
        (h >> 33) as usize % entry.1.len()
    } else {
        0
    };
    let s = entry.1[if chance(rng, 0.1) {
        rng.gen_range(0..entry.1.len())
    } else {
        i
    }];
    if st.upper {
        s.to_uppercase()
    } else {
        s.to_string()
    }
}

fn render_address(rng: &mut R, st: &Style, p: &TruePerson) -> String {
    let loc = p.location;
    if at_border(loc)
        || in_pakistan(loc)
        || (loc != p.province && loc != "Kabul" && chance(rng, 0.5))
    {
        let place = loc.trim_end_matches(" border crossing");
        return match rng.gen_range(0..5) {
            0 if at_border(loc) => format!("waiting at {place} gate"),
            1 if at_border(loc) => format!("{place} border, Afghan side"),
            0 | 1 if in_pakistan(loc) => format!("{place}, Pakistan"),
            0 | 1 => format!("{place}, Afghanistan"),
            2 => format!("Guest house, {place}"),
            3 => format!("with relatives in {place}"),
            _ => place.to_string(),
        };
    }
    let full = &p.address;
    let s = match rng.gen_range(0..4) {
        0 => full.clone(),
        1 => full
            .split_once(", ")
            .map_or(full.as_str(), |x| x.1)
            .to_string(),
        2 => format!("{full}, Afghanistan"),
        _ => full
            .rsplit(", ")
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join(", "),
    };
    if chance(rng, st.typo) {
        typo(rng, &s)
    } else {
        s
    }
}

fn needs(rng: &mut R, p: &TruePerson) -> String {
    let mut v: Vec<&str> = Vec::new();
    if p.risk.contains(&"medical_emergency") {
        v.push(pick(
            rng,
            &[
                "urgent medical care",
                "dialysis",
                "insulin",
                "surgery needed",
                "pregnancy complications",
                "wheelchair user",
            ],
        ));
    }
    if at_border(p.location) {
        v.push(pick(
            rng,
            &[
                "border crossing",
                "cannot cross without visa",
                "needs letter for border",
            ],
        ));
    } else if in_pakistan(p.location) {
        v.push(pick(
            rng,
            &[
                "shelter",
                "visa extension",
                "PoR registration",
                "interview appointment",
            ],
        ));
    } else if chance(rng, 0.5) {
        v.push(pick(
            rng,
            &[
                "evacuation",
                "safe house",
                "relocation",
                "evacuation flight",
            ],
        ));
    }
    if p.relationship == "principal"
        && p.pathway.is_some_and(|w| w.starts_with("siv"))
        && chance(rng, 0.5)
    {
        v.push("SIV case update");
    }
    v.join("; ")
}

fn notes(rng: &mut R, p: &TruePerson, rel_label: bool) -> String {
    let mut v: Vec<String> = Vec::new();
    if rel_label && p.relationship != "principal" && chance(rng, 0.6) {
        v.push(match p.relationship {
            "spouse" => if p.sex == "F" { "wife" } else { "husband" }.to_string(),
            r => r.to_string(),
        });
    }
    for r in &p.risk {
        if chance(rng, 0.5) {
            v.push(match *r {
                "interpreter" => pick(
                    rng,
                    &[
                        "former interpreter for US forces",
                        "worked as interpreter 2009-2013",
                        "linguist, coalition forces",
                    ],
                )
                .to_string(),
                "journalist" => pick(
                    rng,
                    &[
                        "journalist",
                        "reporter for a US-funded radio",
                        "TV presenter",
                    ],
                )
                .to_string(),
                "judge" => pick(rng, &["judge", "prosecutor", "former judge, Kabul"]).to_string(),
                "womens_rights" => pick(
                    rng,
                    &[
                        "women's rights activist",
                        "women's rights defender",
                        "female official",
                    ],
                )
                .to_string(),
                "former_security" => pick(
                    rng,
                    &["former ANA officer", "ex-NDS", "Afghan special forces"],
                )
                .to_string(),
                "minority" => pick(rng, &["Hazara", "Shia minority"]).to_string(),
                "unaccompanied_minor" => "unaccompanied minor".to_string(),
                "medical_emergency" => "medical emergency".to_string(),
                other => other.to_string(),
            });
        }
    }
    if let Some(w) = p.pathway
        && chance(rng, 0.4)
    {
        v.push(match w {
            "siv_com_submitted" => "COM application submitted".to_string(),
            "siv_com_approved" => format!("COM approved, case SIV-{}", digits(rng, 6)),
            "siv_i360" => "I-360 filed".to_string(),
            "siv_interview" => "awaiting SIV interview".to_string(),
            "p1" => "P-1 referral requested".to_string(),
            "p2" => "P-2 eligible (US media / NGO employer)".to_string(),
            "parole" => "humanitarian parole application filed".to_string(),
            "unhcr_registered" => format!(
                "UNHCR reg. no. {}-{}",
                pick(rng, &["PAK", "ISB", "PSW"]),
                digits(rng, 8)
            ),
            _ => "says eligible, no record found".to_string(),
        });
    }
    v.join("; ")
}

/// Render one person as this requester writes them. `household` is the requester's own key.
pub(crate) fn render(
    rng: &mut R,
    st: &Style,
    p: &TruePerson,
    record_id: String,
    household: String,
) -> SyntheticRecord {
    let k = &p.keys;
    let perso = chance(rng, st.perso);
    let father_known = chance(rng, st.father_known);
    let son_daughter = if p.sex == "M" { "s/o" } else { "d/o" };
    let mut given;
    let mut family;
    let mut full;
    let father;
    if perso {
        given = name_fa(rng, st, &k.given);
        family = k
            .family
            .map(|f| fa_variant(rng, st, f.tok().fa.to_string()))
            .unwrap_or_default();
        father = if father_known {
            name_fa(rng, st, &k.father)
        } else {
            String::new()
        };
        full = if !father.is_empty() && family.is_empty() && chance(rng, 0.5) {
            let link = if p.sex == "M" { "ولد" } else { "بنت" };
            format!("{given} {link} {father}")
        } else if family.is_empty() {
            given.clone()
        } else {
            format!("{given} {family}")
        };
        if family.is_empty() && !father.is_empty() && chance(rng, st.father_in_family) {
            family = father.clone();
        }
    } else {
        given = name_latin(rng, st, &k.given);
        family = k
            .family
            .map(|f| family_latin(rng, st, f))
            .unwrap_or_default();
        father = if father_known {
            name_latin(rng, st, &k.father)
        } else {
            String::new()
        };
        full = if family.is_empty() {
            given.clone()
        } else {
            format!("{given} {family}")
        };
        if chance(rng, st.father_in_family) && (family.is_empty() || chance(rng, 0.3)) {
            // The father's name in the family-name column (as on a tazkira-based list).
            let f = if father.is_empty() {
                name_latin(rng, st, &k.father)
            } else {
                father.clone()
            };
            family = f;
        }
        if family.is_empty() && chance(rng, st.fnu) {
            if chance(rng, 0.5) {
                family = given.clone();
                given = "FNU".to_string();
            } else {
                family = if chance(rng, 0.5) {
                    "LNU".to_string()
                } else {
                    given.clone()
                };
            }
        } else if !family.is_empty() && chance(rng, st.swap) {
            std::mem::swap(&mut given, &mut family);
        }
    }
    if chance(rng, st.full_only) {
        // One free-text name field: "Najibullah s/o Abdul Wahid", "Fatima w/o Ahmad Shah".
        let fname = if perso {
            name_fa(rng, st, &k.father)
        } else {
            name_latin(rng, st, &k.father)
        };
        full = if perso {
            full
        } else if let (Some(h), true) = (k.husband, chance(rng, 0.4)) {
            format!(
                "{given_plain} w/o {}",
                name_latin(rng, st, &h),
                given_plain = name_latin(rng, st, &k.given)
            )
        } else {
            let g = name_latin(rng, st, &k.given);
            match rng.gen_range(0..6) {
                0 | 1 => format!("{g} {son_daughter} {fname}"),
                2 => format!(
                    "{g} {} of {fname}",
                    if p.sex == "M" { "son" } else { "daughter" }
                ),
                3 if p.sex == "M" => format!("{g} bin {fname}"),
                4 if !family.is_empty() => format!("{family}, {g}"),
                _ => match k.family {
                    Some(f) => format!("{g} {}", family_latin(rng, st, f)),
                    None => format!("{g} {fname}"),
                },
            }
        };
        if st.upper {
            full = full.to_uppercase();
        }
        given.clear();
        family.clear();
    } else if !st.full_name_col {
        full.clear();
    }
    let phone_src = match (&p.phone_pk, &p.phone) {
        (Some(pk), Some(af)) => Some(if chance(rng, 0.6) { pk } else { af }),
        (Some(pk), None) => Some(pk),
        (None, Some(af)) => Some(af),
        (None, None) => None,
    };
    let mut phone = match phone_src {
        Some(ph) if chance(rng, st.phone_known) => render_phone(rng, st, ph, perso),
        _ => String::new(),
    };
    if let (Some(pk), Some(af)) = (&p.phone_pk, &p.phone)
        && !phone.is_empty()
        && chance(rng, 0.08)
    {
        // Both numbers in one cell.
        let other = if phone_src == Some(pk) { af } else { pk };
        let sep = pick(rng, &[" / ", ", ", "; ", " or "]);
        phone = format!("{phone}{sep}{}", render_phone(rng, st, other, false));
    }
    // Titles lists put in front of names: Haji, Eng., Dr., Mr., Mrs.
    if !perso && p.dob.year() < 2000 && chance(rng, 0.035) {
        let title = match (p.sex, rng.gen_range(0..5)) {
            ("M", 0) if p.dob.year() < 1975 => "Haji",
            ("M", 0 | 1) => "Eng.",
            (_, 2) => "Dr.",
            ("M", _) => "Mr.",
            (_, 3) => "Ms.",
            _ => "Mrs.",
        };
        let title = if st.upper {
            title.to_uppercase()
        } else {
            title.to_string()
        };
        if !given.is_empty() {
            given = format!("{title} {given}");
        } else if !full.is_empty() {
            full = format!("{title} {full}");
        }
    }
    let email = match &p.email {
        Some(e) if chance(rng, st.email_known) => {
            if chance(rng, st.typo) {
                typo(rng, e)
            } else if chance(rng, 0.1) {
                e.to_uppercase()
            } else {
                e.clone()
            }
        }
        _ => String::new(),
    };
    let sex = if chance(rng, 0.12) {
        String::new()
    } else if perso && chance(rng, 0.5) {
        if p.sex == "M" { "مرد" } else { "زن" }.to_string()
    } else {
        match st.sex_fmt {
            0 => p.sex.to_string(),
            1 => if p.sex == "M" { "Male" } else { "Female" }.to_string(),
            2 => p.sex.to_lowercase(),
            _ => if p.sex == "M" { "male" } else { "female" }.to_string(),
        }
    };
    SyntheticRecord {
        person_id: p.person_id,
        record_id,
        given_name: given,
        family_name: family,
        full_name: full,
        father_name: father,
        date_of_birth: render_dob(rng, st, p, perso),
        sex,
        national_id: if chance(rng, st.id_known) {
            render_tazkira(rng, st, &p.tazkira)
        } else {
            String::new()
        },
        passport: match &p.passport {
            Some(pp) if chance(rng, st.passport_known) => render_passport(rng, st, pp),
            _ => String::new(),
        },
        phone,
        email,
        address: if chance(rng, st.address_known) {
            render_address(rng, st, p)
        } else {
            String::new()
        },
        province: if chance(rng, 0.8) {
            render_province(rng, st, p.province, perso)
        } else {
            String::new()
        },
        household,
        needs: if chance(rng, 0.5) {
            needs(rng, p)
        } else {
            String::new()
        },
        notes: notes(rng, p, true),
    }
}
