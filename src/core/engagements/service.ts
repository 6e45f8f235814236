import { MAX_PLAN_WEEKS } from '../../shared/contracts/capacity.js';
import {
  type ClosedBidView,
  type CreateEngagementRequest,
  createEngagementRequestSchema,
  type EngagementAction,
  type EngagementList,
  type EngagementListItem,
  type EngagementListQuery,
  type EngagementPage,
  type EngagementStanding,
  type EngagementView,
  encodeEngagementCursor,
  riskFlags,
  type Side,
  type TransitionAction,
  type UpdateBriefRequest,
  updateBriefRequestSchema,
} from '../../shared/contracts/engagements.js';
import { AppError, type Issue, invalidInput, parseOrThrow } from '../../shared/errors.js';
import type { RequestContext } from '../access/actor.js';
import {
  bidOutcomeOf,
  type EngagementFacts,
  factsOf,
  openActions,
  proposalsOpen,
  statusSeenBy,
  transitionRuleOf,
} from '../access/engagement-rules.js';
import { authorize, can } from '../access/policy.js';
import { assertNoConflict } from '../conflicts/service.js';
import { endGrantsOfEngagement } from '../documents/service.js';
import type { EngagementListRow, EngagementRecord, EngagementViewer, InvitedProviderRecord, Repos } from '../store.js';
import { planAllocations } from '../time/capacity-service.js';
import { addDays, weekStartOf } from '../time/weeks.js';
import { jstDate } from './business-days.js';
import {
  audienceOn,
  auditEngagement,
  bidderAudience,
  clientAudience,
  conditionFacts,
  conditionFactsOf,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  nameFor,
  notify,
  orgManagers,
  providerAudience,
  recipientsOn,
  refreshDerived,
  requireVersion,
  sideOf,
} from './context.js';
import { CLIENT_ONLY_FLAGS, engagementSummary, riskFlagsSeenBy } from './control.js';
import { transition } from './lifecycle.js';

/** A standing that sees the engagement itself (everyone but a former bidder). */
export type PartyStanding = Exclude<EngagementStanding, 'former_bidder'>;

/** One row of the list as the viewer may see it (the repository chose the rows by the same standing rules). */
function listItem(viewer: EngagementViewer, r: EngagementListRow, now: Date): EngagementListItem {
  const client = { orgId: r.clientOrgId, name: r.clientName };
  const outcome = r.invitation && r.providerOrgId !== viewer.orgId ? bidOutcomeOf(r.invitation.status) : null;
  if (r.invitation && outcome) {
    return {
      id: r.id,
      displayName: r.displayName,
      type: r.type,
      status: null,
      bidOutcome: outcome,
      client,
      provider: null,
      targetEnd: null,
      nextMilestoneDue: null,
      progressPct: null,
      rag: null,
      riskFlags: [],
      updatedAt: r.invitation.changedAt,
    };
  }
  const isProvider = viewer.orgKind === 'provider';
  const bidding = isProvider && r.providerOrgId !== viewer.orgId;
  const seen = statusSeenBy(bidding ? 'bidder' : 'client_lead', r, r.invitation?.status ?? null);
  return {
    id: r.id,
    displayName: r.displayName,
    type: r.type,
    status: seen.status,
    bidOutcome: null,
    client,
    provider: r.providerOrgId ? { orgId: r.providerOrgId, name: r.providerName ?? '' } : null,
    targetEnd: r.targetEnd,
    nextMilestoneDue: r.derived.nextMilestoneDue,
    progressPct: r.derived.progressPct,
    rag: r.derived.rag,
    riskFlags: riskFlagsSeenBy(r.status, r.derived, now, isProvider ? 'provider' : 'client'),
    updatedAt: r.updatedAt,
  };
}

/**
 * Engagements: the brief, inviting providers, the team, the lifecycle, and the views of them.
 * Proposals, the SOW, the work and the control figures live beside this file.
 */
export function engagementCore(deps: EngagementDeps) {
  const { store, clock, random } = deps;

  const viewerOrg = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.orgId : null);

  /** What the viewer may do now, for the UI: the table of engagement-rules.ts (every request is checked again). */
  async function allowedActions(
    tx: Repos,
    e: EngagementRecord,
    standing: EngagementStanding,
    providers: readonly InvitedProviderRecord[],
  ): Promise<EngagementAction[]> {
    return openActions(standing, e.status, await conditionFacts(tx, e, providers.length));
  }

  /**
   * How the work stands, for whoever may read the control figures (the same decision as
   * GET …/control): the derived state kept on the engagement row, read again when the record
   * was changed in memory (its copy would be from before the change).
   */
  async function summaryFor(tx: Repos, ctx: RequestContext, e: EngagementRecord, facts: EngagementFacts, side: Side) {
    if (!can(ctx.actor, 'control.read', { type: 'engagement', facts }).allowed) return null;
    const derived = e.derived ?? (await tx.engagements.get(e.id))?.derived;
    return derived ? engagementSummary(e.status, derived, clock.now(), side) : null;
  }

  async function view(tx: Repos, ctx: RequestContext, e: EngagementRecord, standing: PartyStanding): Promise<EngagementView> {
    const side = sideOf(standing);
    const viewerOrgId = viewerOrg(ctx);
    const { clientName, provider, providers, team, ownerName, conditions } = await tx.engagements.viewParts(e);
    const actions = openActions(standing, e.status, conditionFactsOf(e, providers.length, conditions));
    const summary = await summaryFor(tx, ctx, e, factsOf(e, providers, team), side);
    const own = providers.find((p) => p.providerOrgId === viewerOrgId)?.status ?? null;
    const seen = statusSeenBy(standing, e, own);
    const hideTitle = side === 'provider' && e.codeName !== null;
    return {
      id: e.id,
      type: e.type,
      displayName: nameFor(e, side),
      title: hideTitle ? null : e.title,
      codeName: e.codeName,
      objectives: e.objectives,
      scope: e.scope,
      expectedDeliverables: e.expectedDeliverables,
      classification: e.classification,
      budget: side === 'client' ? e.budget : null,
      targetStart: e.targetStart,
      targetEnd: e.targetEnd,
      status: seen.status,
      heldFrom: seen.heldFrom,
      client: { orgId: e.clientOrgId, name: clientName ?? '' },
      provider: provider ? { orgId: provider.id, name: provider.name } : null,
      // A provider sees only itself among the invited: who else bid is the client's business.
      invitedProviders: providers
        .filter((p) => side === 'client' || p.providerOrgId === viewerOrgId)
        .map((p) => ({ orgId: p.providerOrgId, name: p.orgName, status: p.status })),
      owner: { userId: e.ownerUserId, displayName: ownerName ?? '' },
      team: standing === 'bidder' ? [] : team.map((t) => ({ userId: t.userId, displayName: t.displayName, side: t.side, role: t.role })),
      viewerSide: side,
      standing,
      allowedActions: actions,
      summary,
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
  }

  /** What a former bidder sees: the name it bid on, the client, and how its bid ended. */
  async function closedBid(tx: Repos, e: EngagementRecord, viewerOrgId: string | null): Promise<ClosedBidView> {
    const [client, providers] = await Promise.all([tx.orgs.get(e.clientOrgId), tx.engagements.providers(e.id)]);
    const own = providers.find((p) => p.providerOrgId === viewerOrgId);
    const outcome = own ? bidOutcomeOf(own.status) : null;
    if (!own || !outcome) throw new AppError('not_found', 'No such engagement.', { reason: 'engagement_not_found' });
    return {
      id: e.id,
      type: e.type,
      displayName: nameFor(e, 'provider'),
      client: { orgId: e.clientOrgId, name: client?.name ?? '' },
      standing: 'former_bidder',
      outcome,
      closedAt: own.statusChangedAt,
      allowedActions: await allowedActions(tx, e, 'former_bidder', providers),
    };
  }

  /** The engagement as the viewer may see it after a change they made (never a former bidder: they change nothing). */
  const render = (tx: Repos, ctx: RequestContext, e: EngagementRecord, standing: EngagementStanding): Promise<EngagementView> => {
    if (standing === 'former_bidder') throw new AppError('internal', 'A former bidder changes nothing on the engagement.');
    // The change may have moved the derived state: the summary reads it as written.
    const { derived: _, ...changed } = e;
    return view(tx, ctx, changed, standing);
  };

  /** The weeks of a plan given with a team assignment: from the week of `from` (this week) to the week of `to` (the SOW's end). */
  async function planOnAssign(
    tx: Repos,
    ctx: RequestContext,
    e: EngagementRecord,
    orgId: string,
    side: 'client' | 'provider',
    userId: string,
    plan: { minutesPerWeek: number; from?: string | undefined; to?: string | undefined; overrideReason?: string | undefined },
  ) {
    if (side !== 'provider') {
      throw invalidInput([{ path: ['plan'], code: 'invalid_value', message: 'Planned hours are for provider people.' }]);
    }
    const sowEnd = (await tx.engagements.sowVersions(e.id)).at(-1)?.content.endDate ?? e.targetEnd;
    const first = weekStartOf(plan.from ?? jstDate(clock.now()));
    const last = weekStartOf(plan.to ?? sowEnd);
    if (last < first) throw invalidInput([{ path: ['plan', 'to'], code: 'range_order', message: 'The plan ends on or after it starts.' }]);
    const weeks: { week: string; minutes: number }[] = [];
    for (let w = first; w <= last; w = addDays(w, 7)) weeks.push({ week: w, minutes: plan.minutesPerWeek });
    if (weeks.length > MAX_PLAN_WEEKS) {
      throw invalidInput([
        { path: ['plan', 'to'], code: 'too_big', message: `At most ${MAX_PLAN_WEEKS} weeks.`, params: { maximum: MAX_PLAN_WEEKS } },
      ]);
    }
    const planned = await planAllocations(
      deps,
      tx,
      ctx,
      { orgId, userId, engagementId: e.id, weeks, overrideReason: plan.overrideReason },
      'save',
    );
    return planned.effect;
  }

  function viewerOf(ctx: RequestContext): EngagementViewer {
    if (ctx.actor.kind !== 'user' || ctx.actor.orgKind === 'operator') {
      throw new AppError('forbidden', 'Engagements belong to clients and providers.', { reason: 'no_rule' });
    }
    const roles = ctx.actor.roles;
    const seesAllOfOrg =
      ctx.actor.orgKind === 'client'
        ? roles.some((r) => r === 'client_admin' || r === 'finance' || r === 'auditor')
        : roles.some((r) => r === 'provider_admin' || r === 'delivery_manager');
    return { userId: ctx.actor.userId, orgId: ctx.actor.orgId, orgKind: ctx.actor.orgKind, seesAllOfOrg };
  }

  return {
    render,

    async create(ctx: RequestContext, input: CreateEngagementRequest): Promise<EngagementView> {
      if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Sign in to create an engagement.', { reason: 'no_rule' });
      authorize(ctx.actor, 'engagement.create', { type: 'engagements', orgId: ctx.actor.orgId });
      const brief = parseOrThrow(createEngagementRequestSchema, input);
      const now = clock.now().toISOString();
      const e: EngagementRecord = {
        id: random.uuid(),
        clientOrgId: ctx.actor.orgId,
        ...brief,
        status: 'draft',
        heldFrom: null,
        awardedProviderOrgId: null,
        awardedProposalId: null,
        ownerUserId: ctx.actor.userId,
        workStartedAt: null,
        workEndedAt: null,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
        version: 1,
        updateReminderFor: null,
      };
      return store.transaction(async (tx) => {
        await tx.engagements.insert(e);
        await tx.engagements.assign(e.id, { userId: e.ownerUserId, side: 'client', role: 'owner', assignedAt: now });
        await auditEngagement(deps, tx, ctx, e, {
          type: 'engagement.created',
          resource: { type: 'engagement', id: e.id },
          data: { type: e.type, codeName: e.codeName, classification: e.classification },
        });
        return render(tx, ctx, e, 'client_lead');
      });
    },

    async list(ctx: RequestContext, query: EngagementListQuery): Promise<EngagementList> {
      const viewer = viewerOf(ctx);
      authorize(ctx.actor, 'engagement.list', { type: 'engagements', orgId: viewer.orgId });
      if (viewer.orgKind === 'provider' && query.risk?.some((f) => CLIENT_ONLY_FLAGS.has(f))) {
        throw new AppError('invalid_input', 'This filter is not available to providers.', {
          reason: 'validation',
          issues: query.risk.flatMap((f, i) =>
            CLIENT_ONLY_FLAGS.has(f) ? [{ path: ['risk', i], code: 'client_only', message: 'Only the client filters on its budget.' }] : [],
          ),
        });
      }
      const now = clock.now();
      const page = await store.read.engagements.list(viewer, query, now);
      const riskFilters = viewer.orgKind === 'provider' ? riskFlags.filter((f) => !CLIENT_ONLY_FLAGS.has(f)) : [...riskFlags];
      return {
        total: page.total,
        totalIsEstimate: page.totalIsEstimate,
        next: page.next && encodeEngagementCursor(page.next),
        items: page.rows.map((r) => listItem(viewer, r, now)),
        riskFilters,
      };
    },

    /** The providers a client can invite: every provider organisation on the instance, by name. */
    async providerDirectory(ctx: RequestContext): Promise<{ orgId: string; name: string }[]> {
      if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Sign in first.', { reason: 'no_rule' });
      authorize(ctx.actor, 'provider.directory', { type: 'engagements', orgId: ctx.actor.orgId });
      return (await store.read.orgs.list()).filter((o) => o.kind === 'provider').map((o) => ({ orgId: o.id, name: o.name }));
    },

    async get(ctx: RequestContext, id: string): Promise<EngagementPage> {
      const tx = store.read;
      const { engagement, standing } = await engagementToRead(store, ctx, id, 'engagement.read');
      if (standing === 'former_bidder') return closedBid(tx, engagement, viewerOrg(ctx));
      return view(tx, ctx, engagement, standing);
    },

    async updateBrief(ctx: RequestContext, id: string, input: UpdateBriefRequest): Promise<EngagementView> {
      const patch = parseOrThrow(updateBriefRequestSchema, input);
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'engagement.edit_brief', true);
        requireVersion(e.version, patch.version);
        const { version: _, ...fields } = patch;
        const changed = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined);
        const next: EngagementRecord = { ...e, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
        if (next.targetEnd < next.targetStart) {
          throw new AppError('invalid_input', 'The target end comes on or after the target start.', {
            reason: 'validation',
            issues: [{ path: ['targetEnd'], code: 'custom', message: 'The target end comes on or after the target start.' }],
          });
        }
        next.version = e.version + 1;
        next.updatedAt = clock.now().toISOString();
        await tx.engagements.save(next);
        await auditEngagement(deps, tx, ctx, next, {
          type: 'engagement.brief_updated',
          resource: { type: 'engagement', id },
          data: { fields: changed },
        });
        return render(tx, ctx, next, standing);
      });
    },

    async inviteProviders(ctx: RequestContext, id: string, providerOrgIds: readonly string[]): Promise<EngagementView> {
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'engagement.invite_providers', true);
        const requested = proposalsOpen(e);
        const issues: Issue[] = [];
        for (const [i, orgId] of providerOrgIds.entries()) {
          const org = await tx.orgs.get(orgId);
          if (org?.kind !== 'provider')
            issues.push({ path: ['providerOrgIds', i], code: 'unknown_provider', message: 'No provider organisation has this id.' });
        }
        if (issues.length > 0) throw new AppError('invalid_input', 'Some providers do not exist.', { reason: 'validation', issues });
        const now = clock.now().toISOString();
        const already = new Set((await tx.engagements.providers(id)).map((p) => p.providerOrgId));
        const fresh = providerOrgIds.filter((p) => !already.has(p));
        for (const orgId of fresh) {
          await tx.engagements.inviteProvider(id, orgId, now, ctx.actor.kind === 'user' ? ctx.actor.userId : null);
          // The provider's auditors see the invitation once it is theirs to know: when the request is out.
          await auditEngagement(
            deps,
            tx,
            ctx,
            e,
            { type: 'engagement.providers_invited', resource: { type: 'engagement', id }, data: { providerOrgIds: [orgId] } },
            requested ? orgId : null,
          );
          // Already out for proposals: the new provider hears at once; otherwise when the client sends the request.
          if (requested) {
            await notify(
              deps,
              tx,
              e,
              bidderAudience(orgId),
              await orgManagers(tx, orgId, ['provider_admin', 'delivery_manager']),
              'engagement.requested',
            );
          }
        }
        // The engagement's version and time stay: they are visible to bidders, and an invitation of
        // another provider is none of their business.
        return render(tx, ctx, e, standing);
      });
    },

    async transition(ctx: RequestContext, id: string, input: { action: TransitionAction; reason?: string | undefined; version: number }) {
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, transitionRuleOf(input.action), true);
        requireVersion(e.version, input.version);
        const result = transition(e, input.action, input.reason);
        const now = clock.now();
        const at = now.toISOString();
        const next: EngagementRecord = {
          ...e,
          status: result.to,
          heldFrom: result.heldFrom,
          updatedAt: at,
          version: e.version + 1,
        };
        if (input.action === 'start') next.workStartedAt = at;
        if (input.action === 'deliver') next.workEndedAt = at;
        if (input.action === 'send_back') next.workEndedAt = null;
        await tx.engagements.save(next);
        // Cancelled while proposals were open: every open bid ends with it, and its provider is told.
        const endedBids: InvitedProviderRecord[] = [];
        if (input.action === 'cancel' && proposalsOpen(e)) {
          for (const p of await tx.engagements.providers(id)) {
            if (p.status !== 'invited' && p.status !== 'proposed') continue;
            await tx.engagements.setProviderStatus(id, p.providerOrgId, 'cancelled', at);
            endedBids.push(p);
          }
        }
        await auditEngagement(deps, tx, ctx, next, {
          type: 'engagement.transitioned',
          resource: { type: 'engagement', id },
          data: { action: input.action, from: result.from, to: result.to, reason: input.reason?.trim() || null },
        });
        // The work is over: every document grant to the provider ends with it.
        if (result.to === 'accepted' || result.to === 'closed' || result.to === 'cancelled')
          await endGrantsOfEngagement(deps, tx, ctx, { engagement: next }, at);
        if (input.action === 'request') {
          for (const p of await tx.engagements.providers(id)) {
            await notify(
              deps,
              tx,
              next,
              bidderAudience(p.providerOrgId),
              await orgManagers(tx, p.providerOrgId, ['provider_admin', 'delivery_manager']),
              'engagement.requested',
            );
          }
        } else {
          const data = { action: input.action, from: result.from, to: result.to };
          await notify(deps, tx, next, clientAudience(next), await recipientsOn(tx, next, 'client'), 'engagement.status_changed', data);
          await notify(deps, tx, next, providerAudience(next), await recipientsOn(tx, next, 'provider'), 'engagement.status_changed', data);
          for (const p of endedBids) {
            await notify(
              deps,
              tx,
              next,
              bidderAudience(p.providerOrgId),
              await orgManagers(tx, p.providerOrgId, ['provider_admin', 'delivery_manager']),
              'engagement.request_cancelled',
            );
          }
        }
        await refreshDerived(tx, next);
        return render(tx, ctx, next, standing);
      });
    },

    async assignTeam(
      ctx: RequestContext,
      id: string,
      input: {
        userId: string;
        role: 'owner' | 'reviewer' | 'lead' | 'analyst';
        plan?:
          | { minutesPerWeek: number; from?: string | undefined; to?: string | undefined; overrideReason?: string | undefined }
          | undefined;
      },
    ) {
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'engagement.assign_team', true);
        const side = sideOf(standing);
        const wanted: 'client' | 'provider' = input.role === 'owner' || input.role === 'reviewer' ? 'client' : 'provider';
        if (wanted !== side) {
          throw new AppError(
            'forbidden',
            `The ${side} assigns only its own people (${side === 'client' ? 'owner, reviewer' : 'lead, analyst'}).`,
            {
              reason: 'other_side',
            },
          );
        }
        const orgId = side === 'client' ? e.clientOrgId : e.awardedProviderOrgId;
        const membership = orgId ? await tx.memberships.get(input.userId, orgId) : null;
        if (!membership) {
          throw new AppError('invalid_input', 'This person is not a member of your organisation.', {
            reason: 'validation',
            issues: [{ path: ['userId'], code: 'not_member', message: 'Not a member of your organisation.' }],
          });
        }
        // Conflict walls (#9.8): a provider person with a conflict no override covers is not put on the team.
        if (side === 'provider') await assertNoConflict(deps, tx, ctx, { engagement: e, standing }, input.userId);
        const now = clock.now().toISOString();
        let next = e;
        // Finance and auditors follow engagements read-only: they are not put to work on one.
        if (
          input.role === 'reviewer' &&
          !membership.roles.some((r) => r === 'reviewer' || r === 'engagement_owner' || r === 'client_admin')
        ) {
          throw new AppError('invalid_input', 'A reviewer needs the reviewer or engagement_owner role.', {
            reason: 'validation',
            issues: [{ path: ['userId'], code: 'missing_role', message: 'Needs the reviewer or engagement_owner role.' }],
          });
        }
        if (input.role === 'owner') {
          if (!membership.roles.some((r) => r === 'engagement_owner' || r === 'client_admin')) {
            throw new AppError('invalid_input', 'An owner needs the engagement_owner role.', {
              reason: 'validation',
              issues: [{ path: ['userId'], code: 'missing_role', message: 'Needs the engagement_owner role.' }],
            });
          }
          await tx.engagements.assign(id, { userId: e.ownerUserId, side: 'client', role: 'reviewer', assignedAt: now });
          next = { ...e, ownerUserId: input.userId, updatedAt: now, version: e.version + 1 };
          await tx.engagements.save(next);
        }
        await tx.engagements.assign(id, { userId: input.userId, side, role: input.role, assignedAt: now });
        // Planned hours (#14): what they do to the person's load, refused past a legal maximum (decision 0011).
        const loadEffect = input.plan && orgId ? await planOnAssign(tx, ctx, e, orgId, side, input.userId, input.plan) : undefined;
        await auditEngagement(deps, tx, ctx, next, {
          type: 'engagement.team_assigned',
          resource: { type: 'engagement', id },
          data: { userId: input.userId, side, role: input.role },
        });
        await notify(deps, tx, next, audienceOn(next, side), [input.userId], 'team.assigned', { role: input.role });
        const view = await render(tx, ctx, next, standing);
        return loadEffect ? { ...view, loadEffect } : view;
      });
    },

    /** Unassigning takes effect at once: the person's need-to-know ends with it. */
    async unassignTeam(ctx: RequestContext, id: string, userId: string) {
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'engagement.assign_team', true);
        const member = (await tx.engagements.team(id)).find((t) => t.userId === userId);
        if (!member) throw new AppError('not_found', 'This person is not on the engagement.', { reason: 'not_on_team' });
        if (member.side !== sideOf(standing))
          throw new AppError('forbidden', 'Each side unassigns only its own people.', { reason: 'other_side' });
        if (member.role === 'owner') throw new AppError('invalid_state', 'Appoint another owner first.', { reason: 'owner_required' });
        await tx.engagements.unassign(id, userId);
        await auditEngagement(deps, tx, ctx, e, {
          type: 'engagement.team_unassigned',
          resource: { type: 'engagement', id },
          data: { userId, side: member.side, role: member.role },
        });
        return render(tx, ctx, e, standing);
      });
    },
  };
}

export type EngagementCore = ReturnType<typeof engagementCore>;
