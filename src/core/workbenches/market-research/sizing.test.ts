import { describe, expect, it } from 'vitest';
import type { FactorUnit, MarketSizing, SizingFactor, SizingSource } from '../../../shared/contracts/market-sizing.js';
import { AppError } from '../../../shared/errors.js';
import { checkSizing, evaluateSizing, type SizingEvaluation } from './sizing.js';

const whitePaper: SizingSource = { title: '2024年版 中小企業白書', url: 'https://www.chusho.meti.go.jp/pamflet/hakusyo/' };
const survey: SizingSource = { title: 'クラウド会計ソフトの利用状況調査', note: 'Table 3, SMEs only' };
const priceLists: SizingSource = { title: "Vendors' published price lists", documentId: '0b6f4f0e-3f59-4a4b-9d0a-6f1f8f2b9a10' };

function factor(
  key: string,
  unit: FactorUnit,
  [low, base, high]: [number, number, number],
  source: SizingSource | null = whitePaper,
): SizingFactor {
  return { key, label: key, unit, low, base, high, source, notes: '' };
}

function sizing(
  levels: { tam: SizingFactor[]; sam?: SizingFactor[]; som?: SizingFactor[] },
  over: Partial<MarketSizing> = {},
): MarketSizing {
  return {
    market: 'jp-sme-cloud-accounting',
    title: 'Cloud accounting for Japanese SMEs',
    approach: 'top_down',
    currency: 'JPY',
    levels: { tam: { factors: levels.tam }, sam: { factors: levels.sam ?? [] }, som: { factors: levels.som ?? [] } },
    notes: '',
    ...over,
  };
}

/** TAM = SMEs × share on cloud accounting × annual spend; SAM = × target segments; SOM = × share obtainable in 3 years. */
const topDown = sizing({
  tam: [
    factor('smes', 'count', [3_300_000, 3_360_000, 3_400_000]),
    factor('cloud_share', 'share', [0.25, 0.3, 0.35], survey),
    factor('annual_spend', 'money', [40_000, 60_000, 90_000], priceLists),
  ],
  sam: [factor('target_segment', 'share', [0.3, 0.4, 0.5], survey)],
  som: [factor('obtainable', 'share', [0.02, 0.05, 0.08], survey)],
});

/** Customers × monthly price × 12 payments a year; the same market, built from the customer up. */
function bottomUp(price: [number, number, number] = [4_000, 5_000, 6_000]): MarketSizing {
  return sizing(
    {
      tam: [
        factor('customers', 'count', [900_000, 1_000_000, 1_100_000], survey),
        factor('price', 'money', price, priceLists),
        factor('payments', 'per_year', [12, 12, 12], priceLists),
      ],
      sam: [factor('target_segment', 'share', [0.35, 0.4, 0.45], survey)],
      som: [factor('obtainable', 'share', [0.03, 0.05, 0.07], survey)],
    },
    { approach: 'bottom_up' },
  );
}

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

const allNumbers = (e: SizingEvaluation) => [
  ...Object.values(e.levels).flatMap((r) => [r.low, r.base, r.high]),
  ...e.contributions.flatMap((c) => [c.somAtLow, c.somAtHigh, c.swing]),
  ...Object.values(e.triangulation ?? {}).flatMap((t) => [t.ratio ?? 0]),
];

describe('evaluateSizing', () => {
  it('multiplies each level from the previous one, the range being the product of lows and of highs', () => {
    const result = evaluateSizing(topDown);
    expect(result.levels).toEqual({
      tam: { low: 33_000_000_000, base: 60_480_000_000, high: 107_100_000_000 },
      sam: { low: 9_900_000_000, base: 24_192_000_000, high: 53_550_000_000 },
      som: { low: 198_000_000, base: 1_209_600_000, high: 4_284_000_000 },
    });
    expect(result).toMatchObject({ market: 'jp-sme-cloud-accounting', approach: 'top_down', currency: 'JPY', triangulation: null });
    for (const n of allNumbers(result)) expect(Number.isSafeInteger(n)).toBe(true);
  });

  it('rounds to whole yen only at the end', () => {
    const result = evaluateSizing(
      sizing({ tam: [factor('n', 'count', [3, 3, 3]), factor('p', 'money', [0.1, 0.1, 0.1])], sam: [factor('s', 'ratio', [10, 10, 10])] }),
    );
    // 3 × 0.1 is 0.30000000000000004 in floating point: rounding it at the TAM would lose the SAM's 3 yen.
    expect(result.levels.tam.base).toBe(0);
    expect(result.levels.sam.base).toBe(3);
  });

  it("gives each factor's swing of SOM with the others at base, largest first (a tornado)", () => {
    const bars = evaluateSizing(topDown).contributions;
    expect(bars.map((b) => [b.key, b.level, b.index, b.somAtLow, b.somAtHigh, b.swing])).toEqual([
      ['obtainable', 'som', 0, 483_840_000, 1_935_360_000, 1_451_520_000],
      ['annual_spend', 'tam', 2, 806_400_000, 1_814_400_000, 1_008_000_000],
      ['target_segment', 'sam', 0, 907_200_000, 1_512_000_000, 604_800_000],
      ['cloud_share', 'tam', 1, 1_008_000_000, 1_411_200_000, 403_200_000],
      ['smes', 'tam', 0, 1_188_000_000, 1_224_000_000, 36_000_000],
    ]);
  });

  it('applies the defaults: JPY, no notes, SAM and SOM equal to the level before when they have no factors', () => {
    const { currency: _c, notes: _n, ...withoutDefaults } = sizing({ tam: [factor('market', 'money', [9e9, 1e10, 1.2e10])] });
    const result = evaluateSizing(withoutDefaults);
    expect(result.currency).toBe('JPY');
    expect(result.levels.som).toEqual({ low: 9e9, base: 1e10, high: 1.2e10 });
  });

  it('triangulates a top-down sizing with a bottom-up one of the same market', () => {
    const result = evaluateSizing(topDown, { counterpart: bottomUp() });
    expect(result.triangulation?.tam).toEqual({
      topDown: { low: 33_000_000_000, base: 60_480_000_000, high: 107_100_000_000 },
      bottomUp: { low: 43_200_000_000, base: 60_000_000_000, high: 79_200_000_000 },
      ratio: 1.008,
      overlap: true,
    });
    expect(result.triangulation?.som.bottomUp).toEqual({ low: 453_600_000, base: 1_200_000_000, high: 2_494_800_000 });
    expect(result.triangulation?.som.ratio).toBeCloseTo(1.008, 12);
    // The order of the two does not matter: the ratio is always top-down over bottom-up.
    expect(evaluateSizing(bottomUp(), { counterpart: topDown }).triangulation).toEqual(result.triangulation);
  });

  it('flags ranges that do not overlap, and gives no ratio over a zero base', () => {
    const apart = evaluateSizing(topDown, { counterpart: bottomUp([500, 600, 700]) }).triangulation;
    expect(apart?.tam.overlap).toBe(false);
    expect(apart?.tam.ratio).toBeCloseTo(60.48 / 7.2, 12);
    const zero = bottomUp();
    zero.levels.som.factors = [factor('obtainable', 'share', [0, 0, 0.01], survey)];
    const result = evaluateSizing(topDown, { counterpart: zero });
    expect(result.triangulation?.som.ratio).toBeNull();
    expect(allNumbers(result).every(Number.isFinite)).toBe(true);
  });

  it('refuses to triangulate sizings of other markets, by the same approach or in other currencies, naming each', () => {
    const other = sizing({ tam: [factor('x', 'money', [1, 1, 1])] }, { market: 'jp-payroll', currency: 'USD' });
    const error = thrown(() => evaluateSizing(topDown, { counterpart: other }));
    expect(error).toMatchObject({ code: 'invalid_input', reason: 'bad_sizing' });
    expect(error.issues?.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['counterpart.market', 'invalid_value'],
      ['counterpart.approach', 'invalid_value'],
      ['counterpart.currency', 'one_currency'],
    ]);
  });

  it('refuses a size beyond the safe integers with value_too_large, naming every level and bound', () => {
    const huge = sizing({ tam: [factor('atoms', 'count', [1e12, 1e12, 1e12]), factor('price', 'money', [1e9, 1e9, 1e9])] });
    const error = thrown(() => evaluateSizing(huge));
    expect(error).toMatchObject({ code: 'invalid_input', reason: 'value_too_large' });
    expect(error.issues).toHaveLength(9);
    expect(error.issues?.[0]).toMatchObject({
      path: ['levels', 'tam', 'low'],
      code: 'too_big',
      params: { maximum: Number.MAX_SAFE_INTEGER },
    });
    // Floating-point overflow to Infinity is refused the same way, never returned.
    const infinite = sizing({ tam: [factor('a', 'count', [1e200, 1e200, 1e200]), factor('b', 'money', [1e200, 1e200, 1e200])] });
    expect(thrown(() => evaluateSizing(infinite)).reason).toBe('value_too_large');
  });

  it('refuses bad input listing every problem: ranges out of order, shares above 1, duplicate keys, bad links, NaN', () => {
    const bad = sizing({
      tam: [
        factor('smes', 'count', [3_360_000, 3_300_000, 3_400_000]),
        { ...factor('spend', 'money', [1, 2, 3]), source: { title: '白書', url: 'ftp://example.com/x' } },
        factor('nan', 'ratio', [Number.NaN, 1, Number.POSITIVE_INFINITY]),
      ],
      sam: [factor('segment', 'share', [0.5, 0.9, 1.5])],
      som: [factor('smes', 'share', [-0.1, 0.1, 0.2])],
    });
    const error = thrown(() => evaluateSizing(bad));
    expect(error).toMatchObject({ code: 'invalid_input', reason: 'bad_sizing' });
    const found = error.issues?.map((i) => [i.path.join('.'), i.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['levels.tam.factors.0.base', 'range_order'],
        ['levels.tam.factors.1.source.url', 'invalid_format'],
        ['levels.tam.factors.2.low', 'invalid_type'],
        ['levels.tam.factors.2.high', 'invalid_type'],
        ['levels.sam.factors.0.high', 'share_out_of_range'],
        ['levels.som.factors.0.low', 'too_small'],
        ['levels.som.factors.0.key', 'duplicate_key'],
      ]),
    );
    expect(found).toHaveLength(7);
  });

  it('lists the problems of both sizings when triangulating, the counterpart’s under "counterpart"', () => {
    const badCounterpart = bottomUp();
    (badCounterpart.levels.sam.factors[0] as SizingFactor).high = 2;
    const badOwn = structuredClone(topDown);
    (badOwn.levels.som.factors[0] as SizingFactor).low = 0.5;
    const error = thrown(() => evaluateSizing(badOwn, { counterpart: badCounterpart }));
    expect(error.issues?.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['levels.som.factors.0.base', 'range_order'],
      ['counterpart.levels.sam.factors.0.high', 'share_out_of_range'],
    ]);
    const huge = bottomUp();
    (huge.levels.tam.factors[0] as SizingFactor).high = 1e15;
    const tooLarge = thrown(() => evaluateSizing(topDown, { counterpart: huge }));
    expect(tooLarge.reason).toBe('value_too_large');
    expect(tooLarge.issues?.map((i) => i.path.join('.'))).toEqual([
      'counterpart.levels.tam.high',
      'counterpart.levels.sam.high',
      'counterpart.levels.som.high',
    ]);
  });

  it('needs at least one TAM factor and refuses unknown fields', () => {
    const error = thrown(() => evaluateSizing({ ...sizing({ tam: [] }), extra: 1 } as MarketSizing));
    expect(error.issues?.map((i) => [i.path.join('.'), i.code])).toEqual(
      expect.arrayContaining([
        ['levels.tam.factors', 'too_small'],
        ['', 'unrecognized_keys'],
      ]),
    );
  });
});

describe('checkSizing', () => {
  const byCode = (report: ReturnType<typeof checkSizing>, code: string) => report.findings.filter((f) => f.code === code);

  it('passes every check of a sourced, consistent sizing with narrow ranges, showing what ran', () => {
    const clean = sizing({
      tam: [factor('smes', 'count', [3_300_000, 3_360_000, 3_400_000]), factor('spend', 'money', [50_000, 60_000, 70_000])],
      sam: [factor('segment', 'share', [0.3, 0.4, 0.5])],
      som: [factor('obtainable', 'share', [0.04, 0.05, 0.06])],
    });
    const report = checkSizing(clean);
    expect(report.status).toBe('pass');
    expect(report.findings.map((f) => f.code)).toEqual([
      'sizing.source_missing',
      'sizing.range_order',
      'sizing.share_out_of_range',
      'sizing.level_order',
      'sizing.range_wide',
      'sizing.money_factor',
    ]);
    expect(report.counts).toEqual({ pass: 6, warn: 0, fail: 0 });
  });

  it('warns about an assumption without a source, pointing at it', () => {
    const unsourced = structuredClone(topDown);
    (unsourced.levels.sam.factors[0] as SizingFactor).source = null;
    const report = checkSizing(unsourced);
    expect(byCode(report, 'sizing.source_missing')).toEqual([
      {
        status: 'warn',
        code: 'sizing.source_missing',
        path: ['levels', 'sam', 'factors', 0, 'source'],
        params: { factor: 'target_segment' },
      },
    ]);
    expect(report.status).toBe('warn');
  });

  it('fails stored data the schema would refuse: a range out of order, a share outside [0, 1]', () => {
    const stored = sizing({
      tam: [factor('smes', 'count', [3_400_000, 3_360_000, 3_300_000]), factor('spend', 'money', [50_000, 60_000, 70_000])],
      sam: [factor('segment', 'share', [0.5, 0.9, 1.2])],
    });
    const report = checkSizing(stored);
    expect(report.status).toBe('fail');
    expect(byCode(report, 'sizing.range_order').map((f) => f.path)).toEqual([
      ['levels', 'tam', 'factors', 0, 'base'],
      ['levels', 'tam', 'factors', 0, 'high'],
    ]);
    expect(byCode(report, 'sizing.share_out_of_range')).toEqual([
      expect.objectContaining({
        status: 'fail',
        path: ['levels', 'sam', 'factors', 0, 'high'],
        params: expect.objectContaining({ factor: 'segment', high: 1.2 }),
      }),
    ]);
  });

  it('fails a SAM above the TAM (a ratio above 1 at a later level), naming the bounds', () => {
    const inverted = sizing({
      tam: [factor('market', 'money', [9e9, 1e10, 1.1e10])],
      sam: [factor('uplift', 'ratio', [0.9, 1.2, 1.5])],
      som: [factor('obtainable', 'share', [0.04, 0.05, 0.06])],
    });
    expect(byCode(checkSizing(inverted), 'sizing.level_order')).toEqual([
      {
        status: 'fail',
        code: 'sizing.level_order',
        path: ['levels', 'sam'],
        params: { level: 'sam', previous: 'tam', bounds: 'base, high' },
      },
    ]);
  });

  it('warns about an extremely wide range, of a factor or of the SOM, and an unbounded one from a low of 0', () => {
    const wide = sizing({
      tam: [factor('smes', 'count', [3_300_000, 3_360_000, 3_400_000]), factor('spend', 'money', [5_000, 60_000, 120_000])],
      som: [factor('obtainable', 'share', [0, 0.05, 0.1])],
    });
    const found = byCode(checkSizing(wide), 'sizing.range_wide');
    expect(found).toEqual([
      {
        status: 'warn',
        code: 'sizing.range_wide',
        path: ['levels', 'tam', 'factors', 1],
        params: { factor: 'spend', low: 5_000, high: 120_000, ratio: 24 },
      },
      {
        status: 'warn',
        code: 'sizing.range_wide',
        path: ['levels', 'som', 'factors', 0],
        params: { factor: 'obtainable', low: 0, high: 0.1 },
      },
      { status: 'warn', code: 'sizing.range_wide', path: ['levels', 'som'], params: { level: 'som', low: 0, high: 40_800_000_000 } },
    ]);
  });

  it('warns when the chain has no money factor, or more than one', () => {
    const counts = sizing({ tam: [factor('smes', 'count', [3_300_000, 3_360_000, 3_400_000])] });
    expect(byCode(checkSizing(counts), 'sizing.money_factor')).toEqual([
      { status: 'warn', code: 'sizing.money_factor', path: ['levels'], params: { count: 0 } },
    ]);
  });

  it('warns when the two approaches disagree beyond their ranges', () => {
    const report = checkSizing(topDown, { counterpart: bottomUp([500, 600, 700]) });
    expect(byCode(report, 'sizing.triangulation_gap').map((f) => f.path)).toEqual([
      ['levels', 'tam'],
      ['levels', 'sam'],
    ]);
    expect(byCode(checkSizing(topDown, { counterpart: bottomUp() }), 'sizing.triangulation_gap')).toEqual([
      { status: 'pass', code: 'sizing.triangulation_gap', path: [], params: {} },
    ]);
  });

  it('never throws, even on sizes evaluateSizing refuses', () => {
    const huge = sizing({ tam: [factor('a', 'count', [1e200, 1e200, 1e200]), factor('b', 'money', [1e200, 1e200, 1e200])] });
    expect(() => checkSizing(huge)).not.toThrow();
  });
});
