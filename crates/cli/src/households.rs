//! How well cases match families: the demo surge stored through intake, measured against the
//! generator's ground truth (who each record really is, and which household they belong to).
//! The benchmark (`corridor households-bench`) and the demo's tests read these figures.

use std::collections::{HashMap, HashSet};

use corridor_scenario::Scenario;
use corridor_store::Store;
use corridor_store::transfer::{Value, table};

/// Cluster-level figures of one load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub cases: usize,
    /// Cases whose people all belong to one true household.
    pub one_household: usize,
    /// True households with at least one person stored.
    pub households: usize,
    /// True households whose stored people are all on one case.
    pub whole: usize,
    /// People on the largest case.
    pub largest_case: usize,
    /// Distinct true people on the largest case by that count (a person matching missed is
    /// two people on a case, not two family members).
    pub largest_case_true: usize,
    /// Members of the largest true household.
    pub largest_household: usize,
    /// People stored, and true people behind them.
    pub people: usize,
    pub true_people: usize,
}

impl Figures {
    pub fn one_household_share(&self) -> f64 {
        self.one_household as f64 / self.cases.max(1) as f64
    }

    pub fn whole_share(&self) -> f64 {
        self.whole as f64 / self.households.max(1) as f64
    }
}

/// Every row of a table, page by page, without auditing reads (it is the copy interface).
async fn rows(store: &dyn Store, name: &str) -> anyhow::Result<Vec<Vec<Value>>> {
    let t = table(name).ok_or_else(|| anyhow::anyhow!("no table {name}"))?;
    let mut out: Vec<Vec<Value>> = Vec::new();
    loop {
        let after = out.last().map(|r| {
            t.key
                .iter()
                .map(|k| r[t.columns.iter().position(|c| c.name == *k).unwrap_or(0)].clone())
                .collect::<Vec<_>>()
        });
        let page = store.export_rows(t, after.as_deref(), 5_000).await?;
        let n = page.len();
        out.extend(page);
        if n < 5_000 {
            return Ok(out);
        }
    }
}

fn int(row: &[Value], at: usize) -> i64 {
    match row[at] {
        Value::Int(i) => i,
        _ => 0,
    }
}

/// The figures of a store holding exactly `scenario`'s inquiries, stored in order into an
/// empty database (inquiry `n` is the scenario's `n`-th).
pub async fn figures(store: &dyn Store, scenario: &Scenario) -> anyhow::Result<Figures> {
    // Each stored person's true person: the one most of their records are.
    let mut votes: HashMap<i64, HashMap<u64, usize>> = HashMap::new();
    for r in rows(store, "person_records").await? {
        let (person, inquiry, position) = (int(&r, 1), int(&r, 3), int(&r, 4));
        let truth = scenario
            .inquiries
            .get((inquiry - 1) as usize)
            .and_then(|i| i.records.get(position as usize))
            .map(|r| r.person_id);
        if let Some(t) = truth {
            *votes.entry(person).or_default().entry(t).or_default() += 1;
        }
    }
    let truth_of: HashMap<i64, u64> = votes
        .iter()
        .filter_map(|(p, v)| {
            let (truth, _) = v
                .iter()
                .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))?;
            Some((*p, *truth))
        })
        .collect();
    let household_of: HashMap<i64, u64> = truth_of
        .iter()
        .filter_map(|(p, t)| Some((*p, scenario.person(*t)?.household_id)))
        .collect();
    let true_people: HashSet<u64> = votes.values().flat_map(|v| v.keys().copied()).collect();

    let mut cases: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in rows(store, "case_persons").await? {
        cases.entry(int(&r, 0)).or_default().push(int(&r, 1));
    }
    let one_household = cases
        .values()
        .filter(|people| {
            people
                .iter()
                .filter_map(|p| household_of.get(p))
                .collect::<HashSet<_>>()
                .len()
                <= 1
        })
        .count();
    // A household is whole when one case holds all its stored people.
    let mut members: HashMap<u64, HashSet<i64>> = HashMap::new();
    for (p, h) in &household_of {
        members.entry(*h).or_default().insert(*p);
    }
    let case_sets: Vec<HashSet<i64>> = cases
        .values()
        .map(|v| v.iter().copied().collect())
        .collect();
    let mut on_cases: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, set) in case_sets.iter().enumerate() {
        for p in set {
            on_cases.entry(*p).or_default().push(i);
        }
    }
    let whole = members
        .values()
        .filter(|people| {
            let first = people.iter().next().expect("households have members");
            on_cases
                .get(first)
                .into_iter()
                .flatten()
                .any(|&c| people.iter().all(|p| case_sets[c].contains(p)))
        })
        .count();
    Ok(Figures {
        cases: cases.len(),
        one_household,
        households: members.len(),
        whole,
        largest_case: cases.values().map(Vec::len).max().unwrap_or(0),
        largest_case_true: cases
            .values()
            .map(|people| {
                people
                    .iter()
                    .filter_map(|p| truth_of.get(p))
                    .collect::<HashSet<_>>()
                    .len()
            })
            .max()
            .unwrap_or(0),
        largest_household: scenario
            .households
            .iter()
            .map(|h| h.members.len())
            .max()
            .unwrap_or(0),
        people: votes.len(),
        true_people: true_people.len(),
    })
}

/// Why households are split over cases: for each household not found whole, the first
/// request that put some of its people on a case other than the one its first request opened
/// or joined, sorted into causes, with up to `examples` of them printed (the generator's
/// synthetic people: which fields each record carried, never real data). For tuning the
/// household rules, not a figure.
pub async fn diagnose(
    store: &dyn Store,
    scenario: &Scenario,
    examples: usize,
) -> anyhow::Result<()> {
    // record: (stored person, inquiry, position), in the order stored.
    let mut records: Vec<(i64, i64, usize)> = rows(store, "person_records")
        .await?
        .iter()
        .map(|r| (int(r, 1), int(r, 3), int(r, 4) as usize))
        .collect();
    records.sort_by_key(|r| (r.1, r.2));
    let mut cases_of_inquiry: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in rows(store, "case_inquiries").await? {
        cases_of_inquiry
            .entry(int(&r, 1))
            .or_default()
            .push(int(&r, 0));
    }
    let mut cases_of_person: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in rows(store, "case_persons").await? {
        cases_of_person
            .entry(int(&r, 1))
            .or_default()
            .push(int(&r, 0));
    }
    // Records are numbered in the order stored: the record id is the index plus one.
    let mut review_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in rows(store, "match_reviews").await? {
        review_of
            .entry(int(&r, 1) - 1)
            .or_default()
            .push(int(&r, 2));
    }
    let truth = |inquiry: i64, position: usize| {
        scenario
            .inquiries
            .get((inquiry - 1) as usize)
            .and_then(|i| i.records.get(position))
    };
    // Per household, its mentions in order: (inquiry, position, stored person).
    let mut mentions: HashMap<u64, Vec<(i64, usize, i64)>> = HashMap::new();
    for &(person, inquiry, position) in &records {
        if let Some(t) = truth(inquiry, position).and_then(|r| scenario.person(r.person_id)) {
            mentions
                .entry(t.household_id)
                .or_default()
                .push((inquiry, position, person));
        }
    }
    let mut causes: HashMap<&'static str, usize> = HashMap::new();
    let mut shown = 0;
    let mut households: Vec<u64> = mentions.keys().copied().collect();
    households.sort_unstable();
    for h in households {
        let list = &mentions[&h];
        let people: HashSet<i64> = list.iter().map(|m| m.2).collect();
        let whole = people
            .iter()
            .next()
            .and_then(|p| cases_of_person.get(p))
            .into_iter()
            .flatten()
            .any(|c| {
                people
                    .iter()
                    .all(|p| cases_of_person.get(p).is_some_and(|cs| cs.contains(c)))
            });
        if whole {
            continue;
        }
        let first_case = cases_of_person
            .get(&list[0].2)
            .and_then(|c| c.first())
            .copied();
        // The first mention whose stored person is not on the first case.
        let Some(&(inquiry, _, _)) = list.iter().find(|m| {
            !cases_of_person.get(&m.2).is_some_and(|cs| {
                Some(cs[0]) == first_case || cs.contains(&first_case.unwrap_or(0))
            })
        }) else {
            *causes.entry("undetermined").or_default() += 1;
            continue;
        };
        let here: Vec<&(i64, usize, i64)> = list.iter().filter(|m| m.0 == inquiry).collect();
        let seen_before = |true_id: u64| {
            list.iter()
                .filter(|m| m.0 < inquiry)
                .any(|m| truth(m.0, m.1).is_some_and(|r| r.person_id == true_id))
        };
        let new_here = |person: i64| {
            records
                .iter()
                .find(|r| r.0 == person)
                .is_some_and(|r| r.1 == inquiry)
        };
        let known_before = here.iter().any(|m| !new_here(m.2));
        let missed: Vec<&&(i64, usize, i64)> = here
            .iter()
            .filter(|m| new_here(m.2) && truth(m.0, m.1).is_some_and(|r| seen_before(r.person_id)))
            .collect();
        let spread: HashSet<i64> = here
            .iter()
            .filter_map(|m| cases_of_person.get(&m.2).map(|c| c[0]))
            .collect();
        let digits = |s: &str| {
            let d: String = s.chars().filter(char::is_ascii_digit).collect();
            d[d.len().saturating_sub(9)..].to_string()
        };
        let earlier_phones: HashSet<String> = list
            .iter()
            .filter(|m| m.0 < inquiry)
            .filter_map(|m| truth(m.0, m.1))
            .map(|r| digits(&r.phone))
            .filter(|d| d.len() >= 7)
            .collect();
        let shares_phone = here
            .iter()
            .any(|m| truth(m.0, m.1).is_some_and(|r| earlier_phones.contains(&digits(&r.phone))));
        let reviewed = here.iter().any(|m| {
            records
                .iter()
                .position(|r| r.1 == m.0 && r.2 == m.1)
                .is_some_and(|at| {
                    review_of
                        .get(&(at as i64))
                        .is_some_and(|cs| cs.iter().any(|c| people.contains(c)))
                })
        });
        let cause = if known_before && spread.len() > 1 {
            "someone known, the request's family on two cases"
        } else if known_before {
            "someone known, family on another case (guard or vote)"
        } else if spread.len() > 1 {
            "the request split the family"
        } else if !missed.is_empty() && reviewed {
            "nobody matched surely, a possible match to the family"
        } else if !missed.is_empty() && shares_phone {
            "nobody matched, a phone of the family"
        } else if !missed.is_empty() {
            "nobody matched, no phone of the family"
        } else if shares_phone {
            "new members only, a phone of the family"
        } else {
            "new members only, no phone of the family"
        };
        let requester_of = |i: i64| scenario.inquiries[(i - 1) as usize].requester;
        let same_key = here.iter().any(|m| {
            let key = truth(m.0, m.1).map(|r| r.household.trim()).unwrap_or("");
            !key.is_empty()
                && list.iter().filter(|e| e.0 < inquiry).any(|e| {
                    requester_of(e.0) == requester_of(inquiry)
                        && truth(e.0, e.1).is_some_and(|r| r.household.trim() == key)
                })
        });
        *causes
            .entry(if same_key {
                "  with the same requester's key"
            } else {
                "  without"
            })
            .or_default() += 1;
        *causes.entry(cause).or_default() += 1;
        if shown < examples {
            shown += 1;
            println!(
                "household {h}: {cause}; first case C-{}",
                first_case.unwrap_or(0)
            );
            for m in list {
                let r = truth(m.0, m.1).expect("mentions have truth");
                let t = scenario.person(r.person_id).expect("true person");
                let present =
                    |s: &str, tag: &'static str| if s.trim().is_empty() { "" } else { tag };
                println!(
                    "  inq {:>5} {} pos {:>2} {:<9} true {:>5} -> person {:>5} cases {:?} inquiry cases {:?} [{}{}{}{}{}{}{}{}{}] key {:?}",
                    m.0,
                    scenario.inquiries[(m.0 - 1) as usize].channel,
                    m.1,
                    t.relationship,
                    r.person_id,
                    m.2,
                    cases_of_person.get(&m.2).cloned().unwrap_or_default(),
                    cases_of_inquiry.get(&m.0).cloned().unwrap_or_default(),
                    present(&r.given_name, "g"),
                    present(&r.family_name, "f"),
                    present(&r.full_name, "n"),
                    present(&r.father_name, "F"),
                    present(&r.date_of_birth, "d"),
                    present(&r.phone, "p"),
                    present(&r.national_id, "t"),
                    present(&r.passport, "P"),
                    present(&r.address, "a"),
                    r.household,
                );
                println!(
                    "      {:?} | {:?} | {:?} | {:?} | {:?} | {:?}",
                    r.given_name,
                    r.family_name,
                    r.full_name,
                    r.father_name,
                    r.date_of_birth,
                    r.phone
                );
            }
        }
    }
    // The largest cases: who is on them, and how often each true person is stored.
    let mut people_of_case: HashMap<i64, Vec<i64>> = HashMap::new();
    for (p, cs) in &cases_of_person {
        for c in cs {
            people_of_case.entry(*c).or_default().push(*p);
        }
    }
    let household_of: HashMap<i64, i64> = rows(store, "persons")
        .await?
        .iter()
        .map(|r| (int(r, 0), int(r, 1)))
        .collect();
    let mut largest: Vec<(&i64, &Vec<i64>)> = people_of_case.iter().collect();
    largest.sort_by_key(|(c, p)| (std::cmp::Reverse(p.len()), **c));
    for (case, people) in largest.into_iter().take(examples.min(5)) {
        println!("case C-{case}: {} people", people.len());
        let mut people = people.clone();
        people.sort_unstable();
        for p in people {
            let mine: Vec<&(i64, i64, usize)> = records.iter().filter(|r| r.0 == p).collect();
            let truths: Vec<String> = mine
                .iter()
                .filter_map(|r| truth(r.1, r.2))
                .map(|r| {
                    let t = scenario.person(r.person_id).expect("true person");
                    format!("{}/{}/h{}", r.person_id, t.relationship, t.household_id)
                })
                .collect();
            let inquiries: Vec<(i64, Vec<i64>)> = mine
                .iter()
                .map(|r| (r.1, cases_of_inquiry.get(&r.1).cloned().unwrap_or_default()))
                .take(4)
                .collect();
            println!(
                "  person {p} (household {}): {truths:?} from inquiries {inquiries:?}",
                household_of.get(&p).copied().unwrap_or(0)
            );
        }
    }
    let mut causes: Vec<_> = causes.into_iter().collect();
    causes.sort_by_key(|c| std::cmp::Reverse(c.1));
    for (cause, n) in causes {
        println!("{n:>5}  {cause}");
    }
    Ok(())
}

/// A throwaway SQLite store with one catch-all team and its lead (who cannot sign in).
pub async fn scratch_store(
    dir: &std::path::Path,
) -> anyhow::Result<corridor_store_sqlite::SqliteStore> {
    use corridor_domain::{DisplayName, Role, Username};
    use corridor_store::prelude::*;
    use corridor_store::{Actor, NewTeam, NewUser};
    let path = dir.join("surge.db");
    let db = path
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("a path in UTF-8"))?;
    let store = corridor_store_sqlite::SqliteStore::open(
        db,
        &corridor_store::crypto::KeySource::beside(db),
    )
    .await?;
    let actor = Actor::system("households bench");
    let lead = store
        .create_user(
            NewUser {
                username: Username::parse("lead")?,
                display_name: DisplayName::parse("Synthetic Lead")?,
                role: Role::Lead,
                team_id: None,
                password_hash: "!no-sign-in".into(),
            },
            &actor,
        )
        .await?;
    store
        .create_team(
            NewTeam {
                name: "Everything".into(),
                categories: vec![],
                lead_id: Some(lead.id),
            },
            &actor,
        )
        .await?;
    Ok(store)
}

/// `corridor households-bench`: the demo surge (the same seed and size as `corridor demo`)
/// stored at each batch size into a fresh database, with its figures as one line each.
pub async fn bench(
    seed: u64,
    households: usize,
    inquiries: usize,
    batches: &[usize],
    diagnose: Option<usize>,
) -> anyhow::Result<()> {
    let scenario = corridor_scenario::generate(&corridor_scenario::ScenarioConfig {
        seed,
        households,
        inquiries,
        ..corridor_scenario::ScenarioConfig::demo()
    });
    println!(
        "batch | cases | one household | households whole | largest case (distinct) | largest household | people (true) | seconds"
    );
    for &batch in batches {
        let dir = tempfile::tempdir()?;
        let store = scratch_store(dir.path()).await?;
        let t = std::time::Instant::now();
        crate::demo::load_surge(
            &store,
            &scenario,
            batch,
            &corridor_store::Actor::system("households bench"),
            |_| {},
        )
        .await?;
        let secs = t.elapsed().as_secs_f64();
        let f = figures(&store, &scenario).await?;
        if let Some(examples) = diagnose {
            self::diagnose(&store, &scenario, examples).await?;
        }
        store.close().await;
        println!(
            "{batch:>5} | {:>5} | {:>6.2}% ({}/{}) | {:>6.2}% ({}/{}) | {} ({}) | {} | {} ({}) | {secs:.1}",
            f.cases,
            100.0 * f.one_household_share(),
            f.one_household,
            f.cases,
            100.0 * f.whole_share(),
            f.whole,
            f.households,
            f.largest_case,
            f.largest_case_true,
            f.largest_household,
            f.people,
            f.true_people,
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use corridor_scenario::ScenarioConfig;
    use corridor_store::Actor;

    /// A small surge (seconds in a debug build), stored `batch` inquiries at a time.
    pub(crate) async fn load(seed: u64, batch: usize) -> (Scenario, Figures) {
        load_in_order(seed, batch, false).await
    }

    /// The same, with the inquiries stored last first when `reversed` (another order of
    /// the files); the figures are read against the surge in the order it was stored.
    pub(crate) async fn load_in_order(
        seed: u64,
        batch: usize,
        reversed: bool,
    ) -> (Scenario, Figures) {
        let mut scenario = corridor_scenario::generate(&ScenarioConfig {
            seed,
            households: 300,
            inquiries: 1_200,
            ..ScenarioConfig::demo()
        });
        if reversed {
            scenario.inquiries.reverse();
        }
        let dir = tempfile::tempdir().unwrap();
        let store = scratch_store(dir.path()).await.unwrap();
        crate::demo::load_surge(&store, &scenario, batch, &Actor::system("test"), |_| {})
            .await
            .unwrap();
        let figures = figures(&store, &scenario).await.unwrap();
        store.close().await;
        (scenario, figures)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_case_holds_more_people_than_the_largest_family() {
        let (scenario, f) = load(7, crate::demo::DEMO_BATCH).await;
        // The generator's lists name up to 40 families in one spreadsheet.
        assert!(
            scenario
                .inquiries
                .iter()
                .any(|i| i.household_ids.len() >= 5),
            "the surge has lists of many families"
        );
        eprintln!("{f:?}");
        // Before issue 21 the largest case held 232 people here (a list of families and every
        // family chained onto it since). No case holds more different people than a family.
        assert!(
            f.largest_case_true <= f.largest_household,
            "a case holds {} different people, the largest family {}",
            f.largest_case_true,
            f.largest_household
        );
        // A person matching missed is stored twice, on their family's case: that is all that
        // makes a case larger than a family (11 people, 9 different, here).
        assert!(
            f.largest_case <= f.largest_household + 2,
            "largest case {} people, largest family {}",
            f.largest_case,
            f.largest_household
        );
        assert!(f.one_household_share() >= 0.99, "{f:?}");
    }
}

#[cfg(test)]
mod order {
    use super::tests::{load, load_in_order};

    /// `a` and `b`, two loads of one surge, hold the same true people and families, and
    /// differ in people by at most 4%, in cases by at most `cases`, in the share of
    /// single-family cases by at most 1 point and in families found whole by at most `whole`.
    fn within_bounds(a: &super::Figures, b: &super::Figures, cases: f64, whole: f64) {
        eprintln!("{a:?}\n{b:?}");
        assert_eq!(a.true_people, b.true_people);
        assert_eq!(a.households, b.households);
        let gap = |x: usize, y: usize| x.abs_diff(y) as f64 / x.max(y).max(1) as f64;
        assert!(gap(a.people, b.people) <= 0.04, "people: {a:?} {b:?}");
        assert!(gap(a.cases, b.cases) <= cases, "cases: {a:?} {b:?}");
        assert!(
            (a.one_household_share() - b.one_household_share()).abs() <= 0.01
                && (a.whole_share() - b.whole_share()).abs() <= whole,
            "{a:?} {b:?}"
        );
    }

    /// The same surge stored in batches of 250 and of 25 inquiries gives nearly the same
    /// people, households and cases, not exactly the same. Why: within a batch, a person is
    /// compared with the batch's earlier people through an index of the batch alone (name
    /// frequencies counted in it, not in everyone stored), and a family is paired up member by
    /// member only with families already stored, not with one earlier in the same batch; the
    /// plan's rules themselves (households, which case a family joins) do not depend on the
    /// batch, but they read matching's probabilities, which do: a family joins the case of
    /// a person it matches with probability 0.8 or more (`intake_plan::LIKELY`), and the same
    /// pair may score either side of that in batches of another size. Measured on this surge
    /// (seed 7, 300 families, 1,200 inquiries, 810 true people): 896 against 862 people, 315
    /// against 309 cases, 312 against 303 single-family cases, 283 against 287 families whole
    /// (before the household key and phone look-ups: 908 / 876, 327 / 320, 324 / 314, 276 /
    /// 280; before the LIKELY rule: 904 / 873, 341 / 338, 338 / 334, 263 / 267). The bounds
    /// are those differences with a little room.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn batch_size_changes_people_and_cases_within_bounds() {
        let (_, large) = load(7, 250).await;
        let (_, small) = load(7, 25).await;
        within_bounds(&large, &small, 0.03, 0.02);
    }

    /// The same surge stored first to last and last to first (files taken in the other
    /// order), 250 at a time. Why not exactly the same: which of two records of one person
    /// arrives first decides which one later mentions are compared with (a sparse mention may
    /// match the full record and not the sparse one), and a family joins the case of the
    /// people already stored, so the first mention of a family decides its case. Measured on
    /// this surge with the household key and phone look-ups of `intake_plan`: 896 against 877
    /// people, 315 against 322 cases, 312 against 320 single-family cases, 283 against 281
    /// families whole (before the `LIKELY` rule: 904 / 883, 341 / 336, 338 / 334, 263 / 269).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn file_order_changes_people_and_cases_within_bounds() {
        let (_, forward) = load_in_order(7, 250, false).await;
        let (_, backward) = load_in_order(7, 250, true).await;
        within_bounds(&forward, &backward, 0.03, 0.02);
    }
}
