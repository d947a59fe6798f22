//! Shared rules of the workflow slice (deadlines, escalation, notes, tasks, pathways, bulk
//! actions), checked once here so that both backends decide the same way.

use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseCategory, CaseId, DeadlineKind, EvidenceKind, Pathway, Priority, StepError, UserId,
    deadline_seconds,
};
use serde::{Deserialize, Serialize};

use crate::Refusal;
use crate::{Result, StoreError};

/// The longest note or task text kept; longer text is refused, never cut.
pub const MAX_TEXT: usize = 20_000;

/// A task to add to a case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTask {
    pub body: String,
    pub assignee: Option<UserId>,
    pub due_at: Option<DateTime<Utc>>,
}

/// Evidence to add to a person's pathway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEvidence {
    pub kind: EvidenceKind,
    pub reference: Option<String>,
    pub note: Option<String>,
    /// A document of the person, or of a case they are on, that backs the evidence.
    pub document: Option<crate::documents::DocumentId>,
}

/// The allowed seconds of a clock as an SQL expression over a case row's `category` and
/// `priority` (the priority's rank) columns, generated from the domain's policy table so the
/// numbers live in one place. Only constants go into the text.
pub fn allowed_seconds_sql(kind: DeadlineKind, category: &str, priority: &str) -> String {
    let mut sql = String::from("(CASE");
    for (rank, p) in Priority::ALL.iter().enumerate() {
        for c in CaseCategory::ALL {
            sql.push_str(&format!(
                " WHEN {category} = '{}' AND {priority} = {rank} THEN {}",
                c.as_str(),
                deadline_seconds(kind, *c, *p)
            ));
        }
    }
    sql.push_str(&format!(
        " ELSE {} END)",
        deadline_seconds(kind, CaseCategory::Other, Priority::Normal)
    ));
    sql
}

/// Trims a note's or task's text and refuses an empty or oversized one.
pub fn check_text<'a>(what: &str, text: &'a str) -> Result<&'a str> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::EmptyText { what: what.into() }.into());
    }
    // Counted in characters, as the API document's maxLength counts: Dari text takes two
    // bytes a letter and gets the same room as English.
    if text.chars().count() > MAX_TEXT {
        return Err(Refusal::TextTooLong {
            what: what.into(),
            max: MAX_TEXT,
        }
        .into());
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(Refusal::ControlCharacters { what: what.into() }.into());
    }
    Ok(text)
}

/// An optional short field (an evidence reference, a step note): trimmed, empty means none.
pub fn check_optional(what: &str, text: Option<&str>, max: usize) -> Result<Option<String>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > max => Err(Refusal::TextTooLong {
            what: what.into(),
            max,
        }
        .into()),
        Some(t) if t.chars().any(|c| c.is_control() && c != '\n') => {
            Err(Refusal::ControlCharacters { what: what.into() }.into())
        }
        Some(t) => Ok(Some(t.to_string())),
    }
}

/// A plausible email address for a user (the relay checks the rest).
pub fn check_email(email: Option<&str>) -> Result<Option<String>> {
    match email.map(str::trim).filter(|e| !e.is_empty()) {
        None => Ok(None),
        Some(e) => {
            let ok = e.len() <= 254
                && !e.chars().any(|c| c.is_whitespace() || c.is_control())
                && e.split_once('@')
                    .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.contains('@'));
            if ok {
                Ok(Some(e.to_string()))
            } else {
                Err(Refusal::NotAnEmail { value: e.into() }.into())
            }
        }
    }
}

/// A pathway step that is not allowed, as a refused rule.
pub fn step_error(e: StepError) -> StoreError {
    Refusal::Step(e).into()
}

/// Refuses an empty bulk request and a case named twice, before anything is written. There is
/// deliberately no upper limit: a task force acts on whole lists.
pub fn check_bulk(cases: &[CaseId]) -> Result<()> {
    if cases.is_empty() {
        return Err(Refusal::NoCaseChosen.into());
    }
    let mut seen = std::collections::HashSet::with_capacity(cases.len());
    if let Some(dup) = cases.iter().find(|c| !seen.insert(**c)) {
        return Err(Refusal::CaseNamedTwice { case: *dup }.into());
    }
    Ok(())
}

/// Names the case that refused a bulk action, keeping the kind of error (so a missing case is
/// still a 404 and a refused rule a 422). Nothing of the batch was written.
pub fn bulk_refusal(case: CaseId, e: StoreError) -> StoreError {
    let refused = |r: Refusal| StoreError::Rule(Refusal::in_bulk(case, r));
    match e {
        StoreError::NotFound { .. } => refused(Refusal::NoSuchCase { case }),
        StoreError::Rule(r) => refused(r),
        StoreError::Conflict(m) => {
            StoreError::Conflict(format!("case C-{case} refused, nothing was changed: {m}"))
        }
        StoreError::Transition(t) => refused(Refusal::Transition(t)),
        other => other,
    }
}

/// What an escalation tells the lead, in the app and by email: the case and the clock, never
/// who the case is about.
pub fn escalation_text(case: CaseId, kind: DeadlineKind, due: DateTime<Utc>) -> String {
    format!(
        "Case C-{case} is overdue for its {} (due {} UTC).",
        kind.label(),
        due.format("%Y-%m-%d %H:%M")
    )
}

pub fn mention_text(by: &str, case: CaseId, in_what: &str) -> String {
    format!("{by} mentioned you in a {in_what} on case C-{case}.")
}

pub fn task_text(by: &str, case: CaseId) -> String {
    format!("{by} gave you a task on case C-{case}.")
}

/// The verification work a "claims eligibility, no record found" pathway needs, as tasks on
/// the person's case. The texts name no one.
pub fn verification_tasks(person: i64) -> [String; 3] {
    [
        format!(
            "Verify P-{person}'s claimed eligibility with the issuing office (no record found)."
        ),
        format!("Ask the requester for any document supporting P-{person}'s claim."),
        format!("Record the verification result on P-{person}'s pathway (verified or not)."),
    ]
}

/// How long verification tasks are given.
pub const VERIFICATION_DAYS: i64 = 7;

/// Parses a pathway step query into a pathway and, optionally, a step of it.
pub fn pathway_filter(pathway: Pathway, step: Option<&str>) -> Result<Option<&'static str>> {
    step.map(|s| pathway.step(s).map(|s| s.code).map_err(step_error))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_limits_count_letters_not_bytes() {
        // "سلام" is eight bytes: a note of 20,000 Dari letters is 40,000 bytes and fits.
        let dari = "سلام ".repeat(MAX_TEXT / 5);
        assert_eq!(dari.trim().chars().count(), MAX_TEXT - 1);
        assert!(check_text("note", &dari).is_ok());
        let over = format!("{dari}سلام");
        assert!(check_text("note", &over).is_err());
        assert!(check_optional("note", Some(&"د".repeat(2000)), 2000).is_ok());
        assert!(check_optional("note", Some(&"د".repeat(2001)), 2000).is_err());
    }

    #[test]
    fn the_policy_expression_names_every_combination() {
        let sql = allowed_seconds_sql(DeadlineKind::FirstResponse, "c.category", "c.priority");
        assert!(sql.contains("WHEN c.category = 'medical' AND c.priority = 3 THEN 86400"));
        assert!(sql.contains("WHEN c.category = 'visa' AND c.priority = 0 THEN 14400"));
    }

    #[test]
    fn bulk_requests_and_texts_are_checked() {
        assert!(check_bulk(&[]).is_err());
        assert!(check_bulk(&[CaseId(1), CaseId(1)]).is_err());
        assert!(check_bulk(&[CaseId(1), CaseId(2)]).is_ok());
        assert!(check_text("note", "  ").is_err());
        assert_eq!(check_text("note", " call back ").unwrap(), "call back");
        assert!(check_email(Some("lead@example.org")).unwrap().is_some());
        assert!(check_email(Some("not an address")).is_err());
        assert_eq!(check_email(Some(" ")).unwrap(), None);
        let inactive = Refusal::UserInactive {
            username: "lead".into(),
        };
        let e = bulk_refusal(CaseId(7), inactive.clone().into());
        assert!(
            matches!(&e, StoreError::Rule(Refusal::InBulk { case: CaseId(7), refused })
                if **refused == inactive),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "case C-7 refused, nothing was changed: user lead is not active"
        );
    }
}
