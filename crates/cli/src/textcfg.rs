//! Text-message settings for `corridor serve`: SMS through Kannel (and its delivery reports),
//! WhatsApp's Cloud API (its webhook and the Graph API),
//! from flags, environment variables or a config file of `key = value` lines. Each channel is
//! off unless configured.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use corridor_domain::{CaseCategory, RequesterKind};
use corridor_intake::kannel::KannelConfig;
use corridor_intake::sender::SenderConfig;
use corridor_intake::texts::Gateway;
use corridor_intake::whatsapp::WhatsAppConfig;
use corridor_store::messages::RateLimit;
use corridor_web::channels::{GraphMedia, SmsInbound, WhatsAppInbound};

#[derive(clap::Args, Clone, Debug, Default)]
pub struct TextArgs {
    /// A file of `key = value` lines with any of the settings below (e.g.
    /// `sms_kannel_secret = ...`); flags given on the command line win.
    #[arg(long, env = "CORRIDOR_MESSAGES_CONFIG")]
    pub messages_config: Option<PathBuf>,
    /// Turns SMS intake on: the secret Kannel's get-url and dlr-url carry (`secret=`). Better
    /// given by environment variable or config file than on the command line.
    #[arg(long, env = "CORRIDOR_SMS_KANNEL_SECRET", hide_env_values = true)]
    pub sms_kannel_secret: Option<String>,
    /// Turns SMS sending on: smsbox's sendsms address
    /// (e.g. http://127.0.0.1:13013/cgi-bin/sendsms).
    #[arg(long, env = "CORRIDOR_SMS_KANNEL_SENDSMS_URL")]
    pub sms_kannel_sendsms_url: Option<String>,
    /// The sendsms-user's username and password.
    #[arg(long, env = "CORRIDOR_SMS_KANNEL_USER")]
    pub sms_kannel_user: Option<String>,
    #[arg(long, env = "CORRIDOR_SMS_KANNEL_PASSWORD", hide_env_values = true)]
    pub sms_kannel_password: Option<String>,
    /// The sender shown on phones (a short code or number).
    #[arg(long, env = "CORRIDOR_SMS_KANNEL_FROM")]
    pub sms_kannel_from: Option<String>,
    /// Where Kannel reaches Corridor, for delivery reports (e.g. http://127.0.0.1:8080).
    /// Default: the address Corridor listens on.
    #[arg(long, env = "CORRIDOR_SMS_CALLBACK_URL")]
    pub sms_callback_url: Option<String>,
    /// Messages one number may send in an hour (SMS and WhatsApp); more are kept but open
    /// nothing.
    #[arg(long, env = "CORRIDOR_SMS_PER_HOUR")]
    pub sms_per_hour: Option<u32>,
    /// Seconds between looks at the outbox for texts to send.
    #[arg(long, env = "CORRIDOR_SMS_POLL_SECS")]
    pub sms_poll_secs: Option<u64>,
    /// Turns the WhatsApp webhook on (with --whatsapp-app-secret): the verify token set for
    /// it in Meta's dashboard.
    #[arg(long, env = "CORRIDOR_WHATSAPP_VERIFY_TOKEN", hide_env_values = true)]
    pub whatsapp_verify_token: Option<String>,
    /// The app secret WhatsApp signs notifications with.
    #[arg(long, env = "CORRIDOR_WHATSAPP_APP_SECRET", hide_env_values = true)]
    pub whatsapp_app_secret: Option<String>,
    /// Turns WhatsApp sending on (with --whatsapp-access-token): the business phone number's
    /// id.
    #[arg(long, env = "CORRIDOR_WHATSAPP_PHONE_NUMBER_ID")]
    pub whatsapp_phone_number_id: Option<String>,
    #[arg(long, env = "CORRIDOR_WHATSAPP_ACCESS_TOKEN", hide_env_values = true)]
    pub whatsapp_access_token: Option<String>,
    /// The Graph API's address. Default: https://graph.facebook.com/v21.0
    #[arg(long, env = "CORRIDOR_WHATSAPP_GRAPH_URL")]
    pub whatsapp_graph_url: Option<String>,
    /// Approved templates are named <prefix><what> (corridor_acknowledgement, …).
    #[arg(long, env = "CORRIDOR_WHATSAPP_TEMPLATE_PREFIX")]
    pub whatsapp_template_prefix: Option<String>,
}

/// The text channels' doors and senders, each when configured.
pub struct Texts {
    pub sms: Option<SmsInbound>,
    pub whatsapp: Option<WhatsAppInbound>,
    pub senders: Vec<(Gateway, SenderConfig)>,
}

impl TextArgs {
    fn merged(&self) -> anyhow::Result<TextArgs> {
        let mut m = self.clone();
        let Some(path) = &self.messages_config else {
            return Ok(m);
        };
        for setting in crate::cfgfile::read(path, "the messages config")? {
            let v = setting.value.clone();
            match setting.key.as_str() {
                "sms_kannel_secret" => m.sms_kannel_secret = m.sms_kannel_secret.or(Some(v)),
                "sms_kannel_sendsms_url" => {
                    m.sms_kannel_sendsms_url = m.sms_kannel_sendsms_url.or(Some(v))
                }
                "sms_kannel_user" => m.sms_kannel_user = m.sms_kannel_user.or(Some(v)),
                "sms_kannel_password" => m.sms_kannel_password = m.sms_kannel_password.or(Some(v)),
                "sms_kannel_from" => m.sms_kannel_from = m.sms_kannel_from.or(Some(v)),
                "sms_callback_url" => m.sms_callback_url = m.sms_callback_url.or(Some(v)),
                "sms_per_hour" => m.sms_per_hour = m.sms_per_hour.or(Some(setting.num()? as u32)),
                "sms_poll_secs" => m.sms_poll_secs = m.sms_poll_secs.or(Some(setting.num()?)),
                "whatsapp_verify_token" => {
                    m.whatsapp_verify_token = m.whatsapp_verify_token.or(Some(v))
                }
                "whatsapp_app_secret" => m.whatsapp_app_secret = m.whatsapp_app_secret.or(Some(v)),
                "whatsapp_phone_number_id" => {
                    m.whatsapp_phone_number_id = m.whatsapp_phone_number_id.or(Some(v))
                }
                "whatsapp_access_token" => {
                    m.whatsapp_access_token = m.whatsapp_access_token.or(Some(v))
                }
                "whatsapp_graph_url" => m.whatsapp_graph_url = m.whatsapp_graph_url.or(Some(v)),
                "whatsapp_template_prefix" => {
                    m.whatsapp_template_prefix = m.whatsapp_template_prefix.or(Some(v))
                }
                _ => return Err(setting.unknown()),
            }
        }
        Ok(m)
    }

    /// `listening` is the address Corridor serves on, the default for delivery reports.
    pub fn configs(&self, listening: std::net::SocketAddr) -> anyhow::Result<Texts> {
        let m = self.merged()?;
        let secret = m.sms_kannel_secret.filter(|s| !s.trim().is_empty());
        let inbound = secret.clone().map(|secret| SmsInbound {
            kannel_secret: secret,
            category: CaseCategory::Other,
            requester_kind: RequesterKind::Applicant,
            limit: RateLimit {
                max: m.sms_per_hour.unwrap_or(20).max(1),
                per: chrono::Duration::hours(1),
            },
            acknowledge: true,
        });
        let sender = SenderConfig {
            poll_every: Duration::from_secs(m.sms_poll_secs.unwrap_or(2)),
            ..SenderConfig::default()
        };
        let mut senders = Vec::new();
        let limit = RateLimit {
            max: m.sms_per_hour.unwrap_or(20).max(1),
            per: chrono::Duration::hours(1),
        };
        let graph_url = m
            .whatsapp_graph_url
            .unwrap_or_else(|| "https://graph.facebook.com/v21.0".into());
        let whatsapp = match (m.whatsapp_verify_token, m.whatsapp_app_secret) {
            (None, None) => None,
            (Some(verify_token), Some(app_secret)) => Some(WhatsAppInbound {
                verify_token,
                app_secret,
                category: CaseCategory::Other,
                requester_kind: RequesterKind::Applicant,
                limit,
                acknowledge: true,
                // Photos and documents are fetched with the access token, when there is one.
                media: m
                    .whatsapp_access_token
                    .clone()
                    .map(|access_token| GraphMedia {
                        graph_url: graph_url.clone(),
                        access_token,
                    }),
            }),
            _ => bail!("--whatsapp-verify-token and --whatsapp-app-secret go together"),
        };
        match (m.whatsapp_phone_number_id, m.whatsapp_access_token) {
            (None, None) => {}
            (Some(phone_number_id), Some(access_token)) => senders.push((
                Gateway::WhatsApp(WhatsAppConfig {
                    graph_url,
                    phone_number_id,
                    access_token,
                    template_prefix: m
                        .whatsapp_template_prefix
                        .unwrap_or_else(|| "corridor_".into()),
                }),
                sender.clone(),
            )),
            _ => bail!("--whatsapp-phone-number-id and --whatsapp-access-token go together"),
        }
        match m.sms_kannel_sendsms_url {
            None => {}
            Some(url) => {
                let secret = secret.context(
                    "--sms-kannel-secret is needed with --sms-kannel-sendsms-url \
                     (delivery reports carry it)",
                )?;
                let kannel = KannelConfig {
                    sendsms_url: url,
                    username: m
                        .sms_kannel_user
                        .context("--sms-kannel-user is needed with --sms-kannel-sendsms-url")?,
                    password: m.sms_kannel_password.context(
                        "--sms-kannel-password (or CORRIDOR_SMS_KANNEL_PASSWORD) is needed \
                         with --sms-kannel-sendsms-url",
                    )?,
                    from: m.sms_kannel_from,
                    callback_base: Some(
                        m.sms_callback_url
                            .unwrap_or_else(|| format!("http://{listening}")),
                    ),
                    secret,
                };
                senders.push((Gateway::Kannel(kannel), sender));
            }
        }
        Ok(Texts {
            sms: inbound,
            whatsapp,
            senders,
        })
    }
}
