use std::sync::Arc;

use corridor_store::Store;

use crate::matcher::Matcher;

/// Settings that change how the server behaves, from the command line.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Mark cookies `Secure`. On behind a TLS-terminating proxy; off for plain-HTTP loopback use.
    pub secure_cookies: bool,
    /// How long a sign-in lasts at most, whatever the activity.
    pub session_hours: i64,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            secure_cookies: false,
            session_hours: 12,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<AppConfig>,
    pub matcher: Arc<Matcher>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: AppConfig, matcher: Arc<Matcher>) -> Self {
        AppState {
            store,
            config: Arc::new(config),
            matcher,
        }
    }
}
