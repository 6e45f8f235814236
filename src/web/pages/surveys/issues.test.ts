import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { en } from '../../i18n/en';
import { ja } from '../../i18n/ja';
import type { Translator } from '../../lib/errorText';
import { placeSurveyIssues, shortList, surveyIssueText } from './issues';

const i18n = i18next.createInstance();
const tr: Translator = { t: (key, options) => String(i18n.t(key as never, options as never)), exists: (key) => i18n.exists(key) };
const share = (v: number) => `${(v * 100).toFixed(1)}%`;

beforeAll(async () => {
  await i18n.init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

const mismatch = new ApiError({
  status: 400,
  code: 'invalid_input',
  reason: 'codebook_mismatch',
  message: 'The data does not fit the codebook.',
  issues: [
    {
      path: ['questions', 1, 'rows', 14],
      code: 'code_outside_codebook',
      message: 'x',
      params: { line: 14, column: 'Q2_年代', value: '9' },
    },
    { path: ['questions', 0, 'columns', 0], code: 'unknown_key', message: 'x', params: { column: 'Q1' } },
    { path: ['weightColumn'], code: 'unknown_key', message: 'x', params: { column: 'w' } },
  ],
});

describe('survey issues in the reader’s language', () => {
  it('says the line and column of a code the codebook does not hold, on the question it names', async () => {
    await i18n.changeLanguage('ja');
    const placed = placeSurveyIssues(mismatch, tr, { questionKeys: ['gender', 'age'], share });
    expect(placed.byQuestion.get(1)).toEqual(['age：14 行目、列「Q2_年代」：「9」は設問のコードにありません。']);
    expect(placed.byQuestion.get(0)).toEqual(['gender：ファイルに列「Q1」がありません。']);
    expect(placed.all).toHaveLength(3);
    expect(placed.all[2]).toBe('ファイルに列「w」がありません。');
    await i18n.changeLanguage('en');
    expect(placeSurveyIssues(mismatch, tr, { questionKeys: ['gender', 'age'], share }).all[0]).toBe(
      'age: Line 14, column “Q2_年代”: “9” is not one of the question’s codes.',
    );
  });

  it('places weighting issues by the question they name, with shares as percents', async () => {
    await i18n.changeLanguage('en');
    const error = new ApiError({
      status: 400,
      code: 'invalid_input',
      reason: 'bad_targets',
      message: 'x',
      issues: [
        { path: ['Q2'], code: 'targets_sum', message: 'x', params: { sum: 0.95 } },
        { path: ['targets', 'Q3'], code: 'unknown_key', message: 'x', params: { key: 'Q3' } },
        { path: ['Q2', '4'], code: 'zero_target', message: 'x', params: { respondents: 12 } },
      ],
    });
    const placed = placeSurveyIssues(error, tr, { share });
    expect(placed.byKey.get('Q2')).toEqual([
      'The targets add up to 95.0%; they must add up to 100%.',
      'A target of 0% for a category with 12 respondents cannot be reached.',
    ]);
    expect(placed.byKey.get('Q3')).toEqual(['The dataset has no question “Q3”.']);
  });

  it('falls back to kpo’s generic words when an issue lacks what the survey text needs', async () => {
    await i18n.changeLanguage('en');
    expect(surveyIssueText({ path: ['questions', 0, 'key'], code: 'duplicate_key', message: 'x' }, tr, { share })).toBe(
      'Another entry has the same key.',
    );
    expect(shortList(['a', 'b', 'c'], (n) => `+${n}`, 2)).toEqual(['a', 'b', '+1']);
  });
});
