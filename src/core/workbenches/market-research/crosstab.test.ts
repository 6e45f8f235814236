import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { adjustPValues, columnLetter, crosstab, fisherExact2x2, meansByColumn } from './crosstab.js';
import type { MultipleVariable, NumericVariable, SingleVariable } from './variables.js';

function single(key: string, labels: readonly string[], codes: readonly number[]): SingleVariable {
  return { kind: 'single', key, label: key, categories: labels.map((l) => ({ value: l, label: l })), codes: Int32Array.from(codes) };
}

/** A stub and a banner whose crosstab is `table` (rows × columns of respondents). */
function fromTable(table: readonly (readonly number[])[], rowLabels?: readonly string[], colLabels?: readonly string[]) {
  const stubCodes: number[] = [];
  const bannerCodes: number[] = [];
  table.forEach((row, i) => {
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) {
        stubCodes.push(i);
        bannerCodes.push(j);
      }
    });
  });
  const rows = rowLabels ?? table.map((_, i) => `r${i + 1}`);
  const cols = colLabels ?? (table[0] ?? []).map((_, j) => `c${j + 1}`);
  return { stub: single('stub', rows, stubCodes), banner: single('banner', cols, bannerCodes) };
}

/** Every number anywhere in a result is finite. */
function expectAllFinite(value: unknown, path = 'result'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) expectAllFinite(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectAllFinite(v, `${path}.${k}`);
}

describe('Pearson chi-square: Agresti, Categorical Data Analysis (2nd ed., 2002), Table 3.1', () => {
  // Gender × party identification (GSS 1991): females 762 / 327 / 468, males 484 / 239 / 477.
  // Agresti reports X² = 30.07 and G² = 30.02 with df = 2 (§3.2.5); R 4.2.2's chisq.test gives
  // X² = 30.0701491, p = 2.953589183e-07, and 2·Σ O·log(O/E) = 30.01669261.
  const { stub, banner } = fromTable(
    [
      [762, 327, 468],
      [484, 239, 477],
    ],
    ['Females', 'Males'],
    ['Democrat', 'Independent', 'Republican'],
  );
  const table = crosstab(stub, banner);

  it('reproduces X² = 30.07 on 2 df and G² = 30.02', () => {
    expect(table.chiSquare?.statistic).toBeCloseTo(30.0701491, 6);
    expect(table.chiSquare?.df).toBe(2);
    expect(table.chiSquare?.pValue).toBeCloseTo(2.953589183e-7, 15);
    expect(table.chiSquare?.likelihoodRatio.statistic).toBeCloseTo(30.01669261, 6);
    expect(table.chiSquare?.yates).toBe(false);
  });
  it('holds the counts, bases and percentages', () => {
    expect(table.rows).toEqual(['Females', 'Males']);
    expect(table.cols).toEqual(['Democrat', 'Independent', 'Republican']);
    expect(table.counts).toEqual([
      [762, 327, 468],
      [484, 239, 477],
    ]);
    expect(table.rowTotals).toEqual([1557, 1200]);
    expect(table.colTotals).toEqual([1246, 566, 945]);
    expect(table.colBasesUnweighted).toEqual([1246, 566, 945]);
    expect(table.colBasesEffective).toEqual([1246, 566, 945]);
    expect(table.total).toBe(2757);
    expect(table.colPercents[0]?.[0]).toBeCloseTo((100 * 762) / 1246, 10);
    expect(table.rowPercents[1]?.[2]).toBeCloseTo((100 * 477) / 1200, 10);
    expect(table.expected).toMatchObject({ cellsBelow: 0, share: 0, warning: false });
    expect(table.fisher).toBeNull();
  });
  it('weights that are all equal change the counts but not the test', () => {
    const doubled = crosstab(stub, banner, { weights: new Float64Array(2757).fill(2) });
    expect(doubled.counts[0]?.[0]).toBe(1524);
    expect(doubled.colBasesEffective[0]).toBeCloseTo(1246, 9);
    expect(doubled.chiSquare?.statistic).toBeCloseTo(30.0701491, 6);
    expect(doubled.columnTests.cells).toEqual(table.columnTests.cells);
  });
});

describe("Yates's continuity correction (2×2)", () => {
  // R: chisq.test(matrix(c(12, 5, 7, 7), 2)) → X-squared = 0.64112, df = 1, p-value = 0.4233.
  // By hand: margins 19, 12 / 17, 14, N = 31; E = 10.419, 8.581, 6.581, 5.419; |O − E| = 1.581,
  // so X² = (1.581 − 0.5)² · Σ 1/E = 1.1685 · 0.5490 = 0.6415.
  const { stub, banner } = fromTable([
    [12, 7],
    [5, 7],
  ]);
  it('gives 0.64112 (p 0.4233) with the correction', () => {
    const t = crosstab(stub, banner, { yates: true });
    expect(t.chiSquare?.yates).toBe(true);
    expect(t.chiSquare?.statistic).toBeCloseTo(0.64112, 5);
    expect(t.chiSquare?.pValue).toBeCloseTo(0.4233054243, 9);
  });
  it('is not applied by default: (1.581)² · Σ 1/E = 1.3725', () => {
    const t = crosstab(stub, banner);
    const e = [(19 * 17) / 31, (19 * 14) / 31, (12 * 17) / 31, (12 * 14) / 31];
    const d = 12 - (e[0] as number);
    expect(t.chiSquare?.yates).toBe(false);
    expect(t.chiSquare?.statistic).toBeCloseTo(d * d * e.reduce((s, x) => s + 1 / x, 0), 10);
  });
  it('is ignored beyond 2×2 and the result says so', () => {
    const big = fromTable([
      [762, 327, 468],
      [484, 239, 477],
    ]);
    const t = crosstab(big.stub, big.banner, { yates: true });
    expect(t.chiSquare?.yates).toBe(false);
    expect(t.chiSquare?.statistic).toBeCloseTo(30.0701491, 6);
  });
  it("gives Fisher's exact p as R does (fisher.test: 0.288308104)", () => {
    expect(crosstab(stub, banner).fisher?.pValue).toBeCloseTo(0.288308104, 9);
  });
});

describe("Fisher's exact test, two-sided", () => {
  it("lady tasting tea [[3, 1], [1, 3]]: p = 0.4857 (Fisher 1935, The Design of Experiments; R's fisher.test)", () => {
    expect(fisherExact2x2(3, 1, 1, 3)).toBeCloseTo(0.4857142857, 10);
    const { stub, banner } = fromTable([
      [3, 1],
      [1, 3],
    ]);
    const t = crosstab(stub, banner);
    expect(t.fisher?.pValue).toBeCloseTo(0.4857142857, 10);
    expect(t.expected?.warning).toBe(true);
  });
  it("criminal twins [[2, 15], [10, 3]] (Fisher 1962; R's fisher.test example Convictions): p = 0.0005367241", () => {
    expect(fisherExact2x2(2, 15, 10, 3)).toBeCloseTo(0.0005367241191, 12);
  });
  it('is 1 when a margin is empty, and symmetric in the table orientation', () => {
    expect(fisherExact2x2(3, 0, 2, 0)).toBe(1);
    expect(fisherExact2x2(15, 2, 3, 10)).toBeCloseTo(fisherExact2x2(2, 15, 10, 3), 14);
    expect(fisherExact2x2(2, 10, 15, 3)).toBeCloseTo(fisherExact2x2(2, 15, 10, 3), 14);
  });
  it('runs on a large table without overflow', () => {
    const p = fisherExact2x2(5000, 4800, 4700, 5200);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-4);
  });
  it('is given on the unweighted counts of a weighted 2×2 table', () => {
    const { stub, banner } = fromTable([
      [3, 1],
      [1, 3],
    ]);
    const t = crosstab(stub, banner, { weights: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]) });
    expect(t.fisher?.pValue).toBeCloseTo(0.4857142857, 10);
  });
});

describe('column-proportion z-tests (pooled proportion, as SPSS compares column proportions)', () => {
  // Three columns of 100: "yes" is 60%, 45%, 40%. By hand (R: 2 * pnorm(-abs(z))):
  //   A–B: p̄ = .525, z = .15 / √(.525 · .475 · .02) = 2.1240, p = 0.03367
  //   A–C: p̄ = .500, z = .20 / √(.25 · .02)         = 2.8284, p = 0.004678
  //   B–C: p̄ = .425, z = .05 / √(.425 · .575 · .02) = 0.7152, p = 0.4745
  const { stub, banner } = fromTable(
    [
      [60, 45, 40],
      [40, 55, 60],
    ],
    ['yes', 'no'],
  );

  it('without a correction: A is higher than B and C; B and C are higher than A on "no"', () => {
    const t = crosstab(stub, banner, { correction: 'none' });
    expect(t.columnTests.letters).toEqual(['A', 'B', 'C']);
    expect(t.columnTests.cells).toEqual([
      ['BC', '', ''],
      ['', 'A', 'A'],
    ]);
  });
  it('Bonferroni (× 3 pairs) turns the borderline A–B (p = 0.0337 → 0.101) non-significant', () => {
    const t = crosstab(stub, banner);
    expect(t.columnTests.correction).toBe('bonferroni');
    expect(t.columnTests.cells).toEqual([
      ['C', '', ''],
      ['', '', 'A'],
    ]);
  });
  it('Holm keeps A–C (0.004678 × 3) and drops A–B (0.03367 × 2 = 0.067)', () => {
    const t = crosstab(stub, banner, { correction: 'holm' });
    expect(t.columnTests.cells[0]).toEqual(['C', '', '']);
  });
  it('the p-value of A–B is 0.03367: significant at 0.0337, not at 0.0336', () => {
    expect(crosstab(stub, banner, { correction: 'none', alpha: 0.0337 }).columnTests.cells[0]?.[0]).toBe('BC');
    expect(crosstab(stub, banner, { correction: 'none', alpha: 0.0336 }).columnTests.cells[0]?.[0]).toBe('C');
  });
  it('weighted: proportions from weighted counts and the Kish effective base as n', () => {
    // Column A's respondents weigh 1 and 3 alternately: Σw = 200, Σw² = 500, n_eff = 80.
    const weights = new Float64Array(banner.codes.length).fill(1);
    banner.codes.forEach((code, r) => {
      if (code === 0) weights[r] = r % 2 === 0 ? 1 : 3;
    });
    const t = crosstab(stub, banner, { weights, correction: 'none' });
    expect(t.colBasesEffective[0]).toBeCloseTo(80, 10);
    const pA = (t.counts[0]?.[0] ?? 0) / (t.colTotals[0] ?? 1);
    const pooled = (pA * 80 + 0.4 * 100) / 180;
    const z = (pA - 0.4) / Math.sqrt(pooled * (1 - pooled) * (1 / 80 + 1 / 100));
    expect(z).toBeGreaterThan(1.96);
    expect(t.columnTests.cells[0]?.[0]).toContain('C');
  });
  it('skips columns with a base below 2 and rows where both proportions are 0', () => {
    const t = crosstab(
      ...(Object.values(
        fromTable([
          [0, 0, 1],
          [5, 5, 0],
        ]),
      ) as [SingleVariable, SingleVariable]),
      { correction: 'none' },
    );
    expect(t.columnTests.cells.flat().every((c) => c === '')).toBe(true);
  });
});

describe('multiple-comparison adjustment', () => {
  it("matches R's p.adjust(c(0.01, 0.02, 0.5), 'holm') = 0.03 0.04 0.5 and Bonferroni", () => {
    const holm = adjustPValues([0.02, 0.5, 0.01], 3, 'holm');
    expect(holm[0]).toBeCloseTo(0.04, 12);
    expect(holm[1]).toBeCloseTo(0.5, 12);
    expect(holm[2]).toBeCloseTo(0.03, 12);
    expect(adjustPValues([0.02, 0.5, 0.01], 3, 'bonferroni')).toEqual([0.06, 1, 0.03]);
    expect(adjustPValues([0.02], 3, 'none')).toEqual([0.02]);
  });
});

describe('significance letters', () => {
  it('run A … Z, then AA, AB … ZZ, AAA', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
  it('are given per banner column even for 30 columns', () => {
    const codes = Array.from({ length: 300 }, (_, r) => r % 30);
    const t = crosstab(
      single(
        's',
        ['x', 'y'],
        codes.map((c, r) => (r % (c + 2) === 0 ? 0 : 1)),
      ),
      single('b', codes.slice(0, 30).map(String), codes),
    );
    expect(t.columnTests.letters.slice(24, 28)).toEqual(['Y', 'Z', 'AA', 'AB']);
    expectAllFinite(t);
  });
});

describe('weighted chi-square: the table rescaled to Kish’s effective n', () => {
  it('equals Pearson on counts × n_eff / Σw', () => {
    const { stub, banner } = fromTable([
      [20, 30],
      [25, 10],
    ]);
    const weights = Float64Array.from({ length: 85 }, (_, r) => 0.5 + (r % 4) * 0.5);
    const t = crosstab(stub, banner, { weights });
    const sum = weights.reduce((s, w) => s + w, 0);
    const nEff = sum ** 2 / weights.reduce((s, w) => s + w * w, 0);
    const o = (t.counts.flat() as number[]).map((c) => (c * nEff) / sum);
    const [a, b, c, d] = o as [number, number, number, number];
    const pearson = (nEff * (a * d - b * c) ** 2) / ((a + b) * (c + d) * (a + c) * (b + d));
    expect(t.chiSquare?.n).toBeCloseTo(nEff, 9);
    expect(t.chiSquare?.statistic).toBeCloseTo(pearson, 9);
    expect(t.totalEffective).toBeCloseTo(nEff, 9);
  });
});

describe('degenerate tables never answer NaN or Infinity', () => {
  it('a banner with one level: no chi-square, reason degenerate', () => {
    const t = crosstab(single('s', ['a', 'b'], [0, 1, 1, 0]), single('b', ['only'], [0, 0, 0, 0]));
    expect(t.chiSquare).toBeNull();
    expect(t.chiSquareSkipped).toBe('degenerate');
    expect(t.expected).toBeNull();
    expectAllFinite(t);
  });
  it('an all-zero column is left out of the test: 2×3 with an empty column is the 2×2', () => {
    const withEmpty = crosstab(
      ...(Object.values(
        fromTable([
          [12, 0, 7],
          [5, 0, 7],
        ]),
      ) as [SingleVariable, SingleVariable]),
    );
    const plain = crosstab(
      ...(Object.values(
        fromTable([
          [12, 7],
          [5, 7],
        ]),
      ) as [SingleVariable, SingleVariable]),
    );
    expect(withEmpty.chiSquare?.df).toBe(1);
    expect(withEmpty.chiSquare?.colsTested).toEqual([0, 2]);
    expect(withEmpty.chiSquare?.statistic).toBeCloseTo(plain.chiSquare?.statistic ?? Number.NaN, 12);
    expect(withEmpty.colPercents[0]?.[1]).toBeNull();
    expect(withEmpty.fisher?.pValue).toBeCloseTo(0.288308104, 9);
    expectAllFinite(withEmpty);
  });
  it('no respondents at all, everyone missing, one respondent, a 2×2 with an empty row', () => {
    const cases: [SingleVariable, SingleVariable][] = [
      [single('s', ['a', 'b'], []), single('b', ['x', 'y'], [])],
      [single('s', ['a', 'b'], [-1, -1]), single('b', ['x', 'y'], [0, 1])],
      [single('s', ['a', 'b'], [0]), single('b', ['x', 'y'], [1])],
      [single('s', ['a', 'b'], [0, 0, 0]), single('b', ['x', 'y'], [0, 1, 1])],
      [single('s', [], []), single('b', [], [])],
    ];
    for (const [s, b] of cases) {
      const t = crosstab(s, b, { weights: new Float64Array(s.codes.length).fill(1.5) });
      expect(t.chiSquare).toBeNull();
      expectAllFinite(t);
    }
    const emptyRow = crosstab(single('s', ['a', 'b'], [0, 0, 0]), single('b', ['x', 'y'], [0, 1, 1]));
    expect(emptyRow.fisher?.pValue).toBe(1);
  });
  it('random small tables with zero weights mixed in stay finite', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(next() * 12);
      const s = single(
        's',
        ['a', 'b', 'c'],
        Array.from({ length: n }, () => Math.floor(next() * 4) - 1),
      );
      const b = single(
        'b',
        ['x', 'y'],
        Array.from({ length: n }, () => Math.floor(next() * 3) - 1),
      );
      const weights = Float64Array.from({ length: n }, () => (next() < 0.2 ? 0 : next() * 3));
      expectAllFinite(crosstab(s, b, { weights, yates: true, correction: 'holm' }));
    }
  });
});

describe('multiple-choice variables', () => {
  // Five respondents; brands chosen (A, B); respondent 5 skipped the question.
  const brands: MultipleVariable = {
    kind: 'multiple',
    key: 'brands',
    label: 'Brands used',
    categories: [
      { value: 'A', label: 'Brand A' },
      { value: 'B', label: 'Brand B' },
    ],
    selected: [Uint8Array.from([1, 1, 0, 1, 1]), Uint8Array.from([1, 0, 1, 1, 0])],
    answered: Uint8Array.from([1, 1, 1, 1, 0]),
  };
  const gender = single('gender', ['f', 'm'], [0, 0, 1, 1, 1]);

  it('as the stub: cells may overlap, the column bases count respondents, and no chi-square', () => {
    const t = crosstab(brands, gender);
    expect(t.counts).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(t.colTotals).toEqual([2, 2]);
    expect(t.colPercents).toEqual([
      [100, 50],
      [50, 100],
    ]);
    expect(t.chiSquare).toBeNull();
    expect(t.chiSquareSkipped).toBe('not_exclusive');
    expect(t.fisher).toBeNull();
  });
  it('as the banner: the same, transposed', () => {
    const t = crosstab(gender, brands);
    expect(t.counts).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(t.rowTotals).toEqual([2, 2]);
    expect(t.chiSquareSkipped).toBe('not_exclusive');
  });
});

describe('means by column: Welch t-tests', () => {
  // R 4.2.2: t.test(a, b) → t = 4.1553, df = 12.631, p = 0.001199232;
  //          t.test(b, c) → t = −3.4849, df = 9.5886, p = 0.006254293; t.test(a, c) → p = 0.5404.
  const a = [5, 6, 7, 8, 9, 7, 6];
  const b = [3, 4, 5, 4, 3, 5, 6, 2];
  const c = [6, 7, 5, 6, 8];
  const numeric: NumericVariable = {
    kind: 'numeric',
    key: 'score',
    label: 'Score',
    values: Float64Array.from([...a, ...b, ...c, Number.NaN]),
  };
  const group = single('group', ['a', 'b', 'c'], [...a.map(() => 0), ...b.map(() => 1), ...c.map(() => 2), 0]);

  it('gives n, mean and sd per column (R: mean(a) = 6.857143, sd(a) = 1.345185)', () => {
    const m = meansByColumn(numeric, group);
    expect(m.columns[0]).toMatchObject({ n: 7, effectiveN: 7 });
    expect(m.columns[0]?.mean).toBeCloseTo(6.857142857, 8);
    expect(m.columns[0]?.sd).toBeCloseTo(1.34518541827, 9);
    expect(m.columns[1]?.sd).toBeCloseTo(1.30930734142, 9);
  });
  it('Bonferroni: A and C are higher than B', () => {
    expect(meansByColumn(numeric, group).columns.map((c) => c.higherThan)).toEqual(['B', '', 'B']);
  });
  it("pins the Welch p-values: A–B's 0.001199 lies between 0.0011 and 0.0013, C–B's 0.006254 between 0.0062 and 0.0063", () => {
    const at = (alpha: number) => meansByColumn(numeric, group, { alpha, correction: 'none' }).columns.map((c) => c.higherThan);
    expect(at(0.0011)).toEqual(['', '', '']);
    expect(at(0.0013)).toEqual(['B', '', '']);
    expect(at(0.0062)).toEqual(['B', '', '']);
    expect(at(0.0063)).toEqual(['B', '', 'B']);
  });
  it('equal weights leave the tests unchanged; a column of one or of constant values is not tested', () => {
    expect(meansByColumn(numeric, group, { weights: new Float64Array(21).fill(3) }).columns.map((c) => c.higherThan)).toEqual([
      'B',
      '',
      'B',
    ]);
    const tiny = meansByColumn(
      { kind: 'numeric', key: 'x', label: 'x', values: Float64Array.from([1, 2, 2, 2, 5]) },
      single('g', ['one', 'flat', 'empty'], [0, 1, 1, 1, 0]),
    );
    expect(tiny.columns.map((c) => c.higherThan)).toEqual(['', '', '']);
    expect(tiny.columns[2]).toMatchObject({ n: 0, mean: null, sd: null });
    expectAllFinite(tiny);
  });
});

describe('bad input', () => {
  const s = single('s', ['a', 'b'], [0, 1, 0]);
  const b = single('b', ['x', 'y'], [0, 1, 1]);
  function issuesOf(run: () => unknown) {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return (e as AppError).issues?.map((i) => i.code);
    }
    throw new Error('expected an AppError');
  }
  it('a code outside the codebook names the respondent', () => {
    expect(issuesOf(() => crosstab(single('s', ['a'], [0, 3]), single('b', ['x'], [0, 0])))).toEqual(['code_outside_codebook']);
  });
  it('variables of different lengths, weights of the wrong length or negative, alpha out of range', () => {
    expect(issuesOf(() => crosstab(s, single('b', ['x'], [0])))).toEqual(['invalid_value']);
    expect(issuesOf(() => crosstab(s, b, { weights: new Float64Array(2) }))).toEqual(['invalid_value']);
    expect(issuesOf(() => crosstab(s, b, { weights: Float64Array.from([1, -1, Number.NaN]) }))).toEqual(['invalid_value']);
    expect(issuesOf(() => crosstab(s, b, { alpha: 1.5, minExpected: 0 }))).toEqual(['share_out_of_range', 'invalid_value']);
    expect(issuesOf(() => meansByColumn({ kind: 'numeric', key: 'x', label: 'x', values: new Float64Array(2) }, b))).toEqual([
      'invalid_value',
    ]);
  });
});

describe('a 100,000-respondent deck', () => {
  it('crosses one stub with 50 banners, weighted, in one pass each', () => {
    const n = 100_000;
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const stub = single(
      'q',
      ['1', '2', '3', '4', '5'],
      Array.from({ length: n }, () => Math.floor(next() * 5)),
    );
    const banners = Array.from({ length: 50 }, (_, k) =>
      single(
        `b${k}`,
        ['a', 'b', 'c', 'd'],
        Array.from({ length: n }, () => Math.floor(next() * 4)),
      ),
    );
    const weights = Float64Array.from({ length: n }, () => 0.5 + next());
    const started = performance.now();
    const tables = banners.map((banner) => crosstab(stub, banner, { weights }));
    const elapsed = performance.now() - started;
    expect(tables.every((t) => t.totalUnweighted === n)).toBe(true);
    // A generous bound for a shared CI machine; it takes well under a second on a laptop.
    expect(elapsed).toBeLessThan(10_000);
  });
});
