import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { applicableInputs, resolveCase, withInput } from './case.js';
import { computeValuation } from './dcf.js';
import { kennethColeModel } from './fixtures.js';
import { parseFinancialModel, valueModel } from './model.js';
import { sensitivityGrid } from './sensitivity.js';
import { tornado } from './tornado.js';

const sakura = parseFinancialModel(
  JSON.parse(readFileSync(new URL('../../../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8')) as FinancialModelInput,
);

describe('two-input sensitivity grid', () => {
  const grid = sensitivityGrid(sakura, { x: { input: 'terminalGrowth' }, y: { input: 'wacc' } });

  it('is 21×21 by default, centred on the base case', () => {
    expect(grid.x.values).toHaveLength(21);
    expect(grid.y.values).toHaveLength(21);
    expect(grid.valuePerShare).toHaveLength(21);
    expect(grid.valuePerShare.every((r) => r.length === 21)).toBe(true);
    expect(grid.method).toBe('gordon');
    expect(grid.valuePerShare[10]?.[10]).toBeCloseTo(valueModel(sakura).valuation.valuePerShare, 9);
    expect(grid.x.values[0]).toBeCloseTo(0.01 - 10 * 0.0025, 12);
  });

  it('every cell is the full valuation with the two inputs set', () => {
    for (const [yi, xi] of [
      [0, 0],
      [3, 17],
      [20, 20],
    ] as const) {
      const c = withInput(withInput(resolveCase(sakura), 'wacc', grid.y.values[yi] ?? 0), 'terminalGrowth', grid.x.values[xi] ?? 0);
      const out = computeValuation(c);
      expect(out.ok && out.valuation.gordon.valuePerShare).toBeCloseTo(grid.valuePerShare[yi]?.[xi] ?? Number.NaN, 9);
    }
  });

  it('falls as WACC rises and rises with terminal growth', () => {
    for (let i = 1; i < 21; i++) {
      expect(grid.valuePerShare[i]?.[10] ?? 0).toBeLessThan(grid.valuePerShare[i - 1]?.[10] ?? 0);
      expect(grid.valuePerShare[10]?.[i] ?? 0).toBeGreaterThan(grid.valuePerShare[10]?.[i - 1] ?? 0);
    }
  });

  it('marks cells where growth reaches WACC as null, never NaN or Infinity', () => {
    const tight = sensitivityGrid(sakura, { x: { input: 'terminalGrowth', step: 0.01 }, y: { input: 'wacc', step: 0.005 } });
    const cells = tight.valuePerShare.flat();
    expect(tight.invalidCells).toBeGreaterThan(0);
    expect(cells.filter((c) => c === null)).toHaveLength(tight.invalidCells);
    expect(cells.every((c) => c === null || Number.isFinite(c))).toBe(true);
    for (const [yi, w] of tight.y.values.entries())
      for (const [xi, g] of tight.x.values.entries()) expect(tight.valuePerShare[yi]?.[xi] === null).toBe(!(w > 0 && g < w));
  });

  it('varies forecast drivers by shifting every year', () => {
    const g = sensitivityGrid(sakura, { x: { input: 'ebitdaMargin', steps: 5, step: 0.01 }, y: { input: 'revenueGrowth', steps: 3 } });
    expect(g.x.mode).toBe('shift');
    expect(g.x.values).toEqual([-0.02, -0.01, 0, 0.01, 0.02]);
    const shifted = withInput(withInput(resolveCase(sakura), 'revenueGrowth', 0.005), 'ebitdaMargin', 0.02);
    expect(shifted.drivers.ebitdaMargin[0]).toBeCloseTo(0.16, 12);
    const out = computeValuation(shifted);
    expect(out.ok && out.valuation.valuePerShare).toBeCloseTo(g.valuePerShare[2]?.[4] ?? 0, 9);
  });

  it('refuses bad axes with the field named', () => {
    expect(() => sensitivityGrid(sakura, { x: { input: 'wacc' }, y: { input: 'wacc' } })).toThrow(/different inputs/);
    expect(() => sensitivityGrid(sakura, { x: { input: 'wacc', steps: 20 }, y: { input: 'beta' } })).toThrow(/odd number/);
    expect(() => sensitivityGrid(sakura, { x: { input: 'wacc', steps: 1_000_001 }, y: { input: 'beta' } })).toThrow(/between 1 and 101/);
    expect(() => sensitivityGrid(sakura, { x: { input: 'terminalGrowth' }, y: { input: 'exitMultiple' } })).toThrow(
      /different terminal values/,
    );
    const direct = parseFinancialModel(kennethColeModel());
    expect(() => sensitivityGrid(direct, { x: { input: 'beta' }, y: { input: 'wacc' } })).toThrow(/given directly/);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(sensitivityGrid(sakura, { x: { input: 'terminalGrowth' }, y: { input: 'wacc' } }))).toBe(JSON.stringify(grid));
  });
});

describe('tornado', () => {
  const t = tornado(sakura);
  it('moves each input both ways and sorts by swing', () => {
    // WACC, terminal growth, exit multiple, six CAPM inputs and six forecast drivers.
    expect(t.bars.map((b) => b.input).sort()).toEqual([...applicableInputs(resolveCase(sakura))].sort());
    expect(t.bars).toHaveLength(15);
    for (let i = 1; i < t.bars.length; i++) expect(t.bars[i - 1]?.swing ?? 0).toBeGreaterThanOrEqual(t.bars[i]?.swing ?? 0);
    const wacc = t.bars.find((b) => b.input === 'wacc');
    expect(wacc?.low.valuePerShare ?? 0).toBeGreaterThan(t.baseValuePerShare);
    expect(wacc?.high.valuePerShare ?? 0).toBeLessThan(t.baseValuePerShare);
    // For the Gordon case, the exit multiple does not move the headline value.
    expect(t.bars.find((b) => b.input === 'exitMultiple')?.swing).toBe(0);
  });
  it('a flex that pushes growth to WACC leaves that side empty', () => {
    const wide = tornado(sakura, { inputs: ['terminalGrowth'], flex: { terminalGrowth: 0.06 } });
    expect(wide.bars[0]?.high.valuePerShare).toBeNull();
    expect(wide.bars[0]?.low.valuePerShare).not.toBeNull();
  });
});
