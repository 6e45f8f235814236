import type { Kysely } from 'kysely';
import type { PingResult, WebhookCaller } from '../../core/notifications/webhooks.js';
import type { Clock, RandomSource } from '../../core/ports.js';
import type { SecretBox } from '../crypto/master-key.js';
import type { WebhookEvent } from '../db/notification-repo.js';
import type { DB } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { webhookUrlProblem } from './address-guard.js';
import { attemptAndRecord } from './deliver.js';

export interface WebhookCallerDeps {
  db: Kysely<DB>;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
  /** KPO_WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  /** Opens webhook secrets (the master key's box for them). */
  secrets: SecretBox;
  timeoutMs?: number;
}

/** How long a test call's delivery row is leased to it, so a delivery worker leaves it alone. */
const PING_LEASE_MS = 10 * 60_000;

/**
 * The HTTP side of the webhook service (`core/notifications/webhooks.ts`): the address rules of
 * KPO_WEBHOOK_ALLOW_PRIVATE, and a test call sent and recorded as the delivery worker sends any
 * call, without retries.
 */
export function createWebhookCaller(deps: WebhookCallerDeps): WebhookCaller {
  const { db } = deps;
  return {
    urlProblem: (url) => webhookUrlProblem(url, deps.allowPrivate),

    async ping(webhookId, ping): Promise<PingResult> {
      const event: WebhookEvent = ping;
      const now = deps.clock.now();
      const deliveryId = deps.random.uuid();
      const token = deps.random.uuid();
      await db
        .insertInto('notification_deliveries')
        .values({
          id: deliveryId,
          notification_id: null,
          event_id: event.id,
          kind: 'ping',
          channel: 'webhook',
          target: webhookId,
          payload: JSON.stringify(event),
          attempts: 1,
          next_attempt_at: new Date(now.getTime() + PING_LEASE_MS),
          claim_token: token,
          created_at: now,
        })
        .execute();
      const status = await attemptAndRecord(
        db,
        {
          id: deliveryId,
          channel: 'webhook',
          kind: 'ping',
          target: webhookId,
          payload: event as unknown as Record<string, unknown>,
          attempts: 1,
        },
        token,
        {
          clock: deps.clock,
          logger: deps.logger,
          mailer: null,
          publicUrl: null,
          webhookAllowPrivate: deps.allowPrivate,
          webhookSecrets: deps.secrets,
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
