import type { AmountUnit, InputId } from '../../../shared/contracts/financial-model';
import type { Locale } from '../../../shared/contracts/identity';
import { intlLocale } from '../../i18n/locale';

/**
 * Numbers of a financial model as people read and type them. The model keeps rates as decimals
 * (0.08); people edit and read percentages (8%). Conversions round away binary noise
 * (0.145 × 100 is 14.499999999999998 in floating point), so a value typed back unchanged is
 * the same value and makes no spurious change between versions.
 */

/** Enough significant digits for any rate typed by hand, few enough to drop floating-point noise. */
const clean = (x: number): number => (Number.isFinite(x) ? Number.parseFloat(x.toPrecision(12)) : x);

/** A decimal rate as a percentage: 0.145 → 14.5. */
export const toPercent = (rate: number): number => clean(rate * 100);

/** A percentage as a decimal rate: 14.5 → 0.145. */
export const fromPercent = (percent: number): number => clean(percent / 100);

/** Whether two numbers are the same for editing purposes (NaN equals NaN: both are "not a number yet"). */
export const sameNumber = (a: number, b: number): boolean => (Number.isNaN(a) && Number.isNaN(b)) || clean(a) === clean(b);

const nf = (locale: Locale, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(intlLocale(locale), options);

/** A decimal rate as a percentage: 0.06775 → "6.78%". */
export function formatRate(rate: number | null | undefined, locale: Locale, digits = 2): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return nf(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(rate);
}

/** A relative change as a signed percentage: 0.134 → "+13.4%". */
export function formatRateChange(rate: number | null | undefined, locale: Locale, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return nf(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(
    rate,
  );
}

/** A shift in percentage points, signed: 0.005 → "+0.50 pt". */
export function formatPoints(shift: number, locale: Locale, digits = 2): string {
  if (!Number.isFinite(shift)) return '—';
  const text = nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(shift * 100);
  return `${text} pt`;
}

/** A multiple in turns: 7.5 → "7.5x". */
export function formatMultiple(multiple: number | null | undefined, locale: Locale, digits = 1): string {
  if (multiple === null || multiple === undefined || !Number.isFinite(multiple)) return '—';
  return `${nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(multiple)}x`;
}

/** A plain number with grouping: 112345.6 → "112,346". */
export function formatNumber(value: number | null | undefined, locale: Locale, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A price per share in whole currency units with the currency's own decimals: ¥2,613 or $12.40. */
export function formatPerShare(value: number | null | undefined, currency: string, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  try {
    return nf(locale, { style: 'currency', currency }).format(value);
  } catch {
    // Not an ISO currency Intl knows: the number and the code.
    return `${formatNumber(value, locale, 2)} ${currency}`;
  }
}

/** A price per share without its currency sign, for dense tables whose heading names the currency: 2,613 or 12.40. */
export function formatPerShareBare(value: number | null | undefined, currency: string, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  try {
    return nf(locale, { style: 'currency', currency })
      .formatToParts(value)
      .filter((p) => p.type !== 'currency')
      .map((p) => p.value)
      .join('')
      .trim();
  } catch {
    return formatNumber(value, locale, 2);
  }
}

/** A signed change of a price per share: +¥12 or −¥35. */
export function formatPerShareChange(value: number, currency: string, locale: Locale): string {
  if (!Number.isFinite(value)) return '—';
  try {
    return nf(locale, { style: 'currency', currency, signDisplay: 'exceptZero' }).format(value);
  } catch {
    return `${nf(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(value)} ${currency}`;
  }
}

const jaUnitPrefix: Record<AmountUnit, string> = { ones: '', thousands: '千', millions: '百万', billions: '十億' };
const enUnitWord: Record<AmountUnit, string> = { ones: '', thousands: 'thousands', millions: 'millions', billions: 'billions' };

/** The unit of the model's money amounts: "百万円", "JPY millions", "千 USD". */
export function amountUnitLabel(unit: AmountUnit, currency: string, locale: Locale): string {
  if (locale === 'ja') return currency === 'JPY' ? `${jaUnitPrefix[unit]}円` : `${jaUnitPrefix[unit]} ${currency}`.trim();
  return `${currency} ${enUnitWord[unit]}`.trim();
}

/** How an input's values read: rates as percentages, multiples in turns, beta as a plain number. */
export type InputKind = 'rate' | 'multiple' | 'plain';

export function inputKind(input: InputId): InputKind {
  if (input === 'exitMultiple') return 'multiple';
  if (input === 'beta') return 'plain';
  return 'rate';
}

/** A sensitivity axis value: "6.50%", "8.5x", "1.05", or a shift "+0.50 pt". */
export function formatInputValue(input: InputId, value: number, locale: Locale, mode: 'absolute' | 'shift' = 'absolute'): string {
  if (mode === 'shift') return formatPoints(value, locale);
  const kind = inputKind(input);
  if (kind === 'multiple') return formatMultiple(value, locale);
  if (kind === 'plain') return formatNumber(value, locale, 2);
  return formatRate(value, locale);
}
