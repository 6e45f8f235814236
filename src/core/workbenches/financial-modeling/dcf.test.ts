import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { resolveCase, withInput } from './case.js';
import { computeValuation, discountPeriods, terminalDiscountPeriod } from './dcf.js';
import { kennethColeModel } from './fixtures.js';
import { parseFinancialModel, valueModel, valueScenarios } from './model.js';

const sakura = (): FinancialModelInput =>
  JSON.parse(readFileSync(new URL('../../../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8'));

describe('textbook: Berk & DeMarzo, Corporate Finance, ch. 9 §9.3 "The Discounted Free Cash Flow Model", Kenneth Cole Productions', () => {
  // Inputs in fixtures.ts. The book's spreadsheet (figures in $ million, rounded to one decimal as printed):
  //   sales 2006–2011: 564.6, 609.8, 652.5, 691.6, 726.2, 755.3
  //   free cash flow:   23.6,  26.4,  29.3,  32.2,  35.0,  37.6
  //   V(2011) = 37.6 × 1.04 / (11% − 4%) = 558.6; V(0) = 424.8; P(0) = (424.8 + 100 − 3) / 21 = $24.85
  const { valuation } = valueModel(parseFinancialModel(kennethColeModel()));

  it('projects the book’s sales and free cash flows', () => {
    expect(valuation.projection.revenue.map((r) => Math.round(r * 10) / 10)).toEqual([564.6, 609.8, 652.5, 691.6, 726.2, 755.3]);
    expect(valuation.projection.freeCashFlow.map((f) => Math.round(f * 10) / 10)).toEqual([23.6, 26.4, 29.3, 32.2, 35.0, 37.6]);
  });

  it('gets the terminal value, enterprise value and share price of the book', () => {
    // The book computes V(2011) from the rounded 37.6: 558.6; unrounded it is 558.5.
    expect(Math.abs(valuation.gordon.terminalValue - 558.6)).toBeLessThan(0.1);
    expect(valuation.enterpriseValue).toBeCloseTo(424.8, 1);
    expect(valuation.equityValue).toBeCloseTo(424.8 + 100 - 3, 1);
    expect(valuation.valuePerShare).toBeCloseTo(24.85, 2);
    expect(valuation.dilutedShares).toBe(21);
  });
});

describe('discounting conventions', () => {
  it('mid-year puts cash flows at t − 0.5; the Gordon value moves with them, the exit multiple stays at year end', () => {
    expect(discountPeriods(3, true)).toEqual([0.5, 1.5, 2.5]);
    expect(discountPeriods(3, false)).toEqual([1, 2, 3]);
    expect(terminalDiscountPeriod('gordon', 5, true)).toBe(4.5);
    expect(terminalDiscountPeriod('exitMultiple', 5, true)).toBe(5);
    expect(terminalDiscountPeriod('gordon', 5, false)).toBe(5);
  });

  it('mid-year raises the value by about half a year of WACC on the cash flows', () => {
    const endYear = parseFinancialModel(kennethColeModel());
    const midYear = parseFinancialModel({
      ...kennethColeModel(),
      valuation: { midYearConvention: true, terminalValue: { method: 'gordon', growthRate: 0.04, exitMultiple: 8 } },
    });
    const a = valueModel(endYear).valuation;
    const b = valueModel(midYear).valuation;
    expect(b.enterpriseValue / a.enterpriseValue).toBeCloseTo(Math.sqrt(1.11), 10);
  });
});

describe('the Project Sakura demo', () => {
  const model = parseFinancialModel(sakura());
  const { valuation: v } = valueModel(model);

  it('adds up: EV = Σ PV(FCF) + PV(TV); equity = EV − debt + cash ± other items', () => {
    const sum = v.presentValues.reduce((s, x) => s + x, 0);
    expect(v.sumOfPresentValues).toBeCloseTo(sum, 8);
    expect(v.gordon.enterpriseValue).toBeCloseTo(sum + v.gordon.presentValueOfTerminalValue, 8);
    expect(v.equityValue).toBeCloseTo(v.enterpriseValue - 6000 + 18500 + 5000 - 2500 - 1200, 8);
  });

  it('free cash flow is NOPAT + D&A − capex − ΔNWC in every year', () => {
    const p = v.projection;
    p.years.forEach((_, i) => {
      const nopat = (p.ebitda[i] ?? 0) - (p.depreciation[i] ?? 0) - (p.taxes[i] ?? 0);
      expect(p.freeCashFlow[i]).toBeCloseTo(
        nopat + (p.depreciation[i] ?? 0) - (p.capex[i] ?? 0) - (p.changeInNetWorkingCapital[i] ?? 0),
        8,
      );
    });
  });

  it('WACC by CAPM with the beta relevered at the target structure', () => {
    const w = v.wacc;
    const de = 0.15 / 0.85;
    expect(w.leveredBeta).toBeCloseTo(0.85 * (1 + (1 - 0.3062) * de), 12);
    expect(w.costOfEquity).toBeCloseTo(0.011 + (w.leveredBeta ?? 0) * 0.06 + 0.01, 12);
    expect(v.discountRate).toBeCloseTo(0.85 * (w.costOfEquity ?? 0) + 0.15 * 0.012 * (1 - 0.3062), 12);
  });

  it('implied multiples restate each terminal value in the other method at equal present value', () => {
    const im = v.impliedMultiples;
    const asExit = withInput(resolveCase(model), 'exitMultiple', im.gordonImpliedExitMultiple ?? 0);
    const out = computeValuation(asExit);
    expect(out.ok && out.valuation.exitMultipleMethod?.enterpriseValue).toBeCloseTo(v.gordon.enterpriseValue, 6);
    const asGordon = withInput(resolveCase(model), 'terminalGrowth', im.exitImpliedGrowth ?? 0);
    const out2 = computeValuation(asGordon);
    expect(out2.ok && out2.valuation.gordon.enterpriseValue).toBeCloseTo(v.exitMultipleMethod?.enterpriseValue as number, 6);
  });

  it('values every scenario; the bull case above the base, the bear case below', () => {
    const [base, bull, bear] = valueScenarios(model).map((s) => s.valuation.valuePerShare);
    expect(bull).toBeGreaterThan(base ?? 0);
    expect(bear).toBeLessThan(base ?? 0);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(valueModel(model))).toBe(JSON.stringify(valueModel(parseFinancialModel(sakura()))));
  });

  it('refuses a scenario the model does not have, naming the ones it has', () => {
    expect(() => valueModel(model, { scenario: 'moon' })).toThrow(/base, bull, bear/);
  });
});
