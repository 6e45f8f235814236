import { describe, expect, it } from 'vitest';
import { combineHits, type HitSets, hitCount, isStepCombination, parseStepCombination } from './combine.js';

const sets = (o: Record<string, Record<string, number[]>>) =>
  new Map(
    Object.entries(o).map(([label, byCorpus]) => [label, new Map(Object.entries(byCorpus).map(([c, d]) => [c, Uint32Array.from(d)]))]),
  );

describe('combined steps of a saved search', () => {
  it('tells a combination of steps from a search formula', () => {
    expect(isStepCombination('S1 AND S2')).toBe(true);
    expect(isStepCombination('(S1 OR S3) NOT S2')).toBe(true);
    expect(isStepCombination('Ｓ１＊Ｓ２')).toBe(true);
    expect(isStepCombination('S1')).toBe(true);
    expect(isStepCombination('sensor AND S1')).toBe(false);
    expect(isStepCombination('脈波 AND 手首')).toBe(false);
    expect(isStepCombination('AND OR')).toBe(false);
  });

  it('combines per corpus with AND, OR and NOT; AND and NOT bind tighter than OR', () => {
    const hits = sets({
      S1: { a: [1, 2, 3, 4], b: [7] },
      S2: { a: [3, 4, 5] },
      S3: { a: [4, 9], b: [7, 8] },
    });
    const setOf = (l: string): HitSets => hits.get(l) ?? new Map();
    const run = (formula: string) => {
      const parsed = parseStepCombination(formula, ['S1', 'S2', 'S3'], 'S4');
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      const out = combineHits(parsed.expression, setOf);
      return Object.fromEntries([...out].map(([c, d]) => [c, [...d]]));
    };
    expect(run('S1 AND S2')).toEqual({ a: [3, 4] });
    expect(run('S1 OR S3')).toEqual({ a: [1, 2, 3, 4, 9], b: [7, 8] });
    expect(run('S2 NOT S1')).toEqual({ a: [5] });
    expect(run('S1*S2')).toEqual(run('S1 AND S2'));
    expect(run('S1+S3')).toEqual(run('S1 OR S3'));
    expect(run('S2-S1')).toEqual(run('S2 NOT S1'));
    // OR is the loosest: S2 OR (S1 AND S3); parentheses change it.
    expect(run('S2 OR S1 AND S3')).toEqual({ a: [3, 4, 5], b: [7] });
    expect(run('(S2 OR S1) AND S3')).toEqual({ a: [4], b: [7] });
    expect(hitCount(combineHits({ op: 'step', label: 'S1', at: 0 }, setOf))).toBe(5);
  });

  it('refuses unbalanced parentheses, missing steps, unknown steps and steps at or after its own, listing each', () => {
    const issues = (formula: string) => {
      const parsed = parseStepCombination(formula, ['S1', 'S2'], 'S3');
      return parsed.ok ? [] : parsed.issues.map((i) => [i.code, i.at]);
    };
    expect(issues('(S1 AND S2')).toEqual([['query_unbalanced', 0]]);
    expect(issues('S1 AND S2)')).toEqual([['query_unbalanced', 9]]);
    expect(issues('S1 AND')).toEqual([['query_operator', 6]]);
    expect(issues('S1 S2')).toEqual([['query_operator', 3]]);
    expect(issues('S1 AND S0')).toEqual([['unknown_step', 7]]);
    // Itself or a later step: a cycle could only come that way, so it is refused.
    expect(issues('S3 OR S1')).toEqual([['step_order', 0]]);
    expect(issues('S1 AND S4 OR S3')).toEqual([
      ['step_order', 7],
      ['step_order', 13],
    ]);
  });
});
