import { AppError } from '../../shared/errors.js';

/** A statements table is tens of lines by tens of years; anything far larger is refused, not read. */
export const MAX_TABLE_ROWS = 5000;
export const MAX_TABLE_COLUMNS = 200;

export function tableTooLarge(rows: number, columns: number): AppError {
  return new AppError(
    'invalid_input',
    `The table is ${rows} rows by ${columns} columns; at most ${MAX_TABLE_ROWS} by ${MAX_TABLE_COLUMNS} are read. Keep only the statements.`,
    { reason: 'table_too_large', params: { rows, columns, maxRows: MAX_TABLE_ROWS, maxColumns: MAX_TABLE_COLUMNS } },
  );
}
