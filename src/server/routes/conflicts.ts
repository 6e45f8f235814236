import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  conflictReportSchema,
  declarationsRequestSchema,
  declarationsSchema,
  overrideRequestSchema,
  restrictedListRequestSchema,
  restrictedListSchema,
  subjectsRequestSchema,
  subjectsSchema,
} from '../../shared/contracts/conflicts.js';
import { errorResponses, jsonBody, jsonResponse, orgParams } from '../openapi.js';
import type { RouteBuilder } from '../route.js';
import { engagementInPath } from './engagements.js';

const idParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }) });
const tags = ['conflicts'];

/**
 * Conflict walls (issue #9, point 8): a provider person's own declarations; a client's restricted
 * list and cooling-off period (its admins); an engagement's target and competitors, and the report
 * on its provider's people, with overrides (the client's lead; overrides by a client admin). None of
 * the client's side is ever answered to a provider.
 */
export function conflictRoutes(route: RouteBuilder, rt: Runtime) {
  // Built here from the runtime's parts (the service needs no more than the engagement services do).
  const { conflicts } = rt.services;
  const engagement = engagementInPath(rt);
  const ownOrg = (_c: unknown, auth: { actor: { kind: string; orgId?: string } }) => ({
    type: 'organization' as const,
    orgId: auth.actor.kind === 'user' ? (auth.actor.orgId ?? '') : '',
  });
  const org = (c: { req: { param(name: 'orgId'): string } }) => ({ type: 'organization' as const, orgId: c.req.param('orgId') });

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/conflict-declarations',
        tags,
        summary: 'The caller’s own declarations (employers with dates, holdings) in the provider organisation they are signed in to',
        responses: { 200: jsonResponse('The declarations.', declarationsSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'conflict.read_declarations', resource: ownOrg },
    },
    async (c) => c.json(await conflicts.myDeclarations(c.get('ctx')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/conflict-declarations',
        tags,
        summary: 'Replace the caller’s own declarations (audited)',
        request: { body: jsonBody(declarationsRequestSchema) },
        responses: { 200: jsonResponse('The declarations as saved.', declarationsSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'conflict.declare', resource: ownOrg },
    },
    async (c) => c.json(await conflicts.saveMyDeclarations(c.get('ctx'), c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/restricted-list',
        tags,
        summary: "The client's restricted list (entities, tickers) and cooling-off period (its admins)",
        request: { params: orgParams },
        responses: { 200: jsonResponse('The restricted list.', restrictedListSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'conflict.read_restricted_list', resource: org },
    },
    async (c) => c.json(await conflicts.restrictedList(c.get('ctx'), c.req.valid('param').orgId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/organizations/{orgId}/restricted-list',
        tags,
        summary: 'Replace the restricted list and the cooling-off period (audited; an entity an engagement names stays)',
        request: { params: orgParams, body: jsonBody(restrictedListRequestSchema) },
        responses: { 200: jsonResponse('The restricted list as saved.', restrictedListSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'conflict.manage_restricted_list', resource: org },
    },
    async (c) => c.json(await conflicts.saveRestrictedList(c.get('ctx'), c.req.valid('param').orgId, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/conflict-subjects',
        tags,
        summary: "The engagement's target and the competitors its brief names, with the restricted list to choose from (client only)",
        request: { params: idParams },
        responses: { 200: jsonResponse('The subjects.', subjectsSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'conflict.review', resource: engagement },
    },
    async (c) => c.json(await conflicts.subjects(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/engagements/{id}/conflict-subjects',
        tags,
        summary: "Name the engagement's target(s) and competitors from the restricted list (the client's lead; audited)",
        request: { params: idParams, body: jsonBody(subjectsRequestSchema) },
        responses: { 200: jsonResponse('The subjects as saved.', subjectsSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'conflict.set_subjects', resource: engagement },
    },
    async (c) => c.json(await conflicts.setSubjects(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/conflicts',
        tags,
        summary: "The conflict report on the provider's people: each one's conflicts, and the override in force (client only)",
        request: { params: idParams },
        responses: { 200: jsonResponse('The report.', conflictReportSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'conflict.review', resource: engagement },
    },
    async (c) => c.json(await conflicts.report(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/conflicts/overrides',
        tags,
        summary: 'Lift the wall for one person, with a written reason (a client admin; audited)',
        request: { params: idParams, body: jsonBody(overrideRequestSchema) },
        responses: { 201: jsonResponse('The report with the override.', conflictReportSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'conflict.override', resource: engagement },
    },
    async (c) => c.json(await conflicts.override(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
}
