//! `corridor sitrep` on a database holding a scenario with known numbers: the same figures as
//! the web, in JSON, CSV and HTML, and small counts hidden with --external.

use std::process::Command;

use corridor_domain::{CaseCategory, DisplayName, Role, Username};
use corridor_store::conformance_sitrep::{
    add_known_referrals, build_known_scenario, check_known_report, check_todays_referrals,
};
use corridor_store::crypto::KeySource;
use corridor_store::sitrep::SituationReport;
use corridor_store::{Actor, Backdating, NewTeam, NewUser};
use corridor_store_postgres::testdb::TestDatabase;
use corridor_store_postgres::{PgSettings, PostgresStore};
use corridor_store_sqlite::SqliteStore;

/// Runs in `dir`, where a PostgreSQL database's default data key file (`corridor-data.key`) is.
fn sitrep(dir: &std::path::Path, db: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .current_dir(dir)
        .args(["sitrep", "--db", db])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_command_gives_the_known_figures_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db").to_str().unwrap().to_string();
    let store = SqliteStore::open(&db, &KeySource::beside(&db))
        .await
        .unwrap();
    check_command(&store, &db, dir.path()).await;
}

#[tokio::test]
async fn the_command_gives_the_known_figures_on_postgres() {
    let Some(pg) = TestDatabase::create("the_command_gives_the_known_figures_on_postgres").await
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let keys = KeySource::File(dir.path().join("corridor-data.key"));
    let store = PostgresStore::open(pg.url(), &PgSettings::default(), &keys)
        .await
        .unwrap();
    check_command(&store, pg.url(), dir.path()).await;
    store.close().await;
}

async fn check_command(store: &dyn Backdating, db: &str, dir: &std::path::Path) {
    let db = db.to_string();
    let sys = Actor::system("test");
    let mut medic = None;
    for (name, cats, user) in [
        ("Intake", vec![], "lead"),
        ("Medical", vec![CaseCategory::Medical], "medic"),
    ] {
        let team = store
            .create_team(
                NewTeam {
                    name: name.into(),
                    categories: cats,
                    lead_id: None,
                },
                &sys,
            )
            .await
            .unwrap();
        let u = store
            .create_user(
                NewUser {
                    username: Username::parse(user).unwrap(),
                    display_name: DisplayName::parse("Synthetic Staff").unwrap(),
                    role: Role::Lead,
                    team_id: Some(team.id),
                    password_hash: "$argon2id$placeholder".into(),
                },
                &sys,
            )
            .await
            .unwrap();
        store.set_team_lead(team.id, u.id, &sys).await.unwrap();
        medic = Some(u);
    }
    let period = build_known_scenario(store, &medic.unwrap()).await;
    let (from, to) = (period.from.to_string(), period.to.to_string());
    let span = ["--from", from.as_str(), "--to", to.as_str()];

    let json = sitrep(dir, &db, &[&span[..], &["--format", "json"]].concat());
    let report: SituationReport = serde_json::from_str(&json).unwrap();
    check_known_report(&report);

    let csv = sitrep(dir, &db, &[&span[..], &["--format", "csv"]].concat());
    assert!(
        csv.lines()
            .any(|l| l == "headline,people,Distinct people they concern,6")
    );
    assert!(csv.lines().any(|l| l == "headline,open_cases,Open cases,3"));
    assert!(csv.lines().any(|l| l
        == "pathways,siv:com_approved,Special Immigrant Visa (SIV) — Chief of Mission approved,2"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("overdue,") && l.ends_with(": first response overdue,2")),
        "{csv}"
    );
    let ext = sitrep(
        dir,
        &db,
        &[&span[..], &["--format", "csv", "--external"]].concat(),
    );
    assert!(
        ext.lines()
            .any(|l| l == "headline,open_cases,Open cases,<5")
    );
    assert!(
        ext.lines()
            .any(|l| l == "headline,inquiries,Inquiries received,5")
    );
    assert!(ext.lines().any(|l| l
        == "pathways,siv:com_approved,Special Immigrant Visa (SIV) — Chief of Mission approved,<5"));

    let file = dir.join("r.html");
    sitrep(
        dir,
        &db,
        &[&span[..], &["--output", file.to_str().unwrap()]].concat(),
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("<style>"), "the file carries its style");
    assert!(html.contains("<span class=\"sr-figure\">6</span>"));
    assert!(html.contains("<svg"));
    assert!(!html.contains("Aziz"));
    assert!(html.contains("People by pathway and step"));
    assert!(html.contains("Open cases past a deadline, by team"));
    assert!(html.contains("Referrals awaiting a partner"));

    // Referrals sent today: today's report has them.
    add_known_referrals(store).await;
    let today = chrono::Utc::now().date_naive().to_string();
    let json = sitrep(
        dir,
        &db,
        &[
            "--from",
            today.as_str(),
            "--to",
            today.as_str(),
            "--format",
            "json",
        ],
    );
    check_todays_referrals(&serde_json::from_str(&json).unwrap());

    let bad = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(crate::common::scratch())
        .current_dir(dir)
        .args(["sitrep", "--db", &db, "--from", &to, "--to", &from])
        .output()
        .unwrap();
    if from != to {
        assert!(!bad.status.success());
        assert!(String::from_utf8_lossy(&bad.stderr).contains("after it ends"));
    }
}
