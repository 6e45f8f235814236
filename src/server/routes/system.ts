import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AdjustableClock } from '../../infra/crypto/random.js';
import type { Runtime } from '../../runtime.js';
import type { Api } from '../env.js';
import { errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { definePlainRoute, type PolicyRegistry, type RouteBuilder } from '../route.js';

const healthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), checks: z.object({ database: z.enum(['ok', 'failing']) }) })
  .meta({ id: 'Health' });

export function systemRoutes(route: RouteBuilder, rt: Runtime) {
  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/health',
        tags: ['system'],
        summary: 'Liveness and database reachability, for load balancers',
        responses: { 200: jsonResponse('Healthy.', healthSchema), 503: jsonResponse('The database cannot be reached.', healthSchema) },
      }),
      policy: { kind: 'public' },
    },
    async (c) => {
      try {
        await rt.database.ping();
        return c.json({ status: 'ok' as const, checks: { database: 'ok' as const } }, 200);
      } catch {
        return c.json({ status: 'degraded' as const, checks: { database: 'failing' as const } }, 503);
      }
    },
  );
}

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kpo API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** The OpenAPI 3.1 document and a browsable page for it, served from the package (no CDN, no inline script). */
export function docsRoutes(api: Api, rt: Runtime, registry: PolicyRegistry, version: string) {
  const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const assets: Record<string, { type: string; body: () => Buffer }> = {
    'swagger-ui.css': { type: 'text/css; charset=utf-8', body: () => readFileSync(join(swaggerDir, 'swagger-ui.css')) },
    'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', body: () => readFileSync(join(swaggerDir, 'swagger-ui-bundle.js')) },
  };
  const cache = new Map<string, Buffer>();

  definePlainRoute(api, rt, registry, 'get', '/api/openapi.json', { kind: 'public' }, (c) =>
    c.json(
      api.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'kpo API',
          version,
          description:
            'Knowledge Process Outsourcing platform. Authenticate with the session cookie (browser; writes need the X-CSRF-Token header from GET /api/session) or with `Authorization: Bearer kpo_…` API tokens.',
        },
      }),
    ),
  );
  definePlainRoute(api, rt, registry, 'get', '/api/docs', { kind: 'public' }, (c) => c.html(DOCS_HTML));
  definePlainRoute(api, rt, registry, 'get', '/api/docs/init.js', { kind: 'public' }, (c) =>
    c.body(DOCS_INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  for (const [name, asset] of Object.entries(assets)) {
    definePlainRoute(api, rt, registry, 'get', `/api/docs/${name}`, { kind: 'public' }, (c) => {
      let body = cache.get(name);
      if (!body) {
        body = asset.body();
        cache.set(name, body);
      }
      return c.body(new Uint8Array(body), 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
    });
  }

  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'kpo_session' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token, kpo_…',
  });
}

/**
 * End-to-end tests of deadlines (a missed cadence, an overdue answer) against a real server move
 * its clock forward. Registered only when KPO_TEST_CLOCK=true, and only for the platform admin.
 */
export function testClockRoutes(route: RouteBuilder, rt: Runtime) {
  const clock = rt.clock;
  if (!rt.config.testClock || !(clock instanceof AdjustableClock)) return;
  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/test/clock',
        tags: ['system'],
        summary: 'Move the clock forward (only with KPO_TEST_CLOCK=true, for end-to-end tests)',
        request: {
          body: jsonBody(
            z.strictObject({
              advanceHours: z
                .number()
                .min(0)
                .max(24 * 366),
            }),
          ),
        },
        responses: { 200: jsonResponse('The time now.', z.object({ now: z.string() })), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'instance.clock', resource: () => ({ type: 'instance' }) },
    },
    async (c) => {
      clock.advance(c.req.valid('json').advanceHours * 3_600_000);
      rt.logger.warn('test clock moved', { now: clock.now().toISOString() });
      return c.json({ now: clock.now().toISOString() }, 200);
    },
  );
}
