import type { FinancialModel, HistoricalYear } from '../../../shared/contracts/financial-model';
import type { ImportPreview } from '../../../shared/contracts/financial-model-api';
import type { Issue } from '../../../shared/errors';
import { columnLetters, detectYear } from '../../../shared/statement-tables';

/** Years in header cells and column letters, exactly as the importer reads them (one rule, in shared). */
export { columnLetters, detectYear };

/**
 * Importing historical statements in the workbench, the pure part: which files are taken, the
 * table read as lines × headers whatever its orientation, the column mapping built from what the
 * person chose, the server's problems placed on the rows they are about, and the imported years
 * put into the draft. The server (core/workbenches/financial-modeling/import.ts) reads the file
 * and applies the mapping; nothing here reads files or calls the API.
 */

/** Far above any statement table, and what the browser reads at once without trouble. */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;

export type ImportFileKind = 'csv' | 'xlsx';

export type ImportFileCheck = { ok: true; kind: ImportFileKind } | { ok: false; problem: 'type' | 'too_large' | 'empty' };

export function importFileKind(fileName: string): ImportFileKind | null {
  const ext = /\.([^.]+)$/.exec(fileName.trim().toLowerCase())?.[1];
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
}

/** Whether a chosen file may be sent: a .csv or .xlsx, not empty, at most 5 MB. */
export function checkImportFile(file: { name: string; size: number }): ImportFileCheck {
  const kind = importFileKind(file.name);
  if (!kind) return { ok: false, problem: 'type' };
  if (file.size === 0) return { ok: false, problem: 'empty' };
  if (file.size > MAX_IMPORT_FILE_BYTES) return { ok: false, problem: 'too_large' };
  return { ok: true, kind };
}

/** The base64 part of a data URL as FileReader.readAsDataURL gives it ("data:text/csv;base64,AAAA" → "AAAA"). */
export function base64FromDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  const head = comma < 0 ? '' : dataUrl.slice(0, comma);
  if (!/^data:[^,]*;base64$/i.test(head)) throw new Error('Not a base64 data URL.');
  return dataUrl.slice(comma + 1);
}

/** Bytes as base64 (in chunks, so a large file does not overflow the call stack). */
export function base64FromBytes(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

// ---------- the table as read ----------

export type Cell = ImportPreview['rows'][number][number];
export type Orientation = 'linesInRows' | 'linesInColumns';

/** A cell's address ("B3") from its 0-based row and column; and back (null when it is not one). */
export const cellAddress = (row: number, col: number): string => `${columnLetters(col)}${row + 1}`;

export function parseCellAddress(text: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(text);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

const tableSize = (rows: readonly (readonly Cell[])[]) => ({ rows: rows.length, cols: Math.max(0, ...rows.map((r) => r.length)) });

/** How many lines (rows or columns holding one statement line each) and headers the table has. */
export function tableShape(rows: readonly (readonly Cell[])[], orientation: Orientation): { lines: number; across: number } {
  const size = tableSize(rows);
  return orientation === 'linesInRows' ? { lines: size.rows, across: size.cols } : { lines: size.cols, across: size.rows };
}

/** The cell at line `line`, position `at`, whatever the orientation. */
export function cellAt(rows: readonly (readonly Cell[])[], orientation: Orientation, line: number, at: number): Cell {
  return orientation === 'linesInRows' ? (rows[line]?.[at] ?? null) : (rows[at]?.[line] ?? null);
}

/** Where (row, column) a line's cell sits. */
export const cellPosition = (orientation: Orientation, line: number, at: number) =>
  orientation === 'linesInRows' ? { row: line, col: at } : { row: at, col: line };

const text = (cell: Cell): string => (cell === null ? '' : String(cell).trim());

export interface TableLabel {
  label: string;
  /** The 0-based line it is on. */
  line: number;
  /** Its cell address, e.g. "A3". */
  address: string;
}

/**
 * The line labels: every non-empty cell of the label column (or row) but the header's, as the
 * importer reads them. A label seen twice is listed once (the mapping is by label).
 */
export function tableLabels(
  rows: readonly (readonly Cell[])[],
  orientation: Orientation,
  headerIndex: number,
  labelIndex: number,
): TableLabel[] {
  const out: TableLabel[] = [];
  const seen = new Set<string>();
  const { lines } = tableShape(rows, orientation);
  for (let line = 0; line < lines; line++) {
    if (line === headerIndex) continue;
    const label = text(cellAt(rows, orientation, line, labelIndex));
    if (label === '' || seen.has(label)) continue;
    seen.add(label);
    const { row, col } = cellPosition(orientation, line, labelIndex);
    out.push({ label, line, address: cellAddress(row, col) });
  }
  return out;
}

export interface TableHeader {
  header: string;
  address: string;
  /** The year read from the header; null when none was. */
  detected: number | null;
}

/** The header cells (the label column's left out), each with the year detected in it. */
export function tableHeaders(
  rows: readonly (readonly Cell[])[],
  orientation: Orientation,
  headerIndex: number,
  labelIndex: number,
): TableHeader[] {
  const out: TableHeader[] = [];
  const { across } = tableShape(rows, orientation);
  for (let at = 0; at < across; at++) {
    if (at === labelIndex) continue;
    const cell = cellAt(rows, orientation, headerIndex, at);
    const header = text(cell);
    if (header === '') continue;
    const { row, col } = cellPosition(orientation, headerIndex, at);
    out.push({ header, address: cellAddress(row, col), detected: detectYear(cell) });
  }
  return out;
}

// ---------- the mapping ----------

/** What the person chose in the preview step. */
export interface MappingForm {
  orientation: Orientation;
  headerIndex: number;
  labelIndex: number;
  /** Label → line id for the labels of the table as laid out now; null: left out. */
  lines: Record<string, string | null>;
  /** What the person chose by hand, kept when the layout changes (a label may come back). */
  chosen: Record<string, string | null>;
  /** Header text → year given by hand (overrides detection). */
  years: Record<string, number | null>;
  /** Every amount is multiplied by this (0.001: thousands to millions). */
  scale: number;
  expensesAsPositive: boolean;
}

/** The scales offered: as printed, thousands → millions, ones → millions, billions → millions. */
export const scaleOptions = [1, 0.001, 0.000001, 1000] as const;

/** The form as the server suggests it: its orientation, header, label column and the lines it recognised. */
export function formFromPreview(preview: ImportPreview): MappingForm {
  const m = preview.suggestion.mapping;
  const form: MappingForm = {
    orientation: m.orientation,
    headerIndex: m.headerIndex,
    labelIndex: m.labelIndex,
    lines: {},
    chosen: {},
    years: {},
    scale: m.scale ?? 1,
    expensesAsPositive: m.expensesAsPositive ?? true,
  };
  return withLayout(form, preview, {});
}

/**
 * The form after the orientation, header or label column changed: the labels of the new layout,
 * each keeping what the person chose for it, else what the server suggested, else left out.
 */
export function withLayout(
  form: MappingForm,
  preview: ImportPreview,
  change: Partial<Pick<MappingForm, 'orientation' | 'headerIndex' | 'labelIndex'>>,
): MappingForm {
  const next = { ...form, ...change };
  const suggested = preview.suggestion.mapping.lines;
  const lines: Record<string, string | null> = {};
  for (const { label } of tableLabels(preview.rows, next.orientation, next.headerIndex, next.labelIndex)) {
    lines[label] = label in form.chosen ? (form.chosen[label] ?? null) : (suggested[label] ?? null);
  }
  return { ...next, lines };
}

/** The person maps a label to a line (null: leaves it out). */
export const setLine = (form: MappingForm, label: string, lineId: string | null): MappingForm => ({
  ...form,
  lines: { ...form.lines, [label]: lineId },
  chosen: { ...form.chosen, [label]: lineId },
});

/** The line ids chosen for more than one label (the importer refuses the second). */
export function duplicateLines(form: MappingForm): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of Object.values(form.lines)) {
    if (id === null) continue;
    if (seen.has(id)) twice.add(id);
    seen.add(id);
  }
  return twice;
}

/** The column mapping the importer takes (docs/financial-model-format.md, "Importing historical statements"). */
export interface ColumnMapping {
  orientation: Orientation;
  headerIndex: number;
  labelIndex: number;
  lines: Record<string, string>;
  years?: Record<string, number>;
  scale?: number;
  expensesAsPositive: boolean;
}

export function buildMapping(form: MappingForm): ColumnMapping {
  const lines = Object.fromEntries(Object.entries(form.lines).filter((e): e is [string, string] => e[1] !== null));
  const years = Object.fromEntries(
    Object.entries(form.years).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isInteger(e[1])),
  );
  return {
    orientation: form.orientation,
    headerIndex: form.headerIndex,
    labelIndex: form.labelIndex,
    lines,
    ...(Object.keys(years).length > 0 && { years }),
    ...(form.scale !== 1 && { scale: form.scale }),
    expensesAsPositive: form.expensesAsPositive,
  };
}

// ---------- the server's problems, where they belong ----------

export interface PlacedImportIssue {
  issue: Issue;
  /** The cell it is about ("B3"), when it names one. */
  cell: string | null;
  /** The year and line it is about, for a line the years lack (`historicals.0.incomeStatement.operatingIncome`). */
  year: number | null;
  lineId: string | null;
}

export interface ImportIssues {
  /** Problems of a label's row, by label. */
  byLabel: Map<string, PlacedImportIssue[]>;
  /** Every problem, in the server's order (each listed once, whether or not placed on a row). */
  all: PlacedImportIssue[];
}

/**
 * Places the importer's problems: `mapping.lines.<label>` on that label's row; a cell address on
 * the row of the label on that line (a cell in the label column or in the line's amounts); a
 * missing line of a year (`historicals.<i>.<section>.<field>`) by the year it is about.
 */
export function placeImportIssues(
  issues: readonly Issue[],
  form: MappingForm,
  rows: readonly (readonly Cell[])[],
  years: readonly number[],
) {
  const labels = tableLabels(rows, form.orientation, form.headerIndex, form.labelIndex);
  const byLine = new Map(labels.map((l) => [l.line, l.label]));
  const known = new Set(labels.map((l) => l.label));
  const byLabel = new Map<string, PlacedImportIssue[]>();
  const all: PlacedImportIssue[] = [];
  const put = (label: string | undefined, placed: PlacedImportIssue) => {
    all.push(placed);
    if (label === undefined) return;
    byLabel.set(label, [...(byLabel.get(label) ?? []), placed]);
  };
  for (const issue of issues) {
    const [head, second, third, ...rest] = issue.path;
    if (head === 'mapping' && second === 'lines' && typeof third === 'string') {
      put(known.has(third) ? third : undefined, { issue, cell: null, year: null, lineId: null });
      continue;
    }
    if (issue.path.length === 1 && typeof head === 'string') {
      const position = parseCellAddress(head);
      if (position) {
        const line = form.orientation === 'linesInRows' ? position.row : position.col;
        put(line === form.headerIndex ? undefined : byLine.get(line), { issue, cell: head, year: null, lineId: null });
        continue;
      }
    }
    if (head === 'historicals' && typeof second === 'number') {
      const lineId = typeof third === 'string' && typeof rest[0] === 'string' ? `${third}.${rest[0]}` : null;
      put(undefined, { issue, cell: null, year: years[second] ?? null, lineId });
      continue;
    }
    put(undefined, { issue, cell: null, year: null, lineId: null });
  }
  return { byLabel, all } satisfies ImportIssues;
}

// ---------- what came out, and putting it in the draft ----------

/** The line ids a label may map to, as i18n keys: `incomeStatement.revenue` → `models.import.lineId.incomeStatement_revenue`. */
export const lineLabelKey = (lineId: string): string => `models.import.lineId.${lineId.replace('.', '_')}`;

export interface KeyLines {
  year: number;
  revenue: number;
  ebitda: number;
  operatingIncome: number;
  netIncome: number | null;
}

/** Revenue, EBITDA (operating income + D&A), operating income and net income of each imported year. */
export const keyLines = (historicals: readonly HistoricalYear[]): KeyLines[] =>
  historicals.map((h) => ({
    year: h.year,
    revenue: h.incomeStatement.revenue,
    ebitda: h.incomeStatement.operatingIncome + h.incomeStatement.depreciationAmortization,
    operatingIncome: h.incomeStatement.operatingIncome,
    netIncome: h.incomeStatement.netIncome ?? null,
  }));

export interface ImportFit {
  /** The draft's last historical year and the imported one. */
  currentLast: number | null;
  importedLast: number | null;
  /** The first forecast year will no longer follow the last historical year. */
  lastYearDiffers: boolean;
  /** The draft has balance sheets or cash flows that the imported years lack (they will be gone). */
  losesBalanceSheet: boolean;
  losesCashFlow: boolean;
}

/** How the imported years fit the draft: the forecast starts the year after the last historical year. */
export function importFit(doc: FinancialModel, historicals: readonly HistoricalYear[]): ImportFit {
  const currentLast = doc.historicals.at(-1)?.year ?? null;
  const importedLast = historicals.at(-1)?.year ?? null;
  return {
    currentLast,
    importedLast,
    lastYearDiffers: currentLast !== importedLast,
    losesBalanceSheet: doc.historicals.some((h) => h.balanceSheet) && !historicals.some((h) => h.balanceSheet),
    losesCashFlow: doc.historicals.some((h) => h.cashFlow) && !historicals.some((h) => h.cashFlow),
  };
}

/** The draft with the imported years in place of its historicals (nothing else changes). */
export const replaceHistoricals = (doc: FinancialModel, historicals: readonly HistoricalYear[]): FinancialModel => ({
  ...doc,
  historicals: [...historicals],
});

/** The years the mapping reads, ascending (a year given by hand wins over the one detected): what `historicals.<i>` counts. */
export function mappedYears(rows: readonly (readonly Cell[])[], form: MappingForm): number[] {
  const years = tableHeaders(rows, form.orientation, form.headerIndex, form.labelIndex)
    .map((h) => form.years[h.header] ?? h.detected)
    .filter((y): y is number => y !== null);
  return [...new Set(years)].sort((a, b) => a - b);
}

/** A problem the UI can say in the person's language (`models.import.issue.<key>`); null: show the server's words. */
export interface ImportIssueWords {
  key: 'notANumber' | 'duplicateLine' | 'duplicateYear' | 'missingLine' | 'negative' | 'noYears';
  values: Record<string, string>;
}

export function importIssueWords(placed: PlacedImportIssue, rows: readonly (readonly Cell[])[]): ImportIssueWords | null {
  const { issue, cell } = placed;
  if (cell && issue.code === 'not_a_number') {
    const at = parseCellAddress(cell);
    const value = at ? rows[at.row]?.[at.col] : undefined;
    return value === undefined || value === null ? null : { key: 'notANumber', values: { value: String(value) } };
  }
  if (cell && issue.code === 'duplicate_line') return { key: 'duplicateLine', values: {} };
  if (cell && issue.code === 'duplicate_year') return { key: 'duplicateYear', values: {} };
  if (placed.year !== null && placed.lineId !== null) {
    if (issue.code === 'invalid_type') return { key: 'missingLine', values: {} };
    if (issue.code === 'too_small') return { key: 'negative', values: {} };
  }
  if (issue.code === 'no_years') return { key: 'noYears', values: {} };
  return null;
}
