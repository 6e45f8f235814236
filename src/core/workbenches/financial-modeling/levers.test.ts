import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { resolveCase, withInput } from './case.js';
import { checkModel } from './checks.js';
import { computeValuation } from './dcf.js';
import { issuesOf } from './errors.fixture.js';
import { leverModel } from './fixtures.js';
import { parseFinancialModel, valueModel } from './model.js';
import { sensitivityGrid } from './sensitivity.js';
import { tornado } from './tornado.js';
import { valueBridge } from './value-bridge.js';

/**
 * Issue #13, third slice: driver paths from levers. Every expected path below is typed in by hand
 * from the lever rules (docs/financial-model-format.md, "Driver paths from levers"), never taken
 * from the engine; a lever model must value exactly like the same model with those lists.
 */

// Revenue growth: 12% in 2026, 10% in 2027–2030, then 10% → 3% in five equal steps of 1.4 points.
const growth = [0.12, 0.1, 0.1, 0.1, 0.1, 0.086, 0.072, 0.058, 0.044, 0.03];
// Operating margin: 9% in 2026 → 15% in 2030 (steps of 1.5 points), 15% after.
const margin = [0.09, 0.105, 0.12, 0.135, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15];
// Tax: 20% until 2030, then 20% → 25% by 2035 (steps of 1 point).
const tax = [0.2, 0.2, 0.2, 0.2, 0.2, 0.21, 0.22, 0.23, 0.24, 0.25];

/** The lever model with its paths written out as lists. */
function listModel(lists: { growth: number[]; margin: number[]; tax: number[] }): FinancialModelInput {
  const m = leverModel();
  delete m.forecast.levers;
  m.forecast.revenueGrowth = lists.growth;
  m.forecast.operatingMargin = lists.margin;
  m.forecast.taxRate = lists.tax;
  m.scenarios = [];
  return m;
}

const closeTo = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => {
    expect(v).toBeCloseTo(expected[i] as number, 12);
  });
};

describe('driver paths from levers', () => {
  const model = parseFinancialModel(leverModel());

  it('expands the levers into the per-year paths (Ginzu: year-1 growth, years 2–5, a fade to terminal growth)', () => {
    const c = resolveCase(model);
    closeTo(c.drivers.revenueGrowth, growth);
    closeTo(c.operatingMargin ?? [], margin);
    closeTo(c.drivers.taxRate, tax);
  });

  it('values like the same model with the lists typed in, and the reinvestment follows the revenue path', () => {
    const levers = valueModel(model).valuation;
    const lists = valueModel(parseFinancialModel(listModel({ growth, margin, tax }))).valuation;
    expect(levers.valuePerShare).toBeCloseTo(lists.valuePerShare, 9);
    expect(levers.enterpriseValue).toBeCloseTo(lists.enterpriseValue, 6);
    // Lag 1: 2026's reinvestment pays for 2027's growth, 1000 · 1.12 · 10% ÷ 2 = 56.
    expect(levers.projection.salesToCapital?.reinvestment[0]).toBeCloseTo(56, 10);
    // 2026 EBIT 1000 · 1.12 · 9% = 100.8, taxed at 20%.
    expect(levers.projection.nopat[0]).toBeCloseTo(100.8 * 0.8, 10);
  });

  it('a scenario moves lever fields; the fade follows its terminal growth, and it overrides the terminal cost of capital and value-driver fields', () => {
    // years 2–5 at 6%, then 6% → 2.5% in steps of 0.7 points; the margin to 12% by 2030 (steps of 0.75 points).
    const bearGrowth = [0.12, 0.06, 0.06, 0.06, 0.06, 0.053, 0.046, 0.039, 0.032, 0.025];
    const bearMargin = [0.09, 0.0975, 0.105, 0.1125, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12];
    const bear = valueModel(model, { scenario: 'bear' }).valuation;
    closeTo(
      bear.projection.ebit.map((e, i) => e / (bear.projection.revenue[i] as number)),
      bearMargin,
    );
    const expected = listModel({ growth: bearGrowth, margin: bearMargin, tax });
    expected.valuation.terminalValue = {
      method: 'gordon',
      growthRate: 0.025,
      exitMultiple: 10,
      costOfCapital: 0.095,
      valueDriver: { operatingMargin: 0.12, taxRate: 0.25, ronic: 0.1 },
    };
    const reference = valueModel(parseFinancialModel(expected)).valuation;
    expect(bear.costOfCapital.terminal).toBe(0.095);
    expect(bear.valueDriver?.ronic).toBe(0.1);
    expect(bear.valuePerShare).toBeCloseTo(reference.valuePerShare, 9);
  });

  it('sensitivities and tornado charts move the levers: the path, and the reinvestment, follow', () => {
    // +1 point on revenue growth: 13% in 2026, 11% in 2027–2030, then 11% → 3% in steps of 1.6 points.
    const moved = [0.13, 0.11, 0.11, 0.11, 0.11, 0.094, 0.078, 0.062, 0.046, 0.03];
    const c = withInput(resolveCase(model), 'revenueGrowth', 0.01);
    closeTo(c.drivers.revenueGrowth, moved);
    const outcome = computeValuation(c);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.valuation.projection.salesToCapital?.reinvestment[0]).toBeCloseTo((1000 * 1.13 * 0.11) / 2, 10);
    const reference = valueModel(parseFinancialModel(listModel({ growth: moved, margin, tax }))).valuation;
    expect(outcome.valuation.valuePerShare).toBeCloseTo(reference.valuePerShare, 9);
    const grid = sensitivityGrid(model, { x: { input: 'revenueGrowth', steps: 3, step: 0.01 }, y: { input: 'wacc', steps: 3 } });
    expect(grid.valuePerShare[1]?.[2]).toBeCloseTo(reference.valuePerShare, 9);
    // The margin and tax levers move as a whole: both ends shift, so the path shifts by the same amount.
    const marginUp = computeValuation(withInput(resolveCase(model), 'ebitdaMargin', 0.01));
    const taxUp = computeValuation(withInput(resolveCase(model), 'taxRate', 0.01));
    if (!marginUp.ok || !taxUp.ok) throw new Error('not valued');
    closeTo(
      marginUp.valuation.projection.ebit.map((e, i) => e / (marginUp.valuation.projection.revenue[i] as number)),
      margin.map((x) => x + 0.01),
    );
    closeTo(
      taxUp.valuation.projection.taxes.map((t, i) => t / (taxUp.valuation.projection.ebit[i] as number)),
      tax.map((x) => x + 0.01),
    );
    const bars = tornado(model).bars.map((b) => b.input);
    expect(bars).toEqual(expect.arrayContaining(['revenueGrowth', 'ebitdaMargin', 'taxRate']));
  });

  it('a sensitivity on terminal growth holds the forecast (the fade was fixed when the case was resolved)', () => {
    const c = withInput(resolveCase(model), 'terminalGrowth', 0.02);
    closeTo(c.drivers.revenueGrowth, growth);
  });

  it('checks run on the expanded paths: the same findings as the list model', () => {
    const withoutScenarios = leverModel();
    withoutScenarios.scenarios = [];
    const codes = (input: FinancialModelInput) =>
      checkModel(parseFinancialModel(input)).findings.map((f) => [f.code, f.status, f.path.join('.')]);
    expect(codes(withoutScenarios)).toEqual(codes(listModel({ growth, margin, tax })));
    expect(codes(withoutScenarios).length).toBeGreaterThan(0);
  });
});

describe('bad levers', () => {
  it('refuses a driver given both as a list and as a lever, and a missing driver', () => {
    const m = leverModel();
    m.forecast.revenueGrowth = growth;
    delete m.forecast.levers?.taxRate;
    expect(issuesOf(m)).toEqual([
      'forecast.levers.revenueGrowth: forecast.revenueGrowth is also given; a driver comes from its list or from its lever, not both.',
      'forecast.taxRate: Needs 10 values, one per forecast year (2026–2035); got 0.',
    ]);
  });

  it('refuses lever years outside the forecast, naming the path', () => {
    const m = leverModel();
    const l = m.forecast.levers;
    if (!l?.operatingMargin || !l.taxRate) throw new Error('fixture');
    l.operatingMargin.targetYear = 2026;
    l.taxRate.marginalFromYear = 2040;
    l.taxRate.effectiveUntilYear = 2025;
    expect(issuesOf(m)).toEqual([
      'forecast.levers.operatingMargin.targetYear: Must be a forecast year from 2027 to 2035 (the year the margin reaches its target, after the first forecast year); got 2026.',
      'forecast.levers.taxRate.marginalFromYear: Must be a forecast year from 2027 to 2035 (the first year at the marginal rate); got 2040.',
      'forecast.levers.taxRate.effectiveUntilYear: Must be a forecast year from 2026 to 2034 (the last year at the effective rate, before marginalFromYear); got 2025.',
    ]);
  });

  it('refuses a scenario overriding a list the levers give, a lever the model lacks, or a value driver it lacks', () => {
    const m = leverModel();
    m.forecast.levers = { revenueGrowth: { firstYear: 0.12, years2To5: 0.1 } };
    m.forecast.operatingMargin = margin;
    m.forecast.taxRate = tax;
    delete m.valuation.terminalValue.valueDriver;
    m.scenarios = [
      {
        name: 'x',
        overrides: {
          forecast: { revenueGrowth: growth, levers: { taxRate: { marginal: 0.3 }, revenueGrowth: { years2To5: 0.05 } } },
          terminalValue: { valueDriver: { ronic: 0.1 } },
        },
      },
    ];
    expect(issuesOf(m)).toEqual([
      'scenarios.0.overrides.forecast.levers.taxRate: The model has no forecast.levers.taxRate for the scenario to move; override forecast.taxRate (the list) instead.',
      'scenarios.0.overrides.terminalValue.valueDriver: The model has no value-driver terminal value (valuation.terminalValue.valueDriver) for the scenario to change.',
      "scenarios.0.overrides.forecast.revenueGrowth: The model's revenueGrowth comes from forecast.levers.revenueGrowth; override the lever (overrides.forecast.levers.revenueGrowth) instead.",
    ]);
  });

  it('refuses a scenario terminal cost of capital or RONIC at or below its growth', () => {
    const m = leverModel();
    m.scenarios = [
      { name: 'a', overrides: { terminalValue: { costOfCapital: 0.03 } } },
      { name: 'b', overrides: { terminalValue: { growthRate: 0.04, valueDriver: { ronic: 0.035 } } } },
    ];
    expect(issuesOf(m)).toEqual([
      'scenarios.0.overrides.terminalValue.costOfCapital: The terminal cost of capital (3.00%) must be above terminal growth (3.00%, scenario 1); otherwise the terminal value is infinite or negative.',
      'scenarios.1.overrides.terminalValue.valueDriver.ronic: RONIC (return on new invested capital) (3.50%) must be above terminal growth (4.00%, scenario 2); otherwise the terminal value is infinite or negative.',
    ]);
  });

  it('a one-year forecast with levers values to finite numbers', () => {
    const m = leverModel();
    m.forecast.years = [2026];
    m.forecast.levers = {
      revenueGrowth: { firstYear: 0.05, years2To5: 0.04 },
      operatingMargin: { firstYear: 0.1, target: 0.2, targetYear: 2026 },
      taxRate: { effective: 0.2, marginal: 0.3, marginalFromYear: 2026 },
    };
    m.scenarios = [];
    const v = valueModel(parseFinancialModel(m)).valuation;
    expect(Number.isFinite(v.valuePerShare)).toBe(true);
    expect(v.projection.ebit[0]).toBeCloseTo(1050 * 0.1, 10);
    expect(v.projection.taxes[0]).toBeCloseTo(1050 * 0.1 * 0.2, 10);
  });
});

describe('value bridge between versions', () => {
  it('attributes a change of a lever to forecast.levers', () => {
    const a = parseFinancialModel(leverModel());
    const changed = leverModel();
    if (!changed.forecast.levers?.revenueGrowth) throw new Error('fixture');
    changed.forecast.levers.revenueGrowth.years2To5 = 0.12;
    const b = parseFinancialModel(changed);
    const bridge = valueBridge(a, b);
    expect(bridge.steps.map((s) => s.drivers)).toEqual([['forecast.levers']]);
    expect(bridge.steps[0]?.effect).toBeCloseTo(bridge.to.valuePerShare - bridge.from.valuePerShare, 10);
    expect(bridge.otherChanges).toEqual([]);
  });
});
