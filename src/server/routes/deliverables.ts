import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  agreementSchema,
  calibrationRoundSchema,
  calibrationRoundSummarySchema,
  calibrationScoreRequestSchema,
  createCalibrationRoundSchema,
  createDeliverableRequestSchema,
  decideVersionRequestSchema,
  deliverableCheckReportSchema,
  deliverableDetailSchema,
  deliverableSchema,
  goldItemSchema,
  plantGoldRequestSchema,
  qualitySettingsInputSchema,
  reviewerDriftSchema,
  reviewQueueSchema,
  rubricInputSchema,
  rubricSchema,
  submitReviewRequestSchema,
  submitVersionRequestSchema,
} from '../../shared/contracts/deliverables.js';
import { fileResponse } from '../file-response.js';
import { errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import type { RouteBuilder } from '../route.js';
import { engagementInPath } from './engagements.js';

const uuid = () => z.uuid({ message: 'Must be a UUID.' });
const idParams = z.strictObject({ id: uuid() });
const deliverableParams = z.strictObject({ id: uuid(), deliverableId: uuid() });
const versionParams = deliverableParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });
const rubricParams = z.strictObject({ id: uuid(), rubricId: uuid(), version: z.coerce.number().int().min(1).max(1_000_000) });
const tags = ['deliverables'];
const goldParams = z.strictObject({ id: uuid(), goldId: uuid() });
const roundParams = z.strictObject({ roundId: uuid() });

const qualitySettingsSchema = qualitySettingsInputSchema.extend({ version: z.number().int() }).meta({ id: 'QualitySettings' });
const saveSettingsSchema = qualitySettingsInputSchema.extend({ version: z.number().int().min(0) }).meta({ id: 'SaveQualitySettings' });

/**
 * Deliverables and their review (issue #10): versions with the automated checks, blind rubric
 * reviews by the client's reviewers, the lead's decision, agreement, the review queue, rubric templates.
 */
export function deliverableRoutes(route: RouteBuilder, rt: Runtime) {
  const deliverables = rt.services.deliverables;
  const engagement = engagementInPath(rt);
  const read = { kind: 'action', action: 'deliverable.read', resource: engagement } as const;
  const submit = { kind: 'action', action: 'deliverable.submit', resource: engagement } as const;
  const ownOrg = (_c: unknown, auth: { actor: { kind: string; orgId?: string } }) => ({
    type: 'organization' as const,
    orgId: auth.actor.kind === 'user' ? (auth.actor.orgId ?? '') : '',
  });

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/deliverables',
        tags,
        summary: "The engagement's deliverables with what the caller may do to each",
        request: { params: idParams },
        responses: { 200: jsonResponse('The deliverables.', z.array(deliverableSchema)), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await deliverables.list(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/deliverables',
        tags,
        summary: 'Add a deliverable to a milestone (the provider team)',
        request: { params: idParams, body: jsonBody(createDeliverableRequestSchema) },
        responses: { 201: jsonResponse('The deliverable.', deliverableDetailSchema), ...errorResponses },
      }),
      policy: submit,
    },
    async (c) => c.json(await deliverables.create(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/deliverables/{deliverableId}',
        tags,
        summary: 'A deliverable with its versions, checks and the reviews the caller may see',
        request: { params: deliverableParams },
        responses: { 200: jsonResponse('The deliverable.', deliverableDetailSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, deliverableId } = c.req.valid('param');
      return c.json(await deliverables.get(c.get('ctx'), id, deliverableId), 200);
    },
  );

  const reportQuery = z.strictObject({ lang: z.enum(['ja', 'en']).optional() });
  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/deliverables/{deliverableId}/versions/{version}/patent-report.pdf',
        tags,
        summary:
          'A patent search report as PDF, in the structure of a Japanese search report (lang: ja or en; default the report’s; audited)',
        request: { params: versionParams, query: reportQuery },
        responses: { 200: { description: 'The report.', content: { 'application/pdf': { schema: z.string() } } }, ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, deliverableId, version } = c.req.valid('param');
      const { exportPatentReportPdf } = await import('../../infra/exports/ip-pdf.js');
      const lang = c.req.valid('query').lang;
      const file = await deliverables.exportPatentReport(c.get('ctx'), id, deliverableId, version, 'pdf', (content) =>
        exportPatentReportPdf(content, lang),
      );
      return fileResponse(file.bytes, file.fileName, 'application/pdf') as never;
    },
  );
  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/deliverables/{deliverableId}/versions/{version}/patent-report.xlsx',
        tags,
        summary: 'The tables of a patent search report as .xlsx: search steps, ranked results, claim charts (audited)',
        request: { params: versionParams, query: reportQuery },
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
      const { id, deliverableId, version } = c.req.valid('param');
      const { exportPatentReportXlsx } = await import('../../infra/exports/ip-xlsx.js');
      const lang = c.req.valid('query').lang;
      const file = await deliverables.exportPatentReport(c.get('ctx'), id, deliverableId, version, 'xlsx', (content) =>
        exportPatentReportXlsx(content, lang),
      );
      return fileResponse(file.bytes, file.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') as never;
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/deliverables/{deliverableId}/check',
        tags,
        summary: 'Run the automated checks on a draft submission without submitting it',
        request: { params: deliverableParams, body: jsonBody(submitVersionRequestSchema) },
        responses: { 200: jsonResponse('The checks report.', deliverableCheckReportSchema), ...errorResponses },
      }),
      policy: submit,
    },
    async (c) => {
      const { id, deliverableId } = c.req.valid('param');
      return c.json(await deliverables.preview(c.get('ctx'), id, deliverableId, c.req.valid('json')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/deliverables/{deliverableId}/versions',
        tags,
        summary: 'Submit a new version: its content, its vault files; the checks run and are stored with it',
        request: { params: deliverableParams, body: jsonBody(submitVersionRequestSchema) },
        responses: { 201: jsonResponse('The deliverable with its new version.', deliverableDetailSchema), ...errorResponses },
      }),
      policy: submit,
    },
    async (c) => {
      const { id, deliverableId } = c.req.valid('param');
      return c.json(await deliverables.submit(c.get('ctx'), id, deliverableId, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/deliverables/{deliverableId}/versions/{version}/reviews',
        tags,
        summary: "A client reviewer's scores, recommendation and anchored comments on a version (once, blind)",
        request: { params: versionParams, body: jsonBody(submitReviewRequestSchema) },
        responses: { 201: jsonResponse('The deliverable.', deliverableDetailSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'deliverable.review', resource: engagement },
    },
    async (c) => {
      const { id, deliverableId, version } = c.req.valid('param');
      return c.json(await deliverables.review(c.get('ctx'), id, deliverableId, version, c.req.valid('json')), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/deliverables/{deliverableId}/versions/{version}/decision',
        tags,
        summary: "The client lead's decision on a version: accept, accept with fixes, or rework",
        request: { params: versionParams, body: jsonBody(decideVersionRequestSchema) },
        responses: { 200: jsonResponse('The deliverable.', deliverableDetailSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'deliverable.decide', resource: engagement },
    },
    async (c) => {
      const { id, deliverableId, version } = c.req.valid('param');
      return c.json(await deliverables.decide(c.get('ctx'), id, deliverableId, version, c.req.valid('json')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/quality',
        tags,
        summary: "The engagement's quality settings: reviewers per submission, blind review, required sections, glossary",
        request: { params: idParams },
        responses: { 200: jsonResponse('The settings.', qualitySettingsSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await deliverables.settings(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/engagements/{id}/quality',
        tags,
        summary: "Save the engagement's quality settings (the client's lead)",
        request: { params: idParams, body: jsonBody(saveSettingsSchema) },
        responses: { 200: jsonResponse('The settings.', qualitySettingsSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'quality.configure', resource: engagement },
    },
    async (c) => c.json(await deliverables.saveSettings(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/rubric',
        tags,
        summary: 'The rubric new submissions on this engagement are reviewed against',
        request: { params: idParams },
        responses: { 200: jsonResponse('The rubric.', rubricSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => c.json(await deliverables.rubricFor(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/rubrics/{rubricId}/versions/{version}',
        tags,
        summary: 'The rubric version a deliverable version was reviewed against',
        request: { params: rubricParams },
        responses: { 200: jsonResponse('The rubric.', rubricSchema), ...errorResponses },
      }),
      policy: read,
    },
    async (c) => {
      const { id, rubricId, version } = c.req.valid('param');
      return c.json(await deliverables.rubricVersion(c.get('ctx'), id, rubricId, version), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/agreement',
        tags,
        summary: "Krippendorff's alpha between the engagement's reviewers: per deliverable and per pair (the client's side)",
        request: { params: idParams },
        responses: { 200: jsonResponse('The agreement.', agreementSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'quality.read_reviews', resource: engagement },
    },
    async (c) => c.json(await deliverables.agreement(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/reviews/queue',
        tags,
        summary: 'Versions awaiting a decision on the caller’s engagements, most disagreement first',
        responses: { 200: jsonResponse('The queue.', reviewQueueSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'review.queue', resource: ownOrg },
    },
    async (c) => c.json(await deliverables.queue(c.get('ctx')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/rubrics',
        tags,
        summary: "The client organisation's rubric templates (every version), and kpo's for types it has none of",
        responses: { 200: jsonResponse('The rubrics.', z.array(rubricSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'rubric.read', resource: ownOrg },
    },
    async (c) => c.json(await deliverables.rubrics(c.get('ctx')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/rubrics',
        tags,
        summary: "Save a new version of the organisation's rubric for an engagement type (client admins)",
        request: { body: jsonBody(rubricInputSchema) },
        responses: { 201: jsonResponse('The rubric version.', rubricSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'rubric.manage', resource: ownOrg },
    },
    async (c) => c.json(await deliverables.saveRubric(c.get('ctx'), c.req.valid('json')), 201),
  );

  // ---------- gold checks (the client's; no provider standing has a rule for them) ----------

  const gold = rt.services.gold;
  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/gold',
        tags,
        summary: 'The gold checks planted in the engagement, with whether each version caught them (the client’s side only)',
        request: { params: idParams },
        responses: { 200: jsonResponse('The gold items.', z.array(goldItemSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'gold.read', resource: engagement },
    },
    async (c) => c.json(await gold.list(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/gold',
        tags,
        summary: 'Plant a gold check: a known answer the deliverables should catch (versions already in are scored at once)',
        request: { params: idParams, body: jsonBody(plantGoldRequestSchema) },
        responses: { 201: jsonResponse('The gold item.', goldItemSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'gold.manage', resource: engagement },
    },
    async (c) => c.json(await gold.plant(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/gold/{goldId}/withdraw',
        tags,
        summary: 'Withdraw a gold check: it no longer scores versions or counts on the scorecard',
        request: { params: goldParams },
        responses: { 200: jsonResponse('The gold item.', goldItemSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'gold.manage', resource: engagement },
    },
    async (c) => {
      const { id, goldId } = c.req.valid('param');
      return c.json(await gold.withdraw(c.get('ctx'), id, goldId), 200);
    },
  );

  // ---------- calibration (a client organisation's reviewers) ----------

  const calibration = rt.services.calibration;
  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/calibration/rounds',
        tags,
        summary: 'Calibration rounds the caller takes part in (every round, for a client administrator)',
        responses: { 200: jsonResponse('The rounds.', z.array(calibrationRoundSummarySchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'calibration.read', resource: ownOrg },
    },
    async (c) => c.json(await calibration.list(c.get('ctx')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/calibration/rounds',
        tags,
        summary: 'Start a calibration round on a version of one of the organisation’s deliverables (client administrators)',
        request: { body: jsonBody(createCalibrationRoundSchema) },
        responses: { 201: jsonResponse('The round.', calibrationRoundSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'calibration.manage', resource: ownOrg },
    },
    async (c) => c.json(await calibration.create(c.get('ctx'), c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/calibration/rounds/{roundId}',
        tags,
        summary: 'A calibration round: the reference, the rubric, and — once the caller has scored — the consensus and their deviation',
        request: { params: roundParams },
        responses: { 200: jsonResponse('The round.', calibrationRoundSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'calibration.read', resource: ownOrg },
    },
    async (c) => c.json(await calibration.get(c.get('ctx'), c.req.valid('param').roundId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/calibration/rounds/{roundId}/scores',
        tags,
        summary: 'Score the reference of a calibration round (once per participant)',
        request: { params: roundParams, body: jsonBody(calibrationScoreRequestSchema) },
        responses: { 201: jsonResponse('The round.', calibrationRoundSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'calibration.score', resource: ownOrg },
    },
    async (c) => c.json(await calibration.score(c.get('ctx'), c.req.valid('param').roundId, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/calibration/drift',
        tags,
        summary:
          'Who drifts: each reviewer’s deviation over calibration rounds and against co-reviewers on live reviews (client administrators)',
        responses: { 200: jsonResponse('The reviewers.', z.array(reviewerDriftSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'calibration.manage', resource: ownOrg },
    },
    async (c) => c.json(await calibration.drift(c.get('ctx')), 200),
  );
}
