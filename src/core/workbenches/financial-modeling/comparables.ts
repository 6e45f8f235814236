import type { Comparables, FinancialModel } from '../../../shared/contracts/financial-model.js';
import { AppError } from '../../../shared/errors.js';
import type { ValuationCase } from './case.js';
import type { Valuation } from './dcf.js';
import { solveTreasuryStock } from './dilution.js';
import { type Summary, summarize } from './statistics.js';

export const multipleKeys = ['evToEbitda', 'evToSales', 'priceToEarnings'] as const;
export type MultipleKey = (typeof multipleKeys)[number];

export interface CompanyMultiples {
  name: string;
  /** Null when the denominator is zero or negative: the multiple is "not meaningful" and left out. */
  evToEbitda: number | null;
  evToSales: number | null;
  priceToEarnings: number | null;
}

export interface ImpliedRange {
  /** At the first quartile, the median and the third quartile of the peers' multiple. */
  low: number;
  mid: number;
  high: number;
}

export interface MultipleAnalysis {
  key: MultipleKey;
  stats: Summary | null;
  /** Companies left out because the multiple is not meaningful. */
  excluded: string[];
  targetMetric: number | null;
  /** Enterprise value (EV multiples) or equity value (P/E) implied for the target. */
  impliedValue: ImpliedRange | null;
  impliedEquityValue: ImpliedRange | null;
  impliedValuePerShare: ImpliedRange | null;
}

export interface ComparablesAnalysis {
  basis: 'ltm' | 'ntm';
  companies: CompanyMultiples[];
  target: { revenue: number | null; ebitda: number | null; netIncome: number | null };
  multiples: Record<MultipleKey, MultipleAnalysis>;
}

const meaningful = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

export function companyMultiples(comps: Comparables): CompanyMultiples[] {
  return comps.companies.map((c) => ({
    name: c.name,
    evToEbitda: meaningful(c.enterpriseValue, c.ebitda),
    evToSales: meaningful(c.enterpriseValue, c.revenue),
    priceToEarnings: meaningful(c.marketCap, c.netIncome),
  }));
}

/** The target's revenue, EBITDA and net income on the comparables' basis (LTM: last historical year; NTM: first forecast year). */
export function targetMetrics(model: FinancialModel, comps: Comparables, valuation: Valuation): ComparablesAnalysis['target'] {
  const last = model.historicals.at(-1);
  const ltm = {
    revenue: last?.incomeStatement.revenue ?? null,
    ebitda: last ? last.incomeStatement.operatingIncome + last.incomeStatement.depreciationAmortization : null,
    netIncome: last?.incomeStatement.netIncome ?? null,
  };
  const ntm = { revenue: valuation.projection.revenue[0] ?? null, ebitda: valuation.projection.ebitda[0] ?? null, netIncome: null };
  const derived = comps.basis === 'ltm' ? ltm : ntm;
  return {
    revenue: comps.target?.revenue ?? derived.revenue,
    ebitda: comps.target?.ebitda ?? derived.ebitda,
    netIncome: comps.target?.netIncome ?? derived.netIncome,
  };
}

function range(stats: Summary, f: (multiple: number) => number): ImpliedRange {
  return { low: f(stats.firstQuartile), mid: f(stats.median), high: f(stats.thirdQuartile) };
}

export function analyzeComparables(model: FinancialModel, c: ValuationCase, valuation: Valuation): ComparablesAnalysis {
  const comps = model.comparables;
  if (!comps || comps.companies.length === 0)
    throw new AppError('invalid_input', 'The model has no comparable companies.', {
      reason: 'no_comparables',
      issues: [{ path: ['comparables', 'companies'], code: 'too_small', message: 'Needs at least one comparable company.' }],
    });
  const companies = companyMultiples(comps);
  const target = targetMetrics(model, comps, valuation);
  const adjustment = valuation.bridge.adjustment;
  const perShare = (equity: number) => solveTreasuryStock(equity, c.shares).pricePerShare;
  const analyse = (key: MultipleKey, metric: number | null): MultipleAnalysis => {
    const values = companies.flatMap((co) => (co[key] === null ? [] : [co[key]]));
    const stats = summarize(values);
    const excluded = companies.filter((co) => co[key] === null).map((co) => co.name);
    if (!stats || metric === null || !(metric > 0))
      return { key, stats, excluded, targetMetric: metric, impliedValue: null, impliedEquityValue: null, impliedValuePerShare: null };
    const impliedValue = range(stats, (m) => m * metric);
    const impliedEquityValue = key === 'priceToEarnings' ? impliedValue : range(stats, (m) => m * metric + adjustment);
    return {
      key,
      stats,
      excluded,
      targetMetric: metric,
      impliedValue,
      impliedEquityValue,
      impliedValuePerShare: {
        low: perShare(impliedEquityValue.low),
        mid: perShare(impliedEquityValue.mid),
        high: perShare(impliedEquityValue.high),
      },
    };
  };
  return {
    basis: comps.basis,
    companies,
    target,
    multiples: {
      evToEbitda: analyse('evToEbitda', target.ebitda),
      evToSales: analyse('evToSales', target.revenue),
      priceToEarnings: analyse('priceToEarnings', target.netIncome),
    },
  };
}
