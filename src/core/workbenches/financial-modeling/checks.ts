import type { CheckCode, CheckMessage, CheckMessageKey } from '../../../shared/check-messages.js';
import {
  type FinancialModel,
  type ForecastDriverKey,
  forecastDriverKeys,
  type InputId,
} from '../../../shared/contracts/financial-model.js';
import type { MessageParams } from '../../../shared/errors.js';
import { adjustmentFindings } from './adjustments-checks.js';
import { applicableInputs, ebitdaOf, netWorkingCapitalOf, resolveCase, scenarioNames, type ValuationCase } from './case.js';
import { companyMultiples, multipleKeys } from './comparables.js';
import { computeValuation, growthLimitReasons, type InvalidReason, type Valuation } from './dcf.js';
import { customLineFindings } from './lines-checks.js';
import { median } from './statistics.js';

/**
 * Automated checks of a financial model, run on every submission of a financial-modeling
 * deliverable. Pure: a model in, findings out; never throws on a model that passed the schema.
 */

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface Finding {
  status: CheckStatus;
  /** Stable identifier of the check, e.g. "terminal.growth_below_wacc". */
  code: CheckCode;
  /** Where in the model document the finding points. */
  path: (string | number)[];
  scenario: string | null;
  /** What was found, as a message key and its values: the reader's language words it (shared/check-messages). */
  message: CheckMessage;
}

export interface CheckReport {
  status: CheckStatus;
  counts: Record<CheckStatus, number>;
  findings: Finding[];
}

/** Thresholds, in decimals. */
export const checkThresholds = {
  terminalValueShare: 0.85,
  /** How far a forecast EBITDA margin may stray outside the historical range. */
  marginOutsideHistory: 0.05,
  /** A change of NWC as a share of revenue from one year to the next. */
  nwcSwing: 0.05,
  /** Revenue growing or shrinking by this factor in a year looks like a change of units. */
  unitJump: 100,
  /** Value per share this many times above or below the market price looks like a unit mistake. */
  priceMismatch: 20,
  /** A balance sheet may be off by this share of total assets (rounding of published figures). */
  balanceTolerance: 1e-4,
  minimumPeers: 3,
  betaRange: [0.3, 3] as const,
  /** How far the value-driver terminal reinvestment rate (g/RONIC) may be from the last forecast year's. */
  reinvestmentRateGap: 0.1,
  /** How far RONIC may be from the return the last forecast year implies (its growth over its reinvestment rate). */
  ronicGap: 0.05,
  /**
   * How far above the terminal cost of capital the return carried into the terminal value may be
   * (5 percentage points): the last forecast year's ROIC under a Gordon value on its cash flow,
   * RONIC under the value-driver formula. Competition is assumed to wear a larger spread down.
   */
  roicSpread: 0.05,
};

// Numbers are written the same way in every language kpo speaks; words come from the message key.
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

class Findings {
  readonly list: Finding[] = [];
  add(
    status: CheckStatus,
    code: CheckCode,
    path: (string | number)[],
    key: CheckMessageKey,
    params: MessageParams = {},
    scenario: string | null = null,
  ) {
    this.list.push({ status, code, path, scenario, message: { key, params } });
  }
  /** A pass finding for a check that found nothing, so a report shows what ran. */
  passIfClean(code: CheckCode, path: (string | number)[], key: CheckMessageKey, params: MessageParams = {}) {
    if (!this.list.some((f) => f.code === code)) this.add('pass', code, path, key, params);
  }
}

interface CaseRun {
  name: string;
  index: number | null;
  c: ValuationCase;
  valuation: Valuation | null;
}

/** Where a forecast driver of a case lives: the scenario's override when it has one, else the base forecast. */
function driverPath(model: FinancialModel, run: CaseRun, key: ForecastDriverKey, i: number): (string | number)[] | null {
  // Revenue growth a segment model implies points at its segments (docs/decisions/0010, segments and custom lines).
  if (key === 'revenueGrowth' && model.forecast.segments?.length)
    return run.index === null
      ? ['forecast', 'segments']
      : model.scenarios[run.index]?.overrides.forecast?.segments
        ? ['scenarios', run.index, 'overrides', 'forecast', 'segments']
        : null;
  const lever = (model.forecast.levers as Record<string, unknown> | undefined)?.[key];
  if (lever) {
    // A path from a lever points at the lever (the year's value is not in the document).
    if (run.index === null) return ['forecast', 'levers', key];
    const moved = (model.scenarios[run.index]?.overrides.forecast?.levers as Record<string, unknown> | undefined)?.[key];
    return moved ? ['scenarios', run.index, 'overrides', 'forecast', 'levers', key] : null;
  }
  if (run.index === null) return ['forecast', key, i];
  return model.scenarios[run.index]?.overrides.forecast?.[key] ? ['scenarios', run.index, 'overrides', 'forecast', key, i] : null;
}

/** The words of terminal growth reaching its limit: WACC, the terminal cost of capital or RONIC. */
const growthLimitMessage: Partial<Record<InvalidReason, CheckMessageKey>> = {
  growth_not_below_wacc: 'growthNotBelowWacc',
  growth_not_below_terminal_cost_of_capital: 'growthNotBelowTerminalCostOfCapital',
  growth_not_below_ronic: 'growthNotBelowRonic',
};

function checkTerminal(model: FinancialModel, runs: CaseRun[], out: Findings) {
  for (const run of runs) {
    const outcome = computeValuation(run.c);
    const scenarioPath = run.index === null ? [] : ['scenarios', run.index, 'overrides'];
    if (!outcome.ok) {
      if (growthLimitReasons.has(outcome.reason))
        out.add(
          'fail',
          'terminal.growth_below_wacc',
          run.index !== null && model.scenarios[run.index]?.overrides.terminalValue?.growthRate !== undefined
            ? [...scenarioPath, 'terminalValue', 'growthRate']
            : ['valuation', 'terminalValue', 'growthRate'],
          growthLimitMessage[outcome.reason] ?? 'growthNotBelowWacc',
          outcome.reason === 'growth_not_below_ronic'
            ? { growth: pct(run.c.terminalGrowth), ronic: pct(run.c.valueDriver?.ronic ?? outcome.discountRate), case: run.name }
            : { growth: pct(run.c.terminalGrowth), wacc: pct(outcome.discountRate), case: run.name },
          run.name,
        );
      else if (outcome.reason === 'wacc_not_positive')
        out.add('fail', 'wacc.positive', ['wacc'], 'waccNotPositive', { wacc: pct(outcome.discountRate), case: run.name }, run.name);
      else out.add('fail', 'valuation.computable', ['forecast'], 'notComputable', { case: run.name }, run.name);
      continue;
    }
    const v = outcome.valuation;
    for (const m of v.exitMultipleMethod ? [v.gordon, v.exitMultipleMethod] : [v.gordon]) {
      const share = m.terminalValueShare;
      if (share !== null && share > checkThresholds.terminalValueShare)
        out.add(
          'warn',
          'terminal.value_share',
          m.method === 'gordon' ? ['valuation', 'terminalValue', 'growthRate'] : ['valuation', 'terminalValue', 'exitMultiple'],
          m.method === 'gordon' ? 'terminalShareGordon' : 'terminalShareExit',
          { share: pct(share), limit: pct(checkThresholds.terminalValueShare), case: run.name },
          run.name,
        );
    }
    if (v.equityValue <= 0)
      out.add('warn', 'value.negative_equity', ['bridge'], 'negativeEquity', { equity: fmt(v.equityValue), case: run.name }, run.name);
  }
  out.passIfClean('terminal.growth_below_wacc', ['valuation', 'terminalValue', 'growthRate'], 'growthBelowWaccPass');
  out.passIfClean('terminal.value_share', ['valuation', 'terminalValue'], 'terminalSharePass', {
    limit: pct(checkThresholds.terminalValueShare),
  });
}

/** The value-driver terminal value against the last forecast year: reinvestment rate and return on new capital. */
function checkValueDriver(model: FinancialModel, runs: CaseRun[], out: Findings) {
  if (!model.valuation.terminalValue.valueDriver) return;
  const path = ['valuation', 'terminalValue', 'valueDriver'];
  for (const run of runs) {
    const vd = run.valuation?.valueDriver;
    if (!vd) continue;
    const year = run.c.years.at(-1) ?? '';
    const last = vd.lastYearReinvestmentRate;
    if (last !== null && Math.abs(vd.reinvestmentRate - last) > checkThresholds.reinvestmentRateGap)
      out.add(
        'warn',
        'terminal.value_driver',
        path,
        'terminalReinvestmentVsLastYear',
        { terminal: pct(vd.reinvestmentRate), last: pct(last), year, case: run.name },
        run.name,
      );
    const implied = vd.lastYearImpliedRonic;
    if (implied !== null && Math.abs(vd.ronic - implied) > checkThresholds.ronicGap)
      out.add(
        'warn',
        'terminal.value_driver',
        [...path, 'ronic'],
        'terminalRonicVsLastYear',
        { ronic: pct(vd.ronic), last: pct(implied), year, case: run.name },
        run.name,
      );
  }
  out.passIfClean('terminal.value_driver', path, 'valueDriverPass');
}

/**
 * ROIC far above the cost of capital for ever: the terminal value carries the return of the last
 * forecast year (a Gordon value on its free cash flow), or RONIC (the value-driver formula).
 */
function checkRoic(model: FinancialModel, runs: CaseRun[], out: Findings) {
  if (model.forecast.openingInvestedCapital === undefined) return;
  const path = ['forecast', 'openingInvestedCapital'];
  for (const run of runs) {
    const v = run.valuation;
    const ic = v?.projection.investedCapital;
    if (!v || !ic) continue;
    const roic = v.valueDriver ? v.valueDriver.ronic : (ic.roic.at(-1) ?? null);
    const terminal = v.costOfCapital.terminal;
    if (roic === null || !(roic - terminal > checkThresholds.roicSpread)) continue;
    out.add(
      'warn',
      'terminal.roic_vs_cost_of_capital',
      v.valueDriver ? ['valuation', 'terminalValue', 'valueDriver', 'ronic'] : path,
      v.valueDriver ? 'terminalRonicAboveCostOfCapital' : 'roicAboveCostOfCapital',
      {
        roic: pct(roic),
        wacc: pct(terminal),
        limit: pct(checkThresholds.roicSpread),
        year: run.c.years.at(-1) ?? '',
        case: run.name,
      },
      run.name,
    );
  }
  out.passIfClean('terminal.roic_vs_cost_of_capital', path, 'roicPass', { limit: pct(checkThresholds.roicSpread) });
}

function historicalMargins(model: FinancialModel): number[] {
  return model.historicals.filter((y) => y.incomeStatement.revenue > 0).map((y) => ebitdaOf(y) / y.incomeStatement.revenue);
}

function checkForecastAgainstHistory(model: FinancialModel, runs: CaseRun[], out: Findings) {
  const margins = historicalMargins(model);
  if (margins.length > 0) {
    const lo = Math.min(...margins) - checkThresholds.marginOutsideHistory;
    const hi = Math.max(...margins) + checkThresholds.marginOutsideHistory;
    for (const run of runs) {
      run.c.drivers.ebitdaMargin.forEach((m, i) => {
        const path = driverPath(model, run, 'ebitdaMargin', i);
        if (path && (m < lo || m > hi))
          out.add(
            'warn',
            'forecast.margin_vs_history',
            path,
            'marginVsHistory',
            {
              margin: pct(m),
              year: run.c.years[i] ?? '',
              low: pct(Math.min(...margins)),
              high: pct(Math.max(...margins)),
              case: run.name,
            },
            run.name,
          );
      });
    }
  }
  out.passIfClean('forecast.margin_vs_history', ['forecast', 'ebitdaMargin'], 'marginVsHistoryPass');

  const last = model.historicals.at(-1);
  const lastNwc = last ? netWorkingCapitalOf(last) : null;
  const lastNwcShare = last && lastNwc !== null && last.incomeStatement.revenue > 0 ? lastNwc / last.incomeStatement.revenue : null;
  for (const run of runs) {
    const shares = run.c.drivers.nwcPercentOfRevenue;
    shares.forEach((s, i) => {
      const before = i === 0 ? lastNwcShare : (shares[i - 1] ?? null);
      const path = driverPath(model, run, 'nwcPercentOfRevenue', i);
      if (path && before !== null && Math.abs(s - before) > checkThresholds.nwcSwing)
        out.add(
          'warn',
          'forecast.nwc_swing',
          path,
          'nwcSwing',
          { from: pct(before), to: pct(s), year: run.c.years[i] ?? '', case: run.name },
          run.name,
        );
    });
  }
  out.passIfClean('forecast.nwc_swing', ['forecast', 'nwcPercentOfRevenue'], 'nwcSwingPass');
}

function checkSigns(model: FinancialModel, runs: CaseRun[], out: Findings) {
  model.historicals.forEach((y, i) => {
    const is = y.incomeStatement;
    if (is.revenue <= 0)
      out.add('warn', 'sign.revenue', ['historicals', i, 'incomeStatement', 'revenue'], 'revenueNotPositive', {
        year: y.year,
        value: fmt(is.revenue),
      });
    for (const key of ['costOfSales', 'sellingGeneralAdministrative', 'depreciationAmortization'] as const) {
      const v = is[key];
      if (v !== undefined && v < 0)
        out.add('warn', 'sign.expense', ['historicals', i, 'incomeStatement', key], 'expenseNegative', {
          line: key,
          year: y.year,
          value: fmt(v),
        });
    }
    const capex = y.cashFlow?.capitalExpenditure;
    if (capex !== undefined && capex < 0)
      out.add('warn', 'sign.expense', ['historicals', i, 'cashFlow', 'capitalExpenditure'], 'capexNegative', {
        year: y.year,
        value: fmt(capex),
      });
  });
  for (const run of runs) {
    for (const key of ['depreciationPercentOfRevenue', 'capexPercentOfRevenue', 'taxRate'] as const) {
      run.c.drivers[key].forEach((v, i) => {
        const path = driverPath(model, run, key, i);
        if (path && v < 0)
          out.add(
            'warn',
            'sign.forecast_driver',
            path,
            'driverNegative',
            { driver: key, value: pct(v), year: run.c.years[i] ?? '', case: run.name },
            run.name,
          );
      });
    }
    const revenue = run.valuation?.projection.revenue ?? [];
    revenue.forEach((r, i) => {
      if (r <= 0)
        out.add(
          'warn',
          'sign.projected_revenue',
          ['forecast', 'revenueGrowth', i],
          'projectedRevenueNotPositive',
          { year: run.c.years[i] ?? '', value: fmt(r), case: run.name },
          run.name,
        );
    });
  }
  out.passIfClean('sign.revenue', ['historicals'], 'revenuePositivePass');
  out.passIfClean('sign.expense', ['historicals'], 'expensesPositivePass');
  out.passIfClean('sign.forecast_driver', ['forecast'], 'driversNotNegativePass');
}

/** Rates above these look like percentages typed as whole numbers (5 for 5%). */
const plausibleRateMax: Partial<Record<ForecastDriverKey, number>> = {
  revenueGrowth: 1,
  ebitdaMargin: 1,
  depreciationPercentOfRevenue: 1,
  capexPercentOfRevenue: 1,
  nwcPercentOfRevenue: 1.5,
};

function checkUnits(model: FinancialModel, runs: CaseRun[], out: Findings) {
  for (const run of runs) {
    for (const key of forecastDriverKeys) {
      const max = plausibleRateMax[key];
      if (max === undefined) continue;
      run.c.drivers[key].forEach((v, i) => {
        const path = driverPath(model, run, key, i);
        if (path && Math.abs(v) > max)
          out.add(
            'warn',
            'units.rate_as_percent',
            path,
            'driverRateAsPercent',
            { driver: key, year: run.c.years[i] ?? '', value: v, percent: pct(v), suggestion: v / 100 },
            run.name,
          );
      });
    }
  }
  const w = model.wacc;
  type ScalarRate = [(string | number)[], string, number, number];
  const scalarRates: ScalarRate[] = [
    [['valuation', 'terminalValue', 'growthRate'], 'terminalGrowth', model.valuation.terminalValue.growthRate, 0.25],
    ...(w.method === 'capm'
      ? ([
          [['wacc', 'riskFreeRate'], 'riskFreeRate', w.riskFreeRate, 0.25],
          [['wacc', 'equityRiskPremium'], 'equityRiskPremium', w.equityRiskPremium, 0.25],
          [['wacc', 'sizePremium'], 'sizePremium', w.sizePremium, 0.25],
          [['wacc', 'preTaxCostOfDebt'], 'preTaxCostOfDebt', w.preTaxCostOfDebt, 0.5],
        ] as ScalarRate[])
      : ([[['wacc', 'rate'], 'rate', w.rate, 0.5]] as ScalarRate[])),
  ];
  for (const [path, input, v, max] of scalarRates)
    if (Math.abs(v) > max)
      out.add('warn', 'units.rate_as_percent', path, 'inputRateAsPercent', { input, value: v, percent: pct(v), suggestion: v / 100 });

  model.historicals.forEach((y, i) => {
    const prev = model.historicals[i - 1];
    if (!prev || prev.incomeStatement.revenue <= 0 || y.incomeStatement.revenue <= 0) return;
    const ratio = y.incomeStatement.revenue / prev.incomeStatement.revenue;
    if (ratio > checkThresholds.unitJump || ratio < 1 / checkThresholds.unitJump)
      out.add('warn', 'units.magnitude_jump', ['historicals', i, 'incomeStatement', 'revenue'], 'magnitudeJump', {
        ratio: fmt(ratio),
        from: prev.year,
        to: y.year,
        unit: model.meta.unit,
      });
  });

  const base = runs[0]?.valuation;
  const price = model.market?.sharePrice;
  if (base && price && base.valuePerShare > 0) {
    const ratio = base.valuePerShare / price;
    if (ratio > checkThresholds.priceMismatch || ratio < 1 / checkThresholds.priceMismatch)
      out.add('warn', 'units.value_per_share', ['shares', 'unit'], 'valuePerShareMismatch', {
        value: fmt(base.valuePerShare),
        ratio: fmt(ratio),
        price: fmt(price),
        shareUnit: model.shares.unit,
        unit: model.meta.unit,
      });
  }
  if (base && model.comparables) {
    const peerEv = median(model.comparables.companies.map((c) => Math.abs(c.enterpriseValue)));
    const ev = Math.abs(base.enterpriseValue);
    if (peerEv && ev > 0 && (peerEv / ev > 1000 || ev / peerEv > 1000))
      out.add('warn', 'units.comparables', ['comparables', 'companies'], 'comparablesUnits', {
        peers: fmt(peerEv),
        target: fmt(ev),
        unit: model.meta.unit,
      });
  }
  out.passIfClean('units.rate_as_percent', ['forecast'], 'ratesDecimalPass');
  out.passIfClean('units.magnitude_jump', ['historicals'], 'magnitudePass');
}

function checkBalanceSheets(model: FinancialModel, out: Findings) {
  let any = false;
  model.historicals.forEach((y, i) => {
    const b = y.balanceSheet;
    if (!b) return;
    any = true;
    const assets = b.cash + b.receivables + b.inventories + b.otherCurrentAssets + b.propertyPlantEquipment + b.otherNonCurrentAssets;
    const claims = b.payables + b.otherCurrentLiabilities + b.debt + b.otherNonCurrentLiabilities + b.equity;
    const tolerance = Math.max(checkThresholds.balanceTolerance * Math.abs(b.totalAssets ?? assets), 1e-9);
    if (Math.abs(assets - claims) > tolerance)
      out.add('fail', 'balance.balance_sheet', ['historicals', i, 'balanceSheet'], 'balanceSheet', {
        year: y.year,
        assets: fmt(assets),
        claims: fmt(claims),
        difference: fmt(assets - claims),
      });
    if (b.totalAssets !== undefined && Math.abs(b.totalAssets - assets) > tolerance)
      out.add('fail', 'balance.total_assets', ['historicals', i, 'balanceSheet', 'totalAssets'], 'totalAssets', {
        year: y.year,
        total: fmt(b.totalAssets),
        sum: fmt(assets),
      });
  });
  if (any) {
    out.passIfClean('balance.balance_sheet', ['historicals'], 'balanceSheetPass');
    out.passIfClean('balance.total_assets', ['historicals'], 'totalAssetsPass');
  }
}

function checkSources(model: FinancialModel, base: ValuationCase, out: Findings) {
  // The probability of failure became a sensitivity input after models with it were saved; asking
  // for its source would add a warning to those versions, so it is sourced with valuation.failure.
  const needed: InputId[] = applicableInputs(base).filter(
    (id) => (base.wacc.method === 'capm' ? id !== 'wacc' : true) && id !== 'failureProbability',
  );
  for (const id of needed)
    if (!model.sources[id]?.trim()) out.add('warn', 'sources.missing', ['sources', id], 'sourceMissing', { input: id });
  out.passIfClean('sources.missing', ['sources'], 'sourcesPass');
}

function checkComparables(model: FinancialModel, out: Findings) {
  if (!model.comparables) return;
  const companies = companyMultiples(model.comparables);
  for (const key of multipleKeys) {
    const n = companies.filter((c) => c[key] !== null).length;
    const excluded = companies.filter((c) => c[key] === null).map((c) => c.name);
    if (n < checkThresholds.minimumPeers)
      out.add('warn', 'comparables.meaningful_peers', ['comparables', 'companies'], excluded.length ? 'fewPeersExcluded' : 'fewPeers', {
        count: n,
        multiple: key,
        minimum: checkThresholds.minimumPeers,
        ...(excluded.length && { excluded: excluded.join(', ') }),
      });
  }
  out.passIfClean('comparables.meaningful_peers', ['comparables'], 'peersPass', { minimum: checkThresholds.minimumPeers });
}

function checkWacc(model: FinancialModel, base: CaseRun, out: Findings) {
  const w = base.valuation?.wacc;
  if (w?.method !== 'capm' || w.leveredBeta === null || w.costOfEquity === null) return;
  const [lo, hi] = checkThresholds.betaRange;
  if (w.leveredBeta < lo || w.leveredBeta > hi)
    out.add('warn', 'wacc.beta_range', ['wacc', 'beta'], 'betaRange', { beta: w.leveredBeta.toFixed(2), low: lo, high: hi });
  if (model.wacc.method === 'capm' && w.costOfEquity < model.wacc.preTaxCostOfDebt)
    out.add('warn', 'wacc.equity_below_debt', ['wacc'], 'equityBelowDebt', {
      costOfEquity: pct(w.costOfEquity),
      costOfDebt: pct(model.wacc.preTaxCostOfDebt),
    });
  out.passIfClean('wacc.beta_range', ['wacc', 'beta'], 'betaPass');
}

export function checkModel(model: FinancialModel): CheckReport {
  const out = new Findings();
  const runs: CaseRun[] = scenarioNames(model).map((name, i) => {
    const c = resolveCase(model, name);
    const outcome = computeValuation(c);
    return { name, index: i === 0 ? null : i - 1, c, valuation: outcome.ok ? outcome.valuation : null };
  });
  const base = runs[0] as CaseRun;
  checkTerminal(model, runs, out);
  checkValueDriver(model, runs, out);
  checkRoic(model, runs, out);
  checkWacc(model, base, out);
  checkForecastAgainstHistory(model, runs, out);
  checkSigns(model, runs, out);
  checkUnits(model, runs, out);
  checkBalanceSheets(model, out);
  checkSources(model, base.c, out);
  checkComparables(model, out);
  out.list.push(...customLineFindings(model, runs));
  out.list.push(...adjustmentFindings(model, runs));
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
  for (const f of out.list) counts[f.status]++;
  return { status: counts.fail > 0 ? 'fail' : counts.warn > 0 ? 'warn' : 'pass', counts, findings: out.list };
}
