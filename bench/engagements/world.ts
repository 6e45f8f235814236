// The benchmark's world: 50 client organisations, 10 providers and 10,000 engagements with the
// history a real one has (invitations, proposals, an award, an approved SOW, a team, milestones
// with review rounds, status updates on a cadence, questions with answers, a few change
// requests). Deterministic: the same seed and the same "now" give the same rows.
//
// The derived columns of each engagement (next_update_due_at, next_answer_due_at, …) are computed
// with the real `derivedState` of src/core/engagements/control.ts from the very history written.
import type { Insertable } from 'kysely';
import { addBusinessDays, addDays, jstDate } from '../../src/core/engagements/business-days.js';
import { derivedState, type EngagementHistory } from '../../src/core/engagements/control.js';
import type { DB } from '../../src/infra/db/schema.js';
import type { EngagementStatus, EngagementType, FeeTerms, ProposalInput, Rag, SowContent } from '../../src/shared/contracts/engagements.js';
import type { Role } from '../../src/shared/roles.js';

export const BENCH_PASSWORD = 'kpo-bench-2026!';
const DAY = 86_400_000;
const HOUR = 3_600_000;

// ---------- a small seeded PRNG (mulberry32) ----------

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** The next 32 random bits. */
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  next(): number {
    return this.u32() / 4294967296;
  }
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hi: number): number {
    return Math.floor(this.between(lo, hi + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.next() * xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  }
  /** An index drawn with the given weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = this.next() * total;
    for (const [i, w] of weights.entries()) {
      r -= w;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  uuid(): string {
    const h = (x: number) => x.toString(16).padStart(8, '0');
    const s = h(this.u32()) + h(this.u32()) + h(this.u32()) + h(this.u32());
    const variant = ((Number.parseInt(s.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`;
  }
}

// ---------- organisations and people ----------

export interface PersonSpec {
  key: string;
  email: string;
  displayName: string;
  roles: Role[];
}
export interface OrgSpec {
  key: string;
  name: string;
  kind: 'client' | 'provider';
  people: PersonSpec[];
}

const FAMILY = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木', '松本', '井上'];
const GIVEN = ['翔太', '美咲', '大輔', '陽子', '健一', '直子', '拓也', '彩', '誠', '由美', '亮', '恵', '悠人', '真理子', '剛'];
const CLIENT_WORDS = ['ミライ', '東和', '丸の内', 'さくら', '北斗', '青葉', '光洋', '大和', '日進', '昭栄'];
const CLIENT_KINDS = ['製薬', '電機', 'キャピタル証券', '化学', 'フーズ', 'モビリティ', 'メディカル', '精機', '商事', 'ソフトウェア'];
const PROVIDER_NAMES = [
  'ナレッジブリッジ・リサーチ',
  'アジア知財アナリティクス',
  'インサイト・パートナーズ',
  'データフォレスト',
  '東京バリュエーション',
  'パテントワークス',
  'マーケットレンズ',
  'ブルーオーシャン調査',
  'リサーチゲート・ジャパン',
  'クオンツ・アドバイザリー',
];
/** How the awarded work is shared between the ten providers: the first one is the big one. */
export const PROVIDER_WEIGHTS = [25, 18, 13, 10, 8, 7, 6, 5, 4, 4];

const pad = (n: number) => String(n).padStart(2, '0');

export function worldOrgs(clients = 50, providers = 10): OrgSpec[] {
  const rng = new Rng(7);
  const person = (domain: string, local: string, roles: Role[]): PersonSpec => ({
    key: local,
    email: `${local}@${domain}`,
    displayName: `${rng.pick(FAMILY)} ${rng.pick(GIVEN)}`,
    roles,
  });
  const orgs: OrgSpec[] = [];
  for (let c = 1; c <= clients; c++) {
    const domain = `c${pad(c)}.bench.example`;
    const name = `株式会社${CLIENT_WORDS[(c - 1) % 10]}${CLIENT_KINDS[Math.floor((c - 1) / 10) % 10]}（bench ${pad(c)}）`;
    orgs.push({
      key: `c${pad(c)}`,
      name,
      kind: 'client',
      people: [
        person(domain, 'admin', ['client_admin']),
        ...[1, 2, 3].map((i) => person(domain, `owner${i}`, ['engagement_owner'])),
        ...[1, 2, 3].map((i) => person(domain, `reviewer${i}`, ['reviewer'])),
      ],
    });
  }
  for (let p = 1; p <= providers; p++) {
    const domain = `p${pad(p)}.bench.example`;
    orgs.push({
      key: `p${pad(p)}`,
      name: `${PROVIDER_NAMES[(p - 1) % PROVIDER_NAMES.length]}株式会社（bench ${pad(p)}）`,
      kind: 'provider',
      people: [
        person(domain, 'admin', ['provider_admin']),
        ...[1, 2].map((i) => person(domain, `manager${i}`, ['delivery_manager'])),
        ...[1, 2, 3].map((i) => person(domain, `lead${i}`, ['analyst'])),
        ...[1, 2, 3, 4, 5, 6].map((i) => person(domain, `analyst${i}`, ['analyst'])),
      ],
    });
  }
  return orgs;
}

/** The ids the services gave each organisation and person. */
export interface OrgIds {
  id: string;
  people: Record<string, string>;
}
export type WorldIds = Record<string, OrgIds>;

// ---------- engagement history ----------

export interface WorldRows {
  engagements: Insertable<DB['engagements']>[];
  engagement_providers: Insertable<DB['engagement_providers']>[];
  engagement_team: Insertable<DB['engagement_team']>[];
  proposals: Insertable<DB['proposals']>[];
  sow_versions: Insertable<DB['sow_versions']>[];
  milestones: Insertable<DB['milestones']>[];
  milestone_reviews: Insertable<DB['milestone_reviews']>[];
  status_updates: Insertable<DB['status_updates']>[];
  questions: Insertable<DB['questions']>[];
  question_messages: Insertable<DB['question_messages']>[];
  change_requests: Insertable<DB['change_requests']>[];
}
export const TABLE_ORDER: (keyof WorldRows)[] = [
  'engagements',
  'engagement_providers',
  'engagement_team',
  'proposals',
  'change_requests',
  'sow_versions',
  'milestones',
  'milestone_reviews',
  'status_updates',
  'questions',
  'question_messages',
];

/** Two-character words as Japanese users search (issue #15): common ones (特許, 市場: over 1,000 of 10,000 names) and rare ones. */
export const SHORT_WORDS = ['特許', '市場', '物流', '医療', '冷凍', '銀行', '配車', 'ペッ'];

export const SUBJECTS = [
  '半導体',
  '蓄電池',
  'バルーンカテーテル',
  '家計簿アプリ',
  '電動自転車',
  '再生医療',
  '植物由来の代替肉',
  'ドローン物流',
  '産業用ロボット',
  '洋上風力',
  '水素ステーション',
  'サブスク型動画配信',
  '介護ロボット',
  'スマート農業',
  '医療用 AI 画像診断',
  'EV 充電インフラ',
  'フィンテック決済',
  '冷凍食品',
  'ペットフード',
  '化粧品 EC',
  '地方銀行の DX',
  '半導体製造装置',
  '全固体電池',
  'ゲノム編集',
  '量子暗号通信',
  '建設 DX',
  'インバウンド観光',
  'クラフトビール',
  '高齢者向け保険',
  'サイバーセキュリティ',
  '衛星データ',
  '抗体医薬',
  'リチウム資源',
  '中古スマートフォン',
  '教育 SaaS',
  '物流倉庫の自動化',
  '代替たんぱく質',
  '電子カルテ',
  '配車アプリ',
  '太陽光パネル',
];
const CODE_NAMES = ['Sakura', 'Fuji', 'Kaede', 'Tsubaki', 'Hinoki', 'Asahi', 'Kirin', 'Suzaku', 'Genbu', 'Byakko', 'Seiryu', 'Hotaru'];
const TITLES: Record<EngagementType, ((s: string, n: number) => string)[]> = {
  market_research: [
    (s) => `${s}市場の規模と競合調査`,
    (s, n) => `${s}に関する消費者調査（n=${n * 100}）`,
    (s) => `${s}ローンチ前の市場調査`,
    (s) => `${s}の価格受容性調査`,
  ],
  patent_research: [
    (s) => `${s}に関する FTO 調査`,
    (s) => `${s}の先行技術調査`,
    (s) => `${s}関連特許の無効資料調査`,
    (s) => `${s}の特許ランドスケープ`,
  ],
  financial_modeling: [
    (s) => `${s}事業者の買収に向けた DCF バリュエーション`,
    (s) => `${s}事業の 5 か年事業計画モデル`,
    (s) => `${s}分野の類似会社比較とバリュエーション`,
  ],
  other: [(s) => `${s}の業界動向レポート`, (s) => `${s}に関する専門家インタビュー`],
};
const DELIVERABLES: Record<EngagementType, string[]> = {
  market_research: ['市場規模推計（TAM/SAM/SOM）', '競合比較マトリクス', '消費者調査の集計とクロス集計', '最終報告書'],
  patent_research: ['検索式と検索結果一覧', 'クレームチャート', 'FTO 意見書', '先行技術文献リスト'],
  financial_modeling: ['財務モデル（.xlsx）', 'バリュエーション・サマリー', '感応度分析', '類似会社比較表'],
  other: ['業界動向レポート', 'インタビュー記録', 'エグゼクティブ・サマリー'],
};
const MILESTONE_TITLES: Record<EngagementType, string[]> = {
  market_research: ['デスクリサーチと競合比較', '調査票の設計', '消費者調査の実施', 'クロス集計と分析', '市場規模推計と最終報告'],
  patent_research: ['検索戦略と母集合', '一次スクリーニング', '重要特許の特定', 'クレームチャート', 'FTO 意見と最終報告'],
  financial_modeling: ['過去財務の分析', '事業計画の前提', 'DCF モデル初版', '感応度分析', '最終版とサマリー'],
  other: ['文献調査', '専門家インタビュー', '論点整理', 'ドラフト', '最終報告'],
};
const DONE = [
  '競合 10 社の機能と価格を収集しました。',
  '検索式の初版を作成しました（母集合 3,420 件）。',
  '過去 5 期の財務データを整理しました。',
  '調査票を確定し、パネル会社に発注しました。',
  '一次スクリーニング 1,200 件を完了しました。',
  'クロス集計の初版を作成しました。',
  '専門家 4 名へのインタビューを終えました。',
  'WACC の前提を確定しました。',
];
const NEXT = [
  '比較マトリクスの作成',
  'ノイズ除去と検索式の確定',
  '事業計画の前提の確認',
  '回収完了と集計',
  '二次スクリーニング',
  '有意差検定とレポート作成',
  '追加インタビューの設定',
  '感応度分析',
];
const RISKS = ['パネル会社の日程が遅れる可能性', '米国の継続出願の追跡に時間がかかる', '開示資料の不足', '回収率が想定を下回る可能性'];
const QUESTIONS = [
  ['既存顧客データの提供可否', 'ベータ版ユーザーの属性データを共有いただけますか。'],
  ['競合の定義', '銀行系アプリも競合に含めますか。'],
  ['製品仕様書の版', '最新版仕様書（第 3 版）の記載で確定ですか。'],
  ['失効特許の扱い', '年金未納で失効した特許は対象外としてよいですか。'],
  ['価格帯の仮説', '月額 300 円と 500 円のどちらを主案として検証しますか。'],
  ['WACC の前提', 'ベータは類似 5 社の中央値でよろしいですか。'],
  ['報告書の形式', '最終報告は日英併記が必要ですか。'],
  ['インタビュー対象', '競合の元社員へのインタビューは可能ですか。'],
];
const ANSWERS = [
  'はい、それで進めてください。',
  '匿名化したうえで本日共有します。',
  '含めます。上位 3 社を追加してください。',
  '社内で確認のうえ明日回答します。',
];

export interface WorldOptions {
  engagements: number;
  seed: number;
  now: Date;
}

interface Plan {
  content: SowContent;
  /** Due dates as in force (after an approved change request). */
  milestones: {
    id: string;
    key: string;
    title: string;
    baselineDueDate: string;
    dueDate: string;
    weight: number;
    deliverables: string[];
  }[];
}

const STATUS_WEIGHTS: [EngagementStatus, number][] = [
  ['in_progress', 62],
  ['contracted', 8],
  ['delivered', 7],
  ['accepted', 13],
  ['on_hold', 5],
  ['requested', 5],
];

const emptyRows = (): WorldRows => ({
  engagements: [],
  engagement_providers: [],
  engagement_team: [],
  proposals: [],
  sow_versions: [],
  milestones: [],
  milestone_reviews: [],
  status_updates: [],
  questions: [],
  question_messages: [],
  change_requests: [],
});

/** Every engagement's rows; the derived columns come from the real `derivedState`. */
export function generateEngagements(ids: WorldIds, orgs: readonly OrgSpec[], options: WorldOptions): WorldRows {
  const all = emptyRows();
  for (const chunk of engagementChunks(ids, orgs, options, Number.POSITIVE_INFINITY))
    for (const table of TABLE_ORDER) (all[table] as unknown[]).push(...(chunk[table] as unknown[]));
  return all;
}

/**
 * The same rows, `chunkSize` engagements (with all their history) at a time, so that 100,000
 * engagements need not sit in memory at once: each chunk refers only to its own engagements.
 */
export function* engagementChunks(ids: WorldIds, orgs: readonly OrgSpec[], options: WorldOptions, chunkSize: number): Generator<WorldRows> {
  const rng = new Rng(options.seed);
  const now = options.now.getTime();
  const clients = orgs.filter((o) => o.kind === 'client');
  const providers = orgs.filter((o) => o.kind === 'provider');
  let rows = emptyRows();
  const idOf = (org: OrgSpec) => {
    const o = ids[org.key];
    if (!o) throw new Error(`no ids for ${org.key}`);
    return o;
  };
  const person = (org: OrgSpec, key: string) => {
    const id = idOf(org).people[key];
    if (!id) throw new Error(`no ${key} in ${org.key}`);
    return id;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  /** A time during the Japanese working day (09:00–19:00 JST) on the day of `ms`. */
  const workHours = (ms: number) => {
    const jstMidnight = Math.floor((ms + 9 * HOUR) / DAY) * DAY - 9 * HOUR;
    return jstMidnight + 9 * HOUR + rng.between(0, 10 * HOUR);
  };
  const dateAt = (d: string) => Date.parse(`${d}T18:00:00+09:00`);

  for (let i = 0; i < options.engagements; i++) {
    if (i > 0 && i % chunkSize === 0) {
      yield rows;
      rows = emptyRows();
    }
    const client = clients[i % clients.length];
    if (!client) throw new Error('no clients');
    const clientId = idOf(client).id;
    const owner = person(client, `owner${rng.int(1, 3)}`);
    const reviewer = person(client, `reviewer${rng.int(1, 3)}`);
    const status = (STATUS_WEIGHTS[rng.weighted(STATUS_WEIGHTS.map(([, w]) => w))] ?? STATUS_WEIGHTS[0])?.[0] as EngagementStatus;
    const type = (['market_research', 'patent_research', 'financial_modeling', 'other'] as const)[rng.weighted([40, 30, 25, 5])] ?? 'other';
    const subject = rng.pick(SUBJECTS);
    const title = rng.pick(TITLES[type])(subject, rng.int(3, 20));
    const codeName = rng.chance(type === 'financial_modeling' ? 0.6 : 0.12) ? `Project ${rng.pick(CODE_NAMES)} ${rng.int(1, 99)}` : null;
    const id = rng.uuid();

    // The timeline: created → requested → proposals → award → SOW approved → work → delivery.
    let workStart: number | null = null;
    let award: number;
    let cutoff = now - HOUR; // history stops here (hold, delivery, or now)
    let holdAt: number | null = null;
    const duration = rng.int(40, 110); // days of planned work
    if (status === 'requested')
      award = now - rng.between(1, 12) * DAY; // never happens; only the request date counts
    else if (status === 'contracted') award = now - rng.between(2, 20) * DAY;
    else {
      const ago =
        status === 'in_progress'
          ? rng.between(14, 80)
          : status === 'on_hold'
            ? rng.between(30, 120)
            : status === 'delivered'
              ? duration + rng.between(25, 60)
              : duration + rng.between(30, 300);
      workStart = workHours(now - ago * DAY);
      award = workStart - rng.between(3, 10) * DAY;
      if (status === 'on_hold') {
        holdAt = now - rng.between(3, 25) * DAY;
        cutoff = holdAt;
      }
    }
    const created = workHours(award - rng.between(7, 21) * DAY);
    const requested = created + rng.between(2, 30) * HOUR;

    // Invitations and proposals: the awarded provider, drawn by weight, and one or two others.
    const awardedIdx = status === 'requested' ? -1 : rng.weighted(PROVIDER_WEIGHTS);
    const invited = new Set<number>(awardedIdx >= 0 ? [awardedIdx] : []);
    const wanted = rng.int(2, 3);
    while (invited.size < wanted) invited.add(rng.weighted(PROVIDER_WEIGHTS));
    const awarded = awardedIdx >= 0 ? providers[awardedIdx] : undefined;
    const awardedId = awarded ? idOf(awarded).id : null;

    // Fee, budget, plan.
    const fee: FeeTerms = rng.chance(0.75)
      ? { type: 'fixed', amount: { amount: rng.int(20, 120) * 100_000, currency: 'JPY' } }
      : {
          type: 'time_and_materials',
          rateCard: [
            {
              role: 'シニアアソシエイト',
              hourlyRate: { amount: rng.int(14, 22) * 1000, currency: 'JPY' },
              estimatedHours: rng.int(10, 30) * 10,
            },
            { role: 'アナリスト', hourlyRate: { amount: rng.int(7, 11) * 1000, currency: 'JPY' }, estimatedHours: rng.int(15, 40) * 10 },
          ],
          cap: rng.chance(0.6) ? { amount: rng.int(40, 90) * 100_000, currency: 'JPY' } : null,
        };
    const feeTotal =
      fee.type === 'fixed' ? fee.amount.amount : fee.rateCard.reduce((s, r) => s + r.hourlyRate.amount * r.estimatedHours, 0);
    const budget = rng.chance(0.9) ? { amount: Math.round((feeTotal * rng.between(1.0, 1.35)) / 10_000) * 10_000, currency: 'JPY' } : null;
    const startDate = workStart !== null ? jstDate(new Date(workStart)) : jstDate(new Date(now + rng.between(1, 14) * DAY));
    const endDate = addDays(startDate, duration);
    const n = rng.int(3, 5);
    const weights = Array.from({ length: n }, () => rng.between(1, 3));
    const wsum = weights.reduce((s, w) => s + w, 0);
    const intWeights = weights.map((w) => Math.round((w / wsum) * 100));
    intWeights[n - 1] = 100 - intWeights.slice(0, n - 1).reduce((s, w) => s + w, 0);
    const titles = MILESTONE_TITLES[type];
    const planned = Array.from({ length: n }, (_, k) => ({
      key: `m${k + 1}`,
      title: titles[k] ?? `マイルストーン ${k + 1}`,
      dueDate: k === n - 1 ? endDate : addDays(startDate, Math.round((duration * (k + 1)) / n)),
      weight: intWeights[k] ?? 0,
      deliverables: [rng.pick(DELIVERABLES[type])],
    }));
    const cadenceDays = rng.chance(0.8) ? 7 : 14;
    const deliverables = DELIVERABLES[type].slice(0, rng.int(2, 4));
    const scope = `${subject}を対象に、日本国内と主要海外市場を調べる。${rng.pick(['公開情報と有料データベース', '専門家インタビュー', 'Web パネル調査'])}を用いる。`;
    const v1: SowContent = {
      scope,
      deliverables,
      milestones: planned,
      fee,
      cadenceDays,
      answerSla: { clientBusinessDays: 2, providerBusinessDays: 2 },
      reviewSlaBusinessDays: 5,
      startDate,
      endDate,
      assumptions: '依頼者は初週に社内データを提供する。',
    };

    const provOrg = awarded;
    const lead = provOrg ? person(provOrg, `lead${rng.int(1, 3)}`) : null;
    const analysts = provOrg ? [person(provOrg, `analyst${rng.int(1, 6)}`)] : [];
    if (provOrg && rng.chance(0.25)) {
      const second = person(provOrg, `analyst${rng.int(1, 6)}`);
      if (!analysts.includes(second)) analysts.push(second);
    }

    // Invited providers and proposals.
    let awardedProposalId: string | null = null;
    for (const idx of invited) {
      const p = providers[idx];
      if (!p) continue;
      const pid = idOf(p).id;
      const invitedAt = requested;
      let epStatus: string;
      if (status === 'requested') epStatus = 'invited';
      else if (idx === awardedIdx) epStatus = 'awarded';
      else epStatus = rng.chance(0.25) ? 'declined' : 'not_awarded';
      rows.engagement_providers.push({
        engagement_id: id,
        provider_org_id: pid,
        status: epStatus,
        invited_at: iso(invitedAt),
        status_changed_at: iso(invitedAt),
        invited_by: owner,
      });
      const proposes = status !== 'requested' && (idx === awardedIdx || (epStatus === 'not_awarded' && rng.chance(0.8)));
      if (proposes) {
        const submitted = requested + rng.between(2, 6) * DAY;
        const content: ProposalInput = {
          approach: `${subject}について、${rng.pick(['二次情報の整理', '専門家インタビュー', 'Web パネル調査', '特許データベース検索'])}を中心に進めます。`,
          team: [{ role: 'リードアナリスト', name: null, hoursPerWeek: rng.int(10, 30) }],
          milestones: planned,
          fee,
          assumptions: v1.assumptions,
          cadenceDays,
        };
        const pr = rng.uuid();
        if (idx === awardedIdx) awardedProposalId = pr;
        rows.proposals.push({
          id: pr,
          engagement_id: id,
          provider_org_id: pid,
          status: idx === awardedIdx ? 'awarded' : 'not_awarded',
          content: JSON.stringify(content),
          fee_amount: fee.type === 'fixed' ? fee.amount.amount : feeTotal,
          fee_currency: 'JPY',
          submitted_at: iso(submitted),
          created_at: iso(submitted - rng.between(1, 24) * HOUR),
          updated_at: iso(award),
          version: 3,
        });
      }
    }

    // The team.
    rows.engagement_team.push({ engagement_id: id, user_id: owner, side: 'client', role: 'owner', assigned_at: iso(created) });
    let plan: Plan | null = null;
    const reviews: EngagementHistory['reviews'][number][] = [];
    const updates: EngagementHistory['updates'][number][] = [];
    const questions: EngagementHistory['questions'][number][] = [];
    const milestoneHistory: EngagementHistory['milestones'][number][] = [];
    let workEnd: number | null = null;
    let lastEvent = status === 'requested' ? requested : award;
    const bump = (t: number) => {
      if (t > lastEvent) lastEvent = t;
    };

    if (status !== 'requested' && provOrg && lead) {
      const sowApproved = award + rng.between(0.5, 3) * DAY;
      bump(sowApproved);
      rows.engagement_team.push({ engagement_id: id, user_id: reviewer, side: 'client', role: 'reviewer', assigned_at: iso(award) });
      rows.engagement_team.push({ engagement_id: id, user_id: lead, side: 'provider', role: 'lead', assigned_at: iso(award + 2 * HOUR) });
      for (const a of analysts)
        rows.engagement_team.push({ engagement_id: id, user_id: a, side: 'provider', role: 'analyst', assigned_at: iso(award + 3 * HOUR) });
      rows.sow_versions.push({
        engagement_id: id,
        version: 1,
        content: JSON.stringify(v1),
        reason: 'award',
        change_request_id: null,
        created_by: owner,
        created_at: iso(award),
        client_approved_by: owner,
        client_approved_at: iso(sowApproved - 2 * HOUR),
        provider_approved_by: person(provOrg, 'manager1'),
        provider_approved_at: iso(sowApproved),
      });
      plan = { content: v1, milestones: planned.map((m) => ({ ...m, id: rng.uuid(), baselineDueDate: m.dueDate })) };

      // A change request moving the last milestone (and the end) a week later, approved: SOW v2.
      if (workStart !== null && rng.chance(0.08)) {
        const proposedAt = workStart + duration * 0.3 * DAY;
        const decidedAt = proposedAt + rng.between(4, 30) * HOUR;
        if (decidedAt < cutoff) {
          const last = plan.milestones[n - 1];
          if (last) {
            const moved = addDays(last.dueDate, 7);
            const crId = rng.uuid();
            const v2: SowContent = {
              ...v1,
              endDate: moved,
              milestones: v1.milestones.map((m, k) => (k === n - 1 ? { ...m, dueDate: moved } : m)),
            };
            rows.change_requests.push({
              id: crId,
              engagement_id: id,
              summary: '最終報告の締切を 1 週間延長',
              reason: 'データ提供の遅れにより、分析の開始が 1 週間遅れるため。',
              changes: JSON.stringify({ milestones: [{ key: last.key, dueDate: moved }], endDate: moved }),
              proposed_by: lead,
              proposed_by_side: 'provider',
              proposed_at: iso(proposedAt),
              status: 'approved',
              decided_by: owner,
              decided_at: iso(decidedAt),
              comment: null,
              resulting_sow_version: 2,
            });
            rows.sow_versions.push({
              engagement_id: id,
              version: 2,
              content: JSON.stringify(v2),
              reason: 'change_request',
              change_request_id: crId,
              created_by: lead,
              created_at: iso(decidedAt),
              client_approved_by: owner,
              client_approved_at: iso(decidedAt),
              provider_approved_by: lead,
              provider_approved_at: iso(decidedAt),
            });
            last.dueDate = moved;
            plan.content = v2;
            bump(decidedAt);
          }
        }
      }

      // Milestones: worked in order; submitted, sometimes sent back, accepted.
      let cursor = workStart ?? Number.POSITIVE_INFINITY;
      let blocked = workStart === null;
      const msRows = plan.milestones.map((m, k) => ({
        ...m,
        position: k,
        status: 'planned' as 'planned' | 'in_progress' | 'submitted' | 'accepted',
        startedAt: null as number | null,
        submittedAt: null as number | null,
        acceptedAt: null as number | null,
        reworkRounds: 0,
      }));
      const finishing = status === 'delivered' || status === 'accepted';
      for (const [k, m] of msRows.entries()) {
        if (blocked) break;
        m.startedAt = cursor;
        m.status = 'in_progress';
        const due = dateAt(m.dueDate);
        const roll = rng.next();
        const lastOfDelivered = status === 'delivered' && k === msRows.length - 1;
        // Submitted on time (early), late, or (running work only) not yet.
        let submitAt = roll < 0.8 ? due - rng.between(0, 3) * DAY : due + rng.between(1, 7) * DAY;
        submitAt = Math.max(submitAt, cursor + 2 * HOUR);
        if (!finishing && roll > 0.93) submitAt = Number.POSITIVE_INFINITY; // stuck: overdue when its date passes
        if (finishing) submitAt = Math.max(cursor + HOUR, Math.min(submitAt, cutoff - (msRows.length - k) * 6 * HOUR));
        // A delivered engagement's final deliverable came in during the last week or so.
        if (lastOfDelivered) submitAt = Math.max(cursor + HOUR, now - rng.between(0.5, 9) * DAY);
        if (submitAt > cutoff) {
          blocked = true;
          break;
        }
        m.submittedAt = submitAt;
        m.status = 'submitted';
        reviews.push({ milestoneId: m.id, title: m.title, kind: 'submitted', at: iso(submitAt) });
        let decideAt = submitAt + rng.between(2, 100) * HOUR;
        if (!lastOfDelivered && rng.chance(0.15)) {
          // One rework round.
          if (decideAt > cutoff && !finishing) {
            blocked = true;
            break;
          }
          reviews.push({ milestoneId: m.id, title: m.title, kind: 'sent_back', at: iso(decideAt) });
          m.reworkRounds = 1;
          const again = decideAt + rng.between(1, 4) * DAY;
          if (again > cutoff && !finishing) {
            m.status = 'in_progress';
            blocked = true;
            break;
          }
          reviews.push({ milestoneId: m.id, title: m.title, kind: 'submitted', at: iso(again) });
          m.submittedAt = again;
          decideAt = again + rng.between(2, 100) * HOUR;
        }
        // A review still pending: the client has not decided yet (some of them late).
        const pending = lastOfDelivered || (!finishing && (decideAt > cutoff || rng.chance(0.06)));
        if (pending) {
          blocked = !finishing;
          if (!finishing) break;
          continue;
        }
        if (finishing) decideAt = Math.max((m.submittedAt ?? submitAt) + HOUR, Math.min(decideAt, now - 2 * HOUR));
        reviews.push({ milestoneId: m.id, title: m.title, kind: 'accepted', at: iso(decideAt) });
        m.acceptedAt = decideAt;
        m.status = 'accepted';
        cursor = decideAt;
      }
      if (finishing) {
        workEnd = Math.max(...msRows.map((m) => m.submittedAt ?? 0));
        for (const m of msRows) bump(Math.max(m.submittedAt ?? 0, m.acceptedAt ?? 0));
      }
      for (const r of reviews) bump(Date.parse(r.at));
      for (const m of msRows) {
        rows.milestones.push({
          id: m.id,
          engagement_id: id,
          key: m.key,
          position: m.position,
          title: m.title,
          baseline_due_date: m.baselineDueDate,
          due_date: m.dueDate,
          weight: m.weight,
          deliverables: JSON.stringify(m.deliverables),
          status: m.status,
          started_at: m.startedAt === null ? null : iso(m.startedAt),
          submitted_at: m.submittedAt === null ? null : iso(m.submittedAt),
          accepted_at: m.acceptedAt === null ? null : iso(m.acceptedAt),
          rework_rounds: m.reworkRounds,
        });
        milestoneHistory.push({
          id: m.id,
          title: m.title,
          baselineDueDate: m.baselineDueDate,
          dueDate: m.dueDate,
          weight: m.weight,
          status: m.status,
          acceptedAt: m.acceptedAt === null ? null : iso(m.acceptedAt),
        });
      }
      for (const r of reviews) {
        const byProvider = r.kind === 'submitted';
        rows.milestone_reviews.push({
          id: rng.uuid(),
          milestone_id: r.milestoneId,
          engagement_id: id,
          kind: r.kind,
          at: r.at,
          by_user_id: byProvider ? lead : owner,
          comment: r.kind === 'sent_back' ? '前提の出典を追記してください。' : null,
        });
      }

      // Status updates on the cadence: the next one falls due a cadence after the last.
      if (workStart !== null) {
        const updatesUntil = finishing
          ? (workEnd ?? cutoff)
          : status === 'in_progress' && rng.chance(0.12)
            ? now - (cadenceDays + rng.between(1, 6)) * DAY
            : cutoff;
        const cadenceMs = cadenceDays * DAY;
        let due = workStart + cadenceMs;
        let last = workStart;
        let progress = 0;
        let rag: Rag = 'green';
        const tm = fee.type === 'time_and_materials';
        for (;;) {
          let at = rng.chance(0.75) ? due - rng.between(0.05, 2.5) * DAY : due + rng.between(0.05, 2) * DAY;
          at = Math.max(at, last + HOUR);
          if (at > updatesUntil) break;
          const elapsed = (at - workStart) / (duration * DAY);
          progress = Math.min(finishing ? 100 : 95, Math.max(progress + 1, Math.round(elapsed * 100 + rng.between(-8, 5))));
          if (rng.chance(0.25)) rag = rng.pick(['green', 'green', 'amber', 'amber', 'red'] as const);
          const u = {
            id: rng.uuid(),
            postedAt: iso(at),
            progressPct: progress,
            rag,
            hoursSpent: tm ? Math.round(rng.between(15, 70)) : null,
          };
          updates.push(u);
          rows.status_updates.push({
            id: u.id,
            engagement_id: id,
            author_user_id: rng.chance(0.7) ? lead : (analysts[0] ?? lead),
            posted_at: u.postedAt,
            progress_pct: u.progressPct,
            rag: u.rag,
            done: rng.pick(DONE),
            next: rng.pick(NEXT),
            blockers: rng.chance(0.2) ? 'データ提供待ち' : '',
            risks: rag === 'green' ? '' : rng.pick(RISKS),
            hours_spent: u.hoursSpent,
            due_at: iso(due),
          });
          bump(at);
          last = at;
          due = at + cadenceMs;
        }
      }

      // Questions both ways, mostly answered within the two-business-day SLA.
      const qFrom = workStart ?? award;
      const qUntil = finishing ? (workEnd ?? cutoff) : cutoff;
      const count =
        status === 'contracted'
          ? rng.int(0, 1)
          : status === 'in_progress' || status === 'on_hold'
            ? Math.min(rng.int(2, 4), Math.max(1, Math.floor((qUntil - qFrom) / (5 * DAY))))
            : rng.int(3, 4);
      const times = Array.from({ length: count }, () => rng.between(qFrom, qUntil)).sort((a, b) => a - b);
      for (const [k, askedAt] of times.entries()) {
        const providerAsks = rng.chance(0.6);
        const asker = providerAsks ? (rng.chance(0.5) ? lead : (analysts[0] ?? lead)) : rng.chance(0.7) ? owner : reviewer;
        const answerer = providerAsks ? owner : lead;
        const dueAt = addBusinessDays(new Date(askedAt), 2).getTime();
        const [qTitle, qBody] = rng.pick(QUESTIONS) as [string, string];
        const late = rng.chance(0.15);
        let answeredAt: number | null = askedAt + (late ? rng.between(50, 140) : rng.between(1, 40)) * HOUR;
        const keepOpen = (status === 'in_progress' || status === 'on_hold') && k === times.length - 1 && rng.chance(0.25);
        if (keepOpen || answeredAt > (finishing ? now - HOUR : cutoff)) answeredAt = null;
        const closedAt = answeredAt !== null && rng.chance(0.1) ? Math.min(answeredAt + rng.between(1, 48) * HOUR, now - HOUR) : null;
        const qid = rng.uuid();
        questions.push({
          id: qid,
          title: qTitle,
          askedBySide: providerAsks ? 'provider' : 'client',
          askedAt: iso(askedAt),
          dueAt: iso(dueAt),
          answeredAt: answeredAt === null ? null : iso(answeredAt),
          closedAt: closedAt === null ? null : iso(closedAt),
        });
        rows.questions.push({
          id: qid,
          engagement_id: id,
          title: qTitle,
          body: qBody,
          asked_by: asker,
          asked_by_side: providerAsks ? 'provider' : 'client',
          assignee_user_id: rng.chance(0.3) ? answerer : null,
          asked_at: iso(askedAt),
          due_at: iso(dueAt),
          status: closedAt !== null ? 'closed' : answeredAt !== null ? 'answered' : 'open',
          answered_at: answeredAt === null ? null : iso(answeredAt),
          closed_at: closedAt === null ? null : iso(closedAt),
        });
        bump(askedAt);
        if (answeredAt !== null) {
          rows.question_messages.push({
            id: rng.uuid(),
            question_id: qid,
            author_user_id: answerer,
            side: providerAsks ? 'client' : 'provider',
            body: rng.pick(ANSWERS),
            at: iso(answeredAt),
          });
          bump(answeredAt);
          if (rng.chance(0.25)) {
            const thanks = Math.min(answeredAt + rng.between(1, 20) * HOUR, now - HOUR);
            rows.question_messages.push({
              id: rng.uuid(),
              question_id: qid,
              author_user_id: asker,
              side: providerAsks ? 'provider' : 'client',
              body: 'ありがとうございます。承知しました。',
              at: iso(thanks),
            });
            bump(thanks);
          }
        }
        if (closedAt !== null) bump(closedAt);
      }
    }
    if (holdAt !== null) bump(holdAt);
    const updatedAt = Math.min(lastEvent, now - HOUR);

    const history: EngagementHistory = {
      status,
      sow: plan?.content ?? null,
      budget,
      workStartedAt: workStart === null ? null : iso(workStart),
      workEndedAt: workEnd === null ? null : iso(workEnd),
      milestones: milestoneHistory,
      reviews,
      updates,
      questions,
    };
    const d = derivedState(history);
    rows.engagements.push({
      id,
      client_org_id: clientId,
      type,
      title,
      code_name: codeName,
      objectives: `${subject}について、${rng.pick(['市場の規模と成長性', '侵害リスク', '事業価値', '競争環境'])}を把握し、意思決定に使う。`,
      scope,
      expected_deliverables: JSON.stringify(deliverables),
      classification: codeName ? 'strictly_confidential' : rng.pick(['internal', 'confidential', 'confidential', 'strictly_confidential']),
      budget_amount: budget?.amount ?? null,
      budget_currency: budget?.currency ?? null,
      target_start: startDate,
      target_end: endDate,
      status,
      held_from: status === 'on_hold' ? 'in_progress' : null,
      awarded_provider_org_id: awardedId,
      awarded_proposal_id: awardedProposalId,
      owner_user_id: owner,
      work_started_at: workStart === null ? null : iso(workStart),
      work_ended_at: workEnd === null ? null : iso(workEnd),
      created_by: owner,
      created_at: iso(created),
      updated_at: iso(updatedAt),
      version: 4 + updates.length + questions.length,
      next_update_due_at: d.nextUpdateDueAt,
      next_answer_due_at: d.nextAnswerDueAt,
      next_review_due_at: d.nextReviewDueAt,
      next_milestone_due: d.nextMilestoneDue,
      progress_pct: d.progressPct,
      rag: d.rag,
      over_budget: d.overBudget,
      update_reminder_for: null,
    });
  }
  yield rows;
}
