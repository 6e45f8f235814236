/**
 * Diluted shares by the treasury-stock method, solved exactly for the value per share.
 *
 * The price P that the equity value implies satisfies P·B + Σ nᵢ·max(P − Kᵢ, 0) = E (options in
 * the money are exercised and the proceeds buy back shares at P). The left side is the maximum of
 * the linear functions obtained by exercising the k cheapest tranches, so P is the minimum of the
 * k candidates (E + Σᵢ≤ₖ nᵢKᵢ) / (B + Σᵢ≤ₖ nᵢ) — no circular reference, no iteration, and the same
 * formula works in a spreadsheet (MIN over the candidates).
 */

export interface Tranche {
  label: string;
  /** In the model's share unit. */
  count: number;
  /** Whole currency units per share. */
  strikePrice: number;
}

export interface ShareBase {
  /** Basic shares in the share unit. */
  basic: number;
  /** Shares per share unit (1e6 for millions). */
  shareScale: number;
  /** Currency units per money unit (1e6 for millions of yen). */
  moneyScale: number;
  /** Sorted by strike price, ascending. */
  tranches: Tranche[];
}

export interface DilutionResult {
  /** Value per diluted share in whole currency units. */
  pricePerShare: number;
  /** Diluted shares in the share unit. */
  dilutedShares: number;
  /** The k = 0…m candidates of the closed-form solution (k tranches exercised). */
  candidates: number[];
  tranches: { label: string; count: number; strikePrice: number; inTheMoney: boolean; netNewShares: number }[];
}

export function sortTranches<T extends { strikePrice: number }>(tranches: readonly T[]): T[] {
  return [...tranches].sort((a, b) => a.strikePrice - b.strikePrice);
}

/** Net new shares from tranches in the money at `price` (per-share price in currency units). */
export function netNewSharesAt(price: number, tranches: readonly Tranche[]): number[] {
  return tranches.map((t) => (price > 0 && t.strikePrice < price ? t.count * (1 - t.strikePrice / price) : 0));
}

export function dilutedSharesAt(price: number, base: ShareBase): number {
  return netNewSharesAt(price, base.tranches).reduce((s, n) => s + n, base.basic);
}

/** The candidates of the closed form, k = 0…m tranches exercised; the value per share is their minimum. */
export function treasuryStockCandidates(equityValue: number, base: ShareBase): number[] {
  const equityPerShareUnit = (equityValue * base.moneyScale) / base.shareScale;
  const candidates = new Array<number>(base.tranches.length + 1);
  let cumulativeProceeds = 0;
  let cumulativeCount = 0;
  candidates[0] = equityPerShareUnit / base.basic;
  base.tranches.forEach((t, k) => {
    cumulativeProceeds += t.count * t.strikePrice;
    cumulativeCount += t.count;
    candidates[k + 1] = (equityPerShareUnit + cumulativeProceeds) / (base.basic + cumulativeCount);
  });
  return candidates;
}

/** Value per diluted share alone (what sensitivity grids need). */
export function treasuryStockPrice(equityValue: number, base: ShareBase): number {
  let price = Number.POSITIVE_INFINITY;
  for (const c of treasuryStockCandidates(equityValue, base)) if (c < price) price = c;
  return price;
}

export function solveTreasuryStock(equityValue: number, base: ShareBase): DilutionResult {
  const candidates = treasuryStockCandidates(equityValue, base);
  const price = treasuryStockPrice(equityValue, base);
  const added = netNewSharesAt(price, base.tranches);
  return {
    pricePerShare: price,
    dilutedShares: added.reduce((s, n) => s + n, base.basic),
    candidates,
    // Listed field by field: spreading `t` and adding fields costs microseconds per call in V8, and grids call this thousands of times.
    tranches: base.tranches.map((t, i) => ({
      label: t.label,
      count: t.count,
      strikePrice: t.strikePrice,
      inTheMoney: (added[i] ?? 0) > 0,
      netNewShares: added[i] ?? 0,
    })),
  };
}
