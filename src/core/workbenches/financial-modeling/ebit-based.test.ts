import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { applicableInputs, resolveCase, withInput } from './case.js';
import { checkModel } from './checks.js';
import { computeValuation } from './dcf.js';
import { issuesOf } from './errors.fixture.js';
import { parseFinancialModel, valueModel } from './model.js';
import { sensitivityGrid } from './sensitivity.js';

/**
 * Issue #13, second slice: models based on EBIT — the operating (EBIT) margin as the driver instead
 * of the EBITDA margin, D&A optional (as Damodaran's FCFF "Ginzu" spreadsheet, which forecasts the
 * operating margin and has no D&A line). The example is hand-worked (the arithmetic written out),
 * not a published one.
 */

function ebitModel(): FinancialModelInput {
  return {
    schemaVersion: 1,
    meta: { codeName: 'EBIT', language: 'en', currency: 'USD', unit: 'millions', valuationDate: '2025-12-31' },
    historicals: [{ year: 2025, incomeStatement: { revenue: 1000, depreciationAmortization: 0, operatingIncome: 100 } }],
    forecast: {
      years: [2026, 2027],
      revenueGrowth: [0.1, 0.1],
      operatingMargin: [0.15, 0.2],
      capexPercentOfRevenue: [0.05, 0.05],
      nwcPercentOfRevenue: [0, 0],
      taxRate: [0.25, 0.25],
    },
    wacc: { method: 'direct', rate: 0.1 },
    valuation: { midYearConvention: false, terminalValue: { method: 'gordon', growthRate: 0.02, exitMultiple: 8 } },
    bridge: { debt: 0, cash: 0 },
    shares: { unit: 'millions', basic: 100 },
  };
}

describe('a model based on EBIT (hand-worked)', () => {
  const v = valueModel(parseFinancialModel(ebitModel())).valuation;
  it('EBIT from the operating margin, no D&A: EBITDA = EBIT', () => {
    // Revenue 1,100 and 1,210; EBIT 15% × 1,100 = 165 and 20% × 1,210 = 242; no D&A, so EBITDA = EBIT.
    expect(v.projection.ebit[0]).toBeCloseTo(165, 12);
    expect(v.projection.ebit[1]).toBeCloseTo(242, 12);
    expect(v.projection.depreciation).toEqual([0, 0]);
    expect(v.projection.ebitda).toEqual(v.projection.ebit);
    // FCFF = 165 × 0.75 − 55 = 68.75; 242 × 0.75 − 60.5 = 121.
    expect(v.projection.freeCashFlow[0]).toBeCloseTo(68.75, 12);
    expect(v.projection.freeCashFlow[1]).toBeCloseTo(121, 12);
    // EV = 68.75/1.1 + 121/1.1² + 121 × 1.02 / 0.08 / 1.1² = 62.5 + 100 + 1,275 = 1,437.5.
    expect(v.enterpriseValue).toBeCloseTo(1437.5, 9);
  });

  it('with D&A: EBITDA = EBIT + D&A, the exit multiple on that EBITDA', () => {
    const input = ebitModel();
    input.forecast.depreciationPercentOfRevenue = [0.03, 0.03];
    const w = valueModel(parseFinancialModel(input)).valuation;
    // EBIT unchanged (242); D&A 3% × 1,210 = 36.3; EBITDA 278.3; exit value 8 × 278.3 = 2,226.4.
    expect(w.projection.ebit[1]).toBeCloseTo(242, 12);
    expect(w.projection.ebitda[1]).toBeCloseTo(278.3, 12);
    expect(w.exitMultipleMethod?.terminalValue).toBeCloseTo(2226.4, 9);
  });

  it('values as the same model driven by the EBITDA margin (margin + D&A %), to rounding', () => {
    const input = ebitModel();
    input.forecast.depreciationPercentOfRevenue = [0.03, 0.03];
    const ebitda = structuredClone(input);
    delete ebitda.forecast.operatingMargin;
    ebitda.forecast.ebitdaMargin = [0.18, 0.23];
    expect(valueModel(parseFinancialModel(input)).valuation.valuePerShare).toBeCloseTo(
      valueModel(parseFinancialModel(ebitda)).valuation.valuePerShare,
      10,
    );
  });

  it('the ebitdaMargin input of sensitivities and scenarios moves the operating margin', () => {
    const model = parseFinancialModel(ebitModel());
    const c = resolveCase(model);
    const moved = withInput(c, 'ebitdaMargin', 0.01).operatingMargin ?? [];
    expect(moved[0]).toBeCloseTo(0.16, 15);
    expect(moved[1]).toBeCloseTo(0.21, 15);
    expect(applicableInputs(c)).not.toContain('depreciationPercentOfRevenue');
    const grid = sensitivityGrid(model, { x: { input: 'ebitdaMargin', steps: 3 }, y: { input: 'wacc', steps: 3 } });
    expect(new Set(grid.valuePerShare[1]).size).toBe(3);
    const bull = ebitModel();
    bull.scenarios = [{ name: 'bull', overrides: { forecast: { operatingMargin: [0.2, 0.25] } } }];
    const o = computeValuation(resolveCase(parseFinancialModel(bull), 'bull'));
    expect(o.ok && o.valuation.projection.ebit[0]).toBeCloseTo(220, 12);
    expect(checkModel(parseFinancialModel(bull)).counts.fail).toBe(0);
  });
});

describe('bad input for models based on EBIT', () => {
  it('both margins, or neither', () => {
    const both = ebitModel();
    both.forecast.ebitdaMargin = [0.2, 0.2];
    expect(issuesOf(both)).toEqual([
      'forecast.ebitdaMargin: forecast.operatingMargin drives this model (based on EBIT); leave out "ebitdaMargin" (or leave out operatingMargin), not both.',
    ]);
    const neither = ebitModel();
    delete neither.forecast.operatingMargin;
    expect(issuesOf(neither)).toEqual([
      'forecast.ebitdaMargin: Needs 2 values, one per forecast year (2026–2027); got 0.',
      'forecast.depreciationPercentOfRevenue: Needs 2 values, one per forecast year (2026–2027); got 0.',
    ]);
  });
  it('an operating margin of the wrong length, not a number, or a wrong scenario override', () => {
    const short = ebitModel();
    short.forecast.operatingMargin = [0.1];
    expect(issuesOf(short)).toEqual(['forecast.operatingMargin: Needs 2 values, one per forecast year (2026–2027); got 1.']);
    const nan = ebitModel();
    nan.forecast.operatingMargin = [0.1, Number.NaN];
    expect(issuesOf(nan)).toEqual(['forecast.operatingMargin.1: Must be a finite number, got NaN.']);
    const scenario = ebitModel();
    scenario.scenarios = [{ name: 'bear', overrides: { forecast: { ebitdaMargin: [0.1, 0.1] } } }];
    expect(issuesOf(scenario)).toEqual([
      'scenarios.0.overrides.forecast.ebitdaMargin: The model is based on EBIT (forecast.operatingMargin); override "operatingMargin" instead of "ebitdaMargin".',
    ]);
  });
});
