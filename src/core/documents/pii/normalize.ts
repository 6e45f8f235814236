const WIDE = /[\uff01-\uff5e\u3000\u2010-\u2015\u2212]/g;

function narrow(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  return code === 0x3000 ? ' ' : '-';
}

/**
 * A same-length, half-width view of a text, so that one set of patterns finds ０３－１２３４ and
 * 03-1234 alike and every offset found in the view is an offset in the original.
 */
export function halfWidth(text: string): string {
  // One regex pass instead of a string built character by character: most texts have nothing to change.
  return text.replace(WIDE, narrow);
}

/** Half-width and lower-cased, one UTF-16 unit for one (characters whose lower case is longer stay as they are). */
export function foldForMatch(text: string): string {
  const half = halfWidth(text);
  const lower = half.toLowerCase();
  if (lower.length === half.length) return lower;
  let out = '';
  for (const ch of half) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

export const digitsOf = (s: string): string => s.replace(/\D/g, '');

export const hasJapanese = (s: string): boolean => /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/.test(s);
