-- The engagement's pseudonymisation mapping and code names (issue #9.6), sealed under its data key:
-- it stays on the client's side and is destroyed with the key.
CREATE TABLE pii_mappings (
  engagement_id  uuid PRIMARY KEY REFERENCES engagements (id),
  sealed         text NOT NULL,
  updated_at     timestamptz NOT NULL
);

-- Close-out of an engagement's vault (issue #9.9): the client destroys the engagement's data (its
-- data key, then its blobs); what was destroyed is kept here, outside the destroyed key, so the
-- signed destruction certificate can be issued again. The provider attests that its own copies are gone.

CREATE TABLE vault_destructions (
  engagement_id   uuid PRIMARY KEY REFERENCES engagements (id),
  certificate_id  uuid NOT NULL UNIQUE,
  -- What the certificate states: the documents (ids, names, versions, hashes, classes, sizes), the key id.
  record          jsonb NOT NULL,
  destroyed_at    timestamptz NOT NULL,
  destroyed_by    uuid REFERENCES users (id)
);

CREATE TABLE vault_deletion_attestations (
  engagement_id  uuid PRIMARY KEY REFERENCES engagements (id),
  provider_org_id uuid NOT NULL REFERENCES organizations (id),
  attested_by    uuid REFERENCES users (id),
  attested_at    timestamptz NOT NULL,
  statement      text NOT NULL
);
