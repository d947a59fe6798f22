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
    /// Check a signed referral file: prints what it carries, or fails naming why.
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

pub fn referral(command: ReferralCommand) -> anyhow::Result<()> {
    match command {
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
            Ok(())
        }
        ReferralCommand::PublicKey { db, key } => {
            println!("{}", public_key_of(&key_path(&db.db, key.referral_key))?);
            Ok(())
        }
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
