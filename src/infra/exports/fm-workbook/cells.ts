import type { Valuation } from '../../../core/workbenches/financial-modeling/dcf.js';
import type { Labels } from '../../../core/workbenches/financial-modeling/labels.js';
import type { FinancialModel } from '../../../shared/contracts/financial-model.js';

/** Cell specifications and the small sheet builder the workbook's sheets are written with. */

export type Format = 'money' | 'percent' | 'multiple' | 'perShare' | 'beta' | 'shares' | 'year' | 'integer' | 'factor' | 'date' | 'text';
export type Style = 'title' | 'header' | 'label' | 'total' | 'input' | 'note';

export interface CellSpec {
  value?: number | string;
  /** Without the leading "=". */
  formula?: string;
  /** The engine's value of a formula cell. */
  expected?: number | string;
  format?: Format;
  style?: Style;
}

export type SheetKey =
  | 'summary'
  | 'assumptions'
  | 'historicals'
  | 'projections'
  | 'costOfCapital'
  | 'dcf'
  | 'sensitivity'
  | 'comparables'
  | 'accretion'
  | 'checks'
  | 'research'
  | 'leases';

export interface SheetSpec {
  key: SheetKey;
  name: string;
  /** Keyed by A1 address. */
  cells: Map<string, CellSpec>;
  columnWidths: Record<number, number>;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  currency: string;
  language: FinancialModel['meta']['language'];
}

export const NOT_AVAILABLE = 'n/a';
export const NOT_MEANINGFUL = 'n.m.';

export function columnName(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function address(row: number, col: number): string {
  return `${columnName(col)}${row}`;
}

export class Ref {
  constructor(
    readonly sheet: Sheet,
    readonly row: number,
    readonly col: number,
  ) {}
  get a1(): string {
    return address(this.row, this.col);
  }
}

export type Part = Ref | [Ref, Ref];

export class Sheet {
  readonly cells = new Map<string, CellSpec>();
  readonly columnWidths: Record<number, number> = {};
  constructor(
    readonly key: SheetKey,
    readonly name: string,
  ) {}

  /** A reference as written in a formula on `from`: unqualified on its own sheet, 'Name'!C5 elsewhere. */
  static render(part: Part, from: Sheet): string {
    const [a, b] = Array.isArray(part) ? part : [part, null];
    const prefix = a.sheet === from ? '' : `'${a.sheet.name.replace(/'/g, "''")}'!`;
    return b ? `${prefix}${a.a1}:${b.a1}` : `${prefix}${a.a1}`;
  }

  at(row: number, col: number): Ref {
    return new Ref(this, row, col);
  }

  put(row: number, col: number, spec: CellSpec): Ref {
    this.cells.set(address(row, col), spec);
    return this.at(row, col);
  }

  text(row: number, col: number, text: string, style: Style = 'label'): Ref {
    return this.put(row, col, { value: text, format: 'text', style });
  }

  constant(row: number, col: number, value: number | string, format: Format, style: Style = 'input'): Ref {
    return this.put(row, col, { value, format, style });
  }

  /** A label in column A and an input in column C; returns the input. */
  input(row: number, label: string, value: number | string, format: Format): Ref {
    this.text(row, 1, label);
    return this.constant(row, 3, value, format);
  }

  /** A formula; `f` receives a renderer for references as seen from this sheet. */
  formula(
    row: number,
    col: number,
    f: (r: (p: Part) => string) => string,
    expected: number | string | null,
    format: Format,
    style?: Style,
  ): Ref {
    const spec: CellSpec = { formula: f((p) => Sheet.render(p, this)), expected: expected ?? NOT_AVAILABLE, format };
    if (style) spec.style = style;
    return this.put(row, col, spec);
  }

  toSpec(): SheetSpec {
    return { key: this.key, name: this.name, cells: this.cells, columnWidths: this.columnWidths };
  }
}

export const num = (x: number) => (Object.is(x, -0) ? '0' : String(x));

export interface Built {
  L: Labels;
  model: FinancialModel;
  valuation: Valuation;
  n: number;
}

/** Column of forecast year i (0-based) on the projections and DCF sheets; column C holds the base year. */
export const yearCol = (i: number) => 4 + i;
