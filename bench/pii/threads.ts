/**
 * The PII detector on one thread against the batch mode's pool (`kpo pii scan --jsonl --workers N`)
 * on generated documents unseen by run.ts's set: three passes each, every pass over a set of its own
 * (seeds 11, 12, 13; 8,000 documents each), so the first pass shows the cold start (JIT, each thread's
 * kuromoji) and the later ones warm code on new text — not caches hot from text already seen.
 * Beside wall time, the CPU time of the whole process (all its threads) for each pass: on a machine
 * shared with other work, wall time also counts waiting for a CPU. The figures are added to the day's
 * results file of run.ts (`threads`), or written to it alone; `--out NAME.json` writes them to
 * bench/results/NAME.json instead (its `threads` section), leaving the day's file as it is.
 * `node --import tsx bench/pii/threads.ts [--out NAME.json]`
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { detectPii } from '../../src/core/documents/pii/detect.js';
import { loadKuromojiTokenizer } from '../../src/infra/documents/kuromoji.js';
import { startPiiPool } from '../../src/infra/documents/pii-pool.js';
import { generate } from './generate.js';

const sets = [11, 12, 13].map((seed) => generate(seed, 8000));
const mbOf = (docs: { text: string }[]) => docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / 1e6;
const rate = (mb: number, seconds: number) => +(mb / seconds).toFixed(2);
/** Wall and CPU time (all threads of the process) of `pass`, as MB/s over `mb`. */
async function timed(mb: number, pass: () => unknown): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await pass();
  const cpu = process.cpuUsage(cpu0);
  return { wall: rate(mb, (performance.now() - t0) / 1000), cpu: rate(mb, (cpu.user + cpu.system) / 1e6) };
}
const load0 = loadavg().map((x) => +x.toFixed(2));
const tokenizer = await loadKuromojiTokenizer();
const runs: Record<string, { wall: number; cpu: number }[]> = { 'one thread': [] };
for (const docs of sets) runs['one thread']?.push(await timed(mbOf(docs), () => docs.map((d) => detectPii(d.text, { tokenizer }))));
for (const threads of [...new Set([1, availableParallelism()])]) {
  const pool = startPiiPool(threads);
  const passes: { wall: number; cpu: number }[] = [];
  for (const docs of sets) passes.push(await timed(mbOf(docs), () => Promise.all(docs.map((d) => pool.scan(d.text)))));
  await pool.close();
  runs[`pool of ${threads}`] = passes;
}
const load1 = loadavg().map((x) => +x.toFixed(2));
console.log(`${sets.map((d) => mbOf(d).toFixed(2)).join(' + ')} MB, Node ${process.version}, load ${load0.join(' ')} → ${load1.join(' ')}`);
for (const [name, passes] of Object.entries(runs))
  console.log(`${name}, MB/s per pass (wall / process CPU): ${passes.map((p) => `${p.wall} / ${p.cpu}`).join(', ')}`);

const date = new Date().toISOString().slice(0, 10);
const outAt = process.argv.indexOf('--out');
const file = new URL(`../results/${outAt >= 0 ? process.argv[outAt + 1] : `pii-${date}.json`}`, import.meta.url);
const day = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { benchmark: 'pii', date };
day.threads = {
  seeds: [11, 12, 13],
  docsPerPass: 8000,
  node: process.version,
  loadAverage: { before: load0, after: load1 },
  mbPerSecond: runs,
};
writeFileSync(file, `${JSON.stringify(day, null, 2)}\n`);
console.log(`Wrote ${file.pathname}`);
