import type { Locale } from '../../../shared/contracts/identity';
import { intlLocale } from '../../i18n/locale';
import type { Path } from './issues';
import { formatMultiple } from './numbers';

/**
 * The changed inputs between two versions, as people read them: a rate as a percentage, a
 * multiple in turns, other numbers as numbers, anything else as short JSON.
 */

const rateLeaves: ReadonlySet<string> = new Set([
  'revenueGrowth',
  'ebitdaMargin',
  'depreciationPercentOfRevenue',
  'capexPercentOfRevenue',
  'nwcPercentOfRevenue',
  'taxRate',
  'riskFreeRate',
  'equityRiskPremium',
  'sizePremium',
  'preTaxCostOfDebt',
  'marginalTaxRate',
  'targetDebtToCapital',
  'rate',
  'growthRate',
  'growthRange',
  'waccRange',
  'preTaxCostOfNewDebt',
  'interestRateOnCash',
  // The deeper model parts (docs/decisions/0010).
  'operatingMargin',
  'costOfCapital',
  'ronic',
  'firstYear',
  'years2To5',
  'target',
  'effective',
  'marginal',
  'volatility',
  'dividendYield',
  // The adjustments (fourth slice).
  'probability',
  'proceedsPercent',
  'percentOfRevenue',
]);

/** A WACC path's values and terminal value are rates, except a beta's (wacc.byYear.<input>.values). */
const isRatePath = (path: Path): boolean => path[0] === 'wacc' && path[1] === 'byYear' && path[2] !== 'beta' && path[3] !== 'fromYear';

/** The last named part of a path: `revenueGrowth` of `forecast.revenueGrowth.2`. */
function lastName(path: Path): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

export type ValueKind = 'rate' | 'multiple' | 'number';

export function valueKind(path: Path): ValueKind {
  const name = lastName(path);
  if (name === 'exitMultiple' || name === 'multipleRange' || name === 'priceToBook') return 'multiple';
  if (name && rateLeaves.has(name)) return 'rate';
  if (isRatePath(path)) return 'rate';
  return 'number';
}

export interface ChangeWords {
  /** An input added or removed between the versions. */
  none: string;
  yes: string;
  no: string;
}

const short = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function formatChangeValue(path: Path, value: unknown, locale: Locale, words: ChangeWords): string {
  if (value === undefined || value === null) return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string') return short(value);
  if (typeof value === 'number') {
    const kind = valueKind(path);
    if (kind === 'multiple') return formatMultiple(value, locale, 2);
    const options: Intl.NumberFormatOptions =
      kind === 'rate' ? { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 3 } : { maximumFractionDigits: 4 };
    return new Intl.NumberFormat(intlLocale(locale), options).format(value);
  }
  try {
    return short(JSON.stringify(value));
  } catch {
    return String(value);
  }
}

/** A value-bridge driver id (`valuation.terminalValue.growthRate`) as a flat message key (`valuation_terminalValue_growthRate`). */
export const driverKey = (driver: string): string => driver.replaceAll('.', '_');
