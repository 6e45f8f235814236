import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that change what the whole process shares — a module mock, a stubbed global, a
 * process-wide listener — run each in a process of its own. The rest share their worker's loaded
 * modules (`isolate: false`): re-importing the server for each of some 240 files was a quarter of
 * the suite's CPU time. Every file opens a database of its own, so no file sees another's data.
 */
const OWN_PROCESS = ['src/server/bad-input-coverage.test.ts', 'src/web/api/client.test.ts', 'src/infra/jobs/runner.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['src/testing/global-setup.ts'],
    pool: 'forks',
    // Vitest's default (one fewer than the cores) is a single worker on a 2-core machine, where
    // much of a test file's time is spent waiting on PostgreSQL or on a child `kpo` process.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'], exclude: OWN_PROCESS, isolate: false },
      },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS, isolate: true } },
    ],
  },
});
