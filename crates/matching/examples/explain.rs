//! Explains chosen pairs under the model estimated from a file, for tuning:
//! `cargo run --release -p corridor-matching --example explain -- records.csv ID1,ID2 [ID3,ID4 ...]`
//! (prints the records, each field's level and weight, the guard and the outcome).

#[path = "../../cli/src/link.rs"]
#[allow(dead_code)]
mod link;

use corridor_matching::{LinkConfig, NoProgress, dedupe, explain};
use std::collections::HashMap;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let recs = link::read_records(std::path::Path::new(&args[1]))?;
    let at: HashMap<&str, usize> = recs
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let res = dedupe(&recs, &LinkConfig::default(), &NoProgress);
    let m = &res.model;
    for pair in &args[2..] {
        let Some((a, b)) = pair.split_once(',') else {
            continue;
        };
        let (a, b) = (at[a], at[b]);
        let (p, o, ev) = explain(&recs[a], &recs[b], m);
        println!(
            "\n{} {} p={p:.3} {o:?} guard={:?} prior {:.1}",
            recs[a].id, recs[b].id, ev.guard, ev.prior_weight
        );
        for f in &ev.fields {
            println!("  {:?}: {:?} {:.1}", f.field, f.level, f.weight);
        }
        let ra = corridor_matching::debug_normalized(&recs[a]);
        let rb = corridor_matching::debug_normalized(&recs[b]);
        println!("  A {ra}\n  B {rb}");
    }
    Ok(())
}
