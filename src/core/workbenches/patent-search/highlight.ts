import type { JaTokenizer } from '../../documents/pii/types.js';
import { tokenize } from './tokens.js';

/**
 * Search-hit snippets: the passages of a patent where the query's words occur, best first, with
 * the matched ranges as offsets into the original text (never HTML, so the reader escapes nothing
 * and a claim chart can cite the same offsets). Words are found by the index's own tokenizer, so a
 * stem ("sensing" for "sensor"), a Japanese bigram or a full-width "ＬＥＤ" matches here exactly
 * when it matched in the index.
 */
export type SnippetField = 'title' | 'abstract' | 'claims' | 'description';

export interface HighlightSource {
  readonly field: SnippetField;
  /** The claim's number or the paragraph's id; null for the title and the abstract. */
  readonly ref: string | null;
  readonly text: string;
}

export interface Range {
  start: number;
  end: number;
}

export interface Snippet extends Range {
  readonly field: SnippetField;
  readonly ref: string | null;
  /** `source.text.slice(start, end)`. */
  readonly text: string;
  /** Matched words, offsets into the source's text, in order and never overlapping. */
  readonly matches: Range[];
}

export interface HighlightOptions {
  /** How many snippets at most (default 3). */
  maxSnippets?: number;
  /** The longest snippet in UTF-16 units (default 160). */
  window?: number;
  japanese?: JaTokenizer;
}

// A passage in the claims or the title says more about what is protected than one in the description.
const FIELD_BONUS: Record<SnippetField, number> = { title: 1.5, claims: 1, abstract: 0.75, description: 0 };

interface Match extends Range {
  terms: Set<string>;
}

/** Matched tokens merged where they overlap or touch (the bigrams of one Japanese word become one range). */
function matchesIn(text: string, terms: ReadonlySet<string>, japanese?: JaTokenizer): Match[] {
  const hits = tokenize(text, japanese)
    .filter((t) => terms.has(t.term))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Match[] = [];
  for (const t of hits) {
    const last = merged.at(-1);
    if (last && t.start <= last.end) {
      last.end = Math.max(last.end, t.end);
      last.terms.add(t.term);
    } else merged.push({ start: t.start, end: t.end, terms: new Set([t.term]) });
  }
  return merged;
}

const isWordChar = (ch: string | undefined) =>
  ch !== undefined && /[\p{L}\p{N}]/u.test(ch) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch);

/** The best window of one source: the run of matches within `window` units with the most distinct words, then the most matches. */
function bestWindow(
  source: HighlightSource,
  matches: Match[],
  window: number,
): { score: number; from: number; to: number; first: number; last: number } {
  let best = { score: -1, from: 0, to: 0, first: 0, last: 0 };
  for (let i = 0; i < matches.length; i++) {
    const anchor = matches[i] as Match;
    const distinct = new Set<string>();
    let j = i;
    let count = 0;
    while (j < matches.length && (matches[j] as Match).end - anchor.start <= window) {
      for (const t of (matches[j] as Match).terms) distinct.add(t);
      count++;
      j++;
    }
    if (count === 0) {
      // A single match longer than the window: shown cut to the window.
      distinct.add([...anchor.terms][0] ?? '');
      count = 1;
      j = i + 1;
    }
    const score = distinct.size * 2 + count * 0.5 + FIELD_BONUS[source.field];
    if (score > best.score) best = { score, from: i, to: j, first: anchor.start, last: (matches[j - 1] as Match).end };
  }
  return best;
}

/** Widens [first, last) to about `window` units around it, without cutting a word in two at either end. */
function frame(text: string, first: number, last: number, window: number): Range {
  if (last - first >= window) return { start: first, end: Math.min(text.length, first + window) };
  const spare = window - (last - first);
  let start = Math.max(0, first - Math.floor(spare / 2));
  let end = Math.min(text.length, last + (spare - (first - start)));
  start = Math.max(0, Math.min(start, end - window));
  while (start > 0 && start < first && isWordChar(text[start - 1]) && isWordChar(text[start])) start++;
  while (end < text.length && end > last && isWordChar(text[end - 1]) && isWordChar(text[end])) end--;
  // Leading and trailing spaces carry nothing.
  while (start < first && /\s/u.test(text[start] as string)) start++;
  while (end > last && /\s/u.test(text[end - 1] as string)) end--;
  return { start, end };
}

export function highlight(sources: readonly HighlightSource[], terms: readonly string[], options: HighlightOptions = {}): Snippet[] {
  const window = Math.max(20, options.window ?? 160);
  const wanted = new Set(terms);
  if (wanted.size === 0) return [];
  const candidates: { snippet: Snippet; score: number; order: number }[] = [];
  sources.forEach((source, order) => {
    if (source.text === '') return;
    const matches = matchesIn(source.text, wanted, options.japanese);
    if (matches.length === 0) return;
    const best = bestWindow(source, matches, window);
    const { start, end } = frame(source.text, best.first, best.last, window);
    const shown = matches
      .filter((m) => m.start < end && m.end > start)
      .map((m) => ({ start: Math.max(m.start, start), end: Math.min(m.end, end) }));
    candidates.push({
      snippet: { field: source.field, ref: source.ref, start, end, text: source.text.slice(start, end), matches: shown },
      score: best.score,
      order,
    });
  });
  return candidates
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, options.maxSnippets ?? 3)
    .map((c) => c.snippet);
}
