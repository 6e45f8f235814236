import { type Kysely, sql } from 'kysely';
import type { WebhookDeliveryRecord, WebhookRepo } from '../../core/store.js';
import type { NotificationKind } from '../../shared/contracts/notifications.js';
import { AppError } from '../../shared/errors.js';
import type { SecretBox } from '../crypto/master-key.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();
/** text[] parameters: node-postgres sends JS arrays as PostgreSQL arrays. */
const textArray = (values: readonly string[]) => sql<string[]>`${[...values]}::text[]`;

/** What a webhook's sealed secret is bound to: a sealed value copied to another webhook does not open. */
export const webhookSecretContext = (webhookId: string) => `webhook:${webhookId}`;

/** The secret a webhook signs with, from its row (sealed, or plain from before migration 0012). */
export function webhookSecret(row: { id: string; secret: string | null; secret_sealed: string | null }, box: SecretBox): string {
  if (row.secret_sealed !== null) return box.open(row.secret_sealed, webhookSecretContext(row.id));
  if (row.secret !== null) return row.secret;
  throw new AppError('internal', `Webhook ${row.id} has no secret.`);
}

/**
 * Encrypts the plain secrets of webhooks made before migration 0012 (SQL cannot: the key is not in
 * the database). Run at start after migrating; the value is the same, only how it is kept changes.
 */
export async function sealLegacyWebhookSecrets(db: Kysely<DB>, box: SecretBox): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const plain = await tx.selectFrom('webhooks').select(['id', 'secret']).where('secret', 'is not', null).forUpdate().execute();
    for (const row of plain) {
      await tx
        .updateTable('webhooks')
        .set({ secret: null, secret_sealed: box.seal(row.secret as string, webhookSecretContext(row.id)) })
        .where('id', '=', row.id)
        .execute();
    }
    return plain.length;
  });
}

/**
 * The master keys (by id) that sealed the webhook secrets in this database: a restore checks them
 * against its own key before committing. Empty for a database from before migration 0012.
 */
export async function sealedSecretKeyIds(db: Kysely<DB>): Promise<string[]> {
  const column = await sql`SELECT 1 FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = 'webhooks' AND column_name = 'secret_sealed'`.execute(db);
  if (column.rows.length === 0) return [];
  const r = await sql<{ id: string }>`SELECT DISTINCT split_part(secret_sealed, '.', 2) AS id FROM webhooks
    WHERE secret_sealed IS NOT NULL ORDER BY 1`.execute(db);
  return r.rows.map((row) => row.id);
}

/** An organisation's webhooks (the `webhooks` table) and the deliveries listed beside them. */
export function createWebhookRepo(db: Kysely<DB>, secrets?: SecretBox): WebhookRepo {
  return {
    async listWithDeliveries(orgId, options) {
      let q = db
        .selectFrom('webhooks')
        .select(['id', 'org_id', 'url', 'kinds', 'active', 'created_at'])
        .where('org_id', '=', orgId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id');
      if (options.id !== undefined) q = q.where('id', '=', options.id);
      const hooks = await q.execute();
      if (hooks.length === 0) return [];
      const recent = await sql<{
        id: string;
        target: string;
        kind: string;
        status: WebhookDeliveryRecord['status'];
        attempts: number;
        last_error: string | null;
        at: Date;
      }>`
        SELECT r.id, r.target, r.kind, r.status, r.attempts, r.last_error, COALESCE(r.delivered_at, r.created_at) AS at
        FROM unnest(${textArray(hooks.map((h) => h.id))}::uuid[]) AS w(id)
        CROSS JOIN LATERAL (
          SELECT * FROM notification_deliveries d WHERE d.target = w.id ORDER BY d.created_at DESC, d.id LIMIT ${options.recentDeliveries}
        ) r`.execute(db);
      return hooks.map((h) => ({
        id: h.id,
        orgId: h.org_id,
        url: h.url,
        kinds: h.kinds as NotificationKind[],
        active: h.active,
        createdAt: iso(h.created_at),
        recentDeliveries: recent.rows
          .filter((r) => r.target === h.id)
          .map((r) => ({
            id: r.id,
            kind: r.kind,
            status: r.status,
            attempts: r.attempts,
            lastError: r.last_error,
            at: iso(r.at),
          })),
      }));
    },

    async lockOrgAndCount(orgId) {
      await db.selectFrom('organizations').select('id').where('id', '=', orgId).forUpdate().execute();
      const count = await db
        .selectFrom('webhooks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(count.n);
    },

    async insert(w) {
      await db
        .insertInto('webhooks')
        .values({
          id: w.id,
          org_id: w.orgId,
          url: w.url,
          secret: null,
          secret_sealed: sealWith(secrets).seal(w.secret, webhookSecretContext(w.id)),
          kinds: textArray(w.kinds),
          created_by: w.createdBy,
          created_at: w.createdAt,
        })
        .execute();
    },

    async softDelete(orgId, id, by, at) {
      const removed = await db
        .updateTable('webhooks')
        .set({ deleted_at: at, deleted_by: by, active: false })
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .where('deleted_at', 'is', null)
        .returning(['id', 'url'])
        .executeTakeFirst();
      if (!removed) return null;
      await db
        .updateTable('notification_deliveries')
        .set({ status: 'failed', last_error: 'the webhook was deleted', claim_token: null })
        .where('channel', '=', 'webhook')
        .where('target', '=', id)
        .where('status', '=', 'pending')
        .execute();
      return removed;
    },

    async findActive(orgId, id) {
      const hook = await db
        .selectFrom('webhooks')
        .select(['id', 'url'])
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return hook ?? null;
    },
  };
}

function sealWith(box: SecretBox | undefined): SecretBox {
  if (!box) throw new AppError('internal', 'This store was opened without the master key: it cannot store a webhook secret.');
  return box;
}
