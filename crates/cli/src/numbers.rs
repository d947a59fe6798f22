//! `corridor number`: blocking a phone number that abuses the text channels (its messages are
//! kept but open nothing, and nothing is sent to it), unblocking it, and seeing where a number
//! stands. The number is never printed back or audited: only its keyed hash is stored.

use crate::{DbArg, db};

#[derive(clap::Subcommand)]
pub enum NumberCommand {
    /// Block a number (any format: +93 70 123 4567, 0093701234567 …).
    Block {
        #[command(flatten)]
        db: DbArg,
        number: String,
        /// Why, in a few words (kept and audited; do not name the person).
        #[arg(long)]
        reason: String,
    },
    /// Unblock a number.
    Unblock {
        #[command(flatten)]
        db: DbArg,
        number: String,
    },
    /// Whether a number is blocked and whether it opted out (STOP).
    Show {
        #[command(flatten)]
        db: DbArg,
        number: String,
    },
}

pub async fn run(command: NumberCommand) -> anyhow::Result<()> {
    let operator = corridor_store::Actor::system("cli");
    match command {
        NumberCommand::Block { db, number, reason } => {
            if reason.trim().is_empty() {
                anyhow::bail!("give a reason (--reason)");
            }
            let store = db::open(&db).await?;
            store
                .block_number(&number, reason.trim(), &operator)
                .await?;
            println!("Blocked.");
        }
        NumberCommand::Unblock { db, number } => {
            let store = db::open(&db).await?;
            if store.unblock_number(&number, &operator).await? {
                println!("Unblocked.");
            } else {
                println!("That number was not blocked.");
            }
        }
        NumberCommand::Show { db, number } => {
            let store = db::open(&db).await?;
            let (blocked, opted_out) = store.number_standing(&number).await?;
            println!(
                "blocked: {}\nopted out (STOP): {}",
                if blocked { "yes" } else { "no" },
                if opted_out { "yes" } else { "no" }
            );
        }
    }
    Ok(())
}
