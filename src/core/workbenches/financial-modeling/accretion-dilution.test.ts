import { describe, expect, it } from 'vitest';
import type { AccretionDilutionInputs } from '../../../shared/contracts/financial-model.js';
import { accretionDilutionOf } from './accretion-dilution.js';
import type { ShareBase } from './dilution.js';

const target: ShareBase = { basic: 10, shareScale: 1e6, moneyScale: 1e6, tranches: [{ label: 'opt', count: 1, strikePrice: 20 }] };
const deal = (over: Partial<AccretionDilutionInputs> = {}): AccretionDilutionInputs => ({
  acquirerName: 'Buyer',
  acquirerSharePrice: 50,
  acquirerShares: 100,
  acquirerNetIncome: 400,
  targetNetIncome: 30,
  offerPricePerShare: 40,
  financing: { cash: 0, debt: 0.5, stock: 0.5 },
  preTaxCostOfNewDebt: 0.05,
  interestRateOnCash: 0.01,
  taxRate: 0.25,
  synergies: 20,
  newAmortization: 0,
  transactionFees: 0,
  ...over,
});

describe('accretion / dilution', () => {
  it('works the pro-forma EPS by hand', () => {
    const r = accretionDilutionOf(deal(), target, 30);
    // Target shares at the offer: 10 + 1·(1 − 20/40) = 10.5m; price 40 × 10.5 = 420m.
    expect(r.targetDilutedShares).toBeCloseTo(10.5, 12);
    expect(r.purchasePrice).toBeCloseTo(420, 9);
    // Half debt: 210 at 5% → 10.5 pre-tax, 7.875 after tax. Half stock: 210 / 50 = 4.2m new shares.
    expect(r.newShares).toBeCloseTo(4.2, 12);
    expect(r.afterTaxInterestOnNewDebt).toBeCloseTo(7.875, 12);
    // Pro-forma NI = 400 + 30 + 20·0.75 − 7.875 = 437.125 over 104.2m shares.
    expect(r.proFormaNetIncome).toBeCloseTo(437.125, 9);
    expect(r.standaloneEps).toBeCloseTo(4, 12);
    expect(r.proFormaEps).toBeCloseTo(437.125 / 104.2, 12);
    expect(r.accretion).toBeCloseTo(437.125 / 104.2 / 4 - 1, 12);
    expect(r.premiumToMarket).toBeCloseTo(40 / 30 - 1, 12);
  });

  it('at the break-even synergies the deal neither adds to nor takes from EPS', () => {
    const r = accretionDilutionOf(deal({ synergies: 0, offerPricePerShare: 80 }), target, null);
    expect(r.accretion ?? 0).toBeLessThan(0);
    const even = accretionDilutionOf(deal({ synergies: r.breakevenSynergies, offerPricePerShare: 80 }), target, null);
    expect(even.accretion).toBeCloseTo(0, 12);
  });

  it('an all-cash deal issues no shares and costs the interest the cash earned', () => {
    const r = accretionDilutionOf(deal({ financing: { cash: 1, debt: 0, stock: 0 }, transactionFees: 10 }), target, null);
    expect(r.newShares).toBe(0);
    expect(r.cashUsed).toBeCloseTo(430, 9);
    expect(r.afterTaxForgoneInterestOnCash).toBeCloseTo(430 * 0.01 * 0.75, 12);
  });

  it('no accretion figure when the acquirer loses money', () => {
    expect(accretionDilutionOf(deal({ acquirerNetIncome: -10 }), target, null).accretion).toBeNull();
  });
});
