import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors.js';
import { columnLetters, detectYear, importHistoricals, parseAmount, suggestMapping, type Table } from './import.js';

/** Statements as Excel saves them in Japan, as infra/files reads the CSV (every cell text; see its tests). */
const japaneseTable: Table = [
  ['科目', '2022年3月期', '2023年3月期', '2024年3月期'],
  ['売上高', '72,400', '78,900', '81,200'],
  ['売上原価', '51,050', '55,500', '56,700'],
  ['営業利益', '6,300', '7,350', '7,600'],
  ['減価償却費', '３,０５０', '3,200', '3,350'],
  ['設備投資', '▲3400', '(3700)', '-3,800'],
  ['受取配当金', '10', '11', '12'],
];

describe('parsing', () => {
  it('reads amounts as statements print them', () => {
    expect(parseAmount('1,234.5')).toEqual({ value: 1234.5 });
    expect(parseAmount('(1,234)')).toEqual({ value: -1234 });
    expect(parseAmount('▲1,234')).toEqual({ value: -1234 });
    expect(parseAmount('△12')).toEqual({ value: -12 });
    expect(parseAmount('１２３')).toEqual({ value: 123 });
    expect(parseAmount('¥1,000')).toEqual({ value: 1000 });
    expect(parseAmount('－')).toEqual({ value: null });
    expect(parseAmount('n/a')).toHaveProperty('error');
    expect(parseAmount(Number.NaN)).toHaveProperty('error');
  });

  it('reads fiscal years: 2024, FY2024, 2024年度, and period ends in the Japanese convention', () => {
    expect(detectYear('2024')).toBe(2024);
    expect(detectYear('FY2024')).toBe(2024);
    expect(detectYear('2024年度')).toBe(2024);
    expect(detectYear('2025年3月期')).toBe(2024);
    expect(detectYear('2024年12月期')).toBe(2024);
    expect(detectYear('FY3/2025')).toBe(2024);
    expect(detectYear('売上高')).toBeNull();
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(27)).toBe('AB');
  });
});

describe('column mapping: suggest, then import', () => {
  const table = japaneseTable;

  it('suggests the header row, the label column and the lines from Japanese labels', () => {
    const s = suggestMapping(table);
    expect(s.mapping).toMatchObject({ orientation: 'linesInRows', headerIndex: 0, labelIndex: 0 });
    expect(s.years.map((y) => y.year)).toEqual([2021, 2022, 2023]);
    expect(s.mapping.lines).toEqual({
      売上高: 'incomeStatement.revenue',
      売上原価: 'incomeStatement.costOfSales',
      営業利益: 'incomeStatement.operatingIncome',
      減価償却費: 'incomeStatement.depreciationAmortization',
      設備投資: 'cashFlow.capitalExpenditure',
    });
    expect(s.unmapped).toEqual(['受取配当金']);
  });

  it('imports the mapped lines by year; capex printed negative becomes positive spending', () => {
    const { mapping } = suggestMapping(table);
    const r = importHistoricals(table, mapping);
    expect(r.historicals.map((h) => h.year)).toEqual([2021, 2022, 2023]);
    expect(r.historicals[0]?.incomeStatement).toMatchObject({
      revenue: 72400,
      costOfSales: 51050,
      operatingIncome: 6300,
      depreciationAmortization: 3050,
    });
    expect(r.historicals.map((h) => h.cashFlow?.capitalExpenditure)).toEqual([3400, 3700, 3800]);
    expect(r.unmappedLabels).toEqual(['受取配当金']);
  });

  it('scales, overrides years and reads the transposed layout', () => {
    const transposed = (table[0] ?? []).map((_, c) => table.map((row) => row[c] ?? null));
    const s = suggestMapping(transposed);
    expect(s.mapping.orientation).toBe('linesInColumns');
    const r = importHistoricals(transposed, { ...s.mapping, scale: 0.001, years: { '2022年3月期': 2030 } });
    expect(r.historicals.map((h) => h.year)).toEqual([2022, 2023, 2030]);
    expect(r.historicals.at(-1)?.incomeStatement.revenue).toBeCloseTo(72.4, 12);
  });

  it('lists every unreadable cell by its address and every missing line by year', () => {
    const bad: Table = [
      ['科目', '2023', '2024'],
      ['売上高', '100', 'abc'],
      ['営業利益', '10', 'xyz'],
    ];
    try {
      importHistoricals(bad, suggestMapping(bad).mapping);
      expect.unreachable();
    } catch (e) {
      if (!isAppError(e)) throw e;
      expect(e.code).toBe('invalid_input');
      const where = (e.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
      expect(where).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^C2: 売上高 for 2024: "abc" is not a number/),
          expect.stringMatching(/^C3: 営業利益 for 2024/),
          expect.stringMatching(/^historicals\.0\.incomeStatement\.depreciationAmortization: 2023: Required/),
        ]),
      );
    }
  });

  it('refuses a mapping with an unknown line', () => {
    expect(() =>
      importHistoricals(table, { orientation: 'linesInRows', headerIndex: 0, labelIndex: 0, lines: { 売上高: 'revenue' } }),
    ).toThrow(/column mapping is not valid/);
  });
});
