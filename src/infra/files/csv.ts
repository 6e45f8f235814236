import { parse as parseCsvRecords } from 'csv-parse/sync';
import type { Cell, Table } from '../../core/workbenches/financial-modeling/import.js';
import { AppError } from '../../shared/errors.js';

/** CSV text as Excel writes it in Japan: UTF-8 (with or without BOM), else Shift_JIS (CP932). */
export function decodeCsvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
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
