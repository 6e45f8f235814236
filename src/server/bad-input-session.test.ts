import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

// Signing in and passwords; the administrative endpoints are in bad-input-admin.test.ts (the
// two files run in parallel).
describeEachDatabase('bad input: naughty strings into sign-in, session and invitation endpoints', (backend) => {
  const kit = useTestKit(backend, { KPO_LOGIN_MAX_FAILURES: '1000000', KPO_LOGIN_MAX_FAILURES_PER_IP: '1000000' });
  fuzzWriteEndpoints(kit, [
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
      body: (s, ids) => ({ currentPassword: ids.password, newPassword: s }),
      as: 'admin',
      accepted: (s, ids) => {
        ids.password = s;
      },
    },
    { name: 'preview invitation', method: 'POST', path: () => '/api/invitations/preview', body: (s) => ({ token: s }), as: 'anonymous' },
    {
      name: 'accept invitation',
      method: 'POST',
      path: () => '/api/invitations/accept',
      body: (s) => ({ token: s, displayName: s, password: s }),
      as: 'anonymous',
    },
  ]);
});
