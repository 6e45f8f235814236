import { FIELD_BITS, fieldIndexOf, fieldIndexOfPosition, impactWeight, type TermPostings } from './postings.js';
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

/**
 * A term's list walked forward: where each document asked for (in ascending order) is, found by
 * galloping from the last one, so a check over tens of thousands of candidates costs a pass over
 * the list rather than a binary search per candidate.
 */
class ListCursor {
  private i = 0;
  /** The positions of the document last found: the first `count` of `positions`. */
  positions: Uint32Array = EMPTY;
  count = 0;
  /** Where encoded positions are decoded: one buffer per cursor, grown when a document needs more. */
  private buffer = new Uint32Array(64);

  constructor(private readonly list: TermPostings | undefined) {}

  /** Finds the document's positions (ascending, field-tagged); how many there are, 0 when the term is not in it. */
  seek(doc: number): number {
    this.count = 0;
    const docs = this.list?.docs;
    if (!docs) return 0;
    let lo = this.i;
    if (lo >= docs.length) return 0;
    if ((docs[lo] as number) < doc) {
      let step = 1;
      let hi = lo + 1;
      while (hi < docs.length && (docs[hi] as number) < doc) {
        lo = hi;
        step *= 2;
        hi = lo + step;
      }
      hi = Math.min(hi, docs.length);
      // docs[lo] < doc ≤ docs[hi] (or hi is the end): the first at or above doc.
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if ((docs[mid] as number) < doc) lo = mid;
        else hi = mid;
      }
      lo = hi;
    }
    this.i = lo;
    if (docs[lo] !== doc) return 0;
    const lists = (this.list as TermPostings).positions;
    if (!lists.decodeInto) {
      this.positions = lists.at(lo) ?? EMPTY;
      this.count = this.positions.length;
      return this.count;
    }
    let count = lists.decodeInto(lo, this.buffer);
    if (count > this.buffer.length) {
      this.buffer = new Uint32Array(count * 2);
      count = lists.decodeInto(lo, this.buffer);
    }
    this.positions = this.buffer;
    this.count = count;
    return count;
  }
}

/**
 * Where a phrase starts in each document, for documents asked in ascending order (a NEAR asks for
 * its two sides' in turn). Every token must be at its offset from the first, in the same field.
 */
class PhraseScanner {
  private readonly first: ListCursor;
  private readonly others: ListCursor[];
  private readonly offsets: number[];
  /** Per other token, how far its positions have been passed in the current document. */
  private readonly passed: number[];
  private readonly field: number;

  constructor(lists: PostingsByTerm, phrase: PhraseNode) {
    const [first, ...rest] = phrase.tokens;
    this.first = new ListCursor(first && lists.get(first.term));
    this.others = rest.map((t) => new ListCursor(lists.get(t.term)));
    this.offsets = rest.map((t) => t.offset - (first?.offset ?? 0));
    this.passed = rest.map(() => 0);
    this.field = phrase.field ? fieldIndexOf(phrase.field) : -1;
  }

  /** The phrase's starts in `doc`, ascending; with `firstOnly`, at most the first. */
  starts(doc: number, firstOnly = false): number[] {
    const starts: number[] = [];
    const first = this.first;
    if (first.seek(doc) === 0) return starts;
    const others = this.others;
    for (let k = 0; k < others.length; k++) {
      if ((others[k] as ListCursor).seek(doc) === 0) return starts;
      this.passed[k] = 0;
    }
    // p ascends, so each other token's wanted position ascends too: one forward pointer each.
    next: for (let i = 0; i < first.count; i++) {
      const p = first.positions[i] as number;
      if (this.field >= 0 && fieldIndexOfPosition(p) !== this.field) continue;
      for (let k = 0; k < others.length; k++) {
        const o = others[k] as ListCursor;
        const want = p + (this.offsets[k] as number);
        let at = this.passed[k] as number;
        while (at < o.count && (o.positions[at] as number) < want) at++;
        this.passed[k] = at;
        if (at >= o.count) break next;
        if (o.positions[at] !== want || fieldIndexOfPosition(want) !== fieldIndexOfPosition(p)) continue next;
      }
      starts.push(p);
      if (firstOnly) break;
    }
    return starts;
  }
}

/**
 * Whether a start of the left side and one of the right (both ascending) lie within `distance`
 * words of each other — words between the end of one and the start of the other, in either order —
 * in the same field.
 */
function withinDistance(
  left: readonly number[],
  leftLength: number,
  right: readonly number[],
  rightLength: number,
  distance: number,
): boolean {
  let j = 0;
  for (const l of left) {
    const from = l - (rightLength - 1) - distance;
    const to = l + (leftLength - 1) + distance;
    while (j < right.length && (right[j] as number) < from) j++;
    for (let k = j; k < right.length && (right[k] as number) <= to; k++)
      if (fieldIndexOfPosition(right[k] as number) === fieldIndexOfPosition(l)) return true;
  }
  return false;
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
      const scanner = new PhraseScanner(lists, node);
      return docs.filter((doc) => scanner.starts(doc, true).length > 0);
    }
    case 'near': {
      const docs = intersect(evaluate(node.left, lists), evaluate(node.right, lists));
      const leftLength = phraseLength(node.left);
      const rightLength = phraseLength(node.right);
      const left = new PhraseScanner(lists, node.left);
      const right = new PhraseScanner(lists, node.right);
      return docs.filter((doc) => withinDistance(left.starts(doc), leftLength, right.starts(doc), rightLength, node.distance));
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
