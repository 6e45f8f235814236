import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WebhookPingEvent } from '../../core/notifications/webhooks.js';
import type { RandomSource } from '../../core/ports.js';
import { describeEachDatabase } from '../../testing/db.js';
import { makeOrg } from '../../testing/factories.js';
import { useTestKit } from '../../testing/runtime.js';
import { cryptoRandom } from '../crypto/random.js';
import { deliverDue } from './deliver.js';
import { verifyWebhookSignature } from './signature.js';
import { createWebhookCaller } from './webhooks.js';

/** The HTTP side of the webhook service: address rules, and a test call recorded as a delivery. */
describeEachDatabase('webhook caller', (backend) => {
  const kit = useTestKit(backend, { KPO_WEBHOOK_ALLOW_PRIVATE: 'true' });
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

  const caller = (options: { allowPrivate?: boolean; random?: RandomSource } = {}) => {
    const { rt, clock } = kit();
    return createWebhookCaller({
      db: rt.database.db,
      clock,
      random: options.random ?? cryptoRandom,
      logger: rt.logger,
      allowPrivate: options.allowPrivate ?? true,
      secrets: rt.webhookSecrets,
    });
  };
  const pingEvent = (orgId: string): WebhookPingEvent => ({
    id: cryptoRandom.uuid(),
    type: 'ping',
    createdAt: kit().clock.now().toISOString(),
    organizationId: orgId,
    engagementId: null,
    data: {},
  });

  it('refuses non-http URLs always, and literal private addresses unless allowed', () => {
    expect(caller().urlProblem('ftp://example.com/x')).toBe('only http and https URLs are allowed');
    expect(caller({ allowPrivate: false }).urlProblem('http://10.0.0.5/hook')).toMatch(/loopback or private/);
    expect(caller({ allowPrivate: true }).urlProblem('http://10.0.0.5/hook')).toBeNull();
    expect(caller({ allowPrivate: false }).urlProblem('https://hooks.example.com/kpo')).toBeNull();
  });

  it('sends the event signed, records it as a delivery with ids from the random source, and never retries it', async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const { webhook, secret } = await rt.webhooks.create(rt.system('test'), org.id, { url, kinds: ['sla.breached'] });
    const issued: string[] = [];
    const random: RandomSource = {
      uuid: () => {
        const id = cryptoRandom.uuid();
        issued.push(id);
        return id;
      },
      secret: cryptoRandom.secret,
    };
    const event = pingEvent(org.id);
    const ping = await caller({ random }).ping(webhook.id, event);
    expect(ping).toEqual({ deliveryId: issued[0], status: 'delivered', httpStatus: 200, error: null });
    const call = calls.at(-1);
    expect(call?.headers['x-kpo-event']).toBe('ping');
    expect(call?.headers['x-kpo-delivery']).toBe(ping.deliveryId);
    expect(verifyWebhookSignature(secret, String(call?.headers['x-kpo-signature']), call?.body ?? '', clock.now())).toBe(true);
    expect(JSON.parse(call?.body ?? '{}')).toEqual(event);
    const row = await rt.database.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('id', '=', ping.deliveryId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      notification_id: null,
      event_id: event.id,
      kind: 'ping',
      channel: 'webhook',
      target: webhook.id,
      status: 'delivered',
      attempts: 1,
      claim_token: null,
      last_status: 200,
    });

    status = 500;
    const failed = await caller().ping(webhook.id, pingEvent(org.id));
    status = 200;
    expect(failed).toMatchObject({ status: 'failed', httpStatus: 500, error: 'HTTP 500' });
    clock.advance(24 * 3_600_000);
    expect(
      await deliverDue(rt.database.db, {
        clock,
        logger: rt.logger,
        mailer: null,
        publicUrl: null,
        webhookAllowPrivate: true,
        webhookSecrets: rt.webhookSecrets,
      }),
    ).toMatchObject({ claimed: 0 });
  });
});
