import { describe, expect, it } from 'vitest';
import { type HighlightSource, highlight } from './highlight.js';
import { parseQuery, positiveTerms } from './query.js';

const termsOf = (query: string) => {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return positiveTerms(parsed.node);
};
const matched = (source: HighlightSource, ranges: readonly { start: number; end: number }[]) =>
  ranges.map((r) => source.text.slice(r.start, r.end));

describe('highlight: snippets with matched ranges into the original text', () => {
  it('finds English words by their stem, and offsets point into the text as given', () => {
    const claim: HighlightSource = {
      field: 'claims',
      ref: '1',
      text: 'A wearable device comprising: a housing; an optical sensor that measures a pulse; and a processor configured to estimate blood pressure.',
    };
    const [s] = highlight([claim], termsOf('sensors AND measuring AND "blood pressure"'));
    expect(s).toBeDefined();
    expect(s?.field).toBe('claims');
    expect(s?.ref).toBe('1');
    expect(s?.text).toBe(claim.text.slice(s?.start, s?.end));
    expect(matched(claim, s?.matches ?? [])).toEqual(['sensor', 'measures', 'blood', 'pressure']);
  });

  it('ignores words the query excludes and returns nothing when no positive word occurs', () => {
    const a: HighlightSource = { field: 'abstract', ref: null, text: 'A catheter with a balloon.' };
    expect(highlight([a], termsOf('stent NOT balloon'))).toEqual([]);
  });

  it('merges the bigrams of a Japanese word into one range and finds katakana words inside longer runs', () => {
    const p: HighlightSource = {
      field: 'description',
      ref: '0012',
      text: '本発明の生体センサは、光学式の脈波センサーを備え、血圧を推定する。',
    };
    const [s] = highlight([p], termsOf('脈波センサー 血圧'));
    // The word's bigrams also light up the shorter センサ: a reader sees the partial match too.
    expect(matched(p, s?.matches ?? [])).toEqual(['センサ', '脈波センサー', '血圧']);
  });

  it('matches full-width (NFKC) variants with offsets into the full-width text', () => {
    const title: HighlightSource = { field: 'title', ref: null, text: '照明用 ＬＥＤ（発光ダイオード）の駆動回路' };
    const [s] = highlight([title], termsOf('led 駆動'));
    expect(matched(title, s?.matches ?? [])).toEqual(['ＬＥＤ', '駆動']);
    // Half-width katakana in the query finds the full-width word.
    const d: HighlightSource = { field: 'description', ref: '1', text: '前記センサは…' };
    expect(matched(d, highlight([d], termsOf('ｾﾝｻ'))[0]?.matches ?? [])).toEqual(['センサ']);
  });

  it('puts the passage with the most distinct words first, and claims before the description on a tie', () => {
    const sources: HighlightSource[] = [
      { field: 'description', ref: '0001', text: 'The sensor is described in detail below.' },
      { field: 'description', ref: '0002', text: 'The sensor measures blood pressure through the skin.' },
      { field: 'claims', ref: '3', text: 'The device of claim 1, wherein the sensor is optical.' },
    ];
    const snippets = highlight(sources, termsOf('sensor OR blood'), { maxSnippets: 2 });
    expect(snippets.map((s) => s.ref)).toEqual(['0002', '3']);
  });

  it('keeps a snippet within the window, cut at word boundaries, around the matches', () => {
    const long = `${'lorem ipsum dolor sit amet '.repeat(20)}the actuator moves ${'consectetur adipiscing elit '.repeat(20)}`;
    const source: HighlightSource = { field: 'description', ref: '7', text: long };
    const [s] = highlight([source], termsOf('actuator'), { window: 60 });
    expect(s).toBeDefined();
    expect((s?.end ?? 0) - (s?.start ?? 0)).toBeLessThanOrEqual(60);
    expect(s?.text).toContain('actuator');
    expect(s?.text).toMatch(/^\S/);
    // Neither end cuts a word in two.
    expect(/\w/.test(long[(s?.start ?? 1) - 1] ?? ' ') && /\w/.test(long[s?.start ?? 0] ?? ' ')).toBe(false);
    expect(/\w/.test(long[(s?.end ?? 1) - 1] ?? ' ') && /\w/.test(long[s?.end ?? 0] ?? ' ')).toBe(false);
  });
});
