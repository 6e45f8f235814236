import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import { createdWebhookSchema, createWebhookRequestSchema, webhookSchema } from '../../shared/contracts/notifications.js';
import { errorResponses, jsonBody, jsonResponse, noContent, orgParams } from '../openapi.js';
import type { RouteBuilder } from '../route.js';

const webhookParams = z.strictObject({ orgId: z.uuid({ message: 'Must be a UUID.' }), webhookId: z.uuid({ message: 'Must be a UUID.' }) });

/** An organisation's webhooks: its administrators add, list, test and remove them (`core/notifications/webhooks.ts` audits each change). */
export function webhookRoutes(route: RouteBuilder, rt: Runtime) {
  const org = (c: { req: { param(name: 'orgId'): string } }) => ({ type: 'organization' as const, orgId: c.req.param('orgId') });
  const policy = { kind: 'action', action: 'webhook.manage', resource: org } as const;

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/webhooks',
        tags: ['webhooks'],
        summary: "The organisation's webhooks with their recent deliveries",
        request: { params: orgParams },
        responses: { 200: jsonResponse('Webhooks, newest first.', z.array(webhookSchema)), ...errorResponses },
      }),
      policy,
    },
    async (c) => c.json(await rt.webhooks.list(c.get('ctx'), c.req.valid('param').orgId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/organizations/{orgId}/webhooks',
        tags: ['webhooks'],
        summary: 'Add a webhook; its signing secret is shown once',
        request: { params: orgParams, body: jsonBody(createWebhookRequestSchema) },
        responses: { 201: jsonResponse('The webhook and its secret.', createdWebhookSchema), ...errorResponses },
      }),
      policy,
      secretInResponse: true,
    },
    async (c) => c.json(await rt.webhooks.create(c.get('ctx'), c.req.valid('param').orgId, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'delete',
        path: '/api/organizations/{orgId}/webhooks/{webhookId}',
        tags: ['webhooks'],
        summary: 'Remove a webhook; its pending deliveries are dropped',
        request: { params: webhookParams },
        responses: { ...noContent, ...errorResponses },
      }),
      policy,
    },
    async (c) => {
      const { orgId, webhookId } = c.req.valid('param');
      await rt.webhooks.remove(c.get('ctx'), orgId, webhookId);
      return c.body(null, 204);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/organizations/{orgId}/webhooks/{webhookId}/ping',
        tags: ['webhooks'],
        summary: 'Send a signed test call now and report what the receiver answered',
        request: { params: webhookParams },
        responses: {
          200: jsonResponse(
            'The result.',
            z.object({
              deliveryId: z.string(),
              status: z.enum(['delivered', 'failed']),
              httpStatus: z.number().int().nullable(),
              error: z.string().nullable(),
            }),
          ),
          ...errorResponses,
        },
      }),
      policy,
    },
    async (c) => {
      const { orgId, webhookId } = c.req.valid('param');
      return c.json(await rt.webhooks.ping(c.get('ctx'), orgId, webhookId), 200);
    },
  );
}
