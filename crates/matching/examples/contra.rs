//! For tuning clustering: which fields contradict (level Different) in the pairs a run
//! judged the same person, split by whether they are right.
//! `cargo run --release -p corridor-matching --example contra -- records.csv truth.csv pairs.csv`

#[path = "../../cli/src/link.rs"]
#[allow(dead_code)]
mod link;

use corridor_matching::{Level, Model, explain};
use std::collections::HashMap;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let recs = link::read_records(std::path::Path::new(&args[1]))?;
    let at: HashMap<&str, usize> = recs
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut truth = HashMap::new();
    for r in csv::Reader::from_path(&args[2])?.records() {
        let r = r?;
        truth.insert(r[0].to_string(), r[1].to_string());
    }
    let m = Model::default();
    let mut tally: HashMap<String, [usize; 2]> = HashMap::new();
    for r in csv::Reader::from_path(&args[3])?.records() {
        let r = r?;
        let (a, b) = (at[&r[0]], at[&r[1]]);
        let right = truth[&r[0]] == truth[&r[1]];
        let (_, _, ev) = explain(&recs[a], &recs[b], &m);
        let mut k: Vec<String> = ev
            .fields
            .iter()
            .filter(|f| f.level == Level::Different)
            .map(|f| format!("{:?}", f.field))
            .collect();
        k.sort();
        let e = tally.entry(k.join("+")).or_default();
        e[usize::from(!right)] += 1;
    }
    let mut v: Vec<_> = tally.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1[0] + x.1[1]));
    for (k, [t, f]) in v.iter().take(40) {
        println!("{t:7} right {f:6} wrong  {k}");
    }
    Ok(())
}
