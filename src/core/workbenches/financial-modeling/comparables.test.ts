import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { analyzeComparables } from './comparables.js';
import { parseFinancialModel, valueModel } from './model.js';
import { median, percentileInc, quartileInc, summarize } from './statistics.js';

describe('statistics as Excel computes them', () => {
  it('QUARTILE.INC of {1,2,4,7,8,9,10,12}: first quartile 3.5 (Microsoft example)', () => {
    expect(quartileInc([1, 2, 4, 7, 8, 9, 10, 12], 1)).toBe(3.5);
  });
  it('MEDIAN of 1…5 is 3 and of 1…6 is 3.5 (Microsoft example)', () => {
    expect(median([1, 2, 3, 4, 5])).toBe(3);
    expect(median([1, 2, 3, 4, 5, 6])).toBe(3.5);
  });
  it('PERCENTILE.INC interpolates at (n − 1)·p; empty input has no statistic', () => {
    expect(percentileInc([1, 3, 2, 4], 0.3)).toBeCloseTo(1.9, 12);
    expect(summarize([])).toBeNull();
    expect(quartileInc([5], 3)).toBe(5);
  });
});

describe('comparable companies', () => {
  const model = parseFinancialModel(
    JSON.parse(
      readFileSync(new URL('../../../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8'),
    ) as FinancialModelInput,
  );
  const { case: c, valuation } = valueModel(model);
  const a = analyzeComparables(model, c, valuation);

  it('leaves out multiples with a zero or negative denominator (loss-making peer’s P/E)', () => {
    expect(a.multiples.priceToEarnings.excluded).toEqual(['類似会社F（架空）']);
    expect(a.multiples.priceToEarnings.stats?.count).toBe(6);
    expect(a.multiples.evToEbitda.stats?.count).toBe(7);
  });

  it('median and quartiles of EV/EBITDA, and the implied value through the bridge', () => {
    const multiples = model.comparables?.companies.map((co) => co.enterpriseValue / co.ebitda) ?? [];
    const stats = a.multiples.evToEbitda.stats;
    expect(stats?.median).toBeCloseTo(median(multiples) ?? 0, 12);
    expect(stats?.firstQuartile).toBeCloseTo(quartileInc(multiples, 1) ?? 0, 12);
    const ltmEbitda = 8250 + 3450;
    expect(a.target.ebitda).toBe(ltmEbitda);
    expect(a.multiples.evToEbitda.impliedValue?.mid).toBeCloseTo((stats?.median ?? 0) * ltmEbitda, 6);
    expect(a.multiples.evToEbitda.impliedEquityValue?.mid).toBeCloseTo((stats?.median ?? 0) * ltmEbitda + valuation.bridge.adjustment, 6);
    const perShare = a.multiples.evToEbitda.impliedValuePerShare;
    expect(perShare && perShare.low <= perShare.mid && perShare.mid <= perShare.high).toBe(true);
  });

  it('P/E implies equity value directly, without the bridge', () => {
    const pe = a.multiples.priceToEarnings;
    expect(pe.impliedEquityValue?.mid).toBeCloseTo((pe.stats?.median ?? 0) * 5800, 6);
  });

  it('NTM basis uses the first forecast year; no net income there, so no P/E', () => {
    const ntm = parseFinancialModel({
      ...JSON.parse(readFileSync(new URL('../../../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8')),
      comparables: { ...model.comparables, basis: 'ntm' },
    });
    const r = analyzeComparables(ntm, c, valuation);
    expect(r.target.ebitda).toBeCloseTo(valuation.projection.ebitda[0] ?? 0, 9);
    expect(r.multiples.priceToEarnings.impliedValue).toBeNull();
  });

  it('a model without comparables is refused with the field named', () => {
    expect(() => analyzeComparables({ ...model, comparables: undefined } as unknown as typeof model, c, valuation)).toThrow(
      /no comparable/,
    );
  });
});
