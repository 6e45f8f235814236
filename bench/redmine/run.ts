// kpo against Redmine 5 (Debian's packages, puma, its own PostgreSQL cluster on 5433) on the same
// machine, the same 10,000-record world, the same HTTP load driver (bench/engagements/load.ts),
// 10 connections, the runs interleaved. Issue #15, point 5. Run by hand (not in npm test or CI):
//
//   bash bench/redmine/setup.sh            (once, as root: packages, cluster, migrations, puma)
//   node --import tsx bench/redmine/run.ts (re-runnable: Redmine reused as it is, kpo re-seeded)
//
// 1. Redmine: runs setup.sh if puma does not answer; seeds it (seed.ts) unless it already holds the
//    10,000 seeded issues (REDMINE_RESEED=1 forces it); deletes what an earlier run created.
// 2. kpo: seeds kpo_bench_redmine on the main cluster (bench/engagements/seed.ts, same generator,
//    same seed; BENCH_SKIP_SEED=1 reuses it) and starts the server from the working tree
//    (KPO_FROM_SOURCE=1 unless KPO_FROM_SOURCE=0, which builds and runs dist/).
// 3. Workloads, each ROUNDS × SECONDS per system after a WARMUP, in the order kpo, Redmine,
//    Redmine, kpo, kpo, Redmine (so drift in the shared machine's load hits both alike):
//      list-client    kpo GET /api/engagements?limit=25 as admin@c01 (200 visible)
//                     Redmine GET /issues.json?limit=25&status_id=* with admin@c01's key (200)
//      list-provider  the same as manager1@p01 (kpo ≈ 5,470 visible, Redmine ≈ 5,400)
//      record         kpo GET /api/engagements/{id}; Redmine GET /issues/{id}.json?include=journals
//                     (a random one of admin@c01's 200; the issue carries ≈ 17 journals)
//      record-page    kpo: the engagement page's 5 GETs at once (the record, control, milestones,
//                     updates, questions: what the history is in kpo); Redmine: the same GET as above
//      create         kpo POST /api/engagements/{id}/questions; Redmine POST /issues.json — each
//                     worker as another client's admin (c01…c10), into an engagement in progress
// 4. Writes bench/results/redmine-<date>.json and prints the table for bench/README.md.
//
// Settings: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_ROUNDS (3), BENCH_CONCURRENCY (10),
// BENCH_SERVE_ARGS (extra `kpo serve` arguments, e.g. '--workers 2'; none by default: one process),
// BENCH_WORKLOADS (regular expression over the workload keys; the results file then carries it in
// its name), BENCH_PG_URL
// (postgres://postgres@127.0.0.1:5432), REDMINE_URL (http://127.0.0.1:3100), REDMINE_DB_URL.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/infra/config.js';
import { createRuntime } from '../../src/runtime.js';
import { Client, closedLoop, type Measurement, type ServerProcess, startKpoServer } from '../engagements/load.js';
import { seedWorld } from '../engagements/seed.js';
import { BENCH_PASSWORD, Rng } from '../engagements/world.js';
import { apiKey, REDMINE_DB_URL, seedRedmine } from './seed.js';

const root = new URL('../../', import.meta.url).pathname;
const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const WARMUP = Number(env.BENCH_WARMUP_SECONDS ?? 2);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 10);
const WORKLOADS = new RegExp(env.BENCH_WORKLOADS ?? '');
const PG_URL = (env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const PG_DB = 'kpo_bench_redmine';
const REDMINE_URL = env.REDMINE_URL ?? 'http://127.0.0.1:3100';
const FROM_SOURCE = env.KPO_FROM_SOURCE !== '0';
const ENGAGEMENTS = 10_000;
/** Extra `kpo serve` arguments, e.g. `--workers 2` (as Redmine's two puma workers). */
const SERVE_ARGS = (env.BENCH_SERVE_ARGS ?? '').split(/\s+/).filter(Boolean);
const CLIENT_ADMIN = 'admin@c01.bench.example';
const PROVIDER_DM = 'manager1@p01.bench.example';
const WRITERS = Array.from({ length: CONCURRENCY }, (_, w) => `admin@c${String((w % 50) + 1).padStart(2, '0')}.bench.example`);
const log = (s: string) => process.stderr.write(`${s}\n`);
const started = performance.now();

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

// ---------- Redmine ----------

async function redmineUp(): Promise<boolean> {
  const c = new Client(REDMINE_URL, 1);
  try {
    c.headers = { 'x-redmine-api-key': apiKey(CLIENT_ADMIN) };
    const r = await c.request('GET', '/issues.json?limit=1');
    return r.status === 200 || r.status === 401; // 401: up, not yet seeded
  } catch {
    return false;
  } finally {
    c.close();
  }
}

async function prepareRedmine(): Promise<Record<string, unknown>> {
  if (!(await redmineUp())) {
    log('Redmine does not answer: running bench/redmine/setup.sh');
    const r = spawnSync('bash', [join(root, 'bench/redmine/setup.sh')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('bench/redmine/setup.sh failed');
  }
  // What an earlier run created.
  await query(REDMINE_DB_URL, 'DELETE FROM journals WHERE journalized_id > $1', [ENGAGEMENTS]);
  await query(REDMINE_DB_URL, 'DELETE FROM issues WHERE id > $1', [ENGAGEMENTS]);
  const [n] = await query<{ n: number }>(REDMINE_DB_URL, 'SELECT count(*)::int AS n FROM issues');
  if (env.REDMINE_RESEED === '1' || n?.n !== ENGAGEMENTS) {
    log('Redmine: seeding 10,000 issues…');
    const s = await seedRedmine({ engagements: ENGAGEMENTS, log });
    log(`Redmine: seeded in ${(s.ms / 1000).toFixed(1)} s: ${JSON.stringify(s.rows)}`);
    return { seededNow: true, ms: Math.round(s.ms), rows: s.rows };
  }
  await query(REDMINE_DB_URL, `SELECT setval('issues_id_seq', ${ENGAGEMENTS + 1}, false)`);
  log('Redmine: already seeded; reusing it');
  return { seededNow: false };
}

// ---------- kpo ----------

function kpoEnv(): Record<string, string> {
  const base = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  delete base.KPO_DATA_DIR;
  delete base.KPO_DEMO;
  return { ...base, DATABASE_URL: `${PG_URL}/${PG_DB}`, KPO_LOG_LEVEL: 'warn', ...(FROM_SOURCE ? { KPO_FROM_SOURCE: '1' } : {}) };
}

async function prepareKpo(): Promise<Record<string, unknown>> {
  if (!FROM_SOURCE) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  if (env.BENCH_SKIP_SEED === '1') return { seededNow: false };
  await query(`${PG_URL}/postgres`, `DROP DATABASE IF EXISTS ${PG_DB}`);
  await query(`${PG_URL}/postgres`, `CREATE DATABASE ${PG_DB}`);
  const rt = await createRuntime(loadConfig(kpoEnv()));
  try {
    log('kpo: seeding 10,000 engagements…');
    const s = await seedWorld(rt, { engagements: ENGAGEMENTS, now: new Date(), log, slaWatch: false });
    log(`kpo: seeded in ${(s.totalMs / 1000).toFixed(1)} s`);
    return { seededNow: true, ms: Math.round(s.totalMs), rows: s.rows };
  } finally {
    await rt.close();
  }
}

function startKpo(): Promise<ServerProcess> {
  return startKpoServer({ cwd: root, env: kpoEnv(), serveArgs: SERVE_ARGS });
}

/** A signed-in kpo client (session cookie and CSRF token), its sockets shared by the workers. */
async function kpoClient(url: string, email: string, sockets: number): Promise<Client> {
  const c = new Client(url, sockets);
  await c.signIn(email, BENCH_PASSWORD);
  const { csrfToken } = await c.get<{ csrfToken: string }>('/api/session');
  c.headers = { 'x-csrf-token': csrfToken };
  return c;
}

function redmineClient(email: string, sockets: number): Client {
  const c = new Client(REDMINE_URL, sockets);
  c.headers = { 'x-redmine-api-key': apiKey(email) };
  return c;
}

// ---------- the run ----------

type System = 'kpo' | 'redmine';
type Op = (worker: number, rng: Rng) => Promise<boolean>;
interface Workload {
  key: string;
  label: string;
  ops: Record<System, Op>;
}

const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version, loadAtStart: loadavg() };
const setup: Record<string, unknown> = {};
setup.redmine = await prepareRedmine();
setup.kpo = await prepareKpo();

// The records each side reads and writes to.
const kpoIds = async (email: string, inProgress: boolean) =>
  (
    await query<{ id: string }>(
      `${PG_URL}/${PG_DB}`,
      `SELECT e.id FROM engagements e JOIN users u ON u.email = $1 JOIN memberships m ON m.user_id = u.id AND m.org_id = e.client_org_id
        ${inProgress ? "WHERE e.status = 'in_progress'" : ''} ORDER BY e.id`,
      [email],
    )
  ).map((r) => r.id);
const redmineIds = async (email: string, inProgress: boolean) =>
  await query<{ issue: number; project: number }>(
    REDMINE_DB_URL,
    `SELECT i.id AS issue, i.project_id AS project FROM issues i JOIN projects p ON p.id = i.project_id
       JOIN projects c ON c.id = p.parent_id WHERE c.identifier = split_part(split_part($1, '@', 2), '.', 1)
       ${inProgress ? 'AND i.status_id = 2' : ''} ORDER BY i.id`,
    [email],
  );
const kpoRead = await kpoIds(CLIENT_ADMIN, false);
const redmineRead = (await redmineIds(CLIENT_ADMIN, false)).map((r) => r.issue);
const kpoWrite = await Promise.all(WRITERS.map((e) => kpoIds(e, true)));
const redmineWrite = await Promise.all(WRITERS.map(async (e) => (await redmineIds(e, true)).map((r) => r.project)));
if ([kpoRead, redmineRead, ...kpoWrite, ...redmineWrite].some((l) => l.length === 0)) throw new Error('a user has no records');

const redmineVersion = (await query<{ v: string }>(REDMINE_DB_URL, 'SELECT version() AS v'))[0]?.v ?? '';
const kpoPgVersion = (await query<{ v: string }>(`${PG_URL}/postgres`, 'SELECT version() AS v'))[0]?.v ?? '';

const server = await startKpo();
const results: Record<string, Record<System, (Omit<Measurement, 'latencies'> & { round: number; order: number })[]>> = {};
const checks: Record<string, unknown> = {};
const clients: Client[] = [];
try {
  const kList = {
    client: await kpoClient(server.url, CLIENT_ADMIN, CONCURRENCY),
    provider: await kpoClient(server.url, PROVIDER_DM, CONCURRENCY),
  };
  const rList = { client: redmineClient(CLIENT_ADMIN, CONCURRENCY), provider: redmineClient(PROVIDER_DM, CONCURRENCY) };
  const kWriters: Client[] = [];
  for (const e of WRITERS) kWriters.push(await kpoClient(server.url, e, 1));
  const rWriters = WRITERS.map((e) => redmineClient(e, 1));
  clients.push(kList.client, kList.provider, rList.client, rList.provider, ...kWriters, ...rWriters);

  // What each side shows the two readers (kpo: counted by walking the cursor; Redmine: total_count).
  const kpoVisible = async (c: Client) => {
    let n = 0;
    let cursor: string | null = null;
    do {
      const page: { items: unknown[]; next: string | null } = await c.get(
        `/api/engagements?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      n += page.items.length;
      cursor = page.next;
    } while (cursor);
    return n;
  };
  const redmineVisible = async (c: Client) => (await c.get<{ total_count: number }>('/issues.json?limit=1&status_id=*')).total_count;
  checks.visible = {
    kpo: { clientAdmin: await kpoVisible(kList.client), providerManager: await kpoVisible(kList.provider) },
    redmine: { clientAdmin: await redmineVisible(rList.client), providerManager: await redmineVisible(rList.provider) },
  };
  const journals = await rList.client.get<{ issue: { journals: unknown[] } }>(`/issues/${redmineRead[0]}.json?include=journals`);
  checks.redmineJournalsOnFirstIssue = journals.issue.journals.length;
  log(`visible: ${JSON.stringify(checks.visible)}`);

  const status = async (c: Client, method: string, path: string, want: number, body?: unknown) =>
    (await c.request(method, path, body)).status === want;
  let n = 0;
  const all: Workload[] = [
    {
      key: 'list-client',
      label: 'list of 25, a client admin (200 visible)',
      ops: {
        kpo: () => status(kList.client, 'GET', '/api/engagements?limit=25', 200),
        redmine: () => status(rList.client, 'GET', '/issues.json?limit=25&status_id=*', 200),
      },
    },
    {
      key: 'list-provider',
      label: "list of 25, the provider's delivery manager (≈ 5,400 visible)",
      ops: {
        kpo: () => status(kList.provider, 'GET', '/api/engagements?limit=25', 200),
        redmine: () => status(rList.provider, 'GET', '/issues.json?limit=25&status_id=*', 200),
      },
    },
    {
      key: 'record',
      label: 'one engagement / one issue with its history',
      ops: {
        kpo: (_w, rng) => status(kList.client, 'GET', `/api/engagements/${rng.pick(kpoRead)}`, 200),
        redmine: (_w, rng) => status(rList.client, 'GET', `/issues/${rng.pick(redmineRead)}.json?include=journals`, 200),
      },
    },
    {
      key: 'record-page',
      label: 'the engagement page (its 5 GETs at once: the record, control, milestones, updates, questions) / one issue with its journals',
      ops: {
        kpo: async (_w, rng) => {
          const id = rng.pick(kpoRead);
          const parts = ['', '/control', '/milestones', '/updates', '/questions'];
          return (await Promise.all(parts.map((p) => status(kList.client, 'GET', `/api/engagements/${id}${p}`, 200)))).every(Boolean);
        },
        redmine: (_w, rng) => status(rList.client, 'GET', `/issues/${rng.pick(redmineRead)}.json?include=journals`, 200),
      },
    },
    {
      key: 'create',
      label: 'create (a question / an issue), each worker as another client admin',
      ops: {
        kpo: (w, rng) =>
          status(kWriters[w] as Client, 'POST', `/api/engagements/${rng.pick(kpoWrite[w] as string[])}/questions`, 201, {
            title: `Bench question ${++n}`,
            body: 'Which figures should the summary use?',
          }),
        redmine: (w, rng) =>
          status(rWriters[w] as Client, 'POST', '/issues.json', 201, {
            issue: {
              project_id: rng.pick(redmineWrite[w] as number[]),
              tracker_id: 2,
              subject: `Bench question ${++n}`,
              description: 'Which figures should the summary use?',
            },
          }),
      },
    },
  ];
  const workloads = all.filter((w) => WORKLOADS.test(w.key));

  let seed = 1;
  for (const wl of workloads) {
    results[wl.key] = { kpo: [], redmine: [] };
    let order = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const systems: System[] = round % 2 === 1 ? ['kpo', 'redmine'] : ['redmine', 'kpo'];
      for (const sys of systems) {
        const rngs = Array.from({ length: CONCURRENCY }, (_, w) => new Rng(seed * 100 + w));
        seed++;
        const m = await closedLoop((w) => wl.ops[sys](w, rngs[w] as Rng), {
          concurrency: CONCURRENCY,
          warmupMs: WARMUP * 1000,
          durationMs: SECONDS * 1000,
        });
        const { latencies: _l, ...rest } = m;
        results[wl.key]?.[sys].push({ ...rest, round, order: ++order });
        log(
          `${wl.key.padEnd(14)} round ${round} ${sys.padEnd(7)} ${m.rps.toFixed(1).padStart(7)} req/s  p50 ${m.p50.toFixed(1).padStart(7)} ms  p99 ${m.p99.toFixed(1).padStart(7)} ms  errors ${m.errors}  load ${m.load[0].toFixed(1)}→${m.load[1].toFixed(1)}`,
        );
      }
    }
  }
} finally {
  for (const c of clients) c.close();
  await new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve(null);
    server.child.once('exit', resolve);
    server.child.kill('SIGTERM');
  });
}

// ---------- results ----------

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const summary = Object.fromEntries(
  Object.entries(results).map(([key, r]) => {
    const pick = (sys: System, f: 'rps' | 'p50' | 'p99') => r[sys].map((m) => m[f]);
    const ratios = r.kpo.map((k, i) => k.rps / (r.redmine[i]?.rps ?? Number.NaN));
    return [
      key,
      {
        kpo: { rps: pick('kpo', 'rps').map(r1), p50: pick('kpo', 'p50').map(r1), p99: pick('kpo', 'p99').map(r1) },
        redmine: { rps: pick('redmine', 'rps').map(r1), p50: pick('redmine', 'p50').map(r1), p99: pick('redmine', 'p99').map(r1) },
        ratioRps: { perRound: ratios.map(r1), median: r1(median(ratios)) },
        errors: { kpo: r.kpo.reduce((s, m) => s + m.errors, 0), redmine: r.redmine.reduce((s, m) => s + m.errors, 0) },
        load: [...r.kpo, ...r.redmine].sort((a, b) => a.order - b.order).map((m) => m.load.map(r1)),
      },
    ];
  }),
);
const date = new Date().toISOString();
const out = {
  date,
  machine: { ...machine, loadAtEnd: loadavg() },
  versions: {
    redmine: '5.0.4 (Debian 5.0.4-5+deb12u1), puma 5.6.5, 2 workers × 5 threads, production',
    redminePostgres: redmineVersion,
    kpoPostgres: kpoPgVersion,
    kpoFromSource: FROM_SOURCE,
    kpoCommit: spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim(),
    kpoTreeDirty: spawnSync('git', ['status', '--porcelain', 'src'], { cwd: root, encoding: 'utf8' }).stdout.trim().length > 0,
  },
  settings: {
    serveArgs: SERVE_ARGS,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    rounds: ROUNDS,
    concurrency: CONCURRENCY,
    records: ENGAGEMENTS,
  },
  setup,
  checks,
  summary,
  measurements: results,
  benchSeconds: Math.round((performance.now() - started) / 1000),
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
const only = env.BENCH_WORKLOADS ? `-${env.BENCH_WORKLOADS.replace(/[^a-z0-9-]+/gi, '_')}` : '';
const file = join(root, `bench/results/redmine-${date.slice(0, 10)}${only}.json`);
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);

const range = (xs: number[], d = 0) => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? lo.toFixed(d) : `${lo.toFixed(d)}–${hi.toFixed(d)}`;
};
console.log(`\n${ROUNDS} × ${SECONDS} s per system (after ${WARMUP} s warm-up), ${CONCURRENCY} connections, interleaved.\n`);
console.log(
  '| workload | Redmine 5 req/s | Redmine p50 / p99 ms | kpo req/s | kpo p50 / p99 ms | kpo ÷ Redmine (req/s, median of rounds) | load (1 min) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const wl of Object.keys(summary)) {
  const s = summary[wl] as (typeof summary)[string];
  const loads = (s.load as number[][]).flat();
  console.log(
    `| ${wl} | ${range(s.redmine.rps, 1)} | ${range(s.redmine.p50)} / ${range(s.redmine.p99)} | ${range(s.kpo.rps)} | ${range(s.kpo.p50)} / ${range(s.kpo.p99)} | ${s.ratioRps.median}× (${range(s.ratioRps.perRound, 1)}) | ${range(loads, 1)} |`,
  );
}
console.log(`\nwrote ${file.slice(root.length)} (${out.benchSeconds} s in all)`);
