// The review queue and the providers' scorecards with 10,000 engagements and their deliverables
// and reviews, on embedded PGlite and on PostgreSQL, measured in the same run on the same machine.
//
//   node --import tsx bench/quality/run.ts        (npm run bench runs it too)
//
// 1. Seeds each backend with the engagement bench's world (bench/engagements/seed.ts), then the
//    deliverables, versions and reviews drawn from it (bench/quality/world.ts).
// 2. Starts the real server for each (`node bin/kpo.js serve`) as a child process, signs in as the
//    client admin of the client with the longest review queue, one of its engagement owners, and
//    the biggest provider's delivery manager, and checks responses against the API's zod schemas.
// 3. Drives each endpoint with a closed loop (BENCH_CONCURRENCY workers back to back for
//    BENCH_SECONDS after BENCH_WARMUP_SECONDS), the two backends interleaved endpoint by endpoint.
//    The peer of each measure is the engagement list (GET /api/engagements?limit=25) of the same
//    person on the same server, measured between them; GET /api/health is the HTTP floor.
// 4. Counts the queries per request in-process, EXPLAINs the quality queries, and takes the
//    scorecards apart (the list, the per-engagement history, the control figures, the SQL figures).
// Writes bench/results/quality-<date>.json and prints the table for bench/README.md.
//
// Settings (environment): BENCH_ENGAGEMENTS (10000), BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (1),
// BENCH_CONCURRENCY (4), BENCH_BACKENDS (pglite,postgres), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432),
// BENCH_KEEP=1 keeps the databases, KPO_FROM_SOURCE=1 runs the server from source, BENCH_SLA_PASS=1
// runs the SLA watch's first pass over the seeded world as the engagement bench does (≈ 2 min on
// PostgreSQL, 4–5 min on PGlite). By default it is not run: nothing measured here reads what it
// records (the scorecards recompute breaches from each engagement's history), and every engagement
// is marked as looked at instead, so that the servers' own watch stays idle during the measures.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { loadHistory } from '../../src/core/engagements/context.js';
import type { EngagementHistory } from '../../src/core/engagements/control.js';
import { controlFigures } from '../../src/core/engagements/control.js';
import { loadConfig } from '../../src/infra/config.js';
import { createQualityRepo } from '../../src/infra/db/quality-repo.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { reviewQueueSchema } from '../../src/shared/contracts/deliverables.js';
import { type EngagementStatus, engagementListSchema, providerScorecardSchema } from '../../src/shared/contracts/engagements.js';
import { type Diagnosis, diagnose } from '../engagements/diagnose.js';
import { Client, closedLoop, type Measurement, type ServerProcess, startKpoServer, stopKpoServer } from '../engagements/load.js';
import { seedWorld } from '../engagements/seed.js';
import { BENCH_PASSWORD } from '../engagements/world.js';
import { explainCalls } from './explain.js';
import { type QualitySeedResult, seedQuality } from './seed.js';

const root = new URL('../../', import.meta.url).pathname;
const env = process.env;
const ENGAGEMENTS = Number(env.BENCH_ENGAGEMENTS ?? 10_000);
const SECONDS = Number(env.BENCH_SECONDS ?? 5);
const WARMUP = Number(env.BENCH_WARMUP_SECONDS ?? 1);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 4);
let BACKENDS = (env.BENCH_BACKENDS ?? 'pglite,postgres').split(',') as Backend[];
const PG_URL = (env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const PG_DB = 'kpo_bench_quality';
const FROM_SOURCE = env.KPO_FROM_SOURCE === '1';
const SLA_PASS = env.BENCH_SLA_PASS === '1';
/** What scorecards take per request (oversight.ts): the first 200 engagements of the viewer's list. */
const SCORECARD_STATUSES: EngagementStatus[] = ['contracted', 'in_progress', 'delivered', 'accepted', 'closed', 'on_hold'];

type Backend = 'pglite' | 'postgres';
type Who = 'admin' | 'owner' | 'provider';
const WHO_LABEL: Record<Who, string> = { admin: 'client admin', owner: 'engagement owner', provider: 'provider DM' };
const PROVIDER_DM = 'manager1@p01.bench.example';
const log = (s: string) => process.stderr.write(`${s}\n`);
const benchStarted = performance.now();

// ---------- databases and servers ----------

async function pgAdmin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: `${PG_URL}/postgres` });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

function backendEnv(b: Backend, dataDir: string): Record<string, string> {
  const base = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  delete base.DATABASE_URL;
  delete base.KPO_DATA_DIR;
  delete base.KPO_DEMO;
  return b === 'postgres'
    ? { ...base, DATABASE_URL: `${PG_URL}/${PG_DB}`, KPO_LOG_LEVEL: 'warn' }
    : { ...base, KPO_DATA_DIR: dataDir, KPO_LOG_LEVEL: 'warn' };
}

/** Invariants of the seeded quality rows, in SQL: each is a count of rows that break it (all 0). */
const INVARIANTS: Record<string, string> = {
  latestVersionIsLast: `SELECT count(*)::int AS n FROM deliverables d
    WHERE d.latest_version <> (SELECT max(version) FROM deliverable_versions v WHERE v.deliverable_id = d.id)`,
  inReviewOnlyLatest: `SELECT count(*)::int AS n FROM deliverable_versions v JOIN deliverables d ON d.id = v.deliverable_id
    WHERE v.status = 'in_review' AND (v.version <> d.latest_version OR d.status <> 'in_review')`,
  decidedHasDecision: `SELECT count(*)::int AS n FROM deliverable_versions
    WHERE (status IN ('accepted', 'accepted_with_fixes', 'rework')) <> (decision IS NOT NULL AND decided_at IS NOT NULL)`,
  decidedAfterReceived: 'SELECT count(*)::int AS n FROM deliverable_versions WHERE decided_at < received_at',
  reworkRoundsCounted: `SELECT count(*)::int AS n FROM deliverables d
    WHERE d.rework_rounds <> (SELECT count(*) FROM deliverable_versions v WHERE v.deliverable_id = d.id AND v.decision = 'rework')`,
  reviewBeforeDecision: `SELECT count(*)::int AS n FROM deliverable_reviews r JOIN deliverable_versions v USING (deliverable_id, version)
    WHERE r.submitted_at < v.received_at OR (v.decided_at IS NOT NULL AND r.submitted_at > v.decided_at)`,
  reviewerOnTeam: `SELECT count(*)::int AS n FROM deliverable_reviews r
    WHERE NOT EXISTS (SELECT 1 FROM engagement_team t WHERE t.engagement_id = r.engagement_id AND t.user_id = r.reviewer_id AND t.role = 'reviewer')`,
  checksColumnsMatch: `SELECT count(*)::int AS n FROM deliverable_versions
    WHERE check_status <> checks->>'status' OR check_fails <> (checks->'counts'->>'fail')::int OR check_warns <> (checks->'counts'->>'warn')::int`,
};

/** The runtime as seedWorld sees it: without BENCH_SLA_PASS, its SLA pass only marks every engagement as looked at. */
function forSeeding(rt: Runtime): Runtime {
  if (SLA_PASS) return rt;
  const checkSlas = async () => {
    const db = rt.database.db;
    const marked = await db
      .updateTable('engagements')
      .set({ sla_check_due_at: null })
      .where('sla_check_due_at', 'is not', null)
      .executeTakeFirst();
    // The update rewrote every row: compact the table again, or it would be half empty pages when measured.
    if (Number(marked.numUpdatedRows) > 0) await sql`VACUUM FULL engagements`.execute(db);
    return { engagements: 0, breaches: 0, escalations: 0, reminders: 0 };
  };
  const engagements = { ...rt.services.engagements, oversight: { ...rt.services.engagements.oversight, checkSlas } };
  return { ...rt, services: { ...rt.services, engagements } };
}

async function seedBackend(b: Backend, dataDir: string, now: Date) {
  if (b === 'postgres') {
    await pgAdmin(`DROP DATABASE IF EXISTS ${PG_DB}`);
    await pgAdmin(`CREATE DATABASE ${PG_DB}`);
  }
  const rt = await createRuntime(loadConfig(backendEnv(b, dataDir)));
  try {
    log(`${b}: seeding ${ENGAGEMENTS.toLocaleString('en')} engagements (the engagement bench's world)…`);
    if (!SLA_PASS) log("  (the SLA watch's first pass is not run: set BENCH_SLA_PASS=1 for it)");
    const seeded = await seedWorld(forSeeding(rt), { engagements: ENGAGEMENTS, now, log });
    log(`${b}: world seeded in ${(seeded.totalMs / 1000).toFixed(1)} s; deliverables and reviews…`);
    const quality = await seedQuality(rt, seeded, { now, log });
    const db = rt.database.db;
    const invariants: Record<string, number> = {};
    for (const [name, q] of Object.entries(INVARIANTS))
      invariants[name] = Number((await sql.raw<{ n: number }>(q).execute(db)).rows[0]?.n ?? -1);
    log(`  invariants (rows breaking each): ${JSON.stringify(invariants)}`);
    const shape = await sql<Record<string, unknown>>`SELECT
        (SELECT count(*) FROM deliverable_versions WHERE status = 'in_review')::int AS in_review,
        (SELECT round(avg(n), 2)::float8 FROM (SELECT count(*) AS n FROM deliverable_reviews GROUP BY deliverable_id, version) x) AS reviews_per_reviewed_version,
        (SELECT round(avg(sd)::numeric, 1)::float8 FROM (SELECT stddev_pop(score_pct) AS sd FROM deliverable_reviews GROUP BY deliverable_id, version HAVING count(*) > 1) x) AS mean_score_spread_pct,
        (SELECT round(100.0 * avg((n > 1)::int), 1)::float8 FROM (SELECT count(DISTINCT decision) AS n FROM deliverable_reviews GROUP BY deliverable_id, version HAVING count(*) > 1) x) AS split_decision_pct,
        (SELECT json_object_agg(check_status, n) FROM (SELECT check_status, count(*)::int AS n FROM deliverable_versions GROUP BY 1) x) AS checks,
        (SELECT json_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM deliverable_versions GROUP BY 1) x) AS version_status`.execute(
      db,
    );
    const sizes = await sql<{ mb: number }>`SELECT (sum(pg_total_relation_size(c.oid)) / 1048576.0)::float8 AS mb
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`.execute(db);
    return { seeded, quality, invariants, shape: shape.rows[0] ?? {}, databaseMiB: Number(sizes.rows[0]?.mb ?? 0) };
  } finally {
    await rt.close();
  }
}

type Server = ServerProcess;

function startServer(b: Backend, dataDir: string): Promise<Server> {
  const env = { ...backendEnv(b, dataDir), ...(FROM_SOURCE ? { KPO_FROM_SOURCE: '1' } : {}) };
  return startKpoServer({ cwd: root, env, label: b });
}

const stopServer = stopKpoServer;

/** CPU time a process has run, in ms: all its threads, and its main thread (the event loop, and PGlite's engine). */
function cpuMs(pid: number): { all: number; main: number } {
  const ran = (task: string) => {
    try {
      return Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      return 0;
    }
  };
  return { all: readdirSync(`/proc/${pid}/task`).reduce((sum, t) => sum + ran(t), 0), main: ran(String(pid)) };
}

// ---------- what is measured ----------

interface Session {
  backend: Backend;
  server: Server;
  anon: Client;
  users: Record<Who, Client>;
}

const LIST = '/api/engagements?limit=25';
const QUEUE = '/api/reviews/queue';
const SCORECARDS = '/api/providers/scorecards';

interface Scenario {
  key: string;
  label: string;
  who: Who | null;
  path: string;
  /** The scenario whose p50 this one is compared with (the same person's list). */
  peer: string | null;
}

const scs: Scenario[] = [
  { key: 'health', label: 'GET /api/health (HTTP floor)', who: null, path: '/api/health', peer: null },
  { key: 'admin:list', label: `GET ${LIST} (peer)`, who: 'admin', path: LIST, peer: null },
  { key: 'admin:queue', label: `GET ${QUEUE}`, who: 'admin', path: QUEUE, peer: 'admin:list' },
  { key: 'admin:scorecards', label: `GET ${SCORECARDS}`, who: 'admin', path: SCORECARDS, peer: 'admin:list' },
  { key: 'owner:list', label: `GET ${LIST} (peer)`, who: 'owner', path: LIST, peer: null },
  { key: 'owner:queue', label: `GET ${QUEUE}`, who: 'owner', path: QUEUE, peer: 'owner:list' },
  { key: 'provider:list', label: `GET ${LIST} (peer)`, who: 'provider', path: LIST, peer: null },
  { key: 'provider:scorecards', label: `GET ${SCORECARDS}`, who: 'provider', path: SCORECARDS, peer: 'provider:list' },
];

interface Result extends Omit<Measurement, 'latencies'> {
  mean: number;
  serverCpuMsPerRequest: number;
  mainThreadMsPerRequest: number;
}

async function measure(s: Session, sc: Scenario): Promise<Result> {
  const c = sc.who === null ? s.anon : s.users[sc.who];
  const pid = s.server.child.pid ?? 0;
  let cpu0 = { all: 0, main: 0 };
  let cpu1 = { all: 0, main: 0 };
  const m = await closedLoop(async () => (await c.request('GET', sc.path)).status === 200, {
    concurrency: CONCURRENCY,
    warmupMs: WARMUP * 1000,
    durationMs: SECONDS * 1000,
    onStart: () => {
      cpu0 = cpuMs(pid);
    },
    onEnd: () => {
      cpu1 = cpuMs(pid);
    },
  });
  const { latencies, ...rest } = m;
  const served = Math.max(1, m.requests);
  return {
    ...rest,
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    serverCpuMsPerRequest: (cpu1.all - cpu0.all) / served,
    mainThreadMsPerRequest: (cpu1.main - cpu0.main) / served,
  };
}

/** What each person sees, every response checked against the API's schemas. */
async function checkResponses(s: Session) {
  const invalid: string[] = [];
  const parse = async <T>(who: Who, path: string, schema: z.ZodType<T>): Promise<T | null> => {
    const body = await s.users[who].get(path);
    const r = schema.safeParse(body);
    if (!r.success) invalid.push(`${who} ${path}: ${r.error.message.slice(0, 300)}`);
    return r.success ? r.data : null;
  };
  const seen: Record<string, unknown> = {};
  for (const who of ['admin', 'owner', 'provider'] as const) {
    const list = await parse(who, LIST, engagementListSchema);
    seen[`${who}:engagements`] = list?.total;
  }
  for (const who of ['admin', 'owner'] as const) {
    const q = await parse(who, QUEUE, reviewQueueSchema);
    seen[`${who}:queue`] = q?.length;
    seen[`${who}:queueSplit`] = q?.filter((r) => (r.decisionSplit ?? 0) > 0).length;
  }
  for (const who of ['admin', 'provider'] as const) {
    const cards = await parse(who, SCORECARDS, z.array(providerScorecardSchema));
    seen[`${who}:scorecards`] = cards?.map((c) => ({
      provider: c.provider.name,
      engagements: c.engagements,
      slaBreaches: c.slaBreaches,
      withinCommitmentPct: c.withinCommitmentPct,
      quality: { ...c.quality, trend: c.quality.trend.length },
    }));
  }
  return { invalid, seen };
}

// ---------- the scorecards taken apart (in-process, servers stopped) ----------

/**
 * Times the parts of GET /api/providers/scorecards with the real repositories, as oversight.ts
 * runs them: the list (≤ 200 engagements), then per engagement its record and history (6 queries,
 * one engagement after the other), the control figures (CPU), and the three quality queries. The
 * last part loads the very same history rows for all those engagements in 6 queries, which is
 * what a batched scorecard would cost to read.
 */
async function takeScorecardsApart(b: Backend, dataDir: string, viewer: { userId: string; orgId: string; orgKind: 'client' | 'provider' }) {
  const rt = await createRuntime(loadConfig({ ...backendEnv(b, dataDir), KPO_LOG_LEVEL: 'silent' }), { migrate: false });
  try {
    const tx = rt.store.read;
    const now = new Date();
    const runs: Record<string, number>[] = [];
    let engagements = 0;
    let visible = 0;
    for (let run = 0; run < 4; run++) {
      const t0 = performance.now();
      const { rows, total } = await tx.engagements.list(
        { ...viewer, seesAllOfOrg: true },
        { limit: 200, offset: 0, status: SCORECARD_STATUSES },
        now,
      );
      const awarded = rows.filter((r) => r.providerOrgId !== null && (viewer.orgKind === 'client' || r.providerOrgId === viewer.orgId));
      const t1 = performance.now();
      const histories: EngagementHistory[] = [];
      for (const row of awarded) {
        const e = await tx.engagements.get(row.id);
        if (e) histories.push(await loadHistory(tx, e));
      }
      const t2 = performance.now();
      for (const h of histories) controlFigures(h, now, { ownAverageHours: null });
      const t3 = performance.now();
      const scope = viewer.orgKind === 'provider' ? { providerOrgId: viewer.orgId } : { clientOrgId: viewer.orgId };
      await Promise.all([tx.quality.qualityFigures(scope), tx.quality.qualityTrend(scope), tx.quality.goldFigures(scope)]);
      const t4 = performance.now();
      const ids = awarded.map((r) => r.id);
      const db = rt.database.db;
      await Promise.all([
        db.selectFrom('engagements').selectAll().where('id', 'in', ids).execute(),
        db.selectFrom('sow_versions').selectAll().where('engagement_id', 'in', ids).execute(),
        db.selectFrom('milestones').selectAll().where('engagement_id', 'in', ids).execute(),
        db.selectFrom('milestone_reviews').selectAll().where('engagement_id', 'in', ids).execute(),
        db.selectFrom('status_updates').selectAll().where('engagement_id', 'in', ids).execute(),
        db.selectFrom('questions').selectAll().where('engagement_id', 'in', ids).execute(),
      ]);
      const t5 = performance.now();
      engagements = awarded.length;
      visible = total;
      if (run > 0)
        runs.push({
          listMs: t1 - t0,
          historyOneByOneMs: t2 - t1,
          controlFiguresCpuMs: t3 - t2,
          qualitySqlMs: t4 - t3,
          sameHistoryIn6QueriesMs: t5 - t4,
        });
    }
    const median = (k: string) => {
      const xs = runs.map((r) => r[k] ?? 0).sort((a, c) => a - c);
      return xs[Math.floor(xs.length / 2)] ?? 0;
    };
    const keys = Object.keys(runs[0] ?? {});
    return {
      listed: visible,
      engagementsInCards: engagements,
      historyQueries: engagements * 6,
      ...Object.fromEntries(keys.map((k) => [k, Math.round(median(k) * 10) / 10])),
    };
  } finally {
    await rt.close();
  }
}

// ---------- the run ----------

const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version, loadAtStart: loadavg() };
const pgliteVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
).version;
let postgresVersion = '';

if (!FROM_SOURCE) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (BACKENDS.includes('postgres') && env.BENCH_BACKENDS === undefined) {
  try {
    await pgAdmin('SELECT 1');
  } catch (e) {
    log(`PostgreSQL is not reachable at ${PG_URL} (${(e as Error).message}): measuring PGlite only. Set BENCH_PG_URL.`);
    BACKENDS = BACKENDS.filter((b) => b !== 'postgres');
  }
}

const now = new Date();
const dataDir = mkdtempSync(join(tmpdir(), 'kpo-bench-quality-'));
const seeding: Partial<Record<Backend, Awaited<ReturnType<typeof seedBackend>>>> = {};
const servers: Partial<Record<Backend, Server>> = {};
const sessions: Session[] = [];
const measurements: Record<string, Partial<Record<Backend, Result>>> = {};
const checks: Partial<Record<Backend, Awaited<ReturnType<typeof checkResponses>>>> = {};
const diagnoses: Partial<Record<Backend, Diagnosis>> = {};
const apart: Partial<Record<Backend, Record<Who, unknown>>> = {};
const explained: Partial<Record<Backend, Awaited<ReturnType<typeof explainCalls>>>> = {};
let people: Record<Who, string> = { admin: '', owner: '', provider: PROVIDER_DM };
try {
  for (const b of BACKENDS) seeding[b] = await seedBackend(b, dataDir, now);
  const first = seeding[BACKENDS[0] as Backend];
  if (!first) throw new Error('nothing seeded');
  // The client with the longest review queue (every client has the same number of engagements).
  const byClient = Object.entries(first.quality.stats.inReviewByClient).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const clientKey = byClient[0]?.[0] ?? 'c01';
  people = { admin: `admin@${clientKey}.bench.example`, owner: `owner1@${clientKey}.bench.example`, provider: PROVIDER_DM };
  log(`review queues: ${clientKey} has the most versions in review (${byClient[0]?.[1]}); then ${JSON.stringify(byClient.slice(1, 4))}`);
  if (BACKENDS.includes('postgres')) {
    const c = new pg.Client({ connectionString: `${PG_URL}/${PG_DB}` });
    await c.connect();
    postgresVersion = (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '';
    await c.end();
  }
  for (const b of BACKENDS) {
    const server = await startServer(b, dataDir);
    servers[b] = server;
    const sockets = CONCURRENCY;
    const users = {
      admin: new Client(server.url, sockets),
      owner: new Client(server.url, sockets),
      provider: new Client(server.url, sockets),
    };
    for (const who of ['admin', 'owner', 'provider'] as const) await users[who].signIn(people[who], BENCH_PASSWORD);
    const session: Session = { backend: b, server, anon: new Client(server.url, sockets), users };
    sessions.push(session);
    checks[b] = await checkResponses(session);
    log(`${b}: server at ${server.url}; ${JSON.stringify(checks[b]?.seen).slice(0, 600)}`);
    if (checks[b]?.invalid.length)
      throw new Error(`${b}: responses do not match the API schemas: ${checks[b]?.invalid.slice(0, 3).join('; ')}`);
  }
  // Interleaved: each endpoint on every backend before the next (which goes first alternates).
  for (const [i, sc] of scs.entries()) {
    measurements[sc.key] = {};
    for (const s of i % 2 === 0 ? sessions : [...sessions].reverse()) {
      const r = await measure(s, sc);
      (measurements[sc.key] as Partial<Record<Backend, Result>>)[s.backend] = r;
      log(
        `${sc.key.padEnd(20)} ${s.backend.padEnd(8)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms  ${r.rps.toFixed(1).padStart(6)} req/s  n ${String(r.requests).padStart(5)}  cpu ${r.serverCpuMsPerRequest.toFixed(2)} (main ${r.mainThreadMsPerRequest.toFixed(2)}) ms/req  errors ${r.errors}  load ${r.load[0].toFixed(1)}`,
      );
    }
  }
} finally {
  for (const s of sessions) for (const c of [s.anon, ...Object.values(s.users)]) c.close();
  for (const s of Object.values(servers)) await stopServer(s);
}

// Diagnostics, servers stopped: queries per request, the plans of the quality queries, the scorecards' parts.
for (const b of BACKENDS) {
  log(`${b}: counting queries and explaining…`);
  diagnoses[b] = await diagnose(
    backendEnv(b, dataDir),
    [
      { name: 'admin list', user: people.admin, path: LIST },
      { name: 'admin queue', user: people.admin, path: QUEUE },
      { name: 'owner queue', user: people.owner, path: QUEUE },
      { name: 'admin scorecards', user: people.admin, path: SCORECARDS },
      { name: 'provider list', user: people.provider, path: LIST },
      { name: 'provider scorecards', user: people.provider, path: SCORECARDS },
    ],
    [
      { label: 'peer: provider list, rows', endpoint: 'provider list', match: /^select "e"\."id"/ },
      { label: 'peer: provider list, count', endpoint: 'provider list', match: /count\(\*\)/ },
      { label: 'scorecards: the list (provider)', endpoint: 'provider scorecards', match: /^select "e"\."id"/ },
    ],
  );
  const ids = seeding[b]?.seeded.ids ?? {};
  const clientKey = people.admin.split('@')[1]?.split('.')[0] ?? 'c01';
  const client = ids[clientKey];
  const provider = ids.p01;
  const clientScope = { clientOrgId: client?.id ?? '' };
  const providerScope = { providerOrgId: provider?.id ?? '' };
  const queueOf = (userId: string, admin: boolean) => ({ orgId: client?.id ?? '', userId, admin });
  explained[b] = await explainCalls(backendEnv(b, dataDir), [
    { label: 'queue (client admin)', run: (db) => createQualityRepo(db).reviewQueue(queueOf(client?.people.admin ?? '', true), 100) },
    { label: 'queue (engagement owner)', run: (db) => createQualityRepo(db).reviewQueue(queueOf(client?.people.owner1 ?? '', false), 100) },
    { label: 'quality figures (client)', run: (db) => createQualityRepo(db).qualityFigures(clientScope) },
    { label: 'quality trend (client)', run: (db) => createQualityRepo(db).qualityTrend(clientScope) },
    { label: 'gold figures (client)', run: (db) => createQualityRepo(db).goldFigures(clientScope) },
    { label: 'quality figures (provider)', run: (db) => createQualityRepo(db).qualityFigures(providerScope) },
    { label: 'quality trend (provider)', run: (db) => createQualityRepo(db).qualityTrend(providerScope) },
    { label: 'gold figures (provider)', run: (db) => createQualityRepo(db).goldFigures(providerScope) },
  ]);
  for (const x of explained[b] ?? []) log(`  EXPLAIN ${x.label}: ${x.executionMs} ms`);
  log(`${b}: taking the scorecards apart…`);
  apart[b] = {
    admin: await takeScorecardsApart(b, dataDir, { userId: client?.people.admin ?? '', orgId: client?.id ?? '', orgKind: 'client' }),
    owner: null,
    provider: await takeScorecardsApart(b, dataDir, {
      userId: provider?.people.manager1 ?? '',
      orgId: provider?.id ?? '',
      orgKind: 'provider',
    }),
  };
  log(`  ${JSON.stringify(apart[b])}`);
}

if (env.BENCH_KEEP !== '1') {
  rmSync(dataDir, { recursive: true, force: true });
  if (BACKENDS.includes('postgres')) await pgAdmin(`DROP DATABASE IF EXISTS ${PG_DB}`);
} else log(`kept: ${dataDir} and ${PG_URL}/${PG_DB}`);

// ---------- results ----------

const withoutStats = ({ stats: _, ...rest }: QualitySeedResult) => rest;

const date = new Date().toISOString();
const summary = {
  date,
  machine: { ...machine, loadAtEnd: loadavg() },
  versions: { pglite: pgliteVersion, postgres: postgresVersion },
  settings: {
    engagements: ENGAGEMENTS,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    concurrency: CONCURRENCY,
    fromSource: FROM_SOURCE,
    slaPass: SLA_PASS,
  },
  people,
  seeding: Object.fromEntries(
    Object.entries(seeding).map(([b, s]) => [
      b,
      {
        worldMs: s.seeded.totalMs,
        worldSlaFirstPassMs: s.seeded.sla.firstPass.ms,
        worldRows: s.seeded.rows,
        quality: withoutStats(s.quality),
        inReviewByClient: s.quality.stats.inReviewByClient,
        invariants: s.invariants,
        shape: s.shape,
        databaseMiB: s.databaseMiB,
      },
    ]),
  ),
  checks,
  measurements,
  diagnoses,
  explained,
  scorecardsApart: apart,
  benchMs: performance.now() - benchStarted,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, `bench/results/quality-${date.slice(0, 10)}.json`);
writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);

const f = (x: number | undefined, d = 1) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : '—');
console.log(
  `\n${ENGAGEMENTS.toLocaleString('en')} engagements; ${CONCURRENCY} workers, ${WARMUP} s warm-up + ${SECONDS} s per endpoint and backend; people: ${JSON.stringify(people)}.`,
);
console.log(
  '\n| endpoint | as | PGlite p50 / p95 ms | PGlite req/s | PostgreSQL p50 / p95 ms | PostgreSQL req/s | ÷ list (p50) PGlite / PG | PGlite ÷ PG (p50) |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const sc of scs) {
  const m = measurements[sc.key] ?? {};
  const peer = sc.peer ? (measurements[sc.peer] ?? {}) : {};
  const a = m.pglite;
  const b = m.postgres;
  console.log(
    `| ${sc.label} | ${sc.who ? WHO_LABEL[sc.who] : '—'} | ${f(a?.p50)} / ${f(a?.p95)} | ${f(a?.rps, 1)} | ${f(b?.p50)} / ${f(b?.p95)} | ${f(b?.rps, 1)} | ${sc.peer ? `${ratio(a?.p50, peer.pglite?.p50)} / ${ratio(b?.p50, peer.postgres?.p50)}` : '—'} | ${ratio(a?.p50, b?.p50)} |`,
  );
}
for (const [b, s] of Object.entries(summary.seeding)) {
  console.log(
    `\n${b}: world ${f(s.worldMs / 1000)} s (SLA first pass ${f(s.worldSlaFirstPassMs / 1000)} s); quality rows ${JSON.stringify(s.quality.rows)} inserted in ${f(s.quality.insertMs / 1000)} s; ${f(s.databaseMiB, 0)} MiB` +
      `\n  shape ${JSON.stringify(s.shape)}\n  invariants ${JSON.stringify(s.invariants)}`,
  );
}
for (const [b, d] of Object.entries(diagnoses)) {
  console.log(`\n${b}: queries per request`);
  for (const e of d.endpoints)
    console.log(`  ${e.name.padEnd(20)} ${String(e.queries).padStart(5)} queries, ${f(e.dbMs)} ms in the database (sum)`);
  for (const x of [...d.explained, ...(explained[b as Backend] ?? [])])
    console.log(`  EXPLAIN ${x.label}: ${f(x.executionMs ?? undefined, 2)} ms`);
  console.log(`  scorecards taken apart: ${JSON.stringify(apart[b as Backend])}`);
}
console.log(`\nwrote ${file.slice(root.length)} (${f(summary.benchMs / 1000, 0)} s in all)`);
