import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;

// Organisations, members, invitations, tokens and audit filters; sign-in and sessions are in
// bad-input-session.test.ts. A new write endpoint gets its fields added to one of the two.
describeEachDatabase('bad input: naughty strings into organisation, member, token and audit endpoints', (backend) => {
  const kit = useTestKit(backend);
  fuzzWriteEndpoints(kit, [
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
    {
      name: 'rename organisation',
      method: 'PATCH',
      path: (_s, ids) => `/api/organizations/${ids.org}`,
      body: (s) => ({ name: s }),
      as: 'admin',
    },
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
      path: (_s, ids) => `/api/organizations/${ids.org}/members/${ids.member}/roles`,
      body: (s) => ({ roles: [s] }),
      as: 'admin',
    },
    { name: 'member id in the path', method: 'DELETE', path: (s, ids) => `/api/organizations/${ids.org}/members/${enc(s)}`, as: 'admin' },
    {
      name: 'invite (email)',
      method: 'POST',
      path: (_s, ids) => `/api/organizations/${ids.org}/invitations`,
      body: (s) => ({ email: s, roles: ['reviewer'] }),
      as: 'admin',
    },
    {
      name: 'invite (role)',
      method: 'POST',
      path: (_s, ids) => `/api/organizations/${ids.org}/invitations`,
      body: (s) => ({ email: 'y@example.test', roles: [s] }),
      as: 'admin',
    },
    {
      name: 'revoke invitation id',
      method: 'DELETE',
      path: (s, ids) => `/api/organizations/${ids.org}/invitations/${enc(s)}`,
      as: 'admin',
    },
    { name: 'create token (name)', method: 'POST', path: () => '/api/tokens', body: (s) => ({ name: s, scopes: ['read'] }), as: 'admin' },
    { name: 'create token (scope)', method: 'POST', path: () => '/api/tokens', body: (s) => ({ name: 'n', scopes: [s] }), as: 'admin' },
    { name: 'revoke token id', method: 'DELETE', path: (s) => `/api/tokens/${enc(s)}`, as: 'admin' },
    {
      name: 'webhook (url)',
      method: 'POST',
      path: (_s, ids) => `/api/organizations/${ids.org}/webhooks`,
      body: (s) => ({ url: s, kinds: ['sla.breached'] }),
      as: 'admin',
    },
    {
      name: 'webhook (kind)',
      method: 'POST',
      path: (_s, ids) => `/api/organizations/${ids.org}/webhooks`,
      body: (s) => ({ url: 'https://hooks.example.com/kpo', kinds: [s] }),
      as: 'admin',
    },
    { name: 'webhook id in the path', method: 'DELETE', path: (s, ids) => `/api/organizations/${ids.org}/webhooks/${enc(s)}`, as: 'admin' },
    { name: 'audit filter', method: 'GET', path: (s) => `/api/audit-events?type=${enc(s)}&resourceId=${enc(s)}`, as: 'admin' },
  ]);
});
