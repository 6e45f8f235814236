/**
 * The first free key: `candidate(from)`, `candidate(from + 1)`, … — the first that is not taken.
 * Every "new row gets a key no other row has" rule of the forms is this one with its own naming
 * (code1, code2…; section, section-2…).
 */
export function firstFreeKey(taken: Iterable<string>, candidate: (n: number) => string, from = 1): string {
  const used = taken instanceof Set ? (taken as ReadonlySet<string>) : new Set(taken);
  for (let n = from; ; n++) {
    const key = candidate(n);
    if (!used.has(key)) return key;
  }
}
