import { defineConfig } from 'vitest/config';

/**
 * The reliability suite (`npm run test:reliability`, README "Reliability"): kill -9 during a write
 * load, and many clients with a backup taken under load. It starts real `kpo serve` processes and
 * runs for minutes, so it is kept out of `npm test`; files run one after another.
 */
export default defineConfig({
  test: {
    include: ['reliability/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
  },
});
