// Cold start to ready, warm start, and idle memory of `kpo serve` on embedded PGlite, each
// against a peer measured in the same run on the same machine: a bare PGlite doing the same
// database work (initdb on an empty directory / reopening it) in a bare Node process.
// Run: npm run bench (builds first). Writes bench/results/startup-<date>.json and prints a table.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

function run(args, env, readyPattern) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d) => {
      out += d.toString();
      const m = readyPattern.exec(out);
      if (m) resolve({ child, ms: performance.now() - started, match: m });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

async function stop(child) {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const PEER = `
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(process.env.DIR + '/pg');
  await db.query('select 1');
  console.log('peer ready');
  setInterval(() => {}, 1000);
`;

const results = { kpoCold: [], peerCold: [], kpoWarm: [], peerWarm: [], kpoIdleRss: [], peerIdleRss: [] };
for (let i = 0; i < RUNS; i++) {
  for (const who of ['kpo', 'peer']) {
    const dir = mkdtempSync(join(tmpdir(), `kpo-bench-${who}-`));
    const start = () =>
      who === 'kpo'
        ? run(['bin/kpo.js', 'serve', '--demo', '--port', '0'], { KPO_DATA_DIR: dir, KPO_LOG_LEVEL: 'warn' }, /is ready at (\S+)/)
        : run(['--input-type=module', '-e', PEER], { DIR: dir }, /peer ready/);
    const cold = await start();
    await stop(cold.child);
    const warm = await start();
    if (who === 'kpo') {
      // Touch the API once (sign-in), then let it idle.
      const url = warm.match[1];
      await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@mirai-link.example', password: 'kpo-demo-2026!' }),
      });
    }
    await sleep(3000);
    const rss = rssOf(warm.child.pid);
    await stop(warm.child);
    rmSync(dir, { recursive: true, force: true });
    results[`${who}Cold`].push(cold.ms);
    results[`${who}Warm`].push(warm.ms);
    results[`${who}IdleRss`].push(rss);
  }
  process.stderr.write(`run ${i + 1}/${RUNS} done\n`);
}

const summary = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  runs: RUNS,
  coldStartMs: { kpo: median(results.kpoCold), peer: median(results.peerCold) },
  warmStartMs: { kpo: median(results.kpoWarm), peer: median(results.peerWarm) },
  idleRssMiB: { kpo: median(results.kpoIdleRss) / 2 ** 20, peer: median(results.peerIdleRss) / 2 ** 20 },
  raw: results,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, `bench/results/startup-${summary.date.slice(0, 10)}.json`), `${JSON.stringify(summary, null, 2)}\n`);
const row = (name, k, p, unit) => `| ${name} | ${k.toFixed(0)} ${unit} | ${p.toFixed(0)} ${unit} | ${(k / p).toFixed(2)}× |`;
console.log(`| measure (median of ${RUNS}) | kpo serve --demo | peer: bare PGlite | ratio |`);
console.log('|---|---|---|---|');
console.log(row('cold start to ready (empty data dir: initdb, migrate, seed)', summary.coldStartMs.kpo, summary.coldStartMs.peer, 'ms'));
console.log(row('warm start to ready (existing data dir)', summary.warmStartMs.kpo, summary.warmStartMs.peer, 'ms'));
console.log(row('idle RSS after start (+1 sign-in, 3 s idle)', summary.idleRssMiB.kpo, summary.idleRssMiB.peer, 'MiB'));
