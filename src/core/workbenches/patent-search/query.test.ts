import { describe, expect, it } from 'vitest';
import { parseQuery, positiveTerms, type QueryNode } from './query.js';
import { tokenize } from './tokens.js';

function ok(query: string): QueryNode {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.node;
}
const codes = (query: string) => {
  const parsed = parseQuery(query);
  return parsed.ok ? [] : parsed.issues.map((i) => i.code);
};
/** The tree as a short string: what the searcher's words became. */
function show(n: QueryNode): string {
  switch (n.kind) {
    case 'phrase':
      return `${n.field ? `${n.field}:` : ''}${n.tokens.length === 1 ? n.tokens[0]?.term : `"${n.tokens.map((t) => `${t.term}@${t.offset}`).join(' ')}"`}`;
    case 'not':
      return `-${show(n.child)}`;
    case 'near':
      return `(${show(n.left)} NEAR/${n.distance} ${show(n.right)})`;
    case 'and':
      return `(${n.children.map(show).join(' AND ')})`;
    case 'or':
      return `(${n.children.map(show).join(' OR ')})`;
  }
}

describe('tokenize', () => {
  it('stems English words, drops stop words but keeps their positions, and records offsets', () => {
    const tokens = tokenize('An inflatable balloon for the Catheters');
    expect(tokens.map((t) => [t.term, t.position])).toEqual([
      ['inflat', 1],
      ['balloon', 2],
      ['cathet', 5],
    ]);
    expect(tokens.map((t) => 'An inflatable balloon for the Catheters'.slice(t.start, t.end))).toEqual([
      'inflatable',
      'balloon',
      'Catheters',
    ]);
  });

  it('reads full-width Latin and digits as ASCII', () => {
    expect(tokenize('ＳＥＮＳＯＲ　１２').map((t) => t.term)).toEqual(['sensor', '12']);
  });

  it('cuts kanji and katakana runs into bigrams, skips hiragana, keeps a katakana word whole', () => {
    const text = '血圧を測定するカテーテル';
    const tokens = tokenize(text);
    expect(tokens.map((t) => [t.term, t.position])).toEqual([
      ['血圧', 0],
      ['測定', 2],
      ['カテ', 4],
      ['テー', 5],
      ['ーテ', 6],
      ['テル', 7],
      ['カテーテル', 4],
    ]);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['血圧', '測定', 'カテ', 'テー', 'ーテ', 'テル', 'カテーテル']);
  });

  it('keeps a single kanji as a unigram', () => {
    expect(tokenize('弁').map((t) => t.term)).toEqual(['弁']);
  });
});

describe('parseQuery', () => {
  it('implies AND between words and binds NEAR tighter than AND, AND tighter than OR', () => {
    expect(show(ok('catheter balloon'))).toBe('(cathet AND balloon)');
    expect(show(ok('stent OR graft coating'))).toBe('(stent OR (graft AND coat))');
    expect(show(ok('sensor NEAR/5 pressure implant'))).toBe('((sensor NEAR/5 pressur) AND implant)');
    expect(show(ok('(stent | graft) & -coating'))).toBe('((stent OR graft) AND -coat)');
    expect(show(ok('stent AND NOT coating'))).toBe('(stent AND -coat)');
  });

  it('keeps a phrase in order with the gaps its stop words leave', () => {
    expect(show(ok('"device for measuring"'))).toBe('"devic@0 measur@2"');
  });

  it('turns a Japanese word into the phrase of its bigrams', () => {
    expect(show(ok('血圧測定'))).toBe('"血圧@0 圧測@1 測定@2"');
    const parsed = parseQuery('カテーテル');
    expect(parsed.ok && positiveTerms(parsed.node)).toEqual(['カテ', 'テー', 'ーテ', 'テル', 'カテーテル']);
  });

  it('restricts words to a field by name or short name', () => {
    expect(show(ok('title:catheter cl:"balloon catheter" ab:stent de:graft'))).toBe(
      '(title:cathet AND claims:"balloon@0 cathet@1" AND abstract:stent AND description:graft)',
    );
  });

  it('reads full-width operators and parentheses', () => {
    expect(show(ok('（stent　OR　graft）'))).toBe('(stent OR graft)');
  });

  it('refuses unbalanced parentheses and quotes, naming where', () => {
    expect(codes('(stent OR graft')).toEqual(['query_unbalanced']);
    expect(codes('stent)')).toEqual(['query_unbalanced']);
    expect(codes('"balloon catheter')).toEqual(['query_unbalanced']);
    const parsed = parseQuery('stent) graft');
    expect(!parsed.ok && parsed.issues[0]?.at).toBe(5);
  });

  it('refuses operators without their words', () => {
    expect(codes('stent AND')).toEqual(['query_operator']);
    expect(codes('OR graft')).toContain('query_operator');
    expect(codes('stent NOT')).toEqual(['query_operator']);
    expect(codes('stent NEAR/0 graft')).toEqual(['query_operator']);
    expect(codes('(stent OR graft) NEAR/3 coating')).toEqual(['query_operator']);
    expect(codes('()')).toEqual(['query_operator']);
    expect(codes('title:')).toEqual(['query_operator']);
  });

  it('says when only common words or only exclusions are left', () => {
    expect(codes('the of and')).toEqual(['query_no_terms']);
    expect(codes('NOT stent')).toEqual(['query_only_negative']);
    expect(codes('stent OR -graft')).toEqual(['query_only_negative']);
    expect(show(ok('the catheter'))).toBe('cathet');
  });

  it('refuses a query too long to be a search', () => {
    expect(codes('a '.repeat(3000))).toEqual(['query_too_long']);
  });
});
