import type { WeightingTargets } from '../../../shared/contracts/market-research';

/**
 * Raking targets as people type them: a percent per category of each weighting question, which
 * must add up to 100 (the server checks the shares add up to 1 within a millionth).
 */

export interface TargetCategory {
  value: string;
  label: string;
  /** The sample's own share, in percent (unweighted). */
  sample: number | null;
}

/** Percents kept to this many decimals: the tenths people type, so that they can add up to exactly 100. */
const DECIMALS = 1;
const SCALE = 10 ** DECIMALS;

/**
 * The sample's shares rounded to tenths of a percent that add up to exactly 100 (largest
 * remainder): the starting targets, which reproduce the sample until someone changes them.
 */
export function sampleTargets(categories: readonly TargetCategory[]): Record<string, number> {
  const shares = categories.map((c) => Math.max(0, c.sample ?? 0));
  const total = shares.reduce((s, x) => s + x, 0);
  if (total <= 0) return Object.fromEntries(categories.map((c) => [c.value, 0]));
  const units = 100 * SCALE;
  const exact = shares.map((s) => (s / total) * units);
  const floors = exact.map(Math.floor);
  let left = units - floors.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left--;
  }
  return Object.fromEntries(categories.map((c, i) => [c.value, (floors[i] as number) / SCALE]));
}

/** The total of typed percents, in tenths so that 33.3 + 33.3 + 33.4 is exactly 100. */
export function targetTotal(percents: Readonly<Record<string, number | ''>>): number {
  const tenths = Object.values(percents).reduce<number>((s, p) => s + (typeof p === 'number' ? Math.round(p * SCALE) : 0), 0);
  return tenths / SCALE;
}

/** Whether a question's typed percents are complete and add up to 100. */
export function targetsComplete(percents: Readonly<Record<string, number | ''>>): boolean {
  return Object.values(percents).every((p) => typeof p === 'number' && p >= 0 && p <= 100) && targetTotal(percents) === 100;
}

/** The request's targets: per question, code → share of 1. */
export function toTargets(byQuestion: Readonly<Record<string, Readonly<Record<string, number | ''>>>>): WeightingTargets {
  const out: WeightingTargets = {};
  for (const [key, percents] of Object.entries(byQuestion)) {
    out[key] = Object.fromEntries(Object.entries(percents).map(([value, p]) => [value, typeof p === 'number' ? p / 100 : 0]));
  }
  return out;
}
