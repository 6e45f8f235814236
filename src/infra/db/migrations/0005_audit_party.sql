-- An engagement's events concern two organisations: the client (org_id) and its provider
-- (party_org_id). Both sides' auditors see them. Hashed only when present (core/audit/chain.ts),
-- so the events already in the chain keep their hashes.
ALTER TABLE audit_events ADD COLUMN party_org_id uuid;
CREATE INDEX audit_events_party ON audit_events (party_org_id, seq DESC) WHERE party_org_id IS NOT NULL;
