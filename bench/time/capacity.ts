/**
 * The capacity board at scale (issue #14): a provider with 500 people and two years of daily time
 * entries, on embedded PGlite and on PostgreSQL in the same run. Measures the board of the whole
 * provider — the default 12 weeks from the current week, and a whole year — as the route runs it
 * (src/core/time/capacity-service.ts over the real repositories), p50/p95 over repeated reads.
 *
 *   node --import tsx bench/time/capacity.ts [--people 500] [--engagements 120] [--runs 20] [--seed 20261207]
 *
 * The world (seeded, deterministic): one provider, one client, `--engagements` engagements in
 * progress awarded to the provider with three milestones each; every person on two to four of
 * them; an entry of 6–10 h on each working day of the two years before "today" (2026-12-07), on one
 * of their engagements, with a few Saturdays; and a weekly plan per person and engagement from two
 * years back to six months ahead. PostgreSQL needs TEST_DATABASE_URL (or DATABASE_URL): a scratch
 * database is made and dropped. Results: bench/results/capacity-<date>.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { RequestContext } from '../../src/core/access/actor.js';
import { capacityService } from '../../src/core/time/capacity-service.js';
import { addDays, weekStartOf } from '../../src/core/time/weeks.js';
import { type Database, openDatabase } from '../../src/infra/db/database.js';
import { migrate } from '../../src/infra/db/migrate.js';
import { createStore } from '../../src/infra/db/repos.js';
import { Rng } from '../engagements/world.js';

const root = new URL('../../', import.meta.url).pathname;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const PEOPLE = arg('--people', 500);
const ENGAGEMENTS = arg('--engagements', 120);
const RUNS = arg('--runs', 20);
const SEED = arg('--seed', 20261207);
const TODAY = '2026-12-07';
const NOW = new Date(`${TODAY}T03:00:00Z`);
const FIRST_DAY = addDays(TODAY, -730);
const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

interface Backend {
  name: 'pglite' | 'postgres';
  database: Database;
  cleanup(): Promise<void>;
}

async function open(name: Backend['name']): Promise<Backend | null> {
  if (name === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'kpo-bench-capacity-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    await migrate(database.db);
    return { name, database, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!pgUrl) return null;
  const db = `kpo_bench_capacity_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${db}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  await migrate(database.db);
  return {
    name,
    database,
    cleanup: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The world's rows, the same for both backends. */
function world() {
  const rng = new Rng(SEED);
  const at = NOW.toISOString();
  const provider = rng.uuid();
  const client = rng.uuid();
  const owner = rng.uuid();
  const orgs = [
    { id: provider, name: 'ベンチ・リサーチ株式会社', kind: 'provider', created_at: at },
    { id: client, name: 'ベンチ商事株式会社', kind: 'client', created_at: at },
  ];
  const people = Array.from({ length: PEOPLE }, (_, i) => ({ id: rng.uuid(), name: `分析 ${String(i + 1).padStart(3, '0')}` }));
  const users = [{ id: owner, name: '依頼 太郎' }, ...people].map((p, i) => ({
    id: p.id,
    email: `bench-${i}@capacity.example`,
    display_name: p.name,
    password_hash: 'x',
    created_at: at,
    password_changed_at: at,
  }));
  const memberships = [
    { user_id: owner, org_id: client, roles: ['engagement_owner'], created_at: at },
    ...people.map((p, i) => ({ user_id: p.id, org_id: provider, roles: [i % 25 === 0 ? 'delivery_manager' : 'analyst'], created_at: at })),
  ];
  const engagements = Array.from({ length: ENGAGEMENTS }, (_, i) => {
    const start = addDays(FIRST_DAY, rng.int(0, 600));
    return {
      id: rng.uuid(),
      client_org_id: client,
      type: 'market_research',
      title: `案件 ${i + 1}`,
      objectives: '—',
      scope: '—',
      expected_deliverables: JSON.stringify(['Report']),
      classification: 'confidential',
      target_start: start,
      target_end: addDays(start, 300),
      status: 'in_progress',
      awarded_provider_org_id: provider,
      owner_user_id: owner,
      created_at: at,
      updated_at: at,
      version: 1,
    };
  });
  const milestones = engagements.flatMap((e) =>
    [100, 200, 300].map((d, position) => ({
      id: rng.uuid(),
      engagement_id: e.id,
      key: `m${position}`,
      position,
      title: `Milestone ${position + 1}`,
      baseline_due_date: addDays(e.target_start, d),
      due_date: addDays(e.target_start, d + rng.int(-10, 10)),
      weight: 100 / 3,
      deliverables: JSON.stringify(['Memo']),
      status: 'planned',
    })),
  );
  const teamOf = new Map<string, string[]>();
  const team = people.flatMap((p) => {
    const mine = new Set<string>();
    const n = rng.int(2, 4);
    while (mine.size < n) mine.add(rng.pick(engagements).id);
    teamOf.set(p.id, [...mine]);
    return [...mine].map((engagement_id) => ({ engagement_id, user_id: p.id, side: 'provider', role: 'analyst', assigned_at: at }));
  });
  const timesheets: { id: string; org_id: string; user_id: string; week_start: string; status: string; version: number }[] = [];
  const entries: Record<string, unknown>[] = [];
  const allocations: Record<string, unknown>[] = [];
  for (const p of people) {
    const mine = teamOf.get(p.id) ?? [];
    for (let week = weekStartOf(FIRST_DAY); week <= TODAY; week = addDays(week, 7)) {
      const sheet = { id: rng.uuid(), org_id: provider, user_id: p.id, week_start: week, status: 'approved', version: 2 };
      timesheets.push(sheet);
      for (let d = 0; d < 6; d++) {
        const date = addDays(week, d);
        if (date < FIRST_DAY || date > TODAY || (d === 5 && !rng.chance(0.1))) continue;
        entries.push({
          id: rng.uuid(),
          timesheet_id: sheet.id,
          engagement_id: rng.pick(mine),
          org_id: provider,
          user_id: p.id,
          side: 'provider',
          work_date: date,
          category: 'analysis',
          minutes: rng.int(36, 60) * 10,
          note: '',
          created_at: at,
        });
      }
    }
    for (let week = weekStartOf(FIRST_DAY); week <= addDays(TODAY, 182); week = addDays(week, 7)) {
      for (const engagement_id of mine) {
        allocations.push({
          org_id: provider,
          engagement_id,
          user_id: p.id,
          week_start: week,
          minutes: rng.int(8, 20) * 60,
          updated_at: at,
        });
      }
    }
  }
  return { provider, orgs, users, memberships, engagements, milestones, team, timesheets, entries, allocations };
}

async function seed(b: Backend, w: ReturnType<typeof world>): Promise<number> {
  const started = performance.now();
  const db = b.database.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
  const tables: [string, Record<string, unknown>[]][] = [
    ['organizations', w.orgs],
    ['users', w.users],
    ['memberships', w.memberships],
    ['engagements', w.engagements],
    ['milestones', w.milestones],
    ['engagement_team', w.team],
    ['timesheets', w.timesheets],
    ['time_entries', w.entries],
    ['allocations', w.allocations],
  ];
  for (const [table, rows] of tables) {
    for (let i = 0; i < rows.length; i += 2000)
      await db
        .insertInto(table)
        .values(rows.slice(i, i + 2000))
        .execute();
  }
  await b.database.db.executeQuery((await import('kysely')).sql`ANALYZE`.compile(b.database.db));
  return (performance.now() - started) / 1000;
}

const w = world();
const backends = (await Promise.all([open('pglite'), open('postgres')])).filter((b): b is Backend => b !== null);
console.log(
  `Capacity board: ${PEOPLE} people, ${ENGAGEMENTS} engagements, ${w.entries.length} entries, ${w.allocations.length} weekly plans; backends: ${backends.map((b) => b.name).join(', ')}`,
);
const ctx = { actor: { kind: 'system', reason: 'bench' } } as unknown as RequestContext;
const ranges = [
  { name: '12 weeks', query: {} },
  { name: '52 weeks', query: { from: weekStartOf(TODAY), to: addDays(weekStartOf(TODAY), 51 * 7) } },
];
const summary = [];
for (const b of backends) {
  const seconds = await seed(b, w);
  console.log(`  seeded ${b.name} in ${seconds.toFixed(0)} s`);
  const service = capacityService({
    store: createStore(b.database.db),
    clock: { now: () => NOW },
    random: { uuid: () => crypto.randomUUID(), secret: () => randomBytes(16).toString('base64url') },
    audit: async () => {},
  });
  for (const r of ranges) {
    const times: number[] = [];
    let cells = 0;
    for (let i = 0; i < RUNS + 3; i++) {
      const t = performance.now();
      const board = await service.board(ctx, w.provider, r.query);
      const ms = performance.now() - t;
      if (i >= 3) times.push(ms);
      cells = board.people.length * board.weeks.length;
    }
    const sorted = times.sort((x, y) => x - y);
    const s = {
      backend: b.name,
      range: r.name,
      runs: sorted.length,
      cells,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted.at(-1),
    };
    summary.push({ ...s, seedSeconds: seconds });
    console.log(
      `  ${b.name} ${r.name}: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max?.toFixed(0)} ms (${cells} cells)`,
    );
  }
  await b.database.close();
  await b.cleanup();
}
const date = new Date().toISOString().slice(0, 10);
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(
  `${root}bench/results/capacity-${date}.json`,
  `${JSON.stringify(
    {
      date,
      people: PEOPLE,
      engagements: ENGAGEMENTS,
      entries: w.entries.length,
      allocations: w.allocations.length,
      seed: SEED,
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: loadavg() },
      summary,
    },
    null,
    2,
  )}\n`,
);
