//! No personal data in the logs: a whole scenario (the demo surge with matching, a list
//! imported, requests by the public form and the API, cases, people and reviews read) runs
//! with the most verbose logging, and every name, phone, document number and email of the
//! synthetic people involved is then searched for in everything the processes printed.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::common::{Server, corridor_env};

use corridor_scenario::{ScenarioConfig, SyntheticRecord};
use serde_json::{Value, json};

const SEED: u64 = 4242;
const HOUSEHOLDS: usize = 120;
const INQUIRIES: usize = 400;

/// A command at the most verbose logging.
/// Whether `text` holds `secret`, other than by chance inside the fraction of a number (a
/// passport's digits occur in the digits of a timing, "elapsed_secs=0.000226424").
fn names(text: &str, secret: &str) -> bool {
    text.match_indices(secret).any(|(at, _)| {
        let digits_before = text[..at]
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .len();
        let in_fraction = secret.starts_with(|c: char| c.is_ascii_digit())
            && text[..digits_before].ends_with('.')
            && text[..digits_before - 1].ends_with(|c: char| c.is_ascii_digit());
        !in_fraction
    })
}

fn corridor(db: &str, args: &[&str]) -> std::process::Output {
    corridor_env(db, args, &[("CORRIDOR_LOG", "trace".as_ref())])
}

/// Everything a process printed, both streams: an operator's log collector takes both.
fn printed(out: &std::process::Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// What would identify a person, as it appeared in the input. Short fragments ("Ali") are
/// left out: they occur inside ordinary words and would make the search meaningless.
fn identifying(r: &SyntheticRecord) -> Vec<String> {
    [
        &r.full_name,
        &r.father_name,
        &r.national_id,
        &r.passport,
        &r.phone,
        &r.email,
    ]
    .into_iter()
    .map(|s| s.trim().to_string())
    .filter(|s| s.chars().count() >= 8)
    .collect()
}

#[tokio::test]
async fn a_whole_scenario_logs_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corridor.db");
    let db = db.to_str().unwrap();
    let mut logs = String::new();

    // The demo surge, every inquiry matched.
    let demo = corridor(
        db,
        &[
            "demo",
            "--seed",
            &SEED.to_string(),
            "--households",
            &HOUSEHOLDS.to_string(),
            "--inquiries",
            &INQUIRIES.to_string(),
        ],
    );
    logs += &printed(&demo, "corridor demo");
    let scenario = corridor_scenario::generate(&ScenarioConfig {
        seed: SEED,
        households: HOUSEHOLDS,
        inquiries: INQUIRIES,
        ..ScenarioConfig::demo()
    });
    let mut secrets: Vec<String> = scenario.records().flat_map(identifying).collect();

    // A list of other people imported from a spreadsheet.
    let other = corridor_scenario::generate(&ScenarioConfig {
        seed: SEED + 1,
        households: 30,
        inquiries: 60,
        ..ScenarioConfig::demo()
    });
    let csv_path = dir.path().join("list.csv");
    let mut csv = String::from("Full name,Father's name,Date of birth,Tazkira,Phone,Email\n");
    for r in other.records() {
        csv += &format!(
            "\"{}\",\"{}\",\"{}\",\"{}\",\"{}\",\"{}\"\n",
            r.full_name, r.father_name, r.date_of_birth, r.national_id, r.phone, r.email
        );
        secrets.extend(identifying(r));
    }
    std::fs::write(&csv_path, csv).unwrap();
    let import = corridor(
        db,
        &[
            "import",
            csv_path.to_str().unwrap(),
            "--requester",
            "Veterans coalition",
            "--requester-kind",
            "ngo",
            "--category",
            "evacuation",
        ],
    );
    logs += &printed(&import, "corridor import");

    // The server, used through the API and the public form.
    let token = corridor(
        db,
        &["token", "create", "--user", "lead", "--name", "log-test"],
    );
    let token = String::from_utf8(token.stdout).unwrap().trim().to_string();
    assert!(token.starts_with("cor_"), "no token: {token:?}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .args(["serve", "--db", db, "--addr", "127.0.0.1:0"])
        .env("CORRIDOR_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let server = Server(child);
    // Read from the start: at trace level the start-up alone can fill the pipe, and a
    // server blocked writing its log never prints its address.
    let stderr_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    // The first line on stdout names the address; read byte by byte so nothing after it is
    // buffered away from the log collected below.
    let mut first = Vec::new();
    let mut byte = [0u8];
    while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    let first = String::from_utf8(first).unwrap();
    let base = first
        .split("http://")
        .nth(1)
        .map(|rest| format!("http://{}", rest.trim().trim_end_matches('/')))
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    let stdout_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });

    let client = reqwest::Client::new();
    let api = |path: &str| format!("{base}/api/v1{path}");
    let given = "Zarmina";
    let family = "Qaderzada";
    let phone = "0791357924";
    let created = client
        .post(api("/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "medical", "subject": "Needs dialysis",
            "requester": {"kind": "sponsor", "name": "Hollis Abernathy-Grant",
                          "email": "hollis.grant@example.org"},
            "people": [{"given_name": given, "family_name": family, "father_name": "Sayed Nasrullah",
                        "phone": phone, "national_id": "1400-0302-77125"}]
        }))
        .send()
        .await
        .unwrap();
    let created_id = created.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(created.status(), 201, "{}", created.text().await.unwrap());
    secrets.extend(
        [
            format!("{given} {family}"),
            "Sayed Nasrullah".into(),
            "Hollis Abernathy-Grant".into(),
            "hollis.grant@example.org".into(),
            phone.into(),
            "1400-0302-77125".into(),
        ]
        .into_iter(),
    );

    let form = client.get(format!("{base}/request")).send().await.unwrap();
    let page = form.text().await.unwrap();
    let code = page
        .split("name=\"code\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the request form carries its code")
        .to_string();
    let sent = client
        .post(format!("{base}/request"))
        .form(&[
            ("code", code.as_str()),
            ("who", "self"),
            ("given_name", "Shabnam"),
            ("family_name", "Yousufzai-Noori"),
            ("father_name", "Ghulam Farooq"),
            ("phone", "0782468013"),
            ("your_email", "shabnam.noori@example.net"),
            ("category", "protection"),
            ("needs", "Threatened at the checkpoint in Pul-e Khumri"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    assert!(sent.text().await.unwrap().contains("reference"));
    secrets.extend([
        "Shabnam Yousufzai-Noori".to_string(),
        "Yousufzai-Noori".into(),
        "Ghulam Farooq".into(),
        "0782468013".into(),
        "shabnam.noori@example.net".into(),
        "checkpoint in Pul-e Khumri".into(),
    ]);

    // Read what staff read: cases with their people, people, possible matches.
    let cases: Value = client
        .get(api("/cases?limit=25"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = cases["items"].as_array().expect("a page of cases");
    assert!(!items.is_empty(), "the demo made cases");
    let mut people_read = 0;
    for case in items {
        let case: Value = client
            .get(api(&format!("/cases/{}", case["id"])))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for person in case["people"].as_array().into_iter().flatten().take(2) {
            let response = client
                .get(api(&format!("/persons/{}", person["id"])))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            people_read += 1;
        }
    }
    assert!(people_read > 0, "people were read");
    let reviews = client
        .get(api("/reviews?status=pending&limit=50"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(reviews.status(), 200);
    // Something refused on the way, so that error paths log too.
    let refused = client
        .post(api("/inquiries"))
        .bearer_auth(&token)
        .json(&json!({"category": "not a category", "subject": "x",
                      "requester": {"kind": "sponsor", "name": "Marigold Featherstonehaugh"},
                      "people": [{"given_name": "Wazhma Rahmani", "date_of_birth": "13 Saratan 1362"}]}))
        .send()
        .await
        .unwrap();
    assert!(
        refused.status().is_client_error(),
        "{}",
        refused.text().await.unwrap()
    );
    secrets.push("Marigold Featherstonehaugh".into());
    secrets.push("Wazhma Rahmani".into());

    drop(server);
    logs += &stdout_reader.join().unwrap();
    logs += &stderr_reader.join().unwrap();

    // Every line logged while a request ran names it: its id, method and route template.
    let answered = logs
        .lines()
        .find(|l| l.contains(&format!("request_id={created_id}")) && l.contains("answered"))
        .unwrap_or_else(|| panic!("no log line of request {created_id}:\n{logs}"));
    assert!(
        answered.contains("method=POST") && answered.contains("route=/api/v1/inquiries"),
        "{answered}"
    );

    // The search is only meaningful if the logs say something at all.
    assert!(
        logs.lines().count() > 100,
        "trace logging produced almost nothing:\n{logs}"
    );
    secrets.sort();
    secrets.dedup();
    assert!(
        secrets.len() > 500,
        "only {} values to look for",
        secrets.len()
    );
    let found: Vec<String> = secrets
        .iter()
        .filter(|s| names(&logs, s))
        .map(|s| {
            let line = logs.lines().find(|l| names(l, s)).unwrap_or("");
            format!("{s:?} in: {}", line.chars().take(300).collect::<String>())
        })
        .take(10)
        .collect();
    assert!(
        found.is_empty(),
        "personal data in the logs:\n{}",
        found.join("\n")
    );
}
