import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';

/**
 * Berk & DeMarzo, "Corporate Finance" (Pearson; 2nd and 3rd editions), ch. 9 "Valuing Stocks",
 * §9.3 "Total Payout and Free Cash Flow Valuation Models", subsection "The Discounted Free Cash
 * Flow Model" — the Kenneth Cole Productions (KCP) example (page and example numbers differ between
 * editions; the figures do not): 2005 sales $518 million growing 9% in
 * 2006 and one point less each year to 4% in 2011; EBIT 9% of sales; net investment (capex less
 * depreciation) 8% and net working capital 10% of each increase in sales; tax 37%; WACC 11%;
 * long-run growth 4%; cash $100 million, debt $3 million, 21 million shares.
 *
 * kpo drives capex and working capital by revenue, so the book's "share of the increase in
 * sales" becomes, year by year, the same amounts: capex % of revenue = 8% · g / (1 + g) with D&A
 * at 0 (net investment is capex net of depreciation), and NWC at 10% of sales from a 2005 NWC of
 * 10% of $518 million — ΔNWC = 10% · Δsales. Units: millions of USD, shares in millions.
 */
export function kennethColeModel(): FinancialModelInput {
  const growth = [0.09, 0.08, 0.07, 0.06, 0.05, 0.04];
  return {
    schemaVersion: 1,
    meta: { codeName: 'KCP (Berk–DeMarzo §9.3)', language: 'en', currency: 'USD', unit: 'millions', valuationDate: '2005-12-31' },
    historicals: [{ year: 2005, incomeStatement: { revenue: 518, depreciationAmortization: 0, operatingIncome: 0.09 * 518 } }],
    forecast: {
      years: [2006, 2007, 2008, 2009, 2010, 2011],
      revenueGrowth: growth,
      ebitdaMargin: growth.map(() => 0.09),
      depreciationPercentOfRevenue: growth.map(() => 0),
      capexPercentOfRevenue: growth.map((g) => (0.08 * g) / (1 + g)),
      nwcPercentOfRevenue: growth.map(() => 0.1),
      taxRate: growth.map(() => 0.37),
      openingNetWorkingCapital: 0.1 * 518,
    },
    wacc: { method: 'direct', rate: 0.11 },
    valuation: { midYearConvention: false, terminalValue: { method: 'gordon', growthRate: 0.04, exitMultiple: 8 } },
    bridge: { debt: 3, cash: 100 },
    shares: { unit: 'millions', basic: 21 },
  };
}
