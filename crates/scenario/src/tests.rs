use std::collections::{HashMap, HashSet};

use super::*;

fn small() -> ScenarioConfig {
    ScenarioConfig {
        seed: 7,
        households: 150,
        inquiries: 600,
        ..ScenarioConfig::demo()
    }
}

#[test]
fn same_seed_same_scenario() {
    let a = generate(&small());
    let b = generate(&small());
    let ja = serde_json::to_string(&a).unwrap();
    let jb = serde_json::to_string(&b).unwrap();
    assert_eq!(ja, jb);
    let c = generate(&ScenarioConfig { seed: 8, ..small() });
    assert_ne!(ja, serde_json::to_string(&c).unwrap());
}

#[test]
fn same_seed_same_stream() {
    let a: Vec<_> = records(3, 5000).collect();
    let b: Vec<_> = records(3, 5000).collect();
    assert_eq!(a, b);
    assert_eq!(a.len(), 5000);
    assert_ne!(a, records(4, 5000).collect::<Vec<_>>());
    assert_eq!(records(1, 0).count(), 0);
    assert_eq!(records(1, 1).count(), 1);
    assert_eq!(records(1, 17).count(), 17);
}

#[test]
fn every_record_maps_to_a_true_person() {
    let s = generate(&small());
    let mut ids = HashSet::new();
    for inq in &s.inquiries {
        assert!(inq.requester < s.requesters.len());
        assert!(!inq.records.is_empty(), "{} has no records", inq.key);
        for r in &inq.records {
            let p = s.person(r.person_id).expect("person exists");
            assert!(inq.household_ids.contains(&p.household_id));
            assert!(
                ids.insert(r.record_id.clone()),
                "duplicate record id {}",
                r.record_id
            );
            assert!(
                !(r.given_name.is_empty() && r.family_name.is_empty() && r.full_name.is_empty()),
                "nameless record {r:?}"
            );
        }
    }
    // Inquiries are in arrival order, keyed in that order.
    for w in s.inquiries.windows(2) {
        assert!(w[0].received_at <= w[1].received_at);
        assert!(w[0].key < w[1].key);
    }
}

#[test]
fn stream_records_map_to_people_who_recur() {
    let recs: Vec<_> = records(11, 20_000).collect();
    let mut per_person: HashMap<u64, usize> = HashMap::new();
    let mut ids = HashSet::new();
    for r in &recs {
        assert!(r.person_id >= 1);
        assert!(ids.insert(r.record_id.clone()));
        *per_person.entry(r.person_id).or_default() += 1;
    }
    assert!(per_person.values().all(|&n| (1..=6).contains(&n)));
    let dup = per_person.values().filter(|&&n| n > 1).count() as f64 / per_person.len() as f64;
    assert!(
        (0.3..0.85).contains(&dup),
        "share of people seen more than once: {dup}"
    );
}

#[test]
fn every_stream_message_keeps_its_family_together() {
    // Lists number their families; a sponsor's or a family's own message is one family
    // too, under the message's reference. A key never names one person twice.
    let recs: Vec<_> = records(5, 20_000).collect();
    let mut members: HashMap<&str, HashSet<u64>> = HashMap::new();
    for r in &recs {
        assert!(
            !r.household.is_empty(),
            "{} has no household key",
            r.record_id
        );
        assert!(
            members
                .entry(r.household.as_str())
                .or_default()
                .insert(r.person_id),
            "{} names person {} twice",
            r.household,
            r.person_id
        );
    }
    for prefix in ["M", "SP", "N", "CI"] {
        assert!(
            members.keys().any(|k| k.starts_with(prefix)
                && k[prefix.len()..].starts_with(|c: char| c.is_ascii_digit())),
            "no {prefix} keys"
        );
    }
    assert!(members.values().any(|m| m.len() > 1));
}

#[test]
fn household_invariants() {
    let s = generate(&ScenarioConfig {
        households: 2000,
        inquiries: 0,
        ..small()
    });
    let mut brothers = 0;
    for hh in &s.households {
        let principal = s.person(hh.principal).unwrap();
        assert_eq!(principal.relationship, "principal");
        assert_eq!(hh.members[0], hh.principal);
        for &id in &hh.members {
            let p = s.person(id).unwrap();
            assert_eq!(p.household_id, hh.household_id);
            match p.relationship {
                "brother" | "sister" => {
                    assert_eq!(p.address, principal.address, "siblings share the address");
                    if p.relationship == "brother" {
                        assert_eq!(p.family, principal.family, "brothers share the family name");
                    }
                    assert_eq!(
                        p.father, principal.father,
                        "siblings share the father's name"
                    );
                    assert_ne!(p.given, principal.given, "siblings differ in given name");
                    brothers += 1;
                }
                "son" | "daughter" => {
                    assert!(
                        p.dob
                            .years_since(NaiveDate::from_ymd_opt(2021, 8, 20).unwrap())
                            .is_none()
                            || (NaiveDate::from_ymd_opt(2021, 8, 20).unwrap() - p.dob).num_days()
                                < 21 * 366
                    );
                    if principal.sex == "M" {
                        assert_eq!(p.father, principal.given);
                    }
                }
                "father" => assert_eq!(p.given, principal.father),
                _ => {}
            }
        }
        // Given names are unique within a household except a son named after his grandfather.
        let mut seen: HashMap<(&str, &str), &str> = HashMap::new();
        for &id in &hh.members {
            let p = s.person(id).unwrap();
            if let Some(prev) = seen.insert((p.given.as_str(), p.father.as_str()), p.relationship) {
                panic!(
                    "two {} {} with the same father in {}: {prev} and {}",
                    p.given, p.father, hh.key, p.relationship
                );
            }
        }
    }
    assert!(brothers > 50);
    // Most brothers share the household phone.
    let shared = s
        .people
        .iter()
        .filter(|p| p.relationship == "brother")
        .filter(|p| {
            p.phone
                == s.person(s.households[(p.household_id - 1) as usize].principal)
                    .unwrap()
                    .phone
        })
        .count();
    let all = s
        .people
        .iter()
        .filter(|p| p.relationship == "brother")
        .count();
    assert!(
        shared * 10 > all * 7,
        "{shared} of {all} brothers share the phone"
    );
}

#[test]
fn demo_size_is_as_promised() {
    let s = generate(&ScenarioConfig::demo());
    assert_eq!(s.households.len(), 900);
    assert!(
        (2000..=2500).contains(&s.people.len()),
        "people: {}",
        s.people.len()
    );
    assert!(
        (3800..=4300).contains(&s.inquiries.len()),
        "inquiries: {}",
        s.inquiries.len()
    );
    let kinds: HashSet<&str> = s.requesters.iter().map(|r| r.kind).collect();
    for k in [
        "state_office",
        "agency",
        "international_org",
        "ngo",
        "sponsor",
        "congressional",
        "self",
    ] {
        assert!(kinds.contains(k), "no {k}");
    }
    let channels: HashSet<&str> = s.inquiries.iter().map(|i| i.channel).collect();
    for c in [
        "web_form",
        "api",
        "email",
        "spreadsheet",
        "walk_in",
        "phone",
    ] {
        assert!(channels.contains(c), "no {c}");
    }
    // The surge peaks in the last days of August.
    let day = |d: u32| {
        s.inquiries
            .iter()
            .filter(|i| i.received_at.date() == NaiveDate::from_ymd_opt(2021, 8, d).unwrap())
            .count()
    };
    assert!(
        day(29) > 2 * day(20),
        "peak {} vs start {}",
        day(29),
        day(20)
    );
}

fn is_perso(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

#[test]
fn variant_rates_are_in_a_sane_band() {
    let s = generate(&ScenarioConfig::demo());
    let recs: Vec<&SyntheticRecord> = s.records().collect();
    let n = recs.len() as f64;
    let perso = recs
        .iter()
        .filter(|r| is_perso(&r.given_name) || is_perso(&r.full_name))
        .count() as f64
        / n;
    assert!((0.05..0.2).contains(&perso), "Perso-Arabic share {perso}");
    // Latin given names written differently from the canonical spelling.
    let latin: Vec<_> = recs
        .iter()
        .filter(|r| !r.given_name.is_empty() && !is_perso(&r.given_name))
        .collect();
    let differ = latin
        .iter()
        .filter(|r| r.given_name != s.person(r.person_id).unwrap().given)
        .count() as f64
        / latin.len() as f64;
    assert!((0.25..0.75).contains(&differ), "variant share {differ}");
    let full_only = recs
        .iter()
        .filter(|r| r.given_name.is_empty() && !r.full_name.is_empty())
        .count() as f64
        / n;
    assert!(
        (0.03..0.35).contains(&full_only),
        "full-name-only share {full_only}"
    );
    let with_of = recs
        .iter()
        .filter(|r| {
            r.full_name.contains(" s/o ")
                || r.full_name.contains(" d/o ")
                || r.full_name.contains(" w/o ")
        })
        .count();
    assert!(with_of > 20);
    let no_dob = recs.iter().filter(|r| r.date_of_birth.is_empty()).count() as f64 / n;
    assert!((0.1..0.5).contains(&no_dob), "missing DOB {no_dob}");
    // Each person is asked about several times on average.
    let distinct: HashSet<u64> = recs.iter().map(|r| r.person_id).collect();
    assert!(recs.len() > 2 * distinct.len());
}
