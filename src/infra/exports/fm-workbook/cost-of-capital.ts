import { pathTerminal, pathValue } from '../../../core/workbenches/financial-modeling/cost-of-capital.js';
import { capmPathKeys } from '../../../shared/contracts/financial-model.js';
import { type Built, type Part, type Ref, type Sheet, yearCol } from './cells.js';
import type { AssumptionRefs } from './statements.js';

/**
 * The Cost of capital sheet, written when WACC changes by year (wacc.byYear) or the terminal value
 * has its own cost of capital: each forecast year's inputs (from the Assumptions sheet's paths),
 * its WACC build-up, the terminal column, and the cumulated discount factors ∏(1 + WACCₜ).
 */

export interface CostOfCapitalRefs {
  /** The build-up rows (CAPM) and the WACC row, by forecast-year column (yearCol) and the terminal column. */
  row: Record<'rf' | 'erp' | 'beta' | 'size' | 'kd' | 'wd' | 'observedDe' | 'bu' | 'de' | 'bl' | 'ke' | 'kdat' | 'we' | 'wacc', number>;
  sheet: Sheet;
  terminalCol: number;
  rate: (i: number) => Ref;
  /** The terminal cost of capital (stated, or the terminal column's WACC). */
  terminal: Ref;
  endFactor: (i: number) => Ref;
  factor: (i: number) => Ref;
}

const inputRef: Record<(typeof capmPathKeys)[number], 'rf' | 'erp' | 'beta' | 'size' | 'kd' | 'wd'> = {
  riskFreeRate: 'rf',
  equityRiskPremium: 'erp',
  beta: 'beta',
  sizePremium: 'size',
  preTaxCostOfDebt: 'kd',
  targetDebtToCapital: 'wd',
};

export function buildCostOfCapital(s: Sheet, b: Built, a: Sheet, ar: AssumptionRefs): CostOfCapitalRefs {
  const { L, model, valuation: v, n } = b;
  const A = ar.refs;
  const cc = v.costOfCapital;
  const years = cc.years ?? [];
  const tw = cc.terminalWacc;
  s.columnWidths[1] = 40;
  s.text(1, 1, `${model.meta.codeName} — ${L.sheetCostOfCapital}`, 'title');
  s.text(3, 1, L.year, 'header');
  const terminalCol = yearCol(n);
  v.projection.years.forEach((y, i) => {
    s.constant(3, yearCol(i), y, 'year', 'header');
  });
  s.text(3, terminalCol, L.terminalColumn, 'header');
  const row = { rf: 4, erp: 5, beta: 6, size: 7, kd: 8, wd: 9, observedDe: 10, bu: 11, de: 12, bl: 13, ke: 14, kdat: 15, we: 16, wacc: 17 };
  const cols = [
    ...v.projection.years.map((_, i) => ({ col: yearCol(i), w: years[i], at: i as number | 'terminal' })),
    { col: terminalCol, w: tw, at: 'terminal' as const },
  ];
  /** An input in a column: the path's cell on the Assumptions sheet, or the input itself. */
  const input = (ref: 'rf' | 'erp' | 'beta' | 'size' | 'kd' | 'wd' | 'waccGiven', key: string, at: number | 'terminal'): Ref => {
    const path = ar.paths[key];
    if (!path) return A[ref] as Ref;
    return at === 'terminal' ? path.terminal : a.at(path.row, 3 + at);
  };
  const w = model.wacc;
  if (w.method === 'capm') {
    const labels: [keyof typeof row, string][] = [
      ['rf', L.riskFreeRate],
      ['erp', L.equityRiskPremium],
      ['beta', L.betaInput],
      ['size', L.sizePremium],
      ['kd', L.preTaxCostOfDebt],
      ['wd', L.targetDebtToCapital],
      ['observedDe', L.observedDebtToEquity],
      ['bu', L.unleveredBeta],
      ['de', L.targetDebtToEquity],
      ['bl', L.leveredBeta],
      ['ke', L.costOfEquity],
      ['kdat', L.afterTaxCostOfDebt],
      ['we', L.equityWeight],
    ];
    for (const [k, text] of labels) s.text(row[k], 1, text);
    const tax = A.tax as Ref;
    const levered = A.levered as Ref;
    const observedGiven = w.beta.kind === 'levered' && w.beta.observedDebtToEquity !== undefined;
    for (const { col, w: r, at } of cols) {
      const value = (key: (typeof capmPathKeys)[number]) => {
        const ref = input(inputRef[key], key, at);
        return s.formula(
          row[inputRef[key]],
          col,
          (f) => f(ref),
          key === 'beta' ? (r?.leveredBeta === null ? null : betaInput(b, at)) : capmInput(b, key, at),
          key === 'beta' ? 'beta' : 'percent',
        );
      };
      const [rf, erp, beta, size, kd, wd] = capmPathKeys.map(value) as [Ref, Ref, Ref, Ref, Ref, Ref];
      const wdValue = capmInput(b, 'targetDebtToCapital', at);
      const observed = observedGiven
        ? s.formula(
            row.observedDe,
            col,
            (f) => f(A.observedDe as Ref),
            w.beta.kind === 'levered' ? (w.beta.observedDebtToEquity ?? 0) : 0,
            'factor',
          )
        : s.formula(row.observedDe, col, (f) => `${f(wd)}/(1-${f(wd)})`, wdValue / (1 - wdValue), 'factor');
      const bu = s.formula(
        row.bu,
        col,
        (f) => `IF(${f(levered)}=1,${f(beta)}/(1+(1-${f(tax)})*${f(observed)}),${f(beta)})`,
        r?.unleveredBeta ?? null,
        'beta',
      );
      const de = s.formula(row.de, col, (f) => `${f(wd)}/(1-${f(wd)})`, r?.targetDebtToEquity ?? null, 'factor');
      const bl = s.formula(row.bl, col, (f) => `${f(bu)}*(1+(1-${f(tax)})*${f(de)})`, r?.leveredBeta ?? null, 'beta');
      const ke = s.formula(row.ke, col, (f) => `${f(rf)}+${f(bl)}*${f(erp)}+${f(size)}`, r?.costOfEquity ?? null, 'percent');
      const kdat = s.formula(row.kdat, col, (f) => `${f(kd)}*(1-${f(tax)})`, r?.afterTaxCostOfDebt ?? null, 'percent');
      const we = s.formula(row.we, col, (f) => `1-${f(wd)}`, r?.equityWeight ?? null, 'percent');
      s.formula(row.wacc, col, (f) => `${f(we)}*${f(ke)}+${f(wd)}*${f(kdat)}`, r?.wacc ?? null, 'percent', 'total');
    }
  } else {
    s.text(row.rf, 1, L.waccGiven);
    for (const { col, w: r, at } of cols) {
      const ref = input('waccGiven', 'rate', at);
      const given = s.formula(row.rf, col, (f) => f(ref), r?.wacc ?? null, 'percent');
      s.formula(row.wacc, col, (f) => f(given), r?.wacc ?? null, 'percent', 'total');
    }
  }
  s.text(row.wacc, 1, L.wacc, 'total');
  s.text(19, 1, L.terminalCostOfCapital, 'total');
  const stated = A.terminalCoc;
  const terminal = stated
    ? s.formula(19, 3, (f) => f(stated), cc.terminal, 'percent', 'total')
    : s.formula(19, 3, (f) => f(s.at(row.wacc, terminalCol)), cc.terminal, 'percent', 'total');
  s.text(21, 1, L.cumulativeFactor);
  s.text(22, 1, L.discountFactor);
  const mid = A.mid as Ref;
  let end = 1;
  for (let i = 0; i < n; i++) {
    const col = yearCol(i);
    const r = s.at(row.wacc, col);
    const prev = (f: (p: Part) => string) => (i === 0 ? '1' : f(s.at(21, col - 1)));
    const rate = cc.rates[i] ?? 0;
    const factor = end / (1 + rate) ** (1 - 0.5 * (model.valuation.midYearConvention ? 1 : 0));
    end = end / (1 + rate);
    s.formula(21, col, (f) => `${prev(f)}/(1+${f(r)})`, end, 'factor');
    s.formula(22, col, (f) => `${prev(f)}/(1+${f(r)})^(1-0.5*${f(mid)})`, factor, 'factor');
  }
  return {
    row,
    sheet: s,
    terminalCol,
    rate: (i) => s.at(row.wacc, yearCol(i)),
    terminal,
    endFactor: (i) => s.at(21, yearCol(i)),
    factor: (i) => s.at(22, yearCol(i)),
  };
}

/** The engine's value of a CAPM input in a year or the terminal column. */
function capmInput(b: Built, key: Exclude<(typeof capmPathKeys)[number], 'beta'>, at: number | 'terminal'): number {
  const w = b.model.wacc;
  if (w.method !== 'capm') return 0;
  const path = w.byYear?.[key];
  return at === 'terminal' ? pathTerminal(path, w[key]) : pathValue(path, w[key], at, b.model.forecast.years);
}

function betaInput(b: Built, at: number | 'terminal'): number {
  const w = b.model.wacc;
  if (w.method !== 'capm') return 0;
  const path = w.byYear?.beta;
  return at === 'terminal' ? pathTerminal(path, w.beta.value) : pathValue(path, w.beta.value, at, b.model.forecast.years);
}
