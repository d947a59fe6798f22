//! Polling an IMAP mailbox: every unseen message becomes an inquiry (and its attached
//! spreadsheets rows), and is flagged \Seen only after the inquiries are committed. A crash
//! between the commit and the flag means the message is fetched again next time, and its
//! Message-ID makes it "already present" rather than a second inquiry.

use std::sync::Arc;
use std::time::Duration;

use crate::matcher::Matcher;
use async_imap::Session;
use corridor_domain::{CaseCategory, RequesterKind};
use corridor_store::prelude::*;
use corridor_store::{Actor, StoreError};
use futures_util::TryStreamExt;
use tokio::net::TcpStream;

use crate::Limits;
use crate::mail::{MailOptions, parse_message};

#[derive(Debug, Clone)]
pub struct ImapConfig {
    pub host: String,
    pub port: u16,
    pub username: String,
    pub password: String,
    pub mailbox: String,
    pub poll_every: Duration,
    pub category: CaseCategory,
    pub requester_kind: RequesterKind,
    pub limits: Limits,
    /// Queue acknowledgements to senders.
    pub acknowledge: bool,
    /// How attachments become documents of their inquiries (limits, ClamAV).
    pub documents: corridor_documents::Settings,
}

#[derive(Debug, thiserror::Error)]
pub enum MailboxError {
    #[error("cannot connect to the IMAP server: {0}")]
    Connect(#[from] std::io::Error),
    #[error("IMAP: {0}")]
    Imap(#[from] async_imap::error::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What one poll did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Poll {
    pub messages: usize,
    pub stored: usize,
    pub already_present: usize,
    pub refused: usize,
    /// Attachments stored as documents of their inquiries.
    pub documents: usize,
    /// Attachments refused (each recorded on its inquiry with the reason).
    pub documents_refused: usize,
}

type ImapSession = Session<TcpStream>;

async fn connect(cfg: &ImapConfig) -> Result<ImapSession, MailboxError> {
    // Plain IMAP to a server on loopback or a private network (or through stunnel); see the
    // README.
    let stream = TcpStream::connect((cfg.host.as_str(), cfg.port)).await?;
    let mut client = async_imap::Client::new(stream);
    client
        .read_response()
        .await?
        .ok_or_else(|| std::io::Error::other("the server sent no greeting"))?;
    let session = client
        .login(&cfg.username, &cfg.password)
        .await
        .map_err(|(e, _)| e)?;
    Ok(session)
}

/// Fetches and stores every unseen message once.
pub async fn poll_once(
    store: &dyn Store,
    matcher: &Matcher,
    cfg: &ImapConfig,
) -> Result<Poll, MailboxError> {
    let mut session = connect(cfg).await?;
    session.select(&cfg.mailbox).await?;
    let mut uids: Vec<u32> = session.uid_search("UNSEEN").await?.into_iter().collect();
    uids.sort_unstable();
    let mut poll = Poll::default();
    let actor = Actor::system("mailbox");
    for chunk in uids.chunks(50) {
        let set = chunk
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        // Sizes first, so an oversized message is refused without being downloaded.
        let sizes: Vec<(u32, u32)> = session
            .uid_fetch(&set, "(UID RFC822.SIZE)")
            .await?
            .try_filter_map(|f| async move { Ok(f.uid.zip(f.size)) })
            .try_collect()
            .await?;
        let (small, big): (Vec<_>, Vec<_>) = sizes
            .into_iter()
            .partition(|(_, size)| (*size as usize) <= cfg.limits.max_message_bytes);
        let mut refused_uids: Vec<u32> = big.iter().map(|(uid, _)| *uid).collect();
        let mut done_uids = Vec::new();
        if !small.is_empty() {
            let set = small
                .iter()
                .map(|(u, _)| u.to_string())
                .collect::<Vec<_>>()
                .join(",");
            let fetched: Vec<(u32, Vec<u8>)> = session
                .uid_fetch(&set, "(UID BODY.PEEK[])")
                .await?
                .try_filter_map(|f| async move { Ok(f.uid.zip(f.body().map(<[u8]>::to_vec))) })
                .try_collect()
                .await?;
            // Parsing (attached spreadsheets included) is CPU work: on a blocking thread, not
            // on one of the threads serving requests.
            let count = fetched.len();
            let (label, limits) = (cfg.mailbox.clone(), cfg.limits.clone());
            let (category, requester_kind, acknowledge) =
                (cfg.category, cfg.requester_kind, cfg.acknowledge);
            let parsed_all: Vec<(u32, crate::Parsed)> =
                match tokio::task::spawn_blocking(move || {
                    let opts = MailOptions {
                        category,
                        requester_kind,
                        mapping: None,
                        limits: &limits,
                        acknowledge,
                    };
                    fetched
                        .into_iter()
                        .map(|(uid, raw)| {
                            let parsed = parse_message(&format!("{label} uid {uid}"), &raw, &opts);
                            (uid, parsed)
                        })
                        .collect()
                })
                .await
                {
                    Ok(parsed) => parsed,
                    Err(e) => match e.try_into_panic() {
                        Ok(panic) => std::panic::resume_unwind(panic),
                        // Cancelled: the runtime is shutting down; the messages stay unseen.
                        Err(_) => return Ok(poll),
                    },
                };
            let mut submissions = Vec::new();
            let mut attachments = Vec::new();
            for (uid, parsed) in parsed_all {
                if parsed.submissions.is_empty() {
                    refused_uids.push(uid);
                } else {
                    done_uids.push(uid);
                }
                for r in &parsed.refusals {
                    tracing::warn!(uid, row = r.row, "mailbox: part of a message refused");
                }
                poll.refused += parsed.refusals.len();
                submissions.extend(parsed.submissions);
                attachments.extend(parsed.attachments);
            }
            poll.messages += count;
            if !submissions.is_empty() {
                let keys = crate::attachments::keys_of(&submissions);
                let recorded = matcher
                    .take_in(
                        store,
                        submissions,
                        &format!("mailbox {}", cfg.mailbox),
                        &actor,
                    )
                    .await?;
                // The inquiries are committed: their attachments become documents. A message
                // is flagged seen only after this, so a crash here fetches it again and its
                // attachments are stored then (an identical file is never stored twice).
                let inquiries = crate::attachments::inquiries_by_key(&keys, &recorded);
                let docs = crate::attachments::store_attachments(
                    store,
                    &cfg.documents,
                    &inquiries,
                    &mut attachments,
                    &actor,
                )
                .await?;
                poll.documents += docs.stored as usize;
                poll.documents_refused += docs.refusals.len();
                for r in recorded {
                    if r.already_present {
                        poll.already_present += 1;
                    } else {
                        poll.stored += 1;
                    }
                }
            }
        }
        poll.messages += big.len();
        poll.refused += big.len();
        // Only now, with the inquiries committed, are the messages marked as taken in.
        if !done_uids.is_empty() {
            flag(&mut session, &done_uids, "+FLAGS (\\Seen)").await?;
        }
        if !refused_uids.is_empty() {
            // Refused messages stay visible to staff in the mailbox, flagged.
            tracing::warn!(
                count = refused_uids.len(),
                "mailbox: messages refused and flagged"
            );
            flag(&mut session, &refused_uids, "+FLAGS (\\Seen \\Flagged)").await?;
        }
    }
    let _ = session.logout().await;
    Ok(poll)
}

async fn flag(session: &mut ImapSession, uids: &[u32], query: &str) -> Result<(), MailboxError> {
    let set = uids
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let _: Vec<_> = session.uid_store(&set, query).await?.try_collect().await?;
    Ok(())
}

/// Polls until `stop` resolves.
pub async fn run(
    store: Arc<dyn Store>,
    matcher: Arc<Matcher>,
    cfg: ImapConfig,
    stop: impl std::future::Future<Output = ()>,
) {
    tokio::pin!(stop);
    loop {
        match poll_once(store.as_ref(), &matcher, &cfg).await {
            Ok(p) if p.messages > 0 => tracing::info!(
                messages = p.messages,
                stored = p.stored,
                already_present = p.already_present,
                refused = p.refused,
                documents = p.documents,
                documents_refused = p.documents_refused,
                "mailbox polled"
            ),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "mailbox poll failed"),
        }
        tokio::select! {
            _ = &mut stop => return,
            _ = tokio::time::sleep(cfg.poll_every) => {}
        }
    }
}
