import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/schema.js';
import type { Logger } from '../logger.js';

type Rows = { rows: Record<string, unknown>[] };

/**
 * The `db` pg-boss runs its SQL through (its `{ executeSql(text, values) }` option), with three
 * guards pg-boss does not have:
 *
 * - **A failed `BEGIN; …; COMMIT;` is rolled back.** pg-boss sends its schema creation and
 *   maintenance as one multi-statement string. When a statement in it fails, PostgreSQL leaves the
 *   session inside an aborted transaction. pg-boss's own pool throws such a connection away; on
 *   PGlite there is only one connection, shared with every request, and every later query would
 *   fail with "current transaction is aborted". The same connection is rolled back at once.
 * - **Completing or failing a job never rejects.** pg-boss's worker loop calls `complete()` and
 *   `fail()` without awaiting them; a database error there would be an unhandled rejection, which
 *   ends a Node process. Those two statements are logged and reported as having changed nothing;
 *   the job then expires and pg-boss retries or fails it.
 * - **After `close()`, nothing reaches the database**: late timers of a stopping pg-boss get empty
 *   results instead of errors from a closed database.
 */
export interface JobsExecutor {
  executeSql(text: string, values?: unknown[]): Promise<Rows>;
  /** Resolves once no statement is in flight (or after `timeoutMs`). */
  drain(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** pg-boss 10.4's completeJobs and failJobsById statements (runner.test.ts checks them against pg-boss). */
const COMPLETE_OR_FAIL =
  /^\s*WITH results AS \(\s*UPDATE \S+\.job\s+SET completed_on = now\(\),\s*state = 'completed'|^\s*WITH deleted_jobs AS \(/;
const STARTS_TRANSACTION = /(^|;)\s*BEGIN\s*;/i;
const EMPTY: Rows = { rows: [] };
const NO_CHANGE: Rows = { rows: [{ count: 0 }] };

function guarded(run: (text: string, values: unknown[]) => Promise<Rows>, logger: Logger, onClose: () => Promise<void>): JobsExecutor {
  let closed = false;
  let inFlight = 0;
  return {
    async executeSql(text, values = []) {
      if (closed) return COMPLETE_OR_FAIL.test(text) ? NO_CHANGE : EMPTY;
      inFlight++;
      try {
        return await run(text, values);
      } catch (err) {
        if (closed) return COMPLETE_OR_FAIL.test(text) ? NO_CHANGE : EMPTY;
        if (COMPLETE_OR_FAIL.test(text)) {
          logger.warn('jobs: could not record a job result; it will expire and be retried', { error: (err as Error).message });
          return NO_CHANGE;
        }
        throw err;
      } finally {
        inFlight--;
      }
    },
    async drain(timeoutMs) {
      const until = Date.now() + timeoutMs;
      // Quiet twice in a row: a statement that finishes often starts the next one on the same tick.
      let quiet = 0;
      while (quiet < 2 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 10));
        quiet = inFlight === 0 ? quiet + 1 : 0;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await onClose();
    },
  };
}

/** Runs pg-boss through the runtime's Kysely pool: PGlite's single connection (or a shared PostgreSQL pool). */
export function kyselyExecutor(db: Kysely<DB>, logger: Logger): JobsExecutor {
  return guarded(
    (text, values) =>
      db.connection().execute(async (conn) => {
        try {
          const r = await conn.executeQuery(CompiledQuery.raw(text, values));
          return { rows: r.rows as Record<string, unknown>[] };
        } catch (err) {
          if (STARTS_TRANSACTION.test(text)) await conn.executeQuery(CompiledQuery.raw('ROLLBACK', [])).catch(() => undefined);
          throw err;
        }
      }),
    logger,
    async () => undefined,
  );
}

/** Runs pg-boss on a small pool of its own (PostgreSQL), so jobs never wait behind requests. */
export function poolExecutor(connectionString: string, poolSize: number, logger: Logger): JobsExecutor {
  const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'kpo-jobs' });
  // An idle connection dropped by the server: log it; the pool opens another.
  pool.on('error', (err) => logger.warn('jobs: database connection lost', { error: err.message }));
  return guarded(
    async (text, values) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        const r = await client.query(text, values);
        return { rows: r.rows as Record<string, unknown>[] };
      } catch (err) {
        if (STARTS_TRANSACTION.test(text)) {
          // Inside an aborted transaction: roll it back, or do not give the connection back.
          await client.query('ROLLBACK').catch((e: Error) => {
            broken = e;
          });
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    logger,
    () => pool.end(),
  );
}
