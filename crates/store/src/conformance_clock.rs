//! Storage stamps every change with the store's own clock, never the system's: the moment a
//! test sets is the moment rows and audit events carry, and deadlines run from it. A backend
//! that read the system clock anywhere would stamp this check's changes years off.

use chrono::Duration;
use corridor_domain::CaseCategory;

use crate::conformance::{inquiry, staffed, system};
use crate::{Actor, Clock, Store};

/// `clock` is the manual clock the store was opened with, standing years before today.
pub async fn changes_carry_the_store_clock(store: &dyn Store, clock: &Clock) {
    let start = clock.now();
    let (_, lead, _, _) = staffed(store).await;
    let recorded = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Hamid"]), &system())
        .await
        .unwrap();
    let case = recorded.case_id.expect("routed to the lead's team");

    clock.advance(Duration::hours(5));
    let later = clock.now();
    let lead_actor = Actor::user(lead.id, "lead", None);
    let note = store
        .add_case_note(case, "Called the family back", true, &lead_actor)
        .await
        .unwrap();
    assert_eq!(note.created_at, later, "the note carries the store's time");

    let events = store.audit_events(None, 1000).await.unwrap();
    assert!(
        events.iter().all(|e| e.at == start || e.at == later),
        "every audit event carries one of the two moments the clock stood at: {:?}",
        events
            .iter()
            .map(|e| (e.action.as_str(), e.at))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        events.first().map(|e| e.at),
        Some(later),
        "the note's event"
    );
    assert_eq!(
        events.last().map(|e| e.at),
        Some(start),
        "the first change's event"
    );
    assert!(store.verify_audit_chain().await.unwrap().is_ok());

    // The note restarted the next-action clock at `later`: nothing is overdue an hour on, and
    // the case is two months on. Had a deadline run from the system's clock, years ahead of
    // this one, the second would not hold.
    clock.advance(Duration::hours(1));
    assert!(
        store
            .escalate_overdue(clock.now())
            .await
            .unwrap()
            .is_empty()
    );
    clock.advance(Duration::days(60));
    let escalated = store.escalate_overdue(clock.now()).await.unwrap();
    assert_eq!(escalated.len(), 1, "the case's next action is overdue");
    assert_eq!(escalated[0].case_id, case);
    assert_eq!(escalated[0].escalated_at, clock.now());
    let newest = store.audit_events(Some(("case", case.0)), 1).await.unwrap();
    assert_eq!(newest[0].action, "case.escalated");
    assert_eq!(newest[0].at, clock.now());
}
