import type { Issue, MessageParams } from '../../../shared/errors.js';
import { AppError } from '../../../shared/errors.js';
import type { ValuationCase } from './case.js';
import { type DilutionResult, solveTreasuryStock, treasuryStockPrice } from './dilution.js';
import { type Projection, project } from './projections.js';
import { computeWacc, type WaccResult } from './wacc.js';

export type TerminalMethod = 'gordon' | 'exitMultiple';

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
  otherItems: { label: string; signedAmount: number }[];
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
}

export interface ImpliedMultiples {
  evToRevenueLtm: number | null;
  evToRevenueNtm: number | null;
  evToEbitdaLtm: number | null;
  evToEbitdaNtm: number | null;
  priceToEarningsLtm: number | null;
  /** The EV/EBITDA exit multiple whose terminal value has the Gordon value's present value. */
  gordonImpliedExitMultiple: number | null;
  /** The perpetual growth whose Gordon value has the exit-multiple value's present value. */
  exitImpliedGrowth: number | null;
}

export interface Valuation {
  scenario: string;
  projection: Projection;
  wacc: WaccResult;
  /** The rate used: WACC, or the rate a sensitivity pinned. */
  discountRate: number;
  terminalGrowth: number;
  exitMultiple: number;
  discountPeriods: number[];
  discountFactors: number[];
  presentValues: number[];
  sumOfPresentValues: number;
  bridge: BridgeResult;
  gordon: MethodValue;
  exitMultipleMethod: MethodValue;
  primary: TerminalMethod;
  enterpriseValue: number;
  equityValue: number;
  valuePerShare: number;
  dilutedShares: number;
  impliedMultiples: ImpliedMultiples;
}

export type InvalidReason = 'wacc_not_positive' | 'growth_not_below_wacc' | 'not_finite';
export type ValuationOutcome =
  | { ok: true; valuation: Valuation }
  /** `params` are the values the reader's message is built from (rates written as "9.00%"). */
  | { ok: false; reason: InvalidReason; message: string; params: MessageParams; discountRate: number };

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export interface Discounting {
  rate: number;
  periods: number[];
  factors: number[];
  presentValues: number[];
  sumOfPresentValues: number;
}

/** The forecast's free cash flows discounted at `rate`. */
export function discount(c: ValuationCase, projection: Projection, rate: number): Discounting {
  const n = c.years.length;
  const periods = discountPeriods(n, c.midYear);
  const factors = new Array<number>(n);
  const presentValues = new Array<number>(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const f = discountFactor(rate, periods[i] ?? 0);
    const pv = (projection.freeCashFlow[i] ?? 0) * f;
    factors[i] = f;
    presentValues[i] = pv;
    sum += pv;
  }
  return { rate, periods, factors, presentValues, sumOfPresentValues: sum };
}

/** Equity value minus enterprise value: cash − debt ± other items. */
export function bridgeAdjustment(c: ValuationCase): number {
  let other = 0;
  for (const item of c.otherBridgeItems) other += item.signedAmount;
  return c.cash - c.debt + other;
}

export function terminalValueOf(method: TerminalMethod, c: ValuationCase, projection: Projection, rate: number): number {
  const n = c.years.length;
  return method === 'gordon'
    ? gordonTerminalValue(projection.freeCashFlow[n - 1] ?? 0, c.terminalGrowth, rate)
    : (projection.ebitda[n - 1] ?? 0) * c.exitMultiple;
}

/** Why a case cannot be valued at `rate`, or null when it can. */
export function invalidAt(c: ValuationCase, rate: number): { reason: InvalidReason; message: string; params: MessageParams } | null {
  if (!(rate > 0)) return { reason: 'wacc_not_positive', message: `WACC must be above 0; it is ${rate}.`, params: { wacc: pct(rate) } };
  if (!(c.terminalGrowth < rate))
    return {
      reason: 'growth_not_below_wacc',
      message: `Terminal growth (${pct(c.terminalGrowth)}) must be below WACC (${pct(rate)}); otherwise the Gordon value is infinite or negative.`,
      params: { growth: pct(c.terminalGrowth), wacc: pct(rate) },
    };
  return null;
}

/** Enterprise value and value per share of one method: all a sensitivity grid cell needs. */
export function methodHeadline(
  c: ValuationCase,
  method: TerminalMethod,
  rate: number,
  projection: Projection,
  sumOfPresentValues: number,
  adjustment: number,
): { enterpriseValue: number; valuePerShare: number } {
  const tv = terminalValueOf(method, c, projection, rate);
  const enterpriseValue = sumOfPresentValues + tv * discountFactor(rate, terminalDiscountPeriod(method, c.years.length, c.midYear));
  return { enterpriseValue, valuePerShare: treasuryStockPrice(enterpriseValue + adjustment, c.shares) };
}

export function methodValue(
  c: ValuationCase,
  method: TerminalMethod,
  terminalValue: number,
  rate: number,
  sumOfPresentValues: number,
  adjustment: number,
): MethodValue {
  const period = terminalDiscountPeriod(method, c.years.length, c.midYear);
  const factor = discountFactor(rate, period);
  const pvTv = terminalValue * factor;
  const enterpriseValue = sumOfPresentValues + pvTv;
  const equityValue = enterpriseValue + adjustment;
  const dilution = solveTreasuryStock(equityValue, c.shares);
  return {
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
}

/** Values a case; never throws on the numbers — an impossible case comes back as `ok: false`. */
export function computeValuation(
  c: ValuationCase,
  projection: Projection = project(c),
  wacc: WaccResult = computeWacc(c.wacc),
): ValuationOutcome {
  const rate = c.waccOverride ?? wacc.wacc;
  const invalid = invalidAt(c, rate);
  if (invalid) return { ok: false, ...invalid, discountRate: rate };
  const n = c.years.length;
  const d = discount(c, projection, rate);
  const sumOfPresentValues = d.sumOfPresentValues;
  const lastFcf = projection.freeCashFlow[n - 1] ?? 0;
  const lastEbitda = projection.ebitda[n - 1] ?? 0;
  const adjustment = bridgeAdjustment(c);
  const gordon = methodValue(c, 'gordon', terminalValueOf('gordon', c, projection, rate), rate, sumOfPresentValues, adjustment);
  const exit = methodValue(c, 'exitMultiple', terminalValueOf('exitMultiple', c, projection, rate), rate, sumOfPresentValues, adjustment);
  const primary = c.terminalMethod === 'gordon' ? gordon : exit;
  const ev = primary.enterpriseValue;
  // Present-value equivalence: restate each terminal value at the other method's discount period.
  const gordonAsExitTv = gordon.presentValueOfTerminalValue / exit.terminalDiscountFactor;
  const exitAsGordonTv = exit.presentValueOfTerminalValue / gordon.terminalDiscountFactor;
  const valuation: Valuation = {
    scenario: c.scenario,
    projection,
    wacc,
    discountRate: rate,
    terminalGrowth: c.terminalGrowth,
    exitMultiple: c.exitMultiple,
    discountPeriods: d.periods,
    discountFactors: d.factors,
    presentValues: d.presentValues,
    sumOfPresentValues,
    bridge: { debt: c.debt, cash: c.cash, otherItems: c.otherBridgeItems, adjustment },
    gordon,
    exitMultipleMethod: exit,
    primary: c.terminalMethod,
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
      exitImpliedGrowth: exitAsGordonTv + lastFcf === 0 ? null : (exitAsGordonTv * rate - lastFcf) / (exitAsGordonTv + lastFcf),
    },
  };
  if (![ev, gordon.valuePerShare, exit.valuePerShare, gordon.enterpriseValue, exit.enterpriseValue].every(Number.isFinite))
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
    reason === 'growth_not_below_wacc'
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
  throw new AppError('invalid_input', `The model cannot be valued${where}: ${outcome.message}`, {
    reason: outcome.reason,
    params: outcome.params,
    issues: [issueFor(outcome.reason, outcome.message, outcome.params)],
  });
}
