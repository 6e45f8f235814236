import { z } from 'zod';

/**
 * Money is an integer count of the currency's minor unit (JPY has none, so yen are whole yen;
 * USD counts cents). Never a float: sums and splits stay exact.
 */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, { message: 'Must be an ISO 4217 code such as JPY.' });
export const moneySchema = z.object({
  amount: z.number().int({ message: 'Must be a whole number of the minor unit.' }).refine(Number.isSafeInteger, {
    message: 'Amount is too large.',
  }),
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

export const DEFAULT_CURRENCY = 'JPY';

export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function yen(amount: number): Money {
  return { amount, currency: 'JPY' };
}

export function formatMoney(money: Money, locale: string): string {
  const digits = minorUnitDigits(money.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(money.amount / 10 ** digits);
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`Cannot add ${a.currency} to ${b.currency}.`);
  return { amount: a.amount + b.amount, currency: a.currency };
}
