-- Notification delivery: an organisation's signed webhooks, and the outbox of e-mails and webhook
-- calls that NotificationRepo.create() queues in the same transaction as the in-app notification.
-- Written for both PostgreSQL 15 (Debian) and PostgreSQL 18 (PGlite).

CREATE TABLE webhooks (
  id          uuid PRIMARY KEY,
  org_id      uuid NOT NULL REFERENCES organizations (id),
  url         text NOT NULL CHECK (url ~ '^https?://'),
  -- The HMAC key. Kept as is: signing needs it back; it is shown once, when the webhook is created.
  secret      text NOT NULL,
  kinds       text[] NOT NULL CHECK (cardinality(kinds) > 0),
  active      boolean NOT NULL DEFAULT true,
  created_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  -- Deleting keeps the row (its deliveries stay listed) and stops every pending delivery.
  deleted_at  timestamptz,
  deleted_by  uuid REFERENCES users (id)
);
CREATE INDEX webhooks_org ON webhooks (org_id, created_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE notification_deliveries (
  id               uuid PRIMARY KEY,
  -- The notification whose content was sent (for a webhook: the one addressed to a member of the
  -- webhook's organisation); null for a test ping.
  notification_id  uuid REFERENCES notifications (id),
  -- The domain event (NotificationRecord.eventId, any string): the notifications of one change share
  -- it, and a webhook gets one call per event.
  event_id         text NOT NULL,
  kind             text NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('email', 'webhook')),
  -- users.id for e-mail, webhooks.id for a webhook.
  target           uuid NOT NULL,
  payload          jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- When a pending row is due; a claimed row is leased by moving it forward.
  next_attempt_at  timestamptz NOT NULL,
  -- Set by the worker that claimed the row; only that worker records the result.
  claim_token      uuid,
  last_error       text,
  -- HTTP status of the last webhook attempt.
  last_status      integer,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz
);
-- Claiming: pending rows in due order.
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
-- One e-mail per notification, one call per (webhook, event): re-queuing is a no-op.
CREATE UNIQUE INDEX notification_deliveries_email ON notification_deliveries (notification_id) WHERE channel = 'email';
CREATE UNIQUE INDEX notification_deliveries_webhook ON notification_deliveries (target, event_id) WHERE channel = 'webhook';
-- A webhook's recent deliveries; pruning old ones.
CREATE INDEX notification_deliveries_target ON notification_deliveries (target, created_at DESC);
CREATE INDEX notification_deliveries_created ON notification_deliveries (created_at) WHERE status <> 'pending';
