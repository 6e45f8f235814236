import { describe, expect, it } from 'vitest';
import { detectPii } from './detect.js';
import type { Finding, JaTokenizer, PiiType } from './types.js';

const found = (text: string, opts = {}) => detectPii(text, opts).map((f) => [f.type, f.text] as [PiiType, string]);
const typesOf = (fs: Finding[]) => fs.map((f) => f.type);

describe('detectPii: Japanese', () => {
  it('reads a town whose name starts with a kanji numeral as a name, not a block number', () => {
    for (const address of [
      '東京都千代田区千代田1-1',
      '東京都港区三田2-15-45',
      '東京都八王子市八日町3-1',
      '東京都港区六本木6-10-1 六本木ヒルズ',
    ]) {
      expect(
        detectPii(`住所: ${address}`)
          .filter((f) => f.type === 'STREET_ADDRESS')
          .map((f) => f.text),
        address,
      ).toEqual([address]);
    }
  });

  it('finds names by the lists, honorifics, titles and labels', () => {
    const r = found('営業部の田中部長と佐藤 花子さん、ヤマダタロウ様。氏名：古谷 あゆみ。担当：鈴木');
    expect(r).toEqual([
      ['PERSON', '田中'],
      ['PERSON', '佐藤 花子'],
      ['PERSON', 'ヤマダタロウ'],
      ['PERSON', '古谷 あゆみ'],
      ['PERSON', '鈴木'],
    ]);
  });

  it('keeps a name at the very end of the text inside the text', () => {
    expect(detectPii('佐藤花子')).toEqual([{ start: 0, end: 4, type: 'PERSON', text: '佐藤花子', score: 0.85 }]);
  });

  it('does not take お客様, 皆様, companies or place names for people', () => {
    expect(found('お客様各位、皆様によろしくお伝えください。山田商事と東京都内の中野区役所。')).toEqual([]);
  });

  it('asks the tokenizer about a name outside the lists', () => {
    const tokenizer: JaTokenizer = {
      tokenize: (text) =>
        text === '蛯名'
          ? [{ surface: '蛯名', pos: '名詞', posDetail1: '固有名詞', posDetail2: '人名', posDetail3: '姓', start: 0 }]
          : [{ surface: text, pos: '名詞', posDetail1: '一般', posDetail2: '*', posDetail3: '*', start: 0 }],
    };
    expect(found('蛯名様へ')).toEqual([]);
    expect(found('蛯名様へ', { tokenizer })).toEqual([['PERSON', '蛯名']]);
  });

  it('finds an address with its postal code, block numbers and building', () => {
    expect(found('〒100-0005 東京都千代田区丸の内1-2-3 丸の内ビル5階')).toEqual([
      ['JP_POSTAL_CODE', '100-0005'],
      ['STREET_ADDRESS', '東京都千代田区丸の内1-2-3 丸の内ビル5階'],
    ]);
    expect(found('住所：横浜市中区本町三丁目4番5号')).toEqual([['STREET_ADDRESS', '横浜市中区本町三丁目4番5号']]);
  });

  it('a prefecture and city without a block number is a place, not an address', () => {
    expect(found('大阪府大阪市の市場は拡大している。')).toEqual([]);
  });

  it('finds phone numbers in every Japanese form, full-width included', () => {
    const r = found('電話 03-1234-5678、携帯 ０９０－１２３４－５６７８、0120-123-456、+81-3-1234-5678、(03)1234-5678');
    expect(r.map(([t]) => t)).toEqual(Array(5).fill('PHONE_NUMBER'));
    expect(r[1]?.[1]).toBe('０９０－１２３４－５６７８');
  });

  it('accepts a My Number only with a valid check digit, spaced or not, full-width or not', () => {
    expect(found('個人番号 123456789018')).toEqual([['MY_NUMBER', '123456789018']]);
    expect(found('個人番号 1234 5678 9018')).toEqual([['MY_NUMBER', '1234 5678 9018']]);
    expect(found('個人番号 １２３４５６７８９０１８')).toEqual([['MY_NUMBER', '１２３４５６７８９０１８']]);
    expect(found('注文番号 123456789012')).toEqual([]);
  });

  it('finds corporate numbers (also as T + 13 digits), bank accounts and dates of birth', () => {
    expect(found('登録番号：T7000012050002')).toEqual([['JP_CORPORATE_NUMBER', '7000012050002']]);
    expect(found('みずほ銀行 渋谷支店 普通 1234567')).toEqual([['BANK_ACCOUNT', '1234567']]);
    expect(found('生年月日：昭和60年4月1日')).toEqual([['DATE_TIME', '昭和60年4月1日']]);
    expect(found('1990年12月3日生まれ')).toEqual([['DATE_TIME', '1990年12月3日']]);
    expect(found('納期は2025年4月1日です。')).toEqual([]);
  });
});

describe('detectPii: English', () => {
  it('finds names by title, salutation, label, sign-off and the lists, not companies', () => {
    const text =
      'Dear Mr. Smith,\nName: Aaliyah Corkery\nJohn Williams met Goldman Sachs and Smith & Sons Inc.\nBest regards,\nMarisa McDermott';
    expect(found(text).filter(([t]) => t === 'PERSON')).toEqual([
      ['PERSON', 'Smith'],
      ['PERSON', 'Aaliyah Corkery'],
      ['PERSON', 'John Williams'],
      ['PERSON', 'Marisa McDermott'],
    ]);
  });

  it('leaves ordinary capitalised words alone', () => {
    expect(found('Quarterly Business Review: Action Items and Next Steps for the New York Office.')).toEqual([]);
  });

  it('finds e-mail, phones, cards (Luhn), IBAN (mod 97), SSN (valid areas) and IP addresses', () => {
    const text =
      'mail jo@example.com, call (415) 555-0132 or +44 20 7946 0958, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, SSN 123-45-6789, host 192.168.0.1 and 2001:db8::1';
    expect(typesOf(detectPii(text))).toEqual([
      'EMAIL_ADDRESS',
      'PHONE_NUMBER',
      'PHONE_NUMBER',
      'CREDIT_CARD',
      'IBAN_CODE',
      'US_SSN',
      'IP_ADDRESS',
      'IP_ADDRESS',
    ]);
    expect(found('card 4111 1111 1111 1112, SSN 666-45-6789, IBAN GB82 WEST 1234 5698 7654 33, at 10:30:00, v1.2.3')).toEqual([]);
  });

  it('finds a street address with unit, city, state and ZIP', () => {
    expect(found('Ship to 1600 Pennsylvania Avenue NW, Suite 200, Washington, DC 20500 today.')).toEqual([
      ['STREET_ADDRESS', '1600 Pennsylvania Avenue NW, Suite 200, Washington, DC 20500'],
    ]);
  });

  it('reports a date only as a date of birth', () => {
    expect(found('DOB: 04/01/1985. Invoice due April 1, 2025.')).toEqual([['DATE_TIME', '04/01/1985']]);
  });
});

describe('detectPii: offsets and overlaps', () => {
  it('gives UTF-16 offsets that slice the original text, after surrogate pairs too', () => {
    const text = '𠮷野家の件 😀 山田太郎様 ０３－１２３４－５６７８';
    for (const f of detectPii(text)) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(found(text)).toEqual([
      ['PERSON', '山田太郎'],
      ['PHONE_NUMBER', '０３－１２３４－５６７８'],
    ]);
  });

  it('returns sorted, non-overlapping findings; the checksummed identifier wins an overlap', () => {
    const fs = detectPii('電話 0312345678 個人番号 123456789018 card 4111-1111-1111-1111');
    for (let i = 1; i < fs.length; i++) expect(fs[i]?.start).toBeGreaterThanOrEqual(fs[i - 1]?.end ?? 0);
    expect(typesOf(fs)).toEqual(['PHONE_NUMBER', 'MY_NUMBER', 'CREDIT_CARD']);
  });

  it('filters by type and score', () => {
    expect(typesOf(detectPii('山田太郎様 jo@example.com', { types: ['EMAIL_ADDRESS'] }))).toEqual(['EMAIL_ADDRESS']);
    expect(typesOf(detectPii('佐藤 正三 jo@example.com', { minScore: 0.8 }))).toEqual(['EMAIL_ADDRESS']);
  });
});

describe('detectPii: the shortcuts of the speed work find what the patterns find', () => {
  it('reads a label whatever spaces stand before its colon and whichever optional character ends it, and no other word', () => {
    expect(found('担当者名 ： 高橋 健一')).toEqual([['PERSON', '高橋 健一']]);
    expect(found('ご担当：佐藤')).toEqual([['PERSON', '佐藤']]);
    expect(found('担当者 :鈴木様')).toEqual([['PERSON', '鈴木']]);
    expect(found('名義人:ヤマダ タロウ')).toEqual([['PERSON', 'ヤマダ タロウ']]);
    expect(found('電話：田中')).toEqual([]);
  });

  it('finds e-mail addresses from their @ (a local part starts after any other character)', () => {
    expect(found('Contact: x.y+z@mail.example.com, bad@x, @y.com, a@b.co;c@d.org')).toEqual([
      ['EMAIL_ADDRESS', 'x.y+z@mail.example.com'],
      ['EMAIL_ADDRESS', 'a@b.co'],
      ['EMAIL_ADDRESS', 'c@d.org'],
    ]);
    expect(found('mail:john@@example.com and e@e.e.io')).toEqual([['EMAIL_ADDRESS', 'e@e.e.io']]);
  });

  it('takes an IPv6 address as a whole run of hex digits and colons, and not a time', () => {
    expect(found('host fe80::1ff:fe23:4567:890a, at 10:30:00, ::1 and abc::12 and 2001:db8::8a2e:370:7334x')).toEqual([
      ['IP_ADDRESS', 'fe80::1ff:fe23:4567:890a'],
      ['IP_ADDRESS', '::1'],
      ['IP_ADDRESS', 'abc::12'],
      ['IP_ADDRESS', '2001:db8::8a2e:370:7334'],
    ]);
  });

  it('takes a single capitalised word for a name only after a title, or after a label when it is a listed name', () => {
    expect(found('Served by Taylor, then Dr. Smith. Name: Emma. Name: Zorblat. Dear Olivia,')).toEqual([
      ['PERSON', 'Smith'],
      ['PERSON', 'Emma'],
      ['PERSON', 'Olivia'],
    ]);
  });
});
