import { describe, expect, it } from 'vitest';
import {
  caseNames,
  driverRow,
  resetDriver,
  resetTerminal,
  resetWacc,
  sameDocument,
  setBetaKind,
  setDriverValue,
  setMidYearConvention,
  setObservedDebtToEquity,
  setTerminalMethod,
  setTerminalValue,
  setWaccValue,
  switchWaccMethod,
  terminalValue,
  waccValue,
} from './edit';
import { draftIssues } from './issues';
import { sakura } from './testModel.fixture';

describe('editing the base case', () => {
  it('changes one year of a driver and leaves the original document alone', () => {
    const doc = sakura();
    const before = JSON.stringify(doc);
    const edited = setDriverValue(doc, 'base', 'ebitdaMargin', 2, 0.15);
    expect(edited.forecast.ebitdaMargin).toEqual([0.14, 0.143, 0.15, 0.149, 0.149]);
    expect(JSON.stringify(doc)).toBe(before);
    expect(edited.forecast.revenueGrowth).toBe(doc.forecast.revenueGrowth);
    expect(sameDocument(doc, edited)).toBe(false);
    expect(draftIssues(edited)).toEqual([]);
  });

  it('makes no change when a value is typed back as it was', () => {
    const doc = sakura();
    const edited = setDriverValue(setDriverValue(doc, 'base', 'taxRate', 0, 0.3), 'base', 'taxRate', 0, 0.3062);
    expect(sameDocument(doc, edited)).toBe(true);
  });

  it('edits WACC inputs, beta included, and the terminal value', () => {
    let doc = sakura();
    doc = setWaccValue(doc, 'base', 'riskFreeRate', 0.02);
    doc = setWaccValue(doc, 'base', 'beta', 0.9);
    doc = setWaccValue(doc, 'base', 'rate', 0.1); // not an input of a CAPM model: nothing happens
    doc = setTerminalValue(doc, 'base', 'growthRate', 0.012);
    doc = setTerminalMethod(setMidYearConvention(doc, false), 'exitMultiple');
    expect(doc.wacc).toMatchObject({ method: 'capm', riskFreeRate: 0.02, beta: { kind: 'unlevered', value: 0.9 } });
    expect(doc.wacc).not.toHaveProperty('rate');
    expect(doc.valuation).toEqual({
      midYearConvention: false,
      terminalValue: { method: 'exitMultiple', growthRate: 0.012, exitMultiple: 8 },
    });
    expect(waccValue(doc, 'base', 'rate')).toBeUndefined();
    expect(draftIssues(doc)).toEqual([]);
  });

  it('switches beta between levered and unlevered, with the D/E it was observed at', () => {
    let doc = setBetaKind(sakura(), 'levered');
    doc = setObservedDebtToEquity(doc, 0.2);
    expect(doc.wacc).toMatchObject({ beta: { kind: 'levered', value: 0.85, observedDebtToEquity: 0.2 } });
    expect(setObservedDebtToEquity(doc, undefined).wacc).toMatchObject({ beta: { kind: 'levered', value: 0.85 } });
    expect(setBetaKind(doc, 'unlevered').wacc).toMatchObject({ beta: { kind: 'unlevered', value: 0.85 } });
  });

  it('switches WACC to a given rate and back, dropping scenario overrides the method has no input for', () => {
    let doc = setWaccValue(sakura(), 'bear', 'riskFreeRate', 0.02);
    const capm = doc.wacc;
    doc = switchWaccMethod(doc, 'direct', { rate: 0.07 });
    expect(doc.wacc).toEqual({ method: 'direct', rate: 0.07 });
    expect(doc.scenarios.find((s) => s.name === 'bear')?.overrides.wacc).toBeUndefined();
    expect(draftIssues(doc)).toEqual([]);
    doc = setWaccValue(doc, 'bear', 'rate', 0.08);
    expect(doc.scenarios.find((s) => s.name === 'bear')?.overrides.wacc).toEqual({ rate: 0.08 });
    doc = switchWaccMethod(doc, 'capm', { rate: 0.07, ...(capm.method === 'capm' && { capm }) });
    expect(doc.wacc).toEqual(capm);
    expect(doc.scenarios.find((s) => s.name === 'bear')?.overrides.wacc).toBeUndefined();
    expect(draftIssues(doc)).toEqual([]);
  });
});

describe('editing a scenario', () => {
  it('shows the scenario row and marks the years that differ from the base case', () => {
    const doc = sakura();
    const row = driverRow(doc, 'bear', 'revenueGrowth');
    expect(row.values).toEqual([0.03, 0.025, 0.02, 0.015, 0.01]);
    expect(row.rowOverridden).toBe(true);
    expect(row.overridden).toEqual([true, true, true, true, true]);
    expect(driverRow(doc, 'bear', 'taxRate')).toMatchObject({ rowOverridden: false, overridden: [false, false, false, false, false] });
    expect(driverRow(doc, 'base', 'revenueGrowth').values).toBe(doc.forecast.revenueGrowth);
  });

  it('overrides one year by copying the base row, and removes the override once it equals the base again', () => {
    const doc = sakura();
    const edited = setDriverValue(doc, 'bear', 'taxRate', 1, 0.25);
    const bear = edited.scenarios.find((s) => s.name === 'bear');
    expect(bear?.overrides.forecast?.taxRate).toEqual([0.3062, 0.25, 0.3062, 0.3062, 0.3062]);
    expect(driverRow(edited, 'bear', 'taxRate').overridden).toEqual([false, true, false, false, false]);
    expect(edited.forecast.taxRate).toBe(doc.forecast.taxRate);
    const back = setDriverValue(edited, 'bear', 'taxRate', 1, 0.3062);
    expect(sameDocument(back, doc)).toBe(true);
  });

  it('resets a driver, a WACC input and a terminal value to the base case', () => {
    let doc = setWaccValue(sakura(), 'bull', 'beta', 1.1);
    doc = setTerminalValue(doc, 'bull', 'exitMultiple', 9);
    expect(waccValue(doc, 'bull', 'beta')).toEqual({ value: 1.1, base: 0.85, overridden: true });
    expect(terminalValue(doc, 'bull', 'exitMultiple')).toEqual({ value: 9, base: 8, overridden: true });
    expect(terminalValue(doc, 'bear', 'growthRate')).toEqual({ value: 0.004, base: 0.008, overridden: true });
    doc = resetWacc(resetTerminal(doc, 'bull', 'exitMultiple'), 'bull', 'beta');
    doc = resetDriver(doc, 'bull', 'revenueGrowth');
    expect(doc.scenarios.find((s) => s.name === 'bull')?.overrides).toEqual({
      forecast: { ebitdaMargin: [0.145, 0.148, 0.15, 0.151, 0.151] },
    });
    doc = resetDriver(doc, 'bull', 'ebitdaMargin');
    expect(doc.scenarios.find((s) => s.name === 'bull')?.overrides).toEqual({});
    expect(draftIssues(doc)).toEqual([]);
  });

  it('never lets a scenario override the marginal tax rate, and ignores unknown scenarios', () => {
    const doc = sakura();
    expect(setWaccValue(doc, 'bear', 'marginalTaxRate', 0.2)).toBe(doc);
    expect(setDriverValue(doc, 'nope', 'taxRate', 0, 0.2)).toBe(doc);
    expect(waccValue(doc, 'bear', 'marginalTaxRate')).toEqual({ value: 0.3062, base: 0.3062, overridden: false });
  });

  it('lists the base case and the scenarios with their labels', () => {
    expect(caseNames(sakura())).toEqual([
      { name: 'base', label: undefined },
      { name: 'bull', label: '強気ケース' },
      { name: 'bear', label: '弱気ケース' },
    ]);
  });
});
