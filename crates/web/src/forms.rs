//! What a form needs to come back as it was sent: every value typed, and a plain-words message
//! beside each field that needs another look, in the reader's language. Problems are typed
//! here and put into words only when the page is rendered, so that the checks stay pure (the
//! fuzzer runs them) and no internal field name ever reaches a reader.

use std::collections::BTreeMap;

/// What is wrong with one field, for the person who typed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No person with a name on the request.
    NameNeeded,
    /// Asking for someone else without saying who is asking.
    YourName,
    /// `corridor_intake::validate::email` cannot read it.
    Email,
    /// `corridor_intake::validate::date_problem` cannot read it; the reader may confirm it.
    DateOfBirth,
    /// A date that cannot exist (31 February); the reader may confirm it as written.
    DateCannotExist,
    /// A date of birth later than today; the reader may confirm it as written.
    DateFuture,
    /// `corridor_intake::validate::phone` does not take it for a phone number.
    Phone,
    /// `corridor_intake::validate::document_number` does not take it for a document number.
    Document,
    /// Not one of the choices offered.
    Sex,
    /// Longer than Corridor keeps.
    TooLong,
    /// A family row with details but no name.
    RowWithoutName,
    /// A field the form cannot do without, left empty.
    Required,
    /// A file over the size limit (or a form over the body limit).
    FileTooLarge,
    /// More files than the form takes.
    FileTooMany,
    /// Not a photo or a PDF, by its bytes.
    FileType,
    /// A damaged image, an empty file, too many pixels.
    FileUnreadable,
    /// The malware scanner found something.
    FileMalware,
}

impl Problem {
    pub const ALL: [Problem; 17] = [
        Problem::NameNeeded,
        Problem::YourName,
        Problem::Email,
        Problem::DateOfBirth,
        Problem::DateCannotExist,
        Problem::DateFuture,
        Problem::Phone,
        Problem::Document,
        Problem::Sex,
        Problem::TooLong,
        Problem::RowWithoutName,
        Problem::Required,
        Problem::FileTooLarge,
        Problem::FileTooMany,
        Problem::FileType,
        Problem::FileUnreadable,
        Problem::FileMalware,
    ];

    /// The catalog message that says it.
    pub fn message_id(self) -> &'static str {
        match self {
            Problem::NameNeeded => "err-name-needed",
            Problem::YourName => "err-your-name",
            Problem::Email => "err-email",
            Problem::DateOfBirth => "err-date-of-birth",
            Problem::DateCannotExist => "err-date-cannot-exist",
            Problem::DateFuture => "err-date-future",
            Problem::Phone => "err-phone",
            Problem::Document => "err-document",
            Problem::Sex => "err-sex",
            Problem::TooLong => "err-too-long",
            Problem::RowWithoutName => "err-no-person-on-row",
            Problem::Required => "err-required",
            Problem::FileTooLarge => "err-file-too-large",
            Problem::FileTooMany => "err-file-too-many",
            Problem::FileType => "err-file-type",
            Problem::FileUnreadable => "err-file-unreadable",
            Problem::FileMalware => "err-file-malware",
        }
    }

    /// A value the reader may keep as written after a second look: it is stored as written
    /// and flagged, never lost.
    pub fn confirmable(self) -> bool {
        matches!(
            self,
            Problem::DateOfBirth
                | Problem::DateCannotExist
                | Problem::DateFuture
                | Problem::Phone
                | Problem::Document
        )
    }
}

/// A problem and the form field (its `name`) it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, problem: Problem) -> FieldProblem {
        FieldProblem {
            field: field.into(),
            problem,
        }
    }
}

/// The problem found in a person's details by the one validation every door shares, named by
/// the form field of that person's row.
pub fn person_problems(p: &corridor_domain::PersonDetails, row: Row) -> Vec<FieldProblem> {
    person_problems_named(p, |field| row.name(field))
}

/// The same, for a form that names a person's fields its own way (`p2_date_of_birth`).
pub fn person_problems_named(
    p: &corridor_domain::PersonDetails,
    name: impl Fn(&str) -> String,
) -> Vec<FieldProblem> {
    use corridor_intake::validate::{DateProblem, date_problem};
    let today = chrono::Utc::now().date_naive();
    corridor_intake::validate::person(p, "")
        .into_iter()
        .filter_map(|flag| {
            let problem = match flag.field.as_str() {
                "date_of_birth" => match p
                    .date_of_birth
                    .as_deref()
                    .and_then(|d| date_problem(d, today))
                {
                    Some(DateProblem::CannotExist) => Problem::DateCannotExist,
                    Some(DateProblem::Future) => Problem::DateFuture,
                    _ => Problem::DateOfBirth,
                },
                "email" => Problem::Email,
                "phone" => Problem::Phone,
                "national_id" | "passport" => Problem::Document,
                _ => return None,
            };
            Some(FieldProblem::new(name(&flag.field), problem))
        })
        .collect()
}

/// One person's row of a form: the first keeps the plain field names (`given_name`), the
/// others are numbered (`given_name_1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row(pub usize);

impl Row {
    pub fn name(&self, field: &str) -> String {
        if self.0 == 0 {
            field.to_string()
        } else {
            format!("{field}_{}", self.0)
        }
    }

    /// Counted from one, for people.
    pub fn number(&self) -> usize {
        self.0 + 1
    }

    pub fn principal(&self) -> bool {
        self.0 == 0
    }
}

/// A form as it was sent and what needs another look.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    pub values: BTreeMap<String, String>,
    pub problems: Vec<FieldProblem>,
}

impl FormState {
    pub fn new(values: BTreeMap<String, String>, problems: Vec<FieldProblem>) -> FormState {
        FormState { values, problems }
    }

    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn is(&self, name: &str, value: &str) -> bool {
        self.value(name) == value
    }

    /// The message beside a field, in the reader's language.
    pub fn error(&self, name: &str) -> Option<String> {
        self.problems
            .iter()
            .find(|p| p.field == name)
            .map(|p| crate::t(p.problem.message_id()))
    }

    /// The summary at the top: each problem once, with the field it links to.
    pub fn summary(&self) -> Vec<(String, String)> {
        let mut seen = Vec::new();
        self.problems
            .iter()
            .filter(|p| {
                let new = !seen.contains(&(p.field.as_str(), p.problem));
                seen.push((p.field.as_str(), p.problem));
                new
            })
            .map(|p| (format!("f-{}", p.field), crate::t(p.problem.message_id())))
            .collect()
    }

    /// Some value may be kept as written once the reader has looked again.
    pub fn confirmable(&self) -> bool {
        self.problems.iter().any(|p| p.problem.confirmable())
    }
}

/// Forms whose action must not be repeated by a second click (replies, referrals) carry a
/// token of their own; the first request with it claims it, a second one finds it taken and
/// is answered as the first was, without acting again. Kept in this process for an hour: one
/// server is the default deployment; behind several, a double click reaches one server when
/// the proxy keeps a client on one (sticky sessions).
#[derive(Default)]
pub struct OnceForms {
    claimed: std::sync::Mutex<std::collections::HashMap<String, std::time::Instant>>,
}

const ONCE_KEPT: std::time::Duration = std::time::Duration::from_secs(3600);

impl OnceForms {
    /// A fresh token for a form.
    pub fn token() -> String {
        use rand::Rng;
        let bytes: [u8; 16] = rand::thread_rng().r#gen();
        hex::encode(bytes)
    }

    /// True the first time a token is presented (and for a form without one, as older pages
    /// send); false when the token was claimed already.
    pub fn claim(&self, token: Option<&str>) -> bool {
        let Some(token) = token.map(str::trim).filter(|t| !t.is_empty()) else {
            return true;
        };
        let mut claimed = self.claimed.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        claimed.retain(|_, at| now.duration_since(*at) < ONCE_KEPT);
        claimed.insert(token.to_string(), now).is_none()
    }

    /// Gives a token back when its action failed, so that sending the form again may work.
    pub fn release(&self, token: Option<&str>) {
        if let Some(token) = token {
            let mut claimed = self.claimed.lock().unwrap_or_else(|e| e.into_inner());
            claimed.remove(token.trim());
        }
    }
}

/// A token for a form that must act once (templates: `crate::forms::once()`).
pub fn once() -> String {
    OnceForms::token()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_acts_once_until_given_back() {
        let once = OnceForms::default();
        let t = OnceForms::token();
        assert!(once.claim(Some(&t)));
        assert!(!once.claim(Some(&t)), "the second click");
        once.release(Some(&t));
        assert!(
            once.claim(Some(&t)),
            "after a failure the form may be sent again"
        );
        assert!(
            once.claim(None) && once.claim(None),
            "forms without a token act as before"
        );
    }
}
