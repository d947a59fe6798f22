//! Diagnostics for tuning: estimated parameters and a sample of wrong decisions.
//! `cargo run --release -p corridor-matching --example diag -- records.csv truth.csv`

#[path = "../../cli/src/link.rs"]
#[allow(dead_code)]
mod link;

use corridor_matching::{FIELDS, LinkConfig, NoProgress, Outcome, dedupe, explain};
use std::collections::{HashMap, HashSet};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let recs = link::read_records(std::path::Path::new(&args[1]))?;
    let mut truth = HashMap::new();
    let mut rdr = csv::Reader::from_path(&args[2])?;
    for r in rdr.records() {
        let r = r?;
        truth.insert(r[0].to_string(), r[1].to_string());
    }
    let res = dedupe(&recs, &LinkConfig::default(), &NoProgress);
    let m = &res.model;
    println!("prior {:.4} compared {}", m.prior, res.compared);
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
    let fps: Vec<_> = res
        .same_person
        .iter()
        .filter(|p| !same(p.left, p.right))
        .take(6)
        .collect();
    for p in fps {
        println!(
            "\nFALSE POSITIVE p={:.3} scored={:?}",
            p.probability, p.outcome
        );
        println!("  {:?}\n  {:?}", recs[p.left], recs[p.right]);
        let (_, _, ev) = explain(&recs[p.left], &recs[p.right], m);
        let s: Vec<String> = ev
            .fields
            .iter()
            .map(|f| format!("{:?}={:?}({:.1})", f.field, f.level, f.weight))
            .collect();
        println!("  {} guard={:?}", s.join(" "), ev.guard);
    }
    // False negatives among scored pairs and unscored.
    let mut n = 0;
    let mut by_person: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in recs.iter().enumerate() {
        by_person.entry(truth[&r.id].as_str()).or_default().push(i);
    }
    for g in by_person.values() {
        for x in 0..g.len() {
            for y in x + 1..g.len() {
                let (a, b) = (g[x].min(g[y]), g[x].max(g[y]));
                if !pred.contains(&(a, b)) && n < 6 {
                    n += 1;
                    let (p, o, ev) = explain(&recs[a], &recs[b], m);
                    println!("\nFALSE NEGATIVE p={p:.3} {o:?}");
                    println!("  {:?}\n  {:?}", recs[a], recs[b]);
                    let s: Vec<String> = ev
                        .fields
                        .iter()
                        .map(|f| format!("{:?}={:?}({:.1})", f.field, f.level, f.weight))
                        .collect();
                    println!("  {} guard={:?}", s.join(" "), ev.guard);
                }
            }
        }
    }
    let _ = Outcome::Match;
    Ok(())
}
