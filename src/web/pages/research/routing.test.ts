import { describe, expect, it } from 'vitest';
import { researchParams, researchRoute } from './routing';

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
});
