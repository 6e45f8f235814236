import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Runtime } from '../../runtime.js';
import {
  allocationRequestSchema,
  allocationViewSchema,
  capacityBoardQuerySchema,
  capacityBoardSchema,
  leaveParamsSchema,
  leaveRequestSchema,
  leaveViewSchema,
  personCapacitySchema,
  personContractRequestSchema,
  strainSchema,
} from '../../shared/contracts/capacity.js';
import type { AppEnv } from '../env.js';
import { errorResponses, jsonBody, jsonResponse, memberParams, noContent, orgParams } from '../openapi.js';
import type { RouteBuilder } from '../route.js';
import { personTimeInPath } from './time.js';

const tags = ['capacity'];

/**
 * Capacity (issue #14 point 2; decision 0011, addendum): a provider person's contracted hours and
 * leave, their planned hours per engagement and week with the effect on their load, and the
 * provider's capacity board. All of it is the provider's: no client reaches any of these routes.
 */
export function capacityRoutes(route: RouteBuilder, rt: Runtime) {
  const { capacity } = rt.services;
  const org = (c: Context<AppEnv>) => ({ type: 'organization' as const, orgId: c.req.param('orgId') ?? '' });
  const person = personTimeInPath;
  const personPath = '/api/organizations/{orgId}/people/{userId}';

  route(
    {
      route: createRoute({
        method: 'get',
        path: `${personPath}/capacity`,
        tags,
        summary: "A provider person's contracted hours and leave (the person, the provider's managers)",
        request: { params: memberParams },
        responses: { 200: jsonResponse('The capacity.', personCapacitySchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'capacity.read', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await capacity.capacity(c.get('ctx'), p.orgId, p.userId), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: `${personPath}/capacity`,
        tags,
        summary: "Set a person's contracted daily hours, or null for the organisation's (the provider's managers; audited)",
        request: { params: memberParams, body: jsonBody(personContractRequestSchema) },
        responses: { 200: jsonResponse('The capacity as saved.', personCapacitySchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'capacity.manage', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await capacity.saveContract(c.get('ctx'), p.orgId, p.userId, c.req.valid('json')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: `${personPath}/leave`,
        tags,
        summary: 'Add leave (one’s own, or a manager for anyone of the provider); overlapping leave is refused (audited)',
        request: { params: memberParams, body: jsonBody(leaveRequestSchema) },
        responses: { 201: jsonResponse('The leave.', leaveViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'leave.manage', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await capacity.addLeave(c.get('ctx'), p.orgId, p.userId, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'delete',
        path: `${personPath}/leave/{leaveId}`,
        tags,
        summary: 'Remove leave (audited)',
        request: { params: leaveParamsSchema },
        responses: { ...noContent, ...errorResponses },
      }),
      policy: { kind: 'action', action: 'leave.manage', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      await capacity.removeLeave(c.get('ctx'), p.orgId, p.userId, p.leaveId);
      return c.body(null, 204);
    },
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: `${personPath}/allocations`,
        tags,
        summary:
          "Plan a person's hours on an engagement per ISO week: refused past their available hours without a reason, and past a legal maximum of overtime without the provider admin's reason (audited)",
        request: { params: memberParams, body: jsonBody(allocationRequestSchema) },
        responses: { 200: jsonResponse('The plan and its effect on the load.', allocationViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'allocation.manage', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await capacity.plan(c.get('ctx'), p.orgId, p.userId, c.req.valid('json')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: `${personPath}/allocations/preview`,
        tags,
        summary: 'What a plan would do to the person’s load — warnings, weeks past capacity, legal maxima crossed — saving nothing',
        request: { params: memberParams, body: jsonBody(allocationRequestSchema) },
        responses: { 200: jsonResponse('The effect.', allocationViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'allocation.preview', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await capacity.preview(c.get('ctx'), p.orgId, p.userId, c.req.valid('json')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: `${personPath}/capacity-board`,
        tags,
        summary: "One person's row of the capacity board (the person, the provider's managers)",
        request: { params: memberParams, query: capacityBoardQuerySchema },
        responses: { 200: jsonResponse('The board.', capacityBoardSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'capacity.read', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await capacity.personBoard(c.get('ctx'), p.orgId, p.userId, c.req.valid('query')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: `${personPath}/strain`,
        tags,
        summary:
          "A provider person's strain signals: late nights and days off active in kpo, rework rounds, concurrent clients and clustered due dates (the person, the provider's managers; never a client)",
        request: { params: memberParams },
        responses: { 200: jsonResponse('The signals.', strainSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'load.read', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await capacity.strain(c.get('ctx'), p.orgId, p.userId), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/capacity-board',
        tags,
        summary:
          "The provider's capacity across its clients: per person and ISO week, available, planned and logged hours, utilisation, the overtime forecast and clustered deadlines (its managers)",
        request: { params: orgParams, query: capacityBoardQuerySchema },
        responses: { 200: jsonResponse('The board.', capacityBoardSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'capacity.board', resource: org },
    },
    async (c) => c.json(await capacity.board(c.get('ctx'), c.req.valid('param').orgId, c.req.valid('query')), 200),
  );
}
