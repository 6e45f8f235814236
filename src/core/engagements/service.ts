import {
  type CreateEngagementRequest,
  createEngagementRequestSchema,
  type EngagementList,
  type EngagementListQuery,
  type EngagementView,
  type TransitionAction,
  type UpdateBriefRequest,
  updateBriefRequestSchema,
} from '../../shared/contracts/engagements.js';
import { AppError, parseOrThrow } from '../../shared/errors.js';
import type { RequestContext } from '../access/actor.js';
import { authorize, type EngagementRole } from '../access/policy.js';
import type { EngagementRecord, EngagementViewer, Repos } from '../store.js';
import { modelsEditable } from '../workbenches/financial-modeling/editable.js';
import {
  auditEngagement,
  currentSow,
  type EngagementDeps,
  engagementFor,
  isApproved,
  leadOf,
  nameFor,
  notify,
  orgManagers,
  recipientsOn,
  refreshDerived,
  requireVersion,
  sideOf,
} from './context.js';
import { riskFlagsAt } from './control.js';
import { availableTransitions, isBidding, type LifecycleFacts, transition } from './lifecycle.js';

/**
 * Engagements: the brief, inviting providers, the team, the lifecycle, and the views of them.
 * Proposals, the SOW, the work and the control figures live beside this file.
 */
export function engagementCore(deps: EngagementDeps) {
  const { store, clock, random } = deps;

  async function lifecycleFacts(tx: Repos, e: EngagementRecord): Promise<LifecycleFacts> {
    const [providers, versions, milestones] = await Promise.all([
      tx.engagements.providers(e.id),
      tx.engagements.sowVersions(e.id),
      tx.engagements.milestones(e.id),
    ]);
    return {
      status: e.status,
      heldFrom: e.heldFrom,
      invitedProviders: providers.length,
      sowApproved: isApproved(currentSow(versions)),
      milestones: milestones.map((m) => ({ status: m.status })),
    };
  }

  /** What the viewer may do now, for the UI (every request is checked again). */
  async function allowedActions(tx: Repos, e: EngagementRecord, role: EngagementRole): Promise<string[]> {
    const actions: string[] = availableTransitions(await lifecycleFacts(tx, e), leadOf(role));
    const early = e.status === 'draft' || isBidding(e.status);
    const working = e.status === 'contracted' || e.status === 'in_progress' || e.status === 'delivered';
    if (role === 'client_lead' && early) actions.push('edit_brief', 'invite_providers');
    if (role === 'client_lead' && isBidding(e.status)) actions.push('award');
    if (role === 'bidder' && isBidding(e.status)) actions.push('write_proposal');
    if ((role === 'client_lead' || role === 'provider_lead') && working) actions.push('assign_team', 'propose_change');
    if (role === 'client_lead' || role === 'provider_lead') {
      const sow = currentSow(await tx.engagements.sowVersions(e.id));
      const side = sideOf(role);
      if (e.status === 'contracted' && sow && !isApproved(sow)) {
        actions.push('revise_sow');
        if (side === 'client' ? !sow.clientApprovedAt : !sow.providerApprovedAt) actions.push('approve_sow');
      }
    }
    if ((role === 'provider_lead' || role === 'provider_member') && e.status === 'in_progress')
      actions.push('post_update', 'work_milestones');
    if (role === 'client_lead' && (e.status === 'in_progress' || e.status === 'delivered')) actions.push('decide_milestones');
    if (role !== 'bidder' && working) actions.push('ask_question');
    if ((role === 'provider_lead' || role === 'provider_member') && modelsEditable(e)) actions.push('save_models');
    return actions;
  }

  async function view(tx: Repos, e: EngagementRecord, role: EngagementRole, viewerOrgId: string | null): Promise<EngagementView> {
    const side = sideOf(role);
    const [client, provider, providers, team, owner] = await Promise.all([
      tx.orgs.get(e.clientOrgId),
      e.awardedProviderOrgId ? tx.orgs.get(e.awardedProviderOrgId) : null,
      tx.engagements.providers(e.id),
      tx.engagements.team(e.id),
      tx.users.get(e.ownerUserId),
    ]);
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
      status: e.status,
      heldFrom: e.heldFrom,
      client: { orgId: e.clientOrgId, name: client?.name ?? '' },
      provider: provider ? { orgId: provider.id, name: provider.name } : null,
      // A provider sees only itself among the invited: who else bid is the client's business.
      invitedProviders: providers
        .filter((p) => side === 'client' || p.providerOrgId === viewerOrgId)
        .map((p) => ({ orgId: p.providerOrgId, name: p.orgName, status: p.status })),
      owner: { userId: e.ownerUserId, displayName: owner?.displayName ?? '' },
      team: role === 'bidder' ? [] : team.map((t) => ({ userId: t.userId, displayName: t.displayName, side: t.side, role: t.role })),
      viewerSide: side,
      allowedActions: await allowedActions(tx, e, role),
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
  }
  const render = (tx: Repos, ctx: RequestContext, e: EngagementRecord, role: EngagementRole) =>
    view(tx, e, role, ctx.actor.kind === 'user' ? ctx.actor.orgId : null);

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
    lifecycleFacts,
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
      const now = clock.now();
      const { rows, total } = await store.read.engagements.list(viewer, query, now);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          displayName: r.displayName,
          type: r.type,
          status: r.status,
          client: { orgId: r.clientOrgId, name: r.clientName },
          provider: r.providerOrgId ? { orgId: r.providerOrgId, name: r.providerName ?? '' } : null,
          targetEnd: r.targetEnd,
          nextMilestoneDue: r.derived.nextMilestoneDue,
          progressPct: r.derived.progressPct,
          rag: r.derived.rag,
          riskFlags: riskFlagsAt(r.status, r.derived, now),
          updatedAt: r.updatedAt,
        })),
      };
    },

    /** The providers a client can invite: every provider organisation on the instance, by name. */
    async providerDirectory(ctx: RequestContext): Promise<{ orgId: string; name: string }[]> {
      if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Sign in first.', { reason: 'no_rule' });
      authorize(ctx.actor, 'provider.directory', { type: 'engagements', orgId: ctx.actor.orgId });
      return (await store.read.orgs.list()).filter((o) => o.kind === 'provider').map((o) => ({ orgId: o.id, name: o.name }));
    },

    async get(ctx: RequestContext, id: string): Promise<EngagementView> {
      const tx = store.read;
      const { engagement, role } = await engagementFor(tx, ctx, id, 'engagement.read');
      return render(tx, ctx, engagement, role);
    },

    async updateBrief(ctx: RequestContext, id: string, input: UpdateBriefRequest): Promise<EngagementView> {
      const patch = parseOrThrow(updateBriefRequestSchema, input);
      return store.transaction(async (tx) => {
        const { engagement: e, role } = await engagementFor(tx, ctx, id, 'engagement.edit_brief', true);
        requireVersion(e.version, patch.version);
        if (!(e.status === 'draft' || isBidding(e.status))) {
          throw new AppError('invalid_state', 'After the award the brief changes only through a change request.', {
            reason: 'brief_locked',
          });
        }
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
        return render(tx, ctx, next, role);
      });
    },

    async inviteProviders(ctx: RequestContext, id: string, providerOrgIds: readonly string[]): Promise<EngagementView> {
      return store.transaction(async (tx) => {
        const { engagement: e, role } = await engagementFor(tx, ctx, id, 'engagement.invite_providers', true);
        if (!(e.status === 'draft' || isBidding(e.status))) {
          throw new AppError('invalid_state', 'Providers are invited before the award.', { reason: 'invitations_closed' });
        }
        const issues = [];
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
          await auditEngagement(
            deps,
            tx,
            ctx,
            e,
            { type: 'engagement.providers_invited', resource: { type: 'engagement', id }, data: { providerOrgIds: [orgId] } },
            orgId,
          );
          // Already out for proposals: the new provider hears at once; otherwise when the client sends the request.
          if (e.status !== 'draft') {
            await notify(
              deps,
              tx,
              e,
              'provider',
              await orgManagers(tx, orgId, ['provider_admin', 'delivery_manager']),
              'engagement.requested',
            );
          }
        }
        const next = { ...e, updatedAt: now, version: e.version + 1 };
        await tx.engagements.save(next);
        return render(tx, ctx, next, role);
      });
    },

    async transition(ctx: RequestContext, id: string, input: { action: TransitionAction; reason?: string | undefined; version: number }) {
      return store.transaction(async (tx) => {
        const { engagement: e, role } = await engagementFor(tx, ctx, id, 'engagement.transition', true);
        requireVersion(e.version, input.version);
        const result = transition(await lifecycleFacts(tx, e), input.action, leadOf(role), input.reason);
        const now = clock.now();
        const next: EngagementRecord = {
          ...e,
          status: result.to,
          heldFrom: result.heldFrom,
          updatedAt: now.toISOString(),
          version: e.version + 1,
        };
        if (input.action === 'start') next.workStartedAt = now.toISOString();
        if (input.action === 'deliver') next.workEndedAt = now.toISOString();
        if (input.action === 'send_back') next.workEndedAt = null;
        await tx.engagements.save(next);
        await auditEngagement(deps, tx, ctx, next, {
          type: 'engagement.transitioned',
          resource: { type: 'engagement', id },
          data: { action: input.action, from: result.from, to: result.to, reason: input.reason?.trim() || null },
        });
        if (input.action === 'request') {
          for (const p of await tx.engagements.providers(id)) {
            await notify(
              deps,
              tx,
              next,
              'provider',
              await orgManagers(tx, p.providerOrgId, ['provider_admin', 'delivery_manager']),
              'engagement.requested',
            );
          }
        } else {
          const data = { action: input.action, from: result.from, to: result.to };
          await notify(deps, tx, next, 'client', await recipientsOn(tx, next, 'client'), 'engagement.status_changed', data);
          await notify(deps, tx, next, 'provider', await recipientsOn(tx, next, 'provider'), 'engagement.status_changed', data);
        }
        await refreshDerived(tx, next);
        return render(tx, ctx, next, role);
      });
    },

    async assignTeam(ctx: RequestContext, id: string, input: { userId: string; role: 'owner' | 'reviewer' | 'lead' | 'analyst' }) {
      return store.transaction(async (tx) => {
        const { engagement: e, role } = await engagementFor(tx, ctx, id, 'engagement.assign_team', true);
        const side = sideOf(role);
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
        const now = clock.now().toISOString();
        let next = e;
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
        await auditEngagement(deps, tx, ctx, next, {
          type: 'engagement.team_assigned',
          resource: { type: 'engagement', id },
          data: { userId: input.userId, side, role: input.role },
        });
        await notify(deps, tx, next, side, [input.userId], 'team.assigned', { role: input.role });
        return render(tx, ctx, next, role);
      });
    },

    /** Unassigning takes effect at once: the person's need-to-know ends with it. */
    async unassignTeam(ctx: RequestContext, id: string, userId: string) {
      return store.transaction(async (tx) => {
        const { engagement: e, role } = await engagementFor(tx, ctx, id, 'engagement.assign_team', true);
        const member = (await tx.engagements.team(id)).find((t) => t.userId === userId);
        if (!member) throw new AppError('not_found', 'This person is not on the engagement.', { reason: 'not_on_team' });
        if (member.side !== sideOf(role))
          throw new AppError('forbidden', 'Each side unassigns only its own people.', { reason: 'other_side' });
        if (member.role === 'owner') throw new AppError('invalid_state', 'Appoint another owner first.', { reason: 'owner_required' });
        await tx.engagements.unassign(id, userId);
        await auditEngagement(deps, tx, ctx, e, {
          type: 'engagement.team_unassigned',
          resource: { type: 'engagement', id },
          data: { userId, side: member.side, role: member.role },
        });
        return render(tx, ctx, e, role);
      });
    },
  };
}

export type EngagementCore = ReturnType<typeof engagementCore>;
