import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { type AppError, isAppError } from '../../../shared/errors.js';
import { checkModel } from './checks.js';
import { appErrorOf } from './errors.fixture.js';
import { kennethColeModel } from './fixtures.js';
import { parseFinancialModel, valueModel } from './model.js';
import { sensitivityGrid } from './sensitivity.js';

const sakura = (): FinancialModelInput =>
  JSON.parse(readFileSync(new URL('../../../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8'));

const issuePaths = (e: AppError) => (e.issues ?? []).map((i) => i.path.join('.'));

describe('bad input: every problem listed with its path, never a crash or a NaN', () => {
  it('NaN, Infinity and a string in number fields', () => {
    const m = sakura() as unknown as { forecast: { revenueGrowth: unknown[]; taxRate: unknown[] }; bridge: { cash: unknown } };
    m.forecast.revenueGrowth[0] = Number.NaN;
    m.forecast.taxRate[2] = Number.POSITIVE_INFINITY;
    m.bridge.cash = '18,500';
    const e = appErrorOf(() => parseFinancialModel(m));
    expect(e.code).toBe('invalid_input');
    expect(issuePaths(e)).toEqual(expect.arrayContaining(['forecast.revenueGrowth.0', 'forecast.taxRate.2', 'bridge.cash']));
    const byPath = Object.fromEntries((e.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(byPath['forecast.revenueGrowth.0']).toMatch(/finite number, got NaN/);
    expect(byPath['forecast.taxRate.2']).toMatch(/got Infinity/);
    expect(byPath['bridge.cash']).toMatch(/got the text "18,500"/);
  });

  it('a missing historical year and a forecast that does not follow the historicals', () => {
    const m = sakura();
    m.historicals = m.historicals.filter((h) => h.year !== 2022);
    const e = appErrorOf(() => parseFinancialModel(m));
    expect(e.issues).toContainEqual(
      expect.objectContaining({ path: ['historicals', 1, 'year'], message: expect.stringMatching(/Missing historical year 2022/) }),
    );

    const m2 = sakura();
    m2.forecast.years = [2026, 2027, 2028, 2029, 2030];
    expect(issuePaths(appErrorOf(() => parseFinancialModel(m2)))).toEqual(['forecast.years.0']);
  });

  it('a gap in the forecast years and drivers of the wrong length', () => {
    const m = sakura();
    m.forecast.years = [2025, 2026, 2028, 2029, 2030];
    m.forecast.taxRate = [0.3, 0.3];
    const e = appErrorOf(() => parseFinancialModel(m));
    expect(e.issues).toContainEqual(
      expect.objectContaining({ path: ['forecast', 'years', 2], message: expect.stringMatching(/Missing forecast year 2027/) }),
    );
    expect(e.issues).toContainEqual(
      expect.objectContaining({ path: ['forecast', 'taxRate'], message: expect.stringMatching(/Needs 5 values.*got 2/) }),
    );
  });

  it('an absurd horizon (10^6 years) is refused without reading the lists through, nor building the forecast', () => {
    const m = sakura();
    const n = 1_000_000;
    // Every list is a tripwire: reading an entry past the first few thousand (walking the list) fails
    // the test. What is read, not how long it takes, so a busy machine cannot fail it.
    const tripwired = <T>(list: T[]): T[] =>
      new Proxy(list, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) >= 5_000) throw new Error(`read entry ${key} of a list of ${n}`);
          return Reflect.get(target, key, receiver);
        },
      });
    m.forecast.years = tripwired(Array.from({ length: n }, (_, i) => 2025 + (i % 175)));
    for (const k of [
      'revenueGrowth',
      'ebitdaMargin',
      'depreciationPercentOfRevenue',
      'capexPercentOfRevenue',
      'nwcPercentOfRevenue',
      'taxRate',
    ] as const)
      m.forecast[k] = tripwired(new Array<number>(n).fill(0.01));
    const e = appErrorOf(() => parseFinancialModel(m));
    expect(e.code).toBe('invalid_input');
    // One problem per list, not one per entry.
    expect(e.issues?.length ?? 0).toBeLessThan(20);
    expect(e.issues).toContainEqual(
      expect.objectContaining({ path: ['forecast', 'years'], message: expect.stringMatching(/at most 30 years/) }),
    );
  });

  it('terminal growth at or above WACC: parse succeeds, valuing refuses with the field, checks fail it', () => {
    const m = sakura();
    m.valuation.terminalValue.growthRate = 0.08;
    const model = parseFinancialModel(m);
    const e = appErrorOf(() => valueModel(model));
    expect(e.code).toBe('invalid_input');
    expect(e.reason).toBe('growth_not_below_wacc');
    expect(issuePaths(e)).toEqual(['valuation.terminalValue.growthRate']);
    expect(e.message).toMatch(/8\.00%.*WACC \(6\.78%\)/);
    const report = checkModel(model);
    expect(report.status).toBe('fail');
    expect(report.findings.filter((f) => f.status === 'fail').map((f) => f.code)).toContain('terminal.growth_below_wacc');
  });

  it('empty comparables', () => {
    const m = sakura();
    if (m.comparables) m.comparables.companies = [];
    expect(issuePaths(appErrorOf(() => parseFinancialModel(m)))).toEqual(['comparables.companies']);
  });

  it('unknown fields (typos) are named, and so are a wrong schema version and a non-date', () => {
    const m = { ...sakura(), schemaVersion: 2, extra: true } as unknown as FinancialModelInput;
    (m.meta as { valuationDate: string }).valuationDate = '2025-02-30';
    (m.forecast as unknown as Record<string, unknown>).revenueGrowht = [0.1];
    const e = appErrorOf(() => parseFinancialModel(m));
    const messages = (e.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^schemaVersion: Must be 1/),
        expect.stringMatching(/^meta.valuationDate: Is not a real calendar date/),
        expect.stringMatching(/^forecast: .*revenueGrowht/),
        expect.stringMatching(/^: .*extra/),
      ]),
    );
  });

  it('scenario overrides of the wrong length, duplicate names, and a financing mix that does not add up', () => {
    const m = sakura();
    const bull = m.scenarios?.[0];
    if (bull?.overrides.forecast) bull.overrides.forecast.revenueGrowth = [0.1];
    m.scenarios?.push({ name: 'bull', overrides: {} });
    if (m.accretionDilution) m.accretionDilution.financing = { cash: 0.5, debt: 0.4, stock: 0 };
    expect(issuePaths(appErrorOf(() => parseFinancialModel(m)))).toEqual(
      expect.arrayContaining(['scenarios.0.overrides.forecast.revenueGrowth', 'scenarios.2.name', 'accretionDilution.financing']),
    );
  });

  it('rates out of range and non-positive share counts', () => {
    const m = sakura();
    (m.forecast.revenueGrowth as number[])[1] = -1.5;
    m.shares.basic = 0;
    expect(issuePaths(appErrorOf(() => parseFinancialModel(m)))).toEqual(
      expect.arrayContaining(['forecast.revenueGrowth.1', 'shares.basic']),
    );
  });
});

/** A small deterministic generator, so the sweep below is the same on every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('no NaN or Infinity in any output across extreme but valid models', () => {
  it('values, grids and checks of 300 generated models are finite or refused as invalid_input', () => {
    const rnd = lcg(42);
    const pick = (lo: number, hi: number) => lo + (hi - lo) * rnd();
    let refused = 0;
    for (let k = 0; k < 300; k++) {
      const m = kennethColeModel();
      const n = 1 + Math.floor(rnd() * 30);
      m.forecast = {
        years: Array.from({ length: n }, (_, i) => 2006 + i),
        revenueGrowth: Array.from({ length: n }, () => pick(-0.99, 3)),
        ebitdaMargin: Array.from({ length: n }, () => pick(-2, 2)),
        depreciationPercentOfRevenue: Array.from({ length: n }, () => pick(-0.1, 0.5)),
        capexPercentOfRevenue: Array.from({ length: n }, () => pick(-0.1, 0.5)),
        nwcPercentOfRevenue: Array.from({ length: n }, () => pick(-1, 1)),
        taxRate: Array.from({ length: n }, () => pick(0, 0.99)),
      };
      m.wacc = { method: 'direct', rate: pick(-0.05, 0.5) };
      m.valuation.terminalValue = {
        method: rnd() < 0.5 ? 'gordon' : 'exitMultiple',
        growthRate: pick(-0.5, 0.6),
        exitMultiple: pick(0.1, 50),
      };
      m.shares.dilutive = [{ count: pick(0.1, 50), strikePrice: pick(0, 100) }];
      const model = parseFinancialModel(m);
      const report = checkModel(model);
      expect(report.findings.length).toBeGreaterThan(0);
      try {
        const { valuation } = valueModel(model);
        const numbers = JSON.stringify(valuation, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? 'NONFINITE' : v));
        expect(numbers).not.toContain('NONFINITE');
        const grid = sensitivityGrid(model, { x: { input: 'terminalGrowth', steps: 5 }, y: { input: 'wacc', steps: 5 } });
        for (const row of grid.valuePerShare) for (const cell of row) expect(cell === null || Number.isFinite(cell)).toBe(true);
      } catch (e) {
        if (!isAppError(e) || e.code !== 'invalid_input') throw e;
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(300);
  });
});
