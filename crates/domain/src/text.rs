//! Text newtypes: checked once where they enter, trusted everywhere after.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{field} is required")]
    Empty { field: &'static str },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{field} may contain only lower-case letters, digits, '.', '_' and '-'")]
    Charset { field: &'static str },
    #[error("the password must be at least {min} characters long")]
    PasswordTooShort { min: usize },
    #[error("the password is too simple: use a longer phrase with varied characters")]
    PasswordTooSimple,
    #[error("{field} contains control characters")]
    Control { field: &'static str },
}

/// Trims, refuses empty and over-long input, and refuses control characters other than line
/// breaks and tabs (they have no business in a name and break CSV exports).
fn checked(field: &'static str, s: &str, max: usize) -> Result<String, TextError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(TextError::Empty { field });
    }
    if t.chars().count() > max {
        return Err(TextError::TooLong { field, max });
    }
    if t.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(TextError::Control { field });
    }
    Ok(t.to_string())
}

/// A sign-in name: short, lower-case, safe to show in logs (it identifies staff, not applicants).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub fn parse(s: &str) -> Result<Self, TextError> {
        let t = checked("username", &s.to_lowercase(), 64)?;
        if !t
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        {
            return Err(TextError::Charset { field: "username" });
        }
        Ok(Username(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A staff member's name as shown on pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(s: &str) -> Result<Self, TextError> {
        checked("display name", s, 120).map(DisplayName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Free text with a maximum length, for subjects, reasons and the like.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoundedText(String);

impl BoundedText {
    pub fn parse(field: &'static str, s: &str, max: usize) -> Result<Self, TextError> {
        checked(field, s, max).map(BoundedText)
    }

    /// Like `parse`, but blank input is simply absent.
    pub fn optional(field: &'static str, s: &str, max: usize) -> Result<Option<Self>, TextError> {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(field, s, max).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A password as typed, before hashing. Never printed: Debug hides it.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_LEN: usize = 12;

    pub fn parse(s: &str) -> Result<Self, TextError> {
        if s.chars().count() < Self::MIN_LEN {
            return Err(TextError::PasswordTooShort { min: Self::MIN_LEN });
        }
        let mut distinct: Vec<char> = s.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 6 {
            return Err(TextError::PasswordTooSimple);
        }
        Ok(Password(s.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lowercased_and_restricted() {
        assert_eq!(
            Username::parse(" Lead.Demo ").unwrap().as_str(),
            "lead.demo"
        );
        assert_eq!(
            Username::parse("ali khan"),
            Err(TextError::Charset { field: "username" })
        );
        assert_eq!(
            Username::parse("  "),
            Err(TextError::Empty { field: "username" })
        );
    }

    #[test]
    fn bounded_text_refuses_long_and_control_input() {
        assert!(BoundedText::parse("subject", "Family at Torkham", 200).is_ok());
        assert_eq!(
            BoundedText::parse("subject", &"x".repeat(201), 200),
            Err(TextError::TooLong {
                field: "subject",
                max: 200
            })
        );
        assert_eq!(
            BoundedText::parse("subject", "a\u{0}b", 200),
            Err(TextError::Control { field: "subject" })
        );
        assert_eq!(BoundedText::optional("notes", "   ", 10), Ok(None));
    }

    #[test]
    fn weak_passwords_are_refused_and_never_printed() {
        assert!(matches!(
            Password::parse("short"),
            Err(TextError::PasswordTooShort { .. })
        ));
        assert_eq!(
            Password::parse("aaaaaaaaaaaaaaaa").unwrap_err(),
            TextError::PasswordTooSimple
        );
        let p = Password::parse("correct horse battery").unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
    }
}
