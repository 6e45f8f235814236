-- The audit log is listed in time order, newest first, with seq breaking ties (the page cursor
-- is the pair): the demo and restores write events whose times do not follow seq. Each filter's
-- index gains (occurred_at, seq), so a page is read in order from the index and the cursor's row
-- comparison (occurred_at, seq) < (…) is a range on it. The seq-ordered indexes they replace served
-- only the listing; the chain itself is walked by the primary key.
CREATE INDEX audit_events_time_seq ON audit_events (occurred_at, seq);
CREATE INDEX audit_events_org_time ON audit_events (org_id, occurred_at, seq);
CREATE INDEX audit_events_party_time ON audit_events (party_org_id, occurred_at, seq) WHERE party_org_id IS NOT NULL;
CREATE INDEX audit_events_actor_time ON audit_events (actor_user_id, occurred_at, seq);
CREATE INDEX audit_events_type_time ON audit_events (type, occurred_at, seq);
CREATE INDEX audit_events_resource_time ON audit_events (resource_type, resource_id, occurred_at, seq);
DROP INDEX audit_events_time;
DROP INDEX audit_events_org;
DROP INDEX audit_events_party;
DROP INDEX audit_events_actor;
DROP INDEX audit_events_type;
DROP INDEX audit_events_resource;
