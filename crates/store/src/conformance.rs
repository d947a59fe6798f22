//! The storage conformance suite: what every backend must do, written once.
//!
//! A backend's tests call [`conformance_suite!`] with an async expression that opens a fresh,
//! empty store; each check becomes its own test.

use chrono::{Duration, Utc};
use corridor_domain::{
    CaseCategory, CaseOutcome, CaseStatus, Channel, DisplayName, NewInquiry, NewRequester,
    PersonDetails, PersonId, PersonMatch, PersonRef, PossibleMatch, Priority, RecordId,
    RequesterKind, ReviewStatus, Role, TeamId, Username,
};

use crate::Refusal;
use crate::{
    Actor, AuditAction, CaseFilter, CaseSort, InquiryFilter, NewApiToken, NewAuditEvent,
    NewSession, NewTeam, NewUser, PageRequest, Store, StoreError, Submission, Triage,
};

pub use crate::conformance_security::*;

/// `conformance_suite!(open_a_fresh_store().await)` runs every check against the backend;
/// `conformance_suite!(optional: maybe_open().await)` takes an `Option` of a store instead, for
/// backends that need a server: with `None` each check returns early (the opener says why).
/// `conformance_suite!(clock |c| optional: open_with(c).await)` runs the clock's check on a
/// store opened with the manual clock `c`.
#[macro_export]
macro_rules! conformance_suite {
    (clock |$clock:ident| optional: $open:expr) => {
        #[tokio::test]
        async fn changes_carry_the_store_clock() {
            // Years before any test runs, with microseconds, as both databases keep them.
            let $clock = $crate::Clock::manual(
                ::chrono::DateTime::from_timestamp(1_629_009_000, 123_456_000).unwrap(),
            );
            let ::core::option::Option::Some(store) = $open else { return };
            $crate::conformance_clock::changes_carry_the_store_clock(&*store, &$clock).await;
        }

        #[tokio::test]
        async fn idempotency_keys_expire_after_a_day() {
            let $clock = $crate::Clock::manual(
                ::chrono::DateTime::from_timestamp(1_629_009_000, 123_456_000).unwrap(),
            );
            let ::core::option::Option::Some(store) = $open else { return };
            $crate::conformance_idempotency::idempotency_keys_expire_after_a_day(&*store, &$clock)
                .await;
        }
    };
    ($open:expr) => {
        $crate::conformance_suite!(optional: ::core::option::Option::Some($open));
    };
    (optional: $open:expr) => {
        $crate::conformance_suite!(@tests $open;
            users_and_teams, sessions_expire_and_end, api_tokens, intake_routes_to_team_lead,
            intake_without_a_lead_waits_in_triage, idempotent_intake, batch_is_atomic,
            case_paging_is_complete, case_filters, assignment_is_recorded,
            workflow_rules_are_enforced, inactive_or_missing_owner_is_refused,
            audit_chain_verifies, reads_are_audited, a_sure_match_joins_the_known_person_and_case,
            a_possible_match_waits_for_review, merges_move_records_and_undo_exactly,
            records_feed_the_matching_index, search_reads_references_cases_and_people,
            search_finds_requesters_by_phone_and_email, purged_requesters_are_not_found_by_contact,
            triage_makes_a_case_for_a_waiting_inquiry,
            bulk_triage_is_one_transaction, triage_attaches_to_a_household_case,
            open_cases_always_have_an_owner, closing_needs_an_outcome,
            priority_override_keeps_the_assessment, deactivated_owners_cases_need_an_owner,
            security_totp_steps_are_single_use, security_lockout_holds_and_clears,
            security_role_and_password_changes_end_sessions, security_tokens_scoped_and_revocable,
            security_object_scope_and_list_scope, security_audit_search_and_ip,
            security_sessions_idle_and_factor, security_user_language_is_kept_and_audited,
            partner_users_need_an_organization,
            referrals_share_only_the_snapshot_with_their_own_partner,
            a_declined_referral_returns_the_case_to_its_owner, overdue_referrals_are_flagged,
            bulk_referral_is_one_transaction, replies_reach_each_requester_through_their_channel);
        $crate::conformance_suite!(@pairs $open; copy_preserves_everything,
            copy_carries_referrals_and_replies);
        $crate::conformance_suite!(@in conformance_workflow, $open;
            deadlines_follow_priority_and_first_response, overdue_cases_escalate_exactly_once,
            notifications_belong_to_their_user, notes_tasks_and_mentions,
            pathways_follow_their_steps_and_are_counted, bulk_actions_are_all_or_nothing);
        $crate::conformance_suite!(@pairs_in conformance_workflow, $open; copy_carries_the_workflow);
        $crate::conformance_suite!(@in conformance_sitrep, $open;
            sitrep_counts_a_known_scenario, sitrep_period_bounds_and_closing_history);
        $crate::conformance_suite!(@in conformance_protection, $open;
            personal_data_is_sealed_and_reads_back, purge_destroys_old_closed_cases_only,
            leftovers_are_swept_once);
        $crate::conformance_suite!(@in conformance_idempotency, $open;
            idempotency_keys_reserve_answer_and_refuse,
            idempotency_keys_admit_one_of_many_at_once);
        $crate::conformance_suite!(@in conformance_documents, $open;
            documents_are_sealed_stored_once_and_audited,
            purge_deletes_a_closed_cases_documents,
            referrals_share_chosen_clean_documents_of_the_case_only,
            evidence_points_to_a_document_and_loses_the_link_when_it_is_purged);
        $crate::conformance_suite!(@in conformance_matching, $open;
            index_snapshots_are_sealed_replaced_and_purged);
        $crate::conformance_suite!(@in conformance_messages, $open;
            texts_become_requests_on_the_familys_case,
            texts_are_sent_once_and_reports_move_forward,
            opt_outs_blocks_and_rate_limits_are_honoured, status_by_text_and_replies_by_text,
            texts_from_a_family_members_phone_join_its_case, a_request_by_text_gets_a_status_code,
            unattached_texts_are_purged_after_the_retention);
        $crate::conformance_suite!(@in conformance_detach, $open;
            detaching_undoes_a_sure_match, detaching_moves_the_case_to_the_new_person,
            household_records_list_the_living_members);
    };
    // The intake channels' storage (bulk intake, status codes, the acknowledgement outbox).
    // Kept apart so a backend can run the rest while it implements these.
    (intake: $open:expr) => {
        $crate::conformance_suite!(intake optional: ::core::option::Option::Some($open));
    };
    // The same for backends that need a server, as `optional:` above.
    (intake optional: $open:expr) => {
        $crate::conformance_suite!(@tests $open;
            take_in_dedupes_and_groups_households, take_in_is_atomic, take_in_links_attachments,
            take_in_follows_matches_within_and_across_batches,
            public_status_needs_the_code, outbox_claims_are_exclusive,
            outbox_lapsed_claims_and_retries);
        $crate::conformance_suite!(@in conformance_households, $open;
            a_list_of_families_opens_a_case_per_family,
            a_matched_person_does_not_pull_a_list_onto_their_case,
            two_cases_named_as_one_family_become_a_task,
            split_and_join_move_people_and_their_requests,
            one_match_does_not_bring_a_second_family_onto_a_full_case,
            a_family_told_again_under_its_principal_stays_one_case,
            a_requesters_household_key_finds_the_family_again,
            a_family_phone_places_a_mention_and_a_shared_one_nobody);
    };
    (@tests $open:expr; $($name:ident),*) => {$(
        #[tokio::test]
        async fn $name() {
            let ::core::option::Option::Some(store) = $open else { return };
            $crate::conformance::$name(&*store).await;
        }
    )*};
    // Checks kept in a module of their own (`conformance_<area>.rs`).
    (@in $module:ident, $open:expr; $($name:ident),*) => {$(
        #[tokio::test]
        async fn $name() {
            let ::core::option::Option::Some(store) = $open else { return };
            $crate::$module::$name(&*store).await;
        }
    )*};
    (@pairs_in $module:ident, $open:expr; $($name:ident),*) => {$(
        #[tokio::test]
        async fn $name() {
            let ::core::option::Option::Some(first) = $open else { return };
            let ::core::option::Option::Some(second) = $open else { return };
            $crate::$module::$name(&*first, &*second).await;
        }
    )*};
    // Checks that need two fresh stores of the backend.
    (@pairs $open:expr; $($name:ident),*) => {$(
        #[tokio::test]
        async fn $name() {
            let ::core::option::Option::Some(first) = $open else { return };
            let ::core::option::Option::Some(second) = $open else { return };
            $crate::conformance::$name(&*first, &*second).await;
        }
    )*};
}

pub use crate::conformance_referrals::*;

pub(crate) fn system() -> Actor {
    Actor::system("conformance")
}

pub(crate) async fn user(
    store: &dyn Store,
    name: &str,
    role: Role,
    team: Option<TeamId>,
) -> corridor_domain::User {
    store
        .create_user(
            NewUser {
                username: Username::parse(name).unwrap(),
                display_name: DisplayName::parse(&format!("{name} display")).unwrap(),
                role,
                team_id: team,
                password_hash: "$argon2id$placeholder".into(),
            },
            &system(),
        )
        .await
        .unwrap()
}

/// The least a store needs before it opens a case: a lead, and one catch-all team they lead.
/// For the backends' own tests as much as for the suite.
pub async fn lead_and_team(store: &dyn Store) -> corridor_domain::User {
    let lead = store
        .create_user(
            NewUser {
                username: Username::parse("lead").unwrap(),
                display_name: DisplayName::parse("Synthetic Lead").unwrap(),
                role: Role::Lead,
                team_id: None,
                password_hash: "$argon2id$placeholder".into(),
            },
            &system(),
        )
        .await
        .unwrap();
    store
        .create_team(
            NewTeam {
                name: "Everything".into(),
                categories: vec![],
                lead_id: Some(lead.id),
            },
            &system(),
        )
        .await
        .unwrap();
    lead
}

/// A catch-all team led by `lead`, and a medical team led by `medic`.
pub(crate) async fn staffed(
    store: &dyn Store,
) -> (
    corridor_domain::Team,
    corridor_domain::User,
    corridor_domain::Team,
    corridor_domain::User,
) {
    let intake = store
        .create_team(
            NewTeam {
                name: "Intake".into(),
                categories: vec![],
                lead_id: None,
            },
            &system(),
        )
        .await
        .unwrap();
    let medical = store
        .create_team(
            NewTeam {
                name: "Medical".into(),
                categories: vec![CaseCategory::Medical],
                lead_id: None,
            },
            &system(),
        )
        .await
        .unwrap();
    let lead = user(store, "lead", Role::Lead, Some(intake.id)).await;
    let medic = user(store, "medic", Role::CaseOfficer, Some(medical.id)).await;
    let intake = store
        .set_team_lead(intake.id, lead.id, &system())
        .await
        .unwrap();
    let medical = store
        .set_team_lead(medical.id, medic.id, &system())
        .await
        .unwrap();
    (intake, lead, medical, medic)
}

pub fn inquiry(category: CaseCategory, people: &[&str]) -> NewInquiry {
    NewInquiry {
        channel: Channel::Email,
        requester: NewRequester {
            kind: RequesterKind::Sponsor,
            name: "Synthetic Sponsor".into(),
            organization: None,
            email: Some("sponsor@example.org".into()),
            phone: None,
        },
        received_at: Utc::now(),
        subject: "Please help this family".into(),
        category,
        raw_payload: "raw bytes as they arrived".into(),
        content_type: "text/plain".into(),
        household_label: None,
        people: people
            .iter()
            .map(|n| PersonDetails {
                given_name: Some(n.to_string()),
                ..Default::default()
            })
            .collect(),
        idempotency_key: None,
        matches: Vec::new(),
    }
}

pub async fn users_and_teams(store: &dyn Store) {
    let (intake, lead, _, _) = staffed(store).await;
    assert_eq!(intake.lead_id, Some(lead.id));
    let teams = store.list_teams().await.unwrap();
    assert_eq!(teams.len(), 2);
    let (found, hash) = store.user_credentials("LEAD").await.unwrap().unwrap();
    assert_eq!(found.id, lead.id);
    assert!(hash.starts_with("$argon2id$"));
    assert!(store.user_credentials("nobody").await.unwrap().is_none());
    let dup = store
        .create_user(
            NewUser {
                username: Username::parse("lead").unwrap(),
                display_name: DisplayName::parse("Again").unwrap(),
                role: Role::Lead,
                team_id: None,
                password_hash: "x".into(),
            },
            &system(),
        )
        .await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
    let dup_team = store
        .create_team(
            NewTeam {
                name: "Intake".into(),
                categories: vec![],
                lead_id: None,
            },
            &system(),
        )
        .await;
    assert!(matches!(dup_team, Err(StoreError::Conflict(_))));
    assert_eq!(store.list_users().await.unwrap().len(), 2);
}

pub async fn sessions_expire_and_end(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let now = Utc::now();
    store
        .create_session(NewSession {
            token_hash: "h1".into(),
            user_id: lead.id,
            csrf_token: "c1".into(),
            expires_at: now + Duration::hours(8),
            idle_timeout: Duration::hours(2),
        })
        .await
        .unwrap();
    let s = store.session("h1", now).await.unwrap().unwrap();
    assert_eq!(s.user.id, lead.id);
    assert_eq!(s.csrf_token, "c1");
    assert!(
        store
            .session("h1", now + Duration::hours(9))
            .await
            .unwrap()
            .is_none()
    );
    store
        .create_session(NewSession {
            token_hash: "h2".into(),
            user_id: lead.id,
            csrf_token: "c2".into(),
            expires_at: now + Duration::hours(8),
            idle_timeout: Duration::hours(2),
        })
        .await
        .unwrap();
    store.delete_session("h2").await.unwrap();
    assert!(store.session("h2", now).await.unwrap().is_none());
    assert!(store.session("unknown", now).await.unwrap().is_none());
}

pub async fn api_tokens(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let now = Utc::now();
    store
        .create_api_token(
            NewApiToken {
                user_id: lead.id,
                name: "ci".into(),
                token_hash: "t1".into(),
                expires_at: None,
                scopes: vec![crate::TokenScope::Read, crate::TokenScope::Write],
            },
            &system(),
        )
        .await
        .unwrap();
    store
        .create_api_token(
            NewApiToken {
                user_id: lead.id,
                name: "old".into(),
                token_hash: "t2".into(),
                expires_at: Some(now - Duration::minutes(1)),
                scopes: vec![crate::TokenScope::Read, crate::TokenScope::Write],
            },
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(
        store.api_token("t1", now).await.unwrap().unwrap().user.id,
        lead.id
    );
    assert!(
        store.api_token("t2", now).await.unwrap().is_none(),
        "expired token accepted"
    );
    assert!(store.api_token("nope", now).await.unwrap().is_none());
}

pub async fn intake_routes_to_team_lead(store: &dyn Store) {
    let (intake, lead, medical, medic) = staffed(store).await;
    let general = store
        .record_inquiry(
            inquiry(CaseCategory::Visa, &["Najibullah", "Fatima"]),
            &system(),
        )
        .await
        .unwrap();
    assert!(!general.already_present);
    let case = store
        .get_case(general.case_id.unwrap(), &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.summary.owner_id, lead.id);
    assert_eq!(case.summary.team_id, intake.id);
    assert_eq!(case.summary.status, CaseStatus::New);
    assert_eq!(case.people.len(), 2);
    assert!(
        case.household.is_some(),
        "two people move together as a household"
    );
    assert_eq!(case.inquiries.len(), 1);
    assert_eq!(case.inquiries[0].reference, general.reference);
    assert_eq!(case.requesters.len(), 1);
    assert_eq!(case.summary.title, "Najibullah");
    let urgent = store
        .record_inquiry(inquiry(CaseCategory::Medical, &["Zarghona"]), &system())
        .await
        .unwrap();
    let urgent = store
        .get_case(urgent.case_id.unwrap(), &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(urgent.summary.owner_id, medic.id);
    assert_eq!(urgent.summary.team_id, medical.id);
    assert_eq!(urgent.summary.priority, Priority::Critical);
    let stored = store
        .get_inquiry(general.id, &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.raw_payload, "raw bytes as they arrived");
    assert_eq!(stored.people.len(), 2);
    assert_eq!(stored.requester.kind, RequesterKind::Sponsor);
    // The same sponsor writing again is the same requester.
    let again = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Najibullah"]), &system())
        .await
        .unwrap();
    let again = store
        .get_inquiry(again.id, &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.requester.id, stored.requester.id);
}

pub async fn intake_without_a_lead_waits_in_triage(store: &dyn Store) {
    let recorded = store
        .record_inquiry(inquiry(CaseCategory::Evacuation, &["Ahmad"]), &system())
        .await
        .unwrap();
    assert_eq!(recorded.case_id, None);
    let queue = store
        .list_inquiries(
            &InquiryFilter {
                untriaged: true,
                ..Default::default()
            },
            PageRequest::first(10),
        )
        .await
        .unwrap();
    assert_eq!(queue.total, 1);
    assert_eq!(queue.items[0].reference, recorded.reference);
    let totals = store.totals().await.unwrap();
    assert_eq!(
        (
            totals.inquiries,
            totals.untriaged_inquiries,
            totals.cases,
            totals.people
        ),
        (1, 1, 0, 1)
    );
}

pub async fn idempotent_intake(store: &dyn Store) {
    staffed(store).await;
    let mut first = inquiry(CaseCategory::Visa, &["Yusuf"]);
    first.idempotency_key = Some("key-1".into());
    let a = store
        .record_inquiry(first.clone(), &system())
        .await
        .unwrap();
    let b = store.record_inquiry(first, &system()).await.unwrap();
    assert!(b.already_present);
    assert_eq!(a.reference, b.reference);
    assert_eq!(a.case_id, b.case_id);
    assert_eq!(store.totals().await.unwrap().inquiries, 1);
}

pub async fn batch_is_atomic(store: &dyn Store) {
    staffed(store).await;
    let good = inquiry(CaseCategory::Visa, &["Laila"]);
    let mut bad = inquiry(CaseCategory::Visa, &["Karim"]);
    bad.requester.name = "   ".into();
    let result = store
        .record_inquiries(vec![good.clone(), bad], &system())
        .await;
    assert!(
        matches!(result, Err(StoreError::Rule(Refusal::RequesterWithoutName))),
        "{result:?}"
    );
    assert_eq!(
        store.totals().await.unwrap().inquiries,
        0,
        "half a batch was kept"
    );
    let ok = store
        .record_inquiries(vec![good.clone(), good], &system())
        .await
        .unwrap();
    assert_eq!(ok.len(), 2);
    assert_ne!(ok[0].reference, ok[1].reference);
}

pub async fn case_paging_is_complete(store: &dyn Store) {
    staffed(store).await;
    let batch: Vec<_> = (0..37)
        .map(|i| {
            let cat = if i % 5 == 0 {
                CaseCategory::Medical
            } else {
                CaseCategory::Visa
            };
            inquiry(cat, &[&format!("Person{i}")])
        })
        .collect();
    store.record_inquiries(batch, &system()).await.unwrap();
    for sort in [CaseSort::Newest, CaseSort::Priority] {
        let filter = CaseFilter {
            sort,
            ..Default::default()
        };
        let mut seen = Vec::new();
        let mut page = PageRequest::first(10);
        loop {
            let p = store.list_cases(&filter, page).await.unwrap();
            assert_eq!(p.total, 37);
            seen.extend(p.items.iter().map(|c| (c.priority, c.id)));
            match p.next {
                Some(next) => page = PageRequest::after(10, Some(next)),
                None => break,
            }
        }
        assert_eq!(seen.len(), 37, "{sort:?} paging lost or repeated rows");
        let mut sorted = seen.clone();
        match sort {
            CaseSort::Newest => sorted.sort_by_key(|c| std::cmp::Reverse(c.1)),
            CaseSort::Priority => sorted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1))),
        }
        assert_eq!(seen, sorted, "{sort:?} order");
    }
}

pub async fn case_filters(store: &dyn Store) {
    let (intake, lead, medical, medic) = staffed(store).await;
    let batch = vec![
        inquiry(CaseCategory::Medical, &["A"]),
        inquiry(CaseCategory::Visa, &["B"]),
        inquiry(CaseCategory::Visa, &["C"]),
    ];
    let recorded = store.record_inquiries(batch, &system()).await.unwrap();
    let count = |f: CaseFilter| async move {
        store
            .list_cases(&f, PageRequest::first(50))
            .await
            .unwrap()
            .total
    };
    assert_eq!(
        count(CaseFilter {
            owner: Some(medic.id),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        count(CaseFilter {
            owner: Some(lead.id),
            ..Default::default()
        })
        .await,
        2
    );
    assert_eq!(
        count(CaseFilter {
            team: Some(medical.id),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        count(CaseFilter {
            team: Some(intake.id),
            ..Default::default()
        })
        .await,
        2
    );
    assert_eq!(
        count(CaseFilter {
            category: Some(CaseCategory::Visa),
            ..Default::default()
        })
        .await,
        2
    );
    assert_eq!(
        count(CaseFilter {
            priority: Some(Priority::Critical),
            ..Default::default()
        })
        .await,
        1
    );
    let actor = Actor::user(lead.id, "lead", None);
    store
        .change_case_status(
            recorded[1].case_id.unwrap(),
            CaseStatus::Closed,
            Some("duplicate request"),
            Some(CaseOutcome::Duplicate),
            &actor,
        )
        .await
        .unwrap();
    assert_eq!(
        count(CaseFilter {
            open_only: true,
            ..Default::default()
        })
        .await,
        2
    );
    assert_eq!(
        count(CaseFilter {
            status: Some(CaseStatus::Closed),
            ..Default::default()
        })
        .await,
        1
    );
}

pub async fn assignment_is_recorded(store: &dyn Store) {
    let (_, lead, medical, medic) = staffed(store).await;
    let r = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Sahar"]), &system())
        .await
        .unwrap();
    let id = r.case_id.unwrap();
    let actor = Actor::user(lead.id, "lead", Some("127.0.0.1".into()));
    let s = store
        .assign_case(id, medic.id, None, Some("speaks Pashto"), &actor)
        .await
        .unwrap();
    assert_eq!(s.owner_id, medic.id);
    assert_eq!(
        s.team_id, medical.id,
        "the case follows its new owner's team"
    );
    let case = store.get_case(id, &actor).await.unwrap().unwrap();
    let event = case
        .history
        .iter()
        .find(|e| e.action == "case.assigned")
        .expect("assignment in history");
    assert_eq!(event.actor_id, Some(lead.id));
    assert!(event.detail.contains("medic"), "{}", event.detail);
    // The reason is free text: kept as a sealed note on the case, not in the audit trail.
    assert!(!event.detail.contains("speaks Pashto"), "{}", event.detail);
    assert!(event.detail.contains("reason in note"), "{}", event.detail);
    assert!(
        case.notes.iter().any(|n| n.body.contains("speaks Pashto")),
        "the reason is a note on the case"
    );
    assert!(case.history.iter().all(|e| !e.action.ends_with(".viewed")));
}

pub async fn workflow_rules_are_enforced(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let r = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Omid"]), &system())
        .await
        .unwrap();
    let id = r.case_id.unwrap();
    let actor = Actor::user(lead.id, "lead", None);
    let bad = store
        .change_case_status(id, CaseStatus::Resolved, None, None, &actor)
        .await;
    assert!(matches!(bad, Err(StoreError::Transition(_))), "{bad:?}");
    let no_reason = store
        .change_case_status(id, CaseStatus::Closed, None, None, &actor)
        .await;
    assert!(matches!(no_reason, Err(StoreError::Transition(_))));
    let s = store
        .change_case_status(id, CaseStatus::Triaged, None, None, &actor)
        .await
        .unwrap();
    assert_eq!(s.status, CaseStatus::Triaged);
    let case = store.get_case(id, &actor).await.unwrap().unwrap();
    assert!(
        case.history
            .iter()
            .any(|e| e.action == "case.status_changed" && e.detail.contains("Triaged"))
    );
    let missing = store
        .change_case_status(
            corridor_domain::CaseId(999_999),
            CaseStatus::Triaged,
            None,
            None,
            &actor,
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound { .. })));
}

pub async fn inactive_or_missing_owner_is_refused(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let r = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Wali"]), &system())
        .await
        .unwrap();
    let actor = Actor::user(lead.id, "lead", None);
    let missing = store
        .assign_case(
            r.case_id.unwrap(),
            corridor_domain::UserId(4242),
            None,
            None,
            &actor,
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    let case = store
        .get_case(r.case_id.unwrap(), &actor)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        case.summary.owner_id, lead.id,
        "a refused assignment changed the owner"
    );
}

pub async fn audit_chain_verifies(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Hamid"]), &system())
        .await
        .unwrap();
    store
        .audit(
            NewAuditEvent::new(AuditAction::UserSignedIn, "user", lead.id.0, ""),
            &Actor::user(lead.id, "lead", None),
        )
        .await
        .unwrap();
    let n = store
        .verify_audit_chain()
        .await
        .unwrap()
        .expect("an untouched chain verifies");
    assert!(n >= 7, "every change is audited, got {n} events");
    let events = store
        .audit_events(Some(("user", lead.id.0)), 10)
        .await
        .unwrap();
    assert_eq!(events[0].action, "user.signed_in");
}

pub async fn reads_are_audited(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let r = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Nadia"]), &system())
        .await
        .unwrap();
    let actor = Actor::user(lead.id, "lead", None);
    store.get_case(r.case_id.unwrap(), &actor).await.unwrap();
    store.get_inquiry(r.id, &actor).await.unwrap();
    let case_events = store
        .audit_events(Some(("case", r.case_id.unwrap().0)), 10)
        .await
        .unwrap();
    assert_eq!(case_events[0].action, "case.viewed");
    assert_eq!(case_events[0].actor_id, Some(lead.id));
    let inquiry_events = store
        .audit_events(Some(("inquiry", r.id.0)), 10)
        .await
        .unwrap();
    assert_eq!(inquiry_events[0].action, "inquiry.viewed");
}

/// The person a recorded inquiry's n-th person became.
async fn person_of(store: &dyn Store, inquiry: corridor_domain::InquiryId, n: usize) -> PersonId {
    store
        .get_inquiry(inquiry, &system())
        .await
        .unwrap()
        .unwrap()
        .people[n]
}

pub async fn a_sure_match_joins_the_known_person_and_case(store: &dyn Store) {
    staffed(store).await;
    let first = store
        .record_inquiry(
            inquiry(CaseCategory::Visa, &["Najibullah", "Fatima"]),
            &system(),
        )
        .await
        .unwrap();
    let najib = person_of(store, first.id, 0).await;
    // A second requester writes about Najibullah (spelled another way) and his son.
    let mut second = inquiry(CaseCategory::Evacuation, &["Najib Ullah", "Ahmad"]);
    second.requester.name = "A congressional office".into();
    second.requester.kind = RequesterKind::Congressional;
    second.matches = vec![
        PersonMatch {
            same_as: Some(najib.into()),
            possible: vec![],
        },
        PersonMatch::default(),
    ];
    let recorded = store.record_inquiry(second, &system()).await.unwrap();
    assert_eq!(
        recorded.case_id, first.case_id,
        "the family's open case takes the new inquiry"
    );
    assert_eq!(person_of(store, recorded.id, 0).await, najib);
    let case = store
        .get_case(first.case_id.unwrap(), &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.people.len(), 3, "Najibullah, Fatima and now Ahmad");
    assert_eq!(case.inquiries.len(), 2);
    assert_eq!(
        case.requesters.len(),
        2,
        "both requesters are known on the case"
    );
    let najib_on_case = case.people.iter().find(|p| p.id == najib).unwrap();
    assert_eq!(najib_on_case.record_count, 2);
    assert_eq!(
        najib_on_case.details.given_name.as_deref(),
        Some("Najibullah"),
        "first spelling kept"
    );
    let totals = store.totals().await.unwrap();
    assert_eq!((totals.people, totals.cases), (3, 1));
}

pub async fn a_possible_match_waits_for_review(store: &dyn Store) {
    staffed(store).await;
    let first = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Yousuf"]), &system())
        .await
        .unwrap();
    let yousuf = person_of(store, first.id, 0).await;
    let mut second = inquiry(CaseCategory::Visa, &["Yusuf"]);
    second.matches = vec![PersonMatch {
        same_as: None,
        possible: vec![PossibleMatch {
            person: yousuf.into(),
            // Possible, not likely (see `intake_plan::LIKELY`): its own case too.
            probability: 0.45,
            evidence: "{\"fields\":[]}".into(),
        }],
    }];
    let recorded = store.record_inquiry(second, &system()).await.unwrap();
    let yusuf = person_of(store, recorded.id, 0).await;
    assert_ne!(yusuf, yousuf, "an unsure match does not merge anyone");
    assert_ne!(recorded.case_id, first.case_id);
    let queue = store
        .list_reviews(ReviewStatus::Pending, PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(queue.total, 1);
    let review = &queue.items[0];
    assert_eq!(review.candidate, yousuf);
    assert_eq!(review.record.person_id, yusuf);
    assert_eq!(review.record.details.given_name.as_deref(), Some("Yusuf"));
    assert_eq!(store.totals().await.unwrap().pending_reviews, 1);

    let lead = store.user_credentials("lead").await.unwrap().unwrap().0;
    let actor = Actor::user(lead.id, "lead", None);
    let decided = store.decide_review(review.id, true, &actor).await.unwrap();
    assert_eq!(decided.status, ReviewStatus::Same);
    let file = store.get_person(yousuf, &actor).await.unwrap().unwrap();
    assert_eq!(
        file.records.len(),
        2,
        "the reviewed record joined the known person"
    );
    assert_eq!(file.cases.len(), 2, "the person is on both cases now");
    let again = store.decide_review(review.id, false, &actor).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert_eq!(
        store
            .list_reviews(ReviewStatus::Pending, PageRequest::first(10))
            .await
            .unwrap()
            .total,
        0
    );
}

pub async fn merges_move_records_and_undo_exactly(store: &dyn Store) {
    staffed(store).await;
    let a = store
        .record_inquiry(
            inquiry(CaseCategory::Visa, &["Mohammad", "Zahra"]),
            &system(),
        )
        .await
        .unwrap();
    let b = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Muhammad"]), &system())
        .await
        .unwrap();
    let kept = person_of(store, a.id, 0).await;
    let merged = person_of(store, b.id, 0).await;
    let merge = store
        .merge_persons(kept, merged, Some("same tazkira"), &system())
        .await
        .unwrap();

    let file = store.get_person(kept, &system()).await.unwrap().unwrap();
    assert_eq!(file.records.len(), 2);
    assert_eq!(file.cases, vec![a.case_id.unwrap(), b.case_id.unwrap()]);
    assert_eq!(file.merges.len(), 1);
    let gone = store.get_person(merged, &system()).await.unwrap().unwrap();
    assert_eq!(gone.merged_into, Some(kept));
    assert!(gone.records.is_empty());
    let case_b = store
        .get_case(b.case_id.unwrap(), &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case_b.people[0].id, kept);
    assert!(
        case_b
            .history
            .iter()
            .any(|e| e.action == "case.people_merged")
    );
    assert_eq!(store.totals().await.unwrap().people, 2);
    let twice = store.merge_persons(kept, merged, None, &system()).await;
    assert!(
        matches!(twice, Err(StoreError::Rule(Refusal::AlreadyMerged))),
        "{twice:?}"
    );
    let self_merge = store.merge_persons(kept, kept, None, &system()).await;
    assert!(
        matches!(self_merge, Err(StoreError::Rule(Refusal::MergeIntoSelf))),
        "{self_merge:?}"
    );

    store.undo_merge(merge, &system()).await.unwrap();
    let restored = store.get_person(merged, &system()).await.unwrap().unwrap();
    assert_eq!(restored.merged_into, None);
    assert_eq!(restored.records.len(), 1);
    assert_eq!(
        restored.records[0].details.given_name.as_deref(),
        Some("Muhammad")
    );
    assert_eq!(restored.cases, vec![b.case_id.unwrap()]);
    let kept_file = store.get_person(kept, &system()).await.unwrap().unwrap();
    assert_eq!(kept_file.records.len(), 1);
    assert_eq!(kept_file.cases, vec![a.case_id.unwrap()]);
    assert!(kept_file.merges[0].undone);
    let case_b = store
        .get_case(b.case_id.unwrap(), &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case_b.people[0].id, merged, "the principal is restored");
    assert_eq!(case_b.summary.title, "Muhammad");
    let again = store.undo_merge(merge, &system()).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))));
    assert_eq!(store.totals().await.unwrap().people, 3);
    assert!(store.verify_audit_chain().await.unwrap().is_ok());
}

pub async fn records_feed_the_matching_index(store: &dyn Store) {
    staffed(store).await;
    let a = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Laila", "Omid"]), &system())
        .await
        .unwrap();
    let feed = store.person_records_after(RecordId(0), 10).await.unwrap();
    assert_eq!(feed.len(), 2);
    assert_eq!(feed[0].2.given_name.as_deref(), Some("Laila"));
    let next = store.person_records_after(feed[0].0, 10).await.unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].2.given_name.as_deref(), Some("Omid"));
    let laila = person_of(store, a.id, 0).await;
    let omid = person_of(store, a.id, 1).await;
    store
        .merge_persons(laila, omid, None, &system())
        .await
        .unwrap();
    let owners = store.record_owners(&[feed[0].0, feed[1].0]).await.unwrap();
    assert!(owners.iter().all(|(_, p)| *p == laila), "{owners:?}");
}

/// Search's reads: an inquiry by its reference, case summaries in the order asked (those that
/// exist), and people as a search shows them, a person merged away left out.
pub async fn search_reads_references_cases_and_people(store: &dyn Store) {
    staffed(store).await;
    let a = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Laila", "Omid"]), &system())
        .await
        .unwrap();
    let b = store
        .record_inquiry(inquiry(CaseCategory::Medical, &["Zarmina"]), &system())
        .await
        .unwrap();
    let found = store
        .inquiry_by_reference(&a.reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.id, found.case_id), (a.id, a.case_id));
    let unknown: corridor_domain::ReferenceNumber = "CR-00000-00000".parse().unwrap();
    assert!(
        store
            .inquiry_by_reference(&unknown)
            .await
            .unwrap()
            .is_none()
    );
    let (ca, cb) = (a.case_id.unwrap(), b.case_id.unwrap());
    let cases = store
        .case_summaries(&[cb, corridor_domain::CaseId(999_999), ca])
        .await
        .unwrap();
    assert_eq!(cases.iter().map(|c| c.id).collect::<Vec<_>>(), [cb, ca]);
    let laila = person_of(store, a.id, 0).await;
    let omid = person_of(store, a.id, 1).await;
    let hits = store.people_for_search(&[omid, laila]).await.unwrap();
    assert_eq!(
        hits.iter().map(|h| h.person).collect::<Vec<_>>(),
        [omid, laila]
    );
    assert_eq!(hits[1].details.given_name.as_deref(), Some("Laila"));
    assert_eq!(hits[1].cases, [ca]);
    assert_eq!(
        hits[1].latest_inquiry.as_ref().map(|l| &l.1),
        Some(&a.reference)
    );
    store
        .merge_persons(laila, omid, None, &system())
        .await
        .unwrap();
    let hits = store.people_for_search(&[omid, laila]).await.unwrap();
    assert_eq!(hits.iter().map(|h| h.person).collect::<Vec<_>>(), [laila]);
}

/// Requesters are found by any phone they gave, in any format, and by their email in any
/// case, with their requests newest first; nobody by a number or address no one gave.
pub async fn search_finds_requesters_by_phone_and_email(store: &dyn Store) {
    use crate::contact::Contact;
    staffed(store).await;
    let sponsor = |phone: &str, hours_ago: i64| {
        let mut i = inquiry(CaseCategory::Visa, &["Laila"]);
        i.requester.phone = Some(phone.into());
        i.requester.email = Some("Sponsor@Example.org".into());
        i.received_at = Utc::now() - Duration::hours(hours_ago);
        i
    };
    let first = store
        .record_inquiry(sponsor("+93 70 123 4567", 2), &system())
        .await
        .unwrap();
    // The same sponsor again (same name and email), from another number.
    let again = store
        .record_inquiry(sponsor("0093 700 222 333", 1), &system())
        .await
        .unwrap();
    let mut other = inquiry(CaseCategory::Medical, &["Zarmina"]);
    other.requester = NewRequester {
        kind: RequesterKind::Ngo,
        name: "Helpers Network".into(),
        organization: Some("Helpers".into()),
        email: None,
        phone: Some("0799 000 111".into()),
    };
    let ngo = store.record_inquiry(other, &system()).await.unwrap();

    let find = |c: Contact| async move { store.requesters_by_contact(&c, 10).await.unwrap() };
    for typed in [
        "0701234567",
        "+93701234567",
        "0093 70 123 4567",
        "0700222333",
    ] {
        let hits = find(Contact::Phone(typed.into())).await;
        assert_eq!(hits.len(), 1, "{typed}");
        assert_eq!(hits[0].name, "Synthetic Sponsor");
        assert_eq!(hits[0].kind, RequesterKind::Sponsor);
        assert_eq!(
            hits[0].inquiries.iter().map(|i| i.id).collect::<Vec<_>>(),
            [again.id, first.id],
            "{typed}: newest first"
        );
        assert_eq!(hits[0].inquiries[1].reference, first.reference);
        assert_eq!(hits[0].inquiries[1].case_id, first.case_id);
    }
    let by_email = find(Contact::Email(" sponsor@EXAMPLE.org".into())).await;
    assert_eq!(by_email.len(), 1);
    assert_eq!(by_email[0].inquiries.len(), 2);
    let hits = find(Contact::Phone("+93 799 000 111".into())).await;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].name, "Helpers Network");
    assert_eq!(hits[0].inquiries[0].id, ngo.id);
    assert!(
        find(Contact::Phone("+92 300 1234567".into()))
            .await
            .is_empty()
    );
    assert!(
        find(Contact::Email("someone@example.org".into()))
            .await
            .is_empty()
    );
    assert!(find(Contact::Phone("not a number".into())).await.is_empty());

    // The start-up sweep for requesters stored before contacts were kept runs once, and
    // changes nothing that intake already wrote.
    store.index_requester_contacts().await.unwrap();
    assert_eq!(store.index_requester_contacts().await.unwrap(), 0);
    assert_eq!(find(Contact::Phone("0701234567".into())).await.len(), 1);
}

/// A requester purged with the cases they asked about is found by their phone no more, and
/// the keyed hashes of their contacts are gone with their details.
pub async fn purged_requesters_are_not_found_by_contact(store: &dyn Store) {
    use crate::contact::Contact;
    staffed(store).await;
    let mut asked = inquiry(CaseCategory::Visa, &["Laila"]);
    asked.requester.phone = Some("+93 70 123 4567".into());
    asked.people[0].phone = Some("+93 70 999 8888".into());
    let case = store
        .record_inquiry(asked, &system())
        .await
        .unwrap()
        .case_id
        .unwrap();
    let phone = Contact::Phone("0701234567".into());
    assert_eq!(
        store.requesters_by_contact(&phone, 10).await.unwrap().len(),
        1
    );
    store
        .change_case_status(case, CaseStatus::InProgress, None, None, &system())
        .await
        .unwrap();
    store
        .change_case_status(
            case,
            CaseStatus::Closed,
            Some("evacuated"),
            Some(CaseOutcome::Evacuated),
            &system(),
        )
        .await
        .unwrap();
    let report = store
        .purge_closed_cases(Utc::now() + Duration::days(1), &system())
        .await
        .unwrap();
    assert_eq!(report.requesters, 1);
    assert!(
        store
            .requesters_by_contact(&phone, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let counts = store.table_counts().await.unwrap();
    assert!(counts.contains(&("requester_contacts", 0)), "{counts:?}");
    // The purged record's phone matches incoming texts no more.
    assert!(counts.contains(&("person_contacts", 0)), "{counts:?}");
}

/// Everything in `from` arrives in `to` unchanged: counts, ids, cases, verbatim payloads,
/// sign-ins and the audit chain; the copy then carries on as a working database.
pub async fn copy_preserves_everything(from: &dyn Store, to: &dyn Store) {
    let (_, lead, medical, medic) = staffed(from).await;
    let mut batch = Vec::new();
    for i in 0..(crate::transfer::EXPORT_PAGE as usize + 5) {
        let category = if i % 3 == 0 {
            CaseCategory::Medical
        } else {
            CaseCategory::Visa
        };
        let mut q = inquiry(category, &["Copied", "Family"]);
        q.raw_payload = format!("{{\"row\": {i}, \"note\": \"  spaces kept \\u00e9 \"}}");
        q.idempotency_key = Some(format!("copy-{i}"));
        batch.push(q);
    }
    let recorded = from.record_inquiries(batch, &system()).await.unwrap();
    let case = recorded[0].case_id.unwrap();
    // A merge and a pair waiting for review, so that matching's tables travel too.
    let a = person_of(from, recorded[1].id, 0).await;
    let b = person_of(from, recorded[2].id, 0).await;
    from.merge_persons(a, b, Some("same passport"), &system())
        .await
        .unwrap();
    let mut unsure = inquiry(CaseCategory::Visa, &["Copied"]);
    unsure.matches = vec![PersonMatch {
        same_as: None,
        possible: vec![PossibleMatch {
            person: a.into(),
            probability: 0.61,
            evidence: "{\"fields\": [\"given_name\"]}".into(),
        }],
    }];
    from.record_inquiry(unsure, &system()).await.unwrap();
    from.assign_case(case, lead.id, None, Some("handover"), &system())
        .await
        .unwrap();
    from.change_case_status(case, CaseStatus::InProgress, None, None, &system())
        .await
        .unwrap();
    let expires = Utc::now() + Duration::hours(1);
    from.create_session(NewSession {
        token_hash: "copied-session".into(),
        user_id: medic.id,
        csrf_token: "csrf".into(),
        expires_at: expires,
        idle_timeout: Duration::hours(2),
    })
    .await
    .unwrap();
    from.create_api_token(
        NewApiToken {
            user_id: lead.id,
            name: "copied".into(),
            token_hash: "copied-token".into(),
            expires_at: Some(expires),
            scopes: vec![crate::TokenScope::Read, crate::TokenScope::Write],
        },
        &system(),
    )
    .await
    .unwrap();
    // A user's own language travels with them.
    from.set_user_language(lead.id, Some("ps"), &system())
        .await
        .unwrap();

    let copied = to.import_from(from).await.unwrap();
    assert_eq!(copied, from.table_counts().await.unwrap());
    assert_eq!(to.table_counts().await.unwrap(), copied);
    assert_eq!(
        to.user_language(lead.id).await.unwrap().as_deref(),
        Some("ps")
    );
    assert_eq!(to.totals().await.unwrap(), from.totals().await.unwrap());
    let events = from.verify_audit_chain().await.unwrap().unwrap();
    assert_eq!(to.verify_audit_chain().await.unwrap(), Ok(events));

    let actor = Actor::user(lead.id, "lead", None);
    let pending = PageRequest::first(10);
    let (a, b) = (
        from.list_reviews(ReviewStatus::Pending, pending)
            .await
            .unwrap(),
        to.list_reviews(ReviewStatus::Pending, pending)
            .await
            .unwrap(),
    );
    assert_eq!(a.total, 1);
    assert_eq!(
        json(&a.items),
        json(&b.items),
        "reviews travel with their evidence"
    );
    let (a, b) = (
        from.get_case(case, &actor).await.unwrap().unwrap(),
        to.get_case(case, &actor).await.unwrap().unwrap(),
    );
    assert_eq!(json(&a.summary), json(&b.summary));
    assert_eq!(json(&a.people), json(&b.people));
    assert_eq!(json(&a.inquiries), json(&b.inquiries));
    let last = recorded.last().unwrap().id;
    let (a, b) = (
        from.get_inquiry(last, &actor).await.unwrap().unwrap(),
        to.get_inquiry(last, &actor).await.unwrap().unwrap(),
    );
    assert_eq!(a.raw_payload, b.raw_payload, "payloads are copied verbatim");
    assert_eq!(json(&a.summary), json(&b.summary));
    let all = CaseFilter {
        sort: CaseSort::Priority,
        ..Default::default()
    };
    let (a, b) = (
        from.list_cases(&all, PageRequest::first(500))
            .await
            .unwrap(),
        to.list_cases(&all, PageRequest::first(500)).await.unwrap(),
    );
    assert_eq!(a.total, b.total);
    assert_eq!(
        a.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        b.items.iter().map(|c| c.id).collect::<Vec<_>>()
    );

    // Sign-ins carry over, and so do idempotency keys.
    let now = Utc::now();
    assert_eq!(
        to.session("copied-session", now)
            .await
            .unwrap()
            .unwrap()
            .user
            .id,
        medic.id
    );
    assert_eq!(
        to.api_token("copied-token", now)
            .await
            .unwrap()
            .unwrap()
            .user
            .id,
        lead.id
    );
    let mut retry = inquiry(CaseCategory::Visa, &["Copied"]);
    retry.idempotency_key = Some("copy-7".into());
    let again = to.record_inquiry(retry, &system()).await.unwrap();
    assert!(again.already_present);
    assert_eq!(again.id, recorded[7].id);

    // The copy keeps working: new rows get fresh ids and the chain goes on.
    let fresh = to
        .record_inquiry(
            inquiry(CaseCategory::Medical, &["After", "Move"]),
            &system(),
        )
        .await
        .unwrap();
    assert!(fresh.id.0 > last.0);
    assert_eq!(
        to.get_case(fresh.case_id.unwrap(), &actor)
            .await
            .unwrap()
            .unwrap()
            .summary
            .team_id,
        medical.id
    );
    to.create_team(
        NewTeam {
            name: "After the move".into(),
            categories: vec![],
            lead_id: None,
        },
        &system(),
    )
    .await
    .unwrap();
    to.verify_audit_chain().await.unwrap().unwrap();

    // A database that holds anything is never overwritten.
    match to.import_from(from).await {
        Err(StoreError::Conflict(m)) => assert!(m.contains("not empty"), "{m}"),
        other => panic!("a second copy into a used database must be refused, got {other:?}"),
    }
}

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

fn keyed(category: CaseCategory, people: &[&str], key: &str) -> Submission {
    let mut i = inquiry(category, people);
    i.idempotency_key = Some(key.into());
    Submission::new(i)
}

pub async fn take_in_dedupes_and_groups_households(store: &dyn Store) {
    staffed(store).await;
    let mut a = keyed(CaseCategory::Visa, &["Parwana"], "row:a");
    a.household_key = Some("H1".into());
    let mut b = keyed(CaseCategory::Visa, &["Sohail"], "row:b");
    b.household_key = Some("H1".into());
    let c = keyed(CaseCategory::Medical, &["Zarghona"], "row:c");
    let repeat = keyed(CaseCategory::Medical, &["Zarghona"], "row:c");
    let first = store
        .take_in(
            vec![a.clone(), b.clone(), c.clone(), repeat],
            "list one",
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(first.len(), 4);
    assert!(!first[0].already_present && !first[1].already_present && !first[2].already_present);
    assert!(
        first[3].already_present,
        "a key repeated in the batch is stored once"
    );
    assert_eq!(first[3].reference, first[2].reference);
    assert_eq!(
        first[0].case_id, first[1].case_id,
        "one household, one case"
    );
    assert_ne!(first[0].case_id, first[2].case_id);
    assert!(first[0].case_id.is_some());
    let totals = store.totals().await.unwrap();
    assert_eq!(totals.inquiries, 3);
    assert_eq!(totals.cases, 2);
    assert_eq!(totals.households, 1);
    let case = store
        .get_case(first[0].case_id.unwrap(), &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.people.len(), 2);
    assert_eq!(case.inquiries.len(), 2);
    assert!(case.people.iter().all(|p| p.household_id.is_some()));

    let again = store
        .take_in(vec![a, b, c], "list one again", &system())
        .await
        .unwrap();
    assert!(again.iter().all(|r| r.already_present));
    assert_eq!(again[0].reference, first[0].reference);
    assert_eq!(store.totals().await.unwrap().inquiries, 3);
    let events = store.audit_events(None, 50).await.unwrap();
    let batches: Vec<_> = events
        .iter()
        .filter(|e| e.action == "intake.batch")
        .collect();
    assert_eq!(batches.len(), 2, "one audit event per batch");
    assert!(
        batches[1].detail.contains("list one"),
        "{}",
        batches[1].detail
    );
    assert!(batches[1].detail.contains('3'), "{}", batches[1].detail);
}

pub async fn take_in_follows_matches_within_and_across_batches(store: &dyn Store) {
    staffed(store).await;
    let first = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Najibullah"]), &system())
        .await
        .unwrap();
    let najib = person_of(store, first.id, 0).await;
    let sure = |r: PersonRef| PersonMatch {
        same_as: Some(r),
        possible: vec![],
    };
    // A list that names Najibullah (known), his son Ahmad, and another family twice.
    let mut s0 = keyed(
        CaseCategory::Evacuation,
        &["Najib Ullah", "Ahmad"],
        "list:0",
    );
    s0.inquiry.matches = vec![sure(najib.into()), PersonMatch::default()];
    let s1 = keyed(CaseCategory::Visa, &["Zahra"], "list:1");
    let mut s2 = keyed(CaseCategory::Visa, &["Zara"], "list:2");
    s2.inquiry.matches = vec![sure(PersonRef::Earlier {
        submission: 1,
        person: 0,
    })];
    let mut s3 = keyed(CaseCategory::Visa, &["Ahmed"], "list:3");
    s3.inquiry.matches = vec![PersonMatch {
        same_as: None,
        possible: vec![PossibleMatch {
            person: PersonRef::Earlier {
                submission: 0,
                person: 1,
            },
            probability: 0.45,
            evidence: "{}".into(),
        }],
    }];
    let mut s4 = keyed(CaseCategory::Visa, &["Najib"], "list:4");
    s4.inquiry.people[0].needs = Some("medical emergency".into());
    s4.inquiry.matches = vec![sure(najib.into())];
    // A match may not point forward: it is ignored.
    let mut s5 = keyed(CaseCategory::Visa, &["Omid"], "list:5");
    s5.inquiry.matches = vec![sure(PersonRef::Earlier {
        submission: 6,
        person: 0,
    })];
    let got = store
        .take_in(vec![s0, s1, s2, s3, s4, s5], "a sponsor's list", &system())
        .await
        .unwrap();
    assert_eq!(
        got[0].case_id, first.case_id,
        "the known family's open case"
    );
    assert_eq!(got[4].case_id, first.case_id);
    assert_eq!(
        got[2].case_id, got[1].case_id,
        "the same family twice in one list"
    );
    assert_ne!(got[1].case_id, first.case_id);
    assert_ne!(
        got[3].case_id, got[0].case_id,
        "an unsure match opens its own case"
    );
    assert_eq!(person_of(store, got[0].id, 0).await, najib);
    assert_eq!(person_of(store, got[4].id, 0).await, najib);
    let zahra = person_of(store, got[1].id, 0).await;
    assert_eq!(person_of(store, got[2].id, 0).await, zahra);
    let ahmad = person_of(store, got[0].id, 1).await;

    let case = store
        .get_case(first.case_id.unwrap(), &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.people.len(), 2, "Najibullah and Ahmad");
    assert_eq!(
        case.summary.priority,
        Priority::Critical,
        "a request joining the case says it is a medical emergency"
    );
    assert_eq!(case.inquiries.len(), 3);
    let najib_file = case.people.iter().find(|p| p.id == najib).unwrap();
    assert_eq!(najib_file.record_count, 3);

    let queue = store
        .list_reviews(ReviewStatus::Pending, PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(queue.total, 1);
    assert_eq!(queue.items[0].candidate, ahmad);
    assert_eq!(
        queue.items[0].record.details.given_name.as_deref(),
        Some("Ahmed")
    );
    // The evidence names Ahmad's record, stored in the same batch, for the review screen.
    let evidence: serde_json::Value = serde_json::from_str(&queue.items[0].evidence).unwrap();
    let ahmad_file = store.get_person(ahmad, &system()).await.unwrap().unwrap();
    assert_eq!(evidence["record"], ahmad_file.records[0].id.0);
    let totals = store.totals().await.unwrap();
    // Najibullah, Ahmad, Zahra, Ahmed, Omid.
    assert_eq!(totals.people, 5);
    assert_eq!(totals.cases, 4);

    let history = store
        .audit_events(Some(("case", first.case_id.unwrap().0)), 20)
        .await
        .unwrap();
    let added: Vec<_> = history
        .iter()
        .filter(|e| e.action == "case.inquiry_added")
        .collect();
    assert_eq!(
        added.len(),
        1,
        "one event for the batch on the case's history"
    );
    for joined in [&got[0], &got[4]] {
        assert!(
            added[0].detail.contains(joined.reference.as_str()),
            "{}",
            added[0].detail
        );
    }

    // Zahra's case was set to low by hand; a newcomer's urgency raises only the assessed
    // priority beside the manual one.
    let zahra_case = got[1].case_id.unwrap();
    store
        .override_priority(zahra_case, Priority::Low, "family already safe", &system())
        .await
        .unwrap();
    let mut urgent = keyed(CaseCategory::Visa, &["Zahra"], "list:urgent");
    urgent.inquiry.people[0].needs = Some("urgent medical care".into());
    urgent.inquiry.matches = vec![sure(zahra.into())];
    let joined = store
        .take_in(vec![urgent], "a hotline", &system())
        .await
        .unwrap();
    assert_eq!(joined[0].case_id, Some(zahra_case));
    let case = store
        .get_case(zahra_case, &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        case.summary.priority,
        Priority::Low,
        "the manual priority stays"
    );
    let manual = case.priority_override.expect("still overridden");
    assert_eq!(manual.assessed, Priority::Critical);

    // Once the case is closed, a new request about Najibullah opens a new case for him.
    let lead = store.user_credentials("lead").await.unwrap().unwrap().0;
    let actor = Actor::user(lead.id, "lead", None);
    let case_id = first.case_id.unwrap();
    store
        .change_case_status(
            case_id,
            CaseStatus::Closed,
            Some("crossed at Torkham"),
            Some(CaseOutcome::Evacuated),
            &actor,
        )
        .await
        .unwrap();
    let mut again = keyed(CaseCategory::Visa, &["Najibullah"], "list:later");
    again.inquiry.matches = vec![sure(najib.into())];
    let later = store
        .take_in(vec![again], "later", &system())
        .await
        .unwrap();
    assert_ne!(later[0].case_id, first.case_id);
    assert!(later[0].case_id.is_some());
    assert_eq!(person_of(store, later[0].id, 0).await, najib);
}

pub async fn take_in_is_atomic(store: &dyn Store) {
    staffed(store).await;
    let good = keyed(CaseCategory::Visa, &["Laila"], "row:good");
    let mut bad = keyed(CaseCategory::Visa, &["Karim"], "row:bad");
    bad.inquiry.requester.name = " ".into();
    assert!(
        store
            .take_in(vec![good, bad], "x", &system())
            .await
            .is_err()
    );
    assert_eq!(store.totals().await.unwrap().inquiries, 0);
    assert_eq!(store.outbox_counts().await.unwrap().pending, 0);
    // Without any team, inquiries wait in triage.
}

pub async fn take_in_links_attachments(store: &dyn Store) {
    let message = keyed(CaseCategory::Other, &[], "email:<m1@example.org>");
    let mut row = keyed(CaseCategory::Other, &["Nadia"], "sheet:r1");
    row.parent_key = Some("email:<m1@example.org>".into());
    let got = store
        .take_in(vec![message, row], "mailbox", &system())
        .await
        .unwrap();
    assert!(got[0].case_id.is_none(), "no team: waits in triage");
    assert_eq!(
        store.inquiry_parent(got[1].id).await.unwrap(),
        Some(got[0].id)
    );
    assert_eq!(store.inquiry_parent(got[0].id).await.unwrap(), None);
    // A later row of the same message finds its parent among stored inquiries.
    let mut later = keyed(CaseCategory::Other, &["Omid"], "sheet:r2");
    later.parent_key = Some("email:<m1@example.org>".into());
    let got2 = store
        .take_in(vec![later], "mailbox", &system())
        .await
        .unwrap();
    assert_eq!(
        store.inquiry_parent(got2[0].id).await.unwrap(),
        Some(got[0].id)
    );
}

pub async fn public_status_needs_the_code(store: &dyn Store) {
    staffed(store).await;
    let mut s = keyed(CaseCategory::Visa, &["Farid"], "form:1");
    s.status_code_hash = Some("a".repeat(64));
    let got = store
        .take_in(vec![s], "public form", &system())
        .await
        .unwrap();
    let status = store
        .public_status(&got[0].reference, &"a".repeat(64))
        .await
        .unwrap();
    assert_eq!(status, Some(corridor_domain::PublicStatus::Received));
    assert_eq!(
        store
            .public_status(&got[0].reference, &"b".repeat(64))
            .await
            .unwrap(),
        None
    );
    let unknown: corridor_domain::ReferenceNumber = "CR-00000-00000".parse().unwrap();
    assert_eq!(
        store
            .public_status(&unknown, &"a".repeat(64))
            .await
            .unwrap(),
        None
    );
    store
        .change_case_status(
            got[0].case_id.unwrap(),
            CaseStatus::WaitingPartner,
            None,
            None,
            &system(),
        )
        .await
        .ok();
    store
        .change_case_status(
            got[0].case_id.unwrap(),
            CaseStatus::Triaged,
            None,
            None,
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .public_status(&got[0].reference, &"a".repeat(64))
            .await
            .unwrap(),
        Some(corridor_domain::PublicStatus::UnderReview)
    );
    // An inquiry stored without a code cannot be looked up at all.
    let plain = store
        .take_in(
            vec![keyed(CaseCategory::Visa, &["Rahim"], "form:2")],
            "x",
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(
        store.public_status(&plain[0].reference, "").await.unwrap(),
        None
    );
}

pub async fn outbox_claims_are_exclusive(store: &dyn Store) {
    let mut s = keyed(CaseCategory::Other, &["Hamid"], "form:ack");
    s.acknowledge_to = Some("sponsor@example.org".into());
    let got = store
        .take_in(vec![s.clone()], "x", &system())
        .await
        .unwrap();
    // A repeat of the same inquiry queues nothing more.
    store.take_in(vec![s], "x", &system()).await.unwrap();
    assert_eq!(store.outbox_counts().await.unwrap().pending, 1);
    let now = Utc::now();
    let lease = Duration::seconds(60);
    let claimed = store.claim_outbox(now, lease, 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].reference, got[0].reference);
    assert_eq!(claimed[0].to, "sponsor@example.org");
    assert_eq!(claimed[0].attempts, 1);
    assert!(
        store.claim_outbox(now, lease, 10).await.unwrap().is_empty(),
        "claimed twice"
    );
    assert!(
        store
            .outbox_sent(claimed[0].id, &claimed[0].claim, now)
            .await
            .unwrap()
    );
    assert!(
        !store
            .outbox_sent(claimed[0].id, &claimed[0].claim, now)
            .await
            .unwrap()
    );
    let later = now + Duration::hours(1);
    assert!(
        store
            .claim_outbox(later, lease, 10)
            .await
            .unwrap()
            .is_empty(),
        "sent twice"
    );
    let counts = store.outbox_counts().await.unwrap();
    assert_eq!((counts.pending, counts.sent), (0, 1));
}

pub async fn outbox_lapsed_claims_and_retries(store: &dyn Store) {
    let mut s = keyed(CaseCategory::Other, &["Wahid"], "form:retry");
    s.acknowledge_to = Some("self@example.org".into());
    store.take_in(vec![s], "x", &system()).await.unwrap();
    let now = Utc::now();
    let lease = Duration::seconds(30);
    let first = store.claim_outbox(now, lease, 10).await.unwrap().remove(0);
    // The first sender stalls past its lease: another takes over, and the stale claim is void.
    let second = store
        .claim_outbox(now + Duration::seconds(31), lease, 10)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(second.attempts, 2);
    assert!(
        !store
            .outbox_sent(first.id, &first.claim, now)
            .await
            .unwrap()
    );
    // A failure schedules a retry; it is not due before then.
    let retry_at = now + Duration::seconds(120);
    assert!(
        store
            .outbox_failed(second.id, &second.claim, "451 try later", Some(retry_at))
            .await
            .unwrap()
    );
    assert!(
        store
            .claim_outbox(now + Duration::seconds(60), lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let third = store
        .claim_outbox(retry_at, lease, 10)
        .await
        .unwrap()
        .remove(0);
    assert!(
        store
            .outbox_failed(third.id, &third.claim, "550 no such user", None)
            .await
            .unwrap()
    );
    assert!(
        store
            .claim_outbox(retry_at + Duration::days(1), lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let counts = store.outbox_counts().await.unwrap();
    assert_eq!((counts.pending, counts.sent, counts.abandoned), (0, 0, 1));
}

/// A team without a lead, a catch-all team led by `lead`, and an officer in it.
async fn leaderless(
    store: &dyn Store,
) -> (
    corridor_domain::Team,
    corridor_domain::Team,
    corridor_domain::User,
    corridor_domain::User,
) {
    let protection = store
        .create_team(
            NewTeam {
                name: "Protection".into(),
                categories: vec![CaseCategory::Protection],
                lead_id: None,
            },
            &system(),
        )
        .await
        .unwrap();
    let general = store
        .create_team(
            NewTeam {
                name: "General".into(),
                categories: vec![CaseCategory::Visa],
                lead_id: None,
            },
            &system(),
        )
        .await
        .unwrap();
    let lead = user(store, "lead", Role::Lead, Some(general.id)).await;
    let officer = user(store, "officer", Role::CaseOfficer, Some(protection.id)).await;
    let general = store
        .set_team_lead(general.id, lead.id, &system())
        .await
        .unwrap();
    (protection, general, lead, officer)
}

async fn untriaged(store: &dyn Store) -> i64 {
    store
        .list_inquiries(
            &InquiryFilter {
                untriaged: true,
                ..Default::default()
            },
            PageRequest::first(10),
        )
        .await
        .unwrap()
        .total
}

pub async fn triage_makes_a_case_for_a_waiting_inquiry(store: &dyn Store) {
    let (protection, general, lead, officer) = leaderless(store).await;
    // Protection cases have no team with a lead and no catch-all team: they wait.
    let r = store
        .record_inquiry(
            inquiry(CaseCategory::Protection, &["Soraya", "Bilal"]),
            &system(),
        )
        .await
        .unwrap();
    assert_eq!(r.case_id, None);
    let actor = Actor::user(lead.id, "lead", None);
    // The protection team has nobody to own the case unless one is named.
    let refused = store
        .triage_inquiries(
            &[r.id],
            &Triage::NewCases {
                team: Some(protection.id),
                owner: None,
            },
            &actor,
        )
        .await;
    assert!(
        matches!(
            &refused,
            Err(StoreError::Rule(Refusal::TeamWithoutLead { .. }))
        ),
        "{refused:?}"
    );
    assert_eq!(
        untriaged(store).await,
        1,
        "a refused triage changed something"
    );
    let cases = store
        .triage_inquiries(
            &[r.id],
            &Triage::NewCases {
                team: Some(protection.id),
                owner: Some(officer.id),
            },
            &actor,
        )
        .await
        .unwrap();
    let case = store.get_case(cases[0], &actor).await.unwrap().unwrap();
    assert_eq!(case.summary.owner_id, officer.id);
    assert_eq!(case.summary.team_id, protection.id);
    assert_eq!(case.summary.category, CaseCategory::Protection);
    assert_eq!(case.summary.status, CaseStatus::Triaged);
    assert_eq!(case.people.len(), 2);
    assert_eq!(case.inquiries[0].reference, r.reference);
    assert!(case.history.iter().any(|e| e.action == "case.created"));
    assert_eq!(untriaged(store).await, 0);
    let events = store
        .audit_events(Some(("inquiry", r.id.0)), 10)
        .await
        .unwrap();
    assert!(events.iter().any(|e| e.action == "inquiry.triaged"
        && e.actor_id == Some(lead.id)
        && e.detail.contains(&format!("C-{}", cases[0].0))));
    // Triaging it again is refused: it is on a case now.
    let again = store
        .triage_inquiries(
            &[r.id],
            &Triage::NewCases {
                team: Some(general.id),
                owner: None,
            },
            &actor,
        )
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
}

pub async fn bulk_triage_is_one_transaction(store: &dyn Store) {
    let (protection, general, lead, _) = leaderless(store).await;
    let batch: Vec<_> = ["Farid", "Gul", "Hadi"]
        .iter()
        .map(|n| inquiry(CaseCategory::Protection, &[n]))
        .collect();
    let recorded = store.record_inquiries(batch, &system()).await.unwrap();
    let ids: Vec<_> = recorded.iter().map(|r| r.id).collect();
    let actor = Actor::user(lead.id, "lead", None);
    // One of them goes first, on its own; a batch that names it again is refused whole.
    store
        .triage_inquiries(
            &ids[..1],
            &Triage::NewCases {
                team: Some(general.id),
                owner: None,
            },
            &actor,
        )
        .await
        .unwrap();
    let refused = store
        .triage_inquiries(
            &ids,
            &Triage::NewCases {
                team: Some(general.id),
                owner: None,
            },
            &actor,
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "{refused:?}"
    );
    assert_eq!(untriaged(store).await, 2, "half a batch was triaged");
    let cases = store
        .triage_inquiries(
            &ids[1..],
            &Triage::NewCases {
                team: Some(general.id),
                owner: None,
            },
            &actor,
        )
        .await
        .unwrap();
    assert_eq!(cases.len(), 2);
    assert_ne!(cases[0], cases[1], "each inquiry gets a case of its own");
    for c in &cases {
        let s = store.get_case(*c, &actor).await.unwrap().unwrap().summary;
        assert_eq!((s.owner_id, s.team_id), (lead.id, general.id));
    }
    assert_eq!(untriaged(store).await, 0);
    // Routing by category needs a team with a lead for it.
    let more = store
        .record_inquiry(inquiry(CaseCategory::Protection, &["Jamal"]), &system())
        .await
        .unwrap();
    let unrouted = store
        .triage_inquiries(
            &[more.id],
            &Triage::NewCases {
                team: None,
                owner: None,
            },
            &actor,
        )
        .await;
    assert!(
        matches!(unrouted, Err(StoreError::Rule(Refusal::NoTeamFor { .. }))),
        "{unrouted:?}"
    );
    let _ = protection;
}

pub async fn triage_attaches_to_a_household_case(store: &dyn Store) {
    let (_, general, lead, _) = leaderless(store).await;
    // Two rows of one family on a list, arriving while nobody could take protection cases.
    let mut a = keyed(CaseCategory::Protection, &["Nasrin"], "row:1");
    a.household_key = Some("family".into());
    let mut b = keyed(CaseCategory::Protection, &["Omar"], "row:2");
    b.household_key = Some("family".into());
    let got = store.take_in(vec![a, b], "list", &system()).await.unwrap();
    assert!(got.iter().all(|r| r.case_id.is_none()));
    let actor = Actor::user(lead.id, "lead", None);
    assert!(
        store
            .triage_suggestions(got[1].id)
            .await
            .unwrap()
            .is_empty()
    );
    let case = store
        .triage_inquiries(
            &[got[0].id],
            &Triage::NewCases {
                team: Some(general.id),
                owner: None,
            },
            &actor,
        )
        .await
        .unwrap()[0];
    let suggested = store.triage_suggestions(got[1].id).await.unwrap();
    assert_eq!(
        suggested.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![case],
        "the household's open case is suggested"
    );
    store
        .triage_inquiries(&[got[1].id], &Triage::Attach { case }, &actor)
        .await
        .unwrap();
    let c = store.get_case(case, &actor).await.unwrap().unwrap();
    assert_eq!(c.inquiries.len(), 2);
    assert_eq!(c.people.len(), 2, "the inquiry's people join the case");
    assert!(
        c.history
            .iter()
            .any(|e| e.action == "case.inquiry_attached")
    );
    // A closed case takes no more inquiries.
    store
        .change_case_status(
            case,
            CaseStatus::Closed,
            Some("family reached safety"),
            Some(CaseOutcome::Evacuated),
            &actor,
        )
        .await
        .unwrap();
    let late = store
        .record_inquiry(inquiry(CaseCategory::Protection, &["Parisa"]), &system())
        .await
        .unwrap();
    let closed = store
        .triage_inquiries(&[late.id], &Triage::Attach { case }, &actor)
        .await;
    assert!(
        matches!(closed, Err(StoreError::Rule(Refusal::CaseClosed { case: c })) if c == case.0),
        "{closed:?}"
    );
    assert!(
        store
            .triage_suggestions(got[1].id)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn open_cases_always_have_an_owner(store: &dyn Store) {
    let (protection, _, lead, officer) = leaderless(store).await;
    let r = store
        .record_inquiry(inquiry(CaseCategory::Protection, &["Tamim"]), &system())
        .await
        .unwrap();
    let actor = Actor::user(lead.id, "lead", None);
    // A case with nobody to own it is never created.
    let ownerless = store
        .triage_inquiries(
            &[r.id],
            &Triage::NewCases {
                team: Some(protection.id),
                owner: None,
            },
            &actor,
        )
        .await;
    assert!(
        matches!(
            &ownerless,
            Err(StoreError::Rule(Refusal::TeamWithoutLead { .. }))
        ),
        "{ownerless:?}"
    );
    assert_eq!(store.totals().await.unwrap().cases, 0);
    let case = store
        .triage_inquiries(
            &[r.id],
            &Triage::NewCases {
                team: Some(protection.id),
                owner: Some(officer.id),
            },
            &actor,
        )
        .await
        .unwrap()[0];
    // Nor is an open case handed to someone who cannot work it.
    store
        .set_user_active(lead.id, false, &system())
        .await
        .unwrap();
    let to_inactive = store
        .assign_case(case, lead.id, None, Some("back to the lead"), &actor)
        .await;
    assert!(
        matches!(
            &to_inactive,
            Err(StoreError::Rule(Refusal::UserInactive { .. }))
        ),
        "{to_inactive:?}"
    );
    let s = store.get_case(case, &actor).await.unwrap().unwrap().summary;
    assert_eq!((s.owner_id, s.team_id), (officer.id, protection.id));
}

pub async fn closing_needs_an_outcome(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let r = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Shabnam"]), &system())
        .await
        .unwrap();
    let id = r.case_id.unwrap();
    let actor = Actor::user(lead.id, "lead", None);
    let refused = store
        .change_case_status(id, CaseStatus::Closed, Some("done"), None, &actor)
        .await;
    assert!(
        matches!(
            refused,
            Err(StoreError::Transition(
                corridor_domain::TransitionError::OutcomeRequired { .. }
            ))
        ),
        "{refused:?}"
    );
    let case = store.get_case(id, &actor).await.unwrap().unwrap();
    assert_eq!(case.summary.status, CaseStatus::New);
    assert_eq!(case.closure, None);
    store
        .change_case_status(
            id,
            CaseStatus::Closed,
            Some("visa collected in Islamabad"),
            Some(CaseOutcome::VisaIssued),
            &actor,
        )
        .await
        .unwrap();
    let case = store.get_case(id, &actor).await.unwrap().unwrap();
    let closure = case.closure.expect("a closed case keeps its outcome");
    assert_eq!(closure.outcome, CaseOutcome::VisaIssued);
    assert_eq!(closure.reason, "visa collected in Islamabad");
    assert!(
        case.history
            .iter()
            .any(|e| e.action == "case.status_changed" && e.detail.contains("visa_issued"))
    );
    store
        .change_case_status(
            id,
            CaseStatus::Reopened,
            Some("the family wrote again"),
            None,
            &actor,
        )
        .await
        .unwrap();
    let case = store.get_case(id, &actor).await.unwrap().unwrap();
    assert_eq!(case.closure, None, "a reopened case has no outcome yet");
}

pub async fn priority_override_keeps_the_assessment(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let r = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Zahir"]), &system())
        .await
        .unwrap();
    let id = r.case_id.unwrap();
    let actor = Actor::user(lead.id, "lead", None);
    let assessed = store
        .get_case(id, &actor)
        .await
        .unwrap()
        .unwrap()
        .summary
        .priority;
    assert_ne!(assessed, Priority::Critical);
    let no_reason = store
        .override_priority(id, Priority::Critical, "  ", &actor)
        .await;
    assert!(
        matches!(
            no_reason,
            Err(StoreError::Rule(Refusal::PriorityWithoutReason))
        ),
        "{no_reason:?}"
    );
    let s = store
        .override_priority(id, Priority::Critical, "threatened at a checkpoint", &actor)
        .await
        .unwrap();
    assert_eq!(s.priority, Priority::Critical);
    // Overriding twice keeps what the records said, not the first override.
    store
        .override_priority(id, Priority::High, "threat receded", &actor)
        .await
        .unwrap();
    let case = store.get_case(id, &actor).await.unwrap().unwrap();
    let o = case.priority_override.expect("the override is shown");
    assert_eq!((o.priority, o.assessed), (Priority::High, assessed));
    assert_eq!(o.reason, "threat receded");
    assert_eq!(o.by_name, "lead");
    assert_eq!(case.summary.priority, Priority::High);
    let high = store
        .list_cases(
            &CaseFilter {
                priority: Some(Priority::High),
                ..Default::default()
            },
            PageRequest::first(10),
        )
        .await
        .unwrap();
    assert_eq!(
        high.total, 1,
        "lists sort and filter by the priority in force"
    );
    assert!(
        case.history
            .iter()
            .any(|e| e.action == "case.priority_overridden"
                && !e.detail.contains("checkpoint")
                && e.actor_id == Some(lead.id))
    );
}

pub async fn deactivated_owners_cases_need_an_owner(store: &dyn Store) {
    let (intake, lead, medical, medic) = staffed(store).await;
    let recorded = store
        .record_inquiries(
            vec![
                inquiry(CaseCategory::Medical, &["Arash"]),
                inquiry(CaseCategory::Medical, &["Benafsha"]),
                inquiry(CaseCategory::Visa, &["Dawood"]),
            ],
            &system(),
        )
        .await
        .unwrap();
    let actor = Actor::user(lead.id, "lead", None);
    store
        .change_case_status(
            recorded[1].case_id.unwrap(),
            CaseStatus::Closed,
            Some("treated locally"),
            Some(CaseOutcome::ResolvedLocally),
            &actor,
        )
        .await
        .unwrap();
    let needs_owner = CaseFilter {
        needs_owner: true,
        ..Default::default()
    };
    let list =
        |f: CaseFilter| async move { store.list_cases(&f, PageRequest::first(10)).await.unwrap() };
    assert_eq!(list(needs_owner.clone()).await.total, 0);
    let medic = store
        .set_user_active(medic.id, false, &actor)
        .await
        .unwrap();
    assert!(!medic.active);
    let page = list(needs_owner.clone()).await;
    assert_eq!(page.total, 1, "only the open case of the inactive owner");
    assert_eq!(page.items[0].id, recorded[0].case_id.unwrap());
    assert!(!page.items[0].owner_active);
    // The medical team lost its lead: new medical inquiries wait for triage.
    let teams = store.list_teams().await.unwrap();
    let med = teams.iter().find(|t| t.id == medical.id).unwrap();
    assert_eq!(med.lead_id, None);
    let events = store
        .audit_events(Some(("user", medic.id.0)), 5)
        .await
        .unwrap();
    assert_eq!(events[0].action, "user.deactivated");
    // Handing the case out takes it off the list, and the new owner's team comes with it.
    let s = store
        .assign_case(
            recorded[0].case_id.unwrap(),
            lead.id,
            None,
            Some("medic left the mission"),
            &actor,
        )
        .await
        .unwrap();
    assert_eq!((s.owner_id, s.team_id), (lead.id, intake.id));
    assert_eq!(list(needs_owner).await.total, 0);
    let back = store.set_user_active(medic.id, true, &actor).await.unwrap();
    assert!(back.active);
}
