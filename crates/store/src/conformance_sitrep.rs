//! Conformance checks of the situation report's aggregates, and the scenario with known
//! numbers that the web and command tests reuse to check every format of the report.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use corridor_domain::{
    CaseCategory, CaseId, CaseOutcome, CaseStatus, Channel, DisplayName, NewInquiry, NewRequester,
    OrgKind, Pathway, PersonDetails, PersonMatch, PersonRef, Priority, RecordId, ReferralAction,
    RequesterKind, Role, ShareField, User, Username,
};

use crate::Refusal;
use crate::prelude::*;
use crate::sitrep::{SitrepPeriod, SituationReport, day_start};
use crate::{
    Actor, Backdating, CaseFilter, NewOrg, NewReferral, NewTeam, NewUser, PageRequest,
    ReferralActor, StoreError,
};

fn system() -> Actor {
    Actor::system("conformance")
}

/// The scenario's period: the three whole days before today, so every event in it is in the
/// past whenever the test runs.
pub fn known_period(now: DateTime<Utc>) -> SitrepPeriod {
    let today = now.date_naive();
    SitrepPeriod::new(today - Duration::days(3), today - Duration::days(1), now).unwrap()
}

fn at(day: NaiveDate, hour: i64) -> DateTime<Utc> {
    day_start(day) + Duration::hours(hour)
}

struct Ask<'a> {
    day_offset: i64,
    channel: Channel,
    kind: RequesterKind,
    category: CaseCategory,
    /// (given name, location)
    people: &'a [(&'a str, Option<&'a str>)],
}

fn inquiry(now: DateTime<Utc>, a: &Ask) -> NewInquiry {
    let day = now.date_naive() - Duration::days(a.day_offset);
    NewInquiry {
        channel: a.channel,
        requester: NewRequester {
            kind: a.kind,
            name: format!("Synthetic {}", a.kind.as_str()),
            organization: None,
            email: None,
            phone: None,
        },
        received_at: at(day, 10),
        subject: "Please help".into(),
        category: a.category,
        raw_payload: "synthetic".into(),
        content_type: "text/plain".into(),
        household_label: None,
        people: a
            .people
            .iter()
            .map(|(n, loc)| PersonDetails {
                given_name: Some(n.to_string()),
                location: loc.map(str::to_string),
                ..Default::default()
            })
            .collect(),
        idempotency_key: None,
        matches: Vec::new(),
    }
}

/// Builds, on a store with a catch-all team (whose lead owns its cases) and a medical team led
/// by `medic`, the scenario [`check_known_report`] expects, and returns its period:
///
/// - before the period (5 days ago): an email from a sponsor about Aziz in Kabul (evacuation:
///   case 1, then in progress, priority critical);
/// - 3 days ago: an email from a sponsor about Bashir (at the Chaman crossing) and Bibi
///   (protection: case 2, new, high); a phone call from a congressional office about Daud
///   (medical: case 3, closed "evacuated" 2 days ago at 15:00);
/// - 2 days ago: an API call from an agency about Farid (visa: case 4, closed "visa issued"
///   yesterday at 12:00);
/// - yesterday: the web form, Aziz himself, now in Peshawar (matched: joins case 1); a
///   spreadsheet row from an NGO about Gul waiting at Torkham (medical: case 5, triaged, high,
///   owned by `medic`, who is then deactivated).
pub async fn build_known_scenario(store: &dyn Backdating, medic: &User) -> SitrepPeriod {
    let now = Utc::now();
    let sys = system();
    let take = |a: Ask<'static>| inquiry(now, &a);
    let first = store
        .record_inquiry(
            take(Ask {
                day_offset: 5,
                channel: Channel::Email,
                kind: RequesterKind::Sponsor,
                category: CaseCategory::Evacuation,
                people: &[("Aziz", Some("Kabul"))],
            }),
            &sys,
        )
        .await
        .unwrap();
    let aziz = store
        .person_records_after(RecordId(0), 10)
        .await
        .unwrap()
        .first()
        .unwrap()
        .1;
    let bashir = store
        .record_inquiry(
            take(Ask {
                day_offset: 3,
                channel: Channel::Email,
                kind: RequesterKind::Sponsor,
                category: CaseCategory::Protection,
                people: &[("Bashir", Some("Chaman border crossing")), ("Bibi", None)],
            }),
            &sys,
        )
        .await
        .unwrap();
    let daud = store
        .record_inquiry(
            take(Ask {
                day_offset: 3,
                channel: Channel::Phone,
                kind: RequesterKind::Congressional,
                category: CaseCategory::Medical,
                people: &[("Daud", Some("Quetta"))],
            }),
            &sys,
        )
        .await
        .unwrap();
    let farid = store
        .record_inquiry(
            take(Ask {
                day_offset: 2,
                channel: Channel::Api,
                kind: RequesterKind::Agency,
                category: CaseCategory::Visa,
                people: &[("Farid", None)],
            }),
            &sys,
        )
        .await
        .unwrap();
    let mut again = take(Ask {
        day_offset: 1,
        channel: Channel::WebForm,
        kind: RequesterKind::Applicant,
        category: CaseCategory::Evacuation,
        people: &[("Aziz", Some("Guest house, Peshawar"))],
    });
    again.matches = vec![PersonMatch {
        same_as: Some(PersonRef::Known(aziz)),
        possible: Vec::new(),
    }];
    let joined = store.record_inquiry(again, &sys).await.unwrap();
    assert_eq!(
        joined.case_id, first.case_id,
        "Aziz's second inquiry joins his case"
    );
    let gul = store
        .record_inquiry(
            take(Ask {
                day_offset: 1,
                channel: Channel::Spreadsheet,
                kind: RequesterKind::Ngo,
                category: CaseCategory::Medical,
                people: &[("Gul", Some("waiting at Torkham gate"))],
            }),
            &sys,
        )
        .await
        .unwrap();

    let today = now.date_naive();
    let c1 = first.case_id.unwrap();
    let c2 = bashir.case_id.unwrap();
    let c3 = daud.case_id.unwrap();
    let c4 = farid.case_id.unwrap();
    let c5 = gul.case_id.unwrap();
    for (case, path) in [
        (c1, &[CaseStatus::Triaged, CaseStatus::InProgress][..]),
        (c5, &[CaseStatus::Triaged][..]),
    ] {
        for to in path {
            store
                .change_case_status(case, *to, None, None, &sys)
                .await
                .unwrap();
        }
    }
    for (case, outcome, closed) in [
        (
            c3,
            CaseOutcome::Evacuated,
            at(today - Duration::days(2), 15),
        ),
        (
            c4,
            CaseOutcome::VisaIssued,
            at(today - Duration::days(1), 12),
        ),
    ] {
        store
            .change_case_status(case, CaseStatus::Closed, Some("done"), Some(outcome), &sys)
            .await
            .unwrap();
        store.set_case_closed_at(case, closed, &sys).await.unwrap();
    }
    for (case, p) in [
        (c1, Priority::Critical),
        (c2, Priority::High),
        (c5, Priority::High),
    ] {
        store
            .override_priority(case, p, "assessed by the lead", &sys)
            .await
            .unwrap();
    }
    let c5_owner = store
        .list_cases(&CaseFilter::default(), PageRequest::first(50))
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|c| c.id == c5)
        .unwrap()
        .owner_id;
    assert_eq!(c5_owner, medic.id, "the medical case goes to the medic");
    let records = store.person_records_after(RecordId(0), 20).await.unwrap();
    let person = |given: &str| {
        records
            .iter()
            .find(|(_, _, d)| d.given_name.as_deref() == Some(given))
            .unwrap()
            .1
    };
    for (who, pathway, step) in [
        ("Bashir", Pathway::Siv, "com_approved"),
        ("Bibi", Pathway::Siv, "com_approved"),
        ("Farid", Pathway::Siv, "visa_issued"),
        ("Gul", Pathway::UnhcrRegistration, "requested"),
        ("Aziz", Pathway::RefugeeP2, "referred"),
    ] {
        store
            .set_pathway_step(person(who), pathway, step, None, None, &sys)
            .await
            .unwrap();
    }
    store.set_user_active(medic.id, false, &sys).await.unwrap();
    known_period(now)
}

/// Adds to [`build_known_scenario`] today, as its last step: case 2 (Bashir and Bibi) and
/// case 1 (Aziz) referred to "Synthetic Shelter Network", case 5 (Gul) referred to "Synthetic
/// Health Partner", which declines it. Referrals move cases (to waiting on a partner and
/// back), so the known period's report is taken before this. [`check_todays_referrals`]
/// checks today's report.
pub async fn add_known_referrals(store: &dyn Store) {
    let sys = system();
    let cases = store
        .list_cases(
            &CaseFilter {
                open_only: true,
                ..Default::default()
            },
            PageRequest::first(50),
        )
        .await
        .unwrap()
        .items;
    let case = |category: CaseCategory| -> CaseId {
        cases.iter().find(|c| c.category == category).unwrap().id
    };
    let mut orgs = Vec::new();
    for (name, kind) in [
        ("Synthetic Shelter Network", OrgKind::Ngo),
        ("Synthetic Health Partner", OrgKind::UnAgency),
    ] {
        let org = store
            .create_org(
                NewOrg {
                    name: name.into(),
                    kind,
                    contact_email: None,
                },
                &sys,
            )
            .await
            .unwrap();
        orgs.push(org);
    }
    let referral = |org: usize| NewReferral {
        documents: Vec::new(),
        scan_required: false,
        org: orgs[org].id,
        people: None,
        fields: vec![ShareField::Category],
        message: None,
        reason: "needs shelter".into(),
        respond_by: Utc::now() + Duration::days(3),
    };
    store
        .refer_cases(
            &[
                case(CaseCategory::Protection),
                case(CaseCategory::Evacuation),
            ],
            &referral(0),
            &sys,
        )
        .await
        .unwrap();
    let declined = store
        .refer_cases(&[case(CaseCategory::Medical)], &referral(1), &sys)
        .await
        .unwrap();
    store
        .update_referral(
            declined[0],
            &ReferralAction::Decline {
                reason: "outside our area".into(),
            },
            &ReferralActor::Staff,
            &sys,
        )
        .await
        .unwrap();
}

/// The referral figures of today's report after [`add_known_referrals`].
pub fn check_todays_referrals(r: &SituationReport) {
    let f = &r.referrals;
    assert_eq!(
        f.outstanding, 2,
        "two referrals wait on the shelter network"
    );
    assert_eq!(count(&f.by_age, "lt1"), 2, "both sent today");
    assert_eq!(count(&f.by_age, "gt30"), 0);
    assert_eq!(f.declined, 1);
    let partners: Vec<(&str, i64, i64)> = f
        .by_partner
        .iter()
        .map(|p| (p.name.as_str(), p.outstanding, p.declined))
        .collect();
    assert_eq!(
        partners,
        vec![
            ("Synthetic Shelter Network", 2, 0),
            ("Synthetic Health Partner", 0, 1)
        ]
    );
    assert_eq!(count(&f.by_partner[0].by_age, "lt1"), 2);
}

fn count(list: &[crate::sitrep::Count], key: &str) -> i64 {
    list.iter()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no figure {key:?} in {list:?}"))
        .count
}

/// Every figure of the report of [`build_known_scenario`]'s period.
pub fn check_known_report(r: &SituationReport) {
    let i = &r.inquiries;
    assert_eq!(i.total, 5, "inquiries in the period");
    assert_eq!(count(&i.by_channel, "email"), 1);
    assert_eq!(count(&i.by_channel, "phone"), 1);
    assert_eq!(count(&i.by_channel, "api"), 1);
    assert_eq!(count(&i.by_channel, "web_form"), 1);
    assert_eq!(count(&i.by_channel, "spreadsheet"), 1);
    assert_eq!(count(&i.by_channel, "walk_in"), 0);
    assert_eq!(count(&i.by_requester_kind, "sponsor"), 1);
    assert_eq!(count(&i.by_requester_kind, "congressional"), 1);
    assert_eq!(count(&i.by_requester_kind, "agency"), 1);
    assert_eq!(count(&i.by_requester_kind, "self"), 1);
    assert_eq!(count(&i.by_requester_kind, "ngo"), 1);
    assert_eq!(i.people, 6, "Bashir, Bibi, Daud, Farid, Aziz, Gul");
    assert_eq!(i.households, 5, "Bashir and Bibi are one household");
    assert_eq!(i.known_people, 1, "Aziz was known before");
    assert_eq!(i.new_people, 5);
    assert_eq!(r.new_cases, 4);

    let o = &r.open_cases;
    assert_eq!(o.total, 3, "cases 1, 2 and 5 are open");
    assert_eq!(count(&o.by_status, "in_progress"), 1);
    assert_eq!(count(&o.by_status, "new"), 1);
    assert_eq!(count(&o.by_status, "triaged"), 1);
    assert_eq!(count(&o.by_category, "evacuation"), 1);
    assert_eq!(count(&o.by_category, "protection"), 1);
    assert_eq!(count(&o.by_category, "medical"), 1);
    assert_eq!(count(&o.by_category, "visa"), 0);
    assert_eq!(count(&o.by_priority, "critical"), 1);
    assert_eq!(count(&o.by_priority, "high"), 2);
    assert_eq!(count(&o.by_priority, "normal"), 0);
    let teams: Vec<(&str, i64)> = o
        .by_team
        .iter()
        .map(|c| (c.label.as_str(), c.count))
        .collect();
    assert_eq!(teams.len(), 2, "{teams:?}");
    assert_eq!(teams[0].1, 2, "the catch-all team holds two: {teams:?}");
    assert_eq!(teams[1], ("Medical", 1));
    assert_eq!(o.unowned, 1, "the medic was deactivated");
    let ages: Vec<i64> = o.by_age.iter().map(|c| c.count).collect();
    assert_eq!(ages, vec![1, 1, 1, 0, 0, 0], "0.6, 2.6 and 4.6 days old");

    let l = &r.locations;
    assert_eq!(count(&l.by_place, "torkham"), 1);
    assert_eq!(count(&l.by_place, "chaman"), 1);
    assert_eq!(count(&l.by_place, "peshawar"), 1, "Aziz's latest record");
    assert_eq!(count(&l.by_place, "unknown"), 1, "Bibi");
    assert!(
        !l.by_place
            .iter()
            .any(|c| c.key == "kabul" || c.key == "quetta"),
        "{:?}",
        l.by_place
    );
    assert_eq!(l.at_border, 2);

    assert_eq!(r.closed.total, 2);
    assert_eq!(count(&r.closed.by_outcome, "evacuated"), 1);
    assert_eq!(count(&r.closed.by_outcome, "visa_issued"), 1);
    assert_eq!(count(&r.closed.by_outcome, "duplicate"), 0);

    let days: Vec<(i64, i64, i64, i64)> = r
        .daily
        .iter()
        .map(|d| (d.inquiries, d.new_cases, d.closures, d.backlog))
        .collect();
    assert_eq!(days, vec![(2, 2, 0, 3), (1, 1, 1, 3), (2, 1, 1, 3)]);

    let step = |pathway: &str, step: &str| {
        r.pathways
            .iter()
            .find(|p| p.pathway == pathway && p.step == step)
            .unwrap_or_else(|| panic!("no step {pathway}/{step}"))
            .people
    };
    assert_eq!(step("siv", "com_approved"), 2);
    assert_eq!(step("siv", "visa_issued"), 1);
    assert_eq!(step("siv", "nvc"), 0);
    assert_eq!(step("unhcr_registration", "requested"), 1);
    assert_eq!(step("refugee_p2", "referred"), 1);
    assert_eq!(step("refugee_p1", "referred"), 0);
    assert_eq!(step("humanitarian_parole", "applied"), 0);
    assert_eq!(step("claimed_no_record", "claimed"), 0);
    assert_eq!(r.pathways.iter().map(|p| p.people).sum::<i64>(), 5);

    // At the end of the period nobody had answered cases 1 and 2 (case 1's first response,
    // its move to in progress, came today), both long past their first-response deadline;
    // case 5, opened yesterday, was not due yet. Next actions restarted today, after the end.
    let overdue: Vec<(i64, i64, i64)> = o
        .overdue_by_team
        .iter()
        .map(|t| (t.cases, t.first_response, t.next_action))
        .collect();
    assert_eq!(overdue, vec![(2, 2, 0)], "{:?}", o.overdue_by_team);
    assert_eq!(o.overdue_by_team[0].team_name, teams[0].0);
    assert_eq!(o.overdue, 2);
    // No referral was sent by the end of the period.
    assert_eq!(r.referrals.outstanding, 0);
    assert_eq!(r.referrals.declined, 0);
}

async fn staffed(store: &dyn Store) -> User {
    let mut leads = Vec::new();
    for (name, categories, username) in [
        ("Intake", vec![], "lead"),
        ("Medical", vec![CaseCategory::Medical], "medic"),
    ] {
        let team = store
            .create_team(
                NewTeam {
                    name: name.into(),
                    categories,
                    lead_id: None,
                },
                &system(),
            )
            .await
            .unwrap();
        let user = store
            .create_user(
                NewUser {
                    username: Username::parse(username).unwrap(),
                    display_name: DisplayName::parse("Synthetic Staff").unwrap(),
                    role: Role::Lead,
                    team_id: Some(team.id),
                    password_hash: "$argon2id$placeholder".into(),
                },
                &system(),
            )
            .await
            .unwrap();
        store
            .set_team_lead(team.id, user.id, &system())
            .await
            .unwrap();
        leads.push(user);
    }
    leads.pop().unwrap()
}

pub async fn sitrep_counts_a_known_scenario(store: &dyn Backdating) {
    let medic = staffed(store).await;
    let period = build_known_scenario(store, &medic).await;
    let figures = store.sitrep_figures(&period).await.unwrap();
    check_known_report(&SituationReport::assemble(&period, figures, Utc::now()));

    add_known_referrals(store).await;
    let today = SitrepPeriod::day(Utc::now().date_naive(), Utc::now()).unwrap();
    let figures = store.sitrep_figures(&today).await.unwrap();
    check_todays_referrals(&SituationReport::assemble(&today, figures, Utc::now()));
}

pub async fn sitrep_period_bounds_and_closing_history(store: &dyn Backdating) {
    let medic = staffed(store).await;
    let period = build_known_scenario(store, &medic).await;
    let sys = system();
    let now = Utc::now();

    // The first day alone: its state is taken at its end, when case 3 was still open.
    let first = SitrepPeriod::day(period.from, now).unwrap();
    let r = SituationReport::assemble(&first, store.sitrep_figures(&first).await.unwrap(), now);
    assert_eq!(r.inquiries.total, 2);
    assert_eq!(
        r.open_cases.total, 3,
        "cases 1, 2 and 3 at the end of the first day"
    );
    assert_eq!(r.closed.total, 0);
    assert_eq!(r.daily.len(), 1);
    assert_eq!(r.daily[0].backlog, 3);

    // Only a case that is not open has a closing time, and never a future one or one before
    // it was opened.
    let open = store
        .list_cases(
            &CaseFilter {
                open_only: true,
                ..Default::default()
            },
            PageRequest::first(10),
        )
        .await
        .unwrap();
    let open_case = open.items[0].id;
    let refused = store.set_case_closed_at(open_case, now, &sys).await;
    assert!(
        matches!(refused, Err(StoreError::Rule(Refusal::OpenCaseClosingTime))),
        "{refused:?}"
    );
    let closed = store
        .list_cases(
            &CaseFilter {
                status: Some(CaseStatus::Closed),
                ..Default::default()
            },
            PageRequest::first(10),
        )
        .await
        .unwrap();
    assert_eq!(closed.items.len(), 2);
    let daud = closed
        .items
        .iter()
        .find(|c| c.category == CaseCategory::Medical)
        .unwrap()
        .id;
    for bad in [
        now + Duration::hours(1),
        period.start() - Duration::days(30),
    ] {
        let refused = store.set_case_closed_at(daud, bad, &sys).await;
        assert!(
            matches!(
                refused,
                Err(StoreError::Rule(Refusal::ClosingTimeOutOfRange))
            ),
            "{refused:?}"
        );
    }

    // Reopening clears the closing time: the case counts as open again and its closure leaves
    // the period's figures.
    store
        .change_case_status(
            daud,
            CaseStatus::Reopened,
            Some("family not evacuated"),
            None,
            &sys,
        )
        .await
        .unwrap();
    let r = SituationReport::assemble(&period, store.sitrep_figures(&period).await.unwrap(), now);
    assert_eq!(r.closed.total, 1);
    assert_eq!(count(&r.closed.by_outcome, "evacuated"), 0);
    assert_eq!(r.open_cases.total, 4);
    assert_eq!(count(&r.open_cases.by_status, "reopened"), 1);
    // Closing it again (now) stamps the closing time by the trigger, outside the period.
    store
        .change_case_status(
            daud,
            CaseStatus::Closed,
            Some("evacuated after all"),
            Some(CaseOutcome::Evacuated),
            &sys,
        )
        .await
        .unwrap();
    let today = SitrepPeriod::day(now.date_naive(), Utc::now()).unwrap();
    let r = SituationReport::assemble(&today, store.sitrep_figures(&today).await.unwrap(), now);
    assert_eq!(count(&r.closed.by_outcome, "evacuated"), 1);
    assert_eq!(r.inquiries.total, 0);
}
