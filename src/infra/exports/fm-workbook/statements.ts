import { ebitdaOf, netWorkingCapitalOf, resolveCase } from '../../../core/workbenches/financial-modeling/case.js';
import { pathValue } from '../../../core/workbenches/financial-modeling/cost-of-capital.js';
import { type CapmPathKey, type InputPath, unitScale } from '../../../shared/contracts/financial-model.js';
import { buildBridgeAdjustmentRows, buildFailureInputs } from './adjustments.js';
import { type Built, NOT_AVAILABLE, type Ref, type Sheet, type Style, yearCol } from './cells.js';
import { buildCustomRows, customRows, segmentRevenueFormula } from './lines.js';

/** The input sheets (assumptions, historicals) and the projections built on them. */

export function buildAssumptions(s: Sheet, b: Built, leases?: Sheet) {
  const { L, model } = b;
  const m = model;
  s.columnWidths[1] = 44;
  s.columnWidths[2] = 6;
  s.text(1, 1, `${m.meta.codeName} — ${L.sheetAssumptions}`, 'title');
  s.text(2, 1, L.currencyNote(m.meta.currency, m.meta.unit), 'note');
  s.text(4, 1, L.forecastDrivers, 'header');
  m.forecast.years.forEach((y, i) => {
    s.constant(4, 3 + i, y, 'year', 'header');
  });
  const drivers = [
    'revenueGrowth',
    'ebitdaMargin',
    'depreciationPercentOfRevenue',
    'capexPercentOfRevenue',
    'nwcPercentOfRevenue',
    'taxRate',
  ] as const;
  const driverRow: Record<(typeof drivers)[number], number> = {} as Record<(typeof drivers)[number], number>;
  drivers.forEach((d, k) => {
    const row = 5 + k;
    driverRow[d] = row;
    // A model based on EBIT has its operating margin in the EBITDA margin's row.
    const ebitBased = d === 'ebitdaMargin' && isEbitBased(m);
    s.text(row, 1, ebitBased ? L.operatingMargin : L[d]);
    // A driver from a lever: its row is written as formulas on the lever cells (buildLevers).
    (ebitBased ? (m.forecast.operatingMargin ?? []) : m.forecast[d]).forEach((v, i) => {
      s.constant(row, 3 + i, v, 'percent');
    });
  });
  s.text(12, 1, L.wacc, 'header');
  const w = m.wacc;
  const refs: Record<string, Ref> = {};
  if (w.method === 'capm') {
    refs.rf = s.input(13, L.riskFreeRate, w.riskFreeRate, 'percent');
    refs.erp = s.input(14, L.equityRiskPremium, w.equityRiskPremium, 'percent');
    refs.beta = s.input(15, L.betaInput, w.beta.value, 'beta');
    refs.levered = s.input(16, L.betaIsLevered, w.beta.kind === 'levered' ? 1 : 0, 'integer');
    s.text(17, 1, L.observedDebtToEquity);
    refs.size = s.input(18, L.sizePremium, w.sizePremium, 'percent');
    refs.kd = s.input(19, L.preTaxCostOfDebt, w.preTaxCostOfDebt, 'percent');
    refs.tax = s.input(20, L.marginalTaxRate, w.marginalTaxRate, 'percent');
    refs.wd = s.input(21, L.targetDebtToCapital, w.targetDebtToCapital, 'percent');
    const wd = refs.wd;
    if (w.beta.kind === 'levered' && w.beta.observedDebtToEquity !== undefined)
      refs.observedDe = s.constant(17, 3, w.beta.observedDebtToEquity, 'factor');
    else if (w.beta.kind === 'levered')
      refs.observedDe = s.formula(17, 3, (r) => `${r(wd)}/(1-${r(wd)})`, w.targetDebtToCapital / (1 - w.targetDebtToCapital), 'factor');
    else refs.observedDe = s.at(17, 3);
  } else {
    refs.waccGiven = s.input(13, L.waccGiven, w.rate, 'percent');
  }
  s.text(23, 1, L.terminalValue, 'header');
  const tv = m.valuation.terminalValue;
  refs.g = s.input(24, L.terminalGrowth, tv.growthRate, 'percent');
  if (tv.exitMultiple === undefined) {
    // No exit multiple: the row says so, and no formula reads it (the DCF sheet leaves the method out).
    s.text(25, 1, L.exitMultiple);
    s.text(25, 3, L.notGiven, 'note');
  } else refs.multiple = s.input(25, L.exitMultiple, tv.exitMultiple, 'multiple');
  refs.mid = s.input(26, L.midYear, m.valuation.midYearConvention ? 1 : 0, 'integer');
  refs.method = s.input(27, L.primaryMethod, tv.method, 'text');
  s.text(29, 1, L.bridge, 'header');
  s.text(29, 4, L.sign, 'header');
  refs.debt = s.input(30, L.debt, m.bridge.debt, 'money');
  refs.cash = s.input(31, L.cash, m.bridge.cash, 'money');
  let row = 32;
  const otherFirst = row;
  for (const item of m.bridge.otherItems) {
    s.text(row, 1, item.label);
    s.constant(row, 3, item.amount, 'money');
    s.constant(row, 4, item.treatment === 'add' ? 1 : -1, 'integer');
    row++;
  }
  // Minority interests, cross-holdings and lease debt (docs/decisions/0010, fourth slice) count with the other items.
  if (leases) row = buildBridgeAdjustmentRows(s, b, row, leases);
  const otherRange: [Ref, Ref] | null = row > otherFirst ? [s.at(otherFirst, 3), s.at(row - 1, 3)] : null;
  const signRange: [Ref, Ref] | null = row > otherFirst ? [s.at(otherFirst, 4), s.at(row - 1, 4)] : null;
  row++;
  s.text(row, 1, L.shares, 'header');
  row++;
  refs.basic = s.input(row, L.basicShares, m.shares.basic, 'shares');
  row++;
  refs.shareScale = s.input(row, L.shareScale, unitScale[m.shares.unit], 'integer');
  row++;
  refs.moneyScale = s.input(row, L.moneyScale, unitScale[m.meta.unit], 'integer');
  row += 2;
  s.text(row, 1, L.tranche, 'header');
  s.text(row, 3, L.count, 'header');
  s.text(row, 4, L.strike, 'header');
  row++;
  const tranches = b.valuation.gordon.dilution.tranches;
  const trancheRows: number[] = [];
  for (const t of tranches) {
    s.text(row, 1, t.label);
    s.constant(row, 3, t.count, 'shares');
    s.constant(row, 4, t.strikePrice, 'perShare');
    trancheRows.push(row);
    row++;
  }
  row++;
  if (m.market?.sharePrice !== undefined) {
    s.text(row, 1, L.market, 'header');
    row++;
    refs.sharePrice = s.input(row, L.sharePrice, m.market.sharePrice, 'perShare');
    row++;
  }
  row++;
  const paths = buildPathInputs(s, b, refs, row);
  row = paths.next;
  const lcf = m.forecast.lossCarryForward;
  if (lcf) {
    s.text(row, 1, L.lossCarryForward, 'header');
    row++;
    refs.nolOpening = s.input(row, L.lossCarryForwardOpening, lcf.openingBalance, 'money');
    row += 2;
  }
  const vd = tv.valueDriver;
  if (vd) {
    s.text(row, 1, L.valueDriverInputs, 'header');
    row++;
    const g = refs.g as Ref;
    if (vd.revenueGrowth !== undefined) refs.vdGrowth = s.input(row, L.vdRevenueGrowth, vd.revenueGrowth, 'percent');
    else {
      s.text(row, 1, L.vdRevenueGrowth);
      refs.vdGrowth = s.formula(row, 3, (r) => r(g), tv.growthRate, 'percent');
    }
    row++;
    refs.vdMargin = s.input(row, L.vdOperatingMargin, vd.operatingMargin, 'percent');
    row++;
    refs.vdTax = s.input(row, L.vdTaxRate, vd.taxRate, 'percent');
    row++;
    if (vd.ronic !== undefined) {
      refs.ronic = s.input(row, L.ronic, vd.ronic, 'percent');
      row++;
    }
  }
  // Reinvestment from sales to capital (its ratio per year) and the opening invested capital.
  let salesToCapitalRow: number | null = null;
  const s2c = m.forecast.salesToCapital;
  if (s2c || m.forecast.openingInvestedCapital !== undefined) {
    row++;
    s.text(row, 1, L.investedCapitalInputs, 'header');
    if (s2c)
      m.forecast.years.forEach((y, i) => {
        s.constant(row, 3 + i, y, 'year', 'header');
      });
    row++;
    if (m.forecast.openingInvestedCapital !== undefined) {
      refs.openingIc = s.input(row, L.openingInvestedCapital, m.forecast.openingInvestedCapital, 'money');
      row++;
    }
    if (s2c) {
      s.text(row, 1, L.salesToCapitalLag);
      s.constant(row, 3, s2c.lag, 'integer', 'label');
      row++;
      s.text(row, 1, L.salesToCapitalRatio);
      const ratios = typeof s2c.ratio === 'number' ? m.forecast.years.map(() => s2c.ratio as number) : s2c.ratio;
      ratios.forEach((r, i) => {
        s.constant(row, 3 + i, r, 'factor');
      });
      salesToCapitalRow = row;
      row++;
    }
  }
  if (m.forecast.levers) row = buildLevers(s, b, refs.g as Ref, driverRow, row + 1);
  const options = m.shares.options;
  if (options) {
    row++;
    s.text(row, 1, L.employeeOptions, 'header');
    row++;
    const grant = b.valuation.gordon.dilution.options ? resolveCase(m).shares.options : undefined;
    refs.optCount = s.input(row++, L.optionCount, options.count, 'shares');
    refs.optStrike = s.input(row++, L.optionStrike, options.averageStrike, 'perShare');
    refs.optMaturity = s.input(row++, L.optionMaturity, options.maturity, 'factor');
    refs.optVolatility = s.input(row++, L.optionVolatility, options.volatility, 'percent');
    const rf = refs.rf;
    if (options.riskFreeRate === undefined && rf) {
      s.text(row, 1, L.optionRiskFreeRate);
      refs.optRiskFree = s.formula(row++, 3, (r) => r(rf), grant?.riskFreeRate ?? 0, 'percent');
    } else refs.optRiskFree = s.input(row++, L.optionRiskFreeRate, options.riskFreeRate ?? 0, 'percent');
    refs.optYield = s.input(row++, L.optionDividendYield, options.dividendYield, 'percent');
  }
  if (leases) row = buildFailureInputs(s, b, refs, row, leases);
  return { refs, driverRow, otherRange, signRange, trancheRows, paths: paths.rows, salesToCapitalRow };
}

/** A model based on EBIT: its operating margin, as a list or a lever, drives it. */
export function isEbitBased(m: Built['model']): boolean {
  return m.forecast.operatingMargin !== undefined || m.forecast.levers?.operatingMargin !== undefined;
}

/**
 * forecast.levers: the lever inputs, and the driver rows built from them as live formulas (the
 * same arithmetic as the engine's applyLevers, so a recalculation gives the engine's values).
 */
function buildLevers(
  s: Sheet,
  b: Built,
  terminalGrowth: Ref,
  driverRow: Record<'revenueGrowth' | 'ebitdaMargin' | 'taxRate', number>,
  top: number,
): number {
  const { L, model: m } = b;
  const l = m.forecast.levers;
  if (!l) return top;
  const c = resolveCase(m);
  const years = m.forecast.years;
  const n = years.length;
  const yearAt = (i: number) => s.at(4, 3 + i);
  let row = top;
  s.text(row, 1, L.levers, 'header');
  row++;
  const input = (label: string, value: number, format: 'percent' | 'year') => {
    const ref = s.input(row, label, value, format);
    row++;
    return ref;
  };
  if (l.revenueGrowth) {
    const g1 = input(L.leverGrowthFirstYear, l.revenueGrowth.firstYear, 'percent');
    const g25 = input(L.leverGrowthYears2To5, l.revenueGrowth.years2To5, 'percent');
    years.forEach((_, i) => {
      const k = i + 1;
      s.formula(
        driverRow.revenueGrowth,
        3 + i,
        (f) => (k === 1 ? f(g1) : k <= 5 ? f(g25) : `${f(g25)}+((${f(terminalGrowth)}-${f(g25)})*${k - 5})/${n - 5}`),
        c.drivers.revenueGrowth[i] ?? 0,
        'percent',
      );
    });
  }
  const margin = l.operatingMargin ?? l.ebitdaMargin;
  if (margin) {
    const m1 = input(L.leverMarginFirstYear, margin.firstYear, 'percent');
    const target = input(L.leverMarginTarget, margin.target, 'percent');
    const targetYear = input(L.leverMarginTargetYear, margin.targetYear, 'year');
    const path = l.operatingMargin ? (c.operatingMargin ?? []) : c.drivers.ebitdaMargin;
    years.forEach((_, i) => {
      s.formula(driverRow.ebitdaMargin, 3 + i, (f) => linear(f, yearAt(i), m1, yearAt(0), target, targetYear), path[i] ?? 0, 'percent');
    });
  }
  if (l.taxRate) {
    const effective = input(L.leverTaxEffective, l.taxRate.effective, 'percent');
    const marginal = input(L.leverTaxMarginal, l.taxRate.marginal, 'percent');
    const until = input(L.leverTaxEffectiveUntil, l.taxRate.effectiveUntilYear ?? years[0] ?? 0, 'year');
    const from = input(L.leverTaxMarginalFrom, l.taxRate.marginalFromYear, 'year');
    years.forEach((_, i) => {
      s.formula(
        driverRow.taxRate,
        3 + i,
        (f) => linear(f, yearAt(i), effective, until, marginal, from),
        c.drivers.taxRate[i] ?? 0,
        'percent',
      );
    });
  }
  return row + 1;
}

/** The engine's linearPath as a formula: `from` up to `fromYear`, `to` from `toYear`, a straight line between. */
function linear(f: (p: Ref) => string, year: Ref, from: Ref, fromYear: Ref, to: Ref, toYear: Ref): string {
  const [y, a, ya, z, yz] = [f(year), f(from), f(fromYear), f(to), f(toYear)];
  return `IF(${y}<=${ya},${a},IF(${y}>=${yz},${z},${a}+((${z}-${a})*(${y}-${ya}))/(${yz}-${ya})))`;
}

/** The per-year cells of one WACC input on the Assumptions sheet (columns C…), and its terminal value. */
export interface PathRow {
  row: number;
  terminal: Ref;
}

const pathInputs: { key: CapmPathKey | 'rate'; ref: string; label: (L: Built['L']) => string; format: 'percent' | 'beta' }[] = [
  { key: 'riskFreeRate', ref: 'rf', label: (L) => L.riskFreeRate, format: 'percent' },
  { key: 'equityRiskPremium', ref: 'erp', label: (L) => L.equityRiskPremium, format: 'percent' },
  { key: 'beta', ref: 'beta', label: (L) => L.betaInput, format: 'beta' },
  { key: 'sizePremium', ref: 'size', label: (L) => L.sizePremium, format: 'percent' },
  { key: 'preTaxCostOfDebt', ref: 'kd', label: (L) => L.preTaxCostOfDebt, format: 'percent' },
  { key: 'targetDebtToCapital', ref: 'wd', label: (L) => L.targetDebtToCapital, format: 'percent' },
  { key: 'rate', ref: 'waccGiven', label: (L) => L.waccGiven, format: 'percent' },
];

/**
 * wacc.byYear and the terminal cost of capital: a list of values is typed in per year; a straight
 * line is its start (the input above), the year it starts moving and its terminal value, with
 * each year's value a formula.
 */
function buildPathInputs(s: Sheet, b: Built, refs: Record<string, Ref>, top: number): { rows: Record<string, PathRow>; next: number } {
  const { L, model: m } = b;
  const byYear = m.wacc.byYear as Partial<Record<CapmPathKey | 'rate', InputPath>> | undefined;
  const rows: Record<string, PathRow> = {};
  const explicitTerminal = m.valuation.terminalValue.costOfCapital;
  if (!byYear && explicitTerminal === undefined) return { rows, next: top };
  let row = top;
  s.text(row, 1, L.costOfCapitalByYear, 'header');
  m.forecast.years.forEach((y, i) => {
    s.constant(row, 3 + i, y, 'year', 'header');
  });
  const yearsRow = row;
  row++;
  const n = m.forecast.years.length;
  for (const spec of pathInputs) {
    const path = byYear?.[spec.key];
    const start = refs[spec.ref];
    if (!path || !start) continue;
    const startValue =
      spec.key === 'rate'
        ? (m.wacc as { rate: number }).rate
        : spec.key === 'beta'
          ? (m.wacc as { beta: { value: number } }).beta.value
          : ((m.wacc as unknown as Record<string, number>)[spec.key] ?? 0);
    const name = spec.label(L);
    if (path.values) {
      s.text(row, 1, L.pathByYear(name));
      path.values.forEach((v, i) => {
        s.constant(row, 3 + i, v, spec.format);
      });
      rows[spec.key] = { row, terminal: s.at(row, 3 + n - 1) };
      row++;
      continue;
    }
    const from = s.input(row, L.pathFromYear(name), path.fromYear ?? 0, 'year');
    row++;
    const terminal = s.input(row, L.pathTerminal(name), path.terminal ?? 0, spec.format);
    row++;
    s.text(row, 1, L.pathByYear(name));
    const last = s.at(yearsRow, 3 + n - 1);
    for (let i = 0; i < n; i++) {
      const year = s.at(yearsRow, 3 + i);
      s.formula(
        row,
        3 + i,
        (r) =>
          `IF(${r(year)}<${r(from)},${r(start)},${r(start)}+(${r(terminal)}-${r(start)})*(${r(year)}-${r(from)}+1)/(${r(last)}-${r(from)}+1))`,
        pathValue(path, startValue, i, m.forecast.years),
        spec.format,
      );
    }
    rows[spec.key] = { row, terminal };
    row++;
  }
  if (explicitTerminal !== undefined) {
    refs.terminalCoc = s.input(row, L.terminalCostOfCapital, explicitTerminal, 'percent');
    row++;
  }
  return { rows, next: row + 1 };
}
export type AssumptionRefs = ReturnType<typeof buildAssumptions>;

const isLines = [
  'revenue',
  'costOfSales',
  'sellingGeneralAdministrative',
  'depreciationAmortization',
  'operatingIncome',
  'interestExpense',
  'incomeTax',
  'netIncome',
] as const;
const bsLines = [
  'cash',
  'receivables',
  'inventories',
  'otherCurrentAssets',
  'propertyPlantEquipment',
  'otherNonCurrentAssets',
  'totalAssets',
  'payables',
  'otherCurrentLiabilities',
  'debt',
  'otherNonCurrentLiabilities',
  'equity',
] as const;
const cfLines = ['operatingCashFlow', 'capitalExpenditure'] as const;

export function buildHistoricals(s: Sheet, b: Built) {
  const { L, model } = b;
  s.columnWidths[1] = 36;
  s.text(1, 1, `${model.meta.codeName} — ${L.sheetHistoricals}`, 'title');
  s.text(3, 1, L.year, 'header');
  model.historicals.forEach((h, i) => {
    s.constant(3, 3 + i, h.year, 'year', 'header');
  });
  const row: Record<string, number> = {};
  let r = 4;
  for (const line of isLines) {
    row[line] = r;
    s.text(r, 1, L[line]);
    model.historicals.forEach((h, i) => {
      const v = h.incomeStatement[line];
      if (v !== undefined) s.constant(r, 3 + i, v, 'money');
    });
    r++;
  }
  r++;
  const anyBs = model.historicals.some((h) => h.balanceSheet);
  if (anyBs)
    for (const line of bsLines) {
      row[line] = r;
      s.text(r, 1, line === 'debt' ? L.debt : line === 'cash' ? L.cash : L[line]);
      model.historicals.forEach((h, i) => {
        const v = h.balanceSheet?.[line];
        if (v !== undefined) s.constant(r, 3 + i, v, 'money');
      });
      r++;
    }
  r++;
  if (model.historicals.some((h) => h.cashFlow))
    for (const line of cfLines) {
      s.text(r, 1, L[line]);
      model.historicals.forEach((h, i) => {
        const v = h.cashFlow?.[line];
        if (v !== undefined) s.constant(r, 3 + i, v, 'money');
      });
      r++;
    }
  r++;
  const ebitdaRow = r;
  s.text(r, 1, L.ebitda, 'total');
  model.historicals.forEach((h, i) => {
    s.formula(
      r,
      3 + i,
      (f) => `${f(s.at(row.operatingIncome ?? 0, 3 + i))}+${f(s.at(row.depreciationAmortization ?? 0, 3 + i))}`,
      ebitdaOf(h),
      'money',
      'total',
    );
  });
  r++;
  s.text(r, 1, L.ebitdaMargin);
  model.historicals.forEach((h, i) => {
    s.formula(
      r,
      3 + i,
      (f) =>
        `IF(${f(s.at(row.revenue ?? 0, 3 + i))}=0,"${NOT_AVAILABLE}",${f(s.at(ebitdaRow, 3 + i))}/${f(s.at(row.revenue ?? 0, 3 + i))})`,
      h.incomeStatement.revenue === 0 ? null : ebitdaOf(h) / h.incomeStatement.revenue,
      'percent',
    );
  });
  r++;
  const nwcRow = r;
  if (anyBs) {
    s.text(r, 1, L.netWorkingCapital, 'total');
    model.historicals.forEach((h, i) => {
      const nwc = netWorkingCapitalOf(h);
      if (nwc === null) return;
      const c = (line: string) => s.at(row[line] ?? 0, 3 + i);
      s.formula(
        r,
        3 + i,
        (f) =>
          `${f(c('receivables'))}+${f(c('inventories'))}+${f(c('otherCurrentAssets'))}-${f(c('payables'))}-${f(c('otherCurrentLiabilities'))}`,
        nwc,
        'money',
        'total',
      );
    });
  }
  const last = 3 + model.historicals.length - 1;
  return {
    revenue: s.at(row.revenue ?? 0, last),
    ebitda: s.at(ebitdaRow, last),
    depreciation: s.at(row.depreciationAmortization ?? 0, last),
    ebit: s.at(row.operatingIncome ?? 0, last),
    netIncome: model.historicals.at(-1)?.incomeStatement.netIncome === undefined ? null : s.at(row.netIncome ?? 0, last),
    nwc: anyBs && model.historicals.at(-1)?.balanceSheet ? s.at(nwcRow, last) : null,
  };
}
export type HistoricalRefs = ReturnType<typeof buildHistoricals>;

export function buildProjections(s: Sheet, b: Built, a: Sheet, ar: AssumptionRefs, h: HistoricalRefs) {
  const { L, model, valuation: v, n } = b;
  const p = v.projection;
  s.columnWidths[1] = 36;
  s.text(1, 1, `${model.meta.codeName} — ${L.sheetProjections}`, 'title');
  s.text(3, 1, L.year, 'header');
  s.constant(3, 3, model.historicals.at(-1)?.year ?? 0, 'year', 'header');
  s.text(4, 3, L.actual, 'header');
  p.years.forEach((y, i) => {
    s.constant(3, yearCol(i), y, 'year', 'header');
    s.text(4, yearCol(i), L.estimate, 'header');
  });
  const drv = (key: keyof AssumptionRefs['driverRow'], i: number) => a.at(ar.driverRow[key], 3 + i);
  const R = {
    revenue: 5,
    ebitda: 6,
    margin: 7,
    da: 8,
    ebit: 9,
    tax: 10,
    nopat: 11,
    capex: 12,
    nwc: 13,
    dnwc: 14,
    fcf: 15,
    nolOpen: 17,
    nolUsed: 18,
    nolAdded: 19,
    nolClose: 20,
    revenueChange: 22,
    salesToCapital: 23,
    reinvestment: 24,
    icOpen: 26,
    icReinvestment: 27,
    icClose: 28,
    roic: 29,
  };
  const labels: [number, string, Style?][] = [
    [R.revenue, L.revenue],
    [R.ebitda, L.ebitda],
    [R.margin, L.ebitdaMargin],
    [R.da, L.depreciationAmortization],
    [R.ebit, L.ebit],
    [R.tax, L.taxesOnEbit],
    [R.nopat, L.nopat],
    [R.capex, L.capex],
    [R.nwc, L.netWorkingCapital],
    [R.dnwc, L.changeInNwc],
    [R.fcf, L.freeCashFlow, 'total'],
  ];
  if (p.lossCarryForward)
    labels.push([R.nolOpen, L.nolOpening], [R.nolUsed, L.nolUsed], [R.nolAdded, L.nolAdded], [R.nolClose, L.nolClosing, 'total']);
  const s2c = p.salesToCapital;
  const ic = p.investedCapital;
  if (s2c)
    labels.push(
      [R.revenueChange, L.revenueChangeFunded(s2c.lag)],
      [R.salesToCapital, L.salesToCapitalRatio],
      [R.reinvestment, L.reinvestment, 'total'],
    );
  if (ic)
    labels.push(
      [R.icOpen, L.investedCapitalOpening],
      [R.icReinvestment, L.reinvestment],
      [R.icClose, L.investedCapitalClosing, 'total'],
      [R.roic, L.roic],
    );
  for (const [row, text, style] of labels) s.text(row, 1, text, style ?? 'label');
  const base = model.historicals.at(-1);
  const baseRevenue = base?.incomeStatement.revenue ?? 0;
  const baseEbitda = base ? ebitdaOf(base) : 0;
  s.formula(R.revenue, 3, (f) => f(h.revenue), baseRevenue, 'money');
  s.formula(R.ebitda, 3, (f) => f(h.ebitda), baseEbitda, 'money');
  s.formula(
    R.margin,
    3,
    (f) => `IF(${f(s.at(R.revenue, 3))}=0,"${NOT_AVAILABLE}",${f(s.at(R.ebitda, 3))}/${f(s.at(R.revenue, 3))})`,
    baseRevenue === 0 ? null : baseEbitda / baseRevenue,
    'percent',
  );
  s.formula(R.da, 3, (f) => f(h.depreciation), model.historicals.at(-1)?.incomeStatement.depreciationAmortization ?? 0, 'money');
  s.formula(R.ebit, 3, (f) => f(h.ebit), model.historicals.at(-1)?.incomeStatement.operatingIncome ?? 0, 'money');
  const baseNwc = baseNetWorkingCapital(b);
  if (h.nwc) {
    const ref = h.nwc;
    s.formula(R.nwc, 3, (f) => f(ref), baseNwc, 'money');
  } else if (model.forecast.openingNetWorkingCapital !== undefined) s.constant(R.nwc, 3, model.forecast.openingNetWorkingCapital, 'money');
  else s.formula(R.nwc, 3, (f) => `${f(drv('nwcPercentOfRevenue', 0))}*${f(s.at(R.revenue, 3))}`, baseNwc, 'money');
  // Segments and custom lines (issue #13 point 9): revenue from segments, operating costs before EBITDA.
  const custom = customRows(b);
  const costs = (col: number) => (custom?.costs ? `-${s.at(custom.costs, col).a1}` : '');
  for (let i = 0; i < n; i++) {
    const col = yearCol(i);
    const at = (row: number, dc = 0) => s.at(row, col + dc);
    if (custom?.segments.length) s.formula(R.revenue, col, (f) => segmentRevenueFormula(custom, s, col, f), p.revenue[i] ?? 0, 'money');
    else s.formula(R.revenue, col, (f) => `${f(at(R.revenue, -1))}*(1+${f(drv('revenueGrowth', i))})`, p.revenue[i] ?? 0, 'money');
    const ebitBased = isEbitBased(model);
    if (ebitBased) s.formula(R.ebitda, col, (f) => `${f(at(R.ebit))}+${f(at(R.da))}`, p.ebitda[i] ?? 0, 'money');
    else s.formula(R.ebitda, col, (f) => `${f(at(R.revenue))}*${f(drv('ebitdaMargin', i))}${costs(col)}`, p.ebitda[i] ?? 0, 'money');
    const rev = p.revenue[i] ?? 0;
    s.formula(
      R.margin,
      col,
      (f) => `IF(${f(at(R.revenue))}=0,"${NOT_AVAILABLE}",${f(at(R.ebitda))}/${f(at(R.revenue))})`,
      rev === 0 ? null : (p.ebitda[i] ?? 0) / rev,
      'percent',
    );
    s.formula(R.da, col, (f) => `${f(at(R.revenue))}*${f(drv('depreciationPercentOfRevenue', i))}`, p.depreciation[i] ?? 0, 'money');
    if (ebitBased) s.formula(R.ebit, col, (f) => `${f(at(R.revenue))}*${f(drv('ebitdaMargin', i))}${costs(col)}`, p.ebit[i] ?? 0, 'money');
    else s.formula(R.ebit, col, (f) => `${f(at(R.ebitda))}-${f(at(R.da))}`, p.ebit[i] ?? 0, 'money');
    const nol = p.lossCarryForward;
    const nolOpening = ar.refs.nolOpening;
    if (nol && nolOpening) {
      // Taxes on losses: no tax on a negative EBIT; losses carried forward are used first.
      s.formula(R.nolOpen, col, (f) => (i === 0 ? f(nolOpening) : f(at(R.nolClose, -1))), nol.opening[i] ?? 0, 'money');
      s.formula(R.nolUsed, col, (f) => `IF(${f(at(R.ebit))}>0,MIN(${f(at(R.nolOpen))},${f(at(R.ebit))}),0)`, nol.used[i] ?? 0, 'money');
      s.formula(R.nolAdded, col, (f) => `MAX(0,-${f(at(R.ebit))})`, nol.added[i] ?? 0, 'money');
      s.formula(R.nolClose, col, (f) => `${f(at(R.nolOpen))}-${f(at(R.nolUsed))}+${f(at(R.nolAdded))}`, nol.closing[i] ?? 0, 'money');
      s.formula(R.tax, col, (f) => `MAX(0,${f(at(R.ebit))}-${f(at(R.nolUsed))})*${f(drv('taxRate', i))}`, p.taxes[i] ?? 0, 'money');
    } else s.formula(R.tax, col, (f) => `${f(at(R.ebit))}*${f(drv('taxRate', i))}`, p.taxes[i] ?? 0, 'money');
    s.formula(R.nopat, col, (f) => `${f(at(R.ebit))}-${f(at(R.tax))}`, p.nopat[i] ?? 0, 'money');
    if (s2c && ar.salesToCapitalRow !== null) {
      // Reinvestment = the change in revenue of year t + lag ÷ sales to capital; past the forecast,
      // the terminal year's revenue (the last year's grown at the terminal revenue growth).
      const k = Math.min(i + s2c.lag, n);
      const terminalGrowth = (ar.refs.vdGrowth ?? ar.refs.g) as Ref;
      const lastRevenue = s.at(R.revenue, yearCol(n - 1));
      s.formula(
        R.revenueChange,
        col,
        (f) =>
          k >= n ? `${f(lastRevenue)}*${f(terminalGrowth)}` : `${f(s.at(R.revenue, yearCol(k)))}-${f(s.at(R.revenue, yearCol(k) - 1))}`,
        s2c.revenueChange[i] ?? 0,
        'money',
      );
      const ratioRow = ar.salesToCapitalRow;
      s.formula(R.salesToCapital, col, (f) => f(a.at(ratioRow, 3 + i)), s2c.ratio[i] ?? 0, 'factor');
      s.formula(
        R.reinvestment,
        col,
        (f) => `${f(at(R.revenueChange))}/${f(at(R.salesToCapital))}`,
        s2c.reinvestment[i] ?? 0,
        'money',
        'total',
      );
      s.formula(R.capex, col, (f) => `${f(at(R.da))}+${f(at(R.reinvestment))}`, p.capex[i] ?? 0, 'money');
      s.formula(R.nwc, col, (f) => f(at(R.nwc, -1)), p.netWorkingCapital[i] ?? 0, 'money');
    } else {
      s.formula(R.capex, col, (f) => `${f(at(R.revenue))}*${f(drv('capexPercentOfRevenue', i))}`, p.capex[i] ?? 0, 'money');
      s.formula(R.nwc, col, (f) => `${f(at(R.revenue))}*${f(drv('nwcPercentOfRevenue', i))}`, p.netWorkingCapital[i] ?? 0, 'money');
    }
    s.formula(R.dnwc, col, (f) => `${f(at(R.nwc))}-${f(at(R.nwc, -1))}`, p.changeInNetWorkingCapital[i] ?? 0, 'money');
    s.formula(
      R.fcf,
      col,
      (f) => (s2c ? `${f(at(R.nopat))}-${f(at(R.reinvestment))}` : `${f(at(R.nopat))}+${f(at(R.da))}-${f(at(R.capex))}-${f(at(R.dnwc))}`),
      p.freeCashFlow[i] ?? 0,
      'money',
      'total',
    );
    const openingIc = ar.refs.openingIc;
    if (ic && openingIc) {
      s.formula(R.icOpen, col, (f) => (i === 0 ? f(openingIc) : f(at(R.icClose, -1))), ic.opening[i] ?? 0, 'money');
      s.formula(
        R.icReinvestment,
        col,
        (f) => (s2c ? f(at(R.reinvestment)) : `${f(at(R.capex))}-${f(at(R.da))}+${f(at(R.dnwc))}`),
        ic.reinvestment[i] ?? 0,
        'money',
      );
      s.formula(R.icClose, col, (f) => `${f(at(R.icOpen))}+${f(at(R.icReinvestment))}`, ic.closing[i] ?? 0, 'money', 'total');
      s.formula(
        R.roic,
        col,
        (f) => `IF(${f(at(R.icOpen))}>0,${f(at(R.nopat))}/${f(at(R.icOpen))},"${NOT_AVAILABLE}")`,
        ic.roic[i] ?? null,
        'percent',
      );
    }
  }
  if (custom) buildCustomRows(s, b, custom, R);
  s.columnWidths[2] = 4;
  return { R, last: yearCol(n - 1) };
}
export type ProjectionRefs = ReturnType<typeof buildProjections>;

export function baseNetWorkingCapital(b: Built): number {
  const p = b.valuation.projection;
  return (p.netWorkingCapital[0] ?? 0) - (p.changeInNetWorkingCapital[0] ?? 0);
}
