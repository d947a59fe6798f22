//! `corridor`: case coordination for crisis task forces.

mod admin;
mod cfgfile;
mod db;
mod demo;
mod documents;
mod households;
mod import;
mod link;
mod mailcfg;
mod numbers;
mod ops;
mod protect;
mod referrals;
mod sealer;
mod search;
mod sitrep;
mod startup;
mod textcfg;
mod workflow;

use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "corridor",
    version,
    about = "Case coordination for crisis task forces"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct DbArg {
    /// The database: a SQLite file path or sqlite:// URL, or a postgres:// URL.
    #[arg(long, env = "CORRIDOR_DB", default_value = "corridor.db")]
    db: String,
    /// The data key file that seals personal data in the database; made on first use. Default:
    /// beside a SQLite database (`<db>.data-key`), or `corridor-data.key` for PostgreSQL. Keep
    /// it, and its one safe copy, away from the database and its backups.
    #[arg(long, env = "CORRIDOR_DATA_KEY")]
    data_key: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
// Parsed once per run, so the size of its largest variant (serve's options) costs nothing.
#[allow(clippy::large_enum_variant)]
enum Command {
    /// Start the web UI and the API.
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// Address to listen on.
        #[arg(long, env = "CORRIDOR_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Fill an empty database with the synthetic demo surge first, and print demo sign-ins.
        #[arg(long)]
        demo: bool,
        /// Mark cookies Secure (sent over HTTPS only). On by itself whenever --addr is not a
        /// loopback address: Corridor is then meant to sit behind a TLS-terminating proxy.
        #[arg(long, env = "CORRIDOR_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Take client addresses (for the audit trail and rate limits) from the last
        /// X-Forwarded-For entry. Only behind a reverse proxy that sets it.
        #[arg(long, env = "CORRIDOR_TRUST_FORWARDED_FOR")]
        trust_forwarded_for: bool,
        /// Minutes after which an unused session ends.
        #[arg(long, env = "CORRIDOR_SESSION_IDLE_MINUTES", default_value_t = 30)]
        session_idle_minutes: i64,
        /// Hours after which a session ends however busy it is.
        #[arg(long, env = "CORRIDOR_SESSION_HOURS", default_value_t = 12)]
        session_hours: i64,
        /// Failed sign-ins (passwords or codes) in a row that lock an account.
        #[arg(long, env = "CORRIDOR_LOCKOUT_AFTER", default_value_t = 5)]
        lockout_after: u32,
        /// Minutes a locked account stays locked.
        #[arg(long, env = "CORRIDOR_LOCKOUT_MINUTES", default_value_t = 15)]
        lockout_minutes: i64,
        #[command(flatten)]
        mail: mailcfg::MailArgs,
        #[command(flatten)]
        texts: textcfg::TextArgs,
        #[command(flatten)]
        limits: import::LimitArgs,
        #[command(flatten)]
        documents: documents::DocumentArgs,
        /// PostgreSQL: connections this server keeps at most. With several servers on one
        /// database, keep their sum below the database's max_connections.
        #[arg(long, env = "CORRIDOR_DB_POOL_SIZE", default_value_t = 10)]
        db_pool_size: u32,
        /// PostgreSQL: seconds after which a statement is cancelled (waiting for the write
        /// lock included).
        #[arg(long, env = "CORRIDOR_DB_STATEMENT_TIMEOUT", default_value_t = 30)]
        db_statement_timeout: u64,
        /// Seconds between looks for overdue cases to escalate; 0 turns the job off (run
        /// `corridor escalate --once` from cron instead).
        #[arg(long, env = "CORRIDOR_ESCALATE_EVERY", default_value_t = 300)]
        escalate_every: u64,
        /// Seconds between writes of the matching index's snapshot (sealed, in the database),
        /// which the next server to start reads instead of building the index from every
        /// record; it is also written at start when the index had to be built, and at the
        /// stop. 0 writes it only then.
        #[arg(long, env = "CORRIDOR_INDEX_SNAPSHOT_EVERY", default_value_t = 1800)]
        index_snapshot_every: u64,
        /// Where Corridor is reached, for links in escalation emails and the status address
        /// printed on desk receipts (e.g. https://corridor.example.org).
        #[arg(long, env = "CORRIDOR_PUBLIC_URL")]
        public_url: Option<String>,
        /// On Ctrl-C or SIGTERM, seconds to let requests in flight finish before stopping.
        #[arg(long, env = "CORRIDOR_SHUTDOWN_GRACE", default_value_t = 30)]
        shutdown_grace: u64,
        #[command(flatten)]
        referral_key: referrals::KeyArg,
        /// Seconds a connection may take to send a request's headers, counted from when it
        /// opened or from its previous answer; also how long an idle connection stays open.
        #[arg(long, env = "CORRIDOR_HEADER_TIMEOUT", default_value_t = 75)]
        header_timeout: u64,
        /// Seconds a request may take (its body and the answer) before it is answered 503.
        #[arg(long, env = "CORRIDOR_REQUEST_TIMEOUT", default_value_t = 60)]
        request_timeout: u64,
        /// The same for spreadsheet uploads.
        #[arg(long, env = "CORRIDOR_UPLOAD_TIMEOUT", default_value_t = 600)]
        upload_timeout: u64,
        /// Connections served at once; more wait in the kernel's queue. Keep it well below
        /// the process's file descriptor limit (`ulimit -n`).
        #[arg(long, env = "CORRIDOR_MAX_CONNECTIONS", default_value_t = 512)]
        max_connections: usize,
        /// Serve Prometheus metrics at /metrics to callers presenting this bearer token. Give it
        /// in the environment rather than on the command line, where `ps` shows it.
        #[arg(long, env = "CORRIDOR_METRICS_TOKEN", hide_env_values = true)]
        metrics_token: Option<String>,
    },
    /// Measure how cases match families: the demo surge stored at each batch size into a
    /// fresh database, against the generator's ground truth (bench/matching).
    #[command(hide = true)]
    HouseholdsBench {
        #[arg(long, default_value_t = 2021)]
        seed: u64,
        #[command(flatten)]
        size: demo::DemoSize,
        /// Inquiries per intake batch; one line per size.
        #[arg(long, value_delimiter = ',', default_value = "250,1000")]
        batches: Vec<usize>,
        /// Also sort the households split over cases into causes, printing this many.
        #[arg(long)]
        diagnose: Option<usize>,
    },
    /// Measure a server's start over 100,000 and 1,000,000 person records: time to answer
    /// and memory, building the matching index and reading its snapshot (docs/benchmarks.md).
    #[command(hide = true)]
    StartupBench(startup::StartupBenchArgs),
    /// Measure documents through the API: upload and download throughput, peak memory and
    /// database growth (docs/benchmarks.md).
    #[command(hide = true)]
    DocumentsBench {
        #[arg(long, default_value_t = 1000)]
        count: usize,
        #[arg(long, default_value_t = 2)]
        size_mb: usize,
    },
    /// Measure the database's own single-row durable commit rate, with the settings the store
    /// commits with (bench/load prints intake throughput beside it). Prints commits/s.
    #[command(hide = true)]
    CommitBench {
        /// A SQLite path (a scratch file beside it is used) or a postgres:// URL (a scratch
        /// table in that database).
        #[arg(long)]
        db: String,
        #[arg(long, default_value_t = 5)]
        seconds: u64,
    },
    /// Fill a database with the synthetic demo surge and print demo sign-ins.
    Demo {
        #[command(flatten)]
        db: DbArg,
        /// Seed of the generator: the same seed gives the same scenario.
        #[arg(long, default_value_t = 2021)]
        seed: u64,
        #[command(flatten)]
        size: demo::DemoSize,
    },
    /// Bring the database schema up to date (also done by every other command).
    Migrate {
        #[command(flatten)]
        db: DbArg,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        command: admin::UserCommand,
    },
    /// Manage teams.
    Team {
        #[command(subcommand)]
        command: admin::TeamCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: admin::TokenCommand,
    },
    /// Find the same people across lists: deduplicate one CSV or link two. No database needed.
    Link(link::LinkArgs),
    /// Take in spreadsheets (CSV, XLSX), emails (.eml) and mailboxes (.mbox): every good row or
    /// message stored as an inquiry, every bad one refused with its row, column and reason.
    Import(import::ImportArgs),
    /// Generate a spreadsheet of synthetic people, import it into a fresh database, print rows/s.
    BenchImport(import::BenchArgs),
    /// Back up a SQLite database while it is in use, and verify the backup.
    Backup(ops::BackupArgs),
    /// Restore a SQLite database from a backup (stop the servers first).
    Restore(ops::RestoreArgs),
    /// Copy everything from one database to another, empty one (e.g. SQLite to PostgreSQL),
    /// then verify the counts per table and the audit chain.
    Copy(ops::CopyArgs),
    /// Escalate overdue cases to their team leads (in the app, and by email where the lead has
    /// an address), each deadline once.
    Escalate(workflow::EscalateArgs),
    /// Block or unblock a phone number on the text channels (SMS, WhatsApp).
    Number {
        #[command(subcommand)]
        command: numbers::NumberCommand,
    },
    /// Manage partner organizations that cases are referred to.
    Org {
        #[command(subcommand)]
        command: referrals::OrgCommand,
    },
    /// Signed referral files for partners not on Corridor: export one with its documents,
    /// verify one, print the public key.
    Referral {
        #[command(subcommand)]
        command: referrals::ReferralCommand,
    },
    /// Find anyone: people (any spelling, either script), phones, documents, emails, request
    /// references and case numbers, as an administrator sees them. Audited.
    Search(search::SearchArgs),
    /// The situation report for a day or a period, as HTML, CSV or JSON (the dashboard's figures).
    Sitrep(sitrep::SitrepArgs),
    /// The data key that seals personal data: status, rotation, emergency destruction.
    Keys {
        #[command(subcommand)]
        command: protect::KeysCommand,
    },
    /// Destroy the personal data of cases closed longer ago than the retention period.
    Purge(protect::PurgeArgs),
    /// Check the audit trail's hash chain; exits non-zero naming the first bad event.
    Audit {
        #[command(subcommand)]
        command: admin::AuditCommand,
    },
}

/// Seals what an older version left in clear, at the first start after an upgrade.
async fn seal_leftovers(store: &dyn corridor_store::Store) -> anyhow::Result<()> {
    let n = corridor_store::protection::seal_leftovers(store).await?;
    if n > 0 {
        eprintln!("Sealed {n} values of personal data that an older version had left in clear.");
    }
    let n = store.index_requester_contacts().await?;
    if n > 0 {
        eprintln!(
            "Made the phones and emails of {n} requesters and people's records findable by \
             search and by incoming texts."
        );
    }
    let n = store.coarsen_places().await?;
    if n > 0 {
        eprintln!(
            "Kept only the place name (city, province or crossing) of {n} records whose location an older version had kept in clear as typed."
        );
    }
    Ok(())
}

fn init_tracing() {
    // Logs carry ids, codes and timings, never personal data (see the README's privacy notes).
    let filter = tracing_subscriber::EnvFilter::try_from_env("CORRIDOR_LOG")
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into());
    // Colours only on a terminal: a log collector would keep the escape codes, and searching
    // the logs for `request_id=...` would miss them.
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

// Matching allocates many small strings from several threads: with mimalloc `corridor link`
// spends about a fifth less CPU than with the system allocator (see bench/matching).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    init_tracing();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            db,
            addr,
            demo,
            secure_cookies,
            trust_forwarded_for,
            session_idle_minutes,
            session_hours,
            lockout_after,
            lockout_minutes,
            mail,
            texts,
            limits,
            documents,
            db_pool_size,
            db_statement_timeout,
            shutdown_grace,
            escalate_every,
            index_snapshot_every,
            public_url,
            referral_key,
            header_timeout,
            request_timeout,
            upload_timeout,
            max_connections,
            metrics_token,
        } => {
            let (imap, mut smtp) = mail.configs(limits.limits(), documents.settings()?)?;
            if let Some((_, sender)) = smtp.as_mut() {
                sender.link_base = public_url.clone();
            }
            let settings = corridor_store_postgres::PgSettings {
                max_connections: db_pool_size,
                statement_timeout: Duration::from_secs(db_statement_timeout),
                ..Default::default()
            };
            // Opened with the demo's door to history; the server itself gets the plain store.
            let opened = db::open_for_demo(&db, &settings).await?;
            seal_leftovers(opened.as_ref()).await?;
            if demo {
                demo::fill_if_empty(opened.as_ref(), 2021, demo::DemoSize::default()).await?;
            }
            let store: std::sync::Arc<dyn corridor_store::Store> = opened;
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("cannot listen on {addr}"))?;
            let local = listener.local_addr()?;
            let texts = texts.configs(local)?;
            let shutdown = shutdown_signal()?;
            println!(
                "Corridor is serving {} on http://{local}/",
                db::redact(&db.db)
            );
            let config = corridor_web::AppConfig {
                secure_cookies: secure_cookies || !addr.ip().is_loopback(),
                trust_forwarded_for,
                idle_minutes: session_idle_minutes.max(1),
                session_hours: session_hours.max(1),
                max_sign_in_failures: lockout_after.max(1),
                lockout_minutes: lockout_minutes.max(1),
                limits: limits.limits(),
                referral_key: Some(referrals::key_path(&db.db, referral_key.referral_key)),
                header_timeout: Duration::from_secs(header_timeout.max(1)),
                request_timeout: Duration::from_secs(request_timeout.max(1)),
                upload_timeout: Duration::from_secs(upload_timeout.max(1)),
                max_connections: max_connections.max(1),
                metrics_token: metrics_token.filter(|t| !t.trim().is_empty()),
                public_url: public_url.filter(|u| !u.trim().is_empty()),
                documents: documents.limits(),
                clamd: documents.clamd()?,
                sms: texts.sms,
                whatsapp: texts.whatsapp,
                ..Default::default()
            };
            // Background work stops with the server: a watch channel tells the tasks.
            let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
            let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
                let _ = rx.wait_for(|s| *s).await;
            };
            let matcher = corridor_web::load_matcher(store.as_ref()).await?;
            let mut tasks = vec![tokio::spawn(sealer::run(
                store.clone(),
                stopped(stop_rx.clone()),
            ))];
            if let Some(imap) = imap {
                // Logged, not printed: stdout carries only the address line (scripts read it).
                tracing::info!(mailbox = %imap.mailbox, host = %imap.host, port = imap.port, "polling IMAP");
                tasks.push(tokio::spawn(corridor_intake::mailbox::run(
                    store.clone(),
                    matcher.clone(),
                    imap,
                    stopped(stop_rx.clone()),
                )));
            }
            tasks.push(tokio::spawn(corridor_intake::matcher::keep_snapshot(
                store.clone(),
                matcher.clone(),
                (index_snapshot_every > 0).then(|| Duration::from_secs(index_snapshot_every)),
                stopped(stop_rx.clone()),
            )));
            if escalate_every > 0 {
                tasks.push(tokio::spawn(workflow::run(
                    store.clone(),
                    Duration::from_secs(escalate_every),
                    stopped(stop_rx.clone()),
                )));
            }
            if config.clamd.is_some() {
                // Documents stored while clamd was unreachable are scanned when it is back.
                let state =
                    corridor_web::AppState::new(store.clone(), config.clone(), matcher.clone());
                tasks.push(tokio::spawn(corridor_web::documents::rescan(
                    state,
                    stopped(stop_rx.clone()),
                )));
            }
            if let Some((smtp, sender)) = smtp {
                tracing::info!(host = %smtp.host, port = smtp.port, "sending acknowledgements over SMTP");
                tasks.push(tokio::spawn(corridor_intake::sender::run(
                    store.clone(),
                    smtp,
                    sender,
                    stopped(stop_rx.clone()),
                )));
            }
            for (gateway, sender) in texts.senders {
                tracing::info!(channel = %gateway.channel(), "sending text messages");
                tasks.push(tokio::spawn(corridor_intake::texts::run(
                    store.clone(),
                    gateway,
                    sender,
                    stopped(stop_rx.clone()),
                )));
            }
            // The server stops taking connections at the signal and finishes the requests in
            // flight; the grace period bounds how long a stuck request can delay the stop.
            let (stopping, stopped) = tokio::sync::oneshot::channel();
            let signal = async move {
                shutdown.await;
                let _ = stopping.send(());
            };
            let server = corridor_web::serve(listener, store.clone(), matcher, config, signal);
            tokio::select! {
                served = server => served?,
                _ = async {
                    if stopped.await.is_ok() {
                        tokio::time::sleep(Duration::from_secs(shutdown_grace)).await;
                    } else {
                        std::future::pending::<()>().await;
                    }
                } => {
                    tracing::warn!(grace_seconds = shutdown_grace, "requests still running after the grace period; stopping anyway");
                }
            }
            let _ = stop_tx.send(true);
            for t in tasks {
                let _ = t.await;
            }
            // Whoever started us may have stopped reading: that is no reason to fail the stop.
            let _ = writeln!(std::io::stdout(), "Corridor stopped.");
            Ok(())
        }
        Command::HouseholdsBench {
            seed,
            size,
            batches,
            diagnose,
        } => households::bench(seed, size.households, size.inquiries, &batches, diagnose).await,
        Command::DocumentsBench { count, size_mb } => documents::bench(count, size_mb).await,
        Command::StartupBench(args) => startup::run(args).await,
        Command::CommitBench { db, seconds } => {
            let time = std::time::Duration::from_secs(seconds.max(1));
            let commits = if db::is_postgres(&db) {
                corridor_store_postgres::commit_rate(&db, time).await?
            } else {
                corridor_store_sqlite::commit_rate(&db, time).await?
            };
            println!("{:.0}", commits as f64 / time.as_secs_f64());
            Ok(())
        }
        Command::Demo { db, seed, size } => {
            let store = db::open_for_demo(&db, &db::command_settings()).await?;
            demo::fill_if_empty(store.as_ref(), seed, size).await
        }
        Command::Migrate { db } => {
            let store = db::open(&db).await?;
            seal_leftovers(store.as_ref()).await?;
            println!(
                "{} is up to date ({}).",
                db::redact(&db.db),
                store.backend()
            );
            Ok(())
        }
        Command::User { command } => admin::user(command).await,
        Command::Team { command } => admin::team(command).await,
        Command::Token { command } => admin::token(command).await,
        Command::Audit { command } => admin::audit(command).await,
        Command::Keys { command } => protect::keys(command).await,
        Command::Purge(args) => protect::purge(args).await,
        Command::Escalate(args) => workflow::escalate(args).await,
        Command::Number { command } => numbers::run(command).await,
        Command::Org { command } => referrals::org(command).await,
        Command::Referral { command } => referrals::referral(command).await,
        Command::Sitrep(args) => sitrep::run(args).await,
        Command::Search(args) => search::run(args).await,
        Command::Import(args) => import::run(args).await,
        Command::BenchImport(args) => import::bench(args).await,
        Command::Backup(args) => ops::backup(args).await,
        Command::Restore(args) => ops::restore(args).await,
        Command::Copy(args) => ops::copy(args).await,
        // Matching is CPU-bound and synchronous; it runs on a blocking thread.
        Command::Link(args) => tokio::task::spawn_blocking(move || link::run(args)).await?,
    }
}

/// Installs the stop handlers now, so that a stop requested as soon as the address is printed
/// (scripts and supervisors read that line) is graceful rather than fatal, and returns what
/// completes at the first SIGTERM or Ctrl-C.
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).context("cannot handle SIGTERM")?;
        let mut interrupt = signal(SignalKind::interrupt()).context("cannot handle Ctrl-C")?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {},
                _ = interrupt.recv() => {},
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}
