//! `corridor import` and `corridor bench-import`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use corridor_domain::{CaseCategory, NewRequester, RequesterKind};
use corridor_intake::columns::Mapping;
use corridor_intake::import::{ImportOptions, batches, parse_path, report_csv, store_parsed};
use corridor_intake::matcher::Matcher;
use corridor_intake::{Limits, Origin, Parsed};
use corridor_store::Actor;
use indicatif::{ProgressBar, ProgressStyle};

use crate::{DbArg, db};

/// Limits on what is read; each has an environment variable for servers.
#[derive(clap::Args, Clone, Debug)]
pub struct LimitArgs {
    /// Largest file read at all, in bytes.
    #[arg(long, env = "CORRIDOR_MAX_FILE_BYTES", default_value_t = Limits::default().max_file_bytes)]
    pub max_file_bytes: u64,
    /// Most data rows taken from one spreadsheet.
    #[arg(long, env = "CORRIDOR_MAX_ROWS", default_value_t = Limits::default().max_rows)]
    pub max_rows: usize,
    /// Longest field, in characters.
    #[arg(long, env = "CORRIDOR_MAX_FIELD_CHARS", default_value_t = Limits::default().max_field_chars)]
    pub max_field_chars: usize,
    /// Largest email message, in bytes.
    #[arg(long, env = "CORRIDOR_MAX_MESSAGE_BYTES", default_value_t = Limits::default().max_message_bytes)]
    pub max_message_bytes: usize,
    /// Most bytes an XLSX may expand to when unzipped.
    #[arg(long, env = "CORRIDOR_MAX_UNZIPPED_BYTES", default_value_t = Limits::default().max_unzipped_bytes)]
    pub max_unzipped_bytes: u64,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_bytes,
            max_rows: self.max_rows,
            max_field_chars: self.max_field_chars,
            max_message_bytes: self.max_message_bytes,
            max_unzipped_bytes: self.max_unzipped_bytes,
            ..Limits::default()
        }
    }
}

#[derive(clap::Args)]
pub struct ImportArgs {
    #[command(flatten)]
    db: DbArg,
    /// Spreadsheets (.csv, .tsv, .xlsx), emails (.eml) and mailboxes (.mbox).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The name of the list for the audit trail (default: the file names).
    #[arg(long)]
    source: Option<String>,
    /// Who sent the list (default: the source). Emails name their own sender.
    #[arg(long)]
    requester: Option<String>,
    /// What kind of requester sent it.
    #[arg(long, default_value = "ngo")]
    requester_kind: RequesterKind,
    /// The requester's email address, if known.
    #[arg(long)]
    requester_email: Option<String>,
    /// The category of the cases the rows open.
    #[arg(long, default_value = "other")]
    category: CaseCategory,
    /// A mapping file for columns Corridor does not recognize: `Header = field_name` lines.
    #[arg(long = "map")]
    mapping: Option<PathBuf>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
    /// Where to write the refused rows and the rows to check (default: beside the first file).
    #[arg(long)]
    report: Option<PathBuf>,
    /// Inquiries per transaction.
    #[arg(long, default_value_t = 20_000)]
    batch_size: usize,
    #[command(flatten)]
    limits: LimitArgs,
    /// How the attachments of imported emails become documents (the same settings as
    /// `corridor serve`'s).
    #[command(flatten)]
    documents: crate::documents::DocumentArgs,
}

pub async fn run(args: ImportArgs) -> anyhow::Result<()> {
    let mapping = match &args.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the mapping file {}", path.display()))?;
            Some(Mapping::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?)
        }
        None => None,
    };
    let names: Vec<String> = args
        .files
        .iter()
        .map(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let source = args.source.clone().unwrap_or_else(|| names.join(", "));
    let requester = args.requester.clone().unwrap_or_else(|| source.clone());
    let mut opts = ImportOptions::new(Origin {
        requester: NewRequester {
            kind: args.requester_kind,
            name: requester,
            organization: None,
            email: args.requester_email.clone(),
            phone: None,
        },
        category: args.category,
        source: source.clone(),
    });
    opts.mapping = mapping;
    opts.limits = args.limits.limits();
    opts.batch_size = args.batch_size.max(1);
    opts.documents = args.documents.settings()?;
    let report = args
        .report
        .clone()
        .unwrap_or_else(|| default_report_path(&args.files[0]));

    let store = db::open(&args.db).await?;
    // Everyone on the list is matched against everyone already known, as at every channel.
    let matcher = Matcher::load(store.as_ref()).await?;
    let files = args.files.clone();
    let parse_opts = opts.clone();
    // Parsing is CPU work; it runs on a blocking thread while the runtime stays free.
    let (parsed, unreadable) = tokio::task::spawn_blocking(move || {
        let mut all = Parsed::default();
        // Files of which nothing could be read at all: the import then fails (exits
        // non-zero), so that a script or an operator cannot take it for a success.
        let mut unreadable = Vec::new();
        for f in &files {
            let parsed = parse_path(f, &parse_opts);
            if parsed.submissions.is_empty() && parsed.refusals.iter().any(|r| r.row.is_none()) {
                unreadable.push(f.display().to_string());
            }
            all.extend(parsed);
        }
        (all, unreadable)
    })
    .await?;

    let bar = if args.json {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(parsed.submissions.len() as u64);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:40} {pos}/{len} rows stored ({per_sec}, {eta} left)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    };
    let actor = Actor::system("import");
    let summary = store_parsed(store.as_ref(), &matcher, parsed, &opts, &actor, |done, _| {
        bar.set_position(done)
    })
    .await
    .context("storing the import failed; rows already committed stay stored, and running the same import again stores only the rest")?;
    bar.finish_and_clear();
    // The next server starts from the index as it is now rather than building it again.
    if let Err(e) = matcher.save_snapshot(store.as_ref(), &actor).await {
        tracing::warn!(error = %e, "the matching index's snapshot was not written");
    }

    let refusals: Vec<_> = summary
        .refusals
        .iter()
        .chain(&summary.document_refusals)
        .cloned()
        .collect();
    std::fs::write(&report, report_csv(&refusals, &summary.warnings))
        .with_context(|| format!("cannot write the report {}", report.display()))?;
    let report_str = report.display().to_string();
    if args.json {
        let out = serde_json::json!({
            "rows": summary.rows,
            "stored": summary.stored,
            "refused": summary.refused,
            "already_present": summary.already_present,
            "warned": summary.warned,
            "documents": summary.documents,
            "documents_refused": summary.document_refusals.len(),
            "report": report_str,
            "unreadable_files": unreadable,
        });
        println!("{out}");
    } else {
        println!(
            "{} rows: {} stored, {} refused, {} already present.",
            summary.rows, summary.stored, summary.refused, summary.already_present
        );
        for r in summary.refusals.iter().take(20) {
            println!("  refused: {r}");
        }
        if summary.refusals.len() > 20 {
            println!("  ... and {} more", summary.refusals.len() - 20);
        }
        if summary.documents > 0 || !summary.document_refusals.is_empty() {
            println!(
                "Attachments: {} stored as documents of their inquiries, {} refused.",
                summary.documents,
                summary.document_refusals.len()
            );
            for r in summary.document_refusals.iter().take(20) {
                println!("  refused: {r}");
            }
        }
        // The report file quotes each value to check; the console (often a shared terminal or a
        // captured log) does not: a phone or a date of birth is personal data.
        if summary.warned > 0 {
            println!("{} rows stored with a field to check.", summary.warned);
        }
        println!("Refused rows and rows to check are listed in {report_str}");
    }
    if !unreadable.is_empty() {
        anyhow::bail!(
            "{} of {} files could not be read at all ({}); the reasons are in {report_str}",
            unreadable.len(),
            args.files.len(),
            unreadable.join(", ")
        );
    }
    Ok(())
}

fn default_report_path(first: &Path) -> PathBuf {
    let stem = first
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    first
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(format!("{stem}.refused-{stamp}.csv"))
}

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Rows in the generated spreadsheet.
    #[arg(long, default_value_t = 100_000)]
    rows: usize,
    /// Seed of the synthetic generator.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Generate an XLSX workbook instead of a CSV file.
    #[arg(long)]
    xlsx: bool,
    /// Inquiries per transaction.
    #[arg(long, default_value_t = 20_000)]
    batch_size: usize,
    /// Measure on PostgreSQL instead of SQLite: a server URL on which the bench may create
    /// (and afterwards drop) two databases of its own.
    #[arg(long, value_name = "URL")]
    postgres: Option<String>,
}

/// The bench's two databases: SQLite files in its temporary directory, or fresh databases on
/// the PostgreSQL server given, dropped again at the end.
struct BenchDbs {
    dir: PathBuf,
    admin: Option<String>,
    made: Vec<String>,
}

impl BenchDbs {
    async fn open(
        &mut self,
        name: &str,
    ) -> anyhow::Result<std::sync::Arc<dyn corridor_store::Store>> {
        let Some(admin) = &self.admin else {
            return db::open_scratch(&self.dir.join(format!("{name}.db")).display().to_string())
                .await;
        };
        let database = format!("corridor_bench_{}_{name}", std::process::id());
        self.run(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
            .await?;
        self.run(&format!("CREATE DATABASE {database}")).await?;
        self.made.push(database.clone());
        db::open_scratch(&with_database(admin, &database)?).await
    }

    async fn run(&self, sql: &str) -> anyhow::Result<()> {
        use sqlx::Connection;
        let admin = self.admin.as_deref().unwrap_or_default();
        let mut conn = sqlx::PgConnection::connect(admin)
            .await
            .with_context(|| format!("cannot connect to {}", db::redact(admin)))?;
        sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        Ok(())
    }

    async fn drop_all(&self) -> anyhow::Result<()> {
        for database in &self.made {
            self.run(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
                .await?;
        }
        Ok(())
    }
}

/// The server URL with another database, credentials and parameters kept.
fn with_database(url: &str, database: &str) -> anyhow::Result<String> {
    let (scheme, rest) = url
        .split_once("://")
        .filter(|_| db::is_postgres(url))
        .context("--postgres takes a postgres:// URL")?;
    let (authority, tail) = rest.split_once('/').unwrap_or((rest, ""));
    Ok(match tail.split_once('?') {
        Some((_, query)) => format!("{scheme}://{authority}/{database}?{query}"),
        None => format!("{scheme}://{authority}/{database}"),
    })
}

/// Generates a spreadsheet of synthetic people, imports it into a fresh SQLite database in a
/// temporary directory (or a fresh PostgreSQL database), and prints the rate. Stored means
/// committed durably (SQLite synchronous=FULL).
pub async fn bench(args: BenchArgs) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir
        .path()
        .join(if args.xlsx { "bench.xlsx" } else { "bench.csv" });
    let t = Instant::now();
    if args.xlsx {
        write_xlsx(&file, args.seed, args.rows)?;
    } else {
        let mut w = csv::Writer::from_path(&file)?;
        w.write_record(corridor_scenario::SyntheticRecord::COLUMNS)?;
        for r in corridor_scenario::records(args.seed, args.rows) {
            w.write_record(r.values())?;
        }
        w.flush()?;
    }
    eprintln!(
        "generated {} rows ({} bytes) in {:.1}s",
        args.rows,
        std::fs::metadata(&file)?.len(),
        t.elapsed().as_secs_f64()
    );
    let mut dbs = BenchDbs {
        dir: dir.path().to_path_buf(),
        admin: args.postgres.clone(),
        made: Vec::new(),
    };
    let store = dbs.open("bench").await?;
    let mut opts = ImportOptions::new(Origin {
        requester: NewRequester {
            kind: RequesterKind::Ngo,
            name: "Benchmark coalition".into(),
            organization: None,
            email: None,
            phone: None,
        },
        category: CaseCategory::Evacuation,
        source: "bench".into(),
    });
    opts.batch_size = args.batch_size.max(1);
    let start = Instant::now();
    let parse_opts = opts.clone();
    let path = file.clone();
    let parsed = tokio::task::spawn_blocking(move || parse_path(&path, &parse_opts)).await?;
    let parse_secs = start.elapsed().as_secs_f64();

    // First the storage path alone, into a database of its own: what durability costs.
    let plain = dbs.open("plain").await?;
    // The copy and the grouping into batches are not storage: done before the clock starts.
    let plain_batches = batches(parsed.submissions.clone(), opts.batch_size);
    let plain_start = Instant::now();
    let mut plain_stored = 0;
    for batch in plain_batches {
        let recorded = plain
            .take_in(batch, "bench", &Actor::system("bench"))
            .await?;
        plain_stored += recorded.iter().filter(|r| !r.already_present).count();
    }
    let plain_secs = plain_start.elapsed().as_secs_f64();
    drop(plain);

    // Then the import as it runs for users: every person matched before being stored.
    let start = Instant::now();
    let matcher = Matcher::load(store.as_ref()).await?;
    let summary = store_parsed(
        store.as_ref(),
        &matcher,
        parsed,
        &opts,
        &Actor::system("bench"),
        |_, _| {},
    )
    .await?;
    let total = start.elapsed().as_secs_f64();
    drop(store);
    dbs.drop_all().await?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} rows: {} stored, {} refused, {} already present ({})",
        summary.rows,
        summary.stored,
        summary.refused,
        summary.already_present,
        if args.postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    )?;
    writeln!(
        out,
        "storage alone: {plain_stored} rows in {plain_secs:.2}s: {:.0} rows/s stored durably",
        plain_stored as f64 / plain_secs
    )?;
    writeln!(
        out,
        "import with matching: parse {parse_secs:.2}s, match and store {total:.2}s, \
         total {:.2}s: {:.0} rows/s stored durably",
        parse_secs + total,
        summary.stored as f64 / (parse_secs + total)
    )?;
    // The generator writes the mistakes real lists have; these are the rows it refused.
    let mut reasons: std::collections::BTreeMap<String, usize> = Default::default();
    for r in &summary.refusals {
        let key = format!(
            "{}: {}",
            r.column.as_deref().unwrap_or("-"),
            r.reason.split(" (").next().unwrap_or("")
        );
        let key = key.split('"').next().unwrap_or("").to_string();
        *reasons.entry(key).or_default() += 1;
    }
    for (reason, n) in reasons.iter().take(10) {
        writeln!(out, "  refused {n}: {reason}")?;
    }
    Ok(())
}

fn write_xlsx(path: &Path, seed: u64, rows: usize) -> anyhow::Result<()> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in corridor_scenario::SyntheticRecord::COLUMNS
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h)?;
    }
    for (r, rec) in corridor_scenario::records(seed, rows).enumerate() {
        for (c, v) in rec.values().iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *v)?;
            }
        }
    }
    book.save(path)?;
    Ok(())
}
