import type { Issue } from '../../../shared/errors';
import { isApiError } from '../../api/errors';
import { issueMessage, type Translator } from '../../lib/errorText';
import { questionIndexOf } from './codebook';

/**
 * The issues of a survey error in the reader's language, each placed where it belongs: on a
 * question of the codebook (by its index), on a weighting question (by its key), or in a list
 * under the message. A problem in the data says its line and column, as the file numbers them.
 */

/**
 * The survey texts' own key for an issue, when the issue carries what they need (a line and a
 * column, a header's name, a share): those say where in the file the problem is.
 */
function specificKeys(issue: Issue): string[] {
  const p = issue.params ?? {};
  const has = (...names: string[]) => names.every((n) => p[n] !== undefined);
  switch (issue.code) {
    case 'code_outside_codebook':
      return has('line', 'column', 'value')
        ? ['surveys.issue.code_outside_codebook_line']
        : has('row', 'code')
          ? ['surveys.issue.code_outside_codebook_row']
          : [];
    case 'not_in_scale':
      return has('line', 'column', 'value', 'min', 'max') ? ['surveys.issue.not_in_scale_line'] : [];
    case 'not_a_number':
      return has('line', 'column', 'value') ? ['surveys.issue.not_a_number_line'] : [];
    case 'ragged_row':
      return has('line', 'cells', 'columns') ? ['surveys.issue.ragged_row_line'] : [];
    case 'empty_column':
      return has('column') ? ['surveys.issue.empty_column'] : [];
    case 'unknown_key':
      return has('column') ? ['surveys.issue.unknown_column'] : has('key') ? ['surveys.issue.unknown_question'] : [];
    case 'duplicate_column':
      return has('column', 'name') ? ['surveys.issue.duplicate_header'] : [];
    case 'required':
      return issue.path[0] === 'header' && has('column') ? ['surveys.issue.unnamed_header'] : [];
    case 'too_small':
      return issue.path[0] === 'weightColumn' && has('line', 'value') ? ['surveys.issue.weight_not_positive'] : [];
    case 'missing_on_weighting_variable':
    case 'category_without_target':
    case 'zero_target':
      return has('respondents') ? [`surveys.issue.${issue.code}`] : [];
    case 'targets_sum':
      return has('sum') ? ['surveys.issue.targets_sum'] : [];
    case 'unknown_category':
      return ['surveys.issue.unknown_category'];
    default:
      return [];
  }
}

export interface IssueContext {
  /** The keys of the codebook's questions, by index, to name the question an issue is about. */
  questionKeys?: readonly string[];
  /** Formats a share (0–1) as a percent. */
  share: (value: number) => string;
}

/** One issue as a sentence: "Q2: line 14, column "Q2_年代": "9" is not one of the question's codes." */
export function surveyIssueText(issue: Issue, tr: Translator, ctx: IssueContext): string {
  const params = { ...(issue.params ?? {}) };
  if (typeof params.sum === 'number') params.sum = ctx.share(params.sum);
  const text = issueMessage({ ...issue, params }, tr, specificKeys(issue));
  const index = questionIndexOf(issue.path);
  const key = index === null ? undefined : ctx.questionKeys?.[index];
  return key ? tr.t('surveys.issue.about', { key, text }) : text;
}

export interface PlacedSurveyIssues {
  /** By question index. */
  byQuestion: Map<number, string[]>;
  /** By the first path element (a weighting question's key, a field). */
  byKey: Map<string, string[]>;
  /** Every issue, in order, for the list under the message. */
  all: string[];
}

/** Every issue of an error, worded and placed; nothing for an error that is not the API's. */
export function placeSurveyIssues(error: unknown, tr: Translator, ctx: IssueContext): PlacedSurveyIssues {
  const placed: PlacedSurveyIssues = { byQuestion: new Map(), byKey: new Map(), all: [] };
  if (!isApiError(error)) return placed;
  for (const issue of error.issues) {
    const text = surveyIssueText(issue, tr, ctx);
    placed.all.push(text);
    const index = questionIndexOf(issue.path);
    if (index !== null) placed.byQuestion.set(index, [...(placed.byQuestion.get(index) ?? []), text]);
    // Weighting issues name the question first (path [key, code]), or after `targets`.
    const head = issue.path[0] === 'targets' ? issue.path[1] : issue.path[0];
    if (typeof head === 'string') placed.byKey.set(head, [...(placed.byKey.get(head) ?? []), text]);
  }
  return placed;
}

/** Issues listed under a message: the first ones, and how many more. */
export const shortList = (all: readonly string[], more: (count: number) => string, max = 20): string[] =>
  all.length > max ? [...all.slice(0, max), more(all.length - max)] : [...all];
