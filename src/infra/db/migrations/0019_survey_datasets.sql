-- Survey datasets of a market-research engagement (issue #11). The response file stays in the
-- engagement's encrypted vault (a document version); a dataset version names that file and the
-- codebook that reads it, and never changes. A weighting is a set of raking targets on one
-- version; its weights are recomputed from them (raking is deterministic), its report kept.
-- The codebook (question wording, answer labels) is the client's business: it is sealed under the
-- engagement's data key, so it is shredded with the vault at close-out.
CREATE TABLE survey_datasets (
  id              uuid PRIMARY KEY,
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  name            text NOT NULL,
  latest_version  integer NOT NULL CHECK (latest_version >= 1),
  created_by      uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX survey_datasets_engagement ON survey_datasets (engagement_id, updated_at DESC);

CREATE TABLE survey_dataset_versions (
  dataset_id        uuid NOT NULL REFERENCES survey_datasets (id),
  version           integer NOT NULL CHECK (version >= 1),
  codebook_sealed   text NOT NULL,
  document_id       uuid NOT NULL,
  document_version  integer NOT NULL,
  sheet             text,
  encoding          text,
  respondents       integer NOT NULL CHECK (respondents >= 0),
  questions         integer NOT NULL CHECK (questions >= 0),
  note              text NOT NULL,
  saved_by          uuid NOT NULL REFERENCES users (id),
  saved_at          timestamptz NOT NULL,
  PRIMARY KEY (dataset_id, version),
  FOREIGN KEY (document_id, document_version) REFERENCES document_versions (document_id, version)
);

CREATE TABLE survey_weightings (
  id                uuid PRIMARY KEY,
  dataset_id        uuid NOT NULL,
  dataset_version   integer NOT NULL,
  name              text NOT NULL,
  targets           jsonb NOT NULL,
  options           jsonb NOT NULL,
  report            jsonb NOT NULL,
  created_by        uuid NOT NULL REFERENCES users (id),
  created_at        timestamptz NOT NULL,
  FOREIGN KEY (dataset_id, dataset_version) REFERENCES survey_dataset_versions (dataset_id, version)
);
CREATE INDEX survey_weightings_dataset ON survey_weightings (dataset_id, dataset_version, created_at);
