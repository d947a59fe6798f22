//! `corridor link`: deduplicate one CSV of people, or link two, without a database.

use anyhow::{Context, Result, bail};
// The spreadsheet-safe cells of every CSV Corridor writes, from the intake crate's source:
// this file is also compiled into the matching crate's examples and tests, which do not
// depend on the intake crate.
#[allow(dead_code)]
#[path = "../../intake/src/cells.rs"]
mod cells;
use cells::neutralize;
use corridor_matching::{LinkConfig, Progress, Record};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct LinkArgs {
    /// Input CSV with the standard person columns; once to deduplicate, twice to link.
    /// An optional `household` column (a family key local to the file) links family
    /// members through a member found in both households; an optional `postcode` column
    /// is read as the end of the address.
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

const COLUMNS: [&str; 15] = [
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
    // Read as the end of the address: a postcode is one more word of it.
    "postcode",
];

/// Bytes of rows parsed by one task. A file is cut into pieces at line ends that are not
/// inside a quoted field, and the pieces are parsed on all cores.
const PIECE: usize = 1 << 22;

/// Where to cut `body` (whole CSV rows) into pieces of about `piece` bytes. A line end is
/// inside a quoted field when an odd number of quotes precede it (an escaped quote is
/// doubled, so it keeps the count even).
pub fn cut_points(body: &[u8], piece: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut quotes = 0usize;
    let mut from = 0;
    while from + piece < body.len() {
        let target = from + piece;
        quotes += body[from..target].iter().filter(|&&b| b == b'"').count();
        let mut at = target;
        while at < body.len() && !(body[at] == b'\n' && quotes.is_multiple_of(2)) {
            quotes += usize::from(body[at] == b'"');
            at += 1;
        }
        if at >= body.len() {
            break;
        }
        cuts.push(at + 1);
        from = at + 1;
    }
    cuts.push(body.len());
    cuts
}

/// Reads one input file. Errors name the file, the row (1 = header) and the reason.
pub fn read_records(path: &Path) -> Result<Vec<Record>> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let mut header_reader = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let headers = header_reader
        .headers()
        .with_context(|| format!("{}: row 1: cannot read header", path.display()))?
        .clone();
    let body = &bytes[(header_reader.position().byte() as usize).min(bytes.len())..];
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
    let to_record = |row: &csv::StringRecord| -> std::result::Result<Record, String> {
        if row.len() != headers.len() {
            return Err(format!(
                "malformed CSV: {} fields where the header has {}",
                row.len(),
                headers.len()
            ));
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
            return Err("empty record_id".into());
        }
        Ok(Record {
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
            address: match (get(11), get(14)) {
                (Some(a), Some(p)) => Some(format!("{a} {p}")),
                (a, p) => a.or(p),
            },
            province: get(12),
            household: get(13),
        })
    };
    let cuts = cut_points(body, PIECE);
    // Each piece: its records, or the records before the first bad row and what was wrong.
    type Piece = (Vec<Record>, Option<String>);
    let pieces: Vec<Piece> = cuts
        .par_windows(2)
        .map(|w| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(&body[w[0]..w[1]]);
            let mut records = Vec::with_capacity((w[1] - w[0]) / 100);
            let mut row = csv::StringRecord::new();
            loop {
                match reader.read_record(&mut row) {
                    Ok(false) => return (records, None),
                    Ok(true) => match to_record(&row) {
                        Ok(r) => records.push(r),
                        Err(e) => return (records, Some(e)),
                    },
                    Err(e) => return (records, Some(format!("malformed CSV: {e}"))),
                }
            }
        })
        .collect();
    let mut records = Vec::with_capacity(pieces.iter().map(|p| p.0.len()).sum());
    for (piece, error) in pieces {
        records.extend(piece);
        if let Some(e) = error {
            bail!("{}: row {}: {e}", path.display(), records.len() + 2);
        }
    }
    let mut seen = HashSet::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        if !seen.insert(r.id.as_str()) {
            bail!(
                "{}: row {}: record_id {:?} appears twice",
                path.display(),
                i + 2,
                r.id
            );
        }
    }
    Ok(records)
}

/// Lines written per batch: batches are formatted on all cores, then written in order.
const WRITE_BATCH: usize = 1 << 15;

/// Writes a CSV file: the header, then one line per item.
fn write_csv<T: Sync>(
    path: &Path,
    header: &[&str],
    items: &[T],
    line: impl Fn(&T, &mut csv::Writer<Vec<u8>>) -> csv::Result<()> + Sync,
) -> Result<()> {
    let context = || format!("{}: cannot write", path.display());
    let chunks: Vec<Vec<u8>> = items
        .par_chunks(WRITE_BATCH)
        .map(|chunk| {
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::with_capacity(chunk.len() * 40));
            for item in chunk {
                line(item, &mut w)?;
            }
            w.into_inner().map_err(|e| e.into_error().into())
        })
        .collect::<csv::Result<_>>()
        .with_context(context)?;
    let file = std::fs::File::create(path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(file));
    out.write_record(header).with_context(context)?;
    let mut out = out
        .into_inner()
        .map_err(|e| anyhow::anyhow!("{}: cannot write: {}", path.display(), e.error()))?;
    for chunk in &chunks {
        out.write_all(chunk).with_context(context)?;
    }
    out.flush().with_context(context)?;
    Ok(())
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

/// Asks the allocator (mimalloc, the binary's global allocator) for 2 MiB pages from here
/// on. A million records take over a gigabyte of fresh memory; with 4 KiB pages the kernel
/// spends seconds on page faults (more on virtual machines), with large ones next to
/// nothing. Where the allocator is not mimalloc this only sets an unused option.
fn prefer_large_pages() {
    // SAFETY: sets one of mimalloc's global options (an atomic store); valid at any time.
    unsafe {
        libmimalloc_sys::mi_option_set(libmimalloc_sys::mi_option_large_os_pages, 1);
    }
}

pub fn run(args: LinkArgs) -> Result<()> {
    if args.input.is_empty() || args.input.len() > 2 {
        bail!(
            "give --input once to deduplicate or twice to link (got {})",
            args.input.len()
        );
    }
    prefer_large_pages();
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

    let writing = Instant::now();
    // Pairs in the order of the input (stable from run to run); within one list the
    // pair's earlier id comes first.
    let mut pairs: Vec<(usize, usize, f64)> = result
        .same_person
        .iter()
        .map(|p| (p.left, p.right, p.probability))
        .collect();
    pairs.par_sort_unstable_by_key(|&(l, r, _)| (l, r));
    let one_list = inputs.len() == 1;
    write_csv(
        &args.output,
        &["left_id", "right_id", "probability"],
        &pairs,
        |&(l, r, p), w| {
            let (l, r) = (&left[l].id, &right[r].id);
            let (l, r) = if one_list && l > r { (r, l) } else { (l, r) };
            // Ids come from the input lists: neutralized, so none opens as a formula.
            w.write_field(neutralize(l).as_bytes())?;
            w.write_field(neutralize(r).as_bytes())?;
            w.write_field(format!("{p:.4}"))?;
            w.write_record(None::<&[u8]>)
        },
    )?;
    if let Some(path) = &args.clusters {
        let all: Vec<(&str, usize)> = inputs
            .iter()
            .flat_map(|v| v.iter())
            .zip(result.clusters.iter())
            .map(|(rec, &c)| (rec.id.as_str(), c))
            .collect();
        write_csv(path, &["record_id", "cluster_id"], &all, |&(id, c), w| {
            w.write_field(neutralize(id).as_bytes())?;
            w.write_field(format!("C{c}"))?;
            w.write_record(None::<&[u8]>)
        })?;
    }
    eprintln!("{:>12}: {:.2}s", "writing", writing.elapsed().as_secs_f64());
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
