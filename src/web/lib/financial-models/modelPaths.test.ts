import { describe, expect, it } from 'vitest';
import { financialModelSchema, forecastDriverKeys } from '../../../shared/contracts/financial-model';
import { type ModelPath, modelPathLabel, unknownFieldLabel } from '../../../shared/model-paths';
import { sakura } from './testModel.fixture';

/** The demo model with every optional part filled in, so its paths cover every shape the schema has. */
function everything(): Record<string, unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: a test document filled in field by field
  const doc: any = structuredClone(sakura());
  doc.meta.company.ticker = '0000';
  doc.forecast.openingNetWorkingCapital = 100;
  doc.wacc.beta = { kind: 'levered', value: 1.1, observedDebtToEquity: 0.3 };
  doc.market = { sharePrice: 100, low52Week: 90, high52Week: 120 };
  doc.comparables.target = { revenue: 1, ebitda: 1, netIncome: 1 };
  doc.comparables.companies[0].ticker = '1111';
  doc.historicals[0].cashFlow = { operatingCashFlow: 1, capitalExpenditure: 1 };
  const years = doc.forecast.years.length;
  doc.scenarios[0].overrides = {
    forecast: Object.fromEntries(forecastDriverKeys.map((k) => [k, Array.from({ length: years }, () => 0.05)])),
    wacc: { riskFreeRate: 0.01, equityRiskPremium: 0.06, beta: 1, sizePremium: 0, preTaxCostOfDebt: 0.02, targetDebtToCapital: 0.2 },
    terminalValue: { growthRate: 0.01, exitMultiple: 8 },
  };
  return financialModelSchema.parse(doc) as unknown as Record<string, unknown>;
}

/** Every path in a document: leaves and the objects and lists on the way (issues point at both). */
function paths(value: unknown, prefix: (string | number)[] = []): ModelPath[] {
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

describe('labels of model paths', () => {
  const doc = everything();
  const all = [
    ...paths(doc),
    // A WACC given directly, and the parts of a model the paths above do not reach.
    ['wacc', 'rate'],
    ['scenarios', 0, 'overrides', 'wacc', 'rate'],
    ['wacc'],
    ['scenarios'],
  ];

  it.each(['ja', 'en'] as const)('names every path the model schema can produce in %s, never showing the path', (lang) => {
    expect(all.length).toBeGreaterThan(150);
    for (const path of all) {
      const label = modelPathLabel(path, lang, doc as never);
      const dotted = path.join('.');
      expect(label, dotted).not.toContain(unknownFieldLabel(lang));
      expect(label, dotted).not.toContain(dotted);
      // No internal field name (camelCase) leaks into the words.
      expect(label, dotted).not.toMatch(/\b[a-z]+[A-Z]\w*/);
    }
  });

  it.each(['ja', 'en'] as const)('names every path of the deeper model parts (decision 0010) in %s', (lang) => {
    // biome-ignore lint/suspicious/noExplicitAny: a test document filled in field by field
    const deep: any = structuredClone(sakura());
    const n = deep.forecast.years.length;
    deep.wacc = { method: 'direct', rate: 0.07, byYear: { rate: { values: Array.from({ length: n }, () => 0.07) } } };
    deep.valuation.terminalValue.costOfCapital = 0.07;
    deep.valuation.terminalValue.valueDriver = { revenueGrowth: 0.01, operatingMargin: 0.1, taxRate: 0.3, ronic: 0.1 };
    deep.forecast.ebitdaMargin = [];
    deep.forecast.revenueGrowth = [];
    deep.forecast.taxRate = [];
    deep.forecast.capexPercentOfRevenue = [];
    deep.forecast.nwcPercentOfRevenue = [];
    deep.forecast.levers = {
      revenueGrowth: { firstYear: 0.05, years2To5: 0.04 },
      operatingMargin: { firstYear: 0.1, target: 0.12, targetYear: deep.forecast.years[n - 1] },
      taxRate: { effective: 0.25, marginal: 0.3, effectiveUntilYear: deep.forecast.years[0], marginalFromYear: deep.forecast.years[n - 1] },
    };
    deep.forecast.salesToCapital = { ratio: Array.from({ length: n }, () => 2), lag: 1 };
    deep.forecast.openingInvestedCapital = 1000;
    deep.forecast.lossCarryForward = { openingBalance: 10 };
    deep.shares.options = {
      label: 'ESOP',
      count: 1,
      averageStrike: 1000,
      maturity: 3,
      volatility: 0.3,
      dividendYield: 0,
      riskFreeRate: 0.01,
    };
    deep.scenarios = [
      {
        name: 'bull',
        overrides: {
          forecast: { levers: { revenueGrowth: { firstYear: 0.06 }, operatingMargin: { target: 0.13 }, taxRate: { marginal: 0.28 } } },
          terminalValue: { costOfCapital: 0.075, valueDriver: { ronic: 0.12, operatingMargin: 0.11, taxRate: 0.3, revenueGrowth: 0.01 } },
        },
      },
    ];
    const parsed = financialModelSchema.parse(deep);
    const wrongLength = [
      ['wacc', 'byYear', 'rate', 'fromYear'],
      ['wacc', 'byYear', 'rate', 'terminal'],
      ['forecast', 'operatingMargin', 0],
    ];
    for (const path of [...paths(parsed), ...wrongLength]) {
      const label = modelPathLabel(path, lang, parsed as never);
      const dotted = path.join('.');
      expect(label, dotted).not.toContain(unknownFieldLabel(lang));
      expect(label, dotted).not.toMatch(/\b[a-z]+[A-Z]\w*/);
    }
    expect(modelPathLabel(['forecast', 'levers', 'revenueGrowth', 'firstYear'], 'en')).toBe('Levers: Revenue growth (year 1)');
    expect(modelPathLabel(['valuation', 'terminalValue', 'costOfCapital'], 'ja')).toBe('継続期間の資本コスト');
    // The comparables' target keeps its own word.
    expect(modelPathLabel(['comparables', 'target'], 'ja')).toBe('類似会社：対象会社');
  });

  it('names a forecast year by the model’s years, or counts it without them', () => {
    expect(modelPathLabel(['forecast', 'revenueGrowth', 1], 'ja')).toBe('売上高成長率（2年目）');
    expect(modelPathLabel(['forecast', 'revenueGrowth', 1], 'en')).toBe('Revenue growth (year 2)');
    expect(modelPathLabel(['forecast', 'revenueGrowth', 1], 'ja', { forecast: { years: [2025, 2026] } })).toBe('売上高成長率（2026年度）');
    expect(modelPathLabel(['historicals', 0, 'incomeStatement', 'revenue'], 'en', { historicals: [{ year: 2023 }] })).toBe(
      'Revenue (FY2023)',
    );
    expect(modelPathLabel(['sources', 'sizePremium'], 'ja')).toBe('サイズプレミアムの出典');
    expect(modelPathLabel(['valuation', 'terminalValue', 'growthRate'], 'en')).toBe('Terminal growth');
    expect(
      modelPathLabel(['scenarios', 0, 'overrides', 'terminalValue', 'growthRate'], 'en', {
        scenarios: [{ name: 'bear', label: 'Bear case' }],
      }),
    ).toBe('Bear case: Terminal growth');
  });

  it('says "this field" for a path it does not know, never the path', () => {
    expect(modelPathLabel(['somethingNew', 3, 'deeper'], 'ja')).toBe('この項目');
    expect(modelPathLabel(['forecast', 'brandNewDriver', 0], 'en')).toBe('this field');
    expect(modelPathLabel([], 'en')).toBe('this field');
  });
});
