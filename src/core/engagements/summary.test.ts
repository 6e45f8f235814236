import { describe, expect, it } from 'vitest';
import type { SowContent } from '../../shared/contracts/engagements.js';
import { type DerivedState, derivedState, type EngagementHistory, engagementSummary, riskFlagsAt } from './control.js';

const sow: SowContent = {
  scope: 'Market sizing',
  deliverables: ['Report'],
  milestones: [
    { key: 'm1', title: 'Desk research', dueDate: '2026-04-30', weight: 40, deliverables: [] },
    { key: 'm2', title: 'Report', dueDate: '2026-06-30', weight: 60, deliverables: [] },
  ],
  fee: { type: 'fixed', amount: { amount: 3_000_000, currency: 'JPY' } },
  cadenceDays: 7,
  answerSla: { clientBusinessDays: 2, providerBusinessDays: 2 },
  reviewSlaBusinessDays: 3,
  startDate: '2026-04-01',
  endDate: '2026-06-30',
  assumptions: '',
};

const base: EngagementHistory = {
  status: 'in_progress',
  sow,
  budget: { amount: 2_000_000, currency: 'JPY' }, // below the fee: over budget
  workStartedAt: '2026-04-01T00:00:00.000Z',
  workEndedAt: null,
  milestones: [
    {
      id: 'm1',
      title: 'Desk research',
      baselineDueDate: '2026-04-30',
      dueDate: '2026-04-30',
      weight: 40,
      status: 'planned',
      acceptedAt: null,
    },
    { id: 'm2', title: 'Report', baselineDueDate: '2026-06-30', dueDate: '2026-06-30', weight: 60, status: 'planned', acceptedAt: null },
  ],
  reviews: [],
  updates: [{ id: 'u1', postedAt: '2026-04-07T00:00:00.000Z', progressPct: 15, rag: 'amber', hoursSpent: null }],
  questions: [],
};

describe('the engagement summary: kept state, flags at the time of reading', () => {
  it('carries the kept progress, RAG and deadlines, and raises only the flags whose deadline has passed by `now`', () => {
    const d = derivedState(base);
    expect(d).toMatchObject({ progressPct: 15, rag: 'amber', nextMilestoneDue: '2026-04-30', nextUpdateDueAt: '2026-04-14T00:00:00.000Z' });
    const before = engagementSummary('in_progress', d, new Date('2026-04-10T00:00:00.000Z'), 'client');
    expect(before).toEqual({
      asOf: '2026-04-10T00:00:00.000Z',
      progressPct: 15,
      rag: 'amber',
      riskFlags: ['over_budget'],
      nextMilestoneDue: '2026-04-30',
      nextUpdateDueAt: '2026-04-14T00:00:00.000Z',
      nextAnswerDueAt: null,
      nextReviewDueAt: null,
    });
    // The same stored state read later: the update deadline has passed (no write needed for that).
    const later = engagementSummary('in_progress', d, new Date('2026-04-15T00:00:00.000Z'), 'client');
    expect(later.riskFlags).toEqual(['missed_update', 'over_budget']);
    // After the milestone's due day (JST) it is overdue too.
    const may = engagementSummary('in_progress', d, new Date('2026-05-01T00:00:00.000Z'), 'client');
    expect(may.riskFlags).toEqual(['overdue_milestone', 'missed_update', 'over_budget']);
  });

  it('never gives a provider a flag computed from the client budget', () => {
    const d = derivedState(base);
    const at = new Date('2026-05-01T00:00:00.000Z');
    expect(engagementSummary('in_progress', d, at, 'provider').riskFlags).toEqual(['overdue_milestone', 'missed_update']);
    expect(riskFlagsAt('in_progress', d, at)).toContain('over_budget');
  });

  it('follows each kind of change through the derived state: update, question, review, acceptance, a moved milestone', () => {
    const at = new Date('2026-04-20T00:00:00.000Z');
    const summaryOf = (h: EngagementHistory) => engagementSummary(h.status, derivedState(h), at, 'client');
    // A new status update: progress, RAG and the next update deadline move.
    const updated: EngagementHistory = {
      ...base,
      updates: [...base.updates, { id: 'u2', postedAt: '2026-04-14T00:00:00.000Z', progressPct: 30, rag: 'green', hoursSpent: null }],
    };
    expect(summaryOf(updated)).toMatchObject({ progressPct: 30, rag: 'green', nextUpdateDueAt: '2026-04-21T00:00:00.000Z' });
    expect(summaryOf(updated).riskFlags).not.toContain('missed_update');
    // A question asked and not answered: its deadline is the next answer deadline (and overdue once past).
    const asked: EngagementHistory = {
      ...updated,
      questions: [
        {
          id: 'q1',
          title: 'Data?',
          askedBySide: 'provider',
          askedAt: '2026-04-15T00:00:00.000Z',
          dueAt: '2026-04-17T00:00:00.000Z',
          answeredAt: null,
          closedAt: null,
        },
      ],
    };
    expect(summaryOf(asked)).toMatchObject({ nextAnswerDueAt: '2026-04-17T00:00:00.000Z' });
    expect(summaryOf(asked).riskFlags).toContain('overdue_answer');
    const answered: EngagementHistory = {
      ...asked,
      questions: asked.questions.map((q) => ({ ...q, answeredAt: '2026-04-16T00:00:00.000Z' })),
    };
    expect(summaryOf(answered)).toMatchObject({ nextAnswerDueAt: null });
    expect(summaryOf(answered).riskFlags).not.toContain('overdue_answer');
    // A milestone submitted: a review falls due; accepted: the next milestone is the following one.
    const submitted: EngagementHistory = {
      ...answered,
      milestones: answered.milestones.map((m) => (m.id === 'm1' ? { ...m, status: 'submitted' as const } : m)),
      reviews: [{ milestoneId: 'm1', title: 'Desk research', kind: 'submitted', at: '2026-04-16T01:00:00.000Z' }],
    };
    expect(summaryOf(submitted).nextReviewDueAt).not.toBeNull();
    const accepted: EngagementHistory = {
      ...submitted,
      milestones: submitted.milestones.map((m) =>
        m.id === 'm1' ? { ...m, status: 'accepted' as const, acceptedAt: '2026-04-17T00:00:00.000Z' } : m,
      ),
      reviews: [...submitted.reviews, { milestoneId: 'm1', title: 'Desk research', kind: 'accepted', at: '2026-04-17T00:00:00.000Z' }],
    };
    expect(summaryOf(accepted)).toMatchObject({ nextReviewDueAt: null, nextMilestoneDue: '2026-06-30' });
    // A change request moves the report: the next milestone moves with it.
    const moved: EngagementHistory = {
      ...accepted,
      milestones: accepted.milestones.map((m) => (m.id === 'm2' ? { ...m, dueDate: '2026-07-15' } : m)),
    };
    expect(summaryOf(moved).nextMilestoneDue).toBe('2026-07-15');
  });

  it('has no deadlines before the work starts, and flags a hold whatever the time', () => {
    const none: DerivedState = {
      nextUpdateDueAt: null,
      nextAnswerDueAt: null,
      nextReviewDueAt: null,
      nextMilestoneDue: null,
      progressPct: null,
      rag: null,
      overBudget: false,
    };
    expect(derivedState({ ...base, status: 'contracted', workStartedAt: null, updates: [], milestones: [] })).toMatchObject({
      nextUpdateDueAt: null,
      progressPct: null,
    });
    expect(engagementSummary('on_hold', none, new Date(0), 'provider').riskFlags).toEqual(['on_hold']);
  });
});
