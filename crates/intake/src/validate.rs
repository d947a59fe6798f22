//! One reading of a person's details for every door they come in by (the API, the staff and
//! public forms, imported spreadsheets): the same value gets the same verdict everywhere.
//!
//! A field that cannot be read (a date of birth "31/02/1990", an email "nope") is not a
//! reason to lose the request: the value is kept exactly as written and flagged, so that a
//! person can fix it, and it is never treated as valid (matching ignores what it cannot read).
//! What must be refused is refused: a received time in the future would sort first in every
//! "newest first" list for ever.

use chrono::{DateTime, Duration, Utc};
use corridor_domain::{NewRequester, PersonDetails};

/// How far ahead of this server's clock a received time may be: the sender's clock may run a
/// little fast.
pub const CLOCK_SKEW: Duration = Duration::minutes(5);

/// A value kept as written that a person should look at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Flag {
    /// Where: `date_of_birth`, `people[1].email`, `requester.email`.
    pub field: String,
    /// Why, in words; the value itself is not repeated (it may be personal data in a log).
    pub reason: String,
}

/// Why a date of birth cannot be read, or `None` when it can: a date in one of the forms
/// people write (`1990-02-28`, `28/02/1990`, `1369` Solar Hijri, `1990`), or an age
/// (`34 years`, `~24`).
pub fn date_of_birth(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || is_age(value) {
        return None;
    }
    corridor_matching::normalize::date::parse_dob(value)
        .err()
        .map(|e| format!("not a date of birth Corridor can read ({e})"))
}

/// Why an email address is not one, or `None`: something@domain.tld without spaces.
pub fn email(value: &str) -> Option<String> {
    let value = value.trim();
    let ok = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !value.chars().any(char::is_whitespace);
    (!ok && !value.is_empty()).then(|| "not an email address".to_string())
}

/// The fields of one person that cannot be read, each named `{prefix}{field}`.
pub fn person(p: &PersonDetails, prefix: &str) -> Vec<Flag> {
    let mut flags = Vec::new();
    if let Some(reason) = p.date_of_birth.as_deref().and_then(date_of_birth) {
        flags.push(Flag {
            field: format!("{prefix}date_of_birth"),
            reason,
        });
    }
    if let Some(reason) = p.email.as_deref().and_then(email) {
        flags.push(Flag {
            field: format!("{prefix}email"),
            reason,
        });
    }
    flags
}

/// The same for a whole inquiry: its requester and every person on it.
pub fn inquiry(requester: &NewRequester, people: &[PersonDetails]) -> Vec<Flag> {
    let mut flags = Vec::new();
    if let Some(reason) = requester.email.as_deref().and_then(email) {
        flags.push(Flag {
            field: "requester.email".into(),
            reason,
        });
    }
    for (i, p) in people.iter().enumerate() {
        flags.extend(person(p, &format!("people[{i}].")));
    }
    flags
}

/// A received time is refused when it is later than now (with [`CLOCK_SKEW`]).
pub fn received_at(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), String> {
    if at > now + CLOCK_SKEW {
        Err(format!(
            "received_at {} is in the future; give the time the request actually arrived",
            at.to_rfc3339()
        ))
    } else {
        Ok(())
    }
}

/// Many people know only their age: "34 years", "~24", "age 42", "1 yrs" are kept as written
/// (matching reads them), not flagged as dates.
pub fn is_age(value: &str) -> bool {
    let v = value.trim().to_lowercase();
    let v = v
        .trim_start_matches('~')
        .trim_start_matches("age")
        .trim_start_matches("about")
        .trim_start_matches("approx.")
        .trim();
    let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = v[digits.len()..].trim();
    !digits.is_empty()
        && digits.parse::<u32>().is_ok_and(|n| n <= 120)
        && ["", "y", "yr", "yrs", "year", "years", "years old"].contains(&rest)
        && (value.trim() != digits || value.trim().starts_with('~'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_people_write_are_read_and_impossible_ones_flagged() {
        for ok in [
            "1990-02-28",
            "28/02/1990",
            "1990",
            "34 years",
            "~24",
            "age 42",
        ] {
            assert_eq!(date_of_birth(ok), None, "{ok}");
        }
        for bad in ["31/02/1990", "2999-01-01", "yesterday", "13/13/1990"] {
            assert!(date_of_birth(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(email("a.person@example.org"), None);
        for bad in [
            "nope",
            "a@b",
            "@example.org",
            "a b@example.org",
            "a@example.",
            "a@@b.org",
        ] {
            assert!(email(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn flags_name_the_field_not_the_value() {
        let p = PersonDetails {
            date_of_birth: Some("31/02/1990".into()),
            email: Some("nope".into()),
            ..Default::default()
        };
        let requester = NewRequester {
            kind: corridor_domain::RequesterKind::Applicant,
            name: "x".into(),
            organization: None,
            email: Some("ok@example.org".into()),
            phone: None,
        };
        let flags = inquiry(&requester, &[PersonDetails::default(), p]);
        let fields: Vec<&str> = flags.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["people[1].date_of_birth", "people[1].email"]);
        assert!(
            flags.iter().all(|f| !f.reason.contains("31/02")),
            "{flags:?}"
        );
    }

    #[test]
    fn a_future_received_time_is_refused() {
        let now = Utc::now();
        assert!(received_at(now - Duration::days(3), now).is_ok());
        assert!(
            received_at(now + Duration::minutes(1), now).is_ok(),
            "clock skew"
        );
        assert!(received_at(now + Duration::days(1), now).is_err());
    }
}
