import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodeframeRequestSchema, saveCodeframeVersionRequestSchema } from '../../../../shared/contracts/coding-api';
import type { Issue } from '../../../../shared/errors';
import { en } from '../../../i18n/en';
import { ja } from '../../../i18n/ja';
import { issueMessage, type Translator } from '../../../lib/errorText';
import {
  type CodeframeForm,
  cleanTerms,
  codeChanges,
  codingIssueKeys,
  editableCodes,
  emptyCode,
  freshKey,
  localProblems,
  placeCodeframeIssues,
  placeOverrideIssues,
  toCodes,
  toCreateRequest,
  toOverrideRequest,
  toSaveVersionRequest,
} from './form';

const i18n = i18next.createInstance();
const tr: Translator = { t: (key, options) => String(i18n.t(key as never, options as never)), exists: (key) => i18n.exists(key) };
const word = (issue: Issue) => issueMessage(issue, tr, codingIssueKeys(issue));

beforeAll(async () => {
  await i18n.init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

const saved = [
  { key: 'price', label: '価格・料金', keywords: ['高い', '料金'], exclude: [] },
  { key: 'ads', label: '広告が多い', keywords: ['広告'], exclude: ['広告なし'] },
];

const form = (patch: Partial<CodeframeForm> = {}): CodeframeForm => ({ question: 'Q12_自由回答', codes: editableCodes(saved), ...patch });

describe('form state → request bodies', () => {
  it('starts a new version from the saved codes, and sends them back unchanged', () => {
    const codes = editableCodes(saved);
    expect(new Set(codes.map((c) => c.id)).size).toBe(2);
    const body = toSaveVersionRequest(3, codes);
    expect(body).toEqual({ baseVersion: 3, codes: saved });
    expect(saveCodeframeVersionRequestSchema.parse(body)).toEqual(body);
  });

  it('trims keys, labels and terms, drops empty and repeated tags, and keeps every row in place', () => {
    const codes = [
      { id: 'a', key: ' price ', label: ' 価格 ', keywords: [' 高い', '', '高い', '料金 '], exclude: ['  '] },
      { id: 'b', key: '', label: '', keywords: [], exclude: [] },
    ];
    expect(toCodes(codes)).toEqual([
      { key: 'price', label: '価格', keywords: ['高い', '料金'], exclude: [] },
      // An empty row is still sent as row 2: the server's issue about codes[1] names it.
      { key: '', label: '', keywords: [], exclude: [] },
    ]);
    expect(cleanTerms(['a', ' a ', 'b'])).toEqual(['a', 'b']);
  });

  it('creates with the question, the dataset version shown, and the codes', () => {
    const body = toCreateRequest(form({ question: ' Q12_自由回答 ' }), 2);
    expect(body).toEqual({ question: 'Q12_自由回答', datasetVersion: 2, codes: saved });
    expect(createCodeframeRequestSchema.parse(body)).toEqual(body);
    expect(toCreateRequest(form())).not.toHaveProperty('datasetVersion');
  });

  it('adds a code with a key no other code has', () => {
    expect(freshKey([{ key: 'code2' }])).toBe('code3');
    expect(freshKey([{ key: 'a' }, { key: 'code3' }])).toBe('code4');
    const added = emptyCode([{ key: 'x' }]);
    expect(added).toMatchObject({ key: 'code2', label: '', keywords: [], exclude: [] });
  });

  it('codes an answer by hand with known keys, each once', () => {
    expect(toOverrideRequest(41, ['price', 'price', 'gone', 'ads'], ['price', 'ads'])).toEqual({ respondent: 41, codes: ['price', 'ads'] });
    expect(toOverrideRequest(0, [], ['price'])).toEqual({ respondent: 0, codes: [] });
  });

  it('says what a new version adds, removes and changes (a renamed key is both)', () => {
    const after = [
      { key: 'cost', label: '価格・料金', keywords: ['高い', '料金'], exclude: [] },
      { key: 'ads', label: '広告', keywords: ['広告'], exclude: ['広告なし'] },
      { key: 'sync', label: '同期', keywords: ['同期'], exclude: [] },
    ];
    expect(codeChanges(saved, after)).toEqual({ added: ['cost', 'sync'], removed: ['price'], changed: ['ads'] });
    expect(codeChanges(saved, saved)).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('local problems', () => {
  it('finds a missing question, key, label or keyword, a key in the wrong shape and a key used twice', () => {
    const codes = [
      { id: '1', key: 'price', label: '価格', keywords: ['高い'], exclude: [] },
      { id: '2', key: 'price', label: '', keywords: [' '], exclude: [] },
      { id: '3', key: 'two words', label: 'x', keywords: ['x'], exclude: [] },
      { id: '4', key: '入力', label: '入力', keywords: ['入力'], exclude: [] },
    ];
    const p = localProblems({ question: '', codes }, true);
    expect(p.question).toBe('required');
    expect(p.byCode.get(0)).toBeUndefined();
    expect(p.byCode.get(1)).toEqual({ key: 'duplicate_key', label: 'required', keywords: 'no_keywords' });
    expect(p.byCode.get(2)).toEqual({ key: 'key_format' });
    expect(p.byCode.has(3)).toBe(false); // Japanese letters are letters
    expect(p.count).toBe(5);
  });

  it('needs no question for a new version, and at least one code', () => {
    const p = localProblems({ question: '', codes: [] }, false);
    expect(p.question).toBeUndefined();
    expect(p.noCodes).toBe(true);
    expect(p.count).toBe(1);
    expect(localProblems(form(), true).count).toBe(0);
  });
});

describe('server issues → fields', () => {
  const issues: Issue[] = [
    { path: ['codes', 1, 'key'], code: 'duplicate_key', message: 'Another code already has the key "price".', params: { key: 'price' } },
    { path: ['codes', 0, 'keywords', 2], code: 'invalid_value', message: '"、" has no word to match.', params: { term: '、' } },
    { path: ['codes', 0, 'label'], code: 'too_big', message: 'At most 200 characters.', params: { maximum: 200, origin: 'string' } },
    { path: ['question'], code: 'unknown_key', message: 'No question "Q9".', params: { key: 'Q9' } },
    { path: ['codes'], code: 'too_small', message: 'At least one code.', params: { minimum: 1, origin: 'array' } },
    { path: ['datasetVersion'], code: 'too_small', message: 'Too small.', params: { minimum: 1 } },
  ];

  it('puts each issue on its field, in the reader’s language', () => {
    const placed = placeCodeframeIssues(issues, word);
    expect(placed.byCode.get(1)).toEqual({ key: ['キー「price」のコードはすでにあります。'] });
    expect(placed.byCode.get(0)?.keywords).toEqual(['「、」には照合できる語がありません。語句を入力してください。']);
    expect(placed.byCode.get(0)?.label).toEqual([tr.t('issues.generic.too_big_string', { maximum: 200 })]);
    expect(placed.question).toEqual(['この版の調査データに自由回答の設問「Q9」はありません。']);
    expect(placed.codes).toEqual(['コードを 1 つ以上入力してください。']);
    expect(placed.unplaced).toHaveLength(1);
  });

  it('words the same issues in English', async () => {
    await i18n.changeLanguage('en');
    try {
      const placed = placeCodeframeIssues(issues.slice(0, 2), word);
      expect(placed.byCode.get(1)?.key).toEqual(['Another code already has the key “price”.']);
      expect(placed.byCode.get(0)?.keywords).toEqual(['“、” has no word to match: use a word or phrase.']);
    } finally {
      await i18n.changeLanguage('ja');
    }
  });

  it('words a key in the wrong shape and falls back to kpo’s generic words for the rest', () => {
    expect(codingIssueKeys({ path: ['codes', 0, 'key'], code: 'invalid_format', message: 'x' })).toEqual(['coding.issue.key_format']);
    expect(codingIssueKeys({ path: ['codes', 0, 'keywords'], code: 'too_small', message: 'x' })).toEqual(['coding.issue.no_keywords']);
    expect(codingIssueKeys({ path: ['codes', 0, 'label'], code: 'required', message: 'x' })).toEqual([]);
    expect(word({ path: ['codes', 0, 'label'], code: 'required', message: 'x' })).toBe(tr.t('issues.generic.required'));
  });

  it('places an override’s issues on the answer and on the codes picked', () => {
    const placed = placeOverrideIssues(
      [
        { path: ['respondent'], code: 'invalid_value', message: 'Respondent 9 has no answer to this question.' },
        { path: ['codes', 0], code: 'unknown_key', message: 'No code "gone".', params: { key: 'gone' } },
        { path: ['other'], code: 'custom', message: 'x' },
      ],
      word,
    );
    expect(placed.respondent).toEqual(['この回答者はこの設問に回答していません。']);
    expect(placed.codes).toEqual(['最新のコードに「gone」はありません。']);
    expect(placed.unplaced).toHaveLength(1);
  });
});
