import { describe, expect, it } from 'vitest';
import { valueModel } from '../../../core/workbenches/financial-modeling/model';
import { type FinancialModel, financialModelSchema } from '../../../shared/contracts/financial-model';
import { setLeverCaseField, setLeverOn } from './depth';
import { draftIssues } from './issues';
import {
  addLine,
  addSegment,
  checkFormula,
  impliedRevenueGrowth,
  removeSegment,
  renameLine,
  renameSegment,
  resetSegment,
  revenueMode,
  segmentGrowth,
  setLineField,
  setSegmentField,
  setSegmentGrowth,
  switchRevenueMode,
} from './lines';
import { sakura } from './testModel.fixture';

const valuePerShare = (doc: FinancialModel, scenario = 'base') =>
  valueModel(financialModelSchema.parse(doc), { scenario }).valuation.valuePerShare;

describe('segments in the workbench', () => {
  it('switches revenue to one segment and back without changing any case’s value', () => {
    const doc = sakura();
    const segments = switchRevenueMode(doc, 'segments');
    expect(revenueMode(segments)).toBe('segments');
    expect(segments.forecast.revenueGrowth).toEqual([]);
    expect(segments.forecast.segments).toEqual([
      { name: 'segment1', baseVolume: 84600, basePrice: 1, volumeGrowth: [0.035, 0.035, 0.04, 0.035, 0.03] },
    ]);
    // The scenarios' growth becomes their change of the segment's volume growth.
    expect(segments.scenarios.find((s) => s.name === 'bear')?.overrides.forecast?.segments).toEqual([
      { name: 'segment1', volumeGrowth: [0.03, 0.025, 0.02, 0.015, 0.01] },
    ]);
    expect(draftIssues(segments)).toEqual([]);
    for (const scenario of ['base', 'bull', 'bear']) expect(valuePerShare(segments, scenario)).toBeCloseTo(valuePerShare(doc, scenario), 6);
    const back = switchRevenueMode(segments, 'growth');
    expect(back.forecast.segments).toBeUndefined();
    expect(back.forecast.revenueGrowth).toEqual(doc.forecast.revenueGrowth);
    expect(back.scenarios).toEqual(doc.scenarios);
  });

  it('takes the revenue-growth lever’s path, in the base case and in a scenario that moves it', () => {
    let doc = setLeverOn(sakura(), 'revenueGrowth', true, { marginalTax: 0.3062 });
    doc = setLeverCaseField(doc, 'bull', 'revenueGrowth', 'firstYear', 0.08);
    const segments = switchRevenueMode(doc, 'segments');
    expect(segments.forecast.levers).toBeUndefined();
    expect(segments.scenarios.find((s) => s.name === 'bull')?.overrides.forecast?.levers).toBeUndefined();
    expect(draftIssues(segments)).toEqual([]);
    for (const scenario of ['base', 'bull', 'bear']) expect(valuePerShare(segments, scenario)).toBeCloseTo(valuePerShare(doc, scenario), 6);
  });

  it('adds, renames and removes segments; growth by year in the base case and as a scenario’s change', () => {
    let doc = switchRevenueMode(sakura(), 'segments');
    doc = setSegmentField(doc, 0, 'baseVolume', 800);
    doc = setSegmentField(doc, 0, 'basePrice', 60);
    doc = setSegmentField(doc, 0, 'unitCost', 5);
    doc = addSegment(doc);
    expect(doc.forecast.segments?.[1]?.name).toBe('segment2');
    doc = setSegmentField(doc, 1, 'baseVolume', 3600);
    doc = setSegmentGrowth(doc, 'base', 1, 'priceGrowth', 2, 0.05);
    expect(doc.forecast.segments?.[1]?.priceGrowth).toEqual([0, 0, 0.05, 0, 0]);
    expect(draftIssues(doc)).toEqual([]);
    // Revenue 800 × 60 + 3,600 × 1 = 51,600 in the base year; the grid's growth is what the segments imply.
    const implied = impliedRevenueGrowth(doc, 'base');
    expect(implied[0]).toBeCloseTo((800 * 60 * 1.035 + 3600 * 1.035) / 84600 - 1, 12);
    expect(valueModel(financialModelSchema.parse(doc)).case.drivers.revenueGrowth[0]).toBeCloseTo(implied[0] ?? 0, 12);

    doc = renameSegment(doc, 0, 'hardware');
    doc = addLine(doc);
    doc = setLineField(doc, 0, 'formula', 'hardware.revenue / revenue');
    doc = renameSegment(doc, 0, 'devices');
    expect(doc.forecast.lines?.[0]?.formula).toBe('devices.revenue / revenue');
    // The bear case's change follows the rename.
    expect(doc.scenarios.find((s) => s.name === 'bear')?.overrides.forecast?.segments?.[0]?.name).toBe('devices');

    const bull = valuePerShare(doc, 'bull');
    doc = setSegmentGrowth(doc, 'bull', 1, 'volumeGrowth', 0, 0.1);
    expect(segmentGrowth(doc, 'bull', 1, 'volumeGrowth').overridden).toEqual([true, false, false, false, false]);
    expect(valuePerShare(doc, 'bull')).toBeGreaterThan(bull);
    // Typing the base case's value back removes the change.
    doc = setSegmentGrowth(doc, 'bull', 1, 'volumeGrowth', 0, 0.035);
    expect(doc.scenarios.find((s) => s.name === 'bull')?.overrides.forecast?.segments?.map((s) => s.name)).toEqual(['devices']);
    doc = resetSegment(doc, 'bull', 0);
    expect(doc.scenarios.find((s) => s.name === 'bull')?.overrides.forecast?.segments).toBeUndefined();

    doc = removeSegment(doc, 0);
    expect(doc.forecast.segments?.map((s) => s.name)).toEqual(['segment2']);
    expect(doc.scenarios.find((s) => s.name === 'bear')?.overrides.forecast?.segments).toBeUndefined();
    expect(removeSegment(doc, 0)).toBe(doc);
  });
});

describe('custom lines in the workbench', () => {
  it('checks a formula as typed with the position of its first problem', () => {
    expect(checkFormula('revenue[-1] * (1 + 5%)')).toBeNull();
    expect(checkFormula('')).toBeNull();
    expect(checkFormula('revenue * (1 + ')).toEqual({ position: 16, kind: 'syntax' });
    expect(checkFormula('FOO(1)')).toEqual({ position: 1, kind: 'function' });
  });

  it('edits an operating-cost line the schema accepts and renames it in the formulas that use it', () => {
    let doc = addLine(sakura());
    expect([...new Set(draftIssues(doc).map((i) => i.key))]).toEqual(['forecast.lines.0.formula']);
    doc = setLineField(doc, 0, 'formula', '500 * (1 + 2%) ^ t');
    doc = setLineField(doc, 0, 'role', 'operatingCost');
    doc = addLine(doc);
    doc = setLineField(doc, 1, 'formula', 'line1 / revenue');
    doc = setLineField(doc, 1, 'format', 'percent');
    doc = setLineField(doc, 1, 'label', '家賃比率');
    expect(draftIssues(doc)).toEqual([]);
    doc = renameLine(doc, 0, 'rent');
    expect(doc.forecast.lines?.[1]?.formula).toBe('rent / revenue');
    expect(valuePerShare(doc)).toBeLessThan(valuePerShare(sakura()));
    // A cost line reading EBITDA is circular: refused at its formula by the shared rules.
    doc = setLineField(doc, 0, 'formula', 'ebitda * 1%');
    expect(draftIssues(doc).map((i) => [i.key, i.issue.code])).toEqual([['forecast.lines.0.formula', 'circular_formula']]);
  });
});
