import { accretionDilution } from '../../../core/workbenches/financial-modeling/accretion-dilution.js';
import type { analyzeComparables, MultipleKey } from '../../../core/workbenches/financial-modeling/comparables.js';
import type { SensitivityGrid } from '../../../core/workbenches/financial-modeling/sensitivity.js';
import {
  type Built,
  type Format,
  NOT_AVAILABLE,
  NOT_MEANINGFUL,
  num,
  type Part,
  type Ref,
  type Sheet,
  type Style,
  yearCol,
} from './cells.js';
import type { CostOfCapitalRefs } from './cost-of-capital.js';
import { type DcfRefs, perShareFormula } from './dcf.js';
import type { AssumptionRefs, HistoricalRefs, ProjectionRefs } from './statements.js';

/** The sensitivity grids, the comparables and the accretion/dilution sheets. */

export function buildSensitivity(
  s: Sheet,
  b: Built,
  /** `exit` is null when the model gives no exit multiple: the sheet then has the Gordon grids only. */
  grids: { gordon: SensitivityGrid; exit: SensitivityGrid | null },
  ar: AssumptionRefs,
  p: Sheet,
  pr: ProjectionRefs,
  dr: DcfRefs,
  cc: CostOfCapitalRefs | null = null,
) {
  const { L, model, n } = b;
  const A = ar.refs;
  s.columnWidths[1] = 2;
  s.columnWidths[2] = 22;
  s.text(1, 2, `${model.meta.codeName} — ${L.sheetSensitivity}`, 'title');
  let top = 3;
  type F = (x: Part) => string;
  const mid = A.mid as Ref;
  // A pinned WACC is the first year's: with WACC by year every year and the terminal rate move by the same amount.
  const yearRate = (f: F, rate: string, i: number) => (cc ? `(${f(cc.rate(i))}+(${rate}-${f(cc.rate(0))}))` : rate);
  const terminalRate = (f: F, rate: string) => (cc ? `(${f(cc.terminal)}+(${rate}-${f(cc.rate(0))}))` : rate);
  const pvSum = (f: F, rate: string) => {
    const terms: string[] = [];
    for (let i = 0; i < n; i++) terms.push(`${f(p.at(pr.R.fcf, yearCol(i)))}/(1+${rate})^${f(dr.periods[0].sheet.at(15, yearCol(i)))}`);
    return terms.join('+');
  };
  /** With WACC by year: Σ FCFₜ·Dₜ + TV·(its factor), nested from the last year so the text grows linearly. */
  const nested = (f: F, rate: string, tv: string, gordon: boolean) => {
    const fcf = (i: number) => f(p.at(pr.R.fcf, yearCol(i)));
    const growth = (i: number) => `(1+${yearRate(f, rate, i)})`;
    const part = `^(1-0.5*${f(mid)})`;
    let z = gordon ? `(${fcf(n - 1)}+${tv})/${growth(n - 1)}${part}` : `${fcf(n - 1)}/${growth(n - 1)}${part}+${tv}/${growth(n - 1)}`;
    for (let i = n - 2; i >= 0; i--) z = `${fcf(i)}/${growth(i)}${part}+(${z})/${growth(i)}`;
    return z;
  };
  const vd = dr.valueDriver;
  const statedGrowth = model.valuation.terminalValue.valueDriver?.revenueGrowth !== undefined;
  const gordonTv = (f: F, rate: string, x: string) => {
    const t = terminalRate(f, rate);
    if (!vd) return `${f(p.at(pr.R.fcf, pr.last))}*(1+${x})/(${t}-${x})`;
    const growth = statedGrowth ? f(vd.growth) : x;
    const nopat = `${f(p.at(pr.R.revenue, pr.last))}*(1+${growth})*${f(vd.margin)}*(1-${f(vd.tax)})`;
    return `${nopat}*(1-${x}/${vd.ronic ? f(vd.ronic) : t})/(${t}-${x})`;
  };
  const invalid = (f: F, rate: string, g: string) => {
    const t = terminalRate(f, rate);
    const ronic = vd?.ronic ? [`${g}>=${f(vd.ronic)}`] : [];
    if (!cc) return `OR(${[`${rate}<=0`, `${g}>=${rate}`, ...ronic].join(',')})`;
    const lowest = `MIN(${f([cc.rate(0), cc.rate(n - 1)])})+(${rate}-${f(cc.rate(0))})`;
    return `OR(${[`${lowest}<=0`, `${t}<=0`, `${g}>=${t}`, ...ronic].join(',')})`;
  };
  const exitTvPeriod = dr.tvPeriod.exit;
  const exitMultiple = A.multiple;
  const blocks = [
    {
      grid: grids.gordon,
      method: vd ? L.valueDriverMethod : L.gordon,
      xLabel: L.terminalGrowth,
      xCenter: A.g as Ref,
      xFormat: 'percent' as Format,
      ev: (f: F, rate: string, x: string) =>
        cc ? nested(f, rate, gordonTv(f, rate, x), true) : `${pvSum(f, rate)}+${gordonTv(f, rate, x)}/(1+${rate})^${f(dr.tvPeriod.gordon)}`,
      invalid: (f: F, rate: string, x: string) => invalid(f, rate, x),
    },
  ];
  if (grids.exit && exitTvPeriod && exitMultiple)
    blocks.push({
      grid: grids.exit,
      method: L.exitMultipleMethod,
      xLabel: L.exitMultiple,
      xCenter: exitMultiple,
      xFormat: 'multiple' as Format,
      ev: (f: F, rate: string, x: string) =>
        cc
          ? nested(f, rate, `${f(p.at(pr.R.ebitda, pr.last))}*${x}`, false)
          : `${pvSum(f, rate)}+${f(p.at(pr.R.ebitda, pr.last))}*${x}/(1+${rate})^${f(exitTvPeriod)}`,
      invalid: (f: F, rate: string) => invalid(f, rate, f(A.g as Ref)),
    });
  for (const blk of blocks) {
    const g = blk.grid;
    const size = g.y.values.length;
    const evTop = top;
    const vpsTop = top + size + 4;
    for (const [t, title] of [
      [evTop, L.sensitivityEv(blk.method)],
      [vpsTop, L.sensitivityVps(blk.method)],
    ] as const) {
      s.text(t, 2, title, 'header');
      s.text(t + 1, 2, L.axis(L.wacc, blk.xLabel), 'note');
      g.x.values.forEach((x, i) => {
        s.formula(t + 1, 3 + i, (f) => `${f(blk.xCenter)}+(${num(i - g.x.baseIndex)})*${num(g.x.step)}`, x, blk.xFormat, 'header');
      });
      g.y.values.forEach((y, j) => {
        s.formula(t + 2 + j, 2, (f) => `${f(dr.wacc)}+(${num(j - g.y.baseIndex)})*${num(g.y.step)}`, y, 'percent', 'header');
      });
    }
    for (let j = 0; j < size; j++)
      for (let i = 0; i < g.x.values.length; i++) {
        const evCell = s.formula(
          evTop + 2 + j,
          3 + i,
          (f) => {
            const r = f(s.at(evTop + 2 + j, 2));
            const x = f(s.at(evTop + 1, 3 + i));
            return `IF(${blk.invalid(f, r, x)},"${NOT_AVAILABLE}",${blk.ev(f, r, x)})`;
          },
          g.enterpriseValue[j]?.[i] ?? null,
          'money',
        );
        s.formula(
          vpsTop + 2 + j,
          3 + i,
          (f) =>
            `IF(ISNUMBER(${f(evCell)}),${perShareFormula(f, `${dr.operating(f, f(evCell))}+${dr.bridge.map((x) => f(x)).join('+')}`, ar, dr)},"${NOT_AVAILABLE}")`,
          g.valuePerShare[j]?.[i] ?? null,
          'perShare',
        );
      }
    top = vpsTop + size + 4;
  }
}

export function buildComparables(
  s: Sheet,
  b: Built,
  ar: AssumptionRefs,
  h: HistoricalRefs,
  p: Sheet,
  pr: ProjectionRefs,
  dr: DcfRefs,
  c: ReturnType<typeof analyzeComparables>,
) {
  const { L, model } = b;
  const comps = model.comparables;
  if (!comps) return;
  s.columnWidths[1] = 30;
  s.text(1, 1, `${model.meta.codeName} — ${L.sheetComparables} (${comps.basis.toUpperCase()})`, 'title');
  const headers = [
    L.comparables,
    L.enterpriseValue,
    L.marketCap,
    L.revenue,
    L.ebitda,
    L.netIncome,
    L.evToEbitda,
    L.evToSales,
    L.priceToEarnings,
  ];
  headers.forEach((t, i) => {
    s.text(3, 1 + i, t, 'header');
  });
  const first = 4;
  comps.companies.forEach((co, k) => {
    const row = first + k;
    s.text(row, 1, co.name);
    [co.enterpriseValue, co.marketCap, co.revenue, co.ebitda, co.netIncome].forEach((x, i) => {
      s.constant(row, 2 + i, x, 'money');
    });
    const m = c.companies[k];
    const mult = (col: number, numCol: number, denCol: number, value: number | null | undefined) =>
      s.formula(
        row,
        col,
        (f) => `IF(${f(s.at(row, denCol))}>0,${f(s.at(row, numCol))}/${f(s.at(row, denCol))},"${NOT_MEANINGFUL}")`,
        value ?? NOT_MEANINGFUL,
        'multiple',
      );
    mult(7, 2, 5, m?.evToEbitda);
    mult(8, 2, 4, m?.evToSales);
    mult(9, 3, 6, m?.priceToEarnings);
  });
  const last = first + comps.companies.length - 1;
  const keys: [MultipleKey, number][] = [
    ['evToEbitda', 7],
    ['evToSales', 8],
    ['priceToEarnings', 9],
  ];
  let row = last + 2;
  const statRows: [string, string, keyof NonNullable<(typeof c.multiples)['evToEbitda']['stats']>][] = [
    [L.countPeers, 'COUNT', 'count'],
    [L.min, 'MIN', 'min'],
    // QUARTILE is QUARTILE.INC under its older name, which needs no _xlfn. prefix in the file format.
    [L.firstQuartile, 'QUARTILE', 'firstQuartile'],
    [L.median, 'MEDIAN', 'median'],
    [L.thirdQuartile, 'QUARTILE', 'thirdQuartile'],
    [L.max, 'MAX', 'max'],
    [L.mean, 'AVERAGE', 'mean'],
  ];
  const statRef: Record<string, Record<string, Ref>> = {};
  for (const [label, fn, key] of statRows) {
    s.text(row, 1, label);
    for (const [mk, col] of keys) {
      const range: [Ref, Ref] = [s.at(first, col), s.at(last, col)];
      const stats = c.multiples[mk].stats;
      const expected = key === 'count' ? (stats?.count ?? 0) : (stats?.[key] ?? null);
      const call = (f: (x: Part) => string) =>
        fn === 'QUARTILE' ? `QUARTILE(${f(range)},${key === 'firstQuartile' ? 1 : 3})` : `${fn}(${f(range)})`;
      const ref =
        key === 'count'
          ? s.formula(row, col, (f) => call(f), expected, 'integer')
          : s.formula(row, col, (f) => `IF(COUNT(${f(range)})=0,"${NOT_AVAILABLE}",${call(f)})`, expected, 'multiple');
      statRef[mk] = { ...(statRef[mk] ?? {}), [key]: ref };
    }
    row++;
  }
  row++;
  s.text(row, 1, L.targetMetric, 'header');
  const metricRow = row;
  const metricRefs: Record<MultipleKey, Ref> = {} as Record<MultipleKey, Ref>;
  const target = comps.target;
  const ltm = comps.basis === 'ltm';
  const sources: [MultipleKey, number, number | undefined, Ref | null, number | null][] = [
    ['evToEbitda', 7, target?.ebitda, ltm ? h.ebitda : p.at(pr.R.ebitda, yearCol(0)), c.target.ebitda],
    ['evToSales', 8, target?.revenue, ltm ? h.revenue : p.at(pr.R.revenue, yearCol(0)), c.target.revenue],
    ['priceToEarnings', 9, target?.netIncome, ltm ? h.netIncome : null, c.target.netIncome],
  ];
  for (const [mk, col, given, ref, expected] of sources) {
    if (given !== undefined) metricRefs[mk] = s.constant(metricRow, col, given, 'money');
    else if (ref) metricRefs[mk] = s.formula(metricRow, col, (f) => f(ref), expected, 'money');
    else metricRefs[mk] = s.constant(metricRow, col, NOT_AVAILABLE, 'text', 'label');
  }
  row += 2;
  const blocks: [string, 'impliedValue' | 'impliedEquityValue' | 'impliedValuePerShare'][] = [
    [L.impliedValue, 'impliedValue'],
    [L.impliedEquity, 'impliedEquityValue'],
    [L.impliedPerShare, 'impliedValuePerShare'],
  ];
  const levels: [string, 'low' | 'mid' | 'high', string][] = [
    [L.low, 'low', 'firstQuartile'],
    [L.mid, 'mid', 'median'],
    [L.high, 'high', 'thirdQuartile'],
  ];
  const blockRefs: Record<string, Record<string, Record<string, Ref>>> = {};
  for (const [title, key] of blocks) {
    s.text(row, 1, title, 'header');
    row++;
    for (const [label, level, stat] of levels) {
      s.text(row, 1, label);
      for (const [mk, col] of keys) {
        const expected = c.multiples[mk][key]?.[level] ?? null;
        const statCell = statRef[mk]?.[stat] as Ref;
        const metric = metricRefs[mk];
        let ref: Ref;
        if (key === 'impliedValue')
          ref = s.formula(
            row,
            col,
            (f) =>
              `IF(AND(ISNUMBER(${f(statCell)}),ISNUMBER(${f(metric)})),IF(${f(metric)}>0,${f(statCell)}*${f(metric)},"${NOT_AVAILABLE}"),"${NOT_AVAILABLE}")`,
            expected,
            'money',
          );
        else if (key === 'impliedEquityValue') {
          const iv = blockRefs.impliedValue?.[level]?.[mk] as Ref;
          ref =
            mk === 'priceToEarnings'
              ? s.formula(row, col, (f) => f(iv), expected, 'money')
              : s.formula(
                  row,
                  col,
                  (f) => `IF(ISNUMBER(${f(iv)}),${f(iv)}+${dr.bridge.map((x) => f(x)).join('+')},"${NOT_AVAILABLE}")`,
                  expected,
                  'money',
                );
        } else {
          const eq = blockRefs.impliedEquityValue?.[level]?.[mk] as Ref;
          ref = s.formula(
            row,
            col,
            (f) => `IF(ISNUMBER(${f(eq)}),${perShareFormula(f, f(eq), ar, dr)},"${NOT_AVAILABLE}")`,
            expected,
            'perShare',
          );
        }
        blockRefs[key] = { ...(blockRefs[key] ?? {}), [level]: { ...(blockRefs[key]?.[level] ?? {}), [mk]: ref } };
      }
      row++;
    }
    row++;
  }
}

export function buildAccretion(s: Sheet, b: Built, a0: Sheet, ar: AssumptionRefs) {
  const { L, model } = b;
  const a = model.accretionDilution;
  if (!a) return;
  const r = accretionDilution(model);
  const A = ar.refs;
  s.columnWidths[1] = 44;
  s.columnWidths[3] = 16;
  s.text(1, 1, `${model.meta.codeName} — ${L.accretion}`, 'title');
  s.text(2, 1, `${L.acquirer}: ${a.acquirerName}`, 'note');
  const inputs: [string, number, Format][] = [
    [L.acquirerSharePrice, a.acquirerSharePrice, 'perShare'],
    [L.acquirerShares, a.acquirerShares, 'shares'],
    [L.acquirerNetIncome, a.acquirerNetIncome, 'money'],
    [L.targetNetIncome, a.targetNetIncome, 'money'],
    [L.offerPrice, a.offerPricePerShare, 'perShare'],
    [L.financingCash, a.financing.cash, 'percent'],
    [L.financingDebt, a.financing.debt, 'percent'],
    [L.financingStock, a.financing.stock, 'percent'],
    [L.preTaxCostOfNewDebt, a.preTaxCostOfNewDebt, 'percent'],
    [L.interestRateOnCash, a.interestRateOnCash, 'percent'],
    [L.marginalTaxRate, a.taxRate, 'percent'],
    [L.synergies, a.synergies, 'money'],
    [L.newAmortization, a.newAmortization, 'money'],
    [L.transactionFees, a.transactionFees, 'money'],
  ];
  const I: Ref[] = inputs.map(([label, value, format], k) => {
    s.text(4 + k, 1, label);
    return s.constant(4 + k, 3, value, format);
  });
  const [price, shares, acqNi, tgtNi, offer, cashPct, debtPct, stockPct, kd, rc, tax, syn, amort, fees] = I as [
    Ref,
    Ref,
    Ref,
    Ref,
    Ref,
    Ref,
    Ref,
    Ref,
    Ref,
    Ref,
    Ref,
    Ref,
    Ref,
    Ref,
  ];
  let row = 4 + inputs.length + 1;
  const out: Record<string, Ref> = {};
  const add = (
    key: string,
    label: string,
    f: (x: (p: Part) => string) => string,
    expected: number | string | null,
    format: Format,
    style?: Style,
  ) => {
    s.text(row, 1, label, style === 'total' ? 'total' : 'label');
    out[key] = s.formula(row, 3, f, expected, format, style);
    row++;
  };
  const m = A.moneyScale as Ref;
  const sc = A.shareScale as Ref;
  add(
    'diluted',
    L.targetDilutedShares,
    (f) =>
      [
        f(A.basic as Ref),
        ...ar.trancheRows.map((tr) => {
          const [count, strike] = [f(a0.at(tr, 3)), f(a0.at(tr, 4))];
          return `IF(${strike}<${f(offer)},${count}*(1-${strike}/${f(offer)}),0)`;
        }),
      ].join('+'),
    r.targetDilutedShares,
    'shares',
  );
  const o = () => out as Record<string, Ref>;
  add('purchase', L.purchasePrice, (f) => `${f(offer)}*${f(o().diluted as Ref)}*${f(sc)}/${f(m)}`, r.purchasePrice, 'money', 'total');
  add('cash', L.cashUsed, (f) => `${f(o().purchase as Ref)}*${f(cashPct)}+${f(fees)}`, r.cashUsed, 'money');
  add('debt', L.newDebt, (f) => `${f(o().purchase as Ref)}*${f(debtPct)}`, r.newDebt, 'money');
  add('stock', L.stockIssued, (f) => `${f(o().purchase as Ref)}*${f(stockPct)}`, r.stockIssued, 'money');
  add('newShares', L.newShares, (f) => `${f(o().stock as Ref)}*${f(m)}/(${f(price)}*${f(sc)})`, r.newShares, 'shares');
  add('syn', L.synergies, (f) => `${f(syn)}*(1-${f(tax)})`, r.afterTaxSynergies, 'money');
  add('interest', L.preTaxCostOfNewDebt, (f) => `${f(o().debt as Ref)}*${f(kd)}*(1-${f(tax)})`, r.afterTaxInterestOnNewDebt, 'money');
  add('forgone', L.interestRateOnCash, (f) => `${f(o().cash as Ref)}*${f(rc)}*(1-${f(tax)})`, r.afterTaxForgoneInterestOnCash, 'money');
  add('amort', L.newAmortization, (f) => `${f(amort)}*(1-${f(tax)})`, r.afterTaxNewAmortization, 'money');
  add(
    'pfNi',
    L.proFormaNetIncome,
    (f) => `${f(acqNi)}+${f(tgtNi)}-${f(o().interest as Ref)}-${f(o().forgone as Ref)}-${f(o().amort as Ref)}+${f(o().syn as Ref)}`,
    r.proFormaNetIncome,
    'money',
    'total',
  );
  add('pfShares', L.proFormaShares, (f) => `${f(shares)}+${f(o().newShares as Ref)}`, r.proFormaShares, 'shares');
  add('saEps', L.standaloneEps, (f) => `${f(acqNi)}*${f(m)}/(${f(shares)}*${f(sc)})`, r.standaloneEps, 'perShare');
  add(
    'pfEps',
    L.proFormaEps,
    (f) => `${f(o().pfNi as Ref)}*${f(m)}/(${f(o().pfShares as Ref)}*${f(sc)})`,
    r.proFormaEps,
    'perShare',
    'total',
  );
  add(
    'accretion',
    L.accretionPct,
    (f) => `IF(${f(o().saEps as Ref)}>0,${f(o().pfEps as Ref)}/${f(o().saEps as Ref)}-1,"${NOT_AVAILABLE}")`,
    r.accretion,
    'percent',
    'total',
  );
  add(
    'breakeven',
    L.breakevenSynergies,
    (f) => `(${f(o().saEps as Ref)}*${f(o().pfShares as Ref)}*${f(sc)}/${f(m)}-(${f(o().pfNi as Ref)}-${f(o().syn as Ref)}))/(1-${f(tax)})`,
    r.breakevenSynergies,
    'money',
  );
  if (A.sharePrice) {
    const sp = A.sharePrice;
    add('premium', L.premium, (f) => `${f(offer)}/${f(sp)}-1`, r.premiumToMarket, 'percent');
  }
}
