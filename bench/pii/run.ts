/**
 * PII detection benchmark: kpo's detector against @openredaction/openredaction on the same
 * generated set, in the same run. `node --import tsx bench/pii/run.ts [--docs N] [--seed S]`
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { detectPii } from '../../src/core/documents/pii/detect.js';
import type { PiiType } from '../../src/core/documents/pii/types.js';
import { loadKuromojiTokenizer } from '../../src/infra/documents/kuromoji.js';
import { startPiiPool } from '../../src/infra/documents/pii-pool.js';
import { type Doc, generate, type Label } from './generate.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SEED = arg('--seed', 20261205);
const DOCS = arg('--docs', 2000);

/**
 * CPU time of this thread in seconds (Linux: /proc/self/task/<pid>/schedstat, in ns), or null. Shown
 * beside the wall time: on a machine shared with other work, wall time also counts the time this
 * process waited for a CPU, while the thread's own CPU time does not (cache and frequency effects
 * of the other work remain in both).
 */
function threadCpuSeconds(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return null;
  }
}

/** openredaction's types in Presidio's names; a type with no counterpart here is not scored (not a false positive). */
function peerType(t: string): PiiType | null {
  if (t === 'NAME' || t.endsWith('_NAME')) return 'PERSON';
  if (t.startsWith('EMAIL')) return 'EMAIL_ADDRESS';
  if (t.startsWith('PHONE') || t.includes('MOBILE') || t.includes('TELEPHONE')) return 'PHONE_NUMBER';
  if (t === 'SSN' || t === 'US_SSN') return 'US_SSN';
  if (t.startsWith('CREDIT_CARD')) return 'CREDIT_CARD';
  if (t.startsWith('IBAN')) return 'IBAN_CODE';
  if (t.startsWith('IPV4') || t.startsWith('IPV6') || t === 'IP_ADDRESS') return 'IP_ADDRESS';
  if (t.startsWith('ADDRESS') || t === 'STREET_ADDRESS' || t === 'PO_BOX') return 'STREET_ADDRESS';
  if (t.includes('MY_NUMBER')) return 'MY_NUMBER';
  if (t === 'DATE_OF_BIRTH' || t === 'DOB') return 'DATE_TIME';
  if (t.startsWith('BANK_ACCOUNT')) return 'BANK_ACCOUNT';
  return null;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
type Score = { exact: Counts; overlap: Counts };
const blank = (): Score => ({ exact: { tp: 0, fp: 0, fn: 0 }, overlap: { tp: 0, fp: 0, fn: 0 } });

function score(gold: Label[], found: Label[], into: Map<string, Score>, lang: string): void {
  const bucket = (type: string) => {
    for (const key of [`${lang}:${type}`, `${lang}:ALL`, `all:${type}`, 'all:ALL']) if (!into.has(key)) into.set(key, blank());
    return [`${lang}:${type}`, `${lang}:ALL`, `all:${type}`, 'all:ALL'].map((k) => into.get(k) as Score);
  };
  for (const mode of ['exact', 'overlap'] as const) {
    const used = new Set<number>();
    for (const g of gold) {
      const i = found.findIndex(
        (f, k) =>
          !used.has(k) &&
          f.type === g.type &&
          (mode === 'exact' ? f.start === g.start && f.end === g.end : f.start < g.end && g.start < f.end),
      );
      for (const s of bucket(g.type)) s[mode][i >= 0 ? 'tp' : 'fn']++;
      if (i >= 0) used.add(i);
    }
    found.forEach((f, k) => {
      if (!used.has(k)) for (const s of bucket(f.type)) s[mode].fp++;
    });
  }
}

const prf = (c: Counts) => {
  const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { precision: +(100 * p).toFixed(1), recall: +(100 * r).toFixed(1), f1: +(100 * f1).toFixed(1), ...c };
};

async function main() {
  const docs: Doc[] = generate(SEED, DOCS);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  const loadStart = performance.now();
  const tokenizer = await loadKuromojiTokenizer();
  const kuromojiLoadMs = performance.now() - loadStart;
  // Its type declarations pull in React's DOM globals, which would clash with the e2e tests' in one
  // typecheck: the peer is loaded by a name TypeScript does not follow, with the small shape used here.
  const peerModule = '@openredaction/openredaction';
  const { OpenRedaction } = (await import(peerModule)) as {
    OpenRedaction: new () => { detect(text: string): { detections: { type: string; position: [number, number] }[] } };
  };
  const peer = new OpenRedaction();

  const systems = {
    kpo: (text: string): Label[] => detectPii(text, { tokenizer }).map(({ start, end, type }) => ({ start, end, type })),
    openredaction: (text: string): Label[] =>
      peer
        .detect(text)
        .detections.map((d) => ({ start: d.position[0], end: d.position[1], type: peerType(d.type) }))
        .filter((d): d is Label => d.type !== null),
  };
  const results: Record<string, unknown> = {};
  const summary: string[] = [];
  for (const [name, run] of Object.entries(systems)) {
    const found: Label[][] = [];
    // Warm-up (JIT: one pass over the set), then timed. The set is small (≈ 0.7 MB, a fraction of a second for kpo),
    // so a partial warm-up leaves the JIT's work in the timed pass; threads.ts times passes over text never seen before.
    for (const d of docs) run(d.text);
    const cpu0 = threadCpuSeconds();
    const t0 = performance.now();
    for (const d of docs) found.push(run(d.text));
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = threadCpuSeconds();
    const cpuSeconds = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
    const scores = new Map<string, Score>();
    docs.forEach((d, i) => {
      score(d.labels, found[i] ?? [], scores, d.lang);
    });
    const table: Record<string, { exact: ReturnType<typeof prf>; overlap: ReturnType<typeof prf> }> = {};
    for (const [key, s] of [...scores].sort()) table[key] = { exact: prf(s.exact), overlap: prf(s.overlap) };
    const cpuMbPerSecond = cpuSeconds ? +(bytes / 1e6 / cpuSeconds).toFixed(2) : null;
    results[name] = {
      seconds: +seconds.toFixed(3),
      mbPerSecond: +(bytes / 1e6 / seconds).toFixed(2),
      threadCpuSeconds: cpuSeconds === null ? null : +cpuSeconds.toFixed(3),
      cpuMbPerSecond,
      scores: table,
    };
    summary.push(
      `\n### ${name}: ${(bytes / 1e6 / seconds).toFixed(2)} MB/s${cpuMbPerSecond ? ` (${cpuMbPerSecond} MB/s of this thread's CPU time)` : ''}\n`,
    );
    summary.push(`${'language:type'.padEnd(26)} ${'exact P/R/F1'.padEnd(20)} overlap P/R/F1   (gold n)`);
    for (const [key, v] of Object.entries(table)) {
      const e = v.exact;
      const o = v.overlap;
      summary.push(
        `${key.padEnd(26)} ${`${e.precision}/${e.recall}/${e.f1}`.padEnd(20)} ${`${o.precision}/${o.recall}/${o.f1}`.padEnd(16)} (${e.tp + e.fn})`,
      );
    }
  }
  // The batch mode (`kpo pii scan --jsonl`): the same detector on one thread per core, each with its
  // own kuromoji, texts handed to the least busy thread, answers in input order. Warmed like the
  // others (every thread has loaded its dictionary and run a pass over the set) before timing.
  const threads = availableParallelism();
  const pool = startPiiPool(threads);
  await Promise.all(docs.map((d) => pool.scan(d.text)));
  const p0 = performance.now();
  const pooled = await Promise.all(docs.map((d) => pool.scan(d.text)));
  const poolSeconds = (performance.now() - p0) / 1000;
  await pool.close();
  const poolScores = new Map<string, Score>();
  docs.forEach((d, i) => {
    score(
      d.labels,
      (pooled[i] ?? []).map(({ start, end, type }) => ({ start, end, type })),
      poolScores,
      d.lang,
    );
  });
  const poolF1 = prf((poolScores.get('all:ALL') ?? blank()).exact).f1;
  results.kpoBatch = {
    threads,
    seconds: +poolSeconds.toFixed(3),
    mbPerSecond: +(bytes / 1e6 / poolSeconds).toFixed(2),
    // Same findings as the one-thread run, so the same scores; checked rather than assumed.
    f1All: poolF1,
  };
  summary.push(`\n### kpo batch (${threads} threads, kpo pii scan --jsonl): ${(bytes / 1e6 / poolSeconds).toFixed(2)} MB/s, F1 ${poolF1}`);

  const date = new Date().toISOString().slice(0, 10);
  const out = {
    benchmark: 'pii',
    date,
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverage: loadavg().map((x) => +x.toFixed(2)),
    },
    set: { seed: SEED, docs: DOCS, bytes, labels: docs.reduce((n, d) => n + d.labels.length, 0) },
    // The dictionary load and the tokenizer's warm-up on its own built-in text (kuromoji.ts), before timing.
    kuromojiLoadMs: Math.round(kuromojiLoadMs),
    peer: '@openredaction/openredaction@1.0.4 (default options)',
    results,
  };
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
  const file = new URL(`../results/pii-${date}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    `PII benchmark — ${DOCS} documents (${(bytes / 1e6).toFixed(2)} MB), seed ${SEED}, ${out.machine.cpus} CPUs, Node ${process.version}`,
  );
  console.log(summary.join('\n'));
  console.log(`\nWrote ${file.pathname}`);
}

await main();
