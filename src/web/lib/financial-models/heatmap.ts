/**
 * The sensitivity grid as a heat map: a colour per value per share, from low (red) through
 * pale yellow to high (green). Near terminal growth = WACC values explode (a corner of ¥100,000
 * next to ¥3,000), so the scale spans the 5th to the 95th percentile of the grid and the few
 * values beyond take the end colours; otherwise one corner would wash every other cell into red.
 */

type Rgb = readonly [number, number, number];

/** Red–yellow–green in six steps (ColorBrewer RdYlGn), readable with dark or white text. */
export const scaleStops: readonly Rgb[] = [
  [215, 48, 39],
  [252, 141, 89],
  [254, 224, 139],
  [217, 239, 139],
  [145, 207, 96],
  [26, 152, 80],
];

const hex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** The colour at a position from 0 (low) to 1 (high); outside that, the nearest end. */
export function colourAt(position: number): string {
  const p = Number.isFinite(position) ? Math.min(1, Math.max(0, position)) : 0.5;
  const scaled = p * (scaleStops.length - 1);
  const i = Math.min(scaleStops.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const a = scaleStops[i] as Rgb;
  const b = scaleStops[i + 1] as Rgb;
  return hex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** Dark text on light colours, white on dark ones (WCAG relative luminance). */
export function textColourOn(background: string): string {
  const channels = [1, 3, 5].map((i) => Number.parseInt(background.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.35 ? '#1a1b1e' : '#ffffff';
}

export interface ValueRange {
  /** The ends of the colour scale. */
  min: number;
  max: number;
  /** Some values lie below `min` / above `max` (and take the end colour). */
  clippedLow: boolean;
  clippedHigh: boolean;
}

/** The value at quantile q (0–1) of sorted values, interpolated as Excel's PERCENTILE.INC. */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? 0;
  return a + ((sorted[hi] ?? a) - a) * (at - lo);
}

/**
 * The colour scale of a grid: from its `clip` to its 1 − `clip` quantile, nulls (cases that
 * cannot be valued) left out; null when there are no values.
 */
export function gridRange(grid: readonly (readonly (number | null)[])[], clip = 0.05): ValueRange | null {
  const values = grid.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const min = quantile(values, clip);
  const max = quantile(values, 1 - clip);
  return { min, max, clippedLow: (values[0] ?? min) < min, clippedHigh: (values.at(-1) ?? max) > max };
}

/** The colour of one value on the grid's range (the middle colour when every value is the same). */
export function cellColour(value: number, range: ValueRange): string {
  const span = range.max - range.min;
  return colourAt(span > 0 ? (value - range.min) / span : 0.5);
}

/** Colours for a legend: `count` evenly spaced stops from low to high, as a CSS gradient. */
export function legendGradient(count = 11): string {
  const stops = Array.from({ length: count }, (_, i) => `${colourAt(i / (count - 1))} ${((i / (count - 1)) * 100).toFixed(0)}%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
