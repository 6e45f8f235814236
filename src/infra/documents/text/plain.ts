import { parse as parseCsvRecords } from 'csv-parse/sync';
import { applyEdits } from '../../../core/documents/pii/pseudonymise.js';
import { decodeCsvText } from '../../files/csv.js';
import { malformed } from './errors.js';
import type { Replace, Segment } from './types.js';

/**
 * Text and CSV files as Japanese offices write them: UTF-8 with or without BOM, else Shift_JIS
 * (CP932). Node has no Shift_JIS encoder, so redacted copies are written as UTF-8 with a BOM
 * (which Excel and every editor read as UTF-8).
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeCsvText(bytes).replace(/^\uFEFF/, '');
}

const BOM = '\uFEFF';

export function textSegments(bytes: Uint8Array): Segment[] {
  return decodeText(bytes)
    .split(/\r?\n|\r/)
    .map((text, i) => ({ text, where: `line ${i + 1}` }))
    .filter((s) => s.text.trim() !== '');
}

export function redactText(bytes: Uint8Array, replace: Replace): Uint8Array {
  const text = decodeText(bytes);
  let line = 0;
  const out = text.replace(/[^\r\n]+|\r?\n|\r/g, (piece) => {
    if (piece === '\n' || piece === '\r\n' || piece === '\r') {
      line++;
      return piece;
    }
    return applyEdits(piece, replace(piece, `line ${line + 1}`));
  });
  return new TextEncoder().encode(BOM + out);
}

function delimiterOf(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

function records(text: string, delimiter: string): string[][] {
  try {
    return parseCsvRecords(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true });
  } catch (e) {
    throw malformed('CSV file', (e as Error).message);
  }
}

const column = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + column(i % 26));

export function csvSegments(bytes: Uint8Array): Segment[] {
  const text = decodeText(bytes);
  const out: Segment[] = [];
  records(text, delimiterOf(text)).forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell.trim() !== '') out.push({ text: cell, where: `${column(c)}${r + 1}` });
    });
  });
  return out;
}

export function redactCsv(bytes: Uint8Array, replace: Replace): Uint8Array {
  const text = decodeText(bytes);
  const delimiter = delimiterOf(text);
  const newline = /\r\n/.test(text) ? '\r\n' : '\n';
  const quote = (cell: string) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = records(text, delimiter).map((row, r) =>
    row.map((cell, c) => quote(cell.trim() === '' ? cell : applyEdits(cell, replace(cell, `${column(c)}${r + 1}`)))).join(delimiter),
  );
  return new TextEncoder().encode(BOM + lines.join(newline) + (/\r?\n$/.test(text) ? newline : ''));
}
