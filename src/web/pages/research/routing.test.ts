import { describe, expect, it } from 'vitest';
import { mapAxes, researchParams, researchRoute, versionOf } from './routing';

const route = (query: string) => researchRoute(new URLSearchParams(query));

describe('research addresses', () => {
  it('opens a sizing at a version, or the latest when the version is not a whole number from 1', () => {
    expect(route('sizing=abc&v=3')).toEqual({ kind: 'sizing', id: 'abc', version: 3 });
    expect(route('sizing=abc&v=0')).toEqual({ kind: 'sizing', id: 'abc', version: null });
    expect(route('sizing=abc&v=2.5')).toEqual({ kind: 'sizing', id: 'abc', version: null });
    expect(route('sizing=new')).toEqual({ kind: 'newSizing' });
  });

  it('opens a matrix with the positioning axes, and nothing for a survey address', () => {
    expect(route('matrix=m1&v=2&x=monthly_price&y=auto_category')).toEqual({
      kind: 'matrix',
      id: 'm1',
      version: 2,
      x: 'monthly_price',
      y: 'auto_category',
    });
    expect(route('matrix=m1&x=')).toEqual({ kind: 'matrix', id: 'm1', version: null, x: null, y: null });
    expect(route('matrix=new')).toEqual({ kind: 'newMatrix' });
    expect(route('s=survey1&v=2')).toBeNull();
  });

  it('writes back the address it reads, leaving out what is the default', () => {
    for (const query of ['sizing=abc&v=3', 'sizing=abc', 'matrix=m1&v=2&x=a&y=b', 'matrix=m1&y=b', 'sizing=new', 'matrix=new']) {
      const parsed = route(query);
      if (!parsed) throw new Error(query);
      expect(researchParams(parsed).toString()).toBe(query);
    }
  });

  it('reads a version from any parameter, never giving NaN for a mistyped one', () => {
    const params = new URLSearchParams('v=4&cfv=12&bad=abc&zero=0&neg=-1&dec=1.5&big=12345678&hex=0x10&empty=');
    expect(versionOf(params)).toBe(4);
    expect(versionOf(params, 'cfv')).toBe(12);
    for (const name of ['bad', 'zero', 'neg', 'dec', 'big', 'hex', 'empty', 'missing']) expect(versionOf(params, name)).toBeNull();
  });

  it('shows the axes the address names before the map’s, so one axis picked on a matrix with none saved stays picked', () => {
    const saved = { x: { feature: 'price' }, y: { feature: 'scan' } };
    expect(mapAxes({ x: 'speed', y: null }, null)).toEqual({ x: 'speed', y: null });
    expect(mapAxes({ x: null, y: 'speed' }, null)).toEqual({ x: null, y: 'speed' });
    expect(mapAxes({ x: null, y: null }, null)).toEqual({ x: null, y: null });
    expect(mapAxes({ x: null, y: null }, saved)).toEqual({ x: 'price', y: 'scan' });
    expect(mapAxes({ x: 'speed', y: null }, { x: { feature: 'speed' }, y: { feature: 'scan' } })).toEqual({ x: 'speed', y: 'scan' });
  });
});
