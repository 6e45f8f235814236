import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserServer, chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { chromiumOptions } from './browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the kpo server under test listens, e.g. http://127.0.0.1:41234. */
    baseUrl: string;
    /** The one Chromium of the run; test files connect to it rather than each starting their own. */
    browserEndpoint: string;
    /** The server's data directory (and master key file): a journey runs `kpo` commands against it. */
    dataDir: string;
  }
}

const root = new URL('..', import.meta.url).pathname;
/** The first start creates the database and replays the demo history: on a busy two-core machine, over a minute. */
const STARTUP_TIMEOUT_MS = 240_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port.'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kpo exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`kpo did not become healthy within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts `kpo serve --demo` on a fresh data directory and a free port, with the test clock, and
 * one Chromium; stops both after the run.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(join(root, 'dist/web/index.html'))) {
    throw new Error('The web UI is not built: run `npm run test:e2e` (it builds first) or `npm run build`.');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'kpo-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [join(root, 'bin/kpo.js'), 'serve', '--demo', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: root,
    // KPO_TEST_CLOCK lets a journey move the server's clock forward (a missed cadence, an overdue answer);
    // KPO_WEBHOOK_ALLOW_PRIVATE lets the webhook journey call a receiver on this machine.
    env: {
      ...process.env,
      KPO_DATA_DIR: dataDir,
      KPO_DEMO: '1',
      KPO_LOG_LEVEL: 'warn',
      KPO_TEST_CLOCK: 'true',
      KPO_WEBHOOK_ALLOW_PRIVATE: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  try {
    await waitForHealth(`${baseUrl}/api/health`, child, () => log);
  } catch (e) {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  let browser: BrowserServer;
  try {
    browser = await chromium.launchServer(chromiumOptions());
  } catch (e) {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('browserEndpoint', browser.wsEndpoint());
  project.provide('dataDir', dataDir);

  return async () => {
    await browser.close();
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
