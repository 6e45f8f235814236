import { useMemo } from 'react';
import type { Locale } from '../../../shared/contracts/identity';
import type { FactorUnit } from '../../../shared/contracts/market-sizing';
import { minorUnitDigits } from '../../../shared/money';
import { useFormatters } from '../../hooks/useFormatters';
import { useLocale } from '../../hooks/useLocale';
import { intlLocale } from '../../i18n/locale';
import type { Formatters } from '../../lib/format';

const NONE = '—';

/** How market-sizing figures are written: sizes in whole units of the currency, assumptions in their unit. */
export interface ResearchFormat {
  /** A market size in whole units of the currency (yen for JPY), through the app's money formatter. */
  money: (value: number, currency: string) => string;
  /** A market size for a chart's axis: "12億" / "1.2B". */
  compactMoney: (value: number, currency: string) => string;
  /** An assumption's value in its unit: a share as a percent, money as money, a count whole. */
  factor: (unit: FactorUnit, value: number, currency: string) => string;
  /** A plain number with up to `digits` decimals. */
  number: (value: number | null | undefined, digits?: number) => string;
  /** A share in 0–1 as a percent. */
  share: (value: number | null | undefined) => string;
}

export function researchFormat(locale: Locale, formatters: Formatters): ResearchFormat {
  const tag = intlLocale(locale);
  const number = (value: number | null | undefined, digits = 2) =>
    value === null || value === undefined || !Number.isFinite(value)
      ? NONE
      : new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(value);
  const money = (value: number, currency: string) =>
    Number.isFinite(value) ? formatters.money({ amount: Math.round(Math.round(value) * 10 ** minorUnitDigits(currency)), currency }) : NONE;
  return {
    money,
    compactMoney: (value, currency) =>
      new Intl.NumberFormat(tag, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value),
    factor: (unit, value, currency) => {
      switch (unit) {
        case 'share':
          return `${number(value * 100, 2)}%`;
        case 'money':
          return Number.isInteger(value)
            ? money(value, currency)
            : new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 2 }).format(value);
        case 'count':
          return number(value, 0);
        default:
          return number(value, 3);
      }
    },
    number,
    share: (value) => (value === null || value === undefined ? NONE : `${number(value * 100, 1)}%`),
  };
}

export function useResearchFormat(): ResearchFormat {
  const locale = useLocale();
  const formatters = useFormatters();
  return useMemo(() => researchFormat(locale, formatters), [locale, formatters]);
}
