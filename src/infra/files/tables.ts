import type { TableFile, TableRead, TableReader } from '../../core/workbenches/financial-modeling/import.js';
import { AppError } from '../../shared/errors.js';
import { decodeCsvText, parseCsv } from './csv.js';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, tableTooLarge } from './limits.js';

/**
 * Files → tables, for the historicals import: CSV (UTF-8 or Shift_JIS) and XLSX (behind a ZIP-bomb
 * guard, cell by cell, with size caps). The domain gets the table through the `TableReader` port.
 */

/** A table from an uploaded or local file, by its extension: .xlsx, or .csv/.tsv/.txt. */
export async function readTableFile(fileName: string, bytes: Uint8Array, sheet?: string): Promise<TableRead> {
  const ext = /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1] ?? '';
  // exceljs takes most of a second to load: only an .xlsx file loads it.
  if (ext === 'xlsx') return (await import('./xlsx.js')).readXlsxTable(bytes, sheet);
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

/** The `TableReader` port over the files kpo reads. */
export const tableReader: TableReader = {
  read: (file: TableFile, options = {}) => readTableFile(file.name, file.bytes, options.sheet),
};
