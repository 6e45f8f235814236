import type { Kysely } from 'kysely';
import type { NotificationRecord, NotificationRepo } from '../../core/store.js';
import type { NotificationKind } from '../../shared/contracts/notifications.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export function createNotificationRepo(db: Kysely<DB>): NotificationRepo {
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
    },
    async listForUser(userId, limit) {
      const rows = await db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(limit).execute();
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
