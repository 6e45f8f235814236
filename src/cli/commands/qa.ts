import { type Command, Option } from 'commander';
import { parse as parseCsvRecords } from 'csv-parse/sync';
import { krippendorffAlpha, type Rating } from '../../core/reviews/agreement.js';
import { decodeCsvText } from '../../infra/files/csv.js';
import { type AlphaLevel, type AlphaResult, alphaLevels } from '../../shared/contracts/deliverables.js';
import { AppError, type Issue } from '../../shared/errors.js';
import { readFileBytes } from '../files.js';
import type { CliIo } from '../io.js';

/**
 * `kpo qa …`: quality of reviewed work. `kpo qa alpha RATINGS.csv --level …` is Krippendorff's
 * alpha over a ratings table: one row per unit, one column per rater, an empty cell where a rater
 * gave no value.
 *
 * Reading the table (csv-parse, already what kpo reads CSV with; UTF-8 or Shift_JIS as Excel writes):
 * - comma-separated, RFC 4180 quoting; blank lines are skipped, a row of empty cells is a unit
 *   nobody rated; columns empty in every row at the right end (trailing commas) are dropped;
 * - the first row is a header when --header is given, or, at the numeric levels, when every
 *   non-empty rater cell in it is not a number (rater names). At the nominal level values are
 *   labels, so a header is never guessed there: give --header;
 * - --unit-column: the first column names the unit and is not a rater;
 * - nominal values are the cell text, trimmed (`1` and `1.0` are two labels); at the other levels
 *   a cell must be a plain decimal number (`3`, `-0.5`, `1e3`), else the error names its line and column.
 */

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const MAX_ISSUES = 20;

interface Row {
  /** The line of the file the row starts on (1-based). */
  line: number;
  cells: string[];
}

function readRows(path: string): Row[] {
  const text = decodeCsvText(readFileBytes(path, 'ratings file'));
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsvRecords(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    throw new AppError('invalid_input', `${path} cannot be read as CSV: ${(e as Error).message}`, { reason: 'unreadable_csv' });
  }
  // info.lines is the line a record ends on; a quoted cell may span lines.
  return records.map(({ record, info }) => ({
    line: info.lines - record.reduce((s, cell) => s + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record.map((c) => c.trim()),
  }));
}

export interface RatingsTable {
  /** Rater names: the header's, else "1", "2", … */
  raters: string[];
  /** Unit names from --unit-column, else null. */
  unitNames: string[] | null;
  ratings: Rating[][];
  header: boolean;
}

/** The ratings of a CSV file, checked for the level; every bad cell is named by line and column. */
export function readRatings(path: string, level: AlphaLevel, opts: { header?: boolean; unitColumn?: boolean } = {}): RatingsTable {
  const rows = readRows(path);
  const skip = opts.unitColumn ? 1 : 0;
  const numeric = level !== 'nominal';
  const first = rows[0];
  if (!first)
    throw new AppError('invalid_input', `${path} is empty: give one row per unit, one column per rater.`, { reason: 'empty_file' });
  const firstRaterCells = first.cells.slice(skip).filter((c) => c !== '');
  const header = !!opts.header || (numeric && firstRaterCells.length > 0 && firstRaterCells.every((c) => !NUMBER.test(c)));
  const data = header ? rows.slice(1) : rows;
  if (data.length === 0)
    throw new AppError('invalid_input', `${path} has a header but no units: give one row per unit under it.`, { reason: 'empty_file' });

  // The widest row, less trailing columns no row (header included) has anything in.
  let width = 0;
  for (const row of rows) {
    for (let i = row.cells.length; i > width; i--) {
      if (row.cells[i - 1] !== '') {
        width = i;
        break;
      }
    }
  }
  const raterCount = Math.max(0, width - skip);
  if (raterCount === 0) throw new AppError('invalid_input', `${path} has no ratings: every rater cell is empty.`, { reason: 'empty_file' });
  const raters = Array.from({ length: raterCount }, (_, r) => (header ? first.cells[r + skip] : undefined) || String(r + 1));

  const issues: Issue[] = [];
  let bad = 0;
  const ratings = data.map((row) =>
    Array.from({ length: raterCount }, (_, r): Rating => {
      const cell = row.cells[r + skip] ?? '';
      if (cell === '') return null;
      if (!numeric) return cell;
      if (NUMBER.test(cell)) return Number(cell);
      bad++;
      if (issues.length < MAX_ISSUES)
        issues.push({
          path: [`line ${row.line}, column ${r + skip + 1}`],
          code: 'not_a_number',
          message: `${JSON.stringify(cell)} (rater ${raters[r]}) is not a number.`,
        });
      return null;
    }),
  );
  if (bad > 0) {
    const firstIssue = issues[0] as Issue;
    throw new AppError(
      'invalid_input',
      `${path}: ${level} ratings are numbers; ${bad === 1 ? 'one cell is' : `${bad} cells are`} not, the first at ${firstIssue.path[0]}. ` +
        'Leave a cell empty for a missing rating, or use --level nominal for labels.',
      { reason: 'validation', issues },
    );
  }
  return { raters, unitNames: opts.unitColumn ? data.map((row) => row.cells[0] ?? '') : null, ratings, header };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `alpha (ordinal) = 0.815 — 12 units, 4 raters, 40 pairable values` */
export function alphaLine(r: AlphaResult): string {
  const value = r.alpha === null ? 'n/a' : r.alpha.toFixed(3);
  return `alpha (${r.level}) = ${value} — ${plural(r.units, 'unit')}, ${plural(r.raters, 'rater')}, ${plural(r.pairable, 'pairable value')}`;
}

export function registerQaCommands(program: Command, io: CliIo): void {
  const qa = program.command('qa').description('quality of reviewed work: how far reviewers agree');

  qa.command('alpha <ratings>')
    .description("Krippendorff's alpha of a CSV of ratings: one row per unit, one column per rater, an empty cell where a rater gave none")
    .addOption(new Option('--level <level>', 'level of measurement').choices(alphaLevels).makeOptionMandatory())
    .option('--header', 'the first row names the raters (guessed at numeric levels when no cell in it is a number)')
    .option('--unit-column', 'the first column names the unit and is not a rater')
    .option('--json', 'machine-readable output: {"alpha", "level", "units", "raters", "pairable"}')
    .action((file: string, opts: { level: AlphaLevel; header?: boolean; unitColumn?: boolean; json?: boolean }) => {
      const table = readRatings(file, opts.level, opts);
      const r = krippendorffAlpha(table.ratings, opts.level);
      const json = { alpha: r.alpha, level: r.level, units: r.units, raters: r.raters, pairable: r.pairable };
      io.stdout(opts.json ? `${JSON.stringify(json, null, 2)}\n` : `${alphaLine(r)}\n`);
    });
}
