import jStat from 'jstat';

/**
 * The distribution functions the tests need, through jStat. Every p-value is a finite number in
 * [0, 1]: jStat answers NaN far in a tail or at an extreme degree of freedom, and these guards
 * give the limit instead.
 */

function requirePositive(name: string, value: number): void {
  // A programming error, not user input: callers only pass degrees of freedom they computed.
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive finite number, got ${value}`);
}

function requireNumber(name: string, value: number): void {
  if (Number.isNaN(value)) throw new RangeError(`${name} must be a number, got NaN`);
}

const clampProbability = (p: number): number => Math.min(1, Math.max(0, p));

/**
 * Upper regularized gamma Q(a, x) by its continued fraction (modified Lentz), for x > a + 1,
 * where 1 − P(a, x) would lose every digit below about 1e−16 (Numerical Recipes, 3rd ed., §6.2).
 */
function upperGammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - jStat.gammaln(a)) * h;
}

/** P(X ≥ x) for X ~ χ²(df); df may be fractional. */
export function chiSquareSurvival(x: number, df: number): number {
  requireNumber('x', x);
  requirePositive('df', df);
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const a = df / 2;
  const half = x / 2;
  const p = half > a + 1 ? upperGammaContinuedFraction(a, half) : 1 - jStat.chisquare.cdf(x, df);
  return Number.isFinite(p) ? clampProbability(p) : 0;
}

/**
 * P(Z ≥ z) for a standard normal Z. Through χ²(1) — P(|Z| ≥ z) = Q(½, z²/2) — because jStat's
 * normal CDF is 1 + erf and keeps no digits in the tail (it answers 6.1e−16 for 6.2e−16 at z = 8).
 */
export function normalSurvival(z: number): number {
  requireNumber('z', z);
  const halfTwoSided = chiSquareSurvival(z * z, 1) / 2;
  return clampProbability(z >= 0 ? halfTwoSided : 1 - halfTwoSided);
}

/** Two-sided p-value of a z statistic: 2·Φ(−|z|). */
export function twoSidedNormalP(z: number): number {
  return clampProbability(2 * normalSurvival(Math.abs(z)));
}

/** The standard normal quantile Φ⁻¹(p), for 0 < p < 1 (1.959964 at 0.975). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be strictly between 0 and 1, got ${p}`);
  return jStat.normal.inv(p, 0, 1);
}

/** Beyond this many degrees of freedom t is normal to 1e−10, and jStat's t loses its accuracy (at 1e15 it is wrong). */
const NORMAL_T_DF = 1e7;

/** Two-sided p-value of a Student t statistic: 2·F(−|t|; df); df may be fractional (Welch). */
export function studentTTwoSidedP(t: number, df: number): number {
  requireNumber('t', t);
  requirePositive('df', df);
  const magnitude = Math.abs(t);
  if (magnitude === Number.POSITIVE_INFINITY) return 0;
  if (df > NORMAL_T_DF) return twoSidedNormalP(t);
  const p = 2 * jStat.studentt.cdf(-magnitude, df);
  return Number.isFinite(p) ? clampProbability(p) : 0;
}
