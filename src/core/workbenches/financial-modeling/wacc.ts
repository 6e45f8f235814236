import type { WaccInputs } from '../../../shared/contracts/financial-model.js';

/** Hamada: the beta of the business without debt. */
export function unleverBeta(leveredBeta: number, debtToEquity: number, taxRate: number): number {
  return leveredBeta / (1 + (1 - taxRate) * debtToEquity);
}

/** Hamada: the beta of equity at a given debt-to-equity ratio. */
export function releverBeta(unleveredBeta: number, debtToEquity: number, taxRate: number): number {
  return unleveredBeta * (1 + (1 - taxRate) * debtToEquity);
}

export interface WaccResult {
  method: 'capm' | 'direct';
  /** Null when WACC is given directly. */
  unleveredBeta: number | null;
  targetDebtToEquity: number | null;
  leveredBeta: number | null;
  costOfEquity: number | null;
  afterTaxCostOfDebt: number | null;
  equityWeight: number | null;
  debtWeight: number | null;
  wacc: number;
}

export function computeWacc(inputs: WaccInputs): WaccResult {
  if (inputs.method === 'direct')
    return {
      method: 'direct',
      unleveredBeta: null,
      targetDebtToEquity: null,
      leveredBeta: null,
      costOfEquity: null,
      afterTaxCostOfDebt: null,
      equityWeight: null,
      debtWeight: null,
      wacc: inputs.rate,
    };
  const t = inputs.marginalTaxRate;
  const debtWeight = inputs.targetDebtToCapital;
  const equityWeight = 1 - debtWeight;
  const targetDebtToEquity = debtWeight / equityWeight;
  const beta = inputs.beta;
  const unleveredBeta =
    beta.kind === 'unlevered' ? beta.value : unleverBeta(beta.value, beta.observedDebtToEquity ?? targetDebtToEquity, t);
  const leveredBeta = releverBeta(unleveredBeta, targetDebtToEquity, t);
  const costOfEquity = inputs.riskFreeRate + leveredBeta * inputs.equityRiskPremium + inputs.sizePremium;
  const afterTaxCostOfDebt = inputs.preTaxCostOfDebt * (1 - t);
  return {
    method: 'capm',
    unleveredBeta,
    targetDebtToEquity,
    leveredBeta,
    costOfEquity,
    afterTaxCostOfDebt,
    equityWeight,
    debtWeight,
    wacc: equityWeight * costOfEquity + debtWeight * afterTaxCostOfDebt,
  };
}
