import { useMemo } from 'react';
import type { Locale } from '../../../shared/contracts/identity';
import { useLocale } from '../../hooks/useLocale';
import { intlLocale } from '../../i18n/locale';

/** How survey figures are written: percents to one decimal, weighted counts to one, p-values to three. */
export interface SurveyFormat {
  /** A percent already in 0–100; "—" when there is none. */
  percent: (value: number | null | undefined, digits?: number) => string;
  /** A share in 0–1 as a percent. */
  share: (value: number | null | undefined, digits?: number) => string;
  /** A count: whole when unweighted, one decimal when weighted. */
  count: (value: number, weighted: boolean) => string;
  /** A number to a fixed number of decimals. */
  decimal: (value: number | null | undefined, digits?: number) => string;
  /** A p-value with its relation, for "p {{p}}": "= 0.012", or "< 0.001" below that. */
  p: (value: number) => string;
}

const NONE = '—';

export function surveyFormat(locale: Locale): SurveyFormat {
  const tag = intlLocale(locale);
  const cache = new Map<string, Intl.NumberFormat>();
  const fixed = (digits: number) => {
    const key = String(digits);
    let f = cache.get(key);
    if (!f) {
      f = new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      cache.set(key, f);
    }
    return f;
  };
  const decimal = (value: number | null | undefined, digits = 2) =>
    value === null || value === undefined || !Number.isFinite(value) ? NONE : fixed(digits).format(value);
  return {
    percent: (value, digits = 1) => (value === null || value === undefined ? NONE : `${decimal(value, digits)}%`),
    share: (value, digits = 1) => (value === null || value === undefined ? NONE : `${decimal(value * 100, digits)}%`),
    count: (value, weighted) => decimal(value, weighted ? 1 : 0),
    decimal,
    p: (value) => (value < 0.001 ? `< ${fixed(3).format(0.001)}` : `= ${fixed(3).format(value)}`),
  };
}

export function useSurveyFormat(): SurveyFormat {
  const locale = useLocale();
  return useMemo(() => surveyFormat(locale), [locale]);
}
