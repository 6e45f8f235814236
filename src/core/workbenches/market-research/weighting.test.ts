import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { SingleVariable } from './variables.js';
import { baseMarginsOfError, effectiveSampleSize, marginOfError, rake } from './weighting.js';

function single(key: string, values: readonly string[], answers: readonly string[]): SingleVariable {
  return {
    kind: 'single',
    key,
    label: key,
    categories: values.map((v) => ({ value: v, label: v })),
    codes: Int32Array.from(answers, (a) => values.indexOf(a)),
  };
}

/** Respondents as cells of a sex × age table: m-young, m-old, f-young, f-old. */
function sample(cells: readonly [number, number, number, number]) {
  const sex: string[] = [];
  const age: string[] = [];
  const labels = [
    ['m', 'young'],
    ['m', 'old'],
    ['f', 'young'],
    ['f', 'old'],
  ] as const;
  cells.forEach((count, c) => {
    for (let i = 0; i < count; i++) {
      sex.push(labels[c]?.[0] ?? '');
      age.push(labels[c]?.[1] ?? '');
    }
  });
  return [single('sex', ['m', 'f'], sex), single('age', ['young', 'old'], age)] as const;
}

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).issues ?? [];
  }
  throw new Error('expected an AppError');
}

const hasNoNaN = (values: Iterable<number>) => [...values].every(Number.isFinite);

describe('raking: a 2 × 2 example verified by hand', () => {
  // 100 respondents: m-young 20, m-old 30, f-young 30, f-old 20; targets sex 50/50, age 40/60.
  // Raking keeps the sample's cross-product ratio (Deming & Stephan 1940; Bishop, Fienberg &
  // Holland 1975, §3.5), so the weighted m-young total x solves x(10 + x) / ((50 − x)(40 − x)) =
  // (20·20)/(30·30): x² + 90x − 1600 = 0, x = (√14500 − 90)/2 = 15.20797. The weights are then
  // x/20, (50 − x)/30, (40 − x)/30, (10 + x)/20 = 0.760399, 1.159734, 0.826401, 1.260399 — the
  // same as R's survey::rake(des, list(~sex, ~age), …) gives, with effective n 95.9933568412.
  const [sex, age] = sample([20, 30, 30, 20]);
  const result = rake([sex, age], { sex: { m: 0.5, f: 0.5 }, age: { young: 0.4, old: 0.6 } }, { tolerance: 1e-12 });
  const x = (Math.sqrt(14500) - 90) / 2;

  it('converges to the weights that keep the odds ratio', () => {
    expect(result.converged).toBe(true);
    expect(result.weights[0]).toBeCloseTo(x / 20, 10);
    expect(result.weights[20]).toBeCloseTo((50 - x) / 30, 10);
    expect(result.weights[50]).toBeCloseTo((40 - x) / 30, 10);
    expect(result.weights[99]).toBeCloseTo((10 + x) / 20, 10);
    expect(result.weights[0]).toBeCloseTo(0.7603986, 7);
  });
  it('hits every margin exactly at convergence', () => {
    expect(result.maxMarginError).toBeLessThanOrEqual(1e-12);
    for (const m of result.margins) expect(m.achieved).toBeCloseTo(m.target, 12);
    expect(result.margins.find((m) => m.variable === 'age' && m.category === 'young')).toMatchObject({ target: 0.4, unweighted: 0.5 });
  });
  it('scales the weights to a mean of 1 and reports Kish’s effective n, efficiency and design effect', () => {
    expect(result.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(100, 10);
    const w = [x / 20, (50 - x) / 30, (40 - x) / 30, (10 + x) / 20];
    const counts = [20, 30, 30, 20];
    const sumSquares = w.reduce((s, wi, i) => s + (counts[i] as number) * wi * wi, 0);
    expect(result.effectiveN).toBeCloseTo(100 ** 2 / sumSquares, 9);
    expect(result.effectiveN).toBeCloseTo(95.9933568412, 8);
    expect(result.efficiency).toBeCloseTo(result.effectiveN / 100, 12);
    expect(result.designEffect).toBeCloseTo(100 / result.effectiveN, 12);
    expect(effectiveSampleSize(result.weights)).toBeCloseTo(result.effectiveN, 12);
  });
  it('is already done when the sample matches the targets', () => {
    const done = rake([sex, age], { sex: { m: 0.5, f: 0.5 }, age: { young: 0.5, old: 0.5 } });
    expect(done).toMatchObject({ converged: true, iterations: 0, effectiveN: 100, designEffect: 1 });
  });
});

describe('raking: Deming & Stephan’s idea — adjust to one margin at a time, repeat', () => {
  it('a single variable is post-stratification: one cycle, weight = target share / sample share', () => {
    const [sex] = sample([20, 30, 30, 20]);
    const r = rake([sex], { sex: { m: 0.4, f: 0.6 } });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBe(1);
    expect(r.weights[0]).toBeCloseTo(0.4 / 0.5, 12);
    expect(r.weights[99]).toBeCloseTo(0.6 / 0.5, 12);
  });
  it('starts from base (design) weights when given', () => {
    const [sex, age] = sample([20, 30, 30, 20]);
    const baseWeights = Float64Array.from({ length: 100 }, (_, r) => 1 + (r % 3));
    const r = rake([sex, age], { sex: { m: 0.5, f: 0.5 }, age: { young: 0.4, old: 0.6 } }, { baseWeights });
    expect(r.converged).toBe(true);
    expect(r.maxMarginError).toBeLessThanOrEqual(1e-6);
    expect(baseWeights[1]).toBe(2);
  });
});

describe('raking with trimming', () => {
  // Men are 30% and the young 15% of the sample, young men only 2: raking alone gives them 4.58.
  const [sex, age] = sample([2, 28, 13, 57]);
  const targets = { sex: { m: 0.5, f: 0.5 }, age: { young: 0.3, old: 0.7 } };

  it('without trimming some weights go above 3', () => {
    expect(Math.max(...rake([sex, age], targets).weights)).toBeCloseTo(4.575, 3);
  });
  it('trimmed at 0.3–3 × the mean: every weight is within the bounds, and the report counts the clipped', () => {
    const r = rake([sex, age], targets, { trim: { min: 0.3, max: 3 }, maxIterations: 500 });
    expect(r.converged).toBe(true);
    expect(r.trimmed).toBe(2);
    expect(Math.max(...r.weights)).toBeLessThanOrEqual(3 + 1e-9);
    expect(Math.min(...r.weights)).toBeGreaterThanOrEqual(0.3 - 1e-9);
    expect(r.trimmed).toBeGreaterThan(0);
    expect(hasNoNaN(r.weights)).toBe(true);
    expect(r.efficiency).toBeGreaterThan(rake([sex, age], targets).efficiency);
  });
  it('tight trimming cannot reach the targets: converged is false, nothing is NaN', () => {
    const r = rake([sex, age], targets, { trim: { min: 0.9, max: 1.1 }, maxIterations: 20 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(20);
    expect(r.maxMarginError).toBeGreaterThan(0.01);
    expect(hasNoNaN(r.weights)).toBe(true);
    expect(hasNoNaN(r.margins.map((m) => m.achieved))).toBe(true);
  });
});

describe('raking that cannot converge', () => {
  it('two variables that coincide in the sample with targets that contradict: converged false after maxIterations', () => {
    // Every man is young and every woman old, but the targets ask for 50% men and 40% young.
    const [sex, age] = sample([50, 0, 0, 50]);
    const r = rake([sex, age], { sex: { m: 0.5, f: 0.5 }, age: { young: 0.4, old: 0.6 } }, { maxIterations: 30 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(30);
    // The last step fits age exactly, which leaves sex at 40% against 50%.
    expect(r.maxMarginError).toBeCloseTo(0.1, 9);
    expect(hasNoNaN([r.effectiveN, r.efficiency, r.designEffect, r.maxMarginError, ...r.weights])).toBe(true);
  });
});

describe('raking refuses targets that do not fit the data, naming the variable and category', () => {
  const [sex, age] = sample([20, 30, 30, 20]);
  const good = { sex: { m: 0.5, f: 0.5 }, age: { young: 0.4, old: 0.6 } };

  it('targets that do not sum to 1 (± 1e-6)', () => {
    const issues = issuesOf(() => rake([sex, age], { ...good, age: { young: 0.4, old: 0.5 } }));
    expect(issues).toEqual([expect.objectContaining({ path: ['age'], code: 'targets_sum', params: { sum: 0.9 } })]);
    expect(rake([sex, age], { ...good, age: { young: 0.4, old: 0.6000005 } }).converged).toBe(true);
  });
  it('a target category the variable does not have, or that nobody is in', () => {
    expect(issuesOf(() => rake([sex, age], { ...good, sex: { m: 0.5, f: 0.4, x: 0.1 } })).map((i) => [i.path, i.code])).toEqual([
      [['sex', 'x'], 'unknown_category'],
    ]);
    const threeSexes = { ...sex, categories: [...sex.categories, { value: 'x', label: 'x' }] };
    const issues = issuesOf(() => rake([threeSexes, age], { ...good, sex: { m: 0.5, f: 0.4, x: 0.1 } }));
    expect(issues).toEqual([expect.objectContaining({ path: ['sex', 'x'], code: 'unknown_category', params: { respondents: 0 } })]);
    // A category with no respondents and a target of 0 is fine.
    expect(rake([threeSexes, age], { ...good, sex: { m: 0.5, f: 0.5, x: 0 } }).converged).toBe(true);
  });
  it('respondents in a category without a target cannot be weighted', () => {
    const issues = issuesOf(() => rake([sex, age], { ...good, age: { young: 1 } }));
    expect(issues).toEqual([
      expect.objectContaining({ path: ['age', 'old'], code: 'category_without_target', params: { respondents: 50 } }),
    ]);
  });
  it('a target share of 0 for a category with respondents', () => {
    const issues = issuesOf(() => rake([sex, age], { ...good, age: { young: 1, old: 0 } }));
    expect(issues).toEqual([expect.objectContaining({ path: ['age', 'old'], code: 'zero_target', params: { respondents: 50 } })]);
  });
  it('respondents missing on a raking variable: how many', () => {
    const gappy = { ...age, codes: Int32Array.from(age.codes, (c, r) => (r < 3 ? -1 : c)) };
    const issues = issuesOf(() => rake([sex, gappy], good));
    expect(issues).toEqual([expect.objectContaining({ path: ['age'], code: 'missing_on_weighting_variable', params: { respondents: 3 } })]);
  });
  it('a negative share, targets for an unknown variable, a variable without targets, a repeated variable', () => {
    expect(issuesOf(() => rake([sex, age], { ...good, sex: { m: 1.5, f: -0.5 } })).map((i) => i.code)).toEqual([
      'share_out_of_range',
      'share_out_of_range',
      'targets_sum',
    ]);
    expect(issuesOf(() => rake([sex, age], { ...good, region: { north: 1 } })).map((i) => i.code)).toEqual(['unknown_key']);
    expect(issuesOf(() => rake([sex, age], { sex: good.sex })).map((i) => [i.path, i.code])).toEqual([[['age'], 'required']]);
    expect(issuesOf(() => rake([sex, sex], good)).map((i) => i.code)).toContain('duplicate_key');
  });
  it('bad options: no variables, trimming bounds out of order, base weights of the wrong length or zero', () => {
    expect(issuesOf(() => rake([], {})).map((i) => i.code)).toEqual(['too_small']);
    expect(issuesOf(() => rake([sex, age], good, { trim: { min: 2, max: 3 } })).map((i) => i.code)).toEqual(['range_order']);
    expect(issuesOf(() => rake([sex, age], good, { baseWeights: new Float64Array(3).fill(1) })).map((i) => i.path)).toEqual([
      ['baseWeights'],
    ]);
    expect(issuesOf(() => rake([sex, age], good, { baseWeights: new Float64Array(100) })).map((i) => i.code)).toEqual(['too_small']);
    expect(issuesOf(() => rake([sex, age], good, { maxIterations: 0, tolerance: 0 })).map((i) => i.code)).toEqual([
      'too_small',
      'invalid_value',
    ]);
  });
  it('every problem at once, with the reason bad_targets', () => {
    try {
      rake([sex, age], { sex: { m: 0.7, f: 0.7 }, age: { young: 1, old: 0 } });
    } catch (e) {
      expect((e as AppError).reason).toBe('bad_targets');
      expect((e as AppError).issues?.map((i) => i.code)).toEqual(['targets_sum', 'zero_target']);
      return;
    }
    throw new Error('expected an AppError');
  });
});

describe('margins of error', () => {
  it('n = 1,000 at p = 0.5 and 95%: ±3.1 points (1.959964 · √(0.25/1000) = 0.030990)', () => {
    expect(marginOfError({ n: 1000 })).toBeCloseTo(0.0309897, 6);
  });
  it('on an effective n of 500 it widens by √2; at p = 0.2 it narrows by 0.8', () => {
    expect(marginOfError({ n: 1000, effectiveN: 500 })).toBeCloseTo(0.0309897 * Math.SQRT2, 6);
    expect(marginOfError({ n: 1000, p: 0.2 })).toBeCloseTo(0.0309897 * 0.8, 6);
  });
  it('99% uses z = 2.575829', () => {
    expect(marginOfError({ n: 400, level: 0.99 })).toBeCloseTo(2.5758293035489 * Math.sqrt(0.25 / 400), 9);
  });
  it('the finite population correction √((N − n)/(N − 1)): 1,000 of 10,000 → × 0.948731', () => {
    expect(marginOfError({ n: 1000, populationSize: 10_000 })).toBeCloseTo(0.0309897 * Math.sqrt(9000 / 9999), 6);
    expect(marginOfError({ n: 10, populationSize: 10 })).toBe(0);
  });
  it('no base, no margin: null', () => {
    expect(marginOfError({ n: 0 })).toBeNull();
  });
  it('refuses p, level, n or a population out of range', () => {
    expect(issuesOf(() => marginOfError({ n: 10, p: 1.2, level: 1 })).map((i) => i.path)).toEqual([['p'], ['level']]);
    expect(issuesOf(() => marginOfError({ n: Number.NaN })).map((i) => i.path)).toEqual([['n']]);
    expect(issuesOf(() => marginOfError({ n: 100, populationSize: 50 })).map((i) => i.path)).toEqual([['populationSize']]);
  });
  it('on a weighted base both ways', () => {
    const weights = Float64Array.from({ length: 400 }, (_, r) => (r % 2 === 0 ? 0.5 : 1.5));
    const m = baseMarginsOfError(weights);
    expect(m.n).toBe(400);
    expect(m.effectiveN).toBeCloseTo(320, 9); // (400)² / (200 · 0.25 + 200 · 2.25)
    expect(m.designEffect).toBeCloseTo(1.25, 9);
    expect(m.unweighted).toBeCloseTo(1.959964 * Math.sqrt(0.25 / 400), 6);
    expect(m.weighted).toBeCloseTo(1.959964 * Math.sqrt(0.25 / 320), 6);
    expect(baseMarginsOfError(new Float64Array(0))).toMatchObject({ n: 0, designEffect: null, unweighted: null, weighted: null });
  });
});
