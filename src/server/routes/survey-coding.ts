import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  codeframeDetailSchema,
  codeframeParamsSchema,
  codeframeSummarySchema,
  codeframeVersionQuerySchema,
  codingOverrideRequestSchema,
  createCodeframeRequestSchema,
  saveCodeframeVersionRequestSchema,
} from '../../shared/contracts/coding-api.js';
import { surveyParamsSchema } from '../../shared/contracts/market-research-api.js';
import { errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import type { RouteBuilder } from '../route.js';
import { engagementInPath } from './engagements.js';

const tags = ['market research'];
const base = '/api/engagements/{id}/surveys/{surveyId}/codeframes';

/** Open-answer coding: codeframes of a survey dataset's open-text questions, their counts and quotes. */
export function surveyCodingRoutes(route: RouteBuilder, rt: Runtime) {
  const coding = rt.services.coding;
  const engagement = engagementInPath(rt);
  // The quotes are the respondents' own words: only those who may read the survey get them.
  const read = { kind: 'action', action: 'survey.read', resource: engagement } as const;
  const write = { kind: 'action', action: 'survey.write', resource: engagement } as const;

  route(
    {
      route: createRoute({
        method: 'get',
        path: base,
        tags,
        summary: "The survey dataset's codeframes",
        request: { params: surveyParamsSchema },
        responses: { 200: jsonResponse('Codeframes, oldest first.', z.array(codeframeSummarySchema)), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      return c.json(await coding.list(c.get('ctx'), id, surveyId), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: base,
        tags,
        summary: 'Code an open-text question: user-defined codes with keywords (Japanese or English, by base form)',
        request: { params: surveyParamsSchema, body: jsonBody(createCodeframeRequestSchema) },
        responses: { 201: jsonResponse('The codeframe with its counts and quotes.', codeframeDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      return c.json(await coding.create(c.get('ctx'), id, surveyId, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: `${base}/{codeframeId}`,
        tags,
        summary: 'A codeframe with per-code counts, shares of the answering respondents, example quotes and uncoded answers',
        request: { params: codeframeParamsSchema, query: codeframeVersionQuerySchema },
        responses: { 200: jsonResponse('The codeframe and its results.', codeframeDetailSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, surveyId, codeframeId } = c.req.valid('param');
      return c.json(await coding.get(c.get('ctx'), id, surveyId, codeframeId, c.req.valid('query').version), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: `${base}/{codeframeId}/versions`,
        tags,
        summary: 'Save new codes (optimistic concurrency on baseVersion)',
        request: { params: codeframeParamsSchema, body: jsonBody(saveCodeframeVersionRequestSchema) },
        responses: { 201: jsonResponse('The codeframe with its counts and quotes.', codeframeDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { id, surveyId, codeframeId } = c.req.valid('param');
      return c.json(await coding.saveVersion(c.get('ctx'), id, surveyId, codeframeId, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: `${base}/{codeframeId}/overrides`,
        tags,
        summary: "Set one answer's codes by hand (kept across later versions of the codes)",
        request: { params: codeframeParamsSchema, body: jsonBody(codingOverrideRequestSchema) },
        responses: { 200: jsonResponse('The codeframe with its counts and quotes.', codeframeDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { id, surveyId, codeframeId } = c.req.valid('param');
      return c.json(await coding.override(c.get('ctx'), id, surveyId, codeframeId, c.req.valid('json')), 200);
    },
  );
}
