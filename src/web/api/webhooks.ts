import type { NotificationKind, WebhookView } from '../../shared/contracts/notifications';
import { apiRequest } from './client';

export interface CreatedWebhook {
  webhook: WebhookView;
  secret: string;
}

export interface PingResult {
  deliveryId: string;
  status: 'delivered' | 'failed';
  httpStatus: number | null;
  error: string | null;
}

const base = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}/webhooks`;

/** An organisation's webhooks (src/server/routes/webhooks.ts): its administrators manage them. */
export const webhooksApi = {
  list: (orgId: string) => apiRequest<WebhookView[]>('GET', base(orgId)),
  create: (orgId: string, body: { url: string; kinds: NotificationKind[] }) => apiRequest<CreatedWebhook>('POST', base(orgId), { body }),
  ping: (orgId: string, webhookId: string) => apiRequest<PingResult>('POST', `${base(orgId)}/${encodeURIComponent(webhookId)}/ping`),
  remove: (orgId: string, webhookId: string) => apiRequest<void>('DELETE', `${base(orgId)}/${encodeURIComponent(webhookId)}`),
};
