import type { ValuationCase } from './case.js';
import { afterProjection, beforeCosts, type LineProjection, type SegmentProjection } from './lines.js';

/** The forecast years, each line one value per year. Free cash flow to the firm, unlevered. */
export interface Projection {
  years: number[];
  revenue: number[];
  ebitda: number[];
  depreciation: number[];
  ebit: number[];
  /**
   * Cash taxes on EBIT. Without `forecast.lossCarryForward`, negative when EBIT is (a loss is
   * assumed to save tax). With it, never negative: losses are carried forward and used against
   * later profits (taxes = max(0, EBIT − losses used) × tax rate).
   */
  taxes: number[];
  nopat: number[];
  capex: number[];
  netWorkingCapital: number[];
  changeInNetWorkingCapital: number[];
  freeCashFlow: number[];
  /** Tax losses carried forward by year, when the model has `forecast.lossCarryForward`. */
  lossCarryForward?: LossCarryForward;
  /**
   * Reinvestment from the sales-to-capital ratio, when the model has `forecast.salesToCapital`.
   * Capex is then D&A + reinvestment (gross investment, working capital included), NWC stays at
   * its opening level, and free cash flow is NOPAT − reinvestment.
   */
  salesToCapital?: SalesToCapital;
  /** Invested capital and ROIC by year, when the model has `forecast.openingInvestedCapital`. */
  investedCapital?: InvestedCapital;
  /** Revenue by segment (volume × price), when the model has `forecast.segments`: revenue is their sum. */
  segments?: SegmentProjection[];
  /** Segment costs and operating-cost lines, taken off before EBITDA (EBIT in a model based on EBIT). */
  operatingCosts?: number[];
  /** Custom lines (`forecast.lines`), in the model's order. */
  lines?: LineProjection[];
}

export interface SalesToCapital {
  ratio: number[];
  lag: number;
  /** The change in revenue each year's reinvestment pays for: of year t + lag (the terminal year's when t + lag is past it). */
  revenueChange: number[];
  /** revenueChange ÷ ratio. */
  reinvestment: number[];
}

export interface InvestedCapital {
  opening: number[];
  /** Reinvestment (net of D&A): Δrevenue ÷ sales-to-capital, or capex − D&A + ΔNWC. */
  reinvestment: number[];
  closing: number[];
  /** NOPAT ÷ opening invested capital; null when the opening invested capital is not positive. */
  roic: (number | null)[];
}

export interface LossCarryForward {
  /** Losses available at the start of each year. */
  opening: number[];
  /** Losses used against the year's EBIT: min(opening, EBIT) when EBIT is positive. */
  used: number[];
  /** Losses added by the year: −EBIT when EBIT is negative. */
  added: number[];
  /** Losses carried into the next year: opening − used + added. */
  closing: number[];
}

export function project(c: ValuationCase): Projection {
  const n = c.years.length;
  const p: Projection = {
    years: c.years,
    revenue: new Array<number>(n),
    ebitda: new Array<number>(n),
    depreciation: new Array<number>(n),
    ebit: new Array<number>(n),
    taxes: new Array<number>(n),
    nopat: new Array<number>(n),
    capex: new Array<number>(n),
    netWorkingCapital: new Array<number>(n),
    changeInNetWorkingCapital: new Array<number>(n),
    freeCashFlow: new Array<number>(n),
  };
  const d = c.drivers;
  const nol: LossCarryForward | null = c.lossCarryForward
    ? { opening: new Array<number>(n), used: new Array<number>(n), added: new Array<number>(n), closing: new Array<number>(n) }
    : null;
  let nolBalance = c.lossCarryForward?.openingBalance ?? 0;
  const revenues = new Array<number>(n);
  let revenue = c.baseRevenue;
  for (let i = 0; i < n; i++) {
    revenue = revenue * (1 + (d.revenueGrowth[i] ?? 0));
    revenues[i] = revenue;
  }
  // Segments and custom lines: revenue from segments, and the operating costs taken off before EBITDA.
  const custom = beforeCosts(c, revenues);
  const costs = custom?.costs ?? null;
  const s2c = c.salesToCapital ? salesToCapitalOf(c, revenues) : null;
  const ic: InvestedCapital | null =
    c.openingInvestedCapital === null
      ? null
      : {
          opening: new Array<number>(n),
          reinvestment: new Array<number>(n),
          closing: new Array<number>(n),
          roic: new Array<number | null>(n),
        };
  let investedCapital = c.openingInvestedCapital ?? 0;
  let nwcBefore = c.baseNetWorkingCapital;
  for (let i = 0; i < n; i++) {
    revenue = revenues[i] ?? 0;
    const depreciation = revenue * (d.depreciationPercentOfRevenue[i] ?? 0);
    let ebitda: number;
    let ebit: number;
    if (c.operatingMargin) {
      // A model based on EBIT: EBIT from the operating margin, EBITDA = EBIT + D&A.
      ebit = revenue * (c.operatingMargin[i] ?? 0);
      if (costs) ebit = ebit - (costs[i] ?? 0);
      ebitda = ebit + depreciation;
    } else {
      ebitda = revenue * (d.ebitdaMargin[i] ?? 0);
      if (costs) ebitda = ebitda - (costs[i] ?? 0);
      ebit = ebitda - depreciation;
    }
    let taxes: number;
    if (nol) {
      const used = ebit > 0 ? Math.min(nolBalance, ebit) : 0;
      const added = Math.max(0, -ebit);
      taxes = Math.max(0, ebit - used) * (d.taxRate[i] ?? 0);
      nol.opening[i] = nolBalance;
      nol.used[i] = used;
      nol.added[i] = added;
      nolBalance = nolBalance - used + added;
      nol.closing[i] = nolBalance;
    } else taxes = ebit * (d.taxRate[i] ?? 0);
    const nopat = ebit - taxes;
    let capex: number;
    let nwc: number;
    let changeInNwc: number;
    let reinvestment: number;
    if (s2c) {
      reinvestment = s2c.reinvestment[i] ?? 0;
      capex = depreciation + reinvestment;
      nwc = nwcBefore;
      changeInNwc = 0;
    } else {
      capex = revenue * (d.capexPercentOfRevenue[i] ?? 0);
      nwc = revenue * (d.nwcPercentOfRevenue[i] ?? 0);
      changeInNwc = nwc - nwcBefore;
      reinvestment = capex - depreciation + changeInNwc;
    }
    if (ic) {
      ic.opening[i] = investedCapital;
      ic.reinvestment[i] = reinvestment;
      ic.roic[i] = investedCapital > 0 ? nopat / investedCapital : null;
      investedCapital = investedCapital + reinvestment;
      ic.closing[i] = investedCapital;
    }
    p.revenue[i] = revenue;
    p.ebitda[i] = ebitda;
    p.depreciation[i] = depreciation;
    p.ebit[i] = ebit;
    p.taxes[i] = taxes;
    p.nopat[i] = nopat;
    p.capex[i] = capex;
    p.netWorkingCapital[i] = nwc;
    p.changeInNetWorkingCapital[i] = changeInNwc;
    p.freeCashFlow[i] = s2c ? nopat - reinvestment : nopat + depreciation - capex - changeInNwc;
    nwcBefore = nwc;
  }
  if (nol) p.lossCarryForward = nol;
  if (s2c) p.salesToCapital = s2c;
  if (ic) p.investedCapital = ic;
  if (custom) {
    if (custom.segments.length > 0) p.segments = custom.segments;
    if (costs) p.operatingCosts = costs;
    if (c.custom && c.custom.lines.length > 0) {
      // Shown lines change no value: computed when first read, so sensitivity grids and tornado charts never pay for them.
      let lines: LineProjection[] | null = null;
      Object.defineProperty(p, 'lines', { enumerable: true, configurable: true, get: () => (lines ??= afterProjection(c, custom, p)) });
    }
  }
  return p;
}

/** Revenue growth from the last forecast year into the terminal year. */
export function terminalRevenueGrowth(c: ValuationCase): number {
  return c.valueDriver?.revenueGrowth ?? c.terminalGrowth;
}

/**
 * reinvestmentₜ = (revenueₜ₊ₗ − revenueₜ₊ₗ₋₁) ÷ ratioₜ (Damodaran's FCFF "Ginzu"). Years past the
 * forecast: the terminal year's revenue is the last year's grown at the terminal revenue growth;
 * a year whose t + lag lies past the terminal year uses the terminal year's change in revenue.
 */
function salesToCapitalOf(c: ValuationCase, revenues: number[]): SalesToCapital {
  const s = c.salesToCapital as { ratios: number[]; lag: number };
  const n = revenues.length;
  const last = revenues[n - 1] ?? 0;
  // Change of revenue of forecast year k (0-based); k = n is the terminal year.
  const change = (k: number) =>
    k >= n ? last * terminalRevenueGrowth(c) : (revenues[k] ?? 0) - (k === 0 ? c.baseRevenue : (revenues[k - 1] ?? 0));
  const revenueChange = new Array<number>(n);
  const reinvestment = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const dr = change(Math.min(i + s.lag, n));
    revenueChange[i] = dr;
    reinvestment[i] = dr / (s.ratios[i] ?? 1);
  }
  return { ratio: s.ratios, lag: s.lag, revenueChange, reinvestment };
}
