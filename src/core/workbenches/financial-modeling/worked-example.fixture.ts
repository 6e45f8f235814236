import type { Valuation } from './dcf.js';

/**
 * The year-by-year table of docs/financial-model-format.md's worked example, from the engine's
 * valuation: docs.test.ts checks that the page shows exactly this table, so the page cannot drift.
 */
export function workedExampleTable(v: Valuation): string {
  const p = v.projection;
  const money = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : (Math.abs(x) < 0.05 ? 0 : x).toFixed(1));
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(2)}%`);
  const factor = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(4));
  const margin = p.revenue.map((r, i) => (r === 0 ? null : (p.ebit[i] ?? 0) / r));
  const rows: [string, string[]][] = [
    ['Revenue', p.revenue.map(money)],
    ['Operating margin', margin.map(pct)],
    ['EBIT', p.ebit.map(money)],
    ['Tax losses used', (p.lossCarryForward?.used ?? []).map(money)],
    ['Taxes', p.taxes.map(money)],
    ['NOPAT', p.nopat.map(money)],
    ['Reinvestment (Δrevenue ÷ sales to capital)', (p.salesToCapital?.reinvestment ?? []).map(money)],
    ['FCFF', p.freeCashFlow.map(money)],
    ['ROIC', (p.investedCapital?.roic ?? []).map(pct)],
    ['Cost of capital', v.costOfCapital.rates.map(pct)],
    ['Cumulated discount factor', v.discountFactors.map(factor)],
    ['Present value', v.presentValues.map(money)],
  ];
  const head = `| | ${p.years.join(' | ')} |`;
  const rule = `| --- | ${p.years.map(() => '---:').join(' | ')} |`;
  return [head, rule, ...rows.map(([label, cells]) => `| ${label} | ${cells.join(' | ')} |`)].join('\n');
}
