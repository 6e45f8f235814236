-- A provider's median answer time across all its engagements (the control figures' "own average",
-- issue #15): a percentile over every client question the provider answered, which grows with the
-- provider (11 ms for 5,500 engagements on the bench). Kept here and computed again by the first
-- view after it is PROVIDER_ANSWER_STATS_MAX_AGE_MS old (core/engagements/oversight.ts). Derived:
-- not in backups; a restored instance computes it on the first view.
CREATE TABLE provider_answer_stats (
  provider_org_id     uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  median_answer_hours double precision,
  computed_at         timestamptz NOT NULL
);
