import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../shared/contracts/identity';
import { rememberLocale, storedLocale } from '../lib/preferences';
import { en } from './en';
import { ja } from './ja';
import { initialLocale, isLocale } from './locale';

export const resources = { ja: { translation: ja }, en: { translation: en } } as const;

export const i18n = i18next.createInstance();

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLocale(storedLocale(), navigator.languages ?? [navigator.language]),
  fallbackLng: 'en',
  supportedLngs: ['ja', 'en'],
  // React escapes what it renders; escaping here too would show &amp; and the like.
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

export const currentLocale = (): Locale => (isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en');

/** Switches the UI language; `remember` marks it as this browser's explicit choice. */
export async function changeLocale(locale: Locale, options: { remember: boolean }): Promise<void> {
  if (options.remember) rememberLocale(locale);
  if (currentLocale() !== locale) await i18n.changeLanguage(locale);
}
