import { type FinancialModel, type InputId, inputIds } from '../../../shared/contracts/financial-model';

/** Inputs that exist only when WACC is built by CAPM. */
const capmOnly: ReadonlySet<InputId> = new Set([
  'riskFreeRate',
  'equityRiskPremium',
  'beta',
  'sizePremium',
  'preTaxCostOfDebt',
  'targetDebtToCapital',
]);

/** The optional parts of a model a sensitivity axis can vary: the exit multiple and the probability of failure. */
export interface AxisParts {
  exitMultiple: boolean;
  failure: boolean;
}

export const axisPartsOf = (doc: FinancialModel): AxisParts => ({
  exitMultiple: doc.valuation.terminalValue.exitMultiple !== undefined,
  failure: doc.valuation.failure !== undefined,
});

const allParts: AxisParts = { exitMultiple: true, failure: false };

/**
 * The inputs a sensitivity grid can vary in a model: the CAPM inputs only when WACC is built by
 * CAPM, the exit multiple when the model gives one, the probability of failure when it has one.
 */
export const axisInputs = (waccMethod: 'capm' | 'direct', parts: AxisParts = allParts): InputId[] =>
  inputIds.filter(
    (id) =>
      (waccMethod === 'capm' || !capmOnly.has(id)) &&
      (id !== 'exitMultiple' || parts.exitMultiple) &&
      (id !== 'failureProbability' || parts.failure),
  );

export interface Axes {
  x: InputId;
  y: InputId;
}

export const defaultAxes: Axes = { x: 'wacc', y: 'terminalGrowth' };

/**
 * The axes chosen, where the model has them; an axis the model lacks (beta, once WACC is given
 * directly) falls back to the default, and the two axes always differ.
 */
export function fitAxes(axes: Axes, waccMethod: 'capm' | 'direct', parts: AxisParts = allParts): Axes {
  const available = axisInputs(waccMethod, parts);
  const x = available.includes(axes.x) ? axes.x : defaultAxes.x;
  const y = available.includes(axes.y) ? axes.y : defaultAxes.y;
  // Both defaults exist in every model: when x took one, y takes the other.
  if (y === x) return { x, y: x === defaultAxes.x ? defaultAxes.y : defaultAxes.x };
  return { x, y };
}

/** Choosing on one axis the other's input swaps them. */
export function chooseAxis(axes: Axes, axis: 'x' | 'y', input: InputId): Axes {
  if (axis === 'x') return input === axes.y ? { x: input, y: axes.x } : { x: input, y: axes.y };
  return input === axes.x ? { x: axes.y, y: input } : { x: axes.x, y: input };
}
