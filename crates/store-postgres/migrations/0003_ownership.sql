-- Ownership, closing and manual priority (issue 5, first slice; see the SQLite migration of
-- the same name). The constraints are named so that the backend can tell the app which rule a
-- refused write broke.
ALTER TABLE cases
    ADD COLUMN outcome text,
    ADD COLUMN outcome_reason text,
    ADD COLUMN assessed_priority bigint,
    ADD COLUMN priority_reason text,
    ADD COLUMN priority_set_by text,
    ADD COLUMN priority_set_at timestamptz;

UPDATE cases SET outcome = 'other', outcome_reason = 'closed before outcomes were recorded'
 WHERE status = 'closed';

-- Every open case has exactly one owner and one team (NOT NULL already says so for every
-- case; this keeps it true should a later migration ever relax that for closed ones).
ALTER TABLE cases ADD CONSTRAINT cases_open_have_owner
    CHECK (NOT is_open OR (owner_id IS NOT NULL AND team_id IS NOT NULL));
ALTER TABLE cases ADD CONSTRAINT cases_closed_have_outcome
    CHECK (status <> 'closed' OR outcome IS NOT NULL);
