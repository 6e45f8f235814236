import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { analyzeLines, FormulaSyntaxError, MAX_FORMULA_DEPTH, parseFormula } from '../../../shared/contracts/financial-model-formula.js';
import { resolveCase, withInput } from './case.js';
import { checkModel } from './checks.js';
import { computeValuation } from './dcf.js';
import { appErrorOf, issuesOf } from './errors.fixture.js';
import { segmentModel } from './lines.fixture.js';
import { parseFinancialModel, valueModel, valueScenarios } from './model.js';
import { sensitivityGrid } from './sensitivity.js';
import { tornado } from './tornado.js';
import { valueBridge } from './value-bridge.js';

/**
 * Issue #13 point 9: segment build-ups and custom lines. Expected numbers are worked by hand from
 * the rules in docs/financial-model-format.md ("Segments and custom lines"), never taken from the engine.
 */

const syntaxError = (src: string): FormulaSyntaxError => {
  try {
    parseFormula(src);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return e;
    throw e;
  }
  throw new Error(`"${src}" parsed`);
};

/** Evaluates a formula as the only display line of the worked example, in every year. */
function lineValues(formula: string, extra: Partial<{ opening: number }> = {}) {
  const m = segmentModel();
  m.forecast.lines = [...(m.forecast.lines ?? []), { name: 'probe', formula, ...extra }];
  const v = valueModel(parseFinancialModel(m)).valuation;
  const probe = v.projection.lines?.find((l) => l.name === 'probe');
  if (!probe) throw new Error('no probe line');
  return { values: probe.values, errors: probe.errors, v };
}

describe('the formula language: parsing', () => {
  it('reads operators with the usual precedence, percentages and the × ÷ − signs', () => {
    const at = (src: string) => lineValues(src).values[0];
    expect(at('1 + 2 * 3')).toBe(7);
    expect(at('(1 + 2) * 3')).toBe(9);
    expect(at('2 ^ 3 ^ 2')).toBe(512); // right-associative
    expect(at('-2 ^ 2')).toBe(-4); // minus after power, as in mathematics (the workbook writes -(2^2))
    expect(at('10 × 3 ÷ 4 − 1')).toBe(6.5);
    expect(at('5%')).toBe(0.05);
    expect(at('1.5e2')).toBe(150);
    expect(at('(3 > 2) + (3 <= 2) + (2 <> 2) + (2 = 2)')).toBe(2);
    expect(at('t + year')).toBe(2027);
  });

  it('refuses what it cannot read, with the position', () => {
    expect(syntaxError('1 +').message).toMatch(/end of the formula/);
    expect(syntaxError('revenue * * 2').position).toBe(10);
    expect(syntaxError('revenue $ 2').message).toMatch(/Unexpected character "\$" at position 9/);
    expect(syntaxError('revenue[1.5]').kind).toBe('syntax');
    expect(syntaxError('1 < 2 < 3').message).toMatch(/do not chain/);
    expect(syntaxError('"text"').kind).toBe('syntax');
    expect(syntaxError('FOO(1)').kind).toBe('function');
    expect(syntaxError('IF(1, 2)').message).toMatch(/IF takes 3 arguments; got 2/);
    expect(syntaxError('ABS(revenue[-2:0])').message).toMatch(/one number, not a range/);
    expect(syntaxError('revenue[-2:0] + 1').message).toMatch(/range of years is a list/);
    expect(syntaxError('1e999').message).toMatch(/too large/);
  });

  it('limits nesting and length, and a deep formula fails fast instead of exhausting the stack', () => {
    expect(syntaxError(`${'('.repeat(MAX_FORMULA_DEPTH + 1)}1${')'.repeat(MAX_FORMULA_DEPTH + 1)}`).kind).toBe('depth');
    expect(syntaxError(`${'-'.repeat(400)}1`).kind).toBe('depth');
    expect(syntaxError(`${'1+'.repeat(250)}1`).message).toMatch(/at most 500 characters/);
    expect(() => parseFormula(`${'('.repeat(10)}1${')'.repeat(10)}`)).not.toThrow();
  });
});

describe('the formula language: names, circles and order', () => {
  const problems = (lines: { name: string; formula: string; role?: 'display' | 'operatingCost' }[]) =>
    analyzeLines(
      lines.map((l) => ({ role: 'display' as const, ...l })),
      [{ name: 'hardware', hasUnitCost: false }],
    ).problems.map((p) => `${p.line}:${p.code}`);

  it('knows built-in lines, segment values and other lines; anything else is an unknown line', () => {
    expect(
      problems([
        { name: 'a', formula: 'revenue + fcff[-1] + hardware.volume + b' },
        { name: 'b', formula: '1' },
      ]),
    ).toEqual([]);
    expect(problems([{ name: 'a', formula: 'revenu + hardware.cost + hardware' }])).toEqual([
      '0:unknown_line',
      '0:unknown_line',
      '0:unknown_line',
    ]);
  });

  it('refuses circles of same-year references, but not a line built on its own earlier years', () => {
    expect(problems([{ name: 'a', formula: 'a + 1' }])).toEqual(['0:circular_formula']);
    expect(
      problems([
        { name: 'a', formula: 'b' },
        { name: 'b', formula: 'c * 2' },
        { name: 'c', formula: 'a' },
      ]),
    ).toEqual(['0:circular_formula', '1:circular_formula', '2:circular_formula']);
    expect(problems([{ name: 'a', formula: 'SUM(a[first:0])' }])).toEqual(['0:circular_formula']);
    expect(
      problems([
        { name: 'a', formula: 'a[-1] + SUM(b[-2:-1])' },
        { name: 'b', formula: 'a' },
      ]),
    ).toEqual([]);
  });

  it('refuses a custom line read in a later year, and an operating cost that needs EBITDA', () => {
    expect(
      problems([
        { name: 'a', formula: 'b[1]' },
        { name: 'b', formula: '1' },
      ]),
    ).toEqual(['0:future_line']);
    expect(
      problems([
        { name: 'a', formula: 'b[last]' },
        { name: 'b', formula: '1' },
      ]),
    ).toEqual(['0:future_line']);
    expect(problems([{ name: 'a', formula: 'revenue[1]' }])).toEqual([]); // built-in lines are known for every year
    expect(problems([{ name: 'cost', formula: '10% * ebitda', role: 'operatingCost' }])).toEqual(['0:circular_formula']);
    // …also through a line it uses.
    expect(
      problems([
        { name: 'cost', formula: 'x', role: 'operatingCost' },
        { name: 'x', formula: 'fcff[-1]' },
      ]),
    ).toEqual(['1:circular_formula']);
  });
});

describe('segments and custom lines in the model (the worked example)', () => {
  const model = parseFinancialModel(segmentModel());
  const v = valueModel(model).valuation;
  const p = v.projection;

  it('builds revenue from volume × price per segment', () => {
    // 2026: hardware 100 · 1.10 = 110 units at 6 · 0.98 = 5.88 → 646.8; services 400 · 1.2 = 480 at 1.03 → 494.4.
    expect(p.segments?.[0]?.volume[0]).toBeCloseTo(110, 12);
    expect(p.segments?.[0]?.price[0]).toBeCloseTo(5.88, 12);
    expect(p.segments?.[0]?.revenue[0]).toBeCloseTo(646.8, 10);
    expect(p.segments?.[1]?.revenue[0]).toBeCloseTo(494.4, 10);
    expect(p.revenue[0]).toBeCloseTo(1141.2, 10);
    // 2027: hardware 121 at 5.7624 = 697.2504; services 552 at 1.0609 = 585.6168.
    expect(p.revenue[1]).toBeCloseTo(1282.8672, 9);
    // The revenue growth driver is what the segments imply: 1141.2 / 1000 − 1.
    expect(resolveCase(model).drivers.revenueGrowth[0]).toBeCloseTo(0.1412, 12);
  });

  it('takes segment costs and operating-cost lines off before EBITDA', () => {
    // 2026: hardware cost 110 · 2.5 = 275, rent 50 · 1.02 = 51; EBITDA 1141.2 · 55% − 326 = 301.66.
    expect(p.operatingCosts?.[0]).toBeCloseTo(326, 10);
    expect(p.ebitda[0]).toBeCloseTo(301.66, 10);
    // 2027: hardware 121 · 2.5 = 302.5, rent 50 · 1.02² = 52.02.
    expect(p.operatingCosts?.[1]).toBeCloseTo(354.52, 10);
    expect(p.ebit[0]).toBeCloseTo(301.66 - 1141.2 * 0.03, 10);
  });

  it('computes display lines over built-in lines, segments, earlier years and Excel functions', () => {
    const line = (name: string) => p.lines?.find((l) => l.name === name)?.values ?? [];
    expect(line('rent')[0]).toBeCloseTo(51, 12);
    expect(line('grossMargin')[0]).toBeCloseTo((1141.2 - 275) / 1141.2, 12);
    expect(line('servicesShare')[0]).toBeCloseTo(494.4 / 1141.2, 12);
    const fcff = p.freeCashFlow;
    expect(line('fcffGrowth')[0]).toBe(0);
    expect(line('fcffGrowth')[1]).toBeCloseTo((fcff[1] as number) / (fcff[0] as number) - 1, 12);
    expect(line('cumulativeFcff')[2]).toBeCloseTo((fcff[0] as number) + (fcff[1] as number) + (fcff[2] as number), 9);
    expect(line('pvOfFcff')[1]).toBeCloseTo((fcff[0] as number) / 1.09 + (fcff[1] as number) / 1.09 ** 2, 9);
    // PMT(5%, 5, 200) = −200 · 0.05 / (1 − 1.05⁻⁵) = −46.19496 (Excel).
    expect(line('loanPayment')[0]).toBeCloseTo(46.194959625653, 9);
    expect(line('ebitdaAfterLoan')[0]).toBeCloseTo(301.66 - 46.194959625653, 9);
    expect(p.lines?.every((l) => l.errors.length === 0)).toBe(true);
  });

  it('a year a display line cannot compute is null with the reason, never NaN or Infinity', () => {
    const div = lineValues('revenue / (t - 2)');
    expect(div.values[1]).toBeNull();
    expect(div.errors).toEqual([{ year: 2027, error: '#DIV/0!', message: expect.stringMatching(/Division by zero/) }]);
    expect(div.values[0]).toBeCloseTo(-1141.2, 10);
    expect(lineValues('fcff[-1]').errors[0]).toMatchObject({ year: 2026, error: '#REF!' });
    expect(lineValues('probe[-1] + 1').errors[0]?.message).toMatch(/opening/);
    expect(lineValues('probe[-1] + 1', { opening: 5 }).values).toEqual([6, 7, 8, 9, 10]);
    expect(lineValues('revenue[1]').values[4]).toBeNull();
    expect(lineValues('SQRT(-1) + LN(0) + 10 ^ 400').values.every((x) => x === null)).toBe(true);
    expect(lineValues('IRR(revenue[first:0])').errors[0]?.error).toBe('#NUM!');
    // A line using a line that failed fails in the same year; IF only computes the branch it takes.
    expect(lineValues('IF(t = 2, 0, 1 / (t - 2))').values[1]).toBe(0);
    // …and the valuation is untouched by display lines.
    expect(div.v.valuePerShare).toBe(v.valuePerShare);
  });

  it('an operating-cost line that cannot be computed makes the case not valuable (never NaN)', () => {
    const m = segmentModel();
    m.forecast.lines = [{ name: 'bad', formula: '100 / (t - 3)', role: 'operatingCost' }];
    const outcome = computeValuation(resolveCase(parseFinancialModel(m)));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toBe('not_finite');
    // Valuing it says which line fails in which year.
    expect(appErrorOf(() => valueModel(parseFinancialModel(m))).issues).toEqual([
      expect.objectContaining({
        path: ['forecast', 'lines', 0, 'formula'],
        code: 'formula_error',
        params: { year: 2028, error: '#DIV/0!' },
      }),
    ]);
  });

  it('a scenario changes segment growth; the revenue-growth sensitivity moves every segment volume', () => {
    const [base, bear] = valueScenarios(model);
    // Bear: hardware grows 2% a year: 2026 revenue 102 · 5.88 + 494.4.
    expect(bear?.valuation.projection.revenue[0]).toBeCloseTo(102 * 5.88 + 494.4, 10);
    expect(bear?.valuation.valuePerShare).toBeLessThan(base?.valuation.valuePerShare ?? 0);
    const shifted = withInput(resolveCase(model), 'revenueGrowth', 0.01);
    // +1 point of volume growth: hardware 100 · 1.11 at 5.88, services 400 · 1.21 at 1.03.
    const outcome = computeValuation(shifted);
    expect(outcome.ok ? outcome.valuation.projection.revenue[0] : null).toBeCloseTo(111 * 5.88 + 484 * 1.03, 9);
    const grid = sensitivityGrid(model, { x: { input: 'revenueGrowth' }, y: { input: 'wacc' } });
    expect(grid.valuePerShare[grid.y.baseIndex]?.[grid.x.baseIndex]).toBeCloseTo(v.valuePerShare, 9);
    expect(grid.invalidCells).toBe(0);
    const bar = tornado(model).bars.find((b) => b.input === 'revenueGrowth');
    expect(bar?.high.valuePerShare).toBeGreaterThan(bar?.low.valuePerShare ?? Number.POSITIVE_INFINITY);
  });

  it('the value bridge between versions attributes a change of segments and lines to one step', () => {
    const changed = segmentModel();
    const hw = changed.forecast.segments?.[0];
    if (hw) hw.volumeGrowth = 0.05;
    changed.forecast.lines?.push({ name: 'extra', formula: 'revenue * 1%', role: 'operatingCost' });
    changed.forecast.ebitdaMargin = [0.56, 0.56, 0.56, 0.56, 0.56];
    const bridge = valueBridge(model, parseFinancialModel(changed));
    expect(bridge.steps.map((x) => x.drivers)).toEqual([['forecast.segments'], ['forecast.ebitdaMargin']]);
    const total = bridge.steps.reduce((sum, x) => sum + x.effect, 0);
    expect(total).toBeCloseTo(bridge.to.valuePerShare - bridge.from.valuePerShare, 9);
    expect(bridge.otherChanges).toEqual([]);
  });

  it('one segment with a constant price values like the same model driven by revenue growth', () => {
    const m = segmentModel();
    m.forecast.segments = [{ name: 'all', baseVolume: 250, basePrice: 4, volumeGrowth: [0.08, 0.07, 0.06, 0.05, 0.04] }];
    m.forecast.lines = [];
    m.scenarios = [];
    const plain: FinancialModelInput = structuredClone(m);
    delete plain.forecast.segments;
    plain.forecast.revenueGrowth = [0.08, 0.07, 0.06, 0.05, 0.04];
    const a = valueModel(parseFinancialModel(m)).valuation;
    const b = valueModel(parseFinancialModel(plain)).valuation;
    expect(a.valuePerShare).toBeCloseTo(b.valuePerShare, 9);
    a.projection.revenue.forEach((r, i) => {
      expect(r).toBeCloseTo(b.projection.revenue[i] as number, 9);
    });
  });
});

describe('segments and custom lines: checks', () => {
  const findings = (m: FinancialModelInput) =>
    checkModel(parseFinancialModel(m)).findings.filter((f) => f.code === 'forecast.custom_lines' || f.code === 'forecast.segments_base');

  it('pass on the worked example (its segments add up to the reported 1,000)', () => {
    expect(findings(segmentModel()).map((f) => `${f.code}:${f.status}`)).toEqual([
      'forecast.custom_lines:pass',
      'forecast.segments_base:pass',
    ]);
  });

  it('warn on a shown line a year cannot compute, fail on such an operating-cost line, with the path and the years', () => {
    const m = segmentModel();
    m.forecast.lines = [
      { name: 'shown', formula: 'revenue / (t - 2)' },
      { name: 'cost', formula: '10 / (t - 4)', role: 'operatingCost' },
    ];
    const f = findings(m).filter((x) => x.code === 'forecast.custom_lines');
    expect(f.map((x) => [x.status, x.path.join('.'), x.scenario, x.message.params.years])).toEqual([
      ['warn', 'forecast.lines.0.formula', null, '2027'],
      ['fail', 'forecast.lines.1.formula', null, '2029'],
      ['warn', 'forecast.lines.0.formula', 'bear', '2027'],
      ['fail', 'forecast.lines.1.formula', 'bear', '2029'],
    ]);
    expect(checkModel(parseFinancialModel(m)).status).toBe('fail');
  });

  it('warn when the segments do not add up to the reported base-year revenue', () => {
    const m = segmentModel();
    const hw = m.forecast.segments?.[0];
    if (hw) hw.basePrice = 6.2; // 620 + 400 = 1,020 against 1,000 reported
    expect(findings(m).find((f) => f.code === 'forecast.segments_base')).toMatchObject({
      status: 'warn',
      message: { key: 'segmentsBaseMismatch', params: { segments: '1,020', revenue: '1,000', gap: '20' } },
    });
  });
});

describe('segments and custom lines: bad input names its path', () => {
  it('lists formula problems at forecast.lines.<i>.formula with every other problem', () => {
    const m = segmentModel();
    m.forecast.lines = [
      { name: 'ok', formula: 'revenue * 2' },
      { name: 'typo', formula: 'revenue *' },
      { name: 'missing', formula: 'nosuch + 1' },
      { name: 'loop', formula: 'loop + 1' },
      { name: 'costLoop', formula: 'ebit / 10', role: 'operatingCost' },
      { name: 'revenue', formula: '1' },
      { name: 'ok', formula: '2' },
      { name: 'long', formula: 'x'.repeat(501) },
    ];
    (m.wacc as { rate: unknown }).rate = 'nine';
    const issues = issuesOf(m);
    const at = (path: string) => issues.filter((i) => i.startsWith(`${path}:`));
    expect(at('forecast.lines.1.formula')[0]).toMatch(/end of the formula/);
    expect(at('forecast.lines.2.formula')[0]).toMatch(/"nosuch" is not a line/);
    expect(at('forecast.lines.3.formula')[0]).toMatch(/Circular reference: loop → loop/);
    expect(at('forecast.lines.4.formula')[0]).toMatch(/"ebit" is computed after operating costs/);
    expect(at('forecast.lines.5.name')[0]).toMatch(/taken by a built-in line/);
    expect(at('forecast.lines.6.name')[0]).toMatch(/used once/);
    expect(at('forecast.lines.7.formula')[0]).toMatch(/at most 500/);
    expect(at('wacc.rate')).toHaveLength(1);
  });

  it('refuses revenue growth beside segments, growth lists of the wrong length and unknown scenario segments', () => {
    const m = segmentModel();
    m.forecast.revenueGrowth = [0.1, 0.1, 0.1, 0.1, 0.1];
    const first = m.forecast.segments?.[0];
    if (first) first.volumeGrowth = [0.1, 0.1];
    m.scenarios = [
      {
        name: 'bull',
        overrides: { forecast: { revenueGrowth: [0.2, 0.2, 0.2, 0.2, 0.2], segments: [{ name: 'nope', priceGrowth: 0.01 }] } },
      },
    ];
    const issues = issuesOf(m).map((i) => i.split(':')[0]);
    expect(issues).toEqual(
      expect.arrayContaining([
        'forecast.revenueGrowth',
        'forecast.segments.0.volumeGrowth',
        'scenarios.0.overrides.forecast.revenueGrowth',
        'scenarios.0.overrides.forecast.segments.0.name',
      ]),
    );
  });

  it('a model without segments or lines still needs its revenue growth', () => {
    const m = segmentModel();
    delete m.forecast.segments;
    m.forecast.lines = [];
    m.scenarios = [];
    expect(issuesOf(m)).toEqual([expect.stringMatching(/^forecast\.revenueGrowth: Needs 5 values/)]);
  });
});
