import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { type JobsExecutor, kyselyExecutor, poolExecutor } from './executor.js';

export const JOB_NAMES = ['sla-check', 'deliver-notifications', 'vault-cleanup'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/**
 * One run of a job. It must be idempotent: a run cut short (the process died, the job timed out)
 * is simply run again. `signal` is aborted when the process stops; finish or give up quickly then.
 */
export type JobHandler = (context: { signal: AbortSignal }) => Promise<unknown>;

/**
 * When a job runs: a cron expression (minute resolution; pg-boss keeps it in its schedule table
 * and fires it once across all processes), or a period under a minute (each process asks, and
 * pg-boss lets one run through per period).
 */
export type JobSchedule = { cron: string } | { everySeconds: number };

export const DEFAULT_SCHEDULES: Readonly<Record<JobName, JobSchedule>> = {
  'sla-check': { cron: '* * * * *' },
  'deliver-notifications': { everySeconds: 30 },
  // Abandoned uploads (a request that died mid-stream) are removed once they are an hour old.
  'vault-cleanup': { cron: '17 * * * *' },
};

export interface StartJobsOptions {
  logger: Logger;
  /**
   * PostgreSQL: the URL pg-boss opens a small pool of its own on (config.databaseUrl), so jobs
   * never wait behind requests. Without it pg-boss shares the runtime's pool. Ignored on PGlite,
   * which has one connection: pg-boss runs through it, between requests.
   */
  connectionString?: string | null;
  /** Connections of that pool (default 2). */
  poolSize?: number;
  /** How often each job's queue is looked at (default 10 s on PGlite, 5 s on PostgreSQL). Runs asked for in this process start at once. */
  pollSeconds?: number;
  /** How often pg-boss moves due cron runs into their queues (default 10 s on PGlite, 5 s on PostgreSQL). */
  cronWorkerSeconds?: number;
  /** A run that takes longer is failed (default 300 s); the next scheduled run starts afresh. */
  timeoutSeconds?: number;
  /** How long stop() waits for runs in progress (default 15 s). */
  stopTimeoutMs?: number;
  /** Tests: other schedules. */
  schedules?: Partial<Record<JobName, JobSchedule>>;
}

export interface Jobs {
  /**
   * Asks for a run now (e.g. deliver-notifications right after a change). Resolves with the job id,
   * or null when a run is already waiting (that one will do). Throws for a job without a handler.
   */
  runNow(name: JobName): Promise<string | null>;
  /**
   * Stops polling and timers, waits for runs in progress (up to stopTimeoutMs), stops pg-boss and
   * lets go of the database. Call it before closing the database. Safe to call twice.
   */
  stop(): Promise<void>;
}

const PGBOSS_SCHEMA = 'pgboss';
/** The advisory lock that serialises pg-boss's setup across processes ("kpo jobs" as a number). */
const JOBS_SETUP_LOCK = 0x6b706f6a;

/**
 * Starts pg-boss on the runtime's database and runs the given handlers on their schedules. Only
 * jobs with a handler are scheduled and worked. Queues are "stately": at most one run of a job
 * is active and one waiting, across every process on the database.
 */
export async function startJobs(
  database: Database,
  handlers: Partial<Record<JobName, JobHandler>>,
  options: StartJobsOptions,
): Promise<Jobs> {
  const { logger } = options;
  const pglite = database.kind === 'pglite';
  const executor: JobsExecutor =
    !pglite && options.connectionString
      ? poolExecutor(options.connectionString, options.poolSize ?? 2, logger)
      : kyselyExecutor(database.db, logger);
  const pollMs = (options.pollSeconds ?? (pglite ? 10 : 5)) * 1000;
  const timeoutSeconds = options.timeoutSeconds ?? 300;
  const schedules = { ...DEFAULT_SCHEDULES, ...options.schedules };
  const active = JOB_NAMES.filter((name) => handlers[name] !== undefined);

  const bossOptions: PgBoss.ConstructorOptions = {
    db: executor as PgBoss.Db,
    schema: PGBOSS_SCHEMA,
    migrate: true,
    maintenanceIntervalSeconds: pglite ? 300 : 120,
    cronMonitorIntervalSeconds: 30,
    cronWorkerIntervalSeconds: options.cronWorkerSeconds ?? (pglite ? 10 : 5),
  };
  const onError = (err: Error) => logger.warn('jobs: pg-boss error', { error: err.message });

  // First, without timers: install or migrate pg-boss's schema and set up the queues and cron
  // schedules, so that the scheduler's first look (at start) already sees them.
  const setup = new PgBoss({ ...bossOptions, supervise: false, schedule: false });
  setup.on('error', onError);
  const boss = new PgBoss({ ...bossOptions, supervise: true, schedule: true });
  // Without a listener an 'error' event would throw; pg-boss reports failed polls this way.
  boss.on('error', onError);
  const install = async () => {
    await setup.start();
    const queue = { policy: 'stately' as const, retryLimit: 0, expireInSeconds: timeoutSeconds + 60 };
    for (const name of active) {
      await setup.createQueue(name, { name, ...queue });
      await setup.updateQueue(name, { name, ...queue });
    }
    if (pglite) await failInterrupted(setup, executor, active);
    for (const name of active) {
      const schedule = schedules[name];
      if ('cron' in schedule) await setup.schedule(name, schedule.cron, {}, { tz: 'UTC' });
      else await setup.unschedule(name);
    }
    await setup.stop({ graceful: false, close: false });
  };
  try {
    // Two processes starting together on one PostgreSQL deadlock inside pg-boss's create_queue:
    // one at a time, under an advisory lock held on a connection of its own. (PGlite has one
    // process and one connection.)
    if (pglite) await install();
    else
      await database.db.connection().execute(async (conn) => {
        // A process stuck in its setup makes the others fail to start after a minute, not hang.
        await sql`SET lock_timeout = '60s'`.execute(conn);
        await sql`SELECT pg_advisory_lock(${JOBS_SETUP_LOCK})`.execute(conn);
        try {
          await install();
        } finally {
          await sql`SELECT pg_advisory_unlock(${JOBS_SETUP_LOCK})`.execute(conn);
          await sql`RESET lock_timeout`.execute(conn);
        }
      });
    await boss.start();
  } catch (err) {
    await setup.stop({ graceful: false, close: false }).catch(() => undefined);
    await boss.stop({ graceful: false, close: false }).catch(() => undefined);
    await executor.close();
    throw err;
  }

  const controller = new AbortController();
  let stopping = false;
  const sleepers = new Map<JobName, () => void>();
  const woken = new Set<JobName>();
  const wake = (name: JobName) => {
    woken.add(name);
    sleepers.get(name)?.();
  };
  const sleep = (name: JobName) =>
    new Promise<void>((resolve) => {
      if (woken.delete(name) || stopping) return resolve();
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(name);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      sleepers.set(name, done);
    });

  async function work(name: JobName, handler: JobHandler): Promise<void> {
    while (!stopping) {
      let job: PgBoss.Job<object> | undefined;
      try {
        [job] = await boss.fetch<object>(name, { batchSize: 1 });
      } catch (err) {
        logger.warn('jobs: could not fetch', { job: name, error: (err as Error).message });
      }
      if (!job) {
        await sleep(name);
        continue;
      }
      const started = Date.now();
      try {
        await withTimeout(handler({ signal: controller.signal }), timeoutSeconds * 1000);
        await boss.complete(name, job.id);
        logger.debug('job done', { job: name, ms: Date.now() - started });
      } catch (err) {
        logger.warn('job failed', { job: name, ms: Date.now() - started, error: (err as Error).message });
        await boss.fail(name, job.id, { message: (err as Error).message }).catch(() => undefined);
      }
    }
  }

  const loops = active.map((name) => work(name, handlers[name] as JobHandler));

  // Every run of a job is sent with the same key (cron runs have none), so "stately" keeps it to one
  // run waiting and one active per job.
  const sendOptions = (name: JobName): PgBoss.SendOptions => ('everySeconds' in schedules[name] ? { singletonKey: 'period' } : {});

  // Periods under a minute: every process asks; the throttle lets one run through per period.
  const timers: NodeJS.Timeout[] = [];
  for (const name of active) {
    const schedule = schedules[name];
    if (!('everySeconds' in schedule)) continue;
    const tick = async () => {
      try {
        await boss.send(name, {}, { ...sendOptions(name), singletonSeconds: schedule.everySeconds });
      } catch (err) {
        logger.warn('jobs: could not queue a run', { job: name, error: (err as Error).message });
      }
      wake(name);
    };
    void tick();
    timers.push(setInterval(() => void tick(), schedule.everySeconds * 1000));
  }
  logger.info('jobs started', { database: database.kind, jobs: active.join(', ') });

  let stopped: Promise<void> | null = null;
  return {
    async runNow(name) {
      if (!handlers[name]) throw new Error(`No handler for the job ${name}.`);
      if (stopping) return null;
      const id = await boss.send(name, {}, sendOptions(name));
      wake(name);
      return id;
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        for (const t of timers) clearInterval(t);
        controller.abort();
        for (const name of active) wake(name);
        let waited: NodeJS.Timeout | undefined;
        const gaveUp = await Promise.race([
          Promise.allSettled(loops).then(() => false),
          new Promise<boolean>((r) => {
            waited = setTimeout(() => r(true), options.stopTimeoutMs ?? 15_000);
          }),
        ]);
        clearTimeout(waited);
        if (gaveUp) logger.warn('jobs: a run did not finish in time; it will be run again after it expires');
        await boss.stop({ graceful: true, close: false, wait: true, timeout: 1000 }).catch((err: Error) => {
          logger.warn('jobs: pg-boss did not stop cleanly', { error: err.message });
        });
        await executor.drain(3000);
        await executor.close();
        logger.info('jobs stopped');
      })();
      return stopped;
    },
  };
}

/** A run cut short by a crash is still "active" and would block its queue until it expired; on PGlite (one process) it is certainly dead. */
async function failInterrupted(boss: PgBoss, executor: JobsExecutor, names: readonly JobName[]): Promise<void> {
  if (names.length === 0) return;
  const { rows } = await executor.executeSql(
    `SELECT name, id FROM ${PGBOSS_SCHEMA}.job WHERE name = ANY($1::text[]) AND state = 'active'`,
    [[...names]],
  );
  for (const row of rows) {
    await boss.fail(String(row.name), String(row.id), { message: 'interrupted: kpo stopped while this run was in progress' });
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  // A run that times out may still reject later: never let that become an unhandled rejection.
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms / 1000)} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
