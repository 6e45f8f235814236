import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  bulkApproveRequestSchema,
  bulkApproveResultSchema,
  engagementTimeQuerySchema,
  engagementTimeSchema,
  hiddenCostSchema,
  importResultSchema,
  internalRatesRequestSchema,
  internalRatesSchema,
  loadQuerySchema,
  loadViewSchema,
  overtimeAgreementRequestSchema,
  overtimeAgreementSchema,
  pendingTimesheetsSchema,
  providerHiddenCostSchema,
  suggestionAcceptSchema,
  suggestionDismissSchema,
  timeEntryInputSchema,
  timeEntryViewSchema,
  timeImportRequestSchema,
  timeSuggestionsSchema,
  timesheetActionSchema,
  timesheetParamsSchema,
  timesheetViewSchema,
} from '../../shared/contracts/time.js';
import type { AppEnv } from '../env.js';
import { errorResponses, jsonBody, jsonResponse, memberParams, orgParams } from '../openapi.js';
import type { RouteBuilder } from '../route.js';
import { engagementInPath } from './engagements.js';

const idParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }) });
const tags = ['time'];

/** The person in the path (`{orgId}`, `{userId}`) whose time, load or capacity a route reaches: the policy's `person_time`. */
export const personTimeInPath = (c: Context<AppEnv>) => ({
  type: 'person_time' as const,
  orgId: c.req.param('orgId') ?? '',
  userId: c.req.param('userId') ?? '',
});

/**
 * Time (issue #14; decision 0011): entries on an engagement, a person's weeks and load, a
 * provider's overtime agreement, a client's internal rates and hidden cost. A provider person's
 * hours and load never reach a client: the client sees its own people and the team's total.
 */
export function timeRoutes(route: RouteBuilder, rt: Runtime) {
  const { time } = rt.services;
  const engagement = engagementInPath(rt);
  const org = (c: Context<AppEnv>) => ({ type: 'organization' as const, orgId: c.req.param('orgId') ?? '' });
  const person = personTimeInPath;
  const weekPath = '/api/organizations/{orgId}/people/{userId}/timesheets/{week}';

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/time-entries',
        tags,
        summary:
          'Log time on the engagement: one’s own, or (an approver) a colleague’s; in an approved week only a correction with a reason (audited)',
        request: { params: idParams, body: jsonBody(timeEntryInputSchema) },
        responses: { 201: jsonResponse('The entry.', timeEntryViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'time.log', resource: engagement },
    },
    async (c) => c.json(await time.logEntry(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/time-entries/import',
        tags,
        summary:
          'Import entries from CSV (date, category, minutes; note, milestone_id, user_id, correction_reason): all or, with every bad line listed, none',
        request: { params: idParams, body: jsonBody(timeImportRequestSchema) },
        responses: { 201: jsonResponse('The entries imported.', importResultSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'time.log', resource: engagement },
    },
    async (c) => c.json(await time.importEntries(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').csv), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/time-entries',
        tags,
        summary:
          "The engagement's time the caller may see: their side's entries (a provider analyst's own), and for the client the provider team's total when the SOW bills by time",
        request: { params: idParams, query: engagementTimeQuerySchema },
        responses: { 200: jsonResponse('The entries.', engagementTimeSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'time.read', resource: engagement },
    },
    async (c) => c.json(await time.engagementTime(c.get('ctx'), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/hidden-cost',
        tags,
        summary:
          "The client's hidden cost: its people's hours by category and month at its internal rates, and the ratio to the SOW's fee (client only)",
        request: { params: idParams },
        responses: { 200: jsonResponse('The figures.', hiddenCostSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'time.hidden_cost', resource: engagement },
    },
    async (c) => c.json(await time.hiddenCost(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: weekPath,
        tags,
        summary: "A person's week (Monday to Sunday): entries, daily totals, status (the person, their organisation's approvers)",
        request: { params: timesheetParamsSchema },
        responses: { 200: jsonResponse('The week.', timesheetViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'timesheet.read', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await time.timesheet(c.get('ctx'), p.orgId, p.userId, p.week), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/people/{userId}/time-suggestions/{week}',
        tags,
        summary:
          'Suggested entries for one’s own week, derived from one’s acts in kpo (questions, reviews, submissions, approvals, updates), each with how it was derived (the person only)',
        request: { params: timesheetParamsSchema },
        responses: { 200: jsonResponse('The suggestions.', timeSuggestionsSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'time.suggestions', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await time.suggestions(c.get('ctx'), p.orgId, p.userId, p.week), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/time-suggestions/accept',
        tags,
        summary:
          'Accept one’s suggestion for a day and category, with its minutes or changed ones: a normal entry through the entry rules (audited with the minutes suggested)',
        request: { params: idParams, body: jsonBody(suggestionAcceptSchema) },
        responses: { 201: jsonResponse('The entry.', timeEntryViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'time.log', resource: engagement },
    },
    async (c) => c.json(await time.acceptSuggestion(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/time-suggestions/dismiss',
        tags,
        summary: 'Dismiss one’s suggestion for a day and category: it does not come back (audited)',
        request: { params: idParams, body: jsonBody(suggestionDismissSchema) },
        responses: { 200: jsonResponse('Whether it was dismissed now.', z.object({ dismissed: z.boolean() })), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'time.log', resource: engagement },
    },
    async (c) => c.json(await time.dismissSuggestion(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/timesheets',
        tags,
        summary: "The organisation's submitted weeks waiting for approval (its approvers; never one's own week)",
        request: { params: orgParams },
        responses: { 200: jsonResponse('The weeks.', pendingTimesheetsSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'timesheet.queue', resource: org },
    },
    async (c) => c.json(await time.pendingTimesheets(c.get('ctx'), c.req.valid('param').orgId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/organizations/{orgId}/timesheets/approve',
        tags,
        summary:
          'Approve several submitted weeks in one action: all of them (each audited) or, with every problem listed, none; weeks already approved are reported and left alone',
        request: { params: orgParams, body: jsonBody(bulkApproveRequestSchema) },
        responses: { 200: jsonResponse('What was approved.', bulkApproveResultSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'timesheet.bulk_approve', resource: org },
    },
    async (c) => c.json(await time.approveMany(c.get('ctx'), c.req.valid('param').orgId, c.req.valid('json')), 200),
  );

  const moves = [
    ['submit', 'timesheet.submit', 'Submit the week for approval (audited)'],
    ['approve', 'timesheet.approve', 'Approve a submitted week, which locks it (an approver other than the person; audited)'],
    ['return', 'timesheet.approve', 'Send a submitted week back with a note (an approver other than the person; audited)'],
  ] as const;
  for (const [move, action, summary] of moves) {
    route(
      {
        route: createRoute({
          method: 'post',
          path: `${weekPath}/${move}`,
          tags,
          summary,
          request: { params: timesheetParamsSchema, body: jsonBody(timesheetActionSchema) },
          responses: { 200: jsonResponse('The week.', timesheetViewSchema), ...errorResponses },
        }),
        policy: { kind: 'action', action, resource: person },
      },
      async (c) => {
        const p = c.req.valid('param');
        const body = c.req.valid('json');
        const ctx = c.get('ctx');
        const view =
          move === 'submit'
            ? await time.submit(ctx, p.orgId, p.userId, p.week, body)
            : move === 'approve'
              ? await time.approve(ctx, p.orgId, p.userId, p.week, body)
              : await time.sendBack(ctx, p.orgId, p.userId, p.week, body);
        return c.json(view, 200);
      },
    );
  }

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/people/{userId}/load',
        tags,
        summary:
          "A provider person's load: hours, overtime and holiday work per month, and the limits of the 36 agreement broken or near (the person, the provider's managers; never a client)",
        request: { params: memberParams, query: loadQuerySchema },
        responses: { 200: jsonResponse('The load.', loadViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'load.read', resource: person },
    },
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await time.load(c.get('ctx'), p.orgId, p.userId, c.req.valid('query')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/overtime-agreement',
        tags,
        summary: "The provider's 36 agreement as kpo applies it (the defaults until its admin saves one)",
        request: { params: orgParams },
        responses: { 200: jsonResponse('The agreement.', overtimeAgreementSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'overtime.read', resource: org },
    },
    async (c) => c.json(await time.agreement(c.get('ctx'), c.req.valid('param').orgId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/organizations/{orgId}/overtime-agreement',
        tags,
        summary: "Save the provider's 36 agreement: limits, special clause, contracted hours, the year's first month (its admin; audited)",
        request: { params: orgParams, body: jsonBody(overtimeAgreementRequestSchema) },
        responses: { 200: jsonResponse('The agreement as saved.', overtimeAgreementSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'overtime.configure', resource: org },
    },
    async (c) => c.json(await time.saveAgreement(c.get('ctx'), c.req.valid('param').orgId, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/internal-rates',
        tags,
        summary: "The client's internal hourly rates per role, in yen (its admins and finance)",
        request: { params: orgParams },
        responses: { 200: jsonResponse('The rates.', internalRatesSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'rates.read', resource: org },
    },
    async (c) => c.json(await time.rates(c.get('ctx'), c.req.valid('param').orgId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/hidden-cost',
        tags,
        summary:
          "The client's hidden cost per provider and month: its people's hours at its internal rates against the approved SOWs' fees (its admins and finance)",
        request: { params: orgParams },
        responses: { 200: jsonResponse('The figures.', providerHiddenCostSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'hidden_cost.read', resource: org },
    },
    async (c) => c.json(await time.providerHiddenCost(c.get('ctx'), c.req.valid('param').orgId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/organizations/{orgId}/internal-rates',
        tags,
        summary: "Replace the client's internal hourly rates per role (its admins; audited)",
        request: { params: orgParams, body: jsonBody(internalRatesRequestSchema) },
        responses: { 200: jsonResponse('The rates as saved.', internalRatesSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'rates.manage', resource: org },
    },
    async (c) => c.json(await time.saveRates(c.get('ctx'), c.req.valid('param').orgId, c.req.valid('json')), 200),
  );
}
