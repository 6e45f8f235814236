-- Market sizings (TAM/SAM/SOM) and competitor matrices of a market-research engagement (issue #11):
-- the analyst's canvases. Each save is a new version that never changes; `latest_version` moves
-- under a row lock, so a save based on an older version is refused (optimistic concurrency).
CREATE TABLE research_canvases (
  id              uuid PRIMARY KEY,
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  kind            text NOT NULL CHECK (kind IN ('sizing', 'competitors')),
  title           text NOT NULL,
  latest_version  integer NOT NULL CHECK (latest_version >= 1),
  created_by      uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX research_canvases_engagement ON research_canvases (engagement_id, kind, updated_at DESC);

CREATE TABLE research_canvas_versions (
  canvas_id   uuid NOT NULL REFERENCES research_canvases (id),
  version     integer NOT NULL CHECK (version >= 1),
  body        jsonb NOT NULL,
  note        text NOT NULL,
  saved_by    uuid NOT NULL REFERENCES users (id),
  saved_at    timestamptz NOT NULL,
  PRIMARY KEY (canvas_id, version)
);
