-- Capacity (issue #14 point 2; decision 0011, addendum "Capacity and allocations"). A provider
-- person's contracted hours (an override of the organisation's figure from its 36 agreement), their
-- leave, and the hours planned for them per engagement and ISO week. Never shown to a client.

-- One row per person whose contracted hours differ from the organisation's, or who has leave: the
-- row is also what a change of their capacity locks (FOR UPDATE), so concurrent leave cannot overlap.
CREATE TABLE person_capacity (
  org_id                    uuid NOT NULL REFERENCES organizations (id),
  user_id                   uuid NOT NULL REFERENCES users (id),
  -- Null: the organisation's contracted daily hours apply.
  contracted_daily_minutes  integer CHECK (contracted_daily_minutes BETWEEN 60 AND 720),
  version                   integer NOT NULL,
  updated_at                timestamptz NOT NULL,
  updated_by                uuid REFERENCES users (id),
  PRIMARY KEY (org_id, user_id)
);

CREATE TABLE person_leave (
  id          uuid PRIMARY KEY,
  org_id      uuid NOT NULL REFERENCES organizations (id),
  user_id     uuid NOT NULL REFERENCES users (id),
  start_date  date NOT NULL,
  end_date    date NOT NULL CHECK (end_date >= start_date),
  note        text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL,
  created_by  uuid REFERENCES users (id)
);
CREATE INDEX person_leave_person ON person_leave (org_id, user_id, start_date);

-- Planned minutes of one person on one engagement in one ISO week (named by its Monday).
CREATE TABLE allocations (
  org_id         uuid NOT NULL REFERENCES organizations (id),
  engagement_id  uuid NOT NULL REFERENCES engagements (id),
  user_id        uuid NOT NULL REFERENCES users (id),
  week_start     date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
  minutes        integer NOT NULL CHECK (minutes BETWEEN 1 AND 10080),
  updated_at     timestamptz NOT NULL,
  updated_by     uuid REFERENCES users (id),
  PRIMARY KEY (engagement_id, user_id, week_start)
);
CREATE INDEX allocations_person_week ON allocations (org_id, user_id, week_start);
