import { describe, expect, it } from 'vitest';
import { tornadoRows } from './tornado';

const c = (key: string, somAtLow: number, somAtHigh: number) => ({
  key,
  label: key.toUpperCase(),
  level: 'som' as const,
  index: 0,
  somAtLow,
  somAtHigh,
  swing: somAtHigh - somAtLow,
});

describe('tornadoRows', () => {
  it('puts each bar around the base SOM, widest swing first', () => {
    const rows = tornadoRows([c('a', 90, 120), c('b', 50, 160), c('c', 100, 100)], 100);
    expect(rows.map((r) => r.key)).toEqual(['b', 'a']);
    expect(rows[0]).toMatchObject({ label: 'B', somAtLow: 50, somAtHigh: 160, below: -50, above: 60, swing: 110 });
    expect(rows[1]).toMatchObject({ below: -10, above: 20 });
  });

  it('keeps assumptions that move nothing when asked, and shows the server’s figures as they are', () => {
    const rows = tornadoRows([c('flat', 100, 100), c('x', 99, 102)], 100, true);
    expect(rows.map((r) => r.key)).toEqual(['x', 'flat']);
    expect(rows[1]).toMatchObject({ somAtLow: 100, somAtHigh: 100, below: 0, above: 0, swing: 0 });
    // The swing is the server's own (high − low, both rounded there), not recomputed or rounded again.
    expect(rows[0]).toMatchObject({ somAtLow: 99, somAtHigh: 102, below: -1, above: 2, swing: 3 });
  });

  it('never draws a low bar above the base or a high bar below it', () => {
    const [row] = tornadoRows([c('odd', 105, 95)], 100, true);
    expect(row).toMatchObject({ below: 0, above: 0 });
  });
});
