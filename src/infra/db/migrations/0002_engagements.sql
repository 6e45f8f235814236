-- Engagements: the brief, invited providers, proposals, the versioned SOW, the team, milestones,
-- status updates, Q&A, change requests, detected SLA breaches and in-app notifications.

CREATE TABLE engagements (
  id                       uuid PRIMARY KEY,
  client_org_id            uuid NOT NULL REFERENCES organizations (id),
  type                     text NOT NULL CHECK (type IN ('market_research', 'patent_research', 'financial_modeling', 'other')),
  title                    text NOT NULL,
  code_name                text,
  objectives               text NOT NULL,
  scope                    text NOT NULL,
  expected_deliverables    jsonb NOT NULL,
  classification           text NOT NULL CHECK (classification IN ('public', 'internal', 'confidential', 'strictly_confidential')),
  budget_amount            bigint CHECK (budget_amount >= 0),
  budget_currency          text,
  target_start             date NOT NULL,
  target_end               date NOT NULL CHECK (target_end >= target_start),
  status                   text NOT NULL,
  held_from                text,
  awarded_provider_org_id  uuid REFERENCES organizations (id),
  awarded_proposal_id      uuid,
  owner_user_id            uuid NOT NULL REFERENCES users (id),
  work_started_at          timestamptz,
  work_ended_at            timestamptz,
  created_by               uuid REFERENCES users (id),
  created_at               timestamptz NOT NULL,
  updated_at               timestamptz NOT NULL,
  version                  integer NOT NULL,
  -- Derived on every change (core/engagements/control.ts derivedState), so the list can filter by risk.
  next_update_due_at       timestamptz,
  next_answer_due_at       timestamptz,
  next_review_due_at       timestamptz,
  next_milestone_due       date,
  progress_pct             integer,
  rag                      text,
  over_budget              boolean NOT NULL DEFAULT false,
  -- The update deadline a reminder was last sent for: one reminder per deadline.
  update_reminder_for      timestamptz
);
CREATE INDEX engagements_client ON engagements (client_org_id, updated_at DESC);
CREATE INDEX engagements_provider ON engagements (awarded_provider_org_id, updated_at DESC);
CREATE INDEX engagements_status ON engagements (status);

CREATE TABLE engagement_providers (
  engagement_id    uuid NOT NULL REFERENCES engagements (id),
  provider_org_id  uuid NOT NULL REFERENCES organizations (id),
  status           text NOT NULL CHECK (status IN ('invited', 'proposed', 'declined', 'awarded', 'not_awarded')),
  invited_at       timestamptz NOT NULL,
  invited_by       uuid REFERENCES users (id),
  PRIMARY KEY (engagement_id, provider_org_id)
);
CREATE INDEX engagement_providers_provider ON engagement_providers (provider_org_id);

CREATE TABLE engagement_team (
  engagement_id  uuid NOT NULL REFERENCES engagements (id),
  user_id        uuid NOT NULL REFERENCES users (id),
  side           text NOT NULL CHECK (side IN ('client', 'provider')),
  role           text NOT NULL CHECK (role IN ('owner', 'reviewer', 'lead', 'analyst')),
  assigned_at    timestamptz NOT NULL,
  PRIMARY KEY (engagement_id, user_id)
);
CREATE INDEX engagement_team_user ON engagement_team (user_id);

CREATE TABLE proposals (
  id               uuid PRIMARY KEY,
  engagement_id    uuid NOT NULL REFERENCES engagements (id),
  provider_org_id  uuid NOT NULL REFERENCES organizations (id),
  status           text NOT NULL CHECK (status IN ('draft', 'submitted', 'withdrawn', 'awarded', 'not_awarded')),
  content          jsonb NOT NULL,
  fee_amount       bigint NOT NULL,
  fee_currency     text NOT NULL,
  submitted_at     timestamptz,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  version          integer NOT NULL,
  UNIQUE (engagement_id, provider_org_id)
);

CREATE TABLE sow_versions (
  engagement_id         uuid NOT NULL REFERENCES engagements (id),
  version               integer NOT NULL,
  content               jsonb NOT NULL,
  reason                text NOT NULL CHECK (reason IN ('award', 'revision', 'change_request')),
  change_request_id     uuid,
  created_by            uuid REFERENCES users (id),
  created_at            timestamptz NOT NULL,
  client_approved_by    uuid REFERENCES users (id),
  client_approved_at    timestamptz,
  provider_approved_by  uuid REFERENCES users (id),
  provider_approved_at  timestamptz,
  PRIMARY KEY (engagement_id, version)
);

CREATE TABLE milestones (
  id                 uuid PRIMARY KEY,
  engagement_id      uuid NOT NULL REFERENCES engagements (id),
  key                text NOT NULL,
  position           integer NOT NULL,
  title              text NOT NULL,
  baseline_due_date  date NOT NULL,
  due_date           date NOT NULL,
  weight             numeric NOT NULL,
  deliverables       jsonb NOT NULL,
  status             text NOT NULL CHECK (status IN ('planned', 'in_progress', 'submitted', 'accepted')),
  started_at         timestamptz,
  submitted_at       timestamptz,
  accepted_at        timestamptz,
  rework_rounds      integer NOT NULL DEFAULT 0,
  UNIQUE (engagement_id, key)
);

-- Submissions and decisions, for review cycle times and review SLAs.
CREATE TABLE milestone_reviews (
  id             uuid PRIMARY KEY,
  milestone_id   uuid NOT NULL REFERENCES milestones (id),
  engagement_id  uuid NOT NULL REFERENCES engagements (id),
  kind           text NOT NULL CHECK (kind IN ('submitted', 'accepted', 'sent_back')),
  at             timestamptz NOT NULL,
  by_user_id     uuid REFERENCES users (id),
  comment        text
);
CREATE INDEX milestone_reviews_engagement ON milestone_reviews (engagement_id, at);

CREATE TABLE status_updates (
  id              uuid PRIMARY KEY,
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  author_user_id  uuid NOT NULL REFERENCES users (id),
  posted_at       timestamptz NOT NULL,
  progress_pct    integer NOT NULL CHECK (progress_pct BETWEEN 0 AND 100),
  rag             text NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
  done            text NOT NULL,
  next            text NOT NULL,
  blockers        text NOT NULL,
  risks           text NOT NULL,
  hours_spent     numeric,
  due_at          timestamptz
);
CREATE INDEX status_updates_engagement ON status_updates (engagement_id, posted_at DESC);

CREATE TABLE questions (
  id                uuid PRIMARY KEY,
  engagement_id     uuid NOT NULL REFERENCES engagements (id),
  title             text NOT NULL,
  body              text NOT NULL,
  asked_by          uuid NOT NULL REFERENCES users (id),
  asked_by_side     text NOT NULL CHECK (asked_by_side IN ('client', 'provider')),
  assignee_user_id  uuid REFERENCES users (id),
  asked_at          timestamptz NOT NULL,
  due_at            timestamptz NOT NULL,
  status            text NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
  answered_at       timestamptz,
  closed_at         timestamptz
);
CREATE INDEX questions_engagement ON questions (engagement_id, asked_at DESC);

CREATE TABLE question_messages (
  id              uuid PRIMARY KEY,
  question_id     uuid NOT NULL REFERENCES questions (id),
  author_user_id  uuid NOT NULL REFERENCES users (id),
  side            text NOT NULL CHECK (side IN ('client', 'provider')),
  body            text NOT NULL,
  at              timestamptz NOT NULL
);
CREATE INDEX question_messages_question ON question_messages (question_id, at);

CREATE TABLE change_requests (
  id                    uuid PRIMARY KEY,
  engagement_id         uuid NOT NULL REFERENCES engagements (id),
  summary               text NOT NULL,
  reason                text NOT NULL,
  changes               jsonb NOT NULL,
  proposed_by           uuid NOT NULL REFERENCES users (id),
  proposed_by_side      text NOT NULL CHECK (proposed_by_side IN ('client', 'provider')),
  proposed_at           timestamptz NOT NULL,
  status                text NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'withdrawn')),
  decided_by            uuid REFERENCES users (id),
  decided_at            timestamptz,
  comment               text,
  resulting_sow_version integer
);
CREATE INDEX change_requests_engagement ON change_requests (engagement_id, proposed_at DESC);

-- A breach found by the SLA check, once: notifications and escalations hang off this row.
CREATE TABLE sla_breaches (
  engagement_id  uuid NOT NULL REFERENCES engagements (id),
  kind           text NOT NULL CHECK (kind IN ('update', 'answer', 'review')),
  subject_id     text NOT NULL,
  due_at         timestamptz NOT NULL,
  side           text NOT NULL CHECK (side IN ('client', 'provider')),
  detected_at    timestamptz NOT NULL,
  escalated_at   timestamptz,
  PRIMARY KEY (engagement_id, kind, subject_id)
);

CREATE TABLE notifications (
  id             uuid PRIMARY KEY,
  user_id        uuid NOT NULL REFERENCES users (id),
  kind           text NOT NULL,
  engagement_id  uuid REFERENCES engagements (id),
  data           jsonb NOT NULL,
  created_at     timestamptz NOT NULL,
  read_at        timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
