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
import { type ShareBase, sortTranches } from './dilution.js';

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
  exitMultiple: number;
  midYear: boolean;
  debt: number;
  cash: number;
  /** Other bridge items, signed: + adds to equity value, − deducts. */
  otherBridgeItems: { label: string; signedAmount: number }[];
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
  let exitMultiple = model.valuation.terminalValue.exitMultiple;
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
  }
  const nwc =
    netWorkingCapitalOf(base) ??
    model.forecast.openingNetWorkingCapital ??
    (drivers.nwcPercentOfRevenue[0] ?? 0) * base.incomeStatement.revenue;
  return {
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
    },
    waccByYear,
    terminalCostOfCapital: model.valuation.terminalValue.costOfCapital ?? null,
    valueDriver: valueDriverOf(model),
    lossCarryForward: model.forecast.lossCarryForward ? { openingBalance: model.forecast.lossCarryForward.openingBalance } : null,
    salesToCapital: salesToCapitalOf(model),
    openingInvestedCapital: model.forecast.openingInvestedCapital ?? null,
    operatingMargin,
  };
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
  const all: InputId[] = ['wacc', 'terminalGrowth', 'exitMultiple', ...(c.wacc.method === 'capm' ? capmInputs : []), ...forecastDriverKeys];
  // With reinvestment from sales to capital there is no capex or NWC driver to move; a model based
  // on EBIT without D&A has no D&A to move (its `ebitdaMargin` input moves the operating margin).
  return all.filter(
    (id) =>
      !(c.salesToCapital && (id === 'capexPercentOfRevenue' || id === 'nwcPercentOfRevenue')) &&
      !(c.operatingMargin && id === 'depreciationPercentOfRevenue' && c.drivers.depreciationPercentOfRevenue.length === 0),
  );
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
      return c.exitMultiple;
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
