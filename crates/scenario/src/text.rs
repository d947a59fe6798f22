//! Subjects and bodies as the requesters would write them.

use std::fmt::Write;

use chrono::NaiveDateTime;
use rand::Rng;

use crate::util::*;
use crate::world::{at_border, in_pakistan};
use crate::{Requester, SyntheticRecord, TrueHousehold, TruePerson};

pub(crate) struct Ctx<'a> {
    pub requester: &'a Requester,
    pub channel: &'static str,
    pub category: &'static str,
    pub household: &'a TrueHousehold,
    pub principal: &'a TruePerson,
    pub records: &'a [SyntheticRecord],
    pub households: usize,
    pub original_subject: Option<String>,
    pub original_at: Option<NaiveDateTime>,
}

fn display_name(r: &SyntheticRecord) -> String {
    if !r.full_name.is_empty() {
        r.full_name.clone()
    } else {
        format!("{} {}", r.given_name, r.family_name)
            .trim()
            .to_string()
    }
}

fn where_phrase(loc: &str) -> String {
    if at_border(loc) {
        format!(
            "stuck at the {} on the Afghan side",
            loc.replace(" crossing", "")
        )
    } else if in_pakistan(loc) {
        format!("in {loc}, Pakistan, without status")
    } else if loc == "Kabul" {
        "in hiding in Kabul".to_string()
    } else {
        format!("in hiding in {loc}")
    }
}

fn role_phrase(rng: &mut R, p: &TruePerson) -> &'static str {
    let he = p.sex == "M";
    if p.risk.contains(&"interpreter") {
        pick(
            rng,
            &[
                "served as an interpreter for US forces",
                "worked as a linguist alongside my unit",
                "was our interpreter for several years",
            ],
        )
    } else if p.risk.contains(&"former_security") {
        "served in the Afghan security forces alongside US advisers"
    } else if p.risk.contains(&"journalist") {
        "worked as a journalist for a US-funded outlet"
    } else if p.risk.contains(&"judge") {
        if he {
            "served as a judge and sentenced Taliban members"
        } else {
            "served as one of the few female judges"
        }
    } else if p.risk.contains(&"womens_rights") {
        "is a well-known women's rights defender"
    } else if p.risk.contains(&"unaccompanied_minor") {
        "is a child travelling without parents"
    } else {
        pick(
            rng,
            &[
                "worked on a US-funded development project",
                "is at risk because of family ties to the former government",
                "worked for a US-based NGO",
            ],
        )
    }
}

fn family_members(n: usize) -> String {
    if n == 1 {
        "1 family member".to_string()
    } else {
        format!("{n} family members")
    }
}

fn self_role(p: &TruePerson) -> &'static str {
    let r = |t: &str| p.risk.contains(&t);
    if r("interpreter") {
        "worked as interpreter with US forces"
    } else if r("former_security") {
        "was officer in Afghan army"
    } else if r("journalist") {
        "am journalist"
    } else if r("judge") {
        "was judge in the court"
    } else if r("womens_rights") {
        "am women rights activist"
    } else if r("unaccompanied_minor") {
        "am alone without my parents"
    } else {
        "worked with American organization"
    }
}

fn pathway_phrase(p: &TruePerson) -> &'static str {
    match p.pathway {
        Some("siv_com_submitted") => {
            "The Chief of Mission application was submitted but there has been no answer."
        }
        Some("siv_com_approved") => "COM approval was received; the I-360 has not been filed yet.",
        Some("siv_i360") => "The I-360 petition is pending.",
        Some("siv_interview") => {
            "The SIV case is waiting for an interview, which can now only happen outside Afghanistan."
        }
        Some("p1") => "We are asking for a P-1 referral.",
        Some("p2") => "The employer has submitted a P-2 referral.",
        Some("parole") => "A humanitarian parole application has been filed.",
        Some("unhcr_registered") => "They registered with UNHCR after crossing.",
        Some(_) => "They say they are eligible, but we could not find a case number.",
        None => "",
    }
}

fn roster(out: &mut String, records: &[SyntheticRecord]) {
    for r in records {
        let _ = write!(out, "\n- {}", display_name(r));
        if !r.date_of_birth.is_empty() {
            let _ = write!(out, ", DOB {}", r.date_of_birth);
        }
        if !r.national_id.is_empty() {
            let _ = write!(out, ", tazkira {}", r.national_id);
        }
        if !r.passport.is_empty() {
            let _ = write!(out, ", passport {}", r.passport);
        }
        if !r.notes.is_empty() {
            let _ = write!(out, " ({})", r.notes);
        }
    }
}

fn first_phone(records: &[SyntheticRecord]) -> Option<&str> {
    records
        .iter()
        .map(|r| r.phone.as_str())
        .find(|p| !p.is_empty())
}

pub(crate) fn compose(rng: &mut R, c: &Ctx) -> (String, String) {
    let name = c
        .records
        .first()
        .map(display_name)
        .unwrap_or_else(|| c.principal.given.clone());
    let n_family = c.records.len().saturating_sub(1);
    if let (Some(orig), Some(at)) = (&c.original_subject, c.original_at) {
        let subject = if orig.starts_with("Re:") || orig.is_empty() {
            orig.clone()
        } else {
            format!("Re: {orig}")
        };
        let subject = if c.channel == "email" {
            subject
        } else {
            format!("Follow-up: {name}")
        };
        let mut body = match (c.requester.kind, c.channel) {
            ("self", "walk_in") => format!(
                "Applicant {name} returned to the consular gate, {}, asking about the status of the case (first contact {}). {}",
                if c.principal.location == "Peshawar" {
                    "Consulate Peshawar"
                } else {
                    "Embassy Islamabad"
                },
                at.format("%-d %B"),
                pick(
                    rng,
                    &[
                        "Visibly distressed.",
                        "Says the family has no money left for rent.",
                        "Brought copies of documents.",
                        "Asked to wait for contact."
                    ]
                )
            ),
            ("self", "phone") => format!(
                "Hotline call logged by operator. {name} calling again about the case (first contact {}). {}",
                at.format("%-d %B"),
                pick(
                    rng,
                    &[
                        "Caller was told the case is under review.",
                        "Line dropped before details could be confirmed.",
                        "Caller asked for a reference number."
                    ]
                )
            ),
            ("self", _) if chance(rng, 0.5) => format!(
                "سلام، من قبلاً در تاریخ {} پیام فرستادم. هنوز جواب نگرفته ام. وضعیت ما بسیار خراب است. لطفاً کمک کنید.\n{name}",
                at.format("%Y-%m-%d")
            ),
            ("self", _) => format!(
                "Sir I wrote on {} but no answer. Situation is very bad. Please any update for my case. {name}",
                at.format("%d/%m")
            ),
            (_, ch) => format!(
                "{}Following up on our message of {} regarding {name}{}. {} Could you please let us know whether the case has been received and who is handling it?",
                if ch == "phone" {
                    "Phone call logged: "
                } else {
                    ""
                },
                at.format("%-d %B"),
                if n_family > 0 {
                    format!(" and {}", family_members(n_family))
                } else {
                    String::new()
                },
                pick(
                    rng,
                    &[
                        "The situation has deteriorated.",
                        "The family reports house searches in their area.",
                        "They have run out of money.",
                        "We have had no acknowledgment so far."
                    ]
                ),
            ),
        };
        if chance(rng, 0.5) {
            roster(&mut body, c.records);
        }
        return (subject, body);
    }
    let p = c.principal;
    let he = if p.sex == "M" { "He" } else { "She" };
    let phone = first_phone(c.records).map(|s| s.to_string());
    let (subject, body) = match (c.requester.kind, c.channel) {
        (_, "spreadsheet") => {
            let subject = format!(
                "{} – {} households – {}",
                c.requester.name,
                c.households,
                pick(
                    rng,
                    &[
                        "referral list",
                        "at-risk list",
                        "updated list",
                        "priority cases",
                        "batch for review"
                    ]
                )
            );
            let body = format!(
                "Dear colleagues,\n\nPlease find attached our {} list of {} individuals in {} households ({}). Each has been vetted by our team; the household column is our internal reference. Please confirm receipt and let us know which cases you can take forward.\n\nBest regards,\n{}",
                pick(rng, &["latest", "second", "updated", "priority"]),
                c.records.len(),
                c.households,
                c.category.replace('_', " "),
                c.requester.name
            );
            (subject, body)
        }
        ("self", ch) => {
            let dari = chance(rng, 0.35);
            let subject = if dari {
                "درخواست کمک".to_string()
            } else {
                pick(
                    rng,
                    &[
                        "Help request",
                        "please help my family",
                        "SIV applicant need help",
                        "Request for evacuation",
                        "URGENT HELP",
                    ],
                )
                .to_string()
            };
            let mut body = String::new();
            if ch == "walk_in" {
                let _ = write!(
                    body,
                    "Walk-in at the consular gate, {}. Applicant states {} {}. {} with {}. Documents seen: {}. Told to await contact; case entered by desk officer.",
                    if p.location == "Peshawar" {
                        "Consulate Peshawar"
                    } else {
                        "Embassy Islamabad"
                    },
                    if p.sex == "M" { "he" } else { "she" },
                    role_phrase(rng, p),
                    if n_family == 0 {
                        "No family".to_string()
                    } else {
                        family_members(n_family)
                    },
                    if p.sex == "M" { "him" } else { "her" },
                    pick(
                        rng,
                        &[
                            "tazkira",
                            "tazkira and expired passport",
                            "copies of tazkira only",
                            "none"
                        ]
                    )
                );
            } else if ch == "phone" {
                let _ = write!(
                    body,
                    "Hotline call logged by operator. Caller gives name as {name}, {}. Says {} {}.",
                    where_phrase(p.location),
                    if p.sex == "M" { "he" } else { "she" },
                    role_phrase(rng, p)
                );
            } else if dari {
                let _ = write!(
                    body,
                    "سلام علیکم. نام من {name} است. من و فامیلم در خطر هستیم."
                );
                if at_border(p.location) {
                    let crossing = if p.location.starts_with("Torkham") {
                        "تورخم"
                    } else {
                        "چمن"
                    };
                    let _ = write!(body, " ما در سرحد {crossing} هستیم و اجازه عبور نداریم.");
                }
                if p.pathway.is_some_and(|w| w.starts_with("siv")) {
                    body.push_str(" درخواست ویزه خاص مهاجرت (SIV) من در جریان است.");
                }
                if c.household.risk.contains(&"medical_emergency") {
                    body.push_str(" یکی از اعضای فامیل من مریض است و به تداوی عاجل ضرورت دارد.");
                }
                body.push_str(" لطفاً به ما کمک کنید.");
            } else {
                let _ = write!(
                    body,
                    "Hello sir/madam, my name is {name}. I {}. Now we are {}. {} {}Please help us.",
                    self_role(p),
                    where_phrase(p.location),
                    if n_family > 0 {
                        format!("I have {} with me.", family_members(n_family))
                    } else {
                        String::new()
                    },
                    if c.household.risk.contains(&"medical_emergency") {
                        "One of my family is very sick and need treatment. "
                    } else {
                        ""
                    },
                );
            }
            if let Some(ph) = &phone {
                let _ = write!(
                    body,
                    "\n{} {ph}",
                    if dari {
                        "شماره تماس:"
                    } else {
                        "WhatsApp:"
                    }
                );
            }
            if chance(rng, 0.6) {
                roster(&mut body, c.records);
            }
            (subject, body)
        }
        ("sponsor", _) => {
            let subject = match rng.gen_range(0..4) {
                0 => format!("URGENT: {name} and family – {}", where_phrase(p.location)),
                1 => format!("Request for assistance – {name}"),
                2 => format!("Please help my former colleague {name}"),
                _ => format!("{name} family – {}", c.category.replace('_', " ")),
            };
            let mut body = format!(
                "Dear Sir or Madam,\n\nI am writing on behalf of {name}, who {}. {he} is currently {}{}. {} {}\n\nThe family:",
                role_phrase(rng, p),
                where_phrase(p.location),
                if n_family > 0 {
                    format!(" with {}", family_members(n_family))
                } else {
                    String::new()
                },
                pathway_phrase(p),
                pick(
                    rng,
                    &[
                        "I can vouch for this person personally.",
                        "They are being actively searched for.",
                        "I will sponsor them on arrival.",
                        "Any help would be deeply appreciated."
                    ]
                ),
            );
            roster(&mut body, c.records);
            if let Some(ph) = &phone {
                let _ = write!(body, "\n\nTheir phone/WhatsApp: {ph}");
            }
            let _ = write!(body, "\n\nRespectfully,\n{}", c.requester.name);
            (subject, body)
        }
        ("congressional", ch) => {
            let subject = format!("Congressional inquiry – {name}");
            let mut body = format!(
                "{}Our office has been contacted by a constituent regarding {name}, who {}. We understand {} is {}. {}\n\nWe would appreciate any assistance and a status update at your earliest convenience. Privacy release on file.",
                if ch == "phone" {
                    "Phone call from a congressional caseworker, logged by the duty officer. "
                } else {
                    ""
                },
                role_phrase(rng, p),
                if p.sex == "M" { "he" } else { "she" },
                where_phrase(p.location),
                pathway_phrase(p)
            );
            roster(&mut body, c.records);
            let _ = write!(body, "\n\nCaseworker, {}", c.requester.name);
            (subject, body)
        }
        _ => {
            let subject = match c.category {
                "border_crossing" => format!("Border assistance requested – {name}"),
                "visa" => format!("SIV case – {name} – status request"),
                "medical" => format!("Medical emergency – {name}"),
                "protection" => format!("Protection concern – {name}"),
                "refugee_referral" => format!("Referral – {name}"),
                _ => format!("FW: assistance request – {name}"),
            };
            let mut body = format!(
                "{} {name}, who {}. {he} is {}. {}",
                pick(
                    rng,
                    &[
                        "Forwarding for action:",
                        "Passing along for your awareness and action:",
                        "Please see below regarding",
                        "The following case was raised with our office:"
                    ]
                ),
                role_phrase(rng, p),
                where_phrase(p.location),
                pathway_phrase(p)
            );
            roster(&mut body, c.records);
            let _ = write!(body, "\n\n{}", c.requester.name);
            (subject, body)
        }
    };
    // Empty optional phrases leave doubled or trailing spaces; a person would not.
    let body = body.replace("  ", " ").replace(" \n", "\n");
    (subject, body)
}
