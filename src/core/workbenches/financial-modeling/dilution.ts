import * as formulajs from '@formulajs/formulajs';

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
  /** Employee options valued by Black–Scholes (shares.options); their value is deducted from the equity first. */
  options?: OptionGrant;
}

export interface OptionGrant {
  label: string;
  /** In the model's share unit. */
  count: number;
  /** Whole currency units per share. */
  strike: number;
  maturity: number;
  volatility: number;
  riskFreeRate: number;
  dividendYield: number;
}

export interface OptionValuation {
  /** Equity value per basic share (whole currency units): the share price the call is written on. */
  underlying: number;
  d1: number;
  d2: number;
  /** The Black–Scholes value of a call on that share. */
  call: number;
  /** N / (N + M): the dilution adjustment. */
  dilutionFactor: number;
  /** call × N / (N + M), whole currency units. */
  perOption: number;
  /** perOption × count, in the model's money unit. */
  total: number;
}

/** The standard normal CDF, as Excel's NORMSDIST computes it (the workbook writes NORMSDIST). */
const normalCdf = (x: number): number => formulajs.NORMSDIST(x, true) as number;

/** Black–Scholes–Merton value of a European call with a continuous dividend yield. */
export function blackScholesCall(
  s: number,
  k: number,
  t: number,
  r: number,
  sigma: number,
  q: number,
): { value: number; d1: number; d2: number } {
  const d1 = (Math.log(s / k) + (r - q + (sigma * sigma) / 2) * t) / (sigma * Math.sqrt(t));
  const d2 = d1 - sigma * Math.sqrt(t);
  const value = s * Math.exp(-q * t) * normalCdf(d1) - k * Math.exp(-r * t) * normalCdf(d2);
  return { value, d1, d2 };
}

/**
 * The options' value with the dilution adjustment (Hull, "Options, Futures, and Other Derivatives",
 * warrants and employee stock options): at exercise each option gets a share of (V + M·K)/(N + M),
 * worth N/(N + M) × (V/N − K), so an option is N/(N + M) calls on a share worth V/N — the equity
 * value per basic share, with no circular reference. A non-positive equity makes them worthless.
 */
export function valueOptions(equityValue: number, base: ShareBase, o: OptionGrant): OptionValuation {
  const underlying = (equityValue * base.moneyScale) / base.shareScale / base.basic;
  const dilutionFactor = base.basic / (base.basic + o.count);
  if (!(underlying > 0))
    return { underlying, d1: Number.NEGATIVE_INFINITY, d2: Number.NEGATIVE_INFINITY, call: 0, dilutionFactor, perOption: 0, total: 0 };
  const call = blackScholesCall(underlying, o.strike, o.maturity, o.riskFreeRate, o.volatility, o.dividendYield);
  const perOption = call.value * dilutionFactor;
  return {
    underlying,
    d1: call.d1,
    d2: call.d2,
    call: call.value,
    dilutionFactor,
    perOption,
    total: (perOption * o.count * base.shareScale) / base.moneyScale,
  };
}

/** The equity value left for the shares: less the Black–Scholes value of the options when the model has them. */
function equityForShares(equityValue: number, base: ShareBase): number {
  return base.options ? equityValue - valueOptions(equityValue, base, base.options).total : equityValue;
}

export interface DilutionResult {
  /** Value per diluted share in whole currency units. */
  pricePerShare: number;
  /** Diluted shares in the share unit. */
  dilutedShares: number;
  /** The k = 0…m candidates of the closed-form solution (k tranches exercised). */
  candidates: number[];
  /** The employee options valued by Black–Scholes, when the model has them. */
  options?: OptionValuation;
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
  const equityPerShareUnit = (equityForShares(equityValue, base) * base.moneyScale) / base.shareScale;
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
  const result: DilutionResult = {
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
  if (base.options) result.options = valueOptions(equityValue, base, base.options);
  return result;
}
