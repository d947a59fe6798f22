//! `corridor sitrep`: the situation report from the terminal, the same figures as the web's
//! dashboard, as HTML (printable, self-contained), CSV or JSON.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use corridor_store::{Actor, AuditAction, NewAuditEvent};
use corridor_web::sitrep::{self, Audience};

#[derive(clap::Args)]
pub struct SitrepArgs {
    #[command(flatten)]
    db: crate::DbArg,
    /// One day (UTC), YYYY-MM-DD.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    date: Option<NaiveDate>,
    /// The first day of a period (YYYY-MM-DD); without --to, up to today.
    #[arg(long)]
    from: Option<NaiveDate>,
    /// The last day of a period. Without any date: the last 21 days.
    #[arg(long)]
    to: Option<NaiveDate>,
    /// html (a printable page), csv or json.
    #[arg(long, default_value = "html", value_parser = ["html", "csv", "json"])]
    format: String,
    /// Write here instead of to standard output.
    #[arg(long)]
    output: Option<PathBuf>,
    /// For sharing outside the task force: counts from 1 to below --threshold become "<N".
    #[arg(long)]
    external: bool,
    /// The small-count threshold of --external.
    #[arg(long, default_value_t = sitrep::DEFAULT_THRESHOLD, value_parser = clap::value_parser!(i64).range(1..))]
    threshold: i64,
}

pub async fn run(args: SitrepArgs) -> anyhow::Result<()> {
    let store = crate::db::open(&args.db).await?;
    let period = sitrep::period(args.date, args.from, args.to, 21, Utc::now())?;
    let audience = if args.external {
        Audience::External {
            threshold: args.threshold,
        }
    } else {
        Audience::Internal
    };
    let report = sitrep::report(store.as_ref(), &period).await?;
    let out = match args.format.as_str() {
        "csv" => sitrep::to_csv(&report, audience),
        "json" => serde_json::to_string_pretty(&sitrep::to_json(&report, audience))? + "\n",
        _ => sitrep::to_html(&report, audience),
    };
    store
        .audit(
            NewAuditEvent::new(
                AuditAction::SitrepViewed,
                "sitrep",
                0,
                format!(
                    "command {} {}..{} {}",
                    args.format,
                    period.from,
                    period.to,
                    if args.external {
                        "external"
                    } else {
                        "internal"
                    }
                ),
            ),
            &Actor::system("sitrep command"),
        )
        .await?;
    match &args.output {
        Some(path) => std::fs::write(path, out)
            .with_context(|| format!("could not write {}", path.display()))?,
        None => std::io::stdout().write_all(out.as_bytes())?,
    }
    Ok(())
}
