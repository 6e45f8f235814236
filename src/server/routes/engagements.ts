import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { standingOn } from '../../core/access/engagement-rules.js';
import type { Resource } from '../../core/access/policy.js';
import type { Authenticated } from '../../core/identity/auth.js';
import type { Runtime } from '../../runtime.js';
import { loadEffectSchema } from '../../shared/contracts/capacity.js';
import {
  answerRequestSchema,
  approveSowRequestSchema,
  askQuestionRequestSchema,
  assignTeamRequestSchema,
  awardRequestSchema,
  changeRequestViewSchema,
  controlFiguresSchema,
  createEngagementRequestSchema,
  decideChangeRequestSchema,
  engagementListQuerySchema,
  engagementListSchema,
  engagementPageSchema,
  engagementViewSchema,
  inviteProvidersRequestSchema,
  milestoneDecisionRequestSchema,
  milestoneProgressRequestSchema,
  milestoneViewSchema,
  orgRefSchema,
  proposalStepRequestSchema,
  proposalViewSchema,
  proposeChangeRequestSchema,
  providerScorecardSchema,
  questionViewSchema,
  reviseSowRequestSchema,
  sowSchema,
  statusUpdateInputSchema,
  statusUpdateViewSchema,
  transitionRequestSchema,
  updateBriefRequestSchema,
} from '../../shared/contracts/engagements.js';
import { providerProposalViewSchema, saveProposalWithStaffingRequestSchema } from '../../shared/contracts/staffing.js';
import { AppError } from '../../shared/errors.js';
import type { AppEnv } from '../env.js';
import { errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import type { RouteBuilder } from '../route.js';

const uuid = () => z.uuid({ message: 'Must be a UUID.' });
const idParams = z.strictObject({ id: uuid() });
const memberParams = z.strictObject({ id: uuid(), userId: uuid() });
const milestoneParams = z.strictObject({ id: uuid(), milestoneId: uuid() });
const questionParams = z.strictObject({ id: uuid(), questionId: uuid() });
const changeParams = z.strictObject({ id: uuid(), changeId: uuid() });

/** The engagement in the path (`{id}`) as a policy resource; someone with no standing on it is told it does not exist. */
export function engagementInPath(rt: Runtime) {
  return async (c: Context<AppEnv>, auth: Authenticated): Promise<Resource> => {
    const id = c.req.param('id') ?? '';
    // A GET reads the whole engagement here, and the service takes this read as its own
    // (engagementToRead); a change reads it again in its transaction, under the row lock.
    const read = c.req.method === 'GET' ? await rt.store.read.engagements.withFacts(id, false) : undefined;
    const facts = read === undefined ? await rt.store.read.engagements.facts(id) : read?.facts;
    if (!facts || standingOn(auth.actor, facts) === null)
      throw new AppError('not_found', 'No such engagement.', { reason: 'engagement_not_found' });
    if (read) c.set('engagementRead', read);
    return { type: 'engagement', facts };
  };
}

export function engagementRoutes(route: RouteBuilder, rt: Runtime) {
  const { engagements } = rt.services;
  const { proposals, sow, work, oversight } = engagements;

  const engagement = engagementInPath(rt);
  const ownOrg = (_c: Context<AppEnv>, auth: Authenticated): Resource => ({ type: 'engagements', orgId: auth.actor.orgId });
  const tags = ['engagements'];

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements',
        tags,
        summary: 'Engagements you may see, filtered by status, type, provider, risk flags and text',
        request: { query: engagementListQuerySchema },
        responses: { 200: jsonResponse('A page of engagements, newest activity first.', engagementListSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'engagement.list', resource: ownOrg },
    },
    async (c) => c.json(await engagements.list(c.get('ctx'), c.req.valid('query')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements',
        tags,
        summary: 'Write a brief (a new engagement in draft)',
        request: { body: jsonBody(createEngagementRequestSchema) },
        responses: { 201: jsonResponse('The engagement.', engagementViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'engagement.create', resource: ownOrg },
    },
    async (c) => c.json(await engagements.create(c.get('ctx'), c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/providers',
        tags,
        summary: 'Provider organisations a client can invite to propose',
        responses: { 200: jsonResponse('Providers by name.', z.array(orgRefSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'provider.directory', resource: ownOrg },
    },
    async (c) => c.json(await engagements.providerDirectory(c.get('ctx')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/providers/scorecards',
        tags,
        summary: "Providers' records: SLA breaches, responsiveness, review turnaround, schedule variance",
        responses: { 200: jsonResponse('One card per provider.', z.array(providerScorecardSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'scorecard.read', resource: ownOrg },
    },
    async (c) => c.json(await oversight.scorecards(c.get('ctx')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}',
        tags,
        summary: 'One engagement as you may see it (a provider sees the code name)',
        request: { params: idParams },
        responses: {
          200: jsonResponse('The engagement, or for a provider whose bid is over, how it ended.', engagementPageSchema),
          ...errorResponses,
        },
      }),
      policy: { kind: 'action', action: 'engagement.read', resource: engagement },
    },
    async (c) => c.json(await engagements.get(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'patch',
        path: '/api/engagements/{id}',
        tags,
        summary: 'Edit the brief (before the award; `version` guards against concurrent edits)',
        request: { params: idParams, body: jsonBody(updateBriefRequestSchema) },
        responses: { 200: jsonResponse('The engagement.', engagementViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'engagement.edit_brief', resource: engagement },
    },
    async (c) => c.json(await engagements.updateBrief(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/providers',
        tags,
        summary: 'Invite providers to propose',
        request: { params: idParams, body: jsonBody(inviteProvidersRequestSchema) },
        responses: { 200: jsonResponse('The engagement.', engagementViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'engagement.invite_providers', resource: engagement },
    },
    async (c) => c.json(await engagements.inviteProviders(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').providerOrgIds), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/transitions',
        tags,
        summary: 'Move the engagement along its lifecycle (request, start, deliver, accept, send back, close, hold, resume, cancel)',
        request: { params: idParams, body: jsonBody(transitionRequestSchema) },
        responses: { 200: jsonResponse('The engagement.', engagementViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'engagement.transition', resource: engagement },
    },
    async (c) => c.json(await engagements.transition(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/team',
        tags,
        summary: 'Assign someone of your side (client: owner, reviewer; provider: lead, analyst)',
        request: { params: idParams, body: jsonBody(assignTeamRequestSchema) },
        responses: {
          200: jsonResponse(
            'The engagement; with a plan, what it does to the person’s load (`loadEffect`, the provider only).',
            engagementViewSchema.extend({ loadEffect: loadEffectSchema.optional() }).meta({ id: 'EngagementAfterAssign' }),
          ),
          ...errorResponses,
        },
      }),
      policy: { kind: 'action', action: 'engagement.assign_team', resource: engagement },
    },
    async (c) => c.json(await engagements.assignTeam(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'delete',
        path: '/api/engagements/{id}/team/{userId}',
        tags,
        summary: 'Unassign someone: their access to the engagement ends at once',
        request: { params: memberParams },
        responses: { 200: jsonResponse('The engagement.', engagementViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'engagement.assign_team', resource: engagement },
    },
    async (c) => {
      const { id, userId } = c.req.valid('param');
      return c.json(await engagements.unassignTeam(c.get('ctx'), id, userId), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/proposals',
        tags: ['proposals'],
        summary: 'Proposals: the client sees every submitted one side by side; a provider its own',
        request: { params: idParams },
        responses: {
          200: jsonResponse(
            'Proposals (a provider’s own carry its internal staffing plan).',
            z.array(z.union([providerProposalViewSchema, proposalViewSchema])),
          ),
          ...errorResponses,
        },
      }),
      policy: { kind: 'action', action: 'proposal.read', resource: engagement },
    },
    async (c) => c.json(await proposals.list(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/engagements/{id}/proposal',
        tags: ['proposals'],
        summary: "Save your organisation's proposal (version 0 creates it)",
        request: { params: idParams, body: jsonBody(saveProposalWithStaffingRequestSchema) },
        responses: { 200: jsonResponse('The proposal.', providerProposalViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'proposal.write', resource: engagement },
    },
    async (c) => c.json(await proposals.save(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  for (const [verb, summary] of [
    ['submit', 'Submit your proposal to the client'],
    ['withdraw', 'Withdraw your proposal'],
  ] as const) {
    route(
      {
        route: createRoute({
          method: 'post',
          path: `/api/engagements/{id}/proposal/${verb}`,
          tags: ['proposals'],
          summary,
          request: { params: idParams, body: jsonBody(proposalStepRequestSchema) },
          responses: { 200: jsonResponse('The proposal.', providerProposalViewSchema), ...errorResponses },
        }),
        policy: { kind: 'action', action: 'proposal.write', resource: engagement },
      },
      async (c) => c.json(await proposals[verb](c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
    );
  }

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/award',
        tags: ['proposals'],
        summary: 'Award a submitted proposal: the engagement is contracted and SOW version 1 drafted',
        request: { params: idParams, body: jsonBody(awardRequestSchema) },
        responses: { 200: jsonResponse('The engagement.', engagementViewSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'proposal.award', resource: engagement },
    },
    async (c) => c.json(await proposals.award(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/sow',
        tags: ['sow'],
        summary: 'The statement of work and its versions',
        request: { params: idParams },
        responses: { 200: jsonResponse('The SOW.', sowSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'sow.read', resource: engagement },
    },
    async (c) => c.json(await sow.get(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/engagements/{id}/sow',
        tags: ['sow'],
        summary: 'Revise the SOW before both sides approve it (the fee stays as awarded)',
        request: { params: idParams, body: jsonBody(reviseSowRequestSchema) },
        responses: { 200: jsonResponse('The SOW.', sowSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'sow.revise', resource: engagement },
    },
    async (c) => c.json(await sow.revise(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/sow/approve',
        tags: ['sow'],
        summary: 'Approve the current SOW version for your side',
        request: { params: idParams, body: jsonBody(approveSowRequestSchema) },
        responses: { 200: jsonResponse('The SOW.', sowSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'sow.approve', resource: engagement },
    },
    async (c) => c.json(await sow.approve(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').version), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/milestones',
        tags: ['work'],
        summary: 'Milestones with their baseline and current due dates',
        request: { params: idParams },
        responses: { 200: jsonResponse('Milestones in order.', z.array(milestoneViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'sow.read', resource: engagement },
    },
    async (c) => c.json(await work.milestones(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/milestones/{milestoneId}/progress',
        tags: ['work'],
        summary: 'Start a milestone, or submit it for review (provider)',
        request: { params: milestoneParams, body: jsonBody(milestoneProgressRequestSchema) },
        responses: { 200: jsonResponse('Milestones.', z.array(milestoneViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'milestone.work', resource: engagement },
    },
    async (c) => {
      const { id, milestoneId } = c.req.valid('param');
      return c.json(await work.actOnMilestone(c.get('ctx'), id, milestoneId, c.req.valid('json')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/milestones/{milestoneId}/decision',
        tags: ['work'],
        summary: 'Accept a submitted milestone, or send it back with what to change (client)',
        request: { params: milestoneParams, body: jsonBody(milestoneDecisionRequestSchema) },
        responses: { 200: jsonResponse('Milestones.', z.array(milestoneViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'milestone.decide', resource: engagement },
    },
    async (c) => {
      const { id, milestoneId } = c.req.valid('param');
      return c.json(await work.actOnMilestone(c.get('ctx'), id, milestoneId, c.req.valid('json')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/updates',
        tags: ['work'],
        summary: 'Status updates, newest first',
        request: { params: idParams },
        responses: { 200: jsonResponse('Updates.', z.array(statusUpdateViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'sow.read', resource: engagement },
    },
    async (c) => c.json(await work.updates(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/updates',
        tags: ['work'],
        summary: 'Post a status update (progress, RAG, done, next, blockers, risks)',
        request: { params: idParams, body: jsonBody(statusUpdateInputSchema) },
        responses: { 201: jsonResponse('Updates.', z.array(statusUpdateViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'update.post', resource: engagement },
    },
    async (c) => c.json(await work.postUpdate(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/questions',
        tags: ['work'],
        summary: 'Q&A threads with their response deadlines',
        request: { params: idParams },
        responses: { 200: jsonResponse('Questions, newest first.', z.array(questionViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'sow.read', resource: engagement },
    },
    async (c) => c.json(await work.questions(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/questions',
        tags: ['work'],
        summary: 'Ask the other side; due within their SLA in Japanese business days',
        request: { params: idParams, body: jsonBody(askQuestionRequestSchema) },
        responses: { 201: jsonResponse('Questions.', z.array(questionViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'question.ask', resource: engagement },
    },
    async (c) => c.json(await work.ask(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/questions/{questionId}/answers',
        tags: ['work'],
        summary: 'Reply; the first reply from the other side answers the question',
        request: { params: questionParams, body: jsonBody(answerRequestSchema) },
        responses: { 201: jsonResponse('Questions.', z.array(questionViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'question.answer', resource: engagement },
    },
    async (c) => {
      const { id, questionId } = c.req.valid('param');
      return c.json(await work.answer(c.get('ctx'), id, questionId, c.req.valid('json').body), 201);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/questions/{questionId}/close',
        tags: ['work'],
        summary: 'Close a question (the side that asked)',
        request: { params: questionParams },
        responses: { 200: jsonResponse('Questions.', z.array(questionViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'question.close', resource: engagement },
    },
    async (c) => {
      const { id, questionId } = c.req.valid('param');
      return c.json(await work.closeQuestion(c.get('ctx'), id, questionId), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/change-requests',
        tags: ['work'],
        summary: 'Change requests, newest first',
        request: { params: idParams },
        responses: { 200: jsonResponse('Change requests.', z.array(changeRequestViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'sow.read', resource: engagement },
    },
    async (c) => c.json(await work.changeRequests(c.get('ctx'), c.req.valid('param').id), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/change-requests',
        tags: ['work'],
        summary: 'Propose a change of scope, fee or dates',
        request: { params: idParams, body: jsonBody(proposeChangeRequestSchema) },
        responses: { 201: jsonResponse('Change requests.', z.array(changeRequestViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'change.propose', resource: engagement },
    },
    async (c) => c.json(await work.proposeChange(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/engagements/{id}/change-requests/{changeId}/decision',
        tags: ['work'],
        summary: 'Approve or reject (the other side), or withdraw (the proposer); approval makes a new SOW version',
        request: { params: changeParams, body: jsonBody(decideChangeRequestSchema) },
        responses: { 200: jsonResponse('Change requests.', z.array(changeRequestViewSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'change.decide', resource: engagement },
    },
    async (c) => {
      const { id, changeId } = c.req.valid('param');
      return c.json(await work.decideChange(c.get('ctx'), id, changeId, c.req.valid('json')), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/engagements/{id}/control',
        tags: ['control'],
        summary: 'Control figures: schedule variance, SLA breaches, cycle times, responsiveness, forecast, budget burn',
        request: { params: idParams },
        responses: { 200: jsonResponse('The figures now.', controlFiguresSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'control.read', resource: engagement },
    },
    async (c) => c.json(await oversight.control(c.get('ctx'), c.req.valid('param').id), 200),
  );
}
