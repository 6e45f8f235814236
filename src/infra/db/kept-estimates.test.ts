import { describe, expect, it } from 'vitest';
import { KeptEstimates } from './kept-estimates.js';

describe('kept estimates', () => {
  it('answers within the age and forgets past it', () => {
    let now = 0;
    const kept = new KeptEstimates(1000, 10, () => now);
    expect(kept.get('a')).toBeUndefined();
    kept.set('a', 5500);
    now = 1000;
    expect(kept.get('a')).toBe(5500);
    now = 1001;
    expect(kept.get('a')).toBeUndefined();
    // Set again, it is young again.
    kept.set('a', 5600);
    expect(kept.get('a')).toBe(5600);
  });

  it('keeps at most its number of statements, dropping the one kept longest', () => {
    const kept = new KeptEstimates(60_000, 2, () => 0);
    kept.set('a', 1);
    kept.set('b', 2);
    kept.set('a', 3); // a is now the newest
    kept.set('c', 4);
    expect([kept.get('a'), kept.get('b'), kept.get('c')]).toEqual([3, undefined, 4]);
  });
});
