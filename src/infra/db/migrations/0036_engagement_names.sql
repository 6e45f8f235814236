-- The names the engagement list searches, in a table of their own (issue #15; decision 0021).
-- The four GIN indexes of the text search (0033's trigrams, 0035's pieces) were on engagements, and
-- every write that keeps an engagement's derived figures up to date (a question, a status update, the
-- SLA watch) changes indexed columns of that row, so it is never a heap-only update: each such update
-- inserted the title's trigrams and pieces into four GIN indexes again — 0.9 ms of PostgreSQL's time
-- an update against 0.07 without them (2,000 updates, bench/README.md). Names change rarely; the
-- figures on every write. Here the indexes are updated only when a name changes.
CREATE TABLE engagement_names (
  engagement_id uuid PRIMARY KEY REFERENCES engagements (id) ON DELETE CASCADE,
  title text NOT NULL,
  code_name text
);

-- New engagements, in bulk (the bench seeds 100,000 in a few statements): once per statement.
CREATE FUNCTION engagement_names_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO engagement_names (engagement_id, title, code_name) SELECT id, title, code_name FROM inserted;
  RETURN NULL;
END $$;
CREATE TRIGGER engagement_names_on_insert AFTER INSERT ON engagements
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION engagement_names_inserted();

-- A renamed engagement or a new code name; the other columns leave the names be.
CREATE FUNCTION engagement_names_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE engagement_names SET title = NEW.title, code_name = NEW.code_name WHERE engagement_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER engagement_names_on_update AFTER UPDATE OF title, code_name ON engagements FOR EACH ROW
  WHEN ((OLD.title, OLD.code_name) IS DISTINCT FROM (NEW.title, NEW.code_name))
  EXECUTE FUNCTION engagement_names_changed();

-- The names copied once the triggers exist: CREATE TRIGGER holds a lock on engagements that
-- keeps other writers out until this migration commits, so no name written meanwhile is missed
-- (a code name missed would leave a provider searching the real title).
INSERT INTO engagement_names (engagement_id, title, code_name) SELECT id, title, code_name FROM engagements;

-- The same indexes as 0033 and 0035, on the names alone (fastupdate off, as there: a pending list
-- would be read by every search until flushed).
DROP INDEX engagements_title_trgm;
DROP INDEX engagements_shown_name_trgm;
DROP INDEX engagements_shown_name_grams;
DROP INDEX engagements_either_name_grams;
CREATE INDEX engagement_names_title_trgm ON engagement_names USING gin (title gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX engagement_names_shown_trgm ON engagement_names USING gin ((coalesce(code_name, title)) gin_trgm_ops)
  WITH (fastupdate = off);
CREATE INDEX engagement_names_shown_grams ON engagement_names USING gin (name_grams(coalesce(code_name, title)))
  WITH (fastupdate = off);
CREATE INDEX engagement_names_either_grams ON engagement_names USING gin (name_grams(title || chr(10) || coalesce(code_name, '')))
  WITH (fastupdate = off);

-- The planner needs the new table's statistics now (PGlite has no autovacuum).
ANALYZE engagement_names;
