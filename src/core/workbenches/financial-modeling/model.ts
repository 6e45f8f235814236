import { type FinancialModel, financialModelSchema } from '../../../shared/contracts/financial-model.js';
import { AppError, issuesFromZod } from '../../../shared/errors.js';
import { resolveCase, scenarioNames, type ValuationCase } from './case.js';
import { type Valuation, valueCase } from './dcf.js';

/** Longer than any list the schema allows: enough to fail its own length rule, short enough to check fast. */
const LIST_CUT = 1001;

/** A copy with every list cut to LIST_CUT entries, so a list of a million years fails in microseconds, not seconds. */
function cutLongLists(value: unknown, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return (value.length > LIST_CUT ? value.slice(0, LIST_CUT) : value).map((v) => cutLongLists(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cutLongLists(v, depth + 1)]));
}

/** Validates a model document, listing every problem with its path. */
export function parseFinancialModel(value: unknown): FinancialModel {
  const result = financialModelSchema.safeParse(cutLongLists(value));
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error);
  throw new AppError('invalid_input', `The financial model is not valid (${issues.length} problem${issues.length === 1 ? '' : 's'}).`, {
    reason: 'invalid_model',
    issues,
  });
}

export interface ModelValuation {
  case: ValuationCase;
  valuation: Valuation;
}

export function valueModel(model: FinancialModel, options: { scenario?: string } = {}): ModelValuation {
  const c = resolveCase(model, options.scenario ?? 'base');
  return { case: c, valuation: valueCase(c) };
}

/** The base case and every scenario; the first one that cannot be valued stops with `invalid_input`. */
export function valueScenarios(model: FinancialModel): ModelValuation[] {
  return scenarioNames(model).map((scenario) => valueModel(model, { scenario }));
}
