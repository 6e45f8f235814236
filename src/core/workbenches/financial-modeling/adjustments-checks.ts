import type { CheckCode, CheckMessageKey } from '../../../shared/check-messages.js';
import type { FinancialModel } from '../../../shared/contracts/financial-model.js';
import type { MessageParams } from '../../../shared/errors.js';
import type { Finding } from './checks.js';
import type { Valuation } from './dcf.js';

/**
 * The checks of the fourth slice's adjustments (docs/decisions/0010): a probability of failure whose
 * distress proceeds make no sense, lease debt above the enterprise value, an R&D life outside the
 * usual range, minority interests above the equity value. Each runs only when the model has the
 * field it checks, so a model without them gets exactly the findings it got before.
 */

export const adjustmentThresholds = {
  /** R&D amortisable lives Damodaran's converter tables use: 1 year (software) to 10 (pharmaceuticals). */
  researchLife: [1, 10] as const,
};

interface Run {
  name: string;
  /** The scenario's index in model.scenarios; null for the base case. */
  index: number | null;
  valuation: Valuation | null;
}

const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

class Out {
  readonly list: Finding[] = [];
  add(code: CheckCode, path: (string | number)[], key: CheckMessageKey, params: MessageParams, scenario: string | null = null) {
    this.list.push({ status: 'warn', code, path, scenario, message: { key, params } });
  }
  passIfClean(code: CheckCode, path: (string | number)[], key: CheckMessageKey, params: MessageParams = {}) {
    if (!this.list.some((f) => f.code === code)) this.list.push({ status: 'pass', code, path, scenario: null, message: { key, params } });
  }
}

/** Distress proceeds above the going-concern value (failure would add value), or a book value of capital of nothing to take a percentage of. */
function checkFailure(model: FinancialModel, runs: Run[], out: Out) {
  const failure = model.valuation.failure;
  if (!failure) return;
  const code: CheckCode = 'adjustments.failure';
  for (const run of runs) {
    const f = run.valuation?.failure;
    if (!f || !(f.probability > 0)) continue;
    const moved = run.index === null ? undefined : model.scenarios[run.index]?.overrides.failure;
    const percentPath =
      run.index !== null && moved?.proceedsPercent !== undefined
        ? ['scenarios', run.index, 'overrides', 'failure', 'proceedsPercent']
        : ['valuation', 'failure', 'proceedsPercent'];
    if (f.proceedsBasis === 'bookValue' && f.proceedsPercent > 0 && !((f.bookValueOfCapital ?? 0) > 0))
      out.add(
        code,
        failure.bookValueOfCapital !== undefined
          ? ['valuation', 'failure', 'bookValueOfCapital']
          : ['valuation', 'failure', 'proceedsBasis'],
        'failureNoBookValue',
        { probability: pct(f.probability), case: run.name },
        run.name,
      );
    else if (f.proceeds > f.goingConcernValue)
      out.add(
        code,
        percentPath,
        'failureProceedsAboveGoingConcern',
        { proceeds: fmt(f.proceeds), goingConcern: fmt(f.goingConcernValue), probability: pct(f.probability), case: run.name },
        run.name,
      );
  }
  out.passIfClean(code, ['valuation', 'failure'], 'failurePass');
}

/** The leases' debt value above the enterprise value: a rate, a commitment or a unit is probably wrong. */
function checkLeaseDebt(model: FinancialModel, runs: Run[], out: Out) {
  if (!model.capitalization?.operatingLeases) return;
  const code: CheckCode = 'adjustments.lease_debt';
  for (const run of runs) {
    const v = run.valuation;
    const debt = v?.capitalization?.operatingLeases?.debt;
    if (!v || debt === undefined || !(debt > v.enterpriseValue)) continue;
    out.add(
      code,
      ['capitalization', 'operatingLeases', 'commitments'],
      'leaseDebtAboveEnterpriseValue',
      { debt: fmt(debt), enterpriseValue: fmt(v.enterpriseValue), case: run.name },
      run.name,
    );
  }
  out.passIfClean(code, ['capitalization', 'operatingLeases'], 'leaseDebtPass');
}

function checkResearchLife(model: FinancialModel, out: Out) {
  const r = model.capitalization?.researchAndDevelopment;
  if (!r) return;
  const code: CheckCode = 'adjustments.research_life';
  const [low, high] = adjustmentThresholds.researchLife;
  const path = ['capitalization', 'researchAndDevelopment', 'life'];
  if (r.life < low || r.life > high) out.add(code, path, 'researchLifeOutsideRange', { life: r.life, low, high });
  out.passIfClean(code, path, 'researchLifePass', { low, high });
}

/** Minority interests worth more than the equity left for the shareholders. */
function checkMinorities(model: FinancialModel, runs: Run[], out: Out) {
  if (!model.bridge.minorityInterests) return;
  const code: CheckCode = 'adjustments.minority_interests';
  for (const run of runs) {
    const v = run.valuation;
    const item = v?.bridge.otherItems.find((i) => i.kind === 'minorityInterests');
    if (!v || !item) continue;
    const minorities = -item.signedAmount;
    if (minorities > 0 && minorities > v.equityValue)
      out.add(
        code,
        ['bridge', 'minorityInterests'],
        'minorityAboveEquity',
        { minorities: fmt(minorities), equity: fmt(v.equityValue), case: run.name },
        run.name,
      );
  }
  out.passIfClean(code, ['bridge', 'minorityInterests'], 'minorityPass');
}

export function adjustmentFindings(model: FinancialModel, runs: Run[]): Finding[] {
  const out = new Out();
  checkFailure(model, runs, out);
  checkLeaseDebt(model, runs, out);
  checkResearchLife(model, out);
  checkMinorities(model, runs, out);
  return out.list;
}
