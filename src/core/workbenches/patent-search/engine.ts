import { FIELD_BITS, fieldOfPosition, impactWeight, type TermPostings } from './postings.js';
import type { PhraseNode, QueryNode } from './query.js';

/**
 * Evaluates a parsed query on posting lists and ranks what matches (BM25 with the weights the
 * index stored). Pure: the lists come in already read, for one corpus, each sorted by document.
 */
export type PostingsByTerm = ReadonlyMap<string, TermPostings>;

const EMPTY = new Uint32Array(0);

/** The documents in both sorted lists. */
export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

/** The documents in either sorted list. */
export function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) {
      out[n++] = x;
      i++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  return out.subarray(0, n);
}

/** The documents of the first sorted list not in the second. */
export function subtract(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  let j = 0;
  let n = 0;
  for (const x of a) {
    while (j < b.length && (b[j] as number) < x) j++;
    if (j < b.length && b[j] === x) continue;
    out[n++] = x;
  }
  return out.subarray(0, n);
}

/** Index of `doc` in a list, or −1 (binary search). */
function indexOf(docs: Uint32Array, doc: number): number {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = docs[mid] as number;
    if (v === doc) return mid;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The documents that hold a term, in a field if the phrase names one. */
function docsOf(lists: PostingsByTerm, term: string, field: PhraseNode['field']): Uint32Array {
  const list = lists.get(term);
  if (!list) return EMPTY;
  if (!field) return list.docs;
  const bit = FIELD_BITS[field];
  const out = new Uint32Array(list.docs.length);
  let n = 0;
  for (let i = 0; i < list.docs.length; i++) if (((list.fields[i] as number) & bit) !== 0) out[n++] = list.docs[i] as number;
  return out.subarray(0, n);
}

function positionsIn(lists: PostingsByTerm, term: string, doc: number, field: PhraseNode['field']): Uint32Array {
  const list = lists.get(term);
  if (!list) return EMPTY;
  const at = indexOf(list.docs, doc);
  const positions = at < 0 ? EMPTY : (list.positions.at(at) ?? EMPTY);
  return field ? positions.filter((p) => fieldOfPosition(p) === field) : positions;
}

/** Whether a sorted list holds a value (binary search). */
const holds = (sorted: Uint32Array, value: number): boolean => indexOf(sorted, value) >= 0;

/** Where in a document a phrase starts (every token at its offset), ascending. */
function phraseStarts(lists: PostingsByTerm, phrase: PhraseNode, doc: number): number[] {
  const [first, ...rest] = phrase.tokens;
  if (!first) return [];
  const starts: number[] = [];
  const others = rest.map((t) => ({ offset: t.offset - first.offset, positions: positionsIn(lists, t.term, doc, phrase.field) }));
  if (others.some((o) => o.positions.length === 0)) return starts;
  for (const p of positionsIn(lists, first.term, doc, phrase.field)) {
    if (others.every((o) => holds(o.positions, p + o.offset) && fieldOfPosition(p + o.offset) === fieldOfPosition(p))) starts.push(p);
  }
  return starts;
}

function phraseLength(phrase: PhraseNode): number {
  return (phrase.tokens.at(-1)?.offset ?? 0) + 1;
}

/**
 * The terms whose positions the query needs: those of a phrase of several tokens and of either side
 * of a NEAR. No other term's positions are read.
 */
export function positionalTerms(node: QueryNode): string[] {
  const out = new Set<string>();
  const walk = (n: QueryNode, positional: boolean): void => {
    switch (n.kind) {
      case 'phrase':
        if (positional || n.tokens.length > 1) for (const t of n.tokens) out.add(t.term);
        return;
      case 'near':
        walk(n.left, true);
        walk(n.right, true);
        return;
      case 'not':
        walk(n.child, positional);
        return;
      case 'and':
      case 'or':
        for (const c of n.children) walk(c, positional);
    }
  };
  walk(node, false);
  return [...out].sort();
}

/** The documents that match, ascending. */
export function evaluate(node: QueryNode, lists: PostingsByTerm): Uint32Array {
  switch (node.kind) {
    case 'phrase': {
      let docs: Uint32Array | null = null;
      for (const t of node.tokens) docs = docs ? intersect(docs, docsOf(lists, t.term, node.field)) : docsOf(lists, t.term, node.field);
      docs ??= EMPTY;
      if (node.tokens.length === 1) return docs;
      return docs.filter((doc) => phraseStarts(lists, node, doc).length > 0);
    }
    case 'near': {
      const docs = intersect(evaluate(node.left, lists), evaluate(node.right, lists));
      const leftLength = phraseLength(node.left);
      const rightLength = phraseLength(node.right);
      return docs.filter((doc) => {
        const left = phraseStarts(lists, node.left, doc);
        const right = phraseStarts(lists, node.right, doc);
        // Words between the end of one and the start of the other, in either order; never across fields.
        return left.some((l) =>
          right.some(
            (r) =>
              fieldOfPosition(l) === fieldOfPosition(r) && (r >= l ? r - (l + leftLength - 1) : l - (r + rightLength - 1)) <= node.distance,
          ),
        );
      });
    }
    case 'not':
      // A NOT on its own (the parser allows one only inside AND) matches nothing by itself.
      return EMPTY;
    case 'or':
      return node.children.map((c) => evaluate(c, lists)).reduce(union, EMPTY);
    case 'and': {
      const positive = node.children.filter((c) => c.kind !== 'not');
      const negative = node.children.filter((c): c is Extract<QueryNode, { kind: 'not' }> => c.kind === 'not');
      let docs: Uint32Array | null = null;
      for (const c of positive) {
        docs = docs ? intersect(docs, evaluate(c, lists)) : evaluate(c, lists);
        if (docs.length === 0) return EMPTY;
      }
      docs ??= EMPTY;
      for (const c of negative) docs = subtract(docs, evaluate(c.child, lists));
      return docs;
    }
  }
}

/** Inverse document frequency, BM25's (never negative). */
export function idf(documents: number, documentFrequency: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export interface Ranked {
  readonly doc: number;
  readonly score: number;
}

/**
 * The `limit` best of `candidates` by Σ idf(term) · weight(term, doc) · queryWeight(term), best
 * first; ties by document number so a result list is stable. `idfs` carries each term's idf
 * over every corpus searched, so scores of several corpora are comparable.
 */
export function rank(
  candidates: Uint32Array | null,
  terms: readonly { term: string; idf: number; weight?: number }[],
  lists: PostingsByTerm,
  limit: number,
): { total: number; top: Ranked[] } {
  // Dense arrays by document number: a Map here is ten times slower on lists of 100,000 documents.
  let maxDoc = candidates?.at(-1) ?? -1;
  if (!candidates) for (const { term } of terms) maxDoc = Math.max(maxDoc, lists.get(term)?.docs.at(-1) ?? -1);
  const scores = new Float64Array(maxDoc + 1);
  const member = new Uint8Array(maxDoc + 1);
  const touched: number[] = [];
  if (candidates)
    for (const doc of candidates) {
      member[doc] = 1;
      touched.push(doc);
    }
  for (const { term, idf: termIdf, weight = 1 } of terms) {
    const list = lists.get(term);
    if (!list) continue;
    const factor = termIdf * weight;
    for (let i = 0; i < list.docs.length; i++) {
      const doc = list.docs[i] as number;
      if (doc > maxDoc) break;
      if (member[doc] === 0) {
        if (candidates) continue;
        member[doc] = 1;
        touched.push(doc);
      }
      scores[doc] = (scores[doc] as number) + factor * impactWeight(list.impacts[i] as number);
    }
  }
  // A bounded selection: the heap holds at most `limit` entries, worst on top.
  const heap: Ranked[] = [];
  const worse = (a: Ranked, b: Ranked) => a.score < b.score || (a.score === b.score && a.doc > b.doc);
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l] as Ranked, heap[m] as Ranked)) m = l;
      if (r < heap.length && worse(heap[r] as Ranked, heap[m] as Ranked)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as Ranked, heap[i] as Ranked];
      i = m;
    }
  };
  for (const doc of touched) {
    const entry = { doc, score: scores[doc] as number };
    if (heap.length < limit) {
      heap.push(entry);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >>> 1;
        if (!worse(heap[i] as Ranked, heap[parent] as Ranked)) break;
        [heap[i], heap[parent]] = [heap[parent] as Ranked, heap[i] as Ranked];
        i = parent;
      }
    } else if (limit > 0 && worse(heap[0] as Ranked, entry)) {
      heap[0] = entry;
      siftDown(0);
    }
  }
  return { total: touched.length, top: heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)) };
}
