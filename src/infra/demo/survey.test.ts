import { describe, expect, it } from 'vitest';
import { coverageSummary, parseCompetitorMatrix, positioningMap } from '../../core/workbenches/market-research/competitors.js';
import { crosstab, meansByColumn } from '../../core/workbenches/market-research/crosstab.js';
import { buildDataset, type Dataset } from '../../core/workbenches/market-research/dataset.js';
import { cronbachAlpha } from '../../core/workbenches/market-research/scales.js';
import { checkSizing, evaluateSizing } from '../../core/workbenches/market-research/sizing.js';
import type { MultipleVariable, NumericVariable, SingleVariable } from '../../core/workbenches/market-research/variables.js';
import { rake } from '../../core/workbenches/market-research/weighting.js';
import { codebookSchema } from '../../shared/contracts/market-research.js';
import { marketSizingSchema } from '../../shared/contracts/market-sizing.js';
import { AppError } from '../../shared/errors.js';
import { toCsv } from '../files/csv-writer.js';
import { encodeShiftJis } from '../files/shift-jis.js';
import { readSurveyCsv } from '../files/survey.js';
import {
  DEMO_SURVEY_RESPONDENTS,
  DEMO_SURVEY_SEED,
  demoCompetitors,
  demoSizing,
  demoSizingBottomUp,
  demoSurveyCsv,
  demoWeightingTargets,
  generateDemoSurvey,
  DEMO_SURVEY_KEYS as K,
} from './survey.js';

const survey = generateDemoSurvey();
const codebook = codebookSchema.parse(survey.codebook);
const dataset: Dataset = buildDataset(survey, codebook);
const N = dataset.respondents;
const single = (key: string) => dataset.variables.get(key) as SingleVariable;
const numeric = (key: string) => dataset.variables.get(key) as NumericVariable;
const column = (name: string) => survey.rows.map((row) => row[survey.header.indexOf(name)] as string);
const everyone = Array.from({ length: N }, (_, r) => r);

const method = single(K.method);
const age = single(K.age);
const apps = dataset.variables.get(K.tools) as MultipleVariable;
const categoryIndex = (v: SingleVariable, label: string) => {
  const index = v.categories.findIndex((c) => c.label === label);
  if (index < 0) throw new Error(`${v.key} has no category ${label}`);
  return index;
};
const FREE_APP = categoryIndex(method, '家計簿アプリ（無料版）');
const PAID_APP = categoryIndex(method, '家計簿アプリ（有料版）');
const HANDWRITTEN = categoryIndex(method, '手書きの家計簿');
/** Keeps the accounts with an app now (継続). */
const usesApp = (r: number) => method.codes[r] === FREE_APP || method.codes[r] === PAID_APP;
/** Has ever used a 家計簿アプリ: ticked one in Q8, or keeps the accounts with one. */
const everUsed = (r: number) => apps.selected.some((s) => s[r] === 1) || usesApp(r);
const youngAdults = everyone.filter((r) => (age.codes[r] as number) <= categoryIndex(age, '30代'));

const raked = rake([single(K.age), single(K.region)], demoWeightingTargets);
/** The share of `base` for whom `holds` is true, unweighted or with the raked weights. */
function share(holds: (r: number) => boolean, base: (r: number) => boolean, weighted: boolean): number {
  let part = 0;
  let whole = 0;
  for (const r of everyone) {
    if (!base(r)) continue;
    const w = weighted ? (raked.weights[r] as number) : 1;
    whole += w;
    if (holds(r)) part += w;
  }
  return part / whole;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const pay = numeric(K.willingnessToPay).values;
const payers = Array.from(pay).filter((x) => x > 0);

describe('the demo survey', () => {
  it('is the same for the same seed and different for another', () => {
    const csv = demoSurveyCsv();
    expect(DEMO_SURVEY_RESPONDENTS).toBe(1024);
    expect(demoSurveyCsv({ seed: DEMO_SURVEY_SEED, respondents: 1024 })).toBe(csv);
    expect(demoSurveyCsv()).toBe(csv);
    expect(demoSurveyCsv({ seed: 7 })).not.toBe(csv);
    expect(generateDemoSurvey({ seed: 7 }).header).toEqual(survey.header);
  });

  it('has 1,024 respondents (回収 1,024 件), each row as wide as the header, ids unique', () => {
    expect(survey.header).toEqual([
      '回答ID',
      '回答日時',
      'Q1_性別',
      'Q2_年代',
      'Q3_居住地域',
      'Q4_職業',
      'Q5_世帯年収',
      'Q6_世帯構成',
      'Q7_家計管理の方法',
      ...['Q8_1', 'Q8_2', 'Q8_3', 'Q8_4', 'Q8_5', 'Q8_6'],
      ...['Q9_1', 'Q9_2', 'Q9_3', 'Q9_4', 'Q9_5', 'Q9_6'],
      'Q10_NPS',
      'Q11_月額支払意向',
      'Q12_自由回答',
    ]);
    expect(survey.rows).toHaveLength(1024);
    expect(survey.rows.filter((row) => row.length !== survey.header.length)).toEqual([]);
    expect(new Set(column(K.id)).size).toBe(1024);
    expect(column(K.id).slice(0, 2)).toEqual(['R0001', 'R0002']);
    expect(column(K.answeredAt).every((t) => /^2025\/11\/(1[4-9]|20) \d\d:\d\d$/.test(t))).toBe(true);
    expect(generateDemoSurvey({ respondents: 12 }).rows).toHaveLength(12);
    // Cells are trimmed, as a survey import reads them.
    expect(survey.rows.flat().filter((cell) => cell !== cell.trim())).toEqual([]);
  });

  it('refuses a respondent count or seed it cannot use', () => {
    expect(() => generateDemoSurvey({ respondents: 0 })).toThrow(AppError);
    expect(() => generateDemoSurvey({ respondents: 1.5 })).toThrow(AppError);
    expect(() => generateDemoSurvey({ seed: Number.NaN })).toThrow(AppError);
  });

  it('comes with a codebook that parses and fits every column it names', () => {
    const types = Object.fromEntries(codebook.questions.map((q) => [q.key, q.type]));
    expect(types).toMatchObject({
      [K.gender]: 'single',
      [K.age]: 'single',
      [K.region]: 'single',
      [K.business]: 'single',
      [K.revenue]: 'single',
      [K.industry]: 'single',
      [K.method]: 'single',
      [K.tools]: 'multiple',
      Q9_1: 'likert',
      [K.nps]: 'nps',
      [K.willingnessToPay]: 'numeric',
      [K.comments]: 'open',
    });
    expect(age.categories.map((c) => c.label)).toEqual(['20代', '30代', '40代', '50代']);
    expect(method.categories.map((c) => c.label)).toEqual([
      '手書きの家計簿',
      'Excel・スプレッドシート',
      '家計簿アプリ（無料版）',
      '家計簿アプリ（有料版）',
      '特に管理していない',
    ]);
    // Anonymised apps only.
    expect(apps.categories.map((c) => c.label)).toEqual(['A社アプリ', 'B社アプリ', 'C社アプリ', 'D社アプリ', 'E社アプリ', '銀行系アプリ']);
    const grid = codebook.questions.filter((q) => q.grid === K.needsGrid);
    expect(grid.map((q) => q.key)).toEqual(['Q9_1', 'Q9_2', 'Q9_3', 'Q9_4', 'Q9_5', 'Q9_6']);
    expect(grid.filter((q) => q.reverse).map((q) => q.key)).toEqual(['Q9_5']);
    // Every answer column is in the codebook; only the id and the timestamp are not.
    const read = new Set(codebook.questions.flatMap((q) => q.columns));
    expect(survey.header.filter((h) => !read.has(h))).toEqual([K.id, K.answeredAt]);
    expect(N).toBe(1024);
    expect(dataset.variables.size + dataset.open.size).toBe(codebook.questions.length);
  });

  it('has the missing answers a real export has: 99 for 無回答, empty amounts, a quarter of open answers empty', () => {
    const income = column(K.revenue);
    expect(income.filter((v) => v === '99').length).toBeGreaterThan(50);
    expect(single(K.revenue).codes.filter((c) => c < 0).length).toBe(income.filter((v) => v === '99').length);
    expect(column(K.method).filter((v) => v === '99').length).toBeGreaterThan(3);
    const missingPay = Array.from(pay).filter((x) => Number.isNaN(x)).length;
    expect(missingPay).toBeGreaterThan(10);
    expect(missingPay).toBeLessThan(100);
    const empty = column(K.comments).filter((t) => t === '').length / N;
    expect(empty).toBeGreaterThan(0.2);
    expect(empty).toBeLessThan(0.3);
    // 特になし is a declared missing code, so the dataset counts it as no answer.
    const texts = dataset.open.get(K.comments)?.texts ?? [];
    expect(texts.filter((t) => t === null).length).toBeGreaterThan(column(K.comments).filter((t) => t === '').length);
  });

  it('writes open answers about 家計簿アプリ in Japanese, some with full-width digits or half-width katakana, so NFKC matters', () => {
    const answers = column(K.comments).filter((t) => t !== '');
    expect(new Set(answers).size).toBeGreaterThan(100);
    expect(answers.every((t) => /[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]/.test(t))).toBe(true);
    for (const theme of ['銀行連携', '広告', '続かない', '入力', '家族', '有料版', '自動分類'])
      expect(answers.filter((t) => t.normalize('NFKC').includes(theme)).length, theme).toBeGreaterThan(5);
    expect(answers.some((t) => /[\uff10-\uff19]/.test(t))).toBe(true);
    const halfWidth = answers.filter((t) => /[\uff66-\uff9f]/.test(t));
    expect(halfWidth.length).toBeGreaterThan(5);
    expect(halfWidth.some((t) => t.normalize('NFKC') !== t)).toBe(true);
    expect(answers.some((t) => t.includes('ﾚｼｰﾄ'))).toBe(true);
    // Cells that need CSV quoting: commas in prices, quotes, line breaks.
    expect(answers.some((t) => t.includes(','))).toBe(true);
    expect(answers.some((t) => t.includes('"'))).toBe(true);
    expect(answers.some((t) => t.includes('\n'))).toBe(true);
  });

  it('tells the report’s story: 62% of 20〜39 歳 have used a 家計簿アプリ and 41% of them still do', () => {
    expect(youngAdults.length).toBeGreaterThan(600);
    const used = youngAdults.filter(everUsed);
    expect(Math.abs(used.length / youngAdults.length - 0.62)).toBeLessThanOrEqual(0.04);
    expect(Math.abs(used.filter(usesApp).length / used.length - 0.41)).toBeLessThanOrEqual(0.04);
    // Whoever keeps the accounts with an app has ticked one in Q8.
    expect(everyone.filter((r) => usesApp(r) && !apps.selected.some((s) => s[r] === 1))).toEqual([]);
    // The young have tried apps more, and the way people keep their accounts differs by age.
    const everByAge = age.categories.map((_, a) => share(everUsed, (r) => age.codes[r] === a, false));
    expect((everByAge[0] as number) - (everByAge[3] as number)).toBeGreaterThan(0.2);
    const methodByAge = crosstab(method, age);
    expect(methodByAge.chiSquare?.pValue).toBeLessThan(0.001);
    const none = categoryIndex(method, '特に管理していない');
    const noneRow = methodByAge.colPercents[none] as (number | null)[];
    expect(noneRow[0] ?? 0).toBeGreaterThan(noneRow[3] ?? 0);
  });

  it('skews the sample against the population so raking matters, and rakes to the targets', () => {
    for (const shares of Object.values(demoWeightingTargets)) expect(Object.values(shares).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    const gap = (key: string, label: string) => {
      const v = single(key);
      const i = categoryIndex(v, label);
      const sample = v.codes.filter((code) => code === i).length / v.codes.length;
      return sample - (demoWeightingTargets[key]?.[v.categories[i]?.value ?? ''] ?? 0);
    };
    // Too many 20代 and 関東, too few 50代.
    expect(gap(K.age, '20代')).toBeGreaterThan(0.05);
    expect(gap(K.age, '50代')).toBeLessThan(-0.05);
    expect(gap(K.region, '関東')).toBeGreaterThan(0.05);
    expect(raked.converged).toBe(true);
    expect(raked.efficiency).toBeGreaterThan(0.6);
    expect(raked.efficiency).toBeLessThan(0.85);
    for (const m of raked.margins) expect(Math.abs(m.achieved - m.target)).toBeLessThan(1e-4);
  });

  it('has the relationships a crosstab should find, marked by the significance letters', () => {
    // App users recommend their way of keeping accounts more than 手書き users do (Welch's t-test letters).
    const nps = meansByColumn(numeric(K.nps), method);
    expect(nps.columns[PAID_APP]?.higherThan).toContain(nps.letters[HANDWRITTEN]);
    expect(nps.columns[FREE_APP]?.higherThan).toContain(nps.letters[HANDWRITTEN]);
    expect((nps.columns[PAID_APP]?.mean ?? 0) - (nps.columns[HANDWRITTEN]?.mean ?? 0)).toBeGreaterThan(1.5);
    // 有料版 users would pay more than 無料版 and 手書き users.
    const wtp = meansByColumn(numeric(K.willingnessToPay), method);
    expect(wtp.columns[PAID_APP]?.higherThan).toContain(wtp.letters[FREE_APP]);
    expect(wtp.columns[PAID_APP]?.higherThan).toContain(wtp.letters[HANDWRITTEN]);
    // The report's 「40 代で家族共有が有意に高い」.
    const family = meansByColumn(numeric('Q9_4'), age);
    const forties = categoryIndex(age, '40代');
    expect(family.columns[forties]?.higherThan).toContain(family.letters[categoryIndex(age, '20代')]);
    expect(family.columns[forties]?.mean).toBe(Math.max(...family.columns.map((c) => c.mean ?? 0)));
  });

  it('has a reliable needs scale once the negatively worded item is reversed', () => {
    const items = codebook.questions.filter((q) => q.grid === K.needsGrid && q.key !== 'Q9_6');
    expect(items.map((q) => q.key)).toEqual(['Q9_1', 'Q9_2', 'Q9_3', 'Q9_4', 'Q9_5']);
    const values = items.map((q) => numeric(q.key).values);
    const alpha = cronbachAlpha(values, { reverse: items.map((q) => q.reverse) });
    expect(alpha.n).toBe(N);
    expect(alpha.alpha).toBeGreaterThan(0.7);
    // Without reversing Q9_5 the scale falls apart.
    expect(cronbachAlpha(values).alpha).toBeLessThan((alpha.alpha ?? 0) - 0.3);
  });

  it('asks a willingness to pay with many zeros and round prices, the payers’ median 480 円', () => {
    const answered = Array.from(pay).filter(Number.isFinite);
    expect(answered.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    const zeros = answered.filter((x) => x === 0).length / answered.length;
    expect(zeros).toBeGreaterThan(0.35);
    expect(zeros).toBeLessThan(0.65);
    expect(median(payers)).toBe(480);
    for (const price of [100, 200, 300, 480, 500, 980]) expect(payers.filter((x) => x === price).length, `${price}`).toBeGreaterThan(20);
    // Right-skewed: a long tail of high prices.
    const mean = payers.reduce((s, x) => s + x, 0) / payers.length;
    expect(mean).toBeGreaterThan(median(payers));
    expect(Math.max(...payers)).toBeGreaterThanOrEqual(2000);
  });

  it('survives Shift_JIS: encoded and read back, the same table', () => {
    const bytes = encodeShiftJis(demoSurveyCsv());
    // No character fell outside code page 932 (the encoder writes "?" for those).
    expect(bytes.includes(0x3f)).toBe(false);
    const read = readSurveyCsv(bytes);
    expect(read.encoding).toBe('shift_jis');
    expect(read.header).toEqual(survey.header);
    expect(read.rows).toEqual(survey.rows);
  });

  it('writes RFC 4180 CSV: CRLF records, quotes doubled, quoted only where needed', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1,2', 'say "hi"'],
          ['line\nbreak', 'plain'],
        ],
      ),
    ).toBe('a,b\r\n"1,2","say ""hi"""\r\n"line\nbreak",plain\r\n');
    const csv = demoSurveyCsv({ respondents: 3 });
    expect(csv.startsWith(`${survey.header.join(',')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('the demo sizing and competitor matrix', () => {
  it('sizes the paid 家計簿アプリ market both ways with sources, the two agreeing at every level', () => {
    for (const sizing of [demoSizing, demoSizingBottomUp]) marketSizingSchema.parse(sizing);
    const evaluation = evaluateSizing(demoSizing, { counterpart: demoSizingBottomUp });
    // 6,000万人 × 93% × 480 円 × 12 か月.
    expect(evaluation.levels.tam.base).toBe(321_408_000_000);
    for (const level of ['tam', 'sam', 'som'] as const) expect(evaluation.triangulation?.[level].overlap).toBe(true);
    const topDown = checkSizing(marketSizingSchema.parse(demoSizing), { counterpart: marketSizingSchema.parse(demoSizingBottomUp) });
    const bottomUp = checkSizing(marketSizingSchema.parse(demoSizingBottomUp), { counterpart: marketSizingSchema.parse(demoSizing) });
    expect(topDown.status).toBe('pass');
    expect(bottomUp.status).toBe('pass');
    expect(topDown.findings.map((f) => f.code)).toContain('sizing.triangulation_gap');
  });

  it('takes its survey-based assumptions from the demo survey, before and after weighting', () => {
    const factor = (key: string) =>
      [demoSizing, demoSizingBottomUp]
        .map((s) => marketSizingSchema.parse(s))
        .flatMap((s) => Object.values(s.levels).flatMap((l) => l.factors))
        .find((f) => f.key === key);
    const within = (key: string, holds: (r: number) => boolean, base: (r: number) => boolean) => {
      const f = factor(key);
      expect(f, key).toBeDefined();
      for (const weighted of [false, true]) {
        const x = share(holds, base, weighted);
        expect(x, `${key} ${weighted ? 'weighted' : 'unweighted'}`).toBeGreaterThanOrEqual(f?.low ?? Number.NaN);
        expect(x, `${key} ${weighted ? 'weighted' : 'unweighted'}`).toBeLessThanOrEqual(f?.high ?? Number.NaN);
      }
    };
    expect(factor('willingness_to_pay')?.base).toBe(median(payers));
    expect(factor('monthly_price')?.base).toBe(480);
    within('app_users', usesApp, (r) => (method.codes[r] as number) >= 0);
    within('paid_share', (r) => method.codes[r] === PAID_APP, usesApp);
    within('ever_used', everUsed, () => true);
    within(
      'would_pay',
      (r) => (pay[r] as number) >= 300,
      (r) => everUsed(r) && Number.isFinite(pay[r]),
    );
  });

  it('has a competitor matrix of anonymised apps that parses, maps and leaves one cell unknown', () => {
    const matrix = parseCompetitorMatrix(demoCompetitors);
    expect(matrix.competitors.map((c) => c.name)).toEqual([
      'A社アプリ',
      'B社アプリ',
      'C社アプリ',
      'D社アプリ',
      'E社アプリ',
      '銀行系アプリ',
      'ミライ家計簿（ローンチ予定）',
    ]);
    const map = positioningMap(demoCompetitors, 'monthly_price', 'bank_links');
    expect(map.x.unit).toBe('円');
    expect(map.points).toHaveLength(matrix.competitors.length);
    expect(map.missing).toEqual([]);
    // The report's 「有料版の中央値は月額 480 円」 and 「銀行連携 2,000 社以上は 3 社のみ」.
    const paid = map.points.filter((p) => p.competitor.startsWith('app-'));
    expect(median(paid.map((p) => p.x))).toBe(480);
    expect(map.points.filter((p) => p.y >= 2000)).toHaveLength(3);
    expect(map.points.find((p) => p.competitor === 'mirai')?.x).toBe(300);
    const coverage = coverageSummary(demoCompetitors);
    const ours = coverage.competitors.find((c) => c.competitor === 'mirai');
    expect(ours?.unknown).toBe(1);
    expect(ours?.covered).toBe(3);
    expect(coverage.competitors.filter((c) => c.unknown > 0).map((c) => c.competitor)).toEqual(['mirai']);
  });
});
