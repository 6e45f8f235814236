import type { FinancialModel, ForecastLevers, Scenario, ScenarioOverrides } from '../../../shared/contracts/financial-model';
import type { GridDriverKey } from './edit';

/**
 * Edits of the model's deeper parts (docs/decisions/0010): the cost of capital by year and the
 * terminal cost of capital, the value-driver terminal value, reinvestment from the sales-to-capital
 * ratio, opening invested capital, models based on EBIT, driver levers, taxes on losses and employee
 * options by Black–Scholes. Each switch of a mode returns a document the model schema accepts
 * (when the document it started from was accepted): it removes what the new mode forbids, in the
 * base case and in every scenario's overrides, and fills in what the new mode needs.
 */

type Forecast = FinancialModel['forecast'];
type TerminalValue = FinancialModel['valuation']['terminalValue'];
type ValueDriver = NonNullable<TerminalValue['valueDriver']>;
type ForecastOverrides = NonNullable<ScenarioOverrides['forecast']>;

/** An optional number as the editor's fields give it: NaN (emptied) leaves the key out. */
const optional = (value: number): number | undefined => (Number.isNaN(value) ? undefined : value);

function omit<T extends object, K extends keyof T>(object: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...object };
  for (const key of keys) delete copy[key];
  return copy;
}

/** A copy with the key set, or left out when the value is undefined. */
function put<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined): T {
  if (value === undefined) return omit(object, key) as T;
  return { ...object, [key]: value };
}

const withForecast = (doc: FinancialModel, forecast: Forecast): FinancialModel => ({ ...doc, forecast });
const withTerminal = (doc: FinancialModel, terminalValue: TerminalValue): FinancialModel => ({
  ...doc,
  valuation: { ...doc.valuation, terminalValue },
});

/** Drops empty groups of a scenario's overrides, as the editor's own edits do. */
function tidyOverrides(o: ScenarioOverrides): ScenarioOverrides {
  const out: ScenarioOverrides = {};
  const forecast = o.forecast?.levers && Object.keys(o.forecast.levers).length === 0 ? omit(o.forecast, 'levers') : o.forecast;
  if (forecast && Object.keys(forecast).length > 0) out.forecast = forecast;
  if (o.wacc && Object.keys(o.wacc).length > 0) out.wacc = o.wacc;
  const tv =
    o.terminalValue?.valueDriver && Object.keys(o.terminalValue.valueDriver).length === 0
      ? omit(o.terminalValue, 'valueDriver')
      : o.terminalValue;
  if (tv && Object.keys(tv).length > 0) out.terminalValue = tv;
  if (o.failure && Object.keys(o.failure).length > 0) out.failure = o.failure;
  return out;
}

function mapScenarios(doc: FinancialModel, change: (s: Scenario) => ScenarioOverrides): FinancialModel {
  if (doc.scenarios.length === 0) return doc;
  return { ...doc, scenarios: doc.scenarios.map((s) => ({ ...s, overrides: tidyOverrides(change(s)) })) };
}

const mapForecastOverrides = (doc: FinancialModel, change: (f: ForecastOverrides, s: Scenario) => ForecastOverrides): FinancialModel =>
  mapScenarios(doc, (s) => (s.overrides.forecast ? { ...s.overrides, forecast: change(s.overrides.forecast, s) } : s.overrides));

// ---------- cost of capital by year ----------

/** How WACC moves over the forecast: one rate, a rate per year, or a start rate moving in a straight line to a terminal rate. */
export type WaccPathMode = 'single' | 'values' | 'line';

/**
 * The input whose path the editor sets: the rate of a WACC given directly, the beta of a CAPM WACC
 * (a beta drifting to 1); a CAPM model's other inputs by year are kept as its model file says.
 */
export const waccPathKey = (doc: FinancialModel): 'rate' | 'beta' => (doc.wacc.method === 'direct' ? 'rate' : 'beta');

type InputPath = { values?: number[] | undefined; fromYear?: number | undefined; terminal?: number | undefined };

/** The path of the input the editor sets, when it changes by year. */
export function pathOf(doc: FinancialModel): InputPath | undefined {
  const w = doc.wacc;
  return w.method === 'direct' ? w.byYear?.rate : w.byYear?.beta;
}

/** Where the path starts: the rate, or the beta. */
const startOf = (doc: FinancialModel): number => (doc.wacc.method === 'direct' ? doc.wacc.rate : doc.wacc.beta.value);

/** The WACC with the path of its input replaced (undefined: the input does not change by year). */
function withPath(doc: FinancialModel, path: InputPath | undefined): FinancialModel {
  const w = doc.wacc;
  if (w.method === 'direct') return { ...doc, wacc: path ? { ...w, byYear: { rate: path } } : omit(w, 'byYear') };
  const byYear = put(w.byYear ?? {}, 'beta', path);
  return { ...doc, wacc: Object.keys(byYear).length > 0 ? { ...w, byYear } : omit(w, 'byYear') };
}

export function waccPathMode(doc: FinancialModel): WaccPathMode {
  const path = pathOf(doc);
  if (!path) return 'single';
  return path.values ? 'values' : 'line';
}

/** A CAPM WACC with inputs other than beta changing by year (kept as the model file says; the editor does not change them). */
export const hasCapmPaths = (doc: FinancialModel): boolean =>
  doc.wacc.method === 'capm' && doc.wacc.byYear !== undefined && Object.keys(omit(doc.wacc.byYear, 'beta')).length > 0;

/** The path as one value per forecast year (what a straight line gives, or the values), as the engine reads it. */
export function waccPathValues(doc: FinancialModel): number[] {
  const years = doc.forecast.years;
  const start = startOf(doc);
  const path = pathOf(doc);
  if (!path) return years.map(() => start);
  if (path.values) return path.values;
  const last = years.at(-1) ?? 0;
  const from = path.fromYear ?? years[0] ?? 0;
  const end = path.terminal ?? start;
  // The start value holds until the year before fromYear, then moves in a straight line to the terminal value in the last year.
  return years.map((y) => (y < from ? start : start + ((end - start) * (y - from + 1)) / (last - from + 1)));
}

export function setWaccPathMode(doc: FinancialModel, mode: WaccPathMode): FinancialModel {
  if (waccPathMode(doc) === mode) return doc;
  const years = doc.forecast.years;
  if (mode === 'single') return withPath(doc, undefined);
  if (mode === 'values') return withPath(doc, { values: waccPathValues(doc) });
  // A beta drifts to 1 by default; a rate to where its values ended.
  const terminal = pathOf(doc)?.values?.at(-1) ?? (doc.wacc.method === 'direct' ? doc.wacc.rate : 1);
  const fromYear = years[Math.min(5, years.length - 1)] ?? years[0] ?? 0;
  return withPath(doc, { fromYear, terminal });
}

export function setWaccPathValue(doc: FinancialModel, index: number, value: number): FinancialModel {
  const values = pathOf(doc)?.values;
  if (!values) return doc;
  return withPath(doc, { values: values.map((v, i) => (i === index ? value : v)) });
}

export function setWaccPathLine(doc: FinancialModel, field: 'fromYear' | 'terminal', value: number): FinancialModel {
  const path = pathOf(doc);
  if (!path || path.values) return doc;
  return withPath(doc, { ...path, [field]: value });
}

/** The terminal cost of capital; emptied (NaN): the WACC path's last rate, or WACC. */
export const setTerminalCostOfCapital = (doc: FinancialModel, value: number): FinancialModel =>
  withTerminal(doc, put(doc.valuation.terminalValue, 'costOfCapital', optional(value)));

// ---------- value-driver terminal value ----------

export const hasValueDriver = (doc: FinancialModel): boolean => doc.valuation.terminalValue.valueDriver !== undefined;

/**
 * Perpetuity on the last year's free cash flow (Gordon) or the value-driver formula on a stated
 * terminal year. On: the terminal year's margin and tax rate as given (typically the last forecast
 * year's), RONIC left to default to the terminal cost of capital. Off: scenarios' changes of the
 * value driver go too (the schema refuses them without one).
 */
export function setValueDriverOn(doc: FinancialModel, on: boolean, given: { operatingMargin: number; taxRate: number }): FinancialModel {
  if (on === hasValueDriver(doc)) return doc;
  const tv = doc.valuation.terminalValue;
  if (on) return withTerminal(doc, { ...tv, valueDriver: { operatingMargin: given.operatingMargin, taxRate: given.taxRate } });
  const off = withTerminal(doc, omit(tv, 'valueDriver'));
  return mapScenarios(off, (s) =>
    s.overrides.terminalValue ? { ...s.overrides, terminalValue: omit(s.overrides.terminalValue, 'valueDriver') } : s.overrides,
  );
}

export type ValueDriverField = keyof ValueDriver;
export const optionalValueDriverFields: ReadonlySet<ValueDriverField> = new Set(['revenueGrowth', 'ronic']);

export function setValueDriverField(doc: FinancialModel, field: ValueDriverField, value: number): FinancialModel {
  const tv = doc.valuation.terminalValue;
  if (!tv.valueDriver) return doc;
  const v = optionalValueDriverFields.has(field) ? optional(value) : value;
  return withTerminal(doc, { ...tv, valueDriver: put(tv.valueDriver, field, v) });
}

// ---------- reinvestment ----------

export type ReinvestmentMode = 'percentOfRevenue' | 'salesToCapital';

export const reinvestmentMode = (doc: FinancialModel): ReinvestmentMode =>
  doc.forecast.salesToCapital ? 'salesToCapital' : 'percentOfRevenue';

/**
 * Capex and NWC as % of revenue, or reinvestment from the sales-to-capital ratio. To sales to
 * capital: the ratio given, no lag; the capex and NWC lists go (and every scenario's overrides of
 * them). Back: the lists given (those of this session, or what the last valuation implies).
 */
export function switchReinvestment(
  doc: FinancialModel,
  to: ReinvestmentMode,
  given: { ratio: number; capex: number[]; nwc: number[] },
): FinancialModel {
  if (reinvestmentMode(doc) === to) return doc;
  const f = doc.forecast;
  if (to === 'salesToCapital') {
    const next = withForecast(doc, {
      ...f,
      salesToCapital: { ratio: given.ratio, lag: 0 },
      capexPercentOfRevenue: [],
      nwcPercentOfRevenue: [],
    });
    return mapForecastOverrides(next, (o) => omit(o, 'capexPercentOfRevenue', 'nwcPercentOfRevenue'));
  }
  return withForecast(doc, { ...omit(f, 'salesToCapital'), capexPercentOfRevenue: given.capex, nwcPercentOfRevenue: given.nwc });
}

/** One ratio for every year, or one per year (the single ratio repeated, or the first year's kept). */
export function setSalesToCapitalPerYear(doc: FinancialModel, perYear: boolean): FinancialModel {
  const s = doc.forecast.salesToCapital;
  if (!s || Array.isArray(s.ratio) === perYear) return doc;
  const ratio = Array.isArray(s.ratio) ? (s.ratio[0] ?? 1) : doc.forecast.years.map(() => s.ratio as number);
  return withForecast(doc, { ...doc.forecast, salesToCapital: { ...s, ratio } });
}

/** Sets the ratio: the single one (index null) or one year's. */
export function setSalesToCapitalRatio(doc: FinancialModel, index: number | null, value: number): FinancialModel {
  const s = doc.forecast.salesToCapital;
  if (!s) return doc;
  const ratio = Array.isArray(s.ratio) ? s.ratio.map((r, i) => (i === index ? value : r)) : value;
  return withForecast(doc, { ...doc.forecast, salesToCapital: { ...s, ratio } });
}

export function setSalesToCapitalLag(doc: FinancialModel, lag: number): FinancialModel {
  const s = doc.forecast.salesToCapital;
  if (!s) return doc;
  return withForecast(doc, { ...doc.forecast, salesToCapital: { ...s, lag } });
}

/** Opening invested capital; emptied: no invested capital or ROIC in the outputs. */
export const setOpeningInvestedCapital = (doc: FinancialModel, value: number): FinancialModel =>
  withForecast(doc, put(doc.forecast, 'openingInvestedCapital', optional(value)));

// ---------- EBITDA margin or operating margin ----------

export type MarginBasis = 'ebitdaMargin' | 'operatingMargin';

export const marginBasis = (doc: FinancialModel): MarginBasis =>
  doc.forecast.operatingMargin !== undefined || doc.forecast.levers?.operatingMargin ? 'operatingMargin' : 'ebitdaMargin';

const clean = (x: number): number => Number.parseFloat(x.toPrecision(12));

/**
 * Switches the margin that drives the model, keeping EBIT where it was: operating margin = EBITDA
 * margin − D&A % of revenue, year by year (and for a margin lever, at its first and target years),
 * in the base case and in the scenarios. Back to EBITDA margin, a model without D&A gets D&A of 0%.
 */
export function switchMarginBasis(doc: FinancialModel, to: MarginBasis): FinancialModel {
  if (marginBasis(doc) === to) return doc;
  const f = doc.forecast;
  const years = f.years;
  const sign = to === 'operatingMargin' ? -1 : 1;
  const da = (d: readonly number[], i: number) => d[i] ?? 0;
  const convert = (row: readonly number[], d: readonly number[]) => row.map((m, i) => clean(m + sign * da(d, i)));
  const yearIndex = (year: number) => Math.max(0, Math.min(years.length - 1, years.indexOf(year)));
  type MarginLever = NonNullable<ForecastLevers['ebitdaMargin']>;
  type LeverFields = { [K in keyof MarginLever]?: MarginLever[K] | undefined };
  const convertLever = (l: LeverFields, base: MarginLever | undefined, d: readonly number[]): LeverFields => {
    const targetYear = l.targetYear ?? base?.targetYear ?? years.at(-1) ?? 0;
    const out: LeverFields = { ...l };
    if (l.firstYear !== undefined) out.firstYear = clean(l.firstYear + sign * da(d, 0));
    if (l.target !== undefined) out.target = clean(l.target + sign * da(d, yearIndex(targetYear)));
    return out;
  };
  const from: MarginBasis = to === 'operatingMargin' ? 'ebitdaMargin' : 'operatingMargin';
  const dep = f.depreciationPercentOfRevenue.length > 0 ? f.depreciationPercentOfRevenue : years.map(() => 0);
  const baseLever = f.levers?.[from];
  const levers = f.levers
    ? baseLever
      ? { ...omit(f.levers, from), [to]: convertLever(baseLever, baseLever, dep) as MarginLever }
      : f.levers
    : undefined;
  const fromRow = from === 'operatingMargin' ? (f.operatingMargin ?? []) : f.ebitdaMargin;
  const row = baseLever ? [] : convert(fromRow, dep);
  let forecast: Forecast = { ...omit(f, 'operatingMargin', 'levers'), ebitdaMargin: [] };
  if (to === 'operatingMargin') {
    if (!baseLever) forecast.operatingMargin = row;
  } else {
    forecast = { ...forecast, ebitdaMargin: row, depreciationPercentOfRevenue: dep };
  }
  if (levers) forecast.levers = levers;
  const next = withForecast(doc, forecast);
  return mapForecastOverrides(next, (o) => {
    const d = o.depreciationPercentOfRevenue ?? dep;
    let out: ForecastOverrides = omit(o, 'ebitdaMargin', 'operatingMargin');
    const own = o[from];
    if (own) out = { ...out, [to]: convert(own, d) };
    const leverOverride = o.levers?.[from];
    if (o.levers && leverOverride) out = { ...out, levers: { ...omit(o.levers, from), [to]: convertLever(leverOverride, baseLever, d) } };
    return out;
  });
}

// ---------- levers ----------

/** The drivers a lever can give, as the editor groups them: the margin lever drives whichever margin the model uses. */
export type LeverGroup = 'revenueGrowth' | 'margin' | 'taxRate';

const leverKeyOf = (doc: FinancialModel, group: LeverGroup): 'revenueGrowth' | 'ebitdaMargin' | 'operatingMargin' | 'taxRate' =>
  group === 'margin' ? marginBasis(doc) : group;

export const leverOn = (doc: FinancialModel, group: LeverGroup): boolean => doc.forecast.levers?.[leverKeyOf(doc, group)] !== undefined;

export function leverOf(doc: FinancialModel, group: LeverGroup): Record<string, number | undefined> | undefined {
  return doc.forecast.levers?.[leverKeyOf(doc, group)] as Record<string, number | undefined> | undefined;
}

/** A straight line from `from` (in `fromYear` and before) to `to` (in `toYear` and after), as the engine draws it. */
export function linearPath(years: readonly number[], from: number, fromYear: number, to: number, toYear: number): number[] {
  return years.map((y) => (y <= fromYear ? from : y >= toYear ? to : from + ((to - from) * (y - fromYear)) / (toYear - fromYear)));
}

/** Year-1 growth, years 2–5 compounded, then a straight fade to `fadeTo` in the last year, as the engine draws it. */
export function revenueGrowthPath(lever: { firstYear: number; years2To5: number }, fadeTo: number, horizon: number): number[] {
  const path = new Array<number>(horizon);
  for (let k = 1; k <= horizon; k++)
    path[k - 1] =
      k === 1 ? lever.firstYear : k <= 5 ? lever.years2To5 : lever.years2To5 + ((fadeTo - lever.years2To5) * (k - 5)) / (horizon - 5);
  return path;
}

const scenarioOf = (doc: FinancialModel, scenario: string) => doc.scenarios.find((s) => s.name === scenario);

/** A lever with the case's changes applied; undefined when the model has no such lever. */
function caseLever(doc: FinancialModel, scenario: string, group: LeverGroup): Record<string, number | undefined> | undefined {
  const key = leverKeyOf(doc, group);
  const base = doc.forecast.levers?.[key];
  if (!base) return undefined;
  const own = scenarioOf(doc, scenario)?.overrides.forecast?.levers?.[key];
  const defined = Object.fromEntries(Object.entries(own ?? {}).filter(([, v]) => v !== undefined));
  return { ...base, ...defined };
}

/** The per-year path a lever gives in a case (what the engine uses); null when the driver has no lever. */
export function leverPath(doc: FinancialModel, scenario: string, group: LeverGroup): number[] | null {
  const l = caseLever(doc, scenario, group);
  if (!l) return null;
  const years = doc.forecast.years;
  const first = years[0] ?? 0;
  const n = (x: number | undefined) => x ?? Number.NaN;
  if (group === 'revenueGrowth') {
    const growth = scenarioOf(doc, scenario)?.overrides.terminalValue?.growthRate ?? doc.valuation.terminalValue.growthRate;
    return revenueGrowthPath({ firstYear: n(l.firstYear), years2To5: n(l.years2To5) }, growth, years.length);
  }
  if (group === 'margin') return linearPath(years, n(l.firstYear), first, n(l.target), n(l.targetYear));
  return linearPath(years, n(l.effective), l.effectiveUntilYear ?? first, n(l.marginal), n(l.marginalFromYear));
}

function leverFromRow(group: LeverGroup, row: readonly number[], years: readonly number[], marginalTax: number): Record<string, number> {
  const first = row[0] ?? 0;
  const lastYear = years.at(-1) ?? 0;
  if (group === 'revenueGrowth') return { firstYear: first, years2To5: row[1] ?? first };
  if (group === 'margin') return { firstYear: first, target: row.at(-1) ?? first, targetYear: lastYear };
  return { effective: first, marginal: marginalTax, marginalFromYear: lastYear };
}

const rowKeyOf = (doc: FinancialModel, group: LeverGroup): 'revenueGrowth' | 'ebitdaMargin' | 'operatingMargin' | 'taxRate' =>
  leverKeyOf(doc, group);

function rowOf(forecast: Forecast | ForecastOverrides, key: ReturnType<typeof rowKeyOf>): number[] | undefined {
  return (forecast as Record<string, number[] | undefined>)[key];
}

/**
 * A driver from its list or from its lever. On: the lever read from the list (year-1 value,
 * year-2 growth, the last year's margin as the target, the marginal tax rate given), the list
 * left out; a scenario's list becomes its lever fields. Off: the list is the lever's path, in the
 * base case and in each scenario that moved the lever.
 */
export function setLeverOn(doc: FinancialModel, group: LeverGroup, on: boolean, given: { marginalTax: number }): FinancialModel {
  if (leverOn(doc, group) === on) return doc;
  const key = rowKeyOf(doc, group);
  const years = doc.forecast.years;
  const f = doc.forecast;
  if (on) {
    const base = leverFromRow(group, rowOf(f, key) ?? [], years, given.marginalTax);
    const forecast = { ...f, levers: { ...f.levers, [key]: base } } as Forecast;
    if (key === 'operatingMargin') delete forecast.operatingMargin;
    else (forecast as Record<string, unknown>)[key] = [];
    const next = withForecast(doc, forecast);
    return mapForecastOverrides(next, (o) => {
      const own = rowOf(o, key);
      if (!own) return o;
      const lever = leverFromRow(group, own, years, given.marginalTax);
      const changed = Object.fromEntries(Object.entries(lever).filter(([field, v]) => base[field] !== v));
      const out = omit(o as Record<string, unknown>, key) as ForecastOverrides;
      return Object.keys(changed).length > 0 ? { ...out, levers: { ...out.levers, [key]: changed } } : out;
    });
  }
  const paths = new Map(doc.scenarios.map((s) => [s.name, leverPath(doc, s.name, group)]));
  const basePath = leverPath(doc, 'base', group) ?? [];
  const levers = omit(f.levers ?? {}, key);
  const forecast = { ...omit(f, 'levers'), [key]: basePath } as Forecast;
  if (Object.keys(levers).length > 0) forecast.levers = levers;
  const next = withForecast(doc, forecast);
  return mapForecastOverrides(next, (o, s) => {
    if (!o.levers?.[key]) return o;
    const levers = omit(o.levers, key);
    const out = { ...omit(o, 'levers'), [key]: paths.get(s.name) ?? basePath } as ForecastOverrides;
    return Object.keys(levers).length > 0 ? { ...out, levers } : out;
  });
}

export function setLeverField(doc: FinancialModel, group: LeverGroup, field: string, value: number): FinancialModel {
  const key = leverKeyOf(doc, group);
  const lever = doc.forecast.levers?.[key];
  if (!lever) return doc;
  const v = field === 'effectiveUntilYear' ? optional(value) : value;
  const next = put(lever as Record<string, number | undefined>, field, v);
  return withForecast(doc, { ...doc.forecast, levers: { ...doc.forecast.levers, [key]: next } });
}

// ---------- taxes on losses ----------

export const setLossCarryForward = (doc: FinancialModel, on: boolean): FinancialModel =>
  withForecast(doc, put(doc.forecast, 'lossCarryForward', on ? (doc.forecast.lossCarryForward ?? { openingBalance: 0 }) : undefined));

export function setOpeningLosses(doc: FinancialModel, value: number): FinancialModel {
  if (!doc.forecast.lossCarryForward) return doc;
  return withForecast(doc, { ...doc.forecast, lossCarryForward: { openingBalance: value } });
}

// ---------- employee options ----------

type Shares = FinancialModel['shares'];
type Options = NonNullable<Shares['options']>;
export type OptionField = Exclude<keyof Options, 'label'>;

export type OptionMethod = 'treasuryStock' | 'blackScholes';
export const optionMethod = (doc: FinancialModel): OptionMethod => (doc.shares.options ? 'blackScholes' : 'treasuryStock');

/**
 * Employee options by the treasury-stock method (dilutive securities) or by Black–Scholes. To
 * Black–Scholes, the options among the dilutive securities (those with an exercise price; restricted
 * shares stay) become one grant at their count-weighted strike, with the maturity and volatility
 * given; a WACC given directly has no risk-free rate, so the one given is stated. Back, the grant
 * becomes one dilutive tranche again.
 */
export function switchOptionMethod(
  doc: FinancialModel,
  to: OptionMethod,
  given: { strike: number; maturity: number; volatility: number; riskFreeRate: number },
): FinancialModel {
  if (optionMethod(doc) === to) return doc;
  const s = doc.shares;
  if (to === 'treasuryStock') {
    const o = s.options as Options;
    const tranche = { ...(o.label !== undefined && { label: o.label }), count: o.count, strikePrice: o.averageStrike };
    return { ...doc, shares: { ...omit(s, 'options'), dilutive: [...s.dilutive, tranche] } };
  }
  const options = s.dilutive.filter((d) => d.strikePrice > 0);
  const count = options.reduce((sum, d) => sum + d.count, 0);
  const strike = count > 0 ? options.reduce((sum, d) => sum + d.count * d.strikePrice, 0) / count : given.strike;
  const grant: Options = {
    count: clean(count > 0 ? count : s.basic * 0.02),
    averageStrike: clean(strike),
    maturity: given.maturity,
    volatility: given.volatility,
    dividendYield: 0,
    ...(doc.wacc.method === 'direct' && { riskFreeRate: given.riskFreeRate }),
  };
  return { ...doc, shares: { ...s, dilutive: s.dilutive.filter((d) => !(d.strikePrice > 0)), options: grant } };
}

export function setOptionField(doc: FinancialModel, field: OptionField, value: number): FinancialModel {
  const o = doc.shares.options;
  if (!o) return doc;
  const v = field === 'riskFreeRate' ? optional(value) : value;
  return { ...doc, shares: { ...doc.shares, options: put(o, field, v as Options[typeof field]) } };
}

// ---------- the assumption grid ----------

/** The rows of the assumption grid: the drivers the model has as lists, and those its levers give (shown, not edited). */
export function gridRows(doc: FinancialModel): { key: GridDriverKey; lever: LeverGroup | null }[] {
  const basis = marginBasis(doc);
  const f = doc.forecast;
  const rows: { key: GridDriverKey; lever: LeverGroup | null }[] = [
    { key: 'revenueGrowth', lever: leverOn(doc, 'revenueGrowth') ? 'revenueGrowth' : null },
    { key: basis, lever: leverOn(doc, 'margin') ? 'margin' : null },
  ];
  if (!(basis === 'operatingMargin' && f.depreciationPercentOfRevenue.length === 0))
    rows.push({ key: 'depreciationPercentOfRevenue', lever: null });
  if (reinvestmentMode(doc) === 'percentOfRevenue')
    rows.push({ key: 'capexPercentOfRevenue', lever: null }, { key: 'nwcPercentOfRevenue', lever: null });
  rows.push({ key: 'taxRate', lever: leverOn(doc, 'taxRate') ? 'taxRate' : null });
  return rows;
}

// ---------- scenario changes of the terminal value and the levers ----------

/** A value as a case sees it, and whether the case changes the base case's. */
export interface CaseNumber {
  value: number;
  overridden: boolean;
}

const sameValue = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && Number.parseFloat(a.toPrecision(12)) === Number.parseFloat(b.toPrecision(12));

function withScenario(doc: FinancialModel, scenario: string, change: (o: ScenarioOverrides) => ScenarioOverrides): FinancialModel {
  if (!scenarioOf(doc, scenario)) return doc;
  return {
    ...doc,
    scenarios: doc.scenarios.map((s) => (s.name === scenario ? { ...s, overrides: tidyOverrides(change(s.overrides)) } : s)),
  };
}

export type TerminalCaseField = 'costOfCapital' | ValueDriverField;

function baseTerminal(doc: FinancialModel, field: TerminalCaseField): number | undefined {
  const tv = doc.valuation.terminalValue;
  return field === 'costOfCapital' ? tv.costOfCapital : tv.valueDriver?.[field];
}

/** The terminal cost of capital or a value-driver field as the case sees it. */
export function terminalCaseValue(doc: FinancialModel, scenario: string, field: TerminalCaseField): CaseNumber {
  const base = baseTerminal(doc, field);
  const o = scenarioOf(doc, scenario)?.overrides.terminalValue;
  const own = field === 'costOfCapital' ? o?.costOfCapital : o?.valueDriver?.[field];
  return { value: own ?? base ?? Number.NaN, overridden: own !== undefined && !sameValue(own, base) };
}

/** Sets it in the base case, or as the scenario's change (emptied or equal to the base case: the scenario follows the base case). */
export function setTerminalCaseValue(doc: FinancialModel, scenario: string, field: TerminalCaseField, value: number): FinancialModel {
  if (scenario === 'base') return field === 'costOfCapital' ? setTerminalCostOfCapital(doc, value) : setValueDriverField(doc, field, value);
  const v = Number.isNaN(value) || sameValue(value, baseTerminal(doc, field)) ? undefined : value;
  return withScenario(doc, scenario, (o) => {
    const tv = o.terminalValue ?? {};
    if (field === 'costOfCapital') return { ...o, terminalValue: put(tv, 'costOfCapital', v) };
    if (!doc.valuation.terminalValue.valueDriver) return o;
    return { ...o, terminalValue: { ...tv, valueDriver: put(tv.valueDriver ?? {}, field, v) } };
  });
}

/** A lever's field as the case sees it. */
export function leverCaseValue(doc: FinancialModel, scenario: string, group: LeverGroup, field: string): CaseNumber {
  const base = leverOf(doc, group)?.[field];
  const own = (
    scenarioOf(doc, scenario)?.overrides.forecast?.levers?.[leverKeyOf(doc, group)] as Record<string, number | undefined> | undefined
  )?.[field];
  return { value: own ?? base ?? Number.NaN, overridden: own !== undefined && !sameValue(own, base) };
}

/** Sets a lever's field in the base case, or as the scenario's change of it. */
export function setLeverCaseField(doc: FinancialModel, scenario: string, group: LeverGroup, field: string, value: number): FinancialModel {
  if (scenario === 'base') return setLeverField(doc, group, field, value);
  const key = leverKeyOf(doc, group);
  if (!doc.forecast.levers?.[key]) return doc;
  const v = Number.isNaN(value) || sameValue(value, leverOf(doc, group)?.[field]) ? undefined : value;
  return withScenario(doc, scenario, (o) => {
    const f = o.forecast ?? {};
    const levers = (f.levers ?? {}) as Record<string, Record<string, number | undefined>>;
    const lever = put(levers[key] ?? {}, field, v);
    const next = Object.keys(lever).length > 0 ? { ...levers, [key]: lever } : omit(levers, key);
    return { ...o, forecast: { ...f, levers: next } as ForecastOverrides };
  });
}
