//! How the case list behaves at 100,000 cases on the SQLite backend.
//!
//! `cargo bench -p corridor-store-sqlite --bench case_list` prints the time to store the cases
//! and the median time of each kind of page a case officer opens. `CASES=N` changes the size.

use std::time::{Duration, Instant};

use chrono::Utc;
use corridor_domain::{
    CaseCategory, CaseStatus, Channel, DisplayName, NewInquiry, NewRequester, PersonDetails,
    Priority, RequesterKind, Role, Username,
};
use corridor_store::crypto::KeySource;
use corridor_store::prelude::*;
use corridor_store::{Actor, CaseFilter, CaseSort, NewTeam, NewUser, PageRequest};
use corridor_store_sqlite::SqliteStore;

const CATEGORIES: [CaseCategory; 6] = [
    CaseCategory::Evacuation,
    CaseCategory::BorderCrossing,
    CaseCategory::Visa,
    CaseCategory::RefugeeReferral,
    CaseCategory::Medical,
    CaseCategory::Protection,
];

fn inquiry(i: usize) -> NewInquiry {
    NewInquiry {
        channel: Channel::Spreadsheet,
        requester: NewRequester {
            kind: RequesterKind::Ngo,
            name: format!("Bench NGO {}", i % 50),
            organization: None,
            email: None,
            phone: None,
        },
        received_at: Utc::now(),
        subject: format!("List row {i}"),
        category: CATEGORIES[i % CATEGORIES.len()],
        raw_payload: format!("row {i}"),
        content_type: "text/csv".into(),
        household_label: None,
        people: vec![PersonDetails {
            given_name: Some(format!("Given{i}")),
            family_name: Some("Benchzai".into()),
            ..Default::default()
        }],
        idempotency_key: None,
        matches: Vec::new(),
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn time<F, Fut>(label: &str, runs: usize, f: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let mut times = Vec::with_capacity(runs);
    let mut rows = 0;
    for _ in 0..runs {
        let t = Instant::now();
        rows = f().await;
        times.push(t.elapsed());
    }
    println!(
        "{label:<48} {:>8.2} ms  ({rows} rows)",
        median(times).as_secs_f64() * 1e3
    );
}

#[tokio::main]
async fn main() {
    let cases: usize = std::env::var("CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(
        dir.path().join("bench.db").to_str().unwrap(),
        &KeySource::ephemeral(),
    )
    .await
    .unwrap();
    let system = Actor::system("bench");
    let team = store
        .create_team(
            NewTeam {
                name: "All".into(),
                categories: vec![],
                lead_id: None,
            },
            &system,
        )
        .await
        .unwrap();
    let mut officers = Vec::new();
    for n in 0..10 {
        officers.push(
            store
                .create_user(
                    NewUser {
                        username: Username::parse(&format!("officer{n}")).unwrap(),
                        display_name: DisplayName::parse(&format!("Officer {n}")).unwrap(),
                        role: Role::CaseOfficer,
                        team_id: Some(team.id),
                        password_hash: "-".into(),
                    },
                    &system,
                )
                .await
                .unwrap(),
        );
    }
    store
        .set_team_lead(team.id, officers[0].id, &system)
        .await
        .unwrap();

    let started = Instant::now();
    for chunk in (0..cases).collect::<Vec<_>>().chunks(2_000) {
        store
            .record_inquiries(chunk.iter().map(|&i| inquiry(i)).collect(), &system)
            .await
            .unwrap();
    }
    let took = started.elapsed();
    println!(
        "stored {cases} inquiries, people and cases in {:.1} s ({:.0} per second, 2,000 per transaction)",
        took.as_secs_f64(),
        cases as f64 / took.as_secs_f64()
    );
    // Spread some cases to other owners and states, as a working task force would.
    for id in (1..=cases as i64).step_by(97) {
        let owner = officers[(id as usize) % officers.len()].id;
        store
            .assign_case(corridor_domain::CaseId(id), owner, None, None, &system)
            .await
            .unwrap();
        store
            .change_case_status(
                corridor_domain::CaseId(id),
                CaseStatus::Triaged,
                None,
                None,
                &system,
            )
            .await
            .unwrap();
    }

    let s = &store;
    let page = |filter: CaseFilter, after| async move {
        s.list_cases(&filter, PageRequest::after(50, after))
            .await
            .unwrap()
            .items
            .len()
    };
    time("first page, newest", 30, || {
        page(CaseFilter::default(), None)
    })
    .await;
    time("first page, most urgent first", 30, || {
        page(
            CaseFilter {
                sort: CaseSort::Priority,
                ..Default::default()
            },
            None,
        )
    })
    .await;
    // A deep page: walk to the middle once, then time opening it.
    let mut cursor = None;
    for _ in 0..(cases / 2 / 500) {
        cursor = s
            .list_cases(&CaseFilter::default(), PageRequest::after(500, cursor))
            .await
            .unwrap()
            .next;
    }
    time("page in the middle (keyset cursor)", 30, || {
        page(CaseFilter::default(), cursor)
    })
    .await;
    time("open cases of one owner", 30, || {
        page(
            CaseFilter {
                owner: Some(officers[3].id),
                open_only: true,
                ..Default::default()
            },
            None,
        )
    })
    .await;
    time("status = triaged", 30, || {
        page(
            CaseFilter {
                status: Some(CaseStatus::Triaged),
                ..Default::default()
            },
            None,
        )
    })
    .await;
    time("category + priority", 30, || {
        page(
            CaseFilter {
                category: Some(CaseCategory::Medical),
                priority: Some(Priority::Critical),
                ..Default::default()
            },
            None,
        )
    })
    .await;
    time("open cases of one team, most urgent first", 30, || {
        page(
            CaseFilter {
                team: Some(team.id),
                open_only: true,
                sort: CaseSort::Priority,
                ..Default::default()
            },
            None,
        )
    })
    .await;
    time("case page (people, inquiries, history)", 30, || async {
        s.get_case(corridor_domain::CaseId(4_711.min(cases as i64)), &system)
            .await
            .unwrap()
            .map_or(0, |c| c.people.len())
    })
    .await;
}
