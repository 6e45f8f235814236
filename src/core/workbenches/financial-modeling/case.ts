import {
  type CapmPathKey,
  type FinancialModel,
  type ForecastDriverKey,
  forecastDriverKeys,
  type HistoricalYear,
  type InputId,
  type InputPath,
  unitScale,
  type WaccInputs,
} from '../../../shared/contracts/financial-model.js';
import { AppError } from '../../../shared/errors.js';
import {
  type AdjustmentItemKind,
  adjustmentBridgeItems,
  type FailureCase,
  failureOf,
  type LeaseConversion,
  leaseConversion,
  type ResearchInputs,
  researchInputsOf,
} from './adjustments.js';
import { type OptionGrant, type ShareBase, sortTranches } from './dilution.js';
import { type CaseCustom, customOf, segmentGrowthOf, shiftSegmentVolumes } from './lines.js';

/**
 * One case of a model — the base case or a scenario — reduced to the numbers the engine needs.
 * Sensitivities and tornado charts vary a case, never the model document.
 */
export interface ValuationCase {
  scenario: string;
  baseYear: number;
  years: number[];
  baseRevenue: number;
  baseEbitda: number;
  baseNetIncome: number | null;
  baseNetWorkingCapital: number;
  drivers: Record<ForecastDriverKey, number[]>;
  wacc: WaccInputs;
  /** Set when a sensitivity pins WACC itself. */
  waccOverride: number | null;
  terminalMethod: 'gordon' | 'exitMultiple';
  terminalGrowth: number;
  /** Null when the model gives no exit multiple: the exit-multiple figures are then not computed. */
  exitMultiple: number | null;
  midYear: boolean;
  debt: number;
  cash: number;
  /**
   * Other bridge items, signed: + adds to equity value, − deducts. The model's own items first, then
   * (fourth slice) minority interests, cross-holdings and lease debt, each with its `kind`.
   */
  otherBridgeItems: { label: string; signedAmount: number; kind?: AdjustmentItemKind }[];
  shares: ShareBase;
  /** Inputs of the WACC that change by year (wacc.byYear); null: one WACC for every year. */
  waccByYear: WaccByYear | null;
  /** The terminal cost of capital when the model states it (valuation.terminalValue.costOfCapital). */
  terminalCostOfCapital: number | null;
  /** The value-driver terminal value's terminal year, when the model uses it. */
  valueDriver: ValueDriverInputs | null;
  /** Opening balance of tax losses carried forward; null: losses are taxed negatively (no loss rule). */
  lossCarryForward: { openingBalance: number } | null;
  /** Reinvestment from the sales-to-capital ratio (one ratio per forecast year); null: capex and NWC as % of revenue. */
  salesToCapital: { ratios: number[]; lag: number } | null;
  /** Invested capital at the start of the forecast; null: invested capital and ROIC are not shown. */
  openingInvestedCapital: number | null;
  /**
   * A model based on EBIT: the operating margin by year (EBIT = revenue · margin, EBITDA = EBIT + D&A);
   * null: EBITDA margin drives the model. The `ebitdaMargin` input of a sensitivity moves it.
   */
  operatingMargin: number[] | null;
  /**
   * The levers the driver paths come from (forecast.levers, with the scenario's changes), when the
   * model has any: `drivers` (and `operatingMargin`) hold their expanded paths, which follow the
   * levers and, for revenue growth, the terminal growth rate (see applyLevers).
   */
  levers?: CaseLevers;
  /**
   * Segments and custom lines (forecast.segments, forecast.lines), when the model has any. With
   * segments, `drivers.revenueGrowth` holds the growth their revenue implies (the projection takes
   * revenue from the segments themselves).
   */
  custom?: CaseCustom;
  /** A probability of failure weighting the going-concern value (valuation.failure); absent: none. */
  failure?: FailureCase | null;
  /** R&D capitalised (capitalization.researchAndDevelopment): an overlay that leaves free cash flow unchanged. */
  researchAndDevelopment?: ResearchInputs | null;
  /** Operating leases converted to debt (capitalization.operatingLeases); the debt is a bridge item. */
  operatingLeases?: LeaseConversion | null;
}

export interface CaseLevers {
  /** `fadeTo`: the case's terminal growth rate, fixed when the case is resolved (a sensitivity on terminal growth holds the forecast). */
  revenueGrowth?: { firstYear: number; years2To5: number; fadeTo: number };
  /** The margin lever drives the EBITDA margin, or the operating margin of a model based on EBIT. */
  margin?: { key: 'ebitdaMargin' | 'operatingMargin'; firstYear: number; target: number; targetYear: number };
  taxRate?: { effective: number; marginal: number; effectiveUntilYear: number; marginalFromYear: number };
}

export type WaccByYear = Partial<Record<CapmPathKey | 'rate', InputPath>>;

export interface ValueDriverInputs {
  /** Revenue growth into the terminal year; null: the terminal growth rate. */
  revenueGrowth: number | null;
  operatingMargin: number;
  taxRate: number;
  /** Null: the terminal cost of capital. */
  ronic: number | null;
}

export function ebitdaOf(y: HistoricalYear): number {
  return y.incomeStatement.operatingIncome + y.incomeStatement.depreciationAmortization;
}

/** Operating net working capital: receivables + inventories + other current assets − payables − other current liabilities. */
export function netWorkingCapitalOf(y: HistoricalYear): number | null {
  const b = y.balanceSheet;
  if (!b) return null;
  return b.receivables + b.inventories + b.otherCurrentAssets - b.payables - b.otherCurrentLiabilities;
}

function lastOf<T>(items: readonly T[]): T {
  const last = items.at(-1);
  if (last === undefined) throw new AppError('invalid_input', 'The model has no historical year.', { reason: 'no_base_year' });
  return last;
}

export function scenarioNames(model: FinancialModel): string[] {
  return ['base', ...model.scenarios.map((s) => s.name)];
}

export function resolveCase(model: FinancialModel, scenario = 'base'): ValuationCase {
  const base = lastOf(model.historicals);
  const drivers = Object.fromEntries(forecastDriverKeys.map((k) => [k, [...model.forecast[k]]])) as Record<ForecastDriverKey, number[]>;
  let wacc: WaccInputs = model.wacc;
  let waccByYear: WaccByYear | null = model.wacc.byYear ? (structuredClone(model.wacc.byYear) as WaccByYear) : null;
  let operatingMargin = model.forecast.operatingMargin ? [...model.forecast.operatingMargin] : null;
  let terminalGrowth = model.valuation.terminalValue.growthRate;
  let exitMultiple = model.valuation.terminalValue.exitMultiple ?? null;
  let terminalCostOfCapital = model.valuation.terminalValue.costOfCapital ?? null;
  let valueDriver = valueDriverOf(model);
  let levers = leversOf(model);
  if (scenario !== 'base') {
    const found = model.scenarios.find((s) => s.name === scenario);
    if (!found)
      throw new AppError('invalid_input', `The model has no scenario "${scenario}". Scenarios: ${scenarioNames(model).join(', ')}.`, {
        reason: 'unknown_scenario',
        params: { scenario },
        issues: [
          {
            path: ['scenario'],
            code: 'unknown_scenario',
            message: `No scenario "${scenario}"; choose one of ${scenarioNames(model).join(', ')}.`,
          },
        ],
      });
    const o = found.overrides;
    for (const k of forecastDriverKeys) {
      const values = o.forecast?.[k];
      if (values) drivers[k] = [...values];
    }
    if (o.forecast?.operatingMargin && operatingMargin) operatingMargin = [...o.forecast.operatingMargin];
    if (o.wacc) {
      const before = wacc;
      wacc = applyWaccOverrides(wacc, o.wacc);
      waccByYear = shiftPathsWith(waccByYear, before, wacc);
    }
    terminalGrowth = o.terminalValue?.growthRate ?? terminalGrowth;
    exitMultiple = o.terminalValue?.exitMultiple ?? exitMultiple;
    terminalCostOfCapital = o.terminalValue?.costOfCapital ?? terminalCostOfCapital;
    const vd = o.terminalValue?.valueDriver;
    if (vd && valueDriver)
      valueDriver = {
        revenueGrowth: vd.revenueGrowth ?? valueDriver.revenueGrowth,
        operatingMargin: vd.operatingMargin ?? valueDriver.operatingMargin,
        taxRate: vd.taxRate ?? valueDriver.taxRate,
        ronic: vd.ronic ?? valueDriver.ronic,
      };
    levers = leversWith(levers, o.forecast?.levers);
  }
  const nwc =
    netWorkingCapitalOf(base) ??
    model.forecast.openingNetWorkingCapital ??
    (drivers.nwcPercentOfRevenue[0] ?? 0) * base.incomeStatement.revenue;
  const c: ValuationCase = {
    scenario,
    baseYear: base.year,
    years: [...model.forecast.years],
    baseRevenue: base.incomeStatement.revenue,
    baseEbitda: ebitdaOf(base),
    baseNetIncome: base.incomeStatement.netIncome ?? null,
    baseNetWorkingCapital: nwc,
    drivers,
    wacc,
    waccOverride: null,
    terminalMethod: model.valuation.terminalValue.method,
    terminalGrowth,
    exitMultiple,
    midYear: model.valuation.midYearConvention,
    debt: model.bridge.debt,
    cash: model.bridge.cash,
    otherBridgeItems: model.bridge.otherItems.map((i) => ({ label: i.label, signedAmount: i.treatment === 'add' ? i.amount : -i.amount })),
    shares: {
      basic: model.shares.basic,
      shareScale: unitScale[model.shares.unit],
      moneyScale: unitScale[model.meta.unit],
      tranches: sortTranches(model.shares.dilutive).map((t, i) => ({
        label: t.label ?? `#${i + 1}`,
        count: t.count,
        strikePrice: t.strikePrice,
      })),
      ...optionGrantOf(model),
    },
    waccByYear,
    terminalCostOfCapital,
    valueDriver,
    lossCarryForward: model.forecast.lossCarryForward ? { openingBalance: model.forecast.lossCarryForward.openingBalance } : null,
    salesToCapital: salesToCapitalOf(model),
    openingInvestedCapital: model.forecast.openingInvestedCapital ?? null,
    operatingMargin,
  };
  if (model.capitalization || model.valuation.failure || model.bridge.minorityInterests || model.bridge.crossHoldings) {
    // The fourth slice (docs/decisions/0010): only models that use it get the fields, so every other case is as before.
    const leases = leaseConversion(model, wacc);
    c.otherBridgeItems = [...c.otherBridgeItems, ...adjustmentBridgeItems(model, leases)];
    c.failure = failureOf(model, leases);
    const o = model.scenarios.find((s) => s.name === scenario)?.overrides.failure;
    if (c.failure && o)
      c.failure = {
        ...c.failure,
        probability: o.probability ?? c.failure.probability,
        proceedsPercent: o.proceedsPercent ?? c.failure.proceedsPercent,
      };
    c.researchAndDevelopment = researchInputsOf(model);
    c.operatingLeases = leases;
  }
  const custom = customOf(model, scenario);
  if (custom) {
    c.custom = custom;
    if (custom.segments.length > 0) c.drivers.revenueGrowth = segmentGrowthOf(custom, c.baseRevenue, c.years.length);
  }
  if (!levers) return c;
  if (levers.revenueGrowth) levers.revenueGrowth = { ...levers.revenueGrowth, fadeTo: terminalGrowth };
  return applyLevers({ ...c, levers });
}

/** shares.options as the engine values them (the risk-free rate defaults to the CAPM WACC's). */
function optionGrantOf(model: FinancialModel): { options?: OptionGrant } {
  const o = model.shares.options;
  if (!o) return {};
  const riskFreeRate = o.riskFreeRate ?? (model.wacc.method === 'capm' ? model.wacc.riskFreeRate : 0);
  return {
    options: {
      label: o.label ?? 'Employee options',
      count: o.count,
      strike: o.averageStrike,
      maturity: o.maturity,
      volatility: o.volatility,
      riskFreeRate,
      dividendYield: o.dividendYield,
    },
  };
}

function leversOf(model: FinancialModel): CaseLevers | null {
  const l = model.forecast.levers;
  if (!l) return null;
  const years = model.forecast.years;
  const first = years[0] ?? 0;
  const out: CaseLevers = {};
  if (l.revenueGrowth) out.revenueGrowth = { ...l.revenueGrowth, fadeTo: model.valuation.terminalValue.growthRate };
  const marginKey = l.operatingMargin ? 'operatingMargin' : l.ebitdaMargin ? 'ebitdaMargin' : null;
  const margin = l.operatingMargin ?? l.ebitdaMargin;
  if (marginKey && margin) out.margin = { key: marginKey, ...margin };
  if (l.taxRate)
    out.taxRate = {
      effective: l.taxRate.effective,
      marginal: l.taxRate.marginal,
      effectiveUntilYear: l.taxRate.effectiveUntilYear ?? first,
      marginalFromYear: l.taxRate.marginalFromYear,
    };
  return out;
}

type LeverOverrides = NonNullable<NonNullable<FinancialModel['scenarios'][number]['overrides']['forecast']>['levers']>;

/** The model's levers with a scenario's fields replaced (the contract refuses a lever the model lacks). */
function leversWith(levers: CaseLevers | null, o: LeverOverrides | undefined): CaseLevers | null {
  if (!levers || !o) return levers;
  const out: CaseLevers = { ...levers };
  if (levers.revenueGrowth && o.revenueGrowth) out.revenueGrowth = { ...levers.revenueGrowth, ...defined(o.revenueGrowth) };
  const marginOverride = levers.margin ? o[levers.margin.key] : undefined;
  if (levers.margin && marginOverride) out.margin = { ...levers.margin, ...defined(marginOverride) };
  if (levers.taxRate && o.taxRate) out.taxRate = { ...levers.taxRate, ...defined(o.taxRate) };
  return out;
}

function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * Revenue growth by lever (Damodaran's "Ginzu"): the first year's growth, the compounded growth of
 * years 2–5, then a straight line that reaches the terminal growth in the last forecast year.
 */
export function revenueGrowthPath(lever: { firstYear: number; years2To5: number; fadeTo: number }, horizon: number): number[] {
  const path = new Array<number>(horizon);
  for (let k = 1; k <= horizon; k++)
    path[k - 1] =
      k === 1 ? lever.firstYear : k <= 5 ? lever.years2To5 : lever.years2To5 + ((lever.fadeTo - lever.years2To5) * (k - 5)) / (horizon - 5);
  return path;
}

/** A straight line from `from` (in year `fromYear` and before) to `to` (in year `toYear` and after). */
export function linearPath(years: readonly number[], from: number, fromYear: number, to: number, toYear: number): number[] {
  return years.map((y) => (y <= fromYear ? from : y >= toYear ? to : from + ((to - from) * (y - fromYear)) / (toYear - fromYear)));
}

/** The case's driver paths expanded from its levers (a case without levers is returned as is). */
export function applyLevers(c: ValuationCase): ValuationCase {
  const l = c.levers;
  if (!l) return c;
  const drivers = { ...c.drivers };
  let operatingMargin = c.operatingMargin;
  const first = c.years[0] ?? 0;
  if (l.revenueGrowth) drivers.revenueGrowth = revenueGrowthPath(l.revenueGrowth, c.years.length);
  if (l.margin) {
    const path = linearPath(c.years, l.margin.firstYear, first, l.margin.target, l.margin.targetYear);
    if (l.margin.key === 'operatingMargin') operatingMargin = path;
    else drivers.ebitdaMargin = path;
  }
  if (l.taxRate)
    drivers.taxRate = linearPath(
      c.years,
      l.taxRate.effective,
      l.taxRate.effectiveUntilYear,
      l.taxRate.marginal,
      l.taxRate.marginalFromYear,
    );
  return { ...c, drivers, operatingMargin };
}

function salesToCapitalOf(model: FinancialModel): ValuationCase['salesToCapital'] {
  const s = model.forecast.salesToCapital;
  if (!s) return null;
  const ratio = s.ratio;
  return { ratios: typeof ratio === 'number' ? model.forecast.years.map(() => ratio) : [...ratio], lag: s.lag };
}

function valueDriverOf(model: FinancialModel): ValueDriverInputs | null {
  const vd = model.valuation.terminalValue.valueDriver;
  if (!vd) return null;
  return { revenueGrowth: vd.revenueGrowth ?? null, operatingMargin: vd.operatingMargin, taxRate: vd.taxRate, ronic: vd.ronic ?? null };
}

type WaccOverrides = NonNullable<FinancialModel['scenarios'][number]['overrides']['wacc']>;

function applyWaccOverrides(wacc: WaccInputs, o: WaccOverrides): WaccInputs {
  if (wacc.method === 'direct') return { ...wacc, rate: o.rate ?? wacc.rate };
  return {
    ...wacc,
    riskFreeRate: o.riskFreeRate ?? wacc.riskFreeRate,
    equityRiskPremium: o.equityRiskPremium ?? wacc.equityRiskPremium,
    beta: o.beta === undefined ? wacc.beta : { ...wacc.beta, value: o.beta },
    sizePremium: o.sizePremium ?? wacc.sizePremium,
    preTaxCostOfDebt: o.preTaxCostOfDebt ?? wacc.preTaxCostOfDebt,
    targetDebtToCapital: o.targetDebtToCapital ?? wacc.targetDebtToCapital,
  };
}

/** How a sensitivity moves an input: to a value, or by a shift added to every forecast year. */
export type InputMode = 'absolute' | 'shift';

export function inputMode(id: InputId): InputMode {
  return (forecastDriverKeys as readonly string[]).includes(id) ? 'shift' : 'absolute';
}

/** Whether varying the input leaves the projected cash flows unchanged (only discounting moves). */
export function isDiscountOnlyInput(id: InputId): boolean {
  return inputMode(id) === 'absolute';
}

const capmInputs = ['riskFreeRate', 'equityRiskPremium', 'beta', 'sizePremium', 'preTaxCostOfDebt', 'targetDebtToCapital'] as const;

/** Inputs that exist in this case (CAPM inputs only when WACC is built by CAPM). */
export function applicableInputs(c: ValuationCase): InputId[] {
  const all: InputId[] = [
    'wacc',
    'terminalGrowth',
    ...(c.exitMultiple === null ? [] : ['exitMultiple' as const]),
    ...(c.wacc.method === 'capm' ? capmInputs : []),
    ...forecastDriverKeys,
    ...(c.failure ? ['failureProbability' as const] : []),
  ];
  // With reinvestment from sales to capital there is no capex or NWC driver to move; a model based
  // on EBIT without D&A has no D&A to move (its `ebitdaMargin` input moves the operating margin).
  return all.filter(
    (id) =>
      !(c.salesToCapital && (id === 'capexPercentOfRevenue' || id === 'nwcPercentOfRevenue')) &&
      !(c.operatingMargin && id === 'depreciationPercentOfRevenue' && c.drivers.depreciationPercentOfRevenue.length === 0),
  );
}

/** A sensitivity on the probability of failure of a model that has none. */
export function noFailure(at = 'input'): AppError {
  return new AppError('invalid_input', 'The model has no probability of failure (valuation.failure) to vary.', {
    reason: 'input_not_applicable',
    issues: [{ path: [at], code: 'input_not_applicable', message: 'The model has no probability of failure; add one to vary it.' }],
  });
}

/** Whether a sensitivity moved an input outside the values it can take (a probability of failure outside 0–1). */
export function outOfRange(c: ValuationCase): boolean {
  return c.failure ? !(c.failure.probability >= 0 && c.failure.probability <= 1) : false;
}

/** A sensitivity on the exit multiple of a model that gives none (`at`: the request's field). */
export function noExitMultiple(at = 'input'): AppError {
  return new AppError('invalid_input', 'The model gives no exit multiple (valuation.terminalValue.exitMultiple) to vary.', {
    reason: 'exit_multiple_not_in_model',
    issues: [{ path: [at], code: 'exit_multiple_not_in_model', message: 'The model has no exit multiple; enter one to vary it.' }],
  });
}

function notApplicable(id: InputId): AppError {
  return new AppError('invalid_input', `The input "${id}" does not exist in this model: its WACC is given directly (method "direct").`, {
    reason: 'input_not_applicable',
    issues: [{ path: ['input'], code: 'input_not_applicable', message: `"${id}" needs a CAPM-built WACC; vary "wacc" instead.` }],
  });
}

/** The input's value in the case: its level for absolute inputs, 0 for shifts. `wacc` is the computed rate. */
export function inputBaseValue(c: ValuationCase, id: InputId, computedWacc: number): number {
  if (inputMode(id) === 'shift') return 0;
  switch (id) {
    case 'wacc':
      return computedWacc;
    case 'terminalGrowth':
      return c.terminalGrowth;
    case 'exitMultiple':
      if (c.exitMultiple === null) throw noExitMultiple();
      return c.exitMultiple;
    case 'failureProbability':
      if (!c.failure) throw noFailure();
      return c.failure.probability;
    default: {
      const w = c.wacc;
      if (w.method !== 'capm') throw notApplicable(id);
      if (id === 'beta') return w.beta.value;
      return w[id as Exclude<(typeof capmInputs)[number], 'beta'>];
    }
  }
}

/** A copy of the case with one input set (absolute) or shifted (forecast drivers). */
export function withInput(c: ValuationCase, id: InputId, value: number): ValuationCase {
  if (id === 'revenueGrowth' && c.custom && c.custom.segments.length > 0) {
    // Revenue from segments: the shift moves every segment's volume growth (docs/decisions/0010).
    const custom = shiftSegmentVolumes(c.custom, value);
    return { ...c, custom, drivers: { ...c.drivers, revenueGrowth: segmentGrowthOf(custom, c.baseRevenue, c.years.length) } };
  }
  const l = c.levers;
  if (l && inputMode(id) === 'shift') {
    // A sensitivity on a driver with a lever moves the lever; the path follows.
    if (id === 'revenueGrowth' && l.revenueGrowth)
      return applyLevers({
        ...c,
        levers: {
          ...l,
          revenueGrowth: { ...l.revenueGrowth, firstYear: l.revenueGrowth.firstYear + value, years2To5: l.revenueGrowth.years2To5 + value },
        },
      });
    if (id === 'ebitdaMargin' && l.margin)
      return applyLevers({
        ...c,
        levers: { ...l, margin: { ...l.margin, firstYear: l.margin.firstYear + value, target: l.margin.target + value } },
      });
    if (id === 'taxRate' && l.taxRate)
      return applyLevers({
        ...c,
        levers: { ...l, taxRate: { ...l.taxRate, effective: l.taxRate.effective + value, marginal: l.taxRate.marginal + value } },
      });
  }
  if (inputMode(id) === 'shift') {
    const key = id as ForecastDriverKey;
    if (key === 'ebitdaMargin' && c.operatingMargin) return { ...c, operatingMargin: c.operatingMargin.map((v) => v + value) };
    return { ...c, drivers: { ...c.drivers, [key]: c.drivers[key].map((v) => v + value) } };
  }
  switch (id) {
    case 'wacc':
      return { ...c, waccOverride: value };
    case 'terminalGrowth':
      return { ...c, terminalGrowth: value };
    case 'exitMultiple':
      return { ...c, exitMultiple: value };
    case 'failureProbability':
      // The probability moves; the distress proceeds stay the case's (a scenario may change them).
      return c.failure ? { ...c, failure: { ...c.failure, probability: value } } : c;
    default: {
      const w = c.wacc;
      if (w.method !== 'capm') throw notApplicable(id);
      const key = id as CapmPathKey;
      const before = key === 'beta' ? w.beta.value : w[key];
      const waccByYear = shiftPath(c.waccByYear, key, value - before);
      if (key === 'beta') return { ...c, waccByYear, wacc: { ...w, beta: { ...w.beta, value } } };
      return { ...c, waccByYear, wacc: { ...w, [key]: value } };
    }
  }
}

/**
 * An input moved by a sensitivity moves its path with it: a list of values by the same amount;
 * a straight line starts from the new value and still ends at its terminal value.
 */
/** A scenario that overrides an input moves its list path by the same amount (as a sensitivity does). */
function shiftPathsWith(byYear: WaccByYear | null, before: WaccInputs, after: WaccInputs): WaccByYear | null {
  if (before.method === 'direct' && after.method === 'direct') return shiftPath(byYear, 'rate', after.rate - before.rate);
  if (before.method !== 'capm' || after.method !== 'capm') return byYear;
  let out = byYear;
  for (const key of ['riskFreeRate', 'equityRiskPremium', 'beta', 'sizePremium', 'preTaxCostOfDebt', 'targetDebtToCapital'] as const) {
    const shift = key === 'beta' ? after.beta.value - before.beta.value : after[key] - before[key];
    if (shift !== 0) out = shiftPath(out, key, shift);
  }
  return out;
}

function shiftPath(byYear: WaccByYear | null, key: CapmPathKey | 'rate', shift: number): WaccByYear | null {
  const path = byYear?.[key];
  if (!byYear || !path?.values) return byYear;
  return { ...byYear, [key]: { values: path.values.map((v) => v + shift) } };
}
