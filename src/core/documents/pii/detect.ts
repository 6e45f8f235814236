import { type Candidate, resolveOverlaps } from './candidates.js';
import { birthDates } from './dates.js';
import { japaneseAddresses, japanesePersons, japanesePostalCodes } from './japanese.js';
import { halfWidth } from './normalize.js';
import { bankAccounts, creditCards, emails, englishAddresses, ibans, ipAddresses, japaneseNumbers, phones, ssns } from './patterns.js';
import { englishPersons } from './persons-en.js';
import type { DetectOptions, Finding } from './types.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/**
 * Finds personal data in a Japanese and/or English text. Offsets are UTF-16 indices into `text`;
 * the findings are sorted and never overlap (see `priority` for who wins an overlap).
 */
export function detectPii(text: string, options: DetectOptions = {}): Finding[] {
  const t = halfWidth(text);
  const out: Candidate[] = [];
  emails(t, out);
  ipAddresses(t, out);
  creditCards(t, out);
  ibans(t, out);
  ssns(t, out);
  japaneseNumbers(t, out);
  phones(t, out);
  bankAccounts(t, out);
  birthDates(t, out);
  englishAddresses(t, out);
  englishPersons(t, out);
  if (JAPANESE.test(t)) {
    japaneseAddresses(t, out);
    japanesePostalCodes(t, out);
    japanesePersons(t, out, options.tokenizer);
  }
  const wanted = options.types ? new Set(options.types) : null;
  const minScore = options.minScore ?? 0;
  return resolveOverlaps(out.filter((c) => (!wanted || wanted.has(c.type)) && c.score >= minScore)).map((c) => ({
    start: c.start,
    end: c.end,
    type: c.type,
    text: text.slice(c.start, c.end),
    score: c.score,
  }));
}
