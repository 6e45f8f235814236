import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/db.js';
import { makeOrg, makeUser } from '../testing/factories.js';
import { errorOf, TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

describeEachDatabase('sign-in, sessions and CSRF', (backend) => {
  const kit = useTestKit(backend, {
    KPO_LOGIN_MAX_FAILURES: '3',
    KPO_LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
    KPO_LOGIN_MAX_FAILURES_PER_IP: '6',
    KPO_SESSION_IDLE_MINUTES: '30',
  });

  it('signs in, shows the session, and signs out', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['engagement_owner']);
    const client = new TestClient(app.app);
    const login = await client.login(user.email);
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
    const me = await client.get<{ user: { email: string }; activeOrgId: string }>('/api/session');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(user.email);
    expect(me.body.activeOrgId).toBe(org.id);
    expect((await client.delete('/api/session')).status).toBe(204);
    const after = await client.get<{ error: { code: string } }>('/api/session');
    expect(after.status).toBe(401);
  });

  it('refuses a wrong password with the same answer as an unknown account', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['reviewer']);
    const a = await new TestClient(app.app, '203.0.113.1').login(user.email, 'wrong password!!');
    const b = await new TestClient(app.app, '203.0.113.1').login('nobody@example.test', 'wrong password!!');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(errorOf(a).message).toBe(errorOf(b).message);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['client_admin']);
    const client = new TestClient(app.app);
    await client.login(user.email);
    const token = client.csrf;
    client.csrf = null;
    const refused = await client.request<{ error: { reason: string } }>('PATCH', '/api/session/profile', { locale: 'en' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.reason).toBe('csrf');
    const wrong = await client.request('PATCH', '/api/session/profile', { locale: 'en' }, { 'x-csrf-token': 'x'.repeat(32) });
    expect(wrong.status).toBe(403);
    client.csrf = token;
    expect((await client.patch('/api/session/profile', { locale: 'en' })).status).toBe(200);
  });

  it('refuses unsafe requests from another origin', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['client_admin']);
    const client = new TestClient(app.app);
    await client.login(user.email);
    const reply = await client.request<{ error: { reason: string } }>(
      'PATCH',
      '/api/session/profile',
      { locale: 'en' },
      { origin: 'https://evil.example' },
    );
    expect(reply.status).toBe(403);
    expect(reply.body.error.reason).toBe('cross_origin');
  });

  it('ends a session after the idle timeout', async () => {
    const { rt, app, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['reviewer']);
    const client = new TestClient(app.app);
    await client.login(user.email);
    clock.advanceMinutes(20);
    expect((await client.get('/api/session')).status).toBe(200);
    clock.advanceMinutes(20); // 20 minutes since the last request: still inside the 30-minute idle window
    expect((await client.get('/api/session')).status).toBe(200);
    clock.advanceMinutes(31);
    const expired = await client.get<{ error: { reason: string } }>('/api/session');
    expect(expired.status).toBe(401);
    expect(expired.body.error.reason).toBe('session_expired');
  });

  it('slows addresses new to an account after its failures, and lets them in once the wait has passed', async () => {
    const { rt, app, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['reviewer']);
    for (let i = 0; i < 3; i++)
      expect((await new TestClient(app.app, `192.0.2.${i}`).login(user.email, 'bad password!!')).status).toBe(401);
    const limited = await new TestClient(app.app, '192.0.2.99').login(user.email);
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    clock.advance(wait * 1000);
    expect((await new TestClient(app.app, '192.0.2.99').login(user.email)).status).toBe(200);
  });

  it('holds one address trying many accounts, except for the accounts it has signed in to', async () => {
    const { rt, app, clock } = kit();
    clock.advanceMinutes(60);
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['reviewer']);
    const regular = await makeUser(rt, org.id, ['reviewer']);
    const address = '233.252.0.9';
    expect((await new TestClient(app.app, address).login(regular.email)).status).toBe(200);
    for (let i = 0; i < 6; i++) await new TestClient(app.app, address).login(`victim${i}@example.test`, 'guess guess guess');
    const held = await new TestClient(app.app, address).login(user.email);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBe(15 * 60); // until the first failure leaves the 15-minute window
    expect((await new TestClient(app.app, address).login(regular.email)).status).toBe(200);
    expect((await new TestClient(app.app, '233.252.0.10').login(user.email)).status).toBe(200);
  });

  it('switches the active organisation only to one the user belongs to', async () => {
    const { rt, app } = kit();
    const a = await makeOrg(rt, 'provider');
    const b = await makeOrg(rt, 'provider');
    const other = await makeOrg(rt, 'client');
    const user = await makeUser(rt, a.id, ['analyst']);
    await rt.services.admin.addMember(rt.system('test'), b.id, user.email, ['delivery_manager']);
    const client = new TestClient(app.app);
    await client.login(user.email);
    const switched = await client.put<{ activeOrgId: string }>('/api/session/organization', { orgId: b.id });
    expect(switched.status).toBe(200);
    expect(switched.body.activeOrgId).toBe(b.id);
    expect((await client.put('/api/session/organization', { orgId: other.id })).status).toBe(403);
  });
});
