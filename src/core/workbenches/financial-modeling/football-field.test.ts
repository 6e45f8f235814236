import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { kennethColeModel } from './fixtures.js';
import { footballField } from './football-field.js';
import { parseFinancialModel, valueModel } from './model.js';
import { sensitivityGrid } from './sensitivity.js';

const sakura = parseFinancialModel(
  JSON.parse(readFileSync(new URL('../../../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8')) as FinancialModelInput,
);

describe('football field', () => {
  const ff = footballField(sakura);
  const bar = (key: string) => ff.bars.find((b) => b.key === key);

  it('has the DCF, sensitivity, comparables and trading-range bars, each low ≤ mid ≤ high', () => {
    expect(ff.bars.map((b) => b.key)).toEqual([
      'dcfGordon',
      'dcfExitMultiple',
      'sensitivity',
      'compsEvToEbitda',
      'compsEvToSales',
      'compsPriceToEarnings',
      'tradingRange',
    ]);
    for (const b of ff.bars) {
      expect(b.low).toBeLessThanOrEqual(b.high);
      if (b.mid !== null) expect(b.low <= b.mid && b.mid <= b.high).toBe(true);
    }
    expect(ff.marketPrice).toBe(2450);
    expect(ff.offerPrice).toBe(3300);
  });

  it('the DCF bars centre on the valuation; the sensitivity bar spans the WACC × growth corners of the grid', () => {
    const v = valueModel(sakura).valuation;
    expect(bar('dcfGordon')?.mid).toBeCloseTo(v.gordon.valuePerShare, 9);
    expect(bar('dcfExitMultiple')?.mid).toBeCloseTo(v.exitMultipleMethod?.valuePerShare as number, 9);
    const grid = sensitivityGrid(sakura, {
      x: { input: 'terminalGrowth', steps: 3, step: 0.005 },
      y: { input: 'wacc', steps: 3, step: 0.01 },
    });
    const cells = grid.valuePerShare.flat().filter((c): c is number => c !== null);
    expect(bar('sensitivity')?.low).toBeCloseTo(Math.min(...cells), 9);
    expect(bar('sensitivity')?.high).toBeCloseTo(Math.max(...cells), 9);
  });

  it('without comparables or market data only the DCF bars remain', () => {
    const k = footballField(parseFinancialModel(kennethColeModel()));
    expect(k.bars.map((b) => b.key)).toEqual(['dcfGordon', 'dcfExitMultiple', 'sensitivity']);
    expect(k.marketPrice).toBeNull();
  });

  it('omits a range that reaches the WACC instead of drawing infinity', () => {
    const m = parseFinancialModel({ ...kennethColeModel(), footballField: { growthRange: 0.08 } });
    const k = footballField(m);
    expect(k.bars.map((b) => b.key)).toEqual(['dcfExitMultiple']);
    expect(k.omitted.map((o) => o.key)).toEqual(['dcfGordon', 'sensitivity']);
  });
});
