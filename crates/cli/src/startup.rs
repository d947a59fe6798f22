//! `corridor startup-bench` (hidden): how long a server over N person records takes to answer,
//! and how much memory it holds, starting without the matching index's snapshot (building the
//! index from every record) and then from the snapshot the first start wrote.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use corridor_domain::{CaseCategory, NewRequester, RequesterKind};
use corridor_intake::Origin;
use corridor_intake::import::{ImportOptions, batches, parse_input};
use corridor_store::Actor;

#[derive(clap::Args)]
pub struct StartupBenchArgs {
    /// Person records in each database, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "100000,1000000")]
    records: Vec<usize>,
    /// Seed of the synthetic generator.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Keep the databases here instead of a temporary directory (a second run reuses them).
    #[arg(long)]
    dir: Option<std::path::PathBuf>,
}

/// What one start cost.
struct Start {
    /// From the process's start to the health check's first answer.
    answer: Duration,
    /// CPU time (user and system) until then.
    cpu: Duration,
    /// Peak resident memory until then.
    peak_rss_mb: f64,
    /// Peak resident memory over the whole run: the snapshot written and the stop included.
    life_peak_mb: f64,
}

pub async fn run(args: StartupBenchArgs) -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let dir = args.dir.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let mut out = Vec::new();
    for &n in &args.records {
        let db = dir.join(format!("startup-{n}.db"));
        if !db.exists() {
            fill(&db, args.seed, n).await?;
        }
        let db_arg = crate::DbArg {
            db: db.display().to_string(),
            data_key: None,
        };
        // A start with no snapshot: the server builds its index, writes the snapshot, stops.
        let store = crate::db::open(&db_arg).await?;
        // What a first start after an upgrade does once is not what is measured.
        corridor_store::protection::seal_leftovers(store.as_ref()).await?;
        store.drop_index_snapshots().await?;
        let records = store.totals().await.map(|t| t.people).unwrap_or_default();
        drop(store);
        let built = start(&db)?;
        let from_snapshot = start(&db)?;
        eprintln!(
            "{n} rows ({records} people): built {:.2}s, from the snapshot {:.2}s",
            built.answer.as_secs_f64(),
            from_snapshot.answer.as_secs_f64()
        );
        out.push((n, built, from_snapshot));
    }
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "| records | start | time to answer | CPU to answer | peak memory to answer | peak memory, whole run |\n|---:|---|---:|---:|---:|---:|"
    )?;
    for (n, built, snap) in &out {
        for (how, s) in [("index built", built), ("from snapshot", snap)] {
            writeln!(
                stdout,
                "| {n} | {how} | {:.2} s | {:.2} s | {:.0} MB | {:.0} MB |",
                s.answer.as_secs_f64(),
                s.cpu.as_secs_f64(),
                s.peak_rss_mb,
                s.life_peak_mb
            )?;
        }
    }
    Ok(())
}

/// Stores `n` synthetic rows (one person each) through the storage path alone, a batch at a
/// time so that memory stays bounded. Matching is not what is measured here.
async fn fill(db: &Path, seed: u64, n: usize) -> anyhow::Result<()> {
    let started = Instant::now();
    let store = crate::db::open(&crate::DbArg {
        db: db.display().to_string(),
        data_key: None,
    })
    .await?;
    let opts = ImportOptions::new(Origin {
        requester: NewRequester {
            kind: RequesterKind::Ngo,
            name: "Benchmark coalition".into(),
            organization: None,
            email: None,
            phone: None,
        },
        category: CaseCategory::Evacuation,
        source: "startup bench".into(),
    });
    let actor = Actor::system("startup bench");
    let mut records = corridor_scenario::records(seed, n).peekable();
    let mut part = 0;
    while records.peek().is_some() {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(corridor_scenario::SyntheticRecord::COLUMNS)?;
        for r in records.by_ref().take(20_000) {
            w.write_record(r.values())?;
        }
        let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
        let parsed = parse_input(&format!("part{part}.csv"), &bytes, &opts);
        part += 1;
        for batch in batches(parsed.submissions, 20_000) {
            store.take_in(batch, "startup bench", &actor).await?;
        }
    }
    eprintln!("stored {n} rows in {:.0}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Starts `corridor serve` on the database, waits for its health check to answer, reads its
/// CPU time and peak memory, and stops it (SIGTERM: it writes its snapshot on the way out).
fn start(db: &Path) -> anyhow::Result<Start> {
    let exe = std::env::current_exe()?;
    let started = Instant::now();
    let mut child = Command::new(exe)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--escalate-every",
            "0",
            "--db",
        ])
        .arg(db)
        .env_remove("CORRIDOR_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start corridor serve")?;
    let result = measure(&mut child, started);
    // SIGTERM, then wait: the server writes the snapshot as it stops.
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let life_peak_mb = wait_peak(&child)?;
    result.map(|s| Start { life_peak_mb, ..s })
}

/// Waits for the child to exit and returns its peak resident memory in MB.
fn wait_peak(child: &Child) -> anyhow::Result<f64> {
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value to be filled in; the pid is our own child,
    // not yet waited for (std's `Child` is not used to wait after this).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    if pid < 0 {
        anyhow::bail!(
            "waiting for the server: {}",
            std::io::Error::last_os_error()
        );
    }
    // Linux gives ru_maxrss in kilobytes.
    Ok(usage.ru_maxrss as f64 / 1024.0)
}

fn measure(child: &mut Child, started: Instant) -> anyhow::Result<Start> {
    let stdout = child.stdout.take().context("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    // "Corridor is serving <db> on http://127.0.0.1:PORT/" comes once the port is bound,
    // before the index is loaded: the health check answers only when the server runs.
    let addr = loop {
        let line = lines
            .next()
            .context("the server stopped before saying where it listens")??;
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.trim_end_matches('/').to_string();
        }
    };
    // Keep reading stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    loop {
        if healthy(&addr) {
            break;
        }
        if let Some(status) = child.try_wait()? {
            anyhow::bail!("the server stopped: {status}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let answer = started.elapsed();
    let pid = child.id();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let peak_kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    Ok(Start {
        answer,
        cpu: cpu_time(pid),
        peak_rss_mb: peak_kb / 1024.0,
        life_peak_mb: 0.0,
    })
}

/// User and system time of a process so far, from /proc (Linux).
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // Clock ticks per second: 100 on Linux.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn healthy(addr: &str) -> bool {
    let Ok(mut s) = std::net::TcpStream::connect(addr) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(120)));
    if s.write_all(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut head = [0u8; 12];
    s.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
}
