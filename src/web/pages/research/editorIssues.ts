import type { Issue } from '../../../shared/errors';
import { isApiError } from '../../api/errors';
import { issueMessage, type Translator } from '../../lib/errorText';

/** The API's issues of a canvas request, placed on the editor's fields. */
export interface PlacedCanvasIssues {
  /** By the field's place in the request, as "levels.tam.factors.0.high" (the canvas's own name dropped). */
  byPlace: Map<string, string>;
  /** Issues no field of the form shows, each said with where it is. */
  unplaced: string[];
}

/** An issue's place: its path joined with dots, without the request's wrapper (`sizing`, `matrix`). */
export function issuePlace(path: readonly (string | number)[], root: string): string {
  return (path[0] === root ? path.slice(1) : path).join('.');
}

/** An issue in the reader's words: the research texts' own wording of its code, else kpo's generic one. */
export const canvasIssueText = (issue: Issue, tr: Translator): string => issueMessage(issue, tr, [`research.issue.${issue.code}`]);

/**
 * Puts each issue on the field the form shows at its place (the first one per field); the rest are
 * listed, each prefixed with where it is in the reader's words (`describe`), never a raw path.
 */
export function placeCanvasIssues(
  error: unknown,
  tr: Translator,
  options: { root: string; fields: ReadonlySet<string>; describe: (path: readonly (string | number)[]) => string | null },
): PlacedCanvasIssues {
  const placed: PlacedCanvasIssues = { byPlace: new Map(), unplaced: [] };
  if (!isApiError(error)) return placed;
  for (const issue of error.issues) {
    const place = issuePlace(issue.path, options.root);
    const text = canvasIssueText(issue, tr);
    if (options.fields.has(place)) {
      if (!placed.byPlace.has(place)) placed.byPlace.set(place, text);
      continue;
    }
    const rest = issue.path[0] === options.root ? issue.path.slice(1) : issue.path;
    const where = options.describe(rest);
    placed.unplaced.push(where ? tr.t('research.issue.about', { where, text }) : text);
  }
  return placed;
}
