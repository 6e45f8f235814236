import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';
import { modelPathLabel } from '../../../shared/model-paths.js';
import { segmentModel } from './lines.fixture.js';
import { parseFinancialModel, valueModel } from './model.js';
import { diff, valueBridge } from './value-bridge.js';

const load = (v: 1 | 2): FinancialModelInput =>
  JSON.parse(readFileSync(new URL(`../../../../docs/examples/fm-project-sakura-v${v}.json`, import.meta.url), 'utf8'));

describe('value bridge between two versions', () => {
  const a = parseFinancialModel(load(1));
  const b = parseFinancialModel(load(2));
  const bridge = valueBridge(a, b);

  it('starts at version A’s value, ends at version B’s, and the steps add up exactly', () => {
    expect(bridge.from.valuePerShare).toBeCloseTo(valueModel(a).valuation.valuePerShare, 9);
    expect(bridge.to.valuePerShare).toBeCloseTo(valueModel(b).valuation.valuePerShare, 9);
    const total = bridge.steps.reduce((s, step) => s + step.effect, 0);
    expect(bridge.from.valuePerShare + total).toBeCloseTo(bridge.to.valuePerShare, 9);
    expect(bridge.steps.at(-1)?.valuePerShareAfter).toBeCloseTo(bridge.to.valuePerShare, 9);
  });

  it('names the inputs that changed, in the fixed order, with their old and new values', () => {
    expect(bridge.steps.map((s) => s.drivers.join('+'))).toEqual([
      'forecast.revenueGrowth',
      'forecast.ebitdaMargin',
      'forecast.capexPercentOfRevenue',
      'wacc.riskFreeRate',
      'valuation.terminalValue.growthRate',
      'bridge',
    ]);
    expect(bridge.steps[3]?.changes).toEqual([{ path: ['wacc', 'riskFreeRate'], from: 0.011, to: 0.015 }]);
    expect(bridge.steps[3]?.effect).toBeLessThan(0);
    expect(bridge.steps[5]?.changes).toEqual([{ path: ['bridge', 'otherItems', 1, 'amount'], from: 2500, to: 2300 }]);
    // A smaller pension deduction of ¥200m over about 42.2m diluted shares: roughly +¥4.7 a share.
    expect(bridge.steps[5]?.effect).toBeCloseTo(200e6 / (valueModel(b).valuation.dilutedShares * 1e6), 0);
  });

  it('lists changes that do not move the value separately', () => {
    const other = bridge.otherChanges.map((c) => c.path.slice(0, 2).join('.'));
    expect(other).toEqual(expect.arrayContaining(['meta.versionLabel', 'meta.notes', 'sources.riskFreeRate', 'scenarios.1']));
  });

  it('two identical versions have no steps', () => {
    const same = valueBridge(a, parseFinancialModel(load(1)));
    expect(same.steps).toEqual([]);
    expect(same.otherChanges).toEqual([]);
  });

  it('an intermediate mix that cannot be valued is merged with the next driver', () => {
    // B raises terminal growth to 7.5% and WACC with it; applying growth first would reach the old WACC.
    const high = load(2);
    high.valuation.terminalValue.growthRate = 0.075;
    if (high.wacc.method === 'capm') high.wacc.riskFreeRate = 0.05;
    const lowToHigh = valueBridge(a, parseFinancialModel(high));
    const total = lowToHigh.steps.reduce((s, step) => s + step.effect, 0);
    expect(lowToHigh.from.valuePerShare + total).toBeCloseTo(lowToHigh.to.valuePerShare, 6);
  });

  it('diff reports leaf changes with paths', () => {
    expect(diff({ a: [1, 2], b: { c: 'x' } }, { a: [1, 3], b: { c: 'x', d: 1 } })).toEqual([
      { path: ['a', 1], from: 2, to: 3 },
      { path: ['b', 'd'], from: undefined, to: 1 },
    ]);
  });
});

describe('value bridge: custom lines and segments are named, not counted', () => {
  const a = parseFinancialModel(segmentModel());
  const input = segmentModel();
  const lines = input.forecast.lines ?? [];
  // Version B adds a line first (every other line moves one place), changes rent and a segment's growth, drops one line.
  input.forecast.lines = [
    { name: 'insurance', label: 'Insurance', formula: '10', role: 'operatingCost' },
    ...lines.filter((l) => l.name !== 'servicesShare').map((l) => (l.name === 'rent' ? { ...l, formula: '55 * (1 + 2%) ^ t' } : l)),
  ];
  const services = input.forecast.segments?.find((s) => s.name === 'services');
  if (services) services.priceGrowth = 0.04;
  const b = parseFinancialModel(input);
  const bridge = valueBridge(a, b);
  const paths = bridge.steps.flatMap((s) => s.changes).map((c) => c.path.join('.'));

  it('pairs lines and segments by name: a moved line is no change, the changed ones are named', () => {
    expect(paths.sort()).toEqual([
      'forecast.lines.insurance',
      'forecast.lines.rent.formula',
      'forecast.lines.servicesShare',
      'forecast.segments.services.priceGrowth',
    ]);
    const total = bridge.steps.reduce((s, step) => s + step.effect, 0);
    expect(bridge.from.valuePerShare + total).toBeCloseTo(bridge.to.valuePerShare, 9);
  });

  it('a new order alone is one change of the names', () => {
    const reordered = segmentModel();
    reordered.forecast.lines = [...(reordered.forecast.lines ?? [])].reverse();
    const changes = diff(a, parseFinancialModel(reordered));
    expect(changes).toHaveLength(1);
    expect(changes[0]?.path).toEqual(['forecast', 'lines']);
    expect(changes[0]?.to).toEqual(lines.map((l) => l.name).reverse());
  });

  it('the comparison words the change by the line’s or segment’s name, in English and Japanese', () => {
    expect(modelPathLabel(['forecast', 'lines', 'rent', 'formula'], 'en', b)).toBe('Custom line “Rent”: Formula');
    expect(modelPathLabel(['forecast', 'lines', 'rent', 'formula'], 'ja', b)).toBe('カスタム行「Rent」：数式');
    expect(modelPathLabel(['forecast', 'segments', 'services', 'priceGrowth'], 'en', b)).toBe('Segment “Services”: Price growth');
    // A line only version A has is named from the change itself.
    expect(modelPathLabel(['forecast', 'lines', 'servicesShare'], 'en', b)).toBe('Custom line “servicesShare”');
    // A validation issue points at a place: it is named from the document too.
    expect(modelPathLabel(['forecast', 'lines', 0, 'formula'], 'en', b)).toBe('Custom line “Insurance”: Formula');
    expect(modelPathLabel(['forecast', 'segments', 1, 'volumeGrowth', 2], 'en', b)).toBe('Segment “Services”: Volume growth (FY2028)');
  });
});
