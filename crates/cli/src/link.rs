//! `corridor link`: deduplicate one CSV of people, or link two, without a database.

use anyhow::{Context, Result, bail};
use corridor_matching::{LinkConfig, Progress, Record};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct LinkArgs {
    /// Input CSV with the standard person columns; once to deduplicate, twice to link.
    /// An optional `household` column (a family key local to the file) links family
    /// members through a member found in both households.
    #[arg(long = "input", required = true, num_args = 1, action = clap::ArgAction::Append)]
    pub input: Vec<PathBuf>,
    /// Where to write pairs judged the same person (left_id,right_id,probability).
    #[arg(long)]
    pub output: PathBuf,
    /// Where to write the cluster of every record (record_id,cluster_id).
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    /// Probability at or above which a pair is the same person (default: the model's).
    #[arg(long)]
    pub threshold: Option<f64>,
}

const COLUMNS: [&str; 14] = [
    "record_id",
    "given_name",
    "family_name",
    "full_name",
    "father_name",
    "date_of_birth",
    "sex",
    "national_id",
    "passport",
    "phone",
    "email",
    "address",
    "province",
    "household",
];

/// Reads one input file. Errors name the file, the row (1 = header) and the reason.
pub fn read_records(path: &Path) -> Result<Vec<Record>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("{}: cannot open", path.display()))?;
    let headers = reader
        .headers()
        .with_context(|| format!("{}: row 1: cannot read header", path.display()))?
        .clone();
    let position: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| {
            headers.iter().position(|h| {
                h.trim()
                    .trim_start_matches('\u{feff}')
                    .eq_ignore_ascii_case(c)
            })
        })
        .collect();
    let Some(id_col) = position[0] else {
        bail!(
            "{}: row 1: no record_id column (header has: {})",
            path.display(),
            headers.iter().collect::<Vec<_>>().join(", ")
        );
    };
    let mut seen = HashSet::new();
    let mut records = Vec::new();
    // One record buffer reused for every row: a million rows, not a million buffers.
    let mut row = csv::StringRecord::new();
    for row_no in 2.. {
        let more = reader
            .read_record(&mut row)
            .with_context(|| format!("{}: row {row_no}: malformed CSV", path.display()))?;
        if !more {
            break;
        }
        let get = |k: usize| -> Option<String> {
            position[k]
                .and_then(|p| row.get(p))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let id = row.get(id_col).map(str::trim).unwrap_or("");
        if id.is_empty() {
            bail!("{}: row {row_no}: empty record_id", path.display());
        }
        if !seen.insert(id.to_string()) {
            bail!(
                "{}: row {row_no}: record_id {id:?} appears twice",
                path.display()
            );
        }
        records.push(Record {
            id: id.to_string(),
            given_name: get(1),
            family_name: get(2),
            full_name: get(3),
            father_name: get(4),
            date_of_birth: get(5),
            sex: get(6),
            national_id: get(7),
            passport: get(8),
            phone: get(9),
            email: get(10),
            address: get(11),
            province: get(12),
            household: get(13),
        });
    }
    Ok(records)
}

/// Progress bars on stderr (hidden when stderr is not a terminal).
struct Bars {
    bar: RwLock<ProgressBar>,
    /// Current stage and when it started, for the timing line printed when it ends.
    stage: RwLock<(String, Instant)>,
}

impl Progress for Bars {
    fn stage(&self, name: &str, total: u64) {
        let bar = if total > 0 {
            ProgressBar::new(total)
        } else {
            ProgressBar::new_spinner()
        };
        bar.set_style(
            ProgressStyle::with_template("{prefix:>12} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_prefix(name.to_string());
        if let Ok(mut s) = self.stage.write() {
            *s = (name.to_string(), Instant::now());
        }
        if let Ok(mut b) = self.bar.write() {
            *b = bar;
        }
    }
    fn inc(&self, n: u64) {
        if let Ok(b) = self.bar.read() {
            b.inc(n);
        }
    }
    fn finish(&self) {
        if let Ok(b) = self.bar.read() {
            b.finish_and_clear();
        }
        if let Ok(s) = self.stage.read() {
            eprintln!("{:>12}: {:.2}s", s.0, s.1.elapsed().as_secs_f64());
        }
    }
}

pub fn run(args: LinkArgs) -> Result<()> {
    if args.input.is_empty() || args.input.len() > 2 {
        bail!(
            "give --input once to deduplicate or twice to link (got {})",
            args.input.len()
        );
    }
    let started = Instant::now();
    let inputs: Vec<Vec<Record>> = args
        .input
        .iter()
        .map(|p| read_records(p))
        .collect::<Result<_>>()?;
    let config = LinkConfig {
        match_threshold: args.threshold,
        ..LinkConfig::default()
    };
    let bars = Bars {
        bar: RwLock::new(ProgressBar::hidden()),
        stage: RwLock::new((String::new(), Instant::now())),
    };
    eprintln!("{:>12}: {:.2}s", "reading", started.elapsed().as_secs_f64());
    let (result, left, right): (_, &[Record], &[Record]) = match inputs.as_slice() {
        [one] => (corridor_matching::dedupe(one, &config, &bars), one, one),
        [a, b] => (corridor_matching::link(a, b, &config, &bars), a, b),
        _ => unreachable!("checked above"),
    };

    let mut out = csv::Writer::from_path(&args.output)
        .with_context(|| format!("{}: cannot create", args.output.display()))?;
    out.write_record(["left_id", "right_id", "probability"])?;
    let mut pairs = result.same_person.clone();
    pairs.sort_by(|a, b| {
        left[a.left]
            .id
            .cmp(&left[b.left].id)
            .then(right[a.right].id.cmp(&right[b.right].id))
    });
    for p in &pairs {
        let (l, r) = (&left[p.left].id, &right[p.right].id);
        // In one list, write each pair once in a stable order.
        let (l, r) = if inputs.len() == 1 && l > r {
            (r, l)
        } else {
            (l, r)
        };
        out.write_record([l.as_str(), r.as_str(), &format!("{:.4}", p.probability)])?;
    }
    out.flush()
        .with_context(|| format!("{}: cannot write", args.output.display()))?;

    if let Some(path) = &args.clusters {
        let mut w = csv::Writer::from_path(path)
            .with_context(|| format!("{}: cannot create", path.display()))?;
        w.write_record(["record_id", "cluster_id"])?;
        let all = inputs.iter().flat_map(|v| v.iter());
        for (rec, c) in all.zip(result.clusters.iter()) {
            w.write_record([rec.id.as_str(), &format!("C{c}")])?;
        }
        w.flush()
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    eprintln!("{:>12}: {:.2}s", "total", started.elapsed().as_secs_f64());
    let possible = result
        .scored
        .iter()
        .filter(|p| p.outcome == corridor_matching::Outcome::Possible)
        .count();
    eprintln!(
        "compared {} candidate pairs; {} pairs judged the same person; {} possible pairs need review",
        result.compared,
        pairs.len(),
        possible
    );
    Ok(())
}
