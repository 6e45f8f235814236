import {
  type ControlFigures,
  type CycleStats,
  type EngagementStatus,
  type EngagementSummary,
  feeEstimate,
  type Rag,
  type RiskFlag,
  type Side,
  type SlaBreach,
  type SowContent,
} from '../../shared/contracts/engagements.js';
import type { Money } from '../../shared/money.js';
import { clientOnlyFields } from '../access/engagement-rules.js';
import { addBusinessDays, addDays, daysBetween, endOfJstDay, jstDate } from './business-days.js';

/**
 * The control figures of one engagement, computed from its history and the time now: schedule
 * variance, SLA breaches, feedback cycle times, provider responsiveness, the forecast finish and
 * budget burn. Pure: the same history and time always give the same figures
 * (docs/control-figures.md explains each method).
 */
export interface EngagementHistory {
  status: EngagementStatus;
  /** The current approved SOW; null before one is approved. */
  sow: SowContent | null;
  budget: Money | null;
  /** When work started (in_progress) and ended (delivered), if it has. */
  workStartedAt: string | null;
  workEndedAt: string | null;
  milestones: readonly {
    id: string;
    title: string;
    baselineDueDate: string;
    dueDate: string;
    weight: number;
    status: 'planned' | 'in_progress' | 'submitted' | 'accepted';
    acceptedAt: string | null;
  }[];
  /** Submissions and client decisions on milestones, in time order. */
  reviews: readonly { milestoneId: string; title: string; kind: 'submitted' | 'accepted' | 'sent_back'; at: string }[];
  updates: readonly { id: string; postedAt: string; progressPct: number; rag: Rag; hoursSpent: number | null }[];
  questions: readonly {
    id: string;
    title: string;
    askedBySide: Side;
    askedAt: string;
    dueAt: string;
    answeredAt: string | null;
    closedAt: string | null;
  }[];
}

const HOUR = 3_600_000;
const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR;
const round1 = (x: number) => Math.round(x * 10) / 10;
const other = (side: Side): Side => (side === 'client' ? 'provider' : 'client');

/** Linear interpolation between closest ranks (Excel's PERCENTILE.INC); null for no data. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (rank - lo);
}

export function stats(hours: readonly number[]): CycleStats {
  const median = percentile(hours, 0.5);
  const p90 = percentile(hours, 0.9);
  return { count: hours.length, medianHours: median === null ? null : round1(median), p90Hours: p90 === null ? null : round1(p90) };
}

/** When each status update fell due under the cadence, and when the next one is due. */
export function updateSchedule(
  h: EngagementHistory,
  now: Date,
): { dueTimes: { dueAt: string; postedAt: string | null }[]; nextDue: string | null } {
  if (!h.sow || !h.workStartedAt) return { dueTimes: [], nextDue: null };
  const cadenceMs = h.sow.cadenceDays * 24 * HOUR;
  const dueTimes: { dueAt: string; postedAt: string | null }[] = [];
  let due = Date.parse(h.workStartedAt) + cadenceMs;
  for (const u of [...h.updates].sort((a, b) => a.postedAt.localeCompare(b.postedAt))) {
    if (Date.parse(u.postedAt) < Date.parse(h.workStartedAt)) continue;
    dueTimes.push({ dueAt: new Date(due).toISOString(), postedAt: u.postedAt });
    due = Date.parse(u.postedAt) + cadenceMs;
  }
  const ongoing = h.status === 'in_progress' && !h.workEndedAt;
  if (!ongoing) return { dueTimes, nextDue: null };
  // Cadences missed in a row each count: with a 7-day cadence, 15 days of silence is two misses.
  let open = due;
  while (open < now.getTime()) {
    dueTimes.push({ dueAt: new Date(open).toISOString(), postedAt: null });
    open += cadenceMs;
  }
  return { dueTimes, nextDue: new Date(open).toISOString() };
}

interface ReviewRound {
  milestoneId: string;
  title: string;
  submittedAt: string;
  decidedAt: string | null;
  dueAt: string;
}

export function reviewRounds(h: EngagementHistory): ReviewRound[] {
  const rounds: ReviewRound[] = [];
  const open = new Map<string, ReviewRound>();
  const slaDays = h.sow?.reviewSlaBusinessDays ?? 5;
  for (const r of [...h.reviews].sort((a, b) => a.at.localeCompare(b.at))) {
    if (r.kind === 'submitted') {
      const round = {
        milestoneId: r.milestoneId,
        title: r.title,
        submittedAt: r.at,
        decidedAt: null,
        dueAt: addBusinessDays(new Date(r.at), slaDays).toISOString(),
      };
      open.set(r.milestoneId, round);
      rounds.push(round);
    } else {
      const round = open.get(r.milestoneId);
      if (round) {
        round.decidedAt = r.at;
        open.delete(r.milestoneId);
      }
    }
  }
  return rounds;
}

/** Every response that came, or is still missing, after its deadline. */
export function slaBreaches(h: EngagementHistory, now: Date): SlaBreach[] {
  const nowIso = now.toISOString();
  const late = (dueAt: string, resolvedAt: string | null) => {
    const at = resolvedAt ?? nowIso;
    return Date.parse(at) > Date.parse(dueAt) ? round1(hoursBetween(dueAt, at)) : null;
  };
  const breaches: SlaBreach[] = [];
  for (const d of updateSchedule(h, now).dueTimes) {
    const hours = late(d.dueAt, d.postedAt);
    if (hours !== null) {
      breaches.push({
        kind: 'update',
        side: 'provider',
        subjectId: `update:${d.dueAt}`,
        label: 'status update',
        dueAt: d.dueAt,
        resolvedAt: d.postedAt,
        lateHours: hours,
      });
    }
  }
  for (const q of h.questions) {
    const resolvedAt = q.answeredAt ?? q.closedAt;
    const hours = late(q.dueAt, resolvedAt);
    if (hours !== null) {
      breaches.push({
        kind: 'answer',
        side: other(q.askedBySide),
        subjectId: q.id,
        label: q.title,
        dueAt: q.dueAt,
        resolvedAt,
        lateHours: hours,
      });
    }
  }
  for (const r of reviewRounds(h)) {
    const hours = late(r.dueAt, r.decidedAt);
    if (hours !== null) {
      breaches.push({
        kind: 'review',
        side: 'client',
        subjectId: `${r.milestoneId}:${r.submittedAt}`,
        label: r.title,
        dueAt: r.dueAt,
        resolvedAt: r.decidedAt,
        lateHours: hours,
      });
    }
  }
  return breaches.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

function schedule(h: EngagementHistory, today: string): ControlFigures['schedule'] {
  return h.milestones.map((m) => {
    const completedOn = m.acceptedAt ? jstDate(new Date(m.acceptedAt)) : null;
    let varianceDays: number;
    if (completedOn) varianceDays = daysBetween(m.baselineDueDate, completedOn);
    else if (today > m.baselineDueDate)
      varianceDays = Math.max(daysBetween(m.baselineDueDate, today), daysBetween(m.baselineDueDate, m.dueDate));
    else varianceDays = daysBetween(m.baselineDueDate, m.dueDate);
    return {
      milestoneId: m.id,
      title: m.title,
      baselineDueDate: m.baselineDueDate,
      dueDate: m.dueDate,
      completedOn,
      varianceDays,
      status: m.status,
    };
  });
}

/**
 * The finish date from the engagement's own pace: each accepted milestone's actual duration over
 * its planned one is a slip ratio; the work still planned, stretched by the 10th, 50th and 90th
 * percentile ratio, gives a range. Without any accepted milestone the plan is the forecast.
 */
export function forecastFinish(h: EngagementHistory, today: string): ControlFigures['forecast'] {
  if (!h.sow || h.milestones.length === 0) return null;
  const start = h.workStartedAt ? jstDate(new Date(h.workStartedAt)) : h.sow.startDate;
  // ISO dates compare as text.
  const plannedEnd =
    h.milestones
      .map((m) => m.dueDate)
      .sort()
      .at(-1) ?? h.sow.endDate;
  const ratios: number[] = [];
  let plannedAnchor = h.sow.startDate;
  let actualAnchor = start;
  for (const m of h.milestones) {
    if (m.status !== 'accepted' || !m.acceptedAt) break;
    const done = jstDate(new Date(m.acceptedAt));
    const planned = Math.max(1, daysBetween(plannedAnchor, m.baselineDueDate));
    const actual = Math.max(0, daysBetween(actualAnchor, done));
    ratios.push(actual / planned);
    plannedAnchor = m.dueDate;
    actualAnchor = done;
  }
  const remaining = Math.max(0, daysBetween(plannedAnchor, plannedEnd));
  const finish = (ratio: number) => {
    if (remaining === 0 && ratios.length === h.milestones.length) return actualAnchor;
    const projected = addDays(actualAnchor, Math.round(remaining * ratio));
    return projected < today ? today : projected;
  };
  const q = (p: number) => (ratios.length === 0 ? 1 : (percentile(ratios, p) ?? 1));
  return {
    method: 'milestone-slip-quantiles',
    plannedEnd,
    p10: finish(q(0.1)),
    p50: finish(q(0.5)),
    p90: finish(q(0.9)),
    basedOnMilestones: ratios.length,
  };
}

function budget(h: EngagementHistory): ControlFigures['budget'] {
  if (!h.sow) return null;
  const fee = h.sow.fee;
  const committed = feeEstimate(fee);
  let earned: number;
  let atCompletion: number;
  if (fee.type === 'fixed') {
    earned = Math.round((committed.amount * h.milestones.filter((m) => m.status === 'accepted').reduce((s, m) => s + m.weight, 0)) / 100);
    atCompletion = committed.amount;
  } else {
    const hours = fee.rateCard.reduce((s, r) => s + r.estimatedHours, 0);
    const blendedRate =
      hours > 0
        ? fee.rateCard.reduce((s, r) => s + r.hourlyRate.amount * r.estimatedHours, 0) / hours
        : (fee.rateCard[0]?.hourlyRate.amount ?? 0);
    const spent = h.updates.reduce((s, u) => s + (u.hoursSpent ?? 0), 0);
    earned = Math.round(spent * blendedRate);
    const progress = latest(h)?.progressPct ?? 0;
    atCompletion = progress > 0 ? Math.round(earned / (progress / 100)) : committed.amount;
    if (fee.cap) {
      earned = Math.min(earned, fee.cap.amount);
      atCompletion = Math.min(atCompletion, fee.cap.amount);
    }
  }
  return {
    budget: h.budget,
    committed,
    earned: { amount: earned, currency: committed.currency },
    burnPct: committed.amount > 0 ? round1((earned / committed.amount) * 100) : 0,
    forecastAtCompletion: { amount: atCompletion, currency: committed.currency },
  };
}

const latest = (h: EngagementHistory) => [...h.updates].sort((a, b) => b.postedAt.localeCompare(a.postedAt))[0];

export interface ResponsivenessInput {
  /** The provider's median answer time across all its engagements, in hours. */
  ownAverageHours: number | null;
}

export function controlFigures(h: EngagementHistory, now: Date, provider: ResponsivenessInput): ControlFigures {
  const today = jstDate(now);
  const breaches = slaBreaches(h, now);
  const answered = (side: Side) =>
    h.questions.filter((q) => other(q.askedBySide) === side && q.answeredAt).map((q) => hoursBetween(q.askedAt, q.answeredAt ?? q.askedAt));
  const reviews = reviewRounds(h).flatMap((r) => (r.decidedAt ? [hoursBetween(r.submittedAt, r.decidedAt)] : []));
  const providerAnswers = answered('provider');

  const providerDuties = [
    ...h.questions.filter((q) => q.askedBySide === 'client').map((q) => ({ dueAt: q.dueAt, doneAt: q.answeredAt })),
    ...updateSchedule(h, now).dueTimes.map((d) => ({ dueAt: d.dueAt, doneAt: d.postedAt })),
  ].filter((d) => d.doneAt !== null || Date.parse(d.dueAt) < now.getTime());
  const withinCommitment = providerDuties.filter((d) => d.doneAt !== null && Date.parse(d.doneAt) <= Date.parse(d.dueAt)).length;
  const median = percentile(providerAnswers, 0.5);
  const own = provider.ownAverageHours;

  const last = latest(h);
  return {
    asOf: now.toISOString(),
    schedule: schedule(h, today),
    sla: {
      breaches,
      counts: {
        update: breaches.filter((b) => b.kind === 'update').length,
        answer: breaches.filter((b) => b.kind === 'answer').length,
        review: breaches.filter((b) => b.kind === 'review').length,
      },
      nextUpdateDue: updateSchedule(h, now).nextDue,
    },
    cycleTimes: { review: stats(reviews), clientAnswers: stats(answered('client')), providerAnswers: stats(providerAnswers) },
    responsiveness: h.sow
      ? {
          withinCommitmentPct: providerDuties.length > 0 ? round1((withinCommitment / providerDuties.length) * 100) : null,
          medianResponseHours: median === null ? null : round1(median),
          ownAverageHours: own === null ? null : round1(own),
          index: median !== null && own !== null && median > 0 ? Math.round((own / median) * 100) : null,
        }
      : null,
    forecast: forecastFinish(h, today),
    budget: budget(h),
    progress: {
      pct: last?.progressPct ?? null,
      rag: last?.rag ?? null,
      weightedAcceptedPct: round1(h.milestones.filter((m) => m.status === 'accepted').reduce((s, m) => s + m.weight, 0)),
    },
  };
}

/**
 * The deadlines and figures kept on the engagement row, so that the list can filter by risk
 * without loading every history: flags are then a comparison with the time of the query.
 */
export interface DerivedState {
  nextUpdateDueAt: string | null;
  nextAnswerDueAt: string | null;
  nextReviewDueAt: string | null;
  nextMilestoneDue: string | null;
  progressPct: number | null;
  rag: Rag | null;
  overBudget: boolean;
}

export function derivedState(h: EngagementHistory): DerivedState {
  const earliest = (xs: (string | null)[]) => xs.filter((x): x is string => x !== null).sort()[0] ?? null;
  const figures = budget(h);
  const last = latest(h);
  return {
    // With the clock at the epoch nothing is overdue yet: nextDue is simply the next deadline.
    nextUpdateDueAt: updateSchedule(h, new Date(0)).nextDue,
    nextAnswerDueAt: earliest(h.questions.filter((q) => !q.answeredAt && !q.closedAt).map((q) => q.dueAt)),
    nextReviewDueAt: earliest(
      reviewRounds(h)
        .filter((r) => !r.decidedAt)
        .map((r) => r.dueAt),
    ),
    nextMilestoneDue: earliest(h.milestones.filter((m) => m.status !== 'accepted').map((m) => m.dueDate)),
    progressPct: last?.progressPct ?? null,
    rag: last?.rag ?? null,
    overBudget: !!(figures?.budget && figures.forecastAtCompletion.amount > figures.budget.amount),
  };
}

/** The risk flags of an engagement at a moment, from its derived state. */
export function riskFlagsAt(status: EngagementStatus, d: DerivedState, now: Date): RiskFlag[] {
  const nowMs = now.getTime();
  const past = (iso: string | null) => iso !== null && Date.parse(iso) < nowMs;
  const flags: RiskFlag[] = [];
  if (d.nextMilestoneDue && endOfJstDay(d.nextMilestoneDue).getTime() < nowMs && status === 'in_progress') flags.push('overdue_milestone');
  if (status === 'in_progress' && past(d.nextUpdateDueAt)) flags.push('missed_update');
  if (past(d.nextAnswerDueAt)) flags.push('overdue_answer');
  if (past(d.nextReviewDueAt)) flags.push('overdue_review');
  if (d.overBudget) flags.push('over_budget');
  if (status === 'on_hold') flags.push('on_hold');
  return flags;
}

/** Risk flags a provider never sees: they are derived from the client's budget. */
export const CLIENT_ONLY_FLAGS: ReadonlySet<RiskFlag> = new Set<RiskFlag>(clientOnlyFields.riskFlags);

/** The risk flags one side may see at `now`: a provider never a flag computed from the client's budget. */
export function riskFlagsSeenBy(status: EngagementStatus, d: DerivedState, now: Date, side: Side): RiskFlag[] {
  const flags = riskFlagsAt(status, d, now);
  return side === 'provider' ? flags.filter((f) => !CLIENT_ONLY_FLAGS.has(f)) : flags;
}

/**
 * How the work stands, for the top of the engagement page: the derived state as kept on the
 * engagement (written in every transaction that changes its history), and the risk flags it
 * raises at `now`. Only the flags depend on the time, and only through comparisons of the stored
 * deadlines with it, so a deadline passing needs no write. A provider never gets a flag computed
 * from the client's budget.
 */
export function engagementSummary(status: EngagementStatus, d: DerivedState, now: Date, side: Side): EngagementSummary {
  return {
    asOf: now.toISOString(),
    progressPct: d.progressPct,
    rag: d.rag,
    riskFlags: riskFlagsSeenBy(status, d, now, side),
    nextMilestoneDue: d.nextMilestoneDue,
    nextUpdateDueAt: d.nextUpdateDueAt,
    nextAnswerDueAt: d.nextAnswerDueAt,
    nextReviewDueAt: d.nextReviewDueAt,
  };
}
