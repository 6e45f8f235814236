-- Who sees which engagement in the list, kept as rows (docs/decisions/0013-engagement-list-keyset.md):
-- one row per organisation that stands on an engagement — its client; the awarded provider; an
-- invited provider while its bid is open or once it is over — with what that organisation is shown
-- (core/access/engagement-rules.ts standingOn/statusSeenBy: a bidder never learns a competitor
-- submitted; a former bidder sees no status and the time its bid ended). The list pages through
-- the index (org_id, activity_at DESC, engagement_id) instead of joining invitations and sorting
-- every visible engagement on each request. Triggers keep the rows in the same transaction as the
-- change that moves them, so no write path can forget.

CREATE TABLE engagement_visibility (
  org_id         uuid NOT NULL,
  engagement_id  uuid NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
  activity_at    timestamptz NOT NULL,
  shown_status   text,
  bid_over       boolean NOT NULL,
  PRIMARY KEY (org_id, engagement_id)
);
CREATE INDEX engagement_visibility_page ON engagement_visibility (org_id, activity_at DESC, engagement_id);
CREATE INDEX engagement_visibility_engagement ON engagement_visibility (engagement_id);

-- The one definition of the rows; the triggers and the backfill below read it.
CREATE VIEW engagement_visibility_source AS
  SELECT e.client_org_id AS org_id, e.id AS engagement_id, e.updated_at AS activity_at, e.status AS shown_status, false AS bid_over
  FROM engagements e
UNION ALL
  SELECT e.awarded_provider_org_id, e.id, e.updated_at, e.status, false
  FROM engagements e
  WHERE e.awarded_provider_org_id IS NOT NULL
UNION ALL
  SELECT ep.provider_org_id, e.id,
    CASE WHEN ep.status IN ('declined', 'not_awarded', 'cancelled') THEN ep.status_changed_at ELSE e.updated_at END,
    CASE
      WHEN ep.status IN ('declined', 'not_awarded', 'cancelled') THEN NULL
      WHEN e.status IN ('requested', 'proposing') THEN (CASE WHEN ep.status = 'proposed' THEN 'proposing' ELSE 'requested' END)
      ELSE e.status
    END,
    ep.status IN ('declined', 'not_awarded', 'cancelled')
  FROM engagements e
  JOIN engagement_providers ep ON ep.engagement_id = e.id
  WHERE e.awarded_provider_org_id IS DISTINCT FROM ep.provider_org_id
    AND (ep.status IN ('declined', 'not_awarded', 'cancelled')
      OR e.status IN ('requested', 'proposing')
      OR (e.status = 'on_hold' AND e.held_from IN ('requested', 'proposing')));

-- The engagements' row locks first: two writers refreshing one engagement take turns, so the second
-- deletes what the first inserted instead of colliding with it (the services lock the row already).
CREATE FUNCTION engagement_visibility_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  SELECT 1 FROM engagements WHERE id = ANY (ids) ORDER BY id FOR UPDATE;
  DELETE FROM engagement_visibility WHERE engagement_id = ANY (ids);
  INSERT INTO engagement_visibility (org_id, engagement_id, activity_at, shown_status, bid_over)
    SELECT org_id, engagement_id, activity_at, shown_status, bid_over FROM engagement_visibility_source WHERE engagement_id = ANY (ids);
$$;

-- New engagements, in bulk (the bench seeds 100,000 in a few statements): once per statement.
CREATE FUNCTION engagement_visibility_engagements_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM engagement_visibility_refresh(ARRAY(SELECT id FROM inserted));
  RETURN NULL;
END $$;
CREATE TRIGGER engagement_visibility_on_insert AFTER INSERT ON engagements
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION engagement_visibility_engagements_inserted();

-- A change to what the rows show; other columns (the derived figures, reminders) leave them be.
CREATE FUNCTION engagement_visibility_engagement_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM engagement_visibility_refresh(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
CREATE TRIGGER engagement_visibility_on_update AFTER UPDATE ON engagements FOR EACH ROW
  WHEN ((OLD.client_org_id, OLD.status, OLD.held_from, OLD.awarded_provider_org_id, OLD.updated_at)
    IS DISTINCT FROM (NEW.client_org_id, NEW.status, NEW.held_from, NEW.awarded_provider_org_id, NEW.updated_at))
  EXECUTE FUNCTION engagement_visibility_engagement_changed();

CREATE FUNCTION engagement_visibility_invitations_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM engagement_visibility_refresh(ARRAY(SELECT DISTINCT engagement_id FROM inserted));
  RETURN NULL;
END $$;
CREATE TRIGGER engagement_visibility_on_invitation_insert AFTER INSERT ON engagement_providers
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION engagement_visibility_invitations_inserted();

CREATE FUNCTION engagement_visibility_invitation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM engagement_visibility_refresh(ARRAY[OLD.engagement_id]);
  ELSE
    PERFORM engagement_visibility_refresh(ARRAY[OLD.engagement_id, NEW.engagement_id]);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER engagement_visibility_on_invitation_change AFTER UPDATE OR DELETE ON engagement_providers FOR EACH ROW
  EXECUTE FUNCTION engagement_visibility_invitation_changed();

INSERT INTO engagement_visibility (org_id, engagement_id, activity_at, shown_status, bid_over)
  SELECT org_id, engagement_id, activity_at, shown_status, bid_over FROM engagement_visibility_source;
