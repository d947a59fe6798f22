//! A small in-memory rate limiter for the public pages: a sliding window of attempts per
//! client address and purpose. It is per process, which is enough to stop one client from
//! hammering the form or guessing codes; a deployment with several servers should also limit
//! at its reverse proxy.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    window: Duration,
    hits: Mutex<HashMap<(&'static str, IpAddr), Vec<Instant>>>,
}

impl RateLimiter {
    pub fn new(window: Duration) -> Self {
        RateLimiter {
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt; false when `ip` already made `max` attempts for `purpose` within the
    /// window.
    pub fn allow(&self, purpose: &'static str, ip: IpAddr, max: u32) -> bool {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        // Forget idle clients now and then so the map cannot grow without bound.
        if hits.len() > 10_000 {
            hits.retain(|_, v| {
                v.last()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
            });
        }
        let list = hits.entry((purpose, ip)).or_default();
        list.retain(|t| now.duration_since(*t) < self.window);
        if list.len() as u32 >= max {
            return false;
        }
        list.push(now);
        true
    }
}
