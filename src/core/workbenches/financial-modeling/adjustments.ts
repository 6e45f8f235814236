import type { FinancialModel } from '../../../shared/contracts/financial-model.js';
import { adjustmentLabelsFor } from './adjustment-labels.js';
import type { Projection } from './projections.js';

/**
 * The fourth slice of docs/decisions/0010: a probability of failure weighting the going-concern
 * value, minority interests and cross-holdings at book or market, R&D capitalised over its life and
 * operating leases converted to debt — the way Damodaran's Ginzu, R&D converter and operating lease
 * converter spreadsheets do them.
 */

/** The failure inputs as the engine uses them (the book value of capital resolved). */
export interface FailureCase {
  probability: number;
  proceedsBasis: 'bookValue' | 'fairValue';
  proceedsPercent: number;
  /** The book value of capital the proceeds are a percentage of; null with "fairValue". */
  bookValueOfCapital: number | null;
}

export interface FailureValue extends FailureCase {
  /** The discounted cash flows' value: the value of the operating assets as a going concern. */
  goingConcernValue: number;
  /** Distress proceeds: the percentage of the book value of capital, or of the going-concern value. */
  proceeds: number;
  /** going-concern value × (1 − p) + proceeds × p: the value of the operating assets the bridge starts from. */
  value: number;
}

export function failureProceeds(goingConcernValue: number, f: FailureCase): number {
  return f.proceedsBasis === 'fairValue' ? f.proceedsPercent * goingConcernValue : f.proceedsPercent * (f.bookValueOfCapital ?? 0);
}

/** The value of the operating assets: the going-concern value, weighted with the distress proceeds when the model has a failure probability. */
export function operatingAssetsValue(goingConcernValue: number, f: FailureCase | null | undefined): number {
  if (!f) return goingConcernValue;
  return goingConcernValue * (1 - f.probability) + failureProceeds(goingConcernValue, f) * f.probability;
}

export function failureValue(goingConcernValue: number, f: FailureCase): FailureValue {
  return {
    ...f,
    goingConcernValue,
    proceeds: failureProceeds(goingConcernValue, f),
    value: operatingAssetsValue(goingConcernValue, f),
  };
}

/** A bridge item stated at book or market: the amount × the price-to-book ratio (1 at market or without one). */
export function bookOrMarketValue(item: { amount: number; priceToBook?: number | undefined }): number {
  return item.amount * (item.priceToBook ?? 1);
}

export type AdjustmentItemKind = 'minorityInterests' | 'crossHoldings' | 'leaseDebt';

/** Bridge items the fourth slice adds after the model's own other items, signed (+ adds to equity). */
export function adjustmentBridgeItems(
  model: FinancialModel,
  leases: LeaseConversion | null,
): { label: string; signedAmount: number; kind: AdjustmentItemKind }[] {
  const L = adjustmentLabelsFor(model.meta.language);
  const out: { label: string; signedAmount: number; kind: AdjustmentItemKind }[] = [];
  const mi = model.bridge.minorityInterests;
  if (mi) out.push({ label: mi.label ?? L.minorityInterests, signedAmount: -bookOrMarketValue(mi), kind: 'minorityInterests' });
  const ch = model.bridge.crossHoldings;
  if (ch) out.push({ label: ch.label ?? L.crossHoldings, signedAmount: bookOrMarketValue(ch), kind: 'crossHoldings' });
  if (leases) out.push({ label: L.leaseDebt, signedAmount: -leases.debt, kind: 'leaseDebt' });
  return out;
}

/** valuation.failure resolved: with "bookValue" and no stated book value, the last balance sheet's debt + equity (+ lease debt), at least 0. */
export function failureOf(model: FinancialModel, leases: LeaseConversion | null): FailureCase | null {
  const f = model.valuation.failure;
  if (!f) return null;
  let book: number | null = null;
  if (f.proceedsBasis === 'bookValue') {
    const bs = model.historicals.at(-1)?.balanceSheet;
    book = f.bookValueOfCapital ?? Math.max(0, (bs?.debt ?? 0) + (bs?.equity ?? 0) + (leases?.debt ?? 0));
  }
  return { probability: f.probability, proceedsBasis: f.proceedsBasis, proceedsPercent: f.proceedsPercent, bookValueOfCapital: book };
}

// ---------------------------------------------------------------------------------------------
// Operating leases converted to debt (Damodaran's oplease.xls).

export interface LeaseConversion {
  rate: number;
  currentExpense: number;
  /** Year k = 1, 2, … after the last historical year: the commitment, 1/(1 + r)^k and its present value. */
  commitments: { year: number; amount: number; factor: number; presentValue: number }[];
  beyond: number;
  /** Years the "beyond" amount is spread over (stated, or beyond ÷ the average commitment, truncated, at least 1; 0 without one). */
  beyondYears: number;
  /** beyond ÷ beyondYears, paid each of those years. */
  beyondAnnual: number;
  /** The annuity's present value: annual × (1 − (1 + r)^−N) / r / (1 + r)^k. */
  beyondPresentValue: number;
  /** The present value of every commitment: the debt the leases are converted to. */
  debt: number;
  /** The lease asset's life: the listed years + beyondYears. */
  life: number;
  /** Straight-line depreciation of the lease asset: debt ÷ life. */
  depreciation: number;
  /** The last historical year's EBIT, and EBIT + the lease expense − the depreciation. */
  ebit: number;
  adjustedEbit: number;
}

/** The leases converted at the stated pre-tax cost of debt, or the (case's) CAPM WACC's. */
export function leaseConversion(model: FinancialModel, wacc: FinancialModel['wacc'] = model.wacc): LeaseConversion | null {
  const l = model.capitalization?.operatingLeases;
  if (!l) return null;
  const base = model.historicals.at(-1);
  const baseYear = base?.year ?? 0;
  const rate = l.preTaxCostOfDebt ?? (wacc.method === 'capm' ? wacc.preTaxCostOfDebt : 0);
  const k = l.commitments.length;
  let debt = 0;
  const commitments = l.commitments.map((amount, i) => {
    const factor = 1 / (1 + rate) ** (i + 1);
    const presentValue = amount * factor;
    debt += presentValue;
    return { year: baseYear + i + 1, amount, factor, presentValue };
  });
  let sum = 0;
  for (const c of l.commitments) sum += c;
  const average = sum / k;
  // Whole years of the average commitment in the lump sum, truncated (Damodaran's Target illustration: 2,405 ÷ 128.80 = 18.7 → 18 years).
  const beyondYears = l.beyond > 0 ? (l.beyondYears ?? Math.max(1, average > 0 ? Math.floor(l.beyond / average) : 1)) : 0;
  const beyondAnnual = beyondYears > 0 ? l.beyond / beyondYears : 0;
  // The contract keeps the rate above 0; at 0 the annuity's limit (annual × N) keeps the value finite all the same.
  const annuity = rate === 0 ? beyondAnnual * beyondYears : (beyondAnnual * (1 - (1 + rate) ** -beyondYears)) / rate;
  const beyondPresentValue = beyondYears > 0 ? annuity / (1 + rate) ** k : 0;
  debt += beyondPresentValue;
  const life = k + beyondYears;
  const depreciation = debt / life;
  const ebit = base?.incomeStatement.operatingIncome ?? 0;
  return {
    rate,
    currentExpense: l.currentExpense,
    commitments,
    beyond: l.beyond,
    beyondYears,
    beyondAnnual,
    beyondPresentValue,
    debt,
    life,
    depreciation,
    ebit,
    adjustedEbit: ebit + l.currentExpense - depreciation,
  };
}

// ---------------------------------------------------------------------------------------------
// R&D capitalised (Damodaran's R&D converter, "Investment Valuation", ch. 9).

export interface ResearchAsset {
  life: number;
  /** The last historical year, as the R&D converter shows it. */
  base: {
    /** Oldest first; the last is the base (current) year. */
    vintages: { year: number; expense: number; unamortizedShare: number; unamortized: number; amortization: number }[];
    /** The research asset: Σ expense × (life − age) / life over the vintages younger than the life. */
    asset: number;
    /** This year's amortisation: Σ expense ÷ life over the `life` years before the base year. */
    amortization: number;
    expense: number;
    ebit: number;
    /** EBIT + this year's R&D − amortisation. */
    adjustedEbit: number;
  };
  /** Forecast years: R&D = revenue × percentage, amortised over the life; free cash flow is unchanged. */
  forecast: {
    percentOfRevenue: number[];
    expense: number[];
    amortization: number[];
    assetOpening: number[];
    assetClosing: number[];
    /** R&D − amortisation: added to operating income and to reinvestment alike. */
    netCapitalized: number[];
    adjustedEbit: number[];
    /** NOPAT + R&D − amortisation (taxes stay those on the reported EBIT: the tax benefit of expensing is kept). */
    adjustedNopat: number[];
    /** The projection's net reinvestment + R&D − amortisation. */
    adjustedReinvestment: number[];
    /** With forecast.openingInvestedCapital: invested capital including the research asset, and ROIC on it. */
    investedCapital: { opening: number[]; closing: number[]; roic: (number | null)[] } | null;
  };
}

/** The projection's reinvestment net of D&A: the sales-to-capital reinvestment, or capex − D&A + ΔNWC. */
export function netReinvestment(p: Projection, i: number): number {
  return p.salesToCapital?.reinvestment[i] ?? (p.capex[i] ?? 0) - (p.depreciation[i] ?? 0) + (p.changeInNetWorkingCapital[i] ?? 0);
}

/** capitalization.researchAndDevelopment as a case carries it (the percentages one per forecast year). */
export interface ResearchInputs {
  life: number;
  /** Oldest first, ending with the last historical year: life + 1 values. */
  expenses: number[];
  percentOfRevenue: number[];
  baseYear: number;
  /** The last historical year's EBIT. */
  baseEbit: number;
}

export function researchInputsOf(model: FinancialModel): ResearchInputs | null {
  const r = model.capitalization?.researchAndDevelopment;
  if (!r) return null;
  const base = model.historicals.at(-1);
  const pct = r.percentOfRevenue;
  const years = model.forecast.years;
  return {
    life: r.life,
    expenses: [...r.expenses],
    percentOfRevenue: typeof pct === 'number' ? years.map(() => pct) : pct ? [...pct] : years.map(() => 0),
    baseYear: base?.year ?? 0,
    baseEbit: base?.incomeStatement.operatingIncome ?? 0,
  };
}

export function researchAsset(r: ResearchInputs, p: Projection, openingInvestedCapital: number | null): ResearchAsset {
  const life = r.life;
  const past = r.expenses;
  // Vintage j (0 the oldest) is life − j years old in the base year.
  const vintages = past.map((expense, j) => {
    const age = life - j;
    const unamortizedShare = (life - age) / life;
    return {
      year: r.baseYear - age,
      expense,
      unamortizedShare,
      unamortized: expense * unamortizedShare,
      amortization: age >= 1 ? expense / life : 0,
    };
  });
  let asset = 0;
  let amortization = 0;
  for (const v of vintages) {
    asset += v.unamortized;
    amortization += v.amortization;
  }
  const expense = past[life] ?? 0;
  const ebit = r.baseEbit;
  const n = p.years.length;
  const percentOfRevenue = r.percentOfRevenue;
  const all = [...past];
  const f: ResearchAsset['forecast'] = {
    percentOfRevenue,
    expense: new Array<number>(n),
    amortization: new Array<number>(n),
    assetOpening: new Array<number>(n),
    assetClosing: new Array<number>(n),
    netCapitalized: new Array<number>(n),
    adjustedEbit: new Array<number>(n),
    adjustedNopat: new Array<number>(n),
    adjustedReinvestment: new Array<number>(n),
    investedCapital: null,
  };
  const openingIc = openingInvestedCapital;
  const ic =
    openingIc === null ? null : { opening: new Array<number>(n), closing: new Array<number>(n), roic: new Array<number | null>(n) };
  let open = asset;
  let capital = openingIc === null ? 0 : openingIc + asset;
  for (let i = 0; i < n; i++) {
    const e = (p.revenue[i] ?? 0) * (percentOfRevenue[i] ?? 0);
    all.push(e);
    // The `life` vintages before this year: indexes i + 1 … life + i of all (past first, then forecast).
    let sum = 0;
    for (let j = i + 1; j <= life + i; j++) sum += all[j] ?? 0;
    const amort = sum / life;
    const net = e - amort;
    f.expense[i] = e;
    f.amortization[i] = amort;
    f.assetOpening[i] = open;
    open = open + e - amort;
    f.assetClosing[i] = open;
    f.netCapitalized[i] = net;
    f.adjustedEbit[i] = (p.ebit[i] ?? 0) + e - amort;
    f.adjustedNopat[i] = (p.nopat[i] ?? 0) + e - amort;
    const reinvestment = netReinvestment(p, i) + net;
    f.adjustedReinvestment[i] = reinvestment;
    if (ic) {
      ic.opening[i] = capital;
      ic.roic[i] = capital > 0 ? (f.adjustedNopat[i] ?? 0) / capital : null;
      capital = capital + reinvestment;
      ic.closing[i] = capital;
    }
  }
  f.investedCapital = ic;
  return { life, base: { vintages, asset, amortization, expense, ebit, adjustedEbit: ebit + expense - amortization }, forecast: f };
}

/** The capitalisation adjustments of a valuation, when the model has any. */
export interface Capitalization {
  researchAndDevelopment: ResearchAsset | null;
  operatingLeases: LeaseConversion | null;
}

export function capitalizationOf(
  c: { researchAndDevelopment?: ResearchInputs | null; operatingLeases?: LeaseConversion | null; openingInvestedCapital: number | null },
  p: Projection,
): Capitalization | null {
  const r = c.researchAndDevelopment ?? null;
  const l = c.operatingLeases ?? null;
  if (!r && !l) return null;
  return { researchAndDevelopment: r ? researchAsset(r, p, c.openingInvestedCapital) : null, operatingLeases: l };
}
