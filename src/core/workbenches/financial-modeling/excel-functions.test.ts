import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors.js';
import { type ExcelResult, excelValue, fv, irr, mirr, nper, npv, pmt, pv, rate, toExcelSerial, xirr, xnpv } from './excel-functions.js';

/**
 * The examples of Microsoft's documentation of each function (support.microsoft.com, "NPV
 * function", "XNPV function", …), with the results the pages print. Where a page prints a
 * rounded figure, the test compares at that rounding.
 */

const value = (r: ExcelResult): number => {
  if (!r.ok) throw new Error(`expected a number, got ${r.error}: ${r.message}`);
  return r.value;
};
const error = (r: ExcelResult): string => (r.ok ? `number ${r.value}` : r.error);

describe('NPV (Microsoft example data)', () => {
  it('example 1: 10% rate, -10,000 then 3,000, 4,200, 6,800 → $1,188.44', () => {
    expect(value(npv(0.1, [-10000, 3000, 4200, 6800]))).toBeCloseTo(1188.44, 2);
  });
  it('example 2: 8%, initial -40,000 outside NPV → $1,922.06; with a -9,000 loss in year six → ($3,749.47)', () => {
    const returns = [8000, 9200, 10000, 12000, 14500];
    expect(value(npv(0.08, returns)) - 40000).toBeCloseTo(1922.06, 2);
    expect(value(npv(0.08, [...returns, -9000])) - 40000).toBeCloseTo(-3749.47, 2);
  });
  it('a rate of -1 is #DIV/0!, no values is #VALUE!, NaN is #VALUE!', () => {
    expect(error(npv(-1, [1, 2]))).toBe('#DIV/0!');
    expect(error(npv(0.1, []))).toBe('#VALUE!');
    expect(error(npv(Number.NaN, [1]))).toBe('#VALUE!');
    expect(error(npv(0.1, [1, Number.POSITIVE_INFINITY]))).toBe('#VALUE!');
  });
});

const dates = ['2008-01-01', '2008-03-01', '2008-10-30', '2009-02-15', '2009-04-01'];
const flows = [-10000, 2750, 4250, 3250, 2750];

describe('XNPV and XIRR (Microsoft example data)', () => {
  it('XNPV at 9% → 2,086.65', () => {
    expect(value(xnpv(0.09, flows, dates))).toBeCloseTo(2086.65, 2);
  });
  it('XNPV takes Excel serial dates as well (1/1/2008 is 39448)', () => {
    expect(toExcelSerial('2008-01-01')).toBe(39448);
    expect(
      value(
        xnpv(
          0.09,
          flows,
          dates.map((d) => toExcelSerial(d) ?? 0),
        ),
      ),
    ).toBeCloseTo(2086.65, 2);
  });
  it('XIRR → 0.373362535 (37.34%)', () => {
    expect(value(xirr(flows, dates))).toBeCloseTo(0.373362535, 8);
  });
  it('dates before the first date and lists of different lengths are #NUM!, as Excel documents', () => {
    expect(error(xnpv(0.09, [-100, 50, 60], ['2008-01-01', '2007-06-01', '2009-01-01']))).toBe('#NUM!');
    expect(error(xnpv(0.09, [-100, 50, 60], ['2008-01-01', '2008-06-01']))).toBe('#NUM!');
    expect(error(xirr([-100, 50, 60], ['2008-01-01', '2007-06-01', '2009-01-01']))).toBe('#NUM!');
    expect(error(xirr([-100, 50], ['2008-01-01']))).toBe('#NUM!');
  });
  it('an invalid date is #VALUE!; XIRR without both signs is #NUM!', () => {
    expect(error(xnpv(0.09, [-100, 50], ['2008-01-01', '2008-02-30']))).toBe('#VALUE!');
    expect(error(xirr([100, 50], ['2008-01-01', '2008-06-01']))).toBe('#NUM!');
  });
});

describe('IRR (Microsoft example data)', () => {
  const data = [-70000, 12000, 15000, 18000, 21000, 26000];
  it('after four years → -2.1%; after five → 8.7%; after two with guess -10% → -44.4%', () => {
    expect(value(irr(data.slice(0, 5)))).toBeCloseTo(-0.021, 3);
    expect(value(irr(data))).toBeCloseTo(0.087, 3);
    expect(value(irr(data.slice(0, 3), -0.1))).toBeCloseTo(-0.444, 3);
  });
  it('without a negative and a positive value it is #NUM!', () => {
    expect(error(irr([100, 200, 300]))).toBe('#NUM!');
    expect(error(irr([-100, -200]))).toBe('#NUM!');
  });
});

describe('MIRR (Microsoft example data)', () => {
  const data = [-120000, 39000, 30000, 21000, 37000, 46000];
  it('five years at 10% finance / 12% reinvest → 12.61%; three years → -4.80%; reinvesting at 14% → 13.48%', () => {
    expect(value(mirr(data, 0.1, 0.12))).toBeCloseTo(0.1261, 4);
    expect(value(mirr(data.slice(0, 4), 0.1, 0.12))).toBeCloseTo(-0.048, 4);
    expect(value(mirr(data, 0.1, 0.14))).toBeCloseTo(0.1348, 4);
  });
  it('without both signs it is #DIV/0! (formulajs would answer Infinity)', () => {
    expect(error(mirr([1, 2, 3], 0.1, 0.1))).toBe('#DIV/0!');
  });
});

describe('PMT, PV, FV (Microsoft example data)', () => {
  it('PMT: 8% a year, 10 monthly payments, 10,000 loan → ($1,037.03); due at the start → ($1,030.16)', () => {
    expect(value(pmt(0.08 / 12, 10, 10000))).toBeCloseTo(-1037.03, 2);
    expect(value(pmt(0.08 / 12, 10, 10000, 0, 1))).toBeCloseTo(-1030.16, 2);
  });
  it('PMT: saving 50,000 over 18 years at 6% → ($129.08) a month', () => {
    expect(value(pmt(0.06 / 12, 18 * 12, 0, 50000))).toBeCloseTo(-129.08, 2);
  });
  it('PV: an annuity paying 500 a month for 20 years at 8% → ($59,777.15)', () => {
    expect(value(pv(0.08 / 12, 12 * 20, 500, 0, 0))).toBeCloseTo(-59777.15, 2);
  });
  it('FV: 6%, 10 payments of -200, -500 present value, due at start → $2,581.40; 12%, 12 payments of -1,000 → $12,682.50; 11%, 35 payments of -2,000 at start → $82,846.25', () => {
    expect(value(fv(0.06 / 12, 10, -200, -500, 1))).toBeCloseTo(2581.4, 2);
    expect(value(fv(0.12 / 12, 12, -1000))).toBeCloseTo(12682.5, 2);
    expect(value(fv(0.11 / 12, 35, -2000, 0, 1))).toBeCloseTo(82846.25, 2);
  });
  it('a zero rate is simple arithmetic, as in Excel', () => {
    expect(value(pmt(0, 10, 1000))).toBe(-100);
    expect(value(pv(0, 10, -100))).toBe(1000);
    expect(value(fv(0, 10, -100, -1000))).toBe(2000);
  });
  it('type other than 0 or 1, nper of 0 and non-finite inputs are errors, not NaN', () => {
    expect(error(pmt(0.1, 10, 100, 0, 2 as 0))).toBe('#NUM!');
    expect(error(pmt(0.1, 0, 100))).toBe('#NUM!');
    expect(error(fv(Number.NaN, 10, -100))).toBe('#VALUE!');
  });
});

describe('RATE and NPER (Microsoft example data)', () => {
  it('RATE: 4-year loan, -200 a month, 8,000 → 1% a month (0.77%), 9.24% a year', () => {
    const monthly = value(rate(4 * 12, -200, 8000));
    expect(monthly).toBeCloseTo(0.0077, 4);
    expect(monthly * 12).toBeCloseTo(0.0924, 4);
  });
  it('RATE that does not converge is #NUM!', () => {
    expect(error(rate(10, 100, 1000))).toBe('#NUM!');
  });
  it('NPER: 12%, -100 payments, -1,000 present, 10,000 future → 59.6738657 (due at start), 60.0821229, and -9.57859404 without a future value', () => {
    expect(value(nper(0.12 / 12, -100, -1000, 10000, 1))).toBeCloseTo(59.6738657, 6);
    expect(value(nper(0.12 / 12, -100, -1000, 10000))).toBeCloseTo(60.0821229, 6);
    expect(value(nper(0.12 / 12, -100, -1000))).toBeCloseTo(-9.57859404, 6);
  });
  it('NPER with no payment and no growth has no answer: #NUM! (formulajs would answer -Infinity)', () => {
    expect(error(nper(0.1, 0, 1000))).toBe('#NUM!');
    expect(error(nper(0, 0, 1000))).toBe('#NUM!');
  });
});

describe('excelValue', () => {
  it('returns the number or throws invalid_input naming the Excel error', () => {
    expect(excelValue(npv(0.1, [110]))).toBeCloseTo(100, 10);
    try {
      excelValue(irr([1, 2]), ['cashFlows']);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('invalid_input');
      expect(isAppError(e) && e.issues?.[0]).toMatchObject({ path: ['cashFlows'], code: 'excel_error', params: { error: '#NUM!' } });
    }
  });
});
