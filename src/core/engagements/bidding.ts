import {
  feeEstimate,
  type ProposalInput,
  type ProposalView,
  proposalInputSchema,
  type SowContent,
  sowContentSchema,
} from '../../shared/contracts/engagements.js';
import { type ProviderProposalView, type StaffingPlanInput, staffingPlanSchema } from '../../shared/contracts/staffing.js';
import { AppError, invalidInput, parseOrThrow } from '../../shared/errors.js';
import type { RequestContext } from '../access/actor.js';
import { can } from '../access/policy.js';
import type { EngagementRecord, ProposalRecord, Repos } from '../store.js';
import { saveStaffing, staffedPersonView, staffFromAward } from '../time/staffing.js';
import {
  auditEngagement,
  bidderAudience,
  clientAudience,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  notify,
  orgManagers,
  providerAudience,
  recipientsOn,
  refreshDerived,
  requireVersion,
  sideOf,
} from './context.js';
import type { EngagementCore } from './service.js';

/** Default response-time commitments of a new SOW, until the parties agree others. */
export const DEFAULT_ANSWER_SLA = { clientBusinessDays: 2, providerBusinessDays: 2 } as const;
export const DEFAULT_REVIEW_SLA_DAYS = 5;

/** The first SOW comes from the brief and the awarded proposal. */
export function sowFromProposal(e: EngagementRecord, p: ProposalInput): SowContent {
  const dates = p.milestones.map((m) => m.dueDate).sort();
  const first = dates[0] ?? e.targetStart;
  const last = dates.at(-1) ?? e.targetEnd;
  return parseOrThrow(sowContentSchema, {
    scope: e.scope,
    deliverables: e.expectedDeliverables,
    milestones: p.milestones,
    fee: p.fee,
    cadenceDays: p.cadenceDays,
    answerSla: DEFAULT_ANSWER_SLA,
    reviewSlaBusinessDays: DEFAULT_REVIEW_SLA_DAYS,
    startDate: [first, e.targetStart].sort()[0] ?? e.targetStart,
    endDate: [last, e.targetEnd].sort().at(-1) ?? e.targetEnd,
    assumptions: p.assumptions,
  });
}

/** Competing proposals from invited providers, compared side by side and awarded by the client. */
export function bidding(deps: EngagementDeps, core: EngagementCore) {
  const { store, clock, random } = deps;

  async function proposalView(tx: Repos, p: ProposalRecord): Promise<ProposalView> {
    const org = await tx.orgs.get(p.providerOrgId);
    return {
      id: p.id,
      engagementId: p.engagementId,
      provider: { orgId: p.providerOrgId, name: org?.name ?? '' },
      status: p.status,
      content: p.content,
      feeEstimate: p.feeEstimate,
      submittedAt: p.submittedAt,
      updatedAt: p.updatedAt,
      version: p.version,
    };
  }

  /**
   * The provider's own proposal, with its internal staffing plan (never the client's view). A row
   * carries a person's load, so each reader sees the rows whose load it may read (load.read: the
   * person, the delivery managers, the provider admin) — an analyst sees only their own.
   */
  async function ownProposalView(tx: Repos, ctx: RequestContext, p: ProposalRecord): Promise<ProviderProposalView> {
    const [view, staffing] = await Promise.all([proposalView(tx, p), tx.staffing.plan(p.id)]);
    const readable = staffing.filter(
      (r) => can(ctx.actor, 'load.read', { type: 'person_time', orgId: p.providerOrgId, userId: r.userId }).allowed,
    );
    return { ...view, staffing: readable.map(staffedPersonView) };
  }

  const providerOrgOf = (ctx: RequestContext) => {
    if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Proposals come from providers.', { reason: 'no_rule' });
    return ctx.actor.orgId;
  };

  async function ownProposal(tx: Repos, e: EngagementRecord, orgId: string): Promise<ProposalRecord> {
    const p = await tx.engagements.proposal(e.id, orgId);
    if (!p) throw new AppError('not_found', 'Your organisation has no proposal on this engagement yet.', { reason: 'proposal_not_found' });
    return p;
  }

  return {
    /** The client sees every submitted proposal; a provider sees its own, draft or not. */
    async list(ctx: RequestContext, id: string): Promise<(ProposalView | ProviderProposalView)[]> {
      const tx = store.read;
      const { engagement: e, standing } = await engagementToRead(store, ctx, id, 'proposal.read');
      const all = await tx.engagements.proposals(e.id);
      if (sideOf(standing) === 'client') return Promise.all(all.filter((p) => p.status !== 'draft').map((p) => proposalView(tx, p)));
      const own = all.filter((p) => ctx.actor.kind === 'user' && p.providerOrgId === ctx.actor.orgId);
      return Promise.all(own.map((p) => ownProposalView(tx, ctx, p)));
    },

    /**
     * Saves the provider's draft; `version` 0 creates it. A submitted proposal is edited by submitting
     * again. `staffing`, when given, replaces the proposal's internal staffing plan (decision 0011).
     */
    async save(
      ctx: RequestContext,
      id: string,
      input: { proposal: ProposalInput; version: number; staffing?: StaffingPlanInput | undefined },
    ): Promise<ProviderProposalView> {
      const content = parseOrThrow(proposalInputSchema, input.proposal);
      const staffing = input.staffing === undefined ? undefined : parseOrThrow(staffingPlanSchema, input.staffing);
      const orgId = providerOrgOf(ctx);
      return store.transaction(async (tx) => {
        const { engagement: e } = await engagementFor(tx, ctx, id, 'proposal.write', true);
        const existing = await tx.engagements.proposal(e.id, orgId);
        requireVersion(existing?.version ?? 0, input.version, 'proposal');
        if (existing && existing.status !== 'draft' && existing.status !== 'submitted') {
          throw new AppError('invalid_state', `This proposal is ${existing.status}.`, { reason: `proposal_${existing.status}` });
        }
        const now = clock.now().toISOString();
        const p: ProposalRecord = {
          id: existing?.id ?? random.uuid(),
          engagementId: e.id,
          providerOrgId: orgId,
          status: existing?.status === 'submitted' ? 'submitted' : 'draft',
          content,
          feeEstimate: feeEstimate(content.fee),
          submittedAt: existing?.submittedAt ?? null,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
          version: (existing?.version ?? 0) + 1,
        };
        await tx.engagements.saveProposal(p);
        await auditEngagement(
          deps,
          tx,
          ctx,
          e,
          { type: 'proposal.saved', resource: { type: 'proposal', id: p.id }, data: { providerOrgId: orgId, version: p.version } },
          orgId,
        );
        if (staffing) {
          const issues = await saveStaffing(deps, tx, ctx, p, staffing);
          if (issues.length > 0) throw invalidInput(issues, 'The staffing plan cannot be saved.');
        }
        return ownProposalView(tx, ctx, p);
      });
    },

    async submit(ctx: RequestContext, id: string, input: { version: number }): Promise<ProviderProposalView> {
      const orgId = providerOrgOf(ctx);
      return store.transaction(async (tx) => {
        const { engagement: e } = await engagementFor(tx, ctx, id, 'proposal.write', true);
        const p = await ownProposal(tx, e, orgId);
        requireVersion(p.version, input.version, 'proposal');
        if (p.status !== 'draft' && p.status !== 'submitted')
          throw new AppError('invalid_state', `This proposal is ${p.status}.`, { reason: `proposal_${p.status}` });
        const now = clock.now().toISOString();
        const submitted: ProposalRecord = { ...p, status: 'submitted', submittedAt: now, updatedAt: now, version: p.version + 1 };
        await tx.engagements.saveProposal(submitted);
        await tx.engagements.setProviderStatus(e.id, orgId, 'proposed', now);
        let next = e;
        if (e.status === 'requested') {
          // The first proposal is in. The version and time stay: the client's view is not made stale
          // by it, and another bidder must not learn from either that someone has submitted.
          next = { ...e, status: 'proposing' };
          await tx.engagements.save(next);
        }
        await auditEngagement(
          deps,
          tx,
          ctx,
          next,
          {
            type: 'proposal.submitted',
            resource: { type: 'proposal', id: p.id },
            data: { providerOrgId: orgId, feeAmount: submitted.feeEstimate.amount, currency: submitted.feeEstimate.currency },
          },
          orgId,
        );
        const provider = await tx.orgs.get(orgId);
        await notify(deps, tx, next, clientAudience(next), await recipientsOn(tx, next, 'client', 'leads'), 'proposal.submitted', {
          provider: provider?.name ?? '',
        });
        return ownProposalView(tx, ctx, submitted);
      });
    },

    /** A withdrawn bid's staffing plan is dropped with it: it no longer counts as tentative load. */
    async withdraw(ctx: RequestContext, id: string, input: { version: number }): Promise<ProviderProposalView> {
      const orgId = providerOrgOf(ctx);
      return store.transaction(async (tx) => {
        const { engagement: e } = await engagementFor(tx, ctx, id, 'proposal.write', true);
        const p = await ownProposal(tx, e, orgId);
        requireVersion(p.version, input.version, 'proposal');
        if (p.status !== 'submitted' && p.status !== 'draft')
          throw new AppError('invalid_state', `This proposal is ${p.status}.`, { reason: `proposal_${p.status}` });
        const now = clock.now().toISOString();
        const withdrawn: ProposalRecord = { ...p, status: 'withdrawn', updatedAt: now, version: p.version + 1 };
        await tx.engagements.saveProposal(withdrawn);
        await tx.engagements.setProviderStatus(e.id, orgId, 'declined', now);
        await tx.staffing.drop([p.id]);
        await auditEngagement(
          deps,
          tx,
          ctx,
          e,
          { type: 'proposal.withdrawn', resource: { type: 'proposal', id: p.id }, data: { providerOrgId: orgId } },
          orgId,
        );
        return ownProposalView(tx, ctx, withdrawn);
      });
    },

    /**
     * The client awards one submitted proposal: the engagement is contracted with that provider,
     * the others are told they were not chosen, and SOW version 1 is drafted for both to approve.
     */
    async award(ctx: RequestContext, id: string, input: { proposalId: string; version: number }) {
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'proposal.award', true);
        requireVersion(e.version, input.version);
        const p = await tx.engagements.proposalById(input.proposalId);
        if (!p || p.engagementId !== e.id)
          throw new AppError('not_found', 'No such proposal on this engagement.', { reason: 'proposal_not_found' });
        if (p.status !== 'submitted')
          throw new AppError('invalid_state', 'Only a submitted proposal can be awarded.', { reason: 'proposal_not_submitted' });
        const now = clock.now().toISOString();
        const next: EngagementRecord = {
          ...e,
          status: 'contracted',
          awardedProviderOrgId: p.providerOrgId,
          awardedProposalId: p.id,
          updatedAt: now,
          version: e.version + 1,
        };
        await tx.engagements.save(next);
        const others = (await tx.engagements.proposals(e.id)).filter((other) => other.id !== p.id);
        for (const other of others) {
          if (other.status === 'submitted' || other.status === 'draft') {
            await tx.engagements.saveProposal({ ...other, status: 'not_awarded', updatedAt: now, version: other.version + 1 });
          }
        }
        // Losing bids' staffing plans are dropped: they were never anyone's load (decision 0011).
        await tx.staffing.drop(others.map((other) => other.id));
        await tx.engagements.saveProposal({ ...p, status: 'awarded', updatedAt: now, version: p.version + 1 });
        await tx.engagements.setProviderStatus(e.id, p.providerOrgId, 'awarded', now);
        // Every other open bid ends here; its provider hears the outcome and nothing more of the engagement.
        for (const invited of await tx.engagements.providers(e.id)) {
          if (invited.providerOrgId === p.providerOrgId || (invited.status !== 'invited' && invited.status !== 'proposed')) continue;
          await tx.engagements.setProviderStatus(e.id, invited.providerOrgId, 'not_awarded', now);
          await notify(
            deps,
            tx,
            next,
            bidderAudience(invited.providerOrgId),
            await orgManagers(tx, invited.providerOrgId, ['provider_admin', 'delivery_manager']),
            'proposal.not_awarded',
          );
        }
        await tx.engagements.insertSow({
          engagementId: e.id,
          version: 1,
          content: sowFromProposal(e, p.content),
          reason: 'award',
          changeRequestId: null,
          createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          createdAt: now,
          clientApprovedBy: null,
          clientApprovedAt: null,
          providerApprovedBy: null,
          providerApprovedAt: null,
        });
        await auditEngagement(deps, tx, ctx, next, {
          type: 'proposal.awarded',
          resource: { type: 'proposal', id: p.id },
          data: { providerOrgId: p.providerOrgId, proposalId: p.id, feeAmount: p.feeEstimate.amount, currency: p.feeEstimate.currency },
        });
        const provider = providerAudience(next);
        await notify(deps, tx, next, provider, await recipientsOn(tx, next, 'provider'), 'proposal.awarded');
        await notify(deps, tx, next, provider, await recipientsOn(tx, next, 'provider', 'leads'), 'sow.approval_needed', { version: 1 });
        await notify(deps, tx, next, clientAudience(next), await recipientsOn(tx, next, 'client', 'leads'), 'sow.approval_needed', {
          version: 1,
        });
        // The winner's staffing plan becomes its team; never refused, and nothing of it reaches the client.
        await staffFromAward(deps, tx, ctx, next, p.id);
        await refreshDerived(tx, next);
        return core.render(tx, ctx, next, standing);
      });
    },
  };
}
