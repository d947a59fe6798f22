//! Matching as people meet it: the same family sent by different requesters ends up as the same
//! people on one case; an unsure pair waits for a person to decide; merges can be undone.

use crate::common::{TestApp, csrf, text};
use serde_json::{Value, json};

async fn submit(app: &TestApp, token: &str, body: Value) -> Value {
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

fn about(requester: (&str, &str), people: Value) -> Value {
    json!({
        "category": "evacuation",
        "subject": "Please help this family",
        "requester": {"kind": requester.0, "name": requester.1},
        "people": people
    })
}

#[tokio::test]
async fn the_same_family_from_three_requesters_is_one_case() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let first = submit(
        &app,
        &token,
        about(
            ("sponsor", "A former supervisor"),
            json!([
                {"given_name": "Mohammad Nabi", "family_name": "Ahmadzai", "father_name": "Abdul Wahid",
                 "date_of_birth": "1985-03-14", "national_id": "1398-0105-23456", "phone": "+93 70 123 4567"},
                {"given_name": "Shabnam", "family_name": "Ahmadzai", "date_of_birth": "1990", "phone": "+93 70 123 4567"}
            ]),
        ),
    )
    .await;
    let second = submit(
        &app,
        &token,
        about(
            ("congressional", "Office of a Representative"),
            json!([{"full_name": "Muhammad Nabi s/o Abdul Wahid", "family_name": "Ahmadzay",
                    "date_of_birth": "14/03/1985", "national_id": "139801052345 6", "phone": "0701234567"}]),
        ),
    )
    .await;
    let third = submit(
        &app,
        &token,
        about(
            ("self", "Mohammad Nabi"),
            json!([{"given_name": "محمد نبی", "family_name": "احمدزی", "father_name": "عبدالواحد",
                    "date_of_birth": "1363", "phone": "0093701234567", "national_id": "1398-0105-23456"}]),
        ),
    )
    .await;
    assert_eq!(
        second["case_id"], first["case_id"],
        "the congressional office's request joined the case"
    );
    assert_eq!(
        third["case_id"], first["case_id"],
        "the Perso-Arabic web form joined the case"
    );

    let browser = app.signed_in("lead").await;
    let (_, page) = app
        .page(&browser, &format!("/cases/{}", first["case_id"]))
        .await;
    let page = text(&page);
    assert!(page.contains("Who asked 3"), "{page}");
    for who in [
        "A former supervisor",
        "Office of a Representative",
        "Mohammad Nabi",
    ] {
        assert!(page.contains(who), "{who} missing: {page}");
    }
    assert!(
        page.contains("People 2"),
        "Mohammad Nabi is one person, with his wife: {page}"
    );
    assert!(page.contains("3 records"), "{page}");
    assert_eq!(app.store.totals().await.unwrap().cases, 1);
}

#[tokio::test]
async fn brothers_on_one_list_stay_two_people() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let shared = |given: &str, dob: &str| {
        json!({"given_name": given, "family_name": "Hotak", "father_name": "Ghulam Sakhi",
               "phone": "0799887766", "address": "Karte Se, Kabul", "province": "Kabul",
               "date_of_birth": dob})
    };
    submit(
        &app,
        &token,
        about(
            ("ngo", "Synthetic NGO"),
            json!([shared("Najibullah", "1988-01-20")]),
        ),
    )
    .await;
    submit(
        &app,
        &token,
        about(
            ("ngo", "Another NGO"),
            json!([shared("Habibullah", "1992-07-02")]),
        ),
    )
    .await;
    let totals = app.store.totals().await.unwrap();
    assert_eq!(totals.people, 2);
    // The family's phone, carried by one household's people only, places the second brother
    // on the first one's case (with a task to confirm it): two people, one case.
    assert_eq!(totals.cases, 1);
}

#[tokio::test]
async fn an_unsure_pair_is_reviewed_side_by_side_merged_and_unmerged() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let first = submit(
        &app,
        &token,
        about(("ngo", "Synthetic NGO"), json!([{"given_name": "Yousuf", "family_name": "Karimi", "date_of_birth": "1979", "province": "Herat"}])),
    )
    .await;
    let second = submit(
        &app,
        &token,
        about(("sponsor", "A colleague"), json!([{"given_name": "Yusuf", "family_name": "Karimi", "date_of_birth": "1979", "province": "Herat"}])),
    )
    .await;
    assert_ne!(
        second["case_id"], first["case_id"],
        "an unsure match does not join cases"
    );

    let browser = app.signed_in("lead").await;
    let (status, queue) = app.page(&browser, "/reviews").await;
    assert_eq!(status, 200);
    let queue_text = text(&queue);
    assert!(queue_text.contains("1 to review"), "{queue_text}");
    let review = queue
        .split("href=\"/reviews/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let (_, page) = app.page(&browser, &format!("/reviews/{review}")).await;
    let shown = text(&page);
    assert!(shown.contains("Is this the same person?"), "{shown}");
    assert!(
        shown.contains("Yusuf") && shown.contains("Yousuf"),
        "both sides shown: {shown}"
    );
    assert!(
        shown.contains("Family name Karimi Karimi same"),
        "evidence per field: {shown}"
    );

    let r = browser
        .post(app.url(&format!("/reviews/{review}/decision")))
        .form(&[("csrf", csrf(&page).as_str()), ("same", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(app.store.totals().await.unwrap().people, 1);

    let case: Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/cases/{}", first["case_id"])))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let person = case["people"][0]["id"].as_i64().unwrap();
    let (_, file) = app.page(&browser, &format!("/persons/{person}")).await;
    let file_text = text(&file);
    assert!(file_text.contains("2 records"), "{file_text}");
    assert!(
        file_text.contains("A colleague") && file_text.contains("Synthetic NGO"),
        "{file_text}"
    );
    assert!(
        file_text.contains("given name Yousuf"),
        "the first spelling, with its source: {file_text}"
    );

    // Undo: the two are separate again, each with their own record.
    let merge = file
        .split("action=\"/merges/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let r = browser
        .post(app.url(&format!("/merges/{merge}/undo")))
        .form(&[
            ("csrf", csrf(&file).as_str()),
            ("person", &person.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(app.store.totals().await.unwrap().people, 2);
    let (_, file) = app
        .page(&browser, &format!("/persons/{person}?done=undone"))
        .await;
    let file_text = text(&file);
    assert!(file_text.contains("The merge was undone"), "{file_text}");
    assert!(
        file_text.contains("1 record") && file_text.contains("undone"),
        "{file_text}"
    );
    let (_, queue) = app.page(&browser, "/reviews").await;
    assert!(
        text(&queue).contains("1 to review"),
        "the pair is open for review again"
    );
}

#[tokio::test]
async fn people_can_be_merged_and_unmerged_through_the_api() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let client = reqwest::Client::new();
    let a = submit(
        &app,
        &token,
        about(
            ("ngo", "Synthetic NGO"),
            json!([{"given_name": "Laila", "province": "Balkh"}]),
        ),
    )
    .await;
    let b = submit(
        &app,
        &token,
        about(
            ("self", "Walk-in"),
            json!([{"given_name": "Sahar", "province": "Kunduz"}]),
        ),
    )
    .await;
    let person = |case: Value| {
        let client = client.clone();
        let token = token.clone();
        let url = app.url(&format!("/api/v1/cases/{}", case));
        async move {
            let c: Value = client
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            c["people"][0]["id"].as_i64().unwrap()
        }
    };
    let (kept, merged) = (
        person(a["case_id"].clone()).await,
        person(b["case_id"].clone()).await,
    );
    let r = client
        .post(app.url(&format!("/api/v1/persons/{kept}/merge")))
        .bearer_auth(&token)
        .json(&json!({"merged_id": merged, "reason": "same phone confirmed by call"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let merge_id = r.json::<Value>().await.unwrap()["merge_id"]
        .as_i64()
        .unwrap();
    let file: Value = client
        .get(app.url(&format!("/api/v1/persons/{kept}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(file["records"].as_array().unwrap().len(), 2);
    assert_eq!(file["cases"].as_array().unwrap().len(), 2);
    let sources = file["sources"].as_array().unwrap();
    let given = sources.iter().find(|s| s["field"] == "given_name").unwrap();
    assert_eq!(given["value"], "Laila");
    assert_eq!(given["reference"], a["reference"]);

    let r = client
        .post(app.url(&format!("/api/v1/merges/{merge_id}/undo")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let again = client
        .post(app.url(&format!("/api/v1/merges/{merge_id}/undo")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
    let reviews: Value = client
        .get(app.url("/api/v1/reviews"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(reviews["total"], 0);
    let clerk = app.token(&app.clerk).await;
    let r = client
        .get(app.url(&format!("/api/v1/persons/{kept}")))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "intake clerks do not read people's files");
}

/// A sure match made at intake was wrong (a father's namesake son with the family's tazkira):
/// the lead detaches the record on the person page, and the case then shows two people.
#[tokio::test]
async fn a_sure_intake_match_is_detached_and_the_case_shows_two_people() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let client = reqwest::Client::new();
    let father = json!([{"given_name": "Mohammad Nabi", "family_name": "Ahmadzai",
        "father_name": "Abdul Wahid", "date_of_birth": "1985-03-14",
        "national_id": "1398-0105-23456", "phone": "+93 70 123 4567"}]);
    // The son has his father's name and is written into his father's tazkira.
    let son = json!([{"full_name": "Muhammad Nabi s/o Abdul Wahid", "family_name": "Ahmadzay",
        "national_id": "139801052345 6", "phone": "0701234567"}]);
    let first = submit(
        &app,
        &token,
        about(("sponsor", "A former supervisor"), father),
    )
    .await;
    let second = submit(
        &app,
        &token,
        about(("congressional", "Office of a Representative"), son),
    )
    .await;
    assert_eq!(second["case_id"], first["case_id"], "intake was sure");
    let case_id = first["case_id"].as_i64().unwrap();
    let file: Value = client
        .get(app.url(&format!("/api/v1/cases/{case_id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(file["people"].as_array().unwrap().len(), 1);
    let person = file["people"][0]["id"].as_i64().unwrap();

    let browser = app.signed_in("lead").await;
    let (_, page) = app.page(&browser, &format!("/persons/{person}")).await;
    assert!(text(&page).contains("2 records"), "{}", text(&page));
    assert_eq!(
        page.matches("Detach this record").count(),
        2,
        "a button per record"
    );
    // The second record (the congressional office's): the row after the first form.
    let record = page
        .split("name=\"record\" value=\"")
        .nth(2)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    // Without the session's CSRF token nothing happens.
    let forged = browser
        .post(app.url(&format!("/persons/{person}/detach")))
        .form(&[("csrf", "forged"), ("record", record.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let r = browser
        .post(app.url(&format!("/persons/{person}/detach")))
        .form(&[
            ("csrf", csrf(&page).as_str()),
            ("record", record.as_str()),
            ("reason", "his son, same tazkira book"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let new: i64 = location.split("new=").nth(1).unwrap().parse().unwrap();
    assert_ne!(new, person);

    let (_, page) = app.page(&browser, &location).await;
    let shown = text(&page);
    assert!(
        shown.contains(&format!("it is now a person of its own: P-{new}")),
        "{shown}"
    );
    assert!(shown.contains("1 record"), "{shown}");
    assert!(!shown.contains("Office of a Representative"), "{shown}");
    assert!(!page.contains("Detach this record"), "an only record stays");
    let (_, page) = app.page(&browser, &format!("/persons/{new}")).await;
    let shown = text(&page);
    assert!(
        shown.contains("Office of a Representative") && !shown.contains("A former supervisor"),
        "the new person is the detached record alone: {shown}"
    );
    let (_, page) = app.page(&browser, &format!("/cases/{case_id}")).await;
    assert!(text(&page).contains("People 2"), "{}", text(&page));

    // The API refuses the new person's only record.
    let refused = client
        .post(app.url(&format!("/api/v1/persons/{new}/detach")))
        .bearer_auth(&token)
        .json(&json!({"record_id": record.parse::<i64>().unwrap()}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.unwrap();
    assert!(body.to_string().contains("only record"), "{body}");
}

#[tokio::test]
async fn a_record_is_detached_through_the_api() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let client = reqwest::Client::new();
    let a = submit(
        &app,
        &token,
        about(
            ("ngo", "Synthetic NGO"),
            json!([{"given_name": "Laila", "province": "Balkh"}]),
        ),
    )
    .await;
    let b = submit(
        &app,
        &token,
        about(
            ("self", "Walk-in"),
            json!([{"given_name": "Leila", "province": "Herat"}]),
        ),
    )
    .await;
    let person_of = |case: &Value| case["people"][0]["id"].as_i64().unwrap();
    let get = |path: String| {
        let client = client.clone();
        let token = token.clone();
        let url = app.url(&path);
        async move {
            client
                .get(url)
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let laila = person_of(&get(format!("/api/v1/cases/{}", a["case_id"])).await);
    let leila = person_of(&get(format!("/api/v1/cases/{}", b["case_id"])).await);
    let merged = client
        .post(app.url(&format!("/api/v1/persons/{laila}/merge")))
        .bearer_auth(&token)
        .json(&json!({"merged_id": leila}))
        .send()
        .await
        .unwrap();
    assert_eq!(merged.status(), 200);
    let file = get(format!("/api/v1/persons/{laila}")).await;
    let record = file["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["inquiry_id"] == b["id"])
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    // An officer may not: detaching changes who is who, like a merge.
    let officer = app.token(&app.officer).await;
    let r = client
        .post(app.url(&format!("/api/v1/persons/{laila}/detach")))
        .bearer_auth(&officer)
        .json(&json!({"record_id": record}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = client
        .post(app.url(&format!("/api/v1/persons/{laila}/detach")))
        .bearer_auth(&token)
        .json(&json!({"record_id": record, "reason": "different province"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let new = r.json::<Value>().await.unwrap()["person_id"]
        .as_i64()
        .unwrap();
    let file = get(format!("/api/v1/persons/{new}")).await;
    assert_eq!(file["person"]["details"]["given_name"], "Leila");
    assert_eq!(file["cases"], json!([b["case_id"]]));
    let file = get(format!("/api/v1/persons/{laila}")).await;
    assert_eq!(file["records"].as_array().unwrap().len(), 1);
    assert_eq!(
        file["cases"],
        json!([a["case_id"]]),
        "Laila left Leila's case"
    );
}
