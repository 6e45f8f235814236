import { inflateRawSync } from 'node:zlib';
import { parse as parseCsvRecords } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { type HistoricalYear, historicalYearSchema, MAX_HISTORICAL_YEARS } from '../../../shared/contracts/financial-model.js';
import { AppError, type Issue, issuesFromZod } from '../../../shared/errors.js';
import { columnLetters, detectYear } from '../../../shared/statement-tables.js';

export { columnLetters, detectYear };

/**
 * Historical statements from a CSV or XLSX table, in two steps: `suggestMapping` reads the table
 * and proposes which row is which line and which column is which year (Japanese and English
 * labels); the user corrects the mapping; `importHistoricals` applies it. Bytes and text come in
 * as arguments — reading files is the caller's business.
 */

export type Cell = string | number | null;
export type Table = Cell[][];

export const historicalLineIds = [
  'incomeStatement.revenue',
  'incomeStatement.costOfSales',
  'incomeStatement.sellingGeneralAdministrative',
  'incomeStatement.depreciationAmortization',
  'incomeStatement.operatingIncome',
  'incomeStatement.interestExpense',
  'incomeStatement.incomeTax',
  'incomeStatement.netIncome',
  'balanceSheet.cash',
  'balanceSheet.receivables',
  'balanceSheet.inventories',
  'balanceSheet.otherCurrentAssets',
  'balanceSheet.propertyPlantEquipment',
  'balanceSheet.otherNonCurrentAssets',
  'balanceSheet.totalAssets',
  'balanceSheet.payables',
  'balanceSheet.otherCurrentLiabilities',
  'balanceSheet.debt',
  'balanceSheet.otherNonCurrentLiabilities',
  'balanceSheet.equity',
  'cashFlow.operatingCashFlow',
  'cashFlow.capitalExpenditure',
] as const;
export type HistoricalLineId = (typeof historicalLineIds)[number];

/** Lines entered as positive amounts even when statements print them negative. */
const expenseLines: HistoricalLineId[] = [
  'incomeStatement.costOfSales',
  'incomeStatement.sellingGeneralAdministrative',
  'incomeStatement.depreciationAmortization',
  'incomeStatement.interestExpense',
  'cashFlow.capitalExpenditure',
];

export const columnMappingSchema = z.strictObject({
  /** linesInRows: one line per row, years across (the usual layout of statements); linesInColumns: the transpose. */
  orientation: z.enum(['linesInRows', 'linesInColumns']),
  /** 0-based row (linesInRows) or column (linesInColumns) holding the year headers. */
  headerIndex: z.number().int().min(0),
  /** 0-based column (linesInRows) or row (linesInColumns) holding the line labels. */
  labelIndex: z.number().int().min(0),
  /** Source label → line. Labels are compared after Unicode NFKC normalisation, case and spaces ignored. */
  lines: z.record(z.string(), z.enum(historicalLineIds)),
  /** Header text → fiscal year, overriding detection (e.g. {"2025年3月期": 2024}). */
  years: z.record(z.string(), z.number().int().min(1900).max(2200)).optional(),
  /** Every amount is multiplied by this (0.001 turns thousands into millions). */
  scale: z.number().positive().finite().optional(),
  /** Take expense lines printed as negatives (capex in a cash-flow statement) as positive. Default true. */
  expensesAsPositive: z.boolean().optional(),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

const synonyms: Record<HistoricalLineId, string[]> = {
  'incomeStatement.revenue': ['売上高', '売上収益', '営業収益', '売上', 'revenue', 'revenues', 'net sales', 'sales', 'total revenue'],
  'incomeStatement.costOfSales': ['売上原価', 'cost of sales', 'cost of goods sold', 'cogs', 'cost of revenue'],
  'incomeStatement.sellingGeneralAdministrative': [
    '販売費及び一般管理費',
    '販管費',
    'sg&a',
    'selling, general and administrative expenses',
    'selling general and administrative',
  ],
  'incomeStatement.depreciationAmortization': [
    '減価償却費',
    '減価償却費及び償却費',
    '償却費',
    'depreciation and amortization',
    'depreciation & amortization',
    'd&a',
    'depreciation',
  ],
  'incomeStatement.operatingIncome': ['営業利益', 'operating income', 'operating profit', 'ebit'],
  'incomeStatement.interestExpense': ['支払利息', 'interest expense', 'interest expenses'],
  'incomeStatement.incomeTax': ['法人税等', '法人税等合計', '法人所得税費用', 'income taxes', 'income tax expense', 'income tax'],
  'incomeStatement.netIncome': [
    '親会社株主に帰属する当期純利益',
    '当期純利益',
    '親会社の所有者に帰属する当期利益',
    'net income',
    'profit attributable to owners of parent',
    'net profit',
  ],
  'balanceSheet.cash': ['現金及び預金', '現金及び現金同等物', 'cash and cash equivalents', 'cash and deposits', 'cash'],
  'balanceSheet.receivables': [
    '受取手形及び売掛金',
    '受取手形、売掛金及び契約資産',
    '売上債権',
    '売掛金',
    '営業債権',
    'trade receivables',
    'accounts receivable',
    'receivables',
  ],
  'balanceSheet.inventories': ['棚卸資産', '商品及び製品', 'inventories', 'inventory'],
  'balanceSheet.otherCurrentAssets': ['その他流動資産', 'その他の流動資産', 'other current assets'],
  'balanceSheet.propertyPlantEquipment': [
    '有形固定資産',
    '有形固定資産合計',
    'property, plant and equipment',
    'pp&e',
    'property plant and equipment',
  ],
  'balanceSheet.otherNonCurrentAssets': [
    'その他固定資産',
    'その他の非流動資産',
    '投資その他の資産',
    'other non-current assets',
    'other noncurrent assets',
  ],
  'balanceSheet.totalAssets': ['資産合計', '総資産', 'total assets'],
  'balanceSheet.payables': ['支払手形及び買掛金', '仕入債務', '買掛金', '営業債務', 'trade payables', 'accounts payable', 'payables'],
  'balanceSheet.otherCurrentLiabilities': ['その他流動負債', 'その他の流動負債', 'other current liabilities'],
  'balanceSheet.debt': ['有利子負債', '借入金', '有利子負債合計', 'interest-bearing debt', 'total debt', 'borrowings', 'debt'],
  'balanceSheet.otherNonCurrentLiabilities': [
    'その他固定負債',
    'その他の非流動負債',
    'other non-current liabilities',
    'other noncurrent liabilities',
  ],
  'balanceSheet.equity': ['純資産合計', '純資産', '資本合計', 'total equity', "shareholders' equity", 'total net assets', 'equity'],
  'cashFlow.operatingCashFlow': [
    '営業活動によるキャッシュ・フロー',
    '営業キャッシュ・フロー',
    '営業cf',
    'cash flow from operating activities',
    'net cash provided by operating activities',
    'operating cash flow',
  ],
  'cashFlow.capitalExpenditure': [
    '設備投資',
    '設備投資額',
    '有形固定資産の取得による支出',
    'capital expenditure',
    'capital expenditures',
    'capex',
    'purchase of property, plant and equipment',
  ],
};

export function normalizeLabel(label: string): string {
  return label.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const synonymIndex = new Map<string, HistoricalLineId>(
  Object.entries(synonyms).flatMap(([id, names]) => names.map((n) => [normalizeLabel(n), id as HistoricalLineId] as const)),
);

/** An amount as statements print it: 1,234 / (1,234) / ▲1,234 / △1,234 / －, full-width digits allowed. Null for an empty cell or a dash. */
export function parseAmount(cell: Cell): { value: number | null } | { error: string } {
  if (cell === null) return { value: null };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { value: cell } : { error: 'is not a finite number' };
  let s = cell
    .normalize('NFKC')
    .trim()
    .replace(/[¥$€£,\s]/g, '');
  if (s === '' || /^[-–—―]$/.test(s)) return { value: null };
  let sign = 1;
  if (/^\(.*\)$/.test(s)) {
    sign = -1;
    s = s.slice(1, -1);
  }
  if (/^[▲△]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return { error: `"${cell}" is not a number` };
  return { value: sign * Number(s) };
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF); the delimiter is guessed among , ; and tab. A BOM is dropped. */
export function parseCsv(text: string): Table {
  const src = text.replace(/^\uFEFF/, '');
  // The delimiter Excel used (comma, or semicolon/tab in some locales): the one the first line has most of.
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
  let records: string[][];
  try {
    records = parseCsvRecords(src, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    });
  } catch (e) {
    throw new AppError('invalid_input', `The CSV cannot be read: ${(e as Error).message}`, { reason: 'unreadable_csv' });
  }
  return records.map((r) => r.map((c): Cell => (c === '' ? null : c))).filter((r) => r.some((c) => c !== null));
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return null;
}

/** More than any statement workbook needs, far less than a ZIP bomb unpacks to. */
export const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** A statements table is tens of lines by tens of years; anything far larger is refused, not read. */
export const MAX_TABLE_ROWS = 5000;
export const MAX_TABLE_COLUMNS = 200;

/**
 * What a ZIP file really unpacks to, inflating each entry with the rest of `budget` as its limit
 * (a ZIP bomb stops at the budget, whatever sizes its directory claims): the total in bytes,
 * `budget + 1` when it is more, or null when the file is not a ZIP kpo can read (ZIP64, an
 * unknown compression). Written against the ZIP format because the ZIP library under exceljs
 * inflates every entry whole before it compares sizes.
 */
export function unpackedBytes(bytes: Uint8Array, budget: number): number | null {
  if (bytes.length < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || at === 0xffffffff) return null;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    if (compressedSize === 0xffffffff || local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return null;
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataStart + compressedSize > bytes.length) return null;
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) total += compressedSize;
    else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: budget - total + 1 }).length;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return budget + 1;
        return null;
      }
    } else return null;
    if (total > budget) return budget + 1;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

function tableTooLarge(rows: number, columns: number): AppError {
  return new AppError(
    'invalid_input',
    `The table is ${rows} rows by ${columns} columns; at most ${MAX_TABLE_ROWS} by ${MAX_TABLE_COLUMNS} are read. Keep only the statements.`,
    { reason: 'table_too_large' },
  );
}

/** The cells of one sheet of an .xlsx file (the first sheet unless named); formulas give their cached results. */
export async function readXlsxTable(bytes: Uint8Array, sheetName?: string): Promise<{ sheet: string; sheets: string[]; table: Table }> {
  const unpacked = unpackedBytes(bytes, MAX_XLSX_UNPACKED_BYTES);
  if (unpacked === null || unpacked > MAX_XLSX_UNPACKED_BYTES)
    throw new AppError(
      'invalid_input',
      unpacked === null
        ? 'The file is not a readable .xlsx workbook.'
        : `The workbook unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1048576} MiB; kpo reads statement tables up to that size.`,
      { reason: unpacked === null ? 'unreadable_xlsx' : 'xlsx_too_large' },
    );
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (e) {
    throw new AppError('invalid_input', `The file is not a readable .xlsx workbook: ${(e as Error).message}`, {
      reason: 'unreadable_xlsx',
    });
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const ws = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!ws)
    throw new AppError(
      'invalid_input',
      `The workbook has no sheet ${sheetName === undefined ? '' : `"${sheetName}"`}. Sheets: ${sheets.join(', ')}.`,
      {
        reason: 'unknown_sheet',
        issues: [{ path: ['sheet'], code: 'unknown_sheet', message: `Choose one of: ${sheets.join(', ')}.` }],
      },
    );
  // Only the cells that exist: a sheet with one cell at XFD1048576 is not a billion empty ones.
  const table: Table = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > MAX_TABLE_ROWS) throw tableTooLarge(r, row.cellCount);
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > MAX_TABLE_COLUMNS) throw tableTooLarge(r, c);
      while (cells.length < c - 1) cells.push(null);
      // `value` drops a formula result of 0 (exceljs copies only truthy fields); `result` keeps it.
      cells.push(cellValue(cell.type === ExcelJS.ValueType.Formula ? (cell.result as ExcelJS.CellValue) : cell.value));
    });
    while (table.length < r - 1) table.push([]);
    table.push(cells);
  });
  return { sheet: ws.name, sheets, table };
}

/** Reads the table as lines × years, whatever its orientation. */
function view(table: Table, orientation: ColumnMapping['orientation']) {
  const rows = table.length;
  let cols = 0;
  for (const r of table) cols = Math.max(cols, r.length);
  const at = (line: number, col: number): Cell =>
    orientation === 'linesInRows' ? (table[line]?.[col] ?? null) : (table[col]?.[line] ?? null);
  const address = (line: number, col: number) =>
    orientation === 'linesInRows' ? `${columnLetters(col)}${line + 1}` : `${columnLetters(line)}${col + 1}`;
  return { lines: orientation === 'linesInRows' ? rows : cols, columns: orientation === 'linesInRows' ? cols : rows, at, address };
}

export interface MappingSuggestion {
  mapping: ColumnMapping;
  /** The years found in the header, by header text. */
  years: { header: string; year: number }[];
  /** Labels with no suggested line, for the user to map or leave out. */
  unmapped: string[];
}

export function suggestMapping(table: Table): MappingSuggestion {
  let best: { orientation: ColumnMapping['orientation']; headerIndex: number; years: number } = {
    orientation: 'linesInRows',
    headerIndex: 0,
    years: 0,
  };
  for (const orientation of ['linesInRows', 'linesInColumns'] as const) {
    const v = view(table, orientation);
    for (let h = 0; h < Math.min(v.lines, 30); h++) {
      let years = 0;
      for (let c = 0; c < v.columns; c++) if (detectYear(v.at(h, c)) !== null) years++;
      if (years > best.years) best = { orientation, headerIndex: h, years };
    }
  }
  const v = view(table, best.orientation);
  let labelIndex = 0;
  let bestLabels = -1;
  for (let c = 0; c < Math.min(v.columns, 10); c++) {
    let labels = 0;
    for (let l = best.headerIndex + 1; l < v.lines; l++) {
      const cell = v.at(l, c);
      if (typeof cell === 'string' && !('value' in parseAmount(cell))) labels++;
    }
    if (labels > bestLabels) {
      bestLabels = labels;
      labelIndex = c;
    }
  }
  const lines: Record<string, HistoricalLineId> = {};
  const unmapped: string[] = [];
  const taken = new Set<HistoricalLineId>();
  for (let l = best.headerIndex + 1; l < v.lines; l++) {
    const label = v.at(l, labelIndex);
    if (typeof label !== 'string' || label.trim() === '') continue;
    const id = synonymIndex.get(normalizeLabel(label));
    if (id && !taken.has(id)) {
      lines[label.trim()] = id;
      taken.add(id);
    } else unmapped.push(label.trim());
  }
  const years: MappingSuggestion['years'] = [];
  for (let c = 0; c < v.columns; c++) {
    const cell = v.at(best.headerIndex, c);
    const y = detectYear(cell);
    if (y !== null) years.push({ header: String(cell).trim(), year: y });
  }
  return { mapping: { orientation: best.orientation, headerIndex: best.headerIndex, labelIndex, lines }, years, unmapped };
}

export interface ImportResult {
  historicals: HistoricalYear[];
  /** Labels in the table the mapping does not name (left out). */
  unmappedLabels: string[];
}

/** Applies a column mapping; every unreadable cell and every schema problem is listed, each with its cell or path. */
export function importHistoricals(table: Table, mappingInput: unknown): ImportResult {
  const parsedMapping = columnMappingSchema.safeParse(mappingInput);
  if (!parsedMapping.success)
    throw new AppError('invalid_input', 'The column mapping is not valid.', {
      reason: 'invalid_mapping',
      issues: issuesFromZod(parsedMapping.error).map((i) => ({ ...i, path: ['mapping', ...i.path] })),
    });
  const mapping = parsedMapping.data;
  const v = view(table, mapping.orientation);
  const issues: Issue[] = [];
  const yearOverrides = new Map(Object.entries(mapping.years ?? {}).map(([k, y]) => [normalizeLabel(k), y]));
  const yearColumns: { col: number; year: number }[] = [];
  for (let c = 0; c < v.columns; c++) {
    if (c === mapping.labelIndex) continue;
    const cell = v.at(mapping.headerIndex, c);
    if (cell === null) continue;
    const year = yearOverrides.get(normalizeLabel(String(cell))) ?? detectYear(cell);
    if (year !== null) yearColumns.push({ col: c, year });
  }
  if (yearColumns.length === 0)
    throw new AppError('invalid_input', 'No year found in the header; give "years" in the mapping.', {
      reason: 'no_years',
      issues: [
        { path: ['mapping', 'headerIndex'], code: 'no_years', message: `No header cell reads as a year (e.g. 2024, FY2024, 2025年3月期).` },
      ],
    });
  if (yearColumns.length > MAX_HISTORICAL_YEARS)
    throw new AppError('invalid_input', `At most ${MAX_HISTORICAL_YEARS} historical years; the table has ${yearColumns.length}.`, {
      reason: 'too_many_years',
    });
  const duplicate = yearColumns.find((y, i) => yearColumns.findIndex((o) => o.year === y.year) !== i);
  if (duplicate)
    issues.push({
      path: [v.address(mapping.headerIndex, duplicate.col)],
      code: 'duplicate_year',
      message: `Year ${duplicate.year} appears in two columns.`,
    });

  const byLabel = new Map(Object.entries(mapping.lines).map(([label, id]) => [normalizeLabel(label), id]));
  const values = new Map<number, Record<string, Record<string, number>>>();
  const unmappedLabels: string[] = [];
  const seen = new Set<HistoricalLineId>();
  for (let l = 0; l < v.lines; l++) {
    if (l === mapping.headerIndex) continue;
    const label = v.at(l, mapping.labelIndex);
    if (label === null || String(label).trim() === '') continue;
    const id = byLabel.get(normalizeLabel(String(label)));
    if (!id) {
      unmappedLabels.push(String(label).trim());
      continue;
    }
    if (seen.has(id)) {
      issues.push({ path: [v.address(l, mapping.labelIndex)], code: 'duplicate_line', message: `A second row maps to ${id}.` });
      continue;
    }
    seen.add(id);
    const [section, field] = id.split('.') as [string, string];
    for (const { col, year } of yearColumns) {
      const parsed = parseAmount(v.at(l, col));
      if ('error' in parsed) {
        issues.push({ path: [v.address(l, col)], code: 'not_a_number', message: `${String(label).trim()} for ${year}: ${parsed.error}.` });
        continue;
      }
      if (parsed.value === null) continue;
      let value = parsed.value * (mapping.scale ?? 1);
      if ((mapping.expensesAsPositive ?? true) && expenseLines.includes(id)) value = Math.abs(value);
      const yearValues = values.get(year) ?? {};
      yearValues[section] = { ...(yearValues[section] ?? {}), [field]: value };
      values.set(year, yearValues);
    }
  }
  const years = [...new Set(yearColumns.map((y) => y.year))].sort((a, b) => a - b);
  const historicals: HistoricalYear[] = [];
  years.forEach((year, i) => {
    const sections = values.get(year) ?? {};
    const candidate = {
      year,
      incomeStatement: sections.incomeStatement ?? {},
      ...(sections.balanceSheet && { balanceSheet: sections.balanceSheet }),
      ...(sections.cashFlow && { cashFlow: sections.cashFlow }),
    };
    const parsed = historicalYearSchema.safeParse(candidate);
    if (parsed.success) historicals.push(parsed.data);
    else
      issues.push(
        ...issuesFromZod(parsed.error).map((issue) => ({
          ...issue,
          path: ['historicals', i, ...issue.path],
          message: `${year}: ${issue.message}`,
        })),
      );
  });
  if (issues.length > 0)
    throw new AppError('invalid_input', `The table cannot be imported (${issues.length} problem${issues.length === 1 ? '' : 's'}).`, {
      reason: 'import_failed',
      issues,
    });
  return { historicals, unmappedLabels };
}

/** CSV text as Excel writes it in Japan: UTF-8 (with or without BOM), else Shift_JIS (CP932). */
export function decodeCsvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

/** A table from an uploaded or local file, by its extension: .xlsx, or .csv/.tsv/.txt. */
export async function readTableFile(
  fileName: string,
  bytes: Uint8Array,
  sheet?: string,
): Promise<{ sheet: string | null; sheets: string[]; table: Table }> {
  const ext = /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1] ?? '';
  if (ext === 'xlsx') return readXlsxTable(bytes, sheet);
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') {
    const table = parseCsv(decodeCsvText(bytes));
    let widest = 0;
    for (const row of table) widest = Math.max(widest, row.length);
    if (table.length > MAX_TABLE_ROWS || widest > MAX_TABLE_COLUMNS) throw tableTooLarge(table.length, widest);
    return { sheet: null, sheets: [], table };
  }
  throw new AppError('invalid_input', `${fileName}: historicals are imported from .csv or .xlsx files.`, {
    reason: 'unsupported_file',
    issues: [{ path: ['fileName'], code: 'unsupported_file', message: 'Must end in .csv or .xlsx.' }],
  });
}
