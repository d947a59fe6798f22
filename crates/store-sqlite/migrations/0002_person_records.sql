-- A person is built from the records that mention them. Each inquiry's description of a person
-- is kept as a record, verbatim; matching links records to one person, and merges move records
-- between people in a way that can be undone.

CREATE TABLE person_records (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES persons(id),
    -- The person this record created or was first linked to; an unmerge returns it there.
    first_person_id  INTEGER NOT NULL REFERENCES persons(id),
    inquiry_id       INTEGER NOT NULL REFERENCES inquiries(id),
    position         INTEGER NOT NULL,
    details          TEXT NOT NULL,
    created_at       INTEGER NOT NULL
);
INSERT INTO person_records (id, person_id, first_person_id, inquiry_id, position, details, created_at)
    SELECT p.id, p.id, p.id, ip.inquiry_id, ip.position, p.details, p.created_at
    FROM persons p JOIN inquiry_persons ip ON ip.person_id = p.id;
CREATE INDEX person_records_person ON person_records(person_id, id);
CREATE INDEX person_records_inquiry ON person_records(inquiry_id, position);

DROP TABLE inquiry_persons;
ALTER TABLE persons DROP COLUMN details;
-- Set when this person was merged into another; such a person has no records of its own.
ALTER TABLE persons ADD COLUMN merged_into INTEGER REFERENCES persons(id);

CREATE TABLE person_merges (
    id          INTEGER PRIMARY KEY,
    kept_id     INTEGER NOT NULL REFERENCES persons(id),
    merged_id   INTEGER NOT NULL REFERENCES persons(id),
    -- JSON arrays of the record and case ids that moved, so the merge can be undone exactly.
    records     TEXT NOT NULL,
    cases       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    undone_at   INTEGER
);
CREATE INDEX person_merges_kept ON person_merges(kept_id);
CREATE INDEX person_merges_merged ON person_merges(merged_id);

-- Pairs the matcher was unsure about, for a person to decide.
CREATE TABLE match_reviews (
    id           INTEGER PRIMARY KEY,
    record_id    INTEGER NOT NULL REFERENCES person_records(id),
    candidate_id INTEGER NOT NULL REFERENCES persons(id),
    probability  REAL NOT NULL,
    evidence     TEXT NOT NULL,     -- JSON: which fields agreed and how much each counted
    status       TEXT NOT NULL,     -- pending, same, different
    created_at   INTEGER NOT NULL,
    decided_at   INTEGER,
    decided_by   INTEGER REFERENCES users(id)
);
CREATE INDEX match_reviews_pending ON match_reviews(status, id);
