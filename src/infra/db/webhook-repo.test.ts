import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/db.js';
import { makeOrg } from '../../testing/factories.js';
import { useTestKit } from '../../testing/runtime.js';
import { masterKeyFrom } from '../crypto/master-key.js';
import { cryptoRandom } from '../crypto/random.js';
import { verifyWebhookSignature } from '../notify/signature.js';
import { createWebhookCaller } from '../notify/webhooks.js';
import { sealLegacyWebhookSecrets } from './webhook-repo.js';

/** Webhook secrets at rest: sealed under the master key, including those from before migration 0012. */
describeEachDatabase('webhook secrets at rest', (backend) => {
  const kit = useTestKit(backend, { KPO_WEBHOOK_ALLOW_PRIVATE: 'true' });
  const calls: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
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

  const ping = (orgId: string, webhookId: string, secrets = kit().rt.webhookSecrets) => {
    const { rt, clock } = kit();
    const caller = createWebhookCaller({ db: rt.database.db, clock, random: cryptoRandom, logger: rt.logger, allowPrivate: true, secrets });
    return caller.ping(webhookId, {
      id: randomUUID(),
      type: 'ping',
      createdAt: clock.now().toISOString(),
      organizationId: orgId,
      engagementId: null,
      data: {},
    });
  };

  it('seals the plain secrets of an upgraded database at start, and those webhooks still sign with their secret', async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const id = randomUUID();
    const legacy = 'whsec_from_before_0012';
    await rt.database.db
      .insertInto('webhooks')
      .values({ id, org_id: org.id, url, secret: legacy, kinds: ['sla.breached'], created_by: null, created_at: clock.now() })
      .execute();

    expect(await sealLegacyWebhookSecrets(rt.database.db, rt.webhookSecrets)).toBe(1);
    const row = await rt.database.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.secret).toBeNull();
    expect(row.secret_sealed).not.toContain(legacy.slice('whsec_'.length));
    expect(await sealLegacyWebhookSecrets(rt.database.db, rt.webhookSecrets)).toBe(0);

    expect(await ping(org.id, id)).toMatchObject({ status: 'delivered' });
    const call = calls.at(-1);
    expect(verifyWebhookSignature(legacy, String(call?.headers['x-kpo-signature']), call?.body ?? '', clock.now())).toBe(true);
  });

  it('a secret sealed under one master key is not opened with another: the call fails, naming the keys', async () => {
    const { rt } = kit();
    const org = await makeOrg(rt, 'client');
    const { webhook } = await rt.webhooks.create(rt.system('test'), org.id, { url, kinds: ['sla.breached'] });
    const before = calls.length;
    const other = masterKeyFrom(randomBytes(32));
    const result = await ping(org.id, webhook.id, other.box('webhook-secrets'));
    expect(result).toMatchObject({ status: 'failed', httpStatus: null });
    expect(result.error).toMatch(new RegExp(`this kpo runs with master key ${other.id}`));
    expect(calls.length).toBe(before);
  });

  it('the database refuses a webhook with both a plain and a sealed secret, or with neither', async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const values = { org_id: org.id, url, kinds: ['sla.breached'], created_by: null, created_at: clock.now() };
    await expect(
      rt.database.db
        .insertInto('webhooks')
        .values({ id: randomUUID(), ...values, secret: 'a', secret_sealed: 'b' })
        .execute(),
    ).rejects.toThrow(/webhooks_one_secret/);
    await expect(
      rt.database.db
        .insertInto('webhooks')
        .values({ id: randomUUID(), ...values, secret: null })
        .execute(),
    ).rejects.toThrow(/webhooks_one_secret/);
  });
});
