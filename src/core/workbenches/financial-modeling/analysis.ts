import type { FinancialModel, InputId } from '../../../shared/contracts/financial-model.js';
import type {
  FootballFieldView,
  ModelAnalysis,
  SensitivityGridView,
  SensitivityRequest,
  ValuationSummary,
} from '../../../shared/contracts/financial-model-api.js';
import { resolveCase, scenarioNames } from './case.js';
import { checkModel } from './checks.js';
import { computeValuation, headlineMethodValue, type MethodValue, type Valuation } from './dcf.js';
import { footballField } from './football-field.js';
import { labelsFor } from './labels.js';
import { DEFAULT_GRID_STEPS, gridForCase } from './sensitivity.js';

/**
 * Everything the workbench shows of one model at once: each scenario's value, the chosen
 * scenario's valuation, a sensitivity grid, the football field and the checks. Pure: the same
 * document gives the same analysis. A part that cannot be computed (a scenario whose terminal
 * growth reaches WACC) comes back as null and the checks say why; it never throws on numbers.
 */

const methodSummary = (m: MethodValue) => ({
  method: m.method,
  terminalValue: m.terminalValue,
  presentValueOfTerminalValue: m.presentValueOfTerminalValue,
  enterpriseValue: m.enterpriseValue,
  terminalValueShare: m.terminalValueShare,
  equityValue: m.equityValue,
  valuePerShare: m.valuePerShare,
  dilutedShares: m.dilution.dilutedShares,
});

/** The headline method's employee options (Black–Scholes), field by field, when the model has them. */
function optionsSummary(v: Valuation): ValuationSummary['options'] {
  const o = headlineMethodValue(v).dilution.options;
  return o
    ? { underlying: o.underlying, call: o.call, dilutionFactor: o.dilutionFactor, perOption: o.perOption, total: o.total }
    : undefined;
}

export function valuationSummary(v: Valuation): ValuationSummary {
  const options = optionsSummary(v);
  return {
    scenario: v.scenario,
    primary: v.primary,
    discountRate: v.discountRate,
    costOfCapital: { rates: v.costOfCapital.rates, terminal: v.costOfCapital.terminal, byYear: v.costOfCapital.byYear },
    valueDriver: v.valueDriver,
    terminalGrowth: v.terminalGrowth,
    exitMultiple: v.exitMultiple,
    wacc: {
      method: v.wacc.method,
      leveredBeta: v.wacc.leveredBeta,
      unleveredBeta: v.wacc.unleveredBeta,
      costOfEquity: v.wacc.costOfEquity,
      afterTaxCostOfDebt: v.wacc.afterTaxCostOfDebt,
      equityWeight: v.wacc.equityWeight,
      debtWeight: v.wacc.debtWeight,
      wacc: v.wacc.wacc,
    },
    projection: v.projection,
    discountFactors: v.discountFactors,
    presentValues: v.presentValues,
    sumOfPresentValues: v.sumOfPresentValues,
    bridge: v.bridge,
    gordon: methodSummary(v.gordon),
    exitMultipleMethod: v.exitMultipleMethod ? methodSummary(v.exitMultipleMethod) : null,
    enterpriseValue: v.enterpriseValue,
    equityValue: v.equityValue,
    valuePerShare: v.valuePerShare,
    dilutedShares: v.dilutedShares,
    impliedMultiples: v.impliedMultiples,
    ...(v.failure ? { failure: v.failure } : {}),
    ...(v.capitalization ? { capitalization: v.capitalization } : {}),
    ...(options ? { options } : {}),
  };
}

/** The grid a banker reads first: WACC down the side, the terminal assumption of the headline method across. */
export function defaultSensitivity(model: FinancialModel): SensitivityRequest {
  const x: InputId = model.valuation.terminalValue.method === 'gordon' ? 'terminalGrowth' : 'exitMultiple';
  return { x, y: 'wacc' };
}

/** Base-case value per share and EV, or nulls when the base case cannot be valued. */
export function headline(model: FinancialModel): { valuePerShare: number | null; enterpriseValue: number | null } {
  const outcome = computeValuation(resolveCase(model, 'base'));
  return outcome.ok
    ? { valuePerShare: outcome.valuation.valuePerShare, enterpriseValue: outcome.valuation.enterpriseValue }
    : { valuePerShare: null, enterpriseValue: null };
}

/** The chosen scenario's grid; an axis that does not apply to the model (beta when WACC is given directly) is refused. */
function gridView(model: FinancialModel, scenario: string, request: SensitivityRequest): SensitivityGridView {
  const steps = request.steps ?? DEFAULT_GRID_STEPS;
  const grid = gridForCase(resolveCase(model, scenario), { input: request.x, steps }, { input: request.y, steps });
  return {
    scenario: grid.scenario,
    method: grid.method,
    x: grid.x,
    y: grid.y,
    valuePerShare: grid.valuePerShare,
    baseValuePerShare: grid.baseValuePerShare,
    invalidCells: grid.invalidCells,
  };
}

function footballView(model: FinancialModel): FootballFieldView | null {
  try {
    return footballField(model);
  } catch {
    return null;
  }
}

export function analyzeModel(
  model: FinancialModel,
  options: { scenario?: string | undefined; sensitivity?: SensitivityRequest | undefined } = {},
): ModelAnalysis {
  const scenario = options.scenario ?? 'base';
  const chosenCase = resolveCase(model, scenario); // an unknown scenario is refused here, with the ones there are
  const labels = new Map(model.scenarios.map((s) => [s.name, s.label ?? s.name]));
  const outcomes = new Map(
    scenarioNames(model).map((name) => [name, computeValuation(name === scenario ? chosenCase : resolveCase(model, name))]),
  );
  const scenarios = [...outcomes].map(([name, outcome]) => ({
    scenario: name,
    label: name === 'base' ? labelsFor(model.meta.language).baseCase : (labels.get(name) ?? name),
    valuePerShare: outcome.ok ? outcome.valuation.valuePerShare : null,
    enterpriseValue: outcome.ok ? outcome.valuation.enterpriseValue : null,
    equityValue: outcome.ok ? outcome.valuation.equityValue : null,
    problem: outcome.ok ? null : { reason: outcome.reason, params: outcome.params },
  }));
  const chosen = outcomes.get(scenario);
  const valuation = chosen?.ok ? valuationSummary(chosen.valuation) : null;
  return {
    scenario,
    scenarios,
    valuation,
    sensitivity: valuation ? gridView(model, scenario, options.sensitivity ?? defaultSensitivity(model)) : null,
    footballField: footballView(model),
    checks: checkModel(model),
  };
}
