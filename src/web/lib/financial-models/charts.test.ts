import { describe, expect, it } from 'vitest';
import type { FootballFieldView, ValueBridgeView } from '../../../shared/contracts/financial-model-api';
import { footballDomain, footballRows, niceDomain, niceStep, waterfall } from './charts';

const end = (label: string, valuePerShare: number) => ({ label, valuePerShare, enterpriseValue: valuePerShare * 40, equityValue: 0 });
const step = (drivers: string[], before: number, after: number) => ({
  drivers,
  changes: [],
  valuePerShareBefore: before,
  valuePerShareAfter: after,
  effect: after - before,
  enterpriseValueEffect: (after - before) * 40,
});

describe('the value bridge as a waterfall', () => {
  const bridge: ValueBridgeView = {
    from: end('v2', 2600),
    to: end('v3', 2650),
    steps: [step(['forecast.revenueGrowth'], 2600, 2560), step(['valuation.terminalValue.growthRate'], 2560, 2650)],
    otherChanges: [],
  };

  it('goes from the first total through each step to the last total, the steps joining up', () => {
    const { bars } = waterfall(bridge);
    expect(bars.map((b) => [b.key, b.kind, b.effect])).toEqual([
      ['from', 'total', 2600],
      ['step-0', 'down', -40],
      ['step-1', 'up', 90],
      ['to', 'total', 2650],
    ]);
    expect(bars[1]?.range).toEqual([2560, 2600]);
    expect(bars[2]?.range).toEqual([2560, 2650]);
    expect(bars[2]?.drivers).toEqual(['valuation.terminalValue.growthRate']);
    expect(bars.map((b) => b.value)).toEqual([2600, 2560, 2650, 2650]);
  });

  it('starts the axis below the lowest point rather than at zero, so small steps stay visible', () => {
    const { bars, domain } = waterfall(bridge);
    expect(domain[0]).toBeGreaterThan(2400);
    expect(domain[0]).toBeLessThan(2560);
    expect(domain[1]).toBeGreaterThan(2650);
    expect(bars[0]?.range).toEqual([domain[0], 2600]);
    expect(bars[3]?.range).toEqual([domain[0], 2650]);
  });

  it('keeps the axis at zero when values go that low, and copes with no steps at all', () => {
    const big = waterfall({ from: end('a', 100), to: end('b', 1000), steps: [step(['shares'], 100, 1000)], otherChanges: [] });
    expect(big.domain[0]).toBe(0);
    const none = waterfall({ from: end('a', 500), to: end('b', 500), steps: [], otherChanges: [] });
    expect(none.bars.map((b) => b.key)).toEqual(['from', 'to']);
    expect(none.domain[0]).toBeLessThan(500);
    expect(none.domain[1]).toBeGreaterThan(500);
  });
});

describe('round axes', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(201)).toBe(50);
    expect(niceStep(9)).toBe(2);
    expect(niceStep(0)).toBe(1);
    expect(niceDomain(2745.3, 2946.1)).toEqual([2700, 2950]);
    expect(niceDomain(0, 87)).toEqual([0, 100]);
  });
});

describe('the football field', () => {
  const field: FootballFieldView = {
    bars: [
      { key: 'dcfGordon', low: 2300, high: 2900, mid: 2600, basis: 'g 0.3%–1.3%' },
      { key: 'tradingRange', low: 2050, high: 2620, mid: null, basis: '52 weeks' },
    ],
    marketPrice: 2450,
    offerPrice: 3300,
    omitted: [],
  };

  it('gives one range bar per method', () => {
    expect(footballRows(field)).toEqual([
      { key: 'dcfGordon', range: [2300, 2900], low: 2300, high: 2900, mid: 2600, basis: 'g 0.3%–1.3%' },
      { key: 'tradingRange', range: [2050, 2620], low: 2050, high: 2620, mid: null, basis: '52 weeks' },
    ]);
  });

  it('spans every bar and both reference prices, with room at the ends', () => {
    const [low, high] = footballDomain(field);
    expect(low).toBeLessThan(2050);
    expect(high).toBeGreaterThan(3300);
    expect(footballDomain({ bars: [], marketPrice: null, offerPrice: null, omitted: [] })).toEqual([0, 1]);
  });
});
