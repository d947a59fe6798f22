-- An index on every column that refers to another table and had none.
--
-- Intake writes a batch table by table with foreign keys checked at commit
-- (defer_foreign_keys). While a reference is outstanding (a case names its first person before
-- the persons are written), SQLite looks up the children of every parent row it inserts, to see
-- whether the new row settles the reference; without an index on the child column that lookup
-- is a scan of the child table, once per inserted row. A second list of 50,000 people about
-- known ones took minutes instead of seconds. Deletes and merges look children up the same way.
CREATE INDEX IF NOT EXISTS cases_principal ON cases(principal_person_id);
CREATE INDEX IF NOT EXISTS cases_household ON cases(household_id);
CREATE INDEX IF NOT EXISTS persons_source_inquiry ON persons(source_inquiry_id);
CREATE INDEX IF NOT EXISTS persons_merged_into ON persons(merged_into);
CREATE INDEX IF NOT EXISTS person_records_first_person ON person_records(first_person_id);
CREATE INDEX IF NOT EXISTS match_reviews_candidate ON match_reviews(candidate_id);
CREATE INDEX IF NOT EXISTS match_reviews_record ON match_reviews(record_id);
CREATE INDEX IF NOT EXISTS inquiries_parent ON inquiries(parent_id);
CREATE INDEX IF NOT EXISTS inquiries_requester ON inquiries(requester_id);
CREATE INDEX IF NOT EXISTS outbox_inquiry ON outbox(inquiry_id);
