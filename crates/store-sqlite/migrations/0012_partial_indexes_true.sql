-- The queries are now written once for SQLite and PostgreSQL, which say `is_open = TRUE`.
-- SQLite uses a partial index only when the query repeats the index's condition as written,
-- and `TRUE` is not `1` to its planner: the open-case indexes are rebuilt on `is_open = TRUE`
-- so that deadline filling, escalation and overdue lists keep using them.
DROP INDEX cases_deadlines_unset;
DROP INDEX cases_next_action_due;
DROP INDEX cases_first_response_due;
CREATE INDEX cases_deadlines_unset ON cases(id) WHERE is_open = TRUE AND next_action_due_at IS NULL;
CREATE INDEX cases_next_action_due ON cases(next_action_due_at) WHERE is_open = TRUE;
CREATE INDEX cases_first_response_due ON cases(first_response_due_at)
    WHERE is_open = TRUE AND first_responded_at IS NULL;
