import { describe, expect, it } from 'vitest';
import { proposeGrant, termsOf } from './grant-proposal.js';

const sow = {
  milestones: [
    { dueDate: '2026-05-15', deliverables: ['財務モデル（.xlsx）', 'Market sizing (TAM/SAM/SOM)'] },
    { dueDate: '2026-06-30', deliverables: ['Competitor matrix'] },
  ],
};
const today = new Date('2026-06-01T00:00:00+09:00');

describe('the grant kpo proposes from the SOW', () => {
  it('relates a document to the deliverables its name shares words with, in Japanese and English', () => {
    expect(termsOf('対象会社_財務データ')).toContain('財務');
    expect(proposeGrant({ name: '対象会社_財務データ_5期.csv', classification: 'confidential' }, sow, ['a'], today)?.deliverables).toEqual([
      '財務モデル（.xlsx）',
    ]);
    expect(proposeGrant({ name: 'competitor-list.xlsx', classification: 'internal' }, sow, ['a'], today)?.deliverables).toEqual([
      'Competitor matrix',
    ]);
    expect(proposeGrant({ name: '取締役会資料.pdf', classification: 'internal' }, sow, ['a'], today)?.deliverables).toEqual([]);
    // A file extension or a word like "data" relates nothing.
    expect(proposeGrant({ name: 'data.xlsx', classification: 'internal' }, sow, ['a'], today)?.deliverables).toEqual([]);
  });

  it('grants whom the class allows, the most it allows, until the last milestone within the class limit', () => {
    expect(proposeGrant({ name: 'x.pdf', classification: 'internal' }, sow, ['a', 'b'], today)).toMatchObject({
      grantee: { kind: 'team' },
      access: 'download',
      days: 30,
    });
    expect(proposeGrant({ name: 'x.pdf', classification: 'strictly_confidential' }, sow, ['a', 'b'], today)).toMatchObject({
      grantee: { kind: 'user', userIds: ['a', 'b'] },
      access: 'view',
      days: 14,
    });
    // Past the SOW's end: one day, not none.
    expect(proposeGrant({ name: 'x.pdf', classification: 'internal' }, sow, ['a'], new Date('2026-08-01'))?.days).toBe(1);
  });

  it('proposes nothing without an SOW or a provider team', () => {
    expect(proposeGrant({ name: 'x.pdf', classification: 'internal' }, null, ['a'], today)).toBeNull();
    expect(proposeGrant({ name: 'x.pdf', classification: 'internal' }, sow, [], today)).toBeNull();
  });
});
