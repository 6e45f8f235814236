-- The audit log refuses TRUNCATE as it refuses UPDATE and DELETE: wiping the log and writing a
-- shorter chain back would otherwise leave no trace inside the database. (Anchors kept outside
-- the database — `kpo audit verify --anchor` — catch what a database owner can still do.)
CREATE FUNCTION audit_events_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_no_truncate();
