import { parse } from 'csv-parse/sync';
import type { CsvEntryRow } from '../../core/time/service.js';
import { MAX_IMPORT_ROWS } from '../../shared/contracts/time.js';
import { AppError, type Issue } from '../../shared/errors.js';

/** The columns an import reads; the first three are required. */
const columns = ['date', 'category', 'minutes', 'note', 'milestone_id', 'user_id', 'correction_reason'] as const;
const required = ['date', 'category', 'minutes'] as const;
type Column = (typeof columns)[number];

/**
 * Reads an import's CSV into entry requests: a header naming the columns (any order), then one
 * entry per line. Every problem of shape — a required column missing, a line with the wrong number
 * of fields — is listed at once; what the values mean is checked later, like any entry.
 */
export function readEntriesCsv(text: string): CsvEntryRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as never;
  } catch (e) {
    throw new AppError('invalid_input', `The file cannot be read as CSV: ${(e as Error).message}`, { reason: 'unreadable_csv' });
  }
  const [header, ...rows] = records;
  if (!header) throw new AppError('invalid_input', 'The file has no header line.', { reason: 'bad_header' });
  const names = header.record.map((h) => h.toLowerCase());
  const issues: Issue[] = [];
  for (const name of required) {
    if (!names.includes(name))
      issues.push({
        path: ['csv', 1, name],
        code: 'missing_column',
        message: `The header has no "${name}" column.`,
        params: { column: name },
      });
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    issues.push({ path: ['csv'], code: 'too_big', message: `At most ${MAX_IMPORT_ROWS} lines.`, params: { maximum: MAX_IMPORT_ROWS } });
  }
  const out: CsvEntryRow[] = [];
  for (const { record, info } of rows) {
    if (record.length !== names.length) {
      issues.push({
        path: ['csv', info.lines],
        code: 'ragged_row',
        message: `Line ${info.lines} has ${record.length} fields; the header has ${names.length}.`,
        params: { line: info.lines, fields: record.length, expected: names.length },
      });
      continue;
    }
    const field = (c: Column) => {
      const i = names.indexOf(c);
      const v = i >= 0 ? record[i] : undefined;
      return v === undefined || v === '' ? undefined : v;
    };
    const minutes = field('minutes');
    out.push({
      line: info.lines,
      input: {
        date: field('date'),
        category: field('category'),
        // A number when it reads as one; otherwise the text, for the schema to refuse by name.
        minutes: minutes !== undefined && /^-?\d+$/.test(minutes) ? Number(minutes) : minutes,
        ...(field('note') !== undefined && { note: field('note') }),
        ...(field('milestone_id') !== undefined && { milestoneId: field('milestone_id') }),
        ...(field('user_id') !== undefined && { userId: field('user_id') }),
        ...(field('correction_reason') !== undefined && { correctionReason: field('correction_reason') }),
      },
    });
  }
  if (issues.length > 0)
    throw new AppError('invalid_input', 'The file has lines that cannot be imported.', { reason: 'validation', issues });
  return out;
}
