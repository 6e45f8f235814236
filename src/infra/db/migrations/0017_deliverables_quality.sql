-- Deliverables and quality (issue #10). A deliverable belongs to a milestone; each submission is an
-- immutable version with its content, its vault files, the automated checks' report and the rubric
-- in force; the client's reviewers score a version (blind), and the engagement's lead decides.
-- Rubric templates are kept per client organisation and engagement type, versioned.

CREATE TABLE rubrics (
  id               uuid PRIMARY KEY,
  org_id           uuid NOT NULL REFERENCES organizations (id),
  engagement_type  text NOT NULL CHECK (engagement_type IN ('market_research', 'patent_research', 'financial_modeling', 'other')),
  version          integer NOT NULL CHECK (version >= 1),
  name             text NOT NULL,
  scale_min        integer NOT NULL,
  scale_max        integer NOT NULL CHECK (scale_max > scale_min),
  criteria         jsonb NOT NULL,
  created_by       uuid REFERENCES users (id),
  created_at       timestamptz NOT NULL,
  UNIQUE (org_id, engagement_type, version)
);

-- One row once the client's lead first saves the engagement's quality settings; the defaults apply until then.
CREATE TABLE engagement_quality (
  engagement_id             uuid PRIMARY KEY REFERENCES engagements (id),
  reviewers_per_submission  integer NOT NULL CHECK (reviewers_per_submission BETWEEN 1 AND 10),
  blind                     boolean NOT NULL,
  required_sections         jsonb NOT NULL,
  glossary                  jsonb NOT NULL,
  version                   integer NOT NULL,
  updated_by                uuid REFERENCES users (id),
  updated_at                timestamptz NOT NULL
);

CREATE TABLE deliverables (
  id              uuid PRIMARY KEY,
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  milestone_id    uuid NOT NULL REFERENCES milestones (id),
  title           text NOT NULL,
  type            text NOT NULL CHECK (type IN ('report', 'financial_model')),
  status          text NOT NULL CHECK (status IN ('draft', 'in_review', 'rework', 'accepted')),
  latest_version  integer NOT NULL DEFAULT 0,
  rework_rounds   integer NOT NULL DEFAULT 0,
  -- Set when a rework decision went past the SOW's maximum: the engagement's owner was told.
  escalated_at    timestamptz,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX deliverables_engagement ON deliverables (engagement_id, created_at);
CREATE INDEX deliverables_milestone ON deliverables (milestone_id);

CREATE TABLE deliverable_versions (
  deliverable_id    uuid NOT NULL REFERENCES deliverables (id),
  version           integer NOT NULL CHECK (version >= 1),
  engagement_id     uuid NOT NULL REFERENCES engagements (id),
  status            text NOT NULL CHECK (status IN ('in_review', 'accepted', 'accepted_with_fixes', 'rework', 'superseded')),
  content           jsonb NOT NULL,
  document_ids      jsonb NOT NULL,
  note              text NOT NULL,
  checks            jsonb NOT NULL,
  check_status      text NOT NULL CHECK (check_status IN ('pass', 'warn', 'fail')),
  check_fails       integer NOT NULL,
  check_warns       integer NOT NULL,
  submitted_by      uuid REFERENCES users (id),
  -- When kpo received it: the payment clock of Japanese subcontracting law starts here.
  received_at       timestamptz NOT NULL,
  rubric_id         uuid NOT NULL,
  rubric_version    integer NOT NULL,
  reviewers_wanted  integer NOT NULL,
  blind             boolean NOT NULL,
  decision          text CHECK (decision IN ('accept', 'accept_with_fixes', 'rework')),
  decision_note     text,
  decided_by        uuid REFERENCES users (id),
  decided_at        timestamptz,
  PRIMARY KEY (deliverable_id, version)
);
CREATE INDEX deliverable_versions_engagement ON deliverable_versions (engagement_id, received_at);
CREATE INDEX deliverable_versions_open ON deliverable_versions (engagement_id) WHERE status = 'in_review';

CREATE TABLE deliverable_reviews (
  id              uuid PRIMARY KEY,
  deliverable_id  uuid NOT NULL,
  version         integer NOT NULL,
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  reviewer_id     uuid NOT NULL REFERENCES users (id),
  rubric_id       uuid NOT NULL,
  rubric_version  integer NOT NULL,
  scores          jsonb NOT NULL,
  weighted_score  double precision NOT NULL,
  -- The weighted score on a 0–100 line (0 = the scale's bottom), so rubrics of other scales compare.
  score_pct       double precision NOT NULL,
  decision        text NOT NULL CHECK (decision IN ('accept', 'accept_with_fixes', 'rework')),
  comments        jsonb NOT NULL,
  submitted_at    timestamptz NOT NULL,
  UNIQUE (deliverable_id, version, reviewer_id),
  FOREIGN KEY (deliverable_id, version) REFERENCES deliverable_versions (deliverable_id, version)
);
CREATE INDEX deliverable_reviews_engagement ON deliverable_reviews (engagement_id);
CREATE INDEX deliverable_reviews_reviewer ON deliverable_reviews (reviewer_id, submitted_at);
