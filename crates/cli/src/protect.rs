//! Protection at rest from the terminal: the data key (status, rotation, emergency
//! destruction) and purging closed cases past their retention period.
//!
//! Rotation and purge are sensitive: they name an administrator, who proves it with a fresh
//! second-factor code, and they are audited under that name.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::{Context, anyhow, bail, ensure};
use clap::Subcommand;
use corridor_domain::Role;
use corridor_store::crypto::Keyring;
use corridor_store::protection::{reseal_all, retention_cutoff};
use corridor_store::{Actor, AuditAction, NewAuditEvent, Store};

use crate::{DbArg, db};

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Show the data keys the key file holds and how many values each seals.
    Status {
        #[command(flatten)]
        db: DbArg,
    },
    /// Re-encrypt everything under a new data key while servers keep running: the new key is
    /// added to the key file (servers pick it up within seconds), every sealed value is
    /// resealed batch by batch, then the old key is dropped from the file.
    Rotate {
        #[command(flatten)]
        db: DbArg,
        /// The administrator doing it (asked for a second-factor code).
        #[arg(long = "as")]
        admin: String,
        /// The code from the administrator's authenticator app; asked for when not given.
        #[arg(long)]
        code: Option<String>,
        /// Keep the old key in the file (to read backups made before the rotation).
        #[arg(long)]
        keep_old: bool,
    },
    /// Emergency destruction: overwrite and delete the data key file, so that this database,
    /// its WAL and every backup of it can no longer be read by anyone. There is no undo.
    Destroy {
        #[command(flatten)]
        db: DbArg,
        /// Required: the words "destroy all personal data".
        #[arg(long)]
        confirm: String,
    },
}

#[derive(clap::Args)]
pub struct PurgeArgs {
    #[command(flatten)]
    db: DbArg,
    /// Purge cases closed more than this many days ago.
    #[arg(long, env = "CORRIDOR_RETENTION_DAYS", default_value_t = 365)]
    older_than_days: u32,
    /// The administrator doing it (asked for a second-factor code).
    #[arg(long = "as")]
    admin: String,
    /// The code from the administrator's authenticator app; asked for when not given.
    #[arg(long)]
    code: Option<String>,
}

pub async fn keys(command: KeysCommand) -> anyhow::Result<()> {
    match command {
        KeysCommand::Status { db } => {
            let store = db::open(&db).await?;
            let cipher = store.cipher();
            println!("Key file: {}", db::key_file(&db).display());
            println!("Current data key: {}", cipher.current_key_id());
            println!("Keys held: {}", cipher.key_ids().join(", "));
            for c in store.sealed_counts().await? {
                println!("{:>10}  {}.{} under {}", c.values, c.table, c.column, c.key);
            }
            Ok(())
        }
        KeysCommand::Rotate {
            db,
            admin,
            code,
            keep_old,
        } => {
            let store = db::open(&db).await?;
            let actor = second_factor(store.as_ref(), &admin, code).await?;
            let path = db::key_file(&db);
            let mut ring = Keyring::read(&path)?;
            let old = ring.key_ids();
            let new = ring.add_key();
            ring.write(&path)?;
            ensure!(
                store.cipher().reload(),
                "the key file did not change on disk"
            );
            store.record_keys().await?;
            eprintln!("New data key {new}; servers pick it up within seconds. Resealing...");
            // Servers read the key file every couple of seconds; a value one of them seals under
            // the old key meanwhile is caught by the second pass.
            tokio::time::sleep(std::time::Duration::from_secs(3)).await;
            let mut total = 0;
            for _ in 0..2 {
                total += reseal_all(store.as_ref(), |field, n| {
                    let (t, c) = field.place();
                    eprint!("\r{t}.{c}: {n} resealed   ");
                })
                .await?;
            }
            eprintln!();
            let left: i64 = store
                .sealed_counts()
                .await?
                .iter()
                .filter(|c| c.key != new)
                .map(|c| c.values)
                .sum();
            ensure!(
                left == 0,
                "{left} values are still not under the new key; run the rotation again"
            );
            if !keep_old {
                let mut ring = Keyring::read(&path)?;
                ring.retire_old_keys();
                ring.write(&path)?;
                store.cipher().reload();
                store.record_keys().await?;
            }
            store
                .audit(
                    NewAuditEvent::new(
                        AuditAction::KeysRotated,
                        "system",
                        0,
                        format!(
                            "data key {} replaced {}; {total} values resealed{}",
                            new,
                            old.join(", "),
                            if keep_old { "; old keys kept" } else { "" }
                        ),
                    ),
                    &actor,
                )
                .await?;
            println!(
                "Rotated to data key {new}: {total} values resealed{}.",
                if keep_old {
                    "; the old keys stay in the key file"
                } else {
                    "; the old keys are gone from the key file (backups made before now need them)"
                }
            );
            Ok(())
        }
        KeysCommand::Destroy { db, confirm } => {
            ensure!(
                confirm == "destroy all personal data",
                "refused: --confirm must be exactly \"destroy all personal data\""
            );
            let path = db::key_file(&db);
            destroy_key_file(&path)?;
            println!(
                "The data key file {} is overwritten and deleted. Stop every server now (they hold \
                 the key in memory), and destroy every other copy of the key file: without it the \
                 database and its backups are unreadable.",
                path.display()
            );
            Ok(())
        }
    }
}

/// Overwrites the key file with random bytes, flushes, then deletes it. Flash storage may keep
/// old blocks, which is why the key file belongs on a volume that can itself be wiped.
fn destroy_key_file(path: &Path) -> anyhow::Result<()> {
    use rand::RngCore;
    let len = std::fs::metadata(path)
        .with_context(|| format!("there is no key file at {}", path.display()))?
        .len() as usize;
    let mut noise = vec![0u8; len.max(4096)];
    rand::thread_rng().fill_bytes(&mut noise);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open {} to overwrite it", path.display()))?;
    f.write_all(&noise)?;
    f.sync_all()?;
    drop(f);
    std::fs::remove_file(path)?;
    Ok(())
}

pub async fn purge(args: PurgeArgs) -> anyhow::Result<()> {
    let store = db::open(&args.db).await?;
    let actor = second_factor(store.as_ref(), &args.admin, args.code).await?;
    let cutoff = retention_cutoff(chrono::Utc::now(), args.older_than_days);
    let report = store.purge_closed_cases(cutoff, &actor).await?;
    println!(
        "Purged {} closed cases (closed before {}): {} inquiries, {} people's records, {} \
         requesters, {} documents, {} text messages of no request. Ids, dates, codes and the \
         audit trail are kept.",
        report.cases,
        cutoff.format("%Y-%m-%d"),
        report.inquiries,
        report.records,
        report.requesters,
        report.documents,
        report.messages
    );
    if report.cases > 0 || report.messages > 0 {
        println!(
            "Copies made before now still hold the purged data under the current data key: \
             rotate it (`corridor keys rotate`) to make them unreadable."
        );
    }
    Ok(())
}

/// The named administrator, once their second-factor code checks out (and cannot be used
/// again); the actor the action is audited under.
async fn second_factor(
    store: &dyn Store,
    username: &str,
    code: Option<String>,
) -> anyhow::Result<Actor> {
    let (user, _) = store
        .user_credentials(username)
        .await?
        .ok_or_else(|| anyhow!("there is no user {username:?}"))?;
    ensure!(user.active, "{username} is deactivated");
    ensure!(
        user.role == Role::Admin,
        "{username} is not an administrator"
    );
    let state = store
        .totp(user.id)
        .await?
        .filter(|s| s.confirmed)
        .ok_or_else(|| anyhow!("{username} has no second factor set up: sign in once first"))?;
    let code = match code {
        Some(c) => c,
        None => {
            eprint!("Code from {username}'s authenticator app: ");
            std::io::stderr().flush()?;
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line
        }
    };
    let step = corridor_web::totp::matching_step(
        &state.secret,
        code.trim(),
        corridor_web::totp::current_step(),
    );
    let accepted = match step {
        Some(step) => store.claim_totp_step(user.id, step).await?,
        None => false,
    };
    if !accepted {
        // A wrong code counts towards the same lockout as one typed at the sign-in page.
        let actor = Actor::user(user.id, &user.username, None);
        store
            .record_sign_in_failure(
                user.id,
                chrono::Utc::now(),
                5,
                chrono::Duration::minutes(15),
                &actor,
            )
            .await?;
        bail!("the code is wrong or was used already");
    }
    Ok(Actor::user(user.id, &user.username, None))
}
