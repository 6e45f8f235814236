/**
 * Patent search at scale (issue #12): import throughput and query latency with N generated
 * patents (default 100,000) on embedded PGlite and on PostgreSQL, in the same run. Goal: p95 of
 * a query under 50 ms on PostgreSQL.
 *
 *   node --import tsx bench/patents/scale.ts [--patents 100000] [--queries 300] [--seed 20261206]
 *     [--backends pglite,postgres] [--out bench/results/patent-scale-<date>.json]
 *     [--keep] [--database NAME] [--baseline DIR]
 *
 * The patents come from kpo's demo generator (src/infra/demo/patents.ts: Japanese and English
 * medical-device patents with claims, descriptions, codes and dates). The import path is the one
 * `kpo ip import` runs — validated records, analysed before the transaction, written in batches
 * of 250 with their posting blocks — minus file parsing (timed apart by the importers' own
 * tests). Queries: a fixed mix drawn from the corpus's own vocabulary — single words of every
 * frequency, two and three words, phrases, NEAR, OR with NOT, Japanese words, a date cut-off and
 * a classification filter — each run once on each backend, interleaved, after a warm-up of 20.
 * PostgreSQL needs TEST_DATABASE_URL (or DATABASE_URL): a scratch database is made and dropped.
 * Results: bench/results/patent-scale-<date>.json.
 *
 * A before/after in one run, on one database: `--keep` leaves the PostgreSQL database made (its
 * name is printed); `--database NAME` queries that database instead of importing (PostgreSQL only);
 * `--baseline DIR` also runs every query with the search code of another checkout (DIR, e.g. a `git
 * worktree` of the commit before), interleaved with this one's, each with its own caches, and
 * reports both (backend "postgres-baseline") — the index format must be the same in both.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type PreparedPatent, preparePatent, searchPatents } from '../../src/core/workbenches/patent-search/search.js';
import { type Database, openDatabase } from '../../src/infra/db/database.js';
import { migrate } from '../../src/infra/db/migrate.js';
import { generatePatents } from '../../src/infra/demo/patents.js';
import { createPatentIndexStore } from '../../src/infra/patents/index-store.js';
import { type PatentRecord, patentRecordSchema } from '../../src/shared/contracts/patents.js';

const root = new URL('../../', import.meta.url).pathname;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const PATENTS = arg('--patents', 100_000);
const QUERIES = arg('--queries', 300);
const SEED = arg('--seed', 20261206);
const BATCH = 250;
const option = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
/** `--no-compact`: leave one block per term and batch, as before compaction existed (for a before/after in one session). */
const COMPACT = !process.argv.includes('--no-compact');
const REUSE = option('--database');
const KEEP = process.argv.includes('--keep');
const BASELINE = option('--baseline');
const BACKENDS = REUSE ? ['postgres'] : (option('--backends') ?? 'pglite,postgres').split(',');
const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * The query mix: words taken from patents of the corpus (every 97th), so most queries find
 * something, as a searcher's do — one to three words of a title or claim, a phrase from it, NEAR,
 * OR with NOT, a Japanese word of a Japanese patent, a date cut-off, a classification filter.
 */
function queryMix(samples: PatentRecord[]): { query: string; filters?: { publishedBefore?: string; classification?: string[] } }[] {
  const out: ReturnType<typeof queryMix> = [];
  for (let i = 0; out.length < QUERIES; i++) {
    const r = samples[i % samples.length] as PatentRecord;
    const text = `${r.title} ${r.claims[0]?.text ?? r.abstract}`;
    if (r.language === 'ja') {
      const runs = [...text.matchAll(/[\p{Script=Han}\p{Script=Katakana}ー]{2,6}/gu)].map((m) => m[0]);
      const a = runs[i % Math.max(runs.length, 1)] ?? '血圧';
      const b = runs[(i + 3) % Math.max(runs.length, 1)] ?? 'センサ';
      const ja = [{ query: a }, { query: `${a} ${b}` }, { query: `${a} OR ${b}`, filters: { publishedBefore: '2015-01-01' } }];
      out.push(ja[i % ja.length] as (typeof out)[number]);
      continue;
    }
    const words = [...text.matchAll(/[A-Za-z]{4,}/g)]
      .map((m) => m[0].toLowerCase())
      .filter((w) => !['comprising', 'wherein', 'which', 'that'].includes(w));
    if (words.length < 4) continue;
    const at = i % (words.length - 3);
    const [a, b, c] = [words[at], words[at + 1], words[at + 2]] as [string, string, string];
    const mix = [
      { query: a },
      { query: `${a} ${c}` },
      { query: `${a} ${b} ${c}` },
      { query: `"${a} ${b}"` },
      { query: `${a} NEAR/5 ${c}` },
      { query: `(${a} OR ${b}) -${c}` },
      { query: `${a} ${b}`, filters: { publishedBefore: '2015-01-01' } },
      { query: `${a} OR ${c}`, filters: { classification: ['A61B 5/00'] } },
    ];
    out.push(mix[i % mix.length] as (typeof out)[number]);
  }
  return out;
}

interface Backend {
  name: 'pglite' | 'postgres';
  database: Database;
  corpusId: string;
  cleanup(): Promise<void>;
}

async function open(name: Backend['name']): Promise<Backend | null> {
  if (name === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'kpo-bench-ip-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    await migrate(database.db);
    return { name, database, corpusId: '', cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!pgUrl) return null;
  const db = REUSE ?? `kpo_bench_ip_${randomBytes(4).toString('hex')}`;
  if (!REUSE) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
  }
  const url = new URL(pgUrl);
  url.pathname = `/${db}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  if (!REUSE) await migrate(database.db);
  if (KEEP || REUSE) console.log(`  database ${db} (kept)`);
  return {
    name,
    database,
    corpusId: '',
    cleanup: async () => {
      if (KEEP || REUSE) return;
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function importInto(
  b: Backend,
): Promise<{ seconds: number; prepareSeconds: number; writeSeconds: number; compactSeconds: number; patentsPerSecond: number }> {
  const index = createPatentIndexStore(b.database.db);
  const now = new Date('2026-12-06T00:00:00Z');
  b.corpusId = (await index.corpus('bench', null, null, now)).id;
  const started = performance.now();
  let prepare = 0;
  let write = 0;
  let batch: PreparedPatent[] = [];
  let done = 0;
  let firstBlock: number | null = null;
  const flush = async () => {
    const t = performance.now();
    const written = batch;
    batch = [];
    const counts = await b.database.db.transaction().execute((tx) => index.importBatch(tx, b.corpusId, written, now));
    firstBlock ??= counts.block;
    write += performance.now() - t;
  };
  for (const generated of generatePatents({ count: PATENTS, seed: SEED })) {
    const t = performance.now();
    const record = patentRecordSchema.parse(generated);
    batch.push(preparePatent(record, createHash('sha256').update(JSON.stringify(record)).digest('hex')));
    prepare += performance.now() - t;
    if (batch.length >= BATCH) await flush();
    if (++done % 10_000 === 0)
      process.stderr.write(`  ${b.name}: ${done} patents, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  if (batch.length) await flush();
  let compactSeconds = 0;
  if (COMPACT && firstBlock !== null) {
    const t = performance.now();
    await index.compactBlocks(b.corpusId, firstBlock);
    compactSeconds = (performance.now() - t) / 1000;
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, prepareSeconds: prepare / 1000, writeSeconds: write / 1000, compactSeconds, patentsPerSecond: PATENTS / seconds };
}

const backends = (await Promise.all((['pglite', 'postgres'] as const).filter((n) => BACKENDS.includes(n)).map(open))).filter(
  (b): b is Backend => b !== null,
);
console.log(
  `Patent search at scale: ${PATENTS} generated patents, ${QUERIES} queries; backends: ${backends.map((b) => b.name).join(', ')}`,
);
const imports: Record<string, Awaited<ReturnType<typeof importInto>>> = {};
for (const b of backends) {
  if (REUSE) {
    const found = await createPatentIndexStore(b.database.db).findCorpus('bench', null);
    if (!found) throw new Error(`no corpus "bench" in database ${REUSE}`);
    b.corpusId = found.id;
    continue;
  }
  imports[b.name] = await importInto(b);
  const r = imports[b.name];
  console.log(
    `  import ${b.name}: ${r?.seconds.toFixed(0)} s (${r?.patentsPerSecond.toFixed(0)} patents/s; analysis ${r?.prepareSeconds.toFixed(0)} s, writing ${r?.writeSeconds.toFixed(0)} s, compaction ${r?.compactSeconds.toFixed(0)} s)`,
  );
}
const first = backends[0] as Backend;
/** The backend the baseline's code runs on, and whose answers it is compared with: PostgreSQL when measured. */
const baselineBackend = backends.find((b) => b.name === 'postgres') ?? first;
const sampled = await first.database.db
  .selectFrom('patents')
  .select('record')
  .where('corpus_id', '=', first.corpusId)
  .where(sql<boolean>`doc_no % 97 = 0`)
  .orderBy('doc_no')
  .execute();
const mix = queryMix(sampled.map((r) => r.record as PatentRecord));
type Search = (q: (typeof mix)[number]) => Promise<{ total: number; hits: [string, number][] } | null>;
const runner = (search: typeof searchPatents, store: typeof createPatentIndexStore, b: Backend): Search => {
  return async (q) => {
    const r = await search(store(b.database.db), b.corpusId, q.query, { filters: q.filters ?? {}, limit: 20 });
    return r.ok ? { total: r.total, hits: r.hits.map((h) => [h.number, h.score]) } : null;
  };
};
const runners: { name: string; run: Search }[] = backends.map((b) => ({
  name: b.name,
  run: runner(searchPatents, createPatentIndexStore, b),
}));
if (BASELINE) {
  // The other checkout's search code, with its own module state (caches): the same queries, interleaved.
  const base = BASELINE.endsWith('/') ? BASELINE : `${BASELINE}/`;
  const searchModule = (await import(`${base}src/core/workbenches/patent-search/search.ts`)) as { searchPatents: typeof searchPatents };
  const storeModule = (await import(`${base}src/infra/patents/index-store.ts`)) as {
    createPatentIndexStore: typeof createPatentIndexStore;
  };
  runners.push({
    name: `${baselineBackend.name}-baseline`,
    run: runner(searchModule.searchPatents, storeModule.createPatentIndexStore, baselineBackend),
  });
}
const times: Record<string, number[]> = Object.fromEntries(runners.map((b) => [b.name, []]));
const hits: Record<string, number[]> = Object.fromEntries(runners.map((b) => [b.name, []]));
const answers: Record<string, string[]> = Object.fromEntries(runners.map((b) => [b.name, []]));
const timed: Record<string, { query: string; filters?: object; ms: number; hits: number }[]> = Object.fromEntries(
  runners.map((b) => [b.name, []]),
);
for (const [i, q] of mix.entries()) {
  for (const b of i % 2 === 0 ? runners : [...runners].reverse()) {
    const t = performance.now();
    const r = await b.run(q);
    const ms = performance.now() - t;
    if (i >= 20) {
      times[b.name]?.push(ms);
      timed[b.name]?.push({ ...q, ms: Math.round(ms * 10) / 10, hits: r ? r.total : -1 });
    }
    hits[b.name]?.push(r ? r.total : -1);
    answers[b.name]?.push(JSON.stringify(r));
  }
}
const summary = runners.map((b) => {
  const sorted = [...(times[b.name] ?? [])].sort((x, y) => x - y);
  const totals = hits[b.name] ?? [];
  return {
    backend: b.name,
    import: imports[b.name],
    queries: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1),
    medianHits: [...totals].sort((x, y) => x - y)[Math.floor(totals.length / 2)],
    refused: totals.filter((t) => t < 0).length,
    /** Where the tail is: the ten slowest queries. */
    slowest: [...(timed[b.name] ?? [])].sort((x, y) => y.ms - x.ms).slice(0, 10),
  };
});
for (const s of summary)
  console.log(
    `  queries ${s.backend}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max?.toFixed(1)} ms (median ${s.medianHits} hits, ${s.refused} refused)`,
  );
if (backends.length === 2) {
  const same = (hits.pglite ?? []).every((h, i) => h === hits.postgres?.[i]);
  console.log(`  both backends found the same number of hits for every query: ${same}`);
}
let sameAsBaseline: boolean | undefined;
if (BASELINE) {
  const base = answers[`${baselineBackend.name}-baseline`] ?? [];
  sameAsBaseline = (answers[baselineBackend.name] ?? []).every((a, i) => a === base[i]);
  console.log(`  the same hits and scores (top 20) and totals as the baseline's for every query: ${sameAsBaseline}`);
}
for (const b of backends) {
  await b.database.close();
  await b.cleanup();
}
const date = new Date().toISOString().slice(0, 10);
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(
  option('--out') ?? `${root}bench/results/patent-scale-${date}.json`,
  `${JSON.stringify({ date, patents: PATENTS, seed: SEED, machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: loadavg() }, ...(BASELINE && { baseline: BASELINE, sameAsBaseline }), summary }, null, 2)}\n`,
);
