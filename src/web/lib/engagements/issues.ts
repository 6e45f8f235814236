import type { Issue } from '../../../shared/errors';
import { isApiError } from '../../api/errors';
import { issueMessage, type Translator } from '../errorText';
import type { PlanIssue } from './plan';

/**
 * Validation issues of nested forms (a proposal's milestones, a rate card) placed on the field
 * they name, by their dotted path: `milestones.1.dueDate`. The first issue of a field wins.
 */
export type IssueIndex = ReadonlyMap<string, string>;

export const pathKey = (path: readonly (string | number)[]): string => path.map(String).join('.');

/** The last named part of a path: `dueDate` of `proposal.milestones.1.dueDate`. */
function fieldName(path: readonly (string | number)[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** A server issue in the person's language: kpo's words for this field and code, else for the code. */
export function issueText(issue: Issue, tr: Translator): string {
  const field = fieldName(issue.path);
  return issueMessage(issue, tr, field ? [`engagements.issues.field.${field}.${issue.code}`] : []);
}

export const planIssueText = (issue: PlanIssue, tr: Translator): string => tr.t(`engagements.issues.${issue.code}`, issue.values);

/**
 * Indexes the issues of a failed request (with `prefix`, like `proposal`, taken off their paths)
 * and those found before sending.
 */
export function indexIssues(error: unknown, local: readonly PlanIssue[], tr: Translator, prefix: readonly string[] = []): IssueIndex {
  const index = new Map<string, string>();
  const add = (path: readonly (string | number)[], text: string) => {
    const key = pathKey(path);
    if (!index.has(key)) index.set(key, text);
  };
  for (const issue of local) add(issue.path, planIssueText(issue, tr));
  if (isApiError(error)) {
    for (const issue of error.issues) {
      const starts = prefix.every((p, i) => issue.path[i] === p);
      add(starts ? issue.path.slice(prefix.length) : issue.path, issueText(issue, tr));
    }
  }
  return index;
}

const valueAt = (value: unknown, path: readonly (string | number)[]): string =>
  JSON.stringify(
    path.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), value),
  ) ?? '';

/**
 * Whether the field at `path` holds another value now than in the draft a refused request was
 * sent with: then the server's issue about it is stale and is not shown.
 */
export const changedSince = (sent: unknown, now: unknown, path: readonly (string | number)[]): boolean =>
  valueAt(sent, path) !== valueAt(now, path);

/** The issues no field of the form shows (listed above the form instead). */
export function unplacedIssues(index: IssueIndex, shownKeys: ReadonlySet<string>): string[] {
  return [...index.entries()].filter(([key]) => !shownKeys.has(key)).map(([, text]) => text);
}
