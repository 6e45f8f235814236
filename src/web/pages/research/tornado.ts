import type { SizingDetail } from '../../../shared/contracts/market-sizing-api';

type Contribution = SizingDetail['evaluation']['contributions'][number];

/** One bar of the tornado: how far SOM moves below and above its base when one assumption goes to its low and its high. */
export interface TornadoRow {
  key: string;
  label: string;
  level: Contribution['level'];
  /** SOM with this assumption at its low (every other at its base), whole currency units as the server rounded them. */
  somAtLow: number;
  somAtHigh: number;
  /** somAtLow − base: zero or negative. */
  below: number;
  /** somAtHigh − base: zero or positive. */
  above: number;
  swing: number;
}

/**
 * The tornado's bars around the base SOM, widest swing first; an assumption that moves nothing
 * (its low, base and high are the same) is left out unless `keepFlat`.
 */
export function tornadoRows(contributions: readonly Contribution[], baseSom: number, keepFlat = false): TornadoRow[] {
  // The server already rounds each SOM and the swing to whole units (core sizing.ts, contributionsOf),
  // and these are the figures the table shows: rounding again here could only drift from them.
  return contributions
    .map((c) => ({
      key: c.key,
      label: c.label,
      level: c.level,
      somAtLow: c.somAtLow,
      somAtHigh: c.somAtHigh,
      below: Math.min(0, c.somAtLow - baseSom),
      above: Math.max(0, c.somAtHigh - baseSom),
      swing: c.swing,
    }))
    .filter((r) => keepFlat || r.swing !== 0)
    .sort((a, b) => b.swing - a.swing);
}
