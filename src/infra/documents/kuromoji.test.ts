import { describe, expect, it } from 'vitest';
import { detectPii } from '../../core/documents/pii/detect.js';
import { loadKuromojiTokenizer } from './kuromoji.js';

describe('kuromoji tokenizer port', () => {
  it('loads once and gives IPADIC tags with 0-based UTF-16 offsets', async () => {
    const [a, b] = await Promise.all([loadKuromojiTokenizer(), loadKuromojiTokenizer()]);
    expect(a).toBe(b);
    const tokens = a.tokenize('佐藤花子様');
    expect(tokens.map((t) => [t.surface, t.start, t.posDetail2, t.posDetail3])).toEqual([
      ['佐藤', 0, '人名', '姓'],
      ['花子', 2, '人名', '名'],
      ['様', 4, '人名', '*'],
    ]);
  });

  it('lets the detector find a name that is in no list of its own', async () => {
    const tokenizer = await loadKuromojiTokenizer();
    const text = '対応者：竹之内';
    expect(detectPii(text).map((f) => f.text)).toEqual([]);
    expect(detectPii(text, { tokenizer }).map((f) => f.text)).toEqual(['竹之内']);
  });
});
