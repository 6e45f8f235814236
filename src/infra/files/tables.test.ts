import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importHistoricals, suggestMapping } from '../../core/workbenches/financial-modeling/import.js';
import { decodeCsvText, parseCsv } from './csv.js';
import { readTableFile, tableReader } from './tables.js';
import { readXlsxTable, unpackedBytes } from './xlsx.js';

const japaneseCsv = [
  '\uFEFF科目,2022年3月期,2023年3月期,2024年3月期',
  '売上高,"72,400","78,900","81,200"',
  '売上原価,"51,050","55,500","56,700"',
  '営業利益,"6,300","7,350","7,600"',
  '減価償却費,"３,０５０","3,200","3,350"',
  '設備投資,▲3400,(3700),"-3,800"',
  '受取配当金,10,11,12',
].join('\r\n');

describe('CSV', () => {
  it('reads CSV with quotes, CRLF and a BOM', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('a,b\r\n1,2\n\n3\r4')).toEqual([['a', 'b'], ['1', '2'], ['3'], ['4']]); // line endings mixed
    expect(() => parseCsv('a,"b\n1,2')).toThrow(expect.objectContaining({ reason: 'unreadable_csv' }));
    expect(parseCsv('a;b\n1;2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads statements as Excel saves them in Japan: BOM dropped, every cell text, the table the domain maps', () => {
    const table = parseCsv(japaneseCsv);
    expect(table).toEqual([
      ['科目', '2022年3月期', '2023年3月期', '2024年3月期'],
      ['売上高', '72,400', '78,900', '81,200'],
      ['売上原価', '51,050', '55,500', '56,700'],
      ['営業利益', '6,300', '7,350', '7,600'],
      ['減価償却費', '３,０５０', '3,200', '3,350'],
      ['設備投資', '▲3400', '(3700)', '-3,800'],
      ['受取配当金', '10', '11', '12'],
    ]);
    expect(importHistoricals(table, suggestMapping(table).mapping).historicals.map((h) => h.year)).toEqual([2021, 2022, 2023]);
  });
});

describe('XLSX', () => {
  it('reads a sheet from bytes, formulas as their results', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('PL');
    ws.addRow(['Line', 'FY2023', 'FY2024']);
    ws.addRow(['Net sales', 1000, 1100]);
    ws.addRow(['Operating income', 100, { formula: 'B3*1.2', result: 120 }]);
    ws.addRow(['Depreciation and amortization', 30, 33]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { table, sheets } = await readXlsxTable(bytes);
    expect(sheets).toEqual(['PL']);
    const r = importHistoricals(table, suggestMapping(table).mapping);
    expect(r.historicals.map((h) => h.incomeStatement.operatingIncome)).toEqual([100, 120]);
    await expect(readXlsxTable(bytes, 'BS')).rejects.toThrow(/no sheet "BS"/);
    await expect(readXlsxTable(new Uint8Array([1, 2, 3]))).rejects.toThrow(/not a readable \.xlsx/);
  });
});

describe('uploaded files', () => {
  it('reads CSV in UTF-8 and in Shift_JIS, as Excel saves it in Japan', async () => {
    expect(decodeCsvText(new TextEncoder().encode('売上高,1'))).toBe('売上高,1');
    // 売上高 in Shift_JIS (CP932): 94 84 8F E3 8D 82.
    expect(decodeCsvText(new Uint8Array([0x94, 0x84, 0x8f, 0xe3, 0x8d, 0x82, 0x2c, 0x31]))).toBe('売上高,1');
    const { table } = await readTableFile('pl.csv', new TextEncoder().encode(japaneseCsv));
    expect(table[1]?.[0]).toBe('売上高');
    await expect(readTableFile('pl.pdf', new Uint8Array([1]))).rejects.toMatchObject({ reason: 'unsupported_file' });
  });

  it('reads through the TableReader port: by extension, the sheet as an option', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('PL').addRow(['科目', 2024]);
    wb.addWorksheet('BS').addRow(['資産合計', 500]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await tableReader.read({ name: 'Statements.XLSX', bytes }, { sheet: 'BS' })).toEqual({
      sheet: 'BS',
      sheets: ['PL', 'BS'],
      table: [['資産合計', 500]],
    });
    expect((await tableReader.read({ name: 'statements.xlsx', bytes })).sheet).toBe('PL');
    expect(await tableReader.read({ name: 'pl.tsv', bytes: new TextEncoder().encode('売上高\t1') })).toEqual({
      sheet: null,
      sheets: [],
      table: [['売上高', '1']],
    });
    await expect(tableReader.read({ name: 'pl', bytes })).rejects.toMatchObject({ reason: 'unsupported_file' });
  });

  it('refuses a workbook that unpacks to more than it may, whatever its ZIP directory claims', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('PL').addRow(['科目', 2024]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(unpackedBytes(bytes, 64 * 1024 * 1024)).toBeGreaterThan(500);
    expect((await readXlsxTable(bytes)).table[0]).toEqual(['科目', 2024]);

    // 80 MiB of spaces deflate to ≈80 KB; the directory says 16 KB, as a ZIP bomb would.
    const bomb = zipOfOne('xl/worksheets/sheet1.xml', new Uint8Array(80 * 1024 * 1024).fill(0x20), 16 * 1024);
    expect(bomb.length).toBeLessThan(200_000);
    expect(unpackedBytes(bomb, 64 * 1024 * 1024)).toBe(64 * 1024 * 1024 + 1);
    await expect(readXlsxTable(bomb)).rejects.toMatchObject({ reason: 'xlsx_too_large' });
    expect(unpackedBytes(new TextEncoder().encode('not a zip at all, not at all'), 1000)).toBeNull();
    await expect(readXlsxTable(new TextEncoder().encode('not a zip'))).rejects.toMatchObject({ reason: 'unreadable_xlsx' });
  });

  it('refuses tables far larger than statements, without walking empty cells', async () => {
    const wide = new ExcelJS.Workbook();
    const ws = wide.addWorksheet('PL');
    ws.getCell('A1').value = '科目';
    ws.getCell('XFD1').value = 1;
    await expect(readXlsxTable(new Uint8Array(await wide.xlsx.writeBuffer()))).rejects.toMatchObject({ reason: 'table_too_large' });
    const tall = new ExcelJS.Workbook();
    tall.addWorksheet('PL').getCell('A1048576').value = 1;
    await expect(readXlsxTable(new Uint8Array(await tall.xlsx.writeBuffer()))).rejects.toMatchObject({ reason: 'table_too_large' });
    const sparse = new ExcelJS.Workbook();
    const s2 = sparse.addWorksheet('PL');
    s2.getCell('B3').value = '売上高';
    s2.getCell('D3').value = 100;
    expect((await readXlsxTable(new Uint8Array(await sparse.xlsx.writeBuffer()))).table).toEqual([[], [], [null, '売上高', null, 100]]);
    await expect(readTableFile('long.csv', new TextEncoder().encode('a\n'.repeat(200_000)))).rejects.toMatchObject({
      reason: 'table_too_large',
    });
  });
});

/** A ZIP file of one deflated entry whose directory states `claimedSize` as its unpacked size. */
function zipOfOne(name: string, content: Uint8Array, claimedSize: number): Uint8Array {
  const data = deflateRawSync(content);
  const nameBytes = new TextEncoder().encode(name);
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 20, true);
  local.setUint16(8, 8, true);
  local.setUint32(18, data.length, true);
  local.setUint32(22, claimedSize, true);
  local.setUint16(26, nameBytes.length, true);
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(4, 20, true);
  central.setUint16(6, 20, true);
  central.setUint16(10, 8, true);
  central.setUint32(20, data.length, true);
  central.setUint32(24, claimedSize, true);
  central.setUint16(28, nameBytes.length, true);
  central.setUint32(42, 0, true);
  const centralOffset = 30 + nameBytes.length + data.length;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 1, true);
  end.setUint16(10, 1, true);
  end.setUint32(12, 46 + nameBytes.length, true);
  end.setUint32(16, centralOffset, true);
  const parts = [new Uint8Array(local.buffer), nameBytes, data, new Uint8Array(central.buffer), nameBytes, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
