import type { Issue, MessageParams } from '../../../shared/errors.js';
import { AppError } from '../../../shared/errors.js';
import type { TerminalMethod } from '../../../shared/terminal-method.js';
import {
  type AdjustmentItemKind,
  type Capitalization,
  capitalizationOf,
  type FailureValue,
  failureValue,
  operatingAssetsValue,
} from './adjustments.js';
import type { ValuationCase } from './case.js';
import { type CostOfCapital, costOfCapitalOf } from './cost-of-capital.js';
import { type DilutionResult, solveTreasuryStock, treasuryStockPrice } from './dilution.js';
import { costLineIssues } from './lines-checks.js';
import { type Projection, project } from './projections.js';
import type { WaccResult } from './wacc.js';

/** Discount periods in years from the valuation date: mid-year puts each year's cash flow at its middle. */
export function discountPeriods(years: number, midYear: boolean): number[] {
  const periods = new Array<number>(years);
  for (let i = 0; i < years; i++) periods[i] = i + 1 - (midYear ? 0.5 : 0);
  return periods;
}

export function discountFactor(rate: number, period: number): number {
  return 1 / (1 + rate) ** period;
}

/** Gordon growth: the value at the end of the last year of cash flows growing at g for ever. */
export function gordonTerminalValue(lastFreeCashFlow: number, growth: number, rate: number): number {
  return (lastFreeCashFlow * (1 + growth)) / (rate - growth);
}

/**
 * When a terminal value is discounted. With the mid-year convention the Gordon value, built from
 * cash flows that arrive through the year, is discounted half a year earlier; the exit multiple is
 * a price at the end of the last year and is not (Rosenbaum & Pearl, "Investment Banking", ch. 3).
 */
export function terminalDiscountPeriod(method: TerminalMethod, years: number, midYear: boolean): number {
  return method === 'gordon' && midYear ? years - 0.5 : years;
}

export interface BridgeResult {
  debt: number;
  cash: number;
  /** The model's other items, then minority interests, cross-holdings and lease debt (with their `kind`). */
  otherItems: { label: string; signedAmount: number; kind?: AdjustmentItemKind }[];
  /** Equity value minus enterprise value: cash − debt ± other items. */
  adjustment: number;
}

export interface MethodValue {
  method: TerminalMethod;
  terminalValue: number;
  terminalDiscountPeriod: number;
  terminalDiscountFactor: number;
  presentValueOfTerminalValue: number;
  enterpriseValue: number;
  /** Present value of the terminal value over enterprise value; null when EV is 0. */
  terminalValueShare: number | null;
  equityValue: number;
  dilution: DilutionResult;
  valuePerShare: number;
  /**
   * With a probability of failure (valuation.failure): the enterprise value above is the going-concern
   * value, and the equity value starts from the failure-weighted value of the operating assets.
   */
  failure?: FailureValue;
}

export interface ImpliedMultiples {
  evToRevenueLtm: number | null;
  evToRevenueNtm: number | null;
  evToEbitdaLtm: number | null;
  evToEbitdaNtm: number | null;
  priceToEarningsLtm: number | null;
  /** The EV/EBITDA exit multiple whose terminal value has the Gordon value's present value. */
  gordonImpliedExitMultiple: number | null;
  /** The perpetual growth whose Gordon value has the exit-multiple value's present value; null without an exit multiple. */
  exitImpliedGrowth: number | null;
}

/** The value-driver terminal value's terminal year (the first year after the forecast). */
export interface ValueDriverTerminal {
  revenueGrowth: number;
  revenue: number;
  operatingMargin: number;
  ebit: number;
  taxRate: number;
  nopat: number;
  ronic: number;
  /** g / RONIC: the share of NOPAT reinvested to grow at g. */
  reinvestmentRate: number;
  reinvestment: number;
  freeCashFlow: number;
  /** The last forecast year's net investment over NOPAT: (capex − D&A + ΔNWC, or the sales-to-capital reinvestment) / NOPAT; null when NOPAT ≤ 0. */
  lastYearReinvestmentRate: number | null;
  /** The last forecast year's revenue growth over its reinvestment rate; null when that rate is not positive. */
  lastYearImpliedRonic: number | null;
}

export interface Valuation {
  scenario: string;
  projection: Projection;
  wacc: WaccResult;
  /** The rate used: WACC (the first forecast year's when it changes by year), or the rate a sensitivity pinned. */
  discountRate: number;
  /** WACC of each forecast year and of the terminal value. */
  costOfCapital: { rates: number[]; terminal: number; byYear: boolean; years: WaccResult[] | null; terminalWacc: WaccResult | null };
  /** The value-driver terminal year, when the model uses it (the "gordon" method then is the value-driver formula). */
  valueDriver: ValueDriverTerminal | null;
  terminalGrowth: number;
  /** Null when the model gives no exit multiple. */
  exitMultiple: number | null;
  discountPeriods: number[];
  discountFactors: number[];
  presentValues: number[];
  sumOfPresentValues: number;
  bridge: BridgeResult;
  gordon: MethodValue;
  /** Null when the model gives no exit multiple (the primary method is then "gordon"). */
  exitMultipleMethod: MethodValue | null;
  primary: TerminalMethod;
  enterpriseValue: number;
  equityValue: number;
  valuePerShare: number;
  dilutedShares: number;
  impliedMultiples: ImpliedMultiples;
  /** The headline method's failure weighting, when the model has a probability of failure. */
  failure?: FailureValue;
  /** R&D capitalised and operating leases converted, when the model has capitalization. */
  capitalization?: Capitalization;
}

export type { TerminalMethod } from '../../../shared/terminal-method.js';
export { headlineMethodValue, methodValueOf } from '../../../shared/terminal-method.js';

/**
 * Why a case cannot be valued. Terminal growth at or above the limit the terminal value divides by
 * has one reason per limit, so the reader is told which one: WACC (one rate), the terminal cost of
 * capital (a path or a stated terminal rate) or RONIC (the value-driver formula).
 */
export type InvalidReason =
  | 'wacc_not_positive'
  | 'growth_not_below_wacc'
  | 'growth_not_below_terminal_cost_of_capital'
  | 'growth_not_below_ronic'
  | 'not_finite';

/** The reasons that say terminal growth reaches a limit (the terminal-growth check's failure). */
export const growthLimitReasons: ReadonlySet<InvalidReason> = new Set([
  'growth_not_below_wacc',
  'growth_not_below_terminal_cost_of_capital',
  'growth_not_below_ronic',
]);
export type ValuationOutcome =
  | { ok: true; valuation: Valuation }
  /** `params` are the values the reader's message is built from (rates written as "9.00%"). */
  | { ok: false; reason: InvalidReason; message: string; params: MessageParams; discountRate: number };

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export interface Discounting {
  rate: number;
  periods: number[];
  factors: number[];
  /** Discount factors at each year's end (the exit multiple's, and the Gordon value's without the mid-year convention). */
  endFactors: number[];
  presentValues: number[];
  sumOfPresentValues: number;
}

/**
 * Discount factors of the forecast years. One rate: 1/(1 + WACC)^t (t − ½ mid-year). Rates by
 * year: cumulated, Eₜ = Eₜ₋₁/(1 + WACCₜ) at each year's end, and the year's cash flow at
 * Eₜ₋₁/(1 + WACCₜ)^(1 − ½) with the mid-year convention.
 */
export function discountFactors(c: ValuationCase, cc: CostOfCapital): { factors: number[]; endFactors: number[] } {
  const n = c.years.length;
  const factors = new Array<number>(n);
  const endFactors = new Array<number>(n);
  if (!cc.byYear) {
    const rate = cc.rates[0] ?? 0;
    const periods = discountPeriods(n, c.midYear);
    for (let i = 0; i < n; i++) {
      factors[i] = discountFactor(rate, periods[i] ?? 0);
      endFactors[i] = discountFactor(rate, i + 1);
    }
    return { factors, endFactors };
  }
  let end = 1;
  for (let i = 0; i < n; i++) {
    const r = cc.rates[i] ?? 0;
    factors[i] = end / (1 + r) ** (1 - 0.5 * (c.midYear ? 1 : 0));
    end = end / (1 + r);
    endFactors[i] = end;
  }
  return { factors, endFactors };
}

/** The forecast's free cash flows discounted at the case's cost of capital. */
export function discount(c: ValuationCase, projection: Projection, cc: CostOfCapital): Discounting {
  const n = c.years.length;
  const rate = cc.rates[0] ?? 0;
  const periods = discountPeriods(n, c.midYear);
  const { factors: dfs, endFactors } = discountFactors(c, cc);
  const factors = new Array<number>(n);
  const presentValues = new Array<number>(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const f = dfs[i] ?? 0;
    const pv = (projection.freeCashFlow[i] ?? 0) * f;
    factors[i] = f;
    presentValues[i] = pv;
    sum += pv;
  }
  return { rate, periods, factors, endFactors, presentValues, sumOfPresentValues: sum };
}

/** Equity value minus enterprise value: cash − debt ± other items. */
export function bridgeAdjustment(c: ValuationCase): number {
  let other = 0;
  for (const item of c.otherBridgeItems) other += item.signedAmount;
  return c.cash - c.debt + other;
}

/**
 * The value-driver terminal year (McKinsey, "Valuation", continuing value):
 * NOPATₙ₊₁ = revenueₙ · (1 + growth) · operating margin · (1 − marginal tax rate), reinvestment
 * rate g / RONIC, TV = NOPATₙ₊₁ · (1 − g / RONIC) / (WACC_terminal − g).
 */
export function valueDriverTerminal(c: ValuationCase, projection: Projection, cc: CostOfCapital): ValueDriverTerminal | null {
  const vd = c.valueDriver;
  if (!vd) return null;
  const n = c.years.length;
  const g = c.terminalGrowth;
  const revenueGrowth = vd.revenueGrowth ?? g;
  const revenue = (projection.revenue[n - 1] ?? 0) * (1 + revenueGrowth);
  const ebit = revenue * vd.operatingMargin;
  const nopat = ebit * (1 - vd.taxRate);
  const ronic = vd.ronic ?? cc.terminal;
  const reinvestmentRate = g / ronic;
  const reinvestment = nopat * reinvestmentRate;
  const lastNopat = projection.nopat[n - 1] ?? 0;
  const lastNet =
    projection.salesToCapital?.reinvestment[n - 1] ??
    (projection.capex[n - 1] ?? 0) - (projection.depreciation[n - 1] ?? 0) + (projection.changeInNetWorkingCapital[n - 1] ?? 0);
  const lastRate = lastNopat > 0 ? lastNet / lastNopat : null;
  const lastGrowth = c.drivers.revenueGrowth[n - 1] ?? 0;
  return {
    revenueGrowth,
    revenue,
    operatingMargin: vd.operatingMargin,
    ebit,
    taxRate: vd.taxRate,
    nopat,
    ronic,
    reinvestmentRate,
    reinvestment,
    freeCashFlow: nopat - reinvestment,
    lastYearReinvestmentRate: lastRate,
    lastYearImpliedRonic: lastRate !== null && lastRate > 0 ? lastGrowth / lastRate : null,
  };
}

/** The terminal value of a method; the exit multiple's is NaN when the model gives none (callers check c.exitMultiple first). */
export function terminalValueOf(method: TerminalMethod, c: ValuationCase, projection: Projection, cc: CostOfCapital): number {
  const n = c.years.length;
  if (method === 'exitMultiple') return (projection.ebitda[n - 1] ?? 0) * (c.exitMultiple ?? Number.NaN);
  const vd = valueDriverTerminal(c, projection, cc);
  if (vd) return (vd.nopat * (1 - c.terminalGrowth / vd.ronic)) / (cc.terminal - c.terminalGrowth);
  return gordonTerminalValue(projection.freeCashFlow[n - 1] ?? 0, c.terminalGrowth, cc.terminal);
}

/** The factor a terminal value is discounted with (see terminalDiscountPeriod). */
export function terminalFactor(
  method: TerminalMethod,
  c: ValuationCase,
  cc: CostOfCapital,
  d?: { factors: number[]; endFactors: number[] },
): number {
  const n = c.years.length;
  if (!cc.byYear) return discountFactor(cc.rates[0] ?? 0, terminalDiscountPeriod(method, n, c.midYear));
  const f = d ?? discountFactors(c, cc);
  return (method === 'gordon' && c.midYear ? f.factors[n - 1] : f.endFactors[n - 1]) ?? 0;
}

/** Why a case cannot be valued at its cost of capital, or null when it can. */
export function invalidAt(c: ValuationCase, cc: CostOfCapital): { reason: InvalidReason; message: string; params: MessageParams } | null {
  const notPositive = cc.rates.findIndex((r) => !(r > 0));
  if (notPositive >= 0) {
    const rate = cc.rates[notPositive] ?? 0;
    const year = cc.byYear ? ` in ${c.years[notPositive] ?? ''}` : '';
    return { reason: 'wacc_not_positive', message: `WACC must be above 0; it is ${rate}${year}.`, params: { wacc: pct(rate) } };
  }
  const rate = cc.terminal;
  if (!(rate > 0))
    return {
      reason: 'wacc_not_positive',
      message: `The terminal cost of capital must be above 0; it is ${rate}.`,
      params: { wacc: pct(rate) },
    };
  if (!(c.terminalGrowth < rate))
    return cc.byYear
      ? {
          reason: 'growth_not_below_terminal_cost_of_capital',
          message: `Terminal growth (${pct(c.terminalGrowth)}) must be below the terminal cost of capital (${pct(rate)}); otherwise the Gordon value is infinite or negative.`,
          params: { growth: pct(c.terminalGrowth), costOfCapital: pct(rate) },
        }
      : {
          reason: 'growth_not_below_wacc',
          message: `Terminal growth (${pct(c.terminalGrowth)}) must be below WACC (${pct(rate)}); otherwise the Gordon value is infinite or negative.`,
          params: { growth: pct(c.terminalGrowth), wacc: pct(rate) },
        };
  const ronic = c.valueDriver?.ronic;
  if (ronic !== undefined && ronic !== null && !(c.terminalGrowth < ronic))
    return {
      reason: 'growth_not_below_ronic',
      message: `Terminal growth (${pct(c.terminalGrowth)}) must be below RONIC (${pct(ronic)}); otherwise growth needs more than all of NOPAT.`,
      params: { growth: pct(c.terminalGrowth), ronic: pct(ronic) },
    };
  return null;
}

/** Enterprise value and value per share of one method: all a sensitivity grid cell needs. */
export function methodHeadline(
  c: ValuationCase,
  method: TerminalMethod,
  cc: CostOfCapital,
  projection: Projection,
  d: Discounting,
  adjustment: number,
): { enterpriseValue: number; valuePerShare: number } {
  const tv = terminalValueOf(method, c, projection, cc);
  const enterpriseValue = d.sumOfPresentValues + tv * terminalFactor(method, c, cc, d);
  const operating = c.failure ? operatingAssetsValue(enterpriseValue, c.failure) : enterpriseValue;
  return { enterpriseValue, valuePerShare: treasuryStockPrice(operating + adjustment, c.shares) };
}

export function methodValue(
  c: ValuationCase,
  method: TerminalMethod,
  terminalValue: number,
  cc: CostOfCapital,
  d: Discounting,
  adjustment: number,
): MethodValue {
  const sumOfPresentValues = d.sumOfPresentValues;
  const period = terminalDiscountPeriod(method, c.years.length, c.midYear);
  const factor = terminalFactor(method, c, cc, d);
  const pvTv = terminalValue * factor;
  const enterpriseValue = sumOfPresentValues + pvTv;
  const failure = c.failure ? failureValue(enterpriseValue, c.failure) : null;
  const equityValue = (failure ? failure.value : enterpriseValue) + adjustment;
  const dilution = solveTreasuryStock(equityValue, c.shares);
  const out: MethodValue = {
    method,
    terminalValue,
    terminalDiscountPeriod: period,
    terminalDiscountFactor: factor,
    presentValueOfTerminalValue: pvTv,
    enterpriseValue,
    terminalValueShare: enterpriseValue === 0 ? null : pvTv / enterpriseValue,
    equityValue,
    dilution,
    valuePerShare: dilution.pricePerShare,
  };
  if (failure) out.failure = failure;
  return out;
}

/** Values a case; never throws on the numbers — an impossible case comes back as `ok: false`. */
export function computeValuation(c: ValuationCase, projection: Projection = project(c)): ValuationOutcome {
  const cc = costOfCapitalOf(c);
  const wacc = cc.years[0] as WaccResult;
  const rate = cc.rates[0] ?? 0;
  const invalid = invalidAt(c, cc);
  if (invalid) return { ok: false, ...invalid, discountRate: growthLimitReasons.has(invalid.reason) ? cc.terminal : rate };
  const n = c.years.length;
  const d = discount(c, projection, cc);
  const sumOfPresentValues = d.sumOfPresentValues;
  const lastFcf = projection.freeCashFlow[n - 1] ?? 0;
  const lastEbitda = projection.ebitda[n - 1] ?? 0;
  const adjustment = bridgeAdjustment(c);
  const gordon = methodValue(c, 'gordon', terminalValueOf('gordon', c, projection, cc), cc, d, adjustment);
  const exit =
    c.exitMultiple === null ? null : methodValue(c, 'exitMultiple', terminalValueOf('exitMultiple', c, projection, cc), cc, d, adjustment);
  const valueDriver = valueDriverTerminal(c, projection, cc);
  // The contract refuses the exit-multiple method without a multiple; a case built by hand falls back to Gordon.
  const primary = c.terminalMethod === 'exitMultiple' && exit ? exit : gordon;
  const ev = primary.enterpriseValue;
  // Present-value equivalence: restate each terminal value at the other method's discount period.
  const exitFactor = exit ? exit.terminalDiscountFactor : terminalFactor('exitMultiple', c, cc, d);
  const gordonAsExitTv = gordon.presentValueOfTerminalValue / exitFactor;
  const exitAsGordonTv = exit ? exit.presentValueOfTerminalValue / gordon.terminalDiscountFactor : null;
  const valuation: Valuation = {
    scenario: c.scenario,
    projection,
    wacc,
    discountRate: rate,
    costOfCapital: cc.byYear
      ? { rates: cc.rates, terminal: cc.terminal, byYear: true, years: cc.years, terminalWacc: cc.terminalWacc }
      : { rates: cc.rates, terminal: cc.terminal, byYear: false, years: null, terminalWacc: null },
    valueDriver,
    terminalGrowth: c.terminalGrowth,
    exitMultiple: c.exitMultiple,
    discountPeriods: d.periods,
    discountFactors: d.factors,
    presentValues: d.presentValues,
    sumOfPresentValues,
    bridge: { debt: c.debt, cash: c.cash, otherItems: c.otherBridgeItems, adjustment },
    gordon,
    exitMultipleMethod: exit,
    primary: primary.method,
    enterpriseValue: ev,
    equityValue: primary.equityValue,
    valuePerShare: primary.valuePerShare,
    dilutedShares: primary.dilution.dilutedShares,
    impliedMultiples: {
      evToRevenueLtm: ratio(ev, c.baseRevenue),
      evToRevenueNtm: ratio(ev, projection.revenue[0] ?? 0),
      evToEbitdaLtm: ratio(ev, c.baseEbitda),
      evToEbitdaNtm: ratio(ev, projection.ebitda[0] ?? 0),
      priceToEarningsLtm: c.baseNetIncome === null ? null : ratio(primary.equityValue, c.baseNetIncome),
      gordonImpliedExitMultiple: ratio(gordonAsExitTv, lastEbitda),
      exitImpliedGrowth:
        exitAsGordonTv === null || exitAsGordonTv + lastFcf === 0
          ? null
          : (exitAsGordonTv * cc.terminal - lastFcf) / (exitAsGordonTv + lastFcf),
    },
  };
  if (primary.failure) valuation.failure = primary.failure;
  const capitalization = capitalizationOf(c, projection);
  if (capitalization) valuation.capitalization = capitalization;
  const exitFigures = exit ? [exit.valuePerShare, exit.enterpriseValue] : [];
  if (![ev, gordon.valuePerShare, gordon.enterpriseValue, ...exitFigures, ...d.factors].every(Number.isFinite))
    return {
      ok: false,
      reason: 'not_finite',
      message: 'The inputs produce a value too large to represent.',
      params: {},
      discountRate: rate,
    };
  return { ok: true, valuation };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

/** Where an invalid outcome points in the model document. */
function issueFor(reason: InvalidReason, message: string, params: MessageParams): Issue {
  const path =
    reason === 'growth_not_below_ronic'
      ? ['valuation', 'terminalValue', 'valueDriver', 'ronic']
      : growthLimitReasons.has(reason)
        ? ['valuation', 'terminalValue', 'growthRate']
        : reason === 'wacc_not_positive'
          ? ['wacc']
          : ['forecast'];
  return { path, code: reason, message, params };
}

/** Values a case, throwing `invalid_input` when the case cannot be valued. */
export function valueCase(c: ValuationCase, projection?: Projection): Valuation {
  const outcome = computeValuation(c, projection);
  if (outcome.ok) return outcome.valuation;
  const where = c.scenario === 'base' ? '' : ` (scenario ${c.scenario})`;
  // An operating-cost line that cannot be computed (forecast.lines) is named with its year.
  const lineIssues = outcome.reason === 'not_finite' ? costLineIssues(c) : [];
  throw new AppError('invalid_input', `The model cannot be valued${where}: ${outcome.message}`, {
    reason: outcome.reason,
    params: outcome.params,
    issues: lineIssues.length > 0 ? lineIssues : [issueFor(outcome.reason, outcome.message, outcome.params)],
  });
}
