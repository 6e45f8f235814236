import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { applicableInputs, resolveCase } from './case.js';
import { checkModel } from './checks.js';
import { issuesOf } from './errors.fixture.js';
import { salesToCapitalModel } from './fixtures.js';
import { parseFinancialModel, valueModel } from './model.js';
import { sensitivityGrid } from './sensitivity.js';
import { tornado } from './tornado.js';

/**
 * Issue #13, second slice: reinvestment from the sales-to-capital ratio, invested capital and ROIC.
 * Expected values are worked out by hand below (the arithmetic written out), never by calling the
 * engine.
 */

/** EBITDA margin 20%, no D&A, no tax: NOPAT is 20% of revenue; reinvestment from sales to capital. */
function s2cModel(revenues: number[], ratio: number | number[], lag = 0): FinancialModelInput {
  const base = 1000;
  const growth = revenues.map((r, i) => r / (i === 0 ? base : (revenues[i - 1] as number)) - 1);
  const zeros = revenues.map(() => 0);
  return {
    schemaVersion: 1,
    meta: { codeName: 'S2C', language: 'en', currency: 'USD', unit: 'millions', valuationDate: '2025-12-31' },
    historicals: [{ year: 2025, incomeStatement: { revenue: base, depreciationAmortization: 0, operatingIncome: 200 } }],
    forecast: {
      years: revenues.map((_, i) => 2026 + i),
      revenueGrowth: growth,
      ebitdaMargin: revenues.map(() => 0.2),
      depreciationPercentOfRevenue: zeros,
      taxRate: zeros,
      salesToCapital: { ratio, lag },
      openingInvestedCapital: 500,
    },
    wacc: { method: 'direct', rate: 0.1 },
    valuation: { midYearConvention: false, terminalValue: { method: 'gordon', growthRate: 0.02, exitMultiple: 8 } },
    bridge: { debt: 0, cash: 0 },
    shares: { unit: 'millions', basic: 100 },
  };
}

describe('sales-to-capital reinvestment: Damodaran, "Damodaran on Valuation" (2nd ed., 2006), ch. 4, "Sales-to-capital ratio"', () => {
  it('revenue growing by $1 billion at a sales-to-capital ratio of 2.5 needs $400 million of reinvestment', () => {
    // Published: "if we expect revenues to grow by $1 billion and use a sales-to-capital ratio of
    // 2.5, we would estimate a reinvestment need for this firm of $400 million ($1 billion/2.5)".
    // In millions: revenue 1,000 → 2,000; reinvestment = 1,000 / 2.5 = 400.
    const v = valueModel(parseFinancialModel(s2cModel([2000], 2.5))).valuation;
    expect(v.projection.salesToCapital?.revenueChange[0]).toBe(1000);
    expect(v.projection.salesToCapital?.reinvestment[0]).toBe(400);
    // Free cash flow = NOPAT − reinvestment = 20% × 2,000 − 400 = 0.
    expect(v.projection.freeCashFlow[0]).toBe(0);
  });

  it('capital invested of $500 million, reinvesting $300 million and then $400 million, is $1.2 billion at the end of year 2', () => {
    // Published (same section, "Link to return on capital"): "a firm that has $500 million in capital
    // invested today and is required to reinvest $300 million next year and $400 million the year
    // after will have capital invested of $1.2 billion at the end of the second year".
    // Hand-built: revenue 1,000 → 1,300 → 1,700 at a ratio of 1: reinvestment 300, then 400.
    const v = valueModel(parseFinancialModel(s2cModel([1300, 1700], 1))).valuation;
    const ic = v.projection.investedCapital;
    expect(ic?.reinvestment).toEqual([300, 400]);
    expect(ic?.opening).toEqual([500, 800]);
    expect(ic?.closing).toEqual([800, 1200]);
    // ROIC on the capital at the end of the prior year: 20% × 1,300 / 500 = 52%; 20% × 1,700 / 800 = 42.5%.
    expect(ic?.roic[0]).toBeCloseTo(0.52, 15);
    expect(ic?.roic[1]).toBeCloseTo(0.425, 15);
  });
});

describe('sales-to-capital with a lag (hand-worked, following the lag option of Damodaran\'s FCFF "Ginzu" spreadsheet)', () => {
  // Revenue 1,000 → 1,100 → 1,210 → 1,331 (10% a year); terminal growth 2%: terminal-year revenue
  // 1,331 × 1.02, a change of 1,331 × 0.02 = 26.62. Ratio 2.
  const revenues = [1100, 1210, 1331];
  it("lag 1: each year funds the next year's growth; the last year funds the terminal year's", () => {
    const v = valueModel(parseFinancialModel(s2cModel(revenues, 2, 1))).valuation;
    const s = v.projection.salesToCapital;
    // Δrevenue of years 2, 3 and the terminal year: 110, 121, 26.62; ÷ 2 = 55, 60.5, 13.31.
    expect(s?.revenueChange[0]).toBeCloseTo(110, 9);
    expect(s?.revenueChange[1]).toBeCloseTo(121, 9);
    expect(s?.revenueChange[2]).toBeCloseTo(26.62, 9);
    expect(s?.reinvestment[2]).toBeCloseTo(13.31, 9);
    // The Gordon value on the last year's free cash flow: (266.2 − 13.31) × 1.02 / (10% − 2%) = 3,224.3475.
    expect(v.projection.freeCashFlow[2]).toBeCloseTo(252.89, 9);
    expect(v.gordon.terminalValue).toBeCloseTo(3224.3475, 6);
  });

  it("lag 3 on a 3-year forecast: years whose t + lag lies past the terminal year use the terminal year's change", () => {
    const v = valueModel(parseFinancialModel(s2cModel(revenues, [2, 2, 4], 3))).valuation;
    // Year 1 + 3 = the terminal year (26.62); years 2 and 3 reach past it and use it too.
    expect(v.projection.salesToCapital?.revenueChange.map((x) => Math.round(x * 1e9) / 1e9)).toEqual([26.62, 26.62, 26.62]);
    expect(v.projection.salesToCapital?.reinvestment[2]).toBeCloseTo(6.655, 12);
  });

  it('the terminal year grows at the value-driver revenue growth when the model states it', () => {
    const input = s2cModel(revenues, 2, 1);
    input.valuation.terminalValue.valueDriver = { revenueGrowth: 0.03, operatingMargin: 0.2, taxRate: 0 };
    const v = valueModel(parseFinancialModel(input)).valuation;
    // 1,331 × 3% = 39.93.
    expect(v.projection.salesToCapital?.revenueChange[2]).toBeCloseTo(39.93, 9);
    // The value driver's last-year reinvestment rate is this reinvestment over NOPAT: 19.965 / 266.2 = 7.5%.
    expect(v.valueDriver?.lastYearReinvestmentRate).toBeCloseTo(0.075, 12);
  });
});

describe('invested capital and ROIC for models with capex and NWC as % of revenue', () => {
  it('reinvestment is capex − D&A + ΔNWC; the model values as without the field', () => {
    const input = s2cModel([1100], 2);
    delete input.forecast.salesToCapital;
    input.forecast.capexPercentOfRevenue = [0.05];
    input.forecast.nwcPercentOfRevenue = [0.1];
    input.forecast.depreciationPercentOfRevenue = [0.03];
    const without = structuredClone(input);
    delete without.forecast.openingInvestedCapital;
    const v = valueModel(parseFinancialModel(input)).valuation;
    // Capex 55, D&A 33, NWC 100 (opening, 10% of 1,000) → 110: 55 − 33 + 10 = 32.
    expect(v.projection.investedCapital?.reinvestment[0]).toBeCloseTo(32, 12);
    expect(v.projection.investedCapital?.closing[0]).toBeCloseTo(532, 12);
    expect(v.valuePerShare).toBe(valueModel(parseFinancialModel(without)).valuation.valuePerShare);
  });
});

describe('the ROIC check: ROIC far above the cost of capital carried into the terminal value', () => {
  it("warns when the last forecast year's ROIC is more than 5 points above the terminal cost of capital", () => {
    // Year 3 ROIC = 266.2 / (500 + 55 + 60.5) = 43.2% ≫ 10% + 5%.
    const report = checkModel(parseFinancialModel(s2cModel([1100, 1210, 1331], 2, 1)));
    const f = report.findings.find((x) => x.code === 'terminal.roic_vs_cost_of_capital');
    expect(f?.status).toBe('warn');
    expect(f?.path).toEqual(['forecast', 'openingInvestedCapital']);
    expect(f?.message.params).toMatchObject({ wacc: '10.0%', limit: '5.0%' });
  });
  it("passes when the last year's ROIC is within 5 points (opening capital 2,500: 266.2 / 2,615.5 = 10.2%)", () => {
    const input = s2cModel([1100, 1210, 1331], 2, 1);
    input.forecast.openingInvestedCapital = 2500;
    const f = checkModel(parseFinancialModel(input)).findings.find((x) => x.code === 'terminal.roic_vs_cost_of_capital');
    expect(f?.status).toBe('pass');
  });
  it('with the value-driver terminal value, RONIC is what the terminal value carries', () => {
    const input = s2cModel([1100, 1210, 1331], 2, 1);
    input.valuation.terminalValue.valueDriver = { operatingMargin: 0.2, taxRate: 0, ronic: 0.2 };
    const f = checkModel(parseFinancialModel(input)).findings.find((x) => x.code === 'terminal.roic_vs_cost_of_capital');
    expect(f?.path).toEqual(['valuation', 'terminalValue', 'valueDriver', 'ronic']);
  });
});

describe('sensitivities, tornado and scenarios of a sales-to-capital model', () => {
  const model = parseFinancialModel(salesToCapitalModel());
  it('has no capex or NWC input to move; grids never give NaN', () => {
    const ids = applicableInputs(resolveCase(model));
    expect(ids).not.toContain('capexPercentOfRevenue');
    expect(ids).not.toContain('nwcPercentOfRevenue');
    const grid = sensitivityGrid(model, { x: { input: 'revenueGrowth', steps: 5 }, y: { input: 'wacc', steps: 5 } });
    expect(grid.valuePerShare.flat().every((x) => x === null || Number.isFinite(x))).toBe(true);
    // Faster growth needs more reinvestment: the row is not flat.
    expect(new Set(grid.valuePerShare[2]).size).toBe(5);
    expect(tornado(model).bars.map((b) => b.input)).not.toContain('capexPercentOfRevenue');
  });
  it("terminal growth moves the terminal year's change in revenue (lag 2 reaches it)", () => {
    const grid = sensitivityGrid(model, { x: { input: 'terminalGrowth', steps: 3 }, y: { input: 'wacc', steps: 1 } });
    expect(grid.valuePerShare[0]?.[1]).toBe(grid.baseValuePerShare);
  });
});

describe('bad input for sales to capital: named by its path, never NaN, Infinity or a hang', () => {
  it('sales to capital together with capex or NWC as % of revenue', () => {
    const input = s2cModel([1100, 1210], 2);
    input.forecast.capexPercentOfRevenue = [0.05, 0.05];
    expect(issuesOf(input)).toEqual([
      'forecast.capexPercentOfRevenue: forecast.salesToCapital gives the reinvestment; leave out "capexPercentOfRevenue" (or leave out salesToCapital), not both.',
    ]);
  });
  it('neither sales to capital nor capex: the missing driver is named', () => {
    const input = s2cModel([1100, 1210], 2);
    delete input.forecast.salesToCapital;
    expect(issuesOf(input)).toEqual([
      'forecast.capexPercentOfRevenue: Needs 2 values, one per forecast year (2026–2027); got 0.',
      'forecast.nwcPercentOfRevenue: Needs 2 values, one per forecast year (2026–2027); got 0.',
    ]);
  });
  it('a ratio list of the wrong length, a ratio of 0, a lag of 4 or of 1.5', () => {
    expect(issuesOf(s2cModel([1100, 1210], [2, 2, 2]))).toEqual([
      'forecast.salesToCapital.ratio: Needs 2 values, one per forecast year, or one number for every year; got 3.',
    ]);
    expect(issuesOf(s2cModel([1100, 1210], 0))).toHaveLength(1);
    expect(issuesOf(s2cModel([1100, 1210], 2, 4))).toEqual(['forecast.salesToCapital.lag: Must be a whole number of years, 0 to 3.']);
    expect(issuesOf(s2cModel([1100, 1210], 2, 1.5))).toEqual(['forecast.salesToCapital.lag: Must be a whole number of years, 0 to 3.']);
  });
  it('a lag reaching beyond the forecast and its terminal year is refused', () => {
    const issues = issuesOf(s2cModel([1100], 2, 2));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^forecast\.salesToCapital\.lag: A lag of 2 years reaches beyond the 1-year forecast and its terminal year/);
  });
  it('a scenario overriding capex of a sales-to-capital model', () => {
    const input = s2cModel([1100, 1210], 2);
    input.scenarios = [{ name: 'bull', overrides: { forecast: { nwcPercentOfRevenue: [0.1, 0.1] } } }];
    expect(issuesOf(input)).toEqual([
      'scenarios.0.overrides.forecast.nwcPercentOfRevenue: The model\'s reinvestment comes from forecast.salesToCapital; "nwcPercentOfRevenue" has nothing to override.',
    ]);
  });
});
