import { describe, expect, it } from 'vitest';
import { axisInputs, chooseAxis, defaultAxes, fitAxes } from './sensitivity';

describe('sensitivity axes', () => {
  it('offers the CAPM inputs only when WACC is built by CAPM', () => {
    expect(axisInputs('capm')).toContain('beta');
    expect(axisInputs('direct')).not.toContain('beta');
    expect(axisInputs('direct')).toEqual(expect.arrayContaining(['wacc', 'terminalGrowth', 'exitMultiple', 'revenueGrowth', 'taxRate']));
  });

  it('keeps the chosen axes where the model has them, and falls back where it does not', () => {
    expect(fitAxes({ x: 'beta', y: 'exitMultiple' }, 'capm')).toEqual({ x: 'beta', y: 'exitMultiple' });
    expect(fitAxes({ x: 'beta', y: 'exitMultiple' }, 'direct')).toEqual({ x: 'wacc', y: 'exitMultiple' });
    expect(fitAxes({ x: 'terminalGrowth', y: 'riskFreeRate' }, 'direct')).toEqual({ x: 'terminalGrowth', y: 'wacc' });
    expect(fitAxes(defaultAxes, 'direct')).toEqual(defaultAxes);
  });

  it('swaps the axes when one takes the other’s input', () => {
    expect(chooseAxis({ x: 'wacc', y: 'terminalGrowth' }, 'x', 'terminalGrowth')).toEqual({ x: 'terminalGrowth', y: 'wacc' });
    expect(chooseAxis({ x: 'wacc', y: 'terminalGrowth' }, 'y', 'beta')).toEqual({ x: 'wacc', y: 'beta' });
    expect(chooseAxis({ x: 'wacc', y: 'terminalGrowth' }, 'y', 'wacc')).toEqual({ x: 'terminalGrowth', y: 'wacc' });
  });
});

describe('axes a model has', () => {
  it('offers the exit multiple only when the model gives one, the probability of failure only when it has one', () => {
    expect(axisInputs('capm', { exitMultiple: true, failure: false })).toContain('exitMultiple');
    expect(axisInputs('capm', { exitMultiple: true, failure: false })).not.toContain('failureProbability');
    const withFailure = axisInputs('direct', { exitMultiple: false, failure: true });
    expect(withFailure).toContain('failureProbability');
    expect(withFailure).not.toContain('exitMultiple');
    expect(withFailure).not.toContain('beta');
    // An axis the model lost falls back to a default one.
    expect(fitAxes({ x: 'exitMultiple', y: 'wacc' }, 'capm', { exitMultiple: false, failure: false })).toEqual({
      x: 'wacc',
      y: 'terminalGrowth',
    });
  });
});
