import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { cronbachAlpha, likert, nps } from './scales.js';
import type { NumericVariable } from './variables.js';

/** `count` answers of each score, in order. */
function answers(counts: Readonly<Record<number, number>>): Float64Array {
  return Float64Array.from(Object.entries(counts).flatMap(([score, count]) => Array.from({ length: count }, () => Number(score))));
}

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('Net Promoter Score with the Wald interval of Rocks (2016)', () => {
  it('a worked example: 50 promoters, 30 passives, 20 detractors of 100', () => {
    // NPS = 100 (0.5 − 0.2) = 30; Var = (0.5 + 0.2 − 0.3²)/100 = 0.0061; SE = 7.8102 points;
    // 95%: 30 ± 1.959964 · 7.8102 = [14.692, 45.308].
    const r = nps(answers({ 10: 25, 9: 25, 8: 15, 7: 15, 6: 10, 3: 5, 0: 5 }));
    expect(r).toMatchObject({ n: 100, effectiveN: 100, promoters: 0.5, detractors: 0.2 });
    expect(r.passives).toBeCloseTo(0.3, 12);
    expect(r.score).toBeCloseTo(30, 12);
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(0.0061), 12);
    expect(r.ci?.low).toBeCloseTo(14.692, 3);
    expect(r.ci?.high).toBeCloseTo(45.308, 3);
  });
  it('the variance per respondent of p = ½, ⅓, ⅙ is 5/9 (Cross Validated, "How can I calculate margin of error in a NPS result?", whuber)', () => {
    const r = nps(answers({ 9: 150, 7: 100, 2: 50 }));
    expect(r.score).toBeCloseTo(100 / 3, 10);
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(5 / 9 / 300), 12);
  });
  it('1,162 answers with 291 promoters and 395 detractors: NPS −9 ± 4.4 (talkstats.com thread "Net Promoter Score - calculating confidence intervals")', () => {
    const r = nps(answers({ 10: 291, 8: 476, 5: 395 }));
    expect(Math.round(r.score ?? 0)).toBe(-9);
    expect(((r.ci?.high ?? 0) - (r.ci?.low ?? 0)) / 2).toBeCloseTo(4.4, 1);
  });
  it('other levels, missing answers, a NumericVariable', () => {
    const values = answers({ 10: 25, 9: 25, 8: 15, 7: 15, 6: 10, 3: 5, 0: 5 });
    const withMissing = Float64Array.from([...values, Number.NaN, Number.NaN]);
    const variable: NumericVariable = { kind: 'numeric', key: 'nps', label: 'NPS', values: withMissing };
    const r = nps(variable, null, { level: 0.9 });
    expect(r.n).toBe(100);
    expect(r.ci?.level).toBe(0.9);
    expect((r.ci?.high ?? 0) - 30).toBeCloseTo(1.6448536 * 100 * Math.sqrt(0.0061), 5);
  });
  it('weighted: weighted shares and the variance on Kish’s effective n', () => {
    const values = Float64Array.from([10, 10, 0, 8]);
    const r = nps(values, Float64Array.from([1, 1, 2, 4]));
    // Shares 2/8 promoters, 2/8 detractors; n_eff = 64 / 22.
    expect(r.score).toBeCloseTo(0, 12);
    expect(r.effectiveN).toBeCloseTo(64 / 22, 12);
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(0.5 / (64 / 22)), 12);
    const equal = nps(values, new Float64Array(4).fill(3));
    expect(equal.standardError).toBeCloseTo(nps(values).standardError ?? 0, 12);
  });
  it('all promoters: 100 with no spread; nobody: nulls', () => {
    expect(nps(Float64Array.from([9, 10, 10]))).toMatchObject({ score: 100, standardError: 0, ci: { low: 100, high: 100 } });
    expect(nps(Float64Array.from([Number.NaN]))).toMatchObject({ n: 0, score: null, standardError: null, ci: null });
  });
  it('refuses values outside 0–10 or not whole, naming how many and the first', () => {
    const e = errorOf(() => nps({ kind: 'numeric', key: 'q7', label: 'q7', values: Float64Array.from([5, 11, 7.5, -1, 10]) }));
    expect(e.reason).toBe('out_of_range_values');
    expect(e.issues).toEqual([
      expect.objectContaining({ path: ['q7', 1], code: 'not_in_scale', params: expect.objectContaining({ count: 3, row: 2 }) }),
    ]);
    expect(() => nps(Float64Array.from([Number.POSITIVE_INFINITY]))).toThrow(AppError);
    expect(() => nps(Float64Array.from([5]), null, { level: 1 })).toThrow(AppError);
  });
});

describe('Likert items', () => {
  // 20 answers on 1–5: 2 × 1, 3 × 2, 5 × 3, 6 × 4, 4 × 5.
  const values = answers({ 1: 2, 2: 3, 3: 5, 4: 6, 5: 4 });

  it('mean, sd, distribution and top/bottom-2-box', () => {
    const r = likert(values, { points: 5 });
    expect(r.n).toBe(20);
    expect(r.mean).toBeCloseTo(67 / 20, 12);
    expect(r.distribution.map((p) => [p.value, p.count, p.percent])).toEqual([
      [1, 2, 10],
      [2, 3, 15],
      [3, 5, 25],
      [4, 6, 30],
      [5, 4, 20],
    ]);
    expect(r.topTwoBox).toBe(50);
    expect(r.bottomTwoBox).toBe(25);
    // R: sd(rep(1:5, c(2, 3, 5, 6, 4))) = 1.268027893
    expect(r.sd).toBeCloseTo(1.268027893, 9);
  });
  it('reverse keying maps x to 6 − x: the boxes swap and the mean mirrors', () => {
    const r = likert(values, { points: 5, reverse: true });
    expect(r.mean).toBeCloseTo(6 - 67 / 20, 12);
    expect(r.topTwoBox).toBe(25);
    expect(r.bottomTwoBox).toBe(50);
    expect(r.distribution[0]).toMatchObject({ value: 1, count: 4 });
  });
  it('a scale from 0: 0–10 as 11 points from 0, reversed to 10 − x', () => {
    const r = likert(Float64Array.from([0, 10, 9, 3]), { points: 11, start: 0, reverse: true });
    expect(r.distribution[0]).toMatchObject({ value: 0, count: 1 });
    expect(r.mean).toBeCloseTo((10 + 0 + 1 + 7) / 4, 12);
    expect(r.topTwoBox).toBe(25);
  });
  it('weighted', () => {
    const r = likert(Float64Array.from([1, 5]), { points: 5, weights: Float64Array.from([1, 3]) });
    expect(r.mean).toBe(4);
    expect(r.topTwoBox).toBe(75);
  });
  it('no answers: nulls', () => {
    expect(likert(Float64Array.from([Number.NaN]), { points: 5 })).toMatchObject({ n: 0, mean: null, sd: null, topTwoBox: null });
  });
  it('refuses a value off the scale and a scale of one point', () => {
    expect(errorOf(() => likert(Float64Array.from([1, 6]), { points: 5 })).issues?.[0]?.code).toBe('not_in_scale');
    expect(errorOf(() => likert(Float64Array.from([0]), { points: 5 })).issues?.[0]?.code).toBe('not_in_scale');
    expect(errorOf(() => likert(Float64Array.from([1]), { points: 1 })).issues?.[0]?.code).toBe('invalid_value');
  });
});

describe("Cronbach's alpha", () => {
  // Five respondents, three items, verified by hand:
  //   item 1: 1 2 3 4 5  variance 2.5
  //   item 2: 2 3 3 5 5  variance 7.2/4 = 1.8
  //   item 3: 2 3 4 4 5  variance 5.2/4 = 1.3
  //   totals: 5 8 10 13 15, variance 62.8/4 = 15.7
  //   α = 3/2 · (1 − 5.6/15.7) = 0.964968. R gives the same, with the item-total statistics below.
  const items = [Float64Array.from([1, 2, 3, 4, 5]), Float64Array.from([2, 3, 3, 5, 5]), Float64Array.from([2, 3, 4, 4, 5])];

  it('α = 0.964968 with the standardized α from the mean inter-item correlation', () => {
    const r = cronbachAlpha(items);
    expect(r.alpha).toBeCloseTo(1.5 * (1 - 5.6 / 15.7), 12);
    expect(r.alpha).toBeCloseTo(0.964968152866, 10);
    // R: R <- cor(x); rb <- mean(R[upper.tri(R)]) = 0.921123656858; 3·rb/(1 + 2·rb) = 0.972248599634
    expect(r.averageInterItemCorrelation).toBeCloseTo(0.921123656858, 10);
    expect(r.standardizedAlpha).toBeCloseTo(0.972248599634, 10);
    expect(r).toMatchObject({ items: 3, n: 5 });
  });
  it('per item: alpha if deleted and the corrected item-total correlation (R: cor(x[, i], rowSums(x[, -i])))', () => {
    const r = cronbachAlpha(items);
    const expected = [
      [0.912280701754, 0.993399267799],
      [0.958904109589, 0.910366477463],
      [0.963855421687, 0.928515412461],
    ];
    r.itemTotal.forEach((item, i) => {
      expect(item.alphaIfDeleted).toBeCloseTo(expected[i]?.[0] ?? 0, 10);
      expect(item.correctedItemTotalCorrelation).toBeCloseTo(expected[i]?.[1] ?? 0, 10);
    });
  });
  it('a reverse-keyed item, flagged, gives the alpha of the item keyed the right way', () => {
    const reversed = [items[0] as Float64Array, (items[1] as Float64Array).map((x) => 6 - x), items[2] as Float64Array];
    expect(cronbachAlpha(reversed).alpha).toBeLessThan(0.5);
    expect(cronbachAlpha(reversed, { reverse: [false, true, false] }).alpha).toBeCloseTo(0.964968152866, 10);
  });
  it('listwise deletion: a respondent missing an item is left out', () => {
    const gappy = items.map((item, i) => Float64Array.from([...item, i === 1 ? Number.NaN : 3]));
    expect(cronbachAlpha(gappy)).toMatchObject({ n: 5 });
    expect(cronbachAlpha(gappy).alpha).toBeCloseTo(0.964968152866, 10);
  });
  it('two items: no alpha if deleted; constant items or one respondent: nulls, never NaN', () => {
    expect(cronbachAlpha(items.slice(0, 2)).itemTotal[0]?.alphaIfDeleted).toBeNull();
    const constant = cronbachAlpha([Float64Array.from([3, 3, 3]), Float64Array.from([3, 3, 3])]);
    expect(constant).toMatchObject({ alpha: null, standardizedAlpha: null, averageInterItemCorrelation: null });
    expect(constant.itemTotal[0]).toMatchObject({ correctedItemTotalCorrelation: null });
    expect(cronbachAlpha([Float64Array.from([1]), Float64Array.from([2])])).toMatchObject({ n: 1, alpha: null });
  });
  it('refuses one item, items of different lengths, reverse flags that do not fit', () => {
    expect(errorOf(() => cronbachAlpha([Float64Array.from([1, 2])])).issues?.[0]?.code).toBe('too_small');
    expect(errorOf(() => cronbachAlpha([Float64Array.from([1, 2]), Float64Array.from([1])])).issues?.[0]?.code).toBe('invalid_value');
    expect(errorOf(() => cronbachAlpha(items, { reverse: [true] })).issues?.[0]?.path).toEqual(['reverse']);
  });
});
