import pg from 'pg';

/**
 * A node-postgres client that sends each query with parameters as a named prepared statement, so
 * PostgreSQL parses and plans it once per connection instead of on every call
 * (docs/decisions/0017-prepared-statements.md). kpo's queries are built by Kysely, so the same
 * request sends the same SQL text every time; under load, planning was most of what PostgreSQL
 * spent on reading an engagement (0.2–0.5 ms a statement, against 0.06–0.12 ms running it).
 *
 * A connection keeps at most PREPARED_PER_CONNECTION statements: texts that vary with their input
 * (an IN list of n values) would otherwise grow each backend's memory without end; past the cap a
 * text is sent unnamed, as before. A query without parameters (migrations, BEGIN/COMMIT, raw
 * scripts of several statements, which a prepared statement cannot hold) is sent as it was, and so
 * is one of more than PREPARED_MAX_PARAMETERS parameters.
 */
export const PREPARED_PER_CONNECTION = 400;
/**
 * Past this many parameters a statement is sent unnamed: a multi-row insert (an import batch, a
 * restore) is planned in a sliver of the time it runs, and its plan, kept, would hold the whole
 * VALUES list in the backend's memory for as long as the connection lives.
 */
export const PREPARED_MAX_PARAMETERS = 100;

/**
 * Ends a statement whose best plan depends on its values so much that a kept generic plan is a
 * trap: it is sent unnamed and planned on every call. The engagement list's text search is one —
 * its generic plan assumed an average organisation (585 visible rows) and walked a provider's 5,500
 * in page order against every match, 40 ms instead of 1 (decision 0019).
 */
export const PLAN_EACH_TIME = '/* kpo: planned each time */';

export class PreparingClient extends pg.Client {
  private readonly names = new Map<string, string>();
  /** Names given out on this connection (the backend keeps each until the connection ends). */
  private given = 0;

  /** How many statements this connection has prepared (for tests and diagnostics). */
  get preparedCount(): number {
    return this.given;
  }

  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's query() has a dozen overloads; this only re-routes one shape of call.
  override query(config: any, values?: any, callback?: any): any {
    if (
      typeof config === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      values.length <= PREPARED_MAX_PARAMETERS &&
      callback === undefined &&
      !config.endsWith(PLAN_EACH_TIME)
    ) {
      let name = this.names.get(config);
      if (name === undefined && this.given < PREPARED_PER_CONNECTION) {
        name = `kpo_${this.given++}`;
        this.names.set(config, name);
      }
      if (name !== undefined) {
        const text = config;
        return (super.query({ name, text, values }) as Promise<pg.QueryResult>).catch((error: unknown) => {
          // A table the statement reads changed shape (another process migrated it): PostgreSQL refuses
          // the statement's cached plan from now on, so the next call prepares the text afresh.
          if ((error as { code?: string }).code === '0A000' && this.names.get(text) === name) this.names.delete(text);
          throw error;
        });
      }
    }
    return super.query(config, values, callback);
  }
}
