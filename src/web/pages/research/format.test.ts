import { describe, expect, it } from 'vitest';
import { formattersFor } from '../../lib/format';
import { researchFormat } from './format';

describe('research figures', () => {
  const ja = researchFormat('ja', formattersFor('ja', 'gregory'));
  const en = researchFormat('en', formattersFor('en', 'gregory'));

  it('writes market sizes as whole yen through the money formatter', () => {
    expect(en.money(1_234_567.4, 'JPY')).toBe('¥1,234,567');
    expect(ja.money(26_956_800_000, 'JPY')).toMatch(/^[¥￥]26,956,800,000$/);
  });

  it('writes an assumption in its unit', () => {
    expect(en.factor('share', 0.93, 'JPY')).toBe('93%');
    expect(en.factor('share', 0.225, 'JPY')).toBe('22.5%');
    expect(en.factor('money', 480, 'JPY')).toBe('¥480');
    expect(en.factor('count', 60_000_000, 'JPY')).toBe('60,000,000');
    expect(en.factor('per_year', 12, 'JPY')).toBe('12');
  });

  it('writes a share and a missing value', () => {
    expect(en.share(0.5)).toBe('50%');
    expect(en.share(0.125)).toBe('12.5%');
    expect(en.share(null)).toBe('—');
    expect(en.number(Number.NaN)).toBe('—');
  });
});
