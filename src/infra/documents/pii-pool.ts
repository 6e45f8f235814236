import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../../core/documents/pii/types.js';

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

interface Job {
  resolve: (f: Finding[]) => void;
  reject: (e: Error) => void;
}

export function startPiiPool(size: number): PiiPool {
  /** Jobs sent to each thread, by batch number, in the order of their texts. */
  const sent = new Map<number, { jobs: Job[]; worker: number }>();
  const load: number[] = [];
  let batchSeq = 0;
  let failure: Error | null = null;
  let waiting: { text: string; job: Job }[] = [];
  let flushQueued = false;
  const workers = Array.from({ length: Math.max(1, size) }, (_, i) => {
    const w = newWorker();
    load.push(0);
    w.on('message', (m: { seq: number; findings?: Finding[][]; error?: string }) => {
      const batch = sent.get(m.seq);
      if (!batch) return;
      sent.delete(m.seq);
      load[i] = (load[i] ?? batch.jobs.length) - batch.jobs.length;
      batch.jobs.forEach((job, k) => {
        if (m.error !== undefined) job.reject(new Error(m.error));
        else job.resolve(m.findings?.[k] ?? []);
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
    while (waiting.length > 0) {
      const batch = waiting.slice(0, BATCH);
      waiting = waiting.slice(BATCH);
      // The least busy thread takes the batch (texts differ in length, so plain turns would idle a thread).
      let pick = 0;
      for (let i = 1; i < workers.length; i++) if ((load[i] ?? 0) < (load[pick] ?? 0)) pick = i;
      const seq = batchSeq++;
      load[pick] = (load[pick] ?? 0) + batch.length;
      sent.set(seq, { jobs: batch.map((b) => b.job), worker: pick });
      workers[pick]?.postMessage({ seq, texts: batch.map((b) => b.text) });
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
