import { stemEnglish, type Token, type Tokenize, tokenizeEnglish } from '../../core/workbenches/market-research/coding.js';
import { loadKuromojiTokenizer } from './kuromoji.js';

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN_WORD = /^[a-z]+$/;

/**
 * The coding engine's tokenizer: kuromoji (IPADIC base forms and parts of speech) for text with
 * Japanese in it, the engine's English tokenizer otherwise. Latin words inside Japanese text are
 * stemmed as English, so "prices" in 「pricesが高い」 meets the keyword "price".
 */
export async function loadCodingTokenizer(): Promise<Tokenize> {
  const ja = await loadKuromojiTokenizer();
  return (text: string): Token[] => {
    if (!JAPANESE.test(text)) return tokenizeEnglish(text);
    return ja.tokenize(text).map((t) => {
      const surface = t.surface.toLowerCase();
      const base = t.base && t.base !== '*' ? t.base : surface;
      return { surface, base: LATIN_WORD.test(base) ? stemEnglish(base) : base, pos: t.pos, posDetail1: t.posDetail1 };
    });
  };
}
