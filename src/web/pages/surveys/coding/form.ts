import {
  type AnswerCodeInput,
  CODE_KEY_PATTERN,
  type CodingOverrideRequest,
  type CreateCodeframeRequest,
  type SaveCodeframeVersionRequest,
} from '../../../../shared/contracts/coding-api';
import type { Issue } from '../../../../shared/errors';
import { firstFreeKey } from '../../../lib/keys';

/**
 * The codeframe editor's form state and what it sends: codes as people edit them (a row each,
 * keywords as tags), the request bodies built from them, and the server's issues placed back on
 * the fields they name. Pure, so the rules are tested without a browser.
 */

/** One code as the form holds it; `id` only keeps React's rows stable while keys are edited. */
export interface EditableCode {
  id: string;
  key: string;
  label: string;
  keywords: string[];
  exclude: string[];
}

export interface CodeframeForm {
  /** The open-text question's key (creating only; a codeframe's question never changes). */
  question: string;
  codes: EditableCode[];
}

export type CodeField = 'key' | 'label' | 'keywords' | 'exclude';
export const codeFields: readonly CodeField[] = ['key', 'label', 'keywords', 'exclude'];

let nextId = 0;
const rowId = () => `code-${++nextId}`;

/** A key no other code has: code1, code2, … */
export const freshKey = (codes: readonly Pick<EditableCode, 'key'>[]): string =>
  firstFreeKey(
    codes.map((c) => c.key.trim()),
    (n) => `code${n}`,
    codes.length + 1,
  );

export function emptyCode(codes: readonly Pick<EditableCode, 'key'>[]): EditableCode {
  return { id: rowId(), key: freshKey(codes), label: '', keywords: [], exclude: [] };
}

/** The form for a codeframe's codes as saved (a new version starts from the latest). */
export function editableCodes(codes: readonly AnswerCodeInput[]): EditableCode[] {
  return codes.map((c) => ({ id: rowId(), key: c.key, label: c.label, keywords: [...c.keywords], exclude: [...(c.exclude ?? [])] }));
}

/** Trimmed, without empty or repeated terms (a tag typed twice is one keyword). */
export function cleanTerms(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of terms) {
    const term = t.trim();
    if (term !== '' && !out.includes(term)) out.push(term);
  }
  return out;
}

/**
 * The codes as the API takes them, one per row and in the rows' order — never dropping a row, so
 * that an issue's index (`codes[2].key`) still names the row it is about.
 */
export function toCodes(codes: readonly EditableCode[]): AnswerCodeInput[] {
  return codes.map((c) => ({ key: c.key.trim(), label: c.label.trim(), keywords: cleanTerms(c.keywords), exclude: cleanTerms(c.exclude) }));
}

/** A new codeframe codes the answers of the dataset version it was made from (the latest when absent). */
export function toCreateRequest(form: CodeframeForm, datasetVersion?: number): CreateCodeframeRequest {
  return { question: form.question.trim(), ...(datasetVersion !== undefined && { datasetVersion }), codes: toCodes(form.codes) };
}

/** A new version names the version it was built on: a version saved meanwhile makes it a conflict. */
export function toSaveVersionRequest(baseVersion: number, codes: readonly EditableCode[]): SaveCodeframeVersionRequest {
  return { baseVersion, codes: toCodes(codes) };
}

/** One answer's codes by hand; keys of codes that no longer exist are left out, each key once. */
export function toOverrideRequest(respondent: number, picked: readonly string[], known: readonly string[]): CodingOverrideRequest {
  return { respondent, codes: [...new Set(picked)].filter((k) => known.includes(k)) };
}

/** What the form itself can tell before sending: a missing key, label or keyword, a key in the wrong shape or used twice. */
export type LocalProblem = 'required' | 'key_format' | 'duplicate_key' | 'no_keywords';

export interface FormProblems {
  question?: LocalProblem;
  /** At least one code is needed. */
  noCodes: boolean;
  byCode: Map<number, Partial<Record<CodeField, LocalProblem>>>;
  /** How many problems in all (the save button says so). */
  count: number;
}

export function localProblems(form: CodeframeForm, creating: boolean): FormProblems {
  const problems: FormProblems = { noCodes: form.codes.length === 0, byCode: new Map(), count: 0 };
  if (creating && form.question.trim() === '') {
    problems.question = 'required';
    problems.count++;
  }
  if (problems.noCodes) problems.count++;
  const seen = new Set<string>();
  form.codes.forEach((c, i) => {
    const found: Partial<Record<CodeField, LocalProblem>> = {};
    const key = c.key.trim();
    if (key === '') found.key = 'required';
    else if (!CODE_KEY_PATTERN.test(key)) found.key = 'key_format';
    else if (seen.has(key)) found.key = 'duplicate_key';
    seen.add(key);
    if (c.label.trim() === '') found.label = 'required';
    if (cleanTerms(c.keywords).length === 0) found.keywords = 'no_keywords';
    const n = Object.keys(found).length;
    if (n > 0) {
      problems.byCode.set(i, found);
      problems.count += n;
    }
  });
  return problems;
}

/** The i18n keys that word an issue of the coding routes, most specific first (issueMessage falls back to kpo's generic words). */
export function codingIssueKeys(issue: Issue): string[] {
  const [head, , field] = issue.path;
  const p = issue.params ?? {};
  switch (issue.code) {
    case 'duplicate_key':
      return p.key !== undefined ? ['coding.issue.duplicate_key'] : [];
    case 'unknown_key':
      if (head === 'question') return ['coding.issue.unknown_question'];
      if (head === 'codes' && p.key !== undefined) return ['coding.issue.unknown_code'];
      return [];
    case 'invalid_value':
      if (head === 'respondent') return ['coding.issue.no_answer'];
      if (head === 'codes' && (field === 'keywords' || field === 'exclude') && p.term !== undefined) return ['coding.issue.no_word'];
      return [];
    case 'invalid_format':
      return head === 'codes' && field === 'key' ? ['coding.issue.key_format'] : [];
    case 'required':
      return head === 'codes' && field === 'keywords' ? ['coding.issue.no_keywords'] : [];
    case 'too_small':
      if (head === 'codes' && issue.path.length === 1) return ['coding.issue.no_codes'];
      return head === 'codes' && field === 'keywords' ? ['coding.issue.no_keywords'] : [];
    default:
      return [];
  }
}

export interface PlacedCodeframeIssues {
  question: string[];
  /** About the list of codes as a whole (none, too many). */
  codes: string[];
  /** By row index, then field. */
  byCode: Map<number, Partial<Record<CodeField, string[]>>>;
  /** Issues that name no field of the form, for the list under the message. */
  unplaced: string[];
}

/**
 * Places the issues of a create or save-version error on the form: `question`, `codes` (the
 * list), `codes[i].key|label|keywords|exclude` (a term's issue, `codes[i].keywords[j]`, on its
 * code's keywords). `word` turns an issue into the reader's sentence.
 */
export function placeCodeframeIssues(issues: readonly Issue[], word: (issue: Issue) => string): PlacedCodeframeIssues {
  const placed: PlacedCodeframeIssues = { question: [], codes: [], byCode: new Map(), unplaced: [] };
  for (const issue of issues) {
    const text = word(issue);
    const [head, index, field] = issue.path;
    if (head === 'question' && issue.path.length === 1) placed.question.push(text);
    else if (head === 'codes' && issue.path.length === 1) placed.codes.push(text);
    else if (head === 'codes' && typeof index === 'number' && codeFields.includes(field as CodeField)) {
      const row = placed.byCode.get(index) ?? {};
      const f = field as CodeField;
      row[f] = [...(row[f] ?? []), text];
      placed.byCode.set(index, row);
    } else placed.unplaced.push(text);
  }
  return placed;
}

export interface PlacedOverrideIssues {
  respondent: string[];
  codes: string[];
  unplaced: string[];
}

/** The issues of an override error: on the answer (`respondent`) or on the codes picked (`codes`, `codes[i]`). */
export function placeOverrideIssues(issues: readonly Issue[], word: (issue: Issue) => string): PlacedOverrideIssues {
  const placed: PlacedOverrideIssues = { respondent: [], codes: [], unplaced: [] };
  for (const issue of issues) {
    const text = word(issue);
    const head = issue.path[0];
    if (head === 'respondent') placed.respondent.push(text);
    else if (head === 'codes') placed.codes.push(text);
    else placed.unplaced.push(text);
  }
  return placed;
}

/** Which codes changed between two versions' codes, by key: for the summary before saving. */
export function codeChanges(
  before: readonly AnswerCodeInput[],
  after: readonly AnswerCodeInput[],
): { added: string[]; removed: string[]; changed: string[] } {
  const old = new Map(before.map((c) => [c.key, c]));
  const now = new Map(after.map((c) => [c.key, c]));
  const same = (a: AnswerCodeInput, b: AnswerCodeInput) =>
    a.label === b.label &&
    JSON.stringify(a.keywords) === JSON.stringify(b.keywords) &&
    JSON.stringify(a.exclude ?? []) === JSON.stringify(b.exclude ?? []);
  return {
    added: after.filter((c) => !old.has(c.key)).map((c) => c.key),
    removed: before.filter((c) => !now.has(c.key)).map((c) => c.key),
    changed: after.filter((c) => old.has(c.key) && !same(old.get(c.key) as AnswerCodeInput, c)).map((c) => c.key),
  };
}
