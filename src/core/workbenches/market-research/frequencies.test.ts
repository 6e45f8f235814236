import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { frequencies } from './frequencies.js';
import type { MultipleVariable, NumericVariable, SingleVariable } from './variables.js';

const region: SingleVariable = {
  kind: 'single',
  key: 'region',
  label: 'Region',
  categories: [
    { value: '1', label: 'North' },
    { value: '2', label: 'South' },
    { value: '3', label: 'West' },
  ],
  // 10 respondents: 4 North, 5 South, none West, 1 missing.
  codes: Int32Array.from([0, 1, 1, 0, -1, 1, 0, 1, 0, 1]),
};

const numeric = (values: readonly number[]): NumericVariable => ({
  kind: 'numeric',
  key: 'age',
  label: 'Age',
  values: Float64Array.from(values),
});

describe('single choice', () => {
  it('counts, percents of the answered base, and the missing', () => {
    const f = frequencies(region);
    expect(f.categories.map((c) => [c.label, c.count, c.unweightedCount, c.percent])).toEqual([
      ['North', 4, 4, (100 * 4) / 9],
      ['South', 5, 5, (100 * 5) / 9],
      ['West', 0, 0, 0],
    ]);
    expect(f).toMatchObject({ kind: 'single', base: 9, unweightedBase: 9, effectiveBase: 9, missing: 1 });
  });
  it('weighted: counts are sums of weights, percents of the weighted base, Kish’s effective base', () => {
    const weights = Float64Array.from([2, 1, 1, 2, 5, 1, 2, 1, 2, 1]);
    const f = frequencies(region, weights);
    expect(f.categories.map((c) => c.count)).toEqual([8, 5, 0]);
    expect(f.categories.map((c) => c.unweightedCount)).toEqual([4, 5, 0]);
    expect(f.base).toBe(13);
    expect(f.categories[0]?.percent).toBeCloseTo((100 * 8) / 13, 12);
    expect(f.effectiveBase).toBeCloseTo(169 / (4 * 4 + 5), 12);
  });
  it('an empty base gives null percents, not NaN', () => {
    const f = frequencies({ ...region, codes: new Int32Array([-1, -1]) });
    expect(f.base).toBe(0);
    expect(f.categories.every((c) => c.percent === null)).toBe(true);
  });
  it('refuses a code outside the codebook and weights that do not fit', () => {
    expect(() => frequencies({ ...region, codes: Int32Array.from([0, 3]) })).toThrow(AppError);
    expect(() => frequencies(region, new Float64Array(3))).toThrow(AppError);
    expect(() => frequencies(region, new Float64Array(10).fill(Number.POSITIVE_INFINITY))).toThrow(AppError);
  });
});

describe('multiple choice', () => {
  const channels: MultipleVariable = {
    kind: 'multiple',
    key: 'channels',
    label: 'Where did you hear of us?',
    categories: [
      { value: 'tv', label: 'TV' },
      { value: 'web', label: 'Web' },
    ],
    // Respondent 4 did not answer; the tick in their row is ignored.
    selected: [Uint8Array.from([1, 1, 0, 1]), Uint8Array.from([1, 1, 1, 0])],
    answered: Uint8Array.from([1, 1, 1, 0]),
  };
  it('percents of the answered base, which may sum to more than 100', () => {
    const f = frequencies(channels);
    expect(f.base).toBe(3);
    expect(f.missing).toBe(1);
    expect(f.categories.map((c) => c.count)).toEqual([2, 3]);
    expect(f.categories.map((c) => c.percent)).toEqual([(100 * 2) / 3, 100]);
  });
  it('weighted', () => {
    const f = frequencies(channels, Float64Array.from([1, 2, 3, 10]));
    expect(f.base).toBe(6);
    expect(f.categories.map((c) => c.count)).toEqual([3, 6]);
    expect(f.categories.map((c) => c.percent)).toEqual([50, 100]);
  });
});

describe('numbers', () => {
  it('n, mean, sd, min, median and max (R: x <- c(23, 35, 41, 29, NA, 52, 35); sd(x, na.rm = TRUE) = 10.0083298640)', () => {
    const f = frequencies(numeric([23, 35, 41, 29, Number.NaN, 52, 35]));
    expect(f).toMatchObject({ kind: 'numeric', n: 6, weightedN: 6, effectiveN: 6, missing: 1, min: 23, median: 35, max: 52 });
    expect(f.mean).toBeCloseTo(35.8333333333, 9);
    expect(f.sd).toBeCloseTo(10.008329864, 9);
  });
  it('the median of an even count averages the middle two', () => {
    expect(frequencies(numeric([4, 1, 3, 2])).median).toBe(2.5);
  });
  it('weighted: mean Σwx/Σw, sd Σw(x − x̄)²/Σw · n/(n − 1), median at half the weight', () => {
    // x = 1, 2, 3, 4 with w = 1, 1, 1, 3: x̄ = 18/6 = 3, Σw(x − x̄)² = 4 + 1 + 0 + 3 = 8,
    // variance = 8/6 · 4/3 = 16/9 (Hmisc::wtd.var(x, w, normwt = TRUE)), sd = 4/3. The weights
    // are whole, so the median is that of 1, 2, 3, 4, 4, 4: 3.5.
    const f = frequencies(numeric([1, 2, 3, 4]), Float64Array.from([1, 1, 1, 3]));
    expect(f.mean).toBe(3);
    expect(f.sd).toBeCloseTo(4 / 3, 12);
    expect(f.median).toBe(3.5);
    expect(f.weightedN).toBe(6);
    expect(f.effectiveN).toBeCloseTo(36 / 12, 12);
  });
  it('no value, one value, infinities and zero weights: nulls, never NaN', () => {
    expect(frequencies(numeric([]))).toMatchObject({ n: 0, mean: null, sd: null, min: null, median: null, max: null });
    expect(frequencies(numeric([Number.NaN, 7]))).toMatchObject({ n: 1, mean: 7, sd: null, median: 7 });
    expect(frequencies(numeric([Number.POSITIVE_INFINITY, 7, Number.NEGATIVE_INFINITY]))).toMatchObject({ n: 1, missing: 2, max: 7 });
    expect(frequencies(numeric([1, 2]), new Float64Array(2))).toMatchObject({ n: 2, weightedN: 0, mean: null, sd: null, median: null });
  });
});
