-- When the SLA watch next needs to look at an engagement: the next deadline, reminder or
-- escalation (core/engagements/oversight.ts nextSlaCheckAt), or "now" (the epoch) after any change.
-- The watch then reads only engagements that are due instead of every open one each minute.
ALTER TABLE engagements ADD COLUMN sla_check_due_at timestamptz DEFAULT TIMESTAMPTZ '1970-01-01 00:00:00+00';
CREATE INDEX engagements_sla_check_due ON engagements (sla_check_due_at) WHERE sla_check_due_at IS NOT NULL;
