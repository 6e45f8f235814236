import { describe, expect, it } from 'vitest';
import { computeWacc, releverBeta, unleverBeta } from './wacc.js';

describe('beta levering (Hamada)', () => {
  it('unlevering then relevering at the same D/E returns the beta', () => {
    for (const [beta, de, t] of [
      [1.2, 0.5, 0.3],
      [0.8, 0, 0.25],
      [1.5, 2, 0.4],
    ] as const)
      expect(releverBeta(unleverBeta(beta, de, t), de, t)).toBeCloseTo(beta, 12);
  });
  it('βL = βU · (1 + (1 − t) · D/E): 0.9 at D/E 0.5 and 30% tax is 1.215', () => {
    expect(releverBeta(0.9, 0.5, 0.3)).toBeCloseTo(1.215, 12);
  });
});

describe('WACC', () => {
  it('an observed levered beta is unlevered at its own D/E and relevered at the target', () => {
    const w = computeWacc({
      method: 'capm',
      riskFreeRate: 0.02,
      equityRiskPremium: 0.05,
      beta: { kind: 'levered', value: 1.3, observedDebtToEquity: 1 },
      sizePremium: 0,
      preTaxCostOfDebt: 0.04,
      marginalTaxRate: 0.3,
      targetDebtToCapital: 0.2,
    });
    const bu = 1.3 / 1.7;
    const bl = bu * (1 + 0.7 * 0.25);
    expect(w.unleveredBeta).toBeCloseTo(bu, 12);
    expect(w.leveredBeta).toBeCloseTo(bl, 12);
    expect(w.wacc).toBeCloseTo(0.8 * (0.02 + bl * 0.05) + 0.2 * 0.04 * 0.7, 12);
  });
  it('a levered beta without an observed D/E is taken at the target structure', () => {
    const w = computeWacc({
      method: 'capm',
      riskFreeRate: 0.01,
      equityRiskPremium: 0.06,
      beta: { kind: 'levered', value: 1.1 },
      sizePremium: 0.01,
      preTaxCostOfDebt: 0.02,
      marginalTaxRate: 0.3,
      targetDebtToCapital: 0.3,
    });
    expect(w.leveredBeta).toBeCloseTo(1.1, 12);
    expect(w.costOfEquity).toBeCloseTo(0.01 + 1.1 * 0.06 + 0.01, 12);
  });
  it('a WACC given directly is used as is', () => {
    expect(computeWacc({ method: 'direct', rate: 0.075 })).toMatchObject({ method: 'direct', wacc: 0.075, leveredBeta: null });
  });
});
