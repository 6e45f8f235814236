import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/ports.js';
import { notificationKindSchema } from '../../shared/contracts/notifications.js';
import { isAppError } from '../../shared/errors.js';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/master-key.js';
import type { EmailPayload } from '../db/notification-repo.js';
import type { DB } from '../db/schema.js';
import { webhookSecret } from '../db/webhook-repo.js';
import type { Logger } from '../logger.js';
import { postJson, WebhookCallError } from './http.js';
import { createSmtpMailer, type Mailer, MailSendError } from './mail.js';
import { renderEmail } from './messages.js';
import { signWebhook } from './signature.js';

/** Waits before the 2nd, 3rd, … 6th attempt; after the 6th failure the delivery is failed. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];

export interface DeliveryDeps {
  clock: Clock;
  logger: Logger;
  /** Null when e-mail is not configured: e-mail deliveries then fail. */
  mailer: Mailer | null;
  /** KPO_PUBLIC_URL, for links in e-mail. */
  publicUrl: string | null;
  /** KPO_WEBHOOK_ALLOW_PRIVATE. */
  webhookAllowPrivate: boolean;
  /** Opens webhook secrets (the master key's box for them). */
  webhookSecrets: SecretBox;
  webhookTimeoutMs?: number;
  retryDelaysMs?: readonly number[];
  /** Rows claimed at a time. */
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /**
   * How long a claimed row is reserved for its worker. A worker that dies mid-send leaves the row
   * to be claimed again after this; it must be longer than sending a whole batch takes.
   */
  leaseMs?: number;
  /** Batches per run, at most. */
  maxBatches?: number;
  /** Aborted when the process stops: no new batch is claimed, calls in flight are cut short. */
  signal?: AbortSignal;
}

export interface DeliveryCounts {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  channel: 'email' | 'webhook';
  kind: string;
  target: string;
  payload: Record<string, unknown>;
  attempts: number;
}

type Outcome = { ok: true; status: number | null } | { ok: false; permanent: boolean; error: string; status: number | null };

const defaults = { webhookTimeoutMs: 10_000, batchSize: 20, concurrency: 4, leaseMs: 10 * 60_000, maxBatches: 50 };

/**
 * Claims due deliveries (`FOR UPDATE SKIP LOCKED`: several workers and processes never claim the
 * same row), sends them outside any transaction, and records each result. A claim is a lease: the
 * row stays pending with its next attempt moved `leaseMs` ahead, so a worker that dies mid-send
 * leaves it to be retried; only the worker holding the claim records the result, and a delivered
 * row is never claimed again.
 */
export async function deliverDue(db: Kysely<DB>, deps: DeliveryDeps): Promise<DeliveryCounts> {
  const batchSize = deps.batchSize ?? defaults.batchSize;
  const maxBatches = deps.maxBatches ?? defaults.maxBatches;
  const counts: DeliveryCounts = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < maxBatches && !deps.signal?.aborted; batch++) {
    const token = randomUUID();
    const rows = await claim(db, token, batchSize, deps);
    counts.claimed += rows.length;
    let firstError: unknown = null;
    await eachLimit(rows, deps.concurrency ?? defaults.concurrency, async (row) => {
      try {
        counts[await attemptAndRecord(db, row, token, deps, { retry: true })]++;
      } catch (err) {
        // Recording failed (the database went away): the lease runs out and the row is tried again.
        firstError ??= err;
      }
    });
    if (firstError) throw firstError;
    if (rows.length < batchSize) break;
  }
  return counts;
}

async function claim(db: Kysely<DB>, token: string, limit: number, deps: DeliveryDeps): Promise<ClaimedRow[]> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + (deps.leaseMs ?? defaults.leaseMs));
  const result = await sql<ClaimedRow>`
    UPDATE notification_deliveries d
    SET attempts = d.attempts + 1, next_attempt_at = ${leaseUntil}, claim_token = ${token}
    FROM (
      SELECT id FROM notification_deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE d.id = due.id
    RETURNING d.id, d.channel, d.kind, d.target, d.payload, d.attempts`.execute(db);
  return result.rows;
}

async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      await fn(items[index] as T);
    }
  });
  await Promise.all(lanes);
}

/** Sends one claimed row and records the outcome; returns what became of it. */
export async function attemptAndRecord(
  db: Kysely<DB>,
  row: ClaimedRow,
  token: string,
  deps: DeliveryDeps,
  options: { retry: boolean },
): Promise<'delivered' | 'retrying' | 'failed'> {
  let outcome: Outcome;
  try {
    outcome = row.channel === 'email' ? await sendEmail(db, row, deps) : await sendWebhook(db, row, deps);
  } catch (err) {
    deps.logger.error('notification delivery: unexpected error', {
      deliveryId: row.id,
      channel: row.channel,
      error: (err as Error).message,
    });
    outcome = { ok: false, permanent: false, error: 'internal error', status: null };
  }
  const now = deps.clock.now();
  const base = db
    .updateTable('notification_deliveries')
    .where('id', '=', row.id)
    .where('claim_token', '=', token)
    .where('status', '=', 'pending');
  const fields = { deliveryId: row.id, channel: row.channel, kind: row.kind, attempt: row.attempts };
  if (outcome.ok) {
    await base.set({ status: 'delivered', delivered_at: now, last_error: null, last_status: outcome.status, claim_token: null }).execute();
    deps.logger.debug('notification delivered', fields);
    return 'delivered';
  }
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const delay = delays[row.attempts - 1];
  if (!options.retry || outcome.permanent || delay === undefined) {
    await base.set({ status: 'failed', last_error: outcome.error, last_status: outcome.status, claim_token: null }).execute();
    deps.logger.warn('notification delivery failed', { ...fields, error: outcome.error, final: true });
    return 'failed';
  }
  await base
    .set({ next_attempt_at: new Date(now.getTime() + delay), last_error: outcome.error, last_status: outcome.status, claim_token: null })
    .execute();
  deps.logger.info('notification delivery will be retried', { ...fields, error: outcome.error, retryInSeconds: Math.round(delay / 1000) });
  return 'retrying';
}

async function sendEmail(db: Kysely<DB>, row: ClaimedRow, deps: DeliveryDeps): Promise<Outcome> {
  if (!deps.mailer) return { ok: false, permanent: true, error: 'e-mail is not configured (KPO_SMTP_URL)', status: null };
  const payload = row.payload as unknown as EmailPayload;
  const kind = notificationKindSchema.safeParse(payload.kind);
  if (!kind.success) return { ok: false, permanent: true, error: 'unknown notification kind', status: null };
  const user = await db
    .selectFrom('users')
    .select(['email', 'display_name', 'locale', 'status'])
    .where('id', '=', row.target)
    .executeTakeFirst();
  if (user?.status !== 'active') return { ok: false, permanent: true, error: 'the recipient is disabled', status: null };
  const message = renderEmail({
    kind: kind.data,
    locale: user.locale === 'en' ? 'en' : 'ja',
    displayName: user.display_name,
    engagementId: payload.engagementId ?? null,
    data: payload.data ?? {},
    publicUrl: deps.publicUrl,
  });
  try {
    await deps.mailer.send({
      to: user.email,
      subject: message.subject,
      text: message.text,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Kpo-Event': kind.data, 'X-Kpo-Delivery': row.id },
    });
    return { ok: true, status: null };
  } catch (err) {
    if (err instanceof MailSendError) return { ok: false, permanent: err.permanent, error: err.message, status: null };
    throw err;
  }
}

async function sendWebhook(db: Kysely<DB>, row: ClaimedRow, deps: DeliveryDeps): Promise<Outcome> {
  const hook = await db
    .selectFrom('webhooks')
    .select(['id', 'url', 'secret', 'secret_sealed', 'active', 'deleted_at'])
    .where('id', '=', row.target)
    .executeTakeFirst();
  if (!hook?.active || hook.deleted_at !== null)
    return { ok: false, permanent: true, error: 'the webhook was deleted or turned off', status: null };
  let secret: string;
  try {
    secret = webhookSecret(hook, deps.webhookSecrets);
  } catch (err) {
    // A wrong master key is fixed by restarting with the right one: keep retrying, and say why.
    if (isAppError(err)) return { ok: false, permanent: false, error: err.message, status: null };
    throw err;
  }
  const body = JSON.stringify(row.payload);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'kpo-webhooks/1',
    'X-Kpo-Event': row.kind,
    'X-Kpo-Delivery': row.id,
    'X-Kpo-Signature': signWebhook(secret, body, deps.clock.now()),
  };
  try {
    const { status } = await postJson(hook.url, body, headers, {
      timeoutMs: deps.webhookTimeoutMs ?? defaults.webhookTimeoutMs,
      allowPrivate: deps.webhookAllowPrivate,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    if (status >= 200 && status < 300) return { ok: true, status };
    return { ok: false, permanent: false, error: `HTTP ${status}`, status };
  } catch (err) {
    if (err instanceof WebhookCallError) return { ok: false, permanent: err.permanent, error: err.message, status: null };
    throw err;
  }
}

/** Forgets delivered and failed rows created before `before` (they copy notification data). */
export async function pruneDeliveries(db: Kysely<DB>, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('notification_deliveries')
    .where('status', '<>', 'pending')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface NotificationDelivery {
  /** Delivers what is due (the `deliver-notifications` job); prunes old rows once an hour. */
  run(signal?: AbortSignal): Promise<DeliveryCounts>;
  /** Closes the SMTP transport. */
  close(): void;
}

/**
 * The delivery worker as the runtime wires it: SMTP from KPO_SMTP_URL/KPO_MAIL_FROM when set,
 * webhook address rules from KPO_WEBHOOK_ALLOW_PRIVATE, links from KPO_PUBLIC_URL.
 */
export function createNotificationDelivery(
  db: Kysely<DB>,
  options: {
    config: Pick<Config, 'mail' | 'publicUrl' | 'webhookAllowPrivate'>;
    clock: Clock;
    logger: Logger;
    webhookSecrets: SecretBox;
    /** Delivered and failed rows are kept this long (default 30 days). */
    retentionDays?: number;
    /** Tests: a mailer of their own, timings. */
    overrides?: Partial<Omit<DeliveryDeps, 'clock' | 'logger' | 'signal'>>;
  },
): NotificationDelivery {
  const mailer =
    options.overrides?.mailer !== undefined ? options.overrides.mailer : options.config.mail ? createSmtpMailer(options.config.mail) : null;
  const retentionMs = (options.retentionDays ?? 30) * 86_400_000;
  let prunedAt = 0;
  return {
    async run(signal) {
      const counts = await deliverDue(db, {
        publicUrl: options.config.publicUrl,
        webhookAllowPrivate: options.config.webhookAllowPrivate,
        webhookSecrets: options.webhookSecrets,
        ...options.overrides,
        mailer,
        clock: options.clock,
        logger: options.logger,
        ...(signal ? { signal } : {}),
      });
      const now = options.clock.now().getTime();
      if (now - prunedAt >= 3_600_000) {
        prunedAt = now;
        await pruneDeliveries(db, new Date(now - retentionMs));
      }
      return counts;
    },
    close() {
      mailer?.close();
    },
  };
}
