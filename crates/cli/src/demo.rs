//! The demo: a realistic synthetic surge, generated from a seed, with staff to work it.
//!
//! Everyone in it is invented. Passwords are generated at run time and printed once; nothing
//! secret is in the repository.

use anyhow::Context;
use chrono::{TimeZone, Utc};
use corridor_domain::{
    CaseCategory, CaseOutcome, CaseStatus, Channel, NewInquiry, NewRequester, PersonDetails,
    RequesterKind, Role, Sex, TeamId, UserId,
};
use corridor_scenario::{Scenario, ScenarioConfig, SyntheticInquiry, SyntheticRecord};
use corridor_store::{Actor, Backdating, CaseFilter, NewTeam, PageRequest, Submission};
use corridor_web::matcher::Matcher;
use indicatif::{ProgressBar, ProgressStyle};
use rand::{Rng, SeedableRng};

use crate::admin::{create_user, generate_password};

struct StaffSeed {
    username: &'static str,
    name: &'static str,
    role: Role,
    team: usize,
}

const TEAMS: &[(&str, &[CaseCategory])] = &[
    ("Intake and triage", &[]),
    (
        "Consular",
        &[CaseCategory::Evacuation, CaseCategory::BorderCrossing],
    ),
    ("Visas", &[CaseCategory::Visa]),
    ("Refugee coordination", &[CaseCategory::RefugeeReferral]),
    ("Medical", &[CaseCategory::Medical]),
    ("Protection", &[CaseCategory::Protection]),
];

/// Staff are invented too; the first member of each team leads it.
const STAFF: &[StaffSeed] = &[
    StaffSeed {
        username: "lead",
        name: "Dana Whitfield",
        role: Role::Lead,
        team: 0,
    },
    StaffSeed {
        username: "officer",
        name: "Sam Okafor",
        role: Role::CaseOfficer,
        team: 1,
    },
    StaffSeed {
        username: "visas",
        name: "Priya Raman",
        role: Role::CaseOfficer,
        team: 2,
    },
    StaffSeed {
        username: "refugee",
        name: "Lars Eriksen",
        role: Role::CaseOfficer,
        team: 3,
    },
    StaffSeed {
        username: "medical",
        name: "Amira Haddad",
        role: Role::CaseOfficer,
        team: 4,
    },
    StaffSeed {
        username: "protection",
        name: "Tomás Ruiz",
        role: Role::CaseOfficer,
        team: 5,
    },
    StaffSeed {
        username: "consular2",
        name: "Grace Mwangi",
        role: Role::CaseOfficer,
        team: 1,
    },
    StaffSeed {
        username: "visas2",
        name: "Jonas Weber",
        role: Role::CaseOfficer,
        team: 2,
    },
    StaffSeed {
        username: "clerk",
        name: "Noor Siddiqui",
        role: Role::IntakeClerk,
        team: 0,
    },
    StaffSeed {
        username: "admin",
        name: "Corridor Administrator",
        role: Role::Admin,
        team: 0,
    },
];

/// Fills the database unless it already holds data, and prints how to sign in.
/// The size of the demo surge.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct DemoSize {
    /// Households in the generated surge.
    #[arg(long, default_value_t = 2_000)]
    pub households: usize,
    /// Inquiries about them.
    #[arg(long, default_value_t = 8_000)]
    pub inquiries: usize,
}

impl Default for DemoSize {
    // Larger than the generator's own demo so that, once matching has folded the repeated
    // requests together, there are still a few thousand cases to browse.
    fn default() -> Self {
        DemoSize {
            households: 2_000,
            inquiries: 8_000,
        }
    }
}

pub async fn fill_if_empty(
    store: &dyn Backdating,
    seed: u64,
    size: DemoSize,
) -> anyhow::Result<()> {
    let totals = store.totals().await?;
    if totals.users > 0 || totals.inquiries > 0 {
        println!(
            "The database already holds {} inquiries and {} users; the demo was not loaded again.",
            totals.inquiries, totals.users
        );
        println!(
            "(Demo passwords are printed only when the demo is first loaded; start with a new --db to see them.)"
        );
        return Ok(());
    }
    let actor = Actor::system("demo");
    let mut teams = Vec::new();
    for (name, categories) in TEAMS {
        teams.push(
            store
                .create_team(
                    NewTeam {
                        name: name.to_string(),
                        categories: categories.to_vec(),
                        lead_id: None,
                    },
                    &actor,
                )
                .await?,
        );
    }
    let mut staff = Vec::new();
    let mut passwords = Vec::new();
    for s in STAFF {
        let password = generate_password();
        let user = create_user(
            store,
            s.username,
            s.name,
            s.role,
            Some(teams[s.team].id),
            &password,
        )
        .await?;
        if teams[s.team].lead_id.is_none() && s.role != Role::Admin && s.role != Role::IntakeClerk {
            teams[s.team] = store
                .set_team_lead(teams[s.team].id, user.id, &actor)
                .await?;
        }
        // Demo users are enrolled in the second factor already, so that a person (or a
        // script) can sign in with the printed secret in any TOTP app.
        let secret = corridor_web::totp::new_secret();
        store
            .set_totp(
                user.id,
                Some(corridor_store::TotpState {
                    secret: secret.clone(),
                    confirmed: true,
                }),
                &actor,
            )
            .await?;
        passwords.push((s.username, s.role, password, secret));
        staff.push((user, s.team));
    }

    let config = ScenarioConfig {
        seed,
        households: size.households,
        inquiries: size.inquiries,
        ..ScenarioConfig::demo()
    };
    let scenario = corridor_scenario::generate(&config);
    let bar = ProgressBar::new(scenario.inquiries.len() as u64).with_style(
        ProgressStyle::with_template("Loading the demo surge {bar:40} {pos}/{len} inquiries")
            .expect("valid template"),
    );
    load_surge(store, &scenario, DEMO_BATCH, &actor, |n| bar.inc(n as u64)).await?;
    bar.finish_and_clear();

    work_some_cases(
        store,
        &staff,
        &teams.iter().map(|t| t.id).collect::<Vec<_>>(),
        seed,
    )
    .await?;
    let lead = &staff[0].0;
    passwords.push(crate::referrals::demo_partners(store, lead).await?);

    let totals = store.totals().await?;
    println!(
        "Demo loaded: {} inquiries about {} people in {} households, {} cases ({} open), {} possible matches to review.",
        totals.inquiries,
        totals.people,
        totals.households,
        totals.cases,
        totals.open_cases,
        totals.pending_reviews
    );
    println!(
        "Sign in with one of these demo accounts (passwords and second-factor secrets are shown only now;"
    );
    println!(
        "add the secret to a TOTP app such as FreeOTP or Aegis, or compute the code with `oathtool --totp -b SECRET`):"
    );
    for (username, role, password, secret) in passwords {
        println!("  {:<12} {:<24} {}", username, role.label(), password);
        println!("  {:<12} {:<24} {}", "", "  TOTP secret:", secret);
    }
    Ok(())
}

/// Inquiries per intake batch in the demo, as a busy day's lists and mailboxes would come.
pub const DEMO_BATCH: usize = 250;

/// Stores the scenario's inquiries through matching, `batch` at a time, as they would arrive
/// live: the same family asked about by several requesters becomes one set of people on one
/// case, and people repeated inside a batch are matched to each other too. The scenario is a
/// 2021 surge; it is replayed so that its last day is today, so waiting times and ages read as
/// they would in a live task force. Demo requesters get no acknowledgements.
pub async fn load_surge(
    store: &dyn Backdating,
    scenario: &Scenario,
    batch: usize,
    actor: &Actor,
    mut done: impl FnMut(usize),
) -> anyhow::Result<()> {
    let last = scenario
        .inquiries
        .iter()
        .map(|i| i.received_at)
        .max()
        .unwrap_or_default();
    let shift = Utc::now().naive_utc() - last;
    let matcher = Matcher::load(store).await?;
    for chunk in scenario.inquiries.chunks(batch.max(1)) {
        let subs = chunk
            .iter()
            .map(|i| Ok(Submission::new(to_inquiry(scenario, i, shift)?)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        matcher.take_in(store, subs, "demo surge", actor).await?;
        done(chunk.len());
    }
    Ok(())
}

/// Moves part of the surge along, as a few days of work would have: cases handed to team
/// members, some in progress, waiting, or closed.
async fn work_some_cases(
    store: &dyn Backdating,
    staff: &[(corridor_domain::User, usize)],
    teams: &[TeamId],
    seed: u64,
) -> anyhow::Result<()> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x00C0_FFEE);
    let mut page = store
        .list_cases(&CaseFilter::default(), PageRequest::first(500))
        .await?;
    let mut worked = 0usize;
    loop {
        for case in &page.items {
            // Older cases are likelier to have been closed: the team works through the surge
            // and closures catch up with inflow towards the end of the three weeks.
            let age_days = (Utc::now() - case.created_at).num_days();
            let closing = rng.gen_bool((age_days as f64 / 21.0 * 0.5).clamp(0.02, 0.5));
            if !closing && !rng.gen_bool(0.3) {
                continue;
            }
            let lead_actor = Actor::system("demo");
            let team_index = teams.iter().position(|t| *t == case.team_id).unwrap_or(0);
            let members: Vec<UserId> = staff
                .iter()
                .filter(|(u, t)| *t == team_index && u.role.can_manage_cases())
                .map(|(u, _)| u.id)
                .collect();
            if let Some(owner) = members.get(rng.gen_range(0..members.len().max(1)))
                && *owner != case.owner_id
            {
                store
                    .assign_case(
                        case.id,
                        *owner,
                        None,
                        Some("shared out by the team lead"),
                        &lead_actor,
                    )
                    .await?;
            }
            let path: &[(CaseStatus, Option<&str>)] = if closing {
                match rng.gen_range(0..4) {
                    0 => &[
                        (CaseStatus::Triaged, None),
                        (CaseStatus::InProgress, None),
                        (CaseStatus::Resolved, None),
                    ],
                    _ => &[(CaseStatus::Closed, Some("closed by the case officer"))],
                }
            } else {
                match rng.gen_range(0..8) {
                    0..=3 => &[(CaseStatus::Triaged, None), (CaseStatus::InProgress, None)],
                    4..=5 => &[
                        (CaseStatus::Triaged, None),
                        (CaseStatus::WaitingApplicant, None),
                    ],
                    6 => &[
                        (CaseStatus::Triaged, None),
                        (CaseStatus::WaitingPartner, None),
                    ],
                    _ => &[(CaseStatus::Triaged, None)],
                }
            };
            for (to, reason) in path {
                let outcome = (*to == CaseStatus::Closed).then(|| {
                    const OUTCOMES: &[CaseOutcome] = &[
                        CaseOutcome::Evacuated,
                        CaseOutcome::Evacuated,
                        CaseOutcome::VisaIssued,
                        CaseOutcome::ReferredElsewhere,
                        CaseOutcome::ReferredElsewhere,
                        CaseOutcome::ResolvedLocally,
                        CaseOutcome::NoLongerNeeded,
                        CaseOutcome::Unreachable,
                        CaseOutcome::Duplicate,
                        CaseOutcome::Duplicate,
                    ];
                    OUTCOMES[rng.gen_range(0..OUTCOMES.len())]
                });
                store
                    .change_case_status(case.id, *to, *reason, outcome, &lead_actor)
                    .await?;
            }
            if closing {
                // The closing happened some days after the case was opened, not at load time:
                // the dashboard shows closures spread over the surge and the backlog they leave.
                let latest = Utc::now() - chrono::Duration::minutes(1);
                // Teams catch up as the surge eases: most closings fall in its later days.
                let waited = (latest - case.created_at).num_seconds().max(0) as f64;
                let after = chrono::Duration::seconds((waited * rng.gen_range(0.3..1.0)) as i64);
                let at = (case.created_at + after).min(latest).max(case.created_at);
                store.set_case_closed_at(case.id, at, &lead_actor).await?;
            }
            worked += 1;
        }
        match page.next {
            Some(next) => {
                page = store
                    .list_cases(&CaseFilter::default(), PageRequest::after(500, Some(next)))
                    .await?
            }
            None => break,
        }
    }
    tracing::info!(worked, "demo cases moved along");
    Ok(())
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn person(scenario: &Scenario, r: &SyntheticRecord) -> PersonDetails {
    let truth = scenario.person(r.person_id);
    PersonDetails {
        given_name: opt(&r.given_name),
        family_name: opt(&r.family_name),
        full_name: opt(&r.full_name),
        father_name: opt(&r.father_name),
        date_of_birth: opt(&r.date_of_birth),
        sex: Sex::parse_lenient(&r.sex),
        national_id: opt(&r.national_id),
        passport: opt(&r.passport),
        phone: opt(&r.phone),
        email: opt(&r.email),
        address: opt(&r.address),
        province: opt(&r.province),
        location: truth.map(|t| t.location.to_string()),
        relationship: truth.map(|t| t.relationship.to_string()),
        needs: opt(&r.needs),
        household: opt(&r.household),
    }
}

/// The payload as it would have arrived on its channel, kept verbatim like a real one.
fn raw_payload(
    i: &SyntheticInquiry,
    requester: &corridor_scenario::Requester,
) -> (String, &'static str) {
    match i.channel {
        "email" => (
            format!(
                "From: {} <{}>\r\nSubject: {}\r\nDate: {}\r\n\r\n{}",
                requester.name,
                requester.email.as_deref().unwrap_or("unknown@example.org"),
                i.subject,
                i.received_at.format("%a, %d %b %Y %H:%M:%S +0000"),
                i.body
            ),
            "message/rfc822",
        ),
        "spreadsheet" => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(SyntheticRecord::COLUMNS);
            for r in &i.records {
                let _ = w.write_record(r.values());
            }
            (
                String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default(),
                "text/csv",
            )
        }
        _ => (
            serde_json::json!({
                "subject": i.subject,
                "body": i.body,
                "people": i.records.iter().map(|r| {
                    SyntheticRecord::COLUMNS.iter().zip(r.values()).filter(|(_, v)| !v.is_empty())
                        .map(|(k, v)| (k.to_string(), serde_json::Value::from(v)))
                        .collect::<serde_json::Map<_, _>>()
                }).collect::<Vec<_>>(),
            })
            .to_string(),
            "application/json",
        ),
    }
}

fn to_inquiry(
    scenario: &Scenario,
    i: &SyntheticInquiry,
    shift: chrono::TimeDelta,
) -> anyhow::Result<NewInquiry> {
    let requester = &scenario.requesters[i.requester];
    let (raw, content_type) = raw_payload(i, requester);
    let household = i
        .records
        .iter()
        .map(|r| r.household.trim())
        .find(|h| !h.is_empty());
    Ok(NewInquiry {
        channel: i.channel.parse::<Channel>().context("demo channel")?,
        requester: NewRequester {
            kind: requester
                .kind
                .parse::<RequesterKind>()
                .context("demo requester kind")?,
            name: requester.name.clone(),
            organization: None,
            email: requester.email.clone(),
            phone: None,
        },
        received_at: Utc.from_utc_datetime(&(i.received_at + shift)),
        subject: i.subject.chars().take(300).collect(),
        category: i
            .category
            .parse::<CaseCategory>()
            .context("demo category")?,
        raw_payload: raw,
        content_type: content_type.into(),
        household_label: household.map(str::to_string),
        people: i.records.iter().map(|r| person(scenario, r)).collect(),
        idempotency_key: None,
        matches: Vec::new(),
    })
}
