import type { Candidate } from './candidates.js';
import { matchesOf } from './scan.js';

/**
 * Dates of birth. A date alone is not personal (a deadline, an invoice date): only a date with
 * birth words just before it (生年月日, DOB, born) or 生まれ just after it is reported.
 */
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const DATE = new RegExp(
  [
    String.raw`(?:明治|大正|昭和|平成|令和|[MTSHR]\.?)\s?(?:\d{1,2}|元)\s?(?:年|[./-])\s?\d{1,2}\s?(?:月|[./-])\s?\d{1,2}日?`,
    String.raw`(?:19|20)\d{2}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日`,
    String.raw`(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}`,
    String.raw`\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}`,
    String.raw`(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}`,
    String.raw`\d{1,2}(?:st|nd|rd|th)?\s+(?:${MONTHS})\.?,?\s+(?:19|20)\d{2}`,
  ].join('|'),
  'g',
);
const BEFORE = /(?:生年月日|誕生日|生まれ|birth\s?date|date\s+of\s+birth|birthday|\bDOB\b|\bD\.O\.B\.?|\bborn\b|\bb\.)[^\n\d]{0,12}$/i;
const AFTER = /^\s?(?:生まれ|生|born)/;

/** Every birth word of BEFORE and AFTER contains one of these: without one, no date is reported. */
const BIRTH_WORD = /生|birth|dob|d\.o\.b|born|b\./i;

export function birthDates(t: string, out: Candidate[]): void {
  if (!BIRTH_WORD.test(t)) return;
  for (const m of matchesOf(DATE, t)) {
    const before = t.slice(Math.max(0, m.index - 24), m.index);
    const after = t.slice(m.index + m[0].length, m.index + m[0].length + 6);
    if (BEFORE.test(before) || AFTER.test(after)) out.push({ start: m.index, end: m.index + m[0].length, type: 'DATE_TIME', score: 0.85 });
  }
}
