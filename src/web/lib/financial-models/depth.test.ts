import { describe, expect, it } from 'vitest';
import { valuationSummary } from '../../../core/workbenches/financial-modeling/analysis';
import { valueModel } from '../../../core/workbenches/financial-modeling/model';
import { type FinancialModel, unitScale } from '../../../shared/contracts/financial-model';
import { valuationSummarySchema } from '../../../shared/contracts/financial-model-api';
import {
  gridRows,
  leverCaseValue,
  leverOn,
  leverPath,
  marginBasis,
  optionMethod,
  reinvestmentMode,
  setLeverCaseField,
  setLeverField,
  setLeverOn,
  setLossCarryForward,
  setOpeningInvestedCapital,
  setOpeningLosses,
  setOptionField,
  setSalesToCapitalLag,
  setSalesToCapitalPerYear,
  setSalesToCapitalRatio,
  setTerminalCaseValue,
  setTerminalCostOfCapital,
  setValueDriverField,
  setValueDriverOn,
  setWaccPathLine,
  setWaccPathMode,
  setWaccPathValue,
  switchMarginBasis,
  switchOptionMethod,
  switchReinvestment,
  terminalCaseValue,
  waccPathMode,
  waccPathValues,
} from './depth';
import { switchWaccMethod } from './edit';
import { draftIssues } from './issues';
import { sakura } from './testModel.fixture';

/** The schema's problems, as dotted paths (none: the server takes the document). */
const problems = (doc: FinancialModel) => draftIssues(doc).map((i) => `${i.key}: ${i.message}`);
const direct = () => switchWaccMethod(sakura(), 'direct', { rate: 0.07 });
const optionsGiven = { strike: 2000, maturity: 4, volatility: 0.3, riskFreeRate: 0.01 };

describe('cost of capital by year', () => {
  it('moves a given rate from one rate to a rate per year to a straight line and back, each accepted', () => {
    const one = direct();
    expect(waccPathMode(one)).toBe('single');
    const values = setWaccPathMode(one, 'values');
    expect(waccPathMode(values)).toBe('values');
    expect(waccPathValues(values)).toEqual([0.07, 0.07, 0.07, 0.07, 0.07]);
    const edited = setWaccPathValue(values, 4, 0.065);
    expect(problems(edited)).toEqual([]);
    expect(waccPathValues(edited)).toEqual([0.07, 0.07, 0.07, 0.07, 0.065]);
    const line = setWaccPathMode(edited, 'line');
    expect(line.wacc).toEqual({ method: 'direct', rate: 0.07, byYear: { rate: { fromYear: 2029, terminal: 0.065 } } });
    const moved = setWaccPathLine(line, 'fromYear', 2027);
    expect(problems(moved)).toEqual([]);
    // 7% until 2026, then a straight line reaching 6.4% in 2029 (the engine's path).
    const path = waccPathValues(setWaccPathLine(moved, 'terminal', 0.064));
    expect(path.map((x) => Number(x.toFixed(6)))).toEqual([0.07, 0.07, 0.068, 0.066, 0.064]);
    expect(setWaccPathMode(moved, 'single').wacc).toEqual({ method: 'direct', rate: 0.07 });
  });

  it('lets a CAPM beta drift to 1, keeping the other CAPM inputs by year', () => {
    const doc = sakura();
    const capm = doc.wacc.method === 'capm' ? doc.wacc : null;
    if (!capm) throw new Error('The demo model builds WACC by CAPM.');
    const withRf = { ...doc, wacc: { ...capm, byYear: { riskFreeRate: { values: [0.015, 0.016, 0.017, 0.018, 0.019] } } } };
    const line = setWaccPathMode(withRf, 'line');
    expect(line.wacc).toMatchObject({ byYear: { riskFreeRate: withRf.wacc.byYear.riskFreeRate, beta: { fromYear: 2029, terminal: 1 } } });
    const moved = setWaccPathLine(line, 'fromYear', 2027);
    // 0.85 until 2026, then straight to 1 in 2029.
    expect(waccPathValues(moved).map((x) => Number(x.toFixed(6)))).toEqual([0.85, 0.85, 0.9, 0.95, 1]);
    expect(problems(moved)).toEqual([]);
    const values = setWaccPathValue(setWaccPathMode(moved, 'values'), 0, 0.8);
    expect(values.wacc.byYear).toMatchObject({ beta: { values: [0.8, 0.85, 0.9, 0.95, 1] } });
    expect(problems(values)).toEqual([]);
    expect(setWaccPathMode(values, 'single').wacc).toEqual(withRf.wacc);
    expect(setWaccPathMode(setWaccPathMode(sakura(), 'values'), 'single').wacc).toEqual(sakura().wacc);
  });

  it('names a start year outside the forecast and a list of the wrong length at their paths', () => {
    const line = setWaccPathLine(setWaccPathMode(direct(), 'line'), 'fromYear', 2031);
    expect(problems(line)).toEqual([expect.stringMatching(/^wacc\.byYear\.rate\.fromYear: Must be a forecast year/)]);
    const emptied = setWaccPathLine(setWaccPathMode(direct(), 'line'), 'terminal', Number.NaN);
    expect(problems(emptied).map((p) => p.split(':')[0])).toEqual(['wacc.byYear.rate.terminal']);
  });

  it('states a terminal cost of capital and leaves it out when emptied', () => {
    const doc = setTerminalCostOfCapital(sakura(), 0.075);
    expect(doc.valuation.terminalValue.costOfCapital).toBe(0.075);
    expect(problems(doc)).toEqual([]);
    expect('costOfCapital' in setTerminalCostOfCapital(doc, Number.NaN).valuation.terminalValue).toBe(false);
    // At or below terminal growth: refused at the field.
    expect(problems(setTerminalCostOfCapital(sakura(), 0.005)).map((p) => p.split(':')[0])).toEqual([
      'valuation.terminalValue.costOfCapital',
    ]);
  });
});

describe('value-driver terminal value', () => {
  it('switches on with the terminal year given, RONIC optional, and off again', () => {
    const on = setValueDriverOn(sakura(), true, { operatingMargin: 0.108, taxRate: 0.3062 });
    expect(on.valuation.terminalValue.valueDriver).toEqual({ operatingMargin: 0.108, taxRate: 0.3062 });
    expect(problems(on)).toEqual([]);
    const ronic = setValueDriverField(on, 'ronic', 0.1);
    expect(ronic.valuation.terminalValue.valueDriver?.ronic).toBe(0.1);
    expect(setValueDriverField(ronic, 'ronic', Number.NaN).valuation.terminalValue.valueDriver).toEqual(
      on.valuation.terminalValue.valueDriver,
    );
    // RONIC at terminal growth: refused at its path.
    expect(problems(setValueDriverField(on, 'ronic', 0.008)).map((p) => p.split(':')[0])).toEqual([
      'valuation.terminalValue.valueDriver.ronic',
    ]);
    const withScenario = {
      ...ronic,
      scenarios: ronic.scenarios.map((s) => ({
        ...s,
        overrides: { ...s.overrides, terminalValue: { ...s.overrides.terminalValue, valueDriver: { ronic: 0.12 } } },
      })),
    };
    expect(problems(withScenario)).toEqual([]);
    const off = setValueDriverOn(withScenario, false, { operatingMargin: 0, taxRate: 0 });
    expect(off.valuation.terminalValue.valueDriver).toBeUndefined();
    expect(off.scenarios.map((s) => s.overrides.terminalValue)).toEqual([undefined, { growthRate: 0.004 }]);
    expect(problems(off)).toEqual([]);
  });
});

describe('reinvestment from sales to capital', () => {
  it('replaces capex and NWC (in the scenarios too) and brings them back', () => {
    const doc = sakura();
    doc.scenarios[0] = { ...doc.scenarios[0], overrides: { forecast: { capexPercentOfRevenue: [0.06, 0.06, 0.06, 0.06, 0.06] } } } as never;
    expect(problems(doc)).toEqual([]);
    const s2c = switchReinvestment(doc, 'salesToCapital', { ratio: 2.5, capex: [], nwc: [] });
    expect(reinvestmentMode(s2c)).toBe('salesToCapital');
    expect(s2c.forecast.salesToCapital).toEqual({ ratio: 2.5, lag: 0 });
    expect(s2c.scenarios[0]?.overrides).toEqual({});
    expect(problems(s2c)).toEqual([]);
    const perYear = setSalesToCapitalRatio(setSalesToCapitalPerYear(s2c, true), 2, 3);
    expect(perYear.forecast.salesToCapital?.ratio).toEqual([2.5, 2.5, 3, 2.5, 2.5]);
    expect(problems(setSalesToCapitalLag(perYear, 2))).toEqual([]);
    expect(problems(setSalesToCapitalLag(perYear, 4)).map((p) => p.split(':')[0])).toEqual(['forecast.salesToCapital.lag']);
    expect(setSalesToCapitalPerYear(perYear, false).forecast.salesToCapital?.ratio).toBe(2.5);
    const invested = setOpeningInvestedCapital(perYear, 52_000);
    expect(problems(invested)).toEqual([]);
    expect('openingInvestedCapital' in setOpeningInvestedCapital(invested, Number.NaN).forecast).toBe(false);
    const back = switchReinvestment(perYear, 'percentOfRevenue', {
      ratio: 0,
      capex: sakura().forecast.capexPercentOfRevenue,
      nwc: sakura().forecast.nwcPercentOfRevenue,
    });
    expect(back.forecast.salesToCapital).toBeUndefined();
    expect(back.forecast.capexPercentOfRevenue).toEqual(sakura().forecast.capexPercentOfRevenue);
    expect(problems(back)).toEqual([]);
  });
});

describe('EBITDA margin or operating margin', () => {
  it('keeps EBIT where it was, in the base case and the scenarios, both ways', () => {
    const ebit = switchMarginBasis(sakura(), 'operatingMargin');
    expect(marginBasis(ebit)).toBe('operatingMargin');
    expect(ebit.forecast.ebitdaMargin).toEqual([]);
    expect(ebit.forecast.operatingMargin).toEqual([0.099, 0.102, 0.107, 0.108, 0.108]);
    expect(ebit.scenarios[0]?.overrides.forecast?.operatingMargin).toEqual([0.104, 0.107, 0.109, 0.11, 0.11]);
    expect(ebit.scenarios[0]?.overrides.forecast?.ebitdaMargin).toBeUndefined();
    expect(problems(ebit)).toEqual([]);
    const back = switchMarginBasis(ebit, 'ebitdaMargin');
    expect(back.forecast.ebitdaMargin).toEqual(sakura().forecast.ebitdaMargin);
    expect(back.scenarios).toEqual(sakura().scenarios);
    expect(problems(back)).toEqual([]);
  });

  it('gives a model without D&A a D&A of 0% when it goes back to the EBITDA margin', () => {
    const ebit = switchMarginBasis(sakura(), 'operatingMargin');
    const noDa = { ...ebit, forecast: { ...ebit.forecast, depreciationPercentOfRevenue: [] } };
    expect(problems(noDa)).toEqual([]);
    const back = switchMarginBasis(noDa, 'ebitdaMargin');
    expect(back.forecast.depreciationPercentOfRevenue).toEqual([0, 0, 0, 0, 0]);
    expect(problems(back)).toEqual([]);
  });
});

describe('levers', () => {
  it('turns each driver into its lever and back, scenarios moving the lever', () => {
    let doc = sakura();
    for (const group of ['revenueGrowth', 'margin', 'taxRate'] as const) {
      doc = setLeverOn(doc, group, true, { marginalTax: 0.3062 });
      expect(leverOn(doc, group)).toBe(true);
      expect(problems(doc)).toEqual([]);
    }
    expect(doc.forecast.levers).toEqual({
      revenueGrowth: { firstYear: 0.035, years2To5: 0.035 },
      ebitdaMargin: { firstYear: 0.14, target: 0.149, targetYear: 2029 },
      taxRate: { effective: 0.3062, marginal: 0.3062, marginalFromYear: 2029 },
    });
    expect(doc.forecast.revenueGrowth).toEqual([]);
    // The bull case's lists became its lever fields.
    expect(doc.scenarios[0]?.overrides.forecast).toEqual({
      levers: { revenueGrowth: { firstYear: 0.065, years2To5: 0.06 }, ebitdaMargin: { firstYear: 0.145, target: 0.151 } },
    });
    expect(leverPath(doc, 'base', 'margin')?.map((x) => Number(x.toFixed(6)))).toEqual([0.14, 0.14225, 0.1445, 0.14675, 0.149]);
    doc = setLeverField(doc, 'taxRate', 'marginalFromYear', 2027);
    doc = setLeverField(doc, 'taxRate', 'marginal', 0.25);
    expect(leverPath(doc, 'base', 'taxRate')?.map((x) => Number(x.toFixed(6)))).toEqual([0.3062, 0.2781, 0.25, 0.25, 0.25]);
    expect(problems(setLeverField(doc, 'margin', 'targetYear', 2025)).map((p) => p.split(':')[0])).toEqual([
      'forecast.levers.ebitdaMargin.targetYear',
    ]);
    const off = setLeverOn(doc, 'revenueGrowth', false, { marginalTax: 0 });
    expect(off.forecast.revenueGrowth).toEqual([0.035, 0.035, 0.035, 0.035, 0.035]);
    expect(off.scenarios[0]?.overrides.forecast?.revenueGrowth).toEqual([0.065, 0.06, 0.06, 0.06, 0.06]);
    expect(problems(off)).toEqual([]);
  });

  it('moves a margin lever with the margin basis', () => {
    const doc = switchMarginBasis(setLeverOn(sakura(), 'margin', true, { marginalTax: 0.3 }), 'operatingMargin');
    expect(doc.forecast.levers?.operatingMargin).toEqual({ firstYear: 0.099, target: 0.108, targetYear: 2029 });
    expect(doc.forecast.operatingMargin).toBeUndefined();
    expect(problems(doc)).toEqual([]);
  });

  it('fades revenue growth from years 2–5 to terminal growth in the last year', () => {
    const doc = sakura();
    const long = { ...doc, forecast: { ...doc.forecast, years: [2025, 2026, 2027, 2028, 2029, 2030, 2031] } };
    const withLever = {
      ...long,
      forecast: { ...long.forecast, revenueGrowth: [], levers: { revenueGrowth: { firstYear: 0.1, years2To5: 0.06 } } },
    };
    expect(leverPath(withLever, 'base', 'revenueGrowth')?.map((x) => Number(x.toFixed(6)))).toEqual([
      0.1, 0.06, 0.06, 0.06, 0.06, 0.034, 0.008,
    ]);
  });
});

describe('taxes on losses and employee options', () => {
  it('carries losses forward from an opening balance', () => {
    const doc = setOpeningLosses(setLossCarryForward(sakura(), true), 1200);
    expect(doc.forecast.lossCarryForward).toEqual({ openingBalance: 1200 });
    expect(problems(doc)).toEqual([]);
    expect(problems(setOpeningLosses(doc, -1)).map((p) => p.split(':')[0])).toEqual(['forecast.lossCarryForward.openingBalance']);
    expect(setLossCarryForward(doc, false).forecast.lossCarryForward).toBeUndefined();
  });

  it('moves the options with a strike into one Black–Scholes grant and back', () => {
    const bs = switchOptionMethod(sakura(), 'blackScholes', optionsGiven);
    expect(optionMethod(bs)).toBe('blackScholes');
    expect(bs.shares.dilutive).toEqual([]);
    expect(bs.shares.options).toMatchObject({ count: 0.87, maturity: 4, volatility: 0.3, dividendYield: 0 });
    expect(bs.shares.options?.averageStrike).toBeCloseTo((0.12 * 1 + 0.45 * 2200 + 0.3 * 3600) / 0.87, 6);
    expect(bs.shares.options?.riskFreeRate).toBeUndefined(); // the CAPM WACC's
    expect(problems(bs)).toEqual([]);
    // A WACC given directly has no risk-free rate: emptied, it is named at its field.
    const directBs = setOptionField(switchWaccMethod(bs, 'direct', { rate: 0.07 }), 'riskFreeRate', Number.NaN);
    expect(problems(directBs).map((p) => p.split(':')[0])).toEqual(['shares.options.riskFreeRate']);
    expect(problems(setOptionField(directBs, 'riskFreeRate', 0.01))).toEqual([]);
    const back = switchOptionMethod(bs, 'treasuryStock', optionsGiven);
    expect(back.shares.options).toBeUndefined();
    expect(back.shares.dilutive).toHaveLength(1);
    expect(problems(back)).toEqual([]);
  });
});

describe('scenarios changing the terminal value and the levers', () => {
  const vd = () => setValueDriverOn(sakura(), true, { operatingMargin: 0.108, taxRate: 0.3062 });

  it('overrides RONIC and the terminal cost of capital in a scenario, and follows the base case again when emptied', () => {
    let doc = setTerminalCaseValue(vd(), 'bear', 'ronic', 0.09);
    doc = setTerminalCaseValue(doc, 'bear', 'costOfCapital', 0.08);
    expect(doc.scenarios[1]?.overrides.terminalValue).toEqual({ growthRate: 0.004, costOfCapital: 0.08, valueDriver: { ronic: 0.09 } });
    expect(terminalCaseValue(doc, 'bear', 'ronic')).toEqual({ value: 0.09, overridden: true });
    expect(terminalCaseValue(doc, 'base', 'ronic').value).toBeNaN();
    expect(terminalCaseValue(doc, 'bull', 'operatingMargin')).toEqual({ value: 0.108, overridden: false });
    expect(problems(doc)).toEqual([]);
    // RONIC at the bear case's growth (0.4%): refused at the scenario's field.
    expect(problems(setTerminalCaseValue(doc, 'bear', 'ronic', 0.004)).map((p) => p.split(':')[0])).toEqual([
      'scenarios.1.overrides.terminalValue.valueDriver.ronic',
    ]);
    doc = setTerminalCaseValue(doc, 'bear', 'ronic', Number.NaN);
    doc = setTerminalCaseValue(doc, 'bear', 'costOfCapital', Number.NaN);
    expect(doc.scenarios[1]?.overrides.terminalValue).toEqual({ growthRate: 0.004 });
    // The value the base case has is no change.
    expect(setTerminalCaseValue(doc, 'bull', 'operatingMargin', 0.108).scenarios[0]?.overrides).toEqual(sakura().scenarios[0]?.overrides);
  });

  it('moves a lever field in a scenario', () => {
    const base = setLeverOn(sakura(), 'margin', true, { marginalTax: 0.3 });
    const doc = setLeverCaseField(base, 'bear', 'margin', 'target', 0.13);
    expect(doc.scenarios[1]?.overrides.forecast?.levers?.ebitdaMargin).toEqual({ firstYear: 0.13, target: 0.13 });
    expect(leverCaseValue(doc, 'bear', 'margin', 'target')).toEqual({ value: 0.13, overridden: true });
    expect(leverCaseValue(doc, 'bear', 'margin', 'targetYear')).toEqual({ value: 2029, overridden: false });
    expect(problems(doc)).toEqual([]);
    const back = setLeverCaseField(setLeverCaseField(doc, 'bear', 'margin', 'target', Number.NaN), 'bear', 'margin', 'firstYear', 0.14);
    expect(back.scenarios[1]?.overrides.forecast).toEqual({ revenueGrowth: [0.03, 0.025, 0.02, 0.015, 0.01] });
  });

  it('lists the grid rows the model has as values by year', () => {
    expect(gridRows(sakura()).map((r) => r.key)).toEqual([
      'revenueGrowth',
      'ebitdaMargin',
      'depreciationPercentOfRevenue',
      'capexPercentOfRevenue',
      'nwcPercentOfRevenue',
      'taxRate',
    ]);
    const deep = setLeverOn(
      switchReinvestment(switchMarginBasis(sakura(), 'operatingMargin'), 'salesToCapital', { ratio: 2, capex: [], nwc: [] }),
      'taxRate',
      true,
      { marginalTax: 0.3 },
    );
    expect(gridRows(deep)).toEqual([
      { key: 'revenueGrowth', lever: null },
      { key: 'operatingMargin', lever: null },
      { key: 'depreciationPercentOfRevenue', lever: null },
      { key: 'taxRate', lever: 'taxRate' },
    ]);
  });
});

describe('the options’ value shown', () => {
  it('is the Black–Scholes value the engine deducts, as the API gives it, with and without treasury-stock tranches beside it', () => {
    // A test may reach the engine: the figures the web shows are the engine's own numbers, through the API's schema.
    const bs = switchOptionMethod(sakura(), 'blackScholes', optionsGiven);
    const withTranche = { ...bs, shares: { ...bs.shares, dilutive: [{ label: 'RSU', count: 0.12, strikePrice: 1 }] } };
    for (const doc of [bs, withTranche]) {
      const { valuation } = valueModel(doc);
      const engine = (valuation.primary === 'gordon' ? valuation.gordon : (valuation.exitMultipleMethod ?? valuation.gordon)).dilution
        .options;
      expect(engine?.total).toBeGreaterThan(0);
      const shown = valuationSummarySchema.parse(valuationSummary(valuation)).options;
      expect(shown).toEqual({
        underlying: engine?.underlying,
        call: engine?.call,
        dilutionFactor: engine?.dilutionFactor,
        perOption: engine?.perOption,
        total: engine?.total,
      });
      // What the web used to derive: the equity left for the shares is value per share × diluted shares.
      const forShares = (valuation.valuePerShare * valuation.dilutedShares * unitScale[doc.shares.unit]) / unitScale[doc.meta.unit];
      expect(valuation.equityValue - forShares).toBeCloseTo(shown?.total as number, 6);
      const count = doc.shares.options?.count ?? 0;
      expect(((shown?.perOption as number) * count * unitScale[doc.shares.unit]) / unitScale[doc.meta.unit]).toBeCloseTo(
        shown?.total as number,
        9,
      );
      expect(shown?.dilutionFactor).toBeCloseTo(doc.shares.basic / (doc.shares.basic + count), 12);
    }
    expect(valuationSummarySchema.parse(valuationSummary(valueModel(sakura()).valuation)).options).toBeUndefined();
  });
});
