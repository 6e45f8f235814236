import { describe, expect, it } from 'vitest';
import { sampleTargets, targetsComplete, targetTotal, toTargets } from './targets';

describe('raking targets as typed', () => {
  it('starts from the sample shares, rounded to tenths that add up to exactly 100', () => {
    const t = sampleTargets([
      { value: '1', label: 'a', sample: 33.3333 },
      { value: '2', label: 'b', sample: 33.3333 },
      { value: '3', label: 'c', sample: 33.3334 },
    ]);
    expect(Object.values(t).reduce((s, x) => s + x, 0)).toBeCloseTo(100, 10);
    expect(targetTotal(t)).toBe(100);
    expect(targetsComplete(t)).toBe(true);
    expect(t).toEqual({ '1': 33.3, '2': 33.3, '3': 33.4 });
  });

  it('keeps an empty category at 0 and renormalises shares that do not add up (multiple bases)', () => {
    const t = sampleTargets([
      { value: '1', label: 'a', sample: 20 },
      { value: '2', label: 'b', sample: 0 },
      { value: '3', label: 'c', sample: 60 },
    ]);
    expect(t).toEqual({ '1': 25, '2': 0, '3': 75 });
  });

  it('says a question is incomplete while a percent is missing or the total is not 100', () => {
    expect(targetsComplete({ '1': 50, '2': '' })).toBe(false);
    expect(targetsComplete({ '1': 50, '2': 49.9 })).toBe(false);
    expect(targetTotal({ '1': 0.1, '2': 0.2 })).toBe(0.3);
  });

  it('sends shares of 1', () => {
    expect(toTargets({ age: { '1': 21, '2': 79 } })).toEqual({ age: { '1': 0.21, '2': 0.79 } });
  });
});
