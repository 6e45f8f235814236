import { piiTypeNames } from '../../../shared/contracts/documents.js';

/**
 * PII findings. Types are named as Microsoft Presidio names them where Presidio has one; the
 * Japanese identifiers and bank accounts have their own. The list is the API's
 * (shared/contracts/documents.ts).
 */
export const piiTypes = piiTypeNames;
export type PiiType = (typeof piiTypes)[number];

/** A span of the text, in JavaScript string (UTF-16) offsets: `text === input.slice(start, end)`. */
export interface Finding {
  start: number;
  end: number;
  type: PiiType;
  text: string;
  /** 0..1: how sure the detector is (checksummed identifiers 1, context-only names lower). */
  score?: number;
}

/** One token from a Japanese morphological analyser (kuromoji's IPADIC fields). */
export interface JaToken {
  surface: string;
  /** 品詞: 名詞, 動詞, 記号 … */
  pos: string;
  posDetail1: string;
  posDetail2: string;
  posDetail3: string;
  /** The dictionary form (面倒くさかっ → 面倒くさい); "*" when IPADIC does not know the word. */
  base?: string;
  /** UTF-16 offset of the token in the tokenized text. */
  start: number;
}

/** The port to a Japanese tokenizer (kuromoji in infra); loaded once, then synchronous. */
export interface JaTokenizer {
  tokenize(text: string): JaToken[];
}

export interface DetectOptions {
  /** Without one, Japanese names are found from the built-in name lists and context alone. */
  tokenizer?: JaTokenizer | undefined;
  /** Only these types (default: all). */
  types?: readonly PiiType[];
  /** Drop findings scoring below this (default 0). */
  minScore?: number;
}
