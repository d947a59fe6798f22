-- Protection at rest: personal data is sealed field by field in the application (see the
-- store crate's crypto module); the database records which data keys it was sealed with, so
-- that a wrong or missing key file is refused at start instead of failing value by value.
CREATE TABLE data_keys (
    id           TEXT PRIMARY KEY,
    check_value  TEXT NOT NULL,
    recorded_at  INTEGER NOT NULL,
    retired_at   INTEGER
);

-- Where a person is now (a city, a border crossing) stays countable for the situation report
-- without opening their sealed record: a coarse place, never an address.
ALTER TABLE person_records ADD COLUMN place TEXT;
UPDATE person_records SET place = NULLIF(TRIM(json_extract(details, '$.location')), '')
    WHERE json_valid(details);

-- `corridor purge`: when a closed case's personal data was destroyed.
ALTER TABLE cases ADD COLUMN purged_at INTEGER;
CREATE INDEX cases_purgeable ON cases(closed_at) WHERE closed_at IS NOT NULL AND purged_at IS NULL;
