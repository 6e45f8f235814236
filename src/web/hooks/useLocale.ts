import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/contracts/identity';
import { isLocale } from '../i18n/locale';

/** The UI language now; components using it re-render when it changes. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}
