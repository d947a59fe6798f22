//! Escalation of overdue cases, once from the terminal (for cron) or periodically inside
//! `corridor serve`, and users' email addresses for it.

use std::sync::Arc;
use std::time::Duration;

use anyhow::anyhow;
use chrono::Utc;
use clap::Args;
use corridor_store::Actor;
use corridor_store::prelude::*;

use crate::{DbArg, db};

#[derive(Args)]
pub struct EscalateArgs {
    #[command(flatten)]
    db: DbArg,
    /// Escalate what is overdue now and exit (the only mode: `serve` runs the periodic job).
    #[arg(long, required = true)]
    once: bool,
}

/// Runs one round and prints what was escalated: case ids and clocks only.
pub async fn escalate(args: EscalateArgs) -> anyhow::Result<()> {
    let _ = args.once;
    let store = db::open(&args.db).await?;
    let done = store.escalate_overdue(Utc::now()).await?;
    for e in &done {
        println!(
            "C-{} {} overdue since {} → user {}{}",
            e.case_id,
            e.kind.as_str(),
            e.due_at.format("%Y-%m-%d %H:%M"),
            e.notified_user,
            if e.emailed { " (emailed)" } else { "" }
        );
    }
    println!("{} deadline(s) escalated.", done.len());
    Ok(())
}

/// The periodic job of `corridor serve`. Every server may run it: the store escalates each
/// deadline exactly once however many run at the same moment.
pub async fn run(
    store: Arc<dyn Store>,
    every: Duration,
    stopped: impl std::future::Future<Output = ()>,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tokio::pin!(stopped);
    loop {
        tokio::select! {
            _ = &mut stopped => return,
            _ = tick.tick() => {
                match store.escalate_overdue(Utc::now()).await {
                    Ok(done) if !done.is_empty() => {
                        tracing::info!(escalated = done.len(), "overdue deadlines escalated");
                        corridor_web::observe::escalated(done.len() as u64);
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "escalation round failed"),
                }
            }
        }
    }
}

pub async fn set_email(
    db: &crate::DbArg,
    username: &str,
    email: Option<&str>,
) -> anyhow::Result<()> {
    let store = db::open(db).await?;
    let user = store
        .user_credentials(username)
        .await?
        .map(|(u, _)| u)
        .ok_or_else(|| anyhow!("there is no user {username:?}"))?;
    store
        .set_user_email(user.id, email, &Actor::system("cli"))
        .await?;
    match email {
        Some(_) => println!("Escalations for {} will be emailed too.", user.username),
        None => println!("{} gets escalations in the app only.", user.username),
    }
    Ok(())
}
