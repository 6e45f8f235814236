import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The extensions the migrations create (0033: pg_trgm for the engagement list's text search).
 * Every PGlite that opens a kpo data directory must load them: an index of an extension that is not
 * loaded fails the first write to its table.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };
