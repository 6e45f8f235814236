import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { encodeShiftJis } from './shift-jis.js';
import { decodeSurveyText, readSurveyCsv, readSurveyFile } from './survey.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const errorOf = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
};

const SURVEY = 'ID,性別,年代,満足度,自由回答\r\n1,男性,30代,4,価格が高い\r\n2,女性,20代,5,"使いやすい, 早い"\r\n3,女性,40代,NA,\r\n';

describe('survey files', () => {
  it('reads UTF-8, UTF-8 with a BOM, Shift_JIS and UTF-16 with a BOM to the same table', () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(SURVEY)]);
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from(SURVEY.replace(/,(?! 早い)/g, '\t'), 'utf16le')]);
    const reads = [readSurveyCsv(utf8(SURVEY)), readSurveyCsv(bom), readSurveyCsv(encodeShiftJis(SURVEY)), readSurveyCsv(utf16)];
    expect(reads.map((r) => r.encoding)).toEqual(['utf-8', 'utf-8-bom', 'shift_jis', 'utf-16le']);
    for (const r of reads) {
      expect(r.header).toEqual(['ID', '性別', '年代', '満足度', '自由回答']);
      expect(r.rows).toEqual([
        ['1', '男性', '30代', '4', '価格が高い'],
        ['2', '女性', '20代', '5', '使いやすい, 早い'],
        ['3', '女性', '40代', 'NA', ''],
      ]);
      expect(r.lines).toEqual([2, 3, 4]);
    }
  });

  it('refuses bytes that are no text kpo knows, naming the encodings it reads', () => {
    // 0x80 0x80 is neither UTF-8 nor a Shift_JIS character; NUL bytes mean binary or UTF-16 without a BOM.
    expect(errorOf(() => decodeSurveyText(Uint8Array.from([0x41, 0x80, 0x80, 0x0a]))).reason).toBe('unknown_encoding');
    expect(errorOf(() => readSurveyCsv(new Uint8Array(Buffer.from('a,b\n1,2\n', 'utf16le')))).reason).toBe('unknown_encoding');
  });

  it('names each ragged row by its line, and drops only empty cells Excel pads to the right', () => {
    const e = errorOf(() => readSurveyCsv(utf8('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,,\n')));
    expect(e.reason).toBe('ragged_rows');
    expect(e.issues?.map((i) => [i.code, i.params?.line, i.params?.cells])).toEqual([
      ['ragged_row', 3, 2],
      ['ragged_row', 4, 4],
    ]);
    expect(readSurveyCsv(utf8('a,b\n1,2,,\n3,4\n')).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('counts lines through quoted cells that span lines', () => {
    const e = errorOf(() => readSurveyCsv(utf8('a,b\n1,"two\nlines"\n3\n')));
    expect(e.issues?.[0]?.params?.line).toBe(4);
  });

  it('refuses a header with empty or repeated names, an empty file and a header without responses', () => {
    const header = errorOf(() => readSurveyCsv(utf8('a,,a\n1,2,3\n')));
    expect(header.reason).toBe('bad_header');
    expect(header.issues?.map((i) => i.code)).toEqual(['required', 'duplicate_column']);
    expect(errorOf(() => readSurveyCsv(utf8('\n\n'))).reason).toBe('empty_file');
    expect(errorOf(() => readSurveyCsv(utf8('a,b\n,\n'))).reason).toBe('no_respondents');
  });

  it('reads the first sheet of an .xlsx workbook, numbers as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('回答');
    ws.addRow(['ID', '性別', 'NPS']);
    ws.addRow([1, '男性', 9]);
    ws.addRow([2, '女性', 10]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await readSurveyFile('survey.xlsx', bytes);
    expect(r.sheet).toBe('回答');
    expect(r.header).toEqual(['ID', '性別', 'NPS']);
    expect(r.rows).toEqual([
      ['1', '男性', '9'],
      ['2', '女性', '10'],
    ]);
  });

  it('refuses other file types by name', async () => {
    await expect(readSurveyFile('survey.sav', utf8('x'))).rejects.toMatchObject({ reason: 'unsupported_file' });
  });
});
