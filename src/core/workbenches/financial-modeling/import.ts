import { z } from 'zod';
import { type HistoricalYear, historicalYearSchema, MAX_HISTORICAL_YEARS } from '../../../shared/contracts/financial-model.js';
import { AppError, type Issue, issuesFromZod } from '../../../shared/errors.js';
import { columnLetters, detectYear } from '../../../shared/statement-tables.js';

export { columnLetters, detectYear };

/**
 * Historical statements from a CSV or XLSX table, in two steps: `suggestMapping` reads the table
 * and proposes which row is which line and which column is which year (Japanese and English
 * labels); the user corrects the mapping; `importHistoricals` applies it. The domain works on
 * tables: turning a file's bytes into one (CSV, XLSX) is infra's business, behind `TableReader`.
 */

export type Cell = string | number | null;
export type Table = Cell[][];

/** A file as uploaded or read from disk: its name (the extension says its format) and its bytes. */
export interface TableFile {
  name: string;
  bytes: Uint8Array;
}

/** The table read from a file; `sheet` is the sheet read and `sheets` all of them (null and [] for CSV). */
export interface TableRead {
  sheet: string | null;
  sheets: string[];
  table: Table;
}

/** The port that reads a table out of a .csv or .xlsx file (infra/files); failures are AppErrors. */
export interface TableReader {
  read(file: TableFile, options?: { sheet?: string | undefined }): Promise<TableRead>;
}

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
      params: { max: MAX_HISTORICAL_YEARS, found: yearColumns.length },
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
