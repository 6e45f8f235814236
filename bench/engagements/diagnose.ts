// Why an endpoint costs what it does: the same app in-process over a Kysely that logs every query
// (count, SQL, time), then EXPLAIN (ANALYZE, BUFFERS) of the heaviest queries on the same database.
// Runs after the load phase, with the server stopped (a PGlite data directory has one owner).
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, type LogEvent, PostgresDialect } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../src/infra/config.js';
import { type Database, openDatabase } from '../../src/infra/db/database.js';
import type { DB } from '../../src/infra/db/schema.js';
import { createRuntime } from '../../src/runtime.js';
import { createApp } from '../../src/server/app.js';
import { BENCH_PASSWORD } from './world.js';

export interface QueryLog {
  sql: string;
  params: readonly unknown[];
  ms: number;
}

export interface EndpointDiagnosis {
  name: string;
  path: string;
  status: number;
  /** Queries one request issues (session check included). */
  queries: number;
  /** Sum of the queries' times (they partly overlap on PostgreSQL, never on PGlite). */
  dbMs: number;
  /** The heaviest queries of the request, slowest first. */
  top: { sql: string; ms: number }[];
}

export interface Explained {
  label: string;
  sql: string;
  plan: string;
  executionMs: number | null;
}

export interface Diagnosis {
  endpoints: EndpointDiagnosis[];
  explained: Explained[];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The queries a group of requests issues, from a logging Kysely over the backend's own pool. */
export async function diagnose(
  env: Record<string, string>,
  requests: { name: string; user: string; path: string }[],
  explain: { label: string; endpoint: string; match: RegExp }[],
): Promise<Diagnosis> {
  const config = loadConfig({ ...env, KPO_LOG_LEVEL: 'silent' });
  const base = await openDatabase(
    config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir },
  );
  const pool = base.pglite
    ? new pg.Pool(createPgConfig(base.pglite) as unknown as pg.PoolConfig)
    : new pg.Pool({ connectionString: config.databaseUrl ?? '', max: 10 });
  let log: QueryLog[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e: LogEvent) => {
      log.push({ sql: squash(e.query.sql), params: e.query.parameters, ms: e.queryDurationMillis });
    },
  });
  const database: Database = { ...base, db, close: async () => {} };
  const rt = await createRuntime(config, { database, migrate: false });
  const { app } = createApp(rt, { webDir: null });
  const cookies = new Map<string, string>();
  try {
    for (const user of new Set(requests.map((r) => r.user))) {
      const res = await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user, password: BENCH_PASSWORD }),
      });
      const cookie = res.headers.get('set-cookie')?.split(';')[0];
      if (res.status !== 200 || !cookie) throw new Error(`in-process sign-in as ${user}: ${res.status}`);
      cookies.set(user, cookie);
    }
    const endpoints: EndpointDiagnosis[] = [];
    const captured = new Map<string, QueryLog[]>();
    for (const r of requests) {
      const headers = { cookie: cookies.get(r.user) ?? '' };
      let status = 0;
      // Warm once, then keep the median run (by total DB time) of five.
      await app.request(r.path, { headers });
      const runs: QueryLog[][] = [];
      for (let i = 0; i < 5; i++) {
        log = [];
        status = (await app.request(r.path, { headers })).status;
        runs.push(log);
      }
      const total = (qs: QueryLog[]) => qs.reduce((s, q) => s + q.ms, 0);
      runs.sort((a, b) => total(a) - total(b));
      const median = runs[2] ?? [];
      captured.set(r.name, median);
      endpoints.push({
        name: r.name,
        path: r.path,
        status,
        queries: median.length,
        dbMs: total(median),
        top: [...median]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 3)
          .map((q) => ({ sql: q.sql.slice(0, 400), ms: q.ms })),
      });
    }
    const explained: Explained[] = [];
    for (const x of explain) {
      const q = (captured.get(x.endpoint) ?? []).find((c) => x.match.test(c.sql));
      if (!q) continue;
      const res = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.params]);
      const plan = res.rows.map((row) => row['QUERY PLAN']).join('\n');
      const m = /Execution Time: ([\d.]+) ms/.exec(plan);
      explained.push({ label: x.label, sql: q.sql, plan, executionMs: m ? Number(m[1]) : null });
    }
    return { endpoints, explained };
  } finally {
    await db.destroy();
    await base.close();
  }
}
