import type { ControlFigures, ProviderScorecard } from '../../shared/contracts/engagements.js';
import { AppError } from '../../shared/errors.js';
import type { RequestContext } from '../access/actor.js';
import { systemContext } from '../access/actor.js';
import { authorize } from '../access/policy.js';
import type { EngagementRecord, GoldFiguresRow, QualityFiguresRow, QualityTrendRow, Repos } from '../store.js';
import { addBusinessDays } from './business-days.js';
import {
  auditEngagement,
  clientAudience,
  type EngagementDeps,
  engagementToRead,
  loadHistories,
  loadHistory,
  nameFor,
  notify,
  orgManagers,
  providerAudience,
  recipientsOn,
  refreshDerived,
  sideOf,
} from './context.js';
import { controlFigures, type EngagementHistory, percentile, reviewRounds, slaBreaches, updateSchedule } from './control.js';

/** How long a breach stays unresolved before the organisations' administrators hear of it. */
export const ESCALATE_AFTER_BUSINESS_DAYS = 2;
/** How long before a status update falls due its authors are reminded. */
export const REMIND_BEFORE_MS = 24 * 3600_000;
/**
 * How long a provider's median answer time across all its engagements (the control figures' "own
 * average") is kept before a view computes it again: it moves slowly, and computing it reads every
 * answered question of the provider — a cost that grows with the provider, paid once a quarter-hour.
 */
export const PROVIDER_ANSWER_STATS_MAX_AGE_MS = 15 * 60_000;

/**
 * The next moment the SLA watch has something to do on an engagement, after it looked at `now`:
 * a deadline falling due, a reminder before the next status update, an escalation of a breach
 * still open. Null when nothing lies ahead until the engagement changes (a change always makes
 * the watch look again).
 */
export function nextSlaCheckAt(h: EngagementHistory, now: Date, updateReminderFor: string | null): string | null {
  const nowMs = now.getTime();
  const candidates: number[] = [];
  const nextDue = updateSchedule(h, now).nextDue;
  if (nextDue) {
    candidates.push(Date.parse(nextDue));
    if (updateReminderFor !== nextDue) candidates.push(Date.parse(nextDue) - REMIND_BEFORE_MS);
  }
  for (const q of h.questions) if (!q.answeredAt && !q.closedAt) candidates.push(Date.parse(q.dueAt));
  for (const r of reviewRounds(h)) if (!r.decidedAt) candidates.push(Date.parse(r.dueAt));
  for (const b of slaBreaches(h, now)) {
    if (b.resolvedAt === null) candidates.push(addBusinessDays(new Date(b.dueAt), ESCALATE_AFTER_BUSINESS_DAYS).getTime());
  }
  // A deadline at this very instant is not yet a breach (one is late only after it): look again.
  const ahead = candidates.filter((t) => t >= nowMs);
  return ahead.length > 0 ? new Date(Math.min(...ahead)).toISOString() : null;
}

const ratio = (part: number, whole: number, scale = 1): number | null => (whole > 0 ? Math.round((part / whole) * scale * 10) / 10 : null);
const oneDecimal = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** A provider's quality on the scorecard, from the figures SQL computed over every one of its versions. */
export function qualityCard(
  figures: QualityFiguresRow | undefined,
  trend: readonly QualityTrendRow[],
  gold: GoldFiguresRow | undefined,
): ProviderScorecard['quality'] {
  return {
    deliverables: figures?.deliverables ?? 0,
    submissions: figures?.versions ?? 0,
    meanScorePct: oneDecimal(figures?.meanScorePct ?? null),
    firstPassAcceptancePct: figures ? ratio(figures.firstPassAccepted, figures.firstPassDecided, 100) : null,
    reworkRoundsPerDeliverable: figures ? ratio(figures.reworkRounds, figures.deliverables) : null,
    findingsPerSubmission: figures ? ratio(figures.findings, figures.versions) : null,
    medianReviewTurnaroundHours: oneDecimal(figures?.medianTurnaroundHours ?? null),
    goldItems: gold?.items ?? 0,
    goldHitRatePct: gold ? ratio(gold.caught, gold.items, 100) : null,
    trend: trend.map((t) => ({
      month: t.month,
      meanScorePct: oneDecimal(t.meanScorePct),
      firstPassAcceptancePct: ratio(t.firstPassAccepted, t.firstPassDecided, 100),
    })),
  };
}

/** The statuses whose engagements count on a provider's scorecard: awarded and not cancelled. */
const SCORECARD_STATUSES = ['contracted', 'in_progress', 'delivered', 'accepted', 'closed', 'on_hold'] as const;
/** Engagements read per round of the scorecards (their histories in five reads per round). */
const SCORECARD_PAGE = 500;

/** What a provider's scorecard sums over its engagements, before the figures are drawn from it. */
interface ScorecardTally {
  engagements: number;
  active: number;
  breaches: number;
  answerHours: number[];
  reviewHours: number[];
  variances: number[];
  duties: number;
  onTime: number;
}

const emptyTally = (): ScorecardTally => ({
  engagements: 0,
  active: 0,
  breaches: 0,
  answerHours: [],
  reviewHours: [],
  variances: [],
  duties: 0,
  onTime: 0,
});

/** Adds one engagement's record (its control figures as of `now`) to its provider's tally. */
function tallyEngagement(t: ScorecardTally, e: Pick<EngagementRecord, 'status'>, history: EngagementHistory, now: Date): void {
  const figures = controlFigures(history, now, { ownAverageHours: null });
  t.engagements += 1;
  if (e.status === 'in_progress' || e.status === 'contracted' || e.status === 'delivered') t.active += 1;
  t.breaches += figures.sla.breaches.filter((b) => b.side === 'provider').length;
  for (const q of history.questions) {
    if (q.askedBySide === 'client' && q.answeredAt) t.answerHours.push((Date.parse(q.answeredAt) - Date.parse(q.askedAt)) / 3_600_000);
  }
  if (figures.cycleTimes.review.medianHours !== null) t.reviewHours.push(figures.cycleTimes.review.medianHours);
  for (const s of figures.schedule) if (s.completedOn) t.variances.push(s.varianceDays);
  const pct = figures.responsiveness?.withinCommitmentPct;
  if (pct !== null && pct !== undefined) {
    // Weigh each engagement by its number of duties: recompute from the schedule and questions.
    const dutyCount = history.questions.filter((q) => q.askedBySide === 'client').length + updateSchedule(history, now).dueTimes.length;
    t.duties += dutyCount;
    t.onTime += (pct / 100) * dutyCount;
  }
}

const median1 = (xs: number[]) => {
  const m = percentile(xs, 0.5);
  return m === null ? null : Math.round(m * 10) / 10;
};

/** A scorecard's delivery figures from its tally. */
function tallyFigures(t: ScorecardTally): Omit<ProviderScorecard, 'provider' | 'quality'> {
  return {
    engagements: t.engagements,
    active: t.active,
    slaBreaches: t.breaches,
    withinCommitmentPct: t.duties > 0 ? Math.round((t.onTime / t.duties) * 1000) / 10 : null,
    medianAnswerHours: median1(t.answerHours),
    medianReviewTurnaroundHours: median1(t.reviewHours),
    averageScheduleVarianceDays: t.variances.length
      ? Math.round((t.variances.reduce((a, b) => a + b, 0) / t.variances.length) * 10) / 10
      : null,
  };
}

/** The control figures, the providers' scorecards, and the SLA watch that runs as a job. */
export function oversight(deps: EngagementDeps) {
  const { store, clock } = deps;

  /** The provider's median answer time as kept, when it is recent enough; otherwise computed again and kept. */
  async function ownAnswerHours(tx: Repos, providerOrgId: string, now: Date): Promise<number | null> {
    const kept = await tx.engagements.providerAnswerStats(providerOrgId);
    // Either way round: another process whose clock runs a little ahead may have kept it.
    if (kept && Math.abs(now.getTime() - Date.parse(kept.computedAt)) < PROVIDER_ANSWER_STATS_MAX_AGE_MS) return kept.hours;
    const hours = await tx.engagements.providerMedianAnswerHours(providerOrgId);
    // Keeping it is a saving, not part of the answer: a failed write leaves the view as computed.
    await tx.engagements.saveProviderAnswerStats(providerOrgId, hours, now.toISOString()).catch(() => undefined);
    return hours;
  }

  async function figuresFor(tx: Repos, e: EngagementRecord, side: 'client' | 'provider'): Promise<ControlFigures> {
    const now = clock.now();
    const history = await loadHistory(tx, e);
    const own = e.awardedProviderOrgId ? await ownAnswerHours(tx, e.awardedProviderOrgId, now) : null;
    const figures = controlFigures(history, now, { ownAverageHours: own });
    // The client's budget is never the provider's to see.
    return side === 'provider' && figures.budget ? { ...figures, budget: { ...figures.budget, budget: null } } : figures;
  }

  return {
    async control(ctx: RequestContext, id: string): Promise<ControlFigures> {
      const tx = store.read;
      const { engagement, standing } = await engagementToRead(store, ctx, id, 'control.read');
      return figuresFor(tx, engagement, sideOf(standing));
    },

    /**
     * Each provider's record on the engagements the viewer can see: a client sees its providers on
     * its own engagements; a provider's managers see their own record across all their clients.
     */
    async scorecards(ctx: RequestContext): Promise<ProviderScorecard[]> {
      const actor = ctx.actor;
      if (actor.kind !== 'user' || actor.orgKind === 'operator')
        throw new AppError('forbidden', 'Scorecards belong to clients and providers.', { reason: 'no_rule' });
      authorize(actor, 'scorecard.read', { type: 'engagements', orgId: actor.orgId });
      const tx = store.read;
      const scope = actor.orgKind === 'provider' ? { providerOrgId: actor.orgId } : { clientOrgId: actor.orgId };
      const now = clock.now();
      // Every awarded engagement in scope, a page at a time: each page's histories in five reads, folded into its provider's tally.
      const byProvider = new Map<string, { name: string; tally: ScorecardTally }>();
      for (let afterId: string | null = null; ; ) {
        const page = await tx.engagements.awardedInScope(scope, SCORECARD_STATUSES, afterId, SCORECARD_PAGE);
        if (page.length === 0) break;
        const histories = await loadHistories(
          tx,
          page.map((p) => p.engagement),
        );
        page.forEach(({ engagement: e, providerName }, i) => {
          const providerOrgId = e.awardedProviderOrgId as string;
          const entry = byProvider.get(providerOrgId) ?? { name: providerName, tally: emptyTally() };
          tallyEngagement(entry.tally, e, histories[i] as EngagementHistory, now);
          byProvider.set(providerOrgId, entry);
        });
        afterId = page.at(-1)?.engagement.id ?? null;
        if (page.length < SCORECARD_PAGE) break;
      }
      const [qualityRows, trendRows, goldRows] = await Promise.all([
        tx.quality.qualityFigures(scope),
        tx.quality.qualityTrend(scope),
        tx.quality.goldFigures(scope),
      ]);
      const cards: ProviderScorecard[] = [];
      for (const [providerOrgId, { name, tally }] of byProvider) {
        cards.push({
          provider: { orgId: providerOrgId, name },
          ...tallyFigures(tally),
          quality: qualityCard(
            qualityRows.find((q) => q.providerOrgId === providerOrgId),
            trendRows.filter((t) => t.providerOrgId === providerOrgId),
            goldRows.find((g) => g.providerOrgId === providerOrgId),
          ),
        });
      }
      return cards.sort((a, b) => a.provider.name.localeCompare(b.provider.name));
    },

    /**
     * The SLA watch (a job, every minute): records each new breach once and tells the side that owes
     * the response and the engagement's owner; escalates a breach still open after two business days
     * to both organisations' administrators; reminds a provider's team a day before an update is due.
     * Safe to run again and from several processes: every effect is keyed so it happens once.
     */
    async checkSlas(): Promise<{ engagements: number; breaches: number; escalations: number; reminders: number }> {
      const ctx = systemContext('job:sla-check');
      const ids = await store.read.engagements.listDueForSlaCheck(clock.now().toISOString());
      let breaches = 0;
      let escalations = 0;
      let reminders = 0;
      for (const id of ids) {
        const counts = await store.transaction(async (tx) => {
          const e = await tx.engagements.getForUpdate(id);
          if (!e) return { breaches: 0, escalations: 0, reminders: 0 };
          const now = clock.now();
          const history = await loadHistory(tx, e);
          const found = slaBreaches(history, now);
          const fresh = await tx.engagements.recordBreaches(id, found, now.toISOString());
          for (const b of fresh) {
            await auditEngagement(deps, tx, ctx, e, {
              type: 'sla.breach_detected',
              resource: { type: 'engagement', id },
              data: { kind: b.kind, subjectId: b.subjectId, side: b.side, dueAt: b.dueAt },
            });
            const data = { kind: b.kind, label: b.label, dueAt: b.dueAt, side: b.side };
            await notify(
              deps,
              tx,
              e,
              clientAudience(e),
              [e.ownerUserId, ...(b.side === 'client' ? await recipientsOn(tx, e, 'client', 'leads') : [])],
              'sla.breached',
              data,
            );
            if (b.side === 'provider')
              await notify(deps, tx, e, providerAudience(e), await recipientsOn(tx, e, 'provider', 'leads'), 'sla.breached', data);
          }
          const open = new Set(found.filter((b) => b.resolvedAt === null).map((b) => `${b.kind}:${b.subjectId}`));
          let escalated = 0;
          for (const b of await tx.engagements.breachesToEscalate(id, now.toISOString())) {
            if (!open.has(`${b.kind}:${b.subjectId}`)) continue;
            // Escalated once two business days have passed since the deadline.
            const detail = found.find((f) => f.kind === b.kind && f.subjectId === b.subjectId);
            if (!detail || addBusinessDays(new Date(detail.dueAt), ESCALATE_AFTER_BUSINESS_DAYS).getTime() > now.getTime()) continue;
            await tx.engagements.markEscalated(id, b.kind, b.subjectId, now.toISOString());
            await auditEngagement(deps, tx, ctx, e, {
              type: 'sla.escalated',
              resource: { type: 'engagement', id },
              data: { kind: b.kind, subjectId: b.subjectId, side: b.side },
            });
            const data = { kind: b.kind, label: detail.label, dueAt: detail.dueAt, side: b.side };
            await notify(deps, tx, e, clientAudience(e), await orgManagers(tx, e.clientOrgId, ['client_admin']), 'sla.escalated', data);
            if (e.awardedProviderOrgId)
              await notify(
                deps,
                tx,
                e,
                providerAudience(e),
                await orgManagers(tx, e.awardedProviderOrgId, ['provider_admin']),
                'sla.escalated',
                data,
              );
            escalated++;
          }
          let reminded = 0;
          const nextDue = updateSchedule(history, now).nextDue;
          if (
            e.status === 'in_progress' &&
            nextDue &&
            e.updateReminderFor !== nextDue &&
            Date.parse(nextDue) - now.getTime() <= REMIND_BEFORE_MS
          ) {
            await tx.engagements.save({ ...e, updateReminderFor: nextDue });
            await notify(deps, tx, e, providerAudience(e), await recipientsOn(tx, e, 'provider'), 'reminder.update_due', {
              dueAt: nextDue,
              engagement: nameFor(e, 'provider'),
            });
            reminded = 1;
          }
          await refreshDerived(tx, e);
          await tx.engagements.setSlaCheckDueAt(id, nextSlaCheckAt(history, now, reminded ? nextDue : e.updateReminderFor));
          return { breaches: fresh.length, escalations: escalated, reminders: reminded };
        });
        breaches += counts.breaches;
        escalations += counts.escalations;
        reminders += counts.reminders;
      }
      return { engagements: ids.length, breaches, escalations, reminders };
    },
  };
}
