import { describe, expect, it } from 'vitest';
import { type ShareBase, solveTreasuryStock, valueOptions } from './dilution.js';
import { issuesOf } from './errors.fixture.js';
import { kennethColeModel, valueDriverModel } from './fixtures.js';
import { parseFinancialModel, valueModel } from './model.js';

/**
 * Issue #13 point 7: employee options by Black–Scholes with the dilution adjustment.
 *
 * The published example: Hull, "Options, Futures, and Other Derivatives" (8th ed. and later), the
 * chapter on the Black–Scholes–Merton model, section "Warrants, employee stock options, and
 * dilution": a company with 1 million shares worth $40 and 200,000 warrants with a strike of $60,
 * 5 years to expiry, interest 3% a year, volatility 30%, no dividends. A regular call is worth
 * $7.04; each warrant N/(N + M) = 1/1.2 of it, $5.87; the share price falls to $38.83.
 *
 * The reference values are computed here by another route than the engine's (Excel's NORMSDIST via
 * @formulajs): the normal CDF integrated numerically (Simpson's rule on the density).
 */

/** Φ(x) = ½ + ∫₀ˣ φ(t) dt by Simpson's rule, 4,000 intervals (error far below 1e-12 for |x| < 5). */
function normalCdfBySimpson(x: number): number {
  const n = 4000;
  const h = x / n;
  const phi = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
  let sum = phi(0) + phi(x);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * phi(i * h);
  return 0.5 + (sum * h) / 3;
}

function referenceCall(s: number, k: number, t: number, r: number, sigma: number, q: number): number {
  const d1 = (Math.log(s / k) + (r - q + (sigma * sigma) / 2) * t) / (sigma * Math.sqrt(t));
  const d2 = d1 - sigma * Math.sqrt(t);
  return s * Math.exp(-q * t) * normalCdfBySimpson(d1) - k * Math.exp(-r * t) * normalCdfBySimpson(d2);
}

describe('employee options by Black–Scholes with the dilution adjustment', () => {
  // Shares and money in millions: 1 million shares, equity worth $40 million ($40 a share).
  const hull: ShareBase = {
    basic: 1,
    shareScale: 1e6,
    moneyScale: 1e6,
    tranches: [],
    options: { label: 'Warrants', count: 0.2, strike: 60, maturity: 5, volatility: 0.3, riskFreeRate: 0.03, dividendYield: 0 },
  };

  it("reproduces Hull's warrant example: call $7.04, warrant $5.87, share $38.83", () => {
    const o = valueOptions(40, hull, hull.options as NonNullable<ShareBase['options']>);
    expect(o.underlying).toBe(40);
    expect(o.call).toBeCloseTo(7.04, 2);
    expect(o.perOption).toBeCloseTo(5.87, 2);
    expect(o.call).toBeCloseTo(referenceCall(40, 60, 5, 0.03, 0.3, 0), 10);
    expect(o.perOption).toBeCloseTo((referenceCall(40, 60, 5, 0.03, 0.3, 0) * 1) / 1.2, 10);
    const d = solveTreasuryStock(40, hull);
    expect(d.pricePerShare).toBeCloseTo(38.83, 2);
    expect(d.pricePerShare).toBeCloseTo(40 - (0.2 * referenceCall(40, 60, 5, 0.03, 0.3, 0)) / 1.2, 10);
    expect(d.options?.total).toBeCloseTo((0.2 * referenceCall(40, 60, 5, 0.03, 0.3, 0)) / 1.2, 10);
  });

  it('a dividend yield lowers the value (the continuous-yield formula, checked by the other route)', () => {
    const base = { ...hull, options: { ...(hull.options as NonNullable<ShareBase['options']>), dividendYield: 0.02 } };
    const o = valueOptions(40, base, base.options);
    expect(o.call).toBeCloseTo(referenceCall(40, 60, 5, 0.03, 0.3, 0.02), 10);
    expect(o.call).toBeLessThan(7.04);
  });

  it('a model deducts the options from its equity value; the risk-free rate defaults to the CAPM one', () => {
    const input = valueDriverModel();
    input.shares.dilutive = [];
    const without = valueModel(parseFinancialModel(input)).valuation;
    input.shares.options = { count: 8, averageStrike: 10, maturity: 4, volatility: 0.45 };
    const v = valueModel(parseFinancialModel(input)).valuation;
    expect(v.equityValue).toBe(without.equityValue);
    const s = (without.equityValue * 1e6) / 1e6 / 100;
    const perOption = (referenceCall(s, 10, 4, 0.04, 0.45, 0) * 100) / 108;
    expect(v.gordon.dilution.options?.perOption).toBeCloseTo(perOption, 9);
    expect(v.valuePerShare).toBeCloseTo(s - (8 * perOption) / 100, 9);
    expect(v.valuePerShare).toBeLessThan(without.valuePerShare);
  });

  it('options on a worthless equity are worth nothing, never NaN', () => {
    const o = valueOptions(-5, hull, hull.options as NonNullable<ShareBase['options']>);
    expect(o.total).toBe(0);
    expect(solveTreasuryStock(-5, hull).pricePerShare).toBe(-5);
  });

  it('refuses a volatility or maturity at or below 0, and a direct WACC without a risk-free rate', () => {
    const m = kennethColeModel();
    m.shares.options = { count: 1, averageStrike: 20, maturity: 0, volatility: -0.1 };
    expect(issuesOf(m)).toEqual([
      'shares.options.maturity: Must be greater than 0.',
      'shares.options.volatility: Must be greater than 0.',
      'shares.options.riskFreeRate: Required: WACC is given directly (method "direct"), so the model has no risk-free rate for Black–Scholes.',
    ]);
  });
});
