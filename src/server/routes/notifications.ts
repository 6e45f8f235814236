import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import { markReadRequestSchema, notificationPageSchema } from '../../shared/contracts/notifications.js';
import { errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import type { RouteBuilder } from '../route.js';

export function notificationRoutes(route: RouteBuilder, rt: Runtime) {
  const { notifications } = rt.services;

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/notifications',
        tags: ['notifications'],
        summary: 'Your notifications, newest first, and how many are unread',
        request: { query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
        responses: { 200: jsonResponse('Notifications.', notificationPageSchema), ...errorResponses },
      }),
      policy: { kind: 'signed-in' },
    },
    async (c) => c.json(await notifications.list(c.get('ctx'), c.req.valid('query').limit), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/notifications/read',
        tags: ['notifications'],
        summary: 'Mark notifications read (some by id, or all)',
        request: { body: jsonBody(markReadRequestSchema) },
        responses: { 200: jsonResponse('The unread count after.', z.object({ unread: z.number().int() })), ...errorResponses },
      }),
      policy: { kind: 'signed-in' },
    },
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await notifications.markRead(c.get('ctx'), body.all ? 'all' : (body.ids ?? [])), 200);
    },
  );
}
