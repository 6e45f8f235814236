import { describe, expect, it } from 'vitest';
import type { SowContent } from '../../shared/contracts/engagements.js';
import { controlFigures, derivedState, type EngagementHistory, forecastFinish, percentile, riskFlagsAt } from './control.js';

const sow: SowContent = {
  scope: 'Market sizing for the launch',
  deliverables: ['Report'],
  milestones: [
    { key: 'm1', title: 'Desk research', dueDate: '2026-04-30', weight: 30, deliverables: [] },
    { key: 'm2', title: 'Survey', dueDate: '2026-06-05', weight: 30, deliverables: [] },
    { key: 'm3', title: 'Final report', dueDate: '2026-06-30', weight: 40, deliverables: [] },
  ],
  fee: { type: 'fixed', amount: { amount: 3_000_000, currency: 'JPY' } },
  cadenceDays: 7,
  answerSla: { clientBusinessDays: 2, providerBusinessDays: 2 },
  reviewSlaBusinessDays: 3,
  startDate: '2026-04-01',
  endDate: '2026-06-30',
  assumptions: '',
};

/** A known history; every figure below was worked out by hand (see the comments). */
const history: EngagementHistory = {
  status: 'in_progress',
  sow,
  budget: { amount: 3_500_000, currency: 'JPY' },
  workStartedAt: '2026-04-01T00:00:00.000Z',
  workEndedAt: null,
  milestones: [
    {
      id: 'm1',
      title: 'Desk research',
      baselineDueDate: '2026-04-30',
      dueDate: '2026-04-30',
      weight: 30,
      status: 'accepted',
      acceptedAt: '2026-04-30T01:00:00.000Z',
    },
    // Moved a week by a change request: the baseline stays.
    { id: 'm2', title: 'Survey', baselineDueDate: '2026-05-29', dueDate: '2026-06-05', weight: 30, status: 'planned', acceptedAt: null },
    {
      id: 'm3',
      title: 'Final report',
      baselineDueDate: '2026-06-30',
      dueDate: '2026-06-30',
      weight: 40,
      status: 'planned',
      acceptedAt: null,
    },
  ],
  reviews: [
    // Submitted Monday 10:00 JST; 3 business days skip 昭和の日 (29 Apr) → due Friday 1 May 10:00 JST. Decided after 72 h.
    { milestoneId: 'm1', title: 'Desk research', kind: 'submitted', at: '2026-04-27T01:00:00.000Z' },
    { milestoneId: 'm1', title: 'Desk research', kind: 'accepted', at: '2026-04-30T01:00:00.000Z' },
  ],
  updates: [
    { id: 'u1', postedAt: '2026-04-07T00:00:00.000Z', progressPct: 15, rag: 'green', hoursSpent: null }, // due 04-08: on time
    { id: 'u2', postedAt: '2026-04-16T00:00:00.000Z', progressPct: 35, rag: 'amber', hoursSpent: null }, // due 04-14: 48 h late
  ],
  questions: [
    // Client asks Friday 09:00 JST; provider has 2 business days → Tuesday 09:00 JST; answered Monday after 78 h.
    {
      id: 'q1',
      title: 'Target segment?',
      askedBySide: 'client',
      askedAt: '2026-04-10T00:00:00.000Z',
      dueAt: '2026-04-14T00:00:00.000Z',
      answeredAt: '2026-04-13T06:00:00.000Z',
      closedAt: null,
    },
    // Provider asks Monday; the client answers a day late, after 72 h.
    {
      id: 'q2',
      title: 'Access to sales data?',
      askedBySide: 'provider',
      askedAt: '2026-04-20T00:00:00.000Z',
      dueAt: '2026-04-22T00:00:00.000Z',
      answeredAt: '2026-04-23T00:00:00.000Z',
      closedAt: null,
    },
    // Client asks Friday 24 Apr; due Tuesday 28th; still unanswered on 1 May: 72 h late.
    {
      id: 'q3',
      title: 'Competitor list?',
      askedBySide: 'client',
      askedAt: '2026-04-24T00:00:00.000Z',
      dueAt: '2026-04-28T00:00:00.000Z',
      answeredAt: null,
      closedAt: null,
    },
  ],
};
const now = new Date('2026-05-01T00:00:00.000Z');

describe('control figures on a known history', () => {
  const figures = controlFigures(history, now, { ownAverageHours: 39 });

  it('schedule variance against the baseline', () => {
    expect(figures.schedule.map((s) => [s.title, s.varianceDays])).toEqual([
      ['Desk research', 0],
      ['Survey', 7],
      ['Final report', 0],
    ]);
  });

  it('SLA breaches: a late update, two updates still missing, a late client answer and an overdue provider answer', () => {
    expect(figures.sla.counts).toEqual({ update: 3, answer: 2, review: 0 });
    expect(figures.sla.breaches.map((b) => [b.kind, b.side, b.dueAt.slice(0, 10), b.resolvedAt === null, b.lateHours])).toEqual([
      ['update', 'provider', '2026-04-14', false, 48],
      ['answer', 'client', '2026-04-22', false, 24],
      ['update', 'provider', '2026-04-23', true, 192],
      ['answer', 'provider', '2026-04-28', true, 72],
      ['update', 'provider', '2026-04-30', true, 24],
    ]);
    expect(figures.sla.nextUpdateDue).toBe('2026-05-07T00:00:00.000Z');
  });

  it('cycle times as median and p90', () => {
    expect(figures.cycleTimes).toEqual({
      review: { count: 1, medianHours: 72, p90Hours: 72 },
      clientAnswers: { count: 1, medianHours: 72, p90Hours: 72 },
      providerAnswers: { count: 1, medianHours: 78, p90Hours: 78 },
    });
  });

  it('provider responsiveness: 2 of 6 duties on time; twice as slow as its own average', () => {
    expect(figures.responsiveness).toEqual({ withinCommitmentPct: 33.3, medianResponseHours: 78, ownAverageHours: 39, index: 50 });
  });

  it('forecast: one milestone on plan, so the rest is forecast on plan', () => {
    expect(figures.forecast).toEqual({
      method: 'milestone-slip-quantiles',
      plannedEnd: '2026-06-30',
      p10: '2026-06-30',
      p50: '2026-06-30',
      p90: '2026-06-30',
      basedOnMilestones: 1,
    });
  });

  it('budget burn on a fixed fee: 30% of the weight accepted', () => {
    expect(figures.budget).toEqual({
      budget: { amount: 3_500_000, currency: 'JPY' },
      committed: { amount: 3_000_000, currency: 'JPY' },
      earned: { amount: 900_000, currency: 'JPY' },
      burnPct: 30,
      forecastAtCompletion: { amount: 3_000_000, currency: 'JPY' },
    });
    expect(figures.progress).toEqual({ pct: 35, rag: 'amber', weightedAcceptedPct: 30 });
  });

  it('risk flags for the list come from the derived deadlines', () => {
    const derived = derivedState(history);
    expect(derived.nextUpdateDueAt).toBe('2026-04-23T00:00:00.000Z');
    expect(derived.nextAnswerDueAt).toBe('2026-04-28T00:00:00.000Z');
    expect(riskFlagsAt('in_progress', derived, now)).toEqual(['missed_update', 'overdue_answer']);
    expect(riskFlagsAt('in_progress', derived, new Date('2026-04-20T00:00:00.000Z'))).toEqual([]);
  });
});

describe('forecast from slip ratios', () => {
  it('stretches the remaining plan by the 10th, 50th and 90th percentile slip', () => {
    // Two milestones of 30 planned days done in 30 and 45 days: ratios 1.0 and 1.5 → p10 1.05, p50 1.25, p90 1.45.
    const h: EngagementHistory = {
      ...history,
      workStartedAt: '2026-04-01T00:00:00.000Z',
      sow: { ...sow, startDate: '2026-04-01', endDate: '2026-07-30' },
      milestones: [
        {
          id: 'a',
          title: 'A',
          baselineDueDate: '2026-05-01',
          dueDate: '2026-05-01',
          weight: 30,
          status: 'accepted',
          acceptedAt: '2026-05-01T03:00:00.000Z',
        },
        {
          id: 'b',
          title: 'B',
          baselineDueDate: '2026-05-31',
          dueDate: '2026-05-31',
          weight: 30,
          status: 'accepted',
          acceptedAt: '2026-06-15T03:00:00.000Z',
        },
        { id: 'c', title: 'C', baselineDueDate: '2026-06-30', dueDate: '2026-06-30', weight: 40, status: 'planned', acceptedAt: null },
      ],
    };
    // 30 days remain on the plan (31 May → 30 Jun), counted from the last acceptance (15 Jun): +32, +38, +44 days.
    expect(forecastFinish(h, '2026-06-16')).toEqual({
      method: 'milestone-slip-quantiles',
      plannedEnd: '2026-06-30',
      p10: '2026-07-17',
      p50: '2026-07-23',
      p90: '2026-07-29',
      basedOnMilestones: 2,
    });
  });

  it('percentile interpolates like PERCENTILE.INC', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10);
    expect(percentile([], 0.5)).toBeNull();
  });
});
