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

export function startPiiPool(size: number): PiiPool {
  const pending = new Map<number, { resolve: (f: Finding[]) => void; reject: (e: Error) => void; worker: number }>();
  const load: number[] = [];
  let seq = 0;
  let failure: Error | null = null;
  const workers = Array.from({ length: Math.max(1, size) }, (_, i) => {
    const w = newWorker();
    load.push(0);
    w.on('message', (m: { seq: number; findings?: Finding[]; error?: string }) => {
      const job = pending.get(m.seq);
      if (!job) return;
      pending.delete(m.seq);
      load[i] = (load[i] ?? 1) - 1;
      if (m.error !== undefined) job.reject(new Error(m.error));
      else job.resolve(m.findings ?? []);
    });
    w.on('error', (e) => {
      failure = e;
      for (const [k, job] of pending) {
        if (job.worker !== i) continue;
        pending.delete(k);
        job.reject(e);
      }
    });
    return w;
  });
  return {
    scan(text) {
      if (failure) return Promise.reject(failure);
      // The least busy thread takes the text (texts differ in length, so plain turns would idle a thread).
      let pick = 0;
      for (let i = 1; i < workers.length; i++) if ((load[i] ?? 0) < (load[pick] ?? 0)) pick = i;
      const id = seq++;
      load[pick] = (load[pick] ?? 0) + 1;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, worker: pick });
        workers[pick]?.postMessage({ seq: id, text });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
