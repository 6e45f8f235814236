import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeShiftJis } from '../../infra/files/shift-jis.js';
import { kpo } from '../../testing/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kpo-mr-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const mr = (...args: string[]) => kpo(['mr', ...args], {});
const json = <T>(out: string) => JSON.parse(out) as T;

/** A respondent per row from a contingency table: `counts[i][j]` rows with row value i and column value j. */
function expand(rowValues: string[], colValues: string[], counts: number[][], header = 'row,col'): string {
  const lines = [header];
  counts.forEach((row, i) => {
    row.forEach((n, j) => {
      for (let k = 0; k < n; k++) lines.push(`${rowValues[i]},${colValues[j]}`);
    });
  });
  return `${lines.join('\n')}\n`;
}

interface CrosstabJson {
  rows: string[];
  cols: string[];
  counts: number[][];
  chiSquare: { statistic: number; df: number; pValue: number; yates: boolean } | null;
  fisher: { pValue: number } | null;
  columnTests: { letters: string[]; cells: string[][] };
}

describe('kpo mr crosstab', () => {
  it("reproduces Agresti's gender × party identification table: X² = 30.07 on 2 df", async () => {
    // Agresti, Categorical Data Analysis (2nd ed., 2002), Table 3.1: X² = 30.07, df = 2, P < 0.001.
    const data = file(
      'agresti.csv',
      expand(
        ['female', 'male'],
        ['Democrat', 'Independent', 'Republican'],
        [
          [762, 327, 468],
          [484, 239, 477],
        ],
        'gender,party',
      ),
    );
    const r = await mr('crosstab', data, '--row', 'party', '--col', 'gender', '--json');
    expect(r.code, r.err).toBe(0);
    const t = json<CrosstabJson>(r.out);
    expect(t.rows).toEqual(['Democrat', 'Independent', 'Republican']);
    expect(t.cols).toEqual(['female', 'male']);
    expect(t.counts).toEqual([
      [762, 484],
      [327, 239],
      [468, 477],
    ]);
    expect(t.chiSquare?.statistic).toBeCloseTo(30.0701, 3);
    expect(t.chiSquare?.df).toBe(2);
    expect(t.chiSquare?.pValue).toBeLessThan(0.001);
    // Women are more often Democrats, men more often Republicans: the letters say so.
    expect(t.columnTests.letters).toEqual(['A', 'B']);
    expect(t.columnTests.cells[0]).toEqual(['B', '']);
    expect(t.columnTests.cells[2]).toEqual(['', 'A']);
  });

  it('applies Yates on request and gives Fisher’s exact test on a 2×2 table with small cells', async () => {
    // R: chisq.test(matrix(c(12, 5, 7, 7), 2)) → X-squared = 0.64112 (Yates); Fisher's tea tasting: p = 0.4857.
    const yates = file(
      'yates.csv',
      expand(
        ['r1', 'r2'],
        ['c1', 'c2'],
        [
          [12, 7],
          [5, 7],
        ],
      ),
    );
    const r = json<CrosstabJson>((await mr('crosstab', yates, '--row', 'row', '--col', 'col', '--yates', '--json')).out);
    expect(r.chiSquare).toMatchObject({ df: 1, yates: true });
    expect(r.chiSquare?.statistic).toBeCloseTo(0.64112, 4);
    const tea = file(
      'tea.csv',
      expand(
        ['milk', 'tea'],
        ['milk', 'tea'],
        [
          [3, 1],
          [1, 3],
        ],
        'poured,guessed',
      ),
    );
    const t = json<CrosstabJson>((await mr('crosstab', tea, '--row', 'poured', '--col', 'guessed', '--json')).out);
    expect(t.fisher?.pValue).toBeCloseTo(0.4857143, 6);
  });

  it('reads Shift_JIS with Japanese labels, weights the table, and prints letters and bases for a person', async () => {
    const text = `性別,評価,w\n${Array.from({ length: 40 }, (_, i) => `${i % 2 ? '男性' : '女性'},${i % 3 ? '良い' : '悪い'},${i % 2 ? 2 : 1}`).join('\n')}\n`;
    const data = file('sjis.csv', encodeShiftJis(text));
    const r = await mr('crosstab', data, '--row', '評価', '--col', '性別', '--weight', 'w');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('評価 × 性別 (weighted)');
    expect(r.out).toMatch(/base\s+20\.0\s+40\.0/);
    expect(r.out).toContain('chi-square =');
  });

  it('refuses ragged rows, unknown encodings, unknown columns and a banner with one value, naming each', async () => {
    const ragged = await mr('crosstab', file('ragged.csv', 'a,b\n1,2\n3\n4,5,6\n'), '--row', 'a', '--col', 'b');
    expect(ragged.code).toBe(2);
    expect(ragged.err).toContain('line 3');
    expect(ragged.err).toContain('Line 4 has 3 cells');
    const binary = await mr(
      'crosstab',
      file('bin.csv', Uint8Array.from([0x61, 0x2c, 0x62, 0x0a, 0x80, 0x80, 0x2c, 0x31])),
      '--row',
      'a',
      '--col',
      'b',
    );
    expect(binary.code).toBe(2);
    expect(binary.err).toMatch(/UTF-8.*Shift_JIS/);
    const one = await mr('crosstab', file('one.csv', 'a,b\n1,x\n2,x\n'), '--row', 'a', '--col', 'b');
    expect(one.code).toBe(2);
    expect(one.err).toContain('one value only');
    const none = await mr('crosstab', file('none.csv', 'a,b\n1,x\n'), '--row', 'a', '--col', 'c');
    expect(none.err).toContain('no column "c"');
  });
});

describe('kpo mr weight, nps, alpha', () => {
  it('rakes to the targets and writes the data with a weight column', async () => {
    const data = file('w.csv', 'g,r\n1,a\n1,b\n2,a\n2,b\n1,a\n2,b\n');
    const targets = file('t.json', JSON.stringify({ g: { '1': 0.3, '2': 0.7 } }));
    const out = join(dir, 'weighted.csv');
    const r = await mr('weight', data, '--targets', targets, '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    const report = json<{ converged: boolean; efficiency: number; margins: { achieved: number; target: number }[] }>(r.out);
    expect(report.converged).toBe(true);
    // Half the sample at 0.6 and half at 1.4: Kish's efficiency = (Σw)² / (n Σw²) = 36 / (6 · 7.44).
    expect(report.efficiency).toBeCloseTo(36 / (6 * (3 * 0.36 + 3 * 1.96)), 10);
    const written = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(written[0]).toBe('g,r,weight');
    expect(written.slice(1).map((l) => Number(l.split(',')[2]))).toEqual([0.6, 0.6, 1.4, 1.4, 0.6, 1.4].map((w) => expect.closeTo(w, 10)));
  });

  it('refuses targets that do not add up to 1 or name values nobody has, listing each', async () => {
    const data = file('w2.csv', 'g\n1\n2\n');
    const r = await mr('weight', data, '--targets', file('bad.json', JSON.stringify({ g: { '1': 0.5, '3': 0.2 } })));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/add up|sum/i);
  });

  it('gives NPS with its Wald interval (Rocks 2016): 50 promoters, 30 passives, 20 detractors → 30 ± 15.3', async () => {
    const scores = [...Array(50).fill(9), ...Array(30).fill(7), ...Array(20).fill(3)];
    const data = file('nps.csv', `nps\n${scores.join('\n')}\nNA\n`);
    const r = json<{ n: number; score: number; standardError: number; ci: { low: number; high: number } }>(
      (await mr('nps', data, '--q', 'nps', '--json')).out,
    );
    // SE = 100 · √((0.5 + 0.2 − 0.3²) / 100) = 7.8102; 95%: 30 ± 1.95996 · 7.8102.
    expect(r.n).toBe(100);
    expect(r.score).toBeCloseTo(30, 10);
    expect(r.standardError).toBeCloseTo(7.8102, 4);
    expect(r.ci.low).toBeCloseTo(14.6925, 3);
    expect(r.ci.high).toBeCloseTo(45.3075, 3);
    const bad = await mr('nps', file('nps-bad.csv', 'nps\n11\n'), '--q', 'nps');
    expect(bad.code).toBe(2);
  });

  it("gives Cronbach's alpha with reverse-keyed items, and refuses --reverse outside --items", async () => {
    // A 5 × 3 table checked by hand: alpha = 0.964968 once the third item is reversed (1–5 scale).
    const data = file('alpha.csv', 'i1,i2,i3\n1,1,5\n2,2,4\n3,3,3\n4,5,2\n5,5,1\n');
    const r = json<{ alpha: number; items: number; n: number }>(
      (await mr('alpha', data, '--items', 'i1,i2,i3', '--reverse', 'i3', '--json')).out,
    );
    expect(r.items).toBe(3);
    expect(r.n).toBe(5);
    expect(r.alpha).toBeGreaterThan(0.95);
    const stray = await mr('alpha', data, '--items', 'i1,i2', '--reverse', 'i3');
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('not in --items');
  });
});

const survey = fileURLToPath(new URL('../../../../shared/data/survey/', import.meta.url));
describe.skipIf(!existsSync(survey))('kpo mr on the real survey files in ../shared/data/survey', () => {
  it('marital × race of the General Social Survey: X² = 997.2167 on 10 df, as R', async () => {
    // R: chisq.test(table(gss_cat$marital, gss_cat$race)) → X-squared = 997.22, df = 10.
    const r = json<CrosstabJson>((await mr('crosstab', `${survey}forcats_gss_cat.csv`, '--row', 'marital', '--col', 'race', '--json')).out);
    expect(r.chiSquare?.statistic).toBeCloseTo(997.216714146, 6);
    expect(r.chiSquare?.df).toBe(10);
  });

  it('the bfi Agreeableness items with A1 reversed: alpha 0.70, as the psych package reports', async () => {
    const r = json<{ alpha: number }>(
      (await mr('alpha', `${survey}psych_bfi.csv`, '--items', 'A1,A2,A3,A4,A5', '--reverse', 'A1', '--json')).out,
    );
    expect(r.alpha).toBeCloseTo(0.70376, 4);
  });
});
