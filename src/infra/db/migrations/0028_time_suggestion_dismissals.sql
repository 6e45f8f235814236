-- Suggested time entries (issue #14 point 1; decision 0011, addendum "Suggested entries"). Suggestions
-- are derived on every read from what kpo already records; only a person's "not this one" is kept,
-- so a dismissed suggestion (a day, an engagement, a category) does not come back.

CREATE TABLE time_suggestion_dismissals (
  org_id         uuid NOT NULL REFERENCES organizations (id),
  user_id        uuid NOT NULL REFERENCES users (id),
  engagement_id  uuid NOT NULL REFERENCES engagements (id),
  work_date      date NOT NULL,
  category       text NOT NULL,
  dismissed_at   timestamptz NOT NULL,
  PRIMARY KEY (org_id, user_id, work_date, engagement_id, category)
);
