//! Users, teams, API tokens and the audit check, from the terminal.

use std::io::BufRead;

use anyhow::{Context, anyhow, bail};
use chrono::{Duration, Utc};
use clap::Subcommand;
use corridor_domain::{CaseCategory, DisplayName, Password, Role, TeamId, Username};
use corridor_store::prelude::*;
use corridor_store::{Actor, CaseFilter, NewApiToken, NewTeam, NewUser, PageRequest, TokenScope};

use crate::{DbArg, db};

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a user. Without --password-stdin a strong password is generated and printed once.
    Add {
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        username: String,
        /// The name shown on pages.
        #[arg(long)]
        name: String,
        /// admin, lead, case_officer, intake_clerk, partner or auditor.
        #[arg(long, default_value = "admin")]
        role: Role,
        /// The team's id or name.
        #[arg(long)]
        team: Option<String>,
        /// For --role partner (required there): the partner organization's id or name.
        #[arg(long)]
        org: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// Where escalations to this user (as a team lead) are emailed.
        #[arg(long)]
        email: Option<String>,
    },
    /// Set (or with no --email, clear) the address a user's escalations are emailed to.
    SetEmail {
        #[command(flatten)]
        db: DbArg,
        username: String,
        #[arg(long)]
        email: Option<String>,
    },
    /// List users.
    List {
        #[command(flatten)]
        db: DbArg,
    },
    /// Deactivate a user: they can no longer sign in or be given cases, and their open cases
    /// show under "Needs an owner" until a lead hands them out.
    Deactivate {
        #[command(flatten)]
        db: DbArg,
        username: String,
    },
    /// Let a deactivated user sign in again.
    Reactivate {
        #[command(flatten)]
        db: DbArg,
        username: String,
    },
    /// Remove a user's second factor (a lost phone): they are signed out everywhere and set
    /// up a new one at their next sign-in. Check who is asking before you do this.
    #[command(name = "reset-2fa")]
    Reset2fa {
        #[command(flatten)]
        db: DbArg,
        username: String,
    },
    /// Change a user's role; they are signed out everywhere.
    Role {
        #[command(flatten)]
        db: DbArg,
        username: String,
        /// admin, lead, case_officer, intake_clerk, partner or auditor.
        role: Role,
    },
    /// Set a new password (generated and printed once, or read from standard input); the user
    /// is signed out everywhere and a lockout is lifted.
    Password {
        #[command(flatten)]
        db: DbArg,
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Create a team. New cases of its categories are routed to its lead.
    Add {
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        name: String,
        /// Comma-separated categories (evacuation, border_crossing, visa, refugee_referral,
        /// medical, protection, other); none makes it the catch-all team.
        #[arg(long, value_delimiter = ',')]
        categories: Vec<CaseCategory>,
        /// The lead's username.
        #[arg(long)]
        lead: Option<String>,
    },
    /// Set a team's lead.
    Lead {
        #[command(flatten)]
        db: DbArg,
        /// The team's id or name.
        #[arg(long)]
        team: String,
        /// The lead's username.
        #[arg(long)]
        lead: String,
    },
    /// List teams.
    List {
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user; the token is printed once and stored only as a hash.
    Create {
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        user: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        name: String,
        /// Days until it expires; 0 for never.
        #[arg(long, default_value_t = 90)]
        expires_days: i64,
        /// Comma-separated: read, write, intake (intake = may only submit inquiries).
        #[arg(long, value_delimiter = ',', default_value = "read,write", value_parser = parse_scope)]
        scope: Vec<TokenScope>,
    },
    /// List API tokens (never the tokens themselves).
    List {
        #[command(flatten)]
        db: DbArg,
        /// Only this user's.
        #[arg(long)]
        user: Option<String>,
    },
    /// Revoke a token for good.
    Revoke {
        #[command(flatten)]
        db: DbArg,
        /// The token's id, from `corridor token list`.
        id: i64,
    },
}

fn parse_scope(s: &str) -> Result<TokenScope, String> {
    TokenScope::parse(s).ok_or_else(|| format!("{s:?} is not a scope; use read, write or intake"))
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Recompute the audit trail's hash chain: say how far the seal lagged (events appended but
    /// not yet chained), seal them, and check every sealed event.
    Verify {
        #[command(flatten)]
        db: DbArg,
    },
}

fn operator() -> Actor {
    Actor::system("cli")
}

async fn team_id(store: &dyn Store, team: &str) -> anyhow::Result<TeamId> {
    let teams = store.list_teams().await?;
    teams
        .iter()
        .find(|t| t.id.0.to_string() == team || t.name.eq_ignore_ascii_case(team))
        .map(|t| t.id)
        .ok_or_else(|| anyhow!("there is no team {team:?}"))
}

async fn user_id(store: &dyn Store, username: &str) -> anyhow::Result<corridor_domain::UserId> {
    store
        .user_credentials(username)
        .await?
        .map(|(u, _)| u.id)
        .ok_or_else(|| anyhow!("there is no user {username:?}"))
}

/// A generated password: 20 characters from an alphabet without look-alikes.
pub fn generate_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..20)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

pub async fn create_user(
    store: &dyn Store,
    username: &str,
    name: &str,
    role: Role,
    team: Option<TeamId>,
    password: &str,
) -> anyhow::Result<corridor_domain::User> {
    let password = Password::parse(password)?;
    let hash = corridor_web::auth::hash_password(&password)?;
    Ok(store
        .create_user(
            NewUser {
                username: Username::parse(username)?,
                display_name: DisplayName::parse(name)?,
                role,
                team_id: team,
                password_hash: hash,
            },
            &operator(),
        )
        .await?)
}

pub async fn user(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::SetEmail {
            db,
            username,
            email,
        } => crate::workflow::set_email(&db, &username, email.as_deref()).await,
        UserCommand::Add {
            db,
            username,
            name,
            role,
            team,
            org,
            password_stdin,
            email,
        } => {
            // Checked before the user exists, so a bad address leaves nothing half-made.
            let email = corridor_store::workflow::check_email(email.as_deref())?;
            let store = db::open(&db).await?;
            let org = match (role, org) {
                (Role::Partner, Some(o)) => {
                    Some(crate::referrals::org_id(store.as_ref(), &o).await?)
                }
                (Role::Partner, None) => {
                    bail!("a partner user belongs to an organization: give --org NAME")
                }
                (_, Some(_)) => bail!("--org is only for --role partner"),
                (_, None) => None,
            };
            let team = match team {
                Some(t) => Some(team_id(store.as_ref(), &t).await?),
                None => None,
            };
            let (password, generated) = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .context("reading the password from standard input")?;
                (line.trim_end_matches(['\r', '\n']).to_string(), false)
            } else {
                (generate_password(), true)
            };
            let user = match org {
                Some(org) => {
                    let hash = corridor_web::auth::hash_password(&Password::parse(&password)?)?;
                    store
                        .create_partner_user(
                            NewUser {
                                username: Username::parse(&username)?,
                                display_name: DisplayName::parse(&name)?,
                                role,
                                team_id: team,
                                password_hash: hash,
                            },
                            org,
                            &operator(),
                        )
                        .await?
                }
                None => {
                    create_user(store.as_ref(), &username, &name, role, team, &password).await?
                }
            };
            if let Some(email) = &email {
                store
                    .set_user_email(user.id, Some(email), &operator())
                    .await?;
            }
            println!(
                "Created user {} ({}), id {}.",
                user.username,
                role.label(),
                user.id
            );
            if generated {
                println!("Password (shown once): {password}");
            }
            Ok(())
        }
        UserCommand::List { db } => {
            let store = db::open(&db).await?;
            for u in store.list_users().await? {
                println!(
                    "{:>5}  {:<20} {:<18} {}{}",
                    u.id,
                    u.username,
                    u.role.as_str(),
                    u.display_name,
                    if u.active { "" } else { " (inactive)" }
                );
            }
            Ok(())
        }
        UserCommand::Deactivate { db, username } => {
            let store = db::open(&db).await?;
            let id = user_id(store.as_ref(), &username).await?;
            let user = store.set_user_active(id, false, &operator()).await?;
            let open = store
                .list_cases(
                    &CaseFilter {
                        owner: Some(id),
                        open_only: true,
                        ..Default::default()
                    },
                    PageRequest::first(1),
                )
                .await?
                .total;
            println!(
                "Deactivated {}. {open} open cases they own now show under \"Needs an owner\" (/cases/unowned).",
                user.username
            );
            Ok(())
        }
        UserCommand::Reactivate { db, username } => {
            let store = db::open(&db).await?;
            let id = user_id(store.as_ref(), &username).await?;
            let user = store.set_user_active(id, true, &operator()).await?;
            println!("Reactivated {}.", user.username);
            Ok(())
        }
        UserCommand::Reset2fa { db, username } => {
            let store = db::open(&db).await?;
            let id = user_id(store.as_ref(), &username).await?;
            store.set_totp(id, None, &operator()).await?;
            println!(
                "The second factor of {username} is removed and their sessions ended; they set up a new one at their next sign-in."
            );
            Ok(())
        }
        UserCommand::Role { db, username, role } => {
            let store = db::open(&db).await?;
            let id = user_id(store.as_ref(), &username).await?;
            let user = store.set_user_role(id, role, &operator()).await?;
            println!(
                "{} is now {}; their sessions are ended.",
                user.username,
                user.role.label()
            );
            Ok(())
        }
        UserCommand::Password {
            db,
            username,
            password_stdin,
        } => {
            let store = db::open(&db).await?;
            let id = user_id(store.as_ref(), &username).await?;
            let (password, generated) = if password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                (line.trim_end_matches(['\r', '\n']).to_string(), false)
            } else {
                (generate_password(), true)
            };
            let hash = corridor_web::auth::hash_password(&Password::parse(&password)?)?;
            store.set_password_hash(id, hash, &operator()).await?;
            println!("The password of {username} is changed; their sessions are ended.");
            if generated {
                println!("Password (shown once): {password}");
            }
            Ok(())
        }
    }
}

pub async fn team(command: TeamCommand) -> anyhow::Result<()> {
    match command {
        TeamCommand::Add {
            db,
            name,
            categories,
            lead,
        } => {
            let store = db::open(&db).await?;
            let lead_id = match lead {
                Some(l) => Some(user_id(store.as_ref(), &l).await?),
                None => None,
            };
            let team = store
                .create_team(
                    NewTeam {
                        name,
                        categories,
                        lead_id,
                    },
                    &operator(),
                )
                .await?;
            println!("Created team {} ({}).", team.name, team.id);
            Ok(())
        }
        TeamCommand::Lead { db, team, lead } => {
            let store = db::open(&db).await?;
            let t = team_id(store.as_ref(), &team).await?;
            let l = user_id(store.as_ref(), &lead).await?;
            let team = store.set_team_lead(t, l, &operator()).await?;
            println!("{} is now led by {lead}.", team.name);
            Ok(())
        }
        TeamCommand::List { db } => {
            let store = db::open(&db).await?;
            for t in store.list_teams().await? {
                let cats: Vec<_> = t.categories.iter().map(|c| c.as_str()).collect();
                println!(
                    "{:>5}  {:<28} lead {:<6} {}",
                    t.id,
                    t.name,
                    t.lead_id.map(|l| l.to_string()).unwrap_or("-".into()),
                    if cats.is_empty() {
                        "(catch-all)".to_string()
                    } else {
                        cats.join(",")
                    }
                );
            }
            Ok(())
        }
    }
}

pub async fn token(command: TokenCommand) -> anyhow::Result<()> {
    match command {
        TokenCommand::Create {
            db,
            user,
            name,
            expires_days,
            scope,
        } => {
            if scope.is_empty() {
                bail!("a token needs at least one scope: read, write or intake");
            }
            let store = db::open(&db).await?;
            let id = user_id(store.as_ref(), &user).await?;
            let (token, hash) = corridor_web::auth::new_api_token();
            let expires_at = (expires_days > 0).then(|| Utc::now() + Duration::days(expires_days));
            store
                .create_api_token(
                    NewApiToken {
                        user_id: id,
                        name,
                        token_hash: hash,
                        expires_at,
                        scopes: scope,
                    },
                    &operator(),
                )
                .await?;
            // Printed alone on stdout so that scripts can capture it.
            println!("{token}");
            Ok(())
        }
        TokenCommand::List { db, user } => {
            let store = db::open(&db).await?;
            let user = match user {
                Some(u) => Some(user_id(store.as_ref(), &u).await?),
                None => None,
            };
            let now = Utc::now();
            for t in store.list_api_tokens(user).await? {
                let state = match (t.revoked_at, t.expires_at) {
                    (Some(r), _) => format!("revoked {}", r.format("%Y-%m-%d")),
                    (None, Some(e)) if e <= now => format!("expired {}", e.format("%Y-%m-%d")),
                    (None, Some(e)) => format!("expires {}", e.format("%Y-%m-%d")),
                    (None, None) => "never expires".to_string(),
                };
                println!(
                    "{:>5}  {:<20} {:<20} {:<18} {}",
                    t.id,
                    t.username,
                    t.name,
                    TokenScope::join(&t.scopes),
                    state
                );
            }
            Ok(())
        }
        TokenCommand::Revoke { db, id } => {
            let store = db::open(&db).await?;
            store.revoke_api_token(id, &operator()).await?;
            println!("Token {id} is revoked.");
            Ok(())
        }
    }
}

pub async fn audit(command: AuditCommand) -> anyhow::Result<()> {
    match command {
        AuditCommand::Verify { db } => {
            let store = db::open(&db).await?;
            // Before verifying seals them: what was waiting is the lag.
            let (waiting, oldest) = store.audit_unsealed().await?;
            if waiting > 0 {
                let age = oldest.map_or(0.0, |t| {
                    (chrono::Utc::now() - t).num_milliseconds().max(0) as f64 / 1000.0
                });
                println!(
                    "{waiting} events were not sealed yet (the oldest appended {age:.1} s ago); sealing them."
                );
            }
            match store.verify_audit_chain().await? {
                Ok(n) => {
                    println!("The audit trail is intact: {n} events verified.");
                    Ok(())
                }
                Err(b) => bail!(
                    "the audit trail is broken at event {}: {}",
                    b.event_id,
                    b.reason
                ),
            }
        }
    }
}
