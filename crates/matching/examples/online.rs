//! Online matching latency: index N records, then time single queries.
//! `cargo run --release -p corridor-matching --example online -- records.csv [queries]`
//! Holds out `queries` records (default 1000), trains the model on a 100,000-record
//! sample, indexes the rest, and prints p50/p99/max latency of one query.

#[path = "../../cli/src/link.rs"]
#[allow(dead_code)]
mod link;

use corridor_matching::{LinkConfig, MatchIndex, NoProgress, dedupe};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let records = link::read_records(std::path::Path::new(&args[1]))?;
    let queries: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let held = queries.min(records.len() / 2);
    let (probe, known) = records.split_at(held);

    let t = Instant::now();
    let sample = &known[..known.len().min(100_000)];
    let model = dedupe(sample, &LinkConfig::default(), &NoProgress).model;
    eprintln!(
        "trained on {} records in {:.2}s",
        sample.len(),
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let mut index = MatchIndex::with_model(model);
    let items: Vec<(u64, &corridor_matching::Record)> = known
        .iter()
        .enumerate()
        .map(|(i, r)| (i as u64, r))
        .collect();
    index.insert_many(&items);
    eprintln!(
        "indexed {} records in {:.2}s",
        index.len(),
        t.elapsed().as_secs_f64()
    );

    let mut times = Vec::with_capacity(probe.len());
    let mut found = 0usize;
    for r in probe {
        let t = Instant::now();
        let c = index.query(r);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        found += usize::from(!c.is_empty());
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "online: {} queries against {} records: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms; {} had candidates",
        times.len(),
        index.len(),
        pct(0.50),
        pct(0.99),
        times[times.len() - 1],
        found
    );
    Ok(())
}
