import { describe, expect, it } from 'vitest';
import { firstFreeKey } from './keys';

describe('firstFreeKey', () => {
  const numbered = (n: number) => `code${n}`;

  it('takes the first candidate no one has', () => {
    expect(firstFreeKey([], numbered)).toBe('code1');
    expect(firstFreeKey(['code1', 'code2', 'code4'], numbered)).toBe('code3');
    expect(firstFreeKey(new Set(['code1']), numbered)).toBe('code2');
  });

  it('starts where it is told', () => {
    expect(firstFreeKey([], numbered, 3)).toBe('code3');
    expect(firstFreeKey(['code3'], numbered, 3)).toBe('code4');
  });

  it('lets the first candidate be the base itself', () => {
    const suffixed = (n: number) => (n === 1 ? 'table' : `table-${n}`);
    expect(firstFreeKey(['x'], suffixed)).toBe('table');
    expect(firstFreeKey(['table', 'table-2'], suffixed)).toBe('table-3');
  });
});
