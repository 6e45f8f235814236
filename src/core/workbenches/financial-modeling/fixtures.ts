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

/**
 * A model that uses every part of the value-driver school kpo has (docs/financial-model-format.md,
 * "Cost of capital by year", "Value-driver terminal value", "Taxes on losses"): CAPM inputs that
 * change by year (the risk-free rate year by year, beta drifting to 1 from 2029), mid-year
 * discounting with cumulated factors, a value-driver terminal value with RONIC, and tax losses
 * carried forward from an opening balance through a loss year. Fictional; USD millions.
 */
export function valueDriverModel(): FinancialModelInput {
  return {
    schemaVersion: 1,
    meta: { codeName: 'Project Hinoki (value drivers)', language: 'en', currency: 'USD', unit: 'millions', valuationDate: '2025-12-31' },
    historicals: [
      {
        year: 2025,
        incomeStatement: { revenue: 1000, depreciationAmortization: 40, operatingIncome: -50 },
        balanceSheet: {
          cash: 150,
          receivables: 120,
          inventories: 60,
          otherCurrentAssets: 10,
          propertyPlantEquipment: 500,
          otherNonCurrentAssets: 60,
          payables: 70,
          otherCurrentLiabilities: 20,
          debt: 200,
          otherNonCurrentLiabilities: 30,
          equity: 580,
        },
      },
    ],
    forecast: {
      years: [2026, 2027, 2028, 2029, 2030, 2031],
      revenueGrowth: [0.2, 0.15, 0.12, 0.09, 0.06, 0.03],
      ebitdaMargin: [0.0, 0.06, 0.12, 0.16, 0.18, 0.18],
      depreciationPercentOfRevenue: [0.04, 0.04, 0.04, 0.04, 0.04, 0.04],
      capexPercentOfRevenue: [0.06, 0.06, 0.055, 0.05, 0.045, 0.045],
      nwcPercentOfRevenue: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
      taxRate: [0.25, 0.25, 0.25, 0.25, 0.25, 0.25],
      lossCarryForward: { openingBalance: 120 },
    },
    wacc: {
      method: 'capm',
      riskFreeRate: 0.04,
      equityRiskPremium: 0.05,
      beta: { kind: 'levered', value: 1.4, observedDebtToEquity: 0.2 },
      sizePremium: 0.01,
      preTaxCostOfDebt: 0.06,
      marginalTaxRate: 0.25,
      targetDebtToCapital: 0.2,
      byYear: {
        riskFreeRate: { values: [0.04, 0.041, 0.042, 0.043, 0.044, 0.045] },
        beta: { fromYear: 2029, terminal: 1 },
        sizePremium: { fromYear: 2030, terminal: 0 },
      },
    },
    valuation: {
      midYearConvention: true,
      terminalValue: {
        method: 'gordon',
        growthRate: 0.025,
        exitMultiple: 9,
        valueDriver: { operatingMargin: 0.14, taxRate: 0.25, ronic: 0.12 },
      },
    },
    bridge: { debt: 200, cash: 150, otherItems: [{ label: 'Minority interest', amount: 25, treatment: 'deduct' }] },
    shares: { unit: 'millions', basic: 100, dilutive: [{ label: 'Options', count: 3, strikePrice: 8 }] },
    market: { sharePrice: 12 },
    scenarios: [
      {
        name: 'bear',
        overrides: { forecast: { revenueGrowth: [0.1, 0.08, 0.06, 0.05, 0.04, 0.03] }, terminalValue: { growthRate: 0.02 } },
      },
    ],
  };
}

/**
 * Issue #13, second slice: reinvestment from the sales-to-capital ratio (one ratio per year, a
 * lag of 2 years reaching into the terminal year), invested capital and ROIC, taxes on losses,
 * a Gordon value on the last year's free cash flow.
 */
export function salesToCapitalModel(): FinancialModelInput {
  const m = valueDriverModel();
  m.meta.codeName = 'Project Keyaki (sales to capital)';
  delete m.forecast.capexPercentOfRevenue;
  delete m.forecast.nwcPercentOfRevenue;
  m.forecast.salesToCapital = { ratio: [1.5, 1.5, 1.8, 2, 2, 2.2], lag: 2 };
  m.forecast.openingInvestedCapital = 700;
  delete m.valuation.terminalValue.valueDriver;
  return m;
}

/**
 * Issue #13, third slice: driver paths from levers, set up the way Damodaran's FCFF "Ginzu"
 * spreadsheet sets them — revenue growth of the next year, a compounded rate for years 2–5 and a
 * straight fade to the terminal growth by year 10; an operating margin converging to its target by
 * 2030; the effective tax rate moving to the marginal rate from 2031 to 2035 — with reinvestment
 * from a sales-to-capital ratio (lag 1) and a value-driver terminal value. Fictional; USD millions.
 */
export function leverModel(): FinancialModelInput {
  const years = [2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035];
  return {
    schemaVersion: 1,
    meta: { codeName: 'Project Sugi (levers)', language: 'en', currency: 'USD', unit: 'millions', valuationDate: '2025-12-31' },
    historicals: [{ year: 2025, incomeStatement: { revenue: 1000, depreciationAmortization: 0, operatingIncome: 80 } }],
    forecast: {
      years,
      levers: {
        revenueGrowth: { firstYear: 0.12, years2To5: 0.1 },
        operatingMargin: { firstYear: 0.09, target: 0.15, targetYear: 2030 },
        taxRate: { effective: 0.2, marginal: 0.25, effectiveUntilYear: 2030, marginalFromYear: 2035 },
      },
      salesToCapital: { ratio: 2, lag: 1 },
      openingInvestedCapital: 600,
    },
    wacc: { method: 'direct', rate: 0.09 },
    valuation: {
      midYearConvention: false,
      terminalValue: {
        method: 'gordon',
        growthRate: 0.03,
        exitMultiple: 10,
        valueDriver: { operatingMargin: 0.15, taxRate: 0.25, ronic: 0.12 },
      },
    },
    bridge: { debt: 100, cash: 50 },
    shares: { unit: 'millions', basic: 50 },
    scenarios: [
      {
        name: 'bear',
        overrides: {
          forecast: { levers: { revenueGrowth: { years2To5: 0.06 }, operatingMargin: { target: 0.12 } } },
          terminalValue: { growthRate: 0.025, costOfCapital: 0.095, valueDriver: { operatingMargin: 0.12, ronic: 0.1 } },
        },
      },
    ],
  };
}

/**
 * The fourth slice's adjustments model valued by perpetual growth and without an exit multiple
 * (valuation.terminalValue.exitMultiple is optional): failure weighting, options and the bridge
 * items still apply; every exit-multiple figure is left out.
 */
export function noExitMultipleModel(base: FinancialModelInput): FinancialModelInput {
  const m = structuredClone(base);
  m.valuation.terminalValue.method = 'gordon';
  delete m.valuation.terminalValue.exitMultiple;
  for (const s of m.scenarios ?? []) if (s.overrides.terminalValue) delete s.overrides.terminalValue.exitMultiple;
  return m;
}
