//! What intake hands to storage: one inquiry, as it arrived, with the people it is about.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{CaseCategory, Channel, PersonId, RequesterKind, Sex};

/// Who asked. Requesters are recognised again by kind, name and email, so a sponsor who writes
/// ten times is one requester with ten inquiries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NewRequester {
    pub kind: RequesterKind,
    /// Not blank.
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// Reads one text field of a person's details.
pub type FieldGetter = fn(&PersonDetails) -> &Option<String>;

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
    /// The household key the requester wrote beside this person (a list's own numbering,
    /// such as "N-0012"): people of one request with one key are one family, with different
    /// keys different families. It means nothing outside its request.
    pub household: Option<String>,
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

    /// The text fields by name, in display order, for provenance and side-by-side views.
    pub const TEXT_FIELDS: [(&'static str, FieldGetter); 14] = [
        ("given_name", |p| &p.given_name),
        ("family_name", |p| &p.family_name),
        ("full_name", |p| &p.full_name),
        ("father_name", |p| &p.father_name),
        ("date_of_birth", |p| &p.date_of_birth),
        ("national_id", |p| &p.national_id),
        ("passport", |p| &p.passport),
        ("phone", |p| &p.phone),
        ("email", |p| &p.email),
        ("address", |p| &p.address),
        ("province", |p| &p.province),
        ("location", |p| &p.location),
        ("relationship", |p| &p.relationship),
        ("needs", |p| &p.needs),
    ];

    fn field_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "given_name" => &mut self.given_name,
            "family_name" => &mut self.family_name,
            "full_name" => &mut self.full_name,
            "father_name" => &mut self.father_name,
            "date_of_birth" => &mut self.date_of_birth,
            "national_id" => &mut self.national_id,
            "passport" => &mut self.passport,
            "phone" => &mut self.phone,
            "email" => &mut self.email,
            "address" => &mut self.address,
            "province" => &mut self.province,
            "location" => &mut self.location,
            "relationship" => &mut self.relationship,
            "needs" => &mut self.needs,
            _ => return None,
        })
    }

    /// One view of a person from every record that describes them, oldest first: each field
    /// takes the first value given, and remembers which record gave it. Nothing a record said
    /// is lost; the records themselves stay as they were.
    pub fn consolidate<'a, K: Copy>(
        records: impl IntoIterator<Item = (K, &'a PersonDetails)>,
    ) -> (PersonDetails, Vec<(&'static str, K)>) {
        let mut out = PersonDetails::default();
        let mut sources = Vec::new();
        let mut sex_from = None;
        for (key, r) in records {
            for (name, get) in Self::TEXT_FIELDS {
                let slot = out.field_mut(name).expect("every text field has a slot");
                if slot.is_none()
                    && let Some(v) = get(r).as_deref().filter(|v| !v.trim().is_empty())
                {
                    *slot = Some(v.to_string());
                    sources.push((name, key));
                }
            }
            if out.sex.is_none() && r.sex.is_some() {
                out.sex = r.sex;
                sex_from = Some(key);
            }
        }
        if let Some(key) = sex_from {
            sources.push(("sex", key));
        }
        (out, sources)
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
            &mut self.household,
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
    /// What matching found for each of `people`, in the same order; empty when matching did
    /// not run. Storage follows it: a sure match links the record to the known person.
    pub matches: Vec<PersonMatch>,
}

/// Matching's verdict on one incoming person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonMatch {
    /// A person this is surely the same as.
    pub same_as: Option<PersonRef>,
    /// People this may be: each becomes a pair for a person to review.
    pub possible: Vec<PossibleMatch>,
}

/// A person matching points at: one already stored, or one described earlier in the same
/// batch of submissions (the same family twice on one list), which has no id until the batch
/// is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PersonRef {
    Known(PersonId),
    /// The `person`-th person of the `submission`-th submission of the batch; it must come
    /// before the one that points at it.
    Earlier {
        submission: usize,
        person: usize,
    },
}

impl From<PersonId> for PersonRef {
    fn from(id: PersonId) -> Self {
        PersonRef::Known(id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PossibleMatch {
    pub person: PersonRef,
    pub probability: f64,
    /// JSON: which fields agreed and how much each counted, for the review screen.
    pub evidence: String,
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
    fn consolidation_keeps_the_first_value_of_each_field_and_its_source() {
        let sponsor = PersonDetails {
            given_name: Some("Mohammad".into()),
            phone: Some("0701234567".into()),
            ..Default::default()
        };
        let walk_in = PersonDetails {
            given_name: Some("Muhammad".into()),
            national_id: Some("1398-0105-23456".into()),
            sex: Some(Sex::Male),
            ..Default::default()
        };
        let (view, sources) = PersonDetails::consolidate([(1, &sponsor), (2, &walk_in)]);
        assert_eq!(view.given_name.as_deref(), Some("Mohammad"));
        assert_eq!(view.national_id.as_deref(), Some("1398-0105-23456"));
        assert_eq!(view.sex, Some(Sex::Male));
        assert!(sources.contains(&("given_name", 1)));
        assert!(sources.contains(&("national_id", 2)));
        assert!(sources.contains(&("sex", 2)));
        assert!(sources.contains(&("phone", 1)));
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
