import { capmPathKeys, type InputPath, type WaccInputs } from '../../../shared/contracts/financial-model.js';
import type { ValuationCase, WaccByYear } from './case.js';
import { computeWacc, type WaccResult } from './wacc.js';

/**
 * The cost of capital by year: one WACC per forecast year and a terminal WACC for the years after
 * the forecast. A model without `wacc.byYear` or a stated terminal cost of capital has one WACC for
 * every year and is discounted exactly as before (1/(1 + WACC)^t); one with them is discounted
 * with cumulated factors ∏(1 + WACCₜ).
 */

export interface CostOfCapital {
  /** One rate per forecast year (a sensitivity that pins WACC moves every year by the same amount). */
  rates: number[];
  /** The rate of the terminal value. */
  terminal: number;
  /** Whether rates may change by year: discounting uses cumulated factors. */
  byYear: boolean;
  /** The WACC build-up of each forecast year (one entry when WACC does not change by year). */
  years: WaccResult[];
  /** The WACC build-up of the years after the forecast. */
  terminalWacc: WaccResult;
}

/** The value of an input in forecast year `i` (0-based) along its path; `start` is the input's own value. */
export function pathValue(path: InputPath | undefined, start: number, i: number, years: readonly number[]): number {
  if (!path) return start;
  if (path.values) return path.values[i] ?? start;
  const from = path.fromYear ?? 0;
  const terminal = path.terminal ?? start;
  const year = years[i] ?? 0;
  const last = years.at(-1) ?? 0;
  if (year < from) return start;
  return start + ((terminal - start) * (year - from + 1)) / (last - from + 1);
}

/** The value of an input after the forecast: the path's terminal value (the last value of a list). */
export function pathTerminal(path: InputPath | undefined, start: number): number {
  if (!path) return start;
  if (path.values) return path.values.at(-1) ?? start;
  return path.terminal ?? start;
}

/** The WACC inputs of forecast year `i`, or of the terminal years. */
export function waccInputsAt(w: WaccInputs, byYear: WaccByYear | null, at: number | 'terminal', years: readonly number[]): WaccInputs {
  if (!byYear) return w;
  const value = (path: InputPath | undefined, start: number) =>
    at === 'terminal' ? pathTerminal(path, start) : pathValue(path, start, at, years);
  if (w.method === 'direct') return { ...w, rate: value(byYear.rate, w.rate) };
  const out = { ...w };
  for (const key of capmPathKeys) {
    if (key === 'beta') out.beta = { ...w.beta, value: value(byYear.beta, w.beta.value) };
    else out[key] = value(byYear[key], w[key]);
  }
  return out;
}

export function costOfCapitalOf(c: ValuationCase): CostOfCapital {
  const n = c.years.length;
  if (c.waccByYear === null && c.terminalCostOfCapital === null) {
    const w = computeWacc(c.wacc);
    const rate = c.waccOverride ?? w.wacc;
    return { rates: new Array<number>(n).fill(rate), terminal: rate, byYear: false, years: [w], terminalWacc: w };
  }
  const years = c.years.map((_, i) => computeWacc(waccInputsAt(c.wacc, c.waccByYear, i, c.years)));
  const terminalWacc = computeWacc(waccInputsAt(c.wacc, c.waccByYear, 'terminal', c.years));
  let rates = years.map((y) => y.wacc);
  let terminal = c.terminalCostOfCapital ?? terminalWacc.wacc;
  if (c.waccOverride !== null) {
    // A pinned WACC is the first year's: every year and the terminal rate move by the same amount.
    const shift = c.waccOverride - (rates[0] ?? 0);
    rates = rates.map((r) => r + shift);
    terminal += shift;
  }
  return { rates, terminal, byYear: true, years, terminalWacc };
}

/** The first forecast year's WACC before any sensitivity: the centre of a WACC axis. */
export function headlineWacc(c: ValuationCase): number {
  return costOfCapitalOf({ ...c, waccOverride: null }).rates[0] ?? 0;
}
