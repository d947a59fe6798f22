//! Detaching one record from its person: the rules, once, for every backend (see
//! [`crate::PeopleStore::detach_record`]). Backends read where the record is, ask
//! [`DetachPlan::check`] whether it may move, write the move and the audit events this module
//! words.

use corridor_domain::{CaseId, InquiryId, MergeId, PersonId, RecordId};

use crate::Refusal;
use crate::{AuditAction, NewAuditEvent, Result, StoreError};

/// Where a record is now, as the backend read it inside its write transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordPlace {
    /// The person the record belongs to now.
    pub person: PersonId,
    pub inquiry: InquiryId,
    /// The case the record's inquiry is on, if it was triaged.
    pub case: Option<CaseId>,
    /// How many records that person has, this one included.
    pub records_of_person: i64,
}

/// A detach that may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetachPlan {
    pub person: PersonId,
    pub record: RecordId,
    pub inquiry: InquiryId,
    /// The case the new person joins.
    pub case: Option<CaseId>,
}

impl DetachPlan {
    /// `live` is where `person` lives now (itself unless merged away, None if it does not
    /// exist); `place` is where the record is (None if it does not exist).
    pub fn check(
        person: PersonId,
        live: Option<PersonId>,
        record: RecordId,
        place: Option<RecordPlace>,
    ) -> Result<DetachPlan> {
        let Some(live) = live else {
            return Err(StoreError::not_found("person", person));
        };
        if live != person {
            return Err(Refusal::DetachFromMerged {
                person: person.0,
                live: live.0,
            }
            .into());
        }
        // A record of somebody else answers like a missing one: the caller named the pair.
        let place = place.filter(|p| p.person == person).ok_or_else(|| {
            StoreError::not_found("record", format!("{record} of person {person}"))
        })?;
        if place.records_of_person <= 1 {
            return Err(Refusal::OnlyRecord {
                record: record.0,
                person: person.0,
            }
            .into());
        }
        Ok(DetachPlan {
            person,
            record,
            inquiry: place.inquiry,
            case: place.case,
        })
    }

    /// One event on each person, and one on the case when its people changed. Ids only: the
    /// trail never holds names.
    pub fn audit_events(
        &self,
        new: PersonId,
        old_left_case: bool,
        reason: Option<&str>,
    ) -> Vec<NewAuditEvent> {
        let mut detail = format!(
            "record {} (inquiry {}) detached from person {} into new person {new}",
            self.record, self.inquiry, self.person
        );
        // Free text stays out of the audit trail, which is kept for ever (see `protection`).
        if let Some(r) = reason.map(str::trim).filter(|r| !r.is_empty()) {
            detail.push_str(&crate::protection::reason_for_trail(r));
        }
        let mut events = vec![
            NewAuditEvent::new(
                AuditAction::PersonRecordDetached,
                "person",
                self.person.0,
                &detail,
            ),
            NewAuditEvent::new(AuditAction::PersonCreatedByDetach, "person", new.0, &detail),
        ];
        if let Some(case) = self.case {
            let mut text = format!(
                "person {new} added: record {} detached from person {}",
                self.record, self.person
            );
            if old_left_case {
                text.push_str(&format!(
                    "; person {} has no other record on this case and left it",
                    self.person
                ));
            }
            events.push(NewAuditEvent::new(
                AuditAction::CasePersonDetached,
                "case",
                case.0,
                text,
            ));
        }
        events
    }
}

/// See the backends' `check_undo`: `still` of the merge's `moved` records are on `kept` now.
pub fn check_undo(merge: MergeId, kept: i64, moved: usize, still: i64) -> Result<()> {
    if still < moved as i64 {
        return Err(Refusal::DetachedSinceMerge {
            merge: merge.0,
            kept,
        }
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(records: i64) -> Option<RecordPlace> {
        Some(RecordPlace {
            person: PersonId(7),
            inquiry: InquiryId(3),
            case: Some(CaseId(2)),
            records_of_person: records,
        })
    }

    #[test]
    fn the_only_record_stays() {
        let r = DetachPlan::check(PersonId(7), Some(PersonId(7)), RecordId(9), place(1));
        assert!(
            matches!(
                r,
                Err(StoreError::Rule(Refusal::OnlyRecord {
                    record: 9,
                    person: 7
                }))
            ),
            "{r:?}"
        );
    }

    #[test]
    fn a_record_of_someone_else_is_not_found() {
        let r = DetachPlan::check(PersonId(8), Some(PersonId(8)), RecordId(9), place(2));
        assert!(matches!(r, Err(StoreError::NotFound { .. })), "{r:?}");
        let r = DetachPlan::check(PersonId(7), None, RecordId(9), place(2));
        assert!(matches!(r, Err(StoreError::NotFound { .. })), "{r:?}");
    }

    #[test]
    fn a_merged_away_person_points_to_the_live_one() {
        let r = DetachPlan::check(PersonId(7), Some(PersonId(5)), RecordId(9), place(2));
        assert!(
            matches!(
                r,
                Err(StoreError::Rule(Refusal::DetachFromMerged {
                    person: 7,
                    live: 5
                }))
            ),
            "{r:?}"
        );
    }

    #[test]
    fn events_name_ids_and_the_case() {
        let plan =
            DetachPlan::check(PersonId(7), Some(PersonId(7)), RecordId(9), place(2)).unwrap();
        let events = plan.audit_events(PersonId(40), true, Some(" wrong match "));
        assert_eq!(events.len(), 3);
        // Free text stays out of the trail; that a reason was given is said.
        assert!(events[0].detail.ends_with("a reason was given"));
        assert!(!events[0].detail.contains("wrong match"));
        assert!(events[2].detail.contains("left it"));
    }
}
