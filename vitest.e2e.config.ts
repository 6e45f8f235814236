import { defineConfig } from 'vitest/config';

/**
 * End-to-end journeys in Debian's Chromium against one real kpo server (built UI, demo data).
 * Files run one after another: they share the server, and two cores are better spent on it.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
