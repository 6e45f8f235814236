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
 * The JSON body of a webhook call. `data` is exactly the data of a notification addressed to
 * someone in the webhook's organisation (the domain puts there what that organisation may see,
 * e.g. a provider gets the code name, never the client's title); the rest are ids.
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
      const kinds = [...new Set(notifications.map((n) => n.kind))];
      const orgIds = [...new Set(notifications.map((n) => n.orgId))];
      // One round trip: the insert runs as a data-modifying CTE of the statement that reads the
      // webhooks subscribed to these kinds in these organisations.
      const subscriptions = await db
        .with('inserted', (qc) =>
          qc.insertInto('notifications').values(
            notifications.map((n) => ({
              id: n.id,
              user_id: n.userId,
              org_id: n.orgId,
              kind: n.kind,
              engagement_id: n.engagementId,
              data: JSON.stringify(n.data),
              created_at: n.createdAt,
              read_at: n.readAt,
            })),
          ),
        )
        .selectFrom('webhooks as w')
        .select(['w.id as webhookId', 'w.org_id as orgId', 'w.kinds as kinds'])
        .where('w.org_id', 'in', orgIds)
        .where('w.active', '=', true)
        .where('w.deleted_at', 'is', null)
        .where(sql<boolean>`w.kinds && ${textArray(kinds)}`)
        .orderBy('w.created_at')
        .orderBy('w.id')
        .execute();
      await queueDeliveries(db, notifications, subscriptions, options);
    },
    async listForUser(userId, orgId, limit) {
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .where('org_id', '=', orgId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(
        (r): NotificationRecord => ({
          id: r.id,
          userId: r.user_id,
          orgId: r.org_id ?? orgId,
          kind: r.kind as NotificationKind,
          engagementId: r.engagement_id,
          data: r.data,
          createdAt: iso(r.created_at),
          readAt: r.read_at ? iso(r.read_at) : null,
          eventId: r.id,
        }),
      );
    },
    async unreadCount(userId, orgId) {
      const r = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('org_id', '=', orgId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async markRead(userId, orgId, ids, at) {
      let q = db
        .updateTable('notifications')
        .set({ read_at: at })
        .where('user_id', '=', userId)
        .where('org_id', '=', orgId)
        .where('read_at', 'is', null);
      if (ids !== 'all') {
        if (ids.length === 0) return 0;
        q = q.where('id', 'in', [...ids]);
      }
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}

/**
 * The outbox, written in the caller's transaction: one e-mail per notification whose recipient is
 * active (when e-mail is on), and one call per (subscribed webhook of the notification's
 * organisation, event), the subscriptions as `create` read them. Who is told at all is the domain's decision (core/engagements/context.ts
 * `notify`, which follows need-to-know); a webhook hears exactly what its organisation's people were
 * told there — never what a member heard in another organisation.
 */
async function queueDeliveries(
  db: Kysely<DB>,
  notifications: readonly NotificationRecord[],
  subscriptions: readonly { webhookId: string; orgId: string; kinds: string[] }[],
  options: NotificationRepoOptions,
): Promise<void> {
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
          id: sql<string>`gen_random_uuid()`,
          notification_id: n.id,
          event_id: n.eventId,
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

  if (subscriptions.length === 0) return;

  const seen = new Set<string>();
  const rows = [];
  for (const n of notifications) {
    for (const s of subscriptions) {
      if (s.orgId !== n.orgId || !s.kinds.includes(n.kind)) continue;
      const key = `${s.webhookId}\u0000${n.eventId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const event: WebhookEvent = {
        id: n.eventId,
        type: n.kind,
        createdAt: n.createdAt,
        organizationId: s.orgId,
        engagementId: n.engagementId,
        data: n.data,
      };
      rows.push({
        id: sql<string>`gen_random_uuid()`,
        notification_id: n.id,
        event_id: n.eventId,
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
