import { describe, expect, it } from 'vitest';
import { applyCodeNames, restoreCodeNames } from './code-names.js';
import { detectPii } from './detect.js';
import { emptyMapping, parseMapping, pseudonymise, reidentify } from './pseudonymise.js';

describe('pseudonymise', () => {
  it('gives each original one token, by language, and re-identifies the text', () => {
    const text = '山田太郎様と佐藤花子様。山田 太郎様に再送。Dear Mr. John Smith, email jo@example.com; John Smith agreed.';
    const r = pseudonymise(text, detectPii(text), emptyMapping());
    expect(r.text).toBe('人物A様と人物B様。人物A様に再送。Dear Mr. PERSON_001, email EMAIL_001; PERSON_001 agreed.');
    expect(reidentify(r.text, r.mapping)).toBe(text.replace('山田 太郎様に', '山田太郎様に'));
  });

  it('continues a mapping from an earlier document of the engagement', () => {
    const first = pseudonymise('佐藤花子様', detectPii('佐藤花子様'));
    const second = pseudonymise('田中一郎様と佐藤花子様', detectPii('田中一郎様と佐藤花子様'), first.mapping);
    expect(second.text).toBe('人物B様と人物A様');
    expect(second.mapping.entries.map((e) => e.token)).toEqual(['人物A', '人物B']);
    expect(first.mapping.entries).toHaveLength(1);
  });

  it('uses Japanese tokens for Japanese addresses and skips a token that already stands in the text', () => {
    const text = '人物Aの件。住所：東京都港区芝公園4-2-8、担当 鈴木様';
    const r = pseudonymise(text, detectPii(text));
    expect(r.text).toBe('人物Aの件。住所：住所_001、担当 人物B様');
    expect(reidentify(r.text, r.mapping)).toBe(text);
  });

  it('does not restore PERSON_001 inside PERSON_0010', () => {
    const mapping = { version: 1 as const, entries: [{ type: 'PERSON' as const, original: 'Ann Lee', token: 'PERSON_001' }] };
    expect(reidentify('PERSON_001 and PERSON_0010', mapping)).toBe('Ann Lee and PERSON_0010');
  });

  it('refuses a finding that is not a span of the text, and a malformed mapping', () => {
    expect(() => pseudonymise('abc', [{ start: 0, end: 2, type: 'PERSON', text: 'xy' }])).toThrow(
      expect.objectContaining({ code: 'invalid_input', reason: 'pii_finding_mismatch' }),
    );
    expect(() => parseMapping({ version: 2, entries: [] })).toThrow(expect.objectContaining({ reason: 'pii_mapping_invalid' }));
    expect(() =>
      parseMapping({
        version: 1,
        entries: [
          { type: 'PERSON', original: 'a', token: 'T' },
          { type: 'PERSON', original: 'b', token: 'T' },
        ],
      }),
    ).toThrow(expect.objectContaining({ reason: 'pii_mapping_invalid' }));
  });
});

describe('code names', () => {
  const terms = [
    { term: 'Sakura Holdings', codeName: 'Project Blue' },
    { term: 'Sakura', codeName: 'Blue' },
    { term: 'SKR', codeName: 'TICKER-B' },
    { term: 'さくら工業', codeName: 'ブルー社' },
  ];

  it('replaces names and tickers case-insensitively, full- and half-width alike, longest first', () => {
    const text = 'SAKURA HOLDINGS (ＳＫＲ) and sakura; ＳＡＫＵＲＡ; さくら工業の件; SKRX is another ticker.';
    expect(applyCodeNames(text, terms)).toBe('Project Blue (TICKER-B) and Blue; Blue; ブルー社の件; SKRX is another ticker.');
  });

  it('round-trips, surrogate pairs and all', () => {
    const text = '𠮷 Sakura Holdings と さくら工業 😀 SKR';
    const coded = applyCodeNames(text, terms);
    expect(coded).toBe('𠮷 Project Blue と ブルー社 😀 TICKER-B');
    expect(restoreCodeNames(coded, terms)).toBe(text);
  });

  it('does not match inside a longer word', () => {
    expect(applyCodeNames('Sakuraba and Sakura', terms)).toBe('Sakuraba and Blue');
  });
});
