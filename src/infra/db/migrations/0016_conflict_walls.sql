-- Conflict walls (issue #9, point 8). A provider person declares their employers (with dates) and
-- holdings, in the provider organisation they work for; a client keeps a restricted list of
-- entities (with their tickers) and a cooling-off period; on each engagement the client's lead
-- names which entities are its target and which competitors its brief names; a client admin may
-- lift a wall for one person with a written reason. The rule itself is core/conflicts/rules.ts.

CREATE TABLE conflict_declarations (
  user_id      uuid NOT NULL REFERENCES users (id),
  org_id       uuid NOT NULL REFERENCES organizations (id),
  declared_at  timestamptz NOT NULL,
  PRIMARY KEY (user_id, org_id)
);

CREATE TABLE conflict_employers (
  user_id    uuid NOT NULL,
  org_id     uuid NOT NULL,
  position   integer NOT NULL,
  entity     text NOT NULL,
  from_date  date NOT NULL,
  -- The last day worked; null while still employed there.
  to_date    date,
  PRIMARY KEY (user_id, org_id, position),
  FOREIGN KEY (user_id, org_id) REFERENCES conflict_declarations (user_id, org_id) ON DELETE CASCADE,
  CHECK (to_date IS NULL OR from_date <= to_date)
);

CREATE TABLE conflict_holdings (
  user_id   uuid NOT NULL,
  org_id    uuid NOT NULL,
  position  integer NOT NULL,
  -- A company's name or a ticker (7203, 7203.T, TYO:7203 …).
  entity    text NOT NULL,
  PRIMARY KEY (user_id, org_id, position),
  FOREIGN KEY (user_id, org_id) REFERENCES conflict_declarations (user_id, org_id) ON DELETE CASCADE
);

-- One row per client organisation once its admins first save the list; until then the default applies.
CREATE TABLE conflict_settings (
  org_id              uuid PRIMARY KEY REFERENCES organizations (id),
  cooling_off_months  integer NOT NULL DEFAULT 6 CHECK (cooling_off_months BETWEEN 0 AND 60),
  version             integer NOT NULL,
  updated_at          timestamptz NOT NULL,
  updated_by          uuid REFERENCES users (id)
);

CREATE TABLE restricted_entities (
  id          uuid PRIMARY KEY,
  org_id      uuid NOT NULL REFERENCES organizations (id),
  name        text NOT NULL,
  aliases     text[] NOT NULL DEFAULT '{}',
  tickers     text[] NOT NULL DEFAULT '{}',
  kind        text NOT NULL CHECK (kind IN ('target', 'competitor', 'restricted')),
  note        text NOT NULL DEFAULT '',
  position    integer NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX restricted_entities_org ON restricted_entities (org_id, position);

-- An entity in use here cannot leave the restricted list (a wall would fall silently).
CREATE TABLE engagement_conflict_subjects (
  engagement_id  uuid NOT NULL REFERENCES engagements (id),
  entity_id      uuid NOT NULL REFERENCES restricted_entities (id),
  role           text NOT NULL CHECK (role IN ('target', 'competitor')),
  PRIMARY KEY (engagement_id, entity_id)
);
CREATE INDEX engagement_conflict_subjects_entity ON engagement_conflict_subjects (entity_id);

-- A wall lifted for one person on one engagement: the newest override of a person is the one in force,
-- and it covers the conflicts it was given for (`kind:entityId`); a new conflict blocks again.
CREATE TABLE conflict_overrides (
  id             uuid PRIMARY KEY,
  engagement_id  uuid NOT NULL REFERENCES engagements (id),
  user_id        uuid NOT NULL REFERENCES users (id),
  reason         text NOT NULL CHECK (length(btrim(reason)) > 0),
  covers         text[] NOT NULL,
  by_user_id     uuid REFERENCES users (id),
  at             timestamptz NOT NULL
);
CREATE INDEX conflict_overrides_person ON conflict_overrides (engagement_id, user_id, at DESC);
