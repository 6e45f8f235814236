import { describe, expect, it } from 'vitest';
import { checkMessageText } from '../../../shared/check-messages.js';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { adjustmentsFairValueModel, adjustmentsModel } from './capitalization.fixture.js';
import { checkModel } from './checks.js';
import { kennethColeModel, leverModel, salesToCapitalModel, valueDriverModel } from './fixtures.js';
import { parseFinancialModel, valueModel } from './model.js';

/** The checks of the fourth slice's adjustments (docs/decisions/0010): warnings, never failures. */

const findings = (m: FinancialModelInput) => checkModel(parseFinancialModel(m)).findings.filter((f) => f.code.startsWith('adjustments.'));
const byCode = (m: FinancialModelInput, code: string) => findings(m).filter((f) => f.code === code);

describe('checks of the adjustments', () => {
  it('pass on the fixtures, one finding per check the model has a field for', () => {
    expect(findings(adjustmentsModel()).map((f) => [f.code, f.status])).toEqual([
      ['adjustments.failure', 'pass'],
      ['adjustments.lease_debt', 'pass'],
      ['adjustments.research_life', 'pass'],
      ['adjustments.minority_interests', 'pass'],
    ]);
    expect(findings(adjustmentsFairValueModel()).every((f) => f.status === 'pass')).toBe(true);
    const onlyMinorities = valueDriverModel();
    onlyMinorities.bridge.minorityInterests = { amount: 30, valuedAt: 'market' };
    expect(findings(onlyMinorities).map((f) => f.code)).toEqual(['adjustments.minority_interests']);
  });

  it('add nothing to a model without the adjustments', () => {
    for (const m of [kennethColeModel(), valueDriverModel(), salesToCapitalModel(), leverModel()]) expect(findings(m)).toEqual([]);
  });

  it('warn when failing would add value (proceeds above the going-concern value), in the scenario that says so', () => {
    const m = adjustmentsFairValueModel();
    m.valuation.failure = { probability: 0.25, proceedsBasis: 'fairValue', proceedsPercent: 1.2 };
    const [f] = byCode(m, 'adjustments.failure');
    expect(f).toMatchObject({
      status: 'warn',
      path: ['valuation', 'failure', 'proceedsPercent'],
      message: { key: 'failureProceedsAboveGoingConcern' },
    });
    expect(checkMessageText(f?.message as never, 'en')).toMatch(/failing would add value/);

    const s = adjustmentsModel();
    s.scenarios = [{ name: 'fire', overrides: { failure: { proceedsPercent: 9 } } }];
    const warned = byCode(s, 'adjustments.failure');
    expect(warned.map((w) => [w.status, w.scenario, w.path.join('.')])).toEqual([
      ['warn', 'fire', 'scenarios.0.overrides.failure.proceedsPercent'],
    ]);
    // A probability of 0 weights nothing, whatever the proceeds.
    const none = adjustmentsFairValueModel();
    none.valuation.failure = { probability: 0, proceedsBasis: 'fairValue', proceedsPercent: 3 };
    expect(byCode(none, 'adjustments.failure').map((x) => x.status)).toEqual(['pass']);
  });

  it('warn when the proceeds are a percentage of a book value of capital of nothing', () => {
    const m = adjustmentsModel();
    m.valuation.failure = { probability: 0.1, proceedsBasis: 'bookValue', proceedsPercent: 0.5, bookValueOfCapital: 0 };
    const warned = byCode(m, 'adjustments.failure');
    expect(warned.map((f) => f.scenario)).toEqual(['base', 'bear']);
    expect(warned[0]).toMatchObject({
      status: 'warn',
      path: ['valuation', 'failure', 'bookValueOfCapital'],
      message: { key: 'failureNoBookValue', params: { probability: '10.0%', case: 'base' } },
    });
  });

  it('warn when the lease debt is above the enterprise value', () => {
    const m = adjustmentsModel();
    const ev = valueModel(parseFinancialModel(m)).valuation.enterpriseValue;
    if (m.capitalization?.operatingLeases) m.capitalization.operatingLeases.commitments = [ev, ev, ev];
    const [f] = byCode(m, 'adjustments.lease_debt');
    expect(f).toMatchObject({ status: 'warn', path: ['capitalization', 'operatingLeases', 'commitments'], scenario: 'base' });
    expect(checkMessageText(f?.message as never, 'ja')).toMatch(/リースの負債価値 .* が事業価値 .* を上回っています/);
  });

  it('warn when R&D is amortised over more than 10 years', () => {
    const m = adjustmentsModel();
    m.capitalization = { researchAndDevelopment: { life: 12, expenses: Array.from({ length: 13 }, () => 50) } };
    expect(byCode(m, 'adjustments.research_life')).toMatchObject([
      { status: 'warn', path: ['capitalization', 'researchAndDevelopment', 'life'], message: { params: { life: 12, low: 1, high: 10 } } },
    ]);
    m.capitalization = { researchAndDevelopment: { life: 10, expenses: Array.from({ length: 11 }, () => 50) } };
    expect(byCode(m, 'adjustments.research_life').map((f) => f.status)).toEqual(['pass']);
  });

  it('warn when minority interests are worth more than the equity', () => {
    const m = adjustmentsModel();
    const equity = valueModel(parseFinancialModel(m)).valuation.equityValue;
    m.bridge.minorityInterests = { amount: equity, valuedAt: 'book', priceToBook: 0.6 };
    // 0.6 × equity is deducted: what is left for the shareholders (about 0.4 × equity) is below it, in every case.
    const warned = byCode(m, 'adjustments.minority_interests');
    expect(warned.map((f) => [f.status, f.scenario, f.message.key])).toEqual([
      ['warn', 'base', 'minorityAboveEquity'],
      ['warn', 'bear', 'minorityAboveEquity'],
    ]);
    expect(warned[0]?.path).toEqual(['bridge', 'minorityInterests']);
    m.bridge.minorityInterests = { amount: equity * 0.3, valuedAt: 'market' };
    expect(byCode(m, 'adjustments.minority_interests').map((f) => f.status)).toEqual(['pass']);
  });
});
