import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { valuationSummarySchema } from '../../../shared/contracts/financial-model-api.js';
import { modelPathLabel, unknownFieldLabel } from '../../../shared/model-paths.js';
import { operatingAssetsValue } from './adjustments.js';
import { valuationSummary } from './analysis.js';
import { adjustmentsFairValueModel, adjustmentsModel } from './capitalization.fixture.js';
import { resolveCase } from './case.js';
import { issuesOf } from './errors.fixture.js';
import { kennethColeModel, valueDriverModel } from './fixtures.js';
import { parseFinancialModel, valueModel } from './model.js';
import { gridForCase } from './sensitivity.js';
import { valueBridge } from './value-bridge.js';

/** Issue #13 points 6 and 7 (docs/decisions/0010, fourth slice). */

const value = (m: FinancialModelInput) => valueModel(parseFinancialModel(m)).valuation;

describe('R&D capitalised over its life', () => {
  /**
   * Damodaran, "Damodaran on Valuation" (2nd ed., Wiley 2006), ch. 3, Illustration 3.2
   * "Capitalizing R&D Expenses: Cisco in 2005": a 5-year life, R&D of $2,704, 3,922, 3,448, 3,135,
   * 3,192 and 3,320 million in 2000–2005. The research asset is $9.92 billion, this year's
   * amortisation $3.28 billion, and the operating income of $7,416 million becomes
   * 7,416 + 3,320 − 3,280 = $7,456 million. Illustration 3.8: the same amounts added to capital
   * expenditure and depreciation leave the cash flow unchanged.
   */
  function cisco(): FinancialModelInput {
    const m = kennethColeModel();
    m.historicals = [{ year: 2005, incomeStatement: { revenue: 24801, depreciationAmortization: 0, operatingIncome: 7416 } }];
    m.capitalization = { researchAndDevelopment: { life: 5, expenses: [2704, 3922, 3448, 3135, 3192, 3320], percentOfRevenue: 0.13 } };
    return m;
  }

  it('reproduces Cisco 2005: research asset, amortisation and adjusted operating income', () => {
    const r = value(cisco()).capitalization?.researchAndDevelopment;
    if (!r) throw new Error('no research asset');
    expect(r.base.asset).toBeCloseTo(9918.2, 9);
    expect(Math.round(r.base.asset / 10) / 100).toBe(9.92);
    expect(r.base.amortization).toBeCloseTo(3280.2, 9);
    expect(Math.round(r.base.amortization / 10) / 100).toBe(3.28);
    expect(r.base.adjustedEbit).toBeCloseTo(7455.8, 9);
    expect(r.base.vintages.map((v) => v.unamortizedShare)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(r.base.vintages.map((v) => v.year)).toEqual([2000, 2001, 2002, 2003, 2004, 2005]);
  });

  it('rolls the research asset through the forecast and leaves free cash flow and value unchanged', () => {
    const withRnd = value(cisco());
    const plain = cisco();
    delete plain.capitalization;
    const without = value(plain);
    expect(withRnd.valuePerShare).toBe(without.valuePerShare);
    expect(withRnd.projection.freeCashFlow).toEqual(without.projection.freeCashFlow);
    const r = withRnd.capitalization?.researchAndDevelopment;
    if (!r) throw new Error('no research asset');
    const f = r.forecast;
    const p = withRnd.projection;
    // Year 1 amortises 2001–2005 (the 2000 vintage is done), one fifth each; R&D is 13% of revenue.
    expect(f.amortization[0]).toBeCloseTo((3922 + 3448 + 3135 + 3192 + 3320) / 5, 9);
    expect(f.expense[0]).toBeCloseTo((p.revenue[0] ?? 0) * 0.13, 9);
    expect(f.assetOpening[0]).toBe(r.base.asset);
    for (let i = 0; i < p.years.length; i++) {
      expect(f.assetClosing[i]).toBeCloseTo((f.assetOpening[i] ?? 0) + (f.expense[i] ?? 0) - (f.amortization[i] ?? 0), 9);
      expect(f.adjustedEbit[i]).toBeCloseTo((p.ebit[i] ?? 0) + (f.netCapitalized[i] ?? 0), 9);
      // Adjusted NOPAT − adjusted reinvestment = the reported free cash flow.
      expect((f.adjustedNopat[i] ?? 0) - (f.adjustedReinvestment[i] ?? 0)).toBeCloseTo(p.freeCashFlow[i] ?? 0, 9);
    }
    // Year 6 amortises only forecast vintages: the asset equals the unamortised part of years 2–6.
    const unamortized = [0.2, 0.4, 0.6, 0.8, 1].reduce((s, w, k) => s + w * (f.expense[k + 1] ?? 0), 0);
    expect(f.assetClosing[5]).toBeCloseTo(unamortized, 9);
    expect(f.investedCapital).toBeNull();
  });

  it('adds the research asset to invested capital and measures ROIC on adjusted NOPAT', () => {
    const v = value(adjustmentsModel());
    const r = v.capitalization?.researchAndDevelopment;
    const ic = r?.forecast.investedCapital;
    if (!r || !ic) throw new Error('no invested capital');
    expect(ic.opening[0]).toBe(800 + r.base.asset);
    expect(ic.closing[5]).toBeCloseTo((ic.opening[5] ?? 0) + (r.forecast.adjustedReinvestment[5] ?? 0), 9);
    expect(ic.roic[2]).toBeCloseTo((r.forecast.adjustedNopat[2] ?? 0) / (ic.opening[2] ?? 1), 12);
  });
});

describe('operating leases converted to debt', () => {
  /**
   * Damodaran, "Damodaran on Valuation" (2nd ed.), ch. 3, Target's operating leases: commitments of
   * $146, 142, 137, 117 and 102 million in years 1–5 and $2,405 million after, a pre-tax cost of
   * debt of 5.5%. The lump sum is 18 years of the average commitment ($128.80 million), an annuity
   * of $133.61 million; the present values are 138.39, 127.58, 116.67, 94.44, 78.04 and 1,149.69,
   * and the debt value of the leases $1,704.82 million.
   */
  function target(): FinancialModelInput {
    const m = kennethColeModel();
    m.capitalization = {
      operatingLeases: { currentExpense: 240, commitments: [146, 142, 137, 117, 102], beyond: 2405, preTaxCostOfDebt: 0.055 },
    };
    return m;
  }

  it("reproduces Target's debt value of leases", () => {
    const l = value(target()).capitalization?.operatingLeases;
    if (!l) throw new Error('no leases');
    expect(l.beyondYears).toBe(18);
    expect(l.beyondAnnual).toBeCloseTo(133.61, 2);
    expect(l.commitments.map((c) => Math.round(c.presentValue * 100) / 100)).toEqual([138.39, 127.58, 116.67, 94.44, 78.04]);
    expect(Math.round(l.beyondPresentValue * 100) / 100).toBe(1149.69);
    expect(Math.round(l.debt * 100) / 100).toBe(1704.82);
    expect(l.life).toBe(23);
    expect(l.depreciation).toBeCloseTo(l.debt / 23, 12);
    expect(l.adjustedEbit).toBeCloseTo(0.09 * 518 + 240 - l.debt / 23, 9);
  });

  it('deducts the lease debt in the bridge, as a named item', () => {
    const plain = value(kennethColeModel());
    const v = value(target());
    const l = v.capitalization?.operatingLeases;
    expect(v.enterpriseValue).toBe(plain.enterpriseValue);
    expect(v.bridge.otherItems).toEqual([{ label: 'Lease debt (operating leases)', signedAmount: -(l?.debt ?? 0), kind: 'leaseDebt' }]);
    expect(v.equityValue).toBeCloseTo(plain.equityValue - (l?.debt ?? 0), 9);
  });

  it('discounts at the CAPM cost of debt unless stated, and spreads a stated number of years', () => {
    const v = value(adjustmentsModel()).capitalization?.operatingLeases;
    expect(v?.rate).toBe(0.06);
    // 100 ÷ the average of 38, 36, 34, 30, 28 (33.2) = 3.01 → 3 years of 33.33.
    expect(v?.beyondYears).toBe(3);
    const fair = value(adjustmentsFairValueModel()).capitalization?.operatingLeases;
    expect(fair?.rate).toBe(0.05);
    expect(fair?.beyondYears).toBe(3);
    expect(fair?.beyondAnnual).toBeCloseTo(25 / 3, 12);
  });
});

describe('probability of failure, minority interests and cross-holdings', () => {
  /**
   * Damodaran, "Damodaran on Valuation" (2nd ed.), ch. 17, Illustrations 17.1–17.3, Global
   * Crossing in January 2002: operating assets worth $5,529.92 million as a going concern, a
   * cumulative probability of distress of 76.63%, distress sale proceeds of 15% of the book value
   * of the non-cash assets ($14,531 million, ≈ $2,180 million); the value of the firm is
   * $2,962.90 million, and with cash of $2,260 million and debt of $4,922.75 million the equity
   * $300.15 million.
   */
  it('reproduces Global Crossing: going-concern value weighted with distress proceeds', () => {
    const failure = { probability: 0.7663, proceedsBasis: 'bookValue' as const, proceedsPercent: 0.15, bookValueOfCapital: 14531 };
    const firm = operatingAssetsValue(5529.92, failure);
    expect(firm).toBeCloseTo(2962.9, 0);
    expect(firm + 2260 - 4922.75).toBeCloseTo(300.15, 0);
    expect(operatingAssetsValue(5529.92, null)).toBe(5529.92);
  });

  it('weights the going-concern value in the engine: book value of capital from the balance sheet with lease debt', () => {
    const v = value(adjustmentsModel());
    const f = v.failure;
    const leases = v.capitalization?.operatingLeases;
    if (!f || !leases) throw new Error('no failure');
    // Debt 200 + equity 580 of the last balance sheet, and the lease debt.
    expect(f.bookValueOfCapital).toBeCloseTo(780 + leases.debt, 12);
    expect(f.proceeds).toBeCloseTo(0.5 * (780 + leases.debt), 12);
    expect(f.goingConcernValue).toBe(v.enterpriseValue);
    expect(f.value).toBeCloseTo(v.enterpriseValue * 0.9 + f.proceeds * 0.1, 9);
    // The bridge: cash − debt, the model's minority interest item, minorities at book × 1.5, cross-holdings at market, lease debt.
    expect(v.bridge.otherItems.map((i) => [i.label, i.signedAmount])).toEqual([
      ['Minority interest', -25],
      ['Minority interests', -45],
      ['Listed affiliates', 45],
      ['Lease debt (operating leases)', -leases.debt],
    ]);
    expect(v.equityValue).toBeCloseTo(f.value + 150 - 200 - 25 - 45 + 45 - leases.debt, 9);
    expect(v.exitMultipleMethod).not.toBeNull();
    expect(v.exitMultipleMethod?.failure?.goingConcernValue).toBe(v.exitMultipleMethod?.enterpriseValue);
  });

  it('ties the proceeds to the going-concern value with "fairValue"; Japanese labels', () => {
    const v = value(adjustmentsFairValueModel());
    expect(v.primary).toBe('exitMultiple');
    const f = v.failure;
    expect(f?.bookValueOfCapital).toBeNull();
    expect(f?.proceeds).toBeCloseTo(0.4 * v.enterpriseValue, 9);
    expect(f?.value).toBeCloseTo(v.enterpriseValue * (0.75 + 0.25 * 0.4), 9);
    expect(v.bridge.otherItems.map((i) => i.label)).toEqual([
      'Minority interest',
      '非支配株主持分',
      '持合株式・非事業投資',
      'リース債務（オペレーティング・リース）',
    ]);
    expect(v.bridge.otherItems[2]?.signedAmount).toBeCloseTo(16, 12);
  });

  it('a probability of 0 values exactly as no failure; 1 values at the proceeds', () => {
    const plain = value(valueDriverModel());
    const zero = valueDriverModel();
    zero.valuation.failure = { probability: 0, proceedsBasis: 'fairValue', proceedsPercent: 0.3 };
    expect(value(zero).valuePerShare).toBe(plain.valuePerShare);
    const one = valueDriverModel();
    one.valuation.failure = { probability: 1, proceedsBasis: 'bookValue', proceedsPercent: 0.2, bookValueOfCapital: 500 };
    const v = value(one);
    expect(v.failure?.value).toBe(100);
    expect(v.equityValue).toBeCloseTo(100 + 150 - 200 - 25, 9);
    expect(Number.isFinite(v.valuePerShare)).toBe(true);
  });

  it('the sensitivity grid carries the failure weighting and the new bridge items (its centre is the base case)', () => {
    const m = parseFinancialModel(adjustmentsModel());
    const v = valueModel(m).valuation;
    const grid = gridForCase(resolveCase(m), { input: 'terminalGrowth' }, { input: 'wacc' });
    expect(grid.valuePerShare[grid.y.baseIndex]?.[grid.x.baseIndex]).toBeCloseTo(v.gordon.valuePerShare, 9);
  });
});

describe('the API summary', () => {
  it('carries the failure weighting, the bridge kinds and the capitalisation through the contract', () => {
    const v = value(adjustmentsModel());
    const parsed = valuationSummarySchema.parse(JSON.parse(JSON.stringify(valuationSummary(v))));
    expect(parsed.failure).toEqual(v.failure);
    expect(parsed.capitalization).toEqual(JSON.parse(JSON.stringify(v.capitalization)));
    expect(parsed.bridge.otherItems.map((i) => i.kind)).toEqual([undefined, 'minorityInterests', 'crossHoldings', 'leaseDebt']);
    const plain = valuationSummarySchema.parse(JSON.parse(JSON.stringify(valuationSummary(value(valueDriverModel())))));
    expect(plain.failure).toBeUndefined();
    expect(plain.capitalization).toBeUndefined();
  });
});

describe('bad input names its path', () => {
  const base = () => valueDriverModel();
  it('refuses inconsistent or impossible adjustments', () => {
    const m = base();
    m.bridge.minorityInterests = { amount: 10, valuedAt: 'market', priceToBook: 2 };
    m.bridge.crossHoldings = { amount: -5, valuedAt: 'book' };
    m.valuation.failure = { probability: 1.2, proceedsBasis: 'fairValue', proceedsPercent: 0.5, bookValueOfCapital: 100 };
    m.capitalization = {
      researchAndDevelopment: { life: 5, expenses: [1, 2, 3], percentOfRevenue: [0.1, 0.1] },
      operatingLeases: { currentExpense: 10, commitments: [], preTaxCostOfDebt: 0 },
    };
    const issues = issuesOf(m);
    for (const path of [
      'bridge.minorityInterests.priceToBook: A market value is not scaled',
      'bridge.crossHoldings.amount: Must not be negative',
      'valuation.failure.probability: Must be between 0 and 1',
      'valuation.failure.bookValueOfCapital: The proceeds are a percentage of the going-concern value',
      'capitalization.researchAndDevelopment.expenses: Needs 6 values',
      'capitalization.researchAndDevelopment.percentOfRevenue: Needs 6 values',
      'capitalization.operatingLeases.commitments: Needs at least one year',
      'capitalization.operatingLeases.preTaxCostOfDebt: Must be above 0',
    ])
      expect(
        issues.some((i) => i.startsWith(path)),
        `${path}\n${issues.join('\n')}`,
      ).toBe(true);
  });

  it('asks for what a default cannot come from', () => {
    const m = kennethColeModel();
    m.valuation.failure = { probability: 0.2, proceedsBasis: 'bookValue', proceedsPercent: 0.5 };
    m.capitalization = { operatingLeases: { currentExpense: 10, commitments: [10, 10] } };
    expect(issuesOf(m)).toEqual([
      'valuation.failure.bookValueOfCapital: Required: the proceeds are a percentage of the book value of capital, and the last historical year has no balance sheet to take debt + equity from.',
      'capitalization.operatingLeases.preTaxCostOfDebt: Required: WACC is given directly (method "direct"), so the model has no pre-tax cost of debt to discount the lease commitments at.',
    ]);
    const s = base();
    s.wacc = { ...s.wacc, preTaxCostOfDebt: 0 } as typeof s.wacc;
    s.capitalization = { operatingLeases: { currentExpense: 10, commitments: [10] } };
    expect(issuesOf(s)).toEqual([
      "capitalization.operatingLeases.preTaxCostOfDebt: Required: the CAPM WACC's pre-tax cost of debt is not above 0, so it cannot discount the lease commitments.",
    ]);
  });

  it('a zero book value or zero commitments give finite values, never NaN', () => {
    const m = base();
    m.valuation.failure = { probability: 0.5, proceedsBasis: 'bookValue', proceedsPercent: 0.5, bookValueOfCapital: 0 };
    m.capitalization = { operatingLeases: { currentExpense: 0, commitments: [0, 0], beyond: 0 } };
    const v = value(m);
    expect(v.capitalization?.operatingLeases?.debt).toBe(0);
    expect(v.capitalization?.operatingLeases?.depreciation).toBe(0);
    expect(Number.isFinite(v.valuePerShare)).toBe(true);
    const lump = base();
    lump.capitalization = { operatingLeases: { currentExpense: 0, commitments: [0, 0], beyond: 50 } };
    const l = value(lump).capitalization?.operatingLeases;
    expect(l?.beyondYears).toBe(1);
    expect(Number.isFinite(l?.debt)).toBe(true);
  });
});

describe('the version bridge', () => {
  it('attributes a failure probability, converted leases and bridge adjustments to their own steps', () => {
    const a = parseFinancialModel(valueDriverModel());
    const b = parseFinancialModel(adjustmentsModel());
    const bridge = valueBridge(a, b);
    expect(bridge.steps.map((s) => s.drivers.join('+'))).toEqual(expect.arrayContaining(['valuation.failure', 'capitalization', 'bridge']));
    const total = bridge.steps.reduce((s, x) => s + x.effect, 0);
    expect(total).toBeCloseTo(bridge.to.valuePerShare - bridge.from.valuePerShare, 9);
    expect(bridge.otherChanges.some((c) => c.path[0] === 'capitalization' || c.path[1] === 'failure')).toBe(false);
  });
});

describe('a scenario and the lease discount rate', () => {
  it('refuses a scenario cost of debt at or below 0 when the leases are discounted at it; a positive one re-discounts them', () => {
    const m = adjustmentsModel();
    m.scenarios = [
      { name: 'zero', overrides: { wacc: { preTaxCostOfDebt: 0 } } },
      { name: 'dear', overrides: { wacc: { preTaxCostOfDebt: 0.09 } } },
    ];
    expect(issuesOf(m)).toEqual([
      'scenarios.0.overrides.wacc.preTaxCostOfDebt: Must be above 0: the operating leases are discounted at the pre-tax cost of debt (or state capitalization.operatingLeases.preTaxCostOfDebt).',
    ]);
    m.scenarios = [{ name: 'dear', overrides: { wacc: { preTaxCostOfDebt: 0.09 } } }];
    const model = parseFinancialModel(m);
    const base = valueModel(model).valuation.capitalization?.operatingLeases;
    const dear = valueModel(model, { scenario: 'dear' }).valuation.capitalization?.operatingLeases;
    expect(dear?.rate).toBe(0.09);
    expect(dear?.debt).toBeLessThan(base?.debt ?? 0);
  });
});

describe('words for the new paths', () => {
  it.each(['ja', 'en'] as const)('names every path of the fourth slice in %s, never the path itself', (lang) => {
    const m = parseFinancialModel(adjustmentsModel()) as unknown as Record<string, unknown>;
    const pathsOf = (value: unknown, prefix: (string | number)[]): (string | number)[][] => {
      const here = prefix.length > 0 ? [prefix] : [];
      if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
      if (value !== null && typeof value === 'object')
        return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
      return here;
    };
    const all = [
      ...pathsOf(m.capitalization, ['capitalization']),
      ...pathsOf((m.valuation as { failure: unknown }).failure, ['valuation', 'failure']),
      ...pathsOf((m.bridge as { minorityInterests: unknown }).minorityInterests, ['bridge', 'minorityInterests']),
      ...pathsOf((m.bridge as { crossHoldings: unknown }).crossHoldings, ['bridge', 'crossHoldings']),
      ['capitalization', 'operatingLeases', 'beyondYears'],
      ['capitalization', 'operatingLeases', 'preTaxCostOfDebt'],
      ['valuation', 'failure', 'bookValueOfCapital'],
    ];
    expect(all.length).toBeGreaterThan(20);
    for (const path of all) {
      const label = modelPathLabel(path, lang, m as never);
      expect(label, path.join('.')).not.toContain(unknownFieldLabel(lang));
      expect(label, path.join('.')).not.toMatch(/\b[a-z]+[A-Z]\w*/);
    }
  });
});

describe('scenarios and the probability of failure', () => {
  it('a scenario changes the probability or the proceeds; one without a model failure is refused', () => {
    const m = adjustmentsModel();
    m.scenarios = [{ name: 'distress', overrides: { failure: { probability: 0.4 } } }];
    const model = parseFinancialModel(m);
    const base = valueModel(model).valuation;
    const distress = valueModel(model, { scenario: 'distress' }).valuation;
    expect(distress.failure?.probability).toBe(0.4);
    expect(distress.failure?.proceedsPercent).toBe(0.5);
    expect(distress.enterpriseValue).toBe(base.enterpriseValue);
    expect(distress.failure?.value).toBeCloseTo(base.enterpriseValue * 0.6 + (base.failure?.proceeds ?? 0) * 0.4, 9);
    const plain = valueDriverModel();
    plain.scenarios = [{ name: 'distress', overrides: { failure: { probability: 0.4, proceedsPercent: -1 } } }];
    expect(issuesOf(plain)).toEqual([
      'scenarios.0.overrides.failure.proceedsPercent: Must not be negative.',
      'scenarios.0.overrides.failure: The model has no probability of failure (valuation.failure) for the scenario to change.',
    ]);
  });
});
