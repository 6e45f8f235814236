import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../infra/notify/signature.js';
import type { EngagementView, ProposalView } from '../shared/contracts/engagements.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, parties, proposal } from '../testing/engagements.js';
import { makeUser } from '../testing/factories.js';
import { errorOf, TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

/** A webhook registered through the API receives a signed call when something happens on an engagement. */
describeEachDatabase('webhooks through the API', (backend) => {
  const kit = useTestKit(backend, { KPO_WEBHOOK_ALLOW_PRIVATE: 'true' });
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kpo`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('an admin adds a webhook (secret shown once), pings it, and it hears of a submitted proposal, signed', async () => {
    const k = kit();
    const { orgs, as } = await parties(k);
    const admin = await makeUser(k.rt, orgs.client.id, ['client_admin']);
    const adminClient = new TestClient(k.app.app, '10.30.0.1');
    await adminClient.login(admin.email);

    const refused = await as.owner.post(`/api/organizations/${orgs.client.id}/webhooks`, { url, kinds: ['proposal.submitted'] });
    expect(refused.status).toBe(403); // administrators only
    const created = await adminClient.post<{ webhook: { id: string }; secret: string }>(`/api/organizations/${orgs.client.id}/webhooks`, {
      url,
      kinds: ['proposal.submitted'],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const listed = await adminClient.get<{ id: string }[]>(`/api/organizations/${orgs.client.id}/webhooks`);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    const ping = await adminClient.post<{ status: string }>(
      `/api/organizations/${orgs.client.id}/webhooks/${created.body.webhook.id}/ping`,
    );
    expect(ping.body.status).toBe('delivered');

    const e = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
    await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p1.id] });
    await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
    const draft = await as.p1Manager.put<ProposalView>(`/api/engagements/${e.id}/proposal`, { proposal: proposal(), version: 0 });
    await as.p1Manager.post<ProposalView>(`/api/engagements/${e.id}/proposal/submit`, { version: draft.body.version });
    const counts = await k.rt.notificationDelivery.run();
    expect(counts).toMatchObject({ delivered: 1 });
    const call = received.find((r) => r.headers['x-kpo-event'] === 'proposal.submitted');
    expect(call).toBeDefined();
    expect(verifyWebhookSignature(created.body.secret, String(call?.headers['x-kpo-signature']), call?.body ?? '', k.clock.now())).toBe(
      true,
    );
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({ type: 'proposal.submitted', engagementId: e.id });

    const audit = await k.rt.store.read.audit.query({ type: 'webhook.created', orgId: orgs.client.id, limit: 5 });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.data)).not.toContain('whsec_');
    expect((await adminClient.delete(`/api/organizations/${orgs.client.id}/webhooks/${created.body.webhook.id}`)).status).toBe(204);
    const deleted = await k.rt.store.read.audit.query({ type: 'webhook.deleted', orgId: orgs.client.id, limit: 5 });
    expect(deleted).toEqual([expect.objectContaining({ resourceId: created.body.webhook.id, actorUserId: admin.id })]);
    expect((await adminClient.delete(`/api/organizations/${orgs.client.id}/webhooks/${created.body.webhook.id}`)).status).toBe(404);
    expect(
      errorOf(await adminClient.post(`/api/organizations/${orgs.client.id}/webhooks`, { url: 'ftp://x.example', kinds: ['sla.breached'] }))
        .code,
    ).toBe('invalid_input');
  });
});
