//! The intake channels over real HTTP: the public request form and status lookup (no account),
//! the walk-in desk and its receipt, the upload page, and API acknowledgements.

use crate::common::{TestApp, csrf, hidden, text};
use corridor_domain::CaseStatus;
use corridor_store::{Actor, InquiryFilter, PageRequest};

fn by_id(html: &str, id: &str) -> String {
    let needle = format!("id=\"{id}\">");
    let at = html
        .find(&needle)
        .unwrap_or_else(|| panic!("no #{id} in {html}"))
        + needle.len();
    html[at..].split('<').next().unwrap().trim().to_string()
}

#[tokio::test]
async fn a_public_request_answers_with_reference_and_code_and_the_lookup_shows_only_a_coarse_status()
 {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let (status, form) = app.page(&client, "/request").await;
    assert_eq!(status, 200);
    let sent = client
        .get(app.url("/request"))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .len();
    assert!(
        sent < 8_000,
        "the form should stay small for slow links: {sent} bytes"
    );
    let code = hidden(&form, "code");
    let fields = [
        ("code", code.as_str()),
        ("given_name", "Parwana"),
        ("father_name", "Abdul Ghafar"),
        ("phone", "0701234567"),
        ("location", "Peshawar"),
        ("category", "refugee_referral"),
        ("who", "self"),
        ("your_email", "parwana@example.org"),
    ];
    let r = client
        .post(app.url("/request"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let done = r.text().await.unwrap();
    let reference = by_id(&done, "reference");
    assert!(reference.starts_with("CR-"), "{reference}");
    assert_eq!(by_id(&done, "code"), code);
    assert!(text(&done).contains("send the reference number to your email"));
    // The acknowledgement waits in the outbox, queued with the inquiry.
    assert_eq!(app.store.outbox_counts().await.unwrap().pending, 1);

    // Pressing "send" again on a flaky link is the same request.
    let again = client
        .post(app.url("/request"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    let again = again.text().await.unwrap();
    assert_eq!(by_id(&again, "reference"), reference);
    assert!(text(&again).contains("already have this request"));
    assert_eq!(app.store.outbox_counts().await.unwrap().pending, 1);

    let lookup = |reference: String, code: String| {
        let client = client.clone();
        let url = app.url("/status");
        async move {
            let r = client
                .post(url)
                .form(&[("reference", reference), ("code", code)])
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (s, page) = lookup(reference.clone(), code.to_lowercase().replace('-', " ")).await;
    assert_eq!(s, 200);
    assert_eq!(by_id(&page, "status"), "received");
    assert!(
        !page.contains("Parwana"),
        "the lookup shows nothing but the status"
    );

    let inquiries = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    let case = inquiries.items[0].case_id.unwrap();
    app.store
        .change_case_status(
            case,
            CaseStatus::Triaged,
            None,
            None,
            &Actor::system("test"),
        )
        .await
        .unwrap();
    let (_, page) = lookup(reference.clone(), code.clone()).await;
    assert_eq!(by_id(&page, "status"), "under review");

    // A wrong code and an unknown reference get the very same answer.
    let (s1, wrong_code) = lookup(reference.clone(), "AAAA-AAAA-AAAA-AAAA".into()).await;
    let (s2, unknown) = lookup("CR-00000-00000".into(), code.clone()).await;
    let (s3, garbage) = lookup("nonsense".into(), "x".into()).await;
    assert_eq!((s1, s2, s3), (200, 200, 200));
    assert_eq!(wrong_code, unknown);
    assert_eq!(wrong_code, garbage);
    assert!(text(&wrong_code).contains("could not find a request"));
}

#[tokio::test]
async fn lookups_and_requests_are_rate_limited() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let mut statuses = Vec::new();
    for _ in 0..12 {
        let r = client
            .post(app.url("/status"))
            .form(&[
                ("reference", "CR-00000-00000"),
                ("code", "AAAA-AAAA-AAAA-AAAA"),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
    }
    assert_eq!(&statuses[..10], &[200; 10]);
    assert_eq!(&statuses[10..], &[429, 429]);
    let mut statuses = Vec::new();
    for i in 0..6 {
        let (_, form) = app.page(&client, "/request").await;
        let r = client
            .post(app.url("/request"))
            .form(&[
                ("code", hidden(&form, "code").as_str()),
                ("given_name", format!("Person{i}").as_str()),
                ("your_name", "A sponsor"),
                ("who", "sponsor"),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, vec![200, 200, 200, 200, 200, 429]);
}

#[tokio::test]
async fn the_walk_in_desk_prints_a_receipt_with_the_reference() {
    let app = TestApp::spawn().await;
    let clerk = app.signed_in("clerk").await;
    let (status, form) = app.page(&clerk, "/desk").await;
    assert_eq!(status, 200);
    assert!(
        form.contains("autofocus"),
        "the first field takes the keyboard at once"
    );
    let csrf = csrf(&form);
    let code = hidden(&form, "code");
    let fields = [
        ("csrf", csrf.as_str()),
        ("code", code.as_str()),
        ("given_name", "Hamid"),
        ("father_name", "Wahid"),
        ("date_of_birth", "1365"),
        ("phone", "0799000111"),
        ("category", "evacuation"),
        ("language", "prs"),
        ("family", "Nadia, wife, 1990\nOmid, son, 2015"),
    ];
    // The form's own button (or Enter) shows what will be stored, and stores nothing yet.
    let r = clerk
        .post(app.url("/desk"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let confirm = r.text().await.unwrap();
    assert!(text(&confirm).contains("Check before saving"), "{confirm}");
    assert!(text(&confirm).contains("Given name Hamid"), "{confirm}");
    assert!(text(&confirm).contains("Nadia, wife, 1990"), "{confirm}");
    assert!(confirm.contains(r#"name="given_name" value="Hamid""#));
    let stored = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert!(
        stored.items.is_empty(),
        "nothing is stored before the clerk saves"
    );
    let mut save = fields.to_vec();
    save.push(("save", "1"));
    let r = clerk
        .post(app.url("/desk"))
        .form(&save)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let receipt = r.text().await.unwrap();
    let reference = by_id(&receipt, "reference");
    assert!(reference.starts_with("CR-"));
    assert!(
        receipt.contains("noprint"),
        "the receipt is a print-friendly page"
    );
    // In the person's language, with the whole status address and its QR code.
    assert!(
        receipt.contains(r#"<html lang="prs" dir="rtl">"#),
        "{receipt}"
    );
    assert!(text(&receipt).contains("رسید"), "{receipt}");
    assert_eq!(by_id(&receipt, "status-url"), app.url("/status"));
    assert!(receipt.contains("<svg"), "a QR code of the address");
    let list = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(list.items.len(), 1);
    assert_eq!(list.items[0].reference.to_string(), reference);
    assert_eq!(list.items[0].channel, corridor_domain::Channel::WalkIn);
    assert_eq!(list.items[0].people_count, 3);
    // Without a session there is no desk.
    let anon = TestApp::client();
    let r = anon.get(app.url("/desk")).send().await.unwrap();
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn the_upload_page_imports_a_list_and_lists_rows_to_check() {
    let app = TestApp::spawn().await;
    let clerk = app.signed_in("clerk").await;
    let (_, form) = app.page(&clerk, "/intake/upload").await;
    let csv =
        "Full Name,DOB,Mobile\nLaila Karimi,1991,0701112222\nYusuf Karimi,not a date,0701112223\n";
    let make = || {
        reqwest::multipart::Form::new()
            .text("csrf", csrf(&form))
            .text("requester", "Women's rights coalition")
            .text("requester_kind", "ngo")
            .text("category", "protection")
            .part(
                "file",
                reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("list.csv"),
            )
    };
    let r = clerk
        .post(app.url("/intake/upload"))
        .multipart(make())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    // The row with an unreadable date names a person: stored, the date listed to check.
    assert_eq!(
        by_id(&page, "summary"),
        "2 rows: 2 stored, 0 refused, 0 already present."
    );
    assert_eq!(by_id(&page, "warned"), "1 stored row has a field to check.");
    assert!(text(&page).contains("list.csv 3 DOB"), "{}", text(&page));
    let r = clerk
        .post(app.url("/intake/upload"))
        .multipart(make())
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    assert_eq!(
        by_id(&page, "summary"),
        "2 rows: 0 stored, 0 refused, 2 already present."
    );
}
