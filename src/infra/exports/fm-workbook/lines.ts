import { lineLabelsFor } from '../../../core/workbenches/financial-modeling/line-labels.js';
import { boundIndex, yearEndSerial } from '../../../core/workbenches/financial-modeling/lines.js';
import {
  type Bound,
  builtInsWithBaseYear,
  datedFunctions,
  type FormulaNode,
  parseFormula,
} from '../../../shared/contracts/financial-model-formula.js';
import { type Built, NOT_AVAILABLE, num, type Sheet, yearCol } from './cells.js';

/**
 * Segment build-ups and custom lines on the Projections sheet (issue #13 point 9), as live formulas:
 * segment growth is typed in per year, volume, price and unit cost grow from their base-year
 * inputs, revenue is the sum of the segments', operating costs are taken off before EBITDA, and
 * each custom line's expression tree is written as an Excel formula over the cells of the lines it
 * uses (the same arithmetic, in the same order, as the engine, so a recalculation gives its values).
 * A shown line is wrapped in IFERROR(…, "n/a"), as the engine shows a year it cannot compute.
 */

/** The first row of the block, below the projection's own rows (the last is ROIC, row 29). */
const TOP = 31;

interface SegmentRows {
  name: string;
  volumeGrowth: number;
  priceGrowth: number;
  unitCostGrowth: number | null;
  volume: number;
  price: number;
  unitCost: number | null;
  revenue: number;
  cost: number | null;
}

export interface CustomRows {
  segments: SegmentRows[];
  /** The row of operating costs (segment costs + cost lines), when there are any. */
  costs: number | null;
  /** The row of each custom line, by name. */
  lines: Map<string, number>;
  segmentsHeader: number | null;
  linesHeader: number | null;
  /** The year-end dates XNPV and XIRR read, when a line uses one of them. */
  yearEnd: number | null;
}

/** Where the block's rows go, or null when the model has neither segments nor lines. */
export function customRows(b: Built): CustomRows | null {
  const f = b.model.forecast;
  if (!f.segments?.length && !f.lines?.length) return null;
  let row = TOP;
  const segmentsHeader = f.segments?.length ? row++ : null;
  const segments: SegmentRows[] = (f.segments ?? []).map((s) => {
    const withCost = s.unitCost !== undefined;
    const volumeGrowth = row++;
    const priceGrowth = row++;
    const unitCostGrowth = withCost ? row++ : null;
    const volume = row++;
    const price = row++;
    const unitCost = withCost ? row++ : null;
    const revenue = row++;
    const cost = withCost ? row++ : null;
    row++;
    return { name: s.name, volumeGrowth, priceGrowth, unitCostGrowth, volume, price, unitCost, revenue, cost };
  });
  const anyCost = segments.some((s) => s.cost !== null) || (f.lines ?? []).some((l) => l.role === 'operatingCost');
  const costs = anyCost ? row++ : null;
  if (anyCost) row++;
  const linesHeader = f.lines?.length ? row++ : null;
  const lines = new Map<string, number>();
  for (const l of f.lines ?? []) lines.set(l.name, row++);
  const dated = (f.lines ?? []).some((l) => {
    const tree = parsedTree(l.formula);
    return tree !== undefined && usesDatedFunction(tree);
  });
  const yearEnd = dated ? row + 1 : null;
  return { segments, costs, lines, segmentsHeader, linesHeader, yearEnd };
}

function usesDatedFunction(node: FormulaNode): boolean {
  if (node.kind === 'call') return datedFunctions[node.fn] !== undefined || node.args.some(usesDatedFunction);
  if (node.kind === 'unary') return usesDatedFunction(node.arg);
  if (node.kind === 'binary') return usesDatedFunction(node.left) || usesDatedFunction(node.right);
  return false;
}

/** Revenue of forecast column `col` as the sum of the segments' revenue cells, left to right. */
export function segmentRevenueFormula(rows: CustomRows, s: Sheet, col: number, f: (p: ReturnType<Sheet['at']>) => string): string {
  return rows.segments.map((x) => f(s.at(x.revenue, col))).join('+');
}

/** Writes the block. `R` are the projection's own rows (revenue, EBITDA, …). */
export function buildCustomRows(s: Sheet, b: Built, rows: CustomRows, R: Record<string, number>): void {
  const { model, valuation: v, n } = b;
  const W = lineLabelsFor(model.meta.language);
  const p = v.projection;
  const c3 = 3;
  if (rows.segmentsHeader !== null) s.text(rows.segmentsHeader, 1, W.segments, 'header');
  (model.forecast.segments ?? []).forEach((seg, k) => {
    const r = rows.segments[k] as SegmentRows;
    const sp = p.segments?.[k];
    const name = seg.label ?? seg.name;
    const perYear = (x: number | number[] | undefined) => (typeof x === 'number' || x === undefined ? new Array(n).fill(x ?? 0) : x);
    const growthRow = (row: number, label: string, values: number[]) => {
      s.text(row, 1, label);
      values.forEach((g, i) => {
        s.constant(row, yearCol(i), g, 'percent');
      });
    };
    growthRow(r.volumeGrowth, W.volumeGrowth(name), perYear(seg.volumeGrowth));
    growthRow(r.priceGrowth, W.priceGrowth(name), perYear(seg.priceGrowth));
    const grown = (row: number, growth: number, label: string, base: number, values: number[] | null | undefined) => {
      s.text(row, 1, label);
      s.constant(row, c3, base, 'factor');
      for (let i = 0; i < n; i++) {
        const col = yearCol(i);
        s.formula(row, col, (f) => `${f(s.at(row, col - 1))}*(1+${f(s.at(growth, col))})`, values?.[i] ?? 0, 'factor');
      }
    };
    grown(r.volume, r.volumeGrowth, W.volume(name), seg.baseVolume, sp?.volume);
    grown(r.price, r.priceGrowth, W.price(name), seg.basePrice, sp?.price);
    if (r.unitCostGrowth !== null && r.unitCost !== null && seg.unitCost !== undefined) {
      growthRow(r.unitCostGrowth, W.unitCostGrowth(name), perYear(seg.unitCostGrowth));
      grown(r.unitCost, r.unitCostGrowth, W.unitCost(name), seg.unitCost, sp?.unitCost);
    }
    const product = (row: number, label: string, by: number, base: number, values: number[] | null | undefined) => {
      s.text(row, 1, label, 'total');
      s.formula(row, c3, (f) => `${f(s.at(r.volume, c3))}*${f(s.at(by, c3))}`, base, 'money');
      for (let i = 0; i < n; i++) {
        const col = yearCol(i);
        s.formula(row, col, (f) => `${f(s.at(r.volume, col))}*${f(s.at(by, col))}`, values?.[i] ?? 0, 'money', 'total');
      }
    };
    product(r.revenue, W.revenue(name), r.price, seg.baseVolume * seg.basePrice, sp?.revenue);
    if (r.cost !== null && r.unitCost !== null && seg.unitCost !== undefined)
      product(r.cost, W.cost(name), r.unitCost, seg.baseVolume * seg.unitCost, sp?.cost);
  });
  const lines = model.forecast.lines ?? [];
  if (rows.costs !== null) {
    const costsRow = rows.costs;
    const parts = [
      ...rows.segments.flatMap((x) => (x.cost === null ? [] : [x.cost])),
      ...lines.flatMap((l) => (l.role === 'operatingCost' ? [rows.lines.get(l.name) as number] : [])),
    ];
    s.text(costsRow, 1, W.operatingCosts, 'total');
    for (let i = 0; i < n; i++) {
      const col = yearCol(i);
      s.formula(costsRow, col, (f) => parts.map((row) => f(s.at(row, col))).join('+'), p.operatingCosts?.[i] ?? 0, 'money', 'total');
    }
  }
  if (rows.linesHeader !== null) s.text(rows.linesHeader, 1, W.customLines, 'header');
  const yearEndRow = rows.yearEnd;
  if (yearEndRow !== null) {
    const yearEnds = Array.from({ length: n + 1 }, (_, k) => yearEndSerial(model.meta.valuationDate, k));
    // The valuation date closes the base year; each year ends one year later (the engine's yearEnds).
    s.text(yearEndRow, 1, W.yearEnd);
    s.constant(yearEndRow, c3, yearEnds[0] ?? 0, 'date');
    for (let i = 0; i < n; i++)
      s.formula(yearEndRow, yearCol(i), (f) => `EDATE(${f(s.at(yearEndRow, c3))},${12 * (i + 1)})`, yearEnds[i + 1] ?? 0, 'date');
  }
  const builtInRow: Record<string, number | undefined> = {
    revenue: R.revenue,
    ebitda: R.ebitda,
    depreciation: R.da,
    ebit: R.ebit,
    taxes: R.tax,
    nopat: R.nopat,
    capex: R.capex,
    nwc: R.nwc,
    changeInNwc: R.dnwc,
    fcff: R.fcf,
  };
  const segmentRow = new Map<string, number>();
  for (const x of rows.segments) {
    segmentRow.set(`${x.name}.volume`, x.volume);
    segmentRow.set(`${x.name}.price`, x.price);
    segmentRow.set(`${x.name}.revenue`, x.revenue);
    if (x.unitCost !== null) segmentRow.set(`${x.name}.unitCost`, x.unitCost);
    if (x.cost !== null) segmentRow.set(`${x.name}.cost`, x.cost);
  }
  const computedLines = v.projection.lines;
  const trees = resolveTrees(b);
  lines.forEach((l, k) => {
    const row = rows.lines.get(l.name) as number;
    const tree = trees[k];
    const computed = computedLines?.[k];
    if (!tree) return;
    const display = l.role !== 'operatingCost';
    s.text(row, 1, display ? (l.label ?? l.name) : W.operatingCostLine(l.label ?? l.name), display ? 'label' : 'total');
    if (l.opening !== undefined)
      s.constant(row, c3, l.opening, l.format === 'percent' ? 'percent' : l.format === 'number' ? 'factor' : 'money');
    /** Whether a line has a value in column C (the base year). */
    const hasBase = (name: string) =>
      segmentRow.has(name) || builtInsWithBaseYear.has(name) || lines.some((x) => x.name === name && x.opening !== undefined);
    const rowOf = (name: string) => segmentRow.get(name) ?? builtInRow[name] ?? rows.lines.get(name) ?? 0;
    for (let i = 0; i < n; i++) {
      const col = yearCol(i);
      const cell = (name: string, idx: number): string | null => {
        if (idx < -1 || idx >= n || (idx === -1 && !hasBase(name))) return null;
        return s.at(rowOf(name), yearCol(idx)).a1;
      };
      const ctx: ExcelContext = {
        ref: (name, at) => {
          if (name === 't') return String(i + 1);
          if (name === 'year') return s.at(3, col).a1;
          return cell(name, at ? boundIndex(at, i, n) : i) ?? 'NA()';
        },
        range: (name, from, to) => {
          const a = boundIndex(from, i, n);
          const z = boundIndex(to, i, n);
          const first = cell(name, a);
          const last = cell(name, z);
          return a > z || first === null || last === null ? 'NA()' : `${first}:${last}`;
        },
        dates: (from, to) => {
          const a = boundIndex(from, i, n);
          const z = boundIndex(to, i, n);
          if (yearEndRow === null || a > z || a < -1 || z >= n) return 'NA()';
          return `${s.at(yearEndRow, yearCol(a)).a1}:${s.at(yearEndRow, yearCol(z)).a1}`;
        },
      };
      const expr = toExcel(tree, ctx);
      const value = computed?.values[i] ?? null;
      const format = l.format === 'percent' ? 'percent' : l.format === 'number' ? 'factor' : 'money';
      if (display) s.formula(row, col, () => `IFERROR(${expr},"${NOT_AVAILABLE}")`, value, format);
      else s.formula(row, col, () => expr, value, format, 'total');
    }
  });
}

/** The parsed formulas of the model's lines (the case holds them). */
function resolveTrees(b: Built): (FormulaNode | undefined)[] {
  return (b.model.forecast.lines ?? []).map((l) => parsedTree(l.formula));
}

function parsedTree(formula: string): FormulaNode | undefined {
  try {
    return parseFormula(formula.trim());
  } catch {
    return undefined;
  }
}

export interface ExcelContext {
  /** A single year's cell (or a number for `t`, NA() where the engine has no value). */
  ref: (name: string, at: Bound | null) => string;
  range: (name: string, from: Bound, to: Bound) => string;
  /** The year-end dates of a range's years (XNPV, XIRR). */
  dates: (from: Bound, to: Bound) => string;
}

/**
 * Excel's precedence, highest first: negation, ^, * and /, + and −, comparisons. The engine's
 * negation binds looser than ^ (−2^2 is −4), so a negated power is written −(2^2). Comparisons and
 * AND/OR/NOT are written IF(…,1,0), so a cell holds 1 or 0 as the engine does, never TRUE or FALSE.
 */
const ATOM = 9;
const precedence = (node: FormulaNode): number => {
  if (node.kind === 'binary') {
    if (node.op === '^') return 5;
    if (node.op === '*' || node.op === '/') return 3;
    if (node.op === '+' || node.op === '-') return 2;
    return ATOM; // a comparison is written IF(…,1,0)
  }
  return node.kind === 'unary' ? 6 : ATOM;
};

export function toExcel(node: FormulaNode, ctx: ExcelContext): string {
  switch (node.kind) {
    case 'number':
      return num(node.value);
    case 'ref':
      return ctx.ref(node.name, node.at);
    case 'range':
      return ctx.range(node.name, node.from, node.to);
    case 'unary': {
      const arg = toExcel(node.arg, ctx);
      return precedence(node.arg) === ATOM ? `-${arg}` : `-(${arg})`;
    }
    case 'binary': {
      const l = toExcel(node.left, ctx);
      const r = toExcel(node.right, ctx);
      if (['=', '<>', '<', '<=', '>', '>='].includes(node.op)) return `IF(${l}${node.op}${r},1,0)`;
      const p = precedence(node);
      // ^ is left-associative in Excel and right-associative here: both sides of a power are bracketed unless atoms.
      const left = node.op === '^' ? precedence(node.left) === ATOM : precedence(node.left) >= p;
      const right = node.op === '^' ? precedence(node.right) === ATOM : precedence(node.right) > p;
      return `${left ? l : `(${l})`}${node.op}${right ? r : `(${r})`}`;
    }
    case 'call': {
      const args = node.args.map((a) => toExcel(a, ctx));
      if (node.fn === 'AND' || node.fn === 'OR' || node.fn === 'NOT') return `IF(${node.fn}(${args.join(',')}),1,0)`;
      if (node.fn === 'IF') return `IF(${args[0]}<>0,${args[1]},${args[2]})`;
      const dated = datedFunctions[node.fn];
      const values = dated === undefined ? undefined : node.args[dated];
      if (values?.kind === 'range') {
        // Excel's XNPV(rate, values, dates) and XIRR(values, dates, guess): the dates follow the values.
        const withDates = [...args];
        withDates.splice(dated === undefined ? 0 : dated + 1, 0, ctx.dates(values.from, values.to));
        return `${node.fn}(${withDates.join(',')})`;
      }
      return `${node.fn}(${args.join(',')})`;
    }
  }
}
