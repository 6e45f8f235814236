-- Saved patent searches (issue #12): the 母集合 of a search report. A search is a list of steps, each
-- a formula (query + corpus + filters) with the hit count the server computed when it was saved;
-- every save is a new version, so a report can cite the steps and counts as they were.
CREATE TABLE patent_saved_searches (
  id              uuid PRIMARY KEY,
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  title           text NOT NULL,
  latest_version  integer NOT NULL CHECK (latest_version >= 1),
  created_by      uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX patent_saved_searches_engagement ON patent_saved_searches (engagement_id, updated_at DESC);

CREATE TABLE patent_saved_search_versions (
  search_id  uuid NOT NULL REFERENCES patent_saved_searches (id),
  version    integer NOT NULL CHECK (version >= 1),
  -- [{label, query, corpusId, publishedBefore, classification, hits, corpusDocuments}]
  steps      jsonb NOT NULL,
  note       text,
  saved_by   uuid NOT NULL REFERENCES users (id),
  saved_at   timestamptz NOT NULL,
  PRIMARY KEY (search_id, version)
);

CREATE INDEX patent_corpora_engagement ON patent_corpora (engagement_id);
