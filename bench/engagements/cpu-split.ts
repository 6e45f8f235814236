// Where one endpoint's CPU goes at 10 connections: the kpo server process, PostgreSQL's backends
// (every process named postgres, from /proc) and this load generator, per request, on a world
// bench/engagements/run.ts left (BENCH_KEEP=1). Two rounds of 8 s after 2 s of warm-up.
//
//   BENCH_PG_DB=kpo_bench CPU_SPLIT_PATH='/api/engagements?limit=50' node --import tsx bench/engagements/cpu-split.ts
//
// Settings: BENCH_PG_URL (postgres://postgres@127.0.0.1:5432), BENCH_PG_DB (kpo_bench), CPU_SPLIT_PATH
// ({id} is replaced by engagements of the user's first page), CPU_SPLIT_USER (the provider's delivery manager),
// CPU_SPLIT_ROUNDS (2), CPU_SPLIT_PROFILE=DIR (the server writes a V8 CPU profile there), CPU_SPLIT_NODE_ARGS (more
// options for the server's node, e.g. '--max-semi-space-size=32'), BENCH_SERVER_ROOT (another
// checkout's server, e.g. a `git worktree` of the code before a change, built).
import { readdirSync, readFileSync } from 'node:fs';
import { Client, closedLoop, startKpoServer, stopKpoServer } from './load.js';
import { BENCH_PASSWORD } from './world.js';

const env = process.env;
const root = new URL('../../', import.meta.url).pathname;
const url = `${(env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '')}/${env.BENCH_PG_DB ?? 'kpo_bench'}`;
const path = env.CPU_SPLIT_PATH ?? '/api/engagements?limit=50';
const user = env.CPU_SPLIT_USER ?? 'manager1@p01.bench.example';

/** CPU ticks (user + system, 1/100 s) a process has used, 0 when it is gone. */
function ticks(pid: number | string): number {
  try {
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}
function postgresTicks(): number {
  let sum = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') sum += ticks(pid);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return sum;
}

const nodeArgs = [
  ...(env.CPU_SPLIT_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${env.CPU_SPLIT_PROFILE}`] : []),
  ...(env.CPU_SPLIT_NODE_ARGS ?? '').split(' ').filter(Boolean),
];
const serverRoot = env.BENCH_SERVER_ROOT ?? root;
const server = await startKpoServer({ cwd: serverRoot, env: { ...env, DATABASE_URL: url, KPO_LOG_LEVEL: 'warn' }, nodeArgs });
const clients = Array.from({ length: 10 }, () => new Client(server.url, 1));
try {
  for (const c of clients) await c.signIn(user, BENCH_PASSWORD);
  const ids = path.includes('{id}')
    ? (await (clients[0] as Client).get<{ items: { id: string }[] }>('/api/engagements?limit=50')).items.map((i) => i.id)
    : [];
  let n = 0;
  const op = async (worker: number) => {
    const r = await (clients[worker] as Client).request('GET', path.replace('{id}', ids[n++ % Math.max(ids.length, 1)] ?? ''));
    return r.status === 200;
  };
  await closedLoop(op, { concurrency: 10, warmupMs: 2000, durationMs: 1 });
  const pid = server.child.pid ?? 0;
  for (let round = 0; round < Number(env.CPU_SPLIT_ROUNDS ?? 2); round++) {
    const [s0, p0, m0] = [ticks(pid), postgresTicks(), process.cpuUsage()];
    const m = await closedLoop(op, { concurrency: 10, warmupMs: 0, durationMs: 8000 });
    const [s1, p1, m1] = [ticks(pid), postgresTicks(), process.cpuUsage(m0)];
    const perRequest = (t: number) => ((t * 10) / m.requests).toFixed(2);
    console.log(
      `${path} as ${user}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, ${m.errors} errors | ` +
        `CPU ms a request: server ${perRequest(s1 - s0)}, PostgreSQL ${perRequest(p1 - p0)}, load generator ${((m1.user + m1.system) / 1000 / m.requests).toFixed(2)}`,
    );
  }
} finally {
  await stopKpoServer(server);
  for (const c of clients) c.close();
}
