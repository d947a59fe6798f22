//! Mail settings for `corridor serve`: the IMAP mailbox to poll and the SMTP relay for
//! acknowledgements, from flags, environment variables or a config file of `key = value` lines.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use corridor_domain::{CaseCategory, RequesterKind};
use corridor_intake::Limits;
use corridor_intake::mailbox::ImapConfig;
use corridor_intake::sender::{SenderConfig, SmtpConfig};

/// The relay and how to use it.
pub type Smtp = (SmtpConfig, SenderConfig);

#[derive(clap::Args, Clone, Debug, Default)]
pub struct MailArgs {
    /// A file of `key = value` lines with any of the settings below (e.g. `imap_host = ...`);
    /// flags given on the command line win.
    #[arg(long, env = "CORRIDOR_MAIL_CONFIG")]
    pub mail_config: Option<PathBuf>,
    /// IMAP server to poll for requests (plain IMAP: loopback, a private network or stunnel).
    #[arg(long, env = "CORRIDOR_IMAP_HOST")]
    pub imap_host: Option<String>,
    #[arg(long, env = "CORRIDOR_IMAP_PORT")]
    pub imap_port: Option<u16>,
    #[arg(long, env = "CORRIDOR_IMAP_USER")]
    pub imap_user: Option<String>,
    /// Better given by environment variable or config file than on the command line.
    #[arg(long, env = "CORRIDOR_IMAP_PASSWORD", hide_env_values = true)]
    pub imap_password: Option<String>,
    #[arg(long, env = "CORRIDOR_IMAP_MAILBOX")]
    pub imap_mailbox: Option<String>,
    /// Seconds between polls.
    #[arg(long, env = "CORRIDOR_IMAP_POLL_SECS")]
    pub imap_poll_secs: Option<u64>,
    /// SMTP relay for acknowledgements (plain SMTP to a relay the operator runs).
    #[arg(long, env = "CORRIDOR_SMTP_HOST")]
    pub smtp_host: Option<String>,
    #[arg(long, env = "CORRIDOR_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// The From address of acknowledgements.
    #[arg(long, env = "CORRIDOR_SMTP_FROM")]
    pub smtp_from: Option<String>,
    #[arg(long, env = "CORRIDOR_SMTP_USER")]
    pub smtp_user: Option<String>,
    #[arg(long, env = "CORRIDOR_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// Seconds between looks at the outbox.
    #[arg(long, env = "CORRIDOR_SMTP_POLL_SECS")]
    pub smtp_poll_secs: Option<u64>,
}

impl MailArgs {
    fn merged(&self) -> anyhow::Result<MailArgs> {
        let mut m = self.clone();
        let Some(path) = &self.mail_config else {
            return Ok(m);
        };
        for setting in crate::cfgfile::read(path, "the mail config")? {
            let v = setting.value.clone();
            match setting.key.as_str() {
                "imap_host" => m.imap_host = m.imap_host.or(Some(v)),
                "imap_port" => m.imap_port = m.imap_port.or(Some(setting.num()? as u16)),
                "imap_user" => m.imap_user = m.imap_user.or(Some(v)),
                "imap_password" => m.imap_password = m.imap_password.or(Some(v)),
                "imap_mailbox" => m.imap_mailbox = m.imap_mailbox.or(Some(v)),
                "imap_poll_secs" => m.imap_poll_secs = m.imap_poll_secs.or(Some(setting.num()?)),
                "smtp_host" => m.smtp_host = m.smtp_host.or(Some(v)),
                "smtp_port" => m.smtp_port = m.smtp_port.or(Some(setting.num()? as u16)),
                "smtp_from" => m.smtp_from = m.smtp_from.or(Some(v)),
                "smtp_user" => m.smtp_user = m.smtp_user.or(Some(v)),
                "smtp_password" => m.smtp_password = m.smtp_password.or(Some(v)),
                "smtp_poll_secs" => m.smtp_poll_secs = m.smtp_poll_secs.or(Some(setting.num()?)),
                _ => return Err(setting.unknown()),
            }
        }
        Ok(m)
    }

    pub fn configs(
        &self,
        limits: Limits,
        documents: corridor_documents::Settings,
    ) -> anyhow::Result<(Option<ImapConfig>, Option<Smtp>)> {
        let m = self.merged()?;
        let imap = match m.imap_host {
            None => None,
            Some(host) => Some(ImapConfig {
                host,
                port: m.imap_port.unwrap_or(143),
                username: m
                    .imap_user
                    .context("--imap-user is needed with --imap-host")?,
                password: m.imap_password.context(
                    "--imap-password (or CORRIDOR_IMAP_PASSWORD) is needed with --imap-host",
                )?,
                mailbox: m.imap_mailbox.unwrap_or_else(|| "INBOX".into()),
                poll_every: Duration::from_secs(m.imap_poll_secs.unwrap_or(30)),
                category: CaseCategory::Other,
                requester_kind: RequesterKind::Sponsor,
                limits,
                acknowledge: true,
                documents,
            }),
        };
        let smtp = match m.smtp_host {
            None => None,
            Some(host) => {
                let smtp = SmtpConfig {
                    host,
                    port: m.smtp_port.unwrap_or(25),
                    from: m
                        .smtp_from
                        .context("--smtp-from is needed with --smtp-host")?,
                    username: m.smtp_user,
                    password: m.smtp_password,
                };
                let sender = SenderConfig {
                    poll_every: Duration::from_secs(m.smtp_poll_secs.unwrap_or(5)),
                    ..SenderConfig::default()
                };
                Some((smtp, sender))
            }
        };
        Ok((imap, smtp))
    }
}
