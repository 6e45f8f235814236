import type {
  CronbachResult,
  ItemTotalStatistics,
  LikertPoint,
  LikertResult,
  NpsResult,
} from '../../../shared/contracts/market-research-results.js';
import { AppError, type Issue } from '../../../shared/errors.js';
import { normalQuantile } from './distributions.js';
import { describeNumbers, percentOf } from './frequencies.js';
import type { NumericVariable, Weights } from './variables.js';
import { assertWeights, kishEffectiveN } from './weighting.js';

export type { CronbachResult, ItemTotalStatistics, LikertPoint, LikertResult, NpsResult };

/** Rating scales: the Net Promoter Score with its interval, Likert items, and Cronbach's alpha. */

type Scores = NumericVariable | Float64Array;

function valuesOf(scores: Scores): { key: string; values: Float64Array } {
  return scores instanceof Float64Array ? { key: 'values', values: scores } : { key: scores.key, values: scores.values };
}

/** Refuses any present value (not NaN) that is not a whole number from `low` to `high`, naming how many and the first. */
function assertOnScale(key: string, values: Float64Array, low: number, high: number): void {
  let count = 0;
  let first = -1;
  for (let r = 0; r < values.length; r++) {
    const x = values[r] as number;
    if (Number.isNaN(x) || (Number.isInteger(x) && x >= low && x <= high)) continue;
    count++;
    if (first < 0) first = r;
  }
  if (count === 0) return;
  const issue: Issue = {
    path: [key, first],
    code: 'not_in_scale',
    message: `${count} values of ${key} are not whole numbers from ${low} to ${high} (the first: ${values[first]} for respondent ${first + 1}).`,
    params: { count, row: first + 1, value: String(values[first]), minimum: low, maximum: high },
  };
  throw new AppError('invalid_input', `${key} has values outside its scale.`, { reason: 'out_of_range_values', issues: [issue] });
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1))
    throw new AppError('invalid_input', 'The confidence level must be between 0 and 1.', {
      reason: 'validation',
      issues: [{ path: ['level'], code: 'share_out_of_range', message: 'The confidence level must be between 0 and 1.' }],
    });
}

// ---------------------------------------------------------------------------------------------
// Net Promoter Score

/**
 * The Net Promoter Score of 0–10 answers (NaN is a missing answer), with the Wald interval of
 * Rocks (2016), "Interval estimation for the Net Promoter Score", The American Statistician 70(4):
 * Var(p̂P − p̂D) = (pP + pD − (pP − pD)²)/n. Weighted: weighted shares and Kish's effective n.
 */
export function nps(scores: Scores, weights?: Weights, options: { level?: number } = {}): NpsResult {
  const { key, values } = valuesOf(scores);
  const { level = 0.95 } = options;
  checkLevel(level);
  assertOnScale(key, values, 0, 10);
  if (weights) assertWeights(weights, values.length);
  let n = 0;
  let total = 0;
  let squares = 0;
  let promoters = 0;
  let detractors = 0;
  for (let r = 0; r < values.length; r++) {
    const x = values[r] as number;
    if (Number.isNaN(x)) continue;
    const w = weights ? (weights[r] as number) : 1;
    n++;
    total += w;
    squares += w * w;
    if (x >= 9) promoters += w;
    else if (x <= 6) detractors += w;
  }
  const effectiveN = kishEffectiveN(total, squares);
  if (!(total > 0 && effectiveN > 0))
    return { n, effectiveN, promoters: null, passives: null, detractors: null, score: null, standardError: null, ci: null };
  const pP = promoters / total;
  const pD = detractors / total;
  const difference = pP - pD;
  const variance = Math.max(0, pP + pD - difference * difference) / effectiveN;
  const standardError = 100 * Math.sqrt(variance);
  const score = 100 * difference;
  const halfWidth = normalQuantile(1 - (1 - level) / 2) * standardError;
  return {
    n,
    effectiveN,
    promoters: pP,
    passives: Math.max(0, 1 - pP - pD),
    detractors: pD,
    score,
    standardError,
    ci: { level, low: Math.max(-100, score - halfWidth), high: Math.min(100, score + halfWidth) },
  };
}

// ---------------------------------------------------------------------------------------------
// Likert items

export interface LikertOptions {
  /** How many points the scale has (5 for 1–5). */
  points: number;
  /** The lowest point (default 1; 0 for a 0–10 scale with points 11). */
  start?: number;
  /** Reverse-keyed: x becomes (start + end) − x, so 1 ↔ 5 on a 1–5 scale. */
  reverse?: boolean;
  weights?: Weights;
}

function checkPoints(points: number, start: number): void {
  if (Number.isInteger(points) && points >= 2 && points <= 101 && Number.isInteger(start)) return;
  throw new AppError('invalid_input', 'A Likert scale has 2 to 101 whole points.', {
    reason: 'validation',
    issues: [{ path: ['points'], code: 'invalid_value', message: 'A Likert scale has 2 to 101 points and a whole-number start.' }],
  });
}

/** Mean, spread, distribution and top/bottom-2-box of a Likert item (NaN is a missing answer). */
export function likert(scores: Scores, options: LikertOptions): LikertResult {
  const { key, values } = valuesOf(scores);
  const { points, start = 1, reverse = false } = options;
  checkPoints(points, start);
  const end = start + points - 1;
  assertOnScale(key, values, start, end);
  const weights = options.weights ?? null;
  if (weights) assertWeights(weights, values.length);
  const keyed = reverse ? values.map((x) => start + end - x) : values;
  const counts = new Float64Array(points);
  const unweighted = new Float64Array(points);
  for (let r = 0; r < keyed.length; r++) {
    const x = keyed[r] as number;
    if (Number.isNaN(x)) continue;
    counts[x - start] = (counts[x - start] as number) + (weights ? (weights[r] as number) : 1);
    unweighted[x - start] = (unweighted[x - start] as number) + 1;
  }
  const summary = describeNumbers(keyed, weights);
  const total = summary.weightedN;
  return {
    n: summary.n,
    weightedN: total,
    effectiveN: summary.effectiveN,
    mean: summary.mean,
    sd: summary.sd,
    distribution: Array.from(counts, (count, i) => ({
      value: start + i,
      count,
      unweightedCount: unweighted[i] as number,
      percent: percentOf(count, total),
    })),
    topTwoBox: percentOf((counts[points - 1] as number) + (counts[points - 2] as number), total),
    bottomTwoBox: percentOf((counts[0] as number) + (counts[1] as number), total),
  };
}

// ---------------------------------------------------------------------------------------------
// Cronbach's alpha

export interface CronbachOptions {
  /**
   * Reverse-keyed items. Reversing x to (min + max) − x changes no variance and only flips the sign
   * of the item's covariances, so alpha does not depend on the scale's ends and none are asked for.
   */
  reverse?: readonly boolean[];
}

function checkItems(items: readonly Float64Array[], reverse: readonly boolean[] | undefined): void {
  const issues: Issue[] = [];
  if (items.length < 2)
    issues.push({ path: ['items'], code: 'too_small', message: 'Alpha needs at least two items.', params: { minimum: 2 } });
  const respondents = items[0]?.length ?? 0;
  items.forEach((item, i) => {
    if (item.length !== respondents)
      issues.push({ path: ['items', i], code: 'invalid_value', message: `Item ${i + 1} has ${item.length} answers, not ${respondents}.` });
  });
  if (reverse && reverse.length !== items.length)
    issues.push({ path: ['reverse'], code: 'invalid_value', message: `${reverse.length} reverse flags for ${items.length} items.` });
  if (issues.length > 0) throw new AppError('invalid_input', "Cronbach's alpha cannot be computed.", { reason: 'validation', issues });
}

/** The items' covariance matrix (n − 1 denominator) over the respondents who answered every item. */
function completeCaseCovariance(items: readonly Float64Array[], reverse: readonly boolean[]): { covariance: Float64Array; n: number } {
  const k = items.length;
  const respondents = items[0]?.length ?? 0;
  const complete: number[] = [];
  for (let r = 0; r < respondents; r++) if (items.every((item) => Number.isFinite(item[r]))) complete.push(r);
  const n = complete.length;
  const sign = reverse.map((reversed) => (reversed ? -1 : 1));
  const means = items.map((item, i) => (complete.reduce((s, r) => s + (item[r] as number), 0) / Math.max(n, 1)) * (sign[i] as number));
  const covariance = new Float64Array(k * k);
  const deviations = new Float64Array(k);
  for (const r of complete) {
    for (let i = 0; i < k; i++) deviations[i] = ((items[i] as Float64Array)[r] as number) * (sign[i] as number) - (means[i] as number);
    for (let i = 0; i < k; i++)
      for (let j = i; j < k; j++)
        covariance[i * k + j] = (covariance[i * k + j] as number) + (deviations[i] as number) * (deviations[j] as number);
  }
  for (let i = 0; i < k; i++)
    for (let j = i; j < k; j++) {
      const value = n > 1 ? (covariance[i * k + j] as number) / (n - 1) : 0;
      covariance[i * k + j] = value;
      covariance[j * k + i] = value;
    }
  return { covariance, n };
}

/** Raw alpha of the items in `subset` from the full covariance matrix; null when it does not exist. */
function rawAlpha(covariance: Float64Array, k: number, subset: readonly number[]): number | null {
  const m = subset.length;
  if (m < 2) return null;
  let itemVariances = 0;
  let totalVariance = 0;
  for (const i of subset) {
    itemVariances += covariance[i * k + i] as number;
    for (const j of subset) totalVariance += covariance[i * k + j] as number;
  }
  return totalVariance > 0 ? (m / (m - 1)) * (1 - itemVariances / totalVariance) : null;
}

function averageCorrelation(covariance: Float64Array, k: number): number | null {
  let sum = 0;
  for (let i = 0; i < k; i++)
    for (let j = i + 1; j < k; j++) {
      const denominator = Math.sqrt((covariance[i * k + i] as number) * (covariance[j * k + j] as number));
      if (!(denominator > 0)) return null;
      sum += (covariance[i * k + j] as number) / denominator;
    }
  return sum / ((k * (k - 1)) / 2);
}

function itemTotalStatistics(covariance: Float64Array, k: number, item: number): ItemTotalStatistics {
  const others = Array.from({ length: k }, (_, j) => j).filter((j) => j !== item);
  let withRest = 0;
  let restVariance = 0;
  for (const j of others) {
    withRest += covariance[item * k + j] as number;
    for (const l of others) restVariance += covariance[j * k + l] as number;
  }
  const denominator = Math.sqrt((covariance[item * k + item] as number) * restVariance);
  return {
    item,
    alphaIfDeleted: rawAlpha(covariance, k, others),
    correctedItemTotalCorrelation: denominator > 0 ? withRest / denominator : null,
  };
}

/** Cronbach's alpha of a set of items (NaN is a missing answer; respondents missing any item are left out). */
export function cronbachAlpha(items: readonly Float64Array[], options: CronbachOptions = {}): CronbachResult {
  checkItems(items, options.reverse);
  const k = items.length;
  const { covariance, n } = completeCaseCovariance(items, options.reverse ?? items.map(() => false));
  const usable = n >= 2;
  const all = Array.from({ length: k }, (_, i) => i);
  const r = usable ? averageCorrelation(covariance, k) : null;
  const standardized = r === null ? null : (k * r) / (1 + (k - 1) * r);
  return {
    alpha: usable ? rawAlpha(covariance, k, all) : null,
    standardizedAlpha: standardized !== null && Number.isFinite(standardized) ? standardized : null,
    averageInterItemCorrelation: r,
    items: k,
    n,
    itemTotal: all.map((i) =>
      usable ? itemTotalStatistics(covariance, k, i) : { item: i, alphaIfDeleted: null, correctedItemTotalCorrelation: null },
    ),
  };
}
