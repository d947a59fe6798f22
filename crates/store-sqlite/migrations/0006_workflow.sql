-- Deadlines, escalation, notifications, pathways, notes and tasks (issue 5).
--

-- Where escalations about a user's team are emailed. Optional: without one, only the in-app
-- notification is made.
ALTER TABLE users ADD COLUMN email TEXT;

-- A case's clocks (see the domain's `deadline` policy). `last_action_at` is when the
-- next-action clock last restarted. The dues are filled in by the store after every write
-- that makes cases (a partial index keeps finding the unfilled ones cheap).
ALTER TABLE cases ADD COLUMN first_response_due_at INTEGER;
ALTER TABLE cases ADD COLUMN first_responded_at INTEGER;
ALTER TABLE cases ADD COLUMN next_action_due_at INTEGER;
ALTER TABLE cases ADD COLUMN last_action_at INTEGER;
-- Cases already worked on before deadlines existed have had their first response.
UPDATE cases SET first_responded_at = updated_at WHERE status NOT IN ('new', 'triaged');
CREATE INDEX cases_deadlines_unset ON cases(id) WHERE is_open = 1 AND next_action_due_at IS NULL;
CREATE INDEX cases_next_action_due ON cases(next_action_due_at) WHERE is_open = 1;
CREATE INDEX cases_first_response_due ON cases(first_response_due_at)
    WHERE is_open = 1 AND first_responded_at IS NULL;

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    kind        TEXT NOT NULL,
    case_id     INTEGER REFERENCES cases(id),
    -- Never personal data: ids, references and what happened.
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    read_at     INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_case ON notifications(case_id);

-- One row per (case, clock, due time) ever escalated: the unique key is what makes several
-- servers escalate each deadline exactly once.
CREATE TABLE escalations (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases(id),
    kind             TEXT NOT NULL,
    due_at           INTEGER NOT NULL,
    notified_user_id INTEGER NOT NULL REFERENCES users(id),
    notification_id  INTEGER REFERENCES notifications(id),
    emailed          INTEGER NOT NULL,
    escalated_at     INTEGER NOT NULL,
    UNIQUE (case_id, kind, due_at)
);
CREATE INDEX escalations_user ON escalations(notified_user_id);
CREATE INDEX escalations_notification ON escalations(notification_id);

-- An escalation email waits in the same outbox as acknowledgements. The row keeps pointing at
-- an inquiry (the case's first) so the outbox's shape stays as it was; the message itself is
-- composed from the escalation, and carries no personal data.
ALTER TABLE outbox ADD COLUMN escalation_id INTEGER REFERENCES escalations(id);
CREATE INDEX outbox_escalation ON outbox(escalation_id);

CREATE TABLE person_pathways (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    pathway     TEXT NOT NULL,
    step        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (person_id, pathway)
);
CREATE INDEX person_pathways_step ON person_pathways(pathway, step);

CREATE TABLE pathway_changes (
    id          INTEGER PRIMARY KEY,
    pathway_id  INTEGER NOT NULL REFERENCES person_pathways(id),
    from_step   TEXT,
    to_step     TEXT NOT NULL,
    note        TEXT,
    actor       TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX pathway_changes_pathway ON pathway_changes(pathway_id, id);

CREATE TABLE pathway_evidence (
    id          INTEGER PRIMARY KEY,
    pathway_id  INTEGER NOT NULL REFERENCES person_pathways(id),
    kind        TEXT NOT NULL,
    reference   TEXT,
    note        TEXT,
    added_by    TEXT NOT NULL,
    added_at    INTEGER NOT NULL
);
CREATE INDEX pathway_evidence_pathway ON pathway_evidence(pathway_id, id);

CREATE TABLE case_notes (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    author_id   INTEGER REFERENCES users(id),
    author_name TEXT NOT NULL,
    body        TEXT NOT NULL,
    contact     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX case_notes_case ON case_notes(case_id, id);
CREATE INDEX case_notes_author ON case_notes(author_id);

CREATE TABLE case_tasks (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    body         TEXT NOT NULL,
    assignee_id  INTEGER REFERENCES users(id),
    due_at       INTEGER,
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    done_at      INTEGER,
    done_by      TEXT
);
CREATE INDEX case_tasks_case ON case_tasks(case_id, id);
CREATE INDEX case_tasks_assignee ON case_tasks(assignee_id, done_at);
