-- A provider's internal staffing plan of a proposal (issue #14; decision 0011, addendum "Staffing
-- plans and the award"): which of its people it means to put on the engagement, with planned minutes
-- per ISO week. Provider-only: no client view, list, export, notification or audit event reads it.
-- Open bids' plans count as tentative load; on the award the winner's becomes the team and its
-- allocations (the outcome is kept here for the provider's managers); losing bids' plans are deleted.
CREATE TABLE proposal_staffing (
  proposal_id     uuid NOT NULL REFERENCES proposals (id),
  org_id          uuid NOT NULL REFERENCES organizations (id),
  user_id         uuid NOT NULL REFERENCES users (id),
  role            text NOT NULL CHECK (role IN ('lead', 'analyst')),
  -- [{ "week": "YYYY-MM-DD" (a Monday), "minutes": n }], in week order.
  weeks           jsonb NOT NULL,
  -- Set by the award: staffed, or left out (a legal maximum, a conflict, no longer a member).
  outcome         text CHECK (outcome IN ('staffed', 'left_out')),
  outcome_reason  text,
  -- The load warnings the award's plan raised for the person (LoadWarning[]), for the managers.
  warnings        jsonb,
  PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX proposal_staffing_person ON proposal_staffing (org_id, user_id);
