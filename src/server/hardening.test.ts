import { expect, it } from 'vitest';
import type { SessionView } from '../shared/contracts/identity.js';
import { describeEachDatabase } from '../testing/db.js';
import { makeOrg, makeUser } from '../testing/factories.js';
import { errorOf, TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

/** The findings of the security review of the foundation, each pinned by a test. */
describeEachDatabase('security hardening', (backend) => {
  const kit = useTestKit(backend, {
    KPO_LOGIN_MAX_FAILURES: '5',
    KPO_LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
    KPO_LOGIN_MAX_FAILURES_PER_IP: '500',
  });

  it('parallel wrong passwords from many addresses cannot get past the per-account limit', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['reviewer']);
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => new TestClient(app.app, `192.0.2.${i}`).login(user.email, 'wrong password!!')),
    );
    const checked = replies.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(replies.filter((r) => r.status === 429).length).toBe(30 - checked);
  });

  it('parallel wrong passwords from one address cannot get past the per-address-and-account limit', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['reviewer']);
    const address = '192.0.2.250';
    expect((await new TestClient(app.app, address).login(user.email)).status).toBe(200); // known: only the pair rule applies
    const replies = await Promise.all(
      Array.from({ length: 30 }, () => new TestClient(app.app, address).login(user.email, 'wrong password!!')),
    );
    const checked = replies.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(replies.filter((r) => r.status === 429).length).toBe(30 - checked);
  });

  it('believes only the address the trusted proxy appended, not what the client wrote before it', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['reviewer']);
    const client = new TestClient(app.app);
    await client.request(
      'POST',
      '/api/session',
      { email: user.email, password: 'x' },
      { 'x-forwarded-for': '203.0.113.99, 198.51.100.20' },
    );
    const events = await rt.store.read.audit.query({ type: 'auth.login_failed', limit: 1 });
    expect(events[0]?.ip).toBe('198.51.100.20');
  });

  it('always answers with its own request id', async () => {
    const res = await kit().app.app.request('/api/health', { headers: { 'x-request-id': 'chosen-by-client' } });
    expect(res.headers.get('x-request-id')).not.toBe('chosen-by-client');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a password change renews this session, ends the others, and revokes API tokens', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['client_admin']);
    const browser = new TestClient(app.app);
    const other = new TestClient(app.app);
    await browser.login(user.email);
    await other.login(user.email);
    const token = await browser.post<{ secret: string }>('/api/tokens', { name: 'ci', scopes: ['read'] });
    const oldCookie = browser.cookie;
    const changed = await browser.put<SessionView>('/api/session/password', {
      currentPassword: user.password,
      newPassword: 'an entirely new password',
    });
    expect(changed.status).toBe(200);
    expect(browser.cookie).not.toBe(oldCookie);
    browser.csrf = changed.body.csrfToken;
    expect((await browser.get('/api/session')).status).toBe(200);
    expect((await new TestClient(app.app).request('GET', '/api/session', undefined, { cookie: oldCookie ?? '' })).status).toBe(401);
    expect((await other.get('/api/session')).status).toBe(401);
    const bearer = new TestClient(app.app);
    bearer.bearer = token.body.secret;
    expect((await bearer.get(`/api/organizations/${org.id}`)).status).toBe(401);
  });

  it('the current-password check is throttled like sign-in', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['reviewer']);
    const client = new TestClient(app.app, '198.51.100.77');
    await client.login(user.email);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await client.put('/api/session/password', { currentPassword: `guess ${i}`, newPassword: 'whatever long enough' })).status,
      );
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('API tokens never administer members, whatever their scopes, and always expire', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const browser = new TestClient(app.app);
    await browser.login(admin.email);
    expect((await browser.post('/api/tokens', { name: 'forever', scopes: ['read', 'write'], expiresInDays: null })).status).toBe(400);
    const token = await browser.post<{ secret: string; token: { expiresAt: string | null } }>('/api/tokens', {
      name: 'rw',
      scopes: ['read', 'write'],
    });
    expect(token.body.token.expiresAt).not.toBeNull();
    const bearer = new TestClient(app.app);
    bearer.bearer = token.body.secret;
    const invite = await bearer.post(`/api/organizations/${org.id}/invitations`, {
      email: 'backdoor@example.test',
      roles: ['client_admin'],
    });
    expect(invite.status).toBe(403);
    expect(errorOf(invite).reason).toBe('session_required');
  });

  it('the operator may invite only an administrator, and never its own staff, into a client', async () => {
    const { rt, app } = kit();
    const client = await makeOrg(rt, 'client');
    const op = await makeOrg(rt, 'operator');
    const operator = await makeUser(rt, op.id, ['platform_admin']);
    const browser = new TestClient(app.app);
    await browser.login(operator.email);
    const reviewer = await browser.post(`/api/organizations/${client.id}/invitations`, {
      email: 'someone@example.test',
      roles: ['reviewer'],
    });
    expect(errorOf(reviewer).reason).toBe('operator_admins_only');
    const self = await browser.post(`/api/organizations/${client.id}/invitations`, { email: operator.email, roles: ['client_admin'] });
    expect(errorOf(self).reason).toBe('operator_staff');
    expect(
      (await browser.post(`/api/organizations/${client.id}/invitations`, { email: 'first-admin@example.test', roles: ['client_admin'] }))
        .status,
    ).toBe(201);
  });

  it('someone with an account accepts an invitation signed in, never by typing a password into the link', async () => {
    const { rt, app } = kit();
    const a = await makeOrg(rt, 'provider');
    const b = await makeOrg(rt, 'provider');
    const inviter = await makeUser(rt, a.id, ['provider_admin']);
    const invitee = await makeUser(rt, b.id, ['analyst']);
    const bystander = await makeUser(rt, b.id, ['analyst']);
    const admin = new TestClient(app.app);
    await admin.login(inviter.email);
    const inv = await admin.post<{ token: string }>(`/api/organizations/${a.id}/invitations`, { email: invitee.email, roles: ['analyst'] });

    const anonymous = await new TestClient(app.app).post('/api/invitations/accept', { token: inv.body.token, password: invitee.password });
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).reason).toBe('sign_in_to_accept');

    const wrong = new TestClient(app.app);
    await wrong.login(bystander.email);
    expect(errorOf(await wrong.post('/api/invitations/accept', { token: inv.body.token })).reason).toBe('wrong_account');

    const right = new TestClient(app.app);
    await right.login(invitee.email);
    const noCsrf = await right.request('POST', '/api/invitations/accept', { token: inv.body.token }, { 'x-csrf-token': 'nope' });
    expect(errorOf(noCsrf).reason).toBe('csrf');
    const accepted = await right.post<SessionView>('/api/invitations/accept', { token: inv.body.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.memberships.map((m) => m.orgId).sort()).toEqual([a.id, b.id].sort());
  });

  it('accepting one link many times at once admits one person and answers the rest without a 5xx', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const browser = new TestClient(app.app);
    await browser.login(admin.email);
    const inv = await browser.post<{ token: string }>(`/api/organizations/${org.id}/invitations`, {
      email: 'race@example.test',
      roles: ['reviewer'],
    });
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        new TestClient(app.app).post('/api/invitations/accept', {
          token: inv.body.token,
          displayName: 'Racer',
          password: 'a long enough password',
        }),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.every((r) => r.status < 500)).toBe(true);
    const members = await browser.get<{ email: string }[]>(`/api/organizations/${org.id}/members`);
    expect(members.body.filter((m) => m.email === 'race@example.test')).toHaveLength(1);
  });

  it('refuses control and direction characters in the sign-in address', async () => {
    const reply = await new TestClient(kit().app.app).post('/api/session', { email: 'a\u202Eb@example.test', password: 'x' });
    expect(reply.status).toBe(400);
  });
});
