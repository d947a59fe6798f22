//! Conformance checks for referrals, partner organizations and replies: what every backend
//! must do, written once (see [`crate::conformance`]).

use chrono::{Duration, Utc};
use corridor_domain::{
    CaseCategory, CaseId, CaseStatus, Channel, DisplayName, Language, NewInquiry, NewRequester,
    OrgKind, PartnerOrg, PersonDetails, ReferralAction, ReferralState, ReplyDelivery,
    ReplyTemplate, RequesterKind, Role, ShareField, User, Username,
};

use crate::Refusal;
use crate::prelude::*;
use crate::{
    Actor, NewOrg, NewReferral, NewTeam, NewUser, ReferralActor, ReferralFilter, ReplyRequest,
    StoreError, Submission,
};

pub(crate) fn system() -> Actor {
    Actor::system("conformance")
}

fn new_user(name: &str, role: Role) -> NewUser {
    NewUser {
        username: Username::parse(name).unwrap(),
        display_name: DisplayName::parse(&format!("{name} display")).unwrap(),
        role,
        team_id: None,
        password_hash: "$argon2id$placeholder".into(),
    }
}

/// A catch-all team led by a lead, who owns every new case.
pub async fn lead(store: &dyn Store) -> User {
    let team = store
        .create_team(
            NewTeam {
                name: "Everything".into(),
                categories: vec![],
                lead_id: None,
            },
            &system(),
        )
        .await
        .unwrap();
    let mut u = new_user("lead", Role::Lead);
    u.team_id = Some(team.id);
    let lead = store.create_user(u, &system()).await.unwrap();
    store
        .set_team_lead(team.id, lead.id, &system())
        .await
        .unwrap();
    lead
}

pub async fn org(store: &dyn Store, name: &str) -> PartnerOrg {
    store
        .create_org(
            NewOrg {
                name: name.into(),
                kind: OrgKind::Ngo,
                contact_email: Some(format!(
                    "{}@partner.example",
                    name.to_lowercase().replace(' ', "-")
                )),
            },
            &system(),
        )
        .await
        .unwrap()
}

pub(crate) fn request(channel: Channel, requester: &str, email: Option<&str>) -> NewInquiry {
    NewInquiry {
        channel,
        requester: NewRequester {
            kind: RequesterKind::Sponsor,
            name: requester.into(),
            organization: None,
            email: email.map(str::to_string),
            phone: None,
        },
        received_at: Utc::now(),
        subject: "Please help this family".into(),
        category: CaseCategory::Protection,
        raw_payload: "raw".into(),
        content_type: "text/plain".into(),
        household_label: None,
        people: vec![
            PersonDetails {
                given_name: Some("Synthetic".into()),
                family_name: Some("Testzai".into()),
                date_of_birth: Some("1990-02-03".into()),
                phone: Some("+93 700 000 001".into()),
                passport: Some("P9990001".into()),
                location: Some("Mazar".into()),
                ..Default::default()
            },
            PersonDetails {
                given_name: Some("Second".into()),
                family_name: Some("Testzai".into()),
                ..Default::default()
            },
        ],
        idempotency_key: None,
        matches: Vec::new(),
    }
}

/// An open case in progress, with two people, owned by the lead.
pub async fn case_in_progress(store: &dyn Store) -> CaseId {
    let mut family = request(Channel::Email, "Sponsor", Some("s@example.org"));
    // A family of its own each time: a phone the people of an open case carry places the
    // request on that case.
    let before = store.totals().await.unwrap().cases;
    family.people[0].phone = Some(format!("+93 700 000 {:03}", before + 1));
    let rec = store.record_inquiry(family, &system()).await.unwrap();
    let case = rec.case_id.unwrap();
    store
        .change_case_status(case, CaseStatus::InProgress, None, None, &system())
        .await
        .unwrap();
    case
}

pub fn referral(org: &PartnerOrg, fields: &[ShareField]) -> NewReferral {
    NewReferral {
        documents: Vec::new(),
        scan_required: false,
        org: org.id,
        people: None,
        fields: fields.to_vec(),
        message: None,
        reason: "needs protection assessment".into(),
        respond_by: Utc::now() + Duration::days(3),
    }
}

async fn status(store: &dyn Store, case: CaseId) -> CaseStatus {
    store
        .get_case(case, &system())
        .await
        .unwrap()
        .unwrap()
        .summary
        .status
}

pub async fn partner_users_need_an_organization(store: &dyn Store) {
    match store
        .create_user(new_user("orphan", Role::Partner), &system())
        .await
    {
        Err(StoreError::Rule(Refusal::PartnerWithoutOrg)) => {}
        other => panic!("a partner user without an organization must be refused: {other:?}"),
    }
    let unhcr = org(store, "UNHCR").await;
    match store
        .create_org(
            NewOrg {
                name: " UNHCR ".into(),
                kind: OrgKind::UnAgency,
                contact_email: None,
            },
            &system(),
        )
        .await
    {
        Err(StoreError::Conflict(_)) => {}
        other => panic!("a second organization of one name must be refused: {other:?}"),
    }
    let bad = store
        .create_org(
            NewOrg {
                name: "Bad".into(),
                kind: OrgKind::Other,
                contact_email: Some("not an address".into()),
            },
            &system(),
        )
        .await;
    assert!(
        matches!(bad, Err(StoreError::Rule(Refusal::NotAnEmail { .. }))),
        "{bad:?}"
    );
    let p = store
        .create_partner_user(new_user("unhcr1", Role::Partner), unhcr.id, &system())
        .await
        .unwrap();
    assert_eq!(store.user_org(p.id).await.unwrap(), Some(unhcr.clone()));
    // A partner user never owns a case.
    let _lead = lead(store).await;
    let case = case_in_progress(store).await;
    let refused = store.assign_case(case, p.id, None, None, &system()).await;
    assert!(
        matches!(
            refused,
            Err(StoreError::Rule(Refusal::PartnerCannotOwn { .. }))
        ),
        "{refused:?}"
    );
    let staff = store
        .create_user(new_user("staff", Role::CaseOfficer), &system())
        .await
        .unwrap();
    assert_eq!(store.user_org(staff.id).await.unwrap(), None);
    assert_eq!(store.list_orgs().await.unwrap(), vec![unhcr]);
    assert_eq!(status(store, case).await, CaseStatus::InProgress);
}

pub async fn referrals_share_only_the_snapshot_with_their_own_partner(store: &dyn Store) {
    let lead = lead(store).await;
    let case = case_in_progress(store).await;
    let iom = org(store, "IOM").await;
    let other = org(store, "Other NGO").await;
    let as_lead = Actor::user(lead.id, "lead", None);
    let ids = store
        .refer_cases(
            &[case],
            &referral(&iom, &[ShareField::Names, ShareField::Location]),
            &as_lead,
        )
        .await
        .unwrap();
    assert_eq!(ids.len(), 1);
    assert_eq!(status(store, case).await, CaseStatus::WaitingPartner);

    let iom_sees = store
        .list_referrals(
            &ReferralFilter::default(),
            &ReferralActor::Partner(iom.id),
            Utc::now(),
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(iom_sees.len(), 1);
    let r = &iom_sees[0];
    assert_eq!(r.state, ReferralState::Sent);
    assert_eq!(r.snapshot.people.len(), 2);
    assert_eq!(
        r.snapshot.people[0].name.as_deref(),
        Some("Synthetic Testzai")
    );
    assert_eq!(r.snapshot.people[0].location.as_deref(), Some("Mazar"));
    let shared = serde_json::to_string(&r.snapshot).unwrap();
    assert!(
        !shared.contains("1990") && !shared.contains("P9990001") && !shared.contains("+93"),
        "only the chosen fields travel: {shared}"
    );
    assert_eq!(r.sent_by_name, "lead");

    // Another partner sees nothing, and cannot read or move the referral.
    let other_sees = store
        .list_referrals(
            &ReferralFilter {
                org: Some(iom.id),
                ..Default::default()
            },
            &ReferralActor::Partner(other.id),
            Utc::now(),
            &system(),
        )
        .await
        .unwrap();
    assert!(other_sees.is_empty());
    assert!(
        store
            .get_referral(ids[0], &ReferralActor::Partner(other.id), &system())
            .await
            .unwrap()
            .is_none()
    );
    let moved = store
        .update_referral(
            ids[0],
            &ReferralAction::Acknowledge,
            &ReferralActor::Partner(other.id),
            &system(),
        )
        .await;
    assert!(
        matches!(moved, Err(StoreError::NotFound { .. })),
        "{moved:?}"
    );

    // The partner's reads are audited.
    store
        .get_referral(ids[0], &ReferralActor::Partner(iom.id), &system())
        .await
        .unwrap()
        .unwrap();
    let events = store
        .audit_events(Some(("referral", ids[0].0)), 20)
        .await
        .unwrap();
    assert!(events.iter().any(|e| e.action == "referral.viewed"));
    let listed = store
        .audit_events(Some(("org", iom.id.0)), 20)
        .await
        .unwrap();
    assert!(listed.iter().any(|e| e.action == "referral.listed"));

    // Partners do not withdraw; the workflow holds.
    let w = store
        .update_referral(
            ids[0],
            &ReferralAction::Withdraw { reason: None },
            &ReferralActor::Partner(iom.id),
            &system(),
        )
        .await;
    assert!(
        matches!(
            w,
            Err(StoreError::Rule(Refusal::Referral(
                corridor_domain::ReferralError::OnlySenderWithdraws
            )))
        ),
        "{w:?}"
    );
    let acked = store
        .update_referral(
            ids[0],
            &ReferralAction::Acknowledge,
            &ReferralActor::Partner(iom.id),
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(acked.state, ReferralState::Acknowledged);
    assert_eq!(acked.recorded_by, None);
    let accepted = store
        .update_referral(
            ids[0],
            &ReferralAction::Accept,
            &ReferralActor::Partner(iom.id),
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(accepted.state, ReferralState::Accepted);
    let done = store
        .update_referral(
            ids[0],
            &ReferralAction::Complete {
                note: "registered".into(),
            },
            &ReferralActor::Partner(iom.id),
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(done.state, ReferralState::Completed);
    assert_eq!(done.result_note.as_deref(), Some("registered"));
    assert_eq!(
        store.verify_audit_chain().await.unwrap().map(|_| ()),
        Ok(())
    );
}

pub async fn a_declined_referral_returns_the_case_to_its_owner(store: &dyn Store) {
    let lead = lead(store).await;
    let case = case_in_progress(store).await;
    let ngo = org(store, "Offline NGO").await;
    let as_lead = Actor::user(lead.id, "lead", None);
    let id = store
        .refer_cases(&[case], &referral(&ngo, &[ShareField::Names]), &as_lead)
        .await
        .unwrap()[0];
    assert_eq!(status(store, case).await, CaseStatus::WaitingPartner);
    let no_reason = store
        .update_referral(
            id,
            &ReferralAction::Decline { reason: " ".into() },
            &ReferralActor::Staff,
            &as_lead,
        )
        .await;
    assert!(
        matches!(
            no_reason,
            Err(StoreError::Rule(Refusal::Referral(
                corridor_domain::ReferralError::ReasonRequired
            )))
        ),
        "{no_reason:?}"
    );
    // Staff record the answer of a partner not on Corridor.
    let declined = store
        .update_referral(
            id,
            &ReferralAction::Decline {
                reason: "outside our area".into(),
            },
            &ReferralActor::Staff,
            &as_lead,
        )
        .await
        .unwrap();
    assert_eq!(declined.state, ReferralState::Declined);
    assert_eq!(
        declined.recorded_by.as_deref(),
        Some("recorded by lead on behalf of Offline NGO")
    );
    assert_eq!(status(store, case).await, CaseStatus::InProgress);
    let flagged = store.declined_for_owner(lead.id).await.unwrap();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].case_id, case);
    assert_eq!(flagged[0].decline_reason, "outside our area");
    store.acknowledge_decline(id, &as_lead).await.unwrap();
    assert!(store.declined_for_owner(lead.id).await.unwrap().is_empty());
}

pub async fn overdue_referrals_are_flagged(store: &dyn Store) {
    let _lead = lead(store).await;
    let case = case_in_progress(store).await;
    let ngo = org(store, "Slow NGO").await;
    let mut late = referral(&ngo, &[ShareField::Names]);
    late.respond_by = Utc::now() - Duration::hours(2);
    let id = store.refer_cases(&[case], &late, &system()).await.unwrap()[0];
    store
        .refer_cases(&[case], &referral(&ngo, &[ShareField::Names]), &system())
        .await
        .unwrap();
    let overdue = ReferralFilter {
        overdue_only: true,
        ..Default::default()
    };
    let list = store
        .list_referrals(&overdue, &ReferralActor::Staff, Utc::now(), &system())
        .await
        .unwrap();
    assert_eq!(list.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id]);
    assert!(list[0].overdue);
    store
        .update_referral(
            id,
            &ReferralAction::Acknowledge,
            &ReferralActor::Staff,
            &system(),
        )
        .await
        .unwrap();
    let still = store
        .list_referrals(&overdue, &ReferralActor::Staff, Utc::now(), &system())
        .await
        .unwrap();
    assert_eq!(
        still.len(),
        1,
        "acknowledged but unanswered is still overdue"
    );
    store
        .update_referral(
            id,
            &ReferralAction::Accept,
            &ReferralActor::Staff,
            &system(),
        )
        .await
        .unwrap();
    assert!(
        store
            .list_referrals(&overdue, &ReferralActor::Staff, Utc::now(), &system())
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn bulk_referral_is_one_transaction(store: &dyn Store) {
    let _lead = lead(store).await;
    let open = case_in_progress(store).await;
    let closed = case_in_progress(store).await;
    store
        .change_case_status(
            closed,
            CaseStatus::Closed,
            Some("done"),
            Some(corridor_domain::CaseOutcome::Other),
            &system(),
        )
        .await
        .unwrap();
    let ngo = org(store, "Bulk NGO").await;
    let refused = store
        .refer_cases(
            &[open, closed],
            &referral(&ngo, &[ShareField::Names]),
            &system(),
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::Rule(Refusal::ReferOnlyOpen { case, .. })) if case == closed),
        "{refused:?}"
    );
    let all = ReferralFilter::default();
    assert!(
        store
            .list_referrals(&all, &ReferralActor::Staff, Utc::now(), &system())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(status(store, open).await, CaseStatus::InProgress);
    let many: Vec<CaseId> = {
        let mut v = vec![open];
        for _ in 0..5 {
            v.push(case_in_progress(store).await);
        }
        v
    };
    let ids = store
        .refer_cases(&many, &referral(&ngo, &[ShareField::Category]), &system())
        .await
        .unwrap();
    assert_eq!(ids.len(), 6);
}

/// A walk-in and two sponsors who wrote by email about one family.
async fn family_asked_about_three_times(store: &dyn Store) -> CaseId {
    let subs = vec![
        request(Channel::WalkIn, "Walk-in relative", None),
        request(
            Channel::Email,
            "First sponsor",
            Some("first@sponsor.example"),
        ),
        request(
            Channel::Email,
            "Second sponsor",
            Some("second@sponsor.example"),
        ),
    ]
    .into_iter()
    .map(|q| Submission {
        household_key: Some("family".into()),
        ..Submission::new(q)
    })
    .collect();
    let recorded = store.take_in(subs, "conformance", &system()).await.unwrap();
    let case = recorded[0].case_id.unwrap();
    assert!(recorded.iter().all(|r| r.case_id == Some(case)));
    case
}

pub async fn replies_reach_each_requester_through_their_channel(store: &dyn Store) {
    let lead = lead(store).await;
    let case = family_asked_about_three_times(store).await;
    let before = store.outbox_counts().await.unwrap().pending;
    let langs = store.requester_languages(case).await.unwrap();
    assert_eq!(langs.len(), 3);
    assert!(langs.iter().all(|(_, l)| *l == Language::English));
    let requesters = store
        .get_case(case, &system())
        .await
        .unwrap()
        .unwrap()
        .requesters;
    let second = requesters
        .iter()
        .find(|r| r.name == "Second sponsor")
        .unwrap()
        .id;
    store
        .set_requester_language(second, Language::Dari, &system())
        .await
        .unwrap();
    let as_lead = Actor::user(lead.id, "lead", None);
    let replies = store
        .reply_to_requesters(
            &[case],
            ReplyRequest {
                template: ReplyTemplate::Progress,
            },
            &as_lead,
        )
        .await
        .unwrap();
    assert_eq!(replies.len(), 3);
    assert_eq!(store.outbox_counts().await.unwrap().pending, before + 2);
    let by_name = |n: &str| replies.iter().find(|r| r.requester_name == n).unwrap();
    assert_eq!(
        by_name("Walk-in relative").delivery,
        ReplyDelivery::ToDeliverInPerson
    );
    assert_eq!(
        by_name("First sponsor").delivery,
        ReplyDelivery::EmailQueued
    );
    assert_eq!(by_name("Second sponsor").language, Language::Dari);
    let logged = store.case_replies(case).await.unwrap();
    assert_eq!(logged.len(), 3);
    assert!(logged.iter().all(|r| r.by_name == "lead"));
    let queued = store
        .claim_outbox(Utc::now(), Duration::minutes(1), 100)
        .await
        .unwrap();
    let mut to: Vec<(String, String)> = queued
        .iter()
        .filter(|m| m.kind.starts_with("reply:"))
        .map(|m| (m.to.clone(), m.kind.clone()))
        .collect();
    to.sort();
    assert_eq!(
        to,
        vec![
            (
                "first@sponsor.example".to_string(),
                "reply:progress:en".to_string()
            ),
            (
                "second@sponsor.example".to_string(),
                "reply:progress:prs".to_string()
            ),
        ]
    );
    // A bulk reply with a case that does not exist stores nothing.
    let refused = store
        .reply_to_requesters(
            &[case, CaseId(i64::MAX)],
            ReplyRequest {
                template: ReplyTemplate::CaseClosed,
            },
            &as_lead,
        )
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound { .. })));
    assert_eq!(store.case_replies(case).await.unwrap().len(), 3);
}

pub async fn copy_carries_referrals_and_replies(from: &dyn Store, to: &dyn Store) {
    let lead = lead(from).await;
    let case = family_asked_about_three_times(from).await;
    let ngo = org(from, "Copied NGO").await;
    from.create_partner_user(new_user("partner1", Role::Partner), ngo.id, &system())
        .await
        .unwrap();
    let requester = from
        .get_case(case, &system())
        .await
        .unwrap()
        .unwrap()
        .requesters[0]
        .id;
    from.set_requester_language(requester, Language::Pashto, &system())
        .await
        .unwrap();
    let as_lead = Actor::user(lead.id, "lead", None);
    let id = from
        .refer_cases(&[case], &referral(&ngo, &[ShareField::Names]), &as_lead)
        .await
        .unwrap()[0];
    from.update_referral(
        id,
        &ReferralAction::Decline {
            reason: "full".into(),
        },
        &ReferralActor::Staff,
        &as_lead,
    )
    .await
    .unwrap();
    from.reply_to_requesters(
        &[case],
        ReplyRequest {
            template: ReplyTemplate::ReferralMade,
        },
        &as_lead,
    )
    .await
    .unwrap();
    let copied = to.import_from(from).await.unwrap();
    assert_eq!(copied, from.table_counts().await.unwrap());
    for table in [
        "partner_orgs",
        "partner_members",
        "requester_languages",
        "referrals",
        "case_replies",
    ] {
        let n = copied.iter().find(|(t, _)| *t == table).map(|(_, n)| *n);
        assert!(n.unwrap_or(0) > 0, "{table} travels: {copied:?}");
    }
    let all = ReferralFilter::default();
    let now = Utc::now();
    let (a, b) = (
        from.list_referrals(&all, &ReferralActor::Staff, now, &system())
            .await
            .unwrap(),
        to.list_referrals(&all, &ReferralActor::Staff, now, &system())
            .await
            .unwrap(),
    );
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        serde_json::to_value(&b).unwrap()
    );
    assert_eq!(
        serde_json::to_value(from.case_replies(case).await.unwrap()).unwrap(),
        serde_json::to_value(to.case_replies(case).await.unwrap()).unwrap()
    );
    assert_eq!(
        from.declined_for_owner(lead.id).await.unwrap(),
        to.declined_for_owner(lead.id).await.unwrap()
    );
    let partner = to
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "partner1")
        .unwrap();
    assert_eq!(
        to.user_org(partner.id).await.unwrap().unwrap().name,
        "Copied NGO"
    );
    assert_eq!(
        to.requester_languages(case).await.unwrap(),
        from.requester_languages(case).await.unwrap()
    );
    // New rows after the copy get fresh ids.
    let again = to
        .refer_cases(&[case], &referral(&ngo, &[ShareField::Names]), &as_lead)
        .await
        .unwrap()[0];
    assert!(again.0 > id.0);
}
