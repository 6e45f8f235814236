import { buildClaimChart } from '../../core/workbenches/patent-search/chart.js';
import {
  combineHits,
  type HitSets,
  hitCount,
  isStepCombination,
  parseStepCombination,
} from '../../core/workbenches/patent-search/combine.js';
import { memoryPatentIndex } from '../../core/workbenches/patent-search/memory-index.js';
import { matchingDocuments } from '../../core/workbenches/patent-search/search.js';
import { type DeliverableContent, deliverableContentSchema } from '../../shared/contracts/deliverables.js';
import type { ClaimChart } from '../../shared/contracts/patent-report.js';
import type { PatentRecord } from '../../shared/contracts/patents.js';
import { DEMO_FTO_CLIENT, DEMO_PATENT_STATUS_DATE, demoFtoCorpus } from './patents.js';

/**
 * The demo FTO engagement's report (issue #12, point 8): the analyst's interim FTO opinion on
 * 東和メディカル's TM-W1, a patent_research version with the saved search's steps and the hit counts
 * kpo counts for them on the demo corpus, the living rights found (JP7158342B2 first, the right the
 * client planted as its known answer — the report finding it is the demo's story), and the claim
 * chart of JP7158342B2 claim 1 against the two earlier publications that could be raised against it
 * (US6821254B1, JP2017086742A), every cell decided by the analyst. Deterministic: built from the
 * demo corpus with kpo's own engine and chart, no clock and no randomness.
 */

/** The saved search of the demo FTO engagement, as its analyst ran it (S3 and S5 combine earlier steps). */
export const DEMO_FTO_SEARCH_STEPS: readonly { query: string; publishedBefore?: string; classification?: string[] }[] = [
  { query: '脈波伝播時間 AND (手首 OR 腕)', publishedBefore: '2024-03-15' },
  { query: '"pulse transit time" AND (wrist OR cuffless)', publishedBefore: '2024-03-15' },
  { query: 'S1 OR S2' },
  { query: '血圧 OR "blood pressure"', classification: ['A61B 5/021'] },
  { query: 'S3 AND S4' },
];

export const DEMO_FTO_REPORT_CORPUS = 'FTO 母集合';
const KEY = 'JP7158342B2';
const ART = ['US6821254B1', 'JP2017086742A'] as const;

/** Each step's hit count, as the server's saved search counts it (the same engine, on the same corpus). */
async function stepHits(records: readonly PatentRecord[]): Promise<number[]> {
  const index = memoryPatentIndex(records);
  const sets = new Map<string, HitSets>();
  const counts: number[] = [];
  for (const [i, step] of DEMO_FTO_SEARCH_STEPS.entries()) {
    const label = `S${i + 1}`;
    let hits: HitSets;
    if (isStepCombination(step.query)) {
      const combination = parseStepCombination(step.query, [...sets.keys()], label);
      if (!combination.ok) throw new Error(`the demo search step ${label} does not parse`);
      hits = combineHits(combination.expression, (l) => sets.get(l) ?? new Map());
    } else {
      const docs = await matchingDocuments(index, 'demo', step.query, {
        publishedBefore: step.publishedBefore,
        classification: step.classification,
      });
      if (!docs) throw new Error(`the demo search step ${label} does not parse`);
      hits = new Map([['demo', docs]]);
    }
    sets.set(label, hits);
    counts.push(hitCount(hits));
  }
  return counts;
}

/** Claim 1 of the key patent against the earlier art; the analyst decides each cell. */
function chart(records: readonly PatentRecord[]): ClaimChart {
  const target = records.find((r) => r.number === KEY);
  const art = ART.map((n) => records.find((r) => r.number === n));
  if (!target || art.some((r) => !r)) throw new Error('the demo chart needs its patents');
  const built = buildClaimChart({ patent: target, claim: 1 }, art as PatentRecord[], { key: 'jp7158342-claim-1' });
  if (!built.ok) throw new Error('the demo chart does not build');
  // The analyst's decisions, passage by passage (the tool's overlap is lexical: the English
  // document shares no words with a Japanese claim, so its suggestions are all "not").
  const P = (kind: 'paragraph' | 'claim' | 'abstract', ref: string) => ({ kind, ref });
  const decided: Record<string, { judgement: 'disclosed' | 'partly' | 'not'; passage: ReturnType<typeof P>; note: string }> = {
    [`A ${ART[0]}`]: {
      judgement: 'not',
      passage: P('paragraph', '0004'),
      note: '胸部電極と指先のセンサで、手首に装着する筐体はない。TM-W1 の特徴Aに相当する要素なし。',
    },
    [`B ${ART[0]}`]: { judgement: 'not', passage: P('paragraph', '0004'), note: '脈波センサは指先の一つだけ（もう一方は心電のR波）。' },
    [`C ${ART[0]}`]: {
      judgement: 'partly',
      passage: P('claim', '1'),
      note: 'R波から脈波までの脈波到達時間（PAT）で、二つの脈波の間の伝播時間ではない。',
    },
    [`D ${ART[0]}`]: { judgement: 'disclosed', passage: P('claim', '1'), note: '到達時間から血圧を推定する推定部。' },
    [`E ${ART[0]}`]: { judgement: 'disclosed', passage: P('abstract', 'abstract'), note: '' },
    [`A ${ART[1]}`]: { judgement: 'disclosed', passage: P('paragraph', '0003'), note: '手首に装着される（TM-W1 の特徴A）。' },
    [`B ${ART[1]}`]: {
      judgement: 'partly',
      passage: P('claim', '1'),
      note: '二つの脈波センサを異なる位置に置くが、橈骨動脈の延在方向に沿う配置の記載はない（TM-W1 の特徴B）。',
    },
    [`C ${ART[1]}`]: { judgement: 'disclosed', passage: P('claim', '1'), note: '二つの脈波センサの出力から伝播時間（TM-W1 の特徴C）。' },
    [`D ${ART[1]}`]: { judgement: 'disclosed', passage: P('claim', '1'), note: '伝播時間に基づく血圧の推定部（TM-W1 の特徴D）。' },
    [`E ${ART[1]}`]: { judgement: 'disclosed', passage: P('paragraph', '0001'), note: '' },
  };
  return {
    ...built.chart,
    cells: built.chart.cells.map((c) => {
      const d = decided[`${c.element} ${c.document}`];
      const best = c.suggestion.passages[0];
      return d
        ? { ...c, ...d }
        : { ...c, judgement: c.suggestion.judgement, passage: best ? { kind: best.kind, ref: best.ref } : null, note: '' };
    }),
  };
}

function resultOf(records: readonly PatentRecord[], number: string, category: 'X' | 'Y' | 'A', reason: string, claims: number[]) {
  const r = records.find((x) => x.number === number);
  if (!r) throw new Error(`the demo report cites ${number}, which its corpus lacks`);
  return {
    number,
    title: r.title,
    category,
    reason,
    claims,
    country: r.country,
    publicationDate: r.publicationDate,
    priorityDate: r.priorityDate ?? null,
    legalStatus: r.legalStatus ?? null,
    // A pending application: a right granted on it would end 20 years from its filing date.
    expectedExpiry: r.expectedExpiry ?? (r.filingDate ? `${Number(r.filingDate.slice(0, 4)) + 20}${r.filingDate.slice(4)}` : null),
  };
}

export async function demoFtoOpinion(): Promise<DeliverableContent> {
  const records = demoFtoCorpus();
  const hits = await stepHits(records);
  const features = DEMO_FTO_CLIENT.features.map((f) => `${f.label}: ${f.ja}`).join('\n');
  const findings =
    'JP7158342B2（日本、2039-08-20 まで存続見込み）の請求項1は TM-W1 の特徴A〜Dを充足し得る、最大の侵害リスクである。' +
    '同請求項の優先日（2018-09-05）前に公開された JP2017086742A は構成要件A・C・D・Eを開示し、Bは一部（二つのセンサの離間配置のみで橈骨動脈に沿う配置の記載なし）、US6821254B1 はD・Eを開示する：進歩性欠如による無効論の検討余地がある。' +
    'EP3456789B1 はバンド内蔵の膨張式カフを要件とし TM-W1 にはない。US10575612B2 は動脈内カテーテルを要件とし非該当。' +
    'US20240325121A1 と WO2023181234A1 は審査中・各国移行前のため監視する。満了した US6821254B1 と年金不納で消滅した JP6248817B2 は自由に実施できる。';
  const content = deliverableContentSchema.parse({
    type: 'patent_research',
    kind: 'fto',
    language: 'ja',
    purpose: `${DEMO_FTO_CLIENT.client.ja}の${DEMO_FTO_CLIENT.product.ja}について、日本・米国・欧州で実施の障害となる存続中の権利を調べる（中間報告）。`,
    subject: { invention: features, patent: null, priorityDate: DEMO_FTO_CLIENT.priorityDate },
    scope: {
      countries: [...DEMO_FTO_CLIENT.countries],
      corpora: [DEMO_FTO_REPORT_CORPUS],
      databases: ['kpo（FTO 母集合、デモコーパス 60 件）'],
      searchDate: DEMO_PATENT_STATUS_DATE,
    },
    reportDate: DEMO_PATENT_STATUS_DATE,
    steps: DEMO_FTO_SEARCH_STEPS.map((s, i) => ({
      formula: s.query,
      corpus: DEMO_FTO_REPORT_CORPUS,
      publishedBefore: s.publishedBefore ?? null,
      classification: s.classification ?? [],
      hits: hits[i],
    })),
    screening: [
      '存続中または審査中の権利のみ（満了・消滅した権利は「自由に実施できる」として所見に記載）',
      'カテーテル等の侵襲式の測定は除外',
      '請求項の構成要件ごとに TM-W1 の特徴A〜Fと対比',
    ],
    results: [
      resultOf(records, KEY, 'X', '請求項1が特徴A〜Dを、請求項4が特徴Eを、請求項5が特徴Fを充足し得る。', [1, 4, 5]),
      resultOf(
        records,
        'EP3456789B1',
        'A',
        '請求項1がバンド内蔵の膨張式カフを要件とし、TM-W1 はカフを持たない（回避設計の確認を要する）。',
        [1],
      ),
      resultOf(records, 'US10575612B2', 'A', '全請求項が動脈内のカテーテルを要件とし、TM-W1 は非該当（スクリーニング例）。', [1]),
      resultOf(records, 'US20240325121A1', 'A', '審査中。離間した2つの光学センサの請求項が成立し得るため監視する。', []),
      resultOf(records, 'WO2023181234A1', 'A', 'PCT 出願。各国移行（日米欧）で権利化され得るため監視する。', []),
    ],
    charts: [chart(records)],
    findings,
    limits:
      'デモコーパス（60 件）のみを対象とした中間報告。審査経過、外国ファミリー、中国・韓国の公報は調べていない。侵害・有効性の判断には弁理士の鑑定を要する。',
    sections: [
      {
        key: 'summary',
        title: '要約',
        role: 'summary',
        body: `存続中の権利のうち ${KEY} の請求項1が TM-W1 の特徴A〜Dを充足し得る。先行文献 ${ART.join('・')} との対比（クレームチャート）を添付する。`,
        citations: [],
      },
    ],
  });
  return content;
}
