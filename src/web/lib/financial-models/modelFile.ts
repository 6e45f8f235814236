import type { FinancialModel } from '../../../shared/contracts/financial-model';
import { type DraftIssue, draftIssues } from './issues';

/**
 * A model file chosen to start a new model: read as JSON and checked against the model schema in
 * the browser, so people learn what is wrong before anything is sent (the server checks again).
 */

/** Far above any real model (the demo's is 9 KB), below the server's request limit. */
export const MAX_MODEL_FILE_BYTES = 512 * 1024;

export type ModelFileResult =
  | { ok: true; document: FinancialModel; suggestedName: string }
  | { ok: false; problem: 'too_large' | 'empty' | 'not_object' }
  /** Where the JSON breaks, when the parser says (its own words are in the browser's language, not the reader's). */
  | { ok: false; problem: 'not_json'; at: { line: number; column: number } | null }
  | { ok: false; problem: 'invalid'; issues: DraftIssue[] };

/** Line and column (from 1) of the parser's "position N", if its message gives one. */
function whereJsonBreaks(text: string, error: unknown): { line: number; column: number } | null {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (position === undefined) return null;
  const before = text.slice(0, Number(position)).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** The file's name without its extension, for a model with no code name. */
const baseName = (fileName: string) => fileName.replace(/\.[^.]+$/, '').trim();

export function readModelFile(text: string, fileName: string, sizeBytes = text.length): ModelFileResult {
  if (sizeBytes > MAX_MODEL_FILE_BYTES) return { ok: false, problem: 'too_large' };
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: 'not_json', at: whereJsonBreaks(text, e) };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problem: 'not_object' };
  const issues = draftIssues(parsed);
  if (issues.length > 0) return { ok: false, problem: 'invalid', issues };
  const document = parsed as FinancialModel;
  const codeName = typeof document.meta?.codeName === 'string' ? document.meta.codeName.trim() : '';
  return { ok: true, document, suggestedName: (codeName || baseName(fileName)).slice(0, 120) };
}

/**
 * A name not yet taken in the engagement: "Name", else "Name (2)", "Name (3)"… (at most 120
 * characters). A copy of "Name (2)" is "Name (3)", not "Name (2) (2)".
 */
export function uniqueName(wanted: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.trim().toLowerCase()));
  const name = wanted.trim().slice(0, 120);
  if (!used.has(name.toLowerCase())) return name;
  const base = name.replace(/ \(\d+\)$/, '');
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, 120 - suffix.length)}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
