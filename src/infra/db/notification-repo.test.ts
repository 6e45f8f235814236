import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NotificationRecord } from '../../core/store.js';
import type { NotificationKind } from '../../shared/contracts/notifications.js';
import { describeEachDatabase } from '../../testing/db.js';
import { makeOrg, makeUser } from '../../testing/factories.js';
import { useTestKit } from '../../testing/runtime.js';
import { createNotificationRepo } from './notification-repo.js';

describeEachDatabase('notification outbox', (backend) => {
  const kit = useTestKit(backend);

  /** A notification to a person in an organisation; an event of its own unless `eventId` says otherwise. */
  function notification(
    userId: string,
    orgId: string,
    kind: NotificationKind,
    data: Record<string, unknown>,
    extra: Partial<NotificationRecord> = {},
  ): NotificationRecord {
    return {
      id: randomUUID(),
      userId,
      orgId,
      eventId: randomUUID(),
      kind,
      engagementId: null,
      data,
      createdAt: kit().clock.now().toISOString(),
      readAt: null,
      ...extra,
    };
  }

  async function create(notifications: NotificationRecord[], email: boolean) {
    await kit()
      .rt.database.db.transaction()
      .execute((tx) => createNotificationRepo(tx, { email }).create(notifications));
  }

  async function deliveries(notificationIds: string[]) {
    if (notificationIds.length === 0) return [];
    return kit()
      .rt.database.db.selectFrom('notification_deliveries')
      .selectAll()
      .where('notification_id', 'in', notificationIds)
      .orderBy('channel')
      .orderBy('target')
      .execute();
  }

  async function addWebhook(orgId: string, kinds: NotificationKind[], patch: { active?: boolean; deleted?: boolean } = {}) {
    const id = randomUUID();
    await kit()
      .rt.database.db.insertInto('webhooks')
      .values({
        id,
        org_id: orgId,
        url: 'https://hooks.example.test/kpo',
        secret: 'whsec_test',
        kinds,
        active: patch.active ?? true,
        created_by: null,
        created_at: kit().clock.now(),
        deleted_at: patch.deleted ? kit().clock.now() : null,
      })
      .execute();
    return id;
  }

  describe('e-mail', () => {
    it('queues one e-mail per notification, in the same transaction, only when e-mail is on', async () => {
      const { rt } = kit();
      const org = await makeOrg(rt, 'client');
      const a = await makeUser(rt, org.id, ['engagement_owner']);
      const b = await makeUser(rt, org.id, ['reviewer']);
      const event = { eventId: randomUUID() };
      const on = [
        notification(a.id, org.id, 'question.asked', { engagementName: 'Alpha' }, event),
        notification(b.id, org.id, 'question.asked', { engagementName: 'Alpha' }, event),
      ];
      await create(on, true);
      const rows = await deliveries(on.map((n) => n.id));
      expect(rows.map((r) => [r.channel, r.target, r.status, r.attempts])).toEqual(
        [a.id, b.id].sort().map((id) => ['email', id, 'pending', 0]),
      );
      expect(rows[0]?.payload).toMatchObject({ kind: 'question.asked', data: { engagementName: 'Alpha' } });
      // Both notifications tell of the same event.
      expect(new Set(rows.map((r) => r.event_id)).size).toBe(1);

      const off = [notification(a.id, org.id, 'question.asked', { engagementName: 'Beta' })];
      await create(off, false);
      expect(await deliveries(off.map((n) => n.id))).toEqual([]);
    });

    it('skips disabled users', async () => {
      const { rt } = kit();
      const org = await makeOrg(rt, 'client');
      const user = await makeUser(rt, org.id, ['engagement_owner']);
      await rt.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
      const n = [notification(user.id, org.id, 'sla.breached', {})];
      await create(n, true);
      expect(await deliveries(n.map((x) => x.id))).toEqual([]);
    });

    it('leaves nothing behind when the transaction rolls back', async () => {
      const { rt } = kit();
      const org = await makeOrg(rt, 'client');
      const user = await makeUser(rt, org.id, ['engagement_owner']);
      await addWebhook(org.id, ['sla.breached']);
      const n = notification(user.id, org.id, 'sla.breached', { engagementName: 'Gamma' });
      await expect(
        rt.database.db.transaction().execute(async (tx) => {
          await createNotificationRepo(tx, { email: true }).create([n]);
          const queued = await tx.selectFrom('notification_deliveries').select('channel').where('notification_id', '=', n.id).execute();
          expect(queued.map((q) => q.channel).sort()).toEqual(['email', 'webhook']);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await deliveries([n.id])).toEqual([]);
      expect(await rt.database.db.selectFrom('notifications').select('id').where('id', '=', n.id).execute()).toEqual([]);
    });
  });

  describe('webhooks', () => {
    it('calls each subscribed webhook once per event, however many members are told', async () => {
      const { rt } = kit();
      const org = await makeOrg(rt, 'client');
      const users = [
        await makeUser(rt, org.id, ['engagement_owner']),
        await makeUser(rt, org.id, ['reviewer']),
        await makeUser(rt, org.id, ['reviewer']),
      ];
      const subscribed = await addWebhook(org.id, ['update.posted', 'sla.breached']);
      const otherKind = await addWebhook(org.id, ['question.asked']);
      const inactive = await addWebhook(org.id, ['update.posted'], { active: false });
      const deleted = await addWebhook(org.id, ['update.posted'], { deleted: true });

      const posted = { eventId: randomUUID() };
      const batch = users.map((u) => notification(u.id, org.id, 'update.posted', { engagementName: 'Delta', progress: 40 }, posted));
      await create(batch, false);
      const rows = await deliveries(batch.map((n) => n.id));
      expect(rows.map((r) => [r.channel, r.target])).toEqual([['webhook', subscribed]]);
      expect(rows.map((r) => r.target)).not.toContain(otherKind);
      expect(rows.map((r) => r.target)).not.toContain(inactive);
      expect(rows.map((r) => r.target)).not.toContain(deleted);
      expect(rows[0]?.payload).toEqual({
        id: rows[0]?.event_id,
        type: 'update.posted',
        createdAt: batch[0]?.createdAt,
        organizationId: org.id,
        engagementId: null,
        data: { engagementName: 'Delta', progress: 40 },
      });

      // The same event told in two calls: still one call.
      const eventId = randomUUID();
      const first = notification(users[0]?.id ?? '', org.id, 'sla.breached', { engagementName: 'Delta' }, { eventId });
      const second = notification(users[1]?.id ?? '', org.id, 'sla.breached', { engagementName: 'Delta' }, { eventId });
      await create([first], true);
      await create([second], true);
      const sla = await deliveries([first.id, second.id]);
      expect(sla.filter((r) => r.channel === 'webhook').map((r) => [r.target, r.event_id])).toEqual([[subscribed, eventId]]);
      expect(sla.filter((r) => r.channel === 'email')).toHaveLength(2);

      // Different events are different calls.
      const two = [
        notification(users[0]?.id ?? '', org.id, 'update.posted', { progress: 50 }),
        notification(users[0]?.id ?? '', org.id, 'update.posted', { progress: 60 }),
      ];
      await create(two, false);
      expect(await deliveries(two.map((n) => n.id))).toHaveLength(2);
    });

    it("never sends a client's wording to a provider's webhook, nor one organisation's event to another's", async () => {
      const { rt } = kit();
      const client = await makeOrg(rt, 'client');
      const provider = await makeOrg(rt, 'provider');
      const bystander = await makeOrg(rt, 'provider');
      const owner = await makeUser(rt, client.id, ['engagement_owner']);
      const lead = await makeUser(rt, provider.id, ['delivery_manager']);
      // Someone in the bystander organisation who also belongs to the provider.
      const both = await makeUser(rt, bystander.id, ['delivery_manager']);
      await rt.database.db
        .insertInto('memberships')
        .values({ user_id: both.id, org_id: provider.id, roles: ['analyst'], created_at: rt.clock.now() })
        .execute();
      const engagementId = randomUUID();
      const now = rt.clock.now();
      await rt.database.db
        .insertInto('engagements')
        .values({
          id: engagementId,
          client_org_id: client.id,
          type: 'market_research',
          title: 'Acquisition of Example KK',
          code_name: 'BLUEBIRD',
          objectives: 'o',
          scope: 's',
          expected_deliverables: JSON.stringify([]),
          classification: 'strictly_confidential',
          budget_amount: null,
          budget_currency: null,
          target_start: '2026-04-01',
          target_end: '2026-06-30',
          status: 'in_progress',
          held_from: null,
          awarded_provider_org_id: provider.id,
          awarded_proposal_id: null,
          owner_user_id: owner.id,
          work_started_at: null,
          work_ended_at: null,
          created_by: owner.id,
          created_at: now,
          updated_at: now,
          version: 1,
          next_update_due_at: null,
          next_answer_due_at: null,
          next_review_due_at: null,
          next_milestone_due: null,
          progress_pct: null,
          rag: null,
          update_reminder_for: null,
        })
        .execute();
      const clientHook = await addWebhook(client.id, ['sla.breached']);
      const providerHook = await addWebhook(provider.id, ['sla.breached']);
      const bystanderHook = await addWebhook(bystander.id, ['sla.breached']);

      // As the engagement domain does it: one event id per organisation, the name as that side may see it.
      // `both` is told as a member of the provider: the bystander organisation it also belongs to hears nothing.
      const eventId = randomUUID();
      const told = [
        notification(
          owner.id,
          client.id,
          'sla.breached',
          { engagementName: 'Acquisition of Example KK' },
          { engagementId, eventId: `${eventId}:${client.id}` },
        ),
        notification(
          lead.id,
          provider.id,
          'sla.breached',
          { engagementName: 'BLUEBIRD' },
          { engagementId, eventId: `${eventId}:${provider.id}` },
        ),
        notification(
          both.id,
          provider.id,
          'sla.breached',
          { engagementName: 'BLUEBIRD' },
          { engagementId, eventId: `${eventId}:${provider.id}` },
        ),
      ];
      await create(told.slice(0, 1), false);
      await create(told.slice(1), false);
      const rows = await deliveries(told.map((n) => n.id));
      const byHook = new Map(rows.map((r) => [r.target, r.payload]));
      expect([...byHook.keys()].sort()).toEqual([clientHook, providerHook].sort());
      expect(byHook.get(clientHook)).toMatchObject({
        organizationId: client.id,
        engagementId,
        data: { engagementName: 'Acquisition of Example KK' },
      });
      expect(byHook.get(providerHook)).toMatchObject({ organizationId: provider.id, engagementId, data: { engagementName: 'BLUEBIRD' } });
      expect(JSON.stringify(byHook.get(providerHook))).not.toContain('Acquisition');
      expect(byHook.has(bystanderHook)).toBe(false);
    });
  });
});
