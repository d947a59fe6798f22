//! Documents over real HTTP: the API and the case page take a file, refuse what is not a
//! document in words, strip a photo's GPS position before storing it, serve it back as an
//! attachment (or a sandboxed view) to those who may see the case only; with a real clamd,
//! malware is refused and nothing unscanned is served.

use corridor_documents::testing::{eicar, gps_tagged_photo, start_clamd};
use corridor_store::documents::{DocumentOwner, NewDocument, ScanState};
use corridor_store::{Actor, AuditFilter};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::common::{TestApp, csrf};

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Title (Synthetic COM letter) >> endobj\ntrailer <<>>\n%%EOF\n";

/// A case (with its person) made through the API; returns (case, person).
async fn case(app: &TestApp, token: &str) -> (i64, i64) {
    let client = reqwest::Client::new();
    let created: Value = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(token)
        .json(&json!({
            "category": "evacuation",
            "subject": "Documents for the family",
            "requester": {"kind": "sponsor", "name": "Synthetic Sponsor", "email": "s@sponsor.example"},
            "people": [{"given_name": "Synthetic", "family_name": "Testzai"}]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let case = created["case_id"].as_i64().expect("a case was opened");
    let file: Value = client
        .get(app.url(&format!("/api/v1/cases/{case}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (case, file["people"][0]["id"].as_i64().unwrap())
}

fn upload(kind: &str, name: &str, mime: &str, bytes: Vec<u8>) -> Form {
    Form::new().text("kind", kind.to_string()).part(
        "file",
        Part::bytes(bytes)
            .file_name(name.to_string())
            .mime_str(mime)
            .unwrap(),
    )
}

/// Sends `form` to an API path as `token`'s user.
async fn send(app: &TestApp, token: &str, path: &str, form: Form) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url(path))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Checks a refusal's status and that its message says `words`.
async fn refusal(r: reqwest::Response, status: u16, words: &str) {
    assert_eq!(r.status(), status);
    let body: Value = r.json().await.unwrap();
    let message = body["message"].as_str().unwrap();
    assert!(message.contains(words), "{body}");
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn documents_through_the_api_are_checked_cleaned_and_served_as_attachments() {
    let app = TestApp::spawn_with(|c, _| c.documents.max_bytes = 1024 * 1024).await;
    let token = app.token(&app.lead).await;
    let (case, person) = case(&app, &token).await;
    let client = reqwest::Client::new();
    let photo = gps_tagged_photo();
    assert!(find(&photo, b"Exif\0") && find(&photo, b"GPS"));

    // A phone photo of a tazkira, GPS position and all.
    let r = send(
        &app,
        &token,
        &format!("/api/v1/cases/{case}/documents"),
        upload("tazkira", "IMG_0001.jpg", "image/jpeg", photo.clone()),
    )
    .await;
    assert_eq!(r.status(), 201);
    let doc: Value = r.json().await.unwrap();
    assert_eq!(doc["kind"], "tazkira");
    assert_eq!(doc["media_type"], "image/jpeg");
    assert_eq!(doc["scan"], "not_scanned");
    assert_eq!(doc["has_thumbnail"], true);
    assert_eq!(doc["already_present"], false);
    let id = doc["id"].as_i64().unwrap();

    // Served as an attachment, never sniffed, with nothing of the position left.
    let r = client
        .get(app.url(&format!("/api/v1/documents/{id}/content")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let served = r.bytes().await.unwrap();
    assert!(served.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert!(!find(&served, b"Exif\0") && !find(&served, b"GPS"));

    // The same file again: the document stored the first time.
    let r = send(
        &app,
        &token,
        &format!("/api/v1/cases/{case}/documents"),
        upload("tazkira", "IMG_0001.jpg", "image/jpeg", photo.clone()),
    )
    .await;
    assert_eq!(r.status(), 200);
    let again: Value = r.json().await.unwrap();
    assert_eq!(
        (again["id"].as_i64(), again["already_present"].as_bool()),
        (Some(id), Some(true))
    );

    // A program named as a PDF is what its bytes say: 415, in words.
    let r = send(
        &app,
        &token,
        &format!("/api/v1/cases/{case}/documents"),
        upload(
            "com_letter",
            "letter.pdf",
            "application/pdf",
            b"MZ\x90\0\x03\0\0\0".to_vec(),
        ),
    )
    .await;
    assert_eq!(r.status(), 415);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "unsupported_media_type");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("a program is not accepted"),
        "{body}"
    );
    // Over the server's limit: 413, saying the limit.
    let mut big = PDF.to_vec();
    big.resize(1024 * 1024 + 10, b' ');
    let r = send(
        &app,
        &token,
        &format!("/api/v1/cases/{case}/documents"),
        upload("other", "big.pdf", "application/pdf", big),
    )
    .await;
    refusal(r, 413, "at most 1048576 bytes").await;
    // An unknown kind: 422, listing the kinds.
    let r = send(
        &app,
        &token,
        &format!("/api/v1/cases/{case}/documents"),
        upload("visa", "v.pdf", "application/pdf", PDF.to_vec()),
    )
    .await;
    refusal(r, 422, "com_letter").await;

    // On the person too; each record lists its own.
    let r = send(
        &app,
        &token,
        &format!("/api/v1/persons/{person}/documents"),
        upload("com_letter", "com.pdf", "application/pdf", PDF.to_vec()),
    )
    .await;
    assert_eq!(r.status(), 201);
    for (path, n) in [
        format!("/api/v1/cases/{case}/documents"),
        format!("/api/v1/persons/{person}/documents"),
    ]
    .into_iter()
    .zip([1, 1])
    {
        let list: Value = client
            .get(app.url(&path))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), n, "{path}: {list}");
    }

    // The officer of another team does not know the document exists.
    let officer = app.token(&app.officer).await;
    let r = client
        .get(app.url(&format!("/api/v1/documents/{id}/content")))
        .bearer_auth(&officer)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = send(
        &app,
        &officer,
        &format!("/api/v1/cases/{case}/documents"),
        upload("other", "x.pdf", "application/pdf", PDF.to_vec()),
    )
    .await;
    assert_eq!(r.status(), 404);

    // Attaching and downloading are in the audit trail, under the lead's name.
    let events = app
        .store
        .search_audit(
            &AuditFilter {
                entity: Some("document".into()),
                entity_id: Some(id),
                ..AuditFilter::default()
            },
            20,
        )
        .await
        .unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"document.attached"), "{actions:?}");
    assert!(actions.contains(&"document.downloaded"), "{actions:?}");
    assert!(events.iter().all(|e| e.actor_name == "lead"), "{events:?}");
}

#[tokio::test]
async fn the_case_page_attaches_lists_views_and_refuses_in_words() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let (case, _) = case(&app, &token).await;
    let (browser, _) = app.signed_in_with_csrf("lead").await;
    let (status, page) = app.page(&browser, &format!("/cases/{case}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"documents-form\""), "{page}");
    let token = csrf(&page);

    let form =
        upload("tazkira", "scan.pdf", "application/pdf", PDF.to_vec()).text("csrf", token.clone());
    let r = browser
        .post(app.url(&format!("/cases/{case}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("/cases/{case}?done=document#documents").as_str()
    );
    let docs = app
        .store
        .documents_of(DocumentOwner::Case(corridor_domain::CaseId(case)))
        .await
        .unwrap();
    assert_eq!(docs.len(), 1);
    let id = docs[0].id;
    let (_, page) = app
        .page(&browser, &format!("/cases/{case}?done=document"))
        .await;
    assert!(page.contains("The document was attached."), "{page}");
    assert!(
        page.contains(&format!("href=\"/documents/{id}/download\"")),
        "{page}"
    );
    assert!(page.contains("Tazkira"));

    // The view is inline under a CSP sandbox; the download an attachment.
    let r = browser
        .get(app.url(&format!("/documents/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("sandbox")
    );
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
    let r = browser
        .get(app.url(&format!("/documents/{id}/download")))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );

    // A text file is refused on the case page itself, saying why, the kind still chosen.
    let form = upload(
        "passport",
        "notes.pdf",
        "application/pdf",
        b"just some notes".to_vec(),
    )
    .text("csrf", token.clone());
    let r = browser
        .post(app.url(&format!("/cases/{case}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("a text file is not accepted"), "{page}");
    assert!(
        page.contains("<option value=\"passport\" selected>"),
        "{page}"
    );

    // Without the form's token nothing is stored.
    let form = upload("passport", "p.pdf", "application/pdf", PDF.to_vec()).text("csrf", "forged");
    let r = browser
        .post(app.url(&format!("/cases/{case}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 303);
    assert_eq!(
        app.store
            .documents_of(DocumentOwner::Case(corridor_domain::CaseId(case)))
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn with_clamd_malware_is_refused_and_nothing_unscanned_is_served() {
    let Some(clamd) = start_clamd() else { return };
    let addr = clamd.addr.clone();
    let app = TestApp::spawn_with(move |c, _| c.clamd = Some(addr)).await;
    let token = app.token(&app.lead).await;
    let (case, _) = case(&app, &token).await;
    let client = reqwest::Client::new();
    let mut carrier = b"%PDF-1.4\n".to_vec();
    carrier.extend(eicar());
    let r = send(
        &app,
        &token,
        &format!("/api/v1/cases/{case}/documents"),
        upload("other", "letter.pdf", "application/pdf", carrier),
    )
    .await;
    refusal(r, 422, "Corridor-Test-EICAR").await;
    let owner = DocumentOwner::Case(corridor_domain::CaseId(case));
    assert!(app.store.documents_of(owner).await.unwrap().is_empty());

    let r = send(
        &app,
        &token,
        &format!("/api/v1/cases/{case}/documents"),
        upload("com_letter", "com.pdf", "application/pdf", PDF.to_vec()),
    )
    .await;
    assert_eq!(r.status(), 201);
    let doc: Value = r.json().await.unwrap();
    assert_eq!(doc["scan"], "clean");
    let r = client
        .get(app.url(&format!("/api/v1/documents/{}/content", doc["id"])))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // One stored while clamd could not be reached is held until it is scanned.
    let held = app
        .store
        .add_document(
            NewDocument {
                owner,
                kind: corridor_store::documents::DocumentKind::Other,
                media_type: corridor_store::documents::MediaType::Pdf,
                content: b"%PDF-1.4 waiting".to_vec(),
                thumbnail: None,
                scan: ScanState::NotScanned,
            },
            &Actor::system("test"),
        )
        .await
        .unwrap()
        .document;
    let r = client
        .get(app.url(&format!("/api/v1/documents/{}/content", held.id)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    refusal(r, 409, "not been scanned").await;
}

/// The public form as a phone's browser sends it without script: multipart, every field a
/// text part, the chosen files last.
fn public_form(fields: &[(&str, &str)], files: Vec<(&str, Vec<u8>)>) -> Form {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            "files",
            Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str("application/octet-stream")
                .unwrap(),
        );
    }
    form
}

fn value_of(html: &str, id: &str) -> String {
    let needle = format!("id=\"{id}\">");
    let at = html.find(&needle).unwrap_or_else(|| panic!("no #{id}")) + needle.len();
    html[at..].split('<').next().unwrap().trim().to_string()
}

async fn inquiry_documents(
    app: &TestApp,
    reference: &str,
) -> Vec<corridor_store::documents::Document> {
    let reference: corridor_domain::ReferenceNumber = reference.parse().unwrap();
    let inquiry = app
        .store
        .inquiry_by_reference(&reference)
        .await
        .unwrap()
        .unwrap();
    app.store
        .documents_of(DocumentOwner::Inquiry(inquiry.id))
        .await
        .unwrap()
}

#[tokio::test]
async fn the_public_form_takes_a_few_files_and_a_refused_one_keeps_everything_typed() {
    let app = TestApp::spawn().await;
    let public = TestApp::client();
    // Read in Dari: the refusal is in Dari too.
    let (status, page) = app.page(&public, "/request?lang=prs").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"enctype="multipart/form-data""#));
    assert!(
        page.contains(r#"type="file""#),
        "a plain file input, no script"
    );
    let code = crate::common::hidden(&page, "code");
    let fields = [
        ("code", code.as_str()),
        ("given_name", "Parwana"),
        ("father_name", "Abdul Ghafar"),
        ("location", "Peshawar"),
        ("category", "refugee_referral"),
        ("who", "self"),
    ];
    // A program among the papers: refused, nothing stored, everything typed kept.
    let r = public
        .post(app.url("/request"))
        .multipart(public_form(
            &fields,
            vec![
                ("tazkira.jpg", gps_tagged_photo()),
                ("letter.pdf", b"MZ\x90\0synthetic program".to_vec()),
            ],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let again = r.text().await.unwrap();
    assert!(
        again.contains(r#"value="Parwana""#),
        "the typed name is kept"
    );
    assert!(again.contains(r#"value="Peshawar""#));
    assert!(
        again.contains("فقط عکس (JPEG، PNG، HEIC) و فایل PDF فرستاده می‌شود"),
        "the reason, in Dari: {again}"
    );
    assert!(again.contains(r#"id="e-files""#));
    let stored = app
        .store
        .list_inquiries(
            &corridor_store::InquiryFilter::default(),
            corridor_store::PageRequest::first(10),
        )
        .await
        .unwrap();
    assert!(stored.items.is_empty(), "nothing stored for a refused file");

    // Too many files: refused for their number, in words.
    let many = (0..6)
        .map(|i| {
            let mut pdf = PDF.to_vec();
            pdf.extend(format!("% copy {i}\n").bytes());
            ("p.pdf", pdf)
        })
        .collect();
    let r = public
        .post(app.url("/request"))
        .multipart(public_form(&fields, many))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("فایل‌ها زیاد است"));

    // The photo and a PDF: the request and its two documents, the photo without its GPS.
    let r = public
        .post(app.url("/request"))
        .multipart(public_form(
            &fields,
            vec![
                ("tazkira.jpg", gps_tagged_photo()),
                ("letter.pdf", PDF.to_vec()),
            ],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let done = r.text().await.unwrap();
    let reference = value_of(&done, "reference");
    let docs = inquiry_documents(&app, &reference).await;
    assert_eq!(docs.len(), 2);
    let photo = docs
        .iter()
        .find(|d| d.media_type == corridor_store::documents::MediaType::Jpeg)
        .unwrap();
    let bytes = app
        .store
        .read_document(
            photo.id,
            corridor_store::documents::DocumentRead::Download,
            &Actor::system("test"),
        )
        .await
        .unwrap()
        .unwrap();
    assert!(!find(&bytes, b"Exif\0\0") && !find(&bytes, b"GPSLatitude"));

    // Sent again on a flaky link: the same request, the files stored once.
    let r = public
        .post(app.url("/request"))
        .multipart(public_form(
            &fields,
            vec![
                ("tazkira.jpg", gps_tagged_photo()),
                ("letter.pdf", PDF.to_vec()),
            ],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(inquiry_documents(&app, &reference).await.len(), 2);

    // A lead sees them on the inquiry page; an intake clerk sees the inquiry, not them.
    let inquiry: corridor_domain::ReferenceNumber = reference.parse().unwrap();
    let id = app
        .store
        .inquiry_by_reference(&inquiry)
        .await
        .unwrap()
        .unwrap()
        .id;
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, &format!("/inquiries/{id}")).await;
    assert!(page.contains(r#"id="documents""#), "{page}");
    assert!(page.contains(&format!("/documents/{}/download", photo.id)));
    let clerk = app.signed_in("clerk").await;
    let (_, page) = app.page(&clerk, &format!("/inquiries/{id}")).await;
    assert!(!page.contains(r#"id="documents""#));
}

#[tokio::test]
async fn the_desk_saves_the_papers_chosen_on_the_confirmation() {
    let app = TestApp::spawn().await;
    let clerk = app.signed_in("clerk").await;
    let (_, form) = app.page(&clerk, "/desk").await;
    let token = csrf(&form);
    let code = crate::common::hidden(&form, "code");
    let fields = [
        ("csrf", token.as_str()),
        ("code", code.as_str()),
        ("given_name", "Hamid"),
        ("father_name", "Wahid"),
        ("category", "evacuation"),
        ("language", "en"),
    ];
    let r = clerk
        .post(app.url("/desk"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    let confirm = r.text().await.unwrap();
    assert!(confirm.contains(r#"enctype="multipart/form-data""#));
    assert!(confirm.contains(r#"name="files""#));
    let mut save = fields.to_vec();
    save.push(("save", "1"));
    // A file that is no photo nor PDF: the confirmation again, saying why, nothing saved.
    let r = clerk
        .post(app.url("/desk"))
        .multipart(public_form(
            &save,
            vec![("notes.txt", b"just some text".to_vec())],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let again = r.text().await.unwrap();
    assert!(
        again.contains("Only photos (JPEG, PNG, HEIC) and PDF files"),
        "{again}"
    );
    assert!(again.contains(r#"name="given_name" value="Hamid""#));
    let r = clerk
        .post(app.url("/desk"))
        .multipart(public_form(&save, vec![("passport.pdf", PDF.to_vec())]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let receipt = r.text().await.unwrap();
    let reference = value_of(&receipt, "reference");
    let docs = inquiry_documents(&app, &reference).await;
    assert_eq!(docs.len(), 1);
    assert_eq!(
        docs[0].media_type,
        corridor_store::documents::MediaType::Pdf
    );
}

#[tokio::test]
async fn pathway_evidence_points_to_a_document_of_the_person_and_the_person_page_links_it() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let (case, person) = case(&app, &token).await;
    let client = reqwest::Client::new();
    // Someone else, on a case of their own.
    let other: Value = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "medical",
            "subject": "Another family",
            "requester": {"kind": "sponsor", "name": "Other Sponsor", "email": "o@sponsor.example"},
            "people": [{"given_name": "Unrelated", "family_name": "Otherkhel", "date_of_birth": "1970-01-01"}]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let other_case = other["case_id"].as_i64().unwrap();
    assert_ne!(other_case, case);
    let attach = |path: String| {
        let form = upload("com_letter", "com.pdf", "application/pdf", PDF.to_vec());
        let app = &app;
        let token = &token;
        async move {
            let r = send(app, token, &path, form).await;
            assert_eq!(r.status(), 201);
            r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
        }
    };
    let letter = attach(format!("/api/v1/cases/{case}/documents")).await;
    let theirs = attach(format!("/api/v1/cases/{other_case}/documents")).await;
    let r = client
        .post(app.url(&format!("/api/v1/persons/{person}/pathways")))
        .bearer_auth(&token)
        .json(&json!({"pathway": "siv", "step": "com_approved"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let evidence = |document: i64| {
        client
            .post(app.url(&format!("/api/v1/persons/{person}/pathways/siv/evidence")))
            .bearer_auth(&token)
            .json(
                &json!({"kind": "com_approval_letter", "reference": "COM-2026-0001",
                          "document_id": document}),
            )
            .send()
    };
    // Another person's document: refused, naming the field.
    let r = evidence(theirs).await.unwrap();
    refusal(r, 422, "document_id").await;
    // A document of the case the person is on: kept with the evidence.
    let r = evidence(letter).await.unwrap();
    assert_eq!(r.status(), 200);
    let pathway: Value = r.json().await.unwrap();
    assert_eq!(pathway["evidence"][0]["document_id"], letter);

    // The person page shows the evidence with a link to the document, and offers the
    // documents evidence may point to.
    let lead = app.signed_in("lead").await;
    let (status, page) = app.page(&lead, &format!("/persons/{person}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!(
            r#"href="/documents/{letter}/download">Document {letter}</a>"#
        )),
        "{page}"
    );
    assert!(
        page.contains(&format!(r#"<option value="{letter}">"#)),
        "{page}"
    );
    assert!(!page.contains(&format!(r#"<option value="{theirs}">"#)));
}
