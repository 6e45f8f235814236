import { DEMO_FTO_CLIENT, demoFtoCorpus } from '../../../infra/demo/patents.js';
import { type DeliverableContent, deliverableContentSchema } from '../../../shared/contracts/deliverables.js';
import type { ClaimChart } from '../../../shared/contracts/patent-report.js';
import { buildClaimChart } from '../../workbenches/patent-search/chart.js';
import type { PatentEvidence } from './patent-research.js';
import type { CheckContext } from './registry.js';

/**
 * The demo FTO case as a patent search report (for the checks', the exports' and the API's tests):
 * one search step, three ranked results, JP7158342B2 claim 1 charted against the client's
 * invention and the analyst's judgement on every cell. Valid: every check passes on it.
 */
export type PatentResearchContent = Extract<DeliverableContent, { type: 'patent_research' }>;

const corpus = demoFtoCorpus();

/** What the corpus holds about each of its documents, as the service's look-up returns it. */
export const demoPatentEvidence: ReadonlyMap<string, PatentEvidence> = new Map(
  corpus.map((r) => [
    r.number,
    {
      number: r.number,
      publicationDate: r.publicationDate,
      priorityDate: r.priorityDate ?? null,
      legalStatus: r.legalStatus ?? null,
      expectedExpiry: r.expectedExpiry ?? null,
    },
  ]),
);

function demoChart(): ClaimChart {
  const target = corpus.find((r) => r.number === 'JP7158342B2');
  const built = target && buildClaimChart({ patent: target, claim: 1 }, [target], { key: 'jp7158342-claim-1' });
  if (!built?.ok) throw new Error('the demo chart does not build');
  // The analyst decides each cell: here, as the tool suggested, with a note on the first.
  return {
    ...built.chart,
    cells: built.chart.cells.map((c, i) => ({
      ...c,
      judgement: c.suggestion.judgement === 'not' ? 'partly' : c.suggestion.judgement,
      passage: c.suggestion.passages[0] ? { kind: c.suggestion.passages[0].kind, ref: c.suggestion.passages[0].ref } : null,
      note: i === 0 ? '手首装着型の筐体は TM-W1 の特徴Aに相当。' : '',
    })),
  };
}

export function demoFtoReport(): PatentResearchContent {
  const content = deliverableContentSchema.parse({
    type: 'patent_research',
    kind: 'fto',
    language: 'ja',
    purpose: `${DEMO_FTO_CLIENT.client.ja}の${DEMO_FTO_CLIENT.product.ja}について、日本・米国・欧州で実施の障害となる存続中の権利を調べる。`,
    subject: {
      invention: DEMO_FTO_CLIENT.features.map((f) => `${f.label}: ${f.ja}`).join('\n'),
      patent: null,
      priorityDate: DEMO_FTO_CLIENT.priorityDate,
    },
    scope: { countries: [...DEMO_FTO_CLIENT.countries], corpora: ['fto'], databases: ['kpo demo corpus'], searchDate: '2026-12-01' },
    reportDate: '2026-12-01',
    steps: [
      { formula: '脈波伝播時間 AND 手首', corpus: 'fto', classification: ['A61B 5/021'], hits: 14 },
      { formula: '"pulse transit time" AND wrist', corpus: 'fto', classification: ['A61B 5/021'], hits: 9 },
    ],
    screening: ['存続中または審査中の権利のみ', 'カテーテル等の侵襲式は除外'],
    results: [
      {
        number: 'JP7158342B2',
        title: '血圧測定装置及び血圧測定方法',
        category: 'X',
        reason: '請求項1が特徴A〜Dを充足し得る。',
        claims: [1, 4, 5],
        country: 'JP',
        publicationDate: '2022-10-19',
        priorityDate: '2018-09-05',
        legalStatus: 'alive',
        expectedExpiry: '2039-08-20',
      },
      {
        number: 'EP3456789B1',
        title: 'Wrist-worn blood pressure device with integrated cuff',
        category: 'Y',
        reason: 'ストラップ内蔵カフを要件とし、TM-W1 はカフを持たない。',
        claims: [1],
        country: 'EP',
        publicationDate: '2021-06-16',
        priorityDate: '2016-05-12',
        legalStatus: 'alive',
        expectedExpiry: '2037-05-10',
      },
      {
        number: 'US20240325121A1',
        title: 'Optical pulse transit time sensing',
        category: 'A',
        reason: '審査中。二つの光学センサの請求項が成立し得るため監視する。',
        country: 'US',
        publicationDate: '2024-10-03',
        priorityDate: '2023-04-06',
        legalStatus: 'pending',
        expectedExpiry: '2044-04-05',
      },
    ],
    charts: [demoChart()],
    findings: 'JP7158342B2 の請求項1は TM-W1 の特徴A〜Dを充足し得る。設計変更または無効論の検討を要する。',
    limits: 'デモコーパス（60件）のみを対象とした。審査経過と外国ファミリーは調べていない。',
    sections: [],
  });
  if (content.type !== 'patent_research') throw new Error('not a patent report');
  return content;
}

type Step = PatentResearchContent['steps'][number];
type Result = PatentResearchContent['results'][number];

/** Reports that, together, make the patent-research checks say every one of their messages. */
export const patentResearchScenarios = (): [DeliverableContent, CheckContext][] => {
  const ctx: CheckContext = { requiredSections: [], glossary: [], documents: [], model: null, patents: demoPatentEvidence };
  const base = demoFtoReport();
  const chart = base.charts[0] as ClaimChart;
  const [first, second] = base.steps as [Step, Step];
  const [alive] = base.results as [Result];
  return [
    [base, ctx],
    [
      { ...base, steps: [] },
      { ...ctx, patents: null },
    ],
    [
      {
        ...base,
        steps: [
          { ...first, formula: '', hits: null },
          { ...second, classification: ['A6'] },
        ],
        results: [...base.results, { ...alive, number: 'US6821254B1' }, { ...alive, number: 'US9999999B2', expectedExpiry: null }],
        charts: [
          { ...chart, cells: chart.cells.map((c, i) => (i === 0 ? { ...c, judgement: null } : c)).slice(0, -1) },
          { ...chart, key: 'empty', documents: [], cells: [] },
        ],
      },
      ctx,
    ],
    [{ ...base, reportDate: '2038-01-01', charts: [] }, ctx],
    [{ ...base, kind: 'invalidity', subject: { invention: null, patent: null, priorityDate: null } }, ctx],
    [
      {
        ...base,
        kind: 'invalidity',
        subject: { invention: null, patent: 'JP7158342B2', priorityDate: null },
        results: [{ ...alive, number: 'JP2017086742A', publicationDate: '2017-05-25' }, alive],
      },
      ctx,
    ],
    [
      {
        ...base,
        kind: 'invalidity',
        subject: { invention: null, patent: 'JP7158342B2', priorityDate: null },
        results: [{ ...alive, number: 'JP2017086742A', publicationDate: '2017-05-25' }],
      },
      ctx,
    ],
  ];
};
