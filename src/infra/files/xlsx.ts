import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Cell, Table } from '../../core/workbenches/financial-modeling/import.js';
import { AppError } from '../../shared/errors.js';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, tableTooLarge } from './limits.js';

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

/** How much of a workbook kpo reads before refusing it (a statements table is small, a survey large). */
export interface XlsxLimits {
  rows: number;
  columns: number;
  unpackedBytes: number;
  /** What the workbook is read as, for the message. */
  what: string;
  tooLarge(rows: number, columns: number): AppError;
}

const statementLimits: XlsxLimits = {
  rows: MAX_TABLE_ROWS,
  columns: MAX_TABLE_COLUMNS,
  unpackedBytes: MAX_XLSX_UNPACKED_BYTES,
  what: 'statement tables',
  tooLarge: tableTooLarge,
};

/** The cells of one sheet of an .xlsx file (the first sheet unless named); formulas give their cached results. */
export async function readXlsxTable(
  bytes: Uint8Array,
  sheetName?: string,
  limits: XlsxLimits = statementLimits,
): Promise<{ sheet: string; sheets: string[]; table: Table }> {
  const unpacked = unpackedBytes(bytes, limits.unpackedBytes);
  if (unpacked === null || unpacked > limits.unpackedBytes)
    throw new AppError(
      'invalid_input',
      unpacked === null
        ? 'The file is not a readable .xlsx workbook.'
        : `The workbook unpacks to more than ${limits.unpackedBytes / 1048576} MiB; kpo reads ${limits.what} up to that size.`,
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
        params: { sheet: sheetName ?? '', sheets: sheets.join(', ') },
        issues: [
          {
            path: ['sheet'],
            code: 'unknown_sheet',
            message: `Choose one of: ${sheets.join(', ')}.`,
            params: { sheets: sheets.join(', ') },
          },
        ],
      },
    );
  // Only the cells that exist: a sheet with one cell at XFD1048576 is not a billion empty ones.
  const table: Table = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > limits.rows) throw limits.tooLarge(r, row.cellCount);
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > limits.columns) throw limits.tooLarge(r, c);
      while (cells.length < c - 1) cells.push(null);
      // `value` drops a formula result of 0 (exceljs copies only truthy fields); `result` keeps it.
      cells.push(cellValue(cell.type === ExcelJS.ValueType.Formula ? (cell.result as ExcelJS.CellValue) : cell.value));
    });
    while (table.length < r - 1) table.push([]);
    table.push(cells);
  });
  return { sheet: ws.name, sheets, table };
}
