import type { NotificationView } from '../../shared/contracts/notifications.js';
import { AppError } from '../../shared/errors.js';
import type { RequestContext } from '../access/actor.js';
import type { Clock } from '../ports.js';
import type { Store } from '../store.js';

/** The bell: a person's own notifications, newest first, and marking them read. */
export function notificationService(deps: { store: Store; clock: Clock }) {
  /** A person is told in one organisation at a time: the bell shows the one they are signed in to. */
  const userOf = (ctx: RequestContext) => {
    if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Notifications belong to people.', { reason: 'no_rule' });
    return { userId: ctx.actor.userId, orgId: ctx.actor.orgId };
  };
  return {
    async list(ctx: RequestContext, limit = 50): Promise<{ items: NotificationView[]; unread: number }> {
      const { userId, orgId } = userOf(ctx);
      const [rows, unread] = await Promise.all([
        deps.store.read.notifications.listForUser(userId, orgId, limit),
        deps.store.read.notifications.unreadCount(userId, orgId),
      ]);
      return {
        unread,
        items: rows.map((n) => {
          const { engagementName, ...data } = n.data;
          return {
            id: n.id,
            kind: n.kind,
            engagementId: n.engagementId,
            engagementName: typeof engagementName === 'string' ? engagementName : null,
            data,
            createdAt: n.createdAt,
            readAt: n.readAt,
          };
        }),
      };
    },

    async markRead(ctx: RequestContext, ids: readonly string[] | 'all'): Promise<{ unread: number }> {
      const { userId, orgId } = userOf(ctx);
      await deps.store.read.notifications.markRead(userId, orgId, ids, deps.clock.now().toISOString());
      return { unread: await deps.store.read.notifications.unreadCount(userId, orgId) };
    },
  };
}
