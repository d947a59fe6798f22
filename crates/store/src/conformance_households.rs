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

/// What automation got wrong is put right by hand: people split off to a case of their own
/// with the requests about them, joined back, and the join undone, each move in both cases'
/// history with its reason kept as a note.
pub async fn split_and_join_move_people_and_their_requests(store: &dyn Store) {
    use crate::{Refusal, StoreError};
    use corridor_domain::CaseStatus;
    lead_and_team(store).await;
    let list = store
        .record_inquiry(
            inquiry(CaseCategory::Visa, &["Karim", "Laila", "Omar"]),
            &system(),
        )
        .await
        .unwrap();
    let first = list.case_id.unwrap();
    let case = store.get_case(first, &system()).await.unwrap().unwrap();
    let id = |name: &str| {
        case.people
            .iter()
            .find(|p| p.details.given_name.as_deref() == Some(name))
            .unwrap()
            .id
    };
    let (karim, laila, omar) = (id("Karim"), id("Laila"), id("Omar"));
    let mut again = inquiry(CaseCategory::Visa, &["Karim"]);
    again.matches = vec![PersonMatch {
        same_as: Some(PersonRef::Known(karim)),
        possible: vec![],
    }];
    let follow_up = store.record_inquiry(again, &system()).await.unwrap();
    assert_eq!(follow_up.case_id, Some(first));

    let refused = |r: crate::Result<crate::CaseMove>| match r {
        Err(StoreError::Rule(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(
        refused(
            store
                .move_people(first, &[laila], None, "  ", &system())
                .await
        ),
        Refusal::MoveWithoutReason
    );
    assert_eq!(
        refused(store.move_people(first, &[], None, "why", &system()).await),
        Refusal::NobodyToMove
    );
    assert!(matches!(
        refused(
            store
                .move_people(first, &[laila], Some(first), "why", &system())
                .await
        ),
        Refusal::MoveWithinCase { .. }
    ));

    let split = store
        .move_people(first, &[laila, omar], None, "another family", &system())
        .await
        .unwrap();
    assert!(split.opened && !split.closed_from);
    let second = split.to;
    assert_eq!(people_on(store, first).await, vec!["Karim"]);
    assert_eq!(people_on(store, second).await, vec!["Laila", "Omar"]);
    let after = store.get_case(second, &system()).await.unwrap().unwrap();
    assert_eq!(
        after.inquiries.len(),
        1,
        "the list names them: it feeds the new case"
    );
    assert_eq!(after.inquiries[0].id, list.id);
    assert_eq!(after.summary.owner_id, case.summary.owner_id);
    assert!(
        after
            .notes
            .iter()
            .any(|n| n.body.contains("another family"))
    );
    let before = store.get_case(first, &system()).await.unwrap().unwrap();
    assert_eq!(before.inquiries.len(), 2, "the list still names Karim");
    assert!(
        before
            .history
            .iter()
            .any(|e| e.action == "case.people_moved"),
        "the move is in the history"
    );
    assert!(matches!(
        refused(
            store
                .move_people(first, &[laila], None, "why", &system())
                .await
        ),
        Refusal::PersonNotOnCase { .. }
    ));

    // Joined back: the emptied case closes as a duplicate.
    let join = store
        .move_people(
            second,
            &[laila, omar],
            Some(first),
            "one family after all",
            &system(),
        )
        .await
        .unwrap();
    assert!(!join.opened && join.closed_from);
    assert_eq!(
        people_on(store, first).await,
        vec!["Karim", "Laila", "Omar"]
    );
    let closed = store.get_case(second, &system()).await.unwrap().unwrap();
    assert_eq!(closed.summary.status, CaseStatus::Closed);
    assert!(closed.inquiries.is_empty());

    // And undone: moving them back reopens it.
    store
        .move_people(first, &[laila, omar], Some(second), "undo", &system())
        .await
        .unwrap();
    assert_eq!(people_on(store, second).await, vec!["Laila", "Omar"]);
    let reopened = store.get_case(second, &system()).await.unwrap().unwrap();
    assert_eq!(reopened.summary.status, CaseStatus::Reopened);
    assert_eq!(people_on(store, first).await, vec!["Karim"]);
}

/// One matched person does not bring a second whole family onto a case that already holds
/// a family: when the case holds several people the request does not name and the request
/// brings several new ones, it gets a case of its own and a task names the other.
pub async fn one_match_does_not_bring_a_second_family_onto_a_full_case(store: &dyn Store) {
    lead_and_team(store).await;
    let first = store
        .record_inquiry(
            inquiry(
                CaseCategory::Visa,
                &["Mohammad Ahmad", "Zainab", "Khadija", "Hameeda"],
            ),
            &system(),
        )
        .await
        .unwrap();
    let family = first.case_id.unwrap();
    let namesake = store
        .get_case(family, &system())
        .await
        .unwrap()
        .unwrap()
        .people[0]
        .id;
    // Another family whose father matching took for the first family's (a common name).
    let mut other = inquiry(
        CaseCategory::Visa,
        &["Mohammad Ahmad", "Nooria", "Ehsanullah", "Fatima"],
    );
    other.matches = vec![
        PersonMatch {
            same_as: Some(PersonRef::Known(namesake)),
            possible: vec![],
        },
        PersonMatch::default(),
        PersonMatch::default(),
        PersonMatch::default(),
    ];
    let recorded = store.record_inquiry(other, &system()).await.unwrap();
    assert_ne!(recorded.case_id, Some(family), "a case of its own");
    assert_eq!(
        people_on(store, family).await,
        vec!["Hameeda", "Khadija", "Mohammad Ahmad", "Zainab"],
        "nobody new on the first family's case"
    );
    let own = store
        .get_case(recorded.case_id.unwrap(), &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(own.people.len(), 4);
    assert_eq!(own.tasks.len(), 1);
    assert!(own.tasks[0].body.contains(&format!("C-{}", family.0)));
}

/// A family told again under its principal, with more of its people, is that family: the
/// guard above does not split it off. One of its people heading a family of their own (a son
/// named as principal, with children nobody knows) still gets a case of their own and a task.
/// Reads whether the matched person heads their case (`known_people`, one query).
pub async fn a_family_told_again_under_its_principal_stays_one_case(store: &dyn Store) {
    lead_and_team(store).await;
    let mut first = inquiry(CaseCategory::Visa, &[]);
    first.people = vec![
        member("Abdul Hamid", "", "principal"),
        member("Gulnar", "", "spouse"),
        member("Karim", "", "son"),
        member("Omar", "", "son"),
    ];
    let first = store.record_inquiry(first, &system()).await.unwrap();
    let family = first.case_id.unwrap();
    let on_case = store.get_case(family, &system()).await.unwrap().unwrap();
    let id_of = |name: &str| {
        on_case
            .people
            .iter()
            .find(|p| p.details.given_name.as_deref() == Some(name))
            .unwrap()
            .id
    };
    let (hamid, karim) = (id_of("Abdul Hamid"), id_of("Karim"));
    let told_again = |sure, principal: &str| {
        let mut q = inquiry(CaseCategory::Visa, &[]);
        q.people = vec![
            member(principal, "", "principal"),
            member("Wali", "", "son"),
            member("Ibrahim", "", "son"),
            member("Yusuf", "", "son"),
        ];
        q.matches = vec![
            PersonMatch {
                same_as: Some(PersonRef::Known(sure)),
                possible: vec![],
            },
            PersonMatch::default(),
            PersonMatch::default(),
            PersonMatch::default(),
        ];
        q
    };
    let again = store
        .record_inquiry(told_again(hamid, "Abdul Hamid"), &system())
        .await
        .unwrap();
    assert_eq!(
        again.case_id,
        Some(family),
        "the principal's family, told more fully"
    );
    assert_eq!(people_on(store, family).await.len(), 7);

    let own = store
        .record_inquiry(told_again(karim, "Karim"), &system())
        .await
        .unwrap();
    assert_ne!(
        own.case_id,
        Some(family),
        "a son's own family: a case of its own"
    );
    assert_eq!(people_on(store, family).await.len(), 7);
    let own = store
        .get_case(own.case_id.unwrap(), &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(own.tasks.len(), 1);
    assert!(own.tasks[0].body.contains(&format!("C-{}", family.0)));
}

/// A request from `sponsor` about `people` (given name, household key, phone), nobody matched.
fn from(sponsor: &str, people: &[(&str, &str, &str)]) -> corridor_domain::NewInquiry {
    let mut q = inquiry(CaseCategory::Evacuation, &[]);
    q.requester.name = sponsor.into();
    q.requester.email = None;
    q.people = people
        .iter()
        .map(|(name, key, phone)| PersonDetails {
            given_name: Some((*name).into()),
            household: (!key.is_empty()).then(|| (*key).into()),
            phone: (!phone.is_empty()).then(|| (*phone).into()),
            ..Default::default()
        })
        .collect();
    q
}

/// A later request from the same requester under the same household key ("TF-63647", written
/// another way) joins that family's case, even naming someone matching does not know; the
/// same key from another requester is their own numbering and joins nothing. Across requests
/// stored apart, and within one batch.
pub async fn a_requesters_household_key_finds_the_family_again(store: &dyn Store) {
    lead_and_team(store).await;
    let first = store
        .record_inquiry(
            from(
                "Office A",
                &[("Hassan", "TF-63647", ""), ("Layla", "TF-63647", "")],
            ),
            &system(),
        )
        .await
        .unwrap();
    let family = first.case_id.unwrap();
    let again = store
        .record_inquiry(
            from("Office A", &[("Sher Wahid", "tf 63647", "")]),
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(again.case_id, Some(family), "the same office, the same key");
    assert_eq!(
        people_on(store, family).await,
        vec!["Hassan", "Layla", "Sher Wahid"]
    );
    let other = store
        .record_inquiry(from("Office B", &[("Omar", "TF-63647", "")]), &system())
        .await
        .unwrap();
    assert_ne!(other.case_id, Some(family), "another office's numbering");
    assert_eq!(people_on(store, family).await.len(), 3);

    // Within one batch: the second request finds the first.
    let batch = vec![
        crate::Submission::new(from("Office C", &[("Farid", "Nazari family", "")])),
        crate::Submission::new(from("Office D", &[("Zahir", "Nazari family", "")])),
        crate::Submission::new(from("Office C", &[("Mariam", "NAZARI FAMILY", "")])),
    ];
    let got = store.take_in(batch, "batch", &system()).await.unwrap();
    assert_eq!(got[2].case_id, got[0].case_id, "Office C's family");
    assert_ne!(got[1].case_id, got[0].case_id, "Office D's own");
}

/// A sparse later mention that matching does not find (another given name, no father's name)
/// carrying a phone that only one family's people carry joins that family's case; a phone
/// that two families' people carry (a sponsor's, an office's) places nobody, and a phone does
/// not gather one family after another onto a case.
pub async fn a_family_phone_places_a_mention_and_a_shared_one_nobody(store: &dyn Store) {
    lead_and_team(store).await;
    let family = store
        .record_inquiry(
            from(
                "Relative",
                &[
                    ("Hassan", "", "+93 70 111 2222"),
                    ("Layla", "", "0701112222"),
                ],
            ),
            &system(),
        )
        .await
        .unwrap()
        .case_id
        .unwrap();
    let farid = store
        .record_inquiry(
            from("Neighbour", &[("Farid", "", "0093701112222")]),
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(farid.case_id, Some(family), "the family's phone");
    assert_eq!(
        people_on(store, family).await,
        vec!["Farid", "Hassan", "Layla"]
    );
    // Farid may not be of this family: his number now names two households on the case, and
    // places nobody more.
    let next = store
        .record_inquiry(
            from("Neighbour", &[("Karim", "", "+93701112222")]),
            &system(),
        )
        .await
        .unwrap();
    assert_ne!(next.case_id, Some(family), "no chain through one phone");

    // A sponsor's number written for two families on two cases.
    let sponsor = "+92 300 555 0000";
    let a = store
        .record_inquiry(from("Sponsor", &[("Amina", "", sponsor)]), &system())
        .await
        .unwrap();
    let mut b = from("Sponsor", &[("Bashir", "", sponsor)]);
    // Bashir's family opened its own case: a request the phone did not place (a household
    // check named another family beside it, say).
    b.people.push(PersonDetails {
        given_name: Some("Bibi".into()),
        phone: Some(sponsor.into()),
        ..Default::default()
    });
    let b = store.record_inquiry(b, &system()).await.unwrap();
    let mentions = [a.case_id, b.case_id];
    let third = store
        .record_inquiry(from("Someone", &[("Jamal", "", sponsor)]), &system())
        .await
        .unwrap();
    assert!(
        !mentions.contains(&third.case_id),
        "a phone of two families places nobody: {mentions:?} {third:?}"
    );
}
