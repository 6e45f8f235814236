import kuromoji from 'kuromoji';
import { beforeAll, describe, expect, it } from 'vitest';
import { kuromojiDictPath } from '../../../infra/documents/kuromoji.js';
import { AppError } from '../../../shared/errors.js';
import { type AnswerCode, codeAnswers, normalizeText, quote, stemEnglish, suggestTerms, type Tokenize, tokenizeEnglish } from './coding.js';

/**
 * The real IPADIC dictionary through kuromoji, as infra loads it; infra's port does not carry the
 * base form yet, so the test builds the tokenizer from the same dictionary.
 */
let japanese: Tokenize;
beforeAll(async () => {
  const tokenizer = await new Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>>((resolve, reject) =>
    kuromoji.builder({ dicPath: kuromojiDictPath() }).build((err, t) => (err ? reject(err) : resolve(t))),
  );
  japanese = (text) =>
    tokenizer.tokenize(text).map((t) => ({ surface: t.surface_form, base: t.basic_form, pos: t.pos, posDetail1: t.pos_detail_1 }));
}, 60_000);

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

const longComplaint = `月額料金が高い。${'とにかく説明が長くて分かりにくい。'.repeat(15)}`;

/** Why did you cancel, or what would you improve? (a cloud-accounting churn survey) */
const jaAnswers: (string | null)[] = [
  '価格が高かったので解約した', // 0
  'サポートの対応が遅い', // 1
  '使いやすい', // 2
  null, // 3: not asked
  '', // 4
  '無回答', // 5
  '料金は高くないと思う', // 6: price mentioned, but not as a complaint
  'ｻｰﾊﾞｰが重くて使いにくい', // 7: half-width katakana
  '画面が見やすく、使いやすかったです', // 8
  '特になし', // 9: an answer, with nothing to code
  '問い合わせの返信が遅かった', // 10
  'ＵＩがわかりにくい', // 11: full-width letters
  longComplaint, // 12
  '値段の割に機能が少ない', // 13
  'N/A', // 14
  '　', // 15: a full-width space
];

const jaCodes: AnswerCode[] = [
  { key: 'price', label: '価格・料金', keywords: ['価格', '料金', '値段', '高い'], exclude: ['高くない'] },
  { key: 'support', label: 'サポート', keywords: ['ｻﾎﾟｰﾄ', '問い合わせ'] },
  { key: 'usability', label: '使いやすさ', keywords: ['使いやすい', 'わかりやすい'] },
  { key: 'churn', label: '解約', keywords: ['解約'] },
  { key: 'server', label: 'サーバー', keywords: ['サーバー'] },
];

describe('normalizeText', () => {
  it('applies NFKC and lower case: half-width kana to full, full-width letters and spaces to half', () => {
    expect(normalizeText('ｻｰﾊﾞｰ')).toBe('サーバー');
    expect(normalizeText('ＵＩ　ＡＢＣ１２３')).toBe('ui abc123');
  });
});

describe('codeAnswers in Japanese (kuromoji)', () => {
  it('counts respondents per code over the non-empty answers, with the uncoded ones', () => {
    const result = codeAnswers(jaAnswers, jaCodes, japanese);
    expect(result.respondents).toBe(16);
    expect(result.answered).toBe(11);
    expect(result.codes.map((c) => [c.key, c.count, c.examples.map((e) => e.respondent)])).toEqual([
      ['price', 3, [0, 12, 13]],
      ['support', 2, [1, 10]],
      ['usability', 2, [2, 8]],
      ['churn', 1, [0]],
      ['server', 1, [7]],
    ]);
    expect(result.codes[0]?.share).toBeCloseTo(3 / 11, 12);
    expect(result.uncoded).toMatchObject({
      count: 3,
      examples: [6, 9, 11].map((respondent) => ({ respondent, text: jaAnswers[respondent] })),
    });
  });

  it('matches inflected answers by base form (高かった → 高い, 使いやすかった → 使いやすい) but not other words (使いにくい)', () => {
    const result = codeAnswers(
      ['高かった', '使いやすかったです', '使いにくい', '遅かった'],
      [...jaCodes, { key: 'slow', label: '遅い', keywords: ['遅い'] }],
      japanese,
    );
    const codesOf = (r: number) => result.codes.filter((_, c) => result.variable.selected[c]?.[r] === 1).map((c) => c.key);
    expect([0, 1, 2, 3].map(codesOf)).toEqual([['price'], ['usability'], [], ['slow']]);
  });

  it('normalises answers and keywords alike (ｻﾎﾟｰﾄ finds サポート, サーバー finds ｻｰﾊﾞｰ)', () => {
    const result = codeAnswers(
      ['サポートが親切', 'ｻｰﾊﾞｰが落ちる', 'ＵＩが古い'],
      [...jaCodes, { key: 'ui', label: 'UI', keywords: ['ui'] }],
      japanese,
    );
    expect(result.codes.filter((c) => c.count > 0).map((c) => [c.key, c.examples[0]?.text])).toEqual([
      ['support', 'サポートが親切'],
      ['server', 'ｻｰﾊﾞｰが落ちる'],
      ['ui', 'ＵＩが古い'],
    ]);
  });

  it('matches a keyword of one or two Japanese characters as text, inside longer words too; longer keywords only as words', () => {
    const codes: AnswerCode[] = [
      { key: 'high', label: '高', keywords: ['高'] },
      { key: 'support', label: 'サポート', keywords: ['サポート'] },
    ];
    const result = codeAnswers(['コスパが最高', 'サポーターが多い'], codes, japanese);
    expect(result.codes.map((c) => c.count)).toEqual([1, 0]);
  });

  it('lets an exclusion veto the code (料金は高くない is not a price complaint)', () => {
    const result = codeAnswers(jaAnswers, jaCodes, japanese);
    expect(result.variable.selected[0]?.[6]).toBe(0);
    const without = codeAnswers(
      jaAnswers,
      jaCodes.map(({ exclude: _, ...c }) => c),
      japanese,
    );
    expect(without.variable.selected[0]?.[6]).toBe(1);
  });

  it('returns a multiple-response variable, ready for a crosstab', () => {
    const { variable } = codeAnswers(jaAnswers, jaCodes, japanese, { variable: { key: 'q12_coded', label: '解約理由（コード化）' } });
    expect(variable).toMatchObject({ kind: 'multiple', key: 'q12_coded', label: '解約理由（コード化）' });
    expect(variable.categories.map((c) => c.value)).toEqual(['price', 'support', 'usability', 'churn', 'server']);
    expect([...variable.answered]).toEqual([1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect([...(variable.selected[0] ?? [])]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0]);
    expect([...(variable.selected[3] ?? [])]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('weights counts and shares by the respondents’ weights', () => {
    const weights = new Float64Array(jaAnswers.length).fill(1);
    weights[0] = 2;
    weights[13] = 0.5;
    const result = codeAnswers(jaAnswers, jaCodes, japanese, { weights });
    expect(result.weightedAnswered).toBe(11.5);
    expect(result.codes[0]).toMatchObject({ count: 3, weightedCount: 3.5 });
    expect(result.codes[0]?.weightedShare).toBeCloseTo(3.5 / 11.5, 12);
  });

  it('quotes the first answers in respondent order, at most 200 characters, the same on every run', () => {
    const one = codeAnswers(jaAnswers, jaCodes, japanese, { examplesPerCode: 2 });
    const price = one.codes[0]?.examples ?? [];
    expect(price.map((e) => e.respondent)).toEqual([0, 12]);
    expect(price[1]?.text.length).toBe(200);
    expect(price[1]?.text.endsWith('…')).toBe(true);
    expect(longComplaint.startsWith(price[1]?.text.slice(0, -1) ?? '')).toBe(true);
    const again = codeAnswers(jaAnswers, jaCodes, japanese, { examplesPerCode: 2 });
    expect(JSON.stringify(again.codes)).toBe(JSON.stringify(one.codes));
  });

  it('counts nothing, and divides by nothing, when nobody answered', () => {
    const result = codeAnswers([null, '', 'NA', '無回答'], jaCodes, japanese);
    expect(result.answered).toBe(0);
    expect(result.codes.every((c) => c.count === 0 && c.share === 0 && c.weightedShare === 0)).toBe(true);
    expect(result.uncoded).toEqual({ count: 0, weightedCount: 0, share: 0, weightedShare: 0, examples: [] });
  });
});

describe('codeAnswers in English', () => {
  const enAnswers = [
    'Too expensive for what it does', // 0
    'The price went up, so we cancelled', // 1
    'Support was slow to answer', // 2
    'Easy to use', // 3
    'Pricing is confusing', // 4
    null, // 5
    'NA', // 6
    'Prices are not too high', // 7
    'Customer service answered quickly', // 8
    'We are cancelling next month', // 9
  ];
  const enCodes: AnswerCode[] = [
    { key: 'price', label: 'Price', keywords: ['price', 'expensive', 'cost'], exclude: ['not too high'] },
    { key: 'support', label: 'Support', keywords: ['support', 'customer service'] },
    { key: 'usability', label: 'Ease of use', keywords: ['easy to use', 'intuitive'] },
    { key: 'churn', label: 'Cancelling', keywords: ['cancel'] },
  ];

  it('codes English answers with the light stemmer: pricing and prices find price, cancelled and cancelling find cancel', () => {
    const result = codeAnswers(enAnswers, enCodes, tokenizeEnglish);
    expect(result.answered).toBe(8);
    expect(result.codes.map((c) => [c.key, c.examples.map((e) => e.respondent)])).toEqual([
      ['price', [0, 1, 4]],
      ['support', [2, 8]],
      ['usability', [3]],
      ['churn', [1, 9]],
    ]);
    expect(result.uncoded.examples).toEqual([{ respondent: 7, text: 'Prices are not too high' }]);
  });

  it('stems plurals, -ed and -ing lightly, the same way for keywords and answers', () => {
    const stems = (words: string[]) => words.map(stemEnglish);
    expect(stems(['price', 'prices', 'priced', 'pricing'])).toEqual(['price', 'price', 'price', 'price']);
    expect(new Set(stems(['charge', 'charged', 'charges', 'charging'])).size).toBe(1);
    expect(new Set(stems(['use', 'used', 'uses', 'using'])).size).toBe(1);
    expect(stems(['companies', 'boxes', 'stopped', 'shipping', 'billing', 'analysis', 'status', 'was'])).toEqual([
      'company',
      'box',
      'stop',
      'ship',
      'bill',
      'analysis',
      'status',
      'was',
    ]);
    expect(tokenizeEnglish("Customer's ＰＲＩＣＥＳ — don't!").map((t) => [t.surface, t.base])).toEqual([
      ['customers', 'customer'],
      ['prices', 'price'],
      ['dont', 'dont'],
    ]);
  });
});

describe('codeAnswers refuses bad codes, weights and options, listing every problem', () => {
  it('names duplicate keys, codes without keywords, keywords with no word, bad weights', () => {
    const codes: AnswerCode[] = [
      { key: 'price', label: '価格', keywords: ['価格'] },
      { key: 'price', label: '料金', keywords: ['料金'] },
      { key: 'empty', label: '', keywords: [] },
      { key: 'symbols', label: '記号', keywords: ['！？'], exclude: ['・・・'] },
    ];
    const weights = [1, Number.NaN, 0, 1];
    const error = thrown(() => codeAnswers(['a', 'b', 'c', 'd'], codes, japanese, { weights, examplesPerCode: -1 }));
    expect(error).toMatchObject({ code: 'invalid_input', reason: 'validation' });
    expect(error.issues?.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['codes.1.key', 'duplicate_key'],
      ['codes.2.label', 'required'],
      ['codes.2.keywords', 'required'],
      ['codes.3.keywords.0', 'invalid_value'],
      ['codes.3.exclude.0', 'invalid_value'],
      ['weights.1', 'not_finite'],
      ['weights.2', 'not_finite'],
      ['examplesPerCode', 'invalid_value'],
    ]);
  });

  it('refuses weights that are not one per answer', () => {
    const error = thrown(() => codeAnswers(['a', 'b'], jaCodes, japanese, { weights: new Float64Array(3).fill(1) }));
    expect(error.issues).toEqual([
      expect.objectContaining({ path: ['weights'], code: 'invalid_value', params: { weights: 3, respondents: 2 } }),
    ]);
  });
});

describe('quote', () => {
  it('never cuts a surrogate pair and stays within 200 UTF-16 units', () => {
    const text = '𠮷'.repeat(150);
    const q = quote(text);
    expect(q.length).toBeLessThanOrEqual(200);
    expect(q).toBe(`${'𠮷'.repeat(99)}…`);
    expect(quote('  short  ')).toBe('short');
  });
});

describe('suggestTerms', () => {
  it('ranks Japanese content words by base form, skipping particles, auxiliaries and filler', () => {
    const answers = [
      '価格が高かったので解約した',
      '料金が高い',
      '価格が高くて使いにくい',
      'サポートの対応が遅い',
      'サポートが遅かった',
      '特になし',
      null,
    ];
    const terms = suggestTerms(answers, japanese);
    expect(terms.map((t) => [t.term, t.respondents])).toEqual([
      ['高い', 3],
      ['サポート', 2],
      ['価格', 2],
      ['遅い', 2],
      ['使う', 1],
      ['対応', 1],
      ['料金', 1],
      ['解約', 1],
    ]);
    expect(suggestTerms(answers, japanese, { top: 2 }).map((t) => t.term)).toEqual(['高い', 'サポート']);
  });

  it('ranks English words by stem, shows how they were written and skips stop words', () => {
    const answers = ['The price went up', 'Prices are too high', 'prices, prices, prices', 'Support was slow', null, 'NA'];
    const terms = suggestTerms(answers, tokenizeEnglish, { top: 3 });
    expect(terms).toEqual([
      { term: 'price', surface: 'prices', respondents: 3, occurrences: 5 },
      { term: 'high', surface: 'high', respondents: 1, occurrences: 1 },
      { term: 'slow', surface: 'slow', respondents: 1, occurrences: 1 },
    ]);
  });

  it('refuses a top that is not a whole number from 1', () => {
    expect(thrown(() => suggestTerms([], tokenizeEnglish, { top: 0 })).issues?.[0]?.path).toEqual(['top']);
  });
});
