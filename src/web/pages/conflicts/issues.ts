import { isApiError } from '../../api/errors';
import { issueMessage, type Translator } from '../../lib/errorText';

/** The first issue of a failed request at exactly this path (`['employers', 0, 'to']`), in the reader's language. */
export function issueAt(error: unknown, tr: Translator, ...path: (string | number)[]): string | undefined {
  if (!isApiError(error)) return undefined;
  const issue = error.issues.find((i) => i.path.length === path.length && i.path.every((p, n) => p === path[n]));
  return issue ? issueMessage(issue, tr) : undefined;
}

/** Issues no row of the form shows (whole-list problems), translated. */
export function listIssues(error: unknown, tr: Translator, field: string): string[] {
  if (!isApiError(error)) return [];
  return error.issues.filter((i) => i.path.length === 1 && i.path[0] === field).map((i) => issueMessage(i, tr));
}

/** Lines of a textarea as a list: trimmed, empty lines dropped. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** Whether a query failed because the server does not let this person see it (the section is then not theirs). */
export const isForbidden = (error: unknown) => isApiError(error) && (error.status === 403 || error.status === 404);
