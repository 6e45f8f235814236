-- Calibration and gold checks (issue #10).
-- Calibration: a client's administrator asks chosen reviewers to score the same reference
-- deliverable (a copy of one version, with the rubric it was reviewed against); each sees their
-- deviation from the consensus once they have scored; the administrator sees who drifts.
CREATE TABLE calibration_rounds (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organizations (id),
  title           text NOT NULL,
  -- Where the reference came from (a version of a deliverable on one of the client's engagements).
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  deliverable_id  uuid NOT NULL,
  version         integer NOT NULL,
  content         jsonb NOT NULL,
  rubric_id       uuid NOT NULL,
  rubric_version  integer NOT NULL,
  participants    jsonb NOT NULL,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  FOREIGN KEY (deliverable_id, version) REFERENCES deliverable_versions (deliverable_id, version)
);
CREATE INDEX calibration_rounds_org ON calibration_rounds (org_id, created_at);

CREATE TABLE calibration_scores (
  round_id      uuid NOT NULL REFERENCES calibration_rounds (id),
  reviewer_id   uuid NOT NULL REFERENCES users (id),
  scores        jsonb NOT NULL,
  submitted_at  timestamptz NOT NULL,
  PRIMARY KEY (round_id, reviewer_id)
);

-- Gold checks: known answers the client plants in an engagement (a reference a search must find, a
-- deliberate error a review must catch, a control question in survey data). kpo scores each
-- submitted version against them; the provider is never told which items are gold.
CREATE TABLE gold_items (
  id              uuid PRIMARY KEY,
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  kind            text NOT NULL CHECK (kind IN ('reference', 'planted_error', 'control_question')),
  label           text NOT NULL,
  -- Any of these, written anywhere in the deliverable (width, case, spaces and punctuation aside), catches it.
  terms           jsonb NOT NULL,
  -- A vault document that counts as found when a reference points to it.
  document_id     uuid,
  -- The deliverable that must catch it; null: any deliverable of the engagement.
  deliverable_id  uuid REFERENCES deliverables (id),
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  withdrawn_at    timestamptz
);
CREATE INDEX gold_items_engagement ON gold_items (engagement_id);

CREATE TABLE gold_results (
  gold_id         uuid NOT NULL REFERENCES gold_items (id),
  deliverable_id  uuid NOT NULL,
  version         integer NOT NULL,
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  hit             boolean NOT NULL,
  evaluated_at    timestamptz NOT NULL,
  PRIMARY KEY (gold_id, deliverable_id, version),
  FOREIGN KEY (deliverable_id, version) REFERENCES deliverable_versions (deliverable_id, version)
);
CREATE INDEX gold_results_engagement ON gold_results (engagement_id);
