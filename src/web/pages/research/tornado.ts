import type { SizingDetail } from '../../../shared/contracts/market-sizing-api';

type Contribution = SizingDetail['evaluation']['contributions'][number];

/** One bar of the tornado: how far SOM moves below and above its base when one assumption goes to its low and its high. */
export interface TornadoRow {
  key: string;
  label: string;
  level: Contribution['level'];
  /** SOM with this assumption at its low (every other at its base), whole currency units. */
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
  return contributions
    .map((c) => {
      const somAtLow = Math.round(c.somAtLow);
      const somAtHigh = Math.round(c.somAtHigh);
      return {
        key: c.key,
        label: c.label,
        level: c.level,
        somAtLow,
        somAtHigh,
        below: Math.min(0, somAtLow - baseSom),
        above: Math.max(0, somAtHigh - baseSom),
        swing: Math.round(c.swing),
      };
    })
    .filter((r) => keepFlat || r.swing !== 0)
    .sort((a, b) => b.swing - a.swing);
}
