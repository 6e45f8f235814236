import { describe, expect, it } from 'vitest';
import { initialLocale, intlLocale } from './locale';

describe('initialLocale', () => {
  it('keeps a language chosen in this browser over the browser preference', () => {
    expect(initialLocale('en', ['ja-JP', 'ja'])).toBe('en');
    expect(initialLocale('ja', ['en-US'])).toBe('ja');
  });

  it('follows the first preferred browser language kpo speaks', () => {
    expect(initialLocale(null, ['ja-JP', 'en-US'])).toBe('ja');
    expect(initialLocale(null, ['de-DE', 'ja', 'en'])).toBe('ja');
    expect(initialLocale(null, ['en-GB', 'ja-JP'])).toBe('en');
    expect(initialLocale(null, ['JA'])).toBe('ja');
  });

  it('ignores a stored value that is not a language kpo speaks', () => {
    expect(initialLocale('fr', ['ja-JP'])).toBe('ja');
  });

  it('falls back to English', () => {
    expect(initialLocale(null, [])).toBe('en');
    expect(initialLocale(null, ['de-DE', 'fr'])).toBe('en');
  });
});

describe('intlLocale', () => {
  it('names a region so Intl formats dates and numbers as people there expect', () => {
    expect(intlLocale('ja')).toBe('ja-JP');
    expect(intlLocale('en')).toBe('en-US');
  });
});
