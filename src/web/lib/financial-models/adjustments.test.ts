import { describe, expect, it } from 'vitest';
import { valuationSummary } from '../../../core/workbenches/financial-modeling/analysis';
import { valueModel } from '../../../core/workbenches/financial-modeling/model';
import type { FinancialModel } from '../../../shared/contracts/financial-model';
import {
  failureCaseValue,
  failureOn,
  leasesOn,
  researchOn,
  researchYears,
  setBookValueOfCapital,
  setClaimAmount,
  setClaimOn,
  setClaimPriceToBook,
  setClaimValuedAt,
  setFailureCaseValue,
  setFailureOn,
  setLeaseCommitment,
  setLeaseField,
  setLeasesOn,
  setLeaseYears,
  setProceedsBasis,
  setResearchExpense,
  setResearchLife,
  setResearchOn,
  setResearchPercent,
  setResearchPercentPerYear,
} from './adjustments';
import { valueKind } from './changes';
import { setLeverOn } from './depth';
import { setDriverValue, switchWaccMethod } from './edit';
import { draftIssues } from './issues';
import { sakura } from './testModel.fixture';

/** The schema's problems, as dotted paths (none: the server takes the document). */
const problems = (doc: FinancialModel) => draftIssues(doc).map((i) => `${i.key}: ${i.message}`);
const research = { life: 3, expense: 2000, percentOfRevenue: 0.03 };
const leases = { currentExpense: 400, preTaxCostOfDebt: 0.02 };
const failure = { probability: 0.1, proceedsPercent: 0.5 };

describe('R&D capitalised', () => {
  it('switches on with life + 1 years of expense, follows a new life and a per-year %, and off again, each accepted', () => {
    const on = setResearchOn(sakura(), true, research);
    expect(on.capitalization?.researchAndDevelopment).toEqual({ life: 3, expenses: [2000, 2000, 2000, 2000], percentOfRevenue: 0.03 });
    expect(problems(on)).toEqual([]);
    expect(researchYears(on)).toEqual([2021, 2022, 2023, 2024]);
    const typed = setResearchExpense(setResearchExpense(on, 3, 2600), 0, 1500);
    const longer = setResearchLife(typed, 5);
    expect(longer.capitalization?.researchAndDevelopment?.expenses).toEqual([1500, 1500, 1500, 2000, 2000, 2600]);
    expect(problems(longer)).toEqual([]);
    const shorter = setResearchLife(longer, 2);
    expect(shorter.capitalization?.researchAndDevelopment?.expenses).toEqual([2000, 2000, 2600]);
    const perYear = setResearchPercent(setResearchPercentPerYear(shorter, true), 4, 0.04);
    expect(perYear.capitalization?.researchAndDevelopment?.percentOfRevenue).toEqual([0.03, 0.03, 0.03, 0.03, 0.04]);
    expect(problems(perYear)).toEqual([]);
    expect(setResearchPercentPerYear(perYear, false).capitalization?.researchAndDevelopment?.percentOfRevenue).toBe(0.03);
    const emptied = setResearchPercent(shorter, null, Number.NaN);
    expect(emptied.capitalization?.researchAndDevelopment).not.toHaveProperty('percentOfRevenue');
    expect(problems(emptied)).toEqual([]);
    const off = setResearchOn(perYear, false, research);
    expect(researchOn(off)).toBe(false);
    expect(off).not.toHaveProperty('capitalization');
    expect(problems(off)).toEqual([]);
  });

  it('leaves the value unchanged and shows the research asset the engine computes', () => {
    const before = valuationSummary(valueModel(sakura()).valuation);
    const doc = setResearchOn(sakura(), true, research);
    const after = valuationSummary(valueModel(doc).valuation);
    expect(after.valuePerShare).toBeCloseTo(before.valuePerShare, 6);
    // Life 3, 2,000 a year: the asset is 2,000 × (3 + 2 + 1) / 3 = 4,000, amortisation 2,000.
    expect(after.capitalization?.researchAndDevelopment?.base.asset).toBeCloseTo(4000, 6);
    expect(after.capitalization?.researchAndDevelopment?.base.amortization).toBeCloseTo(2000, 6);
  });
});

describe('operating leases converted to debt', () => {
  it('switches on with the CAPM cost of debt, edits the years and fields, and off again, each accepted', () => {
    const on = setLeasesOn(sakura(), true, leases);
    expect(on.capitalization?.operatingLeases).toEqual({ currentExpense: 400, commitments: [400, 400, 400, 400, 400], beyond: 0 });
    expect(problems(on)).toEqual([]);
    const edited = setLeaseField(setLeaseField(setLeaseCommitment(setLeaseYears(on, 7), 6, 300), 'beyond', 1200), 'beyondYears', 4);
    expect(edited.capitalization?.operatingLeases?.commitments).toEqual([400, 400, 400, 400, 400, 400, 300]);
    expect(problems(edited)).toEqual([]);
    expect(setLeaseField(edited, 'beyondYears', Number.NaN).capitalization?.operatingLeases).not.toHaveProperty('beyondYears');
    const both = setResearchOn(edited, true, research);
    const off = setLeasesOn(both, false, leases);
    expect(leasesOn(off)).toBe(false);
    expect(researchOn(off)).toBe(true);
    expect(problems(off)).toEqual([]);
  });

  it('states a pre-tax cost of debt when WACC is given directly; emptying it is refused at the field', () => {
    const direct = switchWaccMethod(sakura(), 'direct', { rate: 0.07 });
    const on = setLeasesOn(direct, true, leases);
    expect(on.capitalization?.operatingLeases?.preTaxCostOfDebt).toBe(0.02);
    expect(problems(on)).toEqual([]);
    const emptied = setLeaseField(on, 'preTaxCostOfDebt', Number.NaN);
    expect(draftIssues(emptied).map((i) => i.key)).toEqual(['capitalization.operatingLeases.preTaxCostOfDebt']);
  });
});

describe('probability of failure', () => {
  it('switches on at book value, moves to fair value and back, and off again with the scenarios’ changes, each accepted', () => {
    const on = setFailureOn(sakura(), true, failure);
    expect(on.valuation.failure).toEqual({ probability: 0.1, proceedsBasis: 'bookValue', proceedsPercent: 0.5 });
    expect(problems(on)).toEqual([]);
    const stated = setBookValueOfCapital(on, 50000);
    expect(stated.valuation.failure?.bookValueOfCapital).toBe(50000);
    const fair = setProceedsBasis(stated, 'fairValue', { bookValueOfCapital: 1 });
    expect(fair.valuation.failure).toEqual({ probability: 0.1, proceedsBasis: 'fairValue', proceedsPercent: 0.5 });
    expect(problems(fair)).toEqual([]);
    const back = setProceedsBasis(fair, 'bookValue', { bookValueOfCapital: 1 });
    expect(back.valuation.failure).toEqual(on.valuation.failure);
    const bear = setFailureCaseValue(back, 'bear', 'probability', 0.25);
    expect(bear.scenarios.find((s) => s.name === 'bear')?.overrides.failure).toEqual({ probability: 0.25 });
    expect(failureCaseValue(bear, 'bear', 'probability')).toEqual({ value: 0.25, overridden: true });
    expect(failureCaseValue(bear, 'bull', 'probability')).toEqual({ value: 0.1, overridden: false });
    expect(problems(bear)).toEqual([]);
    // Typing the base case's value back: the scenario follows the base case again.
    const same = setFailureCaseValue(bear, 'bear', 'probability', 0.1);
    expect(same.scenarios.find((s) => s.name === 'bear')?.overrides).not.toHaveProperty('failure');
    const off = setFailureOn(bear, false, failure);
    expect(failureOn(off)).toBe(false);
    expect(off.scenarios.some((s) => s.overrides.failure !== undefined)).toBe(false);
    expect(problems(off)).toEqual([]);
  });

  it('keeps a scenario’s change of the failure through the editor’s other edits of that scenario', () => {
    const bear = setFailureCaseValue(setFailureOn(sakura(), true, failure), 'bear', 'proceedsPercent', 0.2);
    const edited = setDriverValue(bear, 'bear', 'revenueGrowth', 0, 0.01);
    expect(edited.scenarios.find((s) => s.name === 'bear')?.overrides.failure).toEqual({ proceedsPercent: 0.2 });
    const levered = setLeverOn(edited, 'revenueGrowth', true, { marginalTax: 0.3 });
    expect(levered.scenarios.find((s) => s.name === 'bear')?.overrides.failure).toEqual({ proceedsPercent: 0.2 });
    expect(problems(levered)).toEqual([]);
    // The editor words its limits as percentages.
    expect(valueKind(['valuation', 'failure', 'probability'])).toBe('rate');
    expect(valueKind(['bridge', 'minorityInterests', 'priceToBook'])).toBe('multiple');
  });

  it('weights the going-concern value with the distress proceeds in the engine', () => {
    const doc = setFailureCaseValue(setFailureOn(sakura(), true, failure), 'base', 'probability', 0.2);
    const v = valuationSummary(valueModel(doc).valuation);
    const f = v.failure;
    if (!f) throw new Error('no failure weighting');
    expect(f.probability).toBe(0.2);
    expect(f.bookValueOfCapital).toBe(6000 + 63600);
    expect(f.proceeds).toBeCloseTo(0.5 * 69600, 6);
    expect(f.value).toBeCloseTo(0.8 * f.goingConcernValue + 0.2 * f.proceeds, 6);
  });
});

describe('minority interests and cross-holdings', () => {
  it('switch on at book, take a price-to-book, move to market (dropping it), each accepted, and join the bridge with their kind', () => {
    let doc = setClaimOn(setClaimOn(sakura(), 'minorityInterests', true, { amount: 1200 }), 'crossHoldings', true, { amount: 0 });
    expect(doc.bridge.minorityInterests).toEqual({ amount: 1200, valuedAt: 'book' });
    doc = setClaimPriceToBook(doc, 'minorityInterests', 1.5);
    doc = setClaimAmount(doc, 'crossHoldings', 5000);
    expect(problems(doc)).toEqual([]);
    const market = setClaimValuedAt(doc, 'minorityInterests', 'market');
    expect(market.bridge.minorityInterests).toEqual({ amount: 1200, valuedAt: 'market' });
    expect(problems(market)).toEqual([]);
    const items = valuationSummary(valueModel(doc).valuation).bridge.otherItems.filter((i) => i.kind);
    expect(items.map((i) => [i.kind, i.signedAmount])).toEqual([
      ['minorityInterests', -1800],
      ['crossHoldings', 5000],
    ]);
    const off = setClaimOn(doc, 'minorityInterests', false, { amount: 0 });
    expect(off.bridge).not.toHaveProperty('minorityInterests');
    expect(problems(off)).toEqual([]);
  });
});
