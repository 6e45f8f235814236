import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../infra/config.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { kpo } from '../testing/cli.js';
import { describePostgres, makePostgresDatabase, makeTestDataDir } from '../testing/db.js';
import { makeOrg, makeUser, TEST_PASSWORD } from '../testing/factories.js';
import { type ServerProcess, startServerProcess } from '../testing/server-process.js';

/**
 * `kpo serve --workers N`: N processes of node:cluster sharing one port on one PostgreSQL database
 * (docs/decisions/0016). What two separate processes guarantee (multi-process.test.ts) must hold
 * for the workers: one session everywhere, one unbroken audit chain; and the primary replaces a
 * worker that dies and ends them all when stopped.
 */

/** The processes a process has started (Linux). */
const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};
/** The workers: node processes among the primary's children (tsx may add an esbuild service). */
const workersOf = (pid: number) =>
  childrenOf(pid).filter((c) => {
    try {
      return readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('serve');
    } catch {
      return false;
    }
  });

describe('kpo serve --workers on the embedded database', () => {
  it('refuses, naming the option and PostgreSQL', async () => {
    const dataDir = await makeTestDataDir();
    const r = await kpo(['serve', '--port', '0', '--workers', '2'], { KPO_DATA_DIR: dataDir });
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/--workers needs PostgreSQL \(DATABASE_URL\)/);
    expect(r.out).not.toMatch(/is ready/);
  });

  it('refuses a number of workers that is not a whole number from 1 to 64', async () => {
    for (const bad of ['0', '1.5', 'two', '65', '0x2', '1e1']) {
      const r = await kpo(['serve', '--port', '0', '--workers', bad], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      expect(r.code, bad).not.toBe(0);
      expect(r.err, bad).toMatch(/--workers/);
    }
  });
});

describePostgres('kpo serve --workers 2 on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: ServerProcess;
  let rt: Runtime;
  let email: string;
  let orgId: string;

  beforeAll(async () => {
    database = await makePostgresDatabase();
    server = await startServerProcess({ DATABASE_URL: database.url }, ['--workers', '2']);
    rt = await createRuntime(loadConfig({ DATABASE_URL: database.url, KPO_LOG_LEVEL: 'silent' }));
    const org = await makeOrg(rt, 'client');
    orgId = org.id;
    email = (await makeUser(rt, org.id, ['client_admin'])).email;
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await rt?.close();
    await database?.drop();
  });

  async function login() {
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    const body = (await res.json()) as { csrfToken?: string };
    return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '', csrf: body.csrfToken ?? '' };
  }

  it('runs two workers behind one port, and one session and one audit chain across them', async () => {
    const pid = server.child.pid ?? 0;
    expect(workersOf(pid)).toHaveLength(2);
    const s = await login();
    expect(s.status).toBe(200);
    // New connections are dealt to the workers in turn: every one must know the session.
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${server.url}/api/session`, { headers: { cookie: s.cookie, connection: 'close' } });
      expect(res.status).toBe(200);
    }
    await rt.store.sealAudit();
    const before = (await rt.store.read.audit.head()).seq;
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${server.url}/api/organizations/${orgId}/invitations`, {
          method: 'POST',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ email: `w${i}@example.test`, roles: ['reviewer'] }),
        }).then((r) => r.status),
      ),
    );
    expect(statuses.every((st) => st === 201)).toBe(true);
    await rt.store.sealAudit();
    const after = (await rt.store.read.audit.head()).seq;
    expect(after - before).toBe(40);
    expect(await rt.services.audit.verify(rt.system('test'))).toMatchObject({ ok: true, lastSeq: after, unsealed: { count: 0 } });
  });

  it('ends with an error, its workers gone, when the workers cannot start (the port is taken)', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    const port = (holder.address() as { port: number }).port;
    try {
      const child = spawn(process.execPath, ['bin/kpo.js', 'serve', '--host', '127.0.0.1', '--port', String(port), '--workers', '2'], {
        env: { ...process.env, KPO_FROM_SOURCE: '1', KPO_LOG_LEVEL: 'warn', DATABASE_URL: database.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (d: Buffer) => {
        output += d.toString();
      });
      child.stderr?.on('data', (d: Buffer) => {
        output += d.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect(code, output).not.toBe(0);
      expect(output).not.toMatch(/is ready/);
      expect(output).toMatch(/A server worker ended before the server was ready/);
      // No worker left behind: no process anywhere still runs `serve … --port <port>`.
      const serving = readdirSync('/proc')
        .filter((d) => /^\d+$/.test(d))
        .filter((d) => {
          try {
            return readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ').includes(`--port ${port} --workers`);
          } catch {
            return false;
          }
        });
      expect(serving).toEqual([]);
    } finally {
      holder.close();
    }
  }, 180_000);

  it('replaces a worker that dies, and ends every worker when stopped', async () => {
    const pid = server.child.pid ?? 0;
    const [victim] = workersOf(pid);
    expect(victim).toBeDefined();
    process.kill(victim as number, 'SIGKILL');
    await until('a replacement worker', () => {
      const now = workersOf(pid);
      return now.length === 2 && !now.includes(victim as number);
    });
    await until('the server to answer', async () => (await fetch(`${server.url}/api/health`).catch(() => null))?.status === 200);
    const workers = workersOf(pid);
    await server.stop();
    expect(server.child.exitCode).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
  }, 120_000);
});
