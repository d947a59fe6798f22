//! Partner organizations and signed referral files, from the terminal.

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use clap::Subcommand;
use corridor_domain::{OrgId, OrgKind};
use corridor_store::prelude::*;
use corridor_store::{Actor, NewOrg};

use crate::{DbArg, db};

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Add a partner organization (UN agency, NGO, government office) that cases are referred to.
    Add {
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        name: String,
        /// un_agency, ngo, government or other.
        #[arg(long, default_value = "ngo")]
        kind: OrgKind,
        /// Where the organization takes referrals by email.
        #[arg(long)]
        contact_email: Option<String>,
    },
    /// List partner organizations.
    List {
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(clap::Args, Clone)]
pub struct KeyArg {
    /// The referral signing key file. Default: beside the SQLite database
    /// (`<db>.referral-signing.key`), or `corridor-referral-signing.key` for PostgreSQL.
    #[arg(long, env = "CORRIDOR_REFERRAL_KEY")]
    pub referral_key: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum ReferralCommand {
    /// Write a referral's signed file, and the documents it shares beside it (in
    /// `<name>.files/<sha256>.<ext>`), for a partner not on Corridor. Audited.
    Export {
        /// The referral's number (7 or R-7).
        referral: String,
        /// The file to write; default `referral-R-<id>.json` in the current directory.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        key: KeyArg,
    },
    /// Check a signed referral file: prints what it carries, or fails naming why. The
    /// documents it shares are checked too, against the files beside it.
    Verify {
        /// The exported file (referral-R-<id>.json).
        file: PathBuf,
        /// The signer's public key (hex), as printed by `corridor referral public-key`.
        #[arg(long, conflicts_with = "referral_key")]
        public_key: Option<String>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        key: KeyArg,
    },
    /// Print the public key that checks this server's referral files, to give to partners.
    PublicKey {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        key: KeyArg,
    },
}

/// Where the signing key lives: given, or next to the database — never inside it.
pub fn key_path(db: &str, given: Option<PathBuf>) -> PathBuf {
    if let Some(p) = given {
        return p;
    }
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        return PathBuf::from("corridor-referral-signing.key");
    }
    let file = db
        .strip_prefix("sqlite://")
        .or_else(|| db.strip_prefix("sqlite:"))
        .unwrap_or(db);
    PathBuf::from(format!("{file}.referral-signing.key"))
}

fn operator() -> Actor {
    Actor::system("cli")
}

/// An organization by id or name.
pub async fn org_id(store: &dyn Store, org: &str) -> anyhow::Result<OrgId> {
    store
        .list_orgs()
        .await?
        .iter()
        .find(|o| o.id.0.to_string() == org || o.name.eq_ignore_ascii_case(org.trim()))
        .map(|o| o.id)
        .ok_or_else(|| {
            anyhow!("there is no partner organization {org:?} (see `corridor org list`)")
        })
}

pub async fn org(command: OrgCommand) -> anyhow::Result<()> {
    match command {
        OrgCommand::Add {
            db,
            name,
            kind,
            contact_email,
        } => {
            let store = db::open(&db).await?;
            let org = store
                .create_org(
                    NewOrg {
                        name,
                        kind,
                        contact_email,
                    },
                    &operator(),
                )
                .await?;
            println!("Added {} ({}), id {}.", org.name, org.kind.label(), org.id);
            Ok(())
        }
        OrgCommand::List { db } => {
            let store = db::open(&db).await?;
            for o in store.list_orgs().await? {
                println!(
                    "{:>5}  {:<40} {:<12} {}",
                    o.id,
                    o.name,
                    o.kind.as_str(),
                    o.contact_email.unwrap_or_default()
                );
            }
            Ok(())
        }
    }
}

fn public_key_of(path: &Path) -> anyhow::Result<String> {
    if !path.exists() {
        bail!(
            "there is no signing key at {} yet: it is made on the first export",
            path.display()
        );
    }
    let key = corridor_web::referral_file::load_or_create_key(path)?;
    Ok(corridor_web::referral_file::public_key_hex(&key))
}

/// Writes the signed file of referral `id` to `out` and its shared documents beside it;
/// returns how many documents were written.
async fn export(
    store: &dyn Store,
    id: corridor_domain::ReferralId,
    key_file: &Path,
    out: &Path,
) -> anyhow::Result<usize> {
    use corridor_store::documents::{DocumentId, DocumentRead, ScanState};
    use corridor_store::{AuditAction, NewAuditEvent, ReferralActor};
    use corridor_web::referral_file;

    let actor = operator();
    let r = store
        .get_referral(id, &ReferralActor::Staff, &actor)
        .await?
        .ok_or_else(|| anyhow!("there is no referral R-{id}"))?;
    let key = referral_file::load_or_create_key(key_file)?;
    let signed = referral_file::sign(&key, &referral_file::ReferralExport::of(&r, &actor.name));
    // The documents first: a file beside a signed file that names more than is there would
    // only fail its check.
    let files = referral_file::files_dir(out);
    if !r.snapshot.documents.is_empty() {
        std::fs::create_dir_all(&files).with_context(|| format!("creating {}", files.display()))?;
    }
    for d in &r.snapshot.documents {
        let found = store
            .get_document(DocumentId(d.id))
            .await?
            .ok_or_else(|| anyhow!("document {} of referral R-{id} was purged", d.id))?;
        if found.scan == ScanState::Infected {
            bail!(
                "document {} of referral R-{id} was found infected since: it is not written",
                d.id
            );
        }
        let bytes = store
            .read_document(found.id, DocumentRead::Download, &actor)
            .await?
            .ok_or_else(|| anyhow!("document {} of referral R-{id} was purged", d.id))?;
        if corridor_store::documents::sha256_hex(&bytes) != d.sha256 {
            bail!(
                "document {} no longer matches the hash its referral signed",
                d.id
            );
        }
        let path = files.join(referral_file::document_file_name(d));
        std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    let text = serde_json::to_string_pretty(&signed)?;
    std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
    store
        .audit(
            NewAuditEvent::new(
                AuditAction::ReferralExported,
                "referral",
                id.0,
                format!(
                    "signed file for {} with {} documents, from the command line",
                    r.org_name,
                    r.snapshot.documents.len()
                ),
            ),
            &actor,
        )
        .await?;
    Ok(r.snapshot.documents.len())
}

pub async fn referral(command: ReferralCommand) -> anyhow::Result<()> {
    match command {
        ReferralCommand::Export {
            referral,
            out,
            db,
            key,
        } => {
            let id: i64 = referral
                .trim()
                .trim_start_matches(['R', 'r', '-'])
                .parse()
                .map_err(|_| anyhow!("{referral:?} is not a referral number"))?;
            let out = out.unwrap_or_else(|| PathBuf::from(format!("referral-R-{id}.json")));
            let store = db::open(&db).await?;
            let key_file = key_path(&db.db, key.referral_key);
            let n = export(
                store.as_ref(),
                corridor_domain::ReferralId(id),
                &key_file,
                &out,
            )
            .await?;
            if n == 0 {
                println!("Wrote {}.", out.display());
            } else {
                println!(
                    "Wrote {} and {n} documents in {}.",
                    out.display(),
                    corridor_web::referral_file::files_dir(&out).display()
                );
            }
            Ok(())
        }
        ReferralCommand::Verify {
            file,
            public_key,
            db,
            key,
        } => {
            let public = match public_key {
                Some(hex) => hex,
                None => public_key_of(&key_path(&db.db, key.referral_key))?,
            };
            let public = corridor_web::referral_file::parse_public_key(&public)?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let export = corridor_web::referral_file::verify(&text, &public)?;
            println!(
                "Signature valid: referral R-{} to {}, {} people shared ({}), sent {} by {}, exported {} by {}.",
                export.referral_id,
                export.organization,
                export.shared.people.len(),
                export
                    .fields
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                export.sent_at.format("%Y-%m-%d %H:%M UTC"),
                export.sent_by,
                export.exported_at.format("%Y-%m-%d %H:%M UTC"),
                export.exported_by
            );
            if export.shared.documents.is_empty() {
                return Ok(());
            }
            let dir = corridor_web::referral_file::files_dir(&file);
            let problems = corridor_web::referral_file::check_files(&export, &dir);
            for d in &export.shared.documents {
                if !problems.iter().any(|p| problem_of(p) == d.id) {
                    println!(
                        "Document {} ({}, {}, {} bytes): {} matches.",
                        d.id,
                        d.kind,
                        d.content_type,
                        d.size,
                        corridor_web::referral_file::document_file_name(d)
                    );
                }
            }
            if !problems.is_empty() {
                for p in &problems {
                    eprintln!("{p}");
                }
                bail!(
                    "{} of the {} documents beside the file in {} do not match what was signed",
                    problems.len(),
                    export.shared.documents.len(),
                    dir.display()
                );
            }
            Ok(())
        }
        ReferralCommand::PublicKey { db, key } => {
            println!("{}", public_key_of(&key_path(&db.db, key.referral_key))?);
            Ok(())
        }
    }
}

fn problem_of(p: &corridor_web::referral_file::FileProblem) -> i64 {
    use corridor_web::referral_file::FileProblem::*;
    match p {
        Missing { id, .. } | Unreadable { id, .. } | Changed { id, .. } => *id,
    }
}

/// Demo partners: three organizations, a partner user for the first, and a few of the demo's
/// cases in progress referred to it (some past their respond-by time). Returns the partner's
/// sign-in to print with the others.
pub async fn demo_partners(
    store: &dyn Store,
    lead: &corridor_domain::User,
) -> anyhow::Result<(&'static str, corridor_domain::Role, String, String)> {
    use chrono::{Duration, Utc};
    use corridor_domain::{CaseStatus, Role, ShareField};
    use corridor_store::{CaseFilter, NewReferral, PageRequest};

    let actor = operator();
    let mut orgs = Vec::new();
    for (name, kind, email) in [
        (
            "UNHCR field office (demo)",
            OrgKind::UnAgency,
            "referrals@unhcr.example",
        ),
        (
            "IOM movement desk (demo)",
            OrgKind::UnAgency,
            "movements@iom.example",
        ),
        (
            "Safe Passage NGO (demo)",
            OrgKind::Ngo,
            "cases@safepassage.example",
        ),
    ] {
        orgs.push(
            store
                .create_org(
                    NewOrg {
                        name: name.into(),
                        kind,
                        contact_email: Some(email.into()),
                    },
                    &actor,
                )
                .await?,
        );
    }
    let password = crate::admin::generate_password();
    let hash = corridor_web::auth::hash_password(&corridor_domain::Password::parse(&password)?)?;
    let partner = store
        .create_partner_user(
            corridor_store::NewUser {
                username: corridor_domain::Username::parse("unhcr")?,
                display_name: corridor_domain::DisplayName::parse("UNHCR referral desk")?,
                role: Role::Partner,
                team_id: None,
                password_hash: hash,
            },
            orgs[0].id,
            &actor,
        )
        .await?;
    // Enrolled in the second factor like the staff accounts (see `demo`).
    let secret = corridor_web::totp::new_secret();
    store
        .set_totp(
            partner.id,
            Some(corridor_store::TotpState {
                secret: secret.clone(),
                confirmed: true,
            }),
            &actor,
        )
        .await?;
    let in_progress = store
        .list_cases(
            &CaseFilter {
                status: Some(CaseStatus::InProgress),
                ..Default::default()
            },
            PageRequest::first(12),
        )
        .await?;
    let by_lead = Actor::user(lead.id, &lead.username, None);
    for (i, case) in in_progress.items.iter().enumerate() {
        // Every third one is already past its respond-by time: the overdue list has work.
        let respond_by = if i % 3 == 0 {
            Utc::now() - Duration::days(1)
        } else {
            Utc::now() + Duration::days(5)
        };
        store
            .refer_cases(
                &[case.id],
                &NewReferral {
                    documents: Vec::new(),
                    scan_required: false,
                    org: orgs[i % 2].id,
                    people: None,
                    fields: vec![
                        ShareField::Names,
                        ShareField::Location,
                        ShareField::Category,
                    ],
                    message: None,
                    reason: "registration and protection assessment".into(),
                    respond_by,
                },
                &by_lead,
            )
            .await?;
    }
    Ok(("unhcr", Role::Partner, password, secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_lives_beside_the_database_never_inside_it() {
        assert_eq!(
            key_path("data/corridor.db", None),
            PathBuf::from("data/corridor.db.referral-signing.key")
        );
        assert_eq!(
            key_path("sqlite://x.db", None),
            PathBuf::from("x.db.referral-signing.key")
        );
        assert_eq!(
            key_path("postgres://u@h/db", None),
            PathBuf::from("corridor-referral-signing.key")
        );
        assert_eq!(
            key_path("x.db", Some("/etc/k".into())),
            PathBuf::from("/etc/k")
        );
    }
}
