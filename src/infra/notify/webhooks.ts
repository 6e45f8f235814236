import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Clock, RandomSource } from '../../core/ports.js';
import { createWebhookRequestSchema, type NotificationKind, type WebhookView } from '../../shared/contracts/notifications.js';
import { AppError, invalidInput, issuesFromZod } from '../../shared/errors.js';
import type { WebhookEvent } from '../db/notification-repo.js';
import type { DB } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { webhookUrlProblem } from './address-guard.js';
import { attemptAndRecord } from './deliver.js';

/** Active webhooks per organisation, at most. */
export const MAX_WEBHOOKS_PER_ORG = 20;
const RECENT_DELIVERIES = 10;

export interface WebhookServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
  /** KPO_WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  timeoutMs?: number;
}

export interface PingResult {
  deliveryId: string;
  status: 'delivered' | 'failed';
  /** The receiver's HTTP status, when it answered. */
  httpStatus: number | null;
  error: string | null;
}

const textArray = (values: readonly string[]) => sql<string[]>`${[...values]}::text[]`;

/**
 * Runs in the same transaction as the change, e.g. to record its audit event:
 * `within: (tx, webhook) => recordAudit(createRepos(tx), ctx, { type: 'webhook.created', … })`.
 */
export type InTransaction<T> = (tx: Kysely<DB>, webhook: T) => Promise<void>;

/**
 * An organisation's webhooks. Authorisation (who may manage an organisation's webhooks) is the
 * caller's: check the policy first. Every method is scoped by `orgId`: a webhook of another
 * organisation is `not_found`.
 */
export function webhookService(deps: WebhookServiceDeps) {
  const { db } = deps;

  async function views(orgId: string, id?: string): Promise<WebhookView[]> {
    let q = db
      .selectFrom('webhooks')
      .select(['id', 'url', 'kinds', 'active', 'created_at'])
      .where('org_id', '=', orgId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id');
    if (id) q = q.where('id', '=', id);
    const hooks = await q.execute();
    if (hooks.length === 0) return [];
    const recent = await sql<{
      id: string;
      target: string;
      kind: string;
      status: 'pending' | 'delivered' | 'failed';
      attempts: number;
      last_error: string | null;
      at: Date;
    }>`
      SELECT r.id, r.target, r.kind, r.status, r.attempts, r.last_error, COALESCE(r.delivered_at, r.created_at) AS at
      FROM unnest(${textArray(hooks.map((h) => h.id))}::uuid[]) AS w(id)
      CROSS JOIN LATERAL (
        SELECT * FROM notification_deliveries d WHERE d.target = w.id ORDER BY d.created_at DESC, d.id LIMIT ${RECENT_DELIVERIES}
      ) r`.execute(db);
    return hooks.map((h) => ({
      id: h.id,
      url: h.url,
      kinds: h.kinds as NotificationKind[],
      active: h.active,
      createdAt: new Date(h.created_at).toISOString(),
      recentDeliveries: recent.rows
        .filter((r) => r.target === h.id)
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          attempts: r.attempts,
          lastError: r.last_error,
          at: new Date(r.at).toISOString(),
        })),
    }));
  }

  return {
    /**
     * Adds a webhook. The secret signs every call (X-Kpo-Signature); it is returned here once and
     * cannot be read again — show it to the user now.
     */
    async create(
      orgId: string,
      input: { url: string; kinds: readonly NotificationKind[] },
      createdBy: string | null,
      options: { within?: InTransaction<{ id: string; url: string; kinds: NotificationKind[] }> } = {},
    ) {
      const parsed = createWebhookRequestSchema.safeParse({ url: input.url, kinds: [...new Set(input.kinds)] });
      if (!parsed.success) throw invalidInput(issuesFromZod(parsed.error));
      const problem = webhookUrlProblem(parsed.data.url, deps.allowPrivate);
      if (problem) throw invalidInput([{ path: ['url'], code: 'url_not_allowed', message: `This URL cannot be used: ${problem}.` }]);
      const id = deps.random.uuid();
      const secret = `whsec_${deps.random.secret(32)}`;
      await db.transaction().execute(async (tx) => {
        // One organisation's webhook changes in turn, so the limit holds under concurrent requests.
        await tx.selectFrom('organizations').select('id').where('id', '=', orgId).forUpdate().execute();
        const count = await tx
          .selectFrom('webhooks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', orgId)
          .where('deleted_at', 'is', null)
          .executeTakeFirstOrThrow();
        if (Number(count.n) >= MAX_WEBHOOKS_PER_ORG)
          throw new AppError('invalid_state', `An organisation can have at most ${MAX_WEBHOOKS_PER_ORG} webhooks. Delete one first.`, {
            reason: 'too_many_webhooks',
          });
        await tx
          .insertInto('webhooks')
          .values({
            id,
            org_id: orgId,
            url: parsed.data.url,
            secret,
            kinds: textArray(parsed.data.kinds),
            created_by: createdBy,
            created_at: deps.clock.now(),
          })
          .execute();
        await options.within?.(tx, { id, url: parsed.data.url, kinds: parsed.data.kinds });
      });
      const [webhook] = await views(orgId, id);
      if (!webhook) throw new AppError('internal', 'The webhook was not stored.');
      return { webhook, secret };
    },

    /** The organisation's webhooks, newest first, each with its last deliveries (newest first). */
    list(orgId: string): Promise<WebhookView[]> {
      return views(orgId);
    },

    async get(orgId: string, id: string): Promise<WebhookView> {
      const [webhook] = await views(orgId, id);
      if (!webhook) throw new AppError('not_found', 'No such webhook.', { reason: 'webhook_not_found' });
      return webhook;
    },

    /** Deletes a webhook: it is never called again, and its pending deliveries fail. */
    async remove(
      orgId: string,
      id: string,
      deletedBy: string | null,
      options: { within?: InTransaction<{ id: string; url: string }> } = {},
    ): Promise<void> {
      const now = deps.clock.now();
      await db.transaction().execute(async (tx) => {
        const removed = await tx
          .updateTable('webhooks')
          .set({ deleted_at: now, deleted_by: deletedBy, active: false })
          .where('id', '=', id)
          .where('org_id', '=', orgId)
          .where('deleted_at', 'is', null)
          .returning(['id', 'url'])
          .executeTakeFirst();
        if (!removed) throw new AppError('not_found', 'No such webhook.', { reason: 'webhook_not_found' });
        await tx
          .updateTable('notification_deliveries')
          .set({ status: 'failed', last_error: 'the webhook was deleted', claim_token: null })
          .where('channel', '=', 'webhook')
          .where('target', '=', id)
          .where('status', '=', 'pending')
          .execute();
        await options.within?.(tx, removed);
      });
    },

    /**
     * Sends a `ping` event now and waits for the answer (up to the 10 s timeout), for a "test"
     * button. The call is listed among the webhook's deliveries; it is not retried.
     */
    async ping(orgId: string, id: string): Promise<PingResult> {
      const hook = await db
        .selectFrom('webhooks')
        .select(['id'])
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!hook) throw new AppError('not_found', 'No such webhook.', { reason: 'webhook_not_found' });
      const now = deps.clock.now();
      const eventId = randomUUID();
      const event: WebhookEvent = {
        id: eventId,
        type: 'ping',
        createdAt: now.toISOString(),
        organizationId: orgId,
        engagementId: null,
        data: {},
      };
      const token = randomUUID();
      const deliveryId = randomUUID();
      await db
        .insertInto('notification_deliveries')
        .values({
          id: deliveryId,
          notification_id: null,
          event_id: eventId,
          kind: 'ping',
          channel: 'webhook',
          target: id,
          payload: JSON.stringify(event),
          attempts: 1,
          // Leased to this call, so a delivery worker leaves it alone.
          next_attempt_at: new Date(now.getTime() + 10 * 60_000),
          claim_token: token,
          created_at: now,
        })
        .execute();
      const status = await attemptAndRecord(
        db,
        { id: deliveryId, channel: 'webhook', kind: 'ping', target: id, payload: event as unknown as Record<string, unknown>, attempts: 1 },
        token,
        {
          clock: deps.clock,
          logger: deps.logger,
          mailer: null,
          publicUrl: null,
          webhookAllowPrivate: deps.allowPrivate,
          ...(deps.timeoutMs ? { webhookTimeoutMs: deps.timeoutMs } : {}),
        },
        { retry: false },
      );
      const row = await db
        .selectFrom('notification_deliveries')
        .select(['last_error', 'last_status'])
        .where('id', '=', deliveryId)
        .executeTakeFirstOrThrow();
      return { deliveryId, status: status === 'delivered' ? 'delivered' : 'failed', httpStatus: row.last_status, error: row.last_error };
    },
  };
}

export type WebhookService = ReturnType<typeof webhookService>;
