import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

/**
 * Signing in and passwords; the administrative endpoints are in bad-input-admin.test.ts (the
 * files run in parallel). Signing out (`DELETE /api/session`) takes no input: see
 * bad-input-coverage.test.ts.
 */
export const sessionCases: WriteCase[] = [
  {
    name: 'sign in (email)',
    route: 'POST /api/session',
    path: () => '/api/session',
    body: (s) => ({ email: s, password: 'x' }),
    as: 'anonymous',
  },
  {
    name: 'sign in (password)',
    route: 'POST /api/session',
    path: () => '/api/session',
    body: (s) => ({ email: 'nobody@example.test', password: s }),
    as: 'anonymous',
  },
  {
    name: 'switch organisation',
    route: 'PUT /api/session/organization',
    path: () => '/api/session/organization',
    body: (s) => ({ orgId: s }),
    as: 'admin',
  },
  {
    name: 'profile name',
    route: 'PATCH /api/session/profile',
    path: () => '/api/session/profile',
    body: (s) => ({ displayName: s }),
    as: 'admin',
  },
  {
    name: 'profile locale',
    route: 'PATCH /api/session/profile',
    path: () => '/api/session/profile',
    body: (s) => ({ locale: s }),
    as: 'admin',
  },
  {
    name: 'password (current)',
    route: 'PUT /api/session/password',
    path: () => '/api/session/password',
    body: (s) => ({ currentPassword: s, newPassword: 'a new long password' }),
    as: 'admin',
  },
  {
    name: 'password (new)',
    route: 'PUT /api/session/password',
    path: () => '/api/session/password',
    body: (s, ids) => ({ currentPassword: ids.password, newPassword: s }),
    as: 'admin',
    accepted: (s, ids) => {
      ids.password = s;
    },
  },
  {
    name: 'preview invitation',
    route: 'POST /api/invitations/preview',
    path: () => '/api/invitations/preview',
    body: (s) => ({ token: s }),
    as: 'anonymous',
  },
  {
    name: 'accept invitation',
    route: 'POST /api/invitations/accept',
    path: () => '/api/invitations/accept',
    body: (s) => ({ token: s, displayName: s, password: s }),
    as: 'anonymous',
  },
];

describeEachDatabase('bad input: naughty strings into sign-in, session and invitation endpoints', (backend) => {
  fuzzWriteEndpoints(
    useTestKit(backend, { KPO_LOGIN_MAX_FAILURES: '1000000', KPO_LOGIN_MAX_FAILURES_PER_IP: '1000000' }),
    sessionCases,
    backend,
  );
});
