import { describe, expect, it } from 'vitest';
import { feeByMonth } from './hidden-cost.js';

describe('a fee shared over the months its milestones are due', () => {
  it('follows the weights and adds up to the fee, the odd yen by largest remainder', () => {
    const ms = [
      { dueDate: '2026-04-30', weight: 1 },
      { dueDate: '2026-05-15', weight: 1 },
      { dueDate: '2026-06-30', weight: 1 },
    ];
    // 100 yen in thirds: 33.33 each, the one yen left to the earliest of equal remainders.
    expect([...feeByMonth(100, ms, '2026-06-30')]).toEqual([
      ['2026-04', 34],
      ['2026-05', 33],
      ['2026-06', 33],
    ]);
  });

  it('puts milestones of one month together', () => {
    const ms = [
      { dueDate: '2026-04-01', weight: 30 },
      { dueDate: '2026-04-30', weight: 30 },
      { dueDate: '2026-06-30', weight: 40 },
    ];
    expect(Object.fromEntries(feeByMonth(3_000_000, ms, '2026-06-30'))).toEqual({ '2026-04': 1_800_000, '2026-06': 1_200_000 });
  });

  it('puts the whole fee in the last month when no milestone has weight', () => {
    expect([...feeByMonth(5000, [{ dueDate: '2026-04-30', weight: 0 }], '2026-07-31')]).toEqual([['2026-07', 5000]]);
  });
});
