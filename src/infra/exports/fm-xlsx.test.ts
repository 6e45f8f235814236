import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { kennethColeModel } from '../../core/workbenches/financial-modeling/fixtures.js';
import { parseFinancialModel, valueModel } from '../../core/workbenches/financial-modeling/model.js';
import type { FinancialModelInput } from '../../shared/contracts/financial-model.js';
import { buildFmWorkbookSpec } from './fm-workbook.js';
import { exportFmXlsx } from './fm-xlsx.js';

const sakura = parseFinancialModel(
  JSON.parse(readFileSync(new URL('../../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8')) as FinancialModelInput,
);
const kcp = parseFinancialModel(kennethColeModel());

/** One entry of a zip archive (the .xlsx container), through its central directory. */
function zipEntry(bytes: Uint8Array, name: string): string {
  const buf = Buffer.from(bytes);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  const entries = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < entries; i++) {
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (buf.toString('utf8', p + 46, p + 46 + nameLength) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLength + extra + comment;
  }
  throw new Error(`no ${name} in the archive`);
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return wb;
}

describe('xlsx export', () => {
  it('has Japanese sheet names and labels for a Japanese model, English for an English one', async () => {
    const ja = await load((await exportFmXlsx(sakura)).bytes);
    expect(ja.worksheets.map((w) => w.name)).toEqual([
      '概要',
      '前提条件',
      '実績',
      '予測',
      'DCF',
      '感応度',
      '類似会社',
      'EPS増減',
      'チェック',
    ]);
    expect(ja.getWorksheet('予測')?.getCell('A5').value).toBe('売上高');
    const en = await load((await exportFmXlsx(kcp)).bytes);
    expect(en.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Assumptions',
      'Historicals',
      'Projections',
      'DCF',
      'Sensitivity',
      'Checks',
    ]);
    expect(en.getWorksheet('Projections')?.getCell('A5').value).toBe('Revenue');
  });

  it('is set to recalculate fully on load', async () => {
    const { bytes } = await exportFmXlsx(sakura);
    expect(zipEntry(bytes, 'xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it('projects with live formulas that reference the assumptions', async () => {
    const wb = await load((await exportFmXlsx(kcp)).bytes);
    const p = wb.getWorksheet('Projections');
    expect(p?.getCell('D5').formula).toBe("C5*(1+'Assumptions'!C5)");
    expect(p?.getCell('D6').formula).toBe("D5*'Assumptions'!C6");
    expect(p?.getCell('D15').formula).toBe('D11+D8-D12-D14');
    const dcf = wb.getWorksheet('DCF');
    expect(dcf?.getCell('D16').formula).toBe('1/(1+C11)^D15');
    expect(dcf?.getCell('C23').formula).toBe("'Projections'!I15*(1+'Assumptions'!C24)/(C11-'Assumptions'!C24)");
  });

  it('caches the engine’s value in every formula cell, and leaves the cache empty when asked', async () => {
    const { spec, bytes } = await exportFmXlsx(sakura);
    const formulas = spec.sheets.flatMap((s) => [...s.cells.values()].filter((c) => c.formula !== undefined));
    expect(formulas.length).toBeGreaterThan(2000);
    expect(formulas.every((c) => c.expected !== undefined)).toBe(true);
    const wb = await load(bytes);
    const v = valueModel(sakura).valuation;
    const summary = wb.getWorksheet('概要');
    const vpsCell = [...(spec.sheets[0]?.cells.entries() ?? [])].find(([, c]) => c.expected === v.valuePerShare)?.[0] ?? '';
    expect(summary?.getCell(vpsCell).result).toBe(v.valuePerShare);
    const bare = await load((await exportFmXlsx(sakura, { cachedValues: false })).bytes);
    expect(bare.getWorksheet('概要')?.getCell(vpsCell).result).toBeUndefined();
    expect(bare.getWorksheet('概要')?.getCell(vpsCell).formula).toBeTruthy();
  });

  it('lays the sensitivity grids out 21×21 with n/a where terminal growth reaches WACC', () => {
    const m = parseFinancialModel({
      ...kennethColeModel(),
      valuation: { midYearConvention: false, terminalValue: { method: 'gordon', growthRate: 0.09, exitMultiple: 8 } },
    });
    const spec = buildFmWorkbookSpec(m);
    const sheet = spec.sheets.find((s) => s.key === 'sensitivity');
    const values = [...(sheet?.cells.values() ?? [])].filter((c) => c.formula?.startsWith('IF(OR('));
    expect(values).toHaveLength(2 * 21 * 21);
    expect(values.some((c) => c.expected === 'n/a')).toBe(true);
    expect(values.every((c) => c.expected === 'n/a' || typeof c.expected === 'number')).toBe(true);
  });

  it('formats numbers: percentages, multiples, money', async () => {
    const wb = await load((await exportFmXlsx(sakura)).bytes);
    const a = wb.getWorksheet('前提条件');
    expect(a?.getCell('C5').numFmt).toBe('0.00%');
    expect(a?.getCell('C25').numFmt).toBe('0.0"x"');
    expect(wb.getWorksheet('予測')?.getCell('D5').numFmt).toBe('#,##0_);(#,##0)');
  });

  it('lists the model checks', async () => {
    const wb = await load((await exportFmXlsx(sakura)).bytes);
    const checks = wb.getWorksheet('チェック');
    const statuses = new Set<string>();
    checks?.eachRow((row, n) => {
      if (n > 4) statuses.add(String(row.getCell(1).value));
    });
    // The sheet speaks the model's language: no English status words in a Japanese workbook.
    expect([...statuses].sort()).toEqual(['合格', '警告']);
    const texts: string[] = [];
    checks?.eachRow((row, n) => {
      if (n > 4) texts.push(String(row.getCell(3).value), String(row.getCell(4).value));
    });
    expect(texts).toContain('サイズプレミアムの出典');
    expect(texts).toContain('前提「サイズプレミアム」に出典がありません。');
    expect(texts.join('\n')).not.toMatch(/sources\.|sizePremium|WARN|PASS/);
  });

  it('lays out the same workbook every time (the zip timestamps aside)', () => {
    const json = (m: typeof sakura) => JSON.stringify(buildFmWorkbookSpec(m).sheets.map((s) => [s.name, [...s.cells]]));
    expect(json(sakura)).toBe(
      json(
        parseFinancialModel(JSON.parse(readFileSync(new URL('../../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8'))),
      ),
    );
  });
});
