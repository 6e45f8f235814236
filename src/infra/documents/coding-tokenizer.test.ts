import { describe, expect, it } from 'vitest';
import { codeAnswers } from '../../core/workbenches/market-research/coding.js';
import { loadCodingTokenizer } from './coding-tokenizer.js';

describe('coding tokenizer (kuromoji base forms)', () => {
  it('gives kuromoji base forms and parts of speech, and English stems', async () => {
    const tokenize = await loadCodingTokenizer();
    const tokens = tokenize('入力が面倒くさかった');
    expect(tokens.map((t) => t.base)).toContain('面倒くさい');
    expect(tokens.find((t) => t.base === '入力')?.pos).toBe('名詞');
    expect(tokenize('The prices were high').map((t) => t.base)).toContain('price');
  }, 30_000);

  it('codes inflected Japanese answers under one code through base forms', async () => {
    const tokenize = await loadCodingTokenizer();
    const result = codeAnswers(
      ['入力が面倒', '入力が面倒くさい', '入力が面倒くさかった', '料金が高かった', null],
      [
        { key: 'effort', label: '入力の手間', keywords: ['面倒くさい', '面倒'] },
        { key: 'price', label: '価格', keywords: ['高い'] },
      ],
      tokenize,
    );
    expect(result.answered).toBe(4);
    expect(result.codes[0]?.count).toBe(3);
    expect(result.codes[1]?.count).toBe(1);
    expect(result.uncoded.count).toBe(0);
  }, 30_000);
});
