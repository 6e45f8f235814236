-- Identity, sessions, API tokens, login throttling and the hash-chained audit log.
-- Written for both PostgreSQL 15 (Debian) and PostgreSQL 18 (PGlite): no features newer than 15.

CREATE TABLE organizations (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('client', 'provider', 'operator')),
  created_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX organizations_name_kind ON organizations (kind, lower(name));

CREATE TABLE users (
  id             uuid PRIMARY KEY,
  email          text NOT NULL,
  display_name   text NOT NULL,
  password_hash  text NOT NULL,
  locale         text NOT NULL DEFAULT 'ja' CHECK (locale IN ('ja', 'en')),
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at     timestamptz NOT NULL,
  password_changed_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE memberships (
  user_id     uuid NOT NULL REFERENCES users (id),
  org_id      uuid NOT NULL REFERENCES organizations (id),
  roles       text[] NOT NULL CHECK (cardinality(roles) > 0),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (user_id, org_id)
);
CREATE INDEX memberships_org ON memberships (org_id);

CREATE TABLE invitations (
  id           uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES organizations (id),
  email        text NOT NULL,
  roles        text[] NOT NULL CHECK (cardinality(roles) > 0),
  token_hash   text NOT NULL UNIQUE,
  invited_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  accepted_at  timestamptz,
  accepted_by  uuid REFERENCES users (id),
  revoked_at   timestamptz
);
CREATE INDEX invitations_org ON invitations (org_id, created_at DESC);

-- A session is found by the SHA-256 of its cookie value; the cookie value itself is never stored.
CREATE TABLE sessions (
  id             uuid PRIMARY KEY,
  token_hash     text NOT NULL UNIQUE,
  user_id        uuid NOT NULL REFERENCES users (id),
  active_org_id  uuid NOT NULL REFERENCES organizations (id),
  csrf_token     text NOT NULL,
  ip             text,
  user_agent     text,
  created_at     timestamptz NOT NULL,
  last_seen_at   timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users (id),
  org_id        uuid NOT NULL REFERENCES organizations (id),
  name          text NOT NULL,
  prefix        text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  scopes        text[] NOT NULL,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed and successful logins, per account and per address, for throttling across processes.
CREATE TABLE login_attempts (
  id          bigserial PRIMARY KEY,
  email       text NOT NULL,
  ip          text NOT NULL,
  succeeded   boolean NOT NULL,
  at          timestamptz NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- The audit log is append-only and hash-chained: hash = SHA-256(prev_hash + canonical content).
-- seq is assigned by the writer under an advisory lock, so it has no gaps; audit_head records
-- the last link so that deleting events at the tail is detected too.
CREATE TABLE audit_events (
  seq            bigint PRIMARY KEY,
  id             uuid NOT NULL UNIQUE,
  occurred_at    timestamptz NOT NULL,
  type           text NOT NULL,
  actor_user_id  uuid,
  actor_label    text NOT NULL,
  org_id         uuid,
  resource_type  text NOT NULL,
  resource_id    text NOT NULL,
  data           jsonb NOT NULL,
  ip             text,
  request_id     text,
  prev_hash      text NOT NULL,
  hash           text NOT NULL
);
CREATE INDEX audit_events_org ON audit_events (org_id, seq DESC);
CREATE INDEX audit_events_actor ON audit_events (actor_user_id, seq DESC);
CREATE INDEX audit_events_type ON audit_events (type, seq DESC);
CREATE INDEX audit_events_resource ON audit_events (resource_type, resource_id, seq DESC);
CREATE INDEX audit_events_time ON audit_events (occurred_at);

CREATE TABLE audit_head (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq        bigint NOT NULL,
  hash       text NOT NULL
);
INSERT INTO audit_head (singleton, seq, hash) VALUES (true, 0, repeat('0', 64));

-- Append-only in practice: the application role never updates or deletes events.
CREATE FUNCTION audit_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_immutable();
