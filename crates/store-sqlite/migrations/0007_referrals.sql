-- Referrals to partner organizations, partner users, and replies to requesters (issue 5).

CREATE TABLE partner_orgs (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    contact_email TEXT,
    created_at    INTEGER NOT NULL
);

-- A partner user belongs to exactly one organization (one row per user).
CREATE TABLE partner_members (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    org_id  INTEGER NOT NULL REFERENCES partner_orgs(id)
);
CREATE INDEX partner_members_org ON partner_members(org_id);

-- The language a requester is answered in, where it is not English.
CREATE TABLE requester_languages (
    requester_id INTEGER PRIMARY KEY REFERENCES requesters(id),
    language     TEXT NOT NULL
);

-- A referral keeps a snapshot of exactly what it shared: later edits to the people on the
-- case never reach the partner.
CREATE TABLE referrals (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    org_id          INTEGER NOT NULL REFERENCES partner_orgs(id),
    state           TEXT NOT NULL,
    fields          TEXT NOT NULL,   -- JSON array of shared field codes
    snapshot        TEXT NOT NULL,   -- JSON: the domain's ReferralSnapshot
    reason          TEXT NOT NULL,
    sent_by         INTEGER REFERENCES users(id),
    sent_by_name    TEXT NOT NULL,
    sent_at         INTEGER NOT NULL,
    respond_by      INTEGER NOT NULL,
    decline_reason  TEXT,
    result_note     TEXT,
    recorded_by     TEXT,
    updated_at      INTEGER NOT NULL,
    decline_seen_at INTEGER,
    CHECK (state <> 'declined' OR decline_reason IS NOT NULL),
    CHECK (state <> 'completed' OR result_note IS NOT NULL)
);
CREATE INDEX referrals_case ON referrals(case_id);
CREATE INDEX referrals_org ON referrals(org_id, id);
CREATE INDEX referrals_waiting ON referrals(respond_by) WHERE state IN ('sent', 'acknowledged');

-- Every reply to a requester, logged on its case. No message text: template and language say
-- what was sent.
CREATE TABLE case_replies (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    requester_id INTEGER NOT NULL REFERENCES requesters(id),
    template     TEXT NOT NULL,
    language     TEXT NOT NULL,
    channel      TEXT NOT NULL,
    delivery     TEXT NOT NULL,
    outbox_id    INTEGER REFERENCES outbox(id),
    by_id        INTEGER REFERENCES users(id),
    by_name      TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX case_replies_case ON case_replies(case_id);
CREATE INDEX case_replies_requester ON case_replies(requester_id);
CREATE INDEX case_replies_outbox ON case_replies(outbox_id);
