import kuromoji from 'kuromoji';
import { describe, expect, it } from 'vitest';
import { detectPii } from '../../core/documents/pii/detect.js';
import { kuromojiDictPath, loadKuromojiTokenizer } from './kuromoji.js';

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

  it('keeps every offset right in text with NUL characters (kuromoji skips them uncounted)', async () => {
    const tokenizer = await loadKuromojiTokenizer();
    for (const text of ['山田太郎は\0東京都に住む', '\0山田太郎', '山田\0\0太郎', `${'x'.repeat(40)}\0佐藤花子様`]) {
      const tokens = tokenizer.tokenize(text);
      for (const t of tokens) expect(text.slice(t.start, t.start + t.surface.length)).toBe(t.surface);
      expect(tokens.map((t) => t.surface).join('')).toBe(text);
    }
    const text = '担当：\0竹之内様';
    expect(detectPii(text, { tokenizer }).map((f) => [f.text, text.slice(f.start, f.end)])).toEqual([['竹之内', '竹之内']]);
  });

  it('lets the detector find a name that is in no list of its own', async () => {
    const tokenizer = await loadKuromojiTokenizer();
    const text = '対応者：竹之内';
    expect(detectPii(text).map((f) => f.text)).toEqual([]);
    expect(detectPii(text, { tokenizer }).map((f) => f.text)).toEqual(['竹之内']);
  });

  it('gives the tokens kuromoji itself gives, with its lattice, trie walk and features replaced and after the warm-up (BMP text and text with surrogates)', async () => {
    const port = await loadKuromojiTokenizer();
    const plain = await new Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>>((resolve, reject) => {
      kuromoji.builder({ dicPath: kuromojiDictPath() }).build((err, t) => (err ? reject(err) : resolve(t)));
    });
    const texts = [
      '佐藤花子様',
      '株式会社山田商事　営業部の佐藤花子様、いつもお世話になっております。',
      '𠮷田太郎様、こんにちは。髙橋さん',
      'ヤマダタロウさん',
      '対応者：竹之内',
      'ＡＢＣ株式会社 山田 2026年12月6日',
      '😀田中',
      '、。',
      // Dictionary words one inside the other, and characters of one, two and four UTF-8 bytes (the trie is walked on those).
      '東京都千代田区丸の内一丁目',
      'café と Müller 様',
      '𩸽の塩焼き、髙島屋',
      // Runs of one character class, which unknown words group (katakana, digits, Latin letters, half-width kana, kanji numerals).
      'カタカナーー・テスト 12.5kg ABC-123 ｱｲｳ',
      '一二三四五六七八九十百千万',
    ];
    for (const text of [...texts, ...texts]) {
      const expected = plain.tokenize(text).map((t) => ({
        surface: t.surface_form,
        pos: t.pos,
        posDetail1: t.pos_detail_1,
        posDetail2: t.pos_detail_2,
        posDetail3: t.pos_detail_3,
        base: t.basic_form,
        start: t.word_position - 1,
      }));
      expect(port.tokenize(text)).toEqual(expected);
    }
  });
});
