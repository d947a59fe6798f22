-- Ownership, closing and manual priority (issue 5, first slice).
--
-- A closed case keeps its outcome (a code of the domain's CaseOutcome) and the reason given.
-- A priority set by hand replaces `priority`, which list sorting and filters use, and the
-- assessed one is kept in `assessed_priority` (NULL while nobody overrode it).
ALTER TABLE cases ADD COLUMN outcome TEXT;
ALTER TABLE cases ADD COLUMN outcome_reason TEXT;
ALTER TABLE cases ADD COLUMN assessed_priority INTEGER;
ALTER TABLE cases ADD COLUMN priority_reason TEXT;
ALTER TABLE cases ADD COLUMN priority_set_by TEXT;
ALTER TABLE cases ADD COLUMN priority_set_at INTEGER;

-- Cases closed before outcomes were recorded.
UPDATE cases SET outcome = 'other', outcome_reason = 'closed before outcomes were recorded'
 WHERE status = 'closed';

-- Every open case has exactly one owner and one team, whatever writes to the file. The
-- messages start with "corridor:" so the backend can hand them to the app as refused rules.
CREATE TRIGGER cases_open_have_owner_insert BEFORE INSERT ON cases
WHEN NEW.is_open AND (NEW.owner_id IS NULL OR NEW.team_id IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'corridor: an open case must always have an owner and a team');
END;

CREATE TRIGGER cases_open_have_owner_update BEFORE UPDATE ON cases
WHEN NEW.is_open AND (NEW.owner_id IS NULL OR NEW.team_id IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'corridor: an open case must always have an owner and a team');
END;

CREATE TRIGGER cases_closed_have_outcome_insert BEFORE INSERT ON cases
WHEN NEW.status = 'closed' AND NEW.outcome IS NULL
BEGIN
    SELECT RAISE(ABORT, 'corridor: a closed case must have an outcome');
END;

CREATE TRIGGER cases_closed_have_outcome_update BEFORE UPDATE ON cases
WHEN NEW.status = 'closed' AND NEW.outcome IS NULL
BEGIN
    SELECT RAISE(ABORT, 'corridor: a closed case must have an outcome');
END;
