-- Protection at rest: personal data is sealed field by field in the application (see the
-- store crate's crypto module), so the JSON columns that hold it become text; the database
-- records which data keys it was sealed with, so that a wrong or missing key file is refused
-- at start instead of failing value by value.
CREATE TABLE data_keys (
    id           text PRIMARY KEY,
    check_value  text NOT NULL,
    recorded_at  timestamptz NOT NULL,
    retired_at   timestamptz
);

-- Where a person is now (a city, a border crossing) stays countable for the situation report
-- without opening their sealed record: a coarse place, never an address.
ALTER TABLE person_records ADD COLUMN place text;
UPDATE person_records SET place = NULLIF(TRIM(details->>'location'), '');
ALTER TABLE person_records ALTER COLUMN details TYPE text USING details::text;
ALTER TABLE referrals ALTER COLUMN snapshot TYPE text USING snapshot::text;

-- `corridor purge`: when a closed case's personal data was destroyed.
ALTER TABLE cases ADD COLUMN purged_at timestamptz;
CREATE INDEX cases_purgeable ON cases(closed_at) WHERE closed_at IS NOT NULL AND purged_at IS NULL;
