import { type SowContent, type SowVersionView, type SowView, sowContentSchema } from '../../shared/contracts/engagements.js';
import { AppError, parseOrThrow } from '../../shared/errors.js';
import type { RequestContext } from '../access/actor.js';
import type { MilestoneRecord, Repos, SowVersionRecord } from '../store.js';
import {
  audienceOn,
  auditEngagement,
  clientAudience,
  currentSow,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  isApproved,
  notify,
  otherSide,
  people,
  personOr,
  providerAudience,
  recipientsOn,
  refreshDerived,
  requireVersion,
  sideOf,
} from './context.js';

/**
 * Brings the milestones in line with an approved SOW. A milestone keeps its baseline (the due
 * date of the first approved SOW) and its progress; a new key becomes a new milestone; a key that
 * is gone removes its milestone if no work was done on it.
 */
export async function syncMilestones(deps: EngagementDeps, tx: Repos, engagementId: string, sow: SowContent): Promise<void> {
  const existing = await tx.engagements.milestones(engagementId);
  const byKey = new Map(existing.map((m) => [m.key, m]));
  for (const [position, planned] of sow.milestones.entries()) {
    const current = byKey.get(planned.key);
    const next: MilestoneRecord = current
      ? { ...current, position, title: planned.title, dueDate: planned.dueDate, weight: planned.weight, deliverables: planned.deliverables }
      : {
          id: deps.random.uuid(),
          engagementId,
          key: planned.key,
          position,
          title: planned.title,
          baselineDueDate: planned.dueDate,
          dueDate: planned.dueDate,
          weight: planned.weight,
          deliverables: planned.deliverables,
          status: 'planned',
          startedAt: null,
          submittedAt: null,
          acceptedAt: null,
          reworkRounds: 0,
        };
    await tx.engagements.saveMilestone(next);
    byKey.delete(planned.key);
  }
  for (const gone of byKey.values()) {
    if (gone.status !== 'planned') {
      throw new AppError('invalid_state', `Milestone "${gone.title}" has work on it and cannot be dropped from the SOW.`, {
        reason: 'milestone_in_use',
      });
    }
    await tx.engagements.deleteMilestone(gone.id);
  }
}

export function sowService(deps: EngagementDeps) {
  const { store, clock } = deps;

  async function versionView(tx: Repos, versions: readonly SowVersionRecord[]): Promise<SowVersionView[]> {
    const names = await people(
      tx,
      versions.flatMap((v) => [v.createdBy, v.clientApprovedBy, v.providerApprovedBy]),
    );
    const newest = versions.at(-1)?.version;
    return versions.map((v) => ({
      version: v.version,
      content: v.content,
      reason: v.reason,
      changeRequestId: v.changeRequestId,
      createdBy: personOr(names, v.createdBy),
      createdAt: v.createdAt,
      clientApproval: v.clientApprovedAt ? { by: personOr(names, v.clientApprovedBy), at: v.clientApprovedAt } : null,
      providerApproval: v.providerApprovedAt ? { by: personOr(names, v.providerApprovedBy), at: v.providerApprovedAt } : null,
      status: v.version !== newest ? 'superseded' : isApproved(v) ? 'approved' : 'pending_approval',
    }));
  }

  async function sowView(tx: Repos, engagementId: string): Promise<SowView> {
    const versions = await versionView(tx, await tx.engagements.sowVersions(engagementId));
    return { current: versions.at(-1) ?? null, versions: [...versions].reverse() };
  }

  return {
    async get(ctx: RequestContext, id: string): Promise<SowView> {
      const tx = store.read;
      await engagementToRead(store, ctx, id, 'sow.read');
      return sowView(tx, id);
    },

    /**
     * A new version of a SOW not yet approved by both sides. `baseVersion` is the version the edit
     * started from: a concurrent edit answers 409 instead of being lost. The fee stays as awarded.
     */
    async revise(ctx: RequestContext, id: string, input: { content: SowContent; baseVersion: number }): Promise<SowView> {
      const content = parseOrThrow(sowContentSchema, input.content);
      return store.transaction(async (tx) => {
        // The rules have checked that a SOW awaits approval and this lead may revise it.
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'sow.revise', true);
        const current = currentSow(await tx.engagements.sowVersions(id));
        if (!current) throw new AppError('internal', 'The rules let a SOW be revised before there is one.');
        requireVersion(current.version, input.baseVersion, 'SOW');
        if (JSON.stringify(content.fee) !== JSON.stringify(current.content.fee)) {
          throw new AppError('invalid_state', 'The fee was set by the award and changes only through an approved change request.', {
            reason: 'fee_locked',
            issues: [{ path: ['content', 'fee'], code: 'fee_locked', message: 'The fee changes only through a change request.' }],
          });
        }
        const now = clock.now().toISOString();
        const version = current.version + 1;
        await tx.engagements.insertSow({
          engagementId: id,
          version,
          content,
          reason: 'revision',
          changeRequestId: null,
          createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          createdAt: now,
          clientApprovedBy: null,
          clientApprovedAt: null,
          providerApprovedBy: null,
          providerApprovedAt: null,
        });
        await auditEngagement(deps, tx, ctx, e, {
          type: 'sow.revised',
          resource: { type: 'sow', id: `${id}:${version}` },
          data: { version, reason: 'revision' },
        });
        const side = otherSide(sideOf(standing));
        await notify(deps, tx, e, audienceOn(e, side), await recipientsOn(tx, e, side, 'leads'), 'sow.approval_needed', { version });
        return sowView(tx, id);
      });
    },

    /** One side approves the current version; when both have, the milestones follow it. */
    async approve(ctx: RequestContext, id: string, version: number): Promise<SowView> {
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'sow.approve', true);
        const current = currentSow(await tx.engagements.sowVersions(id));
        if (!current) throw new AppError('internal', 'The rules let a SOW be approved before there is one.');
        requireVersion(current.version, version, 'SOW');
        const side = sideOf(standing);
        const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
        const now = clock.now().toISOString();
        const approved: SowVersionRecord =
          side === 'client'
            ? { ...current, clientApprovedBy: userId, clientApprovedAt: now }
            : { ...current, providerApprovedBy: userId, providerApprovedAt: now };
        await tx.engagements.saveSowApproval(approved);
        await auditEngagement(deps, tx, ctx, e, {
          type: 'sow.approved',
          resource: { type: 'sow', id: `${id}:${version}` },
          data: { version, side },
        });
        if (isApproved(approved)) {
          await syncMilestones(deps, tx, id, approved.content);
          await notify(deps, tx, e, clientAudience(e), await recipientsOn(tx, e, 'client', 'leads'), 'sow.approved', { version });
          await notify(deps, tx, e, providerAudience(e), await recipientsOn(tx, e, 'provider', 'leads'), 'sow.approved', { version });
          await refreshDerived(tx, e);
        }
        return sowView(tx, id);
      });
    },
  };
}
