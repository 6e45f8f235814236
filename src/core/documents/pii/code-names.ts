import { foldForMatch } from './normalize.js';
import { applyEdits } from './pseudonymise.js';

/**
 * Code names for deal work: the target's names and tickers replaced by a code name ("Project
 * Sakura") in everything the provider sees. Latin terms match case-insensitively and as whole
 * words; every term matches full- and half-width alike (ＡＢＣ, ABC).
 */
export interface CodeNameTerm {
  term: string;
  codeName: string;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

interface Match {
  start: number;
  end: number;
  replacement: string;
}

function findAll(text: string, pairs: { find: string; replacement: string }[]): Match[] {
  const folded = foldForMatch(text);
  const candidates: Match[] = [];
  for (const { find, replacement } of pairs) {
    const needle = foldForMatch(find.trim());
    if (needle === '') continue;
    const latinStart = isWordChar(needle[0]);
    const latinEnd = isWordChar(needle.at(-1));
    let from = folded.indexOf(needle);
    while (from >= 0) {
      const end = from + needle.length;
      // "ABC" is not inside "ABCD" or "XABC"; Japanese terms have no word boundaries.
      const bounded = (!latinStart || !isWordChar(folded[from - 1])) && (!latinEnd || !isWordChar(folded[end]));
      if (bounded) candidates.push({ start: from, end, replacement });
      from = folded.indexOf(needle, from + 1);
    }
  }
  // Leftmost, then longest: "Sakura Holdings" wins over "Sakura" where both match.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: Match[] = [];
  let at = 0;
  for (const c of candidates) {
    if (c.start < at) continue;
    chosen.push(c);
    at = c.end;
  }
  return chosen;
}

/** The matches as edits (a match is an edit: start, end, the text put in). */
const replaceAll = (text: string, matches: Match[]): string =>
  applyEdits(
    text,
    matches.map((m) => ({ start: m.start, end: m.end, text: m.replacement })),
  );

export function applyCodeNames(text: string, terms: readonly CodeNameTerm[]): string {
  return replaceAll(
    text,
    findAll(
      text,
      terms.map((t) => ({ find: t.term, replacement: t.codeName })),
    ),
  );
}

/** The first term given for a code name is the one restored (a code name may stand for several spellings). */
export function restoreCodeNames(text: string, terms: readonly CodeNameTerm[]): string {
  const seen = new Set<string>();
  const pairs: { find: string; replacement: string }[] = [];
  for (const t of terms) {
    if (seen.has(t.codeName)) continue;
    seen.add(t.codeName);
    pairs.push({ find: t.codeName, replacement: t.term });
  }
  return replaceAll(text, findAll(text, pairs));
}
