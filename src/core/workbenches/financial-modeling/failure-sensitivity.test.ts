import { describe, expect, it } from 'vitest';
import { adjustmentsModel } from './capitalization.fixture.js';
import { applicableInputs, resolveCase } from './case.js';
import { appErrorOf } from './errors.fixture.js';
import { valueDriverModel } from './fixtures.js';
import { parseFinancialModel, valueModel } from './model.js';
import { sensitivityGrid } from './sensitivity.js';
import { tornado } from './tornado.js';

/** Issue #13 point 7: sensitivities move the probability of failure like the other levers. */
describe('the probability of failure as a sensitivity input', () => {
  const model = parseFinancialModel(adjustmentsModel());
  const base = valueModel(model).valuation;
  const p = model.valuation.failure?.probability ?? Number.NaN;
  /** The model valued by a scenario that sets the probability: what a grid cell must equal. */
  const atProbability = (probability: number) => {
    const input = adjustmentsModel();
    input.scenarios = [...(input.scenarios ?? []), { name: 'probe', overrides: { failure: { probability } } }];
    return valueModel(parseFinancialModel(input), { scenario: 'probe' }).valuation.valuePerShare;
  };

  it('a grid of the probability against WACC: its centre is the base case, each column the scenario with that probability', () => {
    const grid = sensitivityGrid(model, { x: { input: 'failureProbability', steps: 5, step: 0.05 }, y: { input: 'wacc', steps: 3 } });
    expect(grid.x.mode).toBe('absolute');
    expect(grid.x.values).toEqual([p - 0.1, p - 0.05, p, p + 0.05, p + 0.1]);
    expect(grid.valuePerShare[1]?.[2]).toBe(base.valuePerShare);
    for (const [i, x] of grid.x.values.entries()) expect(grid.valuePerShare[1]?.[i]).toBeCloseTo(atProbability(x), 9);
    // Failing costs value here (distress proceeds below the going-concern value): the row falls left to right.
    const row = grid.valuePerShare[1] as number[];
    for (let i = 1; i < row.length; i++) expect(row[i] as number).toBeLessThan(row[i - 1] as number);
  });

  it('a probability outside 0–1 cannot be valued: the cell is null, never a number', () => {
    const grid = sensitivityGrid(model, { x: { input: 'failureProbability', steps: 21, step: 0.1 }, y: { input: 'wacc', steps: 1 } });
    grid.x.values.forEach((x, i) => {
      const cell = grid.valuePerShare[0]?.[i];
      if (x < -1e-12 || x > 1 + 1e-12) expect(cell).toBeNull();
      else expect(cell).toEqual(expect.any(Number));
    });
    expect(grid.invalidCells).toBe(grid.x.values.filter((x) => x < -1e-12 || x > 1 + 1e-12).length);
  });

  it('the tornado has a bar for it, moved 10 points either way', () => {
    const bar = tornado(model).bars.find((b) => b.input === 'failureProbability');
    expect(bar?.low.inputValue).toBeCloseTo(p - 0.1, 12);
    expect(bar?.high.valuePerShare).toBeCloseTo(atProbability(p + 0.1), 9);
    expect(bar?.low.valuePerShare).toBeCloseTo(atProbability(p - 0.1), 9);
  });

  it('exists only in a model with a probability of failure; elsewhere it is refused at the axis', () => {
    expect(applicableInputs(resolveCase(model))).toContain('failureProbability');
    const other = parseFinancialModel(valueDriverModel());
    expect(applicableInputs(resolveCase(other))).not.toContain('failureProbability');
    expect(tornado(other).bars.map((b) => b.input)).not.toContain('failureProbability');
    const e = appErrorOf(() => sensitivityGrid(other, { x: { input: 'wacc' }, y: { input: 'failureProbability' } }));
    expect(e.reason).toBe('input_not_applicable');
    expect(e.issues?.[0]?.path).toEqual(['y']);
  });
});
