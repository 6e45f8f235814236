-- Patent corpora and their search index (issue #12, docs/decisions/0009-patent-search-index.md).
-- A corpus belongs to the platform (engagement_id NULL) or to one engagement. Each patent has a
-- document number dense within its corpus; the posting blocks name patents by that number. A
-- patent re-imported with other content gets a new number and its old one is listed in
-- removed_doc_nos, so the old postings stop counting until the blocks are merged again.
CREATE TABLE patent_corpora (
  id               uuid PRIMARY KEY,
  name             text NOT NULL,
  engagement_id    uuid REFERENCES engagements (id),
  documents        integer NOT NULL DEFAULT 0 CHECK (documents >= 0),
  -- The sum of the patents' weighted lengths: BM25's average document length is this ÷ documents.
  total_length     double precision NOT NULL DEFAULT 0,
  next_doc_no      integer NOT NULL DEFAULT 0,
  next_block       integer NOT NULL DEFAULT 0,
  removed_doc_nos  integer[] NOT NULL DEFAULT '{}',
  created_by       uuid REFERENCES users (id),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX patent_corpora_name
  ON patent_corpora (COALESCE(engagement_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));

CREATE TABLE patents (
  corpus_id            uuid NOT NULL REFERENCES patent_corpora (id),
  doc_no               integer NOT NULL CHECK (doc_no >= 0),
  number               text NOT NULL,
  content_sha256       text NOT NULL,
  record               jsonb NOT NULL,
  title                text NOT NULL,
  language             text NOT NULL,
  publication_date     date NOT NULL,
  priority_date        date,
  -- Every level of every CPC and IPC code (A61, A61B, A61B 5/00, A61B 5/02): a filter on any level is one GIN lookup.
  classification_keys  text[] NOT NULL,
  length               real NOT NULL,
  imported_at          timestamptz NOT NULL,
  PRIMARY KEY (corpus_id, doc_no),
  UNIQUE (corpus_id, number)
);
CREATE INDEX patents_classification ON patents USING gin (classification_keys);
CREATE INDEX patents_published ON patents (corpus_id, publication_date);

-- One row per term and import batch. The lists are base64 text, not bytea: node-postgres reads bytea
-- as hex (twice the bytes of the data), and logical backups carry text as it is.
CREATE TABLE patent_postings (
  corpus_id  uuid NOT NULL REFERENCES patent_corpora (id),
  term       text NOT NULL,
  block      integer NOT NULL,
  documents  integer NOT NULL CHECK (documents > 0),
  postings   text NOT NULL,
  positions  text NOT NULL,
  PRIMARY KEY (corpus_id, term, block)
);
