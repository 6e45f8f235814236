import type {
  ChiSquareSkipped,
  ChiSquareTest,
  ColumnMean,
  ColumnTests,
  Crosstab,
  ExpectedCountCheck,
  MeansByColumn,
  MultipleComparisonCorrection,
} from '../../../shared/contracts/market-research-results.js';
import { AppError, type Issue } from '../../../shared/errors.js';
import { chiSquareSurvival, studentTTwoSidedP, twoSidedNormalP } from './distributions.js';
import { codeOutsideCodebook, percentOf } from './frequencies.js';
import { type CategoricalVariable, type NumericVariable, respondentCount, type SingleVariable, type Weights } from './variables.js';
import { assertWeights, kishEffectiveN } from './weighting.js';

export type {
  ChiSquareSkipped,
  ChiSquareTest,
  ColumnMean,
  ColumnTests,
  Crosstab,
  ExpectedCountCheck,
  MeansByColumn,
  MultipleComparisonCorrection,
};

/**
 * Crosstabs (stub rows × banner columns) with their tests: Pearson's chi-square (Yates on request
 * for 2×2) and the likelihood-ratio G², Cochran's expected-count rule, Fisher's exact test for
 * 2×2, column-proportion z-tests and Welch t-tests between columns with significance letters.
 */

export interface SignificanceOptions {
  weights?: Weights;
  /** Two-sided significance level of the column tests (default 0.05). */
  alpha?: number;
  /** Adjustment over the pairs of columns in a row (default Bonferroni). */
  correction?: MultipleComparisonCorrection;
}

export interface CrosstabOptions extends SignificanceOptions {
  /**
   * Yates's continuity correction (default false). Applied only when the tested table is 2×2;
   * on a larger table it is ignored and the result says `yates: false`.
   */
  yates?: boolean;
  /** The expected count Cochran's rule measures against (default 5). */
  minExpected?: number;
}

// ---------------------------------------------------------------------------------------------
// Checks

function optionIssues(options: CrosstabOptions): Issue[] {
  const { alpha = 0.05, minExpected = 5, correction = 'bonferroni' } = options;
  const issues: Issue[] = [];
  if (!(alpha > 0 && alpha < 1)) issues.push({ path: ['alpha'], code: 'share_out_of_range', message: 'alpha must be between 0 and 1.' });
  if (!(minExpected > 0 && Number.isFinite(minExpected)))
    issues.push({ path: ['minExpected'], code: 'invalid_value', message: 'The minimum expected count must be a positive number.' });
  if (!['none', 'bonferroni', 'holm'].includes(correction))
    issues.push({ path: ['correction'], code: 'invalid_value', message: 'The correction is none, bonferroni or holm.' });
  return issues;
}

function shapeIssues(variable: CategoricalVariable, respondents: number): Issue[] {
  if (respondentCount(variable) !== respondents)
    return [
      {
        path: [variable.key],
        code: 'invalid_value',
        message: `${variable.key} has ${respondentCount(variable)} respondents, not ${respondents}.`,
      },
    ];
  if (variable.kind === 'single') return [];
  const wrong = variable.categories.length !== variable.selected.length || variable.selected.some((s) => s.length !== respondents);
  return wrong
    ? [{ path: [variable.key], code: 'invalid_value', message: `${variable.key} does not hold one selection per category and respondent.` }]
    : [];
}

function checkInputs(variables: readonly CategoricalVariable[], options: SignificanceOptions & { minExpected?: number }): void {
  const respondents = respondentCount(variables[0] as CategoricalVariable);
  const issues = [...optionIssues(options), ...variables.flatMap((v) => shapeIssues(v, respondents))];
  if (issues.length > 0) throw new AppError('invalid_input', 'The table cannot be computed.', { reason: 'validation', issues });
  // Only the length here: the values are checked in the tally's own pass (see badWeights), which
  // spares a deck a second pass over every weight for each of its tables.
  if (options.weights && options.weights.length !== respondents) assertWeights(options.weights, respondents);
}

/** Throws assertWeights's error when a weight is negative, infinite or missing; free to call after a pass that counted none. */
function badWeights(weights: Float64Array | null, bad: number): void {
  if (weights && bad > 0) assertWeights(weights, weights.length);
}

// ---------------------------------------------------------------------------------------------
// Counting

/**
 * Writes the category indices respondent r is in and returns how many, or −1 when r is outside the
 * variable's base. `into` is reused across respondents, so the pass allocates nothing per respondent.
 */
function memberships(variable: CategoricalVariable, r: number, into: Int32Array): number {
  if (variable.kind === 'single') {
    const code = variable.codes[r] as number;
    if (code < 0) return -1;
    if (code >= variable.categories.length) throw codeOutsideCodebook(variable, r, code);
    into[0] = code;
    return 1;
  }
  if (variable.answered[r] !== 1) return -1;
  let found = 0;
  for (let c = 0; c < variable.selected.length; c++) if ((variable.selected[c] as Uint8Array)[r] === 1) into[found++] = c;
  return found;
}

export interface Tally {
  rows: number;
  cols: number;
  /** rows × cols, row-major. */
  counts: Float64Array;
  unweighted: Float64Array;
  rowTotals: Float64Array;
  colTotals: Float64Array;
  colUnweighted: Float64Array;
  colSquaredWeights: Float64Array;
  total: number;
  totalUnweighted: number;
  totalSquaredWeights: number;
}

function emptyTally(rows: number, cols: number): Tally {
  return {
    rows,
    cols,
    counts: new Float64Array(rows * cols),
    unweighted: new Float64Array(rows * cols),
    rowTotals: new Float64Array(rows),
    colTotals: new Float64Array(cols),
    colUnweighted: new Float64Array(cols),
    colSquaredWeights: new Float64Array(cols),
    total: 0,
    totalUnweighted: 0,
    totalSquaredWeights: 0,
  };
}

/**
 * Counts the respondents of a stub × banner table, weighting each as it goes. Weights are checked
 * in the same pass, over every respondent (not only those in the table's base).
 */
export function tally(stub: CategoricalVariable, banner: CategoricalVariable, weights: Float64Array | null): Tally {
  return stub.kind === 'single' && banner.kind === 'single' ? tallySingles(stub, banner, weights) : tallyGeneral(stub, banner, weights);
}

/**
 * The single × single case, which is most of a deck: it reads the two code columns directly
 * instead of going through `memberships` and its inner loops, with the sums in locals. Several times
 * faster than the general pass on 100,000 respondents; crosstab-fastpath.test.ts holds it equal to tallyGeneral.
 */
function tallySingles(stub: SingleVariable, banner: SingleVariable, weights: Float64Array | null): Tally {
  if (weights === null) return countSingles(stub, banner);
  const rows = stub.categories.length;
  const cols = banner.categories.length;
  const t = emptyTally(rows, cols);
  const { counts, rowTotals, colTotals, colSquaredWeights } = t;
  const cells = new Int32Array(rows * cols);
  const stubCodes = stub.codes;
  const bannerCodes = banner.codes;
  const n = stubCodes.length;
  let total = 0;
  let totalSquaredWeights = 0;
  let bad = 0;
  let outside = -1;
  // The weighted sums are added in respondent order, as tallyGeneral adds them, so they are
  // bit-identical; the unweighted ones are whole numbers, counted per cell and summed after.
  for (let r = 0; r < n; r++) {
    const w = weights[r] as number;
    if (!(w >= 0 && w < Number.POSITIVE_INFINITY)) bad++;
    const row = stubCodes[r] as number;
    if (row < 0 || outside >= 0) continue;
    const col = bannerCodes[r] as number;
    if (row >= rows || col >= cols) {
      outside = r;
      continue;
    }
    if (col < 0) continue;
    const w2 = w * w;
    total += w;
    totalSquaredWeights += w2;
    colTotals[col] = (colTotals[col] as number) + w;
    colSquaredWeights[col] = (colSquaredWeights[col] as number) + w2;
    rowTotals[row] = (rowTotals[row] as number) + w;
    const cell = row * cols + col;
    counts[cell] = (counts[cell] as number) + w;
    cells[cell] = (cells[cell] as number) + 1;
  }
  badWeights(weights, bad);
  if (outside >= 0) {
    const row = stubCodes[outside] as number;
    throw row >= rows ? codeOutsideCodebook(stub, outside, row) : codeOutsideCodebook(banner, outside, bannerCodes[outside] as number);
  }
  t.total = total;
  t.totalSquaredWeights = totalSquaredWeights;
  addUnweighted(t, cells);
  return t;
}

/** Fills the unweighted cells and margins from whole-number cell counts. */
function addUnweighted(t: Tally, cells: Int32Array): void {
  for (let i = 0; i < t.rows; i++)
    for (let j = 0; j < t.cols; j++) {
      const count = cells[i * t.cols + j] as number;
      t.unweighted[i * t.cols + j] = count;
      t.colUnweighted[j] = (t.colUnweighted[j] as number) + count;
      t.totalUnweighted += count;
    }
}

/**
 * Unweighted single × single: one increment per respondent, margins from the cells afterwards.
 * Every sum is a whole number of respondents, so the order of adding cannot change it.
 */
function countSingles(stub: SingleVariable, banner: SingleVariable): Tally {
  const rows = stub.categories.length;
  const cols = banner.categories.length;
  const t = emptyTally(rows, cols);
  const cells = new Int32Array(rows * cols);
  const stubCodes = stub.codes;
  const bannerCodes = banner.codes;
  const n = stubCodes.length;
  for (let r = 0; r < n; r++) {
    const row = stubCodes[r] as number;
    if (row < 0) continue;
    const col = bannerCodes[r] as number;
    if (row >= rows) throw codeOutsideCodebook(stub, r, row);
    if (col >= cols) throw codeOutsideCodebook(banner, r, col);
    if (col >= 0) cells[row * cols + col] = (cells[row * cols + col] as number) + 1;
  }
  addUnweighted(t, cells);
  t.counts.set(t.unweighted);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) t.rowTotals[i] = (t.rowTotals[i] as number) + (cells[i * cols + j] as number);
  t.colTotals.set(t.colUnweighted);
  t.colSquaredWeights.set(t.colUnweighted);
  t.total = t.totalUnweighted;
  t.totalSquaredWeights = t.totalUnweighted;
  return t;
}

/** Any stub × any banner (multiple choice included), through `memberships`. */
export function tallyGeneral(stub: CategoricalVariable, banner: CategoricalVariable, weights: Float64Array | null): Tally {
  const rows = stub.categories.length;
  const cols = banner.categories.length;
  const t = emptyTally(rows, cols);
  let bad = 0;
  for (let r = 0; weights !== null && r < weights.length; r++) {
    const w = weights[r] as number;
    if (!(w >= 0 && w < Number.POSITIVE_INFINITY)) bad++;
  }
  badWeights(weights, bad);
  const inRows = new Int32Array(Math.max(rows, 1));
  const inCols = new Int32Array(Math.max(cols, 1));
  const n = respondentCount(stub);
  for (let r = 0; r < n; r++) {
    const rowCount = memberships(stub, r, inRows);
    if (rowCount < 0) continue;
    const colCount = memberships(banner, r, inCols);
    if (colCount < 0) continue;
    const w = weights ? (weights[r] as number) : 1;
    t.total += w;
    t.totalUnweighted++;
    t.totalSquaredWeights += w * w;
    for (let j = 0; j < colCount; j++) {
      const col = inCols[j] as number;
      t.colTotals[col] = (t.colTotals[col] as number) + w;
      t.colUnweighted[col] = (t.colUnweighted[col] as number) + 1;
      t.colSquaredWeights[col] = (t.colSquaredWeights[col] as number) + w * w;
    }
    for (let i = 0; i < rowCount; i++) {
      const row = inRows[i] as number;
      t.rowTotals[row] = (t.rowTotals[row] as number) + w;
      const offset = row * cols;
      for (let j = 0; j < colCount; j++) {
        const cell = offset + (inCols[j] as number);
        t.counts[cell] = (t.counts[cell] as number) + w;
        t.unweighted[cell] = (t.unweighted[cell] as number) + 1;
      }
    }
  }
  return t;
}

function matrix<T>(rows: number, cols: number, cell: (i: number, j: number) => T): T[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => cell(i, j)));
}

// ---------------------------------------------------------------------------------------------
// Chi-square

function nonEmpty(totals: Float64Array): number[] {
  const kept: number[] = [];
  totals.forEach((total, index) => {
    if (total > 0) kept.push(index);
  });
  return kept;
}

/**
 * Pearson's X² and G² on the rows and columns with a total above zero. A weighted table is first
 * rescaled so its total is Kish's effective n — an approximation that keeps the test from reading
 * weights as extra respondents; the R survey package's svychisq uses the Rao–Scott correction instead.
 */
function chiSquareTest(
  t: Tally,
  weighted: boolean,
  yates: boolean,
  minExpected: number,
): { test: ChiSquareTest; expected: ExpectedCountCheck } | null {
  const rowsTested = nonEmpty(t.rowTotals);
  const colsTested = nonEmpty(t.colTotals);
  if (rowsTested.length < 2 || colsTested.length < 2) return null;
  const n = weighted ? kishEffectiveN(t.total, t.totalSquaredWeights) : t.total;
  const scale = n / t.total;
  const applyYates = yates && rowsTested.length === 2 && colsTested.length === 2;
  const expectedCounts: number[] = [];
  const observedCounts: number[] = [];
  for (const i of rowsTested)
    for (const j of colsTested) {
      observedCounts.push((t.counts[i * t.cols + j] as number) * scale);
      expectedCounts.push(((t.rowTotals[i] as number) * scale * (t.colTotals[j] as number) * scale) / n);
    }
  // As R's chisq.test: the correction is min(0.5, |O − E|) over the whole table.
  const correction = applyYates ? Math.min(0.5, ...observedCounts.map((o, c) => Math.abs(o - (expectedCounts[c] as number)))) : 0;
  let statistic = 0;
  let g2 = 0;
  observedCounts.forEach((o, c) => {
    const e = expectedCounts[c] as number;
    statistic += (Math.abs(o - e) - correction) ** 2 / e;
    if (o > 0) g2 += 2 * o * Math.log(o / e);
  });
  const df = (rowsTested.length - 1) * (colsTested.length - 1);
  const likelihoodRatio = Math.max(0, g2);
  return {
    test: {
      statistic,
      df,
      pValue: chiSquareSurvival(statistic, df),
      yates: applyYates,
      likelihoodRatio: { statistic: likelihoodRatio, pValue: chiSquareSurvival(likelihoodRatio, df) },
      rowsTested,
      colsTested,
      n,
    },
    expected: expectedCountCheck(expectedCounts, minExpected),
  };
}

function expectedCountCheck(expected: readonly number[], minExpected: number): ExpectedCountCheck {
  const cellsBelow = expected.filter((e) => e < minExpected).length;
  const smallest = expected.reduce((least, e) => Math.min(least, e), Number.POSITIVE_INFINITY);
  const share = cellsBelow / expected.length;
  return { minExpected, smallest, cellsBelow, share, warning: smallest < 1 || share > 0.2 };
}

// ---------------------------------------------------------------------------------------------
// Fisher's exact test

/**
 * Two-sided Fisher's exact test of [[a, b], [c, d]]: the probability, under fixed margins, of the
 * tables no more likely than the observed one, with R's fisher.test relative tolerance 1e−7.
 */
export function fisherExact2x2(a: number, b: number, c: number, d: number): number {
  if (![a, b, c, d].every((count) => Number.isInteger(count) && count >= 0))
    throw new RangeError("Fisher's test counts respondents: whole numbers ≥ 0.");
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const low = Math.max(0, col1 - row2);
  const high = Math.min(row1, col1);
  // Hypergeometric log-densities up to a constant, by the ratio of neighbours.
  const logDensity = new Float64Array(high - low + 1);
  for (let x = low; x < high; x++)
    logDensity[x - low + 1] = (logDensity[x - low] as number) + Math.log(((row1 - x) * (col1 - x)) / ((x + 1) * (row2 - col1 + x + 1)));
  let largest = Number.NEGATIVE_INFINITY;
  for (const l of logDensity) largest = Math.max(largest, l);
  let total = 0;
  for (const l of logDensity) total += Math.exp(l - largest);
  const observed = Math.exp((logDensity[a - low] as number) - largest);
  let p = 0;
  for (const l of logDensity) {
    const density = Math.exp(l - largest);
    if (density <= observed * (1 + 1e-7)) p += density;
  }
  return Math.min(1, p / total);
}

/** Fisher's test on a 2×2 table, or on the 2×2 left when empty rows and columns are dropped. */
function fisherOnTally(t: Tally, rowsTested: readonly number[], colsTested: readonly number[]): { pValue: number } | null {
  const full = t.rows === 2 && t.cols === 2;
  const [r1, r2, extraRow] = full ? [0, 1] : rowsTested;
  const [c1, c2, extraCol] = full ? [0, 1] : colsTested;
  if (r1 === undefined || r2 === undefined || c1 === undefined || c2 === undefined || extraRow !== undefined || extraCol !== undefined)
    return null;
  const cell = (i: number, j: number) => t.unweighted[i * t.cols + j] as number;
  return { pValue: fisherExact2x2(cell(r1, c1), cell(r1, c2), cell(r2, c1), cell(r2, c2)) };
}

// ---------------------------------------------------------------------------------------------
// Column tests

/** A, B, … Z, AA, AB, … (bijective base 26). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) letters = String.fromCharCode(65 + ((i - 1) % 26)) + letters;
  return letters;
}

/**
 * Adjusts the p-values of the pairs tested in one row. `pairs` is k(k − 1)/2 for the k columns with
 * a usable base, so a pair skipped as degenerate counts as a hypothesis with p = 1 (as R's p.adjust
 * would with those ones included). Holm's step-down: Holm (1979), Scand. J. Statistics 6(2).
 */
export function adjustPValues(pValues: readonly number[], pairs: number, correction: MultipleComparisonCorrection): number[] {
  if (correction === 'none') return [...pValues];
  if (correction === 'bonferroni') return pValues.map((p) => Math.min(1, p * pairs));
  const order = pValues.map((_, i) => i).sort((x, y) => (pValues[x] as number) - (pValues[y] as number));
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (pairs - rank) * (pValues[index] as number)));
    adjusted[index] = running;
  });
  return adjusted;
}

interface PairTest {
  a: number;
  b: number;
  /** Positive when column a is higher. */
  direction: number;
  pValue: number;
}

/** Runs the pairwise tests of one row and returns, per column, the letters of the columns it is significantly higher than. */
function lettersFromPairs(
  tests: readonly PairTest[],
  eligible: number,
  cols: number,
  alpha: number,
  correction: MultipleComparisonCorrection,
): string[] {
  const pairs = (eligible * (eligible - 1)) / 2;
  const adjusted = adjustPValues(
    tests.map((t) => t.pValue),
    pairs,
    correction,
  );
  const higherThan: number[][] = Array.from({ length: cols }, () => []);
  tests.forEach((t, i) => {
    if ((adjusted[i] as number) >= alpha || t.direction === 0) return;
    if (t.direction > 0) higherThan[t.a]?.push(t.b);
    else higherThan[t.b]?.push(t.a);
  });
  return higherThan.map((lower) =>
    lower
      .sort((x, y) => x - y)
      .map(columnLetter)
      .join(''),
  );
}

/**
 * The column-proportion z-test with a pooled proportion, as SPSS's "compare column proportions":
 * z = (p₁ − p₂) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)). Weighted: proportions from the weighted counts, and
 * each column's Kish effective base as its n. Pairs with a base below 2 or p̄ of 0 or 1 are skipped.
 */
function columnProportionTests(t: Tally, weighted: boolean, alpha: number, correction: MultipleComparisonCorrection): string[][] {
  const base = (j: number) =>
    weighted ? kishEffectiveN(t.colTotals[j] as number, t.colSquaredWeights[j] as number) : (t.colUnweighted[j] as number);
  const eligible: number[] = [];
  for (let j = 0; j < t.cols; j++) if ((t.colTotals[j] as number) > 0 && base(j) >= 2) eligible.push(j);
  return Array.from({ length: t.rows }, (_, i) => {
    const tests: PairTest[] = [];
    const proportion = (j: number) => (t.counts[i * t.cols + j] as number) / (t.colTotals[j] as number);
    for (let x = 0; x < eligible.length; x++)
      for (let y = x + 1; y < eligible.length; y++) {
        const a = eligible[x] as number;
        const b = eligible[y] as number;
        const [pa, pb, na, nb] = [proportion(a), proportion(b), base(a), base(b)];
        const pooled = (pa * na + pb * nb) / (na + nb);
        const variance = pooled * (1 - pooled) * (1 / na + 1 / nb);
        if (!(variance > 0)) continue;
        tests.push({ a, b, direction: Math.sign(pa - pb), pValue: twoSidedNormalP((pa - pb) / Math.sqrt(variance)) });
      }
    return lettersFromPairs(tests, eligible.length, t.cols, alpha, correction);
  });
}

// ---------------------------------------------------------------------------------------------
// The table

/**
 * Crosses a stub (rows) with a banner (columns) in one pass over the respondents. A multiple-choice
 * stub or banner gets counts, percents and column tests but no chi-square (its categories overlap);
 * its column tests treat overlapping columns as independent samples, as tabulation tools commonly do.
 */
export function crosstab(stub: CategoricalVariable, banner: CategoricalVariable, options: CrosstabOptions = {}): Crosstab {
  checkInputs([stub, banner], options);
  const { alpha = 0.05, correction = 'bonferroni', yates = false, minExpected = 5 } = options;
  const weights = options.weights ?? null;
  const weighted = weights !== null;
  const t = tally(stub, banner, weights);
  const exclusive = stub.kind === 'single' && banner.kind === 'single';
  const chi = exclusive ? chiSquareTest(t, weighted, yates, minExpected) : null;
  const cell = (values: Float64Array) => (i: number, j: number) => values[i * t.cols + j] as number;
  return {
    rows: stub.categories.map((c) => c.label),
    cols: banner.categories.map((c) => c.label),
    weighted,
    counts: matrix(t.rows, t.cols, cell(t.counts)),
    unweightedCounts: matrix(t.rows, t.cols, cell(t.unweighted)),
    rowTotals: Array.from(t.rowTotals),
    colTotals: Array.from(t.colTotals),
    colBasesUnweighted: Array.from(t.colUnweighted),
    colBasesEffective: Array.from(t.colTotals, (total, j) => kishEffectiveN(total, t.colSquaredWeights[j] as number)),
    total: t.total,
    totalUnweighted: t.totalUnweighted,
    totalEffective: kishEffectiveN(t.total, t.totalSquaredWeights),
    colPercents: matrix(t.rows, t.cols, (i, j) => percentOf(cell(t.counts)(i, j), t.colTotals[j] as number)),
    rowPercents: matrix(t.rows, t.cols, (i, j) => percentOf(cell(t.counts)(i, j), t.rowTotals[i] as number)),
    chiSquare: chi?.test ?? null,
    chiSquareSkipped: exclusive ? (chi ? null : 'degenerate') : 'not_exclusive',
    expected: chi?.expected ?? null,
    fisher: exclusive ? fisherOnTally(t, nonEmpty(t.rowTotals), nonEmpty(t.colTotals)) : null,
    columnTests: {
      letters: banner.categories.map((_, j) => columnLetter(j)),
      cells: columnProportionTests(t, weighted, alpha, correction),
      alpha,
      correction,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Means by column

interface ColumnMoments {
  n: Float64Array;
  sumW: Float64Array;
  sumW2: Float64Array;
  mean: Float64Array;
  squares: Float64Array;
}

/** Two passes (sums, then squared deviations from the mean, which keeps the variance accurate). */
function columnMoments(numeric: NumericVariable, banner: CategoricalVariable, weights: Float64Array | null): ColumnMoments {
  const cols = banner.categories.length;
  const m: ColumnMoments = {
    n: new Float64Array(cols),
    sumW: new Float64Array(cols),
    sumW2: new Float64Array(cols),
    mean: new Float64Array(cols),
    squares: new Float64Array(cols),
  };
  const sumWX = new Float64Array(cols);
  const inCols = new Int32Array(Math.max(cols, 1));
  const { values } = numeric;
  for (const pass of [1, 2]) {
    for (let r = 0; r < values.length; r++) {
      const x = values[r] as number;
      if (!Number.isFinite(x)) continue;
      const count = memberships(banner, r, inCols);
      const w = weights ? (weights[r] as number) : 1;
      for (let k = 0; k < count; k++) {
        const j = inCols[k] as number;
        if (pass === 1) {
          m.n[j] = (m.n[j] as number) + 1;
          m.sumW[j] = (m.sumW[j] as number) + w;
          m.sumW2[j] = (m.sumW2[j] as number) + w * w;
          sumWX[j] = (sumWX[j] as number) + w * x;
        } else m.squares[j] = (m.squares[j] as number) + w * (x - (m.mean[j] as number)) ** 2;
      }
    }
    if (pass === 1) for (let j = 0; j < cols; j++) m.mean[j] = (m.sumW[j] as number) > 0 ? (sumWX[j] as number) / (m.sumW[j] as number) : 0;
  }
  return m;
}

/**
 * Means of a number per banner column, with Welch's t-test between each pair of columns
 * (Welch 1947, Biometrika 34): t = (x̄₁ − x̄₂)/√(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite df. Weighted:
 * weighted means and variances, each column's Kish effective n as its n. A pair with no variance in
 * either column is not tested.
 */
export function meansByColumn(numeric: NumericVariable, banner: CategoricalVariable, options: SignificanceOptions = {}): MeansByColumn {
  const issues = [...optionIssues(options), ...shapeIssues(banner, numeric.values.length)];
  if (issues.length > 0) throw new AppError('invalid_input', 'The means cannot be computed.', { reason: 'validation', issues });
  if (options.weights) assertWeights(options.weights, numeric.values.length);
  const { alpha = 0.05, correction = 'bonferroni' } = options;
  const weights = options.weights ?? null;
  const m = columnMoments(numeric, banner, weights);
  const cols = banner.categories.length;
  const stats = Array.from({ length: cols }, (_, j) => {
    const n = m.n[j] as number;
    const sumW = m.sumW[j] as number;
    const effectiveN = weights ? kishEffectiveN(sumW, m.sumW2[j] as number) : n;
    const variance = n >= 2 && sumW > 0 ? ((m.squares[j] as number) / sumW) * (n / (n - 1)) : null;
    return { n, sumW, effectiveN, mean: sumW > 0 ? (m.mean[j] as number) : null, variance };
  });
  const eligible = stats.flatMap((s, j) => (s.variance !== null && s.effectiveN >= 2 ? [j] : []));
  const tests: PairTest[] = [];
  for (let x = 0; x < eligible.length; x++)
    for (let y = x + 1; y < eligible.length; y++) {
      const [a, b] = [eligible[x] as number, eligible[y] as number];
      const [sa, sb] = [stats[a], stats[b]];
      if (!sa || !sb || sa.variance === null || sb.variance === null || sa.mean === null || sb.mean === null) continue;
      const va = sa.variance / sa.effectiveN;
      const vb = sb.variance / sb.effectiveN;
      if (!(va + vb > 0)) continue;
      const df = (va + vb) ** 2 / (va ** 2 / (sa.effectiveN - 1) + vb ** 2 / (sb.effectiveN - 1));
      const t = (sa.mean - sb.mean) / Math.sqrt(va + vb);
      tests.push({ a, b, direction: Math.sign(sa.mean - sb.mean), pValue: studentTTwoSidedP(t, df) });
    }
  const higherThan = lettersFromPairs(tests, eligible.length, cols, alpha, correction);
  return {
    cols: banner.categories.map((c) => c.label),
    letters: banner.categories.map((_, j) => columnLetter(j)),
    columns: stats.map((s, j) => ({
      n: s.n,
      weightedN: s.sumW,
      effectiveN: s.effectiveN,
      mean: s.mean,
      sd: s.variance === null ? null : Math.sqrt(s.variance),
      higherThan: higherThan[j] ?? '',
    })),
    alpha,
    correction,
  };
}
