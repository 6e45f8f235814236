-- A saved model version is the provider's draft until its team shares it with the client;
-- sharing a version whose checks fail carries the reason. The client comments on shared versions.

ALTER TABLE financial_model_versions
  ADD COLUMN shared_at    timestamptz,
  ADD COLUMN shared_by    uuid REFERENCES users (id),
  ADD COLUMN share_reason text;

-- Versions saved before sharing existed were already visible to the client: they stay shared.
UPDATE financial_model_versions SET shared_at = saved_at, shared_by = saved_by;

ALTER TABLE financial_model_versions
  ADD CONSTRAINT financial_model_versions_shared_together
  CHECK ((shared_at IS NULL) = (shared_by IS NULL) AND (share_reason IS NULL OR shared_at IS NOT NULL));

CREATE TABLE financial_model_comments (
  id           uuid PRIMARY KEY,
  -- Insertion order: comments made within one clock tick still read in the order they were made.
  seq          bigserial UNIQUE,
  model_id     uuid NOT NULL,
  version      integer NOT NULL,
  author_id    uuid NOT NULL REFERENCES users (id),
  author_side  text NOT NULL CHECK (author_side IN ('client', 'provider')),
  body         text NOT NULL,
  created_at   timestamptz NOT NULL,
  FOREIGN KEY (model_id, version) REFERENCES financial_model_versions (model_id, version)
);
CREATE INDEX financial_model_comments_version ON financial_model_comments (model_id, version, seq);
