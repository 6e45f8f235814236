import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { crosstab } from './crosstab.js';
import { frequencies } from './frequencies.js';
import { cronbachAlpha, likert } from './scales.js';
import type { SingleVariable } from './variables.js';
import { rake } from './weighting.js';

/**
 * The engine on real survey files from ../shared/data/survey (R datasets: psych's bfi, forcats's
 * gss_cat, MASS's housing). A fresh clone has no shared/ folder: then these tests are skipped.
 * Reference figures come from R 4.2.2 on the same files; each test gives its R command.
 */
const dir = fileURLToPath(new URL('../../../../../shared/data/survey/', import.meta.url));
const present = existsSync(dir);
if (!present) console.warn(`market-research real-data tests skipped: ${dir} is absent (see ../shared/data/README.md).`);

type Row = Record<string, string>;

function read(file: string): Row[] {
  return parse(readFileSync(`${dir}${file}`, 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
}

const isMissing = (cell: string | undefined) => cell === undefined || cell === '' || cell === 'NA';

/** A single-choice variable whose categories are the column's distinct values, sorted as R sorts factor levels. */
function single(rows: readonly Row[], column: string): SingleVariable {
  const values = [...new Set(rows.map((r) => r[column]).filter((v): v is string => !isMissing(v)))].sort();
  const index = new Map(values.map((v, i) => [v, i]));
  return {
    kind: 'single',
    key: column,
    label: column,
    categories: values.map((v) => ({ value: v, label: v })),
    codes: Int32Array.from(rows, (r) => index.get(r[column] ?? '') ?? -1),
  };
}

function numbers(rows: readonly Row[], column: string): Float64Array {
  return Float64Array.from(rows, (r) => (isMissing(r[column]) ? Number.NaN : Number(r[column])));
}

describe.skipIf(!present)('psych bfi (2,800 respondents, six-point items)', () => {
  const rows = present ? read('psych_bfi.csv') : [];
  const items = (names: readonly string[]) => names.map((n) => numbers(rows, n));

  it('Agreeableness A1–A5 with A1 reversed: raw α 0.70, standardized 0.71 as psych::alpha reports', () => {
    // psych's documentation, alpha(bfi[1:5], keys = c(-1, 1, 1, 1, 1)): raw_alpha 0.70, std.alpha
    // 0.71, average_r 0.33; alpha if an item is dropped 0.72, 0.62, 0.60, 0.69, 0.64. psych uses
    // pairwise-complete covariances; this is listwise (n = 2,709). R, listwise:
    //   x <- bfi[complete.cases(bfi[1:5]), 1:5]; x$A1 <- 7 - x$A1; C <- cov(x)
    //   5/4 * (1 - sum(diag(C)) / sum(C))   # 0.703755894375
    const r = cronbachAlpha(items(['A1', 'A2', 'A3', 'A4', 'A5']), { reverse: [true, false, false, false, false] });
    expect(r.n).toBe(2709);
    expect(r.alpha).toBeCloseTo(0.703755894375, 10);
    expect(r.alpha?.toFixed(2)).toBe('0.70');
    expect(r.standardizedAlpha?.toFixed(2)).toBe('0.71');
    expect(r.averageInterItemCorrelation?.toFixed(2)).toBe('0.33');
    expect(r.itemTotal.map((i) => i.alphaIfDeleted?.toFixed(2))).toEqual(['0.72', '0.62', '0.60', '0.69', '0.64']);
    // R: cor(x[, i], rowSums(x[, -i])) for A1 … A5.
    const rDrop = [0.31140130058, 0.563015475492, 0.588773078677, 0.394793680111, 0.487240867629];
    r.itemTotal.forEach((item, i) => {
      expect(item.correctedItemTotalCorrelation).toBeCloseTo(rDrop[i] ?? 0, 9);
    });
  });

  it('the other four scales with psych’s keys (C4, C5, E1, E2, O2, O5 reversed), listwise as R computes them', () => {
    const scales: [string[], boolean[], number, number][] = [
      [['C1', 'C2', 'C3', 'C4', 'C5'], [false, false, false, true, true], 2707, 0.72927720317],
      [['E1', 'E2', 'E3', 'E4', 'E5'], [true, true, false, false, false], 2713, 0.76093263947],
      [['N1', 'N2', 'N3', 'N4', 'N5'], [false, false, false, false, false], 2694, 0.813303143161],
      [['O1', 'O2', 'O3', 'O4', 'O5'], [false, true, false, false, true], 2726, 0.602546428577],
    ];
    for (const [names, reverse, n, alpha] of scales) {
      const r = cronbachAlpha(items(names), { reverse });
      expect(r.n, names[0]).toBe(n);
      expect(r.alpha, names[0]).toBeCloseTo(alpha, 9);
    }
  });

  it('a Likert item: A2 ("Inquire about others’ well-being") on 1–6, R: table(bfi$A2)', () => {
    // 1: 47, 2: 126, 3: 151, 4: 553, 5: 1023, 6: 873; 27 missing.
    const r = likert(numbers(rows, 'A2'), { points: 6 });
    expect(r.n).toBe(2773);
    expect(r.distribution.map((p) => p.count)).toEqual([47, 126, 151, 553, 1023, 873]);
    expect(r.topTwoBox).toBeCloseTo((100 * (1023 + 873)) / 2773, 10);
    expect(r.bottomTwoBox).toBeCloseTo((100 * (47 + 126)) / 2773, 10);
  });
});

describe.skipIf(!present)('forcats gss_cat (21,483 rows of the General Social Survey)', () => {
  const rows = present ? read('forcats_gss_cat.csv') : [];
  const marital = single(rows, 'marital');
  const race = single(rows, 'race');

  it('marital frequencies as R: table(gss_cat$marital)', () => {
    const f = frequencies(marital);
    expect(f.categories.map((c) => [c.value, c.count])).toEqual([
      ['Divorced', 3383],
      ['Married', 10117],
      ['Never married', 5416],
      ['No answer', 17],
      ['Separated', 743],
      ['Widowed', 1807],
    ]);
    expect(f.base).toBe(21_483);
  });

  it('marital × race: Pearson X² = 997.2167 on 10 df as R computes it', () => {
    // R: ct <- chisq.test(table(g$marital, g$race)) → X-squared = 997.216714146, df = 10,
    // p-value = 7.43806373172e-208; min(ct$expected) = 1.550202, sum(ct$expected < 5) = 2.
    const t = crosstab(marital, race);
    expect(t.cols).toEqual(['Black', 'Other', 'White']);
    expect(t.counts[1]).toEqual([869, 932, 8316]);
    expect(t.colTotals).toEqual([3129, 1959, 16395]);
    expect(t.chiSquare?.statistic).toBeCloseTo(997.216714146, 8);
    expect(t.chiSquare?.df).toBe(10);
    expect(Math.abs((t.chiSquare?.pValue ?? 0) / 7.43806373172e-208 - 1)).toBeLessThan(1e-6);
    expect(t.expected?.smallest).toBeCloseTo(1.550202, 6);
    // Two of 18 cells (11%) below 5 and none below 1: Cochran's rule is met.
    expect(t.expected).toMatchObject({ cellsBelow: 2, warning: false });
  });

  it('column letters on "Married": White > Other > Black, as prop.test(…, correct = FALSE) finds', () => {
    // R: prop.test(c(932, 8316), c(1959, 16395), correct = FALSE)$p.value = 0.008453806765;
    // Black–Other 7.58e-47, Black–White 7.90e-123. Bonferroni × 3: 0.02536 for Other–White.
    const married = (alpha: number) => crosstab(marital, race, { alpha }).columnTests.cells[1];
    expect(married(0.05)).toEqual(['', 'A', 'AB']);
    expect(married(0.026)).toEqual(['', 'A', 'AB']);
    expect(married(0.025)).toEqual(['', 'A', 'A']);
    // "No answer" (2, 2, 13 of the bases): nothing differs.
    expect(crosstab(marital, race).columnTests.cells[3]).toEqual(['', '', '']);
  });

  it('raked to race and marital targets: the same weights as R’s survey::rake', () => {
    // R: des <- svydesign(ids = ~1, data = g, weights = ~rep(1, nrow(g)))
    //    r <- rake(des, list(~race, ~marital), list(race targets, marital targets) × nrow(g),
    //              control = list(maxit = 200, epsilon = 1e-10))
    //    w <- weights(r); sum(w)^2 / sum(w^2) = 20714.3681053; range(w / mean(w)) = 0.4720774, 1.1969762
    //    svytable(~marital + race, r)["Married", "White"] = 9199.256473105
    const targets = {
      race: { Black: 0.13, Other: 0.07, White: 0.8 },
      marital: { Divorced: 0.1, Married: 0.5, 'Never married': 0.28, 'No answer': 0.0008, Separated: 0.0292, Widowed: 0.09 },
    };
    const r = rake([race, marital], targets, { tolerance: 1e-10, maxIterations: 200 });
    expect(r.converged).toBe(true);
    expect(r.effectiveN).toBeCloseTo(20714.3681053, 4);
    expect(Math.min(...r.weights)).toBeCloseTo(0.4720774104, 7);
    expect(Math.max(...r.weights)).toBeCloseTo(1.1969762348, 7);
    const t = crosstab(marital, race, { weights: r.weights });
    expect(t.counts[1]?.[2]).toBeCloseTo(9199.256473105, 4);
    expect(t.colTotals[0]).toBeCloseTo(0.13 * 21_483, 5);
    expect(t.chiSquare?.n).toBeCloseTo(20714.3681053, 4);
    expect(Number.isFinite(t.chiSquare?.statistic)).toBe(true);
  });
});

describe.skipIf(!present)('MASS housing (1,681 residents as frequencies)', () => {
  it('satisfaction × influence, the frequencies expanded to respondents: X² = 106.175 as R computes it', () => {
    // R: chisq.test(xtabs(Freq ~ Sat + Infl, housing)) → X-squared = 106.175058541, df = 4,
    // p-value = 4.75856628384e-22.
    const rows = read('MASS_housing.csv').flatMap((r) => Array.from({ length: Number(r.Freq) }, () => r));
    const t = crosstab(single(rows, 'Sat'), single(rows, 'Infl'));
    expect(t.total).toBe(1681);
    expect(t.chiSquare?.statistic).toBeCloseTo(106.175058541, 8);
    expect(t.chiSquare?.df).toBe(4);
    expect(Math.abs((t.chiSquare?.pValue ?? 0) / 4.75856628384e-22 - 1)).toBeLessThan(1e-6);
  });
});
