import type { Codebook, CodebookQuestion, QuestionType } from '../../../shared/contracts/market-research';
import type { SurveyPreview } from '../../../shared/contracts/market-research-api';

/**
 * The codebook as the editor holds it: each question with an id of its own (keys change while
 * being typed), and the rules the server checks said before it is asked (the server checks again).
 */

export interface EditableQuestion extends CodebookQuestion {
  /** Stable while the key is edited. */
  rowId: string;
}

export interface EditableCodebook {
  questions: EditableQuestion[];
  weightColumn: string | null;
}

const DEFAULT_LIKERT = { min: 1, max: 5 } as const;

let nextRow = 0;
const rowId = () => `q${++nextRow}`;

/** A question with every field the schema defaults, as the server sends it (or as a file column proposes it). */
export function completeQuestion(q: Partial<CodebookQuestion> & Pick<CodebookQuestion, 'key' | 'type' | 'columns'>): CodebookQuestion {
  return {
    key: q.key,
    text: q.text ?? '',
    type: q.type,
    columns: [...q.columns],
    multipleFormat: q.multipleFormat ?? 'binary_columns',
    delimiter: q.delimiter ?? ';',
    values: (q.values ?? []).map((v) => ({ ...v })),
    missing: [...(q.missing ?? ['NA'])],
    scale: q.scale ? { ...q.scale } : null,
    reverse: q.reverse ?? false,
    grid: q.grid ?? null,
  };
}

export function editableCodebook(codebook: Codebook): EditableCodebook {
  return {
    questions: codebook.questions.map((q) => ({ ...completeQuestion(q), rowId: rowId() })),
    weightColumn: codebook.weightColumn ?? null,
  };
}

/** What is sent: the questions in order, without the editor's ids; blank grid names are none. */
export function toCodebook(edited: EditableCodebook): Codebook {
  return {
    questions: edited.questions.map(({ rowId: _, ...q }) => ({
      ...q,
      key: q.key.trim(),
      grid: q.grid?.trim() ? q.grid.trim() : null,
      scale: q.type === 'likert' ? (q.scale ?? { ...DEFAULT_LIKERT }) : null,
      reverse: q.type === 'likert' ? q.reverse : false,
      values: q.values.filter((v) => v.value.trim() !== ''),
      missing: q.missing.filter((m) => m !== ''),
    })),
    weightColumn: edited.weightColumn,
  };
}

/** The distinct non-empty values of a column in the preview's sample, numbers in numeric order. */
export function sampleValues(preview: Pick<SurveyPreview, 'header' | 'sample'>, column: string): string[] {
  const col = preview.header.indexOf(column);
  if (col < 0) return [];
  const values = [...new Set(preview.sample.map((row) => row[col] ?? '').filter((v) => v !== ''))];
  const numeric = values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  return numeric ? values.sort((a, b) => Number(a) - Number(b)) : values.sort();
}

/** A question changed to another type: the fields the new type needs get sensible starting values. */
export function withType(q: EditableQuestion, type: QuestionType, known: readonly string[] = []): EditableQuestion {
  const next: EditableQuestion = { ...q, type };
  if (type !== 'multiple') {
    next.columns = q.columns.slice(0, 1);
    next.multipleFormat = 'binary_columns';
  }
  if (type === 'likert') next.scale = q.scale ?? { ...DEFAULT_LIKERT };
  else {
    next.scale = null;
    next.reverse = false;
  }
  const needsValues = type === 'single' || (type === 'multiple' && next.multipleFormat === 'delimited');
  if (needsValues && next.values.length === 0) next.values = known.map((value) => ({ value, label: value }));
  return next;
}

/** A file column no question reads, added back as a question of its own. */
export function questionForColumn(column: string, known: readonly string[]): EditableQuestion {
  const values = known.map((value) => ({ value, label: value }));
  const type: QuestionType = values.length > 0 && values.length <= 12 ? 'single' : 'open';
  return { ...completeQuestion({ key: column, type, columns: [column], values: type === 'single' ? values : [] }), rowId: rowId() };
}

/** The file's columns no question reads (nor the weight column): what removing a question ignores. */
export function ignoredColumns(header: readonly string[], edited: EditableCodebook): string[] {
  const read = new Set(edited.questions.flatMap((q) => q.columns));
  if (edited.weightColumn) read.add(edited.weightColumn);
  return header.filter((c) => !read.has(c));
}

/** Problems the editor can see before saving, by question row: an empty or repeated key, a single choice without codes. */
export type LocalProblem = 'key_required' | 'duplicate_key' | 'values_required' | 'scale_order' | 'columns_required';

export function localProblems(edited: EditableCodebook): Map<string, LocalProblem[]> {
  const out = new Map<string, LocalProblem[]>();
  const seen = new Map<string, number>();
  for (const q of edited.questions) seen.set(q.key.trim(), (seen.get(q.key.trim()) ?? 0) + 1);
  for (const q of edited.questions) {
    const problems: LocalProblem[] = [];
    const key = q.key.trim();
    if (key === '') problems.push('key_required');
    else if ((seen.get(key) ?? 0) > 1) problems.push('duplicate_key');
    if (q.columns.length === 0) problems.push('columns_required');
    const needsValues = q.type === 'single' || (q.type === 'multiple' && q.multipleFormat === 'delimited');
    if (needsValues && q.values.every((v) => v.value.trim() === '')) problems.push('values_required');
    if (q.type === 'likert' && q.scale && !(q.scale.max > q.scale.min)) problems.push('scale_order');
    if (problems.length > 0) out.set(q.rowId, problems);
  }
  return out;
}

/** The question index an issue's path names (`questions.3.values` or `codebook.questions.3…`), or null. */
export function questionIndexOf(path: readonly (string | number)[]): number | null {
  const at = path.indexOf('questions');
  const index = at >= 0 ? path[at + 1] : undefined;
  return typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : null;
}

/** Questions a crosstab can put in its rows (every kind but open text) and in its columns (those with categories). */
export const canBeStub = (q: Pick<CodebookQuestion, 'type'>): boolean => q.type !== 'open';
export const canBeBanner = (q: Pick<CodebookQuestion, 'type'>): boolean => q.type !== 'open' && q.type !== 'numeric';

/** How a question is named in a picker: its key, and its text when it has one. */
export const questionLabel = (q: Pick<CodebookQuestion, 'key' | 'text'>): string => (q.text ? `${q.key} — ${q.text}` : q.key);
