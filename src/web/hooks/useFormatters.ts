import { useMemo } from 'react';
import { usePreferences } from '../app/preferences';
import { type Formatters, formattersFor } from '../lib/format';
import { useLocale } from './useLocale';

/** Date and money formatting in the person's language and calendar. */
export function useFormatters(): Formatters {
  const locale = useLocale();
  const { calendar } = usePreferences();
  return useMemo(() => formattersFor(locale, calendar), [locale, calendar]);
}
