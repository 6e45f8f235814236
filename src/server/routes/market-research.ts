import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  createSurveyRequestSchema,
  createWeightingRequestSchema,
  crosstabQuerySchema,
  dataQuerySchema,
  deckQuerySchema,
  frequenciesQuerySchema,
  saveSurveyVersionRequestSchema,
  scaleQuerySchema,
  surveyDetailSchema,
  surveyParamsSchema,
  surveyPreviewSchema,
  surveySourceSchema,
  surveySummarySchema,
  surveyVersionQuerySchema,
  weightingViewSchema,
} from '../../shared/contracts/market-research-api.js';
import { fileResponse } from '../file-response.js';
import { errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import type { RouteBuilder } from '../route.js';
import { engagementInPath } from './engagements.js';

const idParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }) });
const tags = ['market research'];

/** A table as the engine computes it (core/workbenches/market-research): counts, percents, tests, bases. */
const tableSchema = (id: string) =>
  z.object({ version: z.number().int(), kind: z.string().optional(), weighted: z.boolean().optional() }).loose().meta({ id });

/** The market-research workbench: survey datasets, their tables and weightings. */
export function marketResearchRoutes(route: RouteBuilder, rt: Runtime) {
  const surveys = rt.services.surveys;
  const engagement = engagementInPath(rt);
  const read = { kind: 'action', action: 'survey.read', resource: engagement } as const;
  const write = { kind: 'action', action: 'survey.write', resource: engagement } as const;

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/surveys',
        tags,
        summary: "The engagement's survey datasets with their latest version",
        request: { params: idParams },
        responses: { 200: jsonResponse('Datasets, most recently changed first.', z.array(surveySummarySchema)), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await surveys.list(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/surveys/preview',
        tags,
        summary: 'Read a response file from the vault and propose a codebook (nothing is stored)',
        request: { params: idParams, body: jsonBody(surveySourceSchema) },
        responses: { 200: jsonResponse('What kpo reads from the file.', surveyPreviewSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => c.json(await surveys.preview(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/surveys',
        tags,
        summary: 'Import a response file from the vault through a codebook (version 1)',
        request: { params: idParams, body: jsonBody(createSurveyRequestSchema) },
        responses: { 201: jsonResponse('The dataset.', surveyDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => c.json(await surveys.create(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/surveys/{surveyId}',
        tags,
        summary: 'A dataset: its versions, the codebook and weightings of one version',
        request: { params: surveyParamsSchema, query: surveyVersionQuerySchema },
        responses: { 200: jsonResponse('The dataset.', surveyDetailSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      return c.json(await surveys.get(c.get('ctx'), id, surveyId, c.req.valid('query').version), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/surveys/{surveyId}/versions',
        tags,
        summary: 'Save a new version (a corrected codebook or a new file); 409 when someone saved one since `baseVersion`',
        request: { params: surveyParamsSchema, body: jsonBody(saveSurveyVersionRequestSchema) },
        responses: { 201: jsonResponse('The dataset with the new version.', surveyDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      return c.json(await surveys.saveVersion(c.get('ctx'), id, surveyId, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/surveys/{surveyId}/weightings',
        tags,
        summary: 'Weight a version by raking to target margins; refused when it does not converge',
        request: { params: surveyParamsSchema, body: jsonBody(createWeightingRequestSchema) },
        responses: { 201: jsonResponse('The weighting and its report.', weightingViewSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      return c.json(await surveys.createWeighting(c.get('ctx'), id, surveyId, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/surveys/{surveyId}/frequencies',
        tags,
        summary: "One question's frequencies with bases (or a numeric summary)",
        request: { params: surveyParamsSchema, query: frequenciesQuerySchema },
        responses: { 200: jsonResponse('The frequencies.', tableSchema('SurveyFrequencies')), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      return c.json(await surveys.frequencies(c.get('ctx'), id, surveyId, c.req.valid('query')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/surveys/{surveyId}/crosstab',
        tags,
        summary: 'A crosstab (stub × banner) with chi-square, column tests and bases; a numeric stub gives means with t-tests',
        request: { params: surveyParamsSchema, query: crosstabQuerySchema },
        responses: { 200: jsonResponse('The table.', tableSchema('SurveyCrosstab')), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      return c.json(await surveys.crosstab(c.get('ctx'), id, surveyId, c.req.valid('query')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/surveys/{surveyId}/scales',
        tags,
        summary: "NPS or a Likert summary of one question; Cronbach's alpha of several Likert items",
        request: { params: surveyParamsSchema, query: scaleQuerySchema },
        responses: { 200: jsonResponse('The scale summary.', tableSchema('SurveyScale')), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      return c.json(await surveys.scales(c.get('ctx'), id, surveyId, c.req.valid('query')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/surveys/{surveyId}/deck.xlsx',
        tags,
        summary: 'A crosstab deck as .xlsx: every stub × every banner, a sheet per banner, with bases and significance letters (audited)',
        request: { params: surveyParamsSchema, query: deckQuerySchema },
        responses: {
          200: {
            description: 'The workbook.',
            content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } },
          },
          ...errorResponses,
        },
      }),
      policy: read,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      const { exportDeckXlsx } = await import('../../infra/exports/mr-xlsx.js');
      const file = await surveys.exportDeck(c.get('ctx'), id, surveyId, c.req.valid('query'), exportDeckXlsx);
      return fileResponse(file.bytes, file.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') as never;
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/surveys/{surveyId}/deck.pdf',
        tags,
        summary: 'A crosstab report as PDF: title page, tables with bases, percentages, significance letters and bar charts (audited)',
        request: { params: surveyParamsSchema, query: deckQuerySchema },
        responses: {
          200: { description: 'The report.', content: { 'application/pdf': { schema: z.string() } } },
          ...errorResponses,
        },
      }),
      policy: read,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      const { exportDeckPdf } = await import('../../infra/exports/mr-pdf.js');
      const file = await surveys.exportDeckPdf(c.get('ctx'), id, surveyId, c.req.valid('query'), exportDeckPdf);
      return fileResponse(file.bytes, file.fileName, 'application/pdf') as never;
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/surveys/{surveyId}/data.csv',
        tags,
        // The client owns the responses, so survey.read (which the client holds) is the right bar; the export is audited.
        summary: "The respondents as CSV: the codebook's columns and a weight column from the chosen weighting (audited)",
        request: { params: surveyParamsSchema, query: dataQuerySchema },
        responses: {
          200: { description: 'The data.', content: { 'text/csv': { schema: z.string() } } },
          ...errorResponses,
        },
      }),
      policy: read,
    },
    async (c) => {
      const { id, surveyId } = c.req.valid('param');
      const query = c.req.valid('query');
      const { toCsv } = await import('../../infra/files/csv-writer.js');
      const { encodeShiftJis } = await import('../../infra/files/shift-jis.js');
      const file = await surveys.exportData(c.get('ctx'), id, surveyId, query, (header, rows) => {
        const text = toCsv(header, rows);
        return query.encoding === 'shift_jis' ? encodeShiftJis(text) : new TextEncoder().encode(`\uFEFF${text}`);
      });
      const charset = query.encoding === 'shift_jis' ? 'Shift_JIS' : 'utf-8';
      return fileResponse(file.bytes, file.fileName, `text/csv; charset=${charset}`) as never;
    },
  );
}
