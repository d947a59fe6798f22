//! One reading of a person's details for every door they come in by (the API, the staff and
//! public forms, imported spreadsheets): the same value gets the same verdict everywhere.
//!
//! A field that cannot be read (a date of birth "31/02/1990", an email "nope", a phone
//! number without enough digits) is not a reason to lose the request: the value is kept
//! exactly as written and flagged, so that a person can fix it, and it is never treated as
//! valid (matching ignores what it cannot read). Forms show it beside the field and let the
//! person confirm it; imports list it by row and column; the API, whose callers are programs
//! that can correct and resend, refuses a date of birth that cannot exist or lies in the
//! future ([`impossible_dates`]) and flags the rest. What must be refused is refused: a
//! received time in the future would sort first in every "newest first" list for ever.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use corridor_domain::{NewRequester, PersonDetails, Sex};
use corridor_matching::normalize::date::DateError;

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

/// What is wrong with a date of birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not written in any form Corridor reads ("spring", "90").
    Unreadable,
    /// A date that does not exist: 31 February, month 13, a year before 1900.
    CannotExist,
    /// Later than today.
    Future,
}

impl DateProblem {
    pub fn reason(self) -> &'static str {
        match self {
            DateProblem::Unreadable => "not a date of birth Corridor can read",
            DateProblem::CannotExist => "a date that does not exist",
            DateProblem::Future => "a date in the future",
        }
    }
}

/// What is wrong with a date of birth as of `today`, or `None` when it is a date in one of
/// the forms people write (`1990-02-28`, `28/02/1990`, `1369` Solar Hijri, `1990`), or an
/// age (`34 years`, `~24`).
pub fn date_problem(value: &str, today: NaiveDate) -> Option<DateProblem> {
    let value = value.trim();
    if value.is_empty() || is_age(value) {
        return None;
    }
    match corridor_matching::normalize::date::parse_dob(value) {
        Ok(d) => {
            let later = match (d.month, d.day) {
                (Some(m), Some(day)) => NaiveDate::from_ymd_opt(d.year, m.into(), day.into())
                    .is_some_and(|date| date > today),
                (Some(m), None) => (d.year, u32::from(m)) > (today.year(), today.month()),
                _ => d.year > today.year(),
            };
            later.then_some(DateProblem::Future)
        }
        Err(DateError::YearOutOfRange(y)) if y > today.year() => Some(DateProblem::Future),
        Err(DateError::YearOutOfRange(_) | DateError::BadMonth(_) | DateError::BadDay { .. }) => {
            Some(DateProblem::CannotExist)
        }
        Err(DateError::Empty) => None,
        Err(DateError::Format | DateError::TwoDigitYear) => Some(DateProblem::Unreadable),
    }
}

/// Why a date of birth cannot be taken as it is, or `None` when it can (see [`date_problem`]).
pub fn date_of_birth(value: &str) -> Option<String> {
    date_problem(value, Utc::now().date_naive()).map(|p| p.reason().to_string())
}

/// Why a phone number is not one, or `None`: 7 to 15 digits (the international limit),
/// written with spaces, dashes, dots, brackets and a leading `+` or `00` as people do
/// (`(+93) 70 123 4567` too). Persian and Arabic-Indic digits count as digits. Lists carry a
/// family's two numbers in one cell (`+93 70 123 4567 / +92 300 1234567`, or with `;`, `,`
/// or "or"): each of them must be a number.
pub fn phone(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || one_phone(value) {
        return None;
    }
    let several: Vec<&str> = value
        .split([';', ',', '/', '،', '|'])
        .flat_map(|part| part.split(" or "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    (several.len() < 2 || !several.iter().all(|p| one_phone(p)))
        .then(|| "not a phone number (7 to 15 digits)".to_string())
}

fn one_phone(value: &str) -> bool {
    let allowed = |c: char| c.is_numeric() || " -.()/+".contains(c);
    let digits = value.chars().filter(|c| c.is_numeric()).count();
    // The `+` leads the number, possibly inside the bracket around the country code.
    let lead = value.trim_start_matches(|c: char| c == '(' || c.is_whitespace());
    let plus_first = value.matches('+').count() == 0
        || (value.matches('+').count() == 1 && lead.starts_with('+'));
    value.chars().all(allowed) && plus_first && (7..=15).contains(&digits)
}

/// Why a document number (a tazkira, a passport) is not one, or `None`: letters, digits and
/// the separators printed on the documents (`-`, `/`, spaces), with at least four digits.
/// Paper tazkiras were numbered many ways, so nothing stricter is asked.
pub fn document_number(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let allowed = |c: char| c.is_alphanumeric() || " -/.".contains(c);
    let digits = value.chars().filter(|c| c.is_numeric()).count();
    (!(value.chars().all(allowed) && digits >= 4 && value.chars().count() <= 40))
        .then(|| "not a document number (letters and digits, at least four digits)".to_string())
}

/// Sex as written in a list: `None` when it is one of the values Corridor keeps (or empty),
/// otherwise why it is left out.
pub fn sex(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty() && Sex::parse_lenient(value).is_none())
        .then(|| "not a sex Corridor records (female, male or other)".to_string())
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
    if let Some(reason) = p.phone.as_deref().and_then(phone) {
        flags.push(Flag {
            field: format!("{prefix}phone"),
            reason,
        });
    }
    for (name, value) in [("national_id", &p.national_id), ("passport", &p.passport)] {
        if let Some(reason) = value.as_deref().and_then(document_number) {
            flags.push(Flag {
                field: format!("{prefix}{name}"),
                reason,
            });
        }
    }
    flags
}

/// The first date of birth in an inquiry that cannot exist or lies in the future, as a flag
/// naming its field: what the API refuses (a program can correct and send again), where
/// forms ask a person to confirm and imports list it.
pub fn impossible_dates(people: &[PersonDetails], today: NaiveDate) -> Option<Flag> {
    people.iter().enumerate().find_map(|(i, p)| {
        let problem = date_problem(p.date_of_birth.as_deref()?, today)?;
        (problem != DateProblem::Unreadable).then(|| Flag {
            field: format!("people[{i}].date_of_birth"),
            reason: problem.reason().to_string(),
        })
    })
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
    if let Some(reason) = requester.phone.as_deref().and_then(phone) {
        flags.push(Flag {
            field: "requester.phone".into(),
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
    fn future_impossible_and_unreadable_dates_are_told_apart() {
        use DateProblem::*;
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(date_problem("2026-12-25", today), Some(Future));
        assert_eq!(date_problem("25/12/2026", today), Some(Future));
        assert_eq!(date_problem("2999-01-01", today), Some(Future));
        assert_eq!(date_problem("2026-12-01", today), None);
        assert_eq!(date_problem("1369", today), None, "Solar Hijri year");
        assert_eq!(date_problem("31/02/1990", today), Some(CannotExist));
        assert_eq!(date_problem("13/13/1990", today), Some(CannotExist));
        assert_eq!(date_problem("1850", today), Some(CannotExist));
        assert_eq!(date_problem("yesterday", today), Some(Unreadable));
        assert_eq!(date_problem("34 years", today), None);
        let people = [
            PersonDetails {
                date_of_birth: Some("spring".into()),
                ..Default::default()
            },
            PersonDetails {
                date_of_birth: Some("2026-12-25".into()),
                ..Default::default()
            },
        ];
        // What the API refuses: the impossible one, by its field; the unreadable one is
        // only flagged.
        let refused = impossible_dates(&people, today).unwrap();
        assert_eq!(refused.field, "people[1].date_of_birth");
        assert_eq!(refused.reason, "a date in the future");
        assert_eq!(impossible_dates(&people[..1], today), None);
    }

    #[test]
    fn phones_and_document_numbers() {
        for ok in [
            "+93 70 123 4567",
            "0093-70-123-4567",
            "(0300) 1234567",
            "۰۷۰۱۲۳۴۵۶۷",
            "(+93) 713451088",
            "+92 340 1293876 / +93 79 277 6539",
            "+93 70 680 4044; +92 323 7742749",
            "0701234567 or 0799123456",
        ] {
            assert_eq!(phone(ok), None, "{ok}");
        }
        for bad in ["12345", "call me", "+93 70 +123 4567", "1234567890123456"] {
            assert!(phone(bad).is_some(), "{bad}");
        }
        for ok in ["1398-0105-23456", "P01234567", "12/345 Kabul"] {
            assert_eq!(document_number(ok), None, "{ok}");
        }
        for bad in ["none", "n/a", "12#45!"] {
            assert!(document_number(bad).is_some(), "{bad}");
        }
        assert_eq!(sex("F"), None);
        assert_eq!(sex(""), None);
        assert!(sex("unknown").is_some());
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
