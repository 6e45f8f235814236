import type { CategoricalFrequencies, CategoryFrequency, NumericSummary } from '../../../shared/contracts/market-research-results.js';
import { AppError } from '../../../shared/errors.js';
import type { CategoricalVariable, MultipleVariable, NumericVariable, SingleVariable, Variable, Weights } from './variables.js';
import { respondentCount } from './variables.js';
import { assertWeights, kishEffectiveN } from './weighting.js';

export type { CategoricalFrequencies, CategoryFrequency, NumericSummary };

/**
 * Frequencies with their bases: per category the weighted and unweighted count and the percent of
 * the base; for a number, the weighted mean and spread. A figure that does not exist (a percent of
 * an empty base, the spread of one answer) is null, never NaN.
 */

export const percentOf = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);

export function codeOutsideCodebook(variable: SingleVariable, respondent: number, code: number): AppError {
  return new AppError('invalid_input', `${variable.key} has code ${code}, which its codebook does not hold.`, {
    reason: 'codebook_mismatch',
    issues: [
      {
        path: [variable.key, respondent],
        code: 'code_outside_codebook',
        message: `Respondent ${respondent + 1} has code ${code}; ${variable.key} has ${variable.categories.length} categories.`,
        params: { row: respondent + 1, code },
      },
    ],
  });
}

function checkedWeights(variable: Variable, weights: Weights | undefined): Float64Array | null {
  if (!weights) return null;
  assertWeights(weights, respondentCount(variable));
  return weights;
}

function singleFrequencies(variable: SingleVariable, weights: Float64Array | null): CategoricalFrequencies {
  const k = variable.categories.length;
  const counts = new Float64Array(k);
  const unweighted = new Float64Array(k);
  let base = 0;
  let sumOfSquares = 0;
  let unweightedBase = 0;
  const { codes } = variable;
  for (let r = 0; r < codes.length; r++) {
    const code = codes[r] as number;
    if (code < 0) continue;
    if (code >= k) throw codeOutsideCodebook(variable, r, code);
    const w = weights ? (weights[r] as number) : 1;
    counts[code] = (counts[code] as number) + w;
    unweighted[code] = (unweighted[code] as number) + 1;
    base += w;
    sumOfSquares += w * w;
    unweightedBase++;
  }
  return {
    kind: 'single',
    key: variable.key,
    label: variable.label,
    categories: variable.categories.map((c, i) => ({
      value: c.value,
      label: c.label,
      count: counts[i] as number,
      unweightedCount: unweighted[i] as number,
      percent: percentOf(counts[i] as number, base),
    })),
    base,
    unweightedBase,
    effectiveBase: kishEffectiveN(base, sumOfSquares),
    missing: codes.length - unweightedBase,
  };
}

function multipleFrequencies(variable: MultipleVariable, weights: Float64Array | null): CategoricalFrequencies {
  const { answered, selected } = variable;
  let base = 0;
  let sumOfSquares = 0;
  let unweightedBase = 0;
  for (let r = 0; r < answered.length; r++) {
    if (answered[r] !== 1) continue;
    const w = weights ? (weights[r] as number) : 1;
    base += w;
    sumOfSquares += w * w;
    unweightedBase++;
  }
  const categories = variable.categories.map((c, i) => {
    const chosen = selected[i] ?? new Uint8Array(0);
    let count = 0;
    let unweightedCount = 0;
    // A choice outside the answered base (a skipped question with a stray tick) is not counted.
    for (let r = 0; r < answered.length; r++) {
      if (chosen[r] !== 1 || answered[r] !== 1) continue;
      count += weights ? (weights[r] as number) : 1;
      unweightedCount++;
    }
    return { value: c.value, label: c.label, count, unweightedCount, percent: percentOf(count, base) };
  });
  return {
    kind: 'multiple',
    key: variable.key,
    label: variable.label,
    categories,
    base,
    unweightedBase,
    effectiveBase: kishEffectiveN(base, sumOfSquares),
    missing: answered.length - unweightedBase,
  };
}

/** The weighted median of values sorted ascending, with their weights in the same order. */
function weightedMedian(sorted: Float64Array, sortedWeights: Float64Array, total: number): number | null {
  if (total <= 0) return null;
  const half = total / 2;
  let cumulative = 0;
  for (let i = 0; i < sorted.length; i++) {
    cumulative += sortedWeights[i] as number;
    if (cumulative < half * (1 - 1e-12)) continue;
    if (Math.abs(cumulative - half) > half * 1e-12) return sorted[i] as number;
    // Exactly half the weight lies at or below this value: average it with the next weighted one.
    let next = i + 1;
    while (next < sorted.length && (sortedWeights[next] as number) === 0) next++;
    return next < sorted.length ? ((sorted[i] as number) + (sorted[next] as number)) / 2 : (sorted[i] as number);
  }
  return sorted.at(-1) ?? null;
}

/** Mean, spread, extremes and median of the finite values, weighted when weights are given. */
export function describeNumbers(values: Float64Array, weights: Float64Array | null): Omit<NumericSummary, 'kind' | 'key' | 'label'> {
  const present: number[] = [];
  let sumW = 0;
  let sumW2 = 0;
  let sumWX = 0;
  for (let r = 0; r < values.length; r++) {
    const x = values[r] as number;
    if (!Number.isFinite(x)) continue;
    const w = weights ? (weights[r] as number) : 1;
    present.push(r);
    sumW += w;
    sumW2 += w * w;
    sumWX += w * x;
  }
  const n = present.length;
  const mean = sumW > 0 ? sumWX / sumW : null;
  let squares = 0;
  if (mean !== null) for (const r of present) squares += (weights ? (weights[r] as number) : 1) * ((values[r] as number) - mean) ** 2;
  const order = present.sort((a, b) => (values[a] as number) - (values[b] as number));
  const sorted = Float64Array.from(order, (r) => values[r] as number);
  const sortedWeights = Float64Array.from(order, (r) => (weights ? (weights[r] as number) : 1));
  return {
    n,
    weightedN: sumW,
    effectiveN: kishEffectiveN(sumW, sumW2),
    missing: values.length - n,
    mean,
    sd: mean !== null && n >= 2 ? Math.sqrt((squares / sumW) * (n / (n - 1))) : null,
    min: n > 0 ? (sorted[0] as number) : null,
    median: weightedMedian(sorted, sortedWeights, sumW),
    max: n > 0 ? (sorted[n - 1] as number) : null,
  };
}

/** Frequencies of a variable: per category for a choice question, a numeric summary for a number. */
export function frequencies(variable: CategoricalVariable, weights?: Weights): CategoricalFrequencies;
export function frequencies(variable: NumericVariable, weights?: Weights): NumericSummary;
export function frequencies(variable: Variable, weights?: Weights): CategoricalFrequencies | NumericSummary;
export function frequencies(variable: Variable, weights?: Weights): CategoricalFrequencies | NumericSummary {
  const w = checkedWeights(variable, weights);
  if (variable.kind === 'single') return singleFrequencies(variable, w);
  if (variable.kind === 'multiple') return multipleFrequencies(variable, w);
  return { kind: 'numeric', key: variable.key, label: variable.label, ...describeNumbers(variable.values, w) };
}
