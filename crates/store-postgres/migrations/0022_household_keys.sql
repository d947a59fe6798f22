-- The household key a requester wrote for a person ("TF-63647", "Hassan family"), findable:
-- a record is sealed whole (`person_records.details`), so the pair (requester, household key)
-- is also kept as a keyed hash that SQL can compare. A later request from the same requester
-- under the same key then joins that family's case; the same key from another requester
-- means nothing (their own numbering). Records stored before this table are not indexed.
CREATE TABLE household_keys (
    record_id      bigint NOT NULL REFERENCES person_records(id) DEFERRABLE,
    household_key  text NOT NULL,
    PRIMARY KEY (record_id, household_key)
);
CREATE INDEX household_keys_key ON household_keys(household_key);
