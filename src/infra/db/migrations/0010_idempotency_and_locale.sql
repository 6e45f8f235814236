-- Idempotent creating requests: a repeat of a request with the same Idempotency-Key (a
-- double-click, a retry after a lost answer) gets the first answer instead of a second record.
-- Keys are per principal (person and organisation, or API token) and kept a day.
CREATE TABLE idempotency_keys (
  principal        text NOT NULL,
  key              text NOT NULL,
  fingerprint      text NOT NULL,
  state            text NOT NULL CHECK (state IN ('pending', 'done')),
  response_status  integer,
  -- Null when the answer carried a one-time secret: a repeat is told it was done, never given the secret.
  response_body    text,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (principal, created_at);

-- A person's language is theirs to choose: an account starts without one, and the language of the
-- page they first sign in from becomes it (instead of every account starting in Japanese).
ALTER TABLE users ALTER COLUMN locale DROP DEFAULT;
ALTER TABLE users ALTER COLUMN locale DROP NOT NULL;
