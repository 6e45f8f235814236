import type { JaTokenizer } from '../../documents/pii/types.js';
import type { SearchField } from './query.js';
import { tokenize } from './tokens.js';

/**
 * The inverted index's building blocks (docs/decisions/0009-patent-search-index.md): for each
 * term, the documents that hold it (ascending document numbers), the term's BM25 weight in each,
 * quantised to a byte, which fields hold it, and — kept apart, read only for phrases and NEAR —
 * its positions. A block is written once per import batch; when the import is done, each term's
 * blocks of that import are merged into one (mergePostings), so a query reads few rows a term.
 */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/** How much an occurrence counts in each field (BM25F-style, folded into the term frequency). */
export const FIELD_WEIGHTS: Record<SearchField, number> = { title: 3, abstract: 1.5, claims: 1.5, description: 0.5 };
export const FIELD_BITS: Record<SearchField, number> = { title: 1, abstract: 2, claims: 4, description: 8 };
const FIELD_ORDER: readonly SearchField[] = ['title', 'abstract', 'claims', 'description'];
/** Positions carry their field in the high bits, so a phrase never runs from one field into the next. */
const FIELD_SHIFT = 22;
const MAX_POSITION = (1 << FIELD_SHIFT) - 1;
/** Between two claims or two paragraphs: no phrase or NEAR spans the gap. */
const PART_GAP = 100;

export interface IndexableDocument {
  readonly docNo: number;
  readonly title: string;
  readonly abstract: string;
  readonly claims: readonly string[];
  readonly description: readonly string[];
}

export interface TermPostings {
  readonly docs: Uint32Array;
  /** BM25 term weight without idf, in 1…255 of (k1 + 1). */
  readonly impacts: Uint8Array;
  readonly fields: Uint8Array;
  /** Per document (by its index in `docs`), ascending field-tagged positions; empty when not read. */
  readonly positions: PositionLists;
}

/**
 * A term's positions per document of its list, by the document's index in the list. An array of
 * lists is one; so is a block's stored bytes (EncodedPositions), which decodes a document's
 * positions only when asked, so a phrase check decodes the candidates' and no one else's.
 */
export interface PositionLists {
  readonly length: number;
  at(index: number): Uint32Array | undefined;
  /**
   * Writes document `index`'s positions into `into` when they fit and returns how many there are
   * (0: none), without allocating: a phrase check decodes tens of thousands of documents a query.
   * Lists that hold their positions decoded (a plain array) leave it out and are read with `at`.
   */
  decodeInto?(index: number, into: Uint32Array): number;
}

const NO_ROOM = new Uint32Array(0);

/** A block's positions as stored, with where each document's start: a document is decoded when asked. */
export class EncodedPositions implements PositionLists {
  private constructor(
    readonly bytes: Uint8Array,
    private readonly starts: Uint32Array,
  ) {}

  /** Finds where each of the `count` documents' positions start (one pass over the bytes, nothing decoded). */
  static of(bytes: Uint8Array, count: number): EncodedPositions {
    const starts = new Uint32Array(count);
    const r = new Reader(bytes);
    for (let i = 0; i < count; i++) {
      starts[i] = r.at;
      r.skipVarints(r.varint());
    }
    return new EncodedPositions(bytes, starts);
  }

  get length(): number {
    return this.starts.length;
  }

  /** Bytes held (for a cache's size). */
  get byteLength(): number {
    return this.bytes.byteLength + this.starts.byteLength;
  }

  at(index: number): Uint32Array | undefined {
    if (index < 0 || index >= this.starts.length) return undefined;
    // Asked into an empty buffer, decodeInto only counts.
    const positions = new Uint32Array(this.decodeInto(index, NO_ROOM));
    this.decodeInto(index, positions);
    return positions;
  }

  decodeInto(index: number, into: Uint32Array): number {
    if (index < 0 || index >= this.starts.length) return 0;
    // One tight loop, no reader object: `of` walked the bytes already, so every number here ends
    // inside them, and a position (field and place, under 2^26) fits the 28 bits four bytes give.
    const bytes = this.bytes;
    let i = this.starts[index] as number;
    let b = 0;
    let n = 0;
    let shift = 0;
    do {
      b = bytes[i++] as number;
      n |= (b & 0x7f) << shift;
      shift += 7;
    } while (b >= 0x80);
    if (n > into.length) return n;
    let position = 0;
    for (let j = 0; j < n; j++) {
      let delta = 0;
      shift = 0;
      do {
        b = bytes[i++] as number;
        delta |= (b & 0x7f) << shift;
        shift += 7;
      } while (b >= 0x80);
      into[j] = position += delta;
    }
    return n;
  }

  /** Every document's positions, decoded. */
  toArray(): Uint32Array[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i) as Uint32Array);
  }
}

/** Consecutive stored blocks' positions as one list (a term's blocks concatenate in document order). */
export class ConcatenatedPositions implements PositionLists {
  private readonly offsets: number[] = [];
  readonly length: number;
  constructor(private readonly parts: readonly EncodedPositions[]) {
    let total = 0;
    for (const p of parts) {
      this.offsets.push(total);
      total += p.length;
    }
    this.length = total;
  }
  at(index: number): Uint32Array | undefined {
    const [part, local] = this.locate(index);
    return part?.at(local);
  }
  decodeInto(index: number, into: Uint32Array): number {
    const [part, local] = this.locate(index);
    return part ? part.decodeInto(local, into) : 0;
  }
  /** The part holding document `index`, and its index there. */
  private locate(index: number): [EncodedPositions | undefined, number] {
    if (index < 0 || index >= this.length) return [undefined, 0];
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.offsets[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    return [this.parts[lo], index - (this.offsets[lo] as number)];
  }
}

/** The field a position is in, as its index in the fields' order (cheaper to compare than a name). */
export const fieldIndexOfPosition = (position: number): number => position >>> FIELD_SHIFT;
export const fieldIndexOf = (field: SearchField): number => FIELD_ORDER.indexOf(field);

export function fieldOfPosition(position: number): SearchField {
  return FIELD_ORDER[fieldIndexOfPosition(position)] as SearchField;
}

/** The weighted length of a document (BM25's |d|) and the positions of each of its terms. */
export function analyse(
  doc: IndexableDocument,
  japanese?: JaTokenizer,
): { length: number; terms: Map<string, { tf: number; fields: number; positions: number[] }> } {
  const terms = new Map<string, { tf: number; fields: number; positions: number[] }>();
  let length = 0;
  FIELD_ORDER.forEach((field, fieldIndex) => {
    const parts =
      field === 'title' ? [doc.title] : field === 'abstract' ? [doc.abstract] : field === 'claims' ? doc.claims : doc.description;
    let base = 0;
    for (const part of parts) {
      let last = -1;
      for (const token of tokenize(part, japanese)) {
        const at = Math.min(base + token.position, MAX_POSITION);
        last = Math.max(last, token.position);
        let entry = terms.get(token.term);
        if (!entry) {
          entry = { tf: 0, fields: 0, positions: [] };
          terms.set(token.term, entry);
        }
        entry.tf += FIELD_WEIGHTS[field];
        entry.fields |= FIELD_BITS[field];
        entry.positions.push((fieldIndex << FIELD_SHIFT) | at);
        length += FIELD_WEIGHTS[field];
      }
      base += last + 1 + PART_GAP;
    }
  });
  for (const entry of terms.values()) entry.positions.sort((a, b) => a - b);
  return { length, terms };
}

export function quantiseImpact(tf: number, length: number, averageLength: number): number {
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / Math.max(averageLength, 1));
  const weight = (tf * (BM25_K1 + 1)) / (tf + norm);
  return Math.min(255, Math.max(1, Math.round((weight / (BM25_K1 + 1)) * 255)));
}

export function impactWeight(impact: number): number {
  return (impact / 255) * (BM25_K1 + 1);
}

/**
 * The posting lists of a batch of documents, by term. `averageLength` is the corpus's average
 * weighted length as the batch is written (the batch's own for a new corpus).
 */
export function buildPostings(
  analysed: readonly { docNo: number; length: number; terms: ReturnType<typeof analyse>['terms'] }[],
  averageLength: number,
): Map<string, TermPostings> {
  const sorted = [...analysed].sort((a, b) => a.docNo - b.docNo);
  const gathered = new Map<string, { docs: number[]; impacts: number[]; fields: number[]; positions: Uint32Array[] }>();
  for (const doc of sorted) {
    for (const [term, entry] of doc.terms) {
      let list = gathered.get(term);
      if (!list) {
        list = { docs: [], impacts: [], fields: [], positions: [] };
        gathered.set(term, list);
      }
      list.docs.push(doc.docNo);
      list.impacts.push(quantiseImpact(entry.tf, doc.length, averageLength));
      list.fields.push(entry.fields);
      list.positions.push(Uint32Array.from(entry.positions));
    }
  }
  const out = new Map<string, TermPostings>();
  for (const [term, list] of gathered)
    out.set(term, {
      docs: Uint32Array.from(list.docs),
      impacts: Uint8Array.from(list.impacts),
      fields: Uint8Array.from(list.fields),
      positions: list.positions,
    });
  return out;
}

class Writer {
  private bytes: number[] = [];
  varint(value: number): void {
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.bytes.push(v);
  }
  byte(value: number): void {
    this.bytes.push(value & 0xff);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

class Reader {
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  varint(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (this.at >= this.bytes.length) throw new RangeError('posting block ends inside a number');
      const b = this.bytes[this.at++] as number;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
      shift += 7;
      if (shift > 35) throw new RangeError('posting block holds an impossible number');
    }
  }
  /** Past `n` numbers without decoding them: each ends at a byte below 0x80. */
  skipVarints(n: number): void {
    while (n > 0) {
      if (this.at >= this.bytes.length) throw new RangeError('posting block ends early');
      if ((this.bytes[this.at++] as number) < 0x80) n--;
    }
  }
  byte(): number {
    if (this.at >= this.bytes.length) throw new RangeError('posting block ends early');
    return this.bytes[this.at++] as number;
  }
}

function encodePostings(list: Omit<TermPostings, 'positions'>): Uint8Array {
  const w = new Writer();
  w.varint(list.docs.length);
  let previous = 0;
  for (const doc of list.docs) {
    w.varint(doc - previous);
    previous = doc;
  }
  for (const impact of list.impacts) w.byte(impact);
  for (const fields of list.fields) w.byte(fields);
  return w.done();
}

/**
 * One postings string for consecutive blocks of a term (given in block order, so their document
 * numbers ascend): the same documents, impacts and fields, in one block. A block's positions hold
 * nothing that depends on the block, so theirs merge by plain concatenation.
 */
export function mergePostings(blocks: readonly Uint8Array[]): { postings: Uint8Array; count: number } {
  const decoded = blocks.map(decodePostings);
  const count = decoded.reduce((sum, d) => sum + d.docs.length, 0);
  const merged = { docs: new Uint32Array(count), impacts: new Uint8Array(count), fields: new Uint8Array(count) };
  let at = 0;
  for (const d of decoded) {
    if (at > 0 && d.docs.length > 0 && (d.docs[0] as number) <= (merged.docs[at - 1] as number))
      throw new RangeError('posting blocks to merge are out of document order');
    merged.docs.set(d.docs, at);
    merged.impacts.set(d.impacts, at);
    merged.fields.set(d.fields, at);
    at += d.docs.length;
  }
  return { postings: encodePostings(merged), count };
}

/** Two byte strings per block: the postings (read for every query) and the positions (for phrases and NEAR only). */
export function encodeBlock(list: TermPostings): { postings: Uint8Array; positions: Uint8Array; count: number } {
  const p = new Writer();
  for (let i = 0; i < list.positions.length; i++) {
    const positions = list.positions.at(i) ?? new Uint32Array(0);
    p.varint(positions.length);
    let last = 0;
    for (const position of positions) {
      p.varint(position - last);
      last = position;
    }
  }
  return { postings: encodePostings(list), positions: p.done(), count: list.docs.length };
}

export function decodePostings(bytes: Uint8Array): Omit<TermPostings, 'positions'> {
  const r = new Reader(bytes);
  const count = r.varint();
  const docs = new Uint32Array(count);
  let doc = 0;
  for (let i = 0; i < count; i++) docs[i] = doc += r.varint();
  const impacts = bytes.slice(r.at, r.at + count);
  const fields = bytes.slice(r.at + count, r.at + 2 * count);
  if (impacts.length !== count || fields.length !== count) throw new RangeError('posting block ends early');
  return { docs, impacts, fields };
}
