import type { FinancialModel } from '../../../shared/contracts/financial-model.js';
import {
  analyzeLines,
  type Bound,
  builtInsWithBaseYear,
  type FormulaNode,
  type FunctionName,
} from '../../../shared/contracts/financial-model-formula.js';
import { AppError } from '../../../shared/errors.js';
import * as excel from './excel-functions.js';

/**
 * Segment build-ups and custom lines (issue #13 point 9; docs/decisions/0010, "Segments and custom
 * lines"). Pure: the case carries the parsed formulas; the projection calls in here to build
 * revenue from segments, to take operating-cost lines off before EBITDA, and to compute the lines
 * shown beside it. A formula never yields NaN or Infinity: a year that cannot be computed is an
 * error for that year (null in a shown line; an operating-cost line makes the case not valuable).
 */

export interface CaseSegment {
  name: string;
  label: string;
  baseVolume: number;
  basePrice: number;
  volumeGrowth: number[];
  priceGrowth: number[];
  /** Null: the segment has no variable cost. */
  unitCost: number | null;
  unitCostGrowth: number[];
}

export interface CaseLine {
  name: string;
  label: string;
  format: 'money' | 'percent' | 'number';
  role: 'display' | 'operatingCost';
  opening: number | null;
  tree: FormulaNode;
  /** Computed before EBITDA: an operating-cost line, or a line one uses. */
  beforeCosts: boolean;
}

export interface CaseCustom {
  segments: CaseSegment[];
  lines: CaseLine[];
  /** The order lines are computed in within a year (every same-year reference before its user). */
  order: number[];
  /**
   * Year ends as Excel date serials, the base year's first (index k + 1 for year k): the valuation
   * date, then one year later each year (Excel's EDATE). XNPV and XIRR date their values with them.
   */
  yearEnds: number[];
  /** Base-year D&A and EBIT (the last historical year), for `depreciation[-1]` and `ebit[-1]`. */
  baseDepreciation: number;
  baseEbit: number;
}

export interface SegmentProjection {
  name: string;
  label: string;
  volume: number[];
  price: number[];
  revenue: number[];
  /** Null when the segment has no unit cost. */
  unitCost: number[] | null;
  cost: number[] | null;
}

export interface LineProjection {
  name: string;
  label: string;
  format: 'money' | 'percent' | 'number';
  role: 'display' | 'operatingCost';
  /** Null in a year the formula cannot be computed (see errors). */
  values: (number | null)[];
  errors: { year: number; error: string; message: string }[];
}

/** A year a formula cannot compute, with Excel's name for the error. */
export class FormulaError extends Error {
  constructor(
    readonly error: '#DIV/0!' | '#NUM!' | '#VALUE!' | '#REF!' | '#N/A',
    message: string,
  ) {
    super(message);
  }
}

const perYear = (v: number | number[], n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : [...v]);

/** The case's segments and lines (a scenario's segment growth applied), or null when the model has neither. */
export function customOf(model: FinancialModel, scenario: string): CaseCustom | null {
  const f = model.forecast;
  if (!f.segments?.length && !f.lines?.length) return null;
  const n = f.years.length;
  const overrides = scenario === 'base' ? undefined : model.scenarios.find((s) => s.name === scenario)?.overrides.forecast?.segments;
  const segments: CaseSegment[] = (f.segments ?? []).map((s) => {
    const o = overrides?.find((x) => x.name === s.name);
    return {
      name: s.name,
      label: s.label ?? s.name,
      baseVolume: s.baseVolume,
      basePrice: s.basePrice,
      volumeGrowth: perYear(o?.volumeGrowth ?? s.volumeGrowth, n),
      priceGrowth: perYear(o?.priceGrowth ?? s.priceGrowth ?? 0, n),
      unitCost: s.unitCost ?? null,
      unitCostGrowth: perYear(o?.unitCostGrowth ?? s.unitCostGrowth ?? 0, n),
    };
  });
  const lines = f.lines ?? [];
  const analysis = analyzeLines(
    lines.map((l) => ({ name: l.name, formula: l.formula, role: l.role })),
    segments.map((s) => ({ name: s.name, hasUnitCost: s.unitCost !== null })),
  );
  if (analysis.problems.length > 0)
    throw new AppError('invalid_input', 'A custom line cannot be computed.', {
      reason: 'invalid_model',
      issues: analysis.problems.map((p) => ({
        path: ['forecast', 'lines', p.line, 'formula'],
        code: p.code,
        message: p.message,
        params: p.params,
      })),
    });
  const base = model.historicals.at(-1);
  return {
    segments,
    lines: lines.map((l, i) => ({
      name: l.name,
      label: l.label ?? l.name,
      format: l.format,
      role: l.role,
      opening: l.opening ?? null,
      tree: analysis.trees[i] as FormulaNode,
      beforeCosts: analysis.beforeCosts.has(i),
    })),
    order: topologicalOrder(analysis.sameYear),
    yearEnds: Array.from({ length: n + 1 }, (_, k) => yearEndSerial(model.meta.valuationDate, k)),
    baseDepreciation: base?.incomeStatement.depreciationAmortization ?? 0,
    baseEbit: base?.incomeStatement.operatingIncome ?? 0,
  };
}

/** Lines in an order where each comes after the lines it uses in the same year (analyzeLines refused circles). */
function topologicalOrder(sameYear: number[][]): number[] {
  const out: number[] = [];
  const done = new Set<number>();
  const visit = (i: number) => {
    if (done.has(i)) return;
    done.add(i);
    for (const j of sameYear[i] ?? []) visit(j);
    out.push(i);
  };
  sameYear.forEach((_, i) => {
    visit(i);
  });
  return out;
}

/** volumeₜ = volumeₜ₋₁ · (1 + growthₜ), the same for price and unit cost; revenue = volume · price; cost = volume · unit cost. */
export function projectSegments(segments: readonly CaseSegment[], n: number): SegmentProjection[] {
  return segments.map((s) => {
    const volume = new Array<number>(n);
    const price = new Array<number>(n);
    const revenue = new Array<number>(n);
    const unitCost = s.unitCost === null ? null : new Array<number>(n);
    const cost = s.unitCost === null ? null : new Array<number>(n);
    let v = s.baseVolume;
    let p = s.basePrice;
    let u = s.unitCost ?? 0;
    for (let i = 0; i < n; i++) {
      v = v * (1 + (s.volumeGrowth[i] ?? 0));
      p = p * (1 + (s.priceGrowth[i] ?? 0));
      volume[i] = v;
      price[i] = p;
      revenue[i] = v * p;
      if (unitCost && cost) {
        u = u * (1 + (s.unitCostGrowth[i] ?? 0));
        unitCost[i] = u;
        cost[i] = v * u;
      }
    }
    return { name: s.name, label: s.label, volume, price, revenue, unitCost, cost };
  });
}

/** Σ of the segments' values in segment order (the workbook writes the same sum, left to right). */
export function sumInOrder(rows: readonly (readonly number[])[], n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let sum = rows[0]?.[i] ?? 0;
    for (let k = 1; k < rows.length; k++) sum = sum + (rows[k]?.[i] ?? 0);
    out[i] = sum;
  }
  return out;
}

/** Revenue growth implied by segment revenue (for the driver row, checks and the sensitivity base). */
export function impliedGrowth(baseRevenue: number, revenue: readonly number[]): number[] {
  return revenue.map((r, i) => {
    const before = i === 0 ? baseRevenue : (revenue[i - 1] ?? 0);
    return before === 0 ? 0 : r / before - 1;
  });
}

/** The values a formula reads: built-in lines, segment values and custom lines by year (index −1: the base year). */
export interface LineEnvironment {
  years: readonly number[];
  /** Built-in lines computed so far, by name. */
  builtIns: Partial<Record<string, readonly number[]>>;
  /** Base-year values of built-in lines, by name. */
  builtInBase: Partial<Record<string, number>>;
  segments: readonly SegmentProjection[];
  segmentBase: ReadonlyMap<string, number>;
}

/**
 * Computes the custom lines of one stage (before costs, or the rest), year by year in dependency
 * order, into `out` (the values of lines computed earlier are read from there).
 */
export function evaluateLines(custom: CaseCustom, env: LineEnvironment, stage: 'beforeCosts' | 'after', out: LineProjection[]): void {
  const n = env.years.length;
  const byName = new Map(custom.lines.map((l, i) => [l.name, i]));
  const segmentRows = new Map<string, readonly number[] | null>();
  for (const s of env.segments) {
    segmentRows.set(`${s.name}.volume`, s.volume);
    segmentRows.set(`${s.name}.price`, s.price);
    segmentRows.set(`${s.name}.revenue`, s.revenue);
    segmentRows.set(`${s.name}.unitCost`, s.unitCost);
    segmentRows.set(`${s.name}.cost`, s.cost);
  }
  // Lines of the first stage are all computed when the second runs; within a stage, year by year.
  const computed = custom.lines.map((l) => new Array<boolean>(n).fill(stage === 'after' && l.beforeCosts));
  for (const [i, l] of custom.lines.entries())
    if (!out[i]) out[i] = { name: l.name, label: l.label, format: l.format, role: l.role, values: new Array(n).fill(null), errors: [] };
  const lookup = (name: string, idx: number, year: number): number => {
    if (idx < -1 || idx >= n)
      throw new FormulaError(
        '#REF!',
        `${name} has no value ${idx < 0 ? 'before the base year' : 'after the last forecast year'} (in ${year}).`,
      );
    const j = byName.get(name);
    if (j !== undefined) {
      const line = custom.lines[j] as CaseLine;
      if (idx === -1) {
        if (line.opening === null)
          throw new FormulaError(
            '#REF!',
            `${name} has no base-year value: give the line an "opening" value to use ${name}[-1] in the first year.`,
          );
        return line.opening;
      }
      const v = out[j]?.values[idx];
      if (!computed[j]?.[idx])
        throw new FormulaError('#REF!', `${name} is not computed yet in ${env.years[idx] ?? ''} (circular reference).`);
      if (v === null || v === undefined) throw new FormulaError('#VALUE!', `${name} cannot be computed in ${env.years[idx] ?? ''}.`);
      return v;
    }
    if (segmentRows.has(name)) {
      if (idx === -1) return env.segmentBase.get(name) as number;
      return segmentRows.get(name)?.[idx] ?? 0;
    }
    if (idx === -1) {
      const base = env.builtInBase[name];
      if (!builtInsWithBaseYear.has(name) || base === undefined)
        throw new FormulaError('#REF!', `${name} has no base-year value; only revenue, ebitda, depreciation, ebit and nwc have one.`);
      return base;
    }
    const row = env.builtIns[name];
    if (!row) throw new FormulaError('#REF!', `${name} is not known at this point.`);
    return row[idx] ?? 0;
  };
  // Each name is looked up once: built-in and segment rows are read straight from their arrays.
  const sources = new Map<string, (idx: number, year: number) => number>();
  const valueAt = (name: string, idx: number, year: number): number => {
    let source = sources.get(name);
    if (!source) {
      const row = byName.has(name) ? undefined : (segmentRows.get(name) ?? env.builtIns[name] ?? undefined);
      source = row
        ? (k: number, y: number) => (k >= 0 && k < n ? (row[k] as number) : lookup(name, k, y))
        : (k: number, y: number) => lookup(name, k, y);
      sources.set(name, source);
    }
    return source(idx, year);
  };
  for (let i = 0; i < n; i++) {
    const year = env.years[i] ?? 0;
    for (const j of custom.order) {
      const line = custom.lines[j] as CaseLine;
      if (line.beforeCosts !== (stage === 'beforeCosts')) continue;
      const target = out[j] as LineProjection;
      try {
        target.values[i] = scalar(evaluate(line.tree, { i, n, year, valueAt, yearEnds: custom.yearEnds }));
      } catch (e) {
        if (!(e instanceof FormulaError)) throw e;
        target.values[i] = null;
        target.errors.push({ year, error: e.error, message: e.message });
      }
      (computed[j] as boolean[])[i] = true;
    }
  }
}

interface EvalContext {
  i: number;
  n: number;
  year: number;
  valueAt: (name: string, idx: number, year: number) => number;
  /** Year ends as Excel serials, the base year's first (CaseCustom.yearEnds). */
  yearEnds: readonly number[];
}

type Value = number | number[];

const finite = (x: number, what: string): number => {
  if (Number.isFinite(x)) return x;
  throw Number.isNaN(x) ? new FormulaError('#NUM!', `${what} has no value.`) : new FormulaError('#DIV/0!', `${what} is infinite.`);
};

function scalar(v: Value): number {
  if (Array.isArray(v)) throw new FormulaError('#VALUE!', 'A range of years is a list, not one number.');
  return v;
}

export function boundIndex(b: Bound, i: number, n: number): number {
  return b.kind === 'offset' ? i + b.value : b.kind === 'first' ? 0 : n - 1;
}

function evaluate(node: FormulaNode, ctx: EvalContext): Value {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'ref': {
      if (node.name === 't') return ctx.i + 1;
      if (node.name === 'year') return ctx.year;
      return ctx.valueAt(node.name, node.at ? boundIndex(node.at, ctx.i, ctx.n) : ctx.i, ctx.year);
    }
    case 'range': {
      const from = boundIndex(node.from, ctx.i, ctx.n);
      const to = boundIndex(node.to, ctx.i, ctx.n);
      if (from > to) throw new FormulaError('#REF!', `${node.name}: the range's first year comes after its last (in ${ctx.year}).`);
      const out: number[] = [];
      for (let k = from; k <= to; k++) out.push(ctx.valueAt(node.name, k, ctx.year));
      return out;
    }
    case 'unary':
      return -scalar(evaluate(node.arg, ctx));
    case 'binary': {
      const a = scalar(evaluate(node.left, ctx));
      const b = scalar(evaluate(node.right, ctx));
      switch (node.op) {
        case '+':
          return finite(a + b, 'A sum');
        case '-':
          return finite(a - b, 'A difference');
        case '*':
          return finite(a * b, 'A product');
        case '/':
          if (b === 0) throw new FormulaError('#DIV/0!', `Division by zero in ${ctx.year}.`);
          return finite(a / b, 'A quotient');
        case '^':
          if (a === 0 && b < 0) throw new FormulaError('#DIV/0!', `0 to a negative power in ${ctx.year}.`);
          return finite(a ** b, 'A power');
        case '=':
          return a === b ? 1 : 0;
        case '<>':
          return a !== b ? 1 : 0;
        case '<':
          return a < b ? 1 : 0;
        case '<=':
          return a <= b ? 1 : 0;
        case '>':
          return a > b ? 1 : 0;
        case '>=':
          return a >= b ? 1 : 0;
      }
      return 0;
    }
    case 'call':
      return call(node.fn, node.args, ctx);
  }
}

function call(fn: FunctionName, args: FormulaNode[], ctx: EvalContext): number {
  // IF computes only the branch it takes; every other function computes all its arguments first (as Excel does).
  if (fn === 'IF')
    return scalar(evaluate(args[0] as FormulaNode, ctx)) !== 0
      ? scalar(evaluate(args[1] as FormulaNode, ctx))
      : scalar(evaluate(args[2] as FormulaNode, ctx));
  const vals = new Array<Value>(args.length);
  for (let k = 0; k < args.length; k++) vals[k] = evaluate(args[k] as FormulaNode, ctx);
  const num = (k: number) => scalar(vals[k] as Value);
  const opt = (k: number, dflt: number) => (k < vals.length ? num(k) : dflt);
  switch (fn) {
    case 'SUM':
      return finite(sumOf(flat(vals, 0)), 'SUM');
    case 'MIN':
      return minOf(flat(vals, 0));
    case 'MAX':
      return maxOf(flat(vals, 0));
    case 'AVERAGE': {
      const xs = flat(vals, 0);
      return finite(sumOf(xs) / xs.length, 'AVERAGE');
    }
    case 'ABS':
      return Math.abs(num(0));
    case 'SQRT': {
      const x = num(0);
      if (x < 0) throw new FormulaError('#NUM!', `SQRT of a negative number in ${ctx.year}.`);
      return Math.sqrt(x);
    }
    case 'LN': {
      const x = num(0);
      if (x <= 0) throw new FormulaError('#NUM!', `LN of a number that is not positive in ${ctx.year}.`);
      return Math.log(x);
    }
    case 'EXP':
      return finite(Math.exp(num(0)), 'EXP');
    case 'AND':
      return flat(vals, 0).every((x) => x !== 0) ? 1 : 0;
    case 'OR':
      return flat(vals, 0).some((x) => x !== 0) ? 1 : 0;
    case 'NOT':
      return num(0) === 0 ? 1 : 0;
    case 'NPV':
      return fromExcel(fn, excel.npv(num(0), flat(vals, 1)));
    case 'IRR':
      return fromExcel(fn, excel.irr(flat([vals[0] as Value], 0), opt(1, 0.1)));
    case 'XNPV':
      return fromExcel(fn, excel.xnpv(num(0), flat([vals[1] as Value], 0), datesOf(args[1] as FormulaNode, ctx)));
    case 'XIRR':
      return fromExcel(fn, excel.xirr(flat([vals[0] as Value], 0), datesOf(args[0] as FormulaNode, ctx), opt(1, 0.1)));
    case 'MIRR':
      return fromExcel(fn, excel.mirr(flat([vals[0] as Value], 0), num(1), num(2)));
    case 'PMT':
      return fromExcel(fn, excel.pmt(num(0), num(1), num(2), opt(3, 0), timing(fn, opt(4, 0))));
    case 'PV':
      return fromExcel(fn, excel.pv(num(0), num(1), num(2), opt(3, 0), timing(fn, opt(4, 0))));
    case 'FV':
      return fromExcel(fn, excel.fv(num(0), num(1), num(2), opt(3, 0), timing(fn, opt(4, 0))));
    case 'NPER':
      return fromExcel(fn, excel.nper(num(0), num(1), num(2), opt(3, 0), timing(fn, opt(4, 0))));
    case 'RATE':
      return fromExcel(fn, excel.rate(num(0), num(1), num(2), opt(3, 0), timing(fn, opt(4, 0)), opt(5, 0.1)));
  }
}

/** The year ends of a range's years (the parser allows only a range where XNPV and XIRR take their values). */
function datesOf(node: FormulaNode, ctx: EvalContext): number[] {
  if (node.kind !== 'range') throw new FormulaError('#VALUE!', 'XNPV and XIRR take a line over a range of years.');
  const from = boundIndex(node.from, ctx.i, ctx.n);
  const to = boundIndex(node.to, ctx.i, ctx.n);
  const out: number[] = [];
  for (let k = from; k <= to; k++) out.push(ctx.yearEnds[k + 1] ?? Number.NaN);
  return out;
}

/** Excel's date serial of the valuation date moved by whole years, the day cut to the month's end (EDATE). */
export function yearEndSerial(valuationDate: string, years: number): number {
  const [y, m, d] = valuationDate.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return Date.UTC(y + years, m - 1, Math.min(d, lastDay)) / 86_400_000 + 25_569;
}

/** The arguments from `from` on as one list (ranges spread in order). */
function flat(vals: readonly Value[], from: number): number[] {
  const out: number[] = [];
  for (let k = from; k < vals.length; k++) {
    const v = vals[k] as Value;
    if (Array.isArray(v)) for (const x of v) out.push(x);
    else out.push(v);
  }
  return out;
}

/** Left to right, as Excel's SUM adds. */
function sumOf(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function maxOf(xs: readonly number[]): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > m) m = x;
  return m;
}

function minOf(xs: readonly number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const x of xs) if (x < m) m = x;
  return m;
}

function fromExcel(fn: FunctionName, r: excel.ExcelResult): number {
  if (r.ok) return r.value;
  throw new FormulaError(r.error === '#DIV/0!' ? '#DIV/0!' : r.error === '#VALUE!' ? '#VALUE!' : '#NUM!', `${fn}: ${r.message}`);
}

function timing(fn: FunctionName, t: number): excel.PaymentTiming {
  if (t !== 0 && t !== 1) throw new FormulaError('#NUM!', `${fn}: type must be 0 (end of period) or 1 (beginning).`);
  return t;
}

/** Base-year values of segment values, by `<segment>.<field>`. */
function segmentBaseOf(segments: readonly CaseSegment[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of segments) {
    out.set(`${s.name}.volume`, s.baseVolume);
    out.set(`${s.name}.price`, s.basePrice);
    out.set(`${s.name}.revenue`, s.baseVolume * s.basePrice);
    if (s.unitCost !== null) {
      out.set(`${s.name}.unitCost`, s.unitCost);
      out.set(`${s.name}.cost`, s.baseVolume * s.unitCost);
    }
  }
  return out;
}

/** What the projection needs before EBITDA: segment values, the first stage of lines and the operating costs. */
export interface BeforeCosts {
  segments: SegmentProjection[];
  lines: LineProjection[];
  /** Segment costs and operating-cost lines, summed in that order; null when the model has none. NaN when a cost line cannot be computed. */
  costs: number[] | null;
}

/**
 * Revenue from segments (written into `revenues`, which holds the growth-driven revenue otherwise),
 * then the lines computed before EBITDA and the operating costs they and the segments make.
 */
export function beforeCosts(
  c: {
    years: number[];
    baseRevenue: number;
    baseEbitda: number;
    baseNetWorkingCapital: number;
    custom?: CaseCustom;
    drivers: { depreciationPercentOfRevenue: number[] };
  },
  revenues: number[],
): BeforeCosts | null {
  const custom = c.custom;
  if (!custom) return null;
  const n = c.years.length;
  const segments = projectSegments(custom.segments, n);
  if (segments.length > 0) {
    const sum = sumInOrder(
      segments.map((s) => s.revenue),
      n,
    );
    for (let i = 0; i < n; i++) revenues[i] = sum[i] ?? 0;
  }
  const depreciation = revenues.map((r, i) => r * (c.drivers.depreciationPercentOfRevenue[i] ?? 0));
  const lines: LineProjection[] = [];
  evaluateLines(custom, environment(c, custom, segments, { revenue: revenues, depreciation }), 'beforeCosts', lines);
  const costRows: (readonly number[])[] = segments.flatMap((s) => (s.cost ? [s.cost] : []));
  custom.lines.forEach((l, i) => {
    if (l.role === 'operatingCost') costRows.push((lines[i]?.values ?? []).map((v) => (v === null ? Number.NaN : v)));
  });
  return { segments, lines, costs: costRows.length > 0 ? sumInOrder(costRows, n) : null };
}

function environment(
  c: { years: number[]; baseRevenue: number; baseEbitda: number; baseNetWorkingCapital: number },
  custom: CaseCustom,
  segments: SegmentProjection[],
  builtIns: Partial<Record<string, readonly number[]>>,
): LineEnvironment {
  return {
    years: c.years,
    builtIns,
    builtInBase: {
      revenue: c.baseRevenue,
      ebitda: c.baseEbitda,
      depreciation: custom.baseDepreciation,
      ebit: custom.baseEbit,
      nwc: c.baseNetWorkingCapital,
    },
    segments,
    segmentBase: segmentBaseOf(custom.segments),
  };
}

/** The second stage: every other line, with the whole projection to read. */
export function afterProjection(
  c: { years: number[]; baseRevenue: number; baseEbitda: number; baseNetWorkingCapital: number; custom?: CaseCustom },
  before: BeforeCosts,
  p: {
    revenue: number[];
    ebitda: number[];
    depreciation: number[];
    ebit: number[];
    taxes: number[];
    nopat: number[];
    capex: number[];
    netWorkingCapital: number[];
    changeInNetWorkingCapital: number[];
    freeCashFlow: number[];
  },
): LineProjection[] {
  const custom = c.custom as CaseCustom;
  const lines = before.lines;
  evaluateLines(
    custom,
    environment(c, custom, before.segments, {
      revenue: p.revenue,
      ebitda: p.ebitda,
      depreciation: p.depreciation,
      ebit: p.ebit,
      taxes: p.taxes,
      nopat: p.nopat,
      capex: p.capex,
      nwc: p.netWorkingCapital,
      changeInNwc: p.changeInNetWorkingCapital,
      fcff: p.freeCashFlow,
    }),
    'after',
    lines,
  );
  return lines;
}

/** Revenue growth a segment model implies, as its driver path (what checks and the workbook's driver row read). */
export function segmentGrowthOf(custom: CaseCustom, baseRevenue: number, n: number): number[] {
  const revenue = sumInOrder(
    projectSegments(custom.segments, n).map((s) => s.revenue),
    n,
  );
  return impliedGrowth(baseRevenue, revenue);
}

/**
 * A revenue-growth sensitivity on a segment model moves every segment's volume growth by the
 * shift (price growth stays): the revenue then grows by about the shift more each year.
 */
export function shiftSegmentVolumes(custom: CaseCustom, shift: number): CaseCustom {
  return { ...custom, segments: custom.segments.map((s) => ({ ...s, volumeGrowth: s.volumeGrowth.map((g) => g + shift) })) };
}
