import type { AccretionDilutionInputs, FinancialModel } from '../../../shared/contracts/financial-model.js';
import { unitScale } from '../../../shared/contracts/financial-model.js';
import { AppError } from '../../../shared/errors.js';
import { resolveCase } from './case.js';
import { dilutedSharesAt, type ShareBase } from './dilution.js';

export interface AccretionDilution {
  offerPricePerShare: number;
  /** Target shares at the offer price, treasury-stock method, in the share unit. */
  targetDilutedShares: number;
  /** Equity purchase price in the money unit. */
  purchasePrice: number;
  premiumToMarket: number | null;
  cashUsed: number;
  newDebt: number;
  stockIssued: number;
  /** New acquirer shares, share unit. */
  newShares: number;
  afterTaxSynergies: number;
  afterTaxInterestOnNewDebt: number;
  afterTaxForgoneInterestOnCash: number;
  afterTaxNewAmortization: number;
  proFormaNetIncome: number;
  proFormaShares: number;
  /** Currency units per share. */
  standaloneEps: number;
  proFormaEps: number;
  /** Pro-forma EPS over stand-alone EPS minus one; positive is accretive. Null when stand-alone EPS is not positive. */
  accretion: number | null;
  /** Pre-tax synergies at which the deal neither adds to nor takes from EPS. */
  breakevenSynergies: number;
}

export function accretionDilutionOf(a: AccretionDilutionInputs, targetShares: ShareBase, marketPrice: number | null): AccretionDilution {
  const m = targetShares.moneyScale;
  const s = targetShares.shareScale;
  const targetDilutedShares = dilutedSharesAt(a.offerPricePerShare, targetShares);
  const purchasePrice = (a.offerPricePerShare * targetDilutedShares * s) / m;
  const cashUsed = purchasePrice * a.financing.cash + a.transactionFees;
  const newDebt = purchasePrice * a.financing.debt;
  const stockIssued = purchasePrice * a.financing.stock;
  const newShares = (stockIssued * m) / (a.acquirerSharePrice * s);
  const keep = 1 - a.taxRate;
  const afterTaxSynergies = a.synergies * keep;
  const afterTaxInterestOnNewDebt = newDebt * a.preTaxCostOfNewDebt * keep;
  const afterTaxForgoneInterestOnCash = cashUsed * a.interestRateOnCash * keep;
  const afterTaxNewAmortization = a.newAmortization * keep;
  const withoutSynergies =
    a.acquirerNetIncome + a.targetNetIncome - afterTaxInterestOnNewDebt - afterTaxForgoneInterestOnCash - afterTaxNewAmortization;
  const proFormaNetIncome = withoutSynergies + afterTaxSynergies;
  const proFormaShares = a.acquirerShares + newShares;
  const standaloneEps = (a.acquirerNetIncome * m) / (a.acquirerShares * s);
  const proFormaEps = (proFormaNetIncome * m) / (proFormaShares * s);
  const breakevenNetIncome = (standaloneEps * proFormaShares * s) / m;
  return {
    offerPricePerShare: a.offerPricePerShare,
    targetDilutedShares,
    purchasePrice,
    premiumToMarket: marketPrice ? a.offerPricePerShare / marketPrice - 1 : null,
    cashUsed,
    newDebt,
    stockIssued,
    newShares,
    afterTaxSynergies,
    afterTaxInterestOnNewDebt,
    afterTaxForgoneInterestOnCash,
    afterTaxNewAmortization,
    proFormaNetIncome,
    proFormaShares,
    standaloneEps,
    proFormaEps,
    accretion: standaloneEps > 0 ? proFormaEps / standaloneEps - 1 : null,
    breakevenSynergies: (breakevenNetIncome - withoutSynergies) / keep,
  };
}

export function accretionDilution(model: FinancialModel): AccretionDilution {
  const a = model.accretionDilution;
  if (!a)
    throw new AppError('invalid_input', 'The model has no accretion/dilution inputs.', {
      reason: 'no_accretion_dilution',
      issues: [{ path: ['accretionDilution'], code: 'missing', message: 'Add an accretionDilution section.' }],
    });
  const shares = resolveCase(model).shares;
  return accretionDilutionOf(a, { ...shares, moneyScale: unitScale[model.meta.unit] }, model.market?.sharePrice ?? null);
}
