use std::sync::Arc;

use corridor_store::prelude::*;

use crate::matcher::Matcher;

/// Settings that change how the server behaves, from the command line.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Take the client's address from the last `X-Forwarded-For` entry (set it only behind a
    /// reverse proxy that appends one).
    pub trust_forwarded_for: bool,
    /// Mark cookies `Secure`. On behind a TLS-terminating proxy; off for plain-HTTP loopback use.
    pub secure_cookies: bool,
    /// How long a sign-in lasts at most, whatever the activity.
    pub session_hours: i64,
    /// A session unused for this many minutes ends.
    pub idle_minutes: i64,
    /// Failed sign-ins (passwords or codes) in a row before the account is locked.
    pub max_sign_in_failures: u32,
    /// How long a locked account stays locked.
    pub lockout_minutes: i64,
    /// Sign-in attempts (passwords and codes) allowed per client address in ten minutes.
    pub sign_ins_per_window: u32,
    /// Public request form submissions allowed per client address in ten minutes.
    pub public_requests_per_window: u32,
    /// Status lookups allowed per client address in ten minutes.
    pub status_lookups_per_window: u32,
    /// Limits on uploaded spreadsheets and emails.
    pub limits: corridor_intake::Limits,
    /// Where the key that signs exported referral files is kept (made on first export).
    /// None: exporting is refused.
    pub referral_key: Option<std::path::PathBuf>,
    /// How long a connection may take to send a request's headers, counted from when it
    /// opened or from the end of its previous response; so also how long an idle kept-alive
    /// connection stays open.
    pub header_timeout: std::time::Duration,
    /// How long a request may take, body and answer, before it is answered 503.
    pub request_timeout: std::time::Duration,
    /// The same for spreadsheet uploads, which match and store thousands of rows.
    pub upload_timeout: std::time::Duration,
    /// Connections served at once; more wait in the kernel's queue.
    pub max_connections: usize,
    /// The bearer token `/metrics` requires; without one `/metrics` is not served.
    pub metrics_token: Option<String>,
    /// Where the public reaches Corridor (https://corridor.example.org), for the status
    /// address printed on receipts; without it, the address the desk's request came to.
    pub public_url: Option<String>,
    /// What a document may be: bytes per file, files per request, pixels per image.
    pub documents: corridor_documents::Limits,
    /// The ClamAV daemon that scans documents. With one, a document is held (not downloaded,
    /// not shared) until it says clean; without, documents are kept as "not scanned".
    pub clamd: Option<corridor_documents::ClamdAddr>,
    /// SMS through Kannel: off (404) unless configured.
    pub sms: Option<crate::channels::SmsInbound>,
    /// WhatsApp's webhook: off (404) unless configured.
    pub whatsapp: Option<crate::channels::WhatsAppInbound>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            secure_cookies: false,
            trust_forwarded_for: false,
            session_hours: 12,
            idle_minutes: 30,
            max_sign_in_failures: 5,
            lockout_minutes: 15,
            sign_ins_per_window: 30,
            public_requests_per_window: 5,
            status_lookups_per_window: 10,
            limits: corridor_intake::Limits::default(),
            referral_key: None,
            header_timeout: std::time::Duration::from_secs(75),
            request_timeout: std::time::Duration::from_secs(60),
            upload_timeout: std::time::Duration::from_secs(600),
            max_connections: 512,
            metrics_token: None,
            public_url: None,
            documents: corridor_documents::Limits::default(),
            clamd: None,
            sms: None,
            whatsapp: None,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<AppConfig>,
    pub limiter: Arc<crate::limiter::RateLimiter>,
    pub matcher: Arc<Matcher>,
    pub metrics: Arc<crate::observe::Metrics>,
    /// Tokens of forms that act once (a second click on "Reply" sends nothing again).
    pub once: Arc<crate::forms::OnceForms>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: AppConfig, matcher: Arc<Matcher>) -> Self {
        AppState {
            store,
            config: Arc::new(config),
            limiter: Arc::new(crate::limiter::RateLimiter::new(
                std::time::Duration::from_secs(600),
            )),
            matcher,
            once: Arc::default(),
            metrics: Default::default(),
        }
    }

    /// Runs an intake call (matching and storing inquiries) in a task of its own.
    ///
    /// Under group commit the call that holds the writer also stores the inquiries of other
    /// requests waiting for it, in one transaction. If the request that made the call is
    /// abandoned midway (its client went away, or its time-out fired), dropping the call
    /// would roll that transaction back and answer every other request in it with "retry".
    /// In a task of its own the write finishes and answers them; the abandoned request's own
    /// inquiry is stored too, and a retry with the same idempotency key finds it.
    pub async fn intake<R, Fut>(
        &self,
        work: impl FnOnce(Arc<Matcher>, Arc<dyn Store>) -> Fut,
    ) -> corridor_store::Result<R>
    where
        Fut: std::future::Future<Output = corridor_store::Result<R>> + Send + 'static,
        R: Send + 'static,
    {
        use tracing::Instrument;
        let task = tokio::spawn(work(self.matcher.clone(), self.store.clone()).in_current_span());
        match task.await {
            Ok(done) => done,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            // Only when the runtime is shutting down.
            Err(_) => Err(corridor_store::StoreError::Conflict(
                "the server is stopping; retry the request".into(),
            )),
        }
    }
}
