import { describe, expect, it } from 'vitest';
import type { SowContent } from '../../../shared/contracts/engagements';
import { changeSetFrom, draftFromSow, isEmptyChange } from './changeSet';
import { sowDiff } from './sowDiff';

const sow: SowContent = {
  scope: '国内市場の規模推計',
  deliverables: ['報告書', 'データ'],
  milestones: [
    { key: 'desk', title: '机上調査', dueDate: '2027-01-15', weight: 30, deliverables: [] },
    { key: 'survey', title: 'アンケート', dueDate: '2027-02-15', weight: 70, deliverables: ['集計表'] },
  ],
  fee: { type: 'fixed', amount: { amount: 3_000_000, currency: 'JPY' } },
  cadenceDays: 7,
  answerSla: { clientBusinessDays: 2, providerBusinessDays: 2 },
  reviewSlaBusinessDays: 5,
  startDate: '2027-01-01',
  endDate: '2027-03-31',
  assumptions: '',
};

describe('SOW version differences', () => {
  it('finds nothing between equal versions', () => {
    expect(sowDiff(sow, structuredClone(sow))).toEqual([]);
  });

  it('lists each change field by field', () => {
    const next: SowContent = {
      ...sow,
      scope: '国内・海外市場の規模推計',
      deliverables: ['報告書', 'プレゼン資料'],
      milestones: [
        { key: 'desk', title: '机上調査', dueDate: '2027-01-22', weight: 30, deliverables: [] },
        { key: 'report', title: '報告', dueDate: '2027-03-20', weight: 70, deliverables: [] },
      ],
      cadenceDays: 14,
      answerSla: { clientBusinessDays: 3, providerBusinessDays: 2 },
      fee: { type: 'fixed', amount: { amount: 3_300_000, currency: 'JPY' } },
    };
    const changes = sowDiff(sow, next);
    expect(changes).toEqual([
      { kind: 'text', field: 'scope', before: sow.scope, after: next.scope },
      { kind: 'list', field: 'deliverables', added: ['プレゼン資料'], removed: ['データ'] },
      {
        kind: 'milestone',
        change: 'changed',
        key: 'desk',
        milestone: next.milestones[0],
        before: { dueDate: '2027-01-15' },
        after: { dueDate: '2027-01-22' },
      },
      { kind: 'milestone', change: 'added', key: 'report', milestone: next.milestones[1] },
      { kind: 'milestone', change: 'removed', key: 'survey', milestone: sow.milestones[1] },
      { kind: 'fee', before: sow.fee, after: next.fee },
      { kind: 'value', field: 'cadenceDays', before: 7, after: 14 },
      { kind: 'value', field: 'clientAnswerBusinessDays', before: 2, after: 3 },
    ]);
  });
});

describe('change requests from the edited SOW', () => {
  it('asks for nothing while nothing is edited', () => {
    const changes = changeSetFrom(sow, draftFromSow(sow));
    expect(changes).toEqual({});
    expect(isEmptyChange(changes)).toBe(true);
  });

  it('sends only what differs: a moved milestone and a new end date', () => {
    const draft = draftFromSow(sow);
    draft.milestones.survey = { title: 'アンケート', dueDate: '2027-02-22' };
    draft.endDate = '2027-04-15';
    expect(changeSetFrom(sow, draft)).toEqual({ milestones: [{ key: 'survey', dueDate: '2027-02-22' }], endDate: '2027-04-15' });
  });

  it('renames, rescopes and changes the fee when asked', () => {
    const draft = draftFromSow(sow);
    draft.milestones.desk = { title: ' 机上調査と聞き取り ', dueDate: '2027-01-15' };
    draft.scope = '範囲を拡大';
    draft.fee = { type: 'fixed', fixedAmount: 3_300_000, rateCard: [], cap: '' };
    expect(changeSetFrom(sow, draft)).toEqual({
      scope: '範囲を拡大',
      milestones: [{ key: 'desk', title: '机上調査と聞き取り' }],
      fee: { type: 'fixed', amount: { amount: 3_300_000, currency: 'JPY' } },
    });
    // The same fee as in force is no change.
    expect(changeSetFrom(sow, { ...draftFromSow(sow), fee: { type: 'fixed', fixedAmount: 3_000_000, rateCard: [], cap: '' } })).toEqual({});
  });
});
