import type { FinancialModel, InputId } from '../../../shared/contracts/financial-model.js';
import { applicableInputs, type InputMode, inputBaseValue, inputMode, outOfRange, resolveCase, withInput } from './case.js';
import { computeValuation, valueCase } from './dcf.js';

/** How far each input moves either way in a tornado chart (decimals; turns for the exit multiple). */
export const defaultFlex: Record<InputId, number> = {
  wacc: 0.01,
  terminalGrowth: 0.005,
  exitMultiple: 1,
  riskFreeRate: 0.005,
  equityRiskPremium: 0.01,
  beta: 0.1,
  sizePremium: 0.01,
  preTaxCostOfDebt: 0.01,
  targetDebtToCapital: 0.1,
  revenueGrowth: 0.01,
  ebitdaMargin: 0.01,
  depreciationPercentOfRevenue: 0.005,
  capexPercentOfRevenue: 0.005,
  nwcPercentOfRevenue: 0.02,
  taxRate: 0.02,
  failureProbability: 0.1,
};

export interface TornadoBar {
  input: InputId;
  mode: InputMode;
  flex: number;
  low: { inputValue: number; valuePerShare: number | null };
  high: { inputValue: number; valuePerShare: number | null };
  /** |high − low| over the sides that can be valued. */
  swing: number;
}

export interface Tornado {
  scenario: string;
  baseValuePerShare: number;
  bars: TornadoBar[];
}

/** Each input moved down and up by its flex, one at a time; bars sorted by swing, largest first. */
export function tornado(
  model: FinancialModel,
  options: { scenario?: string; inputs?: InputId[]; flex?: Partial<Record<InputId, number>> } = {},
): Tornado {
  const base = resolveCase(model, options.scenario ?? 'base');
  const valuation = valueCase(base);
  const inputs = options.inputs ?? applicableInputs(base);
  const bars = inputs.map((input): TornadoBar => {
    const flex = options.flex?.[input] ?? defaultFlex[input];
    const centre = inputBaseValue(base, input, valuation.discountRate);
    const side = (inputValue: number) => {
      const moved = withInput(base, input, inputValue);
      const outcome = outOfRange(moved) ? null : computeValuation(moved);
      return { inputValue, valuePerShare: outcome?.ok ? outcome.valuation.valuePerShare : null };
    };
    const low = side(centre - flex);
    const high = side(centre + flex);
    const values = [low.valuePerShare, high.valuePerShare, valuation.valuePerShare].filter((v): v is number => v !== null);
    return { input, mode: inputMode(input), flex, low, high, swing: Math.max(...values) - Math.min(...values) };
  });
  bars.sort((a, b) => b.swing - a.swing || a.input.localeCompare(b.input));
  return { scenario: base.scenario, baseValuePerShare: valuation.valuePerShare, bars };
}
