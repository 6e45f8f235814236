import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, normalQuantile, normalSurvival, studentTTwoSidedP, twoSidedNormalP } from './distributions.js';

/** Relative closeness, for p-values that span hundreds of orders of magnitude. */
function expectRelativelyClose(actual: number, expected: number, relative = 1e-8) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

describe('chi-square survival', () => {
  // Reference: R 4.2.2, pchisq(x, df, lower.tail = FALSE).
  it.each([
    [30.07, 2, 2.95380937522321e-7],
    [100, 3, 1.55415943138961e-21],
    [500, 10, 4.41473609991373e-101],
    [1000, 50, 7.18870621551483e-177],
    [20, 1, 7.74421643104409e-6],
    [3, 10, 0.981424063777859],
    [1e5, 1e5, 0.499405291895207],
  ])('P(χ² ≥ %d; df %d) = %d as R gives it, also deep in the tail', (x, df, expected) => {
    expectRelativelyClose(chiSquareSurvival(x, df), expected, 1e-6);
  });
  it('is 1 at and below zero and 0 at infinity', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-1, 3)).toBe(1);
    expect(chiSquareSurvival(Number.POSITIVE_INFINITY, 3)).toBe(0);
  });
  it('with 1 df it is the two-sided normal p of √x', () => {
    for (const z of [0.1, 1, 1.96, 3, 6]) expectRelativelyClose(chiSquareSurvival(z * z, 1), twoSidedNormalP(z), 1e-7);
  });
  it('refuses a degree of freedom that is not positive', () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
    expect(() => chiSquareSurvival(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('normal', () => {
  it('Φ⁻¹(0.975) = 1.959964 and the two-sided p of 1.959964 is 0.05', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 9);
    expect(twoSidedNormalP(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedNormalP(-1.959963984540054)).toBeCloseTo(0.05, 12);
  });
  it('keeps the upper tail (R: pnorm(8, lower.tail = FALSE) = 6.22096057427178e-16)', () => {
    expectRelativelyClose(normalSurvival(8), 6.22096057427178e-16, 1e-6);
  });
  it('answers 0 and 1 at the infinities and never more than 1', () => {
    expect(normalSurvival(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalSurvival(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(twoSidedNormalP(0)).toBe(1);
    expect(twoSidedNormalP(1e300)).toBe(0);
  });
});

describe('Student t, two-sided', () => {
  // Reference: R 4.2.2, 2 * pt(-abs(t), df).
  it.each([
    [2, 1, 2 * 0.147583617650433],
    [2, 2.5, 2 * 0.078695747878983],
    [8, 10, 2 * 5.88747139483307e-6],
    [40, 100, 2 * 1.23105380107004e-63],
    [2, 1e6, 2 * 0.0227502669256596],
    [2, 1e8, 2 * 0.0227501332979534],
  ])('t = %d with %d df', (t, df, expected) => {
    expectRelativelyClose(studentTTwoSidedP(t, df), expected, 1e-6);
    expectRelativelyClose(studentTTwoSidedP(-t, df), expected, 1e-6);
  });
  it('stays finite where jStat alone answers NaN or a wrong figure', () => {
    expect(studentTTwoSidedP(1e300, 3)).toBe(0);
    expect(studentTTwoSidedP(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expect(studentTTwoSidedP(-2, 1e15)).toBeCloseTo(0.0455002638963584, 9);
    expect(studentTTwoSidedP(0, 3)).toBeCloseTo(1, 6);
  });
});
