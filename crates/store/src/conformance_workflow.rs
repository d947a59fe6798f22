//! Conformance checks of the workflow slice: deadlines and escalation, notifications, notes,
//! tasks and mentions, pathways, bulk actions, and the copy of their tables.

use chrono::{Duration, Utc};
use corridor_domain::{
    CaseCategory, CaseId, CaseOutcome, CaseStatus, Channel, DeadlineKind, DisplayName,
    EvidenceKind, NewInquiry, NewRequester, Pathway, PersonDetails, PersonId, Priority,
    RequesterKind, Role, Team, TeamId, User, Username, deadline_allowed,
};

use crate::Refusal;
use crate::prelude::*;
use crate::{
    Actor, CaseFilter, NewEvidence, NewTask, NewTeam, NewUser, PageRequest, StoreError, Submission,
};

fn system() -> Actor {
    Actor::system("conformance")
}

fn as_user(u: &User) -> Actor {
    Actor::user(u.id, &u.username, None)
}

async fn user(store: &dyn Store, name: &str, role: Role, team: Option<TeamId>) -> User {
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

/// A catch-all team led by `lead` (with an email address), and an officer on it.
async fn team(store: &dyn Store) -> (Team, User, User) {
    let t = store
        .create_team(
            NewTeam {
                name: "Visas".into(),
                categories: vec![],
                lead_id: None,
            },
            &system(),
        )
        .await
        .unwrap();
    let lead = user(store, "lead", Role::Lead, Some(t.id)).await;
    let officer = user(store, "officer", Role::CaseOfficer, Some(t.id)).await;
    let t = store.set_team_lead(t.id, lead.id, &system()).await.unwrap();
    store
        .set_user_email(lead.id, Some("lead@example.org"), &system())
        .await
        .unwrap();
    (t, lead, officer)
}

fn inquiry(category: CaseCategory, people: &[&str]) -> NewInquiry {
    NewInquiry {
        channel: Channel::Email,
        requester: NewRequester {
            kind: RequesterKind::Sponsor,
            name: "Synthetic Sponsor".into(),
            organization: None,
            email: None,
            phone: None,
        },
        received_at: Utc::now(),
        subject: "Please help".into(),
        category,
        raw_payload: "raw".into(),
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

async fn new_case(store: &dyn Store, category: CaseCategory, who: &str) -> CaseId {
    store
        .record_inquiry(inquiry(category, &[who]), &system())
        .await
        .unwrap()
        .case_id
        .unwrap()
}

/// `n` cases, one per inquiry, in one intake batch.
async fn many_cases(store: &dyn Store, n: usize) -> Vec<CaseId> {
    let subs = (0..n)
        .map(|i| {
            let mut q = inquiry(CaseCategory::Visa, &["Bulk"]);
            q.idempotency_key = Some(format!("bulk-{i}"));
            Submission::new(q)
        })
        .collect();
    store
        .take_in(subs, "conformance", &system())
        .await
        .unwrap()
        .iter()
        .map(|r| r.case_id.unwrap())
        .collect()
}

pub async fn deadlines_follow_priority_and_first_response(store: &dyn Store) {
    let (_, lead, _) = team(store).await;
    let actor = as_user(&lead);
    let case = new_case(store, CaseCategory::Visa, "Nadia").await;
    let s = store.get_case(case, &actor).await.unwrap().unwrap().summary;
    assert_eq!(s.priority, Priority::Normal);
    let d = s.deadlines;
    let fr = d
        .first_response_due_at
        .expect("a new case has a first-response deadline");
    assert_eq!(
        fr - s.created_at,
        deadline_allowed(
            DeadlineKind::FirstResponse,
            CaseCategory::Visa,
            Priority::Normal
        )
    );
    assert!(d.next_action_due_at.is_some() && d.first_responded_at.is_none());
    // A higher priority shortens the clocks at once.
    let s = store
        .override_priority(case, Priority::Critical, "family threatened", &actor)
        .await
        .unwrap();
    assert_eq!(
        s.deadlines.first_response_due_at.unwrap() - s.created_at,
        deadline_allowed(
            DeadlineKind::FirstResponse,
            CaseCategory::Visa,
            Priority::Critical
        )
    );
    // Not overdue now; overdue in a week.
    let overdue = CaseFilter {
        overdue: true,
        ..Default::default()
    };
    assert_eq!(
        store
            .list_cases(&overdue, PageRequest::first(10))
            .await
            .unwrap()
            .total,
        0
    );
    assert!(s.deadlines.is_overdue(Utc::now() + Duration::days(7)));
    // Leaving new/triaged is the first response; closing stops the next-action clock.
    let s = store
        .change_case_status(case, CaseStatus::InProgress, None, None, &actor)
        .await
        .unwrap();
    assert!(s.deadlines.first_responded_at.is_some());
    let s = store
        .change_case_status(
            case,
            CaseStatus::Closed,
            Some("done"),
            Some(CaseOutcome::ResolvedLocally),
            &actor,
        )
        .await
        .unwrap();
    assert_eq!(s.deadlines.next_action_due_at, None);
    assert!(!s.deadlines.is_overdue(Utc::now() + Duration::days(365)));
    // A note marked as contact is a first response too.
    let other = new_case(store, CaseCategory::Visa, "Omid").await;
    store
        .add_case_note(other, "Spoke to the sponsor by phone.", true, &actor)
        .await
        .unwrap();
    let s = store
        .get_case(other, &actor)
        .await
        .unwrap()
        .unwrap()
        .summary;
    assert!(s.deadlines.first_responded_at.is_some());
}

pub async fn overdue_cases_escalate_exactly_once(store: &dyn Store) {
    let (t, lead, officer) = team(store).await;
    let case = new_case(store, CaseCategory::Visa, "Farid").await;
    store
        .assign_case(case, officer.id, None, None, &system())
        .await
        .unwrap();
    let before = store.outbox_counts().await.unwrap();
    assert!(store.escalate_overdue(Utc::now()).await.unwrap().is_empty());
    let later = Utc::now() + Duration::days(30);
    // Two servers at the same moment: each deadline is escalated by one of them only.
    let (a, b) = tokio::join!(store.escalate_overdue(later), store.escalate_overdue(later));
    let mut done = a.unwrap();
    done.extend(b.unwrap());
    done.sort_by_key(|e| e.kind);
    assert_eq!(done.len(), 2, "{done:?}");
    assert_eq!(
        done.iter().map(|e| e.kind).collect::<Vec<_>>(),
        vec![DeadlineKind::FirstResponse, DeadlineKind::NextAction]
    );
    assert!(
        done.iter()
            .all(|e| e.case_id == case && e.notified_user == lead.id && e.emailed)
    );
    assert!(store.escalate_overdue(later).await.unwrap().is_empty());
    let after = store.outbox_counts().await.unwrap();
    assert_eq!(after.pending, before.pending + 2);
    let notes = store.notifications(lead.id, true, 10).await.unwrap();
    assert_eq!(notes.len(), 2);
    assert!(
        notes
            .iter()
            .all(|n| n.kind == "escalation" && n.case_id == Some(case))
    );
    assert!(notes[0].text.contains(&format!("C-{case}")) && !notes[0].text.contains("Farid"));
    assert!(
        store
            .notifications(officer.id, false, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let mails = store
        .claim_outbox(Utc::now(), Duration::minutes(5), 10)
        .await
        .unwrap();
    let escalations: Vec<_> = mails.iter().filter(|m| m.escalation.is_some()).collect();
    assert_eq!(escalations.len(), 2);
    assert!(
        escalations
            .iter()
            .all(|m| m.to == "lead@example.org" && m.escalation.as_ref().unwrap().case_id == case)
    );
    let counts = store.overdue_counts(later).await.unwrap();
    assert_eq!(counts.len(), 1);
    assert_eq!((counts[0].team_id, counts[0].cases), (t.id, 1));
    // Acting on the case restarts the next-action clock: a new due time can escalate again.
    store
        .change_case_status(case, CaseStatus::InProgress, None, None, &as_user(&officer))
        .await
        .unwrap();
    let again = store
        .escalate_overdue(Utc::now() + Duration::days(60))
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].kind, DeadlineKind::NextAction);
}

pub async fn notifications_belong_to_their_user(store: &dyn Store) {
    let (_, lead, officer) = team(store).await;
    let case = new_case(store, CaseCategory::Visa, "Laila").await;
    let a = store
        .notify(lead.id, "referral", Some(case), "Case C-1 was declined.")
        .await
        .unwrap();
    store
        .notify(lead.id, "referral", None, "Second.")
        .await
        .unwrap();
    store
        .notify(officer.id, "referral", None, "Officer's.")
        .await
        .unwrap();
    assert!(store.notify(lead.id, "x", None, "  ").await.is_err());
    assert!(matches!(
        store
            .notify(corridor_domain::UserId(999_999), "x", None, "t")
            .await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.unread_notifications(lead.id).await.unwrap(), 2);
    // Someone else's notification is not marked.
    assert_eq!(
        store
            .mark_notifications_read(officer.id, Some(&[a]))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .mark_notifications_read(lead.id, Some(&[a]))
            .await
            .unwrap(),
        1
    );
    assert_eq!(store.unread_notifications(lead.id).await.unwrap(), 1);
    assert_eq!(
        store.mark_notifications_read(lead.id, None).await.unwrap(),
        1
    );
    assert_eq!(store.unread_notifications(lead.id).await.unwrap(), 0);
    assert_eq!(
        store.notifications(lead.id, false, 10).await.unwrap().len(),
        2
    );
    assert_eq!(store.unread_notifications(officer.id).await.unwrap(), 1);
    assert!(
        store
            .set_user_email(officer.id, Some("not mail"), &system())
            .await
            .is_err()
    );
    assert_eq!(store.user_email(officer.id).await.unwrap(), None);
    assert_eq!(
        store.user_email(lead.id).await.unwrap().as_deref(),
        Some("lead@example.org")
    );
}

pub async fn notes_tasks_and_mentions(store: &dyn Store) {
    let (_, lead, officer) = team(store).await;
    let case = new_case(store, CaseCategory::Visa, "Zahra").await;
    let actor = as_user(&lead);
    let note = store
        .add_case_note(
            case,
            "Asked @officer to call back; @nobody is unknown.",
            false,
            &actor,
        )
        .await
        .unwrap();
    assert!(!note.contact && note.author_id == Some(lead.id));
    let mentioned = store.notifications(officer.id, true, 10).await.unwrap();
    assert_eq!(mentioned.len(), 1);
    assert_eq!(mentioned[0].kind, "mention");
    assert!(!mentioned[0].text.contains("call back"));
    assert!(
        store
            .add_case_note(case, "   ", false, &actor)
            .await
            .is_err()
    );
    assert!(matches!(
        store
            .add_case_note(CaseId(999_999), "x", false, &actor)
            .await,
        Err(StoreError::NotFound { .. })
    ));
    let due = Utc::now() - Duration::hours(1);
    let task = store
        .add_case_task(
            case,
            NewTask {
                body: "Collect the COM letter".into(),
                assignee: Some(officer.id),
                due_at: Some(due),
            },
            &actor,
        )
        .await
        .unwrap();
    assert!(task.is_overdue(Utc::now()));
    assert_eq!(store.unread_notifications(officer.id).await.unwrap(), 2);
    let mine = store
        .tasks_for(officer.id, false, &as_user(&officer))
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    let done = store
        .set_task_done(task.id, true, &as_user(&officer))
        .await
        .unwrap();
    assert_eq!(done.done_by.as_deref(), Some("officer"));
    assert!(
        store
            .set_task_done(task.id, true, &as_user(&officer))
            .await
            .is_err()
    );
    assert!(
        store
            .tasks_for(officer.id, false, &actor)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .tasks_for(officer.id, true, &actor)
            .await
            .unwrap()
            .len(),
        1
    );
    // A task is never given to someone who cannot work it.
    store
        .set_user_active(officer.id, false, &system())
        .await
        .unwrap();
    let refused = store
        .add_case_task(
            case,
            NewTask {
                body: "x".into(),
                assignee: Some(officer.id),
                due_at: None,
            },
            &actor,
        )
        .await;
    assert!(refused.is_err());
    let c = store.get_case(case, &actor).await.unwrap().unwrap();
    assert_eq!(c.notes.len(), 1);
    assert_eq!(c.tasks.len(), 1);
    // Free text stays out of the audit trail.
    let events = store
        .audit_events(Some(("case", case.0)), 100)
        .await
        .unwrap();
    assert!(events.iter().any(|e| e.action == "case.note_added"));
    assert!(
        events
            .iter()
            .all(|e| !e.detail.contains("call back") && !e.detail.contains("COM letter"))
    );
}

pub async fn pathways_follow_their_steps_and_are_counted(store: &dyn Store) {
    let (_, lead, _) = team(store).await;
    let actor = as_user(&lead);
    let r = store
        .record_inquiry(inquiry(CaseCategory::Visa, &["Ahmad", "Maryam"]), &system())
        .await
        .unwrap();
    let case = r.case_id.unwrap();
    let c = store.get_case(case, &actor).await.unwrap().unwrap();
    let (a, b) = (c.people[0].id, c.people[1].id);
    let p = store
        .set_pathway_step(a, Pathway::Siv, "com_approved", None, None, &actor)
        .await
        .unwrap();
    assert_eq!(p.step, "com_approved");
    store
        .set_pathway_step(a, Pathway::Siv, "i360_filed", None, None, &actor)
        .await
        .unwrap();
    let back = store
        .set_pathway_step(a, Pathway::Siv, "com_approved", None, None, &actor)
        .await;
    assert!(
        matches!(
            &back,
            Err(StoreError::Rule(Refusal::Step(
                corridor_domain::StepError::NoteRequired { .. }
            )))
        ),
        "{back:?}"
    );
    assert!(
        store
            .set_pathway_step(a, Pathway::Siv, "travelled", None, None, &actor)
            .await
            .is_err()
    );
    store
        .set_pathway_step(
            a,
            Pathway::UnhcrRegistration,
            "registered",
            None,
            None,
            &actor,
        )
        .await
        .unwrap();
    let p = store
        .add_pathway_evidence(
            a,
            Pathway::UnhcrRegistration,
            NewEvidence {
                document: None,
                kind: EvidenceKind::UnhcrRegistration,
                reference: Some("UNHCR-000-SYN".into()),
                note: None,
            },
            &actor,
        )
        .await
        .unwrap();
    assert_eq!(p.evidence.len(), 1);
    assert!(
        store
            .add_pathway_evidence(
                b,
                Pathway::Siv,
                NewEvidence {
                    document: None,
                    kind: EvidenceKind::Other,
                    reference: Some("x".into()),
                    note: None
                },
                &actor
            )
            .await
            .is_err()
    );
    store
        .set_pathway_step(
            b,
            Pathway::Siv,
            "chief_of_mission_submitted",
            None,
            None,
            &actor,
        )
        .await
        .unwrap();
    // A claim without a record makes verification work on the case, for its owner.
    store
        .set_pathway_step(
            b,
            Pathway::ClaimedNoRecord,
            "claimed",
            None,
            Some(case),
            &actor,
        )
        .await
        .unwrap();
    let c = store.get_case(case, &actor).await.unwrap().unwrap();
    assert_eq!(c.tasks.len(), 3);
    assert!(
        c.tasks
            .iter()
            .all(|t| t.assignee_id == Some(lead.id) && t.due_at.is_some())
    );
    assert_eq!(c.pathways.len(), 4);
    let siv = store.person_pathways(a, &actor).await.unwrap();
    let siv = siv.iter().find(|p| p.pathway == Pathway::Siv).unwrap();
    assert_eq!(siv.history.len(), 2);
    assert_eq!(siv.history[0].to_step, "i360_filed");
    assert_eq!(siv.history[0].from_step.as_deref(), Some("com_approved"));
    let counts = store.pathway_counts().await.unwrap();
    let count = |p: Pathway, s: &str| {
        counts
            .iter()
            .find(|c| c.pathway == p && c.step == s)
            .map_or(0, |c| c.people)
    };
    assert_eq!(count(Pathway::Siv, "i360_filed"), 1);
    assert_eq!(count(Pathway::Siv, "chief_of_mission_submitted"), 1);
    assert_eq!(count(Pathway::UnhcrRegistration, "registered"), 1);
    assert_eq!(count(Pathway::Siv, "visa_issued"), 0);
    let other = new_case(store, CaseCategory::Visa, "Nobody").await;
    let on_siv = CaseFilter {
        pathway: Some(Pathway::Siv),
        ..Default::default()
    };
    let listed = store
        .list_cases(&on_siv, PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(
        listed.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![case]
    );
    let at_step = CaseFilter {
        pathway: Some(Pathway::Siv),
        pathway_step: Some("visa_issued".into()),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_cases(&at_step, PageRequest::first(10))
            .await
            .unwrap()
            .total,
        0
    );
    assert_ne!(other, case);
    assert!(matches!(
        store
            .set_pathway_step(PersonId(999_999), Pathway::Siv, "nvc", None, None, &actor)
            .await,
        Err(StoreError::NotFound { .. })
    ));
}

pub async fn bulk_actions_are_all_or_nothing(store: &dyn Store) {
    let (_, lead, officer) = team(store).await;
    let actor = as_user(&lead);
    let ids = many_cases(store, 2_500).await;
    assert_eq!(ids.len(), 2_500);
    let moved = store
        .bulk_change_status(&ids, CaseStatus::InProgress, None, None, &actor)
        .await
        .unwrap();
    assert_eq!(moved, 2_500);
    let in_progress = CaseFilter {
        status: Some(CaseStatus::InProgress),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_cases(&in_progress, PageRequest::first(1))
            .await
            .unwrap()
            .total,
        2_500
    );
    let n = store
        .bulk_assign(&ids, officer.id, None, Some("hand-over"), &actor)
        .await
        .unwrap();
    assert_eq!(n, 2_500);
    let officers = CaseFilter {
        owner: Some(officer.id),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_cases(&officers, PageRequest::first(1))
            .await
            .unwrap()
            .total,
        2_500
    );
    // One case that cannot move stops the batch, and the refusal names it.
    let stuck = ids[1_234];
    store
        .change_case_status(
            stuck,
            CaseStatus::Closed,
            Some("dup"),
            Some(CaseOutcome::Duplicate),
            &actor,
        )
        .await
        .unwrap();
    let refused = store
        .bulk_change_status(&ids, CaseStatus::WaitingPartner, None, None, &actor)
        .await;
    assert!(
        matches!(&refused, Err(StoreError::Rule(Refusal::InBulk { case, refused }))
            if *case == stuck && matches!(**refused, Refusal::Transition(_))),
        "{refused:?}"
    );
    let waiting = CaseFilter {
        status: Some(CaseStatus::WaitingPartner),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_cases(&waiting, PageRequest::first(1))
            .await
            .unwrap()
            .total,
        0
    );
    // Closing needs an outcome, in bulk as one by one.
    let open: Vec<CaseId> = ids.iter().copied().filter(|c| *c != stuck).collect();
    let no_outcome = store
        .bulk_change_status(&open, CaseStatus::Closed, Some("batch"), None, &actor)
        .await;
    assert!(no_outcome.is_err());
    // Open cases are never left without an owner who can work them.
    store
        .set_user_active(lead.id, false, &system())
        .await
        .unwrap();
    let to_inactive = store
        .bulk_assign(&open, lead.id, None, None, &as_user(&officer))
        .await;
    assert!(
        matches!(&to_inactive, Err(StoreError::Rule(Refusal::InBulk { case, refused }))
            if *case == open[0] && matches!(**refused, Refusal::UserInactive { .. })),
        "{to_inactive:?}"
    );
    assert_eq!(
        store
            .list_cases(&officers, PageRequest::first(1))
            .await
            .unwrap()
            .total,
        2_500
    );
    assert!(
        store
            .bulk_assign(&[open[0], open[0]], officer.id, None, None, &actor)
            .await
            .is_err()
    );
    assert!(
        store
            .bulk_assign(&[], officer.id, None, None, &actor)
            .await
            .is_err()
    );
    let audited = store
        .audit_events(Some(("case", open[7].0)), 50)
        .await
        .unwrap();
    assert!(audited.iter().any(|e| e.action == "case.assigned"));
    assert!(audited.iter().any(|e| e.action == "case.status_changed"));
}

/// The workflow's tables travel with `corridor copy`.
pub async fn copy_carries_the_workflow(from: &dyn Store, to: &dyn Store) {
    let (_, lead, officer) = team(from).await;
    let actor = as_user(&lead);
    let case = new_case(from, CaseCategory::Visa, "Copied").await;
    let person = from.get_case(case, &actor).await.unwrap().unwrap().people[0].id;
    from.add_case_note(case, "note for @officer", true, &actor)
        .await
        .unwrap();
    from.add_case_task(
        case,
        NewTask {
            body: "a task".into(),
            assignee: Some(officer.id),
            due_at: Some(Utc::now()),
        },
        &actor,
    )
    .await
    .unwrap();
    from.set_pathway_step(person, Pathway::RefugeeP2, "referred", None, None, &actor)
        .await
        .unwrap();
    from.add_pathway_evidence(
        person,
        Pathway::RefugeeP2,
        NewEvidence {
            document: None,
            kind: EvidenceKind::ReferralLetter,
            reference: Some("REF-1".into()),
            note: Some("copy".into()),
        },
        &actor,
    )
    .await
    .unwrap();
    from.escalate_overdue(Utc::now() + Duration::days(60))
        .await
        .unwrap();
    let copied = to.import_from(from).await.unwrap();
    for table in [
        "notifications",
        "escalations",
        "person_pathways",
        "pathway_changes",
        "pathway_evidence",
        "case_notes",
        "case_tasks",
    ] {
        let n = copied.iter().find(|(t, _)| *t == table).map(|(_, n)| *n);
        assert!(n.unwrap_or(0) > 0, "{table} was not copied: {copied:?}");
    }
    assert_eq!(to.table_counts().await.unwrap(), copied);
    let a = from.get_case(case, &actor).await.unwrap().unwrap();
    let b = to.get_case(case, &actor).await.unwrap().unwrap();
    assert_eq!(a.notes, b.notes);
    assert_eq!(a.tasks, b.tasks);
    assert_eq!(a.pathways, b.pathways);
    assert_eq!(a.summary.deadlines, b.summary.deadlines);
    assert_eq!(
        to.user_email(lead.id).await.unwrap().as_deref(),
        Some("lead@example.org")
    );
    assert_eq!(
        to.notifications(officer.id, false, 10).await.unwrap(),
        from.notifications(officer.id, false, 10).await.unwrap()
    );
    // Escalated deadlines stay escalated in the copy.
    assert!(
        to.escalate_overdue(Utc::now() + Duration::days(60))
            .await
            .unwrap()
            .is_empty()
    );
}
