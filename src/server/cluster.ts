import cluster, { type Worker } from 'node:cluster';

/**
 * `kpo serve --workers N` (docs/decisions/0016-engagement-list-filters-by-index.md, issue #15): N
 * server processes sharing one port through node:cluster, so that a busy server uses more than one
 * core. Each worker is a whole `kpo serve` — its own runtime, pool and background jobs — exactly as
 * N separate processes on one PostgreSQL database already are (src/server/multi-process.test.ts):
 * migrations take an advisory lock, sessions and sign-in throttling live in the database, pg-boss
 * hands each job to one worker, and audit events are sealed into the chain by whichever process
 * holds the sealing lock. The primary migrates (and seeds the demo) once before forking, then only
 * starts, replaces and stops workers.
 */

/** What a worker tells the primary once it listens. */
export interface WorkerReady {
  kpoWorkerReady: { url: string; kind: string; location: string };
}

const isReady = (m: unknown): m is WorkerReady =>
  typeof m === 'object' && m !== null && 'kpoWorkerReady' in m && typeof (m as WorkerReady).kpoWorkerReady?.url === 'string';

export const isClusterWorker = () => cluster.isWorker;

/** In a worker: tell the primary this worker listens at `url`. */
export function reportReady(ready: WorkerReady['kpoWorkerReady']): void {
  process.send?.({ kpoWorkerReady: ready } satisfies WorkerReady);
}

export interface PrimaryOptions {
  workers: number;
  /** Told once, when every worker listens. */
  onReady(ready: WorkerReady['kpoWorkerReady'], ms: number): void;
  log(line: string): void;
}

/**
 * In the primary: forks `workers` copies of this command and resolves when they have all ended
 * after SIGINT/SIGTERM (resolving to the exit code). A worker that dies while the others serve is
 * replaced; one that dies before the first has become ready ends the whole server (a bad
 * configuration would only die again).
 */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  const started = performance.now();
  const live = new Set<Worker>();
  let ready = 0;
  let allReady = false;
  let stopping = false;
  let exitCode = 0;
  // Replacements that die at once (the database gone, say) are restarted ever more slowly, not in a loop.
  let replaceDelayMs = REPLACE_DELAY_MIN_MS;
  return new Promise((resolve) => {
    const finishWhenEmpty = () => {
      if (live.size === 0) resolve(exitCode);
    };
    const stopAll = (signal: NodeJS.Signals, code: number) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      for (const w of live) w.process.kill(signal);
      finishWhenEmpty();
    };
    const fork = () => {
      const forkedAt = performance.now();
      const w = cluster.fork();
      live.add(w);
      w.on('message', (m: unknown) => {
        if (!isReady(m) || allReady) return;
        ready++;
        if (ready === options.workers) {
          allReady = true;
          options.onReady(m.kpoWorkerReady, Math.round(performance.now() - started));
        }
      });
      w.on('exit', (code, signal) => {
        live.delete(w);
        if (stopping) return finishWhenEmpty();
        options.log(`worker ${w.process.pid} ended (${signal ?? `exit code ${code}`})`);
        if (!allReady) return stopAll('SIGTERM', code || 1);
        const lived = performance.now() - forkedAt;
        replaceDelayMs = lived > QUICK_DEATH_MS ? REPLACE_DELAY_MIN_MS : Math.min(replaceDelayMs * 2, REPLACE_DELAY_MAX_MS);
        options.log(`starting a replacement worker in ${Math.round(replaceDelayMs / 1000)} s`);
        setTimeout(() => {
          if (!stopping) fork();
        }, replaceDelayMs);
      });
    };
    for (let i = 0; i < options.workers; i++) fork();
    const onSignal = (signal: NodeJS.Signals) => {
      if (!stopping) options.log(`${signal}: shutting down ${live.size} workers…`);
      stopAll('SIGTERM', 0);
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
  });
}

/** A worker that lived less than this before dying doubles the wait before its replacement. */
const QUICK_DEATH_MS = 10_000;
const REPLACE_DELAY_MIN_MS = 1_000;
const REPLACE_DELAY_MAX_MS = 30_000;

/** In a worker that has shut down: close the channel to the primary, which would keep it running. */
export function leaveCluster(): void {
  if (cluster.isWorker) process.disconnect?.();
}
