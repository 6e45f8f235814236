import { describe, expect, it } from 'vitest';
import { detectPii } from '../../core/documents/pii/detect.js';
import { loadKuromojiTokenizer } from './kuromoji.js';
import { startPiiPool } from './pii-pool.js';

describe('PII pool', () => {
  it('answers each text of batches larger than one message, in order, as the detector on this thread does', async () => {
    const texts = Array.from({ length: 150 }, (_, i) =>
      i % 2 === 0
        ? `担当：${['田中一郎', '佐藤花子', '蛯名'][i % 3]}様 電話 03-1234-${String(1000 + i)}`
        : `Dear Mr. Smith, card 4111 1111 1111 1111 #${i}`,
    );
    // Characters outside the BMP (two UTF-16 units each) before findings: offsets travel as numbers and the text is cut again here.
    texts.push('𠮷野家の𠮷田太郎様 😀 連絡先 taro@example.jp 電話 090-1234-5678', '🎉🎉 Contact Mr. Smith at smith@example.com');
    const tokenizer = await loadKuromojiTokenizer();
    const pool = startPiiPool(2);
    try {
      const pooled = await Promise.all(texts.map((t) => pool.scan(t)));
      expect(pooled).toEqual(texts.map((t) => detectPii(t, { tokenizer })));
      // Texts given in a later turn travel in new batches and still come back to their own caller.
      expect(await pool.scan(texts[1] ?? '')).toEqual(detectPii(texts[1] ?? '', { tokenizer }));
    } finally {
      await pool.close();
    }
  }, 60_000);
});
