// Writes on PostgreSQL at 10 connections: do audited creates queue behind something shared?
//
//   node --import tsx bench/engagements/writes.ts            (BENCH_LABEL names the run in the results)
//
// 1. Seeds a world (bench/engagements/seed.ts; BENCH_ENGAGEMENTS, 2,000 by default: the writes touch
//    a few hundred engagements, and the size of the world is not what they wait for).
// 2. Starts the server from source (`bin/kpo.js serve`, KPO_FROM_SOURCE=1) and drives, with
//    BENCH_CONCURRENCY workers back to back: questions asked by a client admin, status updates posted
//    by the provider's manager, and a read/write mix (the engagement page's GETs and the list, with one
//    write in four).
// 3. While each runs, samples pg_stat_activity every 20 ms: what the server's connections wait for
//    (wait_event_type:wait_event, and for lock waits the statement waited on), and how many audit
//    events are waiting to be sealed and the oldest one's age (docs/decisions/0012).
// 4. Verifies the audit chain afterwards and writes bench/results/writes-<date>.json (appending runs).
//
// Settings: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONCURRENCY (10), BENCH_PG_URL
// (postgres://postgres@127.0.0.1:5432), BENCH_PG_DB (kpo_bench_writes), BENCH_LABEL (after), BENCH_SKIP_SEED=1 reuses the database,
// BENCH_SERVE_ARGS more arguments for `kpo serve` (e.g. `--workers 2`; server CPU then counts the primary and its workers),
// BENCH_SERVER_ROOT (this checkout) runs the server from another checkout (e.g. a `git worktree` of the code
// before a change, on the same database), BENCH_RESULT_FILE (writes-<date>.json) names the results file in bench/results/ (or an absolute path).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { loadConfig } from '../../src/infra/config.js';
import { createRuntime } from '../../src/runtime.js';
import { Client, percentile, type ServerProcess, startKpoServer } from './load.js';
import { seedWorld } from './seed.js';
import { BENCH_PASSWORD, Rng } from './world.js';

const root = new URL('../../', import.meta.url).pathname;
const env = process.env;
const ENGAGEMENTS = Number(env.BENCH_ENGAGEMENTS ?? 2_000);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const WARMUP = Number(env.BENCH_WARMUP_SECONDS ?? 2);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 10);
const PG_URL = (env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const LABEL = env.BENCH_LABEL ?? 'after';
const PG_DB = env.BENCH_PG_DB ?? 'kpo_bench_writes';
const PROVIDER_DM = 'manager1@p01.bench.example';
const SERVER_ROOT = env.BENCH_SERVER_ROOT ? `${env.BENCH_SERVER_ROOT.replace(/\/$/, '')}/` : root;
const log = (s: string) => process.stderr.write(`${s}\n`);

async function pgQuery<T extends pg.QueryResultRow>(db: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: `${PG_URL}/${db}` });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

function serverEnv(): Record<string, string> {
  const base = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  delete base.KPO_DATA_DIR;
  delete base.KPO_DEMO;
  return { ...base, DATABASE_URL: `${PG_URL}/${PG_DB}`, KPO_LOG_LEVEL: 'warn', KPO_FROM_SOURCE: '1' };
}

function startServer(): Promise<ServerProcess> {
  const nodeArgs = env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const serveArgs = env.BENCH_SERVE_ARGS?.split(' ').filter(Boolean) ?? [];
  return startKpoServer({ cwd: SERVER_ROOT, env: serverEnv(), nodeArgs, serveArgs });
}

// ---------- what the connections wait for ----------

interface WaitSamples {
  samples: number;
  /** Per sample, the server's active connections by what they waited for (CPU = not waiting). */
  waits: Record<string, number>;
  /** Lock waits by the statement that waited (its first 70 characters). */
  lockWaitsBy: Record<string, number>;
  /** Audit events waiting to be sealed: the most seen at once, and the oldest one's age (ms). */
  unsealedMax: number;
  unsealedOldestMs: number;
}

function sampleWaits(): { stop: () => Promise<WaitSamples> } {
  const result: WaitSamples = { samples: 0, waits: {}, lockWaitsBy: {}, unsealedMax: 0, unsealedOldestMs: 0 };
  const c = new pg.Client({ connectionString: `${PG_URL}/${PG_DB}` });
  let running = true;
  const done = (async () => {
    await c.connect();
    const sealing = (await c.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'audit_events' AND column_name = 'pos'`))
      .rowCount;
    while (running) {
      const rows = (
        await c.query<{ w: string; q: string }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS q
             FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
          [PG_DB],
        )
      ).rows;
      result.samples++;
      for (const r of rows) {
        result.waits[r.w] = (result.waits[r.w] ?? 0) + 1;
        if (r.w.startsWith('Lock:')) result.lockWaitsBy[r.q] = (result.lockWaitsBy[r.q] ?? 0) + 1;
      }
      if (sealing) {
        const u = (
          await c.query<{ n: number; age: number | null }>(
            `SELECT count(*)::int AS n, (extract(epoch FROM clock_timestamp() - min(occurred_at)) * 1000)::float8 AS age
               FROM audit_events WHERE seq IS NULL`,
          )
        ).rows[0];
        result.unsealedMax = Math.max(result.unsealedMax, u?.n ?? 0);
        result.unsealedOldestMs = Math.max(result.unsealedOldestMs, u?.age ?? 0);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await c.end();
  })();
  return {
    async stop() {
      running = false;
      await done;
      return result;
    },
  };
}

// ---------- the workloads ----------

interface OpStats {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

type Op = { name: string; run: (worker: number) => Promise<boolean> };

/** Runs the ops back to back on CONCURRENCY workers (`pick` chooses one per request); latencies per op name. */
async function drive(pick: (worker: number) => Op, ms: number, record: boolean) {
  const byName = new Map<string, { latencies: number[]; errors: number }>();
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (performance.now() < deadline) {
        const op = pick(w);
        const t = performance.now();
        const ok = await op.run(w).catch(() => false);
        if (!record) continue;
        const s = byName.get(op.name) ?? { latencies: [], errors: 0 };
        s.latencies.push(performance.now() - t);
        if (!ok) s.errors++;
        byName.set(op.name, s);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const stats: Record<string, OpStats> = {};
  const all: number[] = [];
  for (const [name, s] of byName) {
    s.latencies.sort((a, b) => a - b);
    all.push(...s.latencies);
    stats[name] = summarise(s.latencies, s.errors, elapsed);
  }
  all.sort((a, b) => a - b);
  stats.all = summarise(
    all,
    Object.values(stats).reduce((n, s) => n + s.errors, 0),
    elapsed,
  );
  return stats;
}

const round = (n: number) => Math.round(n * 10) / 10;
function summarise(sorted: number[], errors: number, elapsedMs: number): OpStats {
  return {
    requests: sorted.length,
    errors,
    rps: round((sorted.length / elapsedMs) * 1000),
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** CPU time the server has run, in ms (all threads of its process and of its workers, `--workers N`): what a request costs, whatever the machine's load. */
function cpuMs(pid: number): number {
  let sum = 0;
  for (const t of safeReaddir(`/proc/${pid}/task`)) {
    try {
      sum += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
      for (const child of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) sum += cpuMs(Number(child));
    } catch {
      // the thread or the worker ended
    }
  }
  return sum;
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

async function measure(name: string, pick: (worker: number) => Op, serverPid: number) {
  await drive(pick, WARMUP * 1000, false);
  const load = loadavg()[0] ?? 0;
  const waits = sampleWaits();
  const cpuBefore = cpuMs(serverPid);
  const ops = await drive(pick, SECONDS * 1000, true);
  const serverCpuMsPerRequest = round((cpuMs(serverPid) - cpuBefore) / Math.max(1, ops.all?.requests ?? 1));
  const waited = await waits.stop();
  const result = { workload: name, load: [round(load), round(loadavg()[0] ?? 0)], serverCpuMsPerRequest, ops, waits: waited };
  const a = ops.all;
  log(
    `  ${name}: ${a?.rps} req/s, p50 ${a?.p50} ms, p99 ${a?.p99} ms, errors ${a?.errors}, server CPU ${serverCpuMsPerRequest} ms/request; waits ${JSON.stringify(waited.waits)}`,
  );
  if (Object.keys(waited.lockWaitsBy).length > 0) log(`    lock waits by statement: ${JSON.stringify(waited.lockWaitsBy)}`);
  if (waited.unsealedMax > 0) log(`    unsealed: at most ${waited.unsealedMax}, oldest ${round(waited.unsealedOldestMs)} ms`);
  return result;
}

// ---------- main ----------

async function main() {
  const started = performance.now();
  if (env.BENCH_SKIP_SEED !== '1') {
    await pgQuery('postgres', `DROP DATABASE IF EXISTS ${PG_DB}`);
    await pgQuery('postgres', `CREATE DATABASE ${PG_DB}`);
    const rt = await createRuntime(loadConfig(serverEnv()));
    try {
      log(`seeding ${ENGAGEMENTS.toLocaleString('en')} engagements…`);
      const seeded = await seedWorld(rt, { engagements: ENGAGEMENTS, now: new Date(), log });
      log(`seeded in ${(seeded.totalMs / 1000).toFixed(1)} s`);
    } finally {
      await rt.close();
    }
  }
  const inProgress = (email: string) =>
    pgQuery<{ id: string }>(
      PG_DB,
      `SELECT e.id FROM engagements e JOIN memberships m ON m.org_id IN (e.client_org_id, e.awarded_provider_org_id)
         JOIN users u ON u.id = m.user_id WHERE u.email = $1 AND e.status = 'in_progress' ORDER BY e.id LIMIT 200`,
      [email],
    );
  // Each worker asks as another client's admin, in that client's engagements: the workers share no
  // engagement row, so what they wait for is what every write shares.
  const clientAdmins = Array.from({ length: CONCURRENCY }, (_, w) => `admin@c${String(w + 1).padStart(2, '0')}.bench.example`);
  const askedBy = await Promise.all(clientAdmins.map(inProgress));
  const updated = await inProgress(PROVIDER_DM);
  if (askedBy.some((l) => l.length === 0) || updated.length === 0) throw new Error('a worker has no engagement in progress');
  log(`${askedBy.map((l) => l.length).join('+')} engagements for questions, ${updated.length} for status updates`);

  const server = await startServer();
  try {
    // One sign-in per person (sign-ins are throttled), its session shared by the workers' sockets.
    const clients = async (email: string, count = CONCURRENCY) => {
      const first = new Client(server.url, 1);
      await first.signIn(email, BENCH_PASSWORD);
      const { csrfToken } = await first.get<{ csrfToken: string }>('/api/session');
      first.close();
      return Array.from({ length: count }, () => {
        const c = new Client(server.url, 1);
        c.cookie = first.cookie;
        c.headers = { 'x-csrf-token': csrfToken };
        return c;
      });
    };
    const askers = await Promise.all(clientAdmins.map(async (email) => (await clients(email, 1))[0] as Client));
    const managers = await clients(PROVIDER_DM);
    const rng = new Rng(7);
    let n = 0;
    const ask: Op = {
      name: 'POST question',
      run: async (w) => {
        const id = rng.pick(askedBy[w] as { id: string }[]).id;
        const r = await (askers[w] as Client).request('POST', `/api/engagements/${id}/questions`, {
          title: `Bench question ${++n}`,
          body: 'Which figures should the summary use?',
        });
        return r.status === 201;
      },
    };
    const update: Op = {
      name: 'POST status update',
      run: async (w) => {
        const id = rng.pick(updated).id;
        const r = await (managers[w] as Client).request('POST', `/api/engagements/${id}/updates`, {
          progressPct: rng.int(0, 100),
          rag: 'green',
          done: 'Interviews done.',
          next: 'Draft the summary.',
          blockers: '',
          risks: '',
        });
        return r.status === 201;
      },
    };
    const get = (name: string, path: (id: string) => string): Op => ({
      name,
      run: async (w) => (await (askers[w] as Client).request('GET', path(rng.pick(askedBy[w] as { id: string }[]).id))).status === 200,
    });
    const reads = [
      get('GET engagement', (id) => `/api/engagements/${id}`),
      get('GET questions', (id) => `/api/engagements/${id}/questions`),
      get('GET updates', (id) => `/api/engagements/${id}/updates`),
      get('GET list', () => '/api/engagements?limit=25'),
    ];

    const runs = [];
    log(`${CONCURRENCY} connections, ${WARMUP} s warm-up + ${SECONDS} s each`);
    const pid = server.child.pid ?? 0;
    runs.push(await measure('questions', () => ask, pid));
    runs.push(await measure('status updates', () => update, pid));
    runs.push(await measure('mix (1 write in 4)', () => (rng.next() < 0.25 ? (rng.next() < 0.5 ? ask : update) : rng.pick(reads)), pid));
    for (const c of [...askers, ...managers]) c.close();

    // The chain afterwards: everything the runs wrote is sealed and verifies.
    const verify = spawnCli(['audit', 'verify']);
    const verified = await verify;
    log(`audit verify: exit ${verified.code}: ${verified.out.trim().split('\n').slice(-3).join(' | ')}`);
    const result = {
      label: LABEL,
      serverRoot: SERVER_ROOT === root ? '.' : SERVER_ROOT,
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', node: process.version },
      postgres: (await pgQuery<{ v: string }>(PG_DB, 'SELECT version() AS v'))[0]?.v,
      engagements: ENGAGEMENTS,
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      runs,
      auditVerify: { exitCode: verified.code, output: verified.out.trim().split('\n').slice(-4) },
      totalSeconds: round((performance.now() - started) / 1000),
    };
    const named = env.BENCH_RESULT_FILE ?? `writes-${result.date.slice(0, 10)}.json`;
    const file = named.startsWith('/') ? named : `${root}bench/results/${named}`;
    const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
    writeFileSync(file, `${JSON.stringify([...previous, result], null, 2)}\n`);
    log(`wrote ${file}`);
  } finally {
    await new Promise((resolve) => {
      server.child.once('exit', resolve);
      server.child.kill('SIGTERM');
    });
  }
}

function spawnCli(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['bin/kpo.js', ...args], { cwd: root, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

await main();
