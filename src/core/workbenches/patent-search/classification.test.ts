import { describe, expect, it } from 'vitest';
import {
  classificationIncludes,
  matchesClassification,
  normalizeClassification,
  normalizeUspc,
  parseClassification,
  parseFi,
  parseFterm,
  parseGroupCode,
} from './classification.js';

describe('parseClassification', () => {
  it.each([
    ['A61B 5/02', 'A61B 5/02'],
    ['A61B5/02', 'A61B 5/02'],
    ['A61B 5/0205', 'A61B 5/0205'],
    ['A61B0005020000', 'A61B 5/02'],
    ['A61B0005020500', 'A61B 5/0205'],
    ['H04L0029060000', 'H04L 29/06'],
    ['G06F015/00', 'G06F 15/00'],
    ['G06F 17/30', 'G06F 17/30'],
    ['A61B 5/02 (2006.01)', 'A61B 5/02'],
    ['A61B5/02(2006.01)', 'A61B 5/02'],
    ['A61B 5/02 20060101', 'A61B 5/02'],
    ['a61b  5 / 02', 'A61B 5/02'],
    ['Ａ６１Ｂ５／０２', 'A61B 5/02'],
    ['Y02A 50/30', 'Y02A 50/30'],
    ['A61B 2560/0209', 'A61B 2560/0209'],
    ['A61B', 'A61B'],
    ['A61', 'A61'],
    ['A', 'A'],
  ])('%s → %s', (raw, canonical) => {
    expect(normalizeClassification(raw)).toBe(canonical);
  });

  it('keeps the edition and the levels', () => {
    const r = parseClassification('A61B 5/0205 (2006.01)');
    expect(r).toEqual({
      ok: true,
      value: {
        code: 'A61B 5/0205',
        section: 'A',
        class: '61',
        subclass: 'B',
        mainGroup: '5',
        subgroup: '0205',
        level: 'subgroup',
        edition: '2006.01',
      },
    });
    expect(parseClassification('A61B 5/00').ok && (parseClassification('A61B 5/00') as { value: { level: string } }).value.level).toBe(
      'main_group',
    );
  });

  it.each([
    ['', 'empty'],
    ['I61B 5/02', 'bad_section'],
    ['A6B 5/02', 'bad_class'],
    ['A611 5/02', 'bad_subclass'],
    ['A61B /02', 'bad_main_group'],
    ['A61B 0/02', 'bad_main_group'],
    ['A61B 12345/02', 'bad_main_group'],
    ['A61B 5', 'bad_subgroup'],
    ['A61B 5/2', 'bad_subgroup'],
    ['A61B 5/02 xyz', 'trailing_characters'],
    ['A61B 5/0212345', 'bad_subgroup'],
  ])('%j is malformed: %s', (raw, reason) => {
    const r = parseClassification(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.message.length).toBeGreaterThan(5);
    }
  });

  it('a patent code goes down to a group', () => {
    expect(parseGroupCode('A61B').ok).toBe(false);
    expect(parseGroupCode('A61B 5/02').ok).toBe(true);
  });
});

describe('hierarchy', () => {
  it.each([
    ['A61B 5/00', 'A61B 5/02', true],
    ['A61B 5/00', 'A61B5/0205', true],
    ['A61B 5/00', 'A61B 5/00', true],
    ['A61B', 'A61B 5/02', true],
    ['A61B', 'A61B 17/00', true],
    ['A61', 'A61B 5/02', true],
    ['A61', 'A61F 2/82', true],
    ['A', 'A61F 2/82', true],
    ['A61B 5/00', 'A61B 6/00', false],
    ['A61B 5/00', 'A61F 5/02', false],
    ['A61B 5/02', 'A61B 5/00', false],
    // subgroup dots are not in the code: a subgroup includes only itself
    ['A61B 5/02', 'A61B 5/0205', false],
    ['A61B 5/02', 'A61B 5/02', true],
    ['A61B', 'A61', false],
    ['A61C', 'A61B 5/02', false],
    ['bogus', 'A61B 5/02', false],
  ])('%s includes %s: %s', (outer, inner, expected) => {
    expect(classificationIncludes(outer, inner)).toBe(expected);
  });

  it('a filter matches a patent that has any code under it', () => {
    expect(matchesClassification('A61B 5/00', ['G06F 19/00', 'A61B 5/0205'])).toBe(true);
    expect(matchesClassification('A61M', ['G06F 19/00', 'A61B 5/0205'])).toBe(false);
  });
});

describe('FI and F-terms', () => {
  it.each([
    ['A61B5/00,102A', 'A61B5/00,102A'],
    ['A61B 5/00 102 A', 'A61B5/00,102A'],
    ['A61B5/00,102', 'A61B5/00,102'],
    ['A61B5/00@A', 'A61B5/00@A'],
    ['A61B5/0205', 'A61B5/0205'],
  ])('FI %s → %s', (raw, code) => {
    const r = parseFi(raw);
    expect(r.ok && r.value.code).toBe(code);
  });

  it('malformed FI', () => {
    expect(parseFi('A61B5/00,12A')).toMatchObject({ ok: false, reason: 'bad_subdivision' });
    expect(parseFi('A61B/00,102A').ok).toBe(false);
    expect(parseFi('A61B5/00,102AB')).toMatchObject({ ok: false });
  });

  it.each([
    ['4C117XB01', '4C117XB01'],
    ['4C117 XB01', '4C117XB01'],
    ['４Ｃ１１７ＸＢ０１', '4C117XB01'],
    ['4C038KK01A', '4C038KK01A'],
  ])('F-term %s → %s', (raw, code) => {
    const r = parseFterm(raw);
    expect(r.ok && r.value.code).toBe(code);
  });

  it('malformed F-terms', () => {
    expect(parseFterm('C4117XB01')).toMatchObject({ ok: false, reason: 'bad_theme' });
    expect(parseFterm('4C117X01')).toMatchObject({ ok: false, reason: 'bad_term' });
    expect(parseFterm(' ')).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('USPC', () => {
  it.each([
    ['715513', '715/513'],
    ['705 26', '705/26'],
    ['707  7', '707/7'],
    ['D24187', 'D24/187'],
    ['128903', '128/903'],
  ])('%j → %s', (raw, code) => {
    expect(normalizeUspc(raw)).toBe(code);
  });
});
