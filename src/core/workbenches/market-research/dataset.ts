import type { Codebook, CodebookQuestion, ValueLabel } from '../../../shared/contracts/market-research.js';
import { AppError, type Issue } from '../../../shared/errors.js';
import type { Category, MultipleVariable, NumericVariable, SingleVariable, Variable } from './variables.js';

/**
 * A response file as rows of trimmed cells under a header (infra/files/survey.ts reads it), and
 * the codebook step that turns its columns into the engine's variables. Every problem in the data
 * is named by its line and column, up to a cap, so an analyst can fix the file or the codebook.
 */
export interface ResponseTable {
  header: string[];
  rows: string[][];
  /** The line of the file each row starts on, when known (for messages). */
  lines?: number[];
}

/** Open answers, kept as text (null when empty or a missing code). */
export interface OpenVariable {
  kind: 'open';
  key: string;
  label: string;
  texts: (string | null)[];
}

export interface Dataset {
  respondents: number;
  questions: readonly CodebookQuestion[];
  /** Single and multiple choice as categories; Likert, NPS and numeric as numbers. */
  variables: ReadonlyMap<string, Variable>;
  open: ReadonlyMap<string, OpenVariable>;
  /** The file's own weights (Codebook.weightColumn), or null. */
  weights: Float64Array | null;
}

const MAX_ISSUES = 30;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const DEFAULT_MISSING = ['', 'NA'];

const lineOf = (table: ResponseTable, r: number) => table.lines?.[r] ?? r + 2;

function columnIndex(table: ResponseTable, column: string, path: (string | number)[], issues: Issue[]): number {
  const i = table.header.indexOf(column);
  if (i < 0) issues.push({ path, code: 'unknown_key', message: `The file has no column "${column}".`, params: { column } });
  return i;
}

/** The distinct non-missing values of a column in the order people expect: numerically when all are numbers. */
export function distinctValues(table: ResponseTable, col: number, missing: readonly string[] = DEFAULT_MISSING): string[] {
  const skip = new Set(missing);
  skip.add('');
  const seen = new Set<string>();
  for (const row of table.rows) {
    const v = row[col] ?? '';
    if (!skip.has(v)) seen.add(v);
  }
  const values = [...seen];
  if (values.every((v) => NUMBER.test(v))) return values.sort((a, b) => Number(a) - Number(b));
  return values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A single-choice variable from one column with no codebook (the CLI's default): the distinct
 * non-empty values are the categories, empty cells and the missing codes (default `NA`) are missing.
 */
export function categoricalFromColumn(table: ResponseTable, column: string, missing: readonly string[] = DEFAULT_MISSING): SingleVariable {
  const issues: Issue[] = [];
  const col = columnIndex(table, column, ['column'], issues);
  if (col < 0) throw new AppError('invalid_input', `The file has no column "${column}".`, { reason: 'unknown_variable', issues });
  const values = distinctValues(table, col, missing);
  if (values.length === 0)
    throw new AppError('invalid_input', `Column "${column}" has no answers.`, {
      reason: 'codebook_mismatch',
      issues: [{ path: ['column'], code: 'empty_column', message: `Column "${column}" is empty in every row.`, params: { column } }],
    });
  return singleVariable(
    table,
    col,
    column,
    column,
    values.map((v) => ({ value: v, label: v })),
    missing,
    [],
  );
}

/** A numeric variable from one column with no codebook; a cell that is not a number is an error naming it. */
export function numericFromColumn(table: ResponseTable, column: string, missing: readonly string[] = DEFAULT_MISSING): NumericVariable {
  const issues: Issue[] = [];
  const col = columnIndex(table, column, ['column'], issues);
  if (col < 0) throw new AppError('invalid_input', `The file has no column "${column}".`, { reason: 'unknown_variable', issues });
  const v = numericVariable(table, col, column, column, missing, null, issues);
  if (issues.length > 0) throw mismatch(issues);
  return v;
}

function singleVariable(
  table: ResponseTable,
  col: number,
  key: string,
  label: string,
  values: readonly ValueLabel[],
  missing: readonly string[],
  issues: Issue[],
  path: (string | number)[] = [],
): SingleVariable {
  const index = new Map(values.map((v, i) => [v.value, i]));
  const skip = new Set(missing);
  const codes = new Int32Array(table.rows.length);
  table.rows.forEach((row, r) => {
    const cell = row[col] ?? '';
    if (cell === '' || skip.has(cell)) {
      codes[r] = -1;
      return;
    }
    const code = index.get(cell);
    if (code === undefined) {
      codes[r] = -1;
      outsideCodebook(table, r, table.header[col] ?? key, cell, issues, path);
    } else codes[r] = code;
  });
  return { kind: 'single', key, label, categories: values.map((v): Category => ({ value: v.value, label: v.label })), codes };
}

function outsideCodebook(table: ResponseTable, r: number, column: string, value: string, issues: Issue[], path: (string | number)[]) {
  if (issues.length >= MAX_ISSUES) return;
  const line = lineOf(table, r);
  issues.push({
    path: [...path, 'rows', line],
    code: 'code_outside_codebook',
    message: `Line ${line}, column "${column}": "${value}" is not one of the question's codes.`,
    params: { line, column, value: value.slice(0, 100) },
  });
}

function numericVariable(
  table: ResponseTable,
  col: number,
  key: string,
  label: string,
  missing: readonly string[],
  range: { min: number; max: number; integer: boolean } | null,
  issues: Issue[],
  path: (string | number)[] = [],
): NumericVariable {
  const skip = new Set(missing);
  const values = new Float64Array(table.rows.length);
  const column = table.header[col] ?? key;
  table.rows.forEach((row, r) => {
    const cell = row[col] ?? '';
    if (cell === '' || skip.has(cell)) {
      values[r] = Number.NaN;
      return;
    }
    const x = NUMBER.test(cell) ? Number(cell) : Number.NaN;
    const inRange = Number.isFinite(x) && (!range || (x >= range.min && x <= range.max && (!range.integer || Number.isInteger(x))));
    if (inRange) {
      values[r] = x;
      return;
    }
    values[r] = Number.NaN;
    if (issues.length >= MAX_ISSUES) return;
    const line = lineOf(table, r);
    issues.push(
      range && Number.isFinite(x)
        ? {
            path: [...path, 'rows', line],
            code: 'not_in_scale',
            message: `Line ${line}, column "${column}": ${cell} is outside the scale ${range.min}–${range.max}.`,
            params: { line, column, value: cell.slice(0, 100), min: range.min, max: range.max },
          }
        : {
            path: [...path, 'rows', line],
            code: 'not_a_number',
            message: `Line ${line}, column "${column}": "${cell}" is not a number.`,
            params: { line, column, value: cell.slice(0, 100) },
          },
    );
  });
  return { kind: 'numeric', key, label, values };
}

function multipleVariable(
  table: ResponseTable,
  q: CodebookQuestion,
  cols: number[],
  issues: Issue[],
  path: (string | number)[],
): MultipleVariable {
  const n = table.rows.length;
  const skip = new Set(q.missing);
  const answered = new Uint8Array(n);
  if (q.multipleFormat === 'delimited') {
    const col = cols[0] ?? -1;
    const index = new Map(q.values.map((v, i) => [v.value, i]));
    const selected = q.values.map(() => new Uint8Array(n));
    table.rows.forEach((row, r) => {
      const cell = row[col] ?? '';
      if (cell === '' || skip.has(cell)) return;
      answered[r] = 1;
      for (const part of cell.split(q.delimiter)) {
        const code = index.get(part.trim());
        if (code === undefined) outsideCodebook(table, r, table.header[col] ?? q.key, part.trim(), issues, path);
        else (selected[code] as Uint8Array)[r] = 1;
      }
    });
    return { kind: 'multiple', key: q.key, label: q.text || q.key, categories: q.values.map((v) => ({ ...v })), selected, answered };
  }
  // One 0/1 column per option: a respondent with every option's cell empty did not answer.
  const labels = new Map(q.values.map((v) => [v.value, v.label]));
  const selected = cols.map(() => new Uint8Array(n));
  table.rows.forEach((row, r) => {
    cols.forEach((col, j) => {
      const cell = row[col] ?? '';
      if (cell === '' || skip.has(cell)) return;
      answered[r] = 1;
      if (cell === '1' || cell.toLowerCase() === 'true' || cell === '○' || cell === '◯') (selected[j] as Uint8Array)[r] = 1;
      else if (!(cell === '0' || cell.toLowerCase() === 'false')) outsideCodebook(table, r, table.header[col] ?? q.key, cell, issues, path);
    });
  });
  return {
    kind: 'multiple',
    key: q.key,
    label: q.text || q.key,
    categories: q.columns.map((c) => ({ value: c, label: labels.get(c) ?? c })),
    selected,
    answered,
  };
}

function mismatch(issues: Issue[]): AppError {
  return new AppError('invalid_input', `The data does not fit the codebook: ${issues[0]?.message ?? ''}`, {
    reason: 'codebook_mismatch',
    issues,
  });
}

/** The scale a Likert question uses: its own, else 1–5. */
export function likertScale(q: CodebookQuestion): { min: number; max: number } {
  return q.scale ?? { min: 1, max: 5 };
}

/** The dataset the codebook makes of a response table, or codebook_mismatch listing what does not fit. */
export function buildDataset(table: ResponseTable, codebook: Codebook): Dataset {
  const issues: Issue[] = [];
  const variables = new Map<string, Variable>();
  const open = new Map<string, OpenVariable>();
  codebook.questions.forEach((q, i) => {
    const path = ['questions', i];
    const cols = q.columns.map((c, j) => columnIndex(table, c, [...path, 'columns', j], issues));
    if (cols.some((c) => c < 0)) return;
    for (const [j, col] of cols.entries()) {
      if (table.rows.every((row) => (row[col] ?? '') === ''))
        issues.push({
          path: [...path, 'columns', j],
          code: 'empty_column',
          message: `Column "${q.columns[j]}" is empty in every row.`,
          params: { column: q.columns[j] ?? '' },
        });
    }
    const col = cols[0] as number;
    const missing = q.missing;
    const label = q.text || q.key;
    switch (q.type) {
      case 'single':
        variables.set(q.key, singleVariable(table, col, q.key, label, q.values, missing, issues, path));
        break;
      case 'multiple':
        variables.set(q.key, multipleVariable(table, q, cols, issues, path));
        break;
      case 'likert':
        variables.set(q.key, numericVariable(table, col, q.key, label, missing, { ...likertScale(q), integer: true }, issues, path));
        break;
      case 'nps':
        variables.set(q.key, numericVariable(table, col, q.key, label, missing, { min: 0, max: 10, integer: true }, issues, path));
        break;
      case 'numeric':
        variables.set(q.key, numericVariable(table, col, q.key, label, missing, null, issues, path));
        break;
      case 'open': {
        const skip = new Set(missing);
        const texts = table.rows.map((row) => {
          const cell = row[col] ?? '';
          return cell === '' || skip.has(cell) ? null : cell;
        });
        open.set(q.key, { kind: 'open', key: q.key, label, texts });
        break;
      }
    }
  });
  const weights = codebook.weightColumn === null ? null : weightColumn(table, codebook.weightColumn, issues);
  if (issues.length > 0) throw mismatch(issues.slice(0, MAX_ISSUES));
  return { respondents: table.rows.length, questions: codebook.questions, variables, open, weights };
}

function weightColumn(table: ResponseTable, column: string, issues: Issue[]): Float64Array | null {
  const col = columnIndex(table, column, ['weightColumn'], issues);
  if (col < 0) return null;
  const weights = new Float64Array(table.rows.length);
  table.rows.forEach((row, r) => {
    const cell = row[col] ?? '';
    const w = NUMBER.test(cell) ? Number(cell) : Number.NaN;
    if (Number.isFinite(w) && w > 0) weights[r] = w;
    else if (issues.length < MAX_ISSUES) {
      const line = lineOf(table, r);
      issues.push({
        path: ['weightColumn', 'rows', line],
        code: 'too_small',
        message: `Line ${line}: the weight "${cell}" is not a number above 0.`,
        params: { line, column, value: cell.slice(0, 100) },
      });
    }
  });
  return weights;
}

/** Likert points or NPS scores as categories, so a scale question can also be a crosstab's stub or banner. */
export function scaleAsCategories(v: NumericVariable, min: number, max: number, labels: readonly ValueLabel[] = []): SingleVariable {
  const byValue = new Map(labels.map((l) => [l.value, l.label]));
  const categories: Category[] = [];
  for (let x = min; x <= max; x++) categories.push({ value: String(x), label: byValue.get(String(x)) ?? String(x) });
  const codes = new Int32Array(v.values.length);
  v.values.forEach((x, r) => {
    codes[r] = Number.isInteger(x) && x >= min && x <= max ? x - min : -1;
  });
  return { kind: 'single', key: v.key, label: v.label, categories, codes };
}

/** Columns named like Q5_1, Q5_2 … holding only 0/1: one multiple-choice question (binary columns). */
const OPTION_COLUMN = /^(.+?)[_.-](\d+)$/;

/**
 * A first codebook for a response table, for the analyst to correct: a column of few distinct
 * values is single choice, an 0–10 column named like NPS/推奨 is NPS, numbers with many values are
 * numeric, long varied text is open; 0/1 columns sharing a prefix are one multiple-choice question.
 * Columns empty in every row are left out and listed.
 */
export function inferCodebook(table: ResponseTable): { codebook: Codebook; emptyColumns: string[] } {
  const emptyColumns: string[] = [];
  const questions: CodebookQuestion[] = [];
  const base = (key: string, type: CodebookQuestion['type'], columns: string[], values: ValueLabel[] = []): CodebookQuestion => ({
    key,
    text: '',
    type,
    columns,
    multipleFormat: 'binary_columns',
    delimiter: ';',
    values,
    missing: ['NA'],
    scale: null,
    reverse: false,
    grid: null,
  });
  const binaryGroups = new Map<string, string[]>();
  const used = new Set<string>();
  table.header.forEach((name, col) => {
    const values = distinctValues(table, col);
    const prefix = OPTION_COLUMN.exec(name)?.[1];
    if (prefix !== undefined && values.length > 0 && values.every((v) => v === '0' || v === '1')) {
      binaryGroups.set(prefix, [...(binaryGroups.get(prefix) ?? []), name]);
    }
  });
  for (const [prefix, columns] of binaryGroups) {
    if (columns.length < 2) continue;
    if (table.header.includes(prefix)) continue;
    for (const c of columns) used.add(c);
  }
  table.header.forEach((name, col) => {
    const prefix = OPTION_COLUMN.exec(name)?.[1];
    if (used.has(name)) {
      if (prefix !== undefined && binaryGroups.get(prefix)?.[0] === name)
        questions.push(base(prefix, 'multiple', binaryGroups.get(prefix) ?? []));
      return;
    }
    const values = distinctValues(table, col);
    if (values.length === 0) {
      emptyColumns.push(name);
      return;
    }
    const numeric = values.every((v) => NUMBER.test(v));
    const integers = numeric && values.every((v) => Number.isInteger(Number(v)));
    const labels = values.map((v) => ({ value: v, label: v }));
    // Categories repeat: a column whose values are mostly distinct is an id, an amount or free text.
    const fewValues = values.length <= 30 && values.length * 10 <= Math.max(table.rows.length, 30);
    if (integers && /nps|推奨/i.test(name) && values.every((v) => Number(v) >= 0 && Number(v) <= 10))
      questions.push(base(name, 'nps', [name]));
    else if (fewValues && (!numeric || (integers && values.length <= 12))) questions.push(base(name, 'single', [name], labels));
    else questions.push(base(name, numeric ? 'numeric' : 'open', [name]));
  });
  return { codebook: { questions, weightColumn: null }, emptyColumns };
}
