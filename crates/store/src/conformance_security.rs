//! Conformance checks of the security storage: second factors, lockout, sessions ended on
//! role and password changes, scoped and revocable tokens, data scope, audit search.

use chrono::{Duration, Utc};
use corridor_domain::{CaseCategory, PersonId, Role, UserId};

use crate::conformance::{inquiry, staffed, system, user};
use crate::{
    Actor, AuditAction, AuditFilter, CaseFilter, CaseScope, DataScope, InquiryFilter, NewApiToken,
    NewAuditEvent, NewSession, PageRequest, ScopedObject, Store, StoreError, TokenScope, TotpState,
};

async fn session(store: &dyn Store, hash: &str, user: UserId, idle: Duration) {
    store
        .create_session(NewSession {
            token_hash: hash.into(),
            user_id: user,
            csrf_token: "csrf".into(),
            expires_at: Utc::now() + Duration::hours(12),
            idle_timeout: idle,
        })
        .await
        .unwrap();
}

pub async fn security_totp_steps_are_single_use(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    assert_eq!(store.totp(lead.id).await.unwrap(), None);
    let state = TotpState {
        secret: "JBSWY3DPEHPK3PXP".into(),
        confirmed: false,
    };
    store
        .set_totp(lead.id, Some(state.clone()), &system())
        .await
        .unwrap();
    assert_eq!(store.totp(lead.id).await.unwrap(), Some(state));
    assert!(store.claim_totp_step(lead.id, 100).await.unwrap());
    assert!(
        !store.claim_totp_step(lead.id, 100).await.unwrap(),
        "replayed"
    );
    assert!(
        !store.claim_totp_step(lead.id, 99).await.unwrap(),
        "older step"
    );
    assert!(store.claim_totp_step(lead.id, 101).await.unwrap());
    session(store, "s1", lead.id, Duration::hours(1)).await;
    store.set_totp(lead.id, None, &system()).await.unwrap();
    assert_eq!(store.totp(lead.id).await.unwrap(), None);
    assert!(
        store.session("s1", Utc::now()).await.unwrap().is_none(),
        "resetting the factor ends sessions"
    );
    let missing = store.set_totp(UserId(9999), None, &system()).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
}

pub async fn security_lockout_holds_and_clears(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let now = Utc::now();
    let actor = Actor::user(lead.id, "lead", Some("192.0.2.7".into()));
    for _ in 0..4 {
        let locked = store
            .record_sign_in_failure(lead.id, now, 5, Duration::minutes(15), &actor)
            .await
            .unwrap();
        assert_eq!(locked, None);
    }
    assert_eq!(
        store.sign_in_locked_until(lead.id, now).await.unwrap(),
        None
    );
    let locked = store
        .record_sign_in_failure(lead.id, now, 5, Duration::minutes(15), &actor)
        .await
        .unwrap()
        .expect("fifth failure locks");
    assert!(locked > now + Duration::minutes(14));
    assert_eq!(
        store.sign_in_locked_until(lead.id, now).await.unwrap(),
        Some(locked)
    );
    assert_eq!(
        store
            .sign_in_locked_until(lead.id, now + Duration::minutes(16))
            .await
            .unwrap(),
        None,
        "the lock ends by itself"
    );
    let events = store
        .search_audit(
            &AuditFilter {
                action: Some("user.locked_out".into()),
                ..Default::default()
            },
            10,
        )
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].ip.as_deref(), Some("192.0.2.7"));
    store.clear_sign_in_failures(lead.id).await.unwrap();
    assert_eq!(
        store.sign_in_locked_until(lead.id, now).await.unwrap(),
        None
    );
}

pub async fn security_role_and_password_changes_end_sessions(store: &dyn Store) {
    let (_, lead, _, medic) = staffed(store).await;
    session(store, "r1", medic.id, Duration::hours(1)).await;
    session(store, "r2", medic.id, Duration::hours(1)).await;
    session(store, "keep", lead.id, Duration::hours(1)).await;
    let changed = store
        .set_user_role(medic.id, Role::Auditor, &system())
        .await
        .unwrap();
    assert_eq!(changed.role, Role::Auditor);
    assert_eq!(
        store.get_user(medic.id).await.unwrap().unwrap().role,
        Role::Auditor
    );
    assert!(store.session("r1", Utc::now()).await.unwrap().is_none());
    assert!(store.session("r2", Utc::now()).await.unwrap().is_none());
    assert!(store.session("keep", Utc::now()).await.unwrap().is_some());
    store
        .record_sign_in_failure(lead.id, Utc::now(), 1, Duration::minutes(5), &system())
        .await
        .unwrap();
    store
        .set_password_hash(lead.id, "$argon2id$new".into(), &system())
        .await
        .unwrap();
    assert!(store.session("keep", Utc::now()).await.unwrap().is_none());
    assert_eq!(
        store
            .sign_in_locked_until(lead.id, Utc::now())
            .await
            .unwrap(),
        None,
        "a new password clears the lock"
    );
    let (_, hash) = store.user_credentials("lead").await.unwrap().unwrap();
    assert_eq!(hash, "$argon2id$new");
    session(store, "e1", lead.id, Duration::hours(1)).await;
    assert_eq!(store.end_user_sessions(lead.id).await.unwrap(), 1);
    let actions: Vec<String> = store
        .audit_events(Some(("user", medic.id.0)), 10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.contains(&"user.role_changed".to_string()),
        "{actions:?}"
    );
}

pub async fn security_tokens_scoped_and_revocable(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let now = Utc::now();
    let id = store
        .create_api_token(
            NewApiToken {
                user_id: lead.id,
                name: "form".into(),
                token_hash: "intake-only".into(),
                expires_at: Some(now + Duration::days(30)),
                scopes: vec![TokenScope::Intake],
            },
            &system(),
        )
        .await
        .unwrap();
    let info = store.api_token("intake-only", now).await.unwrap().unwrap();
    assert_eq!(info.scopes, vec![TokenScope::Intake]);
    let listed = store.list_api_tokens(Some(lead.id)).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, id);
    assert_eq!(listed[0].scopes, vec![TokenScope::Intake]);
    assert!(listed[0].revoked_at.is_none());
    assert_eq!(store.list_api_tokens(None).await.unwrap().len(), 1);
    store.revoke_api_token(id, &system()).await.unwrap();
    store.revoke_api_token(id, &system()).await.unwrap();
    assert!(store.api_token("intake-only", now).await.unwrap().is_none());
    assert!(
        store.list_api_tokens(None).await.unwrap()[0]
            .revoked_at
            .is_some()
    );
    let missing = store.revoke_api_token(9999, &system()).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
}

pub async fn security_object_scope_and_list_scope(store: &dyn Store) {
    let (general, lead, medical, medic) = staffed(store).await;
    let other = user(store, "other", Role::CaseOfficer, Some(general.id)).await;
    let med = store
        .record_inquiry(inquiry(CaseCategory::Medical, &["Amina"]), &system())
        .await
        .unwrap();
    let gen_ = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Bashir"]), &system())
        .await
        .unwrap();
    let med_case = med.case_id.unwrap();
    let gen_case = gen_.case_id.unwrap();
    let medic_scope = DataScope::of(Role::CaseOfficer, medic.id, Some(medical.id));
    let other_scope = DataScope::of(Role::CaseOfficer, other.id, Some(general.id));
    let case_scope = store
        .object_scope(ScopedObject::Case(med_case))
        .await
        .unwrap()
        .unwrap();
    assert!(medic_scope.allows(&case_scope));
    assert!(!other_scope.allows(&case_scope));
    assert!(DataScope::of(Role::Lead, lead.id, None).allows(&case_scope));
    assert!(!DataScope::of(Role::IntakeClerk, other.id, None).allows(&case_scope));
    assert!(!DataScope::of(Role::Partner, other.id, None).allows(&case_scope));
    let inq = store
        .object_scope(ScopedObject::Inquiry(gen_.id))
        .await
        .unwrap()
        .unwrap();
    assert!(other_scope.allows(&inq) && !medic_scope.allows(&inq));
    let case = store.get_case(med_case, &system()).await.unwrap().unwrap();
    let person: PersonId = case.people[0].id;
    let p = store
        .object_scope(ScopedObject::Person(person))
        .await
        .unwrap()
        .unwrap();
    assert!(medic_scope.allows(&p) && !other_scope.allows(&p));
    assert!(
        store
            .object_scope(ScopedObject::Case(corridor_domain::CaseId(9999)))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .object_scope(ScopedObject::Person(PersonId(9999)))
            .await
            .unwrap()
            .is_none()
    );
    // Lists apply the same scope in the query.
    let visible = |s: &DataScope| CaseFilter {
        visible_to: s.case_list(),
        ..Default::default()
    };
    let medic_cases = store
        .list_cases(&visible(&medic_scope), PageRequest::first(50))
        .await
        .unwrap();
    assert_eq!(
        medic_cases.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![med_case]
    );
    assert_eq!(medic_cases.total, 1);
    let all = store
        .list_cases(&visible(&DataScope::Organization), PageRequest::first(50))
        .await
        .unwrap();
    assert_eq!(all.total, 2);
    let none = store
        .list_cases(&visible(&DataScope::Nothing), PageRequest::first(50))
        .await
        .unwrap();
    assert_eq!(none.total, 0);
    let inquiries = store
        .list_inquiries(
            &InquiryFilter {
                visible_to: other_scope.case_list(),
                ..Default::default()
            },
            PageRequest::first(50),
        )
        .await
        .unwrap();
    assert_eq!(
        inquiries.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![gen_.id]
    );
    let _ = gen_case;
    let _: Option<CaseScope> = None;
}

pub async fn security_audit_search_and_ip(store: &dyn Store) {
    let (_, lead, _, medic) = staffed(store).await;
    let from_lead = Actor::user(lead.id, "lead", Some("198.51.100.4".into()));
    let from_medic = Actor::user(medic.id, "medic", None);
    for i in 0..3 {
        store
            .audit(
                NewAuditEvent::new(AuditAction::CaseExported, "case", i, ""),
                &from_lead,
            )
            .await
            .unwrap();
    }
    store
        .audit(
            NewAuditEvent::new(AuditAction::CaseViewed, "case", 7, ""),
            &from_medic,
        )
        .await
        .unwrap();
    let by_lead = store
        .search_audit(
            &AuditFilter {
                actor: Some("lead".into()),
                ..Default::default()
            },
            2,
        )
        .await
        .unwrap();
    assert_eq!(by_lead.len(), 2);
    assert!(by_lead[0].id > by_lead[1].id, "newest first");
    assert_eq!(by_lead[0].ip.as_deref(), Some("198.51.100.4"));
    let next = store
        .search_audit(
            &AuditFilter {
                actor: Some("lead".into()),
                before: Some(by_lead[1].id),
                ..Default::default()
            },
            10,
        )
        .await
        .unwrap();
    assert_eq!(next.len(), 1, "the third event is on the next page");
    let object = store
        .search_audit(
            &AuditFilter {
                entity: Some("case".into()),
                entity_id: Some(7),
                ..Default::default()
            },
            10,
        )
        .await
        .unwrap();
    assert_eq!(object.len(), 1);
    assert_eq!(object[0].actor_name, "medic");
    let future = store
        .search_audit(
            &AuditFilter {
                from: Some(Utc::now() + Duration::hours(1)),
                ..Default::default()
            },
            10,
        )
        .await
        .unwrap();
    assert!(future.is_empty());
    assert!(store.verify_audit_chain().await.unwrap().is_ok());
}

pub async fn security_sessions_idle_and_factor(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    let now = Utc::now();
    session(store, "idle", lead.id, Duration::minutes(30)).await;
    let s = store.session("idle", now).await.unwrap().unwrap();
    assert_eq!(s.factor_at, None);
    store.session_factor_verified("idle", now).await.unwrap();
    let s = store.session("idle", now).await.unwrap().unwrap();
    assert!(s.factor_at.is_some());
    assert!(
        store
            .session("idle", now + Duration::minutes(31))
            .await
            .unwrap()
            .is_none(),
        "idle past the time-out"
    );
}

pub async fn security_user_language_is_kept_and_audited(store: &dyn Store) {
    let (_, lead, _, officer) = staffed(store).await;
    assert_eq!(store.user_language(lead.id).await.unwrap(), None);
    store
        .set_user_language(lead.id, Some("prs"), &system())
        .await
        .unwrap();
    assert_eq!(
        store.user_language(lead.id).await.unwrap().as_deref(),
        Some("prs")
    );
    // Someone else's setting is their own.
    assert_eq!(store.user_language(officer.id).await.unwrap(), None);
    // Only a code: a value that could break a cookie or a page's `lang` is refused.
    for bad in ["fa; Path=/", "ENGLISH", "abcdefghij"] {
        assert!(
            matches!(
                store.set_user_language(lead.id, Some(bad), &system()).await,
                Err(StoreError::Rule(crate::Refusal::Language(_)))
            ),
            "{bad}"
        );
    }
    assert_eq!(
        store.user_language(lead.id).await.unwrap().as_deref(),
        Some("prs")
    );
    store
        .set_user_language(lead.id, None, &system())
        .await
        .unwrap();
    assert_eq!(store.user_language(lead.id).await.unwrap(), None);
    assert!(matches!(
        store.user_language(UserId(999_999)).await,
        Err(StoreError::NotFound { .. })
    ));
    let events = store
        .search_audit(
            &AuditFilter {
                action: Some(AuditAction::UserLanguageSet.as_str().into()),
                ..Default::default()
            },
            10,
        )
        .await
        .unwrap();
    assert_eq!(events.len(), 2, "set and cleared, each audited");
}
