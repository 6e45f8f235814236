import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  canvasSummarySchema,
  canvasVersionQuerySchema,
  matrixDetailSchema,
  matrixParamsSchema,
  matrixQuerySchema,
  saveMatrixRequestSchema,
  saveMatrixVersionRequestSchema,
  saveSizingRequestSchema,
  saveSizingVersionRequestSchema,
  sizingDetailSchema,
  sizingParamsSchema,
} from '../../shared/contracts/market-sizing-api.js';
import { errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import type { RouteBuilder } from '../route.js';
import { engagementInPath } from './engagements.js';

const idParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }) });
const tags = ['market research'];

/** Market sizings (TAM/SAM/SOM) and competitor matrices of a market-research engagement. */
export function marketSizingRoutes(route: RouteBuilder, rt: Runtime) {
  const service = rt.services.marketSizing;
  const engagement = engagementInPath(rt);
  const read = { kind: 'action', action: 'survey.read', resource: engagement } as const;
  const write = { kind: 'action', action: 'survey.write', resource: engagement } as const;

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/sizings',
        tags,
        summary: "The engagement's market sizings",
        request: { params: idParams },
        responses: { 200: jsonResponse('Sizings, most recently changed first.', z.array(canvasSummarySchema)), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await service.listSizings(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/sizings',
        tags,
        summary: 'Create a market sizing (version 1)',
        request: { params: idParams, body: jsonBody(saveSizingRequestSchema) },
        responses: { 201: jsonResponse('The sizing with its ranges and checks.', sizingDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => c.json(await service.createSizing(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/sizings/{sizingId}',
        tags,
        summary: 'A sizing: TAM/SAM/SOM as ranges, the tornado, the triangulation with the other approach, the checks',
        request: { params: sizingParamsSchema, query: canvasVersionQuerySchema },
        responses: { 200: jsonResponse('The sizing.', sizingDetailSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, sizingId } = c.req.valid('param');
      return c.json(await service.getSizing(c.get('ctx'), id, sizingId, c.req.valid('query').version), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/sizings/{sizingId}/versions',
        tags,
        summary: 'Save a new version of a sizing; 409 when someone saved one since `baseVersion`',
        request: { params: sizingParamsSchema, body: jsonBody(saveSizingVersionRequestSchema) },
        responses: { 201: jsonResponse('The sizing with the new version.', sizingDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { id, sizingId } = c.req.valid('param');
      return c.json(await service.saveSizingVersion(c.get('ctx'), id, sizingId, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/competitor-matrices',
        tags,
        summary: "The engagement's competitor matrices",
        request: { params: idParams },
        responses: { 200: jsonResponse('Matrices, most recently changed first.', z.array(canvasSummarySchema)), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await service.listMatrices(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/competitor-matrices',
        tags,
        summary: 'Create a competitor matrix (version 1)',
        request: { params: idParams, body: jsonBody(saveMatrixRequestSchema) },
        responses: { 201: jsonResponse('The matrix with its positioning map.', matrixDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => c.json(await service.createMatrix(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/competitor-matrices/{matrixId}',
        tags,
        summary: 'A competitor matrix, its coverage and a positioning map on two level or number features (`x`, `y`)',
        request: { params: matrixParamsSchema, query: matrixQuerySchema },
        responses: { 200: jsonResponse('The matrix.', matrixDetailSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, matrixId } = c.req.valid('param');
      return c.json(await service.getMatrix(c.get('ctx'), id, matrixId, c.req.valid('query')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/competitor-matrices/{matrixId}/versions',
        tags,
        summary: 'Save a new version of a competitor matrix; 409 when someone saved one since `baseVersion`',
        request: { params: matrixParamsSchema, body: jsonBody(saveMatrixVersionRequestSchema) },
        responses: { 201: jsonResponse('The matrix with the new version.', matrixDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { id, matrixId } = c.req.valid('param');
      return c.json(await service.saveMatrixVersion(c.get('ctx'), id, matrixId, c.req.valid('json')), 201);
    },
  );
}
