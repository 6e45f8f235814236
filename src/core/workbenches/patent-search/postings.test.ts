import { describe, expect, it } from 'vitest';
import { decodePostings, EncodedPositions, encodeBlock, mergePostings, type TermPostings } from './postings.js';

const list = (docs: number[], positions: number[][]): TermPostings => ({
  docs: Uint32Array.from(docs),
  impacts: Uint8Array.from(docs.map((d) => (d * 7) % 255 || 1)),
  fields: Uint8Array.from(docs.map((d) => 1 << (d % 4))),
  positions: positions.map((p) => Uint32Array.from(p)),
});

describe('merging posting blocks', () => {
  const first = list([3, 9, 140], [[1, 5], [2], [7, 300, 9000]]);
  const second = list([141, 1000, 70_000], [[4], [1, 2, 3], [(1 << 22) | 8]]);
  const whole = list([3, 9, 140, 141, 1000, 70_000], [[1, 5], [2], [7, 300, 9000], [4], [1, 2, 3], [(1 << 22) | 8]]);

  it('gives the block that encoding the whole list at once gives, postings and positions', () => {
    const [a, b, all] = [encodeBlock(first), encodeBlock(second), encodeBlock(whole)];
    const merged = mergePostings([a.postings, b.postings]);
    expect(merged.count).toBe(6);
    expect(merged.postings).toEqual(all.postings);
    // What the database does with the positions: their bytes, one block after the other.
    const positions = new Uint8Array([...a.positions, ...b.positions]);
    expect(positions).toEqual(all.positions);
    expect(decodePostings(merged.postings)).toEqual({ docs: whole.docs, impacts: whole.impacts, fields: whole.fields });
    expect(EncodedPositions.of(positions, merged.count).toArray()).toEqual(whole.positions);
  });

  it('refuses blocks out of document order', () => {
    expect(() => mergePostings([encodeBlock(second).postings, encodeBlock(first).postings])).toThrow(RangeError);
  });
});
