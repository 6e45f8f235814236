import type { FinancialModel, InputId } from '../../../shared/contracts/financial-model.js';
import { AppError } from '../../../shared/errors.js';
import {
  applicableInputs,
  type InputMode,
  inputBaseValue,
  inputMode,
  isDiscountOnlyInput,
  noExitMultiple,
  noFailure,
  outOfRange,
  resolveCase,
  type ValuationCase,
  withInput,
} from './case.js';
import { type CostOfCapital, costOfCapitalOf, headlineWacc } from './cost-of-capital.js';
import {
  bridgeAdjustment,
  computeValuation,
  type Discounting,
  discount,
  invalidAt,
  methodHeadline,
  methodValueOf,
  type TerminalMethod,
} from './dcf.js';
import { project } from './projections.js';

export const DEFAULT_GRID_STEPS = 21;
export const MAX_GRID_STEPS = 101;

/** One step of each input on a sensitivity axis: rates in decimals, multiples in turns, shifts in decimal points. */
export const defaultStep: Record<InputId, number> = {
  wacc: 0.0025,
  terminalGrowth: 0.0025,
  exitMultiple: 0.5,
  riskFreeRate: 0.0025,
  equityRiskPremium: 0.0025,
  beta: 0.05,
  sizePremium: 0.0025,
  preTaxCostOfDebt: 0.0025,
  targetDebtToCapital: 0.025,
  revenueGrowth: 0.005,
  ebitdaMargin: 0.005,
  depreciationPercentOfRevenue: 0.0025,
  capexPercentOfRevenue: 0.0025,
  nwcPercentOfRevenue: 0.005,
  taxRate: 0.01,
  failureProbability: 0.05,
};

export interface AxisRequest {
  input: InputId;
  /** Odd number of points centred on the base value (default 21). */
  steps?: number;
  step?: number;
}

export interface Axis {
  input: InputId;
  mode: InputMode;
  step: number;
  /** Absolute values, or shifts added to every forecast year (mode "shift"). */
  values: number[];
  baseIndex: number;
  baseValue: number;
}

export interface SensitivityGrid {
  scenario: string;
  method: TerminalMethod;
  x: Axis;
  y: Axis;
  /** Value per share; rows follow y, columns x. Null where the case cannot be valued (terminal growth ≥ WACC, WACC ≤ 0). */
  valuePerShare: (number | null)[][];
  enterpriseValue: (number | null)[][];
  baseValuePerShare: number;
  invalidCells: number;
}

function axisError(path: string, message: string): AppError {
  return new AppError('invalid_input', message, { reason: 'invalid_axis', issues: [{ path: [path], code: 'invalid_axis', message }] });
}

export function buildAxis(c: ValuationCase, request: AxisRequest, computedWacc: number, which: 'x' | 'y'): Axis {
  const steps = request.steps ?? DEFAULT_GRID_STEPS;
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_GRID_STEPS || steps % 2 === 0)
    throw axisError(`${which}.steps`, `The ${which} axis needs an odd number of steps between 1 and ${MAX_GRID_STEPS}; got ${steps}.`);
  const step = request.step ?? defaultStep[request.input];
  if (!Number.isFinite(step) || step <= 0)
    throw axisError(`${which}.step`, `The ${which} axis step must be a positive number; got ${step}.`);
  if (request.input === 'exitMultiple' && c.exitMultiple === null) throw noExitMultiple(which);
  if (request.input === 'failureProbability' && !c.failure) throw noFailure(which);
  if (!applicableInputs(c).includes(request.input))
    throw axisError(which, `"${request.input}" is not an input of this model (its WACC is given directly); use "wacc".`);
  const baseValue = inputBaseValue(c, request.input, computedWacc);
  const half = (steps - 1) / 2;
  return {
    input: request.input,
    mode: inputMode(request.input),
    step,
    values: Array.from({ length: steps }, (_, i) => baseValue + (i - half) * step),
    baseIndex: half,
    baseValue,
  };
}

/** Which terminal value a grid reports: the one its inputs move, else the model's primary method. */
export function gridMethod(x: InputId, y: InputId, primary: TerminalMethod): TerminalMethod {
  const ids = [x, y];
  if (ids.includes('terminalGrowth') && ids.includes('exitMultiple'))
    throw axisError('y', 'terminalGrowth and exitMultiple drive different terminal values; pair either one with another input.');
  if (ids.includes('terminalGrowth')) return 'gordon';
  if (ids.includes('exitMultiple')) return 'exitMultiple';
  return primary;
}

/** The method's value; a grid on the exit multiple exists only when the model gives one (buildAxis refuses it otherwise). */
const pick = methodValueOf;

/** A two-input sensitivity grid (21×21 by default). Deterministic; cells that cannot be valued are null, never NaN. */
export function sensitivityGrid(model: FinancialModel, request: { x: AxisRequest; y: AxisRequest; scenario?: string }): SensitivityGrid {
  if (request.x.input === request.y.input) throw axisError('y', `The two axes must be different inputs; both are "${request.x.input}".`);
  const base = resolveCase(model, request.scenario ?? 'base');
  return gridForCase(base, request.x, request.y);
}

const sameRates = (a: CostOfCapital, b: CostOfCapital) => a.byYear === b.byYear && a.rates.every((r, i) => r === b.rates[i]);

export function gridForCase(base: ValuationCase, xRequest: AxisRequest, yRequest: AxisRequest): SensitivityGrid {
  const baseWacc = headlineWacc(base);
  const x = buildAxis(base, xRequest, baseWacc, 'x');
  const y = buildAxis(base, yRequest, baseWacc, 'y');
  const method = gridMethod(x.input, y.input, base.terminalMethod);
  const baseOutcome = computeValuation(base);
  if (!baseOutcome.ok) throw axisError('model', `The base case cannot be valued: ${baseOutcome.message}`);
  // Inputs that only move discounting share one projection; forecast drivers need their own. Cells
  // at the same discount rate (a row of a WACC × growth grid) share the discounted cash flows.
  const sharedProjection = isDiscountOnlyInput(x.input) && isDiscountOnlyInput(y.input) ? project(base) : null;
  const valuePerShare: (number | null)[][] = [];
  const enterpriseValue: (number | null)[][] = [];
  let invalidCells = 0;
  for (const yv of y.values) {
    const rowCase = withInput(base, y.input, yv);
    const vps: (number | null)[] = [];
    const evs: (number | null)[] = [];
    let cached: { cc: CostOfCapital; d: Discounting } | null = null;
    // Terminal growth and the exit multiple leave the cost of capital alone: one per row.
    const rowCc = x.input === 'terminalGrowth' || x.input === 'exitMultiple' ? costOfCapitalOf(rowCase) : null;
    for (const xv of x.values) {
      const cellCase = withInput(rowCase, x.input, xv);
      const cc = rowCc ?? costOfCapitalOf(cellCase);
      if (outOfRange(cellCase) || invalidAt(cellCase, cc)) {
        invalidCells++;
        vps.push(null);
        evs.push(null);
        continue;
      }
      const projection = sharedProjection ?? project(cellCase);
      const d: Discounting = sharedProjection && cached && sameRates(cached.cc, cc) ? cached.d : discount(cellCase, projection, cc);
      cached = { cc, d };
      const m = methodHeadline(cellCase, method, cc, projection, d, bridgeAdjustment(cellCase));
      vps.push(m.valuePerShare);
      evs.push(m.enterpriseValue);
    }
    valuePerShare.push(vps);
    enterpriseValue.push(evs);
  }
  return {
    scenario: base.scenario,
    method,
    x,
    y,
    valuePerShare,
    enterpriseValue,
    baseValuePerShare: pick(baseOutcome.valuation, method).valuePerShare,
    invalidCells,
  };
}
