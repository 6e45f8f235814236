-- The engagement list's filters by index (docs/decisions/0016-engagement-list-filters-by-index.md,
-- issue #15): the text search, a status, a risk flag. Each gives the planner a small set of
-- engagements to look up in engagement_visibility by its key (org_id, engagement_id), instead of
-- walking the viewer's visible rows until 50 match.

-- Text: `q` is `ILIKE '%…%'` on the name the viewer is shown — a provider the code name when there
-- is one (coalesce(code_name, title)); a client either name, written as
-- `title ILIKE … OR coalesce(code_name, title) ILIKE …` (the same rows) so that these two trigram
-- indexes serve both. pg_trgm is a trusted contrib extension (PostgreSQL 13+: a database owner may
-- create it); PGlite loads it from @electric-sql/pglite/contrib/pg_trgm (src/infra/db/pglite-extensions.ts).
-- A pattern of fewer than three characters has no trigram: the planner then walks the visible rows.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX engagements_title_trgm ON engagements USING gin (title gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX engagements_shown_name_trgm ON engagements USING gin ((coalesce(code_name, title)) gin_trgm_ops) WITH (fastupdate = off);

-- Status: the status the organisation is shown, in page order, so that a rare status is read
-- straight from the index (and counted from it alone).
CREATE INDEX engagement_visibility_status ON engagement_visibility (org_id, shown_status, activity_at DESC, engagement_id);

-- Risk: one index per flag of engagement-repo.ts riskCondition (core riskFlagsAt), partial where
-- the flag needs a status, so an OR of flags is a BitmapOr over the few engagements that carry one.
-- on_hold is engagements_status (0002).
CREATE INDEX engagements_update_due ON engagements (next_update_due_at) WHERE status = 'in_progress';
CREATE INDEX engagements_milestone_due ON engagements (next_milestone_due) WHERE status = 'in_progress';
CREATE INDEX engagements_answer_due ON engagements (next_answer_due_at) WHERE next_answer_due_at IS NOT NULL;
CREATE INDEX engagements_review_due ON engagements (next_review_due_at) WHERE next_review_due_at IS NOT NULL;
CREATE INDEX engagements_over_budget ON engagements (id) WHERE over_budget;
