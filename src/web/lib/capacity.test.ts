import { describe, expect, it } from 'vitest';
import { bandOf, hoursOf, mondayOf, planWeeks } from './capacity';

describe('capacity helpers', () => {
  it('names weeks by their Monday', () => {
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
  });

  it('plans every week from this one to the week of the end date', () => {
    expect(planWeeks('2026-06-03', '2026-06-29', 60).map((w) => w.week)).toEqual([
      '2026-06-01',
      '2026-06-08',
      '2026-06-15',
      '2026-06-22',
      '2026-06-29',
    ]);
    expect(planWeeks('2026-06-03', '2026-05-29', 60)).toEqual([]);
  });

  it('bands utilisation at its boundaries', () => {
    expect([0.4999, 0.5, 0.8499, 0.85, 1, 1.0001].map((u) => bandOf(u, 1))).toEqual(['low', 'normal', 'normal', 'high', 'high', 'over']);
    expect([bandOf(null, 0), bandOf(null, 60)]).toEqual(['none', 'over']);
    expect(hoursOf(90)).toBe('1.5');
  });
});
