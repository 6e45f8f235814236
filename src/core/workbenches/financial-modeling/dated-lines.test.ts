import { describe, expect, it } from 'vitest';
import { appErrorOf } from './errors.fixture.js';
import { irr, npv, xirr, xnpv } from './excel-functions.js';
import { datedLinesModel, segmentModel } from './lines.fixture.js';
import { yearEndSerial } from './lines.js';
import { parseFinancialModel, valueModel } from './model.js';

/** XNPV and XIRR inside custom lines, dated at the years' ends (issue #13 point 9, docs/financial-model-format.md). */
describe('XNPV and XIRR in custom lines', () => {
  const model = parseFinancialModel(datedLinesModel());
  const v = valueModel(model).valuation;
  const line = (name: string) => v.projection.lines?.find((l) => l.name === name)?.values ?? [];
  const fcff = v.projection.freeCashFlow;
  // The year ends written out: the valuation date, then a year later each year (2028 is a leap year: still the 28th).
  const ends = ['2026-02-28', '2027-02-28', '2028-02-28', '2029-02-28', '2030-02-28', '2031-02-28'];

  it('year ends are the valuation date plus whole years, the day cut to the end of the month (EDATE)', () => {
    expect(ends.map((_, k) => yearEndSerial('2026-02-28', k))).toEqual([46081, 46446, 46811, 47177, 47542, 47907]);
    expect(yearEndSerial('2024-02-29', 1)).toBe(yearEndSerial('2025-02-28', 0));
    expect(yearEndSerial('2024-02-29', 4)).toBe(yearEndSerial('2028-02-29', 0));
    expect(yearEndSerial('2025-03-31', 0)).toBe(45747); // Excel's serial of 31 March 2025
  });

  it('XNPV discounts the range by actual days from its first date, as Excel does', () => {
    const expected = xnpv(0.08, fcff, ends.slice(1));
    if (!expected.ok) throw new Error(expected.message);
    for (const value of line('pvByDate')) expect(value).toBe(expected.value);
    // Not the same as NPV: the first value is not discounted and the days are counted (2028 has 366).
    const periodic = npv(0.08, fcff);
    expect(periodic.ok && Math.abs(periodic.value - expected.value)).toBeGreaterThan(1);
    const toDate = line('pvToDate');
    expect(toDate[0]).toBe(0);
    const third = xnpv(0.08, fcff.slice(0, 3), ends.slice(1, 4));
    expect(third.ok && toDate[2]).toBe(third.ok && third.value);
  });

  it('XIRR reads an outflow at the valuation date and the cash flows at each year end', () => {
    const flows = [-900, ...fcff];
    const expected = xirr(flows, ends);
    if (!expected.ok) throw new Error(expected.message);
    expect(line('returnByDate')[4]).toBe(expected.value);
    // The dated return of a yearly series is close to IRR but not equal (a 366-day year).
    const yearly = irr(flows);
    expect(yearly.ok && Math.abs(yearly.value - expected.value)).toBeGreaterThan(1e-7);
    expect(yearly.ok && Math.abs(yearly.value - expected.value)).toBeLessThan(1e-3);
    // Cash flows without an outflow have no return: #NUM!, null in every year with the year named.
    const none = v.projection.lines?.find((l) => l.name === 'noOutflow');
    expect(none?.values).toEqual([null, null, null, null, null]);
    expect(none?.errors.map((e) => [e.year, e.error])).toEqual(model.forecast.years.map((y) => [y, '#NUM!']));
  });

  it('the values of XNPV and XIRR must be a line over a range of years, refused with the path', () => {
    for (const formula of ['XNPV(8%, fcff)', 'XNPV(8%, fcff * 2)', 'XIRR(-100)']) {
      const input = segmentModel();
      input.forecast.lines = [{ name: 'bad', formula }];
      const e = appErrorOf(() => parseFinancialModel(input));
      expect(e.issues?.map((i) => [i.path.join('.'), i.code])).toEqual([['forecast.lines.0.formula', 'formula_function']]);
      expect(e.issues?.[0]?.message).toMatch(/range of years/);
    }
  });
});
