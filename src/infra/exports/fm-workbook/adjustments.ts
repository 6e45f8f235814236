import { adjustmentLabelsFor } from '../../../core/workbenches/financial-modeling/adjustment-labels.js';
import { bookOrMarketValue } from '../../../core/workbenches/financial-modeling/adjustments.js';
import { type Built, NOT_AVAILABLE, type Part, type Ref, type Sheet, yearCol } from './cells.js';
import type { AssumptionRefs, HistoricalRefs, ProjectionRefs } from './statements.js';

/**
 * The fourth slice of docs/decisions/0010 in the workbook: the bridge rows for minority interests,
 * cross-holdings and lease debt (Assumptions), the failure inputs (Assumptions) and their block on
 * the DCF sheet, the R&D sheet (Damodaran's R&D converter, then the forecast) and the Leases sheet
 * (his operating lease converter) — every figure a live formula on its inputs, in the engine's
 * arithmetic (core/workbenches/financial-modeling/adjustments.ts).
 */

type F = (p: Part) => string;

/** Where the Leases sheet keeps its totals; fixed by the number of commitments, so other sheets can refer to them first. */
export function leaseLayout(k: number) {
  const first = 7;
  const beyond = first + k;
  return {
    first,
    last: first + k - 1,
    beyond,
    beyondYearsInput: beyond + 1,
    beyondYears: beyond + 2,
    annual: beyond + 3,
    beyondPv: beyond + 4,
    debt: beyond + 5,
  };
}

/** The lease debt cell of the Leases sheet. */
export function leaseDebtRef(leases: Sheet, b: Built): Ref | null {
  const l = b.model.capitalization?.operatingLeases;
  return l ? leases.at(leaseLayout(l.commitments.length).debt, 3) : null;
}

/**
 * The Assumptions rows after the model's other bridge items: minority interests (book × P/B,
 * deducted), cross-holdings (added), lease debt (deducted). Column C is what the bridge counts
 * (a formula), D its sign, E the amount, F the price-to-book ratio. Returns the next row.
 */
export function buildBridgeAdjustmentRows(s: Sheet, b: Built, top: number, leases: Sheet): number {
  const { model: m } = b;
  const A = adjustmentLabelsFor(m.meta.language);
  let row = top;
  const items = [
    [m.bridge.minorityInterests, A.minorityInterests, -1],
    [m.bridge.crossHoldings, A.crossHoldings, 1],
  ] as const;
  const debt = leaseDebtRef(leases, b);
  if (items.some(([item]) => item)) {
    s.text(29, 5, A.bookValue, 'header');
    s.text(29, 6, A.priceToBook, 'header');
  }
  for (const [item, label, sign] of items) {
    if (!item) continue;
    s.text(row, 1, item.label ?? label);
    const amount = s.constant(row, 5, item.amount, 'money');
    const pb =
      item.valuedAt === 'book' ? s.constant(row, 6, item.priceToBook ?? 1, 'multiple') : s.constant(row, 6, 1, 'multiple', 'label');
    s.formula(row, 3, (f) => `${f(amount)}*${f(pb)}`, bookOrMarketValue(item), 'money');
    s.constant(row, 4, sign, 'integer');
    row++;
  }
  const lease = b.valuation.capitalization?.operatingLeases;
  if (debt && lease) {
    s.text(row, 1, A.leaseDebt);
    s.formula(row, 3, (f) => f(debt), lease.debt, 'money');
    s.constant(row, 4, -1, 'integer');
    row++;
  }
  return row;
}

/** The failure inputs at the end of the Assumptions sheet; returns the next row. */
export function buildFailureInputs(s: Sheet, b: Built, refs: Record<string, Ref>, top: number, leases: Sheet): number {
  const { model: m, valuation: v } = b;
  const f = m.valuation.failure;
  const fv = v.failure;
  if (!f || !fv) return top;
  const A = adjustmentLabelsFor(m.meta.language);
  let row = top + 1;
  s.text(row++, 1, A.failure, 'header');
  refs.failP = s.input(row++, A.failureProbability, f.probability, 'percent');
  refs.failBook = s.input(row++, A.failureBasisIsBook, f.proceedsBasis === 'bookValue' ? 1 : 0, 'integer');
  refs.failPct = s.input(row++, A.failurePercent, f.proceedsPercent, 'percent');
  if (f.bookValueOfCapital !== undefined || f.proceedsBasis === 'fairValue')
    refs.failCapital = s.input(row++, A.bookValueOfCapital, f.bookValueOfCapital ?? 0, 'money');
  else {
    // Debt + equity of the last balance sheet (an input here), plus the lease debt when leases are converted.
    const bs = m.historicals.at(-1)?.balanceSheet;
    const given = s.constant(row, 5, (bs?.debt ?? 0) + (bs?.equity ?? 0), 'money');
    const debt = leaseDebtRef(leases, b);
    s.text(row, 1, A.bookValueOfCapital);
    refs.failCapital = s.formula(row, 3, (r) => `MAX(0,${r(given)}${debt ? `+${r(debt)}` : ''})`, fv.bookValueOfCapital ?? 0, 'money');
    row++;
  }
  return row;
}

/** The failure weighting as a formula on a going-concern value (formula text): the engine's operatingAssetsValue. */
export function failureFormula(f: F, ar: AssumptionRefs, goingConcern: string): string {
  const A = ar.refs;
  const [p, book, pct, capital] = [A.failP, A.failBook, A.failPct, A.failCapital].map((x) => f(x as Ref));
  return `(${goingConcern})*(1-${p})+IF(${book}=1,${pct}*${capital},${pct}*(${goingConcern}))*${p}`;
}

/**
 * The failure block below the DCF sheet (one column per method): the going-concern value, the
 * distress proceeds and the failure-weighted value, which the equity value (row 32) then starts from.
 */
export function buildFailureBlock(s: Sheet, b: Built, ar: AssumptionRefs): void {
  const { model, valuation: v } = b;
  const A = ar.refs;
  if (!v.failure || !A.failP || !A.failBook || !A.failPct || !A.failCapital) return;
  const { failP, failBook, failPct, failCapital } = A;
  const L = adjustmentLabelsFor(model.meta.language);
  let top = 0;
  for (const a1 of s.cells.keys()) top = Math.max(top, Number(a1.replace(/^[A-Z]+/, '')));
  top += 2;
  s.text(top, 1, L.failure, 'header');
  s.text(top + 1, 1, L.goingConcernValue);
  s.text(top + 2, 1, L.distressProceeds);
  s.text(top + 3, 1, L.operatingAssetsValue, 'total');
  for (const [col, m] of [
    [3, v.gordon],
    [4, v.exitMultipleMethod],
  ] as const) {
    const fv = m?.failure;
    if (!fv) continue;
    const gc = s.formula(top + 1, col, (f) => f(s.at(27, col)), fv.goingConcernValue, 'money');
    const proceeds = s.formula(
      top + 2,
      col,
      (f) => `IF(${f(failBook)}=1,${f(failPct)}*${f(failCapital)},${f(failPct)}*${f(gc)})`,
      fv.proceeds,
      'money',
    );
    const value = s.formula(top + 3, col, (f) => `${f(gc)}*(1-${f(failP)})+${f(proceeds)}*${f(failP)}`, fv.value, 'money', 'total');
    s.formula(32, col, (f) => `${f(value)}+${f(s.at(29, col))}+${f(s.at(30, col))}+${f(s.at(31, col))}`, m.equityValue, 'money', 'total');
  }
}

/** The R&D sheet: the research asset of the last historical year (the converter), then the forecast. */
export function buildResearch(s: Sheet, b: Built, ar: AssumptionRefs, h: HistoricalRefs, p: Sheet, pr: ProjectionRefs): void {
  const { model: m, valuation: v, n } = b;
  const r = m.capitalization?.researchAndDevelopment;
  const ra = v.capitalization?.researchAndDevelopment;
  if (!r || !ra) return;
  const L = adjustmentLabelsFor(m.meta.language);
  s.columnWidths[1] = 44;
  s.columnWidths[3] = 14;
  s.text(1, 1, `${m.meta.codeName} — ${L.researchTitle}`, 'title');
  const life = s.input(3, L.amortizableLife, r.life, 'integer');
  const head = 5;
  [L.vintage, '', L.rndExpense, L.unamortizedShare, L.unamortized, L.amortizationThisYear].forEach((t, i) => {
    if (t) s.text(head, 1 + i, t, 'header');
  });
  const first = head + 1;
  ra.base.vintages.forEach((vint, j) => {
    const row = first + j;
    const age = r.life - j;
    s.constant(row, 1, vint.year, 'year', 'label');
    const ageRef = s.constant(row, 2, age, 'integer', 'label');
    const expense = s.constant(row, 3, vint.expense, 'money');
    s.formula(row, 4, (f) => `(${f(life)}-${f(ageRef)})/${f(life)}`, vint.unamortizedShare, 'percent');
    s.formula(row, 5, (f) => `${f(expense)}*${f(s.at(row, 4))}`, vint.unamortized, 'money');
    s.formula(row, 6, (f) => `IF(${f(ageRef)}>=1,${f(expense)}/${f(life)},0)`, vint.amortization, 'money');
  });
  const last = first + r.life;
  let row = last + 1;
  s.text(row, 1, L.researchAsset, 'total');
  const asset = s.formula(row, 5, (f) => `SUM(${f([s.at(first, 5), s.at(last, 5)])})`, ra.base.asset, 'money', 'total');
  const amort = s.formula(row, 6, (f) => `SUM(${f([s.at(first, 6), s.at(last, 6)])})`, ra.base.amortization, 'money', 'total');
  row += 2;
  s.text(row, 1, L.reportedEbit);
  const ebit = s.formula(row, 3, (f) => f(h.ebit), ra.base.ebit, 'money');
  row++;
  s.text(row, 1, L.adjustedEbit, 'total');
  s.formula(row, 3, (f) => `${f(ebit)}+${f(s.at(last, 3))}-${f(amort)}`, ra.base.adjustedEbit, 'money', 'total');
  row += 2;
  // The forecast, one column per year (the Projections sheet's columns).
  const fc = ra.forecast;
  const R = {
    years: row,
    revenue: row + 1,
    pct: row + 2,
    expense: row + 3,
    amort: row + 4,
    open: row + 5,
    close: row + 6,
    net: row + 7,
    ebit: row + 8,
    adjEbit: row + 9,
    nopat: row + 10,
    adjNopat: row + 11,
    reinv: row + 12,
    adjReinv: row + 13,
    fcf: row + 14,
    icOpen: row + 16,
    icClose: row + 17,
    roic: row + 18,
  };
  s.text(R.years, 1, L.forecastYears, 'header');
  const labels: [number, string, ('total' | 'label')?][] = [
    [R.revenue, L.revenue],
    [R.pct, L.rndPercentOfRevenue],
    [R.expense, L.rndExpense],
    [R.amort, L.amortizationThisYear],
    [R.open, L.assetOpening],
    [R.close, L.assetClosing, 'total'],
    [R.net, L.netCapitalized],
    [R.ebit, L.reportedEbit],
    [R.adjEbit, L.adjustedEbit, 'total'],
    [R.nopat, L.nopat],
    [R.adjNopat, L.adjustedNopat, 'total'],
    [R.reinv, L.reinvestment],
    [R.adjReinv, L.adjustedReinvestment, 'total'],
    [R.fcf, L.freeCashFlow],
  ];
  const ic = fc.investedCapital;
  const openingIc = ar.refs.openingIc;
  if (ic && openingIc)
    labels.push([R.icOpen, L.investedCapitalOpening], [R.icClose, L.investedCapitalClosing, 'total'], [R.roic, L.adjustedRoic]);
  for (const [r0, t, style] of labels) s.text(r0, 1, t, style ?? 'label');
  const proj = v.projection;
  for (let i = 0; i < n; i++) {
    const col = yearCol(i);
    const at = (r0: number, dc = 0) => s.at(r0, col + dc);
    const pAt = (r0: number) => p.at(r0, col);
    s.constant(R.years, col, proj.years[i] ?? 0, 'year', 'header');
    s.formula(R.revenue, col, (f) => f(pAt(pr.R.revenue)), proj.revenue[i] ?? 0, 'money');
    s.constant(R.pct, col, fc.percentOfRevenue[i] ?? 0, 'percent');
    s.formula(R.expense, col, (f) => `${f(at(R.revenue))}*${f(at(R.pct))}`, fc.expense[i] ?? 0, 'money');
    // The `life` vintages before the year: the base-year table's younger ones, then the forecast's earlier years.
    const pastFrom = i + 1;
    const forecastFrom = Math.max(0, i - r.life);
    s.formula(
      R.amort,
      col,
      (f) => {
        const parts: string[] = [];
        if (pastFrom <= r.life) parts.push(`SUM(${f([s.at(first + pastFrom, 3), s.at(last, 3)])})`);
        if (i >= 1) parts.push(`SUM(${f([s.at(R.expense, yearCol(forecastFrom)), s.at(R.expense, yearCol(i - 1))])})`);
        return `(${parts.join('+')})/${f(life)}`;
      },
      fc.amortization[i] ?? 0,
      'money',
    );
    s.formula(R.open, col, (f) => (i === 0 ? f(asset) : f(at(R.close, -1))), fc.assetOpening[i] ?? 0, 'money');
    s.formula(R.close, col, (f) => `${f(at(R.open))}+${f(at(R.expense))}-${f(at(R.amort))}`, fc.assetClosing[i] ?? 0, 'money', 'total');
    s.formula(R.net, col, (f) => `${f(at(R.expense))}-${f(at(R.amort))}`, fc.netCapitalized[i] ?? 0, 'money');
    s.formula(R.ebit, col, (f) => f(pAt(pr.R.ebit)), proj.ebit[i] ?? 0, 'money');
    s.formula(R.adjEbit, col, (f) => `${f(at(R.ebit))}+${f(at(R.expense))}-${f(at(R.amort))}`, fc.adjustedEbit[i] ?? 0, 'money', 'total');
    s.formula(R.nopat, col, (f) => f(pAt(pr.R.nopat)), proj.nopat[i] ?? 0, 'money');
    s.formula(
      R.adjNopat,
      col,
      (f) => `${f(at(R.nopat))}+${f(at(R.expense))}-${f(at(R.amort))}`,
      fc.adjustedNopat[i] ?? 0,
      'money',
      'total',
    );
    const reported = (fc.adjustedReinvestment[i] ?? 0) - (fc.netCapitalized[i] ?? 0);
    s.formula(
      R.reinv,
      col,
      (f) => (proj.salesToCapital ? f(pAt(pr.R.reinvestment)) : `${f(pAt(pr.R.capex))}-${f(pAt(pr.R.da))}+${f(pAt(pr.R.dnwc))}`),
      reported,
      'money',
    );
    s.formula(R.adjReinv, col, (f) => `${f(at(R.reinv))}+${f(at(R.net))}`, fc.adjustedReinvestment[i] ?? 0, 'money', 'total');
    s.formula(R.fcf, col, (f) => f(pAt(pr.R.fcf)), proj.freeCashFlow[i] ?? 0, 'money');
    if (ic && openingIc) {
      s.formula(R.icOpen, col, (f) => (i === 0 ? `${f(openingIc)}+${f(asset)}` : f(at(R.icClose, -1))), ic.opening[i] ?? 0, 'money');
      s.formula(R.icClose, col, (f) => `${f(at(R.icOpen))}+${f(at(R.adjReinv))}`, ic.closing[i] ?? 0, 'money', 'total');
      s.formula(
        R.roic,
        col,
        (f) => `IF(${f(at(R.icOpen))}>0,${f(at(R.adjNopat))}/${f(at(R.icOpen))},"${NOT_AVAILABLE}")`,
        ic.roic[i] ?? null,
        'percent',
      );
    }
  }
}

/** The Leases sheet: the commitments discounted at the pre-tax cost of debt, the lease debt and the adjusted EBIT. */
export function buildLeases(s: Sheet, b: Built, ar: AssumptionRefs, h: HistoricalRefs): void {
  const { model: m, valuation: v } = b;
  const l = m.capitalization?.operatingLeases;
  const lc = v.capitalization?.operatingLeases;
  if (!l || !lc) return;
  const L = adjustmentLabelsFor(m.meta.language);
  const k = l.commitments.length;
  const y = leaseLayout(k);
  s.columnWidths[1] = 44;
  s.columnWidths[3] = 14;
  s.text(1, 1, `${m.meta.codeName} — ${L.leasesTitle}`, 'title');
  const kd = ar.refs.kd;
  let rate: Ref;
  if (l.preTaxCostOfDebt === undefined && kd) {
    s.text(3, 1, L.leaseRate);
    rate = s.formula(3, 3, (f) => f(kd), lc.rate, 'percent');
  } else rate = s.input(3, L.leaseRate, lc.rate, 'percent');
  const expense = s.input(4, L.currentLeaseExpense, lc.currentExpense, 'money');
  [L.vintage, '', L.commitment, L.discountFactor, L.presentValue].forEach((t, i) => {
    if (t) s.text(y.first - 1, 1 + i, t, 'header');
  });
  lc.commitments.forEach((c, i) => {
    const row = y.first + i;
    s.constant(row, 1, c.year, 'year', 'label');
    const t = s.constant(row, 2, i + 1, 'integer', 'label');
    const amount = s.constant(row, 3, c.amount, 'money');
    const factor = s.formula(row, 4, (f) => `1/(1+${f(rate)})^${f(t)}`, c.factor, 'factor');
    s.formula(row, 5, (f) => `${f(amount)}*${f(factor)}`, c.presentValue, 'money');
  });
  const commitments: [Ref, Ref] = [s.at(y.first, 3), s.at(y.last, 3)];
  const beyond = s.input(y.beyond, L.beyond, lc.beyond, 'money');
  let years: Ref;
  if (l.beyondYears !== undefined) {
    const stated = s.input(y.beyondYearsInput, L.beyondYears, l.beyondYears, 'integer');
    s.text(y.beyondYears, 1, L.beyondYears);
    years = s.formula(y.beyondYears, 3, (f) => `IF(${f(beyond)}>0,${f(stated)},0)`, lc.beyondYears, 'integer');
  } else {
    s.text(y.beyondYears, 1, L.beyondYears);
    years = s.formula(
      y.beyondYears,
      3,
      (f) => {
        const avg = `AVERAGE(${f(commitments)})`;
        return `IF(${f(beyond)}>0,MAX(1,IF(${avg}>0,INT(${f(beyond)}/${avg}),1)),0)`;
      },
      lc.beyondYears,
      'integer',
    );
  }
  s.text(y.annual, 1, L.beyondAnnual);
  const annual = s.formula(y.annual, 3, (f) => `IF(${f(years)}>0,${f(beyond)}/${f(years)},0)`, lc.beyondAnnual, 'money');
  s.text(y.beyondPv, 1, `${L.beyond} — ${L.presentValue}`);
  const beyondPv = s.formula(
    y.beyondPv,
    5,
    (f) => `IF(${f(years)}>0,${f(annual)}*(1-(1+${f(rate)})^(-${f(years)}))/${f(rate)}/(1+${f(rate)})^${k},0)`,
    lc.beyondPresentValue,
    'money',
  );
  s.text(y.debt, 1, L.leaseDebtTotal, 'total');
  const debt = s.formula(y.debt, 3, (f) => `SUM(${f([s.at(y.first, 5), s.at(y.last, 5)])})+${f(beyondPv)}`, lc.debt, 'money', 'total');
  s.text(y.debt + 1, 1, L.leaseLife);
  const life = s.formula(y.debt + 1, 3, (f) => `${k}+${f(years)}`, lc.life, 'integer');
  s.text(y.debt + 2, 1, L.leaseDepreciation);
  const dep = s.formula(y.debt + 2, 3, (f) => `${f(debt)}/${f(life)}`, lc.depreciation, 'money');
  s.text(y.debt + 4, 1, L.reportedEbit);
  const ebit = s.formula(y.debt + 4, 3, (f) => f(h.ebit), lc.ebit, 'money');
  s.text(y.debt + 5, 1, L.leaseAdjustedEbit, 'total');
  s.formula(y.debt + 5, 3, (f) => `${f(ebit)}+${f(expense)}-${f(dep)}`, lc.adjustedEbit, 'money', 'total');
}
