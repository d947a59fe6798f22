//! Conformance checks of detaching a record from its person (the undo for a sure match), and of
//! the household members intake pairs a returning family with.

use corridor_domain::{
    CaseCategory, CaseOutcome, CaseStatus, PersonId, PersonMatch, RequesterKind,
};

use crate::Refusal;
use crate::conformance::{inquiry, staffed, system};
use crate::prelude::*;
use crate::{Actor, StoreError};

async fn people_of(store: &dyn Store, inquiry: corridor_domain::InquiryId) -> Vec<PersonId> {
    store
        .get_inquiry(inquiry, &system())
        .await
        .unwrap()
        .unwrap()
        .people
}

fn sure(person: PersonId) -> PersonMatch {
    PersonMatch {
        same_as: Some(person.into()),
        possible: vec![],
    }
}

pub async fn detaching_undoes_a_sure_match(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let actor = Actor::user(lead.id, "lead", None);
    let first = store
        .record_inquiry(
            inquiry(CaseCategory::Visa, &["Najibullah", "Fatima"]),
            &system(),
        )
        .await
        .unwrap();
    let najib = people_of(store, first.id).await[0];
    // Intake was sure "Najib Ullah" is Najibullah; he is not. His son Ahmad came with him.
    let mut second = inquiry(CaseCategory::Visa, &["Najib Ullah", "Ahmad"]);
    second.requester.name = "A congressional office".into();
    second.requester.kind = RequesterKind::Congressional;
    second.matches = vec![sure(najib), PersonMatch::default()];
    let second = store.record_inquiry(second, &system()).await.unwrap();
    assert_eq!(second.case_id, first.case_id);
    let ahmad = people_of(store, second.id).await[1];
    let file = store.get_person(najib, &actor).await.unwrap().unwrap();
    assert_eq!(file.records.len(), 2);
    let wrong = file
        .records
        .iter()
        .find(|r| r.inquiry_id == second.id)
        .unwrap()
        .id;

    let new = store
        .detach_record(najib, wrong, Some("different father"), &actor)
        .await
        .unwrap();
    assert_ne!(new, najib);
    let old = store.get_person(najib, &actor).await.unwrap().unwrap();
    assert_eq!(old.records.len(), 1);
    assert_eq!(old.person.details.given_name.as_deref(), Some("Najibullah"));
    assert!(
        old.sources.iter().all(|s| s.inquiry_id == first.id),
        "no field of the old person comes from the detached record"
    );
    assert_eq!(
        old.cases,
        vec![first.case_id.unwrap()],
        "his own record keeps him on the case"
    );
    let detached = store.get_person(new, &actor).await.unwrap().unwrap();
    assert_eq!(detached.records.len(), 1);
    assert_eq!(detached.records[0].id, wrong);
    assert_eq!(
        detached.person.details.given_name.as_deref(),
        Some("Najib Ullah"),
        "the new person's fields come from the record"
    );
    assert!(detached.sources.iter().all(|s| s.inquiry_id == second.id));
    assert_eq!(detached.person.source_inquiry_id, Some(second.id));
    assert_eq!(detached.cases, vec![second.case_id.unwrap()]);
    let ahmad_file = store.get_person(ahmad, &actor).await.unwrap().unwrap();
    assert_eq!(
        detached.person.household_id, ahmad_file.person.household_id,
        "the new person is in the household of the others his inquiry names"
    );
    assert_eq!(people_of(store, second.id).await, vec![new, ahmad]);
    // Matching asks whose a record is at every match: the detached one is the new person's.
    let owners = store.record_owners(&[wrong]).await.unwrap();
    assert_eq!(owners, vec![(wrong, new)]);
    let case = store
        .get_case(first.case_id.unwrap(), &actor)
        .await
        .unwrap()
        .unwrap();
    assert!(case.people.iter().any(|p| p.id == new));
    assert!(case.people.iter().any(|p| p.id == najib));
    assert!(
        case.history
            .iter()
            .any(|e| e.action == "case.person_detached")
    );
    let events = store
        .audit_events(Some(("person", najib.0)), 10)
        .await
        .unwrap();
    let event = events
        .iter()
        .find(|e| e.action == "person.record_detached")
        .expect("the detach is audited on the old person");
    assert_eq!(event.actor_id, Some(lead.id));
    // The reason is free text: the trail says one was given, not what it said.
    assert!(
        event.detail.contains("a reason was given"),
        "{}",
        event.detail
    );
    assert!(!event.detail.contains("different father"));
    assert!(
        !event.detail.contains("Najib"),
        "the trail holds ids, not names"
    );
    assert_eq!(store.totals().await.unwrap().people, 4);

    // Refusals: the only record, a record of someone else, a person merged away.
    let only = store.detach_record(new, wrong, None, &actor).await;
    assert!(
        matches!(&only, Err(StoreError::Rule(Refusal::OnlyRecord { record, person }))
            if *record == wrong.0 && *person == new.0),
        "{only:?}"
    );
    let theirs = store.detach_record(ahmad, wrong, None, &actor).await;
    assert!(
        matches!(theirs, Err(StoreError::NotFound { .. })),
        "{theirs:?}"
    );
    let nobody = store
        .detach_record(PersonId(9_999), wrong, None, &actor)
        .await;
    assert!(
        matches!(nobody, Err(StoreError::NotFound { .. })),
        "{nobody:?}"
    );

    // A mistaken detach is undone by merging back.
    let back_merge = store
        .merge_persons(najib, new, Some("same after all"), &actor)
        .await
        .unwrap();
    let back = store.get_person(najib, &actor).await.unwrap().unwrap();
    assert_eq!(back.records.len(), 2);
    let merged_away = store.detach_record(new, wrong, None, &actor).await;
    assert!(
        matches!(&merged_away, Err(StoreError::Rule(Refusal::DetachFromMerged { person, live }))
            if *person == new.0 && *live == najib.0),
        "{merged_away:?}"
    );
    // A merge whose record was detached since cannot be undone: the record is not the kept
    // person's to give back. Merged back again, it can.
    let again = store
        .detach_record(najib, wrong, None, &actor)
        .await
        .unwrap();
    let undo = store.undo_merge(back_merge, &actor).await;
    assert!(
        matches!(&undo, Err(StoreError::Rule(Refusal::DetachedSinceMerge { merge, kept }))
            if *merge == back_merge.0 && *kept == najib.0),
        "{undo:?}"
    );
    store
        .merge_persons(najib, again, None, &actor)
        .await
        .unwrap();
    store.undo_merge(back_merge, &actor).await.unwrap();
    let restored = store.get_person(new, &actor).await.unwrap().unwrap();
    assert_eq!(restored.records.len(), 1);
    assert_eq!(restored.records[0].id, wrong);
    assert!(store.verify_audit_chain().await.unwrap().is_ok());
}

/// A sure match that opened a case for a known person whose own case was closed: detaching
/// the record takes the known person off that case, and the new person leads it.
pub async fn detaching_moves_the_case_to_the_new_person(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let actor = Actor::user(lead.id, "lead", None);
    let first = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Yousuf"]), &system())
        .await
        .unwrap();
    store
        .change_case_status(
            first.case_id.unwrap(),
            CaseStatus::Closed,
            Some("visa issued"),
            Some(CaseOutcome::Duplicate),
            &actor,
        )
        .await
        .unwrap();
    let yousuf = people_of(store, first.id).await[0];
    let mut second = inquiry(CaseCategory::Evacuation, &["Yusuf"]);
    second.matches = vec![sure(yousuf)];
    let second = store.record_inquiry(second, &system()).await.unwrap();
    let case = second.case_id.unwrap();
    assert_ne!(Some(case), first.case_id, "a closed case is not joined");
    let record = store
        .get_person(yousuf, &actor)
        .await
        .unwrap()
        .unwrap()
        .records
        .iter()
        .find(|r| r.inquiry_id == second.id)
        .unwrap()
        .id;
    let new = store
        .detach_record(yousuf, record, None, &actor)
        .await
        .unwrap();
    let case = store.get_case(case, &actor).await.unwrap().unwrap();
    assert_eq!(
        case.people.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![new],
        "the known person has no record on the new case any more"
    );
    assert_eq!(case.summary.title, "Yusuf");
    let old = store.get_person(yousuf, &actor).await.unwrap().unwrap();
    assert_eq!(old.cases, vec![first.case_id.unwrap()]);
    assert_eq!(old.person.household_id, None);
    let detached = store.get_person(new, &actor).await.unwrap().unwrap();
    assert_eq!(
        detached.person.household_id, None,
        "he was asked about alone"
    );
}

/// Every record of the living members of the households of the people asked about.
pub async fn household_records_list_the_living_members(store: &dyn Store) {
    staffed(store).await;
    let family = store
        .record_inquiry(
            inquiry(CaseCategory::Visa, &["Mohammad Daud", "Fatima", "Zainab"]),
            &system(),
        )
        .await
        .unwrap();
    let people = people_of(store, family.id).await;
    let alone = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Bilal"]), &system())
        .await
        .unwrap();
    let bilal = people_of(store, alone.id).await[0];
    // Fatima asked about again, surely the same: two records.
    let mut again = inquiry(CaseCategory::Visa, &["Fatimah"]);
    again.matches = vec![sure(people[1])];
    store.record_inquiry(again, &system()).await.unwrap();

    assert!(
        store.household_records(&[bilal]).await.unwrap().is_empty(),
        "someone asked about alone has no household"
    );
    let rows = store.household_records(&[people[0], bilal]).await.unwrap();
    let members: Vec<PersonId> = rows.iter().map(|r| r.person).collect();
    assert_eq!(
        members,
        vec![people[0], people[1], people[1], people[2]],
        "every record of every member, by person"
    );
    assert!(rows.iter().all(|r| r.household == rows[0].household));
    // Zainab merged into Fatima (by mistake) is no member of her own any more.
    store
        .merge_persons(people[1], people[2], None, &system())
        .await
        .unwrap();
    let rows = store.household_records(&[people[1]]).await.unwrap();
    assert!(rows.iter().all(|r| r.person != people[2]));
    assert_eq!(rows.len(), 4, "Zainab's record is Fatima's now");
}
