-- People's phones, findable: a person's record is sealed whole (`person_records.details`), so
-- each phone written for a person (in E.164) is also kept as a keyed hash that SQL can
-- compare, as `requester_contacts` does for requesters. A text from a family member's number
-- then joins the family's case. Records stored before this table are indexed by the start-up
-- sweep.
CREATE TABLE person_contacts (
    record_id    INTEGER NOT NULL REFERENCES person_records(id),
    contact_key  TEXT NOT NULL,
    PRIMARY KEY (record_id, contact_key)
) WITHOUT ROWID;
CREATE INDEX person_contacts_key ON person_contacts(contact_key);

-- Messages that belong to no request (STOP, START, a blocked number's, too many) are purged
-- after the retention period on their own; this says when.
ALTER TABLE messages ADD COLUMN purged_at INTEGER;
CREATE INDEX messages_unattached ON messages(at) WHERE inquiry_id IS NULL AND purged_at IS NULL;
