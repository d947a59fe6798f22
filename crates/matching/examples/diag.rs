//! Diagnostics for tuning: estimated parameters and a sample of wrong decisions.
//! `cargo run --release -p corridor-matching --example diag -- records.csv truth.csv`
//! (env SKIP=n skips the first n samples; THRESHOLD overrides the match threshold).

#[path = "../../cli/src/link.rs"]
#[allow(dead_code)]
mod link;

use corridor_matching::{FIELDS, LinkConfig, NoProgress, Outcome, Record, dedupe, explain};
use std::collections::{HashMap, HashSet};

fn show(recs: &[Record], a: usize, b: usize, m: &corridor_matching::Model, title: &str) {
    let (p, o, ev) = explain(&recs[a], &recs[b], m);
    println!("\n{title} explain p={p:.3} {o:?}");
    println!("  {:?}\n  {:?}", recs[a], recs[b]);
    let s: Vec<String> = ev
        .fields
        .iter()
        .filter(|f| f.level != corridor_matching::Level::Missing)
        .map(|f| format!("{:?}={:?}({:.1})", f.field, f.level, f.weight))
        .collect();
    println!(
        "  prior {:.1} {} guard={:?}",
        ev.prior_weight,
        s.join(" "),
        ev.guard
    );
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let recs = link::read_records(std::path::Path::new(&args[1]))?;
    let mut truth = HashMap::new();
    let mut rdr = csv::Reader::from_path(&args[2])?;
    for r in rdr.records() {
        let r = r?;
        truth.insert(r[0].to_string(), r[1].to_string());
    }
    let skip: usize = std::env::var("SKIP")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let threshold = std::env::var("THRESHOLD").ok().and_then(|s| s.parse().ok());
    let res = dedupe(
        &recs,
        &LinkConfig {
            match_threshold: threshold,
            ..LinkConfig::default()
        },
        &NoProgress,
    );
    let m = &res.model;
    println!("prior {:.3e} compared {}", m.prior, res.compared);
    for (f, field) in FIELDS.iter().enumerate() {
        let w: Vec<String> = (1..5)
            .map(|l| format!("{:6.2}", (m.m[f][l].max(1e-5) / m.u[f][l].max(1e-5)).log2()))
            .collect();
        let mm: Vec<String> = (1..5).map(|l| format!("{:.3}", m.m[f][l])).collect();
        let uu: Vec<String> = (1..5).map(|l| format!("{:.4}", m.u[f][l])).collect();
        println!(
            "{field:?}: w {} m {} u {}",
            w.join(" "),
            mm.join(" "),
            uu.join(" ")
        );
    }
    let same = |a: usize, b: usize| truth[&recs[a].id] == truth[&recs[b].id];
    let pred: HashSet<(usize, usize)> = res.same_person.iter().map(|p| (p.left, p.right)).collect();
    let direct: HashSet<(usize, usize)> = res
        .scored
        .iter()
        .filter(|p| p.outcome == Outcome::Match)
        .map(|p| (p.left, p.right))
        .collect();
    let scored: HashSet<(usize, usize)> = res.scored.iter().map(|p| (p.left, p.right)).collect();
    let fp_all: Vec<_> = res
        .same_person
        .iter()
        .filter(|p| !same(p.left, p.right))
        .collect();
    let fp_direct: Vec<_> = fp_all
        .iter()
        .filter(|p| direct.contains(&(p.left, p.right)))
        .collect();
    let true_pairs: usize = {
        let mut per: HashMap<&str, usize> = HashMap::new();
        for r in &recs {
            *per.entry(truth[&r.id].as_str()).or_default() += 1;
        }
        per.values().map(|n| n * (n - 1) / 2).sum()
    };
    let tp = pred.len() - fp_all.len();
    let (pr, rc) = (
        tp as f64 / pred.len().max(1) as f64,
        tp as f64 / true_pairs.max(1) as f64,
    );
    println!("P {pr:.4} R {rc:.4} F1 {:.4}", 2.0 * pr * rc / (pr + rc));
    println!(
        "false positives: {} of which direct matches {}",
        fp_all.len(),
        fp_direct.len()
    );
    for p in fp_direct.iter().skip(skip).take(6) {
        show(&recs, p.left, p.right, m, "FALSE POSITIVE");
    }
    let mut by_person: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in recs.iter().enumerate() {
        by_person.entry(truth[&r.id].as_str()).or_default().push(i);
    }
    let mut fns = Vec::new();
    for g in by_person.values() {
        for x in 0..g.len() {
            for y in x + 1..g.len() {
                let (a, b) = (g[x].min(g[y]), g[x].max(g[y]));
                if !pred.contains(&(a, b)) {
                    fns.push((a, b));
                }
            }
        }
    }
    fns.sort();
    let (mut high, mut possible, mut low) = (0, 0, 0);
    let mut guarded = 0;
    let mut level_counts: HashMap<String, usize> = HashMap::new();
    for &(a, b) in &fns {
        let (_, o, ev) = explain(&recs[a], &recs[b], m);
        guarded += usize::from(ev.guard.is_some());
        for f in &ev.fields {
            if f.level == corridor_matching::Level::Different {
                *level_counts.entry(format!("{:?}", f.field)).or_default() += 1;
            }
        }
        match o {
            Outcome::Match => high += 1,
            Outcome::Possible => possible += 1,
            Outcome::NonMatch => low += 1,
        }
    }
    println!(
        "false negatives stopped by the household guard: {guarded}; fields disagreeing: {level_counts:?}"
    );
    let in_scored = fns.iter().filter(|p| scored.contains(p)).count();
    println!(
        "\nfalse negatives: {} (explain says match {high}, possible {possible}, non-match {low}); {in_scored} were scored possible",
        fns.len()
    );
    // Causes: every compared pair is kept when the possible threshold is 0.
    let all = dedupe(
        &recs,
        &LinkConfig {
            model: Some(m.clone()),
            possible_threshold: Some(0.0),
            ..LinkConfig::default()
        },
        &NoProgress,
    );
    let compared: HashMap<(usize, usize), Outcome> = all
        .scored
        .iter()
        .map(|p| {
            let o = if p.probability >= m.match_threshold {
                Outcome::Match
            } else if p.probability >= m.possible_threshold {
                Outcome::Possible
            } else {
                Outcome::NonMatch
            };
            ((p.left, p.right), o)
        })
        .collect();
    let mut causes: HashMap<&str, usize> = HashMap::new();
    let mut unblocked_fields: HashMap<String, usize> = HashMap::new();
    let mut unblocked = Vec::new();
    for &(a, b) in &fns {
        let c = match compared.get(&(a, b)) {
            Some(Outcome::Match) => "scored match, clustering refused",
            Some(Outcome::Possible) => "scored possible",
            Some(Outcome::NonMatch) => "scored non-match",
            None => {
                unblocked.push((a, b));
                let ev = explain(&recs[a], &recs[b], m).2;
                let mut k: Vec<String> = ev
                    .fields
                    .iter()
                    .filter(|f| f.level >= corridor_matching::Level::Close)
                    .map(|f| format!("{:?}", f.field))
                    .collect();
                k.sort();
                *unblocked_fields.entry(k.join("+")).or_default() += 1;
                "never compared"
            }
        };
        *causes.entry(c).or_default() += 1;
    }
    println!("false negatives by cause: {causes:?}");
    let mut uf: Vec<_> = unblocked_fields.into_iter().collect();
    uf.sort_by_key(|b| std::cmp::Reverse(b.1));
    println!(
        "never compared, fields agreeing (close or exact): {:?}",
        &uf[..uf.len().min(25)]
    );
    if std::env::var_os("UNBLOCKED").is_some() {
        for &(a, b) in unblocked.iter().skip(skip).take(8) {
            show(&recs, a, b, m, "NEVER COMPARED");
        }
        return Ok(());
    }
    let only = std::env::var("ONLY").ok();
    let shown: Vec<&(usize, usize)> = fns
        .iter()
        .filter(|&&(a, b)| {
            only.as_ref().is_none_or(|f| {
                explain(&recs[a], &recs[b], m).2.fields.iter().any(|e| {
                    e.level == corridor_matching::Level::Different && format!("{:?}", e.field) == *f
                })
            })
        })
        .skip(skip)
        .take(8)
        .collect();
    for &&(a, b) in &shown {
        show(&recs, a, b, m, "FALSE NEGATIVE");
    }
    Ok(())
}
