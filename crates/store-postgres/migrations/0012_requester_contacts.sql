-- Requesters found by phone or email (search): their contacts are sealed in `requesters`, so
-- each phone (in E.164) and email (lower-cased) is also kept as a keyed hash that SQL can
-- compare. One row per contact ever given: a sponsor who called from two numbers is found by
-- either. Requesters stored before this table are indexed by the start-up sweep.
CREATE TABLE requester_contacts (
    requester_id  bigint NOT NULL REFERENCES requesters(id) DEFERRABLE,
    contact_key   text NOT NULL,
    PRIMARY KEY (requester_id, contact_key)
);
CREATE INDEX requester_contacts_key ON requester_contacts(contact_key);
