import { z } from 'zod';

/**
 * What kpo tells people: in the app (the bell), by e-mail when SMTP is configured, and by signed
 * webhook to an organisation's integrations. Each kind carries the data its message needs.
 */
export const notificationKinds = [
  'engagement.requested',
  /** The client cancelled the engagement while proposals were open: told to the invited providers. */
  'engagement.request_cancelled',
  'engagement.status_changed',
  'proposal.submitted',
  'proposal.awarded',
  'proposal.not_awarded',
  'sow.approval_needed',
  'sow.approved',
  'team.assigned',
  'milestone.submitted',
  'milestone.decided',
  'update.posted',
  'question.asked',
  'question.answered',
  'change_request.proposed',
  'change_request.decided',
  'reminder.update_due',
  'sla.breached',
  'sla.escalated',
  /** The provider shared a model version with the client. */
  'model.shared',
  /** Someone commented on a shared model version: told to the other side. */
  'model.commented',
  /** The client granted a document to the provider's team or one of its people: told to them. */
  'document.granted',
  /** The provider submitted a version of a deliverable: told to the client's reviewers and lead. */
  'deliverable.submitted',
  /** The client decided on a version: told to both sides. */
  'deliverable.decided',
  /** A deliverable went past the SOW's rework rounds: told to the engagement's lead. */
  'deliverable.escalated',
  /** The award's staffing plan brings a provider person near or past an overtime limit: told to the delivery managers and the person. */
  'staffing.load_warning',
  /** The award left someone of the staffing plan off the team (a legal maximum, a conflict): told to the delivery managers. */
  'staffing.left_out',
] as const;
export const notificationKindSchema = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: notificationKindSchema,
    engagementId: z.string().nullable(),
    /** The engagement as the recipient may see it (its code name for a provider). */
    engagementName: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z
  .object({ items: z.array(notificationSchema), unread: z.number().int() })
  .meta({ id: 'NotificationPage' });

export const markReadRequestSchema = z
  .strictObject({ ids: z.array(z.uuid()).max(500).optional(), all: z.boolean().optional() })
  .refine((r) => (r.ids?.length ?? 0) > 0 || r.all === true, { message: 'Give ids, or all: true.' })
  .meta({ id: 'MarkReadRequest' });

export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    kinds: z.array(notificationKindSchema),
    active: z.boolean(),
    createdAt: z.string(),
    /** The last few deliveries, newest first. */
    recentDeliveries: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        status: z.enum(['pending', 'delivered', 'failed']),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
        at: z.string(),
      }),
    ),
  })
  .meta({ id: 'Webhook' });
export type WebhookView = z.infer<typeof webhookSchema>;

export const createWebhookRequestSchema = z
  .strictObject({
    url: z
      .url({ message: 'Must be a URL.' })
      .max(2000)
      .refine((u) => /^https?:\/\//.test(u), { message: 'Must be an http or https URL.' }),
    kinds: z.array(notificationKindSchema).min(1, { message: 'Choose at least one kind.' }).max(notificationKinds.length),
  })
  .meta({ id: 'CreateWebhookRequest' });

export const createdWebhookSchema = z.object({ webhook: webhookSchema, secret: z.string() }).meta({ id: 'CreatedWebhook' });
