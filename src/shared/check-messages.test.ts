import { describe, expect, it } from 'vitest';
import { checkMessageKeys, checkMessages, checkMessageText } from './check-messages.js';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('check messages', () => {
  it('word every message key in Japanese and English with the same values', () => {
    for (const key of checkMessageKeys) {
      expect(checkMessages.ja[key].trim(), key).not.toBe('');
      expect(checkMessages.en[key].trim(), key).not.toBe('');
      expect(placeholders(checkMessages.ja[key]), key).toEqual(placeholders(checkMessages.en[key]));
    }
  });

  it('word the codes among the values (a line, a driver, the base case) and name a scenario by its label', () => {
    const message = { key: 'driverNegative', params: { driver: 'taxRate', value: '-1.0%', year: 2026, case: 'bear' } } as const;
    expect(checkMessageText(message, 'ja', (s) => (s === 'bear' ? '弱気ケース' : s))).toBe(
      '2026年度の税率が負の値（-1.0%）です（弱気ケース）。',
    );
    expect(checkMessageText({ ...message, params: { ...message.params, case: 'base' } }, 'en')).toBe(
      'Tax rate is negative (-1.0%) in FY2026 (base case).',
    );
  });
});
