import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/db.js';
import { makeOrg, makeUser } from '../../testing/factories.js';
import { useTestKit } from '../../testing/runtime.js';
import { cryptoRandom } from '../crypto/random.js';
import { createNotificationRepo } from '../db/notification-repo.js';
import { deliverDue } from './deliver.js';
import { verifyWebhookSignature } from './signature.js';
import { MAX_WEBHOOKS_PER_ORG, webhookService } from './webhooks.js';

describeEachDatabase('webhook service', (backend) => {
  const kit = useTestKit(backend);
  const calls: { headers: IncomingHttpHeaders; body: string }[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = status;
      res.end();
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const service = (allowPrivate = true) =>
    webhookService({ db: kit().rt.database.db, clock: kit().clock, random: cryptoRandom, logger: kit().rt.logger, allowPrivate });

  it('creates a webhook with a secret shown once, lists it, and signs a test ping with that secret', async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const { webhook, secret } = await service().create(org.id, { url, kinds: ['sla.breached', 'sla.escalated', 'sla.breached'] }, admin.id);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toEqual({
      id: webhook.id,
      url,
      kinds: ['sla.breached', 'sla.escalated'],
      active: true,
      createdAt: clock.now().toISOString(),
      recentDeliveries: [],
    });
    expect(JSON.stringify(await service().list(org.id))).not.toContain(secret);

    const ping = await service().ping(org.id, webhook.id);
    expect(ping).toEqual({ deliveryId: ping.deliveryId, status: 'delivered', httpStatus: 200, error: null });
    const call = calls.at(-1);
    expect(call?.headers['x-kpo-event']).toBe('ping');
    expect(call?.headers['x-kpo-delivery']).toBe(ping.deliveryId);
    expect(verifyWebhookSignature(secret, String(call?.headers['x-kpo-signature']), call?.body ?? '', clock.now())).toBe(true);
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({ type: 'ping', organizationId: org.id, engagementId: null, data: {} });

    status = 503;
    clock.advance(1000);
    const failed = await service().ping(org.id, webhook.id);
    status = 200;
    expect(failed).toMatchObject({ status: 'failed', httpStatus: 503, error: 'HTTP 503' });
    const [listed] = await service().list(org.id);
    expect(listed?.recentDeliveries.map((d) => [d.kind, d.status, d.attempts, d.lastError])).toEqual([
      ['ping', 'failed', 1, 'HTTP 503'],
      ['ping', 'delivered', 1, null],
    ]);
    // A failed ping is not retried by the worker.
    clock.advance(24 * 3_600_000);
    expect(
      await deliverDue(rt.database.db, { clock, logger: rt.logger, mailer: null, publicUrl: null, webhookAllowPrivate: true }),
    ).toMatchObject({
      claimed: 0,
    });
  });

  it('refuses bad URLs and kinds, private addresses unless allowed, and too many webhooks', async () => {
    const { rt } = kit();
    const org = await makeOrg(rt, 'provider');
    await expect(service().create(org.id, { url: 'ftp://example.com/x', kinds: ['sla.breached'] }, null)).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [expect.objectContaining({ path: ['url'] })],
    });
    await expect(service().create(org.id, { url: 'https://example.com/x', kinds: [] }, null)).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [expect.objectContaining({ path: ['kinds'] })],
    });
    await expect(
      service().create(org.id, { url: 'https://example.com/x', kinds: ['no.such_kind' as unknown as 'sla.breached'] }, null),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(service(false).create(org.id, { url: 'http://10.0.0.5/hook', kinds: ['sla.breached'] }, null)).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [expect.objectContaining({ path: ['url'], code: 'url_not_allowed' })],
    });
    for (let i = 0; i < MAX_WEBHOOKS_PER_ORG; i++)
      await service().create(org.id, { url: `https://example.com/${i}`, kinds: ['sla.breached'] }, null);
    await expect(service().create(org.id, { url: 'https://example.com/one-more', kinds: ['sla.breached'] }, null)).rejects.toMatchObject({
      code: 'invalid_state',
      reason: 'too_many_webhooks',
    });
  });

  it('deletes a webhook: its pending deliveries fail, it is never called again, and other organisations cannot touch it', async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const other = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['engagement_owner']);
    const { webhook } = await service().create(org.id, { url, kinds: ['update.posted'] }, null);
    await expect(service().remove(other.id, webhook.id, null)).rejects.toMatchObject({ code: 'not_found' });
    await expect(service().ping(other.id, webhook.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(service().get(other.id, webhook.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await service().list(other.id)).toEqual([]);

    const id = randomUUID();
    await rt.database.db
      .transaction()
      .execute((tx) =>
        createNotificationRepo(tx).create([
          { id, userId: user.id, kind: 'update.posted', engagementId: null, data: {}, createdAt: clock.now().toISOString(), readAt: null },
        ]),
      );
    const before = calls.length;
    await service().remove(org.id, webhook.id, user.id);
    await expect(service().remove(org.id, webhook.id, user.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await service().list(org.id)).toEqual([]);
    const row = await rt.database.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('notification_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 0, last_error: 'the webhook was deleted' });
    await deliverDue(rt.database.db, { clock, logger: rt.logger, mailer: null, publicUrl: null, webhookAllowPrivate: true });
    expect(calls.length).toBe(before);

    // New notifications no longer queue calls to it.
    const later = randomUUID();
    await rt.database.db.transaction().execute((tx) =>
      createNotificationRepo(tx).create([
        {
          id: later,
          userId: user.id,
          kind: 'update.posted',
          engagementId: null,
          data: {},
          createdAt: clock.now().toISOString(),
          readAt: null,
        },
      ]),
    );
    expect(await rt.database.db.selectFrom('notification_deliveries').select('id').where('notification_id', '=', later).execute()).toEqual(
      [],
    );
  });
  it("runs the caller's step (its audit event) in the same transaction: if it fails, nothing changes", async () => {
    const { rt } = kit();
    const org = await makeOrg(rt, 'provider');
    const seen: string[] = [];
    await expect(
      service().create(org.id, { url: 'https://example.com/a', kinds: ['team.assigned'] }, null, {
        within: async (tx, webhook) => {
          seen.push(webhook.url);
          const inside = await tx.selectFrom('webhooks').select('id').where('id', '=', webhook.id).execute();
          expect(inside).toHaveLength(1);
          throw new Error('audit failed');
        },
      }),
    ).rejects.toThrow('audit failed');
    expect(seen).toEqual(['https://example.com/a']);
    expect(await service().list(org.id)).toEqual([]);

    const { webhook } = await service().create(org.id, { url: 'https://example.com/b', kinds: ['team.assigned'] }, null, {
      within: async (_tx, created) => void seen.push(created.kinds.join(',')),
    });
    expect(seen.at(-1)).toBe('team.assigned');
    await expect(
      service().remove(org.id, webhook.id, null, {
        within: async () => {
          throw new Error('audit failed');
        },
      }),
    ).rejects.toThrow('audit failed');
    expect((await service().list(org.id)).map((w) => w.id)).toEqual([webhook.id]);
  });
});
