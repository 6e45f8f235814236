import type { BaseMarginsOfError } from '../../../shared/contracts/market-research-results.js';
import { AppError, type Issue } from '../../../shared/errors.js';
import { normalQuantile } from './distributions.js';
import type { SingleVariable } from './variables.js';

export type { BaseMarginsOfError };

/**
 * Survey weights: raking to target margins (iterative proportional fitting, Deming & Stephan 1940)
 * with trimming, Kish's effective sample size, and margins of error on weighted and unweighted bases.
 */

// ---------------------------------------------------------------------------------------------
// Weights in general

/** Kish's effective sample size (Σw)² / Σw² (Kish 1965, Survey Sampling, §11.7); 0 for no weight. */
export function kishEffectiveN(sumOfWeights: number, sumOfSquaredWeights: number): number {
  return sumOfSquaredWeights > 0 ? (sumOfWeights * sumOfWeights) / sumOfSquaredWeights : 0;
}

export function effectiveSampleSize(weights: Float64Array): number {
  let sum = 0;
  let sumOfSquares = 0;
  for (const w of weights) {
    sum += w;
    sumOfSquares += w * w;
  }
  return kishEffectiveN(sum, sumOfSquares);
}

/**
 * Refuses weights that would make a figure NaN or Infinity: one weight per respondent, each finite
 * and not negative (a zero weight leaves the respondent out of every weighted figure).
 */
export function assertWeights(weights: Float64Array, respondents: number): void {
  const issues: Issue[] = [];
  if (weights.length !== respondents)
    issues.push({
      path: ['weights'],
      code: 'invalid_value',
      message: `There are ${weights.length} weights for ${respondents} respondents.`,
      params: { weights: weights.length, respondents },
    });
  let bad = 0;
  let first = -1;
  for (let r = 0; r < weights.length; r++) {
    const w = weights[r] as number;
    if (!(w >= 0 && w < Number.POSITIVE_INFINITY)) {
      bad++;
      if (first < 0) first = r;
    }
  }
  if (bad > 0)
    issues.push({
      path: ['weights', first],
      code: 'invalid_value',
      message: `${bad} weights are negative, infinite or missing (the first is respondent ${first + 1}).`,
      params: { count: bad, row: first + 1 },
    });
  if (issues.length > 0) throw new AppError('invalid_input', 'The weights are not valid.', { reason: 'validation', issues });
}

// ---------------------------------------------------------------------------------------------
// Raking

/** Per raking variable (by key), per category value, the share of the weighted total it should hold. */
export type RakingTargets = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface RakingOptions {
  /** Full cycles over the variables before giving up (default 100). */
  maxIterations?: number;
  /** Converged when no margin is further than this from its target share (default 1e-6). */
  tolerance?: number;
  /**
   * Bounds on each weight relative to the mean weight (e.g. 0.3 and 3), applied after every cycle
   * as in common practice (Battaglia et al. 2009, "Practical considerations in raking survey data").
   */
  trim?: { min: number; max: number };
  /** Design weights to start from (default 1 each). */
  baseWeights?: Float64Array;
}

export interface MarginReport {
  variable: string;
  category: string;
  label: string;
  target: number;
  /** Weighted share after raking. */
  achieved: number;
  /** Share of respondents before any weighting. */
  unweighted: number;
}

export interface RakingResult {
  /** One weight per respondent, scaled to a mean of 1. */
  weights: Float64Array;
  converged: boolean;
  /** Full cycles run. */
  iterations: number;
  /** Largest |achieved − target| share over every margin. */
  maxMarginError: number;
  effectiveN: number;
  /** effectiveN / n. */
  efficiency: number;
  /** Kish's design effect of weighting, n / effectiveN = 1 + CV² of the weights. */
  designEffect: number;
  /** Respondents whose weight the last trimming step clipped to a bound. */
  trimmed: number;
  margins: MarginReport[];
}

interface RakingDimension {
  variable: SingleVariable;
  /** Target share per category index (0 for a category without respondents and without a target). */
  shares: Float64Array;
}

const TARGET_SUM_TOLERANCE = 1e-6;

function optionIssues(options: RakingOptions, respondents: number): Issue[] {
  const issues: Issue[] = [];
  const { maxIterations = 100, tolerance = 1e-6, trim, baseWeights } = options;
  if (!Number.isInteger(maxIterations) || maxIterations < 1)
    issues.push({ path: ['maxIterations'], code: 'too_small', message: 'At least one iteration is needed.', params: { minimum: 1 } });
  if (!(tolerance > 0 && tolerance < 1))
    issues.push({ path: ['tolerance'], code: 'invalid_value', message: 'The tolerance must be a share between 0 and 1.' });
  if (trim && !(trim.min >= 0 && trim.min <= 1 && trim.max >= 1 && trim.min < trim.max))
    issues.push({
      path: ['trim'],
      code: 'range_order',
      message: 'Trimming bounds are relative to the mean weight: 0 ≤ min ≤ 1 ≤ max, min < max.',
      params: { min: trim.min, max: trim.max },
    });
  if (baseWeights) {
    try {
      assertWeights(baseWeights, respondents);
    } catch (e) {
      if (e instanceof AppError)
        for (const issue of e.issues ?? []) issues.push({ ...issue, path: ['baseWeights', ...issue.path.slice(1)] });
      else throw e;
    }
    if (baseWeights.some((w) => w === 0))
      issues.push({
        path: ['baseWeights'],
        code: 'too_small',
        message: 'A base weight of 0 cannot be raked.',
        params: { minimum: 0, exclusive: 1 },
      });
  }
  return issues;
}

function respondentsPerCategory(variable: SingleVariable): { counts: Float64Array; missing: number } {
  const counts = new Float64Array(variable.categories.length);
  let missing = 0;
  for (const code of variable.codes) {
    if (code < 0 || code >= counts.length) missing++;
    else counts[code] = (counts[code] as number) + 1;
  }
  return { counts, missing };
}

/** Checks one variable's targets against its data; pushes every problem and returns the target shares by category index. */
function dimensionOf(variable: SingleVariable, targets: Readonly<Record<string, number>>, issues: Issue[]): RakingDimension {
  const key = variable.key;
  const { counts, missing } = respondentsPerCategory(variable);
  const shares = new Float64Array(variable.categories.length);
  if (missing > 0)
    issues.push({
      path: [key],
      code: 'missing_on_weighting_variable',
      message: `${missing} respondents have no answer on ${key}: raking cannot place them; impute or drop them first.`,
      params: { respondents: missing },
    });
  let sum = 0;
  for (const [value, share] of Object.entries(targets)) {
    if (!(share >= 0 && share <= 1)) {
      issues.push({
        path: [key, value],
        code: 'share_out_of_range',
        message: `The target for ${key} = ${value} is not a share between 0 and 1.`,
      });
      continue;
    }
    sum += share;
    const index = variable.categories.findIndex((c) => c.value === value);
    if (index < 0) {
      issues.push({ path: [key, value], code: 'unknown_category', message: `${key} has no category ${value}.` });
      continue;
    }
    shares[index] = share;
    const respondents = counts[index] as number;
    if (share > 0 && respondents === 0)
      issues.push({
        path: [key, value],
        code: 'unknown_category',
        message: `No respondent is in ${key} = ${value}, so its target share of ${share} cannot be reached.`,
        params: { respondents: 0 },
      });
    if (share === 0 && respondents > 0)
      issues.push({
        path: [key, value],
        code: 'zero_target',
        message: `${key} = ${value} has ${respondents} respondents but a target of 0: their weights would be 0.`,
        params: { respondents },
      });
  }
  if (Math.abs(sum - 1) > TARGET_SUM_TOLERANCE)
    issues.push({ path: [key], code: 'targets_sum', message: `The targets for ${key} sum to ${sum}, not 1.`, params: { sum } });
  variable.categories.forEach((category, index) => {
    const respondents = counts[index] as number;
    if (respondents > 0 && !Object.hasOwn(targets, category.value))
      issues.push({
        path: [key, category.value],
        code: 'category_without_target',
        message: `${respondents} respondents are in ${key} = ${category.value}, which has no target: they cannot be weighted.`,
        params: { respondents },
      });
  });
  // Exactly 1, so that a cycle keeps the weighted total.
  if (sum > 0) for (let c = 0; c < shares.length; c++) shares[c] = (shares[c] as number) / sum;
  return { variable, shares };
}

function rakingDimensions(variables: readonly SingleVariable[], targets: RakingTargets, options: RakingOptions): RakingDimension[] {
  const issues: Issue[] = [];
  const respondents = variables[0]?.codes.length ?? 0;
  if (variables.length === 0) issues.push({ path: ['variables'], code: 'too_small', message: 'Raking needs at least one variable.' });
  else if (respondents === 0) issues.push({ path: ['variables'], code: 'too_small', message: 'There are no respondents to weight.' });
  const keys = new Set<string>();
  for (const v of variables) {
    if (keys.has(v.key)) issues.push({ path: [v.key], code: 'duplicate_key', message: `${v.key} is given twice.` });
    keys.add(v.key);
    if (v.codes.length !== respondents)
      issues.push({ path: [v.key], code: 'invalid_value', message: `${v.key} has ${v.codes.length} respondents, not ${respondents}.` });
  }
  for (const key of Object.keys(targets))
    if (!keys.has(key))
      issues.push({ path: [key], code: 'unknown_key', message: `There are targets for ${key}, which is not a raking variable.` });
  issues.push(...optionIssues(options, respondents));
  const dimensions: RakingDimension[] = [];
  for (const v of variables) {
    const own = targets[v.key];
    if (own === undefined) issues.push({ path: [v.key], code: 'required', message: `${v.key} has no targets.` });
    else dimensions.push(dimensionOf(v, own, issues));
  }
  if (issues.length > 0) throw new AppError('invalid_input', 'The raking targets do not fit the data.', { reason: 'bad_targets', issues });
  return dimensions;
}

/** Weighted total per category of one variable. */
function categoryTotals(dimension: RakingDimension, weights: Float64Array, into: Float64Array): Float64Array {
  into.fill(0);
  const { codes } = dimension.variable;
  for (let r = 0; r < codes.length; r++) {
    const c = codes[r] as number;
    into[c] = (into[c] as number) + (weights[r] as number);
  }
  return into;
}

function sum(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** One raking step: scales every respondent so this variable's weighted shares equal its targets. */
function rakeOne(dimension: RakingDimension, weights: Float64Array, scratch: Float64Array): void {
  const totals = categoryTotals(dimension, weights, scratch);
  const grandTotal = sum(totals);
  const factors = totals.map((total, c) => (total > 0 ? ((dimension.shares[c] as number) * grandTotal) / total : 1));
  const { codes } = dimension.variable;
  for (let r = 0; r < codes.length; r++) weights[r] = (weights[r] as number) * (factors[codes[r] as number] as number);
}

/**
 * Clips each weight to [min, max] × the mean weight. Clipping moves the mean, so it repeats until
 * every weight is within the bounds of the mean it ends with; returns how many weights it clipped.
 */
function trimWeights(weights: Float64Array, trim: { min: number; max: number }, clipped: Uint8Array): number {
  clipped.fill(0);
  for (let round = 0; round < 100; round++) {
    const mean = sum(weights) / weights.length;
    const low = trim.min * mean;
    const high = trim.max * mean;
    let changed = false;
    for (let r = 0; r < weights.length; r++) {
      const w = weights[r] as number;
      if (w < low * (1 - 1e-12)) weights[r] = low;
      else if (w > high * (1 + 1e-12)) weights[r] = high;
      else continue;
      clipped[r] = 1;
      changed = true;
    }
    if (!changed) break;
  }
  return clipped.reduce((count, flag) => count + flag, 0);
}

function largestMarginError(dimensions: readonly RakingDimension[], weights: Float64Array, scratch: Float64Array[]): number {
  let largest = 0;
  dimensions.forEach((dimension, i) => {
    const totals = categoryTotals(dimension, weights, scratch[i] as Float64Array);
    const grandTotal = sum(totals);
    for (let c = 0; c < totals.length; c++)
      largest = Math.max(largest, Math.abs((totals[c] as number) / grandTotal - (dimension.shares[c] as number)));
  });
  return largest;
}

function marginReports(dimensions: readonly RakingDimension[], weights: Float64Array): MarginReport[] {
  return dimensions.flatMap((dimension) => {
    const { variable } = dimension;
    const weighted = categoryTotals(dimension, weights, new Float64Array(variable.categories.length));
    const unweighted = categoryTotals(dimension, new Float64Array(weights.length).fill(1), new Float64Array(variable.categories.length));
    const weightedTotal = sum(weighted);
    return variable.categories.map((category, c) => ({
      variable: variable.key,
      category: category.value,
      label: category.label,
      target: dimension.shares[c] as number,
      achieved: (weighted[c] as number) / weightedTotal,
      unweighted: (unweighted[c] as number) / weights.length,
    }));
  });
}

/**
 * Rakes weights so each variable's weighted shares meet its targets (iterative proportional
 * fitting, Deming & Stephan 1940): one variable at a time, over and over, until every margin is
 * within the tolerance. Not converging is not an error: `converged` is false and the caller decides.
 * Refuses, listing every problem: targets not summing to 1, a target for a category the variable
 * lacks or nobody is in, respondents in a category without a target or with a target of 0, and
 * respondents missing on a raking variable (raking cannot place them; impute or drop them first).
 */
export function rake(variables: readonly SingleVariable[], targets: RakingTargets, options: RakingOptions = {}): RakingResult {
  const dimensions = rakingDimensions(variables, targets, options);
  const { maxIterations = 100, tolerance = 1e-6, trim, baseWeights } = options;
  const n = variables[0]?.codes.length ?? 0;
  const weights = baseWeights ? Float64Array.from(baseWeights) : new Float64Array(n).fill(1);
  const scratch = dimensions.map((d) => new Float64Array(d.variable.categories.length));
  const clipped = new Uint8Array(n);
  let iterations = 0;
  let trimmed = 0;
  let error = largestMarginError(dimensions, weights, scratch);
  while (error > tolerance && iterations < maxIterations) {
    iterations++;
    dimensions.forEach((dimension, i) => {
      rakeOne(dimension, weights, scratch[i] as Float64Array);
    });
    if (trim) trimmed = trimWeights(weights, trim, clipped);
    error = largestMarginError(dimensions, weights, scratch);
  }
  const scale = n / sum(weights);
  for (let r = 0; r < n; r++) weights[r] = (weights[r] as number) * scale;
  const effectiveN = effectiveSampleSize(weights);
  return {
    weights,
    converged: error <= tolerance,
    iterations,
    maxMarginError: error,
    effectiveN,
    efficiency: effectiveN / n,
    designEffect: n / effectiveN,
    trimmed,
    margins: marginReports(dimensions, weights),
  };
}

// ---------------------------------------------------------------------------------------------
// Margins of error

export interface MarginOfErrorInput {
  /** The proportion (default 0.5, the widest). */
  p?: number;
  /** Respondents in the base. */
  n: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Kish's effective n of a weighted base; used in place of n for the variance. */
  effectiveN?: number;
  /** Size of a finite population sampled without replacement: applies the correction √((N − n)/(N − 1)). */
  populationSize?: number;
}

function marginOfErrorIssues(input: MarginOfErrorInput): Issue[] {
  const { p = 0.5, n, level = 0.95, effectiveN, populationSize } = input;
  const issues: Issue[] = [];
  if (!(p >= 0 && p <= 1)) issues.push({ path: ['p'], code: 'share_out_of_range', message: 'p must be a proportion between 0 and 1.' });
  if (!(level > 0 && level < 1))
    issues.push({ path: ['level'], code: 'share_out_of_range', message: 'The level must be between 0 and 1.' });
  if (!(n >= 0 && Number.isFinite(n))) issues.push({ path: ['n'], code: 'invalid_value', message: 'n must be a finite number ≥ 0.' });
  if (effectiveN !== undefined && !(effectiveN >= 0 && Number.isFinite(effectiveN)))
    issues.push({ path: ['effectiveN'], code: 'invalid_value', message: 'The effective n must be a finite number ≥ 0.' });
  if (populationSize !== undefined && !(populationSize >= n && Number.isFinite(populationSize)))
    issues.push({ path: ['populationSize'], code: 'invalid_value', message: 'The population cannot be smaller than the sample.' });
  return issues;
}

/**
 * Half-width of the Wald interval for a proportion, z·√(p(1−p)/n) (× the finite population
 * correction when a population size is given); null when the base is empty.
 */
export function marginOfError(input: MarginOfErrorInput): number | null {
  const issues = marginOfErrorIssues(input);
  if (issues.length > 0) throw new AppError('invalid_input', 'The margin of error cannot be computed.', { reason: 'validation', issues });
  const { p = 0.5, n, level = 0.95, effectiveN, populationSize } = input;
  const base = effectiveN ?? n;
  if (base <= 0) return null;
  const z = normalQuantile(1 - (1 - level) / 2);
  const finitePopulation =
    populationSize === undefined ? 1 : populationSize <= 1 ? 0 : Math.sqrt((populationSize - n) / (populationSize - 1));
  return z * Math.sqrt((p * (1 - p)) / base) * finitePopulation;
}

/** Margins of error on a base both ways: the weights are those of the respondents in the base. */
export function baseMarginsOfError(weights: Float64Array, options: Omit<MarginOfErrorInput, 'n' | 'effectiveN'> = {}): BaseMarginsOfError {
  assertWeights(weights, weights.length);
  const n = weights.reduce((count, w) => (w > 0 ? count + 1 : count), 0);
  const effectiveN = Math.min(n, effectiveSampleSize(weights));
  return {
    n,
    effectiveN,
    designEffect: effectiveN > 0 ? n / effectiveN : null,
    unweighted: marginOfError({ ...options, n }),
    weighted: marginOfError({ ...options, n, effectiveN }),
  };
}
