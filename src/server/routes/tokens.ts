import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import { apiTokenSchema, createApiTokenRequestSchema, createdApiTokenSchema } from '../../shared/contracts/identity.js';
import { errorResponses, jsonBody, jsonResponse, noContent } from '../openapi.js';
import type { RouteBuilder } from '../route.js';

const tokenParams = z.strictObject({ tokenId: z.uuid({ message: 'Must be a UUID.' }) });

export function tokenRoutes(route: RouteBuilder, rt: Runtime) {
  const { tokens } = rt.services;
  const own = (_c: unknown, auth: { actor: { userId: string } }) => ({ type: 'api_token' as const, ownerUserId: auth.actor.userId });

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/tokens',
        tags: ['tokens'],
        summary: 'Your API tokens',
        responses: {
          200: jsonResponse('Tokens, newest first; secrets are never shown again.', z.array(apiTokenSchema)),
          ...errorResponses,
        },
      }),
      policy: { kind: 'action', action: 'token.list', resource: own },
    },
    async (c) => c.json(await tokens.list(c.get('ctx')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/tokens',
        tags: ['tokens'],
        summary: 'Create an API token for the active organisation; the secret is shown once',
        request: { body: jsonBody(createApiTokenRequestSchema) },
        responses: { 201: jsonResponse('The token and its secret.', createdApiTokenSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'token.create', resource: own },
      secretInResponse: true,
    },
    async (c) => c.json(await tokens.create(c.get('ctx'), c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'delete',
        path: '/api/tokens/{tokenId}',
        tags: ['tokens'],
        summary: 'Revoke one of your API tokens',
        request: { params: tokenParams },
        responses: { ...noContent, ...errorResponses },
      }),
      policy: { kind: 'action', action: 'token.revoke', resource: own },
    },
    async (c) => {
      await tokens.revoke(c.get('ctx'), c.req.valid('param').tokenId);
      return c.body(null, 204);
    },
  );
}
