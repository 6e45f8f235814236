-- Need-to-know between providers (docs/security.md).
--
-- 1. A notification is addressed to a person in one organisation: the one the event concerns.
--    Webhooks fire for that organisation only, and the bell shows a person the notifications of the
--    organisation they are signed in to. Older rows get the organisation the person most likely
--    heard it in: the client's, else the awarded provider's, else an invited provider's, else any.
ALTER TABLE notifications ADD COLUMN org_id uuid REFERENCES organizations (id);
UPDATE notifications n SET org_id = (
  SELECT m.org_id
  FROM memberships m
  LEFT JOIN engagements e ON e.id = n.engagement_id
  WHERE m.user_id = n.user_id
  ORDER BY
    CASE
      WHEN m.org_id = e.client_org_id THEN 0
      WHEN m.org_id = e.awarded_provider_org_id THEN 1
      WHEN EXISTS (SELECT 1 FROM engagement_providers ep WHERE ep.engagement_id = e.id AND ep.provider_org_id = m.org_id) THEN 2
      ELSE 3
    END,
    m.created_at
  LIMIT 1
);
DROP INDEX notifications_user;
DROP INDEX notifications_unread;
CREATE INDEX notifications_user ON notifications (user_id, org_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (user_id, org_id) WHERE read_at IS NULL;

-- 2. A bid can end by the client cancelling the engagement; and when each bid's status last
--    changed is what a former bidder sees as the date of the outcome (never the engagement's own
--    activity, which is no longer theirs to follow).
ALTER TABLE engagement_providers DROP CONSTRAINT engagement_providers_status_check;
ALTER TABLE engagement_providers ADD CONSTRAINT engagement_providers_status_check
  CHECK (status IN ('invited', 'proposed', 'declined', 'awarded', 'not_awarded', 'cancelled'));
ALTER TABLE engagement_providers ADD COLUMN status_changed_at timestamptz;
UPDATE engagement_providers ep SET status_changed_at = COALESCE(
  (SELECT p.updated_at FROM proposals p WHERE p.engagement_id = ep.engagement_id AND p.provider_org_id = ep.provider_org_id),
  ep.invited_at
);
ALTER TABLE engagement_providers ALTER COLUMN status_changed_at SET NOT NULL;
-- Engagements cancelled while proposals were open: their open bids ended with the cancellation.
UPDATE engagement_providers ep SET status = 'cancelled', status_changed_at = e.updated_at
FROM engagements e
WHERE e.id = ep.engagement_id
  AND e.status = 'cancelled'
  AND e.awarded_provider_org_id IS NULL
  AND ep.status IN ('invited', 'proposed')
  AND EXISTS (
    SELECT 1 FROM audit_events a
    WHERE a.resource_type = 'engagement' AND a.resource_id = e.id::text
      AND a.type = 'engagement.transitioned' AND a.data ->> 'action' = 'request'
  );
