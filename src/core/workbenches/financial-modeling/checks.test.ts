import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMessageKeys, checkMessageText } from '../../../shared/check-messages.js';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { type CheckStatus, checkModel, type Finding } from './checks.js';
import { kennethColeModel } from './fixtures.js';
import { parseFinancialModel } from './model.js';

const sakura = (): FinancialModelInput =>
  JSON.parse(readFileSync(new URL('../../../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8'));
const run = (m: FinancialModelInput) => checkModel(parseFinancialModel(m));
const flagged = (findings: Finding[], status: Exclude<CheckStatus, 'pass'>) =>
  findings.filter((f) => f.status === status).map((f) => `${f.code} @ ${f.path.join('.')}`);

describe('model checks on the demo', () => {
  it('the demo model fails nothing; its missing sources are warnings', () => {
    const report = run(sakura());
    expect(report.counts.fail).toBe(0);
    expect(flagged(report.findings, 'warn')).toEqual([
      'sources.missing @ sources.sizePremium',
      'sources.missing @ sources.nwcPercentOfRevenue',
    ]);
    expect(report.findings.filter((f) => f.status === 'pass').length).toBeGreaterThan(8);
  });

  it('say what they found as a message key and values, in no language (the reader’s language words them)', () => {
    for (const model of [sakura(), kennethColeModel()]) {
      for (const f of run(model).findings) {
        expect(checkMessageKeys).toContain(f.message.key);
        for (const value of Object.values(f.message.params)) expect(String(value)).not.toMatch(/[ぁ-んァ-ン一-龥]/);
      }
    }
    const missing = run(sakura()).findings.find((f) => f.code === 'sources.missing');
    expect(missing?.message).toEqual({ key: 'sourceMissing', params: { input: 'sizePremium' } });
    expect(checkMessageText(missing?.message ?? { key: 'sourceMissing', params: {} }, 'ja')).toBe(
      '前提「サイズプレミアム」に出典がありません。',
    );
    expect(checkMessageText(missing?.message ?? { key: 'sourceMissing', params: {} }, 'en')).toBe(
      'The assumption “Size premium” has no source.',
    );
  });
});

describe('check messages in both languages', () => {
  it('every finding of a model with many faults reads whole in Japanese and in English', () => {
    const m = sakura();
    (m.forecast.ebitdaMargin as number[])[2] = 0.3;
    (m.forecast.nwcPercentOfRevenue as number[])[1] = 0.3;
    (m.forecast.taxRate as number[])[0] = -0.1;
    (m.forecast.revenueGrowth as number[])[0] = 5;
    m.valuation.terminalValue.exitMultiple = 20;
    const y = m.historicals[2];
    if (y?.balanceSheet) y.balanceSheet.equity += 500;
    if (y) y.incomeStatement.costOfSales = -1;
    const report = run(m);
    expect(new Set(report.findings.map((f) => f.message.key)).size).toBeGreaterThan(12);
    for (const f of report.findings) {
      for (const lang of ['ja', 'en'] as const) {
        const text = checkMessageText(f.message, lang);
        expect(text, `${f.code} ${lang}`).not.toMatch(/\{\{|\}\}|undefined|\b[a-z]+[A-Z]\w*/);
        if (lang === 'en') expect(text, f.code).not.toMatch(/[ぁ-んァ-ン一-龥]/);
      }
    }
  });
});

describe('checks fire on crafted faulty models', () => {
  it('terminal growth ≥ WACC in a scenario fails at the scenario’s override', () => {
    const m = sakura();
    const bear = m.scenarios?.[1];
    if (bear?.overrides.terminalValue) bear.overrides.terminalValue.growthRate = 0.09;
    const report = run(m);
    expect(report.status).toBe('fail');
    expect(flagged(report.findings, 'fail')).toEqual(['terminal.growth_below_wacc @ scenarios.1.overrides.terminalValue.growthRate']);
  });

  it('terminal value above 85% of EV warns', () => {
    const m = sakura();
    m.valuation.terminalValue.exitMultiple = 20;
    expect(flagged(run(m).findings, 'warn')).toContain('terminal.value_share @ valuation.terminalValue.exitMultiple');
  });

  it('margins far outside history and NWC swings warn at the year', () => {
    const m = sakura();
    (m.forecast.ebitdaMargin as number[])[2] = 0.3;
    (m.forecast.nwcPercentOfRevenue as number[])[1] = 0.3;
    const warns = flagged(run(m).findings, 'warn');
    expect(warns).toContain('forecast.margin_vs_history @ forecast.ebitdaMargin.2');
    expect(warns).toEqual(
      expect.arrayContaining([
        'forecast.nwc_swing @ forecast.nwcPercentOfRevenue.1',
        'forecast.nwc_swing @ forecast.nwcPercentOfRevenue.2',
      ]),
    );
  });

  it('sign mistakes: negative expenses, negative capex drivers', () => {
    const m = sakura();
    const first = m.historicals[0];
    if (first) {
      first.incomeStatement.depreciationAmortization = -3050;
      first.incomeStatement.operatingIncome += 2 * 3050;
      if (first.cashFlow) first.cashFlow.capitalExpenditure = -3400;
    }
    (m.forecast.capexPercentOfRevenue as number[])[0] = -0.046;
    const warns = flagged(run(m).findings, 'warn');
    expect(warns).toEqual(
      expect.arrayContaining([
        'sign.expense @ historicals.0.incomeStatement.depreciationAmortization',
        'sign.expense @ historicals.0.cashFlow.capitalExpenditure',
        'sign.forecast_driver @ forecast.capexPercentOfRevenue.0',
      ]),
    );
  });

  it('unit mistakes: a percentage typed as a whole number, a year in thousands, shares counted in ones', () => {
    const m = sakura();
    (m.forecast.revenueGrowth as number[])[0] = 5;
    if (m.wacc.method === 'capm') m.wacc.riskFreeRate = 1.1;
    const y2023 = m.historicals[2];
    if (y2023) y2023.incomeStatement.revenue *= 1000;
    m.shares.unit = 'ones';
    const warns = flagged(run(m).findings, 'warn');
    expect(warns).toEqual(
      expect.arrayContaining([
        'units.rate_as_percent @ forecast.revenueGrowth.0',
        'units.rate_as_percent @ wacc.riskFreeRate',
        'units.magnitude_jump @ historicals.2.incomeStatement.revenue',
        'units.magnitude_jump @ historicals.3.incomeStatement.revenue',
        'units.value_per_share @ shares.unit',
      ]),
    );
  });

  it('a balance sheet that does not balance fails, and so do total assets that do not add up', () => {
    const m = sakura();
    const y = m.historicals[2]?.balanceSheet;
    if (y) {
      y.equity += 500;
      y.totalAssets = (y.totalAssets ?? 0) + 100;
    }
    const report = run(m);
    expect(flagged(report.findings, 'fail')).toEqual([
      'balance.balance_sheet @ historicals.2.balanceSheet',
      'balance.total_assets @ historicals.2.balanceSheet.totalAssets',
    ]);
    expect(report.findings.find((f) => f.code === 'balance.balance_sheet')?.message.params.year).toBe(2023);
  });

  it('rounding within 0.01% of total assets is not an imbalance', () => {
    const m = sakura();
    const y = m.historicals[2]?.balanceSheet;
    if (y) y.equity += 5;
    expect(run(m).counts.fail).toBe(0);
  });

  it('assumptions without a source warn, each at its key', () => {
    const m = sakura();
    m.sources = {};
    const warns = flagged(run(m).findings, 'warn').filter((w) => w.startsWith('sources.'));
    expect(warns).toHaveLength(14);
    expect(warns).toContain('sources.missing @ sources.beta');
  });

  it('too few meaningful peers and an implausible beta warn', () => {
    const m = sakura();
    if (m.comparables) m.comparables.companies = m.comparables.companies.slice(4, 6);
    if (m.wacc.method === 'capm') m.wacc.beta = { kind: 'unlevered', value: 4 };
    const warns = flagged(run(m).findings, 'warn');
    expect(warns).toContain('comparables.meaningful_peers @ comparables.companies');
    expect(warns).toContain('wacc.beta_range @ wacc.beta');
  });

  it('never throws, even on a model that cannot be valued at all', () => {
    const m = kennethColeModel();
    m.wacc = { method: 'direct', rate: -0.02 };
    const report = run(m);
    expect(report.status).toBe('fail');
    expect(flagged(report.findings, 'fail')).toEqual(['wacc.positive @ wacc']);
  });
});
