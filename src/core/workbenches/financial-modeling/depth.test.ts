import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import type { AppError } from '../../../shared/errors.js';
import { resolveCase, withInput } from './case.js';
import { checkModel } from './checks.js';
import { costOfCapitalOf } from './cost-of-capital.js';
import { computeValuation } from './dcf.js';
import { appErrorOf } from './errors.fixture.js';
import { kennethColeModel, valueDriverModel } from './fixtures.js';
import { parseFinancialModel, valueModel } from './model.js';
import { sensitivityGrid } from './sensitivity.js';
import { tornado } from './tornado.js';

/**
 * Issue #13, first slice: cost of capital by year, the value-driver terminal value and taxes on
 * losses. Expected values are worked out by hand below (the arithmetic written out), never by
 * calling the engine.
 */

/** A model whose free cash flow equals revenue (EBITDA margin 100%, no D&A, capex, NWC or tax): cash flows can be typed in. */
function cashFlowModel(cashFlows: number[], firstYear: number): FinancialModelInput {
  const growth = cashFlows.map((c, i) => (i === 0 ? 0 : c / (cashFlows[i - 1] as number) - 1));
  const zeros = cashFlows.map(() => 0);
  return {
    schemaVersion: 1,
    meta: { codeName: 'Cash flows', language: 'en', currency: 'USD', unit: 'millions', valuationDate: `${firstYear - 1}-12-31` },
    historicals: [
      { year: firstYear - 1, incomeStatement: { revenue: cashFlows[0] as number, depreciationAmortization: 0, operatingIncome: 0 } },
    ],
    forecast: {
      years: cashFlows.map((_, i) => firstYear + i),
      revenueGrowth: growth,
      ebitdaMargin: cashFlows.map(() => 1),
      depreciationPercentOfRevenue: zeros,
      capexPercentOfRevenue: zeros,
      nwcPercentOfRevenue: zeros,
      taxRate: zeros,
    },
    wacc: { method: 'direct', rate: 0.1 },
    valuation: { midYearConvention: false, terminalValue: { method: 'gordon', growthRate: 0.02, exitMultiple: 8 } },
    bridge: { debt: 0, cash: 0 },
    shares: { unit: 'millions', basic: 100 },
  };
}

describe('cost of capital by year: Damodaran, "Applied Corporate Finance" (lecture notes), "Disney: Costs of Capital and Present Value"', () => {
  // The published table: the cost of capital is 8.59% in years 1–5 and falls with beta and
  // leverage to 7.16% in year 10; each year's cash flow is discounted at the compounded cost of
  // capital, e.g. PV(year 8) = 1,536.80 / (1.0859^5 × 1.0831 × 1.0802 × 1.0773).
  const fcff = [876.06, 931.96, 991.43, 1054.7, 1122.0, 1255.13, 1393.77, 1536.8, 1682.9, 1830.62];
  const rates = [0.0859, 0.0859, 0.0859, 0.0859, 0.0859, 0.0831, 0.0802, 0.0773, 0.0745, 0.0716];
  const published = [806.74, 790.31, 774.21, 758.45, 743.0, 767.42, 788.91, 807.42, 822.9, 835.31];
  const input = cashFlowModel(fcff, 2011);
  input.wacc = { method: 'direct', rate: 0.0859, byYear: { rate: { values: rates } } };
  input.valuation.terminalValue.costOfCapital = 0.0716;
  const v = valueModel(parseFinancialModel(input)).valuation;

  it('discounts each year at the compounded cost of capital', () => {
    // By hand: E₁ = 1/1.0859, E₂ = E₁/1.0859, …, E₆ = E₅/1.0831, E₇ = E₆/1.0802, E₈ = E₇/1.0773, …
    let e = 1;
    const byHand = fcff.map((cf, i) => {
      e /= 1 + (rates[i] as number);
      return cf * e;
    });
    // Year 8 exactly as the notes write it:
    expect(byHand[7]).toBeCloseTo(1536.8 / (1.0859 ** 5 * 1.0831 * 1.0802 * 1.0773), 9);
    v.presentValues.forEach((pv, i) => {
      expect(pv).toBeCloseTo(byHand[i] as number, 6);
      // The notes print rates rounded to 0.01%; their PVs come from the unrounded rates (within 0.02%).
      expect(Math.abs(pv / (published[i] as number) - 1)).toBeLessThan(2e-4);
    });
    // "PV of cashflows during high growth = $7,894.66" (within 0.01% for the same rounding).
    expect(Math.abs(v.sumOfPresentValues / 7894.66 - 1)).toBeLessThan(1e-4);
    expect(v.costOfCapital.rates).toEqual(rates);
    expect(v.discountRate).toBe(0.0859);
  });

  it('discounts the terminal value at the end of year 10 with the compounded factor and the terminal cost of capital', () => {
    // TV = 1,830.62 × 1.02 / (7.16% − 2%); PV = TV × E₁₀.
    const tv = (1830.62 * 1.02) / (0.0716 - 0.02);
    const e10 = rates.reduce((f, r) => f / (1 + r), 1);
    expect(v.gordon.terminalValue).toBeCloseTo(tv, 8);
    expect(v.gordon.presentValueOfTerminalValue).toBeCloseTo(tv * e10, 8);
  });

  it('a scenario overriding the rate moves a list path by the same amount', () => {
    const withScenario = structuredClone(input);
    withScenario.scenarios = [{ name: 'high', overrides: { wacc: { rate: 0.0959 } } }];
    const high = costOfCapitalOf(resolveCase(parseFinancialModel(withScenario), 'high'));
    high.rates.forEach((r, i) => {
      expect(r).toBeCloseTo((rates[i] as number) + 0.01, 15);
    });
  });

  it('a WACC sensitivity moves every year and the terminal rate by the same amount (the centre is the base case)', () => {
    const c = resolveCase(parseFinancialModel(input));
    const pinned = costOfCapitalOf(withInput(c, 'wacc', 0.0959));
    pinned.rates.forEach((r, i) => {
      expect(r).toBeCloseTo((rates[i] as number) + 0.01, 15);
    });
    expect(pinned.terminal).toBeCloseTo(0.0816, 15);
    const grid = sensitivityGrid(parseFinancialModel(input), { x: { input: 'terminalGrowth' }, y: { input: 'wacc' } });
    expect(grid.valuePerShare[10]?.[10]).toBeCloseTo(v.gordon.valuePerShare, 9);
  });
});

describe('cost of capital moving linearly (Damodaran\'s FCFF "Ginzu" spreadsheet: the initial rate for years 1–5, then linearly to the terminal rate in year 10)', () => {
  it('builds the path and discounts mid-year consistently', () => {
    const input = cashFlowModel([100, 100, 100, 100, 100, 100, 100, 100, 100, 100], 2026);
    input.wacc = { method: 'direct', rate: 0.09, byYear: { rate: { fromYear: 2031, terminal: 0.07 } } };
    input.valuation.midYearConvention = true;
    const v = valueModel(parseFinancialModel(input)).valuation;
    // Years 2031–2035 move (9% − 7%)/5 = 0.4 points a year: 8.6%, 8.2%, 7.8%, 7.4%, 7.0%.
    const path = [0.09, 0.09, 0.09, 0.09, 0.09, 0.086, 0.082, 0.078, 0.074, 0.07];
    v.costOfCapital.rates.forEach((r, i) => {
      expect(r).toBeCloseTo(path[i] as number, 15);
    });
    expect(v.costOfCapital.terminal).toBe(0.07);
    // Mid-year: year t's cash flow at Eₜ₋₁ / √(1 + rₜ); the Gordon value at year 10's mid-year factor.
    let e = 1;
    const factors = path.map((r) => {
      const f = e / Math.sqrt(1 + r);
      e /= 1 + r;
      return f;
    });
    v.discountFactors.forEach((f, i) => {
      expect(f).toBeCloseTo(factors[i] as number, 14);
    });
    expect(v.gordon.terminalDiscountFactor).toBeCloseTo(factors[9] as number, 14);
    expect(v.exitMultipleMethod?.terminalDiscountFactor).toBeCloseTo(e, 14);
  });

  it('a flat path values as the one-rate model (mid-year and end-of-year)', () => {
    for (const midYearConvention of [true, false]) {
      const flat = kennethColeModel();
      flat.valuation.midYearConvention = midYearConvention;
      const one = valueModel(parseFinancialModel(flat)).valuation;
      flat.wacc = { method: 'direct', rate: 0.11, byYear: { rate: { values: [0.11, 0.11, 0.11, 0.11, 0.11, 0.11] } } };
      const path = valueModel(parseFinancialModel(flat)).valuation;
      expect(path.costOfCapital.byYear).toBe(true);
      expect(Math.abs(path.enterpriseValue / one.enterpriseValue - 1)).toBeLessThan(1e-13);
      expect(
        Math.abs((path.exitMultipleMethod?.enterpriseValue as number) / (one.exitMultipleMethod?.enterpriseValue as number) - 1),
      ).toBeLessThan(1e-13);
    }
  });

  it('CAPM inputs by year: beta drifting to 1 and a risk-free rate by year give a WACC per year', () => {
    const v = valueModel(parseFinancialModel(valueDriverModel())).valuation;
    // By hand (fixtures.ts): unlevered β = 1.4 / (1 + 0.75 × 0.2) = 1.2173913…; target D/E = 0.2/0.8 = 0.25;
    // kd after tax = 6% × 0.75 = 4.5%; WACC = 0.8 × (rf + βL × 5% + size) + 0.2 × 4.5%.
    // Observed beta path: 1.4 until 2028, then 2029: 1.4 − 0.4 × 1/3, 2030: 1.4 − 0.4 × 2/3, 2031: 1.0.
    // Size premium: 1% until 2029, then 2030: 0.5%, 2031: 0%.
    const rf = [0.04, 0.041, 0.042, 0.043, 0.044, 0.045];
    const beta = [1.4, 1.4, 1.4, 1.4 - 0.4 / 3, 1.4 - 0.8 / 3, 1.0];
    const size = [0.01, 0.01, 0.01, 0.01, 0.005, 0];
    const wacc = (r: number, b: number, s: number) => {
      const bu = b / (1 + 0.75 * 0.2);
      const bl = bu * (1 + 0.75 * 0.25);
      return 0.8 * (r + bl * 0.05 + s) + 0.2 * 0.045;
    };
    v.costOfCapital.rates.forEach((r, i) => {
      expect(r).toBeCloseTo(wacc(rf[i] as number, beta[i] as number, size[i] as number), 14);
    });
    expect(v.costOfCapital.terminal).toBeCloseTo(wacc(0.045, 1, 0), 14);
    expect(v.wacc.wacc).toBeCloseTo(wacc(0.04, 1.4, 0.01), 14);
  });
});

describe('value-driver terminal value: Koller, Goedhart & Wessels (McKinsey), "Valuation", ch. 2, Value Inc. and Volume Inc.', () => {
  // Both earn NOPAT of $100 in year 1 and grow 5% a year; Value Inc. earns 20% on new capital
  // and reinvests 25% of NOPAT, Volume Inc. earns 10% and reinvests 50%; cost of capital 10%.
  // Value Inc.: 100 × (1 − 5%/20%) / (10% − 5%) = 75 / 0.05 = 1,500; Volume Inc.: 100 × (1 − 5%/10%) / 0.05 = 1,000.
  function company(ronic?: number): FinancialModelInput {
    // Terminal-year NOPAT = revenue 1,000 × (1 + 0%) × margin 12.5% × (1 − 20%) = 100.
    const input = cashFlowModel([1000], 2026);
    input.valuation.terminalValue = {
      method: 'gordon',
      growthRate: 0.05,
      exitMultiple: 8,
      costOfCapital: 0.1,
      valueDriver: { revenueGrowth: 0, operatingMargin: 0.125, taxRate: 0.2, ...(ronic === undefined ? {} : { ronic }) },
    };
    return input;
  }

  it('values Value Inc. at 1,500 and Volume Inc. at 1,000', () => {
    const value = valueModel(parseFinancialModel(company(0.2))).valuation;
    expect(value.valueDriver?.nopat).toBeCloseTo(100, 10);
    expect(value.valueDriver?.reinvestmentRate).toBeCloseTo(0.25, 15);
    expect(value.gordon.terminalValue).toBeCloseTo(1500, 9);
    const volume = valueModel(parseFinancialModel(company(0.1))).valuation;
    expect(volume.valueDriver?.reinvestmentRate).toBeCloseTo(0.5, 15);
    expect(volume.gordon.terminalValue).toBeCloseTo(1000, 9);
  });

  it('RONIC defaults to the terminal cost of capital: growth then adds nothing (TV = NOPAT / WACC = 100 / 10%)', () => {
    const v = valueModel(parseFinancialModel(company())).valuation;
    expect(v.valueDriver?.ronic).toBe(0.1);
    expect(v.gordon.terminalValue).toBeCloseTo(1000, 9);
    // Terminal growth moves NOPAT's growth and the reinvestment together: the value stays NOPAT / WACC.
    const grid = sensitivityGrid(parseFinancialModel(company()), { x: { input: 'terminalGrowth' }, y: { input: 'wacc' } });
    expect(grid.enterpriseValue[10]?.[0]).toBeCloseTo(grid.enterpriseValue[10]?.[20] as number, 6);
  });

  it('states the implied counterparts and warns when the terminal year disagrees with the last forecast year', () => {
    const model = parseFinancialModel(valueDriverModel());
    const v = valueModel(model).valuation;
    const vd = v.valueDriver;
    if (!vd) throw new Error('no value driver');
    // Last forecast year 2031 (fixtures.ts): net investment = capex 4.5% − D&A 4% of revenue + ΔNWC (10% of the 3% growth in revenue).
    const p = v.projection;
    const rev = p.revenue[5] as number;
    const netInvestment = 0.045 * rev - 0.04 * rev + 0.1 * (rev - (p.revenue[4] as number));
    expect(vd.lastYearReinvestmentRate).toBeCloseTo(netInvestment / (p.nopat[5] as number), 12);
    expect(vd.reinvestmentRate).toBeCloseTo(0.025 / 0.12, 15);
    expect(v.impliedMultiples.gordonImpliedExitMultiple).toBeCloseTo(
      v.gordon.presentValueOfTerminalValue / (v.exitMultipleMethod?.terminalDiscountFactor as number) / (p.ebitda[5] as number),
      9,
    );
    const found = checkModel(model).findings.filter((f) => f.code === 'terminal.value_driver');
    expect(found.map((f) => f.message.key)).toEqual(expect.arrayContaining(['terminalReinvestmentVsLastYear', 'terminalRonicVsLastYear']));
    expect(found.every((f) => f.status === 'warn')).toBe(true);
  });
});

describe('taxes on losses: no tax on negative EBIT, losses carried forward and used against later profits', () => {
  // The rule of Damodaran's "Ginzu" spreadsheet (EBIT(1 − t) with net operating losses carried forward), worked by hand on
  // fixtures.ts: revenue 1,000 growing 20%, 15%, 12%, 9%, 6%, 3%; EBIT margin = EBITDA margin − 4% of D&A; tax 25%; opening NOL 120.
  const v = valueModel(parseFinancialModel(valueDriverModel())).valuation;
  it('reproduces the carry-forward table', () => {
    const revenue = [1200, 1380, 1545.6, 1684.704, 1785.78624, 1839.3598272];
    const ebit = revenue.map((r, i) => r * ([0.0, 0.06, 0.12, 0.16, 0.18, 0.18][i] as number) - r * 0.04);
    // 2026: EBIT −48 → no tax, NOL 120 + 48 = 168.
    // 2027: EBIT 27.6 → all sheltered, NOL 168 − 27.6 = 140.4.
    // 2028: EBIT 123.648 → all sheltered, NOL 140.4 − 123.648 = 16.752.
    // 2029: EBIT 202.16448 → 16.752 used, tax 25% × (202.16448 − 16.752) = 46.35312, NOL 0.
    // 2030, 2031: fully taxed.
    expect(ebit.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([-48, 27.6, 123.648, 202.16448, 250.010074, 257.510376]);
    const nol = v.projection.lossCarryForward;
    if (!nol) throw new Error('no NOL');
    expect(nol.opening.map((x) => Math.round(x * 1e9) / 1e9)).toEqual([120, 168, 140.4, 16.752, 0, 0]);
    expect(nol.closing.map((x) => Math.round(x * 1e9) / 1e9)).toEqual([168, 140.4, 16.752, 0, 0, 0]);
    expect(nol.added[0]).toBeCloseTo(48, 12);
    const taxes = [0, 0, 0, 0.25 * (202.16448 - 16.752), 0.25 * (ebit[4] as number), 0.25 * (ebit[5] as number)];
    v.projection.taxes.forEach((t, i) => {
      expect(t).toBeCloseTo(taxes[i] as number, 9);
    });
  });

  it('without the option a loss is still taxed negatively, as before', () => {
    const input = valueDriverModel();
    delete input.forecast.lossCarryForward;
    const p = valueModel(parseFinancialModel(input)).valuation.projection;
    expect(p.taxes[0]).toBeCloseTo(-48 * 0.25, 12);
    expect(p.lossCarryForward).toBeUndefined();
  });
});

const issues = (e: AppError) => Object.fromEntries((e.issues ?? []).map((i) => [i.path.join('.'), i]));

describe('bad input for the new fields: every problem named by its path, never NaN, Infinity or a hang', () => {
  it('paths of the wrong length, a path that starts outside the forecast, both kinds of path at once', () => {
    const m = valueDriverModel() as { wacc: { byYear: Record<string, unknown> } } & FinancialModelInput;
    m.wacc.byYear.riskFreeRate = { values: [0.04, 0.04] };
    m.wacc.byYear.beta = { fromYear: 2040, terminal: 1 };
    m.wacc.byYear.sizePremium = { values: [0, 0, 0, 0, 0, 0], terminal: 0 };
    m.wacc.byYear.preTaxCostOfDebt = { fromYear: 2028 };
    m.wacc.byYear.rate = { values: [0.1] };
    const byPath = issues(appErrorOf(() => parseFinancialModel(m)));
    expect(byPath['wacc.byYear.riskFreeRate.values']?.message).toMatch(/Needs 6 values, one per forecast year \(2026–2031\); got 2/);
    expect(byPath['wacc.byYear.riskFreeRate.values']?.code).toBe('values_per_year');
    expect(byPath['wacc.byYear.beta.fromYear']?.message).toMatch(/Must be a forecast year \(2026–2031\)/);
    expect(byPath['wacc.byYear.sizePremium']?.message).toMatch(/either "values".*or "fromYear" and "terminal", not both/);
    expect(byPath['wacc.byYear.preTaxCostOfDebt.terminal']?.message).toMatch(/needs both/);
    expect(Object.keys(byPath)).toContain('wacc.byYear');
  });

  it('RONIC or the terminal cost of capital at or below growth, in the base case and in a scenario', () => {
    const m = valueDriverModel();
    m.valuation.terminalValue.costOfCapital = 0.025;
    if (m.valuation.terminalValue.valueDriver) m.valuation.terminalValue.valueDriver.ronic = 0.02;
    m.scenarios = [{ name: 'hot', overrides: { terminalValue: { growthRate: 0.03 } } }];
    const byPath = issues(appErrorOf(() => parseFinancialModel(m)));
    expect(byPath['valuation.terminalValue.costOfCapital']?.message).toMatch(
      /terminal cost of capital \(2.50%\) must be above terminal growth \(2.50%\)/,
    );
    // Each limit has its own code and values, so the reader is told which one (not "WACC").
    expect(byPath['valuation.terminalValue.costOfCapital']).toMatchObject({
      code: 'growth_not_below_terminal_cost_of_capital',
      params: { growth: '2.50%', costOfCapital: '2.50%' },
    });
    expect(byPath['valuation.terminalValue.valueDriver.ronic']?.message).toMatch(
      /RONIC.*\(2.00%\) must be above terminal growth \(2.50%\)/,
    );
    expect(byPath['valuation.terminalValue.valueDriver.ronic']).toMatchObject({
      code: 'growth_not_below_ronic',
      params: { growth: '2.50%', ronic: '2.00%' },
    });
    expect(byPath['scenarios.0.overrides.terminalValue.growthRate']?.message).toMatch(/scenario 1/);
  });

  it('a yearly WACC at or below zero and terminal growth at the terminal rate cannot be valued; grid cells are null, never NaN', () => {
    const m = valueDriverModel();
    m.wacc = { method: 'direct', rate: 0.08, byYear: { rate: { values: [0.08, 0.07, 0, 0.05, 0.05, 0.05] } } };
    const e = appErrorOf(() => valueModel(parseFinancialModel(m)));
    expect(e.reason).toBe('wacc_not_positive');
    expect(e.message).toMatch(/in 2028/);
    expect(checkModel(parseFinancialModel(m)).findings.some((f) => f.code === 'wacc.positive' && f.status === 'fail')).toBe(true);

    const g = valueDriverModel();
    g.wacc = { method: 'direct', rate: 0.08, byYear: { rate: { fromYear: 2029, terminal: 0.03 } } };
    g.valuation.terminalValue.growthRate = 0.03;
    if (g.valuation.terminalValue.valueDriver) delete g.valuation.terminalValue.valueDriver.ronic;
    g.scenarios = [];
    const outcome = computeValuation(resolveCase(parseFinancialModel(g)));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.reason).toBe('growth_not_below_terminal_cost_of_capital');
      expect(outcome.params).toEqual({ growth: '3.00%', costOfCapital: '3.00%' });
    }
    const finding = checkModel(parseFinancialModel(g)).findings.find((f) => f.code === 'terminal.growth_below_wacc');
    expect(finding).toMatchObject({ status: 'fail', message: { key: 'growthNotBelowTerminalCostOfCapital' } });

    const grid = sensitivityGrid(parseFinancialModel(valueDriverModel()), {
      x: { input: 'terminalGrowth', step: 0.01 },
      y: { input: 'wacc' },
    });
    const cells = grid.valuePerShare.flat();
    expect(cells.every((c) => c === null || Number.isFinite(c))).toBe(true);
    expect(grid.invalidCells).toBeGreaterThan(0); // growth reaching RONIC (12%) or the terminal WACC
    const bars = tornado(parseFinancialModel(valueDriverModel())).bars;
    expect(bars.every((b) => [b.low.valuePerShare, b.high.valuePerShare].every((x) => x === null || Number.isFinite(x)))).toBe(true);
  });
});
