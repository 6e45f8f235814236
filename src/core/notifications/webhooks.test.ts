import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cryptoRandom } from '../../infra/crypto/random.js';
import { createNotificationRepo } from '../../infra/db/notification-repo.js';
import { deliverDue } from '../../infra/notify/deliver.js';
import { verifyWebhookSignature } from '../../infra/notify/signature.js';
import { createWebhookCaller } from '../../infra/notify/webhooks.js';
import type { OrgKind, Role } from '../../shared/roles.js';
import { describeEachDatabase } from '../../testing/db.js';
import { makeOrg, makeUser } from '../../testing/factories.js';
import { useTestKit } from '../../testing/runtime.js';
import type { RequestContext } from '../access/actor.js';
import type { RecordAudit } from '../audit/recorder.js';
import type { RandomSource } from '../ports.js';
import { MAX_WEBHOOKS_PER_ORG, webhookService } from './webhooks.js';

/** A signed-in member acting in `org`, as the guard would hand the service. */
const asMember = (
  user: { id: string; email: string },
  org: { id: string; kind: OrgKind },
  roles: Role[],
  via: 'session' | 'token' = 'session',
): RequestContext => ({
  actor: { kind: 'user', userId: user.id, email: user.email, orgId: org.id, orgKind: org.kind, roles, via, scopes: ['read', 'write'] },
  ip: '10.0.0.1',
  requestId: 'req-test',
});

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

  /** The service as the runtime wires it, with private addresses allowed or not and ports to swap. */
  const service = (options: { allowPrivate?: boolean; audit?: RecordAudit; random?: RandomSource } = {}) => {
    const { rt, clock } = kit();
    const random = options.random ?? cryptoRandom;
    return webhookService({
      store: rt.store,
      clock,
      random,
      audit: options.audit ?? rt.recordAudit,
      caller: createWebhookCaller({
        db: rt.database.db,
        clock,
        random,
        logger: rt.logger,
        allowPrivate: options.allowPrivate ?? true,
        secrets: rt.webhookSecrets,
      }),
    });
  };
  const system = () => kit().rt.system('test');
  const webhookRows = (orgId: string) => kit().rt.database.db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId).execute();

  it('creates a webhook with a secret shown once, lists it, audits it, and signs a test ping with that secret', async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const ctx = asMember(admin, org, ['client_admin']);
    const { webhook, secret } = await service().create(ctx, org.id, { url, kinds: ['sla.breached', 'sla.escalated', 'sla.breached'] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toEqual({
      id: webhook.id,
      url,
      kinds: ['sla.breached', 'sla.escalated'],
      active: true,
      createdAt: clock.now().toISOString(),
      recentDeliveries: [],
    });
    expect(JSON.stringify(await service().list(ctx, org.id))).not.toContain(secret);
    expect(await service().get(ctx, org.id, webhook.id)).toEqual(webhook);
    const [row] = await webhookRows(org.id);
    // Kept encrypted: the database holds neither the secret nor anything that contains it.
    expect(row).toMatchObject({ id: webhook.id, created_by: admin.id, secret: null });
    expect(row?.secret_sealed).toMatch(/^v1\.[0-9a-f]{16}\./);
    expect(JSON.stringify(row)).not.toContain(secret.slice('whsec_'.length));
    const [created] = await rt.store.read.audit.query({ type: 'webhook.created', orgId: org.id, limit: 5 });
    expect(created).toMatchObject({
      actorUserId: admin.id,
      resourceType: 'webhook',
      resourceId: webhook.id,
      data: { host: new URL(url).host, kinds: ['sla.breached', 'sla.escalated'] },
      ip: '10.0.0.1',
      requestId: 'req-test',
    });
    expect(JSON.stringify(created)).not.toContain(secret);

    const ping = await service().ping(ctx, org.id, webhook.id);
    expect(ping).toEqual({ deliveryId: ping.deliveryId, status: 'delivered', httpStatus: 200, error: null });
    const call = calls.at(-1);
    expect(call?.headers['x-kpo-event']).toBe('ping');
    expect(call?.headers['x-kpo-delivery']).toBe(ping.deliveryId);
    expect(verifyWebhookSignature(secret, String(call?.headers['x-kpo-signature']), call?.body ?? '', clock.now())).toBe(true);
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({ type: 'ping', organizationId: org.id, engagementId: null, data: {} });

    status = 503;
    clock.advance(1000);
    const failed = await service().ping(ctx, org.id, webhook.id);
    status = 200;
    expect(failed).toMatchObject({ status: 'failed', httpStatus: 503, error: 'HTTP 503' });
    const [listed] = await service().list(ctx, org.id);
    expect(listed?.recentDeliveries.map((d) => [d.kind, d.status, d.attempts, d.lastError])).toEqual([
      ['ping', 'failed', 1, 'HTTP 503'],
      ['ping', 'delivered', 1, null],
    ]);
    // A failed ping is not retried by the worker.
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
    ).toMatchObject({
      claimed: 0,
    });
  });

  it('takes the secret, the ids and the ping event ids from the injected random source', async () => {
    const { rt } = kit();
    const org = await makeOrg(rt, 'client');
    const issued: string[] = [];
    const random: RandomSource = {
      uuid: () => {
        const id = cryptoRandom.uuid();
        issued.push(id);
        return id;
      },
      secret: (bytes) => `fixed${bytes ?? 32}`,
    };
    const { webhook, secret } = await service({ random }).create(system(), org.id, { url, kinds: ['team.assigned'] });
    expect(secret).toBe('whsec_fixed32');
    expect(issued).toContain(webhook.id);
    const ping = await service({ random }).ping(system(), org.id, webhook.id);
    expect(issued).toContain(ping.deliveryId);
    const event = JSON.parse(calls.at(-1)?.body ?? '{}') as { id: string };
    expect(issued).toContain(event.id);
  });

  it('refuses bad URLs and kinds, private addresses unless allowed, and too many webhooks', async () => {
    const { rt } = kit();
    const org = await makeOrg(rt, 'provider');
    const ctx = system();
    await expect(service().create(ctx, org.id, { url: 'ftp://example.com/x', kinds: ['sla.breached'] })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [expect.objectContaining({ path: ['url'] })],
    });
    await expect(service().create(ctx, org.id, { url: 'https://example.com/x', kinds: [] })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [expect.objectContaining({ path: ['kinds'] })],
    });
    await expect(
      service().create(ctx, org.id, { url: 'https://example.com/x', kinds: ['no.such_kind' as unknown as 'sla.breached'] }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      service({ allowPrivate: false }).create(ctx, org.id, { url: 'http://10.0.0.5/hook', kinds: ['sla.breached'] }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [expect.objectContaining({ path: ['url'], code: 'url_not_allowed' })],
    });
    for (let i = 0; i < MAX_WEBHOOKS_PER_ORG; i++)
      await service().create(ctx, org.id, { url: `https://example.com/${i}`, kinds: ['sla.breached'] });
    await expect(service().create(ctx, org.id, { url: 'https://example.com/one-more', kinds: ['sla.breached'] })).rejects.toMatchObject({
      code: 'invalid_state',
      reason: 'too_many_webhooks',
    });
  });

  it('holds the limit when one organisation adds webhooks at the same time', async () => {
    const { rt } = kit();
    const org = await makeOrg(rt, 'client');
    for (let i = 0; i < MAX_WEBHOOKS_PER_ORG - 1; i++)
      await service().create(system(), org.id, { url: `https://example.com/${i}`, kinds: ['sla.breached'] });
    const results = await Promise.allSettled(
      [0, 1, 2].map((i) => service().create(system(), org.id, { url: `https://example.com/race-${i}`, kinds: ['sla.breached'] })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'invalid_state', reason: 'too_many_webhooks' });
    expect(await webhookRows(org.id)).toHaveLength(MAX_WEBHOOKS_PER_ORG);
  });

  it('deletes a webhook: audited, its pending deliveries fail, it is never called again, and other organisations cannot touch it', async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const other = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['engagement_owner']);
    const ctx = system();
    const { webhook } = await service().create(ctx, org.id, { url, kinds: ['update.posted'] });
    await expect(service().remove(ctx, other.id, webhook.id)).rejects.toMatchObject({ code: 'not_found', reason: 'webhook_not_found' });
    await expect(service().ping(ctx, other.id, webhook.id)).rejects.toMatchObject({ code: 'not_found', reason: 'webhook_not_found' });
    await expect(service().get(ctx, other.id, webhook.id)).rejects.toMatchObject({ code: 'not_found', reason: 'webhook_not_found' });
    expect(await service().list(ctx, other.id)).toEqual([]);

    /** A notification to a member of `org` (its fan-out queues a call to each subscribed webhook). */
    const notify = async () => {
      const note = {
        id: cryptoRandom.uuid(),
        eventId: cryptoRandom.uuid(),
        userId: user.id,
        orgId: org.id,
        kind: 'update.posted' as const,
        engagementId: null,
        data: {},
        createdAt: clock.now().toISOString(),
        readAt: null,
      };
      await rt.database.db.transaction().execute((tx) => createNotificationRepo(tx).create([note]));
    };
    const deliveries = () =>
      rt.database.db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('channel', '=', 'webhook')
        .where('target', '=', webhook.id)
        .execute();
    await notify();
    expect(await deliveries()).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
    const before = calls.length;
    await service().remove(ctx, org.id, webhook.id);
    await expect(service().remove(ctx, org.id, webhook.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(service().ping(ctx, org.id, webhook.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await service().list(ctx, org.id)).toEqual([]);
    const deleted = await rt.store.read.audit.query({ type: 'webhook.deleted', orgId: org.id, limit: 5 });
    expect(deleted).toEqual([expect.objectContaining({ resourceId: webhook.id, actorLabel: 'test', data: { host: new URL(url).host } })]);
    expect(await deliveries()).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 0, last_error: 'the webhook was deleted', claim_token: null }),
    ]);
    await deliverDue(rt.database.db, {
      clock,
      logger: rt.logger,
      mailer: null,
      publicUrl: null,
      webhookAllowPrivate: true,
      webhookSecrets: rt.webhookSecrets,
    });
    expect(calls.length).toBe(before);

    // New notifications no longer queue calls to it.
    await notify();
    expect(await deliveries()).toHaveLength(1);
  });

  it('writes the audit event in the same transaction as the change: when appending it fails, nothing changes', async () => {
    const { rt } = kit();
    const org = await makeOrg(rt, 'provider');
    const seen: string[] = [];
    /** The real recorder, over a transaction whose audit append fails after checking the change is there. */
    const failingAudit: RecordAudit = (tx, ctx, event) =>
      rt.recordAudit(
        {
          ...tx,
          audit: {
            ...tx.audit,
            append: async (content) => {
              seen.push(content.type);
              expect(await tx.webhooks.listWithDeliveries(org.id, { id: content.resourceId, recentDeliveries: 1 })).toHaveLength(
                content.type === 'webhook.created' ? 1 : 0,
              );
              throw new Error('audit failed');
            },
          },
        },
        ctx,
        event,
      );
    // Every event written, sealed into the chain yet or not (on PostgreSQL sealing follows the commit).
    const events = async () =>
      Number(
        (
          await rt.database.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const auditCount = await events();

    await expect(
      service({ audit: failingAudit }).create(system(), org.id, { url: 'https://example.com/a', kinds: ['team.assigned'] }),
    ).rejects.toThrow('audit failed');
    expect(seen).toEqual(['webhook.created']);
    expect(await webhookRows(org.id)).toEqual([]);

    const { webhook } = await service().create(system(), org.id, { url: 'https://example.com/b', kinds: ['team.assigned'] });
    await expect(service({ audit: failingAudit }).remove(system(), org.id, webhook.id)).rejects.toThrow('audit failed');
    expect(seen).toEqual(['webhook.created', 'webhook.deleted']);
    expect((await service().list(system(), org.id)).map((w) => w.id)).toEqual([webhook.id]);
    expect(await webhookRows(org.id)).toEqual([expect.objectContaining({ id: webhook.id, active: true, deleted_at: null })]);
    // Only the successful create was recorded.
    expect(await events()).toBe(auditCount + 1);
  });

  it('refuses anyone but the organisation’s administrators itself, without HTTP, and changes nothing', async () => {
    const { rt } = kit();
    const org = await makeOrg(rt, 'client');
    const other = await makeOrg(rt, 'client');
    const owner = await makeUser(rt, org.id, ['engagement_owner']);
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const otherAdmin = await makeUser(rt, other.id, ['client_admin']);
    const { webhook } = await service().create(system(), org.id, { url, kinds: ['sla.breached'] });
    const refusals: [RequestContext, string][] = [
      [asMember(owner, org, ['engagement_owner']), 'missing_role'],
      [asMember(otherAdmin, other, ['client_admin']), 'other_organization'],
      [asMember(admin, org, ['client_admin'], 'token'), 'session_required'],
    ];
    const before = calls.length;
    for (const [ctx, reason] of refusals) {
      const refused = { code: 'forbidden', reason };
      await expect(service().create(ctx, org.id, { url, kinds: ['sla.breached'] })).rejects.toMatchObject(refused);
      await expect(service().list(ctx, org.id)).rejects.toMatchObject(refused);
      await expect(service().get(ctx, org.id, webhook.id)).rejects.toMatchObject(refused);
      await expect(service().ping(ctx, org.id, webhook.id)).rejects.toMatchObject(refused);
      await expect(service().remove(ctx, org.id, webhook.id)).rejects.toMatchObject(refused);
    }
    expect(calls.length).toBe(before);
    expect((await webhookRows(org.id)).map((w) => [w.id, w.deleted_at])).toEqual([[webhook.id, null]]);
    expect(await service().list(asMember(admin, org, ['client_admin']), org.id)).toHaveLength(1);
  });
});
