//! Where storage reads the time. Servers run on the system clock; tests set the time they
//! need (a case closed long ago, a deadline just passed) instead of waiting for it.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

/// A clock the store reads whenever it stamps a row or an audit event. Times are kept at
/// microsecond precision, as both databases store them, so that what is hashed into the audit
/// chain is exactly what is read back.
#[derive(Clone, Default)]
pub struct Clock {
    set: Option<Arc<Mutex<DateTime<Utc>>>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { set: None }
    }

    /// A clock that stands at `at` until it is moved with [`Clock::set`] or [`Clock::advance`].
    pub fn manual(at: DateTime<Utc>) -> Clock {
        Clock {
            set: Some(Arc::new(Mutex::new(at))),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        let now = match &self.set {
            None => Utc::now(),
            Some(at) => *at.lock().unwrap_or_else(|e| e.into_inner()),
        };
        DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or_default()
    }

    /// Moves a manual clock to `at`; the system clock cannot be moved, so this does nothing.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(t) = &self.set {
            *t.lock().unwrap_or_else(|e| e.into_inner()) = at;
        }
    }

    pub fn advance(&self, by: chrono::Duration) {
        if let Some(t) = &self.set {
            let mut t = t.lock().unwrap_or_else(|e| e.into_inner());
            *t += by;
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.set {
            None => f.write_str("Clock::system"),
            Some(_) => write!(f, "Clock::manual({})", self.now()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_keeps_microseconds() {
        let start = DateTime::from_timestamp(1_630_000_000, 123_456_789).unwrap();
        let clock = Clock::manual(start);
        assert_eq!(clock.now().timestamp_subsec_nanos(), 123_456_000);
        assert_eq!(clock.now(), clock.now());
        clock.advance(chrono::Duration::hours(2));
        assert_eq!(
            clock.now() - chrono::Duration::hours(2),
            Clock::manual(start).now()
        );
    }

    #[test]
    fn the_system_clock_is_truncated_to_microseconds() {
        assert_eq!(Clock::system().now().timestamp_subsec_nanos() % 1_000, 0);
    }
}
