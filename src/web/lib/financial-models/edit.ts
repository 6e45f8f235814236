import type { FinancialModel, ForecastDriverKey, Scenario, ScenarioOverrides } from '../../../shared/contracts/financial-model';
import { sameNumber } from './numbers';

/**
 * Edits of a model document in the workbench, each returning a new document and leaving the
 * old one as it was (the draft is React state; versions are compared by value). An edit in a
 * scenario other than the base case writes that scenario's overrides; an override that ends up
 * equal to the base case is removed, so the document says only what really differs.
 */

export const BASE = 'base';

/** The WACC inputs the editor shows; `rate` is the direct method's, the rest CAPM's. */
export const capmFields = [
  'riskFreeRate',
  'equityRiskPremium',
  'beta',
  'sizePremium',
  'preTaxCostOfDebt',
  'marginalTaxRate',
  'targetDebtToCapital',
] as const;
export type CapmField = (typeof capmFields)[number];
export type WaccField = CapmField | 'rate';

/** WACC inputs a scenario may override (the marginal tax rate is the model's own). */
const overridableWacc: ReadonlySet<WaccField> = new Set([
  'rate',
  'riskFreeRate',
  'equityRiskPremium',
  'beta',
  'sizePremium',
  'preTaxCostOfDebt',
  'targetDebtToCapital',
]);
export const isOverridableWacc = (field: WaccField): boolean => overridableWacc.has(field);

export type TerminalField = 'growthRate' | 'exitMultiple';

/** A value as the chosen case sees it, with whether the case overrides the base. */
export interface CaseValue {
  value: number;
  base: number;
  overridden: boolean;
}

export interface DriverRow {
  values: number[];
  base: number[];
  /** Per year: the scenario gives a value different from the base case. */
  overridden: boolean[];
  /** The scenario replaces this driver's row (reset removes it). */
  rowOverridden: boolean;
}

const findScenario = (doc: FinancialModel, scenario: string): Scenario | undefined =>
  scenario === BASE ? undefined : doc.scenarios.find((s) => s.name === scenario);

const sameArray = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => sameNumber(x, b[i] ?? Number.NaN));

/** Drops empty override groups, so a scenario with nothing left says `overrides: {}`. */
function tidy(overrides: ScenarioOverrides): ScenarioOverrides {
  const out: ScenarioOverrides = {};
  if (overrides.forecast && Object.keys(overrides.forecast).length > 0) out.forecast = overrides.forecast;
  if (overrides.wacc && Object.keys(overrides.wacc).length > 0) out.wacc = overrides.wacc;
  if (overrides.terminalValue && Object.keys(overrides.terminalValue).length > 0) out.terminalValue = overrides.terminalValue;
  if (overrides.failure && Object.keys(overrides.failure).length > 0) out.failure = overrides.failure;
  return out;
}

function withOverrides(doc: FinancialModel, scenario: string, change: (o: ScenarioOverrides) => ScenarioOverrides): FinancialModel {
  if (scenario === BASE || !findScenario(doc, scenario)) return doc;
  return {
    ...doc,
    scenarios: doc.scenarios.map((s) => (s.name === scenario ? { ...s, overrides: tidy(change(s.overrides)) } : s)),
  };
}

function without<T extends object, K extends keyof T>(object: T | undefined, key: K): T {
  const copy = { ...(object ?? ({} as T)) };
  delete copy[key];
  return copy;
}

// ---------- forecast drivers ----------

/** A row of the assumption grid: a forecast driver, or the operating margin of a model based on EBIT. */
export type GridDriverKey = ForecastDriverKey | 'operatingMargin';

const baseRow = (doc: FinancialModel, key: GridDriverKey): number[] => doc.forecast[key] ?? [];

export function driverRow(doc: FinancialModel, scenario: string, key: GridDriverKey): DriverRow {
  const base = baseRow(doc, key);
  const override = findScenario(doc, scenario)?.overrides.forecast?.[key];
  const values = override ?? base;
  return {
    values,
    base,
    overridden: values.map((v, i) => override !== undefined && !sameNumber(v, base[i] ?? Number.NaN)),
    rowOverridden: override !== undefined,
  };
}

/** Sets one year of a driver, in the base case or as the scenario's override of the row. */
export function setDriverValue(doc: FinancialModel, scenario: string, key: GridDriverKey, index: number, value: number): FinancialModel {
  const replace = (row: readonly number[]) => row.map((v, i) => (i === index ? value : v));
  if (scenario === BASE) return { ...doc, forecast: { ...doc.forecast, [key]: replace(baseRow(doc, key)) } };
  return withOverrides(doc, scenario, (o) => {
    const row = replace(o.forecast?.[key] ?? baseRow(doc, key));
    const forecast = sameArray(row, baseRow(doc, key)) ? without(o.forecast, key) : { ...o.forecast, [key]: row };
    return { ...o, forecast };
  });
}

/** The scenario takes the base case's row again. */
export const resetDriver = (doc: FinancialModel, scenario: string, key: GridDriverKey): FinancialModel =>
  withOverrides(doc, scenario, (o) => ({ ...o, forecast: without(o.forecast, key) }));

// ---------- WACC ----------

function baseWacc(doc: FinancialModel, field: WaccField): number | undefined {
  const w = doc.wacc;
  if (w.method === 'direct') return field === 'rate' ? w.rate : undefined;
  if (field === 'rate') return undefined;
  return field === 'beta' ? w.beta.value : w[field];
}

/** A WACC input as the case sees it; undefined when the model's method has no such input. */
export function waccValue(doc: FinancialModel, scenario: string, field: WaccField): CaseValue | undefined {
  const base = baseWacc(doc, field);
  if (base === undefined) return undefined;
  const override = isOverridableWacc(field)
    ? (findScenario(doc, scenario)?.overrides.wacc?.[field as Exclude<WaccField, 'marginalTaxRate'>] ?? undefined)
    : undefined;
  const value = override ?? base;
  return { value, base, overridden: override !== undefined && !sameNumber(override, base) };
}

export function setWaccValue(doc: FinancialModel, scenario: string, field: WaccField, value: number): FinancialModel {
  const w = doc.wacc;
  if (scenario === BASE) {
    if (w.method === 'direct') return field === 'rate' ? { ...doc, wacc: { ...w, rate: value } } : doc;
    if (field === 'rate') return doc;
    if (field === 'beta') return { ...doc, wacc: { ...w, beta: { ...w.beta, value } } };
    return { ...doc, wacc: { ...w, [field]: value } };
  }
  if (!isOverridableWacc(field) || baseWacc(doc, field) === undefined) return doc;
  const key = field as Exclude<WaccField, 'marginalTaxRate'>;
  return withOverrides(doc, scenario, (o) => ({
    ...o,
    wacc: sameNumber(value, baseWacc(doc, field) ?? Number.NaN) ? without(o.wacc, key) : { ...o.wacc, [key]: value },
  }));
}

export const resetWacc = (doc: FinancialModel, scenario: string, field: WaccField): FinancialModel =>
  isOverridableWacc(field)
    ? withOverrides(doc, scenario, (o) => ({ ...o, wacc: without(o.wacc, field as Exclude<WaccField, 'marginalTaxRate'>) }))
    : doc;

/** Levered (observed, relevered at the target structure) or unlevered beta. */
export function setBetaKind(doc: FinancialModel, kind: 'levered' | 'unlevered'): FinancialModel {
  const w = doc.wacc;
  if (w.method !== 'capm' || w.beta.kind === kind) return doc;
  return { ...doc, wacc: { ...w, beta: { kind, value: w.beta.value } } };
}

/** The D/E at which a levered beta was observed; undefined: at the target structure. */
export function setObservedDebtToEquity(doc: FinancialModel, value: number | undefined): FinancialModel {
  const w = doc.wacc;
  if (w.method !== 'capm' || w.beta.kind !== 'levered') return doc;
  const beta = value === undefined ? { kind: 'levered' as const, value: w.beta.value } : { ...w.beta, observedDebtToEquity: value };
  return { ...doc, wacc: { ...w, beta } };
}

export type CapmInputs = Extract<FinancialModel['wacc'], { method: 'capm' }>;

/** Reasonable CAPM inputs for a model that had none (a Japanese mid-cap; every one to be reviewed). */
export const defaultCapm: CapmInputs = {
  method: 'capm',
  riskFreeRate: 0.015,
  equityRiskPremium: 0.06,
  beta: { kind: 'unlevered', value: 1 },
  sizePremium: 0,
  preTaxCostOfDebt: 0.015,
  marginalTaxRate: 0.3062,
  targetDebtToCapital: 0.2,
};

/**
 * Switches how WACC is given. To direct: the rate given (the last computed WACC, typically). To
 * CAPM: the inputs given (those the model had before, typically). Scenario overrides that the new
 * method has no input for are dropped (the schema refuses them).
 */
export function switchWaccMethod(doc: FinancialModel, to: 'capm' | 'direct', given: { rate: number; capm?: CapmInputs }): FinancialModel {
  if (doc.wacc.method === to) return doc;
  const wacc: FinancialModel['wacc'] = to === 'direct' ? { method: 'direct', rate: given.rate } : (given.capm ?? defaultCapm);
  const keep = (field: string) => (to === 'direct' ? field === 'rate' : field !== 'rate');
  const scenarios = doc.scenarios.map((s) => {
    const kept = Object.fromEntries(Object.entries(s.overrides.wacc ?? {}).filter(([field]) => keep(field)));
    return { ...s, overrides: tidy({ ...s.overrides, wacc: kept }) };
  });
  return { ...doc, wacc, scenarios };
}

// ---------- terminal value and discounting ----------

/** The case's terminal growth or exit multiple; an exit multiple the model does not give is NaN (an empty field). */
export function terminalValue(doc: FinancialModel, scenario: string, field: TerminalField): CaseValue {
  const base = doc.valuation.terminalValue[field] ?? Number.NaN;
  const override = findScenario(doc, scenario)?.overrides.terminalValue?.[field];
  return { value: override ?? base, base, overridden: override !== undefined && !sameNumber(override, base) };
}

/** Sets it in the base case or as the scenario's change; an emptied exit multiple leaves the model without one (it is optional). */
export function setTerminalValue(doc: FinancialModel, scenario: string, field: TerminalField, value: number): FinancialModel {
  const v = doc.valuation;
  if (scenario === BASE)
    return {
      ...doc,
      valuation: {
        ...v,
        terminalValue:
          field === 'exitMultiple' && Number.isNaN(value) ? without(v.terminalValue, field) : { ...v.terminalValue, [field]: value },
      },
    };
  const base = v.terminalValue[field] ?? Number.NaN;
  return withOverrides(doc, scenario, (o) => ({
    ...o,
    terminalValue: sameNumber(value, base) ? without(o.terminalValue, field) : { ...o.terminalValue, [field]: value },
  }));
}

export const resetTerminal = (doc: FinancialModel, scenario: string, field: TerminalField): FinancialModel =>
  withOverrides(doc, scenario, (o) => ({ ...o, terminalValue: without(o.terminalValue, field) }));

export const setTerminalMethod = (doc: FinancialModel, method: 'gordon' | 'exitMultiple'): FinancialModel => ({
  ...doc,
  valuation: { ...doc.valuation, terminalValue: { ...doc.valuation.terminalValue, method } },
});

export const setMidYearConvention = (doc: FinancialModel, midYearConvention: boolean): FinancialModel => ({
  ...doc,
  valuation: { ...doc.valuation, midYearConvention },
});

// ---------- comparing drafts ----------

/** Whether two documents are the same (edits keep key order, so their JSON is comparable). */
export const sameDocument = (a: FinancialModel, b: FinancialModel): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The cases of a model: the base case first, then each scenario with its label. */
export const caseNames = (doc: FinancialModel): { name: string; label: string | undefined }[] => [
  { name: BASE, label: undefined },
  ...doc.scenarios.map((s) => ({ name: s.name, label: s.label })),
];
