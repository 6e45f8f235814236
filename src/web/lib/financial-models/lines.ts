import type { FinancialModel, ScenarioOverrides } from '../../../shared/contracts/financial-model';
import { FormulaSyntaxError, lineNamePattern, parseFormula } from '../../../shared/contracts/financial-model-formula';
import type { CustomLine, Segment } from '../../../shared/contracts/financial-model-lines';
import { leverOn, leverPath } from './depth';
import { BASE } from './edit';
import { sameNumber } from './numbers';

/**
 * Edits of segment build-ups and custom lines (forecast.segments, forecast.lines; docs/decisions/0010,
 * "Segments and custom lines"). Switching revenue between growth rates and segments keeps the value:
 * to segments, one segment whose volume is the base-year revenue at a price of 1, growing at the
 * revenue growth (each scenario's growth becomes its change of that segment's volume growth); back
 * to growth rates, the growth the segments imply, in the base case and in each scenario.
 */

type Forecast = FinancialModel['forecast'];
type ForecastOverrides = NonNullable<ScenarioOverrides['forecast']>;
type SegmentOverride = NonNullable<ForecastOverrides['segments']>[number];
export type GrowthKey = 'volumeGrowth' | 'priceGrowth' | 'unitCostGrowth';
export type RevenueMode = 'growth' | 'segments';

const round = (x: number) => Number.parseFloat(x.toFixed(8));
const perYear = (v: number | number[] | undefined, n: number): number[] =>
  v === undefined ? new Array<number>(n).fill(0) : typeof v === 'number' ? new Array<number>(n).fill(v) : [...v];

function omit<T extends object, K extends keyof T>(object: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...object };
  for (const key of keys) delete copy[key];
  return copy;
}

/** Drops empty groups, as the editor's other edits do. */
function tidy(o: ScenarioOverrides): ScenarioOverrides {
  const out = { ...o };
  let f = out.forecast;
  if (f?.levers && Object.keys(f.levers).length === 0) f = omit(f, 'levers');
  if (f?.segments && f.segments.length === 0) f = omit(f, 'segments');
  if (f && Object.keys(f).length > 0) out.forecast = f;
  else delete out.forecast;
  return out;
}

const mapScenarios = (doc: FinancialModel, change: (o: ScenarioOverrides, name: string) => ScenarioOverrides): FinancialModel =>
  doc.scenarios.length === 0
    ? doc
    : { ...doc, scenarios: doc.scenarios.map((s) => ({ ...s, overrides: tidy(change(s.overrides, s.name)) })) };

const withForecast = (doc: FinancialModel, forecast: Forecast): FinancialModel => ({ ...doc, forecast });

export const revenueMode = (doc: FinancialModel): RevenueMode => ((doc.forecast.segments?.length ?? 0) > 0 ? 'segments' : 'growth');

/** The base-year (last historical) revenue: what the first forecast year's growth is measured from. */
export const baseRevenue = (doc: FinancialModel): number => doc.historicals.at(-1)?.incomeStatement.revenue ?? 0;

/** A segment as a case sees it: the model's, with the scenario's growth. */
function caseSegment(doc: FinancialModel, scenario: string, s: Segment): Segment {
  const o = segmentOverride(doc, scenario, s.name);
  if (!o) return s;
  return {
    ...s,
    volumeGrowth: o.volumeGrowth ?? s.volumeGrowth,
    ...((o.priceGrowth ?? s.priceGrowth) !== undefined && { priceGrowth: o.priceGrowth ?? s.priceGrowth }),
    ...((o.unitCostGrowth ?? s.unitCostGrowth) !== undefined && { unitCostGrowth: o.unitCostGrowth ?? s.unitCostGrowth }),
  };
}

/** Revenue by year of a case's segments (volume × price, summed in the segments' order, as the engine does). */
export function segmentRevenue(doc: FinancialModel, scenario: string): number[] {
  const n = doc.forecast.years.length;
  const out = new Array<number>(n).fill(0);
  for (const raw of doc.forecast.segments ?? []) {
    const s = caseSegment(doc, scenario, raw);
    const vg = perYear(s.volumeGrowth, n);
    const pg = perYear(s.priceGrowth, n);
    let v = s.baseVolume;
    let p = s.basePrice;
    for (let i = 0; i < n; i++) {
      v = v * (1 + (vg[i] ?? 0));
      p = p * (1 + (pg[i] ?? 0));
      out[i] = (out[i] ?? 0) + v * p;
    }
  }
  return out;
}

/** The revenue growth a case's segments imply (what the grid shows, read-only, for a model with segments). */
export function impliedRevenueGrowth(doc: FinancialModel, scenario: string): number[] {
  const revenue = segmentRevenue(doc, scenario);
  return revenue.map((r, i) => {
    const before = i === 0 ? baseRevenue(doc) : (revenue[i - 1] ?? 0);
    return before === 0 ? 0 : r / before - 1;
  });
}

/** The revenue growth path of a case, from its list or its lever. */
function growthPath(doc: FinancialModel, scenario: string): number[] {
  if (leverOn(doc, 'revenueGrowth')) return leverPath(doc, scenario, 'revenueGrowth') ?? doc.forecast.revenueGrowth;
  const own = scenario === BASE ? undefined : doc.scenarios.find((s) => s.name === scenario)?.overrides.forecast?.revenueGrowth;
  return own ?? doc.forecast.revenueGrowth;
}

/** The first free name like `segment1` among segments and lines. */
function freeName(doc: FinancialModel, stem: string): string {
  const taken = new Set([...(doc.forecast.segments ?? []).map((s) => s.name), ...(doc.forecast.lines ?? []).map((l) => l.name)]);
  let k = 1;
  while (taken.has(`${stem}${k}`)) k++;
  return `${stem}${k}`;
}

/** Revenue from growth rates or from segments; the value of each case stays what it was. */
export function switchRevenueMode(doc: FinancialModel, to: RevenueMode): FinancialModel {
  if (revenueMode(doc) === to) return doc;
  const f = doc.forecast;
  if (to === 'segments') {
    const name = freeName(doc, 'segment');
    const base = growthPath(doc, BASE);
    const segment: Segment = { name, baseVolume: baseRevenue(doc), basePrice: 1, volumeGrowth: base };
    const scenarioPaths = new Map(doc.scenarios.map((s) => [s.name, growthPath(doc, s.name)]));
    const levers = f.levers ? omit(f.levers, 'revenueGrowth') : undefined;
    const forecast: Forecast = { ...omit(f, 'levers'), revenueGrowth: [], segments: [segment] };
    if (levers && Object.keys(levers).length > 0) forecast.levers = levers;
    return mapScenarios(withForecast(doc, forecast), (o, scenario) => {
      const path = scenarioPaths.get(scenario) ?? base;
      let fo: ForecastOverrides = o.forecast ? omit(o.forecast, 'revenueGrowth') : {};
      if (fo.levers) fo = { ...fo, levers: omit(fo.levers, 'revenueGrowth') };
      const differs = path.some((g, i) => !sameNumber(g, base[i] ?? Number.NaN));
      if (differs) fo = { ...fo, segments: [{ name, volumeGrowth: path }] };
      return { ...o, forecast: fo };
    });
  }
  const revenueGrowth = impliedRevenueGrowth(doc, BASE).map(round);
  const implied = new Map(doc.scenarios.map((s) => [s.name, impliedRevenueGrowth(doc, s.name).map(round)]));
  const next = withForecast(doc, { ...omit(f, 'segments'), revenueGrowth });
  return mapScenarios(next, (o, scenario) => {
    if (!o.forecast?.segments) return o;
    const own = implied.get(scenario) ?? revenueGrowth;
    const fo = omit(o.forecast, 'segments');
    const differs = own.some((g, i) => !sameNumber(g, revenueGrowth[i] ?? Number.NaN));
    return { ...o, forecast: differs ? { ...fo, revenueGrowth: own } : fo };
  });
}

// ---------- segments ----------

const segmentsOf = (doc: FinancialModel): Segment[] => doc.forecast.segments ?? [];
const withSegments = (doc: FinancialModel, segments: Segment[]): FinancialModel => withForecast(doc, { ...doc.forecast, segments });

/** A new segment: no volume yet, a price of 1, the volume growing as the first segment's. */
export function addSegment(doc: FinancialModel): FinancialModel {
  const n = doc.forecast.years.length;
  const first = segmentsOf(doc)[0];
  const segment: Segment = {
    name: freeName(doc, 'segment'),
    baseVolume: 0,
    basePrice: 1,
    volumeGrowth: first ? perYear(first.volumeGrowth, n) : new Array<number>(n).fill(0),
  };
  return withSegments(doc, [...segmentsOf(doc), segment]);
}

/** Removes a segment and the scenarios' changes of it (the last one stays: switch to growth rates instead). */
export function removeSegment(doc: FinancialModel, index: number): FinancialModel {
  const segments = segmentsOf(doc);
  const gone = segments[index];
  if (!gone || segments.length <= 1) return doc;
  const next = withSegments(
    doc,
    segments.filter((_, i) => i !== index),
  );
  return mapScenarios(next, (o) =>
    o.forecast?.segments ? { ...o, forecast: { ...o.forecast, segments: o.forecast.segments.filter((s) => s.name !== gone.name) } } : o,
  );
}

/** Renames a segment; scenarios' changes and formulas that name it follow. */
export function renameSegment(doc: FinancialModel, index: number, name: string): FinancialModel {
  const old = segmentsOf(doc)[index]?.name;
  if (old === undefined || old === name) return doc;
  const next = withSegments(
    doc,
    segmentsOf(doc).map((s, i) => (i === index ? { ...s, name } : s)),
  );
  const renamed = mapScenarios(next, (o) =>
    o.forecast?.segments
      ? { ...o, forecast: { ...o.forecast, segments: o.forecast.segments.map((s) => (s.name === old ? { ...s, name } : s)) } }
      : o,
  );
  if (!lineNamePattern.test(name)) return renamed;
  return renameInFormulas(renamed, (ref) => (ref.startsWith(`${old}.`) ? `${name}${ref.slice(old.length)}` : null));
}

export type SegmentField = 'label' | 'baseVolume' | 'basePrice' | 'unitCost';

/** Sets a segment's own field: text for the label (empty: none), numbers else; an emptied unit cost removes the variable cost. */
export function setSegmentField(doc: FinancialModel, index: number, field: SegmentField, value: string | number): FinancialModel {
  return withSegments(
    doc,
    segmentsOf(doc).map((s, i) => {
      if (i !== index) return s;
      if (field === 'label') return typeof value === 'string' && value.trim() !== '' ? { ...s, label: value } : omit(s, 'label');
      const v = Number(value);
      if (field === 'unitCost' && Number.isNaN(v)) return omit(s, 'unitCost', 'unitCostGrowth');
      return { ...s, [field]: v };
    }),
  );
}

function segmentOverride(doc: FinancialModel, scenario: string, name: string): SegmentOverride | undefined {
  if (scenario === BASE) return undefined;
  return doc.scenarios.find((s) => s.name === scenario)?.overrides.forecast?.segments?.find((o) => o.name === name);
}

export interface GrowthRow {
  values: number[];
  /** Per year: the scenario gives a value different from the base case. */
  overridden: boolean[];
}

/** A segment's growth by year as a case sees it. */
export function segmentGrowth(doc: FinancialModel, scenario: string, index: number, key: GrowthKey): GrowthRow {
  const n = doc.forecast.years.length;
  const s = segmentsOf(doc)[index];
  const base = perYear(s?.[key], n);
  const own = s ? segmentOverride(doc, scenario, s.name)?.[key] : undefined;
  const values = own === undefined ? base : perYear(own, n);
  return { values, overridden: values.map((v, i) => own !== undefined && !sameNumber(v, base[i] ?? Number.NaN)) };
}

/** Whether the scenario changes any growth of the segment. */
export const segmentOverridden = (doc: FinancialModel, scenario: string, index: number): boolean => {
  const s = segmentsOf(doc)[index];
  return s !== undefined && segmentOverride(doc, scenario, s.name) !== undefined;
};

/** Sets one year of a segment's growth, in the base case or as the scenario's change of it (equal to the base case: no change). */
export function setSegmentGrowth(
  doc: FinancialModel,
  scenario: string,
  index: number,
  key: GrowthKey,
  year: number,
  value: number,
): FinancialModel {
  const s = segmentsOf(doc)[index];
  if (!s) return doc;
  const row = segmentGrowth(doc, scenario, index, key).values.map((v, i) => (i === year ? value : v));
  if (scenario === BASE)
    return withSegments(
      doc,
      segmentsOf(doc).map((x, i) => (i === index ? { ...x, [key]: row } : x)),
    );
  const base = perYear(s[key], doc.forecast.years.length);
  const same = row.every((v, i) => sameNumber(v, base[i] ?? Number.NaN));
  return mapScenarios(doc, (o, name) => {
    if (name !== scenario) return o;
    const list = o.forecast?.segments ?? [];
    const current = list.find((x) => x.name === s.name) ?? { name: s.name };
    const changed: SegmentOverride = same ? omit(current, key) : { ...current, [key]: row };
    const keep = Object.keys(changed).length > 1;
    const others = list.filter((x) => x.name !== s.name);
    const segments = keep
      ? list.some((x) => x.name === s.name)
        ? list.map((x) => (x.name === s.name ? changed : x))
        : [...list, changed]
      : others;
    return { ...o, forecast: { ...o.forecast, segments } };
  });
}

/** The scenario takes the base case's growth of the segment again. */
export function resetSegment(doc: FinancialModel, scenario: string, index: number): FinancialModel {
  const s = segmentsOf(doc)[index];
  if (!s || scenario === BASE) return doc;
  return mapScenarios(doc, (o, name) =>
    name === scenario && o.forecast?.segments
      ? { ...o, forecast: { ...o.forecast, segments: o.forecast.segments.filter((x) => x.name !== s.name) } }
      : o,
  );
}

// ---------- custom lines ----------

const linesOf = (doc: FinancialModel): CustomLine[] => doc.forecast.lines ?? [];
function withLines(doc: FinancialModel, lines: CustomLine[]): FinancialModel {
  if (lines.length === 0) return withForecast(doc, omit(doc.forecast, 'lines') as Forecast);
  return withForecast(doc, { ...doc.forecast, lines });
}

/** A new display line (formula to be written: the draft's check names it until then). */
export const addLine = (doc: FinancialModel): FinancialModel =>
  withLines(doc, [...linesOf(doc), { name: freeName(doc, 'line'), formula: '', format: 'money', role: 'display' }]);

export const removeLine = (doc: FinancialModel, index: number): FinancialModel =>
  withLines(
    doc,
    linesOf(doc).filter((_, i) => i !== index),
  );

export type LineField = 'label' | 'formula' | 'format' | 'role' | 'opening';

export function setLineField(doc: FinancialModel, index: number, field: LineField, value: string | number): FinancialModel {
  return withLines(
    doc,
    linesOf(doc).map((l, i) => {
      if (i !== index) return l;
      if (field === 'label') return typeof value === 'string' && value.trim() !== '' ? { ...l, label: value } : omit(l, 'label');
      if (field === 'opening') return Number.isNaN(Number(value)) ? omit(l, 'opening') : { ...l, opening: Number(value) };
      return { ...l, [field]: value } as CustomLine;
    }),
  );
}

/** Renames a line; formulas that name it follow. */
export function renameLine(doc: FinancialModel, index: number, name: string): FinancialModel {
  const old = linesOf(doc)[index]?.name;
  if (old === undefined || old === name) return doc;
  const next = withLines(
    doc,
    linesOf(doc).map((l, i) => (i === index ? { ...l, name } : l)),
  );
  if (!lineNamePattern.test(name)) return next;
  return renameInFormulas(next, (ref) => (ref === old ? name : null));
}

/** Rewrites the names formulas use (formulas that do not parse are left as typed). */
function renameInFormulas(doc: FinancialModel, rename: (ref: string) => string | null): FinancialModel {
  const lines = linesOf(doc);
  if (lines.length === 0) return doc;
  return withLines(
    doc,
    lines.map((l) => {
      const refs = formulaRefs(l.formula);
      if (!refs) return l;
      let text = l.formula;
      // From the end, so earlier positions stay right.
      for (const r of [...refs].sort((a, b) => b.pos - a.pos)) {
        const to = rename(r.name);
        if (to !== null) text = `${text.slice(0, r.pos)}${to}${text.slice(r.pos + r.name.length)}`;
      }
      return text === l.formula ? l : { ...l, formula: text };
    }),
  );
}

/** The names a formula uses with their positions; null when it does not parse. */
function formulaRefs(formula: string): { name: string; pos: number }[] | null {
  try {
    const out: { name: string; pos: number }[] = [];
    const walk = (n: ReturnType<typeof parseFormula>) => {
      if (n.kind === 'ref' || n.kind === 'range') {
        // Only names written without spaces around the dot are rewritten.
        if (formula.startsWith(n.name, n.pos)) out.push({ name: n.name, pos: n.pos });
      } else if (n.kind === 'unary') walk(n.arg);
      else if (n.kind === 'binary') {
        walk(n.left);
        walk(n.right);
      } else if (n.kind === 'call') n.args.forEach(walk);
    };
    walk(parseFormula(formula));
    return out;
  } catch {
    return null;
  }
}

export interface FormulaCheck {
  /** 1-based character position of the first problem. */
  position: number;
  kind: 'syntax' | 'depth' | 'function';
}

/** The shared parser's verdict on a formula as typed: null when it reads (names are checked with the whole model). */
export function checkFormula(formula: string): FormulaCheck | null {
  if (formula.trim() === '') return null;
  try {
    parseFormula(formula);
    return null;
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return { position: e.position + 1, kind: e.kind };
    throw e;
  }
}
