import type { ValuationCase } from './case.js';

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
  let revenue = c.baseRevenue;
  let nwcBefore = c.baseNetWorkingCapital;
  for (let i = 0; i < n; i++) {
    revenue = revenue * (1 + (d.revenueGrowth[i] ?? 0));
    const ebitda = revenue * (d.ebitdaMargin[i] ?? 0);
    const depreciation = revenue * (d.depreciationPercentOfRevenue[i] ?? 0);
    const ebit = ebitda - depreciation;
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
    const capex = revenue * (d.capexPercentOfRevenue[i] ?? 0);
    const nwc = revenue * (d.nwcPercentOfRevenue[i] ?? 0);
    const changeInNwc = nwc - nwcBefore;
    p.revenue[i] = revenue;
    p.ebitda[i] = ebitda;
    p.depreciation[i] = depreciation;
    p.ebit[i] = ebit;
    p.taxes[i] = taxes;
    p.nopat[i] = nopat;
    p.capex[i] = capex;
    p.netWorkingCapital[i] = nwc;
    p.changeInNetWorkingCapital[i] = changeInNwc;
    p.freeCashFlow[i] = nopat + depreciation - capex - changeInNwc;
    nwcBefore = nwc;
  }
  if (nol) p.lossCarryForward = nol;
  return p;
}
