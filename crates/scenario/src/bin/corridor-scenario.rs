//! Write synthetic benchmark or demo data: `records.csv`, `truth.csv` and (demo) `inquiries.json`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;
use corridor_scenario::{ScenarioConfig, SyntheticRecord, generate, records};

#[derive(Parser)]
#[command(about = "Generate a seeded synthetic surge of requests with its ground truth")]
struct Args {
    /// Number of flat records to generate (benchmark mode).
    #[arg(long, conflicts_with = "demo")]
    records: Option<usize>,
    /// Generate the demo scenario (households, requesters, inquiries).
    #[arg(long)]
    demo: bool,
    /// Seed (default: 42 for --records, the demo's own seed for --demo).
    #[arg(long)]
    seed: Option<u64>,
    /// Output directory (created if missing).
    #[arg(long)]
    out: PathBuf,
}

struct Writers {
    records: csv::Writer<BufWriter<File>>,
    truth: csv::Writer<BufWriter<File>>,
}

impl Writers {
    fn create(dir: &std::path::Path) -> Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let open = |name: &str| -> Result<csv::Writer<BufWriter<File>>> {
            let f = File::create(dir.join(name)).with_context(|| format!("creating {name}"))?;
            Ok(csv::Writer::from_writer(BufWriter::with_capacity(
                1 << 20,
                f,
            )))
        };
        let mut w = Writers {
            records: open("records.csv")?,
            truth: open("truth.csv")?,
        };
        w.records.write_record(SyntheticRecord::COLUMNS)?;
        w.truth.write_record(["record_id", "person_id"])?;
        Ok(w)
    }

    fn write(&mut self, r: &SyntheticRecord) -> Result<()> {
        self.records.write_record(r.values())?;
        let mut buf = itoa(r.person_id);
        self.truth
            .write_record([r.record_id.as_str(), buf.as_mut_str()])?;
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        self.records.flush()?;
        self.truth.flush()?;
        Ok(())
    }
}

fn itoa(n: u64) -> String {
    n.to_string()
}

fn main() -> Result<()> {
    let args = Args::parse();
    let t0 = Instant::now();
    let mut w = Writers::create(&args.out)?;
    if let Some(n) = args.records {
        for r in records(args.seed.unwrap_or(42), n) {
            w.write(&r)?;
        }
        w.finish()?;
        eprintln!(
            "wrote {n} records to {} in {:.2?}",
            args.out.display(),
            t0.elapsed()
        );
    } else if args.demo {
        let demo = ScenarioConfig::demo();
        let cfg = ScenarioConfig {
            seed: args.seed.unwrap_or(demo.seed),
            ..demo
        };
        let s = generate(&cfg);
        let mut n = 0;
        for r in s.records() {
            w.write(r)?;
            n += 1;
        }
        w.finish()?;
        let f = File::create(args.out.join("inquiries.json")).context("creating inquiries.json")?;
        let mut bw = BufWriter::new(f);
        serde_json::to_writer(&mut bw, &s)?;
        bw.flush()?;
        eprintln!(
            "wrote {} inquiries, {n} records about {} people in {} households to {} in {:.2?}",
            s.inquiries.len(),
            s.people.len(),
            s.households.len(),
            args.out.display(),
            t0.elapsed()
        );
    } else {
        bail!("give --records N or --demo");
    }
    Ok(())
}
