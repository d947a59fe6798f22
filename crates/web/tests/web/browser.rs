//! The pages in a real browser: `browser_journeys.py` drives Debian's Chromium with Playwright
//! (both installed by `scripts/test`; Playwright's own browser download is never used) against
//! this app on loopback, checks each public page and the case page with axe-core, and keeps
//! a screenshot of every journey step in target/browser-screenshots (CI keeps them as
//! artifacts). Like the contract tests, it fails, saying what to install, when its tools are
//! missing rather than pass without having looked.

use std::path::{Path, PathBuf};
use std::process::Command;

use corridor_store::{Actor, InquiryFilter, NewOrg, PageRequest};

use crate::common::{PASSWORD, TestApp, totp_secret};

/// The Python with Playwright: the one in `CORRIDOR_PYTHON_TOOLS` (scripts/test's virtual
/// environment), else the first on the PATH that can import it.
fn python_with_playwright() -> PathBuf {
    let dirs = std::env::var_os("CORRIDOR_PYTHON_TOOLS")
        .into_iter()
        .chain(std::env::var_os("PATH"))
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>());
    for dir in dirs {
        let candidate = dir.join("python3");
        let imports = candidate.is_file()
            && Command::new(&candidate)
                .args(["-c", "import playwright, axe_playwright_python"])
                .output()
                .is_ok_and(|o| o.status.success());
        if imports {
            return candidate;
        }
    }
    panic!(
        "Playwright for Python is not installed: this test needs it (`scripts/test` installs \
         it; by hand: pip install -r scripts/api-tools.txt in a virtual environment, then put \
         its bin directory in CORRIDOR_PYTHON_TOOLS)"
    );
}

fn chromium() -> PathBuf {
    let path = std::env::var_os("CORRIDOR_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.is_file(),
        "{} is missing: this test drives Debian's Chromium (apt-get install chromium; \
         scripts/test does)",
        path.display()
    );
    path
}

/// target/browser-screenshots, beside the build (kept by CI as artifacts).
fn screenshots() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.canonicalize().unwrap_or(dir)
}

/// A medical case, on the officer's team, for the case page.
async fn a_case(app: &TestApp) -> i64 {
    let client = TestApp::client();
    let (_, form) = app.page(&client, "/request").await;
    let at = form.find(r#"name="code" value=""#).unwrap() + 19;
    let code = form[at..].split('"').next().unwrap();
    let r = client
        .post(app.url("/request"))
        .form(&[
            ("code", code),
            ("given_name", "Zarghona"),
            ("father_name", "Abdul Wali"),
            ("date_of_birth", "1370"),
            ("category", "medical"),
            ("given_name_1", "Farid"),
            ("relationship_1", "child"),
            ("needs", "Needs dialysis, waiting in Peshawar."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // A request from the public opens its case at once.
    app.store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(1))
        .await
        .unwrap()
        .items[0]
        .case_id
        .expect("a case")
        .0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applicants_clerks_and_officers_in_the_browser_in_their_languages() {
    let python = python_with_playwright();
    let chromium = chromium();
    let app = TestApp::spawn_with(|config, _| {
        // Two applicants and the case's request from one address, in a minute.
        config.public_requests_per_window = 50;
    })
    .await;
    let case = a_case(&app).await;
    // The partner the officer refers the case to.
    app.store
        .create_org(
            NewOrg {
                name: "Synthetic Clinic Peshawar".into(),
                kind: corridor_domain::OrgKind::Ngo,
                contact_email: None,
            },
            &Actor::system("test"),
        )
        .await
        .unwrap();
    let lead_id = app.lead.id.0;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/web/browser_journeys.py");
    let out = tokio::task::spawn_blocking({
        let base = app.base.clone();
        move || {
            Command::new(python)
                .arg(script)
                .env("BASE_URL", base)
                .env("CHROMIUM", chromium)
                .env("SCREENSHOTS", screenshots())
                .env("CASE_ID", case.to_string())
                .env("PASSWORD", PASSWORD)
                .env("CLERK_TOTP", totp_secret("clerk"))
                .env("OFFICER_TOTP", totp_secret("officer"))
                .env("LEAD_TOTP", totp_secret("lead"))
                .env("LEAD_ID", lead_id.to_string())
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("all journeys passed"), "{stdout}");
    for journey in ["officer's day in Dari", "lead's day in Urdu"] {
        assert!(stdout.contains(journey), "{journey} not run: {stdout}");
    }
    // What the officer and the lead did is in the store, not only on the screen.
    let closed = app
        .store
        .get_case(corridor_domain::CaseId(case), &Actor::system("test"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(closed.summary.status, corridor_domain::CaseStatus::Closed);
    assert_eq!(closed.summary.owner_id, app.lead.id);
    // Every public page and the case page went through axe.
    for page in [
        "/request (prs)",
        "/status (ps)",
        "/cases/{id} (prs)",
        "desk receipt (prs)",
        "/cases/{id} after the officer's day (prs)",
        "/cases/{id} closed (ur)",
    ] {
        assert!(
            stdout.contains(&format!("AXE {page} ")),
            "{page} not checked: {stdout}"
        );
    }
}
