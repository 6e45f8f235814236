import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/contracts/financial-model-api';
import {
  base64FromBytes,
  base64FromDataUrl,
  buildMapping,
  type Cell,
  cellAddress,
  checkImportFile,
  detectYear,
  duplicateLines,
  formFromPreview,
  importFit,
  importIssueWords,
  keyLines,
  lineLabelKey,
  MAX_IMPORT_FILE_BYTES,
  mappedYears,
  parseCellAddress,
  placeImportIssues,
  replaceHistoricals,
  setLine,
  tableHeaders,
  tableLabels,
  withLayout,
} from './historicalsImport';
import { sakura } from './testModel.fixture';

const rows: Cell[][] = [
  ['科目', '2023年3月期', '2024年3月期', '2025年3月期'],
  ['売上高', '78,900', '81,200', '84,600'],
  ['売上原価', '55,500', '56,700', '58,900'],
  ['法人税、住民税及び事業税', '2,300', '2,400', '2,650'],
  ['備考', '監査済', '監査済', '未監査'],
];

const preview = (overrides: Partial<ImportPreview> = {}): ImportPreview => ({
  sheet: null,
  sheets: [],
  rows,
  totalRows: rows.length,
  suggestion: {
    mapping: {
      orientation: 'linesInRows',
      headerIndex: 0,
      labelIndex: 0,
      lines: { 売上高: 'incomeStatement.revenue', 売上原価: 'incomeStatement.costOfSales' },
    },
    years: [
      { header: '2023年3月期', year: 2022 },
      { header: '2024年3月期', year: 2023 },
      { header: '2025年3月期', year: 2024 },
    ],
    unmapped: ['法人税、住民税及び事業税', '備考'],
  },
  lineIds: ['incomeStatement.revenue', 'incomeStatement.costOfSales', 'incomeStatement.incomeTax'],
  ...overrides,
});

describe('choosing a file to import', () => {
  it('takes .csv and .xlsx up to 5 MB and says why it refuses the rest', () => {
    expect(checkImportFile({ name: '損益計算書.CSV', size: 120 })).toEqual({ ok: true, kind: 'csv' });
    expect(checkImportFile({ name: 'pl.xlsx', size: MAX_IMPORT_FILE_BYTES })).toEqual({ ok: true, kind: 'xlsx' });
    expect(checkImportFile({ name: 'pl.xls', size: 120 })).toEqual({ ok: false, problem: 'type' });
    expect(checkImportFile({ name: 'pl.pdf', size: 120 })).toEqual({ ok: false, problem: 'type' });
    expect(checkImportFile({ name: 'csv', size: 120 })).toEqual({ ok: false, problem: 'type' });
    expect(checkImportFile({ name: 'pl.csv', size: 0 })).toEqual({ ok: false, problem: 'empty' });
    expect(checkImportFile({ name: 'pl.xlsx', size: MAX_IMPORT_FILE_BYTES + 1 })).toEqual({ ok: false, problem: 'too_large' });
  });

  it('turns what FileReader reads into base64', () => {
    expect(base64FromDataUrl('data:text/csv;base64,5aOy5LiK6auY')).toBe('5aOy5LiK6auY');
    expect(base64FromDataUrl('data:application/octet-stream;base64,AAAA')).toBe('AAAA');
    expect(() => base64FromDataUrl('data:text/plain,hello')).toThrow();
    expect(base64FromBytes(new TextEncoder().encode('売上高'))).toBe('5aOy5LiK6auY');
    const large = new Uint8Array(200_000).map((_, i) => i % 251);
    const back = Uint8Array.from(atob(base64FromBytes(large)), (ch) => ch.charCodeAt(0));
    expect(back).toEqual(large);
  });
});

describe('reading the table', () => {
  it('names cells as a spreadsheet does, both ways', () => {
    expect(cellAddress(2, 1)).toBe('B3');
    expect(cellAddress(0, 26)).toBe('AA1');
    expect(parseCellAddress('B3')).toEqual({ row: 2, col: 1 });
    expect(parseCellAddress('AA1')).toEqual({ row: 0, col: 26 });
    expect(parseCellAddress('mapping')).toBeNull();
  });

  it('detects years the way the importer does', () => {
    expect(detectYear('2025年3月期')).toBe(2024);
    expect(detectYear('2024年12月期')).toBe(2024);
    expect(detectYear('FY2024')).toBe(2024);
    expect(detectYear('２０２４年度')).toBe(2024);
    expect(detectYear('FY3/2025')).toBe(2024);
    expect(detectYear(2023)).toBe(2023);
    expect(detectYear('第12期')).toBeNull();
    expect(detectYear(null)).toBeNull();
  });

  it('lists labels and headers in either orientation', () => {
    expect(tableLabels(rows, 'linesInRows', 0, 0).map((l) => [l.label, l.address])).toEqual([
      ['売上高', 'A2'],
      ['売上原価', 'A3'],
      ['法人税、住民税及び事業税', 'A4'],
      ['備考', 'A5'],
    ]);
    expect(tableHeaders(rows, 'linesInRows', 0, 0)).toEqual([
      { header: '2023年3月期', address: 'B1', detected: 2022 },
      { header: '2024年3月期', address: 'C1', detected: 2023 },
      { header: '2025年3月期', address: 'D1', detected: 2024 },
    ]);
    const transposed = rows[0]?.map((_, c) => rows.map((r) => r[c] ?? null)) ?? [];
    expect(tableLabels(transposed, 'linesInColumns', 0, 0).map((l) => [l.label, l.address])).toEqual([
      ['売上高', 'B1'],
      ['売上原価', 'C1'],
      ['法人税、住民税及び事業税', 'D1'],
      ['備考', 'E1'],
    ]);
    expect(tableHeaders(transposed, 'linesInColumns', 0, 0).map((h) => h.address)).toEqual(['A2', 'A3', 'A4']);
  });
});

describe('the mapping', () => {
  it('starts from the suggestion, every other label left out', () => {
    const form = formFromPreview(preview());
    expect(form).toMatchObject({ orientation: 'linesInRows', headerIndex: 0, labelIndex: 0, scale: 1, expensesAsPositive: true });
    expect(form.lines).toEqual({
      売上高: 'incomeStatement.revenue',
      売上原価: 'incomeStatement.costOfSales',
      '法人税、住民税及び事業税': null,
      備考: null,
    });
  });

  it('keeps what was chosen when the layout changes', () => {
    const p = preview();
    const form = setLine(formFromPreview(p), '売上高', null);
    const moved = withLayout(form, p, { headerIndex: 1 });
    expect(moved.headerIndex).toBe(1);
    expect(moved.lines).toEqual({ 科目: null, 売上原価: 'incomeStatement.costOfSales', '法人税、住民税及び事業税': null, 備考: null });
    // Back again: 売上高 is still left out, as the person chose.
    expect(withLayout(moved, p, { headerIndex: 0 }).lines.売上高).toBeNull();
  });

  it('builds the importer’s mapping: left-out labels dropped, years given by hand, scale when not 1', () => {
    const form = formFromPreview(preview());
    const chosen = setLine(form, '法人税、住民税及び事業税', 'incomeStatement.incomeTax');
    expect(buildMapping(chosen)).toEqual({
      orientation: 'linesInRows',
      headerIndex: 0,
      labelIndex: 0,
      lines: {
        売上高: 'incomeStatement.revenue',
        売上原価: 'incomeStatement.costOfSales',
        '法人税、住民税及び事業税': 'incomeStatement.incomeTax',
      },
      expensesAsPositive: true,
    });
    const adjusted = buildMapping({ ...chosen, years: { 第12期: 2023, 第11期: null }, scale: 0.001, expensesAsPositive: false });
    expect(adjusted).toMatchObject({ years: { 第12期: 2023 }, scale: 0.001, expensesAsPositive: false });
  });

  it('counts the years read, a year given by hand first', () => {
    const form = formFromPreview(preview());
    expect(mappedYears(rows, form)).toEqual([2022, 2023, 2024]);
    expect(mappedYears(rows, { ...form, years: { '2023年3月期': 2021 } })).toEqual([2021, 2023, 2024]);
  });

  it('finds a line chosen twice', () => {
    const form = formFromPreview(preview());
    expect(duplicateLines(form).size).toBe(0);
    expect([...duplicateLines(setLine(form, '備考', 'incomeStatement.revenue'))]).toEqual(['incomeStatement.revenue']);
  });
});

describe('placing the importer’s problems', () => {
  const form = formFromPreview(preview());

  it('puts a label’s mapping problem and its cells’ problems on its row', () => {
    const placed = placeImportIssues(
      [
        { path: ['mapping', 'lines', '備考'], code: 'invalid_value', message: 'Invalid option' },
        { path: ['B5'], code: 'not_a_number', message: '備考 for 2022: "監査済" is not a number.' },
        { path: ['A3'], code: 'duplicate_line', message: 'A second row maps to incomeStatement.revenue.' },
        { path: ['C1'], code: 'duplicate_year', message: 'Year 2023 appears in two columns.' },
        { path: ['historicals', 1, 'incomeStatement', 'operatingIncome'], code: 'invalid_type', message: '2023: Required' },
        { path: ['mapping', 'headerIndex'], code: 'no_years', message: 'No header cell reads as a year.' },
      ],
      form,
      rows,
      [2022, 2023, 2024],
    );
    expect(placed.all).toHaveLength(6);
    expect(placed.byLabel.get('備考')?.map((p) => p.cell)).toEqual([null, 'B5']);
    expect(placed.byLabel.get('売上原価')?.map((p) => p.issue.code)).toEqual(['duplicate_line']);
    expect([...placed.byLabel.keys()].sort()).toEqual(['備考', '売上原価'].sort());
    expect(placed.all[3]).toMatchObject({ cell: 'C1' }); // the header row: listed, on no label
    expect(placed.all[4]).toMatchObject({ year: 2023, lineId: 'incomeStatement.operatingIncome' });
  });

  it('says the problems it knows in the person’s words, the rest in the server’s', () => {
    const placed = placeImportIssues(
      [
        { path: ['B5'], code: 'not_a_number', message: '備考 for 2022: "監査済" is not a number.' },
        { path: ['B90'], code: 'not_a_number', message: 'beyond the preview' },
        { path: ['A3'], code: 'duplicate_line', message: 'A second row maps to incomeStatement.revenue.' },
        { path: ['historicals', 0, 'incomeStatement', 'operatingIncome'], code: 'invalid_type', message: '2022: Required.' },
        { path: ['historicals', 0, 'balanceSheet', 'cash'], code: 'too_small', message: '2022: Must not be negative.' },
        { path: ['mapping', 'lines', '備考'], code: 'invalid_value', message: 'Invalid option' },
      ],
      form,
      rows,
      [2022],
    );
    expect(placed.all.map((p) => importIssueWords(p, rows))).toEqual([
      { key: 'notANumber', values: { value: '監査済' } },
      null,
      { key: 'duplicateLine', values: {} },
      { key: 'missingLine', values: {} },
      { key: 'negative', values: {} },
      null,
    ]);
  });

  it('reads cell addresses across when lines are in columns', () => {
    const columns = { ...form, orientation: 'linesInColumns' as const };
    const transposed = rows[0]?.map((_, c) => rows.map((r) => r[c] ?? null)) ?? [];
    const placed = placeImportIssues([{ path: ['E2'], code: 'not_a_number', message: 'x' }], columns, transposed, []);
    expect(placed.byLabel.get('備考')).toHaveLength(1);
  });
});

describe('using the imported years', () => {
  const doc = sakura();

  it('names each line for i18n and sums EBITDA', () => {
    expect(lineLabelKey('incomeStatement.revenue')).toBe('models.import.lineId.incomeStatement_revenue');
    expect(keyLines(doc.historicals).at(-1)).toEqual({
      year: 2024,
      revenue: 84600,
      ebitda: 8250 + 3450,
      operatingIncome: 8250,
      netIncome: 5800,
    });
  });

  it('replaces the historicals only, and says when the years or statements no longer fit', () => {
    const imported = doc.historicals.map((h) => ({
      year: h.year,
      incomeStatement: { ...h.incomeStatement, revenue: h.incomeStatement.revenue + 1 },
    }));
    const next = replaceHistoricals(doc, imported);
    expect(next.historicals).toEqual(imported);
    expect({ ...next, historicals: doc.historicals }).toEqual(doc);
    expect(doc.historicals.at(-1)?.incomeStatement.revenue).toBe(84600); // the old draft is untouched
    expect(importFit(doc, imported)).toEqual({
      currentLast: 2024,
      importedLast: 2024,
      lastYearDiffers: false,
      losesBalanceSheet: true,
      losesCashFlow: true,
    });
    expect(importFit(doc, imported.slice(0, 2))).toMatchObject({ importedLast: 2022, lastYearDiffers: true });
    expect(importFit(doc, doc.historicals)).toMatchObject({ losesBalanceSheet: false, losesCashFlow: false });
  });
});
