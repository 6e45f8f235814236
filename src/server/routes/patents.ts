import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  addSearchStepRequestSchema,
  corpusParamsSchema,
  createCorpusRequestSchema,
  createSavedSearchRequestSchema,
  importQuerySchema,
  patentChartRequestSchema,
  patentChartResultSchema,
  patentCorpusSchema,
  patentDocumentSchema,
  patentImportResultSchema,
  patentParamsSchema,
  patentSearchRequestSchema,
  patentSearchResultSchema,
  savedSearchParamsSchema,
  savedSearchQuerySchema,
  savedSearchSchema,
  savedSearchSummarySchema,
  saveSearchVersionRequestSchema,
} from '../../shared/contracts/patents-api.js';
import { errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import type { RouteBuilder } from '../route.js';
import { engagementInPath } from './engagements.js';

const idParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }) });
const tags = ['patent research'];

/** The import route streams and counts its own bytes (the app's body limit does not apply). */
export const PATENT_IMPORT_ROUTE = /^\/api\/engagements\/[^/]+\/patent-corpora\/[^/]+\/imports$/;

/** The patent-research workbench of an engagement: corpora, imports, search, the document view, saved searches. */
export function patentRoutes(route: RouteBuilder, rt: Runtime) {
  const service = rt.services.patents;
  const engagement = engagementInPath(rt);
  const read = { kind: 'action', action: 'patent.read', resource: engagement } as const;
  const write = { kind: 'action', action: 'patent.write', resource: engagement } as const;

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/patent-corpora',
        tags,
        summary: "The engagement's patent corpora and the platform's, with how many patents each holds",
        request: { params: idParams },
        responses: { 200: jsonResponse("The engagement's corpora, then the platform's.", z.array(patentCorpusSchema)), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await service.listCorpora(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/patent-corpora',
        tags,
        summary: 'Create a corpus on the engagement; one of that name already there is returned as it is',
        request: { params: idParams, body: jsonBody(createCorpusRequestSchema) },
        responses: { 201: jsonResponse('The corpus.', patentCorpusSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => c.json(await service.createCorpus(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/patent-corpora/{corpusId}/imports',
        tags,
        summary:
          'Import a patent file (USPTO grant XML, kpo JSON Lines or CSV: the request body, streamed) into an engagement corpus; importing it again changes nothing',
        request: {
          params: corpusParamsSchema,
          query: importQuerySchema,
          body: { content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } }, required: true },
        },
        responses: {
          201: jsonResponse('What was imported, replaced, left unchanged and refused (with why and where).', patentImportResultSchema),
          ...errorResponses,
        },
      }),
      policy: write,
      streamingBody: true,
    },
    async (c) => {
      const { id, corpusId } = c.req.valid('param');
      const body = c.req.raw.body;
      const content: AsyncIterable<Uint8Array> = body ?? (async function* () {})();
      return c.json(await service.importFile(c.get('ctx'), id, corpusId, c.req.valid('query'), content), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/patent-search',
        tags,
        summary: 'Search one corpus, or every corpus the engagement reads: ranked hits with highlighted passages',
        request: { params: idParams, body: jsonBody(patentSearchRequestSchema) },
        responses: {
          200: jsonResponse('The hits of this page, the total, and the words highlighted.', patentSearchResultSchema),
          ...errorResponses,
        },
      }),
      policy: read,
    },
    async (c) => c.json(await service.search(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/patents/{corpusId}/{number}',
        tags,
        summary: 'A patent: claims with their dependencies and elements, numbered paragraphs, codes, dates, parties, status, citations',
        request: { params: patentParamsSchema },
        responses: { 200: jsonResponse('The patent.', patentDocumentSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, corpusId, number } = c.req.valid('param');
      return c.json(await service.getPatent(c.get('ctx'), id, corpusId, number), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/patent-charts',
        tags,
        summary:
          'Chart a claim of a corpus patent against documents: its elements, and per element and document a suggested judgement with the passages it rests on (nothing is stored)',
        request: { params: idParams, body: jsonBody(patentChartRequestSchema) },
        responses: {
          200: jsonResponse('The chart with its suggestions, and where each document was found.', patentChartResultSchema),
          ...errorResponses,
        },
      }),
      policy: read,
    },
    async (c) => c.json(await service.chart(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/patent-searches',
        tags,
        summary: "The engagement's saved searches, most recently changed first",
        request: { params: idParams },
        responses: { 200: jsonResponse('Saved searches.', z.array(savedSearchSummarySchema)), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await service.listSavedSearches(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/patent-searches',
        tags,
        summary: 'Save a search (version 1): each step is run and its hits counted by the server',
        request: { params: idParams, body: jsonBody(createSavedSearchRequestSchema) },
        responses: { 201: jsonResponse('The saved search with its steps and counts.', savedSearchSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => c.json(await service.createSavedSearch(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/patent-searches/{searchId}',
        tags,
        summary: 'A saved search: its steps, formulas and counts (the latest version, or `version`)',
        request: { params: savedSearchParamsSchema, query: savedSearchQuerySchema },
        responses: { 200: jsonResponse('The saved search.', savedSearchSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, searchId } = c.req.valid('param');
      return c.json(await service.getSavedSearch(c.get('ctx'), id, searchId, c.req.valid('query').version), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/patent-searches/{searchId}/versions',
        tags,
        summary: 'Save a new version with these steps, all counted again; 409 when someone saved one since `baseVersion`',
        request: { params: savedSearchParamsSchema, body: jsonBody(saveSearchVersionRequestSchema) },
        responses: { 201: jsonResponse('The saved search with the new version.', savedSearchSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { id, searchId } = c.req.valid('param');
      return c.json(await service.saveSearchVersion(c.get('ctx'), id, searchId, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/patent-searches/{searchId}/steps',
        tags,
        summary: 'Add a step at the end (a new version); the earlier steps keep their counts; 409 on a stale `baseVersion`',
        request: { params: savedSearchParamsSchema, body: jsonBody(addSearchStepRequestSchema) },
        responses: { 201: jsonResponse('The saved search with the new version.', savedSearchSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { id, searchId } = c.req.valid('param');
      return c.json(await service.addSearchStep(c.get('ctx'), id, searchId, c.req.valid('json')), 201);
    },
  );
}
