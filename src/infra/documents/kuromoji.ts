import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import type { JaToken, JaTokenizer } from '../../core/documents/pii/types.js';

/**
 * kuromoji (IPADIC) behind the core's tokenizer port. Its dictionary (≈ 17 MB unpacked) takes
 * about a second to load: it is loaded once per process, on first use, and shared.
 */
const require = createRequire(import.meta.url);
let loading: Promise<JaTokenizer> | null = null;

export function kuromojiDictPath(): string {
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

export function loadKuromojiTokenizer(): Promise<JaTokenizer> {
  loading ??= new Promise<JaTokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: kuromojiDictPath() }).build((err, tokenizer) => {
      if (err) {
        loading = null;
        reject(err);
        return;
      }
      // Each call costs ≈ 0.1 ms however short the text; the detector asks about the same short windows (a name before 様) again and again.
      const cache = new Map<string, JaToken[]>();
      resolve({
        tokenize(text: string): JaToken[] {
          const hit = cache.get(text);
          if (hit) return hit;
          const tokens = tokenizer.tokenize(text).map((t) => ({
            surface: t.surface_form,
            pos: t.pos,
            posDetail1: t.pos_detail_1,
            posDetail2: t.pos_detail_2,
            posDetail3: t.pos_detail_3,
            base: t.basic_form,
            // kuromoji counts positions from 1.
            start: t.word_position - 1,
          }));
          if (text.length <= 32) {
            if (cache.size >= 20_000) cache.clear();
            cache.set(text, tokens);
          }
          return tokens;
        },
      });
    });
  });
  return loading;
}
