-- The engagement list's text search of one or two characters by index (issue #15; decision 0019).
-- A trigram index (0033) cannot serve a pattern shorter than three characters, and Japanese users
-- search by two-character words (特許, 市場, 調査) as often as by longer ones: without an index the
-- viewer's visible rows were walked until a page matched. name_grams lists every one- and
-- two-character piece of a name, lower-cased as ILIKE compares: a name that contains q holds every
-- piece of lower(q), so `name_grams(name) @> ARRAY[lower(q)]` finds its candidates by a GIN index
-- (GIN's array containment needs no recheck, so the function is not run again for the rows it
-- finds); the list's ILIKE stays the exact test.
-- A loop (5 µs a name here) rather than generate_series and array_agg (12 µs): the planner may walk
-- a client's few visible rows and compute it for each.
CREATE FUNCTION name_grams(name text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  folded text := lower(name);
  len int := char_length(folded);
  grams text[] := '{}';
BEGIN
  FOR i IN 1..len LOOP
    grams := grams || substr(folded, i, 1);
    IF i < len THEN
      grams := grams || substr(folded, i, 2);
    END IF;
  END LOOP;
  RETURN grams;
END
$$;

-- A provider searches the name it is shown; a client either name, so its index holds the pieces of
-- both, joined by a line break (a search of one or two characters, trimmed, never holds one, so a
-- piece across the join never matches).
CREATE INDEX engagements_shown_name_grams ON engagements USING gin (name_grams(coalesce(code_name, title))) WITH (fastupdate = off);
CREATE INDEX engagements_either_name_grams ON engagements USING gin (name_grams(title || chr(10) || coalesce(code_name, '')))
  WITH (fastupdate = off);

-- The planner needs the new expressions' statistics now: autovacuum analyses a table only after
-- enough of its rows change, and PGlite has no autovacuum.
ANALYZE engagements;
