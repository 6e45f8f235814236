// Engagement list and engagement page API with 10,000 engagements and their history, on embedded
// PGlite and on PostgreSQL, measured in the same run on the same machine.
//
//   node --import tsx bench/engagements/run.ts [--engagements N]     (npm run bench runs it too)
//
// 1. Seeds each backend (organisations and people through the services, the history in bulk).
// 2. Starts the real server for each (`node bin/kpo.js serve`, the production build) as a child
//    process, signs in as a client admin (~200 engagements) and a provider delivery manager
//    (thousands), and checks responses against the API's zod schemas.
// 3. Drives each endpoint with a closed loop (BENCH_CONCURRENCY workers back to back for
//    BENCH_SECONDS after BENCH_WARMUP_SECONDS), the two backends interleaved endpoint by endpoint;
//    GET /api/health on the same server is the HTTP floor.
// 4. Counts the queries per request in-process and EXPLAINs the heaviest ones.
// Writes bench/results/engagements-<date>.json and prints the table for bench/README.md.
//
// Settings (environment): BENCH_ENGAGEMENTS (10000; or --engagements N), BENCH_SECONDS (5),
// BENCH_WARMUP_SECONDS (1), BENCH_CONCURRENCY (4), BENCH_BACKENDS (pglite,postgres),
// BENCH_PG_URL (postgres://postgres@127.0.0.1:5432), BENCH_PG_DB (kpo_bench), BENCH_SCENARIOS (a
// regular expression over the scenario keys, e.g. `list` for the lists only), BENCH_SLA_WATCH=0
// (skip the SLA watch's first pass over the seeded world; see seed.ts), BENCH_SERVE_ARGS (e.g.
// `--workers 2`), BENCH_SERVER_ROOT (another checkout's server, e.g. the code before a change), BENCH_KEEP=1 keeps
// the databases, KPO_FROM_SOURCE=1 runs the server from source. A world other than 10,000 writes
// engagements-<date>-<N>.json; BENCH_OUT=<path, absolute or from the repository root> writes there instead.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { loadHistory } from '../../src/core/engagements/context.js';
import { type DerivedState, derivedState } from '../../src/core/engagements/control.js';
import { loadConfig } from '../../src/infra/config.js';
import { createRuntime } from '../../src/runtime.js';
import {
  controlFiguresSchema,
  type EngagementList,
  engagementListSchema,
  engagementViewSchema,
  milestoneViewSchema,
  proposalInputSchema,
  questionViewSchema,
  sowContentSchema,
  statusUpdateViewSchema,
} from '../../src/shared/contracts/engagements.js';
import { type Diagnosis, diagnose } from './diagnose.js';
import { Client, closedLoop, type Measurement, type ServerProcess, startKpoServer, stopKpoServer } from './load.js';
import { engagementsOption, type SeedResult, seedWorld } from './seed.js';
import { BENCH_PASSWORD, Rng, SHORT_WORDS, SUBJECTS } from './world.js';

const root = new URL('../../', import.meta.url).pathname;
const env = process.env;
const ENGAGEMENTS = engagementsOption(process.argv, env);
const SECONDS = Number(env.BENCH_SECONDS ?? 5);
const WARMUP = Number(env.BENCH_WARMUP_SECONDS ?? 1);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 4);
let BACKENDS = (env.BENCH_BACKENDS ?? 'pglite,postgres').split(',') as Backend[];
const PG_URL = (env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const PG_DB = env.BENCH_PG_DB ?? 'kpo_bench';
const SCENARIOS = new RegExp(env.BENCH_SCENARIOS ?? '');
// The server from another checkout (a `git worktree` of the code before a change), on a world this one seeds.
const SERVER_ROOT = env.BENCH_SERVER_ROOT ? `${env.BENCH_SERVER_ROOT.replace(/\/$/, '')}/` : root;
// More arguments for `kpo serve`, e.g. `--workers 2` (PostgreSQL only; the CPU columns then count the primary alone).
const SERVE_ARGS = (env.BENCH_SERVE_ARGS ?? '').split(' ').filter(Boolean);
const FROM_SOURCE = env.KPO_FROM_SOURCE === '1';

type Backend = 'pglite' | 'postgres';
const CLIENT_ADMIN = 'admin@c01.bench.example';
const PROVIDER_DM = 'manager1@p01.bench.example';
const log = (s: string) => process.stderr.write(`${s}\n`);
const benchStarted = performance.now();

// ---------- databases ----------

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

interface Consistency {
  sampled: number;
  derivedMismatches: number;
  sowInvalid: number;
  proposalsInvalid: number;
}

/** The derived columns against the real derivedState over the history read back through the store. */
async function checkConsistency(rt: Awaited<ReturnType<typeof createRuntime>>, sample: number): Promise<Consistency> {
  const db = rt.database.db;
  const ids = (await db.selectFrom('engagements').select('id').orderBy('id').execute()).map((r) => r.id);
  const rng = new Rng(99);
  let derivedMismatches = 0;
  let sowInvalid = 0;
  let proposalsInvalid = 0;
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  for (let i = 0; i < sample; i++) {
    const id = rng.pick(ids);
    const e = await rt.store.read.engagements.get(id);
    const row = await db.selectFrom('engagements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (!e) throw new Error(`engagement ${id} not readable`);
    const want = derivedState(await loadHistory(rt.store.read, e));
    const have: DerivedState = {
      nextUpdateDueAt: iso(row.next_update_due_at),
      nextAnswerDueAt: iso(row.next_answer_due_at),
      nextReviewDueAt: iso(row.next_review_due_at),
      nextMilestoneDue: row.next_milestone_due,
      progressPct: row.progress_pct,
      rag: row.rag as DerivedState['rag'],
      overBudget: row.over_budget,
    };
    if (JSON.stringify(want) !== JSON.stringify(have)) {
      derivedMismatches++;
      if (derivedMismatches <= 3) log(`  derived mismatch on ${id}: ${JSON.stringify({ want, have })}`);
    }
    for (const v of await rt.store.read.engagements.sowVersions(id)) if (!sowContentSchema.safeParse(v.content).success) sowInvalid++;
    for (const p of await rt.store.read.engagements.proposals(id))
      if (!proposalInputSchema.safeParse(p.content).success) proposalsInvalid++;
  }
  return { sampled: sample, derivedMismatches, sowInvalid, proposalsInvalid };
}

async function seedBackend(b: Backend, dataDir: string, now: Date) {
  if (b === 'postgres') {
    await pgAdmin(`DROP DATABASE IF EXISTS ${PG_DB}`);
    await pgAdmin(`CREATE DATABASE ${PG_DB}`);
  }
  const started = performance.now();
  const rt = await createRuntime(loadConfig(backendEnv(b, dataDir)));
  const openMs = performance.now() - started;
  try {
    log(`${b}: seeding ${ENGAGEMENTS.toLocaleString('en')} engagements…`);
    const seeded = await seedWorld(rt, { engagements: ENGAGEMENTS, now, log, slaWatch: env.BENCH_SLA_WATCH !== '0' });
    log(`${b}: seeded in ${(seeded.totalMs / 1000).toFixed(1)} s; checking derived columns…`);
    const consistency = await checkConsistency(rt, 300);
    log(`  ${JSON.stringify(consistency)}`);
    const sizes = await sql<{ mb: number }>`SELECT (sum(pg_total_relation_size(c.oid)) / 1048576.0)::float8 AS mb
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`.execute(rt.database.db);
    return { seeded, consistency, openMs, databaseMiB: Number(sizes.rows[0]?.mb ?? 0) };
  } finally {
    await rt.close();
  }
}

// ---------- servers ----------

type Server = ServerProcess;

function startServer(b: Backend, dataDir: string): Promise<Server> {
  const env = { ...backendEnv(b, dataDir), ...(FROM_SOURCE ? { KPO_FROM_SOURCE: '1' } : {}) };
  return startKpoServer({ cwd: SERVER_ROOT, env, serveArgs: SERVE_ARGS, label: b });
}

const stopServer = stopKpoServer;

/** CPU time a process has run, in ms: all its threads, and its main thread (the event loop, and PGlite's engine). */
function cpuMs(pid: number): { all: number; main: number } {
  const ran = (task: string) => {
    try {
      return Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      return 0; // the thread ended
    }
  };
  return { all: readdirSync(`/proc/${pid}/task`).reduce((sum, t) => sum + ran(t), 0), main: ran(String(pid)) };
}
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

// ---------- what is measured ----------

interface Session {
  backend: Backend;
  server: Server;
  anon: Client;
  users: Record<'client' | 'provider', { client: Client; ids: string[]; total: number; deepCursor: string | null }>;
}

const PAGE_PARTS = ['', '/control', '/milestones', '/updates', '/questions'] as const;
const PAGE_SCHEMAS: Record<(typeof PAGE_PARTS)[number], z.ZodType> = {
  '': engagementViewSchema,
  '/control': controlFiguresSchema,
  '/milestones': z.array(milestoneViewSchema),
  '/updates': z.array(statusUpdateViewSchema),
  '/questions': z.array(questionViewSchema),
};

/** Every item, page by page following the cursor, and the cursor of the page at ≈ 75 % of the way. */
async function listAll(c: Client, query: string): Promise<{ items: EngagementList['items']; deepCursor: string | null }> {
  const items: EngagementList['items'] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  do {
    const page: EngagementList = await c.get<EngagementList>(`/api/engagements?limit=50${query}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.next;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  return { items, deepCursor: cursors[Math.floor(cursors.length * 0.75)] ?? null };
}

async function openSession(backend: Backend, server: Server, providerOrgId: string): Promise<Session> {
  const sockets = CONCURRENCY * PAGE_PARTS.length;
  const anon = new Client(server.url, sockets);
  const client = new Client(server.url, sockets);
  const provider = new Client(server.url, sockets);
  await client.signIn(CLIENT_ADMIN, BENCH_PASSWORD);
  await provider.signIn(PROVIDER_DM, BENCH_PASSWORD);
  // The engagement pages each may open: all of the client's; the provider's awarded ones (a mere
  // bidder sees the brief, not the work).
  const clientAll = await listAll(client, '');
  const providerAll = await listAll(provider, '');
  const providerIds = providerAll.items.filter((i) => i.provider?.orgId === providerOrgId && i.status !== null).map((i) => i.id);
  // Counted by walking every page: past a thousand the API's total is an estimate.
  const totals = { client: clientAll.items.length, provider: providerAll.items.length };
  return {
    backend,
    server,
    anon,
    users: {
      client: { client, ids: clientAll.items.map((i) => i.id), total: totals.client, deepCursor: clientAll.deepCursor },
      provider: { client: provider, ids: providerIds, total: totals.provider, deepCursor: providerAll.deepCursor },
    },
  };
}

/** Every response of a sample parses with the API's own schema. */
async function checkResponses(s: Session): Promise<{ checked: number; invalid: string[] }> {
  const invalid: string[] = [];
  let checked = 0;
  const rng = new Rng(5);
  for (const [who, u] of Object.entries(s.users)) {
    for (const q of ['', '&status=in_progress', '&risk=missed_update,overdue_answer,overdue_review', '&q=%E5%B8%82%E5%A0%B4']) {
      const path = `/api/engagements?limit=50${q}`;
      checked++;
      if (!engagementListSchema.safeParse(await u.client.get(path)).success) invalid.push(`${who} ${path}`);
    }
    for (let i = 0; i < 20; i++) {
      const id = rng.pick(u.ids);
      for (const part of PAGE_PARTS) {
        const path = `/api/engagements/${id}${part}`;
        checked++;
        const parsed = PAGE_SCHEMAS[part].safeParse(await u.client.get(path));
        if (!parsed.success) invalid.push(`${who} ${path}: ${parsed.error.message.slice(0, 200)}`);
        // The page's first view comes in one request: the engagement carries how the work stands.
        if (part === '' && parsed.success && (parsed.data as { summary: unknown }).summary === null)
          invalid.push(`${who} ${path}: no summary on the engagement view`);
      }
    }
  }
  return { checked, invalid };
}

interface Scenario {
  key: string;
  label: string;
  user: 'client' | 'provider' | null;
  /** One unit of work for a worker; true when every response was 200. */
  op: (s: Session, rng: Rng) => Promise<boolean>;
}

const ok = async (c: Client, path: string) => (await c.request('GET', path)).status === 200;
const listPath = (extra: string) => `/api/engagements?limit=50${extra}`;
const deepOffset = (total: number) => Math.max(0, Math.floor((total * 0.75) / 50) * 50);

function scenarios(): Scenario[] {
  const out: Scenario[] = [{ key: 'health', label: 'GET /api/health (HTTP floor)', user: null, op: (s) => ok(s.anon, '/api/health') }];
  for (const user of ['client', 'provider'] as const) {
    const lists: [string, string, (s: Session, rng: Rng) => string][] = [
      ['list', 'list ?limit=50', () => listPath('')],
      // The issue's "list of 25" (bench/redmine/run.ts compares it with Redmine's 25 a page).
      ['list25', 'list ?limit=25', () => '/api/engagements?limit=25'],
      ['list-status', 'list, status=in_progress', () => listPath('&status=in_progress')],
      [
        'list-risk',
        'list, risk=missed_update,overdue_answer,overdue_review',
        () => listPath('&risk=missed_update,overdue_answer,overdue_review'),
      ],
      ['list-q', 'list, q=<subject> (text search)', (_s, rng) => listPath(`&q=${encodeURIComponent(rng.pick(SUBJECTS))}`)],
      ['list-q2', 'list, q=<two-character word>', (_s, rng) => listPath(`&q=${encodeURIComponent(rng.pick(SHORT_WORDS))}`)],
      ['list-deep', 'list, deep page (offset ≈ 75 % of total)', (s) => listPath(`&offset=${deepOffset(s.users[user].total)}`)],
      ['list-cursor', 'list, deep page by cursor (≈ 75 % of the way)', (s) => listPath(`&cursor=${s.users[user].deepCursor ?? ''}`)],
    ];
    for (const [key, label, path] of lists)
      out.push({ key: `${user}:${key}`, label, user, op: (s, rng) => ok(s.users[user].client, path(s, rng)) });
  }
  for (const user of ['client', 'provider'] as const) {
    for (const part of PAGE_PARTS) {
      out.push({
        key: `${user}:page${part || '/'}`,
        label: `GET /api/engagements/{id}${part}`,
        user,
        op: (s, rng) => ok(s.users[user].client, `/api/engagements/${rng.pick(s.users[user].ids)}${part}`),
      });
    }
    out.push({
      key: `${user}:page-load`,
      label: 'engagement page: the 5 GETs above at once',
      user,
      op: async (s, rng) => {
        const id = rng.pick(s.users[user].ids);
        const all = await Promise.all(PAGE_PARTS.map((part) => ok(s.users[user].client, `/api/engagements/${id}${part}`)));
        return all.every(Boolean);
      },
    });
    // What the web page asks for first since issue #15 point 2: the engagement, carrying its
    // summary (progress, RAG, risk flags, next deadlines) from the state kept on the row; the
    // tabs' own requests follow only when a tab is opened.
    out.push({
      key: `${user}:page-one`,
      label: 'engagement page, first view: GET /api/engagements/{id} with its summary (one request)',
      user,
      op: (s, rng) => ok(s.users[user].client, `/api/engagements/${rng.pick(s.users[user].ids)}`),
    });
  }
  return out.filter((sc) => SCENARIOS.test(sc.key));
}

interface Result extends Omit<Measurement, 'latencies'> {
  mean: number;
  p90: number;
  /** CPU the server process spent per request, all threads (for PostgreSQL, without the database's own). */
  serverCpuMsPerRequest: number;
  /** …of which on its main thread: the event loop, and for PGlite the database engine too. */
  mainThreadMsPerRequest: number;
}

async function measure(s: Session, sc: Scenario, seed: number): Promise<Result> {
  const rngs = Array.from({ length: CONCURRENCY }, (_, w) => new Rng(seed * 100 + w));
  const pid = s.server.child.pid ?? 0;
  let cpu0 = { all: 0, main: 0 };
  let cpu1 = { all: 0, main: 0 };
  const m = await closedLoop((w) => sc.op(s, rngs[w] ?? new Rng(w)), {
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
  const served = Math.max(1, m.requests * (sc.key.endsWith('page-load') ? PAGE_PARTS.length : 1));
  return {
    ...rest,
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    p90: latencies[Math.min(latencies.length - 1, Math.ceil(0.9 * latencies.length) - 1)] ?? Number.NaN,
    serverCpuMsPerRequest: (cpu1.all - cpu0.all) / served,
    mainThreadMsPerRequest: (cpu1.main - cpu0.main) / served,
  };
}

// ---------- the run ----------

const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version, loadAtStart: loadavg() };
const pgliteVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
).version;
let postgresVersion = '';

if (!FROM_SOURCE) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: SERVER_ROOT, stdio: 'inherit' });
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
const dataDir = mkdtempSync(join(tmpdir(), 'kpo-bench-engagements-'));
const seeding: Partial<Record<Backend, Awaited<ReturnType<typeof seedBackend>>>> = {};
const servers: Partial<Record<Backend, Server>> = {};
const sessions: Session[] = [];
const measurements: Record<string, Partial<Record<Backend, Result>>> = {};
const checks: Record<string, unknown> = {};
const diagnoses: Partial<Record<Backend, Diagnosis>> = {};
const serverRss: Partial<Record<Backend, number>> = {};
const scs = scenarios();
try {
  for (const b of BACKENDS) seeding[b] = await seedBackend(b, dataDir, now);
  if (BACKENDS.includes('postgres')) {
    const c = new pg.Client({ connectionString: `${PG_URL}/${PG_DB}` });
    await c.connect();
    postgresVersion = (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '';
    await c.end();
  }
  for (const b of BACKENDS) {
    const server = await startServer(b, dataDir);
    servers[b] = server;
    const seeded = seeding[b]?.seeded as SeedResult;
    const session = await openSession(b, server, seeded.ids.p01?.id ?? '');
    sessions.push(session);
    const responses = await checkResponses(session);
    checks[b] = {
      clientAdminSees: session.users.client.total,
      providerManagerSees: session.users.provider.total,
      providerManagerWorksOn: session.users.provider.ids.length,
      responses,
    };
    log(`${b}: server at ${server.url}; ${JSON.stringify(checks[b])}`);
    if (responses.invalid.length > 0)
      throw new Error(`${b}: responses do not match the API schemas: ${responses.invalid.slice(0, 3).join('; ')}`);
  }
  // Interleaved: each endpoint on every backend before the next endpoint (which goes first
  // alternates), so that drift in the machine's load hits both alike.
  for (const [i, sc] of scs.entries()) {
    measurements[sc.key] = {};
    for (const s of i % 2 === 0 ? sessions : [...sessions].reverse()) {
      const r = await measure(s, sc, i);
      (measurements[sc.key] as Partial<Record<Backend, Result>>)[s.backend] = r;
      log(
        `${sc.key.padEnd(28)} ${s.backend.padEnd(8)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms  ${r.rps.toFixed(0).padStart(5)} req/s  cpu ${r.serverCpuMsPerRequest.toFixed(2)} (main ${r.mainThreadMsPerRequest.toFixed(2)}) ms/req  errors ${r.errors}  load ${r.load[0].toFixed(1)}`,
      );
    }
  }
  for (const s of sessions) serverRss[s.backend] = rssMiB(s.server.child.pid ?? 0);
} finally {
  for (const s of sessions) for (const u of [s.anon, s.users.client.client, s.users.provider.client]) u.close();
  for (const s of Object.values(servers)) await stopServer(s);
}

// Diagnostics, servers stopped: queries per request and the heaviest plans.
for (const b of BACKENDS) {
  const seeded = seeding[b]?.seeded as SeedResult;
  const someId = async () => {
    const rt = await createRuntime(loadConfig(backendEnv(b, dataDir)), { migrate: false });
    try {
      const row = await rt.database.db
        .selectFrom('engagements')
        .select('id')
        .where('awarded_provider_org_id', '=', seeded.ids.p01?.id ?? '')
        .where('status', '=', 'in_progress')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      return row.id;
    } finally {
      await rt.close();
    }
  };
  const id = await someId();
  const session = sessions.find((x) => x.backend === b);
  const providerSees = session?.users.provider.total ?? 0;
  const providerCursor = session?.users.provider.deepCursor ?? null;
  const reqs = [
    { name: 'client list', user: CLIENT_ADMIN, path: listPath('') },
    { name: 'provider list', user: PROVIDER_DM, path: listPath('') },
    { name: 'provider list q', user: PROVIDER_DM, path: listPath(`&q=${encodeURIComponent('半導体')}`) },
    { name: 'provider list deep', user: PROVIDER_DM, path: listPath(`&offset=${deepOffset(providerSees)}`) },
    { name: 'provider list cursor', user: PROVIDER_DM, path: listPath(`&cursor=${providerCursor ?? ''}`) },
    ...PAGE_PARTS.map((part) => ({ name: `page${part || '/'}`, user: PROVIDER_DM, path: `/api/engagements/${id}${part}` })),
  ];
  log(`${b}: counting queries and explaining…`);
  diagnoses[b] = await diagnose(backendEnv(b, dataDir), reqs, [
    { label: 'provider list: rows', endpoint: 'provider list', match: /^select "e"\."id"/ },
    { label: 'provider list: count', endpoint: 'provider list', match: /count\(\*\)/ },
    { label: 'provider list, deep page: rows', endpoint: 'provider list deep', match: /^select "e"\."id"/ },
    { label: 'provider list, deep page by cursor: rows', endpoint: 'provider list cursor', match: /^select "e"\."id"/ },
    { label: 'provider list, q: count', endpoint: 'provider list q', match: /count\(\*\)/ },
    { label: 'control: provider median answer hours', endpoint: 'page/control', match: /percentile_cont/ },
  ]);
}

if (env.BENCH_KEEP !== '1') {
  rmSync(dataDir, { recursive: true, force: true });
  if (BACKENDS.includes('postgres')) await pgAdmin(`DROP DATABASE IF EXISTS ${PG_DB}`);
} else log(`kept: ${dataDir} and ${PG_URL}/${PG_DB}`);

// ---------- results ----------

const date = new Date().toISOString();
const summary = {
  date,
  machine: { ...machine, loadAtEnd: loadavg() },
  versions: { pglite: pgliteVersion, postgres: postgresVersion },
  settings: { engagements: ENGAGEMENTS, seconds: SECONDS, warmupSeconds: WARMUP, concurrency: CONCURRENCY, fromSource: FROM_SOURCE },
  seeding: Object.fromEntries(
    Object.entries(seeding).map(([b, s]) => [
      b,
      {
        identityMs: s.seeded.identityMs,
        generateMs: s.seeded.generateMs,
        insertMs: s.seeded.insertMs,
        analyzeMs: s.seeded.analyzeMs,
        sla: s.seeded.sla,
        totalMs: s.seeded.totalMs,
        rows: s.seeded.rows,
        consistency: s.consistency,
        databaseMiB: s.databaseMiB,
      },
    ]),
  ),
  checks,
  serverRssMiB: serverRss,
  measurements,
  diagnoses,
  benchMs: performance.now() - benchStarted,
};
const file = env.BENCH_OUT
  ? resolve(root, env.BENCH_OUT)
  : join(root, `bench/results/engagements-${date.slice(0, 10)}${ENGAGEMENTS === 10_000 ? '' : `-${ENGAGEMENTS}`}.json`);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);

const f = (x: number | undefined, d = 1) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : '—');
console.log(
  `\n${ENGAGEMENTS.toLocaleString('en')} engagements; ${CONCURRENCY} workers, ${WARMUP} s warm-up + ${SECONDS} s per endpoint and backend.`,
);
console.log(
  '\n| endpoint | as | PGlite p50 / p95 ms | PGlite req/s | PostgreSQL p50 / p95 ms | PostgreSQL req/s | PGlite ÷ PG (p50) | PG ÷ PGlite (req/s) |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const sc of scs) {
  const m = measurements[sc.key] ?? {};
  const a = m.pglite;
  const b = m.postgres;
  console.log(
    `| ${sc.label} | ${sc.user === null ? '—' : sc.user === 'client' ? 'client admin' : 'provider DM'} | ${f(a?.p50)} / ${f(a?.p95)} | ${f(a?.rps, 0)} | ${f(b?.p50)} / ${f(b?.p95)} | ${f(b?.rps, 0)} | ${ratio(a?.p50, b?.p50)} | ${ratio(b?.rps, a?.rps)} |`,
  );
}
for (const [b, s] of Object.entries(summary.seeding)) {
  console.log(
    `\n${b}: seeding ${f(s.totalMs / 1000)} s (people ${f(s.identityMs / 1000)} s, generate ${f(s.generateMs / 1000)} s, insert ${f(s.insertMs / 1000)} s, vacuum analyze ${f(s.analyzeMs / 1000)} s), ${f(s.databaseMiB, 0)} MiB` +
      `\n  SLA watch: first pass over ${s.sla.firstPass.engagements} engagements (${s.sla.firstPass.breaches} breaches) ${f(s.sla.firstPass.ms / 1000)} s, ` +
      `then ${s.sla.steadyPass.engagements} due in ${f(s.sla.steadyPass.ms)} ms`,
  );
}
for (const [b, d] of Object.entries(diagnoses)) {
  console.log(`\n${b}: queries per request`);
  for (const e of d.endpoints)
    console.log(`  ${e.name.padEnd(20)} ${String(e.queries).padStart(3)} queries, ${f(e.dbMs)} ms in the database (sum)`);
  for (const x of d.explained) console.log(`  EXPLAIN ${x.label}: ${f(x.executionMs ?? undefined)} ms`);
}
console.log(`\nwrote ${file.startsWith(root) ? file.slice(root.length) : file} (${f(summary.benchMs / 1000, 0)} s in all)`);
