-- Audited writes append their events without a lock; a sealer links them into the hash chain
-- afterwards, in order, under the head's lock (docs/decisions/0012-audit-sealing.md).
--
-- pos is the order of insertion (a sequence: a rolled-back write leaves a gap in it, which means
-- nothing). seq, prev_hash and hash stay empty until the event is sealed; the sealer gives seq
-- without gaps, so a gap in seq still means a deleted event. Events written before this migration
-- keep their links and get pos = seq.
ALTER TABLE audit_events ADD COLUMN pos bigint;
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
UPDATE audit_events SET pos = seq;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;
CREATE SEQUENCE audit_events_pos_seq OWNED BY audit_events.pos;
SELECT setval('audit_events_pos_seq', coalesce((SELECT max(pos) FROM audit_events), 0) + 1, false);
ALTER TABLE audit_events ALTER COLUMN pos SET DEFAULT nextval('audit_events_pos_seq');
ALTER TABLE audit_events ALTER COLUMN pos SET NOT NULL;

ALTER TABLE audit_events DROP CONSTRAINT audit_events_pkey;
ALTER TABLE audit_events ADD PRIMARY KEY (pos);
CREATE UNIQUE INDEX audit_events_seq ON audit_events (seq);
ALTER TABLE audit_events ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_sealed_whole
  CHECK ((seq IS NULL) = (prev_hash IS NULL) AND (seq IS NULL) = (hash IS NULL));
-- What the sealer reads next: the unsealed events, in order of insertion.
CREATE INDEX audit_events_unsealed ON audit_events (pos) WHERE seq IS NULL;

-- The listing's order is time, then pos (an unsealed event has no seq yet); pos = seq for the
-- events above, so a page cursor given out before keeps its place.
CREATE INDEX audit_events_time_pos ON audit_events (occurred_at, pos);
CREATE INDEX audit_events_org_time_pos ON audit_events (org_id, occurred_at, pos);
CREATE INDEX audit_events_party_time_pos ON audit_events (party_org_id, occurred_at, pos) WHERE party_org_id IS NOT NULL;
CREATE INDEX audit_events_actor_time_pos ON audit_events (actor_user_id, occurred_at, pos);
CREATE INDEX audit_events_type_time_pos ON audit_events (type, occurred_at, pos);
CREATE INDEX audit_events_resource_time_pos ON audit_events (resource_type, resource_id, occurred_at, pos);
DROP INDEX audit_events_time_seq;
DROP INDEX audit_events_org_time;
DROP INDEX audit_events_party_time;
DROP INDEX audit_events_actor_time;
DROP INDEX audit_events_type_time;
DROP INDEX audit_events_resource_time;

-- Still append-only: the one change the application may make is the seal itself — filling an
-- unsealed event's seq and hashes once, nothing else.
CREATE OR REPLACE FUNCTION audit_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The sealer moves the head first, so a seal may only name a place the chain has reached.
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.seq <= (SELECT seq FROM audit_head)
     AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
