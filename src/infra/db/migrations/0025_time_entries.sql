-- Time (issue #14, first slice; decision 0011). People of both sides log minutes per day, engagement
-- and category; each person's week (Monday to Sunday) in their organisation is a timesheet that is
-- submitted and approved, after which it only takes correction entries. A provider configures its
-- 36 agreement (core/time/overtime.ts reads it); a client sets internal hourly rates per role, from
-- which its hidden cost is figured.

CREATE TABLE timesheets (
  id            uuid PRIMARY KEY,
  org_id        uuid NOT NULL REFERENCES organizations (id),
  user_id       uuid NOT NULL REFERENCES users (id),
  -- The Monday the ISO week starts on.
  week_start    date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
  status        text NOT NULL CHECK (status IN ('open', 'submitted', 'approved')),
  version       integer NOT NULL,
  submitted_at  timestamptz,
  submitted_by  uuid REFERENCES users (id),
  decided_at    timestamptz,
  decided_by    uuid REFERENCES users (id),
  -- Why a week was sent back (kept until it is submitted again).
  return_note   text,
  UNIQUE (org_id, user_id, week_start)
);

CREATE TABLE time_entries (
  id             uuid PRIMARY KEY,
  timesheet_id   uuid NOT NULL REFERENCES timesheets (id),
  engagement_id  uuid NOT NULL REFERENCES engagements (id),
  org_id         uuid NOT NULL REFERENCES organizations (id),
  user_id        uuid NOT NULL REFERENCES users (id),
  side           text NOT NULL CHECK (side IN ('client', 'provider')),
  work_date      date NOT NULL,
  milestone_id   uuid REFERENCES milestones (id),
  category       text NOT NULL,
  -- Negative only on a correction of an approved week.
  minutes        integer NOT NULL CHECK (minutes BETWEEN -1440 AND 1440),
  note           text NOT NULL DEFAULT '',
  -- A correction of an approved week: the reason it was made.
  correction_reason  text,
  CHECK (minutes >= 0 OR correction_reason IS NOT NULL),
  entered_by     uuid REFERENCES users (id),
  created_at     timestamptz NOT NULL
);
CREATE INDEX time_entries_person_day ON time_entries (org_id, user_id, work_date);
CREATE INDEX time_entries_engagement ON time_entries (engagement_id, work_date);

-- One row per provider once its admin saves the agreement; until then the defaults apply.
CREATE TABLE overtime_agreements (
  org_id                     uuid PRIMARY KEY REFERENCES organizations (id),
  contracted_daily_minutes   integer NOT NULL CHECK (contracted_daily_minutes BETWEEN 60 AND 480),
  monthly_limit_minutes      integer NOT NULL CHECK (monthly_limit_minutes > 0),
  yearly_limit_minutes       integer NOT NULL CHECK (yearly_limit_minutes > 0),
  -- The special clause (特別条項); null when the agreement has none.
  special_clause             jsonb,
  year_start_month           integer NOT NULL CHECK (year_start_month BETWEEN 1 AND 12),
  version                    integer NOT NULL,
  updated_at                 timestamptz NOT NULL,
  updated_by                 uuid REFERENCES users (id)
);

-- A client's internal cost of an hour of its people, per role, in whole yen.
CREATE TABLE internal_rates (
  org_id       uuid NOT NULL REFERENCES organizations (id),
  role         text NOT NULL,
  hourly_yen   integer NOT NULL CHECK (hourly_yen >= 0),
  PRIMARY KEY (org_id, role)
);
CREATE TABLE internal_rate_settings (
  org_id      uuid PRIMARY KEY REFERENCES organizations (id),
  version     integer NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  uuid REFERENCES users (id)
);
