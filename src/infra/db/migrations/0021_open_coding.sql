-- Open-answer coding (issue #11): an analyst's codeframe for one open-text question of a survey
-- dataset version. The codes (labels, keywords) come from the client's answers, so each version's
-- codes are sealed under the engagement's data key like the codebook and shredded with the vault.
-- The answers themselves are never copied here: they are read from the dataset's file in the vault.
-- A manual override names a respondent (row index of that dataset version) and the codes it has.
CREATE TABLE survey_codeframes (
  id               uuid PRIMARY KEY,
  dataset_id       uuid NOT NULL REFERENCES survey_datasets (id),
  dataset_version  integer NOT NULL,
  question         text NOT NULL,
  latest_version   integer NOT NULL CHECK (latest_version >= 1),
  created_by       uuid NOT NULL REFERENCES users (id),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  FOREIGN KEY (dataset_id, dataset_version) REFERENCES survey_dataset_versions (dataset_id, version)
);
CREATE INDEX survey_codeframes_dataset ON survey_codeframes (dataset_id, created_at);

CREATE TABLE survey_codeframe_versions (
  codeframe_id  uuid NOT NULL REFERENCES survey_codeframes (id),
  version       integer NOT NULL CHECK (version >= 1),
  codes_sealed  text NOT NULL,
  saved_by      uuid NOT NULL REFERENCES users (id),
  saved_at      timestamptz NOT NULL,
  PRIMARY KEY (codeframe_id, version)
);

CREATE TABLE survey_coding_overrides (
  codeframe_id  uuid NOT NULL REFERENCES survey_codeframes (id),
  respondent    integer NOT NULL CHECK (respondent >= 0),
  codes         jsonb NOT NULL,
  set_by        uuid NOT NULL REFERENCES users (id),
  set_at        timestamptz NOT NULL,
  PRIMARY KEY (codeframe_id, respondent)
);
