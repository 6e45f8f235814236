import { describe, expect, it } from 'vitest';
import { type ShareBase, solveTreasuryStock, sortTranches } from './dilution.js';

const base = (tranches: { count: number; strikePrice: number }[]): ShareBase => ({
  basic: 100,
  shareScale: 1e6,
  moneyScale: 1e6,
  tranches: sortTranches(tranches.map((t, i) => ({ label: `t${i}`, ...t }))),
});

/** The root of P·B + Σ n·max(P − K, 0) = E (options exercised, proceeds buying back shares), by bisection. */
function bisect(equity: number, b: ShareBase): number {
  const target = (equity * b.moneyScale) / b.shareScale;
  const f = (p: number) => p * b.basic + b.tranches.reduce((s, t) => s + t.count * Math.max(p - t.strikePrice, 0), 0) - target;
  let lo = 0;
  let hi = target / b.basic;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

describe('treasury-stock method, solved in closed form', () => {
  it('without options the value per share is equity over basic shares', () => {
    const r = solveTreasuryStock(2500, base([]));
    expect(r.pricePerShare).toBe(25);
    expect(r.dilutedShares).toBe(100);
  });

  it('an in-the-money tranche adds n·(1 − K/P) shares and P·diluted = equity', () => {
    const b = base([{ count: 10, strikePrice: 10 }]);
    const r = solveTreasuryStock(2500, b);
    // P = (2500 + 10·10) / (100 + 10) = 23.636…
    expect(r.pricePerShare).toBeCloseTo(2600 / 110, 12);
    expect(r.dilutedShares).toBeCloseTo(100 + 10 * (1 - 10 / r.pricePerShare), 12);
    expect(r.pricePerShare * r.dilutedShares).toBeCloseTo(2500, 9);
  });

  it('out-of-the-money tranches do not dilute, and the result matches a brute-force fixed point', () => {
    const b = base([
      { count: 5, strikePrice: 0 },
      { count: 10, strikePrice: 20 },
      { count: 8, strikePrice: 24 },
      { count: 30, strikePrice: 40 },
    ]);
    for (const equity of [500, 2000, 2500, 3000, 6000]) {
      const r = solveTreasuryStock(equity, b);
      expect(r.pricePerShare).toBeCloseTo(bisect(equity, b), 8);
      expect(r.pricePerShare * r.dilutedShares).toBeCloseTo(equity, 6);
      for (const t of r.tranches) expect(t.inTheMoney).toBe(t.strikePrice < r.pricePerShare);
    }
  });

  it('negative equity gives a negative value per share on basic shares, not NaN', () => {
    const r = solveTreasuryStock(-100, base([{ count: 5, strikePrice: 0 }]));
    expect(r.pricePerShare).toBe(-1);
    expect(r.dilutedShares).toBe(100);
  });

  it('converts units: equity in ¥ millions, shares in thousands → yen per share', () => {
    const r = solveTreasuryStock(1000, { basic: 500, shareScale: 1e3, moneyScale: 1e6, tranches: [] });
    expect(r.pricePerShare).toBe(2000);
  });
});
