import { describe, expect, it } from 'vitest';
import { proposalInputSchema } from '../../../shared/contracts/engagements';
import {
  datesIssue,
  draftEstimate,
  draftFromFee,
  draftsFromMilestones,
  emptyFee,
  feeFromDraft,
  type MilestoneDraft,
  milestonesFromDrafts,
  nextMilestoneKey,
  planIssues,
  weightTotal,
} from './plan';

const m = (over: Partial<MilestoneDraft>): MilestoneDraft => ({
  key: 'm1',
  title: 'A',
  dueDate: '2027-01-10',
  weight: 50,
  deliverables: [],
  ...over,
});

describe('milestone plans', () => {
  it('gives new milestones the first free key', () => {
    expect(nextMilestoneKey([])).toBe('m1');
    expect(nextMilestoneKey(['m1', 'desk', 'm3'])).toBe('m2');
  });

  it('turns drafts into planned milestones the contract accepts, and back', () => {
    const drafts = [
      m({ key: 'm1', title: ' 机上調査 ', weight: 40, deliverables: ['報告書', ' ', ''] }),
      m({ key: 'm2', dueDate: '2027-02-01', weight: 60 }),
    ];
    const planned = milestonesFromDrafts(drafts);
    expect(planned[0]).toEqual({ key: 'm1', title: '机上調査', dueDate: '2027-01-10', weight: 40, deliverables: ['報告書'] });
    expect(draftsFromMilestones(planned)[1]).toEqual(drafts[1]);
    const proposal = {
      approach: '',
      team: [],
      milestones: planned,
      fee: feeFromDraft({ ...emptyFee(), fixedAmount: 1 }),
      assumptions: '',
      cadenceDays: 7,
    };
    expect(proposalInputSchema.safeParse(proposal).success).toBe(true);
  });

  it('adds up the weights, empty ones as nothing', () => {
    expect(weightTotal([m({ weight: 33.3 }), m({ weight: 33.3 }), m({ weight: 33.4 })])).toBe(100);
    expect(weightTotal([m({ weight: '' }), m({ weight: 20 })])).toBe(20);
  });

  it('finds the mistakes people make before the server does', () => {
    expect(planIssues([m({ weight: 40 }), m({ key: 'm2', weight: 40, dueDate: '2027-02-01' })])).toEqual([
      { path: ['milestones'], code: 'weights_total', values: { total: 80 } },
    ]);
    // Half-typed weights are not judged yet.
    expect(planIssues([m({ weight: '' })])).toEqual([]);
    expect(planIssues([m({ weight: 50 }), m({ key: 'm2', weight: 50, dueDate: '2027-01-01' })])).toEqual([
      { path: ['milestones', 1, 'dueDate'], code: 'date_order' },
    ]);
    expect(
      planIssues([m({ weight: 100, dueDate: '2027-05-01' })], { start: '2027-01-01', end: '2027-03-31' }, ['content', 'milestones']),
    ).toEqual([{ path: ['content', 'milestones', 0, 'dueDate'], code: 'outside_range' }]);
    expect(datesIssue('2027-02-01', '2027-01-01', ['targetEnd'])).toEqual([{ path: ['targetEnd'], code: 'end_before_start' }]);
    expect(datesIssue('2027-02-01', '', ['targetEnd'])).toEqual([]);
  });
});

describe('fees', () => {
  it('makes a fixed fee in whole yen', () => {
    expect(feeFromDraft({ ...emptyFee(), fixedAmount: 3_000_000 })).toEqual({
      type: 'fixed',
      amount: { amount: 3_000_000, currency: 'JPY' },
    });
  });

  it('leaves an empty amount out, so the server names the missing field', () => {
    expect(JSON.parse(JSON.stringify(feeFromDraft(emptyFee())))).toEqual({ type: 'fixed', amount: { currency: 'JPY' } });
  });

  it('makes time and materials with a rate card and an optional cap, and reads it back', () => {
    const draft = {
      type: 'time_and_materials' as const,
      fixedAmount: '' as const,
      rateCard: [
        { role: ' Senior ', hourlyRate: 20_000, estimatedHours: 100 },
        { role: 'Analyst', hourlyRate: 8_000, estimatedHours: 200 },
      ],
      cap: 3_500_000,
    };
    const fee = feeFromDraft(draft);
    expect(fee).toEqual({
      type: 'time_and_materials',
      rateCard: [
        { role: 'Senior', hourlyRate: { amount: 20_000, currency: 'JPY' }, estimatedHours: 100 },
        { role: 'Analyst', hourlyRate: { amount: 8_000, currency: 'JPY' }, estimatedHours: 200 },
      ],
      cap: { amount: 3_500_000, currency: 'JPY' },
    });
    expect(draftFromFee(fee)).toEqual({ ...draft, rateCard: [{ ...draft.rateCard[0], role: 'Senior' }, draft.rateCard[1]] });
    // 2,000,000 + 1,600,000 = 3,600,000, capped at 3,500,000.
    expect(draftEstimate(draft)).toEqual({ amount: 3_500_000, currency: 'JPY' });
    expect(draftEstimate({ ...draft, cap: '' })).toEqual({ amount: 3_600_000, currency: 'JPY' });
  });

  it('estimates only what has been typed', () => {
    expect(draftEstimate(emptyFee())).toBeNull();
    expect(draftEstimate({ ...emptyFee(), type: 'time_and_materials' })).toBeNull();
    expect(
      draftEstimate({
        ...emptyFee(),
        type: 'time_and_materials',
        rateCard: [
          { role: 'a', hourlyRate: 10_000, estimatedHours: '' },
          { role: 'b', hourlyRate: 5_000, estimatedHours: 10 },
        ],
      }),
    ).toEqual({ amount: 50_000, currency: 'JPY' });
  });
});
