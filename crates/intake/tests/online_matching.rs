//! Online matching against a real store: a family arriving again pairs up through the member
//! intake is sure of (the household rule of `corridor link`), brothers and namesakes do not,
//! and a detached record is matched as the new person it became.

use corridor_domain::{
    CaseCategory, Channel, InquiryId, NewInquiry, NewRequester, PersonDetails, PersonId,
    RequesterKind, ReviewStatus, Sex,
};
use corridor_intake::matcher::Matcher;
use corridor_store::prelude::*;
use corridor_store::{Actor, PageRequest, Submission};
use corridor_store_sqlite::SqliteStore;

struct Fresh {
    store: SqliteStore,
    matcher: Matcher,
    _dir: tempfile::TempDir,
}

async fn fresh() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(
        dir.path().join("corridor.db").to_str().unwrap(),
        &corridor_store::crypto::KeySource::ephemeral(),
    )
    .await
    .unwrap();
    let matcher = Matcher::load(&store).await.unwrap();
    Fresh {
        store,
        matcher,
        _dir: dir,
    }
}

fn actor() -> Actor {
    Actor::system("test")
}

fn person(given: &str, sex: Sex) -> PersonDetails {
    PersonDetails {
        given_name: Some(given.into()),
        sex: Some(sex),
        ..Default::default()
    }
}

/// A husband with a tazkira: intake is sure of him whatever the spelling.
fn husband(given: &str, dob: &str, tazkira: &str) -> PersonDetails {
    PersonDetails {
        family_name: Some("Ahmadzai".into()),
        father_name: Some("Yousef".into()),
        date_of_birth: Some(dob.into()),
        national_id: Some(tazkira.into()),
        province: Some("Kabul".into()),
        ..person(given, Sex::Male)
    }
}

/// A brother: another given name, the same father, family name, phone and province.
fn brother(given: &str) -> PersonDetails {
    PersonDetails {
        family_name: Some("Ahmadzai".into()),
        father_name: Some("Yousef".into()),
        phone: Some("+93 70 123 4567".into()),
        province: Some("Kabul".into()),
        ..person(given, Sex::Male)
    }
}

fn about(requester: &str, people: Vec<PersonDetails>) -> NewInquiry {
    NewInquiry {
        channel: Channel::Email,
        requester: NewRequester {
            kind: RequesterKind::Sponsor,
            name: requester.into(),
            organization: None,
            email: None,
            phone: None,
        },
        received_at: chrono::Utc::now(),
        subject: "Please help this family".into(),
        category: CaseCategory::Evacuation,
        raw_payload: "raw".into(),
        content_type: "text/plain".into(),
        household_label: None,
        people,
        idempotency_key: None,
        matches: Vec::new(),
    }
}

impl Fresh {
    async fn take_in(&self, inquiry: NewInquiry) -> Vec<PersonId> {
        let recorded = self
            .matcher
            .take_in(
                &self.store,
                vec![Submission::new(inquiry)],
                "test",
                &actor(),
            )
            .await
            .unwrap();
        self.people(recorded[0].id).await
    }

    async fn people(&self, inquiry: InquiryId) -> Vec<PersonId> {
        self.store
            .get_inquiry(inquiry, &actor())
            .await
            .unwrap()
            .unwrap()
            .people
    }

    async fn pending(&self) -> i64 {
        self.store
            .list_reviews(ReviewStatus::Pending, PageRequest::first(1))
            .await
            .unwrap()
            .total
    }
}

#[tokio::test]
async fn a_returning_family_pairs_up_through_the_husband() {
    let t = fresh().await;
    let known = t
        .take_in(about(
            "A former supervisor",
            vec![
                husband("Mohammad Daud", "1980-03-12", "1400-0101-12345"),
                person("Fatima", Sex::Female),
                person("Zainab", Sex::Female),
            ],
        ))
        .await;
    // On her own, the wife's record says too little to be anyone in particular.
    let alone = t
        .take_in(about("An NGO", vec![person("Fatimah", Sex::Female)]))
        .await;
    assert_ne!(
        alone[0], known[1],
        "a lone 'Fatimah, female' is nobody known"
    );
    let before = t.pending().await;

    let again = t
        .take_in(about(
            "A congressional office",
            vec![
                husband("Mohammad Dawood", "12/03/1980", "1400 0101 12345"),
                person("Fatimah", Sex::Female),
                person("Zaynab", Sex::Female),
            ],
        ))
        .await;
    assert_eq!(
        again, known,
        "the whole family is known, through the husband"
    );
    assert_eq!(t.pending().await, before, "nothing new to review");
}

#[tokio::test]
async fn brothers_are_not_paired() {
    let t = fresh().await;
    let known = t
        .take_in(about(
            "A former supervisor",
            vec![
                husband("Mohammad Daud", "1980-03-12", "1400-0101-12345"),
                brother("Ahmad"),
                person("Fatima", Sex::Female),
            ],
        ))
        .await;
    let again = t
        .take_in(about(
            "A congressional office",
            vec![
                husband("Mohammad Dawood", "12/03/1980", "1400 0101 12345"),
                brother("Mahmood"),
                person("Fatimah", Sex::Female),
            ],
        ))
        .await;
    assert_eq!(again[0], known[0]);
    assert_eq!(again[2], known[2], "the wife pairs up");
    assert!(
        !known.contains(&again[1]),
        "the husband's other brother is a new person"
    );
}

#[tokio::test]
async fn namesakes_are_not_guessed() {
    let t = fresh().await;
    let known = t
        .take_in(about(
            "A former supervisor",
            vec![
                husband("Mohammad Daud", "1980-03-12", "1400-0101-12345"),
                PersonDetails {
                    date_of_birth: Some("1955".into()),
                    ..person("Mohammad Daud", Sex::Male)
                },
                PersonDetails {
                    date_of_birth: Some("2010".into()),
                    ..person("Mohammad Daud", Sex::Male)
                },
                person("Fatima", Sex::Female),
            ],
        ))
        .await;
    let again = t
        .take_in(about(
            "A congressional office",
            vec![
                husband("Mohammad Dawood", "12/03/1980", "1400 0101 12345"),
                person("Mohammad Daud", Sex::Male),
                person("Fatimah", Sex::Female),
            ],
        ))
        .await;
    assert_eq!(again[0], known[0]);
    assert_eq!(again[2], known[3], "the wife pairs up");
    assert!(
        !known.contains(&again[1]),
        "grandfather or grandson: nothing tells which, so neither"
    );
}

#[tokio::test]
async fn a_detached_record_is_matched_as_its_new_person() {
    let t = fresh().await;
    let laila = PersonDetails {
        family_name: Some("Ahmadi".into()),
        date_of_birth: Some("1990-05-05".into()),
        national_id: Some("1399-0202-11111".into()),
        phone: Some("+93 79 111 2222".into()),
        ..person("Laila", Sex::Female)
    };
    let nasrin = PersonDetails {
        family_name: Some("Karimi".into()),
        date_of_birth: Some("1972-11-30".into()),
        national_id: Some("1388-0707-99999".into()),
        phone: Some("+92 300 1234567".into()),
        province: Some("Herat".into()),
        ..person("Nasrin", Sex::Female)
    };
    let a = t.take_in(about("An NGO", vec![laila])).await[0];
    let b = t.take_in(about("A sponsor", vec![nasrin.clone()])).await[0];
    assert_ne!(a, b);
    // Merged by mistake, then the record detached again.
    t.store.merge_persons(a, b, None, &actor()).await.unwrap();
    let record = t
        .store
        .get_person(a, &actor())
        .await
        .unwrap()
        .unwrap()
        .records[1]
        .id;
    let new = t
        .store
        .detach_record(a, record, None, &actor())
        .await
        .unwrap();
    let again = t.take_in(about("Another sponsor", vec![nasrin])).await;
    assert_eq!(
        again,
        vec![new],
        "Nasrin is the person her record now belongs to"
    );
}

/// Everything alike, even the tazkira number, but the passport: two complete passport numbers
/// say two people (or one mistake a person must look at), however much else agrees; a person
/// may still decide they are one.
#[tokio::test]
async fn different_passports_are_never_one_person_automatically() {
    let t = fresh().await;
    let with_passport = |passport: &str| PersonDetails {
        family_name: Some("Kovalenko".into()),
        father_name: Some("Ivan".into()),
        date_of_birth: Some("1980-03-12".into()),
        passport: Some(passport.into()),
        national_id: Some("1400-0101-12345".into()),
        phone: Some("+380 50 123 4567".into()),
        province: Some("Kharkiv".into()),
        ..person("Petro", Sex::Male)
    };
    let first = t
        .take_in(about("A sponsor", vec![with_passport("FA123456")]))
        .await;
    // The same record again is the same person: the control.
    let same = t
        .take_in(about("An NGO", vec![with_passport("FA 123456")]))
        .await;
    assert_eq!(same, first);
    let before = t.pending().await;
    let other = t
        .take_in(about("A ministry", vec![with_passport("FB987654")]))
        .await;
    assert_ne!(other, first, "another passport number, another person");
    assert_eq!(
        t.pending().await,
        before + 1,
        "and a possible match to review"
    );
}
