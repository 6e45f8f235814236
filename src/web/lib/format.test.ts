import { describe, expect, it } from 'vitest';
import { yen } from '../../shared/money';
import { formattersFor } from './format';

const instant = '2026-11-27T09:46:05Z';

describe('formattersFor', () => {
  it('shows Japanese dates in Japan time, in the Gregorian calendar by default', () => {
    const f = formattersFor('ja', 'gregory');
    expect(f.date(instant)).toBe('2026年11月27日');
    expect(f.dateTime(instant)).toContain('18:46:05');
  });

  it('shows the Japanese era when chosen', () => {
    expect(formattersFor('ja', 'japanese').date(instant)).toBe('令和8年11月27日');
    expect(formattersFor('en', 'japanese').date(instant)).toContain('Reiwa');
  });

  it('shows English dates in English', () => {
    expect(formattersFor('en', 'gregory').date(instant)).toBe('Nov 27, 2026');
  });

  it('shows yen without decimals', () => {
    expect(formattersFor('ja', 'gregory').money(yen(1234567))).toBe('￥1,234,567');
    expect(formattersFor('en', 'gregory').money(yen(1234567))).toBe('¥1,234,567');
  });
});
