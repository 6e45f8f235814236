import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type Config, loadConfig } from '../infra/config.js';
import { argon2idHasher } from '../infra/crypto/passwords.js';
import { createLogger } from '../infra/logger.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { type App, createApp } from '../server/app.js';
import { TestClock } from './clock.js';
import { type Backend, openTestDatabase } from './db.js';

export interface TestKit {
  rt: Runtime;
  app: App;
  clock: TestClock;
  /** Lines kpo logged, for asserting what is (and is not) written to logs. */
  logs: string[];
}

export async function createTestKit(backend: Backend, env: Record<string, string> = {}): Promise<TestKit & { close(): Promise<void> }> {
  const database = await openTestDatabase(backend);
  const clock = new TestClock();
  const logs: string[] = [];
  // A master key of its own: no test writes a key file into the working directory.
  // And a data directory of its own: the vault's files never land in the working directory.
  const config: Config = loadConfig({
    KPO_TRUSTED_PROXIES: '1',
    KPO_MASTER_KEY: randomBytes(32).toString('base64'),
    KPO_DATA_DIR: mkdtempSync(join(tmpdir(), 'kpo-kit-')),
    ...env,
  });
  // Real argon2id, with the cost turned down: tests check behaviour, not the work factor.
  const hasher = argon2idHasher({ memoryCost: 1024, timeCost: 1 });
  const rt = await createRuntime(config, { database, clock, hasher, logger: createLogger('debug', (l) => logs.push(l)), migrate: false });
  const app = createApp(rt, { webDir: null });
  const ownDataDir = env.KPO_DATA_DIR === undefined;
  const close = async () => {
    await rt.close();
    if (ownDataDir) rmSync(config.dataDir, { recursive: true, force: true });
  };
  return { rt, app, clock, logs, close };
}

/** One kit per test file (describe block): a fresh database, a test clock, the app. */
export function useTestKit(backend: Backend, env: Record<string, string> = {}): () => TestKit {
  let kit: (TestKit & { close(): Promise<void> }) | null = null;
  beforeAll(async () => {
    kit = await createTestKit(backend, env);
  });
  afterAll(async () => {
    await kit?.close();
  });
  return () => {
    if (!kit) throw new Error('The test kit is not ready (use it inside a test).');
    return kit;
  };
}
