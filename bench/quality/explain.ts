// EXPLAIN (ANALYZE, BUFFERS) of the queries a repository call issues, captured as written (the
// quality queries carry `--` comments, so they cannot be run again from a whitespace-squashed
// copy). Runs with the server stopped, like bench/engagements/diagnose.ts.
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, type LogEvent, PostgresDialect } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../src/infra/config.js';
import { openDatabase } from '../../src/infra/db/database.js';
import type { DB } from '../../src/infra/db/schema.js';
import type { Explained } from '../engagements/diagnose.js';

export interface ExplainCall {
  label: string;
  run: (db: Kysely<DB>) => Promise<unknown>;
}

/** The plan of each call's slowest query, after one warm-up call. */
export async function explainCalls(
  env: Record<string, string>,
  calls: readonly ExplainCall[],
): Promise<(Explained & { queries: number })[]> {
  const config = loadConfig({ ...env, KPO_LOG_LEVEL: 'silent' });
  const base = await openDatabase(
    config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir },
  );
  const pool = base.pglite
    ? new pg.Pool(createPgConfig(base.pglite) as unknown as pg.PoolConfig)
    : new pg.Pool({ connectionString: config.databaseUrl ?? '', max: 4 });
  let log: { sql: string; params: readonly unknown[]; ms: number }[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e: LogEvent) => {
      log.push({ sql: e.query.sql, params: e.query.parameters, ms: e.queryDurationMillis });
    },
  });
  try {
    const out: (Explained & { queries: number })[] = [];
    for (const call of calls) {
      await call.run(db);
      log = [];
      await call.run(db);
      const slowest = [...log].sort((a, b) => b.ms - a.ms)[0];
      if (!slowest) continue;
      const res = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.sql}`, [...slowest.params]);
      const plan = res.rows.map((row) => row['QUERY PLAN']).join('\n');
      const m = /Execution Time: ([\d.]+) ms/.exec(plan);
      out.push({
        label: call.label,
        sql: slowest.sql.replace(/\s+/g, ' ').trim(),
        plan,
        executionMs: m ? Number(m[1]) : null,
        queries: log.length,
      });
    }
    return out;
  } finally {
    await db.destroy();
    await base.close();
  }
}
