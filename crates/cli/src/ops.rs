//! Operations on whole databases: backup, restore, and copying between backends.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail, ensure};
use corridor_store::transfer::TableCounts;
use corridor_store_sqlite::SqliteStore;

use crate::{DbArg, db};

#[derive(clap::Args)]
pub struct BackupArgs {
    /// The SQLite database to back up (it may be in use by a running server). The copy stays
    /// sealed under the same data key, which is not copied: keep the key's copy elsewhere.
    #[command(flatten)]
    db: DbArg,
    /// The backup file to write; it must not exist.
    #[arg(long)]
    to: PathBuf,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    /// The backup file, as written by `corridor backup`.
    #[arg(long)]
    from: PathBuf,
    /// The SQLite database to restore into. Stop every server using it first.
    #[command(flatten)]
    db: DbArg,
    /// Replace a database that holds data.
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args)]
pub struct CopyArgs {
    /// The database to copy from (stop its servers first, so nothing arrives mid-copy).
    #[arg(long)]
    from: String,
    /// The empty database to copy into, e.g. postgres://corridor@db-host/corridor.
    #[arg(long)]
    to: String,
    /// The data key of the source, which the copy stays sealed under. Default: beside a
    /// SQLite source (`<from>.data-key`), or `corridor-data.key`.
    #[arg(long, env = "CORRIDOR_DATA_KEY")]
    data_key: Option<PathBuf>,
}

fn sqlite_path(location: &str) -> anyhow::Result<PathBuf> {
    ensure!(
        !db::is_postgres(location),
        "this command is for SQLite files; for PostgreSQL use pg_dump and pg_restore (see the README)"
    );
    let path = location
        .strip_prefix("sqlite://")
        .or_else(|| location.strip_prefix("sqlite:"))
        .unwrap_or(location);
    Ok(PathBuf::from(path))
}

fn print_counts(counts: &TableCounts) {
    for (table, n) in counts {
        println!("  {table:<16} {n:>10}");
    }
}

pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    let path = sqlite_path(&args.db.db)?;
    ensure!(path.exists(), "{} does not exist", path.display());
    let store = SqliteStore::open(&args.db.db, &db::keys(&args.db))
        .await
        .with_context(|| format!("cannot open {}", path.display()))?;
    let counts = store
        .backup_to(&args.to)
        .await
        .with_context(|| format!("cannot write the backup {}", args.to.display()))?;
    store.close().await;
    let check = SqliteStore::check_file(&args.to)
        .await
        .context("cannot read the backup back")?;
    if !check.is_ok() || check.counts != counts {
        let _ = std::fs::rename(&args.to, args.to.with_extension("failed"));
        bail!(
            "the backup did not verify (integrity: {}; audit chain: {:?}; rows {}); it was renamed to *.failed",
            check.integrity,
            check.audit_chain,
            if check.counts == counts {
                "as in the database"
            } else {
                "differ from the database"
            }
        );
    }
    println!(
        "Backed up to {}: integrity ok, audit chain intact ({} events), rows per table as in the database:",
        args.to.display(),
        check.audit_chain.unwrap_or_default()
    );
    print_counts(&check.counts);
    Ok(())
}

pub async fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    let target = sqlite_path(&args.db.db)?;
    let check = SqliteStore::check_file(&args.from)
        .await
        .with_context(|| format!("cannot read the backup {}", args.from.display()))?;
    ensure!(
        check.is_ok(),
        "the backup {} is damaged (integrity: {}; audit chain: {:?}); nothing was changed",
        args.from.display(),
        check.integrity,
        check.audit_chain
    );
    if target.exists() && !args.force {
        let existing = SqliteStore::check_file(&target).await;
        let holds_data = match &existing {
            Ok(c) => c.counts.iter().any(|(_, n)| *n > 0),
            // Something that is not a readable Corridor database is not ours to replace.
            Err(_) => true,
        };
        ensure!(
            !holds_data,
            "{} holds data; add --force to replace it with the backup",
            target.display()
        );
    }
    // The key is checked before anything is replaced: a backup nobody can read must not take
    // the place of a database.
    corridor_store::crypto::Cipher::for_database(&db::keys(&args.db), &check.data_keys)
        .with_context(|| {
            format!(
                "the backup {} cannot be opened; nothing was changed",
                args.from.display()
            )
        })?;
    replace_file(&args.from, &target)?;
    // Opening brings a backup from an older version up to date.
    let store = SqliteStore::open(&args.db.db, &db::keys(&args.db)).await?;
    store.close().await;
    println!(
        "Restored {} from {}:",
        target.display(),
        args.from.display()
    );
    print_counts(&check.counts);
    Ok(())
}

/// Puts a copy of `from` at `to` in one rename, so that a crash leaves either the old database
/// or the new one, and removes the old database's WAL files, which belong to it alone.
fn replace_file(from: &Path, to: &Path) -> anyhow::Result<()> {
    let staging = to.with_extension("restoring");
    std::fs::copy(from, &staging)
        .with_context(|| format!("cannot copy the backup to {}", staging.display()))?;
    std::fs::File::open(&staging)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", to.display()));
        if side.exists() {
            std::fs::remove_file(&side)
                .with_context(|| format!("cannot remove {}", side.display()))?;
        }
    }
    std::fs::rename(&staging, to)
        .with_context(|| format!("cannot move the backup into place at {}", to.display()))?;
    Ok(())
}

pub async fn copy(args: CopyArgs) -> anyhow::Result<()> {
    // Sealed values are copied as they are, so the target opens with the source's keys.
    let source_arg = DbArg {
        db: args.from.clone(),
        data_key: args.data_key.clone(),
    };
    let keys = db::keys(&source_arg);
    let source = db::open(&source_arg).await?;
    let target = db::open_location(&args.to, &keys, &Default::default()).await?;
    let before = source.table_counts().await?;
    let copied = target
        .import_from(source.as_ref())
        .await
        .with_context(|| format!("cannot copy into {}", db::redact(&args.to)))?;
    let after = target.table_counts().await?;
    ensure!(
        copied == before && after == before,
        "the copy does not match the source (did something write to it meanwhile?): source {before:?}, copied {copied:?}, target {after:?}"
    );
    let source_events = source.verify_audit_chain().await?;
    match target.verify_audit_chain().await? {
        Ok(n) if source_events == Ok(n) => {
            println!(
                "Copied {} to {}: rows per table match, audit chain intact ({n} events):",
                db::redact(&args.from),
                db::redact(&args.to)
            );
            print_counts(&after);
            // The copy stays sealed under the source's key: without being told, an operator
            // finds out only when the server on the target refuses to start.
            let key = db::key_file(&source_arg);
            println!(
                "\nThe copy is sealed under the data key {}: every server of {} needs that \
                 file (keep its safe copy as before). Serve it with:\n  corridor serve --db {} --data-key {}",
                key.display(),
                db::redact(&args.to),
                shell_word(&db::redact(&args.to)),
                shell_word(&key.display().to_string()),
            );
            if db::redact(&args.to) != args.to {
                println!("  (with the database password in place of ***, or in CORRIDOR_DB)");
            }
            Ok(())
        }
        other => bail!("the copied audit trail does not verify: {other:?}"),
    }
}

/// A word as a POSIX shell reads it: as it is when it is plain, in single quotes otherwise.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:@%+=,".contains(&b));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
