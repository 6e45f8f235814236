import type { MethodValue } from '../../../core/workbenches/financial-modeling/dcf.js';
import { unitScale } from '../../../shared/contracts/financial-model.js';
import { buildFailureBlock, failureFormula } from './adjustments.js';
import { type Built, NOT_AVAILABLE, type Part, type Ref, type Sheet, yearCol } from './cells.js';
import type { CostOfCapitalRefs } from './cost-of-capital.js';
import type { AssumptionRefs, HistoricalRefs, ProjectionRefs } from './statements.js';

/** The DCF sheet: WACC, discounting, both terminal values, the bridge, the treasury-stock method, implied multiples. */

export interface DcfRefs {
  wacc: Ref;
  periods: [Ref, Ref];
  fcf: [Ref, Ref];
  /** `exit` refs are null when the model gives no exit multiple (its column then says so). */
  tvPeriod: { gordon: Ref; exit: Ref | null };
  bridge: Ref[];
  equityPerShareUnit: { gordon: Ref; exit: Ref | null };
  cumulative: { proceeds: Ref; count: Ref }[];
  headline: { ev: Ref; equity: Ref; vps: Ref; diluted: Ref };
  vps: { gordon: Ref; exit: Ref | null };
  tvShare: Ref;
  /** The cost of capital of the terminal value (WACC when it does not change by year). */
  terminalRate: Ref;
  /** The value-driver terminal year's cells, when the model uses it. */
  valueDriver: { growth: Ref; margin: Ref; tax: Ref; ronic: Ref | null } | null;
  valueDriverRonic: Ref | null;
  valueDriverReinvestment: Ref | null;
  /** Tax losses left at the end of the forecast (Projections sheet), when the model carries losses forward. */
  nolEnd: Ref | null;
  /** The value of the operating assets a going-concern value (formula text) gives: failure-weighted when the model has a probability of failure. */
  operating: (f: (x: Part) => string, goingConcern: string) => string;
}

export function buildDcf(
  s: Sheet,
  b: Built,
  a: Sheet,
  ar: AssumptionRefs,
  p: Sheet,
  pr: ProjectionRefs,
  h: HistoricalRefs,
  cc: CostOfCapitalRefs | null,
): DcfRefs {
  const { L, model, valuation: v, n } = b;
  const A = ar.refs;
  const w = v.wacc;
  s.columnWidths[1] = 40;
  s.columnWidths[3] = 16;
  s.columnWidths[4] = 16;
  s.text(1, 1, `${model.meta.codeName} — ${L.sheetDcf}`, 'title');
  s.text(3, 1, L.wacc, 'header');
  let waccRef: Ref;
  if (cc) {
    // WACC changes by year: the first year's build-up, from the Cost of capital sheet.
    const first = (row: number) => cc.sheet.at(row, yearCol(0));
    if (model.wacc.method === 'capm') {
      const rows: [number, string, keyof CostOfCapitalRefs['row'], number | null, 'beta' | 'factor' | 'percent'][] = [
        [4, L.unleveredBeta, 'bu', w.unleveredBeta, 'beta'],
        [5, L.targetDebtToEquity, 'de', w.targetDebtToEquity, 'factor'],
        [6, L.leveredBeta, 'bl', w.leveredBeta, 'beta'],
        [7, L.costOfEquity, 'ke', w.costOfEquity, 'percent'],
        [8, L.afterTaxCostOfDebt, 'kdat', w.afterTaxCostOfDebt, 'percent'],
        [9, L.equityWeight, 'we', w.equityWeight, 'percent'],
        [10, L.debtWeight, 'wd', w.debtWeight, 'percent'],
      ];
      for (const [row, text, key, value, format] of rows) {
        s.text(row, 1, text);
        s.formula(row, 3, (f) => f(first(cc.row[key])), value, format);
      }
    }
    s.text(11, 1, L.wacc, 'total');
    waccRef = s.formula(11, 3, (f) => f(cc.rate(0)), w.wacc, 'percent', 'total');
  } else if (model.wacc.method === 'capm' && A.beta && A.levered && A.observedDe && A.tax && A.wd && A.rf && A.erp && A.size && A.kd) {
    const { beta, levered, observedDe, tax, wd, rf, erp, size, kd } = A;
    s.text(4, 1, L.unleveredBeta);
    const bu = s.formula(
      4,
      3,
      (f) => `IF(${f(levered)}=1,${f(beta)}/(1+(1-${f(tax)})*${f(observedDe)}),${f(beta)})`,
      w.unleveredBeta,
      'beta',
    );
    s.text(5, 1, L.targetDebtToEquity);
    const de = s.formula(5, 3, (f) => `${f(wd)}/(1-${f(wd)})`, w.targetDebtToEquity, 'factor');
    s.text(6, 1, L.leveredBeta);
    const bl = s.formula(6, 3, (f) => `${f(bu)}*(1+(1-${f(tax)})*${f(de)})`, w.leveredBeta, 'beta');
    s.text(7, 1, L.costOfEquity);
    const ke = s.formula(7, 3, (f) => `${f(rf)}+${f(bl)}*${f(erp)}+${f(size)}`, w.costOfEquity, 'percent');
    s.text(8, 1, L.afterTaxCostOfDebt);
    const kdat = s.formula(8, 3, (f) => `${f(kd)}*(1-${f(tax)})`, w.afterTaxCostOfDebt, 'percent');
    s.text(9, 1, L.equityWeight);
    const we = s.formula(9, 3, (f) => `1-${f(wd)}`, w.equityWeight, 'percent');
    s.text(10, 1, L.debtWeight);
    const wdd = s.formula(10, 3, (f) => f(wd), w.debtWeight, 'percent');
    s.text(11, 1, L.wacc, 'total');
    waccRef = s.formula(11, 3, (f) => `${f(we)}*${f(ke)}+${f(wdd)}*${f(kdat)}`, w.wacc, 'percent', 'total');
  } else {
    const given = A.waccGiven as Ref;
    s.text(11, 1, L.wacc, 'total');
    waccRef = s.formula(11, 3, (f) => f(given), w.wacc, 'percent', 'total');
  }
  const mid = A.mid as Ref;
  s.text(13, 1, L.year, 'header');
  s.text(14, 1, L.yearIndex);
  s.text(15, 1, L.discountPeriod);
  s.text(16, 1, L.discountFactor);
  s.text(17, 1, L.freeCashFlow);
  s.text(18, 1, L.presentValue);
  for (let i = 0; i < n; i++) {
    const col = yearCol(i);
    s.constant(13, col, v.projection.years[i] ?? 0, 'year', 'header');
    s.constant(14, col, i + 1, 'integer', 'label');
    s.formula(15, col, (f) => `${f(s.at(14, col))}-0.5*${f(mid)}`, v.discountPeriods[i] ?? 0, 'factor');
    if (cc) s.formula(16, col, (f) => f(cc.factor(i)), v.discountFactors[i] ?? 0, 'factor');
    else s.formula(16, col, (f) => `1/(1+${f(waccRef)})^${f(s.at(15, col))}`, v.discountFactors[i] ?? 0, 'factor');
    s.formula(17, col, (f) => f(p.at(pr.R.fcf, col)), v.projection.freeCashFlow[i] ?? 0, 'money');
    s.formula(18, col, (f) => `${f(s.at(17, col))}*${f(s.at(16, col))}`, v.presentValues[i] ?? 0, 'money');
  }
  const lastCol = yearCol(n - 1);
  s.text(20, 1, L.sumOfPresentValues, 'total');
  const sumPv = s.formula(20, 3, (f) => `SUM(${f([s.at(18, yearCol(0)), s.at(18, lastCol)])})`, v.sumOfPresentValues, 'money', 'total');
  const terminalRate = cc ? cc.terminal : waccRef;
  const vd = v.valueDriver;
  // The value-driver block sits below the implied multiples; its rows are known before they are written.
  const trancheCount = v.gordon.dilution.tranches.length;
  const impliedCount = 6 + (h.netIncome ? 1 : 0);
  const vdTop = 36 + trancheCount + 2 + 2 + 6 + impliedCount + 2;
  const vdAt = (k: number) => s.at(vdTop + k, 3);
  s.text(22, 3, vd ? L.valueDriverMethod : L.gordon, 'header');
  s.text(22, 4, L.exitMultipleMethod, 'header');
  const rows = [
    [23, L.terminalValue],
    [24, L.discountPeriod],
    [25, L.discountFactor],
    [26, L.pvTerminalValue],
    [27, L.enterpriseValue],
    [28, L.tvShare],
    [29, L.plusCash],
    [30, L.lessDebt],
    [31, L.otherItems],
    [32, L.equityValue],
  ] as const;
  for (const [row, text] of rows) s.text(row, 1, text, row === 27 || row === 32 ? 'total' : 'label');
  const g = A.g as Ref;
  const multiple = A.multiple;
  const lastFcf = p.at(pr.R.fcf, pr.last);
  const lastEbitda = p.at(pr.R.ebitda, pr.last);
  const exit = v.exitMultipleMethod;
  const methods: { col: number; m: MethodValue; tv: (f: (x: Part) => string) => string }[] = [
    {
      col: 3,
      m: v.gordon,
      tv: (f) =>
        vd
          ? `${f(vdAt(6))}*(1-${f(g)}/${f(vdAt(7))})/(${f(terminalRate)}-${f(g)})`
          : `${f(lastFcf)}*(1+${f(g)})/(${f(terminalRate)}-${f(g)})`,
    },
  ];
  if (exit && multiple) methods.push({ col: 4, m: exit, tv: (f) => `${f(lastEbitda)}*${f(multiple)}` });
  else s.text(23, 4, L.notGiven, 'note');
  for (const { col, m, tv } of methods) {
    const at = (row: number) => s.at(row, col);
    s.formula(23, col, tv, m.terminalValue, 'money');
    if (col === 3) s.formula(24, col, (f) => `${f(s.at(14, lastCol))}-0.5*${f(mid)}`, m.terminalDiscountPeriod, 'factor');
    else s.formula(24, col, (f) => f(s.at(14, lastCol)), m.terminalDiscountPeriod, 'factor');
    if (cc) {
      const end = cc.endFactor(n - 1);
      const midFactor = cc.factor(n - 1);
      if (col === 3) s.formula(25, col, (f) => `IF(${f(mid)}=1,${f(midFactor)},${f(end)})`, m.terminalDiscountFactor, 'factor');
      else s.formula(25, col, (f) => f(end), m.terminalDiscountFactor, 'factor');
    } else s.formula(25, col, (f) => `1/(1+${f(waccRef)})^${f(at(24))}`, m.terminalDiscountFactor, 'factor');
    s.formula(26, col, (f) => `${f(at(23))}*${f(at(25))}`, m.presentValueOfTerminalValue, 'money');
    s.formula(27, col, (f) => `${f(sumPv)}+${f(at(26))}`, m.enterpriseValue, 'money', 'total');
    s.formula(28, col, (f) => `IF(${f(at(27))}=0,"${NOT_AVAILABLE}",${f(at(26))}/${f(at(27))})`, m.terminalValueShare, 'percent');
    s.formula(29, col, (f) => f(A.cash as Ref), v.bridge.cash, 'money');
    s.formula(30, col, (f) => `-${f(A.debt as Ref)}`, -v.bridge.debt, 'money');
    const others = v.bridge.otherItems.reduce((x, i) => x + i.signedAmount, 0);
    if (ar.otherRange && ar.signRange) {
      const [or, sr] = [ar.otherRange, ar.signRange];
      s.formula(31, col, (f) => `SUMPRODUCT(${f(or)},${f(sr)})`, others, 'money');
    } else s.constant(31, col, 0, 'money', 'label');
    s.formula(32, col, (f) => `${f(at(27))}+${f(at(29))}+${f(at(30))}+${f(at(31))}`, m.equityValue, 'money', 'total');
  }
  // Treasury-stock method: value per share = MIN over k of (E + cumulative proceeds) / (basic + cumulative count).
  s.text(34, 1, L.treasuryStock, 'header');
  s.text(34, 5, L.cumulativeProceeds, 'header');
  s.text(34, 6, L.cumulativeCount, 'header');
  s.text(35, 1, L.equityPerShareUnit);
  const moneyScale = A.moneyScale as Ref;
  const shareScale = A.shareScale as Ref;
  const basic = A.basic as Ref;
  for (const { col, m } of methods)
    s.formula(
      35,
      col,
      (f) => `${f(s.at(32, col))}*${f(moneyScale)}/${f(shareScale)}`,
      (m.equityValue * unitScale[model.meta.unit]) / unitScale[model.shares.unit],
      'money',
    );
  const cumulative: DcfRefs['cumulative'] = [];
  const tranches = v.gordon.dilution.tranches;
  let cumP = 0;
  let cumN = 0;
  for (let k = 0; k <= tranches.length; k++) {
    const row = 36 + k;
    s.text(row, 1, `${L.candidate} (k = ${k})`);
    const t = tranches[k - 1];
    if (t) {
      cumP += t.count * t.strikePrice;
      cumN += t.count;
    }
    const trRows = ar.trancheRows.slice(0, k);
    const first = trRows[0];
    const lastRow = trRows.at(-1);
    const proceeds =
      first !== undefined && lastRow !== undefined
        ? s.formula(
            row,
            5,
            (f) => `SUMPRODUCT(${f([a.at(first, 3), a.at(lastRow, 3)])},${f([a.at(first, 4), a.at(lastRow, 4)])})`,
            cumP,
            'money',
          )
        : s.constant(row, 5, 0, 'money', 'label');
    const count =
      first !== undefined && lastRow !== undefined
        ? s.formula(row, 6, (f) => `SUM(${f([a.at(first, 3), a.at(lastRow, 3)])})`, cumN, 'shares')
        : s.constant(row, 6, 0, 'shares', 'label');
    cumulative.push({ proceeds, count });
    for (const { col, m } of methods)
      s.formula(
        row,
        col,
        (f) => `(${f(s.at(35, col))}+${f(proceeds)})/(${f(basic)}+${f(count)})`,
        m.dilution.candidates[k] ?? 0,
        'perShare',
      );
  }
  const lastCandidate = 36 + tranches.length;
  const vpsRow = lastCandidate + 1;
  const dilRow = vpsRow + 1;
  s.text(vpsRow, 1, L.valuePerShare, 'total');
  s.text(dilRow, 1, L.dilutedShares);
  for (const { col, m } of methods) {
    s.formula(vpsRow, col, (f) => `MIN(${f([s.at(36, col), s.at(lastCandidate, col)])})`, m.valuePerShare, 'perShare', 'total');
    s.formula(
      dilRow,
      col,
      (f) => `IF(${f(s.at(vpsRow, col))}=0,${f(basic)},${f(s.at(35, col))}/${f(s.at(vpsRow, col))})`,
      m.dilution.dilutedShares,
      'shares',
    );
  }
  const hr = dilRow + 2;
  s.text(hr, 1, L.headline, 'header');
  const method = A.method as Ref;
  const pickF = (row: number) => (f: (x: Part) => string) =>
    exit ? `IF(${f(method)}="gordon",${f(s.at(row, 3))},${f(s.at(row, 4))})` : f(s.at(row, 3));
  s.text(hr + 1, 1, L.enterpriseValue, 'total');
  const ev = s.formula(hr + 1, 3, pickF(27), v.enterpriseValue, 'money', 'total');
  s.text(hr + 2, 1, L.equityValue, 'total');
  const equity = s.formula(hr + 2, 3, pickF(32), v.equityValue, 'money', 'total');
  s.text(hr + 3, 1, L.valuePerShare, 'total');
  const vps = s.formula(hr + 3, 3, pickF(vpsRow), v.valuePerShare, 'perShare', 'total');
  s.text(hr + 4, 1, L.dilutedShares);
  const diluted = s.formula(hr + 4, 3, pickF(dilRow), v.dilutedShares, 'shares');
  const ir = hr + 6;
  s.text(ir, 1, L.impliedMultiples, 'header');
  const im = v.impliedMultiples;
  const ratioF = (num: Ref, den: Ref) => (f: (x: Part) => string) => `IF(${f(den)}>0,${f(num)}/${f(den)},"${NOT_AVAILABLE}")`;
  const implied: [string, ((f: (x: Part) => string) => string) | null, number | null, 'multiple' | 'percent'][] = [
    [L.evToRevenueLtm, ratioF(ev, p.at(pr.R.revenue, 3)), im.evToRevenueLtm, 'multiple'],
    [L.evToRevenueNtm, ratioF(ev, p.at(pr.R.revenue, yearCol(0))), im.evToRevenueNtm, 'multiple'],
    [L.evToEbitdaLtm, ratioF(ev, p.at(pr.R.ebitda, 3)), im.evToEbitdaLtm, 'multiple'],
    [L.evToEbitdaNtm, ratioF(ev, p.at(pr.R.ebitda, yearCol(0))), im.evToEbitdaNtm, 'multiple'],
  ];
  if (h.netIncome) implied.push([L.priceToEarningsLtm, ratioF(equity, h.netIncome), im.priceToEarningsLtm, 'multiple']);
  // The exit multiple's discount factor, from its column or (without an exit multiple) as that column would compute it.
  const exitFactor = (f: (x: Part) => string) =>
    exit ? f(s.at(25, 4)) : cc ? f(cc.endFactor(n - 1)) : `(1/(1+${f(waccRef)})^${f(s.at(14, lastCol))})`;
  implied.push([
    L.gordonImpliedExitMultiple,
    (f) => `IF(${f(lastEbitda)}>0,${f(s.at(26, 3))}/${exitFactor(f)}/${f(lastEbitda)},"${NOT_AVAILABLE}")`,
    im.gordonImpliedExitMultiple,
    'multiple',
  ]);
  implied.push([
    L.exitImpliedGrowth,
    exit
      ? (f) => {
          const t = `${f(s.at(26, 4))}/${f(s.at(25, 3))}`;
          return `IF(${t}+${f(lastFcf)}=0,"${NOT_AVAILABLE}",(${t}*${f(terminalRate)}-${f(lastFcf)})/(${t}+${f(lastFcf)}))`;
        }
      : null,
    im.exitImpliedGrowth,
    'percent',
  ]);
  implied.forEach(([text, f, value, format], k) => {
    s.text(ir + 1 + k, 1, text);
    if (f) s.formula(ir + 1 + k, 3, f, value, format);
    else s.text(ir + 1 + k, 3, L.notGiven, 'note');
  });
  if (implied.length !== impliedCount || ir + implied.length + 2 !== vdTop) throw new Error('the DCF sheet layout moved');
  let valueDriver: DcfRefs['valueDriver'] = null;
  if (vd) {
    const { vdGrowth, vdMargin, vdTax, ronic } = A;
    if (!vdGrowth || !vdMargin || !vdTax) throw new Error('value-driver inputs missing');
    s.text(vdTop, 1, L.valueDriverInputs, 'header');
    const lastRevenue = p.at(pr.R.revenue, pr.last);
    const rows: [string, (f: (x: Part) => string) => string, number | null, 'percent' | 'money'][] = [
      [L.vdRevenueGrowth, (f) => f(vdGrowth), vd.revenueGrowth, 'percent'],
      [L.terminalRevenue, (f) => `${f(lastRevenue)}*(1+${f(vdAt(1))})`, vd.revenue, 'money'],
      [L.vdOperatingMargin, (f) => f(vdMargin), vd.operatingMargin, 'percent'],
      [L.terminalEbit, (f) => `${f(vdAt(2))}*${f(vdAt(3))}`, vd.ebit, 'money'],
      [L.vdTaxRate, (f) => f(vdTax), vd.taxRate, 'percent'],
      [L.terminalNopat, (f) => `${f(vdAt(4))}*(1-${f(vdAt(5))})`, vd.nopat, 'money'],
      [L.ronic, (f) => f(ronic ?? terminalRate), vd.ronic, 'percent'],
      [L.reinvestmentRate, (f) => `${f(g)}/${f(vdAt(7))}`, vd.reinvestmentRate, 'percent'],
      [L.reinvestment, (f) => `${f(vdAt(6))}*${f(vdAt(8))}`, vd.reinvestment, 'money'],
      [L.terminalFcf, (f) => `${f(vdAt(6))}-${f(vdAt(9))}`, vd.freeCashFlow, 'money'],
      [
        L.lastYearReinvestmentRate,
        (f) => {
          const c = (row: number) => f(p.at(row, pr.last));
          return `IF(${c(pr.R.nopat)}>0,(${c(pr.R.capex)}-${c(pr.R.da)}+${c(pr.R.dnwc)})/${c(pr.R.nopat)},"${NOT_AVAILABLE}")`;
        },
        vd.lastYearReinvestmentRate,
        'percent',
      ],
      [
        L.lastYearImpliedRonic,
        (f) =>
          `IF(ISNUMBER(${f(vdAt(11))}),IF(${f(vdAt(11))}>0,${f(a.at(ar.driverRow.revenueGrowth, 3 + n - 1))}/${f(vdAt(11))},"${NOT_AVAILABLE}"),"${NOT_AVAILABLE}")`,
        vd.lastYearImpliedRonic,
        'percent',
      ],
    ];
    rows.forEach(([text, f, value, format], k) => {
      s.text(vdTop + 1 + k, 1, text, k === 9 ? 'total' : 'label');
      s.formula(vdTop + 1 + k, 3, f, value, format, k === 9 ? 'total' : undefined);
    });
    valueDriver = { growth: vdAt(1), margin: vdAt(3), tax: vdAt(5), ronic: ronic ?? null };
  }
  buildFailureBlock(s, b, ar);
  if (A.optCount) buildOptions(s, b, ar, methods);
  return {
    wacc: waccRef,
    periods: [s.at(15, yearCol(0)), s.at(15, lastCol)],
    fcf: [s.at(17, yearCol(0)), s.at(17, lastCol)],
    tvPeriod: { gordon: s.at(24, 3), exit: exit ? s.at(24, 4) : null },
    bridge: [s.at(29, 3), s.at(30, 3), s.at(31, 3)],
    equityPerShareUnit: { gordon: s.at(35, 3), exit: exit ? s.at(35, 4) : null },
    cumulative,
    headline: { ev, equity, vps, diluted },
    vps: { gordon: s.at(vpsRow, 3), exit: exit ? s.at(vpsRow, 4) : null },
    tvShare: s.at(28, 3),
    terminalRate,
    valueDriver,
    valueDriverRonic: vd ? vdAt(7) : null,
    valueDriverReinvestment: vd ? vdAt(8) : null,
    nolEnd: v.projection.lossCarryForward ? p.at(pr.R.nolClose, pr.last) : null,
    operating: (f, goingConcern) => (v.failure && A.failP ? failureFormula(f, ar, goingConcern) : goingConcern),
  };
}

/** The treasury-stock MIN for an equity value held in `equity` (money unit), as a formula fragment. */
export function perShareFormula(f: (x: Part) => string, equity: string, ar: AssumptionRefs, dr: DcfRefs): string {
  const A = ar.refs;
  const forShares = A.optCount ? `(${equity})-(${optionsTotalFormula(f, equity, ar)})` : equity;
  const scaled = `(${forShares})*${f(A.moneyScale as Ref)}/${f(A.shareScale as Ref)}`;
  const terms = dr.cumulative.map((c) => `(${scaled}+${f(c.proceeds)})/(${f(A.basic as Ref)}+${f(c.count)})`);
  return `MIN(${terms.join(',')})`;
}

/** The options' inputs on the Assumptions sheet, as formula text. */
function optionInputs(f: (x: Part) => string, ar: AssumptionRefs) {
  const A = ar.refs;
  const r = (key: string) => f(A[key] as Ref);
  return {
    count: r('optCount'),
    strike: r('optStrike'),
    t: r('optMaturity'),
    sigma: r('optVolatility'),
    rf: r('optRiskFree'),
    q: r('optYield'),
    basic: r('basic'),
    ms: r('moneyScale'),
    ss: r('shareScale'),
  };
}

/**
 * The Black–Scholes value of the options (money unit) on an equity value, as one formula — the
 * engine's valueOptions: N/(N + M) calls on a share worth equity ÷ N, nothing when that is not positive.
 */
export function optionsTotalFormula(f: (x: Part) => string, equity: string, ar: AssumptionRefs): string {
  const o = optionInputs(f, ar);
  const sh = `((${equity})*${o.ms}/${o.ss}/${o.basic})`;
  const d1 = `(LN(${sh}/${o.strike})+(${o.rf}-${o.q}+${o.sigma}*${o.sigma}/2)*${o.t})/(${o.sigma}*SQRT(${o.t}))`;
  const call = `${sh}*EXP(-${o.q}*${o.t})*NORMSDIST(${d1})-${o.strike}*EXP(-${o.rf}*${o.t})*NORMSDIST(${d1}-${o.sigma}*SQRT(${o.t}))`;
  return `IF(${sh}>0,(${call})*${o.basic}/(${o.basic}+${o.count})*${o.count}*${o.ss}/${o.ms},0)`;
}

/** The options block below the DCF, one column per method, and the equity left for the shares (row 35) net of them. */
function buildOptions(s: Sheet, b: Built, ar: AssumptionRefs, methods: { col: number; m: MethodValue }[]): void {
  const { L, model } = b;
  let top = 0;
  for (const a1 of s.cells.keys()) top = Math.max(top, Number(a1.replace(/^[A-Z]+/, '')));
  top += 2;
  s.text(top, 1, L.employeeOptions, 'header');
  const rows = [L.optionUnderlying, L.optionD1, L.optionD2, L.optionCall, L.optionPerOption, L.optionTotal];
  rows.forEach((label, k) => {
    s.text(top + 1 + k, 1, label, k === 5 ? 'total' : 'label');
  });
  const scale = unitScale[model.meta.unit] / unitScale[model.shares.unit];
  for (const { col, m } of methods) {
    const v = m.dilution.options;
    if (!v) continue;
    const at = (k: number) => s.at(top + 1 + k, col);
    s.formula(
      top + 1,
      col,
      (f) => {
        const o = optionInputs(f, ar);
        return `${f(s.at(32, col))}*${o.ms}/${o.ss}/${o.basic}`;
      },
      v.underlying,
      'perShare',
    );
    s.formula(
      top + 2,
      col,
      (f) => {
        const o = optionInputs(f, ar);
        return `IF(${f(at(0))}>0,(LN(${f(at(0))}/${o.strike})+(${o.rf}-${o.q}+${o.sigma}*${o.sigma}/2)*${o.t})/(${o.sigma}*SQRT(${o.t})),"${NOT_AVAILABLE}")`;
      },
      Number.isFinite(v.d1) ? v.d1 : null,
      'factor',
    );
    s.formula(
      top + 3,
      col,
      (f) => {
        const o = optionInputs(f, ar);
        return `IF(ISNUMBER(${f(at(1))}),${f(at(1))}-${o.sigma}*SQRT(${o.t}),"${NOT_AVAILABLE}")`;
      },
      Number.isFinite(v.d2) ? v.d2 : null,
      'factor',
    );
    s.formula(
      top + 4,
      col,
      (f) => {
        const o = optionInputs(f, ar);
        return `IF(ISNUMBER(${f(at(1))}),${f(at(0))}*EXP(-${o.q}*${o.t})*NORMSDIST(${f(at(1))})-${o.strike}*EXP(-${o.rf}*${o.t})*NORMSDIST(${f(at(2))}),0)`;
      },
      v.call,
      'perShare',
    );
    s.formula(
      top + 5,
      col,
      (f) => {
        const o = optionInputs(f, ar);
        return `${f(at(3))}*${o.basic}/(${o.basic}+${o.count})`;
      },
      v.perOption,
      'perShare',
    );
    s.formula(
      top + 6,
      col,
      (f) => {
        const o = optionInputs(f, ar);
        return `${f(at(4))}*${o.count}*${o.ss}/${o.ms}`;
      },
      v.total,
      'money',
      'total',
    );
    s.formula(
      35,
      col,
      (f) => {
        const o = optionInputs(f, ar);
        return `(${f(s.at(32, col))}-${f(at(5))})*${o.ms}/${o.ss}`;
      },
      (m.equityValue - v.total) * scale,
      'money',
    );
  }
}
