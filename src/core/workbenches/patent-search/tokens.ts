import { stemmer } from 'stemmer';
import type { JaTokenizer } from '../../documents/pii/types.js';

/**
 * The one tokenizer of patent search (docs/decisions/0009-patent-search-index.md): documents,
 * queries and highlights all go through it, so what a query asks for is what the index holds.
 *
 * - Latin and digits: NFKC (full-width letters and digits become ASCII), lower case, Porter stem;
 *   stop words take a position but are not terms, so a phrase keeps its distances.
 * - Kanji and katakana runs: overlapping character bigrams (a single character stays a unigram),
 *   one position each — a Japanese word in a query is the phrase of its bigrams, which finds it
 *   wherever it occurs, as a substring search would. Hiragana runs (particles and endings) take a
 *   position and are not terms.
 * - With kuromoji: its nouns of three or more characters are added as whole-word terms at the
 *   position of their first bigram, so ranking prefers the word to its pieces.
 */
/**
 * What the stored index was built with. A change to the tokens (or to the BM25 impacts) changes what
 * a corpus's posting blocks must hold: raise this, and give patent_corpora.index_version the new
 * default in a migration; corpora of an older version are rebuilt from their patents at start
 * (infra/patents/index-store.ts, reindexOutdatedCorpora). 2: digits and Latin letters stop at kana
 * and kanji (migration 0029).
 */
export const INDEX_VERSION = 2;

export interface SearchToken {
  readonly term: string;
  readonly position: number;
  /** UTF-16 offsets into the text as given (before normalisation), for highlighting. */
  readonly start: number;
  readonly end: number;
}

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been by for from has have in is it its of on or that the this to was were which with ' +
    'said wherein whereby thereof therein thereto such each any one more than at least being having into ' +
    'when where while may can not no nor so then there these those their them they we our you your he she his her ' +
    'about above after again all also am do does did if only other same some very will would should could'
  ).split(' '),
);

// Kanji (with 々 〆 ヶ) and katakana (with the long-vowel mark), hiragana, and Latin letters with digits —
// the last never running into kana or kanji, so 「第1の脈波センサ」 is 第 · 1 · の · 脈波センサ and
// 「ＬＥＤ照明装置」 is led · 照明装置 (index version 2; version 1 made one Latin token of "1の脈波センサ").
const RUN =
  /([\p{Script=Han}々〆ヶ]+|[\p{Script=Katakana}ー]+)|(\p{Script=Hiragana}+)|((?:(?![\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}々〆ヶー])[\p{L}\p{N}])+)/gu;

function latinTerm(raw: string): string | null {
  const word = raw.normalize('NFKC').toLowerCase();
  if (ENGLISH_STOP_WORDS.has(word)) return null;
  return /^[0-9]+$/.test(word) ? word : stemmer(word);
}

function isKatakana(ch: string): boolean {
  return /[\p{Script=Katakana}ー]/u.test(ch);
}

export function tokenize(text: string, japanese?: JaTokenizer): SearchToken[] {
  const tokens: SearchToken[] = [];
  let position = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    const at = m.index;
    if (m[1] !== undefined) {
      const run = m[1].normalize('NFKC');
      // NFKC keeps the length of kanji and (full-width) katakana; half-width katakana with voicing marks merge.
      const chars = [...run];
      const offsets = run.length === m[1].length ? chars.map((_, i) => at + i) : chars.map(() => at);
      const first = position;
      if (chars.length === 1) tokens.push({ term: chars[0] as string, position: position++, start: at, end: at + m[1].length });
      else
        for (let i = 0; i + 1 < chars.length; i++)
          tokens.push({
            term: `${chars[i]}${chars[i + 1]}`,
            position: position++,
            start: offsets[i] as number,
            end: (offsets[i + 1] as number) + 1,
          });
      if (japanese && chars.length >= 3) {
        for (const word of japanese.tokenize(run)) {
          const length = [...word.surface].length;
          if (word.pos !== '名詞' || length < 3 || length === chars.length) continue;
          const startChar = [...run.slice(0, word.start)].length;
          tokens.push({
            term: word.surface,
            position: first + startChar,
            start: offsets[startChar] ?? at,
            end: (offsets[startChar + length - 1] ?? at) + 1,
          });
        }
      }
      if (chars.length >= 3 && (japanese || chars.every(isKatakana)))
        tokens.push({ term: run, position: first, start: at, end: at + m[1].length });
    } else if (m[2] !== undefined) {
      position++;
    } else if (m[3] !== undefined) {
      const term = latinTerm(m[3]);
      if (term) tokens.push({ term, position, start: at, end: at + m[3].length });
      position++;
    }
  }
  return tokens;
}

/** The distinct terms of a text and how often each occurs. */
export function termFrequencies(tokens: readonly SearchToken[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t.term, (counts.get(t.term) ?? 0) + 1);
  return counts;
}
