import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../infra/config.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { describePostgres, makePostgresDatabase } from '../testing/db.js';
import { makeOrg, makeUser, TEST_PASSWORD } from '../testing/factories.js';
import { type ServerProcess, startServerProcess } from '../testing/server-process.js';

/**
 * Two real kpo server processes on one PostgreSQL database, started at the same moment: they
 * migrate once between them, share sessions and login throttling through the database, and
 * their concurrent audited writes form one unbroken hash chain.
 */
describePostgres('two server processes on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  let servers: ServerProcess[] = [];
  let rt: Runtime;
  let email: string;
  let orgId: string;

  beforeAll(async () => {
    database = await makePostgresDatabase();
    // A first sign-in delay of ten minutes: these servers run on the real clock.
    const env = { DATABASE_URL: database.url, KPO_LOGIN_MAX_FAILURES: '4', KPO_LOGIN_DELAY_SECONDS: '600' };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    rt = await createRuntime(loadConfig({ ...env, KPO_LOG_LEVEL: 'silent' }));
    const org = await makeOrg(rt, 'client');
    orgId = org.id;
    email = (await makeUser(rt, org.id, ['client_admin'])).email;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await rt?.close();
    await database?.drop();
  });

  const [first, second] = [() => servers[0]?.url ?? '', () => servers[1]?.url ?? ''];

  async function login(base: string, password = TEST_PASSWORD) {
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { csrfToken?: string };
    return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '', csrf: body.csrfToken ?? '' };
  }

  it('migrated the database exactly once', async () => {
    const rows = await rt.database.db.selectFrom('kpo_migrations').select('version').execute();
    expect(rows.map((r) => r.version)).toEqual([...new Set(rows.map((r) => r.version))]);
  });

  it('a session started on one process works on the other, and signing out on one ends it on both', async () => {
    const s = await login(first());
    expect(s.status).toBe(200);
    expect((await fetch(`${second()}/api/session`, { headers: { cookie: s.cookie } })).status).toBe(200);
    expect(
      (await fetch(`${second()}/api/session`, { method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } })).status,
    ).toBe(204);
    expect((await fetch(`${first()}/api/session`, { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('concurrent audited writes on both processes keep one unbroken chain', async () => {
    const a = await login(first());
    const b = await login(second());
    const write = (base: string, s: { cookie: string; csrf: string }, i: number) =>
      fetch(`${base}/api/organizations/${orgId}/invitations`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `p${i}@example.test`, roles: ['reviewer'] }),
      }).then((r) => r.status);
    // Events are sealed into the chain after their writes commit, by either process (docs/decisions/0012):
    // sealing here waits for whichever is at work and seals what is left.
    await rt.store.sealAudit();
    const before = (await rt.store.read.audit.head()).seq;
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? write(first(), a, i) : write(second(), b, i))));
    expect(statuses.every((s) => s === 201)).toBe(true);
    await rt.store.sealAudit();
    const after = (await rt.store.read.audit.head()).seq;
    expect(after - before).toBe(60);
    const verified = await rt.services.audit.verify(rt.system('test'));
    expect(verified).toMatchObject({ ok: true, lastSeq: after, unsealed: { count: 0 } });
  });

  it('login throttling counts failures on both processes together', async () => {
    for (let i = 0; i < 4; i++) expect((await login(i % 2 ? first() : second(), 'wrong password!!')).status).toBe(401);
    expect((await login(first())).status).toBe(429);
    expect((await login(second())).status).toBe(429);
  });
});
