import { type DeliverableContent, deliverableContentSchema } from '../../../shared/contracts/deliverables.js';
import type { MarketSizing, SizingFactor } from '../../../shared/contracts/market-sizing.js';
import { crosstab, meansByColumn } from '../../workbenches/market-research/crosstab.js';
import { evaluateSizing } from '../../workbenches/market-research/sizing.js';
import type { NumericVariable, SingleVariable } from '../../workbenches/market-research/variables.js';
import type { SizingEvidence, SurveyEvidence, SurveyTableEvidence } from './market-research.js';
import type { CheckContext } from './registry.js';

/**
 * Test fixtures of the market-research checks: a survey table recomputed by the engine, a sizing,
 * a report naming them, and one scenario per message the checks can say.
 */

const SURVEY_ID = '44444444-4444-4444-8444-444444444444';
const sizingId = (i: number) => `55555555-5555-4555-8555-55555555555${i}`;

export function single(key: string, labels: readonly string[], codes: readonly number[]): SingleVariable {
  return { kind: 'single', key, label: key, categories: labels.map((l) => ({ value: l, label: l })), codes: Int32Array.from(codes) };
}

/**
 * Purchase intent by age group: 60%, 55%, 20% say "buy" of 100 each, and 5 of 10 teenagers. The
 * column-proportion tests (Bonferroni) put 20s and 30s above 40s; 20s and 30s do not differ.
 */
function intentByAge() {
  const cols = ['20s', '30s', '40s', 'teens'];
  const buy = [60, 55, 20, 5];
  const bases = [100, 100, 100, 10];
  const stub: number[] = [];
  const banner: number[] = [];
  cols.forEach((_, j) => {
    for (let r = 0; r < (bases[j] ?? 0); r++) {
      stub.push(r < (buy[j] ?? 0) ? 0 : 1);
      banner.push(j);
    }
  });
  return { stub: single('intent', ['buy', 'not'], stub), banner: single('age', cols, banner) };
}

const { stub, banner } = intentByAge();
export const intentTable: SurveyTableEvidence = { kind: 'crosstab', table: crosstab(stub, banner) };
const spend: NumericVariable = {
  kind: 'numeric',
  key: 'spend',
  label: 'spend',
  values: Float64Array.from(banner.codes, (c, i) => (c === 0 ? 5000 + (i % 7) * 10 : 3000 + (i % 5) * 10)),
};
export const spendTable: SurveyTableEvidence = { kind: 'means', table: meansByColumn(spend, banner) };

/** Two age groups of 40 each: every base reaches the minimum. */
export const evenTable: SurveyTableEvidence = {
  kind: 'crosstab',
  table: crosstab(
    single(
      'intent',
      ['buy', 'not'],
      Array.from({ length: 80 }, (_, i) => (i % 3 === 0 ? 0 : 1)),
    ),
    single(
      'age',
      ['20s', '30s'],
      Array.from({ length: 80 }, (_, i) => (i < 40 ? 0 : 1)),
    ),
  ),
};

export const evidence = (over: Partial<SurveyEvidence> = {}): SurveyEvidence => ({
  version: 2,
  respondents: 310,
  weighting: null,
  tables: { intent: intentTable, spend: spendTable },
  ...over,
});

const factor = (key: string, unit: SizingFactor['unit'], values: [number, number, number], sourced = true): SizingFactor => ({
  key,
  label: `label of ${key}`,
  unit,
  low: values[0],
  base: values[1],
  high: values[2],
  source: sourced ? { title: '経済センサス' } : null,
  notes: '',
});

export const sizing = (sourced = true): MarketSizing => ({
  market: 'jp-meal-kits',
  title: 'Meal kits',
  approach: 'top_down',
  currency: 'JPY',
  levels: {
    tam: { factors: [factor('households', 'count', [1_000_000, 1_200_000, 1_400_000]), factor('spend', 'money', [8_000, 10_000, 12_000])] },
    sam: { factors: [factor('urban', 'share', [0.4, 0.5, 0.6], sourced)] },
    som: { factors: [factor('obtainable', 'share', [0.02, 0.05, 0.08])] },
  },
  notes: '',
});

export const sizingEvidence = (s: MarketSizing): SizingEvidence => ({
  title: s.title,
  version: 1,
  sizing: s,
  levels: evaluateSizing(s).levels,
});

export interface ReportInput {
  sections?: { key: string; body: string }[];
  tables?: { key: string; stub: string; section?: string | null; showsBase?: boolean }[];
  claims?: { table: string; row: string; column: string; than: string; claim: 'higher' | 'no_difference' }[];
  survey?: boolean;
  sizings?: number;
}

export function mrReport(input: ReportInput = {}): DeliverableContent {
  return deliverableContentSchema.parse({
    type: 'market_research',
    survey: input.survey === false ? null : { id: SURVEY_ID, version: 2 },
    tables: (input.tables ?? [{ key: 'intent', stub: 'intent' }]).map((t) => ({
      key: t.key,
      title: `Table ${t.key}`,
      stub: t.stub,
      banner: 'age',
      section: t.section === undefined ? 'findings' : t.section,
      showsBase: t.showsBase ?? true,
    })),
    claims: (input.claims ?? []).map((c) => ({ section: 'findings', ...c })),
    sizings: Array.from({ length: input.sizings ?? 0 }, (_, i) => ({ id: sizingId(i), version: 1 })),
    sections: (input.sections ?? [{ key: 'findings', body: '' }]).map((s) => ({
      key: s.key,
      title: `Title of ${s.key}`,
      role: 'claims',
      body: s.body,
      citations: [],
    })),
    references: [],
  });
}

export const mrContext = (over: Partial<CheckContext> = {}): CheckContext => ({
  requiredSections: [],
  glossary: [],
  documents: [],
  model: null,
  survey: evidence(),
  sizings: [],
  ...over,
});

/** Reports that, together, make the market-research checks say every one of their messages. */
export const marketResearchScenarios = (): [DeliverableContent, CheckContext][] => [
  [mrReport(), mrContext({ survey: null })],
  [mrReport(), mrContext({ survey: evidence({ tables: { intent: { kind: 'unavailable', question: 'age' } } }) })],
  [
    mrReport({
      tables: [{ key: 'intent', stub: 'intent', showsBase: false }],
      sections: [
        { key: 'findings', body: '' },
        { key: 'summary', body: '購入意向は72%。' },
      ],
      claims: [
        { table: 'intent', row: 'buy', column: '20s', than: '30s', claim: 'higher' },
        { table: 'intent', row: 'buy', column: '40s', than: '30s', claim: 'higher' },
        { table: 'intent', row: 'buy', column: '20s', than: '40s', claim: 'no_difference' },
        { table: 'intent', row: 'buy', column: '50s', than: '40s', claim: 'higher' },
      ],
      sizings: 2,
    }),
    mrContext({ survey: evidence({ weighting: { effective: 186, efficiency: 0.6 } }), sizings: [sizingEvidence(sizing(false)), null] }),
  ],
  [
    mrReport({
      tables: [{ key: 'spend', stub: 'spend' }],
      sections: [{ key: 'findings', body: '20代は40代より高い（n=310）。' }],
      claims: [{ table: 'spend', row: 'mean', column: '20s', than: '40s', claim: 'higher' }],
      sizings: 1,
    }),
    mrContext({
      survey: evidence({ weighting: { effective: 279, efficiency: 0.9 }, tables: { spend: spendTable } }),
      sizings: [sizingEvidence(sizing())],
    }),
  ],
  [mrReport({ tables: [{ key: 'even', stub: 'intent' }] }), mrContext({ survey: evidence({ tables: { even: evenTable } }) })],
];
