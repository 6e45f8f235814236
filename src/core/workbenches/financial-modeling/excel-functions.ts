import * as formulajs from '@formulajs/formulajs';
import { AppError } from '../../../shared/errors.js';

/**
 * Excel's financial functions, with Excel's arguments, results and error cases.
 *
 * @formulajs/formulajs computes them; this module adds what it does differently from Excel:
 * it returns an Error object instead of throwing, it lets Infinity and NaN through where Excel
 * answers #NUM! or #DIV/0!, and XNPV/XIRR accept dates before the first date and lists of
 * different lengths, which Excel rejects with #NUM!.
 *
 * An Excel error comes back as a typed result, `{ ok: false, error: '#NUM!' }`, never as a
 * thrown exception or a NaN; `excelValue()` turns it into an `invalid_input` AppError when a caller
 * wants to stop there. Inputs that are not finite numbers (NaN, Infinity) give #VALUE! — the
 * nearest thing in Excel, where a cell cannot hold either.
 */

export type ExcelErrorCode = '#NUM!' | '#VALUE!' | '#DIV/0!';
export type ExcelResult = { ok: true; value: number } | { ok: false; error: ExcelErrorCode; message: string };
/** Whether payments are due at the end (0) or the beginning (1) of each period. */
export type PaymentTiming = 0 | 1;
/** An ISO date (2025-03-31) or an Excel date serial number (45747). */
export type ExcelDate = string | number;

const ok = (value: number): ExcelResult => ({ ok: true, value });
const fail = (error: ExcelErrorCode, message: string): ExcelResult => ({ ok: false, error, message });

function checkFinite(values: readonly number[]): ExcelResult | null {
  return values.every((v) => typeof v === 'number' && Number.isFinite(v)) ? null : fail('#VALUE!', 'An argument is not a finite number.');
}

function checkTiming(type: number): ExcelResult | null {
  return type === 0 || type === 1 ? null : fail('#NUM!', 'type must be 0 (end of period) or 1 (beginning).');
}

/** formulajs answers with Error objects whose message is the Excel code, or with non-finite numbers. */
function fromFormulajs(result: unknown, what: string): ExcelResult {
  if (result instanceof Error) {
    const code = (['#NUM!', '#VALUE!', '#DIV/0!'] as const).find((c) => c === result.message) ?? '#NUM!';
    return fail(code, `${what}: ${code}`);
  }
  if (typeof result !== 'number' || !Number.isFinite(result)) return fail('#NUM!', `${what} has no finite result.`);
  return ok(result);
}

function hasBothSigns(values: readonly number[]): boolean {
  return values.some((v) => v > 0) && values.some((v) => v < 0);
}

/** Excel's date serial: days since 1899-12-30 (valid for dates from 1900-03-01). Fractions are cut, as Excel does. */
export function toExcelSerial(date: ExcelDate): number | null {
  if (typeof date === 'number') return Number.isFinite(date) && date >= 0 ? Math.trunc(date) : null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000 + 25_569;
}

function datedSeries(values: readonly number[], dates: readonly ExcelDate[]): { serials: number[] } | ExcelResult {
  if (values.length !== dates.length) return fail('#NUM!', 'values and dates must have the same number of entries.');
  if (values.length === 0) return fail('#NUM!', 'Needs at least one value.');
  const serials: number[] = [];
  for (const d of dates) {
    const s = toExcelSerial(d);
    if (s === null) return fail('#VALUE!', `${JSON.stringify(d)} is not a valid date.`);
    serials.push(s);
  }
  const first = serials[0] ?? 0;
  if (serials.some((s) => s < first)) return fail('#NUM!', 'A date precedes the first date.');
  return { serials };
}

/** NPV: values at the end of periods 1, 2, … discounted at `rate`. */
export function npv(rate: number, values: readonly number[]): ExcelResult {
  const bad = checkFinite([rate, ...values]);
  if (bad) return bad;
  if (values.length === 0) return fail('#VALUE!', 'NPV needs at least one value.');
  if (rate === -1) return fail('#DIV/0!', 'A rate of -1 divides by zero.');
  return fromFormulajs(formulajs.NPV(rate, [...values]), 'NPV');
}

export function xnpv(rate: number, values: readonly number[], dates: readonly ExcelDate[]): ExcelResult {
  const bad = checkFinite([rate, ...values]);
  if (bad) return bad;
  const series = datedSeries(values, dates);
  if ('ok' in series) return series;
  return fromFormulajs(formulajs.XNPV(rate, [...values], series.serials), 'XNPV');
}

export function irr(values: readonly number[], guess = 0.1): ExcelResult {
  const bad = checkFinite([guess, ...values]);
  if (bad) return bad;
  if (!hasBothSigns(values)) return fail('#NUM!', 'IRR needs at least one positive and one negative value.');
  return fromFormulajs(formulajs.IRR([...values], guess), 'IRR');
}

export function xirr(values: readonly number[], dates: readonly ExcelDate[], guess = 0.1): ExcelResult {
  const bad = checkFinite([guess, ...values]);
  if (bad) return bad;
  const series = datedSeries(values, dates);
  if ('ok' in series) return series;
  if (!hasBothSigns(values)) return fail('#NUM!', 'XIRR needs at least one positive and one negative value.');
  return fromFormulajs(formulajs.XIRR([...values], series.serials, guess), 'XIRR');
}

export function mirr(values: readonly number[], financeRate: number, reinvestRate: number): ExcelResult {
  const bad = checkFinite([financeRate, reinvestRate, ...values]);
  if (bad) return bad;
  // formulajs answers Infinity here; Excel answers #DIV/0!.
  if (!hasBothSigns(values)) return fail('#DIV/0!', 'MIRR needs at least one positive and one negative value.');
  return fromFormulajs(formulajs.MIRR([...values], financeRate, reinvestRate), 'MIRR');
}

export function pmt(rate: number, nper: number, pv: number, fv = 0, type: PaymentTiming = 0): ExcelResult {
  const bad = checkFinite([rate, nper, pv, fv]) ?? checkTiming(type);
  if (bad) return bad;
  if (nper === 0) return fail('#NUM!', 'nper must not be 0.');
  return fromFormulajs(formulajs.PMT(rate, nper, pv, fv, type), 'PMT');
}

export function pv(rate: number, nper: number, payment: number, fv = 0, type: PaymentTiming = 0): ExcelResult {
  const bad = checkFinite([rate, nper, payment, fv]) ?? checkTiming(type);
  if (bad) return bad;
  return fromFormulajs(formulajs.PV(rate, nper, payment, fv, type), 'PV');
}

export function fv(rate: number, nper: number, payment: number, pv = 0, type: PaymentTiming = 0): ExcelResult {
  const bad = checkFinite([rate, nper, payment, pv]) ?? checkTiming(type);
  if (bad) return bad;
  return fromFormulajs(formulajs.FV(rate, nper, payment, pv, type), 'FV');
}

export function rate(nper: number, payment: number, pv: number, fv = 0, type: PaymentTiming = 0, guess = 0.1): ExcelResult {
  const bad = checkFinite([nper, payment, pv, fv, guess]) ?? checkTiming(type);
  if (bad) return bad;
  return fromFormulajs(formulajs.RATE(nper, payment, pv, fv, type, guess), 'RATE');
}

export function nper(rate: number, payment: number, pv: number, fv = 0, type: PaymentTiming = 0): ExcelResult {
  const bad = checkFinite([rate, payment, pv, fv]) ?? checkTiming(type);
  if (bad) return bad;
  // formulajs answers -Infinity or NaN where the logarithm has no finite value; Excel answers #NUM!.
  return fromFormulajs(formulajs.NPER(rate, payment, pv, fv, type), 'NPER');
}

/** The number, or an `invalid_input` AppError naming the Excel error. */
export function excelValue(result: ExcelResult, path: (string | number)[] = []): number {
  if (result.ok) return result.value;
  throw new AppError('invalid_input', `${result.error} ${result.message}`, {
    reason: 'excel_error',
    issues: [{ path, code: 'excel_error', message: result.message, params: { error: result.error } }],
  });
}
