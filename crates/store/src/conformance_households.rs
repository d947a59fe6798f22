//! Conformance: a case is a household. A request naming several families opens or joins one
//! case per family and stays one request linked to each; a case never grows by chaining.

use corridor_domain::{CaseCategory, CaseId, PersonDetails, PersonMatch, PersonRef};

use crate::Store;
use crate::conformance::{inquiry, lead_and_team, system};

fn member(name: &str, key: &str, relationship: &str) -> PersonDetails {
    PersonDetails {
        given_name: Some(name.into()),
        household: Some(key.into()),
        relationship: Some(relationship.into()),
        ..Default::default()
    }
}

async fn people_on(store: &dyn Store, case: CaseId) -> Vec<String> {
    let case = store.get_case(case, &system()).await.unwrap().unwrap();
    let mut names: Vec<String> = case
        .people
        .iter()
        .map(|p| p.details.display_name())
        .collect();
    names.sort();
    names
}

/// An NGO's list of three families is one inquiry and three cases, each showing the list.
pub async fn a_list_of_families_opens_a_case_per_family(store: &dyn Store) {
    lead_and_team(store).await;
    let mut list = inquiry(CaseCategory::Evacuation, &[]);
    list.people = vec![
        member("Parwana", "N-1", "principal"),
        member("Sohail", "N-1", "son"),
        member("Olena", "N-2", "principal"),
        member("Petro", "N-2", "husband"),
        member("Wei", "N-3", "principal"),
    ];
    let recorded = store.record_inquiry(list, &system()).await.unwrap();
    let cases = store
        .list_cases(&Default::default(), crate::PageRequest::first(50))
        .await
        .unwrap()
        .items;
    assert_eq!(cases.len(), 3, "one case per family");
    let mut sizes: Vec<i64> = cases.iter().map(|c| c.people_count).collect();
    sizes.sort();
    assert_eq!(sizes, vec![1, 2, 2]);
    assert!(cases.iter().all(|c| c.inquiry_count == 1));
    for c in &cases {
        let case = store.get_case(c.id, &system()).await.unwrap().unwrap();
        assert_eq!(
            case.inquiries.len(),
            1,
            "the list shows on every case it opened"
        );
        assert_eq!(case.inquiries[0].id, recorded.id);
        assert_eq!(case.requesters.len(), 1);
    }
    assert_eq!(
        people_on(store, recorded.case_id.unwrap()).await,
        vec!["Parwana", "Sohail"],
        "the reference answers with the first family's case"
    );
    let totals = store.totals().await.unwrap();
    assert_eq!((totals.inquiries, totals.cases), (1, 3));
}

/// A person already on a case, named again in a list beside other families, brings their own
/// family to that case and nobody else.
pub async fn a_matched_person_does_not_pull_a_list_onto_their_case(store: &dyn Store) {
    lead_and_team(store).await;
    let first = store
        .record_inquiry(
            inquiry(CaseCategory::Visa, &["Najibullah", "Fatima"]),
            &system(),
        )
        .await
        .unwrap();
    let family = first.case_id.unwrap();
    let najib = store
        .get_case(family, &system())
        .await
        .unwrap()
        .unwrap()
        .people[0]
        .id;
    let mut list = inquiry(CaseCategory::Evacuation, &[]);
    list.people = vec![
        member("Maria", "L-7", "principal"),
        member("José", "L-7", "son"),
        member("Najib Ullah", "L-8", "principal"),
        member("Ahmad", "L-8", "son"),
    ];
    list.matches = vec![
        PersonMatch::default(),
        PersonMatch::default(),
        PersonMatch {
            same_as: Some(PersonRef::Known(najib)),
            possible: vec![],
        },
        PersonMatch::default(),
    ];
    let recorded = store.record_inquiry(list, &system()).await.unwrap();
    assert_eq!(
        people_on(store, family).await,
        vec!["Ahmad", "Fatima", "Najibullah"],
        "Najibullah's son joins his case; Maria's family does not"
    );
    assert_ne!(
        recorded.case_id,
        Some(family),
        "the list's first family is Maria's"
    );
    assert_eq!(
        people_on(store, recorded.case_id.unwrap()).await,
        vec!["José", "Maria"]
    );
    let case = store.get_case(family, &system()).await.unwrap().unwrap();
    assert_eq!(
        case.inquiries.len(),
        2,
        "the list feeds Najibullah's case too"
    );
}

/// Two open cases that one request names as one family are not merged: the case the family
/// joins gets a task naming the other, for a person to decide.
pub async fn two_cases_named_as_one_family_become_a_task(store: &dyn Store) {
    lead_and_team(store).await;
    let a = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Karim"]), &system())
        .await
        .unwrap();
    let b = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Laila"]), &system())
        .await
        .unwrap();
    let (case_a, case_b) = (a.case_id.unwrap(), b.case_id.unwrap());
    let karim = store
        .get_case(case_a, &system())
        .await
        .unwrap()
        .unwrap()
        .people[0]
        .id;
    let laila = store
        .get_case(case_b, &system())
        .await
        .unwrap()
        .unwrap()
        .people[0]
        .id;
    let mut both = inquiry(CaseCategory::Visa, &["Karim", "Laila"]);
    both.matches = vec![
        PersonMatch {
            same_as: Some(PersonRef::Known(karim)),
            possible: vec![],
        },
        PersonMatch {
            same_as: Some(PersonRef::Known(laila)),
            possible: vec![],
        },
    ];
    let recorded = store.record_inquiry(both, &system()).await.unwrap();
    assert_eq!(
        recorded.case_id,
        Some(case_a),
        "the older case among equals"
    );
    assert_eq!(people_on(store, case_b).await, vec!["Laila"], "not merged");
    let case = store.get_case(case_a, &system()).await.unwrap().unwrap();
    assert_eq!(case.tasks.len(), 1);
    assert!(
        case.tasks[0].body.contains(&format!("C-{}", case_b.0)),
        "{}",
        case.tasks[0].body
    );
    let totals = store.totals().await.unwrap();
    assert_eq!(totals.cases, 2);
}
