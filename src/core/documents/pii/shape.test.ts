import { describe, expect, it } from 'vitest';
import { detectPii } from './detect.js';
import { halfWidth } from './normalize.js';
import { shapeOf } from './shape.js';

const shape = (text: string) => shapeOf(halfWidth(text));
const found = (text: string) => detectPii(text).map((f) => [f.type, f.text]);

describe('shapeOf: what a text can hold', () => {
  it('chains digits across one space or hyphen, full-width ones included, and breaks at anything else', () => {
    expect(shape('１２３４　５６７８　９０１８').longestChain).toBe(12);
    expect(shape('1234－5678－9018').longestChain).toBe(12);
    expect(shape('4111 1111 1111 1111').longestChain).toBe(16);
    expect(shape('1234  5678').longestChain).toBe(4);
    expect(shape('1234/5678').longestChain).toBe(4);
    expect(shape('1234 -5678').longestChain).toBe(4);
    expect(shape('03-1234-5678').longestRun).toBe(4);
  });

  it('counts digits, dotted digits and colons, and notes capitals, @, IBAN starts and Japanese', () => {
    const s = shape('host 192.168.0.1 at 10:30, jo@example.com');
    expect(s).toMatchObject({ digits: 12, dottedDigits: 3, colons: 1, at: true, capitalised: false, japanese: false });
    expect(shape('v1.2 and 3.').dottedDigits).toBe(1);
    expect(shape('IBAN GB82 WEST').ibanStart).toBe(true);
    expect(shape('ABC 82, TEL 03').ibanStart).toBe(false);
    expect(shape('TEL FAX').capitalised).toBe(false);
    expect(shape("O'Neil").capitalised).toBe(true);
    expect(shape('ｶﾀｶﾅ only').japanese).toBe(false);
    expect(shape('ご担当').japanese).toBe(true);
  });
});

describe('detectPii with the passes skipped by shape', () => {
  it('still finds a My Number split by full-width spaces or hyphens, and a card split by single spaces', () => {
    expect(found('個人番号：１２３４　５６７８　９０１８')).toEqual([['MY_NUMBER', '１２３４　５６７８　９０１８']]);
    expect(found('個人番号：１２３４－５６７８－９０１８')).toEqual([['MY_NUMBER', '１２３４－５６７８－９０１８']]);
    expect(found('card ４１１１ １１１１ １１１１ １１１１')).toEqual([['CREDIT_CARD', '４１１１ １１１１ １１１１ １１１１']]);
  });

  it('finds nothing where the chain is broken, as the patterns themselves would not', () => {
    expect(found('個人番号：1234  5678  9018')).toEqual([]);
    expect(found('card 4111/1111/1111/1111')).toEqual([]);
  });

  it('finds the short identifiers at the edges of the thresholds', () => {
    expect(found('〒100-0005 東京都')).toEqual([['JP_POSTAL_CODE', '100-0005']]);
    expect(found('〒100-0005')).toEqual([['JP_POSTAL_CODE', '100-0005']]); // the mark alone marks Japanese text
    expect(found('SSN 123-45-6789')).toEqual([['US_SSN', '123-45-6789']]);
    expect(found('Account No. 123456')).toEqual([['BANK_ACCOUNT', '123456']]);
    expect(found('host 10.0.0.1')).toEqual([['IP_ADDRESS', '10.0.0.1']]);
    expect(found('host ::1 and fe80::1')).toEqual([
      ['IP_ADDRESS', '::1'],
      ['IP_ADDRESS', 'fe80::1'],
    ]);
    expect(found('TEL 0312345678')).toEqual([['PHONE_NUMBER', '0312345678']]);
  });

  it('reads English names and street addresses in an otherwise Japanese text', () => {
    expect(found('担当：Mr. Smith、住所 1600 Pennsylvania Avenue NW')).toEqual([
      ['PERSON', 'Smith'],
      ['STREET_ADDRESS', '1600 Pennsylvania Avenue NW'],
    ]);
  });
});
