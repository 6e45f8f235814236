import type { Candidate } from './candidates.js';
import { corporateNumberValid, ibanValid, luhnValid, myNumberValid, ssnValid } from './checksums.js';
import { streetSuffixes, usStates } from './names-en.js';
import { digitsOf } from './normalize.js';
import { matchesOf } from './scan.js';

/**
 * Structured identifiers of both languages, found on the half-width view of the text (same
 * offsets as the original). Every number with a check digit is accepted only when it is valid.
 */

const lineBefore = (t: string, at: number, width: number) => {
  const from = Math.max(0, at - width);
  const nl = t.lastIndexOf('\n', at - 1);
  return t.slice(Math.max(from, nl + 1), at);
};

/** The e-mail pattern, tried where a local part starts (sticky; see `emails`). */
const EMAIL_AT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y;
/** A character of a local part: [A-Za-z0-9._%+-]. */
const isLocalChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;

/**
 * E-mail addresses: what `/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@…/g` finds, found from the `@`s.
 * A match starts where a run of local-part characters starts and that run ends at an `@` (the
 * character before the match is not one of them, and `@` is not one), so each `@` has one place
 * a match can start: the pattern is tried there only, left to right, past the end of the last
 * match as the global search goes on — not at every character of the text.
 */
export function emails(t: string, out: Candidate[]): void {
  let from = 0;
  for (let at = t.indexOf('@'); at >= 0; at = t.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isLocalChar(t.charCodeAt(start - 1))) start--;
    if (start === at || start < from) continue;
    EMAIL_AT.lastIndex = start;
    const m = EMAIL_AT.exec(t);
    if (!m) continue;
    from = start + m[0].length;
    out.push({ start, end: from, type: 'EMAIL_ADDRESS', score: 1 });
  }
}

const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)/g;
/** An IPv6 candidate, a whole run of hex digits and colons (see `ipv6Addresses`). */
const IPV6_CANDIDATE = /^[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}$/;
/** A hex digit or a colon. */
const isHexOrColon = (c: number) => (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

function ipv6Valid(s: string): boolean {
  if (!/[0-9A-Fa-f]/.test(s)) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  // Times (10:30:00) are all-decimal short groups: an address has a hex letter, a ::, or 8 groups.
  if (halves.length === 1 && groups.length !== 8) return false;
  if (halves.length === 2 && groups.length > 7) return false;
  return groups.some((g) => /[A-Fa-f]/.test(g) || g.length >= 3) || halves.length === 2;
}

/** Two colons close together: without them no IPv6 candidate can match. */
const TWO_COLONS = /:[0-9A-Fa-f]{0,4}:/;

export function ipv4Addresses(t: string, out: Candidate[]): void {
  for (const m of matchesOf(IPV4, t)) out.push({ start: m.index, end: m.index + m[0].length, type: 'IP_ADDRESS', score: 0.9 });
}

/**
 * IPv6 addresses: what `/(?<![0-9A-Fa-f:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Fa-f:])/g`
 * finds, then checked. Neither a hex digit nor a colon may stand before or after a match, so a
 * match is a whole run of them, and one with a colon: each run around a colon is tested once
 * instead of the pattern being tried at every character (a zero-width start fits anywhere).
 */
export function ipv6Addresses(t: string, out: Candidate[]): void {
  if (!TWO_COLONS.test(t)) return;
  for (let colon = t.indexOf(':'); colon >= 0; ) {
    let start = colon;
    while (start > 0 && isHexOrColon(t.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < t.length && isHexOrColon(t.charCodeAt(end))) end++;
    const run = t.slice(start, end);
    if (IPV6_CANDIDATE.test(run) && ipv6Valid(run)) out.push({ start, end, type: 'IP_ADDRESS', score: 0.9 });
    colon = t.indexOf(':', end);
  }
}

const CARD_CONTEXT = /(?:card|visa|master|amex|jcb|カード)/i;
const CARD = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;

export function creditCards(t: string, out: Candidate[]): void {
  for (const m of matchesOf(CARD, t)) {
    const d = digitsOf(m[0]);
    if (!/^(?:4|5[1-5]|2[2-7]|3[0-9]|6|1800|2131)/.test(d) || !luhnValid(d)) continue;
    // A bare 13-digit run is also the shape of a 法人番号: a card only when it is not a valid one, or card words say so.
    if (d.length === 13 && !/[ -]/.test(m[0]) && corporateNumberValid(d) && !CARD_CONTEXT.test(lineBefore(t, m.index, 30))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, type: 'CREDIT_CARD', score: 1 });
  }
}

const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;

export function ibans(t: string, out: Candidate[]): void {
  for (const m of matchesOf(IBAN, t)) {
    if (ibanValid(m[0].replace(/ /g, ''))) out.push({ start: m.index, end: m.index + m[0].length, type: 'IBAN_CODE', score: 1 });
  }
}

const SSN = /(?<![\d-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\d-])/g;
const SSN_CONTEXT = /\b(?:SSN|social security|soc\.? sec\.?|SS#|TIN|taxpayer)\b/i;

export function ssns(t: string, out: Candidate[]): void {
  for (const m of matchesOf(SSN, t)) {
    const [, area = '', sep = '', group = '', serial = ''] = m;
    if (!ssnValid(area, group, serial)) continue;
    // Nine bare digits are anything (an order number): only with SSN words before them.
    if (sep === '' && !SSN_CONTEXT.test(lineBefore(t, m.index, 40))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, type: 'US_SSN', score: sep === '-' ? 0.9 : 0.8 });
  }
}

const TWELVE = /(?<![\d-]|\d[ -])\d{4}([ -]?)\d{4}\1\d{4}(?![\d-]|[ -]\d)/g;
const THIRTEEN = /(?<![\d-])T?\d{13}(?![\d-])/g;

export function japaneseNumbers(t: string, out: Candidate[]): void {
  for (const m of matchesOf(TWELVE, t)) {
    if (myNumberValid(digitsOf(m[0]))) out.push({ start: m.index, end: m.index + m[0].length, type: 'MY_NUMBER', score: 1 });
  }
  for (const m of matchesOf(THIRTEEN, t)) {
    const start = m[0].startsWith('T') ? m.index + 1 : m.index;
    if (corporateNumberValid(digitsOf(m[0]))) out.push({ start, end: m.index + m[0].length, type: 'JP_CORPORATE_NUMBER', score: 1 });
  }
}

/**
 * Phone numbers: Japanese (0X-XXXX-XXXX, 0120, 090, (03)…, +81), North American, British and
 * other international forms. The shape is loose; the digit count and the leading digits decide.
 */
const PHONE =
  /(?<![\w+.-])(?:\+\d{1,3}[ .-]?(?:\(0?\d{1,4}\)|\d{1,4})(?:[ .-]?\d{1,4}){1,4}|\(0\d{1,4}\)[ .-]?\d{1,4}[ .-]\d{3,4}|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|(?:1[ .-])?\d{3}[ .-]\d{3}[ .-]\d{4}|0\d{1,4}[ .-]\d{1,4}[ .-]\d{3,4}|0\d{2,4} ?\d{3,4} ?\d{3,4}|0[5789]0\d{8}|0\d{9})(?:\s?(?:x|ext\.?|内線)\s?\d{1,5})?(?![\w.-]*\d)/g;

const PHONE_CONTEXT = /(?:tel|phone|mobile|cell|fax|call|電話|携帯|連絡先|TEL|FAX|☎)/i;

export function phones(t: string, out: Candidate[]): void {
  for (const m of matchesOf(PHONE, t)) {
    const s = m[0];
    const main = s.replace(/\s?(?:x|ext\.?|内線)\s?\d{1,5}$/, '');
    const d = digitsOf(main);
    let ok = false;
    if (s.startsWith('+')) ok = d.length >= 8 && d.length <= 15;
    else if (d.startsWith('0')) {
      // Japan: 10 digits (landline, 0120 = 10), 11 for mobiles/050/0800; UK: 10–11 digits too.
      ok = d.length === 10 || d.length === 11;
      // Undelimited digit runs are order numbers as often as phones: want a phone word before them.
      if (ok && !/[ .()-]/.test(main)) ok = PHONE_CONTEXT.test(lineBefore(t, m.index, 30));
    } else if (d.length === 10 || (d.length === 11 && d.startsWith('1'))) {
      const nanp = d.length === 11 ? d.slice(1) : d;
      ok = /^[2-9]\d{2}[2-9]/.test(nanp);
    }
    if (ok) out.push({ start: m.index, end: m.index + s.length, type: 'PHONE_NUMBER', score: 0.85 });
  }
}

const suffixAlt = [...streetSuffixes].sort((a, b) => b.length - a.length).join('|');
const stateNames =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming';
const STREET = new RegExp(
  String.raw`(?<![\w-])\d{1,6}[A-Z]?(?:-\d{1,4})?\s+(?:(?:N|S|E|W|North|South|East|West)\.?\s+)?` +
    String.raw`(?:(?:[A-Z][a-zA-Z'’.-]*|\d{1,3}(?:st|nd|rd|th))\s+){1,4}(?:${suffixAlt})\b\.?` +
    String.raw`(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b\.?)?` +
    String.raw`(?:,?\s+(?:Suite|Ste\.?|Apt\.?|Apartment|Unit|Floor|Fl\.?|Room|Rm\.?|#)\s*#?[A-Za-z0-9-]+)?` +
    String.raw`(?:,?\s+(?:[A-Z][a-zA-Z'’-]+\s+){0,2}[A-Z][a-zA-Z'’-]+,?\s+(?:${usStates.join('|')}|${stateNames})\.?(?:\s+\d{5}(?:-\d{4})?)?` +
    String.raw`|,?\s+(?:${usStates.join('|')})\s+\d{5}(?:-\d{4})?)?`,
  'g',
);

export function englishAddresses(t: string, out: Candidate[]): void {
  for (const m of matchesOf(STREET, t)) {
    out.push({ start: m.index, end: m.index + m[0].trimEnd().length, type: 'STREET_ADDRESS', score: 0.8 });
  }
}

const BANK_JA = /(?:銀行|信用金庫|信金|信用組合|ゆうちょ|支店|普通|当座|口座番号?)[^\n]{0,40}?(?<![\d-])(\d{7,8})(?![\d-])/g;
const BANK_EN = /\b(?:account\s*(?:number|no\.?|#)|acct\.?\s*(?:no\.?|#)?|a\/c\s*(?:no\.?)?)\s*[:#]?\s*(\d{6,12})(?!\d)/gi;

export function bankAccounts(t: string, out: Candidate[]): void {
  for (const re of [BANK_JA, BANK_EN]) {
    for (const m of matchesOf(re, t)) {
      const digits = m[1] ?? '';
      const start = m.index + m[0].lastIndexOf(digits);
      out.push({ start, end: start + digits.length, type: 'BANK_ACCOUNT', score: 0.85 });
    }
  }
}
