//! The interface in the reader's language and forms that keep what was typed: the language
//! switch, `Accept-Language`, right to left, the public form for a family, messages beside
//! the fields, the font and compression.

use corridor_domain::CaseId;
use corridor_store::{InquiryFilter, PageRequest};

use crate::common::{TestApp, csrf, hidden, text};

async fn get_with(client: &reqwest::Client, url: String, accept: &str) -> String {
    client
        .get(url)
        .header("Accept-Language", accept)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Sima asks for help through the public form; the case her request opened.
/// Sends the public form, read at `path` (`/request?lang=ur`), with `fields`.
async fn ask(app: &TestApp, path: &str, fields: &[(&str, &str)]) {
    let public = TestApp::client();
    let (_, form) = app.page(&public, path).await;
    let code = hidden(&form, "code");
    let mut sent = vec![("code", code.as_str())];
    sent.extend_from_slice(fields);
    let r = public
        .post(app.url("/request"))
        .form(&sent)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

async fn sima_asks(app: &TestApp, category: &str) -> CaseId {
    ask(
        app,
        "/request",
        &[("given_name", "Sima"), ("category", category)],
    )
    .await;
    app.store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(1))
        .await
        .unwrap()
        .items[0]
        .case_id
        .unwrap()
}

#[tokio::test]
async fn the_browsers_language_is_spoken_and_a_chosen_one_is_remembered() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let dari = get_with(&client, app.url("/request"), "fa-AF,fa;q=0.9,en;q=0.5").await;
    assert!(dari.contains(r#"<html lang="prs" dir="rtl">"#), "{dari}");
    assert!(text(&dari).contains("درخواست کمک"), "{dari}");
    let urdu = get_with(&client, app.url("/status"), "ur-PK").await;
    assert!(urdu.contains(r#"<html lang="ur" dir="rtl">"#));
    assert!(text(&urdu).contains("حوالہ نمبر"));
    let english = get_with(&client, app.url("/login"), "de-DE").await;
    assert!(english.contains(r#"<html lang="en" dir="ltr">"#));

    // Every page offers the switch, as plain links, each language named in itself.
    for page in [&dari, &urdu, &english] {
        for (code, name) in [
            ("en", "English"),
            ("prs", "دری"),
            ("ps", "پښتو"),
            ("ur", "اردو"),
        ] {
            assert!(
                page.contains(&format!(r#"lang="{code}" hreflang="{code}""#))
                    && page.contains(name),
                "no {code} link in {page}"
            );
        }
    }
    // A chosen language wins over the browser's, and is kept for the next pages.
    let r = client
        .get(app.url("/request?lang=ps"))
        .header("Accept-Language", "fa-AF")
        .send()
        .await
        .unwrap();
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("corridor_lang=ps;"), "{cookie}");
    let pashto = r.text().await.unwrap();
    assert!(pashto.contains(r#"<html lang="ps" dir="rtl">"#));
    assert!(text(&pashto).contains("د مرستې غوښتنه"));
    let later = get_with(&client, app.url("/status"), "fa-AF").await;
    assert!(
        later.contains(r#"<html lang="ps" dir="rtl">"#),
        "the cookie is kept"
    );
    // The switch links back to the same page.
    assert!(later.contains(r#"href="/status?lang=en""#), "{later}");
}

/// A member of staff's language is their own setting: chosen once with the switch, it comes
/// back on another browser at sign-in, over what that browser asks for; someone else's pages
/// are not touched, and choosing again changes it.
#[tokio::test]
async fn a_staff_members_language_follows_them_to_another_browser() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in("officer").await;
    let (_, page) = app.page(&officer, "/tasks/mine?lang=ur").await;
    assert!(page.contains(r#"<html lang="ur" dir="rtl">"#));
    let setting = || async { app.store.user_language(app.officer.id).await.unwrap() };
    assert_eq!(setting().await.as_deref(), Some("ur"));
    assert_eq!(app.store.user_language(app.lead.id).await.unwrap(), None);

    // Another browser, one that asks for English: signed in, the officer reads Urdu.
    let elsewhere = app.signed_in("officer").await;
    let r = elsewhere
        .get(app.url("/tasks/mine"))
        .header("Accept-Language", "en-GB")
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    assert!(page.contains(r#"<html lang="ur" dir="rtl">"#), "{page}");
    assert!(text(&page).contains("میرے کام"), "{page}");
    // The lead, who chose nothing, gets what their browser asks for.
    let lead = app.signed_in("lead").await;
    let page = get_with(&lead, app.url("/tasks/mine"), "en-GB").await;
    assert!(page.contains(r#"<html lang="en" dir="ltr">"#));
    // Choosing again changes the setting.
    app.page(&elsewhere, "/tasks/mine?lang=prs").await;
    assert_eq!(setting().await.as_deref(), Some("prs"));
}

#[tokio::test]
async fn a_family_asks_in_dari_and_becomes_one_household_with_its_status_in_dari() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let form = get_with(&client, app.url("/request?lang=prs"), "").await;
    let code = hidden(&form, "code");
    // Four rows without script: the person and three of the family.
    assert!(form.contains(r#"name="given_name_3""#) && !form.contains(r#"name="given_name_4""#));
    let mut fields = vec![
        ("code", code.clone()),
        ("rows", "4".into()),
        ("given_name", "پروانه".into()),
        ("father_name", "عبدالغفار".into()),
        ("date_of_birth", "۱۳۶۹".into()),
        ("phone", "0701234567".into()),
        ("location", "Peshawar".into()),
        ("category", "refugee_referral".into()),
        ("who", "self".into()),
        ("given_name_1", "نادیه".into()),
        ("relationship_1", "child".into()),
        ("date_of_birth_1", "1399".into()),
        ("given_name_2", "Omid".into()),
        ("relationship_2", "spouse".into()),
    ];
    // "Add more people" gives more rows and keeps everything typed; nothing is stored.
    let mut more = fields.clone();
    more.push(("more", "1".into()));
    let r = client
        .post(app.url("/request"))
        .form(&more)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let longer = r.text().await.unwrap();
    assert!(longer.contains(r#"name="given_name_5""#), "more rows");
    assert!(longer.contains(r#"value="نادیه""#) && longer.contains(r#"value="Omid""#));
    assert!(longer.contains(r#"<option value="child" selected>"#));
    assert_eq!(hidden(&longer, "code"), code, "the same request");
    let none = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert!(none.items.is_empty());

    fields.push(("given_name_5", "Laila".into()));
    fields.push(("relationship_5", "parent".into()));
    let r = client
        .post(app.url("/request"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let done = r.text().await.unwrap();
    assert!(done.contains(r#"<html lang="prs" dir="rtl">"#));
    assert!(text(&done).contains("درخواست رسید"), "{done}");
    let list = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(list.items.len(), 1);
    assert_eq!(
        list.items[0].people_count, 4,
        "one request for the family of four"
    );
    let case = list.items[0].case_id.expect("a case for the household");
    let case_record = app
        .store
        .get_case(case, &corridor_store::Actor::system("test"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        case_record.people.len(),
        4,
        "the whole family is on the one case"
    );
    assert!(case_record.household.is_some(), "as one household");
    // Replies to this requester go out in Dari.
    let languages = app.store.requester_languages(case).await.unwrap();
    assert_eq!(languages[0].1, corridor_domain::Language::Dari);

    let reference = {
        let at = done.find(r#"id="reference">"#).unwrap() + 15;
        done[at..].split('<').next().unwrap().to_string()
    };
    let r = client
        .post(app.url("/status"))
        .form(&[("reference", reference.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    let status = r.text().await.unwrap();
    assert!(text(&status).contains("وضعیت: رسیده"), "{status}");
}

#[tokio::test]
async fn a_form_with_mistakes_comes_back_with_everything_typed_and_plain_messages() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let (_, form) = app.page(&client, "/request").await;
    let code = hidden(&form, "code");
    let story = "We are five, at the Torkham crossing since Monday.";
    let fields = [
        ("code", code.as_str()),
        ("given_name", "Parwana"),
        ("date_of_birth", "31/02/1990"),
        ("needs", story),
        ("who", "sponsor"),
        ("your_email", "not-an-email"),
        ("given_name_1", ""),
        ("date_of_birth_1", "2015"),
        ("sex", "x-nonsense"),
    ];
    let r = client
        .post(app.url("/request"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    let words = text(&page);
    // Everything typed is still there.
    assert!(page.contains(r#"value="Parwana""#));
    assert!(page.contains(r#"value="31/02/1990""#));
    assert!(page.contains(r#"value="not-an-email""#));
    assert!(page.contains(r#"value="2015""#));
    assert!(page.contains(story));
    assert!(page.contains(r#"value="sponsor" checked"#));
    // A summary at the top, and each message beside its field, in plain words.
    assert!(
        words.contains("Please check these and send again"),
        "{words}"
    );
    for message in [
        "This email address does not look right",
        "This date does not exist",
        "Write your name",
        "Write this person",
        "Choose one from the list",
    ] {
        assert!(words.contains(message), "no {message:?} in {words}");
    }
    assert!(
        page.contains(r#"id="e-your_email""#)
            && page.contains(r#"aria-describedby="e-your_email""#)
    );
    assert!(
        page.contains(r##"href="#f-date_of_birth""##),
        "the summary links to the field"
    );
    for internal in ["people[", "your_email is", "given_name_1 ", "requester."] {
        assert!(!words.contains(internal), "{internal} shown in {words}");
    }
    let nothing = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert!(nothing.items.is_empty());

    // The same in Pashto.
    let r = client
        .post(app.url("/request?lang=ps"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    let pashto = text(&r.text().await.unwrap());
    assert!(pashto.contains("دا برېښنالیک سم نه ښکاري"), "{pashto}");

    // Once fixed, a date it cannot read may be kept as written: the request is not lost.
    let fixed = [
        ("code", code.as_str()),
        ("given_name", "Parwana"),
        ("date_of_birth", "31/02/1990"),
        ("needs", story),
        ("who", "self"),
        ("keep_as_written", "1"),
    ];
    let r = client
        .post(app.url("/request?lang=en"))
        .form(&fixed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(text(&r.text().await.unwrap()).contains("Request received"));
}

#[tokio::test]
async fn a_form_that_expired_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let r = client
        .post(app.url("/request"))
        .form(&[
            ("code", "stale"),
            ("given_name", "Parwana"),
            ("needs", "at the border"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(text(&page).contains("The form expired. What you wrote is still here"));
    assert!(page.contains(r#"value="Parwana""#) && page.contains("at the border"));
    assert_ne!(
        hidden(&page, "code"),
        "stale",
        "a fresh code to send it with"
    );
}

#[tokio::test]
async fn the_desk_saves_only_from_its_save_button_and_asks_for_what_it_cannot_read() {
    let app = TestApp::spawn().await;
    let clerk = app.signed_in("clerk").await;
    let (_, form) = app.page(&clerk, "/desk").await;
    // Enter in a one-line field submits with the form's first button: a disabled one.
    let form_at = form.find(r#"action="/desk""#).unwrap();
    let first_button = &form[form_at..][form[form_at..].find("<button").unwrap()..];
    assert!(
        first_button[..first_button.find('>').unwrap()].contains("disabled"),
        "{first_button}"
    );
    let r = clerk
        .post(app.url("/desk"))
        .form(&[
            ("csrf", csrf(&form).as_str()),
            ("code", hidden(&form, "code").as_str()),
            ("given_name", "Hamid"),
            ("email", "not-an-email"),
            ("sex", "x-nonsense"),
            ("family", "Nadia, wife, 1990"),
            ("save", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    let words = text(&page);
    assert!(
        words.contains("This email address does not look right"),
        "{words}"
    );
    assert!(words.contains("Choose one from the list"), "{words}");
    assert!(page.contains(r#"value="Hamid""#) && page.contains("Nadia, wife, 1990"));
    let nothing = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert!(nothing.items.is_empty(), "a half-right record is not saved");
}

/// A date of birth later than today (a Solar Hijri date typed as Gregorian, a slip of the
/// year) is not saved silently and not refused: the review step says so, in the clerk's
/// language, and saving from there keeps it as written, flagged on the person.
#[tokio::test]
async fn a_future_date_of_birth_at_the_desk_is_a_warning_the_clerk_confirms() {
    let app = TestApp::spawn().await;
    let clerk = app.signed_in("clerk").await;
    let (_, form) = app.page(&clerk, "/desk").await;
    let next_year = (chrono::Utc::now() + chrono::Duration::days(400)).format("%Y-%m-%d");
    let dob = next_year.to_string();
    let fields = |step: &'static str| {
        vec![
            ("csrf", csrf(&form)),
            ("code", hidden(&form, "code")),
            ("given_name", "Hamid".to_string()),
            ("family_name", "Testzai".to_string()),
            ("date_of_birth", dob.clone()),
            (step, "1".to_string()),
        ]
    };
    let review = clerk
        .post(app.url("/desk?lang=prs"))
        .form(&fields("review"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let words = text(&review);
    assert!(
        words.contains("این تاریخ بعد از امروز است"),
        "the warning, in Dari: {words}"
    );
    assert!(review.contains(r#"id="to-confirm""#), "{review}");
    assert!(
        app.store
            .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
            .await
            .unwrap()
            .items
            .is_empty(),
        "nothing is saved before the clerk confirms"
    );
    let r = clerk
        .post(app.url("/desk"))
        .form(&fields("save"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let saved = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(saved.items.len(), 1, "confirmed: saved as written");
}

#[tokio::test]
async fn the_font_is_served_for_a_year_and_pages_are_compressed() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let form = client.get(app.url("/request")).send().await.unwrap();
    let css = client
        .get(app.url("/static/app.css"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let font_path = css
        .split("url(")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .expect("the stylesheet names its font");
    assert!(form.status().is_success());
    let font = client.get(app.url(font_path)).send().await.unwrap();
    assert_eq!(font.status(), 200);
    assert_eq!(font.headers()["content-type"], "font/woff2");
    assert!(
        font.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000")
    );
    assert!(font.bytes().await.unwrap().starts_with(b"wOF2"));

    // The family form travels compressed: small on a metered link.
    let r = client
        .get(app.url("/request?lang=prs"))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-encoding"], "gzip");
    let sent = r.bytes().await.unwrap().len();
    assert!(sent < 8_000, "{sent} bytes over the wire");
}

#[tokio::test]
async fn a_refused_action_returns_to_the_case_page_with_the_reason_and_what_was_typed() {
    let app = TestApp::spawn().await;
    let case = sima_asks(&app, "visa").await.0;
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, &format!("/cases/{case}")).await;
    let token = csrf(&page);
    let reason = "The family reached Islamabad on their own.";
    let r = lead
        .post(app.url(&format!("/cases/{case}/status")))
        .form(&[
            ("csrf", token.as_str()),
            ("status", "closed"),
            ("reason", reason),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    let words = text(&page);
    // The case page itself, with its menu, the reason on top, and the reason typed kept.
    assert!(words.contains(&format!("C-{case} · Sima")), "{words}");
    assert!(page.contains(r#"id="refused""#) && page.contains("<nav class=\"main\">"));
    assert!(words.contains("This was not done"), "{words}");
    assert!(
        words.contains("Closing a case needs an outcome: choose one in the Outcome list."),
        "{words}"
    );
    assert!(page.contains(&format!(r#"value="{reason}""#)));
    assert!(!words.contains("Cannot do that"));
    for code in ["visa_issued", "com_approved", "resettled"] {
        assert!(!words.contains(code), "internal code {code} shown: {words}");
    }
    // In Dari, the same refusal in Dari.
    let r = lead
        .post(app.url(&format!("/cases/{case}/status?lang=prs")))
        .form(&[
            ("csrf", token.as_str()),
            ("status", "closed"),
            ("reason", reason),
        ])
        .send()
        .await
        .unwrap();
    assert!(text(&r.text().await.unwrap()).contains("بستن پرونده نتیجه می‌خواهد"));
}

#[tokio::test]
async fn notifications_are_marked_read_in_bulk_the_ticked_ones_or_all() {
    let app = TestApp::spawn().await;
    let case = sima_asks(&app, "medical").await.0;
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, &format!("/cases/{case}")).await;
    for note in [
        "@officer please call the family",
        "@officer and check the clinic",
    ] {
        let r = lead
            .post(app.url(&format!("/cases/{case}/notes")))
            .form(&[("csrf", csrf(&page).as_str()), ("body", note)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
    }
    let officer = app.signed_in("officer").await;
    let unread = || async {
        app.store
            .unread_notifications(app.officer.id)
            .await
            .unwrap()
    };
    assert_eq!(unread().await, 2);
    let (_, page) = app.page(&officer, "/notifications").await;
    let first = {
        let at = page.find(r#"name="id" value=""#).expect("a box to tick") + 17;
        page[at..].split('"').next().unwrap().to_string()
    };
    let token = csrf(&page);
    // The two mentions on one case are one line, with their count and one box for both.
    let words = text(&page);
    assert_eq!(page.matches(r#"class="notif-group"#).count(), 1, "{page}");
    assert!(words.contains("You were mentioned 2"), "{words}");
    let group = {
        let at = page
            .find(r#"name="group" value=""#)
            .expect("a box for the group")
            + 20;
        page[at..].split('"').next().unwrap().to_string()
    };
    assert_eq!(group.split(',').count(), 2, "{group}");
    let post = |fields: Vec<(&'static str, String)>| {
        let officer = officer.clone();
        let url = app.url("/notifications/read");
        async move {
            officer
                .post(url)
                .form(&fields)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    // Nothing ticked marks nothing.
    let s = post(vec![("csrf", token.clone()), ("ticked", "1".into())]).await;
    assert_eq!(s, 303);
    assert_eq!(unread().await, 2);
    // One ticked, then the group's box: the rest of the group (one was read already).
    for (field, value, left) in [("id", first, 1), ("group", group, 0)] {
        let s = post(vec![
            ("csrf", token.clone()),
            ("ticked", "1".into()),
            (field, value),
        ])
        .await;
        assert_eq!(s, 303);
        assert_eq!(unread().await, left);
    }
    post(vec![("csrf", token.clone()), ("all", "1".into())]).await;
    assert_eq!(unread().await, 0);
}

#[tokio::test]
async fn the_staff_intake_form_keeps_what_was_typed_and_says_what_to_fix_beside_it() {
    let app = TestApp::spawn().await;
    let clerk = app.signed_in("clerk").await;
    let (_, form) = app.page(&clerk, "/intake/new").await;
    let token = csrf(&form);
    let mut fields = vec![
        ("csrf", token.as_str()),
        ("channel", "email"),
        ("category", "visa"),
        ("subject", "SIV family in Quetta"),
        ("requester_kind", "ngo"),
        ("requester_name", "Relief NGO"),
        ("requester_email", "not-an-email"),
        ("p0_given_name", "Hamid"),
        ("p0_date_of_birth", "31/02/1990"),
        ("p1_given_name", "Nadia"),
    ];
    let r = clerk
        .post(app.url("/intake"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    let words = text(&page);
    assert!(
        words.contains("This email address does not look right"),
        "{words}"
    );
    assert!(words.contains("This date does not exist"), "{words}");
    assert!(page.contains(r#"value="SIV family in Quetta""#) && page.contains(r#"value="Nadia""#));
    assert!(page.contains(r#"<option value="email" selected>"#));
    assert!(!words.contains("people[0]") && !words.contains("requester.email"));

    // The email fixed, the date kept as written once the clerk has looked again.
    fields.retain(|(k, _)| *k != "requester_email");
    fields.push(("keep_as_written", "1"));
    let r = clerk
        .post(app.url("/intake"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(app.store.totals().await.unwrap().inquiries, 1);

    // An empty subject is asked for beside its field, not refused in words of the code.
    fields.retain(|(k, _)| *k != "subject");
    let r = clerk
        .post(app.url("/intake"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(text(&page).contains("Fill this in."), "{page}");
    assert!(page.contains(r#"value="Relief NGO""#) && page.contains(r#"value="Hamid""#));
}

#[tokio::test]
async fn a_second_click_on_reply_to_every_requester_sends_nothing_again() {
    let app = TestApp::spawn().await;
    let case = sima_asks(&app, "visa").await;
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, &format!("/cases/{}", case.0)).await;
    let reply_form = &page[page.find(r#"/reply""#).expect("the reply form")..];
    let fields = [
        ("csrf", csrf(&page)),
        ("once", hidden(reply_form, "once")),
        ("template", "progress".to_string()),
    ];
    // Two clicks at once, as an impatient finger on a slow link sends them.
    let send = || {
        lead.post(app.url(&format!("/cases/{}/reply", case.0)))
            .form(&fields)
            .send()
    };
    let (a, b) = tokio::join!(send(), send());
    assert_eq!(
        (a.unwrap().status(), b.unwrap().status()),
        (303.try_into().unwrap(), 303.try_into().unwrap())
    );
    assert_eq!(
        app.store.case_replies(case).await.unwrap().len(),
        1,
        "one reply, not two"
    );
    // A new page's form replies again, as asked.
    let (_, page) = app.page(&lead, &format!("/cases/{}", case.0)).await;
    let reply_form = &page[page.find(r#"/reply""#).unwrap()..];
    let r = lead
        .post(app.url(&format!("/cases/{}/reply", case.0)))
        .form(&[
            ("csrf", csrf(&page)),
            ("once", hidden(reply_form, "once")),
            ("template", "progress".to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(app.store.case_replies(case).await.unwrap().len(), 2);
}

/// A request sent from the form read in Urdu is acknowledged in Urdu, and only in Urdu; one
/// sent in English in English.
#[tokio::test]
async fn the_acknowledgement_is_written_in_the_language_the_form_was_read_in() {
    let app = TestApp::spawn().await;
    for (lang, email) in [("ur", "urdu@example.org"), ("en", "english@example.org")] {
        let fields = [
            ("given_name", "Sima"),
            ("family_name", email),
            ("category", "medical"),
            ("your_email", email),
        ];
        ask(&app, &format!("/request?lang={lang}"), &fields).await;
    }
    let queued = app
        .store
        .claim_outbox(chrono::Utc::now(), chrono::Duration::minutes(5), 10)
        .await
        .unwrap();
    let mut kinds: Vec<(String, String)> = queued
        .iter()
        .map(|m| (m.to.clone(), m.kind.clone()))
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ("english@example.org".into(), "acknowledgement:en".into()),
            ("urdu@example.org".into(), "acknowledgement:ur".into()),
        ]
    );
}
