//! The truth: households of synthetic people with canonical identities.

use chrono::{Datelike, NaiveDate};
use rand::Rng;

use crate::names::*;
use crate::util::*;
use crate::{TrueHousehold, TruePerson};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct NameRef {
    pub t: u8,
    pub i: u16,
}

impl NameRef {
    pub fn tok(self) -> &'static Tok {
        &TABLES[self.t as usize][self.i as usize]
    }
    pub fn key(self) -> u64 {
        ((self.t as u64) << 16) | self.i as u64
    }
}

/// A given name of one or two parts ("Mohammad" + "Ali", "Najibullah", "Ahmad" + "Shah").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Name {
    pub parts: [NameRef; 2],
    pub n: u8,
}

impl Name {
    pub fn one(a: NameRef) -> Self {
        Name {
            parts: [a, a],
            n: 1,
        }
    }
    pub fn two(a: NameRef, b: NameRef) -> Self {
        Name {
            parts: [a, b],
            n: 2,
        }
    }
    pub fn parts(&self) -> &[NameRef] {
        &self.parts[..self.n as usize]
    }
    pub fn latin(&self) -> String {
        self.parts()
            .iter()
            .map(|p| p.tok().lat[0])
            .collect::<Vec<_>>()
            .join(" ")
    }
    /// Same canonical spelling (the same word can sit in two tables, e.g. "Gul").
    pub fn same_latin(&self, other: &Name) -> bool {
        self.n == other.n
            && self
                .parts()
                .iter()
                .zip(other.parts())
                .all(|(a, b)| a.tok().lat[0] == b.tok().lat[0])
    }
    pub fn fa(&self) -> String {
        self.parts()
            .iter()
            .map(|p| p.tok().fa)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What the renderer needs beyond the public canonical strings.
#[derive(Clone, Debug)]
pub(crate) struct Keys {
    pub given: Name,
    pub family: Option<NameRef>,
    pub father: Name,
    /// The husband's name, for "w/o" on a married woman.
    pub husband: Option<Name>,
}

pub(crate) const LOCATIONS: &[(&str, u32)] = &[
    ("Kabul", 34),
    ("home province", 14),
    ("Torkham border crossing", 11),
    ("Chaman border crossing", 6),
    ("Peshawar", 11),
    ("Quetta", 5),
    ("Islamabad", 10),
    ("Rawalpindi", 3),
    ("Karachi", 2),
    ("Mazar-i-Sharif", 4),
];

pub(crate) fn in_pakistan(loc: &str) -> bool {
    matches!(
        loc,
        "Peshawar" | "Quetta" | "Islamabad" | "Rawalpindi" | "Karachi"
    )
}

pub(crate) fn at_border(loc: &str) -> bool {
    loc.ends_with("border crossing")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Pashtun,
    Tajik,
    Hazara,
    Uzbek,
}

impl Group {
    fn mask(self) -> u8 {
        match self {
            Group::Pashtun => P,
            Group::Tajik => T,
            Group::Hazara => H,
            Group::Uzbek => U,
        }
    }
    fn label(self) -> &'static str {
        match self {
            Group::Pashtun => "pashtun",
            Group::Tajik => "tajik",
            Group::Hazara => "hazara",
            Group::Uzbek => "uzbek",
        }
    }
}

fn tok(rng: &mut R, table: usize, g: Group) -> NameRef {
    let tab = TABLES[table];
    let mut i = skewed(rng, tab.len());
    for _ in 0..6 {
        if tab[i].groups & g.mask() != 0 {
            break;
        }
        i = skewed(rng, tab.len());
    }
    NameRef {
        t: table as u8,
        i: i as u16,
    }
}

fn male_given(rng: &mut R, g: Group) -> Name {
    let r: f64 = rng.r#gen();
    let ullah = if g == Group::Hazara { 0.05 } else { 0.16 };
    if r < 0.30 {
        let pre = if chance(rng, 0.6) {
            NameRef {
                t: MALE_PREFIX as u8,
                i: 0,
            }
        } else {
            tok(rng, MALE_PREFIX, g)
        };
        Name::two(pre, tok(rng, MALE_SIMPLE, g))
    } else if r < 0.30 + ullah {
        Name::one(tok(rng, MALE_ULLAH, g))
    } else if r < 0.42 + ullah {
        Name::one(tok(rng, MALE_ABDUL, g))
    } else if r < 0.49 + ullah {
        Name::two(tok(rng, MALE_SIMPLE, g), tok(rng, MALE_SUFFIX, g))
    } else {
        Name::one(tok(rng, MALE_SIMPLE, g))
    }
}

fn female_given(rng: &mut R, g: Group) -> Name {
    if chance(rng, 0.06) {
        Name::two(tok(rng, FEMALE_PREFIX, g), tok(rng, FEMALE, g))
    } else {
        Name::one(tok(rng, FEMALE, g))
    }
}

fn male_given_not(rng: &mut R, g: Group, avoid: &[Name]) -> Name {
    loop {
        let n = male_given(rng, g);
        if !avoid.iter().any(|a| a.same_latin(&n)) {
            return n;
        }
    }
}

fn female_given_not(rng: &mut R, g: Group, avoid: &[Name]) -> Name {
    loop {
        let n = female_given(rng, g);
        if !avoid.iter().any(|a| a == &n) {
            return n;
        }
    }
}

fn af_phone(rng: &mut R) -> String {
    format!("+937{}{}", rng.gen_range(0..10), digits(rng, 7))
}

fn pk_phone(rng: &mut R) -> String {
    format!("+923{}{}", rng.gen_range(0..5), digits(rng, 8))
}

fn tazkira(rng: &mut R) -> String {
    if chance(rng, 0.45) {
        format!(
            "{}-{:04}-{}",
            rng.gen_range(1397..=1400),
            rng.gen_range(1..1300),
            digits(rng, 5)
        )
    } else {
        format!(
            "{}/{}/{}",
            rng.gen_range(1..400),
            rng.gen_range(1..300),
            rng.gen_range(1..10000)
        )
    }
}

fn email(rng: &mut R, given: &Name, family: Option<NameRef>) -> String {
    let g: String = given
        .latin()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    let f: String = family
        .map(|f| f.tok().lat[0].to_lowercase())
        .unwrap_or_default();
    let f: String = f.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    let domain = weighted(
        rng,
        &[
            ("gmail.com", 60),
            ("yahoo.com", 20),
            ("hotmail.com", 10),
            ("outlook.com", 10),
        ],
    );
    let local = match rng.gen_range(0..4) {
        0 if !f.is_empty() => format!("{g}.{f}"),
        1 => format!("{g}{}", rng.gen_range(1..999)),
        2 if !f.is_empty() => format!("{}{f}{}", &g[..1], rng.gen_range(10..99)),
        _ => format!("{g}.{}", rng.gen_range(1970..2005)),
    };
    format!("{local}@{domain}")
}

fn date(rng: &mut R, year_from: i32, year_to: i32) -> NaiveDate {
    let y = rng.gen_range(year_from..=year_to.max(year_from));
    let doy = rng.gen_range(1..=365);
    NaiveDate::from_yo_opt(y, doy)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(y, 6, 1).expect("valid date"))
}

fn address(rng: &mut R, province: &str) -> String {
    if province == "Kabul" {
        format!(
            "House {}, Street {}, {}, Kabul",
            rng.gen_range(1..200),
            rng.gen_range(1..30),
            pick(rng, KABUL_AREAS)
        )
    } else {
        let city = PROVINCES
            .iter()
            .find(|p| p.0 == province)
            .map(|p| *p.1.last().unwrap_or(&p.0))
            .unwrap_or(province);
        match rng.gen_range(0..3) {
            0 => format!(
                "Village {}, {} District, {province}",
                pick(
                    rng,
                    &[
                        "Qala-e-Now",
                        "Deh Sabz",
                        "Sar Asyab",
                        "Kala Khel",
                        "Shinkai",
                        "Bagh-e-Pul"
                    ]
                ),
                pick(
                    rng,
                    &[
                        "Center",
                        "Surkh Rod",
                        "Behsud",
                        "Khak-e-Jabbar",
                        "Chahar Asyab"
                    ]
                )
            ),
            1 => format!("Street {}, {}, {province}", rng.gen_range(1..40), city),
            _ => format!(
                "Near {} Mosque, {}, {province}",
                pick(
                    rng,
                    &["Jami", "Pul-e-Khishti", "Haji Yaqub", "Sakhi", "Blue"]
                ),
                city
            ),
        }
    }
}

pub(crate) struct HouseholdBuild {
    pub household: TrueHousehold,
    pub people: Vec<TruePerson>,
}

/// Build one household. `first_person_id` is the id of its principal; members follow.
pub(crate) fn household(rng: &mut R, household_id: u64, first_person_id: u64) -> HouseholdBuild {
    let g = weighted(
        rng,
        &[
            (Group::Pashtun, 45),
            (Group::Tajik, 30),
            (Group::Hazara, 15),
            (Group::Uzbek, 10),
        ],
    );
    let province = {
        match g {
            Group::Hazara if chance(rng, 0.4) => {
                weighted(rng, &[("Bamyan", 3), ("Daykundi", 2), ("Ghazni", 2)])
            }
            Group::Uzbek if chance(rng, 0.5) => {
                weighted(rng, &[("Faryab", 2), ("Jawzjan", 2), ("Balkh", 2)])
            }
            _ => {
                let total: u32 = PROVINCES.iter().map(|p| p.2).sum();
                let mut r = rng.gen_range(0..total);
                let mut chosen = PROVINCES[0].0;
                for p in PROVINCES {
                    if r < p.2 {
                        chosen = p.0;
                        break;
                    }
                    r -= p.2;
                }
                chosen
            }
        }
    };
    let mut location = weighted(rng, LOCATIONS);
    if location == "home province" {
        location = if province == "Kabul" {
            "Kabul"
        } else {
            province
        };
    }
    let home_address = address(rng, province);
    let has_family = chance(
        rng,
        match g {
            Group::Pashtun => 0.62,
            Group::Tajik => 0.70,
            Group::Hazara => 0.65,
            Group::Uzbek => 0.55,
        },
    );
    let family_tok = if has_family {
        Some(tok(rng, FAMILY, g))
    } else {
        None
    };

    let minor = chance(rng, 0.03);
    let principal_female = !minor && chance(rng, 0.18);
    let principal_age = if minor {
        rng.gen_range(11..=17)
    } else {
        rng.gen_range(21..=56)
    };
    let ref_year = 2021;
    let p_year = ref_year - principal_age;

    // Risk profile of the principal drives the pathway.
    let mut risk: Vec<&'static str> = Vec::new();
    let job = if minor {
        "unaccompanied_minor"
    } else if principal_female {
        weighted(
            rng,
            &[
                ("womens_rights", 40),
                ("journalist", 15),
                ("judge", 8),
                ("", 37),
            ],
        )
    } else {
        weighted(
            rng,
            &[
                ("interpreter", 32),
                ("former_security", 16),
                ("journalist", 7),
                ("judge", 4),
                ("", 41),
            ],
        )
    };
    if !job.is_empty() {
        risk.push(job);
    }
    if g == Group::Hazara && chance(rng, 0.6) {
        risk.push("minority");
    }
    let crossed = in_pakistan(location);
    let pathway: Option<&'static str> = match job {
        "interpreter" => Some(weighted(
            rng,
            &[
                ("siv_com_submitted", 30),
                ("siv_com_approved", 25),
                ("siv_i360", 15),
                ("siv_interview", 10),
                ("claims_no_record", 15),
                ("p2", 5),
            ],
        )),
        "former_security" => weighted(
            rng,
            &[
                (Some("claims_no_record"), 30),
                (Some("siv_com_submitted"), 25),
                (Some("p1"), 10),
                (Some("parole"), 15),
                (None, 20),
            ],
        ),
        "journalist" => weighted(
            rng,
            &[
                (Some("p2"), 50),
                (Some("p1"), 15),
                (Some("parole"), 15),
                (None, 20),
            ],
        ),
        "judge" => weighted(
            rng,
            &[
                (Some("p1"), 40),
                (Some("parole"), 30),
                (Some("claims_no_record"), 10),
                (None, 20),
            ],
        ),
        "womens_rights" => weighted(
            rng,
            &[
                (Some("p1"), 30),
                (Some("p2"), 25),
                (Some("parole"), 25),
                (None, 20),
            ],
        ),
        _ if crossed => weighted(
            rng,
            &[
                (Some("unhcr_registered"), 40),
                (Some("parole"), 15),
                (Some("claims_no_record"), 10),
                (None, 35),
            ],
        ),
        _ => weighted(
            rng,
            &[
                (Some("parole"), 25),
                (Some("claims_no_record"), 15),
                (None, 60),
            ],
        ),
    };

    let hh_phone = af_phone(rng);
    let hh_phone_pk = if crossed || (at_border(location) && chance(rng, 0.3)) {
        Some(pk_phone(rng))
    } else {
        None
    };

    let father_name = male_given(rng, g);
    let grandfather = male_given_not(rng, g, &[father_name]);

    struct Draft {
        rel: &'static str,
        sex: &'static str,
        given: Name,
        father: Name,
        family: Option<NameRef>,
        dob_year_from: i32,
        dob_year_to: i32,
        husband: Option<Name>,
        own_phone: bool,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let principal_given = if principal_female {
        female_given(rng, g)
    } else {
        male_given_not(rng, g, &[father_name])
    };
    drafts.push(Draft {
        rel: "principal",
        sex: if principal_female || (minor && chance(rng, 0.3)) {
            "F"
        } else {
            "M"
        },
        given: principal_given,
        father: father_name,
        family: family_tok,
        dob_year_from: p_year,
        dob_year_to: p_year,
        husband: None,
        own_phone: !minor || chance(rng, 0.4),
    });
    if drafts[0].sex == "F" && !principal_female {
        drafts[0].given = female_given(rng, g);
    }
    let principal_sex = drafts[0].sex;
    let mut used: Vec<Name> = vec![drafts[0].given, father_name];

    // Spouse and children.
    let married =
        !minor && principal_age >= 22 && chance(rng, if principal_female { 0.3 } else { 0.4 });
    let children_father: Name = if principal_sex == "M" {
        principal_given
    } else {
        male_given_not(rng, g, &used)
    };
    if married {
        let spouse_father = male_given(rng, g);
        if principal_sex == "M" {
            let wife_age = (principal_age - rng.gen_range(0..10)).max(18);
            let wife_family = if has_family && chance(rng, 0.6) {
                family_tok
            } else if chance(rng, 0.4) {
                Some(tok(rng, FAMILY, g))
            } else {
                None
            };
            drafts.push(Draft {
                rel: "spouse",
                sex: "F",
                given: {
                    let w = female_given_not(rng, g, &used);
                    used.push(w);
                    w
                },
                father: spouse_father,
                family: wife_family,
                dob_year_from: ref_year - wife_age,
                dob_year_to: ref_year - wife_age,
                husband: Some(principal_given),
                own_phone: chance(rng, 0.3),
            });
        } else {
            let h_age = principal_age + rng.gen_range(0..10);
            drafts.push(Draft {
                rel: "spouse",
                sex: "M",
                given: children_father,
                father: spouse_father,
                family: if has_family && chance(rng, 0.5) {
                    family_tok
                } else {
                    None
                },
                dob_year_from: ref_year - h_age,
                dob_year_to: ref_year - h_age,
                husband: None,
                own_phone: chance(rng, 0.7),
            });
            drafts[0].husband = Some(children_father);
        }
    }
    let mother_age = if principal_sex == "F" {
        principal_age
    } else {
        drafts
            .get(1)
            .map(|d| ref_year - d.dob_year_from)
            .unwrap_or(principal_age)
    };
    if married || (principal_sex == "F" && !minor && chance(rng, 0.2)) {
        let n_children = weighted(
            rng,
            &[
                (0usize, 18),
                (1, 26),
                (2, 24),
                (3, 15),
                (4, 9),
                (5, 5),
                (6, 3),
            ],
        );
        let oldest = (mother_age - 17).clamp(0, 20);
        let mut sibling_names: Vec<Name> = vec![children_father];
        for k in 0..n_children {
            let age = rng.gen_range(0..=oldest);
            let son = chance(rng, 0.52);
            // A son may carry his grandfather's name (the principal's father, in a male line).
            let given = if son && k == 0 && principal_sex == "M" && chance(rng, 0.12) {
                father_name
            } else if son {
                male_given_not(rng, g, &sibling_names)
            } else {
                female_given_not(rng, g, &sibling_names)
            };
            sibling_names.push(given);
            used.push(given);
            drafts.push(Draft {
                rel: if son { "son" } else { "daughter" },
                sex: if son { "M" } else { "F" },
                given,
                father: children_father,
                family: if has_family && chance(rng, 0.92) {
                    family_tok
                } else {
                    None
                },
                dob_year_from: ref_year - age,
                dob_year_to: ref_year - age,
                husband: None,
                own_phone: age >= 17 && chance(rng, 0.3),
            });
        }
    }
    // Parents and siblings.
    let single = !married;
    if !minor && chance(rng, if single { 0.15 } else { 0.05 }) {
        let age = principal_age + rng.gen_range(20..=35);
        drafts.push(Draft {
            rel: "father",
            sex: "M",
            given: father_name,
            father: grandfather,
            family: family_tok,
            dob_year_from: ref_year - age,
            dob_year_to: ref_year - age,
            husband: None,
            own_phone: chance(rng, 0.3),
        });
    }
    if !minor && chance(rng, if single { 0.17 } else { 0.06 }) {
        let age = principal_age + rng.gen_range(18..=32);
        drafts.push(Draft {
            rel: "mother",
            sex: "F",
            given: female_given(rng, g),
            father: male_given(rng, g),
            family: if chance(rng, 0.3) { family_tok } else { None },
            dob_year_from: ref_year - age,
            dob_year_to: ref_year - age,
            husband: Some(father_name),
            own_phone: false,
        });
    }
    let n_brothers = if minor {
        weighted(rng, &[(0usize, 60), (1, 40)])
    } else {
        weighted(rng, &[(0usize, 85), (1, 11), (2, 4)])
    };
    for _ in 0..n_brothers {
        let age = (principal_age + rng.gen_range(-8i32..=8)).max(if minor { 5 } else { 16 });
        let given = male_given_not(rng, g, &used);
        used.push(given);
        drafts.push(Draft {
            rel: "brother",
            sex: "M",
            given,
            father: father_name,
            family: family_tok,
            dob_year_from: ref_year - age,
            dob_year_to: ref_year - age,
            husband: None,
            own_phone: age >= 17 && chance(rng, 0.2),
        });
    }
    if chance(rng, if minor { 0.3 } else { 0.07 }) {
        let age = (principal_age + rng.gen_range(-8i32..=8)).max(4);
        let given = female_given_not(rng, g, &used);
        used.push(given);
        drafts.push(Draft {
            rel: "sister",
            sex: "F",
            given,
            father: father_name,
            family: if chance(rng, 0.7) { family_tok } else { None },
            dob_year_from: ref_year - age,
            dob_year_to: ref_year - age,
            husband: None,
            own_phone: false,
        });
    }
    if !minor && chance(rng, 0.03) {
        // A nephew or niece travelling with the family.
        let son = chance(rng, 0.5);
        let age = rng.gen_range(3..=19);
        drafts.push(Draft {
            rel: "other",
            sex: if son { "M" } else { "F" },
            given: if son {
                male_given_not(rng, g, &used)
            } else {
                female_given_not(rng, g, &used)
            },
            father: male_given(rng, g),
            family: None,
            dob_year_from: ref_year - age,
            dob_year_to: ref_year - age,
            husband: None,
            own_phone: false,
        });
    }

    let medical_member = if chance(rng, 0.07) {
        Some(rng.gen_range(0..drafts.len()))
    } else {
        None
    };
    let mut people = Vec::with_capacity(drafts.len());
    for (k, d) in drafts.iter().enumerate() {
        let person_id = first_person_id + k as u64;
        let mut dob = date(rng, d.dob_year_from, d.dob_year_to);
        if dob > NaiveDate::from_ymd_opt(2021, 8, 15).expect("date") {
            dob = NaiveDate::from_ymd_opt(dob.year() - 1, dob.month(), 1).expect("date");
        }
        let age = ref_year - dob.year();
        let dob_exact = chance(rng, if age < 18 { 0.7 } else { 0.5 });
        let mut prisk: Vec<&'static str> = Vec::new();
        if k == 0 {
            prisk.extend(risk.iter().copied());
        } else if risk.contains(&"minority") {
            prisk.push("minority");
        }
        if medical_member == Some(k) {
            prisk.push("medical_emergency");
        }
        let derivative = matches!(d.rel, "principal" | "spouse" | "son" | "daughter");
        let p_pathway = if derivative {
            pathway
        } else if crossed && chance(rng, 0.3) {
            Some("unhcr_registered")
        } else if chance(rng, 0.2) {
            Some("parole")
        } else {
            None
        };
        let phone = if d.own_phone {
            Some(af_phone(rng))
        } else if age >= 12 || chance(rng, 0.5) {
            Some(hh_phone.clone())
        } else {
            None
        };
        let phone = if k == 0 && !minor {
            Some(hh_phone.clone())
        } else {
            phone
        };
        let adult = age >= 18;
        people.push(TruePerson {
            person_id,
            household_id,
            relationship: d.rel,
            given: d.given.latin(),
            given_fa: d.given.fa(),
            family: d.family.map(|f| f.tok().lat[0].to_string()),
            family_fa: d.family.map(|f| f.tok().fa.to_string()),
            father: d.father.latin(),
            father_fa: d.father.fa(),
            dob,
            dob_exact,
            sex: d.sex,
            ethnicity: g.label(),
            tazkira: tazkira(rng),
            passport: if chance(rng, if adult { 0.35 } else { 0.15 }) {
                Some(format!("P0{}", digits(rng, 7)))
            } else {
                None
            },
            phone,
            phone_pk: if d.own_phone || k == 0 {
                hh_phone_pk.clone()
            } else {
                None
            },
            email: if adult && chance(rng, if k == 0 { 0.55 } else { 0.15 }) {
                Some(email(rng, &d.given, d.family))
            } else {
                None
            },
            province,
            location,
            address: home_address.clone(),
            risk: prisk,
            pathway: p_pathway,
            keys: Keys {
                given: d.given,
                family: d.family,
                father: d.father,
                husband: d.husband,
            },
        });
    }
    let household = TrueHousehold {
        household_id,
        key: format!("hh-{household_id:06}"),
        principal: first_person_id,
        members: people.iter().map(|p| p.person_id).collect(),
        ethnicity: g.label(),
        province,
        location,
        address: home_address,
        phone: hh_phone,
        phone_pk: hh_phone_pk,
        pathway,
        risk: people
            .iter()
            .flat_map(|p| p.risk.iter().copied())
            .fold(Vec::new(), |mut v, r| {
                if !v.contains(&r) {
                    v.push(r);
                }
                v
            }),
    };
    HouseholdBuild { household, people }
}
