//! The demo scenario: households, requesters, and the inquiries they send.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use rand::{Rng, SeedableRng};

use crate::names::{US_STATES, WEST_FAMILY, WEST_GIVEN};
use crate::render::{Style, render};
use crate::text;
use crate::util::*;
use crate::world::{household, in_pakistan};
use crate::{Requester, Scenario, ScenarioConfig, SyntheticInquiry, TrueHousehold, TruePerson};

const STATE_OFFICES: &[(&str, &str)] = &[
    (
        "Afghanistan Task Force, Operations Center",
        "afghan-tf@state.example",
    ),
    (
        "Bureau of South and Central Asian Affairs, Afghanistan Desk",
        "sca-a@state.example",
    ),
    ("Consular Affairs, SIV Unit", "siv-unit@state.example"),
    (
        "Population, Refugees and Migration, Admissions",
        "prm-admissions@state.example",
    ),
    ("Consulate General Peshawar", "peshawar-acs@state.example"),
    (
        "Consulate General Karachi",
        "karachi-consular@state.example",
    ),
    (
        "Embassy Kabul (relocated), Consular Section",
        "kabul-consular@state.example",
    ),
    (
        "Office of the Under Secretary for Management",
        "m-staff@state.example",
    ),
];
const AGENCIES: &[(&str, &str)] = &[
    (
        "Department of Defense, Afghan partner liaison cell",
        "partner-liaison@defense.example",
    ),
    (
        "USAID Afghanistan Mission",
        "afghanistan-mission@usaid.example",
    ),
    (
        "Department of Homeland Security, Humanitarian Parole Branch",
        "parole@uscis.example",
    ),
    (
        "Department of Justice, Office of Judicial Partnerships",
        "ojp-afghan@justice.example",
    ),
    (
        "US Agency for Global Media, Personnel Security",
        "staff-safety@usagm.example",
    ),
];
const INTL_ORGS: &[(&str, &str)] = &[
    ("UNHCR Islamabad", "pakis@unhcr.example"),
    ("UNHCR Peshawar Sub-Office", "pakpe@unhcr.example"),
    ("IOM Pakistan", "iompk-protection@iom.example"),
    (
        "UNICEF Pakistan, Child Protection",
        "cp-pakistan@unicef.example",
    ),
];
const NGOS: &[(&str, &str)] = &[
    ("Bridges for Afghan Allies", "lists@bridges-allies.example"),
    (
        "Veterans Safe Passage Coalition",
        "cases@vets-safepassage.example",
    ),
    (
        "Press Freedom Emergency Desk",
        "emergency@pressfreedom-desk.example",
    ),
    ("Women Forward Network", "protect@womenforward.example"),
    (
        "Northern Lights Resettlement",
        "intake@nlresettlement.example",
    ),
    ("Judges at Risk Initiative", "cases@judges-at-risk.example"),
    (
        "Hazara Solidarity Council",
        "help@hazara-solidarity.example",
    ),
    ("Digital Dunkirk Volunteers", "ops@digital-dunkirk.example"),
    ("Refugee Legal Aid Partnership", "referrals@rlap.example"),
    ("Interpreters Not Forgotten", "team@interpreters-nf.example"),
    ("Afghan Athletes Relief", "contact@athletes-relief.example"),
    ("Medical Evacuation Volunteers", "medevac@mev.example"),
    ("Faith Communities for Refugees", "afghan@fcr.example"),
    ("Pathways Legal Clinic", "clinic@pathways-legal.example"),
    ("Open Door Sponsorship Circle", "circles@opendoor.example"),
    ("Frontline Teachers Fund", "help@frontline-teachers.example"),
    (
        "Safe Harbor Afghan Network",
        "network@safeharbor-af.example",
    ),
    (
        "Allied Journalists Committee",
        "desk@allied-journalists.example",
    ),
];

struct Mention {
    household: usize,
    requester: usize,
}

fn new_requester(
    rng: &mut R,
    kind: &'static str,
    key: String,
    name: String,
    email: Option<String>,
) -> Requester {
    let style = Style::for_kind(rng, kind);
    Requester {
        key,
        name,
        kind,
        email,
        style,
    }
}

fn west_name(rng: &mut R) -> (String, String) {
    (
        pick(rng, WEST_GIVEN).to_string(),
        pick(rng, WEST_FAMILY).to_string(),
    )
}

/// Weight of a day of the window: rising after the start, a peak in the last days of August
/// (days 6–11 from 20 August), then a long tail as people reach the border.
pub(crate) fn day_weight(day: u32) -> u32 {
    match day {
        0..=5 => 4 + day * 2,
        6..=11 => 18 + if day == 9 || day == 10 { 4 } else { 0 },
        _ => 14u32.saturating_sub(day - 12).max(5),
    }
}

fn received(rng: &mut R, cfg: &ScenarioConfig) -> NaiveDateTime {
    let days = cfg.days.max(1);
    let weights: Vec<(u32, u32)> = (0..days).map(|d| (d, day_weight(d))).collect();
    let d = weighted(rng, &weights);
    let hour = weighted(
        rng,
        &(0..24u32)
            .map(|h| (h, if h < 3 { 1 } else { 3 }))
            .collect::<Vec<_>>(),
    );
    cfg.start.and_hms_opt(0, 0, 0).expect("midnight")
        + Duration::days(d as i64)
        + Duration::hours(hour as i64)
        + Duration::seconds(rng.gen_range(0..3600))
}

fn end_of(cfg: &ScenarioConfig) -> NaiveDateTime {
    cfg.start.and_hms_opt(0, 0, 0).expect("midnight") + Duration::days(cfg.days.max(1) as i64)
        - Duration::seconds(1)
}

/// Which members a requester knows about: the principal always, the rest often.
fn members_known(rng: &mut R, kind: &str, hh: &TrueHousehold, people: &[TruePerson]) -> Vec<u64> {
    hh.members
        .iter()
        .copied()
        .filter(|&id| {
            let p = &people[(id - 1) as usize];
            let q = match (p.relationship, kind) {
                ("principal", _) => 1.0,
                (_, "self") => 0.95,
                ("spouse", _) => 0.85,
                ("son" | "daughter", "sponsor" | "congressional") => 0.6,
                ("son" | "daughter", _) => 0.85,
                (_, "sponsor") => 0.35,
                _ => 0.65,
            };
            chance(rng, q)
        })
        .collect()
}

fn channel_for(rng: &mut R, kind: &str, hh: &TrueHousehold) -> &'static str {
    match kind {
        "state_office" => weighted(rng, &[("email", 70), ("api", 30)]),
        "agency" => weighted(rng, &[("email", 60), ("api", 25), ("spreadsheet", 15)]),
        "international_org" => weighted(rng, &[("spreadsheet", 60), ("api", 25), ("email", 15)]),
        "ngo" => weighted(rng, &[("spreadsheet", 75), ("email", 20), ("api", 5)]),
        "sponsor" => weighted(rng, &[("email", 85), ("web_form", 15)]),
        "congressional" => weighted(rng, &[("email", 90), ("phone", 10)]),
        _ => {
            let walk = if matches!(hh.location, "Islamabad" | "Rawalpindi" | "Peshawar") {
                30
            } else {
                0
            };
            weighted(
                rng,
                &[
                    ("web_form", 45),
                    ("email", 20),
                    ("phone", 10),
                    ("walk_in", walk),
                ],
            )
        }
    }
}

fn category_for(rng: &mut R, hh: &TrueHousehold, when: NaiveDateTime) -> &'static str {
    let mut opts: Vec<(&'static str, u32)> = Vec::new();
    if hh.risk.contains(&"medical_emergency") {
        opts.push(("medical", 6));
    }
    if hh.location.ends_with("border crossing") {
        opts.push(("border_crossing", 8));
    }
    if hh.pathway.is_some_and(|p| p.starts_with("siv")) {
        opts.push(("visa", 6));
    }
    if hh
        .pathway
        .is_some_and(|p| matches!(p, "p1" | "p2" | "unhcr_registered"))
    {
        opts.push(("refugee_referral", 6));
    }
    if hh.risk.iter().any(|r| {
        matches!(
            *r,
            "judge" | "journalist" | "womens_rights" | "minority" | "unaccompanied_minor"
        )
    }) {
        opts.push(("protection", 4));
    }
    if in_pakistan(hh.location) {
        // No status in Pakistan: registration, referral, fear of deportation.
        opts.push(("refugee_referral", 3));
        opts.push(("protection", 2));
    }
    let in_af = !in_pakistan(hh.location) && !hh.location.ends_with("border crossing");
    if in_af {
        opts.push((
            "evacuation",
            if when.date() <= chrono::NaiveDate::from_ymd_opt(2021, 8, 31).expect("date") {
                10
            } else {
                4
            },
        ));
    }
    opts.push(("other", 1));
    weighted(rng, &opts)
}

/// Generate the scenario for `cfg`. Deterministic in `cfg`.
pub fn generate(cfg: &ScenarioConfig) -> Scenario {
    let mut rng = R::seed_from_u64(cfg.seed);
    let mut people: Vec<TruePerson> = Vec::new();
    let mut households: Vec<TrueHousehold> = Vec::new();
    for h in 0..cfg.households {
        let mut hrng = R::seed_from_u64(mix(cfg.seed ^ mix(h as u64 + 1)));
        let b = household(&mut hrng, h as u64 + 1, people.len() as u64 + 1);
        people.extend(b.people);
        households.push(b.household);
    }

    // Standing requesters.
    let mut requesters: Vec<Requester> = Vec::new();
    let mut add_fixed =
        |rng: &mut R, kind: &'static str, prefix: &str, list: &[(&str, &str)]| -> Vec<usize> {
            let mut idx = Vec::new();
            for (k, (name, email)) in list.iter().enumerate() {
                idx.push(requesters.len());
                requesters.push(new_requester(
                    rng,
                    kind,
                    format!("{prefix}-{:03}", k + 1),
                    name.to_string(),
                    Some(email.to_string()),
                ));
            }
            idx
        };
    let state = add_fixed(&mut rng, "state_office", "state", STATE_OFFICES);
    let agencies = add_fixed(&mut rng, "agency", "agency", AGENCIES);
    let ios = add_fixed(&mut rng, "international_org", "io", INTL_ORGS);
    let ngos = add_fixed(&mut rng, "ngo", "ngo", NGOS);
    let mut congress = Vec::new();
    for k in 0..24 {
        let (g, f) = west_name(&mut rng);
        let st = pick(&mut rng, US_STATES);
        let (title, name) = if k % 4 == 0 {
            ("Senator", format!("Office of Senator {g} {f} ({st})"))
        } else {
            (
                "Rep.",
                format!("Office of Rep. {g} {f} ({st}-{:02})", rng.gen_range(1..20)),
            )
        };
        let _ = title;
        let email = format!(
            "casework.{}@{}.house.example",
            f.to_lowercase(),
            st.to_lowercase()
        );
        congress.push(requesters.len());
        requesters.push(new_requester(
            &mut rng,
            "congressional",
            format!("cong-{:03}", k + 1),
            name,
            Some(email),
        ));
    }
    let mut sponsors: Vec<usize> = Vec::new();
    let mut self_of: HashMap<usize, usize> = HashMap::new();

    // Who asks about each household.
    let mut mentions: Vec<Mention> = Vec::new();
    for (h, hh) in households.iter().enumerate() {
        let k = weighted(
            &mut rng,
            &[
                (1usize, 30),
                (2, 22),
                (3, 15),
                (4, 10),
                (5, 7),
                (6, 5),
                (7, 4),
                (8, 3),
                (9, 2),
                (10, 2),
            ],
        );
        let risk = |r: &str| hh.risk.contains(&r);
        let mut chosen: Vec<usize> = Vec::new();
        let mut tries = 0;
        while chosen.len() < k && tries < 50 {
            tries += 1;
            let kind = weighted(
                &mut rng,
                &[
                    ("self", if self_of.contains_key(&h) { 0 } else { 30 }),
                    (
                        "sponsor",
                        if risk("interpreter") || risk("former_security") {
                            40
                        } else {
                            14
                        },
                    ),
                    ("congressional", 10),
                    ("ngo", 22),
                    (
                        "international_org",
                        if in_pakistan(hh.location) || hh.location.ends_with("crossing") {
                            18
                        } else {
                            4
                        },
                    ),
                    ("state_office", 14),
                    (
                        "agency",
                        if risk("former_security") || risk("interpreter") {
                            10
                        } else {
                            4
                        },
                    ),
                ],
            );
            let r = match kind {
                "self" => {
                    let p = &people[(hh.principal - 1) as usize];
                    let i = requesters.len();
                    requesters.push(new_requester(
                        &mut rng,
                        "self",
                        format!("self-{:06}", hh.household_id),
                        format!("{} {}", p.given, p.family.clone().unwrap_or_default())
                            .trim()
                            .to_string(),
                        p.email.clone(),
                    ));
                    self_of.insert(h, i);
                    i
                }
                "sponsor" => {
                    if !sponsors.is_empty() && chance(&mut rng, 0.15) {
                        pick(&mut rng, &sponsors)
                    } else {
                        let (g, f) = west_name(&mut rng);
                        let i = requesters.len();
                        let email = format!(
                            "{}.{}{}@{}",
                            g.to_lowercase(),
                            f.to_lowercase(),
                            rng.gen_range(1..99),
                            pick(
                                &mut rng,
                                &["gmail.com", "outlook.com", "yahoo.com", "icloud.com"]
                            )
                        );
                        requesters.push(new_requester(
                            &mut rng,
                            "sponsor",
                            format!("sponsor-{:04}", sponsors.len() + 1),
                            format!("{g} {f}"),
                            Some(email),
                        ));
                        sponsors.push(i);
                        i
                    }
                }
                "congressional" => pick(&mut rng, &congress),
                "ngo" => {
                    // NGOs have a focus: journalists, women, judges, Hazaras, interpreters.
                    let focus = if risk("journalist") {
                        Some(2)
                    } else if risk("womens_rights") {
                        Some(3)
                    } else if risk("judge") {
                        Some(5)
                    } else if risk("minority") {
                        Some(6)
                    } else if risk("interpreter") {
                        Some(9)
                    } else if risk("medical_emergency") {
                        Some(11)
                    } else {
                        None
                    };
                    match focus {
                        Some(f) if chance(&mut rng, 0.6) => ngos[f],
                        _ => pick(&mut rng, &ngos),
                    }
                }
                "international_org" => {
                    if risk("unaccompanied_minor") && chance(&mut rng, 0.6) {
                        ios[3]
                    } else {
                        pick(&mut rng, &ios[..3])
                    }
                }
                "state_office" => {
                    if hh.pathway.is_some_and(|p| p.starts_with("siv")) && chance(&mut rng, 0.4) {
                        state[2]
                    } else {
                        pick(&mut rng, &state)
                    }
                }
                _ => pick(&mut rng, &agencies),
            };
            if !chosen.contains(&r) {
                chosen.push(r);
            }
        }
        for r in chosen {
            mentions.push(Mention {
                household: h,
                requester: r,
            });
        }
    }

    // Each requester numbers households its own way.
    let mut hh_keys: HashMap<(usize, usize), String> = HashMap::new();
    let mut counters: HashMap<usize, usize> = HashMap::new();
    for m in &mentions {
        let req = &requesters[m.requester];
        let c = counters.entry(m.requester).or_insert(0);
        *c += 1;
        let hh = &households[m.household];
        let key = match req.kind {
            "ngo" => format!("{}-{:03}", initials(&req.name), c),
            "international_org" => format!(
                "{}-{}",
                if req.name.starts_with("IOM") {
                    "IOM"
                } else if req.name.starts_with("UNICEF") {
                    "CP"
                } else {
                    "PAK"
                },
                digits(&mut rng, 7)
            ),
            "state_office" | "agency" => {
                if chance(&mut rng, 0.5) {
                    format!("TF-{:05}", rng.gen_range(1..99999))
                } else {
                    String::new()
                }
            }
            "congressional" => format!("CI-{}-{:04}", 2021, rng.gen_range(1..9999)),
            "sponsor" => {
                if chance(&mut rng, 0.4) {
                    format!("{} family", people[(hh.principal - 1) as usize].given)
                } else {
                    String::new()
                }
            }
            _ => String::new(),
        };
        hh_keys.insert((m.requester, m.household), key);
    }

    // Spreadsheet requesters send lists; the others write one message per household.
    struct Draft {
        requester: usize,
        channel: &'static str,
        at: NaiveDateTime,
        households: Vec<usize>,
        follow_up_of: Option<usize>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut sheet_buf: HashMap<usize, Vec<usize>> = HashMap::new();
    for m in &mentions {
        let ch = channel_for(
            &mut rng,
            requesters[m.requester].kind,
            &households[m.household],
        );
        if ch == "spreadsheet" {
            sheet_buf.entry(m.requester).or_default().push(m.household);
        } else {
            let at = received(&mut rng, cfg);
            drafts.push(Draft {
                requester: m.requester,
                channel: ch,
                at,
                households: vec![m.household],
                follow_up_of: None,
            });
        }
    }
    let mut sheet_owners: Vec<usize> = sheet_buf.keys().copied().collect();
    sheet_owners.sort_unstable();
    for r in sheet_owners {
        let hs = sheet_buf.remove(&r).unwrap_or_default();
        let mut i = 0;
        while i < hs.len() {
            let n = rng.gen_range(4..=40).min(hs.len() - i);
            let at = received(&mut rng, cfg);
            drafts.push(Draft {
                requester: r,
                channel: "spreadsheet",
                at,
                households: hs[i..i + n].to_vec(),
                follow_up_of: None,
            });
            i += n;
        }
    }
    // Follow-ups ("any update?") fill the surge up to the configured number of inquiries.
    let direct: Vec<usize> = (0..drafts.len())
        .filter(|&i| drafts[i].channel != "spreadsheet")
        .collect();
    let end = end_of(cfg);
    let mut attempts = 0usize;
    while drafts.len() < cfg.inquiries && !direct.is_empty() && attempts < 20 * cfg.inquiries {
        attempts += 1;
        let o = pick(&mut rng, &direct);
        let orig_at = drafts[o].at;
        let room = (end - orig_at).num_minutes().min(7 * 24 * 60);
        if room < 240 {
            // Too late in the window for a follow-up; pick another message.
            continue;
        }
        // Most follow-ups come within a day or two; a few after a week of silence.
        let u: f64 = rng.r#gen();
        let at = orig_at + Duration::minutes(180 + ((room - 180) as f64 * u * u) as i64);
        let req = drafts[o].requester;
        let ch = if requesters[req].kind == "self" {
            channel_for(&mut rng, "self", &households[drafts[o].households[0]])
        } else {
            drafts[o].channel
        };
        let hs = drafts[o].households.clone();
        drafts.push(Draft {
            requester: req,
            channel: ch,
            at,
            households: hs,
            follow_up_of: Some(o),
        });
    }

    // Order by arrival, then render.
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&i| (drafts[i].at, i));
    let mut pos = vec![0usize; drafts.len()];
    for (n, &i) in order.iter().enumerate() {
        pos[i] = n;
    }
    let mut inquiries: Vec<SyntheticInquiry> = Vec::with_capacity(drafts.len());
    let mut subjects: Vec<String> = vec![String::new(); drafts.len()];
    for &i in &order {
        let d = &drafts[i];
        let key = format!("inq-{:06}", pos[i] + 1);
        let req = &requesters[d.requester];
        let mut records = Vec::new();
        for &h in &d.households {
            let hh = &households[h];
            let hkey = hh_keys.get(&(d.requester, h)).cloned().unwrap_or_default();
            let mut known = members_known(&mut rng, req.kind, hh, &people);
            if d.follow_up_of.is_some() && chance(&mut rng, 0.5) {
                known.truncate(1);
            }
            for id in known {
                let rid = format!("{key}-{:03}", records.len() + 1);
                records.push(render(
                    &mut rng,
                    &req.style,
                    &people[(id - 1) as usize],
                    rid,
                    hkey.clone(),
                ));
            }
        }
        let hh0 = &households[d.households[0]];
        let category = if d.channel == "spreadsheet" {
            sheet_category(req)
        } else {
            category_for(&mut rng, hh0, d.at)
        };
        let principal = &people[(hh0.principal - 1) as usize];
        let ctx = text::Ctx {
            requester: req,
            channel: d.channel,
            category,
            household: hh0,
            principal,
            records: &records,
            households: d.households.len(),
            original_subject: d.follow_up_of.map(|o| subjects[o].clone()),
            original_at: d.follow_up_of.map(|o| drafts[o].at),
        };
        let (subject, body) = text::compose(&mut rng, &ctx);
        subjects[i] = subject.clone();
        inquiries.push(SyntheticInquiry {
            key,
            channel: d.channel,
            requester: d.requester,
            received_at: d.at,
            category,
            subject,
            body,
            records,
            household_ids: d
                .households
                .iter()
                .map(|&h| households[h].household_id)
                .collect(),
        });
    }
    Scenario {
        requesters,
        people,
        households,
        inquiries,
    }
}

fn sheet_category(req: &Requester) -> &'static str {
    let n = &req.name;
    if n.contains("Medical") {
        "medical"
    } else if n.starts_with("UNHCR")
        || n.contains("Refugee")
        || n.contains("Press")
        || n.contains("Journalists")
    {
        "refugee_referral"
    } else if n.contains("UNICEF")
        || n.contains("Women")
        || n.contains("Judges")
        || n.contains("Hazara")
    {
        "protection"
    } else if n.contains("Interpreters") || n.contains("Veterans") {
        "visa"
    } else {
        "evacuation"
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_ascii_uppercase())
        .collect()
}
