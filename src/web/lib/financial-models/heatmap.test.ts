import { describe, expect, it } from 'vitest';
import { cellColour, colourAt, gridRange, legendGradient, scaleStops, textColourOn } from './heatmap';

describe('the heat map colour scale', () => {
  it('runs from red at the low end to green at the high end, through pale yellow', () => {
    expect(colourAt(0)).toBe('#d73027');
    expect(colourAt(1)).toBe('#1a9850');
    expect(colourAt(0.5)).toBe('#ece88b'); // halfway between the two middle stops
    expect(colourAt(-3)).toBe(colourAt(0));
    expect(colourAt(7)).toBe(colourAt(1));
    expect(colourAt(Number.NaN)).toBe(colourAt(0.5));
  });

  it('interpolates between neighbouring stops', () => {
    const channels = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    const [a, b] = [scaleStops[0], scaleStops[1]] as [readonly number[], readonly number[]];
    const mid = channels(colourAt(0.1)); // halfway from the first stop to the second
    mid.forEach((c, i) => {
      expect(c).toBe(Math.round(((a[i] ?? 0) + (b[i] ?? 0)) / 2));
    });
  });

  it('ranges over the values a grid holds, leaving out cases that cannot be valued', () => {
    expect(
      gridRange(
        [
          [null, 2100, 2300],
          [1900, null, 2600],
        ],
        0,
      ),
    ).toEqual({ min: 1900, max: 2600, clippedLow: false, clippedHigh: false });
    expect(gridRange([[null], [null]])).toBeNull();
    expect(gridRange([])).toBeNull();
  });

  it('spans the 5th to the 95th percentile, so values exploding near terminal growth = WACC do not wash out the rest', () => {
    const row = Array.from({ length: 20 }, (_, i) => 2000 + i * 100); // 2,000 … 3,900
    const range = gridRange([row, [117_000, null]]);
    expect(range?.clippedHigh).toBe(true);
    expect(range?.clippedLow).toBe(true);
    expect(range?.max).toBeLessThan(5000);
    expect(range?.min).toBeGreaterThan(2000);
    if (!range) throw new Error('no range');
    expect(cellColour(117_000, range)).toBe(colourAt(1));
    expect(cellColour(3000, range)).not.toBe(colourAt(1));
  });

  it('colours a cell by its place in the range, the middle colour when all values are equal', () => {
    const range = { min: 1000, max: 3000, clippedLow: false, clippedHigh: false };
    expect(cellColour(1000, range)).toBe(colourAt(0));
    expect(cellColour(3000, range)).toBe(colourAt(1));
    expect(cellColour(2000, range)).toBe(colourAt(0.5));
    expect(cellColour(5, { min: 5, max: 5, clippedLow: false, clippedHigh: false })).toBe(colourAt(0.5));
  });

  it('picks readable text: white on dark red and green, dark on yellow', () => {
    expect(textColourOn(colourAt(0))).toBe('#ffffff');
    expect(textColourOn(colourAt(1))).toBe('#ffffff');
    expect(textColourOn(colourAt(0.5))).toBe('#1a1b1e');
  });

  it('draws a legend gradient from low to high', () => {
    const gradient = legendGradient(3);
    expect(gradient).toBe(`linear-gradient(to right, ${colourAt(0)} 0%, ${colourAt(0.5)} 50%, ${colourAt(1)} 100%)`);
  });
});
