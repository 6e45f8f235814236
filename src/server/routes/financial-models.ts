import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  analysisQuerySchema,
  analyzeDraftRequestSchema,
  compareQuerySchema,
  createModelCommentRequestSchema,
  createModelRequestSchema,
  exportQuerySchema,
  importFileSchema,
  importHistoricalsRequestSchema,
  importHistoricalsResultSchema,
  importPreviewSchema,
  modelAnalysisSchema,
  modelCommentSchema,
  modelDetailSchema,
  modelParamsSchema,
  modelSummarySchema,
  modelVersionSchema,
  saveVersionRequestSchema,
  shareVersionRequestSchema,
  valueBridgeViewSchema,
  versionParamsSchema,
} from '../../shared/contracts/financial-model-api.js';
import { fileResponse } from '../file-response.js';
import { errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import type { RouteBuilder } from '../route.js';
import { engagementInPath } from './engagements.js';

const idParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }) });
const tags = ['financial models'];

/** The financial-modeling workbench: models kept on an engagement, their versions, analyses, comparisons and exports. */
export function financialModelRoutes(route: RouteBuilder, rt: Runtime) {
  const models = rt.services.financialModels;

  const engagement = engagementInPath(rt);
  const read = { kind: 'action', action: 'model.read', resource: engagement } as const;
  const write = { kind: 'action', action: 'model.write', resource: engagement } as const;
  const exporting = { kind: 'action', action: 'model.export', resource: engagement } as const;
  const sharing = { kind: 'action', action: 'model.share', resource: engagement } as const;
  const commenting = { kind: 'action', action: 'model.comment', resource: engagement } as const;

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/models',
        tags,
        summary: "The engagement's financial models with their latest version",
        request: { params: idParams },
        responses: { 200: jsonResponse('Models, most recently saved first.', z.array(modelSummarySchema)), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await models.list(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/models',
        tags,
        summary: 'Create a model from a model document (version 1)',
        request: { params: idParams, body: jsonBody(createModelRequestSchema) },
        responses: { 201: jsonResponse('The model.', modelDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => c.json(await models.create(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/models/{modelId}',
        tags,
        summary: 'A model and its versions',
        request: { params: modelParamsSchema },
        responses: { 200: jsonResponse('The model, versions newest first.', modelDetailSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, modelId } = c.req.valid('param');
      return c.json(await models.get(c.get('ctx'), id, modelId), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/models/{modelId}/versions',
        tags,
        summary: 'Save a new version; 409 when someone saved one since `baseVersion`',
        request: { params: modelParamsSchema, body: jsonBody(saveVersionRequestSchema) },
        responses: { 201: jsonResponse('The model with the new version.', modelDetailSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { id, modelId } = c.req.valid('param');
      return c.json(await models.saveVersion(c.get('ctx'), id, modelId, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/models/{modelId}/versions/{version}',
        tags,
        summary: 'One saved version with its document',
        request: { params: versionParamsSchema },
        responses: { 200: jsonResponse('The version.', modelVersionSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, modelId, version } = c.req.valid('param');
      return c.json(await models.version(c.get('ctx'), id, modelId, version), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/models/{modelId}/versions/{version}/share',
        tags,
        summary:
          'Share a draft version with the client (a version whose checks fail needs the reason); sharing a shared one changes nothing',
        request: { params: versionParamsSchema, body: jsonBody(shareVersionRequestSchema) },
        responses: { 200: jsonResponse('The model.', modelDetailSchema), ...errorResponses },
      }),
      policy: sharing,
    },
    async (c) => {
      const { id, modelId, version } = c.req.valid('param');
      return c.json(await models.share(c.get('ctx'), id, modelId, version, c.req.valid('json')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/models/{modelId}/versions/{version}/comments',
        tags,
        summary: 'Comments on a version, oldest first',
        request: { params: versionParamsSchema },
        responses: { 200: jsonResponse('The comments.', z.array(modelCommentSchema)), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, modelId, version } = c.req.valid('param');
      return c.json(await models.comments(c.get('ctx'), id, modelId, version), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/models/{modelId}/versions/{version}/comments',
        tags,
        summary: "Comment on a shared version; the other side's team is told",
        request: { params: versionParamsSchema, body: jsonBody(createModelCommentRequestSchema) },
        responses: { 201: jsonResponse("The version's comments, oldest first.", z.array(modelCommentSchema)), ...errorResponses },
      }),
      policy: commenting,
    },
    async (c) => {
      const { id, modelId, version } = c.req.valid('param');
      return c.json(await models.comment(c.get('ctx'), id, modelId, version, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/models/{modelId}/versions/{version}/analysis',
        tags,
        summary: 'Valuation, scenarios, sensitivity grid, football field and checks of a saved version',
        request: { params: versionParamsSchema, query: analysisQuerySchema },
        responses: { 200: jsonResponse('The analysis.', modelAnalysisSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, modelId, version } = c.req.valid('param');
      const { scenario, x, y, steps } = c.req.valid('query');
      const sensitivity = x && y ? { x, y, ...(steps === undefined ? {} : { steps }) } : undefined;
      return c.json(await models.analyzeVersion(c.get('ctx'), id, modelId, version, { scenario, sensitivity }), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/models/{modelId}/analysis',
        tags,
        summary: 'Analyse a draft from the editor without saving it (live outputs, what-ifs)',
        request: { params: modelParamsSchema, body: jsonBody(analyzeDraftRequestSchema) },
        responses: { 200: jsonResponse('The analysis.', modelAnalysisSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, modelId } = c.req.valid('param');
      return c.json(await models.analyzeDraft(c.get('ctx'), id, modelId, c.req.valid('json')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/models/{modelId}/compare',
        tags,
        summary: 'Which inputs changed between two versions and what each did to the value (value bridge)',
        request: { params: modelParamsSchema, query: compareQuerySchema },
        responses: { 200: jsonResponse('The value bridge.', valueBridgeViewSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, modelId } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      return c.json(await models.compare(c.get('ctx'), id, modelId, from, to), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/models/{modelId}/versions/{version}/export.xlsx',
        tags,
        summary: 'The version as an .xlsx workbook with live formulas (audited)',
        request: { params: versionParamsSchema, query: exportQuerySchema },
        responses: {
          200: {
            description: 'The workbook.',
            content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } },
          },
          ...errorResponses,
        },
      }),
      policy: exporting,
    },
    async (c) => {
      const { id, modelId, version } = c.req.valid('param');
      const { exportFmXlsx } = await import('../../infra/exports/fm-xlsx.js');
      const file = await models.export(
        c.get('ctx'),
        id,
        modelId,
        version,
        'xlsx',
        c.req.valid('query'),
        async (m) => (await exportFmXlsx(m)).bytes,
      );
      return fileResponse(file.bytes, file.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') as never;
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/models/{modelId}/versions/{version}/summary.pdf',
        tags,
        summary: 'A PDF valuation summary with the football field (audited)',
        request: { params: versionParamsSchema, query: exportQuerySchema },
        responses: { 200: { description: 'The PDF.', content: { 'application/pdf': { schema: z.string() } } }, ...errorResponses },
      }),
      policy: exporting,
    },
    async (c) => {
      const { id, modelId, version } = c.req.valid('param');
      const { exportFmPdf } = await import('../../infra/exports/fm-pdf.js');
      const file = await models.export(c.get('ctx'), id, modelId, version, 'pdf', c.req.valid('query'), exportFmPdf);
      return fileResponse(file.bytes, file.fileName, 'application/pdf') as never;
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/model-imports/preview',
        tags,
        summary: 'Import historicals, step 1: read a .csv or .xlsx statement table and suggest a column mapping',
        request: { params: idParams, body: jsonBody(importFileSchema) },
        responses: { 200: jsonResponse('The table as read and the suggested mapping.', importPreviewSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => c.json(await models.importPreview(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/model-imports/historicals',
        tags,
        summary: 'Import historicals, step 2: apply the corrected mapping; every unreadable cell is listed',
        request: { params: idParams, body: jsonBody(importHistoricalsRequestSchema) },
        responses: { 200: jsonResponse('The historical years.', importHistoricalsResultSchema), ...errorResponses },
      }),
      policy: write,
    },
    async (c) => {
      const { mapping, ...file } = c.req.valid('json');
      return c.json(await models.importHistoricals(c.get('ctx'), c.req.valid('param').id, file, mapping), 200);
    },
  );
}
