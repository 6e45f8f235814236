// What one create costs: the app in-process over a Kysely that logs every query, on the database
// bench/engagements/writes.ts seeded (run that first; the server need not run). For a question and a
// status update (and, for comparison, a GET of the engagement): queries per request with their SQL,
// and the process's CPU per request over a few hundred requests one at a time.
//
//   BENCH_PG_DB=kpo_bench_writes node --import tsx bench/engagements/write-queries.ts
//
// Settings: BENCH_PG_URL, BENCH_PG_DB (as writes.ts), BENCH_REPEAT (200), BENCH_SHOW_SQL=1 prints every query.
import { Kysely, type LogEvent, PostgresDialect } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../src/infra/config.js';
import { type Database, openDatabase } from '../../src/infra/db/database.js';
import type { DB } from '../../src/infra/db/schema.js';
import { createRuntime } from '../../src/runtime.js';
import { createApp } from '../../src/server/app.js';
import { BENCH_PASSWORD } from './world.js';

const env = process.env;
const PG_URL = (env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const PG_DB = env.BENCH_PG_DB ?? 'kpo_bench_writes';
const REPEAT = Number(env.BENCH_REPEAT ?? 200);
const url = `${PG_URL}/${PG_DB}`;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

const config = loadConfig({ DATABASE_URL: url, KPO_LOG_LEVEL: 'silent' });
const base = await openDatabase({ kind: 'postgres', url });
const pool = new pg.Pool({ connectionString: url, max: 10 });
let log: string[] = [];
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  log: (e: LogEvent) => {
    log.push(squash(e.query.sql).slice(0, 160));
  },
});
const database: Database = { ...base, db, close: async () => {} };
const rt = await createRuntime(config, { database, migrate: false });
const { app } = createApp(rt, { webDir: null });

async function signIn(email: string) {
  const res = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  const session = (await (await app.request('/api/session', { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
}

const inProgress = async (email: string) =>
  (
    await pool.query<{ id: string }>(
      `SELECT e.id FROM engagements e JOIN memberships m ON m.org_id IN (e.client_org_id, e.awarded_provider_org_id)
         JOIN users u ON u.id = m.user_id WHERE u.email = $1 AND e.status = 'in_progress' ORDER BY e.id LIMIT 50`,
      [email],
    )
  ).rows.map((r) => r.id);

const asker = await signIn('admin@c01.bench.example');
const manager = await signIn('manager1@p01.bench.example');
const askIn = await inProgress('admin@c01.bench.example');
const updateIn = await inProgress('manager1@p01.bench.example');
let n = 0;
const cases = [
  {
    name: 'POST question',
    run: (i: number, key?: string) =>
      app.request(`/api/engagements/${askIn[i % askIn.length]}/questions`, {
        method: 'POST',
        headers: { ...asker, ...(key && { 'idempotency-key': key }) },
        body: JSON.stringify({ title: `Profile question ${++n}`, body: 'Which figures should the summary use?' }),
      }),
  },
  {
    name: 'POST status update',
    run: (i: number, key?: string) =>
      app.request(`/api/engagements/${updateIn[i % updateIn.length]}/updates`, {
        method: 'POST',
        headers: { ...manager, ...(key && { 'idempotency-key': key }) },
        body: JSON.stringify({
          progressPct: 40,
          rag: 'green',
          done: 'Interviews done.',
          next: 'Draft the summary.',
          blockers: '',
          risks: '',
        }),
      }),
  },
  { name: 'GET engagement', run: (i: number) => app.request(`/api/engagements/${askIn[i % askIn.length]}`, { headers: asker }) },
];

const results: Record<string, unknown> = {};
for (const c of cases) {
  for (const key of [undefined, 'with key']) {
    if (key && c.name.startsWith('GET')) continue;
    const label = key ? `${c.name} (Idempotency-Key)` : c.name;
    await c.run(0, key && crypto.randomUUID());
    await rt.store.sealAudit();
    log = [];
    const res = await c.run(1, key && crypto.randomUUID());
    const body = await res.text();
    await rt.store.sealAudit();
    const queries = [...log];
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < REPEAT; i++) await (await c.run(i, key && crypto.randomUUID())).arrayBuffer();
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - t;
    const r = {
      status: res.status,
      responseBytes: body.length,
      queries: queries.length,
      cpuMsPerRequest: Math.round(((used.user + used.system) / 1000 / REPEAT) * 100) / 100,
      wallMsPerRequest: Math.round((wall / REPEAT) * 100) / 100,
    };
    results[label] = r;
    console.log(`${label}: ${JSON.stringify(r)}`);
    if (env.BENCH_SHOW_SQL === '1') for (const q of queries) console.log(`    ${q}`);
  }
}
await rt.close();
await pool.end();
await base.close();
