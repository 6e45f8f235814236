import { describe, expect, it } from 'vitest';
import type { SowContent } from '../../shared/contracts/engagements.js';
import type { EngagementHistory } from './control.js';
import { nextSlaCheckAt, REMIND_BEFORE_MS } from './oversight.js';

const sow: SowContent = {
  scope: 'DCF model',
  deliverables: ['Model'],
  milestones: [{ key: 'm1', title: 'Model', dueDate: '2026-06-30', weight: 100, deliverables: [] }],
  fee: { type: 'fixed', amount: { amount: 3_000_000, currency: 'JPY' } },
  cadenceDays: 7,
  answerSla: { clientBusinessDays: 2, providerBusinessDays: 2 },
  reviewSlaBusinessDays: 3,
  startDate: '2026-06-01',
  endDate: '2026-06-30',
  assumptions: '',
};

/** Work started Monday 1 June 2026 09:00 JST; the first update is due a week later. */
const started: EngagementHistory = {
  status: 'in_progress',
  sow,
  budget: null,
  workStartedAt: '2026-06-01T00:00:00.000Z',
  workEndedAt: null,
  milestones: [],
  reviews: [],
  updates: [],
  questions: [],
};
const at = (iso: string) => new Date(iso);

describe('when the SLA watch next looks at an engagement', () => {
  it('first the reminder a day before the update falls due, then the deadline itself', () => {
    expect(nextSlaCheckAt(started, at('2026-06-02T00:00:00Z'), null)).toBe(
      new Date(Date.parse('2026-06-08T00:00:00Z') - REMIND_BEFORE_MS).toISOString(),
    );
    // Reminded already: the next thing is the deadline.
    expect(nextSlaCheckAt(started, at('2026-06-07T01:00:00Z'), '2026-06-08T00:00:00.000Z')).toBe('2026-06-08T00:00:00.000Z');
  });

  it('after a missed update: the escalation two business days on, before the next cadence', () => {
    // Due Mon 8 June 09:00 JST, missed; escalated Wed 10 June 09:00 JST.
    expect(nextSlaCheckAt(started, at('2026-06-08T01:00:00Z'), '2026-06-15T00:00:00.000Z')).toBe('2026-06-10T00:00:00.000Z');
  });

  it('an open question due earlier comes first; nothing ahead once the work has ended', () => {
    const asked: EngagementHistory = {
      ...started,
      questions: [
        {
          id: 'q1',
          title: 'Data?',
          askedBySide: 'provider',
          askedAt: '2026-06-02T00:00:00.000Z',
          dueAt: '2026-06-04T00:00:00.000Z',
          answeredAt: null,
          closedAt: null,
        },
      ],
    };
    expect(nextSlaCheckAt(asked, at('2026-06-02T01:00:00Z'), null)).toBe('2026-06-04T00:00:00.000Z');
    const ended: EngagementHistory = { ...started, status: 'delivered', workEndedAt: '2026-06-05T00:00:00.000Z' };
    expect(nextSlaCheckAt(ended, at('2026-06-06T00:00:00Z'), null)).toBeNull();
  });

  it('a deadline at the very moment of a look is looked at again, not dropped', () => {
    // Reminded already; the watch runs exactly at the deadline: not late yet, so come back.
    expect(nextSlaCheckAt(started, at('2026-06-08T00:00:00.000Z'), '2026-06-08T00:00:00.000Z')).toBe('2026-06-08T00:00:00.000Z');
  });
});
