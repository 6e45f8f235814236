import type { Locale } from '../../shared/contracts/identity';

export const supportedLocales: readonly Locale[] = ['ja', 'en'];

export const isLocale = (value: unknown): value is Locale => value === 'ja' || value === 'en';

/**
 * The language to start in: the one the person chose in this browser, else the first of the
 * browser's preferred languages that kpo speaks (so `ja-JP` means Japanese), else English.
 */
export function initialLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

/** The BCP 47 tag for Intl formatting. */
export const intlLocale = (locale: Locale): string => (locale === 'ja' ? 'ja-JP' : 'en-US');
