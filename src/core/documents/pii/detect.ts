import { type Candidate, resolveOverlaps } from './candidates.js';
import { birthDates } from './dates.js';
import { japaneseAddresses, japanesePersons, japanesePostalCodes } from './japanese.js';
import { halfWidth } from './normalize.js';
import {
  bankAccounts,
  creditCards,
  emails,
  englishAddresses,
  ibans,
  ipv4Addresses,
  ipv6Addresses,
  japaneseNumbers,
  phones,
  ssns,
} from './patterns.js';
import { englishPersons } from './persons-en.js';
import { shapeOf } from './shape.js';
import type { DetectOptions, Finding } from './types.js';

/**
 * Finds personal data in a Japanese and/or English text. Offsets are UTF-16 indices into `text`;
 * the findings are sorted and never overlap (see `priority` for who wins an overlap).
 */
export function detectPii(text: string, options: DetectOptions = {}): Finding[] {
  const t = halfWidth(text);
  const out: Candidate[] = [];
  // A pass runs only on a text that can hold a match of it (shape.ts): most short texts skip most passes.
  const s = shapeOf(t);
  if (s.at) emails(t, out);
  if (s.dottedDigits >= 3) ipv4Addresses(t, out);
  if (s.colons >= 2) ipv6Addresses(t, out);
  if (s.longestChain >= 13) creditCards(t, out);
  if (s.ibanStart) ibans(t, out);
  if (s.longestChain >= 9) ssns(t, out);
  if (s.longestChain >= 12) japaneseNumbers(t, out);
  if (s.digits >= 8) phones(t, out);
  if (s.longestRun >= 6) bankAccounts(t, out);
  if (s.digits >= 2) birthDates(t, out);
  if (s.capitalised && s.digits > 0) englishAddresses(t, out);
  if (s.capitalised) englishPersons(t, out);
  if (s.japanese) {
    japaneseAddresses(t, out);
    if (s.longestChain >= 7) japanesePostalCodes(t, out);
    japanesePersons(t, out, options.tokenizer);
  }
  const wanted = options.types ? new Set(options.types) : null;
  const minScore = options.minScore ?? 0;
  const kept = wanted || minScore > 0 ? out.filter((c) => (!wanted || wanted.has(c.type)) && c.score >= minScore) : out;
  return resolveOverlaps(kept).map((c) => ({
    start: c.start,
    end: c.end,
    type: c.type,
    text: text.slice(c.start, c.end),
    score: c.score,
  }));
}
