/**
 * A same-length, half-width view of a text, so that one set of patterns finds ０３－１２３４ and
 * 03-1234 alike and every offset found in the view is an offset in the original.
 */
export function halfWidth(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else if (c === 0x2010 || c === 0x2011 || c === 0x2012 || c === 0x2013 || c === 0x2014 || c === 0x2015 || c === 0x2212) {
      out += '-';
      changed = true;
    } else out += text[i];
  }
  return changed ? out : text;
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
