import { parse as parseCsvRecords } from 'csv-parse/sync';
import type { ResponseTable } from '../../core/workbenches/market-research/dataset.js';
import { AppError, type Issue } from '../../shared/errors.js';

/**
 * Survey response files → a response table: CSV as Japanese survey tools export it (UTF-8 with or
 * without BOM, Shift_JIS/CP932, UTF-16 with BOM as Excel's "Unicode text") and XLSX. The first row
 * is the header. A row with more or fewer cells than the header is an error naming the row:
 * silently shifting answers into the wrong question is the worst thing a survey import can do.
 */

export const SURVEY_MAX_ROWS = 1_000_000;
export const SURVEY_MAX_COLUMNS = 5_000;
const MAX_ISSUES = 20;

export type SurveyEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis' | 'utf-16le' | 'utf-16be';

export interface SurveyRead extends ResponseTable {
  /** The encoding a CSV was read in; null for XLSX. */
  encoding: SurveyEncoding | null;
  sheet: string | null;
  /** The file line (CSV) or sheet row (XLSX) each data row starts on. */
  lines: number[];
}

/** The text of a CSV file, or unknown_encoding when it is neither UTF-8, UTF-16 (with BOM) nor Shift_JIS. */
export function decodeSurveyText(bytes: Uint8Array): { text: string; encoding: SurveyEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // NUL bytes: a binary file or UTF-16 without its BOM, neither of which is text kpo can read.
  if (bytes.includes(0)) throw unknownEncoding();
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes), encoding: 'shift_jis' };
    } catch {
      throw unknownEncoding();
    }
  }
}

function unknownEncoding(): AppError {
  return new AppError('invalid_input', 'The file is neither UTF-8, UTF-16 with a BOM nor Shift_JIS (CP932) text.', {
    reason: 'unknown_encoding',
  });
}

function tooLarge(rows: number, columns: number): AppError {
  return new AppError(
    'invalid_input',
    `The file has ${rows} rows by ${columns} columns; at most ${SURVEY_MAX_ROWS} respondents by ${SURVEY_MAX_COLUMNS} columns are read.`,
    { reason: 'table_too_large', params: { rows, columns, maxRows: SURVEY_MAX_ROWS, maxColumns: SURVEY_MAX_COLUMNS } },
  );
}

/** The delimiter the header line uses most of: comma, or tab (Excel's "Unicode text"), or semicolon. */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return [',', '\t', ';'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

/** Header checks: every column named, each name once. */
function checkHeader(header: string[]): void {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '')
      issues.push({ path: ['header', i], code: 'required', message: `Column ${i + 1} has no name.`, params: { column: i + 1 } });
    else if (seen.has(name))
      issues.push({
        path: ['header', i],
        code: 'duplicate_column',
        message: `Column ${i + 1} is named "${name}" like column ${(seen.get(name) ?? 0) + 1}.`,
        params: { column: i + 1, name },
      });
    else seen.set(name, i);
  });
  if (issues.length > 0)
    throw new AppError('invalid_input', 'The header row must name every column, each once.', {
      reason: 'bad_header',
      issues: issues.slice(0, MAX_ISSUES),
    });
}

/** The rows below the header, each exactly as wide as the header (trailing empty cells excepted). */
function checkWidths(header: string[], rows: string[][], lines: number[]): string[][] {
  const issues: Issue[] = [];
  let ragged = 0;
  const out = rows.map((row, r) => {
    let width = row.length;
    // Excel pads some rows with empty cells to the right: those are not answers.
    while (width > header.length && row[width - 1] === '') width--;
    if (width === header.length) return width === row.length ? row : row.slice(0, width);
    ragged++;
    if (issues.length < MAX_ISSUES)
      issues.push({
        path: ['rows', lines[r] ?? r + 2],
        code: 'ragged_row',
        message: `Line ${lines[r]} has ${width} cells; the header has ${header.length}.`,
        params: { line: lines[r] ?? r + 2, cells: width, columns: header.length },
      });
    return row;
  });
  if (ragged > 0)
    throw new AppError(
      'invalid_input',
      `${ragged} row${ragged === 1 ? '' : 's'} do not have as many cells as the header (${header.length}); the first is line ${issues[0]?.params?.line}.`,
      { reason: 'ragged_rows', params: { rows: ragged, columns: header.length }, issues },
    );
  return out;
}

function toResponseTable(records: { cells: string[]; line: number }[], encoding: SurveyEncoding | null, sheet: string | null): SurveyRead {
  // Blank lines and rows of empty cells are not respondents.
  const kept = records.filter((r) => r.cells.some((c) => c !== ''));
  const first = kept[0];
  if (!first) throw new AppError('invalid_input', 'The file is empty.', { reason: 'empty_file' });
  let headerWidth = first.cells.length;
  while (headerWidth > 0 && first.cells[headerWidth - 1] === '') headerWidth--;
  const header = first.cells.slice(0, headerWidth);
  checkHeader(header);
  const body = kept.slice(1);
  if (body.length === 0) throw new AppError('invalid_input', 'The file has a header but no responses.', { reason: 'no_respondents' });
  if (body.length > SURVEY_MAX_ROWS || header.length > SURVEY_MAX_COLUMNS) throw tooLarge(body.length, header.length);
  const lines = body.map((r) => r.line);
  const rows = checkWidths(
    header,
    body.map((r) => r.cells),
    lines,
  );
  return { header, rows, encoding, sheet, lines };
}

export function readSurveyCsv(bytes: Uint8Array): SurveyRead {
  const { text, encoding } = decodeSurveyText(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsvRecords(text, {
      delimiter: guessDelimiter(text),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
      max_record_size: 1_000_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new AppError('invalid_input', `The CSV cannot be read${line ? ` (near line ${line})` : ''}: ${(e as Error).message}`, {
      reason: 'unreadable_survey',
      ...(line ? { params: { line } } : {}),
    });
  }
  // info.lines is the line a record ends on; a quoted cell may span lines.
  const withLines = records.map(({ record, info }) => ({
    line: info.lines - record.reduce((s, cell) => s + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));
  return toResponseTable(withLines, encoding, null);
}

export async function readSurveyXlsx(bytes: Uint8Array, sheet?: string): Promise<SurveyRead> {
  const { readXlsxTable } = await import('./xlsx.js');
  const read = await readXlsxTable(bytes, sheet, {
    rows: SURVEY_MAX_ROWS + 1,
    columns: SURVEY_MAX_COLUMNS,
    unpackedBytes: 1024 * 1024 * 1024,
    what: 'survey responses',
    tooLarge,
  });
  const records = read.table.map((row, i) => ({
    line: i + 1,
    cells: row.map((c) => (c === null ? '' : String(c).trim())),
  }));
  return toResponseTable(records, null, read.sheet);
}

/** A survey response file by its extension: .xlsx, or .csv/.tsv/.txt. */
export async function readSurveyFile(fileName: string, bytes: Uint8Array, sheet?: string): Promise<SurveyRead> {
  const ext = /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1] ?? '';
  if (ext === 'xlsx') return readSurveyXlsx(bytes, sheet);
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return readSurveyCsv(bytes);
  throw new AppError('invalid_input', `${fileName}: survey responses are imported from .csv or .xlsx files.`, {
    reason: 'unsupported_file',
    issues: [{ path: ['fileName'], code: 'unsupported_file', message: 'Must end in .csv or .xlsx.' }],
  });
}
