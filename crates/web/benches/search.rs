//! Search as a caller meets it: `GET /api/v1/search` on a database of the scenario
//! generator's records, with the ground truth of who is who.
//!
//! `cargo bench -p corridor-web --bench search` (RECORDS=100000 QUERIES=1000 CLIENTS=16 SEED=7
//! by default). It generates the records, holds one record back from each of QUERIES people
//! known from at least two records, imports the rest as `corridor import` does (every person
//! matched), starts the server on a loopback port and sends every query from CLIENTS
//! concurrent clients. It prints, per kind of query, the share where the true person is first
//! and in the top 5, and the latency of the calls.
//!
//! The queries, built from what is not stored:
//! - name: the held-back record's name as its list wrote it (another spelling, sometimes
//!   the other script, sometimes "s/o" its father's name);
//! - name+: the same with the father's name and birth year when the record gives them;
//! - phone: a number of the person's stored records in another format (national for an
//!   international one and back); everyone in a household shares it, so "first" is often
//!   a relative: the share found in the top 5 is the measure there;
//! - document: a tazkira or passport of the person's stored records, separators added or
//!   removed, lower case.
//!
//! A person found is "true" when one of their stored records is the true person's (the truth
//! travels in each row's `needs` column, which matching ignores).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use corridor_domain::{CaseCategory, DisplayName, NewRequester, RequesterKind, Role, Username};
use corridor_intake::Origin;
use corridor_intake::import::{ImportOptions, parse_path, store_parsed};
use corridor_scenario::SyntheticRecord;
use corridor_store::crypto::KeySource;
use corridor_store::prelude::*;
use corridor_store::{Actor, NewApiToken, NewUser, TokenScope};
use corridor_store_sqlite::SqliteStore;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum Kind {
    Name,
    NameFatherYear,
    Phone,
    Document,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Name => "name",
            Kind::NameFatherYear => "name+father+year",
            Kind::Phone => "phone",
            Kind::Document => "document",
        }
    }
}

struct Query {
    kind: Kind,
    text: String,
    truth: u64,
    /// How many people the line cannot tell apart (see [`Ambiguity`]); 1 for identifiers.
    alike: usize,
}

/// What a name line can tell apart: the matching keys of the given and family names, the
/// father's name's key, the Gregorian birth year.
#[derive(Clone, PartialEq, Eq, Hash)]
struct NameFacts {
    name: String,
    father: Option<String>,
    year: Option<i32>,
}

fn facts_of_line(line: &str) -> NameFacts {
    use corridor_matching::normalize::name::{key, split_full_name};
    let year = year_of(line).and_then(|y| y.parse().ok()).map(gregorian);
    let without_year: String = line
        .split_whitespace()
        .filter(|w| year_of(w).is_none())
        .collect::<Vec<_>>()
        .join(" ");
    let s = split_full_name(&without_year);
    NameFacts {
        name: format!(
            "{}|{}",
            key(&s.given),
            s.family.as_deref().map(key).unwrap_or_default()
        ),
        father: s.father.as_deref().map(key).filter(|k| !k.is_empty()),
        year,
    }
}

fn facts_of_record(r: &SyntheticRecord) -> NameFacts {
    use corridor_matching::normalize::name::{key, split_full_name};
    let (given, family, father) = if r.given_name.trim().is_empty() {
        let s = split_full_name(&r.full_name);
        (s.given, s.family, s.father)
    } else {
        (r.given_name.clone(), Some(r.family_name.clone()), None)
    };
    let father = Some(r.father_name.trim().to_string())
        .filter(|f| !f.is_empty())
        .or(father);
    NameFacts {
        name: format!(
            "{}|{}",
            key(&given),
            family.as_deref().map(key).unwrap_or_default()
        ),
        father: father.as_deref().map(key).filter(|k| !k.is_empty()),
        year: year_of(&r.date_of_birth)
            .and_then(|y| y.parse().ok())
            .map(gregorian),
    }
}

/// A Solar Hijri year as the Gregorian year it mostly falls in.
fn gregorian(y: i32) -> i32 {
    if y < 1500 { y + 621 } else { y }
}

/// The people a name line cannot tell apart from the one meant: everyone with a stored
/// record whose name is written to the same matching keys and that agrees with the father's
/// name and year the line gives as well as the true person's records do (a record without a
/// year ties with a true person whose records have none either). No ranking can put the true
/// person first more often than once in that many, so the mean of 1/alike is the ceiling of
/// top-1 (and of 5/alike, of top-5) for lines that say only that much.
struct Ambiguity {
    by_name: HashMap<String, Vec<(u64, NameFacts)>>,
    by_person: HashMap<u64, Vec<NameFacts>>,
}

impl Ambiguity {
    fn new<'a>(stored: impl Iterator<Item = &'a SyntheticRecord>) -> Self {
        let mut by_name: HashMap<String, Vec<(u64, NameFacts)>> = HashMap::new();
        let mut by_person: HashMap<u64, Vec<NameFacts>> = HashMap::new();
        for r in stored {
            let f = facts_of_record(r);
            by_name
                .entry(f.name.clone())
                .or_default()
                .push((r.person_id, f.clone()));
            by_person.entry(r.person_id).or_default().push(f);
        }
        Ambiguity { by_name, by_person }
    }

    fn alike(&self, line: &str, truth: u64) -> usize {
        let q = facts_of_line(line);
        let own = self
            .by_person
            .get(&truth)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let truth_father = q.father.is_some() && own.iter().any(|f| f.father == q.father);
        let truth_year = q.year.is_some() && own.iter().any(|f| f.year == q.year);
        let mut people: std::collections::HashSet<u64> = std::collections::HashSet::new();
        people.insert(truth);
        for (p, f) in self.by_name.get(&q.name).into_iter().flatten() {
            let father_agrees =
                q.father.is_none() || f.father == q.father || (f.father.is_none() && !truth_father);
            let year_agrees =
                q.year.is_none() || f.year == q.year || (f.year.is_none() && !truth_year);
            if father_agrees && year_agrees {
                people.insert(*p);
            }
        }
        people.len()
    }
}

fn name_of(r: &SyntheticRecord) -> String {
    if !r.full_name.trim().is_empty() {
        r.full_name.clone()
    } else {
        format!("{} {}", r.given_name, r.family_name)
            .trim()
            .to_string()
    }
}

/// A four-digit year in the date as written (Gregorian or Solar Hijri), if any.
fn year_of(dob: &str) -> Option<String> {
    let ascii: String = dob
        .chars()
        .map(|c| match c {
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            c => c,
        })
        .collect();
    ascii
        .split(|c: char| !c.is_ascii_digit())
        .find(|t| t.len() == 4)
        .map(str::to_string)
}

/// The same number as written another way: national for international and back.
fn other_phone_format(written: &str) -> Option<String> {
    let e164 = corridor_matching::normalize::phone::normalize(written).ok()?;
    let digits = &e164[1..];
    if written.trim_start().starts_with('+') || written.trim_start().starts_with("00") {
        let national = digits.strip_prefix("93").map(|r| format!("0{r}"));
        Some(national.unwrap_or_else(|| format!("00{digits}")))
    } else {
        let (cc, rest) = digits.split_at(2);
        Some(format!(
            "+{cc} {} {} {}",
            &rest[..2],
            &rest[2..5.min(rest.len())],
            &rest[5.min(rest.len())..]
        ))
    }
}

/// A stored document number as written another way: separators added or removed, lower case.
fn other_document_format(national_id: Option<&str>, passport: Option<&str>) -> Option<String> {
    let t = national_id.unwrap_or_default().trim();
    if !t.is_empty() && !t.contains('/') && t.chars().any(|c| c.is_ascii_digit()) {
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 13 {
            return Some(if t.contains('-') || t.contains(' ') {
                digits
            } else {
                format!("{}-{}-{}", &digits[..4], &digits[4..8], &digits[8..])
            });
        }
    }
    let p = passport.unwrap_or_default().trim();
    (p.len() >= 6).then(|| p.to_lowercase())
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n = env("RECORDS", 100_000);
    let wanted = env("QUERIES", 1000);
    let clients = env("CLIENTS", 16).max(1);
    let seed = env("SEED", 7) as u64;
    let dir = tempfile::tempdir()?;

    // 1. The records, and one held back from each of `wanted` people known twice or more.
    let t = Instant::now();
    let all: Vec<SyntheticRecord> = corridor_scenario::records(seed, n).collect();
    let mut by_person: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, r) in all.iter().enumerate() {
        by_person.entry(r.person_id).or_default().push(i);
    }
    let mut repeated: Vec<u64> = by_person
        .iter()
        .filter(|(_, rs)| rs.len() >= 2 && !name_of(&all[*rs.last().unwrap()]).is_empty())
        .map(|(p, _)| *p)
        .collect();
    repeated.sort_unstable();
    let step = (repeated.len() / wanted.max(1)).max(1);
    let chosen: Vec<u64> = repeated.into_iter().step_by(step).take(wanted).collect();
    let held: std::collections::HashSet<usize> = chosen
        .iter()
        .map(|p| *by_person[p].last().unwrap())
        .collect();

    let csv_path = dir.path().join("search-bench.csv");
    let mut w = csv::Writer::from_path(&csv_path)?;
    w.write_record(SyntheticRecord::COLUMNS)?;
    for (i, r) in all.iter().enumerate() {
        if held.contains(&i) {
            continue;
        }
        let mut row = r.clone();
        row.needs = format!("truth {}", r.person_id);
        w.write_record(row.values())?;
    }
    w.flush()?;
    eprintln!(
        "generated {n} records ({} held back as queries) in {:.1}s",
        held.len(),
        t.elapsed().as_secs_f64()
    );

    // 2. Imported as `corridor import` imports: every person matched.
    let db = dir.path().join("search-bench.db");
    let db = db.to_str().unwrap().to_string();
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&db, &KeySource::beside(&db)).await?);
    let t = Instant::now();
    let mut opts = ImportOptions::new(Origin {
        requester: NewRequester {
            kind: RequesterKind::Ngo,
            name: "Benchmark coalition".into(),
            organization: None,
            email: None,
            phone: None,
        },
        category: CaseCategory::Evacuation,
        source: "search bench".into(),
    });
    // A million rows are a bigger file than anyone uploads.
    opts.limits.max_file_bytes = u64::MAX;
    opts.limits.max_rows = usize::MAX;
    let parse_opts = opts.clone();
    let path = csv_path.clone();
    let parsed = tokio::task::spawn_blocking(move || parse_path(&path, &parse_opts)).await?;
    {
        let matcher = corridor_intake::matcher::Matcher::load(store.as_ref()).await?;
        let summary = store_parsed(
            store.as_ref(),
            &matcher,
            parsed,
            &opts,
            &Actor::system("bench"),
            |_, _| {},
        )
        .await?;
        anyhow::ensure!(
            summary.stored > 0,
            "nothing was imported: {:?}",
            summary.refusals.first()
        );
        eprintln!(
            "imported {} rows ({} refused) in {:.1}s",
            summary.stored,
            summary.refused,
            t.elapsed().as_secs_f64()
        );
    }

    // 3. Who each stored person truly is.
    let mut truths: HashMap<i64, Vec<u64>> = HashMap::new();
    let mut stored_of: HashMap<u64, Vec<corridor_domain::PersonDetails>> = HashMap::new();
    let mut after = corridor_domain::RecordId(0);
    loop {
        let page = store.person_records_after(after, 20_000).await?;
        let Some(last) = page.last().map(|(id, _, _)| *id) else {
            break;
        };
        for (_, person, d) in page {
            if let Some(t) = d
                .needs
                .as_deref()
                .and_then(|n| n.strip_prefix("truth "))
                .and_then(|n| n.trim().parse::<u64>().ok())
            {
                truths.entry(person.0).or_default().push(t);
                stored_of.entry(t).or_default().push(d);
            }
        }
        after = last;
    }

    // 4. The queries.
    let ambiguity = Ambiguity::new(
        all.iter()
            .enumerate()
            .filter(|(i, _)| !held.contains(i))
            .map(|(_, r)| r),
    );
    // A phone is shared by a household: a number cannot tell its holders apart either.
    let mut holders: HashMap<String, std::collections::HashSet<u64>> = HashMap::new();
    for (t, details) in &stored_of {
        for phone in details.iter().filter_map(|d| d.phone.as_deref()) {
            if let Ok(e164) = corridor_matching::normalize::phone::normalize(phone) {
                holders.entry(e164).or_default().insert(*t);
            }
        }
    }
    let mut queries = Vec::new();
    for p in &chosen {
        let r = &all[*by_person[p].last().unwrap()];
        let name = name_of(r);
        queries.push(Query {
            kind: Kind::Name,
            alike: ambiguity.alike(&name, *p),
            text: name.clone(),
            truth: *p,
        });
        let mut fuller = name.clone();
        let lower = name.to_lowercase();
        if !r.father_name.trim().is_empty() && !lower.contains("s/o") && !lower.contains("ولد") {
            fuller = format!("{fuller} s/o {}", r.father_name.trim());
        }
        if let Some(y) = year_of(&r.date_of_birth) {
            fuller = format!("{fuller} {y}");
        }
        if fuller != name {
            queries.push(Query {
                kind: Kind::NameFatherYear,
                alike: ambiguity.alike(&fuller, *p),
                text: fuller,
                truth: *p,
            });
        }
        let stored = stored_of.get(p).map(Vec::as_slice).unwrap_or_default();
        if let Some(phone) = stored
            .iter()
            .filter_map(|d| d.phone.as_deref())
            .find_map(other_phone_format)
        {
            let alike = corridor_matching::normalize::phone::normalize(&phone)
                .ok()
                .and_then(|e164| holders.get(&e164))
                .map_or(1, |h| h.len().max(1));
            queries.push(Query {
                kind: Kind::Phone,
                text: phone,
                truth: *p,
                alike,
            });
        }
        // From what was stored: a row refused at import holds no number to find.
        if let Some(doc) = stored
            .iter()
            .find_map(|d| other_document_format(d.national_id.as_deref(), d.passport.as_deref()))
        {
            queries.push(Query {
                kind: Kind::Document,
                text: doc,
                truth: *p,
                alike: 1,
            });
        }
    }

    // 5. The server, and a lead's token.
    let lead = store
        .create_user(
            NewUser {
                username: Username::parse("benchlead")?,
                display_name: DisplayName::parse("Bench lead")?,
                role: Role::Lead,
                team_id: None,
                password_hash: "not used".into(),
            },
            &Actor::system("bench"),
        )
        .await?;
    let (token, hash) = corridor_web::auth::new_api_token();
    store
        .create_api_token(
            NewApiToken {
                user_id: lead.id,
                name: "bench".into(),
                token_hash: hash,
                expires_at: None,
                scopes: vec![TokenScope::Read],
            },
            &Actor::system("bench"),
        )
        .await?;
    let t = Instant::now();
    let matcher = corridor_web::load_matcher(store.as_ref()).await?;
    eprintln!(
        "index of {} records loaded in {:.1}s",
        matcher.len(),
        t.elapsed().as_secs_f64()
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let served = store.clone();
    tokio::spawn(async move {
        let _ = corridor_web::serve(
            listener,
            served,
            matcher,
            corridor_web::AppConfig::default(),
            std::future::pending(),
        )
        .await;
    });

    // 6. Every query from `clients` concurrent clients.
    // For SHOW_MISSES: how the true person's records were stored.
    let stored_names: Arc<HashMap<u64, Vec<String>>> = Arc::new(
        stored_of
            .iter()
            .map(|(t, ds)| {
                let names = ds
                    .iter()
                    .map(|d| {
                        format!(
                            "{} / {} / {}",
                            d.display_name(),
                            d.father_name.as_deref().unwrap_or("-"),
                            d.date_of_birth.as_deref().unwrap_or("-")
                        )
                    })
                    .collect();
                (*t, names)
            })
            .collect(),
    );
    let queries = Arc::new(queries);
    let truths = Arc::new(truths);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let t = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..clients {
        let (queries, truths, next) = (queries.clone(), truths.clone(), next.clone());
        let stored_names = stored_names.clone();
        let (base, token) = (base.clone(), token.clone());
        workers.push(tokio::spawn(async move {
            let http = reqwest::Client::new();
            let mut out: Vec<(Kind, Option<usize>, Duration, usize)> = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(q) = queries.get(i) else { break };
                let sent = Instant::now();
                let r = http
                    .get(format!("{base}/api/v1/search"))
                    .query(&[("q", q.text.as_str()), ("limit", "10")])
                    .bearer_auth(&token)
                    .send()
                    .await
                    .expect("the server answers");
                assert!(r.status().is_success(), "{}", r.status());
                let body: serde_json::Value = r.json().await.expect("JSON");
                let took = sent.elapsed();
                let rank = body["people"].as_array().and_then(|people| {
                    people.iter().position(|p| {
                        p["id"]
                            .as_i64()
                            .and_then(|id| truths.get(&id))
                            .is_some_and(|ts| ts.contains(&q.truth))
                    })
                });
                // SHOW_MISSES=name (or another kind's label) prints the queries of that
                // kind whose true person is not first.
                if std::env::var("SHOW_MISSES").is_ok_and(|k| k == q.kind.label())
                    && rank != Some(0)
                {
                    let top: Vec<String> = body["people"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .take(3)
                                .map(|p| format!("{} {:.2} {}", p["name"], p["score"], p["why"]))
                                .collect()
                        })
                        .unwrap_or_default();
                    let truth: Vec<String> =
                        stored_names.get(&q.truth).cloned().unwrap_or_default();
                    eprintln!("MISS {:?} rank {rank:?}: {top:?} TRUTH {truth:?}", q.text);
                }
                out.push((q.kind, rank, took, q.alike));
            }
            out
        }));
    }
    let mut results = Vec::new();
    for w in workers {
        results.extend(w.await?);
    }
    let wall = t.elapsed();

    // 7. The table.
    println!(
        "\nsearch benchmark: {n} records ({} stored), {} queries, {clients} concurrent clients, {:.0} queries/s",
        n - held.len(),
        results.len(),
        results.len() as f64 / wall.as_secs_f64()
    );
    println!(
        "{:<18} {:>7} {:>7} {:>7} {:>9} {:>9} {:>9} {:>9}",
        "query", "count", "top-1", "top-5", "p50 ms", "p99 ms", "ceil-1", "ceil-5"
    );
    let mut kinds: Vec<Kind> = results.iter().map(|r| r.0).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let row = |label: &str, rows: Vec<&(Kind, Option<usize>, Duration, usize)>| {
        let count = rows.len().max(1) as f64;
        let ceil1 = rows.iter().map(|r| 1.0 / r.3 as f64).sum::<f64>() / count;
        let ceil5 = rows
            .iter()
            .map(|r| (5.0 / r.3 as f64).min(1.0))
            .sum::<f64>()
            / count;
        let top1 = rows.iter().filter(|r| r.1 == Some(0)).count() as f64 / count;
        let top5 = rows.iter().filter(|r| r.1.is_some_and(|k| k < 5)).count() as f64 / count;
        let mut lat: Vec<Duration> = rows.iter().map(|r| r.2).collect();
        lat.sort_unstable();
        println!(
            "{:<18} {:>7} {:>6.1}% {:>6.1}% {:>9.1} {:>9.1} {:>8.1}% {:>8.1}%",
            label,
            rows.len(),
            top1 * 100.0,
            top5 * 100.0,
            percentile(&lat, 0.5),
            percentile(&lat, 0.99),
            ceil1 * 100.0,
            ceil5 * 100.0
        );
    };
    for k in kinds {
        row(k.label(), results.iter().filter(|r| r.0 == k).collect());
    }
    row("all", results.iter().collect());
    Ok(())
}
