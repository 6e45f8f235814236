import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kpo } from '../../testing/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kpo-qa-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const qa = (...args: string[]) => kpo(['qa', ...args], {});

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for
 * Communication Departmental Papers 43: the 4 observers × 12 units example with missing data,
 * here one row per unit and one column per observer (the paper has them the other way round).
 */
const K2011 = [
  'A,B,C,D',
  '1,1,,1',
  '2,2,3,2',
  '3,3,3,3',
  '3,3,3,3',
  '2,2,2,2',
  '1,2,3,4',
  '4,4,4,4',
  '1,1,2,1',
  '2,2,2,2',
  ',5,5,5',
  ',,1,1',
  ',3,,',
];

describe('kpo qa alpha', () => {
  const ratings = file('k2011.csv', `${K2011.join('\n')}\n`);

  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ])('--level %s --json reproduces the published α = %s', async (level, published) => {
    const r = await qa('alpha', ratings, '--level', level, '--json', '--header');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(Object.keys(out)).toEqual(['alpha', 'level', 'units', 'raters', 'pairable']);
    expect(out).toMatchObject({ level, units: 12, raters: 4, pairable: 40 });
    expect(out.alpha).toBeCloseTo(published, 3);
  });

  it('prints one line of text', async () => {
    const r = await qa('alpha', ratings, '--level', 'ordinal');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('alpha (ordinal) = 0.815 — 12 units, 4 raters, 40 pairable values\n');
  });

  it('guesses a header of names at numeric levels, takes it only with --header at nominal', async () => {
    expect((await qa('alpha', ratings, '--level', 'interval')).out).toContain('= 0.849 — 12 units');
    // At nominal the row "A,B,C,D" is a unit of four different labels unless --header says otherwise.
    expect((await qa('alpha', ratings, '--level', 'nominal')).out).toContain('13 units');
    expect((await qa('alpha', ratings, '--level', 'nominal', '--header')).out).toBe(
      'alpha (nominal) = 0.743 — 12 units, 4 raters, 40 pairable values\n',
    );
  });

  it('reads a first column of unit ids with --unit-column, CRLF, a BOM, quotes and trailing commas', async () => {
    const rows = K2011.map((line, i) => `${i === 0 ? '"unit, id"' : `"u${i}"`},${line},`);
    const path = file('units.csv', `\uFEFF${rows.join('\r\n')}\r\n`);
    const r = await qa('alpha', path, '--level', 'ratio', '--unit-column', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ units: 12, raters: 4, pairable: 40 });
    expect(out.alpha).toBeCloseTo(0.797, 3);
  });

  it('takes labels at the nominal level', async () => {
    const path = file('labels.csv', 'r1,r2\nyes,yes\nno,no\nyes,no\nmaybe,maybe\n');
    const r = await qa('alpha', path, '--level', 'nominal', '--header', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ units: 4, raters: 2, pairable: 8 });
  });

  it('says n/a when there is no variation', async () => {
    const r = await qa('alpha', file('same.csv', '2,2\n2,2,2\n'), '--level', 'interval');
    expect(r.out).toBe('alpha (interval) = n/a — 2 units, 3 raters, 5 pairable values\n');
    const j = await qa('alpha', file('single.csv', '1,\n,2\n'), '--level', 'interval', '--json');
    expect(JSON.parse(j.out)).toEqual({ alpha: null, level: 'interval', units: 2, raters: 2, pairable: 0 });
  });

  describe('bad input', () => {
    it('a missing file: exit 5 (not found), as for every file kpo reads', async () => {
      const r = await qa('alpha', join(dir, 'none.csv'), '--level', 'nominal');
      expect(r.code).toBe(5);
      expect(r.err).toBe(`kpo: No ratings file at ${join(dir, 'none.csv')}.\n`);
    });

    it('an unknown or missing level: exit 2, naming the choices', async () => {
      const unknown = await qa('alpha', ratings, '--level', 'likert');
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('nominal, ordinal, interval, ratio');
      const missing = await qa('alpha', ratings);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('--level');
    });

    it('a label at a numeric level: exit 2, naming line, column and rater, no stack', async () => {
      const path = file('bad.csv', 'A,B\n1,2\n3,high\n4,\n5,n/a\n');
      const r = await qa('alpha', path, '--level', 'ordinal');
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain('2 cells are not, the first at line 3, column 2');
      expect(r.err).toContain('  - line 3, column 2: "high" (rater B) is not a number.');
      expect(r.err).toContain('  - line 5, column 2: "n/a" (rater B) is not a number.');
      expect(r.err).not.toMatch(/\bat .*\.(ts|js):\d+/);
    });

    it('counts lines as the file does when a quoted cell spans lines', async () => {
      const path = file('multiline.csv', 'id,A,B\n"u\n1",1,2\nu2,x,2\n');
      const r = await qa('alpha', path, '--level', 'interval', '--unit-column');
      expect(r.code).toBe(2);
      expect(r.err).toContain('line 4, column 2: "x" (rater A)');
    });

    it('an empty file, a header alone, no ratings at all: exit 2', async () => {
      for (const [name, text, words] of [
        ['empty.csv', '', 'is empty'],
        ['blank.csv', '\n\n', 'is empty'],
        ['header.csv', 'A,B,C\n', 'no units'],
        ['ids.csv', 'u1\nu2\n', 'no ratings'],
      ] as const) {
        const r = await qa('alpha', file(name, text), '--level', 'interval', ...(name === 'ids.csv' ? ['--unit-column'] : []));
        expect(r.code, name).toBe(2);
        expect(r.err, name).toContain(words);
      }
    });

    it('a file that is not CSV: exit 2', async () => {
      const r = await qa('alpha', file('quote.csv', 'A,B\n"1,2\n'), '--level', 'nominal');
      expect(r.code).toBe(2);
      expect(r.err).toContain('cannot be read as CSV');
    });
  });
});
