-- The document vault (issue #9): every file of an engagement, encrypted under a data key of its
-- own engagement. The data key is stored here only wrapped (sealed) by the master key, which is
-- never in the database; destroying the wrapped key makes every blob of the engagement unreadable.

CREATE TABLE vault_keys (
  engagement_id  uuid PRIMARY KEY REFERENCES engagements (id),
  key_id         text NOT NULL,
  sealed_key     text,
  created_at     timestamptz NOT NULL,
  destroyed_at   timestamptz,
  destroyed_by   uuid REFERENCES users (id),
  CHECK ((sealed_key IS NULL) = (destroyed_at IS NOT NULL))
);

-- Encrypted blobs when they live in PostgreSQL (KPO_VAULT_STORE=postgres): chunked rows, so a large
-- file never sits whole in one value. A blob with no document version after the clean-up delay is an
-- abandoned upload and is removed.
CREATE TABLE vault_blobs (
  id             uuid PRIMARY KEY,
  engagement_id  uuid NOT NULL,
  created_at     timestamptz NOT NULL,
  complete       boolean NOT NULL DEFAULT false
);
CREATE INDEX vault_blobs_engagement ON vault_blobs (engagement_id);

CREATE TABLE vault_blob_chunks (
  blob_id  uuid NOT NULL REFERENCES vault_blobs (id) ON DELETE CASCADE,
  seq      integer NOT NULL,
  data     bytea NOT NULL,
  PRIMARY KEY (blob_id, seq)
);

CREATE TABLE documents (
  id              uuid PRIMARY KEY,
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  name            text NOT NULL,
  -- Names compare without case and width differences: "Report.pdf" and "report.pdf" are one document.
  name_key        text NOT NULL,
  classification  text NOT NULL CHECK (classification IN ('public', 'internal', 'confidential', 'strictly_confidential')),
  uploaded_side   text NOT NULL CHECK (uploaded_side IN ('client', 'provider')),
  -- A pseudonymised copy points at the document it was made from.
  source_document_id uuid REFERENCES documents (id),
  latest_version  integer NOT NULL,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  destroyed_at    timestamptz,
  UNIQUE (engagement_id, uploaded_side, name_key)
);
CREATE INDEX documents_engagement ON documents (engagement_id, updated_at DESC);

CREATE TABLE document_versions (
  document_id   uuid NOT NULL REFERENCES documents (id),
  version       integer NOT NULL,
  blob_id       uuid NOT NULL UNIQUE,
  kind          text NOT NULL,
  media_type    text NOT NULL,
  size_bytes    bigint NOT NULL,
  sha256        text NOT NULL,
  note          text NOT NULL DEFAULT '',
  uploaded_by   uuid REFERENCES users (id),
  uploaded_at   timestamptz NOT NULL,
  PRIMARY KEY (document_id, version)
);

CREATE TABLE document_grants (
  id              uuid PRIMARY KEY,
  document_id     uuid NOT NULL REFERENCES documents (id),
  engagement_id   uuid NOT NULL REFERENCES engagements (id),
  -- A person, or the provider's engagement team (whoever is on it at the time of access).
  grantee_kind    text NOT NULL CHECK (grantee_kind IN ('user', 'team')),
  grantee_user_id uuid REFERENCES users (id),
  access          text NOT NULL CHECK (access IN ('view', 'download')),
  granted_by      uuid REFERENCES users (id),
  granted_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  ended_at        timestamptz,
  ended_by        uuid REFERENCES users (id),
  end_reason      text CHECK (end_reason IN ('revoked', 'engagement_ended', 'destroyed')),
  last_used_at    timestamptz,
  CHECK ((grantee_kind = 'user') = (grantee_user_id IS NOT NULL)),
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX document_grants_document ON document_grants (document_id) WHERE ended_at IS NULL;
CREATE INDEX document_grants_engagement ON document_grants (engagement_id);

-- Every view and download, with the id its watermark's fingerprint carries (kpo vault trace).
CREATE TABLE document_accesses (
  id             uuid PRIMARY KEY,
  document_id    uuid NOT NULL REFERENCES documents (id),
  version        integer NOT NULL,
  engagement_id  uuid NOT NULL REFERENCES engagements (id),
  user_id        uuid REFERENCES users (id),
  org_id         uuid REFERENCES organizations (id),
  grant_id       uuid REFERENCES document_grants (id),
  mode           text NOT NULL CHECK (mode IN ('view', 'download')),
  watermarked    boolean NOT NULL,
  at             timestamptz NOT NULL
);
CREATE INDEX document_accesses_document ON document_accesses (document_id, at DESC);
