//! What intake hands to storage: one inquiry, as it arrived, with the people it is about.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{CaseCategory, Channel, RequesterKind, Sex};

/// Who asked. Requesters are recognised again by kind, name and email, so a sponsor who writes
/// ten times is one requester with ten inquiries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NewRequester {
    pub kind: RequesterKind,
    pub name: String,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// One person as this inquiry described them, written as it was written (normalization for
/// matching happens in the matching crate, never by overwriting what the requester said).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PersonDetails {
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub full_name: Option<String>,
    pub father_name: Option<String>,
    pub date_of_birth: Option<String>,
    pub sex: Option<Sex>,
    pub national_id: Option<String>,
    pub passport: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub province: Option<String>,
    /// Where the person is now (a city, a border crossing).
    pub location: Option<String>,
    /// Relationship to the principal applicant of the household.
    pub relationship: Option<String>,
    pub needs: Option<String>,
}

impl PersonDetails {
    /// The name to show: given and family name, or the full name as written.
    pub fn display_name(&self) -> String {
        let parts: Vec<&str> = [self.given_name.as_deref(), self.family_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if !parts.is_empty() {
            parts.join(" ")
        } else if let Some(full) = self.full_name.as_deref().filter(|s| !s.trim().is_empty()) {
            full.to_string()
        } else {
            "(no name given)".to_string()
        }
    }

    /// True when nothing identifies the person at all; such entries are not stored as people.
    pub fn is_blank(&self) -> bool {
        [
            &self.given_name,
            &self.family_name,
            &self.full_name,
            &self.national_id,
            &self.passport,
            &self.phone,
            &self.email,
        ]
        .iter()
        .all(|f| f.as_deref().is_none_or(|s| s.trim().is_empty()))
    }

    /// Turns blank strings into absent values, so that storage never holds "" for "unknown".
    pub fn tidy(mut self) -> Self {
        for f in [
            &mut self.given_name,
            &mut self.family_name,
            &mut self.full_name,
            &mut self.father_name,
            &mut self.date_of_birth,
            &mut self.national_id,
            &mut self.passport,
            &mut self.phone,
            &mut self.email,
            &mut self.address,
            &mut self.province,
            &mut self.location,
            &mut self.relationship,
            &mut self.needs,
        ] {
            if let Some(s) = f.take() {
                let t = s.trim();
                if t.len() == s.len() {
                    // Already tidy: keep the allocation (bulk imports tidy millions of fields).
                    if !s.is_empty() {
                        *f = Some(s);
                    }
                } else if !t.is_empty() {
                    *f = Some(t.to_string());
                }
            }
        }
        self
    }
}

/// One incoming request, exactly as it arrived.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewInquiry {
    pub channel: Channel,
    pub requester: NewRequester,
    pub received_at: DateTime<Utc>,
    pub subject: String,
    pub category: CaseCategory,
    /// The request verbatim (form fields as JSON, the raw email, the spreadsheet row). Never
    /// edited after it is stored.
    pub raw_payload: String,
    pub content_type: String,
    /// Household label as the requester wrote it, when the people move together.
    pub household_label: Option<String>,
    pub people: Vec<PersonDetails>,
    /// A client-chosen key that makes a retried submission return the first one.
    pub idempotency_key: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_prefers_structured_names() {
        let p = PersonDetails {
            given_name: Some("Najibullah".into()),
            family_name: Some("Ahmadzai".into()),
            full_name: Some("Najibullah s/o Abdul Wahid".into()),
            ..Default::default()
        };
        assert_eq!(p.display_name(), "Najibullah Ahmadzai");
        let q = PersonDetails {
            full_name: Some("Fatima d/o Ghulam".into()),
            ..Default::default()
        };
        assert_eq!(q.display_name(), "Fatima d/o Ghulam");
    }

    #[test]
    fn tidy_drops_blanks_and_blank_people_are_detected() {
        let p = PersonDetails {
            given_name: Some("  ".into()),
            phone: Some(" 0701234567 ".into()),
            ..Default::default()
        }
        .tidy();
        assert_eq!(p.given_name, None);
        assert_eq!(p.phone.as_deref(), Some("0701234567"));
        assert!(!p.is_blank());
        assert!(PersonDetails::default().is_blank());
    }
}
