import type { LoadWarningView } from '../../shared/contracts/capacity.js';
import type { StaffedPersonView, StaffingPlanInput } from '../../shared/contracts/staffing.js';
import type { Issue } from '../../shared/errors.js';
import type { Role } from '../../shared/roles.js';
import type { RequestContext } from '../access/actor.js';
import { checkPeople } from '../conflicts/service.js';
import { jstDate } from '../engagements/business-days.js';
import { auditEngagement, type EngagementDeps, notify, orgManagers, providerAudience } from '../engagements/context.js';
import type { EngagementRecord, Repos } from '../store.js';
import { planAllocations } from './capacity-service.js';
import type { StaffingRecord } from './staffing-store.js';
import { addDays, weekStartOf } from './weeks.js';

/**
 * A proposal's internal staffing plan (decision 0011, addendum "Staffing plans and the award"): saved
 * with the provider's proposal, counted as tentative load while the bid is open, and turned into the
 * team and its allocations by the award — in the award's transaction, never refusing it: whoever the
 * plan would take past a legal maximum is left out and named to the provider's managers. The client
 * learns nothing of it.
 */

/** How far from the current week a staffing plan may reach (as an allocation: two years). */
const PLAN_REACH_DAYS = 104 * 7;
/** Roles of the provider whose people may be staffed. */
const STAFFABLE: readonly Role[] = ['analyst', 'delivery_manager', 'provider_admin'];

export type LeftOutReason = 'legal_maximum' | 'conflict' | 'not_member';

/** What the plan asks that the provider cannot give: someone not (or no longer) its active member, a week too far off. */
export function staffingProblems(
  plan: StaffingPlanInput,
  members: readonly { userId: string; status: 'active' | 'disabled'; roles: readonly Role[] }[],
  today: string,
): Issue[] {
  const thisWeek = weekStartOf(today);
  const issues: Issue[] = [];
  plan.forEach((p, i) => {
    const m = members.find((x) => x.userId === p.userId);
    if (m?.status !== 'active' || !m.roles.some((r) => STAFFABLE.includes(r))) {
      issues.push({ path: ['staffing', i, 'userId'], code: 'not_member', message: 'Not a working member of your organisation.' });
    }
    p.weeks.forEach((w, j) => {
      if (w.week < addDays(thisWeek, -PLAN_REACH_DAYS) || w.week > addDays(thisWeek, PLAN_REACH_DAYS)) {
        issues.push({
          path: ['staffing', i, 'weeks', j, 'week'],
          code: 'week_out_of_range',
          message: 'Plan within two years of this week.',
          params: { week: w.week },
        });
      }
    });
  });
  return issues;
}

/** Who the award leaves off the team, and why; null: staffed. A conflict or a lost membership comes before the load. */
export function leftOutReason(facts: { member: boolean; conflict: boolean; legalBreach: boolean }): LeftOutReason | null {
  if (!facts.member) return 'not_member';
  if (facts.conflict) return 'conflict';
  return facts.legalBreach ? 'legal_maximum' : null;
}

const severityRank = (w: LoadWarningView) => (w.severity === 'breach' ? 2 : 1) * 10 + (w.legalMaximum ? 1 : 0);

/** The warning to name first: a breach before a warning, a legal maximum before the agreement's, then the nearest to its limit. */
export function worstWarning(warnings: readonly LoadWarningView[]): LoadWarningView | null {
  let worst: LoadWarningView | null = null;
  for (const w of warnings) {
    if (
      !worst ||
      severityRank(w) > severityRank(worst) ||
      (severityRank(w) === severityRank(worst) && w.forecast / w.limit > worst.forecast / worst.limit)
    ) {
      worst = w;
    }
  }
  return worst;
}

export const staffedPersonView = (r: StaffingRecord): StaffedPersonView => ({
  userId: r.userId,
  displayName: r.displayName,
  role: r.role,
  weeks: r.weeks,
  outcome: r.outcome,
  outcomeReason: (r.outcome === 'left_out' ? r.outcomeReason : null) as StaffedPersonView['outcomeReason'],
  warnings: (r.warnings ?? []) as LoadWarningView[],
});

/** Saves the provider's plan with its proposal, refusing people and weeks it cannot plan; audited in the provider's log only. */
export async function saveStaffing(
  deps: EngagementDeps,
  tx: Repos,
  ctx: RequestContext,
  proposal: { id: string; providerOrgId: string },
  plan: StaffingPlanInput,
): Promise<Issue[]> {
  const members = await tx.memberships.listForOrg(proposal.providerOrgId);
  const issues = staffingProblems(plan, members, jstDate(deps.clock.now()));
  if (issues.length > 0) return issues;
  await tx.staffing.replace(proposal.id, proposal.providerOrgId, plan);
  await deps.audit(tx, ctx, {
    type: 'proposal.staffing_saved',
    orgId: proposal.providerOrgId,
    partyOrgId: null,
    resource: { type: 'proposal', id: proposal.id },
    data: {
      people: plan.length,
      minutes: plan.reduce((s, p) => s + p.weeks.reduce((t, w) => t + w.minutes, 0), 0),
    },
  });
  return [];
}

/**
 * The award's staffing, in its transaction (the engagement is already contracted with the provider):
 * each person of the winning plan joins the team with the plan's weeks, unless they are no longer a
 * working member, a conflict wall stands, or the plan crosses a legal maximum of overtime. The
 * provider's managers hear of anyone left out, and they and the person of any limit the plan brings
 * near or past. Everything is recorded in the provider's log only; nothing here reaches the client.
 */
export async function staffFromAward(deps: EngagementDeps, tx: Repos, ctx: RequestContext, e: EngagementRecord, proposalId: string) {
  const orgId = e.awardedProviderOrgId;
  if (!orgId) return;
  const plan = await tx.staffing.plan(proposalId);
  if (plan.length === 0) return;
  const ids = plan.map((p) => p.userId);
  const [members, conflicts] = await Promise.all([tx.memberships.listForOrg(orgId), checkPeople(deps, tx, e, ids)]);
  const today = jstDate(deps.clock.now());
  const now = deps.clock.now().toISOString();
  const staffed: { userId: string; role: string; minutes: number; warnings: number }[] = [];
  const leftOut: { userId: string; reason: LeftOutReason }[] = [];
  const managers = await orgManagers(tx, orgId, ['delivery_manager']);
  const audience = providerAudience(e);

  for (const p of plan) {
    const member = staffingProblems([{ userId: p.userId, role: p.role, weeks: [] }], members, today).length === 0;
    const conflict = conflicts.some((c) => c.userId === p.userId && c.blocking.length > 0);
    let reason = leftOutReason({ member, conflict, legalBreach: false });
    let warnings: LoadWarningView[] = [];
    if (!reason) {
      const weighed = await planAllocations(deps, tx, ctx, { orgId, userId: p.userId, engagementId: e.id, weeks: p.weeks }, 'award');
      warnings = weighed.effect.warnings;
      reason = leftOutReason({ member, conflict, legalBreach: weighed.effect.blocked });
    }
    await tx.staffing.setOutcome(proposalId, p.userId, reason ? 'left_out' : 'staffed', reason, warnings);
    if (reason) {
      leftOut.push({ userId: p.userId, reason });
      await notify(deps, tx, e, audience, managers, 'staffing.left_out', { person: p.displayName, reason });
      continue;
    }
    await tx.engagements.assign(e.id, { userId: p.userId, side: 'provider', role: p.role, assignedAt: now });
    // Joining the team is the client's to know, as for any addition (who may now read its engagement).
    await auditEngagement(deps, tx, ctx, e, {
      type: 'engagement.team_assigned',
      resource: { type: 'engagement', id: e.id },
      data: { userId: p.userId, side: 'provider', role: p.role },
    });
    await notify(deps, tx, e, audience, [p.userId], 'team.assigned', { role: p.role });
    staffed.push({ userId: p.userId, role: p.role, minutes: p.weeks.reduce((s, w) => s + w.minutes, 0), warnings: warnings.length });
    const worst = worstWarning(warnings);
    if (worst) {
      await notify(deps, tx, e, audience, [...managers, p.userId], 'staffing.load_warning', {
        person: p.displayName,
        userId: p.userId,
        severity: worst.severity,
        rule: worst.rule,
        month: worst.to,
        forecast: worst.forecast,
        limit: worst.limit,
      });
    }
  }
  await deps.audit(tx, ctx, {
    type: 'proposal.staffing_applied',
    orgId,
    partyOrgId: null,
    resource: { type: 'engagement', id: e.id },
    data: { proposalId, staffed, leftOut },
  });
}
