import type { CodebookInput, CodebookQuestionInput, ValueLabel, WeightingTargets } from '../../shared/contracts/market-research.js';
import type { CompetitorMatrixInput, MarketSizingInput } from '../../shared/contracts/market-sizing.js';
import { AppError } from '../../shared/errors.js';
import { toCsv } from '../files/csv-writer.js';
import { type Random, seededRandom } from './random.js';

/**
 * The demo market-research case's consumer survey (家計簿アプリ「ミライ家計簿」ローンチ前の市場調査):
 * a Web panel of 1,024 people aged 20〜59 asked how they keep their household accounts, which
 * 家計簿アプリ they have tried, what they look for, whether they would recommend their current
 * way, what they would pay a month and what annoys them. The file looks like a Japanese survey
 * tool's export (a column per question, codes not labels, 0/1 columns for multiple choice, 99 for
 * 無回答), with the codebook an analyst would write for it, raking targets, a market sizing and a
 * competitor matrix. The apps are anonymised (A社アプリ …), never real product names.
 *
 * It tells the story the case's deliverables state: 回収 1,024 件; among 20〜39 歳, about 62% have
 * used a 家計簿アプリ and about 41% of those still keep their accounts with one (継続); the paying
 * respondents' median monthly price is 480 円, the going price of paid plans. The sample
 * over-represents 20〜39 歳 (the client's core target, boosted in the quota) and 関東 (as Web
 * panels do), so weighting matters, and real relationships are built in so a crosstab has something
 * to find: app users recommend their way more than 手書き users, the young use apps more, 有料版
 * users would pay more, 40代 want 家族共有 most. Everything comes from one seeded generator, so a
 * seed always gives the same file. The CSV is UTF-8; callers that want what Japanese Excel saves
 * encode it with encodeShiftJis (infra/files/shift-jis.ts): every character here is in code page 932.
 */

export const DEMO_SURVEY_SEED = 20251200;
export const DEMO_SURVEY_RESPONDENTS = 1024;
const MAX_RESPONDENTS = 1_000_000;

export interface DemoSurveyOptions {
  seed?: number;
  respondents?: number;
}

export interface DemoSurvey {
  header: string[];
  rows: string[][];
  codebook: CodebookInput;
}

/**
 * The file's columns (and the codebook's keys) for code that builds the demo's tables. The property
 * names are kept from the survey's first draft: `business` is the respondent's 職業, `revenue` the
 * 世帯年収, `industry` the 世帯構成, `method` how they keep their household accounts and `tools`
 * the 家計簿アプリ they have used.
 */
export const DEMO_SURVEY_KEYS = {
  id: '回答ID',
  answeredAt: '回答日時',
  gender: 'Q1_性別',
  age: 'Q2_年代',
  region: 'Q3_居住地域',
  business: 'Q4_職業',
  revenue: 'Q5_世帯年収',
  industry: 'Q6_世帯構成',
  method: 'Q7_家計管理の方法',
  /** The multiple-choice question over Q8_1 … Q8_6. */
  tools: 'Q8_利用経験アプリ',
  /** The Likert grid's name; its items are Q9_1 … Q9_6. */
  needsGrid: 'Q9_重視点',
  nps: 'Q10_NPS',
  willingnessToPay: 'Q11_月額支払意向',
  comments: 'Q12_自由回答',
} as const;

const K = DEMO_SURVEY_KEYS;
const NO_ANSWER = '99';

// ---------- the questions ----------

const labels = (...names: string[]): ValueLabel[] => names.map((label, i) => ({ value: String(i + 1), label }));

const GENDERS = labels('男性', '女性', '回答しない');
const AGES = labels('20代', '30代', '40代', '50代');
const REGIONS = labels('北海道・東北', '関東', '中部', '近畿', '中国・四国', '九州・沖縄');
const OCCUPATIONS = labels('会社員', '公務員', '自営業・フリーランス', 'パート・アルバイト', '学生', '専業主婦・主夫', 'その他');
const INCOMES = labels('300万円未満', '300万〜500万円未満', '500万〜700万円未満', '700万〜1,000万円未満', '1,000万円以上');
const HOUSEHOLDS = labels('単身', '夫婦のみ', '夫婦と子', 'ひとり親と子', 'その他');
const METHODS = labels(
  '手書きの家計簿',
  'Excel・スプレッドシート',
  '家計簿アプリ（無料版）',
  '家計簿アプリ（有料版）',
  '特に管理していない',
);
/** Anonymised as the competitor matrix names them. */
const APPS = ['A社アプリ', 'B社アプリ', 'C社アプリ', 'D社アプリ', 'E社アプリ', '銀行系アプリ'];
const APP_COLUMNS = APPS.map((_, i) => `Q8_${i + 1}`);
const AGREEMENT = labels('全くそう思わない', 'あまりそう思わない', 'どちらともいえない', 'ややそう思う', 'とてもそう思う');
/**
 * The grid's items. Q9_1–Q9_5 measure one construct, how much the respondent cares about managing
 * the household's money (a reliable scale once Q9_5, worded against it, is reversed); Q9_6 is
 * asked alongside but measures something else (tolerance of ads).
 */
const NEEDS = [
  { column: 'Q9_1', text: '銀行口座やクレジットカードと自動で連携できることを重視する', reverse: false },
  { column: 'Q9_2', text: '支出の自動分類が正確であることを重視する', reverse: false },
  { column: 'Q9_3', text: '月額料金は安いほうがよい', reverse: false },
  { column: 'Q9_4', text: '家族と家計簿を共有したい', reverse: false },
  { column: 'Q9_5', text: '今の家計管理に特に不満はない', reverse: true },
  { column: 'Q9_6', text: 'アプリに広告が表示されるのは気にならない', reverse: false },
] as const;

// Indexes into the lists above, for the model.
const AGE_20S = 0;
const AGE_40S = 2;
const FEMALE = 1;
const OCC_EMPLOYEE = 0;
const OCC_CIVIL = 1;
const OCC_SELF = 2;
const OCC_PART_TIME = 3;
const OCC_STUDENT = 4;
const OCC_HOMEMAKER = 5;
const SINGLE = 0;
const COUPLE = 1;
const COUPLE_CHILDREN = 2;
const SINGLE_PARENT = 3;
const METHOD_HANDWRITTEN = 0;
const METHOD_SPREADSHEET = 1;
const METHOD_FREE_APP = 2;
const METHOD_PAID_APP = 3;
const METHOD_NONE = 4;
const isApp = (method: number) => method === METHOD_FREE_APP || method === METHOD_PAID_APP;

function single(key: string, text: string, values: ValueLabel[], missing: string[] = ['NA']): CodebookQuestionInput {
  return { key, text, type: 'single', columns: [key], values, missing };
}

/** The codebook an analyst writes for the file (fresh objects each call). */
export function demoSurveyCodebook(): CodebookInput {
  return {
    questions: [
      single(K.gender, 'あなたの性別をお答えください。', GENDERS),
      single(K.age, 'あなたの年齢をお答えください。', AGES),
      single(K.region, 'お住まいの地域をお答えください。', REGIONS),
      single(K.business, 'あなたのご職業をお答えください。', OCCUPATIONS),
      single(K.revenue, 'あなたの世帯の年収（税込）をお答えください。', INCOMES, [NO_ANSWER, 'NA']),
      single(K.industry, 'あなたの世帯の構成をお答えください。', HOUSEHOLDS),
      single(K.method, '現在、家計の記録（家計簿の記帳）を主にどの方法で行っていますか。（ひとつだけ）', METHODS, [NO_ANSWER, 'NA']),
      {
        key: K.tools,
        text: 'これまでに使ったことのある家計簿アプリをすべてお選びください。（いくつでも。使ったことがない方は選ばずに次へ）',
        type: 'multiple',
        columns: [...APP_COLUMNS],
        multipleFormat: 'binary_columns',
        values: APP_COLUMNS.map((value, i) => ({ value, label: APPS[i] as string })),
      },
      ...NEEDS.map(
        (item): CodebookQuestionInput => ({
          key: item.column,
          text: `家計簿や家計簿アプリについて、次のことはどの程度あてはまりますか。― ${item.text}`,
          type: 'likert',
          columns: [item.column],
          values: AGREEMENT,
          scale: { min: 1, max: 5 },
          reverse: item.reverse,
          grid: K.needsGrid,
        }),
      ),
      {
        key: K.nps,
        text: '現在の家計管理の方法（お使いの家計簿アプリや家計簿など）を、ご家族や友人にどの程度すすめたいと思いますか。0〜10でお答えください。',
        type: 'nps',
        columns: [K.nps],
        values: [
          { value: '0', label: '0 まったくすすめたくない' },
          { value: '10', label: '10 ぜひすすめたい' },
        ],
      },
      {
        key: K.willingnessToPay,
        text: '銀行口座やカードと連携して自動で家計簿をつけるアプリの有料版に、月額いくらまでなら支払ってもよいと思いますか。無料版しか使わない方は 0 とお答えください。（円・税込、数字でお答えください）',
        type: 'numeric',
        columns: [K.willingnessToPay],
      },
      {
        key: K.comments,
        text: '家計簿アプリや家計管理について、不満やご要望があれば自由にお書きください。',
        type: 'open',
        columns: [K.comments],
        missing: ['NA', '特になし', 'なし', '特にない'],
      },
    ],
    weightColumn: null,
  };
}

/**
 * Raking targets for the sample, per question key, code → share: the age and region make-up of
 * Japan's population aged 20〜59. These are plausible round figures for the demo, in the shape of
 * 総務省統計局「人口推計」 tables, not quoted from them. The sample has far more 20代 and 関東 and
 * far fewer 40〜50代 than this.
 */
export const demoWeightingTargets: WeightingTargets = {
  [K.age]: { '1': 0.21, '2': 0.22, '3': 0.28, '4': 0.29 },
  [K.region]: { '1': 0.11, '2': 0.36, '3': 0.17, '4': 0.16, '5': 0.08, '6': 0.12 },
};

/** Who answered: the quota boosted 20〜39 歳 (the client's core target), and the panel leans to 関東. */
const SAMPLE_AGE = [0.33, 0.31, 0.2, 0.16];
const SAMPLE_REGION = [0.07, 0.45, 0.15, 0.16, 0.06, 0.11];

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

// ---------- one respondent ----------

interface Respondent {
  gender: number;
  age: number;
  region: number;
  occupation: number;
  /** -1: 無回答. */
  income: number;
  household: number;
  /** -1: 無回答. */
  method: number;
  apps: boolean[];
  needs: number[];
  nps: number;
  /** null: left empty. */
  willingnessToPay: number | null;
  comment: string;
}

/** 職業 by age band (rows), before the gender's tilt. */
const OCCUPATION_BY_AGE = [
  [0.55, 0.05, 0.05, 0.1, 0.17, 0.05, 0.03],
  [0.62, 0.06, 0.08, 0.1, 0.01, 0.1, 0.03],
  [0.58, 0.06, 0.1, 0.13, 0, 0.1, 0.03],
  [0.55, 0.06, 0.12, 0.14, 0, 0.09, 0.04],
];
const OCCUPATION_TILT_BY_GENDER = [
  [1.15, 1.1, 1.2, 0.5, 1, 0.08, 1],
  [0.8, 0.9, 0.8, 1.7, 1, 2.4, 1],
  [1, 1, 1, 1, 1, 1, 1],
];
/** 世帯構成 by age band: 20代 living with their parents count as the child of 夫婦と子 or ひとり親と子. */
const HOUSEHOLD_BY_AGE = [
  [0.48, 0.13, 0.24, 0.06, 0.09],
  [0.3, 0.19, 0.4, 0.05, 0.06],
  [0.2, 0.13, 0.55, 0.07, 0.05],
  [0.19, 0.24, 0.43, 0.06, 0.08],
];
const INCOME_BY_AGE = [-0.45, 0, 0.3, 0.35];
const INCOME_BY_HOUSEHOLD = [-0.55, 0.35, 0.3, -0.7, 0];
const INCOME_CUTS = [-0.95, -0.2, 0.45, 1.15];
/** Has ever used a 家計簿アプリ, by age band: about 62% of 20〜39 歳. */
const EVER_USED_BY_AGE = [0.66, 0.58, 0.47, 0.37];
/** Of those, still keeps the accounts with one (継続): about 41% of 20〜39 歳. */
const CONTINUES_BY_AGE = [0.41, 0.41, 0.42, 0.42];
/** How the others keep their accounts, by age band: 手書き, Excel, nothing. */
const OTHER_METHOD_BY_AGE = [
  [0.14, 0.24, 0.62],
  [0.2, 0.3, 0.5],
  [0.27, 0.3, 0.43],
  [0.33, 0.27, 0.4],
];
/** Who has tried which app: A社 and B社 lead. */
const APP_SHARES = [0.32, 0.25, 0.14, 0.12, 0.07, 0.1];
/** Interest in managing the household's money, by method (the latent trait of Q9_1–Q9_5). */
const INTEREST_BY_METHOD = [0.35, 0.25, 0.25, 0.65, -0.75];
const NPS_BY_METHOD = [4.9, 5.6, 6.6, 7.9, 4.3];
/** Share answering 0 (would use only a free app), by method. */
const ZERO_PAY_BY_METHOD = [0.5, 0.44, 0.4, 0.04, 0.62];
const PAY_LIFT_BY_METHOD = [-0.1, 0, 0, 0.85, -0.25];
/** What respondents write as a monthly price, with the cumulative share of payers at or below each. */
const PRICE_POINTS: readonly (readonly [number, number])[] = [
  [100, 0.06],
  [200, 0.16],
  [300, 0.34],
  [400, 0.4],
  [480, 0.58],
  [500, 0.73],
  [600, 0.77],
  [800, 0.8],
  [980, 0.9],
  [1000, 0.94],
  [1200, 0.955],
  [1500, 0.975],
  [2000, 0.99],
  [3000, 1],
];

function respondent(random: Random): Respondent {
  const age = random.weighted(SAMPLE_AGE);
  const gender = random.weighted([0.49, 0.49, 0.02]);
  const region = random.weighted(SAMPLE_REGION);
  const tilt = OCCUPATION_TILT_BY_GENDER[gender] as number[];
  const occupation = random.weighted((OCCUPATION_BY_AGE[age] as number[]).map((p, i) => p * (tilt[i] as number)));
  const household = random.weighted(HOUSEHOLD_BY_AGE[age] as number[]);
  const income = incomeBand(random, age, household, occupation);
  const everUsed = random.chance((EVER_USED_BY_AGE[age] as number) + (gender === FEMALE ? 0.03 : -0.03));
  let method: number;
  if (everUsed && random.chance(CONTINUES_BY_AGE[age] as number))
    method = random.chance(0.12 + 0.03 * Math.max(0, income)) ? METHOD_PAID_APP : METHOD_FREE_APP;
  else {
    const others = [...(OTHER_METHOD_BY_AGE[age] as number[])];
    // Those who tried an app and gave up mostly keep nothing, or a spreadsheet.
    if (everUsed) others[0] = (others[0] as number) * 0.5;
    method = [METHOD_HANDWRITTEN, METHOD_SPREADSHEET, METHOD_NONE][random.weighted(others)] as number;
  }
  const apps = everUsed ? appsTried(random) : APPS.map(() => false);
  const interest =
    random.normal() + (INTEREST_BY_METHOD[method] as number) + (household === COUPLE_CHILDREN ? 0.2 : 0) + (gender === FEMALE ? 0.1 : 0);
  const likert = (mean: number, loading: number, noise = 0.8) =>
    clamp(Math.round(mean + loading * interest + noise * random.normal()), 1, 5);
  const app = isApp(method);
  const family = [-0.7, 0.35, 0.6, 0.2, 0][household] as number;
  const needs = [
    likert(app ? 3.7 : 3.3, 0.75),
    likert(3.4, 0.7),
    likert(method === METHOD_PAID_APP ? 3.5 : 3.9, 0.45),
    likert(2.8 + family + (age === AGE_40S ? 0.4 : 0), 0.55),
    likert(method === METHOD_PAID_APP ? 3.1 : 2.7, -0.75),
    likert(2.5 + (age === AGE_20S ? 0.35 : 0) + (method === METHOD_PAID_APP ? -0.6 : 0), -0.1, 0.9),
  ];
  const nps = clamp(Math.round((NPS_BY_METHOD[method] as number) + 0.3 * interest + 1.9 * random.normal()), 0, 10);
  const willingnessToPay = random.chance(0.04) ? null : monthlyYen(random, method, income, interest);
  const comment = openAnswer(random, { age, household, method, nps, everUsed });
  // A few leave the method question unanswered; the rest of their answers stand.
  return {
    gender,
    age,
    region,
    occupation,
    income,
    household,
    method: random.chance(0.015) ? -1 : method,
    apps,
    needs,
    nps,
    willingnessToPay,
    comment,
  };
}

function incomeBand(random: Random, age: number, household: number, occupation: number): number {
  if (random.chance(0.09)) return -1;
  const occupationLift =
    occupation === OCC_CIVIL
      ? 0.25
      : occupation === OCC_EMPLOYEE
        ? 0.1
        : occupation === OCC_PART_TIME || occupation === OCC_STUDENT
          ? -0.35
          : occupation === OCC_SELF || occupation === OCC_HOMEMAKER
            ? 0
            : -0.2;
  const x = (INCOME_BY_AGE[age] as number) + (INCOME_BY_HOUSEHOLD[household] as number) + occupationLift + 0.85 * random.normal();
  return INCOME_CUTS.filter((cut) => x > cut).length;
}

/** One to three apps, the leaders most often. */
function appsTried(random: Random): boolean[] {
  const apps = APPS.map(() => false);
  const count = random.weighted([0.58, 0.31, 0.11]) + 1;
  for (let k = 0; k < count; k++) apps[random.weighted(APP_SHARES.map((s, i) => (apps[i] ? 0 : s)))] = true;
  return apps;
}

/** 0 for those who would use only a free app; else a price point (many write the going 480 円), higher for 有料版 users. */
function monthlyYen(random: Random, method: number, income: number, interest: number): number {
  const zero = (ZERO_PAY_BY_METHOD[method] as number) + (income === 0 ? 0.08 : 0);
  if (random.chance(zero)) return 0;
  const z = (PAY_LIFT_BY_METHOD[method] as number) + (income >= 0 ? 0.12 * (income - 2) : 0) + 0.15 * interest + 0.9 * random.normal();
  // A logistic stand-in for the normal distribution function, then the price point at that share.
  const share = 1 / (1 + Math.exp(-1.7 * (z - 0.05)));
  return (PRICE_POINTS.find(([, cumulative]) => share <= cumulative) ?? PRICE_POINTS[PRICE_POINTS.length - 1])?.[0] as number;
}

// ---------- open answers ----------

type Theme = 'bank' | 'ads' | 'input' | 'lapse' | 'receipts' | 'family' | 'price' | 'category' | 'security' | 'positive';

/** Sentences respondents write; {price}, {yearly}, {days}, {count} and {months} are filled per answer. */
const TEMPLATES: Record<Theme, readonly string[]> = {
  bank: [
    '銀行連携がすぐ切れて、そのたびに再連携が必要になる。',
    '銀行口座の連携が{days}日くらい止まっていて気づかなかった。',
    '地方銀行や信用金庫にも対応してほしい。',
    'クレジットカードの明細の反映が遅い。',
    '証券口座やポイントもまとめて見られるとうれしい。',
    '連携のたびにワンタイムパスワードを入れるのが面倒',
  ],
  ads: [
    '無料版は広告が多すぎる。',
    '入力のたびに動画広告が出るのでやめた。',
    '広告が画面の半分を占めていて見づらい',
    '広告を消すためだけに有料にするのは抵抗がある。',
  ],
  input: [
    '毎日入力するのが面倒で、週末にまとめて入力している。',
    '現金払いの分を手で入力するのが手間。',
    '入力の手順が多く、もっと少ないタップで記録したい。',
    '"かんたん入力"と書いてあるのに、項目が多くて迷う。',
    '夫婦で支払いが分かれていて、入力が二重になる',
  ],
  lapse: [
    '家計簿はいつも続かない。',
    'アプリを入れても{months}か月で開かなくなってしまう。',
    '三日坊主で終わるので、続けられる工夫がほしい。',
    '最初はやる気があるが、残高が合わなくなると続かない',
    '何度か挑戦したが続かず、今は何もつけていません。',
  ],
  receipts: [
    'レシートの読み取り精度が低く、結局手で直している。',
    'ﾚｼｰﾄを撮っても店名しか読み取れないことが多い。',
    '長いレシートだと読み取りに失敗する。',
    'レシートを{count}枚まとめて読み取れるようにしてほしい。',
    '電子レシートに対応してほしい',
  ],
  family: [
    '家族と家計を共有したいが、共有は有料版だけなのが不満。',
    '夫婦それぞれのアプリの記録をまとめて見たい。',
    '子どもの教育費を夫婦で管理できる機能がほしい。',
    '家族共有をすると、自分の個人的な支出まで見えてしまうのが困る',
  ],
  price: [
    '有料版の月額{price}円は高いと感じる。',
    '有料版は年額{yearly}円だが、そこまでの価値があるかわからない。',
    '値上げが続いているので、安いアプリへの乗り換えを検討中です。',
    '無料版でできることが年々減っている。',
    '有料版の料金が1,000円を超えるなら使わない',
  ],
  category: [
    '自動分類がよく間違っていて、直すのに時間がかかる。',
    'コンビニの支払いが毎回「その他」に分類される。',
    'ネット通販の買い物を品目ごとに分けてほしい。',
    '"自動分類"の精度が上がれば有料でも使いたい',
  ],
  security: [
    '銀行のパスワードをアプリに預けるのが不安です。',
    '運営会社がどこまで安全に管理しているのか分からない。',
    '不正利用が心配なので口座連携はしていない',
  ],
  positive: [
    '今のアプリにおおむね満足しています。',
    '銀行連携が便利で、もう手書きには戻れない。',
    '特に大きな不満はないが、もう少し安いとうれしい。',
    'グラフで支出が見えるようになって、無駄づかいが減った。',
  ],
};

const SLOTS: Record<string, readonly string[]> = {
  price: ['360', '480', '500', '600', '980'],
  yearly: ['3,600', '4,800', '5,300', '6,000'],
  days: ['3', '5', '7', '10'],
  count: ['3', '5', '10'],
  months: ['1', '2', '3'],
};

/** Katakana words as some respondents type them, in half-width forms (NFKC folds them back); longer words first. */
const HALF_WIDTH: readonly [string, string][] = [
  ['クレジットカード', 'ｸﾚｼﾞｯﾄｶｰﾄﾞ'],
  ['パスワード', 'ﾊﾟｽﾜｰﾄﾞ'],
  ['レシート', 'ﾚｼｰﾄ'],
  ['アプリ', 'ｱﾌﾟﾘ'],
  ['カード', 'ｶｰﾄﾞ'],
  ['ポイント', 'ﾎﾟｲﾝﾄ'],
];
const fullWidthDigits = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

interface Who {
  age: number;
  household: number;
  method: number;
  nps: number;
  everUsed: boolean;
}

function themeWeights(who: Who): Record<Theme, number> {
  const app = isApp(who.method);
  const quit = who.everUsed && !app;
  const family = who.household === COUPLE || who.household === COUPLE_CHILDREN;
  return {
    bank: 0.5 + (app ? 1.3 : 0),
    ads: 0.3 + (who.method === METHOD_FREE_APP ? 1.2 : 0) + (quit ? 0.4 : 0),
    input: 1 + (who.method === METHOD_HANDWRITTEN || who.method === METHOD_SPREADSHEET ? 0.6 : 0),
    lapse: 0.4 + (quit ? 1.4 : 0) + (who.method === METHOD_NONE ? 0.8 : 0),
    receipts: 0.8 + (app ? 0.4 : 0),
    family: 0.3 + (family ? 0.9 : 0) + (who.age === AGE_40S ? 0.4 : 0),
    price: 0.6 + (who.method === METHOD_PAID_APP ? 1 : 0) + (who.household === SINGLE || who.household === SINGLE_PARENT ? 0.3 : 0),
    category: 0.3 + (app ? 1 : 0),
    security: 0.4 + (who.everUsed ? 0 : 0.6),
    positive: who.nps >= 9 ? 1.2 : 0.1,
  };
}

/** An answer to the open question: a quarter empty, some "特になし", else one or two complaints or wishes. */
function openAnswer(random: Random, who: Who): string {
  if (random.chance(0.25)) return '';
  if (random.chance(0.06)) return random.pick(['特になし', 'なし', '特にない', '特になし']);
  const weights = themeWeights(who);
  const themes = Object.keys(weights) as Theme[];
  const chosen: Theme[] = [];
  const count = random.chance(0.3) ? 2 : 1;
  while (chosen.length < count) {
    const theme = themes[random.weighted(themes.map((t) => (chosen.includes(t) ? 0 : weights[t])))] as Theme;
    chosen.push(theme);
  }
  const sentences = chosen.map((theme) =>
    random.pick(TEMPLATES[theme]).replace(/\{(\w+)\}/g, (_, slot: string) => random.pick(SLOTS[slot] ?? [''])),
  );
  // Two thoughts: run on, or on a new line (a line break inside a quoted CSV cell).
  let text =
    sentences.length === 1
      ? (sentences[0] as string)
      : random.chance(0.12)
        ? sentences.join('\n')
        : sentences.map((s, i) => (i < sentences.length - 1 ? endSentence(s) : s)).join('');
  if (random.chance(0.1)) text = `${random.pick(['正直、', '個人的には'])}${text}`;
  if (random.chance(0.1)) for (const [full, half] of HALF_WIDTH) text = text.replaceAll(full, half);
  if (/[0-9]/.test(text) && random.chance(0.3)) text = fullWidthDigits(text);
  return text.trim();
}

const endSentence = (s: string) => (/[。！？]$/.test(s) ? s : `${s}。`);

// ---------- the table ----------

/** When each response came in: a week of fieldwork, most in the evening, in ID order. */
function answerTimes(random: Random, n: number): string[] {
  const dayWeights = [0.3, 0.2, 0.12, 0.1, 0.1, 0.1, 0.08];
  const hourWeights = [1, 0.5, 0.2, 0.1, 0.1, 0.2, 0.6, 1.2, 1.5, 1.2, 1.1, 1.2, 2.2, 1.6, 1.2, 1.2, 1.3, 1.6, 2.2, 2.8, 3.4, 3.6, 3.2, 2];
  const minutes = Array.from(
    { length: n },
    () => random.weighted(dayWeights) * 1440 + random.weighted(hourWeights) * 60 + Math.floor(random.next() * 60),
  );
  minutes.sort((a, b) => a - b);
  const two = (x: number) => String(x).padStart(2, '0');
  // Fieldwork 2025-11-14 (Friday) to 11-20.
  return minutes.map((m) => `2025/11/${two(14 + Math.floor(m / 1440))} ${two(Math.floor((m % 1440) / 60))}:${two(m % 60)}`);
}

function checkOptions(seed: number, respondents: number): void {
  if (!Number.isSafeInteger(seed))
    throw new AppError('invalid_input', 'The seed must be a whole number.', {
      reason: 'validation',
      issues: [{ path: ['seed'], code: 'invalid_type', message: 'Must be a whole number.' }],
    });
  if (!Number.isInteger(respondents) || respondents < 1 || respondents > MAX_RESPONDENTS)
    throw new AppError('invalid_input', `The number of respondents must be a whole number from 1 to ${MAX_RESPONDENTS}.`, {
      reason: 'validation',
      issues: [{ path: ['respondents'], code: 'too_big', message: `From 1 to ${MAX_RESPONDENTS}.`, params: { max: MAX_RESPONDENTS } }],
    });
}

/**
 * The demo survey: a header, a row of strings per respondent (codes as the file writes them, empty
 * for no answer) and the codebook. The same seed always gives the same table.
 */
export function generateDemoSurvey({ seed = DEMO_SURVEY_SEED, respondents = DEMO_SURVEY_RESPONDENTS }: DemoSurveyOptions = {}): DemoSurvey {
  checkOptions(seed, respondents);
  const random = seededRandom(seed);
  const header = [
    K.id,
    K.answeredAt,
    K.gender,
    K.age,
    K.region,
    K.business,
    K.revenue,
    K.industry,
    K.method,
    ...APP_COLUMNS,
    ...NEEDS.map((n) => n.column),
    K.nps,
    K.willingnessToPay,
    K.comments,
  ];
  const times = answerTimes(random, respondents);
  const width = String(respondents).length;
  const code = (index: number) => (index < 0 ? NO_ANSWER : String(index + 1));
  const rows = times.map((time, i) => {
    const r = respondent(random);
    return [
      `R${String(i + 1).padStart(Math.max(4, width), '0')}`,
      time,
      code(r.gender),
      code(r.age),
      code(r.region),
      code(r.occupation),
      code(r.income),
      code(r.household),
      code(r.method),
      ...r.apps.map((used) => (used ? '1' : '0')),
      ...r.needs.map(String),
      String(r.nps),
      r.willingnessToPay === null ? '' : String(r.willingnessToPay),
      r.comment,
    ];
  });
  return { header, rows, codebook: demoSurveyCodebook() };
}

/** The demo survey as CSV text (UTF-8 when written as is; encodeShiftJis gives what Japanese Excel saves). */
export function demoSurveyCsv(options: DemoSurveyOptions = {}): string {
  const { header, rows } = generateDemoSurvey(options);
  return toCsv(header, rows);
}

// ---------- market sizing ----------

const MARKET = 'jp-kakeibo-app';
const SURVEY_SOURCE = 'kpo デモ調査「家計管理と家計簿アプリに関する調査」（2025年11月、20〜59歳、n=1,024）';
const POPULATION = {
  key: 'population',
  label: '20〜59歳の人口',
  unit: 'count',
  low: 59_000_000,
  base: 60_000_000,
  high: 61_500_000,
  source: {
    title: '総務省統計局「人口推計」',
    url: 'https://www.stat.go.jp/data/jinsui/',
    note: '年齢各歳別人口から20〜59歳を合計した概数（約6,000万人）。デモ用に丸めた値で、特定の年月の表の引用ではない。',
  },
} as const;
const SMARTPHONE = {
  key: 'smartphone',
  label: 'スマートフォンを持つ人の割合',
  unit: 'share',
  low: 0.9,
  base: 0.93,
  high: 0.96,
  source: {
    title: '総務省「通信利用動向調査」（世帯構成員編）スマートフォンの保有状況',
    url: 'https://www.soumu.go.jp/johotsusintokei/statistics/statistics05.html',
    note: '20〜50代の各年代の保有率がおおむね9割台であることから置いた概数。',
  },
} as const;
const MONTHS = {
  key: 'months',
  label: '年間の課金月数',
  unit: 'per_year',
  low: 12,
  base: 12,
  high: 12,
  source: { title: '月額課金の定義', note: '年額払いも月額に換算して12か月分とする。' },
} as const;
const FIVE_YEARS = '5年後にミライ家計簿が得る売上';

/**
 * Top-down: everyone aged 20〜59 with a smartphone at the going price of a paid plan, narrowed to
 * those who keep their accounts with an app and pay for it (the survey's weighted shares), then
 * the share the plan expects to win.
 */
export const demoSizing: MarketSizingInput = {
  market: MARKET,
  title: '家計簿アプリ有料版の国内市場規模（トップダウン）',
  approach: 'top_down',
  currency: 'JPY',
  levels: {
    tam: {
      label: '20〜59歳のスマートフォン利用者が全員有料版を使った場合の年額',
      factors: [
        POPULATION,
        SMARTPHONE,
        {
          key: 'monthly_price',
          label: '有料版の月額（月払い）',
          unit: 'money',
          low: 300,
          base: 480,
          high: 600,
          source: {
            title: '各社の料金ページ（競合比較マトリクス）',
            note: '有料版の月額の中央値 480 円。低位は下位の価格帯（300 円、ミライ家計簿の想定と同水準）、高位は上位の価格帯。',
          },
        },
        MONTHS,
      ],
    },
    sam: {
      label: '家計簿アプリを使い、有料版を選んでいる人の年額',
      factors: [
        {
          key: 'app_users',
          label: '家計簿アプリで家計を管理している割合',
          unit: 'share',
          low: 0.19,
          base: 0.22,
          high: 0.25,
          source: {
            title: SURVEY_SOURCE,
            note: 'Q7 で「家計簿アプリ（無料版）」「家計簿アプリ（有料版）」を選んだ割合（無回答を除く）。基準値はウェイト後（年代×地域のレイキング）、幅はウェイト前後の差と標本誤差。',
          },
        },
        {
          key: 'paid_share',
          label: 'アプリ利用者のうち有料版を使っている割合',
          unit: 'share',
          low: 0.13,
          base: 0.16,
          high: 0.19,
          source: {
            title: SURVEY_SOURCE,
            note: 'Q7 で家計簿アプリを選んだ人のうち「有料版」の割合（ウェイト後）。有料版の回答者は 38 人と少ないため幅を広めにとった。',
          },
        },
      ],
    },
    som: {
      label: FIVE_YEARS,
      factors: [
        {
          key: 'share_5y',
          label: '5年後の有料版市場での獲得シェア',
          unit: 'share',
          low: 0.05,
          base: 0.08,
          high: 0.1,
          source: { title: '事業計画（5年目の想定）', note: '後発の家計簿アプリが公表している有料会員数の推移を参考にした社内想定。' },
        },
      ],
    },
  },
  notes: 'デモ用の試算。金額は税込・年額、円。人口とスマートフォン保有率は丸めた概数。',
};

/**
 * Bottom-up: the same people at what the survey's respondents would pay, narrowed by the survey's
 * own shares (who has used an app, who would pay at least ミライ家計簿's planned 300 円) and the
 * usual discount of stated intent, then the launch plan's reach and conversion. Its survey figures
 * match the default-seed demo survey, before and after weighting.
 */
export const demoSizingBottomUp: MarketSizingInput = {
  market: MARKET,
  title: '家計簿アプリ有料版の国内市場規模（ボトムアップ）',
  approach: 'bottom_up',
  currency: 'JPY',
  levels: {
    tam: {
      label: '支払意向に基づく年額（全員が支払った場合）',
      factors: [
        POPULATION,
        SMARTPHONE,
        {
          key: 'willingness_to_pay',
          label: '支払ってもよい月額（中央値）',
          unit: 'money',
          low: 400,
          base: 480,
          high: 500,
          source: {
            title: SURVEY_SOURCE,
            note: 'Q11 月額支払意向のうち 0 円を除いた回答の中央値（ウェイト前後とも 480 円）。幅は 40〜60 パーセンタイル。',
          },
        },
        MONTHS,
      ],
    },
    sam: {
      label: '実際に有料版を選ぶと見込まれる人の年額',
      factors: [
        {
          key: 'ever_used',
          label: '家計簿アプリを使ったことがある割合',
          unit: 'share',
          low: 0.48,
          base: 0.52,
          high: 0.58,
          source: {
            title: SURVEY_SOURCE,
            note: 'Q8 でいずれかのアプリを選んだか、Q7 で家計簿アプリを選んだ割合。基準値はウェイト後、高位はウェイト前。',
          },
        },
        {
          key: 'would_pay',
          label: '月額300円以上を支払ってもよい割合（利用経験者のうち）',
          unit: 'share',
          low: 0.38,
          base: 0.42,
          high: 0.47,
          source: { title: SURVEY_SOURCE, note: 'Q11 に回答した利用経験者のうち 300 円以上と答えた割合（ウェイト後）。' },
        },
        {
          key: 'stated_intent',
          label: '表明した支払意向が実際の課金になる割合',
          unit: 'share',
          low: 0.1,
          base: 0.15,
          high: 0.2,
          source: {
            title:
              'Jamieson, L. F. & Bass, F. M. (1989) "Adjusting Stated Intention Measures to Predict Trial Purchase of New Products", Journal of Marketing Research 26(3)',
            note: '表明された購入意向を実際の購入に割り引く考え方に倣った社内想定。月額課金のアプリでは割引を大きめにとった。',
          },
        },
      ],
    },
    som: {
      label: FIVE_YEARS,
      factors: [
        {
          key: 'reach',
          label: '5年間で接点を持てる割合（広告・銀行との提携経由）',
          unit: 'share',
          low: 0.25,
          base: 0.3,
          high: 0.35,
          source: { title: '事業計画（マーケティング計画）', note: '広告予算と提携予定の金融機関の顧客数からの想定。' },
        },
        {
          key: 'conversion',
          label: '接点を持った人の有料化率',
          unit: 'share',
          low: 0.2,
          base: 0.25,
          high: 0.3,
          source: { title: '事業計画（β版の無料試用から有料への転換率）', note: 'β版（1,200人）の実績を基にした想定。' },
        },
      ],
    },
  },
  notes: 'デモ用の試算。調査の数値は既定シードのデモ調査による（基準値はウェイト後）。',
};

// ---------- competitor matrix ----------

/**
 * The competitor matrix the analysts drew: five 家計簿アプリ (anonymised as A社〜E社), a bank's own
 * app, and ミライ家計簿 itself. Levels: 0 none, 1 partial, 2 full, 3 best. One cell is left unknown
 * on purpose (the client has not decided whether 家族共有 is in the 300 円 plan).
 */
export const demoCompetitors: CompetitorMatrixInput = {
  title: '家計簿アプリの競合比較（デモ）',
  currency: 'JPY',
  competitors: [
    {
      key: 'app-a',
      name: 'A社アプリ',
      notes: '利用者数が最も多い。銀行・カード連携の数に強み。',
      plans: [
        { name: 'プレミアム（月払い）', amount: 480, period: 'month' },
        { name: 'プレミアム（年払い）', amount: 4800, period: 'year' },
      ],
    },
    {
      key: 'app-b',
      name: 'B社アプリ',
      notes: '自動分類の精度に定評がある。',
      plans: [
        { name: 'プレミアム（月払い）', amount: 480, period: 'month' },
        { name: 'プレミアム（年払い）', amount: 4800, period: 'year' },
      ],
    },
    {
      key: 'app-c',
      name: 'C社アプリ',
      notes: '資産管理（証券・ポイント）まで一覧できる。',
      plans: [
        { name: 'スタンダード（月払い）', amount: 500, period: 'month' },
        { name: 'スタンダード（年払い）', amount: 5000, period: 'year' },
      ],
    },
    {
      key: 'app-d',
      name: 'D社アプリ',
      notes: 'レシート読取から始めた手入力中心のアプリ。',
      plans: [
        { name: 'プレミアム（月払い）', amount: 360, period: 'month' },
        { name: 'プレミアム（年払い）', amount: 3600, period: 'year' },
      ],
    },
    {
      key: 'app-e',
      name: 'E社アプリ',
      notes: '手入力だけのシンプルな家計簿。無料版は広告が多い。',
      plans: [{ name: '広告非表示（月払い）', amount: 300, period: 'month' }],
    },
    {
      key: 'bank',
      name: '銀行系アプリ',
      notes: '銀行が口座保有者に無料で提供する家計簿機能。自行の口座とカードが中心。',
      plans: [{ name: '無料（口座保有者）', amount: 0, period: 'month' }],
    },
    {
      key: 'mirai',
      name: 'ミライ家計簿（ローンチ予定）',
      notes: '銀行連携と自動分類を重視し、広告を出さない。価格は月額 300 円を主案として検証中。',
      plans: [
        { name: 'スタンダード（月払い）', amount: 300, period: 'month' },
        { name: 'スタンダード（年払い）', amount: 3000, period: 'year' },
      ],
    },
  ],
  features: [
    { kind: 'number', key: 'bank_links', label: '銀行連携数（金融機関・カード会社など）', unit: '社' },
    { kind: 'level', key: 'receipt_scan', label: 'レシート読取' },
    { kind: 'boolean', key: 'family_sharing', label: '家族共有' },
    { kind: 'boolean', key: 'no_ads', label: '広告なし', notes: '無料で使える範囲に広告が表示されないか。' },
    { kind: 'level', key: 'auto_category', label: '自動分類' },
    { kind: 'boolean', key: 'assets', label: '資産推移（証券・ポイントを含む）' },
    { kind: 'number', key: 'monthly_price', label: '月額料金（有料版、月払い）', unit: '円' },
  ],
  cells: [
    ...cellsOf('app-a', {
      bank_links: 2600,
      receipt_scan: 2,
      family_sharing: true,
      no_ads: false,
      auto_category: 2,
      assets: true,
      monthly_price: 480,
    }),
    ...cellsOf('app-b', {
      bank_links: 2300,
      receipt_scan: 2,
      family_sharing: true,
      no_ads: false,
      auto_category: 3,
      assets: true,
      monthly_price: 480,
    }),
    ...cellsOf('app-c', {
      bank_links: 2100,
      receipt_scan: 1,
      family_sharing: false,
      no_ads: false,
      auto_category: 2,
      assets: true,
      monthly_price: 500,
    }),
    ...cellsOf('app-d', {
      bank_links: 400,
      receipt_scan: 3,
      family_sharing: true,
      no_ads: false,
      auto_category: 1,
      assets: false,
      monthly_price: 360,
    }),
    ...cellsOf('app-e', {
      bank_links: 0,
      receipt_scan: 1,
      family_sharing: false,
      no_ads: false,
      auto_category: 0,
      assets: false,
      monthly_price: 300,
    }),
    ...cellsOf('bank', {
      bank_links: 1,
      receipt_scan: 0,
      family_sharing: false,
      no_ads: true,
      auto_category: 1,
      assets: false,
      monthly_price: 0,
    }),
    // 家族共有 is left out: undecided, so unknown rather than "no".
    ...cellsOf('mirai', { bank_links: 1800, receipt_scan: 2, no_ads: true, auto_category: 3, assets: false, monthly_price: 300 }),
  ],
};

function cellsOf(competitor: string, values: Record<string, boolean | number | string>) {
  return Object.entries(values).map(([feature, value]) => ({ competitor, feature, value }));
}
