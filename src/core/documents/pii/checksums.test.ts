import { describe, expect, it } from 'vitest';
import {
  corporateNumberCheckDigit,
  corporateNumberValid,
  ibanValid,
  luhnValid,
  myNumberCheckDigit,
  myNumberValid,
  ssnValid,
} from './checksums.js';

describe('check digits', () => {
  it('My Number: weights n+1 / n−5 from the right, 11 − (Σ mod 11), 0 when the remainder is 0 or 1', () => {
    // Σ for 12345678901 from the right: 1·2+0·3+9·4+8·5+7·6+6·7+5·2+4·3+3·4+2·5+1·6 = 212, 212 mod 11 = 3 → 8.
    expect(myNumberCheckDigit('12345678901')).toBe(8);
    expect(myNumberValid('123456789018')).toBe(true);
    expect(myNumberValid('123456789012')).toBe(false);
    expect(myNumberCheckDigit('00000000000')).toBe(0);
    expect(myNumberValid('12345678901')).toBe(false);
  });

  it('every single-digit change of a valid My Number is refused', () => {
    const valid = '123456789018';
    for (let i = 0; i < 12; i++) {
      const d = Number(valid[i]);
      const changed = valid.slice(0, i) + String((d + 1) % 10) + valid.slice(i + 1);
      expect(myNumberValid(changed), changed).toBe(false);
    }
  });

  it('法人番号: the leading digit is 9 − (Σ Pn·Qn mod 9)', () => {
    // 国税庁's own example: 7000012050002 (National Tax Agency).
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
    expect(corporateNumberValid('7000012050002')).toBe(true);
    expect(corporateNumberValid('8000012050002')).toBe(false);
  });

  it('Luhn, IBAN mod 97 and the SSN rules', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('GB82WEST12345698765433')).toBe(false);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE8937040044053201300')).toBe(false);
    expect(ssnValid('123', '45', '6789')).toBe(true);
    for (const [a, g, s] of [
      ['000', '12', '3456'],
      ['666', '12', '3456'],
      ['912', '12', '3456'],
      ['123', '00', '3456'],
      ['123', '45', '0000'],
    ] as const)
      expect(ssnValid(a, g, s), `${a}-${g}-${s}`).toBe(false);
  });
});
