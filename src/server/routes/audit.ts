import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditLogResource } from '../../core/audit/service.js';
import type { Runtime } from '../../runtime.js';
import { auditPageSchema, auditQuerySchema, auditVerifyQuerySchema, auditVerifyResultSchema } from '../../shared/contracts/audit.js';
import { parseOrThrow } from '../../shared/errors.js';
import { errorResponses, jsonResponse } from '../openapi.js';
import type { RouteBuilder } from '../route.js';

const exportQuerySchema = auditQuerySchema.omit({ before: true, limit: true });

export function auditRoutes(route: RouteBuilder, rt: Runtime) {
  const { audit } = rt.services;
  const resource = (c: { req: { query(name: string): string | undefined } }, auth: { actor: Parameters<typeof auditLogResource>[0] }) =>
    auditLogResource(auth.actor, c.req.query('orgId'));

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/audit-events',
        tags: ['audit'],
        summary: 'Audit events, newest first (by time, then seq), filtered by actor, type, resource and time',
        request: { query: auditQuerySchema },
        responses: {
          200: jsonResponse('A page of events; pass nextBefore (an opaque cursor) as before for the next.', auditPageSchema),
          ...errorResponses,
        },
      }),
      policy: { kind: 'action', action: 'audit.read', resource },
    },
    async (c) => c.json(await audit.list(c.get('ctx'), c.req.valid('query')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/audit-events/export',
        tags: ['audit'],
        summary: 'The filtered audit log as CSV (UTF-8 with BOM, opens in Excel)',
        request: { query: exportQuerySchema },
        responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
      }),
      policy: { kind: 'action', action: 'audit.read', resource },
    },
    async (c) => {
      const query = parseOrThrow(exportQuerySchema, c.req.query());
      const lines = audit.exportCsv(c.get('ctx'), query);
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode('\uFEFF'));
        },
        async pull(controller) {
          const next = await lines.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
        async cancel() {
          await lines.return(undefined);
        },
      });
      const date = rt.clock.now().toISOString().slice(0, 10);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="kpo-audit-${date}.csv"`,
        },
      }) as never;
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/audit-events/verify',
        tags: ['audit'],
        summary:
          "Check the hash chain: the whole chain (the operator's auditors, by default), or the events of one organisation (its admins and auditors, by default)",
        description:
          "An organisation's check recomputes the whole chain and reports on its own events; a broken event of another organisation is named by position only (docs/decisions/0004).",
        request: { query: auditVerifyQuerySchema },
        responses: { 200: jsonResponse('The result; `broken` names the first broken event.', auditVerifyResultSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'audit.verify', resource },
    },
    async (c) => {
      const ctx = c.get('ctx');
      const { orgId } = auditLogResource(ctx.actor, c.req.valid('query').orgId);
      return c.json(orgId === null ? await audit.verify(ctx) : await audit.verifyOrganization(ctx, orgId), 200);
    },
  );
}
