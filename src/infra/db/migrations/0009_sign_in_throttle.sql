-- Sign-in throttling per (account, address) pair with growing delays instead of a hard lock
-- (README, "Sign-in throttling"). A refused attempt is recorded as a row too, so that its audit
-- event names it; `throttled` keeps it out of the failure counts.
ALTER TABLE login_attempts ADD COLUMN throttled boolean NOT NULL DEFAULT false;
CREATE INDEX login_attempts_pair ON login_attempts (email, ip, at);
