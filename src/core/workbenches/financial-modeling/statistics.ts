/** Summary statistics as Excel computes them (MEDIAN, QUARTILE.INC, AVERAGE). */

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Excel's PERCENTILE.INC: linear interpolation at rank (n − 1)·p of the sorted values. */
export function percentileInc(values: readonly number[], p: number): number | null {
  if (values.length === 0 || p < 0 || p > 1) return null;
  const s = sorted(values);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const a = s[lo] ?? 0;
  const b = s[Math.min(lo + 1, s.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

export function quartileInc(values: readonly number[], quart: 0 | 1 | 2 | 3 | 4): number | null {
  return percentileInc(values, quart / 4);
}

export function median(values: readonly number[]): number | null {
  return percentileInc(values, 0.5);
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

export interface Summary {
  count: number;
  min: number;
  firstQuartile: number;
  median: number;
  thirdQuartile: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary | null {
  if (values.length === 0) return null;
  const s = sorted(values);
  return {
    count: s.length,
    min: s[0] ?? 0,
    firstQuartile: quartileInc(s, 1) ?? 0,
    median: median(s) ?? 0,
    thirdQuartile: quartileInc(s, 3) ?? 0,
    max: s.at(-1) ?? 0,
    mean: mean(s) ?? 0,
  };
}
