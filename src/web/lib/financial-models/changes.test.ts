import { describe, expect, it } from 'vitest';
import { driverKey, formatChangeValue, valueKind } from './changes';

const words = { none: '—', yes: 'yes', no: 'no' };

describe('changed inputs between versions', () => {
  it('knows rates, multiples and plain numbers by their path', () => {
    expect(valueKind(['forecast', 'revenueGrowth', 0])).toBe('rate');
    expect(valueKind(['valuation', 'terminalValue', 'growthRate'])).toBe('rate');
    expect(valueKind(['scenarios', 1, 'overrides', 'wacc', 'riskFreeRate'])).toBe('rate');
    expect(valueKind(['accretionDilution', 'taxRate'])).toBe('rate');
    expect(valueKind(['valuation', 'terminalValue', 'exitMultiple'])).toBe('multiple');
    expect(valueKind(['wacc', 'beta', 'value'])).toBe('number');
    expect(valueKind(['bridge', 'otherItems', 1, 'amount'])).toBe('number');
    // The deeper model parts: a WACC path's rates, RONIC, levers; a beta path and a ratio are plain numbers.
    expect(valueKind(['wacc', 'byYear', 'rate', 'values', 2])).toBe('rate');
    expect(valueKind(['wacc', 'byYear', 'rate', 'terminal'])).toBe('rate');
    expect(valueKind(['wacc', 'byYear', 'rate', 'fromYear'])).toBe('number');
    expect(valueKind(['wacc', 'byYear', 'beta', 'terminal'])).toBe('number');
    expect(valueKind(['valuation', 'terminalValue', 'valueDriver', 'ronic'])).toBe('rate');
    expect(valueKind(['forecast', 'levers', 'revenueGrowth', 'years2To5'])).toBe('rate');
    expect(valueKind(['forecast', 'salesToCapital', 'ratio'])).toBe('number');
    expect(valueKind(['shares', 'options', 'volatility'])).toBe('rate');
  });

  it('formats each value the way people read it', () => {
    expect(formatChangeValue(['valuation', 'terminalValue', 'growthRate'], 0.008, 'en', words)).toBe('0.8%');
    expect(formatChangeValue(['forecast', 'taxRate', 0], 0.3062, 'en', words)).toBe('30.62%');
    expect(formatChangeValue(['valuation', 'terminalValue', 'exitMultiple'], 7.5, 'en', words)).toBe('7.50x');
    expect(formatChangeValue(['bridge', 'otherItems', 1, 'amount'], 2300, 'en', words)).toBe('2,300');
    expect(formatChangeValue(['valuation', 'midYearConvention'], false, 'en', words)).toBe('no');
    expect(formatChangeValue(['sources', 'nwcPercentOfRevenue'], undefined, 'en', words)).toBe('—');
    expect(formatChangeValue(['meta', 'notes'], 'x'.repeat(100), 'en', words)).toHaveLength(80);
    expect(formatChangeValue(['forecast', 'years'], [2025, 2026], 'en', words)).toBe('[2025,2026]');
  });

  it('makes message keys of bridge drivers', () => {
    expect(driverKey('valuation.terminalValue.growthRate')).toBe('valuation_terminalValue_growthRate');
    expect(driverKey('shares')).toBe('shares');
  });
});
