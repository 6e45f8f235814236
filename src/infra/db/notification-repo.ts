import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { NotificationRecord, NotificationRepo } from '../../core/store.js';
import type { NotificationKind } from '../../shared/contracts/notifications.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const textArray = (values: readonly string[]) => sql<string[]>`${[...values]}::text[]`;

export interface NotificationRepoOptions {
  /** Queue an e-mail for each notification (SMTP is configured: `config.mail !== null`). */
  email?: boolean;
}

/** What an e-mail delivery sends: the notification as its recipient may see it. */
export interface EmailPayload {
  notificationId: string;
  kind: NotificationKind;
  engagementId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

/**
 * The JSON body of a webhook call. `data` is exactly the data of a notification addressed to a
 * member of the webhook's organisation (the domain puts there what that side may see, e.g. a
 * provider gets the code name, never the client's title); the rest are ids.
 */
export interface WebhookEvent {
  id: string;
  type: NotificationKind | 'ping';
  createdAt: string;
  organizationId: string;
  engagementId: string | null;
  data: Record<string, unknown>;
}

export function createNotificationRepo(db: Kysely<DB>, options: NotificationRepoOptions = {}): NotificationRepo {
  return {
    async create(notifications) {
      if (notifications.length === 0) return;
      await db
        .insertInto('notifications')
        .values(
          notifications.map((n) => ({
            id: n.id,
            user_id: n.userId,
            kind: n.kind,
            engagement_id: n.engagementId,
            data: JSON.stringify(n.data),
            created_at: n.createdAt,
            read_at: n.readAt,
          })),
        )
        .execute();
      await queueDeliveries(db, notifications, options);
    },
    async listForUser(userId, limit) {
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(
        (r): NotificationRecord => ({
          id: r.id,
          userId: r.user_id,
          kind: r.kind as NotificationKind,
          engagementId: r.engagement_id,
          data: r.data,
          createdAt: iso(r.created_at),
          readAt: r.read_at ? iso(r.read_at) : null,
        }),
      );
    },
    async unreadCount(userId) {
      const r = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async markRead(userId, ids, at) {
      let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
      if (ids !== 'all') {
        if (ids.length === 0) return 0;
        q = q.where('id', 'in', [...ids]);
      }
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}

/** JSON with object keys sorted, so equal data gives equal text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The event each notification tells of: its `eventId` when the domain gives one; otherwise the
 * notifications of this call with the same kind, engagement and data are one event.
 */
function eventIds(notifications: readonly NotificationRecord[]): Map<string, string> {
  const byContent = new Map<string, string>();
  const result = new Map<string, string>();
  for (const n of notifications) {
    if (n.eventId) {
      result.set(n.id, n.eventId);
      continue;
    }
    const key = `${n.kind}\u0000${n.engagementId ?? ''}\u0000${stableJson(n.data)}`;
    let id = byContent.get(key);
    if (!id) {
      id = randomUUID();
      byContent.set(key, id);
    }
    result.set(n.id, id);
  }
  return result;
}

/**
 * The outbox, written in the caller's transaction: one e-mail per notification whose recipient
 * is active (when e-mail is on), and one call per (subscribed webhook, event).
 */
async function queueDeliveries(
  db: Kysely<DB>,
  notifications: readonly NotificationRecord[],
  options: NotificationRepoOptions,
): Promise<void> {
  const events = eventIds(notifications);
  const eventOf = (n: NotificationRecord) => events.get(n.id) ?? n.id;
  const recipients = [...new Set(notifications.map((n) => n.userId))];

  if (options.email) {
    const users = await db.selectFrom('users').select(['id', 'email', 'status']).where('id', 'in', recipients).execute();
    const reachable = new Set(users.filter((u) => u.status === 'active' && u.email.includes('@')).map((u) => u.id));
    const rows = notifications
      .filter((n) => reachable.has(n.userId))
      .map((n) => {
        const payload: EmailPayload = {
          notificationId: n.id,
          kind: n.kind,
          engagementId: n.engagementId,
          data: n.data,
          createdAt: n.createdAt,
        };
        return {
          id: randomUUID(),
          notification_id: n.id,
          event_id: eventOf(n),
          kind: n.kind,
          channel: 'email' as const,
          target: n.userId,
          payload: JSON.stringify(payload),
          next_attempt_at: n.createdAt,
          created_at: n.createdAt,
        };
      });
    if (rows.length > 0) {
      await db
        .insertInto('notification_deliveries')
        .values(rows)
        .onConflict((oc) => oc.column('notification_id').where(sql<boolean>`channel = 'email'`).doNothing())
        .execute();
    }
  }

  const kinds = [...new Set(notifications.map((n) => n.kind))];
  const subscriptions = await db
    .selectFrom('webhooks as w')
    .innerJoin('memberships as m', 'm.org_id', 'w.org_id')
    .select(['w.id as webhookId', 'w.org_id as orgId', 'w.kinds as kinds', 'm.user_id as userId'])
    .where('m.user_id', 'in', recipients)
    .where('w.active', '=', true)
    .where('w.deleted_at', 'is', null)
    .where(sql<boolean>`w.kinds && ${textArray(kinds)}`)
    .orderBy('w.created_at')
    .orderBy('w.id')
    .execute();
  if (subscriptions.length === 0) return;

  // A webhook hears of an engagement only when its organisation is a party to it (the client or
  // an invited provider), even if a recipient also belongs to some other organisation.
  const engagementIds = [...new Set(notifications.flatMap((n) => (n.engagementId ? [n.engagementId] : [])))];
  const parties = new Map<string, Set<string>>();
  if (engagementIds.length > 0) {
    const engagements = await db
      .selectFrom('engagements')
      .select(['id', 'client_org_id', 'awarded_provider_org_id'])
      .where('id', 'in', engagementIds)
      .execute();
    for (const e of engagements)
      parties.set(e.id, new Set([e.client_org_id, ...(e.awarded_provider_org_id ? [e.awarded_provider_org_id] : [])]));
    const providers = await db
      .selectFrom('engagement_providers')
      .select(['engagement_id', 'provider_org_id'])
      .where('engagement_id', 'in', engagementIds)
      .execute();
    for (const p of providers) parties.get(p.engagement_id)?.add(p.provider_org_id);
  }

  const seen = new Set<string>();
  const rows = [];
  for (const n of notifications) {
    for (const s of subscriptions) {
      if (s.userId !== n.userId || !s.kinds.includes(n.kind)) continue;
      if (n.engagementId !== null && !parties.get(n.engagementId)?.has(s.orgId)) continue;
      const eventId = eventOf(n);
      const key = `${s.webhookId}\u0000${eventId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const event: WebhookEvent = {
        id: eventId,
        type: n.kind,
        createdAt: n.createdAt,
        organizationId: s.orgId,
        engagementId: n.engagementId,
        data: n.data,
      };
      rows.push({
        id: randomUUID(),
        notification_id: n.id,
        event_id: eventId,
        kind: n.kind,
        channel: 'webhook' as const,
        target: s.webhookId,
        payload: JSON.stringify(event),
        next_attempt_at: n.createdAt,
        created_at: n.createdAt,
      });
    }
  }
  if (rows.length > 0) {
    await db
      .insertInto('notification_deliveries')
      .values(rows)
      .onConflict((oc) => oc.columns(['target', 'event_id']).where(sql<boolean>`channel = 'webhook'`).doNothing())
      .execute();
  }
}
