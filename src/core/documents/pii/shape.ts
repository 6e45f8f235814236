/**
 * What a text can hold, read in one pass over its characters: a pass of the detector runs only
 * where what it looks for could stand (a card needs 13 digits in a chain, a name in English a
 * capital letter). Each count is a condition every match of that pass meets, so skipping a pass
 * never loses a finding; it only saves running a regex over a text it cannot match.
 */
export interface TextShape {
  /** ASCII digits in all (the view is half-width: full-width digits are ASCII here). */
  digits: number;
  /** The longest run of digits with nothing between them. */
  longestRun: number;
  /** The longest chain of digits with at most one space or hyphen between two of them (4111 1111 1111 1111, 03-1234-5678). */
  longestChain: number;
  /** Dots with a digit on either side (an IPv4 address has three). */
  dottedDigits: number;
  colons: number;
  at: boolean;
  /** A capital letter before a small one or an apostrophe (Smith, O'Neil, St): English names and street suffixes start so. */
  capitalised: boolean;
  /** Two capital letters and two digits in a row, as an IBAN starts. */
  ibanStart: boolean;
  /** Hiragana, katakana or a CJK ideograph. */
  japanese: boolean;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;

export function shapeOf(t: string): TextShape {
  let digits = 0;
  let longestRun = 0;
  let longestChain = 0;
  let dottedDigits = 0;
  let colons = 0;
  let at = false;
  let capitalised = false;
  let ibanStart = false;
  let japanese = false;
  let run = 0;
  let chain = 0;
  let lastDigit = -3;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isDigit(c)) {
      digits++;
      const gap = i - lastDigit;
      run = gap === 1 ? run + 1 : 1;
      const sep = gap === 2 ? t.charCodeAt(i - 1) : 0;
      chain = gap === 1 || sep === 32 || sep === 45 ? chain + 1 : 1;
      if (run > longestRun) longestRun = run;
      if (chain > longestChain) longestChain = chain;
      if (run >= 2 && i >= 3 && isUpper(t.charCodeAt(i - 2)) && isUpper(t.charCodeAt(i - 3))) ibanStart = true;
      lastDigit = i;
    } else if (c < 128) {
      if (isUpper(c)) {
        const next = t.charCodeAt(i + 1);
        if ((next >= 97 && next <= 122) || next === 39) capitalised = true;
      } else if (c === 46) {
        if (lastDigit === i - 1 && isDigit(t.charCodeAt(i + 1))) dottedDigits++;
      } else if (c === 58) colons++;
      else if (c === 64) at = true;
    } else if ((c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff)) japanese = true; // CJK marks (〒, 「」, 、。), kana, kanji
  }
  return { digits, longestRun, longestChain, dottedDigits, colons, at, capitalised, ibanStart, japanese };
}
