import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;

/**
 * Organisations, members, invitations, tokens, webhooks and the audit log; sign-in and sessions
 * are in bad-input-session.test.ts. A new write route gets a case in one of the bad-input files
 * (bad-input-coverage.test.ts fails until it has one).
 */
export const adminCases: WriteCase[] = [
  {
    // The route takes no input: whatever is sent along is ignored. First, while the chain it checks is short.
    name: 'verify the audit chain (string in the query and the body)',
    route: 'POST /api/audit-events/verify',
    path: (s) => `/api/audit-events/verify?from=${enc(s)}`,
    body: (s) => ({ from: s }),
    as: 'operator',
  },
  {
    name: 'create organisation (name)',
    route: 'POST /api/organizations',
    path: () => '/api/organizations',
    body: (s) => ({ name: s, kind: 'client' }),
    as: 'operator',
  },
  {
    name: 'create organisation (kind)',
    route: 'POST /api/organizations',
    path: () => '/api/organizations',
    body: (s) => ({ name: 'Kind test', kind: s }),
    as: 'operator',
  },
  {
    name: 'rename organisation',
    route: 'PATCH /api/organizations/:orgId',
    path: (_s, ids) => `/api/organizations/${ids.org}`,
    body: (s) => ({ name: s }),
    as: 'admin',
  },
  {
    name: 'organisation id in the path',
    route: 'PATCH /api/organizations/:orgId',
    path: (s) => `/api/organizations/${enc(s)}`,
    body: () => ({ name: 'x' }),
    as: 'admin',
    control: (ids) => ids.org,
  },
  {
    name: 'member roles',
    route: 'PUT /api/organizations/:orgId/members/:userId/roles',
    path: (_s, ids) => `/api/organizations/${ids.org}/members/${ids.member}/roles`,
    body: (s) => ({ roles: [s] }),
    as: 'admin',
  },
  {
    name: 'member id in the path',
    route: 'DELETE /api/organizations/:orgId/members/:userId',
    path: (s, ids) => `/api/organizations/${ids.org}/members/${enc(s)}`,
    as: 'admin',
  },
  {
    name: 'invite (email)',
    route: 'POST /api/organizations/:orgId/invitations',
    path: (_s, ids) => `/api/organizations/${ids.org}/invitations`,
    body: (s) => ({ email: s, roles: ['reviewer'] }),
    as: 'admin',
  },
  {
    name: 'invite (role)',
    route: 'POST /api/organizations/:orgId/invitations',
    path: (_s, ids) => `/api/organizations/${ids.org}/invitations`,
    body: (s) => ({ email: 'y@example.test', roles: [s] }),
    as: 'admin',
  },
  {
    name: 'revoke invitation id',
    route: 'DELETE /api/organizations/:orgId/invitations/:invitationId',
    path: (s, ids) => `/api/organizations/${ids.org}/invitations/${enc(s)}`,
    as: 'admin',
  },
  {
    name: 'create token (name)',
    route: 'POST /api/tokens',
    path: () => '/api/tokens',
    body: (s) => ({ name: s, scopes: ['read'] }),
    as: 'admin',
  },
  {
    name: 'create token (scope)',
    route: 'POST /api/tokens',
    path: () => '/api/tokens',
    body: (s) => ({ name: 'n', scopes: [s] }),
    as: 'admin',
  },
  { name: 'revoke token id', route: 'DELETE /api/tokens/:tokenId', path: (s) => `/api/tokens/${enc(s)}`, as: 'admin' },
  {
    name: 'webhook (url)',
    route: 'POST /api/organizations/:orgId/webhooks',
    path: (_s, ids) => `/api/organizations/${ids.org}/webhooks`,
    body: (s) => ({ url: s, kinds: ['sla.breached'] }),
    as: 'admin',
  },
  {
    name: 'webhook (kind)',
    route: 'POST /api/organizations/:orgId/webhooks',
    path: (_s, ids) => `/api/organizations/${ids.org}/webhooks`,
    body: (s) => ({ url: 'https://hooks.example.com/kpo', kinds: [s] }),
    as: 'admin',
  },
  {
    name: 'webhook id in the path',
    route: 'DELETE /api/organizations/:orgId/webhooks/:webhookId',
    path: (s, ids) => `/api/organizations/${ids.org}/webhooks/${enc(s)}`,
    as: 'admin',
  },
  {
    name: 'webhook test call (webhook id in the path)',
    route: 'POST /api/organizations/:orgId/webhooks/:webhookId/ping',
    path: (s, ids) => `/api/organizations/${ids.org}/webhooks/${enc(s)}/ping`,
    as: 'admin',
  },
  {
    name: 'mark notifications read',
    route: 'POST /api/notifications/read',
    path: () => '/api/notifications/read',
    body: (s) => ({ ids: [s] }),
    as: 'admin',
  },
  {
    name: 'audit filter',
    route: 'GET /api/audit-events',
    path: (s) => `/api/audit-events?type=${enc(s)}&resourceId=${enc(s)}`,
    as: 'admin',
  },
];

describeEachDatabase('bad input: naughty strings into organisation, member, token and audit endpoints', (backend) => {
  fuzzWriteEndpoints(useTestKit(backend), adminCases, backend);
});
