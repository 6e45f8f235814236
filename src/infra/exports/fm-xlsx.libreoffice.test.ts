import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustmentsFairValueModel, adjustmentsModel } from '../../core/workbenches/financial-modeling/capitalization.fixture.js';
import {
  kennethColeModel,
  leverModel,
  noExitMultipleModel,
  salesToCapitalModel,
  valueDriverModel,
} from '../../core/workbenches/financial-modeling/fixtures.js';
import { datedLinesModel, segmentModel } from '../../core/workbenches/financial-modeling/lines.fixture.js';
import { parseFinancialModel, valueModel } from '../../core/workbenches/financial-modeling/model.js';
import type { FinancialModel, FinancialModelInput } from '../../shared/contracts/financial-model.js';
import type { WorkbookSpec } from './fm-workbook.js';
import { exportFmXlsx } from './fm-xlsx.js';
import { convertWithLibreOffice, findSoffice } from './libreoffice.js';

/**
 * JSON → engine → .xlsx → LibreOffice recalculation: every formula of the exported workbooks,
 * recomputed by LibreOffice from the inputs (the files are written without cached values, so
 * nothing can pass by being left alone), must equal the kpo engine's value to 1e-6.
 * One LibreOffice run converts all the files.
 */

const TOLERANCE = 1e-6;
const soffice = findSoffice();
const SKIP_REASON = 'soffice (LibreOffice) is not on PATH — install it with `apt-get install libreoffice-calc-nogui` to run this test';
if (!soffice) console.warn(`fm-xlsx LibreOffice recalculation test skipped: ${SKIP_REASON}`);

const load = (name: string): FinancialModelInput =>
  JSON.parse(readFileSync(new URL(`../../../docs/examples/${name}`, import.meta.url), 'utf8'));

/** Levers on an EBITDA-margin model with capex and NWC lists, mid-year discounting, the tax lever's default start, in Japanese. */
function leverEbitdaModel(): FinancialModelInput {
  const m = leverModel();
  m.meta = { ...m.meta, codeName: 'Project Sugi (EBITDA levers)', language: 'ja' };
  m.historicals = [{ year: 2025, incomeStatement: { revenue: 1000, depreciationAmortization: 40, operatingIncome: 80 } }];
  const tenYears = (x: number) => m.forecast.years.map(() => x);
  m.forecast = {
    years: m.forecast.years,
    levers: {
      revenueGrowth: { firstYear: 0.08, years2To5: 0.06 },
      ebitdaMargin: { firstYear: 0.13, target: 0.19, targetYear: 2031 },
      taxRate: { effective: 0.25, marginal: 0.3, marginalFromYear: 2030 },
    },
    depreciationPercentOfRevenue: tenYears(0.04),
    capexPercentOfRevenue: tenYears(0.05),
    nwcPercentOfRevenue: tenYears(0.1),
  };
  m.valuation = { midYearConvention: true, terminalValue: { method: 'exitMultiple', growthRate: 0.02, exitMultiple: 9 } };
  m.scenarios = [];
  // Employee options by Black–Scholes, with a stated risk-free rate (the WACC is given directly) and a dividend yield.
  m.shares.options = { count: 4, averageStrike: 30, maturity: 3.5, volatility: 0.4, riskFreeRate: 0.03, dividendYield: 0.01 };
  return m;
}

/** The value-driver model with employee options by Black–Scholes besides its treasury-stock tranche (risk-free rate from CAPM). */
function optionsCapmModel(): FinancialModelInput {
  const m = valueDriverModel();
  m.shares.options = { label: 'Employee options', count: 6, averageStrike: 9, maturity: 4, volatility: 0.5 };
  return m;
}

/** The lever model with one lever typed over in the workbook only; expected values from the model so edited. */
function editedLever(): FinancialModel {
  const m = leverModel();
  const l = m.forecast.levers;
  if (!l?.revenueGrowth) throw new Error('fixture');
  l.revenueGrowth.years2To5 = 0.14;
  return parseFinancialModel(m);
}

/** The demo with an input changed in the workbook only, to prove the chain from inputs to value is live. */
function edited(): { model: FinancialModel; edit: { sheet: string; cell: string; value: number } } {
  const input = load('fm-project-sakura-v1.json');
  (input.forecast.revenueGrowth as number[])[0] = 0.08;
  input.valuation.terminalValue.growthRate = 0.015;
  return { model: parseFinancialModel(input), edit: { sheet: '前提条件', cell: 'C5', value: 0.08 } };
}

function directPathModel(): FinancialModelInput {
  const input = valueDriverModel();
  input.meta.language = 'ja';
  input.wacc = { method: 'direct', rate: 0.1, byYear: { rate: { fromYear: 2028, terminal: 0.085 } } };
  input.valuation.midYearConvention = false;
  input.valuation.terminalValue.costOfCapital = 0.08;
  input.valuation.terminalValue.valueDriver = { revenueGrowth: 0.03, operatingMargin: 0.15, taxRate: 0.3 };
  input.scenarios = [];
  return input;
}

/**
 * Based on EBIT without D&A (as Damodaran's Ginzu), sales to capital with one ratio, lag 1, the
 * value-driver terminal year's growth and invested capital, in Japanese.
 */
function salesToCapitalValueDriverModel(): FinancialModelInput {
  const input = salesToCapitalModel();
  input.meta.language = 'ja';
  delete input.forecast.ebitdaMargin;
  delete input.forecast.depreciationPercentOfRevenue;
  input.forecast.operatingMargin = [-0.04, 0.02, 0.08, 0.12, 0.14, 0.14];
  input.forecast.salesToCapital = { ratio: 1.7, lag: 1 };
  input.valuation.terminalValue.valueDriver = { revenueGrowth: 0.03, operatingMargin: 0.15, taxRate: 0.25 };
  return input;
}

/**
 * Segments and custom lines (issue #13 point 9) on a model based on EBIT with sales to capital, in
 * Japanese: cost lines, ranges, IRR, RATE, NPER, comparisons and a line that cannot be computed in
 * one year (n/a in the engine and in the workbook alike).
 */
function segmentsEbitModel(): FinancialModelInput {
  const m = segmentModel();
  m.meta.language = 'ja';
  const f = m.forecast;
  delete f.ebitdaMargin;
  delete f.depreciationPercentOfRevenue;
  delete f.capexPercentOfRevenue;
  delete f.nwcPercentOfRevenue;
  f.operatingMargin = [0.42, 0.43, 0.44, 0.45, 0.45];
  f.salesToCapital = { ratio: 2.5, lag: 1 };
  f.lines = [
    ...(f.lines ?? []),
    { name: 'marketing', formula: '3% * services.revenue + 0.5 * hardware.volume[-1]', role: 'operatingCost' },
    { name: 'invest', formula: 'IF(t = 1, fcff - 200, fcff)' },
    { name: 'irrToDate', formula: 'IF(t < 4, 0, IRR(invest[first:0], 5%))', format: 'percent' },
    { name: 'everyOther', formula: '1 / (t - 2)', format: 'number' },
    { name: 'checks', formula: 'AND(ebit > 0, OR(t >= 3, year = 2026)) + NOT(revenue < ebit) - 2^-1 - -2^2', format: 'number' },
    {
      name: 'annuity',
      formula: 'RATE(5, PMT(4%, 5, 100), 100) + NPER(5%, -30, 100) + PV(5%, 3, -10) + FV(5%, 3, -10, 0, 1)',
      format: 'number',
    },
    { name: 'spread', formula: 'MAX(ebit[-1:0]) - MIN(nwc[-1], AVERAGE(fcff[first:last])) + ABS(-t) + SQRT(4) + LN(EXP(1))' },
  ];
  return m;
}

interface Case {
  name: string;
  model: FinancialModel;
  spec: WorkbookSpec;
  recalculated?: ExcelJS.Workbook;
}

describe.skipIf(!soffice)('LibreOffice recalculation of the xlsx export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpo-fm-lo-'));
  const cases: Case[] = [];

  beforeAll(async () => {
    const models: [string, FinancialModel][] = [
      ['sakura-v1', parseFinancialModel(load('fm-project-sakura-v1.json'))],
      ['sakura-v2', parseFinancialModel(load('fm-project-sakura-v2.json'))],
      ['kenneth-cole', parseFinancialModel(kennethColeModel())],
      // Every part of issue #13's first slice: CAPM inputs by year, mid-year cumulated discounting,
      // the value-driver terminal value with RONIC, tax losses carried forward (fixtures.ts).
      ['value-drivers', parseFinancialModel(valueDriverModel())],
      // A WACC given directly moving in a straight line, a stated terminal cost of capital, the
      // value driver with RONIC defaulting to it, end-of-year discounting, in Japanese.
      ['value-drivers-direct-ja', parseFinancialModel(directPathModel())],
      // Issue #13's second slice: reinvestment from sales to capital (a ratio per year, a lag of 2
      // reaching the terminal year), invested capital and ROIC, with a Gordon value on FCFF…
      ['sales-to-capital', parseFinancialModel(salesToCapitalModel())],
      // …and based on EBIT without D&A, one ratio, lag 1, the value-driver terminal year's revenue growth, in Japanese.
      ['sales-to-capital-vd-ja', parseFinancialModel(salesToCapitalValueDriverModel())],
      // Issue #13's third slice: driver paths from levers (revenue growth fading to terminal growth,
      // an operating margin converging, the tax rate moving to the marginal rate) with sales to capital…
      ['levers', parseFinancialModel(leverModel())],
      // …and an EBITDA-margin lever with capex and NWC lists, mid-year, in Japanese.
      ['levers-ebitda-ja', parseFinancialModel(leverEbitdaModel())],
      // Issue #13 point 7: employee options by Black–Scholes with the dilution adjustment.
      ['options-capm', parseFinancialModel(optionsCapmModel())],
      // Issue #13 point 9: segments (volume × price, unit costs) and custom lines (the worked example)…
      ['segments-lines', parseFinancialModel(segmentModel())],
      // …and on a model based on EBIT with sales to capital, in Japanese, with Excel functions and a year not computable.
      ['segments-ebit-ja', parseFinancialModel(segmentsEbitModel())],
      // Issue #13 points 6 and 7, the fourth slice: a probability of failure (proceeds tied to the book
      // value of capital, lease debt included), minorities at book × P/B, cross-holdings at market, R&D
      // capitalised with invested capital, leases converted at the CAPM cost of debt…
      ['adjustments', parseFinancialModel(adjustmentsModel())],
      // …and proceeds tied to the going-concern value, the exit multiple as headline, sales to capital,
      // cross-holdings at book × P/B, a stated cost of debt and lump-sum years, in Japanese.
      ['adjustments-fair-ja', parseFinancialModel(adjustmentsFairValueModel())],
      // Issue #13 point 2: no exit multiple (the adjustments model by perpetual growth, failure and options included)…
      ['no-exit-multiple', parseFinancialModel(noExitMultipleModel(adjustmentsModel()))],
      // …and the value-driver model without one, in Japanese, with the WACC path.
      [
        'no-exit-multiple-vd-ja',
        parseFinancialModel({ ...noExitMultipleModel(valueDriverModel()), meta: { ...valueDriverModel().meta, language: 'ja' } }),
      ],
      // Issue #13 point 9: XNPV and XIRR in custom lines over the year-end dates row (a leap year inside the forecast).
      ['dated-lines', parseFinancialModel(datedLinesModel())],
    ];
    const files: string[] = [];
    for (const [name, model] of models) {
      const { bytes, spec } = await exportFmXlsx(model, { cachedValues: false });
      writeFileSync(join(dir, `${name}.xlsx`), bytes);
      files.push(join(dir, `${name}.xlsx`));
      cases.push({ name, model, spec });
    }
    // The v1 workbook with two inputs typed over in the spreadsheet; its expected values come from the edited model.
    const { model, edit } = edited();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(files[0] as string).buffer as ArrayBuffer);
    const ws = wb.getWorksheet(edit.sheet);
    if (!ws) throw new Error(`no sheet ${edit.sheet}`);
    ws.getCell(edit.cell).value = edit.value;
    ws.getCell('C24').value = 0.015;
    writeFileSync(join(dir, 'sakura-edited.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()));
    files.push(join(dir, 'sakura-edited.xlsx'));
    cases.push({ name: 'sakura-edited', model, spec: (await exportFmXlsx(model)).spec });
    // The lever workbook with its years 2–5 growth typed over: the paths, reinvestment and value must follow.
    const leverCase = cases.find((x) => x.name === 'levers') as Case;
    const leverWb = new ExcelJS.Workbook();
    await leverWb.xlsx.load(readFileSync(join(dir, 'levers.xlsx')).buffer as ArrayBuffer);
    const assumptions = leverCase.spec.sheets.find((sheet) => sheet.key === 'assumptions');
    const label = [...(assumptions?.cells ?? [])].find(
      ([, cell]) => cell.value === 'Revenue growth, years 2–5 (compounded), then a fade to terminal growth',
    );
    if (!assumptions || !label) throw new Error('no years 2–5 lever cell');
    const leverSheet = leverWb.getWorksheet(assumptions.name);
    if (!leverSheet) throw new Error(`no sheet ${assumptions.name}`);
    leverSheet.getCell(label[0].replace(/^A/, 'C')).value = 0.14;
    writeFileSync(join(dir, 'levers-edited.xlsx'), new Uint8Array(await leverWb.xlsx.writeBuffer()));
    files.push(join(dir, 'levers-edited.xlsx'));
    const leverEdited = editedLever();
    cases.push({ name: 'levers-edited', model: leverEdited, spec: (await exportFmXlsx(leverEdited)).spec });

    const outputs = await convertWithLibreOffice(soffice as string, files, join(dir, 'recalculated'));
    for (const [i, out] of outputs.entries()) {
      const recalculated = new ExcelJS.Workbook();
      await recalculated.xlsx.readFile(out);
      (cases[i] as Case).recalculated = recalculated;
    }
  }, 240_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function compare(c: Case) {
    const mismatches: string[] = [];
    let compared = 0;
    for (const sheet of c.spec.sheets) {
      const ws = c.recalculated?.getWorksheet(sheet.name);
      if (!ws) {
        mismatches.push(`sheet ${sheet.name} missing`);
        continue;
      }
      for (const [a1, cell] of sheet.cells) {
        if (cell.formula === undefined) continue;
        compared++;
        const result: unknown = ws.getCell(a1).result;
        // A date cell (the year ends of XNPV and XIRR) is read back as a Date: compare its Excel serial.
        const got = result instanceof Date ? result.getTime() / 86_400_000 + 25_569 : result;
        const ok =
          typeof cell.expected === 'number' ? typeof got === 'number' && Math.abs(got - cell.expected) <= TOLERANCE : got === cell.expected;
        if (!ok && mismatches.length < 20)
          mismatches.push(`${sheet.name}!${a1} =${cell.formula.slice(0, 80)}: engine ${cell.expected}, LibreOffice ${JSON.stringify(got)}`);
      }
    }
    return { compared, mismatches };
  }

  for (const name of [
    'sakura-v1',
    'sakura-v2',
    'kenneth-cole',
    'value-drivers',
    'value-drivers-direct-ja',
    'sales-to-capital',
    'sales-to-capital-vd-ja',
    'levers',
    'levers-ebitda-ja',
    'options-capm',
    'adjustments',
    'adjustments-fair-ja',
    'segments-lines',
    'segments-ebit-ja',
    'levers-edited',
    'no-exit-multiple',
    'no-exit-multiple-vd-ja',
    'dated-lines',
  ]) {
    it(`${name}: every formula recalculated by LibreOffice equals the engine to 1e-6`, () => {
      const c = cases.find((x) => x.name === name) as Case;
      const { compared, mismatches } = compare(c);
      expect(mismatches).toEqual([]);
      // Without an exit multiple the workbook has no exit-multiple column or grids.
      expect(compared).toBeGreaterThan(name.startsWith('no-exit-multiple') ? 1000 : 2000);
    });
  }

  it('value-drivers: the new parts are live formulas (cost of capital by year, cumulated factors, value driver, NOL)', () => {
    const c = cases.find((x) => x.name === 'value-drivers') as Case;
    const formulas = c.spec.sheets.flatMap((sheet) => [...sheet.cells.values()].map((cell) => cell.formula ?? ''));
    expect(c.spec.sheets.map((sheet) => sheet.key)).toContain('costOfCapital');
    const v = valueModel(c.model).valuation;
    const values = c.spec.sheets.flatMap((sheet) => [...sheet.cells.values()].filter((cell) => cell.formula).map((cell) => cell.expected));
    for (const expected of [
      ...v.costOfCapital.rates,
      v.costOfCapital.terminal,
      ...(v.projection.lossCarryForward?.closing.slice(0, 3) ?? []),
      v.valueDriver?.nopat,
      v.gordon.terminalValue,
      v.valuePerShare,
    ])
      expect(values).toContain(expected);
    // Taxes on losses (Projections), the value-driver terminal value (DCF) and the cumulated factors (Cost of capital).
    expect(formulas.filter((f) => /^MAX\(0,E\d+-E\d+\)\*/.test(f))).toHaveLength(1);
    expect(formulas.some((f) => /^C\d+\*\(1-'.+'!C\d+\/C\d+\)\/\(/.test(f))).toBe(true);
    expect(formulas.some((f) => /^D21\/\(1\+E17\)$/.test(f))).toBe(true);
  });

  it('sales-to-capital and EBIT-based: reinvestment, invested capital, ROIC and EBIT are live formulas', () => {
    for (const name of ['sales-to-capital', 'sales-to-capital-vd-ja']) {
      const c = cases.find((x) => x.name === name) as Case;
      const v = valueModel(c.model).valuation;
      const cells = c.spec.sheets.flatMap((sheet) => [...sheet.cells.values()].filter((cell) => cell.formula));
      const values = cells.map((cell) => cell.expected);
      for (const expected of [
        ...(v.projection.salesToCapital?.reinvestment ?? [Number.NaN]),
        ...(v.projection.investedCapital?.closing ?? [Number.NaN]),
        ...(v.projection.investedCapital?.roic ?? [Number.NaN]),
        v.gordon.terminalValue,
        v.valuePerShare,
      ])
        expect(values).toContain(expected);
      const formulas = cells.map((cell) => cell.formula ?? '');
      // Reinvestment = Δrevenue ÷ ratio; the last year's Δrevenue is the terminal year's (last revenue × growth).
      expect(formulas.filter((f) => /^[D-I]22\/[D-I]23$/.test(f))).toHaveLength(6);
      expect(formulas.some((f) => /^I5\*'.+'!C\d+$/.test(f))).toBe(true);
      expect(formulas.filter((f) => /^IF\([D-I]26>0,[D-I]11\/[D-I]26,"n\/a"\)$/.test(f))).toHaveLength(6);
    }
    // Based on EBIT: EBIT = revenue × operating margin, EBITDA = EBIT + D&A.
    const ebit = cases.find((x) => x.name === 'sales-to-capital-vd-ja') as Case;
    const formulas = ebit.spec.sheets.flatMap((sheet) => [...sheet.cells.values()].map((cell) => cell.formula ?? ''));
    expect(formulas.filter((f) => /^[D-I]9\+[D-I]8$/.test(f))).toHaveLength(6);
    expect(formulas.filter((f) => /^[D-I]5\*'.+'![C-H]6$/.test(f))).toHaveLength(6);
  });

  it('levers: the driver rows are live formulas on the lever cells', () => {
    for (const name of ['levers', 'levers-ebitda-ja']) {
      const c = cases.find((x) => x.name === name) as Case;
      const assumptions = c.spec.sheets.find((sheet) => sheet.key === 'assumptions');
      const row = (r: number) => [...(assumptions?.cells ?? [])].filter(([a1, cell]) => new RegExp(`^[C-L]${r}$`).test(a1) && cell.formula);
      // Revenue growth (row 5), the margin (row 6) and the tax rate (row 10): ten formulas each.
      for (const r of [5, 6, 10]) expect(row(r)).toHaveLength(10);
      // Years 6–10 fade to the terminal growth cell (C24).
      expect(row(5).filter(([, cell]) => /\+\(\(C24-C\d+\)\*\d\)\/5$/.test(cell.formula ?? ''))).toHaveLength(5);
    }
    const edited = cases.find((x) => x.name === 'levers-edited') as Case;
    const before = valueModel(parseFinancialModel(leverModel())).valuation.valuePerShare;
    expect(valueModel(edited.model).valuation.valuePerShare).not.toBeCloseTo(before, 0);
  });

  it('options: the Black–Scholes value is live (NORMSDIST) on the DCF sheet and in every grid cell', () => {
    for (const name of ['options-capm', 'levers-ebitda-ja']) {
      const c = cases.find((x) => x.name === name) as Case;
      const v = valueModel(c.model).valuation;
      const cells = c.spec.sheets.flatMap((sheet) => [...sheet.cells.values()].filter((cell) => cell.formula));
      expect(cells.map((cell) => cell.expected)).toEqual(expect.arrayContaining([v.gordon.dilution.options?.total, v.valuePerShare]));
      const grid = c.spec.sheets.find((sheet) => sheet.key === 'sensitivity');
      const perShare = [...(grid?.cells.values() ?? [])].filter((cell) => cell.format === 'perShare' && cell.formula);
      expect(perShare.length).toBeGreaterThan(800);
      expect(perShare.every((cell) => cell.formula?.includes('NORMSDIST('))).toBe(true);
    }
  });

  it('adjustments: the R&D and Leases sheets, the failure weighting and the new bridge rows are live formulas', () => {
    for (const name of ['adjustments', 'adjustments-fair-ja']) {
      const c = cases.find((x) => x.name === name) as Case;
      const v = valueModel(c.model).valuation;
      expect(c.spec.sheets.map((sheet) => sheet.key)).toEqual(expect.arrayContaining(['research', 'leases']));
      const cells = c.spec.sheets.flatMap((sheet) => [...sheet.cells.values()].filter((cell) => cell.formula));
      const r = v.capitalization?.researchAndDevelopment;
      const l = v.capitalization?.operatingLeases;
      expect(cells.map((cell) => cell.expected)).toEqual(
        expect.arrayContaining([
          r?.base.asset,
          r?.base.adjustedEbit,
          ...(r?.forecast.assetClosing ?? [Number.NaN]),
          ...(r?.forecast.adjustedNopat ?? [Number.NaN]),
          l?.debt,
          l?.adjustedEbit,
          v.failure?.value,
          v.failure?.proceeds,
          v.equityValue,
          v.valuePerShare,
        ]),
      );
      // Every grid cell's value per share carries the failure weighting (1-p).
      const grid = c.spec.sheets.find((sheet) => sheet.key === 'sensitivity');
      const perShare = [...(grid?.cells.values() ?? [])].filter((cell) => cell.format === 'perShare' && cell.formula);
      expect(perShare.length).toBeGreaterThan(100);
      expect(perShare.every((cell) => /\*\(1-'[^']+'!C\d+\)\+IF\(/.test(cell.formula ?? ''))).toBe(true);
    }
  });

  it('segments and custom lines: revenue is the sum of the segments, costs come off EBITDA, lines are live formulas', () => {
    for (const name of ['segments-lines', 'segments-ebit-ja']) {
      const c = cases.find((x) => x.name === name) as Case;
      const v = valueModel(c.model).valuation;
      const projections = c.spec.sheets.find((sheet) => sheet.key === 'projections');
      const cells = [...(projections?.cells ?? [])];
      const formula = (a1: string) => projections?.cells.get(a1)?.formula ?? '';
      // Revenue (row 5) = hardware revenue + services revenue; volume grows from the base-year input.
      expect(cells.filter(([a1, cell]) => /^[D-H]5$/.test(a1) && /^[D-H]\d+\+[D-H]\d+$/.test(cell.formula ?? ''))).toHaveLength(5);
      expect(formula('D35')).toBe('C35*(1+D32)');
      // The operating-cost line and the segment cost come off before EBITDA (EBIT in a model based on EBIT).
      expect(formula(name === 'segments-lines' ? 'D6' : 'D9')).toMatch(/-D47$/);
      const expected = cells.filter(([, cell]) => cell.formula).map(([, cell]) => cell.expected);
      for (const line of v.projection.lines ?? []) for (const x of line.values) expect(expected).toContain(x ?? 'n/a');
      expect(cells.filter(([, cell]) => cell.formula?.startsWith('IFERROR(')).length).toBeGreaterThan(30);
    }
    const ja = cases.find((x) => x.name === 'segments-ebit-ja') as Case;
    // A year the engine cannot compute (1 / (t − 2) in 2027) is "n/a" in the workbook as well, recalculated.
    expect(valueModel(ja.model).valuation.projection.lines?.find((l) => l.name === 'everyOther')?.values[1]).toBeNull();
    expect(compare(ja).mismatches).toEqual([]);
  });

  it('dated lines: XNPV and XIRR are live formulas over the year-end row, which is EDATE from the valuation date', () => {
    const c = cases.find((x) => x.name === 'dated-lines') as Case;
    const cells = [...(c.spec.sheets.find((sheet) => sheet.key === 'projections')?.cells.values() ?? [])];
    const formulas = cells.flatMap((cell) => (cell.formula ? [cell.formula] : []));
    expect(formulas.filter((f) => /^IFERROR\(XNPV\(0\.08,[A-Z]+\d+:[A-Z]+\d+,[A-Z]+\d+:[A-Z]+\d+\)/.test(f))).toHaveLength(5);
    expect(formulas.filter((f) => f.includes('XIRR('))).not.toHaveLength(0);
    expect(formulas.filter((f) => f.startsWith('EDATE('))).toHaveLength(5);
    expect(compare(c).mismatches).toEqual([]);
  });

  it('no exit multiple: the exit column says "not given" and no formula reads an exit multiple', () => {
    for (const name of ['no-exit-multiple', 'no-exit-multiple-vd-ja']) {
      const c = cases.find((x) => x.name === name) as Case;
      const assumptions = c.spec.sheets.find((sheet) => sheet.key === 'assumptions');
      expect(assumptions?.cells.get('C25')?.formula).toBeUndefined();
      expect(assumptions?.cells.get('C25')?.value).toMatch(/not given|未入力/);
      const dcf = c.spec.sheets.find((sheet) => sheet.key === 'dcf');
      // Column D below the discounting rows is the exit multiple's: no formula there.
      const exitColumn = [...(dcf?.cells.entries() ?? [])].filter(
        ([a1, cell]) => /^D\d+$/.test(a1) && Number(a1.slice(1)) >= 22 && cell.formula,
      );
      expect(exitColumn.map(([a1]) => a1)).toEqual([]);
      expect(dcf?.cells.get('D23')?.value).toMatch(/not given|未入力/);
      for (const sheet of c.spec.sheets)
        for (const cell of sheet.cells.values()) expect(cell.formula ?? '').not.toMatch(/\$C\$25\b|!C25\b/);
    }
  });

  it('inputs typed over in the workbook flow through to the value per share (live formulas)', () => {
    const c = cases.find((x) => x.name === 'sakura-edited') as Case;
    const { compared, mismatches } = compare(c);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(2000);
    const before = valueModel(parseFinancialModel(load('fm-project-sakura-v1.json'))).valuation.valuePerShare;
    expect(valueModel(c.model).valuation.valuePerShare).not.toBeCloseTo(before, 0);
  });
});

if (!soffice) it.skip(`LibreOffice recalculation — ${SKIP_REASON}`, () => {});
