import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { type Backend, describeEachDatabase, makeTestDataDir, openTestDatabase } from '../../testing/db.js';
import type { Database } from '../db/database.js';
import { createLogger } from '../logger.js';
import { kyselyExecutor, poolExecutor } from './executor.js';
import { type JobHandler, type Jobs, type StartJobsOptions, startJobs } from './runner.js';

/**
 * Waits for an event, however long the machine takes: no deadline of its own (a busy machine is
 * not a failure); the test's time-out is the backstop, and a failed test says what it waited for.
 */
let waitingFor: string | null = null;
const until = async (what: string, check: () => boolean | Promise<boolean>) => {
  waitingFor = what;
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
  waitingFor = null;
};
/** Each test starts pg-boss (and one spawns a process) on PGlite: generous on a busy machine. */
const JOB_TEST_TIMEOUT = 180_000;

const require = createRequire(import.meta.url);
const plans = require('pg-boss/src/plans.js') as Record<string, (schema: string, ...rest: unknown[]) => string | ((o: object) => string)>;

describeEachDatabase('jobs on pg-boss', (backend: Backend) => {
  let database: Database;
  const logs: string[] = [];
  const logger = createLogger('debug', (l) => logs.push(l));
  const unhandled = vi.fn();
  // PostgreSQL: pg-boss gets a pool of its own. (The test URL has no password, so the location is the URL.)
  const options = (extra: Partial<StartJobsOptions> = {}): StartJobsOptions => ({
    logger,
    pollSeconds: 1,
    cronWorkerSeconds: 1,
    ...(backend === 'postgres' ? { connectionString: database.location } : {}),
    ...extra,
  });
  let running: Jobs | null = null;
  const start = async (handlers: Parameters<typeof startJobs>[1], extra: Partial<StartJobsOptions> = {}) => {
    running = await startJobs(database, handlers, options(extra));
    return running;
  };

  beforeAll(async () => {
    process.on('unhandledRejection', unhandled);
    database = await openTestDatabase(backend);
  });
  beforeEach(({ onTestFailed }) => {
    waitingFor = null;
    onTestFailed(() => {
      if (waitingFor) console.error(`[${backend}] the test was still waiting for ${waitingFor}`);
    });
  });
  /** Stopping gave up on nothing: no run was abandoned and pg-boss stopped cleanly. */
  const stoppedCleanly = (lines: string) => {
    expect(lines).not.toContain('did not finish in time');
    expect(lines).not.toContain('did not stop cleanly');
  };
  afterAll(async () => {
    await running?.stop();
    await database.close();
    // Anything pg-boss left behind would surface now, against a closed database. (A pause, not a
    // wait for an event: it shows an absence, and a busy machine can only make it see less.)
    await new Promise((r) => setTimeout(r, 1500));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('creates its schema, runs the cron job and the periodic job, runs on demand, and stops cleanly', {
    timeout: JOB_TEST_TIMEOUT,
  }, async () => {
    const runs = { 'sla-check': 0, 'deliver-notifications': 0 };
    const jobs = await start(
      {
        'sla-check': async () => {
          runs['sla-check']++;
        },
        'deliver-notifications': async () => {
          runs['deliver-notifications']++;
        },
      },
      { schedules: { 'deliver-notifications': { everySeconds: 2 } } },
    );
    // A minute cron fires as soon as pg-boss looks at its schedules (at start, then every 30 s).
    await until('the scheduled sla-check', () => runs['sla-check'] >= 1);
    await until('two periodic deliveries', () => runs['deliver-notifications'] >= 2);
    const schedules = await sql<{ name: string; cron: string }>`SELECT name, cron FROM pgboss.schedule ORDER BY name`.execute(database.db);
    expect(schedules.rows).toEqual([{ name: 'sla-check', cron: '* * * * *' }]);

    // The run asked for is a job of its own, and it is the one that completes (not the next cron run).
    const id = await jobs.runNow('sla-check');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const stateOf = async () =>
      (await sql<{ state: string }>`SELECT state::text FROM pgboss.job WHERE id = ${id}::uuid`.execute(database.db)).rows[0]?.state;
    await until('the run asked for', async () => (await stateOf()) === 'completed');
    // The application keeps working alongside (on PGlite: through the one connection).
    expect((await sql<{ n: number }>`SELECT 1 AS n`.execute(database.db)).rows).toEqual([{ n: 1 }]);

    logs.length = 0;
    await jobs.stop();
    await jobs.stop();
    stoppedCleanly(logs.join('\n'));
    expect(logs.some((l) => l.includes('jobs stopped'))).toBe(true);
    const after = { ...runs };
    // Nothing runs after stop: longer than the 2 s period, a pause that can only show an absence.
    await new Promise((r) => setTimeout(r, 2500));
    expect(runs).toEqual(after);
    expect(await jobs.runNow('sla-check')).toBeNull();
    await expect(jobs.runNow('deliver-notifications')).resolves.toBeNull();
  });

  it('survives a restart: the schedule persists and a run cut short is run again', { timeout: JOB_TEST_TIMEOUT }, async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const hanging: JobHandler = () => {
      calls++;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const first = await start({ 'sla-check': hanging }, { stopTimeoutMs: 200 });
    await first.runNow('sla-check');
    await until('the first run', () => calls === 1);
    // Stopping does not wait for ever: the run in progress is left to expire.
    await first.stop();
    const active = await sql<{ state: string }>`SELECT state::text FROM pgboss.job WHERE name = 'sla-check' AND state = 'active'`.execute(
      database.db,
    );
    expect(active.rows).toHaveLength(1);
    release();

    const ran: string[] = [];
    const second = await start({ 'sla-check': async () => void ran.push('again') });
    const schedules = await sql<{ name: string }>`SELECT name FROM pgboss.schedule`.execute(database.db);
    expect(schedules.rows.map((r) => r.name)).toContain('sla-check');
    if (backend === 'pglite') {
      // One process per data directory: a run still "active" at start is certainly dead; it is failed and the queue moves on.
      const failed = await sql<{
        output: { message: string };
      }>`SELECT output FROM pgboss.job WHERE name = 'sla-check' AND state = 'failed'`.execute(database.db);
      expect(failed.rows.map((r) => r.output.message)).toContain('interrupted: kpo stopped while this run was in progress');
      await second.runNow('sla-check');
      await until('the run after the restart', () => ran.length >= 1);
    } else {
      // Several processes may share PostgreSQL: the stale run blocks its queue until pg-boss expires it.
      const stillActive = await sql`SELECT 1 FROM pgboss.job WHERE name = 'sla-check' AND state = 'active'`.execute(database.db);
      expect(stillActive.rows).toHaveLength(1);
    }
    await second.stop();
  });

  it('fails a run that throws or takes too long, and goes on', { timeout: JOB_TEST_TIMEOUT }, async () => {
    let mode: 'throw' | 'slow' | 'ok' = 'throw';
    const done: string[] = [];
    // The slow run goes on until the test lets it (after its time-out was seen): not a sleep.
    let finishSlow: () => void = () => undefined;
    const slowHeld = new Promise<void>((r) => {
      finishSlow = r;
    });
    const jobs = await start(
      {
        'deliver-notifications': async () => {
          const as = mode;
          if (as === 'throw') throw new Error('receiver exploded');
          if (as === 'slow') await slowHeld;
          done.push(as);
        },
      },
      { timeoutSeconds: 1, schedules: { 'deliver-notifications': { everySeconds: 3600 } } },
    );
    await until('the failed run', () => logs.some((l) => l.includes('job failed') && l.includes('receiver exploded')));
    mode = 'slow';
    await jobs.runNow('deliver-notifications');
    await until('the timed-out run', () => logs.some((l) => l.includes('job failed') && l.includes('timed out after 1 s')));
    finishSlow();
    await until('the slow run to end', () => done.includes('slow'));
    mode = 'ok';
    await jobs.runNow('deliver-notifications');
    await until('a good run', () => done.includes('ok'));
    await jobs.stop();
    const states = await sql<{ state: string; n: number }>`
      SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name = 'deliver-notifications' GROUP BY state ORDER BY state`.execute(
      database.db,
    );
    expect(states.rows).toEqual(expect.arrayContaining([{ state: 'failed', n: 2 }]));
  });

  it('rolls back a failed BEGIN…COMMIT at once, so the connection stays usable', { timeout: JOB_TEST_TIMEOUT }, async () => {
    const executor = backend === 'postgres' ? poolExecutor(database.location, 1, logger) : kyselyExecutor(database.db, logger);
    await expect(executor.executeSql('BEGIN; SELECT 1; SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
    expect((await executor.executeSql('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
    expect((await sql<{ n: number }>`SELECT 3 AS n`.execute(database.db)).rows).toEqual([{ n: 3 }]);
    // Completing or failing a job never rejects (pg-boss does not await those); other statements do.
    const complete = plans.completeJobs?.('no_such_schema') as string;
    const fail = plans.failJobsById?.('no_such_schema') as string;
    const cancel = plans.cancelJobs?.('no_such_schema') as string;
    await expect(executor.executeSql(complete, ['q', [], null])).resolves.toEqual({ rows: [{ count: 0 }] });
    await expect(executor.executeSql(fail, ['q', [], null])).resolves.toEqual({ rows: [{ count: 0 }] });
    await expect(executor.executeSql(cancel, ['q', []])).rejects.toThrow(/no_such_schema/);
    await executor.close();
    // After close nothing reaches the database.
    await expect(executor.executeSql('SELECT 1/0')).resolves.toEqual({ rows: [] });
  });

  it(
    'lets a process stopped by SIGTERM exit by itself',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kpo-jobs-'));
      const dataDir = backend === 'pglite' ? await makeTestDataDir() : '';
      const src = new URL('../../', import.meta.url).href;
      const script = join(dir, 'child.mts');
      writeFileSync(
        script,
        `
import { openDatabase } from '${src}infra/db/database.ts';
import { createLogger } from '${src}infra/logger.ts';
import { startJobs } from '${src}infra/jobs/runner.ts';
const database = await openDatabase(${backend === 'pglite' ? `{ kind: 'pglite', dataDir: ${JSON.stringify(dataDir)} }` : `{ kind: 'postgres', url: ${JSON.stringify(database.location)}, poolSize: 2 }`});
const jobs = await startJobs(database, {
  'sla-check': async () => {},
  'deliver-notifications': async () => { console.log('JOB-RAN'); },
}, { logger: createLogger('warn'), pollSeconds: 1, cronWorkerSeconds: 1, ${backend === 'postgres' ? `connectionString: ${JSON.stringify(database.location)}` : ''} });
process.once('SIGTERM', async () => {
  await jobs.stop();
  await database.close();
  console.log('stopped');
});
process.on('unhandledRejection', (e) => { console.log('UNHANDLED', e); process.exitCode = 3; });
`,
      );
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        cwd: new URL('../../../', import.meta.url).pathname,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        output += d.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        await until('the child to run a job', () => output.includes('JOB-RAN'));
        child.kill('SIGTERM');
        // It exits by itself (a hang fails the test at its time-out), having stopped cleanly: no run
        // abandoned, pg-boss stopped, nothing left that would keep it alive.
        waitingFor = 'the child to exit after SIGTERM';
        const code = await exited;
        waitingFor = null;
        expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('stopped') });
        expect(output).not.toContain('UNHANDLED');
        stoppedCleanly(output);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    },
    JOB_TEST_TIMEOUT,
  );
});
