-- Sign-in security (issue 6): the TOTP second factor, lockout after failed sign-ins, idle
-- time-outs and second-factor times of sessions, and scoped API tokens.

-- The TOTP shared key (base32). NULL = not enrolled: the next sign-in enrolls one.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
-- 0 between enrollment and the first correct code.
ALTER TABLE users ADD COLUMN totp_confirmed INTEGER NOT NULL DEFAULT 0;
-- The last TOTP time step accepted: a code of that step or an earlier one is refused.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
-- Failed sign-ins in a row, and until when sign-in is refused after too many.
ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until INTEGER;

-- A session unused for this many seconds ends.
ALTER TABLE sessions ADD COLUMN idle_seconds INTEGER NOT NULL DEFAULT 1800;
-- When the second factor was last given in the session; NULL = password only so far.
ALTER TABLE sessions ADD COLUMN factor_at INTEGER;
CREATE INDEX sessions_user ON sessions(user_id);

-- Comma-separated scopes: read, write, intake. Tokens made before scopes could do both.
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read,write';
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- The audit view filters by actor and action.
CREATE INDEX audit_actor ON audit_events(actor_name, id);
CREATE INDEX audit_action ON audit_events(action, id);
