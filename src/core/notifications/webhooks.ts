import { createWebhookRequestSchema, type NotificationKind, type WebhookView } from '../../shared/contracts/notifications.js';
import { AppError, invalidInput, issuesFromZod } from '../../shared/errors.js';
import type { RequestContext } from '../access/actor.js';
import { authorize } from '../access/policy.js';
import type { RecordAudit } from '../audit/recorder.js';
import type { Clock, RandomSource } from '../ports.js';
import type { Repos, Store, WebhookDeliveryRecord, WebhookRecord } from '../store.js';

/** Active webhooks per organisation, at most. */
export const MAX_WEBHOOKS_PER_ORG = 20;
/** Deliveries listed beside each webhook. */
export const RECENT_WEBHOOK_DELIVERIES = 10;

/** The body of a test call: a webhook event of type `ping` with no engagement and no data. */
export interface WebhookPingEvent {
  id: string;
  type: 'ping';
  createdAt: string;
  organizationId: string;
  engagementId: null;
  data: Record<string, never>;
}

export interface PingResult {
  deliveryId: string;
  status: 'delivered' | 'failed';
  /** The receiver's HTTP status, when it answered. */
  httpStatus: number | null;
  error: string | null;
}

/** The HTTP side of webhooks, implemented in infra: which addresses may be called, and the test call. */
export interface WebhookCaller {
  /**
   * Why a webhook URL is refused before any network access (not http(s); a literal loopback or
   * private address unless KPO_WEBHOOK_ALLOW_PRIVATE), or null when it may be called.
   */
  urlProblem(url: string): string | null;
  /**
   * Calls the webhook now with the signed event and waits for the answer. The call is listed among
   * the webhook's deliveries; it is not retried.
   */
  ping(webhookId: string, event: WebhookPingEvent): Promise<PingResult>;
}

export interface WebhookServiceDeps {
  store: Store;
  clock: Clock;
  random: RandomSource;
  audit: RecordAudit;
  caller: WebhookCaller;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
};

const notFound = () => new AppError('not_found', 'No such webhook.', { reason: 'webhook_not_found' });

const userIdOf = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

const view = (w: WebhookRecord & { recentDeliveries: WebhookDeliveryRecord[] }): WebhookView => ({
  id: w.id,
  url: w.url,
  kinds: w.kinds,
  active: w.active,
  createdAt: w.createdAt,
  recentDeliveries: w.recentDeliveries.map((d) => ({
    id: d.id,
    kind: d.kind,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    at: d.at,
  })),
});

/**
 * An organisation's webhooks, managed by its administrators (`webhook.manage`). Every method is
 * scoped by `orgId`: a webhook of another organisation is `not_found`. Each change is audited in
 * its own transaction.
 */
export function webhookService(deps: WebhookServiceDeps) {
  const { store, clock, random, audit, caller } = deps;

  const mayManage = (ctx: RequestContext, orgId: string) => authorize(ctx.actor, 'webhook.manage', { type: 'organization', orgId });

  async function views(repos: Repos, orgId: string, id?: string): Promise<WebhookView[]> {
    const hooks = await repos.webhooks.listWithDeliveries(orgId, {
      ...(id !== undefined ? { id } : {}),
      recentDeliveries: RECENT_WEBHOOK_DELIVERIES,
    });
    return hooks.map(view);
  }

  return {
    /** The organisation's webhooks, newest first, each with its last deliveries (newest first). */
    async list(ctx: RequestContext, orgId: string): Promise<WebhookView[]> {
      mayManage(ctx, orgId);
      return views(store.read, orgId);
    },

    async get(ctx: RequestContext, orgId: string, id: string): Promise<WebhookView> {
      mayManage(ctx, orgId);
      const [webhook] = await views(store.read, orgId, id);
      if (!webhook) throw notFound();
      return webhook;
    },

    /**
     * Adds a webhook. The secret signs every call (X-Kpo-Signature); it is returned here once and
     * cannot be read again — show it to the user now.
     */
    async create(
      ctx: RequestContext,
      orgId: string,
      input: { url: string; kinds: readonly NotificationKind[] },
    ): Promise<{ webhook: WebhookView; secret: string }> {
      mayManage(ctx, orgId);
      const parsed = createWebhookRequestSchema.safeParse({ url: input.url, kinds: [...new Set(input.kinds)] });
      if (!parsed.success) throw invalidInput(issuesFromZod(parsed.error));
      const { url, kinds } = parsed.data;
      const problem = caller.urlProblem(url);
      if (problem) throw invalidInput([{ path: ['url'], code: 'url_not_allowed', message: `This URL cannot be used: ${problem}.` }]);
      const id = random.uuid();
      const secret = `whsec_${random.secret(32)}`;
      await store.transaction(async (tx) => {
        // One organisation's webhook changes in turn, so the limit holds under concurrent requests.
        if ((await tx.webhooks.lockOrgAndCount(orgId)) >= MAX_WEBHOOKS_PER_ORG)
          throw new AppError('invalid_state', `An organisation can have at most ${MAX_WEBHOOKS_PER_ORG} webhooks. Delete one first.`, {
            reason: 'too_many_webhooks',
            params: { max: MAX_WEBHOOKS_PER_ORG },
          });
        await tx.webhooks.insert({ id, orgId, url, kinds, secret, createdBy: userIdOf(ctx), createdAt: clock.now().toISOString() });
        await audit(tx, ctx, {
          type: 'webhook.created',
          orgId,
          resource: { type: 'webhook', id },
          data: { host: hostOf(url), kinds },
        });
      });
      const [webhook] = await views(store.read, orgId, id);
      if (!webhook) throw new AppError('internal', 'The webhook was not stored.');
      return { webhook, secret };
    },

    /** Deletes a webhook: it is never called again, and its pending deliveries fail. */
    async remove(ctx: RequestContext, orgId: string, id: string): Promise<void> {
      mayManage(ctx, orgId);
      await store.transaction(async (tx) => {
        const removed = await tx.webhooks.softDelete(orgId, id, userIdOf(ctx), clock.now().toISOString());
        if (!removed) throw notFound();
        await audit(tx, ctx, {
          type: 'webhook.deleted',
          orgId,
          resource: { type: 'webhook', id: removed.id },
          data: { host: hostOf(removed.url) },
        });
      });
    },

    /**
     * Sends a `ping` event now and waits for the answer (up to the call's timeout), for a "test"
     * button. The call is listed among the webhook's deliveries; it is not retried.
     */
    async ping(ctx: RequestContext, orgId: string, id: string): Promise<PingResult> {
      mayManage(ctx, orgId);
      const hook = await store.read.webhooks.findActive(orgId, id);
      if (!hook) throw notFound();
      return caller.ping(hook.id, {
        id: random.uuid(),
        type: 'ping',
        createdAt: clock.now().toISOString(),
        organizationId: orgId,
        engagementId: null,
        data: {},
      });
    },
  };
}

export type WebhookService = ReturnType<typeof webhookService>;
