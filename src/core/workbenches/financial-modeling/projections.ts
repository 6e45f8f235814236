import type { ValuationCase } from './case.js';

/** The forecast years, each line one value per year. Free cash flow to the firm, unlevered. */
export interface Projection {
  years: number[];
  revenue: number[];
  ebitda: number[];
  depreciation: number[];
  ebit: number[];
  /** Cash taxes on EBIT (negative when EBIT is: a loss is assumed to save tax; no loss carry-forward). */
  taxes: number[];
  nopat: number[];
  capex: number[];
  netWorkingCapital: number[];
  changeInNetWorkingCapital: number[];
  freeCashFlow: number[];
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
  let revenue = c.baseRevenue;
  let nwcBefore = c.baseNetWorkingCapital;
  for (let i = 0; i < n; i++) {
    revenue = revenue * (1 + (d.revenueGrowth[i] ?? 0));
    const ebitda = revenue * (d.ebitdaMargin[i] ?? 0);
    const depreciation = revenue * (d.depreciationPercentOfRevenue[i] ?? 0);
    const ebit = ebitda - depreciation;
    const taxes = ebit * (d.taxRate[i] ?? 0);
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
  return p;
}
