import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../shared/roles.js';
import { describeEachDatabase } from '../testing/db.js';
import { makeOrg, makeUser } from '../testing/factories.js';
import { TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

/**
 * Every API route, called as every role of the owning client organisation (A), as every role
 * of another client organisation (B), as every role of a provider with no engagement there (P),
 * as the operator, and anonymously. The expectations are written out by hand here, from what
 * each role should be able to do — not derived from the policy code under test.
 */
type Principal = `${'A' | 'B' | 'P' | 'op'}:${Role}` | 'anonymous';

const clientRoles: Role[] = ['client_admin', 'engagement_owner', 'reviewer', 'finance', 'auditor'];
const providerRoles: Role[] = ['provider_admin', 'delivery_manager', 'analyst', 'auditor'];
const operatorRoles: Role[] = ['platform_admin', 'auditor'];
const principals: Principal[] = [
  ...clientRoles.map((r) => `A:${r}` as Principal),
  ...clientRoles.map((r) => `B:${r}` as Principal),
  ...providerRoles.map((r) => `P:${r}` as Principal),
  ...operatorRoles.map((r) => `op:${r}` as Principal),
  'anonymous',
];
const signedIn = principals.filter((p) => p !== 'anonymous');
const everyone = principals;
const allOfA = clientRoles.map((r) => `A:${r}` as Principal);
const adminOfA: Principal[] = ['A:client_admin', 'op:platform_admin'];
const auditorsOfA: Principal[] = ['A:client_admin', 'A:auditor', 'op:platform_admin', 'op:auditor'];

interface Call {
  method: string;
  path: (ids: Ids) => string;
  body?: unknown;
  allowed: Principal[];
}
interface Ids {
  a: string;
}

/** Keyed by the route as Hono registers it; the test fails when a route has no row here. */
const matrix: Record<string, Call> = {
  'GET /api/health': { method: 'GET', path: () => '/api/health', allowed: everyone },
  'GET /api/openapi.json': { method: 'GET', path: () => '/api/openapi.json', allowed: everyone },
  'GET /api/docs': { method: 'GET', path: () => '/api/docs', allowed: everyone },
  'GET /api/docs/init.js': { method: 'GET', path: () => '/api/docs/init.js', allowed: everyone },
  'GET /api/docs/swagger-ui.css': { method: 'GET', path: () => '/api/docs/swagger-ui.css', allowed: everyone },
  'GET /api/docs/swagger-ui-bundle.js': { method: 'GET', path: () => '/api/docs/swagger-ui-bundle.js', allowed: everyone },
  'POST /api/session': { method: 'POST', path: () => '/api/session', body: {}, allowed: everyone },
  'GET /api/session': { method: 'GET', path: () => '/api/session', allowed: signedIn },
  'PUT /api/session/organization': { method: 'PUT', path: () => '/api/session/organization', body: {}, allowed: signedIn },
  'PATCH /api/session/profile': { method: 'PATCH', path: () => '/api/session/profile', body: {}, allowed: signedIn },
  'PUT /api/session/password': { method: 'PUT', path: () => '/api/session/password', body: {}, allowed: signedIn },
  'GET /api/organizations': { method: 'GET', path: () => '/api/organizations', allowed: ['op:platform_admin', 'op:auditor'] },
  'POST /api/organizations': { method: 'POST', path: () => '/api/organizations', body: {}, allowed: ['op:platform_admin'] },
  'GET /api/organizations/:orgId': { method: 'GET', path: ({ a }) => `/api/organizations/${a}`, allowed: [...allOfA, 'op:platform_admin'] },
  'PATCH /api/organizations/:orgId': { method: 'PATCH', path: ({ a }) => `/api/organizations/${a}`, body: {}, allowed: adminOfA },
  'GET /api/organizations/:orgId/members': {
    method: 'GET',
    path: ({ a }) => `/api/organizations/${a}/members`,
    allowed: [...allOfA, 'op:platform_admin'],
  },
  'PUT /api/organizations/:orgId/members/:userId/roles': {
    method: 'PUT',
    path: ({ a }) => `/api/organizations/${a}/members/${randomUUID()}/roles`,
    body: {},
    // The operator onboards administrators; it does not change or remove a client's people.
    allowed: ['A:client_admin'],
  },
  'DELETE /api/organizations/:orgId/members/:userId': {
    method: 'DELETE',
    path: ({ a }) => `/api/organizations/${a}/members/${randomUUID()}`,
    allowed: ['A:client_admin'],
  },
  'GET /api/organizations/:orgId/invitations': { method: 'GET', path: ({ a }) => `/api/organizations/${a}/invitations`, allowed: adminOfA },
  'POST /api/organizations/:orgId/invitations': {
    method: 'POST',
    path: ({ a }) => `/api/organizations/${a}/invitations`,
    body: {},
    allowed: adminOfA,
  },
  'DELETE /api/organizations/:orgId/invitations/:invitationId': {
    method: 'DELETE',
    path: ({ a }) => `/api/organizations/${a}/invitations/${randomUUID()}`,
    allowed: adminOfA,
  },
  'POST /api/invitations/preview': { method: 'POST', path: () => '/api/invitations/preview', body: {}, allowed: everyone },
  'POST /api/invitations/accept': { method: 'POST', path: () => '/api/invitations/accept', body: {}, allowed: everyone },
  'GET /api/tokens': { method: 'GET', path: () => '/api/tokens', allowed: signedIn },
  'POST /api/tokens': { method: 'POST', path: () => '/api/tokens', body: {}, allowed: signedIn },
  'DELETE /api/tokens/:tokenId': { method: 'DELETE', path: () => `/api/tokens/${randomUUID()}`, allowed: signedIn },
  'GET /api/audit-events': { method: 'GET', path: ({ a }) => `/api/audit-events?orgId=${a}`, allowed: auditorsOfA },
  'GET /api/audit-events/export': { method: 'GET', path: ({ a }) => `/api/audit-events/export?orgId=${a}`, allowed: auditorsOfA },
  'POST /api/audit-events/verify': { method: 'POST', path: () => '/api/audit-events/verify', allowed: ['op:platform_admin', 'op:auditor'] },
  // Signing out ends the session the other calls use: it runs last (object order is kept).
  'DELETE /api/session': { method: 'DELETE', path: () => '/api/session', allowed: signedIn },
};

describeEachDatabase('access: every route has a policy, and the authorization matrix holds', (backend) => {
  const kit = useTestKit(backend);
  const clients = new Map<Principal, TestClient>();
  let ids: Ids;

  beforeAll(async () => {
    const { rt, app } = kit();
    const orgs = {
      A: await makeOrg(rt, 'client'),
      B: await makeOrg(rt, 'client'),
      P: await makeOrg(rt, 'provider'),
      op: await makeOrg(rt, 'operator'),
    };
    ids = { a: orgs.A.id };
    for (const principal of principals) {
      const client = new TestClient(app.app, `10.0.${clients.size}.1`);
      if (principal !== 'anonymous') {
        const [org, role] = principal.split(':') as [keyof typeof orgs, Role];
        const user = await makeUser(rt, orgs[org].id, [role]);
        expect((await client.login(user.email)).status).toBe(200);
      }
      clients.set(principal, client);
    }
  });

  it('every registered API route declares a policy', () => {
    const { app } = kit();
    const registered = app.app.routes.filter((r) => r.path.startsWith('/api') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    const unguarded = [...new Set(registered)].filter((key) => !app.policies.has(key));
    expect(unguarded).toEqual([]);
    expect(registered.length).toBeGreaterThan(20);
  });

  it('every route with a policy has a row in the authorization matrix', () => {
    const { app } = kit();
    const missing = [...app.policies.keys()].filter((key) => !(key in matrix));
    expect(missing).toEqual([]);
  });

  it('each principal is allowed exactly where the matrix says and refused everywhere else', async () => {
    const mismatches: string[] = [];
    for (const [key, call] of Object.entries(matrix)) {
      for (const principal of principals) {
        const client = clients.get(principal);
        if (!client) throw new Error(`no client for ${principal}`);
        const reply = await client.request(call.method, call.path(ids), call.body);
        const refused = reply.status === 401 || reply.status === 403;
        const shouldBeAllowed = call.allowed.includes(principal);
        if (reply.status >= 500) mismatches.push(`${key} as ${principal}: ${reply.status}`);
        else if (shouldBeAllowed === refused) {
          mismatches.push(
            `${key} as ${principal}: expected ${shouldBeAllowed ? 'allowed' : 'refused'}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 120)}`,
          );
        }
        if (!shouldBeAllowed && principal === 'anonymous' && reply.status !== 401)
          mismatches.push(`${key} anonymously: expected 401, got ${reply.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
