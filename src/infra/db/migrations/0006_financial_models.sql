-- Financial models of an engagement (the financial-modeling workbench). A model keeps every saved
-- version; a version is never changed. The headline figures and the check status are computed by
-- the engine when the version is saved, so lists need not value every model again.

CREATE TABLE financial_models (
  id              uuid PRIMARY KEY,
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  name            text NOT NULL,
  currency        text NOT NULL,
  latest_version  integer NOT NULL CHECK (latest_version >= 1),
  created_by      uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX financial_models_engagement ON financial_models (engagement_id, updated_at DESC);

CREATE TABLE financial_model_versions (
  model_id          uuid NOT NULL REFERENCES financial_models (id),
  version           integer NOT NULL CHECK (version >= 1),
  document          jsonb NOT NULL,
  sha256            text NOT NULL,
  note              text NOT NULL,
  value_per_share   double precision,
  enterprise_value  double precision,
  check_status      text NOT NULL CHECK (check_status IN ('pass', 'warn', 'fail')),
  saved_by          uuid NOT NULL REFERENCES users (id),
  saved_at          timestamptz NOT NULL,
  PRIMARY KEY (model_id, version)
);
