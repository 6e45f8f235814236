import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { type Tally, tally, tallyGeneral } from './crosstab.js';
import type { CategoricalVariable, MultipleVariable, SingleVariable } from './variables.js';

/**
 * `tally` takes fast paths for single × single tables (the bulk of a deck); `tallyGeneral` is the
 * one pass that handles every kind. These hold the two equal, bit for bit, on random data, so a
 * fast path cannot drift from the general one unnoticed.
 */

/** sfc32, seeded: the same data on every run. */
function random(seed: number): () => number {
  let [a, b, c, d] = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

const categories = (k: number) => Array.from({ length: k }, (_, i) => ({ value: String(i + 1), label: `c${i + 1}` }));

function randomSingle(rand: () => number, n: number, k: number, missing: number): SingleVariable {
  const codes = Int32Array.from({ length: n }, () => (rand() < missing ? -1 : Math.floor(rand() * k)));
  return { kind: 'single', key: `s${k}`, label: 'single', categories: categories(k), codes };
}

function randomMultiple(rand: () => number, n: number, k: number, missing: number): MultipleVariable {
  const answered = Uint8Array.from({ length: n }, () => (rand() < missing ? 0 : 1));
  const selected = Array.from({ length: k }, () => Uint8Array.from({ length: n }, (_, r) => (answered[r] === 1 && rand() < 0.4 ? 1 : 0)));
  return { kind: 'multiple', key: `m${k}`, label: 'multiple', categories: categories(k), selected, answered };
}

/** Weights from 0 (allowed: a respondent who counts for nothing) to about 5, with many decimals. */
function randomWeights(rand: () => number, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => (rand() < 0.02 ? 0 : rand() * 5 + rand() * 1e-7));
}

function expectSameTally(fast: Tally, general: Tally): void {
  expect(fast.rows).toBe(general.rows);
  expect(fast.cols).toBe(general.cols);
  for (const key of ['counts', 'unweighted', 'rowTotals', 'colTotals', 'colUnweighted', 'colSquaredWeights'] as const)
    expect(Array.from(fast[key]), key).toEqual(Array.from(general[key]));
  // toEqual on arrays of numbers is exact (Object.is), so the sums match to the last bit.
  expect([fast.total, fast.totalUnweighted, fast.totalSquaredWeights]).toEqual([
    general.total,
    general.totalUnweighted,
    general.totalSquaredWeights,
  ]);
}

function thrown(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('crosstab tally: fast paths equal the general pass', () => {
  const cases: { n: number; stubK: number; bannerK: number; missing: number }[] = [
    { n: 1, stubK: 1, bannerK: 1, missing: 0 },
    { n: 50, stubK: 2, bannerK: 2, missing: 0.5 },
    { n: 997, stubK: 7, bannerK: 3, missing: 0.1 },
    { n: 5000, stubK: 11, bannerK: 8, missing: 0.05 },
    { n: 300, stubK: 4, bannerK: 6, missing: 1 },
  ];

  for (const [index, c] of cases.entries())
    it(`random data #${index + 1}: ${c.n} respondents, ${c.stubK} × ${c.bannerK}, ${c.missing * 100}% missing`, () => {
      const rand = random(20261205 + index);
      const stub = randomSingle(rand, c.n, c.stubK, c.missing);
      const banner = randomSingle(rand, c.n, c.bannerK, c.missing);
      const weights = randomWeights(rand, c.n);
      expectSameTally(tally(stub, banner, null), tallyGeneral(stub, banner, null));
      expectSameTally(tally(stub, banner, weights), tallyGeneral(stub, banner, weights));
      // Mixed with multiple choice, `tally` takes the general pass; it must still agree with itself.
      const multi = randomMultiple(rand, c.n, c.bannerK, c.missing);
      for (const [s, b] of [
        [stub, multi],
        [multi, banner],
        [multi, multi],
      ] as [CategoricalVariable, CategoricalVariable][])
        expectSameTally(tally(s, b, weights), tallyGeneral(s, b, weights));
    });

  it('adds up to what a cell-by-cell count by hand says', () => {
    const rand = random(7);
    const stub = randomSingle(rand, 2000, 5, 0.1);
    const banner = randomSingle(rand, 2000, 4, 0.1);
    const weights = randomWeights(rand, 2000);
    const t = tally(stub, banner, weights);
    let n = 0;
    for (let r = 0; r < 2000; r++)
      if ((stub.codes[r] as number) >= 0 && (banner.codes[r] as number) >= 0 && stub.codes[r] === 2 && banner.codes[r] === 3) n++;
    expect(t.unweighted[2 * 4 + 3]).toBe(n);
  });

  it('rejects the same bad weights with the same error on both paths', () => {
    const rand = random(11);
    const stub = randomSingle(rand, 100, 3, 0.3);
    const banner = randomSingle(rand, 100, 2, 0.3);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const weights = randomWeights(rand, 100);
      // Respondent 5 is out of the table's base (missing stub), and is still checked, as assertWeights checks every weight.
      stub.codes[4] = -1;
      weights[4] = bad;
      weights[60] = bad;
      const fast = thrown(() => tally(stub, banner, weights));
      const general = thrown(() => tallyGeneral(stub, banner, weights));
      expect(fast.issues).toEqual(general.issues);
      expect(fast.issues?.[0]).toMatchObject({ path: ['weights', 4], params: { count: 2, row: 5 } });
    }
  });

  it('rejects a code outside the codebook with the same error on both paths, stub before banner', () => {
    const rand = random(13);
    for (const weights of [null, randomWeights(rand, 100)]) {
      const stub = randomSingle(rand, 100, 3, 0);
      const banner = randomSingle(rand, 100, 2, 0);
      banner.codes[30] = 2;
      stub.codes[70] = 9;
      expect(thrown(() => tally(stub, banner, weights)).issues).toEqual(thrown(() => tallyGeneral(stub, banner, weights)).issues);
      expect(thrown(() => tally(stub, banner, weights)).issues?.[0]?.path).toEqual(['s2', 30]);
      stub.codes[10] = 5;
      expect(thrown(() => tally(stub, banner, weights)).issues).toEqual(thrown(() => tallyGeneral(stub, banner, weights)).issues);
      expect(thrown(() => tally(stub, banner, weights)).issues?.[0]?.path).toEqual(['s3', 10]);
    }
  });
});
