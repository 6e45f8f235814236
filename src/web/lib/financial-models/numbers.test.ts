import { describe, expect, it } from 'vitest';
import {
  amountUnitLabel,
  formatInputValue,
  formatMultiple,
  formatPerShare,
  formatPerShareBare,
  formatPerShareChange,
  formatPoints,
  formatRate,
  formatRateChange,
  fromPercent,
  sameNumber,
  toPercent,
} from './numbers';

describe('percentages for editing', () => {
  it('shows decimal rates as percentages without floating-point noise', () => {
    expect(0.145 * 100).not.toBe(14.5);
    expect(toPercent(0.145)).toBe(14.5);
    expect(toPercent(0.3062)).toBe(30.62);
    expect(toPercent(0.007)).toBe(0.7);
    expect(toPercent(-0.02)).toBe(-2);
  });

  it('turns typed percentages back into the same decimals', () => {
    for (const rate of [0.145, 0.3062, 0.011, 0.0125, 0.194, 0.065, 0.008]) expect(fromPercent(toPercent(rate))).toBe(rate);
    expect(fromPercent(1.2)).toBe(0.012);
  });

  it('treats two empty fields (NaN) as the same and an empty field as a change', () => {
    expect(sameNumber(Number.NaN, Number.NaN)).toBe(true);
    expect(sameNumber(Number.NaN, 0)).toBe(false);
    expect(sameNumber(0.1 + 0.2, 0.3)).toBe(true);
  });
});

describe('formatting', () => {
  it('formats rates, shifts and multiples', () => {
    expect(formatRate(0.06775641, 'en')).toBe('6.78%');
    expect(formatRate(0.06775641, 'ja')).toBe('6.78%');
    expect(formatRate(null, 'en')).toBe('—');
    expect(formatRateChange(0.1341, 'en')).toBe('+13.4%');
    expect(formatRateChange(-0.05, 'ja')).toBe('-5.0%');
    expect(formatPoints(0.005, 'en')).toBe('+0.50 pt');
    expect(formatPoints(-0.0025, 'en')).toBe('-0.25 pt');
    expect(formatPoints(0, 'en')).toBe('0.00 pt');
    expect(formatMultiple(7.5, 'en')).toBe('7.5x');
    expect(formatMultiple(Number.POSITIVE_INFINITY, 'en')).toBe('—');
  });

  it('formats values per share in the model currency, with its decimals', () => {
    expect(formatPerShare(2613.4, 'JPY', 'ja')).toBe('￥2,613');
    expect(formatPerShare(2613.4, 'JPY', 'en')).toBe('¥2,613');
    expect(formatPerShare(12.4, 'USD', 'en')).toBe('$12.40');
    expect(formatPerShareBare(2613.4, 'JPY', 'ja')).toBe('2,613');
    expect(formatPerShareBare(-12.4, 'USD', 'en')).toBe('-12.40');
    expect(formatPerShareChange(-35.2, 'JPY', 'en')).toBe('-¥35');
    expect(formatPerShareChange(12, 'JPY', 'en')).toBe('+¥12');
  });

  it('names the unit of money amounts in each language', () => {
    expect(amountUnitLabel('millions', 'JPY', 'ja')).toBe('百万円');
    expect(amountUnitLabel('ones', 'JPY', 'ja')).toBe('円');
    expect(amountUnitLabel('thousands', 'USD', 'ja')).toBe('千 USD');
    expect(amountUnitLabel('millions', 'JPY', 'en')).toBe('JPY millions');
    expect(amountUnitLabel('ones', 'USD', 'en')).toBe('USD');
  });

  it('formats sensitivity axis values by the kind of input', () => {
    expect(formatInputValue('wacc', 0.0725, 'en')).toBe('7.25%');
    expect(formatInputValue('exitMultiple', 8.5, 'en')).toBe('8.5x');
    expect(formatInputValue('beta', 1.05, 'en')).toBe('1.05');
    expect(formatInputValue('revenueGrowth', 0.005, 'en', 'shift')).toBe('+0.50 pt');
  });
});
