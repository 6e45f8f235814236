import { describe, expect, it } from 'vitest';
import { createEngagementRequestSchema, type EngagementView } from '../../../shared/contracts/engagements';
import { briefFromEngagement, briefRequest, emptyBrief } from './brief';

describe('the brief form', () => {
  it('sends empty optional fields as null and drops empty deliverable lines', () => {
    const request = briefRequest({
      ...emptyBrief,
      title: '  新製品の市場規模調査 ',
      codeName: '  ',
      expectedDeliverables: [' レポート ', '', '  '],
      targetStart: '2027-01-01',
      targetEnd: '2027-03-31',
    });
    expect(request).toMatchObject({ title: '新製品の市場規模調査', codeName: null, budget: null, expectedDeliverables: ['レポート'] });
    expect(createEngagementRequestSchema.safeParse(request).success).toBe(true);
  });

  it('sends the budget in whole yen', () => {
    expect(briefRequest({ ...emptyBrief, budget: 5_000_000 }).budget).toEqual({ amount: 5_000_000, currency: 'JPY' });
  });

  it('fills the form from an engagement the client sees', () => {
    const engagement = {
      type: 'patent_research',
      title: '全固体電池の特許動向',
      codeName: 'AURORA',
      objectives: 'o',
      scope: 's',
      expectedDeliverables: [],
      classification: 'internal',
      budget: { amount: 2_000_000, currency: 'JPY' },
      targetStart: '2027-01-01',
      targetEnd: '2027-02-01',
    } as unknown as EngagementView;
    expect(briefFromEngagement(engagement)).toEqual({
      type: 'patent_research',
      title: '全固体電池の特許動向',
      codeName: 'AURORA',
      objectives: 'o',
      scope: 's',
      expectedDeliverables: [''],
      classification: 'internal',
      budget: 2_000_000,
      targetStart: '2027-01-01',
      targetEnd: '2027-02-01',
    });
  });
});
