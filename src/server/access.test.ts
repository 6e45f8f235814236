import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../shared/roles.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief } from '../testing/engagements.js';
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
const clientsAndProviders = principals.filter((p) => p.startsWith('A:') || p.startsWith('B:') || p.startsWith('P:'));
const engagementCreators: Principal[] = ['A:client_admin', 'A:engagement_owner', 'B:client_admin', 'B:engagement_owner'];
/** On the engagement: A's admin and its owner lead it; A's finance and auditors follow it. */
const leadsOfE: Principal[] = ['A:client_admin', 'A:engagement_owner'];
const followersOfE: Principal[] = [...leadsOfE, 'A:finance', 'A:auditor'];
/** P was invited to propose: its admins and delivery managers are bidders (they see the brief, nothing of the work). */
const biddersOnE: Principal[] = ['P:provider_admin', 'P:delivery_manager'];
const someId = '00000000-0000-4000-8000-000000000000';

interface Call {
  method: string;
  path: (ids: Ids) => string;
  body?: unknown;
  allowed: Principal[];
}
interface Ids {
  a: string;
  /** An engagement of A, owned by A's engagement owner, with provider P invited to propose. */
  e: string;
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
  'GET /api/engagements': { method: 'GET', path: () => '/api/engagements', allowed: clientsAndProviders },
  'POST /api/engagements': { method: 'POST', path: () => '/api/engagements', body: {}, allowed: engagementCreators },
  'GET /api/providers': { method: 'GET', path: () => '/api/providers', allowed: engagementCreators },
  'GET /api/providers/scorecards': {
    method: 'GET',
    path: () => '/api/providers/scorecards',
    allowed: [
      'A:client_admin',
      'A:engagement_owner',
      'A:finance',
      'A:auditor',
      'B:client_admin',
      'B:engagement_owner',
      'B:finance',
      'B:auditor',
      ...biddersOnE,
    ],
  },
  'GET /api/engagements/:id': { method: 'GET', path: ({ e }) => `/api/engagements/${e}`, allowed: [...followersOfE, ...biddersOnE] },
  'PATCH /api/engagements/:id': { method: 'PATCH', path: ({ e }) => `/api/engagements/${e}`, body: {}, allowed: leadsOfE },
  'POST /api/engagements/:id/providers': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/providers`,
    body: {},
    allowed: leadsOfE,
  },
  'POST /api/engagements/:id/transitions': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/transitions`,
    body: {},
    allowed: leadsOfE,
  },
  'POST /api/engagements/:id/team': { method: 'POST', path: ({ e }) => `/api/engagements/${e}/team`, body: {}, allowed: leadsOfE },
  'DELETE /api/engagements/:id/team/:userId': {
    method: 'DELETE',
    path: ({ e }) => `/api/engagements/${e}/team/${someId}`,
    allowed: leadsOfE,
  },
  'GET /api/engagements/:id/proposals': {
    method: 'GET',
    path: ({ e }) => `/api/engagements/${e}/proposals`,
    allowed: [...followersOfE, ...biddersOnE],
  },
  'PUT /api/engagements/:id/proposal': { method: 'PUT', path: ({ e }) => `/api/engagements/${e}/proposal`, body: {}, allowed: biddersOnE },
  'POST /api/engagements/:id/proposal/submit': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/proposal/submit`,
    allowed: biddersOnE,
  },
  'POST /api/engagements/:id/proposal/withdraw': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/proposal/withdraw`,
    allowed: biddersOnE,
  },
  'POST /api/engagements/:id/award': { method: 'POST', path: ({ e }) => `/api/engagements/${e}/award`, body: {}, allowed: leadsOfE },
  'GET /api/engagements/:id/sow': { method: 'GET', path: ({ e }) => `/api/engagements/${e}/sow`, allowed: followersOfE },
  'PUT /api/engagements/:id/sow': { method: 'PUT', path: ({ e }) => `/api/engagements/${e}/sow`, body: {}, allowed: leadsOfE },
  'POST /api/engagements/:id/sow/approve': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/sow/approve`,
    body: {},
    allowed: leadsOfE,
  },
  'GET /api/engagements/:id/milestones': { method: 'GET', path: ({ e }) => `/api/engagements/${e}/milestones`, allowed: followersOfE },
  // Only the awarded provider's people move milestones on; nobody here is.
  'POST /api/engagements/:id/milestones/:milestoneId/progress': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/milestones/${someId}/progress`,
    body: {},
    allowed: [],
  },
  'POST /api/engagements/:id/milestones/:milestoneId/decision': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/milestones/${someId}/decision`,
    body: {},
    allowed: leadsOfE,
  },
  'GET /api/engagements/:id/updates': { method: 'GET', path: ({ e }) => `/api/engagements/${e}/updates`, allowed: followersOfE },
  'POST /api/engagements/:id/updates': { method: 'POST', path: ({ e }) => `/api/engagements/${e}/updates`, body: {}, allowed: [] },
  'GET /api/engagements/:id/questions': { method: 'GET', path: ({ e }) => `/api/engagements/${e}/questions`, allowed: followersOfE },
  'POST /api/engagements/:id/questions': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/questions`,
    body: {},
    allowed: followersOfE,
  },
  'POST /api/engagements/:id/questions/:questionId/answers': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/questions/${someId}/answers`,
    body: {},
    allowed: followersOfE,
  },
  'POST /api/engagements/:id/questions/:questionId/close': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/questions/${someId}/close`,
    allowed: followersOfE,
  },
  'GET /api/engagements/:id/change-requests': {
    method: 'GET',
    path: ({ e }) => `/api/engagements/${e}/change-requests`,
    allowed: followersOfE,
  },
  'POST /api/engagements/:id/change-requests': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/change-requests`,
    body: {},
    allowed: leadsOfE,
  },
  'POST /api/engagements/:id/change-requests/:changeId/decision': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/change-requests/${someId}/decision`,
    body: {},
    allowed: leadsOfE,
  },
  'GET /api/engagements/:id/control': { method: 'GET', path: ({ e }) => `/api/engagements/${e}/control`, allowed: followersOfE },
  // Financial models: both teams read them; only the awarded provider's team saves them (nobody here is).
  'GET /api/engagements/:id/models': { method: 'GET', path: ({ e }) => `/api/engagements/${e}/models`, allowed: followersOfE },
  'POST /api/engagements/:id/models': { method: 'POST', path: ({ e }) => `/api/engagements/${e}/models`, body: {}, allowed: [] },
  'GET /api/engagements/:id/models/:modelId': {
    method: 'GET',
    path: ({ e }) => `/api/engagements/${e}/models/${someId}`,
    allowed: followersOfE,
  },
  'POST /api/engagements/:id/models/:modelId/versions': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/models/${someId}/versions`,
    body: {},
    allowed: [],
  },
  'GET /api/engagements/:id/models/:modelId/versions/:version': {
    method: 'GET',
    path: ({ e }) => `/api/engagements/${e}/models/${someId}/versions/1`,
    allowed: followersOfE,
  },
  'GET /api/engagements/:id/models/:modelId/versions/:version/analysis': {
    method: 'GET',
    path: ({ e }) => `/api/engagements/${e}/models/${someId}/versions/1/analysis`,
    allowed: followersOfE,
  },
  'POST /api/engagements/:id/models/:modelId/analysis': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/models/${someId}/analysis`,
    body: {},
    allowed: followersOfE,
  },
  'GET /api/engagements/:id/models/:modelId/compare': {
    method: 'GET',
    path: ({ e }) => `/api/engagements/${e}/models/${someId}/compare?from=1&to=2`,
    allowed: followersOfE,
  },
  'GET /api/engagements/:id/models/:modelId/versions/:version/export.xlsx': {
    method: 'GET',
    path: ({ e }) => `/api/engagements/${e}/models/${someId}/versions/1/export.xlsx`,
    allowed: followersOfE,
  },
  'GET /api/engagements/:id/models/:modelId/versions/:version/summary.pdf': {
    method: 'GET',
    path: ({ e }) => `/api/engagements/${e}/models/${someId}/versions/1/summary.pdf`,
    allowed: followersOfE,
  },
  'POST /api/engagements/:id/model-imports/preview': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/model-imports/preview`,
    body: {},
    allowed: [],
  },
  'POST /api/engagements/:id/model-imports/historicals': {
    method: 'POST',
    path: ({ e }) => `/api/engagements/${e}/model-imports/historicals`,
    body: {},
    allowed: [],
  },
  'GET /api/organizations/:orgId/webhooks': {
    method: 'GET',
    path: ({ a }) => `/api/organizations/${a}/webhooks`,
    allowed: ['A:client_admin'],
  },
  'POST /api/organizations/:orgId/webhooks': {
    method: 'POST',
    path: ({ a }) => `/api/organizations/${a}/webhooks`,
    body: {},
    allowed: ['A:client_admin'],
  },
  'DELETE /api/organizations/:orgId/webhooks/:webhookId': {
    method: 'DELETE',
    path: ({ a }) => `/api/organizations/${a}/webhooks/${someId}`,
    allowed: ['A:client_admin'],
  },
  'POST /api/organizations/:orgId/webhooks/:webhookId/ping': {
    method: 'POST',
    path: ({ a }) => `/api/organizations/${a}/webhooks/${someId}/ping`,
    allowed: ['A:client_admin'],
  },
  'GET /api/notifications': { method: 'GET', path: () => '/api/notifications', allowed: signedIn },
  'POST /api/notifications/read': { method: 'POST', path: () => '/api/notifications/read', body: {}, allowed: signedIn },
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
    ids = { a: orgs.A.id, e: '' };
    for (const principal of principals) {
      const client = new TestClient(app.app, `10.0.${clients.size}.1`);
      if (principal !== 'anonymous') {
        const [org, role] = principal.split(':') as [keyof typeof orgs, Role];
        const user = await makeUser(rt, orgs[org].id, [role]);
        expect((await client.login(user.email)).status).toBe(200);
      }
      clients.set(principal, client);
    }
    const owner = clients.get('A:engagement_owner');
    const created = await owner?.post<{ id: string }>('/api/engagements', brief());
    ids.e = created?.body.id ?? '';
    await owner?.post(`/api/engagements/${ids.e}/providers`, { providerOrgIds: [orgs.P.id] });
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
        // An engagement someone has no standing on does not exist for them: 404, reason engagement_not_found.
        const hidden = reply.status === 404 && (reply.body as { error?: { reason?: string } }).error?.reason === 'engagement_not_found';
        const refused = reply.status === 401 || reply.status === 403 || hidden;
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
