//! Case priority, assessed from what the intake recorded. A first cut: the workflow issue adds
//! waiting time and manual overrides.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::{CaseCategory, ParseEnumError, PersonDetails};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Ordered so that sorting ascending puts the most urgent first.
    Critical,
    High,
    Normal,
    Low,
}

impl Priority {
    pub const ALL: &'static [Priority] = &[
        Priority::Critical,
        Priority::High,
        Priority::Normal,
        Priority::Low,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Critical => "critical",
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Priority::Critical => "Critical",
            Priority::High => "High",
            Priority::Normal => "Normal",
            Priority::Low => "Low",
        }
    }

    /// Medical emergencies and unaccompanied children come first; people at a border crossing
    /// or named as at risk next. Words are matched in the needs and notes the intake recorded.
    pub fn assess(category: CaseCategory, people: &[PersonDetails]) -> Priority {
        let text: String = people
            .iter()
            .flat_map(|p| [p.needs.as_deref(), p.location.as_deref()])
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        if category == CaseCategory::Medical
            || has(&["medical emergency", "urgent medical", "unaccompanied"])
        {
            Priority::Critical
        } else if category == CaseCategory::BorderCrossing
            || category == CaseCategory::Protection
            || has(&[
                "border",
                "torkham",
                "chaman",
                "interpreter",
                "judge",
                "prosecutor",
                "journalist",
                "threat",
                "hiding",
            ])
        {
            Priority::High
        } else {
            Priority::Normal
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Priority::ALL
            .iter()
            .copied()
            .find(|p| p.as_str() == wanted)
            .ok_or_else(|| ParseEnumError {
                kind: "priority",
                value: s.to_string(),
                expected: "critical, high, normal, low".into(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(needs: &str, location: &str) -> PersonDetails {
        PersonDetails {
            needs: Some(needs.into()),
            location: Some(location.into()),
            ..PersonDetails::default()
        }
    }

    #[test]
    fn emergencies_outrank_everything() {
        let p = [person("urgent medical care, dialysis", "Kabul")];
        assert_eq!(Priority::assess(CaseCategory::Visa, &p), Priority::Critical);
        assert_eq!(
            Priority::assess(CaseCategory::Medical, &[]),
            Priority::Critical
        );
    }

    #[test]
    fn people_at_the_border_are_high() {
        let p = [person("", "Torkham border crossing")];
        assert_eq!(
            Priority::assess(CaseCategory::Evacuation, &p),
            Priority::High
        );
        assert_eq!(
            Priority::assess(CaseCategory::Visa, &[person("", "Kabul")]),
            Priority::Normal
        );
    }

    #[test]
    fn most_urgent_sorts_first() {
        let mut v = [Priority::Low, Priority::Critical, Priority::Normal];
        v.sort();
        assert_eq!(v[0], Priority::Critical);
    }
}
