import { expect, it } from 'vitest';
import type { AuditPage } from '../shared/contracts/audit.js';
import type { MemberView } from '../shared/contracts/identity.js';
import { describeEachDatabase } from '../testing/db.js';
import { makeOrg, makeUser } from '../testing/factories.js';
import { errorOf, TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

describeEachDatabase('members, invitations, API tokens and the audit log through the API', (backend) => {
  const kit = useTestKit(backend);

  async function adminOfNewClient() {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const client = new TestClient(app.app);
    await client.login(admin.email);
    return { org, admin, client };
  }

  it('an admin invites someone, who accepts with a name and password and is signed in with the invited roles', async () => {
    const { app } = kit();
    const { org, client } = await adminOfNewClient();
    const invited = await client.post<{ token: string; acceptPath: string; invitation: { status: string } }>(
      `/api/organizations/${org.id}/invitations`,
      {
        email: 'New.Person@Example.test',
        roles: ['reviewer', 'finance'],
      },
    );
    expect(invited.status).toBe(201);
    expect(invited.body.invitation.status).toBe('pending');
    expect(invited.body.acceptPath).toBe(`/invitations/accept#${invited.body.token}`);

    const guest = new TestClient(app.app, '198.51.100.50');
    const preview = await guest.post<{ email: string; existingUser: boolean }>('/api/invitations/preview', { token: invited.body.token });
    expect(preview.body).toMatchObject({ email: 'new.person@example.test', existingUser: false });

    const missing = await guest.post('/api/invitations/accept', { token: invited.body.token, password: 'short' });
    expect(missing.status).toBe(400);
    expect(
      errorOf(missing)
        .issues?.map((i) => i.path[0])
        .sort(),
    ).toEqual(['displayName', 'password']);

    const pending = await client.get<{ email: string; invitedByName: string | null; status: string }[]>(
      `/api/organizations/${org.id}/invitations`,
    );
    expect(pending.body).toEqual([
      expect.objectContaining({ email: 'new.person@example.test', invitedByName: 'Test client_admin', status: 'pending' }),
    ]);

    const accepted = await guest.post<{ user: { locale: string }; memberships: { orgId: string; roles: string[] }[] }>(
      '/api/invitations/accept',
      {
        token: invited.body.token,
        displayName: '新井 直子',
        password: 'a long enough password',
        locale: 'en',
      },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.locale).toBe('en');
    expect(accepted.body.memberships).toEqual([expect.objectContaining({ orgId: org.id, roles: ['reviewer', 'finance'] })]);
    expect((await guest.get('/api/session')).status).toBe(200);

    const reused = await new TestClient(app.app).post('/api/invitations/accept', {
      token: invited.body.token,
      displayName: 'X',
      password: 'a long enough password',
    });
    expect(reused.status).toBe(409);
    expect(errorOf(reused).reason).toBe('invitation_accepted');
  });

  it('refuses roles that do not exist in the organisation kind, listing each', async () => {
    const { org, client } = await adminOfNewClient();
    const reply = await client.post(`/api/organizations/${org.id}/invitations`, {
      email: 'a@example.test',
      roles: ['reviewer', 'analyst', 'provider_admin'],
    });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).issues?.map((i) => i.path.join('.'))).toEqual(['roles.1', 'roles.2']);
  });

  it('keeps at least one admin, and removing a member ends their sessions and tokens there at once', async () => {
    const { rt, app } = kit();
    const { org, admin, client } = await adminOfNewClient();
    const demote = await client.put(`/api/organizations/${org.id}/members/${admin.id}/roles`, { roles: ['reviewer'] });
    expect(demote.status).toBe(409);
    expect(errorOf(demote).reason).toBe('last_admin');

    const member = await makeUser(rt, org.id, ['engagement_owner']);
    const memberClient = new TestClient(app.app, '198.51.100.60');
    await memberClient.login(member.email);
    const token = await memberClient.post<{ secret: string }>('/api/tokens', { name: 'integration', scopes: ['read'] });
    const tokenClient = new TestClient(app.app);
    tokenClient.bearer = token.body.secret;
    expect((await tokenClient.get(`/api/organizations/${org.id}/members`)).status).toBe(200);

    expect((await client.delete(`/api/organizations/${org.id}/members/${member.id}`)).status).toBe(204);
    expect((await memberClient.get('/api/session')).status).toBe(401);
    expect((await tokenClient.get(`/api/organizations/${org.id}/members`)).status).toBe(401);
    const members = await client.get<MemberView[]>(`/api/organizations/${org.id}/members`);
    expect(members.body.map((m) => m.userId)).toEqual([admin.id]);
  });

  it('API tokens: shown once, stored hashed, scoped, revocable, and never able to make tokens', async () => {
    const { rt, app } = kit();
    const { org, client } = await adminOfNewClient();
    const created = await client.post<{ secret: string; token: { id: string; prefix: string } }>('/api/tokens', {
      name: 'CLI',
      scopes: ['read'],
      expiresInDays: 30,
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^kpo_/);
    const stored = await rt.database.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', created.body.token.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(created.body.secret);

    const bearer = new TestClient(app.app);
    bearer.bearer = created.body.secret;
    expect((await bearer.get(`/api/organizations/${org.id}`)).status).toBe(200);
    const write = await bearer.patch(`/api/organizations/${org.id}`, { name: 'Renamed by token' });
    expect(write.status).toBe(403);
    expect(errorOf(write).reason).toBe('session_required'); // administration is never for tokens
    const writer = await client.post<{ secret: string }>('/api/tokens', { name: 'writer', scopes: ['read', 'write'] });
    const writerClient = new TestClient(app.app);
    writerClient.bearer = writer.body.secret;
    expect(errorOf(await writerClient.post('/api/tokens', { name: 'x', scopes: ['read'] })).reason).toBe('session_required');
    expect((await bearer.get('/api/session')).status).toBe(403);

    expect((await client.delete(`/api/tokens/${created.body.token.id}`)).status).toBe(204);
    const revoked = await bearer.get(`/api/organizations/${org.id}`);
    expect(revoked.status).toBe(401);
    expect(errorOf(revoked).reason).toBe('invalid_token');
  });

  it('an expired API token stops working', async () => {
    const { app, clock } = kit();
    const { org, client } = await adminOfNewClient();
    const created = await client.post<{ secret: string }>('/api/tokens', { name: 'short', scopes: ['read'], expiresInDays: 1 });
    const bearer = new TestClient(app.app);
    bearer.bearer = created.body.secret;
    expect((await bearer.get(`/api/organizations/${org.id}`)).status).toBe(200);
    clock.advance(25 * 3600 * 1000);
    expect((await bearer.get(`/api/organizations/${org.id}`)).status).toBe(401);
  });

  it('the audit log records each change with its actor and filters by type, actor and time; CSV exports the filter', async () => {
    const { rt, app, clock } = kit();
    const { org, admin, client } = await adminOfNewClient();
    const auditor = await makeUser(rt, org.id, ['auditor']);
    const auditorClient = new TestClient(app.app);
    await auditorClient.login(auditor.email);
    clock.advanceMinutes(1);
    const start = clock.now().toISOString();
    await client.post(`/api/organizations/${org.id}/invitations`, { email: 'one@example.test', roles: ['reviewer'] });
    clock.advanceMinutes(5);
    await client.patch(`/api/organizations/${org.id}`, { name: `${org.name} 改` });

    const byType = await auditorClient.get<AuditPage>(`/api/audit-events?type=invitation.created`);
    expect(byType.status).toBe(200);
    expect(byType.body.events.map((e) => e.type)).toEqual(['invitation.created']);
    expect(byType.body.events[0]).toMatchObject({ actorUserId: admin.id, orgId: org.id, ip: '198.51.100.7' });

    const byActor = await auditorClient.get<AuditPage>(`/api/audit-events?actorUserId=${admin.id}`);
    expect(new Set(byActor.body.events.map((e) => e.type))).toEqual(new Set(['auth.login_succeeded', 'invitation.created', 'org.updated']));

    const window = await auditorClient.get<AuditPage>(
      `/api/audit-events?from=${encodeURIComponent(start)}&to=${encodeURIComponent(new Date(Date.parse(start) + 60_000).toISOString())}`,
    );
    expect(window.body.events.map((e) => e.type)).toEqual(['invitation.created']);

    const page1 = await auditorClient.get<AuditPage>('/api/audit-events?limit=2');
    expect(page1.body.events).toHaveLength(2);
    const page2 = await auditorClient.get<AuditPage>(`/api/audit-events?limit=2&before=${page1.body.nextBefore}`);
    expect(page2.body.events[0]?.seq).toBeLessThan(page1.body.events[1]?.seq ?? 0);

    const csv = await auditorClient.get<string>(`/api/audit-events/export?type=org.updated`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="kpo-audit-/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('seq,occurredAt,type,actorLabel,actorUserId,orgId,partyOrgId,resourceType,resourceId,ip,requestId,data,hash');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('org.updated');
    expect(lines[1]).toContain('改');

    // Another organisation's auditor sees none of it.
    const other = await makeOrg(rt, 'client');
    const outsider = await makeUser(rt, other.id, ['auditor']);
    const outsiderClient = new TestClient(app.app);
    await outsiderClient.login(outsider.email);
    expect((await outsiderClient.get(`/api/audit-events?orgId=${org.id}`)).status).toBe(403);
    const own = await outsiderClient.get<AuditPage>('/api/audit-events');
    expect(own.body.events.every((e) => e.orgId === other.id)).toBe(true);
  });

  it('a CSV cell that a spreadsheet would run as a formula is neutralised', async () => {
    const { org, client } = await adminOfNewClient();
    await client.patch(`/api/organizations/${org.id}`, { name: '=HYPERLINK("http://evil")' });
    const csv = await client.get<string>(`/api/audit-events/export?type=org.updated`);
    expect(csv.body).not.toMatch(/,=HYPERLINK/);
  });
});
