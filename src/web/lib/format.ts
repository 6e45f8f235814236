import type { Locale } from '../../shared/contracts/identity';
import { type CalendarPreference, formatDate, formatDateTime } from '../../shared/dates';
import { formatMoney, type Money } from '../../shared/money';
import { intlLocale } from '../i18n/locale';

export interface Formatters {
  /** Date and time in Japan time, in the person's language and calendar. */
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
  /** Money in its currency's minor unit (whole yen for JPY). */
  money: (money: Money) => string;
}

export function formattersFor(locale: Locale, calendar: CalendarPreference): Formatters {
  const tag = intlLocale(locale);
  return {
    dateTime: (iso) => formatDateTime(iso, tag, calendar),
    date: (iso) => formatDate(iso, tag, calendar),
    money: (money) => formatMoney(money, tag),
  };
}
