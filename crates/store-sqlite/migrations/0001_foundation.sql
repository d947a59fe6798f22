-- Corridor's foundation schema for SQLite. Times are UTC microseconds since the epoch, so that
-- they sort and compare as integers. Codes (status, channel, ...) are the domain's snake_case
-- codes; priority is stored as its rank (0 = critical) so that sorting by it is an index scan.

CREATE TABLE teams (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    categories  TEXT NOT NULL DEFAULT '',   -- comma-separated category codes; empty = catch-all
    lead_id     INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    team_id       INTEGER REFERENCES teams(id),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    revoked_at  INTEGER
);

CREATE TABLE requesters (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    organization  TEXT,
    email         TEXT,
    phone         TEXT,
    -- kind, lower-cased name and email: the same requester writing again is recognised.
    dedupe_key    TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL
);

CREATE TABLE households (
    id          INTEGER PRIMARY KEY,
    label       TEXT,
    created_at  INTEGER NOT NULL
);

CREATE TABLE persons (
    id                 INTEGER PRIMARY KEY,
    household_id       INTEGER REFERENCES households(id),
    source_inquiry_id  INTEGER REFERENCES inquiries(id),
    details            TEXT NOT NULL,        -- JSON of the domain's PersonDetails
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX persons_household ON persons(household_id);

CREATE TABLE cases (
    id                   INTEGER PRIMARY KEY,
    category             TEXT NOT NULL,
    status               TEXT NOT NULL,
    is_open              INTEGER NOT NULL,
    priority             INTEGER NOT NULL,
    -- Every case has exactly one owner and one team, always.
    owner_id             INTEGER NOT NULL REFERENCES users(id),
    team_id              INTEGER NOT NULL REFERENCES teams(id),
    household_id         INTEGER REFERENCES households(id),
    principal_person_id  INTEGER REFERENCES persons(id),
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
CREATE INDEX cases_status ON cases(status, id);
CREATE INDEX cases_open ON cases(is_open, id);
CREATE INDEX cases_owner ON cases(owner_id, id);
CREATE INDEX cases_team ON cases(team_id, id);
CREATE INDEX cases_category ON cases(category, id);
CREATE INDEX cases_priority ON cases(priority, id);

CREATE TABLE case_persons (
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    person_id  INTEGER NOT NULL REFERENCES persons(id),
    PRIMARY KEY (case_id, person_id)
) WITHOUT ROWID;
CREATE INDEX case_persons_person ON case_persons(person_id);

CREATE TABLE inquiries (
    id               INTEGER PRIMARY KEY,
    reference        TEXT NOT NULL UNIQUE,
    channel          TEXT NOT NULL,
    requester_id     INTEGER NOT NULL REFERENCES requesters(id),
    received_at      INTEGER NOT NULL,
    stored_at        INTEGER NOT NULL,
    subject          TEXT NOT NULL,
    category         TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    raw_payload      TEXT NOT NULL,
    household_label  TEXT,
    case_id          INTEGER REFERENCES cases(id),
    idempotency_key  TEXT UNIQUE
);
CREATE INDEX inquiries_case ON inquiries(case_id);
CREATE INDEX inquiries_channel ON inquiries(channel, id);
CREATE INDEX inquiries_untriaged ON inquiries(id) WHERE case_id IS NULL;

CREATE TABLE inquiry_persons (
    inquiry_id  INTEGER NOT NULL REFERENCES inquiries(id),
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (inquiry_id, person_id)
) WITHOUT ROWID;
CREATE INDEX inquiry_persons_person ON inquiry_persons(person_id);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL,
    ip          TEXT,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_events(entity, entity_id, id);
