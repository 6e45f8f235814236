import { readFileSync } from 'node:fs';
import type { RequestContext, UserActor } from '../../core/access/actor.js';
import type { goldService } from '../../core/deliverables/gold-service.js';
import type { deliverableService } from '../../core/deliverables/service.js';
import type { DocumentService } from '../../core/documents/service.js';
import { addDays } from '../../core/engagements/business-days.js';
import type { EngagementServices } from '../../core/engagements/index.js';
import type { Clock } from '../../core/ports.js';
import type { calibrationService } from '../../core/reviews/calibration-service.js';
import type { Store } from '../../core/store.js';
import type { CapacityService } from '../../core/time/capacity-service.js';
import type { TimeService } from '../../core/time/service.js';
import type { FinancialModelService } from '../../core/workbenches/financial-modeling/service.js';
import type { CodingService } from '../../core/workbenches/market-research/coding-service.js';
import type { SurveyService } from '../../core/workbenches/market-research/service.js';
import type { MarketSizingService } from '../../core/workbenches/market-research/sizing-service.js';
import { isStepCombination } from '../../core/workbenches/patent-search/combine.js';
import type { patentService } from '../../core/workbenches/patent-search/service.js';
import { createCodeframeRequestSchema } from '../../shared/contracts/coding-api.js';
import type {
  DeliverableContent,
  DeliverableType,
  PlantGoldRequest,
  QualitySettingsInput,
  ReviewDecision,
  RubricInput,
  SubmitReviewRequest,
} from '../../shared/contracts/deliverables.js';
import {
  type Classification,
  type CreateEngagementRequest,
  type EngagementPage,
  type EngagementView,
  type FeeTerms,
  isClosedBid,
  type PlannedMilestone,
  type StatusUpdateInput,
} from '../../shared/contracts/engagements.js';
import {
  createSurveyRequestSchema,
  createWeightingRequestSchema,
  crosstabQuerySchema,
  deckQuerySchema,
  saveSurveyVersionRequestSchema,
} from '../../shared/contracts/market-research-api.js';
import type { CrosstabReply } from '../../shared/contracts/market-research-results.js';
import { saveMatrixRequestSchema, saveSizingRequestSchema } from '../../shared/contracts/market-sizing-api.js';
import { exportDeckXlsx } from '../exports/mr-xlsx.js';
import { encodeShiftJis } from '../files/shift-jis.js';
import { DEMO_FTO_REPORT_CORPUS, DEMO_FTO_SEARCH_STEPS, demoFtoOpinion } from './patent-report.js';
import { demoFtoCorpus } from './patents.js';
import { demoOrganizations } from './seed.js';
import {
  DEMO_SURVEY_KEYS,
  demoCompetitors,
  demoSizing,
  demoSizingBottomUp,
  demoSurveyCodebook,
  demoSurveyCsv,
  demoWeightingTargets,
} from './survey.js';
import { DEMO_BUSY_ANALYST, type DemoTimeCase, demoAwardStaffing, seedDemoTime } from './time.js';

/**
 * The seed's three cases as engagements under way, with the history a real one has: competing
 * proposals, an award, an approved SOW, weekly updates (one of them late), questions both ways
 * (one still waiting for the client), review rounds and a change request. The history is replayed
 * through the domain services with a clock that walks from fifty days ago to today, so every
 * deadline, audit event and control figure is what the rules make of it.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
const JST = 9 * HOUR;

/** A clock the replay moves by hand; it never runs ahead of the real time. */
class ReplayClock implements Clock {
  private at: number;
  constructor(
    start: number,
    private readonly limit: number,
  ) {
    this.at = start;
  }
  now(): Date {
    return new Date(this.at);
  }
  set(ms: number): void {
    this.at = Math.min(ms, this.limit);
  }
}

interface Cast {
  ctx(email: string): Promise<RequestContext>;
  userId(email: string): Promise<string>;
  orgId(email: string): Promise<string>;
}

function cast(store: Store): Cast {
  const actorOf = async (email: string): Promise<UserActor> => {
    const ctx = await cast(store).ctx(email);
    if (ctx.actor.kind !== 'user') throw new Error('unreachable');
    return ctx.actor;
  };
  return {
    userId: async (email) => (await actorOf(email)).userId,
    orgId: async (email) => (await actorOf(email)).orgId,
    async ctx(email) {
      const user = await store.read.users.getByEmail(email);
      if (!user) throw new Error(`The demo has no ${email}.`);
      // A person acts in their home organisation (the one of their address), not a guest membership.
      const home = demoOrganizations.find((o) => email.endsWith(`@${o.domain}`));
      const memberships = await store.read.memberships.listForUser(user.id);
      const m = memberships.find((x) => x.orgName === home?.name) ?? memberships[0];
      if (!m) throw new Error(`${email} belongs to no organisation.`);
      const actor: UserActor = {
        kind: 'user',
        userId: user.id,
        email,
        orgId: m.orgId,
        orgKind: m.orgKind,
        roles: m.roles,
        via: 'session',
        scopes: ['read', 'write'],
      };
      return { actor, ip: null, requestId: null };
    },
  };
}

/** The demo's people are parties to the engagements they act on. */
function party(page: EngagementPage): EngagementView {
  if (isClosedBid(page)) throw new Error('The demo acts only as parties to an engagement.');
  return page;
}

const isoDate = (ms: number) => new Date(ms + JST).toISOString().slice(0, 10);

interface Case {
  client: { owner: string; reviewers: string[] };
  brief: (day: (n: number) => string) => CreateEngagementRequest;
  bids: { manager: string; fee: FeeTerms; milestones: (day: (n: number) => string) => PlannedMilestone[]; approach: string }[];
  /** Index into `bids` of the winner. */
  winner: number;
  analysts: string[];
  startDay: number;
  updates: { day: number; update: StatusUpdateInput }[];
  questions: { day: number; asker: string; title: string; body: string; answer?: { day: number; by: string; body: string } }[];
  milestones: { day: number; key: string; action: 'submit' | 'accept' | 'send_back'; comment?: string }[];
  change?: { day: number; decideDay: number; by: string; decider: string; summary: string; reason: string; key: string; moveDays: number };
  /** Financial models the provider saves, version by version (docs/examples holds the documents). */
  model?: {
    name: string;
    versions: {
      day: number;
      by: string;
      example: string;
      note: string;
      /** When the provider shares the version with the client (a saved version is a draft until then). */
      sharedDay?: number;
      comments?: { day: number; by: string; body: string }[];
    }[];
  };
  /** The SOW's rework rounds before escalation, when the client negotiated it down from the default. */
  maxReworkRounds?: number;
  /** The client's own rubric template for the engagement type, saved by its administrator. */
  rubric?: { day: number; by: string; input: RubricInput };
  quality?: { day: number; by: string; settings: QualitySettingsInput };
  /** Deliverables with their versions, reviews and decisions. */
  deliverables?: DemoDeliverable[];
  /** Known answers the client plants (the provider is never told). */
  gold?: { day: number; by: string; input: PlantGoldRequest; withdrawDay?: number }[];
  /** A calibration round on one version of a deliverable, and the participants' scores. */
  calibration?: {
    day: number;
    by: string;
    title: string;
    deliverable: string;
    version: number;
    scores: { day: number; by: string; scores: Record<string, number> }[];
  };
  /**
   * The consumer survey (src/infra/demo/survey.ts): the analyst uploads the responses (Shift_JIS, as
   * the panel exports them), imports them with a first codebook, adds the question wording the next
   * day (version 2) and weights the sample to the population by age and region.
   */
  survey?: { day: number; by: string; fileName: string; name: string };
  /** The market sizing (top-down and bottom-up, triangulated) and the competitor matrix with its positioning map. */
  sizing?: { day: number; by: string };
  /**
   * The patent workbench: the engagement's corpus (the demo FTO corpus, kpo JSON Lines) imported, and
   * a saved search whose steps keep their formulas and hit counts, one combining the others (S1 OR S2, then AND S3).
   */
  patents?: {
    day: number;
    by: string;
    corpus: string;
    search: { title: string; steps: { query: string; publishedBefore?: string; classification?: string[] }[] };
  };
  /** Files in the engagement's vault, and the grants that give them to the provider's people. */
  documents?: {
    day: number;
    by: string;
    name: string;
    classification: Classification;
    content: () => Promise<Uint8Array>;
    grant?: { day: number; by: string; to: string | 'team'; access: 'view' | 'download'; days: number };
  }[];
}

/** What a deliverable may name that exists only once the demo has replayed up to its day. */
interface DemoRefs {
  modelId: string;
  /** The engagement's survey (latest version, its weighting), its sizings, and a table as both sides read it. */
  research(): Promise<{
    survey: { id: string; version: number; weighting: string };
    sizings: { id: string; version: number }[];
    crosstab(stub: string, banner: string): Promise<CrosstabReply>;
  }>;
}

interface DemoDeliverable {
  milestone: string;
  title: string;
  type: DeliverableType;
  versions: {
    day: number;
    by: string;
    note: string;
    /** The content; one that names the engagement's model or survey gets them when its day comes. */
    content: DeliverableContent | ((refs: DemoRefs) => DeliverableContent | Promise<DeliverableContent>);
    reviews?: { day: number; by: string; review: SubmitReviewRequest }[];
    decision?: { day: number; by: string; decision: ReviewDecision; note: string };
  }[];
}

type Section = DeliverableContent['sections'][number];
const section = (key: string, title: string, role: Section['role'], body: string, citations: string[] = []): Section => ({
  key,
  title,
  role,
  body,
  citations,
});
const reference = (id: string, title: string, url: string, locator: string | null = null) => ({
  id,
  title,
  documentId: null,
  url,
  locator,
});

/** A one-page PDF of plain lines (the demo's stand-in for a client's document). */
async function demoPdf(title: string, lines: string[]): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText(title, { x: 56, y: 780, size: 16, font });
  for (const [i, line] of lines.entries()) page.drawText(line, { x: 56, y: 740 - i * 18, size: 11, font });
  doc.setTitle(title);
  return doc.save();
}

const text = (value: string) => async () => new TextEncoder().encode(value);

const update = (
  progressPct: number,
  rag: 'red' | 'amber' | 'green',
  done: string,
  next: string,
  blockers = '',
  risks = '',
  hoursSpent: number | null = null,
): StatusUpdateInput => ({
  progressPct,
  rag,
  done,
  next,
  blockers,
  risks,
  hoursSpent,
});

const ESTAT = 'https://www.e-stat.go.jp/';

/** The market-research case's competitor report; the first version has no method and mixes ユーザ/ユーザー. */
function marketReport({ method }: { method: boolean }): DeliverableContent {
  const user = method ? 'ユーザー' : 'ユーザ';
  return {
    type: 'report',
    sections: [
      section(
        'summary',
        '要約',
        'summary',
        `国内の家計簿アプリは上位 10 社で${user}の 8 割を占める。無料版と月額 300〜500 円の有料版の二層が主流で、銀行連携の数が選ばれる理由の第一位である。`,
        ['appstore', 'survey2025'],
      ),
      section(
        'competitors',
        '競合 13 社の比較',
        'claims',
        `機能（銀行連携、レシート読取、家族共有、資産推移）と価格で 13 社を比較した。銀行連携 2,000 社以上は 3 社のみ。家族共有は有料版限定が多く、${user}レビューで不満が目立つ。`,
        ['appstore', 'company-sites'],
      ),
      section(
        'pricing',
        '価格帯',
        'claims',
        '有料版の中央値は月額 480 円。年額払いの割引は 15〜20% が多い。ミライ家計簿の想定 300 円は下位 3 社と同水準。',
        ['company-sites'],
      ),
      ...(method
        ? [
            section(
              'method',
              '方法論',
              'methodology',
              '対象は App Store と Google Play の「ファイナンス」カテゴリでレビュー数上位の家計簿アプリ 10 社に、質問への回答で合意した銀行系 3 社を加えた 13 社。機能と価格は 2025 年 11 月時点の各社サイトと料金ページで確認し、レビューは直近 12 か月の星 1〜2 を 1 社 100 件ずつ読んで不満を分類した。限界：非公開の利用者数は各社の公表値とダウンロード数からの推定である。',
              ['appstore', 'company-sites'],
            ),
          ]
        : []),
      section(
        'transfer',
        'ナレッジ移転',
        'knowledge_transfer',
        '比較表の更新手順：(1) 各社の料金ページの URL 一覧（付録）を四半期ごとに確認し、(2) 変更があれば比較表の該当セルと確認日を更新し、(3) 新規参入はカテゴリ上位 20 位以内に入った時点で追加する。判断基準と分類の定義は付録にまとめた。',
      ),
    ],
    references: [
      reference(
        'appstore',
        'App Store / Google Play ランキングとレビュー（2025 年 11 月）',
        'https://apps.apple.com/jp/charts/iphone/finance-apps/6015',
      ),
      reference('company-sites', '各社の料金ページ（13 社、URL 一覧は付録）', 'https://example.com/competitor-pricing-list'),
      reference('survey2025', '総務省 家計調査 2025', ESTAT, '第 3 表'),
    ],
  };
}

/**
 * The survey report: its figures are read from the weighted tables it names, as the analyst would
 * copy them, and its claims are the column tests' — except the retention rate in the summary, which
 * comes from a table the report does not include, so the checks flag it for the reviewers.
 */
async function surveyReport(refs: DemoRefs): Promise<DeliverableContent> {
  const K = DEMO_SURVEY_KEYS;
  const r = await refs.research();
  const family = demoSurveyCodebook().questions.find((q) => q.columns[0] === 'Q9_4')?.key ?? '';
  const methods = await r.crosstab(K.method, K.age);
  const share = (row: string, col: string) => {
    if (methods.kind !== 'crosstab') return '';
    const t = methods.table;
    return (t.colPercents[t.rows.indexOf(row)]?.[t.cols.indexOf(col)] ?? 0).toFixed(1);
  };
  const freeApp = '家計簿アプリ（無料版）';
  return {
    type: 'market_research',
    survey: { ...r.survey, alpha: 0.05, correction: 'bonferroni' },
    tables: [
      { key: 'method-by-age', title: '家計管理の方法 × 年代', stub: K.method, banner: K.age, section: 'tables', showsBase: true },
      { key: 'family-by-age', title: '家族との共有の重視度 × 年代', stub: family, banner: K.age, section: 'tables', showsBase: true },
    ],
    claims: [
      { section: 'tables', table: 'method-by-age', row: freeApp, column: '20代', than: '50代', claim: 'higher' },
      { section: 'tables', table: 'family-by-age', row: '平均', column: '40代', than: '20代', claim: 'higher' },
    ],
    sizings: r.sizings,
    sections: [
      section('summary', '要約', 'summary', '回収 1,024 件。20〜39 歳の多くが家計簿アプリを使ったことがあり、継続は 41%。', ['panel']),
      section(
        'tables',
        '単純集計とクロス集計',
        'claims',
        `無料の家計簿アプリで家計を記録している人は 20 代で ${share(freeApp, '20代')}%、50 代で ${share(freeApp, '50代')}%（ウェイト後、各列の n は表に記載）で、20 代が有意に高い。年代別では 40 代で「家族共有」の重視度が 20 代より有意に高い（p<0.05）。`,
        ['panel'],
      ),
      section(
        'method',
        '方法論',
        'methodology',
        'Web パネル（全国 20〜59 歳、性年代で割付）で 2025 年 11 月に実施。n=1,024、性年代の母集団構成にレイキングでウェイト付けした。列比率の差は z 検定（ボンフェローニ補正）で判定した。限界：パネル調査のためネット利用者に偏る。',
        ['panel'],
      ),
      section(
        'transfer',
        'ナレッジ移転',
        'knowledge_transfer',
        '集計の再現手順：調査票と生データ（文書庫）を読み込み、付録の集計定義でクロス集計を作る。ウェイトの目標値は国勢調査 2020 の性年代構成。判断基準（有意水準、最小ベース 30）も付録に記載した。',
      ),
    ],
    references: [reference('panel', '消費者調査 生データ（n=1,024）', 'https://example.com/panel-export')],
  };
}

/** The patent case's search strategy; the first version leaves out the FI classes. */
function patentSearchReport({ narrowed }: { narrowed: boolean }): DeliverableContent {
  const formula = narrowed
    ? '(CPC=A61B5/021 OR CPC=A61B5/02125 OR FI=A61B5/022,400) AND (脈波伝播時間 OR "pulse transit time") AND (手首 OR wrist)'
    : '(CPC=A61B5/021 OR CPC=A61B5/02125) AND (脈波伝播時間 OR "pulse transit time") AND (手首 OR wrist)';
  return {
    type: 'report',
    sections: [
      section('summary', '要約', 'summary', `日米欧の登録特許と公開出願から母集合 ${narrowed ? '3,912' : '3,420'} 件を作成した。`, [
        'jplatpat',
        'uspto',
      ]),
      section('formulas', '検索式と件数', 'claims', `検索式：${formula}。検索日 2025 年 11 月 10 日。`, ['jplatpat', 'uspto', 'epo']),
      section(
        'method',
        '方法論',
        'methodology',
        '製品仕様書（第 3 版）の構成からキーワードと分類を選び、J-PlatPat、USPTO PatFT/AppFT、Espacenet で同じ論理の式を実行した。ファミリーで重複を除き、公報発行日 2005 年以降に限定した。限界：中国・韓国の公報は対象外。',
        ['jplatpat', 'uspto', 'epo'],
      ),
      section(
        'transfer',
        'ナレッジ移転',
        'knowledge_transfer',
        '検索式は各データベースの構文で付録に残した。四半期ごとに同じ式を発行日で区切って再実行すれば、新規公報を追跡できる。分類の選定理由も付録にある。',
      ),
    ],
    references: [
      reference('jplatpat', 'J-PlatPat 特許・実用新案検索', 'https://www.j-platpat.inpit.go.jp/'),
      reference('uspto', 'USPTO Patent Public Search', 'https://ppubs.uspto.gov/'),
      reference('epo', 'Espacenet', 'https://worldwide.espacenet.com/'),
    ],
  };
}

function screeningReport(round: number): DeliverableContent {
  const notes = ['', 'ファミリー統合後 31 件。', 'ファミリー統合後 31 件。失効後 6 か月以内の 2 件は「回復可能」として区別した。'];
  return {
    type: 'report',
    sections: [
      section('summary', '要約', 'summary', `二次スクリーニングで重要候補を特定した。${notes[round - 1] ?? ''}`, ['population']),
      section(
        'ranked',
        '重要特許の一覧',
        'claims',
        '構成要件 A〜D のうち 3 つ以上を開示する 12 件を重要特許とした（X 文献 4 件、Y 文献 8 件）。',
        ['population'],
      ),
      section(
        'method',
        '方法論',
        'methodology',
        '一次スクリーニングは要約と代表図、二次は請求項と実施例で判定した。判定基準は構成要件ごとの開示の有無で、2 名の分析者の判定が分かれた 7 件は協議で決めた。',
        ['population'],
      ),
      section(
        'transfer',
        'ナレッジ移転',
        'knowledge_transfer',
        '判定表（文書庫）に各文献の判定理由を残した。新規公報は同じ判定基準で追加できる。',
      ),
    ],
    references: [reference('population', '母集合リスト（検索式と件数）', 'https://example.com/population', '付録 A')],
  };
}

/** The DCF case: the deliverable is a shared version of the model with its summary and method. */
function modelDeliverable(modelId: string, version: number): DeliverableContent {
  return {
    type: 'financial_model',
    model: { id: modelId, version },
    sections: [
      section(
        'summary',
        'バリュエーション・サマリー',
        'summary',
        '永久成長率法とエグジットマルチプル法の DCF、類似会社比較による事業価値のレンジを示す。',
        ['yuho'],
      ),
      section(
        'assumptions',
        '主要な前提',
        'claims',
        version === 1
          ? '売上成長率 3.5〜4.0%、営業利益率 10%、売上債権回転日数 60 日。'
          : '売上成長率 3.5〜4.0%、営業利益率 10%、売上債権回転日数 60 日（過去 5 期平均 58 日に、中期経営計画の回収条件の変更を織り込んだ）。なお、受領した財務データの 2024 年 3 月期営業利益 7,300 百万円は有価証券報告書の 7,030 百万円と一致しないため、有報の値を採用した。',
        version === 1 ? ['yuho'] : ['yuho', 'midterm-plan'],
      ),
      section(
        'method',
        '方法論',
        'methodology',
        '過去 5 期の有価証券報告書から調整後 EBITDA を算出し、5 年間の事業計画を作成した。WACC は CAPM（β は類似 6 社のアンレバード β の中央値をリレバー）で推計し、ターミナルバリューは永久成長率法とエグジットマルチプル法で求めた。',
        ['yuho'],
      ),
      section(
        'transfer',
        'ナレッジ移転',
        'knowledge_transfer',
        'モデルの前提シートだけを更新すれば再計算される。感応度表の軸（WACC、永久成長率）の変え方と、類似会社の入れ替え手順をモデルの説明シートに記載した。',
      ),
    ],
    references: [
      reference('yuho', '対象会社 有価証券報告書（2021〜2025 年 3 月期）', 'https://disclosure2.edinet-fsa.go.jp/'),
      reference('midterm-plan', '対象会社 中期経営計画 2025', 'https://example.com/midterm-plan', 'p.12'),
    ],
  };
}

const cases: Case[] = [
  {
    client: { owner: 'owner@mirai-link.example', reviewers: ['reviewer@mirai-link.example'] },
    brief: (day) => ({
      type: 'market_research',
      title: '家計簿アプリ「ミライ家計簿」ローンチ前の市場調査',
      codeName: null,
      objectives: '国内の個人向け家計管理アプリ市場の規模と成長性を把握し、価格帯と訴求点を決める。',
      scope: '日本国内、20〜59歳の個人。既存アプリ上位10社の比較、1,000人規模の消費者調査、TAM/SAM/SOM の推計。',
      expectedDeliverables: ['市場規模推計（TAM/SAM/SOM）', '競合比較マトリクス', '消費者調査の集計とクロス集計', '最終報告書'],
      classification: 'confidential',
      budget: { amount: 4_800_000, currency: 'JPY' },
      targetStart: day(7),
      targetEnd: day(75),
    }),
    bids: [
      {
        manager: 'manager@knowledge-bridge.example',
        fee: { type: 'fixed', amount: { amount: 3_960_000, currency: 'JPY' } },
        approach: '二次情報による市場規模推計の後、Web パネルで 1,000 人調査を行い、価格受容性を分析します。',
        milestones: (day) => [
          { key: 'desk', title: 'デスクリサーチと競合比較', dueDate: day(21), weight: 25, deliverables: ['競合比較マトリクス'] },
          { key: 'survey', title: '消費者調査（n=1,000）', dueDate: day(45), weight: 35, deliverables: ['調査票', '集計表'] },
          { key: 'report', title: '市場規模推計と最終報告', dueDate: day(70), weight: 40, deliverables: ['最終報告書'] },
        ],
      },
      {
        manager: 'manager@asia-ip-analytics.example',
        fee: { type: 'fixed', amount: { amount: 4_400_000, currency: 'JPY' } },
        approach: '専門家インタビュー 15 件を中心に、定性調査で市場を描きます。',
        milestones: (day) => [
          { key: 'interviews', title: '専門家インタビュー', dueDate: day(35), weight: 50, deliverables: ['インタビュー記録'] },
          { key: 'report', title: '最終報告', dueDate: day(72), weight: 50, deliverables: ['最終報告書'] },
        ],
      },
    ],
    winner: 0,
    analysts: ['analyst1@knowledge-bridge.example'],
    startDay: 8,
    updates: [
      { day: 14, update: update(15, 'green', '競合 10 社の機能・価格を収集しました。', '比較マトリクスの作成') },
      // Due on day 22; posted a day late.
      {
        day: 23,
        update: update(
          30,
          'amber',
          '比較マトリクスを納品しました。',
          '調査票の設計',
          'パネル会社の見積り待ち',
          '調査開始が数日遅れる可能性',
        ),
      },
      { day: 30, update: update(40, 'amber', '調査票を確定しました。', 'パネル調査の実施', '', 'パネル会社変更に伴う日程変更') },
      { day: 37, update: update(52, 'green', '調査を開始しました（回収 620 件）。', '回収完了と集計') },
      { day: 44, update: update(63, 'green', '回収 1,024 件で締め切りました。', 'クロス集計と有意差検定') },
    ],
    questions: [
      {
        day: 9,
        asker: 'manager@knowledge-bridge.example',
        title: '既存顧客データの提供可否',
        body: 'ベータ版ユーザーの属性データを共有いただけますか。',
        answer: { day: 10, by: 'owner@mirai-link.example', body: '匿名化したうえで本日共有します。' },
      },
      {
        day: 16,
        asker: 'owner@mirai-link.example',
        title: '競合の定義',
        body: '銀行系アプリも競合に含めますか。',
        answer: { day: 17, by: 'manager@knowledge-bridge.example', body: '含めます。上位 3 社を追加しました。' },
      },
      {
        day: 46,
        asker: 'analyst1@knowledge-bridge.example',
        title: '価格帯の仮説',
        body: '月額 300 円と 500 円のどちらを主案として検証しますか。',
      },
    ],
    milestones: [
      { day: 20, key: 'desk', action: 'submit' },
      { day: 22, key: 'desk', action: 'accept' },
      { day: 49, key: 'survey', action: 'submit' },
    ],
    change: {
      day: 31,
      decideDay: 32,
      by: 'manager@knowledge-bridge.example',
      decider: 'owner@mirai-link.example',
      summary: '消費者調査の締切を 1 週間延長',
      reason: 'パネル会社の変更により、調査開始が 1 週間遅れるため。',
      key: 'survey',
      moveDays: 7,
    },
    rubric: {
      day: 12,
      by: 'admin@mirai-link.example',
      input: {
        name: 'ミライリンク 市場調査の評価基準',
        engagementType: 'market_research',
        scale: { min: 1, max: 5 },
        criteria: [
          {
            key: 'accuracy',
            title: '数値の正確さ',
            weight: 0.35,
            anchors: ['誤りが多く使えない', '重要な誤りがある', '軽微な誤りがある', '誤りはない', '誤りがなく検算可能'],
          },
          {
            key: 'sourcing',
            title: '出典と根拠',
            weight: 0.25,
            anchors: ['出典がない', '出典が一部だけ', '主な主張に出典がある', 'すべての主張に出典がある', '出典が一次情報で検証可能'],
          },
          {
            key: 'insight',
            title: '示唆と提言',
            weight: 0.25,
            anchors: [
              '示唆がない',
              '一般論にとどまる',
              '当社に関係する示唆がある',
              '意思決定に使える示唆がある',
              '価格・訴求の判断をそのまま下せる',
            ],
          },
          {
            key: 'knowledge_transfer',
            title: 'ナレッジ移転',
            weight: 0.15,
            anchors: ['手順が残らない', '手順が断片的', '主な手順が残る', '当社で再現できる', '当社で更新まで回せる'],
          },
        ],
      },
    },
    quality: {
      day: 12,
      by: 'owner@mirai-link.example',
      settings: {
        reviewersPerSubmission: 1,
        blind: true,
        requiredSections: ['summary', 'methodology', 'knowledge_transfer'],
        glossary: [
          { term: 'ユーザー', variants: ['ユーザ'] },
          { term: '家計簿アプリ', variants: ['家計簿アプリケーション'] },
        ],
      },
    },
    calibration: {
      day: 23,
      by: 'admin@mirai-link.example',
      title: '競合比較マトリクスで評価基準を合わせる',
      deliverable: '競合比較マトリクス',
      version: 2,
      scores: [
        { day: 24, by: 'reviewer@mirai-link.example', scores: { accuracy: 4, sourcing: 4, insight: 3, knowledge_transfer: 4 } },
        { day: 24, by: 'owner@mirai-link.example', scores: { accuracy: 5, sourcing: 4, insight: 4, knowledge_transfer: 5 } },
        { day: 25, by: 'admin@mirai-link.example', scores: { accuracy: 4, sourcing: 3, insight: 3, knowledge_transfer: 4 } },
      ],
    },
    survey: { day: 38, by: 'analyst1@knowledge-bridge.example', fileName: '消費者調査_回答データ.csv', name: '消費者調査（n=1,024）' },
    sizing: { day: 40, by: 'analyst1@knowledge-bridge.example' },
    deliverables: [
      {
        milestone: 'desk',
        title: '競合比較マトリクス',
        type: 'report',
        versions: [
          {
            day: 19,
            by: 'analyst1@knowledge-bridge.example',
            note: '初版です。',
            content: marketReport({ method: false }),
          },
          {
            day: 20,
            by: 'analyst1@knowledge-bridge.example',
            note: '方法論を追加し、表記を統一しました。',
            content: marketReport({ method: true }),
            reviews: [
              {
                day: 21,
                by: 'reviewer@mirai-link.example',
                review: {
                  scores: { accuracy: 4, sourcing: 4, insight: 3, knowledge_transfer: 4 },
                  decision: 'accept_with_fixes',
                  comments: [
                    { anchor: { kind: 'section', section: 'pricing' }, body: '銀行系アプリの無料プランも価格帯の表に入れてください。' },
                  ],
                },
              },
            ],
            decision: {
              day: 21,
              by: 'owner@mirai-link.example',
              decision: 'accept_with_fixes',
              note: '銀行系アプリの無料プランを価格表に追記してください。',
            },
          },
        ],
      },
      {
        milestone: 'survey',
        title: '消費者調査の集計とクロス集計',
        type: 'market_research',
        versions: [
          { day: 49, by: 'analyst1@knowledge-bridge.example', note: '回収 1,024 件の単純集計とクロス集計です。', content: surveyReport },
        ],
      },
    ],
  },
  {
    client: { owner: 'owner@towa-medical.example', reviewers: ['reviewer@towa-medical.example', 'ip-reviewer@towa-medical.example'] },
    brief: (day) => ({
      type: 'patent_research',
      title: '手首装着型カフレス血圧計 TM-W1 の FTO 調査',
      codeName: null,
      objectives:
        '手首装着型カフレス血圧計 TM-W1 の上市前に、日米欧の有効特許による侵害リスクを評価する（自社出願の優先日 2024 年 3 月 15 日）。',
      scope:
        '日本・米国・欧州の登録特許と公開出願（CPC A61B 5/021・A61B 5/02125、FI A61B5/022 ほか）。請求項の構成要件分析とクレームチャート。',
      expectedDeliverables: ['検索式と検索結果一覧', 'クレームチャート', 'FTO 意見書'],
      classification: 'strictly_confidential',
      budget: { amount: 6_500_000, currency: 'JPY' },
      targetStart: day(5),
      targetEnd: day(80),
    }),
    bids: [
      {
        manager: 'manager@asia-ip-analytics.example',
        fee: { type: 'fixed', amount: { amount: 5_800_000, currency: 'JPY' } },
        approach: 'IPC と自然文の両面で母集合を作り、二段階スクリーニングの後、上位文献でクレームチャートを作成します。',
        milestones: (day) => [
          { key: 'strategy', title: '検索戦略と母集合', dueDate: day(18), weight: 20, deliverables: ['検索式', '母集合リスト'] },
          { key: 'screening', title: 'スクリーニングと重要特許の特定', dueDate: day(40), weight: 35, deliverables: ['スクリーニング結果'] },
          {
            key: 'opinion',
            title: 'クレームチャートと FTO 意見',
            dueDate: day(70),
            weight: 45,
            deliverables: ['クレームチャート', 'FTO 意見書'],
          },
        ],
      },
    ],
    winner: 0,
    analysts: ['analyst1@asia-ip-analytics.example'],
    patents: {
      day: 12,
      by: 'analyst1@asia-ip-analytics.example',
      corpus: DEMO_FTO_REPORT_CORPUS,
      search: { title: 'TM-W1 FTO 母集合', steps: [...DEMO_FTO_SEARCH_STEPS] },
    },
    startDay: 6,
    updates: [
      { day: 13, update: update(12, 'green', '検索式の初版を作成しました（母集合 3,420 件）。', 'ノイズ除去と検索式の確定') },
      { day: 20, update: update(24, 'green', '検索戦略を納品しました。', '一次スクリーニング') },
      { day: 27, update: update(35, 'green', '一次スクリーニング 1,200 件を完了。', '二次スクリーニング') },
      { day: 34, update: update(46, 'amber', '重要候補 38 件を抽出。', '構成要件の対比', '', '米国の継続出願の追跡に時間がかかる') },
      { day: 41, update: update(55, 'green', '重要特許 12 件を特定し、納品しました。', 'クレームチャートの作成') },
      { day: 48, update: update(63, 'green', 'クレームチャート 4 件を作成。', '残り 8 件の対比') },
    ],
    questions: [
      {
        day: 8,
        asker: 'analyst1@asia-ip-analytics.example',
        title: '製品仕様書の版',
        body: 'センサ間隔 25 mm は最新版仕様書（第 3 版）の記載で確定ですか。',
        answer: { day: 9, by: 'ip-reviewer@towa-medical.example', body: 'はい、第 3 版で確定です。' },
      },
      {
        day: 29,
        asker: 'ip-reviewer@towa-medical.example',
        title: '失効特許の扱い',
        body: '年金未納で失効した特許は対象外としてよいですか。',
        answer: { day: 30, by: 'manager@asia-ip-analytics.example', body: '回復の可能性がある 6 か月以内のものは残します。' },
      },
    ],
    milestones: [
      { day: 17, key: 'strategy', action: 'submit' },
      { day: 19, key: 'strategy', action: 'accept' },
      { day: 40, key: 'screening', action: 'submit' },
      { day: 43, key: 'screening', action: 'accept' },
    ],
    maxReworkRounds: 1,
    gold: [
      {
        day: 7,
        by: 'owner@towa-medical.example',
        input: {
          kind: 'reference',
          label: '社内で把握している競合特許（脈波伝播時間で血圧を推定する手首装着型）：検索で見つかるべき文献',
          terms: ['特許第7158342号', 'JP7158342', 'JP7158342B2'],
          documentId: null,
          deliverableId: null,
        },
      },
      {
        day: 7,
        by: 'owner@towa-medical.example',
        input: {
          kind: 'reference',
          label: '国際出願（各国移行前で対象外と判明したため取り下げ）',
          terms: ['WO2023181234'],
          documentId: null,
          deliverableId: null,
        },
        withdrawDay: 9,
      },
    ],
    deliverables: [
      {
        milestone: 'strategy',
        title: '検索式と母集合リスト',
        type: 'report',
        versions: [
          {
            day: 16,
            by: 'analyst1@asia-ip-analytics.example',
            note: '検索式の初版と母集合 3,420 件です。',
            content: patentSearchReport({ narrowed: false }),
            reviews: [
              {
                day: 17,
                by: 'reviewer@towa-medical.example',
                review: {
                  scores: { search_coverage: 4, relevance: 4, sourcing: 4, claim_mapping: 3, knowledge_transfer: 4 },
                  decision: 'accept',
                  comments: [{ anchor: { kind: 'general' }, body: '母集合の規模は妥当と考えます。' }],
                },
              },
              {
                day: 17,
                by: 'ip-reviewer@towa-medical.example',
                review: {
                  scores: { search_coverage: 2, relevance: 3, sourcing: 3, claim_mapping: 2, knowledge_transfer: 3 },
                  decision: 'rework',
                  comments: [
                    {
                      anchor: { kind: 'section', section: 'formulas' },
                      body: 'FI の A61B5/022,400 系（カフレス）が式に入っていません。日本の公報が漏れます。',
                    },
                  ],
                },
              },
            ],
            decision: {
              day: 17,
              by: 'owner@towa-medical.example',
              decision: 'rework',
              note: 'FI（A61B5/022,400 系）を検索式に追加してください。',
            },
          },
          {
            day: 18,
            by: 'analyst1@asia-ip-analytics.example',
            note: 'FI を追加し、母集合を再作成しました。',
            content: patentSearchReport({ narrowed: true }),
            reviews: [
              {
                day: 19,
                by: 'reviewer@towa-medical.example',
                review: {
                  scores: { search_coverage: 4, relevance: 4, sourcing: 4, claim_mapping: 4, knowledge_transfer: 4 },
                  decision: 'accept',
                  comments: [],
                },
              },
              {
                day: 19,
                by: 'ip-reviewer@towa-medical.example',
                review: {
                  scores: { search_coverage: 4, relevance: 3, sourcing: 4, claim_mapping: 3, knowledge_transfer: 4 },
                  decision: 'accept',
                  comments: [],
                },
              },
            ],
            decision: { day: 19, by: 'owner@towa-medical.example', decision: 'accept', note: '' },
          },
        ],
      },
      {
        milestone: 'screening',
        title: 'スクリーニング結果と重要特許',
        type: 'report',
        versions: [
          {
            day: 36,
            by: 'analyst1@asia-ip-analytics.example',
            note: '重要候補 38 件の一覧です。',
            content: screeningReport(1),
            decision: {
              day: 37,
              by: 'owner@towa-medical.example',
              decision: 'rework',
              note: '米国の継続出願のファミリーを統合して数えてください。',
            },
          },
          {
            day: 38,
            by: 'analyst1@asia-ip-analytics.example',
            note: 'ファミリーを統合しました。',
            content: screeningReport(2),
            decision: {
              day: 39,
              by: 'owner@towa-medical.example',
              decision: 'rework',
              note: '失効後 6 か月以内の特許の扱いを一覧に明記してください。',
            },
          },
          {
            day: 40,
            by: 'analyst1@asia-ip-analytics.example',
            note: '回復可能期間内の失効特許を区別して記載しました。',
            content: screeningReport(3),
            reviews: [
              {
                day: 41,
                by: 'ip-reviewer@towa-medical.example',
                review: {
                  scores: { search_coverage: 4, relevance: 4, sourcing: 4, claim_mapping: 3, knowledge_transfer: 4 },
                  decision: 'accept',
                  comments: [],
                },
              },
            ],
            decision: { day: 42, by: 'owner@towa-medical.example', decision: 'accept', note: '' },
          },
        ],
      },
      {
        // The interim FTO opinion (src/infra/demo/patent-report.ts): the saved search's steps with their
        // hit counts, the living rights found — JP7158342B2 first, the client's planted known answer —
        // and JP7158342B2 claim 1 charted against the earlier art; submitted, not yet reviewed.
        milestone: 'opinion',
        title: 'FTO 中間報告とクレームチャート',
        type: 'patent_research',
        versions: [
          {
            day: 48,
            by: 'analyst1@asia-ip-analytics.example',
            note: '重要特許 JP7158342B2 の請求項1のクレームチャートと中間所見です。',
            content: () => demoFtoOpinion(),
          },
        ],
      },
    ],
  },
  {
    client: { owner: 'owner@marunouchi-capital.example', reviewers: ['reviewer@marunouchi-capital.example'] },
    brief: (day) => ({
      type: 'financial_modeling',
      title: '東証プライム上場の部品メーカー買収に向けた DCF バリュエーション',
      codeName: 'Project Sakura',
      objectives: '買収価格の交渉レンジを決めるため、対象会社の事業価値を DCF と類似会社比較で評価する。',
      scope:
        '過去 5 期の財務分析、5 年間の事業計画、WACC、DCF（永久成長率法・エグジットマルチプル法）、感応度分析、類似会社比較、EPS への影響。',
      expectedDeliverables: ['財務モデル（.xlsx）', 'バリュエーション・サマリー', '感応度分析'],
      classification: 'strictly_confidential',
      budget: { amount: 8_000_000, currency: 'JPY' },
      targetStart: day(4),
      targetEnd: day(55),
    }),
    bids: [
      {
        manager: 'manager@knowledge-bridge.example',
        fee: {
          type: 'time_and_materials',
          rateCard: [
            { role: 'シニアアソシエイト', hourlyRate: { amount: 18_000, currency: 'JPY' }, estimatedHours: 200 },
            { role: 'アナリスト', hourlyRate: { amount: 9_000, currency: 'JPY' }, estimatedHours: 300 },
          ],
          cap: { amount: 7_000_000, currency: 'JPY' },
        },
        approach: '開示資料と経営陣インタビューから事業計画を組み、ライブ数式の Excel モデルで評価します。',
        milestones: (day) => [
          { key: 'historicals', title: '過去財務の分析', dueDate: day(18), weight: 25, deliverables: ['財務分析'] },
          { key: 'model', title: 'DCF モデル初版', dueDate: day(34), weight: 40, deliverables: ['財務モデル v1'] },
          { key: 'final', title: '感応度分析と最終版', dueDate: day(52), weight: 35, deliverables: ['財務モデル v2', 'サマリー'] },
        ],
      },
    ],
    winner: 0,
    analysts: ['analyst2@knowledge-bridge.example'],
    startDay: 5,
    model: {
      name: 'Project Sakura DCF モデル',
      versions: [
        {
          day: 33,
          by: 'analyst2@knowledge-bridge.example',
          example: 'fm-project-sakura-v1.json',
          note: '初版（レビュー提出）',
          sharedDay: 33,
          comments: [
            {
              day: 34,
              by: 'owner@marunouchi-capital.example',
              body: '運転資本（売上債権回転日数）の前提が過去 5 期の平均より短いようです。根拠を示してください。',
            },
            {
              day: 35,
              by: 'analyst2@knowledge-bridge.example',
              body: 'ご指摘ありがとうございます。中期経営計画の回収条件の変更を反映しています。次の版で出典を前提に付けます。',
            },
          ],
        },
        {
          day: 38,
          by: 'analyst2@knowledge-bridge.example',
          example: 'fm-project-sakura-v2.json',
          note: '運転資本の前提の根拠を追記し、レビューの指摘を反映',
          sharedDay: 38,
        },
      ],
    },
    documents: [
      {
        day: 6,
        by: 'owner@marunouchi-capital.example',
        name: '対象会社_財務データ_5期.csv',
        classification: 'confidential',
        content: text(
          '科目,2021年3月期,2022年3月期,2023年3月期,2024年3月期,2025年3月期\r\n売上高,61200,64800,68900,72400,75100\r\n営業利益,5400,6100,6600,7300,7700\r\n',
        ),
        grant: { day: 44, by: 'owner@marunouchi-capital.example', to: 'team', access: 'download', days: 30 },
      },
      {
        day: 11,
        by: 'owner@marunouchi-capital.example',
        name: 'stock-options-exercise-prices.pdf',
        classification: 'strictly_confidential',
        content: () =>
          demoPdf('Project Sakura - stock options outstanding', [
            'Grant 2019: 120,000 options, exercise price JPY 1,850',
            'Grant 2021: 95,000 options, exercise price JPY 2,240',
            'Grant 2023: 60,000 options, exercise price JPY 2,610',
          ]),
        grant: { day: 45, by: 'owner@marunouchi-capital.example', to: 'analyst2@knowledge-bridge.example', access: 'view', days: 14 },
      },
      {
        day: 8,
        by: 'owner@marunouchi-capital.example',
        name: '取締役会資料_買収方針.txt',
        classification: 'strictly_confidential',
        content: text('取締役会 買収方針（社外秘）\n提示価格の上限と交渉方針。受託先には共有しない。\n'),
      },
    ],
    updates: [
      { day: 12, update: update(15, 'green', '有報 5 期分を取り込み、調整後 EBITDA を算出。', '事業計画の前提整理', '', '', 62) },
      { day: 19, update: update(28, 'green', '過去財務の分析を納品。', '売上成長率と利益率の前提', '', '', 70) },
      { day: 26, update: update(45, 'green', 'WACC の前提（β・リスクプレミアム）を確定。', 'DCF モデルの構築', '', '', 88) },
      { day: 33, update: update(60, 'amber', 'DCF モデル初版を提出。', 'レビュー対応', '', '運転資本の前提に確認が必要', 95) },
      { day: 40, update: update(72, 'green', '指摘事項を反映し再提出、承認されました。', '感応度分析', '', '', 58) },
      { day: 47, update: update(84, 'green', 'WACC×永久成長率の感応度表を作成。', '類似会社比較と最終化', '', '', 64) },
    ],
    questions: [
      {
        day: 10,
        asker: 'analyst2@knowledge-bridge.example',
        title: '希薄化の対象',
        body: 'ストックオプションの行使価格一覧をいただけますか。',
        answer: { day: 11, by: 'owner@marunouchi-capital.example', body: 'データルームに格納しました。' },
      },
      {
        day: 36,
        asker: 'reviewer@marunouchi-capital.example',
        title: '運転資本の前提',
        body: '売上債権回転日数を 60 日とした根拠を教えてください。',
        answer: { day: 37, by: 'analyst2@knowledge-bridge.example', body: '過去 5 期平均 58 日に、取引条件の変更を織り込みました。' },
      },
    ],
    milestones: [
      { day: 17, key: 'historicals', action: 'submit' },
      { day: 19, key: 'historicals', action: 'accept' },
      { day: 33, key: 'model', action: 'submit' },
      { day: 35, key: 'model', action: 'send_back', comment: '運転資本の前提の根拠を追記してください。' },
      { day: 38, key: 'model', action: 'submit' },
      { day: 40, key: 'model', action: 'accept' },
    ],
    gold: [
      {
        day: 6,
        by: 'owner@marunouchi-capital.example',
        input: {
          kind: 'planted_error',
          label: '財務データの 2024 年 3 月期営業利益を 7,030 から 7,300 に変えてある：レビューで指摘されるべき誤り',
          terms: ['7,030', '7030百万円'],
          documentId: null,
          deliverableId: null,
        },
      },
    ],
    deliverables: [
      {
        milestone: 'model',
        title: 'DCF モデルとバリュエーション・サマリー',
        type: 'financial_model',
        versions: [
          {
            day: 33,
            by: 'analyst2@knowledge-bridge.example',
            note: 'DCF モデル初版（第 1 版）を提出します。',
            content: ({ modelId }) => modelDeliverable(modelId, 1),
            reviews: [
              {
                day: 34,
                by: 'reviewer@marunouchi-capital.example',
                review: {
                  scores: { accuracy: 4, assumptions: 2, structure: 4, sourcing: 2, knowledge_transfer: 3 },
                  decision: 'rework',
                  comments: [
                    { anchor: { kind: 'section', section: 'assumptions' }, body: '売上債権回転日数 60 日の根拠が示されていません。' },
                  ],
                },
              },
            ],
            decision: {
              day: 35,
              by: 'owner@marunouchi-capital.example',
              decision: 'rework',
              note: '運転資本の前提の根拠を追記してください。',
            },
          },
          {
            day: 38,
            by: 'analyst2@knowledge-bridge.example',
            note: '運転資本の前提の根拠を追記しました（第 2 版）。',
            content: ({ modelId }) => modelDeliverable(modelId, 2),
            reviews: [
              {
                day: 39,
                by: 'reviewer@marunouchi-capital.example',
                review: {
                  scores: { accuracy: 4, assumptions: 4, structure: 4, sourcing: 4, knowledge_transfer: 4 },
                  decision: 'accept',
                  comments: [],
                },
              },
            ],
            decision: { day: 40, by: 'owner@marunouchi-capital.example', decision: 'accept', note: '' },
          },
        ],
      },
    ],
  },
];

/** The analyst's codes for the survey's open answers (kuromoji base forms: 続かない meets 続く). */
const demoOpenCodes = [
  { key: 'bank', label: '銀行・カード連携', keywords: ['連携', '銀行', '口座', '明細'] },
  { key: 'ads', label: '広告が多い', keywords: ['広告'] },
  { key: 'input', label: '入力の手間', keywords: ['入力', '面倒', '手間'] },
  { key: 'lapse', label: '続かない', keywords: ['続く', '三日坊主', '続ける'] },
  { key: 'receipts', label: 'レシート読み取り', keywords: ['レシート', '読み取る', '読み取り'] },
  { key: 'family', label: '家族での共有', keywords: ['家族', '夫婦', '共有'] },
  { key: 'price', label: '価格・料金', keywords: ['高い', '料金', '値上げ', '月額', '年額'] },
  { key: 'category', label: '自動分類', keywords: ['分類'] },
  { key: 'security', label: '安全性の不安', keywords: ['不安', '安全', '不正'] },
];

/** A model document of docs/examples (the same files the format documentation shows). */
const exampleModel = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../docs/examples/${file}`, import.meta.url), 'utf8'));

/** Replays the demo cases. Seeding again adds nothing: a client that already has engagements is left alone. */
export async function seedDemoEngagements(
  servicesAt: (clock: Clock) => {
    engagements: EngagementServices;
    financialModels: FinancialModelService;
    documents: DocumentService;
    surveys: SurveyService;
    coding: CodingService;
    marketSizing: MarketSizingService;
    deliverables: ReturnType<typeof deliverableService>;
    gold: ReturnType<typeof goldService>;
    calibration: ReturnType<typeof calibrationService>;
    time: TimeService;
    capacity: CapacityService;
    patents: ReturnType<typeof patentService>;
  },
  store: Store,
  now: Date,
): Promise<number> {
  const todayJst = Math.floor((now.getTime() + JST) / DAY) * DAY - JST;
  const base = todayJst - 50 * DAY;
  const clock = new ReplayClock(base, now.getTime());
  const {
    engagements,
    financialModels,
    documents,
    surveys,
    coding,
    marketSizing,
    deliverables,
    gold,
    calibration,
    time,
    capacity,
    patents,
  } = servicesAt(clock);
  const timeCases: DemoTimeCase[] = [];
  const adminOf = (email: string) => `admin@${email.split('@')[1] ?? ''}`;
  const people = cast(store);
  const at = (day: number, hour = 10) => clock.set(base + day * DAY + hour * HOUR);
  const researchOf = async (engagementId: string, by: RequestContext) => {
    const [dataset] = await store.read.surveys.listForEngagement(engagementId);
    if (!dataset) throw new Error('The demo report needs its survey.');
    const [weighting] = await store.read.surveys.weightings(dataset.id, dataset.latestVersion);
    const survey = { id: dataset.id, version: dataset.latestVersion, weighting: weighting?.id ?? 'none' };
    const sizings = await store.read.researchCanvases.listForEngagement(engagementId, 'sizing');
    return {
      survey,
      sizings: sizings.map((c) => ({ id: c.id, version: c.latestVersion })),
      crosstab: (stub: string, banner: string) =>
        surveys.crosstab(
          by,
          engagementId,
          dataset.id,
          crosstabQuerySchema.parse({ stub, banner, version: survey.version, weighting: survey.weighting }),
        ),
    };
  };
  const dateOf = (day: number) => isoDate(base + day * DAY);
  let created = 0;

  for (const c of cases) {
    const owner = await people.ctx(c.client.owner);
    if (owner.actor.kind !== 'user') continue;
    const existing = await store.read.engagements.list(
      { userId: owner.actor.userId, orgId: owner.actor.orgId, orgKind: 'client', seesAllOfOrg: true },
      { limit: 1, offset: 0 },
      now,
    );
    if (existing.total > 0) continue;

    at(0, 9);
    let e = await engagements.create(owner, c.brief(dateOf));
    for (const reviewer of c.client.reviewers) {
      e = await engagements.assignTeam(owner, e.id, { userId: await people.userId(reviewer), role: 'reviewer' });
    }
    const providerOrgs = [];
    for (const bid of c.bids) providerOrgs.push(await people.orgId(bid.manager));
    e = await engagements.inviteProviders(owner, e.id, providerOrgs);
    at(0, 11);
    e = await engagements.transition(owner, e.id, { action: 'request', version: e.version });

    const proposalIds: string[] = [];
    for (const [i, bid] of c.bids.entries()) {
      at(2 + i, 15);
      const manager = await people.ctx(bid.manager);
      const draft = await engagements.proposals.save(manager, e.id, {
        proposal: {
          approach: bid.approach,
          team: [{ role: 'プロジェクトリーダー', name: null, hoursPerWeek: 20 }],
          milestones: bid.milestones(dateOf),
          fee: bid.fee,
          assumptions: '必要資料は依頼から 3 営業日以内にご提供いただく前提です。',
          cadenceDays: 7,
        },
        version: 0,
      });
      proposalIds.push((await engagements.proposals.submit(manager, e.id, { version: draft.version })).id);
    }

    at(4, 16);
    e = party(await engagements.get(owner, e.id));
    e = await engagements.proposals.award(owner, e.id, { proposalId: proposalIds[c.winner] ?? '', version: e.version });
    const lead = await people.ctx(c.bids[c.winner]?.manager ?? '');
    let sowVersion = 1;
    if (c.maxReworkRounds !== undefined) {
      // The client negotiated fewer rework rounds into the SOW before approving it.
      at(5, 9);
      const sow = await engagements.sow.get(owner, e.id);
      const current = sow.current;
      if (current) {
        const revised = await engagements.sow.revise(owner, e.id, {
          content: { ...current.content, maxReworkRounds: c.maxReworkRounds },
          baseVersion: current.version,
        });
        sowVersion = revised.current?.version ?? sowVersion;
      }
    }
    at(5, 10);
    await engagements.sow.approve(owner, e.id, sowVersion);
    at(5, 14);
    await engagements.sow.approve(lead, e.id, sowVersion);
    for (const analyst of c.analysts) {
      e = await engagements.assignTeam(lead, e.id, { userId: await people.userId(analyst), role: 'analyst' });
    }
    at(c.startDay, 9);
    e = party(await engagements.get(lead, e.id));
    e = await engagements.transition(lead, e.id, { action: 'start', version: e.version });

    // The rest of the history, in time order.
    type Step = { day: number; hour: number; run: () => Promise<unknown> };
    const steps: Step[] = [];
    const milestoneId = async (key: string) => (await engagements.work.milestones(owner, e.id)).find((m) => m.key === key)?.id ?? '';
    for (const u of c.updates) steps.push({ day: u.day, hour: 17, run: () => engagements.work.postUpdate(lead, e.id, u.update) });
    for (const q of c.questions) {
      steps.push({
        day: q.day,
        hour: 11,
        run: async () => {
          const asked = await engagements.work.ask(await people.ctx(q.asker), e.id, { title: q.title, body: q.body, assigneeUserId: null });
          const id = asked.find((x) => x.title === q.title)?.id ?? '';
          if (q.answer) {
            const answer = q.answer;
            steps.push({
              day: answer.day,
              hour: 14,
              run: async () => engagements.work.answer(await people.ctx(answer.by), e.id, id, answer.body),
            });
          }
        },
      });
    }
    for (const m of c.milestones) {
      steps.push({
        day: m.day,
        hour: 16,
        run: async () => {
          const who = m.action === 'submit' ? lead : owner;
          return engagements.work.actOnMilestone(who, e.id, await milestoneId(m.key), {
            action: m.action,
            ...(m.comment && { comment: m.comment }),
          });
        },
      });
    }
    const change = c.change;
    if (change) {
      steps.push({
        day: change.day,
        hour: 12,
        run: async () => {
          const sow = await engagements.sow.get(owner, e.id);
          const planned = sow.current?.content.milestones.find((m) => m.key === change.key);
          const moved = addDays(planned?.dueDate ?? dateOf(change.day), change.moveDays);
          const proposed = await engagements.work.proposeChange(await people.ctx(change.by), e.id, {
            summary: change.summary,
            reason: change.reason,
            changes: { milestones: [{ key: change.key, dueDate: moved }] },
          });
          const id = proposed[0]?.id ?? '';
          steps.push({
            day: change.decideDay,
            hour: 10,
            run: async () => engagements.work.decideChange(await people.ctx(change.decider), e.id, id, { decision: 'approve' }),
          });
        },
      });
    }
    let modelId = '';
    const model = c.model;
    if (model) {
      for (const [i, v] of model.versions.entries()) {
        steps.push({
          day: v.day,
          hour: 15,
          run: async () => {
            const by = await people.ctx(v.by);
            const document = exampleModel(v.example);
            if (i === 0) modelId = (await financialModels.create(by, e.id, { name: model.name, note: v.note, document })).id;
            else await financialModels.saveVersion(by, e.id, modelId, { baseVersion: i, note: v.note, document });
          },
        });
        const version = i + 1;
        if (v.sharedDay !== undefined)
          steps.push({
            day: v.sharedDay,
            hour: 16,
            run: async () => financialModels.share(await people.ctx(v.by), e.id, modelId, version, {}),
          });
        for (const comment of v.comments ?? [])
          steps.push({
            day: comment.day,
            hour: 11,
            run: async () => financialModels.comment(await people.ctx(comment.by), e.id, modelId, version, { body: comment.body }),
          });
      }
    }
    const rubric = c.rubric;
    if (rubric)
      steps.push({ day: rubric.day, hour: 9, run: async () => deliverables.saveRubric(await people.ctx(rubric.by), rubric.input) });
    const quality = c.quality;
    if (quality)
      steps.push({
        day: quality.day,
        hour: 10,
        run: async () => deliverables.saveSettings(await people.ctx(quality.by), e.id, { ...quality.settings, version: 0 }),
      });
    for (const g of c.gold ?? [])
      steps.push({
        day: g.day,
        hour: 12,
        run: async () => {
          const planted = await gold.plant(await people.ctx(g.by), e.id, g.input);
          const withdrawDay = g.withdrawDay;
          if (withdrawDay !== undefined)
            steps.push({ day: withdrawDay, hour: 12, run: async () => gold.withdraw(await people.ctx(g.by), e.id, planted.id) });
        },
      });
    const round = c.calibration;
    if (round)
      steps.push({
        day: round.day,
        hour: 10,
        run: async () => {
          const d = (await store.read.quality.deliverables(e.id)).find((x) => x.title === round.deliverable);
          const participants = await Promise.all(round.scores.map((s) => people.userId(s.by)));
          const created = await calibration.create(await people.ctx(round.by), {
            title: round.title,
            source: { engagementId: e.id, deliverableId: d?.id ?? '', version: round.version },
            participants,
          });
          for (const s of round.scores)
            steps.push({
              day: s.day,
              hour: 14,
              run: async () => calibration.score(await people.ctx(s.by), created.id, { scores: s.scores }),
            });
        },
      });
    for (const d of c.deliverables ?? []) {
      let deliverableId = '';
      d.versions.forEach((v, i) => {
        const version = i + 1;
        steps.push({
          day: v.day,
          hour: 17,
          run: async () => {
            const by = await people.ctx(v.by);
            if (!deliverableId)
              deliverableId = (
                await deliverables.create(by, e.id, { milestoneId: await milestoneId(d.milestone), title: d.title, type: d.type })
              ).id;
            const content =
              typeof v.content === 'function' ? await v.content({ modelId, research: () => researchOf(e.id, by) }) : v.content;
            await deliverables.submit(by, e.id, deliverableId, { content, documentIds: [], note: v.note });
          },
        });
        for (const r of v.reviews ?? [])
          steps.push({
            day: r.day,
            hour: 11,
            run: async () => deliverables.review(await people.ctx(r.by), e.id, deliverableId, version, r.review),
          });
        const decision = v.decision;
        if (decision)
          steps.push({
            day: decision.day,
            hour: 15,
            run: async () =>
              deliverables.decide(await people.ctx(decision.by), e.id, deliverableId, version, {
                decision: decision.decision,
                note: decision.note,
              }),
          });
      });
    }
    const survey = c.survey;
    if (survey)
      steps.push({
        day: survey.day,
        hour: 10,
        run: async () => {
          const by = await people.ctx(survey.by);
          const file = await documents.upload(by, e.id, { name: survey.fileName, classification: 'confidential' }, [
            encodeShiftJis(demoSurveyCsv()),
          ]);
          const worded = demoSurveyCodebook();
          // The first import keeps the panel's column names; the question wording comes the next day.
          const bare = { ...worded, questions: worded.questions.map((q) => ({ ...q, text: '' })) };
          const dataset = await surveys.create(
            by,
            e.id,
            createSurveyRequestSchema.parse({ name: survey.name, documentId: file.id, codebook: bare, note: 'パネル会社の納品データ' }),
          );
          steps.push({
            day: survey.day + 1,
            hour: 11,
            run: async () => {
              await surveys.saveVersion(
                by,
                e.id,
                dataset.id,
                saveSurveyVersionRequestSchema.parse({ baseVersion: 1, codebook: worded, note: '調査票の設問文を追加' }),
              );
            },
          });
          steps.push({
            day: survey.day + 1,
            hour: 15,
            run: async () => {
              const weighting = await surveys.createWeighting(
                by,
                e.id,
                dataset.id,
                createWeightingRequestSchema.parse({ name: '人口構成（年代×地域）', targets: demoWeightingTargets }),
              );
              // The weighted banner book the report's tables come from: every question by age and by current method.
              await surveys.exportDeck(
                by,
                e.id,
                dataset.id,
                deckQuerySchema.parse({ banners: `${DEMO_SURVEY_KEYS.age},${DEMO_SURVEY_KEYS.method}`, weighting: weighting.id }),
                exportDeckXlsx,
              );
            },
          });
          steps.push({
            day: survey.day + 2,
            hour: 10,
            run: async () => {
              // The analyst codes the open answers (Q12) into themes; one answer the keywords miss is coded by hand.
              const frame = await coding.create(
                by,
                e.id,
                dataset.id,
                createCodeframeRequestSchema.parse({ question: DEMO_SURVEY_KEYS.comments, codes: demoOpenCodes }),
              );
              const missed = frame.results.uncoded.answers.find((a) => a.text.includes('安い'));
              if (missed) await coding.override(by, e.id, dataset.id, frame.id, { respondent: missed.respondent, codes: ['price'] });
            },
          });
        },
      });
    const sizing = c.sizing;
    if (sizing)
      steps.push({
        day: sizing.day,
        hour: 14,
        run: async () => {
          const by = await people.ctx(sizing.by);
          await marketSizing.createSizing(by, e.id, saveSizingRequestSchema.parse({ sizing: demoSizing, note: '統計と調査結果から' }));
          await marketSizing.createSizing(
            by,
            e.id,
            saveSizingRequestSchema.parse({ sizing: demoSizingBottomUp, note: '調査の加重済み比率から' }),
          );
          await marketSizing.createMatrix(
            by,
            e.id,
            saveMatrixRequestSchema.parse({ matrix: demoCompetitors, positioning: { x: 'monthly_price', y: 'auto_category' } }),
          );
        },
      });
    const ip = c.patents;
    if (ip)
      steps.push({
        day: ip.day,
        hour: 11,
        run: async () => {
          const by = await people.ctx(ip.by);
          const corpus = await patents.createCorpus(by, e.id, { name: ip.corpus });
          const file = new TextEncoder().encode(
            `${demoFtoCorpus()
              .map((r) => JSON.stringify(r))
              .join('\n')}\n`,
          );
          await patents.importFile(
            by,
            e.id,
            corpus.id,
            { format: 'jsonl', filename: 'fto-corpus.jsonl' },
            (async function* () {
              yield file;
            })(),
          );
          await patents.createSavedSearch(by, e.id, {
            title: ip.search.title,
            steps: ip.search.steps.map((st) => (isStepCombination(st.query) ? { query: st.query } : { ...st, corpusId: corpus.id })),
            note: '日本語と英語の検索式を合わせ、分類で絞り込んだ母集合',
          });
        },
      });
    for (const d of c.documents ?? []) {
      steps.push({
        day: d.day,
        hour: 9,
        run: async () => {
          const stored = await documents.upload(await people.ctx(d.by), e.id, { name: d.name, classification: d.classification }, [
            await d.content(),
          ]);
          const grant = d.grant;
          if (grant)
            steps.push({
              day: grant.day,
              hour: 9,
              run: async () =>
                documents.grant(await people.ctx(grant.by), e.id, stored.id, {
                  grantee: grant.to === 'team' ? { kind: 'team' } : { kind: 'user', userId: await people.userId(grant.to) },
                  access: grant.access,
                  days: grant.days,
                }),
            });
        },
      });
    }
    // Steps may add later steps (answers, decisions): run them in time order until none are left.
    while (steps.length > 0) {
      steps.sort((a, b) => a.day - b.day || a.hour - b.hour);
      const next = steps.shift();
      if (!next) break;
      at(next.day, next.hour);
      await next.run();
    }
    const manager = c.bids[c.winner]?.manager ?? '';
    timeCases.push({
      engagementId: e.id,
      client: { admin: adminOf(c.client.owner), owner: c.client.owner, reviewers: c.client.reviewers },
      provider: { admin: adminOf(manager), manager, analysts: c.analysts },
    });
    created++;
  }
  clock.set(now.getTime());
  // Hours on the engagements just made (issue #14): eight weeks of both sides' time, the weeks' approvals.
  // Contracted hours, leave and half a year of weekly plans on them (the capacity board).
  await seedDemoTime(time, people, timeCases, isoDate(now.getTime()), capacity);
  if (timeCases.length > 0) await seedDemoStaffedAward(engagements, people, isoDate(now.getTime()), now.getTime());
  return created;
}

/** The client and the provider of the award made today, and what it asks for. */
const STAFFED_AWARD = {
  owner: 'owner@towa-medical.example',
  manager: 'manager@knowledge-bridge.example',
  title: '在宅透析装置の国内市場規模の追加推計',
};

/**
 * An award made today that goes through the staffing path (decision 0011, "Staffing plans and the
 * award"): the medical-device maker asks Knowledge Bridge for a short follow-up, whose delivery
 * manager bids with a staffing plan naming the busy analyst for the rest of the month
 * (`demoAwardStaffing`); the award puts them on the team with those weeks planned, which takes their
 * month near the 45 h limit — the managers and the analyst are told (`staffing.load_warning`), and
 * the proposal tab, the load page and the board show it. All through the services, audited as any award.
 */
async function seedDemoStaffedAward(engagements: EngagementServices, people: Cast, today: string, nowMs: number) {
  const weeks = demoAwardStaffing(today);
  if (weeks.length === 0) return;
  const owner = await people.ctx(STAFFED_AWARD.owner);
  const manager = await people.ctx(STAFFED_AWARD.manager);
  const day = (n: number) => isoDate(nowMs + n * DAY);
  let e = await engagements.create(owner, {
    type: 'market_research',
    title: STAFFED_AWARD.title,
    codeName: null,
    objectives: '在宅透析装置の国内市場規模を、施設調査の結果を踏まえて見直す。',
    scope: '日本国内、2026〜2030 年。公開統計と既存調査の再集計。',
    expectedDeliverables: ['市場規模の追加推計'],
    classification: 'confidential',
    budget: { amount: 1_500_000, currency: 'JPY' },
    targetStart: day(1),
    targetEnd: day(45),
  });
  e = await engagements.inviteProviders(owner, e.id, [await people.orgId(STAFFED_AWARD.manager)]);
  e = await engagements.transition(owner, e.id, { action: 'request', version: e.version });
  const draft = await engagements.proposals.save(manager, e.id, {
    proposal: {
      approach: '公開統計と既存調査の再集計で、前回の推計を更新します。',
      team: [{ role: 'アナリスト', name: null, hoursPerWeek: 40 }],
      milestones: [{ key: 'estimate', title: '追加推計', dueDate: day(40), weight: 100, deliverables: ['追加推計レポート'] }],
      fee: { type: 'fixed', amount: { amount: 1_200_000, currency: 'JPY' } },
      assumptions: '統計は公開されているものを使う前提です。',
      cadenceDays: 7,
    },
    version: 0,
    staffing: [{ userId: await people.userId(DEMO_BUSY_ANALYST), role: 'analyst', weeks }],
  });
  const bid = await engagements.proposals.submit(manager, e.id, { version: draft.version });
  e = party(await engagements.get(owner, e.id));
  await engagements.proposals.award(owner, e.id, { proposalId: bid.id, version: e.version });
}
