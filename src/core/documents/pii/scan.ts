/**
 * The matches of a global regex in a text, as `text.matchAll(re)` finds them but searched with
 * the regex itself: matchAll copies its regex on every call, and for the long patterns here (street
 * suffixes, states, name and title lists) the copy costs several times the search.
 */
export function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    found.push(m);
    if (m[0] === '') re.lastIndex++;
  }
  return found;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** A look-ahead for the first characters of `words`: the engine skips quickly to where one of them stands. */
export function startOf(words: readonly string[]): string {
  return `(?=[${escapeRegExp([...new Set(words.map((w) => w[0] ?? ''))].join(''))}])`;
}
