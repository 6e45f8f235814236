import { describe, expect, it } from 'vitest';
import { deliverableContentSchema } from '../../shared/contracts/deliverables.js';
import type { GoldResultRecord } from '../store.js';
import { demoFtoReport } from './checks/patent-research.fixture.js';
import { goldAppliesTo, goldCaught, goldOutcome } from './gold.js';

const content = deliverableContentSchema.parse({
  type: 'report',
  sections: [
    { key: 'ranked', title: '重要特許', role: 'claims', body: '特開２０１８－５１２３４５ は構成要件 A〜C を開示する。', citations: [] },
  ],
  references: [{ id: 'us', title: 'US 9,876,543 B2', url: 'https://ppubs.uspto.gov/', documentId: '00000000-0000-4000-8000-000000000001' }],
});

describe('gold checks', () => {
  it('catches an item named anywhere in the text or references, whatever the width, case, spaces or hyphens', () => {
    expect(goldCaught({ terms: ['JP2018-512345', '特開2018-512345'], documentId: null }, content)).toBe(true);
    expect(goldCaught({ terms: ['us9876543'], documentId: null }, content)).toBe(true);
    expect(goldCaught({ terms: ['特開2019-000001'], documentId: null }, content)).toBe(false);
    expect(goldCaught({ terms: ['   '], documentId: null }, content)).toBe(false);
  });

  it("catches a patent named only in a patent report's ranked results, charted documents or findings", () => {
    const report = demoFtoReport();
    const planted = { number: 'US9988776B2', title: 'Optical pulse sensor with motion rejection' };
    const bare = { ...report, sections: [], references: [], charts: [], findings: '' };
    const ranked = {
      ...bare,
      results: [
        ...report.results,
        { ...(report.results[0] as (typeof report.results)[number]), number: planted.number, title: planted.title, country: 'US' },
      ],
    };
    expect(goldCaught({ terms: ['US 9,988,776 B2'], documentId: null }, bare)).toBe(false);
    expect(goldCaught({ terms: ['US 9,988,776 B2'], documentId: null }, ranked)).toBe(true);
    // The chart of the demo report charts JP7158342B2: a report naming it only there still names it.
    const chartOnly = { ...bare, results: [], charts: report.charts };
    expect(goldCaught({ terms: ['JP7158342B2'], documentId: null }, chartOnly)).toBe(true);
    expect(goldCaught({ terms: ['JP7158342B2'], documentId: null }, { ...chartOnly, charts: [] })).toBe(false);
    expect(goldCaught({ terms: ['JP7158342B2'], documentId: null }, { ...bare, results: [], findings: report.findings })).toBe(true);
  });

  it('catches a document item by a reference to it', () => {
    expect(goldCaught({ terms: [], documentId: '00000000-0000-4000-8000-000000000001' }, content)).toBe(true);
    expect(goldCaught({ terms: [], documentId: '00000000-0000-4000-8000-000000000002' }, content)).toBe(false);
  });

  it('applies to the deliverable it names, or to any; never once withdrawn', () => {
    expect(goldAppliesTo({ deliverableId: null, withdrawnAt: null }, 'd1')).toBe(true);
    expect(goldAppliesTo({ deliverableId: 'd2', withdrawnAt: null }, 'd1')).toBe(false);
    expect(goldAppliesTo({ deliverableId: null, withdrawnAt: '2026-01-01T00:00:00Z' }, 'd1')).toBe(false);
  });

  it('judges an item on the latest version of each deliverable', () => {
    const r = (deliverableId: string, version: number, hit: boolean): GoldResultRecord => ({
      goldId: 'g',
      deliverableId,
      version,
      engagementId: 'e',
      hit,
      evaluatedAt: '2026-01-01T00:00:00Z',
    });
    expect(goldOutcome([])).toBe('pending');
    expect(goldOutcome([r('d1', 1, false), r('d1', 2, true)])).toBe('caught');
    // Caught once, dropped in the next version: missed.
    expect(goldOutcome([r('d1', 2, false), r('d1', 1, true)])).toBe('missed');
    expect(goldOutcome([r('d1', 1, false), r('d2', 1, true)])).toBe('caught');
  });
});
