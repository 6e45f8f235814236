import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Finding, type PiiType, piiTypes } from '../../core/documents/pii/types.js';

/**
 * The PII detector on several threads, for batches (`kpo pii scan --jsonl`). The detector is
 * synchronous and CPU-bound, and each text is independent, so a batch scales with the cores: each
 * thread holds its own kuromoji (≈ 2 s to load, on its first Japanese text). Results come back in
 * the order the texts were given.
 */
export interface PiiPool {
  scan(text: string): Promise<Finding[]>;
  close(): Promise<void>;
}

/**
 * The worker beside this file. Built, it is plain JavaScript. From source (tests, `npm run kpo`) it is
 * TypeScript: a small bootstrap registers tsx in the new thread first, since loader flags given to
 * a worker's execArgv do not reach its module loader on Node 20.
 */
function newWorker(): Worker {
  if (!fileURLToPath(import.meta.url).endsWith('.ts')) return new Worker(new URL('./pii-worker.js', import.meta.url));
  const tsxApi = pathToFileURL(
    join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs'),
  );
  const worker = new URL('./pii-worker.ts', import.meta.url);
  const bootstrap = `import(${JSON.stringify(tsxApi.href)}).then(({ register }) => { register(); return import(${JSON.stringify(worker.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * Texts handed to a thread in one message: a message costs about as much as scanning a short text,
 * so texts given in the same turn of the event loop travel together, up to this many.
 */
const BATCH = 64;

/**
 * A batch's findings as two typed arrays, which cross to another thread as a copy of their bytes
 * instead of one cloned object per finding (≈ 14 findings a text): for each text its number of
 * findings, then start, end and type (an index into `piiTypes`) of each; the scores in order. The
 * text of a finding is cut again from the text on the other side, so it is not sent at all.
 */
export function packFindings(perText: Finding[][]): { spans: Int32Array; scores: Float64Array } {
  let n = 0;
  for (const f of perText) n += f.length;
  const spans = new Int32Array(perText.length + 3 * n);
  const scores = new Float64Array(n);
  let at = 0;
  let k = 0;
  for (const findings of perText) {
    spans[at++] = findings.length;
    for (const f of findings) {
      spans[at++] = f.start;
      spans[at++] = f.end;
      spans[at++] = typeIndex.get(f.type) ?? -1;
      // The detector always scores; NaN stands for "no score" should a finding come without one.
      scores[k++] = f.score ?? Number.NaN;
    }
  }
  return { spans, scores };
}
const typeIndex = new Map<PiiType, number>(piiTypes.map((t, i) => [t, i]));

/** The findings of each text of a batch, from `packFindings`: the same objects the detector gave (same fields, same order). */
export function unpackFindings(texts: readonly string[], spans: Int32Array, scores: Float64Array): Finding[][] {
  const out: Finding[][] = [];
  let at = 0;
  let k = 0;
  for (const text of texts) {
    const count = spans[at++] ?? 0;
    const findings: Finding[] = [];
    for (let i = 0; i < count; i++) {
      const start = spans[at++] ?? 0;
      const end = spans[at++] ?? 0;
      const type = piiTypes[spans[at++] ?? -1] as PiiType;
      const score = scores[k++] ?? Number.NaN;
      const f: Finding = { start, end, type, text: text.slice(start, end) };
      if (!Number.isNaN(score)) f.score = score;
      findings.push(f);
    }
    out.push(findings);
  }
  return out;
}

interface Job {
  resolve: (f: Finding[]) => void;
  reject: (e: Error) => void;
}

export function startPiiPool(size: number): PiiPool {
  /** Jobs sent to each thread, by batch number, in the order of their texts. */
  const sent = new Map<number, { jobs: Job[]; texts: string[]; worker: number }>();
  const load: number[] = [];
  let batchSeq = 0;
  let failure: Error | null = null;
  let waiting: { text: string; job: Job }[] = [];
  let flushQueued = false;
  const workers = Array.from({ length: Math.max(1, size) }, (_, i) => {
    const w = newWorker();
    load.push(0);
    w.on('message', (m: { seq: number; spans?: Int32Array; scores?: Float64Array; error?: string }) => {
      const batch = sent.get(m.seq);
      if (!batch) return;
      sent.delete(m.seq);
      load[i] = (load[i] ?? batch.jobs.length) - batch.jobs.length;
      const findings = m.spans && m.scores ? unpackFindings(batch.texts, m.spans, m.scores) : [];
      batch.jobs.forEach((job, k) => {
        if (m.error !== undefined) job.reject(new Error(m.error));
        else job.resolve(findings[k] ?? []);
      });
    });
    w.on('error', (e) => {
      failure = e;
      for (const [k, batch] of sent) {
        if (batch.worker !== i) continue;
        sent.delete(k);
        for (const job of batch.jobs) job.reject(e);
      }
    });
    return w;
  });
  const flush = () => {
    flushQueued = false;
    const all = waiting;
    waiting = [];
    for (let from = 0; from < all.length; from += BATCH) {
      const batch = all.slice(from, from + BATCH);
      // The least busy thread takes the batch (texts differ in length, so plain turns would idle a thread).
      let pick = 0;
      for (let i = 1; i < workers.length; i++) if ((load[i] ?? 0) < (load[pick] ?? 0)) pick = i;
      const seq = batchSeq++;
      load[pick] = (load[pick] ?? 0) + batch.length;
      const texts = batch.map((b) => b.text);
      sent.set(seq, { jobs: batch.map((b) => b.job), texts, worker: pick });
      workers[pick]?.postMessage({ seq, texts });
    }
  };
  return {
    scan(text) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting.push({ text, job: { resolve, reject } });
        if (waiting.length >= BATCH) flush();
        else if (!flushQueued) {
          flushQueued = true;
          setImmediate(flush);
        }
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
