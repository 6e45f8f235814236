import type {
  BookOrMarket,
  CapitalizationInputs,
  FailureInputs,
  FinancialModel,
  ScenarioOverrides,
} from '../../../shared/contracts/financial-model';

/**
 * Edits of the fourth slice's adjustments (docs/decisions/0010): R&D capitalised over a life,
 * operating leases converted to debt, a probability of failure with distress proceeds, and
 * minority interests and cross-holdings at book or market. Each switch returns a document the model
 * schema accepts (when the document it started from was accepted): switching off removes what the
 * schema refuses without the field (a scenario's change of the failure), switching on fills in
 * what the field needs.
 */

type Rnd = NonNullable<CapitalizationInputs['researchAndDevelopment']>;
type Leases = NonNullable<CapitalizationInputs['operatingLeases']>;
export type BridgeClaim = 'minorityInterests' | 'crossHoldings';

/** An optional number as the editor's fields give it: NaN (emptied) leaves the key out. */
const optional = (value: number): number | undefined => (Number.isNaN(value) ? undefined : value);

function omit<T extends object, K extends keyof T>(object: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...object };
  for (const key of keys) delete copy[key];
  return copy;
}

function put<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined): T {
  if (value === undefined) return omit(object, key) as T;
  return { ...object, [key]: value };
}

function withCapitalization(doc: FinancialModel, cap: CapitalizationInputs): FinancialModel {
  const empty = cap.researchAndDevelopment === undefined && cap.operatingLeases === undefined;
  return empty ? (omit(doc, 'capitalization') as FinancialModel) : { ...doc, capitalization: cap };
}

// ---------- R&D ----------

export const researchOn = (doc: FinancialModel): boolean => doc.capitalization?.researchAndDevelopment !== undefined;

/**
 * R&D capitalised, or expensed as reported. On: the life given and its life + 1 years of expense
 * (the given amount each year: the analyst types the real ones), forecast R&D the % of revenue given.
 */
export function setResearchOn(
  doc: FinancialModel,
  on: boolean,
  given: { life: number; expense: number; percentOfRevenue: number },
): FinancialModel {
  if (researchOn(doc) === on) return doc;
  const cap = doc.capitalization ?? {};
  if (!on) return withCapitalization(doc, omit(cap, 'researchAndDevelopment'));
  const rnd: Rnd = {
    life: given.life,
    expenses: Array.from({ length: given.life + 1 }, () => given.expense),
    percentOfRevenue: given.percentOfRevenue,
  };
  return withCapitalization(doc, { ...cap, researchAndDevelopment: rnd });
}

function withResearch(doc: FinancialModel, change: (r: Rnd) => Rnd): FinancialModel {
  const r = doc.capitalization?.researchAndDevelopment;
  if (!r) return doc;
  return withCapitalization(doc, { ...doc.capitalization, researchAndDevelopment: change(r) });
}

/** A new life keeps the latest years of expense (the last historical year last); older years added repeat the oldest. */
export const setResearchLife = (doc: FinancialModel, life: number): FinancialModel =>
  withResearch(doc, (r) => {
    const n = life + 1;
    const kept = r.expenses.slice(-n);
    const pad = Array.from({ length: n - kept.length }, () => kept[0] ?? 0);
    return { ...r, life, expenses: [...pad, ...kept] };
  });

export const setResearchExpense = (doc: FinancialModel, index: number, value: number): FinancialModel =>
  withResearch(doc, (r) => ({ ...r, expenses: r.expenses.map((x, i) => (i === index ? value : x)) }));

/** The year each past expense belongs to: the last historical year last. */
export function researchYears(doc: FinancialModel): number[] {
  const r = doc.capitalization?.researchAndDevelopment;
  const last = doc.historicals.at(-1)?.year ?? (doc.forecast.years[0] ?? 1) - 1;
  return (r?.expenses ?? []).map((_, i, all) => last - (all.length - 1 - i));
}

/** One forecast % of revenue for every year, or one per year (the single one repeated, or the first year's kept). */
export const setResearchPercentPerYear = (doc: FinancialModel, perYear: boolean): FinancialModel =>
  withResearch(doc, (r) => {
    const p = r.percentOfRevenue;
    if (Array.isArray(p) === perYear) return r;
    return { ...r, percentOfRevenue: Array.isArray(p) ? (p[0] ?? 0) : doc.forecast.years.map(() => p ?? 0) };
  });

/** Sets the forecast % of revenue: the single one (index null; emptied, 0) or one year's. */
export const setResearchPercent = (doc: FinancialModel, index: number | null, value: number): FinancialModel =>
  withResearch(doc, (r) => {
    const p = r.percentOfRevenue;
    if (Array.isArray(p)) return { ...r, percentOfRevenue: p.map((x, i) => (i === index ? value : x)) };
    return put(r, 'percentOfRevenue', optional(value));
  });

// ---------- operating leases ----------

export const leasesOn = (doc: FinancialModel): boolean => doc.capitalization?.operatingLeases !== undefined;

/** The model discounts leases at the CAPM WACC's pre-tax cost of debt unless it states its own; a direct WACC has none. */
export const leasesNeedRate = (doc: FinancialModel): boolean => doc.wacc.method === 'direct' || !(doc.wacc.preTaxCostOfDebt > 0);

/**
 * Operating leases converted to debt, or left as operating expense. On: the lease expense given,
 * five years of commitments at that expense, nothing beyond; the rate given is stated only when the
 * model has no CAPM cost of debt to use.
 */
export function setLeasesOn(doc: FinancialModel, on: boolean, given: { currentExpense: number; preTaxCostOfDebt: number }): FinancialModel {
  if (leasesOn(doc) === on) return doc;
  const cap = doc.capitalization ?? {};
  if (!on) return withCapitalization(doc, omit(cap, 'operatingLeases'));
  const leases: Leases = {
    currentExpense: given.currentExpense,
    commitments: Array.from({ length: 5 }, () => given.currentExpense),
    beyond: 0,
    ...(leasesNeedRate(doc) && { preTaxCostOfDebt: given.preTaxCostOfDebt }),
  };
  return withCapitalization(doc, { ...cap, operatingLeases: leases });
}

function withLeases(doc: FinancialModel, change: (l: Leases) => Leases): FinancialModel {
  const l = doc.capitalization?.operatingLeases;
  if (!l) return doc;
  return withCapitalization(doc, { ...doc.capitalization, operatingLeases: change(l) });
}

/** How many years of commitments are listed (1–10): the last one repeats when years are added. */
export const setLeaseYears = (doc: FinancialModel, years: number): FinancialModel =>
  withLeases(doc, (l) => {
    const kept = l.commitments.slice(0, years);
    const pad = Array.from({ length: years - kept.length }, () => kept.at(-1) ?? 0);
    return { ...l, commitments: [...kept, ...pad] };
  });

export const setLeaseCommitment = (doc: FinancialModel, index: number, value: number): FinancialModel =>
  withLeases(doc, (l) => ({ ...l, commitments: l.commitments.map((x, i) => (i === index ? value : x)) }));

export type LeaseField = 'currentExpense' | 'beyond' | 'beyondYears' | 'preTaxCostOfDebt';
const optionalLeaseFields: ReadonlySet<LeaseField> = new Set(['beyondYears', 'preTaxCostOfDebt']);

/** Sets a field; emptied, an optional one goes (the lump sum's years from the average commitment, the CAPM cost of debt). */
export const setLeaseField = (doc: FinancialModel, field: LeaseField, value: number): FinancialModel =>
  withLeases(doc, (l) => (optionalLeaseFields.has(field) ? put(l, field, optional(value)) : { ...l, [field]: value }));

// ---------- probability of failure ----------

export const failureOn = (doc: FinancialModel): boolean => doc.valuation.failure !== undefined;

/** A book value of capital can be left to the last historical balance sheet's debt + equity. */
export const hasBalanceSheet = (doc: FinancialModel): boolean => doc.historicals.at(-1)?.balanceSheet !== undefined;

const withFailure = (doc: FinancialModel, failure: FailureInputs | undefined): FinancialModel => ({
  ...doc,
  valuation: put(doc.valuation, 'failure', failure),
});

/**
 * A probability of failure weighting the going-concern value, or none. On: the probability and
 * proceeds given, a percentage of the book value of capital (the last balance sheet's) when the
 * model has one, else of the going-concern value. Off: every scenario's change of it goes too.
 */
export function setFailureOn(doc: FinancialModel, on: boolean, given: { probability: number; proceedsPercent: number }): FinancialModel {
  if (failureOn(doc) === on) return doc;
  if (on)
    return withFailure(doc, {
      probability: given.probability,
      proceedsBasis: hasBalanceSheet(doc) ? 'bookValue' : 'fairValue',
      proceedsPercent: given.proceedsPercent,
    });
  const off = withFailure(doc, undefined);
  return {
    ...off,
    scenarios: off.scenarios.map((s) => (s.overrides.failure ? { ...s, overrides: omit(s.overrides, 'failure') as ScenarioOverrides } : s)),
  };
}

/** The distress proceeds as a percentage of book value (with its own book value of capital when stated) or of the going-concern value. */
export function setProceedsBasis(
  doc: FinancialModel,
  basis: FailureInputs['proceedsBasis'],
  given: { bookValueOfCapital: number },
): FinancialModel {
  const f = doc.valuation.failure;
  if (!f || f.proceedsBasis === basis) return doc;
  if (basis === 'fairValue') return withFailure(doc, { ...omit(f, 'bookValueOfCapital'), proceedsBasis: basis });
  return withFailure(doc, {
    ...f,
    proceedsBasis: basis,
    ...(!hasBalanceSheet(doc) && { bookValueOfCapital: given.bookValueOfCapital }),
  });
}

/** The book value of capital; emptied: the last balance sheet's debt + equity. */
export function setBookValueOfCapital(doc: FinancialModel, value: number): FinancialModel {
  const f = doc.valuation.failure;
  if (f?.proceedsBasis !== 'bookValue') return doc;
  return withFailure(doc, put(f, 'bookValueOfCapital', optional(value)));
}

export type FailureCaseField = 'probability' | 'proceedsPercent';

const sameValue = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && Number.parseFloat(a.toPrecision(12)) === Number.parseFloat(b.toPrecision(12));

/** The probability or the proceeds' percentage as the case sees it, and whether the case changes the base case's. */
export function failureCaseValue(doc: FinancialModel, scenario: string, field: FailureCaseField): { value: number; overridden: boolean } {
  const base = doc.valuation.failure?.[field];
  const own = doc.scenarios.find((s) => s.name === scenario)?.overrides.failure?.[field];
  return { value: own ?? base ?? Number.NaN, overridden: own !== undefined && !sameValue(own, base) };
}

/** Sets it in the base case, or as the scenario's change (emptied or equal to the base case: the scenario follows the base case). */
export function setFailureCaseValue(doc: FinancialModel, scenario: string, field: FailureCaseField, value: number): FinancialModel {
  const f = doc.valuation.failure;
  if (!f) return doc;
  if (scenario === 'base') return withFailure(doc, { ...f, [field]: value });
  const v = Number.isNaN(value) || sameValue(value, f[field]) ? undefined : value;
  return {
    ...doc,
    scenarios: doc.scenarios.map((s) => {
      if (s.name !== scenario) return s;
      const failure = put(s.overrides.failure ?? {}, field, v);
      const overrides: ScenarioOverrides = Object.keys(failure).length > 0 ? { ...s.overrides, failure } : omit(s.overrides, 'failure');
      return { ...s, overrides };
    }),
  };
}

// ---------- minority interests and cross-holdings ----------

export const claimOn = (doc: FinancialModel, claim: BridgeClaim): boolean => doc.bridge[claim] !== undefined;

/** Minority interests (deducted) or cross-holdings (added) on their own line, at book value to start with. */
export function setClaimOn(doc: FinancialModel, claim: BridgeClaim, on: boolean, given: { amount: number }): FinancialModel {
  if (claimOn(doc, claim) === on) return doc;
  const claimValue: BookOrMarket | undefined = on ? { amount: given.amount, valuedAt: 'book' } : undefined;
  return { ...doc, bridge: put(doc.bridge, claim, claimValue) };
}

function withClaim(doc: FinancialModel, claim: BridgeClaim, change: (c: BookOrMarket) => BookOrMarket): FinancialModel {
  const c = doc.bridge[claim];
  if (!c) return doc;
  return { ...doc, bridge: { ...doc.bridge, [claim]: change(c) } };
}

export const setClaimAmount = (doc: FinancialModel, claim: BridgeClaim, amount: number): FinancialModel =>
  withClaim(doc, claim, (c) => ({ ...c, amount }));

/** At book (scaled by an optional price-to-book) or at market (as given: the price-to-book goes). */
export const setClaimValuedAt = (doc: FinancialModel, claim: BridgeClaim, valuedAt: BookOrMarket['valuedAt']): FinancialModel =>
  withClaim(doc, claim, (c) => (valuedAt === 'market' ? { ...omit(c, 'priceToBook'), valuedAt } : { ...c, valuedAt }));

/** The price-to-book ratio of a claim at book; emptied: 1 (the book value as is). */
export const setClaimPriceToBook = (doc: FinancialModel, claim: BridgeClaim, value: number): FinancialModel =>
  withClaim(doc, claim, (c) => (c.valuedAt === 'book' ? put(c, 'priceToBook', optional(value)) : c));
