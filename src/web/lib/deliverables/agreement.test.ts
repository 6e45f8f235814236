import { describe, expect, it } from 'vitest';
import { alphaReading, alphaValue } from './agreement';

describe('alpha as read', () => {
  it('rounds to two decimals and says nothing where alpha is not measurable', () => {
    expect(alphaValue({ alpha: 0.8123 })).toBe('0.81');
    expect(alphaValue({ alpha: -0.25 })).toBe('-0.25');
    expect(alphaValue({ alpha: null })).toBeNull();
  });

  it("reads Krippendorff's thresholds", () => {
    expect(alphaReading(0.8)).toBe('reliable');
    expect(alphaReading(0.7)).toBe('tentative');
    expect(alphaReading(0.2)).toBe('doubtful');
    expect(alphaReading(null)).toBe('none');
  });
});
