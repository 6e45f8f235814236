import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { salesToCapitalModel, valueDriverModel } from './fixtures.js';

/**
 * docs/decisions/0010, fourth slice: a model with every part of it — a probability of failure with
 * proceeds tied to the book value of capital (taken from the balance sheet, lease debt included),
 * minority interests at book scaled by a price-to-book ratio, cross-holdings at market, R&D
 * capitalised over 5 years (forecast as a % of revenue per year, invested capital and ROIC on it),
 * operating leases converted to debt at the CAPM cost of debt (a "beyond" lump sum spread over the
 * years it holds). On the value-driver fixture (CAPM by year, NOL, mid-year). Fictional; USD millions.
 */
export function adjustmentsModel(): FinancialModelInput {
  const m = valueDriverModel();
  m.meta.codeName = 'Project Kaede (adjustments)';
  m.forecast.openingInvestedCapital = 800;
  m.valuation.failure = { probability: 0.1, proceedsBasis: 'bookValue', proceedsPercent: 0.5 };
  m.bridge.minorityInterests = { amount: 30, valuedAt: 'book', priceToBook: 1.5 };
  m.bridge.crossHoldings = { label: 'Listed affiliates', amount: 45, valuedAt: 'market' };
  m.capitalization = {
    researchAndDevelopment: { life: 5, expenses: [50, 55, 60, 66, 70, 80], percentOfRevenue: [0.08, 0.08, 0.075, 0.07, 0.07, 0.07] },
    operatingLeases: { currentExpense: 40, commitments: [38, 36, 34, 30, 28], beyond: 100 },
  };
  return m;
}

/**
 * The same parts the other way round: proceeds tied to the going-concern value ("fairValue"),
 * cross-holdings at book with a price-to-book ratio, minorities at market, one R&D percentage for
 * every year without invested capital, leases at a stated cost of debt with the years of the lump
 * sum stated; on the sales-to-capital fixture with the exit multiple as the headline, in Japanese.
 */
export function adjustmentsFairValueModel(): FinancialModelInput {
  const m = salesToCapitalModel();
  m.meta = { ...m.meta, codeName: 'Project Kaede (fair value)', language: 'ja' };
  delete m.forecast.openingInvestedCapital;
  m.valuation.terminalValue.method = 'exitMultiple';
  m.valuation.failure = { probability: 0.25, proceedsBasis: 'fairValue', proceedsPercent: 0.4 };
  m.bridge.minorityInterests = { amount: 12, valuedAt: 'market' };
  m.bridge.crossHoldings = { amount: 20, valuedAt: 'book', priceToBook: 0.8 };
  m.capitalization = {
    researchAndDevelopment: { life: 3, expenses: [20, 24, 25, 30], percentOfRevenue: 0.03 },
    operatingLeases: { currentExpense: 12, commitments: [12, 11, 10], beyond: 25, beyondYears: 3, preTaxCostOfDebt: 0.05 },
  };
  m.scenarios = [];
  return m;
}
