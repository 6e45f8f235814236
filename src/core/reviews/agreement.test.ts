import { describe, expect, it } from 'vitest';
import type { AlphaLevel } from '../../shared/contracts/deliverables.js';
import { AppError } from '../../shared/errors.js';
import { krippendorffAlpha, pairwiseAlpha, type Rating } from './agreement.js';

const levels: AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];
const _ = null;

/** Observers as rows (the papers' layout) → units as rows, observers as columns (ours). */
const byUnit = (observers: readonly (readonly Rating[])[]): Rating[][] =>
  (observers[0] ?? []).map((_v, u) => observers.map((row) => row[u] ?? null));

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
 * Communication Departmental Papers 43 (https://repository.upenn.edu/asc_papers/43), the worked
 * example "Nominal data, any number of observers, missing data", carried on for the other metrics:
 * 4 observers × 12 units, "." = missing. Published: nominal α = .743, ordinal .815, interval .849,
 * ratio .797. The same matrix is in the test suite of the `krippendorff` Python package
 * (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py), which asserts .815 and .797 too.
 */
const K2011 = byUnit([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _], // observer A
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3], // observer B
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _], // observer C
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _], // observer D
]);

/**
 * Hayes, A. F. & Krippendorff, K. (2007). Answering the call for a standard reliability measure for
 * coding data. Communication Methods and Measures 1(1), 77–89, Table 1: five observers judge the
 * tone of 40 newspaper articles on a challenger (0 sure loser … 3 likely winner), "." = missing;
 * the KALPHA macro's output in the paper gives ordinal α = .7598. The table as transcribed in the
 * R package jucor/krippendorff (data-raw/hayes2007table1.csv); the published α reproducing to four
 * decimals is the check on the transcription.
 */
const HAYES2007: Rating[][] = [
  [1, 1, 2, _, 2],
  [1, 1, 0, 1, _],
  [2, 3, 3, 3, _],
  [_, 0, 0, _, 0],
  [0, 0, 0, _, 0],
  [0, 0, 0, _, 0],
  [1, 0, 2, _, 1],
  [1, _, 2, 0, _],
  [2, 2, 2, _, 2],
  [2, 1, 1, 1, _],
  [_, 1, 0, 0, _],
  [0, 0, 0, 0, _],
  [1, 2, 2, 2, _],
  [3, 3, 2, 2, 3],
  [1, 1, 1, _, 1],
  [1, 1, 1, _, 1],
  [2, 1, 2, _, 2],
  [1, 2, 3, 3, _],
  [1, 1, 0, 1, _],
  [0, 0, 0, _, 0],
  [0, 0, 1, 1, _],
  [0, 0, _, 0, 0],
  [2, 3, 3, 3, _],
  [0, 0, 0, 0, _],
  [1, 2, _, 2, 2],
  [0, 1, 1, 1, _],
  [0, 0, 0, 1, 0],
  [1, 2, 1, 2, _],
  [1, 1, 2, 2, _],
  [1, 1, 2, _, 2],
  [1, 1, 0, _, 0],
  [2, 1, 2, 1, _],
  [2, 2, _, 2, 2],
  [3, 2, 2, 2, _],
  [2, 2, 2, _, 2],
  [2, 2, 3, _, 2],
  [2, 2, 2, _, 2],
  [2, 2, _, 1, 2],
  [2, 2, 2, 2, _],
  [1, 1, 1, _, 1],
];

describe('krippendorffAlpha: published examples', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('Krippendorff (2011), 4 observers × 12 units with missing data: %s α = %s', (level, published) => {
    const r = krippendorffAlpha(K2011, level);
    expect(r.alpha).toBeCloseTo(published, 3);
    // n.. = 40: unit 12 (one value) is not pairable; units 1 and 10 have three values, unit 11 two.
    expect(r).toMatchObject({ level, units: 12, raters: 4, pairable: 40 });
  });

  // Krippendorff (2011), the first worked example, "Binary or dichotomous data, two observers, no missing data".
  it('Krippendorff (2011), binary data, two observers, no missing data: α = .095', () => {
    const r = krippendorffAlpha(
      byUnit([
        [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], // observer A
        [1, 1, 1, 0, 0, 1, 0, 0, 0, 0], // observer B
      ]),
      'nominal',
    );
    expect(r.alpha).toBeCloseTo(0.095, 3);
    expect(r).toMatchObject({ units: 10, raters: 2, pairable: 20 });
  });

  it('Hayes & Krippendorff (2007), Table 1, 5 observers × 40 articles: ordinal α = .7598', () => {
    const r = krippendorffAlpha(HAYES2007, 'ordinal');
    expect(r.alpha).toBeCloseTo(0.7598, 4);
    expect(r).toMatchObject({ units: 40, raters: 5 });
  });
});

/** A deterministic generator (mulberry32), so a failing property fails the same way every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A units × raters matrix of values 1..scale, with some missing. */
function matrix(seed: number, units: number, raters: number, scale: number, missing = 0.2): Rating[][] {
  const next = random(seed);
  return Array.from({ length: units }, () =>
    Array.from({ length: raters }, () => (next() < missing ? null : 1 + Math.floor(next() * scale))),
  );
}

const seeds = [1, 2, 3, 4, 5, 6, 7, 8];

describe('krippendorffAlpha: properties', () => {
  it('perfect agreement gives exactly 1 at every level, with or without missing values', () => {
    for (const seed of seeds) {
      const next = random(seed);
      const m = Array.from({ length: 30 }, () => {
        const v = 1 + Math.floor(next() * 5);
        return Array.from({ length: 4 }, () => (next() < 0.25 ? null : v));
      });
      m.push([1, 1, _, _], [_, 2, 2, _]); // variation across units, whatever the draw
      for (const level of levels) expect(krippendorffAlpha(m, level).alpha, `${level} seed ${seed}`).toBe(1);
    }
  });

  it('does not depend on the order of the rater columns', () => {
    for (const seed of seeds) {
      const m = matrix(seed, 40, 5, 5);
      const order = [3, 0, 4, 2, 1];
      const shuffled = m.map((row) => order.map((i) => row[i] ?? null));
      for (const level of levels)
        expect(krippendorffAlpha(shuffled, level).alpha).toBeCloseTo(krippendorffAlpha(m, level).alpha as number, 12);
    }
  });

  it('does not depend on the order of the units', () => {
    const m = matrix(11, 40, 4, 5);
    const reversed = [...m].reverse();
    for (const level of levels)
      expect(krippendorffAlpha(reversed, level).alpha).toBeCloseTo(krippendorffAlpha(m, level).alpha as number, 12);
  });

  it('units with fewer than two values change nothing but the unit count', () => {
    for (const seed of seeds) {
      const m = matrix(seed, 30, 4, 5);
      const padded = [...m, [7, _, _, _], [_, _, _, _], [_, _, 9, _]];
      for (const level of levels) {
        const a = krippendorffAlpha(m, level);
        const b = krippendorffAlpha(padded, level);
        expect(b.alpha).toBeCloseTo(a.alpha as number, 12);
        expect(b.pairable).toBe(a.pairable);
        expect(b.units).toBe(a.units + 3);
      }
    }
  });

  it('nominal takes labels: strings give what the numbers they stand for give', () => {
    const names = ['', 'low', 'mid', 'high', 'very high', '最高'];
    for (const seed of seeds) {
      const m = matrix(seed, 30, 3, 5);
      const labelled = m.map((row) => row.map((v) => (v === null ? null : (names[v as number] as string))));
      expect(krippendorffAlpha(labelled, 'nominal').alpha).toBeCloseTo(krippendorffAlpha(m, 'nominal').alpha as number, 12);
    }
    expect(
      krippendorffAlpha(
        byUnit([
          ['a', 'b', 'c', 'a'],
          ['a', 'b', 'c', 'a'],
        ]),
        'nominal',
      ).alpha,
    ).toBe(1);
  });

  it('two raters, nominal, no missing values: α = 1 − (1 − π)(2N − 1)/2N with Scott’s π (Krippendorff 2011)', () => {
    for (const seed of seeds) {
      const m = matrix(seed, 25, 2, 3, 0);
      const N = m.length;
      const agree = m.filter(([x, y]) => x === y).length / N;
      const share = new Map<Rating, number>();
      for (const row of m) for (const v of row) share.set(v, (share.get(v) ?? 0) + 1 / (2 * N));
      const chance = [...share.values()].reduce((s, p) => s + p * p, 0);
      const pi = (agree - chance) / (1 - chance);
      expect(krippendorffAlpha(m, 'nominal').alpha).toBeCloseTo(1 - ((1 - pi) * (2 * N - 1)) / (2 * N), 12);
    }
  });

  it('ordinal depends only on the order of the values; interval not on a shift; ratio not on a change of unit', () => {
    for (const seed of seeds) {
      const m = matrix(seed, 30, 4, 5);
      const map = (f: (v: number) => number) => m.map((row) => row.map((v) => (v === null ? null : f(v as number))));
      const ordinal = krippendorffAlpha(m, 'ordinal').alpha as number;
      expect(
        krippendorffAlpha(
          map((v) => v ** 3 + 100),
          'ordinal',
        ).alpha,
      ).toBeCloseTo(ordinal, 12);
      const interval = krippendorffAlpha(m, 'interval').alpha as number;
      expect(
        krippendorffAlpha(
          map((v) => v + 1e6),
          'interval',
        ).alpha,
      ).toBeCloseTo(interval, 9);
      expect(
        krippendorffAlpha(
          map((v) => v * 2.5),
          'interval',
        ).alpha,
      ).toBeCloseTo(interval, 12);
      const ratio = krippendorffAlpha(m, 'ratio').alpha as number;
      expect(
        krippendorffAlpha(
          map((v) => v * 1000),
          'ratio',
        ).alpha,
      ).toBeCloseTo(ratio, 12);
    }
  });

  it('at the nominal level of two values, every level agrees (binary data)', () => {
    const m = matrix(21, 50, 3, 2);
    const nominal = krippendorffAlpha(m, 'nominal').alpha as number;
    expect(krippendorffAlpha(m, 'interval').alpha).toBeCloseTo(nominal, 12);
    expect(krippendorffAlpha(m, 'ordinal').alpha).toBeCloseTo(nominal, 12);
  });
});

describe('krippendorffAlpha: edges', () => {
  it('is null with nothing to measure against', () => {
    expect(krippendorffAlpha([], 'nominal')).toEqual({ alpha: null, level: 'nominal', units: 0, raters: 0, pairable: 0 });
    // no unit has two values
    expect(
      krippendorffAlpha(
        [
          [1, _],
          [_, 2],
        ],
        'interval',
      ),
    ).toEqual({ alpha: null, level: 'interval', units: 2, raters: 2, pairable: 0 });
    // one value throughout: D_e = 0
    expect(
      krippendorffAlpha(
        [
          [3, 3],
          [3, 3, 3],
        ],
        'ordinal',
      ),
    ).toEqual({ alpha: null, level: 'ordinal', units: 2, raters: 3, pairable: 5 });
  });

  it('is null for one value throughout even when the value is not exact in binary (0.1)', () => {
    // (0.1 · 3) / 3 = 0.10000000000000002: the centred squares are 6e-34, not 0.
    for (const level of levels) expect(krippendorffAlpha([[0.1, 0.1, 0.1]], level).alpha).toBeNull();
  });

  it('one unit of two different values is chance agreement (α = 0), not an error', () => {
    expect(krippendorffAlpha([[1, 2]], 'nominal').alpha).toBe(0);
  });

  it('ratio treats 0 against 0 as no difference', () => {
    expect(
      krippendorffAlpha(
        [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
        'ratio',
      ).alpha,
    ).toBe(1);
  });

  it('refuses labels at a numeric level, non-finite numbers and negative ratios, naming unit and rater', () => {
    const err = (m: Rating[][], level: AlphaLevel) => {
      try {
        krippendorffAlpha(m, level);
      } catch (e) {
        return e;
      }
      throw new Error('expected an error');
    };
    const e = err(
      [
        [1, 'x'],
        [2, 2],
      ],
      'ordinal',
    ) as AppError;
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('invalid_input');
    expect(e.issues).toEqual([expect.objectContaining({ path: ['ratings', 0, 1], code: 'not_a_number' })]);
    expect(e.issues?.[0]?.message).toContain('Unit 1, rater 2');
    expect((err([[1, Number.NaN]], 'nominal') as AppError).code).toBe('invalid_input');
    expect((err([[1, Number.POSITIVE_INFINITY]], 'interval') as AppError).code).toBe('invalid_input');
    expect((err([[1, -1]], 'ratio') as AppError).issues?.[0]?.code).toBe('too_small');
    expect(
      krippendorffAlpha(
        [
          [1, -1],
          [-1, -1],
        ],
        'interval',
      ).alpha,
    ).not.toBeNull();
  });

  it('lists at most 20 issues however many values are bad', () => {
    const m = Array.from({ length: 100 }, () => ['a', 'b']);
    try {
      krippendorffAlpha(m, 'interval');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).issues).toHaveLength(20);
      expect((e as AppError).message).toContain('200 ratings');
    }
  });

  it('runs over thousands of units in well under a second', () => {
    const likert = matrix(99, 20_000, 6, 7);
    const next = random(7);
    const continuous = Array.from({ length: 5_000 }, () => {
      const truth = next() * 100;
      return Array.from({ length: 4 }, () => Math.round((truth + next() * 5) * 1000) / 1000);
    });
    const started = performance.now();
    for (const level of levels) expect(krippendorffAlpha(likert, level).alpha).not.toBeNull();
    expect(krippendorffAlpha(continuous, 'interval').alpha).toBeGreaterThan(0.9);
    expect(krippendorffAlpha(continuous, 'nominal').alpha).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('pairwiseAlpha', () => {
  const raters = ['A', 'B', 'C', 'D'];
  const byRater = new Map(
    raters.map((name, r) => [name, new Map(K2011.flatMap((row, u) => (row[r] === null ? [] : [[`u${u + 1}`, row[r] ?? null] as const])))]),
  );

  it('gives every pair once, in the map’s order, over the units both rated', () => {
    const pairs = pairwiseAlpha(byRater, 'interval');
    expect(pairs.map((p) => `${p.a}${p.b}`)).toEqual(['AB', 'AC', 'AD', 'BC', 'BD', 'CD']);
    // A and C both rated units 2–9; B and C units 2–10; C and D units 2–11.
    expect(pairs.map((p) => p.pairable)).toEqual([18, 16, 18, 18, 20, 20]);
    for (const p of pairs) {
      const a = raters.indexOf(p.a);
      const b = raters.indexOf(p.b);
      const two = K2011.map((row) => [row[a] ?? null, row[b] ?? null]).filter(([x, y]) => x !== null && y !== null);
      expect(p.alpha).toBeCloseTo(krippendorffAlpha(two, 'interval').alpha as number, 12);
    }
  });

  it('a pair with nothing in common has alpha null', () => {
    const pairs = pairwiseAlpha(
      new Map([
        ['x', new Map([['u1', 1]])],
        [
          'y',
          new Map<string, Rating>([
            ['u2', 2],
            ['u1', null],
          ]),
        ],
      ]),
      'nominal',
    );
    expect(pairs).toEqual([{ a: 'x', b: 'y', alpha: null, pairable: 0 }]);
  });
});
