import type { AlphaLevel, AlphaResult } from '../../shared/contracts/deliverables.js';
import { AppError, type Issue } from '../../shared/errors.js';

export type { AlphaLevel, AlphaResult } from '../../shared/contracts/deliverables.js';

/**
 * Krippendorff's alpha: how far raters agree beyond chance, for any number of raters, missing
 * values and the four usual levels of measurement. Pure: tables in, a number out.
 *
 * The computation follows the coincidence-matrix formulation of Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability", Annenberg School for Communication Departmental Papers 43:
 *
 * - only units with at least two values are pairable; each such unit u with m_u values adds
 *   n_uc · n_uk / (m_u − 1) to the coincidence o_ck of every ordered pair of its values (c, k),
 *   and n_uc · (n_uc − 1) / (m_u − 1) to o_cc;
 * - n_c = Σ_k o_ck (how often c occurs among the pairable values), n = Σ_c n_c;
 * - α = 1 − D_o / D_e = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 *
 * The difference functions δ²_ck:
 * - nominal:  0 when c = k, else 1 (any values: strings or numbers, compared with SameValueZero —
 *   `1` and `'1'` are two different values);
 * - ordinal:  (Σ_{g=c..k} n_g − (n_c + n_k) / 2)², from the ranks of the values actually used;
 * - interval: (c − k)²;
 * - ratio:    ((c − k) / (c + k))², for values ≥ 0 (0 against 0 differs by nothing).
 *
 * Cost: one pass over the ratings (O(Σ_u d_u²) for d_u distinct values in unit u, at most the
 * number of raters), a sparse coincidence matrix (only the pairs that occur), then D_e in O(V)
 * for nominal and interval and O(V²) over the V distinct values for ordinal and ratio.
 */

/** One rater's value for one unit: a number, a label (nominal only), or null when missing. */
export type Rating = number | string | null;

const MAX_ISSUES = 20;

/** Distinct values, indexed; numbers come sorted ascending at the numeric levels (ranks for ordinal). */
function indexValues(
  ratings: readonly (readonly Rating[])[],
  level: AlphaLevel,
): { values: (number | string)[]; index: Map<number | string, number> } {
  const seen = new Set<number | string>();
  const issues: Issue[] = [];
  let bad = 0;
  ratings.forEach((row, u) => {
    row.forEach((v, r) => {
      if (v === null || v === undefined) return;
      const problem =
        typeof v === 'number' && !Number.isFinite(v)
          ? 'not a finite number'
          : level !== 'nominal' && typeof v !== 'number'
            ? `not a number (${level} values are numbers)`
            : level === 'ratio' && (v as number) < 0
              ? 'negative (ratio values are 0 or more)'
              : typeof v !== 'number' && typeof v !== 'string'
                ? 'neither a number nor a string'
                : null;
      if (problem === null) {
        seen.add(v);
        return;
      }
      bad++;
      if (issues.length < MAX_ISSUES)
        issues.push({
          path: ['ratings', u, r],
          code: problem.startsWith('negative') ? 'too_small' : 'not_a_number',
          message: `Unit ${u + 1}, rater ${r + 1}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)} is ${problem}.`,
        });
    });
  });
  if (bad > 0) {
    throw new AppError(
      'invalid_input',
      `${bad} rating${bad === 1 ? ' is' : 's are'} not usable at the ${level} level${bad > issues.length ? ` (the first ${issues.length} listed)` : ''}.`,
      { reason: 'validation', issues },
    );
  }
  const values = [...seen];
  if (level !== 'nominal') (values as number[]).sort((a, b) => a - b);
  return { values, index: new Map(values.map((v, i) => [v, i])) };
}

/**
 * Alpha over a reliability data matrix: `ratings[u][r]` is rater r's value for unit u, null when
 * missing. `units` is the number of rows, `raters` the widest row, `pairable` the number of values
 * in units with two or more values (Krippendorff's n). `alpha` is null when there is nothing to
 * measure against: fewer than two pairable values, or no variation among them (D_e = 0).
 * A value that does not fit the level (a label at a numeric level, a non-finite number, a
 * negative ratio) throws `invalid_input` with an issue per value, path ['ratings', unit, rater].
 */
export function krippendorffAlpha(ratings: readonly (readonly Rating[])[], level: AlphaLevel): AlphaResult {
  const units = ratings.length;
  const raters = ratings.reduce((max, row) => Math.max(max, row.length), 0);
  const { values, index } = indexValues(ratings, level);
  const V = values.length;

  // The coincidence matrix, sparse: key c·V + k → o_ck. Per unit, the counts of its distinct values.
  const o = new Map<number, number>();
  // n_c: how often each value occurs among the pairable values (the row sums of o), counted exactly.
  const n = new Float64Array(V);
  let pairable = 0;
  const counts = new Map<number, number>();
  for (const row of ratings) {
    counts.clear();
    let m = 0;
    for (const v of row) {
      if (v === null || v === undefined) continue;
      const c = index.get(v) as number;
      counts.set(c, (counts.get(c) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    pairable += m;
    for (const [c, nc] of counts) {
      n[c] = (n[c] ?? 0) + nc;
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs === 0) continue;
        const key = c * V + k;
        o.set(key, (o.get(key) ?? 0) + pairs / (m - 1));
      }
    }
  }

  const result = (alpha: number | null): AlphaResult => ({ alpha, level, units, raters, pairable });
  // One value throughout (or nothing pairable): D_e = 0. Said outright, not left to rounding (the
  // centred sum of squares of three 0.1s is not exactly 0).
  if (n.filter((nc) => nc > 0).length < 2) return result(null);

  const delta = differenceFunction(level, values, n);
  let observed = 0;
  for (const [key, okc] of o) {
    const c = Math.floor(key / V);
    const k = key - c * V;
    if (c !== k) observed += okc * delta(c, k);
  }
  const expected = expectedSum(level, values, n, pairable, delta);
  if (!(expected > 0)) return result(null);
  return result(1 - ((pairable - 1) * observed) / expected);
}

/** δ²(c, k) over value indexes, for the level. */
function differenceFunction(level: AlphaLevel, values: readonly (number | string)[], n: Float64Array): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'ordinal': {
      // cumulative[i] = n_0 + … + n_{i−1}: Σ_{g=c..k} n_g = cumulative[k + 1] − cumulative[c] for c ≤ k.
      const cumulative = new Float64Array(n.length + 1);
      for (let i = 0; i < n.length; i++) cumulative[i + 1] = (cumulative[i] ?? 0) + (n[i] ?? 0);
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const d = (cumulative[hi + 1] ?? 0) - (cumulative[lo] ?? 0) - ((n[lo] ?? 0) + (n[hi] ?? 0)) / 2;
        return d * d;
      };
    }
    case 'interval':
      return (c, k) => {
        const d = (values[c] as number) - (values[k] as number);
        return d * d;
      };
    case 'ratio':
      return (c, k) => {
        const a = values[c] as number;
        const b = values[k] as number;
        if (a + b === 0) return 0;
        const d = (a - b) / (a + b);
        return d * d;
      };
  }
}

/** Σ_c Σ_k n_c n_k δ²_ck: closed forms where the level allows, else over all pairs of distinct values. */
function expectedSum(
  level: AlphaLevel,
  values: readonly (number | string)[],
  n: Float64Array,
  total: number,
  delta: (c: number, k: number) => number,
): number {
  const V = n.length;
  if (level === 'nominal') {
    // Σ_{c≠k} n_c n_k = n² − Σ n_c²
    let squares = 0;
    for (let c = 0; c < V; c++) squares += (n[c] ?? 0) ** 2;
    return total * total - squares;
  }
  if (level === 'interval') {
    // Σ_c Σ_k n_c n_k (c − k)² = 2n Σ n_c (c − mean)², centred for numerical stability.
    let sum = 0;
    for (let c = 0; c < V; c++) sum += (n[c] ?? 0) * (values[c] as number);
    const mean = sum / total;
    let ss = 0;
    for (let c = 0; c < V; c++) ss += (n[c] ?? 0) * ((values[c] as number) - mean) ** 2;
    return 2 * total * ss;
  }
  let s = 0;
  for (let c = 0; c < V; c++) {
    const nc = n[c] ?? 0;
    if (nc === 0) continue;
    for (let k = c + 1; k < V; k++) {
      const nk = n[k] ?? 0;
      if (nk !== 0) s += nc * nk * delta(c, k);
    }
  }
  return 2 * s;
}

export interface PairwiseAlpha {
  a: string;
  b: string;
  /** Alpha of the two raters over the units both rated (null: no variation, or fewer than one shared unit). */
  alpha: number | null;
  /** Values alpha rests on: twice the number of units both rated. */
  pairable: number;
}

/**
 * Alpha for every pair of raters, to find the one who disagrees with everybody: `byRater` maps a
 * rater to their values by unit (a missing unit or a null value: not rated). Each pair is judged
 * on the units both rated, as a two-column matrix. Pairs come in the order of the map (a before b).
 */
export function pairwiseAlpha(byRater: ReadonlyMap<string, ReadonlyMap<string, Rating>>, level: AlphaLevel): PairwiseAlpha[] {
  const raters = [...byRater.keys()];
  const out: PairwiseAlpha[] = [];
  for (let i = 0; i < raters.length; i++) {
    const a = raters[i] as string;
    const aValues = byRater.get(a) as ReadonlyMap<string, Rating>;
    for (let j = i + 1; j < raters.length; j++) {
      const b = raters[j] as string;
      const bValues = byRater.get(b) as ReadonlyMap<string, Rating>;
      const rows: Rating[][] = [];
      for (const [unit, va] of aValues) {
        const vb = bValues.get(unit);
        if (va !== null && vb !== null && vb !== undefined) rows.push([va, vb]);
      }
      const { alpha, pairable } = krippendorffAlpha(rows, level);
      out.push({ a, b, alpha, pairable });
    }
  }
  return out;
}
