import { AppError } from '../../../shared/errors.js';
import { hasJapanese } from './normalize.js';
import { type Finding, type PiiType, piiTypes } from './types.js';

/**
 * Pseudonymisation per engagement: each original value gets one token, the same in every
 * document of the engagement, so that texts stay readable (人物A met 人物B) and can be
 * re-identified by whoever holds the mapping (kept encrypted on the client's side).
 */

export interface MappingEntry {
  type: PiiType;
  original: string;
  token: string;
}

export interface PseudonymMapping {
  version: 1;
  entries: MappingEntry[];
}

export const emptyMapping = (): PseudonymMapping => ({ version: 1, entries: [] });

const EN_PREFIX: Record<PiiType, string> = {
  PERSON: 'PERSON',
  EMAIL_ADDRESS: 'EMAIL',
  PHONE_NUMBER: 'PHONE',
  STREET_ADDRESS: 'ADDRESS',
  CREDIT_CARD: 'CARD',
  IBAN_CODE: 'IBAN',
  US_SSN: 'SSN',
  IP_ADDRESS: 'IP',
  DATE_TIME: 'DATE',
  MY_NUMBER: 'MY_NUMBER',
  JP_CORPORATE_NUMBER: 'CORPORATE_NUMBER',
  JP_POSTAL_CODE: 'POSTAL_CODE',
  BANK_ACCOUNT: 'ACCOUNT',
};
const JA_PREFIX: Partial<Record<PiiType, string>> = { STREET_ADDRESS: '住所', DATE_TIME: '日付', BANK_ACCOUNT: '口座' };

/** A, B, … Z, AA, AB, … */
function letters(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(65 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/** The same person written 山田 太郎 and 山田太郎, or an e-mail in capitals, is one original. */
export function originalKey(type: PiiType, original: string): string {
  let key = original.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (hasJapanese(key)) key = key.replace(/ /g, '');
  if (type === 'EMAIL_ADDRESS') key = key.toLowerCase();
  if (type === 'PHONE_NUMBER' || type === 'CREDIT_CARD' || type === 'MY_NUMBER' || type === 'JP_CORPORATE_NUMBER' || type === 'IBAN_CODE')
    key = key.replace(/[\s().-]/g, '').toUpperCase();
  return `${type}\u0000${key}`;
}

function tokenFor(type: PiiType, japanese: boolean, index: number): string {
  if (type === 'PERSON') return japanese ? `人物${letters(index)}` : `PERSON_${String(index + 1).padStart(3, '0')}`;
  const prefix = (japanese && JA_PREFIX[type]) || EN_PREFIX[type];
  return `${prefix}_${String(index + 1).padStart(3, '0')}`;
}

export function parseMapping(value: unknown): PseudonymMapping {
  const v = value as Partial<PseudonymMapping> | null;
  const ok =
    v !== null &&
    typeof v === 'object' &&
    v.version === 1 &&
    Array.isArray(v.entries) &&
    v.entries.every(
      (e) =>
        e !== null &&
        typeof e === 'object' &&
        (piiTypes as readonly string[]).includes(e.type) &&
        typeof e.original === 'string' &&
        typeof e.token === 'string' &&
        e.token.length > 0,
    );
  if (!ok)
    throw new AppError('invalid_input', 'A pseudonym mapping is {"version": 1, "entries": [{"type", "original", "token"}, …]}.', {
      reason: 'pii_mapping_invalid',
    });
  const tokens = new Set<string>();
  for (const e of v.entries ?? []) {
    if (tokens.has(e.token))
      throw new AppError('invalid_input', `The mapping gives the token ${e.token} to two originals.`, { reason: 'pii_mapping_invalid' });
    tokens.add(e.token);
  }
  return { version: 1, entries: (v.entries ?? []).map((e) => ({ type: e.type, original: e.original, token: e.token })) };
}

/** One replacement in a text: the span start..end becomes `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The edits that replace each finding with its token, adding new originals to a copy of the
 * mapping. Findings must be spans of `text` (as detectPii returns them); overlapping ones after
 * the first are skipped.
 */
export function pseudonymEdits(
  text: string,
  findings: readonly Pick<Finding, 'start' | 'end' | 'type' | 'text'>[],
  mapping: PseudonymMapping = emptyMapping(),
): { edits: TextEdit[]; mapping: PseudonymMapping } {
  const entries = mapping.entries.map((e) => ({ ...e }));
  const byKey = new Map(entries.map((e) => [originalKey(e.type, e.original), e]));
  const usedTokens = new Set(entries.map((e) => e.token));
  const counters = new Map<string, number>();
  for (const e of entries) {
    const series = `${e.type}:${hasJapanese(e.original)}`;
    counters.set(series, (counters.get(series) ?? 0) + 1);
  }
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const edits: TextEdit[] = [];
  let at = 0;
  for (const f of sorted) {
    if (f.start < at) continue;
    if (f.start < 0 || f.end > text.length || f.end <= f.start || text.slice(f.start, f.end) !== f.text)
      throw new AppError('invalid_input', `A finding (${f.start}–${f.end}, ${f.type}) is not a span of this text.`, {
        reason: 'pii_finding_mismatch',
      });
    const key = originalKey(f.type, f.text);
    let entry = byKey.get(key);
    if (!entry) {
      const japanese = hasJapanese(f.text);
      const series = `${f.type}:${japanese}`;
      let n = counters.get(series) ?? 0;
      let token = tokenFor(f.type, japanese, n);
      // A token must not already be taken, nor stand in the text (or re-identifying would change it).
      while (usedTokens.has(token) || text.includes(token)) token = tokenFor(f.type, japanese, ++n);
      counters.set(series, n + 1);
      entry = { type: f.type, original: f.text, token };
      entries.push(entry);
      byKey.set(key, entry);
      usedTokens.add(token);
    }
    edits.push({ start: f.start, end: f.end, text: entry.token });
    at = f.end;
  }
  return { edits, mapping: { version: 1, entries } };
}

/** Applies sorted, non-overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Replaces each finding with its token; the same original gets the same token as in earlier documents of the mapping. */
export function pseudonymise(
  text: string,
  findings: readonly Pick<Finding, 'start' | 'end' | 'type' | 'text'>[],
  mapping: PseudonymMapping = emptyMapping(),
): { text: string; mapping: PseudonymMapping } {
  const r = pseudonymEdits(text, findings, mapping);
  return { text: applyEdits(text, r.edits), mapping: r.mapping };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Puts the originals back for every token of the mapping found in the text (longest token first). */
export function reidentify(text: string, mapping: PseudonymMapping): string {
  if (mapping.entries.length === 0) return text;
  const byToken = new Map(mapping.entries.map((e) => [e.token, e.original]));
  const tokens = [...byToken.keys()].sort((a, b) => b.length - a.length);
  // PERSON_001 must not match inside PERSON_0010, nor 人物A inside 人物AB.
  const re = new RegExp(`(?:${tokens.map(escapeRe).join('|')})(?![A-Z0-9_])`, 'g');
  return text.replace(re, (token) => byToken.get(token) ?? token);
}
